"""Each place named is asked from its own reports, and a comparison asked in English ("how did X compare with
the target") asks both sides. The two reports are our own, made up for these rules."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.query import analyse

REPORTS = {
    "2031年甘肃省政府工作报告.txt": ("13500亿元、增长5.6%", "33万人", "5.5%左右", "32万人以上"),
    "2031年青海省政府工作报告.txt": ("4100亿元、增长4.4%", "6.2万人", "4.5%左右", "6万人以上"),
}


def _report(title: str, level: str, jobs: str, target: str, jobs_target: str) -> str:
    return (f"标题：{title}\n\n一、2030年工作回顾\n\n过去一年，全省地区生产总值{level}，城镇新增就业{jobs}。\n\n"
            f"二、2031年主要目标\n\n今年全省经济社会发展的主要预期目标是：地区生产总值增长{target}，"
            f"城镇新增就业{jobs_target}。\n")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_provinces")
    paths = []
    for name, figures in REPORTS.items():
        path = folder / name
        path.write_text(_report(name.removesuffix(".txt"), *figures), encoding="utf-8")
        paths.append(path)
    return service_over(folder / "data", paths)


def test_each_place_named_is_answered_from_its_own_report(service):
    r = service.ask("2030年甘肃和青海的地区生产总值分别是多少？")
    assert r.found and "13500亿元" in r.answer and "4100亿元" in r.answer
    assert "甘肃省" in r.answer and "青海省" in r.answer  # each figure names its report
    en = service.ask("What were the 2031 GDP growth targets of Gansu and Qinghai?")
    assert en.found and "5.5%左右" in en.answer and "4.5%左右" in en.answer
    one = service.ask("甘肃2030年地区生产总值是多少？")
    assert one.found and "4100亿元" not in one.answer


def test_how_it_compared_with_the_target_asks_both_sides():
    parts = analyse("How did Gansu's new urban jobs in 2030 compare with the target set for the year?").parts
    assert sorted(p.intent for p in parts) == ["actual", "plan"]
