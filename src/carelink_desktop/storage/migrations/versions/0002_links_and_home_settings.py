"""links between residents and key people; home-wide settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
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
        "relationship",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("key_person_id", sa.String(length=36), nullable=False),
        sa.Column("relationship", sa.String(length=60), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_relationship_resident_id_resident")
        ),
        sa.ForeignKeyConstraint(
            ["key_person_id"], ["key_person.id"], name=op.f("fk_relationship_key_person_id_key_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship")),
    )
    with op.batch_alter_table("relationship") as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_relationship_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relationship_key_person_id"), ["key_person_id"], unique=False)
    op.create_table(
        "home_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_home_setting_key")),
    )
    with op.batch_alter_table("home_setting") as batch_op:
        batch_op.create_index(batch_op.f("ix_home_setting_hlc"), ["hlc"], unique=False)


def downgrade() -> None:
    op.drop_table("home_setting")
    op.drop_table("relationship")
