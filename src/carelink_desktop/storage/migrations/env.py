"""Alembic environment: always run on a connection CareLink has opened (keyed, checked)."""

from __future__ import annotations

from alembic import context

from carelink_desktop.storage.migrate import is_mapped_table
from carelink_desktop.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("CareLink migrations run only on an unlocked home (see storage.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=is_mapped_table,
)
with context.begin_transaction():
    context.run_migrations()
