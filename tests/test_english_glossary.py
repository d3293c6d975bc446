"""English words the vocabulary does not map, rendered through CC-CEDICT and chosen by the retrieved passages;
the share of an English question so understood; and session 7's rules of the genre: a plan sentence outside
the review speaks of the report's year, a period's total is not one year's, a question that asks one side in
a named report is answered from that report alone."""

from __future__ import annotations

import pytest
from conftest import CORPUS, service_over

from planqa.records import Chunk
from qa_service.english_rendering import ENGLISH_PLACE_WORDS, in_passages_words
from qa_service.glossary import content_words, glosses, resolve
from qa_service.query import analyse
from qa_service.sentence_years import sentence_years
from qa_service.vocabulary import vocabulary


def test_a_gloss_is_found_whatever_its_hyphens_and_plurals():
    stop = vocabulary().en_stopwords
    found = dict(glosses("what were the foreign-exchange reserves at the end of the year", stop))
    assert "外汇储备" in found["foreign exchange reserve"]
    assert "义务教育" in dict(glosses("spending on compulsory education", stop))["compulsory education"]
    assert not any(en == "the" for en, _ in glosses("the of and", stop))  # stopwords alone are no phrase


def test_the_passages_choose_the_rendering_and_a_chance_one_does_not_count():
    passages = ["中央财政安排资金120亿元。", "中央预算内投资增加。", "中心城区改造。"]
    assert resolve(("中心", "中央", "中部"), passages) == "中央"  # held by two of three
    assert resolve(("中心",), passages) == ""  # one passage alone may hold it by chance
    assert resolve(("天花板",), passages) == ""


def test_an_english_question_gets_the_words_its_passages_use_and_says_how_much_was_understood():
    q = analyse("How large were the foreign exchange reserves at the end of 2009?")
    assert q.glosses and q.understood == 1.0  # not yet rendered
    passages = ["年末国家外汇储备达到2万亿美元。", "外汇储备稳定增长，中央预算安排。"]
    rendered = in_passages_words(q, passages)
    assert "外汇储备" not in q.terms and "外汇储备" in rendered.terms
    assert rendered.understood >= 0.5
    unknown = in_passages_words(analyse("What did the 2009 report say about zebra crossings and kites?"), passages)
    assert unknown.understood < 0.45  # nothing of it in the passages: too little to answer from
    zh = analyse("北京2025年地区生产总值是多少？")
    assert in_passages_words(zh, passages) is zh  # a Chinese question is untouched


def test_places_and_asking_words_are_not_content():
    stop = vocabulary().en_framing | ENGLISH_PLACE_WORDS
    assert content_words("What GDP growth target did Hainan set, and what did it actually achieve?", stop) == ["gdp"]


def test_a_plan_sentence_outside_the_review_speaks_of_the_report_year():
    chunk = Chunk(doc_id="d", chunk_id="c", ordinal=0, text="", start=0, end=1, section="三、今年的主要任务",
                  years=[1998])
    assert sentence_years("拟安排地方政府一般债券1200亿元，比上年预算减少100亿元。", chunk, 2016) == {1998, 2016}
    review = Chunk(doc_id="d", chunk_id="r", ordinal=0, text="", start=0, end=1, section="一、过去一年工作回顾",
                   years=[])
    assert sentence_years("中央财政安排资金100亿元。", review, 2016) == {2015}


def test_a_period_total_is_not_one_year_outcome():
    from types import SimpleNamespace as NS

    from qa_service.figure_kind import year_figure_of_kind

    text = "五年累计新增城镇就业4800万人。"
    hit = NS(chunk=Chunk(doc_id="d", chunk_id="c", ordinal=0, text=text, start=0, end=len(text),
                         section="一、过去五年工作回顾", years=[]))
    one_year = analyse("2012年城镇新增就业实际多少？").parts[0]
    assert not year_figure_of_kind(one_year, hit, 0, text, text[:-1])
    said = "2012年城镇新增就业1266万人。"
    hit.chunk = Chunk(doc_id="d", chunk_id="c", ordinal=0, text=said, start=0, end=len(said),
                      section="一、过去一年工作回顾", years=[2012])
    assert year_figure_of_kind(one_year, hit, 0, said, said[:-1])


NATIONAL = CORPUS / "national" / "txt"
REPORTS = [p for y in (2010, 2013, 2014) for p in sorted(NATIONAL.glob(f"{y}_*.txt"))]


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("national7"), REPORTS)


@pytest.mark.skipif(len(REPORTS) < 3, reason="../shared/corpus is absent")
@pytest.mark.corpus
def test_one_side_asked_in_a_named_report_is_answered_from_it_alone(national):
    # the 2013 report sets 2013's targets; 2013's outcome is in the 2014 report, which this question did not name
    r = national.ask("2013年政府工作报告给出的2013年国内生产总值实际增长是多少？")
    assert not r.found and "7.7%" not in r.answer
    both = national.ask("2013年国内生产总值增长目标是多少？从2014年报告看实际增长多少？")
    assert both.found and "7.7%" in both.answer


@pytest.mark.skipif(len(REPORTS) < 3, reason="../shared/corpus is absent")
@pytest.mark.corpus
def test_an_english_question_in_words_the_map_lacks_is_answered(national):
    r = national.ask("How much funding for rural compulsory education did the central government provide in 2009, "
                     "according to the 2010 government work report?")
    assert r.found and "666亿元" in r.answer


def test_a_passage_that_announces_what_follows_begins_a_list():
    from qa_service.points import ANNOUNCED

    assert ANNOUNCED.search("做好今年的工作，要坚持以下几条原则。")
    assert ANNOUNCED.search("我们将采取两项措施：")
    assert not ANNOUNCED.search("以下简称新区，规划面积120平方公里")


def test_a_follow_up_keeps_the_named_report_and_maps_two_years_in_order():
    from qa_service.follow_ups import resolve_follow_up

    named = [{"role": "user", "content": "2012年政府工作报告里中央财政赤字多少？"}, {"role": "assistant", "content": "…"}]
    assert "2012年报告中" in resolve_follow_up("其中国债发行多少？", named)
    two = [{"role": "user", "content": "2013年政府工作报告里，2012年棉花产量是多少？"}, {"role": "assistant", "content": "…"}]
    resolved = resolve_follow_up("2014年报告里2013年的产量呢？", two)
    assert resolved.startswith("2014年政府工作报告里，2013年棉花产量")


def test_points_numbered_with_yao_are_a_list():
    from qa_service.points import points_after

    text = "抓紧完善公共交通。一要加快地铁建设；二要优化公交线路；三要发展慢行系统。要求各地落实。"
    runs = points_after(text, 0, 12)
    assert [p.number for p in runs[0]] == [1, 2, 3] and runs[0][0].family == "要"


def test_things_listed_after_an_indicator_are_each_asked():
    parts = analyse("2019年政府工作报告里，赤字率、地方政府一般债券和中央预算内投资各拟安排多少？").parts
    assert len(parts) == 3
    assert not any(t.startswith("各") for p in parts for t in p.terms)  # 各 glued to the verb is no passage's word


def test_two_named_reports_of_a_target_and_its_outcome_ask_the_first_year():
    from qa_service.asked_years import asked_years

    assert asked_years("2016年粮食产量的目标和实际完成各是多少？（见2016年和2017年政府工作报告）") == ([2016], [])
    assert asked_years("Compare the 2012 CPI target in the 2012 report with the actual rise reported in the 2013 report.") \
        == ([2012], [])
    assert asked_years("2021年和2022年政府工作报告的GDP目标分别是多少？") == ([2021, 2022], [])  # two targets


def test_an_english_question_asking_two_things_has_two_parts_both_planned():
    parts = analyse("How much special-purpose bonds and what deficit ratio did the 2019 report plan?").parts
    assert len(parts) == 2 and all(p.intent == "plan" for p in parts)


def test_a_target_of_a_named_indicator_is_answered_by_a_figure_or_not_at_all():
    from types import SimpleNamespace as NS

    from qa_service.pipeline import _said_in_a_sentence

    q = analyse("2019年进出口总额的增长目标是什么？")
    assert q.indicators and q.intent == "plan"
    assert _said_in_a_sentence(NS(), q, NS(), []) is None  # never a sentence without the figure


def test_reporting_verbs_name_nothing_a_passage_must_hold():
    q = analyse("2017年报告公布的2016年实际增长是多少？")
    assert "公布" not in q.terms and "给出" not in analyse("2017年报告给出的粮食产量是多少？").terms


def test_a_term_matches_whatever_the_width_of_its_characters():
    from qa_service.evidence import coverage_of

    assert coverage_of([(["8%"], 1.0)], "国内生产总值增长8％左右")[0] == 1.0
