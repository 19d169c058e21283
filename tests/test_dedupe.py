from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.dedupe import NearDuplicateIndex, repeated_spans, same_story, signature, similarity

HEAD = "Council approves the harbour budget after a long night"
BODY = [
    "The council voted late on Tuesday to approve the harbour budget.",
    "“We finally have a plan that works for the fishermen,” the mayor said.",
    "Opposition members said the vote was rushed.",
]

NBSP_COPY = "\n \n".join(b + "\u00a0 " for b in BODY)


def kept(text: str) -> str:
    """The text with its repeated spans cut out."""
    out, pos = [], 0
    for s, e in repeated_spans(text):
        out.append(text[pos:s])
        pos = e
    return "".join(out) + text[pos:]


@pytest.mark.parametrize(
    ("text", "repeats"),
    [
        ("\n\n".join([HEAD, *BODY]), []),
        # headline twice, then the whole body twice (the seed article's shape)
        ("\n\n".join([HEAD, HEAD, *BODY, *BODY]), [HEAD, "\n\n".join(BODY)]),
        # whitespace and trailing no-break spaces differ in the copy
        ("\n\n".join(BODY) + "\n\n\n\n" + NBSP_COPY, [NBSP_COPY.rstrip()]),
        # a short repeated block ("Advertisement") is kept
        ("\n\n".join([BODY[0], "Advertisement", BODY[1], "Advertisement", BODY[2]]), []),
        # a repeated paragraph in the middle, not followed by more repeats
        ("\n\n".join([BODY[0], BODY[1], BODY[2], BODY[0], "A new closing paragraph."]), [BODY[0]]),
        ("", []),
    ],
)  # fmt: skip
def test_repeated_spans(text: str, repeats: list[str]) -> None:
    assert [text[s:e] for s, e in repeated_spans(text)] == repeats


def test_repeated_spans_keep_every_block_once() -> None:
    text = "\n\n".join([HEAD, HEAD, *BODY, *BODY])
    rest = kept(text)
    for block in [HEAD, *BODY]:
        assert rest.count(block) == 1


@given(st.lists(st.sampled_from([HEAD, *BODY, "Short.", "Another line of news text here."]), max_size=12))
def test_repeated_spans_are_idempotent(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    spans = repeated_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert repeated_spans(kept(text)) == []


def test_seed_article_body_is_kept_once(shared_dir: Path) -> None:
    text = (shared_dir / "data/seed/lavrov-ceasefire.txt").read_text(encoding="utf-8")
    assert text.count("pause to regroup") == 2
    assert kept(text).count("pause to regroup") == 1
    assert kept(text).count("ready for peace talks in Ukraine, but not for ceasefire") == 1


LONG = " ".join(f"sentence {i} says the harbour budget passed after debate" for i in range(40))


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (LONG, LONG, 1.0, 1.0),
        (LONG, LONG.replace("sentence 7 ", "sentence seven "), 0.85, 1.0),
        (LONG, LONG.upper(), 1.0, 1.0),  # shingles are case-folded
        (LONG, "An entirely different text about ferries, weather and the football results tonight.", 0.0, 0.1),
        ("", LONG, 0.0, 0.0),
    ],
)
def test_similarity(a: str, b: str, low: float, high: float) -> None:
    assert low <= similarity(signature(a), signature(b)) <= high


def test_signature_is_stable_text() -> None:
    sig = signature("The council approved the budget.")
    assert isinstance(sig, str) and sig == signature("The council approved the budget.")
    assert signature("") == "" and signature("  ...  ") == ""
    assert similarity(sig, "not base64!") == 0.0


def test_near_duplicate_index() -> None:
    index = NearDuplicateIndex()
    index.add("a", signature(LONG))
    index.add("other", signature("A different story about ferries " * 5))
    edited = signature(LONG.replace("sentence 3 ", "sentence three "))
    assert index.query(edited, 0.85) is not None
    assert index.query(edited, 0.85)[0] == "a"  # type: ignore[index]
    assert index.query(signature("Nothing like the others at all, really."), 0.85) is None
    index.remove("a")
    assert index.query(edited, 0.85) is None and len(index) == 1


ORIGINAL = "Governor Lena Ortiz said the Kestrel Bridge reopens in May. The Harbour Board agreed."


@pytest.mark.parametrize(
    ("other", "first_date", "other_date", "copy"),
    [
        (
            ORIGINAL + " This story was first published by The Ledger.",
            "2025-03-14",
            "2025-03-15",
            True,
        ),  # adds a credit
        ("Governor Lena Ortiz said the Kestrel Bridge reopens in May.", "", "", True),  # trimmed
        (ORIGINAL.replace("Kestrel", "Osprey"), "", "", False),  # templated sibling: a name swapped
        (ORIGINAL, "2024-03-14", "2025-03-14", False),  # re-issued a year later
        (ORIGINAL.replace("Kestrel Bridge", "Kestrel Bridge’s deck"), "", "", True),  # possessives fold
    ],
)
def test_same_story(other: str, first_date: str, other_date: str, copy: bool) -> None:
    assert same_story(ORIGINAL, first_date, other, other_date) is copy
