"""Key terms picked out of a question: a one-character noun that jieba strands after a word that took its first
character gets that character back, so the term the report uses can be matched."""

from __future__ import annotations

from planqa.text import words


def test_a_stranded_noun_gets_its_first_character_back() -> None:
    assert "主线" in words("今年以推进改革为主线开展工作")
    assert "债券" in words("发行地方专项债券")


def test_a_verb_or_common_word_is_left_as_cut() -> None:
    assert words("预期目标有哪些") == ["预期", "目标", "有", "哪些"]
    assert words("增长多少") == ["增长", "多少"]
