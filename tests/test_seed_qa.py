"""Issue #4 acceptance on the real seed article (../shared/data/seed): each question gets a correct, cited,
verbatim answer, the follow-up borrows speaker and topic from the history, and an unknown speaker abstains.

The seed's text is read from ../shared, never copied here; the assertions name only short words of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pytest

from rag.records import Answer
from rag.verify import quotes_in
from tests.test_seed import seed_text

if TYPE_CHECKING:
    from rag.chain import Assistant

pytestmark = [pytest.mark.models, pytest.mark.shared]

SPEAKER = "Sergei Lavrov"
CEASEFIRE = "What did Lavrov say about a ceasefire?"
Ask = Callable[[str, Sequence[tuple[str, str]]], Answer]


@pytest.fixture(scope="module")
def ask(seed_assistant: Assistant) -> Ask:
    return lambda question, history=(): seed_assistant.ask(question, history=history)


def _flat(text: str) -> str:
    return " ".join(text.split())


def assert_cited_and_verbatim(answer: Answer) -> None:
    """An answer of Lavrov's words: named, every citation his and verbatim, every quoted string in the article."""
    text = seed_text()
    assert not answer.abstained, answer.text
    assert SPEAKER in answer.text
    assert answer.citations
    for c in answer.citations:
        assert text[c.start : c.end] == c.quote, c
        assert c.speaker == SPEAKER, c
        assert f"[{c.n}]" in answer.text
    quoted = quotes_in(answer.text)
    assert quoted
    assert all(_flat(q) in _flat(text) for q in quoted), quoted


def cites(answer: Answer, *words: str) -> bool:
    """Some citation holds all these words (case-insensitive)."""
    return any(all(w.lower() in c.quote.lower() for w in words) for c in answer.citations)


def test_what_lavrov_said_about_a_ceasefire(shared_dir: object, ask: Ask) -> None:
    answer = ask(CEASEFIRE, ())
    assert_cited_and_verbatim(answer)
    assert cites(answer, "ceasefire")


def test_what_moscow_thinks_of_the_f16_deliveries(shared_dir: object, ask: Ask) -> None:
    answer = ask("What does Moscow think of the F-16 deliveries?", ())
    assert_cited_and_verbatim(answer)
    assert cites(answer, "F-16")


def test_whether_lavrov_supported_chinas_peace_conference_idea(shared_dir: object, ask: Ask) -> None:
    answer = ask("Did Lavrov support China's peace conference idea?", ())
    assert_cited_and_verbatim(answer)
    assert cites(answer, "China", "peace conference")


def test_what_else_he_said_follows_the_first_question(shared_dir: object, ask: Ask) -> None:
    first = ask(CEASEFIRE, ())
    answer = ask("What else did he say?", [(first.question, first.text)])
    assert_cited_and_verbatim(answer)  # "he" is Lavrov, from the history
    assert {c.quote for c in answer.citations}.isdisjoint(c.quote for c in first.citations)  # something else


def test_what_zelensky_said_abstains(shared_dir: object, ask: Ask) -> None:
    answer = ask("What did Zelensky say?", ())
    assert answer.abstained and answer.citations == ()
    assert "Zelensky" in answer.text
