"""`planqa ingest` / `planqa remove` with the fake embedding, in a process of its own (embedded stores)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import HashEmbeddings  # noqa: E402

from ingest.pipeline import Ingestor  # noqa: E402
from planqa.settings import Settings  # noqa: E402

if __name__ == "__main__":
    settings = Settings(data_dir=Path(sys.argv[1]))
    ingestor = Ingestor(settings, HashEmbeddings())
    if sys.argv[2] == "--remove":
        print("removed" if ingestor.remove(sys.argv[3]) else "missing", flush=True)
    else:
        report = ingestor.ingest([Path(p) for p in sys.argv[2:]])
        print("added", len(report.added), "failed", len(report.failed), flush=True)
