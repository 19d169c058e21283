"""Indirect and mixed speech with the real spaCy pipeline: one table of hard sentences per construction.

Every sentence is written for this file (none comes from an evaluation corpus). Each row gives what a
reader would mark: the speaker (resolved), the content as it appears in the text, and the cue.
"""

from __future__ import annotations

import pytest

from index.extract import StatementExtractor, names_a_title
from rag.records import Statement
from tests.extraction import run

pytestmark = pytest.mark.models


def check(found: list[Statement], text: str, speaker: str, content: str, cue: str) -> None:
    assert [(s.speaker or s.speaker_mention, s.quote, s.cue) for s in found] == [(speaker, content, cue)]
    assert all(text[s.start : s.end] == s.quote for s in found)


# the cue set off by commas inside the clause it reports: the content is the host clause, the frame
# included (one span), a leading "But" / "Still" left out
INSET = [
    # the parse hangs the host clause's subject outside it, after a dash: the words back to the dash are its subject
    (
        "Ruiz compared the ferry crews to the young traders in the markets of Lagos - all of whom, she explained, "
        "needed a loan to reach their potential.",
        "she",
        "all of whom, she explained, needed a loan to reach their potential",
        "explained",
    ),
    (
        "The harbour, Mayor Lena Ortiz said, will reopen before the summer season.",
        "Lena Ortiz",
        "The harbour, Mayor Lena Ortiz said, will reopen before the summer season",
        "said",
    ),
    (
        "Still, Paul Weber argued, the budget leaves no room for new spending.",
        "Paul Weber",
        "the budget leaves no room for new spending",
        "argued",
    ),
    (
        "The old ferry, the ministry said, will be sold in the spring.",
        "the ministry",
        "The old ferry, the ministry said, will be sold in the spring",
        "said",
    ),
    # the parse makes the frame the main clause: the set-off subject and cue still sit inside what was said
    (
        "The ferry, Mr. Ortiz explained earlier in the hearing, was never insured.",
        "Ortiz",
        "The ferry, Mr. Ortiz explained earlier in the hearing, was never insured",
        "explained",
    ),
    (
        "The bridge toll, he told me on Friday, is far too high.",
        "he",
        "The bridge toll, he told me on Friday, is far too high",
        "told",
    ),
    (
        "Still, as the mayor noted, in a dry summer the old reservoir would run out by August.",
        "the mayor",
        "in a dry summer the old reservoir would run out by August",
        "noted",
    ),
    (
        "Though the old bridge was relatively sturdy, she said, replacing the ferry would be far more costly.",
        "she",
        "Though the old bridge was relatively sturdy, she said, replacing the ferry would be far more costly",
        "said",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), INSET)
def test_cue_inside_the_clause_it_reports(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# a speaker and cue closing the sentence after a comma, whatever the parse hung them on (a conjunct of the
# reported clause, a root with no clause of its own): the clause before the comma is what was said
CLOSING = [
    (
        "In nearby Dover, the old ferry yard is holding on, but it is under heavy pressure from cheap imports, "
        "said the yard's owner, Lena Ortiz.",
        "Lena Ortiz",
        "In nearby Dover, the old ferry yard is holding on, but it is under heavy pressure from cheap imports",
        "said",
    ),
    (  # the opening concession is the writer's (drop_leading_concession)
        "Despite two defeats, the mayor remains committed to the harbour plan, her aide, Tom Reyes, told the "
        "Dover Gazette.",
        "Tom Reyes",
        "the mayor remains committed to the harbour plan",
        "told",
    ),
    (
        "A boy near the harbour was bitten by a stray dog on Monday evening, police said.",
        "police",
        "A boy near the harbour was bitten by a stray dog on Monday evening",
        "said",
    ),  # a mixed statement: quoted phrases inside the paraphrase before the frame
    (
        "The pledge to “rebuild the harbour” and “bring back the ferries” appeals to older voters who miss the "
        "busy port of their youth, said Lena Ortiz, a historian at Dover College.",
        "Lena Ortiz",
        "The pledge to “rebuild the harbour” and “bring back the ferries” appeals to older voters who miss the "
        "busy port of their youth",
        "said",
    ),
    # the parse hangs the frame on the clause before it as an adverbial clause; a dash closes the frame
    (
        "Ferry fares will rise this year, sooner than expected, the Dover Harbour Board reported on Tuesday -- a "
        "development that angered commuters.",
        "Dover Harbour Board",
        "Ferry fares will rise this year, sooner than expected",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), CLOSING)
def test_cue_closing_the_sentence(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# a 'that' clause (or a bare clause) after the cue's listener and setting, which the parse hung on a noun of the
# setting or read as adverbial
PAST_SETTING = [
    (
        "Senator Ana Ruiz is telling diners at a busy Dover, Delaware, breakfast spot that she needs their votes.",
        "Ana Ruiz",
        "that she needs their votes",
        "telling",
    ),
    # the parse read the complement's 'that' as a relative adverb (of a clause hung on the cue, or on the
    # setting's noun), or the setting's preposition as opening an adverbial clause
    ("Weber tweeted in the small hours that Ortiz was a fraud.", "Weber", "that Ortiz was a fraud", "tweeted"),
    (
        "The Dover Gazette reported at the time that the mayor had assured the council that the budget was closed.",
        "Dover Gazette",
        "that the mayor had assured the council that the budget was closed",
        "reported",
    ),
    ("Mayor Lena Ortiz said after the vote she would not run again.", "Lena Ortiz", "she would not run again", "said"),
    ("Paul Weber said after the debate he would sue the paper.", "Paul Weber", "he would sue the paper", "said"),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), PAST_SETTING)
def test_that_clause_past_the_setting(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# noun-phrase content: the object with its complements, without a comma-set-off aside on its last noun
NOMINAL = [
    (
        "Governor Ana Ruiz praised the volunteers, who worked through the night.",
        "Ana Ruiz",
        "the volunteers",
        "praised",
    ),
    (
        "Prosecutor Tom Baker charged the contractor with fraud.",
        "Tom Baker",
        "the contractor with fraud",
        "charged",
    ),
    ("Senator Mia Chen agreed with the auditors.", "Mia Chen", "the auditors", "agreed with"),
    # the parse ends the content before a quote that goes on with the sentence: the quote is part of it
    (
        "Mara Quint argued that a new levee would cost less than a flood, "
        "“because the insurers will not pay for the next one.”",
        "Mara Quint",
        "that a new levee would cost less than a flood, “because the insurers will not pay for the next one.”",
        "argued",
    ),
    (
        "The union backed Ana Ruiz, who questioned the hospital's staffing plan.",
        "Ana Ruiz",
        "the hospital's staffing plan",
        "questioned",
    ),
    # 'went on to V': what a speaker did next in words, though the verb alone is no cue
    (
        "Mayor Lena Ortiz went on to name the towns that have flooded since 1998.",
        "Lena Ortiz",
        "the towns that have flooded since 1998",
        "name",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), NOMINAL)
def test_noun_phrase_content(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# who speaks: quantifiers, the agent of a passive, an infinitive promise
SPEAKERS = [
    (
        "Some have suggested that the ferry service should be privatised.",
        "Some",
        "that the ferry service should be privatised",
        "suggested",
    ),
    ("The merger was first reported by the Harbour Gazette.", "Harbour Gazette", "The merger", "reported"),
    (
        "Mayor Lena Ortiz pledged to rebuild the old pier.",
        "Lena Ortiz",
        "to rebuild the old pier",
        "pledged",
    ),
    # 'those' with a modifier is people, like 'those who ...'; 'another' is one more of them
    (
        "By a wide margin, those polled say the harbour tax should be cut.",
        "those",
        "the harbour tax should be cut",
        "say",
    ),
    (
        "Those close to the mayor say the pier will reopen in May.",
        "Those close to the mayor",
        "the pier will reopen in May",
        "say",
    ),
    ("Another recalls her first winter at the lighthouse.", "Another", "her first winter at the lighthouse", "recalls"),
    # an active verb joined to a passive one shares its subject, not the 'by' agent
    (
        "Ortiz was joined on stage by Councillor Tom Abara and joked that the pier was older than both of them.",
        "Ortiz",
        "that the pier was older than both of them",
        "joked",
    ),
    # 'according to' a thing someone made: its maker speaks
    (
        "The ferry will stop in May, according to a court document filed by the harbour board.",
        "the harbour board",
        "The ferry will stop in May",
        "according to",
    ),
    (
        "The mayor was on the ferry, according to an interview her brother gave to the Gazette.",
        "her brother",
        "The mayor was on the ferry",
        "according to",
    ),
    # a participle on a thing a speaker makes or holds: the maker speaks; on a thing received, the thing
    (
        "The harbour council on Monday approved a resolution condemning the plan to close the ferry.",
        "The harbour council",
        "the plan to close the ferry",
        "condemning",
    ),
    (
        "Her campaign held a conference call highlighting the mayor's record on the pier.",
        "Her campaign",
        "the mayor's record on the pier",
        "highlighting",
    ),
    (
        "The ferry office received a letter saying the pier had collapsed.",
        "a letter",
        "the pier had collapsed",
        "saying",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), SPEAKERS)
def test_who_speaks(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# not statements: a listener is not content, a passive poll figure is no belief, markup is no verb,
# a wish without a clause is no statement
NOT_STATEMENTS = [
    "Mayor Lena Ortiz asked the engineers.",
    "The governor is viewed as honest by most voters.",
    '<tweet author="harbourgazette">Ferry times changed</tweet>',
    "Mayor Lena Ortiz wants to rebuild the pier.",
    "Mayor Lena Ortiz spoke on Channel Nine’s “Morning Desk.”",
    "Councillor Tom Abara spoke on behalf of the ferry workers.",
    "Mayor Lena Ortiz spoke over loud jeers from the gallery.",
    "Mayor Lena Ortiz promised Sunday.",
    "When the reporter asked her a question, Mayor Lena Ortiz smiled.",
    "As Mayor Lena Ortiz spoke, the crowd cheered.",
    "Mayor Lena Ortiz went on to win the election by a wide margin.",
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_a_statement(extractor: StatementExtractor, text: str) -> None:
    assert [(s.quote, s.cue) for s in run(extractor, text)] == []


def test_a_curly_negation_stays_with_its_verb(extractor: StatementExtractor) -> None:
    """The parse reads a curly 'n’t' as punctuation hung on the main verb: content must not stop at 'they do'."""
    text = "The survey found 40 percent of residents saying they don’t like him."
    found = run(extractor, text)
    assert found and all(not s.quote.endswith(" do") for s in found)
    assert any("they don’t" in s.quote for s in found)


def test_a_noun_closing_the_sentence_is_no_closing_frame(extractor: StatementExtractor) -> None:
    """', applauded Ortiz’s remarks.' looks like a closing frame (', X remarks.') but 'remarks' is a noun: no
    frame, and no statement left empty by one."""
    text = "Dock workers and ferry crews, who had marched for a week, applauded Ortiz’s remarks."
    found = run(extractor, text)
    assert found and all(s.start < s.end and s.quote.strip() for s in found)
    assert [s.cue for s in found] == ["applauded"]


def test_noun_phrase_inside_another_statement_is_part_of_it(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz said the council never praised the engineers who built the pier."
    content = "the council never praised the engineers who built the pier"
    check(run(extractor, text), text, "Lena Ortiz", content, "said")


def test_a_belief_with_a_clause_is_kept(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz believes that the pier will reopen in May."
    check(run(extractor, text), text, "Lena Ortiz", "that the pier will reopen in May", "believes")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("He told Channel Nine’s “Morning Desk,” that it was over.", True),
        ("She spoke on “State of the Harbour,” a weekly show.", True),
        ("“Never Again,” she said.", False),  # a quote opening the sentence is speech
        ("He called it “a total disgrace” on Monday.", False),  # not title case
    ],
)
def test_names_a_title(text: str, title: bool) -> None:
    start = min(text.index(m) for m in "“" if m in text)
    end = text.index("”", start) + 1
    assert names_a_title(text, start, end) is title


# speech nouns: "his attacks on X", "made comments about X"; no owner, no statement
NOUN_CUES = [
    ("Governor Ana Ruiz renewed her attacks on the toll plan.", "Ana Ruiz", "the toll plan", "attacks on"),
    (
        "Mayor Lena Ortiz made comments about the harbour budget.",
        "Lena Ortiz",
        "the harbour budget",
        "comments about",
    ),
    (
        "Mayor Lena Ortiz delivered a forceful promise to reopen the ferry.",
        "Lena Ortiz",
        "to reopen the ferry",
        "promise",
    ),
    (
        "Senator Paul Weber gave assurances that the harbour would stay open.",
        "Paul Weber",
        "that the harbour would stay open",
        "assurances",
    ),
    # the clause hung on the light verb past an adverb of its own
    (
        "Governor Ana Ruiz offered her firmest promise yet that she would not allow the toll deal to pass.",
        "Ana Ruiz",
        "that she would not allow the toll deal to pass",
        "promise",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), NOUN_CUES)
def test_speech_nouns(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


def test_a_speech_noun_without_an_owner_is_no_statement(extractor: StatementExtractor) -> None:
    assert run(extractor, "The attacks on the toll plan grew louder.") == []


def test_the_next_reporting_verb_ends_the_clause(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz said the pier would reopen in May and praised the engineers."
    found = [(s.quote, s.cue) for s in run(extractor, text)]
    assert found == [("the pier would reopen in May", "said"), ("the engineers", "praised")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # a bare verb joined to a bare verb shares its modal: still what was said, not the next report
            "Lee says he would sit the union leaders down and tell them to stop the strike.",
            [("he would sit the union leaders down and tell them to stop the strike", "says")],
        ),
        (  # ... not one with its own auxiliary
            "Ruiz said he would offer help to the port but did not suggest a date.",
            [("he would offer help to the port", "said"), ("a date", "suggest")],
        ),
    ],
)
def test_a_verb_sharing_the_modal_is_no_next_report(
    extractor: StatementExtractor, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(s.quote, s.cue) for s in run(extractor, text)] == found


# "told X": X is a listener unless it is what was told ("told the story of ...")
TOLD = [
    (
        "Two days after Mayor Lena Ortiz told the Harbour Gazette she was not ready, the council met.",
        "Lena Ortiz",
        "she was not ready",
        "told",
    ),
    (  # the listener, then the clause's subject the parse took for a second object
        "The governor told WDEL Delaware the state’s own harbour rules are not perfect.",
        "The governor",
        "the state’s own harbour rules are not perfect",
        "told",
    ),
    (
        "Mayor Lena Ortiz told the story of the old pier.",
        "Lena Ortiz",
        "the story of the old pier",
        "told",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), TOLD)
def test_told(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# what the parse hangs on the cue but belongs to the content
ATTACHED = [
    (
        "Governor Ana Ruiz touted her record in the northern districts.",
        "Ana Ruiz",
        "her record in the northern districts",
        "touted",
    ),
    (
        "Governor Ana Ruiz called for the harbour board to publish its accounts.",
        "Ana Ruiz",
        "the harbour board to publish its accounts",
        "called for",
    ),
    (
        "Senator Ana Ruiz has called for the port authority to release the inspection reports.",
        "Ana Ruiz",
        "the port authority to release the inspection reports",
        "called for",
    ),
    (
        "Governor Ana Ruiz thanked the volunteers at a rally in Dover.",
        "Ana Ruiz",
        "the volunteers",
        "thanked",
    ),
    (
        "Governor Ana Ruiz praised the harbour crews during the storm.",
        "Ana Ruiz",
        "the harbour crews",
        "praised",
    ),
    (  # what is defended is a stance taken in words (PolNeAR marks it), with the charge it answers
        "Governor Ana Ruiz defended the harbour tax against charges of waste.",
        "Ana Ruiz",
        "the harbour tax against charges of waste",
        "defended",
    ),
    (  # the parse took the clause's subject for the cue's object and left the clause without one
        "Mayor Lena Ortiz promised her entire harbour plan would be paid for through a hotel tax.",
        "Lena Ortiz",
        "her entire harbour plan would be paid for through a hotel tax",
        "promised",
    ),
    (  # the parse hung the object's second conjunct on the cue as a second 'verb'
        'The senator questioned Ruiz\'s "harbour values" and her readiness to lead the port.',
        "The senator",
        'Ruiz\'s "harbour values" and her readiness to lead the port',
        "questioned",
    ),
    (
        "A port official confirmed the closure on the condition of anonymity.",
        "A port official",
        "the closure",
        "confirmed",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), ATTACHED)
def test_words_hung_on_the_cue(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


def test_a_clause_that_runs_into_a_quote_is_one_mixed_statement(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz says whatever the council decides, “the pier stays open.”"
    found = [(s.speaker, s.quote, s.cue, s.type) for s in run(extractor, text)]
    assert found == [("Lena Ortiz", "whatever the council decides, “the pier stays open.”", "says", "mixed")]


# a one-word answer is what was said ("said no", "said so"), and "said no to X" takes its object along
ANSWERS = [
    ("At the hearing the mayor said no.", "the mayor", "no", "said"),
    ("Councillor Tom Abara said no to the new levy on Monday.", "Tom Abara", "no to the new levy", "said"),
    ("In the spring poll 40 percent of residents said yes.", "40 percent of residents", "yes", "said"),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), ANSWERS)
def test_one_word_answers(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


def test_said_with_a_clause_is_no_one_word_answer(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz said no vessel would leave the harbour."
    check(run(extractor, text), text, "Lena Ortiz", "no vessel would leave the harbour", "said")


# a list after the object: the parse may hang its later items on the subject (crossing arcs); the
# speaker mention stays the subject and the content keeps the whole list
LISTS = [
    ("The mayor criticised the delays, the costs and the noise.", "The mayor", "the delays, the costs and the noise"),
    (
        "The bishop spoke of the poverty in the valley, the lack of schools for the young, the violence of the gangs.",
        "The bishop",
        "the poverty in the valley, the lack of schools for the young, the violence of the gangs",
    ),
]


@pytest.mark.parametrize(("text", "mention", "content"), LISTS)
def test_a_listed_object_stays_whole(extractor: StatementExtractor, text: str, mention: str, content: str) -> None:
    found = run(extractor, text)
    assert [(s.speaker_mention, s.quote) for s in found] == [(mention, content)]
    assert all(text[s.start : s.end] == s.quote for s in found)


# an "as" frame set off by a comma: the clause it frames is what was said, on either side
AS_FRAMES = [
    (
        "As the mayor noted, the pier has been closed for a year.",
        "the mayor",
        "the pier has been closed for a year",
        "noted",
    ),
    (
        "The pier has been closed for a year, as the mayor noted.",
        "the mayor",
        "The pier has been closed for a year",
        "noted",
    ),
    (  # the parse hangs the frame's comma on the cue
        "As the harbour master reported, even if the storm passes tonight, the ferries will stay in port until Friday.",
        "the harbour master",
        "even if the storm passes tonight, the ferries will stay in port until Friday",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), AS_FRAMES)
def test_as_frames(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# a concession set off by a dash at the end of the reported clause is the writer's aside; after a comma it
# stays in what was said
CONCESSIONS = [
    (
        "Mayor Lena Ortiz said that the pier would reopen – even though the board voted against it.",
        "Lena Ortiz",
        "that the pier would reopen",
        "said",
    ),
    (  # ... but after a comma the annotators keep the concession in what was said (like ', while ...')
        "Mayor Lena Ortiz said the pier would reopen, although the board had voted against it.",
        "Lena Ortiz",
        "the pier would reopen, although the board had voted against it",
        "said",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), CONCESSIONS)
def test_a_trailing_concession_by_its_mark(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# what the parse hangs on the cue after the reported clause: a contrasting clause with its own subject
# is still what was said; a bare participle set off by a comma is the writer's gloss; a reason after a
# promise is part of the promise
CLAUSE_EDGES = [
    (
        "Mayor Lena Ortiz said she would be glad to meet the fishermen but no meeting has been set.",
        "Lena Ortiz",
        "she would be glad to meet the fishermen but no meeting has been set",
        "said",
    ),
    (
        "Councillor Tom Abara said he supported the levy, but the budget office had not yet costed it.",
        "Tom Abara",
        "he supported the levy, but the budget office had not yet costed it",
        "said",
    ),
    (
        "Mayor Lena Ortiz said the harbour would reopen in May, putting her at odds with the port board.",
        "Lena Ortiz",
        "the harbour would reopen in May",
        "said",
    ),
    (
        "The ministry said it had hired 300 new inspectors, reflecting the government's new priorities.",
        "The ministry",
        "it had hired 300 new inspectors",
        "said",
    ),
    (  # the parse hangs the asked question on the cue as a condition
        "In a television interview, the actor was asked if he’d ever been turned down for a role.",
        "the actor",
        "if he’d ever been turned down for a role",
        "asked",
    ),
    (  # the scene after the cue ('as', 'while', 'when' ...) is no second reported clause
        "“The harbour will live on,” the captain said, as a few young fighters worked out inside the gym.",
        "the captain",
        "“The harbour will live on,”",
        "said",
    ),
    (
        "Mayor Lena Ortiz pledged to rebuild the pier because the fishermen need it.",
        "Lena Ortiz",
        "to rebuild the pier because the fishermen need it",
        "pledged",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), CLAUSE_EDGES)
def test_where_the_reported_clause_ends(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# verbs stressed on the last syllable double their consonant ("admitted", "concurred")
DOUBLED = [
    (
        "The port authority admitted it had lost the inspection records.",
        "The port authority",
        "it had lost the inspection records",
        "admitted",
    ),
    ("Senator Mia Chen concurred that the levy was too high.", "Mia Chen", "that the levy was too high", "concurred"),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), DOUBLED)
def test_doubled_consonant_cues(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


# a report embedded in another statement's content (its speaker and cue inside it) is part of what that
# statement says, not a second statement; quoted words mixed into a clause the outer cue reports, or into a
# relative clause on a noun of it, are part of it too
EMBEDDED = [
    (
        "Mayor Lena Ortiz said that engineers say the old pier is “simply unsafe.”",
        "Lena Ortiz",
        "that engineers say the old pier is “simply unsafe.”",
        "said",
    ),
    (
        "Councillor Tom Abara told reporters that he agrees the ferry deal is a “total giveaway.”",
        "Tom Abara",
        "that he agrees the ferry deal is a “total giveaway.”",
        "told",
    ),
    (  # a thought holding the report
        "Mayor Lena Ortiz remembered her father claiming that the harbour was older than the town.",
        "Lena Ortiz",
        "her father claiming that the harbour was older than the town",
        "remembered",
    ),
    (
        "Mayor Lena Ortiz noted that engineers say the old pier is unsafe.",
        "Lena Ortiz",
        "that engineers say the old pier is unsafe",
        "noted",
    ),
    (
        "Councillor Tom Abara insisted that he never said the harbour should be sold.",
        "Tom Abara",
        "that he never said the harbour should be sold",
        "insisted",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), EMBEDDED)
def test_a_report_inside_indirect_content_is_part_of_it(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


def test_a_relative_clause_report_with_quoted_words_is_part_of_the_outer_statement(
    extractor: StatementExtractor,
) -> None:
    text = "The chairman criticized a former aide who suggested that the town should “sell the harbour.”"
    found = [(s.speaker_mention, s.cue, s.quote) for s in run(extractor, text)]
    assert found == [
        ("The chairman", "criticized", "a former aide who suggested that the town should “sell the harbour.”")
    ]


def test_quoted_words_in_an_adverbial_clause_keep_their_statement(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz said the pier was closed after an engineer told her it was “simply unsafe.”"
    found = [(s.speaker_mention, s.cue) for s in run(extractor, text)]
    assert found == [("Mayor Lena Ortiz", "said"), ("an engineer", "told")]


# a headline whose verb the tagger reads as a noun ('X Praises Y'): the names before it speak, the rest of
# the clause is what was said; a noun inside a name ('Washington Post', 'Islamic State') is no cue
HEADLINES = [
    ("Lena Ortiz Praises Harbour Workers.", "Lena Ortiz", "Harbour Workers", "Praises"),
    ("Paul Weber Slams Ferry Contract.", "Paul Weber", "Ferry Contract", "Slams"),
    ("Ana Ruiz Questioned Why The Bridge Stayed Closed.", "Ana Ruiz", "Why The Bridge Stayed Closed", "Questioned"),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), HEADLINES)
def test_headline_verbs_read_as_nouns(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    check(run(extractor, text), text, speaker, content, cue)


@pytest.mark.parametrize("text", ["Washington Post Fact-Check Finds Errors.", "The Islamic State Claims Victory."])
def test_a_noun_inside_a_name_is_no_headline_cue(extractor: StatementExtractor, text: str) -> None:
    assert run(extractor, text) == []


# cues the lexicon lacked or kept clause-only: 'apologized for X', 'hailed X' (praise, not a taxi)
LEXICON = [
    (
        "Senator Mia Chen apologized for the delay in the ferry contract.",
        "Mia Chen",
        "the delay in the ferry contract",
        "apologized for",
    ),
    ("Union leaders hailed the ferry contract.", "Union leaders", "the ferry contract", "hailed"),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), LEXICON)
def test_added_cues(extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str) -> None:
    check(run(extractor, text), text, speaker, content, cue)


def test_according_to_after_its_content_keeps_the_content_not_the_copula(extractor: StatementExtractor) -> None:
    text = "That’s according to a survey by the Harbour Institute.\nThe ferry will run again in May."
    found = [s for s in run(extractor, text) if s.cue == "according to"]
    assert [(s.speaker or s.speaker_mention, s.quote) for s in found] == [("Harbour Institute", "That")]


def test_a_quote_after_the_next_cue_is_that_cue_s(extractor: StatementExtractor) -> None:
    text = "Mayor Lena Ortiz urged residents to conserve water, saying, “We cannot waste a drop.”"
    found = [(s.speaker or s.speaker_mention, s.quote, s.cue) for s in run(extractor, text)]
    assert found == [
        ("Lena Ortiz", "residents to conserve water", "urged"),
        ("Lena Ortiz", "“We cannot waste a drop.”", "saying"),
    ]


def test_according_to_after_a_dangling_subordinator_reports_what_follows(extractor: StatementExtractor) -> None:
    text = "The ferry stopped running after, according to Mayor Lena Ortiz, the harbour flooded twice."
    check(run(extractor, text), text, "Lena Ortiz", "the harbour flooded twice", "according to")


# 'according to X' reports the longer side of it within its brackets, but the side before it when the side after
# only goes on past it with 'but' or a verbless tail
ACCORDING = [
    (
        "Ortiz leads Weber by 40 council votes, according to a count by the Dover Gazette, but Weber has vowed to "
        "fight on.",
        "a count by the Dover Gazette",
        "Ortiz leads Weber by 40 council votes",
    ),
    (
        "Coastal towns like Dover (72 percent of residents there own boats, according to the census) will vote first.",
        "the census",
        "72 percent of residents there own boats",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content"), ACCORDING)
def test_according_to_reports_the_side_that_is_content(
    extractor: StatementExtractor, text: str, speaker: str, content: str
) -> None:
    found = [(s.speaker or s.speaker_mention, s.quote) for s in run(extractor, text) if s.cue == "according to"]
    assert found == [(speaker, content)]


# a cue whose comma opens the clause it reports, which the parse made the main clause with the cue hung on it
COMMA_CLAUSE = [
    (
        "The Dover Gazette's Ana Ruiz previously reported, The harbour board refused to publish the names of its "
        "donors.",
        "Ana Ruiz",
        "The harbour board refused to publish the names of its donors",
        "reported",
    ),
    (
        "The mayor warned me not to give that speech, but I said, look, you have to tell people the truth.",
        "I",
        "look, you have to tell people the truth",
        "said",
    ),
]


# a 'that' clause past the cue's setting that the parse read as a relative clause on the setting's noun (it has
# its own subject and object); a clause before the cue that a colon or semicolon closes is a lead-in, not what
# was said
SETTING_AND_LEAD_IN = [
    (
        "Dover Mayor Lena Ortiz, a Labour council member, predicted at the most recent town debate that Labour "
        'will take "every ward" if Weber wins the primary.',
        "Lena Ortiz",
        'that Labour will take "every ward" if Weber wins the primary',
        "predicted",
    ),
    (
        "Even people who backed the ferry plan sounded unsure: Councillor Ana Ruiz called it “the least bad choice "
        "on the table.”",
        "Councillor Ana Ruiz",
        "it “the least bad choice on the table.”",
        "called",
    ),
    (
        "There was no talk of the old toll or the broken ferry; Mayor Ortiz called the bridge ''a civic treasure'' "
        "instead.",
        "Ortiz",
        "the bridge ''a civic treasure''",
        "called",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), COMMA_CLAUSE + SETTING_AND_LEAD_IN)
def test_the_clause_a_cue_reports_is_its_only_statement(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    found = [(s.speaker or s.speaker_mention, s.quote, s.cue) for s in run(extractor, text) if s.cue == cue]
    assert found == [(speaker, content, cue)]
