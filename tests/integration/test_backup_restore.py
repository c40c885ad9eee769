"""Must hold: restoring a backup brings back exactly the records of the moment it was made, keeps
the files it replaced, and refuses a damaged backup or a non-manager without touching the home."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from carelink_desktop.domain.errors import AuthenticationError, DatabaseDamaged, PermissionDenied
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import maintenance
from carelink_desktop.services.access import unlock
from carelink_desktop.services.accounts import add_account, change_role, list_accounts
from carelink_desktop.services.key_people import (
    add_key_person,
    find_key_people,
    update_key_person,
    view_key_person,
)
from carelink_desktop.services.maintenance import back_up, restore_home
from carelink_desktop.services.residents import (
    ResidentFilter,
    admit_resident,
    archive_resident,
    find_residents,
    update_resident,
    view_resident,
)
from carelink_desktop.storage.keyslots import KeySlotFile
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident, snapshot

DUNCAN = KeyPersonDetails(given_names="Duncan", family_name="Ferrier", phone="07700 900461")


def _records(ws) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    residents = find_residents(ws, status=ResidentFilter.ALL)
    archived = find_residents(ws, status=ResidentFilter.ARCHIVED)
    people = find_key_people(ws, include_archived=True)
    return {
        "residents": residents,
        "archived": archived,
        "resident details": {r.id: view_resident(ws, r.id).details for r in residents + archived},
        "key people": people,
        "key person details": {p.id: view_key_person(ws, p.id).details for p in people},
        "accounts": [
            (a.id, a.username, a.full_name, a.role, a.active, a.must_change_password)
            for a in list_accounts(ws)
        ],
    }


@pytest.fixture
def backed_up(manager, home: HomePaths, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A home with records, a backup of it, then more changes; yields (backup file, records
    at backup time, ids). The manager's workspace is closed at the end of the setup."""
    margaret = admit_resident(manager, resident())
    tomasz = admit_resident(manager, resident("Tomasz", "Nowak", room="3"))
    duncan = add_key_person(manager, DUNCAN)
    kwame = add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    at_backup = _records(manager)
    out = tmp_path / "out"
    out.mkdir()
    backup_file = out / "rosewood.clbackup"
    back_up(manager, backup_file)

    admit_resident(manager, resident("Added", "Later"))
    update_resident(manager, margaret.id, resident(room="99"))
    archive_resident(manager, tomasz.id, "Moved to another home")
    add_key_person(manager, KeyPersonDetails(given_names="Later", family_name="Person"))
    update_key_person(
        manager,
        duncan.id,
        KeyPersonDetails(given_names="Duncan", family_name="Ferrier", phone="07700 900999"),
    )
    add_account(
        manager,
        username="newbie",
        full_name="New Person",
        role=Role.KEYWORKER,
        initial_password="Newbie pass 11",
    )
    change_role(manager, kwame.id, Role.SHIFT_LEAD)
    assert _records(manager) != at_backup
    manager.close()
    return backup_file, at_backup


@pytest.fixture
def simple_backup(manager, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A backup of a new home with one keyworker, kwame; the manager's workspace is closed."""
    add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    backup_file = tmp_path / "simple.clbackup"
    back_up(manager, backup_file)
    manager.close()
    return backup_file


def test_restore_brings_back_exactly_the_records_at_backup_time(
    backed_up, home: HomePaths, state_dir: Path, cli
) -> None:
    backup_file, at_backup = backed_up
    before = snapshot(home.root)
    result = cli(
        "restore",
        "--from",
        str(backup_file),
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
    )
    assert result.code == 0, result.err

    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert _records(ws) == at_backup
        assert maintenance.verify_home(ws).ok
        assert [e.action for e in maintenance.audit_entries(ws, action="backup_restored")] == [
            "backup_restored"
        ]
    finally:
        ws.close()
    slots = KeySlotFile.load(home.keyslots)
    assert slots.slot_for_user("newbie") is None  # the key slots came back with the database
    assert slots.slot_for_user("kwame") is not None

    replaced = sorted(home.backups.glob("replaced-*"))
    assert len(replaced) == 1, list(home.backups.iterdir())
    assert str(replaced[0].name) in result.out
    assert (replaced[0] / "home.db").read_bytes() == before["home.db"]
    assert (replaced[0] / "keyslots.json").read_bytes() == before["keyslots.json"]


def _tamper_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 32] = bytes(b ^ 0xFF for b in data[middle : middle + 32])
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _repack(path: Path, change_db, fix_checksum: bool) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    db = change_db(bytearray(parts["home.db"]))
    manifest = json.loads(parts["manifest.json"])
    if fix_checksum:
        manifest["database_sha256"] = hashlib.sha256(db).hexdigest()
    parts["home.db"], parts["manifest.json"] = bytes(db), json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _flip_page(db: bytearray, page: int) -> bytearray:
    offset = page * 4096 + 1000
    db[offset : offset + 32] = bytes(b ^ 0xFF for b in db[offset : offset + 32])
    return db


def _swap_database(path: Path) -> None:
    """A consistent zip, checksum and all, whose database has a damaged page."""
    _repack(path, lambda db: _flip_page(db, len(db) // 4096 // 2), fix_checksum=True)


def _swap_last_page(path: Path) -> None:
    _repack(path, lambda db: _flip_page(db, len(db) // 4096 - 1), fix_checksum=True)


def _drop_keyslots(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist() if name != "keyslots.json"}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_tamper_middle, id="tampered"),
        pytest.param(_truncate, id="truncated"),
        pytest.param(
            lambda p: _repack(p, lambda db: _flip_page(db, 3), fix_checksum=False), id="checksum-mismatch"
        ),
        pytest.param(_swap_database, id="damaged-db-with-checksum"),
        pytest.param(_swap_last_page, id="damaged-last-page-with-checksum"),
        pytest.param(_drop_keyslots, id="no-keyslots"),
    ],
)
def test_a_damaged_backup_is_refused_and_the_home_unchanged(
    simple_backup: Path, home: HomePaths, damage
) -> None:  # type: ignore[no-untyped-def]
    damage(simple_backup)
    before = snapshot(home.root)
    with pytest.raises(DatabaseDamaged) as err:
        restore_home(home, simple_backup, MANAGER, MANAGER_PASSWORD, kdf=FAST_KDF)
    assert "damaged" in str(err.value) or "not a CareLink backup" in str(err.value)
    assert "\n" not in str(err.value)
    assert snapshot(home.root) == before


@pytest.mark.parametrize("damage", [_tamper_middle, _truncate], ids=["tampered", "truncated"])
def test_a_damaged_backup_on_the_command_line(simple_backup: Path, home: HomePaths, cli, damage) -> None:  # type: ignore[no-untyped-def]
    damage(simple_backup)
    before = snapshot(home.root)
    result = cli(
        "restore",
        "--from",
        str(simple_backup),
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
    )
    assert result.code == DatabaseDamaged.exit_code
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "unexpected" not in lines[0], result.err
    assert "damaged" in lines[0]
    assert snapshot(home.root) == before


def test_a_missing_backup_file_is_reported(created_home, cli, tmp_path: Path) -> None:
    home, _ = created_home
    before = snapshot(home.root)
    result = cli(
        "restore",
        "--from",
        str(tmp_path / "nothing.clbackup"),
        "--user",
        MANAGER,
        "--password-stdin",
        input=MANAGER_PASSWORD + "\n",
    )
    assert result.code != 0
    assert "no backup file" in result.err.lower()
    assert snapshot(home.root) == before


def test_restore_by_a_non_manager_is_refused(simple_backup: Path, home: HomePaths, cli) -> None:
    backup_file = simple_backup
    before = snapshot(home.root)
    result = cli(
        "restore", "--from", str(backup_file), "--user", "kwame", "--password-stdin", input="Kwame pass 11\n"
    )
    assert result.code == 3  # PermissionDenied
    assert "manager" in result.err.lower()
    assert snapshot(home.root) == before


def test_restore_with_a_wrong_password_is_refused(simple_backup: Path, home: HomePaths) -> None:
    backup_file = simple_backup
    before = snapshot(home.root)
    with pytest.raises(AuthenticationError):
        restore_home(home, backup_file, MANAGER, "Wrong horse 1", kdf=FAST_KDF)
    assert snapshot(home.root) == before


class _FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return cls(2025, 3, 1, 9, 30, 0, tzinfo=tz)


def test_two_restores_in_the_same_second_keep_both_replaced_homes(
    simple_backup: Path, home: HomePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_file = simple_backup
    original = home.database.read_bytes()
    monkeypatch.setattr(maintenance, "datetime", _FrozenDatetime)
    restore_home(home, backup_file, MANAGER, MANAGER_PASSWORD, kdf=FAST_KDF)
    restore_home(home, backup_file, MANAGER, MANAGER_PASSWORD, kdf=FAST_KDF)
    kept = [p.read_bytes() for p in home.backups.rglob("home.db")]
    assert original in kept


def test_backup_is_refused_for_a_non_manager(
    manager, home: HomePaths, state_dir: Path, tmp_path: Path
) -> None:
    add_account(
        manager,
        username="kwame",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Kwame pass 11",
    )
    ws = unlock(home, "kwame", "Kwame pass 11", state_dir=state_dir, kdf=FAST_KDF)
    try:
        with pytest.raises(PermissionDenied):
            back_up(ws, tmp_path / "x.clbackup")
    finally:
        ws.close()
    assert not (tmp_path / "x.clbackup").exists()
