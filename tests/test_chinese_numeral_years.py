"""Years written in Chinese numerals ("一九八六年") are years to every matcher: the clean text carries them as
Arabic, as does the question; a year of five or six ("五六年时间") or a serial number is left alone. An
extraction that spaced out every digit ("1 9 9 3 年") is closed up."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from ingest.cleaning import clean_text
from planqa.chinese_numerals import arabic_years, close_spaced_digits

REPORTS = {
    "1987年政府工作报告.txt": "标题：1987年国务院政府工作报告\n\n一、一九八六年的工作\n\n"
    "一九八六年，全国粮食产量达到３９１０９万吨，比上年增产１１９９万吨。本届政府从1 9 8 3 年6 月就职。\n\n"
    "二、一九八七年的任务\n\n一九八七年粮食产量计划达到４０５００万吨。\n",
}


@pytest.mark.parametrize(("written", "read"), [
    ("根据一九八三年六月的决议", "根据1983年6月的决议"),
    ("比一九八○年末增长三倍", "比1980年末增长三倍"),
    ("一九八三至一九八五年", "1983至1985年"),
    ("二〇二四年十二月三十一日印发", "2024年12月31日印发"),
    ("经过五六年时间", "经过五六年时间"),
    ("第一九八号文件", "第一九八号文件"),
])
def test_chinese_numeral_years_read_as_years(written, read):
    assert arabic_years(written) == read


@pytest.mark.parametrize(("written", "read"), [
    ("外汇储备由1 9 4 亿美元增加到1 3 9 9 亿美元", "外汇储备由194亿美元增加到1399亿美元"),
    ("从1 9 9 3 年3 月就职", "从1993年3月就职"),
    ("两列 7.5 6.0 数据", "两列 7.5 6.0 数据"),
    ("第 3 季度", "第 3 季度"),
])
def test_spaced_out_digits_are_closed_up(written, read):
    assert close_spaced_digits(written) == read


def test_the_clean_text_carries_arabic_years():
    assert "1986年，全国粮食产量达到39109万吨" in clean_text(REPORTS["1987年政府工作报告.txt"]).text


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("numeral_years"), REPORTS)


@pytest.mark.parametrize("question", ["1987年报告中，1986年全国粮食产量达到多少？",
                                      "一九八七年报告中，一九八六年全国粮食产量达到多少？"])
def test_a_year_in_chinese_numerals_is_found(service, question):
    r = service.ask(question)
    assert r.found and "39109万吨" in r.answer and "40500" not in r.answer


def test_spaced_table_cells_stay_apart():
    assert close_spaced_digits("增长率 7 8% 9 6%") == "增长率 7 8% 9 6%"
    assert arabic_years("二OO三年") == "2003年"


def test_a_typed_zero_or_letter_o_in_a_chinese_numeral_year_is_read_as_zero():
    from planqa.chinese_numerals import arabic_years

    assert arabic_years("二OO三年四月二十八日") == "2003年4月28日"
    assert arabic_years("二00九年十二月三十一日") == "2009年12月31日"
    assert arabic_years("第二00条") == "第二00条"  # no 年: not a year
