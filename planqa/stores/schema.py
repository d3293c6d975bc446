"""The SQL store's tables: documents, their chunks (text and BM25 tokens), indicator rows, prose facts, and
reader feedback. Alembic's migrations (planqa/migrations/) must build exactly this `metadata`."""

from __future__ import annotations

import json

from sqlalchemy import Column, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text

from planqa.records import Chunk

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False, index=True),
    Column("region", String(64), nullable=False, default=""),
    Column("report_date", Date),
    Column("years", Text, nullable=False, default="[]"),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("clean_text", Text, nullable=False),
    Column("n_chunks", Integer, nullable=False, default=0),
    Column("n_indicators", Integer, nullable=False, default=0),
    Column("n_facts", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime, nullable=False),
)

chunks = Table(
    "chunks",
    metadata,
    Column("chunk_id", String(96), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True),
    Column("ordinal", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("section", Text, nullable=False, default=""),
    Column("kind", String(16), nullable=False, default="text"),
    Column("years", Text, nullable=False, default="[]"),
    Column("tokens", Text, nullable=False, default=""),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True),
    Column("indicator", Text, nullable=False),
    Column("indicator_norm", Text, nullable=False, index=True),
    Column("column", Text, nullable=False),
    Column("year", Integer),
    Column("kind", String(16), nullable=False),
    Column("scope", Text, nullable=False, default=""),
    Column("value_text", Text, nullable=False),
    Column("value", Float),
    Column("unit", String(32), nullable=False, default=""),
    Column("qualifier", Text, nullable=False, default=""),
    Column("table_title", Text, nullable=False, default=""),
    Column("row_text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True),
    Column("subject", Text, nullable=False),
    Column("year", Integer),
    Column("value_text", Text, nullable=False),
    Column("value", Float),
    Column("unit", String(32), nullable=False, default=""),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Reader feedback on answers, kept next to the question and answer it judges. Not tied to a document:
# it outlives re-ingestion. One row per answer (`turn_id`); a changed vote or comment replaces it.
feedback = Table(
    "feedback",
    metadata,
    Column("turn_id", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False),
    Column("vote", String(8), nullable=False),  # up | down
    Column("comment", Text, nullable=False, default=""),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("found", Integer, nullable=False, default=1),
    Column("citations", Text, nullable=False, default="[]"),
)

CHILD_TABLES = (chunks, indicators, facts)


def chunk_from_row(row) -> Chunk:
    """A `chunks` row (any mapping with its columns; `tokens` and others are ignored) as a Chunk."""
    data = {name: row[name] for name in CHUNK_FIELDS}
    data["years"] = json.loads(data["years"] or "[]")
    return Chunk(**data)


CHUNK_FIELDS = tuple(Chunk.model_fields)
