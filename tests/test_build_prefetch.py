"""Passages embedded ahead (while statements are extracted): each text once, and the same vectors as without."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from index.build import ingest_documents
from rag.prefetch import JOB, PrefetchingEmbeddings
from rag.records import Document
from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.test_build import FakeExtractor


class CountingEmbeddings(BagOfWordsEmbeddings):
    """The bag-of-words fake, counting each text it embeds and the threads that embedded."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()
        self.threads: set[str] = set()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.update(texts)
        self.threads.add(threading.current_thread().name)
        return super().embed_documents(texts)


PARAGRAPH = "Maria Lopez said plan {i}.{k} was sound. “We will build bridge {k} by spring {i},” she told the council."


def corpus() -> list[Document]:
    paragraphs = {i: "\n\n".join(PARAGRAPH.format(i=i, k=k) for k in range(3 + i)) for i in range(5)}
    return [Document(doc_id=f"d{i}", text=f"Story {i}.\n\n{paragraphs[i]}") for i in range(5)]


def stored_vectors(store: Store) -> dict[str, list[float]]:
    got = store.passages_vs._collection.get(include=["embeddings"])
    return {i: [round(float(x), 6) for x in v] for i, v in zip(got["ids"], got["embeddings"], strict=True)}


def test_passages_are_embedded_once_ahead_and_vectors_are_unchanged() -> None:
    settings = Settings(chunk_size=200, chunk_overlap=50)
    counting = CountingEmbeddings()
    ahead = Store(PrefetchingEmbeddings(lambda: counting))
    report = ingest_documents(corpus(), settings, ahead, FakeExtractor())
    assert report.count("ingested") == 5 and report.passages > 5
    passages = ahead.chunks()
    assert len(passages) == report.passages
    assert all(counting.seen[c.text] == 1 for c in passages)  # the prefetched vectors were used, not recomputed
    assert any(name.startswith("whosaid-embed") for name in counting.threads)  # embedded in the background

    plain = Store(BagOfWordsEmbeddings())
    ingest_documents(corpus(), settings, plain, FakeExtractor())
    assert stored_vectors(ahead) == stored_vectors(plain)
    assert {c.chunk_id for c in plain.chunks()} == {c.chunk_id for c in passages}


def test_unused_prefetches_are_dropped_and_errors_surface_in_the_caller() -> None:
    counting = CountingEmbeddings()
    emb = PrefetchingEmbeddings(lambda: counting)
    emb.prefetch(["a b", "c d"])
    emb.prefetch(["e f"])  # the first batch's vectors were never asked for: forgotten
    assert emb.embed_documents(["e f", "a b"]) == BagOfWordsEmbeddings().embed_documents(["e f", "a b"])
    assert emb.embed_documents(["e f"]) == BagOfWordsEmbeddings().embed_documents(["e f"])  # taken once, then fresh
    assert counting.seen["e f"] == 2

    class Broken(BagOfWordsEmbeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            raise RuntimeError("model crashed")

    broken = PrefetchingEmbeddings(lambda: Broken())
    broken.prefetch(["x"])
    with pytest.raises(RuntimeError, match="model crashed"):
        broken.embed_documents(["x"])


def test_the_model_loads_once_even_when_both_threads_want_it() -> None:
    loads: list[int] = []

    def load() -> BagOfWordsEmbeddings:
        loads.append(1)
        return BagOfWordsEmbeddings()

    emb = PrefetchingEmbeddings(load)
    emb.prefetch(["one two"])
    emb.embed_documents(["three"])
    emb.embed_documents(["one two"])
    assert emb.embed_query("q") == BagOfWordsEmbeddings().embed_query("q")
    assert loads == [1]


def test_the_caller_embeds_the_jobs_the_background_thread_has_not_started() -> None:
    started = threading.Event()  # the background thread is inside its first job
    release = threading.Event()  # the caller has embedded a job of its own

    class Slow(CountingEmbeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            if threading.current_thread().name.startswith("whosaid-embed"):
                started.set()
                release.wait(timeout=10)
            else:
                release.set()
            return super().embed_documents(texts)

    slow = Slow()
    emb = PrefetchingEmbeddings(lambda: slow)
    texts = [f"passage number {i} " + "word " * i for i in range(3 * JOB)]
    emb.prefetch(texts)
    assert started.wait(timeout=10)
    assert emb.embed_documents(texts) == BagOfWordsEmbeddings().embed_documents(texts)
    assert all(slow.seen[t] == 1 for t in texts)  # every text once, by one thread or the other
    assert len(slow.threads) == 2  # the background thread took the first job, the caller the rest
