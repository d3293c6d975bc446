"""Request shapes of the OpenAI-compatible endpoint (the answer shapes are the `openai` package's own types)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr


class ChatMessage(BaseModel):
    # Clients send fields PlanQA does not use (name, tool_calls); they are ignored, not refused.
    model_config = ConfigDict(strict=True, extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: StrictStr | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")

    model: StrictStr = "planqa"
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: StrictBool = False


def message_text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content or ""
