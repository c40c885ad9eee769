"""``carelink report governance`` (the real command, in a subprocess) on the small home of
``test_governance_report``: it writes a real, private, audited PDF, anonymised unless --named;
dates typed either way; a keyworker or shift lead is refused (3) and bad dates or a period that
ends before it starts are one clear line (64, 7), with no file written."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from carelink_desktop.domain.roles import Role
from carelink_desktop.services.accounts import add_account
from tests.conftest import MANAGER, MANAGER_PASSWORD
from tests.integration.test_governance_report import Home, add_governance_home, named_words

PASSWORD_IN = MANAGER_PASSWORD + "\n"


def _as_manager(*args: str) -> tuple[str, ...]:
    return (*args, "--user", MANAGER, "--password-stdin")


def _text(path: Path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def home(manager) -> Home:  # type: ignore[no-untyped-def]
    return add_governance_home(manager)


def test_the_governance_report_is_written_anonymised_private_and_audited(
    home: Home, cli, out_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "governance.pdf"
    result = cli(
        *_as_manager(
            "report", "governance", "--from", "2026-11-01", "--to", "22/11/2026", "--out", str(target)
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the anonymised governance report (for a professional)" in result.out
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_mode & 0o077 == 0
    text = _text(target)
    assert "Governance report" in text and "01/11/2026 to 22/11/2026" in text
    assert "Contact and oversight figures" in text and "Improvement actions" in text
    assert "Resident A" in text and "[name]" in text
    assert named_words(text) == set()
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    (entry,) = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert (entry["subject_type"], entry["subject_id"]) == ("governance_report", "2026-11-01 2026-11-22")
    assert json.loads(entry["details"]) == {
        "report": "governance_report",
        "redaction": "professional",
        "file": "governance.pdf",
        "from": "2026-11-01",
        "to": "2026-11-22",
        "anonymised": True,
    }


def test_the_named_report_names_people(home: Home, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "named.pdf"
    result = cli(
        *_as_manager(
            "report",
            "governance",
            "--from",
            "01/11/2026",
            "--to",
            "2026-11-22",
            "--named",
            "--out",
            str(target),
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the named governance report (internal)" in result.out
    assert {"Harold", "Lumb", "Gareth"} <= named_words(_text(target))


@pytest.mark.parametrize(("role", "username"), [(Role.KEYWORKER, "bea"), (Role.SHIFT_LEAD, "sam")])
def test_only_a_manager_gets_the_governance_report(
    home: Home, cli, out_dir: Path, role: Role, username: str
) -> None:  # type: ignore[no-untyped-def]
    add_account(
        home.ws, username=username, full_name="Test Person", role=role, initial_password="Temporary pw 99"
    )
    target = out_dir / "x.pdf"
    result = cli(
        "report",
        "governance",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-22",
        "--out",
        str(target),
        "--user",
        username,
        "--password-stdin",
        input="Temporary pw 99\n",
    )
    assert result.code == 3, result.err
    assert "cannot print the governance report: ask a manager." in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not list(out_dir.iterdir())


def test_bad_dates_are_one_clear_line_and_write_nothing(home: Home, cli, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = str(out_dir / "x.pdf")
    not_real = cli(
        *_as_manager("report", "governance", "--from", "31/02/2026", "--to", "2026-11-22", "--out", target)
    )
    assert not_real.code == 64 and "'31/02/2026' is not a real date." in not_real.err
    not_a_date = cli(
        *_as_manager("report", "governance", "--from", "last week", "--to", "2026-11-22", "--out", target)
    )
    assert not_a_date.code == 64 and "type it as yyyy-mm-dd or dd/mm/yyyy" in not_a_date.err
    missing = cli(*_as_manager("report", "governance", "--from", "2026-11-01", "--out", target))
    assert missing.code == 64 and "--to" in missing.err
    backwards = cli(
        *_as_manager("report", "governance", "--from", "2026-11-22", "--to", "2026-11-01", "--out", target),
        input=PASSWORD_IN,
    )
    assert backwards.code == 7 and "--to is before --from" in backwards.err
    assert backwards.err.count("\n") == 1
    assert not list(out_dir.iterdir())
