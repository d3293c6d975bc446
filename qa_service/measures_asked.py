"""The measure a question asks a figure in: a unit (…亿元, …家, …岁), money, or a rate."""

from __future__ import annotations

import re

# the measure word after 多少 or 几 (亿元, 家, 人, 美元) says what kind of figure answers the question.
MEASURE_ASKED = re.compile(
    r"(?:多少|(?<![哪前])几)(万|亿|万亿)?(美元|元|个百分点|平方公里|公里|千米|千瓦|立方米|平方米|"
    r"[个家人户所座台亩吨项件名次套栋天条辆位处片批场期届岁])"
)
# "多少钱", "经费多少", "拨了多少专项经费": an amount of money answers, not a count or a share
MONEY_ASKED = re.compile(r"多少钱|(?:资金|经费|补助|补贴|奖励|金额|费用)[^，,。？?]{0,4}多少|多少[^，,。？?]{0,6}(?:资金|经费|补助|补贴|奖励|金额|费用)")
# "in yuan", "how many yuan", "in billion yuan": an amount of money, not a growth rate
ENGLISH_MONEY = re.compile(r"\bin (?:\w+ )?yuan\b|how many (?:\w+ )?yuan\b|\bhow much money\b", re.I)
RATE_ASKED = re.compile(
    r"(?:增长|增速|增幅|涨幅|下降|降低|提高|比重|占比|比例)(?:了|率)?(?:目标|计划|预期)?(?:分别|各)?(?:是|为)?(?:多少|几)"
    r"|百分之几|多少个百分点|percent|rate"
    r"|增速|增幅|涨幅|增长率|增长(?:的)?(?:预期)?目标"  # rates by name: "实际增速", "投资增长的预期目标"
)


def units_asked(text: str) -> tuple[str, ...]:
    """The units of the figure asked (…亿元 → 亿元, "多少钱" → 元), if the question says."""
    measure = MEASURE_ASKED.search(text)
    if not measure:
        money = MONEY_ASKED.search(text) or ENGLISH_MONEY.search(text)
        return ("元",) if money and not RATE_ASKED.search(text) else ()
    scale, unit = measure.group(1) or "", measure.group(2)
    if unit == "元" and scale:
        return (scale + "元",) if scale != "万" else ("万元", "亿元")
    return (unit,)
