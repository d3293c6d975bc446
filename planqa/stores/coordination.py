"""Coordination between writers that share one SQL database: a generation counter and per-document leases.

- `generation` is bumped in the same transaction as every committed write, so a reader learns that the stores
  changed with one indexed read, whoever wrote (another worker, the CLI, the UI).
- A `staging` row is a lease on one doc_id: a writer holds it from before its first vector until the SQL
  commit (which deletes the row in the same transaction). The orphan sweep takes the same lease before it
  deletes vectors, so it can never delete the vectors of a document another writer is still committing.
  A writer that dies leaves a row that expires; the vectors are then collectable.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

DEFAULT_LEASE_S = 600.0

metadata = MetaData()

meta = Table(
    "planqa_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Integer, nullable=False, default=0),
)

staging = Table(
    "planqa_staging",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("owner", String(128), nullable=False),
    Column("expires_at", DateTime, nullable=False),
)


def writer_id() -> str:
    """Unique per Ingestor: host and pid say who holds a lease when an operator looks at the table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create(engine: Engine) -> None:
    metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(insert(meta).values(key="generation", value=0))
    except IntegrityError:
        pass  # another process created it first


def bump_generation(conn: Connection) -> None:
    """Call inside the transaction of a write: the bump commits, or rolls back, with it."""
    conn.execute(update(meta).where(meta.c.key == "generation").values(value=meta.c.value + 1))


def read_generation(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(meta.c.value).where(meta.c.key == "generation")).scalar_one_or_none() or 0)


def release(conn: Connection, doc_id: str) -> None:
    conn.execute(delete(staging).where(staging.c.doc_id == doc_id))


class Leases:
    """Per-document leases in the `planqa_staging` table (works the same on SQLite and PostgreSQL)."""

    def __init__(self, engine: Engine, owner: str | None = None, lease_s: float = DEFAULT_LEASE_S) -> None:
        self.engine = engine
        self.owner = owner or writer_id()
        self.lease_s = lease_s

    def try_take(self, doc_id: str) -> bool:
        """Take the lease unless a live one is held by someone else (an expired one is taken over)."""
        expires = _now() + timedelta(seconds=self.lease_s)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    delete(staging).where(
                        staging.c.doc_id == doc_id,
                        (staging.c.expires_at < _now()) | (staging.c.owner == self.owner),
                    )
                )
                conn.execute(insert(staging).values(doc_id=doc_id, owner=self.owner, expires_at=expires))
            return True
        except IntegrityError:
            return False

    def take(self, doc_id: str, wait_s: float | None = None, poll_s: float = 0.2) -> None:
        """Wait for the lease; by default at most one lease period (a dead holder's lease expires by then)."""
        deadline = time.monotonic() + (self.lease_s + 5 if wait_s is None else wait_s)
        while not self.try_take(doc_id):
            if time.monotonic() > deadline:
                raise TimeoutError(f"document {doc_id} is being written by {self.holder(doc_id)}")
            time.sleep(poll_s)

    def steal(self, doc_id: str) -> None:
        """Take the lease whoever holds it: only for a caller that knows the holder is dead."""
        with self.engine.begin() as conn:
            conn.execute(delete(staging).where(staging.c.doc_id == doc_id))
            conn.execute(
                insert(staging).values(
                    doc_id=doc_id, owner=self.owner, expires_at=_now() + timedelta(seconds=self.lease_s)
                )
            )

    def renew(self, doc_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(staging)
                .where(staging.c.doc_id == doc_id, staging.c.owner == self.owner)
                .values(expires_at=_now() + timedelta(seconds=self.lease_s))
            )

    def drop(self, doc_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(staging).where(staging.c.doc_id == doc_id, staging.c.owner == self.owner))

    def holder(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(staging.c.owner).where(staging.c.doc_id == doc_id)).scalar_one_or_none()

    def live(self) -> set[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(staging.c.doc_id).where(staging.c.expires_at >= _now())).scalars()
            return set(rows)
