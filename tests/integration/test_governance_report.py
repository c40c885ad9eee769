"""The governance report (issue #9 item 5) on a small hand-built home with known counts: its
sections, every figure against the dashboard and against hand counts, the charts with their text
equivalents, the improvement actions with their status, and the anonymised copy (checked in the
text of the rendered PDF) naming no resident and no key person, even inside free text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from carelink_desktop.domain.concerns import (
    ConcernDetails,
    ConcernHandling,
    ConcernKind,
    Severity,
)
from carelink_desktop.domain.errors import PermissionDenied, ValidationError
from carelink_desktop.domain.feedback import DEFAULT_QUESTIONS, Answer, FeedbackDetails, Respondent
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.text import fold
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.reports.anonymise import Anonymiser
from carelink_desktop.reports.document import BarChart, LineChart, ReportDocument, Table
from carelink_desktop.reports.governance_report import SECTIONS, build_governance_report
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.services.concerns import CONCERNS, handle_concern
from carelink_desktop.services.feedback import record_feedback
from carelink_desktop.services.governance import save_narrative
from carelink_desktop.services.improvement_actions import add_action
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.oversight import dashboard
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visits import record_visit
from tests.conftest import resident

TODAY = date(2026, 11, 22)
START, END = date(2026, 11, 1), date(2026, 11, 22)  # 22 days: a weekly wish expects 3 contacts
WELCOME = DEFAULT_QUESTIONS[1][0]

#: Every word of every resident's and key person's name in the home.
NAMES = (
    "Florence",
    "Flo",
    "Thompson",
    "Harold",
    "Lumb",
    "Siân",
    "Sian",
    "Pryce",
    "Susan",
    "Gareth",
    "Okonkwo",
    "Bryn",
)


@dataclass
class Home:
    ws: Any
    florence: str
    harold: str
    sian: str
    conflict: str
    dilemma: str


def at(day: date, hour: int = 14) -> datetime:
    return datetime.combine(day, time(hour))


def visit(ws: Any, resident_id: str, rel_id: str, day: date, text: str = "A good visit.") -> None:
    record_visit(
        ws, resident_id, VisitDetails(VisitKind.VISIT, at(day), relationship_ids=(rel_id,), observations=text)
    )


@pytest.fixture
def home(manager) -> Home:  # type: ignore[no-untyped-def]
    return add_governance_home(manager)


def add_governance_home(ws: Any) -> Home:
    """Three residents: Florence (a weekly visit wished, 2 met in the period), Harold (a weekly
    phone call wished, none ever: no contact), Siân (no wishes; last contact 20 days ago); a
    conflict and a dilemma with the manager's side, feedback, two actions and the narrative."""
    ws.set_today_for_tests(TODAY)
    admitted = date(2025, 1, 6)
    florence = admit_resident(
        ws, resident("Florence", "Thompson", preferred_name="Flo", admission_date=admitted)
    )
    harold = admit_resident(ws, resident("Harold", "Lumb", room="3", admission_date=admitted))
    sian = admit_resident(ws, resident("Siân", "Pryce", room="7", admission_date=admitted))
    susan = add_key_person(ws, KeyPersonDetails("Susan", "Thompson"))
    gareth = add_key_person(ws, KeyPersonDetails("Gareth", "Okonkwo"))
    friend = add_key_person(ws, KeyPersonDetails("Bryn", "Pryce"))
    weekly = lambda how: (ContactWish(how, Frequency.WEEKLY),)  # noqa: E731
    daughter = relate(
        ws,
        florence.id,
        susan.id,
        RelationshipDetails("daughter", Category.FAMILY, contact_wishes=weekly(KeepInTouch.VISITS)),
    )
    son = relate(
        ws,
        harold.id,
        gareth.id,
        RelationshipDetails("son", Category.FAMILY, contact_wishes=weekly(KeepInTouch.PHONE)),
    )
    brother = relate(ws, sian.id, friend.id, RelationshipDetails("brother", Category.FAMILY))
    visit(ws, florence.id, daughter.id, date(2026, 11, 10), "Susan brought Flo's photos.")
    visit(ws, florence.id, daughter.id, date(2026, 11, 20))
    visit(ws, sian.id, brother.id, date(2026, 11, 2))
    visit(ws, florence.id, daughter.id, date(2026, 6, 1))  # before the period: the year's chart only

    conflict = add_record(
        ws,
        CONCERNS,
        harold.id,
        ConcernDetails(
            ConcernKind.CONFLICT,
            Severity.HIGH,
            "Gareth Okonkwo shouted at harold about money; Susan Thompson saw it.",
            date(2026, 11, 3),
            relationship_id=son.id,
            reported_to="Local authority safeguarding team",
            reported_on=date(2026, 11, 3),
        ),
    )
    handle_concern(
        ws,
        conflict.id,
        ConcernHandling(
            handler="Amira Khan",
            advice_sought="Advocacy service, about Harold's wishes.",
            decision="Visits from Gareth are supervised for now.",
            reasoning="HAROLD said he felt frightened; Mr Okonkwo agreed.",
            practice_changes="Money is never discussed at visits without the keyworker.",
            lessons="Ask Harold first, not his son Gareth.",
        ),
    )
    dilemma = add_record(
        ws,
        CONCERNS,
        sian.id,
        ConcernDetails(
            ConcernKind.ETHICAL_DILEMMA,
            Severity.MEDIUM,
            "Sian wants to go to the pub with Bryn; her care plan says she may fall.",
            date(2026, 11, 12),
            relationship_id=brother.id,
        ),
    )
    handle_concern(
        ws,
        dilemma.id,
        ConcernHandling(
            handler="Amira Khan",
            options_weighed="Let Siân go with Bryn; send a carer too; say no.",
            decision="Siân goes with Bryn and a carer.",
            reasoning="It respects her choice and keeps the risk low.",
        ),
    )
    record_feedback(
        ws,
        FeedbackDetails(
            date(2026, 11, 15),
            Respondent.KEY_PERSON,
            resident_id=florence.id,
            relationship_id=daughter.id,
            answers=(Answer(WELCOME, 4, "Flo and I feel welcome; Harold's son was rude though."),),
        ),
    )
    add_action(
        ws,
        ImprovementActionDetails(
            "Keyworker present when money is discussed",
            "Gareth's visit with Harold",
            ActionSource.CONCERN,
            "Amira Khan",
            date(2026, 11, 4),
            date(2026, 11, 18),
            source_id=conflict.id,
            status=ActionStatus.UNDER_WAY,
        ),
    )
    add_action(
        ws,
        ImprovementActionDetails(
            "Photos board in the lounge",
            "Families asked for it",
            ActionSource.OTHER,
            "Lee Smith",
            date(2026, 11, 2),
            date(2026, 11, 30),
            status=ActionStatus.DONE,
            result="Up since 20/11; Susan Thompson loves it.",
            completed_on=date(2026, 11, 20),
        ),
    )
    save_narrative(
        ws,
        Narrative(
            START,
            END,
            good_practice="Staff helped Florence ring Susan every Sunday.",
            to_improve="We were slow to see that Harold missed Gareth's calls.",
        ),
    )
    return Home(ws, florence.id, harold.id, sian.id, conflict.id, dilemma.id)


def pdf_text(doc: ReportDocument) -> str:
    """The rendered PDF's text, with runs of white space (line ends in table cells) as one space."""
    reader = PdfReader(BytesIO(render_pdf(doc)))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def named_words(text: str) -> set[str]:
    """The words of NAMES found in ``text`` (whole words, any case or accents)."""
    words = {fold(w) for w in re.findall(r"\w+", text)}
    return {n for n in NAMES if fold(n) in words}


def table(doc: ReportDocument, first_column: str) -> Table:
    return next(b for b in doc.blocks if isinstance(b, Table) and b.columns and b.columns[0] == first_column)


def test_the_report_has_every_section_in_order(home: Home) -> None:
    doc = build_governance_report(home.ws, START, END)
    headings = [b.text for b in doc.blocks if type(b).__name__ == "Heading" and b.level == 1]  # type: ignore[union-attr]
    assert headings == list(SECTIONS)
    assert doc.subject == "01/11/2026 to 22/11/2026 · anonymised"
    assert "Period: 01/11/2026 to 22/11/2026 (22 days)" in doc.text()


def test_every_figure_matches_the_dashboard_and_the_hand_counts(home: Home) -> None:
    board = dashboard(home.ws, START, END)
    doc = build_governance_report(home.ws, START, END)
    glance = table(doc, "Figure")
    assert glance.rows == tuple((f.label, str(f.value), f.note) for f in board.figures())
    by_key = {f.key: f.value for f in board.figures()}
    # hand counts: Florence met 2 of 3 weekly visits, Harold 0 of 3 calls; Harold never had
    # contact, Siân none for 20 days; the conflict and the dilemma are open; one action overdue
    assert by_key["below_wishes"] == 2
    assert by_key["no_contact"] == 2
    assert by_key["open_concerns"] == 2
    assert by_key["actions_overdue"] == 1
    assert board.residents == 3
    below = table(doc, "Resident")
    assert below.rows == (
        ("Resident A", "1", "3", "0", "3", "0%"),
        ("Resident B", "1", "3", "2", "1", "67%"),
    )
    # the chart of contact per week: 52 weeks, the last four in the period's weeks
    line = next(b for b in doc.blocks if isinstance(b, LineChart))
    assert line.values == tuple(w.contacts for w in board.contact_per_week) and len(line.values) == 52
    assert sum(line.values) == 4
    four_weeks = table(doc, "Four weeks")
    assert four_weeks.rows[-1] == ("26/10/2026 to 22/11/2026", "3", "0.8")
    assert "4 contacts were recorded" in line.summary
    bar = next(b for b in doc.blocks if isinstance(b, BarChart))
    assert bar.labels == tuple(k.label for k in ConcernKind)
    assert dict(zip(bar.labels, bar.values, strict=True)) == {
        k.label: (1 if k in (ConcernKind.CONFLICT, ConcernKind.ETHICAL_DILEMMA) else 0) for k in ConcernKind
    }
    assert bar.summary.startswith("2 concerns were raised in the period")
    ages = table(doc, "Open for")
    assert ages.rows[-1] == ("All ages", "0", "1", "1", "0", "2")


def test_feedback_concerns_narrative_and_actions_are_reported(home: Home) -> None:
    doc = build_governance_report(home.ws, START, END, anonymised=False)
    text = doc.text()
    assert "Responses: 1: 0 residents, 1 key person, 0 professionals" in text
    question = table(doc, "Question")
    assert question.rows[1][1:] == ("4.0 (1)", "4.0 (1)")
    assert "Flo and I feel welcome; Harold's son was rude though." in text
    kinds = table(doc, "Kind")
    assert ("Conflict", "0", "0", "1", "0", "1") in kinds.rows
    assert ("Ethical dilemma", "0", "1", "0", "0", "1") in kinds.rows
    assert "Options weighed: Let Siân go with Bryn; send a carer too; say no." in text
    assert "Decision: Visits from Gareth are supervised for now." in text
    assert "Lessons: Ask Harold first, not his son Gareth." in text
    assert "Changes to systems, procedures or practice: Money is never discussed" in text
    assert "Staff helped Florence ring Susan every Sunday." in text
    actions = table(doc, "Action and why")
    assert [row[0].split("\n")[0] for row in actions.rows] == [
        "Keyworker present when money is discussed",
        "Photos board in the lounge",
    ]
    assert actions.rows[0][1:5] == ("Amira Khan", "04/11/2026", "18/11/2026", "Under way (overdue)")
    assert actions.rows[1][4:] == ("Done 20/11/2026", "Up since 20/11; Susan Thompson loves it.")
    assert "1 action is overdue." in text
    pdf = pdf_text(doc)
    assert "Under way (overdue)" in pdf and "Photos board in the lounge" in pdf


def test_the_anonymised_pdf_names_nobody_even_inside_free_text(home: Home) -> None:
    doc = build_governance_report(home.ws, START, END)
    assert named_words(doc.text()) == set()
    pdf = pdf_text(doc)
    assert named_words(pdf) == set()
    assert "Bryn" not in pdf  # a key person too (Siân's brother)
    # residents become letters, the same one throughout; names in free text become [name]
    assert "Resident A" in pdf and "Resident B" in pdf and "Resident C" in pdf
    assert "[name] shouted at [name] about money; [name] saw it." in doc.text()
    assert "Ask [name] first, not his son [name]." in doc.text()
    assert "[name] and I feel welcome; [name]'s son was rude though." in doc.text()
    assert "Amira Khan" in pdf  # staff are not anonymised
    every = table(doc, "Raised")
    harold_label = next(row[1] for row in every.rows if row[2] == "Conflict")
    below = table(doc, "Resident")
    assert below.rows[0][0] == harold_label  # Harold is the same letter in every list
    # the charts are in the PDF with their text equivalents
    assert "Contact per week over the last year" in pdf and "Concerns raised in the period by kind" in pdf
    assert "The chart's figures, four weeks at a time" in pdf
    assert "were raised in the period about residents" in pdf


def test_the_named_report_shows_names(home: Home) -> None:
    doc = build_governance_report(home.ws, START, END, anonymised=False)
    pdf = pdf_text(doc)
    assert {"Florence", "Thompson", "Harold", "Lumb", "Gareth", "Okonkwo", "Susan"} <= named_words(pdf)
    assert "Gareth Okonkwo shouted at harold about money" in doc.text()
    assert doc.subject.endswith("named")


def test_only_managers_may_print_it_and_the_period_must_make_sense(home: Home, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    for role, name in ((Role.KEYWORKER, "bea"), (Role.SHIFT_LEAD, "sam")):
        ws = staff_workspace(role, name)
        with pytest.raises(PermissionDenied, match="cannot print the governance report"):
            build_governance_report(ws, START, END)
    with pytest.raises(ValidationError):
        build_governance_report(home.ws, END, START)


def test_the_anonymiser_replaces_whole_words_whatever_the_case_or_accents() -> None:
    anon = Anonymiser(["Siân", "Pryce", "O'Brien", "van der Berg", "Mary-Jane"], keep=["Sian Morgan"])
    assert anon("SIAN PRYCE met sian, Siân's friend O'Brien.") == "[name] met [name], [name]'s friend [name]."
    assert anon("Siany and Pryceless stay; obrien goes") == "Siany and Pryceless stay; [name] goes"
    assert anon("The van came; Berg and Mary waved") == "The van came; [name] and [name] waved"
    assert anon("Sian Morgan (staff) helped Siân") == "Sian Morgan (staff) helped [name]"
    assert anon("Siân (Pryce) Pryce") == "[name]"
    assert anon.resident("r1", "Siân Pryce") == "Resident A"
    assert anon.resident("r2", "X") == "Resident B"
    assert anon.resident("r1", "Siân Pryce") == "Resident A"
    named = Anonymiser(["Siân"], enabled=False)
    assert named("Siân") == "Siân" and named.resident("r1", "Siân Pryce") == "Siân Pryce"
