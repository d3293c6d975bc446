"""Answers from a report's own structure: the headings of the part a list question names ("重点工作有哪些"),
and the sentences after a heading or an announcement ("要把握好五个方面。")."""

from __future__ import annotations

import re

from planqa.chinese_numerals import small_number as chinese_numeral
from planqa.records import Chunk, Document
from planqa.text import split_sentences
from qa_service.compose import PartAnswer
from qa_service.evidence import SentenceEvidence
from qa_service.query import Question
from qa_service.topics import COUNTED
from qa_service.vocabulary import vocabulary

MIN_OUTLINE_SCORE = 0.99  # every question word in the part's title, or the year's work plan asked for
ENUMERATED = re.compile(r"(?:^|(?<=[。；\n]))\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|[（(][一二三四五六七八九十]+[）)])")
HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)][^。]{0,40}。?$")
TOP_PART = re.compile(r"^[一二三四五六七八九十]+、")
TOP_LINE = re.compile(r"^[一二三四五六七八九十]+、[^\n。]{2,40}$", re.M)  # a part's heading alone on its line
REVIEW_PART = re.compile(r"回顾|成效|成绩|过去|取得|十四五|政府自身建设|服务型政府")
FOLLOWING = 5
PARAGRAPH_FOLLOWERS = 6  # sentences after a descriptive answer's topic sentence, within its paragraph
HEADING_BODY = 3
FOLLOWING_CHARS = 4000
MAX_HEADINGS = 12
COUNTED_CHARS = 40000  # a part of ten sections runs to ~20,000 characters

def outline(q: Question, doc: Document, chunks: list[Chunk]) -> PartAnswer:
    """"重点工作有哪些": the headings under the report's part that the question names, each quoted in place."""
    vocab, lower = vocabulary(), q.text.lower()
    # "2024年主要工作任务是什么": the year's work plan is a list, asked for by name
    if not any(c in lower for c in (*vocab.outline.get("list_cues", ()), *vocab.outline.get("work_plan", ()))):
        return PartAnswer(q, note="not a list question")
    children: dict[str, list[str]] = {}
    for chunk in chunks:
        path = [p.strip() for p in chunk.section.split(">")]
        for parent, child in zip(path, path[1:], strict=False):
            if child not in children.setdefault(parent, []):
                children[parent].append(child)
    parent = _best_parent(q, children, vocab.outline.get("work_plan", ()))
    if parent is None:
        return PartAnswer(q, note="no matching part")
    head = Chunk(chunk_id=f"{doc.doc_id}:outline", doc_id=doc.doc_id, ordinal=0, text="", start=0, end=0,
                 section=parent)
    if inline := _one_heading_asked(q, parent, children[parent], doc, head):
        return PartAnswer(q, sentences=[inline])
    found: list[SentenceEvidence] = []
    cursor = max(0, doc.clean_text.find(parent))
    for title in children[parent][:MAX_HEADINGS]:
        at = doc.clean_text.find(title, cursor)
        if at < 0:
            continue
        cursor = at + len(title)
        found.append(SentenceEvidence(head, title, at, at + len(title), title.rstrip("。"), 1.0, 1.0))
    return PartAnswer(q, sentences=found) if len(found) >= 2 else PartAnswer(q, note="too few headings")


def report_parts(q: Question, doc: Document) -> PartAnswer:
    """"这份报告有几个部分", "What parts does the report have": its top-level headings ("一、…工作回顾")."""
    head = Chunk(chunk_id=f"{doc.doc_id}:parts", doc_id=doc.doc_id, ordinal=0, text="", start=0, end=0, section="")
    found = [SentenceEvidence(head, m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()),
                              m.group(0).strip(), 1.0, 1.0) for m in TOP_LINE.finditer(doc.clean_text)]
    return PartAnswer(q, sentences=found[:MAX_HEADINGS]) if len(found) >= 2 else PartAnswer(q, note="no parts")


def _one_heading_asked(q: Question, parent: str, titles: list[str], doc: Document, head: Chunk) -> SentenceEvidence | None:
    """"规划纲要草案的重点任务是什么" under a part whose headings are "（一）发展目标", "（二）重点任务": the
    one heading the question names, with the points its own paragraph lists ("（二）重点任务。主要包括：一是…")."""
    asked = [t for t in q.terms if len(t) >= 2]
    named = [t for t in titles if any(a in t for a in asked)]
    if len(named) != 1:
        return None
    text = doc.clean_text
    at = text.find(named[0], max(0, text.find(parent)))
    end = text.find("\n", at)
    line = text[at : end if end >= 0 else len(text)].rstrip()
    if at < 0 or len(ENUMERATED.findall(line)) < 2:
        return None  # the heading alone, or prose: the outline answers better
    return SentenceEvidence(head, line, at, at + len(line), line.rstrip("。"), 1.0, 1.0)


def _best_parent(q: Question, children: dict[str, list[str]], work_plan: tuple[str, ...]) -> str | None:
    """The part whose title holds the question's words, or (for "重点工作"-like words) the year's work plan."""
    terms = [t for t in q.terms if len(t) >= 2]
    asks_plan = any(w in q.text for w in work_plan)
    best, best_score = None, 0.0
    for parent, kids in children.items():
        if len(kids) < 2 or (asks_plan and "回顾" in parent):
            continue
        score = sum(t in parent for t in terms) / max(len(terms), 1)
        if asks_plan and any(w in parent for w in work_plan) and (not q.years or any(str(y) in parent for y in q.years)
                                                                   or not re.search(r"(?:19|20)\d{2}", parent)):
            score += 1.0
        if score > best_score:
            best, best_score = parent, score
    if best_score < MIN_OUTLINE_SCORE and asks_plan:
        return _work_part(children)
    return best if best_score >= MIN_OUTLINE_SCORE else None


def _work_part(children: dict[str, list[str]]) -> str | None:
    """A report whose parts are titled by slogans ("二、牢记历史使命，…奋勇争先"): the year's work is the top
    part with the most headings that is not a review of the past."""
    tops = {p for p in children if TOP_PART.match(p) and not REVIEW_PART.search(p) and len(children[p]) >= 3}
    return max(sorted(tops), key=lambda p: len(children[p]), default=None)


def following(text: str, ev: SentenceEvidence, most: int = FOLLOWING) -> list[SentenceEvidence]:
    """The sentences right after `ev` in the document, each an exact quote."""
    out: list[SentenceEvidence] = []
    cursor = ev.end
    # "重点抓好十个方面工作：": as many points as it announces, however long each one's section runs
    counted = announced_count(ev.text)
    most = min(counted, MAX_HEADINGS) if counted else most
    window = text[ev.end : ev.end + (COUNTED_CHARS if counted else FOLLOWING_CHARS)]
    heading = HEADING.match(ev.text) is not None
    # "一是…二是…": when the points are enumerated, the answer is the points, not the prose between them;
    # under a heading, the answer is its own text, up to the next heading
    enumerated = not heading and len(ENUMERATED.findall(window)) >= 2
    for sentence in split_sentences(window):
        start = cursor + len(sentence) - len(sentence.lstrip())
        cursor += len(sentence)
        body = sentence.strip()
        if (heading and HEADING.match(body)) or (counted and TOP_PART.match(body)):
            break  # the next section, or the next part of the report
        if len(body) < 4 or (enumerated and not ENUMERATED.match(body)):
            continue
        out.append(SentenceEvidence(ev.chunk, body, start, start + len(body), body.rstrip("。；;"), ev.coverage, ev.score))
        if len(out) >= (HEADING_BODY if heading else most):
            break
    return out




def announced_count(sentence: str) -> int | None:
    """"重点抓好十个方面工作：" → 10; None when the sentence announces no count."""
    m = COUNTED.search(sentence.strip())
    return chinese_numeral(m.group(1)) if m else None


def rest_of_paragraph(text: str, ev: SentenceEvidence, most: int = PARAGRAPH_FOLLOWERS) -> list[SentenceEvidence]:
    """The sentences after `ev` in its own paragraph: a report states a topic ("要大幅降低非税负担"), then the
    measures that carry it out, so the answer to "有哪些措施" is the topic sentence and what follows it."""
    stop = text.find("\n", ev.end)
    window = text[ev.end : stop if stop >= 0 else len(text)]
    out: list[SentenceEvidence] = []
    cursor = ev.end
    for sentence in split_sentences(window):
        start = cursor + len(sentence) - len(sentence.lstrip())
        cursor += len(sentence)
        body = sentence.strip()
        if len(body) >= 4:
            out.append(SentenceEvidence(ev.chunk, body, start, start + len(body), body.rstrip("。；;"), ev.coverage, ev.score))
        if len(out) >= most:
            break
    return out
