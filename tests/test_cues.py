"""The cue lexicon: base forms, listener verbs, clause-only verbs."""

from __future__ import annotations

import pytest

from index.cues import CLAUSE_NOUNS, CLAUSE_ONLY, LISTENER_VERBS, base_form, cue_kind


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


@pytest.mark.parametrize(("word", "kind"), [("apologized", "speech"), ("apologises", "speech"), ("hailed", "speech")])
def test_added_speech_cues(word: str, kind: str) -> None:
    assert cue_kind(word) == kind


def test_hail_takes_a_noun_phrase() -> None:
    assert "hailed" not in CLAUSE_ONLY
