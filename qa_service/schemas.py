"""The request and response shapes of the QA service, shared by Python callers and the HTTP API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planqa.records import Citation, IndicatorRow

# Strict: "5" or true is not a top_k, and a client that sends them has a bug worth seeing.
STRICT = ConfigDict(strict=True)


class Turn(BaseModel):
    model_config = STRICT

    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=20000)


class Filters(BaseModel):
    model_config = STRICT

    doc_id: str | None = None
    region: str | None = None
    year: int | None = None


class AskRequest(BaseModel):
    model_config = STRICT

    question: str = Field(min_length=1, description="The question, Chinese or English.")
    history: list[Turn] = Field(default_factory=list, max_length=50)
    top_k: int | None = Field(None, ge=1, le=50)
    filters: Filters | None = None


class AskResponse(BaseModel):
    answer: str
    found: bool
    citations: list[Citation] = Field(default_factory=list)
    indicators: list[IndicatorRow] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    question: str = ""
    resolved_question: str = ""
    kind: str = Field("", description="figure | descriptive | aggregate | comparison | metadata")
    related: list[Citation] = Field(
        default_factory=list, description="with found=false: the nearest passages, offered as related reading only"
    )
