"""CI's answer-quality gates: every gold set, answered through `planqa eval run` with the real model (the
default backend) on real stores, holds its floor on answers correct, its ceiling on wrong answers and its floor
on negatives refused.

Six stores, each embedded once per run (about 7 minutes in all on 2 cores):
- "reports": the sample, all 62 provincial 2025/2026 reports, the national reports of 2000-2015, 2019 and 2021-2025;
- "notices": the ten policy notices bundled in eval/notices/, a genre apart, as such a deployment would have;
- "national-2016-2018": the national reports of 2016-2018, for the descriptive dev set;
- "national-1980-1999": the national reports of 1980-1999, for dev10;
- "notices2": the twelve central and provincial notices of eval/notices2/, for notices2;
- "notices-test": the ten city and district notices of eval/notices_test/, for the held-out notices_test.

The floors are the figures measured when they were set, less a small margin for the int8 model on another CPU.
`dev`, `dev2`, …, `dev10`, `notices`, `notices2`, `descriptive` and `descriptive2` are tuned on;
`test`, `test2` and `notices_test` are not (see the README's "Gold sets")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, MODEL_CACHE, ROOT, SAMPLE

GOLD = ROOT / "eval" / "gold"
NATIONAL = CORPUS / "national" / "txt"


def _national(*years: int) -> list[Path]:
    return [p for y in years for p in sorted(NATIONAL.glob(f"{y}_*.txt"))]


STORES = {
    "reports": lambda: [SAMPLE, CORPUS / "provincial-2025" / "txt", CORPUS / "provincial-2026" / "txt",
                        *_national(*range(2000, 2016), 2019, 2021, 2022, 2023, 2024, 2025)],
    "notices": lambda: sorted((ROOT / "eval" / "notices").glob("*.txt")),  # not SOURCES.md: it lists them all
    "national-2016-2018": lambda: _national(2016, 2017, 2018),
    "national-1980-1999": lambda: _national(*range(1980, 2000)),
    "notices2": lambda: sorted((ROOT / "eval" / "notices2").glob("*.txt")),
    "notices-test": lambda: sorted((ROOT / "eval" / "notices_test").glob("*.txt")),
}
# set: (store, least answer-correct share, most wrong share, least not-found recall)
GATES = {
    "sample": ("reports", 0.97, 0.01, 1.0),
    "corpus": ("reports", 0.96, 0.0, 1.0),
    "dev": ("reports", 0.96, 0.02, 1.0),
    "dev2": ("reports", 0.95, 0.03, 1.0),
    # the held-out set of sessions 2-4, reported four times, then read and tuned on (session 5)
    "dev3": ("reports", 0.93, 0.06, 1.0),
    "notices": ("notices", 0.7, 0.06, 1.0),
    # descriptive answers are the weakest kind on the held-out set (README, "What still fails")
    "descriptive": ("national-2016-2018", 0.78, 0.14, 1.0),
    "descriptive2": ("reports", 0.85, 0.07, 1.0),
    # the held-out set of session 5 (national 2010-2015, 宁夏), read and tuned on in session 6
    "dev4": ("reports", 0.78, 0.03, 1.0),
    # the held-out set of session 6 (national 2005-2009), read and tuned on in session 7: measured 0.650 correct,
    # 7.5 % wrong, 10/11 negatives refused (session 9: 0.713, 5 %, 11/11)
    "dev5": ("reports", 0.66, 0.08, 0.9),
    # the held-out set (session 7, national 2000-2004): a regression floor under the figure measured when it was
    # reported (0.425 correct, 12.5 % wrong, 12/12 negatives refused; session 9: 0.412, 13.8 %); the issue's
    # targets (0.85 correct, 2 % wrong) are far from met
    "test": ("reports", 0.39, 0.15, 0.9),
    # written blind by a helper in session 8 (2025/2026 reports of 甘肃, 吉林, 福建, 陕西, 青海, 内蒙古), tuned on:
    # measured 0.708 correct, 9.7 % wrong, 8/10 negatives refused (session 9: 0.806, 4.2 %, 10/10)
    "dev6": ("reports", 0.76, 0.07, 0.9),
    # written blind by a helper in session 9 (2025/2026 reports of 湖北, 江西, 安徽, 山东, 辽宁, 黑龙江): measured
    # 0.722 correct, 5.6 % wrong, 9/10 negatives refused on the session's start code; then tuned on: 0.889, 1.4 %, 10/10
    "dev7": ("reports", 0.84, 0.04, 0.9),
    # held out (session 9, written blind by a helper: 2025/2026 reports of 河南, 湖南, 广东, 四川, 重庆, 河北), never
    # read: a regression floor under the figure reported (0.750 correct, 7 wrong of 72, 10/10 negatives refused)
    "test2": ("reports", 0.70, 0.12, 0.9),
    # written blind by a helper in session 10 (2025/2026 reports of 北京, 天津, 上海, 江苏, 浙江, 山西): measured 0.583
    # correct, 4.2 % wrong, 8/10 negatives refused on the session's start code; then tuned on: 0.819, 0 %, 10/10
    "dev8": ("reports", 0.78, 0.03, 0.9),
    # written blind by a helper in session 12 (2025/2026 reports of 云南, 广西, 海南, 贵州, 西藏, 宁夏, 新疆): measured
    # 0.611 correct, 11.1 % wrong, 10/10 negatives refused on the session's start code; then tuned on: 0.931, 0 %, 10/10
    "dev9": ("reports", 0.88, 0.02, 0.9),
    # written blind by a helper in session 14 (national reports of 1980-1999: Chinese-numeral years and figures,
    # spaced-out digits, numbered lists): measured 0.292 correct, 15.3 % wrong, 9/10 negatives refused on the
    # session's start code (full corpus); then tuned on: 0.542, 5.6 %, 10/10 on this store
    "dev10": ("national-1980-1999", 0.50, 0.07, 0.9),
    # written blind by a helper in session 15 (12 central and provincial notices): measured 0.438 correct, 9 wrong
    # of 48, 6/6 negatives refused on the session's start code; then tuned on: 0.750, 2 wrong (4.2 %), 6/6
    "notices2": ("notices2", 0.70, 0.05, 1.0),
    # held out (session 15, written blind by a helper: ten city and district notices), never read: a regression
    # floor under the figure reported (0.575 correct, 1 wrong of 40, 6/6 negatives refused; start code 0.425, 1)
    "notices_test": ("notices-test", 0.52, 0.05, 1.0),
}

pytestmark = [
    pytest.mark.integration,
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "provincial-2026" / "txt").is_dir(), reason="../shared/corpus is absent"),
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, built_models):
    """Each store is ingested the first time a gate needs it."""
    from planqa_cli.main import main

    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            data = tmp_path_factory.mktemp(name)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
                assert main(["--data-dir", str(data), "ingest", *map(str, STORES[name]())]) == 0
            made[name] = data
        return made[name]

    return get


@pytest.mark.parametrize("name", list(GATES))
def test_gold_set_holds_its_gate(name, stores, tmp_path, monkeypatch):
    from planqa_cli.main import main

    monkeypatch.setenv("PLANQA_MODEL_CACHE_DIR", str(MODEL_CACHE))
    store, least, most_wrong, refused = GATES[name]
    report = tmp_path / name
    args = ["--data-dir", str(stores(store)), "eval", "run", "--gold", str(GOLD / f"{name}.jsonl"),
            "--no-baselines", "--report", str(report), "--min-answer", str(least), "--max-wrong", str(most_wrong),
            "--min-not-found", str(refused)]
    code = main(args)
    overall = json.loads((report / "metrics.json").read_text(encoding="utf-8"))["overall"]
    assert code == 0, f"{name}: {overall}"
