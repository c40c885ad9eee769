"""carer support plans: the plan, its reviews and the history of its steps

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


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


def upgrade() -> None:
    op.create_table(
        "carer_plan",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("relationship_id", sa.String(length=36), nullable=False),
        sa.Column("key_person_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("agreed_by", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=False),
        sa.Column("outcomes", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("ways_of_working", sa.Text(), nullable=False),
        sa.Column("risk_management", sa.Text(), nullable=False),
        sa.Column("assessment_explained_on", sa.Date(), nullable=True),
        sa.Column("assessment_explained_how", sa.Text(), nullable=False),
        sa.Column("referral_on", sa.Date(), nullable=True),
        sa.Column("referral_reference", sa.String(length=80), nullable=False),
        sa.Column("referral_result", sa.Text(), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("resources", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("resident_support_meanwhile", sa.Text(), nullable=False),
        sa.Column("resident_support_risks", sa.Text(), nullable=False),
        sa.Column("gaps_in_provision", sa.Text(), nullable=False),
        sa.Column("discrimination", sa.Text(), nullable=False),
        sa.Column("review_process", sa.Text(), nullable=False),
        sa.Column("review_criteria", sa.Text(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["key_person_id"], ["key_person.id"], name=op.f("fk_carer_plan_key_person_id_key_person")
        ),
        sa.ForeignKeyConstraint(
            ["relationship_id"], ["relationship.id"], name=op.f("fk_carer_plan_relationship_id_relationship")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_carer_plan_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_plan")),
    )
    with op.batch_alter_table("carer_plan") as batch_op:
        batch_op.create_index(batch_op.f("ix_carer_plan_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_key_person_id"), ["key_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_next_review_on"), ["next_review_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_relationship_id"), ["relationship_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_status"), ["status"], unique=False)

    op.create_table(
        "carer_plan_event",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("by_name", sa.String(length=120), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["carer_plan.id"], name=op.f("fk_carer_plan_event_plan_id_carer_plan")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_carer_plan_event_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_plan_event")),
    )
    with op.batch_alter_table("carer_plan_event") as batch_op:
        batch_op.create_index(batch_op.f("ix_carer_plan_event_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_event_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_event_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "carer_plan_review",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("key_person_id", sa.String(length=36), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("participation_support", sa.Text(), nullable=False),
        sa.Column("assessments", sa.Text(), nullable=False),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("difficulties", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("resident_support_changes", sa.Text(), nullable=False),
        sa.Column("referrals", sa.Text(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["key_person_id"], ["key_person.id"], name=op.f("fk_carer_plan_review_key_person_id_key_person")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["carer_plan.id"], name=op.f("fk_carer_plan_review_plan_id_carer_plan")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_carer_plan_review_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_plan_review")),
    )
    with op.batch_alter_table("carer_plan_review") as batch_op:
        batch_op.create_index(batch_op.f("ix_carer_plan_review_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_carer_plan_review_key_person_id"), ["key_person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_carer_plan_review_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_plan_review_resident_id"), ["resident_id"], unique=False)


def downgrade() -> None:
    op.drop_table("carer_plan_review")
    op.drop_table("carer_plan_event")
    op.drop_table("carer_plan")
