"""A figure read in its paragraph and its subject: a paragraph that opens on a five-year period gives that period's figures, a
lead sentence ("过去一年，…") dates the figures after it, and a share asked ("占国内生产总值的比例", "share of
GDP") is answered by a share of what was asked, never by the denominator's own figures. Whose figure it is must be said: a qualifier no report puts before the
indicator ("青年失业率"), and the noun that names what is measured ("…消费支出"). The report is our own,
made up for these rules."""

from __future__ import annotations

import pytest
from conftest import service_over

from planqa.records import Chunk
from qa_service.query import analyse
from qa_service.sentence_years import lead_of, sentence_years
from qa_service.shares import asks_share

REPORT = """标题：2031年国务院政府工作报告

各位代表：

现在，我代表国务院，向大会报告政府工作，请予审议。

一、过去五年的工作回顾

这五年，我们坚持稳中求进，经济实力跃上新台阶。城镇新增就业6100万人，国内生产总值年均增长5.6%。

优先发展教育事业。国家财政性教育经费支出五年累计31.5万亿元，2030年占国内生产总值比例达到4.2%。全社会研究与试验发展经费支出占国内生产总值的比重达到2.9%。

二、2031年工作总体部署

2031年，是新的五年规划开局之年，做好今年的工作至关重要。过去一年，我们的各项工作取得新的成绩。国内生产总值增长5.1%，城镇新增就业1250万人，居民消费价格上涨1.2%，全体居民人均可支配收入增长5.0%，城镇调查失业率5.2%。这为做好今年的工作打下了良好基础。

今年发展的主要预期目标是：国内生产总值增长5%左右，城镇新增就业1200万人以上。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("period")
    path = folder / "2031_国务院政府工作报告.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_a_lead_sentence_dates_the_figures_after_it():
    text = "2031年，是开局之年。过去一年，我们的工作取得新的成绩。城镇新增就业1250万人。"
    chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text), section="二、总体部署",
                  years=[2031])
    s_start = text.find("城镇")
    assert lead_of(chunk, s_start).endswith("过去一年，我们的工作取得新的成绩。")
    assert sentence_years("城镇新增就业1250万人。", chunk, 2031, lead_of(chunk, s_start)) == {2030}
    assert sentence_years("城镇新增就业1250万人。", chunk, 2031) == {2031}  # without its lead: the section's


def test_a_paragraph_opening_on_the_past_year_dates_its_later_sentences():
    text = "在经济领域，过去一年里最重要的成绩，是把2028年末至2029年的过热调整过来。国民收入达到7790亿元，比上年增长7.4%。"
    chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text), section="一、当前形势",
                  years=[2028, 2029])
    sentence = "国民收入达到7790亿元，比上年增长7.4%。"
    assert sentence_years(sentence, chunk, 2031, lead_of(chunk, text.find("国民收入"))) == {2030}
    assert sentence_years(sentence, chunk, 2031) == {2028, 2029}  # 上年 is what it is compared with


def test_the_years_outcome_is_not_the_five_years_total(service):
    for question in ("2030年城镇新增就业几万人？", "2031年政府工作报告里，2030年城镇新增就业实际多少？"):
        r = service.ask(question)
        assert r.found and "1250万人" in r.answer and "6100万人" not in r.answer


def test_a_share_asked_is_a_share_of_what_was_asked(service):
    assert asks_share(analyse("2030年国家财政性教育经费支出占国内生产总值的比例是多少？"))
    assert asks_share(analyse("What share of GDP did fiscal spending on education reach in 2030?"))
    assert not asks_share(analyse("其中中央财政赤字和地方债务各占多少？"))  # 各占: how much each, not a share
    zh = service.ask("2030年国家财政性教育经费支出占国内生产总值的比例是多少？")
    assert zh.found and "4.2%" in zh.answer and "5.1%" not in zh.answer
    en = service.ask("What share of GDP did fiscal spending on education reach in 2030?")
    assert en.found and "4.2%" in en.answer and "share of GDP" in en.answer
    rd = service.ask("2030年全社会研究与试验发展经费支出占国内生产总值的比重是多少？")
    assert rd.found and "2.9%" in rd.answer


def test_a_national_report_does_not_speak_for_a_province_it_never_names(service):
    r = service.ask("2031年国务院政府工作报告中，甘肃省城镇新增就业目标是多少？")
    assert not r.found and "1200万人" not in r.answer
    assert service.ask("2031年国务院政府工作报告中，城镇新增就业目标是多少？").found


def test_the_quote_says_whose_figure_it_is(service):
    assert service.ask("2030年城镇调查失业率是多少？").found
    assert not service.ask("2030年青年失业率是多少？").found  # no report says 青年失业率: another figure
    assert service.ask("2030年全体居民人均可支配收入增长多少？").found
    r = service.ask("2030年全体居民人均消费支出增长多少？")  # the same words but what is measured
    assert not r.found and "5.0%" not in r.answer


def test_a_fall_keeps_its_sign_in_english_and_in_the_verdict():
    from qa_service.compose import PartAnswer, _sentence_text
    from qa_service.evidence import SentenceEvidence
    from qa_service.verdicts import comparison as _comparison

    def ev(text: str) -> SentenceEvidence:
        chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text))
        return SentenceEvidence(chunk, text, 0, len(text), text.rstrip("。"), 1.0, 1.0)

    q = analyse("How did fixed-asset investment perform in 2030?").parts[0]
    shown = _sentence_text(q, ev("固定资产投资下降3.3%。"), 1, "en")
    assert "下降3.3% (down 3.3%)" in shown
    plan, actual = analyse("2030年固定资产投资增长目标是多少？实际完成了多少？").parts
    verdict = _comparison([PartAnswer(plan, sentences=[ev("固定资产投资增长5%左右。")]),
                           PartAnswer(actual, sentences=[ev("固定资产投资下降3.3%。")])], "zh")
    assert verdict == ["实际未完成目标"]  # a fall against a growth target: missed


def test_a_turn_states_the_years_own_figure_and_a_smaller_fall_misses_a_fall_target():
    from qa_service.compose import PartAnswer
    from qa_service.evidence import SentenceEvidence
    from qa_service.verdicts import comparison, own_figures, verdict

    def ev(text: str) -> SentenceEvidence:
        chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text))
        return SentenceEvidence(chunk, text, 0, len(text), text.rstrip("。"), 1.0, 1.0)

    turned = "单位生产总值能耗由前三年分别上升4.9％、5.5％、0.2％，转为下降1.2%。"
    assert own_figures(turned) == "转为下降1.2%。"
    plan, actual = analyse("2030年单位生产总值能耗降低目标是多少？实际下降了多少？").parts
    said = comparison([PartAnswer(plan, sentences=[ev("单位生产总值能耗降低4%左右。")]),
                       PartAnswer(actual, sentences=[ev(turned)])], "zh")
    assert said == ["实际未完成目标"]
    assert verdict(-4.0, -4.5, "lower", "en", change=True) == "met the target"
    assert verdict(5.5, 5.1, "lower", "zh") == "控制在目标以内"  # a level under its ceiling


def test_a_later_sentence_of_this_year_ends_the_openings_time():
    text = "过去一年，我们顶住压力。今年的主要预期目标是：国内生产总值增长5%左右。城镇新增就业1200万人以上。"
    chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text), section="一、总体",
                  years=[2031])
    assert 2030 not in sentence_years("城镇新增就业1200万人以上。", chunk, 2031, lead_of(chunk, text.find("城镇")))
