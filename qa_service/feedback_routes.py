"""Routes the chat UI needs beyond asking: reader feedback on answers, and a document's section outline.

Kept out of api.py as an APIRouter so the app includes it with one line, whatever shape api.py takes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from qa_service.service import QAService


class FeedbackRequest(BaseModel):
    turn_id: str = Field(min_length=1, max_length=64, description="The client's id of the answer; resending replaces.")
    vote: Literal["up", "down"]
    comment: str = Field("", max_length=2000)
    question: str = Field(min_length=1, max_length=20000)
    answer: str = Field("", max_length=50000)
    found: bool = True
    citations: list[dict[str, Any]] = Field(default_factory=list, max_length=50)


def outline(svc: QAService, doc_id: str) -> list[str]:
    """Section paths in reading order, each once: the chunks carry them, so no second structure pass."""
    seen: dict[str, None] = {}
    for chunk, _tokens in svc.sql.all_chunks():
        if chunk.doc_id == doc_id and chunk.section:
            seen.setdefault(chunk.section, None)
    return list(seen)


def ui_router(service: Callable[[], QAService], reader: Callable[..., None]) -> APIRouter:
    router = APIRouter(dependencies=[Depends(reader)])

    @router.post("/feedback", status_code=201)
    def post_feedback(req: FeedbackRequest) -> dict[str, Any]:
        service().sql.save_feedback(req.model_dump())
        return {"stored": req.turn_id}

    @router.get("/documents/{doc_id}/outline")
    def get_outline(doc_id: str) -> Any:
        svc = service()
        if doc_id not in {d.doc_id for d in svc.documents}:
            return JSONResponse(status_code=404, content={"error": {"type": "not_found", "message": f"no document {doc_id}"}})
        return {"data": outline(svc, doc_id)}

    return router
