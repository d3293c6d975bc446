"""A descriptive or list question: the headings of the report's part of that name, or the one to three
sentences that say what was asked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planqa.records import Chunk
from planqa.text import tokenize
from qa_service.answerers.reports import passage_ignore, ranked_documents, report_year, title_words, years_fit
from qa_service.asked_years import named_reports
from qa_service.compose import PartAnswer
from qa_service.evidence import SentenceEvidence
from qa_service.numbered_items import announced_points, items_after
from qa_service.outline import following, outline, rest_of_paragraph
from qa_service.passages import ANNOUNCES, find_passages
from qa_service.places import places_named
from qa_service.points import (
    asked_counted_names,
    complete_points,
    count_asked,
    counted_name_listing,
    counted_name_points,
    points_named,
)
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.topic_answers import under_topic
from qa_service.topics import Topic, best_topic, shared_headings
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

# "为减少重复开挖、节约投资,…": a clause that opens with 为 and a verb states a purpose
PURPOSE = re.compile(r"(?:^|[，,。；;]|^第[一二三四五六七八九十百]+条)\s*为[^，,。；;]{2,24}[，,]")  # "第一条 为规范…，"
QUOTED = re.compile(r"[“\"「]([^”\"」]{2,20})[”\"」]")  # a name the question quotes
DOC_TRIES = 2  # the best-ranked reports that may answer; the one that says it most fully does
# "哪些", "哪两条", "几个方面": the answer is several points
LIST_ASKED = re.compile(r"哪些|哪[几两二三四五六七八九十]|几[项条个点方面]|what are", re.I)


def descriptive(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    said = _described(state, q, sc, hits)
    if said.found and (count := count_asked(q.text)) and points_named([e.fragment for e in said.sentences]) < count:
        return PartAnswer(q, note=f"fewer than the {count} points asked")  # "哪两项" answered by one heading
    return said


def _described(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    if reason := _asked_why(state, q, sc, hits):
        return reason
    if counted := _counted_name(state, q, sc, hits):
        return counted
    if shared := _shared_headings(state, q, sc, hits):
        return shared
    # a section or paragraph the question names before the report's whole outline
    if restated := _under_restated_topic(state, q, sc, hits):
        return _whole_lists(state, restated)
    ranked = ranked_documents(state, replace(q, intent="plan"), sc, hits)
    if ranked:
        listed = outline(q, state.documents[ranked[0]], state.search.lexical.chunks_of(ranked[0]))
        if listed.found and _outline_names_all(q, listed):
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
        found = announced_points(text, found[:1], _chunks_at(state, doc_id)) or following(text, found[0]) or found
    elif followers := rest_of_paragraph(text, found[0]):
        found = [found[0], *followers]
        announced = next((f for f in followers if ANNOUNCES.search(f.text)), None)
        if announced:  # "…今年将采取三项举措。一是…": the points it announces
            found = [found[0], announced, *following(text, announced)]
    elif LIST_ASKED.search(q.text) and (items := items_after(text, found[0], 2, _chunks_at(state, doc_id))) and \
            any(w in items[0].text for t in q.terms for w in tokenize(t) if len(w) >= 2):
        found = [found[0], *items]  # "…是今年的重点。" then "第一，…" "第二，…": the points it goes on to number
    return _whole_lists(state, PartAnswer(q, sentences=found))


def _whole_lists(state: State, answer: PartAnswer) -> PartAnswer:
    """A passage that begins a list of points ("一是…") is quoted with all of them (see `complete_points`)."""
    if not answer.sentences:
        return answer
    doc_id = answer.sentences[0].chunk.doc_id
    text, at = state.documents[doc_id].clean_text, _chunks_at(state, doc_id)
    for i, ev in enumerate(answer.sentences):
        # "必须执行下列十条方针。": what it announces, numbered, in place of the prose after it
        if i and (points := announced_points(text, [ev], at)):
            return replace(answer, sentences=[*answer.sentences[:i], *points])
    return replace(answer, sentences=complete_points(text, answer.sentences, at))


def _counted_name(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer | None:
    """"“三大工程”是哪些": the points of the report that each say 工程, three of them; else a listing of three
    names that each end in 工程."""
    names = QUOTED.findall(q.text) + asked_counted_names(q.text)
    if not names:
        return None
    for doc_id in ranked_documents(state, q, sc, hits)[:DOC_TRIES]:
        text = state.documents[doc_id].clean_text
        chunks = state.search.lexical.chunks_of(doc_id)
        for name in names:
            run = counted_name_points(text, name)
            found = [SentenceEvidence(c, text[p.start : p.end], p.start, p.end, text[p.start : p.end].rstrip("。；;"),
                                      1.0, 1.0) for p in run if (c := _chunk_at(chunks, p.start))]
            if len(found) >= 2:
                return PartAnswer(q, sentences=found)
            if (span := counted_name_listing(text, name)) and (c := _chunk_at(chunks, span[0])):
                quote = text[span[0] : span[1]]
                return PartAnswer(q, sentences=[SentenceEvidence(c, quote, span[0], span[1], quote, 1.0, 1.0)])
    return None


def _asked_why(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer | None:
    """"为什么…": the reasons; "有什么用": what it is for; "是什么意思": its definition; None for any other
    question."""
    if vocabulary().cue("why", q.text):
        return _whole_lists(state, _reasons(state, q, sc, hits))
    for asked in ("purpose", "definition"):
        if vocabulary().cue(asked, q.text):
            return _reasons(state, q, sc, hits, f"{asked}_markers")
    return None


def _reasons(state: State, q: Question, sc: Scope, hits: list[Hit], marked_by: str = "reason_markers") -> PartAnswer:
    """"为什么把增长目标定为6.5%－7%": the sentence that restates it and gives a reason ("考虑了…"); a passage
    that only restates it ("国内生产总值增长6.5%－7%") does not answer why. "有什么用": the one that says
    what it is 用于 (`marked_by` "purpose_markers"); "是什么意思": the one that defines it ("所称…是指")."""
    markers = vocabulary().cues.get(marked_by, ())
    for doc_id in ranked_documents(state, q, sc, hits)[:DOC_TRIES]:
        pool = [Hit(c, 0.0) for c in state.search.lexical.chunks_of(doc_id)]
        found = find_passages(q, pool, passage_ignore(state, q, sc, doc_id), limit=8,
                              rarity=state.search.lexical.rarity, pool=None, spread=1.0)
        given = [f for f in found if any(m in f.text for m in markers) or
                 (marked_by == "reason_markers" and PURPOSE.search(f.text))]
        if given:
            return PartAnswer(q, sentences=given[:2])
    return PartAnswer(q, note=f"no {marked_by.removesuffix('_markers')} given")


def _shared_headings(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer | None:
    """"提出了哪些“聚力”方面的任务": the headings that all hold the quoted word (see `shared_headings`)."""
    vocab = vocabulary()
    if not any(c in q.text.lower() for c in vocab.outline.get("list_cues", ())):
        return None
    ranked = ranked_documents(state, replace(q, intent="plan"), sc, hits)
    if not ranked:
        return None
    doc_id = ranked[0]
    ignore = passage_ignore(state, q, sc, doc_id)
    named = [t for t in q.terms if t not in ignore and not asks_only(t)]
    headings = shared_headings(state.documents[doc_id].clean_text, QUOTED.findall(q.text), named)
    chunks = state.search.lexical.chunks_of(doc_id)
    found = [SentenceEvidence(_chunk_at(chunks, h.start), h.text, h.start, h.start + len(h.text), h.text, 1.0, 1.0)
             for h in headings]
    return PartAnswer(q, sentences=found) if found and all(f.chunk for f in found) else None


def _under_restated_topic(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer | None:
    """"对更好激发非公有制经济活力提出了哪些举措": the paragraph whose topic sentence the question restates."""
    best: tuple[float, str, Topic] | None = None
    # a question that names its year is about the report ranked first for that year, not another year's topic
    for doc_id in ranked_documents(state, q, sc, hits)[: 1 if q.years else DOC_TRIES]:
        ignore = passage_ignore(state, q, sc, doc_id)
        named = [t for t in q.terms if t not in ignore and not asks_only(t)]
        topic, share = best_topic(state.documents[doc_id].clean_text, q.text, named)
        if topic is not None:  # the best-ranked report that has the topic: a later one is another year's
            best = (share, doc_id, topic)
            break
    if best is None:
        return None
    share, doc_id, topic = best
    quotes = under_topic(state.documents[doc_id].clean_text, topic)
    chunks = state.search.lexical.chunks_of(doc_id)
    found = [SentenceEvidence(_chunk_at(chunks, quote.start), quote.text, quote.start, quote.end,
                              quote.text.rstrip("。；;"), share, share) for quote in quotes]
    return PartAnswer(q, sentences=found) if len(found) >= 2 and all(f.chunk for f in found) else None


def _outline_names_all(q: Question, listed: PartAnswer) -> bool:
    """The outline answers "重点任务有哪些", not "“三地一区”建设有哪些主要任务": what the question quotes
    by name must be in the headings it lists."""
    shown = "".join(s.text + s.chunk.section for s in listed.sentences)  # the part's title names it too
    return all(name in shown for name in QUOTED.findall(q.text))


def asks_only(term: str) -> bool:
    """"具体措施", "主要任务": a word made of asking words names nothing a topic must hold."""
    stop = vocabulary().stopwords | {"具体", "主要", "任务", "哪些", "工作"}
    return term in stop or any(term[:i] in stop and term[i:] in stop for i in range(1, len(term)))


def _chunks_at(state: State, doc_id: str) -> Callable[[int], Chunk | None]:
    chunks = state.search.lexical.chunks_of(doc_id)
    return lambda offset: _chunk_at(chunks, offset)


def _chunk_at(chunks: list[Chunk], offset: int) -> Chunk | None:
    """The chunk holding `offset`; for a heading line that no chunk's text holds, the chunk that follows it."""
    return next((c for c in chunks if c.start <= offset < c.end), None) or next(
        (c for c in sorted(chunks, key=lambda c: c.start) if c.start >= offset), None)


def _passages(state: State, q: Question, sc: Scope, hits: list[Hit], doc_id: str) -> list[SentenceEvidence]:
    ignore, rarity = passage_ignore(state, q, sc, doc_id), state.search.lexical.rarity
    ry = report_year(state, doc_id)
    doc_hits = [h for h in hits if h.chunk.doc_id == doc_id]
    # "2019年政府工作报告讲了哪些经验": the year only names the report; its review part answers too
    whole_report = set(q.years) <= named_reports(q.text)
    # the best-ranked chunks first; then, within the one document, every chunk that holds all the asked words
    for pool in (doc_hits, _holding_all(state, q, doc_id, ignore)):
        found = find_passages(q, pool, ignore, rarity=rarity)
        found = [s for s in found if (not q.years or whole_report or years_fit(s, q.resolved_years(ry), ry))
                 and not _names_only_the_document(state, sc, doc_id, s.text)]
        if found:
            return found
    return []


def _names_only_the_document(state: State, sc: Scope, doc_id: str, text: str) -> bool:
    """"许昌市价格调节基金管理办法", the issuer's line: a passage whose words all name the document (its title,
    its file's name, the place) tells nothing the question did not know."""
    doc = state.documents[doc_id]
    said = title_words(text) - sc.ignore - title_words(doc.title) - title_words(Path(doc.source).stem)
    return not (said - set(places_named(text)))


def _holding_all(state: State, q: Question, doc_id: str, ignore: set[str]) -> list[Hit]:
    wanted = [t.lower() for t in q.terms if t not in ignore and len(t) >= 2 and not asks_only(t)]
    if not wanted:
        return []
    chunks = state.search.lexical.chunks_of(doc_id)
    return [Hit(c, 0.0) for c in chunks if all(w in c.text.lower() for w in wanted)]
