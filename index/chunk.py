"""Passages for retrieval: paragraph-aware pieces of about `chunk_size` characters with exact offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.clean import blocks, trim
from rag.records import Chunk, Document, Statement
from rag.settings import Settings

# Group 1 is the gap between pieces: closing quotes/brackets after a sentence end stay with the sentence.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(\s+)")
WHITESPACE = re.compile(r"(\s+)")


def allowed_regions(length: int, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [0, length) outside the skipped spans, in order."""
    regions: list[tuple[int, int]] = []
    pos = 0
    for s, e in sorted(skip):
        s, e = max(0, min(s, length)), max(0, min(e, length))
        if s > pos:
            regions.append((pos, s))
        pos = max(pos, e)
    if pos < length:
        regions.append((pos, length))
    return regions


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split [start, end) at each gap (group 1 of `pattern`), trimmed; empty pieces dropped."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        pieces.append(trim(text, pos, m.start(1)))
        pos = m.end()
    pieces.append(trim(text, pos, end))
    return [p for p in pieces if p[0] < p[1]]


def _windows(start: int, end: int, size: int) -> list[tuple[int, int]]:
    return [(s, min(s + size, end)) for s in range(start, end, size)]


def pieces(text: str, start: int, end: int, size: int) -> list[tuple[int, int, bool]]:
    """Paragraphs, or sentences/words/character windows of paragraphs longer than `size`, as
    (start, end, starts_paragraph)."""
    out: list[tuple[int, int, bool]] = []
    for ps, pe in blocks(text[start:end]):
        ps, pe = ps + start, pe + start
        if pe - ps <= size:
            out.append((ps, pe, True))
            continue
        first = True
        for ss, se in _split(text, ps, pe, SENTENCE_END):
            parts = [(ss, se)] if se - ss <= size else _split(text, ss, se, WHITESPACE)
            for ws, we in parts:
                for cs, ce in _windows(ws, we, size) if we - ws > size else [(ws, we)]:
                    out.append((cs, ce, first))
                    first = False
    return out


def pack(units: Sequence[tuple[int, int, bool]], size: int, overlap: int) -> list[tuple[int, int]]:
    """Greedy passages of consecutive units no longer than `size`; the next passage restarts at the
    earliest unit within `overlap` characters of the previous end. Prefers to end at a paragraph break."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = i + 1  # exclusive end index; one unit always fits (units are <= size)
        while j < len(units) and units[j][1] - units[i][0] <= size:
            j += 1
        if j < len(units) and not units[j][2]:
            # Ending mid-paragraph: back off to the last paragraph break if that keeps half a passage.
            breaks = [k for k in range(i + 1, j) if units[k][2]]
            if breaks and units[breaks[-1] - 1][1] - units[i][0] >= size // 2:
                j = breaks[-1]
        spans.append((units[i][0], units[j - 1][1]))
        if j >= len(units):
            break
        end = units[j - 1][1]
        nxt = j
        while nxt - 1 > i and end - units[nxt - 1][0] <= overlap:
            nxt -= 1
        i = nxt
    return spans


def passage_spans(doc: Document, settings: Settings, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each passage of `doc` in text order, never crossing into a skipped span."""
    size = max(1, settings.chunk_size)
    overlap = max(0, min(settings.chunk_overlap, size // 2))
    spans: list[tuple[int, int]] = []
    for rs, re_ in allowed_regions(len(doc.text), skip):
        spans.extend(pack(pieces(doc.text, rs, re_, size), size, overlap))
    return spans


def chunk_document(
    doc: Document, statements: Sequence[Statement], settings: Settings, skip: Sequence[tuple[int, int]] = (),
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[Chunk]:  # fmt: skip
    """Passages of `doc` in text order, never crossing into a skipped span; `doc.text[c.start:c.end] == c.text`.

    `spans` are this document's `passage_spans` when the caller already has them (ingest, for prefetching)."""
    chunks = []
    for s, e in passage_spans(doc, settings, skip) if spans is None else spans:
        speakers: dict[str, None] = {}
        for st in statements:
            if st.speaker and st.start < e and st.end > s:
                speakers[st.speaker] = None
        chunk = Chunk(
            doc_id=doc.doc_id, text=doc.text[s:e], start=s, end=e, title=doc.title, date=doc.date,
            source=doc.source, url=doc.url, speakers=tuple(speakers),
        )  # fmt: skip
        chunks.append(chunk)
    return chunks
