"""The real extractor run on one text: shared by the model-tier extraction tests (fixture in conftest.py)."""

from __future__ import annotations

from index.extract import StatementExtractor
from rag.records import Document, Statement


def run(extractor: StatementExtractor, text: str, skip: list[tuple[int, int]] | None = None) -> list[Statement]:
    """Statements the extractor finds in `text` as document "t", none starting inside `skip`."""
    return extractor.extract([Document("t", text)], [skip or []])[0]
