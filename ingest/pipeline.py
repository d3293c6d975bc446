"""Files → stores, with progress, per-file error lines, and per-document atomicity."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.loaders import discover
from ingest.prepare import PreparedDocument, prepare_file
from planqa.embedding.timing import TimedEmbeddings
from planqa.errors import PlanQAError
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex


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
    ) -> None:
        self.settings = settings
        self.sql = sql or SqlStore(settings.sqlalchemy_url)
        self.vectors = vectors or VectorIndex(settings, embeddings)
        if not isinstance(self.vectors.embeddings, TimedEmbeddings):
            # Shared with other ingestors and the QA service: a transparent delegate, so wrapping is harmless.
            self.vectors.embeddings = TimedEmbeddings(self.vectors.embeddings)
        self._timer: TimedEmbeddings = self.vectors.embeddings

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        progress = progress or Progress()
        report = IngestReport()
        began = time.perf_counter()
        model_began = self._timer.thread_seconds
        self.collect_orphans()
        files = discover(paths)
        prepared: list[tuple[Path, PreparedDocument]] = []
        progress.start("Reading", len(files))
        for path in files:
            try:
                if not path.exists():
                    raise PlanQAError("no such file")
                prepared.append(
                    (path, prepare_file(path, self.settings.chunk_size, self.settings.chunk_overlap))
                )
            except PlanQAError as exc:
                report.failed.append((str(path), str(exc)))
                progress.note(f"skipped {path}: {exc}")
            except Exception as exc:  # a parser bug must not stop the other files
                report.failed.append((str(path), f"{type(exc).__name__}: {exc}"))
                progress.note(f"skipped {path}: {type(exc).__name__}: {exc}")
            progress.advance()
        progress.stop()

        todo: list[tuple[Path, PreparedDocument, list[str]]] = []
        batch_hashes: set[str] = set()
        for path, prep in prepared:
            doc = prep.document
            # Same text as a stored document, or as an earlier file of this run (a .docx next to its .txt).
            if doc.content_hash in batch_hashes or self.sql.find(content_hash=doc.content_hash):
                report.unchanged.append(str(path))
                continue
            batch_hashes.add(doc.content_hash)
            replaces = [d.doc_id for d in self.sql.find(source=doc.source) if d.doc_id != doc.doc_id]
            todo.append((path, prep, replaces))

        if todo:
            # A lazily loaded model loads here, outside the timer: embed_seconds are seconds of embedding.
            getattr(self._timer.inner, "real", None)
        progress.start("Embedding", sum(len(p.chunks) for _, p, _ in todo))
        for path, prep, replaces in todo:
            try:
                self._store(prep, replaces, progress.advance)
            except Exception as exc:
                report.failed.append((str(path), f"could not store: {type(exc).__name__}: {exc}"))
                progress.note(f"failed to store {path}: {exc}")
                continue
            (report.replaced if replaces else report.added).append(str(path))
            report.chunks += len(prep.chunks)
            report.indicators += len(prep.indicators)
            report.facts += len(prep.facts)
        progress.stop()
        report.seconds = time.perf_counter() - began
        report.embed_seconds = self._timer.thread_seconds - model_began
        return report

    def _store(self, prep: PreparedDocument, replaces: list[str], advance: Callable[[int], None]) -> None:
        doc = prep.document
        # Vectors first, SQL last: a document exists for readers only once its SQL transaction commits,
        # and vectors whose document is not in SQL are ignored by readers and collected later.
        self.vectors.delete_document(doc.doc_id)
        # Large calls (a whole report, usually) let the backend sort texts by length across many batches.
        self.vectors.add(prep.chunks, doc.region, batch_size=16 * self.settings.embedding_batch_size, progress=advance)
        self.sql.replace_document(doc, prep.chunks, prep.tokens, prep.indicators, prep.facts, replaces)
        for old in replaces:
            self.vectors.delete_document(old)

    def remove(self, doc_id: str) -> bool:
        removed = self.sql.remove(doc_id)
        self.vectors.delete_document(doc_id)
        return removed

    def collect_orphans(self) -> int:
        """Delete vectors left by an ingest that died before its SQL commit."""
        orphans = self.vectors.doc_ids() - self.sql.doc_ids()
        for doc_id in orphans:
            self.vectors.delete_document(doc_id)
        return len(orphans)
