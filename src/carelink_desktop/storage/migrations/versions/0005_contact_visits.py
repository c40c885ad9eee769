"""contact visits: planned visits, visit records with participants and follow-ups, concerns,
and a word index over visit notes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: The text of a visit record that the word search covers (maintain-contact P14–P25 sections).
_SEARCHED = (
    "observations",
    "behaviour_changes",
    "conflict_signs",
    "intervention",
    "expertise_sought",
    "visitor_concerns",
    "information_requested",
    "information_given",
    "benefits_limits",
    "notes",
    "other_participants",
    "location",
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


def _contact_index() -> list[str]:
    """``visit_contact``: one row per key person in each contact, kept by triggers from
    ``visit_record.relationship_ids``, so the last contact of a kind with a person is one index
    seek. Removed (tombstoned) visits have no rows."""
    fill = (
        "INSERT INTO visit_contact(visit_id, resident_id, relationship_id, key_person_id, kind, on_date) "
        "SELECT new.id, new.resident_id, r.id, r.key_person_id, new.kind, substr(new.starts_at, 1, 10) "
        "FROM json_each(new.relationship_ids) j JOIN relationship r ON r.id = j.value "
        "WHERE new.deleted = 0;"
    )
    forget = "DELETE FROM visit_contact WHERE visit_id = old.id;"
    return [
        "CREATE TABLE visit_contact (visit_id VARCHAR(36) NOT NULL, resident_id VARCHAR(36) NOT NULL, "
        "relationship_id VARCHAR(36) NOT NULL, key_person_id VARCHAR(36) NOT NULL, "
        "kind VARCHAR(20) NOT NULL, on_date DATE NOT NULL)",
        "CREATE INDEX ix_visit_contact_visit ON visit_contact (visit_id)",
        "CREATE INDEX ix_visit_contact_last ON visit_contact (resident_id, key_person_id, kind, on_date)",
        "CREATE INDEX ix_visit_contact_relationship ON visit_contact (relationship_id, on_date)",
        "CREATE INDEX ix_visit_contact_day ON visit_contact (on_date)",
        f"CREATE TRIGGER visit_contact_added AFTER INSERT ON visit_record BEGIN {fill} END",
        f"CREATE TRIGGER visit_contact_changed AFTER UPDATE ON visit_record BEGIN {forget} {fill} END",
        f"CREATE TRIGGER visit_contact_removed AFTER DELETE ON visit_record BEGIN {forget} END",
    ]


def _word_index() -> list[str]:
    """The FTS5 index over visit notes, kept by triggers so every writer (the desktop, a sync
    import using bulk statements) keeps it right. FTS5 needs integer row ids, and a visit's id is
    text, so ``visit_text_key`` gives each visit a stable number."""
    body = " || ' ' || ".join(f"new.{c}" for c in _SEARCHED)
    # built from the constant column names above
    insert = (
        "INSERT OR IGNORE INTO visit_text_key(visit_id) VALUES (new.id); "  # noqa: S608
        f"INSERT INTO visit_text(rowid, body) SELECT n, {body} FROM visit_text_key "
        "WHERE visit_id = new.id AND new.deleted = 0;"
    )
    forget = "DELETE FROM visit_text WHERE rowid = (SELECT n FROM visit_text_key WHERE visit_id = old.id);"
    return [
        "CREATE TABLE visit_text_key (n INTEGER PRIMARY KEY, visit_id VARCHAR(36) NOT NULL UNIQUE)",
        "CREATE VIRTUAL TABLE visit_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER visit_text_added AFTER INSERT ON visit_record BEGIN {insert} END",
        f"CREATE TRIGGER visit_text_changed AFTER UPDATE ON visit_record BEGIN {forget} {insert} END",
        "CREATE TRIGGER visit_text_removed AFTER DELETE ON visit_record BEGIN "  # noqa: S608
        f"{forget} DELETE FROM visit_text_key WHERE visit_id = old.id; END",
    ]


def upgrade() -> None:
    op.create_table(
        "planned_visit",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("expected_minutes", sa.Integer(), nullable=False),
        sa.Column("relationship_ids", sa.Text(), nullable=False),
        sa.Column("other_visitors", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("supervision", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("restriction_acknowledged", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("signed_out_at", sa.DateTime(), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_planned_visit_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_visit")),
    )
    with op.batch_alter_table("planned_visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_visit_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_visit_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index("ix_planned_visit_starts", ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_visit_status"), ["status"], unique=False)

    op.create_table(
        "visit_record",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("planned_visit_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("relationship_ids", sa.Text(), nullable=False),
        sa.Column("other_participants", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("supervision", sa.String(length=20), nullable=False),
        sa.Column("mood_before", sa.String(length=20), nullable=True),
        sa.Column("mood_after", sa.String(length=20), nullable=True),
        sa.Column("observations", sa.Text(), nullable=False),
        sa.Column("behaviour_changes", sa.Text(), nullable=False),
        sa.Column("conflict_signs", sa.Text(), nullable=False),
        sa.Column("intervention", sa.Text(), nullable=False),
        sa.Column("expertise_sought", sa.Text(), nullable=False),
        sa.Column("visitor_concerns", sa.Text(), nullable=False),
        sa.Column("information_requested", sa.Text(), nullable=False),
        sa.Column("information_given", sa.Text(), nullable=False),
        sa.Column("benefits_limits", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("restriction_acknowledged", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_visit_record_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_record")),
    )
    with op.batch_alter_table("visit_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_record_hlc"), ["hlc"], unique=False)
        batch_op.create_index("ix_visit_record_resident_starts", ["resident_id", "starts_at"], unique=False)
        batch_op.create_index("ix_visit_record_starts", ["starts_at"], unique=False)

    op.create_table(
        "concern",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("relationship_id", sa.String(length=36), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("reported_to", sa.Text(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("external_reference", sa.String(length=80), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["relationship_id"], ["relationship.id"], name=op.f("fk_concern_relationship_id_relationship")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_concern_resident_id_resident")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit_record.id"], name=op.f("fk_concern_visit_id_visit_record")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
    )
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_raised_on"), ["raised_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "visit_follow_up",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_visit_follow_up_resident_id_resident")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit_record.id"], name=op.f("fk_visit_follow_up_visit_id_visit_record")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_follow_up")),
    )
    with op.batch_alter_table("visit_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_follow_up_hlc"), ["hlc"], unique=False)
        batch_op.create_index("ix_visit_follow_up_open", ["done_on", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_follow_up_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_follow_up_visit_id"), ["visit_id"], unique=False)

    for statement in _contact_index() + _word_index():
        op.execute(statement)


def downgrade() -> None:
    for name in ("text", "contact"):
        for trigger in ("added", "changed", "removed"):
            op.execute(f"DROP TRIGGER IF EXISTS visit_{name}_{trigger}")
    for derived in ("visit_text", "visit_text_key", "visit_contact"):
        op.execute(f"DROP TABLE IF EXISTS {derived}")
    for table in ("visit_follow_up", "concern", "visit_record", "planned_visit"):
        op.drop_table(table)
