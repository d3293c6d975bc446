"""An English question's unknown words, said as the retrieved passages say them (see `glossary`), and how much
of the question is so understood."""

from __future__ import annotations

from dataclasses import replace

from planqa.regions import ENGLISH_NAMES
from qa_service.glossary import content_words, resolve
from qa_service.query import Question
from qa_service.vocabulary import vocabulary

# a place chooses the reports (see `pipeline.scope`); it is not a word the passages must hold
ENGLISH_PLACE_WORDS = frozenset(
    w for name in ENGLISH_NAMES for w in name.lower().split()) | {"city", "province", "district", "county"}


def in_passages_words(q: Question, passages: list[str]) -> Question:
    """The question with each English word the map does not know added as a term, in the rendering the
    retrieved passages use, and the share of its words so understood; `q` itself for a Chinese question."""
    stop = vocabulary().en_framing | ENGLISH_PLACE_WORDS

    def rendered(one: Question) -> Question:
        said = {en: zh for en, options in one.glosses if (zh := resolve(options, passages))}
        left = [w for w in content_words(one.unmapped, stop) if not any(w in en.split() for en in said)]
        total = len(content_words(one.text, stop)) or 1
        added = [zh for zh in dict.fromkeys(said.values()) if zh not in one.terms]
        return replace(one, terms=[*one.terms, *added], glosses=[], rendered=[*one.rendered, *added],
                       understood=1 - len(left) / total)

    if q.lang != "en":
        return q
    out = rendered(q)
    return replace(out, parts=[out if p is q else rendered(p) for p in q.parts])
