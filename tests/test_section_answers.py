"""A question that restates half of a long heading is answered by that section, not a short topic under it;
the heading's own paragraph and each paragraph's first sentence after its topic say how. A made-up report."""

from __future__ import annotations

import pytest
from conftest import service_over

REPORT = """标题：2031年云梦省政府工作报告
省份：云梦省
2031年云梦省政府工作报告

一、2031年重点工作

（七）以“百村工程”牵引城乡融合发展、缩小“两大差距”，推进共同富裕先行示范。落实“1+8”政策体系，强化要素保障。
推进乡村全面振兴。完善乡村规划体系，全域推进宜居乡村建设。
推进新型城镇化。支持省会都市区加快发展。
促进城乡融合发展。以县域为单元，开展基础设施一体化提升行动。
（八）建设文化强省。繁荣文化事业。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("section_answers")
    path = folder / "2031年云梦.txt"
    path.write_text(REPORT, encoding="utf-8")
    return service_over(folder / "data", [path])


def test_the_long_heading_restated_answers_with_its_bodies(service):
    r = service.ask("云梦省2031年怎样推进城乡融合发展和共同富裕先行示范？")
    assert r.found
    for said in ("百村工程", "1+8", "宜居乡村", "省会都市区", "基础设施一体化"):
        assert said in r.answer, said
