"""Answer latency at scale: real statements copied (vectors reused, slightly perturbed) up to N, then timed."""

from __future__ import annotations

import logging
import math
import random
import resource
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.records import stable_id
from rag.settings import Settings

log = logging.getLogger(__name__)

NOISE = 0.01  # per-dimension perturbation of a copied vector (unit vectors, 384 dims)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's current resident set size, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def rss_anon_mb() -> float:
    """This process's anonymous resident memory (heap, not mapped files such as libraries and indexes), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _dump(collection: Any) -> dict[str, list[Any]]:
    got = collection.get(include=["documents", "metadatas", "embeddings"])
    return {"ids": list(got["ids"]), "documents": list(got["documents"]), "metadatas": list(got["metadatas"]),
            "embeddings": [list(map(float, e)) for e in got["embeddings"]]}  # fmt: skip


def _perturb(vector: list[float], rng: random.Random) -> list[float]:
    v = [x + rng.gauss(0.0, NOISE) for x in vector]
    norm = math.sqrt(sum(x * x for x in v)) or 1.0
    return [x / norm for x in v]


def scale_up(base: Any, target: Any, statements: int, seed: int = 7) -> dict[str, int]:
    """Copy base's documents, statements and passages into target until it holds `statements` statements.

    Copy k of document D is D~k with the same text; vectors are the base vectors, perturbed, so nothing
    is embedded again. Ids follow the records' formulas so the read path sees ordinary records.
    """
    rng = random.Random(seed)
    src_s, src_p, src_d = (
        _dump(base.statements_vs._collection),
        _dump(base.passages_vs._collection),
        _dump(base.documents),
    )
    if not src_s["ids"]:
        raise ValueError("the base store holds no statements to scale up")
    copies = math.ceil(statements / len(src_s["ids"]))
    max_batch = int(target.client.get_max_batch_size())
    written = {"statements": 0, "passages": 0, "documents": 0}

    def put(collection: Any, kind: str, src: dict[str, list[Any]], k: int, prefix: str, limit: int | None) -> None:
        n = len(src["ids"]) if limit is None else min(len(src["ids"]), limit)
        metas, ids, embs = [], [], []
        for i in range(n):
            meta = dict(src["metadatas"][i])
            doc_id = src["ids"][i] if kind == "documents" else meta["doc_id"]
            new_doc = doc_id if k == 0 else f"{doc_id}~{k}"
            if kind == "documents":
                ids.append(new_doc)
                embs.append(src["embeddings"][i])
            else:
                meta["doc_id"] = new_doc
                ids.append(prefix + stable_id(new_doc, meta["start"], meta["end"]))
                embs.append(src["embeddings"][i] if k == 0 else _perturb(src["embeddings"][i], rng))
            metas.append(meta)
        texts = src["documents"][:n]
        for a in range(0, n, max_batch):
            b = a + max_batch
            collection.upsert(ids=ids[a:b], embeddings=embs[a:b], documents=texts[a:b], metadatas=metas[a:b])
        written[kind] += n

    for k in range(copies):
        left = statements - written["statements"]
        put(target.statements_vs._collection, "statements", src_s, k, "s-", left)
        put(target.passages_vs._collection, "passages", src_p, k, "p-", None)
        put(target.documents, "documents", src_d, k, "", None)
    return written


def questions_from(base: Any, n: int, seed: int = 11) -> list[str]:
    """Realistic who-said-what questions drawn from the base store's statements."""
    rng = random.Random(seed)
    statements = [s for s in base.statements() if len(s.quote.split()) >= 6]
    rng.shuffle(statements)
    out: list[str] = []
    for i, s in enumerate(statements):
        words = [w.strip(".,;:“”\"'") for w in s.quote.split()]
        topic = " ".join(w for w in words if len(w) > 5)[:40] or " ".join(words[:4])
        if i % 3 == 0:
            out.append(f"Who said “{' '.join(s.quote.split()[:7])}”?")
        elif s.speaker:
            out.append(f"What did {s.speaker} say about {topic}?")
        else:
            out.append(f"Who talked about {topic}?")
        if len(out) == n:
            break
    return out


def time_answers(assistant: Any, questions: list[str], warmup: list[str]) -> dict[str, float]:
    """Warm the assistant (derived indexes, model), then time each question once; milliseconds."""
    started = time.perf_counter()
    for q in warmup:
        assistant.ask(q)
    first_s = time.perf_counter() - started
    latencies = []
    for q in questions:
        t = time.perf_counter()
        assistant.ask(q)
        latencies.append((time.perf_counter() - t) * 1000)
    return {"warmup_s": first_s, "p50_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 95),
            "max_ms": max(latencies), "questions": len(latencies)}  # fmt: skip


def run_scale_bench(base_settings: Settings, scales: list[int], embeddings: Any, root: Path, n_questions: int
                    ) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
    """(line, figures) per scale: set-up time, warm p50/p95 answer latency, RSS."""
    from rag.chain import Assistant
    from rag.store import Store

    base = Store.open(base_settings, embeddings=embeddings)
    questions = questions_from(base, n_questions + 3)
    warmup, timed_qs = questions[:3], questions[3:]
    for n in scales:
        s = base_settings.model_copy(update={"data_dir": root / f"scale-{n}"})
        store = Store.open(s, embeddings=embeddings)
        t = time.perf_counter()
        written = scale_up(base, store, n)
        setup_s = time.perf_counter() - t
        assistant = Assistant(s, store=store)
        figures: dict[str, Any] = dict(time_answers(assistant, timed_qs, warmup))
        figures |= {"statements": written["statements"], "passages": written["passages"],
                    "documents": written["documents"], "setup_s": setup_s,
                    "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}  # fmt: skip
        del assistant, store
        server = server_figures(s, warmup, timed_qs)
        figures["server"] = server
        yield (
            f"  {n:>7} statements ({written['passages']} passages): p50 {figures['p50_ms']:.0f} ms, "
            f"p95 {figures['p95_ms']:.0f} ms over {figures['questions']} questions; first 3 answers "
            f"{figures['warmup_s']:.1f} s; RSS {figures['rss_mb']:.0f} MB (peak {figures['peak_rss_mb']:.0f} MB); "
            f"set-up {setup_s:.0f} s\n"
            f"           restarted server process: first answer {server['first_answer_s']:.1f} s "
            f"(open {server['open_s']:.1f} s), p50 {server['p50_ms']:.0f} ms, p95 {server['p95_ms']:.0f} ms, "
            f"RSS {server['rss_mb']:.0f} MB (heap {server['rss_anon_mb']:.0f} MB, peak {server['peak_rss_mb']:.0f} MB)",
            figures,
        )


def server_figures(settings: Settings, warmup: list[str], questions: list[str]) -> dict[str, Any]:
    """A fresh process like `whosaid serve` after a restart (one Assistant, no spaCy): first answer, warm, RSS."""
    import json
    import subprocess
    import sys

    payload = json.dumps({"data_dir": str(settings.data_dir), "prefix": settings.collection_prefix,
                          "warmup": warmup, "questions": questions})  # fmt: skip
    out = subprocess.run([sys.executable, "-m", "index.bench_answer"], input=payload, capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parent.parent)  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _server_main() -> None:
    """Entry of server_figures' child process: JSON in on stdin, JSON figures out on stdout."""
    import json
    import sys

    from rag.chain import Assistant
    from rag.embeddings import offline_environment
    from rag.store import Store

    offline_environment()
    args = json.loads(sys.stdin.read())
    s = Settings(data_dir=Path(args["data_dir"]), collection_prefix=args["prefix"])
    t = time.perf_counter()
    assistant = Assistant(s, store=Store.open(s))
    assistant.store.embed_query("warm up the model")  # loading the model is cold start, not answering
    open_s = time.perf_counter() - t
    t = time.perf_counter()
    assistant.ask(args["warmup"][0])
    first_s = time.perf_counter() - t
    figures: dict[str, Any] = dict(time_answers(assistant, args["questions"], args["warmup"][1:]))
    figures |= {"open_s": open_s, "first_answer_s": first_s, "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb(),
                "rss_anon_mb": rss_anon_mb(),
                "spacy_loaded": "spacy" in sys.modules}  # fmt: skip
    print(json.dumps(figures))


def free_port() -> int:
    """A free 127.0.0.1 port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_concurrency(settings: Settings, assistant: Any, questions: list[str], parallel: int = 20) -> dict[str, Any]:
    """`parallel` simultaneous POST /api/ask against a live uvicorn server on 127.0.0.1; ms and errors."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import uvicorn

    from app import build_app

    s = settings.model_copy(update={"rate_limit_visitor": "100000/minute", "rate_limit_origin": "100000/minute"})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_app(s, assistant), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 60 s")
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/api/ask"

        def one(i: int) -> tuple[int, float]:
            t = time.perf_counter()
            r = httpx.post(url, json={"question": questions[i % len(questions)]}, timeout=120)
            return r.status_code, (time.perf_counter() - t) * 1000

        started = time.perf_counter()
        with ThreadPoolExecutor(parallel) as pool:
            results = list(pool.map(one, range(parallel)))
        wall = time.perf_counter() - started
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    ms = [m for _, m in results]
    return {"requests": parallel, "errors": sum(1 for code, _ in results if code != 200),
            "statuses": sorted({code for code, _ in results}), "wall_s": wall,
            "p50_ms": statistics.median(ms), "p95_ms": percentile(ms, 95), "max_ms": max(ms)}  # fmt: skip


if __name__ == "__main__":
    _server_main()
