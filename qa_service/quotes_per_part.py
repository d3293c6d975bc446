"""One quote per part of a question: a quote that answers one part does not answer another, unless it gives
each part its own figure ("A、B、C分别达x、y、z") or the parts ask the same thing."""

from __future__ import annotations

import re
from dataclasses import replace

from planqa.figures import numbers_in
from qa_service.compose import PartAnswer
from qa_service.query import Question

CONJOINED = re.compile(r"[、和与及]")


def distinct(parts: list[PartAnswer]) -> list[PartAnswer]:
    """One quote answers one part: a second part shown the same clause (another indicator, another year) has
    found the first part's figure, not its own; a part shown one clause twice shows it once."""
    used: dict[tuple[str, int, str], tuple] = {}
    out = []
    for part in parts:
        asks = _asks(part.question)
        kept = []
        for ev in part.sentences:
            key = (ev.chunk.doc_id, ev.start, ev.fragment)
            # the same clause may hold an indicator's level and its growth ("60199.45亿元、增长5%"), or
            # every part's figure in turn ("交通、水利、能源领域投资额分别达2400亿元、450亿元、1700亿元")
            shared = _same_ask(used.get(key, asks), asks) or _respectively(ev.fragment, len(parts)) or _each_its_own(
                ev.fragment, [p.question for p in parts])
            if shared and all(ev.fragment != k.fragment for k in kept):
                kept.append(ev)
        used.update({(ev.chunk.doc_id, ev.start, ev.fragment): asks for ev in kept})
        out.append(replace(part, sentences=kept, note=part.note or ("" if kept or part.rows else "same quote")))
    return out


def _respectively(fragment: str, parts: int) -> bool:
    """"A、B、C分别达x、y、z": one clause that gives each of the parts its own figure."""
    at = fragment.find("分别")
    joined = len(CONJOINED.findall(fragment[:at])) + ("城乡" in fragment[:at])  # 城乡: the urban and the rural
    return at > 0 and len(numbers_in(fragment[at:])) >= parts >= 2 and joined >= parts - 1


def _each_its_own(fragment: str, questions: list[Question]) -> bool:
    """"甲项8万人、乙项80万人": each part's own name, each followed by a figure of its own."""
    at = []
    for q in questions:
        names = q.concepts[0] if q.concepts else sorted(q.terms, key=len, reverse=True)[:2]
        found = [fragment.find(n) for n in names if n and n in fragment]
        if not found:
            return False
        at.append(min(found))
    at = sorted(set(at))
    ends = [*at[1:], len(fragment)]
    return len(at) == len(questions) >= 2 and all(re.search(r"\d", fragment[a:b]) for a, b in zip(at, ends, strict=True))


def _same_ask(a: tuple, b: tuple) -> bool:
    """The same indicators and years, and not a target against an outcome (either may be left open)."""
    return a[:3] == b[:3] and (a[3] == b[3] or "any" in (a[3], b[3]) or "review" in (a[3], b[3]))


def _asks(q: Question) -> tuple:
    return tuple(id(i) for i in q.indicators), tuple(q.years), tuple(q.relative), q.intent
