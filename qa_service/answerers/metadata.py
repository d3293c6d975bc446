"""Document metadata: who presented the report, at which meeting, when, and its title."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planqa.records import Chunk, Document
from qa_service.answerers.reports import ranked_documents, report_year
from qa_service.compose import PartAnswer
from qa_service.evidence import UNSEEN_WEIGHT, SentenceEvidence
from qa_service.metadata_cues import FIELD_CUES, asked_fields
from qa_service.outline import report_parts
from qa_service.places import places_named
from qa_service.query import Question, asks_report_parts
from qa_service.retrieval import Hit
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.pipeline import Scope, State

HEAD_CHARS = 1500  # where a report states who presents it, where and when
# "上海市市长 龚 正", "国务院总理 李强", "株洲市天元区发展和改革局局长 周高林": an office, then a name
# (the name may stand on the next line: "国务院总理　\n李克强"), or a line holds only the office and the name
PRESENTER = re.compile(
    r"[^\n。，]{0,30}(?:长|主席|总理|主任|书记)(?:[ \u3000]*\n?[ \u3000]*(?<=[ \u3000\n])[\u4e00-\u9fff]"
    r"(?:[ \u3000]?[\u4e00-\u9fff]){1,3}(?:[·•・][\u4e00-\u9fff]{1,8})*(?![\u4e00-\u9fff])"
    r"|[\u4e00-\u9fff]{2,4}(?:[·•・][\u4e00-\u9fff]{1,8})*(?=\n))"  # "艾尔肯·吐尼亚孜": a name in parts
)
MEETING = re.compile(r"[^\n。]{0,40}(?:人民代表大会|人大)[^\n。]{0,30}会议[^\n。]{0,30}")
VENUE = re.compile(r"[^\n。]{0,40}会议在[^\n。，]{2,12}(?:开幕|召开|举行)")  # "…第四次会议在银川开幕": where
# a notice's own number ("财建〔2013〕644号", "许政[2009]34号"), its issuing bodies, its date
DOC_NUMBER = re.compile(r"(?:[\u4e00-\u9fff]*文件)?(?P<v>[\u4e00-\u9fff]{1,5}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号)")
ORGAN = r"[\u4e00-\u9fff（）()]{2,30}?(?:部|委员会|委|局|厅|政府|院|署|办公室|办公厅|中心|银行|总局)"
# a line of issuing bodies, or the signature's lines of them ("中国人民银行\n财政部"), or one before 关于
ISSUER = re.compile(rf"^{ORGAN}(?:(?:[ \u3000]+|[ \u3000]*\n){ORGAN}){{0,7}}[ \u3000]*$|^{ORGAN}(?=关于)", re.M)
# the issuers' line joined to the title line by the cleaning ("…贴息办法》的通知某市财政局 某市工信局")
ISSUER_AFTER_TITLE = re.compile(rf"^[^\n]{{4,120}}?(?:通知|意见|决定|办法|规定|细则|方案)(?P<v>(?:{ORGAN}[ \u3000]*){{1,8}})$",
                                re.M)
DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# a collected copy's own header ("发布日期：2026-02-10", "【发布日期】2005-09-01"): when the text was made
# public, not when it was delivered
def _dated_field(names: str) -> re.Pattern[str]:
    """A header field with a date ("发布日期：2026-02-10", "【发布日期】2005-09-01", "生效日期 2019-04-06")."""
    return re.compile(rf"(?:^|(?<=[【 \u3000]))【?(?:{names})(?:】|[：:]|[ \u3000])[ \u3000]*(?:19|20)\d{{2}}[^\n【 \u3000]*", re.M)


RELEASE = _dated_field("发布日期|发布时间|公布日期|发文日期|成文日期")
# the date a notice is signed: a line of its own after the body ("二OO三年四月二十八日", read as 2003年4月28日)
SIGNED = re.compile(r"^[ \u3000]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[ \u3000]*$", re.M)
# "…经2003年4月14日农业部常务会议审议通过", "已经市政府第51常务会议研究通过": the meeting that passed it
PASSED_AT = re.compile(r"[^\n。，,；;]{0,40}会议[^\n。，,；;]{0,8}?通过")
# "自2012年5月1日起施行", "本办法自发布之日起施行": when it takes effect
EFFECTIVE = re.compile(r"[^\n。，,；;]{0,20}自[^\n。，,；;]{0,16}?(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
                       r"|[发公颁印]布之日|印发之日)起[^\n。，,；;]{0,4}?(?:施行|执行|实施|生效)")
# "国家环境保护总局令第24号": a government order's number
ORDER_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,20}令\s*[（(]?第[ \u3000]*\d+[ \u3000]*号")  # the number may be on the next line
# each field asked, by its cue, and where the document states it; the first pattern that matches answers it
FIELDS = (
    ("metadata_presenter", (PRESENTER, MEETING)),
    ("metadata_who", (PRESENTER, MEETING, ISSUER_AFTER_TITLE, ISSUER)),  # a report's meeting line names who presented it
    ("metadata_meeting", (MEETING, PASSED_AT)),
    ("metadata_venue", (VENUE,)),
    ("metadata_release", (RELEASE, SIGNED)),
    ("metadata_effective", (_dated_field("生效日期|施行日期|实施日期"), EFFECTIVE)),
    ("metadata_date", (MEETING, RELEASE, SIGNED, DATE)),
    ("metadata_docno", (DOC_NUMBER, ORDER_NUMBER)),
    ("metadata_issuer", (ISSUER_AFTER_TITLE, ISSUER)),
)
# fields that quote every pattern found: who presented it, and at which meeting
EVERY_PATTERN = frozenset({"metadata_presenter"})


def metadata(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    """Who presented the report (or issued the notice), at which meeting, when, its number and its title:
    from the document's opening lines."""
    ranked = ranked_documents(state, q, sc, hits) or list(sc.doc_ids)
    if q.years:  # "2025年政府工作报告是谁作的": the year names the report itself
        ranked = [d for d in ranked if report_year(state, d) in q.years]
    if not q.years:  # a year and a place name a report; else the words must describe the document asked:
        # "who issued the opinions on budget reform" is not answered by another notice of that province
        words = {w: state.search.lexical.rarity(w) for w in _describing_words(state, q, sc)}
        ranked = [d for d in ranked if _describes(words, state.documents[d].clean_text)]
    if not ranked:
        return PartAnswer(q, note="no document")
    doc = state.documents[ranked[0]]
    head = doc.clean_text[:HEAD_CHARS]
    vocab, lower = vocabulary(), q.text.lower()
    if asks_report_parts(lower):
        return report_parts(q, doc)
    asked = asked_fields(q.text)
    chunk = Chunk(chunk_id=f"{doc.doc_id}:head", doc_id=doc.doc_id, ordinal=0, text=head, start=0, end=len(head))
    found: list[SentenceEvidence] = []
    for field_name, patterns in FIELDS:
        if field_name not in asked or (field_name == "metadata_date" and any(DATE.search(f.text) for f in found)):
            continue  # "哪天、经什么会议通过": the meeting's own line gives its date
        stated, said = _stated(state, doc, head, chunk, patterns, found, every=field_name in EVERY_PATTERN)
        if not stated:
            return PartAnswer(q, note=f"no {field_name.removeprefix('metadata_')}")  # a part asked is not there
        found += said
    if vocab.cue("metadata_title", lower) and (pos := doc.clean_text.find(doc.title)) >= 0:
        found.append(SentenceEvidence(chunk, doc.title, pos, pos + len(doc.title), doc.title, 1.0, 1.0))
    return PartAnswer(q, sentences=found) if found else PartAnswer(q, note="no metadata")


def _stated(state: State, doc: Document, head: str, chunk: Chunk, patterns: tuple[re.Pattern[str], ...],
            found: list[SentenceEvidence], every: bool = False) -> tuple[bool, list[SentenceEvidence]]:
    """Whether the document states the field, and the new quotes that say it: the first of `patterns` (or
    `every` one) its opening matches (its whole text, for when it takes effect: the last article says it). A
    match inside a quote already found ("是谁作的": presenter and who) states it without a quote of its own."""
    out: list[SentenceEvidence] = []
    stated = False
    for pattern in patterns:
        text = doc.clean_text if pattern is EFFECTIVE else head
        m = pattern.search(text)
        if not m:
            continue
        if any(f.start <= m.start() < f.end for f in [*found, *out]):
            stated = True
            continue
        whole = m.group("v") if "v" in pattern.groupindex else m.group(0)
        quote = whole.strip()
        start = (m.start("v") if "v" in pattern.groupindex else m.start()) + whole.find(quote)
        at = chunk if start + len(quote) <= len(head) else _chunk_at(state, doc.doc_id, start)
        if at is not None:
            out.append(SentenceEvidence(at, quote, start, start + len(quote), quote, 1.0, 1.0))
            if not every:
                break
    return stated or bool(out), out


def _chunk_at(state: State, doc_id: str, offset: int) -> Chunk | None:
    return next((c for c in state.search.lexical.chunks_of(doc_id) if c.start <= offset < c.end), None)


DESCRIBED_SHARE = 0.6  # of the question's own words the document must hold to be the one it asks about


def _describing_words(state: State, q: Question, sc: Scope) -> list[str]:
    """The question's words that say which document: not the place, not the field asked ("会议", "文号"),
    not a word no document holds (jieba's "上作" of "会议上作的")."""
    cues = sorted({c for name in (*FIELD_CUES, "metadata_published") for c in vocabulary().cues.get(name, ())},
                  key=len, reverse=True)
    rest = q.text.lower()
    for cue in cues:  # "哪次会议上作的" asks; what is left of the question describes the document
        rest = rest.replace(cue, " ")
    places = set(places_named(q.text))
    return [t for t in q.terms if len(t) >= 2 and t not in sc.ignore and t not in places and t not in cues
            and (q.lang == "en" or t.lower() in rest) and state.search.lexical.rarity(t) < UNSEEN_WEIGHT]


def _describes(words: dict[str, float], text: str) -> bool:
    """The document holds most of the describing words, weighed by how rare each is ("增值税" over "通知")."""
    lower = text.lower()
    return not words or sum(w for t, w in words.items() if t.lower() in lower) >= DESCRIBED_SHARE * sum(words.values())
