"""The list of relationship types: the built-in ones plus those the home added."""

from __future__ import annotations

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.relationships import BUILT_IN_TYPES, Category, RelationshipType
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.text import fold
from carelink_desktop.domain.validation import clean
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.map_tables import RelationshipTypeRow

KIND = "relationship_type"


def relationship_types(ws: Workspace) -> list[RelationshipType]:
    """Every type to choose from: the built-in list, then the home's own, by label."""
    with ws.read() as s:
        rows = s.scalars(select(RelationshipTypeRow).where(RelationshipTypeRow.deleted.is_(False))).all()
        own = [RelationshipType(r.label, r.reverse, Category(r.category)) for r in rows]
    known = {fold(t.label) for t in BUILT_IN_TYPES}
    extra = sorted((t for t in own if fold(t.label) not in known), key=lambda t: fold(t.label))
    return [*BUILT_IN_TYPES, *extra]


def find_type(types: list[RelationshipType], label: str) -> RelationshipType | None:
    """The type whose label matches ``label`` ignoring case and accents."""
    wanted = fold(label)
    return next((t for t in types if fold(t.label) == wanted), None)


def add_relationship_type(ws: Workspace, label: str, reverse: str, category: Category) -> RelationshipType:
    """Add a type to the home's list (e.g. "step-daughter" / "step-parent")."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "add relationship types")
    with ws.work() as w:
        return remember_type(w, label, reverse, category, strict=True)


def remember_type(
    w: Work, label: str, reverse: str, category: Category, *, strict: bool = False
) -> RelationshipType:
    """Add the type inside a unit of work unless it is known; ``strict`` refuses duplicates."""
    label, reverse = clean(label), clean(reverse)
    if not label:
        raise ValidationError({"label": "Give the relationship, e.g. step-daughter."})
    if len(label) > 60 or len(reverse) > 60:
        raise ValidationError({"label": "A relationship type is at most 60 characters."})
    existing = find_type(list(BUILT_IN_TYPES), label)
    if existing is None:
        rows = w.session.scalars(
            select(RelationshipTypeRow).where(RelationshipTypeRow.deleted.is_(False))
        ).all()
        own = [RelationshipType(r.label, r.reverse, Category(r.category)) for r in rows]
        existing = find_type(own, label)
    if existing is not None:
        if strict:
            raise ValidationError({"label": f"'{existing.label}' is already in the list."})
        return existing
    row = RelationshipTypeRow(label=label, reverse=reverse, category=category.value)
    w.created(row, "relationship_type_added", kind=KIND, details={"label": label}, flush=False)
    return RelationshipType(label, reverse, category)


def remove_relationship_type(ws: Workspace, label: str) -> None:
    """Take one of the home's own types off the list (relationships keep their words)."""
    ws.require(Permission.MANAGE_ACCOUNTS, "change the list of relationship types")
    if find_type(list(BUILT_IN_TYPES), label) is not None:
        raise ValidationError({"label": "Built-in relationship types cannot be removed."})
    with ws.work() as w:
        rows = w.session.scalars(
            select(RelationshipTypeRow).where(RelationshipTypeRow.deleted.is_(False))
        ).all()
        match = [r for r in rows if fold(r.label) == fold(label)]
        if not match:
            raise ValidationError({"label": f"'{label}' is not one of the home's own relationship types."})
        for row in match:
            row.deleted = True
            w.touched(
                row, "relationship_type_removed", kind=KIND, event="deleted", details={"label": row.label}
            )
