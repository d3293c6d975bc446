"""The delegates' chat. Questions are queued in the session before they are answered, so a rerun (a second
question sent while the first is computed) never loses a turn; queued ones are answered in order."""

from __future__ import annotations

import time
import uuid

import streamlit as st

from ui import backend
from ui.answer import show_turn
from ui.errors import BackendError
from ui.panels import sidebar, welcome
from ui.text import escape_md

st.set_page_config(page_title="PlanQA 计划报告问答", layout="wide")
st.markdown(
    """<style>
    .pq-context { line-height: 1.8; }
    .pq-quote { border-left: 3px solid #d0d7de; padding-left: .6em; color: #333; }
    .pq-section { color: #666; font-size: .9em; }
    .pq-doc { font-size: .9em; }
    [data-testid='stFileUploaderDropzoneInstructions'] { display: none; }
    .pq-table table { border-collapse: collapse; font-size: .9em; margin: .3em 0; }
    .pq-table th, .pq-table td { border: 1px solid #d0d7de; padding: .2em .6em; text-align: left; }
    .pq-table th { background: #f6f8fa; font-weight: 600; }
    </style>""",
    unsafe_allow_html=True,
)

TURNS = "turns"
st.session_state.setdefault(TURNS, [])


def ask(question: str) -> None:
    st.session_state[TURNS].append({"id": uuid.uuid4().hex[:16], "question": question, "state": "pending"})


def new_conversation() -> None:
    st.session_state[TURNS] = []


def warm_up() -> bool:
    """Wait (with a message) until the model is loaded or the API answers; once per session."""
    if st.session_state.get("ready"):
        return True
    client = backend.client()
    message = "正在连接问答服务…" if client.remote else "正在加载语言模型，首次启动约需半分钟…"
    error: BackendError | None = None
    with st.spinner(message):
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                client.health()
                st.session_state["ready"] = True
                return True
            except BackendError as exc:
                error = exc
                if exc.kind not in ("unavailable", "timeout") or not client.remote:
                    break
                time.sleep(1)
    st.error(error.message_zh if error else "问答服务没有就绪，请稍后刷新页面。")
    st.button("重试")
    return False


def history() -> list[dict]:
    done = [t for t in st.session_state[TURNS] if t.get("state") == "done" and not t.get("error")]
    out: list[dict] = []
    for t in done[-4:]:
        out += [{"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"]}]
    return out


def answer(turn: dict, filters: dict) -> None:
    """Stream one pending turn into the page, then store its result on the turn."""
    result: dict = {}

    def segments():
        for event in backend.client().ask_stream(turn["question"], history(), filters or None):
            if "text" in event:
                yield escape_md(event["text"])
            else:
                result.update(event["result"])

    try:
        st.write_stream(segments())
    except BackendError as exc:
        turn["error"] = exc.message_zh
    else:
        result.pop("question", None)  # the service's normalised copy; the page keeps what the reader typed
        turn.update(result)
    turn["state"] = "done"


st.title("PlanQA · 发展计划报告问答")
ready = warm_up()
docs: list[dict] = []
docs_error = None
if ready:
    try:
        docs = backend.documents()
    except BackendError as exc:
        docs_error = exc.message_zh
filters = sidebar(docs, docs_error, new_conversation)

turns = st.session_state[TURNS]
# Queued by the submit callback, which Streamlit runs before the script: a second question that interrupts
# the answer to the first is recorded before anything else happens, and the first is answered again.
# The input stays enabled (a disabled one swallowed an Enter pressed just as it turned off).
st.chat_input("请输入问题，例如：2023年进出口完成情况如何？", key="chat", disabled=not ready,
              on_submit=lambda: ask(st.session_state["chat"]))
pending = [t for t in turns if t.get("state") == "pending"]

if not turns and ready:
    welcome(docs, ask)
by_id = {d["doc_id"]: d for d in docs}
for i, turn in enumerate(turns):
    with st.chat_message("user"):
        st.markdown(escape_md(turn["question"]))
    with st.chat_message("assistant"):
        if turn.get("state") == "pending":
            if turn is pending[0] and ready:
                answer(turn, filters)
                st.rerun()  # the next queued question, or the input enabled again
            else:
                st.caption("排队中…")
        else:
            show_turn(turn, i, by_id, ask)
