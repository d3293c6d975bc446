"""The exported encoder under onnxruntime, as a langchain `Embeddings` (numpy only: no torch in this process).

It reproduces the sentence-transformers pipeline it was exported from: the same "query: "/"passage: " prompts,
the same tokenizer.json truncated to the model's max length, mean pooling over the attention mask (prompt
tokens included, as sentence-transformers does), then L2 normalisation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from planqa.embedding.onnx_export import CONFIG_FILE


class OnnxEmbeddings(Embeddings):
    def __init__(self, folder: Path, model_file: str, batch_size: int = 32, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        self.model_path = str(folder / model_file)
        self.batch_size = batch_size
        self.normalize = bool(config.get("normalize", True))
        prompts = config.get("prompts") or {}
        self._query_prompt = str(prompts.get("query", ""))
        self._passage_prompt = str(prompts.get("passage", ""))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # padded per length-sorted batch below, not to the longest of all texts
        self.tokenizer.enable_truncation(int(config.get("max_length", 512)))
        self._pad_id = self.tokenizer.token_to_id("<pad>") or 0

        options = ort.SessionOptions()
        # Batches are one big matmul chain: all cores on one op beats running ops side by side.
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(self.model_path, options, providers=["CPUExecutionProvider"])
        self._dimension: int | None = None

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self._dimension = len(self.embed_query("dimension"))
        return self._dimension

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=True)
        # Longest first, in batches of similar length: padding (wasted compute) stays small.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        out = np.empty((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.full((len(batch), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            (hidden,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            if out.shape[1] == 0:
                out = np.empty((len(texts), pooled.shape[1]), dtype=np.float32)
            out[batch] = pooled
        if self.normalize:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self._passage_prompt + t for t in texts]).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prompt + text])[0].tolist()
