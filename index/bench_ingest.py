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
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def whosaid_ingest(corpus: Corpus, settings: Settings, embeddings: Any) -> dict[str, float]:
    """index.build.ingest_documents into a fresh embedded store under settings.data_dir (models loaded)."""
    from index.build import ingest_documents
    from index.extract import make_extractor
    from rag.store import Store

    store = Store.open(settings, embeddings=embeddings)
    secs, report = timed(lambda: ingest_documents(corpus.docs, settings, store, make_extractor(settings)))
    return {"seconds": secs, "statements": report.statements, "passages": report.passages,
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
        return {"seconds": secs, "chunks": chunks}


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
    return {"seconds": secs, "pieces": len(pieces)}


def warm_up(settings: Settings, embeddings: Any) -> None:
    """Load the spaCy pipeline and the embedding model before any clock starts."""
    from index.nlp import load_nlp

    load_nlp(settings)("Warm up, said the bench.")
    embeddings.embed_documents(["warm up"])


def run_ingest_bench(
    corpus: Corpus, settings: Settings, rounds: int, embeddings: Any, compare: bool = True
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(line, figures) per round, then the medians; the whosaid store of the last round stays in data_dir.

    compare=False only builds that store (for the answer benchmarks): no LangChain or raw-limit runs.
    """
    warm_up(settings, embeddings)
    rows: list[dict[str, Any]] = []
    for r in range(rounds):
        # A fresh folder per round (Chroma caches clients per path: a deleted folder would still look full).
        last = r == rounds - 1
        where = settings.data_dir if last else settings.data_dir.with_name(f"{settings.data_dir.name}-round{r}")
        ours = whosaid_ingest(corpus, settings.model_copy(update={"data_dir": where}), embeddings)
        if not compare:
            return
        plain = langchain_ingest(corpus, embeddings)
        raw = raw_limit(corpus, settings, embeddings)
        row = {"whosaid_s": ours["seconds"], "langchain_s": plain["seconds"], "raw_s": raw["seconds"],
               "statements": ours["statements"], "passages": ours["passages"], "failed": ours["failed"],
               "langchain_chunks": plain["chunks"], "raw_pieces": raw["pieces"]}  # fmt: skip
        rows.append(row)
        yield (
            f"  round {r + 1}: whosaid {row['whosaid_s']:.1f} s ({row['statements']} statements, "
            f"{row['passages']} passages), langchain {row['langchain_s']:.1f} s ({row['langchain_chunks']} chunks), "
            f"raw parse+embed {row['raw_s']:.1f} s",
            row,
        )
    n = len(corpus.docs)
    med = {k: statistics.median(r[k] for r in rows) for k in ("whosaid_s", "langchain_s", "raw_s")}
    figures = {
        "corpus": corpus.name, "articles": n, "chars": corpus.chars, "rounds": rounds,
        "statements": rows[-1]["statements"], "passages": rows[-1]["passages"],
        "whosaid_articles_per_s": n / med["whosaid_s"],
        "whosaid_statements_per_s": rows[-1]["statements"] / med["whosaid_s"],
        "langchain_articles_per_s": n / med["langchain_s"],
        "raw_limit_articles_per_s": n / med["raw_s"],
        "ratio_vs_langchain": med["langchain_s"] / med["whosaid_s"],
        "ratio_vs_raw_limit": med["raw_s"] / med["whosaid_s"],
    }  # fmt: skip
    yield "", figures
