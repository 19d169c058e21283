"""Pure parts of statement extraction: quote spans, the cue lexicon, span helpers, the registry."""

from __future__ import annotations

import pytest

from index.cues import cue_kind, inflect
from index.extract import (
    EXTRACTORS,
    across_split_sentence,
    make_extractor,
    snap_to_quotes,
    statement_type,
    that_clause_after_setting,
    trim,
    with_negation,
)
from index.quotes import find_quotes
from rag.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("“We are ready,” she said.", ["“We are ready,”"]),
        ('He said "no" twice.', ['"no"']),
        ("``We go,'' he said.", ["``We go,''"]),
        ("''We go,'' he said.", ["''We go,''"]),  # NYT archives open with '' too
        ("« Non », dit-il.", ["« Non »"]),
        ("She called it ‘a farce’ and left; don’t ask.", ["‘a farce’"]),  # apostrophes are not marks
        ("“Outer “inner” outer,” he said.", ["“Outer “inner” outer,”"]),  # nested same marks
        ("“First paragraph\n\n“Second paragraph,” he said.", ["“First paragraph\n\n“Second paragraph,”"]),
        ("“Open and never closed.\n\nNext paragraph. “x”", ["“Open and never closed.", "“x”"]),
        ("“It's unusual,“ said Noble.", ["“It's unusual,“"]),  # a typo'd closing mark
        ('"Mixed marks,” he said.', ['"Mixed marks,”']),
        ("No quotes here.", []),
    ],
)
def test_find_quotes(text: str, quotes: list[str]) -> None:
    assert [text[s:e] for s, e in find_quotes(text)] == quotes


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("say", {"said", "says", "saying"}),
        ("argue", {"argues", "argued", "arguing"}),
        ("deny", {"denies", "denied", "denying"}),
        ("slam", {"slams", "slammed", "slamming"}),
        ("stress", {"stresses", "stressed", "stressing"}),
        ("admit", {"admits", "admitted", "admitting"}),
    ],
)
def test_inflect(verb: str, forms: set[str]) -> None:
    assert forms <= set(inflect(verb))


@pytest.mark.parametrize(
    ("word", "kind"),
    [("said", "speech"), ("Warned", "speech"), ("believes", "belief"), ("tweeted", "speech"), ("walked", None)],
)
def test_cue_kind(word: str, kind: str | None) -> None:
    assert cue_kind(word) == kind


def test_trim_keeps_quote_marks_and_drops_edge_punctuation() -> None:
    text = ", “We go,” he said."
    assert text[slice(*trim(text, 0, len(text)))] == "“We go,” he said"


def test_snap_grows_content_to_whole_quotes() -> None:
    text = "“We go,” he said"
    assert snap_to_quotes(1, 6, find_quotes(text)) == (0, 8)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("“We go,”", "direct"),
        ("“We go,” he said, “now.”", "direct"),
        ("that the cuts were “a betrayal” of voters", "mixed"),
        ("that the cuts were wrong", "indirect"),
    ],
)
def test_statement_type(text: str, kind: str) -> None:
    assert statement_type(text, 0, len(text), find_quotes(text)) == kind


def test_rules_extractor_is_registered_like_any_other(settings) -> None:  # type: ignore[no-untyped-def]
    assert "rules" in EXTRACTORS
    assert hasattr(make_extractor(settings), "extract")


def test_unknown_extractor_lists_the_choices(settings) -> None:  # type: ignore[no-untyped-def]
    bad = settings.model_copy(update={"extractor": "neural"})
    with pytest.raises(ConfigError, match="Choose one of: rules"):
        make_extractor(bad)


def test_a_that_clause_hung_on_the_cues_time_phrase_is_the_content() -> None:
    """The parse of 'Ortiz said following a vote in 2014 that she had doubts .' (as the model gives it):
    the 'that' clause hangs on 'vote' as a relative clause; it is still what was said."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Ortiz", "said", "following", "a", "vote", "in", "2014", "that", "she", "had", "doubts", "."]
    heads = [1, 1, 1, 4, 2, 4, 5, 9, 9, 4, 9, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "mark", "nsubj", "relcl", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert [t.text for t in that_clause_after_setting(doc[1])] == ["that", "she", "had", "doubts"]
    deps[9] = "advcl"  # a clause the parse hung on the cue itself is found elsewhere
    heads[9] = 1
    assert that_clause_after_setting(Doc(Vocab(), words=words, heads=heads, deps=deps)[1]) == []


def test_content_ending_where_the_parse_split_a_sentence_runs_on() -> None:
    """'Ortiz mentioned harsh remarks | Weber had made about the port .': the parse ended a sentence with no mark
    in the middle of a line; content ending there runs on to the end of the next sentence, and only there."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Ortiz", "mentioned", "harsh", "remarks", "Weber", "had", "made", "about", "the", "port", "."]
    starts = [True] + [False] * 3 + [True] + [False] * 6
    doc = Doc(Vocab(), words=words, sent_starts=starts)
    sents = list(doc.sents)
    text = doc.text
    remarks_end = text.index("remarks") + len("remarks")
    ends = [s.end_char for s in sents]
    assert across_split_sentence(text, remarks_end, sents, ends) == text.index(" .")
    assert across_split_sentence(text, text.index("harsh") + 5, sents, ends) == text.index("harsh") + 5  # not a split
    marked = Doc(Vocab(), words=[*words[:4], ".", *words[4:]], sent_starts=[*starts[:4], False, *starts[4:]])
    end = marked.text.index("remarks") + len("remarks")
    split = list(marked.sents)
    assert across_split_sentence(marked.text, end, split, [s.end_char for s in split]) == end  # a full stop ends it


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("saying they don’t like her", len("saying they do"), len("saying they don’t")),
        ("saying they don't like her", len("saying they do"), len("saying they don't")),
        ("saying they do not", len("saying they do"), len("saying they do")),  # a word of its own: nothing cut
        ("the band’s new song", len("the band"), len("the band")),  # a possessive is no negation
    ],
)
def test_content_never_ends_before_its_negation(text: str, end: int, expected: int) -> None:
    assert with_negation(text, end) == expected


def test_a_closing_frame_the_parse_hung_as_an_adverbial_clause_still_frames_the_sentence() -> None:
    """The parse of 'The ferry has made it possible for growers to reach markets , she said .' as the model gave
    a real sentence of this shape: 'said' an adverbial clause of 'made'; the clause before the comma is still what
    was said."""
    import spacy
    from spacy.tokens import Doc

    from index.extract import closing_frame_content

    words = ["The", "ferry", "has", "made", "it", "possible", "for", "growers", "to", "reach", "markets", ",", "she"]
    words += ["said", "."]
    tags = ["DT", "NN", "VBZ", "VBN", "PRP", "JJ", "IN", "NNS", "TO", "VB", "NNS", ",", "PRP", "VBD", "."]
    heads = [1, 3, 3, 3, 5, 3, 9, 9, 9, 5, 9, 13, 13, 3, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "nsubj", "ccomp", "mark", "nsubj", "aux", "advcl", "dobj", "punct"]
    deps += ["nsubj", "advcl", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags, heads=heads, deps=deps)
    said = doc[13]
    body = closing_frame_content(said, "speech", doc[12])
    assert " ".join(t.text for t in body) == "The ferry has made it possible for growers to reach markets"
