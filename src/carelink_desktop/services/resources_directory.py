"""The home's resources directory, and the resources offered to each relationship's key person.

The directory is shared by the whole home (and, later, carer support plans). An entry that is
no longer offered is archived, never deleted, so past offers still say what was offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome, ResourceDetails, ResourceKind
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.text import fold
from carelink_desktop.services.records import apply_details, read_details
from carelink_desktop.services.resident_records import open_resident
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.map_tables import ResourceOfferRow, SupportResourceRow
from carelink_desktop.storage.tables import RelationshipRow

RESOURCE = "support_resource"
OFFER = "resource_offer"


@dataclass(frozen=True)
class ResourceView:
    id: str
    details: ResourceDetails
    archived: bool
    updated_at: datetime


@dataclass(frozen=True)
class OfferView:
    id: str
    relationship_id: str
    resource_name: str
    resource_kind: ResourceKind
    details: OfferDetails


def add_resource(ws: Workspace, details: ResourceDetails) -> ResourceView:
    """Add a service, support group or source of information to the directory."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "add to the resources directory")
    clean = details.cleaned()
    clean.validate()
    with ws.work() as w:
        row = SupportResourceRow(archived=False)
        apply_details(row, clean)
        w.created(row, "resource_added", kind=RESOURCE, details={"kind": clean.kind.value})
        return _resource(row)


def update_resource(ws: Workspace, resource_id: str, details: ResourceDetails) -> ResourceView:
    ws.require(Permission.EDIT_RELATIONSHIPS, "change the resources directory")
    clean = details.cleaned()
    clean.validate()
    with ws.work() as w:
        row = w.get(SupportResourceRow, resource_id, "resource")
        changed = apply_details(row, clean)
        if changed:
            w.touched(row, "resource_changed", kind=RESOURCE, details={"fields": changed})
        return _resource(row)


def archive_resource(ws: Workspace, resource_id: str, archived: bool = True) -> ResourceView:
    """Stop (or start again) offering a resource; past offers keep naming it."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "change the resources directory")
    with ws.work() as w:
        row = w.get(SupportResourceRow, resource_id, "resource")
        row.archived = archived
        w.touched(row, "resource_archived", kind=RESOURCE, details={"archived": archived})
        return _resource(row)


def resources(ws: Workspace, query: str = "", *, include_archived: bool = False) -> list[ResourceView]:
    """Directory entries whose name, kind, area or description contain every word of ``query``."""
    with ws.read() as s:
        stmt = select(SupportResourceRow).where(SupportResourceRow.deleted.is_(False))
        if not include_archived:
            stmt = stmt.where(SupportResourceRow.archived.is_(False))
        views = [_resource(row) for row in s.scalars(stmt)]
    words = fold(query).split()
    found = []
    for view in views:
        d = view.details
        text = fold(" ".join((d.name, d.kind.label, d.area, d.description)))
        if all(word in text for word in words):
            found.append(view)
    return sorted(found, key=lambda v: (v.archived, fold(v.details.name), v.id))


def offer_resource(ws: Workspace, relationship_id: str, details: OfferDetails) -> OfferView:
    """Record that a resource was offered to the key person of a relationship."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "record resources offered")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        rel = w.get(RelationshipRow, relationship_id, "relationship")
        open_resident(w, rel.resident_id)
        resource = w.get(SupportResourceRow, clean.resource_id, "resource")
        if resource.archived:
            raise ValidationError({"resource_id": "That resource is archived: choose another."})
        row = ResourceOfferRow(relationship_id=rel.id, resident_id=rel.resident_id)
        apply_details(row, clean)
        w.created(
            row,
            "resource_offered",
            kind=OFFER,
            resident_id=rel.resident_id,
            details={"resource_id": resource.id, "outcome": clean.outcome.value},
        )
        return _offer(row, resource)


def update_offer(ws: Workspace, offer_id: str, details: OfferDetails) -> OfferView:
    """Change an offer, typically its outcome (taken up, declined...)."""
    ws.require(Permission.EDIT_RELATIONSHIPS, "change resources offered")
    clean = details.cleaned()
    clean.validate(ws.today())
    with ws.work() as w:
        row = w.get(ResourceOfferRow, offer_id, "resource offered")
        open_resident(w, row.resident_id)
        resource = w.get(SupportResourceRow, clean.resource_id, "resource")
        changed = apply_details(row, clean)
        if changed:
            w.touched(
                row,
                "resource_offer_changed",
                kind=OFFER,
                resident_id=row.resident_id,
                details={"fields": changed},
            )
        return _offer(row, resource)


def remove_offer(ws: Workspace, offer_id: str) -> None:
    ws.require(Permission.EDIT_RELATIONSHIPS, "change resources offered")
    with ws.work() as w:
        row = w.get(ResourceOfferRow, offer_id, "resource offered")
        open_resident(w, row.resident_id)
        row.deleted = True
        w.touched(row, "resource_offer_removed", kind=OFFER, resident_id=row.resident_id, event="deleted")


def offers_for(
    ws: Workspace, *, relationship_id: str | None = None, resident_id: str | None = None
) -> list[OfferView]:
    """Resources offered for one relationship, or for all of a resident's, newest first."""
    stmt = (
        select(ResourceOfferRow, SupportResourceRow)
        .join(SupportResourceRow, SupportResourceRow.id == ResourceOfferRow.resource_id)
        .where(ResourceOfferRow.deleted.is_(False))
        .order_by(ResourceOfferRow.offered_on.desc(), ResourceOfferRow.id)
    )
    if relationship_id is not None:
        stmt = stmt.where(ResourceOfferRow.relationship_id == relationship_id)
    if resident_id is not None:
        stmt = stmt.where(ResourceOfferRow.resident_id == resident_id)
    with ws.read() as s:
        return [_offer(o, r) for o, r in s.execute(stmt).all()]


def _resource(row: SupportResourceRow) -> ResourceView:
    return ResourceView(
        id=row.id,
        details=read_details(ResourceDetails, row, {"kind": ResourceKind}),
        archived=row.archived,
        updated_at=row.updated_at,
    )


def _offer(row: ResourceOfferRow, resource: SupportResourceRow) -> OfferView:
    return OfferView(
        id=row.id,
        relationship_id=row.relationship_id,
        resource_name=resource.name,
        resource_kind=ResourceKind(resource.kind),
        details=read_details(OfferDetails, row, {"outcome": OfferOutcome}),
    )
