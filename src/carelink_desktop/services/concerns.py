"""Concerns raised from a contact or on their own, and the home's list of them.

A concern is a resident record kept by the generic ``services.resident_records`` functions with
the ``CONCERNS`` kind (``add_record(ws, CONCERNS, resident_id, details)``); this module adds the
home-wide list with its filters, and the manager's side (``handle_concern``: who handles it,
advice, options weighed for a dilemma, decision and reasoning, practice changes, lessons), which
only a manager writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from carelink_desktop.domain.concerns import (
    ConcernDetails,
    ConcernHandling,
    ConcernKind,
    ConcernStatus,
    Severity,
)
from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.resident_records import RecordKind, check_relationships
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow, StaffAccountRow
from carelink_desktop.storage.visit_tables import ConcernRow, VisitRecordRow


def _check_concern(w: Work, resident_id: str, d: ConcernDetails) -> None:
    check_relationships(w, resident_id, [d.relationship_id], "relationship_id")
    if d.visit_id is not None:
        visit = w.session.get(VisitRecordRow, d.visit_id)
        if visit is None or visit.deleted or visit.resident_id != resident_id:
            raise ValidationError({"visit_id": "That record of contact is not this resident's."})


CONCERNS: RecordKind[ConcernDetails] = RecordKind(
    row=ConcernRow,
    kind="concern",
    what="concern",
    details=ConcernDetails,
    actions=("concern_raised", "concern_changed", "concern_removed"),
    edit=Permission.RECORD_CONTACT,
    converters={"kind": ConcernKind, "severity": Severity, "status": ConcernStatus},
    order=("-raised_on", "-created_at"),
    check=_check_concern,
    summary=lambda d: {"kind": d.kind.value, "severity": d.severity.value, "status": d.status.value},
)


@dataclass(frozen=True)
class ConcernFilter:
    """Filters of the concerns list (empty: everything)."""

    statuses: frozenset[ConcernStatus] = frozenset()
    kinds: frozenset[ConcernKind] = frozenset()
    min_severity: Severity | None = None
    resident_id: str | None = None
    raised_from: date | None = None
    raised_to: date | None = None


@dataclass(frozen=True)
class ConcernSummary:
    """A line of the concerns list."""

    id: str
    resident_id: str
    resident_name: str
    kind: ConcernKind
    severity: Severity
    status: ConcernStatus
    description: str
    raised_on: date
    #: The key person it concerns ("" when none).
    person: str
    reported_to: str
    visit_id: str | None
    raised_by: str
    created_at: datetime
    version: str
    #: Who is handling it (the manager's side); "" when no one yet, or for anyone who may not
    #: see the manager's side.
    handler: str = ""

    def age_days(self, today: date) -> int:
        return (today - self.raised_on).days


def concerns_list(ws: Workspace, filters: ConcernFilter | None = None) -> list[ConcernSummary]:
    """The home's concerns, most severe and oldest open first, then the rest newest first."""
    f = filters or ConcernFilter()
    query = select(ConcernRow).where(ConcernRow.deleted.is_(False))
    if f.statuses:
        query = query.where(ConcernRow.status.in_([s.value for s in f.statuses]))
    if f.kinds:
        query = query.where(ConcernRow.kind.in_([k.value for k in f.kinds]))
    if f.min_severity is not None:
        query = query.where(
            ConcernRow.severity.in_([s.value for s in Severity if s.rank >= f.min_severity.rank])
        )
    if f.resident_id is not None:
        query = query.where(ConcernRow.resident_id == f.resident_id)
    if f.raised_from is not None:
        query = query.where(ConcernRow.raised_on >= f.raised_from)
    if f.raised_to is not None:
        query = query.where(ConcernRow.raised_on <= f.raised_to)
    sees_handling = ws.may(Permission.LEAD_PRACTICE)
    with ws.read() as session:
        rows = session.scalars(query).all()
        residents = {
            r.id: resident_name(r)
            for r in session.scalars(
                select(ResidentRow).where(ResidentRow.id.in_({c.resident_id for c in rows}))
            )
        }
        rel_ids = {c.relationship_id for c in rows if c.relationship_id}
        people = {
            r.id: person_name(r)
            for r in session.execute(
                select(RelationshipRow.id, KeyPersonRow.given_names, KeyPersonRow.family_name)
                .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
                .where(RelationshipRow.id.in_(rel_ids))
            ).all()
        }
        staff = dict(
            session.execute(
                select(StaffAccountRow.id, StaffAccountRow.full_name).where(
                    StaffAccountRow.id.in_({c.created_by for c in rows if c.created_by})
                )
            ).all()
        )
        items = [
            ConcernSummary(
                id=c.id,
                resident_id=c.resident_id,
                resident_name=residents.get(c.resident_id, ""),
                kind=ConcernKind(c.kind),
                severity=Severity(c.severity),
                status=ConcernStatus(c.status),
                description=c.description,
                raised_on=c.raised_on,
                person=people.get(c.relationship_id or "", ""),
                reported_to=c.reported_to,
                visit_id=c.visit_id,
                raised_by=staff.get(c.created_by or "", ""),
                created_at=c.created_at,
                version=c.hlc,
                handler=c.handler if sees_handling else "",
            )
            for c in rows
        ]
    closed = [i for i in items if i.status is ConcernStatus.CLOSED]
    live = [i for i in items if i.status is not ConcernStatus.CLOSED]
    live.sort(key=lambda i: (-i.severity.rank, i.raised_on, i.id))
    closed.sort(key=lambda i: (i.raised_on, i.id), reverse=True)
    return live + closed


# -- the manager's side ------------------------------------------------------------------------


def concern_handling(ws: Workspace, concern_id: str) -> ConcernHandling:
    """The manager's side of a concern (empty until someone takes it on)."""
    ws.require(Permission.LEAD_PRACTICE, "see how concerns are handled")
    with ws.read() as session:
        row = session.get(ConcernRow, concern_id)
        if row is None or row.deleted:
            raise NotFound("That concern no longer exists (it may have been removed).")
        return read_details(ConcernHandling, row)


def handle_concern(
    ws: Workspace, concern_id: str, handling: ConcernHandling, *, expected_version: str | None = None
) -> ConcernHandling:
    """Record who handles a concern, the advice sought, the options weighed (dilemmas), the
    decision and its reasoning, what it means for practice, and the lessons."""
    ws.require(Permission.LEAD_PRACTICE, "handle concerns")
    clean = handling.cleaned()
    with ws.work() as w:
        row = w.get(ConcernRow, concern_id, "concern")
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {"version": "Someone else changed this concern while you were editing: open it again."}
            )
        clean.validate(ConcernKind(row.kind), ConcernStatus(row.status))
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row,
                "concern_handled",
                kind=CONCERNS.kind,
                resident_id=row.resident_id,
                details={"fields": changed},
            )
        return clean
