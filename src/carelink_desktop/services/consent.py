"""Consent records: what was agreed, by whom, with capacity and best-interests notes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.readmodels import ConsentView
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import ConsentRow, ResidentRow, StaffAccountRow

KIND = "consent_record"
_CONVERT = {
    "topic": ConsentTopic,
    "decision": ConsentDecision,
    "decided_by": DecidedBy,
    "capacity": Capacity,
}


def record_consent(ws: Workspace, resident_id: str, details: ConsentDetails) -> ConsentView:
    ws.require(Permission.EDIT_RESIDENTS, "record consent")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        _open_resident(w, resident_id)
        row = ConsentRow(resident_id=resident_id)
        apply_details(row, clean)
        w.created(
            row,
            "consent_recorded",
            kind=KIND,
            resident_id=resident_id,
            details={"topic": clean.topic.value, "decision": clean.decision.value},
        )
        return _view(w.session, row)


def update_consent(ws: Workspace, consent_id: str, details: ConsentDetails) -> ConsentView:
    ws.require(Permission.EDIT_RESIDENTS, "change consent records")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        row = w.get(ConsentRow, consent_id, "consent record")
        _open_resident(w, row.resident_id)
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row, "consent_changed", kind=KIND, resident_id=row.resident_id, details={"fields": changed}
            )
        return _view(w.session, row)


def delete_consent(ws: Workspace, consent_id: str) -> None:
    """Remove a consent record entered in error (kept as a tombstone so the removal syncs)."""
    ws.require(Permission.EDIT_RESIDENTS, "delete consent records")
    with ws.work() as w:
        row = w.get(ConsentRow, consent_id, "consent record")
        _open_resident(w, row.resident_id)
        row.deleted = True
        w.touched(row, "consent_deleted", kind=KIND, resident_id=row.resident_id, event="deleted")


def _open_resident(w: Work, resident_id: str) -> ResidentRow:
    row = w.get(ResidentRow, resident_id, "resident")
    if row.archived:
        raise ValidationError(
            {"archived": "This resident's record is archived: restore it before changing it."}
        )
    return row


def consents_for(ws: Workspace, resident_id: str) -> list[ConsentView]:
    """A resident's consent records, newest decision first."""
    with ws.read() as session:
        rows = session.scalars(
            select(ConsentRow)
            .where(ConsentRow.resident_id == resident_id, ConsentRow.deleted.is_(False))
            .order_by(ConsentRow.decision_date.desc(), ConsentRow.created_at.desc())
        ).all()
        return [_view(session, r) for r in rows]


def _view(session: Session, row: ConsentRow) -> ConsentView:
    who = session.get(StaffAccountRow, row.created_by) if row.created_by else None
    return ConsentView(
        id=row.id,
        resident_id=row.resident_id,
        details=read_details(ConsentDetails, row, _CONVERT),
        recorded_by=who.full_name if who else "",
        updated_at=row.updated_at,
    )
