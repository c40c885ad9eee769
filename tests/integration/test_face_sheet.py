"""Must hold: the face sheet shows a resident's key facts, consent and key people; the family copy
holds no contact details of other people and no staff notes (neither in the document nor in the
PDF's text); the professional copy marks sensitive text; the CLI writes an audited PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from carelink_desktop.domain.consent import (
    Capacity,
    ConsentDecision,
    ConsentDetails,
    ConsentTopic,
    DecidedBy,
)
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.residents import CommunicationMethod
from carelink_desktop.domain.roles import Role
from carelink_desktop.reports.document import Paragraph, Redaction, Table
from carelink_desktop.reports.face_sheet import build_face_sheet, contact_text, current_consents, review_text
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.consent import consents_for, record_consent
from carelink_desktop.services.key_people import add_key_person, archive_key_person
from carelink_desktop.services.links import link_key_person
from carelink_desktop.services.residents import admit_resident
from tests.conftest import MANAGER, MANAGER_PASSWORD, resident

TODAY = date(2026, 3, 2)
NOTES_MARKER = "NOTESMARKER-Q7"
PHONE_MARKER = "07700 900987"
EMAIL_MARKER = "huong.marker@example.org"
ADDRESS_MARKER = "ADDRMARKER Terrace"
KP_NOTES_MARKER = "KPNOTESMARKER-Z3"
ADVOCATE_MARKER = "ADVOCATEMARKER 01632 960111"
BEST_INTERESTS_MARKER = "BIMARKER-W5"
THIRD_PARTY = (PHONE_MARKER, EMAIL_MARKER, ADDRESS_MARKER, ADVOCATE_MARKER)
NEVER_SHOWN = (KP_NOTES_MARKER, BEST_INTERESTS_MARKER, "Archived Person")


@dataclass
class Rich:
    resident_id: str


def add_rich_resident(ws) -> Rich:  # type: ignore[no-untyped-def]
    """A resident with every field of the face sheet filled, key people and consent records."""
    ws.set_today_for_tests(TODAY)
    keyworker = add_account(
        ws,
        username="bogdan",
        full_name="Bogdan Łukasiewicz",
        role=Role.KEYWORKER,
        initial_password="Keyworker pass 1",
    )
    details = resident(
        "Gwenllian Siân",
        "ap Dafydd",
        preferred_name="Gwen",
        nhs_number="9434765919",
        room="7 (Garden wing)",
        date_of_birth=date(1938, 3, 7),
        first_language="Welsh",
        communication_needs="Hard of hearing on the left: sit on her right and speak clearly.",
        communication_methods=(CommunicationMethod.SPOKEN, CommunicationMethod.HEARING_AID),
        culture_and_background="Grew up on a farm near Llŷn; sang in the chapel choir.",
        faith_and_spirituality="Welsh Methodist; likes a visit from the minister on Sundays.",
        needs_advocate=True,
        advocate_details=ADVOCATE_MARKER,
        needs_interpreter=True,
        interpreter_language="Welsh",
        keyworker_id=keyworker.id,
        notes=f"{NOTES_MARKER}: upset after visits from her nephew; see the safeguarding file.",
    )
    rid = admit_resident(ws, details).id
    huong = add_key_person(
        ws,
        KeyPersonDetails(
            "Nguyễn Thị",
            "Hương",
            phone=PHONE_MARKER,
            email=EMAIL_MARKER,
            address=f"4 {ADDRESS_MARKER}\nCardiff CF10 1AA",
            preferred_contact=ContactMethod.PHONE,
            notes=KP_NOTES_MARKER,
        ),
    )
    link_key_person(ws, rid, huong.id, "daughter-in-law")
    tomasz = add_key_person(ws, KeyPersonDetails("Tomasz", "Wiśniewski", email="tomasz@example.org"))
    link_key_person(ws, rid, tomasz.id, "friend from Łódź")
    gone = add_key_person(ws, KeyPersonDetails("Archived", "Person", phone="07700 900555"))
    link_key_person(ws, rid, gone.id, "neighbour")
    archive_key_person(ws, gone.id, "moved away")
    record_consent(
        ws,
        rid,
        ConsentDetails(
            ConsentTopic.PHOTOGRAPHS, ConsentDecision.REFUSED, DecidedBy.RESIDENT, date(2024, 5, 1)
        ),
    )
    record_consent(
        ws,
        rid,
        ConsentDetails(
            ConsentTopic.PHOTOGRAPHS,
            ConsentDecision.GIVEN,
            DecidedBy.RESIDENT,
            date(2025, 6, 1),
            review_date=date(2026, 6, 1),
        ),
    )
    record_consent(
        ws,
        rid,
        ConsentDetails(
            ConsentTopic.SHARING_WITH_FAMILY,
            ConsentDecision.BEST_INTERESTS,
            DecidedBy.BEST_INTERESTS_MEETING,
            date(2025, 1, 10),
            decided_by_name="Best-interests meeting of 10/01/2025",
            capacity=Capacity.LACKS_CAPACITY,
            capacity_notes="Assessed by the GP.",
            best_interests_notes=BEST_INTERESTS_MARKER,
            review_date=date(2026, 1, 10),
        ),
    )
    return Rich(rid)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def rich(manager) -> Rich:  # type: ignore[no-untyped-def]
    return add_rich_resident(manager)


def test_internal_face_sheet_has_the_key_facts(manager, rich: Rich) -> None:  # type: ignore[no-untyped-def]
    doc = build_face_sheet(manager, rich.resident_id, Redaction.INTERNAL)
    text = doc.text()
    assert doc.title == "Resident face sheet"
    assert doc.subject == "Gwenllian Siân (Gwen) ap Dafydd"
    assert doc.home_name == "Rosewood House"
    assert doc.printed_by == "Amira Khan"
    assert doc.printed_at.tzinfo is not None
    for fact in (
        "Legal name: Gwenllian Siân ap Dafydd",
        "Preferred name: Gwen",
        "Date of birth: 07/03/1938 (age 87)",
        "Room: 7 (Garden wing)",
        "Admitted: 08/01/2024",
        "NHS number: 943 476 5919",
        "First language: Welsh",
        "Keyworker: Bogdan Łukasiewicz",
        "Interpreter: Needed for Welsh",
        "Ways of communicating: Spoken conversation; Hearing aid or loop",
        "Llŷn",
        "Welsh Methodist",
        f"Advocate: Needed: {ADVOCATE_MARKER}",
        NOTES_MARKER,
        PHONE_MARKER,
        EMAIL_MARKER,
        ADDRESS_MARKER,
        "Nguyễn Thị Hương | daughter-in-law",
        "Tomasz Wiśniewski | friend from Łódź",
    ):
        assert fact in text, fact
    for hidden in NEVER_SHOWN:
        assert hidden not in text


def test_consent_table_shows_current_decisions_and_overdue_reviews(manager, rich: Rich) -> None:  # type: ignore[no-untyped-def]
    doc = build_face_sheet(manager, rich.resident_id, Redaction.INTERNAL)
    consent = next(b for b in doc.blocks if isinstance(b, Table) and b.columns[0] == "Topic")
    assert consent.columns == ("Topic", "Decision", "Decided by", "Date", "Review by")
    photos = [r for r in consent.rows if r[0] == "Photographs"]
    assert photos == [("Photographs", "Consent given", "The resident", "01/06/2025", "01/06/2026")]
    sharing = next(r for r in consent.rows if r[0].startswith("Sharing information with family"))
    assert sharing[1] == "Best-interests decision"
    assert sharing[2] == "Best-interests meeting: Best-interests meeting of 10/01/2025"
    assert sharing[4] == "10/01/2026 (overdue)"
    assert "1 consent review is overdue" in doc.text()
    assert len(current_consents(consents_for(manager, rich.resident_id))) == 2


def test_review_text() -> None:
    assert review_text(None, TODAY) == ""
    assert review_text(date(2026, 3, 2), TODAY) == "02/03/2026"
    assert review_text(date(2026, 3, 1), TODAY) == "01/03/2026 (overdue)"


def test_family_copy_has_names_and_relationships_only(manager, rich: Rich, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = build_face_sheet(manager, rich.resident_id, Redaction.FAMILY)
    text = doc.text()
    rendered = pdf_text(render_pdf(doc), tmp_path)
    for where in (text, rendered):
        for secret in (*THIRD_PARTY, *NEVER_SHOWN, NOTES_MARKER, "900987", "safeguarding file"):
            assert secret not in where, secret
        assert "Nguyễn Thị Hương" in where
        assert "daughter-in-law" in where
        assert "Tomasz Wiśniewski" in where
        assert "Bogdan Łukasiewicz" in where
    people = next(b for b in doc.blocks if isinstance(b, Table) and b.columns[0] == "Name")
    assert people.columns == ("Name", "Relationship")
    assert "Advocate: Needed" in text
    assert not any(isinstance(b, Paragraph) and b.sensitive for b in doc.blocks)
    assert "For the family" in rendered


def test_professional_copy_marks_sensitive_notes(manager, rich: Rich, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = build_face_sheet(manager, rich.resident_id, Redaction.PROFESSIONAL)
    notes = [b for b in doc.blocks if isinstance(b, Paragraph) and NOTES_MARKER in b.text]
    assert notes and all(b.sensitive for b in notes)
    rendered = pdf_text(render_pdf(doc), tmp_path)
    assert "SENSITIVE" in rendered
    assert NOTES_MARKER in rendered
    assert PHONE_MARKER in rendered
    internal = pdf_text(render_pdf(build_face_sheet(manager, rich.resident_id, Redaction.INTERNAL)), tmp_path)
    assert NOTES_MARKER in internal
    assert "SENSITIVE" not in internal


def test_face_sheet_fits_on_one_page(manager, rich: Rich) -> None:  # type: ignore[no-untyped-def]
    from io import BytesIO

    from pypdf import PdfReader

    for redaction in Redaction:
        data = render_pdf(build_face_sheet(manager, rich.resident_id, redaction))
        assert len(PdfReader(BytesIO(data)).pages) == 1, redaction


def test_sparse_resident_says_what_is_not_recorded(manager) -> None:  # type: ignore[no-untyped-def]
    rid = admit_resident(manager, resident("Ann", "Lee")).id
    text = build_face_sheet(manager, rid, Redaction.INTERNAL).text()
    assert "NHS number: Not recorded" in text
    assert "Keyworker: None assigned" in text
    assert "No consent decisions recorded." in text
    assert "No key people recorded." in text


# -- the command line ------------------------------------------------------------------------


def test_cli_writes_an_audited_face_sheet(manager, rich: Rich, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "face sheet.pdf"
    result = cli(
        "report",
        "face-sheet",
        "--resident",
        rich.resident_id,
        "--out",
        str(target),
        "--user",
        MANAGER,
        "--password-stdin",
        "--redaction",
        "family",
        "--paper",
        "Letter",
        input=MANAGER_PASSWORD + "\n",
    )
    assert result.code == 0, result.err
    assert "For the family".lower() in result.out.lower()
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert PHONE_MARKER not in pdf_text(data, tmp_path)
    audit = cli("audit", "--user", MANAGER, "--password-stdin", "--json", input=MANAGER_PASSWORD + "\n")
    entries = json.loads(audit.out)
    exported = [e for e in entries if e["action"] == "report_exported"]
    assert len(exported) == 1
    assert exported[0]["resident_id"] == rich.resident_id
    assert json.loads(exported[0]["details"])["redaction"] == "family"


def test_cli_unknown_resident_is_one_line_exit_4(manager, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x.pdf"
    result = cli(
        "report",
        "face-sheet",
        "--resident",
        "no-such-id",
        "--out",
        str(target),
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
    )
    assert result.code == 4
    assert result.err.count("\n") == 1
    assert "no-such-id" in result.err
    assert "Traceback" not in result.err
    assert not target.exists()


def test_cli_report_needs_its_arguments(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "face-sheet", "--user", MANAGER)
    assert result.code == 64
    assert "--resident" in result.err


def test_contact_text_marks_the_preferred_way() -> None:
    person = KeyPersonDetails(
        "Tom",
        "Ellis",
        phone="07700 900123",
        email="tom@example.org",
        address="1 High St\nCardiff",
        preferred_contact=ContactMethod.PHONE,
    )
    assert contact_text(person) == "07700 900123 (prefers calls) · tom@example.org\n1 High St, Cardiff"
    assert contact_text(
        KeyPersonDetails("A", "B", email="a@example.org", preferred_contact=ContactMethod.EMAIL)
    ) == ("a@example.org (preferred)")
    assert (
        contact_text(KeyPersonDetails("A", "B", preferred_contact=ContactMethod.IN_PERSON))
        == "Prefers in person"
    )
    assert contact_text(KeyPersonDetails("A", "B")) == ""
