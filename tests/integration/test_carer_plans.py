"""Carer support plans through the real services on an encrypted home: every state change and
every refusal, the plan's history and the audit log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

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
)
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.resources import ResourceDetails, ResourceKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.carer_plans import (
    activate_plan,
    agree_plan,
    close_plan,
    overdue_reviews,
    plan,
    plan_history,
    plans,
    record_review,
    reviews_of,
    start_plan,
    start_review,
    update_plan,
)
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.resources_directory import add_resource
from tests.conftest import resident

TODAY = date(2026, 11, 22)


@pytest.fixture
def carer(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    peggy = admit_resident(manager, resident("Margaret", "Jones"))
    jean = add_key_person(manager, KeyPersonDetails("Jean", "Pryce", phone="07700 900555"))
    rel = relate(manager, peggy.id, jean.id, RelationshipDetails("neighbour", Category.UNPAID_CARER))
    return rel


def complete(resource_id: str = "") -> PlanDetails:
    return PlanDetails(
        outcomes=(
            Outcome("Jean keeps her Tuesday visits", OutcomeFor.SHARED),
            Outcome(" ", OutcomeFor.CARER),
        ),
        roles=(
            PlanRole("Jean", "Visits Tuesdays, helps with lunch"),
            PlanRole("Keyworker", "Books transport"),
        ),
        needs=(CarerNeed(NeedKind.EMOTIONAL, Term.SHORT, "Time for herself after the move"),),
        resources=(ChosenResource(resource_id, "Carers' café"),) if resource_id else (),
        actions=(AccessAction("Refer to the carers' centre", "Keyworker", TODAY + timedelta(days=7)),),
        review_criteria=("Jean feels supported", "Peggy enjoys the visits"),
        next_review_on=TODAY + timedelta(days=90),
    )


def test_a_plan_goes_from_draft_to_review_and_keeps_every_step(manager, carer) -> None:  # type: ignore[no-untyped-def]
    centre = add_resource(manager, ResourceDetails("Carers' Centre", ResourceKind.SUPPORT_GROUP))
    draft = start_plan(manager, carer.id)
    assert (draft.status, draft.carer_name, draft.relationship) == (
        PlanStatus.DRAFT,
        "Jean Pryce",
        "neighbour",
    )
    saved = update_plan(manager, draft.id, complete(centre.id), expected_version=draft.version)
    assert [o.text for o in saved.details.outcomes] == ["Jean keeps her Tuesday visits"]
    assert saved.details.actions[0].by_when == TODAY + timedelta(days=7)  # a date inside JSON
    assert saved.details.actions[0].status is ActionStatus.TO_DO
    agreed = agree_plan(manager, draft.id, TODAY, "Jean, Peggy and Amira")
    assert (agreed.status, agreed.agreed_on, agreed.agreed_by) == (
        PlanStatus.AGREED,
        TODAY,
        "Jean, Peggy and Amira",
    )
    assert activate_plan(manager, draft.id).status is PlanStatus.ACTIVE
    assert start_review(manager, draft.id).status is PlanStatus.UNDER_REVIEW
    review = ReviewDetails(
        TODAY,
        "Jean, Peggy, keyworker",
        assessments=(CriterionAssessment("Jean feels supported", "Yes, the café helps"),),
        benefits="Sleeping better",
        next_review_on=TODAY + timedelta(days=180),
    )
    record_review(manager, draft.id, review)
    after = plan(manager, draft.id)
    assert after.status is PlanStatus.ACTIVE and after.details.next_review_on == TODAY + timedelta(days=180)
    assert reviews_of(manager, draft.id)[0].details.assessments[0].assessment == "Yes, the café helps"
    closed = close_plan(manager, draft.id, "Jean moved away", TODAY)
    assert closed.status is PlanStatus.CLOSED
    events = [e.event for e in reversed(plan_history(manager, draft.id))]
    assert events == ["started", "changed", "agreed", "activated", "review_started", "reviewed", "closed"]
    assert {e.by_name for e in plan_history(manager, draft.id)} == {"Amira Khan"}
    actions = [e.action for e in reversed(audit_entries(manager, resident_id=carer.resident_id))]
    for step in ("carer_plan_started", "carer_plan_agreed", "carer_plan_reviewed", "carer_plan_closed"):
        assert step in actions


def test_a_plan_cannot_be_agreed_without_outcomes_roles_criteria_and_a_review_date(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id)
    with pytest.raises(ValidationError) as caught:
        agree_plan(manager, draft.id, TODAY, "")
    assert set(caught.value.errors) == {"outcomes", "roles", "next_review_on", "review_criteria", "agreed_by"}
    assert plan(manager, draft.id).status is PlanStatus.DRAFT
    update_plan(manager, draft.id, complete())
    with pytest.raises(ValidationError, match="future"):
        agree_plan(manager, draft.id, TODAY + timedelta(days=1), "Jean")


def test_moves_the_life_cycle_does_not_allow_are_refused(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id, complete())
    with pytest.raises(ValidationError, match="A draft plan cannot become active"):
        activate_plan(manager, draft.id)
    with pytest.raises(ValidationError, match="A draft plan cannot become under review"):
        start_review(manager, draft.id)
    with pytest.raises(ValidationError, match="cannot be reviewed: agree it first"):
        record_review(manager, draft.id, ReviewDetails(TODAY, "Jean", next_review_on=TODAY))
    agree_plan(manager, draft.id, TODAY, "Jean")
    with pytest.raises(ValidationError, match="An agreed plan cannot become agreed"):
        agree_plan(manager, draft.id, TODAY, "Jean")
    close_plan(manager, draft.id, "Entered twice", TODAY)
    for step in (
        lambda: update_plan(manager, draft.id, complete()),
        lambda: activate_plan(manager, draft.id),
        lambda: close_plan(manager, draft.id, "again", TODAY),
    ):
        with pytest.raises(ValidationError, match="closed"):
            step()


def test_an_agreed_plan_keeps_what_agreement_needed(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id, complete())
    agree_plan(manager, draft.id, TODAY, "Jean")
    with pytest.raises(ValidationError) as caught:
        update_plan(manager, draft.id, PlanDetails())
    assert "outcomes" in caught.value.errors
    assert plan(manager, draft.id).details.outcomes


def test_only_unpaid_carers_and_one_open_plan_each(manager, carer) -> None:  # type: ignore[no-untyped-def]
    son = add_key_person(manager, KeyPersonDetails("Tom", "Jones"))
    family = relate(manager, carer.resident_id, son.id, RelationshipDetails("son", Category.FAMILY))
    with pytest.raises(ValidationError, match="not marked as an unpaid carer"):
        start_plan(manager, family.id)
    first = start_plan(manager, carer.id)
    with pytest.raises(ValidationError, match="already an open plan"):
        start_plan(manager, carer.id)
    close_plan(manager, first.id, "Started again with the carer's own words", TODAY)
    assert start_plan(manager, carer.id).status is PlanStatus.DRAFT


def test_bad_input_is_named_and_nothing_saved(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id)
    bad = PlanDetails(
        roles=(PlanRole("Jean", ""),),
        actions=(AccessAction("", "Keyworker"),),
        referral_reference="LA-123",
        assessment_explained_on=TODAY + timedelta(days=3),
    )
    with pytest.raises(ValidationError) as caught:
        update_plan(manager, draft.id, bad)
    assert set(caught.value.errors) == {"roles.0", "actions.0", "referral_on", "assessment_explained_on"}
    with pytest.raises(ValidationError) as caught:
        close_plan(manager, draft.id, " ", TODAY)
    assert "close_reason" in caught.value.errors
    assert plan(manager, draft.id).status is PlanStatus.DRAFT


def test_lists_filters_and_overdue_reviews(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id, complete())
    agree_plan(manager, draft.id, TODAY, "Jean")
    activate_plan(manager, draft.id)
    assert overdue_reviews(manager) == []
    manager.set_today_for_tests(TODAY + timedelta(days=91))
    assert [p.carer_name for p in overdue_reviews(manager)] == ["Jean Pryce"]
    assert [p.id for p in plans(manager, status=PlanStatus.ACTIVE)] == [draft.id]
    assert plans(manager, status=PlanStatus.DRAFT) == []
    assert [p.id for p in plans(manager, key_person_id=carer.key_person_id)] == [draft.id]


def test_keyworkers_keep_plans_too(manager, carer, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    assert start_plan(keyworker, carer.id).status is PlanStatus.DRAFT


def test_a_review_cannot_be_dated_before_the_agreement(manager, carer) -> None:  # type: ignore[no-untyped-def]
    draft = start_plan(manager, carer.id, complete())
    agree_plan(manager, draft.id, TODAY, "Jean")
    activate_plan(manager, draft.id)
    early = ReviewDetails(TODAY - timedelta(days=1), "Jean", next_review_on=TODAY + timedelta(days=30))
    with pytest.raises(ValidationError, match="before the plan was agreed"):
        record_review(manager, draft.id, early)
    assert reviews_of(manager, draft.id) == []
