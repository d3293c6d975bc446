"""A real `planqa serve` refuses a 300 MB body without a key at once, without reading or buffering it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import MODEL_CACHE, ROOT
from servers import free_port, wait_http

from qa_service.security import hash_key

ADMIN = "server-admin-key-0123456789"
TOTAL = 300 * 2**20
PIECE = b"a" * 2**20


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {**os.environ, "PLANQA_DATA_DIR": str(data), "PLANQA_MODEL_CACHE_DIR": str(MODEL_CACHE),
           "HF_HUB_OFFLINE": "1", "PLANQA_API_KEYS": f"admin:sha256:{hash_key(ADMIN)}",
           "PLANQA_ANONYMOUS_READ": "false"}
    log = (data / "serve.log").open("w")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen([sys.executable, "-m", "planqa_cli.main", "serve", "--port", str(port)], env=env, cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc)
        yield port, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def send_chunked(port: int, head: str) -> tuple[bytes, float, int]:
    """Stream up to 300 MB chunked (no Content-Length) while waiting for the answer.

    Returns the status line, seconds until it came, and the bytes the client managed to push meanwhile.
    """
    sock = socket.create_connection(("127.0.0.1", port))
    sent = 0
    began = time.perf_counter()

    def pump() -> None:
        nonlocal sent
        try:
            sock.sendall(head.encode())
            while sent < TOTAL:
                sock.sendall(b"%x\r\n%s\r\n" % (len(PIECE), PIECE))
                sent += len(PIECE)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection: the point of the test

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    sock.settimeout(30)
    status = sock.recv(4096).split(b"\r\n", 1)[0]
    seconds = time.perf_counter() - began
    sock.close()
    thread.join(timeout=10)
    return status, seconds, sent


def request_head(path: str, content_type: str, extra: str = "") -> str:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n{extra}"
            "Transfer-Encoding: chunked\r\n\r\n")


@pytest.mark.integration
@pytest.mark.parametrize(
    ("path", "content_type", "extra", "status"),
    [
        ("/ask", "application/json", "", b"401"),
        ("/documents", "multipart/form-data; boundary=x", "", b"401"),
        ("/v1/chat/completions", "application/json", "Authorization: Bearer wrong-key\r\n", b"401"),
        # With the admin key, the body is read, and cut off at the /ask limit.
        ("/ask", "application/json", f"X-API-Key: {ADMIN}\r\n", b"413"),
    ],
)
def test_300mb_body_refused_fast_without_growing_memory(server, path, content_type, extra, status):
    port, pid = server
    before = rss_mb(pid)
    line, seconds, sent = send_chunked(port, request_head(path, content_type, extra))
    time.sleep(0.3)
    grown = rss_mb(pid) - before
    print(f"{path} {line!r}: {seconds:.3f} s, client pushed {sent / 2**20:.0f} MiB, serve RSS +{grown:.1f} MB")
    assert status in line and seconds < 1.0 and grown < 50
    assert sent < TOTAL  # the server stopped reading long before the end


@pytest.mark.integration
def test_declared_300mb_refused_from_the_headers(server):
    port, pid = server
    sock = socket.create_connection(("127.0.0.1", port))
    began = time.perf_counter()
    sock.sendall(f"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Length: {TOTAL}\r\n"
                 f"X-API-Key: {ADMIN}\r\nContent-Type: multipart/form-data; boundary=x\r\n\r\n".encode())
    sock.settimeout(10)
    line = sock.recv(4096).split(b"\r\n", 1)[0]
    sock.close()
    assert b"413" in line and time.perf_counter() - began < 1.0
