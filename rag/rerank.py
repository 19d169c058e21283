"""RERANKERS registry: `none` (default, keeps the fused order) | `cross-encoder` (a model name; needs internet)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from rag.errors import ConfigError, ModelUnavailableError, unknown_choice
from rag.records import Hit
from rag.retrieve import Retrieved, item_text
from rag.settings import Settings

log = logging.getLogger(__name__)


class Reranker(Protocol):
    def rerank(self, retrieved: Retrieved) -> Retrieved: ...


class NoReranker:
    """Keeps the fused order: no cross-encoder ships its weights in a PyPI package, so this is the default."""

    def rerank(self, retrieved: Retrieved) -> Retrieved:
        return retrieved


class CrossEncoderReranker:
    """Reorders hits by a sentence-transformers CrossEncoder's score for (question, text); relevance is kept."""

    def __init__(self, model_name: str) -> None:
        try:
            from sentence_transformers import CrossEncoder

            self.model = CrossEncoder(model_name, device="cpu")
        except (OSError, ValueError) as e:
            raise ModelUnavailableError(
                f"Cannot load the cross-encoder '{model_name}' (it needs internet or a local folder). "
                "Set WHOSAID_RERANKER=none to answer without reranking."
            ) from e

    def rerank(self, retrieved: Retrieved) -> Retrieved:
        hits: Sequence[Hit] = retrieved.hits
        if not hits:
            return retrieved
        scores = self.model.predict([(retrieved.query.search_text, item_text(h.item)) for h in hits])
        order = sorted(range(len(hits)), key=lambda i: -float(scores[i]))
        return replace(retrieved, hits=tuple(hits[i] for i in order))


def _cross_encoder(settings: Settings) -> Reranker:
    if not settings.cross_encoder_model:
        raise ConfigError(
            "WHOSAID_RERANKER=cross-encoder needs a model: set WHOSAID_CROSS_ENCODER_MODEL "
            "(e.g. cross-encoder/ms-marco-MiniLM-L-6-v2, downloaded from the Hugging Face hub), or use reranker none."
        )
    return CrossEncoderReranker(settings.cross_encoder_model)


RERANKERS: dict[str, Callable[[Settings], Reranker]] = {
    "none": lambda settings: NoReranker(),
    "cross-encoder": _cross_encoder,
}


def make_reranker(settings: Settings) -> Reranker:
    """The reranker the settings name; an unknown name lists the valid ones."""
    try:
        factory = RERANKERS[settings.reranker]
    except KeyError:
        raise unknown_choice("reranker", settings.reranker, list(RERANKERS)) from None
    return factory(settings)
