"""The numbered points that follow a sentence, each on its own paragraph: "采取以下的综合配套措施：" then
"一、…；" "二、…；"; "执行下列十条方针" then ten headings "一、依靠政策和科学，加快农业的发展"; a topic sentence
("国有企业改革是今年…的重点。") then "第一，集中力量抓好…。" with a body under each.

Only the points' own opening sentences are quoted; the paragraphs under them are skipped. The points are
counted in order (一, 二, 三 …), in one style; another style's top-level heading ("三、…" under "第一，")
or a number out of order ends them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from planqa.chinese_numerals import small_number
from planqa.records import Chunk
from qa_service.evidence import SentenceEvidence
from qa_service.outline import COUNTED_CHARS, announced_count
from qa_service.passages import ANNOUNCES

NUMERAL = "一二三四五六七八九十"
STYLES = (
    re.compile(rf"^([{NUMERAL}]+)、"),
    re.compile(rf"^第([{NUMERAL}]+)[，、,]"),
    re.compile(rf"^[（(]([{NUMERAL}]+)[）)]"),
    re.compile(rf"^([{NUMERAL}]+)是"),
)
TOP_PART = STYLES[0]
MOST = 12
HEADING_CHARS = 40
ITEMS_CHARS = 8000  # a run of numbered points with their bodies, when no count is announced
FIRST_SENTENCE = re.compile(r"[^。；;\n]*[。；;]?")


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    text: str


def numbered_items(text: str, after: int, reach: int = 1, window: int = 8000, most: int = MOST) -> list[Item]:
    """The points numbered from 一 that begin within `reach` paragraphs after offset `after`; [] when none do,
    or when fewer than two follow."""
    paragraphs = _paragraphs(text, after, after + window)
    first = next(((i, s) for i, (_, para) in enumerate(paragraphs[:reach]) for s in STYLES
                  if (m := s.match(para)) and small_number(m.group(1)) == 1), None)
    if first is None:
        return []
    index, style = first
    items: list[Item] = []
    for start, para in paragraphs[index:]:
        m = style.match(para)
        if m is None:
            if any(higher.match(para) for higher in STYLES[: STYLES.index(style)]):
                break  # the next section ("（二）…" after "一是…二是…"), or the report's next part
            continue
        number = small_number(m.group(1))
        if number is not None and number <= len(items):
            continue  # a list of its own under a point ("一、节约能源…" under "四、…技术改造")
        if number != len(items) + 1 or len(items) >= most:
            break
        first = FIRST_SENTENCE.match(para).group(0)
        if items and _heading_like(first) != _heading_like(items[0].text):
            continue  # a point of a list under a heading-like point, or the reverse
        items.append(Item(start, start + len(first), first))
    return items if len(items) >= 2 else []


def _heading_like(line: str) -> bool:
    """"一、依靠政策和科学，加快农业的发展": a short point with no end mark heads the text under it."""
    return len(line) <= HEADING_CHARS and line[-1:] not in "。；;：:"


def _paragraphs(text: str, start: int, stop: int) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty paragraph that begins after `start`, up to `stop`."""
    cursor = text.find("\n", start)
    out: list[tuple[int, str]] = []
    while 0 <= cursor < min(stop, len(text)):
        end = text.find("\n", cursor + 1)
        end = len(text) if end < 0 else end
        para = text[cursor + 1 : end]
        if para.strip():
            out.append((cursor + 1, para))
        cursor = end if end < len(text) else -1
    return out


ChunkAt = Callable[[int], Chunk | None]


def announced_points(text: str, sentences: list[SentenceEvidence], chunk_at: ChunkAt) -> list[SentenceEvidence]:
    """The first of `sentences` that announces points ("必须执行下列十条方针") and the numbered points after it."""
    for ev in sentences:
        if ANNOUNCES.search(ev.text) and (items := items_after(text, ev, 1, chunk_at)):
            return [ev, *items]
    return []


def items_after(text: str, ev: SentenceEvidence, reach: int, chunk_at: ChunkAt) -> list[SentenceEvidence]:
    """The numbered points in the `reach` paragraphs after `ev`, as quotes; a count it announces ("十条方针")
    lets them run as far as a part of the report does."""
    window = COUNTED_CHARS if announced_count(ev.text) else ITEMS_CHARS
    found = [SentenceEvidence(c, i.text, i.start, i.end, i.text.rstrip("。；;"), ev.coverage, ev.score)
             for i in numbered_items(text, ev.end, reach, window) if (c := chunk_at(i.start))]
    return found if len(found) >= 2 else []
