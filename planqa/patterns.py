"""The regular expressions several packages share: years, figures, sentence ends. One home for each.

Each name says what it matches; where the packages need slightly different forms, each form is its own
name here rather than a copy in the package that uses it.
"""

from __future__ import annotations

import re

# Years.
YEAR_NIAN = re.compile(r"((?:19|20)\d{2})\s*年")
"""A year written as a year: "2024年", "2024 年"; group 1 is the year."""
YEAR_MAYBE_NIAN = re.compile(r"((?:19|20)\d{2})\s*年?")
"""A year in a table header, with or without 年 ("2024年计划", "2024 plan"); group 1 is the year."""
YEAR_BARE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
"""Four digits that can only be a year, with no other digit next to them; group 1 is the year."""
YEAR_LABEL = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*年|\s+(?:plan|estimated|target|actual|outcome)\b)")
"""A year used as a label (followed by 年 or an English column word), not as a figure."""
DATE = re.compile(r"((?:19|20)\d{2})\s*[年-]\s*(\d{1,2})\s*[月-]\s*(\d{1,2})")
"""A date "2024年1月15日" / "2024-01-15"; groups: year, month, day."""

# Figures.
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")
"""A number as written, minus sign (ASCII or U+2212) included."""
FIGURE_UNIT = (
    r"(?:%|‰|个百分点|倍|(?:[万亿千百]|万亿)?(?:美元|元|人次|人|户|家|个|项|件|名|座|台|亩|吨|次|套|栋|天|公里|千米|"
    r"所|辆|位|口|处|片|条|千瓦时|千瓦|平方公里|平方米|公顷|公斤|斤|微克/立方米|张|床|株|头|只|部|批|场|期|届|册|份|篇|km|kW))"
)
"""The units a stated figure may carry in prose."""
FIGURE_STATED = re.compile(rf"(?<![\d.])(-?\d+(?:\.\d+)?)\s*({FIGURE_UNIT})(左右|以上|以内|以下)?")
"""A figure with a known unit and optional qualifier ("108 亿元", "5.5%左右"); groups: number, unit, qualifier."""
FIGURE_LOOSE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|‰|个百分点|[万亿千]?[\u4e00-\u9fff]{1,2})")
"""A number followed by a unit-like mark or one or two Chinese characters: does a sentence state a figure?"""
FIGURE_ANSWER = re.compile(r"-?\d+(?:\.\d+)?\s*(?:%|‰|[万亿千]?[\u4e00-\u9fff]{1,2})?")
"""A figure in an answer, unit optional, for drafting gold answers from feedback."""

# Sentences.
SENTENCE_END = r"[。！？；!?;]+[”’」』）)]*|\n"
"""Where a sentence ends: a run of end marks with any closing quotes after it, or a line break."""
SENTENCE = re.compile(rf"[^。！？；!?;\n]*(?:{SENTENCE_END}|$)")
"""One sentence, its end marks included; consecutive matches cover the text."""

# An answer's citation marker: "[1]" .. "[99]". Longer bracketed numbers are the document's own ("许政[2009]34号").
CITATION_MARKER = re.compile(r"\[(\d{1,2})\]")
# a figure as written in an answer, ranges included ("5.5%—6%", "5%-5.5%", "3至5个百分点")
# a unit the genre writes, never any two characters after a number ("PM2.5等监测" is no figure)
FIGURE_TEXT = re.compile(
    r"(?<![\d.A-Za-z_])[-−]?\d+(?:\.\d+)?\s*(?:%|％)?(?:\s*[—–~～至到-]\s*\d+(?:\.\d+)?)?"
    rf"\s*(?:％|{FIGURE_UNIT})(?:左右|以上|以内|以下)?"
)
# "由…转为", "从52%提高到55%": a change of state; the year's own figure follows the verb
TURN_VERB = r"(?:转为|提高到|提高至|增加到|增加至|上升到|上升至|下降到|下降至|降至|降到|减少到|减少至|扩大到|扩大至|提升到|提升至)"
