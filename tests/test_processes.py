"""Real processes, the real model: several `planqa serve` and `planqa ingest` sharing one set of stores."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from conftest import MODEL_CACHE, HashEmbeddings
from servers import chroma_server, free_port, postgres, wait_http
from small_reports import question, write_report

from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex
from qa_service.security import hash_key

pytestmark = pytest.mark.integration

PLANQA = str(Path(sys.executable).with_name("planqa"))
ADMIN_KEY = "test-admin-key-processes"
ADMIN = {"X-API-Key": ADMIN_KEY}


@pytest.fixture(scope="module")
def base_env() -> dict[str, str]:
    models = os.environ.get("PLANQA_MODEL_CACHE_DIR") or str(MODEL_CACHE)
    env = {**os.environ, "PLANQA_MODEL_CACHE_DIR": models, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PLANQA_API_KEYS": f"admin:sha256:{hash_key(ADMIN_KEY)}", "TOKENIZERS_PARALLELISM": "false"}
    built = subprocess.run([PLANQA, "model", "build"], env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    return env


@contextmanager
def serve(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    port = free_port()
    log = open(data_dir.parent / f"serve-{port}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([PLANQA, "serve", "--port", str(port)], env={**env, "PLANQA_DATA_DIR": str(data_dir)},
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/health", proc, seconds=300)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def ask(url: str, key: str) -> httpx.Response:
    return httpx.post(url + "/ask", json={"question": question(key)}, timeout=120)


def upload(url: str, path: Path) -> dict:
    with path.open("rb") as f:
        response = httpx.post(url + "/documents", files={"file": (path.name, f, "text/plain")}, headers=ADMIN,
                              timeout=300)
    assert response.status_code == 201, response.text
    return response.json()


def doc_id(url: str, region: str) -> str:
    docs = httpx.get(url + "/documents", timeout=30).json()
    docs = docs.get("documents", docs.get("data", docs)) if isinstance(docs, dict) else docs
    return next(d["doc_id"] for d in docs if d["region"].endswith(region))


def cited(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {c["doc_id"] for c in response.json()["citations"]}


def test_two_servers_on_shared_stores_see_each_others_writes(base_env, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    with ExitStack() as stack:
        db_url = stack.enter_context(postgres(tmp_path))
        chroma_url = stack.enter_context(chroma_server(tmp_path))
        env = {**base_env, "PLANQA_DATABASE_URL": db_url, "PLANQA_CHROMA_URL": chroma_url}
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = stack.enter_context(serve(env, tmp_path / "a"))  # two hosts: their own data dirs
        second = stack.enter_context(serve(env, tmp_path / "b"))

        upload(first, write_report(reports, "hetang"))
        upload(first, write_report(reports, "lusong"))
        uploaded = time.monotonic()
        lusong = doc_id(first, "芦淞区")
        while True:  # within a second or two the other server answers from it
            response = ask(second, "lusong")
            if response.status_code == 200 and lusong in cited(response):
                break
            assert time.monotonic() - uploaded < 2.0, response.text
            time.sleep(0.1)
        assert "77" in response.json()["answer"]

        assert ask(first, "lusong").json()["citations"]  # the first has it in its snapshot too
        assert httpx.delete(f"{second}/documents/{lusong}", headers=ADMIN, timeout=60).status_code == 200
        removed = time.monotonic()
        while lusong in cited(ask(first, "lusong")):
            assert time.monotonic() - removed < 2.0
            time.sleep(0.1)
        health = httpx.get(first + "/health", timeout=30).json()
        assert health["documents"] == 1


def test_concurrent_writers_on_an_embedded_data_dir(base_env, tmp_path):
    data = tmp_path / "data"
    reports = tmp_path / "reports"
    reports.mkdir()
    env = {**base_env, "PLANQA_DATA_DIR": str(data)}
    first = subprocess.run([PLANQA, "ingest", str(write_report(reports, "hetang"))], env=env,
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    with serve(env, data) as url:
        assert "66" in ask(url, "hetang").json()["answer"]
        statuses: list[int] = []
        stop = threading.Event()

        def keep_asking() -> None:
            while not stop.is_set():
                for key in ("hetang", "lusong", "shifeng"):
                    statuses.append(ask(url, key).status_code)

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            cli = subprocess.Popen([PLANQA, "ingest", str(write_report(reports, "lusong"))], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            upload(url, write_report(reports, "shifeng"))  # a second writer: the server's own upload
            output = cli.communicate(timeout=600)[0]
            assert cli.returncode == 0, output[-2000:]
            time.sleep(1)
        finally:
            stop.set()
            asker.join(timeout=300)
        assert statuses and set(statuses) == {200}, sorted(set(statuses))

        # The server answers from both new documents without a restart.
        assert "77" in ask(url, "lusong").json()["answer"]
        assert "55" in ask(url, "shifeng").json()["answer"]
        assert cited(ask(url, "lusong")) == {doc_id(url, "芦淞区")}
        assert cited(ask(url, "shifeng")) == {doc_id(url, "石峰区")}

    settings = Settings(data_dir=data)
    sql, vectors = SqlStore(settings.sqlalchemy_url), VectorIndex(settings, HashEmbeddings())
    documents = sql.documents()
    assert len(documents) == 3
    for doc in documents:  # every document ends with all its vectors
        ids = vectors.collection.get(where={"doc_id": doc.doc_id}, include=[])["ids"]
        assert len(ids) == doc.n_chunks > 0, doc.region
    assert vectors.doc_ids() == sql.doc_ids()
