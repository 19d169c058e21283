"""BM25 keyword index over statements and passages (bm25s), built from the store and cached per store version."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

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
LAYOUT_VERSION = 3  # bump when the saved files change
ARRAYS = ("data", "indices", "indptr", "speaker", "source", "doc_id", "date", "ids", "blob", "offsets")
MAX_IDS = 20_000  # beyond this many allowed statements, Chroma's own metadata filter is used
Item = TypeVar("Item", Statement, Chunk)


class _Rows(Generic[Item]):
    """Records packed as one JSON array each in a single UTF-8 buffer (memory-mapped once saved).

    At 100k statements and passages, Python objects for every record cost hundreds of MB of resident
    memory; only the few records a question returns are ever decoded.
    """

    def __init__(self, kind: type[Item], blob: np.ndarray, offsets: np.ndarray) -> None:
        self.kind: type[Item] = kind
        self.blob, self.offsets = blob, offsets
        self.fields = tuple(f.name for f in dataclasses.fields(kind))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> Item:
        values = json.loads(self.blob[self.offsets[i] : self.offsets[i + 1]].tobytes())
        if self.kind is Chunk:
            values[-1] = tuple(values[-1])  # speakers
        return self.kind(*values)

    @classmethod
    def pack(cls, kind: type[Item], items: Sequence[Item]) -> _Rows[Item]:
        import numpy as np

        fields = [f.name for f in dataclasses.fields(kind)]
        parts = [json.dumps([getattr(i, f) for f in fields], ensure_ascii=False).encode() for i in items]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        return cls(kind, np.frombuffer(b"".join(parts), dtype=np.uint8), offsets)


@dataclass
class _Side:
    """One BM25 index (the precomputed per-term scores, CSC), its records, and the filter fields as codes."""

    rows: _Rows[Statement] | _Rows[Chunk]
    vocab: dict[str, int]
    data: np.ndarray  # BM25 score of term t in document indices[j], for j in indptr[t]:indptr[t+1]
    indices: np.ndarray
    indptr: np.ndarray
    codes: dict[str, dict[str, int]]  # field -> value -> code
    speaker: np.ndarray
    source: np.ndarray
    doc_id: np.ndarray
    date: np.ndarray
    ids: np.ndarray  # the records' Chroma ids (ASCII bytes)

    def scores(self, tokens: Sequence[str]) -> np.ndarray | None:
        """BM25 scores of every item for the query tokens; None when no token is in the vocabulary."""
        import numpy as np

        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return None
        idx = np.concatenate([self.indices[self.indptr[i] : self.indptr[i + 1]] for i in ids])
        val = np.concatenate([self.data[self.indptr[i] : self.indptr[i + 1]] for i in ids])
        return np.bincount(idx, weights=val, minlength=len(self.rows))

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

    def in_docs(self, rows: np.ndarray, doc_ids: Iterable[str]) -> np.ndarray:
        """The rows whose document is one of doc_ids, in the given order."""
        import numpy as np

        return rows[np.isin(self.doc_id[rows], self._codes("doc_id", list(doc_ids)))]

    def _codes(self, field: str, values: Sequence[str]) -> list[int]:
        known = self.codes[field]
        return [known[v] for v in values if v in known]

    def arrays(self) -> dict[str, np.ndarray]:
        return {"data": self.data, "indices": self.indices, "indptr": self.indptr, "speaker": self.speaker,
                "source": self.source, "doc_id": self.doc_id, "date": self.date, "ids": self.ids,
                "blob": self.rows.blob, "offsets": self.rows.offsets}  # fmt: skip


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


def _build(kind: type[Item], items: Sequence[Item], texts: list[str], speakers: list[str], rows: _Rows[Item]) -> _Side:
    import numpy as np

    vocab, data, indices, indptr = _bm25(texts)
    codes: dict[str, dict[str, int]] = {}
    codes["speaker"], speaker = _encode(speakers)
    codes["source"], source = _encode([i.source for i in items])
    codes["doc_id"], doc_id = _encode([i.doc_id for i in items])
    date = np.fromiter((date_num(i.date) for i in items), dtype=np.int64, count=len(items))
    ids = np.array([(i.statement_id if isinstance(i, Statement) else i.chunk_id).encode() for i in items], dtype=bytes)
    return _Side(rows, vocab, data, indices, indptr, codes, speaker, source, doc_id, date, ids)


def _key(*parts: str | bytes) -> str:
    h = hashlib.sha1(f"{LAYOUT_VERSION}\0{TOKENIZER_VERSION}".encode())
    for p in parts:
        h.update(b"\0")
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
    return h.hexdigest()[:20]


def _load_array(path: Path) -> np.ndarray:
    import numpy as np

    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # an empty array cannot be memory-mapped
        return np.load(path)


def _load(path: Path, kind: type[Item]) -> _Side | None:
    """The side saved at path (its arrays memory-mapped), or None when absent or unreadable."""
    if not (path / "meta.json").exists():
        return None
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        a = {name: _load_array(path / f"{name}.npy") for name in ARRAYS}
    except (OSError, ValueError) as exc:
        log.warning("rebuilding unreadable keyword index %s (%s)", path, exc)
        return None
    rows: _Rows[Item] = _Rows(kind, a["blob"], a["offsets"])
    return _Side(rows, meta["vocab"], a["data"], a["indices"], a["indptr"], meta["codes"], a["speaker"],
                 a["source"], a["doc_id"], a["date"], a["ids"])  # fmt: skip


def _save(path: Path, side: _Side) -> bool:
    """Write side to path (via a temporary folder and a rename) and drop older indexes of the same name."""
    import numpy as np

    try:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        for name, arr in side.arrays().items():
            np.save(tmp / f"{name}.npy", arr)
        (tmp / "meta.json").write_text(json.dumps({"vocab": side.vocab, "codes": side.codes}), encoding="utf-8")
        shutil.rmtree(path, ignore_errors=True)
        os.replace(tmp, path)
        prefix = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{prefix}-*"):
            if old != path and not old.name.endswith(".tmp"):
                shutil.rmtree(old, ignore_errors=True)
        return True
    except OSError as exc:  # a read-only data dir only costs the next start a rebuild
        log.warning("could not save keyword index %s (%s)", path, exc)
        return False


def _side(
    name: str, kind: type[Item], items: Sequence[Item], texts: list[str], speakers: list[str],
    cache_dir: Path | None, key: str | None = None,
) -> _Side:  # fmt: skip
    """Index items; with cache_dir, saved there and memory-mapped back (reused when the same key was saved)."""
    path: Path | None = None
    if cache_dir is not None and key is not None:
        path = cache_dir / f"bm25-{name}-{key}"
        if (found := _load(path, kind)) is not None:
            return found
    rows = _Rows.pack(kind, items)
    if cache_dir is not None and path is None:
        path = cache_dir / f"bm25-{name}-{_key(name, rows.blob.tobytes())}"
        if (found := _load(path, kind)) is not None:
            return found
    side = _build(kind, items, texts, speakers, rows)
    if path is not None and _save(path, side):
        return _load(path, kind) or side
    return side


class KeywordIndex:
    """BM25 over statements (speaker + quote) and passages; filters are applied as masks over the matches."""

    def __init__(self, statements: Sequence[Statement], chunks: Sequence[Chunk], cache_dir: Path | None = None) -> None:
        """Index both; with cache_dir, the index is saved there and reused when the records are the same."""
        self.statements = _statements_side(statements, cache_dir)
        self.chunks = _passages_side(chunks, cache_dir)

    @classmethod
    def from_store(cls, store: Store, statements: Sequence[Statement] | None = None) -> KeywordIndex:
        """The index of the store's statements (given, or scanned) and passages.

        With the store's cache_dir the index is saved there under the store's content key, so a restart
        memory-maps it without scanning the store at all.
        """
        cache_dir: Path | None = getattr(store, "cache_dir", None)
        if cache_dir is None:
            return cls(store.statements() if statements is None else statements, store.chunks())
        content = store.content_key()
        keys = {name: _key(name, "store", content) for name in ("statements", "passages")}
        s_side = _load(cache_dir / f"bm25-statements-{keys['statements']}", Statement)
        p_side = _load(cache_dir / f"bm25-passages-{keys['passages']}", Chunk)
        if s_side is None or p_side is None:
            chunks = store.chunks() if p_side is None else []
            stmts = (store.statements() if statements is None else statements) if s_side is None else []
            # Save only a consistent snapshot: nothing written to the store while it was read.
            same = store.content_key(fresh=True) == content
            if s_side is None:
                s_side = _statements_side(stmts, cache_dir if same else None, keys["statements"])
            if p_side is None:
                p_side = _passages_side(chunks, cache_dir if same else None, keys["passages"])
        index = cls.__new__(cls)
        index.statements, index.chunks = s_side, p_side
        return index

    def search_statements(
        self, query: str, k: int, filters: Filters | None = None, speakers: Sequence[str] = ()
    ) -> list[Hit]:
        """Best statements first; score is the BM25 score (0 never returned); `speakers` widens the speaker filter."""
        rows, scores = self._search(self.statements, query, k, filters, True, speakers)
        return [Hit("statement", self.statements.rows[i], float(scores[i])) for i in rows]

    def search_passages(
        self, query: str, k: int, filters: Filters | None = None, doc_ids: Iterable[str] | None = None, pool: int = 0
    ) -> list[Hit]:
        """Best passages first; score is the BM25 score (the speaker filter does not apply to passages).

        With doc_ids: the passages of those documents among the best `pool` (default k), at most k of them.
        """
        rows, scores = self._search(self.chunks, query, max(k, pool) if doc_ids is not None else k, filters, False)
        if doc_ids is not None:
            rows = self.chunks.in_docs(rows, doc_ids)[:k]
        return [Hit("passage", self.chunks.rows[i], float(scores[i])) for i in rows]

    def statement_ids(self, filters: Filters | None, speakers: Sequence[str] = ()) -> list[str] | None:
        """Ids of the statements the filters allow, for a dense search among them; None when the filters
        restrict nothing or allow more than MAX_IDS (Chroma's metadata filter costs ~150 ms at 100k statements,
        an id list a few ms)."""
        import numpy as np

        if filters is None or filters.is_empty():
            return None
        side = self.statements
        rows = side.keep(np.arange(len(side.rows)), filters, use_speaker=True, speakers=speakers)
        return None if len(rows) > MAX_IDS else [i.decode() for i in side.ids[rows].tolist()]

    @staticmethod
    def _search(
        side: _Side, query: str, k: int, filters: Filters | None, use_speaker: bool, speakers: Sequence[str] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rows best first, scores of every row)."""
        import numpy as np

        tokens = tokenize(query)
        scores = side.scores(tokens) if tokens and k > 0 else None
        if scores is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        rows = side.keep(np.flatnonzero(scores > 0), filters, use_speaker=use_speaker, speakers=speakers)
        if len(rows) > k:
            rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
        return rows[np.argsort(-scores[rows], kind="stable")], scores


def _statements_side(statements: Sequence[Statement], cache_dir: Path | None, key: str | None = None) -> _Side:
    texts = [statement_embed_text(s) for s in statements]
    return _side("statements", Statement, statements, texts, [s.speaker for s in statements], cache_dir, key)


def _passages_side(chunks: Sequence[Chunk], cache_dir: Path | None, key: str | None = None) -> _Side:
    return _side("passages", Chunk, chunks, [c.text for c in chunks], ["" for _ in chunks], cache_dir, key)
