"""`QAService.ask`: a question (with history and filters) in, a cited answer or a plain 'not found' out."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

from planqa.errors import BadQuestionError, NoDocumentsError
from planqa.records import Document, IndicatorRow
from planqa.regions import ENGLISH, province_in, provinces_named
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex
from qa_service.citation_check import problems
from qa_service.compose import compose, not_found_message
from qa_service.evidence import find_rows, find_sentences
from qa_service.query import Question, analyse
from qa_service.retrieval import Hit, HybridSearch
from qa_service.schemas import AskResponse, Filters
from qa_service.snapshot import SnapshotHolder, pinned

REGION_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市|区|县)$")


def region_aliases(region: str) -> set[str]:
    """'株洲市天元区' → {'株洲市天元区', '天元区', '天元', '株洲市', '株洲'}; '北京市' → {'北京市', '北京'}."""
    aliases = {region}
    for part in re.findall(r"[\u4e00-\u9fff]+?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|区|县|州)", region):
        aliases.add(part)
        short = REGION_SUFFIX.sub("", part)
        if len(short) >= 2:
            aliases.add(short)
    short = REGION_SUFFIX.sub("", region)
    if len(short) >= 2:
        aliases.add(short)
    province = province_in(region)
    if province:
        aliases.add(ENGLISH[province])
    return {a for a in aliases if a}


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
        question = unicodedata.normalize("NFKC", question or "")
        question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
        if not question:
            raise BadQuestionError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise BadQuestionError(
                f"the question has {len(question)} characters; the limit is {self.settings.max_question_chars}"
            )
        return question

    @pinned
    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        top_k: int | None = None,
        filters: Filters | dict | None = None,
    ) -> AskResponse:
        began = time.perf_counter()
        timings: dict[str, float] = {}
        question = self.validate(question)
        self.refresh()
        if not self._documents:
            raise NoDocumentsError("no documents are ingested yet; run `planqa ingest PATH` or upload a report")
        if isinstance(filters, dict):
            filters = Filters(**filters)
        q = analyse(question, history)
        if not any(ch.isalnum() for ch in question):
            return self._not_found(q, "问题里没有可查询的内容", began, timings)

        unknown = self._unknown_regions(q)
        if unknown:
            return self._not_found(q, f"没有{'、'.join(sorted(unknown))}的报告", began, timings)
        scope = self._scope(q, filters)
        if not scope:
            return self._not_found(q, "没有符合条件的文档", began, timings)

        t = time.perf_counter()
        vector = self.embeddings.embed_query(q.text)
        timings["embed_ms"] = (time.perf_counter() - t) * 1000
        lexical = " ".join([q.lexical, *(alias for c in q.concepts for alias in c[:3])])
        t = time.perf_counter()
        k = top_k or self.settings.top_k
        # The whole fused pool decides which report answers; a report must not lose for ranking ninth.
        hits = self.search.search(q.text, lexical, max(k, 40), set(scope), query_vector=vector)
        timings["retrieve_ms"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        answer_doc = self._answer_document(q, scope, hits)
        doc = self._documents[answer_doc]
        years = q.resolved_years(doc.report_date.year if doc.report_date else None)
        if filters and filters.year:
            years = sorted(set(years) | {filters.year})
        if q.relative and not doc.report_date and not q.years:
            return self._not_found(q, "无法确定“今年/去年”指哪一年", began, timings)
        ignore = set().union(*(region_aliases(self._documents[d].region) for d in scope if self._documents[d].region))
        doc_hits = self._candidates(q, answer_doc, [h for h in hits if h.chunk.doc_id == answer_doc][:k])
        rows = find_rows(q, [r for r in self._indicators if r.doc_id == answer_doc], years)
        sentences = find_sentences(
            q, doc_hits, years, ignore, limit=2 if rows else 3, rarity=self.search.lexical.rarity
        )
        sentences = _drop_weak(sentences, bool(rows))
        timings["select_ms"] = (time.perf_counter() - t) * 1000
        if not rows and not sentences:
            what = "没有" + (f"{'、'.join(str(y) for y in years)}年" if years else "") + "相关的数据或表述"
            return self._not_found(q, what, began, timings)

        answer, citations = compose(rows, sentences, self._documents, q.lang, name_documents=len(scope) > 1)
        issues = problems(answer, citations, self.clean_text)
        if issues:
            return self._not_found(q, "找到的段落无法核实答案中的数字", began, timings)
        if self.settings.llm_base_url:
            t = time.perf_counter()
            answer = self._rewrite(q, answer, citations)
            timings["llm_ms"] = (time.perf_counter() - t) * 1000
        timings["total_ms"] = (time.perf_counter() - began) * 1000
        return AskResponse(
            answer=answer,
            found=True,
            citations=citations,
            indicators=[c for r in rows for c in r.cells],
            timings_ms={k: round(v, 1) for k, v in timings.items()},
            question=question,
            resolved_question=q.text,
        )

    def _candidates(self, q: Question, doc_id: str, hits: list[Hit]) -> list[Hit]:
        """Retrieved chunks of the answering report, plus its other chunks that name what was asked.

        Within one report a scan is cheap, and it keeps a figure from being missed because the passage
        ranked ninth instead of eighth.
        """
        ranked = [h for h in hits if h.chunk.doc_id == doc_id]
        seen = {h.chunk.chunk_id for h in ranked}
        names = [a.lower() for c in q.concepts for a in c] or [t.lower() for t in q.terms if len(t) >= 2]
        for chunk in self.search.lexical.by_doc.get(doc_id, []):
            if chunk.chunk_id not in seen and any(n in chunk.text.lower() for n in names):
                ranked.append(Hit(chunk, 0.0))
        return ranked

    def _rewrite(self, q: Question, answer: str, citations) -> str:
        from qa_service.llm import rewrite_with_llm

        return rewrite_with_llm(self.settings, q, answer, citations, self.clean_text)

    def _not_found(self, q: Question, what: str, began: float, timings: dict[str, float]) -> AskResponse:
        timings["total_ms"] = (time.perf_counter() - began) * 1000
        if q.lang == "en":
            what = ""
        return AskResponse(
            answer=not_found_message(q.lang, what),
            found=False,
            timings_ms={k: round(v, 1) for k, v in timings.items()},
            question=q.original,
            resolved_question=q.text,
        )

    def _unknown_regions(self, q: Question) -> set[str]:
        """Provinces the question names that no stored report covers (their figures must not be borrowed)."""
        named = provinces_named(q.text)
        if not named:
            return set()
        covered = {province_in(d.region) for d in self._documents.values() if d.region}
        covered |= {province_in(d.title) for d in self._documents.values()}
        # A district report ("株洲市天元区") covers questions that name its city, not its province.
        text = q.text.lower()
        return {p for p in named if p not in covered and not any(
            alias.lower() in text for d in self._documents.values() if d.region for alias in region_aliases(d.region)
        )}

    def _scope(self, q: Question, filters: Filters | None) -> list[str]:
        docs = list(self._documents.values())
        if filters and filters.doc_id:
            docs = [d for d in docs if d.doc_id == filters.doc_id]
        if filters and filters.region:
            docs = [d for d in docs if filters.region in d.region or d.region in filters.region]
        if filters and filters.year:
            docs = [d for d in docs if filters.year in d.years or (d.report_date and d.report_date.year == filters.year)]
        if len(docs) > 1:
            text = q.text.lower()
            named = [d for d in docs if d.region and any(a.lower() in text for a in region_aliases(d.region))]
            if named:
                docs = named
        return [d.doc_id for d in docs]

    def _answer_document(self, q: Question, scope: list[str], hits) -> str:
        """The one report to answer from: the best-ranked, nudged by the years and intent asked about."""
        if len(scope) == 1:
            return scope[0]
        weight: dict[str, float] = {}
        for hit in hits:
            weight[hit.chunk.doc_id] = weight.get(hit.chunk.doc_id, 0.0) + hit.score
        if not weight:
            return scope[0]
        if q.years:
            year = q.years[-1]
            for doc_id in weight:
                doc = self._documents[doc_id]
                report_year = doc.report_date.year if doc.report_date else (max(doc.years) if doc.years else None)
                if report_year is None:
                    continue
                # A report delivered in year R reviews R-1 and sets targets for R.
                if q.intent == "plan" and report_year == year or q.intent in ("actual", "review", "any") and report_year == year + 1:
                    weight[doc_id] *= 2.0
                elif report_year not in (year, year + 1):
                    weight[doc_id] *= 0.3
        return max(weight, key=weight.get)


def _drop_weak(sentences, have_rows: bool):
    if not sentences:
        return sentences
    best = sentences[0].score
    kept = [s for s in sentences if s.score >= best - 0.25]
    if have_rows:
        kept = [s for s in kept if s.coverage >= 0.99]
    return kept
