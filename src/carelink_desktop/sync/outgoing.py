"""Gather the records to send: every change since the last file to a partner, or everything."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from carelink_desktop.sync import records
from carelink_desktop.sync.bundle import TableChanges


def newest_seq(session: Session) -> int:
    """The sequence number of the newest change this copy holds (0 when none)."""
    return int(session.execute(text("SELECT COALESCE(MAX(seq), 0) FROM sync_change")).scalar_one())


def gather(session: Session, *, since_seq: int | None, partner: str | None = None) -> list[TableChanges]:
    """Rows changed after ``since_seq`` (every row, tombstones too, when None), leaving out
    changes that arrived from ``partner`` itself, each with its version vector."""
    out: list[TableChanges] = []
    for table in records.synced_tables():
        columns = list(records.column_names(table.name))
        picked = ", ".join(f't."{c}"' for c in columns)
        if since_seq is None:
            sql = (
                f'SELECT {picked}, sc.versions FROM "{table.name}" t LEFT JOIN sync_change sc '  # noqa: S608
                "ON sc.table_name = :name AND sc.row_id = t.id ORDER BY t.id"
            )
            params: dict[str, Any] = {"name": table.name}
        else:
            sql = (
                f'SELECT {picked}, sc.versions FROM sync_change sc JOIN "{table.name}" t '  # noqa: S608
                "ON t.id = sc.row_id WHERE sc.table_name = :name AND sc.seq > :since "
                "AND (sc.from_site IS NULL OR sc.from_site != :partner) ORDER BY sc.seq"
            )
            params = {"name": table.name, "since": since_seq, "partner": partner or ""}
        rows: list[list[Any]] = []
        versions: list[dict[str, str]] = []
        site_at, hlc_at = columns.index("site_id"), columns.index("hlc")
        for raw in session.execute(text(sql), params):
            row = list(raw)
            vector = row.pop()
            rows.append(row)
            versions.append(json.loads(vector) if vector else {row[site_at]: row[hlc_at]})
        if rows:
            out.append(TableChanges(table.name, columns, rows, versions))
    return out


def waiting_count(session: Session, *, since_seq: int, partner: str) -> int:
    """How many changed records would go in the next file to ``partner``."""
    return int(
        session.execute(
            text(
                "SELECT COUNT(*) FROM sync_change WHERE seq > :since "
                "AND (from_site IS NULL OR from_site != :partner)"
            ),
            {"since": since_seq, "partner": partner},
        ).scalar_one()
    )
