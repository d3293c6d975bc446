"""How cost grows with the corpus: ingest k copies of a base set (region names altered so every copy is a
distinct report), then measure ingest throughput, store size, /ask p50/p95 over the sample gold set, and RSS.

Usage: .venv/bin/python scripts/bench_scale.py [--base PATH ...] [--factors 1 10 50] [--work DIR]
The default base is the bundled sample report. Each factor adds copies on top of the previous ones.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import time
from pathlib import Path

from eval.gold import load_gold
from ingest.loaders import discover
from ingest.pipeline import Ingestor
from planqa.settings import BUNDLED_SAMPLE, Settings
from qa_service.service import QAService

NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def variant(text: str, i: int) -> str:
    tag = NAMES[i % len(NAMES)] + NAMES[(i // len(NAMES)) % len(NAMES)]
    return text.replace("天元区", f"{tag}区").replace("株洲市", f"{tag}市")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", nargs="*", default=[str(BUNDLED_SAMPLE)])
    parser.add_argument("--factors", nargs="*", type=int, default=[1, 10, 50])
    parser.add_argument("--work", default="/tmp/planqa-scale")
    parser.add_argument("--gold", default="eval/gold/sample.jsonl")
    args = parser.parse_args()
    work = Path(args.work)
    shutil.rmtree(work / "data", ignore_errors=True)
    copies = work / "copies"
    shutil.rmtree(copies, ignore_errors=True)
    copies.mkdir(parents=True)
    base = [p for p in discover([Path(b) for b in args.base]) if p.suffix in (".txt", ".md")]
    settings = Settings(data_dir=work / "data", model_cache_dir=work / "models")  # the model is not the store
    questions = load_gold(Path(args.gold))
    made = 0
    print("factor | docs | chunks | ingest s | chunks/s | store MB | ask p50 ms | ask p95 ms | RSS MB")
    service = None
    for factor in args.factors:
        batch = []
        while made < factor:
            for path in base:
                target = copies / f"{made:04d}-{path.name}"
                text = path.read_text(encoding="utf-8")
                target.write_text(text if made == 0 else variant(text, made), encoding="utf-8")
                batch.append(target)
            made += 1
        service = service or QAService(settings)
        ingestor = Ingestor(settings, service.embeddings, sql=service.sql, vectors=service.vectors)
        began = time.perf_counter()
        report = ingestor.ingest(batch)
        seconds = time.perf_counter() - began
        service.refresh()
        stats = service.sql.stats()
        latencies = []
        for item in questions:
            t = time.perf_counter()
            service.ask(item.question, history=item.history)
            latencies.append((time.perf_counter() - t) * 1000)
        latencies.sort()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{factor:>6} | {stats['documents']:>4} | {stats['chunks']:>6} | {seconds:8.1f} | "
              f"{report.chunks / max(seconds, 1e-9):8.1f} | {folder_size(settings.resolved_data_dir) / 2**20:8.1f} | "
              f"{statistics.median(latencies):10.0f} | {latencies[int(len(latencies) * .95)]:10.0f} | {rss:6.0f}",
              flush=True)


if __name__ == "__main__":
    main()
