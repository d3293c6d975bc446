"""One serving worker's figures for scripts/bench_scale.py, measured in a process of its own (its RSS is a
worker's: the model, the snapshot, the store clients; nothing of the bench's copy of the base).

The parts of /ask are timed by wrapping the calls: `embed` (the query vector), `dense` (the Chroma query),
`lexical` (BM25: in memory or in PostgreSQL) and `lexical_reads` (a document's chunks, the hits' chunks, word
rarities: reads of PostgreSQL in server mode, dict look-ups in memory).
"""

from __future__ import annotations

import resource
import statistics
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

from planqa.settings import Settings

_spent: dict[str, float] = defaultdict(float)


def _timed(part: str, fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent[part] += (time.perf_counter() - t) * 1000

    return wrapper


def _instrument(embeddings) -> None:
    from planqa.stores import VectorIndex
    from qa_service.lexical_postgres import PostgresLexicalIndex
    from qa_service.retrieval import LexicalIndex

    VectorIndex.search = _timed("dense", VectorIndex.search)
    for cls in (LexicalIndex, PostgresLexicalIndex):
        cls.search = _timed("lexical", cls.search)
        for name in ("chunks_by_id", "chunks_of", "rarity"):
            setattr(cls, name, _timed("lexical_reads", getattr(cls, name)))
    embeddings.embed_query = _timed("embed", embeddings.embed_query)


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def measure(settings: Settings, gold: Path) -> dict:
    from eval.gold import load_gold, outcome
    from planqa.embedding.model import load_embeddings
    from qa_service.service import QAService

    embeddings = load_embeddings(settings)
    _instrument(embeddings)
    t = time.perf_counter()
    service = QAService(settings, embeddings)
    start_s = time.perf_counter() - t
    # One document changes (removed here): the time until the next snapshot is in place.
    service.sql.remove(next(iter(service.state.current.documents)))
    t = time.perf_counter()
    service.refresh()
    rebuild_s = time.perf_counter() - t
    questions = load_gold(gold)
    for item in questions[:3]:  # warm-up: jieba's dictionary, the first query's allocations
        service.ask(item.question, history=item.history)
    latencies, parts, correct = [], defaultdict(list), 0
    for item in questions:
        _spent.clear()
        t = time.perf_counter()
        answer = service.ask(item.question, history=item.history)
        latencies.append((time.perf_counter() - t) * 1000)
        correct += outcome(item, answer.answer, answer.found) == "correct"
        for part in ("embed", "dense", "lexical", "lexical_reads"):
            parts[part].append(_spent.get(part, 0.0))
        for step in ("retrieve_ms", "select_ms"):
            parts[step.removesuffix("_ms")].append(answer.timings_ms.get(step, 0.0))
    with open("/proc/self/statm") as f:
        rss = int(f.read().split()[1]) * resource.getpagesize() / 2**20
    return {
        "start_s": start_s, "rebuild_s": rebuild_s, "p50": statistics.median(latencies), "p95": _p(latencies, .95),
        "rss": rss, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "parts": {k: f"{statistics.median(v):.0f} / {_p(v, .95):.0f}" for k, v in parts.items()},
        "lexical": type(service.state.current.lexical).__name__, "correct": f"{correct}/{len(questions)}",
    }
