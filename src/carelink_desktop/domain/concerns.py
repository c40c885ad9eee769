"""Concerns: worries raised from a contact (or on their own) that someone must act on — risk of
harm or abuse, unmet needs of a carer or key person, lack of resources, conflict, complaints,
discrimination and ethical dilemmas (maintain-contact P11, P12, P16, P22, P23, K3–K5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class ConcernKind(StrEnum):
    """What the concern is about. Values are stored: never rename them."""

    HARM_OR_ABUSE = "harm_or_abuse"
    UNMET_NEEDS = "unmet_needs"
    LACK_OF_RESOURCES = "lack_of_resources"
    CONFLICT = "conflict"
    COMPLAINT = "complaint"
    DISCRIMINATION = "discrimination"
    ETHICAL_DILEMMA = "ethical_dilemma"

    @property
    def label(self) -> str:
        return {
            "harm_or_abuse": "Risk of harm or abuse",
            "unmet_needs": "Unmet needs of a carer or key person",
            "lack_of_resources": "Lack of resources",
            "conflict": "Conflict",
            "complaint": "Complaint",
            "discrimination": "Discrimination",
            "ethical_dilemma": "Ethical dilemma",
        }[self.value]


class Severity(StrEnum):
    """How serious, from low to urgent (ordered)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class ConcernStatus(StrEnum):
    OPEN = "open"
    IN_HAND = "in_hand"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "Open", "in_hand": "Being dealt with", "closed": "Closed"}[self.value]


@dataclass(frozen=True)
class ConcernDetails:
    """A concern about a resident's contact or the people around them."""

    kind: ConcernKind
    severity: Severity
    description: str
    raised_on: date | None
    #: The key person it concerns, if any (a relationship of the resident).
    relationship_id: str | None = None
    #: The contact it was raised from, if any.
    visit_id: str | None = None
    reported_to: str = ""
    reported_on: date | None = None
    external_reference: str = ""
    actions: str = ""
    status: ConcernStatus = ConcernStatus.OPEN
    outcome: str = ""
    closed_on: date | None = None

    def cleaned(self) -> ConcernDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        p.require("description", self.description, "What the concern is")
        if self.raised_on is None:
            p.add("raised_on", "Give the date the concern was raised.")
        p.not_future("raised_on", self.raised_on, "The date raised", today)
        p.not_future("reported_on", self.reported_on, "The date reported", today)
        p.not_before("reported_on", self.reported_on, self.raised_on, "The date reported", "date raised")
        if self.reported_on is not None and not self.reported_to:
            p.add("reported_to", "Say who it was reported to.")
        if self.severity in (Severity.HIGH, Severity.URGENT) and not self.reported_to:
            p.add("reported_to", "A high or urgent concern is reported at once: say to whom.")
        if self.kind is ConcernKind.HARM_OR_ABUSE and not self.reported_to:
            p.add("reported_to", "A risk of harm or abuse is reported at once: say to whom.")
        if self.status is ConcernStatus.CLOSED:
            p.require("outcome", self.outcome, "The outcome")
            if self.closed_on is None:
                p.add("closed_on", "Give the date the concern was closed.")
        elif self.closed_on is not None:
            p.add("closed_on", "Only a closed concern has a closing date.")
        p.not_future("closed_on", self.closed_on, "The closing date", today)
        p.not_before("closed_on", self.closed_on, self.raised_on, "The closing date", "date raised")
        p.raise_if_any()

    def age_days(self, today: date) -> int:
        return (today - self.raised_on).days if self.raised_on else 0


@dataclass(frozen=True)
class ConcernHandling:
    """The manager's side of a concern or ethical dilemma (lead-practice P8–P12): who handles it,
    the specialist advice sought, the decision and why, what it means for the home's systems,
    procedures or practice, and the lessons. For a dilemma, the options weighed."""

    handler: str = ""
    advice_sought: str = ""
    #: For an ethical dilemma: the options and what each would mean for the people involved.
    options_weighed: str = ""
    decision: str = ""
    reasoning: str = ""
    practice_changes: str = ""
    lessons: str = ""

    def cleaned(self) -> ConcernHandling:
        return cleaned_copy(self)

    def validate(self, kind: ConcernKind, status: ConcernStatus) -> None:
        p = Problems()
        p.max_length("handler", self.handler, "Who is handling it", 120)
        if self.decision and not self.reasoning:
            p.add("reasoning", "Say why: the reasoning behind the decision.")
        if kind is ConcernKind.ETHICAL_DILEMMA and self.decision and not self.options_weighed:
            p.add("options_weighed", "For a dilemma, write the options weighed before the decision.")
        if status is ConcernStatus.CLOSED and not self.lessons:
            p.add("lessons", "A closed concern records its lessons (write 'None' if there were none).")
        p.raise_if_any()

    @property
    def started(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)
