"""Recording contact: visit records with the key people in them and their follow-ups.

The only writer of ``visit_record`` and ``visit_follow_up`` (the derived ``visit_contact`` and
word index follow by triggers). A visit with a
person under a restriction on contact is refused until the warning is acknowledged (audited).
Saving a visit made from a booking completes the booking.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.visits import FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.services.contact_warnings import check_restrictions
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.resident_records import check_relationships, open_resident
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, StaffAccountRow
from carelink_desktop.storage.visit_tables import (
    FollowUpRow,
    PlannedVisitRow,
    VisitRecordRow,
)

KIND = "visit_record"
FOLLOW_UP = "follow_up"

_CONVERT = {
    "kind": VisitKind,
    "supervision": Supervision,
    "mood_before": Mood,
    "mood_after": Mood,
    "relationship_ids": tuple,
}
#: Fields of VisitDetails that are not columns of visit_record.
_NOT_COLUMNS = {"follow_ups"}


@dataclass(frozen=True)
class Participant:
    """A key person in a contact, named as the lists show them."""

    relationship_id: str
    key_person_id: str
    name: str
    #: "Daughter", "Friend"...
    relationship: str


@dataclass(frozen=True)
class VisitView:
    """One visit record as the form and reports show it."""

    id: str
    resident_id: str
    details: VisitDetails
    participants: tuple[Participant, ...]
    recorded_by: str
    created_at: datetime
    updated_at: datetime
    #: Pass back when saving, so someone else's change is never overwritten unseen.
    version: str

    @property
    def people(self) -> str:
        """'Susan Thompson (daughter), Chaplain' — everyone in the contact, in words."""
        names = [
            f"{p.name} ({p.relationship.lower()})" if p.relationship else p.name for p in self.participants
        ]
        if self.details.other_participants:
            names.append(self.details.other_participants)
        return ", ".join(names)


def record_visit(ws: Workspace, resident_id: str, details: VisitDetails) -> VisitView:
    """Store a new record of contact; completes the booking it came from, if any."""
    ws.require(Permission.RECORD_CONTACT, "record contact")
    clean = _prepare(ws, details)
    with ws.work() as w:
        open_resident(w, resident_id)
        check_relationships(w, resident_id, list(clean.relationship_ids), "relationship_ids")
        row = VisitRecordRow(resident_id=resident_id)
        _apply(row, clean)
        w.add(row)
        check_restrictions(
            w,
            resident_id,
            clean.relationship_ids,
            clean.starts_at.date(),
            acknowledged=clean.restriction_acknowledged,
            subject_type=KIND,
            subject_id=row.id,
        )
        _save_follow_ups(w, row, clean.follow_ups)
        if clean.planned_visit_id:
            _complete_booking(w, row, clean.planned_visit_id)
        w.audit(
            "visit_recorded",
            subject_type=KIND,
            subject_id=row.id,
            resident_id=resident_id,
            details={"kind": clean.kind.value, "people": len(clean.relationship_ids)},
        )
        w.changed(KIND, "created", row.id)
        return _view(w.session, row)


def change_visit(
    ws: Workspace, visit_id: str, details: VisitDetails, *, expected_version: str | None = None
) -> VisitView:
    """Save an edited visit record; refused when someone else changed it since it was opened."""
    ws.require(Permission.RECORD_CONTACT, "change records of contact")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = w.get(VisitRecordRow, visit_id, "record of contact")
        open_resident(w, row.resident_id)
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {
                    "version": "Someone else changed this record of contact since you opened it: "
                    "close it and open it again to see their changes."
                }
            )
        check_relationships(w, row.resident_id, list(clean.relationship_ids), "relationship_ids")
        before = set(row.relationship_ids), row.starts_at
        clean = replace(clean, planned_visit_id=row.planned_visit_id)
        changed = _apply(row, clean)
        if (set(row.relationship_ids), row.starts_at) != before:
            check_restrictions(
                w,
                row.resident_id,
                clean.relationship_ids,
                clean.starts_at.date(),
                acknowledged=clean.restriction_acknowledged,
                subject_type=KIND,
                subject_id=row.id,
            )
        follow_changed = _save_follow_ups(w, row, clean.follow_ups)
        if changed or follow_changed:
            w.touched(
                row,
                "visit_changed",
                kind=KIND,
                resident_id=row.resident_id,
                details={"fields": changed + (["follow_ups"] if follow_changed else [])},
            )
        return _view(w.session, row)


def remove_visit(ws: Workspace, visit_id: str) -> None:
    """Remove a record made in error (kept as a tombstone so the removal syncs)."""
    ws.require(Permission.RECORD_CONTACT, "remove records of contact")
    with ws.work() as w:
        row = w.get(VisitRecordRow, visit_id, "record of contact")
        open_resident(w, row.resident_id)
        row.deleted = True
        for child in _follow_up_rows(w.session, row.id):
            child.deleted = True
            w.stamp(child, new=False)
        w.touched(row, "visit_removed", kind=KIND, resident_id=row.resident_id, event="deleted")
        w.changed(FOLLOW_UP, "deleted", row.id)


def visit(ws: Workspace, visit_id: str) -> VisitView:
    """One record of contact with its people and follow-ups."""
    with ws.read() as session:
        row = session.get(VisitRecordRow, visit_id)
        if row is None or row.deleted:
            raise NotFound("That record of contact no longer exists (it may have been removed).")
        return _view(session, row)


def complete_follow_up(
    ws: Workspace, follow_up_id: str, *, done_on: date | None = None, note: str = ""
) -> None:
    """Mark a follow-up as done (today unless said otherwise)."""
    ws.require(Permission.RECORD_CONTACT, "complete follow-ups")
    day = done_on or ws.today()
    if day > ws.today():
        raise ValidationError({"done_on": "A follow-up cannot be done in the future."})
    with ws.work() as w:
        row = w.get(FollowUpRow, follow_up_id, "follow-up")
        open_resident(w, row.resident_id)
        if row.done_on is not None:
            raise ValidationError({"done_on": "This follow-up is already done."})
        row.done_on, row.done_note = day, note.strip()
        w.touched(row, "follow_up_done", kind=FOLLOW_UP, resident_id=row.resident_id)


# -- helpers ----------------------------------------------------------------------------------


def _prepare(ws: Workspace, details: VisitDetails) -> VisitDetails:
    clean = details.cleaned()
    clean.validate(ws.today())
    return clean


def _apply(row: VisitRecordRow, details: VisitDetails) -> list[str]:
    columns = replace(details, follow_ups=())
    changed = apply_details(row, columns)
    row.relationship_ids = list(details.relationship_ids)
    return [c for c in changed if c not in _NOT_COLUMNS]


def _follow_up_rows(session: Session, visit_id: str) -> list[FollowUpRow]:
    return list(
        session.scalars(
            select(FollowUpRow).where(FollowUpRow.visit_id == visit_id, FollowUpRow.deleted.is_(False))
        )
    )


def _save_follow_ups(w: Work, row: VisitRecordRow, wanted: tuple[FollowUp, ...]) -> bool:
    """Add new follow-ups, change edited ones, remove those taken off the list."""
    current = {f.id: f for f in _follow_up_rows(w.session, row.id)}
    changed = False
    kept: set[str] = set()
    for item in wanted:
        values = {
            "action": item.action,
            "owner": item.owner,
            "due_on": item.due_on,
            "done_on": item.done_on,
            "done_note": item.done_note,
        }
        existing = current.get(item.id) if item.id else None
        if existing is None:
            w.add(FollowUpRow(visit_id=row.id, resident_id=row.resident_id, **values), flush=False)
            w.changed(FOLLOW_UP, "created", row.id)
            changed = True
            continue
        kept.add(existing.id)
        if any(getattr(existing, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(existing, k, v)
            w.stamp(existing, new=False)
            w.changed(FOLLOW_UP, "updated", existing.id)
            changed = True
    for fid, existing in current.items():
        if fid not in kept:
            existing.deleted = True
            w.stamp(existing, new=False)
            w.changed(FOLLOW_UP, "deleted", fid)
            changed = True
    return changed


def _complete_booking(w: Work, row: VisitRecordRow, planned_id: str) -> None:
    booking = w.session.get(PlannedVisitRow, planned_id)
    if booking is None or booking.deleted or booking.resident_id != row.resident_id:
        raise ValidationError({"planned_visit_id": "That booking no longer exists."})
    if booking.visit_id and booking.visit_id != row.id:
        raise ValidationError({"planned_visit_id": "This booking has already been recorded."})
    booking.visit_id = row.id
    if booking.status != PlannedStatus.COMPLETED.value:
        if booking.status == PlannedStatus.ARRIVED.value and booking.signed_out_at is None:
            booking.signed_out_at = row.ends_at
        booking.status = PlannedStatus.COMPLETED.value
    w.touched(booking, "planned_visit_recorded", kind="planned_visit", resident_id=row.resident_id)


def _view(session: Session, row: VisitRecordRow) -> VisitView:
    details = read_details(VisitDetails, _Columns(row), _CONVERT)
    follow_rows = sorted(_follow_up_rows(session, row.id), key=lambda f: (f.due_on, f.created_at))
    follow_ups = tuple(follow_up_of(f) for f in follow_rows)
    staff = session.get(StaffAccountRow, row.created_by) if row.created_by else None
    return VisitView(
        id=row.id,
        resident_id=row.resident_id,
        details=replace(details, follow_ups=follow_ups),
        participants=participants(session, tuple(row.relationship_ids)),
        recorded_by=staff.full_name if staff else "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.hlc,
    )


def follow_up_of(row: FollowUpRow) -> FollowUp:
    """A stored follow-up as the details of its visit carry it."""
    return FollowUp(row.action, row.due_on, row.owner, row.done_on, row.done_note, row.id)


class _Columns:
    """A visit row seen through the details' field names (follow-ups are read separately)."""

    def __init__(self, row: VisitRecordRow) -> None:
        self._row = row

    def __getattr__(self, name: str) -> object:
        return () if name in _NOT_COLUMNS else getattr(self._row, name)


def participants(session: Session, relationship_ids: tuple[str, ...]) -> tuple[Participant, ...]:
    """Names of the key people behind these relationships, in the given order."""
    if not relationship_ids:
        return ()
    rows = session.execute(
        select(RelationshipRow.id, RelationshipRow.key_person_id, RelationshipRow.relationship, KeyPersonRow)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(RelationshipRow.id.in_(relationship_ids))
    ).all()
    found = {
        r.id: Participant(r.id, r.key_person_id, person_name(r.KeyPersonRow), r.relationship) for r in rows
    }
    return tuple(found[i] for i in relationship_ids if i in found)
