"""Exporting the audit log to CSV: password re-checked, filters honoured, atomic, audited."""

from __future__ import annotations

import csv
import errno
import importlib
import os
import pkgutil
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import AuthenticationError, PermissionDenied, StorageError
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.services.audit_export import (
    ACTION_LABELS,
    CSV_HEADER,
    describe_action,
    describe_details,
    export_audit_csv,
)
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.resident_records import RecordKind
from carelink_desktop.services.residents import admit_resident, view_resident
from carelink_desktop.storage import atomic
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident

SERVICES = Path(__file__).resolve().parents[2] / "src" / "carelink_desktop" / "services"


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, so Excel shows accents"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def busy(manager):  # type: ignore[no-untyped-def]
    """A home with a second member of staff, two residents and a viewed record."""
    accounts.add_account(
        manager, username="bo.li", full_name="Bo Li", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    sian = admit_resident(manager, resident("Siân", "Llewellyn", room="3"))
    lukasz = admit_resident(manager, resident("Łukasz", "Wójcik", room="14"))
    view_resident(manager, sian.id)
    return manager, sian.id, lukasz.id


def test_export_writes_every_entry_with_a_header_oldest_first(busy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, sian, _ = busy
    expected = audit_entries(ws)
    out = tmp_path / "audit.csv"
    count = export_audit_csv(ws, MANAGER_PASSWORD, out)
    rows = _read(out)
    assert count == len(expected) == len(rows) - 1
    assert (
        tuple(rows[0])
        == CSV_HEADER
        == (
            "Entry",
            "When",
            "Who",
            "Action",
            "Subject",
            "Resident",
            "Details",
        )
    )
    body = rows[1:]
    assert [int(r[0]) for r in body] == sorted(e.seq for e in expected)
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", r[1]) for r in body)
    assert body[0][3] == "Created the home"
    viewed = [r for r in body if r[3] == "Viewed resident record"]
    assert len(viewed) == 1
    assert viewed[0][2] == MANAGER
    assert viewed[0][5] == "Siân Llewellyn"
    assert viewed[0][4] == f"Resident {sian}"
    added = next(r for r in body if r[3] == "Added staff account" and "bo.li" in r[6])
    assert added[6] == "role: keyworker; username: bo.li"


def test_details_read_as_words() -> None:
    assert describe_details('{"from": "shift_lead", "to": "manager", "username": "shift_lead"}') == (
        "from: shift lead; to: manager; username: shift_lead"
    )
    assert describe_details('{"fields": ["date_of_birth", "room"], "reactivated": false}') == (
        "fields: date of birth, room; reactivated: no"
    )
    assert describe_details("{}") == ""
    assert describe_details("not json") == "not json"


def test_export_is_audited_with_its_filters_and_count(busy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, sian, _ = busy
    count = export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "sian.csv", resident_id=sian, since=ws.today())
    entry = audit_entries(ws, action="audit_exported")[0]
    assert entry.actor_name == MANAGER
    assert entry.resident_id == sian
    assert describe_details(entry.details) == (
        f"action: ; actor: ; file: sian.csv; rows: {count}; since: {ws.today().isoformat()}; until: "
    )
    # the export of one resident's trail shows up when that resident's trail is read
    assert audit_entries(ws, resident_id=sian)[0].action == "audit_exported"


def test_filters_narrow_the_export(busy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, sian, lukasz = busy
    assert export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "a.csv", action="resident_added") == 2
    assert {r[5] for r in _read(tmp_path / "a.csv")[1:]} == {"Siân Llewellyn", "Łukasz Wójcik"}

    assert export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "l.csv", resident_id=lukasz) == 1
    assert _read(tmp_path / "l.csv")[1][3] == "Added resident"

    n = export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "s.csv", resident_id=sian, action="resident_viewed")
    assert n == 1

    assert export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "bo.csv", actor="bo.li") == 0
    assert _read(tmp_path / "bo.csv") == [list(CSV_HEADER)]

    yesterday = date.today() - timedelta(days=1)
    assert export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "old.csv", until=yesterday) == 0
    everything_today = export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "t.csv", since=date.today())
    assert everything_today == len(_read(tmp_path / "t.csv")) - 1 > 5
    assert all(r[1].startswith(format_uk_date(date.today())) for r in _read(tmp_path / "t.csv")[1:])


def test_wrong_password_writes_nothing_and_exports_nothing(busy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, _, _ = busy
    before = audit_entries(ws)
    out = tmp_path / "audit.csv"
    with pytest.raises(AuthenticationError, match=r"^Your password is not right: nothing was exported\.$"):
        export_audit_csv(ws, "not my password", out)
    assert not out.exists()
    assert list(tmp_path.glob("*audit.csv*")) == []
    after = audit_entries(ws)
    assert after[1:] == before
    assert after[0].action == "password_check_failed"  # wrong guesses are recorded, nothing exported


def test_a_failing_write_leaves_no_file_and_no_export_entry(busy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws, _, _ = busy
    out = tmp_path / "audit.csv"

    def disk_full(path: Path, data: bytes, *, what: str = "the file", private: bool = False) -> None:
        raise StorageError(f"The disk is full: could not save {what}. Nothing was changed.")

    monkeypatch.setattr(atomic, "write_atomically", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        export_audit_csv(ws, MANAGER_PASSWORD, out)
    monkeypatch.undo()
    assert not out.exists()
    assert audit_entries(ws, action="audit_exported") == []


def test_a_full_disk_midway_leaves_no_partial_file(busy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The real atomic writer: the rename fails with ENOSPC; no temporary file is left behind."""
    ws, _, _ = busy
    folder = tmp_path / "exports"
    folder.mkdir()

    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(StorageError, match=r"disk is full: could not save the audit log export"):
        export_audit_csv(ws, MANAGER_PASSWORD, folder / "audit.csv")
    monkeypatch.undo()
    assert list(folder.iterdir()) == []
    assert audit_entries(ws, action="audit_exported") == []


def test_a_missing_folder_is_a_clear_storage_error(busy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, _, _ = busy
    with pytest.raises(StorageError, match="Could not save the audit log export"):
        export_audit_csv(ws, MANAGER_PASSWORD, tmp_path / "no such folder" / "audit.csv")


def test_only_those_who_may_see_the_audit_log_can_export(busy, home, state_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bo = unlock(home, "bo.li", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        with pytest.raises(PermissionDenied, match="Keyworkers cannot export the audit log"):
            export_audit_csv(bo, "temporary pw 1", tmp_path / "audit.csv")
    finally:
        bo.close()
    assert not (tmp_path / "audit.csv").exists()


def test_cells_that_look_like_formulas_are_made_harmless(manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    admit_resident(manager, resident("=HYPERLINK(1)", "Smith"))
    export_audit_csv(manager, MANAGER_PASSWORD, tmp_path / "a.csv", action="resident_added")
    assert _read(tmp_path / "a.csv")[1][5] == "'=HYPERLINK(1) Smith"


def _record_kinds() -> list[RecordKind]:  # type: ignore[type-arg]
    """Every RecordKind declared in any service module (map records, concerns...)."""
    modules = [
        importlib.import_module(f"carelink_desktop.services.{m.name}")
        for m in pkgutil.iter_modules([str(SERVICES)])
    ]
    return [v for mod in modules for v in vars(mod).values() if isinstance(v, RecordKind)]


def test_describe_action_names_every_action_the_services_write() -> None:
    # the action of w.audit("..."), w.created(row, "..."), w.touched(row, "..."), plus the
    # report actions, which are an enum
    from carelink_desktop.services.report_log import ReportAction

    pattern = re.compile(r'\.(?:audit|created|touched)\(\s*(?:[a-z_]+,\s*)?"([a-z_]+)"')
    # a booking's steps go through one helper: _move(ws, planned_id, PlannedStatus.X, "action")
    moves = re.compile(r'_move\(\s*ws,\s*[a-z_]+,\s*[A-Za-z_.]+,\s*"([a-z_]+)"')
    used = {
        m
        for f in SERVICES.glob("*.py")
        for regex in (pattern, moves)
        for m in regex.findall(f.read_text(encoding="utf-8"))
    }
    used |= {action.value for action in ReportAction}
    # resident records declare their actions once, in a RecordKind
    used |= {action for kind in _record_kinds() for action in kind.actions}
    assert {"group_added", "restriction_recorded", "concern_raised", "visitor_signed_in"} <= used
    assert {"login", "login_failed", "resident_viewed", "audit_exported", "setting_changed"} <= used
    assert used - set(ACTION_LABELS) == set()
    assert describe_action("login") == "Logged in"
    assert describe_action("login_failed") == "Failed login"
    assert describe_action("resident_viewed") == "Viewed resident record"
    assert describe_action("resident_changed") == "Changed resident record"
    assert describe_action("visit_booked") == "Booked a visit, outing or call"
    assert describe_action("meal_served") == "Meal served"  # from a newer version, say
    assert describe_action("") == ""
