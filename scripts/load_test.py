"""Load test against a running `planqa serve` on loopback: N concurrent clients for T seconds.

Usage: .venv/bin/python scripts/load_test.py [--url http://127.0.0.1:8000] [--clients 50] [--seconds 60]
Bounded in time and request count, and refuses any address that is not this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import statistics
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

MAX_REQUESTS = 100_000


def loopback_only(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing to load-test {host}: loopback addresses only")


async def client(url: str, questions: list[str], deadline: float, out: list, errors: list, counter: list) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        i = 0
        while time.monotonic() < deadline and counter[0] < MAX_REQUESTS:
            counter[0] += 1
            question = questions[i % len(questions)]
            i += 1
            began = time.perf_counter()
            try:
                r = await http.post(f"{url}/ask", json={"question": question})
                if r.status_code != 200:
                    errors.append(r.status_code)
                else:
                    out.append((time.perf_counter() - began) * 1000)
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--gold", default="eval/gold/sample.jsonl")
    args = parser.parse_args()
    loopback_only(args.url)
    questions = [json.loads(line)["question"] for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line]
    latencies: list[float] = []
    errors: list = []
    counter = [0]
    began = time.monotonic()
    deadline = began + args.seconds
    await asyncio.gather(*(client(args.url, questions[i:] + questions[:i], deadline, latencies, errors, counter)
                           for i in range(args.clients)))
    elapsed = time.monotonic() - began
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(len(lat) * p))] if lat else float("nan")

    print(f"clients {args.clients}, {elapsed:.0f} s: {len(lat)} ok, {len(errors)} errors {sorted(set(map(str, errors)))}")
    print(f"throughput {len(lat) / elapsed:.1f} req/s | latency p50 {pct(.5):.0f} ms  p95 {pct(.95):.0f} ms  "
          f"p99 {pct(.99):.0f} ms  mean {statistics.fmean(lat) if lat else float('nan'):.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
