"""Evidence from an indicator table: the cells of the indicators a question names, in the columns its years
and intent select."""

from __future__ import annotations

from planqa.records import IndicatorRow
from qa_service.evidence import RowEvidence
from qa_service.fragments import has_unit
from qa_service.query import Question


def find_rows(q: Question, rows: list[IndicatorRow], years: list[int]) -> list[RowEvidence]:
    """Table cells of the indicators the question names, in the columns its years and intent select."""
    if not rows:
        return []
    wanted: list[RowEvidence] = []
    by_indicator: dict[tuple[str, str, int], list[IndicatorRow]] = {}
    for row in rows:
        by_indicator.setdefault((row.doc_id, row.indicator_norm, row.start), []).append(row)
    for concept in q.concepts:
        for (_doc, norm, _start), cells in by_indicator.items():
            if any(alias.lower() in norm.lower() for alias in concept):
                picked = _pick_columns(q, cells, years)
                if picked:
                    wanted.append(RowEvidence(cells[0].indicator, picked))
        if wanted:
            break
    if not wanted and q.terms:
        for (_doc, norm, _start), cells in by_indicator.items():
            if len(q.terms) >= 1 and all(t in norm for t in q.terms):
                picked = _pick_columns(q, cells, years)
                if picked:
                    wanted.append(RowEvidence(cells[0].indicator, picked))
    # "其中：" sub-rows only when nothing better matched: prefer the shortest indicator name
    wanted.sort(key=lambda r: len(r.indicator))
    return wanted[:2]


def _pick_columns(q: Question, cells: list[IndicatorRow], years: list[int]) -> list[IndicatorRow]:
    if years:
        chosen = [c for c in cells if c.year in years]
    else:
        actual_years = [c.year for c in cells if c.kind == "actual" and c.year]
        plan_years = [c.year for c in cells if c.kind != "actual" and c.year]
        if q.intent == "plan" and plan_years:
            chosen = [c for c in cells if c.kind != "actual" and c.year == max(plan_years)]
        elif q.intent in ("actual", "review") and actual_years:
            y = max(actual_years)
            chosen = [c for c in cells if c.year == y and (q.intent == "review" or c.kind == "actual")]
        else:
            chosen = list(cells)
    if q.intent == "plan":
        chosen = [c for c in chosen if c.kind != "actual"] or chosen
    elif q.intent == "actual":
        chosen = [c for c in chosen if c.kind == "actual"] or chosen
    if q.units:
        chosen = [c for c in chosen if has_unit(c.value_text, q.units)]
    return [c for c in chosen if c.value_text and c.value_text not in ("/", "-", "—")]
