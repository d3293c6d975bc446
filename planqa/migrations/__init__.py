"""The SQL schema's migrations (Alembic), run by `SqlStore` when it opens a database.

`upgrade_to_head(engine)` brings any database to the newest revision: a new one gets every table, one made
by the old `metadata.create_all` (before migrations existed) is stamped as revision 0001 (the same schema)
and then upgraded. Several processes opening the same database at once migrate it one at a time: SQLite
takes its write lock up front (BEGIN IMMEDIATE), PostgreSQL an advisory lock; each revision's DDL runs in that
one transaction. Once a database is at head, opening it only reads the version.

How to add a table (or a column):
1. Add it to the `metadata` in planqa/stores/schema.py, as before.
2. Add a revision in planqa/migrations/versions/, next number, `down_revision` = the current head:
       .venv/bin/alembic -c planqa/migrations/alembic.ini -x url=sqlite:////tmp/m.sqlite3 upgrade head
       .venv/bin/alembic -c planqa/migrations/alembic.ini -x url=sqlite:////tmp/m.sqlite3 \\
           revision --autogenerate --rev-id 0002 -m "feedback table"
   (or copy 0001_initial.py and write the `op.create_table` by hand). Read what it generated: keep it to
   plain `op.` calls, never import `metadata` into a revision (a revision is frozen; the metadata is not).
3. tests/test_migrations.py fails until the upgraded schema equals the metadata.
Two people adding revisions in parallel both point at the same head: after merging, set one's
`down_revision` to the other's id, so the history stays a line (`alembic heads` shows one head).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

HERE = Path(__file__).parent
FIRST_REVISION = "0001"  # the schema `metadata.create_all` made before migrations existed
_PG_LOCK_KEY = 7_061_696_701  # any fixed number: the advisory lock all PlanQA processes agree on


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config(str(HERE / "alembic.ini"))
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(connection: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema of `engine`'s database to the newest revision."""
    heads = head_revisions()
    with engine.connect() as conn:
        if current_revisions(conn) == heads:
            return
    migrator = _migration_engine(engine)
    try:
        with migrator.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
            _upgrade(conn, heads)
    finally:
        if migrator is not engine:
            migrator.dispose()


def _upgrade(conn: Connection, heads: set[str]) -> None:
    from alembic import command

    current = current_revisions(conn)  # again: another process may have migrated while we waited
    if current == heads:
        return
    config = alembic_config(conn)
    if not current and inspect(conn).has_table("documents"):
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, "head")


def _migration_engine(engine: Engine) -> Engine:
    """For a SQLite file, an engine whose transactions begin with the write lock held and include DDL
    (the sqlite3 module would otherwise run each CREATE TABLE outside any transaction)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return engine
    migrator = create_engine(url, poolclass=NullPool, connect_args={"timeout": 60})

    @event.listens_for(migrator, "connect")
    def _manual_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(migrator, "begin")
    def _begin_immediate(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return migrator
