"""What a question asks: its kind, its parts, terms, indicators, years (explicit and relative), intent, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planqa.patterns import YEAR_BARE
from planqa.regions import provinces_named
from planqa.text import words
from qa_service.asked_years import YEAR_WORD, asked_years, named_reports
from qa_service.follow_ups import keep_intent, resolve_follow_up
from qa_service.glossary import glosses
from qa_service.intents import asks_all_targets, compares, intent_of, target_and_outcome
from qa_service.measures_asked import RATE_ASKED, units_asked
from qa_service.metadata_cues import asked_fields
from qa_service.places import without_province
from qa_service.question_split import (
    EACH_ASKED,
    conjoined,
    english_conjoined,
    leading_thing,
    listed,
    one_each,
    single,
    trailing_thing,
)
from qa_service.question_split import clauses as split_clauses
from qa_service.vocabulary import Indicator, vocabulary

TIME_ASKED = re.compile(r"什么时候|何时|哪一?年|哪一?天|几月|什么时间|多长时间|多久|期限|截止|时限|起止|when|how long|deadline")
TIME_RANGE_ASKED = re.compile(r"从(?:哪天|哪年|什么时候|何时)到(?:哪天|哪年|什么时候|何时)|起止|from when to when")
SHORT_CLAUSE = 10  # "最终增长了多少": a clause this short that names no indicator asks about the one before
ENGLISH_RATE = re.compile(r"by how much|how (?:much|fast) did .* (?:grow|increase|rise|fall|drop)|\bgrowth\b(?!\s+(?:points?|poles?|engines?|drivers?))|percent", re.I)
ASK_PREFIX = re.compile(r"哪几个|哪几|哪些|哪个|哪类|什么|多少")  # "哪些项目" asks for 项目
# "干什么", "归谁" (归 + 谁), "第几": a word jieba cut with an asking word in it asks, it names nothing
ASKING = re.compile(r"什么|怎么|怎样|哪(?!怕)|多少|如何|啥|干嘛|为何|何[种时处]|谁|几(?!乎)|^\d+$")
LIST_ASKED = re.compile(r"[哪前][几两二三四五六七八九十][个项条点大方面]*|几个?方面")  # "哪几项": a list, not a count
COUNTING = re.compile(r"[一二两三四五六七八九十几]+[个项条点大方面]?")  # "两个抓手": how many to list, not what
MEASURES_ASKED = re.compile(r"措施|举措|部署|做法|政策|哪些方面|如何(?:推进|落实|加强|促进)")


@dataclass
class Question:
    original: str
    text: str  # after follow-up resolution
    lang: str
    lexical: str  # Chinese-facing text for BM25 (English terms translated)
    terms: list[str] = field(default_factory=list)
    concepts: list[list[str]] = field(default_factory=list)  # per indicator: the asker's words, then its forms
    indicators: list[Indicator] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    relative: list[int] = field(default_factory=list)
    intent: str = "any"  # plan | actual | review | any
    units: tuple[str, ...] = ()
    wants_rate: bool = False
    wants_time: int = 0  # "什么时候建成", "多长时间": a date or duration answers; "从哪天到哪天": two
    kind: str = "figure"  # metadata | aggregate | comparison | descriptive | figure
    parts: list[Question] = field(default_factory=list)  # one per thing asked; [self] when only one
    # English words the English map does not know, with their dictionary renderings (see `glossary`)
    glosses: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    unmapped: str = ""  # an English question less what the English map translates
    rendered: list[str] = field(default_factory=list)  # terms added from the dictionary's renderings
    understood: float = 1.0  # share of an English question's content words rendered in Chinese

    def resolved_years(self, report_year: int | None) -> list[int]:
        years = list(self.years)
        if report_year:
            years += [report_year + r for r in self.relative]
        return sorted(set(years))

    @property
    def label(self) -> str:
        """A short name of what this part asks, for "the report does not say X"."""
        if self.indicators:
            return self.concepts[0][0]
        return "、".join(self.terms[:3]) or self.text


def is_english(text: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return letters > 3 * max(cjk, 1)


def analyse(question: str, history: list[dict] | None = None) -> Question:
    text = resolve_follow_up(question, history) if history else question
    q = _analyse_one(question, text)
    q.kind = _kind(q)
    q.parts = _parts(q)
    return keep_intent(q, question, history)


def _analyse_one(original: str, text: str) -> Question:
    vocab = vocabulary()
    lang = "en" if is_english(original) else "zh"
    translated = " ".join(vocab.translate(text)) if lang == "en" else ""
    lexical = text if lang == "zh" else f"{translated} {text}"
    lower = text.lower()
    # An English question names its indicators through the English map only: "per unit of GDP" is not GDP.
    found = vocab.find_indicators(text if lang == "zh" else translated)
    # "城乡居民人均可支配收入…多少" asks the urban and the rural figure, not the whole
    found = [(u, i) for u, i in found if not ((sides := vocab.urban_and_rural(i)) and
                                             all(any(s is o for _, o in found) for s in sides))]
    concepts = [[used, *(f for f in (*ind.forms, *vocab.joint_forms(ind)) if f != used)] for used, ind in found]
    indicators = [ind for _, ind in found]
    consumed = lexical
    for used, _ in found:
        consumed = consumed.replace(used, " ")
    terms: list[str] = []
    # an English question's terms are the Chinese phrases it translates to, whole ("低空经济", not 低空 + 经济)
    tokens = consumed.split() if lang == "en" else words(EACH_ASKED.sub(" ", YEAR_WORD.sub(" ", consumed)))
    for token in tokens:
        t = token.strip(" \t，。？！、；：,.?!;:\"'“”（）()") if lang == "en" else without_province(token.strip())
        t = t[len(m.group(0)):] if (m := ASK_PREFIX.match(t)) and len(t) - len(m.group(0)) >= 2 else t
        if not t or t in vocab.stopwords or t.lower() in vocab.en_stopwords or YEAR_BARE.fullmatch(t) or ASKING.search(t):
            continue
        if (len(t) == 1 and not t.isascii()) or (t.isascii() and lang == "en") or COUNTING.fullmatch(t):
            continue  # a single character matches everywhere; English words were translated above
        if t not in terms:
            terms.append(t)
    years, relative = asked_years(text)
    known = set(translated.split()) | set(terms)
    unmapped = vocab.untranslated(text) if lang == "en" else ""
    glossed = [(en, tuple(z for z in zh if z not in vocab.stopwords)) for en, zh in glosses(unmapped, vocab.en_stopwords)
               if not known & set(zh)]
    return Question(
        original=original, text=text, lang=lang, lexical=lexical, terms=terms, concepts=concepts,
        indicators=indicators, years=years, relative=relative, intent=intent_of(lower),
        units=units_asked(text), wants_rate=bool(RATE_ASKED.search(lower) or ENGLISH_RATE.search(lower)),
        wants_time=2 if TIME_RANGE_ASKED.search(lower) else int(bool(TIME_ASKED.search(lower))),
        glosses=[g for g in glossed if g[1]], unmapped=unmapped,
    )


def _kind(q: Question) -> str:
    vocab, lower = vocabulary(), q.text.lower()
    if not q.indicators and (asks_report_parts(lower) or asked_fields(lower)):
        return "metadata"
    asks_which = "哪些" in lower or "哪个" in lower or "哪项" in lower or "which" in lower
    ranks = vocab.cue("aggregate_top", lower) or vocab.cue("aggregate_bottom", lower)
    if asks_all_targets(lower, len(q.indicators)) or not q.indicators and asks_which and (ranks or
        vocab.cue("aggregate_missed", lower) or vocab.cue("aggregate_met", lower)):
        return "aggregate"
    if vocab.cue("why", lower):
        return "descriptive"  # "为什么把增长目标定为6.5%－7%": the reasons, not the figure
    between_places = q.intent == "any" and len(provinces_named(q.text)) >= 2  # "compare A's and B's grain output"
    if q.indicators and vocab.cue("comparison", lower) and (q.intent != "actual" or compares(lower)) \
            and not between_places:
        # an outcome word alone ("实际…多少") asks the outcome; with a target asked too, or "是否完成", it compares
        return "comparison"
    if q.indicators and MEASURES_ASKED.search(lower) and not (q.units or q.wants_rate or q.wants_time or
                                                              vocab.cue("figure", lower)):
        return "descriptive"  # "对稳定物价提出了哪些措施": what is done about the indicator, not its figure
    asks_list = bool(LIST_ASKED.search(lower))
    if asks_list and q.indicators and not (q.units or "多少" in lower):
        return "descriptive"  # "目标定为6%左右，是出于哪两方面考虑": the points, not the figure
    if not q.indicators and not q.units and not q.wants_rate and not q.wants_time and (asks_list or vocab.cue("descriptive", lower)) and not (
        vocab.cue("figure", LIST_ASKED.sub(" ", lower))
    ):
        return "descriptive"
    return "figure"


def asks_report_parts(lower: str) -> bool:
    """"报告分为哪几个部分": the report's own parts, and the report is named ("分为几类" asks something else)."""
    return vocabulary().cue("metadata_parts", lower) and ("报告" in lower or "report" in lower)


def _parts(q: Question) -> list[Question]:
    """One sub-question per thing asked: "固定资产投资和社零增长多少" asks two; "资金多少？增长多少？" asks two."""
    if q.kind in ("metadata", "aggregate", "descriptive"):
        return [q]
    clauses = [c.strip(" ，,。") for c in split_clauses(q.text) if c.strip(" ，,。")]
    parts: list[Question] = []
    subject: Question | None = None
    for clause in clauses or [q.text]:
        sub = _analyse_one(q.original, clause)
        named, sub.years = sub.years, sub.years or q.years
        sub.relative = sub.relative or q.relative
        if sub.intent == "any" and subject is not None and subject.intent in ("plan", "actual"):
            # "拟安排多少专项债券？赤字率呢？": both planned; but a later report named tells that year's outcome
            later = sub.years and max(sub.years) < min(named_reports(clause) or [0])
            sub.intent = "actual" if later else subject.intent
        short_follow = subject is not None and subject.indicators and not sub.indicators and len(clause) <= SHORT_CLAUSE
        if (not sub.indicators and not sub.terms and subject is not None) or short_follow or _restates(subject, sub):
            sub = replace(_borrowed(subject, sub, clause),  # "…？1992年计划多少？", not "（见2007年报告）"
                          years=[y for y in named if y not in named_reports(clause)] or subject.years)
        if not sub.indicators and not sub.terms and not sub.glosses:
            continue
        parts += _split_clause(q, sub, clause)
        subject = sub
    parts = _plans_and_outcomes(q, parts)
    for p in parts:
        p.kind = "figure"
        p.parts = []
        if p.intent == "any" and q.intent in ("plan", "actual"):
            p.intent = q.intent  # "How much X and what Y did the report plan?": both planned
    return one_each(parts) or [q]


def _split_clause(q: Question, sub: Question, clause: str) -> list[Question]:
    """One clause's parts, in the order asked."""
    def each(texts: list[str]) -> list[Question]:  # each thing with the clause's years and intent
        return [replace(_analyse_one(q.original, t), years=sub.years, relative=sub.relative, intent=sub.intent)
                for t in texts]

    if not sub.indicators and len(pieces := conjoined(clause)) > 1:
        return each(pieces)  # "力争交通、水利…各达到多少"
    if q.lang == "en" and not sub.indicators and (pieces := english_conjoined(clause)):
        return each(pieces)
    if sub.indicators and (pieces := listed(clause, len({i.name for i in sub.indicators}))):
        return each(pieces)
    if len(sub.indicators) > 1 or (sub.indicators and trailing_thing(sub)):
        lead, trail = (each(conjoined(t[0]) or [t[0]]) if t else [] for t in (leading_thing(sub), trailing_thing(sub)))
        return lead + [single(sub, i) for i in range(len(sub.indicators))] + trail
    if len(sub.years) > 1 and sub.indicators:
        return [replace(sub, years=[y]) for y in sub.years]  # "2021年和2023年的目标分别是多少": one part per year
    return [sub]


def _plans_and_outcomes(q: Question, parts: list[Question]) -> list[Question]:
    if q.kind == "comparison" and len(parts) == 1 and parts[0].indicators and len(parts[0].years) <= 1:
        # "目标完成了吗": the plan and the outcome of the same indicator, each from its own report
        only = parts[0]
        parts = [replace(only, intent="plan", kind="figure"), replace(only, intent="actual", kind="figure")]
    if len(q.years) <= 1:  # two years asked compare the years, not each year's target with its outcome
        parts = [x for p in parts for x in target_and_outcome(p)]
    return parts


def _restates(subject: Question | None, sub: Question) -> bool:
    """"新增就业计划多少？最后新增了多少？": a clause whose words all come from the indicator before asks of it."""
    names = [n for ind in subject.indicators for n in (ind.name, *ind.aliases)] if subject else []
    return bool(names and not sub.indicators and sub.terms and all(any(t in n for n in names) for t in sub.terms))


def _borrowed(subject: Question, sub: Question, clause: str) -> Question:
    """"增长多少？" borrows the subject of the clause before it, and keeps its own measure; a clause of asking
    words alone ("目标增长几成？最后完成了几成？") keeps the subject's measure too."""
    measure = sub if (sub.units or sub.wants_rate or sub.wants_time or sub.terms) else subject
    own = sub.intent if sub.intent != "any" else intent_of(clause.lower())
    # its own words too: "比去年多安排多少" is answered by the clause that says 去年
    return replace(subject, text=f"{subject.text} {clause}", intent=own if own != "any" else subject.intent,
                   terms=[*subject.terms, *(t for t in sub.terms if t not in subject.terms)],
                   glosses=[*subject.glosses, *(g for g in sub.glosses if g not in subject.glosses)],
                   units=measure.units, wants_rate=measure.wants_rate, wants_time=measure.wants_time)
