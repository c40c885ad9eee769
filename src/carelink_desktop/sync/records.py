"""Which tables travel in sync files, which of their columns a person typed, and a canonical
dump of them all (two sites that have exchanged every change hold the same dump)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from sqlalchemy import Connection, Table, text
from sqlalchemy.orm import Session

from carelink_desktop.storage.tables import Base, Record

#: Sync and bookkeeping columns: they say who changed a record and when, not what it says.
SYNC_COLUMNS = frozenset({"id", "created_at", "created_by", "updated_at", "updated_by", "hlc", "site_id"})
#: Columns worked out from others (search keys): they follow whichever version is kept, unlisted.
DERIVED_COLUMNS = frozenset({"search_text", "sort_key"})
#: Facts about this PC kept in a record, which never travel: when someone last logged in here
#: (a login is not a change to send, and each PC knows its own).
LOCAL_COLUMNS = {"staff_account": frozenset({"last_login_at"})}


@cache
def synced_tables() -> tuple[Table, ...]:
    """Every record table, parents before children (the order rows are written in)."""
    names = {m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, Record)}
    return tuple(t for t in Base.metadata.sorted_tables if t.name in names)


@cache
def table_named(name: str) -> Table | None:
    """The record table called ``name``, or None (a sync file may not name others)."""
    return next((t for t in synced_tables() if t.name == name), None)


@cache
def column_names(name: str) -> tuple[str, ...]:
    """The columns of a record table that travel (all but this PC's own facts)."""
    table = table_named(name)
    local = LOCAL_COLUMNS.get(name, frozenset())
    return tuple(c.name for c in table.columns if c.name not in local) if table is not None else ()


@cache
def compared_columns(name: str) -> tuple[str, ...]:
    """Columns whose two versions, made apart, are listed as a conflict for a person to settle:
    everything a person entered (not the sync columns, not derived search keys)."""
    return tuple(c for c in column_names(name) if c not in SYNC_COLUMNS | DERIVED_COLUMNS)


def iter_rows(conn: Connection | Session, table: str) -> Iterator[tuple[object, ...]]:
    """Every row of a record table as stored, in id order."""
    cols = ", ".join(f'"{c}"' for c in column_names(table))
    yield from conn.execute(text(f'SELECT {cols} FROM "{table}" ORDER BY id'))  # noqa: S608


def canonical_dump(conn: Connection | Session) -> dict[str, list[list[object]]]:
    """Every record of every synced table, as stored: the thing two synced sites agree on."""
    return {t.name: [list(r) for r in iter_rows(conn, t.name)] for t in synced_tables()}
