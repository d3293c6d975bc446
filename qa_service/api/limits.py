"""A pure-ASGI gate in front of every route: the key first, then the body size, both before any parsing.

FastAPI reads and parses a body before its dependencies run, so a dependency alone lets anyone without a key
make the server spool 300 MB. Here the role is checked from the headers only, a declared Content-Length over
the route's limit is refused at once, and a chunked body is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from starlette.datastructures import Headers

from qa_service.api.errors import envelope
from qa_service.security import KeyRing, key_from_headers

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Rule:
    method: str
    path: re.Pattern[str]
    max_bytes: int
    role: str | None = None  # checked from the headers before the body is read


def rule(method: str, path: str, max_bytes: int, role: str | None = None) -> Rule:
    return Rule(method, re.compile(path + r"\Z"), max_bytes, role)


class BodyLimit:
    def __init__(self, app: ASGIApp, rules: list[Rule], keys: KeyRing, default_bytes: int = 64 * 1024) -> None:
        self.app = app
        self.rules = rules
        self.keys = keys
        self.default = Rule("*", re.compile(".*"), default_bytes)

    def _rule(self, scope: Scope) -> Rule:
        for r in self.rules:
            if r.method == scope["method"] and r.path.match(scope["path"]):
                return r
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        r = self._rule(scope)
        headers = Headers(scope=scope)
        refusal = self._refusal(r, headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, _counting(receive, r.max_bytes), send)

    def _refusal(self, r: Rule, headers: Headers):
        if r.role:
            key = key_from_headers(headers.get("x-api-key"), headers.get("authorization"))
            allowed, status, message = self.keys.allows(key, r.role)
            if not allowed:
                return envelope(status, "unauthorized" if status == 401 else "forbidden", message)
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > r.max_bytes):
            return envelope(413, "payload_too_large", _too_large(r.max_bytes))
        return None


class BodyOverLimit(HTTPException):
    """FastAPI re-raises an HTTPException met while reading a body (any other error becomes a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large(limit))


def _too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit:,} bytes for this endpoint"


def _counting(receive: Receive, limit: int) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                # The envelope handler answers 413; nothing past the limit is read.
                raise BodyOverLimit(limit)
        return message

    return counted
