"""Lexical search inside PostgreSQL: BM25 over the chunks' stored jieba tokens, computed in SQL.

Revision 0004 (PostgreSQL only) gives `chunks` two generated columns, `tsv` (`to_tsvector('simple', tokens)`,
GIN-indexed) and `n_tokens` (the chunk's length in tokens), a table `lexical_terms` (term → the number of
chunks holding it) and a row `lexical_totals` (chunks and tokens in all). Every write keeps both in its own
transaction (`count_terms`), so a term's document frequency is one indexed read and no reader ever scans
the corpus for its statistics.

A query is scored with rank_bm25's Okapi formula (k1=1.5, b=0.75, negative idf floored at 0.25 × the mean idf
of the vocabulary), with tf read from the tsvector's positions. Where it differs from the in-memory index:
the `simple` parser keeps a number and drops a trailing sign ("5.5%" → "5.5"), and only the candidates of a
query's rarer terms are scored (see `candidates`), so a chunk holding none of them is not ranked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from planqa.records import Chunk
from planqa.stores.schema import chunk_from_row

K1, B, EPSILON = 1.5, 0.75, 0.25
# Postings scored per query at most: the rarer terms' chunks until this many, else the chunks holding all the
# terms (a common word alone, "发展", is scored on this many of its chunks). A candidate costs ~20 µs, mostly
# reading its tsvector: 5,000 keep a query under ~100 ms at 750k chunks (20,000: ~400 ms, measured).
CANDIDATE_BUDGET = 5_000
_WRITE_LOCK_KEY = 7_061_696_702  # serialises the df updates of concurrent writers (no deadlock on term rows)


def enabled(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "postgresql"


def lock_writes(conn: Connection) -> None:
    """Take the writers' lock for this transaction (only one transaction updates `lexical_terms` at a time)."""
    if enabled(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})


def count_terms(conn: Connection, doc_ids: Sequence[str], sign: int) -> None:
    """Add (+1, after the chunks are inserted) or subtract (-1, before they are deleted) the documents' chunks
    to the document frequencies. Call after `lock_writes`, inside the transaction of the write."""
    if not enabled(conn) or not doc_ids:
        return
    conn.execute(text("UPDATE lexical_totals SET chunks = chunks + :sign * c.n, tokens = tokens + :sign * c.t "
                      "FROM (SELECT count(*) AS n, coalesce(sum(n_tokens), 0) AS t FROM chunks "
                      "WHERE doc_id = ANY(:ids)) c"), {"sign": sign, "ids": list(doc_ids)})
    counts = ("SELECT lexeme AS term, count(*) AS n FROM chunks, unnest(tsv) "
              "WHERE doc_id = ANY(:ids) GROUP BY lexeme")
    if sign > 0:
        conn.execute(text(f"INSERT INTO lexical_terms AS t (term, df) SELECT term, n FROM ({counts}) c "
                          "ORDER BY term ON CONFLICT (term) DO UPDATE SET df = t.df + EXCLUDED.df"),
                     {"ids": list(doc_ids)})
        return
    left = conn.execute(text(f"UPDATE lexical_terms t SET df = t.df - c.n FROM ({counts}) c "
                             "WHERE t.term = c.term RETURNING t.term, t.df"), {"ids": list(doc_ids)})
    gone = [term for term, df in left if df <= 0]
    if gone:
        conn.execute(text("DELETE FROM lexical_terms WHERE term = ANY(:terms) AND df <= 0"), {"terms": gone})


@dataclass(frozen=True)
class Corpus:
    """What BM25 needs of the whole corpus, read once per snapshot generation."""

    n_chunks: int
    avgdl: float
    floor: float  # the idf given to terms in more than half the chunks
    max_idf: float

    def idf(self, df: int) -> float:
        # a term read after the snapshot's totals may be in more chunks than they count: floored, not an error
        raw = math.log(max(self.n_chunks - df + 0.5, 0.5) / (df + 0.5))
        return self.floor if raw < 0 else raw


def corpus(engine: Engine) -> Corpus:
    with engine.connect() as conn:
        n, tokens = conn.execute(text("SELECT chunks, tokens FROM lexical_totals")).one()
        mean, least = conn.execute(
            text("SELECT avg(ln(greatest(:n - df + 0.5, 0.5) / (df + 0.5))), min(df) FROM lexical_terms"),
            {"n": n}).one()
    n = int(n)
    stats = Corpus(n, int(tokens) / n if n else 0.0, EPSILON * float(mean or 0.0), 0.0)
    return replace(stats, max_idf=stats.idf(int(least)) if least is not None else 0.0)


def term_df(engine: Engine, terms: Iterable[str]) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT term, df FROM lexical_terms WHERE term = ANY(:terms)"),
                            {"terms": list(terms)})
        return {term: int(df) for term, df in rows}


def query_terms(conn: Connection, tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """The query's lexemes as the `simple` parser makes them: (lexeme, times in the query, df)."""
    rows = conn.execute(text(
        "SELECT q.lexeme, cardinality(q.positions), coalesce(t.df, 0) "
        "FROM unnest(to_tsvector('simple', :q)) q LEFT JOIN lexical_terms t ON t.term = q.lexeme"),
        {"q": " ".join(tokens)})
    return [(lexeme, int(times), int(df)) for lexeme, times, df in rows]


def candidates(terms: list[tuple[str, int, int]], budget: int) -> str:
    """The tsquery that picks the chunks to score: the rarest terms OR-ed while their postings fit the
    budget (exact BM25 whenever all of them fit), else every term AND-ed."""
    present = sorted((t for t in terms if t[2] > 0), key=lambda t: t[2])
    chosen, total = [], 0
    for lexeme, _times, df in present:
        if total + df > budget:
            break
        chosen.append(lexeme)
        total += df
    if chosen:
        return " | ".join(_quoted(t) for t in chosen)
    return " & ".join(_quoted(t[0]) for t in present)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_SEARCH = """
WITH q AS (SELECT * FROM unnest(CAST(:terms AS text[]), CAST(:weights AS float8[])) AS q(term, w)),
cand AS (SELECT chunk_id, n_tokens, tsv FROM chunks WHERE tsv @@ CAST(:cand AS tsquery) {scope} LIMIT :budget),
scored AS (
  SELECT cand.chunk_id,
         sum(q.w * u.tf * (:k1 + 1) / (u.tf + :k1 * (1 - :b + :b * cand.n_tokens / :avgdl))) AS score
  FROM cand
  CROSS JOIN LATERAL (SELECT lexeme, cardinality(positions) AS tf
                      FROM unnest(ts_filter(setweight(cand.tsv, 'A', CAST(:terms AS text[])), '{{a}}'))) u
  JOIN q ON q.term = u.lexeme
  GROUP BY cand.chunk_id ORDER BY score DESC, cand.chunk_id LIMIT :k
)
SELECT c.chunk_id, c.doc_id, c.ordinal, c.text, c.start, c."end", c.section, c.kind, c.years, s.score
FROM scored s JOIN chunks c ON c.chunk_id = s.chunk_id ORDER BY s.score DESC, c.chunk_id
"""


def search(engine: Engine, stats: Corpus, tokens: Sequence[str], k: int, doc_ids: Sequence[str] | None = None,
           exhaustive: bool = False, budget: int | None = None) -> list[tuple[Chunk, float]]:
    """The best `k` chunks for `tokens` by BM25, best first, with their scores; within `doc_ids` if given.
    `exhaustive` (for a scope of at most `budget` chunks): every chunk that holds any term is scored."""
    if not tokens or stats.n_chunks == 0:
        return []
    budget = budget or CANDIDATE_BUDGET
    with engine.connect() as conn:
        terms = query_terms(conn, tokens)
        weights = {}
        for lexeme, times, df in terms:
            if df > 0:
                weights[lexeme] = weights.get(lexeme, 0.0) + times * stats.idf(df)
        if not weights:
            return []
        cand = " | ".join(_quoted(t) for t in weights) if exhaustive else candidates(terms, budget)
        params = {"terms": list(weights), "weights": list(weights.values()), "cand": cand, "k": k,
                  "k1": K1, "b": B, "avgdl": stats.avgdl or 1.0, "budget": budget}
        scope = ""
        if doc_ids is not None:
            scope, params["ids"] = "AND doc_id = ANY(:ids)", list(doc_ids)
        rows = conn.execute(text(_SEARCH.format(scope=scope)), params).mappings().all()
    return [(chunk_from_row(row), float(row["score"])) for row in rows if row["score"] > 0]
