from __future__ import annotations

from datetime import date

from conftest import SAMPLE

from ingest.chunking import ChineseSentenceSplitter
from ingest.cleaning import clean_text, fold_figure_widths
from ingest.structure import SectionIndex, describe_document, find_sections
from planqa.text import split_sentences


def sample_clean():
    return clean_text(SAMPLE.read_text(encoding="utf-8"))


def test_page_break_inside_a_word_is_rejoined():
    clean = sample_clean().text
    assert "社会消费品零售总额增长 7.5%" in clean
    assert "湖南工业大学科技园实现开园" in clean
    assert "增\n" not in clean


def test_blank_line_paragraphs_and_page_numbers():
    raw = "一、总体情况\n\n今年全区地区生产总值增长了很多，规模以上工业增加值也保持了较快的增\n\n- 3 -\n\n长，达到 8%。\n\n二、下一步"
    text = clean_text(raw).text
    assert text.split("\n") == ["一、总体情况", "今年全区地区生产总值增长了很多，规模以上工业增加值也保持了较快的增长，达到 8%。", "二、下一步"]


def test_bold_lead_ins_become_subheadings_without_markers():
    clean = sample_clean()
    assert "**" not in clean.text
    bold = [clean.text[a:b] for a, b in clean.bold_spans]
    assert "科技创新迸发新活力。" in bold


def test_section_path_of_the_import_export_sentence():
    clean = sample_clean()
    index = SectionIndex(find_sections(clean.text, clean.bold_spans))
    path = index.path_at(clean.text.index("预计全年进出口总额达"))
    assert path.startswith("一、2023 年国民经济和社会发展规划执行情况 > （一）聚焦重大战略")
    assert path.endswith("改革开放迈上新台阶")


def test_document_metadata():
    info = describe_document(sample_clean().text, "x")
    assert info.region == "株洲市天元区"
    assert info.report_date == date(2024, 1, 17)
    assert info.years == [2023, 2024]
    assert info.title.startswith("关于株洲市天元区 2023 年")


def test_provincial_header_metadata():
    text = "标题：2026年北京市政府工作报告\n省份：北京市\n发布日期：2026-02-09\n来源：x\n各位代表："
    info = describe_document(clean_text(text, from_pdf_text=False).text, "f")
    assert (info.title, info.region, info.report_date) == ("2026年北京市政府工作报告", "北京市", date(2026, 2, 9))


def test_sentences_are_contiguous_and_chunks_never_cut_a_sentence():
    text = sample_clean().text
    assert "".join(split_sentences(text)) == text
    splitter = ChineseSentenceSplitter(120, 30)
    para = max(text.split("\n"), key=len)
    base = text.index(para)
    for start, end in splitter.spans(para, base):
        chunk = text[start:end]
        assert chunk.endswith(("。", "；", "！", "？", "”")) or end == base + len(para), chunk[-10:]


def test_a_notices_addressees_joined_to_its_title_are_not_the_title():
    from ingest.structure import describe_document

    text = ("某市规划和自然资源局 关于印发某市社区服务设施建设工程实施方案的通知各区(市)县政府(管委会),市级有关部门,"
            "有关单位:\n经市领导同意，现将方案印发给你们。\n")
    assert describe_document(text, "x").title == "某市规划和自然资源局 关于印发某市社区服务设施建设工程实施方案的通知"


def test_full_width_figures_are_folded_but_chinese_punctuation_is_kept() -> None:
    text = clean_text("全年粮食产量达到４６２５０万吨，比上年增长２．５％（见附表）。\n").text
    assert text == "全年粮食产量达到46250万吨，比上年增长2.5%（见附表）。"


def test_a_figure_spaced_out_by_extraction_is_closed_up_and_table_cells_are_not() -> None:
    assert fold_figure_widths("投资增长1 5 ．3 ％，出口增长8 ．8 ％。") == "投资增长15.3%，出口增长8.8%。"
    assert fold_figure_widths("目标区间６．５％－７％") == "目标区间6.5%-7%"
    assert fold_figure_widths("计划\t7.5 6.0") == "计划\t7.5 6.0"


def test_a_notices_title_is_its_first_line_when_it_ends_in_its_kind():
    text = "某省促进青年就业创业的实施方案\n发文机关:某省人民政府\n发布日期:2031年03月27\n\n一、总体要求\n"
    assert describe_document(clean_text(text).text, "05-某省方案").title == "某省促进青年就业创业的实施方案"
    assert describe_document("一、总体要求\n正文。\n", "某文件").title == "某文件"


def test_a_notices_title_is_cut_from_the_issuer_and_number_joined_to_it():
    text = "关于开展节能汽车推广工作的通知财政部 工业和信息化部财建〔2031〕644号为推进节能减排，决定实施推广政策。\n"
    assert describe_document(text, "01-汽车").title == "关于开展节能汽车推广工作的通知"
    text = "某市人民政府关于印发某市价格调节基金管理办法的通知某市人民政府\n许政[2031]34号\n"
    assert describe_document(text, "09-基金").title == "某市人民政府关于印发某市价格调节基金管理办法的通知"


def test_a_notices_addressees_and_articles_are_not_its_title_though_they_say_plan_or_report():
    text = ("关于印发《某项贷款办法》的通知\n某银行 某部\n某发[2031]23号\n\n"
            "各省、自治区、直辖市、计划单列市分行:\n第二条 本办法所称前期工作包括可行性研究报告的编制。\n")
    assert describe_document(text, "24-x").title == "关于印发《某项贷款办法》的通知"


def test_a_title_ends_at_its_own_kind_not_at_the_kind_of_a_document_it_quotes():
    quoting = "关于印发《某部关于加强检测体系建设的意见》的通知\n某部\n\n各省农业厅:\n"
    assert describe_document(quoting, "x").title == "关于印发《某部关于加强检测体系建设的意见》的通知"
    rules = "某省贯彻落实《领导干部安全生产责任制规定》实施细则\n第一条 为落实责任，制定本细则。\n"
    assert describe_document(rules, "x").title == "某省贯彻落实《领导干部安全生产责任制规定》实施细则"
    forwarded = "某市人民政府办公室转发市教育局关于中小学招生工作的意见的通知\n各区人民政府:\n"
    assert describe_document(forwarded, "x").title == "某市人民政府办公室转发市教育局关于中小学招生工作的意见的通知"
