"""The genre's vocabulary, read once from `data/vocabulary.toml` (or `PLANQA_VOCABULARY`): indicators with
their variants, English names and direction; English steering words; stopwords; question cues."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "data" / "vocabulary.toml"


@dataclass(frozen=True)
class Indicator:
    name: str
    aliases: tuple[str, ...]
    en: str
    en_aliases: tuple[str, ...]
    direction: str  # higher | lower | ceiling | none

    @property
    def forms(self) -> tuple[str, ...]:
        """Every Chinese way to write it, the canonical name first."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    shorthand: dict[str, str]
    english_terms: dict[str, str]
    stopwords: frozenset[str]
    en_stopwords: frozenset[str]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def indicator(self, name: str) -> Indicator | None:
        for ind in self.indicators:
            if name == ind.name or name in ind.aliases:
                return ind
        return None

    def find_indicators(self, text: str) -> list[tuple[str, Indicator]]:
        """(the words used, indicator) for each indicator `text` names, longest form first, in text order.

        A longer form consumes its span, so "居民消费价格" is not also read as "消费" and "人均地区生产总值" not as
        "地区生产总值".
        """
        found: list[tuple[int, str, Indicator]] = []
        taken = [False] * len(text)
        lower = text.lower()
        for form, ind in self._forms_longest_first():
            for m in re.finditer(re.escape(form.lower()), lower):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                if all(ind is not other for _, _, other in found):
                    found.append((m.start(), text[m.start() : m.end()], ind))
        return [(words, ind) for _, words, ind in sorted(found, key=lambda f: f[0])]

    def _forms_longest_first(self) -> list[tuple[str, Indicator]]:
        pairs = [(form, ind) for ind in self.indicators for form in ind.forms]
        pairs += [(short, ind) for short, full in self.shorthand.items() if (ind := self.indicator(full))]
        return sorted(pairs, key=lambda p: -len(p[0]))

    def translate(self, english: str) -> list[str]:
        """Chinese terms for an English question: indicator names first, then steering words."""
        lower = f" {english.lower()} "
        out: list[str] = []
        phrases = [(a, ind.name) for ind in self.indicators for a in ind.en_aliases]
        phrases += list(self.english_terms.items())
        for phrase, zh in sorted(phrases, key=lambda p: -len(p[0])):
            pattern = rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])"
            if re.search(pattern, lower):
                if zh not in out:
                    out.append(zh)
                lower = re.sub(pattern, " ", lower)
        return out

    def cue(self, kind: str, text: str) -> bool:
        lower = text.lower()
        return any(c in lower for c in self.cues.get(kind, ()))


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    data = tomllib.loads((path or DEFAULT_PATH).read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            name=g["name"],
            aliases=tuple(g.get("aliases", ())),
            en=g.get("en", g["name"]),
            en_aliases=tuple(a.lower() for a in g.get("en_aliases", ())),
            direction=g.get("direction", "higher"),
        )
        for g in data.get("indicator", [])
    )
    return Vocabulary(
        indicators=indicators,
        shorthand=dict(data.get("shorthand", {})),
        english_terms={k.lower(): v for k, v in data.get("english_terms", {}).items()},
        stopwords=frozenset(data.get("stopwords", {}).get("zh", ())),
        en_stopwords=frozenset(data.get("stopwords", {}).get("en", ())),
        cues={k: tuple(v) for k, v in data.get("cues", {}).items()},
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The deployment's vocabulary: `PLANQA_VOCABULARY` names a replacement file."""
    override = os.environ.get("PLANQA_VOCABULARY")
    return load_vocabulary(Path(override) if override else None)
