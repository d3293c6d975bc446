"""/docs and /redoc render in Chromium with every request off loopback refused (an intranet without a CDN)."""

from __future__ import annotations

import shutil
import threading
import time
from urllib.parse import urlparse

import pytest
import uvicorn
from servers import free_port

from qa_service.api import create_app

pytestmark = [pytest.mark.browser]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def base_url(fake_service):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: fake_service), host="127.0.0.1", port=port,
                                          log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_docs_render_offline(base_url):
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required (apt-get install chromium); .ci/run installs it"
    from playwright.sync_api import sync_playwright

    refused: list[tuple[str, str]] = []

    def loopback_only(route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            refused.append((route.request.resource_type, route.request.url))
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page()
        page.route("**/*", loopback_only)
        page.goto(f"{base_url}/docs")
        page.locator(".opblock-summary-path", has_text="/ask").first.wait_for(timeout=60_000)
        assert page.locator(".opblock").count() >= 8
        page.goto(f"{base_url}/redoc")
        page.get_by_text("/v1/chat/completions").first.wait_for(timeout=60_000)
        browser.close()
    # ReDoc's bundle links its footer logo from cdn.redoc.ly; a missing image is cosmetic. Nothing the page
    # needs (scripts, styles, fonts, the schema) may come from off the machine.
    assert [(kind, url) for kind, url in refused if kind != "image"] == []
