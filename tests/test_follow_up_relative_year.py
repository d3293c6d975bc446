"""A follow-up that says only "this year" ("今年计划开行多少班次？") asks the place and the report the question
before it named; without them it would be asked of every report, and refused or answered from another
province. Two made-up provinces whose reports plan the same thing."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from qa_service.follow_ups import resolve_follow_up

REPORTS = {
    "2031年河南省.txt": "标题：2031年河南省政府工作报告\n省份：河南省\n2031年河南省政府工作报告\n\n"
    "一、2030年工作回顾\n\n过去一年，中欧班列开行3100班次。\n\n二、2031年工作安排\n\n"
    "高质量建设班列集结中心，拓展欧洲线路，开行班列4000班次。\n",
    "2031年四川省.txt": "标题：2031年四川省政府工作报告\n省份：四川省\n2031年四川省政府工作报告\n\n"
    "一、2030年工作回顾\n\n过去一年，中欧班列开行2500班次。\n\n二、2031年工作安排\n\n"
    "加快国际物流通道建设，开行班列5200班次。\n",
}
EARLIER = [{"role": "user", "content": "河南省2031年政府工作报告中，2030年中欧班列开行了多少班次？"},
           {"role": "assistant", "content": "开行3100班次。"}]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("relative_follow_up"), REPORTS)


def test_this_year_keeps_the_place_and_report_before():
    resolved = resolve_follow_up("今年计划开行多少班次？", EARLIER)
    assert "河南" in resolved and "2031年报告" in resolved


def test_a_follow_up_naming_its_own_place_is_not_moved():
    assert "河南" not in resolve_follow_up("四川今年计划开行多少班次？", EARLIER)


def test_the_follow_up_is_answered_from_that_province(service):
    r = service.ask("今年计划开行多少班次？", history=EARLIER)
    assert r.found and "4000班次" in r.answer and "5200" not in r.answer
