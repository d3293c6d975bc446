"""A question of two clauses may ask each of its own year: "…2031年实际增长多少？2032年计划增长多少？" asks the
outcome of one year and the target of the next. A clause that only names reports ("（见2032年和2033年报告）")
asks no year of its own. A report the question names answers both the target and the outcome it states in one
sentence ("…计划为3.7%，实际达到4.6%"), though the year's own report is stored too. A thing listed after an
indicator and its measure ("投资增速和商品零售价格涨幅") is a part of its own; a second measure is not."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from qa_service.query import analyse


def test_each_clause_keeps_its_own_year():
    q = analyse("2032年政府工作报告中，2031年国内生产总值实际增长多少？2032年计划增长多少？")
    assert [(p.years, p.intent) for p in q.parts] == [([2031], "actual"), ([2032], "plan")]


def test_a_clause_naming_reports_borrows_the_asked_year():
    q = analyse("2031年粮食产量的目标和实际完成情况各是多少？（分别见2031年和2032年政府工作报告）")
    assert {tuple(p.years) for p in q.parts} == {(2031,)}


REPORTS = {
    "2041年报告.txt": "标题：2041年国务院政府工作报告\n\n一、2040年工作回顾\n\n全国粮食产量达到6000亿斤。\n\n"
    "二、2041年工作安排\n\n工农业总产值计划增长4%左右。\n",
    "2042年报告.txt": "标题：2042年国务院政府工作报告\n\n一、2041年工作回顾\n\n"
    "工农业总产值的增长速度，2041年计划为3.7%，实际达到4.6%；财政收入增长较快。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("clause_years"), REPORTS)


def test_the_named_report_gives_the_plan_and_the_outcome_in_one_sentence(service):
    r = service.ask("2042年政府工作报告中，2041年工农业总产值增长速度的计划是多少？实际达到了多少？")
    assert r.found and "3.7%" in r.answer and "4.6%" in r.answer and "4%左右" not in r.answer
    assert r.answer.count("3.7%") == 1  # one quote holds both: quoted once


def test_a_thing_after_an_indicator_and_its_measure_is_asked_too():
    q = analyse("2041年全社会投资增速和商品零售价格涨幅分别为多少？")
    assert len(q.parts) == 2 and "零售价格" in q.parts[1].terms


def test_two_measures_of_one_indicator_are_not_two_things():
    q = analyse("某省2041年地区生产总值的总量和增速分别为多少？")
    assert all(p.indicators for p in q.parts)


def test_an_english_question_on_two_unnamed_things_asks_each():
    from qa_service.question_split import english_conjoined

    parts = english_conjoined("What were the output of township enterprises and the freight carried by rail in 2041?")
    assert parts == ["What were the output of township enterprises in 2041?", "What were freight carried by rail in 2041?"]
    # an adjective shared by the noun after "and" joins two sides of one thing
    assert english_conjoined("What was the income of urban and rural households in 2041?") == []
    assert english_conjoined("What was the total import and export volume in 2041?") == []
    assert english_conjoined("What were imports and exports in 2041?") == []  # one word a side: the vocabulary's


def test_two_things_the_map_lacks_are_two_parts_even_without_terms():
    q = analyse("What were the output of township enterprises and the freight carried by rail in 2041?")
    assert len(q.parts) == 2 and all(p.glosses for p in q.parts)


TWO_THINGS = {
    "2043年报告.txt": "标题：2043年国务院政府工作报告\n\n一、2042年工作回顾\n\n"
    "全年新建高标准农田800万亩。\n\n新能源汽车产量达到120万辆，比上年增长30%。\n",
}


@pytest.fixture(scope="module")
def two_things(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("two_things"), TWO_THINGS)


def test_an_english_question_on_two_things_is_answered_for_both_or_not_at_all(two_things):
    r = two_things.ask("What were the area of high-standard farmland built and the output of new energy vehicles in 2042?")
    assert r.found and "800万亩" in r.answer and "120万辆" in r.answer
    missing = two_things.ask("What were the area of high-standard farmland built and the number of new kindergartens in 2042?")
    assert not missing.found  # one part is not an answer to both
