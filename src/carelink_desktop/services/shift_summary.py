"""The shift visit summary shift leads print at handover: each contact of the shift with who,
when and the key observations, concerns raised, follow-ups due, bookings that did not happen and
visitors still signed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import SECTIONS, FollowUp
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.planned_visits import PlannedVisitView, planned_rows, signed_in_now
from carelink_desktop.services.visit_history import FollowUpView, VisitSummary, follow_up_rows, summaries
from carelink_desktop.services.visits import follow_up_of
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import ResidentRow
from carelink_desktop.storage.visit_tables import ConcernRow, FollowUpRow, VisitRecordRow


@dataclass(frozen=True)
class ConcernLine:
    id: str
    resident_id: str
    resident_name: str
    kind: ConcernKind
    severity: Severity
    status: ConcernStatus
    description: str
    reported_to: str
    visit_id: str | None


@dataclass(frozen=True)
class ShiftVisit:
    """One contact of the shift, with what the next shift needs to know."""

    summary: VisitSummary
    #: (section label, text) of every section filled in, in the form's order.
    key_points: tuple[tuple[str, str], ...]
    follow_ups: tuple[FollowUp, ...]
    concerns: tuple[ConcernLine, ...]


@dataclass(frozen=True)
class ShiftSummary:
    day: date
    shift: Shift
    starts: datetime
    ends: datetime
    visits: tuple[ShiftVisit, ...]
    #: Bookings of the shift that were cancelled, did not come or are still waiting.
    not_happened: tuple[PlannedVisitView, ...]
    #: Concerns raised during the shift (from a contact or on their own).
    concerns: tuple[ConcernLine, ...]
    #: Follow-ups not done and due by the end of the shift (overdue ones included).
    follow_ups_due: tuple[FollowUpView, ...]
    still_signed_in: tuple[PlannedVisitView, ...]


def shift_summary(ws: Workspace, day: date, shift: Shift) -> ShiftSummary:
    """Everything the shift summary prints, for ``shift`` of ``day``."""
    ws.require(Permission.PRINT_SHIFT_SUMMARY, "print shift visit summaries")
    start, end = home_settings(ws).shifts.window(day, shift)
    with ws.read() as session:
        rows = session.scalars(
            select(VisitRecordRow)
            .where(
                VisitRecordRow.deleted.is_(False),
                VisitRecordRow.starts_at >= start,
                VisitRecordRow.starts_at < end,
            )
            .order_by(VisitRecordRow.starts_at, VisitRecordRow.id)
        ).all()
        ids = [r.id for r in rows]
        follow = _follow_ups_of(session, ids)
        concern_rows = session.scalars(
            select(ConcernRow)
            .where(
                ConcernRow.deleted.is_(False),
                ConcernRow.visit_id.in_(ids)
                | (ConcernRow.visit_id.is_(None) & ConcernRow.raised_on.between(start.date(), end.date())),
            )
            .order_by(ConcernRow.raised_on, ConcernRow.created_at)
        ).all()
        names = {
            r.id: r
            for r in session.scalars(
                select(ResidentRow).where(ResidentRow.id.in_({c.resident_id for c in concern_rows}))
            )
        }
        concerns = [_concern_line(c, names) for c in concern_rows if _in_shift(c, ids, start, end)]
        visits = tuple(
            ShiftVisit(
                summary=s,
                key_points=tuple(
                    (sec.label, getattr(row, sec.field)) for sec in SECTIONS if getattr(row, sec.field)
                ),
                follow_ups=tuple(follow.get(s.id, ())),
                concerns=tuple(c for c in concerns if c.visit_id == s.id),
            )
            for s, row in zip(summaries(session, rows), rows, strict=True)
        )
        planned = planned_rows(session, start, end)
        not_happened = tuple(
            p
            for p in planned
            if p.status in (PlannedStatus.BOOKED, PlannedStatus.CANCELLED, PlannedStatus.DID_NOT_COME)
        )
        due = tuple(follow_up_rows(session, end.date()))
        signed_in = tuple(signed_in_now(session))
    return ShiftSummary(day, shift, start, end, visits, not_happened, tuple(concerns), due, signed_in)


def _follow_ups_of(session, ids: list[str]) -> dict[str, list[FollowUp]]:  # type: ignore[no-untyped-def]
    result: dict[str, list[FollowUp]] = {}
    if not ids:
        return result
    for f in session.scalars(
        select(FollowUpRow)
        .where(FollowUpRow.visit_id.in_(ids), FollowUpRow.deleted.is_(False))
        .order_by(FollowUpRow.due_on, FollowUpRow.id)
    ):
        result.setdefault(f.visit_id, []).append(follow_up_of(f))
    return result


def _in_shift(row: ConcernRow, visit_ids: list[str], start: datetime, end: datetime) -> bool:
    """Raised from a contact of the shift, or recorded (on its own) during the shift."""
    if row.visit_id is not None:
        return row.visit_id in visit_ids
    recorded = row.created_at.astimezone().replace(tzinfo=None)
    return start <= recorded < end


def _concern_line(row: ConcernRow, residents: dict[str, ResidentRow]) -> ConcernLine:
    resident = residents.get(row.resident_id)
    return ConcernLine(
        id=row.id,
        resident_id=row.resident_id,
        resident_name=resident_name(resident) if resident else "",
        kind=ConcernKind(row.kind),
        severity=Severity(row.severity),
        status=ConcernStatus(row.status),
        description=row.description,
        reported_to=row.reported_to,
        visit_id=row.visit_id,
    )
