"""Ingest throughput: whosaid vs the plain LangChain pipeline vs the raw limit, on the same articles."""

from __future__ import annotations

import gzip
import json
import logging
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.records import Document
from rag.settings import Settings

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class Corpus:
    """The articles every pipeline gets, and where they came from."""

    name: str
    docs: tuple[Document, ...]

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.docs)


def _jsonl_docs(lines: Iterator[str], n: int) -> list[Document]:
    out = []
    for line in lines:
        r = json.loads(line)
        if r.get("text", "").strip():
            out.append(Document(doc_id=str(r["id"]), text=r["text"], title=r.get("title", ""),
                                date=r.get("date", ""), source=r.get("source", ""), url=r.get("url", "")))  # fmt: skip
    # an even sample over the whole file (it is sorted by date), not only its first weeks
    step = max(1, len(out) // n)
    return out[::step][:n]


def load_corpus(n: int) -> Corpus:
    """n articles: the shared news corpus when present, else PolNeAR train articles, else samples/."""
    news = SHARED / "news" / "news.jsonl.gz"
    if news.exists():
        with gzip.open(news, "rt", encoding="utf-8") as f:
            return Corpus(f"news.jsonl.gz ({n} of 7743, evenly spaced)", tuple(_jsonl_docs(f, n)))
    polnear = SHARED / "polnear" / "train_articles.jsonl"
    if polnear.exists():
        with polnear.open(encoding="utf-8") as f:
            return Corpus(f"polnear train_articles ({n})", tuple(_jsonl_docs(f, n)))
    from index.load import load_paths

    docs = [d for d in load_paths([str(ROOT / "samples")], Settings()) if isinstance(d, Document)][:n]
    return Corpus(f"samples/ ({len(docs)})", tuple(docs))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(wall seconds, result); the CPU seconds of this process (all threads) go to `last_cpu`."""
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    last_cpu[0] = time.process_time() - cpu
    return time.perf_counter() - started, out


# On a shared machine the wall clock measures the scheduler as much as the code: every run also
# reports the CPU seconds it used (all its threads), which other processes disturb far less.
last_cpu = [0.0]


def whosaid_ingest(corpus: Corpus, settings: Settings, embeddings: Any) -> dict[str, float]:
    """index.build.ingest_documents into a fresh embedded store under settings.data_dir (models loaded)."""
    from index.build import ingest_documents
    from index.extract import make_extractor
    from rag.prefetch import PrefetchingEmbeddings
    from rag.store import Store

    # The product's wrapper around the loaded model (what Store.open would build): it prefetches passages.
    store = Store.open(settings, embeddings=PrefetchingEmbeddings(lambda: embeddings))
    secs, report = timed(lambda: ingest_documents(corpus.docs, settings, store, make_extractor(settings)))
    return {"seconds": secs, "cpu": last_cpu[0], "statements": report.statements, "passages": report.passages,
            "failed": report.count("failed")}  # fmt: skip


def langchain_ingest(corpus: Corpus, embeddings: Any) -> dict[str, float]:
    """The twenty-line pipeline: RecursiveCharacterTextSplitter + HuggingFaceEmbeddings + Chroma.from_documents."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    with tempfile.TemporaryDirectory(prefix="bench-langchain-") as tmp:

        def run() -> int:
            splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
            docs = splitter.split_documents(
                [LCDocument(page_content=d.text, metadata={"id": d.doc_id, "title": d.title}) for d in corpus.docs]
            )
            client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
            Chroma.from_documents(docs, embeddings, client=client, collection_name="plain")
            return len(docs)

        secs, chunks = timed(run)
        return {"seconds": secs, "cpu": last_cpu[0], "chunks": chunks}


def raw_limit(corpus: Corpus, settings: Settings, embeddings: Any) -> dict[str, float]:
    """spaCy parse of every article (nlp.pipe, our pipeline) plus embedding its text in chunk_size pieces."""
    from index.nlp import load_nlp

    nlp = load_nlp(settings)
    size = settings.chunk_size
    pieces = [d.text[i : i + size] for d in corpus.docs for i in range(0, len(d.text), size)]

    def run() -> None:
        for _ in nlp.pipe((d.text for d in corpus.docs), batch_size=32):
            pass
        embeddings.embed_documents(pieces)

    secs, _ = timed(run)
    return {"seconds": secs, "cpu": last_cpu[0], "pieces": len(pieces)}


def plain_embeddings(settings: Settings) -> Any:
    """What a user of the twenty-line pipeline writes: HuggingFaceEmbeddings on the model folder, default torch."""
    from langchain_huggingface import HuggingFaceEmbeddings

    from rag.embeddings import resolve_model_path

    return HuggingFaceEmbeddings(model_name=resolve_model_path(settings.embed_model))


def warm_up(settings: Settings, *embeddings: Any) -> None:
    """Load the spaCy pipeline and the embedding models before any clock starts."""
    from index.nlp import load_nlp

    load_nlp(settings)("Warm up, said the bench.")
    for e in embeddings:
        e.embed_documents(["warm up"])


def run_ingest_bench(
    corpus: Corpus, settings: Settings, rounds: int, embeddings: Any, compare: bool = True
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(line, figures) per round, then the medians; the whosaid store of the last round stays in data_dir.

    compare=False only builds that store (for the answer benchmarks): no LangChain or raw-limit runs.
    """
    plain = plain_embeddings(settings) if compare else None
    warm_up(settings, embeddings, *([plain] if plain is not None else []))
    if compare:
        yield (
            f"  whosaid and the raw limit embed with {type(embeddings).__name__} (backend {settings.embed_backend}); "
            "the LangChain baseline with its own HuggingFaceEmbeddings (torch defaults)",
            {},
        )
    rows: list[dict[str, Any]] = []
    for r in range(rounds):
        # A fresh folder per round (Chroma caches clients per path: a deleted folder would still look full).
        last = r == rounds - 1
        where = settings.data_dir if last else settings.data_dir.with_name(f"{settings.data_dir.name}-round{r}")
        ours = whosaid_ingest(corpus, settings.model_copy(update={"data_dir": where}), embeddings)
        if not compare:
            return
        base = langchain_ingest(corpus, plain)
        raw = raw_limit(corpus, settings, embeddings)
        row = {"whosaid_s": ours["seconds"], "langchain_s": base["seconds"], "raw_s": raw["seconds"],
               "whosaid_cpu_s": ours["cpu"], "langchain_cpu_s": base["cpu"], "raw_cpu_s": raw["cpu"],
               "statements": ours["statements"], "passages": ours["passages"], "failed": ours["failed"],
               "langchain_chunks": base["chunks"], "raw_pieces": raw["pieces"]}  # fmt: skip
        rows.append(row)
        yield (
            f"  round {r + 1}: whosaid {row['whosaid_s']:.1f} s ({row['statements']} statements, "
            f"{row['passages']} passages), langchain {row['langchain_s']:.1f} s ({row['langchain_chunks']} chunks), "
            f"raw parse+embed {row['raw_s']:.1f} s; CPU s {row['whosaid_cpu_s']:.1f} / {row['langchain_cpu_s']:.1f} / "
            f"{row['raw_cpu_s']:.1f}",
            row,
        )
    n = len(corpus.docs)
    keys = ("whosaid_s", "langchain_s", "raw_s", "whosaid_cpu_s", "langchain_cpu_s", "raw_cpu_s")
    med = {k: statistics.median(r[k] for r in rows) for k in keys}
    figures = {
        "corpus": corpus.name, "articles": n, "chars": corpus.chars, "rounds": rounds,
        "statements": rows[-1]["statements"], "passages": rows[-1]["passages"],
        "whosaid_articles_per_s": n / med["whosaid_s"],
        "whosaid_statements_per_s": rows[-1]["statements"] / med["whosaid_s"],
        "langchain_articles_per_s": n / med["langchain_s"],
        "raw_limit_articles_per_s": n / med["raw_s"],
        "ratio_vs_langchain": med["langchain_s"] / med["whosaid_s"],
        "ratio_vs_raw_limit": med["raw_s"] / med["whosaid_s"],
        "cpu_s": {k.removesuffix("_cpu_s"): med[k] for k in keys if k.endswith("_cpu_s")},
        "cpu_ratio_vs_langchain": med["langchain_cpu_s"] / med["whosaid_cpu_s"],
        "cpu_ratio_vs_raw_limit": med["raw_cpu_s"] / med["whosaid_cpu_s"],
    }  # fmt: skip
    yield "", figures
