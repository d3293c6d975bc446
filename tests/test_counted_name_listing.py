"""A counted name the question quotes ("“四大中心”是哪些") is answered by the listing that spells it out: N names
that each end in the name's word, or the N items written right before the name. A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.points import counted_name_listing

REPORT = """标题：2031年云梦省政府工作报告
省份：云梦省
2031年云梦省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.1%。坚持“畅通陆海通道、做强口岸平台和升级服务体系”三策并用，进出口总额增长9.4%。

二、2031年重点工作

围绕建设“四大中心”，加快科技创新。重点打造有竞争优势的精密仪器、海洋装备两大产业集群，培育新兴产业。

注释

3.“四大中心”：区域金融服务中心、先进制造业中心、航运物流中心、数字创意中心。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("counted_listing")
    path = folder / "2031年云梦.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_names_ending_in_the_counted_word_spell_it_out(service):
    r = service.ask("云梦省提出建设的“四大中心”分别是什么？")
    assert r.found
    for name in ("区域金融服务中心", "先进制造业中心", "航运物流中心", "数字创意中心"):
        assert name in r.answer


def test_the_items_right_before_the_name_spell_it_out(service):
    r = service.ask("云梦省2031年报告里的“三策并用”是哪三项？")
    assert r.found
    for item in ("畅通陆海通道", "做强口岸平台", "升级服务体系"):
        assert item in r.answer


def test_a_listing_of_another_count_does_not_spell_it_out():
    text = "坚持“甲方通道、乙方平台”三策并用。建设区域金融服务中心、先进制造业中心两个平台。"
    assert counted_name_listing(text, "三策并用") is None
    assert counted_name_listing(text, "三大中心") is None
    two = text.replace("三策", "两策")
    start, end = counted_name_listing(two, "两策并用")
    assert two[start:end] == "甲方通道、乙方平台”两策并用"


def test_a_count_the_question_asks_is_a_name_to_spell_out(service):
    r = service.ask("云梦省2031年报告重点打造哪两大有竞争优势的产业集群？")
    assert r.found and "精密仪器、海洋装备两大产业集群" in r.answer
