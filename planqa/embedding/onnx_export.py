"""Export a sentence-transformers folder (BERT + mean pooling) to ONNX, fp32 and dynamic int8.

sentence-transformers' own `backend="onnx"` needs optimum-onnx, which pins transformers < 4.58; this stack uses
transformers 5. The TorchScript exporter (`dynamo=False`) on a wrapper that calls the BERT with keyword
arguments works on the current stack. Pooling and normalisation stay outside the graph (numpy at run time), so
the graph is the encoder alone and both files share one runtime path.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from planqa.embedding.files import write_fingerprints

FP32_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
CONFIG_FILE = "planqa_onnx.json"
OPSET = 17


class OnnxExportError(ValueError):
    """The sentence-transformers folder is not a shape the ONNX backend reproduces (BERT + mean pooling)."""


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def describe_st_folder(st_dir: Path) -> dict:
    """Where the transformer lives, its prompts and max length; refuses pipelines we would not reproduce."""
    modules = _read_json(st_dir / "modules.json")
    kinds = {m["type"].rsplit(".", 1)[-1]: st_dir / m.get("path", "") for m in modules}
    if "Transformer" not in kinds or "Pooling" not in kinds:
        raise OnnxExportError(f"{st_dir}: expected Transformer + Pooling modules, found {sorted(kinds)}")
    pooling = _read_json(kinds["Pooling"] / "config.json")
    # sentence-transformers 6 writes pooling_mode; older versions wrote one boolean per mode.
    mean = pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens")
    if not mean or not pooling.get("include_prompt", True):
        raise OnnxExportError(f"{st_dir}: the ONNX backend implements mean pooling over all tokens only")
    st_config = _read_json(st_dir / "config_sentence_transformers.json")
    bert_config = _read_json(kinds["Transformer"] / "sentence_bert_config.json")
    tokenizer_config = _read_json(kinds["Transformer"] / "tokenizer_config.json")
    max_length = bert_config.get("max_seq_length") or tokenizer_config.get("model_max_length") or 512
    return {
        "transformer_dir": str(kinds["Transformer"]),
        "prompts": st_config.get("prompts") or {},
        "max_length": min(int(max_length), 512),
        "normalize": "Normalize" in kinds,
    }


def export_onnx(st_dir: Path, out: Path) -> None:
    """Write model.onnx, model_int8.onnx, tokenizer.json and the run-time config into `out`."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    info = describe_st_folder(st_dir)
    transformer_dir = Path(info["transformer_dir"])
    if not (transformer_dir / "tokenizer.json").exists():
        raise OnnxExportError(f"{transformer_dir}: no tokenizer.json (a fast tokenizer is needed)")
    bert = AutoModel.from_pretrained(str(transformer_dir), attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            # Keyword arguments: positionally, the second argument of BertModel is not the mask.
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    with torch.inference_mode():
        torch.onnx.export(
            Encoder(bert),
            (ids, mask),
            str(out / FP32_FILE),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    del bert
    quantize_dynamic(str(out / FP32_FILE), str(out / INT8_FILE), weight_type=QuantType.QInt8)
    shutil.copy2(transformer_dir / "tokenizer.json", out / "tokenizer.json")
    config = {k: info[k] for k in ("prompts", "max_length", "normalize")}
    (out / CONFIG_FILE).write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    write_fingerprints(out, [FP32_FILE, INT8_FILE])
