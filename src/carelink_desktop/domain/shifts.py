"""The home's shifts (early, late, night) and the hours each covers on a given day.

Shift start times are a home setting ("07:00", "14:00", "21:00" by default). The night shift runs
past midnight: the night of 22/11 ends when the early shift of 23/11 starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class Shift(StrEnum):
    """A shift of the day. Values are used on the command line: never rename them."""

    EARLY = "early"
    LATE = "late"
    NIGHT = "night"

    @property
    def label(self) -> str:
        return {"early": "Early shift", "late": "Late shift", "night": "Night shift"}[self.value]


def parse_time(text: str) -> time:
    """'07:00' or '7:00' as a time; ValueError with a message a person can act on."""
    match = _HHMM.match(text.strip())
    if not match:
        raise ValueError(f"'{text.strip()}' is not a time: type it as hh:mm, e.g. 07:00.")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class ShiftTimes:
    """When each shift starts; each ends when the next begins."""

    early: time = time(7, 0)
    late: time = time(14, 0)
    night: time = time(21, 0)

    @classmethod
    def parse(cls, early: str, late: str, night: str) -> ShiftTimes:
        return cls(parse_time(early), parse_time(late), parse_time(night))

    def problems(self) -> str:
        """Why these times are not usable, or "" when they are."""
        if not self.early < self.late < self.night:
            return "Shifts start in the order early, late, night within the day."
        return ""

    def window(self, day: date, shift: Shift) -> tuple[datetime, datetime]:
        """[start, end) of ``shift`` on ``day`` in local time."""
        starts = {Shift.EARLY: self.early, Shift.LATE: self.late, Shift.NIGHT: self.night}
        begin = datetime.combine(day, starts[shift])
        if shift is Shift.EARLY:
            end = datetime.combine(day, self.late)
        elif shift is Shift.LATE:
            end = datetime.combine(day, self.night)
        else:
            end = datetime.combine(day + timedelta(days=1), self.early)
        return begin, end

    def day_window(self, day: date) -> tuple[datetime, datetime]:
        """The whole working day: from the early shift to the end of that night."""
        return self.window(day, Shift.EARLY)[0], self.window(day, Shift.NIGHT)[1]

    def shift_at(self, moment: datetime) -> tuple[date, Shift]:
        """Which working day and shift a moment belongs to (04:00 belongs to the night before)."""
        clock = moment.time()
        if clock < self.early:
            return moment.date() - timedelta(days=1), Shift.NIGHT
        if clock < self.late:
            return moment.date(), Shift.EARLY
        if clock < self.night:
            return moment.date(), Shift.LATE
        return moment.date(), Shift.NIGHT
