"""Turn evidence into a short answer with [n] markers and the citations they point at (Chinese or English)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from planqa.patterns import CITATION_MARKER, FIGURE_TEXT
from planqa.records import Citation, Document
from planqa.regions import PROVINCE_ENGLISH, PROVINCES
from qa_service.evidence import RATIO_NAME, RowEvidence, SentenceEvidence
from qa_service.figure_kind import plans
from qa_service.query import Question
from qa_service.respective import respective
from qa_service.sentence_years import PLAN_SECTION, REVIEW_SECTION
from qa_service.shares import asks_share
from qa_service.verdicts import FALL_BEFORE, comparison, is_year, own_figures, row_verdict
from qa_service.vocabulary import vocabulary

KIND_EN = {"plan": "plan", "actual": "estimated outcome", "target": "target"}
RISE_BEFORE = re.compile(r"(?:增长|增加|提高|上涨|提升)(?:了)?$")  # …or it rose
OVER_BEFORE = re.compile(r"(?:突破|超过|超出|逾|不低于|不少于)$")  # "突破8000亿元": more than the figure
QUALIFIER_EN = {"左右": "about ", "以上": "at least ", "以内": "at most ", "以下": "below "}



@dataclass
class PartAnswer:
    """What one part of the question found: table cells and/or sentences, from one document."""

    question: Question
    rows: list[RowEvidence] = field(default_factory=list)
    sentences: list[SentenceEvidence] = field(default_factory=list)
    note: str = ""  # why nothing was found, for this part's "the report does not say"

    @property
    def found(self) -> bool:
        return bool(self.rows or self.sentences)


class Citations:
    """The citations of one answer, numbered in order of first use."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents
        self.items: list[Citation] = []

    def cite(self, doc_id: str, text: str, start: int, end: int, section: str, score: float) -> int:
        for c in self.items:
            if c.doc_id == doc_id and c.start == start and c.end == end:
                return c.id
        doc = self.documents[doc_id]
        self.items.append(Citation(
            id=len(self.items) + 1, doc_id=doc_id, title=doc.title, source=display_name(doc.source),
            section=section, text=text, start=start, end=end, score=round(score, 4),
        ))
        return self.items[-1].id


def display_name(source: str) -> str:
    """A document's file name only: the server's folders are nobody's business."""
    return Path(source).name if source else ""


def _column_zh(column: str) -> str:
    parts = column.split("/")
    return parts[0] + (f"（{'/'.join(parts[1:])}）" if len(parts) > 1 else "")


def _figure_en(value_text: str) -> str:
    """"5%以上" → "5%以上 (at least 5%)": the figure as the report writes it, then what its qualifier means."""
    for qualifier, word in QUALIFIER_EN.items():
        if value_text.endswith(qualifier):
            return f"{value_text} ({word}{value_text[: -len(qualifier)]})"
    return value_text


def _cell_en(kind: str, year: int | None, scope: str, value_text: str) -> str:
    label = f"{year} {KIND_EN.get(kind, kind)}" if year else KIND_EN.get(kind, kind)
    return f"{label}{f' ({scope})' if scope else ''}: {_figure_en(value_text)}"


def english_name(question: Question, fallback: str) -> str:
    return question.indicators[0].en if question.indicators else fallback


def _row_text(row: RowEvidence, n: int, lang: str) -> str:
    if lang == "en":
        cells = "; ".join(_cell_en(c.kind, c.year, c.scope, c.value_text) for c in row.cells)
        found = vocabulary().find_indicators(row.indicator)
        name = found[0][1].en if found else row.indicator
        return f"{name} — {cells}{row_verdict(row, lang)} [{n}]"
    cells = "，".join(f"{_column_zh(c.column)}{c.value_text}" for c in row.cells)
    return f"{row.indicator}：{cells}{row_verdict(row, lang)}[{n}]"


def _sentence_text(part: Question, ev: SentenceEvidence, n: int, lang: str) -> str:
    if lang != "en":
        return f"{ev.fragment}[{n}]"
    shown = own_figures((part.indicators and respective(part.indicators[0].name, ev.fragment)) or ev.fragment)
    figures = [_signed_en(shown, m) for m in FIGURE_TEXT.finditer(shown) if not is_year(m.group(0))]
    # the report's review of the year states outcomes, whatever words the sentence uses ("稳定在", "要")
    planned = not REVIEW_SECTION.search(ev.chunk.section) and (
        bool(PLAN_SECTION.search(ev.chunk.section)) or plans(ev.text))
    kind = {"plan": "target", "actual": "outcome"}.get(part.intent, "target" if planned else "outcome")
    # "2023 outcome", never a bare "(2023)": the checker reads a bare year as a figure to be quoted
    label = " ".join(f"{y} {kind}" for y in part.years) or kind
    if part.indicators and figures and part.kind != "aggregate":  # a list of targets is many indicators' figures
        # "what share of GDP did education spending reach": the figure is a share of the indicator named
        # (a ratio of its own, as R&D intensity is, is not a share of itself)
        ratio = RATIO_NAME.search(part.indicators[0].name)
        name = f"share of {part.indicators[0].en}" if len(part.indicators) == 1 and asks_share(part) and not ratio \
            else part.indicators[0].en
        return f"{name}{f' ({label})' if label else ''}: {', '.join(figures)} [{n}]"
    return f"the report says “{ev.fragment}” [{n}]"


def _signed_en(fragment: str, m: re.Match[str]) -> str:
    """"下降3.3%" → "下降3.3% (down 3.3%)": a fall shown as a bare 3.3% would be a wrong figure; a rise is
    quoted with its word too ("增长5% (up 5%)", "突破8000亿元 (over 8000亿元)"), as the report says it."""
    before = fragment[max(0, m.start() - 4) : m.start()]
    moved, way = next(((s, w) for s, w in ((FALL_BEFORE.search(before), "down"), (RISE_BEFORE.search(before), "up"),
                                           (OVER_BEFORE.search(before), "over")) if s), (None, ""))
    if not moved:
        return _figure_en(m.group(0).strip())
    figure = m.group(0).strip()
    english = _figure_en(figure)  # "3%左右 (about 3%)"
    said = english[english.find("(") + 1 : -1] if english != figure else figure
    return f"{moved.group(0)}{figure} ({way} {said})"


def _missing(part: Question, lang: str) -> str:
    if lang == "en":
        return f"the report does not give {english_name(part, part.label)}" + (
            f" for {'/'.join(str(y) for y in part.years)}" if part.years else "")
    years = "、".join(f"{y}年" for y in part.years)
    return f"报告没有给出{years}{part.label}{'的目标' if part.intent == 'plan' else ''}"


def compose(
    parts: list[PartAnswer], documents: dict[str, Document], lang: str, name_documents: bool
) -> tuple[str, list[Citation]]:
    """One clause per part, in the order asked; a part with no evidence says so instead of vanishing."""
    cites = Citations(documents)
    clauses: list[str] = []
    named, shown = "", {}  # the report the clause before was from: named again only when it changes
    bodies: dict[int, str] = {}  # a clause's quotes, by its place, without the report's name
    docs_of: dict[int, str] = {}  # the report of each such clause
    for part in parts:
        pieces = [_row_text(r, cites.cite(r.first.doc_id, r.first.row_text, r.first.start, r.first.end,
                                          r.first.table_title, 1.0), lang) for r in part.rows]
        for ev in part.sentences:
            n = cites.cite(ev.chunk.doc_id, ev.text, ev.start, ev.end, ev.chunk.section, ev.score)
            pieces.append(_sentence_text(part.question, ev, n, lang))
        if not pieces:
            clauses.append(_missing(part.question, lang))
            continue
        doc_id = part.rows[0].first.doc_id if part.rows else part.sentences[0].chunk.doc_id
        body = ("; " if lang == "en" else "；").join(pieces)
        bare = CITATION_MARKER.sub("", body)
        if any(bare in s for s in shown):  # "A、B、C分别达x、y、z" answers three parts with one quote: shown once
            continue
        prefix = _prefix(documents[doc_id], lang) if name_documents and doc_id != named else ""
        if (within := next((i for s, i in shown.items() if s in bare and docs_of[i] == doc_id), None)) is not None:
            # "…计划为3.7%" then "…计划为3.7%，实际达到4.6%": the longer quote in the shorter one's place
            clauses[within] = clauses[within][: len(clauses[within]) - len(bodies[within])] + body
            bodies[within] = body
            continue
        shown[bare], bodies[len(clauses)], docs_of[len(clauses)] = len(clauses), body, doc_id
        clauses.append(prefix + body)
        named = doc_id
    clauses += comparison(parts, lang)
    if lang == "en":
        return "According to the report: " + "; ".join(clauses) + ".", cites.items
    return "根据报告：" + "；".join(clauses) + "。", cites.items


def _prefix(doc: Document, lang: str) -> str:
    """The report's title, and its region where the title does not say it ("2026年政府工作报告", of 云南省)."""
    # "株洲市天元区": "天元区" names it too; the State Council's report is the nation's
    names = (doc.region, *PROVINCES.get(doc.region, ()), doc.region[-3:], *(("国务院",) if doc.region == "全国" else ()))
    region = doc.region if doc.region and not any(n in doc.title for n in names) else ""
    if lang == "en":
        return f"《{doc.title}》 ({PROVINCE_ENGLISH.get(region, region).title()}): " if region else f"《{doc.title}》: "
    return f"《{doc.title}》（{region}）：" if region else f"《{doc.title}》："


def not_found_message(lang: str, what: str) -> str:
    if lang == "en":
        return f"The documents do not say this{(' (' + what + ')') if what else ''}. No passage answers the question."
    return f"文档中没有找到能回答这个问题的内容{('（' + what + '）') if what else ''}。"
