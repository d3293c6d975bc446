"""A notice is asked for several of its own fields at once: who issued it and its number, the meeting that
passed it and the day, when it takes effect. Every field asked is answered from the notice, or the question
is not answered: one field quoted alone is not an answer to two. "由谁初审" asks who does something the text
says, not who issued the notice."""

from __future__ import annotations

import importlib

import pytest
from conftest import service_over_texts

from qa_service.metadata_cues import asked_fields

JOINT = (
    "关于印发《洛阳市小微企业贷款贴息办法》的通知\n洛阳市财政局 洛阳市工业和信息化局\n洛财发〔2031〕12号\n\n"
    "各县(市、区)财政局、工信局:\n现将《洛阳市小微企业贷款贴息办法》印发给你们，请遵照执行。该办法业经2031年3月2日市财政局局务会议审议通过。\n\n"
    "二O三一年三月二十日\n\n"
    "洛阳市小微企业贷款贴息办法\n\n"
    "第一条 为减轻小微企业融资负担，制定本办法。\n"
    "第二条 贴息申请由县级财政部门受理，由市工信局初审，市财政局复核。\n"
    "第三条 本办法自2031年5月1日起施行。\n"
)
PLAIN = (
    "洛阳市公共停车场管理规定\n洛阳市人民政府\n\n"
    "第一条 为规范公共停车场的设置和管理，制定本规定。\n第二条 停车场由城市管理部门统一规划。\n"
)

SIGNED_BELOW = (
    "关于做好洛阳市高校毕业生见习补贴发放工作的通知\n\n各县(市、区)教育局、人力资源和社会保障局:\n"
    "现就见习补贴发放工作通知如下，请遵照执行。\n洛阳市教育局\n洛阳市人力资源和社会保障局\n2031年6月1日\n"
    "一、补贴标准为每人每月1500元。\n"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("notice_fields"),
                              {"贴息办法.txt": JOINT, "停车场规定.txt": PLAIN, "见习补贴.txt": SIGNED_BELOW})


def test_the_issuers_and_the_number_are_both_answered(service):
    r = service.ask("洛阳市小微企业贷款贴息办法是哪两个部门联合印发的，文号多少？")
    assert r.found and "洛阳市财政局" in r.answer and "洛阳市工业和信息化局" in r.answer and "洛财发〔2031〕12号" in r.answer


def test_when_it_takes_effect_is_its_last_article_not_another_date(service):
    r = service.ask("洛阳小微企业贷款贴息办法什么时候开始施行？")
    assert r.found and "2031年5月1日" in r.answer and "3月2日" not in r.answer


def test_the_meeting_that_passed_it_gives_the_day_too(service):
    r = service.ask("洛阳小微企业贷款贴息办法是哪天、经什么会议审议通过的？")
    assert r.found and "局务会议" in r.answer and "2031年3月2日" in r.answer


def test_the_signing_date_written_in_chinese_numerals_with_a_typed_o(service):
    r = service.ask("洛阳市印发小微企业贷款贴息办法的通知，文号和印发日期是什么？")
    assert r.found and "洛财发〔2031〕12号" in r.answer and "2031年3月20日" in r.answer


def test_a_field_the_notice_does_not_state_leaves_the_question_unanswered(service):
    r = service.ask("洛阳市公共停车场管理规定是哪个部门发的？什么时候开始施行？")
    assert not r.found


def test_who_does_something_is_asked_of_the_text_not_of_the_document():
    assert asked_fields("贴息申请由谁初审？") == []
    assert "metadata_who" in asked_fields("这份办法是由谁印发的？")
    assert asked_fields("这个办法哪天起施行？") == ["metadata_effective"]
    assert asked_fields("2031年政府工作报告由谁在大会上报告？") == ["metadata_who"]  # 报告 said as the verb
    assert asked_fields("2031年政府工作报告提出由谁牵头推进改革？") == []  # who leads it: the text says


def test_who_reviews_it_is_answered_by_the_article(service):
    r = service.ask("洛阳小微企业贷款贴息申请由谁初审？")
    assert r.found and "市工信局" in r.answer


def test_the_issuers_signed_on_lines_of_their_own_are_all_named(service):
    r = service.ask("洛阳市高校毕业生见习补贴发放工作的通知是哪两个部门发的？")
    assert r.found and "洛阳市教育局" in r.answer and "洛阳市人力资源和社会保障局" in r.answer


def test_a_word_cut_with_an_asking_word_in_it_is_not_required():
    from qa_service.query import analyse

    terms = analyse("贴息申请归谁管？办法是第几号令？").terms
    assert "归谁" not in terms and "第几" not in terms and "贴息" in terms


def test_an_orders_number_on_the_line_after_it(tmp_path):
    text = "洛阳市户外广告设置办法\n洛阳市人民政府\n洛阳市人民政府令\n第31号\n\n第一条 为规范户外广告设置，制定本办法。\n"
    r = service_over_texts(tmp_path, {"广告.txt": text}).ask("洛阳市户外广告设置办法是第几号令？")
    assert r.found and "第31号" in r.answer


def test_the_issuer_is_of_the_notice_the_question_describes_not_another_of_that_city(tmp_path):
    texts = {
        "广告.txt": "洛阳市户外广告设置办法\n洛阳市人民政府\n\n第一条 为规范户外广告设置，制定本办法。\n",
        "预算.txt": "关于深化洛阳市预算管理制度改革的意见\n洛阳市财政局\n\n一、深化预算管理制度改革，完善预算编制。\n",
    }
    service = service_over_texts(tmp_path, texts)
    metadata = importlib.import_module("qa_service.answerers.metadata")  # the package exports the function

    ranked = metadata.ranked_documents
    try:  # the retrieval ranks the other notice of the city first: the answer must not trust it
        metadata.ranked_documents = lambda *a: sorted(ranked(*a), key=lambda d: "广告" not in service._documents[d].title)
        r = service.ask("Who issued Luoyang's opinions on deepening budget management reform?")
    finally:
        metadata.ranked_documents = ranked
    assert r.found and "洛阳市财政局" in r.answer and "洛阳市人民政府" not in r.answer


def test_a_ministrys_notice_with_no_region_answers_a_question_on_central_funds(tmp_path):
    texts = {
        "国务院.txt": "国务院关于支持某地区发展的意见\n国务院\n国发〔2031〕3号\n\n一、总体要求。加大中央预算内投资支持力度。\n",
        "财政部.txt": "财政部关于印发《中央预算内投资项目前期工作经费管理办法》的通知\n财政部\n财建〔2031〕88号\n\n"
        "各省财政厅:\n现将办法印发给你们。\n2031年4月2日\n",
    }
    r = service_over_texts(tmp_path, texts).ask("中央预算内投资项目前期工作经费管理办法的文号是多少？")
    assert r.found and "财建〔2031〕88号" in r.answer


def test_a_word_of_two_halves_is_held_by_a_text_that_says_them_apart():
    from qa_service.evidence import coverage_of

    assert coverage_of([(["教育部门"], 2.0)], "各级教育行政部门应当履行审批职责")[0] > 0
