"""Ingest with a deliberately slow fake embedding, so a test can kill -9 this process mid-ingest."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import HashEmbeddings  # noqa: E402

from ingest.pipeline import Ingestor  # noqa: E402
from planqa.settings import Settings  # noqa: E402


class SlowEmbeddings(HashEmbeddings):
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        print("batch", flush=True)
        time.sleep(0.5)
        return super().embed_documents(texts)


if __name__ == "__main__":
    settings = Settings(data_dir=Path(sys.argv[1]), embedding_batch_size=1)  # the pipeline embeds 16 a call: many calls to kill between
    ingestor = Ingestor(settings, SlowEmbeddings())
    # open the vector store now (ingest opens it while the first file embeds): the third batch then finds
    # the first slices written, which is where the test kills this process
    assert ingestor.vectors is not None
    ingestor.ingest([Path(p) for p in sys.argv[2:]])
    print("done", flush=True)
