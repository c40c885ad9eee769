"""Residents: admit, update, find, view and archive."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import and_, func, or_, select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.residents import CommunicationMethod, ResidentDetails, resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.readmodels import ResidentSummary, ResidentView
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.search import fold, like_pattern, terms
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import ResidentRow, StaffAccountRow, new_id

KIND = "resident"


class ResidentFilter(StrEnum):
    """Which residents a list shows. ALL means everyone current or discharged; archived
    records (closed, kept only for retention) show only under ARCHIVED."""

    CURRENT = "current"
    DISCHARGED = "discharged"
    ALL = "all"
    ARCHIVED = "archived"


def _search_text(d: ResidentDetails) -> str:
    return fold(" ".join((d.legal_given_names, d.legal_family_name, d.preferred_name, d.room, d.nhs_number)))


def _sort_key(d: ResidentDetails) -> str:
    return fold(f"{d.legal_family_name} {d.legal_given_names}")[:250]


def _check_keyworker(w: Work, keyworker_id: str | None) -> None:
    if keyworker_id is None:
        return
    row = w.session.get(StaffAccountRow, keyworker_id)
    if row is None or not row.active or row.deleted:
        raise ValidationError({"keyworker_id": "The keyworker chosen is not an active member of staff."})


def _prepare(ws: Workspace, details: ResidentDetails) -> ResidentDetails:
    clean = details.cleaned()
    clean.validate(ws.today())
    return clean


def admit_resident(ws: Workspace, details: ResidentDetails) -> ResidentView:
    """Add a resident's record."""
    ws.require(Permission.EDIT_RESIDENTS, "add residents")
    clean = _prepare(ws, details)
    with ws.work() as w:
        return _view(w, _admit(w, clean))


def _admit(w: Work, clean: ResidentDetails, *, flush: bool = True) -> ResidentRow:
    _check_keyworker(w, clean.keyworker_id)
    row = ResidentRow(
        archived=False, archived_reason="", search_text=_search_text(clean), sort_key=_sort_key(clean)
    )
    apply_details(row, clean)
    row.id = new_id()
    return w.created(row, "resident_added", kind=KIND, resident_id=row.id, flush=flush)


def admit_residents(ws: Workspace, many: list[ResidentDetails]) -> list[str]:
    """Add many residents in one transaction (imports, the demo home, benchmarks); returns ids."""
    ws.require(Permission.EDIT_RESIDENTS, "add residents")
    cleaned = [_prepare(ws, d) for d in many]
    with ws.work() as w:
        return [_admit(w, clean, flush=False).id for clean in cleaned]


def update_resident(
    ws: Workspace, resident_id: str, details: ResidentDetails, *, expected_version: str | None = None
) -> ResidentView:
    """Save a resident's edited profile; the audit entry lists the fields that changed.

    ``expected_version`` (the ``version`` of the view the form was filled from) refuses the save
    when someone else has changed the record since, instead of silently overwriting them."""
    ws.require(Permission.EDIT_RESIDENTS, "change residents' records")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = w.get(ResidentRow, resident_id, "resident")
        if row.archived:
            raise ValidationError({"archived": "This record is archived: restore it before changing it."})
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {
                    "version": "Someone else changed this record since you opened it: "
                    "close it and open it again to see their changes."
                }
            )
        if clean.keyworker_id != row.keyworker_id:
            _check_keyworker(w, clean.keyworker_id)
        changed = apply_details(row, clean)
        if not changed:
            return _view(w, row)
        row.search_text = _search_text(clean)
        row.sort_key = _sort_key(clean)
        w.touched(row, "resident_changed", kind=KIND, resident_id=row.id, details={"fields": changed})
        return _view(w, row)


def archive_resident(ws: Workspace, resident_id: str, reason: str) -> ResidentView:
    """Close a resident's record (it stays, read-only, for as long as the home must keep it)."""
    ws.require(Permission.ARCHIVE_RECORDS, "archive residents' records")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being archived."})
    with ws.work() as w:
        row = w.get(ResidentRow, resident_id, "resident")
        row.archived = True
        row.archived_reason = reason.strip()
        w.touched(row, "resident_archived", kind=KIND, resident_id=row.id)
        return _view(w, row)


def restore_resident(ws: Workspace, resident_id: str) -> ResidentView:
    ws.require(Permission.ARCHIVE_RECORDS, "restore archived records")
    with ws.work() as w:
        row = w.get(ResidentRow, resident_id, "resident")
        row.archived = False
        row.archived_reason = ""
        w.touched(row, "resident_unarchived", kind=KIND, resident_id=row.id)
        return _view(w, row)


def view_resident(ws: Workspace, resident_id: str) -> ResidentView:
    """A resident's whole record. Opening it is audited (who looked at whose record)."""
    with ws.work() as w:
        row = w.get(ResidentRow, resident_id, "resident")
        w.audit("resident_viewed", subject_type=KIND, subject_id=row.id, resident_id=row.id)
        return _view(w, row)


def _view(w: Work, row: ResidentRow) -> ResidentView:
    details = read_details(
        ResidentDetails,
        row,
        {"communication_methods": lambda xs: tuple(CommunicationMethod(x) for x in xs)},
    )
    keyworker = w.session.get(StaffAccountRow, row.keyworker_id) if row.keyworker_id else None
    return ResidentView(
        id=row.id,
        details=details,
        display_name=resident_name(row),
        keyworker_name=keyworker.full_name if keyworker else "",
        archived=row.archived,
        archived_reason=row.archived_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.hlc,
    )


_SUMMARY_COLUMNS = (
    ResidentRow.id,
    ResidentRow.legal_given_names,
    ResidentRow.legal_family_name,
    ResidentRow.preferred_name,
    ResidentRow.room,
    ResidentRow.date_of_birth,
    ResidentRow.admission_date,
    ResidentRow.discharge_date,
    ResidentRow.archived,
)


def find_residents(
    ws: Workspace,
    query: str = "",
    *,
    status: ResidentFilter = ResidentFilter.CURRENT,
    limit: int | None = None,
    offset: int = 0,
) -> list[ResidentSummary]:
    """Residents whose names, preferred name, room or NHS number contain every word of ``query``
    (accents and case ignored), sorted by surname then first names."""
    stmt = _filtered(select(*_SUMMARY_COLUMNS), ws, query, status)
    stmt = stmt.order_by(ResidentRow.sort_key, ResidentRow.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    with ws.store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    today = ws.today()
    return [
        ResidentSummary(
            id=r.id,
            display_name=resident_name(r),
            legal_given_names=r.legal_given_names,
            legal_family_name=r.legal_family_name,
            preferred_name=r.preferred_name,
            room=r.room,
            date_of_birth=r.date_of_birth,
            admission_date=r.admission_date,
            discharge_date=r.discharge_date,
            archived=r.archived,
            is_current=not r.archived and (r.discharge_date is None or r.discharge_date > today),
        )
        for r in rows
    ]


def resident_exists(ws: Workspace, resident_id: str) -> bool:
    """True when the ID names a resident (archived or not); reading it is not a view of the record."""
    with ws.read() as s:
        row = s.get(ResidentRow, resident_id)
        return row is not None and not row.deleted


def count_residents(
    ws: Workspace, query: str = "", *, status: ResidentFilter = ResidentFilter.CURRENT
) -> int:
    """How many residents ``find_residents`` would return (for lists that load page by page)."""
    stmt = _filtered(select(func.count()).select_from(ResidentRow), ws, query, status)
    with ws.store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _filtered(stmt, ws: Workspace, query: str, status: ResidentFilter):  # type: ignore[no-untyped-def]
    stmt = stmt.where(ResidentRow.deleted.is_(False))
    for term in terms(query):
        stmt = stmt.where(ResidentRow.search_text.like(like_pattern(term), escape="\\"))
    return stmt.where(_status_clause(ResidentFilter(status), ws.today()))


def _status_clause(status: ResidentFilter, today: date):  # type: ignore[no-untyped-def]
    not_archived = ResidentRow.archived.is_(False)
    discharged = and_(ResidentRow.discharge_date.is_not(None), ResidentRow.discharge_date <= today)
    if status is ResidentFilter.CURRENT:
        return and_(
            not_archived, or_(ResidentRow.discharge_date.is_(None), ResidentRow.discharge_date > today)
        )
    if status is ResidentFilter.DISCHARGED:
        return and_(not_archived, discharged)
    if status is ResidentFilter.ARCHIVED:
        return ResidentRow.archived.is_(True)
    return not_archived
