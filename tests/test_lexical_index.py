from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from rank_bm25 import BM25Okapi

from qa_service.retrieval import HybridSearch, LexicalIndex, SparseBM25


def test_sparse_bm25_equals_rank_bm25():
    corpus = [["进出口", "总额", "增长"], ["地区", "生产总值", "增长", "增长"], ["粮食", "产量"], ["进出口"], ["a"] * 7]
    query = ["进出口", "增长", "增长", "未知"]
    ours, reference = SparseBM25(corpus), BM25Okapi(corpus)
    assert np.allclose(ours.get_scores(query), reference.get_scores(query))
    assert all(np.isclose(ours.idf[t], reference.idf[t]) for t in reference.idf)
    assert not ours.get_scores(["没有"]).any()


def _chunk(doc_id: str, ordinal: int, text: str):
    from planqa.records import Chunk

    return Chunk(chunk_id=f"{doc_id}:{ordinal}", doc_id=doc_id, ordinal=ordinal, text=text, start=0, end=len(text))


ROWS = [(_chunk("a", 0, "进出口总额增长"), "进出口 总额 增长"), (_chunk("a", 1, "粮食产量"), "粮食 产量"),
        (_chunk("b", 0, "进出口"), "进出口")]


def test_the_in_memory_index_answers_the_lexical_interface():
    index = LexicalIndex(ROWS)
    assert index.doc_ids == {"a", "b"}
    assert index.chunk("a:1") == ROWS[1][0] and index.chunk("gone:0") is None
    assert index.chunks_by_id(["b:0", "gone:0"]) == {"b:0": ROWS[2][0]}
    assert index.chunks_of("a") == [ROWS[0][0], ROWS[1][0]] and index.chunks_of("gone") == []
    assert index.doc_of_chunks(["a:1", "b:0", "gone:0"]) == {"a:1": "a", "b:0": "b"}
    hits = index.search(["进出口"], 5)
    assert [c.chunk_id for c, _ in hits] == ["b:0", "a:0"] and hits[0][1] > hits[1][1] > 0
    assert [c.chunk_id for c, _ in index.search(["进出口"], 5, doc_ids={"a"})] == ["a:0"]
    assert index.rarity("粮食") > index.rarity("进出口") and index.rarity("没有") == 2.0


class _Vectors:
    """Records how the dense search was asked (k, scope); answers from `ranked`, best first."""

    def __init__(self, chroma_url: str | None, ranked: list[str]) -> None:
        self.settings = SimpleNamespace(chroma_url=chroma_url)
        self.ranked = ranked
        self.asked: list = []

    def search(self, vector, k, doc_ids=None):
        self.asked.append((k, None if doc_ids is None else set(doc_ids)))
        ids = [cid for cid in self.ranked if doc_ids is None or cid.split(":")[0] in doc_ids]
        return [(cid, 1.0 - i / 100) for i, cid in enumerate(ids[:k])]


def _dense_ids(vectors, scope: set[str], pool: int = 5) -> list[str]:
    search = HybridSearch(None, vectors, lexical=lambda: LexicalIndex(ROWS))
    hits = search.search("进出口", "进出口", 5, scope, query_vector=[0.0], pool=pool)
    return [h.chunk.chunk_id for h in sorted(hits, key=lambda h: h.dense_rank or 0) if h.dense_rank is not None]


def test_a_chroma_server_is_asked_without_a_filter_and_the_scope_kept_from_a_wide_pool(monkeypatch):
    import qa_service.retrieval as retrieval

    ranked = ["a:1", "gone:0", "b:0", "a:0"]  # gone:0: a vector of a document outside the snapshot
    server = _Vectors("http://chroma:8000", ranked)
    assert _dense_ids(server, {"a", "b"}) == ["a:1", "b:0", "a:0"]  # skipped by the fusion
    assert server.asked == [(5, None)]  # every document: no filter
    server.asked.clear()
    assert _dense_ids(server, {"a"}) == ["a:1", "a:0"]
    assert server.asked == [(retrieval.WIDE_POOL, None)]  # the whole collection came back: no second query
    monkeypatch.setattr(retrieval, "WIDE_POOL", 2)
    server.asked.clear()
    assert _dense_ids(server, {"a"}, pool=1) == ["a:1"]
    assert server.asked == [(2, None)]  # the wide pool held enough of the scope
    server.asked.clear()
    assert _dense_ids(server, {"a"}, pool=2) == ["a:1", "a:0"]
    assert server.asked == [(2, None), (2, {"a"})]  # it did not: the filtered query

    embedded = _Vectors(None, ranked)
    assert _dense_ids(embedded, {"a", "b"}) == ["a:1", "b:0", "a:0"]
    assert _dense_ids(embedded, {"a"}) == ["a:1", "a:0"]
    assert embedded.asked == [(5, {"a", "b"}), (5, {"a"})]  # embedded Chroma keeps its filter
