"""Alembic's environment: always run programmatically, on the connection `open_store` gives."""

from __future__ import annotations

from alembic import context

from simulator.records.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
