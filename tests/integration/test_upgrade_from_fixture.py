"""A home written by an older CareLink Desktop opens in this one: a real home at schema 0002
(``tests/fixtures/homes/schema-0002``, made by ``tests/fixtures/make_fixture_home.py``) is unlocked
with the current code, backed up, migrated to the newest schema, and keeps every record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import recover_with_key, unlock
from carelink_desktop.services.links import key_people_of
from carelink_desktop.services.maintenance import verify_home
from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.storage import migrate
from carelink_desktop.storage.backup import read_backup
from carelink_desktop.storage.engine import raw_connect
from tests.conftest import FAST_KDF

FIXTURE_REVISION = "0002"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "homes" / f"schema-{FIXTURE_REVISION}"
MANAGER = "fixture-manager"
PASSWORD = "Fixture home 0002"
RECOVERY_KEY = "PCTD-MG73-FPOL-J275-I5ZE-XCKM-ZTR7-ER6F"
EXPECTED_LINKS = {
    ("Edith Mary", "Fixture"): {("Susan Fixture", "daughter"), ("Raj Example", "friend")},
    ("Arthur", "Sample"): {("Jean Sample", "wife")},
}
needs_newer_schema = pytest.mark.skipif(
    migrate.SCHEMA_HEAD == FIXTURE_REVISION,
    reason="the program's schema is still the fixture's: there is nothing to upgrade yet",
)


@pytest.fixture
def old_home(tmp_path: Path) -> HomePaths:
    """A copy of the fixture home (the committed files are never opened in place)."""
    root = tmp_path / "old-home"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("README.md"))
    return HomePaths(root)


def _revision(database: Path, key: bytes) -> str:
    conn = raw_connect(database, key)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_fixture_is_a_real_encrypted_home_at_its_schema(old_home: HomePaths) -> None:
    assert old_home.exists()
    assert not old_home.database.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in old_home.root.iterdir()) == ["home.db", "keyslots.json"]
    from carelink_desktop.storage.keyslots import KeySlotFile

    key = KeySlotFile.load(old_home.keyslots).unlock_with_password(MANAGER, PASSWORD, FAST_KDF)
    assert _revision(old_home.database, key) == FIXTURE_REVISION


def test_old_home_opens_with_current_code_and_keeps_its_records(old_home: HomePaths, state_dir: Path) -> None:
    ws = unlock(old_home, MANAGER, PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        key = ws.store.database_key
        assert _revision(old_home.database, key) == migrate.SCHEMA_HEAD
        residents = find_residents(ws, status=ResidentFilter.ALL)
        names = {r.id: (r.legal_given_names, r.legal_family_name) for r in residents}
        assert sorted(names.values()) == sorted(EXPECTED_LINKS)
        for resident_id, name in names.items():
            links = {(link.key_person_name, link.relationship) for link in key_people_of(ws, resident_id)}
            assert links == EXPECTED_LINKS[name]
        report = verify_home(ws)
        assert report.ok, report.checks
        # migration 0003 gave links made before relationship maps a category from their word
        from carelink_desktop.domain.relationships import Category
        from carelink_desktop.services.relationships import relationships_of

        categories = {
            (r.key_person_name, r.details.category)
            for resident_id in names
            for r in relationships_of(ws, resident_id)
        }
        assert ("Raj Example", Category.FRIEND) in categories
        assert ("Susan Fixture", Category.FAMILY) in categories
    finally:
        ws.close()


@needs_newer_schema
def test_upgrade_is_preceded_by_an_encrypted_backup_that_reopens(
    old_home: HomePaths, state_dir: Path, tmp_path: Path
) -> None:
    ws = unlock(old_home, MANAGER, PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    key = ws.store.database_key
    ws.close()
    (backup_file,) = old_home.backups.glob(f"before-upgrade-{FIXTURE_REVISION}-*.clbackup")
    opened = read_backup(backup_file)
    assert opened.manifest["schema"] == FIXTURE_REVISION
    assert not opened.database.startswith(b"SQLite format 3")
    assert opened.keyslots.unlock_with_password(MANAGER, PASSWORD, FAST_KDF) == key
    copy = tmp_path / "backup-copy.db"
    copy.write_bytes(opened.database)
    assert _revision(copy, key) == FIXTURE_REVISION
    conn = raw_connect(copy, key)
    try:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
            for table in ("resident", "key_person", "relationship")
        }
    finally:
        conn.close()
    assert counts == {"resident": 2, "key_person": 3, "relationship": 3}
    # A second unlock finds the home up to date: no second backup.
    unlock(old_home, MANAGER, PASSWORD, state_dir=state_dir, kdf=FAST_KDF).close()
    assert len(list(old_home.backups.glob("before-upgrade-*"))) == 1


def test_recovery_key_of_the_old_home_still_works(old_home: HomePaths) -> None:
    ws = recover_with_key(old_home, RECOVERY_KEY, MANAGER, "A brand new passphrase 9", kdf=FAST_KDF)
    try:
        assert _revision(old_home.database, ws.store.database_key) == migrate.SCHEMA_HEAD
    finally:
        ws.close()
