"""What a question asks: terms, indicator concepts, years (explicit and relative), intent, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.text import words
from qa_service.lexicon import (
    ACTUAL_CUES,
    CONCEPTS,
    EN_STOPWORDS,
    ENGLISH,
    PLAN_CUES,
    REVIEW_CUES,
    STOPWORDS,
)

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
RELATIVE = {"前年": -2, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0, "明年": 1}
RELATIVE_EN = {"last year": -1, "this year": 0, "next year": 1, "previous year": -1}
FOLLOW_UP = re.compile(r"^(?:那|那么|还有|另外|and|what about|how about)|呢[？?]?$", re.I)
UNIT_ASKED = {"多少亿元": ("亿元", "万元"), "多少万元": ("万元", "亿元"), "几亿元": ("亿元", "万元"), "多少亿": ("亿",), "多少钱": ("元",)}
# "多少所 / 几家 / 多少人": the measure word says what kind of figure answers the question.
MEASURE_ASKED = re.compile(r"(?:多少|几)(万|亿)?([个家人户所座台亩吨项件名次套栋天条辆位处片批场期届])")


@dataclass
class Question:
    original: str
    text: str  # after follow-up resolution
    lang: str
    lexical: str  # Chinese-facing text for BM25 (English terms translated)
    terms: list[str] = field(default_factory=list)
    concepts: list[list[str]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    relative: list[int] = field(default_factory=list)
    intent: str = "any"  # plan | actual | review | any
    units: tuple[str, ...] = ()

    def resolved_years(self, report_year: int | None) -> list[int]:
        years = list(self.years)
        if report_year:
            years += [report_year + r for r in self.relative]
        return sorted(set(years))


def is_english(text: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return letters > 3 * max(cjk, 1)


def _translate(text: str) -> str:
    lower = text.lower()
    found: list[str] = []
    for phrase in sorted(ENGLISH, key=len, reverse=True):
        if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", lower):
            found.append(ENGLISH[phrase])
            lower = lower.replace(phrase, " ")
    return " ".join(found)


def resolve_follow_up(question: str, history: list[dict] | None) -> str:
    """'那2024年呢？' after a question about 进出口 becomes that question with 2024 as its year."""
    previous = [t["content"] for t in (history or []) if t.get("role") == "user" and t.get("content", "").strip()]
    if not previous:
        return question
    probe = analyse(question, None)
    if probe.concepts or (len(probe.terms) >= 2 and not FOLLOW_UP.search(question.strip())):
        return question
    last = previous[-1]
    new_years = YEAR.findall(question)
    rel = [w for w in RELATIVE if w in question]
    if new_years or rel:
        replacement = f"{new_years[0]}年" if new_years else rel[0]
        stripped = re.sub(r"(?:19|20)\d{2}\s*年?|前年|去年|上年|今年|本年|明年", "", last)
        last = replacement + stripped
    extra = re.sub(r"^(?:那么|那|还有|另外)|呢|[？?。]|(?:19|20)\d{2}\s*年?|前年|去年|上年|今年|本年|明年", "", question)
    return f"{last} {extra}".strip() if extra.strip() else last


def analyse(question: str, history: list[dict] | None = None) -> Question:
    text = resolve_follow_up(question, history) if history else question
    lang = "en" if is_english(question) else "zh"
    lexical = text if lang == "zh" else f"{_translate(text)} {text}"
    lower = text.lower()

    concepts: list[list[str]] = []
    consumed = lexical
    # Longest alias first, across groups: "居民消费价格" must not be read as "消费".
    for alias, group in sorted(((a, g) for g in CONCEPTS for a in g), key=lambda p: -len(p[0])):
        if group[0] not in {c[0] for c in concepts} and alias.lower() in consumed.lower():
            # the asker's own word first: "经济总量" asks for the total, not the growth rate
            concepts.append([alias, *(a for a in group if a != alias)] if alias != group[0] else group)
            consumed = re.sub(re.escape(alias), " ", consumed, flags=re.I)

    terms: list[str] = []
    for token in words(lexical):
        t = token.strip()
        if not t or t in STOPWORDS or t.lower() in EN_STOPWORDS or YEAR.fullmatch(t) or t.isdigit():
            continue
        if len(t) == 1 and not t.isascii():
            continue  # a single character ("所", "家") matches everywhere
        if t.isascii() and t.isalpha() and lang == "en":
            continue  # English words were translated into Chinese terms above
        if t not in terms:
            terms.append(t)

    years = [int(y) for y in YEAR.findall(text)]
    relative = [v for k, v in RELATIVE.items() if k in text] + [v for k, v in RELATIVE_EN.items() if k in lower]

    is_review = any(c in lower for c in REVIEW_CUES)
    is_plan = any(c in lower for c in PLAN_CUES)
    is_actual = any(c in lower for c in ACTUAL_CUES)
    if is_plan and not is_actual:
        intent = "plan"
    elif is_review or (is_plan and is_actual):
        intent = "review"
    elif is_actual:
        intent = "actual"
    else:
        intent = "any"
    units: tuple[str, ...] = ()
    for cue, allowed in UNIT_ASKED.items():
        if cue in text:
            units = allowed
            break
    measure = MEASURE_ASKED.search(text)
    if not units and measure:
        units = (measure.group(2),)
    return Question(
        original=question,
        text=text,
        lang=lang,
        lexical=lexical,
        terms=terms,
        concepts=concepts,
        years=sorted(set(years)),
        relative=sorted(set(relative)),
        intent=intent,
        units=units,
    )
