"""Records that belong to one resident and are kept the same way: groups, relationship issues,
evaluations, restrictions on contact, keyworker changes.

Each kind is described once by a ``RecordKind``; the functions here add, change, remove (as a
tombstone) and list them, with the permission check, validation, stamping, audit and event that
every record needs. The audit log names fields, never their contents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import RelationshipRow, ResidentRow, StaffAccountRow


class Details(Protocol):
    def cleaned(self) -> Any: ...
    def validate(self, today: Any) -> None: ...


D = TypeVar("D", bound=Details)


@dataclass(frozen=True)
class RecordKind(Generic[D]):
    """How one kind of resident record is stored, checked and audited."""

    row: Any
    #: The event kind and audit subject type, e.g. "resident_group".
    kind: str
    #: The record in words, for messages: "group".
    what: str
    details: type[D]
    #: Audit actions for added, changed, removed.
    actions: tuple[str, str, str]
    edit: Permission
    #: Who may see these records at all (None: everyone).
    view: Permission | None = None
    converters: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    #: Column names to sort by (newest first when prefixed with "-").
    order: tuple[str, ...] = ("created_at",)
    #: Extra checks inside the unit of work (e.g. a relationship belongs to this resident).
    check: Callable[[Work, str, D], None] | None = None
    #: Audit details that carry no free text, e.g. {"kind": "court_order"}.
    summary: Callable[[D], dict[str, Any]] | None = None
    #: The plural, where adding "s" to ``what`` is wrong ("restrictions on contact").
    plural: str = ""

    @property
    def whats(self) -> str:
        return self.plural or f"{self.what}s"


@dataclass(frozen=True)
class ResidentRecordView(Generic[D]):
    """One stored record with who recorded it and its version (for conflict checks)."""

    id: str
    resident_id: str
    details: D
    recorded_by: str
    created_at: datetime
    updated_at: datetime
    version: str


def add_record(ws: Workspace, spec: RecordKind[D], resident_id: str, details: D) -> ResidentRecordView[D]:
    """Validate and store a new record of ``spec``'s kind for a resident."""
    ws.require(spec.edit, f"record {spec.whats}")
    _require_view(ws, spec)
    clean = _prepare(ws, details)
    with ws.work() as w:
        open_resident(w, resident_id)
        if spec.check:
            spec.check(w, resident_id, clean)
        row = spec.row(resident_id=resident_id)
        apply_details(row, clean)
        w.created(
            row, spec.actions[0], kind=spec.kind, resident_id=resident_id, details=_summary(spec, clean)
        )
        return _view(w.session, spec, row)


def change_record(
    ws: Workspace, spec: RecordKind[D], record_id: str, details: D, *, expected_version: str | None = None
) -> ResidentRecordView[D]:
    """Save an edited record; refused when someone else changed it since ``expected_version``."""
    ws.require(spec.edit, f"change {spec.whats}")
    _require_view(ws, spec)
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = w.get(spec.row, record_id, spec.what)
        open_resident(w, row.resident_id)
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {
                    "version": f"Someone else changed this {spec.what} since you opened it: "
                    "close it and open it again to see their changes."
                }
            )
        if spec.check:
            spec.check(w, row.resident_id, clean)
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row,
                spec.actions[1],
                kind=spec.kind,
                resident_id=row.resident_id,
                details={"fields": changed, **_summary(spec, clean)},
            )
        return _view(w.session, spec, row)


def remove_record(ws: Workspace, spec: RecordKind[D], record_id: str) -> None:
    """Remove a record made in error (kept as a tombstone so the removal syncs)."""
    ws.require(spec.edit, f"remove {spec.whats}")
    _require_view(ws, spec)
    with ws.work() as w:
        row = w.get(spec.row, record_id, spec.what)
        open_resident(w, row.resident_id)
        row.deleted = True
        w.touched(row, spec.actions[2], kind=spec.kind, resident_id=row.resident_id, event="deleted")


def records_for(ws: Workspace, spec: RecordKind[D], resident_id: str) -> list[ResidentRecordView[D]]:
    """A resident's records of this kind, in ``spec.order``."""
    _require_view(ws, spec)
    order = [
        getattr(spec.row, name[1:]).desc() if name.startswith("-") else getattr(spec.row, name)
        for name in spec.order
    ]
    with ws.read() as session:
        rows = session.scalars(
            select(spec.row)
            .where(spec.row.resident_id == resident_id, spec.row.deleted.is_(False))
            .order_by(*order, spec.row.id)
        ).all()
        names = _staff_names(session, {r.created_by for r in rows if r.created_by})
        return [_view(session, spec, r, names) for r in rows]


def record(ws: Workspace, spec: RecordKind[D], record_id: str) -> ResidentRecordView[D]:
    """One record by id."""
    _require_view(ws, spec)
    with ws.read() as session:
        row = session.get(spec.row, record_id)
        if row is None or row.deleted:
            raise NotFound(f"That {spec.what} no longer exists (it may have been removed).")
        return _view(session, spec, row)


def open_resident(w: Work, resident_id: str) -> ResidentRow:
    """The resident's row, refusing changes to an archived record."""
    row = w.get(ResidentRow, resident_id, "resident")
    if row.archived:
        raise ValidationError(
            {"archived": "This resident's record is archived: restore it before changing it."}
        )
    return row


def check_relationships(w: Work, resident_id: str, ids: list[str | None], field_name: str) -> None:
    """Every id names a current relationship of this resident (not someone else's)."""
    for rel_id in ids:
        if rel_id is None:
            continue
        row = w.session.get(RelationshipRow, rel_id)
        if row is None or row.deleted or row.resident_id != resident_id:
            raise ValidationError({field_name: "Choose one of this resident's key people."})


def _require_view(ws: Workspace, spec: RecordKind[Any]) -> None:
    if spec.view is not None and not ws.may(spec.view):
        ws.refresh_actor()
        if not ws.may(spec.view):
            raise PermissionDenied(f"{ws.actor.role.label}s cannot see {spec.whats}: ask a manager.")


def _prepare(ws: Workspace, details: D) -> D:
    clean: D = details.cleaned()
    clean.validate(ws.today())
    return clean


def _summary(spec: RecordKind[D], details: D) -> dict[str, Any]:
    return spec.summary(details) if spec.summary else {}


def _staff_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(StaffAccountRow.id, StaffAccountRow.full_name).where(StaffAccountRow.id.in_(ids))
    ).all()
    return {r.id: r.full_name for r in rows}


def _view(
    session: Session, spec: RecordKind[D], row: Any, names: dict[str, str] | None = None
) -> ResidentRecordView[D]:
    if names is None:
        names = _staff_names(session, {row.created_by} if row.created_by else set())
    return ResidentRecordView(
        id=row.id,
        resident_id=row.resident_id,
        details=read_details(spec.details, row, dict(spec.converters)),
        recorded_by=names.get(row.created_by or "", ""),
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.hlc,
    )
