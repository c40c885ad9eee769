"""Run the Alembic migrations shipped in the package, on an unlocked database.

``SCHEMA_HEAD`` names the newest migration so that an up-to-date home opens without importing
Alembic at all (a test checks it matches the migration scripts).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SCHEMA_HEAD = "0008"
#: Tables the migrations make that are not mapped, kept by triggers: the word index over visit
#: notes (FTS5 and its shadow tables, all named visit_text...) and ``visit_contact``. Schema
#: comparisons leave them out.
DERIVED_TABLE_PREFIXES = ("visit_text", "visit_contact")
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    """The schema revision of the open database, or None for an empty one."""
    from sqlalchemy import text

    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_schema WHERE type='table' AND name='alembic_version'")
    ).first()
    if not has_table:
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _config() -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_head() -> str:
    """The head revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()  # type: ignore[arg-type]
    return str(head)


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}  # type: ignore[arg-type]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the schema up to ``target`` in one transaction."""
    from alembic import command

    cfg = _config()
    from carelink_desktop.storage.engine import writer

    with writer(engine).begin() as conn:
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(cfg, target)  # type: ignore[arg-type]


def is_mapped_table(name: str | None, type_: str, *_: object) -> bool:
    """For Alembic's ``include_name``: leave the derived word-index tables out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(DERIVED_TABLE_PREFIXES))
