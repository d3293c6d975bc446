"""Reference retrieval pipelines on the same documents and embedding model, scored by evidence hit@k.

(a) "langchain-dense": what LangChain's docs suggest — RecursiveCharacterTextSplitter (750/150, Chinese
    separators), the same embedding model, an in-memory Chroma collection, dense top-k.
(b) "bm25-jieba": BM25 over jieba search tokens on the same chunks.
They produce no answer, so they are compared on whether the evidence passage is among their top k.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter
from rank_bm25 import BM25Okapi

from eval.gold import GoldItem, squash
from planqa.records import Document
from planqa.text import tokenize

SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", " ", ""]
K = 5


def baseline_chunks(documents: list[Document]) -> list[tuple[str, str]]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=750, chunk_overlap=150, separators=SEPARATORS, keep_separator="end"
    )
    return [(d.title + " " + d.source, chunk) for d in documents for chunk in splitter.split_text(d.clean_text)]


def _rank(item: GoldItem, ranked: list[tuple[str, str]]) -> int | None:
    wanted = [squash(e) for e in item.evidence_any]
    for rank, (where, text) in enumerate(ranked, start=1):
        if item.doc_any and not any(d in where for d in item.doc_any):
            continue
        if any(w and w in squash(text) for w in wanted):
            return rank
    return None


def dense_baseline(chunks: list[tuple[str, str]], embeddings: Embeddings) -> Callable[[GoldItem], int | None]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(
        collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
        embedding_function=embeddings,
        client=client,
        collection_metadata={"hnsw:space": "cosine"},
    )
    for i in range(0, len(chunks), 64):
        batch = chunks[i : i + 64]
        store.add_texts([t for _, t in batch], metadatas=[{"where": w} for w, _ in batch])

    def rank(item: GoldItem) -> int | None:
        docs = store.similarity_search(item.question, k=K)
        return _rank(item, [(d.metadata["where"], d.page_content) for d in docs])

    return rank


def bm25_baseline(chunks: list[tuple[str, str]]) -> Callable[[GoldItem], int | None]:
    bm25 = BM25Okapi([tokenize(t) or ["_"] for _, t in chunks])

    def rank(item: GoldItem) -> int | None:
        scores = bm25.get_scores(tokenize(item.question))
        top = np.argsort(-scores)[:K]
        return _rank(item, [chunks[i] for i in top])

    return rank


def evaluate_baselines(
    items: list[GoldItem],
    documents: list[Document],
    embeddings: Embeddings,
    names: tuple[str, ...] = ("langchain-dense", "bm25-jieba"),
) -> dict[str, dict[str, float]]:
    answerable = [i for i in items if i.found and i.evidence_any]
    chunks = baseline_chunks(documents)
    makers = {"langchain-dense": lambda: dense_baseline(chunks, embeddings), "bm25-jieba": lambda: bm25_baseline(chunks)}
    out: dict[str, dict[str, float]] = {}
    for name in names:
        ranker = makers[name]()
        ranks = [ranker(i) for i in answerable]
        out[name] = {f"evidence_hit@{k}": sum(r is not None and r <= k for r in ranks) / len(ranks) for k in (1, 3, 5)}
        out[name]["evidence_mrr"] = sum(1 / r for r in ranks if r) / len(ranks)
        out[name]["n"] = len(ranks)
    return out
