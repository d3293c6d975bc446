"""Injected dependencies: the settings, the one QAService, and the role a route needs.

The key schemes come from `fastapi.security`, so OpenAPI shows both ways to send a key. The body-size
middleware checks the same roles from the headers before any body is read; these dependencies are the
check of record and what the schema documents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from planqa.settings import Settings
from qa_service.api.errors import Forbidden, Unauthorized
from qa_service.security import KeyRing
from qa_service.service import QAService

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key (reader or admin).")
bearer = HTTPBearer(auto_error=False, description="The same key as `Authorization: Bearer KEY`.")


@dataclass
class ApiState:
    settings: Settings
    keys: KeyRing
    factory: Callable[[], QAService]
    _service: QAService | None = None
    _lock: Lock = field(default_factory=Lock)

    def service(self) -> QAService:
        # Built once, on first use or at start-up; the lock keeps two threads from loading the model twice.
        with self._lock:
            if self._service is None:
                self._service = self.factory()
            return self._service


def _state(request: Request) -> ApiState:
    return request.app.state.planqa


def get_settings(request: Request) -> Settings:
    return _state(request).settings


def get_service(request: Request) -> QAService:
    return _state(request).service()


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[QAService, Depends(get_service)]


def presented_key(
    api_key: Annotated[str | None, Depends(api_key_header)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str | None:
    return api_key or (credentials.credentials if credentials else None)


KeyDep = Annotated[str | None, Depends(presented_key)]


def allowed(request: Request, key: str | None, role: str) -> bool:
    return _state(request).keys.allows(key, role)[0]


def requires(role: str) -> Callable[..., None]:
    def check(request: Request, key: KeyDep) -> None:
        allowed, status, message = _state(request).keys.allows(key, role)
        if not allowed:
            raise (Unauthorized if status == 401 else Forbidden)(message)

    check.__name__ = f"requires_{role}"
    return check


reader = Depends(requires("reader"))
admin = Depends(requires("admin"))
