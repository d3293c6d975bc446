"""Older reports write figures in Chinese numerals ("达到四百九十四亿元", "增长百分之七点三"). They are read as
figures and quoted as written; a compound of two measures (进出口) does not answer for one of them (出口); a
clause on a measure per head ("农民的纯收入，全国平均每人达到…") belongs to the subject before it."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from planqa.chinese_numerals import arabic_reading, chinese_number, written_piece

REPORTS = {
    "1983年政府工作报告.txt": "标题：1983年国务院政府工作报告\n\n一、1982年的工作回顾\n\n"
    "1982年全国工农业总产值达到八千二百九十一亿元，比上年增长百分之八点七。"
    "农民的纯收入，全国平均每人达到二百七十元。\n\n"
    "二、第六个五年计划\n\n计划规定，到1985年，进出口贸易总额将达到八百五十五亿元，平均每年递增百分之八点七；"
    "其中，出口总额将达到四百零二亿元，平均每年递增百分之八点一。\n",
}


@pytest.mark.parametrize(("written", "read"), [
    ("四百九十四亿", "494亿"), ("三亿六千万", "36000万"), ("四亿零七百多万", "40700多万"), ("十二点八", "12.8"),
    ("一百二十九", "129"), ("一千二百零一亿", "1201亿"), ("一万亿", "1万亿"),
])
def test_chinese_numbers(written, read):
    assert chinese_number(written) == read


def test_only_figures_are_read_and_a_piece_goes_back_to_the_words():
    text = "千家万户，一个中心，增长百分之二十一点七，达到四百九十四亿元，第十四个。"
    reading, spans = arabic_reading(text)
    assert reading == "千家万户，一个中心，增长21.7%，达到494亿元，第十四个。"
    assert written_piece(text, reading, spans, "达到494亿元") == "达到四百九十四亿元"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("numeral_figures"), REPORTS)


def test_a_chinese_numeral_outcome_is_quoted_as_written(service):
    r = service.ask("1983年报告中，1982年全国工农业总产值是多少？")
    assert r.found and "八千二百九十一亿元" in r.answer


def test_a_chinese_numeral_percentage_is_a_figure(service):
    r = service.ask("1983年报告中，1982年工农业总产值比上年增长多少？")
    assert r.found and "百分之八点七" in r.answer


def test_per_head_income_after_its_subject(service):
    r = service.ask("1983年报告中，1982年农民的纯收入有多少？")
    assert r.found and "二百七十元" in r.answer


def test_exports_are_not_the_import_and_export_total(service):
    r = service.ask("1983年报告中，六五计划规定到1985年出口总额达到多少？")
    assert r.found and "四百零二亿元" in r.answer and "八百五十五" not in r.answer


@pytest.mark.parametrize(("written", "read"), [
    ("达到一点九亿吨", "达到1.9亿吨"), ("增长百分之十二点八", "增长12.8%"), ("百分之零点八", "0.8%"), ("一万多名", "1万多名"),
])
def test_decimals_and_more_than(written, read):
    assert arabic_reading(written)[0] == read


def test_a_piece_ending_before_a_figure_does_not_take_it():
    text = "增长百分之七，棉花一百二十九万吨。"
    reading, spans = arabic_reading(text)
    assert written_piece(text, reading, spans, "7%，棉花") == "百分之七，棉花"
