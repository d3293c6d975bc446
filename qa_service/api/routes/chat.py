"""POST /v1/chat/completions: OpenAI-compatible, answers in the `openai` package's own response types."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from sse_starlette import EventSourceResponse, ServerSentEvent

from planqa.errors import BadQuestionError
from qa_service.api.deps import ServiceDep, reader
from qa_service.api.models import ChatMessage, ChatRequest, message_text
from qa_service.api.routes.ask import segments
from qa_service.schemas import AskResponse

router = APIRouter(tags=["chat"], dependencies=[reader])


def split_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """The last user message is the question; the user/assistant turns before it are the history."""
    last = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    # By position, not by value: a repeated question must not cut the history at its first copy.
    if last is None or not message_text(messages[last].content).strip():
        raise BadQuestionError("the last user message is empty")
    history = [
        {"role": m.role, "content": message_text(m.content)}
        for m in messages[:last]
        if m.role in ("user", "assistant")
    ]
    return message_text(messages[last].content), history


def sources_block(response: AskResponse) -> str:
    if not response.citations:
        return ""
    lines = [f"[{c.id}] {c.title}｜{c.section}：{c.text}" for c in response.citations]
    return "\n\n来源 / Sources:\n" + "\n".join(lines)


def _extra(response: AskResponse) -> dict:
    return {"citations": [c.model_dump(mode="json") for c in response.citations], "found": response.found}


def completion(ident: str, created: int, model: str, response: AskResponse) -> ChatCompletion:
    message = ChatCompletionMessage(role="assistant", content=response.answer + sources_block(response))
    return ChatCompletion(
        id=ident, object="chat.completion", created=created, model=model,
        choices=[Choice(index=0, message=message, finish_reason="stop")],
        usage=CompletionUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0),
        **_extra(response),
    )


def chunks(ident: str, created: int, model: str, response: AskResponse) -> Iterator[ServerSentEvent]:
    def chunk(delta: ChoiceDelta, finish: str | None = None, **extra) -> ServerSentEvent:
        body = ChatCompletionChunk(
            id=ident, object="chat.completion.chunk", created=created, model=model,
            choices=[ChunkChoice(index=0, delta=delta, finish_reason=finish)], **extra,
        )
        return ServerSentEvent(data=body.model_dump_json(exclude_none=True))

    yield chunk(ChoiceDelta(role="assistant", content=""))
    for segment in segments(response.answer + sources_block(response)):
        yield chunk(ChoiceDelta(content=segment))
    yield chunk(ChoiceDelta(), "stop", **_extra(response))
    yield ServerSentEvent(data="[DONE]")


@router.post("/v1/chat/completions", response_model=None)
def chat_completions(req: ChatRequest, service: ServiceDep) -> JSONResponse | EventSourceResponse:
    question, history = split_messages(req.messages)
    response = service.ask(question, history=history)
    ident, created = f"chatcmpl-{uuid.uuid4().hex[:16]}", int(time.time())
    if req.stream:
        return EventSourceResponse(chunks(ident, created, req.model, response), sep="\n")
    body = completion(ident, created, req.model, response)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True))
