"""One file → a Document with its chunks, BM25 tokens, indicator rows and prose facts (no stores touched)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import ChineseSentenceSplitter
from ingest.cleaning import clean_text
from ingest.facts import extract_facts
from ingest.indicators import Table, find_tables, indicator_rows
from ingest.loaders import load_file
from ingest.structure import SectionIndex, describe_document, find_sections, years_in
from planqa.records import Chunk, Document, Fact, IndicatorRow
from planqa.text import tokenize

MIN_CHUNK_CHARS = 4
# Real reports give a few hundred chunks; more than this is a crafted or broken file, refused before embedding.
MAX_CHUNKS = 5000
# Part of the content hash: a change to how documents are parsed makes the next ingest redo them.
INGEST_VERSION = "6"


@dataclass
class PreparedDocument:
    document: Document
    chunks: list[Chunk]
    tokens: list[str]
    indicators: list[IndicatorRow]
    facts: list[Fact]


def content_hash(text: str) -> str:
    return hashlib.sha256(f"planqa-ingest-{INGEST_VERSION}\n{text}".encode()).hexdigest()


def prepare_file(path: Path, chunk_size: int = 300, chunk_overlap: int = 60) -> PreparedDocument:
    loaded = load_file(path)
    return prepare_text(loaded.text, str(path.resolve()), path.stem, loaded.from_pdf_text, chunk_size, chunk_overlap)


def prepare_text(
    raw: str,
    source: str,
    fallback_title: str,
    from_pdf_text: bool = True,
    chunk_size: int = 300,
    chunk_overlap: int = 60,
) -> PreparedDocument:
    from planqa.errors import CorruptFileError, EmptyDocumentError

    clean = clean_text(raw, from_pdf_text)
    if not clean.text.strip():
        raise EmptyDocumentError("the file holds no text")
    digest = content_hash(clean.text)
    doc_id = "d" + digest[:12]
    info = describe_document(clean.text, fallback_title)
    sections = SectionIndex(find_sections(clean.text, clean.bold_spans))
    heading_starts = {s.start: s for s in find_sections(clean.text, []) if s.end - s.start == len(s.title)}
    tables = find_tables(clean.text)
    splitter = ChineseSentenceSplitter(chunk_size, chunk_overlap)

    def section_year(offset: int) -> int | None:
        years = years_in(sections.path_at(offset))
        return years[-1] if years else None

    chunks: list[Chunk] = []
    facts: list[Fact] = []
    offset = 0
    for para in clean.text.split("\n"):
        start, end = offset, offset + len(para)
        offset = end + 1
        if "\t" in para or len(para.strip()) < MIN_CHUNK_CHARS or start in heading_starts:
            continue
        for c_start, c_end in splitter.spans(para, base=start):
            text = clean.text[c_start:c_end]
            section = sections.path_at(c_start)
            chunks.append(
                Chunk(
                    chunk_id=f"{doc_id}:{len(chunks)}",
                    doc_id=doc_id,
                    ordinal=len(chunks),
                    text=text,
                    start=c_start,
                    end=c_end,
                    section=section,
                    years=years_in(section + text) or _fallback_years(section_year(c_start), info.years),
                )
            )
        facts.extend(extract_facts(doc_id, clean.text, start, end, section_year))
    for table in tables:
        chunks.extend(_row_chunks(doc_id, table, sections, len(chunks)))

    if len(chunks) > MAX_CHUNKS:
        raise CorruptFileError(f"the file gives {len(chunks):,} chunks; the limit is {MAX_CHUNKS:,}")
    rows = [row for table in tables for row in indicator_rows(doc_id, table)]
    document = Document(
        doc_id=doc_id,
        title=info.title,
        source=source,
        region=info.region,
        report_date=info.report_date,
        years=info.years,
        content_hash=digest,
        clean_text=clean.text,
        n_chunks=len(chunks),
        n_indicators=len(rows),
        n_facts=len(facts),
    )
    tokens = [" ".join(tokenize(c.embedding_text())) for c in chunks]
    return PreparedDocument(document, chunks, tokens, rows, facts)


def _fallback_years(section_year: int | None, doc_years: list[int]) -> list[int]:
    return [section_year] if section_year else list(doc_years)


def _row_chunks(doc_id: str, table: Table, sections: SectionIndex, first: int) -> list[Chunk]:
    header = " | ".join(c for c in table.columns if c)
    out = []
    for line in table.rows:
        path = sections.path_at(line.start)
        title = table.title if table.title and table.title not in path else ""
        section = " > ".join(p for p in (path, title) if p) + (f"（{header}）" if header else "")
        ordinal = first + len(out)
        out.append(
            Chunk(
                chunk_id=f"{doc_id}:{ordinal}",
                doc_id=doc_id,
                ordinal=ordinal,
                text=line.text,
                start=line.start,
                end=line.end,
                section=section,
                kind="table_row",
                years=sorted({int(y) for y in re.findall(r"(?:19|20)\d{2}", header)}),
            )
        )
    return out
