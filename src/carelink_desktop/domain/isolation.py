"""The isolation signal: how the contact a resident actually has compares with what they wished.

For each way of keeping in touch with a wished frequency, the longest gap that still meets the
wish is ``Frequency.days``. The signal compares the days since the last recorded contact of that
kind with it. Before any contact is recorded at all the signal says so (no data), rather than
calling everyone isolated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.relationships import ContactWish, Frequency, KeepInTouch


class SignalLevel(StrEnum):
    """From best to worst; ``NO_WISH`` and ``NO_DATA`` say nothing either way."""

    MET = "met"
    NO_WISH = "no_wish"
    NO_DATA = "no_data"
    BEHIND = "behind"
    NOT_MET = "not_met"

    @property
    def label(self) -> str:
        return {
            "met": "As wished",
            "no_wish": "No wish recorded",
            "no_data": "No contact recorded yet",
            "behind": "Falling behind",
            "not_met": "Much less than wished",
        }[self.value]

    @property
    def concern(self) -> bool:
        return self in (SignalLevel.BEHIND, SignalLevel.NOT_MET)


_ORDER = list(SignalLevel)


@dataclass(frozen=True)
class WishSignal:
    method: KeepInTouch
    frequency: Frequency
    level: SignalLevel
    last_contact: date | None

    def text(self, today: date) -> str:
        """'Visits: wished every week; last 12/11/2026 (10 days ago): falling behind'."""
        wished = f"{self.method.label}: wished {self.frequency.label.lower()}"
        if self.last_contact is None:
            return f"{wished}; {self.level.label.lower()}"
        days = (today - self.last_contact).days
        ago = "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"
        return f"{wished}; last {format_uk_date(self.last_contact)} ({ago}): {self.level.label.lower()}"


def wish_signal(
    wish: ContactWish, contacts: Sequence[date], today: date, recording_since: date | None
) -> WishSignal:
    """The signal for one wish, given the dates of contact of that kind.

    ``recording_since`` is when contact started being recorded for the resident (None: never,
    so there is no data). A wish is met while the gap since the last contact is within the
    wished interval, falling behind up to twice that, and not met beyond."""
    interval = wish.frequency.days
    past = [d for d in contacts if d <= today]
    last = max(past) if past else None
    if interval is None:
        return WishSignal(wish.method, wish.frequency, SignalLevel.NO_WISH, last)
    if recording_since is None and last is None:
        return WishSignal(wish.method, wish.frequency, SignalLevel.NO_DATA, None)
    if last is None:
        assert recording_since is not None
        waited = (today - recording_since).days
        level = SignalLevel.NO_DATA if waited < interval else _gap_level(waited, interval)
        return WishSignal(wish.method, wish.frequency, level, None)
    return WishSignal(wish.method, wish.frequency, _gap_level((today - last).days, interval), last)


def _gap_level(gap: int, interval: int) -> SignalLevel:
    if gap <= interval:
        return SignalLevel.MET
    if gap <= 2 * interval:
        return SignalLevel.BEHIND
    return SignalLevel.NOT_MET


def worst(levels: Sequence[SignalLevel]) -> SignalLevel:
    """The most worrying level (no wishes at all: ``NO_WISH``)."""
    return max(levels, key=_ORDER.index) if levels else SignalLevel.NO_WISH
