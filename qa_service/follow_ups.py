"""Follow-up questions: "那2024年呢？", "其中中央本级呢？", "那下一年的粮食产量呢？" read with the
question before them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from planqa.patterns import YEAR_BARE
from planqa.regions import PROVINCE_ENGLISH
from qa_service.asked_years import RELATIVE, RELATIVE_WORDS, asked_years, named_reports
from qa_service.intents import intent_of
from qa_service.places import implied_places, places_named

if TYPE_CHECKING:
    from qa_service.query import Question

REPORT_NAMED = re.compile(r"(?:19|20)\d{2}\s*年(?:的)?(?:政府工作)?报告(?:里|中)?[，,]?")
REPORT_WORDS = re.compile(r"(?:政府工作)?报告(?:里|中)?的?|里的|中的|的")
# "And in the 2012 report?", "What about 2025?": a follow-up that says nothing but another year
ONLY_A_YEAR = re.compile(r"(?i)\b(?:and|what|how|about|in|the|for|of|report|year|s)\b|(?:19|20)\d{2}|[?？.,'’]")
PLAN_ACTUAL_WORDS = re.compile(r"计划|目标|预期|预计完成|实际")
# a year next to the one asked before, in a follow-up
NEIGHBOUR_YEAR = {"下一年": 1, "次年": 1, "第二年": 1, "后一年": 1, "前一年": -1}
FOLLOW_UP = re.compile(r"^(?:那|那么|还有|另外|其中|and|what about|how about)|呢[？?]?$|又(?=分别|是|有|为|增长|达到|完成)", re.I)
# the year the question before asked, said again by a pronoun ("该年的出口呢？", "…in the same year?")
SAME_YEAR = re.compile(r"那一年|这一年|该年|同年|(?i:\bthat year\b|\bthe same year\b)")
LEAD = re.compile(r"^(?:那么|那)(?!些)")


def resolve_follow_up(question: str, history: list[dict] | None) -> str:
    """'那2024年呢？' after a question about 进出口 becomes that question with 2024 as its year."""
    previous = [t["content"] for t in (history or []) if t.get("role") == "user" and t.get("content", "").strip()]
    if not previous:
        return question
    last = previous[-1]
    said = YEAR_BARE.findall(last)
    asked = asked_years(last)[0] or [int(y) for y in said]
    for word, shift in NEIGHBOUR_YEAR.items():
        if asked and word in question:  # "那下一年的粮食产量呢？" after a question about 2020: 2021
            question = question.replace(word, f"{asked[0] + shift}年")
    from qa_service.query import analyse  # a follow-up is read as a question first

    probe = analyse(question, None)
    follows = bool(FOLLOW_UP.search(question.strip()) or SAME_YEAR.search(question))
    if probe.lang == "en" and (probe.indicators or probe.terms) and (follows or not places_named(question)):
        return _english_follow_up(question, last)
    # "那出口呢？" asks the same place and year about another indicator; so does a question that names
    # neither ("新建智能化矿井的目标是多少座？" after a question on one province's report). One that names an
    # indicator of its own asks the place and report before, not their year (an indicator asked alone is asked of every year)
    placeless = not (places_named(question) or implied_places(question))
    unplaced = placeless and not (probe.indicators or probe.years or probe.relative)
    if (probe.indicators or len(probe.terms) >= 2) and (follows or placeless):
        return _in_context(question, last, probe, follows or unplaced)
    if probe.indicators or (len(probe.terms) >= 2 and not FOLLOW_UP.search(question.strip())):
        return question
    return _with_other_years(question, last, said)


def _in_context(question: str, last: str, probe: Question, follows: bool) -> str:
    """The question with the place and report of the one before, and its years when it follows on from it."""
    context = "".join(sorted(set(places_named(last) or implied_places(last)) - set(places_named(question))))
    reports = named_reports(last) if not (probe.years or named_reports(question)) else set()
    said = [] if probe.years or probe.relative or not follows else asked_years(last)[0] or YEAR_BARE.findall(last)[:1]
    years = "".join(f"{y}年" for y in said if len(reports) != 1 or int(y) not in reports)
    # "2016年政府工作报告里拟发多少国债？" then "其中…呢？": still that report
    report = f"{min(reports)}年报告中" if len(reports) == 1 and (context or said or probe.relative) else ""
    question = LEAD.sub("", SAME_YEAR.sub("", question) if years else question)
    return f"{context}{report}{years}{question}" if context or report or years else question


def _with_other_years(question: str, last: str, said: list[str]) -> str:
    """"换成2024年", "按2013年的报告，2012年的呢？", "And in the 2012 report?": the question before, with the years
    the follow-up names (and what else it says)."""
    new_years = YEAR_BARE.findall(question)
    rel = [w for w in RELATIVE if w in question]
    earlier_years = list(dict.fromkeys(said))
    if len(new_years) > 1 and len(earlier_years) == len(new_years):
        # a follow-up naming a report year and a year asked, after a question that did too: each year in its place
        mapping = dict(zip(earlier_years, new_years, strict=True))
        last = re.sub(r"(?:19|20)\d{2}", lambda m: mapping.get(m.group(0), m.group(0)), last)
    elif new_years and not re.search(r"[\u4e00-\u9fff]", last) and not ONLY_A_YEAR.sub(" ", question).strip():
        # "And in the 2012 report?" after an English question on the 2011 report: the year replaced in place
        return re.sub(r"(?:19|20)\d{2}", new_years[0], last, count=1) if said else f"{last.rstrip('?？ ')} in {new_years[0]}?"
    elif not re.search(r"[\u4e00-\u9fff]", last + question) and {int(y) for y in new_years} <= named_reports(question):
        # "And what did it actually achieve that year, per the 2032 report?": asked after the question it goes on from
        return f"{last.rstrip()} {question.strip()}"
    elif new_years or rel:
        if new_years and (named := named_reports(last)) and any(int(y) not in named for y in earlier_years):
            # "2031年的报告里2030年吞吐量多少" then "2031年的呢": the year asked changes, and the report
            # that told the earlier year's figure need not tell this one's
            last = REPORT_NAMED.sub("，", last)
        replacement = f"{new_years[0]}年" if new_years else rel[0]
        # another year: the earlier question's plan/outcome words do not carry over ("今年计划多少？那去年呢？")
        last = replacement + PLAN_ACTUAL_WORDS.sub("", RELATIVE_WORDS.sub("", last))
    extra = re.sub(r"^(?:那么|那|还有|另外)|呢|[？?。]", "", RELATIVE_WORDS.sub("", question))
    said_again = re.findall(r"[\u4e00-\u9fff]{2,}", REPORT_WORDS.sub(" ", extra))
    if extra.strip() and not re.search(r"[A-Za-z]", extra) and all(w in last for w in said_again):
        return last  # "按2013年的报告，2012年的用电量呢？": the words say again what was asked, only the years change
    return f"{last} {extra}".strip() if extra.strip() else last


def _english_follow_up(question: str, last: str) -> str:
    """"And the digital economy's value added?" after a question on Anhui's GDP in 2025: another indicator,
    the same place and year (and report), said in English so that the answer is too."""
    places = [PROVINCE_ENGLISH.get(p, p).title() for p in places_named(last) if p not in places_named(question)]
    years = [] if YEAR_BARE.search(question) else (asked_years(last)[0] or YEAR_BARE.findall(last))[:1]
    reports = [] if YEAR_BARE.search(question) else sorted(named_reports(last) - {int(y) for y in years})[:1]
    asked = re.sub(r"^(?:and|what about|how about)\s+", "", question.strip().rstrip("?？ "), flags=re.I)
    lead = "What about " if FOLLOW_UP.search(question.strip()) else ""
    if years:
        asked = SAME_YEAR.sub("", asked).strip()
    where = " ".join([f"in {', '.join(places)}" if places else "", f"in {years[0]}" if years else "",
                      f"according to the {reports[0]} report" if reports else ""]).strip()
    return f"{lead}{asked} {where}?".replace("  ", " ") if where else question


def keep_intent(q: Question, question: str, history: list[dict] | None) -> Question:
    """"其中中央本级呢？" after "拟安排多少专项债券": the same year, and still the plan. Another year
    asked ("那去年呢？") does not keep it."""
    previous = [t.get("content", "") for t in (history or []) if t.get("role") == "user"]
    if previous and q.intent == "any" and not YEAR_BARE.search(question) and not any(w in question for w in RELATIVE):
        earlier = intent_of(previous[-1].lower())
        if earlier in ("plan", "actual"):
            q.intent = earlier
            q.parts = [replace(p, intent=earlier) if p.intent == "any" else p for p in q.parts]
    return q
