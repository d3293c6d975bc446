"""Chunk embeddings in Chroma (embedded on disk, or a Chroma server), through langchain's VectorStore."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from langchain_core.embeddings import Embeddings

from planqa.errors import EmbeddingMismatchError
from planqa.records import Chunk
from planqa.settings import Settings

BACKEND_KEY = "planqa_embedding_backend"
FINGERPRINT_KEY = "planqa_embedding_fingerprint"


def chroma_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class VectorIndex:
    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = self._open()
        self._where = settings.chroma_url or str(settings.chroma_path)
        self._identity_checked = False
        # A lazily loaded model is checked on first add/search: listing or deleting must not load it.
        if not getattr(embeddings, "defer_identity", False):
            self.check_identity()

    def _open(self):
        from langchain_chroma import Chroma

        return Chroma(
            collection_name=self.settings.collection,
            embedding_function=self.embeddings,
            client=chroma_client(self.settings),
            collection_metadata={"hnsw:space": "cosine"},
        )

    def check_identity(self) -> None:
        """Refuse to mix vectors of different backends or models; record the identity on an empty store."""
        if self._identity_checked:
            return
        identity: dict[str, str] | None = getattr(self.embeddings, "identity", None)
        if not identity:  # an embeddings object that does not say what it is (tests, custom code)
            self._identity_checked = True
            return
        meta = dict(self.collection.metadata or {})
        # Stores written before backends were recorded were all embedded by sentence-transformers (torch).
        stored = {"backend": str(meta.get(BACKEND_KEY, "torch")), "fingerprint": str(meta.get(FINGERPRINT_KEY, ""))}
        same_backend = stored["backend"] == identity["backend"]
        same_model = stored["fingerprint"] in ("", identity["fingerprint"])
        if not (same_backend and same_model) and self.collection.count() > 0:
            raise EmbeddingMismatchError(_mismatch_message(self._where, stored, identity))
        if meta.get(BACKEND_KEY) != identity["backend"] or meta.get(FINGERPRINT_KEY) != identity["fingerprint"]:
            meta.update({BACKEND_KEY: identity["backend"], FINGERPRINT_KEY: identity["fingerprint"]})
            meta.pop("hnsw:space", None)  # chroma refuses to "change" the distance function, even to itself
            self.collection.modify(metadata=meta)
        self._identity_checked = True

    def reopen(self) -> None:
        """Embedded only: a fresh client that sees what other processes wrote.

        A PersistentClient caches its HNSW index in this process; after another process added vectors, a
        query whose filter matches them fails with "Error finding id". chromadb shares one client system per
        path, so the cached one is dropped first. It is not stopped: a question in flight may still use it
        (for the documents it knows it stays correct) and it is freed with its last reference.
        """
        if self.settings.chroma_url:
            return  # a Chroma server is consistent for every client
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(self.settings.chroma_path), None)
        self.store = self._open()

    @property
    def collection(self):
        return self.store._collection

    def add(
        self,
        chunks: list[Chunk],
        region: str,
        batch_size: int = 64,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Embed and write `chunks` in slices of `batch_size`: each slice is one embed call (large, so the
        backend can sort texts by length across its own batches) and one write."""
        self.check_identity()
        for i in range(0, len(chunks), batch_size):
            batch = chunks[i : i + batch_size]
            self.write(batch, self.embeddings.embed_documents([c.embedding_text() for c in batch]), region)
            if progress:
                progress(len(batch))

    def write(self, chunks: list[Chunk], vectors: list[list[float]], region: str) -> None:
        """Upsert chunks whose vectors were computed already (by this index's embeddings)."""
        self.check_identity()
        self.collection.upsert(
            embeddings=vectors,  # type: ignore[arg-type]
            documents=[c.embedding_text() for c in chunks],
            ids=[c.chunk_id for c in chunks],
            metadatas=[
                {
                    "doc_id": c.doc_id,
                    "ordinal": c.ordinal,
                    "kind": c.kind,
                    "region": region,
                    "years": ",".join(str(y) for y in c.years),
                }
                for c in chunks
            ],
        )

    def delete_document(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def keep_only(self, doc_id: str, chunk_ids: set[str]) -> None:
        """Delete this document's vectors that are not in `chunk_ids` (left from an older chunking)."""
        stored = self.collection.get(where={"doc_id": doc_id}, include=[])["ids"]
        stale = [cid for cid in stored if cid not in chunk_ids]
        if stale:
            self.collection.delete(ids=stale)

    def count(self) -> int:
        return self.collection.count()

    def doc_ids(self) -> set[str]:
        found: set[str] = set()
        result = self.collection.get(include=["metadatas"])
        for meta in result.get("metadatas") or []:
            if meta and "doc_id" in meta:
                found.add(str(meta["doc_id"]))
        return found

    def search(
        self, query_vector: list[float], k: int, doc_ids: Iterable[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) best first, restricted to `doc_ids` when given."""
        self.check_identity()
        where = None
        if doc_ids is not None:
            ids = sorted(doc_ids)
            if not ids:
                return []
            where = {"doc_id": ids[0]} if len(ids) == 1 else {"doc_id": {"$in": ids}}
        count = self.collection.count()
        if count == 0:
            return []
        result = self.collection.query(
            query_embeddings=[query_vector], n_results=min(k, count), where=where, include=["distances"]
        )
        ids = result["ids"][0]
        distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]


def _mismatch_message(where: str, stored: dict[str, str], current: dict[str, str]) -> str:
    stored_fp = stored["fingerprint"][:12] or "not recorded"
    if stored["backend"] != current["backend"]:
        return (
            f"the vector store at {where} was embedded with PLANQA_EMBEDDING_BACKEND={stored['backend']} "
            f"(model {stored_fp}), but this process uses {current['backend']} (model "
            f"{current['fingerprint'][:12]}); vectors of different backends are not comparable. Either set "
            f"PLANQA_EMBEDDING_BACKEND={stored['backend']}, or re-embed: ingest the reports again with "
            f"{current['backend']} into a new data dir (PLANQA_DATA_DIR=NEW planqa ingest PATH...)."
        )
    return (
        f"the vector store at {where} was embedded with a different {stored['backend']} model (sha256 "
        f"{stored_fp}, now {current['fingerprint'][:12]}), so its vectors do not match questions embedded now. "
        "Re-embed: ingest the reports again into a new data dir (PLANQA_DATA_DIR=NEW planqa ingest PATH...), "
        "or restore the model the store was built with."
    )
