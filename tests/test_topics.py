"""Paragraph topics (qa_service/topics.py): a report's paragraph opens with a topic sentence, and a question
that restates it is answered by what stands under it. Unit tests on an invented report, then the service
on a real provincial report (内蒙古 2025) with the deterministic fake embedding."""

from __future__ import annotations

import pytest
from conftest import CORPUS, service_over

from qa_service.topic_answers import under_topic
from qa_service.topics import best_topic, restated_share

REPORT = "\n".join([
    "（三）扎实推进城乡融合发展。要统筹新型城镇化和乡村全面振兴。",
    "深化户籍制度改革。推动符合条件的农业转移人口落户城镇。完善随迁子女入学政策。扩大保障性住房供给。再做一件事。",
    "加强基层治理。今年重点抓好三项工作。一是建强村级组织。加强培训。二是完善网格服务。三是推进移风易俗。",
    "（四）持续改善生态环境。",
    "（五）扩大有效需求。坚持内需主导，统筹促消费和扩投资。办好展会。释放消费潜能。推进一批项目，带动社会投资。扩大有效投资。",
    "（六）把握工作要求。",
    "做好今年工作，要着力把握好三个方面。",
    "一是坚定信心。只要信心不滑坡，办法总比困难多。",
    "二是遵循规律。",
    "三是真抓实干。",
])
NEIMENGGU = CORPUS / "provincial-2025" / "txt" / "2025年内蒙古自治区政府工作报告.txt"
needs_neimenggu = pytest.mark.skipif(not NEIMENGGU.exists(), reason="../shared/corpus is absent")


def _texts(question: str) -> list[str]:
    topic, _share = best_topic(REPORT, question)
    assert topic is not None
    return [q.text for q in under_topic(REPORT, topic)]


def test_a_restated_topic_sentence_is_answered_by_the_sentences_after_it():
    assert _texts("对深化户籍制度改革提出了哪些措施？") == [
        "深化户籍制度改革。", "推动符合条件的农业转移人口落户城镇。", "完善随迁子女入学政策。", "扩大保障性住房供给。",
        "再做一件事。"]


def test_enumerated_points_are_the_answer_not_the_prose_between_them():
    assert _texts("加强基层治理要抓好哪几项工作？") == [
        "加强基层治理。", "一是建强村级组织。", "二是完善网格服务。", "三是推进移风易俗。"]


def test_points_may_open_the_paragraphs_after_a_topic_that_announces_them():
    assert _texts("做好今年工作要着力把握好哪三个方面？") == [
        "做好今年工作，要着力把握好三个方面。", "一是坚定信心。", "只要信心不滑坡，办法总比困难多。", "二是遵循规律。",
        "三是真抓实干。"]  # each point with the sentence after it that says how


def test_a_section_written_as_one_paragraph_is_answered_by_its_short_topic_sentences():
    assert _texts("在扩大有效需求方面有哪些部署？") == [
        "（五）扩大有效需求。", "坚持内需主导，统筹促消费和扩投资。", "办好展会。", "释放消费潜能。", "扩大有效投资。"]


def test_under_a_heading_the_answer_is_the_topics_of_its_paragraphs():
    # with the heading's own paragraph and each topic's first sentence, which begin to say how
    texts = _texts("如何扎实推进城乡融合发展？")
    assert texts[0] == "（三）扎实推进城乡融合发展。"
    topics_in_order = [t for t in texts if t in ("深化户籍制度改革。", "加强基层治理。")]
    assert topics_in_order == ["深化户籍制度改革。", "加强基层治理。"]
    assert "推动符合条件的农业转移人口落户城镇。" in texts


def test_scattered_common_words_are_no_restatement():
    assert restated_share("深化户籍制度改革", "深化改革有哪些举措？") == 0.0
    assert best_topic(REPORT, "对发展海洋经济提出了哪些举措？") == (None, 0.0)


def _service_over_one(tmp_path_factory, report):
    return service_over(tmp_path_factory.mktemp("one-report"), [report])


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return _service_over_one(tmp_path_factory, NEIMENGGU)


@needs_neimenggu
def test_a_provincial_reports_heading_is_answered_by_its_points(service):
    r = service.ask("2025年内蒙古政府工作报告对坚持供需两端协同发力、想方设法提振消费有哪些部署？")
    assert r.found and "“两新”政策的机遇" in r.answer and "新型城镇化的机遇" in r.answer
    assert "国内大循环带来的机遇" in r.answer


@needs_neimenggu
def test_a_topic_the_report_does_not_have_is_not_found(service):
    r = service.ask("2025年内蒙古政府工作报告对建设海洋强区提出了哪些举措？")
    assert not r.found


NATIONAL_2017 = CORPUS / "national" / "txt" / "2017_2017年中华人民共和国国务院政府工作报告.txt"


needs_national = pytest.mark.skipif(not NATIONAL_2017.exists(), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    return _service_over_one(tmp_path_factory, NATIONAL_2017)


@needs_national
def test_a_why_question_is_answered_by_the_sentence_that_gives_the_reason(national):
    r = national.ask("2017年政府工作报告为什么这样确定今年的经济增长预期目标？")
    assert r.found and "有利于引导和稳定预期" in r.answer


@needs_national
def test_a_why_question_without_a_stated_reason_is_not_found(national):
    r = national.ask("2017年政府工作报告为什么要求棚户区住房改造600万套？")
    assert not r.found


@needs_neimenggu
def test_a_noun_that_qualifies_the_asked_thing_must_be_in_the_passage(service):
    """内蒙古 writes of 风电 on land: a question about 海上风电 is not answered by it."""
    from qa_service.passages import modifier_pairs

    assert ("海上", "风电") in modifier_pairs("今年在海上风电开发方面有哪些举措？", frozenset())
    assert modifier_pairs("管理规定是哪个部门修订的？", frozenset()) == ()  # a subject and its verb
    assert service.ask("2025年内蒙古对防沙治沙和风电光伏一体化工程有哪些安排？").found
    assert not service.ask("2025年内蒙古对防沙治沙和海上风电一体化工程有哪些安排？").found
