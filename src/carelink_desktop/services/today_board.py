"""The Today board: the home's planned and recorded contact for a day by shift, who is in the
building now, follow-ups due or overdue, open concerns and residents flagged by the isolation
signal. One read model, built in one read transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from carelink_desktop.domain.concerns import ConcernStatus
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.services.concerns import ConcernFilter, ConcernSummary, concerns_list
from carelink_desktop.services.contact_signals import IsolationFlag, flags
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.planned_visits import PlannedVisitView, planned_rows, signed_in_now
from carelink_desktop.services.visit_history import (
    FollowUpView,
    VisitSummary,
    follow_up_rows,
    visit_rows_between,
)
from carelink_desktop.services.workspace import Workspace

#: The event kinds whose changes the board shows (the desktop refreshes on them).
WATCHES = (
    "planned_visit",
    "visit_record",
    "follow_up",
    "concern",
    "relationship",
    "resident",
    "home_setting",
)


@dataclass(frozen=True)
class ShiftBlock:
    shift: Shift
    starts: datetime
    ends: datetime
    planned: tuple[PlannedVisitView, ...]
    recorded: tuple[VisitSummary, ...]


@dataclass(frozen=True)
class TodayBoard:
    day: date
    shifts: tuple[ShiftBlock, ...]
    #: The shift on now, when the board is for today.
    current_shift: Shift | None
    in_building: tuple[PlannedVisitView, ...]
    follow_ups: tuple[FollowUpView, ...]
    open_concerns: tuple[ConcernSummary, ...]
    isolation: tuple[IsolationFlag, ...]
    no_contact_days: int

    def block(self, shift: Shift) -> ShiftBlock:
        return next(b for b in self.shifts if b.shift is shift)


def today_board(ws: Workspace, day: date | None = None, *, now: datetime | None = None) -> TodayBoard:
    """The board for ``day`` (today by default)."""
    settings = home_settings(ws)
    times = settings.shifts
    today = ws.today()
    day = day or today
    moment = now or datetime.now()
    current: Shift | None = None
    if day == today:
        shift_day, shift = times.shift_at(moment)
        current = shift if shift_day == day else None
    with ws.read() as session:
        blocks = []
        for shift in Shift:
            start, end = times.window(day, shift)
            blocks.append(
                ShiftBlock(
                    shift,
                    start,
                    end,
                    tuple(planned_rows(session, start, end)),
                    tuple(visit_rows_between(session, start, end)),
                )
            )
        in_building = tuple(signed_in_now(session))
        follow_ups = tuple(follow_up_rows(session, max(day, today)))
        isolation = tuple(flags(session, today, settings.no_contact_days))
    concerns = concerns_list(
        ws, ConcernFilter(statuses=frozenset({ConcernStatus.OPEN, ConcernStatus.IN_HAND}))
    )
    return TodayBoard(
        day=day,
        shifts=tuple(blocks),
        current_shift=current,
        in_building=in_building,
        follow_ups=follow_ups,
        open_concerns=tuple(concerns),
        isolation=isolation,
        no_contact_days=settings.no_contact_days,
    )
