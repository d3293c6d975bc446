"""Alembic's environment for PlanQA's SQL schema (see planqa/migrations/__init__.py for how it is run)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from planqa.stores.schema import metadata

config = context.config


def _run(connection) -> None:
    # Batch mode lets a later revision alter a table on SQLite (copy and move) as well as on PostgreSQL.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    """For the alembic command line: `-x url=...`, else the PLANQA_* settings' database."""
    url = context.get_x_argument(as_dictionary=True).get("url")
    if url:
        return url
    from planqa.settings import Settings

    return Settings().sqlalchemy_url


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:  # SqlStore: runs inside its own locked transaction
    _run(config.attributes["connection"])
else:
    engine = create_engine(_url(), poolclass=NullPool)
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()
