"""Subject access export: every table that can refer to a person is covered, third parties are
withheld unless asked for, the files are private and audited, and the command line works."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, ForeignKey, MetaData, String, Table

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
from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.errors import NotFound, PermissionDenied, StorageError, ValidationError
from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
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
from carelink_desktop.reports.document import Redaction
from carelink_desktop.reports.subject_access import (
    FORMAT,
    RECORD_TYPES,
    REDACTED,
    VERSION,
    build_subject_access_document,
    collect_subject_data,
    export_subject_access,
    uncovered_tables,
)
from carelink_desktop.reports.subject_access_registry import REDACTION_LABELS
from carelink_desktop.services import (
    accounts,
    carer_plans,
    consent,
    key_people,
    links,
    relationships,
    residents,
    resources_directory,
)
from carelink_desktop.services.access import unlock
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.map_records import EVALUATIONS, GROUPS, ISSUES, KEYWORKER_CHANGES, RESTRICTIONS
from carelink_desktop.services.relationship_history import CHANGE_LABELS
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.storage.tables import Base
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident

DOCS = Path(__file__).resolve().parents[2] / "docs" / "SUBJECT_ACCESS.md"
PERSON_TABLES = {"resident", "key_person"}
PERSON_COLUMNS = {"resident_id", "key_person_id"}
#: The relationship map's record types, in the order the export lists them.
MAP_TABLES = (
    "relationship_change",
    "resource_offer",
    "contact_restriction",
    "resident_group",
    "relationship_issue",
    "relationship_evaluation",
    "keyworker_change",
)
#: What Margaret's export withholds from her map (see ``_relationship_maps``).
MARGARETS_MAP_REDACTIONS = {
    "relationship_change.key_person_name": 4,  # two added, two changed
    "resource_offer.key_person_name": 2,
    "contact_restriction.key_person_name": 1,  # the outbreak names nobody
    "resident_group.contact": 1,  # one group has no contact
    "relationship_issue.views": 2,
    "relationship_evaluation.key_person_name": 1,  # the other is of the whole map
    "keyworker_change.involvement.key_person_name": 2,
}
#: What Susan's export withholds from the map records that concern her.
SUSANS_MAP_REDACTIONS = {
    "contact_restriction.how_resident_told": 1,
    "relationship_issue.views": 1,  # Tom's
    "relationship_issue.residents_view": 1,
    "relationship_issue.relationship_ids": 1,  # Tom's relationship with Margaret
    "keyworker_change.involvement": 1,  # Tom's part
}
#: The carer support plan's record types, in the order the export lists them.
PLAN_TABLES = ("carer_plan", "carer_plan_review", "carer_plan_event")
#: Contact's record types (tested with contact in them in test_subject_access_visits.py).
VISIT_TABLES = ("planned_visit", "visit_record", "visit_follow_up", "concern")
#: Feedback's record types (tested with feedback in them in test_subject_access_feedback.py).
FEEDBACK_TABLES = ("feedback", "feedback_answer")
#: Words of the carer support plan Gwen (Arthur's neighbour, his unpaid carer) agreed: the carer's
#: own parts, the resident's own parts, and what both see (see ``_carer_plan``).
GWEN_NEED = "Sore knees since her fall in March"
GWEN_DISCRIMINATION = "Turned away from the carers' café for not being family"
GWEN_BENEFITS = "Sleeping better since the café"
ARTHUR_MEANWHILE = "Arthur plays dominoes with a volunteer on Wednesday afternoons"
ARTHUR_RISKS = "Arthur gets restless if the volunteer is late"
ARTHUR_SUPPORT_CHANGE = "Move the dominoes to the morning"
PLAN_OUTCOME = "Gwen keeps her Wednesday visits"
PLAN_CRITERION = "Gwen has had a break each week"
CAFE = "Headingley Carers Café"
GWEN_CONTACT = ("Harper", "07700 900321", "gwen.h@example.org")
#: Words only the carer support plan holds: never in Margaret's, Susan's or Rhys's export.
GWENS_PLAN = (PLAN_OUTCOME, GWEN_NEED, GWEN_DISCRIMINATION, GWEN_BENEFITS, ARTHUR_MEANWHILE, CAFE, "Gwen")
#: Words only Arthur's map records hold: never in anyone else's export.
ARTHURS_MAP = ("Visits supervised", "His social worker", "Bowls club", "Money worries", "Calls weekly")


# -- coverage ----------------------------------------------------------------------------------


def _refers_to_a_person(table: Table) -> bool:
    """Straight from the schema, independently of the registry's own check."""
    return (
        table.name in PERSON_TABLES
        or any(c.name in PERSON_COLUMNS for c in table.columns)
        or any(fk.target_fullname.split(".")[0] in PERSON_TABLES for fk in table.foreign_keys)
    )


def test_every_table_that_can_refer_to_a_person_is_covered() -> None:
    direct = {t.name for t in Base.metadata.tables.values() if _refers_to_a_person(t)}
    assert {"resident", "key_person", "consent_record", "relationship", "audit_entry"} <= direct
    missing = sorted(direct - set(RECORD_TYPES)) or uncovered_tables()
    assert not missing, (
        f"Table(s) {', '.join(missing)} can hold information about a resident or key person but the "
        "subject access export does not cover them. Add an extractor and a RecordType to RECORD_TYPES "
        "in src/carelink_desktop/reports/subject_access_registry.py and describe the fields in "
        "docs/SUBJECT_ACCESS.md, so a person who asks sees everything held about them."
    )
    stale = sorted(set(RECORD_TYPES) - set(Base.metadata.tables))
    assert not stale, f"RECORD_TYPES covers tables that no longer exist: {stale}"


def test_the_coverage_check_finds_a_table_added_without_coverage() -> None:
    md = MetaData()
    Table("resident", md, Column("id", String, primary_key=True))
    Table("key_person", md, Column("id", String, primary_key=True))
    Table(
        "relationship",
        md,
        Column("id", String, primary_key=True),
        Column("resident_id", ForeignKey("resident.id")),
        Column("key_person_id", ForeignKey("key_person.id")),
    )
    Table("staff_account", md, Column("id", String, primary_key=True))
    Table("home_setting", md, Column("id", String, primary_key=True), Column("value", String))
    Table(
        "visit_note", md, Column("id", String, primary_key=True), Column("about", ForeignKey("resident.id"))
    )
    Table("mood_score", md, Column("id", String, primary_key=True), Column("resident_id", String))
    Table("outing_plan", md, Column("id", String, primary_key=True), Column("key_person_id", String))
    Table(
        "visit_attendee",
        md,
        Column("id", String, primary_key=True),
        Column("link_id", ForeignKey("relationship.id")),
    )
    Table(
        "staff_shift",
        md,
        Column("id", String, primary_key=True),
        Column("by", ForeignKey("staff_account.id")),
    )
    assert uncovered_tables(md, RECORD_TYPES) == ["mood_score", "outing_plan", "visit_attendee", "visit_note"]
    assert uncovered_tables(md, {*RECORD_TYPES, "visit_note"}) == [
        "mood_score",
        "outing_plan",
        "visit_attendee",
    ]


# -- a home with people in it ------------------------------------------------------------------


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the exported files (tmp_path also holds the home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def people(manager) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Margaret (with consents, two key people, views) and Arthur (with his own key person)."""
    margaret = residents.admit_resident(manager, resident(preferred_name="Peggy", notes="Likes the garden"))
    arthur = residents.admit_resident(manager, resident("Arthur", "Pryce", room="3"))
    quiet = residents.admit_resident(manager, resident("Nia", "Owen", room="7"))
    susan = key_people.add_key_person(
        manager,
        KeyPersonDetails(
            "Susan",
            "Whitfield",
            phone="07700 900123",
            email="susan.w@example.org",
            address="4 Mill Lane, Leeds",
            preferred_contact=ContactMethod.PHONE,
            notes="Visits on Sundays",
        ),
    )
    tom = key_people.add_key_person(manager, KeyPersonDetails("Tom", "Baxendale", phone="07700 900456"))
    rhys = key_people.add_key_person(
        manager, KeyPersonDetails("Rhys", "Llewellyn", phone="07700 900789", email="rhys@example.org")
    )
    daughter = links.link_key_person(manager, margaret.id, susan.id, "daughter").id
    neighbour = links.link_key_person(manager, margaret.id, tom.id, "neighbour").id
    friend = links.link_key_person(manager, arthur.id, susan.id, "friend").id
    son = links.link_key_person(manager, arthur.id, rhys.id, "son").id
    consent.record_consent(
        manager,
        margaret.id,
        ConsentDetails(
            ConsentTopic.PHOTOGRAPHS,
            ConsentDecision.GIVEN,
            DecidedBy.RESIDENT,
            date(2024, 2, 1),
            capacity=Capacity.HAS_CAPACITY,
        ),
    )
    consent.record_consent(
        manager,
        margaret.id,
        ConsentDetails(
            ConsentTopic.SHARING_WITH_FAMILY,
            ConsentDecision.GIVEN,
            DecidedBy.ATTORNEY_HEALTH_WELFARE,
            date(2024, 3, 5),
            decided_by_name="Susan Whitfield",
            capacity=Capacity.LACKS_CAPACITY,
            capacity_notes="Assessed by Dr Patel",
        ),
    )
    consent.record_consent(
        manager,
        arthur.id,
        ConsentDetails(
            ConsentTopic.OTHER,
            ConsentDecision.REFUSED,
            DecidedBy.RESIDENT,
            date(2024, 1, 9),
            details="Trip out",
        ),
    )
    _relationship_maps(manager, margaret.id, arthur.id, daughter, neighbour, friend, son)
    plan = _carer_plan(manager, arthur.id)
    residents.view_resident(manager, margaret.id)
    residents.view_resident(manager, arthur.id)
    return {
        **plan,
        "margaret": margaret.id,
        "arthur": arthur.id,
        "quiet": quiet.id,
        "susan": susan.id,
        "tom": tom.id,
        "rhys": rhys.id,
        "daughter": daughter,
        "neighbour": neighbour,
        "friend": friend,
        "son": son,
    }


def _relationship_maps(  # type: ignore[no-untyped-def]
    ws, margaret: str, arthur: str, daughter: str, neighbour: str, friend: str, son: str
) -> None:
    """Every record of the relationship map, through the real services: Margaret's map names
    Susan (her daughter) and Tom (her neighbour); Arthur's names Susan (a friend) and Rhys."""
    staff = {
        username: accounts.add_account(
            ws, username=username, full_name=name, role=Role.KEYWORKER, initial_password="temporary pw 1"
        ).id
        for username, name in (("bea.lewis", "Bea Lewis"), ("cal.moss", "Cal Moss"))
    }
    current = relationships.relationship(ws, daughter).details
    relationships.update_relationship(
        ws,
        daughter,
        replace(
            current,
            circle=1,
            primary_next_of_kin=True,
            attorney_powers=(AttorneyPower.HEALTH_AND_WELFARE,),
            essential_care_supporter=True,
            contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY, "Sunday lunch"),),
            what_matters="Sunday lunches together",
            support_needed="Parking near the door",
            started_on=date(1965, 6, 1),
        ),
        reason="Care plan review",
    )
    current = relationships.relationship(ws, neighbour).details
    relationships.update_relationship(
        ws, neighbour, replace(current, circle=3, quality=Quality.STRAINED), reason="Fell out over the fence"
    )

    directory = resources_directory.add_resource(
        ws, ResourceDetails("Carers Resource Leeds", ResourceKind.SUPPORT_GROUP, phone="0113 000 0000")
    )
    resources_directory.offer_resource(
        ws, daughter, OfferDetails(directory.id, date(2024, 4, 2), OfferOutcome.TAKEN_UP, "Joined in May")
    )
    resources_directory.offer_resource(ws, neighbour, OfferDetails(directory.id, date(2024, 4, 3)))

    add_record(
        ws,
        RESTRICTIONS,
        margaret,
        RestrictionDetails(
            RestrictionKind.RESIDENTS_WISH,
            "No phone calls after 8pm",
            date(2024, 5, 1),
            date(2025, 5, 1),
            relationship_id=neighbour,
            decided_with="Resident and keyworker",
            how_resident_told="She asked for it",
            how_person_told="By letter",
        ),
    )
    add_record(
        ws,
        RESTRICTIONS,
        margaret,
        RestrictionDetails(
            RestrictionKind.INFECTION_CONTROL,
            "No visits during the outbreak",
            date(2024, 1, 10),
            None,
            legal_basis="Outbreak control plan",
            less_restrictive_options="Window visits",
            decided_with="Manager and health protection team",
            how_resident_told="Explained at breakfast",
            ends_on=date(2024, 1, 24),
            end_reason="Outbreak over",
        ),
    )
    add_record(
        ws,
        RESTRICTIONS,
        arthur,
        RestrictionDetails(
            RestrictionKind.SAFEGUARDING_PLAN,
            "Visits supervised",
            date(2024, 6, 1),
            date(2024, 9, 1),
            relationship_id=friend,
            legal_basis="Safeguarding plan of June 2024",
            less_restrictive_options="Unsupervised visits in the lounge",
            decided_with="Safeguarding team",
            how_resident_told="His social worker explained it",
            how_person_told="Phone call from the manager",
        ),
    )

    add_record(
        ws,
        GROUPS,
        margaret,
        GroupDetails(
            "St Mary's choir",
            GroupKind.FAITH,
            how_they_take_part="Sings alto",
            contact="Ann Hale 0113 496 0000",
        ),
    )
    add_record(ws, GROUPS, margaret, GroupDetails("Knit and natter", GroupKind.CLUB))
    add_record(ws, GROUPS, arthur, GroupDetails("Bowls club", GroupKind.CLUB))

    add_record(
        ws,
        ISSUES,
        margaret,
        IssueDetails(
            "Visiting times",
            IssueKind.DISAGREEMENT,
            date(2024, 7, 1),
            description="Visits clash at weekends",
            relationship_ids=(daughter, neighbour),
            residents_view="Wants both to visit, not at once",
            views=(
                PersonView("Susan Whitfield", "Prefers mornings", daughter),
                PersonView("Tom Baxendale", "Works night shifts", neighbour),
            ),
            ways_forward="A visiting rota",
        ),
    )
    add_record(
        ws,
        ISSUES,
        arthur,
        IssueDetails(
            "Money worries",
            IssueKind.COMMUNICATION,
            date(2024, 7, 2),
            relationship_ids=(son,),
            views=(PersonView("Rhys Llewellyn", "Wants a say in the budget", son),),
        ),
    )

    add_record(
        ws,
        EVALUATIONS,
        margaret,
        EvaluationDetails(
            date(2024, 8, 1),
            "Visits happen as she wishes",
            "Talked it through",
            "Resident, keyworker",
            what_works="Weekly lunches",
            next_due=date(2025, 2, 1),
        ),
    )
    add_record(
        ws,
        EVALUATIONS,
        margaret,
        EvaluationDetails(
            date(2024, 8, 2),
            "Rota kept to",
            "Visitors book",
            "Keyworker",
            relationship_id=daughter,
            what_could_improve="Earlier notice of changes",
            next_due=date(2025, 2, 2),
        ),
    )
    add_record(
        ws,
        EVALUATIONS,
        arthur,
        EvaluationDetails(
            date(2024, 8, 3),
            "Calls weekly",
            "Call log",
            "Keyworker",
            relationship_id=son,
            what_works="Calls",
            next_due=date(2025, 2, 3),
        ),
    )

    add_record(
        ws,
        KEYWORKER_CHANGES,
        margaret,
        KeyworkerChangeDetails(
            "Bea is moving to nights",
            date(2024, 9, 1),
            staff["cal.moss"],
            previous_keyworker_id=staff["bea.lewis"],
            how="Handover over two weeks",
            involvement=(
                Involvement(daughter, "Meets the new keyworker at Sunday lunch"),
                Involvement(neighbour, "Phone introduction on a weekday"),
            ),
        ),
    )


def _carer_plan(ws, arthur: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Gwen, Arthur's neighbour and unpaid carer, with an active plan and one review, through the
    real services."""
    gwen = key_people.add_key_person(
        ws, KeyPersonDetails("Gwen", "Harper", phone="07700 900321", email="gwen.h@example.org")
    )
    carer = relationships.relate(
        ws, arthur, gwen.id, RelationshipDetails("neighbour", Category.UNPAID_CARER)
    ).id
    cafe = resources_directory.add_resource(
        ws, ResourceDetails(CAFE, ResourceKind.SUPPORT_GROUP, phone="0113 496 0555")
    )
    details = PlanDetails(
        outcomes=(
            Outcome(PLAN_OUTCOME),
            Outcome("Gwen has an afternoon to herself every week", OutcomeFor.CARER),
        ),
        roles=(PlanRole("Gwen", "Visits on Wednesdays"), PlanRole("Keyworker", "Rings Gwen on Fridays")),
        ways_of_working="Gwen tells the keyworker about any worries",
        risk_management="Walks only on the garden path",
        assessment_explained_on=date(2024, 5, 2),
        assessment_explained_how="A leaflet and a chat",
        referral_on=date(2024, 5, 3),
        referral_reference="LCC-CA-7781",
        referral_result="Assessed in June",
        needs=(CarerNeed(NeedKind.PHYSICAL, Term.MEDIUM, GWEN_NEED),),
        resources=(ChosenResource(cafe.id, "Someone to talk to"),),
        actions=(AccessAction("Book the café", "Gwen", date(2024, 6, 1), ActionStatus.DONE),),
        resident_support_meanwhile=ARTHUR_MEANWHILE,
        resident_support_risks=ARTHUR_RISKS,
        gaps_in_provision="No evening group",
        discrimination=GWEN_DISCRIMINATION,
        review_process="Every six months",
        review_criteria=(PLAN_CRITERION,),
        next_review_on=date(2024, 12, 1),
    )
    plan = carer_plans.start_plan(ws, carer, details)
    carer_plans.agree_plan(ws, plan.id, date(2024, 5, 10), "Gwen, Arthur and the keyworker")
    carer_plans.activate_plan(ws, plan.id)
    review = carer_plans.record_review(
        ws,
        plan.id,
        ReviewDetails(
            date(2024, 11, 20),
            "Gwen, Arthur, keyworker",
            assessments=(CriterionAssessment(PLAN_CRITERION, "Yes, most weeks"),),
            benefits=GWEN_BENEFITS,
            resident_support_changes=ARTHUR_SUPPORT_CHANGE,
            next_review_on=date(2025, 5, 20),
        ),
    )
    return {"gwen": gwen.id, "carer": carer, "plan": plan.id, "review": review.id}


def _documented_top_level_keys() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Top-level keys", 1)[1].split("\n\n", 2)[1]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))


def _field_names(value: Any) -> set[str]:
    """Every key in a record, nested ones too."""
    if isinstance(value, dict):
        return set(value).union(*(_field_names(inner) for inner in value.values()))
    return set()


# -- what is collected -------------------------------------------------------------------------


def test_a_residents_export_holds_everything_about_them_and_withholds_third_parties(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=people["margaret"])
    assert (data["format"], data["version"]) == (FORMAT, VERSION) == ("carelink-subject-access", 1)
    assert data["subject"] == {"type": "resident", "id": people["margaret"], "name": "Margaret (Peggy) Jones"}
    assert data["home"]["name"] == "Rosewood House"
    assert data["generated_by"] == "Amira Khan"
    assert data["third_parties_included"] is False
    assert set(data["records"]) == {
        "resident",
        "consent_record",
        "relationship",
        *MAP_TABLES,
        *PLAN_TABLES,
        *VISIT_TABLES,
        *FEEDBACK_TABLES,
        "audit_entry",
    }
    assert all(data["records"][table] == [] for table in PLAN_TABLES)  # Arthur's carer, not hers
    assert all(data["records"][table] == [] for table in VISIT_TABLES)  # no contact recorded here

    (me,) = data["records"]["resident"]
    assert (me["legal_given_names"], me["preferred_name"], me["date_of_birth"]) == (
        "Margaret",
        "Peggy",
        "1938-04-12",
    )
    assert me["notes"] == "Likes the garden"
    assert me["created_by"] == "Amira Khan" and me["created_at"].endswith("+00:00")
    for plumbing in ("hlc", "site_id", "search_text", "sort_key"):
        assert plumbing not in me

    consents = data["records"]["consent_record"]
    assert [c["topic"] for c in consents] == ["sharing_with_family", "photographs"]  # newest first
    assert consents[0]["decided_by_name"] == REDACTED
    assert consents[0]["capacity_notes"] == "Assessed by Dr Patel"
    assert "resident_id" not in consents[0]

    rels = {r["relationship"]: r for r in data["records"]["relationship"]}
    assert set(rels) == {"daughter", "neighbour"}
    assert rels["daughter"]["key_person"] == {
        "name": REDACTED,
        "phone": REDACTED,
        "email": REDACTED,
        "address": REDACTED,
    }
    assert rels["neighbour"]["key_person"]["email"] == ""  # nothing held, nothing to withhold

    audit = data["records"]["audit_entry"]
    actions = [a["action"] for a in audit]
    assert {"resident_added", "key_person_linked", "consent_recorded", "resident_viewed"} <= set(actions)
    viewed = audit[actions.index("resident_viewed")]
    assert viewed["by"] == "Amira Khan" and viewed["description"] == "Viewed resident record"
    assert set(viewed) == {"entry", "at", "by", "action", "description", "about"}

    kinds = {r["field"]: r["count"] for r in data["redactions"]}
    assert kinds == {
        "consent_record.decided_by_name": 1,
        "relationship.key_person.name": 2,
        "relationship.key_person.phone": 2,
        "relationship.key_person.email": 1,
        "relationship.key_person.address": 1,
        **MARGARETS_MAP_REDACTIONS,
    }
    assert all(r["description"] for r in data["redactions"])

    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "Susan",
        "Whitfield",
        "07700 900123",
        "susan.w@example.org",
        "Mill Lane",
        "Baxendale",
        people["susan"],
        people["tom"],
    ):
        assert secret not in text, secret
    # Nothing about anybody else either (Arthur's consent, Rhys, Arthur's carer and her plan)
    for other in ("Trip out", "Arthur", "Rhys", "07700 900789", people["arthur"], *ARTHURS_MAP, *GWENS_PLAN):
        assert other not in text, other


def test_third_parties_are_shown_when_asked_for(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=people["margaret"], include_third_parties=True)
    assert data["third_parties_included"] is True and data["redactions"] == []
    rels = {r["relationship"]: r["key_person"] for r in data["records"]["relationship"]}
    assert rels["daughter"] == {
        "name": "Susan Whitfield",
        "phone": "07700 900123",
        "email": "susan.w@example.org",
        "address": "4 Mill Lane, Leeds",
    }
    assert data["records"]["consent_record"][0]["decided_by_name"] == "Susan Whitfield"
    assert "Rhys" not in json.dumps(data)  # still only Margaret's people


def test_the_json_round_trips_and_matches_the_documentation(manager, people) -> None:  # type: ignore[no-untyped-def]
    for kwargs in (
        {"resident_id": people["margaret"]},
        {"key_person_id": people["susan"]},
        {"resident_id": people["arthur"]},  # with the carer support plan
        {"key_person_id": people["gwen"]},
    ):
        data = collect_subject_data(manager, **kwargs)
        again = json.loads(json.dumps(data))
        assert again == data
        assert set(data) == _documented_top_level_keys()
        docs = DOCS.read_text(encoding="utf-8")
        for table, rows in data["records"].items():
            assert f"`records.{table}`" in docs, f"docs/SUBJECT_ACCESS.md does not describe {table}"
            for name in set().union(*(_field_names(r) for r in rows)):
                assert f"`{name}`" in docs, f"docs/SUBJECT_ACCESS.md does not name the field {table}.{name}"
        # The document is built from the JSON alone, so a file read back gives the same report
        from_dict = build_subject_access_document(data, printed_by="Amira Khan", redaction=Redaction.FAMILY)
        from_json = build_subject_access_document(again, printed_by="Amira Khan", redaction=Redaction.FAMILY)
        assert from_dict == from_json


def test_a_key_persons_export_lists_their_details_and_links_with_residents_withheld(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=people["susan"])
    assert data["subject"] == {"type": "key_person", "id": people["susan"], "name": "Susan Whitfield"}
    assert set(data["records"]) == {
        "key_person",
        "relationship",
        *MAP_TABLES,
        *PLAN_TABLES,
        *VISIT_TABLES,
        *FEEDBACK_TABLES,
        "audit_entry",
    } - {"resident_group"}
    assert all(data["records"][table] == [] for table in PLAN_TABLES)  # she is not Arthur's carer
    (me,) = data["records"]["key_person"]
    assert (me["phone"], me["email"], me["address"]) == (
        "07700 900123",
        "susan.w@example.org",
        "4 Mill Lane, Leeds",
    )
    assert me["preferred_contact"] == "phone" and me["notes"] == "Visits on Sundays"
    rels = sorted(data["records"]["relationship"], key=lambda r: r["relationship"])
    assert [(r["relationship"], r["resident"]) for r in rels] == [
        ("daughter", {"name": REDACTED}),
        ("friend", {"name": REDACTED}),
    ]
    assert {r["field"]: r["count"] for r in data["redactions"]} == {
        "relationship.resident.name": 2,
        **SUSANS_MAP_REDACTIONS,
    }
    actions = [a["action"] for a in data["records"]["audit_entry"]]
    assert actions == [
        "key_person_added",
        "key_person_linked",
        "key_person_linked",
        "relationship_changed",  # her relationship with Margaret, not Tom's
        "resource_offered",  # to her, not the one to Tom
        "restriction_recorded",  # Arthur's about her, not Margaret's about Tom or the outbreak
        "issue_raised",  # Margaret's naming her, not Arthur's about Rhys
        "evaluation_recorded",  # of her relationship, not of Margaret's whole map
        "keyworker_change_planned",  # she is involved
    ]
    text = json.dumps(data)
    for secret in ("Margaret", "Peggy", "Arthur", "Pryce", people["margaret"], people["arthur"], "Tom"):
        assert secret not in text, secret
    for other in GWENS_PLAN:
        assert other not in json.dumps(data, ensure_ascii=False), other

    shown = collect_subject_data(manager, key_person_id=people["susan"], include_third_parties=True)
    names = sorted(r["resident"]["name"] for r in shown["records"]["relationship"])
    assert names == ["Arthur Pryce", "Margaret (Peggy) Jones"]


# -- the relationship map's records -------------------------------------------------------------


def test_a_residents_export_lists_every_record_of_their_map(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=people["margaret"])
    records = data["records"]
    assert all(records[table] for table in MAP_TABLES)
    daughter, neighbour = people["daughter"], people["neighbour"]

    rels = {r["relationship"]: r for r in records["relationship"]}
    mine = rels["daughter"]
    assert (mine["circle"], mine["category"], mine["reverse_relationship"]) == (1, "family", "parent")
    assert (mine["next_of_kin"], mine["primary_next_of_kin"], mine["essential_care_supporter"]) == (
        True,
        True,
        True,
    )
    assert mine["attorney_powers"] == ["health_and_welfare"]
    assert mine["contact_wishes"] == [{"method": "visits", "frequency": "weekly", "notes": "Sunday lunch"}]
    assert (mine["what_matters"], mine["started_on"], mine["ended_on"]) == (
        "Sunday lunches together",
        "1965-06-01",
        None,
    )
    assert (rels["neighbour"]["quality"], rels["neighbour"]["circle"]) == ("strained", 3)

    history = records["relationship_change"]
    assert [(h["relationship"], h["change"]) for h in history] == [
        ("daughter", "created"),
        ("neighbour", "created"),
        ("daughter", "changed"),
        ("neighbour", "changed"),
    ]
    fell_out = history[-1]
    assert (fell_out["relationship_id"], fell_out["reason"], fell_out["changed_by_name"]) == (
        neighbour,
        "Fell out over the fence",
        "Amira Khan",
    )
    assert {"field": "quality", "label": "How it is going", "before": "Positive", "after": "Strained"} in (
        fell_out["fields"]
    )
    assert all(h["key_person_name"] == REDACTED and "resident_id" not in h for h in history)

    assert [
        (o["relationship"], o["resource_name"], o["resource_kind"], o["outcome"])
        for o in records["resource_offer"]
    ] == [
        ("daughter", "Carers Resource Leeds", "support_group", "taken_up"),
        ("neighbour", "Carers Resource Leeds", "support_group", "offered"),
    ]
    assert all("resource_id" not in o for o in records["resource_offer"])

    outbreak, calls = records["contact_restriction"]  # oldest first
    assert (outbreak["kind"], outbreak["relationship_id"], outbreak["relationship"]) == (
        "infection_control",
        None,
        None,
    )
    assert outbreak["key_person_name"] is None and outbreak["end_reason"] == "Outbreak over"
    assert (calls["kind"], calls["relationship"], calls["key_person_name"]) == (
        "residents_wish",
        "neighbour",
        REDACTED,
    )
    assert (calls["how_resident_told"], calls["how_person_told"]) == ("She asked for it", "By letter")

    groups = {g["name"]: g for g in records["resident_group"]}
    assert set(groups) == {"St Mary's choir", "Knit and natter"}
    assert (groups["St Mary's choir"]["kind"], groups["St Mary's choir"]["contact"]) == ("faith", REDACTED)
    assert groups["Knit and natter"]["contact"] == ""  # nothing held, nothing to withhold

    (issue,) = records["relationship_issue"]
    assert (issue["summary"], issue["kind"], issue["status"]) == ("Visiting times", "disagreement", "open")
    assert issue["relationship_ids"] == [daughter, neighbour]
    assert issue["relationships"] == ["daughter", "neighbour"]
    assert issue["residents_view"] == "Wants both to visit, not at once"  # her own view
    assert issue["views"] == [
        {"who": REDACTED, "view": REDACTED, "relationship_id": daughter},
        {"who": REDACTED, "view": REDACTED, "relationship_id": neighbour},
    ]

    assert [
        (e["relationship_id"], e["relationship"], e["key_person_name"])
        for e in records["relationship_evaluation"]
    ] == [(None, None, None), (daughter, "daughter", REDACTED)]

    (change,) = records["keyworker_change"]
    assert (change["previous_keyworker"], change["new_keyworker"]) == ("Bea Lewis", "Cal Moss")  # staff
    assert not {"previous_keyworker_id", "new_keyworker_id", "resident_id"} & set(change)
    assert change["involvement"] == [
        {
            "relationship_id": daughter,
            "relationship": "daughter",
            "key_person_name": REDACTED,
            "how_and_when": "Meets the new keyworker at Sunday lunch",
        },
        {
            "relationship_id": neighbour,
            "relationship": "neighbour",
            "key_person_name": REDACTED,
            "how_and_when": "Phone introduction on a weekday",
        },
    ]

    assert set(MARGARETS_MAP_REDACTIONS) <= {r["field"] for r in data["redactions"]} <= set(REDACTION_LABELS)
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("Prefers mornings", "Works night shifts", "Ann Hale", "0113 496 0000", *ARTHURS_MAP):
        assert secret not in text, secret


def test_a_key_persons_export_holds_only_the_map_records_about_them(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=people["susan"])
    records = data["records"]
    daughter, friend = people["daughter"], people["friend"]
    assert "resident_group" not in records  # the resident's own

    history = records["relationship_change"]
    assert {h["relationship_id"] for h in history} == {daughter, friend}
    assert [h["change"] for h in history if h["relationship_id"] == daughter] == ["created", "changed"]

    (offer,) = records["resource_offer"]  # not the one to Tom
    assert (offer["relationship"], offer["resource_name"], offer["notes"]) == (
        "daughter",
        "Carers Resource Leeds",
        "Joined in May",
    )

    (restriction,) = records["contact_restriction"]  # Arthur's about her; not the outbreak
    assert (restriction["kind"], restriction["relationship_id"], restriction["relationship"]) == (
        "safeguarding_plan",
        friend,
        "friend",
    )
    assert (restriction["what_is_restricted"], restriction["how_person_told"]) == (
        "Visits supervised",
        "Phone call from the manager",
    )
    assert restriction["how_resident_told"] == REDACTED

    (issue,) = records["relationship_issue"]
    assert issue["relationship_ids"] == [daughter, REDACTED]
    assert issue["relationships"] == ["daughter", REDACTED]
    assert issue["residents_view"] == REDACTED
    assert issue["views"] == [
        {"who": "Susan Whitfield", "view": "Prefers mornings", "relationship_id": daughter},  # her own
        {"who": REDACTED, "view": REDACTED, "relationship_id": REDACTED},
    ]

    (evaluation,) = records["relationship_evaluation"]  # of her relationship, not the whole map
    assert (evaluation["relationship"], evaluation["criteria"]) == ("daughter", "Rota kept to")

    (change,) = records["keyworker_change"]
    assert (change["previous_keyworker"], change["new_keyworker"]) == ("Bea Lewis", "Cal Moss")
    assert change["involvement"] == [
        {
            "relationship_id": daughter,
            "relationship": "daughter",
            "key_person_name": "Susan Whitfield",
            "how_and_when": "Meets the new keyworker at Sunday lunch",
        },
        dict.fromkeys(("relationship_id", "relationship", "key_person_name", "how_and_when"), REDACTED),
    ]
    tables = ("relationship_change", "resource_offer", "contact_restriction", "relationship_evaluation")
    assert all("key_person_name" not in row for table in tables for row in records[table])  # it is her

    assert {r["field"] for r in data["redactions"]} <= set(REDACTION_LABELS)
    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "Baxendale",
        "neighbour",
        "Works night shifts",
        "Wants both to visit",
        "She asked for it",
        "His social worker",
        "No phone calls after 8pm",
        "outbreak",
        "Visits happen as she wishes",
        "Phone introduction",
        "St Mary",
        "Knit",
        people["neighbour"],
        people["son"],
        people["tom"],
        people["rhys"],
        "Rhys",
        "Bowls club",
        "Money worries",
        "Calls weekly",
    ):
        assert secret not in text, secret


def test_the_map_records_show_other_people_when_third_parties_are_included(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=people["margaret"], include_third_parties=True)
    records = data["records"]
    assert data["redactions"] == []
    both = ["Susan Whitfield", "Tom Baxendale"]
    assert sorted({h["key_person_name"] for h in records["relationship_change"]}) == both
    assert [o["key_person_name"] for o in records["resource_offer"]] == both
    assert records["contact_restriction"][1]["key_person_name"] == "Tom Baxendale"
    assert records["relationship_evaluation"][1]["key_person_name"] == "Susan Whitfield"
    assert {g["contact"] for g in records["resident_group"]} == {"Ann Hale 0113 496 0000", ""}
    (issue,) = records["relationship_issue"]
    assert [(v["who"], v["view"]) for v in issue["views"]] == [
        ("Susan Whitfield", "Prefers mornings"),
        ("Tom Baxendale", "Works night shifts"),
    ]
    assert [i["key_person_name"] for i in records["keyworker_change"][0]["involvement"]] == both
    text = json.dumps(data, ensure_ascii=False)
    for other in ARTHURS_MAP:  # still only Margaret's records
        assert other not in text, other

    data = collect_subject_data(manager, key_person_id=people["susan"], include_third_parties=True)
    records = data["records"]
    assert data["redactions"] == []
    (issue,) = records["relationship_issue"]
    assert issue["residents_view"] == "Wants both to visit, not at once"
    assert issue["relationship_ids"] == [people["daughter"], people["neighbour"]]
    assert issue["relationships"] == ["daughter", "neighbour"]
    assert issue["views"][1] == {
        "who": "Tom Baxendale",
        "view": "Works night shifts",
        "relationship_id": people["neighbour"],
    }
    assert records["contact_restriction"][0]["how_resident_told"] == "His social worker explained it"
    assert records["keyworker_change"][0]["involvement"][1] == {
        "relationship_id": people["neighbour"],
        "relationship": "neighbour",
        "key_person_name": "Tom Baxendale",
        "how_and_when": "Phone introduction on a weekday",
    }
    text = json.dumps(data, ensure_ascii=False)
    for other in ("No phone calls after 8pm", "outbreak", "Bowls club", "Money worries", "Calls weekly"):
        assert other not in text, other  # records that do not concern her stay out


def test_each_key_person_sees_their_own_part_of_a_shared_record(manager, people) -> None:  # type: ignore[no-untyped-def]
    tom = collect_subject_data(manager, key_person_id=people["tom"])["records"]
    (issue,) = tom["relationship_issue"]
    assert issue["views"] == [
        {"who": REDACTED, "view": REDACTED, "relationship_id": REDACTED},
        {"who": "Tom Baxendale", "view": "Works night shifts", "relationship_id": people["neighbour"]},
    ]
    (restriction,) = tom["contact_restriction"]
    assert (restriction["what_is_restricted"], restriction["how_resident_told"]) == (
        "No phone calls after 8pm",
        REDACTED,
    )
    assert tom["relationship_evaluation"] == []
    (change,) = tom["keyworker_change"]
    assert [i["key_person_name"] for i in change["involvement"]] == [REDACTED, "Tom Baxendale"]

    data = collect_subject_data(manager, key_person_id=people["rhys"])
    rhys = data["records"]
    assert [i["summary"] for i in rhys["relationship_issue"]] == ["Money worries"]
    assert [e["criteria"] for e in rhys["relationship_evaluation"]] == ["Calls weekly"]
    assert rhys["keyworker_change"] == rhys["contact_restriction"] == rhys["resource_offer"] == []
    text = json.dumps(data, ensure_ascii=False)
    for other in ("Visiting times", "Sunday", "Bea Lewis", "Carers Resource", "Susan", "Visits supervised"):
        assert other not in text, other
    assert all(rhys[table] == [] for table in PLAN_TABLES)  # Gwen is Arthur's carer, not him
    for other in GWENS_PLAN:
        assert other not in text, other


def test_the_documentation_lists_every_code_of_the_map_records() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    enums = (
        Category,
        Quality,
        AttorneyPower,
        KeepInTouch,
        Frequency,
        ResourceKind,
        OfferOutcome,
        RestrictionKind,
        GroupKind,
        IssueKind,
        IssueStatus,
    )
    for code in [*(m.value for enum in enums for m in enum), *CHANGE_LABELS]:
        assert f"`{code}`" in docs, f"docs/SUBJECT_ACCESS.md does not list the code {code}"


# -- carer support plans -------------------------------------------------------------------------


def test_a_residents_export_holds_their_carer_plans_with_the_carers_own_parts_withheld(
    manager, people
) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=people["arthur"])
    records = data["records"]
    (plan,) = records["carer_plan"]
    assert (plan["id"], plan["status"], plan["relationship_id"], plan["relationship"]) == (
        people["plan"],
        "active",
        people["carer"],
        "neighbour",
    )
    assert not {"resident_id", "key_person_id", "resident_name"} & set(plan)
    assert plan["carer_name"] == plan["agreed_by"] == REDACTED
    assert plan["agreed_on"] == "2024-05-10" and plan["next_review_on"] == "2025-05-20"  # the review's
    # what the plan agreed for both of them, as written
    assert plan["outcomes"] == [
        {"text": PLAN_OUTCOME, "for_whom": "shared"},
        {"text": "Gwen has an afternoon to herself every week", "for_whom": "carer"},
    ]
    assert plan["roles"][0] == {"who": "Gwen", "role": "Visits on Wednesdays"}
    assert plan["review_criteria"] == [PLAN_CRITERION]
    assert (plan["resident_support_meanwhile"], plan["resident_support_risks"]) == (
        ARTHUR_MEANWHILE,
        ARTHUR_RISKS,
    )
    # the carer's own information
    for name in (
        "needs",
        "assessment_explained_on",
        "assessment_explained_how",
        "referral_on",
        "referral_reference",
        "referral_result",
        "resources",
        "actions",
        "gaps_in_provision",
        "discrimination",
    ):
        assert plan[name] == REDACTED, name

    (review,) = records["carer_plan_review"]
    assert (review["plan_id"], review["reviewed_on"], review["participants"]) == (
        people["plan"],
        "2024-11-20",
        "Gwen, Arthur, keyworker",
    )
    assert review["assessments"] == [{"criterion": PLAN_CRITERION, "assessment": "Yes, most weeks"}]
    assert review["benefits"] == REDACTED and review["resident_support_changes"] == ARTHUR_SUPPORT_CHANGE
    assert not {"resident_id", "key_person_id"} & set(review)

    steps = [(e["event"], e["summary"]) for e in records["carer_plan_event"]]
    assert [event for event, _ in steps] == ["started", "agreed", "activated", "reviewed"]
    assert steps[0][1] == steps[1][1] == REDACTED  # "With Gwen Harper", "Agreed by Gwen, ..."
    assert {e["by_name"] for e in records["carer_plan_event"]} == {"Amira Khan"}

    actions = {a["action"] for a in records["audit_entry"]}
    assert {"carer_plan_started", "carer_plan_agreed", "carer_plan_reviewed"} <= actions
    counts = {r["field"]: r["count"] for r in data["redactions"]}
    assert {k: v for k, v in counts.items() if k.startswith("carer_plan")} == {
        "carer_plan.carer_name": 1,
        "carer_plan.agreed_by": 1,
        "carer_plan.carer_own": 1,
        "carer_plan_review.benefits": 1,
        "carer_plan_event.summary": 2,
    }
    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        *GWEN_CONTACT,
        people["gwen"],
        GWEN_NEED,
        GWEN_DISCRIMINATION,
        GWEN_BENEFITS,
        CAFE,
        "LCC-CA",
    ):
        assert secret not in text, secret

    shown = collect_subject_data(manager, resident_id=people["arthur"], include_third_parties=True)
    (plan,) = shown["records"]["carer_plan"]
    assert (plan["carer_name"], plan["agreed_by"]) == ("Gwen Harper", "Gwen, Arthur and the keyworker")
    assert plan["needs"] == [{"kind": "physical", "term": "medium", "description": GWEN_NEED}]
    assert plan["resources"] == [
        {
            "resource_id": plan["resources"][0]["resource_id"],
            "why": "Someone to talk to",
            "resource_name": CAFE,
        }
    ]
    assert plan["actions"] == [
        {"what": "Book the café", "who": "Gwen", "by_when": "2024-06-01", "status": "done"}
    ]
    assert shown["records"]["carer_plan_event"][0]["summary"] == "With Gwen Harper"


def test_a_carers_export_holds_the_plans_where_they_are_the_carer(manager, people) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=people["gwen"])
    records = data["records"]
    (plan,) = records["carer_plan"]
    assert plan["id"] == people["plan"] and plan["relationship"] == "neighbour"
    assert plan["resident_name"] == plan["agreed_by"] == REDACTED
    assert "carer_name" not in plan  # it is her
    assert plan["needs"] == [{"kind": "physical", "term": "medium", "description": GWEN_NEED}]
    assert plan["discrimination"] == GWEN_DISCRIMINATION and plan["referral_reference"] == "LCC-CA-7781"
    assert plan["resources"][0]["resource_name"] == CAFE
    assert plan["resident_support_meanwhile"] == plan["resident_support_risks"] == REDACTED
    (review,) = records["carer_plan_review"]
    assert review["benefits"] == GWEN_BENEFITS and review["resident_support_changes"] == REDACTED
    steps = [(e["event"], e["summary"]) for e in records["carer_plan_event"]]
    assert steps[0] == ("started", "With Gwen Harper") and steps[1] == ("agreed", REDACTED)
    actions = [a["action"] for a in records["audit_entry"]]
    assert actions[:2] == ["key_person_added", "key_person_linked"]
    assert {"carer_plan_started", "carer_plan_agreed", "carer_plan_activated", "carer_plan_reviewed"} <= set(
        actions
    )
    counts = {r["field"]: r["count"] for r in data["redactions"]}
    assert {k: v for k, v in counts.items() if k.startswith("carer_plan")} == {
        "carer_plan.agreed_by": 1,
        "carer_plan.resident_name": 1,
        "carer_plan.resident_own": 1,
        "carer_plan_review.resident_support_changes": 1,
        "carer_plan_event.summary": 1,
    }
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("Pryce", people["arthur"], ARTHUR_MEANWHILE, ARTHUR_RISKS, ARTHUR_SUPPORT_CHANGE, "Rhys"):
        assert secret not in text, secret

    shown = collect_subject_data(manager, key_person_id=people["gwen"], include_third_parties=True)
    (plan,) = shown["records"]["carer_plan"]
    assert (plan["resident_name"], plan["resident_support_meanwhile"]) == ("Arthur Pryce", ARTHUR_MEANWHILE)
    assert shown["redactions"] == []


def test_the_documentation_lists_every_code_of_the_carer_plans() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for code in (
        *(m.value for enum in (PlanStatus, OutcomeFor, NeedKind, Term, ActionStatus) for m in enum),
        *carer_plans.EVENT_LABELS,
    ):
        assert f"`{code}`" in docs, f"docs/SUBJECT_ACCESS.md does not list the code {code}"


def test_unknown_ids_and_a_missing_choice_are_refused(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound, match="no resident"):
        collect_subject_data(manager, resident_id="no-such-id")
    with pytest.raises(NotFound, match="no key person"):
        collect_subject_data(manager, key_person_id=people["margaret"])
    with pytest.raises(ValidationError):
        collect_subject_data(manager)
    with pytest.raises(ValidationError):
        collect_subject_data(manager, resident_id=people["margaret"], key_person_id=people["susan"])
    with pytest.raises(NotFound):
        export_subject_access(manager, out_dir, resident_id="no-such-id")
    assert list(out_dir.iterdir()) == []


def test_only_managers_may_export(manager, people, created_home, state_dir, out_dir) -> None:  # type: ignore[no-untyped-def]
    for role, username in ((Role.KEYWORKER, "bo.li"), (Role.SHIFT_LEAD, "cara.ng")):
        accounts.add_account(
            manager, username=username, full_name=username, role=role, initial_password="temporary pw 1"
        )
        ws = unlock(created_home[0], username, "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
        try:
            with pytest.raises(PermissionDenied):
                collect_subject_data(ws, resident_id=people["margaret"])
            with pytest.raises(PermissionDenied):
                export_subject_access(ws, out_dir, resident_id=people["margaret"])
        finally:
            ws.close()
    assert list(out_dir.iterdir()) == []


# -- the files ---------------------------------------------------------------------------------

HAS_PDF = (Path(__file__).resolve().parents[2] / "src/carelink_desktop/reports/pdf.py").exists()
needs_pdf = pytest.mark.skipif(not HAS_PDF, reason="reports/pdf.py (render_pdf) is not written yet")


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_pdf
def test_export_writes_both_files_privately_and_audits_it(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    pdf, data_file = export_subject_access(manager, out_dir, resident_id=people["margaret"])
    short = people["margaret"][:8]
    assert (pdf.name, data_file.name) == (f"subject-access-{short}.pdf", f"subject-access-{short}.json")
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([pdf.name, data_file.name])  # no temp files
    for path in (pdf, data_file):
        assert path.stat().st_mode & 0o777 == 0o600
    assert pdf.read_bytes().startswith(b"%PDF")
    data = json.loads(data_file.read_text(encoding="utf-8"))
    assert data["subject"]["id"] == people["margaret"] and data["format"] == FORMAT

    (entry,) = audit_entries(manager, action="report_exported")
    assert (entry.subject_type, entry.subject_id, entry.resident_id) == (
        "resident",
        people["margaret"],
        people["margaret"],
    )
    details = json.loads(entry.details)
    assert details["report"] == "subject_access" and details["third_parties"] is False
    assert details["redaction"] == Redaction.SUBJECT.value  # their own information, others withheld

    export_subject_access(manager, out_dir, key_person_id=people["susan"], include_third_parties=True)
    latest = audit_entries(manager, action="report_exported")[0]
    assert (latest.subject_type, latest.subject_id, latest.resident_id) == (
        "key_person",
        people["susan"],
        None,
    )
    assert json.loads(latest.details)["third_parties"] is True


def test_export_to_a_missing_folder_is_refused(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="does not exist"):
        export_subject_access(manager, out_dir / "no-such-folder", resident_id=people["margaret"])
    assert audit_entries(manager, action="report_exported") == []


@needs_pdf
def test_the_pdf_says_confidential_names_the_person_and_says_none_held(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = export_subject_access(manager, out_dir, resident_id=people["quiet"])
    text = _pdf_text(pdf)
    assert "CONFIDENTIAL" in text
    assert "Nia Owen" in text
    assert "None held" in text  # no consents, no relationships
    assert "right to see" in text

    pdf, _ = export_subject_access(manager, out_dir, resident_id=people["margaret"])
    text = _pdf_text(pdf)
    assert "Margaret (Peggy) Jones" in text and "Viewed resident record" in text
    assert "07700 900123" not in text and "Whitfield" not in text
    assert "redacted: third party" in text


@needs_pdf
def test_the_pdf_shows_the_map_records_in_words(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = export_subject_access(manager, out_dir, resident_id=people["margaret"])
    text = " ".join(_pdf_text(pdf).split())
    for table in MAP_TABLES:
        assert RECORD_TYPES[table].title in text, table
    for shown in (
        "Visits: every week (Sunday lunch)",  # a contact wish
        "Health and welfare",  # an attorney power's label
        "01/06/1965",  # a date, the UK way
        "Taken up",  # an offer's outcome
        "Infection control",
        "Everyone (not one person)",  # the outbreak
        "St Mary's choir",
        "Disagreement",
        "Bea Lewis",
        "Cal Moss",
        "Meets the new keyworker at Sunday lunch",
    ):
        assert shown in text, shown
    for hidden in ("Whitfield", "Baxendale", "Prefers mornings", "Ann Hale", "health_and_welfare"):
        assert hidden not in text, hidden

    pdf, _ = export_subject_access(manager, out_dir, key_person_id=people["susan"])
    text = " ".join(_pdf_text(pdf).split())
    for table in MAP_TABLES:
        assert (RECORD_TYPES[table].title in text) == (table != "resident_group"), table
    for shown in ("Prefers mornings", "Visits supervised", "Safeguarding plan", "redacted: third party"):
        assert shown in text, shown
    for hidden in ("Margaret", "Baxendale", "Works night shifts", "St Mary"):
        assert hidden not in text, hidden


@needs_pdf
def test_the_pdf_shows_the_carer_plans_in_words(manager, people, out_dir) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = export_subject_access(manager, out_dir, key_person_id=people["gwen"])
    text = " ".join(_pdf_text(pdf).split())
    for table in PLAN_TABLES:
        assert RECORD_TYPES[table].title in text, table
    for shown in (
        "Active",  # the status's label
        f"{PLAN_OUTCOME} (shared)",
        "Physical, medium term: " + GWEN_NEED,
        f"{CAFE}: Someone to talk to",
        "Book the café (Gwen, by 01/06/2024): done",
        f"{PLAN_CRITERION}: Yes, most weeks",
        "Review recorded",  # a step of the history in words
        "20/05/2025",
    ):
        assert shown in text, shown
    for hidden in ("Pryce", ARTHUR_MEANWHILE, "under_review", "medium_term", "review_started"):
        assert hidden not in text, hidden


# -- command line ------------------------------------------------------------------------------


@functools.cache
def _sar_command_wired() -> bool:
    proc = subprocess.run(
        [sys.executable, "-m", "carelink_desktop.cli", "report", "sar", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.returncode == 0


@pytest.fixture
def sar_cli(cli):  # type: ignore[no-untyped-def]
    if not _sar_command_wired():
        pytest.skip("`carelink report sar` is not registered yet (hooks in cli/parser.py and cli/runner.py)")
    if not HAS_PDF:
        pytest.skip("reports/pdf.py (render_pdf) is not written yet")
    return cli


@pytest.fixture
def cli_people(people, manager) -> dict[str, str]:  # type: ignore[no-untyped-def]
    manager.close()  # the command opens the home itself
    return people


def _sar(sar_cli, *args: str):  # type: ignore[no-untyped-def]
    return sar_cli(
        "report", "sar", *args, "--user", MANAGER, "--password-stdin", input=MANAGER_PASSWORD + "\n"
    )


def test_cli_exports_a_resident(sar_cli, cli_people, out_dir) -> None:  # type: ignore[no-untyped-def]
    result = _sar(sar_cli, "--resident", cli_people["margaret"], "--out", str(out_dir))
    assert result.code == 0, result.err
    short = cli_people["margaret"][:8]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        f"subject-access-{short}.json",
        f"subject-access-{short}.pdf",
    ]
    data = json.loads((out_dir / f"subject-access-{short}.json").read_text(encoding="utf-8"))
    assert data["records"]["relationship"][0]["key_person"]["phone"] == REDACTED
    assert "withheld" in result.out


def test_cli_exports_a_key_person_with_third_parties(sar_cli, cli_people, out_dir) -> None:  # type: ignore[no-untyped-def]
    result = _sar(sar_cli, "--person", cli_people["susan"], "--out", str(out_dir), "--include-third-parties")
    assert result.code == 0, result.err
    data = json.loads(
        (out_dir / f"subject-access-{cli_people['susan'][:8]}.json").read_text(encoding="utf-8")
    )
    assert data["subject"]["type"] == "key_person" and data["redactions"] == []


def test_cli_unknown_id_is_one_line_and_exit_4(sar_cli, cli_people, out_dir) -> None:  # type: ignore[no-untyped-def]
    result = _sar(sar_cli, "--resident", "no-such-id", "--out", str(out_dir))
    assert result.code == 4
    assert result.err.strip().count("\n") == 0 and "no resident" in result.err
    assert "Traceback" not in result.err
    assert list(out_dir.iterdir()) == []


def test_cli_needs_exactly_one_person(sar_cli, cli_people, out_dir) -> None:  # type: ignore[no-untyped-def]
    both = _sar(sar_cli, "--resident", "a", "--person", "b", "--out", str(out_dir))
    neither = _sar(sar_cli, "--out", str(out_dir))
    assert both.code == neither.code == 64
