"""A change asked with 提高多少 may be an amount ("每50公斤提高7.4元"), and a thing no indicator names (a price
the report sets) is stated by that year's own report even when a later report, which reviews the year, is in
scope. Made-up national reports."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

REPORTS = {
    "2031_national.txt": "标题：2031年政府工作报告\n2031年政府工作报告\n\n一、2030年工作回顾\n\n过去一年，国内生产总值增长5%。\n\n"
    "二、2031年主要任务\n\n继续提高粮食最低收购价，今年小麦、稻谷最低收购价平均每50公斤分别提高7.4元和16元。\n",
    "2032_national.txt": "标题：2032年政府工作报告\n2032年政府工作报告\n\n一、2031年工作回顾\n\n过去一年，国内生产总值增长5.2%。"
    "粮食产量再创新高。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("arranged"), REPORTS)


def test_a_price_raised_by_an_amount_is_read_from_its_own_report(service):
    r = service.ask("2031年稻谷和小麦的最低收购价要提高多少？")
    assert r.found and "7.4元" in r.answer and "16元" in r.answer


def test_a_rate_asked_by_name_still_needs_a_rate(service):
    assert not service.ask("2031年小麦最低收购价提高的百分比是多少？").found


def test_one_clause_may_give_each_part_its_own_figure():
    from qa_service.query import analyse
    from qa_service.quotes_per_part import _each_its_own

    q = analyse("2030年新增城镇就业、农村劳动力转移就业各有多少人？")
    both = "城镇新增就业8.4万人、农村劳动力转移就业84万人"
    assert len(q.parts) == 2 and _each_its_own(both, q.parts)
    assert not _each_its_own("城镇新增就业8.4万人，农村劳动力转移就业稳步推进", q.parts)
