"""Which report answers a question: a report of year R reviews R-1 and sets targets for R; a year right
before the word 报告 names the report itself. Also the report-side checks every answerer shares."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from planqa.patterns import YEAR_NIAN
from planqa.text import words
from qa_service.asked_years import RELATIVE, named_reports
from qa_service.evidence import SentenceEvidence
from qa_service.intents import intent_of
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.sentence_years import REVIEW_SECTION
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

TITLE_SHARE = 0.6  # of a title's own words a question must repeat to name that document


def report_year(state: State, doc_id: str) -> int | None:
    doc = state.documents[doc_id]
    return doc.report_date.year if doc.report_date else (max(doc.years) if doc.years else None)


def _named_report(state: State, q: Question, ranked: list[str]) -> list[str]:
    """"2023年政府工作报告如何…": a year right before the word 报告 names the report itself."""
    named = named_reports(q.text)
    if not named:
        return ranked
    # any report the question names, in the order ranked (the target in the year's own, the outcome in the
    # next); a report that is not stored cannot be quoted: no fallback to another year's report. A comparison
    # may name the report of one side only ("the 2020 target … the figure reported in the 2021 report"); a question
    # that asks one side in a named report is answered from that report alone
    both = intent_of(q.text.lower()) == "review"
    own = {y + (q.intent == "actual") for y in q.years} if both and q.intent in ("plan", "actual") and len(
        named) == 1 else set()
    return [d for d in ranked if report_year(state, d) in named | own]


def ranked_documents(state: State, q: Question, sc: Scope, hits: list[Hit]) -> list[str]:
    """Reports in the order they should answer `q`: retrieval weight, nudged by the years and the intent.

    A report delivered in year R reviews R-1 and sets targets for R. Ties go to the doc_id, so the same
    question on the same store always picks the same report.
    """
    if len(sc.doc_ids) == 1:
        return _named_report(state, q, list(sc.doc_ids))  # one report, but perhaps not the one named
    if q.kind in ("descriptive", "aggregate", "metadata") and q.intent != "actual":
        q = replace(q, intent="plan")  # what a report says of its own year: its plan, in the report of that year
    weight = _retrieval_weight(state, q, sc, hits)
    tier = dict.fromkeys(weight, 1)
    if q.years:
        year = q.years[-1]
        for doc_id in weight:
            ry = report_year(state, doc_id)
            if ry is None:
                continue
            if (q.intent == "plan" and ry == year) or (q.intent != "plan" and ry == year + 1):
                weight[doc_id] *= 3.0
                # a target is stated in the report of its year, an outcome in the next one: whatever else
                # ranks higher, that report answers first
                tier[doc_id] = 0 if q.intent in ("plan", "actual") else 1
            elif ry not in (year, year + 1):
                weight[doc_id] *= 0.3
    for doc_id in weight:
        if names_title(q.text, state.documents[doc_id].title):
            tier[doc_id] = -1  # "政府性基金预算管理办法是哪天发布的": the question names the document
    return _named_report(state, q, sorted(weight, key=lambda d: (tier[d], -round(weight[d], 9), d)))


def _retrieval_weight(state: State, q: Question, sc: Scope, hits: list[Hit]) -> dict[str, float]:
    """Each report's summed retrieval score; the report of the asked year (or the next, which reviews it) is
    there even when no passage of it was retrieved: among a hundred reports, all say "国内生产总值增长"."""
    weight: dict[str, float] = {}
    scoped = set(sc.doc_ids)
    for hit in (h for h in hits if h.chunk.doc_id in scoped):
        weight[hit.chunk.doc_id] = weight.get(hit.chunk.doc_id, 0.0) + hit.score
    if q.years:
        for doc_id in sc.doc_ids:
            if report_year(state, doc_id) in (q.years[-1], q.years[-1] + 1):
                weight.setdefault(doc_id, 0.0)
    return weight


def names_title(text: str, title: str) -> bool:
    """The question names the document by most of its title's own words (not just its year and kind)."""
    own = title_words(title) - set(vocabulary().documents.get("generic_title_words", ()))
    return len(own) >= 2 and sum(w in text for w in own) >= TITLE_SHARE * len(own)


def candidates(state: State, q: Question, doc_id: str, hits: list[Hit], k: int) -> list[Hit]:
    """Retrieved chunks of the report, plus its other chunks that name what was asked: within one report a
    scan is cheap, and a figure must not be missed for ranking ninth instead of eighth."""
    ranked = [h for h in hits if h.chunk.doc_id == doc_id][:k]
    seen = {h.chunk.chunk_id for h in ranked}
    names = [a.lower() for c in q.concepts for a in c] or [t.lower() for t in q.terms if len(t) >= 2]
    for chunk in state.search.lexical.chunks_of(doc_id):
        if chunk.chunk_id not in seen and any(n in chunk.text.lower() for n in names):
            ranked.append(Hit(chunk, 0.0))
    return ranked


def years_fit(ev: SentenceEvidence, years: list[int], report: int | None) -> bool:
    """The passage speaks of an asked year: by the years it writes, else by "今年/去年" read against the
    report's year, else by its chunk's years (a report's own plan part speaks of the report's year)."""
    if not years:
        return True
    named = {int(y) for y in YEAR_NIAN.findall(ev.text)}
    if not named and report:
        named = {report + shift for word, shift in RELATIVE.items() if word in ev.text}
    if not named:
        named = set(ev.chunk.years) | ({report} if report and not REVIEW_SECTION.search(ev.chunk.section) else set())
    return not named or bool(named & set(years))


def passage_ignore(state: State, q: Question, sc: Scope, doc_id: str) -> set[str]:
    """Words that chose the document, so say nothing about which of its passages answers: the place, and the
    words of its title ("许昌价格调节基金的征收管理机构…" is about the 许昌价格调节基金管理办法). Unless they
    are all the question says."""
    doc = state.documents[doc_id]
    # the file's own name labels it too ("07-某市中考规定.txt" for "…关于批转某市高中招生考试办法的通知")
    ignore = sc.ignore | title_words(doc.title) | title_words(Path(doc.source).stem)
    if q.concepts or any(t not in ignore for t in q.terms):
        return ignore
    return sc.ignore


@lru_cache(maxsize=4096)
def title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in words(YEAR_NIAN.sub(" ", title)) if len(w) >= 2)
