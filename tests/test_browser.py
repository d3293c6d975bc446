"""A real browser against the real stack: `planqa serve` + `planqa ui` (remote mode) + Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from servers import free_port, wait_http

pytestmark = [pytest.mark.integration, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent



@pytest.fixture
def stack(real_service, real_settings, tmp_path):
    env = {**os.environ, "PLANQA_DATA_DIR": str(real_settings.data_dir),
           "PLANQA_MODEL_CACHE_DIR": str(real_settings.models_dir), "HF_HUB_OFFLINE": "1"}
    api_port, ui_port = free_port(), free_port()
    cli = [sys.executable, "-m", "planqa_cli.main"]
    api_log = (tmp_path / "api.log").open("w")  # noqa: SIM115 - lives as long as the server process
    ui_log = (tmp_path / "ui.log").open("w")  # noqa: SIM115
    api = subprocess.Popen([*cli, "serve", "--port", str(api_port)], env=env, cwd=ROOT,
                           stdout=api_log, stderr=subprocess.STDOUT)
    ui = subprocess.Popen([*cli, "ui", "--port", str(ui_port)],
                          env={**env, "PLANQA_API_URL": f"http://127.0.0.1:{api_port}"}, cwd=ROOT,
                          stdout=ui_log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{api_port}/health", api)
        wait_http(f"http://127.0.0.1:{ui_port}/_stcore/health", ui)
        yield f"http://127.0.0.1:{ui_port}"
    finally:
        for proc in (ui, api):
            proc.terminate()
            proc.wait(timeout=20)
        api_log.close()
        ui_log.close()


def test_chat_in_a_real_browser_shows_answer_and_quote(stack, tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required (apt-get install chromium fonts-wqy-zenhei); .ci/run installs it"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(stack)
        box = page.get_by_placeholder("请输入问题", exact=False)
        box.wait_for(timeout=60_000)
        box.fill("2023年进出口完成情况如何？")
        box.press("Enter")
        answer = page.locator("[data-testid='stChatMessage']").filter(has_text="108").last
        answer.wait_for(timeout=60_000)
        assert "-6.6%" in answer.inner_text()
        page.locator("[data-testid='stExpander'] summary").filter(has_text="[2]").last.click()
        quote = page.locator("mark").filter(has_text="预计全年进出口总额达 108 亿元")
        quote.first.wait_for(timeout=30_000)
        shot = tmp_path / "chat.png"
        page.screenshot(path=str(shot), full_page=True)
        if os.environ.get("PLANQA_SCREENSHOT_DIR"):
            shutil.copy(shot, Path(os.environ["PLANQA_SCREENSHOT_DIR"]) / "chat.png")
        browser.close()
    assert shot.stat().st_size > 10_000
