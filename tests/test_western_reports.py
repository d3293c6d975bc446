"""Habits of reports the project was not tuned on (found on a blind set of seven western regions): a name
written in parts ("艾尔肯·吐尼亚孜"), the city a meeting opened in, a photo caption above the title, a title
that does not name its region, three things asked of two indicators, and "Xizang". A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

from qa_service.places import places_named
from qa_service.query import analyse

REPORT = """标题：2031年政府工作报告
省份：新疆维吾尔自治区
2031年政府工作报告。 日报记者 某某 摄
政府工作报告
——2031年1月27日在新疆维吾尔自治区第十五届人民代表大会第一次会议上
来源：新疆日报
时间：2031-02-12
自治区主席 艾尔肯·吐尼亚孜
1月27日，新疆维吾尔自治区第十五届人民代表大会第一次会议在乌鲁木齐开幕。
各位代表：

一、2030年工作回顾

过去一年，全区地区生产总值增长6.1%。规上工业增加值增长7%，工业增加值占地区生产总值比重提高到25.5%。服务业增加值占地区生产总值比重达46.2%。
加快建设四大园区。引导“四大园区”向“四大创新带”转型升级，更加注重协同发展。

钢铁、水泥等15个重点行业淘汰落后产能年度任务如期完成。
棉花总产568.6万吨、占全国92.2%。全年接待游客突破3亿人次，游客花费3595.42亿元。常住人口城镇化率提高到58.09%。

二、2031年工作安排

今年经济社会发展主要预期目标是：地区生产总值增长5.5%左右，在实际工作中努力争取更好结果。规模以上工业增加值增长7.5%左右，固定资产投资增长8%左右，社会消费品零售总额增长6%左右。全社会研发经费支出相当于全市生产总值的比例达到2.6%左右。
推进未来产业先导区建设，培育6G、量子科技、生物制造等新增长点。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("western")
    path, other = folder / "2031年新疆.txt", folder / "2031年甘肃.txt"
    path.write_text(REPORT, encoding="utf-8")
    other.write_text("标题：2031年甘肃省政府工作报告\n省份：甘肃省\n2031年甘肃省政府工作报告\n\n一、2030年工作回顾\n\n"
                     "过去一年，全省地区生产总值增长5.9%。\n", encoding="utf-8")
    return service_over(folder / "data", [path, other])


def test_a_name_in_parts_is_quoted_whole_and_the_city_is_told(service):
    r = service.ask("新疆2031年的报告由哪位领导来作？大会在哪个城市召开？")
    assert r.found and "艾尔肯·吐尼亚孜" in r.answer and "乌鲁木齐" in r.answer


def test_the_report_named_in_the_question_is_no_topic_it_restates(service):
    r = service.ask("新疆2031年政府工作报告说“四大园区”要转型升级成什么？")
    assert r.found and "四大创新带" in r.answer and "摄" not in r.answer


def test_three_things_listed_of_two_indicators_are_three_parts(service):
    q = analyse("2030年规上工业增加值的增速、工业增加值占地区生产总值的比重、服务业增加值占地区生产总值的比重各为多少？")
    assert len(q.parts) == 3
    r = service.ask(q.original)
    assert r.found and all(f in r.answer for f in ("7%", "25.5%", "46.2%"))


def test_a_title_without_its_region_is_named_with_it(service):
    r = service.ask("按2031年的报告，2030年经济增速是多少？")  # both reports answer: each is named
    assert r.found and "6.1%" in r.answer and "（新疆维吾尔自治区）" in r.answer


def test_a_later_report_tells_the_outcome_and_xizang_is_tibet():
    q = analyse("Which GDP target did the 2030 report fix for 2030, and what did the 2031 report record for 2030?")
    assert [p.intent for p in q.parts] == ["plan", "actual"]
    assert places_named("How fast did Xizang's economy grow?") == ["西藏自治区"]


def test_a_measure_word_may_be_left_off_and_the_regions_own_word_names_nothing(service):
    r = service.ask("2030年全疆的棉花总产量有多少？")  # the report says 棉花总产
    assert r.found and "568.6万吨" in r.answer


def test_visitors_and_their_spending_are_two_indicators(service):
    r = service.ask("Looking back on 2030, how high was Xinjiang's tourist spending, per the 2031 report?")
    assert r.found and "3595.42亿元" in r.answer and "3亿人次" not in r.answer
    r = service.ask("Xinjiang's urbanization rate of resident population at the end of 2030?")
    assert r.found and "58.09%" in r.answer


def test_the_list_of_targets_asked_in_other_words(service):
    r = service.ask("新疆2031年定下的主要发展指标预期目标都有哪些？")
    assert r.found and r.kind == "aggregate" and all(f in r.answer for f in ("5.5%左右", "7.5%左右", "8%左右"))
    r = service.ask("List the main development targets Xinjiang set for 2031 (GDP, investment, retail sales).")
    assert r.found and r.kind == "aggregate" and "8%左右" in r.answer and "GDP (2031 target): 增长8%" not in r.answer


def test_what_was_it_asks_of_the_target_before():
    q = analyse("Xinjiang's 2031 report fixed a GDP growth target for 2031; what was it, and how fast did the 2032 "
                "report say GDP actually grew in 2031?")
    assert [p.intent for p in q.parts] == ["plan", "actual"]


def test_a_count_of_a_group_is_no_figure_of_its_members(service):
    r = service.ask("2030年要淘汰的钢铁落后产能是多少？")
    assert not r.found


def test_a_sentence_holding_only_common_words_of_the_question_is_no_answer():
    from qa_service.passages import _holds_content

    groups = [(["两岸"], 1.28), (["融合"], 0.74), (["推进"], 0.37)]  # rarities as over the corpus
    assert not _holds_content(groups, ["推进"])  # the heading said 两岸融合, the sentence only 推进
    assert _holds_content(groups, ["两岸", "推进"])
    assert _holds_content([(["推进"], 0.37)], ["推进"])  # a question of common words only: any of them


def test_a_ratio_written_out_names_the_ratio_and_is_no_share_of_itself(service):
    r = service.ask("In 2031, which R&D-to-GDP ratio is Xinjiang aiming for?")
    assert r.found and "2.6%左右" in r.answer and "share of R&D" not in r.answer


def test_growth_points_are_no_growth_rate(service):
    r = service.ask("What new growth points does Xinjiang's 2031 report name for future industries?")
    assert r.found and "量子科技" in r.answer


def test_a_turn_is_quoted_to_its_end_and_a_target_said_again_is_no_outcome():
    from qa_service.amounts import extended
    from qa_service.figure_kind import _kind_fits

    q = analyse("2030年单位生产总值能耗下降了多少？").parts[0]
    text = "单位生产总值能耗由前三年分别上升4.9％、5.5％，转为下降1.2%。"
    assert extended(q, text, "单位生产总值能耗由前三年分别上升4.9％、5.5％").endswith("转为下降1.2%")
    actual = analyse("2030年单位生产总值能耗实际下降了多少？").parts[0]
    missed = "但是，没有实现年初确定的单位生产总值能耗降低4%左右的目标。"
    assert actual.intent == "actual"
    assert not _kind_fits(actual, missed, "没有实现年初确定的单位生产总值能耗降低4%左右的目标", in_review=True)
    assert _kind_fits(actual, text, "转为下降1.2%", in_review=True)
