"""manager oversight: feedback and its questions, improvement actions, the governance
narrative, and the manager's side of concerns and ethical dilemmas

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The zero site: the default questions are the same rows in every home, made by nobody.
_NO_SITE = "00000000-0000-0000-0000-000000000000"
_EPOCH = "1970-01-01T00:00:00.000000+00:00"

#: The questions every home starts with (copied from domain.feedback.DEFAULT_QUESTIONS as it was
#: at this revision, so this migration never changes): number, text, easy read, theme, asked of.
_QUESTIONS: tuple[tuple[int, str, str, str, list[str]], ...] = (
    (
        1,
        "How well does the home help the resident keep in touch with the people who matter to them?",
        "Do we help you see and talk to the people you care about?",
        "keeping_in_touch",
        [],
    ),
    (
        2,
        "How welcome do visitors feel when they come to the home?",
        "Do your visitors feel welcome here?",
        "welcome",
        [],
    ),
    (
        3,
        "How well are key people involved in planning and reviewing the resident's care?",
        "Do we ask your family and friends to help plan your care, if you want them to?",
        "involvement",
        [],
    ),
    (
        4,
        "How well does the home keep key people informed, within what the resident agrees to share?",
        "Do we tell the people you choose what they need to know?",
        "information",
        [],
    ),
    (
        5,
        "How well does the home listen to and act on concerns and ideas?",
        "When you tell us something, do we listen and do something about it?",
        "listening",
        [],
    ),
    (
        6,
        "How well does the home support you in your own role as a carer?",
        "",
        "support_for_carers",
        ["key_person"],
    ),
)


def _sync_columns() -> list[sa.Column[Any]]:
    # Written out here (not imported from tables.py) so this migration never changes later.
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
    ]


def _seed_questions() -> None:
    table = sa.table(
        "feedback_question",
        *(
            sa.column(name)
            for name in (
                "id",
                "created_at",
                "updated_at",
                "hlc",
                "site_id",
                "deleted",
                "text",
                "easy_read",
                "theme",
                "asked_of",
                "position",
                "active",
            )
        ),
    )
    rows = [
        {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"carelink:feedback-question:{n}")),
            "created_at": _EPOCH,
            "updated_at": _EPOCH,
            # the oldest possible stamp: any home's edit of a default question wins over it
            "hlc": f"{0:015d}-{0:06d}-{_NO_SITE}",
            "site_id": _NO_SITE,
            "deleted": False,
            "text": text,
            "easy_read": easy,
            "theme": theme,
            "asked_of": json.dumps(asked_of),
            "position": n,
            "active": True,
        }
        for n, text, easy, theme, asked_of in _QUESTIONS
    ]
    op.bulk_insert(table, rows)


def upgrade() -> None:
    op.create_table(
        "feedback_question",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("easy_read", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=30), nullable=False),
        sa.Column("asked_of", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_question")),
    )
    with op.batch_alter_table("feedback_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_question_hlc"), ["hlc"], unique=False)

    op.create_table(
        "governance_narrative",
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("good_practice", sa.Text(), nullable=False),
        sa.Column("to_improve", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_narrative")),
    )
    with op.batch_alter_table("governance_narrative", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_narrative_hlc"), ["hlc"], unique=False)

    op.create_table(
        "improvement_action",
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_improvement_action")),
    )
    with op.batch_alter_table("improvement_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_improvement_action_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_improvement_action_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_improvement_action_status"), ["status"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("respondent", sa.String(length=20), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=True),
        sa.Column("relationship_id", sa.String(length=36), nullable=True),
        sa.Column("respondent_name", sa.String(length=200), nullable=False),
        sa.Column("helped_by", sa.String(length=20), nullable=False),
        sa.Column("helper_name", sa.String(length=200), nullable=False),
        sa.Column("easy_read", sa.Boolean(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"], ["relationship.id"], name=op.f("fk_feedback_relationship_id_relationship")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_feedback_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_given_on"), ["given_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "feedback_answer",
        sa.Column("feedback_id", sa.String(length=36), nullable=False),
        sa.Column("question_id", sa.String(length=36), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("respondent", sa.String(length=20), nullable=False),
        sa.Column("theme", sa.String(length=30), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["feedback_id"], ["feedback.id"], name=op.f("fk_feedback_answer_feedback_id_feedback")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["feedback_question.id"],
            name=op.f("fk_feedback_answer_question_id_feedback_question"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_answer")),
    )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_answer_feedback_id"), ["feedback_id"], unique=False)
        batch_op.create_index("ix_feedback_answer_given", ["given_on", "question_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_answer_hlc"), ["hlc"], unique=False)

    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handler", sa.String(length=120), server_default="", nullable=False))
        batch_op.add_column(sa.Column("advice_sought", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("options_weighed", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("decision", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("reasoning", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("practice_changes", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("lessons", sa.Text(), server_default="", nullable=False))

    _seed_questions()


def downgrade() -> None:
    with op.batch_alter_table("concern", schema=None) as batch_op:
        for name in (
            "lessons",
            "practice_changes",
            "reasoning",
            "decision",
            "options_weighed",
            "advice_sought",
            "handler",
        ):
            batch_op.drop_column(name)
    for table in (
        "governance_narrative",
        "improvement_action",
        "feedback_answer",
        "feedback",
        "feedback_question",
    ):
        op.drop_table(table)
