"""Statement extraction with the real spaCy pipeline: hard constructions, offsets, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from index.extract import StatementExtractor
from tests.extraction import run

pytestmark = pytest.mark.models


# (text, expected speaker, expected content, expected cue, expected type): each a real news pattern
CASES = [
    (
        "“We will not retreat,” Governor Ana Ruiz said on Tuesday.",
        "Ana Ruiz", "“We will not retreat,”", "said", "direct",
    ),
    ("Senator Tom Baker said: “The bill is dead.”", "Tom Baker", "“The bill is dead.”", "said", "direct"),
    (
        "“The bill,” said Senator Tom Baker, “is dead on arrival.”",
        "Tom Baker", "“The bill,” said Senator Tom Baker, “is dead on arrival.”", "said", "direct",
    ),
    (
        "Mayor Lena Ortiz told reporters that the bridge would reopen in May.",
        "Lena Ortiz", "that the bridge would reopen in May", "told", "indirect",
    ),
    ("The plan will fail, Lena Ortiz warned.", "Lena Ortiz", "The plan will fail", "warned", "indirect"),
    (
        "According to Lena Ortiz, the bridge will reopen in May.",
        "Lena Ortiz", "the bridge will reopen in May", "according to", "indirect",
    ),
    (
        "Lena Ortiz was quoted as saying the bridge would reopen in May.",
        "Lena Ortiz", "the bridge would reopen in May", "saying", "indirect",
    ),
    ("The Kremlin said that the talks had stalled.", "Kremlin", "that the talks had stalled", "said", "indirect"),
    (
        "Interior Minister Paul Weber arrived late. The minister said the budget was balanced.",
        "Paul Weber", "the budget was balanced", "said", "indirect",
    ),
    (
        "Paul Weber spoke first. He said the budget was balanced.",
        "Paul Weber", "the budget was balanced", "said", "indirect",
    ),
    (
        "Paul Weber said the cuts were “a betrayal of voters” and must be reversed.",
        "Paul Weber", "the cuts were “a betrayal of voters” and must be reversed", "said", "mixed",
    ),
    ("``We are ready,'' Paul Weber said.", "Paul Weber", "``We are ready,''", "said", "direct"),
    ("''We are ready,'' Paul Weber said.", "Paul Weber", "''We are ready,''", "said", "direct"),
    ("Paul Weber called for a ban on imports.", "Paul Weber", "a ban on imports", "called for", "indirect"),
    ("“Go back to your seat,” Paul Weber barked.", "Paul Weber", "“Go back to your seat,”", "barked", "direct"),
    (
        "“Yes, I back the bill,” Paul Weber III, founder of the Weber Institute, said in a statement.",
        "Paul Weber III", "“Yes, I back the bill,”", "said", "direct",
    ),
    (
        "Senator Lindsey Graham spoke first.\n\nHe continued, “We are losing the vote.”",
        "Lindsey Graham", "“We are losing the vote.”", "continued", "direct",
    ),
    (
        "“Let us be brief,” Paul Weber continued.\xa0“I have met him twice.”",
        "Paul Weber", "“Let us be brief,” Paul Weber continued.\xa0“I have met him twice.”", "continued", "direct",
    ),
    ("“This is fantastic!” beamed Paul Weber.", "Paul Weber", "“This is fantastic!”", "beamed", "direct"),
    (
        "Paul Weber leaned in and boomed: “We will win in November.”",
        "Paul Weber", "“We will win in November.”", "boomed", "direct",
    ),
    (
        "Paul Weber took questions. “It's a disaster,” he said. “Nobody wanted this.”",
        "Paul Weber", "“It's a disaster,” he said. “Nobody wanted this.”", "said", "direct",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker", "content", "cue", "kind"), CASES)
def test_hard_constructions(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str, kind: str
) -> None:
    found = run(extractor, text)
    assert [(s.speaker, s.quote, s.cue, s.type) for s in found] == [(speaker, content, cue, kind)]


@pytest.mark.parametrize(
    ("text", "speaker", "role", "content"),
    [
        (
            "PORT CASTELLAN — Foreign Minister Ilse Varga said on Thursday that talks would resume.",
            "Ilse Varga", "Foreign Minister", "that talks would resume",
        ),
        (
            "MOSCOW, May 3 (AP) — Russian Foreign Minister Sergei Lavrov said Moscow is ready for talks.",
            "Sergei Lavrov", "Russian Foreign Minister", "Moscow is ready for talks",
        ),
        (
            "DUNMORE — Brenmoor Mining will double output by 2027, chief executive Dario Falk said on Wednesday.",
            "Dario Falk", "chief executive", "Brenmoor Mining will double output by 2027",
        ),
        (
            "WASHINGTON (Reuters) - The White House said on Friday it would not comment.",
            "White House", "", "it would not comment",
        ),
    ],
)  # fmt: skip
def test_datelines_are_neither_speaker_nor_content(
    extractor: StatementExtractor, text: str, speaker: str, role: str, content: str
) -> None:
    assert [(s.speaker, s.role, s.quote) for s in run(extractor, text)] == [(speaker, role, content)]


def test_roles_and_chains_are_kept(extractor: StatementExtractor) -> None:
    (s,) = run(extractor, "Ortiz insisted the deal was fair, Reuters reported.")
    assert (s.speaker, s.quote, s.reported_by) == ("Ortiz", "the deal was fair", "Reuters reported")
    (s,) = run(extractor, "Russian Deputy Minister Ivan Petrov said that the talks had stalled.")
    assert (s.speaker, s.role, s.speaker_mention) == (
        "Ivan Petrov",
        "Russian Deputy Minister",
        "Russian Deputy Minister Ivan Petrov",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The film “Gone with the Wind” opened in 1939.",  # a title, no cue
        "Voters walked out of the “town hall” early.",  # scare quotes
        "The West continues to supply weapons.",  # a cue word that reports nothing
    ],
)
def test_quoted_text_that_is_not_speech_is_no_statement(extractor: StatementExtractor, text: str) -> None:
    assert [s for s in run(extractor, text) if s.speaker] == []


def test_no_statement_starts_inside_a_skipped_span(extractor: StatementExtractor) -> None:
    para = "“We will not retreat,” Governor Ana Ruiz said."
    text = para + "\n\n" + para
    skip = [(len(para) + 2, len(text))]
    found = run(extractor, text, skip)
    assert len(found) == 1 and found[0].start < skip[0][0]


FRAGMENTS = [
    "“", "”", '"', "''", "``", "‘", "’", " said ", " told reporters that ", " according to ", "Ana Ruiz", " he ",
    "the minister", ", ", ". ", "\n\n", "\n", "Moscow", " sees ", " as ", "It's", " warned", " — ", ":", "the plan",
]  # fmt: skip


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=30).map("".join))
def test_every_offset_points_at_its_text(extractor: StatementExtractor, text: str) -> None:
    for s in run(extractor, text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.quote
        if s.speaker_start >= 0:
            assert text[s.speaker_start : s.speaker_end] == s.speaker_mention
        if s.cue_start >= 0:
            assert text[s.cue_start : s.cue_end] == s.cue


@pytest.mark.shared
def test_seed_article_every_statement_is_lavrov(extractor: StatementExtractor, shared_dir: Path) -> None:
    from index.dedupe import repeated_spans

    text = (shared_dir / "data" / "seed" / "lavrov-ceasefire.txt").read_text(encoding="utf-8")
    found = run(extractor, text, repeated_spans(text))
    assert len(found) >= 7
    assert {(s.speaker, s.role) for s in found} == {("Sergei Lavrov", "Russian Foreign Minister")}
    assert sum("pause to regroup" in s.quote for s in found) == 1
    assert {s.type for s in found} >= {"direct", "indirect"}
    moscow = [s for s in found if s.speaker_mention == "Moscow"]
    assert len(moscow) == 1 and moscow[0].reported_by
    assert any("ready for peace negotiations" in s.quote and s.reported_by == "Russian media reports" for s in found)
