"""The carer support plan and the review record on paper, through the real services on an
encrypted home: every outcome, role, resource and action is printed (in the document and in the
rendered PDF), the family copy leaves out other residents and other people's contact details,
and a review prints each criterion with what was found."""

from __future__ import annotations

from dataclasses import dataclass
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
    ReviewDetails,
    Term,
)
from carelink_desktop.domain.errors import NotFound
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.resources import ResourceDetails, ResourceKind
from carelink_desktop.reports.carer_plan_report import (
    ANOTHER_RESIDENT,
    CONTACT_LEFT_OUT,
    Scrubber,
    build_carer_plan,
    build_plan_review,
)
from carelink_desktop.reports.document import Redaction, ReportDocument, SignatureLines
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.services import carer_plans
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.resources_directory import add_resource
from carelink_desktop.services.workspace import Workspace
from tests.conftest import resident
from tests.integration.test_relationship_profile import flat, pdf_pages

TODAY = date(2026, 11, 22)
OUTCOMES = (
    "Jean keeps her Tuesday visits and Peggy looks forward to them",
    "Jean has one afternoon a week that is just for her",
    "Peggy keeps going to the choir on Thursdays",
)
ROLES = (
    ("Jean", "Visits on Tuesdays and helps Peggy with lunch"),
    ("Tom Jones (son)", "Takes Peggy out on Sundays; ring Tom on 07700 900777 or tom.jones@example.org"),
    ("Keyworker", "Rings Jean on Fridays with the week's news"),
)
NEEDS = ("Sore back from years of lifting Peggy", "Feels low since the move")
RESOURCES = (
    ("Kettlewick Carers' Centre", ResourceKind.SUPPORT_GROUP, "0113 496 0123", "A monthly café"),
    ("Pennyroyal Benefits Advice", ResourceKind.FINANCIAL, "01632 960633", "Carer's Allowance questions"),
)
ACTIONS = (
    ("Book the carers' café", "Jean", TODAY - timedelta(days=20), ActionStatus.DONE),
    ("Ring the benefits line together", "Keyworker with Jean", TODAY + timedelta(days=7), ActionStatus.TO_DO),
    ("See the GP about the back", "Jean", TODAY - timedelta(days=3), ActionStatus.IN_HAND),
)
MEANWHILE = "On Tuesdays Peggy plays cards with Harry and Harold Lumb keeps her company at lunch"
RISKS = "Peggy may look for Jean at teatime: staff show her the calendar"
DISCRIMINATION = "The café told Jean carers must be family; the keyworker complained"
CRITERIA = ("Jean has had a break every week", "Peggy enjoys the Tuesday visits")
ASSESSMENTS = ("Yes: the café every month", "Mostly, when Tom does not come the same day")
HEADINGS = (
    "What we agreed",
    "Who does what",
    "Your own needs and wellbeing",
    "Your right to a carer's assessment",
    "Support and services you chose",
    "Our plan to get them",
    "While you take time for yourself",
    "Gaps and discrimination",
    "How we will review the plan",
)
#: What only the internal copy holds: another resident's name and a third party's contacts.
OTHERS = ("Harold", "Lumb", "Harry", "07700 900777", "tom.jones@example.org")


@dataclass(frozen=True)
class Home:
    plan_id: str
    review_id: str
    resident_id: str


def add_plan(ws: Workspace) -> Home:
    """Peggy, her unpaid carer Jean, her son Tom, another resident (Harold 'Harry' Lumb) and a
    plan with every part filled in, agreed, put into action and reviewed."""
    ws.set_today_for_tests(TODAY)
    peggy = admit_resident(ws, resident("Margaret", "Jones", preferred_name="Peggy"))
    admit_resident(ws, resident("Harold", "Lumb", preferred_name="Harry", room="4"))
    jean = add_key_person(ws, KeyPersonDetails("Jean", "Pryce", phone="07700 900555"))
    tom = add_key_person(ws, KeyPersonDetails("Tom", "Jones", phone="07700 900777"))
    rel = relate(ws, peggy.id, jean.id, RelationshipDetails("neighbour", Category.UNPAID_CARER))
    relate(ws, peggy.id, tom.id, RelationshipDetails("son", Category.FAMILY))
    chosen = []
    for name, kind, phone, why in RESOURCES:
        entry = add_resource(ws, ResourceDetails(name, kind, phone=phone, email="hello@carers.example.org"))
        chosen.append(ChosenResource(entry.id, why))
    details = PlanDetails(
        outcomes=(
            Outcome(OUTCOMES[0], OutcomeFor.SHARED),
            Outcome(OUTCOMES[1], OutcomeFor.CARER),
            Outcome(OUTCOMES[2], OutcomeFor.RESIDENT),
        ),
        roles=tuple(PlanRole(who, role) for who, role in ROLES),
        ways_of_working="Staff ring Jean (07700 900555) before any change she would notice",
        risk_management="Jean does not help Peggy to stand",
        assessment_explained_on=TODAY - timedelta(days=60),
        assessment_explained_how="Over a cup of tea, with the council's leaflet",
        referral_on=TODAY - timedelta(days=58),
        referral_reference="KDC/CA/20931",
        referral_result="A carer's personal budget for a short break",
        needs=(
            CarerNeed(NeedKind.PHYSICAL, Term.MEDIUM, NEEDS[0]),
            CarerNeed(NeedKind.EMOTIONAL, Term.SHORT, NEEDS[1]),
        ),
        resources=tuple(chosen),
        actions=tuple(AccessAction(*a) for a in ACTIONS),
        resident_support_meanwhile=MEANWHILE,
        resident_support_risks=RISKS,
        gaps_in_provision="Nothing in the evenings for carers who work",
        discrimination=DISCRIMINATION,
        review_process="Every six months in the family room",
        review_criteria=CRITERIA,
        next_review_on=TODAY + timedelta(days=30),
    )
    plan = carer_plans.start_plan(ws, rel.id, details)
    carer_plans.agree_plan(ws, plan.id, TODAY - timedelta(days=50), "Jean, Peggy and Amira")
    carer_plans.activate_plan(ws, plan.id)
    review = carer_plans.record_review(
        ws,
        plan.id,
        ReviewDetails(
            TODAY - timedelta(days=1),
            "Jean, Peggy, Amira and Harold Lumb's daughter",
            participation_support="Large print copy a week before",
            assessments=tuple(CriterionAssessment(c, a) for c, a in zip(CRITERIA, ASSESSMENTS, strict=True)),
            benefits="Sleeping better",
            difficulties="Tuesday buses are unreliable",
            changes="Visits move to Wednesdays",
            resident_support_changes="Cards with the activities team instead",
            referrals="None",
            next_review_on=TODAY + timedelta(days=180),
        ),
    )
    return Home(plan.id, review.id, peggy.id)


@pytest.fixture
def carer_home(manager) -> Home:  # type: ignore[no-untyped-def]
    return add_plan(manager)


def printed(doc: ReportDocument) -> tuple[str, str]:
    """The document's text and the rendered PDF's, each with white space made single spaces."""
    return flat(doc.text()), flat(" ".join(pdf_pages(render_pdf(doc))))


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def test_the_printed_plan_has_every_outcome_role_resource_and_action(manager, carer_home: Home) -> None:  # type: ignore[no-untyped-def]
    doc = build_carer_plan(manager, carer_home.plan_id, Redaction.INTERNAL)
    assert doc.title == "Carer support plan"
    assert doc.subject == "Jean Pryce, carer for Margaret (Peggy) Jones"
    assert isinstance(doc.blocks[-1], SignatureLines) and doc.blocks[-1].labels == ("Carer", "Worker")
    for text in printed(doc):
        for heading in HEADINGS:
            assert heading in text, heading
        for outcome in OUTCOMES:
            assert outcome in text, outcome
        assert "For you and Peggy" in text and "For you" in text and "For Peggy" in text
        for who, role in ROLES:
            assert who in text and role in text, who
        for need in NEEDS:
            assert need in text, need
        for name, kind, phone, why in RESOURCES:
            for shown in (name, kind.label, phone, why):
                assert shown in text, shown
        for what, who, by_when, status in ACTIONS:
            for shown in (what, who, _uk(by_when), status.label):
                assert shown in text, shown
        assert f"{_uk(TODAY - timedelta(days=3))} (late)" in text  # in hand and past its date
        assert f"{_uk(TODAY - timedelta(days=20))} (late)" not in text  # done
        for shown in (
            MEANWHILE,
            RISKS,
            DISCRIMINATION,
            *CRITERIA,
            "KDC/CA/20931",
            "Carers (Scotland) Act 2016",
        ):
            assert shown in text, shown
        assert f"{_uk(TODAY - timedelta(days=50))} by Jean, Peggy and Amira" in text
        assert _uk(TODAY + timedelta(days=180)) in text  # the next review the review set
        assert "Reviews so far" in text and "Carer" in text and "Worker" in text


def test_the_family_copy_names_no_other_resident_and_no_third_partys_contacts(
    manager, carer_home: Home
) -> None:  # type: ignore[no-untyped-def]
    internal = printed(build_carer_plan(manager, carer_home.plan_id, Redaction.INTERNAL))
    for text in internal:
        for other in OTHERS:
            assert other in text, other
    for redaction in (Redaction.FAMILY, Redaction.SUBJECT):
        for text in printed(build_carer_plan(manager, carer_home.plan_id, redaction)):
            for other in OTHERS:
                assert other not in text, (redaction, other)
            assert ANOTHER_RESIDENT in text and CONTACT_LEFT_OUT in text
            # the roles stay (who does what), and the contacts the carer is meant to use
            assert "Tom Jones (son)" in text and "Takes Peggy out on Sundays" in text
            for _name, _kind, phone, _why in RESOURCES:
                assert phone in text
            assert "07700 900555" in text  # Jean's own number
            assert "other residents' names" in text  # the notice says what is left out
            for shown in (*OUTCOMES, RISKS, DISCRIMINATION):  # her plan: nothing else goes
                assert shown in text, shown


def test_the_professional_copy_marks_sensitive_text(manager, carer_home: Home) -> None:  # type: ignore[no-untyped-def]
    _doc, pdf = printed(build_carer_plan(manager, carer_home.plan_id, Redaction.PROFESSIONAL))
    assert "SENSITIVE" in pdf and RISKS in pdf and "Harold Lumb" in pdf
    _doc, pdf = printed(build_carer_plan(manager, carer_home.plan_id, Redaction.INTERNAL))
    assert "SENSITIVE" not in pdf


def test_the_review_record_has_each_criterion_and_its_assessment(manager, carer_home: Home) -> None:  # type: ignore[no-untyped-def]
    doc = build_plan_review(manager, carer_home.plan_id, carer_home.review_id, Redaction.INTERNAL)
    assert doc.title == "Carer support plan review"
    for text in printed(doc):
        for criterion, assessment in zip(CRITERIA, ASSESSMENTS, strict=True):
            assert criterion in text and assessment in text, criterion
        for shown in (
            _uk(TODAY - timedelta(days=1)),
            "Large print copy a week before",
            "Sleeping better",
            "Tuesday buses are unreliable",
            "Visits move to Wednesdays",
            "Cards with the activities team instead",
            _uk(TODAY + timedelta(days=180)),
        ):
            assert shown in text, shown
    family = printed(build_plan_review(manager, carer_home.plan_id, carer_home.review_id, Redaction.FAMILY))
    for text in family:
        assert "Harold" not in text and "Lumb" not in text and "Jean, Peggy, Amira and" in text


def test_drafts_closed_plans_and_overdue_reviews_say_so(manager, carer_home: Home) -> None:  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY + timedelta(days=200))
    text = build_carer_plan(manager, carer_home.plan_id, Redaction.INTERNAL).text()
    assert "(overdue)" in text and "ask your keyworker to arrange it" in text
    manager.set_today_for_tests(TODAY)
    carer_plans.close_plan(manager, carer_home.plan_id, "Jean moved to Cardiff", TODAY)
    internal = build_carer_plan(manager, carer_home.plan_id, Redaction.INTERNAL).text()
    assert f"This plan was closed on {_uk(TODAY)}." in internal and "Jean moved to Cardiff" in internal
    family = build_carer_plan(manager, carer_home.plan_id, Redaction.FAMILY).text()
    assert "closed on" in family and "Cardiff" not in family
    rel = carer_plans.plan(manager, carer_home.plan_id).relationship_id
    draft = carer_plans.start_plan(manager, rel)
    text, pdf = printed(build_carer_plan(manager, draft.id, Redaction.FAMILY))
    for shown in (
        "This plan is a draft",
        "No outcomes agreed yet.",
        "No roles agreed yet.",
        "None chosen yet.",
    ):
        assert shown in text and shown in pdf, shown


def test_unknown_plans_and_reviews_are_refused(manager, carer_home: Home) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        build_carer_plan(manager, "no-such-plan", Redaction.INTERNAL)
    with pytest.raises(NotFound, match="not one of this"):
        build_plan_review(manager, carer_home.plan_id, "no-such-review", Redaction.INTERNAL)


def test_the_scrubber_leaves_dates_references_and_allowed_numbers_alone() -> None:
    scrub = Scrubber(
        names=[("Harold", "Lumb"), ("Harry",), ("Margaret", "Ann", "Lee")],
        phones=["01632 960633"],
        emails=["hello@carers.example.org"],
    )
    assert scrub("Call +44 1632 960633 or (01632) 960633") == "Call +44 1632 960633 or (01632) 960633"
    assert scrub("Ring 07700 900777, +44 7700 900778 or 020 7946 0318") == (
        f"Ring {CONTACT_LEFT_OUT}, {CONTACT_LEFT_OUT} or {CONTACT_LEFT_OUT}"
    )
    assert scrub("Mail hello@carers.example.org or tom@example.org") == (
        f"Mail hello@carers.example.org or {CONTACT_LEFT_OUT}"
    )
    assert scrub("Seen on 22/11/2026 at 14:05, ref KDC/CA/20931, £250") == (
        "Seen on 22/11/2026 at 14:05, ref KDC/CA/20931, £250"
    )
    assert scrub("Harold Lumb and Harry; Margaret (Ann) Lee; Harrys; harry") == (
        f"{ANOTHER_RESIDENT} and {ANOTHER_RESIDENT}; {ANOTHER_RESIDENT}; Harrys; harry"
    )
