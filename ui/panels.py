"""The sidebar (documents, filters, upload), the welcome panel and the document panel."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import backend
from ui.errors import BackendError
from ui.sources import doc_label
from ui.tables import pivot
from ui.text import display_name, html_block, html_text

EXAMPLES = ["2023年进出口完成情况如何？", "今年GDP预期增长多少？", "城镇新增就业人数是多少？", "研发强度多少？"]
ANY_YEAR = "不限"


@st.dialog("文档详情", width="large")
def document_panel(doc: dict) -> None:
    st.markdown(html_block(f"<b>{html_text(doc['title'])}</b>"), unsafe_allow_html=True)
    facts = [doc.get("region") or "", str(doc.get("report_date") or ""), display_name(doc.get("source", ""))]
    st.caption(" · ".join(f for f in facts if f))
    table, outline = st.tabs(["主要指标", "章节目录"])
    try:
        with table:
            rows = backend.doc_indicators(doc["doc_id"])
            if rows:
                st.dataframe(pivot(rows), hide_index=True)
            else:
                st.caption("这份报告没有可识别的指标表。")
        with outline:
            sections = backend.doc_outline(doc["doc_id"])
            lines = []
            for path in sections:
                depth = path.count(" > ")
                lines.append("&nbsp;" * 4 * depth + html_text(path.split(" > ")[-1]))
            st.markdown(html_block("<br>".join(lines) or "（没有识别出章节）", "pq-outline"), unsafe_allow_html=True)
    except BackendError as exc:
        st.error(exc.message_zh)


def sidebar(docs: list[dict], docs_error: str | None, new_conversation: Callable[[], None]) -> dict:
    """Draws the sidebar; returns the filters for /ask."""
    client = backend.client()
    with st.sidebar:
        st.button("新对话", on_click=new_conversation, type="primary", width="stretch")
        if client.remote:
            st.caption("已连接问答服务。")
        else:
            st.caption("单机模式：问答在本进程内运行，只供一人使用，此时不要另开 API 服务共用同一数据目录。"
                       "多人使用请用 ./scripts/run 启动服务模式。")
        st.subheader("已载入的报告")
        if docs_error:
            st.warning(docs_error)
        for d in docs:
            st.markdown(html_block(doc_label(d, d["title"]), "pq-doc"), unsafe_allow_html=True)
            if st.button("指标与目录", key=f"doc-{d['doc_id']}"):
                document_panel(d)
        st.subheader("提问范围")
        titles = {d["doc_id"]: d["title"] for d in docs}
        choice = st.selectbox("只问这份报告", ["全部"] + list(titles),
                              format_func=lambda x: "全部报告" if x == "全部" else titles[x][:24])
        years = sorted({y for d in docs for y in d.get("years", [])}, reverse=True)
        year = st.selectbox("只看这一年的数据", [ANY_YEAR, *years])
        upload_panel()
    filters: dict = {}
    if choice != "全部":
        filters["doc_id"] = choice
    if year != ANY_YEAR:
        filters["year"] = int(year)
    return filters


def upload_panel() -> None:
    client = backend.client()
    st.subheader("上传报告")
    limit = client.settings.max_upload_mb
    if not client.can_upload():
        st.caption("上传需要管理员密钥（PLANQA_API_KEY）。./scripts/run 会为本次运行生成一个。")
        return
    upload = st.file_uploader(f"txt、md、docx、pdf 或 html，单个文件不超过 {limit} MB",
                              type=["txt", "md", "docx", "pdf", "html"])
    if upload is None or not st.button("入库"):
        return
    with st.spinner("正在解析和向量化，较长的报告需要一两分钟…"):
        try:
            result = client.upload(upload.getvalue(), upload.name)
        except BackendError as exc:
            st.error(exc.message_zh)
            return
    backend.documents.clear()
    if result.get("unchanged") and not (result.get("added") or result.get("replaced")):
        st.info("已是最新，无需重新入库。")
    else:
        st.success(f"已入库：识别出 {result.get('indicators', 0)} 个指标数值、{result.get('facts', 0)} 条数字表述。"
                   "现在可以提问了。")


def welcome(docs: list[dict], ask: Callable[[str], None]) -> None:
    with st.container(border=True):
        st.markdown("#### 欢迎使用 PlanQA")
        st.markdown(
            "- **能回答**：已载入报告里的指标和数字，例如某年计划目标、预计完成情况、增速、投资额；"
            "每个数字都标注 [1]、[2] 并给出报告原文。\n"
            "- **不会做**：不编造报告里没有的数字，不回答报告以外的问题，不做预测或评价；"
            "报告没有写的，会直接说明“没有找到”。"
        )
        if docs:
            names = "、".join(f"《{d['title']}》" for d in docs[:5])
            more = f"等 {len(docs)} 份" if len(docs) > 5 else ""
            st.markdown(html_block(f"已载入：{html_text(names)}{more}"), unsafe_allow_html=True)
        else:
            st.markdown("还没有载入报告。")
        st.caption("可以这样问：")
        columns = st.columns(2)
        for n, example in enumerate(EXAMPLES):
            column = columns[n % 2]
            column.button(example, key=f"ex-{example}", on_click=ask, args=(example,), width="stretch")
