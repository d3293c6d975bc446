"""The SQL schema comes from Alembic revisions: new databases, databases made by the old create_all, and the
metadata the code writes with must all agree."""

from __future__ import annotations

import threading
from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select

from planqa.migrations import FIRST_REVISION, current_revisions, head_revisions, upgrade_to_head
from planqa.stores import coordination
from planqa.stores.schema import documents, metadata
from planqa.stores.sql import SqlStore


def _all_tables():
    """The tables the code writes: the store's own and the writers' coordination tables."""
    from sqlalchemy import MetaData

    combined = MetaData()
    for source in (metadata, coordination.metadata):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


def _url(tmp_path, name="planqa.sqlite3") -> str:
    return f"sqlite:///{tmp_path / name}"


def test_one_head_and_the_first_revision_is_its_root():
    from alembic.script import ScriptDirectory

    from planqa.migrations import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert len(head_revisions()) == 1, "two heads: point one revision's down_revision at the other"
    assert [r.revision for r in script.walk_revisions()][-1] == FIRST_REVISION


def test_a_new_database_is_upgraded_to_the_schema_the_code_uses(tmp_path):
    store = SqlStore(_url(tmp_path))
    with store.engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        diff = compare_metadata(MigrationContext.configure(conn), _all_tables())
    assert diff == [], f"the migrations and planqa/stores/schema.py disagree; add a revision: {diff}"


def test_a_database_made_by_create_all_is_stamped_and_keeps_its_rows(tmp_path):
    url = _url(tmp_path)
    legacy = create_engine(url)
    metadata.create_all(legacy)  # what SqlStore did before migrations
    with legacy.begin() as conn:
        conn.execute(insert(documents).values(
            doc_id="d1", title="t", source="s", region="", years="[]", content_hash="h", clean_text="x",
            n_chunks=0, n_indicators=0, n_facts=0, ingested_at=datetime(2024, 1, 1),
        ))
    legacy.dispose()

    store = SqlStore(url)
    with store.engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        assert conn.execute(select(documents.c.doc_id)).scalars().all() == ["d1"]
    assert store.doc_ids() == {"d1"}


def test_opening_again_changes_nothing_and_concurrent_opens_agree(tmp_path):
    url = _url(tmp_path)
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            SqlStore(url).doc_ids()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = create_engine(url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        assert set(inspect(conn).get_table_names()) == {*_all_tables().tables, "alembic_version"}
