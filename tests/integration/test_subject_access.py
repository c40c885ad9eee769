"""Subject access export: every table that can refer to a person is covered, third parties are
withheld unless asked for, the files are private and audited, and the command line works."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, ForeignKey, MetaData, String, Table

from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.errors import NotFound, PermissionDenied, StorageError, ValidationError
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
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
from carelink_desktop.services import accounts, consent, key_people, links, residents
from carelink_desktop.services.access import unlock
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.storage.tables import Base
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident

DOCS = Path(__file__).resolve().parents[2] / "docs" / "SUBJECT_ACCESS.md"
PERSON_TABLES = {"resident", "key_person"}
PERSON_COLUMNS = {"resident_id", "key_person_id"}


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
    Table("carer_plan", md, Column("id", String, primary_key=True), Column("key_person_id", String))
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
    assert uncovered_tables(md, RECORD_TYPES) == ["carer_plan", "mood_score", "visit_attendee", "visit_note"]
    assert uncovered_tables(md, {*RECORD_TYPES, "visit_note"}) == [
        "carer_plan",
        "mood_score",
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
    links.link_key_person(manager, margaret.id, susan.id, "daughter")
    links.link_key_person(manager, margaret.id, tom.id, "neighbour")
    links.link_key_person(manager, arthur.id, susan.id, "friend")
    links.link_key_person(manager, arthur.id, rhys.id, "son")
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
    residents.view_resident(manager, margaret.id)
    residents.view_resident(manager, arthur.id)
    return {
        "margaret": margaret.id,
        "arthur": arthur.id,
        "quiet": quiet.id,
        "susan": susan.id,
        "tom": tom.id,
        "rhys": rhys.id,
    }


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
    assert set(data["records"]) == {"resident", "consent_record", "relationship", "audit_entry"}

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
    # Nothing about anybody else either (Arthur's consent, Rhys)
    for other in ("Trip out", "Arthur", "Rhys", "07700 900789", people["arthur"]):
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
    for kwargs in ({"resident_id": people["margaret"]}, {"key_person_id": people["susan"]}):
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
    assert set(data["records"]) == {"key_person", "relationship", "audit_entry"}
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
    assert {r["field"]: r["count"] for r in data["redactions"]} == {"relationship.resident.name": 2}
    actions = [a["action"] for a in data["records"]["audit_entry"]]
    assert actions == ["key_person_added", "key_person_linked", "key_person_linked"]
    text = json.dumps(data)
    for secret in ("Margaret", "Peggy", "Arthur", "Pryce", people["margaret"], people["arthur"], "Tom"):
        assert secret not in text, secret

    shown = collect_subject_data(manager, key_person_id=people["susan"], include_third_parties=True)
    names = sorted(r["resident"]["name"] for r in shown["records"]["relationship"])
    assert names == ["Arthur Pryce", "Margaret (Peggy) Jones"]


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
