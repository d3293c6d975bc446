"""Whether a sentence states the kind of figure asked: a target or an outcome (by its words and by the
section of the report it stands in), and one year's figure rather than a period's average."""

from __future__ import annotations

import re

from planqa.patterns import YEAR_NIAN
from qa_service.asked_years import PERIOD
from qa_service.fragments import CLAUSE, full_sentence
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.sentence_years import PLAN_SECTION, REVIEW_SECTION

# a period's figures, not one year's ("跨越5000亿元大关，年均增长5.7%"); 年均浓度 is PM2.5's own name
AVERAGE = re.compile(r"年均(?!浓度)|平均每年|年平均(?!浓度)")
REACHED_BY = re.compile(r"(?<!达)到\s*(?:((?:19|20)\d{2})\s*年|(本世纪末|下世纪初|本世纪中叶))")
TIME_IN_WORDS = {"本世纪末": ("本世纪末", "世纪末", "end of the century"), "下世纪初": ("下世纪初", "next century"),
                 "本世纪中叶": ("本世纪中叶", "世纪中叶", "middle of the century", "mid-century")}
CUMULATIVE = re.compile(r"累计")  # "最低收购价累计提高41.7%": several years' change, said before the figure
PERIOD_SAID = re.compile(r"十[一二三四五]五|五年")  # the sentence, its paragraph or its section speaks of a period
# a paragraph that opens on a period ("这五年，…", "“十四五”时期，…") reviews that period, not one year
PERIOD_LEAD = re.compile(r"^\s*(?:这|过去|近)?五年(?:来|间|里|中)?[，,]|^\s*“?十[一二三四五]五”?(?:时期|期间|以来)")
# "工业投资增速高于全国2.4个百分点": the gap to another figure, not the figure itself
GAP = re.compile(r"(?:高于|快于|低于|慢于|超过|超出|领先|好于)(?:全国|全省|全市|全区|平均|预期|同期|上年)")
GAP_ASKED = re.compile(r"高于|快于|低于|慢于|超过|领先|好于|比全国|than the|faster|slower|gap", re.I)
RESTATED_TARGET = re.compile(r"(?:确定|提出|制定|设定|下达)的[^。；]*?目标")
PLAN_WORDS = ("力争", "目标", "预期", "计划", "确保", "争取", "将", "要", "拟", "安排", "今年")
# 要 of a plan ("要保持…"), not of 主要 / 重要 / 需要 ("主要农产品产量都有显著增加" reviews the year)
NOT_PLAN = re.compile(r"[主重需必只摘纪提概]要|要素|将来")


def plans(sentence: str) -> bool:
    """The sentence speaks of what is to be done."""
    return any(w in NOT_PLAN.sub(" ", sentence) for w in PLAN_WORDS)
ACHIEVED_WORDS = ("完成", "实现了", "达到", "增长", "下降", "预计全年", "取得")


def year_figure_of_kind(q: Question, hit: Hit, s_start: int, text: str, fragment: str) -> bool:
    """The kind asked (target or outcome, by the words and the report's section), and one year's figure: a
    five-year average is not the year's."""
    in_review = bool(REVIEW_SECTION.search(hit.chunk.section))
    in_plan = not in_review and bool(PLAN_SECTION.search(hit.chunk.section))
    if not _kind_fits(q, full_sentence(hit.chunk, s_start) + text, fragment, in_review, in_plan):
        return False
    before = hit.chunk.text[: max(0, s_start - hit.chunk.start)]
    paragraph = before[before.rfind("\n") + 1 :]
    if PERIOD.search(q.text):  # "十三五时期粮食产量多少": the period's figure, where the report speaks of it
        return any(PERIOD_SAID.search(t) for t in (text, paragraph, hit.chunk.section))
    if q.intent != "plan" and (_period_figure(fragment) or _period_paragraph(paragraph + text, fragment)):
        return False
    if CUMULATIVE.search(fragment) and not CUMULATIVE.search(q.text):
        return False
    if _gap_only(fragment) and not GAP_ASKED.search(q.text):
        return False
    previous = ([s for s in re.split(r"(?<=[。；;])", paragraph.rstrip()) if s] or [""])[-1]
    return not (AVERAGE.search(_with_next_clause(text, fragment)) and not AVERAGE.search(q.text)
                and not _level_reached_in_asked_year(q, previous + text, fragment))


def _level_reached_in_asked_year(q: Question, text: str, fragment: str) -> bool:
    """"到1985年，出口总额将达到402亿元，平均每年递增8.1%": the level of the year the period ends in, when that
    year is asked (in the sentence or the one before) and the fragment's figure is the level, not the average;
    "到本世纪末…达到5000亿公斤", a level by a time named in words, when no rate is asked."""
    reached = REACHED_BY.search(text[: max(0, text.find(fragment))] + fragment)
    if not reached or AVERAGE.search(fragment):
        return False
    if reached.group(1):
        return int(reached.group(1)) in q.years
    return not q.wants_rate and any(w in q.text.lower() for w in TIME_IN_WORDS[reached.group(2)])


def _period_figure(fragment: str) -> bool:
    """"五年累计新增就业600万人": the period is said before the figure, and no year is: the period's total.
    ("覆盖率92%，连续五年保持在90%以上" says the year's figure first.)"""
    first = re.search(r"\d", fragment)
    period = PERIOD_SAID.search(fragment)
    return bool(period and first and period.start() < first.start() and not YEAR_NIAN.search(fragment))


def _gap_only(fragment: str) -> bool:
    """The clause's first figure is a gap ("增速高于全国3.7个百分点"); "增长6%、高于全国1个百分点" states the
    figure before its gap."""
    first, gap = re.search(r"\d", fragment), GAP.search(fragment)
    return bool(first and gap and gap.start() < first.start())


def _period_paragraph(paragraph: str, fragment: str) -> bool:
    """"这五年，…城镇新增就业5771万人": the paragraph opens on a period and the figure names no year of its own."""
    return bool(PERIOD_LEAD.search(paragraph)) and not YEAR_NIAN.search(fragment)


def _kind_fits(q: Question, sentence: str, fragment: str, in_review: bool = False, in_plan: bool = False) -> bool:
    """A target is not an outcome: a plan question needs a plan sentence, an outcome question must not get one.
    In a report's review of the past year, a sentence states outcomes ("实施…支持计划，城镇新增就业107万人");
    in its plan for the year, targets ("国内生产总值增长7.5％；…", after "主要预期目标是：" in the chunk before)."""
    planned = in_plan or plans(sentence)
    # the verbs outside the indicator's name: "经济增长速度8%" says no 增长 of its own
    verbs = sentence
    for form in sorted({f for ind in q.indicators for f in ind.forms}, key=len, reverse=True):
        verbs = verbs.replace(form, " ")
    achieved = in_review or any(w in verbs for w in ACHIEVED_WORDS)
    if q.intent == "plan":
        return planned or any(w in fragment for w in ("左右", "以上", "以内"))
    if q.intent == "actual":
        # "没有实现年初确定的…降低4%左右…的目标": the target said again, in a review, is no outcome
        restated = any(fragment in m.group(0) for m in RESTATED_TARGET.finditer(sentence)) or bool(
            RESTATED_TARGET.search(fragment) and not re.search(r"\d", RESTATED_TARGET.sub("", fragment)))
        return (achieved or not planned) and not restated
    return True


def _with_next_clause(sentence: str, fragment: str) -> str:
    at = sentence.find(fragment)
    if at < 0:
        return fragment
    end = at + len(fragment)
    nxt = CLAUSE.match(sentence, end + 1) if end < len(sentence) else None
    return sentence[at : nxt.end()] if nxt else sentence[at:]
