"""Ingest survives `kill -9`: the run after the kill leaves the same store as one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings

ROOT = Path(__file__).resolve().parent.parent
N_DOCS = 40
BATCH_DOCS = 5
NAMES = ["Alma Reyes", "Tomas Berg", "Ilse Varga", "Omar Quist", "Lena Horvat"]
TOPICS = ["the harbour bridge", "bread prices", "the ceasefire", "school meals", "the night trains"]


def write_corpus(folder: Path) -> None:
    """N_DOCS small articles with quotes, as .txt files with front matter."""
    folder.mkdir()
    for i in range(N_DOCS):
        name, topic = NAMES[i % len(NAMES)], TOPICS[(i * 3) % len(TOPICS)]
        body = (
            f"Article {i} about {topic}.\n\n“We will decide on {topic} by week {i},” {name} said on Monday. "
            f"Critics disagreed. “Number {i} is not enough,” {name} said later.\n"
        )
        (folder / f"a{i:02d}.txt").write_text(f"---\ntitle: Story {i}\ndate: 2024-03-{1 + i % 28:02d}\n---\n{body}")


def run_ingest(data: Path, corpus: Path, **env: str) -> subprocess.Popen[bytes]:
    """`whosaid --data-dir DATA ingest CORPUS --quiet` with fake models, in a subprocess."""
    full_env = os.environ | {"WHOSAID_TEST_BATCH_DOCS": str(BATCH_DOCS), "PYTHONPATH": str(ROOT)} | env
    cmd = [sys.executable, "-m", "tests.ingest_runner", "--data-dir", str(data), "ingest", str(corpus), "--quiet"]
    return subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen[bytes]) -> str:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode(errors="replace")[-3000:]
    return out.decode()


def snapshot(data: Path) -> dict[str, Any]:
    """Everything the store holds: ids, metadata and texts of every collection."""
    store = Store.open(Settings(data_dir=data), embeddings=BagOfWordsEmbeddings())

    def dump(collection: Any) -> dict[str, tuple[str, dict[str, Any]]]:
        got = collection.get(include=["documents", "metadatas"])
        return {i: (t, dict(m)) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}

    return {
        "counts": store.counts(),
        "documents": dump(store.documents),
        "statements": dump(store.statements_vs._collection),
        "passages": dump(store.passages_vs._collection),
    }


def test_kill_9_mid_ingest_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)

    clean = tmp_path / "clean"
    finish(run_ingest(clean, corpus))
    expected = snapshot(clean)
    assert expected["counts"]["documents"] == N_DOCS
    assert expected["counts"]["statements"] == 2 * N_DOCS

    # Kill the process while batch 3 has its statements and passages stored but no document records.
    resumed = tmp_path / "resumed"
    marker = tmp_path / "hanging"
    proc = run_ingest(resumed, corpus, WHOSAID_TEST_HANG_AT_BATCH="3", WHOSAID_TEST_MARKER=str(marker))
    deadline = time.monotonic() + 240
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1].decode(errors="replace")[-3000:]
        assert time.monotonic() < deadline, "the ingest never reached batch 3"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    partial = snapshot(resumed)
    assert partial["counts"]["documents"] == 2 * BATCH_DOCS  # batches 1 and 2 complete, 3 unrecorded
    assert partial["counts"]["statements"] == 3 * BATCH_DOCS * 2  # batch 3's statements did land
    assert 0 < partial["counts"]["documents"] < N_DOCS

    summary = finish(run_ingest(resumed, corpus))
    assert f"{N_DOCS - 2 * BATCH_DOCS} documents ingested" in summary
    got = snapshot(resumed)
    assert got["counts"] == expected["counts"]
    assert got == expected  # same ids, metadata and texts: nothing missing, nothing twice

    # and a third run adds nothing
    assert "0 documents ingested" in finish(run_ingest(resumed, corpus))
    assert snapshot(resumed) == expected
