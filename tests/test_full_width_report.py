"""Older reports set their figures full-width ("增长１３．４％"). Folded at ingest, such a report answers a
question typed in ASCII, and the figure quoted is the one the report states."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

REPORTS = {
    "1991年政府工作报告.txt": "标题：1991年国务院政府工作报告\n１９９１年国务院政府工作报告\n\n"
    "一、１９９０年工作回顾\n\n１９９０年，全国粮食产量达到８２５０亿斤，比上年增长９．５％。\n\n"
    "二、１９９１年的主要任务\n\n今年粮食产量计划为８４００亿斤。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("full_width"), REPORTS)


def test_a_full_width_outcome_answers_an_ascii_question(service):
    r = service.ask("1990年全国粮食产量是多少？比上年增长多少？")
    assert r.found and "8250亿斤" in r.answer and "9.5%" in r.answer


def test_a_full_width_target_is_found_by_its_year(service):
    r = service.ask("1991年粮食产量计划是多少？")
    assert r.found and "8400亿斤" in r.answer
