"""Files → stores. The public API other packages use: `ingest_paths` and `remove_document`.

Heavy modules (stores, the model) are imported only when these are called, so importing a small part of
`ingest` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from ingest.pipeline import IngestReport, Progress
    from planqa.settings import Settings
    from planqa.stores import SqlStore, VectorIndex

__all__ = ["ingest_paths", "remove_document"]


def _ingestor(settings: Settings, embeddings: Embeddings | None, sql: SqlStore | None, vectors: VectorIndex | None,
              warm: bool = False):
    from planqa.embedding.model import LazyEmbeddings

    if embeddings is None:
        embeddings = LazyEmbeddings(settings)
        if warm:
            embeddings.warm()  # the model loads while the stores below are opened
    from ingest.pipeline import Ingestor

    return Ingestor(settings, embeddings, sql=sql, vectors=vectors)


def ingest_paths(
    settings: Settings,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    *,
    embeddings: Embeddings | None = None,
    sql: SqlStore | None = None,
    vectors: VectorIndex | None = None,
) -> IngestReport:
    """Ingest files and folders into the stores; pass a running service's embeddings and stores to share them
    (the model is loaded only when something needs embedding otherwise)."""
    return _ingestor(settings, embeddings, sql, vectors, warm=True).ingest([Path(p) for p in paths], progress)


def remove_document(
    settings: Settings,
    doc_id: str,
    *,
    embeddings: Embeddings | None = None,
    sql: SqlStore | None = None,
    vectors: VectorIndex | None = None,
) -> bool:
    """Delete a document from every store; False when there was no such document."""
    return _ingestor(settings, embeddings, sql, vectors).remove(doc_id)
