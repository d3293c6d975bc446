"""Chinese tokens for the lexical index and for matching questions to evidence (jieba)."""

from __future__ import annotations

import logging
import re
import threading

_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
_init_lock = threading.Lock()
_ready = False

# Terms of the genre that jieba's dictionary would cut in unhelpful places.
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
    """Plain segmentation (no sub-words), for picking key terms out of a question."""
    jieba = _jieba()
    return [t for t in jieba.cut(text) if t.strip() and not _PUNCT.match(t)]
