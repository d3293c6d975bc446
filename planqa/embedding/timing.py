"""An `Embeddings` that delegates and counts the seconds spent inside the model (to see what ingestion adds)."""

from __future__ import annotations

import threading
import time
from typing import Any

from langchain_core.embeddings import Embeddings


class TimedEmbeddings(Embeddings):
    """Counts per thread as well as in total: concurrent ingests sharing one model each see their own time."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self._lock = threading.Lock()
        self._local = threading.local()
        self._total = 0.0

    def __getattr__(self, name: str) -> Any:
        # identity, defer_identity, dimension, model_path...: whatever the wrapped model says about itself.
        if name in ("inner", "_lock", "_local", "_total"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def seconds(self) -> float:
        """Model seconds of all threads."""
        with self._lock:
            return self._total

    @property
    def thread_seconds(self) -> float:
        """Model seconds of the calling thread."""
        return getattr(self._local, "seconds", 0.0)

    def _count(self, began: float) -> None:
        spent = time.perf_counter() - began
        self._local.seconds = self.thread_seconds + spent
        with self._lock:
            self._total += spent

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        began = time.perf_counter()
        try:
            return self.inner.embed_documents(texts)
        finally:
            self._count(began)

    def embed_query(self, text: str) -> list[float]:
        began = time.perf_counter()
        try:
            return self.inner.embed_query(text)
        finally:
            self._count(began)
