"""Paragraph topics: a report's paragraph opens with a short topic sentence ("更好激发非公有制经济活力。",
"（四）坚决打好三大攻坚战。") and goes on with what is done about it. A question that restates a topic
("对更好激发非公有制经济活力提出了哪些举措？") is answered by what stands under it:

- under a heading ("（四）…"), the topic sentences of its paragraphs, up to the next heading;
- when the paragraph enumerates ("一是…", "一要…"), the points, on through the paragraphs that continue them;
- otherwise the paragraph's next sentences.

This is how these documents are written, whatever the region or year; nothing here names a topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from planqa.text import split_sentences

TOPIC_MAX_CHARS = 40  # a topic sentence is a short clause; a longer first sentence is already the matter
MIN_TOPIC_SHARE = 0.75  # of the topic's characters (in runs of two or more) that the question restates
MIN_RUN = 4  # ...with one run this long, so that scattered common words never make a match
BODY_SENTENCES = 3
MAX_POINTS = 6
HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
POINT = re.compile(r"^(?:[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十]，|首先|其次|再次)")
# "要着力把握好五个方面。", "重点抓好三项工作：": a sentence that announces a count of points
COUNTED = re.compile(r"[一二两三四五六七八九十几]+(?:个|项|条|点|大|方面)[\u4e00-\u9fff]{0,4}[。：:]?$")
# marks and boilerplate that say nothing of the topic
NOISE = re.compile(r"[\s。，、；：“”‘’《》（）()「」,.;:!?！？\d]|(?:19|20)\d{2}年")


@dataclass(frozen=True)
class Topic:
    start: int  # of the paragraph's first sentence in the document text
    end: int
    text: str  # without its final mark
    heading: bool


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str


@lru_cache(maxsize=64)
def topics(text: str) -> tuple[Topic, ...]:
    out: list[Topic] = []
    at = 0
    for paragraph in text.split("\n"):
        first = split_sentences(paragraph)[:1]
        if first:
            body = first[0].strip()
            lead = paragraph.find(body)
            core = body.rstrip("。；;：:")
            if 4 <= len(core) <= TOPIC_MAX_CHARS and (body.endswith("。") or HEADING.match(core)):
                out.append(Topic(at + lead, at + lead + len(body), core, bool(HEADING.match(core))))
        at += len(paragraph) + 1
    return tuple(out)


def _core(text: str) -> str:
    return NOISE.sub("", HEADING.sub("", text))


def restated_share(topic: str, question: str) -> float:
    """The share of the topic's characters the question restates, 0 unless one run is MIN_RUN long."""
    core, asked = _core(topic), _core(question)
    if len(core) < MIN_RUN:
        return 0.0
    blocks = [b.size for b in SequenceMatcher(None, core, asked, autojunk=False).get_matching_blocks() if b.size >= 2]
    if not blocks or max(blocks) < MIN_RUN:
        return 0.0
    return sum(blocks) / len(core)


def best_topic(text: str, question: str) -> tuple[Topic | None, float]:
    """The topic the question restates best, with its share; on a tie the later one (a report's plan for the
    year follows its review of the last)."""
    best, best_share = None, MIN_TOPIC_SHARE
    for topic in topics(text):
        share = restated_share(topic.text, question)
        if share > best_share or (share == best_share and best is not None):
            best, best_share = topic, share
    return best, (best_share if best else 0.0)


def under_topic(text: str, topic: Topic) -> list[Quote]:
    """The topic sentence and what answers it (see the module's docstring), each an exact quote."""
    quotes = [Quote(topic.start, topic.end, text[topic.start : topic.end].strip())]
    later = [t for t in topics(text) if t.start > topic.start]
    if topic.heading:
        for t in later:
            if t.heading or len(quotes) > MAX_POINTS:
                break
            quotes.append(Quote(t.start, t.end, text[t.start : t.end].strip()))
        return quotes if len(quotes) > 1 else []
    sentences = _sentences_after(text, topic.end)
    points = _points(sentences)
    return quotes + (points or [q for q, _ in sentences[:BODY_SENTENCES] if q.text])


def _sentences_after(text: str, start: int) -> list[tuple[Quote, bool]]:
    """(sentence, opens a paragraph) from `start` up to the next heading, within ~4000 characters."""
    out: list[tuple[Quote, bool]] = []
    cursor = previous_end = start
    for piece in split_sentences(text[start : start + 4000]):
        body = piece.strip()
        begin = cursor + piece.find(body)
        cursor += len(piece)
        if not body:
            continue
        opens = "\n" in text[previous_end:begin]
        if opens and HEADING.match(body):
            break
        out.append((Quote(begin, begin + len(body), body), opens))
        previous_end = begin + len(body)
    return out


def _points(sentences: list[tuple[Quote, bool]]) -> list[Quote]:
    """"一是…" sentences: the first in the topic's own paragraph, or opening the next one when the topic's
    paragraph only announces them ("要着力把握好五个方面。"); the rest on through paragraphs that open with the
    next point. A later paragraph's count belongs to another topic."""
    points: list[Quote] = []
    paragraph = 0
    announced = not sentences or sentences[0][1] or bool(COUNTED.search(_last_of_first_paragraph(sentences)))
    for quote, opens in sentences:
        paragraph += opens
        point = POINT.match(quote.text)
        if not points and (paragraph > 1 or (paragraph == 1 and not (announced and quote.text[0] in "一第首"))):
            break
        if opens and not point and points:
            break  # a new paragraph that does not go on counting: the points are over
        if point:
            points.append(quote)
            if len(points) >= MAX_POINTS:
                break
    return points if len(points) >= 2 else []


def _last_of_first_paragraph(sentences: list[tuple[Quote, bool]]) -> str:
    last = ""
    for quote, opens in sentences:
        if opens:
            break
        last = quote.text
    return last
