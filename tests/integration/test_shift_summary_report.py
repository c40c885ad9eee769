"""The shift visit summary on paper, through the real services on an encrypted home: the shift's
hours, each contact in time order with its detail, concerns, follow-ups due (overdue marked),
bookings that did not happen, visitors still signed in and the handover lines, in the document
and in the rendered PDF; free text with quotes, line breaks and emoji comes out of the PDF
exactly as typed; an empty shift says so; keyworkers may not print it."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, Severity
from carelink_desktop.domain.errors import PermissionDenied
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedVisitDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.reports.document import (
    Heading,
    KeyFacts,
    Paragraph,
    Redaction,
    ReportDocument,
    SignatureLines,
    Table,
)
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.reports.shift_summary_report import (
    NO_CONCERNS,
    NO_CONTACT,
    NO_FOLLOW_UPS,
    NOBODY_SIGNED_IN,
    HandoverLines,
    build_shift_summary,
)
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import RESTRICTIONS
from carelink_desktop.services.planned_visits import book_visit, cancel_booking, did_not_come, sign_in
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visits import record_visit
from carelink_desktop.services.workspace import Workspace
from tests.conftest import resident

TODAY = date(2026, 11, 22)  # a Sunday
#: Free text as staff and families type it: quotes, an apostrophe, a dash, line breaks, a blank
#: line, accents, emoji DejaVu has (😀 ☕), emoji only the fallback font has (🎉 🌹 👍) and one
#: no font has (🥰).
AWKWARD = 'She said "it\'s lovely" — and then:\nline two\n\n😀 café ☕ 🎉🌹 👍 🥰'
CONFLICT = "Raised voices about money"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@dataclass(frozen=True)
class ContactHome:
    ws: Workspace
    florence: str
    albert: str
    susan: str  # Florence's daughter (a relationship id)
    peter: str  # Florence's nephew, under a restriction on contact
    friend: str  # Albert's friend Dot
    visit: str  # the 09:00 visit of the early shift


def add_contact_home(ws: Workspace) -> ContactHome:
    """Florence (room 12) and Albert (room 3) with a day of contact on 22/11/2026: in the early
    shift a visit from Susan (awkward text, a concern, a follow-up), a call for Albert, a
    supervised visit from Peter (restricted), bookings cancelled, not come and still waiting,
    Susan's sister still signed in; a follow-up overdue from last week; a visit in the late
    shift; and a month of earlier contact for the history."""
    ws.set_today_for_tests(TODAY)
    florence = admit_resident(
        ws, resident("Florence", "Thompson", room="12", admission_date=date(2025, 1, 6))
    )
    albert = admit_resident(ws, resident("Albert", "Nwosu", room="3", admission_date=date(2025, 3, 1)))
    susan = add_key_person(ws, KeyPersonDetails("Susan", "Thompson", phone="07700 900111"))
    peter = add_key_person(ws, KeyPersonDetails("Peter", "Hughes"))
    dot = add_key_person(ws, KeyPersonDetails("Dot", "Evans"))
    weekly = (ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),)
    daughter = relate(
        ws, florence.id, susan.id, RelationshipDetails("daughter", Category.FAMILY, contact_wishes=weekly)
    )
    nephew = relate(
        ws,
        florence.id,
        peter.id,
        RelationshipDetails(
            "nephew", Category.FAMILY, contact_wishes=(ContactWish(KeepInTouch.PHONE, Frequency.MONTHLY),)
        ),
    )
    friend = relate(ws, albert.id, dot.id, RelationshipDetails("friend", Category.FRIEND))
    add_record(
        ws,
        RESTRICTIONS,
        florence.id,
        RestrictionDetails(
            RestrictionKind.COURT_ORDER,
            "No unsupervised contact",
            TODAY - timedelta(days=30),
            TODAY + timedelta(days=60),
            relationship_id=nephew.id,
            legal_basis="Court of Protection order 2026",
            less_restrictive_options="Supervised visits considered",
            decided_with="Best interests meeting",
            how_resident_told="Keyworker explained",
            how_person_told="Letter from the manager",
        ),
    )
    # a month of earlier contact, and last week's visit with a follow-up now overdue
    for days in range(30, 7, -3):
        record_visit(
            ws,
            florence.id,
            VisitDetails(
                VisitKind.PHONE if days % 2 else VisitKind.VISIT,
                at(TODAY - timedelta(days=days), 15),
                (daughter.id,),
                observations=f"Chatted about the garden ({days} days ago)",
                mood_after=Mood.HAPPY,
            ),
        )
    record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY - timedelta(days=6), 14),
            (daughter.id,),
            observations="Looked at photos",
            follow_ups=(FollowUp("Order a new photo frame", TODAY - timedelta(days=2), "Bea"),),
        ),
    )
    # the early shift
    still_in = book_visit(
        ws,
        florence.id,
        PlannedVisitDetails(
            VisitKind.VISIT, at(TODAY, 9), (daughter.id,), other_visitors="Jean (Susan's sister)"
        ),
    )
    sign_in(ws, still_in.id, at=at(TODAY, 9, 5))
    visit = record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 9, 5),
            (daughter.id,),
            ends_at=at(TODAY, 10, 20),
            location="Garden room",
            supervision=Supervision.NEARBY,
            mood_before=Mood.ANXIOUS,
            mood_after=Mood.SETTLED,
            observations=AWKWARD,
            conflict_signs=CONFLICT,
            intervention="Offered tea and a quieter room",
            notes="Susan is worried about the fees",
            follow_ups=(FollowUp("Call Susan back about the fees", TODAY + timedelta(days=1), "Shift lead"),),
        ),
    )
    add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(
            ConcernKind.CONFLICT,
            Severity.MEDIUM,
            "Argument about money",
            TODAY,
            relationship_id=daughter.id,
            visit_id=visit.id,
            reported_to="Amira Khan (manager)",
            reported_on=TODAY,
        ),
    )
    record_visit(
        ws,
        albert.id,
        VisitDetails(
            VisitKind.PHONE,
            at(TODAY, 10, 30),
            (friend.id,),
            observations="Dot rang for a chat 🙂",
            mood_after=Mood.HAPPY,
            follow_ups=(FollowUp("Post Dot the Christmas card", TODAY, "Ola"),),
        ),
    )
    record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 11),
            (nephew.id,),
            supervision=Supervision.PRESENT,
            observations="Short visit, polite",
            restriction_acknowledged=True,
        ),
    )
    cancelled = book_visit(ws, albert.id, PlannedVisitDetails(VisitKind.VISIT, at(TODAY, 12), (friend.id,)))
    cancel_booking(ws, cancelled.id, "Dot has a cold")
    missed = book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.VIDEO, at(TODAY, 13), (daughter.id,)))
    did_not_come(ws, missed.id, "No answer on the tablet")
    book_visit(ws, albert.id, PlannedVisitDetails(VisitKind.PHONE, at(TODAY, 13, 30), (friend.id,)))
    # the late shift: not in the early summary
    record_visit(
        ws, albert.id, VisitDetails(VisitKind.VISIT, at(TODAY, 15), (friend.id,), observations="Late visit")
    )
    return ContactHome(ws, florence.id, albert.id, daughter.id, nephew.id, friend.id, visit.id)


@pytest.fixture
def contact_home(manager) -> ContactHome:  # type: ignore[no-untyped-def]
    return add_contact_home(manager)


def pdf_text(data: bytes) -> str:
    """The text of every page, as pypdf extracts it."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def layout_text(data: bytes, tmp_path: Path) -> str:
    """The text of every page as pdftotext lays it out (blank lines kept)."""
    pdf = tmp_path / "layout.pdf"
    pdf.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def assert_exact_in_pdf(text: str, data: bytes, tmp_path: Path) -> None:
    """``text`` comes out of the PDF character for character: its lines, in order and whole
    (pypdf), and its blank lines where they were (pdftotext's layout)."""
    lines = text.split("\n")
    assert "\n".join(line for line in lines if line) in pdf_text(data)
    laid_out = [line.strip() for line in layout_text(data, tmp_path).splitlines()]
    for i in range(len(laid_out) - len(lines) + 1):
        if [line.endswith(want) for line, want in zip(laid_out[i:], lines, strict=False)] == [True] * len(
            lines
        ):
            return
    raise AssertionError(f"{text!r} is not laid out whole in the PDF")


def blocks_after(doc: ReportDocument, heading: str) -> list[object]:
    """The blocks from the level-1 heading ``heading`` to the next level-1 heading."""
    blocks = list(doc.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    rest = blocks[start + 1 :]
    end = next((i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level == 1), len(rest))
    return rest[:end]


def test_the_summary_has_the_shift_and_each_contact_in_time_order(contact_home: ContactHome) -> None:
    doc = build_shift_summary(contact_home.ws, TODAY, Shift.EARLY)
    assert doc.title == "Shift visit summary" and doc.subject == "Early shift, 22/11/2026"
    assert doc.home_name == "Rosewood House" and doc.printed_by == "Amira Khan"
    about = dict(next(b for b in doc.blocks if isinstance(b, KeyFacts)).items)
    assert about["Date"] == "Sunday 22/11/2026"
    assert about["Shift"] == "Early shift, 07:00 to 14:00"
    assert about["Contact recorded"] == "3 contacts: 2 visits in the home, 1 phone call"
    assert about["Follow-ups due"] == "2 follow-ups, 1 overdue"  # due by the end of the day
    contacts = [b.text for b in blocks_after(doc, "Contact this shift") if isinstance(b, Heading)]
    assert contacts == [
        "09:05–10:20 · Florence Thompson (room 12) · Visit in the home",
        "10:30 · Albert Nwosu (room 3) · Phone call",
        "11:00 · Florence Thompson (room 12) · Visit in the home",
    ]
    first = next(b for b in blocks_after(doc, "Contact this shift") if isinstance(b, KeyFacts))
    facts = dict(first.items)
    assert facts["Who"] == "Susan Thompson (daughter)"
    assert facts["Supervision"] == "Staff nearby" and facts["Mood"] == "Anxious → Settled"
    assert facts["How it went"] == AWKWARD and facts["Signs of conflict"] == CONFLICT
    assert facts["What staff did"] == "Offered tea and a quieter room"
    assert facts["Concerns raised"] == (
        "Conflict, medium: Argument about money\nReported to: Amira Khan (manager)"
    )
    assert facts["Follow-ups"] == "Call Susan back about the fees — Shift lead, due 23/11/2026"
    restricted = [b for b in blocks_after(doc, "Contact this shift") if isinstance(b, KeyFacts)][2]
    assert dict(restricted.items)["Restriction"].startswith("Contact with someone under a restriction")
    assert "No unsupervised contact" not in doc.text()  # never the restriction's details
    assert "Late visit" not in doc.text()


def test_concerns_follow_ups_bookings_and_visitors_have_their_sections(contact_home: ContactHome) -> None:
    doc = build_shift_summary(contact_home.ws, TODAY, Shift.EARLY)
    (concerns,) = [b for b in blocks_after(doc, "Concerns raised this shift") if isinstance(b, Table)]
    assert concerns.rows == (
        ("Florence Thompson", "Conflict", "Medium", "Argument about money", "Amira Khan (manager)", "Open"),
    )
    follow = blocks_after(doc, "Follow-ups due")
    assert "1 follow-up is overdue." in [getattr(b, "text", "") for b in follow]
    (table,) = [b for b in follow if isinstance(b, Table)]
    assert [(r[1], r[3]) for r in table.rows] == [
        ("Order a new photo frame", "20/11/2026 (overdue)"),
        ("Post Dot the Christmas card", "22/11/2026"),
    ]
    (missed,) = [b for b in blocks_after(doc, "Bookings that did not happen") if isinstance(b, Table)]
    assert [(r[0], r[1], r[4]) for r in missed.rows] == [
        ("12:00", "Albert Nwosu (room 3)", "Cancelled: Dot has a cold"),
        ("13:00", "Florence Thompson (room 12)", "Did not come: No answer on the tablet"),
        ("13:30", "Albert Nwosu (room 3)", "Still booked"),
    ]
    (inside,) = [b for b in blocks_after(doc, "Visitors still signed in") if isinstance(b, Table)]
    assert inside.rows == (("Florence Thompson (room 12)", "Susan Thompson, Jean (Susan's sister)", "09:05"),)
    (lines,) = [b for b in doc.blocks if isinstance(b, SignatureLines)]
    assert isinstance(lines, HandoverLines)
    assert lines.labels == ("Handed over by", "Received by")
    assert lines.captions == ("Name", "Signature", "Time")


def test_the_rendered_pdf_holds_everything_and_the_free_text_exactly(
    contact_home: ContactHome, tmp_path: Path
) -> None:
    data = render_pdf(build_shift_summary(contact_home.ws, TODAY, Shift.EARLY))
    text = flat(pdf_text(data))
    for expected in (
        "CONFIDENTIAL",
        "Rosewood House",
        "Shift visit summary",
        "Early shift, 07:00 to 14:00",
        "Florence Thompson (room 12) · Visit in the home",
        "Anxious → Settled",
        CONFLICT,
        "Argument about money",
        "20/11/2026 (overdue)",
        "Did not come: No answer on the tablet",
        "Handed over by",
        "Received by",
        "Time",
        "Dot rang for a chat 🙂",
    ):
        assert expected in text, expected
    assert_exact_in_pdf(AWKWARD, data, tmp_path)
    assert "\x00" not in pdf_text(data)  # no character lost to a missing glyph


def test_every_font_is_embedded_and_emoji_have_a_font_that_draws_them(
    contact_home: ContactHome, tmp_path: Path
) -> None:
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(render_pdf(build_shift_summary(contact_home.ws, TODAY, Shift.EARLY)))
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = {line.split()[0].split("+")[-1]: line.split()[-5] for line in out.splitlines()[2:]}
    assert fonts["Symbola"] == "yes" and fonts["DejaVuSans"] == "yes"
    assert set(fonts.values()) == {"yes"}


def test_a_night_shift_runs_past_midnight(contact_home: ContactHome) -> None:
    ws = contact_home.ws
    record_visit(
        ws,
        contact_home.albert,
        VisitDetails(
            VisitKind.PHONE, at(TODAY, 23, 40), (contact_home.friend,), observations="Could not sleep"
        ),
    )
    doc = build_shift_summary(ws, TODAY - timedelta(days=1), Shift.NIGHT)
    about = dict(next(b for b in doc.blocks if isinstance(b, KeyFacts)).items)
    assert about["Shift"] == "Night shift, 21:00 to 07:00 on Sunday 22/11/2026"
    tonight = build_shift_summary(ws, TODAY, Shift.NIGHT)
    headings = [b.text for b in blocks_after(tonight, "Contact this shift") if isinstance(b, Heading)]
    assert headings == ["23:40 · Albert Nwosu (room 3) · Phone call"]


def test_an_empty_shift_says_so_in_every_section(manager, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    doc = build_shift_summary(manager, TODAY, Shift.LATE)
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert NO_CONTACT in paragraphs
    empty = {b.empty_text for b in doc.blocks if isinstance(b, Table) and not b.rows}
    assert {NO_CONCERNS, NO_FOLLOW_UPS, NOBODY_SIGNED_IN} <= empty
    text = flat(pdf_text(render_pdf(doc)))
    for sentence in (NO_CONTACT, NO_CONCERNS, NO_FOLLOW_UPS, NOBODY_SIGNED_IN):
        assert sentence in text


def test_a_keyworker_may_not_print_the_summary(contact_home: ContactHome, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    with pytest.raises(PermissionDenied):
        build_shift_summary(keyworker, TODAY, Shift.EARLY)
    lead = staff_workspace(Role.SHIFT_LEAD, "sam")
    lead.set_today_for_tests(TODAY)
    assert build_shift_summary(lead, TODAY, Shift.EARLY).printed_by == "Sam Test"


def test_emoji_anywhere_on_the_page_come_out_exactly(tmp_path: Path) -> None:
    """The page header and footer, table cells and headings use the fallback font too; a
    character no font has (🥰) is drawn as a box but still copied as itself."""
    doc = ReportDocument(
        title="Shift visit summary",
        subject="Early shift 🌅",
        home_name="Tŷ Gwyn 🏡 Care Home",
        printed_by="Amira 🎉 Khan",
        printed_at=datetime(2026, 11, 22, 14, 5),
        redaction=Redaction.INTERNAL,
        blocks=(
            Heading("Birthday 🎂 tea"),
            Table(("Who", "Note"), (("Dot 🌹", "short 👍"), ("Jo", AWKWARD))),
            KeyFacts((("Mood", "😀 → 🙂"),)),
        ),
    )
    data = render_pdf(doc)
    lines = pdf_text(data).splitlines()
    for expected in (
        "Tŷ Gwyn 🏡 Care Home",
        "Printed by Amira 🎉 Khan on 22/11/2026 at 14:05",
        "Birthday 🎂 tea",
        "Dot 🌹",
        "short 👍",
        "😀 → 🙂",
    ):
        assert expected in lines, expected
    assert any(line.endswith("Early shift 🌅") for line in lines)
    assert_exact_in_pdf(AWKWARD, data, tmp_path)
