"""An answer's sources: who said it (title, region, date, section), the quote, its table header, its place."""

from __future__ import annotations

import contextlib
import html

import streamlit as st

from ui import backend
from ui.errors import BackendError
from ui.tables import as_html, row_with_header
from ui.text import display_name, html_block, html_text, short_path, with_hover


def doc_label(doc: dict | None, title: str) -> str:
    """'title · region · date' as HTML, the title shortened with the full one on hover."""
    full = (doc or {}).get("title") or title
    short = full if len(full) <= 34 else full[:33] + "…"
    parts = [with_hover(short, full)]
    for extra in ((doc or {}).get("region"), (doc or {}).get("report_date")):
        if extra:
            parts.append(html.escape(str(extra)))
    return " · ".join(parts)


def highlighted(before: str, quote: str, after: str) -> str:
    # Start and end on line boundaries where there are any, so the context does not open mid-row ("%左右 …").
    if "\n" in before:
        before = before[before.index("\n") + 1 :]
    if "\n" in after:
        after = after[: after.rindex("\n")]
    return html_block(f"{html_text(before)}<mark>{html_text(quote)}</mark>{html_text(after)}", "pq-context")


@st.dialog("原文", width="large")
def open_document(citation: dict) -> None:
    """The document opened at the cited quote: some text before it, more after."""
    try:
        before, quote, after = backend.context(citation["doc_id"], citation["start"], citation["end"], 1500)
    except BackendError as exc:
        st.error(exc.message_zh)
        return
    st.markdown(html_block(f"<b>{html_text(citation['title'])}</b>"), unsafe_allow_html=True)
    st.markdown(highlighted("…" + before[-300:], quote, after + "…"), unsafe_allow_html=True)


def show_sources(turn: dict, anchor: str, docs: dict[str, dict]) -> None:
    st.markdown("**来源**")
    previous = None
    for c in turn["citations"]:
        doc = docs.get(c["doc_id"])
        section = c.get("section") or ""
        # The document is named when it changes, not repeated under every quote from the same report.
        label = doc_label(doc, c["title"]) if c["doc_id"] != previous else "<span class='pq-section'>同一报告</span>"
        previous = c["doc_id"]
        head = f"<span id='{anchor}-{c['id']}' class='pq-source'><b>[{c['id']}]</b> {label}</span>"
        if section:
            head += f"<br><span class='pq-section'>{with_hover(short_path(section), section)}</span>"
        st.markdown(html_block(head), unsafe_allow_html=True)
        table = None
        with contextlib.suppress(BackendError):  # the quote itself still shows below
            table = row_with_header(c, backend.doc_indicators(c["doc_id"]))
        if table is not None:
            st.markdown(as_html(table), unsafe_allow_html=True)
        else:
            st.markdown(html_block(html_text(c["text"]), "pq-quote"), unsafe_allow_html=True)
        with st.expander("查看原文与位置"):
            try:
                before, quote, after = backend.context(c["doc_id"], c["start"], c["end"])
                st.markdown(highlighted(before, quote or c["text"], after), unsafe_allow_html=True)
            except BackendError as exc:
                st.caption(exc.message_zh)
            st.caption(f"文件：{display_name(c.get('source', ''))} · 原文第 {c['start'] + 1}–{c['end']} 字")
            if st.button("在文档中打开", key=f"open-{anchor}-{c['id']}"):
                open_document(c)
