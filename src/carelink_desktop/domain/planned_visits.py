"""Planned visits: who is coming, when and how, and what happened to the booking.

A booking moves booked → arrived (signed in) → completed (signed out), or booked → cancelled or
did not come. Phone and video calls are never signed in: they go straight to completed when the
call is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy
from carelink_desktop.domain.visits import Supervision, VisitKind


class PlannedStatus(StrEnum):
    """Where a booking is. Values are stored: never rename them."""

    BOOKED = "booked"
    ARRIVED = "arrived"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    DID_NOT_COME = "did_not_come"

    @property
    def label(self) -> str:
        return {
            "booked": "Booked",
            "arrived": "Signed in",
            "completed": "Completed",
            "cancelled": "Cancelled",
            "did_not_come": "Did not come",
        }[self.value]

    @property
    def finished(self) -> bool:
        return self in (PlannedStatus.COMPLETED, PlannedStatus.CANCELLED, PlannedStatus.DID_NOT_COME)


#: The moves a booking may make.
TRANSITIONS: dict[PlannedStatus, frozenset[PlannedStatus]] = {
    PlannedStatus.BOOKED: frozenset(
        {PlannedStatus.ARRIVED, PlannedStatus.COMPLETED, PlannedStatus.CANCELLED, PlannedStatus.DID_NOT_COME}
    ),
    PlannedStatus.ARRIVED: frozenset({PlannedStatus.COMPLETED}),
    PlannedStatus.COMPLETED: frozenset(),
    PlannedStatus.CANCELLED: frozenset({PlannedStatus.BOOKED}),
    PlannedStatus.DID_NOT_COME: frozenset({PlannedStatus.BOOKED}),
}


@dataclass(frozen=True)
class PlannedVisitDetails:
    """A booked visit, outing or call."""

    kind: VisitKind
    starts_at: datetime
    relationship_ids: tuple[str, ...] = ()
    other_visitors: str = ""
    expected_minutes: int = 60
    location: str = ""
    supervision: Supervision = Supervision.NONE
    notes: str = ""
    #: Staff saw the warning about a restriction on contact and booked anyway.
    restriction_acknowledged: bool = False

    def cleaned(self) -> PlannedVisitDetails:
        return replace(
            cleaned_copy(self),
            relationship_ids=tuple(dict.fromkeys(r for r in self.relationship_ids if r)),
            starts_at=self.starts_at.replace(second=0, microsecond=0),
        )

    def validate(self, today: date) -> None:
        p = Problems()
        if not self.kind.bookable:
            p.add("kind", "Letters and messages are recorded when they arrive, not booked.")
        if not self.relationship_ids and not self.other_visitors:
            p.add("relationship_ids", "Say who is coming (or calling).")
        if not 5 <= self.expected_minutes <= 24 * 60:
            p.add("expected_minutes", "A visit lasts between 5 minutes and 24 hours.")
        p.raise_if_any()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.expected_minutes)
