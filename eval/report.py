"""report.md, a self-contained report.html (with a chart), results.jsonl and metrics.json."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

HIT_KEYS = ("evidence_hit@1", "evidence_hit@3", "evidence_hit@5")


def _fmt(v: Any) -> str:
    return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def comparison_rows(summary: dict[str, Any], baselines: dict[str, dict[str, float]]) -> list[tuple[str, dict]]:
    return [("PlanQA", summary["overall"]), *baselines.items()]


def chart_png(summary: dict[str, Any], baselines: dict[str, dict[str, float]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = comparison_rows(summary, baselines)
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    width = 0.8 / len(rows)
    for i, (name, m) in enumerate(rows):
        xs = [k + i * width for k in range(len(HIT_KEYS))]
        ys = [m.get(key) or 0.0 for key in HIT_KEYS]
        bars = ax.bar(xs, ys, width, label=name)
        ax.bar_label(bars, labels=[f"{y:.2f}" for y in ys], fontsize=7)
    ax.set_xticks([k + width * (len(rows) - 1) / 2 for k in range(len(HIT_KEYS))], ["hit@1", "hit@3", "hit@5"])
    ax.set_ylim(0, 1.3)
    ax.set_ylabel("evidence found")
    ax.set_title("Evidence passage in the top k: PlanQA vs baselines")
    ax.legend(fontsize=8, loc="upper center", ncol=len(rows), frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def write_report(
    results: list[dict[str, Any]],
    summary: dict[str, Any],
    baselines: dict[str, dict[str, float]],
    folder: Path,
    title: str = "PlanQA evaluation",
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    payload = {**summary, "baselines": baselines}
    (folder / "metrics.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    with (folder / "results.jsonl").open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    png = chart_png(summary, baselines)
    (folder / "chart.png").write_bytes(png)
    (folder / "report.md").write_text(_markdown(results, summary, baselines, title), encoding="utf-8")
    (folder / "report.html").write_text(_html(results, summary, baselines, title, png), encoding="utf-8")


def _markdown(results, summary, baselines, title) -> str:
    o = summary["overall"]
    lines = [f"# {title}", "", "| system | answer correct | hit@1 | hit@3 | hit@5 | MRR | support | not-found recall | p50 ms | p95 ms |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, m in comparison_rows(summary, baselines):
        lines.append(
            f"| {name} | {_fmt(m.get('answer_correct'))} | {_fmt(m.get('evidence_hit@1'))} | {_fmt(m.get('evidence_hit@3'))} | "
            f"{_fmt(m.get('evidence_hit@5'))} | {_fmt(m.get('evidence_mrr'))} | {_fmt(m.get('citation_support'))} | "
            f"{_fmt(m.get('not_found_recall'))} | {_fmt(m.get('latency_p50_ms'))} | {_fmt(m.get('latency_p95_ms'))} |"
        )
    lines += ["", f"Questions: {o['n']}. Baselines give no answer; they are compared on evidence hit@k.", "", "![chart](chart.png)", ""]
    for group in ("by_kind", "by_lang"):
        lines += [f"## {group.replace('_', ' ')}", "", "| | n | answer correct | wrong | missed | hit@1 | not-found recall |", "|---|---|---|---|---|---|---|"]
        for key, b in summary[group].items():
            lines.append(f"| {key} | {b['n']} | {_fmt(b['answer_correct'])} | {_fmt(b['wrong'])} | {_fmt(b['missed'])} | "
                         f"{_fmt(b['evidence_hit@1'])} | {_fmt(b['not_found_recall'])} |")
        lines.append("")
    failed = [r for r in results if not r["correct"] or (r["expected_found"] and r["evidence_rank"] is None)]
    lines += [f"## Failed questions ({len(failed)})", ""]
    for r in failed:
        lines.append(f"- **{r['id']}** ({r.get('outcome', '')}) {r['question']}  \n  expected: {r['expected'] or 'not found'} / evidence {r['evidence']}  \n  got: {r['answer']}")
    return "\n".join(lines) + "\n"


def _html(results, summary, baselines, title, png: bytes) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(name)}</td>" + "".join(f"<td>{_fmt(m.get(k))}</td>" for k in (
            "answer_correct", *HIT_KEYS, "evidence_mrr", "citation_support", "not_found_recall", "latency_p50_ms", "latency_p95_ms"))
        + "</tr>"
        for name, m in comparison_rows(summary, baselines)
    )
    kinds = "".join(
        f"<tr><td>{esc(k)}</td><td>{b['n']}</td><td>{_fmt(b['answer_correct'])}</td><td>{_fmt(b['evidence_hit@1'])}</td>"
        f"<td>{_fmt(b['not_found_recall'])}</td></tr>"
        for group in ("by_kind", "by_lang") for k, b in summary[group].items()
    )
    failed = [r for r in results if not r["correct"] or (r["expected_found"] and r["evidence_rank"] is None)]
    fails = "".join(
        f"<li><b>{esc(r['id'])}</b> {esc(r['question'])}<br>expected: {esc(str(r['expected'] or 'not found'))}"
        f"<br>got: {esc(r['answer'])}</li>" for r in failed
    ) or "<li>none</li>"
    img = base64.b64encode(png).decode()
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body{{font-family:'WenQuanYi Zen Hei','Noto Sans CJK SC',sans-serif;margin:2em;max-width:1100px}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}
td:first-child{{text-align:left}}th{{background:#f3f3f3}}li{{margin:.5em 0}}</style></head><body>
<h1>{esc(title)}</h1>
<p>{summary['overall']['n']} questions. Baselines produce no answer and are compared on evidence hit@k.</p>
<table><tr><th>system</th><th>answer correct</th><th>hit@1</th><th>hit@3</th><th>hit@5</th><th>MRR</th><th>support</th>
<th>not-found recall</th><th>p50 ms</th><th>p95 ms</th></tr>{rows}</table>
<img alt="PlanQA vs baselines" src="data:image/png;base64,{img}">
<h2>Breakdown</h2><table><tr><th>kind / lang</th><th>n</th><th>answer correct</th><th>hit@1</th><th>not-found recall</th></tr>{kinds}</table>
<h2>Failed questions ({len(failed)})</h2><ul>{fails}</ul></body></html>
"""
