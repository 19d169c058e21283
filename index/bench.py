"""`whosaid bench`: ingest throughput (vs plain LangChain, vs the raw limit), answer latency at scale,
concurrency, memory and cold start. Figures only, never assertions; one JSON object last."""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rag.settings import Settings

log = logging.getLogger(__name__)

FULL: dict[str, Any] = {"articles": 100, "rounds": 3, "scales": (10_000, 100_000), "questions": 30}
QUICK: dict[str, Any] = {"articles": 30, "rounds": 1, "scales": (1_000, 5_000), "questions": 10}
PARTS = ("ingest", "ask", "concurrency", "cold")


def whosaid_cmd() -> list[str]:
    """The installed console script next to this interpreter, else `python -m cli`."""
    script = Path(sys.executable).with_name("whosaid")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def wall(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one command run to completion (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def cold_start(data_dir: Path | None, question: str, repeats: int) -> dict[str, float]:
    """Median wall time of `whosaid --help` and of a first `whosaid ask` in a fresh process."""
    cmd = whosaid_cmd()
    out = {"help_s": statistics.median(wall([*cmd, "--help"]) for _ in range(max(repeats, 3)))}
    if data_dir is not None:
        env = os.environ | {"WHOSAID_DATA_DIR": str(data_dir)}
        out["first_answer_s"] = statistics.median(wall([*cmd, "ask", question, "--json"], env) for _ in range(repeats))
    return out


def run_bench(
    quick: bool = False, parts: Sequence[str] = PARTS, articles: int | None = None, rounds: int | None = None,
    scales: Sequence[int] | None = None, settings: Settings | None = None,
) -> Iterator[str]:  # fmt: skip
    """Human lines as the figures come in, then one JSON line with all of them."""
    from index.bench_answer import peak_rss_mb, questions_from, run_concurrency, run_scale_bench
    from index.bench_ingest import load_corpus, run_ingest_bench
    from rag.embeddings import load_embeddings, offline_environment

    offline_environment()
    plan: dict[str, Any] = dict(QUICK if quick else FULL)
    plan |= {k: v for k, v in {"articles": articles, "rounds": rounds, "scales": scales}.items() if v}
    base = settings or Settings()
    root = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    figures: dict[str, Any] = {"cores": os.cpu_count(), "quick": quick, "plan": {k: list(v) if isinstance(v, tuple)
                               else v for k, v in plan.items()}}  # fmt: skip
    yield f"whosaid bench on {os.cpu_count()} cores ({'quick' if quick else 'full'}); scratch {root}"
    try:
        s = base.model_copy(update={"data_dir": root / "base"})
        # Every part needs the real store the ingest part builds (with one round when ingest is not measured).
        embeddings = load_embeddings(s)
        corpus = load_corpus(int(plan["articles"]))
        yield f"ingest: {len(corpus.docs)} articles, {corpus.chars:,} characters from {corpus.name}"
        measure = "ingest" in parts
        for line, f in run_ingest_bench(corpus, s, int(plan["rounds"]) if measure else 1, embeddings, measure):
            if line:
                yield line
            elif "ingest" in parts:
                figures["ingest"] = f | {"peak_rss_mb": peak_rss_mb()}
                yield (
                    f"  median of {f['rounds']}: whosaid {f['whosaid_articles_per_s']:.2f} articles/s, "
                    f"{f['whosaid_statements_per_s']:.1f} statements/s; plain LangChain "
                    f"{f['langchain_articles_per_s']:.2f} articles/s (ratio {f['ratio_vs_langchain']:.2f}x, "
                    f"target >= 1.0); raw parse+embed {f['raw_limit_articles_per_s']:.2f} articles/s "
                    f"(ratio {f['ratio_vs_raw_limit']:.2f}x, target >= 0.8)"
                )
        from rag.chain import Assistant
        from rag.store import Store

        base_store = Store.open(s, embeddings=embeddings)
        questions = questions_from(base_store, int(plan["questions"]))
        if "ask" in parts:
            yield "answer latency, warm, extractive (targets at 100k: p50 <= 50 ms, p95 <= 150 ms, RSS <= 2 GB):"
            figures["ask"] = {}
            for line, f in run_scale_bench(s, list(plan["scales"]), embeddings, root, int(plan["questions"])):
                figures["ask"][str(f["statements"])] = f
                yield line
        if "concurrency" in parts:
            assistant = Assistant(s, store=base_store)
            assistant.ask(questions[0])  # warm: the server measures answering, not index building
            f = run_concurrency(s, assistant, questions)
            figures["concurrency"] = f
            yield (
                f"concurrency: {f['requests']} parallel POST /api/ask -> {f['errors']} errors, "
                f"p50 {f['p50_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms, all done in {f['wall_s']:.1f} s"
            )
        if "cold" in parts:
            f = cold_start(s.data_dir, questions[0], repeats=1 if quick else 3)
            figures["cold"] = f
            yield (
                f"cold start: whosaid --help {f['help_s']:.2f} s (target < 1 s); first answer in a fresh process "
                f"{f.get('first_answer_s', float('nan')):.1f} s"
            )
        figures["peak_rss_mb"] = peak_rss_mb()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    yield json.dumps(figures, default=str)
