"""Figures stated in prose ("预计全年进出口总额达 108 亿元") as (subject, year, value) facts with their sentence."""

from __future__ import annotations

import re
from collections.abc import Callable

from planqa.figures import parse_figure
from planqa.patterns import FIGURE_STATED, YEAR_NIAN
from planqa.records import Fact
from planqa.text import split_sentences

CLAUSE_BREAK = re.compile(r"[，,、：:（）()]")
LEAD_FILLER = re.compile(r"^(?:预计|全年|全区|全市|全省|累计|其中|同比|比上年|共|总计|力争|实现|完成|新增了?)+")
TRAIL_LINK = re.compile(r"(?:分别|达到|达|为|实现|完成|超过|超|突破|约|近|共|累计|至|到|了)+$")


def extract_facts(
    doc_id: str, text: str, start: int, end: int, section_year: Callable[[int], int | None]
) -> list[Fact]:
    """Facts from the prose `text[start:end]` (offsets are the document's)."""
    facts: list[Fact] = []
    cursor = start
    for sentence in split_sentences(text[start:end]):
        s_start = cursor
        cursor += len(sentence)
        body = sentence.rstrip("\n")
        if not FIGURE_STATED.search(body):
            continue
        lead = len(body) - len(body.lstrip())
        quote = body.strip()
        q_start = s_start + lead
        for clause in CLAUSE_BREAK.split(quote):
            match = FIGURE_STATED.search(clause)
            if not match:
                continue
            subject = TRAIL_LINK.sub("", LEAD_FILLER.sub("", clause[: match.start()].strip())).strip()
            subject = re.sub(r"^(?:(?:19|20)\d{2}\s*年度?)", "", subject).strip()
            if len(re.findall(r"[\u4e00-\u9fff]", subject)) < 2:
                continue
            years_before = YEAR_NIAN.findall(quote[: quote.find(clause) + match.start()])
            year = int(years_before[-1]) if years_before else section_year(q_start)
            figure = parse_figure(match.group(0))
            facts.append(
                Fact(
                    doc_id=doc_id,
                    subject=subject,
                    year=year,
                    value_text=match.group(0),
                    value=figure.value,
                    unit=figure.unit,
                    sentence=quote,
                    start=q_start,
                    end=q_start + len(quote),
                )
            )
    return facts
