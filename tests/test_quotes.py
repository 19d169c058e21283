"""Quote spans (index/quotes.py): the marks news text really uses, and the strays it leaves."""

from __future__ import annotations

import pytest

from index.extract import Candidate, is_title, nickname, quote_inside
from index.quotes import find_quotes, pull_quotes, straight_role


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # a stray ‘ (an elided year) must not swallow the double quotes after it
        ("He said in ‘98 that “it was over,” and left.", ["“it was over,”"]),
        ("Back in ‘04, “we won,” she said. “Now we lose.”", ["“we won,”", "“Now we lose.”"]),
        # single quotes count on their own only when they pair up outside double quotes
        ("Mayor: ‘We Will Rebuild’ after storm.", ["‘We Will Rebuild’"]),
        ("“He told me ‘no way’ twice,” she said.", ["“He told me ‘no way’ twice,”"]),
        # a straight mark pasted round curly ones is not a quote of its own
        ('"“We are broke,” the mayor said."', ["“We are broke,”"]),
        # ’’ typed for ”
        ("a “deal’’ nobody wanted. “Fine,” he said.", ["“deal’’", "“Fine,”"]),
        # a straight mark that can only close, with nothing open, is a stray
        ('The file was 12" long. "Yes," she said.', ['"Yes,"']),
        # ’ typed for ” after closing punctuation closes the quote, unless an inner ‘ is open
        ("Rowe wrote: “Let’s go. We win.’ Rowe was there. “Fine,” he said.", ["“Let’s go. We win.’", "“Fine,”"]),
        ("“He told me ‘no way.’ And left,” she said.", ["“He told me ‘no way.’ And left,”"]),
        # a quote left open at a paragraph end stops when the next paragraph's quote has the same speaker's frame
        (
            "“We held,” Pike said. “We always hold.\n\n“The rest is noise,” he went on.",
            ["“We held,”", "“We always hold.", "“The rest is noise,”"],
        ),
        ("“We always hold.\n\n“The rest is noise,” Lena Vos said.", ["“We always hold.\n\n“The rest is noise,”"]),
        # a straight block pasted into a curly text ends with its paragraph when the next one opens a curly quote
        (
            '"Pike was asleep.\n\n“Here he is,” she said.',
            ['"Pike was asleep.', "“Here he is,”"],
        ),
        ('"We hold.\n\n"We win," she said.', ['"We hold.\n\n"We win,"']),
        # a straight mark opening a pasted block's paragraph, never closed, with curly quotes inside: layout
        (
            '“No,” he said.\n\n"Pike tried to laugh it off by interjecting, “Only Rosie.” But Lee was relentless.',
            ["“No,”", "“Only Rosie.”"],
        ),
        # ... but the block's first paragraph after its introduction opens the block as one quote
        (
            'Ward stated:\n\n"The law isn’t about “Equal Justice” anymore.\n\n"It is about power."',
            ['"The law isn’t about “Equal Justice” anymore.\n\n"It is about power."'],
        ),
        # “ typed for ” after a word: it closes, so the next quote is read right
        ("called them “thieves“ and left. “We stay,” she said.", ["“thieves“", "“We stay,”"]),
        # a pull quote: the last line names the speaker and is no part of the quote
        (
            'Intro.\n\n"We will not back down on this.\nJane Roe, Center for Policy."\n\nMore.',
            ['"We will not back down on this'],
        ),
    ],
)
def test_find_quotes_hard_marks(text: str, quotes: list[str]) -> None:
    assert [text[s:e] for s, e in find_quotes(text)] == quotes


@pytest.mark.parametrize(
    ("text", "pos", "role"),
    [('say "no"', 4, "open"), ('say "no"', 7, "close"), ('a"b', 1, "")],
)
def test_straight_role(text: str, pos: int, role: str) -> None:
    assert straight_role(text, pos) == role


def test_pull_quote_names_its_speaker() -> None:
    text = 'Intro.\n\n"We will not back down on this.\nJane Roe, Center for Policy."'
    ((qs, qe, ss, se),) = pull_quotes(text)
    assert (text[qs:qe], text[ss:se]) == ('"We will not back down on this', "Jane Roe")


@pytest.mark.parametrize(
    ("quote", "title"),
    [
        ("“Meet the Press”", True),
        ("''An American Son.''", True),  # NYT marks are no lower-case word
        ("''We will rebuild it.''", False),
        ("“we will rebuild it”", False),
    ],
)
def test_is_title(quote: str, title: bool) -> None:
    assert is_title(quote) is title


def test_a_quote_inside_another_statement_is_no_second_one() -> None:
    """'… yelling at voters, saying “Hey, vote for me.”': the quote and its cue sit inside the paraphrase."""
    text = "Pike says he would spend the day yelling at voters, saying “Hey, vote for me.” Then “No,” he said."
    first, second = find_quotes(text)[0], find_quotes(text)[1]
    outer = Candidate(10, first[1], "says", 5, 9, "speech")
    inner = Candidate(*first, "saying", text.index("saying"), text.index("saying") + 6, "speech")
    later = Candidate(*second, "said", text.index("said"), text.index("said") + 4, "speech")
    cands = [outer, inner, later]
    assert [quote_inside(c, cands, find_quotes(text)) for c in cands] == [False, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('state Del. Marcia "Cia" Price (D-Va.) said', True),
        ("Speaker Thomas P. “Tip” O’Neill Jr. said", True),
        ('he called it "Bad" Then left', False),  # no name before it
        ('Pike called it "a disgrace" Monday', False),  # lower-case words are no nickname
    ],
)
def test_nickname_inside_a_name(text: str, expected: bool) -> None:
    ((qs, qe),) = find_quotes(text)
    assert nickname(text, qs, qe) is expected
