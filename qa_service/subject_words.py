"""The words of a figure question that say whose figure it is, and so must be in the sentence that answers it.

- A qualifier the reports never put before the indicator: "青年失业率" is said in no report, so a sentence
  on 城镇调查失业率 answers another figure. "全社会固定资产投资" is said, and 固定资产投资 alone still answers.
- In English, a content word right before the indicator's English name ("female unemployment rate"): its
  Chinese renderings (any one) must be in the sentence; with none, no sentence says it.
- In English with no indicator, the Chinese phrases the English map gives: they name the subject.
- The head of a subject named by plain words: in "城镇居民人均医疗支出有多高" 支出 is what is measured, and
  "城镇居民人均可支配收入…" holds the other words but measures something else."""

from __future__ import annotations

import re
from collections.abc import Callable

import jieba.posseg as pseg

from planqa.regions import ENGLISH_NAMES
from qa_service.glossary import cities, content_words, gloss_index, words
from qa_service.query import Question
from qa_service.vocabulary import vocabulary

NOUNISH = ("vn", "v")
# words before an indicator's English name that say how it is measured or what is done to it, not whose it is
HOW_MEASURED = frozenset(["annual", "yearly", "average", "overall", "absolute", "actual", "real", "nominal"])  # 消费支出, 投资: verbs the reports use as the name of a quantity


def required_words(q: Question, ignore: set[str], said: Callable[[str], bool]) -> list[str]:
    required = [term for term in _qualifiers(q) if term not in ignore and not said_with(term, q, said)]
    required += english_qualifiers(q)
    if not q.concepts and q.lang == "zh" and (head := _head(q, ignore)):
        required.append(head)
    if not q.concepts and q.lang == "en":
        # the English map's phrases name what is asked ("shanty towns" → 棚户区)
        guessed = {zh for _, renderings in q.glosses for zh in renderings} | set(q.rendered)  # the dictionary's
        required += [t for t in q.terms if t not in ignore and t not in guessed]
    return list(dict.fromkeys(required))


def _head(q: Question, ignore: set[str]) -> str:
    """The last noun of the question among its terms: what the figure measures ("…租赁住房总共建了几套": 住房;
    "至少", "一共" say how much, not of what)."""
    terms = set(q.terms) - ignore
    nouns = [w.word for w in pseg.cut(q.text) if w.word in terms and (w.flag.startswith("n") or w.flag in NOUNISH)]
    return nouns[-1] if nouns else ""


def _qualifiers(q: Question) -> list[str]:
    """The terms written right before an indicator's name in the question."""
    found: list[str] = []
    for concept in q.concepts:
        at = next((q.text.find(a) for a in sorted(concept, key=len, reverse=True) if a and a in q.text), -1)
        if at > 0:
            found += [t for t in q.terms if q.text[:at].endswith(t)]
    return found


def said_with(term: str, q: Question, said: Callable[[str], bool]) -> bool:
    """Some report writes the term right before one of the indicator's names."""
    return any(said(term + alias) for concept in q.concepts for alias in concept if alias)


def english_qualifiers(q: Question) -> list[str]:
    """"female unemployment rate": the content word before an indicator's English name, as its Chinese renderings
    joined by "|" (any one will do); the word itself when the dictionary has none, which no Chinese text holds."""
    if q.lang != "en":
        return []
    vocab, lower = vocabulary(), q.text.lower()
    provinces = set(ENGLISH_NAMES)
    found = []
    for ind in q.indicators:
        for alias in sorted({ind.en.lower(), *(a.lower() for a in ind.en_aliases)}, key=len, reverse=True):
            if (at := lower.find(alias)) > 0:
                before = re.search(r"([a-z][a-z-]+)\s+$", lower[:at])
                word = before.group(1) if before else ""
                if word and content_words(word, vocab.en_stopwords) and not vocab.translate(word) and \
                        word not in provinces and word not in cities() and word not in HOW_MEASURED and not word.endswith("ing"):
                    zh = gloss_index().get(" ".join(words(word)), ())
                    found.append("|".join(zh) or word)
                break
    return found
