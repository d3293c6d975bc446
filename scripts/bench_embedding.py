"""Print, side by side, each embedding backend's load time, chunks/s, RSS and agreement with torch.

Every backend runs in its own subprocess on the same texts (the sample report's stored chunk texts), so RSS is
that backend's alone. The CPU may be shared: read the figures as measured under whatever else is running.

Usage: .venv/bin/python scripts/bench_embedding.py [--backends torch,onnx,onnx-int8] [--repeat N]
       [--batch-sizes 8,16,32]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BACKENDS = ("torch", "onnx", "onnx-int8")


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(backend: str, texts_file: Path, vectors_file: Path, repeat: int) -> None:
    import resource

    import numpy as np

    from planqa.embedding.model import load_embeddings
    from planqa.settings import Settings

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    settings = Settings(embedding_backend=backend)
    began = time.perf_counter()
    emb = load_embeddings(settings)
    load_s = time.perf_counter() - began
    emb.embed_documents(texts[:8])  # first-call allocations are not throughput
    best = float("inf")
    vectors: list[list[float]] = []
    for _ in range(repeat):
        began = time.perf_counter()
        vectors = emb.embed_documents(texts)
        best = min(best, time.perf_counter() - began)
    queries = [emb.embed_query(t[:40]) for t in texts[:20]]
    began = time.perf_counter()
    for t in texts[:20]:
        emb.embed_query(t[:40])
    query_ms = (time.perf_counter() - began) / 20 * 1000
    np.save(vectors_file, np.array(vectors + queries, dtype=np.float32))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load_s": load_s, "seconds": best, "rss_mb": rss_mb(), "peak_mb": peak, "query_ms": query_ms}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per backend; the fastest counts")
    parser.add_argument("--batch-sizes", default="",
                        help="comma-separated PLANQA_EMBEDDING_BATCH_SIZE values to run each backend at (default: "
                             "the setting's default)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    parser.add_argument("--vectors", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.texts), Path(args.vectors), args.repeat)
        return

    import numpy as np

    from ingest.prepare import prepare_file
    from planqa.settings import BUNDLED_SAMPLE, Settings

    texts = [c.embedding_text() for c in prepare_file(BUNDLED_SAMPLE, Settings().chunk_size, Settings().chunk_overlap).chunks]
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"{len(texts)} chunks of the sample report (mean {chars:.0f} chars), {os.cpu_count()} CPUs")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        sizes = [b for b in args.batch_sizes.split(",") if b] or [""]
        for backend in args.backends.split(","):
            for size in sizes:
                label = f"{backend}@{size}" if size else backend
                vectors_file = Path(tmp) / f"{label}.npy"
                env = dict(os.environ, **({"PLANQA_EMBEDDING_BATCH_SIZE": size} if size else {}))
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", backend, "--texts", str(texts_file),
                     "--vectors", str(vectors_file), "--repeat", str(args.repeat)],
                    capture_output=True, text=True, check=True, env=env,
                )
                results[label] = json.loads(out.stdout.strip().splitlines()[-1])
                results[label]["vectors"] = np.load(vectors_file)
    ref = next((r["vectors"] for label, r in results.items() if label.split("@")[0] == "torch"), None)
    print(f"{'backend':<13} {'chunks/s':>9} {'load s':>7} {'RSS MB':>7} {'peak MB':>8} {'query ms':>9} {'cos min':>8} {'cos mean':>9}")
    for backend, r in results.items():
        cos = (r["vectors"] * ref).sum(axis=1) if ref is not None else np.array([float("nan")])
        print(
            f"{backend:<13} {len(texts) / r['seconds']:9.1f} {r['load_s']:7.1f} {r['rss_mb']:7.0f} "
            f"{r['peak_mb']:8.0f} {r['query_ms']:9.1f} {cos.min():8.4f} {cos.mean():9.4f}"
        )


if __name__ == "__main__":
    main()
