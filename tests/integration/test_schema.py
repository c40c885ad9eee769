"""The migrations and the table mappings describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from carelink_desktop.storage import migrate
from carelink_desktop.storage.tables import Base


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    assert migrate.script_head() == migrate.SCHEMA_HEAD


def test_migrated_database_matches_the_mappings(manager) -> None:  # type: ignore[no-untyped-def]
    with manager.store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": migrate.is_mapped_table}
            ),
            Base.metadata,
        )
        assert migrate.current_revision(conn) == migrate.SCHEMA_HEAD
    assert diff == []


def test_every_record_table_has_the_sync_columns() -> None:
    sync = {"id", "created_at", "created_by", "updated_at", "updated_by", "hlc", "site_id", "deleted"}
    record_tables = [
        t
        for name, t in Base.metadata.tables.items()
        if name not in {"audit_entry", "local_state"} and not name.startswith("sync_")
    ]
    assert len(record_tables) >= 6
    for table in record_tables:
        assert sync <= set(table.columns.keys()), table.name


def test_every_record_table_travels_and_has_its_change_triggers(manager) -> None:  # type: ignore[no-untyped-def]
    """A record table without the two sync_change triggers would never be exported: a later
    migration that adds a record table must add them too."""
    from sqlalchemy import text

    from carelink_desktop.sync.records import synced_tables

    with manager.store.engine.connect() as conn:
        triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_schema WHERE type = 'trigger'"))}
    names = {t.name for t in synced_tables()}
    assert {"resident", "visit_record", "feedback_answer", "site", "staff_account"} <= names
    assert not names & {"audit_entry", "local_state", "sync_change", "sync_file", "visit_contact"}
    for name in names:
        assert {f"sync_change_{name}_insert", f"sync_change_{name}_update"} <= triggers, name
