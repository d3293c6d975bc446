"""The outcome part of a target-and-outcome question borrows the target's indicator ("…目标是多少？后一年的报告
写明实际新增多少？"); "the 2032 report says was actually reached" asks 2031; a follow-up that names no place or
year keeps the earlier question's; another year asked drops the earlier report's name; 标准箱 is a 标箱.
English: "List the…" frames a list question, an English follow-up goes on from the question before, and a
contribution to growth is not the growth. Two made-up reports of a province in the genre's style."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.follow_ups import resolve_follow_up
from qa_service.query import analyse

REPORT_2031 = """标题：2031年山西省政府工作报告
省份：山西省
2031年山西省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.0%，太原港集装箱吞吐量达到120.5万标准箱。

二、2031年工作安排

今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业40万人，研发投入强度达2.4%左右。
新建智能化矿井30座，煤炭产量稳定在13亿吨左右。
"""

REPORT_2032 = """标题：2032年山西省政府工作报告
省份：山西省
2032年山西省政府工作报告

一、2031年工作回顾

过去一年，全省地区生产总值增长5.6%，城镇新增就业42.6万人，消费对经济增长贡献率提升至60%左右，研发投入强度达2.5%左右，太原港集装箱吞吐量达到131.2万标准箱。

二、2032年工作安排

今年全省经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outcome_parts")
    paths = []
    for name, text in (("2031年山西.txt", REPORT_2031), ("2032年山西.txt", REPORT_2032)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return service_over(folder / "data", paths)


def test_the_outcome_part_borrows_the_targets_indicator():
    q = analyse("山西2031年报告的城镇新增就业目标是多少？2032年报告显示2031年实际新增多少？")
    assert [[i.name for i in p.indicators] for p in q.parts] == [["城镇新增就业"], ["城镇新增就业"]]


def test_target_and_outcome_each_from_its_report(service):
    r = service.ask("山西2031年报告的城镇新增就业目标是多少？2032年报告显示2031年实际新增多少？")
    assert r.found and "40万人" in r.answer and "42.6万人" in r.answer


def test_the_later_report_named_for_an_outcome_asks_the_year_it_reviews(service):
    q = analyse("What R&D intensity does Shanxi's 2032 report say was actually reached?")
    assert q.parts[0].years == [2031]
    r = service.ask("Shanxi's 2031 report set an R&D intensity target. What was it, and what R&D intensity does the "
                    "2032 report say Shanxi actually reached?")
    assert r.found and "2.4%" in r.answer and "2.5%" in r.answer


def test_a_follow_up_naming_no_place_or_year_keeps_the_earlier_ones(service):
    history = [{"role": "user", "content": "山西省2031年政府工作报告对煤炭产量是怎么安排的？"},
               {"role": "assistant", "content": "煤炭产量稳定在13亿吨左右。"}]
    assert resolve_follow_up("新建智能化矿井的计划是多少座？", history).startswith("山西省2031年")
    r = service.ask("新建智能化矿井的计划是多少座？", history=history)
    assert r.found and "30座" in r.answer


def test_another_year_asked_drops_the_earlier_reports_name(service):
    history = [{"role": "user", "content": "山西2031年政府工作报告中，2030年太原港集装箱吞吐量是多少？"},
               {"role": "assistant", "content": "120.5万标准箱。"}]
    assert "报告" not in resolve_follow_up("那2031年呢？", history)
    r = service.ask("那2031年呢？", history=history)
    assert r.found and "131.2万标准箱" in r.answer


def test_an_english_follow_up_goes_on_from_the_question_before(service):
    history = [{"role": "user", "content": "What GDP growth target did Shanxi set for 2031 in its government work report?"},
               {"role": "assistant", "content": "About 5.5%."}]
    r = service.ask("And what growth did Shanxi actually achieve that year, according to the 2032 report?", history)
    assert r.found and "5.6%" in r.answer
    assert "60%" not in r.answer  # "消费对经济增长贡献率…60%" is a contribution to growth, not the growth


def test_list_frames_a_list_question(service):
    assert "list" not in [en for en, _ in analyse("List the main expected targets set out in Shanxi's 2031 report.").glosses]
    r = service.ask("List the main expected targets for 2031 set out in Shanxi's 2031 government work report.")
    assert r.found and "5.5%左右" in r.answer
