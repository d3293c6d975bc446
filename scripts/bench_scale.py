"""Query-side cost at 1×/10×/50× a stored corpus, without re-embedding anything.

The base store (a data dir made by `planqa ingest`, e.g. a copy of the full-corpus store) is replicated
under new document ids: documents, chunks (text + jieba tokens), indicator rows and facts in SQL (one
transaction per copy, `SqlStore.write_documents`), and the stored vectors read back from Chroma
(include=["embeddings"]) and added under new chunk ids in large batches. Then, per factor, a fresh process
stands in for one serving worker (the real model, `QAService` in-process, no HTTP) and prints: its snapshot
build at start, the rebuild after one document changes (one is removed), /ask p50/p95 over a gold set with
the parts of retrieval (embedding the query, the dense query, the lexical search), its RSS, and the store size.
Embedded (SQLite + Chroma on disk) by default; `--server` starts PostgreSQL and a Chroma server
(tests/servers.py) and copies the base into them; the worker then uses PLANQA_LEXICAL_BACKEND (auto: postgres).

Usage: .venv/bin/python scripts/bench_scale.py --base /work/data/full [--factors 1 10 50] [--server]
       [--work /tmp/planqa-scale] [--gold eval/gold/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from planqa.records import Chunk
from planqa.settings import Settings
from planqa.stores import SqlStore, VectorIndex

PAGE = 5000


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/statm") as f:
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


def base_vectors(vectors: VectorIndex) -> dict[str, tuple[np.ndarray, dict, str]]:
    out: dict[str, tuple[np.ndarray, dict, str]] = {}
    total = vectors.collection.count()
    for offset in range(0, total, PAGE):
        got = vectors.collection.get(limit=PAGE, offset=offset, include=["embeddings", "metadatas", "documents"])
        for cid, emb, meta, text in zip(got["ids"], got["embeddings"], got["metadatas"], got["documents"],
                                        strict=True):
            out[cid] = (np.asarray(emb, dtype=np.float32), meta, text)
    return out


def replicate(copy: int, base, vecs, sql: SqlStore, vectors: VectorIndex) -> int:
    """Add copy number `copy` of every base document (SQL in one transaction); returns chunks added."""
    documents, chunks, indicators, facts = base
    items, ids, embs, metas, texts = [], [], [], [], []
    for doc in documents:
        new_id = f"{doc.doc_id}x{copy:03d}"
        new_doc = doc.model_copy(update={"doc_id": new_id, "source": f"{doc.source}#copy{copy}",
                                         "content_hash": f"{doc.content_hash[:48]}x{copy:03d}"})
        pairs = chunks.get(doc.doc_id, [])
        new_chunks = [c.model_copy(update={"doc_id": new_id, "chunk_id": c.chunk_id.replace(doc.doc_id, new_id, 1)})
                      for c, _ in pairs]
        for (old, _tokens), new in zip(pairs, new_chunks, strict=True):
            emb, meta, text = vecs[old.chunk_id]
            ids.append(new.chunk_id)
            embs.append(emb)
            metas.append({**meta, "doc_id": new_id})
            texts.append(text)
        items.append((new_doc, new_chunks, [t for _, t in pairs],
                      [r.model_copy(update={"doc_id": new_id}) for r in indicators.get(doc.doc_id, [])],
                      [f.model_copy(update={"doc_id": new_id}) for f in facts.get(doc.doc_id, [])]))
    batch = min(PAGE, vectors.collection._client.get_max_batch_size())  # chroma's own limit
    for i in range(0, len(ids), batch):  # vectors first, as an ingest writes them: SQL commits last
        vectors.collection.add(ids=ids[i:i + batch], embeddings=np.stack(embs[i:i + batch]),
                               metadatas=metas[i:i + batch], documents=texts[i:i + batch])
    sql.write_documents(items)
    return len(ids)


def store_mb(settings: Settings, sql: SqlStore, chroma_dir: Path | None) -> float:
    if settings.database_url:
        from sqlalchemy import text

        with sql.engine.connect() as conn:
            db = conn.execute(text("select pg_database_size(current_database())")).scalar_one()
        return (db + folder_size(chroma_dir)) / 2**20
    return folder_size(settings.resolved_data_dir) / 2**20


def chroma_server_rss() -> float | None:
    """RSS of the Chroma server this bench started (a child process), if any."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[1]) == os.getpid() and b"chroma" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return rss_mb(pid)
        except (OSError, IndexError, ValueError):
            continue
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="a data dir made by planqa ingest (copied, never opened)")
    parser.add_argument("--factors", nargs="*", type=int, default=[1, 10, 50])
    parser.add_argument("--work", default="/tmp/planqa-scale")
    parser.add_argument("--gold", default="eval/gold/corpus.jsonl")
    parser.add_argument("--server", action="store_true", help="PostgreSQL + Chroma server instead of embedded")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: the worker process, settings as JSON
    args = parser.parse_args()
    if args.measure:
        from bench_scale_worker import measure

        print("RESULT " + json.dumps(measure(Settings(**json.loads(args.measure)), Path(args.gold))), flush=True)
        return
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # read from a copy: opening a store migrates it (revision 0004 stamps even a SQLite database)
    shutil.copytree(args.base, work / "base")
    source = Settings(data_dir=work / "base")
    from planqa.embedding.model import load_embeddings

    embeddings = load_embeddings(source)
    with ExitStack() as stack:
        chroma_dir, fields = None, {"data_dir": str(work / "data")}
        if args.server:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
            from servers import chroma_server, postgres

            fields["database_url"] = stack.enter_context(postgres(work))
            fields["chroma_url"] = stack.enter_context(chroma_server(work))
            chroma_dir = work / "chroma"
        settings = Settings(**fields)
        base_sql, base_vec = SqlStore(source.sqlalchemy_url), VectorIndex(source, embeddings)
        t = time.perf_counter()
        base, vecs = base_rows(base_sql), base_vectors(base_vec)
        print(f"read base: {len(base[0])} documents, {len(vecs)} vectors in {time.perf_counter() - t:.1f} s",
              flush=True)
        del base_vec
        sql, vectors = SqlStore(settings.sqlalchemy_url), VectorIndex(settings, embeddings)
        run(args, base, vecs, settings, fields, sql, vectors, chroma_dir)


def run(args, base, vecs, settings, fields, sql, vectors, chroma_dir) -> None:
    mode = "server" if args.server else "embedded"
    print("mode | factor | docs | chunks | copy s | snapshot at start s | rebuild after one change s | "
          "ask p50 ms | ask p95 ms | worker RSS MB (peak) | chroma server RSS MB | store MB", flush=True)
    made = 0
    for factor in args.factors:
        t = time.perf_counter()
        while made < factor:
            replicate(made, base, vecs, sql, vectors)
            made += 1
        copy_s = time.perf_counter() - t
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.getcwd()])}
        out = subprocess.run([sys.executable, __file__, "--base", args.base, "--gold", args.gold,
                              "--measure", json.dumps(fields)], env=env, capture_output=True, text=True)
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            raise SystemExit(f"the worker failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        r = json.loads(line[len("RESULT "):])
        server_rss = chroma_server_rss()
        stats = sql.stats()
        print(f"{mode} | {factor} | {stats['documents']} | {stats['chunks']} | {copy_s:.0f} | {r['start_s']:.1f} | "
              f"{r['rebuild_s']:.2f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['rss']:.0f} ({r['peak']:.0f}) | "
              f"{server_rss or 0:.0f} | {store_mb(settings, sql, chroma_dir):.0f}", flush=True)
        print(f"    {r['lexical']}, correct {r['correct']}; parts of /ask (p50 / p95 ms): {r['parts']}", flush=True)


if __name__ == "__main__":
    main()
