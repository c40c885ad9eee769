"""Tables of carer support plans: the plan, its reviews and its history of steps.

Lists inside a plan (outcomes, roles, needs, resources chosen, access actions) are JSON columns:
they are edited and synced as part of the plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carelink_desktop.storage.tables import JsonList, JsonRecords, Record


class CarerPlanRow(Record):
    """A carer support plan for one unpaid carer (a relationship) and one resident."""

    __tablename__ = "carer_plan"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship_id: Mapped[str] = mapped_column(ForeignKey("relationship.id"), index=True)
    key_person_id: Mapped[str] = mapped_column(ForeignKey("key_person.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    agreed_on: Mapped[date | None] = mapped_column(Date)
    agreed_by: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    roles: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    ways_of_working: Mapped[str] = mapped_column(Text, default="")
    risk_management: Mapped[str] = mapped_column(Text, default="")
    assessment_explained_on: Mapped[date | None] = mapped_column(Date)
    assessment_explained_how: Mapped[str] = mapped_column(Text, default="")
    referral_on: Mapped[date | None] = mapped_column(Date)
    referral_reference: Mapped[str] = mapped_column(String(80), default="")
    referral_result: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    resources: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    resident_support_meanwhile: Mapped[str] = mapped_column(Text, default="")
    resident_support_risks: Mapped[str] = mapped_column(Text, default="")
    gaps_in_provision: Mapped[str] = mapped_column(Text, default="")
    discrimination: Mapped[str] = mapped_column(Text, default="")
    review_process: Mapped[str] = mapped_column(Text, default="")
    review_criteria: Mapped[list[str]] = mapped_column(JsonList, default=list)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)


class CarerPlanReviewRow(Record):
    """A review of a carer support plan against its agreed criteria."""

    __tablename__ = "carer_plan_review"
    plan_id: Mapped[str] = mapped_column(ForeignKey("carer_plan.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    key_person_id: Mapped[str] = mapped_column(ForeignKey("key_person.id"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    participation_support: Mapped[str] = mapped_column(Text, default="")
    #: [{"criterion": "...", "assessment": "..."}, ...]
    assessments: Mapped[list[dict[str, Any]]] = mapped_column(JsonRecords, default=list)
    benefits: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    resident_support_changes: Mapped[str] = mapped_column(Text, default="")
    referrals: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[date | None] = mapped_column(Date)


class CarerPlanEventRow(Record):
    """One step in a plan's history (started, changed, agreed, reviewed, closed). Never edited."""

    __tablename__ = "carer_plan_event"
    plan_id: Mapped[str] = mapped_column(ForeignKey("carer_plan.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    event: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: The staff member's name as it was then.
    by_name: Mapped[str] = mapped_column(String(120), default="")
