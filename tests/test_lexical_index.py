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
    hits = index.search(["进出口"], 5)
    assert [c.chunk_id for c, _ in hits] == ["b:0", "a:0"] and hits[0][1] > hits[1][1] > 0
    assert [c.chunk_id for c, _ in index.search(["进出口"], 5, doc_ids={"a"})] == ["a:0"]
    assert index.rarity("粮食") > index.rarity("进出口") and index.rarity("没有") == 2.0


class _Vectors:
    """Records the scope the dense search was asked with."""

    def __init__(self, chroma_url: str | None) -> None:
        self.settings = SimpleNamespace(chroma_url=chroma_url)
        self.asked: list = []

    def search(self, vector, k, doc_ids=None):
        self.asked.append(None if doc_ids is None else set(doc_ids))
        return [("gone:0", 0.9), ("b:0", 0.8)]  # a vector of a document outside the snapshot comes first


def test_a_chroma_server_is_asked_without_a_filter_when_the_scope_is_every_document():
    index = LexicalIndex(ROWS)
    server, embedded = _Vectors("http://chroma:8000"), _Vectors(None)
    for vectors in (server, embedded):
        search = HybridSearch(None, vectors, lexical=lambda: index)
        hits = search.search("进出口", "进出口", 5, {"a", "b"}, query_vector=[0.0])
        assert "gone:0" not in {h.chunk.chunk_id for h in hits}  # skipped by the fusion
        assert next(h for h in hits if h.chunk.chunk_id == "b:0").dense_rank == 1
        search.search("进出口", "进出口", 5, {"a"}, query_vector=[0.0])
    assert server.asked == [None, {"a"}]
    assert embedded.asked == [{"a", "b"}, {"a"}]
