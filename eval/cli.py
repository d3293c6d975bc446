"""`planqa eval run`: score a gold set, write a report, and gate on thresholds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_eval_run(args: argparse.Namespace) -> int:
    from eval.gold import load_gold
    from eval.harness import http_asker, in_process_asker, metrics, run, write_report

    items = load_gold(Path(args.gold))
    if args.url:
        ask = http_asker(args.url)
    else:
        from ingest.pipeline import Ingestor
        from planqa.cli import _settings
        from qa_service.service import QAService

        settings = _settings(args)
        service = QAService(settings)
        if args.docs:
            Ingestor(settings, service.embeddings, sql=service.sql, vectors=service.vectors).ingest(
                [Path(p) for p in args.docs]
            )
            service.refresh()
        ask = in_process_asker(service)
    results = run(items, ask)
    summary = metrics(results)
    write_report(results, summary, Path(args.report))
    o = summary["overall"]
    print(f"questions: {o['n']}  answer correct: {o['answer_correct']:.3f}  evidence hit@1: {o['evidence_hit@1']:.3f}"
          f"  hit@5: {o['evidence_hit@5']:.3f}  support: {o['citation_support']:.3f}"
          f"  not-found recall: {o['not_found_recall'] if o['not_found_recall'] is None else round(o['not_found_recall'], 3)}"
          f"  p50 {o['latency_p50_ms']:.0f} ms  p95 {o['latency_p95_ms']:.0f} ms")
    print(f"report: {Path(args.report) / 'report.md'}")
    gates = [("answer_correct", args.min_answer), ("evidence_hit@5", args.min_evidence),
             ("citation_support", args.min_support), ("not_found_recall", args.min_not_found)]
    failed = [f"{name} {o[name]:.3f} < {floor}" for name, floor in gates if floor is not None and o[name] is not None and o[name] < floor]
    for line in failed:
        print(f"BELOW THRESHOLD: {line}", file=sys.stderr)
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate against a gold Q&A set")
    eval_sub = p.add_subparsers(dest="eval_command", required=True)
    r = eval_sub.add_parser("run", help="run a gold set (JSONL) and write report.md, results.jsonl, metrics.json")
    r.add_argument("--gold", required=True)
    r.add_argument("--docs", nargs="*", help="ingest these first")
    r.add_argument("--report", default="reports/eval")
    r.add_argument("--url", help="evaluate a running server instead of the in-process service")
    r.add_argument("--min-answer", type=float)
    r.add_argument("--min-evidence", type=float)
    r.add_argument("--min-support", type=float)
    r.add_argument("--min-not-found", type=float)
    r.set_defaults(func=cmd_eval_run)
