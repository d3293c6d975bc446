"""Every error leaves the API in one envelope: {"error": {"type", "message", "request_id"?}}.

Handlers raise meaning (a typed exception); this module alone turns meaning into a status code. The `type`
strings are a public contract (the UI maps them to Chinese messages; the README lists them).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from planqa.errors import (
    BadQuestionError,
    HistoryTooLongError,
    NoDocumentsError,
    PlanQAError,
    QuestionTooLongError,
)
from qa_service.uploads import UploadRejected

log = logging.getLogger("planqa.api")


class ApiError(Exception):
    """An error the API raises on purpose; subclasses fix the status and the type."""

    status = 400
    kind = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthorized(ApiError):
    status, kind = 401, "unauthorized"


class Forbidden(ApiError):
    status, kind = 403, "forbidden"


class NotFound(ApiError):
    status, kind = 404, "not_found"


class PayloadTooLarge(ApiError):
    status, kind = 413, "payload_too_large"


class BadOffsets(ApiError):
    status, kind = 422, "bad_offsets"


class IngestFailed(ApiError):
    status, kind = 422, "ingest_failed"


# Domain errors from the service, most specific first (subclasses before their bases).
DOMAIN: list[tuple[type[Exception], int, str]] = [
    (QuestionTooLongError, 413, "question_too_long"),
    (HistoryTooLongError, 413, "history_too_long"),
    (BadQuestionError, 422, "bad_question"),
    (NoDocumentsError, 409, "no_documents"),
    (PlanQAError, 400, "planqa_error"),
]

# Framework errors (routing, methods, malformed bodies) keep their status and get a stable type.
FRAMEWORK_TYPES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}

ERROR_TYPES = sorted(
    {c.kind for c in ApiError.__subclasses__()} | {kind for _, _, kind in DOMAIN}
    | set(FRAMEWORK_TYPES.values()) | {"upload_rejected", "invalid_request", "internal", "http_error"}
)


def envelope(status: int, kind: str, message: str, request_id: str | None = None, **extra: Any) -> JSONResponse:
    error: dict[str, Any] = {"type": kind, "message": message, **extra}
    if request_id:
        error["request_id"] = request_id
    headers = {"WWW-Authenticate": 'Bearer, ApiKey header="X-API-Key"'} if status == 401 else None
    return JSONResponse(status_code=status, content={"error": error}, headers=headers)


def _domain(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, UploadRejected):
        return exc.status, "upload_rejected"
    for cls, status, kind in DOMAIN:
        if isinstance(exc, cls):
            return status, kind
    return 500, "internal"


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return envelope(exc.status, exc.kind, exc.message)


async def _planqa_error(_request: Request, exc: PlanQAError) -> JSONResponse:
    status, kind = _domain(exc)
    return envelope(status, kind, str(exc))


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    kind = FRAMEWORK_TYPES.get(exc.status_code, "http_error")
    return envelope(exc.status_code, kind, str(exc.detail))


async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    return envelope(422, "invalid_request", "the request is not valid", details=details)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The client learns only that it failed and which id to quote; the log holds the details.
    request_id = uuid.uuid4().hex[:16]
    log.error("request %s %s %s failed", request_id, request.method, request.url.path, exc_info=exc)
    return envelope(500, "internal", "internal error", request_id=request_id)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(PlanQAError, _planqa_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
