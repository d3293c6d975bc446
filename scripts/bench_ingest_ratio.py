"""The issue-10 "done when" ratio: `planqa ingest` of N reports against a bare torch encode of its chunk texts.

One run: copy N reports into a temp folder, time `planqa ingest` of it (a subprocess, as a user runs it, with
the backend of PLANQA_EMBEDDING_BACKEND or --backend), read back the very chunk texts it stored in Chroma, then
time a bare sentence-transformers (torch) `encode` of those texts in another subprocess (model load excluded).
The CPU may be shared: the figures are as measured under whatever else is running.

Usage: .venv/bin/python scripts/bench_ingest_ratio.py [--n 8] [--repeat 3] [--backend onnx-int8] [SOURCE_DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "provincial-2026" / "txt"
BARE = """
import json, sys, time
from sentence_transformers import SentenceTransformer
texts = json.load(open(sys.argv[2], encoding="utf-8"))
model = SentenceTransformer(sys.argv[1], device="cpu")
model.encode(texts[:8], prompt_name="passage", batch_size=32, normalize_embeddings=True)
began = time.perf_counter()
model.encode(texts, prompt_name="passage", batch_size=32, normalize_embeddings=True)
print(time.perf_counter() - began)
"""


def stored_texts(data_dir: Path) -> list[str]:
    from planqa.settings import Settings
    from planqa.stores.vectors import chroma_client

    settings = Settings(data_dir=data_dir)
    collection = chroma_client(settings).get_collection(settings.collection)
    return [str(t) for t in collection.get(include=["documents"])["documents"] or []]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE))
    parser.add_argument("--n", type=int, default=8)
    parser.add_argument("--backend", default=os.environ.get("PLANQA_EMBEDDING_BACKEND", "onnx-int8"))
    parser.add_argument("--models", default="planqa-data/models", help="where the built models are")
    parser.add_argument("--repeat", type=int, default=3,
                        help="ingest/encode pairs, alternating (the CPU's speed drifts; the median is reported)")
    args = parser.parse_args()

    from planqa.embedding.model import BUILT_MODEL_DIRNAME

    models = Path(args.models).resolve()
    files = sorted(Path(args.source).glob("*.txt"))[: args.n]
    env = dict(os.environ, PLANQA_EMBEDDING_BACKEND=args.backend, PLANQA_MODEL_CACHE_DIR=str(models),
               HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for f in files:
            shutil.copy2(f, folder / f.name)
        print(f"{len(files)} reports, backend {args.backend}, {os.cpu_count()} CPUs; "
              f"ingest and bare encode alternate, {args.repeat} pair(s)")
        for run in range(1, args.repeat + 1):
            ingest_s, summary, texts = time_ingest(folder, Path(tmp) / f"data{run}", env)
            bare_s = time_bare_encode(texts, models / BUILT_MODEL_DIRNAME, Path(tmp) / "texts.json", env)
            ratios.append(ingest_s / bare_s)
            print(f"run {run}: {len(texts)} chunks stored")
            print(f"  planqa ingest (whole command, incl. start-up and model load): {ingest_s:6.1f} s")
            print(f"    its summary: {summary}")
            print(f"  bare sentence-transformers torch encode of the stored texts:    {bare_s:6.1f} s "
                  f"({len(texts) / bare_s:.1f} chunks/s)")
            print(f"  ratio ingest / bare encode: {ratios[-1]:.2f}")
    print(f"ratio ingest / bare encode, median of {len(ratios)}: {statistics.median(ratios):.2f} "
          f"(runs: {', '.join(f'{r:.2f}' for r in ratios)})")


def time_ingest(folder: Path, data: Path, env: dict[str, str]) -> tuple[float, str, list[str]]:
    planqa = str(Path(sys.executable).with_name("planqa"))
    began = time.perf_counter()
    done = subprocess.run([planqa, "--data-dir", str(data), "ingest", str(folder)], env=env,
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - began
    return seconds, done.stdout.strip().splitlines()[-1], stored_texts(data)


def time_bare_encode(texts: list[str], model_dir: Path, texts_file: Path, env: dict[str, str]) -> float:
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    bare = subprocess.run([sys.executable, "-c", BARE, str(model_dir), str(texts_file)],
                          env=env, capture_output=True, text=True, check=True)
    return float(bare.stdout.strip().splitlines()[-1])

if __name__ == "__main__":
    main()
