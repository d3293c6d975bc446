"""A list question is answered with the numbered points a report gives: after a sentence that announces them
("采取以下的综合配套措施：", "执行下列三条方针。") or after the topic sentence they carry out; a point's marker set
alone on its line ("一是") stays with its text, and a short numbered heading is not glued to the body under it."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from ingest.cleaning import clean_text
from qa_service.numbered_items import numbered_items
from qa_service.query import analyse

REPORTS = {
    "2037年报告.txt": "标题：2037年国务院政府工作报告\n\n一、关于价格问题\n\n"
    "当前突出的问题是物价上涨过多。国务院决定在物价问题上采取以下的综合配套措施：\n\n"
    "一、继续改革不合理的价格体系，逐步调整农副产品价格；\n\n二、对主要食品定量供应部分，给职工以适当补贴；\n\n"
    "三、对重要生产资料实行最高限价；\n\n四、加强物价管理和社会监督。\n\n"
    "二、关于今后的方针\n\n围绕提高效益，必须认真贯彻执行下列三条方针。这些方针是经验的积累。\n\n"
    "一、依靠政策和科学，加快农业的发展\n农业是国民经济的基础。\n\n"
    "二、把消费品工业的发展放到重要地位\n城乡人民的消费需求正在增长。\n\n"
    "三、提高能源的利用效率\n能源是经济发展的制约因素。\n\n"
    "三、关于国有企业\n\n国有企业改革是今年经济体制改革的重点。\n\n国有经济作出了巨大贡献，也面临不少困难。\n\n"
    "第一，集中力量抓好国有大型企业和企业集团。大型企业是国民经济的骨干。\n\n"
    "第二，进一步放活国有小企业。形式可以多样。\n\n第三，鼓励企业兼并，规范企业破产。\n",
}


def test_a_marker_alone_on_its_line_joins_its_text():
    text = clean_text("主要原因有两个。\n\n一是\n管理体制不适应市场经济。\n\n二是\n结构调整不适应需求。\n").text
    assert "一是管理体制不适应市场经济。" in text and "二是结构调整不适应需求。" in text


def test_a_short_numbered_heading_is_not_glued_to_its_body():
    text = clean_text("一、依靠政策和科学，加快农业的发展\n\n农业是国民经济的基础，全面发展农村经济是关键。\n").text
    assert "一、依靠政策和科学，加快农业的发展\n农业" in text


def test_numbered_points_are_counted_in_order_and_a_nested_list_is_skipped():
    text = "方针如下。\n一、农业\n正文。\n一、节约能源；\n二、改革产品结构。\n二、消费品工业\n三、能源\n五、别的"
    assert [i.text for i in numbered_items(text, 4)] == ["一、农业", "二、消费品工业", "三、能源"]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("numbered_points"), REPORTS)


def test_an_announced_list_is_answered_with_its_points(service):
    r = service.ask("2037年政府工作报告在物价问题上采取了哪些综合配套措施？")
    assert r.found and all(w in r.answer for w in ("价格体系", "补贴", "最高限价", "物价管理"))


def test_announced_headings_are_the_points(service):
    r = service.ask("2037年政府工作报告提出的三条方针是什么？")
    assert r.found and all(w in r.answer for w in ("加快农业的发展", "消费品工业", "能源的利用效率"))


def test_points_after_a_topic_sentence(service):
    r = service.ask("2037年政府工作报告对国有企业改革安排了哪些工作？")
    assert r.found and all(w in r.answer for w in ("大型企业", "小企业", "兼并"))


def test_a_work_report_is_not_a_question_on_who_delivered_it():
    assert analyse("2037年政府工作报告开头提到，本届政府是从何时就职的？").kind != "metadata"


def test_a_list_ends_at_the_next_section():
    text = "措施如下。\n一是扩大消费。\n二是扩大投资。\n（二）发展产业\n一是甲。\n二是乙。\n三是培育新兴产业。"
    assert [i.text for i in numbered_items(text, 4)] == ["一是扩大消费。", "二是扩大投资。"]
