"""Run a gold set through PlanQA (in process or over HTTP) and compute the metrics."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from eval.gold import GoldItem, citation_support, evidence_rank, outcome

Asker = Callable[[GoldItem], dict[str, Any]]


def in_process_asker(service) -> Asker:
    def ask(item: GoldItem) -> dict[str, Any]:
        return service.ask(item.question, history=item.history).model_dump(mode="json")

    return ask


def http_asker(url: str) -> Asker:
    import httpx

    def ask(item: GoldItem) -> dict[str, Any]:
        r = httpx.post(f"{url.rstrip('/')}/ask", json={"question": item.question, "history": item.history}, timeout=60)
        return r.json() if r.status_code == 200 else {"answer": r.text, "found": False, "citations": []}

    return ask


def run(items: list[GoldItem], ask: Asker) -> list[dict[str, Any]]:
    results = []
    for item in items:
        began = time.perf_counter()
        response = ask(item)
        latency = (time.perf_counter() - began) * 1000
        cites = response.get("citations", [])
        rank = evidence_rank(item, cites) if item.found else None
        results.append(
            {
                "id": item.id, "kind": item.kind, "lang": item.lang, "question": item.question,
                "expected_found": item.found, "found": response.get("found", False),
                "answer": response.get("answer", ""), "expected": item.answer_all, "evidence": item.evidence_any,
                "outcome": (verdict := outcome(item, response.get("answer", ""), response.get("found", False))),
                "correct": verdict == "correct",
                "evidence_rank": rank, "support": citation_support(response.get("answer", ""), cites),
                "citations": [c.get("text", "") for c in cites], "latency_ms": round(latency, 1),
            }
        )
    return results


def metrics(results: list[dict[str, Any]]) -> dict[str, Any]:
    def block(rows: list[dict[str, Any]]) -> dict[str, Any]:
        answerable = [r for r in rows if r["expected_found"]]
        negatives = [r for r in rows if not r["expected_found"]]
        ranks = [r["evidence_rank"] for r in answerable]
        lat = sorted(r["latency_ms"] for r in rows)
        out = {
            "n": len(rows),
            "answer_correct": _share(r["correct"] for r in rows),
            "wrong": _share(r["outcome"] == "wrong" for r in rows),
            "missed": _share(r["outcome"] == "missed" for r in rows),
            "citation_support": statistics.fmean(r["support"] for r in rows) if rows else 0.0,
            "found_accuracy": _share(r["found"] == r["expected_found"] for r in rows),
            "not_found_recall": _share(not r["found"] for r in negatives) if negatives else None,
            "latency_p50_ms": lat[len(lat) // 2] if lat else 0.0,
            "latency_p95_ms": lat[min(len(lat) - 1, int(len(lat) * 0.95))] if lat else 0.0,
        }
        for k in (1, 3, 5):
            out[f"evidence_hit@{k}"] = _share(r is not None and r <= k for r in ranks) if ranks else None
        out["evidence_mrr"] = statistics.fmean(1 / r if r else 0.0 for r in ranks) if ranks else None
        return out

    summary = {"overall": block(results), "by_kind": {}, "by_lang": {}}
    for key, field in (("by_kind", "kind"), ("by_lang", "lang")):
        for value in sorted({r[field] for r in results if r[field]}):
            summary[key][value] = block([r for r in results if r[field] == value])
    return summary


def _share(flags) -> float:
    flags = list(flags)
    return sum(bool(f) for f in flags) / len(flags) if flags else 0.0
