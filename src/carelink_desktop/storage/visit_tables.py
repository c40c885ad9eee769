"""Tables of contact: planned visits, visit records (with the key people in each and their
follow-ups) and concerns.

Times of visits are the home's local wall-clock time (naive), as staff read them off the clock; the
sync columns keep their UTC stamps.

Two tables are derived from ``visit_record`` by triggers (migrations 0005 and 0006) and are never written by
the code nor carried by sync: ``visit_contact`` (one row per key person in a contact, with the
resident, way and day, so "when did Susan last visit?" is one index seek) and the word index
``visit_text``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, column, table
from sqlalchemy.orm import Mapped, mapped_column

from carelink_desktop.storage.tables import JsonList, Record


class PlannedVisitRow(Record):
    """A booked visit, outing or call and what became of it."""

    __tablename__ = "planned_visit"
    __table_args__ = (Index("ix_planned_visit_starts", "starts_at"),)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="visit")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    expected_minutes: Mapped[int] = mapped_column(Integer, default=60)
    relationship_ids: Mapped[list[str]] = mapped_column(JsonList, default=list)
    other_visitors: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(120), default="")
    supervision: Mapped[str] = mapped_column(String(20), default="none")
    notes: Mapped[str] = mapped_column(Text, default="")
    restriction_acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="booked", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The visit record made from this booking, once recorded.
    visit_id: Mapped[str | None] = mapped_column(String(36))


class VisitRecordRow(Record):
    """What happened during one contact (P14–P25)."""

    __tablename__ = "visit_record"
    __table_args__ = (
        Index("ix_visit_record_resident_starts", "resident_id", "deleted", "starts_at", "id"),
        Index("ix_visit_record_starts", "starts_at"),
    )
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"))
    planned_visit_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20), default="visit")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    relationship_ids: Mapped[list[str]] = mapped_column(JsonList, default=list)
    other_participants: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(120), default="")
    supervision: Mapped[str] = mapped_column(String(20), default="none")
    mood_before: Mapped[str | None] = mapped_column(String(20))
    mood_after: Mapped[str | None] = mapped_column(String(20))
    observations: Mapped[str] = mapped_column(Text, default="")
    behaviour_changes: Mapped[str] = mapped_column(Text, default="")
    conflict_signs: Mapped[str] = mapped_column(Text, default="")
    intervention: Mapped[str] = mapped_column(Text, default="")
    expertise_sought: Mapped[str] = mapped_column(Text, default="")
    visitor_concerns: Mapped[str] = mapped_column(Text, default="")
    information_requested: Mapped[str] = mapped_column(Text, default="")
    information_given: Mapped[str] = mapped_column(Text, default="")
    benefits_limits: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    restriction_acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


class FollowUpRow(Record):
    """An action after a contact: what, who, by when, and when it was done."""

    __tablename__ = "visit_follow_up"
    __table_args__ = (Index("ix_visit_follow_up_open", "done_on", "due_on"),)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit_record.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    action: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str] = mapped_column(Text, default="")


class ConcernRow(Record):
    """A concern raised from a contact or on its own."""

    __tablename__ = "concern"
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship_id: Mapped[str | None] = mapped_column(ForeignKey("relationship.id"))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit_record.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(20), default="medium")
    description: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[date] = mapped_column(Date, index=True)
    reported_to: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[date | None] = mapped_column(Date)
    external_reference: Mapped[str] = mapped_column(String(80), default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    # The manager's side (domain.concerns.ConcernHandling; migration 0007).
    handler: Mapped[str] = mapped_column(String(120), default="", server_default="")
    advice_sought: Mapped[str] = mapped_column(Text, default="", server_default="")
    options_weighed: Mapped[str] = mapped_column(Text, default="", server_default="")
    decision: Mapped[str] = mapped_column(Text, default="", server_default="")
    reasoning: Mapped[str] = mapped_column(Text, default="", server_default="")
    practice_changes: Mapped[str] = mapped_column(Text, default="", server_default="")
    lessons: Mapped[str] = mapped_column(Text, default="", server_default="")


#: Derived from visit records by triggers: read it, never write it.
visit_contact = table(
    "visit_contact",
    column("visit_id", String),
    column("resident_id", String),
    column("relationship_id", String),
    column("key_person_id", String),
    column("kind", String),
    column("on_date", Date),
)
