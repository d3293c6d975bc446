"""The delegates' chat: answers with [n] markers, the quotes they cite, indicator tables, feedback."""

from __future__ import annotations

import html
import json
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from planqa.settings import Settings
from ui.client import PlanQAClient

EXAMPLES = ["2023年进出口完成情况如何？", "今年GDP预期增长多少？", "研发强度多少？", "What was the 2023 import/export result?"]

st.set_page_config(page_title="PlanQA 计划报告问答", page_icon="📊", layout="wide")


@st.cache_resource
def client() -> PlanQAClient:
    return PlanQAClient(Settings())


def feedback_path() -> Path:
    return Settings().resolved_data_dir / "feedback.jsonl"


def save_feedback(turn: dict, vote: str) -> None:
    record = {"time": time.time(), "vote": vote, "question": turn["question"], "answer": turn["answer"],
              "found": turn["found"], "citations": turn["citations"]}
    with feedback_path().open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False) + "\n")


def show_answer(turn: dict, index: int) -> None:
    if not turn["found"]:
        st.warning(turn["answer"], icon="🔍")
        return
    st.markdown(turn["answer"])
    if turn.get("indicators"):
        frame = pd.DataFrame(turn["indicators"])[["indicator", "column", "value_text", "value"]]
        st.dataframe(frame.rename(columns={"indicator": "指标", "column": "列", "value_text": "数值", "value": "数值(数)"}),
                     hide_index=True)
        numeric = frame.dropna(subset=["value"])
        if len(numeric) > 1:
            st.bar_chart(numeric.set_index("column")["value"])
    for c in turn["citations"]:
        with st.expander(f"[{c['id']}] {c['title'][:40]} · {c['section'][-40:]}"):
            before, quote, after = client().context(c["doc_id"], c["start"], c["end"])
            quote = quote or c["text"]
            st.markdown(
                f"<div style='line-height:1.8'>{html.escape(before)}<mark>{html.escape(quote)}</mark>"
                f"{html.escape(after)}</div>",
                unsafe_allow_html=True,
            )
            st.caption(f"{c['source']} · 字符 {c['start']}–{c['end']}")
    up, down, _ = st.columns([1, 1, 10])
    if up.button("有用", key=f"up{index}"):
        save_feedback(turn, "up")
        st.toast("已记录")
    if down.button("有误", key=f"down{index}"):
        save_feedback(turn, "down")
        st.toast("已记录")


with st.sidebar:
    st.header("文档")
    docs = client().documents()
    for d in docs:
        st.markdown(f"**{d['title'][:30]}**  \n{d['region']} · {d.get('report_date') or ''} · {d['n_chunks']} 片段")
    choice = st.selectbox("只问这份文档", ["全部"] + [d["doc_id"] for d in docs],
                          format_func=lambda x: x if x == "全部" else next(d["title"][:30] for d in docs if d["doc_id"] == x))
    year = st.number_input("年份（0 = 不限）", min_value=0, max_value=2100, value=0)
    upload = st.file_uploader("上传报告", type=["txt", "md", "docx", "pdf", "html"])
    if upload is not None and st.button("入库"):
        from qa_service.uploads import UploadRejected, store_upload

        try:
            target = store_upload(upload.getvalue(), upload.name, Settings().uploads_dir, Settings().max_upload_mb * 2**20)
        except UploadRejected as exc:
            st.error(f"无法入库：{exc}")
        else:
            with st.spinner("正在解析和向量化…"):
                message = client().ingest(target)
            (st.error if message.startswith("失败") else st.success)(message)
    st.header("示例问题")
    for example in EXAMPLES:
        if st.button(example):
            st.session_state["pending"] = example

st.title("📊 PlanQA · 发展计划报告问答")
st.session_state.setdefault("turns", [])
for i, turn in enumerate(st.session_state["turns"]):
    with st.chat_message("user"):
        st.markdown(turn["question"])
    with st.chat_message("assistant"):
        show_answer(turn, i)

question = st.chat_input("请输入问题，例如：2023年进出口完成情况如何？") or st.session_state.pop("pending", None)
if question:
    history = []
    for turn in st.session_state["turns"][-4:]:
        history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": turn["answer"]}]
    filters = {}
    if choice != "全部":
        filters["doc_id"] = choice
    if year:
        filters["year"] = int(year)
    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        try:
            result = client().ask(question, history, filters or None)
        except Exception as exc:
            st.error(f"出错了：{exc}")
        else:
            turn = {"question": question, **result}
            st.session_state["turns"].append(turn)
            show_answer(turn, len(st.session_state["turns"]) - 1)
