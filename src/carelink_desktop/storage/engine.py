"""The SQLCipher database under SQLAlchemy 2.

The key is always the raw 256-bit database key, passed as a hex blob literal built from bytes
(never from user text) through a custom connection creator. Every connection is checked as it
opens: SQLCipher 4.x, foreign keys on, temporary data in memory, WAL, synchronous=FULL.
Opening never creates a file unless ``create`` is asked for, so a missing or damaged database is
reported instead of being replaced by an empty one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from carelink_desktop.domain.errors import DatabaseDamaged, HomeNotFound

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

BUSY_TIMEOUT_SECONDS = 10.0
REQUIRED_PRAGMAS: dict[str, str] = {
    "foreign_keys": "1",
    "temp_store": "2",
    "journal_mode": "wal",
    "synchronous": "2",
}


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return "PRAGMA key = \"x'" + key.hex() + "'\""


def raw_connect(path: Path, key: bytes, *, create: bool = False) -> Any:
    """An open, keyed and checked sqlcipher3 connection.

    Raises DatabaseDamaged when the file is missing, not a database, or not readable with
    this key (SQLCipher cannot tell a wrong key from damage: both fail the page HMAC).
    """
    import sqlcipher3

    if not create and not path.is_file():
        raise HomeNotFound(
            f"The database file {path.name} is missing from {path.parent}. "
            "Nothing was created: restore it from a backup (carelink restore)."
        )
    mode = "rwc" if create else "rw"
    uri = f"file:{quote(str(path))}?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise DatabaseDamaged(f"The database {path} cannot be opened: {exc}.") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not str(version[0]).startswith("4."):
            raise DatabaseDamaged("The SQLCipher library is not version 4: cannot open the home safely.")
        # The first read proves the key (or shows the file is damaged).
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        check_pragmas(conn)
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise DatabaseDamaged(
            f"The database {path.name} in {path.parent} is damaged, or is not this home's "
            "database. It has not been changed. Restore it from a backup."
        ) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def check_pragmas(conn: Any) -> None:
    """Refuse a connection whose safety settings did not take."""
    for name, wanted in REQUIRED_PRAGMAS.items():
        row = conn.execute(f"PRAGMA {name}").fetchone()
        got = str(row[0]).lower() if row else ""
        if got != wanted:
            raise DatabaseDamaged(f"The database setting {name} is {got!r}, expected {wanted!r}.")


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock at BEGIN."""
    return engine.execution_options(carelink_write=True)


def usable_key(key: bytes | bytearray) -> bytes:
    """The key, unless its owner zeroed it when the home locked (then HomeLocked)."""
    if not any(key):
        from carelink_desktop.domain.errors import HomeLocked

        raise HomeLocked("The home is locked: log in again to continue.")
    return bytes(key)


def make_engine(path: Path, key: bytes | bytearray, *, create: bool = False) -> Engine:
    """A SQLAlchemy engine whose every connection goes through ``raw_connect``.

    ``key`` may be a bytearray that the owner zeroes when the home locks: from then on the
    engine cannot open a connection again."""
    import sqlcipher3
    from sqlalchemy import create_engine, event

    first = [create]

    def creator() -> Any:
        conn = raw_connect(path, usable_key(key), create=first[0])
        first[0] = False
        return conn

    engine = create_engine("sqlite://", creator=creator, module=sqlcipher3, pool_pre_ping=False, pool_size=5)
    _use_explicit_transactions(engine, event)
    return engine


def translate_driver_error(exc: BaseException, where: str = "") -> Exception | None:
    """The CareLink error for a SQLite/SQLCipher error, or None when it is not one we know.

    Damage (a page failing its HMAC, a malformed image) becomes DatabaseDamaged; a full or
    read-only disk and a busy database become StorageError. Used for every statement through
    ``handle_error`` and for the raw connections of checks and backups.
    """
    from carelink_desktop.domain.errors import StorageError

    text = str(exc).lower()
    if any(k in text for k in ("malformed", "not a database", "hmac", "corrupt", "disk i/o error")):
        return DatabaseDamaged(
            f"The home's database is damaged{where}: it has not been changed. "
            "Run 'carelink verify' and restore the home from a backup."
        )
    if "full" in text:
        return StorageError("The disk is full: the change was not saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return StorageError("The home's folder is read-only: the change was not saved.")
    if "locked" in text or "busy" in text:
        return StorageError("The home is busy with another change: nothing was saved. Try again.")
    return None


def _use_explicit_transactions(engine: Engine, event: Any) -> None:
    """Let SQLAlchemy, not the driver, begin transactions, and take the write lock up front
    (BEGIN IMMEDIATE) for writes, so two programs writing at once wait instead of failing
    mid-way. Reads begin a plain deferred transaction and never block a writer under WAL."""

    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    def _begin(conn: Any) -> None:
        writing = conn.get_execution_options().get("carelink_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    def _handle_error(context: Any) -> Exception | None:
        return translate_driver_error(context.original_exception)

    event.listen(engine, "connect", _connect)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "handle_error", _handle_error)


def integrity_problems(conn_factory: Callable[[], Any]) -> list[str]:
    """Run SQLCipher's page HMAC check and SQLite's integrity check; list what is wrong."""
    import sqlcipher3

    conn = conn_factory()
    problems: list[str] = []
    try:
        problems.extend(str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check"))
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.extend(rows)
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems.extend(f"broken link in table {r[0]} row {r[1]}" for r in fk)
    except sqlcipher3.DatabaseError as exc:
        problems.append(f"the database cannot be read to the end: {exc}")
    finally:
        conn.close()
    return problems
