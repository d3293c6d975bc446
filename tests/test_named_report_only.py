"""A question that names a report by its year is answered from that report or not at all: a store holding one
report of another year must not lend its figures, even when the question asks of a period ("过去五年")
rather than a year."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

REPORTS = {
    "2031年河南省.txt": "标题：2031年河南省政府工作报告\n省份：河南省\n2031年河南省政府工作报告\n\n"
    "一、过去五年工作回顾\n\n过去五年，全省粮食产量从1300亿斤增加到1400亿斤，中欧班列累计开行9000班次。\n\n"
    "二、2031年工作安排\n\n粮食产量稳定在1400亿斤以上。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("named_report"), REPORTS)


def test_the_named_report_answers_its_period(service):
    r = service.ask("2031年报告回顾过去五年，粮食产量从多少增加到多少？")
    assert r.found and "1300亿斤" in r.answer


def test_a_report_of_another_year_is_not_quoted_for_the_named_one(service):
    r = service.ask("2026年报告回顾过去五年，粮食产量从多少增加到多少？")
    assert not r.found and "1300" not in r.answer
