"""Print the embedding model's load time, passages/s on this machine, and the process RSS.

Usage: .venv/bin/python scripts/bench_embedding.py [N_PASSAGES]
"""

from __future__ import annotations

import resource
import sys
import time

from ingest.prepare import prepare_file
from planqa.embedding.model import load_embeddings
from planqa.settings import BUNDLED_SAMPLE, Settings


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    texts = [c.embedding_text() for c in prepare_file(BUNDLED_SAMPLE).chunks]
    texts = (texts * (n // len(texts) + 1))[:n]
    began = time.perf_counter()
    emb = load_embeddings(Settings())
    load = time.perf_counter() - began
    emb.embed_documents(texts[:8])
    began = time.perf_counter()
    emb.embed_documents(texts)
    seconds = time.perf_counter() - began
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"load {load:.1f} s | {n / seconds:.1f} passages/s (mean {chars:.0f} chars) | peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
