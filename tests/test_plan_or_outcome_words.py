"""Whether a sentence plans or reviews is read from its own verbs: 增长 inside the indicator's name
("经济增长速度8%") is no outcome, and 要 inside 主要 ("主要农产品产量都有显著增加") is no plan."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

REPORTS = {
    "2035年报告.txt": "标题：2035年国务院政府工作报告\n\n一、2034年工作的回顾和2035年工作的基本方针\n\n"
    "主要农产品产量都有显著增加，粮食总产量5100亿公斤，达到历史最高水平。\n\n"
    "二、关于2035年政府工作的建议\n\n今年国民经济宏观调控的主要目标是：经济增长速度8%，零售价格涨幅控制在3%以内。"
    "到本世纪末，粮食生产必须争取达到6000亿公斤，平均每年增产80亿公斤。\n",
    "2036年报告.txt": "标题：2036年国务院政府工作报告\n\n一、2035年工作回顾\n\n"
    "去年经济增长8.8%，零售价格涨幅为0.8%。\n\n"
    "二、关于2036年政府工作的建议\n\n今年国民经济宏观调控的主要目标是：经济增长速度7%，零售价格涨幅控制在3%以内。\n",
}


def test_words_of_a_plan():
    from qa_service.figure_kind import plans

    assert plans("今年要保持经济平稳增长") and not plans("主要农产品产量都有显著增加")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("plan_words"), REPORTS)


def test_a_review_sentence_is_no_target(service):
    r = service.ask("2035年政府工作报告提出的2035年粮食总产量目标是多少？")
    assert "5100" not in r.answer


def test_the_indicators_name_is_not_the_verb_of_an_outcome():
    from qa_service.figure_kind import _kind_fits
    from qa_service.query import analyse

    q = analyse("2035年经济增长速度实际是多少？")
    assert q.intent == "actual"
    assert not _kind_fits(q, "主要目标是：经济增长速度8%，零售价格涨幅控制在3%以内。", "经济增长速度8%")
    assert _kind_fits(q, "去年经济增长8.8%，零售价格涨幅为0.8%。", "去年经济增长8.8%")


def test_a_target_and_its_outcome_from_two_reports(service):
    r = service.ask("2035年经济增长速度的调控目标是多少？2036年政府工作报告显示2035年实际增长了多少？")
    assert r.found and "8.8%" in r.answer and "7%" not in r.answer


def test_a_level_by_a_time_named_in_words_is_a_target(service):
    r = service.ask("2035年政府工作报告提出的本世纪末粮食产量目标是多少？")
    assert r.found and "6000亿公斤" in r.answer


def test_a_level_for_the_end_of_the_century_is_not_the_years_target(service):
    assert "6000亿公斤" not in service.ask("2035年政府工作报告提出的2035年粮食产量目标是多少？").answer


def test_a_per_head_clause_continues_only_with_its_place_or_verb():
    from qa_service.fragments import CONTINUES

    assert CONTINUES.match("全国平均每人达到270元") and not CONTINUES.match("人均地区生产总值增长5.2%")
