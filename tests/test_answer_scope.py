"""Scope and parts on real reports other than the sample (河北 2025/2026, the national reports of 2022 and
2023) next to the sample, with the deterministic fake embedding: which documents a question is about, and
what each part of it asks."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SAMPLE, HashEmbeddings

from qa_service.query import analyse

HEBEI_2025 = CORPUS / "provincial-2025" / "txt" / "2025年河北省政府工作报告.txt"
HEBEI_2026 = CORPUS / "provincial-2026" / "txt" / "2026_河北省_政府工作报告.txt"
NATIONAL = [CORPUS / "national" / "txt" / f"{y}_{y}年中华人民共和国国务院政府工作报告.txt" for y in (2022, 2023)]
REPORTS = [HEBEI_2025, HEBEI_2026, *NATIONAL]
needs_corpus = pytest.mark.skipif(not all(p.exists() for p in REPORTS), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    from ingest.pipeline import Ingestor
    from planqa.settings import Settings
    from qa_service.service import QAService

    settings = Settings(data_dir=tmp_path_factory.mktemp("scope"))
    embeddings = HashEmbeddings()
    ingestor = Ingestor(settings, embeddings)
    assert not ingestor.ingest([SAMPLE, *REPORTS]).failed
    return QAService(settings, embeddings, sql=ingestor.sql, vectors=ingestor.vectors)


def _titles(service, response) -> set[str]:
    titles = {d.doc_id: d.title for d in service.documents}
    return {titles[c.doc_id] for c in response.citations}


@needs_corpus
def test_a_question_naming_no_place_is_about_the_one_locality(service):
    r = service.ask("2023年进出口完成情况如何？")
    assert r.found and "-6.6%" in r.answer
    assert all("天元区" in t for t in _titles(service, r))
    # the national report has 2022's growth, but a question naming no place is not about the country
    assert not service.ask("2022年国内生产总值增长多少？").found
    national = service.ask("全国2022年国内生产总值增长多少？")
    assert national.found and "3%" in national.answer
    assert _titles(service, national) == {"2023年中华人民共和国国务院政府工作报告"}


@needs_corpus
def test_government_work_report_alone_means_the_national_report(service):
    r = service.ask("2023年政府工作报告提出的国内生产总值增长目标是多少？")
    assert r.found and "5%左右" in r.answer
    assert _titles(service, r) == {"2023年中华人民共和国国务院政府工作报告"}


@needs_corpus
def test_two_report_years_before_the_word_report_are_two_parts(service):
    r = service.ask("2022年和2023年政府工作报告提出的国内生产总值增长目标分别是多少？")
    assert r.found and "5.5%左右" in r.answer and "5%左右" in r.answer
    assert _titles(service, r) == {f"{y}年中华人民共和国国务院政府工作报告" for y in (2022, 2023)}


@needs_corpus
def test_a_list_of_targets_is_answered_by_the_whole_sentence(service):
    r = service.ask("国务院2023年政府工作报告的主要预期目标是什么？")
    assert r.found
    for target in ("5%左右", "1200万人左右", "3%左右"):
        assert target in r.answer
    assert len(r.citations) == 1 and r.citations[0].text.endswith("。")


@needs_corpus
def test_each_indicator_of_a_clause_gets_its_own_evidence(service):
    r = service.ask("河北省2024年固定资产投资和居民人均可支配收入分别增长多少？")
    assert r.found and "6.8%" in r.answer and "5.4%" in r.answer
    first, second = r.answer.split("；", 1)
    assert "固定资产投资" in first and "居民人均可支配收入" in second


@needs_corpus
def test_the_presenter_named_on_the_line_after_the_office(service):
    r = service.ask("2022年政府工作报告是谁作的？")
    assert r.found and "李克强" in r.answer


def test_a_word_of_intent_before_an_outcome_word_asks_for_the_target():
    assert analyse("重庆市2025年空气质量优良天数力争达到多少天？").intent == "plan"
    assert analyse("贵州省2025年常住人口城镇化率要达到多少？").intent == "plan"
    assert analyse("2024年粮食产量达到多少？").intent == "actual"
    assert analyse("2023年计划完成情况如何？").intent == "review"


def test_years_are_not_glued_to_the_words_after_them():
    q = analyse("西藏2025年全社会固定资产投资目标增长多少？")
    assert "年全" not in q.terms
