"""The years a report's sentence speaks of, and the parts of a report that look back or plan ahead."""

from __future__ import annotations

import re

from planqa.patterns import YEAR_NIAN
from planqa.records import Chunk

COMPARED = re.compile(r"(?:快于|高于|低于|比|较|相比|同比|超过|好于)\s*$")  # "快于2024年…": a reference, not the year
REVIEW_SECTION = re.compile(r"回顾|过去|执行情况|上年|去年")
# "二、2012年工作总体部署", "今年工作安排": the part of a report that sets the year's targets
PLAN_SECTION = re.compile(r"部署|安排|总体要求|主要任务|重点任务|工作任务|重点工作|今年|目标任务|工作建议|政府工作的建议")
RELATIVE_YEAR = re.compile(r"过去一年|一年来|去年|上一?年|今年|本年")
LAST_YEARS = ("过去一年", "一年来", "去年", "上年", "上一年")
# a paragraph's lead that sets the time of the sentences after it ("过去一年，我们…取得了很大成绩。")
LEAD_TIME = re.compile(r"^\s*(过去一年|一年来|去年|今年)[，,]")
OPENING_TIME = re.compile(r"^(?:[^。，,]{0,8}[，,])?\s*(过去一年|一年来|去年)(?!年)")  # "在经济领域，过去一年里…"
PLANNED = re.compile(r"^(?:拟|将|要|力争|预计|计划)|[，；]\s*(?:拟|将)")  # a sentence that plans: "拟安排…", "…，将…"


def sentence_years(text: str, chunk: Chunk, report_year: int | None = None, lead: str = "") -> set[int]:
    """The years a sentence speaks of: its own, else its paragraph's lead's, else its section's; a report's review
    part ("过去一年工作回顾", "执行情况") speaks of the year before the report even when it never writes that year.

    `lead` is the paragraph up to the sentence: its last sentence ("过去一年，…。") or its opening clause ("在经济领域，
    过去一年里…") sets the time of a sentence that names none ("粮食产量达到…，比上年增产…": 上年 is compared with)."""
    explicit = {int(m.group(1)) for m in YEAR_NIAN.finditer(text) if not COMPARED.search(text[: m.start()])}
    if explicit:
        return explicit
    said = [m for m in RELATIVE_YEAR.finditer(text) if not COMPARED.search(text[: m.start()])]
    if report_year and said:
        # "去年居民消费价格涨幅回落到2.6%": the year before the report's; "今年赤字率…、比去年有所下调": its own
        return {report_year - (said[0].group(0) in LAST_YEARS)}
    if report_year and not YEAR_NIAN.search(text) and (led := _lead_time(lead)):
        return {report_year - (led in LAST_YEARS)}
    years = set(chunk.years)
    if report_year and REVIEW_SECTION.search(chunk.section):
        years.add(report_year - 1)
    elif report_year and PLANNED.search(text):
        years.add(report_year)  # "拟安排…" outside the review: the report's own year, whatever else the chunk dates
    return years


def _lead_time(lead: str) -> str:
    """"去年" / "今年" … when the sentence before, or the paragraph's opening clause, starts from that time."""
    ends = [m.end() for m in re.finditer(r"[。！？]", lead)]
    last = lead[ends[-2] if len(ends) > 1 else 0:] if ends else ""
    if led := LEAD_TIME.match(last):
        return led.group(1)
    # the paragraph's opening time holds until a later sentence says another ("…。今年的主要预期目标是：…")
    led = OPENING_TIME.match(lead)
    later = lead[lead.find("。", led.end()) + 1:] if led and "。" in lead[led.end():] else ""
    said = [m for pattern in (RELATIVE_YEAR, YEAR_NIAN) for m in pattern.finditer(later)
            if not COMPARED.search(later[: m.start()])]  # "比上年增长7.4%" is compared with, not said
    return led.group(1) if led and not said else ""


def lead_of(chunk: Chunk, s_start: int) -> str:
    """The sentence's paragraph up to it, as far as the chunk holds it."""
    before = chunk.text[: max(0, s_start - chunk.start)]
    return before[before.rfind("\n") + 1 :]
