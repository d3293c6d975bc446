"""What a question is answered from: one immutable snapshot of the stores, swapped by one assignment.

A refresh reads the stores' generation (one indexed SQL read). When another process or thread committed a
write, it builds a whole new `Snapshot` (documents, indicator rows, lexical index) off to the side and then
replaces the one reference. A question pins the snapshot it started with (`pin`), so a document removed
mid-question stays readable to that question, and no question sees documents from one generation with the
lexical index of another.

Embedded mode: the snapshot is built while holding the data dir's write lock for a moment, after re-opening
the Chroma client, so the vectors this process can see are at least those of the documents in the snapshot.
While another process writes (holds the lock), questions keep using the previous snapshot.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from types import MappingProxyType
from typing import Any

from planqa.records import Document, IndicatorRow
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex
from planqa.stores.locking import WriteLock, is_embedded
from qa_service.lexical_postgres import PostgresLexicalIndex
from qa_service.retrieval import Lexical, LexicalIndex

STARTUP_LOCK_WAIT_S = 60.0


@dataclass(frozen=True)
class Snapshot:
    generation: int
    documents: Mapping[str, Document]
    indicators: tuple[IndicatorRow, ...]
    lexical: Lexical
    built_at: float = field(default_factory=time.time)
    build_seconds: float = 0.0
    stamps: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))  # doc_id → written at

    @classmethod
    def empty(cls) -> Snapshot:
        return cls(-1, MappingProxyType({}), (), LexicalIndex([]), built_at=0.0)


class SnapshotHolder:
    def __init__(self, settings: Settings, sql: SqlStore, vectors: VectorIndex) -> None:
        self.settings = settings
        self.sql = sql
        self.vectors = vectors
        self.lock = WriteLock(settings)
        self.current = Snapshot.empty()
        self._build_lock = threading.Lock()
        # Per holder: two services in one process (tests, the eval harness) must not see each other's pins.
        self._pinned: ContextVar[Snapshot | None] = ContextVar(f"planqa_snapshot_{id(self)}", default=None)

    # ---- reading ---------------------------------------------------------------------------------
    def view(self) -> Snapshot:
        """The snapshot pinned by the question being answered in this context, else the newest."""
        return self._pinned.get() or self.current

    @contextmanager
    def pin(self) -> Iterator[Snapshot]:
        # A question never waits for another thread's rebuild when it already has something to answer from.
        snapshot = self.refresh(wait=not self.current.documents)
        token = self._pinned.set(snapshot)
        try:
            yield snapshot
        finally:
            self._pinned.reset(token)

    # ---- refreshing ------------------------------------------------------------------------------
    def stale(self) -> bool:
        return self.sql.generation() != self.current.generation

    def refresh(self, wait: bool = True) -> Snapshot:
        """Swap in a new snapshot when the stores' generation moved; cheap when it did not."""
        if not self.stale():
            return self.current
        if not self._build_lock.acquire(blocking=wait):
            return self.current  # another thread is building it
        try:
            if self.stale():  # not built by the thread we waited for
                built = self._build()
                if built is not None:
                    self.current = built  # the one assignment readers can observe
            return self.current
        finally:
            self._build_lock.release()

    def _build(self) -> Snapshot | None:
        began = time.perf_counter()
        first = self.current.generation < 0
        in_database = self.settings.lexical_in_database
        with self.lock.try_hold(timeout=STARTUP_LOCK_WAIT_S if first else 0) as held:
            if not held and not first:
                return None  # another process is writing; answer from the previous snapshot meanwhile
            if is_embedded(self.settings) and held:
                self.vectors.reopen()
            # Read the generation before the rows: a commit racing these reads leaves the snapshot marked
            # older than what it holds, so the next question rebuilds it. Never the other way round.
            generation = self.sql.generation()
            documents, stamps = self._documents()
            rows = [] if in_database else [(c, t) for c, t in self.sql.all_chunks() if c.doc_id in documents]
            indicators = tuple(self.sql.indicators(doc_ids=list(documents)))
        # the CPU-heavy part (in memory), outside the lock; in the database, a few reads of its statistics
        lexical = PostgresLexicalIndex(self.sql, documents) if in_database else LexicalIndex(rows)
        return Snapshot(
            generation=generation,
            documents=MappingProxyType(documents),
            indicators=indicators,
            lexical=lexical,
            build_seconds=time.perf_counter() - began,
            stamps=MappingProxyType(stamps),
        )

    def _documents(self) -> tuple[dict[str, Document], dict[str, datetime]]:
        """The stored documents, in order; those unchanged since the current snapshot are its own objects
        (their texts are not read again, nor held twice while two snapshots live)."""
        stamps = self.sql.document_stamps()
        previous, written = self.current.documents, self.current.stamps
        kept = {d: previous[d] for d, at in stamps.items() if d in previous and written.get(d) == at}
        missing = [d for d in stamps if d not in kept]
        read = self.sql.documents(doc_ids=missing if kept else None) if missing else []
        fresh = {d.doc_id: d for d in read}
        documents = {d: kept.get(d) or fresh[d] for d in stamps if d in kept or d in fresh}
        return documents, {d: stamps[d] for d in documents}

    # ---- health ----------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        """Can this process answer? The stores must be reachable and a snapshot with documents built."""
        report: dict[str, Any] = {"snapshot_generation": self.current.generation,
                                  "documents": len(self.current.documents)}
        try:
            report["store_generation"] = self.sql.generation()
            report["sql"] = "ok"
        except Exception as exc:  # the point is to report it, whatever it is
            report["sql"] = f"unreachable: {type(exc).__name__}"
        try:
            report["vectors"] = self.vectors.count()
        except Exception as exc:
            report["vectors"] = f"unreachable: {type(exc).__name__}"
        reachable = report["sql"] == "ok" and isinstance(report["vectors"], int)
        report["store"] = "ok" if reachable else "unreachable"
        report["snapshot_age_s"] = round(time.time() - self.current.built_at, 1) if self.current.built_at else None
        report["stale"] = reachable and report["store_generation"] != self.current.generation
        report["status"] = "ok" if reachable and self.current.documents else (
            "no_documents" if reachable else "unavailable")
        return report


def pinned(method: Callable) -> Callable:
    """Decorate a QAService method: it runs against one snapshot throughout."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.state.pin():
            return method(self, *args, **kwargs)

    return wrapper
