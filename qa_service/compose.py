"""Turn evidence into a short answer with [n] markers and the citations they point at."""

from __future__ import annotations

from planqa.records import Citation, Document
from qa_service.evidence import RowEvidence, SentenceEvidence

KIND_EN = {"plan": "plan", "actual": "estimated outcome", "target": "target"}
QUALIFIER_EN = {"左右": "about ", "以上": "at least ", "以内": "at most ", "以下": "below "}


def _column_zh(column: str) -> str:
    parts = column.split("/")
    return parts[0] + (f"（{'/'.join(parts[1:])}）" if len(parts) > 1 else "")


def _cell_en(kind: str, year: int | None, scope: str, value_text: str, qualifier: str) -> str:
    value = value_text
    if qualifier in QUALIFIER_EN and value.endswith(qualifier):
        value = QUALIFIER_EN[qualifier] + value[: -len(qualifier)]
    label = f"{year} {KIND_EN.get(kind, kind)}" if year else KIND_EN.get(kind, kind)
    if scope:
        label += f" ({scope})"
    return f"{label}: {value}"


def _verdict(row: RowEvidence, lang: str) -> str:
    """Plan against outcome for the same year, in words only (it must add no figure to the answer)."""
    for actual in (c for c in row.cells if c.kind == "actual" and c.value is not None):
        plans = [c for c in row.cells if c.kind != "actual" and c.year == actual.year and c.value is not None]
        if not plans:
            continue
        met = actual.value >= max(p.value for p in plans)
        if lang == "en":
            return " (met the plan)" if met else " (below the plan)"
        return "，完成计划" if met else "，低于计划"
    return ""


def compose(
    rows: list[RowEvidence],
    sentences: list[SentenceEvidence],
    documents: dict[str, Document],
    lang: str,
    name_documents: bool,
) -> tuple[str, list[Citation]]:
    citations: list[Citation] = []
    parts: list[str] = []

    def cite(doc_id: str, text: str, start: int, end: int, section: str, score: float) -> int:
        for c in citations:
            if c.doc_id == doc_id and c.start == start and c.end == end:
                return c.id
        doc = documents[doc_id]
        citation = Citation(
            id=len(citations) + 1,
            doc_id=doc_id,
            title=doc.title,
            source=doc.source,
            section=section,
            text=text,
            start=start,
            end=end,
            score=round(score, 4),
        )
        citations.append(citation)
        return citation.id

    def prefix(doc_id: str) -> str:
        if not name_documents:
            return ""
        doc = documents[doc_id]
        return f"《{doc.title}》" + ("" if lang == "en" else "：")

    for row in rows:
        first = row.first
        n = cite(first.doc_id, first.row_text, first.start, first.end, first.table_title, 1.0)
        if lang == "en":
            cells = "; ".join(_cell_en(c.kind, c.year, c.scope, c.value_text, c.qualifier) for c in row.cells)
            parts.append(f"{prefix(first.doc_id)}{row.indicator} — {cells}{_verdict(row, lang)} [{n}]")
        else:
            cells = "，".join(f"{_column_zh(c.column)}{c.value_text}" for c in row.cells)
            parts.append(f"{prefix(first.doc_id)}{row.indicator}：{cells}{_verdict(row, lang)}[{n}]")
    for ev in sentences:
        n = cite(ev.chunk.doc_id, ev.text, ev.start, ev.end, ev.chunk.section, ev.score)
        parts.append(f"{prefix(ev.chunk.doc_id)}{ev.fragment}" + (f" [{n}]" if lang == "en" else f"[{n}]"))
    if lang == "en":
        return "According to the report: " + "; ".join(parts) + ".", citations
    return "根据报告：" + "；".join(parts) + "。", citations


def not_found_message(lang: str, what: str) -> str:
    if lang == "en":
        return f"The documents do not say this{(' (' + what + ')') if what else ''}. No passage answers the question."
    return f"文档中没有找到能回答这个问题的内容{('（' + what + '）') if what else ''}。"
