"""Cities in a figure's quote and in the question. A province's report speaks of its cities in passing:

- a city the question names that no stored report is about ("泉州的地区生产总值", "Quanzhou's GDP", asked of
  福建's report) has a figure only in a sentence that names it; the province's rows and sentences give the
  province's own;
- a clause that names cities the question does not ("芜湖、蚌埠经济总量突破5000亿元") gives those cities'
  figure, not the province's."""

from __future__ import annotations

from collections.abc import Iterable

from planqa.records import Document
from qa_service.compose import PartAnswer
from qa_service.places import cities_named, covers


def of_cities_named(part: PartAnswer, docs: Iterable[Document]) -> PartAnswer:
    """The part's evidence that is about the place asked, by the cities it names; none when no quote is."""
    if not part.found:
        return part
    docs = list(docs)
    # the question as read, with what a follow-up took from the one before ("2031年的呢" after one on 太原港)
    asked = cities_named(f"{part.question.original} {part.question.text}")
    foreign = [c for c in asked if not any(covers(d, c) for d in docs)]
    sentences = [s for s in part.sentences if all(c in s.text for c in foreign)]
    if part.question.kind != "descriptive":
        sentences = [s for s in sentences if not _of_other_cities(s.fragment, asked, docs)]
    if sentences == part.sentences and not foreign:
        return part
    return PartAnswer(part.question, [] if foreign else part.rows, sentences, part.note) \
        if sentences or (part.rows and not foreign) else PartAnswer(part.question, note="the quote is of another place")


def _of_other_cities(fragment: str, asked: list[str], docs: list[Document]) -> bool:
    return any(c not in asked and not any(covers(d, c) for d in docs) for c in cities_named(fragment))
