"""sync files: site keys, this copy's sync bookkeeping, and the triggers that keep it

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: Every record table at this revision (written out so this migration never changes). A later
#: migration that adds a record table adds its two triggers too; a test checks every one has them.
RECORD_TABLES = (
    "carer_plan",
    "carer_plan_event",
    "carer_plan_review",
    "concern",
    "consent_record",
    "contact_restriction",
    "feedback",
    "feedback_answer",
    "feedback_question",
    "governance_narrative",
    "home",
    "home_setting",
    "improvement_action",
    "key_person",
    "keyworker_change",
    "planned_visit",
    "relationship",
    "relationship_change",
    "relationship_evaluation",
    "relationship_issue",
    "relationship_type",
    "resident",
    "resident_group",
    "resource_offer",
    "site",
    "staff_account",
    "support_resource",
    "visit_follow_up",
    "visit_record",
)


def trigger_sql(table: str) -> list[str]:
    """The two triggers that move a record to the end of ``sync_change`` when it is added or
    changed (its clock value moves), adding the change to the record's version vector."""
    # No conflict clause (an import's upsert would override it): update the record's entry, or
    # add one when there is none, always with a sequence number past every other.
    body = (
        "UPDATE sync_change SET seq = (SELECT MAX(seq) FROM sync_change) + 1, "  # noqa: S608
        "versions = json_set(versions, '$.\"' || NEW.site_id || '\"', NEW.hlc), from_site = NULL "
        f"WHERE table_name = '{table}' AND row_id = NEW.id; "
        "INSERT INTO sync_change (table_name, row_id, seq, versions) "
        f"SELECT '{table}', NEW.id, COALESCE((SELECT MAX(seq) FROM sync_change), 0) + 1, "
        "json_object(NEW.site_id, NEW.hlc) WHERE NOT EXISTS (SELECT 1 FROM sync_change "
        f"WHERE table_name = '{table}' AND row_id = NEW.id);"
    )
    return [
        f"CREATE TRIGGER sync_change_{table}_insert AFTER INSERT ON {table} BEGIN {body} END",
        f"CREATE TRIGGER sync_change_{table}_update AFTER UPDATE OF hlc ON {table} "
        f"WHEN NEW.hlc IS NOT OLD.hlc BEGIN {body} END",
    ]


def upgrade() -> None:
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="pc", nullable=False))
        batch_op.add_column(sa.Column("signing_key", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("removed", sa.Boolean(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("endorsed_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("endorsement", sa.Text(), server_default="", nullable=False))

    op.create_table(
        "sync_change",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("versions", sa.Text(), nullable=False),
        sa.Column("from_site", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_change")),
        sa.UniqueConstraint("seq", name=op.f("uq_sync_change_seq")),
    )
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.create_index("ix_sync_change_table_seq", ["table_name", "seq"], unique=False)
    op.create_table(
        "sync_file",
        sa.Column("file_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("from_site", sa.String(length=36), nullable=False),
        sa.Column("to_site", sa.String(length=36), nullable=True),
        sa.Column("made_at", sa.String(length=32), nullable=False),
        sa.Column("done_at", sa.String(length=32), nullable=False),
        sa.Column("done_by", sa.String(length=36), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("full", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("file_id", name=op.f("pk_sync_file")),
    )
    with op.batch_alter_table("sync_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_file_sha256"), ["sha256"], unique=False)
    op.create_table(
        "sync_partner",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("exported_seq", sa.Integer(), nullable=False),
        sa.Column("last_export_at", sa.String(length=32), nullable=True),
        sa.Column("last_import_at", sa.String(length=32), nullable=True),
        sa.Column("last_import_made_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_sync_partner")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("kept_hlc", sa.String(length=64), nullable=False),
        sa.Column("kept_by", sa.String(length=36), nullable=True),
        sa.Column("kept_at", sa.String(length=32), nullable=True),
        sa.Column("other_value", sa.Text(), nullable=True),
        sa.Column("other_hlc", sa.String(length=64), nullable=False),
        sa.Column("other_by", sa.String(length=36), nullable=True),
        sa.Column("other_at", sa.String(length=32), nullable=True),
        sa.Column("found_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_open", ["resolved_at", "table_name", "row_id"], unique=False)

    # A home setting's id now follows from its name, so two PCs that set the same setting apart
    # hold one record (the name is unique) and the newer value wins when they exchange files.
    conn = op.get_bind()
    for row_id, key in conn.execute(sa.text("SELECT id, key FROM home_setting")).all():
        conn.execute(
            sa.text("UPDATE home_setting SET id = :new WHERE id = :old"),
            {"new": str(uuid.uuid5(uuid.NAMESPACE_URL, f"carelink:home-setting:{key}")), "old": row_id},
        )
    for table in RECORD_TABLES:
        # Records made before sync existed: each a change of its own, with its one version.
        op.execute(
            "INSERT INTO sync_change (table_name, row_id, seq, versions) "  # noqa: S608
            f"SELECT '{table}', id, (SELECT COALESCE(MAX(seq), 0) FROM sync_change) "
            f"+ ROW_NUMBER() OVER (ORDER BY hlc, id), json_object(site_id, hlc) FROM {table}"
        )
        for statement in trigger_sql(table):
            op.execute(statement)


def downgrade() -> None:
    for table in RECORD_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS sync_change_{table}_insert")
        op.execute(f"DROP TRIGGER IF EXISTS sync_change_{table}_update")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflict_open")
    op.drop_table("sync_conflict")
    op.drop_table("sync_partner")
    with op.batch_alter_table("sync_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_file_sha256"))
    op.drop_table("sync_file")
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_change_table_seq")
    op.drop_table("sync_change")
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_column("endorsement")
        batch_op.drop_column("endorsed_by")
        batch_op.drop_column("removed")
        batch_op.drop_column("signing_key")
        batch_op.drop_column("kind")
