from __future__ import annotations

from planqa.records import Citation
from qa_service.citation_check import problems, unsupported_numbers
from qa_service.follow_ups import resolve_follow_up
from qa_service.places import region_aliases
from qa_service.query import analyse


def test_relative_years_resolve_against_the_report_date():
    q = analyse("去年进出口增长多少？今年呢")
    assert q.resolved_years(2024) == [2023, 2024]
    assert analyse("What is the target for next year?").resolved_years(2024) == [2025]


def test_synonyms_and_english_terms_map_to_concepts():
    assert "进出口总额" in analyse("外贸怎么样").concepts[0]
    assert "研发投入强度" in analyse("研发强度多少？").concepts[0]
    q = analyse("How many new urban jobs were created in 2023?")
    assert q.lang == "en" and "城镇新增就业" in q.concepts[0] and q.years == [2023]
    assert analyse("2023年居民消费价格涨幅").concepts[0][0] == "居民消费价格"
    assert analyse("经济总量是多少").concepts[0][0] == "经济总量"  # the asker's word leads


def test_follow_up_takes_the_subject_of_the_previous_question():
    history = [{"role": "user", "content": "2023年进出口完成情况如何？"}]
    assert resolve_follow_up("那2024年呢？", history) == "2024年进出口完成情况如何？"
    # a question that names an indicator of its own is a new question
    assert resolve_follow_up("研发强度多少？", history) == "研发强度多少？"


def test_intent():
    assert analyse("2024年GDP目标是多少").intent == "plan"
    assert analyse("2023年进出口完成情况如何").intent == "review"
    assert analyse("2023年固定资产投资计划和预计完成分别是多少").intent == "review"


def test_region_aliases():
    assert {"天元区", "天元", "株洲市", "株洲"} <= region_aliases("株洲市天元区")
    assert "广西" in region_aliases("广西壮族自治区")


def test_checker_catches_an_unquoted_figure():
    text = "预计全年进出口总额达 108 亿元。"
    cite = Citation(id=1, doc_id="d", title="t", source="s", text=text, start=0, end=len(text))
    assert unsupported_numbers("进出口总额达108亿元[1]", [cite]) == []
    assert unsupported_numbers("进出口总额达118亿元[1]", [cite]) == ["118"]
    assert problems("达108亿元[2]", [cite], lambda _d: text) == ["marker [2] has no citation"]
    assert problems("达108亿元[1]", [cite], lambda _d: "x" + text)[0].startswith("citation [1] is not an exact quote")
