"""Evaluations of how a resident's relationships are working (ER P24–P30, DR 8–9, DR 11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from carelink_desktop.domain.validation import Problems, cleaned_copy


@dataclass(frozen=True)
class EvaluationDetails:
    """One evaluation: of the whole map (``relationship_id`` None) or of one relationship."""

    evaluated_on: date | None
    criteria: str
    method: str
    participants: str
    relationship_id: str | None = None
    what_works: str = ""
    what_could_improve: str = ""
    expertise_needed: str = ""
    how_to_get_expertise: str = ""
    reflection: str = ""
    next_due: date | None = None

    def cleaned(self) -> EvaluationDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        if self.evaluated_on is None:
            p.add("evaluated_on", "Give the date of the evaluation.")
        p.not_future("evaluated_on", self.evaluated_on, "Date of the evaluation", today)
        p.require("criteria", self.criteria, "The agreed criteria")
        p.require("method", self.method, "How it was evaluated")
        p.require("participants", self.participants, "Who took part")
        if not self.what_works and not self.what_could_improve:
            p.add("what_works", "Record what works, what could improve, or both.")
        if self.expertise_needed and not self.how_to_get_expertise:
            p.add("how_to_get_expertise", "Say how the expertise will be found.")
        if self.next_due is None:
            p.add("next_due", "Give the date of the next evaluation.")
        p.not_before("next_due", self.next_due, self.evaluated_on, "Next evaluation", "date of this one")
        p.raise_if_any()
