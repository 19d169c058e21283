from __future__ import annotations

from datetime import date

import pytest

from rag.records import Filters
from rag.understand import find_speakers, parse_date, quoted_strings, understand
from tests.readpath_corpus import REGISTRY

TODAY = date(2023, 7, 15)


def ask(question: str, history: list[tuple[str, str]] | None = None, filters: Filters | None = None):
    return understand(question, history or [], REGISTRY, filters or Filters(), sources=["Northern Post", "Coast Daily"],
                      today=TODAY)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "shape", "speaker", "fragment", "topic"),
    [
        ("Who said 'there is no point in giving the other side a pause to regroup'?", "quote", "",
         "there is no point in giving the other side a pause to regroup", ""),
        ("Who said “a pause to regroup”?", "quote", "", "a pause to regroup", ""),
        ("Who said there is no point in giving the other side a pause to regroup?", "quote", "",
         "there is no point in giving the other side a pause to regroup", ""),
        ("Which minister said that grain exports will resume next week?", "quote", "",
         "grain exports will resume next week", ""),
        ("What did Marren say about Falcon jets?", "speaker_topic", "Ilse Marren", "", "Falcon jets"),
        ("What did Foreign Minister Marren say about the ceasefire?", "speaker_topic", "Ilse Marren", "", "ceasefire"),
        ("What did Marran say about jets?", "speaker_topic", "Ilse Marren", "", "jets"),  # misspelt
        ("What has the foreign minister said about a ceasefire?", "speaker_topic", "Ilse Marren", "", "ceasefire"),
        ("Did Okafor's ministry mention insurance?", "speaker_topic", "Tomas Okafor", "", "ministry insurance"),
        ("Who talked about a peace conference?", "topic_speakers", "", "", "peace conference"),
        ("Which officials commented on grain?", "topic_speakers", "", "", "grain"),
        ("Who said anything about grain?", "topic_speakers", "", "", "grain"),
        ("What did Zelensky say?", "speaker_topic", "Zelensky", "", ""),
        ("What did Edwin G. Monroy say about fear?", "speaker_topic", "Edwin G. Monroy", "", "fear"),  # initial
        ("What did Julie A. Diaz Martinez say?", "speaker_topic", "Julie A. Diaz Martinez", "", ""),
        ("What did Ada Marren say about jets?", "speaker_topic", "Ada Marren", "", "jets"),  # not Ilse Marren
        ("What did Marren say about views?", "speaker_topic", "Ilse Marren", "", "views"),  # a stop word is the topic
        ("What did Zelensky say about thinks?", "speaker_topic", "Zelensky", "", "thinks"),
        ("What did Marren say about it?", "speaker_topic", "Ilse Marren", "", ""),
        ("What did Northern Post Marren say about jets?", "speaker_topic", "Ilse Marren", "", "jets"),
        ("What is the capital of France?", "other", "", "", "capital France"),
    ],
)  # fmt: skip
def test_question_shapes(question: str, shape: str, speaker: str, fragment: str, topic: str) -> None:
    q = ask(question)
    assert (q.shape, q.speaker, q.quote_fragment, q.topic) == (shape, speaker, fragment, topic)


def test_a_known_speaker_becomes_a_filter_an_unknown_name_does_not() -> None:
    assert ask("What did Marren say about jets?").filters.speaker == "Ilse Marren"
    unknown = ask("What did Zelensky say?")
    assert unknown.filters.speaker == "" and not unknown.speaker_known


@pytest.mark.parametrize(
    ("question", "since", "until", "source"),
    [
        ("What has Marren said about a ceasefire since May?", "2023-05-01", "", ""),
        ("What has Marren said about a ceasefire since September?", "2022-09-01", "", ""),  # last September
        ("What did Marren say about jets after 2023-06-02?", "2023-06-02", "", ""),
        ("What did Marren say before June 2023?", "", "2023-06-30", ""),
        ("What did Okafor say in 2022?", "2022-01-01", "2022-12-31", ""),
        ("What did Okafor say about grain from Coast Daily?", "", "", "Coast Daily"),
        ("What did Okafor say about grain according to the Northern Post?", "", "", "Northern Post"),
        ("What did Okafor say about grain from Mars?", "", "", ""),  # not a known source
    ],
)
def test_filters_read_from_the_question(question: str, since: str, until: str, source: str) -> None:
    f = ask(question).filters
    assert (f.since, f.until, f.source) == (since, until, source)


def test_filters_passed_in_win_and_the_question_fills_the_rest() -> None:
    q = ask("What did Okafor say about grain since May?", filters=Filters(since="2023-01-01", source="Coast Daily"))
    assert (q.filters.since, q.filters.source, q.filters.speaker) == ("2023-01-01", "Coast Daily", "Tomas Okafor")
    q = ask("Who talked about grain?", filters=Filters(speaker="Okafor"))  # a surname passed in is resolved
    assert q.filters.speaker == "Tomas Okafor"


def test_topic_words_exclude_filter_phrases() -> None:
    assert ask("What has Marren said about a ceasefire since May?").topic == "ceasefire"


PREVIOUS = ("What did Marren say about a ceasefire?", "Ilse Marren said: “that Veloria is ready for peace talks” [1]")


@pytest.mark.parametrize(
    ("question", "speaker", "topic", "excluded"),
    [
        ("What else did she say?", "Ilse Marren", "", ("that Veloria is ready for peace talks",)),
        ("And about jets?", "Ilse Marren", "jets", ()),
        ("What about the peace conference?", "Ilse Marren", "peace conference", ()),
        ("What did she say about Falcon jets?", "Ilse Marren", "Falcon jets", ()),
        ("And Okafor?", "Tomas Okafor", "Okafor", ()),
    ],
)
def test_follow_ups_take_speaker_and_topic_from_history(
    question: str, speaker: str, topic: str, excluded: tuple
) -> None:
    q = ask(question, [PREVIOUS])
    assert (q.shape, q.speaker, q.filters.speaker, q.exclude_quotes) == ("followup", speaker, speaker, excluded)
    assert q.topic == topic


def test_a_full_question_after_history_is_not_a_follow_up() -> None:
    assert ask("Who talked about a peace conference?", [PREVIOUS]).shape == "topic_speakers"


def test_follow_up_without_history_is_just_a_question() -> None:
    assert ask("What else did she say?").shape != "followup"


@pytest.mark.parametrize(
    ("expr", "end", "iso"),
    [("May", False, "2023-05-01"), ("May", True, "2023-05-31"), ("August", False, "2022-08-01"),
     ("May 2021", False, "2021-05-01"), ("March 3, 2022", False, "2022-03-03"), ("2020", True, "2020-12-31"),
     ("2023-02-01", False, "2023-02-01"), ("Feb", True, "2023-02-28"), ("nonsense", False, "")],
)  # fmt: skip
def test_parse_date(expr: str, end: bool, iso: str) -> None:
    assert parse_date(expr, TODAY, end=end) == iso


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("What did Ilse Marren say?", ["Ilse Marren"]),
        ("the foreign minister and Okafor", ["Ilse Marren", "Tomas Okafor"]),
        ("Marren's view", ["Ilse Marren"]),
        ("Okafur", ["Tomas Okafor"]),
        ("Nobody here", []),
    ],
)
def test_find_speakers(text: str, names: list[str]) -> None:
    assert [sp.name for sp, _, _ in find_speakers(text, REGISTRY)] == names


def test_quoted_strings_keep_inner_quotes() -> None:
    text = "X said: “a “deliberate” signal” [1] and “more” [2]"
    assert quoted_strings(text) == ("a “deliberate” signal", "more")


@pytest.mark.parametrize(
    "question",
    ['Who said "in my first meeting with him in 2011, he said it would work"?',
     "Who said we will sign the grain deal from Coast Daily since May?"],
)  # fmt: skip
def test_words_of_a_quote_are_never_filters(question: str) -> None:
    q = ask(question)
    assert q.shape == "quote" and q.filters == Filters()
    assert "2011" in q.quote_fragment or "since May" in q.quote_fragment


def test_descriptions_among_aliases_are_shown_but_name_nobody_in_questions() -> None:
    from rag.records import Speaker
    from rag.understand import canonical_names

    registry = [Speaker("Ted Cruz", aliases=("Cruz", "the senator", "Sen. Cruz", "his advisers"))]
    assert canonical_names(registry) == {"Ted Cruz": "Ted Cruz", "Cruz": "Ted Cruz", "Sen. Cruz": "Ted Cruz"}
    assert canonical_names([Speaker("James O’Neill", aliases=("O'Neill",))])["O'Neill"] == "James O’Neill"


def test_a_full_name_resolves_to_its_surname_entry() -> None:
    from rag.records import Speaker

    registry = [Speaker("Joseph"), Speaker("Ilse Marren", aliases=("Marren",))]
    q = understand("What did Joseph R. Marren say about jets?", [], registry, Filters())
    assert q.speaker == "Ilse Marren"
    assert understand("What did Joseph say about jets?", [], registry, Filters()).speaker == "Joseph"


@pytest.mark.parametrize(
    ("question", "speaker", "known"),
    [
        ("What did Ilse Maren say about jets?", "Ilse Marren", True),  # misspelt full name
        ("What did Marran say about jets?", "Ilse Marren", True),  # misspelt surname
        ("What did Anna Marran say about jets?", "Anna Marran", False),  # another person with a close surname
    ],
)
def test_fuzzy_names_compare_whole_names(question: str, speaker: str, known: bool) -> None:
    q = ask(question)
    assert (q.speaker, q.speaker_known) == (speaker, known)


@pytest.mark.parametrize("text", ["Martin O’Malley said", "Martin O'Malley said", "What did O’Malley say?"])
def test_a_name_with_an_apostrophe_is_one_speaker_whichever_apostrophe(text: str) -> None:
    from rag.records import Speaker

    registry = [Speaker("Jill A. Martin"), Speaker("Martin O’Malley", aliases=("O’Malley",))]
    assert [sp.name for sp, _, _ in find_speakers(text, registry, fuzzy=False)] == ["Martin O’Malley"]
