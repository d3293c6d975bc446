"""The gold-set format (JSONL) and how one answer is scored against it."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel, Field

from planqa.figures import numbers_in

_WS = re.compile(r"\s+")


class GoldItem(BaseModel):
    id: str
    question: str
    answer_all: list[list[str]] = Field(default_factory=list)
    evidence_any: list[str] = Field(default_factory=list)
    doc_any: list[str] = Field(default_factory=list)
    found: bool = True
    history: list[dict] = Field(default_factory=list)
    kind: str = ""
    lang: str = ""


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(GoldItem(**json.loads(line)))
            except Exception as exc:
                raise ValueError(f"{path}:{n}: not a gold item ({exc})") from exc
    return items


def squash(text: str) -> str:
    """Whitespace dropped and width folded (NFKC): "7％" in a report is the gold's "7%"."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


def contains_whole(text: str, wanted: str) -> bool:
    """`wanted` occurs in `text`, and a figure only as a whole figure: "6%" is not in "-6.6%" or "16%"."""
    if not wanted:
        return False
    # a sign before it makes another figure, unless it is a range's dash after a figure ("10月1日-2015年", "3-5年")
    before = r"(?<![\d.+])(?<!(?<![\d日月年%％])[-−－])" if wanted[0].isdigit() else ""
    after = r"(?!\.?\d)" if wanted[-1].isdigit() else ""
    return re.search(before + re.escape(wanted) + after, text) is not None


def answer_correct(item: GoldItem, answer: str, found: bool) -> bool:
    if not item.found:
        return not found
    if not found:
        return False
    flat = squash(answer)
    return all(any(contains_whole(flat, squash(alt)) for alt in group) for group in item.answer_all)


def outcome(item: GoldItem, answer: str, found: bool) -> str:
    """"correct", "missed" (said not found, or refused an answerable question) or "wrong" (answered, but wrong).

    A wrong answer with a confident citation is the worst failure, so it is counted apart from a miss.
    """
    if answer_correct(item, answer, found):
        return "correct"
    return "wrong" if found else "missed"


def evidence_rank(item: GoldItem, citations: list[dict]) -> int | None:
    """1-based rank of the first citation holding an evidence string (and from an accepted document)."""
    wanted = [squash(e) for e in item.evidence_any]
    for rank, c in enumerate(citations, start=1):
        quote = squash(c.get("text", ""))
        if item.doc_any and not any(d in c.get("title", "") or d in c.get("source", "") for d in item.doc_any):
            continue
        if any(w and w in quote for w in wanted):
            return rank
    return None


def citation_support(answer: str, citations: list[dict]) -> float:
    """Share of figures in the answer that stand in some cited quote (1.0 when it has none)."""
    figures = numbers_in(answer)
    if not figures:
        return 1.0
    quoted: set[str] = set()
    for c in citations:
        for n in numbers_in(c.get("text", "")):
            quoted.update({n, n.lstrip("-")})
    return sum(f in quoted for f in figures) / len(figures)
