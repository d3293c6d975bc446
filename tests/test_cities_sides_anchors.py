"""A province's report answers for the province, not its cities; urban and rural figures both; "去年" read once
in a comparison; the missed targets a sentence names; a copy's release date; a rise kept in English. The two
reports are our own, made up for these rules (a province 闽 in the style of the genre)."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.follow_ups import resolve_follow_up
from qa_service.query import analyse

REPORT_2031 = """标题：2031年福建省政府工作报告
省份：福建省
发布日期：2031-02-11
2031年福建省政府工作报告
——2031年1月20日在福建省第十六届人民代表大会第三次会议上

一、2030年工作回顾

一年来，全省地区生产总值增长5.3%，城镇和农村居民人均可支配收入分别增长4.1%、6.2%，粮食产量520万吨。
泉州、漳州经济总量突破7000亿元。民间投资增速高于全国2.6个百分点。

二、2031年主要目标

今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业52万人。
"""

REPORT_2032 = """标题：2032年福建省政府工作报告
省份：福建省
发布日期：2032-02-09
2032年福建省政府工作报告

一、2031年工作回顾

过去一年，全省地区生产总值增长5.2%、增速全国第4，总量达到61000亿元，高技术制造业增加值增长12.5%，城镇调查失业率5.1%，
城镇新增就业55万人，城乡居民人均可支配收入分别达5.1万元、2.6万元。去年固定资产投资、社会消费品零售总额增速未达年初预期。

二、2032年主要目标

今年全省经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""

OTHER = """标题：2031年甘肃省政府工作报告
省份：甘肃省
2031年甘肃省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.9%，粮食产量1260万吨。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cities_sides")
    paths = []
    for name, text in (("2031年福建.txt", REPORT_2031), ("2032年福建.txt", REPORT_2032), ("2031年甘肃.txt", OTHER)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return service_over(folder / "data", paths)


def test_a_city_no_report_is_about_gets_no_province_figure(service):
    assert not service.ask("据福建2031年报告，泉州2030年地区生产总值增长了多少？").found
    assert not service.ask("By how much did Quanzhou's GDP grow in 2030, per Fujian's 2031 report?").found
    province = service.ask("福建2030年地区生产总值增长多少？")
    assert province.found and "5.3%" in province.answer


def test_a_clause_of_other_cities_does_not_answer_for_the_province(service):
    r = service.ask("福建2030年经济总量达到了多少？")
    assert "7000亿元" not in r.answer or not r.found


def test_a_gap_to_the_nation_is_not_the_growth_itself(service):
    assert not service.ask("福建2030年民间投资增长了百分之几？").found
    gap = service.ask("福建2030年民间投资增速比全国高多少？")
    assert gap.found and "2.6个百分点" in gap.answer


def test_urban_and_rural_asks_both_figures(service):
    for question in ("福建2030年城乡居民人均可支配收入分别增长多少？",
                     "How much did urban and rural per capita disposable income grow in Fujian in 2030?"):
        r = service.ask(question)
        assert r.found and "4.1%" in r.answer and "6.2%" in r.answer, question
        assert r.answer.count("6.2%") == 1 or question.startswith("How"), r.answer  # one quote, shown once
    # in English each side is shown its own figure, in the order the report lists them
    assert "urban per capita disposable income (2030 outcome): 增长4.1% (up 4.1%) [1]" in r.answer
    assert "rural per capita disposable income (2030 outcome): 增长6.2% (up 6.2%) [1]" in r.answer
    assert r.answer.count("《") == 1  # one report, named once
    joint = service.ask("福建2031年城乡居民人均可支配收入分别达到多少？")  # 城乡 alone joins the two
    assert joint.found and "5.1万元" in joint.answer and "2.6万元" in joint.answer
    parts = analyse("城乡居民人均可支配收入分别增长多少").parts
    assert sorted(p.indicators[0].name for p in parts) == ["农村居民人均可支配收入", "城镇居民人均可支配收入"]


def test_last_year_in_a_comparison_is_read_from_the_latest_report(service):
    r = service.ask("福建去年地区生产总值增长目标定的是多少，最后实际增长了多少？")
    assert r.found and "5.5%左右" in r.answer and "5.2%" in r.answer


def test_the_missed_targets_a_sentence_names(service):
    r = service.ask("福建2032年报告承认2031年有哪些指标没有达到年初预期？")
    assert r.found and "固定资产投资" in r.answer and "社会消费品零售总额" in r.answer


def test_a_collected_copy_says_when_it_was_published(service):
    r = service.ask("福建2032年政府工作报告的发布日期是什么？")
    assert r.found and "2032-02-09" in r.answer
    en = service.ask("When was Fujian's 2031 government work report published?")
    assert en.found and "2031-02-11" in en.answer


def test_two_provinces_compared_are_each_answered(service):
    r = service.ask("Compare 2030 grain output in Fujian and Gansu.")
    assert r.found and "520万吨" in r.answer and "1260万吨" in r.answer


def test_a_rise_keeps_its_word_in_english(service):
    r = service.ask("How much did Fujian's GDP grow in 2030?")
    assert r.found and "增长5.3% (up 5.3%)" in r.answer


def test_names_holding_a_plan_word_plan_nothing():
    assert analyse("“十四五”末人均预期寿命达到几岁？").intent != "plan"
    assert analyse("2030年人均预期寿命目标是多少？").intent == "plan"


def test_an_amount_said_a_clause_later_is_the_amount(service):
    r = service.ask("福建2031年地区生产总值总量达到了多少？")
    assert r.found and "61000亿元" in r.answer


def test_an_english_follow_up_asks_another_indicator_of_the_same_place_and_year(service):
    history = [{"role": "user", "content": "How much did Fujian's GDP grow in 2031?"},
               {"role": "assistant", "content": "It grew 5.2%."}]
    r = service.ask("And the value added of high-tech manufacturing?", history)
    assert r.found and "12.5%" in r.answer and r.answer.startswith("According to")
    assert "5.2%" not in r.answer  # the GDP asked before is not asked again
    # read as an English question, so the analysis and the answer stay in English
    assert resolve_follow_up("And the value added of high-tech manufacturing?", history) == \
        "What about the value added of high-tech manufacturing in Fujian in 2031?"


def test_an_english_qualifier_no_sentence_says_is_not_dropped(service):
    assert not service.ask("What was Fujian's female unemployment rate in 2031?").found
    r = service.ask("What was Fujian's urban surveyed unemployment rate in 2031?")
    assert r.found and "5.1%" in r.answer
