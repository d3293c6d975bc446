"""Indicator cells as small tables a person can read (with their header row) and charts grouped by unit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.text import html_table

KIND_ZH = {"plan": "计划", "actual": "完成", "target": "目标"}


def column_label(column: str) -> str:
    """'2024年计划/市计划' → '2024年计划（市计划）': the header path in plain words."""
    head, _, rest = column.partition("/")
    return f"{head}（{rest.replace('/', '，')}）" if rest else head


def pivot(rows: list[dict]) -> pd.DataFrame:
    """One line per indicator, one column per table column, both in the table's order."""
    columns: dict[str, None] = {}
    lines: dict[str, dict[str, str]] = {}
    for r in rows:
        label = column_label(r["column"])
        columns.setdefault(label, None)
        lines.setdefault(r["indicator"], {})[label] = r["value_text"]
    frame = pd.DataFrame([{"指标": name, **cells} for name, cells in lines.items()])
    return frame.reindex(columns=["指标", *columns]).fillna("")


def as_html(frame: pd.DataFrame) -> str:
    return html_table([str(c) for c in frame.columns], [[str(v) for v in row] for row in frame.itertuples(index=False)])


def row_with_header(citation: dict, doc_rows: list[dict]) -> pd.DataFrame | None:
    """The cited table row under its header, or None when the quote is not a table row."""
    cells = [r for r in doc_rows if r["start"] == citation["start"] and r["end"] == citation["end"]]
    return pivot(cells) if cells else None


def _bar_label(r: dict, several: bool) -> str:
    label = f"{r['year']}年" if r.get("year") else column_label(r["column"])
    if r.get("scope"):
        label += f"（{r['scope']}）"
    return f"{r['indicator']} · {label}" if several else label


def charts_by_unit(rows: list[dict]) -> list[tuple[str, list[str], alt.Chart]]:
    """One horizontal grouped-bar chart per unit, so 5.2 万人 never sits on an axis of 人.

    Bars follow the table's order; plan and outcome of the same year are a coloured pair with a legend."""
    units: dict[str, list[dict]] = {}
    for r in rows:
        if r.get("value") is not None:
            units.setdefault(r.get("unit") or "", []).append(r)
    out = []
    for unit, cells in units.items():
        names = list(dict.fromkeys(r["indicator"] for r in cells))
        several = len(names) > 1
        data = pd.DataFrame(
            [{"项目": _bar_label(r, several), "类型": KIND_ZH.get(r["kind"], r["kind"]), "数值": r["value"],
              "原文": r["value_text"], "顺序": i} for i, r in enumerate(cells)]
        )
        order = list(dict.fromkeys(data["项目"]))
        kinds = list(dict.fromkeys(data["类型"]))
        axis_title = f"单位：{unit}" if unit else "数值"
        chart = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                y=alt.Y("项目:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=13)),
                yOffset=alt.YOffset("类型:N", sort=kinds),
                x=alt.X("数值:Q", title=axis_title, axis=alt.Axis(titleFontSize=13)),
                color=alt.Color("类型:N", sort=kinds, legend=alt.Legend(title=None, orient="top", labelFontSize=13)),
                tooltip=["项目", "类型", "原文"],
            )
            .properties(height=alt.Step(22))
        )
        out.append((unit, names, chart))
    return out
