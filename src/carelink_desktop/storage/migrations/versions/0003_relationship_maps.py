"""relationship maps: the relationship's detail, restrictions, groups, issues, evaluations,
keyworker changes, the resources directory and each relationship's history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: Categories for links made before this version, guessed from their label (written out here so
#: this migration never changes when the built-in list does).
_CATEGORY_OF = {
    "friend": "friend",
    "neighbour": "friend",
    "former colleague": "friend",
    "unpaid carer": "unpaid_carer",
    "carer": "unpaid_carer",
    "gp": "professional",
    "social worker": "professional",
    "district nurse": "professional",
    "chaplain": "community",
    "befriender": "community",
    "advocate": "advocate",
    "imca": "advocate",
}


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
        "relationship_type",
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("reverse", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_type")),
    )
    with op.batch_alter_table("relationship_type") as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_type_hlc"), ["hlc"], unique=False)

    op.create_table(
        "support_resource",
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=120), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_resource")),
    )
    with op.batch_alter_table("support_resource") as batch_op:
        batch_op.create_index(batch_op.f("ix_support_resource_hlc"), ["hlc"], unique=False)

    op.create_table(
        "keyworker_change",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("previous_keyworker_id", sa.String(length=36), nullable=True),
        sa.Column("new_keyworker_id", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("risks", sa.Text(), nullable=False),
        sa.Column("risk_handling", sa.Text(), nullable=False),
        sa.Column("involvement", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["new_keyworker_id"],
            ["staff_account.id"],
            name=op.f("fk_keyworker_change_new_keyworker_id_staff_account"),
        ),
        sa.ForeignKeyConstraint(
            ["previous_keyworker_id"],
            ["staff_account.id"],
            name=op.f("fk_keyworker_change_previous_keyworker_id_staff_account"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_keyworker_change_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keyworker_change")),
    )
    with op.batch_alter_table("keyworker_change") as batch_op:
        batch_op.create_index(batch_op.f("ix_keyworker_change_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_keyworker_change_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "relationship_issue",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("relationship_ids", sa.Text(), nullable=False),
        sa.Column("residents_view", sa.Text(), nullable=False),
        sa.Column("views", sa.Text(), nullable=False),
        sa.Column("advice_sought", sa.Text(), nullable=False),
        sa.Column("ways_forward", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_relationship_issue_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_issue")),
    )
    with op.batch_alter_table("relationship_issue") as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_issue_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_relationship_issue_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "resident_group",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("how_they_take_part", sa.Text(), nullable=False),
        sa.Column("support_needed", sa.Text(), nullable=False),
        sa.Column("what_helps_inclusion", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_resident_group_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_group")),
    )
    with op.batch_alter_table("resident_group") as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_group_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_resident_group_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "contact_restriction",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("relationship_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("what_is_restricted", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("less_restrictive_options", sa.Text(), nullable=False),
        sa.Column("decided_with", sa.Text(), nullable=False),
        sa.Column("how_resident_told", sa.Text(), nullable=False),
        sa.Column("how_person_told", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationship.id"],
            name=op.f("fk_contact_restriction_relationship_id_relationship"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_contact_restriction_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_restriction")),
    )
    with op.batch_alter_table("contact_restriction") as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_restriction_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_restriction_relationship_id"), ["relationship_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_restriction_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "relationship_change",
        sa.Column("relationship_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("changed_by_name", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationship.id"],
            name=op.f("fk_relationship_change_relationship_id_relationship"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_relationship_change_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_change")),
    )
    with op.batch_alter_table("relationship_change") as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_change_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_relationship_change_relationship_id"), ["relationship_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_relationship_change_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "relationship_evaluation",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("relationship_id", sa.String(length=36), nullable=True),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("what_works", sa.Text(), nullable=False),
        sa.Column("what_could_improve", sa.Text(), nullable=False),
        sa.Column("expertise_needed", sa.Text(), nullable=False),
        sa.Column("how_to_get_expertise", sa.Text(), nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationship.id"],
            name=op.f("fk_relationship_evaluation_relationship_id_relationship"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_relationship_evaluation_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_evaluation")),
    )
    with op.batch_alter_table("relationship_evaluation") as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_evaluation_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_relationship_evaluation_relationship_id"), ["relationship_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relationship_evaluation_resident_id"), ["resident_id"], unique=False
        )

    op.create_table(
        "resource_offer",
        sa.Column("relationship_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("resource_id", sa.String(length=36), nullable=False),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationship.id"],
            name=op.f("fk_resource_offer_relationship_id_relationship"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_resource_offer_resident_id_resident")
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["support_resource.id"],
            name=op.f("fk_resource_offer_resource_id_support_resource"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_offer")),
    )
    with op.batch_alter_table("resource_offer") as batch_op:
        batch_op.create_index(batch_op.f("ix_resource_offer_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resource_offer_relationship_id"), ["relationship_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resource_offer_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_resource_offer_resource_id"), ["resource_id"], unique=False)

    with op.batch_alter_table("relationship") as batch_op:
        batch_op.add_column(
            sa.Column("reverse_relationship", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("category", sa.String(length=20), nullable=False, server_default="family")
        )
        batch_op.add_column(sa.Column("circle", sa.Integer(), nullable=False, server_default="2"))
        batch_op.add_column(
            sa.Column("quality", sa.String(length=20), nullable=False, server_default="positive")
        )
        batch_op.add_column(sa.Column("next_of_kin", sa.Boolean(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("primary_next_of_kin", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("attorney_powers", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("essential_care_supporter", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("contact_wishes", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("what_matters", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("support_needed", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("difficulties", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("risks_and_challenges", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("end_support", sa.Text(), nullable=False, server_default=""))

    relationship = sa.table(
        "relationship", sa.column("relationship", sa.String), sa.column("category", sa.String)
    )
    for label, category in _CATEGORY_OF.items():
        op.execute(
            relationship.update()
            .where(sa.func.lower(relationship.c.relationship) == label)
            .values(category=category)
        )


def downgrade() -> None:
    with op.batch_alter_table("relationship") as batch_op:
        batch_op.drop_column("reverse_relationship")
        batch_op.drop_column("category")
        batch_op.drop_column("circle")
        batch_op.drop_column("quality")
        batch_op.drop_column("next_of_kin")
        batch_op.drop_column("primary_next_of_kin")
        batch_op.drop_column("attorney_powers")
        batch_op.drop_column("essential_care_supporter")
        batch_op.drop_column("contact_wishes")
        batch_op.drop_column("what_matters")
        batch_op.drop_column("support_needed")
        batch_op.drop_column("difficulties")
        batch_op.drop_column("risks_and_challenges")
        batch_op.drop_column("started_on")
        batch_op.drop_column("ended_on")
        batch_op.drop_column("end_reason")
        batch_op.drop_column("end_support")
    op.drop_table("resource_offer")
    op.drop_table("relationship_evaluation")
    op.drop_table("relationship_change")
    op.drop_table("contact_restriction")
    op.drop_table("resident_group")
    op.drop_table("relationship_issue")
    op.drop_table("keyworker_change")
    op.drop_table("support_resource")
    op.drop_table("relationship_type")
