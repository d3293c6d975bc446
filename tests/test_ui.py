"""The Streamlit app driven by AppTest against the in-process service (fake embedding)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app.py")


def _markdown(at: AppTest) -> str:
    # The page gets escaped markdown; a reader sees it without the backslashes.
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


@pytest.fixture
def app(fake_service, settings, monkeypatch):
    from ui import client as client_module

    monkeypatch.setenv("PLANQA_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("PLANQA_API_URL", raising=False)
    monkeypatch.setattr(client_module.PlanQAClient, "_svc", lambda self: fake_service)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def test_welcome_panel_names_the_loaded_report_and_its_limits(app):
    text = _markdown(app)
    assert "欢迎使用 PlanQA" in text and "不编造" in text and "天元区" in text
    assert any(b.label == "新对话" for b in app.button)
    assert "单机模式" in " ".join(c.value for c in app.caption)


def test_ask_shows_answer_sources_and_header_row(app):
    app.chat_input[0].set_value("2023年进出口完成情况如何？").run()
    text = _markdown(app)
    assert "-6.6%" in text
    assert "[[1]](#src-0-1)" in text  # the marker links to its source
    # The cited table row comes with its header, in plain words.
    tables = [m.value for m in app.markdown if "<table>" in m.value]
    assert any("<th>2023年预计完成</th>" in t and "<td>-6.6%</td>" in t and "<th>指标</th>" in t for t in tables)
    assert not any("<th>列</th>" in t or "数值(数)" in t for t in tables)
    # No server path: only file names.
    everything = text + " ".join(c.value for c in app.caption)
    assert "/planqa/sample/" not in everything and "tianyuan-2024-plan-report.txt" in everything
    assert not app.exception


def test_not_found_looks_different_and_takes_feedback(app, fake_service):
    app.chat_input[0].set_value("天元区的常住人口是多少？").run()
    assert app.info and "没有" in app.info[0].value
    app.feedback[0].set_value(0).run()  # thumbs down
    app.text_input[0].set_value("报告第3页写了人口").run()
    stored = fake_service.sql.feedback()
    assert len(stored) == 1  # the comment replaced the vote's record, not added one
    assert stored[0]["vote"] == "down" and stored[0]["comment"] == "报告第3页写了人口"
    assert stored[0]["question"] == "天元区的常住人口是多少？" and stored[0]["found"] is False
    assert any("已记录：有误" in c.value for c in app.caption)


def test_employment_chart_keeps_units_apart(app):
    app.chat_input[0].set_value("城镇新增就业人数是多少？").run()
    captions = [c.value for c in app.caption]
    assert any("单位：人" in c for c in captions) and any("单位：万人" in c for c in captions)
    charts = [e for e in _walk(app.main) if "vega" in e.type]
    assert len(charts) == 2
    axes = sorted(json.loads(c.proto.spec)["encoding"]["x"]["title"] for c in charts)
    assert axes == ["单位：万人", "单位：人"]


def test_backend_failure_is_a_chinese_message_and_history_stays(app, fake_service, monkeypatch):
    app.chat_input[0].set_value("研发强度多少？").run()

    def boom(*_a, **_k):
        raise RuntimeError("chromadb Error finding id")

    monkeypatch.setattr(fake_service, "ask", boom)
    app.chat_input[0].set_value("2023年进出口完成情况如何？").run()
    assert not app.exception
    assert "请稍后重试" in app.error[0].value and "chromadb" not in app.error[0].value
    assert "4.1%" in _markdown(app)  # the first answer is still there
    assert len(app.chat_message) == 4


def test_document_text_is_never_interpreted_as_markdown():
    from ui.text import answer_markdown, escape_md

    line = "全年油料总产量达到[12.8万吨](http://x.example/a)，增长3.1%。![x](http://host/p.png) **粗** <b>x</b> $1$"
    escaped = escape_md(line)
    for raw in ("[12.8", "](http", "![x]", "**", "<b>", "$1$", "http://"):
        assert raw not in escaped
    assert escaped.replace("\\", "") == line
    linked = answer_markdown(f"{line}[1]", {1}, "src-3")
    assert linked.endswith("[\\[1\\]](#src-3-1)") and "](http" not in linked


def test_uploads_in_process_need_an_admin_key(fake_service, settings, monkeypatch):
    from conftest import SAMPLE

    from qa_service.security import hash_key
    from ui.client import PlanQAClient
    from ui.errors import BackendError

    monkeypatch.setattr(PlanQAClient, "_svc", lambda self: fake_service)
    text = SAMPLE.read_text(encoding="utf-8").replace("天元区", "渌口区").encode()
    with pytest.raises(BackendError) as refused:
        PlanQAClient(settings).upload(text, "渌口区.txt")
    assert refused.value.kind == "forbidden" and "管理员" in refused.value.message_zh
    admin = settings.model_copy(update={"api_key": "k-12345678", "api_keys": f"admin:sha256:{hash_key('k-12345678')}"})
    client = PlanQAClient(admin)
    assert client.upload(text, "../渌口区 报告.txt")["added"]
    assert any("渌口区" in d["region"] for d in client.documents())
    again = client.upload(text, "渌口区.txt")
    assert again["unchanged"] and not again["added"]


def test_error_types_map_to_chinese_including_unknown_ones():
    from ui.errors import from_response

    assert "2000" in from_response(413, {"error": {"type": "bad_question", "message": "over limit"}}).message_zh
    assert "管理员" in from_response(403, {"error": {"type": "forbidden", "message": "x"}}).message_zh
    unknown = from_response(418, {"error": {"type": "brand_new", "message": "teapot"}}).message_zh
    assert unknown and "teapot" not in unknown and all(ord(ch) < 128 or ch for ch in unknown)
    assert "稍后" in from_response(502, None, "<html>bad gateway</html>").message_zh


def test_queued_questions_are_all_answered_in_order(app):
    # What a quick second question leaves behind: two turns queued before either is answered.
    app.session_state["turns"] = [{"id": "a", "question": "研发强度多少？", "state": "pending"},
                                  {"id": "b", "question": "2023年进出口完成情况如何？", "state": "pending"}]
    app.run()
    turns = app.session_state["turns"]
    assert [t["state"] for t in turns] == ["done", "done"]
    assert "4.1%" in turns[0]["answer"] and "-6.6%" in turns[1]["answer"]
    assert len(app.chat_message) == 4 and not app.chat_input[0].disabled


def test_document_panel_shows_full_title_indicator_table_and_outline(app):
    next(b for b in app.button if b.label == "指标与目录").click().run()
    text = _markdown(app)
    assert "关于株洲市天元区 2023 年国民经济和社会发展规划执行情况与 2024 年国民经济和社会发展规划草案的报告" in text
    (table,) = [df.value for df in app.dataframe]
    assert list(table.columns[:3]) == ["指标", "2023年计划", "2023年预计完成"]
    assert "城镇新增就业人数" in set(table["指标"])
    assert "一、2023 年国民经济和社会发展规划执行情况" in text
    assert "tianyuan-2024-plan-report.txt" in " ".join(c.value for c in app.caption)


def test_section_paths_are_cut_on_whole_levels_and_sources_show_file_names_only():
    from ui.text import display_name, short_path

    path = "一、2023 年国民经济和社会发展规划执行情况 > （一）聚焦重大战略，三个高地加快打造 > 改革开放迈上新台阶"
    short = short_path(path)
    assert short == "… > （一）聚焦重大战略，三个高地加快打造 > 改革开放迈上新台阶"
    assert short_path("短路径") == "短路径"
    assert display_name("/srv/planqa-data/uploads/1a2b3c4d-渌口区报告.txt") == "渌口区报告.txt"
    assert display_name("C:\\data\\report.pdf") == "report.pdf"
