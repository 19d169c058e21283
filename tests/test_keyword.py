from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from rag.keyword import KeywordIndex, stem, tokenize
from rag.records import Filters, Statement
from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.readpath_corpus import DOCS, all_statements, fill, paragraphs


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


def test_a_saved_index_is_reused_for_the_same_texts_and_rebuilt_for_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements, chunks = all_statements(), [c for d in DOCS.values() for c in paragraphs(d)]
    built = KeywordIndex(statements, chunks, cache_dir=tmp_path)
    assert sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.iterdir()) == ["bm25-passages", "bm25-statements"]
    with monkeypatch.context() as m:
        m.setattr("rag.keyword._bm25", lambda texts: pytest.fail("rebuilt although saved"))
        loaded = KeywordIndex(statements, chunks, cache_dir=tmp_path)
    for query in ("grain exports harbour", "peace conference", "Okafor"):
        assert loaded.search_statements(query, 5) == built.search_statements(query, 5)
        assert loaded.search_passages(query, 5) == built.search_passages(query, 5)
    fewer = KeywordIndex(statements[1:], chunks, cache_dir=tmp_path)  # other texts: a new index replaces the old
    assert len(list(tmp_path.glob("bm25-statements-*"))) == 1
    assert {h.item for h in fewer.search_statements("peace conference", 50)} <= set(statements[1:])


def test_widened_speaker_filter_keeps_every_variant(index: KeywordIndex) -> None:
    hits = index.search_statements("peace conference", 10, Filters(speaker="Marren"), ["Ilse Marren", "Tomas Okafor"])
    assert {h.item.speaker for h in hits} == {"Ilse Marren", "Tomas Okafor"}


def test_records_come_back_field_for_field(tmp_path: Path) -> None:
    statements, chunks = all_statements(), [c for d in DOCS.values() for c in paragraphs(d)]
    for index in (KeywordIndex(statements, chunks), KeywordIndex(statements, chunks, cache_dir=tmp_path)):
        assert [index.statements.rows[i] for i in range(len(statements))] == statements
        assert [index.chunks.rows[i] for i in range(len(chunks))] == chunks


def test_a_store_index_is_memory_mapped_back_without_scanning_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = fill(Store.open(Settings(data_dir=tmp_path), embeddings=BagOfWordsEmbeddings()), ("talks", "grain"))
    built = KeywordIndex.from_store(store)
    with monkeypatch.context() as m:
        for scan in ("statements", "chunks"):
            m.setattr(store, scan, lambda *a, **kw: pytest.fail("scanned although saved"))
        m.setattr("rag.keyword._bm25", lambda texts: pytest.fail("rebuilt although saved"))
        loaded = KeywordIndex.from_store(store)
    assert isinstance(loaded.chunks.data, np.memmap)
    for query in ("grain exports harbour", "peace conference", "Okafor"):
        assert loaded.search_statements(query, 5) == built.search_statements(query, 5)
        assert loaded.search_passages(query, 5) == built.search_passages(query, 5)
    fill(store, ("blog",))  # new content: a new index
    grown = KeywordIndex.from_store(store)
    assert len(grown.statements.rows) == len(all_statements()) > len(loaded.statements.rows)
    assert len(list(store.cache_dir.glob("bm25-statements-*"))) == 1


@pytest.mark.parametrize("query", ["peace conference", "grain exports harbour", "Okafor said"])
def test_passages_of_some_documents_are_those_of_the_deeper_pool(index: KeywordIndex, query: str) -> None:
    docs = {"grain", "blog"}
    pooled = [h for h in index.search_passages(query, 50) if h.doc_id in docs][:2]
    assert index.search_passages(query, 2, doc_ids=docs, pool=50) == pooled
    assert index.search_passages(query, 2, doc_ids=set(), pool=50) == []


@pytest.mark.parametrize(
    ("filters", "speakers"),
    [(Filters(speaker="Tomas Okafor"), ()), (Filters(source="Northern Post"), ()), (Filters(until="2023-05-01"), ()),
     (Filters(speaker="Marren"), ("Ilse Marren", "Tomas Okafor")), (Filters(speaker="Nobody"), ())],
)  # fmt: skip
def test_statement_ids_are_those_the_filters_allow(
    index: KeywordIndex, filters: Filters, speakers: tuple[str, ...]
) -> None:
    allowed = {s.statement_id for s in all_statements() if s in index_filtered(filters, speakers)}
    assert set(index.statement_ids(filters, speakers) or []) == allowed
    assert index.statement_ids(Filters()) is None


def index_filtered(filters: Filters, speakers: tuple[str, ...]) -> list[Statement]:
    names = set(speakers or [filters.speaker]) if filters.speaker else None
    return [
        s for s in all_statements()
        if (names is None or s.speaker in names) and (not filters.source or s.source == filters.source)
        and (not filters.until or s.date <= filters.until)
    ]  # fmt: skip
