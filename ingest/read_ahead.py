"""Files read in one thread and embedded in another, in order, ahead of the thread that writes the stores.

On a 2-core machine the model is most of an ingest, and it runs in onnxruntime or torch threads that release
the GIL. Reading (cleaning, jieba, facts) is Python, and writing (Chroma upserts, SQL) is mostly native code
that leaves the model idle. Run one after the other, the model waits for both; staged like this, the model
embeds report n+1 while report n is written and report n+2 is read.

The writer still sees one document at a time, in the order given, and writes its vectors slice by slice as
they come, so the stores' discipline (vectors first, SQL last, under the writer's lock) is unchanged.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.prepare import PreparedDocument
from planqa.errors import PlanQAError
from planqa.records import Chunk

_END = object()


@dataclass
class Staged:
    """One file as the writer receives it: read (or why not), and its vectors arriving slice by slice."""

    path: Path
    prep: PreparedDocument | None = None
    error: str | None = None
    unchanged: bool = False
    embed_seconds: float = 0.0
    _slices: queue.Queue = field(default_factory=queue.Queue)

    def slices(self) -> Iterator[tuple[list[Chunk], list[list[float]]]]:
        """(chunks, their vectors) in order; re-raises what the model raised for this document."""
        while (item := self._slices.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item


def failure_reason(exc: BaseException) -> str:
    # A parser bug must not stop the other files; a PlanQAError already says what is wrong.
    return str(exc) if isinstance(exc, PlanQAError) else f"{type(exc).__name__}: {exc}"


class ReadAhead:
    def __init__(
        self,
        files: list[Path],
        prepare: Callable[[Path], PreparedDocument],
        embeddings: Embeddings,
        is_stored: Callable[[str], bool],
        slice_size: int,
        on_read: Callable[[int], None],
        thread_seconds: Callable[[], float],
    ) -> None:
        """`is_stored(content_hash)`: skip embedding a text already stored; `on_read(n_chunks)`: a file was
        read (may be called from the embedding thread); `thread_seconds`: the model's clock for this thread."""
        self.files = files
        self._prepare = prepare
        self._embeddings = embeddings
        self._is_stored = is_stored
        self._slice_size = max(1, slice_size)
        self._on_read = on_read
        self._clock = thread_seconds
        self._stop = threading.Event()

    def __iter__(self) -> Iterator[Staged]:
        staged = [Staged(path) for path in self.files]
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="planqa-read") as reader:
            reads = [reader.submit(self._prepare, s.path) for s in staged]
            ready: queue.Queue = queue.Queue()
            worker = threading.Thread(target=self._embed_all, args=(staged, reads, ready), name="planqa-embed",
                                      daemon=True)
            worker.start()
            try:
                for _ in staged:
                    yield ready.get()
            finally:
                self._stop.set()  # the writer stopped early (an error, Ctrl-C): stop embedding what nobody writes
                for future in reads:
                    future.cancel()
                worker.join()

    def _embed_all(self, staged: list[Staged], reads: list[Future], ready: queue.Queue) -> None:
        seen: set[str] = set()
        for item, future in zip(staged, reads, strict=True):
            if self._stop.is_set():
                item.error = "ingest stopped"
                ready.put(item)
                continue
            try:
                item.prep = future.result()
            except BaseException as exc:  # noqa: BLE001 - reported per file, the others go on
                item.error = failure_reason(exc)
                ready.put(item)
                continue
            self._on_read(len(item.prep.chunks))
            digest = item.prep.document.content_hash
            # Same text as a stored document, or as an earlier file of this run (a .docx next to its .txt).
            item.unchanged = digest in seen or self._is_stored(digest)
            seen.add(digest)
            ready.put(item)
            if not item.unchanged:
                self._embed(item)

    def _embed(self, item: Staged) -> None:
        assert item.prep is not None
        chunks = item.prep.chunks
        began = self._clock()
        try:
            for i in range(0, len(chunks), self._slice_size):
                if self._stop.is_set():
                    raise PlanQAError("ingest stopped")
                part = chunks[i : i + self._slice_size]
                # One large call per slice lets the backend sort its texts by length across its own batches.
                item._slices.put((part, self._embeddings.embed_documents([c.embedding_text() for c in part])))
        except BaseException as exc:  # noqa: BLE001 - the writer re-raises it for this document only
            item._slices.put(exc)
        finally:
            item.embed_seconds = self._clock() - began
            item._slices.put(_END)
