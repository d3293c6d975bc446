"""The FastAPI app: routers, the body-size and key gate, the error envelope, offline docs."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from planqa.settings import Settings
from qa_service.api import docs, errors
from qa_service.api.deps import ApiState
from qa_service.api.limits import BodyLimit, Rule, rule
from qa_service.api.routes import ask, chat, documents, feedback, health, indicators
from qa_service.security import KeyRing
from qa_service.service import QAService

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the uploaded file


def body_rules(settings: Settings) -> list[Rule]:
    small = settings.max_request_kb * 1024
    upload = settings.max_upload_mb * 2**20 + MULTIPART_OVERHEAD
    return [
        rule("POST", "/ask", small, "reader"),
        rule("POST", "/ask/stream", small, "reader"),
        rule("POST", "/v1/chat/completions", small, "reader"),
        rule("POST", "/feedback", small, "reader"),
        rule("POST", "/documents", upload, "admin"),
        rule("DELETE", "/documents/[^/]+", 0, "admin"),
    ]


def create_app(service_factory: Callable[[], QAService] | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    keys = KeyRing.from_settings(settings)  # refuses to start on a bad, weak or conflicting key
    state = ApiState(settings, keys, service_factory or (lambda: QAService(settings)))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await run_in_threadpool(state.service)  # load the model before the first request, not during it
        yield

    app = FastAPI(
        title="PlanQA",
        version="0.1.0",
        description="Answers questions about development-plan reports with exact, checkable citations.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.planqa = state
    errors.install(app)
    for module in (ask, chat, documents, indicators, feedback, health):
        app.include_router(module.router)
    docs.install(app)
    # Outermost of the app's own layers: nothing parses a body before the key and the size are checked.
    app.add_middleware(BodyLimit, rules=body_rules(settings), keys=keys)
    return app
