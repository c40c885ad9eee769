"""faster contact search: the word index knows each visit's resident and time, and a resident's
history is read from one index in order

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

A word search for a common word ("tea", in one note in eight) used to join and sort every match
before keeping the newest 50. With the resident and start time beside each visit's number in
``visit_text_key``, the search walks the newest visits first and stops at 50. The history index
gains ``deleted`` and ``id`` so a resident's page and its count need no table look-ups.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Same as 0005 (copied, so that migration never changes).
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


def _word_index_triggers(*, with_place: bool) -> list[str]:
    body = " || ' ' || ".join(f"new.{c}" for c in _SEARCHED)
    if with_place:
        key = (
            "INSERT INTO visit_text_key(visit_id, resident_id, starts_at) "
            "VALUES (new.id, new.resident_id, new.starts_at) "
            "ON CONFLICT(visit_id) DO UPDATE SET resident_id = excluded.resident_id, "
            "starts_at = excluded.starts_at;"
        )
    else:
        key = "INSERT OR IGNORE INTO visit_text_key(visit_id) VALUES (new.id);"
    # built from the constant column names above
    insert = (
        f"{key} INSERT INTO visit_text(rowid, body) SELECT n, {body} FROM visit_text_key "  # noqa: S608
        "WHERE visit_id = new.id AND new.deleted = 0;"
    )
    forget = "DELETE FROM visit_text WHERE rowid = (SELECT n FROM visit_text_key WHERE visit_id = old.id);"
    return [
        "DROP TRIGGER visit_text_added",
        "DROP TRIGGER visit_text_changed",
        f"CREATE TRIGGER visit_text_added AFTER INSERT ON visit_record BEGIN {insert} END",
        f"CREATE TRIGGER visit_text_changed AFTER UPDATE ON visit_record BEGIN {forget} {insert} END",
    ]


def upgrade() -> None:
    op.execute("ALTER TABLE visit_text_key ADD COLUMN resident_id VARCHAR(36)")
    op.execute("ALTER TABLE visit_text_key ADD COLUMN starts_at DATETIME")
    op.execute(
        "UPDATE visit_text_key SET (resident_id, starts_at) = "
        "(SELECT v.resident_id, v.starts_at FROM visit_record v WHERE v.id = visit_text_key.visit_id)"
    )
    op.execute("CREATE INDEX ix_visit_text_key_starts ON visit_text_key (starts_at)")
    op.execute("CREATE INDEX ix_visit_text_key_resident_starts ON visit_text_key (resident_id, starts_at)")
    for statement in _word_index_triggers(with_place=True):
        op.execute(statement)
    # Plain index statements, not a batch: rebuilding visit_record would drop its triggers.
    op.drop_index("ix_visit_record_resident_starts", table_name="visit_record")
    op.create_index(
        "ix_visit_record_resident_starts", "visit_record", ["resident_id", "deleted", "starts_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_visit_record_resident_starts", table_name="visit_record")
    op.create_index("ix_visit_record_resident_starts", "visit_record", ["resident_id", "starts_at"])
    for statement in _word_index_triggers(with_place=False):
        op.execute(statement)
    op.execute("DROP INDEX ix_visit_text_key_resident_starts")
    op.execute("DROP INDEX ix_visit_text_key_starts")
    op.execute("ALTER TABLE visit_text_key DROP COLUMN starts_at")
    op.execute("ALTER TABLE visit_text_key DROP COLUMN resident_id")
