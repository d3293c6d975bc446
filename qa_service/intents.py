"""What a question's words say it wants of a figure: the target (plan), the outcome (actual), how the target
went (review: both), or any of them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.query import Question

# "力争达到多少", "要实现多少": an outcome word after a word of intent asks for the target, not the outcome
INTENDED = re.compile(r"(?:力争|争取|确保|打算|要|将|拟)(?:实现|达到|完成|增长)(?!情况)")
FIVE_YEAR_PLAN = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\s+five[- ]year\s+plan\b|五年规划|规划纲要", re.I)
TARGET_NAMED = re.compile(r"目标|计划|预期|\btargets?\b|\bgoals?\b|\bplanned\b", re.I)
# names that hold a plan word and plan nothing: life expectancy, an anticipatory indicator, family planning
NAMED_NOT_PLANNED = re.compile(r"预期寿命|预期性|计划生育|计划单列|planned parenthood")
# words that also say what a target is to reach: an outcome only with a stronger word beside them
WEAK_ACTUAL = re.compile(r"达到|(?<!实际)(?<!预计)完成(?!了|情况)|取得|\bwas\b|\bwere\b")


# "…set a growth target; what was it?": the clause asks of the thing before, its "was" is no outcome word
PRONOUN_ASKED = re.compile(r"^\s*(?:what|how much|how many|how high)\s+(?:was|were|is|are)\s+(?:it|they|that|this)\W*$")


def intent_of(lower: str) -> str:
    """plan (a target), actual (an outcome), review (how it went: both) or any."""
    if PRONOUN_ASKED.match(lower):
        return "any"
    vocab = vocabulary()
    lower = FIVE_YEAR_PLAN.sub(" ", lower)  # "the 13th Five-Year Plan" names a period, not a target
    lower = NAMED_NOT_PLANNED.sub(" ", lower)
    is_plan = vocab.cue("plan", lower) or bool(INTENDED.search(lower))
    is_actual = vocab.cue("actual", INTENDED.sub(" ", lower))
    if is_plan and not is_actual:
        return "plan"
    # "计划…达到多少", "What was the target": 达到/完成/was also say what a target is to reach
    if is_plan and not vocab.cue("actual", WEAK_ACTUAL.sub(" ", INTENDED.sub(" ", lower))) and not vocab.cue(
            "review", lower):
        return "plan"
    if vocab.cue("review", lower) or (is_plan and is_actual):
        return "review"
    return "actual" if is_actual else "any"


def compares(lower: str) -> bool:
    """A comparison cue other than an outcome word ("实际", "actual"): it compares even with no target named."""
    return any(c in lower for c in vocabulary().cues["comparison"] if "实际" not in c and "actual" not in c)


def target_and_outcome(part: Question) -> list[Question]:
    """"就业目标最后完成得如何": how a target went asks the target and the outcome, each its own part."""
    if part.intent != "review" or not part.indicators or len(part.years) > 1 or not TARGET_NAMED.search(part.text):
        return [part]
    return [replace(part, intent="plan"), replace(part, intent="actual")]


# "主要…目标", "main … targets": the report's list of targets, whatever words stand between
ALL_TARGETS = re.compile(r"主要[\u4e00-\u9fff]{0,6}?(?:预期)?目标(?!是多少)|\b(?:main|major|key|principal)\s+(?:[a-z-]+\s+){0,3}"
                         r"(?:targets|goals)\b")


def asks_all_targets(lower: str, indicators: int) -> bool:
    """The whole list asked for: no indicator named, or several named as its examples ("(GDP, investment,
    retail sales…)"); "主要目标中GDP增长多少" asks one figure."""
    listed = vocabulary().cue("aggregate_all", lower) or bool(ALL_TARGETS.search(lower))
    return listed and (indicators == 0 or indicators >= 3 or (indicators == 2 and bool(LIST_VERB.search(lower))))


LIST_VERB = re.compile(r"summari[sz]e|\blist\b|有哪些|是什么")
