"""Shares: a figure asked as a share of another quantity ("教育经费占国内生产总值的比例", "what share of GDP"),
answered by the clause that states a share, with the denominator named but not counted as what is asked."""

from __future__ import annotations

import re

from planqa.figures import numbers_in
from qa_service.fragments import CLAUSE
from qa_service.query import Question

PROPORTION = (r"占[^，。；：,？]{1,16}?(?:的)?(?:比重|比例|百分比)|占[^，。；：,？\d]{1,16}?的(?=\s*\d)"
              r"|在[^，。；：,？]{1,16}?中(?:的)?(?:所占)?(?:占比|比重|比例)|与[^，。；：,？]{1,16}?(?:之比|的比率|的比值)"
              r"|相当于[^，。；：,？]{1,16}?(?:的)?(?:比例|比重)")
SHARE_OF = re.compile(PROPORTION
                      # GDP as the yardstick of another indicator: "收入增速高于经济增速", "与经济增长同步"
                      + r"|(?:高于|低于|快于|慢于|跑赢|与)(?:全省|全市|全国)?经济(?:增速|增长)(?:基本)?(?:同步)?"
                      # "消费对经济增长贡献率提升至55%": a contribution to growth, not the growth
                      + r"|对(?:全省|全市|全国)?经济增长(?:的)?贡献(?:率|度)?")
# "what share of GDP…", "as a percentage of GDP": GDP is the denominator of the figure asked, as in 占…比重
SHARE_ASKED_EN = re.compile(r"\b(?:share|percentage|proportion|ratio|per ?cent|%)\s+(?:of|to)\s+(?:the\s+)?"
                            r"(?:GDP|gross domestic product)\b", re.I)


def asks_share(q: Question) -> bool:
    """The figure asked is a share of another quantity ("占国内生产总值的比重", "what share of GDP")."""
    return bool(re.search(PROPORTION, q.text) or SHARE_ASKED_EN.search(q.original))


def share_clause(sentence: str) -> str:
    """The clause of a sentence that states a share, with its figure."""
    for clause in CLAUSE.findall(sentence):
        if re.search(PROPORTION, clause) and numbers_in(clause):
            return clause.rstrip("，,；;：:。")
    return ""


def denominator(q: Question) -> list[str] | None:
    """The indicator a share asked is taken of ("占国内生产总值的比重", "share of GDP"), when others are asked."""
    if not asks_share(q):
        return None
    asked = " ".join(m.group(0) for m in re.finditer(PROPORTION, q.text)) + " ".join(
        m.group(0) for m in SHARE_ASKED_EN.finditer(q.original))
    for concept in q.concepts:
        if any(a.lower() in asked.lower() for a in concept) and (len(q.concepts) > 1 or q.terms):
            return concept
    return None
