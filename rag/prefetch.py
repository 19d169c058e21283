"""Embeddings that load on first use and can start embedding texts ahead, in a background thread.

Ingest knows a batch's passage texts before the spaCy parse of that batch starts; embedding them in a
second thread while the parse runs puts the machine's second core to work (ONNX Runtime and most
of spaCy's parser release the GIL). The store's later `embed_documents` call then takes the vectors
from there instead of computing them again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from rag.embeddings import VectorSpace

log = logging.getLogger(__name__)

# Texts per background job. The caller that needs the vectors runs the jobs the background thread has
# not started yet, so once the parse is done both threads embed. That makes single-threaded ONNX
# sessions (WHOSAID_EMBED_THREADS=1) pay: on 258 news passages two 1-thread runs took 11.1 CPU s where
# one run on two intra-op threads took 12.5; a 30-article ingest took ~6% less CPU.
JOB = 16


class PrefetchingEmbeddings(Embeddings):
    """Wraps the embeddings `load()` returns (called once, on first use) and adds `prefetch(texts)`.

    `vector_space` names the vectors `load()` will give (rag.embeddings.vector_space), known before loading:
    the store checks it against the space it was built in without loading the model."""

    def __init__(
        self, load: Callable[[], Embeddings], vector_space: VectorSpace | None = None, adapts: bool = False
    ) -> None:
        self._load = load
        self.vector_space = vector_space
        self.adapts = adapts  # precision `auto`: an existing store's space wins (see settle_space)
        self._inner: Embeddings | None = None
        self._lock = threading.Lock()  # guards loading and the prefetch bookkeeping
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[tuple[frozenset[str], list[str], Future[dict[str, list[float]]]]] = []
        self._ready: dict[str, list[float]] = {}

    def settle_space(self, stored: VectorSpace | None, empty: bool) -> VectorSpace | None:
        """The space to embed in, given what a store holds: with `adapts`, a store of the same model keeps its
        precision (one from before spaces were recorded holds fp32); else, or for a new store, our own."""
        if self.adapts and self.vector_space and self._inner is None:
            if stored is not None and stored.model == self.vector_space.model:
                self.vector_space = stored
            elif stored is None and not empty:
                self.vector_space = self.vector_space.at("fp32")
        return self.vector_space

    @property
    def inner(self) -> Embeddings:
        with self._lock:
            if self._inner is None:
                self._inner = self._load()
            return self._inner

    def prefetch(self, texts: Sequence[str]) -> None:
        """Start embedding `texts` in the background; vectors not asked for by the next prefetch are dropped."""
        unique = sorted(dict.fromkeys(texts), key=len)  # similar lengths share a job (less padding)
        with self._lock:
            # Whatever the last batch did not use (its documents failed) is not worth keeping.
            for _, _, old in self._pending:
                old.cancel()
            self._pending, self._ready = [], {}
            if not unique:
                return
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-embed")
            for i in range(0, len(unique), JOB):
                job = unique[i : i + JOB]
                self._pending.append((frozenset(job), job, self._pool.submit(self._embed_map, job)))

    def _embed_map(self, texts: list[str]) -> dict[str, list[float]]:
        return dict(zip(texts, self.inner.embed_documents(texts), strict=True))

    def _collect(self, texts: Sequence[str]) -> dict[str, list[float]]:
        """Prefetched vectors for `texts`, waiting for a background run that holds any of them."""
        with self._lock:
            wanted = set(texts)
            waiting = [p for p in self._pending if p[0] & wanted]
            self._pending = [p for p in self._pending if not p[0] & wanted]
        # From the last job back: the ones the background thread has not started run here, meanwhile
        # it works on from the first; then wait for the jobs it did start.
        for _, job, future in reversed(waiting):
            # an error in the background run surfaces here, in the caller
            got = self._embed_map(job) if future.cancel() else future.result()
            with self._lock:
                self._ready.update(got)
        with self._lock:
            return {t: self._ready.pop(t) for t in wanted if t in self._ready}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        found = self._collect(texts) if self._pending or self._ready else {}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found |= dict(zip(missing, self.inner.embed_documents(missing), strict=True))
        return [found[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
