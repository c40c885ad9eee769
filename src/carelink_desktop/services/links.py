"""Linking key people to residents in a word ("daughter"); the relationship map holds the rest."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import Category, RelationshipDetails, RelationshipType
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.validation import clean
from carelink_desktop.services.relationship_types import find_type, relationship_types
from carelink_desktop.services.relationships import add_relationship, relate, remove_relationship
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow


@dataclass(frozen=True)
class LinkView:
    """One resident–key person link, with both names for lists."""

    id: str
    resident_id: str
    resident_name: str
    key_person_id: str
    key_person_name: str
    relationship: str


def link_key_person(ws: Workspace, resident_id: str, key_person_id: str, relationship: str) -> LinkView:
    """Put a key person on a resident's map with just the relationship ("daughter", "friend"...);
    the category and reverse come from the list of types, the rest is filled in on the map."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "link key people to residents")
    label = clean(relationship)
    if not label:
        raise ValidationError({"relationship": "Say how they are related, e.g. daughter, friend, neighbour."})
    if len(label) > 60:
        raise ValidationError({"relationship": "The relationship is too long (at most 60 characters)."})
    view = relate(ws, resident_id, key_person_id, default_details(relationship_types(ws), label))
    return next(link for link in key_people_of(ws, resident_id) if link.id == view.id)


def link_many(ws: Workspace, links: list[tuple[str, str, str]]) -> int:
    """Link many (resident id, key person id, relationship) at once, in one transaction
    (imports and the demo home); returns how many were made."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "link key people to residents")
    types = relationship_types(ws)
    with ws.work() as w:
        for resident_id, key_person_id, relationship in links:
            label = clean(relationship)[:60] or "key person"
            add_relationship(w, resident_id, key_person_id, default_details(types, label))
    return len(links)


def default_details(types: list[RelationshipType], label: str) -> RelationshipDetails:
    """A new relationship known only by its label: category and reverse from the type list."""
    known = find_type(types, label)
    if known is None:
        return RelationshipDetails(relationship=label, category=Category.FAMILY)
    return RelationshipDetails(
        relationship=label, reverse_relationship=known.reverse, category=known.category
    )


def unlink(ws: Workspace, link_id: str) -> None:
    """Remove a link made in error (kept as a tombstone so the removal syncs)."""
    remove_relationship(ws, link_id)


def key_people_of(ws: Workspace, resident_id: str) -> list[LinkView]:
    """The key people linked to a resident, by surname."""
    return _links(ws, RelationshipRow.resident_id == resident_id, KeyPersonRow.sort_key)


def residents_of(ws: Workspace, key_person_id: str) -> list[LinkView]:
    """The residents a key person is linked to, by surname."""
    return _links(ws, RelationshipRow.key_person_id == key_person_id, ResidentRow.sort_key)


def _links(ws: Workspace, where, order) -> list[LinkView]:  # type: ignore[no-untyped-def]
    stmt = (
        select(RelationshipRow, ResidentRow, KeyPersonRow)
        .join(ResidentRow, ResidentRow.id == RelationshipRow.resident_id)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(where, RelationshipRow.deleted.is_(False))
        .where(ResidentRow.deleted.is_(False), KeyPersonRow.deleted.is_(False))
        .order_by(order, RelationshipRow.id)
    )
    with ws.read() as s:
        return [_view(link, resident, person) for link, resident, person in s.execute(stmt).all()]


def _view(link: RelationshipRow, resident: ResidentRow, person: KeyPersonRow) -> LinkView:
    return LinkView(
        id=link.id,
        resident_id=resident.id,
        resident_name=resident_name(resident),
        key_person_id=person.id,
        key_person_name=person_name(person),
        relationship=link.relationship,
    )
