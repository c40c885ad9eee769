"""The manager's narrative for a governance review: good practice and areas to improve for a
period, kept so the report of the same period can be printed again with the same words."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.oversight_tables import GovernanceNarrativeRow

NARRATIVE = "governance_narrative"


def narrative(ws: Workspace, start: date, end: date) -> Narrative:
    """The narrative written for exactly this period (empty if none yet)."""
    ws.require(Permission.LEAD_PRACTICE, "read the governance review")
    with ws.read() as session:
        return narrative_in(session, start, end)


def narrative_in(session: Session, start: date, end: date) -> Narrative:
    row = _row(session, start, end)
    if row is None:
        return Narrative(start, end)
    return Narrative(start, end, row.good_practice, row.to_improve)


def save_narrative(ws: Workspace, text: Narrative) -> Narrative:
    """Keep the manager's words for the period (replacing earlier words for the same period)."""
    ws.require(Permission.LEAD_PRACTICE, "write the governance review")
    clean = text.cleaned()
    clean.validate()
    with ws.work() as w:
        row = _row(w.session, clean.period_start, clean.period_end)
        if row is None:
            row = GovernanceNarrativeRow()
            apply_details(row, clean)
            w.created(row, "governance_narrative_written", kind=NARRATIVE)
        else:
            changed = apply_details(row, clean)
            if changed:
                w.touched(row, "governance_narrative_changed", kind=NARRATIVE, details={"fields": changed})
        return clean


def _row(session: Session, start: date, end: date) -> GovernanceNarrativeRow | None:
    return session.scalars(
        select(GovernanceNarrativeRow)
        .where(
            GovernanceNarrativeRow.deleted.is_(False),
            GovernanceNarrativeRow.period_start == start,
            GovernanceNarrativeRow.period_end == end,
        )
        .order_by(GovernanceNarrativeRow.updated_at.desc())
    ).first()
