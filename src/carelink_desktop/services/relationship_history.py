"""The history of a relationship: every change kept, in words, so the map's past can be shown.

``describe_changes`` compares two versions of a relationship's details field by field and gives
each difference as label, before and after (in plain English, dates dd/mm/yyyy). The service that
saves a relationship stores the result as a ``relationship_change`` row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import ContactWish, RelationshipDetails
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.map_tables import RelationshipChangeRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow

#: The words for each field of a relationship, as the history and the audit show them.
FIELD_LABELS: dict[str, str] = {
    "relationship": "Relationship",
    "reverse_relationship": "Reverse relationship",
    "category": "Category",
    "circle": "Circle",
    "quality": "How it is going",
    "next_of_kin": "Next of kin",
    "primary_next_of_kin": "Primary next of kin",
    "attorney_powers": "Lasting power of attorney",
    "essential_care_supporter": "Essential care supporter",
    "contact_wishes": "How they keep in touch",
    "what_matters": "What matters about this relationship",
    "support_needed": "What the key person needs to keep it going",
    "difficulties": "Difficulties they report",
    "risks_and_challenges": "Risks and challenges",
    "started_on": "Started",
    "ended_on": "Ended",
    "end_reason": "Why it ended",
    "end_support": "Support given when it ended",
}

CHANGE_LABELS = {
    "created": "Added to the map",
    "moved": "Moved to another circle",
    "changed": "Changed",
    "ended": "Relationship ended",
    "resumed": "Relationship resumed",
    "removed": "Removed from the map (entered in error)",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeView:
    """One entry of a relationship's history."""

    id: str
    relationship_id: str
    key_person_name: str
    at: datetime
    changed_by: str
    change: str
    summary: str
    fields: tuple[FieldChange, ...]
    reason: str

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS.get(self.change, self.change.replace("_", " ").capitalize())


def as_text(value: Any) -> str:
    """A field's value in words: enums by label, yes/no, dd/mm/yyyy, wishes in a sentence."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date):
        return format_uk_date(value)
    if isinstance(value, tuple):
        return "; ".join(_wish_text(v) if isinstance(v, ContactWish) else as_text(v) for v in value)
    return str(value)


def _wish_text(wish: ContactWish) -> str:
    text = f"{wish.method.label}: {wish.frequency.label.lower()}"
    return f"{text} ({wish.notes})" if wish.notes else text


def describe_changes(before: RelationshipDetails | None, after: RelationshipDetails) -> list[FieldChange]:
    """The fields that differ, in form order (all set fields when ``before`` is None)."""
    out: list[FieldChange] = []
    for f in fields(after):
        new = getattr(after, f.name)
        old = getattr(before, f.name) if before is not None else None
        if before is not None and old == new:
            continue
        if before is None and as_text(new) in ("", "No"):
            continue
        out.append(FieldChange(f.name, FIELD_LABELS.get(f.name, f.name), as_text(old), as_text(new)))
    return out


def change_kind(
    before: RelationshipDetails | None, after: RelationshipDetails, changed: list[FieldChange]
) -> str:
    if before is None:
        return "created"
    if before.ended_on is None and after.ended_on is not None:
        return "ended"
    if before.ended_on is not None and after.ended_on is None:
        return "resumed"
    if [c.field for c in changed] == ["circle"]:
        return "moved"
    return "changed"


def summarise(change: str, changed: list[FieldChange]) -> str:
    """One line for the timeline: 'Circle 3 → 1', 'How it is going: Positive → Strained'."""
    if change == "created":
        return CHANGE_LABELS["created"]
    if change == "moved" and changed:
        return f"Moved from circle {changed[0].before} to circle {changed[0].after}"
    parts = [f"{c.label}: {c.before or '(blank)'} → {c.after or '(blank)'}" for c in changed[:3]]
    if len(changed) > 3:
        parts.append(f"and {len(changed) - 3} more")
    return "; ".join(parts) or CHANGE_LABELS.get(change, change)


def record_change(
    w: Work,
    row: RelationshipRow,
    before: RelationshipDetails | None,
    after: RelationshipDetails | None,
    *,
    reason: str = "",
    change: str | None = None,
) -> RelationshipChangeRow | None:
    """Add a history entry for a relationship in this unit of work; None when nothing changed."""
    changed = describe_changes(before, after) if after is not None else []
    if change is not None:
        kind = change
    elif after is None:
        kind = "removed"
    else:
        kind = change_kind(before, after, changed)
    if not changed and kind not in ("removed", "created"):
        return None
    entry = RelationshipChangeRow(
        relationship_id=row.id,
        resident_id=row.resident_id,
        change=kind,
        changed_by_name=w.actor.full_name,
        summary=summarise(kind, changed) if kind != "removed" else CHANGE_LABELS["removed"],
        fields=[{"field": c.field, "label": c.label, "before": c.before, "after": c.after} for c in changed],
        reason=reason.strip(),
    )
    w.add(entry, flush=False)
    w.changed("relationship_change", "created", entry.id)
    return entry


def history_of(ws: Workspace, relationship_id: str) -> list[ChangeView]:
    """One relationship's history, newest first."""
    return _history(ws, RelationshipChangeRow.relationship_id == relationship_id)


def map_timeline(ws: Workspace, resident_id: str) -> list[ChangeView]:
    """How a resident's whole map changed, newest first (removed relationships included)."""
    return _history(ws, RelationshipChangeRow.resident_id == resident_id)


def _history(ws: Workspace, where: Any) -> list[ChangeView]:
    stmt = (
        select(RelationshipChangeRow, KeyPersonRow)
        .join(RelationshipRow, RelationshipRow.id == RelationshipChangeRow.relationship_id)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(where, RelationshipChangeRow.deleted.is_(False))
        .order_by(RelationshipChangeRow.created_at.desc(), RelationshipChangeRow.hlc.desc())
    )
    with ws.read() as s:
        return [
            ChangeView(
                id=c.id,
                relationship_id=c.relationship_id,
                key_person_name=person_name(p),
                at=c.created_at,
                changed_by=c.changed_by_name,
                change=c.change,
                summary=c.summary,
                fields=tuple(
                    FieldChange(
                        f.get("field", ""), f.get("label", ""), f.get("before", ""), f.get("after", "")
                    )
                    for f in c.fields
                ),
                reason=c.reason,
            )
            for c, p in s.execute(stmt).all()
        ]
