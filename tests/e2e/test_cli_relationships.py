"""The real ``carelink`` command (in a subprocess) on a home with a rich relationship map:
``report relationship-profile`` writes a private, audited PDF; ``relationships list`` prints a
table or JSON with stable keys; an unknown resident is one line on stderr and exit code 4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carelink_desktop.reports.relationship_profile import KIND
from tests.conftest import MANAGER, MANAGER_PASSWORD
from tests.integration.test_relationship_profile import (
    LEGAL_BASIS,
    WHAT_RESTRICTED,
    Profile,
    add_profile_resident,
    flat,
    pdf_pages,
)

JSON_KEYS = {
    "relationship_id",
    "key_person_id",
    "key_person_name",
    "relationship",
    "reverse_relationship",
    "category",
    "circle",
    "quality",
    "next_of_kin",
    "primary_next_of_kin",
    "attorney_powers",
    "essential_care_supporter",
    "contact_wishes",
    "started_on",
    "ended_on",
    "restricted",
}
PASSWORD_IN = MANAGER_PASSWORD + "\n"


def _as_manager(*args: str) -> tuple[str, ...]:
    return (*args, "--user", MANAGER, "--password-stdin")


@pytest.fixture
def profile(manager) -> Profile:  # type: ignore[no-untyped-def]
    return add_profile_resident(manager)


def test_cli_writes_an_audited_relationship_profile(profile: Profile, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "profile.pdf"
    result = cli(
        *_as_manager("report", "relationship-profile", "--resident", profile.resident_id),
        "--out",
        str(target),
        "--redaction",
        "family",
        "--paper",
        "Letter",
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the relationship profile (for the family)" in result.out
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    text = flat(" ".join(pdf_pages(target.read_bytes())))
    for name in profile.names:
        assert name in text
    for secret in (LEGAL_BASIS, WHAT_RESTRICTED, "Restricted"):
        assert secret not in text
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    exported = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert len(exported) == 1 and exported[0]["resident_id"] == profile.resident_id
    assert json.loads(exported[0]["details"]) == {
        "report": KIND,
        "redaction": "family",
        "file": "profile.pdf",
    }


def test_cli_relationship_profile_refuses_an_unknown_resident_and_a_folder(
    manager, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x.pdf"
    result = cli(
        *_as_manager("report", "relationship-profile", "--resident", "no-such-id", "--out", str(target)),
        input=PASSWORD_IN,
    )
    assert result.code == 4, result.err
    assert "No resident has the ID 'no-such-id'" in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err and not target.exists()
    result = cli(
        *_as_manager("report", "relationship-profile", "--resident", "x", "--out", str(tmp_path)),
        input=PASSWORD_IN,
    )
    assert result.code == 7 and "is a folder" in result.err
    result = cli("report", "relationship-profile", "--user", MANAGER)
    assert result.code == 64 and "--resident" in result.err


def test_cli_face_sheet_still_writes_through_the_shared_helper(profile: Profile, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "face.pdf"
    result = cli(
        *_as_manager("report", "face-sheet", "--resident", profile.resident_id, "--out", str(target)),
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the face sheet (internal)" in result.out
    assert "Susan Hughes" in flat(" ".join(pdf_pages(target.read_bytes())))


def test_cli_lists_relationships_as_json_with_stable_keys(profile: Profile, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        *_as_manager("relationships", "list", "--resident", profile.resident_id, "--json"), input=PASSWORD_IN
    )
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert all(set(row) == JSON_KEYS for row in rows)
    by_name = {row["key_person_name"]: row for row in rows}
    assert set(by_name) == {*profile.names, profile.ended_name}
    sue = by_name["Susan Hughes"]
    assert (sue["category"], sue["circle"], sue["quality"]) == ("family", 1, "positive")
    assert sue["primary_next_of_kin"] and sue["next_of_kin"] and sue["essential_care_supporter"]
    assert sue["attorney_powers"] == ["health_and_welfare"]
    assert sue["contact_wishes"] == [
        {"method": "visits", "frequency": "weekly", "notes": ""},
        {"method": "phone", "frequency": "daily", "notes": ""},
    ]
    assert by_name["Tomasz Wiśniewski"]["restricted"] and not sue["restricted"]
    assert by_name[profile.ended_name]["ended_on"] == "2026-06-01"
    assert rows[-1]["key_person_name"] == profile.ended_name  # ended relationships last


def test_cli_lists_relationships_as_a_table(profile: Profile, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*_as_manager("relationships", "list", "--resident", profile.resident_id), input=PASSWORD_IN)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "Name",
        "Relationship",
        "Circle",
        "How",
        "it",
        "is",
        "going",
        "Keeps",
        "in",
        "touch",
        "Marks",
        "Ended",
    ]
    sue = next(line for line in lines if line.startswith("Susan Hughes"))
    assert (
        "daughter" in sue and "Visits: every week; Phone calls: every day" in sue and "NOK (primary)" in sue
    )
    tom = next(line for line in lines if line.startswith("Tomasz"))
    assert "Strained" in tom and "Restricted" in tom
    assert "01/06/2026" in next(line for line in lines if line.startswith(profile.ended_name))
    assert lines[-1] == "Margaret (Peggy) Jones: 4 people on the map, 1 ended"


def test_cli_relationships_of_an_unknown_resident(manager, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*_as_manager("relationships", "list", "--resident", "no-such-id"), input=PASSWORD_IN)
    assert result.code == 4
    assert result.err == (
        "carelink: No resident has the ID 'no-such-id': "
        "list the IDs with 'carelink residents list --status all --json'.\n"
    )
    assert result.out == ""
