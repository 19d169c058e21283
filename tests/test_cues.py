"""The cue lexicon: base forms, listener verbs, clause-only verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from index.cues import CLAUSE_NOUNS, CLAUSE_ONLY, LISTENER_VERBS, base_form, cue_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc


@pytest.mark.parametrize(
    ("word", "base"),
    [("pointed", "point"), ("Agreed", "agree"), ("sided", "side"), ("testified", "testify"), ("walked", "walked")],
)
def test_base_form(word: str, base: str) -> None:
    assert base_form(word) == base


@pytest.mark.parametrize(("word", "listener"), [("told", True), ("asked", True), ("assures", True), ("said", False)])
def test_listener_verbs_name_who_heard(word: str, listener: bool) -> None:
    assert (word in LISTENER_VERBS) is listener


def test_pledge_is_clause_only_so_its_object_is_no_content() -> None:
    assert {"pledged", "posted", "continued"} <= CLAUSE_ONLY


@pytest.mark.parametrize(
    ("noun", "speech"),
    [("claim", True), ("calls", True), ("insistence", True), ("plan", False), ("decision", False), ("fact", False)],
)
def test_clause_nouns_name_words_not_intentions(noun: str, speech: bool) -> None:
    assert (noun in CLAUSE_NOUNS) is speech


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("apologized", "speech"),
        ("apologises", "speech"),
        ("hailed", "speech"),
        ("scolded", "speech"),
        ("lambasted", "speech"),
        ("haranguing", "speech"),
        ("disavows", "speech"),
    ],
)
def test_added_speech_cues(word: str, kind: str) -> None:
    assert cue_kind(word) == kind


@pytest.mark.parametrize("word", ["projected", "projects"])
def test_forecasts_are_not_speech(word: str) -> None:
    """'The deficit is projected to be …', 'the firm projected confidence': no one's words, whatever the gold marks."""
    assert cue_kind(word) is None


def test_hail_takes_a_noun_phrase() -> None:
    assert "hailed" not in CLAUSE_ONLY


def parsed(words: list[str], tags: list[str], deps: list[str], heads: list[int], ents: list[str]) -> Doc:
    """A Doc with the parse the tagger gave a real headline (so the test does not depend on the model)."""
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("en").vocab,
        words=words,
        tags=tags,
        deps=deps,
        heads=heads,
        ents=ents,
        sent_starts=[1] + [0] * (len(words) - 1),
    )


def test_a_speech_verb_parsed_as_an_auxiliary_is_read_as_a_headline_cue() -> None:
    from index.extract import headline_cue, misread_aux

    doc = parsed(
        ["Ortiz", "blasts", "Weber", "over", "ferry", "idea", "."],
        ["NNP", "VBZ", "VBP", "IN", "NN", "NN", "."],
        ["nsubj", "aux", "ROOT", "prep", "compound", "pobj", "punct"],
        [2, 2, 2, 2, 5, 3, 2],
        ["B-PERSON", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert misread_aux(doc[1]) and not misread_aux(doc[0])
    found = headline_cue(doc[1], doc.text)
    assert found is not None and found.speaker is not None
    assert (found.speaker.text, doc.text[found.start : found.end], found.cue) == ("Ortiz", "Weber", "blasts")


def test_a_headline_object_read_as_a_verb_is_still_content() -> None:
    from index.extract import headline_cue

    doc = parsed(
        ["Harbour", "Union", "blasts", "Weber", "for", "skipping", "votes", "."],
        ["NNP", "NNP", "NNS", "VBP", "IN", "VBG", "NNS", "."],
        ["compound", "nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj", "punct"],
        [1, 2, 2, 2, 3, 4, 5, 2],
        ["B-ORG", "I-ORG", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    found = headline_cue(doc[2], doc.text)
    assert found is not None and doc.text[found.start : found.end] == "Weber for skipping votes"


@pytest.mark.parametrize("ents", [["B-PERSON", "O"], ["B-PERSON", "I-PERSON"]])
def test_a_headline_speech_noun_takes_the_names_before_it(ents: list[str]) -> None:
    from index.extract import noun_cue

    doc = parsed(
        ["Ortiz", "Vows", "To", "Reopen", "Ferry"],
        ["NNP", "NNS", "TO", "VB", "NNP"],
        ["nsubj", "ROOT", "aux", "acl", "dobj"],
        [1, 1, 3, 1, 3],
        [*ents, "O", "O", "O"],
    )
    found = noun_cue(doc[1], doc.text)
    assert found is not None
    speaker = found.speaker.text if found.speaker is not None else found.speaker_text
    assert (speaker, doc.text[found.start : found.end], found.cue) == ("Ortiz", "To Reopen Ferry", "Vows")
