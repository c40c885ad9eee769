"""Relationship maps through the real services on an encrypted home: relationships and their
history, the unique marks, restrictions kept from roles that may not see them, groups, issues,
evaluations, keyworker changes, resources offered and the isolation signal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carelink_desktop.domain.errors import PermissionDenied, ValidationError
from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
from carelink_desktop.domain.relationships import (
    AttorneyPower,
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    Quality,
    RelationshipDetails,
)
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome, ResourceDetails, ResourceKind
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import links
from carelink_desktop.services.contact_history import (
    ContactHistory,
    register_contact_source,
    unregister_contact_source,
)
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.map_records import (
    EVALUATIONS,
    GROUPS,
    ISSUES,
    KEYWORKER_CHANGES,
    RESTRICTIONS,
    complete_keyworker_change,
)
from carelink_desktop.services.relationship_history import history_of, map_timeline
from carelink_desktop.services.relationship_map import relationship_map
from carelink_desktop.services.relationship_types import (
    add_relationship_type,
    relationship_types,
    remove_relationship_type,
)
from carelink_desktop.services.relationships import (
    move_to_circle,
    relate,
    relationship,
    relationships_of,
    remove_relationship,
    update_relationship,
)
from carelink_desktop.services.resident_records import add_record, change_record, records_for
from carelink_desktop.services.residents import admit_resident, view_resident
from carelink_desktop.services.resources_directory import (
    add_resource,
    archive_resource,
    offer_resource,
    offers_for,
    update_offer,
)
from tests.conftest import resident

TODAY = date(2026, 11, 22)


@pytest.fixture
def people(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    peggy = admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy"))
    sue = add_key_person(manager, KeyPersonDetails("Susan", "Hughes", phone="07700 900123"))
    tom = add_key_person(manager, KeyPersonDetails("Tom", "Jones"))
    return {"peggy": peggy.id, "sue": sue.id, "tom": tom.id}


def daughter(**extra: object) -> RelationshipDetails:
    base: dict[str, object] = {
        "relationship": "daughter",
        "reverse_relationship": "mother",
        "category": Category.FAMILY,
        "circle": 3,
        "contact_wishes": (ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY, "Sunday afternoons"),),
    }
    base.update(extra)
    return RelationshipDetails(**base)  # type: ignore[arg-type]


def test_a_relationship_keeps_everything_recorded(manager, people) -> None:  # type: ignore[no-untyped-def]
    details = daughter(
        next_of_kin=True,
        attorney_powers=(AttorneyPower.HEALTH_AND_WELFARE, AttorneyPower.HEALTH_AND_WELFARE),
        contact_wishes=(
            ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY, " Sundays "),
            ContactWish(KeepInTouch.PHONE, Frequency.DAILY),
        ),
        support_needed="Lifts from the station",
        started_on=date(1968, 5, 1),
    )
    view = relate(manager, people["peggy"], people["sue"], details)
    again = relationship(manager, view.id)
    assert again.key_person_name == "Susan Hughes"
    assert again.details.attorney_powers == (AttorneyPower.HEALTH_AND_WELFARE,)
    assert again.details.contact_wishes == (
        ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY, "Sundays"),
        ContactWish(KeepInTouch.PHONE, Frequency.DAILY),
    )
    assert again.details.support_needed == "Lifts from the station"
    assert again.details.started_on == date(1968, 5, 1)
    with pytest.raises(ValidationError, match="already on this resident"):
        relate(manager, people["peggy"], people["sue"], details)


def test_bad_input_names_each_problem_and_saves_nothing(manager, people) -> None:  # type: ignore[no-untyped-def]
    bad = daughter(
        relationship=" ",
        circle=5,
        started_on=TODAY + timedelta(days=1),
        ended_on=date(2020, 1, 1),
        essential_care_supporter=True,
    )
    with pytest.raises(ValidationError) as caught:
        relate(manager, people["peggy"], people["sue"], bad)
    assert set(caught.value.errors) >= {
        "relationship",
        "circle",
        "started_on",
        "ended_on",
        "end_reason",
        "essential_care_supporter",
    }
    assert relationships_of(manager, people["peggy"]) == []


def test_moving_a_person_is_kept_in_the_history_with_who_did_it(manager, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(manager, people["peggy"], people["sue"], daughter())
    move_to_circle(manager, view.id, 1, reason="Visits every day now")
    update_relationship(
        manager,
        view.id,
        daughter(circle=1, quality=Quality.STRAINED),
        expected_version=relationship(manager, view.id).version,
    )
    history = history_of(manager, view.id)
    assert [h.change for h in history] == ["changed", "moved", "created"]
    moved = history[1]
    assert moved.summary == "Moved from circle 3 to circle 1"
    assert moved.changed_by == "Amira Khan" and moved.reason == "Visits every day now"
    assert history[0].fields[0].label == "How it is going"
    assert (history[0].fields[0].before, history[0].fields[0].after) == ("Positive", "Strained")
    assert [h.key_person_name for h in map_timeline(manager, people["peggy"])] == ["Susan Hughes"] * 3


def test_a_stale_form_cannot_overwrite_someone_elses_change(manager, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(manager, people["peggy"], people["sue"], daughter())
    move_to_circle(manager, view.id, 2)
    with pytest.raises(ValidationError, match="Someone else changed"):
        update_relationship(manager, view.id, daughter(circle=4), expected_version=view.version)
    assert relationship(manager, view.id).details.circle == 2


def test_ending_a_relationship_needs_a_reason_and_is_history(manager, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(manager, people["peggy"], people["tom"], daughter(relationship="son"))
    with pytest.raises(ValidationError, match="why the relationship ended"):
        update_relationship(manager, view.id, daughter(relationship="son", ended_on=TODAY))
    update_relationship(
        manager,
        view.id,
        daughter(
            relationship="son",
            ended_on=TODAY,
            end_reason="Moved to Australia",
            end_support="Video calls set up",
        ),
    )
    assert history_of(manager, view.id)[0].change == "ended"
    the_map = relationship_map(manager, people["peggy"])
    assert the_map.current == () and [r.id for r in the_map.ended] == [view.id]
    assert the_map.drawing().people == ()


def test_only_one_primary_next_of_kin_and_one_essential_care_supporter(manager, people) -> None:  # type: ignore[no-untyped-def]
    sue = relate(
        manager,
        people["peggy"],
        people["sue"],
        daughter(primary_next_of_kin=True, essential_care_supporter=True),
    )
    assert sue.details.next_of_kin  # primary implies next of kin
    tom = relate(
        manager, people["peggy"], people["tom"], daughter(relationship="son", primary_next_of_kin=True)
    )
    assert relationship(manager, tom.id).details.primary_next_of_kin
    sue_now = relationship(manager, sue.id).details
    assert not sue_now.primary_next_of_kin and sue_now.next_of_kin and sue_now.essential_care_supporter
    assert history_of(manager, sue.id)[0].reason == "Another person was named instead."
    update_relationship(manager, tom.id, daughter(relationship="son", essential_care_supporter=True))
    assert not relationship(manager, sue.id).details.essential_care_supporter


def test_the_type_list_grows_with_the_homes_own_words(manager, people) -> None:  # type: ignore[no-untyped-def]
    relate(
        manager,
        people["peggy"],
        people["sue"],
        daughter(relationship="step-daughter", reverse_relationship="step-mother"),
    )
    own = [t for t in relationship_types(manager) if t.label == "step-daughter"]
    assert [(t.reverse, t.category) for t in own] == [("step-mother", Category.FAMILY)]
    with pytest.raises(ValidationError, match="already in the list"):
        add_relationship_type(manager, "Step-Daughter", "x", Category.FAMILY)
    with pytest.raises(ValidationError, match="Built-in"):
        remove_relationship_type(manager, "daughter")
    remove_relationship_type(manager, "step-daughter")
    assert "step-daughter" not in [t.label for t in relationship_types(manager)]


def test_linking_in_a_word_takes_the_category_from_the_type_list(manager, people) -> None:  # type: ignore[no-untyped-def]
    link = links.link_key_person(manager, people["peggy"], people["sue"], "Neighbour")
    rel = relationship(manager, link.id)
    assert (rel.details.category, rel.details.reverse_relationship) == (Category.FRIEND, "neighbour")
    links.unlink(manager, link.id)
    assert history_of(manager, link.id)[0].change == "removed"


def _restriction(rel_id: str | None, **extra: object) -> RestrictionDetails:
    base: dict[str, object] = {
        "kind": RestrictionKind.COURT_ORDER,
        "what_is_restricted": "No unsupervised visits",
        "starts_on": date(2026, 10, 1),
        "review_on": TODAY + timedelta(days=7),
        "relationship_id": rel_id,
        "legal_basis": "Non-molestation order, Leeds County Court",
        "less_restrictive_options": "Supervised visits in the lounge considered",
        "decided_with": "Social worker, manager",
        "how_resident_told": "Explained by her keyworker",
        "how_person_told": "Letter from the manager",
    }
    base.update(extra)
    return RestrictionDetails(**base)  # type: ignore[arg-type]


def test_restriction_details_only_for_roles_that_may_see_them(manager, people, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    tom = relate(manager, people["peggy"], people["tom"], daughter(relationship="son"))
    lead = staff_workspace(Role.SHIFT_LEAD, "lee")
    lead.set_today_for_tests(TODAY)
    add_record(lead, RESTRICTIONS, people["peggy"], _restriction(tom.id))
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    with pytest.raises(PermissionDenied):
        records_for(keyworker, RESTRICTIONS, people["peggy"])
    with pytest.raises(PermissionDenied):
        add_record(keyworker, RESTRICTIONS, people["peggy"], _restriction(tom.id))
    kw_map = relationship_map(keyworker, people["peggy"])
    assert kw_map.restrictions is None and kw_map.restrictions_due == ()
    assert kw_map.by_id(tom.id).restricted  # everyone knows contact is restricted...
    assert "Restricted" in kw_map.drawing().people[0].marks
    assert "Non-molestation" not in repr(kw_map)  # ...but not why
    lead_map = relationship_map(lead, people["peggy"], record_view=True)
    assert [r.details.legal_basis for r in lead_map.restrictions_due] == [
        "Non-molestation order, Leeds County Court"
    ]
    assert audit_entries(manager, resident_id=people["peggy"])[0].action == "relationship_map_viewed"


def test_a_restriction_must_say_its_basis_and_who_decided(manager, people) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        add_record(
            manager,
            RESTRICTIONS,
            people["peggy"],
            _restriction(None, legal_basis="", decided_with="", review_on=None),
        )
    assert set(caught.value.errors) >= {"legal_basis", "decided_with", "review_on"}


def test_an_outbreak_restriction_covers_everyone(manager, people) -> None:  # type: ignore[no-untyped-def]
    add_record(
        manager,
        RESTRICTIONS,
        people["peggy"],
        _restriction(
            None, kind=RestrictionKind.INFECTION_CONTROL, how_person_told="", legal_basis="Outbreak plan"
        ),
    )
    assert relationship_map(manager, people["peggy"]).everyone_restricted


def test_another_residents_key_person_cannot_be_named(manager, people) -> None:  # type: ignore[no-untyped-def]
    other = admit_resident(manager, resident("Arthur", "Pryce"))
    theirs = relate(manager, other.id, people["tom"], daughter(relationship="son"))
    with pytest.raises(ValidationError, match="this resident's key people"):
        add_record(manager, RESTRICTIONS, people["peggy"], _restriction(theirs.id))


def test_groups_issues_and_evaluations_appear_on_the_map(manager, people) -> None:  # type: ignore[no-untyped-def]
    sue = relate(manager, people["peggy"], people["sue"], daughter())
    add_record(
        manager,
        GROUPS,
        people["peggy"],
        GroupDetails("St Mary's choir", GroupKind.FAITH, "Sings on Thursdays"),
    )
    issue = add_record(
        manager,
        ISSUES,
        people["peggy"],
        IssueDetails(
            "Disagreement about visiting times",
            IssueKind.DISAGREEMENT,
            date(2026, 11, 1),
            relationship_ids=(sue.id,),
            views=(PersonView("Susan Hughes", "Wants evening visits", sue.id),),
        ),
    )
    with pytest.raises(ValidationError, match="outcome"):
        change_record(
            manager,
            ISSUES,
            issue.id,
            IssueDetails(
                "x", IssueKind.OTHER, date(2026, 11, 1), status=IssueStatus.RESOLVED, closed_on=TODAY
            ),
        )
    add_record(
        manager,
        EVALUATIONS,
        people["peggy"],
        EvaluationDetails(
            date(2026, 5, 1),
            "Peggy feels connected",
            "Conversation with Peggy and Susan",
            "Peggy, Susan, keyworker",
            what_works="Sunday visits",
            next_due=date(2026, 11, 1),
        ),
    )
    the_map = relationship_map(manager, people["peggy"])
    assert [g.details.name for g in the_map.current_groups] == ["St Mary's choir"]
    assert [i.details.summary for i in the_map.open_issues] == ["Disagreement about visiting times"]
    assert the_map.names(the_map.open_issues[0].details.relationship_ids) == ["Susan Hughes"]
    assert the_map.next_evaluation == date(2026, 11, 1) and the_map.evaluation_overdue


def test_completing_a_keyworker_change_hands_the_resident_over(manager, people, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    sue = relate(manager, people["peggy"], people["sue"], daughter())
    bea = staff_workspace(Role.KEYWORKER, "bea", "Bea Okafor")
    plan = add_record(
        manager,
        KEYWORKER_CHANGES,
        people["peggy"],
        KeyworkerChangeDetails(
            "Amira moves to nights",
            date(2026, 12, 1),
            bea.actor.id,
            how="Two joint sessions, then Bea leads",
            involvement=(Involvement(sue.id, "Meets Bea at the Sunday visit"),),
        ),
    )
    assert relationship_map(manager, people["peggy"]).pending_keyworker_changes[0].id == plan.id
    complete_keyworker_change(manager, plan.id, TODAY)
    assert view_resident(manager, people["peggy"]).keyworker_name == "Bea Okafor"
    with pytest.raises(ValidationError, match="already complete"):
        complete_keyworker_change(manager, plan.id, TODAY)


def test_resources_offered_to_a_key_person(manager, people) -> None:  # type: ignore[no-untyped-def]
    sue = relate(manager, people["peggy"], people["sue"], daughter())
    carers = add_resource(
        manager, ResourceDetails("Leeds Carers Centre", ResourceKind.SUPPORT_GROUP, phone="0113 000 0000")
    )
    offer = offer_resource(manager, sue.id, OfferDetails(carers.id, date(2026, 11, 2)))
    update_offer(
        manager, offer.id, OfferDetails(carers.id, date(2026, 11, 2), OfferOutcome.TAKEN_UP, "Goes monthly")
    )
    assert [(o.resource_name, o.details.outcome) for o in offers_for(manager, relationship_id=sue.id)] == [
        ("Leeds Carers Centre", OfferOutcome.TAKEN_UP)
    ]
    archive_resource(manager, carers.id)
    with pytest.raises(ValidationError, match="archived"):
        offer_resource(manager, sue.id, OfferDetails(carers.id, TODAY))
    with pytest.raises(ValidationError, match="email address"):
        add_resource(manager, ResourceDetails("Age UK", ResourceKind.SERVICE, email="not-an-email"))


def test_the_isolation_signal_has_no_data_until_contact_is_recorded(manager, people) -> None:  # type: ignore[no-untyped-def]
    sue = relate(manager, people["peggy"], people["sue"], daughter())
    tom = relate(
        manager,
        people["peggy"],
        people["tom"],
        daughter(relationship="son", contact_wishes=(ContactWish(KeepInTouch.PHONE, Frequency.WEEKLY),)),
    )
    before = relationship_map(manager, people["peggy"])
    assert not before.contact_recorded
    assert before.signals[sue.id].level is SignalLevel.NO_DATA

    def visits(session, resident_id):  # type: ignore[no-untyped-def]
        return ContactHistory(
            recording_since=date(2026, 9, 1),
            dates={(people["sue"], KeepInTouch.VISITS): [TODAY - timedelta(days=3)]},
        )

    register_contact_source("test-visits", visits)
    try:
        after = relationship_map(manager, people["peggy"])
    finally:
        unregister_contact_source("test-visits")
    assert after.contact_recorded
    assert after.signals[sue.id].level is SignalLevel.MET
    assert after.signals[tom.id].level is SignalLevel.NOT_MET
    assert [r.key_person_name for r in after.concerns()] == ["Tom Jones"]


def test_removing_a_relationship_keeps_its_history(manager, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(manager, people["peggy"], people["sue"], daughter())
    remove_relationship(manager, view.id, reason="Entered on the wrong resident")
    assert relationships_of(manager, people["peggy"]) == []
    assert [h.change for h in map_timeline(manager, people["peggy"])] == ["removed", "created"]
