"""Deterministic fakes entering through the same seams as the real backends."""

from __future__ import annotations

import hashlib
import math
import re

from langchain_core.embeddings import Embeddings

WORD = re.compile(r"[a-z0-9]+")


class BagOfWordsEmbeddings(Embeddings):
    """Hashes each lower-cased word into one of `size` buckets and normalises: texts that share words are
    close, texts that share none are orthogonal, so the expected nearest neighbour is obvious."""

    def __init__(self, size: int = 256) -> None:
        self.size = size

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.size
        for w in WORD.findall(text.lower()):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.size] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
