"""Fuzz the HTTP API from its own OpenAPI schema (schemathesis): no 5xx, and every error is JSON."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from qa_service.api import create_app
from qa_service.security import hash_key

ADMIN = "fuzz-admin-key-0123456789"


def test_no_server_errors_and_json_errors(fake_service, settings) -> None:
    s = settings.model_copy(update={"api_keys": f"admin:sha256:{hash_key(ADMIN)}", "max_upload_mb": 1})
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(lambda: fake_service, s))
    checked: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(operation.as_strategy())
        @hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:
            response = case.call(headers={"X-API-Key": ADMIN})
            assert response.status_code < 500, (case.path, response.text[:300])
            if response.status_code >= 400:
                content_type = response.headers.get("content-type")
                content_type = content_type[0] if isinstance(content_type, list) else content_type
                assert content_type.startswith("application/json"), case.path
                assert "error" in response.json()

        check()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert {"POST /ask", "POST /v1/chat/completions", "POST /documents", "GET /indicators"} <= set(checked)
