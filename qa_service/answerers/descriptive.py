"""A descriptive or list question: the headings of the report's part of that name, or the one to three
sentences that say what was asked."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from qa_service.answerers.reports import passage_ignore, ranked_documents, report_year, years_fit
from qa_service.compose import PartAnswer
from qa_service.evidence import SentenceEvidence
from qa_service.outline import following, outline, rest_of_paragraph
from qa_service.passages import ANNOUNCES, find_passages
from qa_service.query import Question
from qa_service.retrieval import Hit

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

DOC_TRIES = 2  # the best-ranked reports that may answer; the one that says it most fully does


def descriptive(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    ranked = ranked_documents(state, replace(q, intent="plan"), sc, hits)
    if ranked:
        listed = outline(q, state.documents[ranked[0]], state.search.lexical.chunks_of(ranked[0]))
        if listed.found:
            return listed
    tried = [(doc_id, _passages(state, q, sc, hits, doc_id)) for doc_id in ranked_documents(state, q, sc, hits)[:DOC_TRIES]]
    tried = [(doc_id, found) for doc_id, found in tried if found]
    if not tried:
        return PartAnswer(q, note="no passage")
    # the report that says it most fully; on a tie, the better-ranked one
    doc_id, found = max(tried, key=lambda t: t[1][0].coverage)
    text = state.documents[doc_id].clean_text
    if ANNOUNCES.search(found[0].text):
        # "要着力把握好五个方面。" / "（一）着力扩大国内需求": the answer is what follows it
        found = following(text, found[0]) or found
    elif followers := rest_of_paragraph(text, found[0]):
        found = [found[0], *followers]
        announced = next((f for f in followers if ANNOUNCES.search(f.text)), None)
        if announced:  # "…今年将采取三项举措。一是…": the points it announces
            found = [found[0], announced, *following(text, announced)]
    return PartAnswer(q, sentences=found)


def _passages(state: State, q: Question, sc: Scope, hits: list[Hit], doc_id: str) -> list[SentenceEvidence]:
    ignore, rarity = passage_ignore(state, q, sc, doc_id), state.search.lexical.rarity
    ry = report_year(state, doc_id)
    doc_hits = [h for h in hits if h.chunk.doc_id == doc_id]
    # the best-ranked chunks first; then, within the one document, every chunk that holds all the asked words
    for pool in (doc_hits, _holding_all(state, q, doc_id, ignore)):
        found = find_passages(q, pool, ignore, rarity=rarity)
        found = [s for s in found if not q.years or years_fit(s, q.resolved_years(ry), ry)]
        if found:
            return found
    return []


def _holding_all(state: State, q: Question, doc_id: str, ignore: set[str]) -> list[Hit]:
    wanted = [t.lower() for t in q.terms if t not in ignore and len(t) >= 2]
    if not wanted:
        return []
    chunks = state.search.lexical.chunks_of(doc_id)
    return [Hit(c, 0.0) for c in chunks if all(w in c.text.lower() for w in wanted)]
