"""Which of a document's own fields a question asks: who presented or issued it, at which meeting, where,
when it was signed, made public or takes effect, its number, its title. The cue words are the vocabulary's
(`metadata_*`); the patterns that find each field in a document are the metadata answerer's."""

from __future__ import annotations

import re

from qa_service.vocabulary import vocabulary

FIELD_CUES = ("metadata_presenter", "metadata_who", "metadata_meeting", "metadata_venue", "metadata_release",
              "metadata_effective", "metadata_date", "metadata_docno", "metadata_issuer", "metadata_title")
# "由谁", "哪个部门", "哪天" ask of the document only with a verb of issuing or presenting ("由谁印发",
# "哪两个部门联合发的", "哪天发布"); else they ask who does something, or when, as the text says it
NEED_VERB = frozenset({"metadata_who", "metadata_issuer", "metadata_date"})
# "什么时候开始施行" asks when it takes effect, "什么时候发布" when it was made public: not its date as such
SUBSUMES = {"metadata_effective": "metadata_date", "metadata_release": "metadata_date"}
REPORTED = re.compile(r"谁[^，,。？?]{0,12}(?<!工作)报告")
COUNTED_WHICH = re.compile(r"哪[两二三四五六七八九十]个")  # "哪两个部门": which ones, however many


def asked_fields(text: str) -> list[str]:
    """The fields asked, in FIELD_CUES order."""
    vocab = vocabulary()
    lower = COUNTED_WHICH.sub("哪几个", text.lower())
    # 作报告 in 工作报告 is not a verb of presenting; "由谁在大会上报告" is
    issued = vocab.cue("metadata_published", lower.replace("工作", "")) or bool(REPORTED.search(lower))
    asked = [f for f in FIELD_CUES if vocab.cue(f, lower) and (issued or f not in NEED_VERB)]
    dropped = {SUBSUMES[f] for f in asked if f in SUBSUMES}
    return [f for f in asked if f not in dropped]
