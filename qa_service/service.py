"""`QAService.ask`: a question (with history and filters) in, a cited answer or a plain 'not found' out."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

from planqa.chinese_numerals import arabic_years
from planqa.errors import BadQuestionError, NoDocumentsError
from planqa.records import Document, IndicatorRow
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex
from qa_service import pipeline
from qa_service.compose import not_found_message
from qa_service.limits import check_history, check_question
from qa_service.pipeline import State
from qa_service.query import Question, analyse
from qa_service.retrieval import HybridSearch
from qa_service.schemas import AskResponse, Filters
from qa_service.snapshot import SnapshotHolder, pinned


class QAService:
    def __init__(
        self,
        settings: Settings | None = None,
        embeddings: Embeddings | None = None,
        sql: SqlStore | None = None,
        vectors: VectorIndex | None = None,
    ) -> None:
        self.settings = settings or Settings()
        if embeddings is None:
            from planqa.embedding.model import load_embeddings

            embeddings = load_embeddings(self.settings)
        self.embeddings = embeddings
        self.sql = sql or SqlStore(self.settings.sqlalchemy_url)
        self.vectors = vectors or VectorIndex(self.settings, embeddings)
        self.state = SnapshotHolder(self.settings, self.sql, self.vectors)
        self.search = HybridSearch(self.sql, self.vectors, lexical=lambda: self.state.view().lexical)
        self._llm = None
        self.refresh()

    # ---- state (qa_service/snapshot.py) ----------------------------------------------------------
    def refresh(self) -> None:
        """Pick up documents ingested or removed by any process (one SQL read when nothing changed)."""
        self.state.refresh()

    @property
    def _documents(self) -> Mapping[str, Document]:
        return self.state.view().documents

    @property
    def _indicators(self) -> Sequence[IndicatorRow]:
        return self.state.view().indicators

    def health(self) -> dict[str, Any]:
        """Store reachable, generations (store and snapshot), documents count, and an overall status."""
        return self.state.health()

    @property
    def documents(self) -> list[Document]:
        self.refresh()
        return list(self._documents.values())

    def clean_text(self, doc_id: str) -> str:
        return self._documents[doc_id].clean_text

    # ---- asking ----------------------------------------------------------------------------------
    def validate(self, question: str) -> str:
        question = arabic_years(unicodedata.normalize("NFKC", question or ""))
        question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
        if not question:
            raise BadQuestionError("the question is empty")
        check_question(question, self.settings)
        return question

    @pinned
    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        top_k: int | None = None,
        filters: Filters | dict | None = None,
    ) -> AskResponse:
        """analyse → scope → retrieve → select evidence → compose → verify, each step timed."""
        question, filters = self._admit(question, history, filters)
        state = State(self._documents, self._indicators, self.search, self.embeddings)
        clock = _Clock()
        q = clock.run("analyse", analyse, question, history)
        check_question(q.text, self.settings, "the question with its follow-up resolved")
        if not any(ch.isalnum() for ch in question):
            return self._not_found(q, "问题里没有可查询的内容", clock)
        sc = clock.run("scope", pipeline.scope, state, q, filters)
        if sc.refusal:
            return self._not_found(q, sc.refusal, clock)
        got = clock.run("retrieve", pipeline.retrieve, state, q, sc, top_k or self.settings.top_k)
        q = got.question or q
        sel = clock.run("select", pipeline.select, state, q, sc, got)
        if not sel.found:
            return self._not_found(q, _missing(q), clock, pipeline.related_citations(state, sel.related))
        composed = clock.run("compose", pipeline.compose_answer, state, q, sc, sel)
        if clock.run("verify", pipeline.verify, state, composed):
            return self._not_found(q, "找到的段落无法核实答案中的数字", clock)
        answer = composed.answer
        if not sel.complete:
            # the parts found are shown with the parts missing said plainly, but the question is not answered
            return self._not_found(q, "", clock, composed.citations, partial=answer)
        if self.settings.llm_base_url:
            answer = clock.run("llm", self._rewrite, q, answer, composed.citations)
        return AskResponse(
            answer=answer, found=True, citations=composed.citations,
            indicators=[c for p in sel.parts for r in p.rows for c in r.cells],
            timings_ms=clock.timings(), question=question, resolved_question=q.text, kind=q.kind,
        )

    def _admit(
        self, question: str, history: list[dict] | None, filters: Filters | dict | None
    ) -> tuple[str, Filters | None]:
        """The question cleaned and within limits, the history checked, the documents current (at least one),
        the filters parsed: what `ask` needs before it starts."""
        question = self.validate(question)
        check_history(history, self.settings)
        self.refresh()
        if not self._documents:
            raise NoDocumentsError("no documents are ingested yet; run `planqa ingest PATH` or upload a report")
        if isinstance(filters, dict):
            filters = Filters(**filters)
        return question, filters

    def _rewrite(self, q: Question, answer: str, citations) -> str:
        from qa_service.llm import rewrite_with_llm

        return rewrite_with_llm(self.settings, q, answer, citations, self.clean_text)

    def _not_found(
        self, q: Question, what: str, clock: _Clock, related: list | None = None, partial: str = ""
    ) -> AskResponse:
        message = not_found_message(q.lang, "" if q.lang == "en" else what)
        if partial:
            message = (f"The documents answer only part of the question. {partial}" if q.lang == "en"
                       else f"文档只回答了问题的一部分。{partial}")
        return AskResponse(
            answer=message,
            found=False, related=related or [], timings_ms=clock.timings(), question=q.original,
            resolved_question=q.text, kind=q.kind,
        )


def _missing(q: Question) -> str:
    years = "、".join(str(y) for y in q.years)
    return f"没有{years + '年' if years else ''}相关的数据或表述"


class _Clock:
    """Runs the pipeline's steps and keeps each one's milliseconds for `timings_ms`."""

    def __init__(self) -> None:
        self.began = time.perf_counter()
        self._ms: dict[str, float] = {}

    def run(self, step: str, fn, *args):
        t = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self._ms[f"{step}_ms"] = (time.perf_counter() - t) * 1000

    def timings(self) -> dict[str, float]:
        total = (time.perf_counter() - self.began) * 1000
        return {k: round(v, 1) for k, v in {**self._ms, "total_ms": total}.items()}
