"""Which documents may answer a question: the filters, then the places it names (by the documents' metadata, or
by their text for a document with no region of its own), then per place when it names several."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planqa.records import Document
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
from qa_service.schemas import Filters

if TYPE_CHECKING:
    from qa_service.pipeline import State

# a region's own words: 地区生产总值 is a region's GDP (the country's is 国内生产总值), 全区/区里 its territory
REGIONAL_WORDS = re.compile(r"地区|全区|全市|全县|全省|区里|市里|县里|省里|本区|本市|我区|我市|辖区|regional|district")

@dataclass
class Scope:
    doc_ids: list[str]
    places: list[str] = field(default_factory=list)
    ignore: set[str] = field(default_factory=set)  # region words: they name the report, not the content
    refusal: str = ""  # set when nothing can be in scope, with the reason


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
        # a document with no region of its own (a ministry's notice: "财政部关于…") may be the central one asked
        return Scope(national + [d.doc_id for d in docs if not d.region], implied, ignore)
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


def per_place(state: State, sc: Scope) -> list[Scope]:
    """"甲省和乙省的粮食产量各是多少" (two provinces named): each place named is asked, each from its own reports."""
    own = [p for p in sc.places if p != NATIONAL]
    scopes = [Scope([d for d in sc.doc_ids if covers(state.documents[d], p)], [p], sc.ignore) for p in own]
    if len(scopes) < 2 or not all(s.doc_ids for s in scopes):
        return [sc]
    return scopes
