"""Session 6's rules of the genre, each on its own: years that name a report, intents, parts of a comparison,
a figure that belongs to its term, whole lists of points, targets listed after a colon, English figures and
verdicts that compare like with like, an English question's unknown city, follow-ups about the next year."""

from __future__ import annotations

import pytest
from conftest import CORPUS, service_over

from planqa.records import Chunk
from qa_service.asked_years import asked_years
from qa_service.evidence import SentenceEvidence
from qa_service.follow_ups import resolve_follow_up
from qa_service.fragments import figure_bound
from qa_service.intents import intent_of
from qa_service.places import places_named
from qa_service.points import complete_points, counted_name_points
from qa_service.query import analyse
from qa_service.vocabulary import vocabulary


def test_a_year_that_names_the_report_is_not_the_year_asked():
    assert asked_years("从2021年报告看，2020年实际增长了多少？") == ([2020], [])
    assert asked_years("What was China's grain output in 2020, according to the 2021 government work report?") == ([2020], [])
    assert asked_years("2013年政府工作报告提出的目标是多少？") == ([2013], [])  # the only year: the report's own
    assert asked_years("根据2022年政府工作报告的回顾，粮食产量达到了多少？") == ([2021], [])  # its review
    assert asked_years("2011年政府工作报告中“十一五”时期城镇新增就业多少？") == ([], [])  # a period
    assert asked_years("2020年报告定的就业目标和当年的结果（见2021年报告）比较如何？") == ([2020], [])


def test_target_words_win_over_words_a_target_also_uses():
    assert intent_of("河北2025年计划旅游收入达到多少") == "plan"
    assert intent_of("what was the gdp growth target for 2024?") == "plan"
    assert intent_of("2022年专项债券拟增加到多少") == "plan"
    assert intent_of("2023年进出口增速计划和预计完成分别是多少") == "review"  # 预计完成 is the outcome
    assert intent_of("how many new urban jobs were created during the 11th five-year plan period") != "plan"


def test_a_deficit_and_its_ratio_are_two_indicators():
    parts = analyse("2022年拟安排的赤字规模和赤字率是多少？").parts
    assert [p.indicators[0].name for p in parts] == ["财政赤字", "赤字率"]
    assert all(p.intent == "plan" for p in parts)
    assert vocabulary().find_indicators("赤字规模")[0][1].name == "财政赤字"


def test_how_a_named_target_went_asks_the_target_and_the_outcome():
    parts = analyse("2020年确定的GDP增长目标和居民消费价格目标最后完成得怎么样？").parts
    assert [(p.indicators[0].name, p.intent) for p in parts] == [
        ("地区生产总值", "plan"), ("地区生产总值", "actual"), ("居民消费价格", "plan"), ("居民消费价格", "actual")]
    # asking words alone keep the subject's measure: the growth achieved, not the level
    parts = analyse("江西2025年地区生产总值增长目标是多少？实际完成了多少？").parts
    assert [p.intent for p in parts] == ["plan", "actual"] and all(p.wants_rate for p in parts)


def test_which_two_points_is_a_list_even_of_an_indicator():
    assert analyse("2013年把经济增长目标定为7.5%左右，主要基于哪两方面的考虑？").kind == "descriptive"
    assert analyse("2013年经济增长目标是多少？").kind == "figure"


def test_a_figure_belongs_to_a_term_in_its_clause_or_the_clause_that_goes_on_about_it():
    deficit = [(["财政赤字"], 2.0)]
    assert not figure_bound("去年财政赤字控制在预算范围内，广义货币M2增长13.6%", deficit)
    assert figure_bound("今年拟安排财政赤字1.2万亿元", deficit)
    assert figure_bound("全年实现地区生产总值5696亿元，增长5.3%", [(["地区生产总值"], 2.0)])
    bonds = [(["超长期特别国债"], 2.0)]
    assert figure_bound("从今年开始拟连续几年发行超长期特别国债，专项用于国家重大战略实施，今年先发行1万亿元", bonds)


def _chunk(text: str) -> Chunk:
    return Chunk(chunk_id="d:0", doc_id="d", ordinal=0, text=text, start=0, end=len(text))


def _ev(text: str, sentence: str) -> SentenceEvidence:
    start = text.index(sentence)
    return SentenceEvidence(_chunk(text), sentence, start, start + len(sentence), sentence.rstrip("。"), 1.0, 1.0)


def test_a_passage_that_begins_a_list_is_quoted_with_every_point():
    text = ("合理调整收入分配关系。这既是长期任务。今年重点采取三方面措施：一是提高低收入群众收入。稳步提高最低工资。"
            "二是加大收入分配调节力度。提高个税扣除标准。三是规范收入分配秩序。坚决取缔非法收入。\n"
            "一是另一段的第一点。二是另一段的第二点。")
    whole = complete_points(text, [_ev(text, "合理调整收入分配关系。")], lambda at: _chunk(text))
    said = [w.text for w in whole]
    assert said[0] == "合理调整收入分配关系。" and len(said) == 4
    assert said[1].startswith("一是提高") and said[2].startswith("二是加大") and said[3].startswith("三是规范")
    assert not any("另一段" in s for s in said)  # a list in a later paragraph is another passage's


def test_a_list_in_the_next_paragraph_belongs_to_the_passage_only_when_it_announces_it():
    announced = "今后五年，政府将着力推进十个方面重点任务。\n一是经济实力显著提升。\n二是创新能力显著提升。\n"
    assert len(complete_points(announced, [_ev(announced, "今后五年，政府将着力推进十个方面重点任务。")],
                               lambda at: _chunk(announced))) == 3
    unrelated = "促进消费稳定增长。\n一是别的事情。\n二是又一件事情。\n"
    assert len(complete_points(unrelated, [_ev(unrelated, "促进消费稳定增长。")], lambda at: _chunk(unrelated))) == 1


def test_a_counted_name_is_answered_by_the_points_that_carry_its_word():
    text = ("奋力打好“三个攻坚战”。\n一是打好投资增长攻坚战。\n二是打好产业升级攻坚战。\n三是打好改革开放攻坚战。\n"
            "一是别的。\n二是别的。\n")
    run = counted_name_points(text, "三个攻坚战")
    assert [text[p.start : p.end] for p in run] == ["一是打好投资增长攻坚战", "二是打好产业升级攻坚战", "三是打好改革开放攻坚战"]
    assert counted_name_points(text, "攻坚战") == []  # no count, no list


def test_an_english_question_naming_an_unknown_city_names_a_place():
    assert "Wuzhong" in places_named("What was Wuzhong city's GDP in 2024?")
    assert not [p for p in places_named("What was Beijing city's GDP in 2024?") if p.isascii()]


def test_the_next_year_in_a_follow_up_is_the_year_after_the_one_asked():
    history = [{"role": "user", "content": "2020年全国粮食产量是多少？"}]
    assert "2021年" in resolve_follow_up("那下一年的粮食产量呢？", history)
    earlier = [{"role": "user", "content": "2022年政府工作报告拟安排的财政赤字是多少？"}]
    q = analyse("其中中央本级赤字是多少？", earlier)
    assert q.years == [2022] and all(p.intent == "plan" for p in q.parts)


def test_english_figures_need_a_unit_and_verdicts_compare_like_units():
    from qa_service.compose import PartAnswer, _sentence_text
    from qa_service.verdicts import comparison as _comparison

    q = analyse("What did the 2012 report say about PM2.5 monitoring?").parts[0]
    text = "增加细颗粒物PM2.5等监测指标。"
    assert "“增加细颗粒物PM2.5等监测指标”" in _sentence_text(q, _ev(text, text), 1, "en")
    plan, actual = analyse("江西2025年地区生产总值增长目标是多少？实际完成了多少？").parts
    target = "地区生产总值增长5.5%左右。"
    level = "全年实现地区生产总值5696亿元。"
    assert _comparison([PartAnswer(plan, sentences=[_ev(target, target)]),
                        PartAnswer(actual, sentences=[_ev(level, level)])], "zh") == []
    growth = "全年实现地区生产总值5696亿元，增长5.3%。"
    assert _comparison([PartAnswer(plan, sentences=[_ev(target, target)]),
                        PartAnswer(actual, sentences=[_ev(growth, growth)])], "zh") == ["实际低于目标"]


NATIONAL = CORPUS / "national" / "txt"
REPORTS = [p for y in (2010, 2011, 2012, 2013, 2014) for p in sorted(NATIONAL.glob(f"{y}_*.txt"))]
needs_national = pytest.mark.skipif(len(REPORTS) < 5, reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("national6"), REPORTS)


@needs_national
@pytest.mark.corpus
def test_the_targets_after_a_colon_on_their_own_line_are_the_list(national):
    r = national.ask("2010年的主要预期目标是什么？")
    assert r.found and all(f in r.answer for f in ("8%左右", "900万人以上", "4.6%以内", "3%左右"))


@needs_national
@pytest.mark.corpus
def test_a_comparison_names_the_report_of_its_outcome(national):
    r = national.ask("2013年国内生产总值增长目标是多少？从2014年报告看实际增长多少？")
    assert r.found and "7.5%左右" in r.answer and "7.7%" in r.answer
    assert "56.9万亿元" not in r.answer.split("7.7%")[-1]  # no verdict against the level


def test_a_city_no_report_is_about_is_answered_only_by_its_own_documents():
    from datetime import date
    from types import SimpleNamespace as NS

    from planqa.records import Document
    from qa_service.pipeline import scope

    def doc(doc_id, region, text):
        return Document(doc_id=doc_id, title=doc_id, source="", region=region, report_date=date(2025, 1, 20),
                        years=[2025], content_hash=doc_id, clean_text=text)

    docs = {d.doc_id: d for d in (doc("nx", "宁夏回族自治区", "全区地区生产总值增长5.4%。银川市…"),
                                  doc("notice", "", "许昌市价格调节基金由市发展改革委管理。"))}
    state = NS(documents=docs)
    assert scope(state, analyse("宁夏吴忠市2024年地区生产总值是多少？"), None).refusal  # 宁夏's report is silent
    assert scope(state, analyse("What was Wuzhong city's GDP in 2024?"), None).refusal
    assert scope(state, analyse("宁夏银川市2024年地区生产总值是多少？"), None).refusal  # named in passing only
    own = scope(state, analyse("许昌市价格调节基金由哪个部门管理？"), None)
    assert own.doc_ids == ["notice"] and "许昌市" in own.ignore  # the notice is the city's own


def test_a_name_with_a_number_in_it_is_not_a_figure():
    from planqa.figures import numbers_in

    assert numbers_in("优良天数比例、PM_2.5年均浓度均优于全国") == []
    assert numbers_in("广义货币M2增长13.6%") == ["13.6"]
    assert numbers_in("PM2.5浓度为25.9微克/立方米") == ["25.9"]


def test_exceeded_means_beyond_the_plan_and_a_work_plan_is_a_list_by_name():
    from planqa.records import IndicatorRow
    from qa_service.answerers.aggregate import _judged
    from qa_service.outline import outline

    def cell(kind, value):
        return IndicatorRow(doc_id="d", table_title="主要指标", indicator="社会消费品零售总额增速",
                            indicator_norm="社会消费品零售总额增速", column=kind, kind=kind, year=2023, value=value,
                            unit="%", value_text=f"{value}%", row_text="", start=0, end=1)

    row = [cell("plan", 7.5), cell("actual", 7.5)]
    assert _judged(row, [2023])[1] is True  # met
    assert _judged(row, [2023], strict=True)[1] is False  # met, not exceeded
    assert outline(analyse("2024年主要工作任务是什么？"), None, []).note != "not a list question"


def test_a_rate_is_taken_from_a_following_clause_only_when_it_goes_on_about_the_subject():
    from qa_service.fragments import extend_to_rate

    sentence = "粮食总产量1640.06亿斤，城镇新增就业35.8万人，一般公共预算收入增长5.7%"
    assert extend_to_rate(sentence, "粮食总产量1640.06亿斤") == "粮食总产量1640.06亿斤"
    assert extend_to_rate("全年实现地区生产总值5696亿元，增长5.3%", "全年实现地区生产总值5696亿元").endswith("增长5.3%")


def test_a_fields_output_is_not_the_regions_gdp():
    gdp = analyse("浙江2026年地区生产总值增长目标是多少？").parts[0]
    from qa_service.evidence import names_all

    assert not names_all(gdp, "力争海洋生产总值增长6%左右")
    assert names_all(gdp, "全省生产总值增长5%—5.5%") and names_all(gdp, "全年实现地区生产总值5696亿元")
    assert names_all(analyse("2025年海洋生产总值增长多少？").parts[0], "海洋生产总值增长6%左右")


def test_gdp_as_the_yardstick_of_another_indicator_does_not_name_gdp():
    from qa_service.evidence import names_all

    gdp = analyse("青海2025年地区生产总值是多少？").parts[0]
    assert not names_all(gdp, "全体居民人均可支配收入增速高于经济增速、突破3万元")
    assert names_all(gdp, "全省地区生产总值达到4000亿元")
