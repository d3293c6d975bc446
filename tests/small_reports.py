"""Tiny plan reports (a few chunks each) for tests that run the real model in several processes."""

from __future__ import annotations

from pathlib import Path

# region, city, 2023 exports in 亿元 (distinct per report, so an answer names its source)
REPORTS = {
    "lusong": ("芦淞区", "株洲市", "77"),
    "hetang": ("荷塘区", "株洲市", "66"),
    "shifeng": ("石峰区", "株洲市", "55"),
    "lukou": ("渌口区", "株洲市", "44"),
}


def report_text(region: str, city: str, exports: str) -> str:
    return f"""关于{city}{region} 2023 年国民经济和社会发展规划执行情况与 2024 年国民经济和社会发展规划草案的报告

——2024 年 1 月 17 日在{city}{region}第六届人民代表大会第四次会议上

一、2023 年国民经济和社会发展规划执行情况

2023 年，{region}经济社会发展取得了令人鼓舞的成绩。预计{region}地区生产总值增长 6%，社会消费品零售总额增长 7.5%。扩大对外开放水平，新引进外资企业 7 家，预计全年进出口总额达 {exports} 亿元。

二、2024 年国民经济和社会发展主要目标

2024年{region}国民经济和社会发展主要预期目标是：地区生产总值增长7%左右，进出口总额增长10.5%左右。
"""


def write_report(folder: Path, key: str) -> Path:
    region, city, exports = REPORTS[key]
    path = folder / f"{key}-2024-plan-report.txt"
    path.write_text(report_text(region, city, exports), encoding="utf-8")
    return path


def question(key: str) -> str:
    return f"2023年{REPORTS[key][0]}进出口总额是多少？"
