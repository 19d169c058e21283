"""20 simultaneous POST /api/ask against a live uvicorn server with the real Assistant: no errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.web_corpus import populate

PARALLEL = 20
QUESTIONS = [
    "Who said there is no point in giving the enemy a pause to regroup?",
    "What did Lavrov say about the ceasefire?",
    "Who talked about the harbour?",
    "What was said about bread prices?",
]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server_url(isolated_data_dir: Path) -> Iterator[str]:
    """app.build_app over the real Assistant (fake embeddings), served by uvicorn on a free 127.0.0.1 port."""
    import uvicorn

    from app import build_app
    from rag.chain import Assistant

    settings = Settings(data_dir=isolated_data_dir, rate_limit_visitor="10000/minute", rate_limit_origin="10000/minute")
    assistant = Assistant(settings, store=populate(Store(BagOfWordsEmbeddings())))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(build_app(settings, assistant), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.mark.server
def test_parallel_asks_all_succeed(server_url: str) -> None:
    import httpx

    def ask(i: int) -> tuple[int, dict[str, object]]:
        r = httpx.post(f"{server_url}/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}, timeout=120)
        return r.status_code, r.json()

    with ThreadPoolExecutor(PARALLEL) as pool:  # all requests are in flight at once
        results = list(pool.map(ask, range(PARALLEL)))

    assert [code for code, _ in results] == [200] * PARALLEL, [body for code, body in results if code != 200]
    by_question: dict[str, set[str]] = {}
    for _, body in results:
        assert body["question"] in QUESTIONS
        by_question.setdefault(str(body["question"]), set()).add(str(body["answer"]))
    # concurrency changes nothing: the same question gets the same answer every time
    assert all(len(answers) == 1 for answers in by_question.values()), by_question
    first = next(body for _, body in results if body["question"] == QUESTIONS[0])
    assert not first["abstained"] and first["citations"]
