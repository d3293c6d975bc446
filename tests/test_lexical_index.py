from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from qa_service.retrieval import SparseBM25


def test_sparse_bm25_equals_rank_bm25():
    corpus = [["进出口", "总额", "增长"], ["地区", "生产总值", "增长", "增长"], ["粮食", "产量"], ["进出口"], ["a"] * 7]
    query = ["进出口", "增长", "增长", "未知"]
    ours, reference = SparseBM25(corpus), BM25Okapi(corpus)
    assert np.allclose(ours.get_scores(query), reference.get_scores(query))
    assert all(np.isclose(ours.idf[t], reference.idf[t]) for t in reference.idf)
    assert not ours.get_scores(["没有"]).any()
