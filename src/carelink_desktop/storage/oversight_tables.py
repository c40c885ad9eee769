"""Tables of the manager's oversight: feedback (its questions, each response and its answers),
improvement actions and the manager's narrative for a governance review.

Each answer is a row of its own, carrying the day, the respondent kind and the question's theme as
they were when given, so scores by question and theme over time are aggregate queries and stay
true when a question is later reworded or moved to another theme.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carelink_desktop.storage.tables import JsonList, Record


class FeedbackQuestionRow(Record):
    """A question the home asks (the defaults have the same ids in every home)."""

    __tablename__ = "feedback_question"
    text: Mapped[str] = mapped_column(Text)
    easy_read: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(30))
    asked_of: Mapped[list[str]] = mapped_column(JsonList, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FeedbackRow(Record):
    """One person's feedback on one day."""

    __tablename__ = "feedback"
    given_on: Mapped[date] = mapped_column(Date, index=True)
    respondent: Mapped[str] = mapped_column(String(20))
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    relationship_id: Mapped[str | None] = mapped_column(ForeignKey("relationship.id"))
    respondent_name: Mapped[str] = mapped_column(String(200), default="")
    helped_by: Mapped[str] = mapped_column(String(20), default="none")
    helper_name: Mapped[str] = mapped_column(String(200), default="")
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    comments: Mapped[str] = mapped_column(Text, default="")


class FeedbackAnswerRow(Record):
    """The answer to one question within a feedback."""

    __tablename__ = "feedback_answer"
    __table_args__ = (Index("ix_feedback_answer_given", "given_on", "question_id"),)
    feedback_id: Mapped[str] = mapped_column(ForeignKey("feedback.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("feedback_question.id"))
    #: Copied from the feedback and the question when given (see the module docstring).
    given_on: Mapped[date] = mapped_column(Date)
    respondent: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(30))
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class ImprovementActionRow(Record):
    """An improvement action and the loop it closes."""

    __tablename__ = "improvement_action"
    action: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str | None] = mapped_column(String(36), index=True)
    owner: Mapped[str] = mapped_column(String(200))
    raised_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    result: Mapped[str] = mapped_column(Text, default="")
    completed_on: Mapped[date | None] = mapped_column(Date)


class GovernanceNarrativeRow(Record):
    """The manager's words for the governance review of one period."""

    __tablename__ = "governance_narrative"
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    good_practice: Mapped[str] = mapped_column(Text, default="")
    to_improve: Mapped[str] = mapped_column(Text, default="")


__all__ = [
    "FeedbackAnswerRow",
    "FeedbackQuestionRow",
    "FeedbackRow",
    "GovernanceNarrativeRow",
    "ImprovementActionRow",
]
