"""One contract, two deployments: embedded (SQLite + Chroma on disk) and servers (PostgreSQL + Chroma)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE
from servers import chroma_server, postgres

from ingest.pipeline import Ingestor
from qa_service.lexical_postgres import PostgresLexicalIndex
from qa_service.retrieval import LexicalIndex
from qa_service.service import QAService


@pytest.fixture(params=["embedded", "servers"])
def backend(request, settings, tmp_path_factory):
    if request.param == "embedded":
        yield settings
        return
    tmp = tmp_path_factory.mktemp("servers")
    with postgres(tmp) as db_url, chroma_server(tmp) as chroma_url:
        yield settings.model_copy(update={"database_url": db_url, "chroma_url": chroma_url})


def test_store_contract(backend, fake_embeddings, tmp_path):
    worker_a = Ingestor(backend, fake_embeddings)
    report = worker_a.ingest([SAMPLE])
    assert report.added and report.indicators == 36
    assert worker_a.ingest([SAMPLE]).unchanged  # content hash survives the round trip
    doc = worker_a.sql.documents()[0]
    assert doc.report_date.isoformat() == "2024-01-17" and doc.years == [2023, 2024]

    # Two services on the same stores stand in for two `planqa serve` workers: they must agree.
    first, second = QAService(backend, fake_embeddings), QAService(backend, fake_embeddings)
    # PostgreSQL answers lexical search itself (no chunk table in the worker); SQLite keeps the in-memory BM25
    lexical = PostgresLexicalIndex if backend.database_url else LexicalIndex
    assert isinstance(first.state.current.lexical, lexical)
    a, b = first.ask("2023年进出口完成情况如何？"), second.ask("2023年进出口完成情况如何？")
    assert a.found and a.answer == b.answer and a.citations == b.citations
    text = first.clean_text(a.citations[0].doc_id)
    assert all(text[c.start : c.end] == c.text for c in a.citations)

    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("天元区", "芦淞区"), encoding="utf-8")
    Ingestor(backend, fake_embeddings).ingest([other])
    assert len(second.documents) == 2  # a document ingested elsewhere is seen without restart
    assert worker_a.remove(doc.doc_id)
    assert [d.region for d in first.documents] == ["株洲市芦淞区"]
    assert first.state.current.lexical.chunks_of(doc.doc_id) == []  # the removed report's chunks are gone
    assert first.ask("2023年进出口完成情况如何？").citations[0].doc_id != doc.doc_id
    assert worker_a.vectors.doc_ids() == worker_a.sql.doc_ids()
