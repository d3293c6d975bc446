"""The report's hierarchy (一、 / （一） / bold lead-in / 1.) and its metadata (title, region, date, years)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from planqa.patterns import DATE, YEAR_NIAN
from planqa.records import Section
from planqa.regions import province_in

LEVEL1 = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|附件)")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
LEVEL3 = re.compile(r"^\d{1,2}[.．、]\s*(?=\D)")
# Unnumbered part titles of work reports: "2024年工作回顾", "2025年工作安排建议".
YEAR_HEADING = re.compile(r"^(?:19|20)\d{2}\s*年[\u4e00-\u9fff“”、和与及]{2,20}$")
SENTENCE_END = re.compile(r"[。！？]")
HEADER_FIELD = re.compile(r"^(标题|省份|发布日期)：\s*(.+)$", re.M)
REGION = re.compile(
    r"([\u4e00-\u9fff]{2,14}?(?:特别行政区|自治区|自治州|省|市|区|县|旗|州|盟))"
    r"(?=\s*\d|\s*$|政府|人民|国民|[\u4e00-\u9fff]*(?:工作报告|发展计划|规划|报告))"
)
MAX_HEADING = 60


@dataclass
class DocumentInfo:
    title: str
    region: str
    report_date: date | None
    years: list[int] = field(default_factory=list)


def find_sections(text: str, bold_spans: list[tuple[int, int]]) -> list[Section]:
    sections: list[Section] = []
    offset = 0
    for para in text.split("\n"):
        stripped = para.strip()
        if stripped and "\t" not in para:
            for level, pattern in ((1, LEVEL1), (1, YEAR_HEADING), (2, LEVEL2), (3, LEVEL3)):
                if pattern.match(stripped):
                    title = _heading_title(stripped)
                    if title:
                        sections.append(Section(level=level, title=title, start=offset, end=offset + len(para)))
                    break
        offset += len(para) + 1
    for start, end in bold_spans:
        title = text[start:end].strip().rstrip("。：:")
        if title and len(title) <= MAX_HEADING:
            sections.append(Section(level=3, title=title, start=start, end=end))
    sections.sort(key=lambda s: (s.start, s.level))
    return sections


def _heading_title(paragraph: str) -> str:
    if len(paragraph) <= MAX_HEADING and not paragraph.endswith("。"):
        return paragraph
    match = SENTENCE_END.search(paragraph)
    if match and match.start() <= MAX_HEADING:
        return paragraph[: match.start()]
    return ""


class SectionIndex:
    """Answers 'which section path holds offset x' for a document."""

    def __init__(self, sections: list[Section]) -> None:
        self._sections = sections
        self._starts = [s.start for s in sections]

    def path_at(self, offset: int) -> str:
        stack: list[Section] = []
        for section in self._sections[: bisect.bisect_right(self._starts, offset)]:
            while stack and stack[-1].level >= section.level:
                stack.pop()
            stack.append(section)
        return " > ".join(s.title for s in stack)


def years_in(text: str) -> list[int]:
    return sorted({int(y) for y in YEAR_NIAN.findall(text)})


def describe_document(text: str, fallback_title: str) -> DocumentInfo:
    head = text[:1500]
    fields = dict(HEADER_FIELD.findall(head))
    title = fields.get("标题") or _guess_title(head) or fallback_title
    region = fields.get("省份") or _guess_region(title) or _guess_region(fallback_title)
    if not region:
        region = province_in(title) or province_in(fallback_title) or ""
    if not region and ("国务院" in title or "全国人民代表大会" in head):
        region = "全国"
    report_date = _parse_date(fields.get("发布日期", "")) or _first_date(head)
    years = years_in(title)
    if report_date and not years:
        years = [report_date.year - 1, report_date.year]
    elif not years:
        years = years_in(fallback_title)
    return DocumentInfo(title=title, region=region or "", report_date=report_date, years=years)


def _guess_title(head: str) -> str:
    lines = [ADDRESSEES.sub("", FIELD_AFTER.split(line.strip())[0]) for line in head.split("\n")[:15]]
    for line in lines:
        # "各省、自治区、直辖市、计划单列市财政厅:" addresses the notice; its 计划 names no plan
        if ADDRESSED.search(line) or not PLAN_TITLE_WORD.search(line.replace("计划单列市", "")):
            continue
        if 6 <= len(line) <= 120 and "：" not in line[:4]:
            return line
    # a notice's title line ends in its kind ("…的实施方案", "…管理办法", "…的通知"); the cleaning may have
    # joined its issuer and number to it ("…的通知某部 某委…某发〔2031〕6号")
    for line in lines[:5]:
        if m := NOTICE_TITLE.match(line) or NOTICE_KIND_TITLE.match(line):
            return m.group(1)
    return ""


PLAN_TITLE_WORD = re.compile(r"报告|计划|规划")
# a salutation ("…财政厅:") or an article's sentence ("第二条 本办法所称…报告、…") is no title
ADDRESSED = re.compile(r"[：:]\s*$|^第[一二三四五六七八九十百]+条|[。，,；;]")
# "…的实施方案发文机关:某省人民政府": the issuer's field, joined to the title line by the cleaning
FIELD_AFTER = re.compile(r"(?<=.)(?:发文机关|发布机关|发布日期|成文日期|索引号)\s*[:：]")
# the kind ends the title, not a document it quotes ("关于印发《…的意见》的通知", "贯彻落实《…规定》实施细则")
NOTICE_TITLE = re.compile(r"^(.{4,118}的(?:通知|意见|决定|批复|实施方案|实施意见|函|公告|通告|规定))(?![》”])")
NOTICE_KIND_TITLE = re.compile(r"^(.{4,118}?(?:通知|办法|方案|意见|决定|规定|细则|条例|纲要|指南))(?![的和与及、》”])")
# "…的通知各区(市)县政府(管委会),市级有关部门,有关单位:": a notice's addressees, joined to its title line
ADDRESSEES = re.compile(r"(?<=[知见法案定告])\s*各[^：:。]{2,80}[：:]$")


def _guess_region(title: str) -> str:
    title = re.sub(r"^(?:关于)?\s*(?:19|20)\d{2}\s*年\s*", "", title.strip())
    title = re.sub(r"^关于", "", title)
    match = REGION.search(title)
    return match.group(1) if match else ""


def _parse_date(value: str) -> date | None:
    match = DATE.search(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _first_date(head: str) -> date | None:
    for match in DATE.finditer(head):
        found = _parse_date(match.group(0))
        if found:
            return found
    return None
