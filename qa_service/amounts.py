"""The amount of an indicator, as against its rate: "进出口总额是多少" asks for a figure in the indicator's own
units (the vocabulary's `amount`), which its growth rate or a count of something else does not give."""

from __future__ import annotations

import re

from planqa.patterns import TURN_VERB
from qa_service.fragments import RATE, TIME, extend_to_rate, has_unit
from qa_service.query import Question

RATE_NAME = re.compile(r"率|强度|涨幅|比重|比例|指数|价格|增速|浓度|占比")  # indicators measured as a rate
GROWTH_ASKED = re.compile(r"增长|增速|增幅|涨|提高|提升|下降|降低|减少|变化|比上年|同比|grow|increase|rise|fall")
HOW_MUCH = re.compile(r"多少|\bhow (?:much|many)\b", re.IGNORECASE)
LEVEL = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?!个百分点|[%％‰年月日号])[万亿千百]*[\u4e00-\u9fffA-Za-z]")  # an amount


def asks_amount(q: Question) -> bool:
    """"粮食产量是多少", "进出口总额是多少": the amount of an indicator that is an amount (not a rate, a share
    or an index), asked with no word of growth, and not as a target (a target is mostly a growth rate:
    "一般公共预算收入的目标" is "增长4%左右")."""
    return bool(q.indicators) and bool(HOW_MUCH.search(q.text)) and q.intent != "plan" and not (
        q.wants_rate or q.units or q.wants_time) and not any(
        RATE_NAME.search(ind.name) for ind in q.indicators) and not GROWTH_ASKED.search(q.text) and not (
        RATE_NAME.search(q.text))  # "…相当于全市生产总值的比例要达到多少": a share is asked


def states_amount(q: Question, fragment: str) -> bool:
    units = [ind.amount for ind in q.indicators if ind.amount]
    if not units:
        return bool(LEVEL.search(fragment))
    return any(re.search(rf"\d(?:\.\d+)?\s*[万亿千百]*(?:{u})", fragment) for u in units)


TURN_CLAUSE = re.compile(rf"[，,]\s*{TURN_VERB}[^，,；;。]*")


PLANNED_AS = re.compile(r"计划为|计划是|目标为|目标是|预期为|原定")
OUTCOME_NEXT = re.compile(r"[，,；;]\s*(?:实际|执行结果|结果|完成)[^，,；;。]*?\d[^，,；;。]*")


def extended(q: Question, text: str, fragment: str) -> str:
    """The fragment with the next clause or two when they hold what is asked and it does not: the rate, the
    date, or the amount ("地区生产总值增长6.1%、增速居全国前列，总量达到41000亿元"); and the clause a change
    turns in ("能耗由前三年分别上升4.9％、5.5％，转为下降1.2%": the year's own figure is after the turn)."""
    at = text.find(fragment)
    if at >= 0 and re.search(r"由|从", fragment) and not re.search(TURN_VERB, fragment):
        turn = TURN_CLAUSE.match(text, at + len(fragment))
        fragment = text[at : turn.end()] if turn else fragment
    if q.intent == "actual" and PLANNED_AS.search(fragment) and (then := OUTCOME_NEXT.match(text, at + len(fragment))):
        return text[at : then.end()].rstrip("，,；;。")  # "…计划为3.7%，实际达到4.6%": the outcome is after the plan
    if q.wants_rate and not RATE.search(fragment):
        return extend_to_rate(text, fragment)
    if q.wants_time and len(TIME.findall(fragment)) < q.wants_time:
        return extend_to_rate(text, fragment, wanted=TIME)
    if asks_amount(q) and not states_amount(q, fragment):
        units = "|".join(ind.amount for ind in q.indicators if ind.amount) or "[\u4e00-\u9fff]"
        return extend_to_rate(text, fragment, wanted=re.compile(rf"\d(?:\.\d+)?\s*[万亿千百]*(?:{units})"),
                              continuing=True)
    return fragment


# "确切数字是多少", "the exact figure": a bound ("稳定在1100亿斤以上", "突破6000亿元") does not say it
EXACT_ASKED = re.compile(r"具体|确切|精确|\bexact(?:ly)?\b|\bspecific\b|\bprecise(?:ly)?\b", re.I)
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
BOUND_AFTER = re.compile(r"\s*[万亿千百]*[^\d，,；;。、]{0,4}?(?:以上|以下|以内)")
BOUND_BEFORE = re.compile(r"(?:超过|突破|超|逾|近|不少于|不低于)\s*$")


def bound_for_exact(q: Question, fragment: str) -> bool:
    """An outcome asked exactly, answered by bounds only: the report does not give the figure."""
    if q.intent == "plan" or not EXACT_ASKED.search(q.text):
        return False
    numbers = [m for m in NUMBER.finditer(fragment) if not re.match(r"\s*年", fragment[m.end():])]
    return bool(numbers) and all(BOUND_AFTER.match(fragment, m.end()) or BOUND_BEFORE.search(fragment[: m.start()])
                                 for m in numbers)


def measure_shown(q: Question, fragment: str) -> bool:
    """The unit and the rate asked are shown; "外贸总额为多少" by an amount in its units (not its growth rate, not a
    count); an exact figure asked by more than a bound."""
    if (q.units and not has_unit(fragment, q.units)) or (
            q.wants_rate and not RATE.search(fragment) and not _changed_by_amount(q, fragment)):
        return False
    return not ((asks_amount(q) and not states_amount(q, fragment)) or bound_for_exact(q, fragment))


# "提高多少" asks a change, which may be an amount ("每吨提高50元"); a rate asked by name
# ("增速", "百分之几") is a rate
CHANGE_ASKED = re.compile(r"(?:提高|降低|下降|增加|减少)(?:了)?(?:分别|各)?(?:是|为)?(?:多少|几)")
RATE_NAMED = re.compile(r"增速|增幅|涨幅|增长率|百分之|百分点|比重|占比|比例|percent|rate", re.I)
CHANGED_BY = re.compile(r"(?:提高|降低|下降|增加|减少)(?:了)?\d+(?:\.\d+)?\s*[万亿千百]*[\u4e00-\u9fff]")


def _changed_by_amount(q: Question, fragment: str) -> bool:
    return bool(CHANGE_ASKED.search(q.text) and not RATE_NAMED.search(q.text) and CHANGED_BY.search(fragment))
