"""Alembic environment: Dadkhah always runs migrations on a connection it opened itself."""

from alembic import context

import dadkhah.store.schema_registry  # noqa: F401  (imports every service's tables onto metadata)
from dadkhah.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Dadkhah migrations run through dadkhah.store.migrate(), not the alembic command")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
