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
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from planqa.text import split_sentences

TOPIC_MAX_CHARS = 40  # a topic sentence is a short clause; a longer first sentence is already the matter
MIN_TOPIC_SHARE = 0.7  # of the topic's characters (in runs of two or more) that the question restates
LONG_SHARE, LONG_RESTATED = 0.45, 12  # a heading half restated, in twelve characters or more, is restated
MIN_RUN = 4  # ...with one run this long, so that scattered common words never make a match
CLAUSE_MIN_CHARS = 6  # a heading's first clause restated alone must be this long...
CLAUSE_WEIGHT = 0.9  # ...and counts a little less than the whole heading
SUBTOPIC_CHARS = 16  # "全力释放消费潜能。": a topic inside a section written as one paragraph
INNER_MARK = re.compile(r"[，,；;：:]")
HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
TOP_PART = re.compile(r"^[一二三四五六七八九十]+、", re.M)  # "三、关于2026年工作": a part of the report
MAX_HEADINGS = 12
# "要着力把握好五个方面。", "重点抓好三项工作：": a sentence that announces a count of points
COUNTED = re.compile(r"([一二两三四五六七八九十几]+)(?:个|项|条|点|大|方面)[\u4e00-\u9fff]{0,4}[。：:]?$")
# marks and boilerplate that say nothing of the topic
NOISE = re.compile(r"[\s。，、；：“”‘’《》（）()「」,.;:!?！？\d]|(?:19|20)\d{2}年")
# the report the question names is no topic it restates: "政府工作报告。" may be the caption above the title
REPORT_NAMED = re.compile(r"(?:政府工作|工作|计划)?报告")


@dataclass(frozen=True)
class Topic:
    start: int  # of the paragraph's first sentence in the document text
    end: int
    text: str  # without its final mark
    heading: bool
    inner: bool = False  # "更大力度提振消费。" inside a section written as one paragraph


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
        sentences = split_sentences(paragraph)
        if sentences:
            body = sentences[0].strip()
            lead = paragraph.find(body)
            core = body.rstrip("。；;：:")
            if 4 <= len(core) <= TOPIC_MAX_CHARS and (body.endswith("。") or HEADING.match(core)):
                out.append(Topic(at + lead, at + lead + len(body), core, bool(HEADING.match(core))))
            cursor = lead + len(body)
            for piece in sentences[1:]:
                inner = piece.strip()
                begin = paragraph.find(inner, cursor) if inner else -1
                cursor += len(piece)
                if begin >= 0 and is_subtopic(inner) and not COUNTED.search(inner):  # "今年将采取三项举措。" announces
                    out.append(Topic(at + begin, at + begin + len(inner), inner.rstrip("。"), False, inner=True))
        at += len(paragraph) + 1
    return tuple(out)


def is_subtopic(sentence: str) -> bool:
    """"全力释放消费潜能。": a short sentence with no inner mark names what the sentences after it do."""
    core = sentence.rstrip("。")
    return sentence.endswith("。") and 4 <= len(core) <= SUBTOPIC_CHARS and not INNER_MARK.search(core)


def paragraph_topic(chunk_text: str, chunk_start: int, s_start: int) -> str:
    """"积极盘活存量资源资产。" opening the paragraph a later sentence of it is in ("…实现收入593.6亿元。"): what that
    sentence is about; else "". Chunks open at a paragraph's start (the splitter cuts at paragraphs first)."""
    before = chunk_text[: max(0, s_start - chunk_start)]
    paragraph = before[before.rfind("\n") + 1 :]
    first = paragraph[: paragraph.find("。") + 1] if "。" in paragraph else ""
    return first if first and is_subtopic(first.strip()) else ""


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


def best_topic(text: str, question: str, terms: Sequence[str] = ()) -> tuple[Topic | None, float]:
    """The topic the question restates best, with its score; on a tie the later one (a report's plan for the
    year follows its review of the last).

    A question restates a topic when it repeats most of it, or when the topic holds every word the question
    asks about, in order ("在扩大内需方面有哪些部署" and "（一）奋力推进全方位扩大内需"): then the section on it
    answers best, a heading before a paragraph."""
    best, best_score = None, MIN_TOPIC_SHARE
    named = [t for t in terms if len(t) >= 2]
    question = REPORT_NAMED.sub("，", question)
    for topic in topics(text):
        share = restated_share(topic.text, question)
        if topic.heading:
            # "（四）推动改革开放走深走实，全面激活发展动力": a question may restate the heading's first clause only
            clause = INNER_MARK.split(HEADING.sub("", topic.text))[0]
            if len(_core(clause)) >= CLAUSE_MIN_CHARS and clause != HEADING.sub("", topic.text):
                share = max(share, CLAUSE_WEIGHT * restated_share(clause, question))
        score = share
        whole = restated_share(topic.text, question)  # of the whole heading, not of its first clause
        restated = whole * len(_core(topic.text))
        if topic.heading and whole >= LONG_SHARE and restated >= LONG_RESTATED:
            # "如何推动区域协同和高水平开放先行" restates half of a long heading: more of the question than
            # the short topic "推动区域协同。" under it
            score = max(score, MIN_TOPIC_SHARE + restated / 50)
        # a sentence inside a paragraph is a topic only when the question restates it: sharing words is not
        # enough ("高校毕业生就业创业人数再创新高。" reports a result, it heads nothing)
        if share <= MIN_TOPIC_SHARE and not topic.inner and _holds_in_order(topic.text, named):
            score = MIN_TOPIC_SHARE + 0.01 + 0.1 * share + (0.05 if topic.heading else 0.0)
        if score > best_score or (score == best_score and best is not None):
            best, best_score = topic, score
    return best, (best_score if best else 0.0)


def shared_headings(text: str, quoted: Sequence[str], terms: Sequence[str] = ()) -> list[Topic]:
    """"提出要“更大力度”推动哪些工作": the headings of one part that all hold what the question names (its
    quoted words and every other word it names, else all its words in order), when there are two or more: the question asks for what they
    have in common, not for one of them. The part with the most such headings wins; on a tie, the later one."""
    named = [t for t in terms if len(t) >= 2]
    if not quoted and not _holds_any(named):
        return []
    parts = [m.start() for m in TOP_PART.finditer(text)]
    groups: dict[int, list[Topic]] = {}
    for topic in topics(text):
        if not topic.heading:
            continue
        holds = (all(n in topic.text for n in [*quoted, *named]) if quoted
                 else _holds_in_order(topic.text, named))
        if holds:
            part = max((p for p in parts if p <= topic.start), default=-1)
            groups.setdefault(part, []).append(topic)
    if not groups:
        return []
    best = max(sorted(groups), key=lambda p: len(groups[p]))
    return groups[best][:MAX_HEADINGS] if len(groups[best]) >= 2 else []


def _holds_any(terms: list[str]) -> bool:
    return len(terms) >= 2 or sum(map(len, terms)) >= 4


def _holds_in_order(topic: str, terms: list[str]) -> bool:
    if not _holds_any(terms):
        return False  # one short word is in too many topics to choose one
    core, at = _core(topic), 0
    for term in terms:
        found = core.find(term, at)
        if found < 0:
            return False
        at = found + len(term)
    return True
