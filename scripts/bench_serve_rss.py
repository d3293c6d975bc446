"""Start `planqa serve` with a backend, ask a few questions over HTTP, print its RSS (`ps -o rss`).

Usage: .venv/bin/python scripts/bench_serve_rss.py DATA_DIR [--backend onnx-int8] [--port 8765]
The data dir must have been ingested with the same backend (the store refuses another).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

QUESTIONS = ["2023年进出口完成情况如何？", "2024年地区生产总值增长目标是多少？", "粮食产量是多少？",
             "What was the 2023 import/export result?", "城镇调查失业率控制在多少？"]


def rss_mb(pid: int) -> float:
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--backend", default=os.environ.get("PLANQA_EMBEDDING_BACKEND", "onnx-int8"))
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    env = dict(os.environ, PLANQA_EMBEDDING_BACKEND=args.backend, HF_HUB_OFFLINE="1")
    planqa = str(Path(sys.executable).with_name("planqa"))
    began = time.perf_counter()
    server = subprocess.Popen([planqa, "--data-dir", args.data_dir, "serve", "--port", str(args.port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}"
    try:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.perf_counter() - began > 300:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        ready = time.perf_counter() - began
        idle = rss_mb(server.pid)
        for q in QUESTIONS:
            httpx.post(f"{url}/ask", json={"question": q}, timeout=120).raise_for_status()
        print(f"backend {args.backend}: ready in {ready:.1f} s | RSS after start {idle:.0f} MB | "
              f"after {len(QUESTIONS)} questions {rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
