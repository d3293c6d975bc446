"""The years a question asks about: written ("2025年"), relative to its report ("去年"), or naming the report."""

from __future__ import annotations

import re

from planqa.patterns import YEAR_BARE
from qa_service.intents import intent_of

RELATIVE = {"前年": -2, "过去一年": -1, "一年来": -1, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0, "明年": 1}
RELATIVE_EN = {"last year": -1, "this year": 0, "next year": 1, "previous year": -1}
ANAPHORIC = ("当年", "同年", "that year", "the same year")  # the year just named, not the report's
RELATIVE_WORDS = re.compile(r"(?:19|20)\d{2}\s*年?|前年|过去一年|一年来|去年|上一?年|今年|本年|当年|明年")
# "2023年政府工作报告", "2021年和2023年政府工作报告": years right before the word 报告 name reports
REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*[和与及、至到-]\s*(?:19|20)\d{2}\s*年)*(?:的)?(?:[\u4e00-\u9fff]{0,8})?报告")
REPORT_YEAR_EN = re.compile(r"\b((?:19|20)\d{2})\s+(?:national\s+|chinese\s+)?(?:government\s+work\s+|work\s+)?report\b", re.I)
# "根据2021年报告的回顾": the year before the report's, which its review looks back on
REVIEWED = re.compile(r"回顾|looking back|\breview(?:ed|ing)?\b", re.I)
# "what does the 2026 report say was actually reached": the year it names once is the report's
OUTCOME_SAID = re.compile(r"实际|\bactual(?:ly)?\b", re.I)
# a five-year period asked for, not one year ("十一五时期", "过去五年", "over the 13th Five-Year Plan")
PERIOD = re.compile(r"十[一二三四五]五|过去五年|五年来|今后五年|\bfive[- ]year plan\b|\bpast five years\b", re.I)
YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")  # cut out before segmenting: "2025年全社会" is not "年全"


def asked_years(text: str) -> tuple[list[int], list[int]]:
    """(years written, shifts from the report's year). One wins when both are said."""
    lower = text.lower()
    years = sorted({int(y) for y in YEAR_BARE.findall(text)})
    relative = sorted({v for k, v in RELATIVE.items() if k in text} | {v for k, v in RELATIVE_EN.items() if k in lower})
    naming = named_reports(text)
    # ("…that year, according to the 2026 report": one year, the report's, is no anchor for "that year")
    if years and any(w in lower for w in ANAPHORIC) and not (len(years) == 1 and set(years) <= naming):
        return [int(YEAR_BARE.search(text).group(1))], []  # "2020年定的目标和当年的结果": that year is 2020
    if relative and years and set(years) <= naming:
        return [], relative  # "2026年政府工作报告里说，去年…": the year names the report, 去年 is the year asked
    if years:
        # "从2021年报告看，2020年实际增长多少": the year written apart from the report's is the year asked
        asked = [y for y in years if y not in naming]
        if asked:
            return asked, []
        if len(years) == 2 and years[1] == years[0] + 1 and _asks_target_and_outcome(lower):
            return years[:1], []  # "粮食产量目标和实际（见2016年和2017年报告）": the first report's year
        if PERIOD.search(text):
            return [], []  # "2021年报告中十三五时期粮食产量多少": the report's period, not its year
        if REVIEWED.search(text) or (OUTCOME_SAID.search(text) and len(YEAR_BARE.findall(text)) == len(years)):
            # "what does the 2026 report say was actually reached": a report tells the outcome of the year before
            return sorted({y - 1 for y in years}), []
        return years, []  # "去年（2025年）", "2025年比上年增长": the year written is the year asked
    return years, relative


def named_reports(text: str) -> set[int]:
    """The years of the reports a question names: "2023年政府工作报告", "the 2021 government work report"."""
    named = {int(y) for m in REPORT_YEAR.finditer(text) for y in YEAR_BARE.findall(m.group(0))}
    return named | {int(m.group(1)) for m in REPORT_YEAR_EN.finditer(text)}


def _asks_target_and_outcome(lower: str) -> bool:
    return intent_of(lower) == "review"
