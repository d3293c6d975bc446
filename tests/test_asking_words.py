"""Words that only ask ("干什么", "是啥", "哪儿") name nothing a passage must hold; "有什么用" asks what a thing is
for, which a notice says with 用于."""

from __future__ import annotations

import pytest
from conftest import service_over_texts

from qa_service.query import analyse

NOTICES = {
    "某市价格调节基金管理办法.txt": "某市价格调节基金管理办法\n\n第一条为规范价格调节基金的征收管理，特制定本办法。\n\n"
    "第二条本办法所称价格调节基金，是指市政府多渠道筹集，用于平抑物价、实行政府价格补贴的政府专项资金。\n\n"
    "第三条价格调节基金由市物价局负责征收。\n",
}


@pytest.mark.parametrize("question", ["收这笔钱干什么？", "调节基金收了干嘛？", "基金是啥？"])
def test_asking_words_are_no_terms(question):
    assert not any(w in t for t in analyse(question).terms for w in ("什么", "干嘛", "啥"))


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return service_over_texts(tmp_path_factory.mktemp("asking"), NOTICES)


def test_what_a_fund_is_for(service):
    r = service.ask("价格调节基金有什么用？")
    assert r.found and "平抑物价" in r.answer and "特制定本办法" not in r.answer
