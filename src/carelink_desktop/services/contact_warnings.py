"""Warnings about restrictions on contact, shown before a visit is booked or recorded.

Everyone sees *that* contact with a person is restricted; shift leads and managers
(``Permission.VIEW_SENSITIVE``) also see what the restriction says. Going ahead needs an explicit
acknowledgement, which is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.restrictions import RestrictionKind
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.map_tables import ContactRestrictionRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow


@dataclass(frozen=True)
class RestrictionWarning:
    """One restriction in force that covers a contact being booked or recorded."""

    restriction_id: str
    #: The relationship it concerns; None: it covers every visitor (e.g. an outbreak).
    relationship_id: str | None
    #: "Peter Hughes", or "all visitors".
    person: str
    #: What the restriction says; empty for roles that may not see it.
    details: str

    def text(self) -> str:
        if self.relationship_id is None:
            head = "A restriction on contact covers all visitors."
        else:
            head = f"Contact with {self.person} is restricted."
        if self.details:
            return f"{head} {self.details}"
        return f"{head} Speak to the shift lead or manager before going ahead."


class RestrictedContact(ValidationError):
    """The contact involves a restriction and the warning was not acknowledged."""

    def __init__(self, warnings: Sequence[RestrictionWarning]) -> None:
        self.warnings = tuple(warnings)
        lines = " ".join(w.text() for w in self.warnings)
        super().__init__(
            {
                "restriction_acknowledged": f"{lines} Tick that you have read the warning to go ahead.",
            }
        )


def restriction_warnings(
    ws: Workspace, resident_id: str, relationship_ids: Sequence[str], on: date
) -> list[RestrictionWarning]:
    """The restrictions in force on ``on`` that cover these people (or everyone)."""
    with ws.read() as session:
        return _warnings(session, resident_id, relationship_ids, on, ws.may(Permission.VIEW_SENSITIVE))


def check_restrictions(
    w: Work,
    resident_id: str,
    relationship_ids: Sequence[str],
    on: date,
    *,
    acknowledged: bool,
    subject_type: str,
    subject_id: str,
) -> bool:
    """Inside a unit of work: refuse a contact under restriction unless acknowledged, and audit
    the acknowledgement. Returns True when a restriction applied."""
    warnings = _warnings(
        w.session, resident_id, relationship_ids, on, w.workspace.may(Permission.VIEW_SENSITIVE)
    )
    if not warnings:
        return False
    if not acknowledged:
        raise RestrictedContact(warnings)
    w.audit(
        "restricted_contact_acknowledged",
        subject_type=subject_type,
        subject_id=subject_id,
        resident_id=resident_id,
        details={"restrictions": [x.restriction_id for x in warnings], "on": on.isoformat()},
    )
    return True


def _warnings(
    session: Session, resident_id: str, relationship_ids: Sequence[str], on: date, sensitive: bool
) -> list[RestrictionWarning]:
    wanted = set(relationship_ids)
    rows = session.scalars(
        select(ContactRestrictionRow)
        .where(
            ContactRestrictionRow.resident_id == resident_id,
            ContactRestrictionRow.deleted.is_(False),
            ContactRestrictionRow.starts_on <= on,
            ContactRestrictionRow.ends_on.is_(None) | (ContactRestrictionRow.ends_on > on),
        )
        .order_by(ContactRestrictionRow.starts_on, ContactRestrictionRow.id)
    ).all()
    found: list[RestrictionWarning] = []
    for row in rows:
        if row.relationship_id is not None and row.relationship_id not in wanted:
            continue
        person = "all visitors" if row.relationship_id is None else _person(session, row.relationship_id)
        details = ""
        if sensitive:
            review = f" Review due {format_uk_date(row.review_on)}." if row.review_on else ""
            what = row.what_is_restricted.rstrip(".")
            details = f"{RestrictionKind(row.kind).label}: {what}.{review}"
        found.append(RestrictionWarning(row.id, row.relationship_id, person, details))
    return found


def _person(session: Session, relationship_id: str) -> str:
    rel = session.get(RelationshipRow, relationship_id)
    person = session.get(KeyPersonRow, rel.key_person_id) if rel else None
    return person_name(person) if person else "this person"
