"""Documents, chunks (text and BM25 tokens), indicator rows and prose facts in one SQL database.

SQLite by default, any SQLAlchemy URL (PostgreSQL) through settings. A document becomes visible only when the
transaction that writes all of its rows commits, so a crash mid-ingest leaves the previous state intact.
The tables are defined in planqa/stores/schema.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import create_engine, delete, event, func, insert, select
from sqlalchemy.engine import Engine

from planqa.migrations import upgrade_to_head
from planqa.records import Chunk, Document, Fact, IndicatorRow
from planqa.stores import coordination
from planqa.stores.schema import CHILD_TABLES, chunks, documents, facts, feedback, indicators


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - driver hook
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


class SqlStore:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, future=True, pool_pre_ping=True)
        _enable_sqlite_foreign_keys(self.engine)
        upgrade_to_head(self.engine)  # the schema's Alembic migrations: planqa/migrations/
        coordination.create(self.engine)  # idempotent: seeds the generation row on a database 0003 did not make

    # ---- writing -------------------------------------------------------------------------------
    def replace_document(
        self,
        doc: Document,
        doc_chunks: list[Chunk],
        chunk_tokens: list[str],
        rows: list[IndicatorRow],
        doc_facts: list[Fact],
        replaces: Iterable[str] = (),
    ) -> None:
        """Write a document and everything derived from it, removing `replaces`, in one transaction.

        The same transaction bumps the generation (readers notice) and ends the document's staging lease
        (from now on its vectors belong to a committed document and no sweep may take them).
        """
        with self.engine.begin() as conn:
            for old in {*replaces, doc.doc_id}:
                self._delete(conn, old)
            coordination.bump_generation(conn)
            coordination.release(conn, doc.doc_id)
            conn.execute(
                insert(documents).values(
                    doc_id=doc.doc_id,
                    title=doc.title,
                    source=doc.source,
                    region=doc.region,
                    report_date=doc.report_date,
                    years=json.dumps(doc.years),
                    content_hash=doc.content_hash,
                    clean_text=doc.clean_text,
                    n_chunks=len(doc_chunks),
                    n_indicators=len(rows),
                    n_facts=len(doc_facts),
                    ingested_at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
            if doc_chunks:
                conn.execute(
                    insert(chunks),
                    [
                        {**c.model_dump(exclude={"years"}), "years": json.dumps(c.years), "tokens": t}
                        for c, t in zip(doc_chunks, chunk_tokens, strict=True)
                    ],
                )
            if rows:
                conn.execute(insert(indicators), [r.model_dump() for r in rows])
            if doc_facts:
                conn.execute(insert(facts), [f.model_dump() for f in doc_facts])

    def remove(self, doc_id: str) -> bool:
        with self.engine.begin() as conn:
            removed = self._delete(conn, doc_id)
            if removed:
                coordination.bump_generation(conn)
            return removed

    def generation(self) -> int:
        """Bumped by every committed write, by any process: one indexed read tells a reader to refresh."""
        return coordination.read_generation(self.engine)

    @staticmethod
    def _delete(conn, doc_id: str) -> bool:
        for table in CHILD_TABLES:
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        return conn.execute(delete(documents).where(documents.c.doc_id == doc_id)).rowcount > 0

    def save_feedback(self, record: dict) -> None:
        """Store (or replace) the feedback on one answer; `record` has the `feedback` table's columns."""
        row = {**record, "found": int(bool(record.get("found", True))),
               "citations": json.dumps(record.get("citations") or [], ensure_ascii=False),
               "created_at": datetime.now(UTC).replace(tzinfo=None)}
        with self.engine.begin() as conn:
            conn.execute(delete(feedback).where(feedback.c.turn_id == row["turn_id"]))
            conn.execute(insert(feedback).values(**{c.name: row.get(c.name, "") for c in feedback.columns}))

    def feedback(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(feedback).order_by(feedback.c.created_at)).mappings().all()
        return [{**dict(r), "found": bool(r["found"]), "citations": json.loads(r["citations"] or "[]")} for r in rows]

    # ---- reading -------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).order_by(documents.c.ingested_at)).mappings().all()
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
        return _document(row) if row else None

    def find(self, *, content_hash: str | None = None, source: str | None = None) -> list[Document]:
        query = select(documents)
        if content_hash:
            query = query.where(documents.c.content_hash == content_hash)
        if source:
            query = query.where(documents.c.source == source)
        with self.engine.connect() as conn:
            return [_document(r) for r in conn.execute(query).mappings().all()]

    def doc_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(documents.c.doc_id)).scalars().all())

    def all_chunks(self) -> list[tuple[Chunk, str]]:
        """Every chunk with its BM25 tokens, in document order."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(chunks).order_by(chunks.c.doc_id, chunks.c.ordinal)).mappings().all()
        return [(_chunk(r), r["tokens"]) for r in rows]

    def indicators(
        self, *, doc_ids: Iterable[str] | None = None, year: int | None = None, text: str | None = None
    ) -> list[IndicatorRow]:
        query = select(indicators).order_by(indicators.c.doc_id, indicators.c.id)
        if doc_ids is not None:
            query = query.where(indicators.c.doc_id.in_(list(doc_ids)))
        if year is not None:
            query = query.where(indicators.c.year == year)
        if text:
            query = query.where(indicators.c.indicator_norm.contains(text, autoescape=True))  # % and _ are text
        with self.engine.connect() as conn:
            return [IndicatorRow(**_plain(r)) for r in conn.execute(query).mappings().all()]

    def facts(self, *, doc_ids: Iterable[str] | None = None) -> list[Fact]:
        query = select(facts).order_by(facts.c.doc_id, facts.c.id)
        if doc_ids is not None:
            query = query.where(facts.c.doc_id.in_(list(doc_ids)))
        with self.engine.connect() as conn:
            return [Fact(**_plain(r)) for r in conn.execute(query).mappings().all()]

    def clean_text(self, doc_id: str) -> str:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.clean_text).where(documents.c.doc_id == doc_id)).scalar_one()

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in (documents, *CHILD_TABLES)
            }


def _plain(row) -> dict:
    return {k: v for k, v in dict(row).items() if k != "id"}


def _document(row) -> Document:
    data = dict(row)
    data["years"] = json.loads(data.get("years") or "[]")
    data.pop("ingested_at", None)
    if isinstance(data.get("report_date"), datetime):
        data["report_date"] = data["report_date"].date()
    elif data.get("report_date") is not None and not isinstance(data["report_date"], date):
        data["report_date"] = date.fromisoformat(str(data["report_date"]))
    return Document(**data)


def _chunk(row) -> Chunk:
    data = dict(row)
    data.pop("tokens", None)
    data["years"] = json.loads(data.get("years") or "[]")
    return Chunk(**data)
