from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "planqa" / "sample" / "tianyuan-2024-plan-report.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
MODEL_CACHE = Path(os.environ.get("PLANQA_TEST_MODEL_CACHE", ROOT / ".cache" / "models"))


class HashEmbeddings(Embeddings):
    """Deterministic stand-in for the model: character bigrams hashed into 256 dimensions."""

    dim = 256

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        for a, b in zip(text, text[1:], strict=False):
            h = int(hashlib.md5((a + b).encode()).hexdigest()[:8], 16)
            v[h % self.dim] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def service_over(data_dir: Path, paths: list[Path]):
    """A QAService on the fake embedding over `paths`, ingested into `data_dir` (for module-scoped fixtures)."""
    from ingest.pipeline import Ingestor
    from planqa.settings import Settings
    from qa_service.service import QAService

    settings = Settings(data_dir=data_dir)
    embeddings = HashEmbeddings()
    ingestor = Ingestor(settings, embeddings)
    assert not ingestor.ingest(paths).failed
    return QAService(settings, embeddings, sql=ingestor.sql, vectors=ingestor.vectors)


def service_over_texts(folder: Path, texts: dict[str, str]):
    """`service_over` made-up reports: each text written to its file name in `folder`, then ingested."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return service_over(folder / "data", [folder / name for name in texts])


@pytest.fixture
def settings(tmp_path):
    from planqa.settings import Settings

    return Settings(data_dir=tmp_path / "data", model_cache_dir=MODEL_CACHE)


@pytest.fixture
def fake_embeddings():
    return HashEmbeddings()


@pytest.fixture
def ingested(settings, fake_embeddings):
    """The sample report ingested with the fake embedding; returns the Ingestor."""
    from ingest.pipeline import Ingestor

    ingestor = Ingestor(settings, fake_embeddings)
    report = ingestor.ingest([SAMPLE])
    assert report.added and not report.failed
    return ingestor


@pytest.fixture
def fake_service(ingested, settings, fake_embeddings):
    from qa_service.service import QAService

    return QAService(settings, fake_embeddings, sql=ingested.sql, vectors=ingested.vectors)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory):
    from planqa.settings import Settings

    return Settings(data_dir=tmp_path_factory.mktemp("real"), model_cache_dir=MODEL_CACHE)


@pytest.fixture(scope="session")
def built_models(real_settings):
    """The converted model and its ONNX fp32 + int8 exports, built once per session (minutes on 2 cores)."""
    from planqa.embedding.model import build_all

    return build_all(real_settings, quiet=True)


@pytest.fixture(scope="session")
def real_service(real_settings, built_models):
    """The real offline model (the default backend) and real stores, with the sample report ingested."""
    from ingest.pipeline import Ingestor
    from planqa.embedding.model import load_embeddings
    from qa_service.service import QAService

    embeddings = load_embeddings(real_settings)
    ingestor = Ingestor(real_settings, embeddings)
    ingestor.ingest([SAMPLE])
    return QAService(real_settings, embeddings, sql=ingestor.sql, vectors=ingestor.vectors)
