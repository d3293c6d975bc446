"""Routes the chat UI needs beyond asking: POST /feedback (reader votes on answers) and a document's outline."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from qa_service.api.deps import ServiceDep, reader
from qa_service.api.errors import NotFound
from qa_service.service import QAService

router = APIRouter(tags=["feedback"], dependencies=[reader])


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(strict=True)

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
    for chunk in svc.sql.chunks_of(doc_id):
        if chunk.section:
            seen.setdefault(chunk.section, None)
    return list(seen)


@router.post("/feedback", status_code=201)
def post_feedback(req: FeedbackRequest, service: ServiceDep) -> dict[str, Any]:
    service.sql.save_feedback(req.model_dump())
    return {"stored": req.turn_id}


@router.get("/documents/{doc_id}/outline")
def get_outline(doc_id: str, service: ServiceDep) -> dict[str, Any]:
    if doc_id not in {d.doc_id for d in service.documents}:
        raise NotFound(f"no document {doc_id}")
    return {"data": outline(service, doc_id)}
