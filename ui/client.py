"""How the UI reaches PlanQA: the in-process service (default) or a remote HTTP API (PLANQA_API_URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from planqa.settings import Settings


class PlanQAClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service = None

    @property
    def _headers(self) -> dict[str, str]:
        return {"X-API-Key": self.settings.api_key} if self.settings.api_key else {}

    @property
    def remote(self) -> bool:
        return bool(self.settings.api_url)

    def _svc(self):
        if self._service is None:
            from qa_service.service import QAService

            self._service = QAService(self.settings)
        return self._service

    def ask(self, question: str, history: list[dict], filters: dict | None = None) -> dict[str, Any]:
        if self.remote:
            r = httpx.post(
                f"{self.settings.api_url.rstrip('/')}/ask",
                json={"question": question, "history": history, "filters": filters or None},
                headers=self._headers,
                timeout=60,
            )
            body = r.json()
            if r.status_code != 200:
                raise RuntimeError(body.get("error", {}).get("message", r.text))
            return body
        return self._svc().ask(question, history=history, filters=filters).model_dump(mode="json")

    def documents(self) -> list[dict[str, Any]]:
        if self.remote:
            url = f"{self.settings.api_url.rstrip('/')}/documents"
            return httpx.get(url, headers=self._headers, timeout=30).json()["data"]
        return [d.model_dump(mode="json", exclude={"clean_text"}) for d in self._svc().documents]

    def context(self, doc_id: str, start: int, end: int, margin: int = 120) -> tuple[str, str, str]:
        """Text before, the quote, and text after, for showing a quote inside its paragraph."""
        if self.remote:
            r = httpx.get(
                f"{self.settings.api_url.rstrip('/')}/documents/{doc_id}/context",
                params={"start": start, "end": end, "margin": margin},
                headers=self._headers,
                timeout=30,
            )
            if r.status_code != 200:
                return "", "", ""
            body = r.json()
            return body["before"], body["quote"], body["after"]
        text = self._svc().clean_text(doc_id)
        return text[max(0, start - margin) : start], text[start:end], text[end : end + margin]

    def ingest(self, path) -> str:
        if self.remote:
            with open(path, "rb") as f:
                r = httpx.post(
                    f"{self.settings.api_url.rstrip('/')}/documents",
                    files={"file": (Path(path).name, f)},
                    headers=self._headers,
                    timeout=600,
                )
            body = r.json()
            if r.status_code != 201:
                return f"失败：{body.get('error', {}).get('message', r.text)}"
            return f"已入库：{body['chunks']} 个片段，{body['indicators']} 个指标值，{body['facts']} 条数字事实"
        from ingest import ingest_paths

        svc = self._svc()
        report = ingest_paths(self.settings, [path], embeddings=svc.embeddings, sql=svc.sql, vectors=svc.vectors)
        if report.failed:
            return f"失败：{report.failed[0][1]}"
        svc.refresh()
        return f"已入库：{report.chunks} 个片段，{report.indicators} 个指标值，{report.facts} 条数字事实"
