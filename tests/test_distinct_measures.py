"""One indicator, two measures: a report of the 2000s gives the registered unemployment rate, and a question on
the surveyed rate must not be answered with it (nor the other way round); a question on plain 失业率 takes either."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

REPORTS = {
    "2033年某省.txt": "标题：2033年某省政府工作报告\n省份：某省\n2033年某省政府工作报告\n\n"
    "一、2032年工作回顾\n\n全省地区生产总值增长6.1%。城镇登记失业率为3.7%，每万人口高价值发明专利拥有量8.2件。\n\n"
    "二、2033年主要目标\n\n地区生产总值增长6%左右。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("distinct"), REPORTS)


@pytest.mark.parametrize("question", ["某省2033年报告中，2032年城镇调查失业率是多少？",
                                      "What was the surveyed urban unemployment rate in 2032, per the 2033 report?"])
def test_the_surveyed_rate_is_not_the_registered_one(service, question):
    r = service.ask(question)
    assert "3.7%" not in r.answer


def test_the_registered_rate_answers_when_asked(service):
    r = service.ask("某省2033年报告中，2032年城镇登记失业率是多少？")
    assert r.found and "3.7%" in r.answer


def test_plain_unemployment_takes_the_measure_the_report_gives(service):
    r = service.ask("某省2033年报告中，2032年失业率是多少？")
    assert r.found and "3.7%" in r.answer


def test_high_value_patents_do_not_answer_for_all_patents(service):
    assert "8.2件" not in service.ask("某省2033年报告中，2032年每万人口有效发明专利拥有量是多少？").answer
    assert "8.2件" in service.ask("某省2033年报告中，2032年每万人口高价值发明专利拥有量是多少？").answer
