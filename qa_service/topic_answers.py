"""What answers a paragraph topic (see `qa_service.topics`): under a heading, the topics of its paragraphs; for an
enumeration, its points; for a topic that counts its parts, the sentences that name them; else the paragraph's next
sentences. Each an exact quote of the document text."""

from __future__ import annotations

import re

from planqa.text import split_sentences
from qa_service.topics import COUNTED, HEADING, TOPIC_MAX_CHARS, Quote, Topic, is_subtopic

SECTION_LEAD = 3  # a section written as one paragraph opens with its first measures
# "六大产业集群", "三项工作", "五个方面": a topic that counts its parts is answered like a heading
COUNT_NAMED = re.compile(r"[一二两三四五六七八九十]+(?:大|项|个|条|方面)")
# "六大产业集群": the noun after the count, which each part repeats ("打造数智产业集群。")
COUNTED_NOUN = re.compile(r"[一二两三四五六七八九十]+(?:大|项|个|条)[“\"]?([\u4e00-\u9fff]{2,6})")
BODY_SENTENCES = 5
HEADING_BODY = 2  # sentences of a heading's own paragraph quoted before its section's topics
MAX_POINTS = 8
POINT = re.compile(r"^(?:[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十]，|首先|其次|再次)")


def under_topic(text: str, topic: Topic) -> list[Quote]:
    """The topic sentence and what answers it (see the module's docstring), each an exact quote."""
    quotes = [Quote(topic.start, topic.end, text[topic.start : topic.end].strip())]
    sentences = _sentences_after(text, topic.end)
    if topic.inner:
        # up to the next subtopic or the paragraph's end
        body = []
        for quote, opens in sentences:
            if opens or is_subtopic(quote.text):
                break
            body.append(quote)
        return quotes + body[:BODY_SENTENCES] if body else []
    if (named := _counted_parts(topic, sentences)):
        return quotes + named
    if topic.heading or COUNT_NAMED.search(topic.text):
        # a section, or a topic that counts its parts ("全力打造“六大产业集群”"): its first sentences,
        # then the topics of what follows, up to the next heading
        section = _section_topics(sentences)
        # a heading that goes on in its own paragraph ("（三）…格局。落实“1+12”政策体系，…") says how, before the topics
        own = _own_paragraph(sentences)[:HEADING_BODY] if topic.heading and any(o for _, o in sentences) else []
        return quotes + own + section if section else []
    points = _points(sentences)
    return quotes + (points or _own_paragraph(sentences)[:BODY_SENTENCES])


def _counted_parts(topic: Topic, sentences: list[tuple[Quote, bool]]) -> list[Quote]:
    """"全力打造“六大产业集群”。…打造优势矿产资源精深加工产业集群。…打造新能源新材料产业集群。": the topic's
    own paragraph names each counted part with the counted noun; those sentences are the answer."""
    m = COUNTED_NOUN.search(topic.text)
    if not m:
        return []
    noun = m.group(1)
    own = _own_paragraph(sentences)
    parts = [q for q in own if noun in q.text and len(q.text) <= TOPIC_MAX_CHARS]
    return parts[:MAX_POINTS] if len(parts) >= 2 else []


def _section_topics(sentences: list[tuple[Quote, bool]]) -> list[Quote]:
    """What a section says it does. Written as paragraphs: the topic sentence of each. Written as one paragraph:
    its first SECTION_LEAD sentences, then its short ones without inner marks ("全力释放消费潜能。")."""
    if any(opens for _, opens in sentences):
        # each paragraph's topic, with the sentence after it that starts to say how ("推进乡村全面振兴。完善…")
        heads = [i for i, (q, opens) in enumerate(sentences)
                 if opens and len(q.text) <= TOPIC_MAX_CHARS + 1 and q.text.endswith("。")][:MAX_POINTS]
        if len(heads) < 2:
            return []
        return [q for i in heads for q in (sentences[i][0], *_first_body(sentences, i))]
    else:
        lead = [q for q, _ in sentences[:SECTION_LEAD]]
        out = lead + [q for q, _ in sentences[SECTION_LEAD:] if is_subtopic(q.text)]
    return out[:MAX_POINTS] if len(out) >= 2 else []


def _first_body(sentences: list[tuple[Quote, bool]], i: int) -> list[Quote]:
    return [sentences[i + 1][0]] if i + 1 < len(sentences) and not sentences[i + 1][1] else []


def _own_paragraph(sentences: list[tuple[Quote, bool]]) -> list[Quote]:
    """The sentences before the first that opens a new paragraph."""
    out: list[Quote] = []
    for quote, opens in sentences:
        if opens:
            break
        out.append(quote)
    return out


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
