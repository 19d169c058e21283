"""BM25 keyword index over statements and passages (bm25s), built from the store and cached per store version."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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


TOKENIZER_VERSION = 1  # bump when tokenize() changes: persisted indexes of older tokens are then rebuilt


@dataclass
class _Side:
    """One BM25 index (the precomputed per-term scores, CSC) with the metadata its filters need, as codes."""

    items: list[Statement] | list[Chunk]
    vocab: dict[str, int]
    data: np.ndarray  # BM25 score of term t in document indices[j], for j in indptr[t]:indptr[t+1]
    indices: np.ndarray
    indptr: np.ndarray
    codes: dict[str, dict[str, int]]  # field -> value -> code
    speaker: np.ndarray
    source: np.ndarray
    doc_id: np.ndarray
    date: np.ndarray

    def scores(self, tokens: Sequence[str]) -> np.ndarray | None:
        """BM25 scores of every item for the query tokens; None when no token is in the vocabulary."""
        import numpy as np

        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return None
        idx = np.concatenate([self.indices[self.indptr[i] : self.indptr[i + 1]] for i in ids])
        val = np.concatenate([self.data[self.indptr[i] : self.indptr[i + 1]] for i in ids])
        return np.bincount(idx, weights=val, minlength=len(self.items))

    def keep(
        self, rows: np.ndarray, filters: Filters | None, *, use_speaker: bool, speakers: Sequence[str] = ()
    ) -> np.ndarray:
        """The rows (item positions) that pass the filters."""
        import numpy as np

        if filters is None or filters.is_empty():
            return rows
        m = np.ones(len(rows), dtype=bool)
        if filters.speaker and use_speaker:
            m &= np.isin(self.speaker[rows], self._codes("speaker", speakers or [filters.speaker]))
        if filters.source:
            m &= np.isin(self.source[rows], self._codes("source", [filters.source]))
        if filters.doc_id:
            m &= np.isin(self.doc_id[rows], self._codes("doc_id", [filters.doc_id]))
        if filters.since:
            m &= self.date[rows] >= date_num(filters.since)
        if filters.until:
            m &= self.date[rows] <= (date_num(filters.until) or 99991231)
        return rows[m]

    def _codes(self, field: str, values: Sequence[str]) -> list[int]:
        known = self.codes[field]
        return [known[v] for v in values if v in known]


def _encode(values: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    import numpy as np

    codes: dict[str, int] = {}
    return codes, np.fromiter((codes.setdefault(v, len(codes)) for v in values), dtype=np.int32, count=len(values))


def _bm25(texts: list[str]) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """Tokenize and index: (vocabulary, data, indices, indptr) of bm25s's precomputed score matrix."""
    import bm25s
    import numpy as np

    # bm25s sets its own logger to DEBUG at import, which would print under any root handler.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    tokens = [tokenize(t) for t in texts]
    if not any(tokens):
        return {}, np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    s = retriever.scores
    return dict(retriever.vocab_dict), s["data"], s["indices"], s["indptr"]


def _texts_key(name: str, texts: Sequence[str]) -> str:
    h = hashlib.sha1(f"{name}\0{TOKENIZER_VERSION}\0{len(texts)}\0".encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:20]


def _load_or_build(
    name: str, texts: list[str], cache_dir: Path | None
) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The BM25 arrays of texts, memory-mapped from cache_dir when these exact texts were indexed before."""
    import numpy as np

    if cache_dir is None:
        return _bm25(texts)
    path = cache_dir / f"bm25-{name}-{_texts_key(name, texts)}"
    arrays = ("data", "indices", "indptr")
    if (path / "vocab.json").exists():
        try:
            vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
            data, indices, indptr = (np.load(path / f"{a}.npy", mmap_mode="r") for a in arrays)
            return vocab, data, indices, indptr
        except (OSError, ValueError) as exc:
            log.warning("rebuilding unreadable keyword index %s (%s)", path, exc)
    built = _bm25(texts)
    try:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        for a, arr in zip(arrays, built[1:], strict=True):
            np.save(tmp / f"{a}.npy", arr)
        (tmp / "vocab.json").write_text(json.dumps(built[0]), encoding="utf-8")
        shutil.rmtree(path, ignore_errors=True)
        os.replace(tmp, path)
        for old in cache_dir.glob(f"bm25-{name}-*"):
            if old != path and not old.name.endswith(".tmp"):
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:  # a read-only data dir only costs the next start a rebuild
        log.warning("could not save keyword index %s (%s)", path, exc)
    return built


def _side(
    name: str, texts: list[str], items: list[Statement] | list[Chunk], speakers: list[str], cache_dir: Path | None
) -> _Side:
    import numpy as np

    vocab, data, indices, indptr = _load_or_build(name, texts, cache_dir)
    codes: dict[str, dict[str, int]] = {}
    codes["speaker"], speaker = _encode(speakers)
    codes["source"], source = _encode([i.source for i in items])
    codes["doc_id"], doc_id = _encode([i.doc_id for i in items])
    date = np.fromiter((date_num(i.date) for i in items), dtype=np.int64, count=len(items))
    return _Side(items, vocab, data, indices, indptr, codes, speaker, source, doc_id, date)


class KeywordIndex:
    """BM25 over statements (speaker + quote) and passages; filters are applied as masks over the matches."""

    def __init__(self, statements: Sequence[Statement], chunks: Sequence[Chunk], cache_dir: Path | None = None) -> None:
        """Index both; with cache_dir, the BM25 arrays are saved there and reused when the texts are the same."""
        self.statements = _side("statements", [statement_embed_text(s) for s in statements], list(statements),
                                [s.speaker for s in statements], cache_dir)  # fmt: skip
        self.chunks = _side("passages", [c.text for c in chunks], list(chunks), ["" for _ in chunks], cache_dir)

    @classmethod
    def from_store(cls, store: Store) -> KeywordIndex:
        """Scan the store once (statements and passages) and index both."""
        return cls(store.statements(), store.chunks(), store.cache_dir)

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
        scores = side.scores(tokens) if tokens and k > 0 else None
        if scores is None:
            return []
        rows = side.keep(np.flatnonzero(scores > 0), filters, use_speaker=use_speaker, speakers=speakers)
        if len(rows) > k:
            rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
        rows = rows[np.argsort(-scores[rows], kind="stable")]
        return [(side.items[i], float(scores[i])) for i in rows]
