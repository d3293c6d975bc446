"""One answerer per kind of question. Each takes the stores' view, the question and its scope, and returns
the evidence of one part: table cells and/or sentences from one document, or nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from planqa.patterns import YEAR_NIAN
from planqa.records import Chunk, IndicatorRow
from qa_service.compose import PartAnswer, direction_of
from qa_service.evidence import REVIEW_SECTION, RowEvidence, SentenceEvidence, find_passages, find_sentences
from qa_service.outline import ANNOUNCES, following, outline
from qa_service.query import RELATIVE, Question
from qa_service.retrieval import Hit
from qa_service.table_evidence import find_rows
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

# "2023年政府工作报告", "2021年和2023年政府工作报告": years right before the word 报告 name reports
REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*[和与及、至到-]\s*(?:19|20)\d{2}\s*年)*(?:的)?(?:[\u4e00-\u9fff]{0,8})?报告")
DOC_TRIES = 2  # a part may fall back to the second-best report, never further
HEAD_CHARS = 1500  # where a report states who presents it, where and when
# "上海市市长 龚 正", "国务院总理 李强", "株洲市天元区发展和改革局局长 周高林": an office, then a name
# (the name may stand on the next line: "国务院总理　\n李克强")
# (the name may stand on the next line: "国务院总理　\n李克强"), or a line holds only the office and the name
PRESENTER = re.compile(
    r"[^\n。，]{0,30}(?:长|主席|总理|主任|书记)(?:[ \u3000]*\n?[ \u3000]*(?<=[ \u3000\n])[\u4e00-\u9fff]"
    r"(?:[ \u3000]?[\u4e00-\u9fff]){1,3}(?![\u4e00-\u9fff])|[\u4e00-\u9fff]{2,4}(?=\n))"
)
MEETING = re.compile(r"[^\n。]{0,40}(?:人民代表大会|人大)[^\n。]{0,30}会议[^\n。]{0,30}")
WEAK_SPREAD = 0.25  # further sentences must score within this of the best



def report_year(state: State, doc_id: str) -> int | None:
    doc = state.documents[doc_id]
    return doc.report_date.year if doc.report_date else (max(doc.years) if doc.years else None)


def _named_report(state: State, q: Question, ranked: list[str]) -> list[str]:
    """"2023年政府工作报告如何…": a year right before the word 报告 names the report itself."""
    named = named_report_years(q.text)
    if not named:
        return ranked
    years = (named & set(q.years)) or named
    # a report that is not stored cannot be quoted: no fallback to another year's report
    return [d for d in ranked if report_year(state, d) in years]


def named_report_years(text: str) -> set[int]:
    return {int(y) for m in REPORT_YEAR.finditer(text) for y in YEAR_NIAN.findall(m.group(0))}


def ranked_documents(state: State, q: Question, sc: Scope, hits: list[Hit]) -> list[str]:
    """Reports in the order they should answer `q`: retrieval weight, nudged by the years and the intent.

    A report delivered in year R reviews R-1 and sets targets for R. Ties go to the doc_id, so the same
    question on the same store always picks the same report.
    """
    if len(sc.doc_ids) == 1:
        return list(sc.doc_ids)
    if q.kind in ("descriptive", "aggregate", "metadata") and q.intent != "actual":
        q = replace(q, intent="plan")  # what a report says of its own year: its plan, in the report of that year
    weight: dict[str, float] = {}
    for hit in hits:
        weight[hit.chunk.doc_id] = weight.get(hit.chunk.doc_id, 0.0) + hit.score
    tier = dict.fromkeys(weight, 1)
    if q.years:
        year = q.years[-1]
        for doc_id in weight:
            ry = report_year(state, doc_id)
            if ry is None:
                continue
            if (q.intent == "plan" and ry == year) or (q.intent != "plan" and ry == year + 1):
                weight[doc_id] *= 3.0
                # a target is stated in the report of its year, an outcome in the next one: whatever else
                # ranks higher, that report answers first
                tier[doc_id] = 0 if q.intent in ("plan", "actual") else 1
            elif ry not in (year, year + 1):
                weight[doc_id] *= 0.3
    return _named_report(state, q, sorted(weight, key=lambda d: (tier[d], -round(weight[d], 9), d)))


def _candidates(state: State, q: Question, doc_id: str, hits: list[Hit], k: int) -> list[Hit]:
    """Retrieved chunks of the report, plus its other chunks that name what was asked: within one report a
    scan is cheap, and a figure must not be missed for ranking ninth instead of eighth."""
    ranked = [h for h in hits if h.chunk.doc_id == doc_id][:k]
    seen = {h.chunk.chunk_id for h in ranked}
    names = [a.lower() for c in q.concepts for a in c] or [t.lower() for t in q.terms if len(t) >= 2]
    for chunk in state.search.lexical.by_doc.get(doc_id, []):
        if chunk.chunk_id not in seen and any(n in chunk.text.lower() for n in names):
            ranked.append(Hit(chunk, 0.0))
    return ranked


def figure(state: State, part: Question, sc: Scope, hits: list[Hit], k: int = 8) -> PartAnswer:
    part = _settle_intent(state, part, sc)
    later = _later_report_in_scope(state, part, sc)
    same_year = bool(part.years) and any(report_year(state, d) in part.years for d in sc.doc_ids)
    for doc_id in ranked_documents(state, part, sc, hits)[:DOC_TRIES]:
        ry = report_year(state, doc_id)
        if part.relative and not part.years and ry is None:
            continue  # "去年" means nothing without the report's date
        if later and part.intent == "actual" and ry is not None and ry <= min(part.years):
            continue  # the outcome is in the later report; this one only has the target
        if same_year and part.intent == "plan" and ry is not None and ry > max(part.years):
            continue  # the target is in that year's own report; a later one states the outcome
        years = part.resolved_years(ry)
        table = [r for r in state.indicators if r.doc_id == doc_id]
        rows = find_rows(part, table, years)
        sentences = find_sentences(part, _candidates(state, part, doc_id, hits, k), years, sc.ignore,
                                   limit=2 if rows else 3, rarity=state.search.lexical.rarity, report_year=ry)
        sentences = _drop_weak(sentences, bool(rows))
        if rows or sentences:
            return PartAnswer(part, rows, sentences)
    return PartAnswer(part, note="no evidence")


def _later_report_in_scope(state: State, part: Question, sc: Scope) -> bool:
    """Is a report that reviews the asked year in scope (a report of year R reviews R-1)?"""
    if not part.years:
        return False
    return any((ry := report_year(state, d)) is not None and ry > max(part.years) for d in sc.doc_ids)


def _settle_intent(state: State, part: Question, sc: Scope) -> Question:
    """"2024年GDP增长多少" asks for the outcome when a later report (which reviews 2024) is in scope; for the
    current year, only a target exists."""
    if part.intent != "any" or REPORT_YEAR.search(part.text) or not _later_report_in_scope(state, part, sc):
        return part  # "2021年政府工作报告提出…": the year names the report, whose own year is a target
    return replace(part, intent="actual")


def _drop_weak(sentences: list[SentenceEvidence], have_rows: bool) -> list[SentenceEvidence]:
    if not sentences:
        return sentences
    kept = [s for s in sentences if s.score >= sentences[0].score - WEAK_SPREAD]
    return [s for s in kept if s.coverage >= 0.99] if have_rows else kept


def descriptive(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    ranked = ranked_documents(state, replace(q, intent="plan"), sc, hits)
    if ranked:
        listed = outline(q, state.documents[ranked[0]], state.search.lexical.by_doc.get(ranked[0], []))
        if listed.found:
            return listed
    for doc_id in ranked_documents(state, q, sc, hits)[:1]:
        doc_hits = [h for h in hits if h.chunk.doc_id == doc_id]
        found = find_passages(q, doc_hits, sc.ignore, rarity=state.search.lexical.rarity)
        if q.years:
            ry = report_year(state, doc_id)
            found = [s for s in found if _years_fit(s, q.resolved_years(ry), ry)]
        if found and ANNOUNCES.search(found[0].text):
            # "要着力把握好五个方面。" / "（一）着力扩大国内需求": the answer is what follows it
            found = following(state.documents[doc_id].clean_text, found[0]) or found
        if found:
            return PartAnswer(q, sentences=found)
    return PartAnswer(q, note="no passage")


def _years_fit(ev: SentenceEvidence, years: list[int], report: int | None) -> bool:
    """The passage speaks of an asked year: by the years it writes, else by "今年/去年" read against the
    report's year, else by its chunk's years (a report's own plan part speaks of the report's year)."""
    if not years:
        return True
    named = {int(y) for y in YEAR_NIAN.findall(ev.text)}
    if not named and report:
        named = {report + shift for word, shift in RELATIVE.items() if word in ev.text}
    if not named:
        named = set(ev.chunk.years) | ({report} if report and not REVIEW_SECTION.search(ev.chunk.section) else set())
    return not named or bool(named & set(years))


def metadata(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    """Who presented the report, at which meeting, when, and its title: from the report's opening lines."""
    ranked = ranked_documents(state, q, sc, hits) or list(sc.doc_ids)
    if q.years:  # "2025年政府工作报告是谁作的": the year names the report itself
        ranked = [d for d in ranked if report_year(state, d) in q.years]
    if not ranked:
        return PartAnswer(q, note="no document")
    doc = state.documents[ranked[0]]
    head = doc.clean_text[:HEAD_CHARS]
    vocab, lower = vocabulary(), q.text.lower()
    patterns = []
    if vocab.cue("metadata_presenter", lower):
        patterns += [PRESENTER, MEETING]
    if vocab.cue("metadata_date", lower) or vocab.cue("metadata_meeting", lower):
        patterns += [MEETING]
    chunk = Chunk(chunk_id=f"{doc.doc_id}:head", doc_id=doc.doc_id, ordinal=0, text=head, start=0, end=len(head))
    found: list[SentenceEvidence] = []
    for pattern in dict.fromkeys(patterns):
        m = pattern.search(head)
        if m and not any(f.start <= m.start() < f.end for f in found):
            text = m.group(0).strip()
            start = m.start() + m.group(0).find(text)
            found.append(SentenceEvidence(chunk, text, start, start + len(text), text, 1.0, 1.0))
    if vocab.cue("metadata_title", lower) and (pos := doc.clean_text.find(doc.title)) >= 0:
        found.append(SentenceEvidence(chunk, doc.title, pos, pos + len(doc.title), doc.title, 1.0, 1.0))
    return PartAnswer(q, sentences=found) if found else PartAnswer(q, note="no metadata")


def aggregate(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    """Which indicators missed / met their plan, or all targets of a year: a query over the typed table rows.

    A report with no indicator table answers from its prose instead (its sentence listing the targets)."""
    ranked = ranked_documents(state, q, sc, hits)
    if not ranked:
        return PartAnswer(q, note="no document")
    table = [r for r in state.indicators if r.doc_id == ranked[0]]
    vocab, lower = vocabulary(), q.text.lower()
    if not table:
        return _aggregate_in_prose(state, q, sc, hits, ranked[0])
    rows = _table(table)
    if vocab.cue("aggregate_missed", lower) or vocab.cue("aggregate_met", lower):
        want_met = not vocab.cue("aggregate_missed", lower)
        picked = [r for r in (_judged(cells, q.years) for cells in rows) if r and r[1] == want_met]
        return PartAnswer(q, rows=[r for r, _ in picked], note="" if picked else "none")
    years = q.years or [max((c.year for c in table if c.kind != "actual" and c.year), default=0)]
    targets = [RowEvidence(cells[0].indicator, plan) for cells in rows
               if (plan := [c for c in cells if c.kind != "actual" and c.year in years and c.value_text])]
    return PartAnswer(q, rows=targets)


def _aggregate_in_prose(state: State, q: Question, sc: Scope, hits: list[Hit], doc_id: str) -> PartAnswer:
    """The sentence that lists the year's targets ("主要预期目标是：…"), or says which were missed."""
    vocab, lower = vocabulary(), q.text.lower()
    cue = "aggregate_missed" if vocab.cue("aggregate_missed", lower) else "aggregate_all"
    words = [c for c in vocab.cues[cue] if not c.isascii()]
    probe = replace(q, concepts=[words], terms=[t for t in q.terms if t not in sc.ignore])
    years = q.resolved_years(report_year(state, doc_id))
    found = find_passages(probe, _candidates(state, probe, doc_id, hits, 8), sc.ignore, limit=5,
                          rarity=state.search.lexical.rarity, pool=None)
    ry = report_year(state, doc_id)
    # the whole 。-sentence: a list of targets cut at its first ； would drop most of them
    text = state.documents[doc_id].clean_text
    found = [_to_full_stop(s, text) for s in found if _years_fit(s, years, ry)][:1]
    return PartAnswer(q, sentences=found) if found else PartAnswer(q, note="no list")


def _to_full_stop(ev: SentenceEvidence, text: str) -> SentenceEvidence:
    stop = re.compile(r"[。！？\n]").search(text, ev.start)
    end = stop.end() if stop and stop.group(0) != "\n" else (stop.start() if stop else len(text))
    whole = text[ev.start:end]
    return replace(ev, text=whole, end=end, fragment=whole.rstrip("。"))


def _table(cells: list[IndicatorRow]) -> list[list[IndicatorRow]]:
    by_row: dict[tuple[str, int], list[IndicatorRow]] = {}
    for cell in cells:
        by_row.setdefault((cell.doc_id, cell.start), []).append(cell)
    return [by_row[key] for key in sorted(by_row)]


def _judged(cells: list[IndicatorRow], years: list[int]) -> tuple[RowEvidence, bool] | None:
    """(plan and outcome cells, whether the outcome met the plan) for the asked or latest year with both."""
    actual_years = sorted({c.year for c in cells if c.kind == "actual" and c.value is not None and c.year})
    for year in ([y for y in years if y in actual_years] or actual_years[-1:]):
        actual = next(c for c in cells if c.kind == "actual" and c.year == year and c.value is not None)
        plans = [c for c in cells if c.kind != "actual" and c.year == year and c.value is not None]
        if not plans:
            continue
        direction = direction_of(cells[0].indicator)
        if direction == "none":
            return None
        plan = plans[0].value
        met = actual.value <= plan if direction in ("lower", "ceiling") else actual.value >= plan
        return RowEvidence(cells[0].indicator, [plans[0], actual]), met
    return None
