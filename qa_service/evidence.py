"""Find the evidence for a question: indicator-table cells and the prose sentences that state the answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from planqa.figures import numbers_in
from planqa.records import Chunk, IndicatorRow
from planqa.text import split_sentences
from qa_service.query import Question
from qa_service.retrieval import Hit

FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|‰|个百分点|[万亿千]?[\u4e00-\u9fff]{1,2})")
CLAUSE = re.compile(r"[^，,；;：:]+[，,；;：:]?")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
PLAN_WORDS = ("力争", "目标", "预期", "计划", "左右", "以上", "确保", "争取", "将", "要")
MIN_COVERAGE = 0.5


@dataclass
class SentenceEvidence:
    chunk: Chunk
    text: str
    start: int
    end: int
    fragment: str
    coverage: float
    score: float
    matched: list[str] = field(default_factory=list)


@dataclass
class RowEvidence:
    indicator: str
    cells: list[IndicatorRow]

    @property
    def first(self) -> IndicatorRow:
        return self.cells[0]


def _term_groups(
    q: Question, ignore: set[str], rarity: Callable[[str], float]
) -> list[tuple[list[str], float]]:
    """Alternatives that each count as one matched term, with weights.

    Concepts weigh most. A word weighs by how rare it is in the stored reports, and a word no report
    contains weighs most of all: "平均房价" must not be answered by a sentence that only says "平均".
    """
    groups: list[tuple[list[str], float]] = []
    covered: set[str] = set()
    for concept in q.concepts:
        groups.append((concept, 2.0))
        covered.update(concept)
    for term in q.terms:
        if term in ignore or any(term in alias or alias in term for alias in covered):
            continue
        groups.append(([term], rarity(term)))
    return groups


def _alias_quality(concept: list[str], text: str) -> float:
    """1.0 for the indicator's own name, less for looser synonyms ("经济总量", "就业")."""
    for i, alias in enumerate(concept):
        if alias.lower() in text.lower():
            return 1.0 if i == 0 else 0.8
    return 0.0


def _sentence_years(text: str, chunk: Chunk) -> set[int]:
    explicit = {int(y) for y in YEAR.findall(text)}
    return explicit or set(chunk.years)


def find_sentences(
    q: Question,
    hits: list[Hit],
    years: list[int],
    ignore: set[str],
    limit: int = 3,
    rarity: Callable[[str], float] = lambda _t: 1.0,
) -> list[SentenceEvidence]:
    groups = _term_groups(q, ignore, rarity)
    if not groups:
        return []
    total = sum(w for _, w in groups)
    wants_figure = True
    found: list[SentenceEvidence] = []
    seen: set[tuple[str, int]] = set()
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        if chunk.kind == "table_row":
            continue
        cursor = chunk.start
        for sentence in split_sentences(chunk.text):
            s_start = cursor
            cursor += len(sentence)
            text = sentence.strip()
            if len(text) < 4:
                continue
            s_start += len(sentence) - len(sentence.lstrip())
            key = (chunk.doc_id, s_start)
            if key in seen:
                continue
            seen.add(key)
            matched = [alts[0] for alts, _ in groups if any(a.lower() in text.lower() for a in alts)]
            weight = sum(w for alts, w in groups if any(a.lower() in text.lower() for a in alts))
            coverage = weight / total
            concept_ok = all(any(a.lower() in text.lower() for a in c) for c in q.concepts[:1])
            if coverage < MIN_COVERAGE or not concept_ok:
                continue
            has_figure = bool(FIGURE.search(text)) and bool(numbers_in(text))
            if wants_figure and not has_figure:
                continue
            if years and not (_sentence_years(text, chunk) & set(years)):
                continue
            fragment = _fragment(text, [alts for alts, _ in groups])
            if q.units and not has_unit(fragment, q.units):
                continue
            plan_bonus = 0.0
            if q.intent == "plan" and any(w in text for w in PLAN_WORDS):
                plan_bonus = 0.2
            quality = min((_alias_quality(c, fragment) for c in q.concepts[:1]), default=1.0)
            # the asked term and its figure in one clause ("地区生产总值67665亿元") beat a figure nearby
            close = 0.3 if any(numbers_in(c) and any(a.lower() in c.lower() for alts, _ in groups for a in alts)
                               for c in CLAUSE.findall(fragment)) else 0.0
            score = coverage + 0.5 * quality + close + hit.score * 10 + plan_bonus - rank * 0.01
            found.append(
                SentenceEvidence(chunk, text, s_start, s_start + len(text), fragment, coverage, score, matched)
            )
    found.sort(key=lambda e: -e.score)
    return found[:limit]


def has_unit(text: str, units: tuple[str, ...]) -> bool:
    return bool(re.search(r"\d\s*[万亿千百]?(?:" + "|".join(re.escape(u) for u in units) + ")", text))


def _fragment(sentence: str, groups: list[list[str]]) -> str:
    """The clauses of `sentence` that carry the matched terms and their figures."""
    clauses = [m.group(0) for m in CLAUSE.finditer(sentence)]
    counts = [
        sum(max((1.0 if a == alts[0] else 0.9) for a in alts if a.lower() in c.lower()) if any(
            a.lower() in c.lower() for a in alts) else 0.0 for alts in groups)
        for c in clauses
    ]
    if not any(counts):
        return sentence
    first = last = counts.index(max(counts))
    while last + 1 < len(clauses) and counts[last + 1]:
        last += 1
    while last + 1 < len(clauses) and not numbers_in(clauses[last]) and last - first < 3:
        last += 1
    if not any(numbers_in(c) for c in clauses[first : last + 1]) and last + 1 < len(clauses):
        last += 1
    fragment = "".join(clauses[first : last + 1]).rstrip("，,；;：:。")
    return fragment


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
