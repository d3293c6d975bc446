"""One writer at a time on an embedded data dir, across processes: a file lock next to the stores.

Chroma's embedded PersistentClient keeps its HNSW index in the memory of the process that opened it; two
processes writing at once, or one reading what another is half-way through writing, breaks it. So every
write (ingest of one document, remove, orphan sweep) holds this lock, and a reader re-opens its client only
while it can hold the lock for a moment (between two writes). Server mode (a Chroma server) needs no file
lock: the server serialises vector writes and per-document leases in SQL keep writers apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from planqa.settings import Settings

LOCK_NAME = ".planqa-write.lock"


def is_embedded(settings: Settings) -> bool:
    return settings.chroma_url is None


class WriteLock:
    def __init__(self, settings: Settings) -> None:
        self.path: Path | None = settings.resolved_data_dir / LOCK_NAME if is_embedded(settings) else None

    def _lock(self) -> FileLock:
        # A new FileLock per use: its own file descriptor, so threads of one process exclude each other too.
        return FileLock(str(self.path), is_singleton=False, thread_local=False)

    @contextmanager
    def hold(self, timeout: float = -1) -> Iterator[None]:
        """Wait for the lock (forever by default: an ingest of a large report may hold it for minutes)."""
        if self.path is None:
            yield
            return
        with self._lock().acquire(timeout=timeout):
            yield

    @contextmanager
    def try_hold(self, timeout: float = 0) -> Iterator[bool]:
        """Hold the lock if it is free (within `timeout`); yields whether it is held. Readers never block on
        a writer, except a process starting up with nothing to answer from yet."""
        if self.path is None:
            yield True
            return
        lock = self._lock()
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()
