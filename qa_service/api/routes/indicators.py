"""GET /indicators: the typed rows of the reports' indicator tables."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from qa_service.api.deps import ServiceDep, reader

router = APIRouter(tags=["indicators"], dependencies=[reader])


@router.get("/indicators")
def indicators(
    service: ServiceDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of the indicator name (literal text).")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    rows = service.sql.indicators(doc_ids=[doc_id] if doc_id else None, year=year, text=q)
    return {"data": [r.model_dump(mode="json") for r in rows], "count": len(rows)}
