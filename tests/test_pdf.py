"""Real PDFs: one printed by Chromium from HTML (text and a ruled table), and an encrypted one."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ingest.indicators import find_tables, indicator_rows
from ingest.loaders import load_file
from ingest.prepare import prepare_file
from planqa.errors import CorruptFileError

HTML = """<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td{border:1px solid #000;padding:4px}
</style></head><body><p>某区 2024 年国民经济和社会发展计划执行情况的报告</p><p>一、2023 年计划执行情况</p>
<p>全年地区生产总值增长 6%，预计全年进出口总额达 108 亿元。</p><p>附件：主要指标</p>
<table><tr><td>主要指标</td><td>2023年计划</td><td>2023年预计完成</td></tr>
<tr><td>1. 地区生产总值增速</td><td>7.5%左右</td><td>6%</td></tr>
<tr><td>2. 进出口总额增速</td><td>8%左右</td><td>-6.6%</td></tr></table></body></html>"""


@pytest.fixture
def report_pdf(tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium prints the test PDF; .ci/run installs it"
    html = tmp_path / "r.html"
    html.write_text(HTML, encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return pdf


def test_pdf_text_and_table(report_pdf):
    text = load_file(report_pdf).text
    assert "预计全年进出口总额达 108 亿元" in text
    rows = indicator_rows("d", find_tables(text)[0])
    assert {(r.indicator_norm, r.column, r.value_text) for r in rows} >= {("进出口总额增速", "2023年预计完成", "-6.6%")}
    prepared = prepare_file(report_pdf)
    assert any(f.subject == "进出口总额" and f.value == 108 for f in prepared.facts)


def test_encrypted_pdf_is_refused_clearly(report_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(report_pdf)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    with pytest.raises(CorruptFileError, match="encrypted"):
        load_file(locked)
