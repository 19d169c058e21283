from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from index.chunk import allowed_regions, chunk_document
from index.dedupe import repeated_spans
from rag.records import Document, Statement
from rag.settings import Settings

PARAS = [
    "The council voted late on Tuesday to approve the harbour budget.",
    "“We finally have a plan that works for the fishermen,” Mayor Tom Reed said.",
    "Opposition members said the vote was rushed. They asked for a recount. None came.",
]


def cfg(size: int, overlap: int) -> Settings:
    return Settings(chunk_size=size, chunk_overlap=overlap)


def doc(text: str) -> Document:
    return Document("d1", text, title="T", date="2024-01-02", source="Gazette", url="https://example.org/d1")


@given(
    st.text(alphabet=st.sampled_from(list("abc .!?“”\n\n\u00a0")), max_size=600),
    st.integers(1, 200),
    st.integers(0, 120),
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 80)), max_size=3),
)
@hsettings(max_examples=200, deadline=None)
def test_chunk_offsets_sizes_and_skips(text: str, size: int, overlap: int, raw_skip: list[tuple[int, int]]) -> None:
    skip = [(s, s + n) for s, n in raw_skip]
    chunks = chunk_document(doc(text), [], cfg(size, overlap), skip)
    covered: set[int] = set()
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert 0 < len(c.text) <= size
        assert c.text == c.text.strip()
        assert not any(s < c.end and c.start < e for s, e in skip if s < e)  # never overlaps a skipped span
        covered.update(range(c.start, c.end))
    # every non-space character outside the skipped spans lands in some passage
    for i, ch in enumerate(text):
        if not ch.isspace() and not any(s <= i < e for s, e in skip):
            assert i in covered
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_paragraphs_are_packed_whole() -> None:
    text = "\n\n".join(PARAS * 3)
    chunks = chunk_document(doc(text), [], cfg(200, 0))
    for c in chunks:
        assert all(p in PARAS for p in c.text.split("\n\n"))  # no paragraph is cut when it fits
    assert all(len(c.text) <= 200 for c in chunks) and len(chunks) > 1


def test_overlap_repeats_the_tail_of_the_previous_passage() -> None:
    text = " ".join(f"Sentence number {i} ends here." for i in range(40))
    chunks = chunk_document(doc(text), [], cfg(150, 60))
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end and a.end - b.start <= 60


def test_repeated_body_is_never_chunked() -> None:
    text = "\n\n".join(PARAS + PARAS)
    chunks = chunk_document(doc(text), [], cfg(900, 150), repeated_spans(text))
    assert "".join(c.text for c in chunks).count("fishermen") == 1


def test_speakers_and_metadata() -> None:
    text = "\n\n".join(PARAS * 4)
    q = text.index("We finally")
    statements = [
        Statement("d1", "We finally", q, q + 10, speaker="Tom Reed"),
        Statement("d1", "unattributed", 0, 3, speaker=""),
    ]
    chunks = chunk_document(doc(text), statements, cfg(160, 0))
    with_reed = [c for c in chunks if c.start < q + 10 and c.end > q]
    assert with_reed and all(c.speakers == ("Tom Reed",) for c in with_reed)
    assert all(c.speakers == () for c in chunks if c not in with_reed)
    assert {(c.doc_id, c.title, c.date, c.source, c.url) for c in chunks} == {
        ("d1", "T", "2024-01-02", "Gazette", "https://example.org/d1")
    }


@pytest.mark.parametrize(
    ("length", "skip", "regions"),
    [
        (10, [], [(0, 10)]),
        (10, [(2, 4), (3, 6)], [(0, 2), (6, 10)]),
        (10, [(0, 10)], []),
        (10, [(8, 50)], [(0, 8)]),
    ],
)
def test_allowed_regions(length: int, skip: list[tuple[int, int]], regions: list[tuple[int, int]]) -> None:
    assert allowed_regions(length, skip) == regions


@pytest.mark.parametrize(
    "text,size",
    [("?” ?", 1), ("He left.” Then she spoke.", 10), ("Done!) Next one starts here.", 8)],
)
def test_closing_marks_after_a_sentence_end_stay_in_a_passage(text: str, size: int) -> None:
    # Found by Hypothesis: a closing quote between the sentence end and the space was dropped.
    chunks = chunk_document(doc(text), [], cfg(size, 0))
    covered = {i for c in chunks for i in range(c.start, c.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
