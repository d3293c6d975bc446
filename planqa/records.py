"""The records that flow from ingestion through the stores to answers. Each concept is defined here only."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Document(BaseModel):
    doc_id: str
    title: str
    source: str
    region: str = ""
    report_date: date | None = None
    years: list[int] = Field(default_factory=list)
    content_hash: str
    clean_text: str = Field(repr=False)
    n_chunks: int = 0
    n_indicators: int = 0
    n_facts: int = 0


class Section(BaseModel):
    """A heading in the clean text: `level` 1 for 一、, 2 for （一）, 3 for bold lead-ins and 1./2."""

    level: int
    title: str
    start: int
    end: int


class Chunk(BaseModel):
    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int
    section: str = ""
    kind: str = "text"  # "text" | "table_row"
    years: list[int] = Field(default_factory=list)

    def embedding_text(self) -> str:
        """What the model and BM25 see: the section path gives a short passage its context."""
        return f"{self.section}\n{self.text}" if self.section else self.text


class IndicatorRow(BaseModel):
    """One cell of an indicator table: an indicator's value in one column."""

    doc_id: str
    indicator: str  # as written, numbering removed
    indicator_norm: str  # whitespace and prefixes such as 其中： removed
    column: str  # header path, e.g. 2024年计划/区计划
    year: int | None = None
    kind: str = "plan"  # plan | actual | target
    scope: str = ""  # e.g. 市计划 / 区计划 when a year has several plan columns
    value_text: str
    value: float | None = None
    unit: str = ""
    qualifier: str = ""
    table_title: str = ""
    row_text: str
    start: int
    end: int


class Fact(BaseModel):
    """A figure stated in prose: `subject` reached `value_text` in `year`, said by `sentence`."""

    doc_id: str
    subject: str
    year: int | None = None
    value_text: str
    value: float | None = None
    unit: str = ""
    sentence: str
    start: int  # the sentence's offsets in the document's clean text
    end: int


class Citation(BaseModel):
    """An exact quote: `text == clean_text[start:end]` of document `doc_id`; `id` is the answer's marker."""

    id: int
    doc_id: str
    title: str
    source: str
    section: str = ""
    text: str
    start: int
    end: int
    score: float = 0.0
