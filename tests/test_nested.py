"""Nested attribution with the real spaCy pipeline: a report inside another report's content is part of the
outer statement (annotators mark the outermost source only), while reports side by side each stay a statement.

Every sentence is written for this file (none comes from an evaluation corpus).
"""

from __future__ import annotations

import pytest

from index.extract import StatementExtractor
from tests.extraction import run

pytestmark = pytest.mark.models

# (text, [(speaker mention, cue, content)]): only the outer report is a statement
OUTER_ONLY = [
    (  # a view inside a view, quoted words and all: the outer holder's statement only
        "The mayor believes most residents think the pier is “unsafe.”",
        [("The mayor", "believes", "most residents think the pier is “unsafe.”")],
    ),
    (
        "Weber believes the vote matters, given that polls show most residents think the pier is “unsafe.”",
        [("Weber", "believes", "the vote matters, given that polls show most residents think the pier is “unsafe.”")],
    ),
    (  # a poll's finding that holds what people said
        "A county survey found that roughly half of renters said their heating bills had doubled since May.",
        [
            (
                "A county survey",
                "found",
                "that roughly half of renters said their heating bills had doubled since May",
            )
        ],
    ),
    (  # a document showing what officials knew
        "There were also letters that week showing that city officials knew the dam was leaking.",
        [("", "showing", "that city officials knew the dam was leaking")],
    ),
    (  # "according to" before a report claims the report, quote and all
        'According to council minutes, Weber said "the bridge is safe" at the hearing in May.',
        [("council minutes", "according to", 'Weber said "the bridge is safe" at the hearing in May')],
    ),
    (  # a tail frame holding a report
        "The vast majority of farmers say they prefer lower fees, a survey of growers shows.",
        [("a survey of growers", "shows", "The vast majority of farmers say they prefer lower fees")],
    ),
    (  # a rebuke's object holds the rebuked report: the rebuke is the statement, the inner claim part of it
        "Councilwoman Ruiz assailed the mayor's claim that the bridge was safe.",
        [("Councilwoman Ruiz", "assailed", "the mayor's claim that the bridge was safe")],
    ),
    (  # 'scolded X for suggesting Y': who was scolded and for what
        "The chairman scolded Weber for suggesting that the dam was unsafe.",
        [("The chairman", "scolded", "Weber for suggesting that the dam was unsafe")],
    ),
    (  # a gerund after 'for' names the deed blamed, quoted words and all
        "The chairman scolded Weber for suggesting that the levee was “a lost cause.”",
        [("The chairman", "scolded", "Weber for suggesting that the levee was “a lost cause.”")],
    ),
    (  # a gerund after 'like' names what the deed is compared with
        "Mayor Lena Ortiz added that blaming the engineers was like saying the river “chose to flood.”",
        [("Mayor Lena Ortiz", "added", "that blaming the engineers was like saying the river “chose to flood.”")],
    ),
    (  # ... or after 'than'
        "Councilwoman Ruiz thinks that fixing the pier is more urgent than defending the harbour.",
        [("Councilwoman Ruiz", "thinks", "that fixing the pier is more urgent than defending the harbour")],
    ),
    (  # disavowing someone's remarks
        "The governor is disavowing the remarks his aide made about farmers.",
        [("The governor", "disavowing", "the remarks his aide made about farmers")],
    ),
]

# "according to" after a quote's frame claims the quote and its frame
ACCORDING_AFTER_FRAME = [
    (
        "“Is this a priority for them, or do they want votes?” Weber said at a rally, according to the Daily Star.",
        "the Daily Star",
        "“Is this a priority for them, or do they want votes?” Weber said at a rally",
    ),
    (
        "“We cannot wait. The river is rising!” the mayor told reporters, according to the county paper.",
        "the county paper",
        "“We cannot wait. The river is rising!” the mayor told reporters",
    ),
]


@pytest.mark.parametrize(("text", "source", "content"), ACCORDING_AFTER_FRAME)
def test_according_to_claims_the_framed_quote(
    extractor: StatementExtractor, text: str, source: str, content: str
) -> None:
    assert [(s.speaker_mention, s.cue, s.quote) for s in run(extractor, text)] == [(source, "according to", content)]


# look-alikes: a participle cue is the same speaker's next statement; reports side by side stay apart
SIDE_BY_SIDE = [
    (
        "Paul Weber opposed the levy, saying it would hurt small farms.",
        [("saying", "it would hurt small farms")],
    ),
    (
        "Mayor Lena Ortiz said the budget was dead, and her aides told reporters the vote would wait.",
        [("said", "the budget was dead"), ("told", "the vote would wait")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUTER_ONLY)
def test_a_report_inside_a_report_belongs_to_the_outer_source(
    extractor: StatementExtractor, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker_mention, s.cue, s.quote) for s in run(extractor, text)] == expected


@pytest.mark.parametrize(("text", "expected"), SIDE_BY_SIDE)
def test_reports_side_by_side_stay_apart(
    extractor: StatementExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s.cue, s.quote) for s in run(extractor, text)] == expected


def test_a_report_in_an_adverbial_aside_keeps_its_statement(extractor: StatementExtractor) -> None:
    text = (
        "Mayor Lena Ortiz hopes the council will approve the plan this time around, even as she admits how hard it is."
    )
    found = [(s.speaker_mention, s.cue, s.quote) for s in run(extractor, text)]
    assert ("she", "admits", "how hard it is") in found
    assert found[0][:2] == ("Mayor Lena Ortiz", "hopes")
