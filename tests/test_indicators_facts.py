from __future__ import annotations

from conftest import SAMPLE

from ingest.cleaning import clean_text
from ingest.facts import extract_facts
from ingest.indicators import find_tables, indicator_rows
from planqa.figures import numbers_in, parse_figure

EXPECTED = {
    "地区生产总值增速": ["7.5%左右", "6%", "7%左右", "7%左右"],
    "规模工业增加值增速": ["10%左右", "8%", "8%左右", "8.5%左右"],
    "固定资产投资增速": ["8.5%左右", "3%", "5.5%左右", "5.5%左右"],
    "社会消费品零售总额增速": ["7.5%左右", "7.5%", "7.5%左右", "7.5%左右"],
    "进出口总额增速": ["8%左右", "-6.6%", "10%左右", "10.5%左右"],
    "地方一般公共预算收入增速": ["8%左右", "8.8%", "8%左右", "8%左右"],
    "全体居民人均可支配收入增速": ["高于经济增长", "/", "高于经济增长", "高于经济增长"],
    "城镇新增就业人数": ["7000 人", "8829 人", "5.2 万人", "7000 人"],
    "粮食总产量": ["3.5 万吨", "3.5 万吨", "/", "3.5 万吨"],
}
COLUMNS = ["2023年计划", "2023年预计完成", "2024年计划/市计划", "2024年计划/区计划"]


def sample_rows():
    text = clean_text(SAMPLE.read_text(encoding="utf-8")).text
    tables = find_tables(text)
    assert len(tables) == 1
    return text, tables[0], indicator_rows("d", tables[0])


def test_sample_table_comes_out_exactly():
    text, table, rows = sample_rows()
    assert table.columns[1:] == COLUMNS  # "2023 年 预计完成" split over cells/lines is rejoined
    got: dict[str, list[str]] = {}
    for r in rows:
        got.setdefault(r.indicator_norm, []).append(r.value_text)
        assert [c for c in COLUMNS if c == r.column]
        assert text[r.start : r.end] == r.row_text
    assert got == EXPECTED
    numbered = {r.indicator_norm for r in rows if r.row_text[0].isdigit()}
    assert len(numbered) == 8


def test_cells_are_typed():
    _, _, rows = sample_rows()
    cell = next(r for r in rows if r.indicator_norm == "进出口总额增速" and r.column == "2024年计划/区计划")
    assert (cell.year, cell.kind, cell.scope, cell.value, cell.unit, cell.qualifier) == (
        2024, "plan", "区计划", 10.5, "%", "左右"
    )
    actual = next(r for r in rows if r.indicator_norm == "进出口总额增速" and r.kind == "actual")
    assert (actual.year, actual.value) == (2023, -6.6)
    jobs = next(r for r in rows if r.indicator_norm == "城镇新增就业人数" and r.scope == "市计划")
    assert (jobs.value, jobs.unit) == (5.2, "万人")


def test_parse_figure_variants():
    assert parse_figure("高于经济 增长").qualifier == "高于经济增长"
    assert parse_figure("4.5% 以内").qualifier == "以内"
    assert parse_figure("/").value is None
    full_width = parse_figure("4.6％以内")  # the national reports of 2010-2012 write ％
    assert (full_width.value, full_width.unit, full_width.qualifier) == (4.6, "%", "以内")


def test_prose_fact_for_import_export_with_offsets():
    text = clean_text(SAMPLE.read_text(encoding="utf-8")).text
    facts = extract_facts("d", text, 0, len(text), lambda _o: 2023)
    fact = next(f for f in facts if f.subject == "进出口总额")
    assert fact.value_text == "108 亿元" and fact.value == 108 and fact.unit == "亿元" and fact.year == 2023
    assert text[fact.start : fact.end] == fact.sentence
    assert "预计全年进出口总额达 108 亿元" in fact.sentence


def test_numbers_in_ignores_markers_and_year_labels():
    assert numbers_in("2023年预计完成-6.6%[1]，达 108 亿元[2]") == ["-6.6", "108"]
    assert numbers_in("2024 plan: about 7.50%") == ["7.5"]


def test_table_with_serial_unit_and_attribute_columns():
    text = "\n".join([
        "某省 2025 年主要指标",
        "序号\t指标\t单位\t2024年完成\t2025年目标\t属性",
        "1\t地区生产总值增长\t%\t5.2\t5左右\t预期性",
        "2\t城镇新增就业\t万人\t80\t70以上\t预期性",
    ])
    rows = indicator_rows("d", find_tables(text)[0])
    got = {(r.indicator, r.column, r.value_text, r.value, r.unit, r.kind, r.year) for r in rows}
    assert got == {
        ("地区生产总值增长", "2024年完成", "5.2%", 5.2, "%", "actual", 2024),
        ("地区生产总值增长", "2025年目标", "5%左右", 5.0, "%", "target", 2025),
        ("城镇新增就业", "2024年完成", "80万人", 80.0, "万人", "actual", 2024),
        ("城镇新增就业", "2025年目标", "70万人以上", 70.0, "万人", "target", 2025),
    }
