"""Issue 14: one error envelope, strict types, bounded history, offline docs, health audience, body limits."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from qa_service.api import create_app
from qa_service.api.errors import ERROR_TYPES
from qa_service.api.models import ChatMessage
from qa_service.api.routes.chat import split_messages
from qa_service.security import hash_key

ADMIN, READER = "admin-key-0123456789-abcdef", "reader-key-0123456789"
FOLLOW_UP = "那2024年呢？"


def keyed(settings, **extra):
    keys = f"admin:sha256:{hash_key(ADMIN)},reader:sha256:{hash_key(READER)}"
    return settings.model_copy(update={"api_keys": keys, **extra})


@pytest.fixture
def client(fake_service, settings):
    with TestClient(create_app(lambda: fake_service, keyed(settings)), raise_server_exceptions=False) as c:
        yield c


def assert_envelope(response, status: int, kind: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["type"] == kind and body["error"]["message"]
    assert kind in ERROR_TYPES
    return body["error"]


def test_framework_errors_share_the_envelope(client):
    assert_envelope(client.get("/no/such/path"), 404, "not_found")
    assert_envelope(client.put("/ask", json={}), 405, "method_not_allowed")
    bad_multipart = {"content-type": "multipart/form-data", "X-API-Key": ADMIN}
    assert_envelope(client.post("/documents", content=b"xx", headers=bad_multipart), 400, "bad_request")
    assert_envelope(client.post("/ask", content=b"{", headers={"content-type": "application/json"}), 422, "invalid_request")


def test_internal_error_names_nothing_but_a_request_id(fake_service, settings, monkeypatch, caplog):
    def broken(*_a, **_k):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(fake_service, "ask", broken)
    with TestClient(create_app(lambda: fake_service, settings), raise_server_exceptions=False) as c:
        error = assert_envelope(c.post("/ask", json={"question": "研发强度多少？"}), 500, "internal")
    assert error["message"] == "internal error" and re.fullmatch(r"[0-9a-f]{16}", error["request_id"])
    assert "RuntimeError" not in str(error) and "secret detail" in caplog.text and error["request_id"] in caplog.text


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/ask", {"question": "研发强度多少？", "top_k": "5"}),
        ("/ask", {"question": "研发强度多少？", "top_k": True}),
        ("/ask", {"question": "研发强度多少？", "filters": {"year": "2023"}}),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "研发强度多少？"}], "stream": "yes"}),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": 5}]}),
    ],
)
def test_strict_request_types(client, path, body):
    assert_envelope(client.post(path, json=body), 422, "invalid_request")


def test_json_is_utf8_not_escaped(client):
    raw = client.post("/ask", json={"question": "研发强度多少？"}).content
    assert "研发".encode() in raw and b"\\u" not in raw
    with client.stream("POST", "/ask/stream", json={"question": "研发强度多少？"}) as s:
        streamed = b"".join(s.iter_bytes())
    assert "研发".encode() in streamed and b"\\u" not in streamed


@pytest.mark.parametrize(
    ("history", "kind"),
    [
        ([{"role": "user", "content": "问"}] * 21, "history_too_long"),  # turns
        ([{"role": "user", "content": "问" * 4001}], "history_too_long"),  # one message
        ([{"role": "user", "content": "问" * 3000}] * 7, "history_too_long"),  # total
        ([{"role": "user", "content": "请详细说明" * 600 + "2023年进出口完成情况如何？"}], "question_too_long"),
    ],
)
def test_history_is_bounded_on_ask_and_chat(client, history, kind):
    assert_envelope(client.post("/ask", json={"question": FOLLOW_UP, "history": history}), 413, kind)
    messages = [*history, {"role": "user", "content": FOLLOW_UP}]
    assert_envelope(client.post("/v1/chat/completions", json={"messages": messages}), 413, kind)


def test_history_within_limits_still_resolves_follow_ups(client):
    history = [{"role": "user", "content": "2023年进出口完成情况如何？"}] * 3
    assert "10.5%" in client.post("/ask", json={"question": FOLLOW_UP, "history": history}).json()["answer"]


def test_repeated_question_keeps_the_whole_history():
    texts = [("user", "进出口如何？"), ("assistant", "答一"), ("user", "研发呢？"), ("assistant", "答二"), ("user", "进出口如何？")]
    question, history = split_messages([ChatMessage(role=r, content=t) for r, t in texts])
    assert question == "进出口如何？" and [h["content"] for h in history] == ["进出口如何？", "答一", "研发呢？", "答二"]


def test_indicator_search_is_literal(client):
    assert client.get("/indicators", params={"q": "进出口"}).json()["count"] > 0
    for pattern in ("%", "_", "进%", "%_%"):
        assert client.get("/indicators", params={"q": pattern}).json()["count"] == 0, pattern


def test_region_filter_never_matches_a_report_without_region(fake_service):
    assert fake_service.ask("研发强度多少？", filters={"region": "天元区"}).found
    for doc in fake_service._documents.values():
        doc.region = ""
    r = fake_service.ask("研发强度多少？", filters={"region": "上海市"})
    assert not r.found and r.citations == []


def test_docs_are_served_without_any_external_url(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.I), page
        assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", html) + re.findall(r"url: *'([^']+)'", html)
        assert assets, page
        for asset in assets:
            response = client.get(asset)
            assert response.status_code == 200 and len(response.content) > 1000, asset
    assert {"APIKeyHeader", "HTTPBearer"} <= set(client.get("/openapi.json").json()["components"]["securitySchemes"])


def test_health_is_liveness_for_anyone_details_for_readers(fake_service, settings):
    with TestClient(create_app(lambda: fake_service, keyed(settings, anonymous_read=False))) as c:
        assert c.get("/health").json() == {"status": "ok"}
        details = c.get("/health", headers={"X-API-Key": READER}).json()
        assert details["status"] == "ok" and details["documents"] == 1
        assert details["store"] == "ok" and details["snapshot_generation"] == details["store_generation"]
    with TestClient(create_app(lambda: fake_service, keyed(settings, health_details="admin"))) as c:
        assert c.get("/health", headers={"X-API-Key": READER}).json() == {"status": "ok"}


def test_body_limits_per_route(fake_service, settings):
    s = keyed(settings, max_request_kb=64, max_upload_mb=1)
    with TestClient(create_app(lambda: fake_service, s)) as c:
        big = b'{"question": "' + b"a" * 70_000 + b'"}'
        assert_envelope(c.post("/ask", content=big, headers={"content-type": "application/json"}), 413, "payload_too_large")

        def chunked():
            for _ in range(100):
                yield b"a" * 1024

        response = c.post("/ask", content=chunked(), headers={"content-type": "application/json"})
        assert_envelope(response, 413, "payload_too_large")
        # The upload route has its own, larger limit: 200 KB passes the gate and reaches the upload checks.
        files = {"file": ("r.txt", "报告".encode() * 100_000, "text/plain")}
        assert c.post("/documents", files=files, headers={"X-API-Key": ADMIN}).status_code != 413
        files = {"file": ("r.txt", b"a" * (2 * 2**20), "text/plain")}
        assert_envelope(c.post("/documents", files=files, headers={"X-API-Key": ADMIN}), 413, "payload_too_large")


def test_key_is_checked_before_the_size(fake_service, settings):
    with TestClient(create_app(lambda: fake_service, keyed(settings, max_upload_mb=1))) as c:
        files = {"file": ("r.txt", b"a" * (2 * 2**20), "text/plain")}
        assert_envelope(c.post("/documents", files=files), 401, "unauthorized")
        assert_envelope(c.post("/documents", files=files, headers={"X-API-Key": READER}), 403, "forbidden")


def test_readme_lists_every_error_type():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [kind for kind in ERROR_TYPES if f"`{kind}`" not in readme] == []


def test_no_route_blocks_the_event_loop(fake_service):
    """Handlers call blocking store and model code: they must be plain `def` (run in the thread pool)."""
    import inspect

    from fastapi.routing import APIRoute

    routes = [r for r in create_app(lambda: fake_service).routes if isinstance(r, APIRoute)]
    assert routes and [r.path for r in routes if inspect.iscoroutinefunction(r.endpoint)] == []
