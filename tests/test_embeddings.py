"""Embedding backends: the setting, the torch fallback, and ONNX vectors equal to the torch model's."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import rag.embeddings as embeddings_module
import rag.onnx_embeddings as onnx_module
from rag.embeddings import load_embeddings, resolve_model_path
from rag.errors import ConfigError
from rag.onnx_embeddings import OnnxUnavailable, model_info
from rag.settings import Settings


def test_an_unknown_backend_lists_the_valid_ones(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="Choose one of: onnx, torch"):
        load_embeddings(settings.model_copy(update={"embed_backend": "tensorflow"}))


def test_onnx_falls_back_to_torch_with_the_reason_logged(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def unavailable(*args: object) -> None:
        raise OnnxUnavailable("export failed (no onnx package)")

    sentinel = object()
    monkeypatch.setattr(onnx_module, "load_onnx_embeddings", unavailable)
    monkeypatch.setattr(embeddings_module, "load_torch_embeddings", lambda *args: sentinel)
    with caplog.at_level(logging.WARNING, logger="rag.embeddings"):
        assert load_embeddings(settings) is sentinel
    assert "no onnx package" in caplog.text


def test_the_torch_backend_never_tries_onnx(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("onnx was tried")

    sentinel = object()
    monkeypatch.setattr(onnx_module, "load_onnx_embeddings", boom)
    monkeypatch.setattr(embeddings_module, "load_torch_embeddings", lambda *args: sentinel)
    assert load_embeddings(settings.model_copy(update={"embed_backend": "torch"})) is sentinel


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
    assert len(exports) == 1
    onnx_module._session.cache_clear()
    onnx_module._EXPORTS.clear()
    monkeypatch.setattr(onnx_module, "export", lambda *args: pytest.fail("exported twice"))
    again = onnx_module.load_onnx_embeddings(resolve_model_path(settings.embed_model), settings.cache_dir)
    assert again.embed_documents(TEXTS[:1]) == onnx.embed_documents(TEXTS[:1])
