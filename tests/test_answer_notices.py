"""Policy notices (通知, 办法, 实施方案), not plan reports: ten public notices bundled in eval/notices/, with the
deterministic fake embedding. These test what a notice is asked: its number, issuer and date, a deadline,
what an article lays down, and a refusal for what it does not say."""

from __future__ import annotations

import pytest
from conftest import ROOT, service_over

NOTICES = ROOT / "eval" / "notices"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("notices"), sorted(NOTICES.glob("*.txt")))


def _sources(response) -> set[str]:
    return {c.source for c in response.citations}


def test_the_document_number_of_the_notice_the_question_names(service):
    r = service.ask("许昌市价格调节基金管理办法的发文字号是什么？")
    assert r.found and "许政[2009]34号" in r.answer  # "[2009]" is the notice's own, not a citation marker
    assert _sources(r) == {"09-许昌价格调节基金管理办法.txt"}


def test_who_issued_it_and_when(service):
    r = service.ask("政府性基金预算管理办法是哪个部门在哪天发布的？")
    assert r.found and "财政部" in r.answer and "1996年12月13日" in r.answer


def test_a_deadline_is_answered_by_the_date(service):
    r = service.ask("节能汽车推广补贴资金清算报告的上报截止时间是什么时候？")
    assert r.found and "2013年10月31日" in r.answer


def test_a_sentence_under_its_heading_answers_what_the_heading_says(service):
    r = service.ask("湖南引导高校毕业生到基层就业，继续组织实施哪些项目？")
    assert r.found and "选调生" in r.answer and "三支一扶" in r.answer


def test_what_a_notice_does_not_say_is_refused(service):
    for question in ("武汉中考的报名费标准是多少？", "成都市每个示范社区给多少建设补助资金？"):
        r = service.ask(question)
        assert not r.found, (question, r.answer)


def test_a_date_question_about_the_content_is_not_about_the_document():
    from qa_service.query import analyse

    assert analyse("政府性基金预算管理办法是哪天印发的？").kind == "metadata"
    q = analyse("成都首批示范社区要求什么时候建成？")
    assert q.kind == "figure" and q.parts[0].wants_time == 1
    assert analyse("补贴政策的实施期限是从哪天到哪天？").parts[0].wants_time == 2


def test_a_notice_s_header_lines_stay_lines():
    from ingest.cleaning import clean_text

    raw = ("关于开展节能环保汽车推广工作的通知\n财政部 国家发展和改革委员会\n财建〔2013〕644号\n\n"
           "为推进节能减排,促进大气污染治理,报经国务院批准同意,财政部、发展改革委、工业和信息化部决定从2013年10月1日起,\n"
           "实施推广政策。\n\n一、现行政策执行到2013年9月30日。\n")
    lines = clean_text(raw).text.split("\n")
    assert lines[:3] == ["关于开展节能环保汽车推广工作的通知", "财政部 国家发展和改革委员会", "财建〔2013〕644号"]
    assert lines[3].endswith("实施推广政策。")  # a full-width line is a wrap, and is joined


def test_bracketed_document_numbers_are_not_citation_markers():
    from planqa.records import Citation
    from qa_service.citation_check import problems

    quote = "许政[2009]34号"
    cite = Citation(id=1, doc_id="d", title="t", source="s", section="", text=quote, start=0, end=len(quote), score=1.0)
    assert problems(f"根据报告：{quote}[1]。", [cite], lambda _d: quote) == []
    assert problems(f"根据报告：{quote}[2]。", [cite], lambda _d: quote) == ["marker [2] has no citation"]


def test_a_question_no_figure_answers_is_answered_by_the_sentence_that_restates_it(service):
    """Kind "figure" by its words ("由哪个…"), but what answers is an article's sentence."""
    r = service.ask("武汉中考的具体工作由哪个机构承担？")
    assert r.found and "由所属招生考试管理机构" in r.answer


def test_a_quantity_is_never_answered_by_a_sentence_without_it(service):
    r = service.ask("武汉中考的具体工作由多少个机构承担？")
    assert not r.found


def test_an_english_question_understood_by_one_word_is_not_answered(service):
    """Only 项目 is understood of it: no passage can be chosen by that (it was: a project's preamble)."""
    r = service.ask("How long are the sewage pipes to be laid under the Dianchi north-bank project?")
    assert not r.found
