"""Read a file into plain text. Tables become tab-separated lines so one table parser serves every format."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from planqa.errors import CorruptFileError, EmptyDocumentError, UnsupportedFileError
from planqa.text import decode_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 50 * 1024 * 1024
# Sized to real reports: the longest in the shared corpus (1955 national report) is about 60k characters,
# ~170 KB. A .docx's XML is some 10-20× its text; a zip bomb unpacks to far more than either limit.
MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000


@dataclass
class LoadedFile:
    path: Path
    text: str
    from_pdf_text: bool  # paragraphs may be broken by page breaks and need rejoining


def load_file(path: Path) -> LoadedFile:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(
            f"unsupported file type {suffix or '(none)'}; PlanQA reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocumentError("the file is empty")
    if size > MAX_FILE_BYTES:
        raise CorruptFileError(f"the file is {size // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB")
    if suffix in (".txt", ".md"):
        text, pdf_like = _read_text_file(path), True
    elif suffix == ".docx":
        text, pdf_like = _read_docx(path), False
    elif suffix == ".pdf":
        text, pdf_like = _read_pdf(path), True
    else:
        text, pdf_like = _read_html(path), False
    # NUL is never text; one left in would reach the clean text, quotes and the SQL store.
    text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyDocumentError("no text could be read from the file (a scanned PDF needs OCR first)")
    if len(text) > MAX_TEXT_CHARS:
        raise CorruptFileError(
            f"the file holds {len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,} (real reports are far shorter)"
        )
    return LoadedFile(path=path, text=text, from_pdf_text=pdf_like)


def _read_text_file(path: Path) -> str:
    return decode_text(path.read_bytes())


def _read_docx(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise CorruptFileError(
                    f"the .docx unpacks to more than {MAX_DOCX_UNCOMPRESSED // 2**20} MiB; refusing a possible zip bomb"
                )
        document = docx.Document(str(path))
    except CorruptFileError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"not a readable .docx ({type(exc).__name__}: {exc})") from exc

    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(block, document)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # python-docx repeats a merged cell for each grid column it spans; keep one copy.
            if previous is not None and cell._tc is previous:
                cells.append("")
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells))
    return rows


def _read_pdf(path: Path) -> str:
    import pdfplumber
    from pypdf import PdfReader

    try:
        if PdfReader(str(path)).is_encrypted:
            raise CorruptFileError("the PDF is encrypted; save an unprotected copy and ingest that")
    except CorruptFileError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    try:
        pages: list[str] = []
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                tables = page.find_tables()
                body = page
                for table in tables:
                    body = body.outside_bbox(table.bbox)
                pages.append(body.extract_text() or "")
                for table in tables:
                    rows = table.extract()
                    pages.append(
                        "\n".join("\t".join(" ".join((c or "").split()) for c in row) for row in rows)
                    )
        return "\n\n".join(pages)
    except Exception as exc:
        raise CorruptFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc


def _read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    for table in soup.find_all("table"):
        lines = []
        for tr in table.find_all("tr"):
            lines.append("\t".join(" ".join(td.get_text(" ").split()) for td in tr.find_all(["td", "th"])))
        table.replace_with("\n" + "\n".join(lines) + "\n")
    blocks = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "pre"]):
        element.insert_after("\n")
    blocks.append(soup.get_text())
    return "\n".join(blocks)


def discover(paths: list[Path]) -> list[Path]:
    """Files under `paths`, folders walked recursively; unknown types are kept so they get their error line."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        else:
            found.append(path)
    return found
