from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.labels import LabelResolver, corpus_registry, term_holder, tidy
from index.transcript import (
    batch_transcript_statements,
    detect_transcript,
    find_turns,
    stage_spans,
    transcript_statements,
    turn_people,
)
from rag.records import Document, Speaker, Statement
from rag.settings import Settings
from rag.store import Store

BRIEFING = """Press Briefing by Press Secretary Jen Psaki and Domestic Policy Advisor Susan Rice

1:02 P.M. EST

MS. PSAKI:  Good afternoon. We have a guest today to talk about housing.

AMBASSADOR RICE:  Thanks, Jen. Today the President signs four orders on housing and fairness.

(Laughter.)

The first one deals with federal prisons.

Q    Thanks, Ambassador. Will these orders last beyond this term?

AMBASSADOR RICE:  Well, they are steps, and Congress has to act too.

Q:  And a follow-up on the budget?

MS. PSAKI:  I have nothing new on the budget. (Laughter.) Go ahead.

END 1:40 P.M. EST
"""


def doc(text: str, title: str = "", date: str = "2021-01-26", doc_id: str = "d1") -> Document:
    return Document(doc_id=doc_id, text=text, title=title, date=date)


def turns_of(statements: list[Statement]) -> list[tuple[int, str, str, str]]:
    return [(s.turn_index, s.type, s.speaker, s.quote) for s in statements]


def assert_offsets(d: Document, statements: list[Statement]) -> None:
    for s in statements:
        assert d.text[s.start : s.end] == s.quote
        assert s.quote == s.quote.strip() and s.quote
        if s.speaker_start >= 0:
            assert d.text[s.speaker_start : s.speaker_end] == s.speaker_mention


def test_briefing_turns_speakers_and_questions() -> None:
    d = doc(BRIEFING)
    statements = transcript_statements(d)
    assert_offsets(d, statements)
    assert turns_of(statements) == [
        (0, "turn", "Jen Psaki", "Good afternoon. We have a guest today to talk about housing."),
        (1, "turn", "Susan Rice", "Thanks, Jen. Today the President signs four orders on housing and fairness."),
        (1, "turn", "Susan Rice", "The first one deals with federal prisons."),
        (2, "question", "", "Thanks, Ambassador. Will these orders last beyond this term?"),
        (3, "turn", "Susan Rice", "Well, they are steps, and Congress has to act too."),
        (4, "question", "", "And a follow-up on the budget?"),
        (5, "turn", "Jen Psaki", "I have nothing new on the budget."),
        (5, "turn", "Jen Psaki", "Go ahead."),
    ]
    rice = next(s for s in statements if s.speaker == "Susan Rice")
    assert (rice.speaker_mention, rice.role) == ("AMBASSADOR RICE", "Domestic Policy Advisor")
    assert next(s for s in statements if s.speaker == "Jen Psaki").role == "Press Secretary"
    q = next(s for s in statements if s.type == "question")
    assert (q.speaker, q.speaker_mention, q.role) == ("", "Q", "")


def test_end_line_and_header_are_not_turns() -> None:
    turns = find_turns(BRIEFING)
    assert [t.label for t in turns] == ["MS. PSAKI", "AMBASSADOR RICE", "Q", "AMBASSADOR RICE", "Q", "MS. PSAKI"]
    assert BRIEFING[turns[-1].start : turns[-1].end] == "I have nothing new on the budget. (Laughter.) Go ahead."
    assert "END" not in BRIEFING[turns[-1].start : turns[-1].end]


@pytest.mark.parametrize(
    ("line", "label", "kind"),
    [
        ("MS. PSAKI: Hello there.", "MS. PSAKI", "speaker"),
        ("THE PRESIDENT:  Thank you all.", "THE PRESIDENT", "speaker"),
        ("SECRETARY BUTTIGIEG: Roads matter.", "SECRETARY BUTTIGIEG", "speaker"),
        ("MS. O’CONNELL: Sure.", "MS. O’CONNELL", "speaker"),
        ("**MR. KIRBY:** We are watching.", "MR. KIRBY", "speaker"),
        ("Q    What about the ports?", "Q", "question"),
        ("Q: What about the ports?", "Q", "question"),
        ("Q. What about the ports?", "Q", "question"),
        ("A: The ports are open.", "A", "answer"),
        ("JAKE TAPPER, CNN ANCHOR: Welcome back.", "JAKE TAPPER, CNN ANCHOR", "speaker"),
        ("SEN. JANE DOE (D-ME): I yield.", "SEN. JANE DOE (D-ME)", "speaker"),
        ("Interviewer: Tell us more.", None, ""),  # among capital labels, a `Name:` line is text
        ("UPDATE: The vote moved.", None, ""),
        ("Q and A sessions start at noon.", None, ""),  # a sentence, not a question label
    ],
)
def test_label_styles(line: str, label: str | None, kind: str) -> None:
    # Each style between two capital labels, so the document has a style of its own.
    text = f"MS. ONE: Opening words here.\n\n{line}\n\nMS. TWO: Closing words here."
    turns = find_turns(text)
    if label is None:
        assert [t.label for t in turns] == ["MS. ONE", "MS. TWO"]
        assert line in text[turns[0].start : turns[0].end]
        return
    assert [t.label for t in turns] == ["MS. ONE", label, "MS. TWO"]
    assert (turns[1].kind, text[turns[1].label_start : turns[1].label_end]) == (kind, label)


def test_name_labels_without_capitals() -> None:
    text = (
        "Interviewer: Thanks for joining us.\n\nJen Psaki: Happy to be here.\n\n"
        "Interviewer: What is next?\n\nJen Psaki: More of the same, honestly."
    )
    d = doc(text, title="An interview")
    assert detect_transcript(d)
    statements = transcript_statements(d)
    assert_offsets(d, statements)
    assert [(s.speaker_mention, s.speaker, s.role) for s in statements] == [
        ("Interviewer", "", "Interviewer"),
        ("Jen Psaki", "Jen Psaki", ""),
        ("Interviewer", "", "Interviewer"),
        ("Jen Psaki", "Jen Psaki", ""),
    ]


def test_labels_with_a_descriptor_keep_it_as_the_role() -> None:
    r = LabelResolver(doc(""))
    assert (r.resolve("JAKE TAPPER, CNN ANCHOR").name, r.resolve("JAKE TAPPER, CNN ANCHOR").role) == (
        "Jake Tapper", "CNN ANCHOR",
    )  # fmt: skip
    assert (r.resolve("SEN. JANE DOE (D-ME)").name, r.resolve("SEN. JANE DOE (D-ME)").role) == ("Jane Doe", "D-ME")


def test_q_and_a_interview_answer_resolves_to_the_one_person_in_the_header() -> None:
    text = (
        "Interview with Maria Lopez\n\nQ: Why run now?\n\nA: Because the county needs it.\n\n"
        "Q: And after?\n\nA: We will see."
    )
    statements = transcript_statements(doc(text, title="Interview with Maria Lopez"))
    assert [(s.type, s.speaker) for s in statements] == [
        ("question", ""), ("turn", "Maria Lopez"), ("question", ""), ("turn", "Maria Lopez"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "directions"),
    [
        ("We are done. (Laughter.) Thanks.", ["(Laughter.)"]),
        ("Well [crosstalk] as I said.", ["[crosstalk]"]),
        ("Fine.\n\n(A note is handed to the speaker.)\n\nMoving on.", ["(A note is handed to the speaker.)"]),
        ("It costs (inaudible) dollars.", ["(inaudible)"]),
        ("We fixed the [employees] count.", []),  # an editorial correction is the speaker's text
        ("The bill (H.R. 5) passed.", []),
    ],
)
def test_stage_directions(text: str, directions: list[str]) -> None:
    assert [text[s:e] for s, e in stage_spans(text, 0, len(text))] == directions


def test_stage_directions_belong_to_no_one() -> None:
    text = (
        "MS. PSAKI: Hi.\n\nQ Are you sure?\n\nMS. PSAKI: Yes. (Laughter.)\n\n[crosstalk]\n\nNext question.\n\nQ Thanks."
    )
    statements = transcript_statements(doc(text))
    quotes = " | ".join(s.quote for s in statements)
    assert "Laughter" not in quotes and "crosstalk" not in quotes
    assert [s.quote for s in statements if s.turn_index == 2] == ["Yes.", "Next question."]


def test_a_turn_made_only_of_a_stage_direction_has_a_speaker_but_no_statement() -> None:
    text = "MS. PSAKI: Hi there.\n\nQ Is that a joke?\n\nMS. PSAKI: (Laughs.)\n\nQ Okay."
    d = doc(text, title="Press Briefing by Press Secretary Jen Psaki")
    assert [s.turn_index for s in transcript_statements(d)] == [0, 1, 3]
    assert [p.name for _, p in turn_people(d)] == ["Jen Psaki", "", "Jen Psaki", ""]


def test_multi_paragraph_and_hard_wrapped_turns() -> None:
    text = (
        "MR. KIRBY:  Good morning. The first thing I want to say is\n"
        "that the ships are moving again.\n\n"
        "     Second, the talks continue this week.\n\n"
        "Q    Which talks?\n"
        "Q and A sessions are not labels when the line is wrapped.\n\n"
        "MR. KIRBY:  The ones in Geneva."
    )
    turns = find_turns(text)
    assert [t.label for t in turns] == ["MR. KIRBY", "Q", "MR. KIRBY"]
    assert text[turns[0].start : turns[0].end].endswith("the talks continue this week.")
    statements = transcript_statements(doc(text))
    assert [s.turn_index for s in statements] == [0, 1, 2]
    assert statements[0].speaker == "Mr. Kirby"  # nothing better known: the label, title-cased


def test_long_turns_split_at_paragraphs_then_sentences_and_keep_the_speaker() -> None:
    para = " ".join(f"Sentence number {i} says something about the harbor." for i in range(30))
    text = f"DR. FAUCI: {para}\n\n{para}\n\nQ Thanks, doctor."
    d = doc(text)
    statements = [s for s in transcript_statements(d) if s.type == "turn"]
    assert_offsets(d, statements)
    assert len(statements) >= 4
    assert {(s.turn_index, s.speaker, s.speaker_mention) for s in statements} == {(0, "Dr. Fauci", "DR. FAUCI")}
    assert all(len(s.quote) <= 1200 for s in statements)
    assert all(s.quote.endswith(".") for s in statements)  # cut at sentence ends, never mid-word


def test_quote_inside_a_turn_goes_to_the_quoted_person() -> None:
    text = (
        "MS. PSAKI: As the President said, “We are not going to leave anyone behind on this.” "
        "That stands.\n\nQ Did Secretary Blinken agree?\n\n"
        "MS. PSAKI: “We will keep talking to our allies every day,” Secretary Blinken told reporters."
    )
    d = doc(text, title="Press Briefing by Press Secretary Jen Psaki", date="2022-03-01")
    registry = [Speaker("Antony Blinken", role="Secretary of State", statements=12)]
    statements = transcript_statements(d, registry)
    assert_offsets(d, statements)
    quoted = [(s.speaker, s.reported_by, s.type, s.quote, s.cue) for s in statements if s.type == "direct"]
    assert quoted == [
        ("Joe Biden", "Jen Psaki", "direct", "We are not going to leave anyone behind on this.", "said"),
        ("Antony Blinken", "Jen Psaki", "direct", "We will keep talking to our allies every day,", "told reporters"),
    ]
    # the turn itself stays Psaki's
    assert {s.speaker for s in statements if s.type == "turn"} == {"Jen Psaki"}


TRANSCRIPT = "MS. PSAKI: We will see.\n\nQ Is that final?\n\nMS. PSAKI: It is final.\n\nQ Thanks, Jen."
ARTICLES = [
    "Biden: We will not back down\n\nThe president spoke on Tuesday about the strike. He said talks would go on.",
    "Note: This story has been updated.\n\nWASHINGTON (AP) — Lawmakers met late into the night on the budget.",
    "UPDATE: The vote was delayed.\n\nSenators said they needed more time. “We are close,” one aide said.",
    "WASHINGTON: The Senate passed the bill.\n\nRelated: Earlier coverage\n\nRead more: What the bill does",
    "Key points:\n\n- Rates are up.\n- Jobs are steady.\n\nAnalysis: Why it matters\n\nEconomists said rates may rise.",
    "The minister told reporters: “We are ready.” Her deputy added: “So are we.” The talks resume Monday.",
    "Q&A with the mayor appears below in short form.\n\nThe mayor answered questions for an hour on Monday.",
]


def test_detection_finds_the_transcript_among_articles() -> None:
    docs = [doc(t, title=t.split("\n")[0], doc_id=f"a{i}") for i, t in enumerate(ARTICLES)]
    docs.append(doc(TRANSCRIPT, doc_id="t"))
    docs.append(doc(BRIEFING, doc_id="b", title="Press Briefing by Press Secretary Jen Psaki"))
    assert [d.doc_id for d in docs if detect_transcript(d)] == ["t", "b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Via Teleconference\n\nTHE VICE PRESIDENT: Thank you all. " + "We act today on housing. " * 20, True),
        ("BREAKING: " + "The strike ended this morning after talks. " * 20, False),
        ("PUTTING WORKERS FIRST: " + "The plan adds jobs. " * 20, False),
    ],
)
def test_a_speech_under_one_label_is_a_transcript(text: str, expected: bool) -> None:
    assert detect_transcript(doc(text)) is expected


def test_fact_sheet_headings_are_not_speakers() -> None:
    headings = ("CUTTING RED TAPE", "HIRING", "TRADE")
    text = "\n\n".join(f"{h}: The order does {h.lower()} across agencies." for h in headings)
    assert not detect_transcript(doc(text, title="Fact Sheet: the order"))
    myths = "\n\n".join(f"{k}: Statement {i}." for i in range(3) for k in ("MYTH", "FACT"))
    assert not detect_transcript(doc(myths))


def test_detection_honours_kind() -> None:
    assert detect_transcript(Document(doc_id="x", text="Plain words.", kind="transcript"))


@pytest.mark.parametrize(
    ("label", "date", "name"),
    [
        ("THE PRESIDENT", "2022-05-01", "Joe Biden"),
        ("THE PRESIDENT", "2019-05-01", "Donald Trump"),
        ("THE PRESIDENT", "2025-03-01", "Donald Trump"),
        ("THE PRESIDENT", "2015-03-01", "Barack Obama"),
        ("THE VICE PRESIDENT", "2023-01-10", "Kamala Harris"),
        ("THE VICE PRESIDENT", "2018-01-10", "Mike Pence"),
        ("THE VICE PRESIDENT", "2025-06-10", "JD Vance"),
        ("THE PRESIDENT", "2021-01-19", "Donald Trump"),
        ("THE PRESIDENT", "2021-01-20", "Joe Biden"),
    ],
)
def test_the_president_by_date(label: str, date: str, name: str) -> None:
    held = term_holder(label, date)
    assert held is not None and held.name == name
    assert LabelResolver(doc("", date=date)).resolve(label).name == name


def test_the_president_without_a_date_comes_from_the_header() -> None:
    d = doc("THE PRESIDENT: Thank you.", title="Remarks by President Biden on the Economy", date="")
    assert LabelResolver(d).resolve("THE PRESIDENT").name == "Joe Biden"


@pytest.mark.parametrize(
    ("label", "name", "role"),
    [
        ("MS. PSAKI", "Jen Psaki", "Press Secretary"),
        ("AMBASSADOR RICE", "Susan Rice", "Domestic Policy Advisor"),
        ("SECRETARY FUDGE", "Marcia Fudge", "Secretary of Housing and Urban Development"),
        ("MAYOR DUGGAN", "Mike Duggan", "Detroit Mayor"),
        ("SECRETARY MAYORAKAS", "Alejandro Mayorkas", "Secretary of Homeland Security"),  # a typo in the label
        ("MR. WHITE", "Mr. White", ""),  # "White House" is no name
    ],
)
def test_header_resolution(label: str, name: str, role: str) -> None:
    title = (
        "Press Briefing by Press Secretary Jen Psaki, Domestic Policy Advisor Susan Rice, Secretary of Housing "
        "and Urban Development Marcia L. Fudge, Detroit Mayor Mike Duggan, and Secretary of Homeland Security "
        "Alejandro Mayorkas at the White House"
    )
    person = LabelResolver(doc("", title=title)).resolve(label)
    assert (person.name, person.role) == (name, role)


def test_header_first_name_is_not_an_office_noun() -> None:
    title = "Press Briefing by Senior Advisor for Clean Energy Innovation Podesta"
    assert LabelResolver(doc("MR. PODESTA: Hi.", title=title)).resolve("MR. PODESTA").name == "Mr. Podesta"


def test_registry_and_body_resolution() -> None:
    registry = [
        Speaker("Anthony Fauci", role="Chief Medical Advisor", statements=40),
        Speaker("Roy Cooper", role="Governor of North Carolina", statements=3),
        Speaker("Anderson Cooper", role="CNN anchor", statements=9),
        Speaker("Chris White", statements=4),
        Speaker("James White", statements=4),
    ]
    d = doc("MS. SMITH: Thanks to Dr. Rochelle Walensky for the data.", title="Press Briefing")
    r = LabelResolver(d, registry)
    assert r.resolve("DR. FAUCI").name == "Anthony Fauci"
    assert r.resolve("GOVERNOR COOPER").name == "Roy Cooper"  # the office picks the right Cooper
    assert r.resolve("MR. WHITE").name == "Mr. White"  # two Whites, no evidence: stay with the label
    assert r.resolve("DR. WALENSKY").name == "Rochelle Walensky"  # from the text itself
    assert r.resolve("MODERATOR").name == "" and r.resolve("MODERATOR").role == "Moderator"


def test_corpus_registry_lets_transcripts_resolve_each_other() -> None:
    a = doc("MR. ZIENTS: Hello.\n\nQ Hi.", title="Press Briefing by Response Coordinator Jeff Zients", doc_id="a")
    b = doc("MR. ZIENTS: Again.\n\nQ Hi.", title="Press Briefing by the Response Team", doc_id="b")
    registry = corpus_registry([a, b], {d.doc_id: [t.label for t in find_turns(d.text)] for d in (a, b)})
    assert [s.name for s in registry] == ["Jeff Zients"]
    assert transcript_statements(b, registry)[0].speaker == "Jeff Zients"
    assert transcript_statements(b)[0].speaker == "Mr. Zients"
    assert [x[0].speaker for x in batch_transcript_statements([a, b])] == ["Jeff Zients", "Jeff Zients"]


@pytest.mark.parametrize(
    ("label", "tidied"),
    [("MR. KIRBY", "Mr. Kirby"), ("MS. O’CONNELL", "Ms. O'Connell"), ("MS. JEAN-PIERRE", "Ms. Jean-Pierre")],
)
def test_fallback_is_the_title_cased_label(label: str, tidied: str) -> None:
    assert tidy(label) == tidied
    assert LabelResolver(doc("")).resolve(label).name == tidied


LABELS = st.sampled_from(["MS. PSAKI", "THE PRESIDENT", "Q", "MR. KIRBY", "SECRETARY BUTTIGIEG", "MODERATOR"])
WORDS = st.sampled_from(
    ["We", "will", "see", "(Laughter.)", "the", "“plan,”", "said", "Jen.", "[crosstalk]", "—", "ok?"]
)
BODY = st.lists(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=3).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LABELS, BODY), min_size=1, max_size=8))
def test_offsets_hold_for_generated_transcripts(turns: list[tuple[str, str]]) -> None:
    text = "Press Briefing by Press Secretary Jen Psaki\n\n" + "\n\n".join(
        f"{label}  {body}" if label == "Q" else f"{label}: {body}" for label, body in turns
    )
    d = doc(text, date="2022-02-02")
    statements = transcript_statements(d)
    assert_offsets(d, statements)
    assert len(find_turns(text)) == len(turns)
    assert {s.turn_index for s in statements if s.type in ("turn", "question")} <= set(range(len(turns)))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ABQ: .\n()[]“”"aeMS')), max_size=300))
def test_offsets_hold_for_arbitrary_text(text: str) -> None:
    d = doc(text)
    detect_transcript(d)
    assert_offsets(d, transcript_statements(d))


class NoArticleStatements:
    """An article extractor that finds nothing, so only the transcript stage speaks in this test."""

    def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
        return [[] for _ in docs]


def test_ingested_briefing_answers_with_her_turns_never_the_questions(settings: Settings, memory_store: Store) -> None:
    from index.build import ingest_documents
    from rag.chain import Assistant

    briefing = doc(
        "MS. PSAKI: Good afternoon. The vaccine supply doubles next month, and every adult will be eligible.\n\n"
        "Q    Will the vaccine mandate cover federal contractors and their vaccine rules?\n\n"
        "MS. PSAKI: The mandate covers contractors. Vaccine rules come out Friday.\n\n"
        "Q    Thanks, Jen.",
        title="Press Briefing by Press Secretary Jen Psaki", date="2021-09-10", doc_id="briefing",
    )  # fmt: skip
    article = doc("The port reopened on Monday after a week of repairs to the cranes.", title="Port", doc_id="art")
    report = ingest_documents([briefing, article], settings, memory_store, extractor=NoArticleStatements())
    assert report.count("ingested") == 2
    questions = [s for s in memory_store.statements() if s.type == "question"]
    assert len(questions) == 2 and {(s.doc_id, s.speaker) for s in questions} == {("briefing", "")}
    answer = Assistant(settings, store=memory_store).ask("What did Psaki say about vaccines?")
    assert not answer.abstained and answer.citations
    for c in answer.citations:
        assert (c.doc_id, c.speaker, c.date) == ("briefing", "Jen Psaki", "2021-09-10")
        assert briefing.text[c.start : c.end] == c.quote
        assert "mandate cover federal contractors" not in c.quote  # the reporter's words are never hers
