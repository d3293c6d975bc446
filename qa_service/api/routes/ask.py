"""POST /ask and POST /ask/stream (server-sent events)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter
from sse_starlette import EventSourceResponse, ServerSentEvent

from qa_service.api.deps import ServiceDep, reader
from qa_service.schemas import AskRequest, AskResponse
from qa_service.service import QAService

router = APIRouter(tags=["ask"], dependencies=[reader])


def answer(service: QAService, req: AskRequest) -> AskResponse:
    return service.ask(
        req.question, history=[t.model_dump() for t in req.history], top_k=req.top_k, filters=req.filters
    )


def segments(text: str) -> list[str]:
    """Clause-sized pieces, so a client can show the answer as it 'arrives'."""
    out, current = [], ""
    for ch in text:
        current += ch
        if ch in "；;。.":
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def events(response: AskResponse) -> Iterator[ServerSentEvent]:
    for segment in segments(response.answer):
        yield ServerSentEvent(data=_json({"text": segment}), event="answer")
    payload = {
        "found": response.found,
        "citations": [c.model_dump(mode="json") for c in response.citations],
        "indicators": [r.model_dump(mode="json") for r in response.indicators],
    }
    yield ServerSentEvent(data=_json(payload), event="citations")
    yield ServerSentEvent(data=_json({"timings_ms": response.timings_ms}), event="done")


# Plain `def` handlers: FastAPI runs them in its thread pool, so the blocking search never stalls the loop.
@router.post("/ask", response_model=AskResponse)
def ask(req: AskRequest, service: ServiceDep) -> AskResponse:
    return answer(service, req)


@router.post("/ask/stream", response_class=EventSourceResponse)
def ask_stream(req: AskRequest, service: ServiceDep) -> EventSourceResponse:
    # Answered before the stream opens, so an error still gets its status code and JSON envelope.
    return EventSourceResponse(events(answer(service, req)), sep="\n")
