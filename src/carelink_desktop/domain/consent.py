"""Consent records: what a resident (or someone lawfully for them) agreed to, and how it was decided."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, clean


class ConsentTopic(StrEnum):
    KEEPING_RECORDS = "keeping_records"
    RELATIONSHIP_MAP = "relationship_map"
    SHARING_WITH_FAMILY = "sharing_with_family"
    SHARING_WITH_PROFESSIONALS = "sharing_with_professionals"
    PHOTOGRAPHS = "photographs"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "keeping_records": "Keeping records about relationships and contact",
            "relationship_map": "Drawing up a relationship map",
            "sharing_with_family": "Sharing information with family and key people",
            "sharing_with_professionals": "Sharing information with other professionals",
            "photographs": "Photographs",
            "other": "Other",
        }[self.value]


class ConsentDecision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    BEST_INTERESTS = "best_interests"

    @property
    def label(self) -> str:
        return {
            "given": "Consent given",
            "refused": "Consent refused",
            "withdrawn": "Consent withdrawn",
            "best_interests": "Best-interests decision",
        }[self.value]


class DecidedBy(StrEnum):
    RESIDENT = "resident"
    ATTORNEY_HEALTH_WELFARE = "attorney_health_welfare"
    COURT_DEPUTY = "court_deputy"
    BEST_INTERESTS_MEETING = "best_interests_meeting"

    @property
    def label(self) -> str:
        return {
            "resident": "The resident",
            "attorney_health_welfare": "Attorney (health and welfare)",
            "court_deputy": "Court-appointed deputy",
            "best_interests_meeting": "Best-interests meeting",
        }[self.value]


class Capacity(StrEnum):
    HAS_CAPACITY = "has_capacity"
    LACKS_CAPACITY = "lacks_capacity"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return {
            "has_capacity": "Has capacity for this decision",
            "lacks_capacity": "Lacks capacity for this decision",
            "not_assessed": "Not assessed",
        }[self.value]


@dataclass(frozen=True)
class ConsentDetails:
    """One consent decision about one topic."""

    topic: ConsentTopic
    decision: ConsentDecision
    decided_by: DecidedBy
    decision_date: date | None
    details: str = ""
    decided_by_name: str = ""
    capacity: Capacity = Capacity.NOT_ASSESSED
    capacity_notes: str = ""
    best_interests_notes: str = ""
    review_date: date | None = None

    def cleaned(self) -> ConsentDetails:
        return replace(
            self,
            details=clean(self.details),
            decided_by_name=clean(self.decided_by_name),
            capacity_notes=clean(self.capacity_notes),
            best_interests_notes=clean(self.best_interests_notes),
        )

    def validate(self, today: date) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        if self.decision_date is None:
            p.add("decision_date", "Give the date of the decision.")
        p.not_future("decision_date", self.decision_date, "Date of the decision", today)
        p.not_before(
            "review_date",
            self.review_date,
            self.decision_date,
            "Review date",
            "date of the decision",
        )
        if self.topic is ConsentTopic.OTHER and not self.details:
            p.add("details", "Say what the consent is about.")
        if self.decided_by is not DecidedBy.RESIDENT and not self.decided_by_name:
            p.add("decided_by_name", "Say who made the decision on the resident's behalf.")
        lacks = self.capacity is Capacity.LACKS_CAPACITY
        if lacks and not self.capacity_notes:
            p.add("capacity_notes", "Record how the capacity assessment was made.")
        best_interests = (
            self.decision is ConsentDecision.BEST_INTERESTS
            or self.decided_by is DecidedBy.BEST_INTERESTS_MEETING
        )
        if best_interests and not self.best_interests_notes:
            p.add("best_interests_notes", "Record who took part and why this is in their best interests.")
        if self.decided_by is DecidedBy.RESIDENT and lacks:
            p.add("decided_by", "A resident who lacks capacity for this cannot decide it themselves.")
        p.raise_if_any()
