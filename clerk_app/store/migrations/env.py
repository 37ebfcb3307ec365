"""Alembic environment: the engine comes from the caller (store.database), never from an ini."""

from __future__ import annotations

from alembic import context

from clerk_app.store.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
