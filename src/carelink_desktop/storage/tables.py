"""Table mappings. Every record table carries the sync-ready columns of ``Record``.

Timestamps are stored as ISO 8601 UTC text; dates as ISO dates; lists as JSON. The schema itself
is created and changed only by the Alembic migrations in ``storage/migrations``; a test checks that
these mappings and the migrations agree.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes stored as sortable ISO text."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the core stores UTC only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return datetime.fromisoformat(value) if value else None


class JsonList(TypeDecorator[list[str]]):
    """A list of short strings stored as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        return json.dumps(list(value or []), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return list(json.loads(value)) if value else []


class JsonRecords(TypeDecorator[list[dict[str, Any]]]):
    """A short list of small records (dicts of plain values) stored as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[dict[str, Any]] | None, dialect: Dialect) -> str:
        return json.dumps([dict(item) for item in value or []], ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[dict[str, Any]]:
        return [dict(item) for item in json.loads(value)] if value else []


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """Columns every record table carries, so sync and audit need no rewrite later."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(36))
    hlc: Mapped[str] = mapped_column(String(64), index=True)
    site_id: Mapped[str] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class HomeRow(Record):
    """The care home itself (one row)."""

    __tablename__ = "home"
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    regulator_id: Mapped[str] = mapped_column(String(40), default="")


class SiteRow(Record):
    """A PC (or head office) that keeps a copy of the home's records."""

    __tablename__ = "site"
    home_id: Mapped[str] = mapped_column(ForeignKey("home.id"))
    label: Mapped[str] = mapped_column(String(120))
    #: "pc" or "head_office".
    kind: Mapped[str] = mapped_column(String(20), default="pc", server_default="pc")
    #: The site's Ed25519 public key (base64): files it signs are accepted by the others.
    signing_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: A removed site's files are refused (a lost or retired PC).
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: The site that added this one, and its signature over (organisation, id, key): a file from
    #: a site this PC has not met yet is accepted when a chain of these leads to one it knows.
    endorsed_by: Mapped[str | None] = mapped_column(String(36))
    endorsement: Mapped[str] = mapped_column(Text, default="", server_default="")


class LocalRow(Base):
    """Facts about this copy of the database that never travel: which site it is, its clock."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StaffAccountRow(Record):
    __tablename__ = "staff_account"
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deactivated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ResidentRow(Record):
    __tablename__ = "resident"
    legal_given_names: Mapped[str] = mapped_column(String(120))
    legal_family_name: Mapped[str] = mapped_column(String(120))
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    room: Mapped[str] = mapped_column(String(40), default="")
    admission_date: Mapped[date | None] = mapped_column(Date)
    discharge_date: Mapped[date | None] = mapped_column(Date)
    nhs_number: Mapped[str] = mapped_column(String(10), default="")
    first_language: Mapped[str] = mapped_column(String(60), default="")
    communication_needs: Mapped[str] = mapped_column(Text, default="")
    communication_methods: Mapped[list[str]] = mapped_column(JsonList, default=list)
    culture_and_background: Mapped[str] = mapped_column(Text, default="")
    faith_and_spirituality: Mapped[str] = mapped_column(Text, default="")
    needs_advocate: Mapped[bool] = mapped_column(Boolean, default=False)
    advocate_details: Mapped[str] = mapped_column(Text, default="")
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str] = mapped_column(String(60), default="")
    keyworker_id: Mapped[str | None] = mapped_column(ForeignKey("staff_account.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    archived_reason: Mapped[str] = mapped_column(Text, default="")
    #: Names and room folded to lower case without accents, for search-as-you-type.
    search_text: Mapped[str] = mapped_column(Text, default="")
    #: Surname then first names, folded, so 'de Souza' and 'Łukasz' sort where people expect.
    sort_key: Mapped[str] = mapped_column(String(250), default="", index=True)


class KeyPersonRow(Record):
    __tablename__ = "key_person"
    given_names: Mapped[str] = mapped_column(String(120), default="")
    family_name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    preferred_contact: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(60), default="")
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    archived_reason: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(250), default="", index=True)


class ConsentRow(Record):
    __tablename__ = "consent_record"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str] = mapped_column(String(30))
    decided_by_name: Mapped[str] = mapped_column(String(120), default="")
    capacity: Mapped[str] = mapped_column(String(20))
    capacity_notes: Mapped[str] = mapped_column(Text, default="")
    best_interests_notes: Mapped[str] = mapped_column(Text, default="")
    decision_date: Mapped[date] = mapped_column(Date)
    review_date: Mapped[date | None] = mapped_column(Date)


class RelationshipRow(Record):
    """A key person who matters to a resident: the line between them on the relationship map."""

    __tablename__ = "relationship"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    key_person_id: Mapped[str] = mapped_column(ForeignKey("key_person.id"), index=True)
    #: How the key person is related, in the home's words: "daughter", "friend", "neighbour"...
    relationship: Mapped[str] = mapped_column(String(60), default="")
    #: What the resident is to them: "mother", "friend"...
    reverse_relationship: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(20), default="family")
    #: 1 (innermost, closest) to 4.
    circle: Mapped[int] = mapped_column(Integer, default=2)
    quality: Mapped[str] = mapped_column(String(20), default="positive")
    next_of_kin: Mapped[bool] = mapped_column(Boolean, default=False)
    primary_next_of_kin: Mapped[bool] = mapped_column(Boolean, default=False)
    attorney_powers: Mapped[list[str]] = mapped_column(JsonList, default=list)
    essential_care_supporter: Mapped[bool] = mapped_column(Boolean, default=False)
    #: [{"method": "visits", "frequency": "weekly", "notes": ""}, ...]
    contact_wishes: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    what_matters: Mapped[str] = mapped_column(Text, default="")
    support_needed: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    risks_and_challenges: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(Text, default="")
    end_support: Mapped[str] = mapped_column(Text, default="")


class HomeSettingRow(Record):
    """A setting for the whole home (all PCs), e.g. the lock timeout; value is JSON."""

    __tablename__ = "home_setting"
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """One entry of the append-only, hash-chained audit log (not a synced record)."""

    __tablename__ = "audit_entry"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    site_id: Mapped[str] = mapped_column(String(36))
    actor_id: Mapped[str | None] = mapped_column(String(36), index=True)
    actor_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject_type: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[str | None] = mapped_column(String(36))
    resident_id: Mapped[str | None] = mapped_column(String(36), index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


def row_values(row: Any) -> dict[str, Any]:
    """Column name -> value of a mapped row (for audit details and tests)."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


# The relationship map's own tables live in their own module; importing it here registers them
# on Base.metadata wherever the mappings are used (migrations, the schema test).
from carelink_desktop.storage import map_tables as _map_tables  # noqa: E402,F401
from carelink_desktop.storage import oversight_tables as _oversight_tables  # noqa: E402,F401
from carelink_desktop.storage import plan_tables as _plan_tables  # noqa: E402,F401
from carelink_desktop.storage import sync_tables as _sync_tables  # noqa: E402,F401
from carelink_desktop.storage import visit_tables as _visit_tables  # noqa: E402,F401
