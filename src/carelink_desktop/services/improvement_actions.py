"""Improvement actions: the manager's loop from feedback, concerns and analysis to a change in
practice and its result (lead-practice P7–P10, P13, P14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.oversight_tables import FeedbackRow, ImprovementActionRow
from carelink_desktop.storage.visit_tables import ConcernRow

ACTION = "improvement_action"
_CONVERTERS = {"source": ActionSource, "status": ActionStatus}


@dataclass(frozen=True)
class ActionView:
    id: str
    details: ImprovementActionDetails
    created_at: datetime
    version: str

    def overdue(self, today: date) -> bool:
        return self.details.overdue(today)


@dataclass(frozen=True)
class ActionFilter:
    """Filters of the actions list (empty: everything)."""

    statuses: frozenset[ActionStatus] = frozenset()
    source: ActionSource | None = None
    source_id: str | None = None
    #: Actions agreed on or before this day and not finished before ``active_from`` (a period).
    active_from: date | None = None
    active_to: date | None = None


def add_action(ws: Workspace, details: ImprovementActionDetails) -> ActionView:
    """Agree an improvement action."""
    ws.require(Permission.LEAD_PRACTICE, "agree improvement actions")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        _check_source(w, clean)
        row = ImprovementActionRow()
        apply_details(row, clean)
        w.created(row, "improvement_action_added", kind=ACTION, details=_summary(clean))
        return action_view(row)


def change_action(
    ws: Workspace, action_id: str, details: ImprovementActionDetails, *, expected_version: str | None = None
) -> ActionView:
    """Update an action: progress, its result, closing it. Refused when someone else changed it
    since ``expected_version``."""
    ws.require(Permission.LEAD_PRACTICE, "change improvement actions")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        row = w.get(ImprovementActionRow, action_id, "improvement action")
        if expected_version is not None and row.hlc != expected_version:
            raise ValidationError(
                {"version": "Someone else changed this action while you were editing: open it again."}
            )
        _check_source(w, clean)
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row, "improvement_action_changed", kind=ACTION, details={**_summary(clean), "fields": changed}
            )
        return action_view(row)


def remove_action(ws: Workspace, action_id: str) -> None:
    """Remove an action recorded in error (a tombstone, so the removal syncs)."""
    ws.require(Permission.LEAD_PRACTICE, "remove improvement actions")
    with ws.work() as w:
        row = w.get(ImprovementActionRow, action_id, "improvement action")
        row.deleted = True
        w.touched(row, "improvement_action_removed", kind=ACTION, event="removed")


def improvement_action(ws: Workspace, action_id: str) -> ActionView:
    ws.require(Permission.LEAD_PRACTICE, "see improvement actions")
    with ws.read() as session:
        row = session.get(ImprovementActionRow, action_id)
        if row is None or row.deleted:
            raise NotFound("That improvement action no longer exists (it may have been removed).")
        return action_view(row)


def improvement_actions(ws: Workspace, filters: ActionFilter | None = None) -> list[ActionView]:
    """Actions, open ones first by due date, then finished ones newest first."""
    ws.require(Permission.LEAD_PRACTICE, "see improvement actions")
    with ws.read() as session:
        return [action_view(r) for r in action_rows(session, filters or ActionFilter())]


def action_rows(session: Session, f: ActionFilter) -> list[ImprovementActionRow]:
    """``improvement_actions`` inside an open session (the dashboard and report use it)."""
    query = select(ImprovementActionRow).where(ImprovementActionRow.deleted.is_(False))
    if f.statuses:
        query = query.where(ImprovementActionRow.status.in_([s.value for s in f.statuses]))
    if f.source is not None:
        query = query.where(ImprovementActionRow.source == f.source.value)
    if f.source_id is not None:
        query = query.where(ImprovementActionRow.source_id == f.source_id)
    if f.active_to is not None:
        query = query.where(ImprovementActionRow.raised_on <= f.active_to)
    if f.active_from is not None:
        query = query.where(
            ImprovementActionRow.completed_on.is_(None) | (ImprovementActionRow.completed_on >= f.active_from)
        )
    rows = list(session.scalars(query))
    live = sorted(
        (r for r in rows if ActionStatus(r.status).open), key=lambda r: (r.due_on, r.raised_on, r.id)
    )
    done = sorted(
        (r for r in rows if not ActionStatus(r.status).open),
        key=lambda r: (r.completed_on or r.raised_on, r.id),
        reverse=True,
    )
    return live + done


def _check_source(w: Work, d: ImprovementActionDetails) -> None:
    if d.source_id is None:
        return
    model = {ActionSource.FEEDBACK: FeedbackRow, ActionSource.CONCERN: ConcernRow}.get(d.source)
    if model is None:
        raise ValidationError({"source_id": "Only feedback or a concern can be linked."})
    row = w.session.get(model, d.source_id)
    if row is None or row.deleted:
        raise ValidationError({"source_id": f"That {d.source.value} no longer exists."})


def _summary(d: ImprovementActionDetails) -> dict[str, str]:
    return {"source": d.source.value, "status": d.status.value}


def action_view(row: ImprovementActionRow) -> ActionView:
    """The read model of a stored action (the dashboard uses it too)."""
    return ActionView(
        row.id, read_details(ImprovementActionDetails, row, _CONVERTERS), row.created_at, row.hlc
    )
