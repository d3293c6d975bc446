"""Document metadata: who presented the report, at which meeting, when, and its title."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planqa.records import Chunk
from qa_service.answerers.reports import ranked_documents, report_year
from qa_service.compose import PartAnswer
from qa_service.evidence import SentenceEvidence
from qa_service.outline import report_parts
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
ISSUER = re.compile(rf"^(?:{ORGAN}[ \u3000]*){{1,8}}$|^{ORGAN}(?=关于)", re.M)
DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# a collected copy's own header ("发布日期：2026-02-10"): when the text was made public, not when it was delivered
RELEASE = re.compile(r"^(?:发布日期|发布时间|公布日期|发文日期|成文日期)[：:][ \u3000]*[^\n]+", re.M)
CUE_PATTERNS = (
    ("metadata_presenter", (PRESENTER, MEETING)),
    ("metadata_meeting", (MEETING,)),
    ("metadata_venue", (VENUE,)),
    ("metadata_release", (RELEASE,)),
    ("metadata_date", (MEETING, DATE)),
    ("metadata_docno", (DOC_NUMBER,)),
    ("metadata_issuer", (ISSUER,)),
)


def metadata(state: State, q: Question, sc: Scope, hits: list[Hit]) -> PartAnswer:
    """Who presented the report (or issued the notice), at which meeting, when, its number and its title:
    from the document's opening lines."""
    ranked = ranked_documents(state, q, sc, hits) or list(sc.doc_ids)
    if q.years:  # "2025年政府工作报告是谁作的": the year names the report itself
        ranked = [d for d in ranked if report_year(state, d) in q.years]
    if not ranked:
        return PartAnswer(q, note="no document")
    doc = state.documents[ranked[0]]
    head = doc.clean_text[:HEAD_CHARS]
    vocab, lower = vocabulary(), q.text.lower()
    if asks_report_parts(lower):
        return report_parts(q, doc)
    patterns = [p for cue, ps in CUE_PATTERNS for p in ps if vocab.cue(cue, lower)]
    chunk = Chunk(chunk_id=f"{doc.doc_id}:head", doc_id=doc.doc_id, ordinal=0, text=head, start=0, end=len(head))
    found: list[SentenceEvidence] = []
    for pattern in dict.fromkeys(patterns):
        m = pattern.search(head)
        if m and not any(f.start <= m.start() < f.end for f in found):
            whole = m.group("v") if "v" in pattern.groupindex else m.group(0)
            text = whole.strip()
            start = (m.start("v") if "v" in pattern.groupindex else m.start()) + whole.find(text)
            found.append(SentenceEvidence(chunk, text, start, start + len(text), text, 1.0, 1.0))
    if vocab.cue("metadata_title", lower) and (pos := doc.clean_text.find(doc.title)) >= 0:
        found.append(SentenceEvidence(chunk, doc.title, pos, pos + len(doc.title), doc.title, 1.0, 1.0))
    return PartAnswer(q, sentences=found) if found else PartAnswer(q, note="no metadata")
