"""Documents: list, quote context, upload (admin) and delete (admin)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile

from planqa.settings import Settings
from qa_service.api.deps import ServiceDep, SettingsDep, admin, reader
from qa_service.api.errors import BadOffsets, IngestFailed, NotFound
from qa_service.service import QAService
from qa_service.uploads import collect_unreferenced, placed_upload

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", dependencies=[reader])
def documents(service: ServiceDep) -> dict[str, Any]:
    data = [d.model_dump(mode="json", exclude={"clean_text"}) for d in service.documents]
    return {"data": data, "count": len(data)}


@router.get("/{doc_id}/context", dependencies=[reader])
def context(
    doc_id: str,
    service: ServiceDep,
    start: Annotated[int, Query(ge=0)],
    end: Annotated[int, Query(ge=0)],
    margin: Annotated[int, Query(ge=0, le=2000)] = 120,
) -> dict[str, Any]:
    """A quote with the text around it, so a client can show it inside its paragraph."""
    if doc_id not in {d.doc_id for d in service.documents}:
        raise NotFound(f"no document {doc_id}")
    text = service.clean_text(doc_id)
    if end < start or end > len(text):
        raise BadOffsets(f"offsets must satisfy 0 <= start <= end <= {len(text)}")
    return {"before": text[max(0, start - margin) : start], "quote": text[start:end], "after": text[end : end + margin]}


def _ingest(settings: Settings, service: QAService, path: Path) -> dict[str, Any]:
    from ingest.pipeline import Ingestor

    report = Ingestor(settings, service.embeddings, sql=service.sql, vectors=service.vectors).ingest([path])
    service.refresh()
    if report.failed and not (report.added or report.replaced or report.unchanged):
        raise IngestFailed(report.failed[0][1])
    return {"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
            "failed": [{"file": f, "reason": r} for f, r in report.failed], "chunks": report.chunks,
            "indicators": report.indicators, "facts": report.facts}


def _sources(service: QAService) -> set[str]:
    return {d.source for d in service.documents}


@router.post("", dependencies=[admin], status_code=201)
def upload(file: Annotated[UploadFile, File()], settings: SettingsDep, service: ServiceDep) -> dict[str, Any]:
    """Upload a report (txt, md, docx, pdf, html; checked by content) and ingest it.

    The same file name again replaces the document uploaded under it.
    """
    limit = settings.max_upload_mb * 2**20
    data = file.file.read(limit + 1)
    with placed_upload(data, file.filename or "upload", settings.uploads_dir, limit) as path:
        result = _ingest(settings, service, path)
    if str(path) not in _sources(service):
        path.unlink(missing_ok=True)  # the same text is already stored from another file
    collect_unreferenced(settings.uploads_dir, _sources(service))
    return result


@router.delete("/{doc_id}", dependencies=[admin])
def delete_document(doc_id: str, settings: SettingsDep, service: ServiceDep) -> dict[str, Any]:
    from ingest.pipeline import Ingestor

    if not Ingestor(settings, service.embeddings, sql=service.sql, vectors=service.vectors).remove(doc_id):
        raise NotFound(f"no document {doc_id}")
    service.refresh()
    collect_unreferenced(settings.uploads_dir, _sources(service), min_age_s=0)
    return {"removed": doc_id}
