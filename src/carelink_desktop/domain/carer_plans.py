"""Carer support plans: the partnership with an unpaid carer and support for the carer's own
wellbeing (partnership-with-carers P1–P23), with their life cycle and reviews.

A plan is for one carer (a key person whose relationship with the resident is in the unpaid carer
category) and one resident. It moves draft → agreed → active ⇄ under review → closed; a plan can
be closed from any state but closed, and cannot be agreed without outcomes, roles and a review
date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, clean, cleaned_copy


class PlanStatus(StrEnum):
    """Where a plan is in its life. Values are stored: never rename them."""

    DRAFT = "draft"
    AGREED = "agreed"
    ACTIVE = "active"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "agreed": "Agreed",
            "active": "Active",
            "under_review": "Under review",
            "closed": "Closed",
        }[self.value]


#: The moves a plan may make (closing is allowed from every state but closed).
TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.AGREED, PlanStatus.CLOSED}),
    PlanStatus.AGREED: frozenset({PlanStatus.ACTIVE, PlanStatus.CLOSED}),
    PlanStatus.ACTIVE: frozenset({PlanStatus.UNDER_REVIEW, PlanStatus.CLOSED}),
    PlanStatus.UNDER_REVIEW: frozenset({PlanStatus.ACTIVE, PlanStatus.CLOSED}),
    PlanStatus.CLOSED: frozenset(),
}


def can_move(current: PlanStatus, to: PlanStatus) -> bool:
    return to in TRANSITIONS[current]


class OutcomeFor(StrEnum):
    """Whose outcome: agreed between resident, carer and staff (P1), or the carer's own (P9)."""

    RESIDENT = "resident"
    CARER = "carer"
    SHARED = "shared"

    @property
    def label(self) -> str:
        return {"resident": "For the resident", "carer": "For the carer", "shared": "Shared"}[self.value]


class NeedKind(StrEnum):
    PHYSICAL = "physical"
    EMOTIONAL = "emotional"
    MENTAL = "mental"
    PRACTICAL = "practical"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Term(StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"

    @property
    def label(self) -> str:
        return {"short": "Short term", "medium": "Medium term", "long": "Long term"}[self.value]


class ActionStatus(StrEnum):
    TO_DO = "to_do"
    IN_HAND = "in_hand"
    DONE = "done"
    NOT_POSSIBLE = "not_possible"

    @property
    def label(self) -> str:
        return {
            "to_do": "To do",
            "in_hand": "In hand",
            "done": "Done",
            "not_possible": "Not possible",
        }[self.value]


@dataclass(frozen=True)
class Outcome:
    text: str
    for_whom: OutcomeFor = OutcomeFor.SHARED


@dataclass(frozen=True)
class PlanRole:
    """Who does what in the partnership: the worker, the carer, other key people, others (P2)."""

    who: str
    role: str


@dataclass(frozen=True)
class CarerNeed:
    kind: NeedKind
    term: Term
    description: str


@dataclass(frozen=True)
class ChosenResource:
    """A resource from the home's directory chosen with the carer (P10–P11)."""

    resource_id: str
    why: str = ""


@dataclass(frozen=True)
class AccessAction:
    """One step of the plan to reach the resources chosen: what, who, by when, how it stands."""

    what: str
    who: str
    by_when: date | None = None
    status: ActionStatus = ActionStatus.TO_DO


@dataclass(frozen=True)
class PlanDetails:
    """Everything a carer support plan holds, as staff type it."""

    outcomes: tuple[Outcome, ...] = ()
    roles: tuple[PlanRole, ...] = ()
    ways_of_working: str = ""
    risk_management: str = ""
    assessment_explained_on: date | None = None
    assessment_explained_how: str = ""
    referral_on: date | None = None
    referral_reference: str = ""
    referral_result: str = ""
    needs: tuple[CarerNeed, ...] = ()
    resources: tuple[ChosenResource, ...] = ()
    actions: tuple[AccessAction, ...] = ()
    resident_support_meanwhile: str = ""
    resident_support_risks: str = ""
    gaps_in_provision: str = ""
    discrimination: str = ""
    review_process: str = ""
    review_criteria: tuple[str, ...] = ()
    next_review_on: date | None = None

    def cleaned(self) -> PlanDetails:
        """Trimmed text; empty list entries dropped; one entry per chosen resource."""
        chosen: dict[str, ChosenResource] = {}
        for r in self.resources:
            if r.resource_id:
                chosen[r.resource_id] = replace(r, why=clean(r.why))
        return replace(
            cleaned_copy(self),
            outcomes=tuple(replace(o, text=clean(o.text)) for o in self.outcomes if clean(o.text)),
            roles=tuple(
                PlanRole(clean(r.who), clean(r.role)) for r in self.roles if clean(r.who) or clean(r.role)
            ),
            needs=tuple(
                replace(n, description=clean(n.description)) for n in self.needs if clean(n.description)
            ),
            resources=tuple(chosen.values()),
            actions=tuple(
                replace(a, what=clean(a.what), who=clean(a.who))
                for a in self.actions
                if clean(a.what) or clean(a.who)
            ),
            review_criteria=tuple(clean(c) for c in self.review_criteria if clean(c)),
        )

    def validate(self, today: date) -> None:
        """What any saved plan must satisfy (a draft may be incomplete)."""
        p = Problems()
        for n, role in enumerate(self.roles):
            if not role.who or not role.role:
                p.add(f"roles.{n}", f"Role {n + 1}: say who, and what they do.")
        for n, action in enumerate(self.actions):
            if not action.what:
                p.add(f"actions.{n}", f"Action {n + 1}: say what is to be done.")
            elif not action.who:
                p.add(f"actions.{n}", f"Action {n + 1}: say who will do it.")
        p.not_future(
            "assessment_explained_on", self.assessment_explained_on, "Assessment explained on", today
        )
        p.not_future("referral_on", self.referral_on, "Referral made on", today)
        if self.referral_reference and self.referral_on is None:
            p.add("referral_on", "Give the date of the referral.")
        p.raise_if_any()

    def missing_for_agreement(self) -> dict[str, str]:
        """What a plan still needs before it can be agreed (P1–P5, P17): empty when ready."""
        missing: dict[str, str] = {}
        if not self.outcomes:
            missing["outcomes"] = "Add at least one agreed outcome."
        if not self.roles:
            missing["roles"] = "Say who does what: add at least one role."
        if self.next_review_on is None:
            missing["next_review_on"] = "Give the date of the first review."
        if not self.review_criteria:
            missing["review_criteria"] = "Agree at least one criterion the review will look at."
        return missing


@dataclass(frozen=True)
class CriterionAssessment:
    criterion: str
    assessment: str


@dataclass(frozen=True)
class ReviewDetails:
    """A review of the partnership and of the carer's wellbeing (P17–P22)."""

    reviewed_on: date | None
    participants: str
    participation_support: str = ""
    assessments: tuple[CriterionAssessment, ...] = ()
    benefits: str = ""
    difficulties: str = ""
    changes: str = ""
    resident_support_changes: str = ""
    referrals: str = ""
    next_review_on: date | None = None

    def cleaned(self) -> ReviewDetails:
        return replace(
            cleaned_copy(self),
            assessments=tuple(
                CriterionAssessment(clean(a.criterion), clean(a.assessment))
                for a in self.assessments
                if clean(a.criterion)
            ),
        )

    def validate(self, today: date, *, closing: bool = False) -> None:
        p = Problems()
        if self.reviewed_on is None:
            p.add("reviewed_on", "Give the date of the review.")
        p.not_future("reviewed_on", self.reviewed_on, "Date of the review", today)
        p.require("participants", self.participants, "Who took part")
        for n, a in enumerate(self.assessments):
            if not a.assessment:
                p.add(f"assessments.{n}", f"Say how '{a.criterion}' went.")
        if not closing and self.next_review_on is None:
            p.add("next_review_on", "Give the date of the next review.")
        p.not_before(
            "next_review_on", self.next_review_on, self.reviewed_on, "Next review", "date of this one"
        )
        p.raise_if_any()
