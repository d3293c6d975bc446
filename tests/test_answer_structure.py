"""Answers that follow how these reports are written, on real provincial reports (deterministic fake embedding):
a counted announcement and its points, headings that share the asked words, a short subtopic inside a long
paragraph, one "分别" clause for several parts, and the years a target or an outcome can come from."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
from conftest import CORPUS, service_over

from qa_service.asked_years import asked_years
from qa_service.outline import announced_count, chinese_numeral
from qa_service.query import analyse
from qa_service.topics import shared_headings

P25, P26 = CORPUS / "provincial-2025" / "txt", CORPUS / "provincial-2026" / "txt"
REPORTS = [P26 / "2026_湖南省_政府工作报告.txt", P25 / "2025年湖南省政府工作报告.txt", P25 / "2025年河南省政府工作报告.txt",
           P26 / "2026_江苏省_政府工作报告.txt", P25 / "2025年四川省政府工作报告.txt", P26 / "2026_四川省_政府工作报告.txt"]


def test_chinese_numerals_and_announced_counts():
    assert [chinese_numeral(w) for w in ("三", "十", "十二", "二十", "两", "百")] == [3, 10, 12, 20, 2, None]
    assert announced_count("按照“稳、进、高、新”工作思路，重点抓好十个方面工作：") == 10
    assert announced_count("要着力把握好五个方面。") == 5
    assert announced_count("全力推动经济稳定增长。") is None


def test_a_written_year_and_a_relative_year():
    assert asked_years("四川去年（2025年）城镇新增就业多少人") == ([2025], [])
    assert asked_years("湖南2026年政府工作报告里说，去年研发投入强度是多少") == ([], [-1])
    assert asked_years("去年城镇新增就业多少人") == ([], [-1])


def test_a_thing_listed_before_the_indicators_is_a_part_of_its_own():
    q = analyse("湖南2024年粮食总产、社会消费品零售总额增速和规模工业增加值增速分别是多少？")
    # 粮食总产 is the grain output, an indicator of the vocabulary
    assert len(q.parts) == 3 and [i.name for i in q.parts[0].indicators] == ["粮食产量"]
    assert "粮食" not in q.parts[1].terms


def test_a_thing_listed_after_the_indicators_is_a_part_of_its_own():
    q = analyse("2017年政府工作报告中，赤字率、地方政府专项债券和中央预算内投资分别安排多少？")
    assert len(q.parts) == 3 and "预算内" in q.parts[2].terms
    assert all("预算内" not in p.terms for p in q.parts[:2])
    single = analyse("2018年赤字率和中央预算内投资各安排多少？")
    assert len(single.parts) == 2 and single.parts[0].terms == []


def test_headings_that_share_the_quoted_word():
    text = "\n".join(["一、过去一年", "（一）聚力稳增长。", "正文。", "二、今年工作", "（一）聚力扩内需。", "正文。",
                      "（二）聚力强创新。", "正文。", "（三）着力惠民生。"])
    assert [t.text for t in shared_headings(text, ["聚力"])] == ["（一）聚力扩内需", "（二）聚力强创新"]
    assert shared_headings(text, ["聚力"], ["机遇"]) == []  # a word the headings lack: not about them
    assert shared_headings(text, ["惠民生"]) == []  # one heading is a topic, not a list


needs_reports = pytest.mark.skipif(not all(p.exists() for p in REPORTS), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("structure"), REPORTS)


@needs_reports
def test_a_counted_announcement_is_answered_by_every_point_it_counts(service):
    r = service.ask("湖南省2026年要重点抓好哪十个方面的工作？")
    assert r.found and "（一）全力推动经济稳定增长" in r.answer and "（十）牢牢守住安全稳定底线" in r.answer


@needs_reports
def test_headings_sharing_the_quoted_words_are_listed(service):
    r = service.ask("河南2025年政府工作报告提出要“更大力度”推动哪些工作？")
    assert r.found and "全方位扩大内需" in r.answer and "以人为本的新型城镇化" in r.answer
    assert "发展和安全良性互动" in r.answer


@needs_reports
def test_a_subtopic_inside_a_paragraph_is_answered_by_the_sentences_after_it(service):
    r = service.ask("江苏省2026年打算怎样更大力度提振消费？")
    assert r.found and "苏新消费" in r.answer and "首发首店" in r.answer
    assert "着力扩大有效投资" not in r.answer  # the next subtopic is another answer


@needs_reports
def test_one_clause_that_gives_each_part_its_figure_answers_every_part(service):
    r = service.ask("江苏2026年力争交通、水利、能源领域投资额各达到多少？")
    assert r.found and all(f in r.answer for f in ("2400亿元", "450亿元", "1700亿元"))
    assert r.answer.count("2400亿元") == 1


@needs_reports
def test_an_outcome_is_never_taken_from_the_report_of_its_own_year(service):
    r = service.ask("四川2026年实际粮食产量是多少？")
    assert not r.found  # the 2026 report holds the 2026 target only
    assert service.ask("四川2025年粮食产量目标是多少？").found


@needs_reports
def test_a_review_sentence_states_an_outcome_whatever_its_plan_words(service):
    r = service.ask("四川去年（2025年）城镇新增就业多少人？")
    assert r.found and "107万人" in r.answer


@needs_reports
def test_relative_years_count_from_the_report_the_question_names(service):
    r = service.ask("湖南2026年政府工作报告里说，去年全社会研发投入强度提升到了多少？")
    assert r.found and "2.62%" in r.answer


@needs_reports
def test_every_listed_thing_is_answered(service):
    r = service.ask("湖南2024年粮食总产、社会消费品零售总额增速和规模工业增加值增速分别是多少？")
    assert r.found and all(f in r.answer for f in ("615.6亿斤", "5.4%", "7.3%"))


def test_a_question_may_restate_a_headings_first_clause_only():
    from qa_service.topics import best_topic

    text = "\n".join(["（四）推动改革开放走深走实，全面激活发展动力", "突出重点领域改革。推进要素市场化配置改革。",
                      "（五）全面激活发展动力的其他举措。"])
    topic, _ = best_topic(text, "对今年推动改革开放走深走实是怎么部署的？")
    assert topic is not None and topic.text.startswith("（四）")


NATIONAL = CORPUS / "national" / "txt"


NATIONAL_REPORTS = [p for y in (2010, 2011, 2012, 2013, 2014, 2015, 2021) for p in sorted(NATIONAL.glob(f"{y}_*.txt"))]
needs_national = pytest.mark.skipif(len(NATIONAL_REPORTS) < 7, reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("national"), NATIONAL_REPORTS)


@needs_national
def test_the_report_of_the_asked_year_answers_though_all_reports_say_the_same_words(national):
    r = national.ask("2012年全国国内生产总值增长目标是多少？")
    assert r.found and "7.5%" in r.answer and "2012年" in r.citations[0].title


@needs_national
def test_a_target_in_the_plan_part_needs_no_plan_word_and_last_year_is_not_this_year(national):
    r = national.ask("2013年政府工作报告提出的居民消费价格涨幅目标是多少？")
    assert r.found and "3.5%左右" in r.answer and "2.6%" not in r.answer  # 2.6% is 去年's outcome
    r = national.ask("2021年政府工作报告安排的赤字率是多少？")
    assert r.found and "3.2%左右" in r.answer  # "今年赤字率…、比去年有所下调" is this year's


@needs_national
def test_measures_for_an_indicator_are_a_descriptive_question(national):
    r = national.ask("2012年政府工作报告对稳定物价提出了哪些措施？")
    assert r.found and r.kind == "descriptive"


def test_the_report_of_the_asked_year_ranks_first_even_unretrieved():
    from types import SimpleNamespace as NS

    from qa_service.answerers.reports import ranked_documents
    from qa_service.pipeline import Scope

    docs = {f"n{y}": NS(doc_id=f"n{y}", title=f"{y}年中华人民共和国国务院政府工作报告", report_date=None, years=[y])
            for y in (2010, 2012, 2013)}
    state = NS(documents=docs)
    hits = [NS(chunk=NS(doc_id="n2010"), score=0.03), NS(chunk=NS(doc_id="n2013"), score=0.02)]
    q = analyse("2012年全国国内生产总值增长目标是多少？").parts[0]
    assert ranked_documents(state, q, Scope(list(docs)), hits)[0] == "n2012"


def test_an_amount_is_answered_in_its_units_not_by_a_rate_or_a_count():
    from qa_service.amounts import asks_amount, states_amount

    q = analyse("2022年进出口总额是多少？").parts[0]
    assert asks_amount(q)
    assert states_amount(q, "进出口总额4.2万亿元")
    assert not states_amount(q, "货物进出口总额增长7.7%") and not states_amount(q, "新设152个跨境电商综试区")
    assert not asks_amount(analyse("2022年赤字率是多少？").parts[0])  # a rate
    assert not asks_amount(analyse("2022年进出口总额增长多少？").parts[0])  # its growth


def test_a_placeless_question_about_a_year_the_districts_reports_do_not_cover_is_asked_of_the_national_reports():
    from datetime import date

    from planqa.records import Document
    from qa_service.pipeline import scope

    def doc(doc_id, region, year):
        return Document(doc_id=doc_id, title=doc_id, source="", region=region, report_date=date(year, 1, 20),
                        years=[year], content_hash=doc_id, clean_text="")

    docs = {d.doc_id: d for d in (doc("district", "株洲市天元区", 2024), doc("nation2015", "全国", 2015),
                                  doc("hunan", "湖南省", 2024))}
    state = NS(documents=docs)
    assert scope(state, analyse("2014年国内生产总值增长多少？"), None).doc_ids == ["nation2015"]
    assert scope(state, analyse("2023年国内生产总值增长多少？"), None).doc_ids == ["district"]  # its own year
    assert scope(state, analyse("2014年地区生产总值是多少？"), None).doc_ids == ["district"]  # a region's GDP
    # no place and a year the district's reports do not speak of: the country's reports
    assert scope(state, analyse("2014年城镇新增就业多少人？"), None).doc_ids == ["nation2015"]
    assert scope(state, analyse("2023年城镇新增就业多少人？"), None).doc_ids == ["district"]
    assert scope(state, analyse("2014年全区城镇新增就业多少人？"), None).doc_ids == ["district"]  # 全区: the region
