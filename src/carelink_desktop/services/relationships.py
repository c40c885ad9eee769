"""Relationships between residents and key people: the lines of the relationship map.

Every save keeps the relationship's history (``relationship_history``) in the same transaction.
A resident has at most one primary next of kin and one essential care supporter: naming a new one
takes the mark from the previous holder, and their history says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, select

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import (
    AttorneyPower,
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    Quality,
    RelationshipDetails,
)
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, enum_tuple, read_details, records_of
from carelink_desktop.services.relationship_history import record_change
from carelink_desktop.services.relationship_types import remember_type
from carelink_desktop.services.resident_records import open_resident
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.map_tables import ContactRestrictionRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow

KIND = "relationship"
_CONVERT = {
    "category": Category,
    "quality": Quality,
    "attorney_powers": enum_tuple(AttorneyPower),
    "contact_wishes": records_of(ContactWish, {"method": KeepInTouch, "frequency": Frequency}),
}


@dataclass(frozen=True)
class RelationshipView:
    """One relationship as lists, the map and reports show it."""

    id: str
    resident_id: str
    key_person_id: str
    key_person_name: str
    key_person_phone: str
    details: RelationshipDetails
    #: A restriction on contact with this person is in force (details only for those who may see).
    restricted: bool
    created_at: datetime
    updated_at: datetime
    #: Pass back when saving, so someone else's change is never overwritten unseen.
    version: str

    @property
    def ended(self) -> bool:
        return self.details.ended_on is not None


def read_relationship(row: RelationshipRow) -> RelationshipDetails:
    """The details stored on a relationship row."""
    return read_details(RelationshipDetails, row, _CONVERT)


def relate(
    ws: Workspace, resident_id: str, key_person_id: str, details: RelationshipDetails
) -> RelationshipView:
    """Put a key person on a resident's map with everything known about the relationship."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "add people to relationship maps")
    clean = _prepare(ws, details)
    with ws.work() as w:
        open_resident(w, resident_id)
        person = w.get(KeyPersonRow, key_person_id, "key person")
        if person.archived:
            raise ValidationError({"key_person_id": "An archived record cannot be linked: restore it first."})
        existing = w.session.scalars(
            select(RelationshipRow.id).where(
                RelationshipRow.resident_id == resident_id,
                RelationshipRow.key_person_id == key_person_id,
                RelationshipRow.deleted.is_(False),
            )
        ).first()
        if existing is not None:
            raise ValidationError({"key_person_id": "This person is already on this resident's map."})
        row = add_relationship(w, resident_id, key_person_id, clean)
        w.session.flush()
        return _view(w, row, person)


def add_relationship(
    w: Work, resident_id: str, key_person_id: str, clean: RelationshipDetails
) -> RelationshipRow:
    """Add a relationship inside a unit of work (also used by batch links and the demo home)."""
    remember_type(w, clean.relationship, clean.reverse_relationship, clean.category)
    row = RelationshipRow(resident_id=resident_id, key_person_id=key_person_id)
    apply_details(row, clean)
    w.created(
        row,
        "key_person_linked",
        kind=KIND,
        resident_id=resident_id,
        # flushed now: its history row refers to it, and the flush orders tables only by
        # ORM relationships, which these mappings do not declare
        flush=True,
        details={"key_person_id": key_person_id, "relationship": clean.relationship},
    )
    record_change(w, row, None, clean)
    _take_unique_marks(w, row, clean)
    return row


def update_relationship(
    ws: Workspace,
    relationship_id: str,
    details: RelationshipDetails,
    *,
    expected_version: str | None = None,
    reason: str = "",
) -> RelationshipView:
    """Save a changed relationship; the history keeps what it was and who changed it."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "change relationship maps")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = w.get(RelationshipRow, relationship_id, "relationship")
        open_resident(w, row.resident_id)
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {
                    "version": "Someone else changed this relationship since you opened it: "
                    "close it and open it again to see their changes."
                }
            )
        before = read_relationship(row)
        if clean.relationship != before.relationship:
            remember_type(w, clean.relationship, clean.reverse_relationship, clean.category)
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row,
                "relationship_changed",
                kind=KIND,
                resident_id=row.resident_id,
                details={"fields": changed},
            )
            record_change(w, row, before, clean, reason=reason)
            _take_unique_marks(w, row, clean)
        person = w.get(KeyPersonRow, row.key_person_id, "key person")
        return _view(w, row, person)


def move_to_circle(ws: Workspace, relationship_id: str, circle: int, *, reason: str = "") -> RelationshipView:
    """Move a person to another circle of the map (dragging them on the diagram)."""
    current = relationship(ws, relationship_id)
    return update_relationship(
        ws,
        relationship_id,
        replace(current.details, circle=circle),
        expected_version=current.version,
        reason=reason,
    )


def remove_relationship(ws: Workspace, relationship_id: str, *, reason: str = "") -> None:
    """Take a relationship entered in error off the map (a tombstone; its history stays).

    A relationship that ended is ended, not removed: see ``update_relationship``."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "remove people from relationship maps")
    with ws.work() as w:
        row = w.get(RelationshipRow, relationship_id, "relationship")
        row.deleted = True
        w.touched(
            row,
            "key_person_unlinked",
            kind=KIND,
            resident_id=row.resident_id,
            event="deleted",
            details={"key_person_id": row.key_person_id},
        )
        record_change(w, row, None, None, reason=reason, change="removed")


def relationship(ws: Workspace, relationship_id: str) -> RelationshipView:
    """One relationship by id."""
    views = _select(ws, RelationshipRow.id == relationship_id)
    if not views:
        raise NotFound("That relationship no longer exists (it may have been removed).")
    return views[0]


def relationships_of(
    ws: Workspace, resident_id: str, *, include_ended: bool = True
) -> list[RelationshipView]:
    """A resident's relationships, closest circle first, then by name."""
    views = _select(ws, RelationshipRow.resident_id == resident_id)
    if not include_ended:
        views = [v for v in views if not v.ended]
    return sorted(views, key=lambda v: (v.ended, v.details.circle, v.key_person_name.casefold(), v.id))


def restricted_people(ws: Workspace, resident_id: str) -> tuple[set[str], bool]:
    """Which relationships have a restriction in force today, and whether one covers everyone.

    Anyone may know *that* contact is restricted (so no one arranges it); the details are for
    those with ``Permission.VIEW_SENSITIVE`` (services.map_records.RESTRICTIONS)."""
    today = ws.today()
    with ws.read() as s:
        rows = s.execute(
            select(ContactRestrictionRow.relationship_id).where(
                ContactRestrictionRow.resident_id == resident_id, *_in_force(today)
            )
        ).all()
    ids = {r.relationship_id for r in rows if r.relationship_id}
    return ids, any(r.relationship_id is None for r in rows)


def _in_force(today: date) -> tuple[ColumnElement[bool], ...]:
    """Conditions for a restriction that is in force on ``today``."""
    return (
        ContactRestrictionRow.deleted.is_(False),
        ContactRestrictionRow.starts_on <= today,
        ContactRestrictionRow.ends_on.is_(None) | (ContactRestrictionRow.ends_on > today),
    )


def _prepare(ws: Workspace, details: RelationshipDetails) -> RelationshipDetails:
    clean = details.cleaned()
    clean.validate(ws.today())
    return clean


def _take_unique_marks(w: Work, row: RelationshipRow, clean: RelationshipDetails) -> None:
    """Only one primary next of kin and one essential care supporter per resident."""
    marks = [m for m in ("primary_next_of_kin", "essential_care_supporter") if getattr(clean, m)]
    if not marks:
        return
    others = w.session.scalars(
        select(RelationshipRow).where(
            RelationshipRow.resident_id == row.resident_id,
            RelationshipRow.id != row.id,
            RelationshipRow.deleted.is_(False),
        )
    ).all()
    for other in others:
        lost = [m for m in marks if getattr(other, m)]
        if not lost:
            continue
        before = read_relationship(other)
        for mark in lost:
            setattr(other, mark, False)
        after = read_relationship(other)
        w.touched(
            other, "relationship_changed", kind=KIND, resident_id=other.resident_id, details={"fields": lost}
        )
        record_change(w, other, before, after, reason="Another person was named instead.")


def _select(ws: Workspace, where: object) -> list[RelationshipView]:
    stmt = (
        select(RelationshipRow, KeyPersonRow)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(where, RelationshipRow.deleted.is_(False), KeyPersonRow.deleted.is_(False))  # type: ignore[arg-type]
    )
    with ws.read() as s:
        views = [_make_view(row, person, False) for row, person in s.execute(stmt).all()]
    restricted: dict[str, set[str]] = {}
    for rid in {v.resident_id for v in views}:
        restricted[rid] = restricted_people(ws, rid)[0]
    return [replace(v, restricted=v.id in restricted[v.resident_id]) for v in views]


def _view(w: Work, row: RelationshipRow, person: KeyPersonRow) -> RelationshipView:
    today = w.workspace.today()
    restricted = (
        w.session.scalars(
            select(ContactRestrictionRow.id).where(
                ContactRestrictionRow.relationship_id == row.id, *_in_force(today)
            )
        ).first()
        is not None
    )
    return _make_view(row, person, restricted)


def _make_view(row: RelationshipRow, person: KeyPersonRow, restricted: bool) -> RelationshipView:
    return RelationshipView(
        id=row.id,
        resident_id=row.resident_id,
        key_person_id=person.id,
        key_person_name=person_name(person),
        key_person_phone=person.phone,
        details=read_relationship(row),
        restricted=restricted,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.hlc,
    )
