"""Encrypted backups of a home: one file holding the database copy and the key slots.

The database is copied with SQLite's online backup API into a new file encrypted with the same
key (never a raw copy of a live file), reopened and checked, then packed with the key slots and a
manifest into a zip written atomically. The backup is as unreadable as the home itself: the
database pages are encrypted and the key slots only open with a staff password or the recovery key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from carelink_desktop.domain.errors import DatabaseDamaged, StorageError
from carelink_desktop.storage.atomic import disk_error, fsync_dir
from carelink_desktop.storage.engine import integrity_problems, raw_connect
from carelink_desktop.storage.keyslots import KeySlotFile

BACKUP_FORMAT = "carelink-backup"
BACKUP_VERSION = 1
SUFFIX = ".clbackup"


@dataclass(frozen=True)
class BackupManifest:
    home_id: str
    created_at: str
    schema: str | None
    database_sha256: str
    tables: dict[str, int]


def _count_rows(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    # Table names come from sqlite_schema, not from anyone's input.
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in sorted(names)}  # noqa: S608


def _schema_revision(conn: Any) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception:
        return None
    return str(row[0]) if row else None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_backup(
    database: Path, keyslots: KeySlotFile, key: bytes, destination: Path, *, created_at: datetime
) -> BackupManifest:
    """Copy the live database into ``destination`` (a .clbackup file), checked and atomic."""
    destination = destination.expanduser()
    if destination.is_dir():
        raise StorageError(f"{destination} is a folder: give a file name for the backup.")
    folder = destination.parent
    if not folder.is_dir():
        raise StorageError(f"The folder {folder} does not exist.")
    partial_db = folder / f".{destination.name}.{os.getpid()}.db"
    partial_zip = folder / f".{destination.name}.{os.getpid()}.partial"
    try:
        source = raw_connect(database, key)
        try:
            target = raw_connect(partial_db, key, create=True)
            try:
                source.backup(target)
            finally:
                target.close()
            counts = _count_rows(source)
            schema = _schema_revision(source)
        finally:
            source.close()
        _remove_sidecars(partial_db)
        check = raw_connect(partial_db, key)
        try:
            copied = _count_rows(check)
        finally:
            check.close()
        problems = integrity_problems(lambda: raw_connect(partial_db, key))
        if problems or copied != counts:
            raise StorageError("The backup copy did not check out: the backup was not written.")
        _remove_sidecars(partial_db)
        manifest = BackupManifest(
            home_id=keyslots.home_id,
            created_at=created_at.isoformat(timespec="seconds"),
            schema=schema,
            database_sha256=_sha256(partial_db),
            tables=counts,
        )
        with zipfile.ZipFile(partial_zip, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(
                "manifest.json",
                json.dumps(
                    {
                        "format": BACKUP_FORMAT,
                        "version": BACKUP_VERSION,
                        **manifest.__dict__,
                    },
                    indent=1,
                ),
            )
            zf.writestr("keyslots.json", keyslots.to_bytes())
            zf.write(partial_db, "home.db")
        with open(partial_zip, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial_zip, destination)
        fsync_dir(folder)
        return manifest
    except OSError as exc:
        raise disk_error(exc, f"the backup {destination.name}") from exc
    finally:
        for leftover in (partial_zip, partial_db):
            with contextlib.suppress(OSError):
                leftover.unlink()
        _remove_sidecars(partial_db)


def _remove_sidecars(db: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            db.with_name(db.name + suffix).unlink()


@dataclass
class OpenedBackup:
    """A backup file read into memory and checked for shape (not yet for a key)."""

    path: Path
    manifest: dict[str, Any]
    keyslots: KeySlotFile
    database: bytes


def read_backup(path: Path) -> OpenedBackup:
    """Read and check a backup's structure; refuses anything damaged or foreign."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            slots_raw = zf.read("keyslots.json")
            database = zf.read("home.db")
    except FileNotFoundError:
        raise StorageError(f"There is no backup file at {path}.") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DatabaseDamaged(
            f"{path.name} is not a CareLink backup, or it is damaged or incomplete."
        ) from exc
    if manifest.get("format") != BACKUP_FORMAT:
        raise DatabaseDamaged(f"{path.name} is not a CareLink backup.")
    if int(manifest.get("version", 0)) > BACKUP_VERSION:
        raise DatabaseDamaged(f"{path.name} was made by a newer CareLink Desktop: update first.")
    if hashlib.sha256(database).hexdigest() != manifest.get("database_sha256"):
        raise DatabaseDamaged(f"{path.name} is damaged: its database does not match its checksum.")
    tmp = path.with_name(f".{path.name}.slots")
    try:
        tmp.write_bytes(slots_raw)
        keyslots = KeySlotFile.load(tmp)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return OpenedBackup(path, manifest, keyslots, database)


def install_backup(
    backup: OpenedBackup, key: bytes, database: Path, keyslots_path: Path, set_aside: Path | None
) -> None:
    """Replace the home's database and key slots with the backup's.

    The current files (if any) are moved into ``set_aside`` first, so nothing is lost.
    The backup's database is written beside the target and checked with ``key`` before anything
    is moved.
    """
    folder = database.parent
    folder.mkdir(parents=True, exist_ok=True)
    incoming = folder / f".restore.{os.getpid()}.db"
    try:
        incoming.write_bytes(backup.database)
        problems = integrity_problems(lambda: raw_connect(incoming, key))
        if problems:
            raise DatabaseDamaged(
                "The backup's database is damaged (it failed its integrity check): nothing was restored."
            )
        _remove_sidecars(incoming)
        for current in [database, keyslots_path] + [
            database.with_name(database.name + s) for s in ("-wal", "-shm")
        ]:
            if current.exists() and set_aside is not None:
                shutil.move(str(current), set_aside / current.name)
        backup.keyslots.save(keyslots_path)
        os.replace(incoming, database)
        fsync_dir(folder)
    except OSError as exc:
        raise disk_error(exc, "the restored home") from exc
    finally:
        with contextlib.suppress(OSError):
            incoming.unlink()
        _remove_sidecars(incoming)
