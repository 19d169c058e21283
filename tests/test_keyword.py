from __future__ import annotations

import itertools

import pytest

from rag.keyword import KeywordIndex, stem, tokenize
from rag.records import Filters
from tests.readpath_corpus import DOCS, all_statements, paragraphs


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("deliveries", "delivery"), ("talks", "talk"), ("f-16s", "f-16"), ("glass", "glass"), ("is", "is"),
     ("marren's", "marren"), ("bus", "bus"), ("s", "s")],
)  # fmt: skip
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_tokenize_drops_stop_words_and_folds_case() -> None:
    assert tokenize("What did Marren say about the F-16s deliveries?") == ["marren", "say", "f-16", "delivery"]


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    return KeywordIndex(all_statements(), [c for d in DOCS.values() for c in paragraphs(d)])


def test_bm25_ranks_the_statement_with_the_rare_words_first(index: KeywordIndex) -> None:
    hits = index.search_statements("grain exports harbour", 3)
    assert hits[0].item.quote.startswith("Grain exports will resume")
    assert all(a.score >= b.score > 0 for a, b in itertools.pairwise(hits))


def test_statements_are_indexed_with_their_speaker(index: KeywordIndex) -> None:
    hits = index.search_statements("Okafor", 5)
    assert {h.item.speaker for h in hits} == {"Tomas Okafor"}


@pytest.mark.parametrize(
    ("filters", "speakers"),
    [
        (Filters(speaker="Tomas Okafor"), {"Tomas Okafor"}),
        (Filters(source="Northern Post"), {"Ilse Marren"}),
        (Filters(since="2023-05-01"), {"Ilse Marren"}),
        (Filters(until="2023-05-01"), {"Tomas Okafor"}),
        (Filters(doc_id="grain"), {"Tomas Okafor"}),
        (Filters(speaker="Nobody"), set()),
    ],
)
def test_filters_mask_statements(index: KeywordIndex, filters: Filters, speakers: set[str]) -> None:
    hits = index.search_statements("peace conference", 10, filters)
    assert {h.item.speaker for h in hits} == speakers


def test_passages_ignore_the_speaker_filter(index: KeywordIndex) -> None:
    hits = index.search_passages("peace conference", 10, Filters(speaker="Tomas Okafor"))
    assert {h.doc_id for h in hits} == {"talks", "grain"}


def test_unknown_words_and_an_empty_index_find_nothing(index: KeywordIndex) -> None:
    assert index.search_statements("zeppelin", 5) == []
    assert index.search_statements("the of and", 5) == []
    assert KeywordIndex([], []).search_passages("grain", 5) == []
