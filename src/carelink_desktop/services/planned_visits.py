"""Booking visits, outings and calls, and signing visitors in and out from the Today board.

The only writer of ``planned_visit``. Booking with a person under a restriction on contact needs
the warning acknowledged (audited), like recording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.planned_visits import TRANSITIONS, PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.visits import Supervision, VisitKind
from carelink_desktop.services.contact_warnings import check_restrictions
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.resident_records import check_relationships, open_resident
from carelink_desktop.services.visits import Participant, participants
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import ResidentRow
from carelink_desktop.storage.visit_tables import PlannedVisitRow

KIND = "planned_visit"
_CONVERT = {"kind": VisitKind, "supervision": Supervision, "relationship_ids": tuple}


@dataclass(frozen=True)
class PlannedVisitView:
    """A booking as the Today board and the resident's record show it."""

    id: str
    resident_id: str
    resident_name: str
    room: str
    details: PlannedVisitDetails
    participants: tuple[Participant, ...]
    status: PlannedStatus
    status_reason: str
    signed_in_at: datetime | None
    signed_out_at: datetime | None
    #: The record of contact made from it, once recorded.
    visit_id: str | None
    #: A restriction on contact covered it when booked (the warning was acknowledged).
    restricted: bool
    version: str

    @property
    def visitors(self) -> str:
        names = [p.name for p in self.participants]
        if self.details.other_visitors:
            names.append(self.details.other_visitors)
        return ", ".join(names)

    @property
    def in_building(self) -> bool:
        return self.status is PlannedStatus.ARRIVED


def book_visit(ws: Workspace, resident_id: str, details: PlannedVisitDetails) -> PlannedVisitView:
    """Book a visit, outing or call for a resident (not in the past)."""
    ws.require(Permission.RECORD_CONTACT, "book visits")
    clean = _prepare(ws, details)
    if clean.starts_at.date() < ws.today():
        raise ValidationError({"starts_at": "A booking cannot be in the past: record the contact instead."})
    with ws.work() as w:
        open_resident(w, resident_id)
        check_relationships(w, resident_id, list(clean.relationship_ids), "relationship_ids")
        row = PlannedVisitRow(resident_id=resident_id, status=PlannedStatus.BOOKED.value)
        _apply(row, clean)
        w.add(row)
        _check(w, row, clean)
        w.audit(
            "visit_booked",
            subject_type=KIND,
            subject_id=row.id,
            resident_id=resident_id,
            details={"kind": clean.kind.value, "on": clean.starts_at.date().isoformat()},
        )
        w.changed(KIND, "created", row.id)
        return _view(w.session, row)


def change_booking(
    ws: Workspace, planned_id: str, details: PlannedVisitDetails, *, expected_version: str | None = None
) -> PlannedVisitView:
    """Change a booking that has not finished."""
    ws.require(Permission.RECORD_CONTACT, "change bookings")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = _open(w, planned_id)
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {"version": "Someone else changed this booking since you opened it: open it again."}
            )
        if PlannedStatus(row.status).finished:
            raise ValidationError({"status": "This booking is finished and can no longer be changed."})
        check_relationships(w, row.resident_id, list(clean.relationship_ids), "relationship_ids")
        changed = _apply(row, clean)
        if changed:
            _check(w, row, clean)
            w.touched(
                row, "booking_changed", kind=KIND, resident_id=row.resident_id, details={"fields": changed}
            )
        return _view(w.session, row)


def sign_in(ws: Workspace, planned_id: str, at: datetime | None = None) -> PlannedVisitView:
    """The visitor has arrived (or the resident has gone out on the outing)."""
    return _move(ws, planned_id, PlannedStatus.ARRIVED, "visitor_signed_in", at=at)


def sign_out(ws: Workspace, planned_id: str, at: datetime | None = None) -> PlannedVisitView:
    """The visitor has left (or the resident is back from the outing)."""
    return _move(ws, planned_id, PlannedStatus.COMPLETED, "visitor_signed_out", at=at)


def cancel_booking(ws: Workspace, planned_id: str, reason: str) -> PlannedVisitView:
    return _move(ws, planned_id, PlannedStatus.CANCELLED, "booking_cancelled", reason=reason)


def did_not_come(ws: Workspace, planned_id: str, reason: str = "") -> PlannedVisitView:
    return _move(ws, planned_id, PlannedStatus.DID_NOT_COME, "visitor_did_not_come", reason=reason)


def rebook(ws: Workspace, planned_id: str) -> PlannedVisitView:
    """Undo a cancellation or a 'did not come' marked in error."""
    return _move(ws, planned_id, PlannedStatus.BOOKED, "booking_reopened")


def planned_visit(ws: Workspace, planned_id: str) -> PlannedVisitView:
    with ws.read() as session:
        row = session.get(PlannedVisitRow, planned_id)
        if row is None or row.deleted:
            raise NotFound("That booking no longer exists (it may have been removed).")
        return _view(session, row)


def planned_between(
    ws: Workspace, start: datetime, end: datetime, *, resident_id: str | None = None
) -> list[PlannedVisitView]:
    """Bookings starting in [start, end), earliest first."""
    with ws.read() as session:
        return planned_rows(session, start, end, resident_id=resident_id)


def planned_rows(
    session: Session, start: datetime, end: datetime, *, resident_id: str | None = None
) -> list[PlannedVisitView]:
    query = select(PlannedVisitRow).where(
        PlannedVisitRow.deleted.is_(False),
        PlannedVisitRow.starts_at >= start,
        PlannedVisitRow.starts_at < end,
    )
    if resident_id is not None:
        query = query.where(PlannedVisitRow.resident_id == resident_id)
    rows = session.scalars(query.order_by(PlannedVisitRow.starts_at, PlannedVisitRow.id)).all()
    return _views(session, rows)


def signed_in_now(session: Session) -> list[PlannedVisitView]:
    """Visitors signed in and not yet signed out (on any day: a forgotten sign-out shows too)."""
    rows = session.scalars(
        select(PlannedVisitRow)
        .where(PlannedVisitRow.deleted.is_(False), PlannedVisitRow.status == PlannedStatus.ARRIVED.value)
        .order_by(PlannedVisitRow.signed_in_at, PlannedVisitRow.id)
    ).all()
    return _views(session, rows)


# -- helpers ----------------------------------------------------------------------------------


def _prepare(ws: Workspace, details: PlannedVisitDetails) -> PlannedVisitDetails:
    clean = details.cleaned()
    clean.validate(ws.today())
    return clean


def _apply(row: PlannedVisitRow, details: PlannedVisitDetails) -> list[str]:
    changed = apply_details(row, details)
    row.relationship_ids = list(details.relationship_ids)
    return changed


def _check(w: Work, row: PlannedVisitRow, clean: PlannedVisitDetails) -> None:
    check_restrictions(
        w,
        row.resident_id,
        clean.relationship_ids,
        clean.starts_at.date(),
        acknowledged=clean.restriction_acknowledged,
        subject_type=KIND,
        subject_id=row.id,
    )


def _open(w: Work, planned_id: str) -> PlannedVisitRow:
    row = w.get(PlannedVisitRow, planned_id, "booking")
    open_resident(w, row.resident_id)
    return row


def _move(
    ws: Workspace,
    planned_id: str,
    to: PlannedStatus,
    action: str,
    *,
    at: datetime | None = None,
    reason: str = "",
) -> PlannedVisitView:
    ws.require(Permission.RECORD_CONTACT, "update bookings")
    with ws.work() as w:
        row = _open(w, planned_id)
        current = PlannedStatus(row.status)
        if to not in TRANSITIONS[current]:
            raise ValidationError(
                {"status": f"A booking that is '{current.label.lower()}' cannot be {_verb(to)}."}
            )
        moment = (at or datetime.now()).replace(second=0, microsecond=0)
        if to is PlannedStatus.ARRIVED:
            if not VisitKind(row.kind).in_person:
                raise ValidationError({"status": "Calls are not signed in: record the call instead."})
            row.signed_in_at = moment
        elif to is PlannedStatus.COMPLETED and current is PlannedStatus.ARRIVED:
            if row.signed_in_at and moment < row.signed_in_at:
                raise ValidationError({"signed_out_at": "Signing out cannot be before signing in."})
            row.signed_out_at = moment
        elif to is PlannedStatus.BOOKED:
            row.status_reason = ""
        if reason.strip():
            row.status_reason = reason.strip()
        row.status = to.value
        w.touched(row, action, kind=KIND, resident_id=row.resident_id, details={"status": to.value})
        return _view(w.session, row)


def _verb(status: PlannedStatus) -> str:
    return {
        PlannedStatus.BOOKED: "booked again",
        PlannedStatus.ARRIVED: "signed in",
        PlannedStatus.COMPLETED: "signed out or completed",
        PlannedStatus.CANCELLED: "cancelled",
        PlannedStatus.DID_NOT_COME: "marked as did not come",
    }[status]


def _views(session: Session, rows: Sequence[PlannedVisitRow]) -> list[PlannedVisitView]:
    """Views of many bookings with their residents and people fetched once for all."""
    residents = {
        r.id: r
        for r in session.scalars(select(ResidentRow).where(ResidentRow.id.in_({b.resident_id for b in rows})))
    }
    people = {
        p.relationship_id: p
        for p in participants(session, tuple({i for b in rows for i in b.relationship_ids}))
    }
    return [
        _view(
            session, b, residents[b.resident_id], tuple(people[i] for i in b.relationship_ids if i in people)
        )
        for b in rows
    ]


def _view(
    session: Session,
    row: PlannedVisitRow,
    resident: ResidentRow | None = None,
    people: tuple[Participant, ...] | None = None,
) -> PlannedVisitView:
    resident = resident or session.get(ResidentRow, row.resident_id)
    assert resident is not None
    return PlannedVisitView(
        id=row.id,
        resident_id=row.resident_id,
        resident_name=resident_name(resident),
        room=resident.room,
        details=read_details(PlannedVisitDetails, row, _CONVERT),
        participants=people if people is not None else participants(session, tuple(row.relationship_ids)),
        status=PlannedStatus(row.status),
        status_reason=row.status_reason,
        signed_in_at=row.signed_in_at,
        signed_out_at=row.signed_out_at,
        visit_id=row.visit_id,
        restricted=row.restriction_acknowledged,
        version=row.hlc,
    )
