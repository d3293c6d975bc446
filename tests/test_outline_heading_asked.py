"""A list question that names one heading of a part ("规划纲要的主要任务有哪些" under "（一）发展目标", "（二）重点
任务") is answered with that heading's own listed points, not the part's headings. A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

REPORT = """标题：2031年甘肃省政府工作报告
省份：甘肃省
2031年甘肃省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.9%。

二、“十五五”时期主要目标任务

（一）“十五五”发展目标。全省经济实力、科技实力、综合实力迈上新台阶。
（二）重点任务。主要包括：一是建设现代化产业体系，壮大实体经济；二是扩大内需，融入新发展格局；三是建设生态文明高地，筑牢生态屏障。
“十五五”规划纲要，凝聚着各方面的智慧。

三、2031年重点工作

今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业32万人以上。

（一）扩大有效投资。全年实施重大项目500个。
（二）提振消费。开展促消费活动1000场。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outline_heading")
    path = folder / "2031年甘肃.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_one_heading_asked_gives_its_points(service):
    r = service.ask("甘肃“十五五”规划纲要草案的重点任务是什么？")
    assert r.found
    assert "建设现代化产业体系" in r.answer and "建设生态文明高地" in r.answer
    assert "（一）“十五五”发展目标" not in r.answer  # not the part's headings


def test_a_list_of_the_parts_headings_is_still_the_headings(service):
    r = service.ask("甘肃2031年重点工作有哪些？")
    assert r.found and "扩大有效投资" in r.answer and "提振消费" in r.answer


def test_the_periods_targets_and_tasks_are_the_part_of_that_name_not_the_years_targets(service):
    r = service.ask("甘肃“十五五”时期的主要目标任务有哪些？")
    assert r.found and "重点任务" in r.answer and "5.5%左右" not in r.answer
    year = service.ask("甘肃2031年主要预期目标有哪些？")
    assert year.found and "5.5%左右" in year.answer


def test_a_topic_the_list_does_not_hold_gets_no_list(service):
    assert not service.ask("甘肃2031年在乡村旅游上定了什么任务？").found


def test_the_reports_parts_are_its_top_level_headings(service):
    for question in ("甘肃2031年政府工作报告有几个部分？", "What parts does Gansu's 2031 report have? List the main parts of the report."):
        r = service.ask(question)
        assert r.found and "一、2030年工作回顾" in r.answer and "三、2031年重点工作" in r.answer, question
