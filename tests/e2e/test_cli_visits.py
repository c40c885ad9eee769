"""The real ``carelink`` command (in a subprocess) on a home with a day of contact: ``visits list``
prints a table or JSON with stable keys, free text exactly as typed, and filters by dates typed
either way; ``concerns list`` filters by state; ``report shift-summary`` and
``report visit-history`` write private, audited PDFs. Mistakes are one line on stderr with the
right exit code, and no file is written: an unknown resident (4), a date that is not one or a
shift that does not exist (64), a period that ends before it starts (7), a keyworker asking for
the shift summary (3), a folder that cannot be written (6)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from carelink_desktop.domain.roles import Role
from carelink_desktop.services.accounts import add_account
from tests.conftest import MANAGER, MANAGER_PASSWORD
from tests.integration.test_shift_summary_report import (
    AWKWARD,
    CONFLICT,
    ContactHome,
    add_contact_home,
    flat,
    pdf_text,
)

PASSWORD_IN = MANAGER_PASSWORD + "\n"
VISIT_KEYS = {
    "visit_id",
    "resident_id",
    "kind",
    "starts_at",
    "ends_at",
    "people",
    "supervision",
    "mood_before",
    "mood_after",
    "observations",
    "concerns",
    "open_follow_ups",
    "restriction_acknowledged",
}
CONCERN_KEYS = {
    "concern_id",
    "resident_id",
    "resident_name",
    "kind",
    "severity",
    "status",
    "description",
    "raised_on",
    "person",
    "reported_to",
    "visit_id",
    "raised_by",
}


def _as_manager(*args: str) -> tuple[str, ...]:
    return (*args, "--user", MANAGER, "--password-stdin")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the reports (tmp_path also holds the home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def home(manager) -> ContactHome:  # type: ignore[no-untyped-def]
    return add_contact_home(manager)


def test_visits_list_gives_json_with_stable_keys_and_the_text_exactly(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*_as_manager("visits", "list", "--resident", home.florence, "--json"), input=PASSWORD_IN)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows and all(set(r) == VISIT_KEYS for r in rows)
    assert [r["starts_at"] for r in rows] == sorted(r["starts_at"] for r in rows)  # oldest first
    (visit,) = [r for r in rows if r["visit_id"] == home.visit]
    assert visit["observations"] == AWKWARD  # quotes, line breaks and emoji as typed
    assert (visit["kind"], visit["supervision"], visit["mood_before"], visit["mood_after"]) == (
        "visit",
        "nearby",
        "anxious",
        "settled",
    )
    assert visit["starts_at"] == "2026-11-22T09:05:00" and visit["ends_at"] == "2026-11-22T10:20:00"
    assert (visit["people"], visit["concerns"], visit["open_follow_ups"]) == (
        "Susan Thompson (daughter)",
        1,
        1,
    )
    restricted = [r for r in rows if r["restriction_acknowledged"]]
    assert [r["people"] for r in restricted] == ["Peter Hughes (nephew)"]


def test_visits_list_filters_by_dates_typed_either_way(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    def days(*period: str) -> list[str]:
        result = cli(
            *_as_manager("visits", "list", "--resident", home.florence, "--json", *period), input=PASSWORD_IN
        )
        assert result.code == 0, result.err
        return [r["starts_at"][:10] for r in json.loads(result.out)]

    assert set(days("--from", "2026-11-22", "--to", "22/11/2026")) == {"2026-11-22"}
    assert len(days("--from", "2026-11-22", "--to", "22/11/2026")) == 2
    assert days("--from", "10/11/2026", "--to", "2026-11-14") == ["2026-11-10", "2026-11-13"]
    assert days("--to", "2026-10-24") == ["2026-10-23"]


def test_visits_list_prints_a_table(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        *_as_manager("visits", "list", "--resident", home.albert, "--from", "2026-11-22"), input=PASSWORD_IN
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["When", "Kind", "Who"]
    assert (
        "22/11/2026 10:30" in lines[2] and "Phone call" in lines[2] and "Dot rang for a chat 🙂" in lines[2]
    )
    assert "Late visit" in lines[3]
    assert lines[-1] == "2 contacts"


def test_visits_list_mistakes_are_one_clear_line(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    unknown = cli(*_as_manager("visits", "list", "--resident", "no-such-id"), input=PASSWORD_IN)
    assert unknown.code == 4 and "No resident has the ID 'no-such-id'" in unknown.err
    assert unknown.err.count("\n") == 1 and "Traceback" not in unknown.err
    bad = cli(*_as_manager("visits", "list", "--resident", home.florence, "--from", "31/02/2026"))
    assert bad.code == 64 and "'31/02/2026' is not a real date." in bad.err
    words = cli(*_as_manager("visits", "list", "--resident", home.florence, "--to", "yesterday"))
    assert words.code == 64 and "type it as yyyy-mm-dd or dd/mm/yyyy" in words.err
    backwards = cli(
        *_as_manager(
            "visits", "list", "--resident", home.florence, "--from", "2026-11-22", "--to", "2026-11-01"
        )
    )
    assert backwards.code == 7 and "--to is before --from" in backwards.err
    missing = cli("visits", "list", "--user", MANAGER)
    assert missing.code == 64 and "--resident" in missing.err


def test_concerns_list_filters_by_state_and_resident(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*_as_manager("concerns", "list", "--json"), input=PASSWORD_IN)
    assert result.code == 0, result.err
    (row,) = json.loads(result.out)
    assert set(row) == CONCERN_KEYS
    assert (row["kind"], row["severity"], row["status"], row["raised_on"]) == (
        "conflict",
        "medium",
        "open",
        "2026-11-22",
    )
    assert (row["resident_name"], row["person"], row["visit_id"]) == (
        "Florence Thompson",
        "Susan Thompson",
        home.visit,
    )
    closed = cli(*_as_manager("concerns", "list", "--json", "--status", "closed"), input=PASSWORD_IN)
    assert json.loads(closed.out) == []
    both = cli(
        *_as_manager("concerns", "list", "--json", "--status", "open", "--status", "in_hand"),
        input=PASSWORD_IN,
    )
    assert len(json.loads(both.out)) == 1
    albert = cli(*_as_manager("concerns", "list", "--json", "--resident", home.albert), input=PASSWORD_IN)
    assert json.loads(albert.out) == []
    unknown = cli(*_as_manager("concerns", "list", "--resident", "nobody"), input=PASSWORD_IN)
    assert unknown.code == 4 and "No resident has the ID 'nobody'" in unknown.err
    table = cli(*_as_manager("concerns", "list"), input=PASSWORD_IN)
    assert "Argument about money" in table.out and table.out.splitlines()[-1] == "1 concern, 1 not closed"
    wrong = cli(*_as_manager("concerns", "list", "--status", "finished"))
    assert wrong.code == 64 and "invalid choice" in wrong.err


def test_the_shift_summary_is_written_privately_and_audited(home: ContactHome, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "early.pdf"
    result = cli(
        *_as_manager(
            "report", "shift-summary", "--date", "22/11/2026", "--shift", "early", "--out", str(target)
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the shift visit summary (internal)" in result.out
    assert target.stat().st_mode & 0o077 == 0
    assert not [p for p in out_dir.iterdir() if p.name.startswith(".")]
    text = pdf_text(target.read_bytes())
    assert "Early shift, 07:00 to 14:00" in text and CONFLICT in text
    assert "\n".join(line for line in AWKWARD.split("\n") if line) in text
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    (entry,) = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert (entry["resident_id"], entry["subject_type"], entry["subject_id"]) == (
        None,
        "shift_summary",
        "2026-11-22 early",
    )
    assert json.loads(entry["details"]) == {
        "report": "shift_summary",
        "redaction": "internal",
        "file": "early.pdf",
        "date": "2026-11-22",
        "shift": "early",
    }


def test_a_keyworker_gets_no_shift_summary(home: ContactHome, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    add_account(
        home.ws, username="bea", full_name="Bea Test", role=Role.KEYWORKER, initial_password="Temporary pw 99"
    )
    target = out_dir / "x.pdf"
    result = cli(
        "report",
        "shift-summary",
        "--date",
        "2026-11-22",
        "--shift",
        "late",
        "--out",
        str(target),
        "--user",
        "bea",
        "--password-stdin",
        input="Temporary pw 99\n",
    )
    assert result.code == 3, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not target.exists() and not list(out_dir.iterdir())


def test_shift_summary_mistakes_write_nothing(home: ContactHome, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "x.pdf"
    args = ("report", "shift-summary", "--out", str(target))
    bad_shift = cli(*_as_manager(*args, "--date", "2026-11-22", "--shift", "evening"))
    assert bad_shift.code == 64 and "invalid choice: 'evening'" in bad_shift.err
    bad_date = cli(*_as_manager(*args, "--date", "2026-13-01", "--shift", "early"))
    assert bad_date.code == 64 and "'2026-13-01' is not a real date." in bad_date.err
    no_folder = cli(
        *_as_manager(
            "report",
            "shift-summary",
            "--date",
            "2026-11-22",
            "--shift",
            "early",
            "--out",
            str(out_dir / "no" / "x.pdf"),
        ),
        input=PASSWORD_IN,
    )
    assert no_folder.code == 7 and "does not exist" in no_folder.err
    assert not list(out_dir.iterdir())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/sys refuses new files on Linux")
def test_a_folder_that_cannot_be_written_is_one_clear_line(home: ContactHome, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        *_as_manager(
            "report", "shift-summary", "--date", "2026-11-22", "--shift", "early", "--out", "/sys/x.pdf"
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 6, result.err
    assert "could not save the shift visit summary" in result.err and "Nothing was changed" in result.err
    assert result.err.count("\n") == 1 and not Path("/sys/x.pdf").exists()


def test_the_visit_history_is_written_for_the_family_without_other_names(
    home: ContactHome, cli, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "history.pdf"
    result = cli(
        *_as_manager(
            "report",
            "visit-history",
            "--resident",
            home.florence,
            "--from",
            "01/11/2026",
            "--to",
            "2026-11-22",
            "--redaction",
            "family",
            "--out",
            str(target),
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the visit history (for the family)" in result.out
    text = flat(pdf_text(target.read_bytes()))
    assert "Florence Thompson" in text and "01/11/2026 to 22/11/2026" in text
    assert "Daughter" in text and "Chatted about the garden (21 days ago)" in text
    for left_out in (
        "Susan Thompson",
        "Peter Hughes",
        CONFLICT,
        "Argument about money",
        "under a restriction",
    ):
        assert left_out not in text, left_out
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    (entry,) = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert (entry["resident_id"], entry["subject_type"]) == (home.florence, "resident")
    assert json.loads(entry["details"]) == {
        "report": "visit_history",
        "redaction": "family",
        "file": "history.pdf",
    }


def test_visit_history_mistakes_write_nothing(home: ContactHome, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "x.pdf"
    unknown = cli(
        *_as_manager(
            "report", "visit-history", "--resident", "nobody", "--from", "2026-11-01", "--to", "2026-11-22"
        ),
        "--out",
        str(target),
        input=PASSWORD_IN,
    )
    assert unknown.code == 4 and "No resident has the ID 'nobody'" in unknown.err
    backwards = cli(
        *_as_manager(
            "report",
            "visit-history",
            "--resident",
            home.florence,
            "--from",
            "2026-11-22",
            "--to",
            "2026-11-01",
        ),
        "--out",
        str(target),
    )
    assert backwards.code == 7 and "--to is before --from" in backwards.err
    no_period = cli(
        *_as_manager("report", "visit-history", "--resident", home.florence, "--out", str(target))
    )
    assert no_period.code == 64 and "--from" in no_period.err
    assert not target.exists()
