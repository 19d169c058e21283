"""Precision with the real spaCy pipeline: sentences that report nobody's words yield NO statement, and
their look-alikes that do report words still yield one.

Every sentence is written for this file (none comes from an evaluation corpus).
"""

from __future__ import annotations

import pytest

from index.extract import StatementExtractor, editor_notes, in_tweet
from tests.extraction import run

pytestmark = pytest.mark.models


# a cue word that reports no words: an instruction to the reader, a heading, another sense of the verb
NOTHING_SAID = [
    "Call it beginner's luck.",  # imperative to the reader
    "Ask yourself which county the senator can still win.",
    "Declared Candidates for the County Board.",  # a heading
    "The mayor added a second title to her business card.",  # "add X to Y": putting, not saying
    "The new rules add another hurdle to the permit process.",
    "The ambassador spoke fluent Portuguese at the dinner.",  # "speak a language"
    "The senator speaks Spanish with her staff.",
    "A new group called Parents First held a rally on Sunday.",  # a name, not words said
    "A group that calls itself Harbour Watch posted the message.",  # the name it goes by
    "The senator found himself defending the budget.",  # a reflexive state, not a finding
    "The mayor considers herself lucky.",
    "The bank is advising the city on its bond sale.",  # consulting, not advice given
    "The bank advised on three of the largest mergers last year.",
    "It is too soon to say whether the bridge will reopen.",  # the writer's aside: an impersonal "to say"
    "It's safe to say the council will balk at the price.",
    "The club charged a $5,000 initiation fee.",  # charging money, not an accusation
    "The landlord has charged more than that for years.",
    "Ortiz took the opportunity to comment on the harbour budget.",  # a chance or a purpose, not words
    "The council ramped up efforts to admit more refugees.",
    "Each campaign sent hundreds of volunteers on Sunday to call voters, knock on doors and test their lists.",
    "A week later, Mayor Ortiz called Dana Pruitt.",  # a telephone call
    "The storm has called attention to the crumbling levee.",
    "The war ended their plans to go home, Paul Weber said in his 2012 book, “A Long Way Home.”",  # a title
    "Lena Ortiz spoke with Weber on her weekly podcast, “Harbour Talk.”",
    "The festival opened on Friday.\nIn “Night Harbour,” Dana Pruitt gets into the spirit.",
    '<tweet id="1" author="@harbourmayor">I am thrilled to announce the new pier for our town.</tweet>',  # markup
    "The site found the post, reported it to the police, and removed it on Friday.",  # handing on, not a report
    "On the forum, readers can flag a post and report it to the moderators.",
    "Paul Weber is a columnist for the Star. He tweets @pweber.",  # an address, no words
    "Two aides spoke on condition of anonymity because they were not authorized to discuss the talks.",
    "The same could not be said for Dana Pruitt, who lost her seat.",  # a comparison
    # set off by commas but no frame around what was said: a name given, a setting clause, a relative clause
    "The Harbour Act, as the bill is called, would close the old pier.",
    "In the meantime, as the mayor continues to pursue talks, the strike is growing worse.",
    "Ortiz, the harbour master who has maintained a large lead in the polls, will run again.",
    "The council will hold the mayor accountable for the delays.",  # 'hold' without a that-clause holds no view
    "Regulators want to hold the mine's owners liable for the cleanup.",
    "Remember: the old pier burned down in 1990.",  # the reader is told to think: no one's view
    "Imagine that the bridge closes for a year.",
]


@pytest.mark.parametrize("text", NOTHING_SAID)
def test_no_statement(extractor: StatementExtractor, text: str) -> None:
    assert [(s.cue, s.quote) for s in run(extractor, text)] == []


# the same words where they do report what someone said
STILL_SAID = [
    ("The mayor added that the bridge would reopen in May.", "added", "that the bridge would reopen in May"),
    (
        "Paul Weber added his voice to the protest, saying the plan was reckless.",
        "saying",
        "the plan was reckless",
    ),
    ("The ambassador spoke of a new trade deal with Chile.", "spoke of", "a new trade deal with Chile"),
    ("Paul Weber called the plan a disgrace.", "called", "the plan a disgrace"),
    ("The firm, run by a local banker, called the ruling unfair.", "called", "the ruling unfair"),
    ("Paul Weber described himself as a lifelong Democrat.", "described", "himself as a lifelong Democrat"),
    ("Lawyers advised the mayor to stay silent.", "advised", "the mayor to stay silent"),
    ("Her doctors advised on Monday that she rest for a week.", "advised", "that she rest for a week"),
    ("The mayor was quick to say that the bridge would reopen.", "say", "that the bridge would reopen"),
    ("Police charged Paul Weber with fraud.", "charged", "Paul Weber with fraud"),
    ("Lena Ortiz called Dana Pruitt a coward.", "called", "Dana Pruitt a coward"),
    ("Others call it the harbour tax.", "call", "it the harbour tax"),
    ("Mayor Ortiz calls herself a fiscal conservative.", "calls", "herself a fiscal conservative"),
    ("Ortiz calls himself President Weber's strongest ally.", "calls", "himself President Weber's strongest ally"),
    ("Weber reported to the board that the pier was unsafe.", "reported", "that the pier was unsafe"),
    ("Weber was finally allowed to speak about the deal.", "speak about", "the deal"),
    ("The court held that the tolls were lawful.", "held", "that the tolls were lawful"),
    ("I remember that the pier burned down.", "remember", "that the pier burned down"),
]


@pytest.mark.parametrize(("text", "cue", "content"), STILL_SAID)
def test_look_alike_still_a_statement(extractor: StatementExtractor, text: str, cue: str, content: str) -> None:
    found = run(extractor, text)
    assert [(s.cue, s.quote) for s in found] == [(cue, content)]


def test_in_tweet_finds_the_post_around_a_position() -> None:
    post = '<tweet id="1" author="@ortiz">I am thrilled to announce the pier.</tweet>'
    text = "Ortiz wrote on Monday.\n" + post + " She said more.\n<tweet id='2'>Second post\nAfter the line."
    inside = text.index("thrilled")
    assert in_tweet(text, inside)
    assert not in_tweet(text, text.index("She said"))  # after '</tweet>'
    assert not in_tweet(text, text.index("Ortiz wrote"))  # before any post
    assert in_tweet(text, text.index("Second post"))
    assert not in_tweet(text, text.index("After the line"))  # an unclosed post ends with its line
    far = "<tweet>" + "word " * 130 + "said"  # the post opened more than 600 characters earlier
    assert not in_tweet(far, far.index("said"))
    assert in_tweet("<tweet>" + "word " * 100 + "said", 507)


NOTE = (
    "The council met on Monday.\n\n"
    "Editor’s note: Max Dorn is a serial fabulist who has repeatedly pledged to close the harbour.\n\n"
    "Dorn said the harbour would stay open."
)


def test_a_one_sentence_editors_note_is_boilerplate(extractor: StatementExtractor) -> None:
    found = run(extractor, NOTE)
    assert [s.quote for s in found] == ["the harbour would stay open"]


@pytest.mark.parametrize(
    "note",
    [  # a bio line after the note's line; a one-sentence note wrapped over two lines
        "Editor’s note: Max Dorn is a serial fabulist who has repeatedly pledged to close the harbour.\n"
        "Anna Berg is a co-host of the Harbour Hour podcast. Subscribe here.",
        "Editor’s note: Max Dorn is a fabulist,\nliar and bully who has repeatedly pledged to close the harbour.",
    ],
)
def test_an_editors_note_is_its_one_sentence(extractor: StatementExtractor, note: str) -> None:
    text = f"The council met on Monday.\n\n{note}\n\nDorn said the harbour would stay open."
    assert [s.quote for s in run(extractor, text)] == ["the harbour would stay open"]


def test_a_longer_editors_note_is_a_correction_and_keeps_its_statements() -> None:
    text = (
        "Editor's Note: An article on Monday said the mayor resigned. She did not. "
        "Officials said she was on leave.\n\nMore text."
    )
    assert editor_notes(text) == []
    tag = "Intro.\n\nEDITOR’S NOTE — The paper endorses no candidate.\n\nMore."
    assert [tag[a:b] for a, b in editor_notes(tag)] == ["EDITOR’S NOTE — The paper endorses no candidate."]


# a report of a report: the inner report that ends where the outer one ends is part of the outer statement
CHAINS = [
    (
        "Mayor Lena Ortiz said that her aides told her the budget was dead.",
        [("said", "that her aides told her the budget was dead")],
    ),
    (  # look-alike: two reports side by side, neither inside the other
        "Mayor Lena Ortiz said the budget was dead, and her aides told reporters the vote would wait.",
        [("said", "the budget was dead"), ("told", "the vote would wait")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CHAINS)
def test_chain_tail_is_part_of_the_outer_statement(
    extractor: StatementExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s.cue, s.quote) for s in run(extractor, text)] == expected


# a cue word inside quotation marks is the quoted speaker's wording, not a report of the article: the quote
# stays whole under its own frame, and "according to" inside a quote still names the source it cites
QUOTED_CUES = [
    (
        '"If I were a captain, I would want answers. If they do not come, I walk," Weber said.',
        [("said", '"If I were a captain, I would want answers. If they do not come, I walk,"')],
    ),
    (
        '"Ferries are running late again, just like I said. The pier needs repairs," the mayor wrote.',
        [("wrote", '"Ferries are running late again, just like I said. The pier needs repairs,"')],
    ),
    (  # look-alike: the same frame outside quotation marks reports the sentence
        "Ferries are running late again, Mayor Ortiz said.",
        [("said", "Ferries are running late again")],
    ),
    (  # a scare-quoted cue reports words outside its quote: the writer's, and a statement
        "The mayor’s “promise” to reopen the pier by June has not been kept.",
        [("promise", "to reopen the pier by June")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED_CUES)
def test_a_cue_inside_a_quote_is_the_quoted_speakers_wording(
    extractor: StatementExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s.cue, s.quote) for s in run(extractor, text)] == expected


# a speech noun whose infinitive or that-clause is what was said; its owner, the "by X" phrase or the subject
# of a light verb ("renewed her call") speaks
CLAUSE_NOUNS = [
    ("Mayor Lena Ortiz renewed her call to close the harbour.", "Lena Ortiz", "to close the harbour", "call"),
    (
        "Paul Weber's claim that the bridge was unsafe alarmed the council.",
        "Paul Weber",
        "that the bridge was unsafe",
        "claim",
    ),
    (
        "Voters cheered a demand by Governor Ana Ruiz that the tolls be scrapped.",
        "Ana Ruiz",
        "that the tolls be scrapped",
        "demand",
    ),
    (
        "Tenants hung their hopes on Dana Pruitt's promise to freeze rents.",
        "Dana Pruitt",
        "to freeze rents",
        "promise",
    ),
    (  # the clause after a copula: "her argument was that X", "the promise she made is that X"
        "The promise Paul Weber made was that the pier would reopen.",
        "Paul Weber",
        "that the pier would reopen",
        "promise",
    ),
    ("Her argument was that the tolls hurt farmers.", "Her", "that the tolls hurt farmers", "argument"),
    (  # the topic's preposition hung on the light verb
        "Governor Ana Ruiz heaped praise on the harbour crew.",
        "Ana Ruiz",
        "the harbour crew",
        "praise on",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), CLAUSE_NOUNS)
def test_speech_noun_clause(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    found = run(extractor, text)
    assert [(s.speaker or s.speaker_mention, s.quote, s.cue) for s in found] == [(speaker, content, cue)]


# look-alikes: no one owns the claim, the clause is a relative clause, "to" is a preposition, "call" is a verb
# sense-less noun ("a plan to"), so nothing is reported
NOUN_LOOK_ALIKES = [
    "The claim that the bridge was unsafe spread quickly.",
    "Paul Weber's claim that reached the court was rejected.",
    "Dana Pruitt's request to the state board was denied.",
    "Lena Ortiz's plan to close the harbour failed.",
    "The problem was that the pier had closed.",
    "The promise was that the pier would reopen.",
    "The storm heaped sand on the harbour road.",
]


@pytest.mark.parametrize("text", NOUN_LOOK_ALIKES)
def test_speech_noun_look_alike_yields_nothing(extractor: StatementExtractor, text: str) -> None:
    assert [(s.cue, s.quote) for s in run(extractor, text)] == []
