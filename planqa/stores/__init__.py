"""Where PlanQA keeps what ingestion produced: a SQL database and a Chroma collection."""

from planqa.stores.sql import SqlStore
from planqa.stores.vectors import VectorIndex

__all__ = ["SqlStore", "VectorIndex"]
