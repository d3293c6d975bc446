"""Text utilities: sentences, decoding bytes, and Chinese tokens (jieba) for the lexical index and matching."""

from __future__ import annotations

import logging
import re
import threading

from planqa.errors import CorruptFileError
from planqa.patterns import SENTENCE

_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
ORPHAN_FREQ = 50  # the joined word must be at least this common in the dictionary: a rarer one is a chance join
_init_lock = threading.Lock()
_ready = False

# Terms of the genre that jieba's dictionary would cut in unhelpful places.
# TODO(vocabulary): most of these are the canonical names of the indicator concepts (qa_service/lexicon.py
# CONCEPTS). The core may not import qa_service, so the list stays here until the concepts move to a data
# file in the core; then load these words from it (plus the few that are not concepts: 专精特新, 小巨人, ...).
DOMAIN_WORDS = (
    "进出口总额", "地区生产总值", "规模工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入",
    "研发投入强度", "城镇新增就业", "城镇调查失业率", "居民人均可支配收入", "粮食总产量", "粮食播种面积",
    "高新技术企业", "专精特新", "小巨人", "专项债", "老旧小区", "空气优良天数", "单位地区生产总值能耗",
)


def _jieba():
    global _ready
    import jieba

    if not _ready:
        with _init_lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                for word in DOMAIN_WORDS:
                    jieba.add_word(word, freq=200000)
                _ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Search-style tokens: words plus their sub-words, lower-cased, punctuation dropped."""
    jieba = _jieba()
    return [t.lower() for t in jieba.cut_for_search(text) if t.strip() and not _PUNCT.match(t)]


def words(text: str) -> list[str]:
    """Plain segmentation (no sub-words), for picking key terms out of a question. A noun jieba leaves on its
    own after a word that took its first character ("以改革为主|线", "专项债|券") is given that character back
    ("主线", "债券"), when the two make a dictionary word."""
    jieba = _jieba()
    out = [t for t in jieba.cut(text) if t.strip() and not _PUNCT.match(t)]
    if not any(len(t) == 1 and _CJK.match(t) for t in out[1:]):
        return out
    import jieba.posseg

    tagged = [(w.word, w.flag) for w in jieba.posseg.cut(text) if w.word.strip() and not _PUNCT.match(w.word)]
    if [w for w, _ in tagged] != out:
        return out  # the two cuts differ: leave the plain one alone
    freq = jieba.dt.FREQ
    for i in range(1, len(tagged)):
        (before, _), (word, flag) = tagged[i - 1], tagged[i]
        if len(word) == 1 and flag == "n" and len(before) >= 2 and freq.get(before[-1] + word, 0) >= ORPHAN_FREQ:
            out[i] = before[-1] + word
    return out


def split_sentences(text: str) -> list[str]:
    """Contiguous pieces of `text`, each ending at a sentence mark; "".join(result) == text."""
    return [m.group(0) for m in SENTENCE.finditer(text) if m.group(0)]


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else GB18030 (which covers GBK/GB2312)."""
    if b"\x00" in data[:4096]:
        raise CorruptFileError("the file holds binary data, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            # A stray NUL further in (a bad export, a truncated copy) is dropped, not kept in the text.
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raise CorruptFileError("the text is neither UTF-8 nor GB18030/GBK; re-save it as UTF-8")
