"""Key people: family, friends, unpaid carers and others who matter to residents."""

from __future__ import annotations

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails, person_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.readmodels import KeyPersonSummary, KeyPersonView
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.search import fold, like_pattern, terms
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import KeyPersonRow

KIND = "key_person"


def _search_text(d: KeyPersonDetails) -> str:
    return fold(" ".join((d.given_names, d.family_name, d.phone.replace(" ", ""), d.email)))


def _sort_key(d: KeyPersonDetails) -> str:
    return fold(f"{d.family_name} {d.given_names}")[:250]


def _prepare(details: KeyPersonDetails) -> KeyPersonDetails:
    clean = details.cleaned()
    clean.validate()
    return clean


def add_key_person(ws: Workspace, details: KeyPersonDetails) -> KeyPersonView:
    ws.require(Permission.EDIT_KEY_PEOPLE, "add key people")
    clean = _prepare(details)
    with ws.work() as w:
        return _view(_add(w, clean))


def _add(w: Work, clean: KeyPersonDetails, *, flush: bool = True) -> KeyPersonRow:
    row = KeyPersonRow(
        archived=False, archived_reason="", search_text=_search_text(clean), sort_key=_sort_key(clean)
    )
    apply_details(row, clean)
    return w.created(row, "key_person_added", kind=KIND, flush=flush)


def add_key_people(ws: Workspace, many: list[KeyPersonDetails]) -> list[str]:
    """Add many key people in one transaction (imports, the demo home, benchmarks); returns ids."""
    ws.require(Permission.EDIT_KEY_PEOPLE, "add key people")
    cleaned = [_prepare(d) for d in many]
    with ws.work() as w:
        return [_add(w, clean, flush=False).id for clean in cleaned]


def update_key_person(ws: Workspace, person_id: str, details: KeyPersonDetails) -> KeyPersonView:
    ws.require(Permission.EDIT_KEY_PEOPLE, "change key people's details")
    clean = _prepare(details)
    with ws.work() as w:
        row = w.get(KeyPersonRow, person_id, "key person")
        if row.archived:
            raise ValidationError({"archived": "This record is archived: restore it before changing it."})
        changed = apply_details(row, clean)
        if not changed:
            return _view(row)
        row.search_text = _search_text(clean)
        row.sort_key = _sort_key(clean)
        w.touched(row, "key_person_changed", kind=KIND, details={"fields": changed})
        return _view(row)


def archive_key_person(ws: Workspace, person_id: str, reason: str) -> KeyPersonView:
    ws.require(Permission.ARCHIVE_RECORDS, "archive key people")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being archived."})
    with ws.work() as w:
        row = w.get(KeyPersonRow, person_id, "key person")
        row.archived = True
        row.archived_reason = reason.strip()
        w.touched(row, "key_person_archived", kind=KIND)
        return _view(row)


def restore_key_person(ws: Workspace, person_id: str) -> KeyPersonView:
    """Bring an archived key person back into use."""
    ws.require(Permission.ARCHIVE_RECORDS, "restore archived records")
    with ws.work() as w:
        row = w.get(KeyPersonRow, person_id, "key person")
        row.archived = False
        row.archived_reason = ""
        w.touched(row, "key_person_unarchived", kind=KIND)
        return _view(row)


def view_key_person(ws: Workspace, person_id: str) -> KeyPersonView:
    with ws.read() as s:
        row = s.get(KeyPersonRow, person_id)
        if row is None or row.deleted:
            from carelink_desktop.domain.errors import NotFound

            raise NotFound("That key person no longer exists.")
        return _view(row)


def _view(row: KeyPersonRow) -> KeyPersonView:
    details = read_details(KeyPersonDetails, row, {"preferred_contact": ContactMethod})
    return KeyPersonView(
        id=row.id,
        details=details,
        archived=row.archived,
        archived_reason=row.archived_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def find_key_people(
    ws: Workspace, query: str = "", *, include_archived: bool = False, limit: int | None = None
) -> list[KeyPersonSummary]:
    """Key people whose name, phone or email contains every word of ``query``."""
    stmt = select(
        KeyPersonRow.id,
        KeyPersonRow.given_names,
        KeyPersonRow.family_name,
        KeyPersonRow.phone,
        KeyPersonRow.email,
        KeyPersonRow.archived,
    ).where(KeyPersonRow.deleted.is_(False))
    for term in terms(query):
        stmt = stmt.where(KeyPersonRow.search_text.like(like_pattern(term.replace(" ", "")), escape="\\"))
    if not include_archived:
        stmt = stmt.where(KeyPersonRow.archived.is_(False))
    stmt = stmt.order_by(KeyPersonRow.sort_key, KeyPersonRow.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with ws.store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        KeyPersonSummary(
            id=r.id,
            full_name=person_name(r),
            phone=r.phone,
            email=r.email,
            archived=r.archived,
        )
        for r in rows
    ]
