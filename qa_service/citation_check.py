"""The last gate before an answer leaves: quotes are exact, markers resolve, every figure is quoted."""

from __future__ import annotations

import re
from collections.abc import Callable

from planqa.figures import numbers_in
from planqa.patterns import CITATION_MARKER as MARKER
from planqa.records import Citation

TITLE = re.compile(r"《[^《》]*》")


def unsupported_numbers(answer: str, citations: list[Citation]) -> list[str]:
    quoted: set[str] = set()
    for c in citations:
        quoted.update(numbers_in(c.text))
        quoted.update(n.lstrip("-") for n in numbers_in(c.text))
    # a document named in the answer (《2025年…报告》) is a name, not a figure the answer states
    return [n for n in numbers_in(TITLE.sub(" ", answer)) if n not in quoted]


def problems(answer: str, citations: list[Citation], clean_text: Callable[[str], str]) -> list[str]:
    found: list[str] = []
    ids = {c.id for c in citations}
    for marker in MARKER.findall(answer):
        if int(marker) not in ids:
            found.append(f"marker [{marker}] has no citation")
    for c in citations:
        if clean_text(c.doc_id)[c.start : c.end] != c.text:
            found.append(f"citation [{c.id}] is not an exact quote of {c.doc_id}[{c.start}:{c.end}]")
    found.extend(f"figure {n} is in no cited quote" for n in unsupported_numbers(answer, citations))
    return found
