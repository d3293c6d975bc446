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
from planqa.stores import coordination, fulltext
from planqa.stores.schema import CHILD_TABLES, chunk_from_row, chunks, documents, facts, feedback, indicators

# One document's rows for `write_documents`: the document, its chunks, their tokens, indicator rows, facts.
DocumentRows = tuple[Document, list[Chunk], list[str], list[IndicatorRow], list[Fact]]
_CHUNK_COLUMNS = [c for c in chunks.columns if c.name != "tokens"]


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
        self.write_documents([(doc, doc_chunks, chunk_tokens, rows, doc_facts)], replaces)

    def write_documents(self, items: list[DocumentRows], replaces: Iterable[str] = ()) -> None:
        """`replace_document` for many documents in one transaction (a bulk load; one generation bump)."""
        with self.engine.begin() as conn:
            fulltext.lock_writes(conn)  # PostgreSQL: one writer at a time updates the term frequencies
            self._delete(conn, {*replaces, *(item[0].doc_id for item in items)})
            coordination.bump_generation(conn)
            for item in items:
                coordination.release(conn, item[0].doc_id)
            now = datetime.now(UTC).replace(tzinfo=None)
            conn.execute(insert(documents), [_document_row(doc, c, r, f, now) for doc, c, _t, r, f in items])
            chunk_rows = [{**c.model_dump(exclude={"years"}), "years": json.dumps(c.years), "tokens": t}
                          for _d, cs, ts, _r, _f in items for c, t in zip(cs, ts, strict=True)]
            for table, table_rows in ((chunks, chunk_rows),
                                      (indicators, [r.model_dump() for item in items for r in item[3]]),
                                      (facts, [f.model_dump() for item in items for f in item[4]])):
                if table_rows:
                    conn.execute(insert(table), table_rows)
            fulltext.count_terms(conn, [item[0].doc_id for item in items], +1)

    def remove(self, doc_id: str) -> bool:
        with self.engine.begin() as conn:
            fulltext.lock_writes(conn)
            removed = self._delete(conn, {doc_id})
            if removed:
                coordination.bump_generation(conn)
            return removed

    def generation(self) -> int:
        """Bumped by every committed write, by any process: one indexed read tells a reader to refresh."""
        return coordination.read_generation(self.engine)

    @staticmethod
    def _delete(conn, doc_ids: set[str]) -> bool:
        ids = sorted(doc_ids)
        fulltext.count_terms(conn, ids, -1)  # PostgreSQL: before their chunks go
        for table in CHILD_TABLES:
            conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
        return conn.execute(delete(documents).where(documents.c.doc_id.in_(ids))).rowcount > 0

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
    def documents(self, doc_ids: Iterable[str] | None = None) -> list[Document]:
        query = select(documents).order_by(documents.c.ingested_at)
        if doc_ids is not None:
            query = query.where(documents.c.doc_id.in_(list(doc_ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_document(r) for r in rows]

    def document_stamps(self) -> dict[str, datetime]:
        """doc_id → when it was written, in the order of `documents()`: what changed, without the texts."""
        query = select(documents.c.doc_id, documents.c.ingested_at).order_by(documents.c.ingested_at)
        with self.engine.connect() as conn:
            return {doc_id: at for doc_id, at in conn.execute(query)}

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
        return [(chunk_from_row(r), r["tokens"]) for r in rows]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """One document's chunks in reading order."""
        query = select(*_CHUNK_COLUMNS).where(chunks.c.doc_id == doc_id).order_by(chunks.c.ordinal)
        with self.engine.connect() as conn:
            return [chunk_from_row(r) for r in conn.execute(query).mappings().all()]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        """The stored chunks among `chunk_ids` (those of removed or uncommitted documents are absent)."""
        ids = list(chunk_ids)
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(*_CHUNK_COLUMNS).where(chunks.c.chunk_id.in_(ids))).mappings().all()
        return {r["chunk_id"]: chunk_from_row(r) for r in rows}

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


def _document_row(doc: Document, doc_chunks: list, rows: list, doc_facts: list, now: datetime) -> dict:
    return {"doc_id": doc.doc_id, "title": doc.title, "source": doc.source, "region": doc.region,
            "report_date": doc.report_date, "years": json.dumps(doc.years), "content_hash": doc.content_hash,
            "clean_text": doc.clean_text, "n_chunks": len(doc_chunks), "n_indicators": len(rows),
            "n_facts": len(doc_facts), "ingested_at": now}


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

