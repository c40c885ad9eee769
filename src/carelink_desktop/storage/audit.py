"""The audit log: append-only and hash-chained.

Each entry's hash covers its own fields and the previous entry's hash, so altering or deleting an
entry breaks the chain from that point. The newest sequence number and hash are also kept in
``local_state`` (written in the same transaction), so removing entries from the end is caught too.
Triggers in the schema refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.storage.tables import AuditRow, LocalRow

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def _digest(fields: Mapping[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def entry_hash(row: AuditRow) -> str:
    """The hash an entry must carry, computed from its fields and ``prev_hash``."""
    return _digest(
        {
            "seq": row.seq,
            "at": row.at.isoformat(timespec="microseconds"),
            "site_id": row.site_id,
            "actor_id": row.actor_id,
            "actor_name": row.actor_name,
            "action": row.action,
            "subject_type": row.subject_type,
            "subject_id": row.subject_id,
            "resident_id": row.resident_id,
            "details": row.details,
            "prev_hash": row.prev_hash,
        }
    )


def _head(session: Session) -> tuple[int, str]:
    row = session.get(LocalRow, HEAD_KEY)
    if row is None:
        return 0, GENESIS
    seq, digest = row.value.split(":", 1)
    return int(seq), digest


def append(
    session: Session,
    *,
    at: datetime,
    site_id: str,
    actor_id: str | None,
    actor_name: str,
    action: str,
    subject_type: str = "",
    subject_id: str | None = None,
    resident_id: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditRow:
    """Add one entry to the chain inside the caller's transaction."""
    seq, prev = _head(session)
    row = AuditRow(
        seq=seq + 1,
        at=at,
        site_id=site_id,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        resident_id=resident_id,
        details=json.dumps(dict(details or {}), sort_keys=True, ensure_ascii=False, default=str),
        prev_hash=prev,
    )
    row.hash = entry_hash(row)
    session.add(row)
    head = session.get(LocalRow, HEAD_KEY)
    value = f"{row.seq}:{row.hash}"
    if head is None:
        session.add(LocalRow(key=HEAD_KEY, value=value))
    else:
        head.value = value
    return row


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain is broken and how, in words for the person running verify."""

    seq: int
    message: str


def verify_chain(session: Session) -> list[ChainProblem]:
    """Every break in the chain, oldest first (empty when the log is intact)."""
    problems: list[ChainProblem] = []
    expected_seq, prev = 1, GENESIS
    for row in _iter_entries(session):
        if row.seq != expected_seq:
            missing = (
                f"entry {expected_seq}"
                if row.seq == expected_seq + 1
                else f"entries {expected_seq} to {row.seq - 1}"
            )
            problems.append(ChainProblem(expected_seq, f"Audit log {missing} is missing (deleted)."))
        elif row.prev_hash != prev:
            problems.append(
                ChainProblem(row.seq, f"Audit log entry {row.seq} does not follow the entry before it.")
            )
        if entry_hash(row) != row.hash:
            problems.append(
                ChainProblem(row.seq, f"Audit log entry {row.seq} ({row.action}) has been altered.")
            )
        expected_seq, prev = row.seq + 1, row.hash
    head_seq, head_hash = _head(session)
    if head_seq >= expected_seq:
        problems.append(
            ChainProblem(
                expected_seq,
                f"Audit log entries {expected_seq} to {head_seq} are missing (deleted from the end).",
            )
        )
    elif head_seq == expected_seq - 1 and head_seq > 0 and head_hash != prev:
        problems.append(ChainProblem(head_seq, f"Audit log entry {head_seq} has been altered or replaced."))
    return problems


def _iter_entries(session: Session) -> Iterator[AuditRow]:
    yield from session.scalars(select(AuditRow).order_by(AuditRow.seq).execution_options(yield_per=500))
