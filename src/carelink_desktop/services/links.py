"""Linking key people to residents (the relationship maps feature adds the detail)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.validation import clean
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow

KIND = "relationship"


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
    """Record that a key person matters to a resident ("daughter", "friend", "GP"...)."""
    ws.require(Permission.EDIT_KEY_PEOPLE, "link key people to residents")
    label = clean(relationship)
    if not label:
        raise ValidationError({"relationship": "Say how they are related, e.g. daughter, friend, neighbour."})
    if len(label) > 60:
        raise ValidationError({"relationship": "The relationship is too long (at most 60 characters)."})
    with ws.work() as w:
        resident = w.get(ResidentRow, resident_id, "resident")
        person = w.get(KeyPersonRow, key_person_id, "key person")
        if resident.archived or person.archived:
            raise ValidationError({"key_person_id": "An archived record cannot be linked: restore it first."})
        existing = w.session.scalars(
            select(RelationshipRow).where(
                RelationshipRow.resident_id == resident_id,
                RelationshipRow.key_person_id == key_person_id,
                RelationshipRow.deleted.is_(False),
            )
        ).first()
        if existing is not None:
            raise ValidationError({"key_person_id": "This person is already linked to this resident."})
        row = RelationshipRow(resident_id=resident_id, key_person_id=key_person_id, relationship=label)
        w.created(
            row,
            "key_person_linked",
            kind=KIND,
            resident_id=resident_id,
            details={"key_person_id": key_person_id, "relationship": label},
        )
        return _view(row, resident, person)


def link_many(ws: Workspace, links: list[tuple[str, str, str]]) -> int:
    """Link many (resident id, key person id, relationship) at once, in one transaction
    (imports and the demo home); returns how many were made."""
    ws.require(Permission.EDIT_KEY_PEOPLE, "link key people to residents")
    with ws.work() as w:
        for resident_id, key_person_id, relationship in links:
            label = clean(relationship)[:60] or "key person"
            row = RelationshipRow(resident_id=resident_id, key_person_id=key_person_id, relationship=label)
            w.created(
                row,
                "key_person_linked",
                kind=KIND,
                resident_id=resident_id,
                flush=False,
                details={"key_person_id": key_person_id, "relationship": label},
            )
    return len(links)


def unlink(ws: Workspace, link_id: str) -> None:
    """Remove a link made in error (kept as a tombstone so the removal syncs)."""
    ws.require(Permission.EDIT_KEY_PEOPLE, "unlink key people")
    with ws.work() as w:
        row = w.get(RelationshipRow, link_id, "link")
        row.deleted = True
        w.touched(
            row,
            "key_person_unlinked",
            kind=KIND,
            resident_id=row.resident_id,
            event="deleted",
            details={"key_person_id": row.key_person_id},
        )


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
