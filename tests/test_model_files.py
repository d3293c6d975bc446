"""One model build at a time across processes, atomic publication, and the ingest's model timer."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from planqa.embedding.files import build_once
from planqa.embedding.timing import TimedEmbeddings


def _complete(path: Path) -> bool:
    return (path / "done").exists()


def _slow_build(out: Path) -> None:
    # Counts builds in the models dir (out is models/.building-*/m), then writes slowly so a race would show.
    with (out.parent.parent / "builds.log").open("a") as log:
        log.write("build\n")
    (out / "weights").write_text("x" * 1000)
    time.sleep(1.0)
    (out / "done").write_text("ok")


def _build_in_child(target: str, results: multiprocessing.Queue) -> None:
    built = build_once(Path(target), _complete, _slow_build)
    results.put((_complete(built), (built / "weights").read_text() == "x" * 1000))


def test_two_processes_building_at_once_build_once_and_both_get_a_complete_model(tmp_path):
    target = tmp_path / "models" / "m"
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_build_in_child, args=(str(target), results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert [results.get(timeout=5) for _ in procs] == [(True, True), (True, True)]
    assert (target.parent / "builds.log").read_text().count("build") == 1
    assert not list(target.parent.glob(".building-*"))  # no temp folders left behind


def test_a_forced_rebuild_sets_the_old_folder_aside_instead_of_deleting_it(tmp_path):
    target = tmp_path / "models" / "m"
    build_once(target, _complete, _slow_build)
    old_file = (target / "weights").open()  # a reader in the middle of loading
    build_once(target, _complete, _slow_build, force=True)
    assert old_file.read() == "x" * 1000 and _complete(target)
    assert len(list(target.parent.glob(".stale-m-*"))) == 1


def test_a_failed_build_publishes_nothing(tmp_path):
    target = tmp_path / "models" / "m"

    def broken(out: Path) -> None:
        (out / "weights").write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        build_once(target, _complete, broken)
    assert not target.exists() and not list(target.parent.glob(".building-*"))


class _Sleepy:
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        time.sleep(0.05 * len(texts))
        return [[1.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0]


def test_the_model_timer_counts_each_thread_and_the_total():
    timed = TimedEmbeddings(_Sleepy())  # type: ignore[arg-type]
    seen: dict[str, float] = {}

    def work(name: str, n: int) -> None:
        timed.embed_documents(["x"] * n)
        seen[name] = timed.thread_seconds

    threads = [threading.Thread(target=work, args=(f"t{n}", n)) for n in (2, 6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 0.09 <= seen["t2"] < 0.25 and 0.29 <= seen["t6"] < 0.5
    assert abs(timed.seconds - seen["t2"] - seen["t6"]) < 1e-6
    assert timed.thread_seconds == 0.0  # this thread embedded nothing
