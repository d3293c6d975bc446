"""One finished assistant turn: the answer, its indicator table and charts, sources, feedback, follow-ups."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

import streamlit as st

from ui import backend
from ui.errors import BackendError
from ui.sources import show_sources
from ui.tables import as_html, charts_by_unit, pivot
from ui.text import answer_markdown, escape_md

# An invisible mark that a turn is finished: browser tests wait on it instead of guessing at timings.
DONE = "<div class='pq-done'></div>"


def suggestions(turn: dict) -> list[str]:
    """Follow-ups drawn from what the answer touched: the next indicators of its table, its sections' topics.
    Only things the report contains, so a suggestion never leads to a 'not found'."""
    out: list[str] = []
    rows = turn.get("indicators") or []
    asked = set(dict.fromkeys(r["indicator"] for r in rows))
    if rows:
        with contextlib.suppress(BackendError):
            table = list(dict.fromkeys(r["indicator"] for r in backend.doc_indicators(rows[0]["doc_id"])))
            after = [n for n in table[table.index(rows[-1]["indicator"]) + 1 :] if n not in asked] if (
                rows[-1]["indicator"] in table) else []
            out += [f"{name}完成情况如何？" for name in after[:2]]
    for c in turn.get("citations") or []:
        tail = (c.get("section") or "").split(" > ")[-1]
        tail = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.]\s*", "", tail)
        if 2 <= len(tail) <= 24 and "计划草案" not in tail:
            out.append(f"“{tail}”方面有哪些主要举措？")
    question = turn.get("question", "")
    return [s for s in dict.fromkeys(out) if s != question][:3]


def _save_feedback(turn: dict, key: str) -> None:
    """Called when the vote or the comment changes; one stored record per answer, the latest wins."""
    vote = st.session_state.get(f"fb-{key}")
    if vote is None:
        return
    record = {"turn_id": turn["id"], "vote": "up" if vote == 1 else "down",
              "comment": st.session_state.get(f"fbc-{key}", ""), "question": turn["question"],
              "answer": turn.get("answer", ""), "found": bool(turn.get("found")), "citations": turn.get("citations", [])}
    try:
        backend.client().feedback(record)
    except BackendError as exc:
        turn["feedback_error"] = exc.message_zh
    else:
        turn["feedback_error"] = None
        turn["vote"] = record["vote"]


def show_turn(turn: dict, index: int, docs: dict[str, dict], ask: Callable[[str], None]) -> None:
    anchor = f"src-{index}"
    if turn.get("error"):
        st.error(turn["error"])
        st.button("重新提问", key=f"retry-{turn['id']}", on_click=ask, args=(turn["question"],))
        st.markdown(DONE, unsafe_allow_html=True)
        return
    if not turn["found"]:
        st.info(escape_md(turn["answer"]), icon=":material/search_off:")
    else:
        st.markdown(answer_markdown(turn["answer"], {c["id"] for c in turn["citations"]}, anchor))
    rows = turn.get("indicators") or []
    if rows:
        st.markdown(as_html(pivot(rows)), unsafe_allow_html=True)
        for unit, names, chart in charts_by_unit(rows):
            st.caption(f"{'、'.join(names)}（单位：{unit or '无'}）")
            st.altair_chart(chart, width="stretch")
    if turn.get("citations"):
        show_sources(turn, anchor, docs)
    actions(turn, index)
    follow = suggestions(turn)
    if follow:
        st.caption("接着问：")
        for n, text in enumerate(follow):
            st.button(text, key=f"sug-{turn['id']}-{n}", on_click=ask, args=(text,))
    st.markdown(DONE, unsafe_allow_html=True)


def actions(turn: dict, index: int) -> None:
    key = turn["id"]
    vote, comment, copy = st.columns([2, 5, 1])
    with vote:
        st.feedback("thumbs", key=f"fb-{key}", on_change=_save_feedback, args=(turn, key))
        if turn.get("vote"):
            st.caption("已记录：" + ("有用" if turn["vote"] == "up" else "有误") + "，谢谢反馈")
    with comment:
        st.text_input("补充说明（可选）", key=f"fbc-{key}", placeholder="例如：数字不对，应为……",
                      label_visibility="collapsed", on_change=_save_feedback, args=(turn, key))
    with copy, st.popover("复制"):
        st.code(turn.get("answer", ""), language=None, wrap_lines=True)
    if turn.get("feedback_error"):
        st.caption(turn["feedback_error"])
