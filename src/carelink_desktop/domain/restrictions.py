"""Restrictions on contact: who is not to be in touch with a resident, on what basis, until when.

Sensitive: only roles with ``Permission.VIEW_SENSITIVE`` see the details. Everyone else sees only
that contact with a person is restricted, so nobody arranges a visit that must not happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class RestrictionKind(StrEnum):
    """Why contact is restricted. Values are stored: never rename them."""

    RESIDENTS_WISH = "residents_wish"
    COURT_ORDER = "court_order"
    SAFEGUARDING_PLAN = "safeguarding_plan"
    DOLS_CONDITION = "dols_condition"
    INFECTION_CONTROL = "infection_control"

    @property
    def label(self) -> str:
        return {
            "residents_wish": "The resident's own wish",
            "court_order": "Court order",
            "safeguarding_plan": "Safeguarding plan",
            "dols_condition": "Deprivation of liberty condition",
            "infection_control": "Infection control",
        }[self.value]


@dataclass(frozen=True)
class RestrictionDetails:
    """One restriction on contact between the resident and a person (or everyone, for an outbreak)."""

    kind: RestrictionKind
    what_is_restricted: str
    starts_on: date | None
    review_on: date | None
    #: The relationship (key person) it concerns; None: everyone (e.g. an outbreak).
    relationship_id: str | None = None
    legal_basis: str = ""
    less_restrictive_options: str = ""
    decided_with: str = ""
    how_resident_told: str = ""
    how_person_told: str = ""
    ends_on: date | None = None
    end_reason: str = ""

    def cleaned(self) -> RestrictionDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        p.require("what_is_restricted", self.what_is_restricted, "What is restricted")
        if self.starts_on is None:
            p.add("starts_on", "Give the date the restriction starts.")
        if self.review_on is None and self.ends_on is None:
            p.add("review_on", "Give a review date: every restriction is reviewed.")
        p.not_before("review_on", self.review_on, self.starts_on, "Review date", "start date")
        p.not_before("ends_on", self.ends_on, self.starts_on, "End date", "start date")
        if self.ends_on is not None and self.ends_on <= today and not self.end_reason:
            p.add("end_reason", "Say why the restriction ended.")
        if self.kind is not RestrictionKind.RESIDENTS_WISH and not self.legal_basis:
            p.add("legal_basis", "Record the legal basis (the order, plan or condition).")
        if self.kind is not RestrictionKind.RESIDENTS_WISH and not self.less_restrictive_options:
            p.add("less_restrictive_options", "Record the less restrictive options considered.")
        if not self.decided_with:
            p.add("decided_with", "Say who took part in the decision.")
        if not self.how_resident_told:
            p.add("how_resident_told", "Say how the resident was told.")
        if self.relationship_id is not None and not self.how_person_told:
            p.add("how_person_told", "Say how the person was told.")
        p.raise_if_any()

    def in_force(self, on: date) -> bool:
        """True between the start and the end (an open-ended restriction stays in force)."""
        started = self.starts_on is None or self.starts_on <= on
        return started and (self.ends_on is None or on < self.ends_on)

    def review_due(self, on: date, *, within_days: int = 14) -> bool:
        """In force and its review falls within ``within_days`` (or is overdue)."""
        return (
            self.in_force(on)
            and self.review_on is not None
            and self.review_on <= on + timedelta(days=within_days)
        )
