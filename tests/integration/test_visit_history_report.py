"""A resident's visit history on paper, through the real services on an encrypted home: the figures,
concerns, open follow-ups, the isolation signal and each contact in the period, oldest first,
with its detail; free text exactly as typed in the rendered PDF; the family copy names other
people only by relationship and leaves out staff notes, supervision, concerns, follow-ups and
anything about restrictions; the professional copy marks sensitive sections."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.reports.carer_plan_report import ANOTHER_RESIDENT, CONTACT_LEFT_OUT
from carelink_desktop.reports.document import (
    Heading,
    KeyFacts,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    Table,
)
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.reports.visit_history_report import FAMILY_NOTICE, build_visit_history
from carelink_desktop.services.visits import record_visit
from tests.integration.test_shift_summary_report import (
    AWKWARD,
    CONFLICT,
    TODAY,
    ContactHome,
    add_contact_home,
    assert_exact_in_pdf,
    at,
    blocks_after,
    flat,
    pdf_text,
)

START = date(2026, 11, 1)
GOSSIP = "Albert Nwosu popped in to say hello; Susan left her number, 07700 900123, for the GP"


@pytest.fixture
def home(manager) -> ContactHome:  # type: ignore[no-untyped-def]
    home = add_contact_home(manager)
    record_visit(
        manager,
        home.florence,
        VisitDetails(VisitKind.VISIT, at(TODAY - timedelta(days=3), 16), (home.susan,), observations=GOSSIP),
    )
    return home


def history(home: ContactHome, redaction: Redaction = Redaction.INTERNAL) -> ReportDocument:
    return build_visit_history(home.ws, home.florence, START, TODAY, redaction)


def contact_facts(doc: ReportDocument) -> dict[str, dict[str, str]]:
    """Each contact's heading -> its facts (all its KeyFacts together)."""
    found: dict[str, dict[str, str]] = {}
    current = ""
    for block in blocks_after(doc, "Each contact"):
        if isinstance(block, Heading):
            current = block.text
            found[current] = {}
        elif isinstance(block, KeyFacts):
            found[current].update(block.items)
    return found


def test_the_history_has_the_figures_and_each_contact_oldest_first(home: ContactHome) -> None:
    doc = history(home)
    assert doc.title == "Visit history" and doc.subject == "Florence Thompson"
    about = dict(next(b for b in doc.blocks if isinstance(b, KeyFacts)).items)
    assert about["Period"] == "01/11/2026 to 22/11/2026"
    assert about["Contact recorded"] == "9 contacts: 6 visits in the home, 3 phone calls"
    assert (about["Concerns raised"], about["Follow-ups open"]) == ("1", "2")
    by_kind, by_person = [b for b in blocks_after(doc, "Contact in figures") if isinstance(b, Table)]
    assert by_kind.rows == (("Visit in the home", "6", "22/11/2026"), ("Phone call", "3", "13/11/2026"))
    assert by_person.rows == (
        ("Susan Thompson (daughter)", "8", "22/11/2026"),
        ("Peter Hughes (nephew)", "1", "22/11/2026"),
    )
    headings = list(contact_facts(doc))
    assert headings[0] == "Sunday 01/11/2026, 15:00 · Phone call"
    assert headings[-2:] == [
        "Sunday 22/11/2026, 09:05–10:20 · Visit in the home",
        "Sunday 22/11/2026, 11:00 · Visit in the home",
    ]
    assert "Friday 30/10/2026" not in " ".join(headings)  # before the period


def test_each_contact_has_its_detail_and_only_the_restriction_mark(home: ContactHome) -> None:
    doc = history(home)
    facts = contact_facts(doc)
    visit = facts["Sunday 22/11/2026, 09:05–10:20 · Visit in the home"]
    assert visit["Who"] == "Susan Thompson (daughter)" and visit["Where"] == "Garden room"
    assert visit["Supervision"] == "Staff nearby" and visit["Mood"] == "Anxious → Settled"
    assert visit["How it went"] == AWKWARD and visit["Signs of conflict"] == CONFLICT
    assert visit["Other notes"] == "Susan is worried about the fees"
    assert visit["Concerns raised"].startswith("Conflict, medium: Argument about money (open)")
    assert visit["Follow-ups"] == "Call Susan back about the fees — Shift lead, due 23/11/2026"
    assert visit["Recorded by"] == "Amira Khan"
    restricted = facts["Sunday 22/11/2026, 11:00 · Visit in the home"]
    assert restricted["Restriction"].startswith("Contact with someone under a restriction")
    assert "No unsupervised contact" not in doc.text() and "Court of Protection" not in doc.text()
    (follow,) = [b for b in blocks_after(doc, "Follow-ups still open") if isinstance(b, Table)]
    assert [r[0] for r in follow.rows] == ["Order a new photo frame", "Call Susan back about the fees"]
    (wishes,) = [
        b for b in blocks_after(doc, "Keeping in touch as the resident wishes") if isinstance(b, Table)
    ]
    rows = {r[0]: r for r in wishes.rows}
    assert rows["Susan Thompson (daughter)"][1].startswith("Visits: wished every week; last 22/11/2026")
    assert rows["Peter Hughes (nephew)"][1] == "Phone calls: wished every month; no contact recorded yet"


def test_the_rendered_pdf_holds_the_free_text_exactly(home: ContactHome, tmp_path: Path) -> None:
    data = render_pdf(history(home))
    assert_exact_in_pdf(AWKWARD, data, tmp_path)
    text = flat(pdf_text(data))
    for expected in ("CONFIDENTIAL", "Visit history", "Florence Thompson", "Argument about money", GOSSIP):
        assert expected in text, expected
    assert "\x00" not in pdf_text(data)


def test_the_family_copy_names_people_by_relationship_and_leaves_out_staff_work(
    home: ContactHome, tmp_path: Path
) -> None:
    doc = history(home, Redaction.FAMILY)
    text = doc.text()
    assert isinstance(doc.blocks[0], Note) and doc.blocks[0].text == FAMILY_NOTICE
    for left_out in (
        "Susan Thompson",
        "Peter Hughes",
        "Albert Nwosu",
        "07700 900123",
        CONFLICT,
        "Offered tea",
        "worried about the fees",
        "Argument about money",
        "Call Susan back",
        "Staff nearby",
        "under a restriction",
        "Recorded by",
        "Concerns raised",
        "Follow-ups",
    ):
        assert left_out not in text, left_out
    facts = contact_facts(doc)
    visit = facts["Sunday 22/11/2026, 09:05–10:20 · Visit in the home"]
    assert visit == {
        "Who": "Daughter",
        "Where": "Garden room",
        "Mood": "Anxious → Settled",
        "How it went": AWKWARD,
    }
    assert facts["Sunday 22/11/2026, 11:00 · Visit in the home"]["Who"] == "Nephew"
    gossip = facts["Thursday 19/11/2026, 16:00 · Visit in the home"]["How it went"]
    assert gossip == (
        f"{ANOTHER_RESIDENT} popped in to say hello; Susan left her number, {CONTACT_LEFT_OUT}, for the GP"
    )
    _by_kind, by_relationship = [b for b in blocks_after(doc, "Contact in figures") if isinstance(b, Table)]
    assert by_relationship.columns[0] == "Relationship"
    assert by_relationship.rows == (("Daughter", "8", "22/11/2026"), ("Nephew", "1", "22/11/2026"))
    (wishes,) = [
        b for b in blocks_after(doc, "Keeping in touch as the resident wishes") if isinstance(b, Table)
    ]
    assert {r[0] for r in wishes.rows} == {"Daughter", "Nephew"}
    rendered = flat(pdf_text(render_pdf(doc)))
    assert "Susan Thompson" not in rendered and "Daughter" in rendered
    assert_exact_in_pdf(AWKWARD, render_pdf(doc), tmp_path)


def test_the_professional_copy_marks_sensitive_sections(home: ContactHome) -> None:
    doc = history(home, Redaction.PROFESSIONAL)
    sensitive = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.sensitive]
    assert f"Signs of conflict: {CONFLICT}" in sensitive
    assert "Other notes: Susan is worried about the fees" in sensitive
    assert any(s.startswith("Concerns raised: Conflict, medium") for s in sensitive)
    visit = contact_facts(doc)["Sunday 22/11/2026, 09:05–10:20 · Visit in the home"]
    assert visit["How it went"] == AWKWARD and "Signs of conflict" not in visit
    assert visit["Follow-ups"].startswith("Call Susan back")
    assert "SENSITIVE — share only as the law allows" in flat(pdf_text(render_pdf(doc)))


def test_an_empty_period_says_so_and_a_wrong_one_is_refused(home: ContactHome) -> None:
    ws = home.ws
    doc = build_visit_history(ws, home.florence, date(2024, 1, 1), date(2024, 1, 31), Redaction.INTERNAL)
    assert "No contact was recorded from 01/01/2024 to 31/01/2024." in doc.text()
    about = dict(next(b for b in doc.blocks if isinstance(b, KeyFacts)).items)
    assert about["Contact recorded"] == "0 contacts"
    assert "No concerns were raised in the period." in flat(pdf_text(render_pdf(doc)))
    one_day = build_visit_history(ws, home.florence, TODAY, TODAY, Redaction.INTERNAL)
    assert len(contact_facts(one_day)) == 2  # the end day is included
    with pytest.raises(ValidationError):
        build_visit_history(ws, home.florence, TODAY, START, Redaction.INTERNAL)
    with pytest.raises(NotFound):
        build_visit_history(ws, "no-such-id", START, TODAY, Redaction.INTERNAL)
