"""Model folders on disk: one builder at a time across processes, atomic publication, fingerprints.

Several processes (an API worker, `planqa ingest`, a test session) may find the model missing at the same time.
Each build happens under a cross-process file lock; whoever gets the lock checks again before building, and a
folder appears under its final name only once complete (built in a temp dir, then renamed).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

FINGERPRINTS = "fingerprints.json"
_STALE_PREFIX = ".stale-"
_STALE_AFTER_S = 600.0  # a process that was loading a replaced folder has long finished by then


@contextmanager
def build_lock(models_dir: Path, timeout_s: float = 1800.0) -> Iterator[None]:
    """Held while any model folder under `models_dir` is built or replaced."""
    models_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(models_dir / ".build.lock"), timeout=timeout_s):
        yield


def publish(built: Path, target: Path) -> None:
    """Move a complete folder to `target`; an older `target` is set aside, never deleted under a reader."""
    if target.exists():
        aside = target.with_name(f"{_STALE_PREFIX}{target.name}-{os.getpid()}-{time.time_ns()}")
        target.rename(aside)
    built.rename(target)


def purge_stale(models_dir: Path) -> None:
    """Delete folders replaced long enough ago that nobody can still be loading them (call under the lock)."""
    for path in models_dir.glob(f"{_STALE_PREFIX}*"):
        if time.time() - path.stat().st_mtime > _STALE_AFTER_S:
            shutil.rmtree(path, ignore_errors=True)


def build_once(
    target: Path, complete: Callable[[Path], bool], build: Callable[[Path], None], force: bool = False
) -> Path:
    """Make `target` exist and be complete, building it at most once across concurrent processes.

    `build(work_dir)` writes the folder's content into `work_dir`; it is published as `target` afterwards.
    """
    if complete(target) and not force:
        return target
    with build_lock(target.parent):
        if complete(target) and not force:  # another process built it while we waited
            return target
        purge_stale(target.parent)
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
        try:
            out = work / target.name
            out.mkdir()
            build(out)
            publish(out, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_fingerprints(folder: Path, names: list[str]) -> None:
    """Hash the weight files once at build time, so opening a store needs no hashing of hundreds of MB."""
    data = {name: sha256_of(folder / name) for name in names}
    partial = folder / f".{FINGERPRINTS}.{os.getpid()}"
    partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(partial, folder / FINGERPRINTS)  # readers see the whole record or none


def fingerprint(folder: Path, name: str) -> str:
    """The sha256 of `folder/name`, from the build-time record when there is one."""
    record = folder / FINGERPRINTS
    if record.exists():
        known = json.loads(record.read_text(encoding="utf-8"))
        if name in known:
            return str(known[name])
    return sha256_of(folder / name)
