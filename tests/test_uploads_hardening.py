"""Issue 14/12: NULs in text, limits sized to real reports, re-upload replaces, stray upload files collected."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest
from conftest import SAMPLE
from fastapi.testclient import TestClient

from ingest import loaders, prepare
from ingest.loaders import load_file
from ingest.prepare import prepare_text
from planqa.errors import CorruptFileError
from qa_service.api import create_app
from qa_service.security import hash_key
from qa_service.uploads import collect_unreferenced

ADMIN = "upload-admin-key-0123456789"
HEAD = {"X-API-Key": ADMIN}


def test_nul_bytes_anywhere_in_a_txt_are_dropped(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(text[:3000].encode() + b"\x00\x00" + text[3000:].encode() + b"\x00")
    loaded = load_file(path)
    assert "\x00" not in loaded.text and len(loaded.text) == len(text)
    assert "\x00" not in prepare_text(loaded.text, str(path), "r").document.clean_text


def test_limits_are_sized_to_real_reports(tmp_path, monkeypatch):
    long = tmp_path / "long.txt"
    long.write_text("报告正文。" * (loaders.MAX_TEXT_CHARS // 5 + 1), encoding="utf-8")
    with pytest.raises(CorruptFileError, match="characters of text"):
        load_file(long)
    many = "\n".join(f"第{i}段：本段是一条足够长的正文内容。" for i in range(prepare.MAX_CHUNKS + 1))
    with pytest.raises(CorruptFileError, match="chunks"):
        prepare_text(many, "many", "many")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (loaders.MAX_DOCX_UNCOMPRESSED + 1))
    with pytest.raises(CorruptFileError, match="zip bomb"):
        load_file(bomb)


@pytest.fixture
def admin_client(fake_service, settings):
    s = settings.model_copy(update={"api_keys": f"admin:sha256:{hash_key(ADMIN)}"})
    with TestClient(create_app(lambda: fake_service, s)) as client:
        yield client, s


def _report(region: str, extra: str = "") -> bytes:
    return (SAMPLE.read_text(encoding="utf-8").replace("天元区", region) + extra).encode()


def test_reupload_of_the_same_name_replaces_the_document(admin_client):
    client, settings = admin_client
    first = client.post("/documents", files={"file": ("芦淞 报告.txt", _report("芦淞区"), "text/plain")}, headers=HEAD)
    assert first.status_code == 201 and first.json()["added"]
    corrected = _report("芦淞区", "\n补充说明：本报告已更正。")
    second = client.post("/documents", files={"file": ("芦淞 报告.txt", corrected, "text/plain")}, headers=HEAD)
    assert second.status_code == 201 and second.json()["replaced"] and not second.json()["added"]
    docs = client.get("/documents").json()["data"]
    assert len(docs) == 2 and sum("芦淞" in d["region"] for d in docs) == 1
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["芦淞_报告.txt"]


def test_failed_reupload_keeps_the_earlier_file(admin_client):
    client, settings = admin_client
    client.post("/documents", files={"file": ("r.txt", _report("芦淞区"), "text/plain")}, headers=HEAD)
    stored = settings.uploads_dir / "r.txt"
    before = stored.read_bytes()
    r = client.post("/documents", files={"file": ("r.txt", b"\n\n \n", "text/plain")}, headers=HEAD)
    assert r.status_code == 422 and stored.read_bytes() == before


def test_unreferenced_upload_files_are_collected(admin_client):
    client, settings = admin_client
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    stray = settings.uploads_dir / "crashed-upload.txt"
    stray.write_text("left by a crash")
    old = time.time() - 3600
    os.utime(stray, (old, old))
    young = settings.uploads_dir / "in-flight.txt"
    young.write_text("another upload, still ingesting")
    # The same text under another name is 'unchanged': its file is not kept either.
    client.post("/documents", files={"file": ("copy.txt", SAMPLE.read_bytes(), "text/plain")}, headers=HEAD)
    names = {p.name for p in settings.uploads_dir.iterdir()}
    assert "crashed-upload.txt" not in names and "copy.txt" not in names and "in-flight.txt" in names
    assert collect_unreferenced(settings.uploads_dir, [], min_age_s=0) == [young]


def test_delete_removes_the_uploaded_file(admin_client):
    client, settings = admin_client
    added = client.post("/documents", files={"file": ("x.txt", _report("渌口区"), "text/plain")}, headers=HEAD)
    assert added.status_code == 201
    doc = next(d for d in client.get("/documents").json()["data"] if "渌口" in d["region"])
    assert client.delete(f"/documents/{doc['doc_id']}", headers=HEAD).status_code == 200
    assert not (settings.uploads_dir / "x.txt").exists()


def test_zip_that_is_not_docx_still_refused(admin_client):
    client, _ = admin_client
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    r = client.post("/documents", files={"file": ("a.docx", buf.getvalue(), "application/zip")}, headers=HEAD)
    assert r.status_code == 415 and r.json()["error"]["type"] == "upload_rejected"
