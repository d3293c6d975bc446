"""Descriptive evidence: the one to three sentences of a report or notice that say what a question asks
("哪些重点任务", "两个抓手是什么", "对考试工作人员有什么规定")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from qa_service.evidence import (
    RANK_PENALTY,
    RETRIEVAL_WEIGHT,
    SentenceEvidence,
    coverage_of,
    names_all,
    sentences_of,
    term_groups,
)
from qa_service.fragments import fragment_of
from qa_service.query import Question
from qa_service.retrieval import Hit
from qa_service.vocabulary import vocabulary

# The answerability thresholds, tuned on eval/gold/dev.jsonl and dev2.jsonl (see the issue note).
MIN_NEW_CHARS = 6  # a descriptive answer says at least this much beyond the question's own words
PASSAGE_POOL = 8  # descriptive answers come from the best-ranked chunks only
PASSAGE_SPREAD = 0.15  # further sentences join the best one only when nearly as good
LONG_SENTENCE = 120  # a longer sentence is shown by its clauses that hold the question's terms
MIN_PASSAGE_COVERAGE = 0.6
CONTENT_RARITY = 0.8  # a word this rare names a topic (两岸 1.3, 绿色 0.8); 推进 0.4, 发展 0.7 do not
# jieba's part-of-speech tags of nouns, place words and abbreviations: one qualifies the noun after it
NOUN_TAGS = frozenset({"n", "s", "nz", "j"})  # the same for a descriptive answer, which has no figure to anchor it
OPENS_WITH_COLON = re.compile(r"^[^：:，,。]{2,40}[：:]")
COLON_SENTENCE = 500
# A sentence that only announces what follows: a heading, "五个方面。", "如下：".
ANNOUNCES = re.compile(
    r"^[（(][一二三四五六七八九十]+[）)][^。]{0,40}。?$"
    r"|(?:[一二两三四五六七八九十几]+(?:个|项|条|点|大|方面)[\u4e00-\u9fff]{0,4}|以下几?点?|如下)[。：:]?$"
    r"|(?:是|为|有|包括)[：:]$"  # "今年的主要预期目标为：", the list on the next line
    r"|(?:以下|下列|如下)[^。，；：:]{0,12}[：:]$"  # "采取以下的综合配套措施："
)


def find_passages(
    q: Question,
    hits: list[Hit],
    ignore: set[str],
    limit: int = 3,
    rarity: Callable[[str], float] = lambda _t: 1.0,
    pool: int | None = PASSAGE_POOL,
    spread: float = PASSAGE_SPREAD,
) -> list[SentenceEvidence]:
    """The one to three sentences that say what a descriptive question asks ("哪些重点任务", "两个抓手是什么")."""
    groups = term_groups(q, ignore, rarity)
    if not groups or (q.lang == "en" and len(groups) == 1 and not q.concepts and len(groups[0][0][0]) < 4):
        return []  # one short word translated from English cannot tell which passage answers ("低空经济" can)
    found: list[SentenceEvidence] = []
    pairs = modifier_pairs(q.text, frozenset(ignore)) if q.lang == "zh" else ()
    for rank, hit, text, s_start in sentences_of(hits[:pool] if pool else hits):
        # under "二、积极引导高校毕业生到基层就业", a sentence need not repeat what its heading says
        coverage, matched, missing_rare = coverage_of(groups, text, context=_last_heading(hit.chunk.section))
        if not _holds_content(groups, coverage_of(groups, text)[1]) or len(text) < 8:
            continue
        if coverage < MIN_PASSAGE_COVERAGE or missing_rare > 0 or not names_all(q, text):
            continue
        if _drops_a_modifier(text, pairs):
            continue
        if not _says_more(text, groups) and not ANNOUNCES.search(text):
            continue  # "——生态优先、绿色发展": it repeats the question, it does not answer it
        score = coverage + RETRIEVAL_WEIGHT * hit.score - RANK_PENALTY * rank
        # "今年工作的基本思路是：…": what follows an opening colon is the answer, all of it
        whole = len(text) <= LONG_SENTENCE or (OPENS_WITH_COLON.match(text) and len(text) <= COLON_SENTENCE)
        shown = text if whole else fragment_of(text, [alts for alts, _ in groups])
        found.append(SentenceEvidence(hit.chunk, text, s_start, s_start + len(text), shown.rstrip("。；;"),
                                      coverage, score, matched))
    found.sort(key=lambda e: (-e.score, e.chunk.doc_id, e.start))
    if not found:
        return []
    best = found[0].score
    return [e for e in found if e.score >= best - spread][:limit]


@lru_cache(maxsize=1024)
def modifier_pairs(question: str, ignore: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(modifier, head) for each noun the question puts right before the word it qualifies: "海上|风电",
    "乡村|振兴", "房地产|市场". A passage with the head but not the modifier speaks of another thing (风电 on
    land, 东北振兴), however many other words it shares."""
    import jieba.posseg

    stop = vocabulary().stopwords | ignore
    words = [(w.word, w.flag) for w in jieba.posseg.cut(question)]
    pairs = []
    for i, ((first, f1), (second, f2)) in enumerate(zip(words, words[1:], strict=False)):
        if len(first) < 2 or len(second) < 2 or first in stop or second in stop:
            continue
        # a verb heads a compound only before a noun ("乡村|振兴|战略"); "部门|修订|的" is a subject and its verb
        verb_in_compound = f2 == "v" and i + 2 < len(words) and words[i + 2][1] in NOUN_TAGS
        if f1 in NOUN_TAGS and (f2 in NOUN_TAGS or verb_in_compound):
            pairs.append((first, second))
    return tuple(pairs)


def _drops_a_modifier(text: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    return any(head in text and modifier not in text for modifier, head in pairs)


def _holds_content(groups: list[tuple[list[str], float]], held: list[str]) -> bool:
    """The sentence itself holds a word that names something ("两岸", an indicator), not only one that any
    sentence has ("推进"): its heading may say the rest, not all of it."""
    weights = {alts[0]: w for alts, w in groups}
    if not any(w >= CONTENT_RARITY for w in weights.values()):
        return bool(held)
    return any(weights.get(t, 0.0) >= CONTENT_RARITY for t in held)


def _says_more(text: str, groups: list[tuple[list[str], float]]) -> bool:
    rest = text
    for alts, _ in groups:
        for a in alts:
            rest = rest.replace(a, "")
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= MIN_NEW_CHARS


def _last_heading(section: str) -> str:
    return section.rsplit(">", 1)[-1]
