"""Uploaded reports: checked by content (not only by name), stored under the data dir with a safe name."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from pathlib import Path

from planqa.errors import PlanQAError
from planqa.text import decode_text


class UploadRejected(PlanQAError):
    def __init__(self, message: str, status: int = 415) -> None:
        super().__init__(message)
        self.status = status


SAFE_NAME = re.compile(r"[^\w\u4e00-\u9fff.\-]+")


def safe_filename(name: str) -> str:
    base = Path(name.replace("\\", "/")).name  # drops any directory part, ../ included
    base = SAFE_NAME.sub("_", base).strip("._") or "upload"
    return base[:120]


def sniff(data: bytes, name: str) -> str:
    """The suffix the content really has; rejects what PlanQA cannot read."""
    if not data:
        raise UploadRejected("the file is empty", 422)
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return ".docx"
        except zipfile.BadZipFile:
            pass
        raise UploadRejected("a zip archive that is not a Word .docx document")
    head = data[:2048].lower()
    try:
        decode_text(data)
    except PlanQAError as exc:
        raise UploadRejected(f"not a supported document: {exc}") from exc
    if b"<html" in head or b"<!doctype html" in head:
        return ".html"
    return ".md" if name.lower().endswith(".md") else ".txt"


def store_upload(data: bytes, name: str, folder: Path, max_bytes: int) -> Path:
    if len(data) > max_bytes:
        raise UploadRejected(f"the file is larger than {max_bytes // 2**20} MiB", 413)
    suffix = sniff(data, name)
    stem = Path(safe_filename(name)).stem
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / f"{uuid.uuid4().hex[:8]}-{stem}{suffix}").resolve()
    if folder.resolve() not in target.parents:
        raise UploadRejected("unsafe file name", 422)
    target.write_bytes(data)
    return target
