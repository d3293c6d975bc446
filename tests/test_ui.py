from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app.py")


@pytest.fixture
def app(fake_service, settings, monkeypatch):
    from ui import client as client_module

    monkeypatch.setenv("PLANQA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr(client_module.PlanQAClient, "_svc", lambda self: fake_service)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def test_ask_shows_answer_and_citations(app):
    app.chat_input[0].set_value("2023年进出口完成情况如何？").run()
    text = " ".join(m.value for m in app.markdown)
    assert "-6.6%" in text
    assert any(e.label.startswith("[1]") for e in app.expander)


def test_not_found_looks_different(app):
    app.chat_input[0].set_value("天元区的常住人口是多少？").run()
    assert app.warning and "没有" in app.warning[0].value
    assert not app.expander


def test_feedback_is_stored(app, settings):
    app.chat_input[0].set_value("研发强度多少？").run()
    next(b for b in app.button if b.label == "有用").click().run()
    lines = (settings.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert '"vote": "up"' in lines[-1] and "4.1%" in lines[-1]


def test_upload_path_ingests_through_the_client(fake_service, settings, tmp_path, monkeypatch):
    from conftest import SAMPLE

    from qa_service.uploads import store_upload
    from ui.client import PlanQAClient

    client = PlanQAClient(settings)
    monkeypatch.setattr(PlanQAClient, "_svc", lambda self: fake_service)
    text = SAMPLE.read_text(encoding="utf-8").replace("天元区", "渌口区").encode()
    stored = store_upload(text, "../渌口区 报告.txt", settings.uploads_dir, 10 * 2**20)
    assert stored.parent == settings.uploads_dir.resolve()
    assert client.ingest(stored).startswith("已入库")
    assert any("渌口区" in d["region"] for d in client.documents())
