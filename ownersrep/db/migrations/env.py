"""Alembic environment. Always called from `ownersrep.db.migrate` with a live connection,
so that a migration runs inside the caller's transaction (SQLite DDL is transactional
with our engine settings)."""

from __future__ import annotations

from alembic import context

from ownersrep.db import models  # noqa: F401  (registers every table)
from ownersrep.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
