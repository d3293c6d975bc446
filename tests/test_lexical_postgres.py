"""Lexical search in PostgreSQL (planqa/stores/fulltext.py, qa_service/lexical_postgres.py) on a real server:
the same BM25 as the in-memory index, scopes, rarity, removals, and the term frequencies kept by writes."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import SAMPLE
from servers import postgres, postgres_bin
from small_reports import write_report
from sqlalchemy import text

from ingest.prepare import prepare_file
from planqa.settings import Settings
from planqa.stores import SqlStore, fulltext
from planqa.text import tokenize
from qa_service.lexical_postgres import PostgresLexicalIndex
from qa_service.retrieval import LexicalIndex

pytestmark = pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL is not installed")

# question words that the `simple` parser keeps as they are (no "5.5%"), in fewer than half the chunks
QUERIES = ["进出口总额", "粮食产量是多少", "新引进外资企业", "芦淞区地区生产总值增长", "高新技术企业 研发投入"]


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory):
    with postgres(tmp_path_factory.mktemp("pg")) as url:
        yield url


@pytest.fixture
def store(pg_url):
    sql = SqlStore(pg_url)
    with sql.engine.begin() as conn:  # each test starts from an empty database
        conn.execute(text("TRUNCATE documents, chunks, indicators, facts, lexical_terms"))
        conn.execute(text("UPDATE lexical_totals SET chunks = 0, tokens = 0"))
    return sql


def write(sql: SqlStore, path) -> str:
    prep = prepare_file(path)
    sql.replace_document(prep.document, prep.chunks, prep.tokens, prep.indicators, prep.facts)
    return prep.document.doc_id


@pytest.fixture
def three(store, tmp_path):
    ids = [write(store, SAMPLE), write(store, write_report(tmp_path, "lusong")),
           write(store, write_report(tmp_path, "hetang"))]
    return store, ids


def indexes(sql: SqlStore) -> tuple[PostgresLexicalIndex, LexicalIndex]:
    documents = {d.doc_id: d for d in sql.documents()}
    return PostgresLexicalIndex(sql, documents), LexicalIndex(sql.all_chunks())


def recount(sql: SqlStore) -> dict[str, int]:
    """Every term's chunk count, and the totals, counted afresh from the chunks."""
    with sql.engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT lexeme, count(*) FROM chunks, unnest(tsv) GROUP BY lexeme")).all())
        totals = conn.execute(text("SELECT count(*), coalesce(sum(n_tokens), 0) FROM chunks")).one()
    return {**counts, " totals": tuple(totals)}


def stored_df(sql: SqlStore) -> dict[str, int]:
    """What the writes kept: `lexical_terms` and `lexical_totals`."""
    with sql.engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT term, df FROM lexical_terms")).all())
        totals = conn.execute(text("SELECT chunks, tokens FROM lexical_totals")).one()
    return {**counts, " totals": tuple(totals)}


def test_bm25_in_postgres_scores_as_the_in_memory_index(three):
    sql, _ids = three
    pg, memory = indexes(sql)
    chunks = sql.all_chunks()
    assert pg.corpus.n_chunks == len(chunks) > 40
    assert pg.corpus.avgdl == pytest.approx(sum(len(t.split()) for _, t in chunks) / len(chunks))
    for query in QUERIES:
        tokens = tokenize(query)
        ours = {c.chunk_id: s for c, s in pg.search(tokens, 1000)}
        reference = {c.chunk_id: s for c, s in memory.search(tokens, 1000)}
        assert ours and ours.keys() == reference.keys(), query
        assert all(ours[cid] == pytest.approx(reference[cid], rel=1e-9) for cid in ours), query
        best = pg.search(tokens, 3)
        assert [c.chunk_id for c, _ in best] == [c.chunk_id for c, _ in memory.search(tokens, 3)], query
        assert [s for _, s in best] == sorted((s for _, s in best), reverse=True)


def test_search_honours_doc_ids_and_returns_whole_chunks(three):
    sql, (sample, lusong, hetang) = three
    pg, _memory = indexes(sql)
    tokens = tokenize("进出口总额是多少")
    assert {c.doc_id for c, _ in pg.search(tokens, 30)} == {sample, lusong, hetang}
    only = pg.search(tokens, 30, doc_ids={lusong})
    assert only and {c.doc_id for c, _ in only} == {lusong}
    assert any("77" in c.text for c, _ in only) and only[0][0] == pg.chunk(only[0][0].chunk_id)
    assert {c.doc_id for c, _ in pg.search(tokens, 30, doc_ids={lusong, hetang})} == {lusong, hetang}
    assert pg.search(tokens, 30, doc_ids=set()) == []
    assert pg.search(["qqzzxx", "无此词语"], 30) == []
    assert [c.ordinal for c in pg.chunks_of(sample)] == list(range(len(pg.chunks_of(sample))))
    assert pg.chunks_of(sample) == [c for c, _ in sql.all_chunks() if c.doc_id == sample]


def test_rarity_orders_rare_words_above_common_ones_as_in_memory(three):
    sql, _ids = three
    pg, memory = indexes(sql)
    assert pg.rarity("芦淞区") > pg.rarity("进出口") > pg.rarity("发展")
    assert pg.rarity("从来没有出现过") == memory.rarity("从来没有出现过") == 2.0
    for term in ("芦淞区", "进出口", "发展", "粮食"):
        assert pg.rarity(term) == pytest.approx(memory.rarity(term), abs=0.02), term


def test_a_removed_document_leaves_no_chunks_and_no_frequencies(three, tmp_path):
    sql, (sample, lusong, _hetang) = three
    before, _memory = indexes(sql)
    assert "芦淞区" in stored_df(sql)
    assert sql.remove(lusong)
    after, _memory = indexes(sql)
    tokens = tokenize("芦淞区进出口总额")
    assert lusong not in {c.doc_id for c, _ in after.search(tokens, 100)}
    assert after.chunks_of(lusong) == [] and before.chunks_of(lusong) == []  # read on demand: gone
    assert "芦淞区" not in stored_df(sql) and after.rarity("芦淞区") == 2.0
    assert stored_df(sql) == recount(sql)
    # A document committed after a snapshot was built is not in that snapshot's index.
    shifeng = write(sql, write_report(tmp_path, "shifeng"))
    assert shifeng not in {c.doc_id for c, _ in after.search(tokenize("石峰区进出口总额"), 100)}
    assert after.chunks_by_id([c.chunk_id for c in sql.chunks_of(shifeng)]) == {}
    assert after.chunks_of(shifeng) == []


def test_writes_keep_the_term_frequencies_equal_to_a_recount(three, tmp_path):
    sql, (sample, _lusong, _hetang) = three
    assert stored_df(sql) == recount(sql) and stored_df(sql)
    prep = prepare_file(SAMPLE)
    sql.replace_document(prep.document, prep.chunks, prep.tokens, prep.indicators, prep.facts)  # same id again
    assert stored_df(sql) == recount(sql)
    lukou = prepare_file(write_report(tmp_path, "lukou"))
    sql.write_documents([(lukou.document, lukou.chunks, lukou.tokens, lukou.indicators, lukou.facts)],
                        replaces=[sample])
    assert sample not in sql.doc_ids() and stored_df(sql) == recount(sql)


def test_a_common_word_alone_is_scored_within_the_budget(three):
    sql, _ids = three
    stats = fulltext.corpus(sql.engine)
    tokens = tokenize("发展")
    hits = fulltext.search(sql.engine, stats, tokens, 1000, budget=5)
    assert len(hits) == 5 and all("发展" in c.text for c, _ in hits)
    full = fulltext.search(sql.engine, stats, tokens, 1000)
    assert len(full) > 5


def test_candidates_take_the_rare_terms_while_they_fit_else_all_terms():
    terms = [("发展", 1, 900), ("芦淞区", 1, 3), ("进出口", 2, 40), ("无", 1, 0)]
    assert fulltext.candidates(terms, budget=50) == "'芦淞区' | '进出口'"
    assert fulltext.candidates(terms, budget=2) == "'芦淞区' & '进出口' & '发展'"
    assert fulltext.candidates([("it's", 1, 1)], budget=5) == "'it''s'"
    corpus = fulltext.Corpus(n_chunks=10, avgdl=5.0, floor=0.1, max_idf=3.0)
    assert corpus.idf(20) == 0.1  # read after the totals: more chunks than counted, floored (no math error)


def test_an_existing_database_gets_its_frequencies_from_the_migration(pg_url):
    from alembic import command
    from sqlalchemy import create_engine, insert

    from planqa.migrations import alembic_config, upgrade_to_head
    from planqa.stores.schema import chunks, documents

    with create_engine(pg_url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS legacy"))
        conn.execute(text("CREATE DATABASE legacy"))
    url = pg_url.rsplit("/", 1)[0] + "/legacy"
    engine = create_engine(url)
    prep = prepare_file(SAMPLE)
    with engine.begin() as conn:  # a database written before revision 0004
        command.upgrade(alembic_config(conn), "0003")
        conn.execute(insert(documents).values(
            doc_id=prep.document.doc_id, title="t", source="s", region="", years="[]", content_hash="h",
            clean_text=prep.document.clean_text, n_chunks=len(prep.chunks), n_indicators=0, n_facts=0,
            ingested_at=datetime(2024, 1, 1)))
        conn.execute(insert(chunks), [{**c.model_dump(exclude={"years"}), "years": "[]", "tokens": t}
                                      for c, t in zip(prep.chunks, prep.tokens, strict=True)])
    upgrade_to_head(engine)
    engine.dispose()
    store = SqlStore(url)
    assert len(stored_df(store)) > 100 and stored_df(store) == recount(store)
    assert stored_df(store)[" totals"][0] == len(prep.chunks)
    assert PostgresLexicalIndex(store, {d.doc_id: d for d in store.documents()}).search(tokenize("粮食"), 5)


def test_the_lexical_backend_setting():
    pg = "postgresql+psycopg2://u@h/db"
    assert not Settings(data_dir="/tmp/planqa-settings-test").lexical_in_database
    assert Settings(database_url=pg).lexical_in_database
    assert not Settings(database_url=pg, lexical_backend="memory").lexical_in_database
    with pytest.raises(ValueError, match="PostgreSQL"):
        _ = Settings(data_dir="/tmp/planqa-settings-test", lexical_backend="postgres").lexical_in_database
