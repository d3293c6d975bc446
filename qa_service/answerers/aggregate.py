"""Aggregate questions: which indicators missed or met their plan, or all targets of a year. A query over
the typed table rows, or, for a report without a table, its sentence that lists the targets."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import jieba.posseg as pseg

from planqa.figures import numbers_in
from planqa.records import IndicatorRow
from qa_service.answerers.reports import candidates, ranked_documents, report_year, years_fit
from qa_service.asked_years import PERIOD
from qa_service.compose import PartAnswer
from qa_service.evidence import RowEvidence, SentenceEvidence, sentences_of
from qa_service.figure_kind import PERIOD_SAID
from qa_service.intents import ALL_TARGETS
from qa_service.passages import find_passages
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.verdicts import direction_of
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

MIN_LISTED = 2  # figures a sentence must hold to be a list of targets
TOPIC_RARITY = 1.0  # a word rarer than this names the question's topic (经济社会 0.8 and 发展 0.7 do not)
FRAMING_TAGS = ("v", "t", "d", "r", "p", "c", "u")  # jieba's verbs, time words, adverbs…: not a list's topic
ASKING = re.compile(r"哪|什么|多少|几个")  # "哪一类", "什么样": words that ask, whatever jieba tags them
LIST_CHARS = 1200  # the most of a paragraph a list of targets is quoted with
# "超过10%", "低于5%": a filter on the rows' values
ABOVE = ("超过", "高于", "大于", "多于", "以上")
THRESHOLD = re.compile(r"(?P<op>超过|高于|大于|多于|低于|小于|少于|不到)\s*(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|个百分点)")


def aggregate(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    """Which indicators missed / met their plan, or all targets of a year: a query over the typed table rows.

    A report with no indicator table answers from its prose instead (its sentence listing the targets)."""
    ranked = ranked_documents(state, q, sc, hits)
    if not ranked:
        return PartAnswer(q, note="no document")
    table = [r for r in state.indicators if r.doc_id == ranked[0]]
    vocab, lower = vocabulary(), q.text.lower()
    if not table:
        return _aggregate_in_prose(state, q, sc, hits, ranked[0])
    rows = _table(table)
    if vocab.cue("aggregate_missed", lower) or vocab.cue("aggregate_met", lower):
        want_met = not vocab.cue("aggregate_missed", lower)
        exceeded = vocab.cue("aggregate_exceeded", lower)  # "超额完成": beyond the plan, not merely meeting it
        judged = [_judged(cells, q.years, strict=exceeded) for cells in rows]
        picked = [r for r in judged if r and r[1] == want_met]
        return PartAnswer(q, rows=[r for r, _ in picked], note="" if picked else "none")
    if (ranking := _ranked_rows(q, rows)) is not None:
        return ranking
    years = q.years or [max((c.year for c in table if c.kind != "actual" and c.year), default=0)]
    targets = [RowEvidence(cells[0].indicator, plan) for cells in rows
               if (plan := [c for c in cells if c.kind != "actual" and c.year in years and c.value_text])]
    return PartAnswer(q, rows=targets)


def _ranked_rows(q: Question, rows: list[list[IndicatorRow]]) -> PartAnswer | None:
    """"哪个指标增速最高", "哪些指标增速超过10%": rows ranked or filtered by the asked year's value (the outcome
    where the question asks for it or the table has one, else the plan), among the rates. None: not asked."""
    vocab, lower = vocabulary(), q.text.lower()
    top, bottom = vocab.cue("aggregate_top", lower), vocab.cue("aggregate_bottom", lower)
    bound = THRESHOLD.search(q.text)
    if not (top or bottom or bound):
        return None
    kind = "plan" if q.intent == "plan" else "actual"
    cells = [c for row in rows for c in row if c.value is not None and c.unit == "%"
             and (not q.years or c.year in q.years) and (c.kind == "actual") == (kind == "actual")]
    cells = [c for c in cells if c.scope and c.scope in q.text] or cells  # "区计划" names a column
    cells = list({c.indicator: c for c in reversed(cells)}.values())[::-1]  # one value per indicator: its first
    if bound:
        limit, above = float(bound.group("n")), bound.group("op") in ABOVE
        picked = [c for c in cells if (c.value > limit if above else c.value < limit)]
    else:
        picked = sorted(cells, key=lambda c: (-c.value if top else c.value, c.start))[:1]
    return PartAnswer(q, rows=[RowEvidence(c.indicator, [c]) for c in picked], note="" if picked else "none")


def _aggregate_in_prose(state: State, q: Question, sc: Scope, hits: list[Hit], doc_id: str) -> PartAnswer:
    """The sentence that lists the year's targets ("主要预期目标是：…"), or says which were missed."""
    vocab, lower = vocabulary(), q.text.lower()
    cue = "aggregate_missed" if vocab.cue("aggregate_missed", lower) else "aggregate_all"
    words = [c for c in vocab.cues[cue] if not c.isascii()]
    probe = replace(q, concepts=[words], terms=[t for t in q.terms if t not in sc.ignore])
    years = q.resolved_years(report_year(state, doc_id))
    found = find_passages(probe, candidates(state, probe, doc_id, hits, 8), sc.ignore, limit=12,
                          rarity=state.search.lexical.rarity, pool=None, spread=1.0)
    if cue == "aggregate_all":
        # "主要预期目标是：": the report's own announcement, whatever else the question says of it
        found += _announcements(state, doc_id, words)
    ry = report_year(state, doc_id)
    # the whole 。-sentence: a list of targets cut at its first ； would drop most of them
    text = state.documents[doc_id].clean_text
    whole = [_listed(s, text, words) for s in found if years_fit(s, years, ry)]
    # a list of targets holds figures: "把年度主要预期目标作为一个有机整体来把握" names the targets, lists none
    rarity = state.search.lexical.rarity
    # the question's own topic ("粮食安全方面定了哪些目标"), if it names one, must be in the list: its rare words
    topic = topic_words(q, sc.ignore, rarity)
    # "去年规上工业增加值、进出口增速未达预期": the missed ones are named, their figures need not be
    listed = (lambda t: len(vocab.find_indicators(t)) >= MIN_LISTED) if cue == "aggregate_missed" else \
        (lambda t: len(numbers_in(t)) >= MIN_LISTED)
    lists = [s for s in whole if listed(s.text) and all(t in s.text for t in topic)]
    if PERIOD.search(q.text):  # "“十五五”主要目标": the period's, not the year's
        lists = [s for s in lists if PERIOD_SAID.search(s.text + s.chunk.section)]
    found = sorted(lists, key=lambda s: -len(numbers_in(s.text)))[:1]
    return PartAnswer(q, sentences=found) if found else PartAnswer(q, note="no list")


def topic_words(q: Question, ignore: set[str], rarity) -> list[str]:
    """The rare words that name what a list is about ("生态环境方面的目标": 生态环境), not how it is
    asked ("报告承认…", "年初", "哪一类": jieba's verbs, time words, pronouns…)."""
    framing = {w.word for w in pseg.cut(q.text) if w.flag in FRAMING_TAGS}
    named = ALL_TARGETS.search(q.text.lower())  # "主要…目标" with words between: the list's name, not its topic
    framing |= {t for t in q.terms if named and t in named.group(0)}
    return [t for t in q.terms if t not in ignore and t not in framing and not ASKING.search(t)
            and rarity(t) >= TOPIC_RARITY]


def _announcements(state: State, doc_id: str, words: list[str]) -> list[SentenceEvidence]:
    """Every sentence of the report that names the targets and opens a list with a colon."""
    out = []
    for chunk in state.search.lexical.chunks_of(doc_id):
        for _, _hit, text, start in sentences_of([Hit(chunk, 0.0)]):
            if any(w in text and "：" in text[text.find(w):] for w in words):
                out.append(SentenceEvidence(chunk, text, start, start + len(text), text, 1.0, 0.0))
    return out


def _listed(ev: SentenceEvidence, text: str, words: list[str]) -> SentenceEvidence:
    """The whole 。-sentence; when it announces the list ("主要预期目标是："), the rest of its paragraph, or the
    next paragraph when the colon ends the line: the targets follow the colon, one sentence or several."""
    stop = re.compile(r"[。！？\n]").search(text, ev.start)
    end = stop.end() if stop and stop.group(0) != "\n" else (stop.start() if stop else len(text))
    sentence = text[ev.start:end]
    cue = min((sentence.find(w) for w in words if w in sentence), default=-1)
    colon = sentence.find("：", cue) if cue >= 0 else -1
    if colon >= 0:
        line_end = text.find("\n", ev.start + colon)
        line_end = len(text) if line_end < 0 else line_end
        if not text[ev.start + colon + 1 : line_end].strip():  # "主要预期目标是：" alone on its line
            nxt = text.find("\n", line_end + 1)
            line_end = len(text) if nxt < 0 else nxt
        end = min(line_end, ev.start + LIST_CHARS)
    whole = text[ev.start:end].rstrip()
    return replace(ev, text=whole, end=ev.start + len(whole), fragment=whole.rstrip("。"))


def _table(cells: list[IndicatorRow]) -> list[list[IndicatorRow]]:
    by_row: dict[tuple[str, int], list[IndicatorRow]] = {}
    for cell in cells:
        by_row.setdefault((cell.doc_id, cell.start), []).append(cell)
    return [by_row[key] for key in sorted(by_row)]


def _judged(cells: list[IndicatorRow], years: list[int], strict: bool = False) -> tuple[RowEvidence, bool] | None:
    """(plan and outcome cells, whether the outcome met the plan) for the asked or latest year with both."""
    actual_years = sorted({c.year for c in cells if c.kind == "actual" and c.value is not None and c.year})
    for year in ([y for y in years if y in actual_years] or actual_years[-1:]):
        actual = next(c for c in cells if c.kind == "actual" and c.year == year and c.value is not None)
        plans = [c for c in cells if c.kind != "actual" and c.year == year and c.value is not None]
        if not plans:
            continue
        direction = direction_of(cells[0].indicator)
        if direction == "none":
            return None
        plan = plans[0].value
        if strict:
            met = actual.value < plan if direction in ("lower", "ceiling") else actual.value > plan
        else:
            met = actual.value <= plan if direction in ("lower", "ceiling") else actual.value >= plan
        return RowEvidence(cells[0].indicator, [plans[0], actual]), met
    return None
