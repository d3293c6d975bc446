from __future__ import annotations

import json
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient
from servers import free_port

from planqa.errors import BadQuestionError, NoDocumentsError
from qa_service.api import create_app
from qa_service.service import QAService


def test_answer_has_figures_quotes_and_offsets(fake_service):
    r = fake_service.ask("2023年进出口完成情况如何？")
    assert r.found and "-6.6%" in r.answer and "108" in r.answer
    text = fake_service.clean_text(r.citations[0].doc_id)
    for c in r.citations:
        assert text[c.start : c.end] == c.text
        assert f"[{c.id}]" in r.answer
    assert any(row.value_text == "-6.6%" for row in r.indicators)
    assert "低于计划" in r.answer  # plan vs outcome, said in words
    assert "完成计划" in fake_service.ask("2023年地方一般公共预算收入增速完成情况如何？").answer


def test_not_answerable_questions_say_so(fake_service):
    for q in ("天元区的常住人口是多少？", "2025年地区生产总值增长目标是多少？", "？？？"):
        r = fake_service.ask(q)
        assert not r.found and r.citations == [] and "没有" in r.answer


def test_bad_questions(fake_service):
    with pytest.raises(BadQuestionError):
        fake_service.ask("   ")
    with pytest.raises(BadQuestionError):
        fake_service.ask("进出口" * 20000)
    with pytest.raises(BadQuestionError):
        fake_service.ask("\x00\x07\x1b")  # nothing left once control characters are dropped
    r = fake_service.ask("\x00研发强度\x07多少？\x1b")
    assert r.found and "4.1%" in r.answer
    assert not fake_service.ask("，。！？……").found


def test_empty_store_is_a_clear_error(settings, fake_embeddings):
    with pytest.raises(NoDocumentsError, match="ingest"):
        QAService(settings, fake_embeddings).ask("进出口")


@pytest.fixture
def client(fake_service):
    with TestClient(create_app(lambda: fake_service)) as c:
        yield c


def test_http_ask_and_errors(client):
    r = client.post("/ask", json={"question": "2023年进出口完成情况如何？"})
    body = r.json()
    assert r.status_code == 200 and body["found"] and body["citations"][0]["id"] == 1
    assert set(body["citations"][0]) >= {"id", "doc_id", "title", "source", "section", "text", "start", "end", "score"}
    assert client.post("/ask", json={"question": ""}).status_code == 422
    long = client.post("/ask", json={"question": "问" * 50000})
    assert long.status_code == 413 and "limit" in long.json()["error"]["message"]
    assert client.post("/ask", content=b"not json", headers={"content-type": "application/json"}).status_code == 422
    follow = client.post("/ask", json={"question": "那2024年呢？", "history": [{"role": "user", "content": "2023年进出口完成情况如何？"}]})
    assert "10.5%" in follow.json()["answer"]


def test_http_lists_and_stream(client):
    docs = client.get("/documents").json()
    assert docs["count"] == 1 and docs["data"][0]["region"] == "株洲市天元区"
    rows = client.get("/indicators", params={"q": "进出口", "year": 2023}).json()
    assert {r["value_text"] for r in rows["data"]} == {"8%左右", "-6.6%"}
    assert client.get("/health").json()["status"] == "ok"
    with client.stream("POST", "/ask/stream", json={"question": "研发强度多少？"}) as s:
        raw = "".join(s.iter_text())
    events = [line.split(": ", 1)[1] for line in raw.splitlines() if line.startswith("event: ")]
    assert events[-2:] == ["citations", "done"] and "answer" in events
    assert "4.1%" in raw



def test_openai_client_against_chat_completions(fake_service):
    import openai

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: fake_service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    try:
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x")
        reply = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": "2023年进出口完成情况如何？"}])
        content = reply.choices[0].message.content
        assert "-6.6%" in content and "来源" in content and "[1]" in content
        assert reply.model_extra["citations"][0]["id"] == 1
        stream = client.chat.completions.create(
            model="planqa", stream=True, messages=[{"role": "user", "content": "研发强度多少？"}]
        )
        streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
        assert "4.1%" in streamed
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_answer_survives_json_round_trip(fake_service):
    r = fake_service.ask("研发强度多少？")
    assert json.loads(r.model_dump_json())["found"]


def test_http_quote_context(client):
    cite = client.post("/ask", json={"question": "研发强度多少？"}).json()["citations"][0]
    body = client.get(f"/documents/{cite['doc_id']}/context", params={"start": cite["start"], "end": cite["end"]}).json()
    assert body["quote"] == cite["text"] and body["before"] and body["after"]
    assert client.get("/documents/nope/context", params={"start": 0, "end": 1}).status_code == 404
    assert client.get(f"/documents/{cite['doc_id']}/context", params={"start": 5, "end": 10**7}).status_code == 422
