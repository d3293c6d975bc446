"""The steps of answering, each a function with typed input and output:
analyse → scope → retrieve → select evidence → compose → verify. `QAService.ask` runs them in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from langchain_core.embeddings import Embeddings

from planqa.records import Citation, Document, IndicatorRow
from qa_service import answerers
from qa_service.answerers.aggregate import topic_words
from qa_service.answerers.reports import report_year
from qa_service.asked_years import YEAR_WORD
from qa_service.citation_check import problems
from qa_service.clause_questions import clause_questions
from qa_service.compose import Citations, PartAnswer, compose
from qa_service.english_rendering import in_passages_words
from qa_service.named_cities import of_cities_named
from qa_service.places import region_aliases
from qa_service.query import Question
from qa_service.quotes_per_part import distinct
from qa_service.retrieval import Hit, HybridSearch
from qa_service.scoping import Scope, per_place, scope  # noqa: F401  (scope: a step of the pipeline)

# Asks for a quantity: a sentence without the figure is not an answer ("多少", "几个", "比例是", English too).
QUANTITY_ASKED = re.compile(
    r"多少|(?<![哪前第])几(?!乎)|比例|比重|百分|how (?:many|much|long|large|big|high)|what (?:share|percentage)", re.I)
POOL = 40  # fused hits that decide the answering report: a report must not lose for ranking ninth
RELATED = 3  # nearest passages offered with a "not found"
# below this share of its content words rendered, an English question is answered from too little of it:
# on the dev sets (dev–dev5), the answers below it were one wrong and one right, those from 0.5 up mostly right
MIN_UNDERSTOOD = 0.45
GLOSS_HITS = 10  # passages that choose how an English word is said in Chinese


@dataclass(frozen=True)
class State:
    """One consistent view of the stores for the whole of one question."""

    documents: dict[str, Document]
    indicators: list[IndicatorRow]
    search: HybridSearch
    embeddings: Embeddings


@dataclass
class Retrieved:
    hits: list[Hit]
    question: Question | None = None  # the question with its English words rendered as the passages say them


@dataclass
class Selection:
    parts: list[PartAnswer]
    related: list[Hit] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(p.found for p in self.parts)

    @property
    def complete(self) -> bool:
        """Every part answered: an answer missing a part is not a found answer, however good the rest."""
        return all(p.found for p in self.parts)


@dataclass
class Composed:
    answer: str
    citations: list[Citation]


def retrieve(state: State, q: Question, sc: Scope, top_k: int) -> Retrieved:
    """Search the scoped reports for what is asked. The place and the years chose the reports already; left in
    the query they would pull every report's title and date lines to the top."""
    content = _without_scope_words(q.text, sc) or q.text
    scoped = set(sc.doc_ids)
    dense = state.search.dense(content, scoped, query_vector=state.embeddings.embed_query(content))
    concept_words = [alias for c in q.concepts for alias in c[:3]]
    lexical = " ".join([_without_scope_words(q.lexical, sc) or q.lexical, *concept_words])
    # every rendering of an English word the map does not know: the passages that hold one choose it
    options = [zh for p in [q, *q.parts] for _en, renderings in p.glosses for zh in renderings]
    hits = state.search.search(content, " ".join([lexical, *dict.fromkeys(options)]), max(top_k, POOL), scoped,
                               dense=dense)
    rendered = in_passages_words(q, [h.chunk.text for h in hits[:GLOSS_HITS]])
    if _all_terms(rendered) == _all_terms(q):
        return Retrieved(hits, rendered)
    # the words the passages use find the passages that say them: BM25 again with them, the vectors as they were
    lexical = " ".join([lexical, *rendered.terms])
    return Retrieved(state.search.search(content, lexical, max(top_k, POOL), scoped, dense=dense), rendered)


def _all_terms(q: Question) -> list[list[str]]:
    return [q.terms, *(p.terms for p in q.parts)]


def _without_scope_words(text: str, sc: Scope) -> str:
    """The question less the places that chose its reports, and its years. A place that chose nothing stays:
    it is what tells the reports apart."""
    named = {alias for p in sc.places for alias in region_aliases(p) | {p}}
    for word in sorted((w for w in named if len(w) >= 2), key=len, reverse=True):
        text = text.replace(word, " ")
    return YEAR_WORD.sub(" ", text).strip()


def select(state: State, q: Question, sc: Scope, got: Retrieved) -> Selection:
    """Evidence for every part of the question, each from the report that best answers that part. A question
    of several asking clauses that asks no figure, left unanswered or answered by one description, is
    answered clause by clause when every clause is."""
    whole = _select(state, q, sc, got)
    if (whole.complete and q.kind != "descriptive") or QUANTITY_ASKED.search(q.text):
        return whole  # a figure's clauses are parts already, each with the subject it borrows
    pieces = clause_questions(q)
    if not pieces or not (first := _select(state, pieces[0], sc, got)).complete:
        return whole
    # one topic: the later clauses are asked of the document that answered the first
    doc_id = _evidence_document(first.parts[0])
    one = replace(sc, doc_ids=[doc_id])
    later = [_select(state, piece, one, replace(got, hits=[h for h in got.hits if h.chunk.doc_id == doc_id]))
             for piece in pieces[1:]]
    if all(sel.complete for sel in later):
        return Selection([p for sel in [first, *later] for p in sel.parts], related=whole.related)
    return whole


def _evidence_document(part: PartAnswer) -> str:
    return part.sentences[0].chunk.doc_id if part.sentences else part.rows[0].first.doc_id


def _select(state: State, q: Question, sc: Scope, got: Retrieved) -> Selection:
    if q.lang == "en" and q.kind not in ("metadata", "aggregate") and _too_little_understood(q):
        return Selection([PartAnswer(q, note="too little of the question understood")], related=got.hits[:RELATED])
    handler = {"metadata": answerers.metadata, "aggregate": answerers.aggregate,
               "descriptive": answerers.descriptive}.get(q.kind)
    if handler is not None:
        parts = [handler(state, q, sc, got.hits)]
        if q.kind == "aggregate" and not parts[0].found:
            # "“十五五”时期的目标任务有哪些": no list of figures, but a part of the report by that name
            said = answerers.descriptive(state, replace(q, kind="descriptive"), sc, got.hits)
            parts = [said] if _on_topic(state, q, sc, said) else parts
    else:
        scopes = per_place(state, sc)
        asked = _anchored(state, q, sc) if q.kind == "comparison" else q.parts
        parts = distinct([answerers.figure(state, part, place, got.hits) for place in scopes for part in asked])
        if len(parts) == 1 and not parts[0].found:
            parts = [_said_in_a_sentence(state, q, sc, got.hits) or parts[0]]
    if q.kind != "metadata":
        parts = [of_cities_named(p, state.documents.values()) for p in parts]
    return Selection(parts, related=got.hits[:RELATED])


def _anchored(state: State, q: Question, sc: Scope) -> list[Question]:
    """"去年目标定了几，最后完成得如何": 去年 is read once, from the latest report in scope (the one that reviews
    it), so the target is looked for in that year's own report, not in the year before the earlier one."""
    latest = max((y for d in sc.doc_ids if (y := report_year(state, d))), default=None)
    if latest is None:
        return q.parts
    return [replace(p, years=p.resolved_years(latest), relative=[]) if p.relative and not p.years else p
            for p in q.parts]


def _on_topic(state: State, q: Question, sc: Scope, said: PartAnswer) -> bool:
    """The passages hold the question's rare words ("在乡村旅游上定了什么任务": 旅游), in their text or their
    part's title: the year's list of work is not an answer about one topic of it."""
    shown = "".join(s.text + s.chunk.section for s in said.sentences)
    return said.found and all(t in shown for t in topic_words(q, sc.ignore, state.search.lexical.rarity))


def _too_little_understood(q: Question) -> bool:
    """An English question of which most words found no Chinese rendering in the passages, or one short word
    alone: what is understood cannot tell which passage answers it ("低空经济" alone can)."""
    if min(p.understood for p in [q, *q.parts]) < MIN_UNDERSTOOD:
        return True
    return not q.concepts and len(q.terms) < 2 and sum(map(len, q.terms)) < 4


def _said_in_a_sentence(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer | None:
    """A question no figure answers ("用多长时间做到…", "由哪个部门修订"): the sentence that restates it and
    says more, found as a descriptive answer is."""
    if QUANTITY_ASKED.search(q.text) or q.wants_rate or q.units or (q.indicators and q.intent == "plan"):
        # "多少", "几个", "比例", an indicator's target: only a figure answers, and the figure search found none
        return None
    said = answerers.descriptive(state, replace(q, kind="descriptive"), sc, hits)
    return said if said.found else None


def compose_answer(state: State, q: Question, sc: Scope, sel: Selection) -> Composed:
    answer, citations = compose(sel.parts, state.documents, q.lang, name_documents=len(sc.doc_ids) > 1)
    return Composed(answer, citations)


def verify(state: State, composed: Composed) -> list[str]:
    """Quotes exact, markers resolved, every figure quoted; anything else and the answer is withheld."""
    return problems(composed.answer, composed.citations, lambda d: state.documents[d].clean_text)


def related_citations(state: State, hits: list[Hit]) -> list[Citation]:
    """The nearest passages, offered with a "not found" as related reading, never as an answer."""
    cites = Citations(state.documents)
    for hit in hits:
        c = hit.chunk
        cites.cite(c.doc_id, c.text, c.start, c.end, c.section, hit.score)
    return cites.items
