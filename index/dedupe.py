"""Duplicates: repeated blocks inside one document, and near-duplicate documents (MinHash of word shingles).

Exact duplicates are caught by `records.content_hash`; this module handles the two fuzzier cases.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from index.clean import blocks, fold

NUM_PERM = 128
SHINGLE = 3  # words per shingle: short enough to survive light edits, long enough to ignore common words
BANDS, ROWS = 32, 4  # LSH: candidates share one band of 4 rows; catches pairs above ~0.5 almost surely
MIN_REPEAT_CHARS = 40  # a repeated run shorter than this ("Advertisement", "Thank you.") is kept
_rng = np.random.default_rng(20231128)  # fixed seed: signatures must be comparable across runs
_A = _rng.integers(1, 1 << 63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
WORD = re.compile(r"\w+")


def repeated_spans(text: str, min_chars: int = MIN_REPEAT_CHARS) -> list[tuple[int, int]]:
    """[start, end) spans of blocks (paragraphs, or runs of them) that repeat an earlier block of `text`."""
    seen: set[str] = set()
    runs: list[list[tuple[int, int]]] = []
    previous_repeated = False
    for start, end in blocks(text):
        key = fold(text[start:end])
        if key in seen:
            if previous_repeated:
                runs[-1].append((start, end))
            else:
                runs.append([(start, end)])
            previous_repeated = True
        else:
            seen.add(key)
            previous_repeated = False
    spans: list[tuple[int, int]] = []
    for run in runs:
        if sum(e - s for s, e in run) >= min_chars:
            spans.append((run[0][0], run[-1][1]))
    return spans


def in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when `pos` falls inside one of the [start, end) spans."""
    return any(s <= pos < e for s, e in spans)


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """Distinct 64-bit hashes of the lower-cased word n-grams; a text shorter than `size` words is one shingle."""
    words = WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    wh = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < size:
        wh = np.array([zlib.crc32(" ".join(words).encode())], dtype=np.uint64)
        size = 1
    # Combine the word hashes of each window arithmetically (wrapping uint64): no n-gram strings are built.
    combined = np.zeros(len(wh) - size + 1, dtype=np.uint64)
    for k in range(size):
        combined = combined * _MIX + wh[k : len(wh) - size + 1 + k]
    return np.unique(combined)


def minhash(text: str) -> np.ndarray | None:
    """NUM_PERM 32-bit minimum hashes of the text's shingles; None for a text without words."""
    h = shingle_hashes(text)
    if h.size == 0:
        return None
    out = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for i in range(0, h.size, 4096):  # in slices so a very long document stays within a few MB
        # multiply-shift hashing: (a*h + b) mod 2**64, high 32 bits; uint64 arithmetic wraps by design
        mixed = (_A[:, None] * h[None, i : i + 4096] + _B[:, None]) >> np.uint64(32)
        out = np.minimum(out, mixed.min(axis=1))
    return out.astype(np.uint32)


def signature(text: str) -> str:
    """Near-duplicate signature of a text (MinHash, base64); "" for a text without words."""
    mh = minhash(text)
    return "" if mh is None else base64.b64encode(mh.astype("<u4").tobytes()).decode("ascii")


def decode(sig: str) -> np.ndarray | None:
    """The MinHash array inside a signature string; None when empty or malformed."""
    if not sig:
        return None
    try:
        arr = np.frombuffer(base64.b64decode(sig, validate=True), dtype="<u4")
    except ValueError:
        return None
    return arr if arr.size == NUM_PERM else None


def similarity(sig_a: str, sig_b: str) -> float:
    """Estimated Jaccard similarity (0..1) of the two texts' shingle sets; 0 when either is empty."""
    a, b = decode(sig_a), decode(sig_b)
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a == b)) / NUM_PERM


NAME = re.compile(r"[A-Z][^\W\d_]+")
POSSESSIVE = re.compile(r"[’']s\b")
MAX_COPY_DAYS = 31  # a syndicated copy appears within weeks; a yearly re-issued notice is its own document


def names(text: str) -> set[str]:
    """Capitalised words (names, places, institutions), possessives folded: 'Sweden’s' -> 'Sweden'."""
    return set(NAME.findall(POSSESSIVE.sub("", text)))


def same_story(first: str, first_date: str, other: str, other_date: str) -> bool:
    """Whether a near-duplicate `other` is a copy of `first` rather than a templated sibling.

    Copies only add or only drop names (a credit line, a trimmed paragraph); templated documents swap
    them ("approves Oklahoma's ..." / "approves Louisiana's ..."). Dates more than a month apart mean
    a re-issued text, kept as its own document.
    """
    if first_date and other_date:
        try:
            days = abs((date.fromisoformat(first_date[:10]) - date.fromisoformat(other_date[:10])).days)
        except ValueError:
            days = 0
        if days > MAX_COPY_DAYS:
            return False
    a, b = names(first), names(other)
    return not (a - b and b - a)


class NearDuplicateIndex:
    """Signatures of kept documents, bucketed by LSH bands so a lookup compares against few candidates."""

    def __init__(self) -> None:
        self.signatures: dict[str, np.ndarray] = {}
        self.buckets: dict[tuple[int, bytes], set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self.signatures)

    @staticmethod
    def _bands(arr: np.ndarray) -> list[tuple[int, bytes]]:
        return [(i, arr[i * ROWS : (i + 1) * ROWS].tobytes()) for i in range(BANDS)]

    def add(self, doc_id: str, sig: str) -> None:
        """Remember a kept document's signature (ignored when empty or malformed)."""
        arr = decode(sig)
        if arr is None:
            return
        self.signatures[doc_id] = arr
        for band in self._bands(arr):
            self.buckets[band].add(doc_id)

    def remove(self, doc_id: str) -> None:
        """Forget a document (replaced, deleted, or failed to ingest)."""
        arr = self.signatures.pop(doc_id, None)
        if arr is not None:
            for band in self._bands(arr):
                self.buckets[band].discard(doc_id)

    def query(self, sig: str, threshold: float) -> tuple[str, float] | None:
        """The most similar kept document with similarity >= threshold, as (doc_id, similarity)."""
        arr = decode(sig)
        if arr is None:
            return None
        candidates: set[str] = set()
        for band in self._bands(arr):
            candidates |= self.buckets.get(band, set())
        best: tuple[str, float] | None = None
        for doc_id in sorted(candidates):
            sim = float(np.count_nonzero(self.signatures[doc_id] == arr)) / NUM_PERM
            if sim >= threshold and (best is None or sim > best[1]):
                best = (doc_id, sim)
        return best
