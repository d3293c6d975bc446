"""HTTP API: /ask, /ask/stream (SSE), /v1/chat/completions (OpenAI-compatible), /documents, /indicators."""

from qa_service.api.app import create_app

__all__ = ["create_app"]
