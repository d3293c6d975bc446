"""Hybrid retrieval: dense (Chroma) + BM25 over jieba tokens, fused by reciprocal rank."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from planqa.records import Chunk
from planqa.stores import SqlStore, VectorIndex
from planqa.text import tokenize

RRF_K = 60


@dataclass
class Hit:
    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


class SparseBM25:
    """Okapi BM25 with rank_bm25's exact formula (k1=1.5, b=0.75, negative idf floored at 0.25 × mean idf),
    precomputed as a sparse term × chunk matrix.

    rank_bm25 scores a query with a Python loop over every chunk for every token: 240 ms for 15k chunks
    here. Summing precomputed rows takes about a millisecond, so the corpus can grow.
    """

    def __init__(self, corpus: list[list[str]], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25) -> None:
        from scipy.sparse import csr_matrix

        self.n_docs = len(corpus)
        lengths = np.array([len(doc) for doc in corpus], dtype=np.float64)
        avgdl = lengths.mean() if len(lengths) else 0.0
        self.vocab: dict[str, int] = {}
        rows, cols, freqs = [], [], []
        for j, doc in enumerate(corpus):
            for token, count in Counter(doc).items():
                rows.append(self.vocab.setdefault(token, len(self.vocab)))
                cols.append(j)
                freqs.append(count)
        rows_a, cols_a, f = np.array(rows), np.array(cols), np.array(freqs, dtype=np.float64)
        df = np.bincount(rows_a, minlength=len(self.vocab)).astype(np.float64)
        idf = np.log((self.n_docs - df + 0.5) / (df + 0.5))
        floor = epsilon * idf.mean() if len(idf) else 0.0
        idf = np.where(idf < 0, floor, idf)
        self.idf = dict(zip(self.vocab, idf.tolist(), strict=True))
        norm = k1 * (1 - b + b * lengths[cols_a] / avgdl) if len(cols_a) else np.zeros(0)
        weights = idf[rows_a] * f * (k1 + 1) / (f + norm)
        self.matrix = csr_matrix((weights, (rows_a, cols_a)), shape=(len(self.vocab), self.n_docs))

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return np.zeros(self.n_docs)
        # rank_bm25 adds a token's score once per occurrence in the query; so does summing its row per id
        return np.asarray(self.matrix[ids].sum(axis=0)).ravel()


class Lexical(Protocol):
    """What the answer layer asks of a lexical index: one snapshot's chunks, BM25 and word rarity.
    `LexicalIndex` holds every chunk in memory (embedded); `PostgresLexicalIndex` asks the database."""

    doc_ids: frozenset[str]  # the documents it answers for

    def chunk(self, chunk_id: str) -> Chunk | None: ...

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks among `chunk_ids` that belong to the snapshot (others: uncommitted or removed)."""
        ...

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in reading order ([] for a document not in the snapshot)."""
        ...

    def rarity(self, term: str) -> float: ...

    def search(self, tokens: list[str], k: int, doc_ids: set[str] | None = None) -> list[tuple[Chunk, float]]:
        """The best `k` chunks by BM25 (within `doc_ids` if given), best first, with their scores."""
        ...


class LexicalIndex:
    """BM25 over the tokens ingestion stored with each chunk: rebuilt from SQL in seconds, never re-ingested."""

    def __init__(self, rows: list[tuple[Chunk, str]]) -> None:
        self._chunks = [c for c, _ in rows]
        self._position = {c.chunk_id: i for i, c in enumerate(self._chunks)}
        self._by_doc: dict[str, list[Chunk]] = {}
        rows_of: dict[str, list[int]] = {}
        for i, c in enumerate(self._chunks):
            self._by_doc.setdefault(c.doc_id, []).append(c)
            rows_of.setdefault(c.doc_id, []).append(i)
        self._rows_of = {d: np.array(r) for d, r in rows_of.items()}
        self.doc_ids = frozenset(self._by_doc)
        corpus = [t.split() for _, t in rows]
        self.bm25 = SparseBM25(corpus) if corpus else None
        self._max_idf = max(self.bm25.idf.values(), default=0.0) if self.bm25 else 0.0

    def chunk(self, chunk_id: str) -> Chunk | None:
        index = self._position.get(chunk_id)
        return None if index is None else self._chunks[index]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        return {cid: self._chunks[self._position[cid]] for cid in chunk_ids if cid in self._position}

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        return self._by_doc.get(doc_id, [])

    def rarity(self, term: str) -> float:
        """Weight of a question word, 0.3 (in most chunks) to 2.0 (in none): rare words decide."""
        if self.bm25 is None or self._max_idf <= 0:
            return 1.0
        idf = self.bm25.idf.get(term.lower())
        if idf is None:
            return 2.0
        return 0.3 + 1.7 * max(0.0, min(1.0, idf / self._max_idf))

    def search(self, tokens: list[str], k: int, doc_ids: set[str] | None = None) -> list[tuple[Chunk, float]]:
        if self.bm25 is None or not tokens:
            return []
        scores = self.bm25.get_scores(tokens)
        if doc_ids is not None:
            keep = [self._rows_of[d] for d in doc_ids if d in self._rows_of]
            masked = np.full_like(scores, -np.inf)
            if keep:
                index = np.concatenate(keep)
                masked[index] = scores[index]
            scores = masked
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k] if len(scores) > k else np.arange(len(scores))
        top = top[np.argsort(-scores[top])]
        return [(self._chunks[i], float(scores[i])) for i in top if np.isfinite(scores[i]) and scores[i] > 0]


class HybridSearch:
    def __init__(self, sql: SqlStore, vectors: VectorIndex, lexical: Callable[[], Lexical] | None = None) -> None:
        """`lexical` supplies the index to use (QAService: the snapshot of the question being answered);
        without it the search keeps its own, rebuilt by `refresh`."""
        self.sql = sql
        self.vectors = vectors
        self._lock = threading.Lock()
        self._generation: frozenset[str] | None = None
        self._own = LexicalIndex([])
        self._lexical = lexical or (lambda: self._own)

    @property
    def lexical(self) -> Lexical:
        return self._lexical()

    def refresh(self, visible: set[str]) -> None:
        """Rebuild the lexical index when the set of stored documents changed."""
        key = frozenset(visible)
        if key == self._generation:
            return
        with self._lock:
            if key != self._generation:
                self._own = LexicalIndex([(c, t) for c, t in self.sql.all_chunks() if c.doc_id in visible])
                self._generation = key

    def search(
        self,
        query: str,
        lexical_query: str,
        k: int,
        doc_ids: set[str],
        query_vector: list[float] | None = None,
        pool: int = 30,
        dense: list[tuple[str, float]] | None = None,
    ) -> list[Hit]:
        """`dense`: the vector hits of an earlier search of the same question, reused rather than asked again."""
        lexical = self.lexical
        if not doc_ids:
            return []
        if dense is None:
            dense = self.dense(query, doc_ids, pool, query_vector)
        found = lexical.chunks_by_id([chunk_id for chunk_id, _sim in dense])
        bm25 = lexical.search(tokenize(lexical_query), pool, doc_ids)
        fused: dict[str, Hit] = {}
        for rank, (chunk_id, _sim) in enumerate(dense):
            if chunk_id not in found:
                continue  # a vector whose document is not committed (yet) or was removed
            hit = fused.setdefault(chunk_id, Hit(found[chunk_id], 0.0))
            hit.score += 1.0 / (RRF_K + rank + 1)
            hit.dense_rank = rank
        for rank, (chunk, _score) in enumerate(bm25):
            hit = fused.setdefault(chunk.chunk_id, Hit(chunk, 0.0))
            hit.score += 1.0 / (RRF_K + rank + 1)
            hit.lexical_rank = rank
        return sorted(fused.values(), key=lambda h: -h.score)[:k]

    def dense(self, query: str, doc_ids: set[str], pool: int = 30,
              query_vector: list[float] | None = None) -> list[tuple[str, float]]:
        """The vector store's nearest chunks: (chunk id, similarity), best first."""
        vector = query_vector if query_vector is not None else self.vectors.embeddings.embed_query(query)
        return self.vectors.search(vector, pool, self._dense_scope(self.lexical, doc_ids))

    def _dense_scope(self, lexical: Lexical, doc_ids: set[str]) -> set[str] | None:
        """A Chroma server is asked without a filter when the scope is every document of the snapshot (the
        common case): an `$in` of thousands of ids costs more than the search. The fusion above skips
        vectors of documents outside the snapshot. Embedded Chroma keeps the filter (see VectorIndex.reopen)."""
        if self.vectors.settings.chroma_url and doc_ids >= lexical.doc_ids:
            return None
        return doc_ids
