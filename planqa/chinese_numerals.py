"""Years and dates written in Chinese numerals ("一九八三年六月六日", "二〇二四年"), read as Arabic ones.

Older reports and many official notices write every year this way; every year matcher downstream reads
Arabic digits, so the clean text (and the question) carry the year as "1983年". Amounts and percentages
in Chinese numerals ("四百九十四亿元", "百分之七") are left as written: their wording is the quote.
"""

from __future__ import annotations

import re

_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0, "０": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
_D = "〇零○ＯO0０一二三四五六七八九"  # a typed 0 or O stands in for 〇 ("二00九年", "二OO三年")
# four digits that begin 一九 or 二〇 are a year when 年 follows, or another such year after 至/到/—/、
YEAR = re.compile(rf"(?<![{_D}十百千万])(一九|二[〇零○ＯO0０])([{_D}]{{2}})(?=\s*(?:年|[至到—、-]\s*(?:一九|二[〇零○ＯO0０])[{_D}]{{2}}\s*年))")
MONTH_DAY = re.compile(r"(?<=\d年)([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
# an extraction that put a space after every digit ("1 9 9 3 年3 月", "1 9 4 亿美元"): two or more lone digits
SPACED_DIGITS = re.compile(r"(?<![A-Za-z0-9_.])\d(?: \d){2,} ?(?=[\u4e00-\u9fff%．.])|(?<![A-Za-z0-9_.])\d \d ?(?=[年万亿])|(?<=年)\d{1,2} (?=月)|(?<=月)\d{1,2} (?=日)")


def small_number(text: str) -> int | None:
    """一 … 九十九 ("十二", "二十一", "三十", "两"), the numerals a report counts its points with; None else."""
    if text == "两":
        return 2
    if not text or any(ch not in "一二三四五六七八九十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _DIGIT[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0)


def _year(match: re.Match[str]) -> str:
    return "".join(str(_DIGIT[ch]) for ch in match.group(0))


def _month_day(match: re.Match[str]) -> str:
    month, day = small_number(match.group(1)), small_number(match.group(2) or "")
    if month is None or not 1 <= month <= 12:
        return match.group(0)
    if match.group(2) is None:
        return f"{month}月"
    return f"{month}月{day}日" if day is not None and 1 <= day <= 31 else f"{month}月{match.group(2)}日"


def arabic_years(text: str) -> str:
    """"一九八三年六月六日" → "1983年6月6日"; months and days only after a year read so."""
    if not any(ch in text for ch in "九〇零○ＯO0０"):
        return text
    return MONTH_DAY.sub(_month_day, YEAR.sub(_year, text))


def close_spaced_digits(text: str) -> str:
    return SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)


_SMALL = {"十": 10, "百": 100, "千": 1000}
_NUM = "零〇○一二两三四五六七八九十百千万亿"
# "四百九十四亿元", "三亿六千万吨", "四亿零七百多万吨", "一百二十九个"; "百分之十二点八", "百分之十五左右"
UNIT = (r"(?:美元|元|人次|人|户|家|个|项|件|名|座|台|亩|吨|次|套|所|辆|公里|千米|平方公里|平方米|公顷|公斤|斤|"
        r"千瓦时|千瓦|张|床|头|只|部|批|倍)")
_DIGITS = "零〇○一二三四五六七八九"
PERCENT = re.compile(rf"百分之([{_NUM}]+(?:点[{_DIGITS}]+)?)")
AMOUNT = re.compile(rf"(?<![第点{_NUM}])([{_NUM}]+(?:点[{_DIGITS}]+[万亿]*)?)(多|余)?(?=({UNIT}))")


def _integer(text: str) -> int | None:
    total = section = digit = 0
    for ch in text:
        if ch in _DIGIT or ch == "两":
            digit = 2 if ch == "两" else _DIGIT[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
        else:
            return None
    return total + section + digit


def chinese_number(text: str) -> str | None:
    """"四百九十四亿" → "494亿", "三亿六千万" → "36000万", "十二点八" → "12.8", "四亿零七百多万" → "40700多万";
    None when the text is not one number."""
    more = "多" if "多" in text else ""
    body = text.replace("多", "")
    point_magnitude = next((m for m in ("万亿", "亿", "万") if "点" in body and body.endswith(m)), "")
    body = body[: len(body) - len(point_magnitude)]  # "一点九亿": 1.9亿
    whole, _, decimals = body.partition("点")
    magnitude = next((m for m in ("万亿", "亿", "万") if whole.endswith(m)), "")
    value = _integer(whole)
    if value is None or any(ch not in _DIGIT for ch in decimals):
        return None
    size = {"万亿": 10**12, "亿": 10**8, "万": 10**4}.get(magnitude, 1)
    head = f"{value / size:.4f}".rstrip("0").rstrip(".") if size > 1 else str(value)
    tail = "".join(str(_DIGIT[ch]) for ch in decimals)
    # "一万多" is 1万多, "四亿零七百多万" 40700多万: 多 where it was written, before or after the magnitude
    magnitude = magnitude or point_magnitude
    after = bool(more) and text.endswith("多")
    return f"{head}{'.' + tail if tail else ''}{'' if after else more}{magnitude}{more if after else ''}"


def _figure_worth_reading(number: str) -> bool:
    # "一个中心", "两项制度", "千家万户" are words; a figure has a digit and is ten or more, or a magnitude
    return any(ch in "一二两三四五六七八九" for ch in number) and (
        any(ch in "十百千万亿点" for ch in number))


def arabic_reading(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The text with its Chinese-numeral figures in Arabic ("百分之七点三" → "7.3%"), and the spans replaced
    as (reading start, reading end, text start, text end), for taking a piece of the reading back."""
    spans: list[tuple[int, int, str]] = []
    for m in PERCENT.finditer(text):
        if (value := chinese_number(m.group(1))) is not None:
            spans.append((m.start(), m.end(), f"{value}%"))
    for m in AMOUNT.finditer(text):
        number = m.group(1)
        if any(s <= m.start() < e for s, e, _ in spans) or not _figure_worth_reading(number):
            continue
        if (value := chinese_number(number + (m.group(2) or ""))) is not None:
            spans.append((m.start(), m.end(), value))
    out, mapping, cursor, shift = [], [], 0, 0
    for start, end, arabic in sorted(spans):
        out.append(text[cursor:start] + arabic)
        mapping.append((start + shift, start + shift + len(arabic), start, end))
        shift += len(arabic) - (end - start)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), mapping


def written_piece(text: str, reading: str, mapping: list[tuple[int, int, int, int]], piece: str) -> str:
    """The words of `text` that a piece of its reading stands for ("增长7.3%" → "增长百分之七点三")."""
    at = reading.find(piece)
    if not mapping or at < 0:
        return piece

    def to_text(pos: int, end: bool) -> int:
        shift = 0
        for r_start, r_end, t_start, t_end in mapping:
            if pos >= r_end:
                shift = t_end - r_end
            elif pos > r_start:
                return t_end if end else t_start
            else:
                break
        return pos + shift

    return text[to_text(at, False): to_text(at + len(piece), True)]
