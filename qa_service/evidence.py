"""Find the evidence for a question: indicator-table cells and the prose sentences that state the answer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from planqa.figures import numbers_in
from planqa.patterns import FIGURE_LOOSE
from planqa.records import Chunk, IndicatorRow
from planqa.text import split_sentences
from qa_service.amounts import extended, measure_shown
from qa_service.figure_kind import year_figure_of_kind
from qa_service.fragments import (
    CLAUSE,
    TIME,
    figure_bound,
    fragment_of,
)
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.sentence_reading import read_sentence
from qa_service.sentence_years import lead_of, sentence_years
from qa_service.shares import PROPORTION, SHARE_OF, asks_share, denominator, share_clause
from qa_service.subject_words import required_words
from qa_service.term_match import holds
from qa_service.topics import paragraph_topic
from qa_service.vocabulary import vocabulary

# a noun right before 生产总值 names a field's output (海洋生产总值, 旅游业生产总值), not a region's GDP; the
# region's own words (地区, 国内, 全省, 全市…) and verbs (实现, 达到) before it do not
OTHER_OUTPUT = re.compile(r"([\u4e00-\u9fff]{2})(?<![地国全人本][区内省市县州均])(?<!实现)(?<!达到)(?<!完成)(?<![年的和与及])生产总值")
# The answerability thresholds, tuned on eval/gold/dev.jsonl (see the issue note for the figures).
RATIO_NAME = re.compile(r"强度|比重|比例|占比")
GROUP_COUNT = re.compile(r"等\d+[个项类家]")
MIN_COVERAGE = 0.5  # weighted share of the question's terms a figure sentence must hold
RARE_WEIGHT = 1.8  # a question word this rare (in almost no chunk) must be in the quote...
UNSEEN_WEIGHT = 2.0  # ...but a word in no chunk at all cannot be: it only lowers the coverage
PARTS_SHARE = 0.9  # of a term's weight when a text holds only its parts
# Sentence score weights (coverage is the base, in 0..1).
CONCEPT_WEIGHT = 2.0
DENOMINATOR_WEIGHT = 0.3  # the indicator a share is taken of: it must be named, but says little of what is asked
QUALITY_WEIGHT = 0.5
CLOSE_BONUS = 0.3
RETRIEVAL_WEIGHT = 10.0  # RRF scores are ~0.01-0.03, so this keeps retrieval a tie-breaker
RANK_PENALTY = 0.01


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


def term_groups(
    q: Question, ignore: set[str], rarity: Callable[[str], float]
) -> list[tuple[list[str], float]]:
    """Alternatives that each count as one matched term, with weights.

    Indicators weigh most. A word weighs by how rare it is in the stored reports, and a word no report
    contains weighs most of all: "平均房价" must not be answered by a sentence that only says "平均".
    """
    groups: list[tuple[list[str], float]] = []
    covered: set[str] = set()
    shared = denominator(q)
    for concept in q.concepts:
        covered.update(concept)
        # "教育经费占GDP的比例": GDP only names the share, the other words say whose share it is
        groups.append((concept, DENOMINATOR_WEIGHT if concept is shared else CONCEPT_WEIGHT))
    for term in q.terms:
        if term in ignore or any(term in alias or alias in term for alias in covered):
            continue
        groups.append(([term], rarity(term)))
    return groups


def _alias_quality(concept: list[str], text: str) -> float:
    """1.0 for the indicator's canonical forms, less for looser synonyms ("经济总量", "就业")."""
    lower = text.lower()
    for i, alias in enumerate(concept):
        if alias.lower() in lower:
            return 1.0 if i <= 1 else 0.8
    return 0.0


def sentences_of(hits: list[Hit]):
    """(hit rank, hit, sentence text, start offset) for every prose sentence of the hits, each once."""
    seen: set[tuple[str, int]] = set()
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        if chunk.kind == "table_row":
            continue
        cursor = chunk.start
        for sentence in split_sentences(chunk.text):
            s_start = cursor + len(sentence) - len(sentence.lstrip())
            cursor += len(sentence)
            text = sentence.strip()
            if len(text) < 4 or (chunk.doc_id, s_start) in seen:
                continue
            seen.add((chunk.doc_id, s_start))
            yield rank, hit, text, s_start


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def coverage_of(
    groups: list[tuple[list[str], float]], text: str, context: str = ""
) -> tuple[float, list[str], float]:
    """(weighted share of the question's terms the text holds, the terms held, weight of rare terms missing).

    A term may also stand in `context` (the sentence's heading); a compound's parts must all be in the text
    itself ("乡村振兴" is not "乡村" in a heading and "振兴战略" in the sentence)."""
    # width folded: the question's "8%" is the report's "8％"
    lower, around = _folded(text), _folded(context)
    total = sum(w for _, w in groups) or 1.0
    held = [(alts, w) for alts, w in groups
            if any(_folded(a) in around or holds(lower, _folded(a)) for a in alts)]
    missing_rare = sum(w for alts, w in groups if RARE_WEIGHT <= w < UNSEEN_WEIGHT and (alts, w) not in held)
    # a term said whole counts fully; one held only by its parts ("低空…经济") a little less, so the sentence
    # that says "低空经济" comes first
    weight = sum(w if any(_folded(a) in lower or _folded(a) in around for a in alts) else PARTS_SHARE * w
                 for alts, w in held)
    return weight / total, [alts[0] for alts, _ in held], missing_rare


def find_sentences(
    q: Question,
    hits: list[Hit],
    years: list[int],
    ignore: set[str],
    limit: int = 3,
    rarity: Callable[[str], float] = lambda _t: 1.0,
    report_year: int | None = None,
    said: Callable[[str], bool] = lambda _phrase: True,
) -> list[SentenceEvidence]:
    """Sentences that state the figure asked for: the indicator named, its year, its kind (plan/outcome), its unit."""
    groups = term_groups(q, ignore, rarity)
    if not groups:
        return []
    required = [_folded(w) for w in required_words(q, ignore, said)]
    found: list[SentenceEvidence] = []
    for rank, hit, written, s_start in sentences_of(hits):
        text, as_written = read_sentence(q, written)
        topic = paragraph_topic(hit.chunk.text, hit.chunk.start, s_start)
        coverage, matched, missing_rare = coverage_of(groups, text, topic)
        if coverage < MIN_COVERAGE or missing_rare > 0 or not _says_what_is_asked(q, text, required):
            continue
        fragment = _fragment(q, text, groups)
        # the years said up to the figure, not a later clause's ("…增长4%，快于2024年1.8个百分点")
        upto = text[: text.find(fragment) + len(fragment)] if fragment in text else text
        if years and not (sentence_years(upto, hit.chunk, report_year, lead_of(hit.chunk, s_start)) & set(years)):
            continue
        fragment = extended(q, text, fragment)
        if not measure_shown(q, fragment) or not _states_figure(q, fragment, shown=True) or not names_all(q, fragment):
            continue  # the figure and the indicator must be in what is shown, not elsewhere in the sentence
        if not q.wants_time and not figure_bound(fragment, groups):
            continue  # "去年财政赤字控制在预算内，居民消费价格上涨2%": the figure is another subject's
        if not year_figure_of_kind(q, hit, s_start, text, fragment):
            continue
        score = _score(q, coverage, fragment, groups, hit.score, rank)
        found.append(SentenceEvidence(hit.chunk, written, s_start, s_start + len(written), as_written(fragment), coverage,
                                      score, matched))
    found.sort(key=lambda e: (-e.score, e.chunk.doc_id, e.start))
    return found[:limit]


def _fragment(q: Question, text: str, groups: list[tuple[list[str], float]]) -> str:
    if asks_share(q) and (share := share_clause(text)):
        return share  # "…五年累计7.79万亿元，年均增长21.58%，2012年占国内生产总值比例达到4%"
    return fragment_of(text, [alts for alts, _ in groups])


def _says_what_is_asked(q: Question, text: str, required: list[str]) -> bool:
    """The indicator named, the words that say whose figure it is (`subject_words`), a figure; and for a share
    asked, a share: not either quantity alone."""
    if not names_all(q, text) or not all(any(holds(_folded(text), a) for a in w.split("|")) for w in required):
        return False
    return _states_figure(q, text) and not (asks_share(q) and not re.search(PROPORTION, text))


def _states_figure(q: Question, text: str, shown: bool = False) -> bool:
    """A figure is said: a number with its measure, or for "什么时候 / 多长时间" a date or a duration."""
    if q.wants_time:
        return len(TIME.findall(text)) >= q.wants_time
    if not re.search(r"几|多少[个项家类]|how many", q.text):
        text = GROUP_COUNT.sub(" ", text)  # "钢铁、水泥等15个重点行业": a count of the group, no figure of 钢铁
    return bool(numbers_in(text)) and (shown or bool(FIGURE_LOOSE.search(text)))


def names_all(q: Question, text: str) -> bool:
    """Every indicator asked is named, read longest form first: "人均GDP" names GDP per head, not GDP."""
    if q.indicators:
        # "…经费支出相当于…生产总值的比例": a ratio written out names the ratio, whatever is cut below
        ratios = {id(ind) for _, ind in vocabulary().find_indicators(text) if RATIO_NAME.search(ind.name)} if any(
            RATIO_NAME.search(ind.name) for ind in q.indicators) else set()
        if "占" not in q.text and not SHARE_OF.search(q.text) and not asks_share(q):  # GDP as a denominator
            text = SHARE_OF.sub(" ", text)
        # "海洋生产总值增长6%左右": a field's output, not the region's GDP, unless the question says so
        text = OTHER_OUTPUT.sub(lambda m: m.group(0) if m.group(1) in q.text else " ", text)
        named = {id(ind) for _, ind in vocabulary().find_indicators(text)} | ratios
        return all(id(ind) in named and not ind.says_another_measure(ind.distinct_asked(q.text), text)
                   for ind in q.indicators)
    lower = text.lower()
    return all(any(a.lower() in lower for a in c) for c in q.concepts)


def _score(q: Question, coverage: float, fragment: str, groups, retrieval: float, rank: int) -> float:
    """Coverage first; then the indicator's own name over a loose synonym, the term and its figure in one
    clause ("地区生产总值67665亿元") over a figure nearby, and the retrieval rank as the tie-breaker."""
    quality = min((_alias_quality(c, fragment) for c in q.concepts[:1]), default=1.0)
    close = any(numbers_in(c) and any(a.lower() in c.lower() for alts, _ in groups for a in alts)
                for c in CLAUSE.findall(fragment))
    return coverage + QUALITY_WEIGHT * quality + CLOSE_BONUS * close + RETRIEVAL_WEIGHT * retrieval - RANK_PENALTY * rank
