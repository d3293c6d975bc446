"""Whether a text says a question's term: whole, or by its parts ("管理机构" in "…办事机构,负责…征收管理",
"教育部门" in "教育行政部门"), or without its measure word ("总产量" said "总产")."""

from __future__ import annotations

from functools import lru_cache

from planqa.text import tokenize


def holds(lower: str, term: str) -> bool:
    """The text says the term, or every part of a compound ("管理机构" in "…办事机构,负责…征收管理")."""
    if term in lower or (len(term) >= 3 and term[-1] in "量额" and term[:-1] in lower):
        return True  # "总产量" is said "总产", "成交额" "成交"
    parts = _parts_of(term)
    return bool(parts) and all(p in lower for p in parts)


@lru_cache(maxsize=8192)
def _parts_of(term: str) -> tuple[str, ...]:
    if len(term) < 4 or not any("\u4e00" <= ch <= "\u9fff" for ch in term):
        return ()
    parts, tiles = tuple(w for w in dict.fromkeys(tokenize(term)) if len(w) >= 2 and w != term), _halves(term)
    return tiles if tiles and all(t in parts for t in tiles) else parts


def _halves(term: str) -> tuple[str, ...]:
    """"教育部门" is 教育 + 部门 (a text says 教育行政部门), not also the 教育部 jieba sees across them."""
    return tuple(term[i : i + 2] for i in range(0, len(term), 2)) if len(term) % 2 == 0 else ()
