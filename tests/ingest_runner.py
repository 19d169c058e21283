"""`python -m tests.ingest_runner [whosaid args]`: the real CLI with fake models, for subprocess tests.

Fakes enter through the real seams (make_embeddings, make_extractor). WHOSAID_TEST_HANG_AT_BATCH=N makes
the N-th batch hang after its statements and passages are stored but before its document records, and
touches WHOSAID_TEST_MARKER, so a test can `kill -9` the process at exactly that point.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.records import Chunk, Document, Statement

QUOTE = re.compile(r"“([^”]+)”")
SPEAKER = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+) said")


class QuoteExtractor:
    """Every “curly quote” is a direct statement by the first 'First Last said' of its document."""

    def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
        out = []
        for doc, spans in zip(docs, skip, strict=True):
            m = SPEAKER.search(doc.text)
            speaker = m.group(1) if m else ""
            quotes = [q for q in QUOTE.finditer(doc.text) if not any(s <= q.start(1) < e for s, e in spans)]
            out.append([Statement(doc.doc_id, q.group(1), q.start(1), q.end(1), speaker=speaker) for q in quotes])
        return out


def install() -> None:
    """Patch the model factories (and, when asked, the store's write of passages) in this process."""
    import index.build
    import index.extract
    import rag.embeddings
    from rag.store import Store
    from tests.fakes import BagOfWordsEmbeddings

    rag.embeddings.make_embeddings = lambda settings: BagOfWordsEmbeddings()  # type: ignore[assignment]
    index.extract.make_extractor = lambda settings: QuoteExtractor()  # type: ignore[assignment]
    index.build.BATCH_DOCS = int(os.environ.get("WHOSAID_TEST_BATCH_DOCS", index.build.BATCH_DOCS))
    hang_at = int(os.environ.get("WHOSAID_TEST_HANG_AT_BATCH", "0"))
    if not hang_at:
        return
    marker = Path(os.environ["WHOSAID_TEST_MARKER"])
    original = Store.add_chunks
    calls = {"n": 0}

    def add_chunks(self: Store, chunks: Sequence[Chunk], *args: Any, **kwargs: Any) -> None:
        original(self, chunks, *args, **kwargs)
        calls["n"] += 1
        if calls["n"] == hang_at:
            marker.write_text("statements and passages of this batch stored; document records not yet")
            time.sleep(600)

    Store.add_chunks = add_chunks  # type: ignore[method-assign]


if __name__ == "__main__":
    install()
    from cli import main

    main(prog_name="whosaid")
