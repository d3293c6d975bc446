"""What a notice question asks for, said in words the answer need not hold: "坚持哪些原则", "是什么意思",
"怎么定义的", "要走什么手续" are answered by the article that states the principles or the meaning. A line
that only names the document (its title, its issuer) answers nothing. And the notice's own title is its
first line, not its addressees ("各省、…计划单列市…:") or an article that says 报告."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

NOTICE = (
    "洛阳市人民政府关于印发洛阳市养老服务补贴办法的通知\n洛阳市人民政府\n洛政发〔2031〕5号\n\n"
    "各区人民政府，计划单列市有关部门:\n现将《洛阳市养老服务补贴办法》印发给你们，请认真执行。\n\n"
    "洛阳市养老服务补贴办法\n\n"
    "第一条 为规范养老服务补贴的发放，保障困难老人的基本生活，制定本办法。\n"
    "第二条 本办法所称养老服务补贴，是指政府向经济困难的高龄老人发放的居家服务费用。\n"
    "第三条 发放养老服务补贴应当坚持公开公平、应保尽保、动态管理。\n"
    "第四条 申请人应当向户籍所在地街道办事处提交申请表和收入证明，每年报告一次家庭收入。\n"
    "第五条 补贴资金列入市级财政预算，由市民政局按季度拨付到街道。\n"
    "第六条 领取补贴的老人每年应当参加社区组织的居家服务评估。\n"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("notice_frames"), {"洛阳市养老服务补贴办法.txt": NOTICE})


def test_the_meaning_asked_is_answered_by_the_definition(service):
    r = service.ask("洛阳市办法里的养老服务补贴是什么意思？")
    assert r.found and "经济困难的高龄老人" in r.answer


def test_the_principles_asked_are_answered_by_the_article_that_lists_them(service):
    r = service.ask("发放养老服务补贴要坚持哪些原则？")
    assert r.found and "应保尽保" in r.answer


def test_a_line_that_only_names_the_document_is_not_quoted(service):
    r = service.ask("洛阳市养老服务补贴办法是为什么制定的？")
    assert r.found and "保障困难老人的基本生活" in r.answer
    assert all(c.text.strip() not in ("洛阳市养老服务补贴办法", "洛阳市人民政府") for c in r.citations)


def test_the_title_is_the_first_line_not_the_addressees(service):
    assert service.ask("洛阳市养老服务补贴办法的文号是什么？").citations[0].title == "洛阳市人民政府关于印发洛阳市养老服务补贴办法的通知"


def test_two_asking_clauses_on_one_topic_are_answered_one_by_one(service):
    r = service.ask("洛阳市养老服务补贴，资金由哪个部门拨付？老人每年要参加什么评估？")
    assert r.found and "市民政局" in r.answer and "居家服务评估" in r.answer


def test_a_clause_no_passage_answers_leaves_the_question_unanswered(service):
    assert not service.ask("洛阳市养老服务补贴，资金由哪个部门拨付？老人去世后怎么注销登记？").found


def test_a_count_asked_is_answered_only_by_that_many_things(service):
    assert service.ask("发放养老服务补贴要坚持哪三项原则？").found
    # one office is named: "哪两个部门" is not answered by it
    assert not service.ask("洛阳市养老服务补贴资金由哪两个部门按季度拨付？").found
