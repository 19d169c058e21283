"""The speaker mention side of attribution: which words speak, and the speaker a reader sees.

Two tables of invented sentences. The first runs the real extractor on sentences whose parse shows the
construction (a collective or institution as speaker, a subject the parse left on another clause). The
second fixes the parse by hand to the slip the parser makes on real news (a name hung on the object or on
the verb, a subject-less root), so the rule is tested whatever the model does with the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from index.extract import mention_span, subject_of
from index.quotes import find_quotes
from index.resolve import Resolver
from tests.extraction import run

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from index.extract import StatementExtractor

# (text, a fragment of the statement's content, expected speaker mention, expected resolved speaker)
PARSED = [
    # an institution, a collective or a party speaks as one: its name as written, without the article
    (
        "Flooding closed the Harbour Road on Monday. Police said the water would recede by Friday.",
        "the water would recede",
        "Police",
        "Police",
    ),
    (
        "The funeral drew thousands. Mourners said the captain had saved their town.",
        "the captain had saved",
        "Mourners",
        "Mourners",
    ),
    (
        "The vote was close. Many Democratic officials said the bill was flawed.",
        "the bill was flawed",
        "Many Democratic officials",
        "Democratic officials",
    ),
    (
        "The poll was close. Another New Hampshire Republican added that the governor would lose.",
        "the governor would lose",
        "Another New Hampshire Republican",
        "New Hampshire Republican",
    ),
    # a hyphenated name stays whole
    (
        "The crash closed the road. KING-TV reported that two people were hurt.",
        "two people were hurt",
        "KING-TV",
        "KING-TV",
    ),
    # a definite description takes up the institution named before it
    (
        "The Harbour Rowing Team lost the final on Sunday. The team said the judges had ignored a foul.",
        "the judges had ignored",
        "The team",
        "Harbour Rowing Team",
    ),
    # a gerund inside a prepositional phrase shares the main clause's subject
    (
        "Mayor Ana Ruiz spoke on Monday. In addition to stating that the bridge was safe, Ruiz has vowed to "
        "repair the harbour road.",
        "the bridge was safe",
        "Ruiz",
        "Ana Ruiz",
    ),
    # a root without subject after a clause the parse took for its complement: that clause's subject speaks
    (
        "Mayor Ana Ruiz visited the school. Ruiz jokingly offered a pupil a job as her deputy, then says she "
        "will welcome advice from anyone.",
        "she will welcome advice",
        "Ruiz",
        "Ana Ruiz",
    ),
    # a name right before a verb without subject, which the parse hung on the place or phrase before it
    (
        "Thursday at the Harbour Club in Dover, Delaware, Republican presidential candidate Sen. Tomas Bell "
        "(R-DE) called out his rival Ana Ruiz for raising taxes.",
        "his rival Ana Ruiz",
        "Republican presidential candidate Sen. Tomas Bell",
        "Tomas Bell",
    ),
    (
        "At a June campaign event in St. Clairsville, Ohio, 62-year-old Brenda Lane also railed against the "
        "tax, and explained how much it upset her to pay it.",
        "how much it upset her",
        "62-year-old Brenda Lane",
        "Brenda Lane",
    ),
    # a participle on what a verb of sending sends, or on whom it goes to: the sender speaks
    (
        "Senator Ana Ruiz lost the primary. Ruiz emailed supporters saying the struggle continues and vowing "
        "to compete in the final primary.",
        "to compete in the final primary",
        "Ruiz",
        "Ana Ruiz",
    ),
    (
        "Mayor Tomas Bell closed the harbour. Bell issued a statement saying the bridge was safe.",
        "the bridge was safe",
        "Bell",
        "Tomas Bell",
    ),
    # the name before a set-off phrase the parse swallowed
    (
        "The row began after Mayor Ana Ruiz, asked about the closure of the harbour, had said that the port "
        "would reopen in May.",
        "the port would reopen",
        "Mayor Ana Ruiz",
        "Ana Ruiz",
    ),
]


@pytest.mark.models
@pytest.mark.parametrize(("text", "fragment", "mention", "speaker"), PARSED)
def test_speaker_mention_and_resolved_speaker(
    extractor: StatementExtractor, text: str, fragment: str, mention: str, speaker: str
) -> None:
    found = [s for s in run(extractor, text) if fragment in s.quote]
    assert found, f"no statement holds {fragment!r}"
    assert (found[0].speaker_mention, found[0].speaker) == (mention, speaker)
    assert text[found[0].speaker_start : found[0].speaker_end] == mention


# hand-made parses: (word, tag, dep, head index, IOB entity); the cue verb is `cue`
Row = tuple[str, str, str, int, str]
BUILT: list[tuple[str, list[Row], str, str, str]] = [
    (
        "a name the parse made a conjunct of the first clause's object: 'a liar and NBC News' ",
        [
            ("The", "DT", "det", 1, "O"),
            ("Ledger", "NNP", "nsubj", 3, "B-ORG"),
            ("will", "MD", "aux", 3, "O"),
            ("brand", "VB", "ROOT", 3, "O"),
            ("you", "PRP", "dative", 3, "O"),
            ("a", "DT", "det", 6, "O"),
            ("liar", "NN", "dobj", 3, "O"),
            ("and", "CC", "cc", 6, "O"),
            ("Harbour", "NNP", "compound", 9, "B-ORG"),
            ("Radio", "NNP", "conj", 6, "I-ORG"),
            ("will", "MD", "aux", 11, "O"),
            ("accuse", "VB", "conj", 3, "O"),
            ("you", "PRP", "dobj", 11, "O"),
            ("of", "IN", "prep", 11, "O"),
            ("panic", "NN", "pobj", 13, "O"),
            (".", ".", "punct", 3, "O"),
        ],
        "accuse",
        "Harbour Radio",
        "Harbour Radio",
    ),
    (
        "a name the parse made a compound of the verb after a quote: '“Taxes,” Bell joked'",
        [
            ("When", "WRB", "advmod", 3, "O"),
            ("a", "DT", "det", 2, "O"),
            ("man", "NN", "nsubj", 3, "O"),
            ("shouted", "VBD", "ROOT", 3, "O"),
            ("“", "``", "punct", 5, "O"),
            ("Taxes", "NNP", "dobj", 3, "O"),
            (",", ",", "punct", 5, "O"),
            ("”", "''", "punct", 5, "O"),
            ("Tomas", "NNP", "compound", 9, "B-PERSON"),
            ("Bell", "NNP", "compound", 10, "I-PERSON"),
            ("joked", "VBD", "xcomp", 3, "O"),
            ("again", "RB", "advmod", 10, "O"),
            (".", ".", "punct", 3, "O"),
        ],
        "joked",
        "Tomas Bell",
        "Tomas Bell",
    ),
    (
        "an infinitive on a passive participle: the one asked responds, not the one asking",
        [
            ("Asked", "VBN", "advcl", 8, "O"),
            ("by", "IN", "agent", 0, "O"),
            ("Bell", "NNP", "pobj", 1, "B-PERSON"),
            ("to", "TO", "aux", 4, "O"),
            ("respond", "VB", "xcomp", 0, "O"),
            (",", ",", "punct", 8, "O"),
            ("Ana", "NNP", "compound", 7, "B-PERSON"),
            ("Ruiz", "NNP", "nsubj", 8, "I-PERSON"),
            ("said", "VBD", "ROOT", 8, "O"),
            ("that", "IN", "mark", 12, "O"),
            ("it", "PRP", "nsubj", 12, "O"),
            ("was", "VBD", "ccomp", 8, "O"),
            ("false", "JJ", "acomp", 11, "O"),
            (".", ".", "punct", 8, "O"),
        ],
        "respond",
        "Ana Ruiz",
        "Ana Ruiz",
    ),
    (
        "a verb conjoined to a subject-less root shares the subject of the conjunct before it",
        [
            ("Quietly", "RB", "advmod", 1, "O"),
            ("blaming", "VBG", "ROOT", 1, "O"),
            ("the", "DT", "det", 3, "O"),
            ("flood", "NN", "dobj", 1, "O"),
            (",", ",", "punct", 1, "O"),
            ("Ana", "NNP", "compound", 6, "B-PERSON"),
            ("Ruiz", "NNP", "nsubj", 7, "I-PERSON"),
            ("cast", "VBD", "conj", 1, "O"),
            ("doubt", "NN", "dobj", 7, "O"),
            (",", ",", "punct", 1, "O"),
            ("and", "CC", "cc", 1, "O"),
            ("stressed", "VBD", "conj", 1, "O"),
            ("that", "IN", "mark", 14, "O"),
            ("roads", "NNS", "nsubj", 14, "O"),
            ("were", "VBD", "ccomp", 11, "O"),
            ("safe", "JJ", "acomp", 14, "O"),
            (".", ".", "punct", 1, "O"),
        ],
        "stressed",
        "Ana Ruiz",
        "Ana Ruiz",
    ),
]


BUILT += [
    (
        "a name the parse compounded on the verb after a quote: '“Look here,” Conway notes'",
        [
            ("“", "``", "punct", 6, "O"),
            ("Look", "VB", "xcomp", 6, "O"),
            ("here", "RB", "advmod", 1, "O"),
            (",", ",", "punct", 6, "O"),
            ("”", "''", "punct", 6, "O"),
            ("Conway", "NNP", "compound", 6, "O"),
            ("notes", "VBZ", "ROOT", 6, "O"),
            (".", ".", "punct", 6, "O"),
        ],
        "notes",
        "Conway",
        "Conway",
    ),
    (
        "an inverted speaker the tagger took for an adverb: '“…,” said Skelly, explaining'",
        [
            ("Bill", "NNP", "compound", 1, "B-PERSON"),
            ("Skelly", "NNP", "nsubj", 2, "I-PERSON"),
            ("spoke", "VBD", "ROOT", 2, "O"),
            (".", ".", "punct", 2, "O"),
            ("“", "``", "punct", 10, "O"),
            ("It", "PRP", "nsubj", 6, "O"),
            ("is", "VBZ", "ccomp", 10, "O"),
            ("valuable", "JJ", "acomp", 6, "O"),
            (",", ",", "punct", 10, "O"),
            ("”", "''", "punct", 10, "O"),
            ("said", "VBD", "ROOT", 10, "O"),
            ("Skelly", "RB", "advmod", 10, "O"),
            (",", ",", "punct", 10, "O"),
            ("explaining", "VBG", "advcl", 10, "O"),
            ("the", "DT", "det", 15, "O"),
            ("plan", "NN", "dobj", 13, "O"),
            (".", ".", "punct", 10, "O"),
        ],
        "said",
        "Skelly",
        "Bill Skelly",
    ),
    (
        "a name in apposition right before a verb without subject: 'the chief, Paul Manafort, suggested'",
        [
            ("The", "DT", "det", 2, "O"),
            ("campaign", "NN", "compound", 2, "O"),
            ("chief", "NN", "dep", 8, "O"),
            (",", ",", "punct", 2, "O"),
            ("Paul", "NNP", "compound", 5, "B-PERSON"),
            ("Manafort", "NNP", "appos", 2, "I-PERSON"),
            (",", ",", "punct", 8, "O"),
            ("bluntly", "RB", "advmod", 8, "O"),
            ("suggested", "VBD", "ROOT", 8, "O"),
            ("that", "IN", "mark", 11, "O"),
            ("it", "PRP", "nsubj", 11, "O"),
            ("failed", "VBD", "ccomp", 8, "O"),
            (".", ".", "punct", 8, "O"),
        ],
        "suggested",
        "Paul Manafort",
        "Paul Manafort",
    ),
    (
        "a participle set off after the main clause, hung by the parse on a later verb: '…, Ruiz said, noting'",
        [
            ("The", "DT", "det", 1, "O"),
            ("fees", "NNS", "nsubj", 3, "O"),
            ("are", "VBP", "aux", 3, "O"),
            ("rising", "VBG", "ccomp", 6, "O"),
            (",", ",", "punct", 6, "O"),
            ("Ruiz", "NNP", "nsubj", 6, "B-PERSON"),
            ("said", "VBD", "ROOT", 6, "O"),
            ("Tuesday", "NNP", "npadvmod", 6, "B-DATE"),
            (",", ",", "punct", 6, "O"),
            ("noting", "VBG", "csubj", 12, "O"),
            ("the", "DT", "det", 11, "O"),
            ("council", "NN", "dobj", 9, "O"),
            ("makes", "VBZ", "advcl", 6, "O"),
            ("us", "PRP", "nsubj", 14, "O"),
            ("pay", "VB", "ccomp", 12, "O"),
            (".", ".", "punct", 6, "O"),
        ],
        "noting",
        "Ruiz",
        "Ruiz",
    ),
    (
        "a set-off participle the parse made the root, with the reporting clause before it: 'Ruiz said, not "
        "suggesting'",
        [
            ("Ruiz", "NNP", "nsubj", 1, "B-PERSON"),
            ("said", "VBD", "parataxis", 4, "O"),
            (",", ",", "punct", 1, "O"),
            ("not", "RB", "neg", 4, "O"),
            ("suggesting", "VBG", "ROOT", 4, "O"),
            ("Bell", "NNP", "nsubj", 7, "B-PERSON"),
            ("could", "MD", "aux", 7, "O"),
            ("win", "VB", "ccomp", 4, "O"),
            (".", ".", "punct", 4, "O"),
        ],
        "suggesting",
        "Ruiz",
        "Ruiz",
    ),
    (
        "an infinitive completing a set-off participle: 'Ruiz said, not even needing to mention Bell'",
        [
            ("Ruiz", "NNP", "nsubj", 1, "B-PERSON"),
            ("said", "VBD", "ROOT", 1, "O"),
            (",", ",", "punct", 1, "O"),
            ("not", "RB", "neg", 5, "O"),
            ("even", "RB", "advmod", 5, "O"),
            ("needing", "VBG", "npadvmod", 1, "O"),
            ("to", "TO", "aux", 7, "O"),
            ("mention", "VB", "xcomp", 5, "O"),
            ("Bell", "NNP", "dobj", 7, "B-PERSON"),
            (".", ".", "punct", 1, "O"),
        ],
        "mention",
        "Ruiz",
        "Ruiz",
    ),
    (
        "a place that speaks, set off by a participle the parse took from it: 'Texas, leading a coalition, asked'",
        [
            ("Friday", "NNP", "npadvmod", 8, "B-DATE"),
            (",", ",", "punct", 0, "O"),
            ("Ohio", "NNP", "appos", 0, "B-GPE"),
            (",", ",", "punct", 0, "O"),
            ("leading", "VBG", "advcl", 8, "O"),
            ("a", "DT", "det", 6, "O"),
            ("coalition", "NN", "dobj", 4, "O"),
            (",", ",", "punct", 8, "O"),
            ("asked", "VBD", "ROOT", 8, "O"),
            ("a", "DT", "det", 10, "O"),
            ("judge", "NN", "dobj", 8, "O"),
            ("to", "TO", "aux", 12, "O"),
            ("block", "VB", "xcomp", 8, "O"),
            ("the", "DT", "det", 14, "O"),
            ("rules", "NNS", "dobj", 12, "O"),
            (".", ".", "punct", 8, "O"),
        ],
        "asked",
        "Ohio",
        "Ohio",
    ),
    (
        "a gerund on the object of a verb: 'Ruiz has a long history of blaming others'",
        [
            ("Ruiz", "NNP", "nsubj", 1, "B-PERSON"),
            ("has", "VBZ", "ROOT", 1, "O"),
            ("a", "DT", "det", 4, "O"),
            ("long", "JJ", "amod", 4, "O"),
            ("history", "NN", "dobj", 1, "O"),
            ("of", "IN", "prep", 4, "O"),
            ("blaming", "VBG", "pcomp", 5, "O"),
            ("others", "NNS", "dobj", 6, "O"),
            (".", ".", "punct", 1, "O"),
        ],
        "blaming",
        "Ruiz",
        "Ruiz",
    ),
]


def built(rows: list[Row]) -> Doc:
    """A Doc carrying exactly the given parse (no model)."""
    import spacy
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][1] not in {",", ".", "''"} and r[1] != "``" for i, r in enumerate(rows)]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        ents=[r[4] for r in rows],
    )


@pytest.mark.parametrize(("why", "rows", "cue", "mention", "speaker"), BUILT, ids=[b[0][:40] for b in BUILT])
def test_speaker_of_a_parse_slip(why: str, rows: list[Row], cue: str, mention: str, speaker: str) -> None:
    doc = built(rows)
    verb = next(t for t in doc if t.text == cue and t.tag_.startswith("VB"))
    subject = subject_of(verb)
    assert subject is not None, why
    span = mention_span(subject)
    assert span.text == mention, why
    assert Resolver(doc, find_quotes(doc.text), doc.text).resolve(span).speaker == speaker, why
