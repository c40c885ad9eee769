"""Carer support plans: starting one with an unpaid carer, changing it, agreeing it, reviewing it
and closing it. Every step is audited and kept in the plan's own history.

A plan starts from a relationship in the unpaid carer category (the carer is a key person on the
resident's map); one open plan per carer and resident. See ``domain.carer_plans`` for the life
cycle and what agreement needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.carer_plans import (
    AccessAction,
    ActionStatus,
    CarerNeed,
    ChosenResource,
    CriterionAssessment,
    NeedKind,
    Outcome,
    OutcomeFor,
    PlanDetails,
    PlanRole,
    PlanStatus,
    ReviewDetails,
    Term,
    can_move,
)
from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import Category
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, read_details, records_of
from carelink_desktop.services.resident_records import open_resident
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.plan_tables import CarerPlanEventRow, CarerPlanReviewRow, CarerPlanRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow

KIND = "carer_plan"
REVIEW_KIND = "carer_plan_review"


def _iso(value: str) -> date:
    return date.fromisoformat(value)


_CONVERT: dict[str, Any] = {
    "outcomes": records_of(Outcome, {"for_whom": OutcomeFor}),
    "roles": records_of(PlanRole),
    "needs": records_of(CarerNeed, {"kind": NeedKind, "term": Term}),
    "resources": records_of(ChosenResource),
    "actions": records_of(AccessAction, {"by_when": _iso, "status": ActionStatus}),
    "review_criteria": tuple,
}
_REVIEW_CONVERT: dict[str, Any] = {"assessments": records_of(CriterionAssessment)}

EVENT_LABELS = {
    "started": "Plan started",
    "changed": "Plan changed",
    "agreed": "Plan agreed",
    "activated": "Plan put into action",
    "review_started": "Review started",
    "reviewed": "Review recorded",
    "closed": "Plan closed",
}


@dataclass(frozen=True)
class PlanView:
    """One plan in full."""

    id: str
    resident_id: str
    resident_name: str
    relationship_id: str
    key_person_id: str
    carer_name: str
    relationship: str
    status: PlanStatus
    agreed_on: date | None
    agreed_by: str
    closed_on: date | None
    close_reason: str
    details: PlanDetails
    created_at: datetime
    updated_at: datetime
    #: Pass back when saving, so someone else's change is never overwritten unseen.
    version: str

    def review_overdue(self, today: date) -> bool:
        due = self.details.next_review_on
        return self.status is not PlanStatus.CLOSED and due is not None and due < today


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plans list."""

    id: str
    resident_id: str
    resident_name: str
    key_person_id: str
    carer_name: str
    status: PlanStatus
    agreed_on: date | None
    next_review_on: date | None
    updated_at: datetime

    def review_overdue(self, today: date) -> bool:
        due = self.next_review_on
        return self.status is not PlanStatus.CLOSED and due is not None and due < today


@dataclass(frozen=True)
class ReviewView:
    id: str
    plan_id: str
    details: ReviewDetails
    created_at: datetime


@dataclass(frozen=True)
class PlanEventView:
    at: datetime
    event: str
    summary: str
    by_name: str

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.event, self.event.replace("_", " ").capitalize())


# -- writing -------------------------------------------------------------------------------------


def start_plan(ws: Workspace, relationship_id: str, details: PlanDetails | None = None) -> PlanView:
    """Start a draft plan with the unpaid carer of a relationship."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "start carer support plans")
    clean = _prepare(ws, details or PlanDetails())
    with ws.work() as w:
        rel = w.get(RelationshipRow, relationship_id, "relationship")
        open_resident(w, rel.resident_id)
        person = w.get(KeyPersonRow, rel.key_person_id, "key person")
        if rel.category != Category.UNPAID_CARER.value:
            raise ValidationError(
                {
                    "relationship_id": f"{person_name(person)} is not marked as an unpaid carer: "
                    "change the category on the relationship map first."
                }
            )
        if rel.ended_on is not None:
            raise ValidationError({"relationship_id": "This relationship has ended: a plan cannot start."})
        if _open_plan(w.session, rel.id) is not None:
            raise ValidationError({"relationship_id": "There is already an open plan with this carer."})
        row = CarerPlanRow(
            resident_id=rel.resident_id,
            relationship_id=rel.id,
            key_person_id=rel.key_person_id,
            status=PlanStatus.DRAFT.value,
            agreed_by="",
            close_reason="",
        )
        apply_details(row, clean)
        w.created(row, "carer_plan_started", kind=KIND, resident_id=rel.resident_id)
        _event(w, row, "started", f"With {person_name(person)}")
        return _view(w.session, row)


def update_plan(
    ws: Workspace, plan_id: str, details: PlanDetails, *, expected_version: str | None = None
) -> PlanView:
    """Save a changed plan (any state but closed)."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "change carer support plans")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = _open_row(w, plan_id)
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {
                    "version": "Someone else changed this plan since you opened it: "
                    "close it and open it again to see their changes."
                }
            )
        if row.status != PlanStatus.DRAFT.value:
            missing = clean.missing_for_agreement()
            if missing:
                raise ValidationError(missing)  # an agreed plan keeps what agreement needed
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row, "carer_plan_changed", kind=KIND, resident_id=row.resident_id, details={"fields": changed}
            )
            _event(w, row, "changed", _fields_text(changed))
        return _view(w.session, row)


def agree_plan(ws: Workspace, plan_id: str, agreed_on: date, agreed_by: str) -> PlanView:
    """Record that the resident, the carer and staff agreed the plan (from draft only)."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "agree carer support plans")
    who = agreed_by.strip()
    with ws.work() as w:
        row = _open_row(w, plan_id)
        _require_move(row, PlanStatus.AGREED)
        problems = read_details(PlanDetails, row, _CONVERT).missing_for_agreement()
        if not who:
            problems["agreed_by"] = "Say who agreed the plan (the carer, the resident, staff)."
        if agreed_on > ws.today():
            problems["agreed_on"] = "The date of agreement cannot be in the future."
        if problems:
            raise ValidationError(problems)
        row.status, row.agreed_on, row.agreed_by = PlanStatus.AGREED.value, agreed_on, who
        w.touched(row, "carer_plan_agreed", kind=KIND, resident_id=row.resident_id)
        _event(w, row, "agreed", f"Agreed by {who}")
        return _view(w.session, row)


def activate_plan(ws: Workspace, plan_id: str) -> PlanView:
    """Put an agreed plan into action."""
    return _move(ws, plan_id, PlanStatus.ACTIVE, "carer_plan_activated", "activated")


def start_review(ws: Workspace, plan_id: str) -> PlanView:
    """Mark an active plan as being reviewed (a review is being arranged or held)."""
    return _move(ws, plan_id, PlanStatus.UNDER_REVIEW, "carer_plan_review_started", "review_started")


def record_review(ws: Workspace, plan_id: str, review: ReviewDetails) -> ReviewView:
    """Record a review of an active plan or one under review; the plan goes on (active) with the
    review's next date. A plan must be agreed (and put into action) before it is reviewed."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "review carer support plans")
    clean = review.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        row = _open_row(w, plan_id)
        if row.status not in (PlanStatus.ACTIVE.value, PlanStatus.UNDER_REVIEW.value):
            state = _a(PlanStatus(row.status).label.lower())
            raise ValidationError({"status": f"{state} plan cannot be reviewed: agree it first."})
        if row.agreed_on is not None and clean.reviewed_on is not None and clean.reviewed_on < row.agreed_on:
            raise ValidationError({"reviewed_on": "A review cannot be before the plan was agreed."})
        entry = CarerPlanReviewRow(
            plan_id=row.id, resident_id=row.resident_id, key_person_id=row.key_person_id
        )
        apply_details(entry, clean)
        w.created(entry, "carer_plan_reviewed", kind=REVIEW_KIND, resident_id=row.resident_id)
        row.status = PlanStatus.ACTIVE.value
        row.next_review_on = clean.next_review_on
        w.touched(
            row,
            "carer_plan_changed",
            kind=KIND,
            resident_id=row.resident_id,
            details={"fields": ["status", "next_review_on"]},
        )
        when = clean.next_review_on.strftime("%d/%m/%Y") if clean.next_review_on else "not set"
        _event(w, row, "reviewed", f"Reviewed with {clean.participants}; next review {when}")
        return ReviewView(entry.id, row.id, clean, entry.created_at)


def close_plan(ws: Workspace, plan_id: str, reason: str, closed_on: date) -> PlanView:
    """Close a plan, saying why (the carer no longer cares, the resident moved on...)."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "close carer support plans")
    why = reason.strip()
    problems: dict[str, str] = {}
    if not why:
        problems["close_reason"] = "Say why the plan is closing."
    if closed_on > ws.today():
        problems["closed_on"] = "The closing date cannot be in the future."
    if problems:
        raise ValidationError(problems)
    with ws.work() as w:
        row = _open_row(w, plan_id)
        row.status, row.closed_on, row.close_reason = PlanStatus.CLOSED.value, closed_on, why
        w.touched(row, "carer_plan_closed", kind=KIND, resident_id=row.resident_id)
        _event(w, row, "closed", why)
        return _view(w.session, row)


# -- reading -------------------------------------------------------------------------------------


def plan(ws: Workspace, plan_id: str) -> PlanView:
    with ws.read() as s:
        row = s.get(CarerPlanRow, plan_id)
        if row is None or row.deleted:
            raise NotFound("That carer support plan no longer exists.")
        return _view(s, row)


def plans(
    ws: Workspace,
    *,
    status: PlanStatus | None = None,
    resident_id: str | None = None,
    key_person_id: str | None = None,
    include_closed: bool = True,
) -> list[PlanSummary]:
    """Plans with the carer's and the resident's names, soonest review first."""
    stmt = (
        select(
            CarerPlanRow.id,
            CarerPlanRow.resident_id,
            CarerPlanRow.key_person_id,
            CarerPlanRow.status,
            CarerPlanRow.agreed_on,
            CarerPlanRow.next_review_on,
            CarerPlanRow.updated_at,
            ResidentRow.legal_given_names,
            ResidentRow.legal_family_name,
            ResidentRow.preferred_name,
            KeyPersonRow.given_names,
            KeyPersonRow.family_name,
        )
        .join(ResidentRow, ResidentRow.id == CarerPlanRow.resident_id)
        .join(KeyPersonRow, KeyPersonRow.id == CarerPlanRow.key_person_id)
        .where(CarerPlanRow.deleted.is_(False))
    )
    if status is not None:
        stmt = stmt.where(CarerPlanRow.status == status.value)
    elif not include_closed:
        stmt = stmt.where(CarerPlanRow.status != PlanStatus.CLOSED.value)
    if resident_id is not None:
        stmt = stmt.where(CarerPlanRow.resident_id == resident_id)
    if key_person_id is not None:
        stmt = stmt.where(CarerPlanRow.key_person_id == key_person_id)
    with ws.read() as s:
        rows = s.execute(stmt).all()
    found = [
        PlanSummary(
            id=r.id,
            resident_id=r.resident_id,
            resident_name=resident_name(r),
            key_person_id=r.key_person_id,
            carer_name=person_name(r),
            status=PlanStatus(r.status),
            agreed_on=r.agreed_on,
            next_review_on=r.next_review_on,
            updated_at=r.updated_at,
        )
        for r in rows
    ]
    return sorted(
        found,
        key=lambda p: (p.status is PlanStatus.CLOSED, p.next_review_on or date.max, p.resident_name, p.id),
    )


def overdue_reviews(ws: Workspace) -> list[PlanSummary]:
    """Open plans whose review date has passed (for the Today board)."""
    today = ws.today()
    return [p for p in plans(ws, include_closed=False) if p.review_overdue(today)]


def reviews_of(ws: Workspace, plan_id: str) -> list[ReviewView]:
    """A plan's reviews, newest first."""
    with ws.read() as s:
        rows = s.scalars(
            select(CarerPlanReviewRow)
            .where(CarerPlanReviewRow.plan_id == plan_id, CarerPlanReviewRow.deleted.is_(False))
            .order_by(CarerPlanReviewRow.reviewed_on.desc(), CarerPlanReviewRow.created_at.desc())
        ).all()
        return [
            ReviewView(r.id, r.plan_id, read_details(ReviewDetails, r, _REVIEW_CONVERT), r.created_at)
            for r in rows
        ]


def plan_history(ws: Workspace, plan_id: str) -> list[PlanEventView]:
    """The steps of a plan, newest first."""
    with ws.read() as s:
        rows = s.scalars(
            select(CarerPlanEventRow)
            .where(CarerPlanEventRow.plan_id == plan_id, CarerPlanEventRow.deleted.is_(False))
            .order_by(CarerPlanEventRow.created_at.desc(), CarerPlanEventRow.hlc.desc())
        ).all()
        return [PlanEventView(r.created_at, r.event, r.summary, r.by_name) for r in rows]


# -- plumbing ------------------------------------------------------------------------------------


def _prepare(ws: Workspace, details: PlanDetails) -> PlanDetails:
    clean = details.cleaned()
    clean.validate(ws.today())
    return clean


def _open_plan(session: Session, relationship_id: str) -> str | None:
    return session.scalars(
        select(CarerPlanRow.id).where(
            CarerPlanRow.relationship_id == relationship_id,
            CarerPlanRow.deleted.is_(False),
            CarerPlanRow.status != PlanStatus.CLOSED.value,
        )
    ).first()


def _open_row(w: Work, plan_id: str) -> CarerPlanRow:
    row = w.get(CarerPlanRow, plan_id, "carer support plan")
    open_resident(w, row.resident_id)
    if row.status == PlanStatus.CLOSED.value:
        raise ValidationError({"status": "This plan is closed: start a new plan instead of changing it."})
    return row


def _require_move(row: CarerPlanRow, to: PlanStatus) -> None:
    current = PlanStatus(row.status)
    if not can_move(current, to):
        raise ValidationError(
            {"status": f"{_a(current.label.lower())} plan cannot become {to.label.lower()}."}
        )


def _a(word: str) -> str:
    """'A draft', 'An agreed', 'An active'."""
    return f"An {word}" if word[:1] in "aeiou" else f"A {word}"


def _move(
    ws: Workspace, plan_id: str, to: PlanStatus, action: str, event: str, *, summary: str = ""
) -> PlanView:
    ws.require(Permission.EDIT_RELATIONSHIPS, "change carer support plans")
    with ws.work() as w:
        row = _open_row(w, plan_id)
        _require_move(row, to)
        row.status = to.value
        w.touched(row, action, kind=KIND, resident_id=row.resident_id)
        _event(w, row, event, summary)
        return _view(w.session, row)


def _event(w: Work, row: CarerPlanRow, event: str, summary: str) -> None:
    entry = CarerPlanEventRow(
        plan_id=row.id, resident_id=row.resident_id, event=event, summary=summary, by_name=w.actor.full_name
    )
    w.add(entry, flush=True)


_FIELD_WORDS = {
    "outcomes": "outcomes",
    "roles": "roles",
    "ways_of_working": "ways of working",
    "risk_management": "managing risks",
    "needs": "the carer's needs",
    "resources": "resources chosen",
    "actions": "the access plan",
    "review_criteria": "review criteria",
    "next_review_on": "the review date",
}


def _fields_text(changed: list[str]) -> str:
    words = [_FIELD_WORDS.get(name, name.replace("_", " ")) for name in changed]
    return "Changed " + ", ".join(words[:4]) + (f" and {len(words) - 4} more" if len(words) > 4 else "")


def _view(session: Session, row: CarerPlanRow) -> PlanView:
    resident = session.get(ResidentRow, row.resident_id)
    person = session.get(KeyPersonRow, row.key_person_id)
    rel = session.get(RelationshipRow, row.relationship_id)
    return PlanView(
        id=row.id,
        resident_id=row.resident_id,
        resident_name=resident_name(resident) if resident else "",
        relationship_id=row.relationship_id,
        key_person_id=row.key_person_id,
        carer_name=person_name(person) if person else "",
        relationship=rel.relationship if rel else "",
        status=PlanStatus(row.status),
        agreed_on=row.agreed_on,
        agreed_by=row.agreed_by,
        closed_on=row.closed_on,
        close_reason=row.close_reason,
        details=read_details(PlanDetails, row, _CONVERT),
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.hlc,
    )
