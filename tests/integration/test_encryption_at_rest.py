"""Must hold: nothing a person typed is readable in any file of the home folder or in a backup,
whether the home is open (WAL and shared-memory files present) or closed."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import back_up
from carelink_desktop.services.residents import admit_resident, view_resident
from tests.conftest import HOME_NAME, MANAGER, resident

RESIDENT_GIVEN = "Philippa"
RESIDENT_FAMILY = "Quenby-Ashworth"
PHONE = "07700 900461"
SECRETS = [HOME_NAME, RESIDENT_GIVEN, RESIDENT_FAMILY, PHONE, PHONE.replace(" ", "")]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be"]


def _forms(text: str) -> list[tuple[str, bytes]]:
    return [(enc, text.encode(enc)) for enc in ENCODINGS] + [
        ("utf-8 lower", text.lower().encode()),
        ("utf-8 upper", text.upper().encode()),
    ]


def _leaks(files: dict[str, bytes], needles: list[str]) -> list[str]:
    """'file: needle (encoding)' for every needle found in any file."""
    found = []
    for name, data in files.items():
        for needle in needles:
            for enc, form in _forms(needle):
                if form in data:
                    found.append(f"{name}: {needle!r} ({enc})")
    return found


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write_personal_data(ws) -> None:  # type: ignore[no-untyped-def]
    admitted = admit_resident(ws, resident(RESIDENT_GIVEN, RESIDENT_FAMILY))
    view_resident(ws, admitted.id)
    add_key_person(ws, KeyPersonDetails(given_names="Duncan", family_name="Ferrier", phone=PHONE))


def _assert_not_sqlite_readable(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()


def test_the_scan_finds_plain_text_so_a_clean_result_means_something(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_bytes(PHONE.encode("utf-16-le"))
    assert _leaks(_files(tmp_path), [PHONE]) == [f"plain.txt: {PHONE!r} (utf-16-le)"]


def test_no_personal_data_in_any_file_while_the_home_is_open(manager, home: HomePaths) -> None:
    _write_personal_data(manager)
    files = _files(home.root)
    assert "home.db-wal" in files and len(files["home.db-wal"]) > 0, "expected an open WAL to check"
    assert "home.db-shm" in files
    assert _leaks(files, SECRETS) == []


def test_no_personal_data_in_any_file_after_closing(manager, home: HomePaths) -> None:
    _write_personal_data(manager)
    manager.close()
    files = _files(home.root)
    assert "home.db" in files and len(files["home.db"]) > 4096
    assert _leaks(files, SECRETS) == []


def test_stdlib_sqlite_cannot_read_the_database(manager, home: HomePaths) -> None:
    _write_personal_data(manager)
    manager.close()
    before = _files(home.root)
    _assert_not_sqlite_readable(home.database)
    assert _files(home.root) == before


def test_key_slots_name_nobody(manager, home: HomePaths) -> None:
    add_account(
        manager,
        username="kwame.mensah",
        full_name="Kwame Mensah",
        role=Role.KEYWORKER,
        initial_password="Temporary pass 1",
    )
    data = home.keyslots.read_bytes()
    assert data.count(b'"kind": "password"') == 2
    assert _leaks({"keyslots.json": data}, [MANAGER, "Amira Khan", "kwame.mensah", "Kwame Mensah"]) == []


def test_a_backup_holds_no_personal_data_and_its_database_is_unreadable(manager, tmp_path: Path) -> None:
    _write_personal_data(manager)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "rosewood.clbackup"
    back_up(manager, target)
    data = target.read_bytes()
    assert _leaks({target.name: data}, [*SECRETS, MANAGER, "Amira Khan"]) == []
    with zipfile.ZipFile(target) as zf:
        assert "home.db" in zf.namelist()
        inner = zf.read("home.db")
    assert len(inner) > 4096
    assert _leaks({"home.db (in backup)": inner}, SECRETS) == []
    copy = tmp_path / "inner.db"
    copy.write_bytes(inner)
    _assert_not_sqlite_readable(copy)
