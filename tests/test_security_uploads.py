from __future__ import annotations

import io
import zipfile

import pytest
from conftest import SAMPLE
from fastapi.testclient import TestClient

from qa_service.api import create_app
from qa_service.security import ConfigurationError, KeyRing, hash_key
from qa_service.uploads import UploadRejected, safe_filename, sniff

ADMIN, READER = "admin-key-0123456789", "reader-key-0123456789"


def keyed(settings, **extra):
    keys = f"admin:sha256:{hash_key(ADMIN)},reader:sha256:{hash_key(READER)}"
    return settings.model_copy(update={"api_keys": keys, **extra})


@pytest.fixture
def secured(fake_service, settings):
    s = keyed(settings, anonymous_read=False)
    with TestClient(create_app(lambda: fake_service, s)) as client:
        yield client


def test_roles(secured):
    ask = {"question": "研发强度多少？"}
    assert secured.post("/ask", json=ask).status_code == 401
    assert secured.post("/ask", json=ask, headers={"X-API-Key": "wrong"}).status_code == 401
    assert secured.post("/ask", json=ask, headers={"X-API-Key": READER}).status_code == 200
    assert secured.post("/ask", json=ask, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
    files = {"file": ("r.txt", b"x", "text/plain")}
    assert secured.post("/documents", files=files, headers={"X-API-Key": READER}).status_code == 403
    assert secured.delete("/documents/d1", headers={"X-API-Key": READER}).status_code == 403
    assert secured.get("/health").status_code == 200


def test_anonymous_read_never_anonymous_write(fake_service, settings):
    with TestClient(create_app(lambda: fake_service, keyed(settings, anonymous_read=True))) as client:
        assert client.post("/ask", json={"question": "研发强度多少？"}).status_code == 200
        r = client.post("/documents", files={"file": ("r.txt", b"x", "text/plain")})
        assert r.status_code == 401 and "API key" in r.json()["error"]["message"]


def test_production_refuses_placeholder_or_missing_admin_key(settings):
    with pytest.raises(ConfigurationError, match="placeholder"):
        KeyRing.from_settings(settings.model_copy(update={"environment": "production", "api_keys": f"admin:sha256:{hash_key('changeme')}"}))
    with pytest.raises(ConfigurationError, match="admin key"):
        KeyRing.from_settings(settings.model_copy(update={"environment": "production", "api_keys": ""}))
    with pytest.raises(ConfigurationError, match="role:sha256"):
        KeyRing.from_settings(settings.model_copy(update={"api_keys": "admin:plaintext"}))


def test_upload_ingests_by_content_and_delete_removes(secured, fake_service):
    head = {"X-API-Key": ADMIN}
    text = SAMPLE.read_text(encoding="utf-8").replace("天元区", "芦淞区")
    r = secured.post("/documents", files={"file": ("../../etc/芦淞 报告.txt", text.encode(), "text/plain")}, headers=head)
    assert r.status_code == 201, r.text
    assert r.json()["indicators"] == 36
    stored = r.json()["added"][0]
    assert "/uploads/" in stored and ".." not in stored
    docs = secured.get("/documents", headers=head).json()["data"]
    assert len(docs) == 2
    new = next(d for d in docs if "芦淞" in d["region"])
    assert secured.delete(f"/documents/{new['doc_id']}", headers=head).json() == {"removed": new["doc_id"]}
    assert secured.delete(f"/documents/{new['doc_id']}", headers=head).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("empty.txt", b"", 422),
        ("report.pdf", b"\x00\x01binary junk" * 10, 415),
        ("report.docx", b"PK\x03\x04 not really a zip", 415),
    ],
)
def test_upload_rejections_are_clear_json(secured, name, data, status):
    r = secured.post("/documents", files={"file": (name, data, "application/octet-stream")}, headers={"X-API-Key": ADMIN})
    assert r.status_code == status and r.json()["error"]["message"]


def test_upload_size_limit(fake_service, settings):
    s = keyed(settings, max_upload_mb=1)
    with TestClient(create_app(lambda: fake_service, s)) as client:
        r = client.post("/documents", files={"file": ("big.txt", b"a" * (2 * 2**20), "text/plain")}, headers={"X-API-Key": ADMIN})
        assert r.status_code == 413


def test_sniffing_and_names():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert sniff(buf.getvalue(), "x.bin") == ".docx"
    assert sniff(b"%PDF-1.7 ...", "x.txt") == ".pdf"
    assert sniff("<!DOCTYPE html><html>报告</html>".encode(), "a.txt") == ".html"
    with pytest.raises(UploadRejected):
        sniff(b"PK\x03\x04", "x.docx")
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\a b.txt") == "a_b.txt"
