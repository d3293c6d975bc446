"""CI's answer-quality gates: every gold set, answered through `planqa eval run` with the real model (the
default backend) on a real store of 69 reports (the sample, all 62 provincial 2025/2026 reports, the national
reports of 2019 and 2021-2025), holds its floor on answers correct and its ceiling on wrong answers.

The floors are the figures measured when they were set, less a small margin for the int8 model on another CPU;
`dev`/`dev2` are tuned on, `test` is not (see the README's "Gold sets"). The store takes about 5 minutes to
embed on 2 cores, once per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, MODEL_CACHE, ROOT, SAMPLE

GOLD = ROOT / "eval" / "gold"
NOTICES = ROOT / "eval" / "notices"
NATIONAL_YEARS = (2019, 2021, 2022, 2023, 2024, 2025)
# set: (least answer-correct share, most wrong share); negatives must all be refused on every set
GATES = {
    "sample": (0.97, 0.01),
    "corpus": (0.96, 0.0),
    "dev": (0.94, 0.02),
    "dev2": (0.93, 0.03),
    "test": (0.80, 0.07),
}

pytestmark = [
    pytest.mark.integration,
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "provincial-2026" / "txt").is_dir(), reason="../shared/corpus is absent"),
]


def corpus_files() -> list[Path]:
    national = [p for y in NATIONAL_YEARS for p in sorted((CORPUS / "national" / "txt").glob(f"{y}_*.txt"))]
    return [SAMPLE, CORPUS / "provincial-2025" / "txt", CORPUS / "provincial-2026" / "txt", *national]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, built_models) -> Path:
    from planqa_cli.main import main

    data = tmp_path_factory.mktemp("gold-store")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
        assert main(["--data-dir", str(data), "ingest", *map(str, corpus_files())]) == 0
    return data


@pytest.mark.parametrize("name", sorted(GATES))
def test_gold_set_holds_its_gate(name, corpus_store, tmp_path, monkeypatch):
    from planqa_cli.main import main

    monkeypatch.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
    least, most_wrong = GATES[name]
    report = tmp_path / name
    args = ["--data-dir", str(corpus_store), "eval", "run", "--gold", str(GOLD / f"{name}.jsonl"), "--no-baselines",
            "--report", str(report), "--min-answer", str(least), "--max-wrong", str(most_wrong),
            "--min-not-found", "1.0"]
    code = main(args)
    overall = json.loads((report / "metrics.json").read_text(encoding="utf-8"))["overall"]
    assert code == 0, f"{name}: {overall}"


@pytest.fixture(scope="module")
def notice_store(tmp_path_factory, built_models) -> Path:
    from planqa_cli.main import main

    data = tmp_path_factory.mktemp("notice-store")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
        assert main(["--data-dir", str(data), "ingest", str(NOTICES)]) == 0
    return data


def test_notice_set_holds_its_gate(notice_store, tmp_path, monkeypatch):
    """Policy notices (the bundled ten): a genre apart, with its own store, as such a deployment would have."""
    from planqa_cli.main import main

    monkeypatch.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
    report = tmp_path / "notices"
    args = ["--data-dir", str(notice_store), "eval", "run", "--gold", str(GOLD / "notices.jsonl"), "--no-baselines",
            "--report", str(report), "--min-answer", "0.55", "--max-wrong", "0.075", "--min-not-found", "1.0"]
    assert main(args) == 0, json.loads((report / "metrics.json").read_text(encoding="utf-8"))["overall"]
