"""How the answerability thresholds trade wrong answers against misses, on the dev sets: for each value of one
threshold, every gold set is answered in process and its correct / wrong / missed counts are printed, with a
chart. The thresholds are module constants; this sets one for the run, nothing is written back.

Tune on dev sets only; the held-out set (eval/gold/test.jsonl) is run once, at the end, to report.

Usage:
  .venv/bin/python scripts/sweep_thresholds.py --param qa_service.topics.MIN_TOPIC_SHARE \
      --values 0.6 0.65 0.7 0.75 0.8 --set D:eval/gold/dev3.jsonl --set D:eval/gold/descriptive2.jsonl
  (D: a data dir that holds the set's reports; the default backend is used, as in `planqa eval run`)
"""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--param", required=True, help="module.CONSTANT, e.g. qa_service.passages.MIN_PASSAGE_COVERAGE")
    parser.add_argument("--values", required=True, nargs="+", type=float)
    parser.add_argument("--set", dest="sets", action="append", required=True, metavar="DATA_DIR:GOLD")
    parser.add_argument("--chart", default="reports/sweep.png", help="where to draw the counts per value")
    args = parser.parse_args()

    from eval.gold import load_gold
    from eval.harness import in_process_asker, run
    from planqa.settings import Settings
    from qa_service.service import QAService

    module_name, _, constant = args.param.rpartition(".")
    module = importlib.import_module(module_name)
    if not hasattr(module, constant):
        raise SystemExit(f"{module_name} has no {constant}")
    original = getattr(module, constant)
    services: dict[str, QAService] = {}
    rows: list[tuple[float, int, int, int, int]] = []
    print(f"{args.param} (now {original})")
    print(f"{'value':>8} {'n':>5} {'correct':>8} {'wrong':>6} {'missed':>7}")
    try:
        for value in args.values:
            setattr(module, constant, type(original)(value))
            n = correct = wrong = missed = 0
            for spec in args.sets:
                data_dir, _, gold = spec.partition(":")
                service = services.setdefault(data_dir, QAService(Settings(data_dir=Path(data_dir))))
                results = run(load_gold(Path(gold)), in_process_asker(service))
                n += len(results)
                correct += sum(r["outcome"] == "correct" for r in results)
                wrong += sum(r["outcome"] == "wrong" for r in results)
                missed += sum(r["outcome"] == "missed" for r in results)
            rows.append((value, n, correct, wrong, missed))
            print(f"{value:>8g} {n:>5} {correct:>8} {wrong:>6} {missed:>7}", flush=True)
    finally:
        setattr(module, constant, original)
    _chart(rows, args.param, Path(args.chart))


def _chart(rows: list[tuple[float, int, int, int, int]], param: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values = [r[0] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    # wrong and missed on their own scale: beside a few hundred correct answers they would lie flat
    for index, label, colour in ((3, "wrong", "tab:red"), (4, "missed", "tab:orange")):
        ax.plot(values, [r[index] for r in rows], marker="o", label=label, color=colour)
    ax.set_xlabel(param.rsplit(".", 1)[-1])
    ax.set_ylabel("wrong / missed")
    right = ax.twinx()
    right.plot(values, [r[2] for r in rows], marker="s", linestyle="--", label="correct", color="tab:blue")
    right.set_ylabel("correct")
    lines = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(lines, ["wrong", "missed", "correct"], loc="upper center")
    ax.grid(alpha=0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"chart: {path}")


if __name__ == "__main__":
    main()
