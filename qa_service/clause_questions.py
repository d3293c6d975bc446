"""A question of several asking clauses about one topic ("在宁夏个体行医，归哪个部门管理？要参加什么组织？")
answered one clause at a time, when no one passage or part answers it whole. Each later clause keeps the
topic the first one set before its comma ("在宁夏个体行医，"), and the question's years."""

from __future__ import annotations

from dataclasses import replace

from qa_service.query import Question, analyse
from qa_service.question_split import ASKING, COMMA, clauses

MOST_CLAUSES = 4


def clause_questions(q: Question) -> list[Question]:
    """One question per asking clause, or [] when the question has fewer than two (or too many to be one
    topic's)."""
    pieces = [c.strip(" ，,。") for c in clauses(q.text) if c.strip(" ，,。")]
    if not 2 <= len(pieces) <= MOST_CLAUSES or not all(ASKING.search(p) for p in pieces):
        return []
    lead = COMMA.split(pieces[0], maxsplit=1)
    topic = lead[0] + "，" if len(lead) == 2 and not ASKING.search(lead[0]) else ""
    out = []
    for i, piece in enumerate(pieces):
        text = piece if i == 0 or piece.startswith(topic) else topic + piece
        one = analyse(text)
        out.append(replace(one, years=one.years or q.years, relative=one.relative or q.relative))
    return out
