"""How a report's sentence is read for a figure question, and how a piece of that reading is quoted back.

The reading differs from the words in three ways, each undone when quoting:
- Chinese-numeral figures read as Arabic ("达到四百九十四亿元" as "达到494亿元");
- a compound of a pair of measures hides the word it holds, unless asked ("进出口总额" says nothing of 出口 alone);
- a head the report leaves off a measure written in (`elided_names`: "…、吞吐量2329万标准箱")."""

from __future__ import annotations

from collections.abc import Callable

from planqa.chinese_numerals import arabic_reading, written_piece
from qa_service.elided_names import spelled_out
from qa_service.query import Question
from qa_service.vocabulary import vocabulary

HIDDEN = "□"


def read_sentence(q: Question, written: str) -> tuple[str, Callable[[str], str]]:
    """(the sentence as read for `q`, a function taking a piece of the reading back to the sentence's words)."""
    numeric, numerals = arabic_reading(written)
    masked = _mask_compounds(q, numeric)
    text, unspell = spelled_out(q.indicators, masked)

    def quote(piece: str) -> str:
        piece = unspell(piece)
        if masked is not numeric and (at := masked.find(piece)) >= 0:
            piece = numeric[at: at + len(piece)]
        return written_piece(written, numeric, numerals, piece)

    return text, quote


def _mask_compounds(q: Question, text: str) -> str:
    for compound, held in vocabulary().compounds.items():
        if compound in text and compound not in q.text and any(w in q.text for w in held):
            text = text.replace(compound, HIDDEN * len(compound))
    return text
