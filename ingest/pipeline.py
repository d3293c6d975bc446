"""Files → stores, with progress, per-file error lines, and per-document atomicity."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.loaders import discover
from ingest.prepare import PreparedDocument, prepare_file
from ingest.read_ahead import ReadAhead, Staged
from planqa.embedding.timing import TimedEmbeddings
from planqa.errors import PlanQAError
from planqa.records import Chunk
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex
from planqa.stores.coordination import DEFAULT_LEASE_S, Leases
from planqa.stores.locking import WriteLock, is_embedded


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    indicators: int = 0
    facts: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0  # inside the embedding model alone, to see what ingestion adds on top

    @property
    def chunks_per_second(self) -> float:
        return self.chunks / self.seconds if self.seconds else 0.0


class Progress:
    """Callbacks the pipeline reports to; the CLI draws them with rich, the UI with st.progress."""

    def start(self, phase: str, total: int) -> None: ...
    def extend(self, n: int) -> None: ...  # the total grows as files are read (called from a worker thread)
    def advance(self, n: int = 1) -> None: ...
    def note(self, message: str) -> None: ...
    def stop(self) -> None: ...


class Ingestor:
    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings,
        sql: SqlStore | None = None,
        vectors: VectorIndex | None = None,
        lease_s: float = DEFAULT_LEASE_S,
    ) -> None:
        self.settings = settings
        self.sql = sql or SqlStore(settings.sqlalchemy_url)
        timed = vectors.embeddings if vectors is not None else embeddings
        if not isinstance(timed, TimedEmbeddings):
            # Shared with other ingestors and the QA service: a transparent delegate, so wrapping is harmless.
            timed = TimedEmbeddings(timed)
        self._timer: TimedEmbeddings = timed
        if vectors is not None:
            vectors.embeddings = timed
            self.__dict__["vectors"] = vectors  # the cached property below, already open
        self.lock = WriteLock(settings)
        self.leases = Leases(self.sql.engine, lease_s=lease_s)

    @cached_property
    def vectors(self) -> VectorIndex:
        """Opened on first use (importing chromadb takes seconds): an ingest reads and embeds meanwhile."""
        return VectorIndex(self.settings, self._timer)

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        """Store every file, in order; files are read and embedded ahead of the writing (`ingest.read_ahead`)."""
        progress = progress or Progress()
        report = IngestReport()
        began = time.perf_counter()
        files = discover(paths)
        if files:
            # A lazily loaded model loads here, outside the model timer: embed_seconds are seconds of embedding.
            getattr(self._timer.inner, "real", None)
        staged = ReadAhead(
            files,
            self._prepare,
            self._timer,
            is_stored=lambda digest: bool(self.sql.find(content_hash=digest)),
            slice_size=16 * self.settings.embedding_batch_size,
            on_read=progress.extend,
            thread_seconds=lambda: self._timer.thread_seconds,
        )
        progress.start("Embedding", 0)
        swept = False
        for item in staged:
            if not swept:
                # before the first write, while the first file is embedded: opening the vector store takes
                # seconds of imports, and nothing has been written yet
                self.collect_orphans()
                swept = True
            self._store_one(item, report, progress)
            report.embed_seconds += item.embed_seconds
        if not swept:
            self.collect_orphans()
        progress.stop()
        report.seconds = time.perf_counter() - began
        return report

    def _prepare(self, path: Path) -> PreparedDocument:
        if not path.exists():
            raise PlanQAError("no such file")
        return prepare_file(path, self.settings.chunk_size, self.settings.chunk_overlap)

    def _store_one(self, item: Staged, report: IngestReport, progress: Progress) -> None:
        path, prep = str(item.path), item.prep
        if item.error is not None or prep is None:
            report.failed.append((path, item.error or "not read"))
            progress.note(f"skipped {path}: {item.error}")
            return
        if item.unchanged:
            report.unchanged.append(path)
            progress.advance(len(prep.chunks))
            return
        doc = prep.document
        replaces = [d.doc_id for d in self.sql.find(source=doc.source) if d.doc_id != doc.doc_id]
        try:
            stored = self._store(prep, replaces, item.slices(), progress.advance)
        except Exception as exc:
            report.failed.append((path, f"could not store: {type(exc).__name__}: {exc}"))
            progress.note(f"failed to store {path}: {exc}")
            return
        if not stored:
            report.unchanged.append(path)
            return
        (report.replaced if replaces else report.added).append(path)
        report.chunks += len(prep.chunks)
        report.indicators += len(prep.indicators)
        report.facts += len(prep.facts)

    @contextmanager
    def _writing(self, doc_id: str) -> Iterator[None]:
        """The discipline every write follows: the data dir's lock (embedded), then the document's lease."""
        with self.lock.hold():
            if is_embedded(self.settings):
                # Another process may have written since this client opened: its HNSW would lack those ids.
                self.vectors.reopen()
                # Embedded writers hold leases only inside the lock: a lease seen here is a dead writer's.
                self.leases.steal(doc_id)
            else:
                self.leases.take(doc_id)
            try:
                yield
            finally:
                self.leases.drop(doc_id)  # a no-op after a commit, which already ended the lease

    def _store(
        self,
        prep: PreparedDocument,
        replaces: list[str],
        vectors: Iterable[tuple[list[Chunk], list[list[float]]]],
        advance: Callable[[int], None],
    ) -> bool:
        """Store one document; False when another writer stored the same text meanwhile."""
        doc = prep.document
        with self._writing(doc.doc_id):
            if self.sql.find(content_hash=doc.content_hash):
                return False
            renewed = time.monotonic()

            def step(n: int) -> None:
                nonlocal renewed
                advance(n)
                if time.monotonic() - renewed > self.leases.lease_s / 3:  # a long report outlives one lease
                    self.leases.renew(doc.doc_id)
                    renewed = time.monotonic()

            # Vectors first, SQL last: a document exists for readers only once its SQL transaction commits.
            # Upsert under the document's own ids, then drop its other ids: running twice is harmless and a
            # committed document never loses its vectors to a second writer of the same text.
            for chunks, embedded in vectors:
                self.vectors.write(chunks, embedded, doc.region)
                step(len(chunks))
            self.vectors.keep_only(doc.doc_id, {c.chunk_id for c in prep.chunks})
            self.sql.replace_document(doc, prep.chunks, prep.tokens, prep.indicators, prep.facts, replaces)
        for old in replaces:
            with self._writing(old):
                if old not in self.sql.doc_ids():
                    self.vectors.delete_document(old)
        return True

    def remove(self, doc_id: str) -> bool:
        with self._writing(doc_id):
            removed = self.sql.remove(doc_id)
            self.vectors.delete_document(doc_id)
        return removed

    def collect_orphans(self) -> int:
        """Delete vectors left by an ingest that died before its SQL commit.

        Only documents nobody holds a live lease on: the sweep takes the lease itself, then checks again that
        the document is not committed, so it cannot race a writer that is embedding the same document.
        Vector ids are read first: a document whose vectors exist was staged before they were written.
        """
        embedded = is_embedded(self.settings)
        with self.lock.hold():
            if embedded:
                self.vectors.reopen()
            # Embedded writers hold leases only inside the lock we now hold: any lease left is a dead writer's.
            live = set() if embedded else self.leases.live()
            candidates = self.vectors.doc_ids() - live - self.sql.doc_ids()
        swept = 0
        for doc_id in sorted(candidates):
            with self.lock.hold():
                if embedded:
                    self.leases.steal(doc_id)
                elif not self.leases.try_take(doc_id):
                    continue  # a writer holds it right now
                try:
                    if doc_id not in self.sql.doc_ids():
                        self.vectors.delete_document(doc_id)
                        swept += 1
                finally:
                    self.leases.drop(doc_id)
        return swept
