"""The numbered points a report lists ("一是…二是…", "一要…二要…", "一方面…另一方面…", "第一，…"): an answer that quotes the
start of such a list quotes all of it, and a name that counts its points ("六个攻坚战", "五大战略") is answered
by the points that carry its word."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from planqa.chinese_numerals import small_number
from planqa.records import Chunk
from qa_service.evidence import SentenceEvidence

NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a point opens a sentence, a clause after a colon, or a line
POINT = re.compile(
    r"(?:^|(?<=[。；;：:！？\n]))[\s　]*(?P<mark>(?P<shi>[一二三四五六七八九十]{1,2})是|(?P<yao>[一二三四五六七八九十]{1,2})要(?!求)|"
    r"(?P<side>一|另一)方面|"
    r"第(?P<di>[一二三四五六七八九十]{1,2})[，,、：:]|[（(](?P<par>[一二三四五六七八九十]{1,2})[）)])"
)
SENTENCE_END = re.compile(r"[。！？；;\n]")
# "六个攻坚战", "五大战略", "三项改革": a name that counts its points; the word after the count is theirs
COUNTED_NAME = re.compile(r"^([两二三四五六七八九十]{1,2})(?:个|大|项|条|种)([\u4e00-\u9fff]{1,6})$")
# "…采取三方面措施：", "今后五年重点抓好八个方面。": a passage that announces the list after it
ANNOUNCED = re.compile(r"(?:[：:]|[一二两三四五六七八九十几]+(?:个|项|条|点|大)?(?:方面)?[\u4e00-\u9fff]{0,6}[。：:]?|"
                       r"以下[\u4e00-\u9fff]{0,10}[。：:]?)$")  # "要坚持以下几条原则。"
FIRST_NEAR = 600  # characters past the quoted passage within which its list must begin
GAP = 3000  # at most this far from one point to the next
MOST = 12


@dataclass(frozen=True)
class Point:
    family: str  # 是, 要, 方面, 第 or 括号: one list is numbered one way
    number: int
    start: int
    end: int


def points_after(text: str, begin: int, stop: int) -> list[list[Point]]:
    """Every run of points numbered 1, 2, 3… in one family that begins between `begin` and `stop`."""
    runs: list[list[Point]] = []
    open_runs: dict[str, list[Point]] = {}
    for m in POINT.finditer(text, begin):
        point = _point(text, m)
        if point is None:
            continue
        run = open_runs.get(point.family)
        if run and point.number == run[-1].number + 1 and point.start - run[-1].start <= GAP:
            run.append(point)
        elif point.number == 1 and point.start <= stop:
            open_runs[point.family] = [point]
            runs.append(open_runs[point.family])
        elif point.start > stop and not any(r and point.start - r[-1].start <= GAP for r in open_runs.values()):
            break
    return runs


def _point(text: str, m: re.Match[str]) -> Point | None:
    for family, group in (("是", "shi"), ("要", "yao"), ("方面", "side"), ("第", "di"), ("括号", "par")):
        word = m.group(group)
        if word:
            number = 1 if word == "一" and family == "方面" else 2 if family == "方面" else _numeral(word)
            if number is None:
                return None
            start = m.start("mark")
            end = SENTENCE_END.search(text, start)
            return Point(family, number, start, end.start() if end else len(text))
    return None


def _numeral(word: str) -> int | None:
    if word in NUMERALS:
        return NUMERALS[word]
    if len(word) == 2 and word[0] == "十" and word[1] in NUMERALS:
        return 10 + NUMERALS[word[1]]
    return None


def complete_points(
    text: str, found: list[SentenceEvidence], chunk_at: Callable[[int], Chunk | None]
) -> list[SentenceEvidence]:
    """The quoted passage with every point of the list it begins ("今年重点采取三方面措施：一是…" and the 二是, 三是
    that follow, however far): a list answered by its first point is an incomplete answer."""
    if not found:
        return found
    found = [_to_sentence_end(text, f) for f in found]
    last = found[-1]
    runs = [r for r in points_after(text, found[0].start, last.end + FIRST_NEAR)
            if len(r) >= 2 and r[0].family != "括号" and _begins_here(text, last, r[0])]
    runs = runs or _run_holding(text, found[0])
    if not runs:
        return found
    run = runs[0][:MOST]
    out = list(found)
    for p in run:
        if any(f.start <= p.start < f.end for f in found):
            continue
        chunk = chunk_at(p.start)
        if chunk is None:
            continue
        body = text[p.start : p.end]
        out.append(SentenceEvidence(chunk, body, p.start, p.end, body.rstrip("。；;"), found[0].coverage,
                                    found[0].score))
    return sorted(out, key=lambda s: s.start)


def _run_holding(text: str, first: SentenceEvidence) -> list[list[Point]]:
    """A passage that is a later point ("三是健全基层服务体系"): the list it is one of, from its first point."""
    runs = points_after(text, max(0, first.start - GAP), first.end)
    return [r for r in runs if len(r) >= 2 and r[0].number == 1 and r[0].family != "括号"
            and any(first.start <= p.start < first.end for p in r[1:])]


def _to_sentence_end(text: str, ev: SentenceEvidence) -> SentenceEvidence:
    """A sentence a chunk boundary cut ("…紧紧围绕主题主线，" and the rest in the next chunk), quoted whole."""
    if ev.end >= len(text) or text[ev.end - 1 : ev.end] in ("。", "！", "？", "；", ";", "\n", "”"):
        return ev
    end = SENTENCE_END.search(text, ev.end)
    stop = end.end() if end and text[end.start()] != "\n" else (end.start() if end else len(text))
    if stop - ev.end > 400 or text[ev.start : ev.end] != ev.text:
        return ev
    body = text[ev.start : stop]
    return replace(ev, text=body, end=stop, fragment=body.rstrip("。；;"))


def _begins_here(text: str, last: SentenceEvidence, first: Point) -> bool:
    """The list is the passage's own: it begins inside it, later in its paragraph, or right after a passage
    that announces it ("…采取三方面措施：")."""
    if first.start < last.end:
        return True
    return "\n" not in text[last.end : first.start] or bool(ANNOUNCED.search(last.text.rstrip()))


def counted_name_points(text: str, name: str) -> list[Point]:
    """"六个攻坚战": the run of six points that each say 攻坚战 (the first such run in the report)."""
    m = COUNTED_NAME.match(name)
    if not m:
        return []
    count, word = _numeral(m.group(1)), m.group(2)
    for run in points_after(text, 0, len(text)):
        held = [p for p in run if word in text[p.start : p.end]]
        if count and len(held) == len(run) >= count:
            return run[:count]
    return []



# "四个全覆盖", "五措并举": a name that opens with its count
LEADING_COUNT = re.compile(r"^([两二三四五六七八九十])(?:个|大|项|条|种)?[\u4e00-\u9fff]{1,6}$")
# "着力培育哪三个新兴产业集群": the count asked and the noun it counts (after its last 的)
ASKED_COUNT = re.compile(r"哪([两二三四五六七八九十])(个|大|项|条|种)([\u4e00-\u9fff]{2,20})")
LISTED_BEFORE = re.compile(r"([^，,。；;：:“”\"]{4,120})$")


def counted_name_listing(text: str, name: str) -> tuple[int, int] | None:
    """The span that spells out a counted name, N items in a row: the N names that each end in the name's word
    ("三大高地": "革命老区高质量发展高地、内陆地区改革开放高地、国家生态文明建设高地", as a report's note or its
    text has it), else the N items listed right before the name ("坚持“甲、乙、丙和丁”四措并举")."""
    m = COUNTED_NAME.match(name)
    count = _numeral(m.group(1)) if m else None
    if m and count and count >= 2:
        word = re.escape(m.group(2))
        item = rf"[\u4e00-\u9fff“”\"0-9A-Za-z]{{1,16}}?{word}"
        listing = re.compile(rf"(?<![、\u4e00-\u9fff”\"]){item}(?:、{item}){{{count - 1}}}(?![、\u4e00-\u9fff])")
        if found := listing.search(text):
            return found.start(), found.end()
    return _listed_before(text, name)


def _listed_before(text: str, name: str) -> tuple[int, int] | None:
    m = LEADING_COUNT.match(name)
    count = _numeral(m.group(1)) if m else None
    if not count or count < 2:
        return None
    for at in (found.start() for found in re.finditer(re.escape(name), text)):
        begin = max(0, at - 140)
        before = LISTED_BEFORE.search(text[begin:at].rstrip("“”\""))
        if before and len(items := re.split(r"、|和|及", before.group(1))) == count and all(2 <= len(i) <= 16 for i in items):
            return begin + before.start(1), at + len(name)  # with the name: "甲、乙两大集群"
    return None


def asked_counted_names(question: str) -> list[str]:
    """"着力培育哪三个新兴产业集群" asks for "三个产业集群", which a report spells out as
    "甲、乙和丙三个产业集群"."""
    out = []
    for m in ASKED_COUNT.finditer(question):
        noun = m.group(3).rsplit("的", 1)[-1]
        if len(noun) >= 2:
            out.append(m.group(1) + m.group(2) + noun)
    return out


# "哪两项计划", "哪三个方面": the number of things asked for
COUNT_ASKED = re.compile(r"哪([两二三四五六七八九十])[个项条种类大点方]")
LISTED = re.compile(r"[、；;]|和|与|及|以及")  # a comma parts clauses, not things
MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|第[一二三四五六七八九十]+[条，,、])")


def count_asked(text: str) -> int | None:
    m = COUNT_ASKED.search(text)
    return small_number(m.group(1)) if m else None


def points_named(quotes: list[str]) -> int:
    """The things an answer names: its quotes, or the things one quote lists ("甲、乙和丙")."""
    if len(quotes) != 1:
        return len(quotes)
    listing = MARKER.sub("", quotes[0])  # "一、…": the point's own number lists nothing
    return len([p for p in LISTED.split(listing) if p.strip()])
