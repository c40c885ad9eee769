"""Merge an incoming sync file into this copy, record by record, by hybrid logical clock.

Every version of a record carries its clock value and a version vector (site -> newest clock
value of that site's edits it includes). For each incoming record:

- not here yet: added;
- the same version: nothing (the vectors are joined);
- the incoming vector includes ours: it is newer and replaces ours;
- ours includes the incoming one: it is older (a replayed file) and is skipped;
- neither includes the other: the two were made apart. The one with the greater clock value is
  kept, so every site keeps the same one whatever order files come in, and every field whose two
  versions differ is listed as a conflict for a person to settle: nothing typed is lost. When ours
  is kept our vector stays as it was, so the other PC also finds the two made apart and lists
  the conflict; settling it makes a version that includes both.

``plan`` only reads; ``apply`` writes the plan with bulk statements inside the caller's
transaction, so an import is all or nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from carelink_desktop.domain.clock import HlcTimestamp
from carelink_desktop.domain.errors import SyncFileRefused
from carelink_desktop.sync import records
from carelink_desktop.sync.bundle import Bundle, TableChanges

_CHUNK = 500
Vector = dict[str, str]


@dataclass(frozen=True)
class ConflictFound:
    """One field of one record whose two versions were made apart."""

    table: str
    row_id: str
    field: str
    kept_value: Any
    kept_hlc: str
    kept_by: str | None
    kept_at: str | None
    other_value: Any
    other_hlc: str
    other_by: str | None
    other_at: str | None


@dataclass
class TablePlan:
    """What a file does to one table."""

    name: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    older: int = 0
    conflicted: int = 0
    writes: list[list[Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    #: row id -> joined version vector, for every record whose vector moves and whose content
    #: is now the sender's (so it is not sent back to the sender).
    vectors: dict[str, Vector] = field(default_factory=dict)
    #: row id -> the version vector of the version now kept (to close superseded conflicts).
    kept: dict[str, Vector] = field(default_factory=dict)


@dataclass
class ImportPlan:
    """What a file would do to this copy, table by table, and the conflicts it brings."""

    tables: list[TablePlan]
    conflicts: list[ConflictFound]
    newest_hlc: str | None

    @property
    def new(self) -> int:
        return sum(t.new for t in self.tables)

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables)

    @property
    def older(self) -> int:
        return sum(t.older for t in self.tables)

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tables)


def cannot_store() -> tuple[type[BaseException], ...]:
    """The errors SQLite raises for records it refuses to store (a number too big, a required
    detail missing, a link to a record that is not here): an import turns them into a refusal."""
    import sqlcipher3
    from sqlalchemy.exc import IntegrityError

    return (OverflowError, IntegrityError, sqlcipher3.IntegrityError)


def refused_storing() -> SyncFileRefused:
    return SyncFileRefused(
        "This sync file holds records this PC cannot store, for example a record linked to one that "
        "has not arrived here yet. Import the earlier files from that PC first, or ask it for a file "
        "with everything. Nothing was imported."
    )


def includes(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """True when vector ``a`` includes every edit of ``b``."""
    return all(a.get(site, "") >= hlc for site, hlc in b.items())


def joined(a: Mapping[str, str], b: Mapping[str, str]) -> Vector:
    out = dict(a)
    for site, hlc in b.items():
        if out.get(site, "") < hlc:
            out[site] = hlc
    return out


def plan(session: Session, bundle: Bundle) -> ImportPlan:
    """Decide, without writing, what importing ``bundle`` would do here."""
    tables: list[TablePlan] = []
    conflicts: list[ConflictFound] = []
    newest: str | None = None
    for changes in bundle.tables:
        table_plan, found = _plan_table(session, changes)
        tables.append(table_plan)
        conflicts.extend(found)
        top = max((row[changes.columns.index("hlc")] for row in changes.rows), default=None)
        if top is not None and (newest is None or top > newest):
            newest = top
    _check_unique_names(session, bundle)
    return ImportPlan(tables, conflicts, newest)


def _in_chunks(values: list[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``values`` in slices of at most 500, each as an ``IN (...)`` list of named marks and their
    parameters (SQLite limits the parameters of one statement)."""
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        yield ", ".join(f":p{i}" for i in range(len(chunk))), {f"p{i}": v for i, v in enumerate(chunk)}


def _local_rows(session: Session, table: str, ids: list[str]) -> Iterator[tuple[dict[str, Any], Vector]]:
    columns = records.column_names(table)
    picked = ", ".join(f't."{c}"' for c in columns)
    for marks, params in _in_chunks(ids):
        params["name"] = table
        sql = (
            f'SELECT {picked}, sc.versions FROM "{table}" t LEFT JOIN sync_change sc '  # noqa: S608
            f"ON sc.table_name = :name AND sc.row_id = t.id WHERE t.id IN ({marks})"
        )
        for raw in session.execute(text(sql), params):
            values = dict(zip(columns, raw[:-1], strict=True))
            vector = json.loads(raw[-1]) if raw[-1] else {values["site_id"]: values["hlc"]}
            yield values, vector


def _plan_table(session: Session, changes: TableChanges) -> tuple[TablePlan, list[ConflictFound]]:
    cols = changes.columns
    out = TablePlan(changes.name, columns=list(cols))
    at = {c: i for i, c in enumerate(cols)}
    compared = [c for c in records.compared_columns(changes.name) if c in at]
    ids = [row[at["id"]] for row in changes.rows]
    local = {values["id"]: (values, vector) for values, vector in _local_rows(session, changes.name, ids)}
    found: list[ConflictFound] = []
    seen: set[str] = set()
    for row, incoming_vector in zip(changes.rows, changes.versions, strict=True):
        row_id, hlc = row[at["id"]], row[at["hlc"]]
        if row_id in seen:
            raise SyncFileRefused(
                "This sync file holds the same record twice: it is damaged. Nothing was imported."
            )
        seen.add(row_id)
        vector = joined(incoming_vector, {row[at["site_id"]]: hlc})
        mine = local.get(row_id)
        if mine is None:
            out.new += 1
            out.writes.append(row)
            out.vectors[row_id] = vector
            continue
        values, my_vector = mine
        merged = joined(my_vector, vector)
        if hlc == values["hlc"]:
            out.unchanged += 1
        elif includes(vector, my_vector):
            out.changed += 1
            out.writes.append(row)
            out.kept[row_id] = merged
        elif includes(my_vector, vector):
            out.older += 1
        else:
            theirs_win = hlc > values["hlc"]
            differing = [c for c in compared if row[at[c]] != values[c]]
            if differing:
                out.conflicted += 1
            for column in differing:
                theirs = (row[at[column]], hlc, _get(row, at, "updated_by"), _get(row, at, "updated_at"))
                ours = (values[column], values["hlc"], values.get("updated_by"), values.get("updated_at"))
                kept, other = (theirs, ours) if theirs_win else (ours, theirs)
                found.append(ConflictFound(changes.name, row_id, column, *kept, *other))
            if theirs_win:
                out.changed += 1
                out.writes.append(row)
            else:
                # Ours stays, and so does our vector: it must not claim to include their edit,
                # or their PC would take ours as newer and never see the conflict.
                out.unchanged += 1
                continue
        if merged != my_vector:
            out.vectors[row_id] = merged
    return out, found


def _get(row: list[Any], at: Mapping[str, int], column: str) -> Any:
    return row[at[column]] if column in at else None


def _check_unique_names(session: Session, bundle: Bundle) -> None:
    """Two accounts with one username (or two settings with one name) made apart cannot both be
    kept: refuse the file with the names, so a manager can rename or remove one first."""
    for changes in bundle.tables:
        table = records.table_named(changes.name)
        assert table is not None
        for column in (c.name for c in table.columns if c.unique):
            if column not in changes.columns:
                continue
            id_at, value_at = changes.columns.index("id"), changes.columns.index(column)
            wanted = {row[value_at]: row[id_at] for row in changes.rows}
            clashes = [
                value
                for value, row_id in _existing(session, changes.name, column, list(wanted))
                if wanted[value] != row_id
            ]
            if clashes:
                what = "an account called" if changes.name == "staff_account" else "a setting called"
                names = ", ".join(f"'{v}'" for v in sorted(clashes))
                raise SyncFileRefused(
                    f"This PC and the sending PC each added {what} {names} separately. Rename or "
                    "remove one of them on one PC, export again and import that file. Nothing was imported."
                )


def _existing(session: Session, table: str, column: str, values: list[Any]) -> Iterable[tuple[Any, str]]:
    for marks, params in _in_chunks(values):
        sql = f'SELECT "{column}", id FROM "{table}" WHERE "{column}" IN ({marks})'  # noqa: S608
        yield from ((r[0], r[1]) for r in session.execute(text(sql), params))


def apply(session: Session, the_plan: ImportPlan, *, from_site: str, now: datetime) -> int:
    """Write ``the_plan`` in the caller's transaction; returns how many records were written."""
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    writes = sum(len(t.writes) for t in the_plan.tables)
    # A big file touches far more index pages than the usual cache holds (the word index and
    # contact triggers write to several); a cache sized to the file keeps it in memory.
    before = cursor.execute("PRAGMA cache_size").fetchone()[0]
    if writes > _CHUNK:
        cursor.execute(f"PRAGMA cache_size = {-min(256_000, max(16_000, writes * 2))}")
    try:
        for table_plan in the_plan.tables:
            if table_plan.writes:
                _upsert(cursor, table_plan)
            if table_plan.vectors:
                _set_vectors(cursor, table_plan.name, table_plan.vectors, from_site)
            if table_plan.kept:
                _set_vectors(cursor, table_plan.name, table_plan.kept, from_site)
                _close_superseded(session, table_plan.name, table_plan.kept, now)
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")
        cursor.close()
    _add_conflicts(session, the_plan.conflicts, now)
    return writes


def _upsert(cursor: Any, table_plan: TablePlan) -> None:
    """Write the incoming versions with one prepared statement (the DB-API's own executemany:
    at 100,000 rows the per-row parameter handling of an ORM or Core layer costs seconds)."""
    cols = table_plan.columns
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
    cursor.executemany(
        f'INSERT INTO "{table_plan.name}" ({names}) VALUES ({marks}) '  # noqa: S608
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        table_plan.writes,
    )


def _set_vectors(cursor: Any, table: str, vectors: Mapping[str, Vector], from_site: str) -> None:
    """Give each record its joined version vector and say it came from ``from_site`` (every
    record has its entry: the triggers make one when a record is written, here or by a file)."""
    cursor.executemany(
        "UPDATE sync_change SET versions = ?, from_site = ? WHERE table_name = ? AND row_id = ?",
        [(json.dumps(v, sort_keys=True), from_site, table, r) for r, v in vectors.items()],
    )


def _close_superseded(session: Session, table: str, kept: Mapping[str, Vector], now: datetime) -> None:
    """Close open conflicts on records now replaced by a version made after both of theirs."""
    stamp = now.isoformat(timespec="microseconds")
    for marks, params in _in_chunks(list(kept)):
        params["t"] = table
        open_rows = session.execute(
            text(
                "SELECT id, row_id, kept_hlc, other_hlc FROM sync_conflict WHERE resolved_at IS NULL "  # noqa: S608
                f"AND table_name = :t AND row_id IN ({marks})"
            ),
            params,
        ).all()
        done = [
            {"id": cid, "at": stamp}
            for cid, row_id, kept_hlc, other_hlc in open_rows
            if _covers(kept[row_id], kept_hlc) and _covers(kept[row_id], other_hlc)
        ]
        if done:
            session.execute(
                text("UPDATE sync_conflict SET resolved_at = :at, resolution = 'superseded' WHERE id = :id"),
                done,
            )


def _covers(vector: Mapping[str, str], hlc: str) -> bool:
    return vector.get(HlcTimestamp.decode(hlc).site, "") >= hlc


def _add_conflicts(session: Session, conflicts: list[ConflictFound], now: datetime) -> None:
    if not conflicts:
        return
    known = {
        tuple(r)
        for r in session.execute(
            text("SELECT table_name, row_id, field, kept_hlc, other_hlc FROM sync_conflict")
        )
    }
    stamp = now.isoformat(timespec="microseconds")
    rows = [
        {
            "id": str(uuid.uuid4()),
            "table_name": c.table,
            "row_id": c.row_id,
            "field": c.field,
            "kept_value": _as_text(c.kept_value),
            "kept_hlc": c.kept_hlc,
            "kept_by": c.kept_by,
            "kept_at": c.kept_at,
            "other_value": _as_text(c.other_value),
            "other_hlc": c.other_hlc,
            "other_by": c.other_by,
            "other_at": c.other_at,
            "found_at": stamp,
        }
        for c in conflicts
        if (c.table, c.row_id, c.field, c.kept_hlc, c.other_hlc) not in known
    ]
    if rows:
        session.execute(
            text(
                "INSERT INTO sync_conflict (id, table_name, row_id, field, kept_value, kept_hlc, "
                "kept_by, kept_at, other_value, other_hlc, other_by, other_at, found_at, resolution) "
                "VALUES (:id, :table_name, :row_id, :field, :kept_value, :kept_hlc, :kept_by, "
                ":kept_at, :other_value, :other_hlc, :other_by, :other_at, :found_at, '')"
            ),
            rows,
        )


def _as_text(value: Any) -> str | None:
    """Conflict values are kept as the text stored (numbers and flags as their digits)."""
    return None if value is None else str(value)
