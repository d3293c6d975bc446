"""The part of a sentence an answer shows: the clauses that hold the question's terms and their figure, the
rate in a following clause, what the 。-sentence said before a ；-part, and whether a figure has its unit."""

from __future__ import annotations

import re

from planqa.figures import numbers_in
from planqa.patterns import FIGURE_LOOSE, YEAR_LABEL
from planqa.records import Chunk

# clauses end at commas, semicolons and colons, but not at the colon of a ratio ("4:3:3")
CLAUSE = re.compile(r"(?:[^，,；;：:]|(?<=\d)[:：](?=\d))+[，,；;：:]?")
RATE = re.compile(r"\d\s*(?:%|％|‰|个百分点|倍)")  # some reports write the full-width ％
# a clause that goes on about the subject before it: a verb, a comparison or the figure itself comes first
CONTINUES = re.compile(r"\s*(?:[\d.]|比|同比|较|增|减|下降|降|回落|上涨|涨|达|为|是|占|超|突破|完成|实现|提高|降低|"
                       r"扩大|缩小|年均|累计|其中|分别|共|总|全年|今年|当年|年内|控制|保持|稳定|首次|连续|居|位居|新增|净增|提升|改善|由|从|到|"
                       r"(?:全国|全省|全市|全区)(?:平均|人均)|平均每人)")  # "农民的纯收入，全国平均每人达到…": per head of it


# a clause that says what the amount before it is for ("…安排45亿元专项资金，支持老旧管网改造")
PURPOSE_LEAD = re.compile(r"\s*(?:支持|用于|专项用于|重点用于|主要用于|帮助|资助)")


SUB_ITEM = re.compile(r"\s*其中")  # "…增长5%，其中制造业投资1200亿元": a part's amount, not the whole's


def full_sentence(chunk: Chunk, start: int) -> str:
    """What the 。-sentence said before this ；-part: "主要预期目标是：…；城镇新增就业85万人" is a target."""
    before = chunk.text[: max(0, start - chunk.start)]
    return before[before.rfind("。") + 1 :]


def extend_to_rate(sentence: str, fragment: str, most: int = 2, wanted: re.Pattern[str] | None = None,
                   continuing: bool = False) -> str:
    """"资金27.9亿元，增长24.5%": a growth question takes the next clause or two when they hold the rate (or
    whatever else `wanted` matches: a date for a "when" question, an amount that goes on about the subject)."""
    continuing = continuing or wanted is None
    wanted = wanted or RATE
    at = sentence.find(fragment)
    if at < 0:
        return fragment
    end = at + len(fragment)
    for n, clause in enumerate(CLAUSE.finditer(sentence, end), start=1):
        if continuing and (not CONTINUES.match(clause.group(0)) or (wanted is not RATE and SUB_ITEM.match(clause.group(0)))):
            break  # "粮食总产量1640亿斤，城镇新增就业35.8万人，…增长5.7%": the next clause's rate is another's
        extended = sentence[at : clause.end()].rstrip("，,；;：:。")
        if wanted.search(extended):
            return extended
        if n >= most:
            break
    return fragment


# a time a "when / how long" question asks for: "2013年10月31日", "2025年底前", "3-5年", "6个月"
TIME = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|末|初|前|以前|年底)?"
    r"|\d+(?:\s*[-—~至到]\s*\d+)?\s*(?:个月|年|天|日|周|个工作日)(?:内|时间|以内)?"
)


def has_unit(text: str, units: tuple[str, ...]) -> bool:
    return bool(re.search(r"\d\s*[万亿千百]?(?:" + "|".join(re.escape(u) for u in units) + ")", text))


def fragment_of(sentence: str, groups: list[list[str]]) -> str:
    """The clauses of `sentence` that carry the matched terms and their figures."""
    clauses = [m.group(0) for m in CLAUSE.finditer(sentence)]
    counts = [
        sum(max((1.0 if a == alts[0] else 0.9) for a in alts if a.lower() in c.lower()) if any(
            a.lower() in c.lower() for a in alts) else 0.0 for alts in groups)
        for c in clauses
    ]
    if not any(counts):
        return sentence
    first = last = counts.index(max(counts))
    while last + 1 < len(clauses) and counts[last + 1]:
        last += 1
    while last + 1 < len(clauses) and not numbers_in(clauses[last]) and last - first < 3:
        last += 1
    if not any(numbers_in(c) for c in clauses[first : last + 1]) and first > 0 and counts[first - 1] and \
            numbers_in(clauses[first - 1]) and PURPOSE_LEAD.match(clauses[first]):
        first -= 1  # "安排45亿元专项资金，支持老旧管网改造": the amount, then what it is for
    elif not any(numbers_in(c) for c in clauses[first : last + 1]) and last + 1 < len(clauses):
        last += 1
    fragment = "".join(clauses[first : last + 1]).rstrip("，,；;：:。")
    return fragment


def figure_bound(fragment: str, groups: list[tuple[list[str], float]]) -> bool:
    """A figure belongs to an asked term: both in one clause, or the figure in the clause right after the
    term's that goes on about it ("实现地区生产总值4500亿元，增长5%") rather than naming a new subject."""
    clauses = CLAUSE.findall(fragment)
    named = [any(a.lower() in c.lower() for alts, _ in groups for a in alts) for c in clauses]
    # the digits of a name are not its figure: "PM2.5平均浓度稳步改善" states no concentration
    names = sorted({a for alts, _ in groups for a in alts if any(ch.isdigit() for ch in a)}, key=len, reverse=True)
    for i, clause in enumerate(clauses):
        bare = clause
        for name in names:
            bare = re.sub(re.escape(name), " ", bare, flags=re.IGNORECASE)
        if not FIGURE_LOOSE.search(YEAR_LABEL.sub(" ", bare)):
            continue
        if named[i]:
            return True
        # back over clauses that say how, not how much ("…发行超长期特别国债，专项用于…，今年先发行1万亿元")
        j = i - 1
        while j >= 0 and j >= i - 3 and not named[j] and not FIGURE_LOOSE.search(YEAR_LABEL.sub(" ", clauses[j])):
            j -= 1
        if j >= 0 and named[j] and CONTINUES.match(clause):
            return True
    return False
