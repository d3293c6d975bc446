"""`planqa eval run` (score a gold set, compare baselines, write the report, gate on thresholds) and
`planqa eval from-feedback` (turn UI thumbs into a gold-set draft)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planqa.settings import settings_from_args


def cmd_eval_run(args: argparse.Namespace) -> int:
    from eval.gold import load_gold
    from eval.harness import http_asker, in_process_asker, metrics, run
    from eval.report import write_report

    items = load_gold(Path(args.gold))
    service = None
    if args.url:
        ask = http_asker(args.url)
    else:
        from ingest import ingest_paths
        from qa_service.service import QAService

        settings = settings_from_args(args)
        service = QAService(settings)
        if args.docs:
            ingest_paths(settings, args.docs, embeddings=service.embeddings, sql=service.sql, vectors=service.vectors)
            service.refresh()
        ask = in_process_asker(service)
    results = run(items, ask)
    summary = metrics(results)
    baselines: dict = {}
    chosen = "none" if args.no_baselines else args.baselines
    if service is not None and chosen != "none":
        from eval.baselines import evaluate_baselines

        names = ("langchain-dense", "bm25-jieba") if chosen == "all" else (chosen,)
        baselines = evaluate_baselines(items, service.documents, service.embeddings, names)
    write_report(results, summary, baselines, Path(args.report), title=f"PlanQA evaluation: {Path(args.gold).name}")
    o = summary["overall"]
    print(f"questions: {o['n']}")
    for name, m in [("PlanQA", o), *baselines.items()]:
        parts = [f"{k} {m[k]:.3f}" for k in ("answer_correct", "wrong", "missed", "evidence_hit@1", "evidence_hit@5",
                                              "citation_support", "not_found_recall") if m.get(k) is not None]
        print(f"  {name:<16} " + "  ".join(parts))
    print(f"  latency p50 {o['latency_p50_ms']:.0f} ms, p95 {o['latency_p95_ms']:.0f} ms")
    print(f"report: {Path(args.report) / 'report.html'}")
    gates = [("answer_correct", args.min_answer), ("evidence_hit@5", args.min_evidence),
             ("citation_support", args.min_support), ("not_found_recall", args.min_not_found)]
    failed = [f"{name} {o[name]:.3f} < {floor}" for name, floor in gates
              if floor is not None and o.get(name) is not None and o[name] < floor]
    if args.max_wrong is not None and o["wrong"] > args.max_wrong:
        failed.append(f"wrong {o['wrong']:.3f} > {args.max_wrong}")
    for line in failed:
        print(f"BELOW THRESHOLD: {line}", file=sys.stderr)
    return 1 if failed else 0


def cmd_from_feedback(args: argparse.Namespace) -> int:
    from eval.feedback import read_jsonl, records_to_gold
    from planqa.stores.sql import SqlStore

    if args.feedback:
        records = read_jsonl(Path(args.feedback))
    else:
        settings = settings_from_args(args)
        records = SqlStore(settings.sqlalchemy_url).feedback()
        legacy = settings.resolved_data_dir / "feedback.jsonl"  # written by UIs before the feedback table
        if legacy.exists():
            records = read_jsonl(legacy) + records
    if not records:
        print("no feedback stored yet; the votes in the chat UI create it", file=sys.stderr)
        return 2
    count = records_to_gold(records, Path(args.out))
    print(f"wrote {count} draft gold items to {args.out}; review every line before using it")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate against a gold Q&A set")
    eval_sub = p.add_subparsers(dest="eval_command", required=True)
    r = eval_sub.add_parser("run", help="run a gold set (JSONL); writes report.md/.html, results.jsonl, metrics.json")
    r.add_argument("--gold", required=True, help="gold set, one JSON object a line (see eval/gold/)")
    r.add_argument("--docs", nargs="*", help="ingest these files or folders first")
    r.add_argument("--report", default="reports/eval", help="output folder (default reports/eval)")
    r.add_argument("--url", help="evaluate a running `planqa serve` instead of the in-process service")
    r.add_argument("--no-baselines", action="store_true", help="skip the baselines (same as --baselines none)")
    r.add_argument("--baselines", choices=["all", "langchain-dense", "bm25-jieba", "none"], default="all",
                   help="which baselines to run; langchain-dense embeds every document again (slow on a corpus)")
    r.add_argument("--min-answer", type=float, help="fail (exit 1) below this answer-correct share")
    r.add_argument("--min-evidence", type=float, help="fail below this evidence hit@5")
    r.add_argument("--min-support", type=float, help="fail below this citation support")
    r.add_argument("--min-not-found", type=float, help="fail below this not-found recall")
    r.add_argument("--max-wrong", type=float,
                   help="fail above this share of wrong answers (answered, but wrong: worse than a miss)")
    r.set_defaults(func=cmd_eval_run)
    f = eval_sub.add_parser("from-feedback", help="turn UI thumbs up/down into a gold-set draft for review")
    f.add_argument("--feedback", help="a feedback.jsonl file (default: the database's feedback table)")
    f.add_argument("--out", default="eval/gold/feedback-draft.jsonl")
    f.set_defaults(func=cmd_from_feedback)
