"""Split a question into the things it asks: clauses at question marks and at asking commas, and one part
per indicator of a clause that names several."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa_service.query import Question

CLAUSE_SPLIT = re.compile(r"[？?；;]+|(?<=[吗呢])[，,]|\s+and\s+(?=(?:what|how|which)\b)", re.I)  # "…bonds and what…"
COMMA = re.compile(r"[，,]")
ASKING = re.compile(r"多少|几|如何|怎样|怎么样|什么|哪|吗|呢|是否|how|what|which", re.I)


def clauses(text: str) -> list[str]:
    """Split at question marks, and at commas whose both sides ask something ("计划增长多少，最终增长了多少")."""
    out: list[str] = []
    for piece in CLAUSE_SPLIT.split(text):
        commas = COMMA.split(piece)
        if len(commas) > 1 and sum(bool(ASKING.search(c)) for c in commas) >= 2:
            out += merge_non_asking(commas)
        else:
            out.append(piece)
    return out


def merge_non_asking(pieces: list[str]) -> list[str]:
    """Glue a comma piece that asks nothing to the asking piece after it ("山西省2025年，GDP增长多少")."""
    out: list[str] = []
    carry = ""
    for piece in pieces:
        if ASKING.search(piece):
            out.append(carry + piece)
            carry = ""
        else:
            carry += piece + "，"
    if carry and out:
        out[-1] += "，" + carry.rstrip("，")
    return out


def single(q: Question, index: int) -> Question:
    """Indicator `index` of a clause that names several, with only the words said around it: in
    "进出口贸易总额和农村居民人均可支配收入分别增长多少", 贸易总额 belongs to the first part, not the second."""
    starts: list[int] = []
    for concept in q.concepts:
        at = q.text.find(concept[0], starts[-1] + 1 if starts else 0)
        starts.append(at if at >= 0 else (starts[-1] if starts else 0))
    last = q.concepts[-1][0]
    tail = q.text[starts[-1] + len(last):]  # "分别增长多少": asked of every part
    end = starts[index + 1] if index + 1 < len(starts) else len(q.text)
    if trail := trailing_thing(q):  # "…和中央预算内投资分别安排多少": that thing is a part of its own
        tail = trail[1]
        end = min(end, starts[-1] + len(last))
    lead = leading_thing(q)
    head = lead[1] if lead else q.text[: starts[0]]
    said = head + " " + q.text[starts[index]:end] + " " + tail
    terms = [t for t in q.terms if t in said]
    return replace(q, concepts=[q.concepts[index]], indicators=[q.indicators[index]], terms=terms,
                   wants_rate=q.wants_rate and _rate_asked_of(q, starts, index))


RATE_WORD = re.compile(r"增速|增幅|增长率|涨幅|增长")


def _rate_asked_of(q: Question, starts: list[int], index: int) -> bool:
    """"油料总产、出口增速和投资增速分别为多少": 增速 after the last is its own when another thing says its
    own; the thing that says none asks its amount."""
    ends = [*starts[1:], starts[-1] + len(q.concepts[-1][0])]
    own = [q.text[a:b] for a, b in zip(starts, ends, strict=True)]
    if len(own) < 3 or RATE_WORD.search(own[index]) or not any(RATE_WORD.search(o) for o in own[:-1]):
        return True
    return index == len(own) - 1


LEAD_END = re.compile(r"[、和与及]\s*$")
LEAD_START = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:度)?|[，,])")


def leading_thing(q: Question) -> tuple[str, str] | None:
    """"湖南2024年粮食总产、社会消费品零售总额增速…分别是多少": a thing the vocabulary does not name, listed
    before the first indicator, is asked too: (that thing with the shared ending, the words before it)."""
    if not q.concepts:
        return None
    first = q.text.find(q.concepts[0][0])
    head = q.text[:first] if first > 0 else ""
    end = LEAD_END.search(head)
    if not end:
        return None
    starts = [m.end() for m in LEAD_START.finditer(head, 0, end.start())]
    begin = starts[-1] if starts else 0
    thing = head[begin : end.start()].strip()
    if len(thing) < 2:
        return None
    last = q.concepts[-1][0]
    tail = q.text[q.text.rfind(last) + len(last):]
    ask = SEPARATELY.sub("", tail[tail.find("是") :] if "是" in tail else tail)
    return head[:begin] + thing + ask, head[:begin]


# the words after the last indicator before the next thing: its measure may end its name ("投资增速和…")
MEASURE_ONLY = re.compile(r"(?:的)?(?:增速|增长|增幅|速度|增长速度|增长率|总量|总额|规模|比重|占比)")
TRAIL_START = re.compile(r"^\s*(?:的)?(?:速度|增速|增幅|总量|总额|规模|水平)?\s*[、和与及]\s*")


def trailing_thing(q: Question) -> tuple[str, str] | None:
    """"赤字率、地方政府专项债券和中央预算内投资分别安排多少": a thing the vocabulary does not name, listed after
    the last indicator, is asked too: (that thing with the shared ending and the words before the first
    indicator, the shared ending alone)."""
    if not q.concepts:
        return None
    last = q.concepts[-1][0]
    end = q.text.rfind(last) + len(last)
    tail = q.text[end:]
    joined, sep = TRAIL_START.match(tail), SEPARATELY.search(tail)
    if not joined or not sep or sep.start() <= joined.end():
        return None
    thing = tail[joined.end() : sep.start()].strip()
    if len(thing) < 2 or MEASURE_ONLY.fullmatch(thing):
        return None  # "…的总量和增速": two measures of the one indicator
    first = q.text.find(q.concepts[0][0])
    head = q.text[: max(first, 0)]
    ask = tail[sep.start():]
    if CONJUNCTION.search(thing):  # two things joined after the last indicator ("…、A和B各…"): `conjoined` splits them
        return head + thing + ask, ask
    return head + thing + SEPARATELY.sub("", ask, count=1), ask


SEPARATELY = re.compile(r"分别|各自|各")
# 各/分别 before the asking verb asks of each thing; left in, jieba glues 各 to the verb, a word no passage holds
EACH_ASKED = re.compile(r"(?:分别|各自|各)(?=拟|计划|安排|是|为|达到|增长|要|多少)")
CONJUNCTION = re.compile(r"[和与及、]")
# where the asked measure starts in the last named thing: "装备制造业增加值|的增长目标"
MEASURE_TAIL = re.compile(r"(?:的)?(?:增长|增速|增幅|下降|目标|计划|预期|规模|总量)")


def conjoined(clause: str) -> list[str]:
    """"新能源产业产值和装备制造业增加值的增长目标分别是多少" asks of two things the vocabulary does not name:
    one question per thing, each with the shared measure ("…的增长目标分别是多少"). [] when not so."""
    sep = SEPARATELY.search(clause)
    if not sep:
        return []
    things = CONJUNCTION.split(clause[: sep.start()])
    if len(things) < 2 or any(len(t.strip()) < 2 for t in things):
        return []
    measure = MEASURE_TAIL.search(things[-1])
    # each thing asked alone: 分别/各 go (glued to the verb they would make a word no passage holds)
    tail = (things[-1][measure.start():] if measure else "") + SEPARATELY.sub("", clause[sep.start():], count=1)
    names = [*things[:-1], things[-1][: measure.start()] if measure else things[-1]]
    return [name + tail for name in names]


def listed(clause: str, indicators: int) -> list[str]:
    """"A的增速、B的占比、C的占比分别…": more things listed (at 、 only: "城镇和农村居民" is one
    thing) than indicators named, because one indicator is the measure of several things: one part per thing."""
    sep = SEPARATELY.search(clause)
    if not sep or "、" not in clause[: sep.start()] or re.search(r"[和与及]", clause[: sep.start()]):
        return []  # "A、B和C分别…" is for `single` and `trailing_thing`, which tell the things apart by name
    pieces = conjoined(clause)
    return pieces if len(pieces) > max(indicators, 1) else []


def one_each(parts: list[Question]) -> list[Question]:
    """A follow-up resolved into the earlier question plus its own words may ask one thing twice."""
    seen: set[tuple] = set()
    out = []
    for p in parts:
        key = (tuple(id(i) for i in p.indicators), tuple(p.terms), tuple(p.glosses), tuple(p.years), p.intent,
               p.units, p.wants_rate, p.wants_time)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# "what were <A> and <B> in 1994": the asking words, the things asked, the time after them
EN_ASKED = re.compile(r"^(?P<ask>.*?\b(?:what|how much|how many)\s+(?:was|were|is|are)\s+)(?P<things>.+?)"
                      r"(?P<when>\s+(?:in|by|during|at the end of)\s+(?:\d{4}|(?:the|that|this|last) year)\b.*)?[?？]?$",
                      re.I)
EN_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
# adjectives that share the noun after "and" ("urban and rural residents", "central and local budgets")
EN_MODIFIERS = frozenset(["urban", "rural", "central", "local", "domestic", "foreign", "public", "private", "primary", "secondary", "tertiary", "large", "small", "medium", "industrial", "agricultural", "eastern", "western", "northern", "southern", "import", "export"])


def english_conjoined(clause: str) -> list[str]:
    """"what were rural residents' net income and urban residents' income for living expenses in 1994" asks
    two things the vocabulary does not name: one question per thing, each with the asking words and the time.
    "income of urban and rural residents" is one thing: the word before "and" is a modifier of what follows."""
    m = EN_ASKED.match(clause.strip())
    if not m or len(pieces := EN_AND.split(m["things"])) != 2:
        return []
    left, right = pieces
    modifier = not left.split() or left.split()[-1].lower() in EN_MODIFIERS  # "…of urban and rural residents"
    if modifier or len(right.split()) < 2:
        return []
    return [f"{m['ask']}{thing}{m['when'] or ''}" for thing in (left, right)]
