"""What a figure's sentence is about may be said around it: the paragraph's topic sentence ("积极盘活存量资产。")
names the subject of the figures after it, and a place glued to a word by the segmenter ("北京地铁") is the
scope, not a word a passage must hold. A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.places import without_province
from qa_service.query import analyse
from qa_service.topics import paragraph_topic

REPORT = """标题：2031年北京市政府工作报告
省份：北京市
2031年北京市政府工作报告

一、2030年工作回顾

过去一年，全市地区生产总值增长5.2%。
积极盘活闲置存量资产。出台配套政策12项，盘活土地1.3万亩，实现收入312.4亿元。
新增地铁运营里程21公里、总里程达到901公里。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subject_context")
    path = folder / "2031年北京.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_paragraphs_topic_names_the_subject_of_its_figures(service):
    r = service.ask("北京2030年盘活闲置存量资产一共实现了多少收入？")
    assert r.found and "312.4亿元" in r.answer


def test_a_place_glued_to_a_word_is_the_scope(service):
    r = service.ask("截至2030年底北京地铁运营总里程达到多少公里？")
    assert r.found and "901公里" in r.answer


def test_without_province_keeps_names_the_province_makes():
    assert without_province("北京地铁") == "地铁"
    assert without_province("上海港") == "上海港"
    assert without_province("内蒙古自治区") == "内蒙古自治区"
    assert without_province("地铁") == "地铁"


def test_a_topic_is_a_short_first_sentence_of_the_paragraph():
    text = "积极盘活闲置存量资产。出台配套政策12项，实现收入312.4亿元。"
    assert paragraph_topic(text, 100, 100 + text.find("出台")) == "积极盘活闲置存量资产。"
    long = "今年以来，我们坚持稳中求进、积极盘活闲置存量资产。实现收入312.4亿元。"
    assert paragraph_topic(long, 0, long.find("实现")) == ""


def test_the_question_asks_for_the_word_without_its_place():
    terms = analyse("截至2030年底北京地铁运营总里程达到多少公里？").terms
    assert "地铁" in terms and "北京地铁" not in terms and "截至" not in terms
