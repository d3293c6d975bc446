"""Clean extracted text: rejoin paragraphs broken by page breaks, drop page furniture, keep bold lead-ins.

Offsets everywhere else in PlanQA point into the string this module returns, so it is computed once per
document and stored with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.chinese_numerals import arabic_years, close_spaced_digits

TERMINAL = set("。！？；：…”」』）)!?;:")
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d{1,2}[.．、]\s*\D|"
    r"第[一二三四五六七八九十]+[章节部分]|附件|附表|——|\*\*|(?:标题|来源|省份|发布日期|时间)：)"
)
PAGE_FURNITURE = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")
# Typeset digits and letters: older reports set every figure full-width ("１３．４％"), and some extractions put a
# space after each of its characters ("1 5 ．3 ％"). Folded to ASCII, a figure reads the same to every matcher
# downstream; Chinese punctuation (，。：（）) stays full-width because sentences are split on it.
_WIDE = str.maketrans({chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]} | {"％": "%"})
_NUMBER_POINT = re.compile(r"(?<=\d)．(?=\d)|(?<=[\d%])－(?=\d)")
_SPACED_FIGURE = re.compile(r"\d(?: [\d．％])+")
# a list marker alone on its line ("一是", "（一）", "第一，"): some extractions put the point's text on the next one
MARKER_ONLY = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[，、,]?|"
                         r"[一二三四五六七八九十]+、)[\s\u3000]*$")
MIN_BROKEN_PARAGRAPH = 40
SHORT_HEADING = 40  # a numbered line this short with no end mark is a heading, not a paragraph cut by a page break
SHORT_LINE = 20  # characters: a line this short that is followed by another is not a wrap


@dataclass
class CleanText:
    text: str
    bold_spans: list[tuple[int, int]] = field(default_factory=list)


def _is_table_row(line: str) -> bool:
    return "\t" in line


def _glue(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return " "
    return ""


def _paragraphs_blank_separated(lines: list[str]) -> list[str]:
    """PDF-style text: blank lines separate blocks; single newlines inside a block are line wraps."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        current: str | None = None
        last = ""
        for line in block:
            if _is_table_row(line):
                if current is not None:
                    paragraphs.append(current)
                    current = None
                paragraphs.append(line)
                continue
            line = line.strip()
            if current is None:
                current = line
            elif HEADING_START.match(line) or current[-1] in TERMINAL or len(last) < SHORT_LINE:
                # a wrapped line fills the page's width; a short one ended where its author ended it (a
                # notice's title, issuer and number lines, "国务院总理" above the name)
                paragraphs.append(current)
                current = line
            else:
                current += _glue(current, line) + line
            last = line
        if current is not None:
            paragraphs.append(current)
    return _rejoin_broken(paragraphs)


def _rejoin_broken(paragraphs: list[str]) -> list[str]:
    """Join a long paragraph that stops mid-sentence with the block after it (a page break cut it)."""
    out: list[str] = []
    for para in paragraphs:
        if out:
            prev = out[-1]
            broken = (
                (len(prev) >= MIN_BROKEN_PARAGRAPH or "，" in prev)
                and prev[-1] not in TERMINAL
                and not (HEADING_START.match(prev) and len(prev) <= SHORT_HEADING)  # "一、依靠政策和科学，加快农业的发展"
                and not _is_table_row(prev)
                and not _is_table_row(para)
                and not HEADING_START.match(para)
            )
            if broken:
                out[-1] = prev + _glue(prev, para) + para
                continue
        out.append(para)
    return out


def _close_spaced_figure(match: re.Match[str]) -> str:
    # only a run with a full-width point or % is a spaced-out figure; "7.5 6.0" is two table cells
    run = match.group()
    return run.replace(" ", "") if "．" in run or "％" in run else run


def fold_figure_widths(text: str) -> str:
    """Full-width digits, letters and % as ASCII, with the point and the range dash between digits."""
    text = _SPACED_FIGURE.sub(_close_spaced_figure, text)
    text = text.translate(_WIDE)
    return _NUMBER_POINT.sub(lambda m: "." if m.group() == "．" else "-", text)


def clean_text(raw: str, from_pdf_text: bool = True) -> CleanText:
    raw = close_spaced_digits(fold_figure_widths(arabic_years(raw)))
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\ufeff", "")
    lines = [ln.rstrip(" \u3000") for ln in raw.split("\n")]
    lines = _markers_joined([ln for ln in lines if not PAGE_FURNITURE.match(ln.strip())])
    non_blank = sum(1 for ln in lines if ln.strip())
    blank = len(lines) - non_blank
    if from_pdf_text and non_blank and blank >= 0.3 * non_blank:
        paragraphs = _paragraphs_blank_separated(lines)
    else:
        paragraphs = [ln if _is_table_row(ln) else ln.strip(" \u3000") for ln in lines if ln.strip()]
    return _assemble(paragraphs)


def _markers_joined(lines: list[str]) -> list[str]:
    """A marker alone on its line is put before the next line that has text."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if MARKER_ONLY.match(line):
            pending += line.strip(" \u3000")
        elif pending and line.strip(" \u3000"):
            out.append(pending + line.strip(" \u3000"))
            pending = ""
        elif not pending:
            out.append(line)
    return out + ([pending] if pending else [])


def _assemble(paragraphs: list[str]) -> CleanText:
    parts: list[str] = []
    bold: list[tuple[int, int]] = []
    offset = 0
    for para in paragraphs:
        pieces: list[str] = []
        pos = 0
        local = 0
        for match in BOLD.finditer(para):
            pieces.append(para[pos : match.start()])
            local += match.start() - pos
            inner = match.group(1)
            bold.append((offset + local, offset + local + len(inner)))
            pieces.append(inner)
            local += len(inner)
            pos = match.end()
        pieces.append(para[pos:])
        text = "".join(pieces)
        parts.append(text)
        offset += len(text) + 1
    return CleanText(text="\n".join(parts), bold_spans=bold)
