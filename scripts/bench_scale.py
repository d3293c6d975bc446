"""Query-side cost at 1×/10×/50× a stored corpus, without re-embedding anything.

The base store (a data dir made by `planqa ingest`, e.g. a copy of the full-corpus store) is replicated
under new document ids: documents, chunks (text + jieba tokens), indicator rows and facts in SQL, and the
stored vectors read back from Chroma (include=["embeddings"]) and added under new chunk ids in batches. Then,
in this process with the real model, it prints per factor: chunks, /ask p50/p95 over a gold set (in-process
`QAService.ask`, no HTTP), the time to rebuild the snapshot (lexical index) after one document changes, RSS
and store size. Embedded (SQLite + Chroma on disk) by default; `--server` starts PostgreSQL and a Chroma
server (tests/servers.py) and copies the base into them.

Usage: .venv/bin/python scripts/bench_scale.py --base /tmp/scale-base [--factors 1 10 50] [--server]
       [--work /tmp/planqa-scale] [--gold eval/gold/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from eval.gold import load_gold
from planqa.records import Chunk
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex

PAGE = 2000


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def base_rows(sql: SqlStore):
    """Everything of the base store, grouped by document, read once."""
    chunks: dict[str, list[tuple[Chunk, str]]] = {}
    for chunk, tokens in sql.all_chunks():
        chunks.setdefault(chunk.doc_id, []).append((chunk, tokens))
    indicators, facts = {}, {}
    for row in sql.indicators():
        indicators.setdefault(row.doc_id, []).append(row)
    for fact in sql.facts():
        facts.setdefault(fact.doc_id, []).append(fact)
    return sql.documents(), chunks, indicators, facts


def base_vectors(vectors: VectorIndex) -> dict[str, tuple[list, dict, str]]:
    out: dict[str, tuple[list, dict, str]] = {}
    total = vectors.collection.count()
    for offset in range(0, total, PAGE):
        got = vectors.collection.get(limit=PAGE, offset=offset, include=["embeddings", "metadatas", "documents"])
        for cid, emb, meta, text in zip(got["ids"], got["embeddings"], got["metadatas"], got["documents"],
                                        strict=True):
            out[cid] = (emb, meta, text)
    return out


def replicate(copy: int, base, vecs, sql: SqlStore, vectors: VectorIndex) -> int:
    """Add copy number `copy` of every base document; returns chunks added."""
    documents, chunks, indicators, facts = base
    added = 0
    for doc in documents:
        new_id = f"{doc.doc_id}x{copy:03d}"
        new_doc = doc.model_copy(update={"doc_id": new_id, "source": f"{doc.source}#copy{copy}",
                                         "content_hash": f"{doc.content_hash[:48]}x{copy:03d}"})
        pairs = chunks.get(doc.doc_id, [])
        new_chunks = [c.model_copy(update={"doc_id": new_id, "chunk_id": c.chunk_id.replace(doc.doc_id, new_id, 1)})
                      for c, _ in pairs]
        ids, embs, metas, texts = [], [], [], []
        for old, new in zip(pairs, new_chunks, strict=True):
            emb, meta, text = vecs[old[0].chunk_id]
            ids.append(new.chunk_id)
            embs.append(emb)
            metas.append({**meta, "doc_id": new_id})
            texts.append(text)
        for i in range(0, len(ids), 1000):
            vectors.collection.add(ids=ids[i:i + 1000], embeddings=embs[i:i + 1000], metadatas=metas[i:i + 1000],
                                   documents=texts[i:i + 1000])
        sql.replace_document(
            new_doc, new_chunks, [t for _, t in pairs],
            [r.model_copy(update={"doc_id": new_id}) for r in indicators.get(doc.doc_id, [])],
            [f.model_copy(update={"doc_id": new_id}) for f in facts.get(doc.doc_id, [])],
        )
        added += len(new_chunks)
    return added


def store_mb(settings: Settings, sql: SqlStore, chroma_dir: Path | None) -> float:
    if settings.database_url:
        with sql.engine.connect() as conn:
            from sqlalchemy import text

            db = conn.execute(text("select pg_database_size(current_database())")).scalar_one()
        return (db + folder_size(chroma_dir)) / 2**20
    return folder_size(settings.resolved_data_dir) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="a data dir made by planqa ingest (read only)")
    parser.add_argument("--factors", nargs="*", type=int, default=[1, 10, 50])
    parser.add_argument("--work", default="/tmp/planqa-scale")
    parser.add_argument("--gold", default="eval/gold/corpus.jsonl")
    parser.add_argument("--server", action="store_true", help="PostgreSQL + Chroma server instead of embedded")
    args = parser.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = Settings(data_dir=Path(args.base))
    from planqa.embedding.model import load_embeddings

    embeddings = load_embeddings(source)
    with ExitStack() as stack:
        chroma_dir = None
        if args.server:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
            from servers import chroma_server, postgres

            db_url = stack.enter_context(postgres(work))
            chroma_url = stack.enter_context(chroma_server(work))
            chroma_dir = work / "chroma"
            settings = Settings(data_dir=work / "data", database_url=db_url, chroma_url=chroma_url)
        else:
            settings = Settings(data_dir=work / "data")
        base_sql, base_vec = SqlStore(source.sqlalchemy_url), VectorIndex(source, embeddings)
        t = time.perf_counter()
        base, vecs = base_rows(base_sql), base_vectors(base_vec)
        print(f"read base: {len(base[0])} documents, {len(vecs)} vectors in {time.perf_counter() - t:.1f} s",
              flush=True)
        del base_vec
        sql, vectors = SqlStore(settings.sqlalchemy_url), VectorIndex(settings, embeddings)
        run(args, base, vecs, settings, sql, vectors, embeddings, chroma_dir)


def run(args, base, vecs, settings, sql, vectors, embeddings, chroma_dir) -> None:
    from qa_service.service import QAService

    questions = load_gold(Path(args.gold))
    mode = "server" if args.server else "embedded"
    print("mode | factor | docs | chunks | copy s | snapshot rebuild s | ask p50 ms | ask p95 ms | RSS MB | "
          "peak RSS MB | store MB", flush=True)
    made, service = 0, None
    for factor in args.factors:
        t = time.perf_counter()
        while made < factor:
            replicate(made, base, vecs, sql, vectors)
            made += 1
        copy_s = time.perf_counter() - t
        if service is None:
            service = QAService(settings, embeddings, sql=sql, vectors=vectors)
        service.refresh()
        # One document changes (removed here): the time until the next snapshot (lexical index) is in place.
        victim = next(iter(service.state.current.documents))
        sql.remove(victim)
        t = time.perf_counter()
        service.refresh()
        rebuild_s = time.perf_counter() - t
        for item in questions[:3]:  # warm-up: jieba's dictionary, the first query's allocations
            service.ask(item.question, history=item.history)
        latencies = []
        for item in questions:
            t = time.perf_counter()
            service.ask(item.question, history=item.history)
            latencies.append((time.perf_counter() - t) * 1000)
        latencies.sort()
        stats = sql.stats()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{mode} | {factor} | {stats['documents']} | {stats['chunks']} | {copy_s:.0f} | {rebuild_s:.1f} | "
              f"{statistics.median(latencies):.0f} | {latencies[int(len(latencies) * .95)]:.0f} | {rss_mb():.0f} | "
              f"{peak:.0f} | {store_mb(settings, sql, chroma_dir):.0f}", flush=True)


if __name__ == "__main__":
    main()
