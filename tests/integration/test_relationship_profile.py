"""Must hold: the relationship profile shows every key person, the circle, groups, open issues and
evaluations, in the document and in the rendered PDF; the family copy holds no restriction text
at all (neither in the document nor in the PDF, not even the "Restricted" mark); restriction
details show only to roles that may see them. The command line is tested in
tests/e2e/test_cli_relationships.py."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
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
from carelink_desktop.reports.document import Diagram, Paragraph, Redaction, ReportDocument, Table
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.reports.relationship_profile import NO_CONTACT_YET, build_relationship_profile
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import EVALUATIONS, GROUPS, ISSUES, KEYWORKER_CHANGES, RESTRICTIONS
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.resources_directory import add_resource, offer_resource
from carelink_desktop.services.workspace import Workspace
from tests.conftest import resident

TODAY = date(2026, 11, 22)
LEGAL_BASIS = "Non-molestation order LEGALMARK-K4"
WHAT_RESTRICTED = "Unsupervised visits WHATMARK-R8"
DIFFICULTIES = "DIFFMARK-D2 finds the bus journey tiring since her knee operation"
RISKS = "RISKMARK-R5 arguments about money upset Peggy"
ISSUE = "Disagreement about visiting times ISSUEMARK-I1"
CLOSED_ISSUE = "Misunderstanding about the birthday party"
PHONE = "07700 900123"
GROUP = "St Mary's choir"
EVALUATION_CRITERIA = "Peggy feels connected to her family EVALMARK-E3"
RESTRICTION_TEXT = ("Court order", LEGAL_BASIS, WHAT_RESTRICTED, "Restricted", "Restrictions on contact")


@dataclass
class Profile:
    resident_id: str
    names: list[str] = field(default_factory=list)
    ended_name: str = ""


def wishes(*pairs: tuple[KeepInTouch, Frequency]) -> tuple[ContactWish, ...]:
    return tuple(ContactWish(method, frequency) for method, frequency in pairs)


def add_profile_resident(ws: Workspace, *, extra_people: int = 0) -> Profile:
    """A resident whose map has something in every section of the profile; ``extra_people``
    adds that many more friends (for the benchmark)."""
    ws.set_today_for_tests(TODAY)
    keyworker = add_account(
        ws,
        username="bogdan",
        full_name="Bogdan Łukasiewicz",
        role=Role.KEYWORKER,
        initial_password="Kw pass 123",
    )
    newcomer = add_account(
        ws, username="cerys", full_name="Cerys Pritchard", role=Role.KEYWORKER, initial_password="Kw pass 456"
    )
    rid = admit_resident(
        ws, resident("Margaret", "Jones", preferred_name="Peggy", keyworker_id=keyworker.id)
    ).id
    profile = Profile(rid)

    def person(given: str, family: str, details: RelationshipDetails, phone: str = "") -> str:
        kp = add_key_person(ws, KeyPersonDetails(given, family, phone=phone))
        profile.names.append(f"{given} {family}")
        return relate(ws, rid, kp.id, details).id

    sue = person(
        "Susan",
        "Hughes",
        RelationshipDetails(
            "daughter",
            Category.FAMILY,
            "mother",
            circle=1,
            primary_next_of_kin=True,
            attorney_powers=(AttorneyPower.HEALTH_AND_WELFARE,),
            essential_care_supporter=True,
            contact_wishes=wishes(
                (KeepInTouch.VISITS, Frequency.WEEKLY), (KeepInTouch.PHONE, Frequency.DAILY)
            ),
            what_matters="Sunday afternoons together with the crossword.",
            support_needed="A lift from the station when her car is off the road.",
            difficulties=DIFFICULTIES,
            risks_and_challenges=RISKS,
        ),
        phone=PHONE,
    )
    tom = person(
        "Tomasz",
        "Wiśniewski",
        RelationshipDetails(
            "son",
            Category.FAMILY,
            "mother",
            circle=2,
            quality=Quality.STRAINED,
            contact_wishes=wishes((KeepInTouch.LETTERS, Frequency.MONTHLY)),
        ),
    )
    person(
        "Nguyễn Thị",
        "Hương",
        RelationshipDetails("friend", Category.FRIEND, "friend", circle=3, quality=Quality.MIXED),
    )
    person("Rhys", "ap Dafydd", RelationshipDetails("GP", Category.PROFESSIONAL, "patient", circle=4))
    for n in range(extra_people):
        person(
            f"Friend{n:02d}",
            "Ellis",
            RelationshipDetails(
                "friend",
                Category.FRIEND,
                "friend",
                circle=1 + n % 4,
                quality=list(Quality)[n % 4],
                contact_wishes=wishes((KeepInTouch.PHONE, Frequency.FORTNIGHTLY)),
                what_matters=f"They have known each other since school ({n}).",
            ),
        )
    ended = person(
        "Gareth",
        "Price",
        RelationshipDetails("neighbour", Category.FRIEND, "neighbour", circle=3),
    )
    from carelink_desktop.services.relationships import relationship, update_relationship

    update_relationship(
        ws,
        ended,
        replace_details(
            relationship(ws, ended).details,
            ended_on=date(2026, 6, 1),
            end_reason="Moved to a home in Scotland to be near his son",
            end_support="Cards at Christmas; the activities team helped Peggy write one",
        ),
    )
    profile.ended_name = profile.names.pop()

    add_record(
        ws, GROUPS, rid, GroupDetails(GROUP, GroupKind.FAITH, "Sings on Thursdays", contact="Mrs Lloyd")
    )
    add_record(ws, GROUPS, rid, GroupDetails("Silver surfers", GroupKind.ONLINE, "Video chats on the tablet"))
    add_record(
        ws,
        ISSUES,
        rid,
        IssueDetails(
            ISSUE,
            IssueKind.DISAGREEMENT,
            date(2026, 11, 1),
            relationship_ids=(sue, tom),
            views=(PersonView("Susan Hughes", "Wants evening visits", sue),),
            ways_forward="Meet with both on 30/11",
            status=IssueStatus.IN_HAND,
        ),
    )
    add_record(
        ws,
        ISSUES,
        rid,
        IssueDetails(
            CLOSED_ISSUE,
            IssueKind.MISUNDERSTANDING,
            date(2026, 8, 1),
            status=IssueStatus.RESOLVED,
            closed_on=date(2026, 8, 20),
            outcome="Talked it through; the party went ahead",
        ),
    )
    for evaluated, due in ((date(2026, 5, 1), date(2026, 11, 1)), (date(2025, 11, 1), date(2026, 5, 1))):
        add_record(
            ws,
            EVALUATIONS,
            rid,
            EvaluationDetails(
                evaluated,
                EVALUATION_CRITERIA,
                "Conversation with Peggy and Susan",
                "Peggy, Susan, keyworker",
                what_works="Sunday visits",
                what_could_improve="More phone calls with Tomasz",
                reflection="Staff could prompt the calls",
                next_due=due,
            ),
        )
    add_record(
        ws,
        RESTRICTIONS,
        rid,
        RestrictionDetails(
            RestrictionKind.COURT_ORDER,
            WHAT_RESTRICTED,
            date(2026, 10, 1),
            TODAY + timedelta(days=7),
            relationship_id=tom,
            legal_basis=LEGAL_BASIS,
            less_restrictive_options="Supervised visits in the lounge considered",
            decided_with="Social worker, manager",
            how_resident_told="Explained by her keyworker",
            how_person_told="Letter from the manager",
        ),
    )
    add_record(
        ws,
        KEYWORKER_CHANGES,
        rid,
        KeyworkerChangeDetails(
            "Bogdan moves to nights",
            date(2026, 12, 1),
            newcomer.id,
            how="Two joint sessions, then Cerys leads",
            risks="Peggy is wary of new faces",
            risk_handling="Introduce Cerys over tea",
            involvement=(Involvement(sue, "Meets Cerys at the Sunday visit"),),
        ),
    )
    carers = add_resource(ws, ResourceDetails("Wrenfield Carers' Centre", ResourceKind.SUPPORT_GROUP))
    offer_resource(ws, sue, OfferDetails(carers.id, date(2026, 11, 2), OfferOutcome.TAKEN_UP, "Goes monthly"))
    return profile


def replace_details(details: RelationshipDetails, **changes: object) -> RelationshipDetails:
    from dataclasses import replace

    return replace(details, **changes)  # type: ignore[arg-type]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text with every run of white space made one space (table cells wrap names)."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def profile(manager) -> Profile:  # type: ignore[no-untyped-def]
    return add_profile_resident(manager)


def test_the_profile_has_every_section(manager, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    doc = build_relationship_profile(manager, profile.resident_id, Redaction.INTERNAL)
    assert doc.title == "Relationship profile" and doc.subject == "Margaret (Peggy) Jones"
    text = doc.text()
    for name in profile.names:
        assert name in text
    diagrams = [b for b in doc.blocks if isinstance(b, Diagram)]
    assert [d.kind for d in diagrams] == ["relationship_circle"]
    drawn = {p.name: p for p in diagrams[0].data.people}
    assert set(drawn) == set(profile.names)  # the ended relationship is not on the circle
    assert "Restricted" in drawn["Tomasz Wiśniewski"].marks
    assert drawn["Susan Hughes"].marks == ("NOK (primary)", "LPA", "ECS")
    for expected in (GROUP, "Silver surfers", ISSUE, CLOSED_ISSUE, EVALUATION_CRITERIA, PHONE, LEGAL_BASIS):
        assert expected in text
    assert "Room: 12" in text and "Keyworker: Bogdan Łukasiewicz" in text
    assert "Next evaluation due: 01/11/2026 (overdue)" in text
    assert "Visits: every week; Phone calls: every day" in text
    assert "Wrenfield Carers' Centre (support group): taken up, 02/11/2026. Goes monthly" in text
    assert "Cerys Pritchard" in text and "Meets Cerys at the Sunday visit" in text
    assert profile.ended_name in text and "Moved to a home in Scotland" in text
    assert NO_CONTACT_YET in text
    assert text.index(EVALUATION_CRITERIA) < text.index(
        "Evaluation of 01/11/2025: the whole map"
    )  # latest first
    sensitive = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.sensitive]
    assert any(DIFFICULTIES in t for t in sensitive) and any(RISKS in t for t in sensitive)


def test_the_pdf_has_every_name_and_draws_the_circle(manager, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    doc = build_relationship_profile(manager, profile.resident_id, Redaction.INTERNAL)
    data = render_pdf(doc)
    pages = pdf_pages(data)
    text = flat(" ".join(pages))
    for name in profile.names:
        assert name in text
    assert "The people who matter to Margaret (Peggy) Jones" in text
    assert ISSUE in text and GROUP in text
    circle_page = next(i for i, t in enumerate(pages) if "who matter to" in flat(t))
    content = PdfReader(io.BytesIO(data)).pages[circle_page].get_contents()
    assert content is not None
    ops = content.get_data().decode("latin-1")
    curves = len(re.findall(r" c\n", ops))
    # 4 rings and a node per person, each circle 4 Bézier curves, on top of the page's own
    assert curves >= 4 * (4 + len(profile.names))


def _all_text(doc: ReportDocument) -> tuple[str, str]:
    data = render_pdf(doc)
    return doc.text(), flat(" ".join(pdf_pages(data)))


def test_the_family_copy_holds_no_restriction_text(manager, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    family = build_relationship_profile(manager, profile.resident_id, Redaction.FAMILY)
    doc_text, pdf_text = _all_text(family)
    for text in (doc_text, pdf_text):
        for secret in RESTRICTION_TEXT:
            assert secret not in text
    assert "restrict" not in doc_text.lower()
    drawn = next(b for b in family.blocks if isinstance(b, Diagram)).data
    assert all("Restricted" not in p.marks for p in drawn.people)
    # nor other people's contact details, difficulties, risks or the issues
    for left_out in (PHONE, DIFFICULTIES, RISKS, ISSUE, "Staff could prompt", "Mrs Lloyd", "Wrenfield"):
        assert left_out not in doc_text and left_out not in pdf_text
    for name in profile.names:
        assert name in pdf_text
    assert GROUP in doc_text and EVALUATION_CRITERIA in doc_text

    internal = build_relationship_profile(manager, profile.resident_id, Redaction.INTERNAL)
    doc_text, pdf_text = _all_text(internal)
    for secret in RESTRICTION_TEXT:
        assert secret in doc_text and secret in pdf_text


def test_a_keyworker_sees_that_contact_is_restricted_but_not_why(  # type: ignore[no-untyped-def]
    manager, profile: Profile, staff_workspace
) -> None:
    bea = staff_workspace(Role.KEYWORKER, "bea")
    bea.set_today_for_tests(TODAY)
    doc = build_relationship_profile(bea, profile.resident_id, Redaction.INTERNAL)
    doc_text, pdf_text = _all_text(doc)
    for text in (doc_text, pdf_text):
        assert LEGAL_BASIS not in text and WHAT_RESTRICTED not in text and "Court order" not in text
    assert "Restrictions on contact" not in doc_text
    assert "Contact with Tomasz Wiśniewski is restricted: ask a manager" in doc_text
    table = next(b for b in doc.blocks if isinstance(b, Table) and "Marks" in b.columns)
    assert any("Restricted" in row for row in table.rows)


def test_the_professional_copy_marks_sensitive_text(manager, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    doc = build_relationship_profile(manager, profile.resident_id, Redaction.PROFESSIONAL)
    pdf_text = flat(" ".join(pdf_pages(render_pdf(doc))))
    assert "SENSITIVE" in pdf_text and DIFFICULTIES in pdf_text and LEGAL_BASIS in pdf_text


def test_a_map_with_no_one_on_it_still_prints(manager) -> None:  # type: ignore[no-untyped-def]
    rid = admit_resident(manager, resident("Arthur", "Pryce")).id
    doc = build_relationship_profile(manager, rid, Redaction.INTERNAL)
    assert "No one is on Arthur Pryce's map yet." in doc.text()
    assert render_pdf(doc).startswith(b"%PDF-")
