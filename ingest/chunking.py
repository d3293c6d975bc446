"""Sentence-aware chunks: sentences (。！？；) are packed up to the size limit and never cut in two."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from langchain_text_splitters import TextSplitter

SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def split_sentences(text: str) -> list[str]:
    """Contiguous pieces of `text`, each ending at a sentence mark; "".join(result) == text."""
    return [m.group(0) for m in SENTENCE.finditer(text) if m.group(0)]


class ChineseSentenceSplitter(TextSplitter):
    """langchain's packing (`_merge_splits`) over Chinese sentences, so no chunk ends mid-sentence."""

    def __init__(self, chunk_size: int = 300, chunk_overlap: int = 60) -> None:
        super().__init__(chunk_size=chunk_size, chunk_overlap=chunk_overlap, strip_whitespace=True)

    def split_text(self, text: str) -> list[str]:
        # A sentence longer than the limit becomes a chunk of its own; langchain logs that, we expect it.
        logging.getLogger("langchain_text_splitters.base").disabled = True
        return self._merge_splits(split_sentences(text), "")

    def spans(self, text: str, base: int = 0) -> Iterable[tuple[int, int]]:
        """(start, end) of each chunk inside `text`, shifted by `base`."""
        cursor = 0
        for chunk in self.split_text(text):
            start = text.find(chunk, cursor)
            if start < 0:  # cannot happen for contiguous sentences; keep the chunk rather than lose it
                start = text.find(chunk)
            yield base + start, base + start + len(chunk)
            cursor = start + 1
