"""Bounds on the work one question may cause: its history, and the question actually searched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planqa.errors import HistoryTooLongError, QuestionTooLongError
from planqa.settings import Settings


def _content(turn: Any) -> str:
    content = turn.get("content") if isinstance(turn, dict) else getattr(turn, "content", "")
    return content if isinstance(content, str) else str(content or "")


def check_history(history: Sequence[Any] | None, settings: Settings) -> None:
    """Follow-ups copy earlier turns into the search, so their size is the question's size too."""
    turns = list(history or [])
    if len(turns) > settings.max_history_turns:
        raise HistoryTooLongError(
            f"the history has {len(turns)} turns; the limit is {settings.max_history_turns}"
        )
    total = 0
    for turn in turns:
        size = len(_content(turn))
        if size > settings.max_history_message_chars:
            raise HistoryTooLongError(
                f"an earlier turn has {size} characters; the limit is {settings.max_history_message_chars}"
            )
        total += size
    if total > settings.max_history_chars:
        raise HistoryTooLongError(
            f"the history has {total} characters; the limit is {settings.max_history_chars}"
        )


def check_question(text: str, settings: Settings, what: str = "the question") -> None:
    if len(text) > settings.max_question_chars:
        raise QuestionTooLongError(
            f"{what} has {len(text)} characters; the limit is {settings.max_question_chars}"
        )
