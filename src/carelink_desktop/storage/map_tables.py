"""Tables of the relationship map: restrictions, groups, issues, evaluations, keyworker changes,
the resources directory and the history of every change to a relationship.

Lists of small records (people's views, who is involved) are JSON columns: they are edited and
synced as part of their record, never on their own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carelink_desktop.storage.tables import JsonList, JsonRecords, Record


class RelationshipTypeRow(Record):
    """A relationship type the home added to the built-in list (label and its reverse)."""

    __tablename__ = "relationship_type"
    label: Mapped[str] = mapped_column(String(60))
    reverse: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(20))


class RelationshipChangeRow(Record):
    """One entry of a relationship's history: what changed, from what to what. Never edited."""

    __tablename__ = "relationship_change"
    relationship_id: Mapped[str] = mapped_column(ForeignKey("relationship.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    #: created, moved, changed, ended, resumed, removed
    change: Mapped[str] = mapped_column(String(20))
    #: The staff member's name as it was then (accounts can be renamed later).
    changed_by_name: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    #: [{"field": "circle", "label": "Circle", "before": "3", "after": "1"}, ...]
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")


class SupportResourceRow(Record):
    """An entry of the home's resources directory."""

    __tablename__ = "support_resource"
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(String(120), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class ResourceOfferRow(Record):
    """A resource from the directory offered to the key person of a relationship."""

    __tablename__ = "resource_offer"
    relationship_id: Mapped[str] = mapped_column(ForeignKey("relationship.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    resource_id: Mapped[str] = mapped_column(ForeignKey("support_resource.id"), index=True)
    offered_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default="offered")
    notes: Mapped[str] = mapped_column(Text, default="")


class ContactRestrictionRow(Record):
    """A restriction on contact. Sensitive: shown only to roles that may see it."""

    __tablename__ = "contact_restriction"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship_id: Mapped[str | None] = mapped_column(ForeignKey("relationship.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    what_is_restricted: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    less_restrictive_options: Mapped[str] = mapped_column(Text, default="")
    decided_with: Mapped[str] = mapped_column(Text, default="")
    how_resident_told: Mapped[str] = mapped_column(Text, default="")
    how_person_told: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(Text, default="")


class ResidentGroupRow(Record):
    """A group or community the resident belongs to."""

    __tablename__ = "resident_group"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    how_they_take_part: Mapped[str] = mapped_column(Text, default="")
    support_needed: Mapped[str] = mapped_column(Text, default="")
    what_helps_inclusion: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class RelationshipIssueRow(Record):
    """An issue in one or more of a resident's relationships, and how it is being worked through."""

    __tablename__ = "relationship_issue"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    summary: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    relationship_ids: Mapped[list[str]] = mapped_column(JsonList, default=list)
    residents_view: Mapped[str] = mapped_column(Text, default="")
    #: [{"who": "Susan Hughes", "view": "...", "relationship_id": "..."}, ...]
    views: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    advice_sought: Mapped[str] = mapped_column(Text, default="")
    ways_forward: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    raised_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class RelationshipEvaluationRow(Record):
    """An evaluation of how the resident's relationships (or one of them) are working."""

    __tablename__ = "relationship_evaluation"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship_id: Mapped[str | None] = mapped_column(ForeignKey("relationship.id"), index=True)
    evaluated_on: Mapped[date] = mapped_column(Date)
    criteria: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    what_works: Mapped[str] = mapped_column(Text, default="")
    what_could_improve: Mapped[str] = mapped_column(Text, default="")
    expertise_needed: Mapped[str] = mapped_column(Text, default="")
    how_to_get_expertise: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    next_due: Mapped[date | None] = mapped_column(Date)


class KeyworkerChangeRow(Record):
    """A resident moving on from their keyworker: the plan and, once done, when it happened."""

    __tablename__ = "keyworker_change"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    previous_keyworker_id: Mapped[str | None] = mapped_column(ForeignKey("staff_account.id"))
    new_keyworker_id: Mapped[str | None] = mapped_column(ForeignKey("staff_account.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    risk_handling: Mapped[str] = mapped_column(Text, default="")
    #: [{"relationship_id": "...", "how_and_when": "..."}, ...]
    involvement: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    completed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


__all__ = [
    "ContactRestrictionRow",
    "KeyworkerChangeRow",
    "RelationshipChangeRow",
    "RelationshipEvaluationRow",
    "RelationshipIssueRow",
    "RelationshipTypeRow",
    "ResidentGroupRow",
    "ResourceOfferRow",
    "SupportResourceRow",
]
