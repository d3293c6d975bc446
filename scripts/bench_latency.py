"""Print /ask latency over a gold set against the bare cost of embedding the question + the vector query.

Usage: PLANQA_DATA_DIR=... .venv/bin/python scripts/bench_latency.py [eval/gold/sample.jsonl] [--http]
With --http the questions go through a real `uvicorn` server on loopback (bounded: one pass over the set).
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from eval.gold import load_gold
from qa_service.service import QAService


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold = Path(args[0] if args else "eval/gold/sample.jsonl")
    items = load_gold(gold)
    service = QAService()
    scope = set(service.sql.doc_ids())
    service.ask(items[0].question)  # warm caches (jieba, BM25)
    bare, server, wall = [], [], []
    for item in items:
        t = time.perf_counter()
        vector = service.embeddings.embed_query(item.question)
        service.vectors.search(vector, 30, scope)
        bare.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        response = service.ask(item.question, history=item.history)
        wall.append((time.perf_counter() - t) * 1000)
        server.append(response.timings_ms.get("total_ms", wall[-1]))
    print(f"questions: {len(items)}, documents: {len(scope)}")
    print(f"bare embed+vector query  median {statistics.median(bare):6.1f} ms  p95 {pct(bare, .95):6.1f} ms")
    print(f"/ask server time         median {statistics.median(server):6.1f} ms  p95 {pct(server, .95):6.1f} ms")
    print(f"ratio of medians         {statistics.median(server) / statistics.median(bare):.2f}x")
    print(f"peak RSS                 {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
