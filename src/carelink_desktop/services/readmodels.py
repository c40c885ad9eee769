"""What services hand back: immutable snapshots, safe to keep in a view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from carelink_desktop.domain.consent import ConsentDetails
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.residents import ResidentDetails
from carelink_desktop.domain.roles import Role


@dataclass(frozen=True)
class Actor:
    """The member of staff who is logged in."""

    id: str
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True)
class AccountView:
    id: str
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    last_login_at: datetime | None


@dataclass(frozen=True)
class HomeView:
    id: str
    name: str
    address: str
    phone: str
    regulator_id: str
    site_id: str
    site_label: str


@dataclass(frozen=True)
class ResidentSummary:
    """One line of the residents list."""

    id: str
    display_name: str
    legal_given_names: str
    legal_family_name: str
    preferred_name: str
    room: str
    date_of_birth: date
    admission_date: date | None
    discharge_date: date | None
    archived: bool
    #: Living in the home on the workspace's "today" (not archived, not yet discharged).
    is_current: bool


@dataclass(frozen=True)
class ResidentView:
    """A resident's whole profile."""

    id: str
    details: ResidentDetails
    display_name: str
    keyworker_name: str
    archived: bool
    archived_reason: str
    created_at: datetime
    updated_at: datetime
    #: Changes whenever the record does (its hybrid logical clock): pass it back when saving.
    version: str = ""


@dataclass(frozen=True)
class KeyPersonSummary:
    id: str
    full_name: str
    phone: str
    email: str
    archived: bool


@dataclass(frozen=True)
class KeyPersonView:
    id: str
    details: KeyPersonDetails
    archived: bool
    archived_reason: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ConsentView:
    id: str
    resident_id: str
    details: ConsentDetails
    recorded_by: str
    updated_at: datetime


@dataclass(frozen=True)
class AuditEntryView:
    seq: int
    at: datetime
    actor_name: str
    action: str
    subject_type: str
    subject_id: str | None
    resident_id: str | None
    details: str
