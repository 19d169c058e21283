from __future__ import annotations

from datetime import date

import pytest

from rag.keyword import KeywordIndex
from rag.records import Chunk, Filters, Hit, Statement
from rag.retrieve import about_speaker, quote_match, retrieve, rrf
from rag.store import Store
from rag.understand import understand
from tests.readpath_corpus import REGISTRY, corpus_store


def _hit(i: int) -> Hit:
    return Hit("statement", Statement(f"d{i}", f"q{i}", 0, 2), 0.0)


def test_rrf_prefers_what_several_lists_agree_on() -> None:
    a, b, c = _hit(1), _hit(2), _hit(3)
    fused = rrf([([a, b, c], 1.0), ([b, c, a], 1.0), ([b], 1.0)])
    assert max(fused, key=fused.__getitem__) == b.id
    assert fused[b.id] == pytest.approx(2 / 61 + 1 / 62)


def test_rrf_weights_scale_a_list() -> None:
    a, b = _hit(1), _hit(2)
    fused = rrf([([a], 1.0), ([b], 3.0)])
    assert fused[b.id] == pytest.approx(3 * fused[a.id])


def _passage(text: str, speakers: tuple[str, ...] = ()) -> Chunk:
    return Chunk("d1", text, 0, len(text), speakers=speakers)


@pytest.mark.parametrize(
    ("text", "speakers", "speaker", "variants", "expected"),
    [
        ("Lavrov arrived in Ankara on Tuesday.", (), "Sergei Lavrov", (), True),  # the surname names him
        ("The talks resumed on Tuesday.", ("Sergei Lavrov",), "Sergei Lavrov", (), True),  # holds his statement
        ("The talks resumed on Tuesday.", ("Anna Lavrov",), "Sergei Lavrov", (), False),  # a namesake
        ("The minister arrived.", (), "Sergei Lavrov", (), False),
        # an institution is named by its whole name or an alias the registry merged, never by its last word
        ("The pension fund lost money.", (), "International Monetary Fund", (), False),
        ("The pension fund lost money.", ("Pension Fund",), "International Monetary Fund", (), False),
        ("The International Monetary Fund cut its forecast.", (), "International Monetary Fund", (), True),
        ("The IMF cut its forecast.", (), "International Monetary Fund", ("IMF",), True),
        ("Growth slowed.", ("IMF",), "International Monetary Fund", ("IMF",), True),
    ],
)
def test_about_speaker_uses_surnames_of_people_and_whole_names_of_institutions(
    text: str, speakers: tuple[str, ...], speaker: str, variants: tuple[str, ...], expected: bool
) -> None:
    assert about_speaker(_passage(text, speakers), speaker, variants) is expected


QUOTE = "There is no point in giving the other side a pause to regroup"


@pytest.mark.parametrize(
    ("fragment", "at_least", "below"),
    [
        ("there is no point in giving the other side a pause to regroup", 100, 101),
        ("giving the other side a pause", 100, 101),  # truncated
        ("there's no point in giving the other side a pause to regroup", 85, 101),  # small wording change
        ("There is no sense in giving the other side a break to regroup", 75, 101),
        ("grain exports will resume next week through the harbour", 0, 60),  # unrelated
    ],
)
def test_quote_match(fragment: str, at_least: float, below: float) -> None:
    assert at_least <= quote_match(fragment, QUOTE) < below


def test_a_short_text_inside_a_long_fragment_is_no_match_of_the_fragment() -> None:
    assert quote_match(QUOTE, "a pause") < 20


@pytest.fixture
def store() -> Store:
    return corpus_store()


@pytest.fixture
def keywords(store: Store) -> KeywordIndex:
    return KeywordIndex.from_store(store)


def ask(question: str, store: Store, keywords: KeywordIndex, filters: Filters | None = None, **kw: object):
    q = understand(question, [], REGISTRY, filters or Filters(), today=date(2023, 8, 1))
    if kw:
        from dataclasses import replace

        q = replace(q, **kw)  # type: ignore[arg-type]
    return retrieve(q, store, keywords, k=6)


@pytest.mark.parametrize(
    "question",
    [
        "Who said 'there is no point in giving the other side a pause to regroup'?",
        "Who said there is no point in giving the other side a pause?",
        "Who said there's no point in giving the other side a pause to regroup?",
    ],
)
def test_quote_lookup_puts_the_statement_first(store: Store, keywords: KeywordIndex, question: str) -> None:
    got = ask(question, store, keywords)
    best = got.statements()[0]
    assert best.item.quote == QUOTE and best.score > 0.5


def test_a_quote_that_is_not_in_the_corpus_has_no_relevant_hit(store: Store, keywords: KeywordIndex) -> None:
    got = ask("Who said 'the moon is made of green cheese and tastes of it'?", store, keywords)
    assert got.best < 0.25


def test_speaker_filter_is_pushed_into_both_searches(store: Store, keywords: KeywordIndex) -> None:
    got = ask("What did Okafor say about the peace conference?", store, keywords)
    assert {h.item.speaker for h in got.statements()} == {"Tomas Okafor"}
    assert got.statements()[0].item.quote.startswith("We expect the peace conference")


def test_date_and_source_filters(store: Store, keywords: KeywordIndex) -> None:
    got = ask("Who talked about a peace conference?", store, keywords, Filters(since="2023-05-01"))
    assert "talks" in {h.doc_id for h in got.hits} and "grain" not in {h.doc_id for h in got.hits}
    got = ask("Who talked about a peace conference?", store, keywords, Filters(source="Coast Daily"))
    assert {h.doc_id for h in got.hits} == {"grain"}


def test_topic_question_finds_every_speaker_on_it(store: Store, keywords: KeywordIndex) -> None:
    got = ask("Who talked about a peace conference?", store, keywords)
    relevant = {h.item.speaker for h in got.statements() if h.score >= 0.25}
    assert relevant == {"Ilse Marren", "Tomas Okafor"}


def test_follow_up_excludes_quotes_already_given(store: Store, keywords: KeywordIndex) -> None:
    got = ask("What did Marren say?", store, keywords, exclude_quotes=(QUOTE,))
    assert QUOTE not in {h.item.quote for h in got.statements()}
    assert len(got.statements()) == 4


def test_unknown_name_needs_evidence_that_mentions_it(store: Store, keywords: KeywordIndex) -> None:
    assert ask("What did Zelensky say?", store, keywords).best == 0.0
    # a name the registry lacks but the text mentions ("Veloria") is found in the passages
    got = ask("What does Veloria think of a ceasefire?", store, keywords)
    assert got.best >= 0.25


def test_statements_are_preferred_and_passages_cover_unattributed_text(store: Store, keywords: KeywordIndex) -> None:
    got = ask("Who said the port is closed to military ships?", store, keywords)
    assert got.hits[0].kind == "statement" and got.hits[0].item.speaker == ""
    assert any(h.kind == "passage" and "military ships" in h.item.text for h in got.hits)


def test_a_speaker_filter_covers_every_name_the_registry_merged(store: Store) -> None:
    from dataclasses import replace

    from rag.records import Speaker
    from rag.understand import canonical_names, speaker_variants
    from tests.readpath_corpus import DOCS, statement

    # "Okafor" was written alone in a new document; the registry merged it into "Tomas Okafor"
    extra = statement(DOCS["grain"], "We expect the peace conference to discuss shipping lanes and insurance", "Okafor")
    store.add_statements([replace(extra, doc_id="grain-3")])
    registry = [Speaker("Tomas Okafor", aliases=("Okafor",)), *REGISTRY[:1]]
    names = canonical_names(registry)
    assert speaker_variants("Tomas Okafor", names) == ("Okafor", "Tomas Okafor")
    q = understand("What did Okafor say about insurance?", [], registry, Filters())
    got = retrieve(q, store, KeywordIndex.from_store(store), k=6, names=names)
    assert {h.doc_id for h in got.statements() if h.score > 0.5} == {"grain", "grain-3"}
    assert got.canonical("Okafor") == "Tomas Okafor"


def test_the_speakers_words_in_an_article_titled_with_the_topic_count_as_on_topic() -> None:
    from rag.retrieve import IN_TITLE, relevance
    from rag.understand import Query

    query = Query("What did Marren say about fishing talks?", "speaker_topic", speaker="Ilse Marren",
                  topic="fishing talks", speaker_known=True)  # fmt: skip

    def score(title: str, quote: str = "We want a number before the summer.") -> float:
        stmt = Statement("d", quote, 0, len(quote), speaker="Ilse Marren", title=title)
        return relevance(query, Hit("statement", stmt, 0.0), None)

    assert score("Veloria offers new fishing talks") == IN_TITLE
    assert score("Veloria offers new talks") == 0.0  # one topic word in the title is not enough
    assert score("Lithium exports", "the fishing talks are stuck") == 1.0  # its own words still win


def test_passages_around_the_speakers_statements_are_searched_too(
    store: Store, keywords: KeywordIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.retrieve import OWN_CANDIDATES

    # the corpus-wide passage searches rank the speaker's passage out; only the deep pool still holds it
    deep = keywords.search_passages
    monkeypatch.setattr(
        keywords, "search_passages",
        lambda q, k, f=None, doc_ids=None, pool=0: deep(q, k, f, doc_ids, pool) if pool >= OWN_CANDIDATES else [],
    )  # fmt: skip
    monkeypatch.setattr(store, "search_passages", lambda *a, **kw: [])
    got = ask("What did Okafor say about shipping lanes?", store, keywords)
    assert any(h.doc_id == "grain" and "shipping lanes" in h.item.text and h.score >= 0.25 for h in got.passages())
    assert ask("What did Zelensky say about shipping lanes?", store, keywords).passages() == []


def test_pronouns_and_descriptions_among_the_variants_name_nobody() -> None:
    from rag.retrieve import speaker_keys

    assert speaker_keys(["Mitt Romney", "his"]) == ("Romney",)
    assert speaker_keys(["International Monetary Fund", "The International Monetary Fund", "the fund"]) == (
        "International Monetary Fund",
    )
