"""A figure part: the table cells and sentences of one report that state the asked indicator's figure for the
asked year and kind (target or outcome)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from qa_service.answerers.reports import candidates, passage_ignore, ranked_documents, report_year
from qa_service.asked_years import named_reports
from qa_service.compose import PartAnswer
from qa_service.evidence import SentenceEvidence, find_sentences
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.table_evidence import find_rows

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

# "实际增长多少", "actually grew": asks what happened, never what was planned ("达到多少" may ask either)
OUTCOME_SAID = re.compile(r"实际|最终|结果|完成了|实现了|actual|outcome|achieved|ended up", re.I)
DOC_TRIES = 2  # a part may fall back to the second-best report, never further
WEAK_SPREAD = 0.25  # further sentences must score within this of the best


def figure(state: State, part: Question, sc: Scope, hits: list[Hit], k: int = 8) -> PartAnswer:
    settled = _settle_intent(state, part, sc)
    found = _figure(state, settled, sc, hits, k)
    # (so is a thing no indicator names: "小麦最低收购价提高多少" is set by that year's report, reviewed by none)
    arranged = all(i.direction == "none" for i in part.indicators)
    if not found.found and settled.intent != part.intent and arranged:
        # "2022年赤字率是多少": a budget's arrangement (a deficit, bonds: no better or worse) is stated in the
        # year's own report, and no later report restates it as an outcome
        found = _figure(state, part, sc, hits, k)
    return found


def _figure(state: State, part: Question, sc: Scope, hits: list[Hit], k: int) -> PartAnswer:
    later = _later_report_in_scope(state, part, sc)
    same_year = bool(part.years) and any(report_year(state, d) in part.years for d in sc.doc_ids)
    for doc_id in ranked_documents(state, part, sc, hits)[:DOC_TRIES]:
        ry = report_year(state, doc_id)
        if part.relative and not part.years and ry is None:
            continue  # "去年" means nothing without the report's date
        if later and part.intent == "actual" and ry is not None and ry <= min(part.years):
            continue  # the outcome is in the later report; this one only has the target
        if same_year and part.intent == "plan" and ry is not None and ry > max(part.years) and \
                ry not in named_reports(part.text):
            continue  # the target is in that year's own report; a later one states the outcome, unless named
        years = part.resolved_years(ry)
        if part.intent == "actual" and OUTCOME_SAID.search(part.text) and years and ry is not None and ry <= min(years):
            continue  # a report of year R gives R's targets only: "R年实际…" is not in it
        table = [r for r in state.indicators if r.doc_id == doc_id]
        rows = find_rows(part, table, years)
        sentences = find_sentences(part, candidates(state, part, doc_id, hits, k), years,
                                   passage_ignore(state, part, sc, doc_id),
                                   limit=2 if rows else 3, rarity=state.search.lexical.rarity, report_year=ry,
                                   said=lambda phrase: any(phrase in d.clean_text for d in state.documents.values()))
        sentences = _drop_weak(sentences, bool(rows))
        if rows or sentences:
            return PartAnswer(part, rows, sentences)
    return PartAnswer(part, note="no evidence")


def _later_report_in_scope(state: State, part: Question, sc: Scope) -> bool:
    """Is the report that reviews the asked year in scope (a report of year R reviews R-1)? A report years later
    does not give the year's outcome; the year's own report then has its target."""
    if not part.years:
        return False
    return any(report_year(state, d) == max(part.years) + 1 for d in sc.doc_ids)


def _settle_intent(state: State, part: Question, sc: Scope) -> Question:
    """"2024年GDP增长多少" asks for the outcome when a later report (which reviews 2024) is in scope; for the
    current year, only a target exists."""
    if part.intent != "any" or named_reports(part.text) or not _later_report_in_scope(state, part, sc):
        return part  # "2021年政府工作报告提出…": the year names the report, whose own year is a target
    return replace(part, intent="actual")


def _drop_weak(sentences: list[SentenceEvidence], have_rows: bool) -> list[SentenceEvidence]:
    if not sentences:
        return sentences
    kept = [s for s in sentences if s.score >= sentences[0].score - WEAK_SPREAD]
    return [s for s in kept if s.coverage >= 0.99] if have_rows else kept
