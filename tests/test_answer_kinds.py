"""Each kind of question, on real reports of ../shared/corpus (北京 2025 and 2026) next to the sample, with the
deterministic fake embedding: these test the answering logic, not the model."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CORPUS, SAMPLE, service_over

from planqa.records import Document
from qa_service.pipeline import State, scope
from qa_service.query import analyse
from qa_service.verdicts import verdict

BEIJING_2025 = CORPUS / "provincial-2025" / "txt" / "2025年北京市政府工作报告.txt"
BEIJING_2026 = CORPUS / "provincial-2026" / "txt" / "2026_北京市_政府工作报告.txt"
needs_corpus = pytest.mark.skipif(not BEIJING_2026.exists(), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over(tmp_path_factory.mktemp("kinds"), [SAMPLE] + [p for p in (BEIJING_2025, BEIJING_2026) if p.exists()])


def _docs(service, response) -> set[str]:
    titles = {d.doc_id: d.title for d in service.documents}
    return {titles[c.doc_id] for c in response.citations}


@needs_corpus
def test_plan_and_outcome_come_from_two_reports_of_the_region(service):
    r = service.ask("北京市2025年地区生产总值增长目标是多少？实际增长多少？")
    assert r.found and r.kind == "comparison"
    assert "5%左右" in r.answer and "5.4%" in r.answer
    assert {"2025年北京市政府工作报告", "2026年北京市政府工作报告"} <= _docs(service, r)
    assert "实际完成目标" in r.answer  # 5.4% against about 5%: in words, no new figure


@needs_corpus
def test_a_ceiling_met_is_within_the_target_not_below_it(service):
    r = service.ask("北京市2025年城镇调查失业率目标是多少？实际是多少？")
    assert r.found and "5%以内" in r.answer and "4.1%" in r.answer
    assert "控制在目标以内" in r.answer
    assert verdict(5.5, 5.1, "lower", "zh") == "控制在目标以内"
    assert verdict(2.0, 2.5, "ceiling", "en") == "above the target"
    assert verdict(7.5, 6.0, "higher", "zh", noun="计划") == "低于计划"
    assert verdict(3.0, 3.5, "none", "zh") == ""


@needs_corpus
def test_every_part_of_a_multi_part_question_is_answered_or_said_missing(service):
    r = service.ask("北京市2025年一般公共预算收入和居民消费价格的目标分别是多少？")
    assert r.found and "4%左右" in r.answer and "2%左右" in r.answer
    r = service.ask("北京市2025年一般公共预算收入和粮食产量的目标分别是多少？")
    assert "4%左右" in r.answer
    assert "报告没有给出" in r.answer and "粮食产量" in r.answer


@needs_corpus
def test_descriptive_question_quotes_the_sentence(service):
    r = service.ask("北京市2025年主要预期目标有哪些？")
    assert r.found and r.kind == "aggregate"
    assert "地区生产总值增长5%左右" in r.answer.replace(" ", "")
    assert _docs(service, r) == {"2025年北京市政府工作报告"}


@needs_corpus
def test_who_presented_the_report(service):
    r = service.ask("2026年北京市政府工作报告是谁作的？")
    assert r.found and r.kind == "metadata"
    assert "殷勇" in r.answer and "第十六届人民代表大会第四次会议" in r.answer


@needs_corpus
def test_english_questions_get_english_answers(service):
    r = service.ask("What is Beijing's GDP growth target for 2025?")
    assert r.found and r.answer.startswith("According to")
    assert "GDP" in r.answer and "5%左右 (up about 5%)" in r.answer
    assert "地区生产总值" not in r.answer.split(":", 1)[1].split("[")[0]


def test_places_nobody_reports_on_are_refused(service):
    for question in ("日本2025年的经济增长目标是多少？", "芦淞区2023年地区生产总值增长多少？"):
        r = service.ask(question)
        assert not r.found, question
    r = service.ask("2023年进出口完成情况如何？", filters={"doc_id": _sample_id(service)})
    assert r.found
    r = service.ask("北京市2025年地区生产总值增长目标是多少？", filters={"doc_id": _sample_id(service)})
    assert not r.found and "所选文档" in r.answer


def test_aggregate_lists_the_indicators_that_missed_their_plan(service):
    r = service.ask("2023年哪些指标没有完成年初目标？", filters={"doc_id": _sample_id(service)})
    assert r.found and r.kind == "aggregate"
    assert "进出口总额增速" in r.answer and "低于计划" in r.answer
    assert "社会消费品零售总额增速" not in r.answer  # 7.5% against 7.5%: met


def test_not_found_offers_related_passages_not_an_answer(service):
    r = service.ask("2023年天元区的平均房价是多少？", filters={"doc_id": _sample_id(service)})
    assert not r.found and not r.citations
    assert r.related and all(c.text for c in r.related)


def test_a_document_without_a_region_is_in_scope_when_its_text_names_the_place():
    notice = Document(doc_id="n1", title="关于印发促进消费若干措施的通知", source="n.txt", content_hash="h",
                      clean_text="杭州市人民政府办公厅关于印发促进消费若干措施的通知。")
    other = Document(doc_id="p1", title="2025年北京市政府工作报告", source="b.txt", region="北京市",
                     report_date=date(2025, 1, 14), content_hash="h2", clean_text="北京市……")
    state = State({"n1": notice, "p1": other}, [], None, None)  # type: ignore[arg-type]
    assert scope(state, analyse("杭州市促进消费有哪些措施？"), None).doc_ids == ["n1"]
    assert scope(state, analyse("北京市2025年GDP目标"), None).doc_ids == ["p1"]
    refused = scope(state, analyse("上海市2025年GDP目标"), None)
    assert not refused.doc_ids and "上海" in refused.refusal


def test_question_kinds():
    assert analyse("报告是谁作的？").kind == "metadata"
    assert analyse("2024年主要预期目标有哪些？").kind == "aggregate"
    assert analyse("2023年哪些指标没有完成年初目标？").kind == "aggregate"
    assert analyse("2024年区里有哪些重点项目？").kind == "descriptive"
    assert analyse("山西省2025年地区生产总值增长目标是多少？实际增长多少？").kind == "comparison"
    parts = analyse("2023年固定资产投资和社零增长多少").parts
    assert [p.indicators[0].name for p in parts] == ["固定资产投资", "社会消费品零售总额"]
    parts = analyse("争取上级各类资金多少？增长多少？").parts
    assert len(parts) == 2 and parts[1].wants_rate and "资金" in parts[1].terms
    assert analyse("What was the R&D investment intensity in 2023?").indicators[0].name == "研发投入强度"
    assert analyse("energy consumption per unit of GDP in 2024").indicators[0].direction == "lower"


def _sample_id(service) -> str:
    return next(d.doc_id for d in service.documents if "天元" in d.title)
