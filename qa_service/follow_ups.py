"""Follow-up questions: "那2024年呢？", "其中中央本级呢？", "那下一年的粮食产量呢？" read with the
question before them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from planqa.patterns import YEAR_BARE
from planqa.regions import PROVINCE_ENGLISH
from qa_service.asked_years import RELATIVE, RELATIVE_WORDS, named_reports
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
FOLLOW_UP = re.compile(r"^(?:那|那么|还有|另外|其中|and|what about|how about)|呢[？?]?$", re.I)


def resolve_follow_up(question: str, history: list[dict] | None) -> str:
    """'那2024年呢？' after a question about 进出口 becomes that question with 2024 as its year."""
    previous = [t["content"] for t in (history or []) if t.get("role") == "user" and t.get("content", "").strip()]
    if not previous:
        return question
    last = previous[-1]
    said = YEAR_BARE.findall(last)
    for word, shift in NEIGHBOUR_YEAR.items():
        if said and word in question:  # "那下一年的粮食产量呢？" after a question about 2020: 2021
            question = question.replace(word, f"{int(said[0]) + shift}年")
    from qa_service.query import analyse  # a follow-up is read as a question first

    probe = analyse(question, None)
    if probe.lang == "en" and (probe.indicators or probe.terms) and FOLLOW_UP.search(question.strip()):
        return _english_follow_up(question, last)
    # "那出口呢？" asks the same place and year about another indicator; so does a question that names
    # neither ("新建智能化矿井的目标是多少座？" after a question on one province's report)
    # (a question that names an indicator of its own is a new question: "城镇新增就业人数是多少？" asks every year)
    placeless = not (probe.indicators or places_named(question) or implied_places(question) or probe.years)
    # "今年计划开行多少？" after a question on one province's 2025 report: that report's "this year"
    reports = sorted(named_reports(last)) if placeless and probe.relative else []
    unplaced = placeless and not probe.relative
    if (probe.indicators or len(probe.terms) >= 2) and (FOLLOW_UP.search(question.strip()) or unplaced or reports):
        context = "".join(sorted(set(places_named(last) or implied_places(last)) - set(places_named(question))))
        years = "" if probe.years or probe.relative else "".join(f"{y}年" for y in YEAR_BARE.findall(last)[:1])
        if years and named_reports(last) == {int(years[:4])}:
            years += "报告中"  # "2016年政府工作报告里拟发多少国债？" then "其中…呢？": still that report
        elif len(reports) == 1:
            years = f"{reports[0]}年报告中"
        return f"{context}{years}{question}" if context or years else question
    if probe.indicators or (len(probe.terms) >= 2 and not FOLLOW_UP.search(question.strip())):
        return question
    return _with_other_years(question, last, said)


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
    the same place and year, said in English so that the answer is too."""
    places = [PROVINCE_ENGLISH.get(p, p).title() for p in places_named(last) if p not in places_named(question)]
    years = [] if YEAR_BARE.search(question) else YEAR_BARE.findall(last)[:1]
    asked = re.sub(r"^(?:and|what about|how about)\s+", "", question.strip().rstrip("?？ "), flags=re.I)
    where = " ".join([f"in {', '.join(places)}" if places else "", f"in {years[0]}" if years else ""]).strip()
    return f"What about {asked} {where}?".replace("  ", " ") if where else question


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
