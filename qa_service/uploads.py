"""Uploaded reports: checked by content (not only by name), stored under the data dir with a safe name."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


def upload_path(data: bytes, name: str, folder: Path, max_bytes: int) -> Path:
    """Where an upload is kept: its own safe name, no random prefix, so a corrected re-upload of a report
    lands on the same path (the document's source) and replaces the earlier document."""
    if len(data) > max_bytes:
        raise UploadRejected(f"the file is larger than {max_bytes // 2**20} MiB", 413)
    suffix = sniff(data, name)
    stem = Path(safe_filename(name)).stem
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / f"{stem}{suffix}").resolve()
    if folder.resolve() not in target.parents:
        raise UploadRejected("unsafe file name", 422)
    return target


@contextmanager
def placed_upload(data: bytes, name: str, folder: Path, max_bytes: int) -> Iterator[Path]:
    """The upload on disk for the time of the block; an error inside puts back the file it replaced."""
    target = upload_path(data, name, folder, max_bytes)
    backup = target.with_name(f".{target.name}.previous")
    if target.exists():
        os.replace(target, backup)
    try:
        target.write_bytes(data)
        yield target
    except BaseException:
        target.unlink(missing_ok=True)
        if backup.exists():
            os.replace(backup, target)
        raise
    backup.unlink(missing_ok=True)


def store_upload(data: bytes, name: str, folder: Path, max_bytes: int) -> Path:
    target = upload_path(data, name, folder, max_bytes)
    target.write_bytes(data)
    return target


def collect_unreferenced(folder: Path, sources: Iterable[str], min_age_s: float = 600.0) -> list[Path]:
    """Delete files in uploads/ that no document comes from (duplicates, failed or crashed uploads).

    Only files older than `min_age_s`: a younger one may belong to an upload still being ingested.
    """
    if not folder.is_dir():
        return []
    keep = {str(Path(s).resolve()) for s in sources}
    cutoff = time.time() - min_age_s
    removed = []
    for path in folder.iterdir():
        if path.is_file() and str(path.resolve()) not in keep and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
