"""A store remembers which backend and model embedded it, and refuses to be read or written with another."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, HashEmbeddings

from ingest.pipeline import Ingestor
from planqa.errors import EmbeddingMismatchError
from planqa.stores import VectorIndex
from planqa.stores.vectors import BACKEND_KEY, FINGERPRINT_KEY


class Identified(HashEmbeddings):
    def __init__(self, backend: str, fingerprint: str) -> None:
        self.identity = {"backend": backend, "fingerprint": fingerprint}


class Deferred(Identified):
    defer_identity = True


def test_a_new_store_takes_the_backend_that_first_writes_it(settings):
    Ingestor(settings, Identified("onnx-int8", "aaa")).ingest([SAMPLE])
    meta = VectorIndex(settings, HashEmbeddings()).collection.metadata
    assert meta[BACKEND_KEY] == "onnx-int8" and meta[FINGERPRINT_KEY] == "aaa"
    VectorIndex(settings, Identified("onnx-int8", "aaa"))  # the same backend opens it


def test_another_backend_is_refused_with_how_to_re_embed(settings):
    Ingestor(settings, Identified("torch", "aaa")).ingest([SAMPLE])
    with pytest.raises(EmbeddingMismatchError) as err:
        VectorIndex(settings, Identified("onnx-int8", "bbb"))
    message = str(err.value)
    assert "PLANQA_EMBEDDING_BACKEND=torch" in message and "onnx-int8" in message and "re-embed" in message


def test_another_model_of_the_same_backend_is_refused(settings):
    Ingestor(settings, Identified("onnx", "aaa")).ingest([SAMPLE])
    with pytest.raises(EmbeddingMismatchError, match="different onnx model"):
        VectorIndex(settings, Identified("onnx", "bbb"))


def test_a_lazy_model_is_checked_on_first_use_not_on_open(settings):
    ingestor = Ingestor(settings, Identified("torch", "aaa"))
    ingestor.ingest([SAMPLE])
    doc_id = next(iter(ingestor.sql.doc_ids()))
    lazy = VectorIndex(settings, Deferred("onnx-int8", "bbb"))  # `planqa docs/remove` must not load a model
    assert lazy.doc_ids() == {doc_id}
    with pytest.raises(EmbeddingMismatchError):
        lazy.search([0.0] * HashEmbeddings.dim, 3)


def test_an_emptied_store_takes_the_new_backend(settings):
    ingestor = Ingestor(settings, Identified("torch", "aaa"))
    ingestor.ingest([SAMPLE])
    for doc_id in ingestor.sql.doc_ids():
        ingestor.remove(doc_id)
    Ingestor(settings, Identified("onnx-int8", "bbb")).ingest([SAMPLE])
    assert VectorIndex(settings, HashEmbeddings()).collection.metadata[BACKEND_KEY] == "onnx-int8"


def test_a_store_from_before_backends_were_recorded_counts_as_torch(settings):
    Ingestor(settings, HashEmbeddings()).ingest([SAMPLE])  # writes no identity, like the old code
    assert BACKEND_KEY not in (VectorIndex(settings, HashEmbeddings()).collection.metadata or {})
    with pytest.raises(EmbeddingMismatchError, match="PLANQA_EMBEDDING_BACKEND=torch"):
        VectorIndex(settings, Identified("onnx-int8", "bbb"))
    VectorIndex(settings, Identified("torch", "aaa"))  # adopted, and recorded from now on
    assert VectorIndex(settings, HashEmbeddings()).collection.metadata[FINGERPRINT_KEY] == "aaa"
