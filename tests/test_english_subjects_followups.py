"""English questions with no indicator name their subject through the English map, and it must be quoted; a
follow-up that only changes the year asks the question before it again. Two national reports of our own,
made up for these rules."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.follow_ups import resolve_follow_up
from qa_service.query import analyse

REPORT_2031 = """标题：2031年国务院政府工作报告
2031年国务院政府工作报告

一、2030年工作回顾

全国粮食产量达到70100万吨。高速公路通车里程突破19万公里。
城镇居民人均可支配收入32000元，农村居民人均纯收入9900元。

二、2031年工作安排

今年中央财政赤字预算拟安排5200亿元，比去年预算赤字增加300亿元。中央预算内投资拟安排7000亿元。
中央预算稳定调节基金调入1500亿元。
今年中央财政安排“三农”支出6625亿元，比上年增加1307亿元。
其中中央和地方财政对参合农民的补助标准由90元提高到120元。
国务院决定今年安排80亿元建设资金，支持国有林场基础设施改造，地方也要增加投入。
"""

REPORT_2032 = """标题：2032年国务院政府工作报告
2032年国务院政府工作报告

一、2031年工作回顾

全国粮食产量达到70500万吨。

二、2032年工作安排

今年中央财政拟安排“三农”投入7161亿元，比上年增加536亿元。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national_english")
    paths = []
    for name, text in (("2031年国务院政府工作报告.txt", REPORT_2031), ("2032年国务院政府工作报告.txt", REPORT_2032)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return service_over(folder / "data", paths)


def test_the_english_maps_subject_must_be_in_the_quote(service):
    question = "In its 2031 plan, how much central money went to agriculture, rural areas and farmers?"
    r = service.ask(question)
    assert r.found and "6625亿元" in r.answer
    assert "5200亿元" not in r.answer and "120元" not in r.answer  # the deficit and a subsidy are not 三农's


def test_a_follow_up_that_only_changes_the_year(service):
    history = [{"role": "user", "content": "In its 2031 plan, how much central money went to agriculture, "
                                           "rural areas and farmers?"}]
    assert resolve_follow_up("What about 2032?", history) == history[0]["content"].replace("2031", "2032")
    r = service.ask("What about 2032?", history)
    assert r.found and "7161亿元" in r.answer
    chinese = [{"role": "user", "content": "2031年政府工作报告里，2030年全国粮食产量是多少？"}]
    assert resolve_follow_up("按2032年的报告，2031年的呢？", chinese) == "2032年政府工作报告里，2031年全国粮食产量是多少？"
    # a follow-up that says more than the year keeps what it says
    other = [{"role": "user", "content": "What was the GDP growth in 2030?"}]
    assert "target" in resolve_follow_up("And what growth target did it set for 2031?", other)


def test_a_length_asked_is_a_unit_and_over_is_kept_in_english(service):
    assert analyse("高速公路通车里程达到多少公里？").units == ("公里",)
    r = service.ask("What was the expressway mileage in 2030?")
    assert r.found and "突破19万公里 (over 19万公里)" in r.answer


def test_hyphens_read_as_spaces_and_the_older_rural_income_measure(service):
    r = service.ask("What were urban per-capita disposable income and rural per-capita net income in 2030?")
    assert r.found and "32000元" in r.answer and "9900元" in r.answer


def test_an_amount_said_in_the_clause_before_what_it_is_for():
    from qa_service.fragments import fragment_of

    sentence = "国务院决定今年安排80亿元建设资金，支持国有林场基础设施改造，地方也要增加投入。"
    assert "80亿元" in fragment_of(sentence, [["国有"], ["林场"], ["基础设施"], ["资金"]])


def test_the_clause_before_or_after_is_taken_only_for_its_own_subject():
    import re

    from qa_service.fragments import extend_to_rate, fragment_of

    # the clause before holds another subject's figure: it is not borrowed
    assert "1.3万亿斤" not in fragment_of("粮食产量1.3万亿斤，粮食播种面积保持稳定。", [["播种面积"], ["粮食"]])
    # "其中…" gives a part's amount, not the whole's
    sentence, fragment = "固定资产投资增长5%，其中制造业投资1200亿元。", "固定资产投资增长5%"
    assert extend_to_rate(sentence, fragment, wanted=re.compile(r"\d+亿元"), continuing=True) == fragment
