"""Reading figures as written in plan reports ("10.5%左右", "-6.6%", "5.2 万人", "高于经济增长")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planqa.patterns import CITATION_MARKER as MARKER
from planqa.patterns import NUMBER, YEAR_LABEL

VALUE = re.compile(
    r"^(?P<num>[-−+]?\d+(?:\.\d+)?)\s*(?P<unit>%|％|‰|个百分点|[万亿千百]?[\u4e00-\u9fff]{0,3}?|[a-zA-Z]{0,4})\s*"
    r"(?P<qual>左右|以上|以内|以下|上下)?$"
)
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# "12,345" is one number; "5.4%,规上" and "2008,2009" (a comma used as a Chinese comma) are not
# a name with a number in it is not a figure: PM2.5, PM_2.5, M2 ("广义货币M2增长13.6%" states one figure)
NAMED_BY_NUMBER = re.compile(r"(?<![A-Za-z])(?:PM_?2\.5|PM_?10|M[012])(?![\d.])", re.I)
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


@dataclass
class Figure:
    text: str
    value: float | None
    unit: str
    qualifier: str


def tidy(cell: str) -> str:
    """Drop the spaces PDF extraction puts between two Chinese characters ("高于经济 增长")."""
    return CJK_GAP.sub("", " ".join(cell.split()))


def parse_figure(cell: str) -> Figure:
    text = tidy(cell)
    match = VALUE.match(text)
    if match:
        return Figure(
            text=text,
            value=float(match.group("num").replace("−", "-")),
            unit=(match.group("unit") or "").replace("％", "%"),  # some reports write the full-width ％
            qualifier=match.group("qual") or "",
        )
    return Figure(text=text, value=None, unit="", qualifier="" if text in ("/", "-", "—", "") else text)


def is_value_cell(cell: str) -> bool:
    text = tidy(cell)
    if not text or re.match(r"^(?:19|20)\d{2}\s*年", text):
        return False
    return bool(VALUE.match(text)) or text in ("/", "—", "-") or text.startswith(("高于", "低于", "与", "完成"))


def numbers_in(text: str) -> list[str]:
    """The figures in `text` as canonical strings ("108", "-6.6"), ignoring [n] markers and year labels."""
    text = MARKER.sub(" ", text)
    text = YEAR_LABEL.sub(" ", text)
    text = NAMED_BY_NUMBER.sub(" ", text)
    out = []
    for match in NUMBER.finditer(THOUSANDS.sub("", text)):
        raw = match.group(0).replace("−", "-")
        out.append(_canonical(raw))
    return out


def _canonical(raw: str) -> str:
    neg = raw.startswith("-")
    body = raw.lstrip("-")
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    body = body.lstrip("0") or "0"
    return ("-" if neg else "") + body
