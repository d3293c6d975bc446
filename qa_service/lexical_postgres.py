"""The lexical index of a snapshot in server mode: BM25 in PostgreSQL (planqa/stores/fulltext.py), chunks read
on demand. A worker holds no chunk table: the hits' chunks come with the search, a document's chunks are read
when an answerer scans it (the last few documents are kept), a word's rarity is one indexed read.

It answers for the documents of its snapshot only: a chunk committed after the snapshot was taken (its
document is not in the snapshot) is never returned, so no question sees one generation's documents with
another's chunks. A document removed meanwhile simply has no chunks left to read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from planqa.records import Chunk, Document
from planqa.stores import SqlStore, fulltext

DOCUMENTS_KEPT = 64  # documents whose chunks stay in memory (an answer scans one to three)
RARITIES_KEPT = 20_000


class PostgresLexicalIndex:
    def __init__(self, sql: SqlStore, documents: Mapping[str, Document]) -> None:
        self.sql = sql
        self.doc_ids = frozenset(documents)
        self._sizes = {doc_id: doc.n_chunks for doc_id, doc in documents.items()}
        self.corpus = fulltext.corpus(sql.engine)  # read once per snapshot generation
        self._lock = threading.Lock()
        self._of: OrderedDict[str, list[Chunk]] = OrderedDict()
        self._rarity: dict[str, float] = {}

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self.chunks_by_id([chunk_id]).get(chunk_id)

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        found = self.sql.chunks_by_id(chunk_ids)
        return {cid: c for cid, c in found.items() if c.doc_id in self.doc_ids}

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        if doc_id not in self.doc_ids:
            return []
        with self._lock:
            if doc_id in self._of:
                self._of.move_to_end(doc_id)
                return self._of[doc_id]
        chunks = self.sql.chunks_of(doc_id)
        with self._lock:
            self._of[doc_id] = chunks
            while len(self._of) > DOCUMENTS_KEPT:
                self._of.popitem(last=False)
        return chunks

    def rarity(self, term: str) -> float:
        """Weight of a question word, 0.3 (in most chunks) to 2.0 (in none): as `LexicalIndex.rarity`."""
        if self.corpus.n_chunks == 0 or self.corpus.max_idf <= 0:
            return 1.0
        term = term.lower()
        value = self._rarity.get(term)
        if value is None:
            df = fulltext.term_df(self.sql.engine, [term]).get(term)
            value = 2.0 if df is None else 0.3 + 1.7 * max(0.0, min(1.0, self.corpus.idf(df) / self.corpus.max_idf))
            if len(self._rarity) < RARITIES_KEPT:
                self._rarity[term] = value
        return value

    def search(self, tokens: list[str], k: int, doc_ids: set[str] | None = None) -> list[tuple[Chunk, float]]:
        scope = None if doc_ids is None or doc_ids >= self.doc_ids else sorted(doc_ids & self.doc_ids)
        if scope is not None and not scope:
            return []
        # a scope of few chunks is searched exhaustively; the whole store through the rarer terms' postings
        small = scope is not None and sum(self._sizes[d] for d in scope) <= fulltext.CANDIDATE_BUDGET
        hits = fulltext.search(self.sql.engine, self.corpus, tokens, k, scope, exhaustive=small)
        return [(chunk, score) for chunk, score in hits if chunk.doc_id in self.doc_ids]
