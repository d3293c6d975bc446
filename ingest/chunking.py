"""Sentence-aware chunks: sentences (。！？；) are packed up to the size limit and never cut in two."""

from __future__ import annotations

from collections.abc import Iterable

from langchain_text_splitters import RecursiveCharacterTextSplitter

from planqa.patterns import SENTENCE_END
from planqa.text import split_sentences

__all__ = ["ChineseSentenceSplitter", "split_sentences"]


class ChineseSentenceSplitter(RecursiveCharacterTextSplitter):
    """langchain's recursive splitter with sentence ends as its only separator, kept at the end of each piece.

    With no finer separator to fall back on, a sentence longer than the limit becomes a chunk of its own
    instead of being cut; shorter sentences are packed up to `chunk_size` with `chunk_overlap` of whole
    sentences repeated between neighbours.
    """

    def __init__(self, chunk_size: int = 300, chunk_overlap: int = 60) -> None:
        super().__init__(
            separators=[SENTENCE_END],
            is_separator_regex=True,
            keep_separator="end",
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            strip_whitespace=True,
        )

    def split_text(self, text: str) -> list[str]:
        # An over-long sentence is passed through as it is; strip it like the packed chunks.
        return [chunk for chunk in (c.strip() for c in super().split_text(text)) if chunk]

    def spans(self, text: str, base: int = 0) -> Iterable[tuple[int, int]]:
        """(start, end) of each chunk inside `text`, shifted by `base`."""
        cursor = 0
        for chunk in self.split_text(text):
            start = text.find(chunk, cursor)
            if start < 0:  # cannot happen for contiguous sentences; keep the chunk rather than lose it
                start = text.find(chunk)
            yield base + start, base + start + len(chunk)
            cursor = start + 1
