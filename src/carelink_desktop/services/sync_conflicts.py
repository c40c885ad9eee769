"""Conflicts: two versions of one field, made apart on two PCs, both kept for a person to settle.

Settling one writes the chosen (or combined) text into the record as a new change, so the
decision travels like any edit; when it reaches the other PCs it closes the same conflict there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from carelink_desktop.domain.clock import HlcTimestamp
from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.sync_labels import field_label, kind_label
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.sync_tables import SyncConflictRow
from carelink_desktop.storage.tables import ResidentRow, StaffAccountRow
from carelink_desktop.sync import records

KIND = "sync_conflict"
CHOICES = ("kept", "other", "combined")
RESOLUTION_LABELS = {
    "": "Open",
    "kept": "Kept the version in the record",
    "other": "Used the other version",
    "combined": "Combined the two",
    "superseded": "Replaced by a later edit on another PC",
}


@dataclass(frozen=True)
class ConflictView:
    """One conflict as a person sees it."""

    id: str
    table: str
    kind_label: str
    row_id: str
    record_title: str
    resident_id: str | None
    field: str
    field_label: str
    kept_value: str
    kept_by: str
    kept_at: datetime | None
    other_value: str
    other_by: str
    other_at: datetime | None
    found_at: datetime
    resolved_at: datetime | None
    resolution: str

    @property
    def resolution_label(self) -> str:
        return RESOLUTION_LABELS.get(self.resolution, self.resolution)


def list_conflicts(ws: Workspace, *, include_resolved: bool = False) -> list[ConflictView]:
    """Open conflicts, newest first (with the settled ones too when asked)."""
    ws.require(Permission.RUN_SYNC, "see sync conflicts")
    with ws.read() as s:
        query = select(SyncConflictRow).order_by(SyncConflictRow.found_at.desc(), SyncConflictRow.field)
        if not include_resolved:
            query = query.where(SyncConflictRow.resolved_at.is_(None))
        rows = list(s.scalars(query))
        names = _staff_names(s)
        return [_view(s, row, names) for row in rows]


def resolve_conflict(
    ws: Workspace, conflict_id: str, choice: str, combined_text: str | None = None
) -> ConflictView:
    """Settle a conflict: keep the record's version, use the other one, or save combined text.

    Every choice is written into the record as a new change so it reaches the other PCs."""
    ws.require(Permission.RUN_SYNC, "settle sync conflicts")
    if choice not in CHOICES:
        raise ValidationError({"choice": "Choose which version to keep."})
    if choice == "combined" and not (combined_text or "").strip():
        raise ValidationError({"combined": "Type the combined text, or keep one of the two versions."})
    with ws.work() as w:
        row = w.session.get(SyncConflictRow, conflict_id)
        if row is None:
            raise NotFound("That conflict no longer exists.")
        if row.resolved_at is not None:
            raise ValidationError({"choice": "This conflict has already been settled."})
        if records.table_named(row.table_name) is None or row.field not in records.column_names(
            row.table_name
        ):
            raise NotFound("The record of that conflict no longer exists.")
        current = w.session.execute(
            text(f'SELECT "{row.field}" FROM "{row.table_name}" WHERE id = :id'),  # noqa: S608
            {"id": row.row_id},
        ).first()
        if current is None:
            raise NotFound("The record of that conflict no longer exists.")
        value: object = {"kept": current[0], "other": row.other_value, "combined": combined_text}[choice]
        w.session.execute(
            text(
                f'UPDATE "{row.table_name}" SET "{row.field}" = :value, hlc = :hlc, '  # noqa: S608
                "updated_at = :at, updated_by = :by, site_id = :site WHERE id = :id"
            ),
            {
                "value": value,
                "hlc": ws.clock.tick(),
                "at": w.now.isoformat(timespec="microseconds"),
                "by": ws.actor.id,
                "site": ws.site_id,
                "id": row.row_id,
            },
        )
        _include_both(w.session, row)
        row.resolved_at, row.resolved_by, row.resolution = w.now, ws.actor.id, choice
        resident_id = _resident_of(w.session, row.table_name, row.row_id)
        w.audit(
            "sync_conflict_resolved",
            subject_type=row.table_name,
            subject_id=row.row_id,
            resident_id=resident_id,
            details={"field": row.field, "choice": choice},
        )
        w.changed(row.table_name, "updated", row.row_id)
        w.changed(KIND, "resolved", row.id)
        view = _view(w.session, row, _staff_names(w.session))
    return view


def _include_both(session: Session, row: SyncConflictRow) -> None:
    """The settled version includes both conflicting ones: say so in its version vector, so no
    PC takes it for another edit made apart."""
    found = session.execute(
        text("SELECT versions FROM sync_change WHERE table_name = :t AND row_id = :r"),
        {"t": row.table_name, "r": row.row_id},
    ).first()
    vector = json.loads(found[0]) if found else {}
    for hlc in (row.kept_hlc, row.other_hlc):
        site = HlcTimestamp.decode(hlc).site
        if vector.get(site, "") < hlc:
            vector[site] = hlc
    session.execute(
        text("UPDATE sync_change SET versions = :v WHERE table_name = :t AND row_id = :r"),
        {"v": json.dumps(vector, sort_keys=True), "t": row.table_name, "r": row.row_id},
    )


def _staff_names(session: Session) -> dict[str, str]:
    return {r.id: r.full_name for r in session.execute(select(StaffAccountRow.id, StaffAccountRow.full_name))}


def _resident_of(session: Session, table: str, row_id: str) -> str | None:
    if table == "resident":
        return row_id
    if "resident_id" not in records.column_names(table):
        return None
    found = session.execute(
        text(f'SELECT resident_id FROM "{table}" WHERE id = :id'),  # noqa: S608
        {"id": row_id},
    ).first()
    return str(found[0]) if found and found[0] else None


def _title(session: Session, table: str, row_id: str, resident_id: str | None) -> str:
    """Whose record this is, in a few words: the resident, the key person or the account."""
    if resident_id:
        resident = session.get(ResidentRow, resident_id)
        if resident is not None:
            name = resident.preferred_name or resident.legal_given_names
            who = f"{name} {resident.legal_family_name}".strip()
            return who if table == "resident" else f"{kind_label(table).capitalize()} for {who}"
    if table == "key_person":
        found = session.execute(
            text("SELECT given_names, family_name FROM key_person WHERE id = :id"), {"id": row_id}
        ).first()
        if found:
            return f"{found[0]} {found[1]}".strip()
    if table == "staff_account":
        found = session.execute(
            text("SELECT full_name FROM staff_account WHERE id = :id"), {"id": row_id}
        ).first()
        if found:
            return str(found[0])
    return kind_label(table).capitalize()


def display_value(value: str | None) -> str:
    """A stored value as a person reads it: lists joined, empty shown as such."""
    if value is None or value == "":
        return "(empty)"
    if value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return value
        if isinstance(items, list):
            return ", ".join(str(i) for i in items) or "(empty)"
    return value


def _when(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _view(session: Session, row: SyncConflictRow, names: dict[str, str]) -> ConflictView:
    resident_id = _resident_of(session, row.table_name, row.row_id)
    return ConflictView(
        id=row.id,
        table=row.table_name,
        kind_label=kind_label(row.table_name),
        row_id=row.row_id,
        record_title=_title(session, row.table_name, row.row_id, resident_id),
        resident_id=resident_id,
        field=row.field,
        field_label=field_label(row.field),
        kept_value=display_value(row.kept_value),
        kept_by=names.get(row.kept_by or "", ""),
        kept_at=_when(row.kept_at),
        other_value=display_value(row.other_value),
        other_by=names.get(row.other_by or "", ""),
        other_at=_when(row.other_at),
        found_at=row.found_at,
        resolved_at=row.resolved_at,
        resolution=row.resolution,
    )
