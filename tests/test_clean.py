from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.clean import blocks, fold, locate, normalise, trim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a \n\t b  ", "a b"),
        ("“peace” ‘now’", "\"peace\" 'now'"),
        ("well—no – maybe", "well-no - maybe"),
        ("non\u00a0breaking\u2009thin", "non breaking thin"),
        ("ﬁne…", "fine..."),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    ("text", "fragment", "span"),
    [
        ("He said “a  pause\nto regroup,” later.", '"a pause to regroup,"', (8, 30)),
        ("He said “a  pause\nto regroup,” later.", "A PAUSE TO", (9, 20)),
        ("The ﬁnal word.", "final", (4, 8)),
        ("Nothing here.", "absent", None),
        ("Nothing here.", "  ", None),
    ],
)
def test_locate_maps_back_to_original(text: str, fragment: str, span: tuple[int, int] | None) -> None:
    assert locate(text, fragment) == span


@given(st.text(alphabet=st.sampled_from(list("ab “”‘’—\u00a0\n\t")), max_size=40), st.data())
def test_offset_map_round_trip(text: str, data: st.DataObject) -> None:
    n = normalise(text)
    assert len(n.origin) == len(n.text)
    assert list(n.origin) == sorted(n.origin)
    if n.text:
        i = data.draw(st.integers(0, len(n.text) - 1))
        j = data.draw(st.integers(i + 1, len(n.text)))
        s, e = n.to_original(i, j)
        # the original span normalises back to the same characters (edge spaces are trimmed)
        assert normalise(text[s:e]).text == n.text[i:j].strip()


def test_fold_ignores_case_quotes_and_spacing() -> None:
    assert fold("“Peace”  NOW") == fold('"peace" now')


def test_blocks_and_trim() -> None:
    text = "  One.\n\n \nTwo\nlines.\r\n\r\nThree. "
    assert [text[s:e] for s, e in blocks(text)] == ["One.", "Two\nlines.", "Three."]
    assert trim("  x  ", 0, 5) == (2, 3)
    assert blocks("   ") == []
