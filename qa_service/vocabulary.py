"""The genre's vocabulary, read once from `data/vocabulary.toml` (or `PLANQA_VOCABULARY`): indicators with
their variants, English names and direction; English steering words; stopwords; question cues."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "data" / "vocabulary.toml"
# "城镇和农村居民…分别增长", "城乡 居民…" (an English question translated): both sides of one indicator
JOINT_SIDES = ("城乡居民", "城镇和农村居民", "城镇、农村居民", "城镇与农村居民", "城镇居民和农村居民")
BOTH_SIDES = re.compile(r"(?:城乡|城镇(?:居民)?[和与、]农村)\s*(?=居民)|城乡\s+")


@dataclass(frozen=True)
class Indicator:
    name: str
    aliases: tuple[str, ...]
    en: str
    en_aliases: tuple[str, ...]
    direction: str  # higher | lower | ceiling | none
    amount: str = ""  # the units an amount of it is written in ("元|美元"); "" for a rate, a share, an index
    # forms that measure different things under one name (调查失业率 / 登记失业率), each with the English word
    # that says it: a question naming one is not answered by a sentence naming only another
    distinct: tuple[tuple[str, str], ...] = ()

    def distinct_asked(self, question: str) -> str:
        """The distinct form the question names ("" when it names none, or the indicator has none)."""
        lower = question.lower()
        return next((zh for zh, en in self.distinct if zh in question or (en and en in lower)), "")

    def says_another_measure(self, asked: str, text: str) -> bool:
        return bool(asked) and asked not in text and any(zh in text for zh, _ in self.distinct if zh != asked)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every Chinese way to write it, the canonical name first."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    shorthand: dict[str, str]
    english_terms: dict[str, str]
    stopwords: frozenset[str]
    en_stopwords: frozenset[str]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outline: dict[str, tuple[str, ...]] = field(default_factory=dict)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def indicator(self, name: str) -> Indicator | None:
        for ind in self.indicators:
            if name == ind.name or name in ind.aliases:
                return ind
        return None

    def find_indicators(self, text: str) -> list[tuple[str, Indicator]]:
        """(the words used, indicator) for each indicator `text` names, in text order, each once.

        One alternation, longest form first, scanned left to right: a longer form takes its span, so
        "居民消费价格" is not also read as "消费" and "人均地区生产总值" not as "地区生产总值".
        """
        pattern, by_form = self._indicator_pattern()
        found: list[tuple[str, Indicator]] = []
        text = BOTH_SIDES.sub("城乡", text)
        for m in pattern.finditer(text):
            ind = by_form[m.group(0).lower()]
            sides = self.urban_and_rural(ind) if text[: m.start()].endswith(("城乡", "城乡居民")) else ()
            for one in (ind, *sides):
                if all(one is not other for _, other in found):
                    found.append((m.group(0) if one is ind else one.name, one))
        return found

    @staticmethod
    def joint_forms(ind: Indicator) -> tuple[str, ...]:
        """"城镇和农村居民人均可支配收入分别增长…": how a report writes one side together with the other."""
        side = next((p for p in ("城镇居民", "农村居民") if ind.name.startswith(p)), "")
        base = ind.name.removeprefix(side)
        return tuple(f"{j}{base}" for j in JOINT_SIDES) if side else ()

    def urban_and_rural(self, ind: Indicator) -> tuple[Indicator, ...]:
        """"城乡居民人均可支配收入": the urban and the rural figure, where the vocabulary has both."""
        base = ind.name.removeprefix("居民")
        sides = [self.indicator(f"{side}居民{base}") or self.indicator(side + ind.name) for side in ("城镇", "农村")]
        return tuple(s for s in sides if s is not None) if all(sides) else ()

    @cached_property
    def _indicator_index(self) -> tuple[re.Pattern[str], dict[str, Indicator]]:
        by_form: dict[str, Indicator] = {}
        for ind in self.indicators:
            for form in ind.forms:
                by_form.setdefault(form.lower(), ind)
        for short, full in self.shorthand.items():
            if (ind := self.indicator(full)) is not None:
                by_form.setdefault(short.lower(), ind)
        forms = sorted(by_form, key=len, reverse=True)
        return re.compile("|".join(re.escape(f) for f in forms), re.I), by_form

    def _indicator_pattern(self) -> tuple[re.Pattern[str], dict[str, Indicator]]:
        return self._indicator_index

    @cached_property
    def _english_index(self) -> tuple[re.Pattern[str], dict[str, str]]:
        # hyphens read as spaces on both sides: "per-capita" is "per capita", "fixed-asset" is "fixed asset"
        phrases = {_unhyphened(a): ind.name for ind in self.indicators for a in (*ind.en_aliases, ind.en)}
        for phrase, zh in self.english_terms.items():
            phrases.setdefault(_unhyphened(phrase), zh)
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])"), phrases

    def translate(self, english: str) -> list[str]:
        """Chinese terms for an English question: the longest English phrase wins at each place."""
        pattern, phrases = self._english_index
        out: list[str] = []
        for m in pattern.finditer(_unhyphened(english)):
            if phrases[m.group(0)] not in out:
                out.append(phrases[m.group(0)])
        return out

    @cached_property
    def en_framing(self) -> frozenset[str]:
        """English words that frame a question rather than name its content: stopwords, the English cue words
        (what is asked: a target, an outcome, a list…) and country names."""
        cue_words = {w for cues in self.cues.values() for c in cues if c.isascii() for w in re.findall(r"[a-z]+", c)}
        countries = {w for c in self.places.get("countries_en", ()) for w in c.split()}
        return frozenset(self.en_stopwords | cue_words | countries)

    def untranslated(self, english: str) -> str:
        """The English question less the phrases the English map translates."""
        return self._english_index[0].sub(" ", _unhyphened(english))

    def cue(self, kind: str, text: str) -> bool:
        lower = text.lower()
        return any(c in lower for c in self.cues.get(kind, ()))


def _unhyphened(english: str) -> str:
    return english.lower().replace("-", " ")


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    data = tomllib.loads((path or DEFAULT_PATH).read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            name=g["name"],
            aliases=tuple(g.get("aliases", ())),
            en=g.get("en", g["name"]),
            en_aliases=tuple(a.lower() for a in g.get("en_aliases", ())),
            direction=g.get("direction", "higher"),
            amount=g.get("amount", ""),
            distinct=tuple((zh, en.lower()) for zh, en in g.get("distinct", {}).items()),
        )
        for g in data.get("indicator", [])
    )
    return Vocabulary(
        indicators=indicators,
        shorthand=dict(data.get("shorthand", {})),
        english_terms={k.lower(): v for k, v in
                       {**data.get("english_policy_terms", {}), **data.get("english_terms", {})}.items()},
        stopwords=frozenset(data.get("stopwords", {}).get("zh", ())),
        en_stopwords=frozenset(data.get("stopwords", {}).get("en", ())),
        cues={k: tuple(v) for k, v in data.get("cues", {}).items()},
        outline={k: tuple(v) for k, v in data.get("outline", {}).items()},
        places={k: tuple(v) for k, v in data.get("places", {}).items()},
        documents={k: tuple(v) for k, v in data.get("documents", {}).items()},
        compounds={k: tuple(v) for k, v in data.get("compounds", {}).items()},
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The deployment's vocabulary: `PLANQA_VOCABULARY` names a replacement file."""
    override = os.environ.get("PLANQA_VOCABULARY")
    return load_vocabulary(Path(override) if override else None)
