"""One home folder at the storage level: its key slots, its encrypted database, its schema.

``create`` lays down a new home; ``open_unlocked`` opens one whose database key a slot has
already given up, taking an encrypted backup and migrating the schema when the program is newer
than the database. Nothing here knows about staff or records: the services do.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from carelink_desktop.domain.errors import DatabaseDamaged, HomeAlreadyExists, HomeNotFound
from carelink_desktop.paths import HomePaths
from carelink_desktop.storage import migrate
from carelink_desktop.storage.backup import SUFFIX, write_backup
from carelink_desktop.storage.engine import make_engine, raw_connect, translate_driver_error, usable_key
from carelink_desktop.storage.keyslots import KeySlotFile

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass
class HomeStore:
    """An unlocked home: the engine over its database and its key slots."""

    paths: HomePaths
    keyslots: KeySlotFile
    engine: Engine
    _key: bytearray

    @property
    def closed(self) -> bool:
        return not any(self._key)

    @property
    def database_key(self) -> bytes:
        return usable_key(self._key)

    def save_keyslots(self) -> None:
        self.keyslots.save(self.paths.keyslots)

    def raw_connection(self) -> Any:
        """A fresh checked sqlcipher3 connection (for integrity checks and backups)."""
        return raw_connect(self.paths.database, self.database_key)

    def close(self) -> None:
        """Close every connection and forget the key (zeroed in place): the engine cannot
        reconnect, so nothing of the home can be read until someone logs in again."""
        self.engine.dispose()
        for i in range(len(self._key)):
            self._key[i] = 0


def load_keyslots(paths: HomePaths) -> KeySlotFile:
    """The home's key slots, or HomeNotFound when no home has been set up in the folder."""
    try:
        return KeySlotFile.load(paths.keyslots)
    except FileNotFoundError:
        if paths.database.exists():
            raise DatabaseDamaged(
                f"The key file {paths.keyslots.name} is missing from {paths.root}: without it the "
                "database cannot be opened. Restore the home from a backup."
            ) from None
        raise HomeNotFound(
            f"No CareLink home has been set up in {paths.root}. "
            "Create one with 'carelink init' or open the demo with 'carelink demo'."
        ) from None


def create(paths: HomePaths) -> HomeStore:
    """A new, empty, migrated home. The caller adds slots and saves them: until the key slots
    file is written the folder does not count as a home, and a failure removes the database."""
    if paths.exists() or paths.database.exists():
        raise HomeAlreadyExists(f"A CareLink home already exists in {paths.root}: nothing was changed.")
    paths.root.mkdir(parents=True, exist_ok=True)
    key = bytearray(secrets.token_bytes(32))
    engine = make_engine(paths.database, key, create=True)
    try:
        migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        discard_database(paths)
        raise
    return HomeStore(paths, KeySlotFile.new(), engine, key)


def discard_database(paths: HomePaths) -> None:
    """Remove a database that was being created and never became a home."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{paths.database}{suffix}")


def open_unlocked(paths: HomePaths, keyslots: KeySlotFile, key: bytes) -> HomeStore:
    """Open the database with a key a slot gave up; migrate it (after a backup) if it is old."""
    import sqlcipher3

    probe = raw_connect(paths.database, key)  # proves the key and the file, writes nothing new
    try:
        row = probe.execute(
            "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        revision = probe.execute("SELECT version_num FROM alembic_version").fetchone() if row else None
    except sqlcipher3.DatabaseError as exc:
        raise translate_driver_error(exc) or DatabaseDamaged(str(exc)) from exc
    finally:
        probe.close()
    current = str(revision[0]) if revision else None
    if current is None:
        raise DatabaseDamaged(f"{paths.database} is not a CareLink database (it has no schema).")
    holder = bytearray(key)
    engine = make_engine(paths.database, holder)
    store = HomeStore(paths, keyslots, engine, holder)
    if current != migrate.SCHEMA_HEAD:
        if current not in migrate.known_revisions():
            engine.dispose()
            raise DatabaseDamaged(
                "This home was last opened by a newer CareLink Desktop: update this PC first."
            )
        paths.backups.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        write_backup(
            paths.database,
            keyslots,
            key,
            paths.backups / f"before-upgrade-{current}-{stamp}{SUFFIX}",
            created_at=datetime.now(UTC),
        )
        migrate.upgrade(engine)
    return store
