"""`whosaid bench extract`: statement extraction throughput (articles/s), and how much of it is the parse."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

from rag.settings import Settings


def median_seconds(fn: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """Median wall seconds of `rounds` calls of fn (bench_ingest.timed each), and the last call's result."""
    from index.bench_ingest import timed

    runs = [timed(fn) for _ in range(rounds)]
    return statistics.median(secs for secs, _ in runs), runs[-1][1]


def run_extract_bench(articles: int, rounds: int, settings: Settings, batch_size: int = 16) -> Iterator[str]:
    """Human lines, then one JSON line: parse alone vs full extraction (parse + rules + resolution)."""
    from index.bench_ingest import load_corpus
    from index.extract import RulesExtractor, extract_doc
    from index.nlp import load_nlp

    corpus = load_corpus(articles)
    docs = list(corpus.docs)
    n = len(docs)
    yield f"whosaid bench extract on {os.cpu_count()} cores: {n} articles, {corpus.chars:,} chars from {corpus.name}"
    started = time.perf_counter()
    nlp = load_nlp(settings)
    nlp("Warm up, said the bench.")
    load_s = time.perf_counter() - started
    yield f"  spaCy pipeline {nlp.meta.get('name', '?')} loaded in {load_s:.1f} s; pipes {', '.join(nlp.pipe_names)}"

    parse_s, parsed = median_seconds(lambda: list(nlp.pipe((d.text for d in docs), batch_size=batch_size)), rounds)
    rules_s, found = median_seconds(
        lambda: [s for sd, d in zip(parsed, docs, strict=True) for s in extract_doc(sd, d, ())], rounds
    )
    extractor = RulesExtractor(settings, batch_size=batch_size)
    full_s, per_doc = median_seconds(lambda: extractor.extract(docs, []), rounds)
    statements = sum(len(x) for x in per_doc)
    figures = {
        "cores": os.cpu_count(), "corpus": corpus.name, "articles": n, "chars": corpus.chars, "rounds": rounds,
        "statements": statements, "rules_statements": len(found),
        "parse_s": parse_s, "rules_s": rules_s, "extract_s": full_s,
        "articles_per_s": n / full_s if full_s else 0.0,
        "statements_per_s": statements / full_s if full_s else 0.0,
        "parse_articles_per_s": n / parse_s if parse_s else 0.0,
        "parse_share": parse_s / full_s if full_s else 0.0, "model_load_s": load_s,
    }  # fmt: skip
    yield (
        f"  median of {rounds}: extraction {figures['articles_per_s']:.2f} articles/s, "
        f"{figures['statements_per_s']:.1f} statements/s ({statements} statements); "
        f"parse alone {figures['parse_articles_per_s']:.2f} articles/s = {figures['parse_share']:.0%} of extraction; "
        f"rules + resolution {rules_s:.2f} s"
    )
    yield json.dumps(figures)
