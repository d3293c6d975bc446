"""HTTP API: /ask, /ask/stream (SSE), /v1/chat/completions (OpenAI-compatible), /documents, /indicators."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from planqa.errors import BadQuestionError, NoDocumentsError, PlanQAError
from planqa.settings import Settings
from qa_service.feedback_routes import ui_router
from qa_service.schemas import AskRequest, AskResponse
from qa_service.security import KeyRing
from qa_service.service import QAService
from qa_service.uploads import UploadRejected, store_upload


class ChatMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model: str = "planqa"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": message}})


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content or ""


def sources_block(response: AskResponse) -> str:
    if not response.citations:
        return ""
    lines = [f"[{c.id}] {c.title}｜{c.section}：{c.text}" for c in response.citations]
    return "\n\n来源 / Sources:\n" + "\n".join(lines)


def _segments(answer: str) -> list[str]:
    out, current = [], ""
    for ch in answer:
        current += ch
        if ch in "；;。.":
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


class AuthError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message


def create_app(service_factory: Callable[[], QAService] | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    keys = KeyRing.from_settings(settings)  # refuses to start on a bad or placeholder key
    state: dict[str, QAService] = {}

    def service() -> QAService:
        if "svc" not in state:
            state["svc"] = (service_factory or (lambda: QAService(settings)))()
        return state["svc"]

    def _key(x_api_key: str | None, authorization: str | None) -> str | None:
        if x_api_key:
            return x_api_key
        if authorization and authorization.lower().startswith("bearer "):
            return authorization[7:].strip()
        return None

    def requires(role: str) -> Callable[..., None]:
        def check(x_api_key: str | None = Header(None), authorization: str | None = Header(None)) -> None:
            allowed, status, message = keys.allows(_key(x_api_key, authorization), role)
            if not allowed:
                raise AuthError(status, message)

        return check

    reader, admin = requires("reader"), requires("admin")

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await run_in_threadpool(service)  # load the model before the first request, not during it
        yield

    app = FastAPI(
        title="PlanQA",
        version="0.1.0",
        description="Answers questions about development-plan reports with exact, checkable citations.",
        lifespan=lifespan,
    )

    @app.exception_handler(AuthError)
    async def _auth(_request: Request, exc: AuthError) -> JSONResponse:
        return _error(exc.status, exc.message, "unauthorized" if exc.status == 401 else "forbidden")

    @app.exception_handler(UploadRejected)
    async def _upload(_request: Request, exc: UploadRejected) -> JSONResponse:
        return _error(exc.status, str(exc), "upload_rejected")

    @app.exception_handler(BadQuestionError)
    async def _bad_question(_request: Request, exc: BadQuestionError) -> JSONResponse:
        status = 413 if "limit" in str(exc) else 422
        return _error(status, str(exc), "bad_question")

    @app.exception_handler(NoDocumentsError)
    async def _no_documents(_request: Request, exc: NoDocumentsError) -> JSONResponse:
        return _error(409, str(exc), "no_documents")

    @app.exception_handler(PlanQAError)
    async def _planqa_error(_request: Request, exc: PlanQAError) -> JSONResponse:
        return _error(400, str(exc), "planqa_error")

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse(
            status_code=422,
            content={"error": {"type": "invalid_request", "message": "the request is not valid", "details": details}},
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(exc).__name__}", "internal")

    def _ask(req: AskRequest) -> AskResponse:
        return service().ask(
            req.question,
            history=[t.model_dump() for t in req.history],
            top_k=req.top_k,
            filters=req.filters,
        )

    @app.post("/ask", response_model=AskResponse, dependencies=[Depends(reader)])
    async def ask(req: AskRequest) -> AskResponse:
        return await run_in_threadpool(_ask, req)

    @app.post("/ask/stream", dependencies=[Depends(reader)])
    async def ask_stream(req: AskRequest) -> StreamingResponse:
        response = await run_in_threadpool(_ask, req)

        def events() -> Iterator[str]:
            for segment in _segments(response.answer):
                yield f"event: answer\ndata: {json.dumps({'text': segment}, ensure_ascii=False)}\n\n"
            payload = {
                "found": response.found,
                "citations": [c.model_dump() for c in response.citations],
                "indicators": [r.model_dump() for r in response.indicators],
            }
            yield f"event: citations\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"
            yield f"event: done\ndata: {json.dumps({'timings_ms': response.timings_ms})}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/v1/chat/completions", dependencies=[Depends(reader)])
    async def chat_completions(req: ChatRequest):
        users = [m for m in req.messages if m.role == "user"]
        if not users or not _text(users[-1].content).strip():
            return _error(422, "the last user message is empty", "bad_question")
        question = _text(users[-1].content)
        history = [
            {"role": m.role, "content": _text(m.content)}
            for m in req.messages[: req.messages.index(users[-1])]
            if m.role in ("user", "assistant")
        ]
        response = await run_in_threadpool(
            lambda: service().ask(question, history=history)
        )
        content = response.answer + sources_block(response)
        created = int(time.time())
        ident = f"chatcmpl-{uuid.uuid4().hex[:16]}"
        extra = {"citations": [c.model_dump() for c in response.citations], "found": response.found}
        if not req.stream:
            return {
                "id": ident,
                "object": "chat.completion",
                "created": created,
                "model": req.model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                **extra,
            }

        def chunks() -> Iterator[str]:
            base = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": req.model}
            first = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
            yield f"data: {json.dumps({**base, 'choices': [first]}, ensure_ascii=False)}\n\n"
            for segment in _segments(content):
                choice = {"index": 0, "delta": {"content": segment}, "finish_reason": None}
                yield f"data: {json.dumps({**base, 'choices': [choice]}, ensure_ascii=False)}\n\n"
            last = {"index": 0, "delta": {}, "finish_reason": "stop"}
            yield f"data: {json.dumps({**base, 'choices': [last], **extra}, ensure_ascii=False)}\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")

    @app.get("/documents", dependencies=[Depends(reader)])
    async def documents() -> dict[str, Any]:
        docs = await run_in_threadpool(lambda: service().documents)
        data = [d.model_dump(mode="json", exclude={"clean_text"}) for d in docs]
        return {"data": data, "count": len(data)}

    @app.get("/documents/{doc_id}/context", dependencies=[Depends(reader)])
    async def context(
        doc_id: str, start: int = Query(ge=0), end: int = Query(ge=0), margin: int = Query(120, ge=0, le=2000)
    ) -> dict[str, Any]:
        """A quote with the text around it, so a client can show it inside its paragraph."""
        svc = service()
        if doc_id not in {d.doc_id for d in svc.documents}:
            return _error(404, f"no document {doc_id}", "not_found")
        text = svc.clean_text(doc_id)
        if end < start or end > len(text):
            return _error(422, f"offsets must satisfy 0 <= start <= end <= {len(text)}", "bad_offsets")
        return {"before": text[max(0, start - margin) : start], "quote": text[start:end], "after": text[end : end + margin]}

    @app.get("/indicators", dependencies=[Depends(reader)])
    async def indicators(
        q: str | None = Query(None, max_length=200),
        year: int | None = Query(None, ge=1900, le=2100),
        doc_id: str | None = Query(None, max_length=64),
    ) -> dict[str, Any]:
        svc = service()
        rows = await run_in_threadpool(
            lambda: svc.sql.indicators(doc_ids=[doc_id] if doc_id else None, year=year, text=q)
        )
        return {"data": [r.model_dump() for r in rows], "count": len(rows)}

    @app.post("/documents", dependencies=[Depends(admin)], status_code=201)
    async def upload(file: UploadFile = File(...)) -> dict[str, Any]:
        """Upload a report (txt, md, docx, pdf, html; checked by content) and ingest it."""
        limit = settings.max_upload_mb * 2**20
        data = await file.read(limit + 1)
        path = store_upload(data, file.filename or "upload", settings.uploads_dir, limit)
        svc = service()

        def ingest() -> dict[str, Any]:
            from ingest.pipeline import Ingestor

            report = Ingestor(settings, svc.embeddings, sql=svc.sql, vectors=svc.vectors).ingest([path])
            svc.refresh()
            return {"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
                    "failed": [{"file": f, "reason": r} for f, r in report.failed], "chunks": report.chunks,
                    "indicators": report.indicators, "facts": report.facts}

        result = await run_in_threadpool(ingest)
        if result["failed"] and not (result["added"] or result["replaced"] or result["unchanged"]):
            path.unlink(missing_ok=True)
            return _error(422, result["failed"][0]["reason"], "ingest_failed")
        return result

    @app.delete("/documents/{doc_id}", dependencies=[Depends(admin)])
    async def delete_document(doc_id: str) -> dict[str, Any]:
        svc = service()

        def remove() -> bool:
            from ingest.pipeline import Ingestor

            removed = Ingestor(settings, svc.embeddings, sql=svc.sql, vectors=svc.vectors).remove(doc_id)
            svc.refresh()
            return removed

        if not await run_in_threadpool(remove):
            return _error(404, f"no document {doc_id}", "not_found")
        return {"removed": doc_id}

    app.include_router(ui_router(service, reader))

    @app.get("/health")
    async def health() -> dict[str, Any]:
        svc = service()
        return {"status": "ok", "documents": len(svc.documents)}

    return app
