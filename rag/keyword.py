"""BM25 keyword index over statements and passages (bm25s), built from the store and cached per store version."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.records import Chunk, Filters, Hit, Statement
from rag.store import date_num, statement_embed_text

if TYPE_CHECKING:
    import numpy as np

    from rag.store import Store

log = logging.getLogger(__name__)

TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOPWORDS_TEXT = """
a an the and or but if of to in on at by for with from as is are was were be been being this that these those
it its he she they them his her their we our you your i me my not no so than then there here what which who
whom whose when where why how all any both each can will just should would could do does did has have had
about into over also very
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def stem(word: str) -> str:
    """A light English stemmer: enough to match 'deliveries'/'delivery', 'F-16s'/'F-16', 'talks'/'talk'."""
    if word.endswith("'s"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and (len(word) > 3 or word[-2:-1].isdigit()):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lower-case, stop-word-free, lightly stemmed tokens (shared by the index, queries and relevance)."""
    return [stem(t) for t in TOKEN.findall(text.lower().replace("’", "'")) if t not in STOPWORDS]


@dataclass
class _Side:
    """One BM25 index with the metadata arrays its filters need."""

    retriever: object | None
    items: list[Statement] | list[Chunk]
    speaker: np.ndarray
    source: np.ndarray
    doc_id: np.ndarray
    date: np.ndarray

    def mask(self, filters: Filters | None, *, use_speaker: bool, speakers: Sequence[str] = ()) -> np.ndarray | None:
        import numpy as np

        if filters is None or filters.is_empty():
            return None
        m = np.ones(len(self.items), dtype=bool)
        if filters.speaker and use_speaker:
            m &= np.isin(self.speaker, list(speakers or [filters.speaker]))
        if filters.source:
            m &= self.source == filters.source
        if filters.doc_id:
            m &= self.doc_id == filters.doc_id
        if filters.since:
            m &= self.date >= date_num(filters.since)
        if filters.until:
            m &= self.date <= (date_num(filters.until) or 99991231)
        return m


def _side(texts: list[str], items: list[Statement] | list[Chunk], speakers: list[str]) -> _Side:
    import bm25s
    import numpy as np

    # bm25s sets its own logger to DEBUG at import, which would print under any root handler.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    retriever = None
    tokens = [tokenize(t) for t in texts]
    if any(tokens):
        retriever = bm25s.BM25()
        retriever.index(tokens, show_progress=False)
    return _Side(
        retriever=retriever,
        items=items,
        speaker=np.array(speakers, dtype=object),
        source=np.array([i.source for i in items], dtype=object),
        doc_id=np.array([i.doc_id for i in items], dtype=object),
        date=np.array([date_num(i.date) for i in items], dtype=np.int64),
    )


class KeywordIndex:
    """BM25 over statements (speaker + quote) and passages; filters are applied as masks over all scores."""

    def __init__(self, statements: Sequence[Statement], chunks: Sequence[Chunk]) -> None:
        self.statements = _side([statement_embed_text(s) for s in statements], list(statements),
                                [s.speaker for s in statements])  # fmt: skip
        self.chunks = _side([c.text for c in chunks], list(chunks), ["" for _ in chunks])

    @classmethod
    def from_store(cls, store: Store) -> KeywordIndex:
        """Scan the store once (statements and passages) and index both."""
        return cls(store.statements(), store.chunks())

    def search_statements(
        self, query: str, k: int, filters: Filters | None = None, speakers: Sequence[str] = ()
    ) -> list[Hit]:
        """Best statements first; score is the BM25 score (0 never returned); `speakers` widens the speaker filter."""
        hits = self._search(self.statements, query, k, filters, True, speakers)
        return [Hit("statement", s, sc) for s, sc in hits]

    def search_passages(self, query: str, k: int, filters: Filters | None = None) -> list[Hit]:
        """Best passages first; score is the BM25 score (the speaker filter does not apply to passages)."""
        return [Hit("passage", c, sc) for c, sc in self._search(self.chunks, query, k, filters, False)]

    @staticmethod
    def _search(
        side: _Side, query: str, k: int, filters: Filters | None, use_speaker: bool, speakers: Sequence[str] = ()
    ) -> list[tuple[Statement | Chunk, float]]:
        import numpy as np

        tokens = tokenize(query)
        if side.retriever is None or not tokens or k <= 0:
            return []
        scores = side.retriever.get_scores(tokens)  # type: ignore[attr-defined]
        mask = side.mask(filters, use_speaker=use_speaker, speakers=speakers)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(side.items[i], float(scores[i])) for i in top if scores[i] > 0]
