"""A figure answer must state the figure of what is asked: the digits of a name ("PM2.5") are not a figure, and
"how much" is answered by an amount, not by a streak of years ("连续6年全国第一"). A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

REPORT = """标题：2031年云梦省政府工作报告
省份：云梦省
2031年云梦省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.1%。全省PM2.5平均浓度持续改善，森林覆盖率达到61.2%。实际使用外资连续6年全国第一。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("figure_binding")
    path = folder / "2031年云梦.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_digits_of_a_name_are_not_its_figure(service):
    r = service.ask("云梦省2030年PM2.5平均浓度是多少微克/立方米？")
    assert not r.found, r.answer


def test_how_much_is_not_answered_by_a_streak(service):
    r = service.ask("How much foreign direct investment did Yunmeng actually use in 2030?")
    assert not r.found, r.answer
    assert not service.ask("云梦省2030年实际使用外资多少？").found


def test_a_figure_in_its_own_clause_still_answers(service):
    r = service.ask("云梦省2030年森林覆盖率是多少？")
    assert r.found and "61.2%" in r.answer
