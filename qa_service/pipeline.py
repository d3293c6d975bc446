"""The steps of answering, each a function with typed input and output:
analyse → scope → retrieve → select evidence → compose → verify. `QAService.ask` runs them in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from langchain_core.embeddings import Embeddings

from planqa.records import Citation, Document, IndicatorRow
from qa_service import answerers
from qa_service.asked_years import YEAR_WORD
from qa_service.citation_check import problems
from qa_service.compose import Citations, PartAnswer, compose
from qa_service.english_rendering import in_passages_words
from qa_service.places import (
    NATIONAL,
    covers,
    home_region,
    implied_places,
    mentions,
    places_named,
    region_aliases,
    stored_places_named,
    uncovered_locals,
)
from qa_service.query import Question
from qa_service.quotes_per_part import distinct
from qa_service.retrieval import Hit, HybridSearch
from qa_service.schemas import Filters

# Asks for a quantity: a sentence without the figure is not an answer ("多少", "几个", "比例是", English too).
QUANTITY_ASKED = re.compile(
    r"多少|(?<![哪前第])几(?!乎)|比例|比重|百分|how (?:many|much|long|large|big|high)|what (?:share|percentage)", re.I)
# a region's own words: 地区生产总值 is a region's GDP (the country's is 国内生产总值), 全区/区里 its territory
REGIONAL_WORDS = re.compile(r"地区|全区|全市|全县|全省|区里|市里|县里|省里|本区|本市|我区|我市|辖区|regional|district")
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
class Scope:
    doc_ids: list[str]
    places: list[str] = field(default_factory=list)
    ignore: set[str] = field(default_factory=set)  # region words: they name the report, not the content
    refusal: str = ""  # set when nothing can be in scope, with the reason


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


def scope(state: State, q: Question, filters: Filters | None) -> Scope:
    """The documents that may answer: the filters, then the places the question names."""
    docs = _filtered(sorted(state.documents.values(), key=lambda d: d.doc_id), filters)
    if not docs:
        return Scope([], refusal="没有符合筛选条件的文档")
    if filters and filters.year and q.years and filters.year not in q.years:
        # the filter scopes documents; it must not quietly turn a question about one year into another
        asked = "、".join(str(y) for y in q.years)
        return Scope([], refusal=f"筛选的年份是{filters.year}年，问题问的是{asked}年；请改变筛选或问题")
    places = sorted(set(places_named(q.text)) | stored_places_named(q.text, docs))
    ignore = set().union(*(region_aliases(d.region) for d in docs if d.region), places)
    if not places:
        return _unnamed_scope(q, docs, ignore)
    if unknown := uncovered_locals(places, docs):
        # a city no report is about: a province's report speaks of its cities in passing, never as their own
        # report, so only a document without a region of its own (the city's notice) may answer
        docs = [d for d in docs if not d.region and all(mentions(d, p) for p in unknown)]
        if not docs:
            return Scope([], places, ignore, refusal=f"没有关于{'、'.join(unknown)}的文档")
    # a national report speaks for a province it names ("对四川灾区…"), never for one it does not name
    by_metadata = [d for d in docs if any(covers(d, p) for p in places)
                   and not (covers(d, NATIONAL) and not all(mentions(d, p) for p in places if p != NATIONAL))]
    if by_metadata:
        return Scope([d.doc_id for d in by_metadata], places, ignore)
    # A document with no region of its own may still be about the place: its text says so.
    by_text = [d for d in docs if not d.region and all(mentions(d, p) for p in places)]
    if by_text:
        return Scope([d.doc_id for d in by_text], places, ignore)
    filtered = bool(filters and (filters.doc_id or filters.region))
    what = "、".join(places)
    if filtered:
        chosen = "、".join(sorted({d.region or d.title for d in docs}))
        return Scope([], places, ignore, refusal=f"所选文档是{chosen}的，问题问的是{what}")
    return Scope([], places, ignore, refusal=f"没有关于{what}的文档")


def _filtered(docs: list[Document], filters: Filters | None) -> list[Document]:
    if filters and filters.doc_id:
        docs = [d for d in docs if d.doc_id == filters.doc_id]
    if filters and filters.region:
        docs = [d for d in docs if d.region and (filters.region in d.region or d.region in filters.region)]
    if filters and filters.year:
        docs = [d for d in docs if filters.year in d.years or (d.report_date and d.report_date.year == filters.year)]
    return docs


def _unnamed_scope(q: Question, docs: list[Document], ignore: set[str]) -> Scope:
    """No place named: the national reports when the question says 政府工作报告 alone, the one locality of
    the store when there is one (see `home_region`), else every document."""
    implied = implied_places(q.text)
    national = [d.doc_id for d in docs if any(covers(d, p) for p in implied)]
    if national:
        return Scope(national, implied, ignore)
    home = home_region(docs)
    if home:
        own = [d for d in docs if d.region == home]
        if not _speaks_of_years(own, q.years) and not REGIONAL_WORDS.search(q.text):
            # "2003年国内生产总值增长目标", "2004年粮食产量多少": a year the district's reports do not
            # cover, asked in words that do not say "the region": the national reports
            national = [d.doc_id for d in docs if covers(d, NATIONAL)]
            if national:
                return Scope(national, [NATIONAL], ignore)
        return Scope([d.doc_id for d in own], [], ignore)
    return Scope([d.doc_id for d in docs], [], ignore)


def _speaks_of_years(docs: list[Document], years: list[int]) -> bool:
    """A report of year R speaks of R (its plan) and R-1 (its review); with no year asked, any report does."""
    if not years:
        return True
    spoken = {y for d in docs for r in ([d.report_date.year] if d.report_date else d.years) for y in (r, r - 1)}
    return bool(spoken & set(years))


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
    """Evidence for every part of the question, each from the report that best answers that part."""
    if q.lang == "en" and q.kind not in ("metadata", "aggregate") and _too_little_understood(q):
        return Selection([PartAnswer(q, note="too little of the question understood")], related=got.hits[:RELATED])
    handler = {"metadata": answerers.metadata, "aggregate": answerers.aggregate,
               "descriptive": answerers.descriptive}.get(q.kind)
    if handler is not None:
        parts = [handler(state, q, sc, got.hits)]
    else:
        parts = distinct([answerers.figure(state, part, sc, got.hits) for part in q.parts])
        if len(parts) == 1 and not parts[0].found:
            parts = [_said_in_a_sentence(state, q, sc, got.hits) or parts[0]]
    return Selection(parts, related=got.hits[:RELATED])


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
