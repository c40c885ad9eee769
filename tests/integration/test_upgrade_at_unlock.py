"""Opening a home whose schema is older takes an encrypted backup, then migrates; a home from a
newer version is refused without being touched."""

from __future__ import annotations

import pytest

from carelink_desktop.domain.errors import DatabaseDamaged
from carelink_desktop.services.access import unlock
from carelink_desktop.storage import migrate
from carelink_desktop.storage.backup import read_backup
from carelink_desktop.storage.engine import raw_connect
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, snapshot


def _set_revision(home, key: bytes, revision: str) -> None:  # type: ignore[no-untyped-def]
    conn = raw_connect(home.database, key)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
    finally:
        conn.close()


def test_older_schema_is_backed_up_then_upgraded(manager, home, state_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    key = manager.store.database_key
    manager.close()
    # Pretend the program is one migration ahead of this home.
    current = migrate.SCHEMA_HEAD
    upgrades: list[tuple[str, bool]] = []
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: {current, "next"})

    def fake_upgrade(engine, target="head"):  # type: ignore[no-untyped-def]
        backups = list(home.backups.glob(f"before-upgrade-{current}-*.clbackup"))
        upgrades.append((target, len(backups) == 1))
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'next'")

    monkeypatch.setattr(migrate, "upgrade", fake_upgrade)
    ws = unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    ws.close()
    assert upgrades == [("head", True)], "the backup must exist before the migration runs"
    (backup_file,) = home.backups.glob(f"before-upgrade-{current}-*.clbackup")
    opened = read_backup(backup_file)
    assert opened.manifest["schema"] == current
    assert opened.keyslots.unlock_with_password(MANAGER, MANAGER_PASSWORD, FAST_KDF) == key


def test_home_from_a_newer_version_is_refused_and_untouched(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    key = manager.store.database_key
    manager.close()
    _set_revision(home, key, "9999")
    before = snapshot(home.root)
    with pytest.raises(DatabaseDamaged, match="newer CareLink Desktop"):
        unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    after = snapshot(home.root)
    assert after.keys() == before.keys()
    assert after == before
