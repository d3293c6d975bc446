"""How the UI reaches PlanQA: a remote HTTP API (PLANQA_API_URL, what ./scripts/run starts) or, for a single
user, the in-process service. Every method raises only `BackendError`, which carries a Chinese message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from planqa.settings import Settings
from ui.errors import BackendError, from_response


def _json_or_none(r: httpx.Response) -> Any:
    """The response's JSON body, or None when it has none (an error page, an empty reply)."""
    try:
        return r.json()
    except ValueError:
        return None


class PlanQAClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service = None

    @property
    def remote(self) -> bool:
        return bool(self.settings.api_url)

    @property
    def _headers(self) -> dict[str, str]:
        return {"X-API-Key": self.settings.api_key} if self.settings.api_key else {}

    def _svc(self):
        if self._service is None:
            from qa_service.service import QAService

            self._service = QAService(self.settings)
        return self._service

    # ---- transport -------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, timeout: float = 30, ok: tuple[int, ...] = (200,), **kw) -> Any:
        url = f"{self.settings.api_url.rstrip('/')}{path}"
        try:
            r = httpx.request(method, url, headers=self._headers, timeout=timeout, **kw)
        except httpx.TimeoutException as exc:
            raise BackendError("timeout", str(exc)) from exc
        except httpx.HTTPError as exc:
            raise BackendError("unavailable", str(exc)) from exc
        body = _json_or_none(r)
        if r.status_code not in ok:
            raise from_response(r.status_code, body, r.text)
        return body

    def _local(self, call, *args, **kw) -> Any:
        """In-process calls fail with the same error types as the API would send."""
        from planqa.errors import BadQuestionError, NoDocumentsError, PlanQAError

        try:
            return call(*args, **kw)
        except BackendError:
            raise
        except BadQuestionError as exc:
            raise BackendError("too_long" if "limit" in str(exc) else "bad_question", str(exc)) from exc
        except NoDocumentsError as exc:
            raise BackendError("no_documents", str(exc)) from exc
        except PlanQAError as exc:
            raise BackendError(getattr(exc, "kind", "planqa_error"), str(exc)) from exc
        except Exception as exc:  # the page must never show a traceback
            raise BackendError("internal", f"{type(exc).__name__}: {exc}") from exc

    # ---- reading -------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        if self.remote:
            return self._request("GET", "/health", timeout=5)
        return self._local(lambda: {"status": "ok", "documents": len(self._svc().documents)})

    def ask(self, question: str, history: list[dict], filters: dict | None = None) -> dict[str, Any]:
        payload = {"question": question, "history": history, "filters": filters or None}
        if self.remote:
            return self._request("POST", "/ask", json=payload, timeout=120)
        return self._local(lambda: self._svc().ask(question, history=history, filters=filters).model_dump(mode="json"))

    def ask_stream(self, question: str, history: list[dict], filters: dict | None = None) -> Iterator[dict[str, Any]]:
        """Events: {"text": segment}… then {"result": full response}. In-process, the final text comes whole."""
        if not self.remote:
            result = self.ask(question, history, filters)
            yield {"text": result["answer"]}
            yield {"result": result}
            return
        payload = {"question": question, "history": history, "filters": filters or None}
        url = f"{self.settings.api_url.rstrip('/')}/ask/stream"
        answer, result = "", {}
        try:
            with httpx.stream("POST", url, json=payload, headers=self._headers, timeout=120) as r:
                if r.status_code != 200:
                    r.read()
                    raise from_response(r.status_code, _json_or_none(r), r.text)
                event = ""
                for line in r.iter_lines():
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data = json.loads(line[5:])
                        if event == "answer":
                            answer += data["text"]
                            yield {"text": data["text"]}
                        elif event in ("citations", "done"):
                            result.update(data)
        except httpx.TimeoutException as exc:
            raise BackendError("timeout", str(exc)) from exc
        except httpx.HTTPError as exc:
            raise BackendError("unavailable", str(exc)) from exc
        except ValueError as exc:  # a broken event
            raise BackendError("internal", str(exc)) from exc
        if "found" not in result:
            raise BackendError("unavailable", "the stream ended early")
        yield {"result": {"answer": answer, "citations": [], "indicators": [], **result}}

    def documents(self) -> list[dict[str, Any]]:
        if self.remote:
            return self._request("GET", "/documents")["data"]
        return self._local(lambda: [d.model_dump(mode="json", exclude={"clean_text"}) for d in self._svc().documents])

    def indicators(self, doc_id: str) -> list[dict[str, Any]]:
        if self.remote:
            return self._request("GET", "/indicators", params={"doc_id": doc_id})["data"]
        return self._local(lambda: [r.model_dump() for r in self._svc().sql.indicators(doc_ids=[doc_id])])

    def outline(self, doc_id: str) -> list[str]:
        if self.remote:
            return self._request("GET", f"/documents/{doc_id}/outline")["data"]
        from qa_service.api.routes.feedback import outline

        return self._local(outline, self._svc(), doc_id)

    def context(self, doc_id: str, start: int, end: int, margin: int = 120) -> tuple[str, str, str]:
        """Text before, the quote, and text after, for showing a quote inside its paragraph."""
        if self.remote:
            body = self._request("GET", f"/documents/{doc_id}/context",
                                 params={"start": start, "end": end, "margin": margin})
            return body["before"], body["quote"], body["after"]
        text = self._local(self._svc().clean_text, doc_id)
        return text[max(0, start - margin) : start], text[start:end], text[end : end + margin]

    # ---- writing -------------------------------------------------------------------------------
    def feedback(self, record: dict[str, Any]) -> None:
        if self.remote:
            self._request("POST", "/feedback", json=record, ok=(200, 201))
            return
        self._local(self._svc().sql.save_feedback, record)

    def can_upload(self) -> bool:
        """Whether this UI holds an admin key. Remote: the API decides on each upload; this only hides a
        form that could not succeed. In-process: the same key ring the API uses must know the key as admin."""
        if not self.settings.api_key:
            return False
        if self.remote:
            return True
        from qa_service.security import KeyRing

        return KeyRing.from_settings(self.settings).role_of(self.settings.api_key) == "admin"

    def upload(self, data: bytes, name: str) -> dict[str, Any]:
        """Store and ingest a report; returns the API's summary (added / replaced / unchanged, counts)."""
        if self.remote:
            return self._request("POST", "/documents", files={"file": (name, data)}, timeout=600, ok=(201,))
        if not self.can_upload():
            raise BackendError("forbidden", "in-process upload needs PLANQA_API_KEY with the admin role")
        return self._local(self._ingest_local, data, name)

    def _ingest_local(self, data: bytes, name: str) -> dict[str, Any]:
        from ingest import ingest_paths
        from qa_service.uploads import UploadRejected, store_upload

        try:
            path = store_upload(data, name, self.settings.uploads_dir, self.settings.max_upload_mb * 2**20)
        except UploadRejected as exc:
            raise BackendError("too_large" if exc.status == 413 else "upload_rejected", str(exc), exc.status) from exc
        svc = self._svc()
        report = ingest_paths(self.settings, [path], embeddings=svc.embeddings, sql=svc.sql, vectors=svc.vectors)
        svc.refresh()
        if report.failed and not (report.added or report.replaced or report.unchanged):
            Path(path).unlink(missing_ok=True)
            raise BackendError("ingest_failed", report.failed[0][1])
        return {"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
                "chunks": report.chunks, "indicators": report.indicators, "facts": report.facts}
