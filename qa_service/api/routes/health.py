"""GET /health: liveness for anyone; the details (document count) for the role the settings name."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from qa_service.api.deps import KeyDep, ServiceDep, SettingsDep, allowed

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request, key: KeyDep, settings: SettingsDep, service: ServiceDep) -> dict[str, Any]:
    body: dict[str, Any] = {"status": "ok"}
    audience = settings.health_details
    if audience == "anyone" or allowed(request, key, audience):
        # whether the service can answer: store reachable, store and snapshot generations, documents
        body.update(service.health())
    return body
