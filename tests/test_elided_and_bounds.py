"""A measure whose head an earlier clause said ("集装箱航线90条、吞吐量1200万标准箱"); a later point answered with
its whole list; a rate asked of the things that say it, not of one that only names an amount; a bound
("稳定在900亿斤以上") is not the exact figure asked. A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

from planqa.records import Chunk
from qa_service.elided_names import spelled_out
from qa_service.evidence import SentenceEvidence
from qa_service.points import complete_points
from qa_service.query import analyse
from qa_service.vocabulary import vocabulary

REPORT = """标题：2031年云梦省政府工作报告
省份：云梦省
2031年云梦省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.1%，社会消费品零售总额增长4.6%，规模以上工业增加值增长6.8%。
云梦港新开国际航线12条，集装箱航线90条、吞吐量1200万标准箱。
粮食播种面积保持稳定，单产连续2年居全国前列，总产量达到612.3亿斤。油料总产稳定在80万吨以上。

二、2031年工作安排

深化医药卫生体制改革。一是推进基本医疗保障制度建设。二是建立基本药物制度。三是健全基层医疗卫生服务体系。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("elided_bounds")
    path = folder / "2031年云梦.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_measure_of_a_head_said_before(service):
    r = service.ask("云梦省2030年集装箱吞吐量是多少？")
    assert r.found and "1200万标准箱" in r.answer
    r = service.ask("云梦省2030年粮食总产量是多少？")
    assert r.found and "612.3亿斤" in r.answer


def test_spelled_out_quotes_as_written():
    grain = next(ind for ind in vocabulary().indicators if ind.name == "粮食产量")
    text = "粮食播种面积保持稳定，总产量达到612.3亿斤。"
    checked, as_written = spelled_out([grain], text)
    assert "粮食总产量达到612.3亿斤" in checked
    assert as_written("粮食总产量达到612.3亿斤") == "总产量达到612.3亿斤"
    assert spelled_out([grain], "棉花播种面积稳定，油料产量80万吨。")[0] == "棉花播种面积稳定，油料产量80万吨。"


def test_a_later_point_is_answered_with_its_whole_list():
    text = REPORT
    at = text.index("三是")
    end = text.index("。", at) + 1
    chunk = Chunk(chunk_id="c", doc_id="d", ordinal=0, text=text, start=0, end=len(text))
    third = SentenceEvidence(chunk, text[at:end], at, end, text[at:end - 1], 1.0, 1.0)
    whole = complete_points(text, [third], lambda _at: chunk)
    assert [w.text[:2] for w in whole] == ["一是", "二是", "三是"]


def test_a_rate_is_asked_of_the_things_that_say_it():
    q = analyse("云梦省2030年粮食总产、社会消费品零售总额增速和规模工业增加值增速分别是多少？")
    assert [p.wants_rate for p in q.parts] == [False, True, True]


def test_a_bound_is_not_the_exact_figure(service):
    assert not service.ask("云梦省2030年油料总产具体是多少万吨？").found
