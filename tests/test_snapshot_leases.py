"""The atomic service snapshot, the generation counter, the embedded write lock and the sweep's leases."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from servers import chroma_server
from small_reports import question, write_report

from ingest.pipeline import Ingestor
from ingest.prepare import prepare_file
from planqa.stores.locking import WriteLock
from qa_service.service import QAService

FAKE_INGEST = Path(__file__).with_name("fake_ingest.py")


@pytest.fixture
def two_reports(settings, fake_embeddings, tmp_path):
    ingestor = Ingestor(settings, fake_embeddings)
    report = ingestor.ingest([write_report(tmp_path, "lusong"), write_report(tmp_path, "hetang")])
    assert len(report.added) == 2
    return ingestor


def _doc_id(service: QAService, region: str) -> str:
    return next(d.doc_id for d in service.documents if d.region.endswith(region))


def test_a_question_keeps_its_snapshot_while_a_document_is_removed(two_reports, settings, fake_embeddings):
    service = QAService(settings, fake_embeddings)
    lusong = _doc_id(service, "芦淞区")
    search = service.search.search
    removed: list[str] = []

    def search_then_remove(*args, **kwargs):
        hits = search(*args, **kwargs)
        if not removed:
            removed.append(lusong)
            assert Ingestor(settings, fake_embeddings).remove(lusong)
            service.refresh()  # another request's refresh swaps the snapshot mid-question
        return hits

    service.search.search = search_then_remove
    before = service.state.current
    answer = service.ask(question("lusong"))  # used to raise KeyError: the document left mid-question
    assert answer.found and "77" in answer.answer and {c.doc_id for c in answer.citations} == {lusong}
    after = service.state.current
    assert after is not before and lusong not in after.documents and after.generation == before.generation + 1
    assert lusong in before.documents  # the old snapshot was never mutated, only replaced
    assert all(c.doc_id != lusong for c in service.ask(question("lusong")).citations)


def test_generation_counts_committed_writes_only(two_reports, settings, fake_embeddings, tmp_path):
    sql = two_reports.sql
    start = sql.generation()
    assert start == 2
    assert two_reports.ingest([write_report(tmp_path, "lusong")]).unchanged and sql.generation() == start
    assert not two_reports.remove("dnothere") and sql.generation() == start
    service = QAService(settings, fake_embeddings)
    health = service.health()
    assert health["status"] == "ok" and health["documents"] == 2 and health["snapshot_generation"] == start
    assert health["store"] == "ok" and health["vectors"] == 8 and not health["stale"]
    Ingestor(settings, fake_embeddings).remove(_doc_id(service, "荷塘区"))
    assert sql.generation() == start + 1 and service.health()["stale"]
    assert len(service.documents) == 1 and service.health()["snapshot_generation"] == start + 1


def test_embedded_writes_by_another_process_are_seen_and_wait_for_the_lock(
    two_reports, settings, fake_embeddings, tmp_path
):
    service = QAService(settings, fake_embeddings)
    assert service.ask(question("lusong")).found  # the Chroma client has loaded its index
    path = write_report(tmp_path, "shifeng")
    with WriteLock(settings).hold():
        proc = subprocess.Popen([sys.executable, str(FAKE_INGEST), str(settings.data_dir), str(path)],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(3)
        assert proc.poll() is None  # the other writer waits for the lock
        assert service.ask(question("lusong")).found  # readers do not
    assert "added 1" in proc.communicate(timeout=120)[0]
    # Without re-opening, this process's HNSW lacks the new ids: Chroma's "Error finding id".
    answer = service.ask(question("shifeng"))
    assert answer.found and "55" in answer.answer
    assert {service.state.current.documents[c.doc_id].region for c in answer.citations} == {"株洲市石峰区"}


def test_a_reader_keeps_answering_while_another_process_holds_the_lock(two_reports, settings, fake_embeddings):
    service = QAService(settings, fake_embeddings)
    lusong = _doc_id(service, "芦淞区")
    with WriteLock(settings).hold():
        Ingestor(settings, fake_embeddings).sql.remove(lusong)  # committed while the "writer" holds the lock
        answer = service.ask(question("hetang"))  # no waiting, the previous snapshot answers
        assert answer.found and lusong in service.state.current.documents
    assert lusong not in {d.doc_id for d in service.documents}


@pytest.fixture
def server_mode(settings, tmp_path_factory):
    with chroma_server(tmp_path_factory.mktemp("chroma")) as url:
        yield settings.model_copy(update={"chroma_url": url})


def test_sweep_spares_a_document_another_writer_is_committing(server_mode, fake_embeddings, tmp_path):
    prep = prepare_file(write_report(tmp_path, "lukou"), server_mode.chunk_size, server_mode.chunk_overlap)
    doc = prep.document
    writer = Ingestor(server_mode, fake_embeddings, lease_s=60)
    writer.leases.take(doc.doc_id)
    writer.vectors.add(prep.chunks, doc.region)  # vectors written, SQL not committed yet

    sweeper = Ingestor(server_mode, fake_embeddings)
    assert not sweeper.leases.try_take(doc.doc_id)
    assert sweeper.collect_orphans() == 0  # the old sweep deleted these: the document then had no vectors
    assert sweeper.ingest([write_report(tmp_path, "lusong")]).added  # an ingest sweeps first, too
    writer.sql.replace_document(doc, prep.chunks, prep.tokens, prep.indicators, prep.facts)
    assert writer.leases.holder(doc.doc_id) is None  # the commit ended the lease
    stored = writer.vectors.collection.get(where={"doc_id": doc.doc_id}, include=[])["ids"]
    assert sorted(stored) == sorted(c.chunk_id for c in prep.chunks)
    answer = QAService(server_mode, fake_embeddings).ask(question("lukou"))
    assert answer.found and "44" in answer.answer


def test_sweep_collects_a_dead_writers_vectors_once_its_lease_expires(server_mode, fake_embeddings, tmp_path):
    prep = prepare_file(write_report(tmp_path, "lukou"), server_mode.chunk_size, server_mode.chunk_overlap)
    dead = Ingestor(server_mode, fake_embeddings, lease_s=4)
    dead.leases.take(prep.document.doc_id)
    dead.vectors.add(prep.chunks, prep.document.region)
    sweeper = Ingestor(server_mode, fake_embeddings)
    assert sweeper.collect_orphans() == 0
    time.sleep(4.5)
    assert sweeper.collect_orphans() == 1
    assert sweeper.vectors.doc_ids() == set()


def test_two_writers_of_one_document_end_with_one_complete_copy(server_mode, fake_embeddings, tmp_path):
    path = write_report(tmp_path, "lukou")
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            Ingestor(server_mode, fake_embeddings).ingest([path])
        except BaseException as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    check = Ingestor(server_mode, fake_embeddings)
    assert not errors and len(check.sql.documents()) == 1
    doc = check.sql.documents()[0]
    assert check.vectors.count() == doc.n_chunks and check.vectors.doc_ids() == {doc.doc_id}
