"""Document-derived text made safe and readable for the page."""

from __future__ import annotations

import html
import re
import string
from pathlib import PurePath

# Every ASCII punctuation character may be backslash-escaped in CommonMark, which makes it literal. Escaping
# all of them (not a hand-picked few) also stops GFM autolinks (the `:`), LaTeX (`$`) and HTML (`<`).
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
MARKER = re.compile(r"\\\[(\d{1,2})\\\]")  # escaped "[1]"; "[2009]" is the document's own


def escape_md(text: str) -> str:
    """Text from a document, shown literally by st.markdown: no links, images, emphasis or tables."""
    return _PUNCT.sub(r"\\\1", text).replace("\n", "  \n")


def answer_markdown(answer: str, ids: set[int], anchor: str) -> str:
    """The escaped answer with its `[n]` markers turned into links to the sources' anchors on the page."""
    escaped = escape_md(answer)

    def link(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[\\[{n}\\]](#{anchor}-{n})" if n in ids else m.group(0)

    return MARKER.sub(link, escaped)


def display_name(source: str) -> str:
    """Only the file name: the server's folders mean nothing to a reader and reveal its layout."""
    name = PurePath(source.replace("\\", "/")).name
    # Uploads are stored as `<8 hex>-<name>`; the prefix is an internal detail.
    return re.sub(r"^[0-9a-f]{8}-", "", name)


def short_path(section: str, limit: int = 36) -> str:
    """A section path shortened from the left on whole levels (then whole characters), never mid-character."""
    if len(section) <= limit:
        return section
    parts = section.split(" > ")
    kept: list[str] = []
    for part in reversed(parts):
        if len(" > ".join([part, *kept])) + 2 > limit:
            break
        kept.insert(0, part)
    if not kept:  # the last level alone is too long: keep its start, whole characters
        return parts[-1][: limit - 1] + "…"
    return "… > " + " > ".join(kept)


def with_hover(short: str, full: str) -> str:
    """HTML: the short label, with the full text on hover; both escaped."""
    return f"<span title='{html.escape(full, quote=True)}'>{html.escape(short)}</span>"


def html_text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def html_block(inner: str, cls: str = "") -> str:
    """Raw HTML for st.markdown(unsafe_allow_html=True). A <div> starting the input with no blank line inside
    is a CommonMark HTML block, so markdown is never parsed inside it: document text stays literal."""
    return f"<div class='{cls}'>" + inner.replace("\n", "<br>") + "</div>"


def plain_answer(answer: str) -> str:
    """The answer as a reader would copy it."""
    return answer.strip()


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """A small static table (the header row first), every cell escaped: readable, selectable, copyable."""
    head = "".join(f"<th>{html_text(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in r) + "</tr>" for r in rows)
    return html_block(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", "pq-table")
