"""A real browser against the default two-process setup: `planqa serve` + `planqa ui` as its client (what
./scripts/run starts, with an admin key for uploads) + Debian's Chromium with CJK fonts.

The tests share one stack and run in file order; the last one stops the API under the running UI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import free_port, wait_http

pytestmark = [pytest.mark.integration, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent
KEY = "browser-test-admin-key-7f3a"
MESSAGE = "[data-testid='stChatMessage']"
LUKOU = """关于株洲市渌口区2023年国民经济和社会发展计划执行情况的报告
（2024年1月10日）
一、2023年计划执行情况
（一）农业生产稳中有进
全年油料总产量达到[12.8万吨](http://x.example/a)，增长3.1%。![x](http://host.example/pixel.png)
全年粮食总产量达到25.6万吨，增长2.0%。
"""


@pytest.fixture(scope="module")
def stack(real_service, real_settings, tmp_path_factory):
    from qa_service.security import hash_key

    logs = tmp_path_factory.mktemp("logs")
    env = {**os.environ, "PLANQA_DATA_DIR": str(real_settings.data_dir),
           "PLANQA_MODEL_CACHE_DIR": str(real_settings.models_dir), "HF_HUB_OFFLINE": "1",
           "PLANQA_API_KEYS": f"admin:sha256:{hash_key(KEY)}", "PLANQA_API_KEY": KEY}
    api_port, ui_port = free_port(), free_port()
    cli = [sys.executable, "-m", "planqa_cli.main"]
    api_log = (logs / "api.log").open("w")  # noqa: SIM115 - lives as long as the server process
    ui_log = (logs / "ui.log").open("w")  # noqa: SIM115
    api = subprocess.Popen([*cli, "serve", "--port", str(api_port)], env=env, cwd=ROOT,
                           stdout=api_log, stderr=subprocess.STDOUT)
    # The UI gets no data dir of its own: it must not open the stores the API writes.
    ui_env = {k: v for k, v in env.items() if k != "PLANQA_DATA_DIR"}
    ui = subprocess.Popen([*cli, "ui", "--port", str(ui_port)],
                          env={**ui_env, "PLANQA_API_URL": f"http://127.0.0.1:{api_port}",
                               "PLANQA_DATA_DIR": str(logs / "ui-data")}, cwd=ROOT,
                          stdout=ui_log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{api_port}/health", api)
        wait_http(f"http://127.0.0.1:{ui_port}/_stcore/health", ui)
        yield {"url": f"http://127.0.0.1:{ui_port}", "api": api, "api_log": logs / "api.log",
               "paths": [str(real_settings.resolved_data_dir), str(ROOT), "/planqa/sample/", "uploads/"]}
    finally:
        for proc in (ui, api):
            proc.terminate()
            proc.wait(timeout=20)
        api_log.close()
        ui_log.close()


@pytest.fixture(scope="module")
def page(stack):
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
        page.goto(stack["url"])
        page.get_by_text("欢迎使用 PlanQA").wait_for(timeout=120_000)
        yield page
        browser.close()


def shot(page, name: str) -> None:
    """A screenshot for people to look at (PLANQA_SCREENSHOT_DIR); Streamlit scrolls inside the page, so this
    is the viewport: scroll what matters into view first."""
    folder = os.environ.get("PLANQA_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def ask(page, question: str) -> None:
    box = page.get_by_placeholder("请输入问题", exact=False)
    box.fill(question, timeout=120_000)  # waits while the input is disabled for the previous answer
    box.press("Enter")


def answered(page, n_assistant: int) -> None:
    """Wait until `n_assistant` assistant turns are finished (each ends with an invisible .pq-done)."""
    try:
        page.wait_for_function("n => document.querySelectorAll('.pq-done').length >= n", arg=n_assistant,
                               timeout=120_000)
    except Exception:
        shot(page, "failed.png")
        print(page.locator(MESSAGE).all_inner_texts())
        raise


def no_server_path(page, stack) -> None:
    html = page.content()
    for path in stack["paths"]:
        assert path not in html, path


def test_welcome_then_answer_with_sources_and_header_row(page, stack):
    # Widgets render after the text: wait for the last ones, or the screenshot shows grey placeholders.
    page.get_by_role("button", name="研发强度多少？").wait_for(timeout=60_000)
    page.get_by_placeholder("请输入问题", exact=False).wait_for(timeout=60_000)
    shot(page, "welcome.png")
    ask(page, "2023年进出口完成情况如何？")
    answered(page, 1)
    answer = page.locator(MESSAGE).nth(1)
    assert "-6.6%" in answer.inner_text()
    # The [n] marker links to its source on the page.
    assert answer.locator("a[href='#src-0-1']").count() == 1
    assert page.locator("#src-0-1").count() == 1
    # The cited table row shows under its header row.
    table = answer.locator(".pq-table table").filter(has_text="进出口总额增速").first
    header = table.locator("th").all_inner_texts()
    assert "指标" in header and "2023年预计完成" in header
    assert "-6.6%" in table.locator("td").all_inner_texts()
    answer.locator("[data-testid='stExpander'] summary").first.click()
    page.locator("mark").first.wait_for(timeout=30_000)
    no_server_path(page, stack)
    answer.evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, "answer.png")


def test_employment_chart_has_one_unit_per_axis(page, stack):
    ask(page, "城镇新增就业人数是多少？")
    answered(page, 2)
    answer = page.locator(MESSAGE).nth(3)
    charts = answer.locator("[data-testid='stVegaLiteChart']")
    charts.first.wait_for(timeout=30_000)  # the captions come with the charts: read them once those are drawn
    charts.nth(1).wait_for(timeout=30_000)
    captions = answer.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    units = [c for c in captions if "单位：" in c]
    assert any(c.endswith("（单位：人）") for c in units) and any(c.endswith("（单位：万人）") for c in units)
    assert charts.count() == len(units) == 2
    charts.first.scroll_into_view_if_needed()
    shot(page, "chart.png")


def test_two_questions_a_tenth_of_a_second_apart_both_stay(page):
    before = page.locator(MESSAGE).count()
    box = page.get_by_placeholder("请输入问题", exact=False)
    box.fill("研发强度多少？")
    box.press("Enter")
    time.sleep(0.1)
    ask(page, "2023年进出口完成情况如何？")
    answered(page, before // 2 + 2)
    texts = page.locator(MESSAGE).all_inner_texts()
    assert len(texts) == before + 4
    assert any("研发强度多少" in t for t in texts[before:]) and any("进出口完成" in t for t in texts[before:])


def test_upload_then_ask_in_the_two_process_setup(page, stack, tmp_path):
    report = tmp_path / "渌口区2023年计划执行情况.txt"
    report.write_text(LUKOU, encoding="utf-8")
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(str(report))
    page.get_by_role("button", name="入库").click()
    page.get_by_text("已入库", exact=False).wait_for(timeout=180_000)
    before = page.locator(MESSAGE).count()
    ask(page, "渌口区2023年油料总产量是多少？")
    answered(page, before // 2 + 1)
    answer = page.locator(MESSAGE).nth(before + 1).inner_text()
    assert "12.8" in answer, answer
    # The document's markdown link and image stay literal text: nothing loads or links to their hosts.
    assert page.locator("img[src*='host.example'], a[href*='x.example']").count() == 0
    assert not re.search(r'" 5\d\d ', stack["api_log"].read_text(encoding="utf-8"))
    no_server_path(page, stack)


def test_api_stopped_mid_session_shows_chinese_message_and_keeps_history(page, stack):
    before = page.locator(MESSAGE).count()
    stack["api"].terminate()
    stack["api"].wait(timeout=20)
    ask(page, "今年GDP预期增长多少？")
    page.locator("[data-testid='stAlertContentError']").last.wait_for(timeout=60_000)
    error = page.locator("[data-testid='stAlertContentError']").last.inner_text()
    assert "连接不上问答服务" in error
    assert "Traceback" not in page.content() and "httpx" not in page.content()
    texts = page.locator(MESSAGE).all_inner_texts()
    assert len(texts) == before + 2 and "-6.6%" in texts[1]
    page.locator("[data-testid='stAlertContentError']").last.scroll_into_view_if_needed()
    shot(page, "error.png")
