"""In-document speaker resolution on the real spaCy parse: hard mentions written for these tests.

Each case is a news pattern: the head of a long mention, possessives, organisations, people sharing a
surname, pronouns after a quote. The names and stories are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from index.quotes import find_quotes
from index.resolve import Person, Resolution, Resolver, last_name, pick, suffix, title_case, without_nickname
from rag.records import Document, Statement
from rag.settings import Settings

if TYPE_CHECKING:
    import spacy

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    from index.nlp import load_nlp

    return load_nlp(Settings())


def resolve_in(nlp: spacy.Language, text: str, mention: str, last: str = "") -> Resolution:
    """Resolve the last occurrence of `mention` in `text`, as the extractor would."""
    doc = nlp(text)
    start = text.rindex(mention)
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    assert span is not None
    resolver = Resolver(doc, find_quotes(text), text)
    return resolver.resolve(span, Resolution(last) if last else None)


INTRO = "Governor Ana Ruiz opened the Harbour Bridge on Monday. "

# (text, mention, expected speaker, expected role or None when any role will do)
HEADS = [
    # the mention's head is the speaker, not the person named in its modifiers
    (
        INTRO + "Ruiz spokesman Tomas Bell said the repairs cost $4 million.",
        "Ruiz spokesman Tomas Bell",
        "Tomas Bell",
        None,
    ),
    (
        INTRO + "Ruiz's press secretary, Maya Lind, said the repairs were done.",
        "Ruiz's press secretary, Maya Lind",
        "Maya Lind",
        None,
    ),
    (
        INTRO + "Maya Lind handles the press. Lind, a Ruiz aide, said the bridge was safe.",
        "Lind, a Ruiz aide",
        "Maya Lind",
        None,
    ),
    (
        INTRO + "Former Ruiz adviser Piotr Nowak said the cost was too high.",
        "Former Ruiz adviser Piotr Nowak",
        "Piotr Nowak",
        None,
    ),
    # possessives and campaigns speak for the person who holds them
    (INTRO + "The Ruiz campaign said the bridge was a success.", "The Ruiz campaign", "Ana Ruiz", "campaign"),
    (INTRO + "Ruiz's campaign said the bridge was a success.", "Ruiz's campaign", "Ana Ruiz", "campaign"),
    (INTRO + "Ruiz's statement said the bridge was a success.", "Ruiz's statement", "Ana Ruiz", None),
    (INTRO + "A spokesman for Ms. Ruiz said the bridge was a success.", "A spokesman for Ms. Ruiz", "Ana Ruiz", None),
    (
        INTRO + "Her chief policy aide, Maya Lind, said the repairs were done.",
        "Her chief policy aide, Maya Lind",
        "Maya Lind",
        None,
    ),
    (INTRO + "Her spokesman said the repairs were done.", "Her spokesman", "Ana Ruiz", "spokesman"),
    (INTRO + "A Bloomberg poll said most voters liked the bridge.", "A Bloomberg poll", "Bloomberg", None),
    # a unit or the officials of an organisation speak for it
    (
        INTRO + "The Harbour Gazette's investigative unit reported that the bridge was late.",
        "The Harbour Gazette's investigative unit",
        "Harbour Gazette",
        None,
    ),
    (INTRO + "City Hall officials said the bridge was late.", "City Hall officials", "City Hall", None),
    (
        INTRO + "An analysis by the Pew Research Center found that most voters liked the bridge.",
        "An analysis by the Pew Research Center",
        "Pew Research Center",
        None,
    ),
    # ... but her critics and her husband are other people
    (INTRO + "Ruiz's critics said the bridge was a waste.", "Ruiz's critics", "", None),
    # an organisation named after a person is the organisation
    (
        "Dario Falk founded a charity in 2001. The Dario Falk Foundation said it would fund the school.",
        "The Dario Falk Foundation",
        "Dario Falk Foundation",
        None,
    ),
    # a definite description takes up the institution named before
    (
        "The Ministry of Fisheries published the quotas on Friday. The ministry said the cod stock had recovered.",
        "The ministry",
        "Ministry of Fisheries",
        None,
    ),
    # a group is not the last person named
    (INTRO + "Many Republicans said the bridge cost too much.", "Many Republicans", "Republicans", None),
    # a possessive pronoun marked as the source names the man just discussed
    ("Senator Tom Baker spoke at the plant. His view was that the jobs would stay.", "His", "Tom Baker", None),
    # a surname the tagger takes for a plural noun still names its person
    (
        "Senator Tom Sanders visited the plant. Sanders said the jobs would stay.",
        "Sanders",
        "Tom Sanders",
        None,
    ),
    # a definite description takes up the survey named before it
    (
        "The National Harbour Survey counts boats every year. The survey asks owners how often they sail.",
        "The survey",
        "National Harbour Survey",
        None,
    ),
    # an institution named in apposition to a common head
    (
        "The harbour was sold in May. Its new owner, the Bellport Shipping Company, said the fees would rise.",
        "Its new owner, the Bellport Shipping Company",
        "Bellport Shipping Company",
        None,
    ),
    # an unnamed holder of a role in a named body: the body speaks, with the role
    (
        INTRO + "A Harbour Trust official said the fees would rise.",
        "A Harbour Trust official",
        "Harbour Trust",
        "official",
    ),
    (INTRO + "Norway's fisheries minister said the quotas were fair.", "Norway's fisheries minister", "Norway", None),
    # a body's founders, board or tally speak for it; "the company's" takes up the company named before
    (INTRO + "Nordvik's founders said the app would stay free.", "Nordvik's founders", "Nordvik", "founders"),
    (
        "The Bellport Shipping Company opened a terminal in May. The company's estimate is that traffic will double.",
        "The company's estimate",
        "Bellport Shipping Company",
        None,
    ),
    # a speaking "it" takes up the organisation just named as a subject; not a person, not an expletive
    (
        "The Harbour Trust sued the port in May. It said the fees broke the lease.",
        "It",
        "Harbour Trust",
        None,
    ),
    ("Ana Ruiz sued the port in May. It is clear that she was right.", "It", "", None),
    # a share of a named group speaks as written, its count kept; a share of a common noun names no one
    (
        INTRO + "In the poll, 64 percent of Republicans said the toll was fair.",
        "64 percent of Republicans",
        "64 percent of Republicans",
        None,
    ),
    (INTRO + "In the poll, 64 percent of drivers said the toll was fair.", "64 percent of drivers", "", None),
    # ... but a definite description names the person the text described ("the Vermont senator")
    (
        "Senator Tom Baker of Vermont visited the plant. The Vermont senator said the jobs would stay.",
        "The Vermont senator",
        "Tom Baker",
        None,
    ),
    # a name in an apposition after a possessive description is the person, not the possessor; a name that
    # only modifies the description is not ("Simmons, an Obama supporter" stays Simmons)
    (
        'Governor Tom Hale spoke first. Hale\'s cousin, state Del. Martha "Mo" Reed (D-Norfolk), said it was close.',
        'Hale\'s cousin, state Del. Martha "Mo" Reed',
        "Martha Reed",
        None,
    ),
    # a quoted nickname is not part of the name, also when the NER stopped at it ('Marcia "')
    (
        'Former mayor James "Jimmy" Walker said the city would recover.',
        'Former mayor James "Jimmy" Walker',
        "James Walker",
        None,
    ),
    ("Rep. Dana “Dee” Ortiz said the plan works.", "Rep. Dana “Dee” Ortiz", "Dana Ortiz", None),
    (
        "Governor Tom Hale spoke first. Hale's cousin, a Milo Dunne backer, said the race was close.",
        "Hale's cousin, a Milo Dunne backer",
        "Tom Hale",
        "cousin",
    ),
]


@pytest.mark.parametrize(("text", "mention", "speaker", "role"), HEADS)
def test_mention_heads(nlp: spacy.Language, text: str, mention: str, speaker: str, role: str | None) -> None:
    res = resolve_in(nlp, text, mention)
    assert res.speaker == speaker
    if role is not None:
        assert res.role == role


SAME_SURNAME = (
    "Carlos Ortiz, the port director, met reporters on Monday. Carlos Ortiz said the port would reopen. "
    "His wife, Lena Ortiz, runs the ferry company. "
)


@pytest.mark.parametrize(
    ("mention_text", "speaker"),
    [
        ("Ortiz said the ferries would sail.", "Carlos Ortiz"),  # the one the text names most, not the latest
        ("Mrs. Ortiz said the ferries would sail.", "Lena Ortiz"),  # the title tells which
    ],
)
def test_people_sharing_a_surname(nlp: spacy.Language, mention_text: str, speaker: str) -> None:
    mention = mention_text.split(" said")[0]
    assert resolve_in(nlp, SAME_SURNAME + mention_text, mention).speaker == speaker


# a family sharing a surname, first names no list knows: the father only by a first name coordinated before the
# mother's full name, the son with a rank
FAMILY = (
    "The parents, Anwar and Rukhsana Qureshi, spoke at the convention on Thursday. "
    "Their son, Capt. Faisal Qureshi, was killed in Iraq in 2004. "
)


@pytest.mark.parametrize(
    ("mention_text", "mention", "speaker", "role"),
    [
        # a gendered title picks one of that gender, the role of another Qureshi stays theirs
        ("Mr. Qureshi said the country owed them an apology.", "Mr. Qureshi", "Anwar Qureshi", ""),
        (
            "Mr. Qureshi said the country owed them an apology. Ms. Qureshi said she could not speak about her son.",
            "Ms. Qureshi",
            "Rukhsana Qureshi",
            "",
        ),
        ("“Captain Qureshi was a hero,” Mr. Qureshi said.", "Mr. Qureshi", "Anwar Qureshi", ""),
        (
            "“Captain Qureshi was a hero,” Mr. Qureshi said. Mrs. Qureshi said she could not speak.",
            "Mrs. Qureshi",
            "Rukhsana Qureshi",
            "",
        ),
        # the rank written with the surname picks who holds it
        ("“Captain Qureshi was a hero,” Mr. Qureshi said.", "Captain Qureshi", "Faisal Qureshi", "Capt."),
        # a relative of someone named is the one other of the family who can be that relative
        (
            "Mr. Qureshi said the country owed them an apology. The captain's mother said she was proud.",
            "The captain's mother",
            "Rukhsana Qureshi",
            "",
        ),
    ],
)
def test_a_family_sharing_a_surname(
    nlp: spacy.Language, mention_text: str, mention: str, speaker: str, role: str
) -> None:
    assert resolve_in(nlp, FAMILY + mention_text, mention) == Resolution(speaker, role)


def test_a_surname_before_another_full_name_is_no_first_name(nlp: spacy.Language) -> None:
    """'Gantry and Lena Ortiz met': Gantry, named alone again, is no 'Gantry Ortiz'."""
    text = "Tom Gantry spoke on Monday. Later Gantry and Lena Ortiz met the mayor. Gantry said the port would reopen."
    resolver = Resolver(nlp(text), find_quotes(text), text)
    assert "Gantry Ortiz" not in resolver.people
    assert resolve_in(nlp, text, "Gantry").speaker == "Tom Gantry"


def test_first_person_outside_quotes_is_the_writer_not_the_last_person(nlp: spacy.Language) -> None:
    text = INTRO + "I asked Ruiz about the cost. I said the bridge was late."
    assert resolve_in(nlp, text, "I").speaker == ""


def test_headline_speaker_before_a_colon(nlp: spacy.Language) -> None:
    text = "Ruiz: I Will Not Resign Over The Bridge\n\n" + INTRO + "Ruiz said she would stay."
    doc = nlp(text)
    span = doc.char_span(6, 7)
    assert span is not None and span.text == "I"
    assert Resolver(doc, find_quotes(text), text).resolve(span).speaker == "Ana Ruiz"


def test_headline_capitals_are_not_names(nlp: spacy.Language) -> None:
    text = "Ruiz Says Bridge Will Reopen Soon\n\n" + INTRO + "Ruiz said the bridge would reopen."
    doc = nlp(text)
    resolver = Resolver(doc, find_quotes(text), text)
    assert set(resolver.people) == {"Ana Ruiz"}


# pronouns and descriptions through the whole extractor: (text, quote fragment, expected speaker)
PRONOUNS = [
    (
        # "he" after a quote continues the speaker, though another man is named inside the quote
        "Tomas Reyes spoke after the vote. “Anatol Mirek has not read the report,” Reyes said. "
        "“We will publish it,” he added.",
        "We will publish it",
        "Tomas Reyes",
    ),
    (
        # a new main subject between the last speaker and the pronoun takes over
        "“The talks are over,” Tomas Reyes said. Daniel Mirek also made the case for a pause. "
        "“Nobody wins a trade war,” he said.",
        "Nobody wins a trade war",
        "Daniel Mirek",
    ),
    (
        # the subject of an embedded clause is not the one who speaks next
        "Press secretary Adam Kohl said Monday that Governor Ben Ortiz has long called for lower taxes. "
        "He said the bill would pass.",
        "the bill would pass",
        "Adam Kohl",
    ),
    (
        # gender: "she" skips the man named last
        "Marta Selin leads the dockers' union. On Tuesday she met Joaquim Ferraz, the port director. "
        "“The strike goes on,” she said.",
        "The strike goes on",
        "Marta Selin",
    ),
    (
        # a first name alone tells the gender too
        "Melanie watched the debate with her husband, Kevin. “He will win,” she said.",
        "He will win",
        "Melanie",
    ),
    (
        # a description of the person just discussed, not the one named in a subordinate clause
        "Speaker Paul Brandt said that President Ana Ruiz had long called for cuts. "
        "“The cuts are final,” the Ohio Republican said in a statement.",
        "The cuts are final",
        "Paul Brandt",
    ),
    (
        # a name in apposition to the subject is the subject: "he" is the director, not the one he met
        "The port's director, Pavel Dunn, met Governor Ben Ortiz on Monday. He said the quay would be widened.",
        "the quay would be widened",
        "Pavel Dunn",
    ),
    (
        "Elliott's father, the Rev. Tomas Elliott, knew Marco Varga for decades. "
        "He recalled the boxer's help for the food bank.",
        "the boxer's help",
        "Tomas Elliott",
    ),
    (
        # a person the NER swallowed into an organisation after its possessive is still a person
        "Governor Tomas Reyes gave a speech on Monday. Harbour News’ Bret Calder noticed that none of the "
        "networks cut away for it. He commented that his channel stayed on the speech.",
        "his channel stayed",
        "Bret Calder",
    ),
    (
        # the possessor of a subject is the topic the next "he" takes up, not the last speaker
        "Tomas Reyes met Ben Ortiz on Monday. Ortiz praised the port. Mr. Reyes's proudest moments are his "
        "losses. He said the harbour bill would pass.",
        "the harbour bill would pass",
        "Tomas Reyes",
    ),
    (
        # the subject of the clause a pronoun's clause hangs under, over the last speaker
        "“We must win,” Mr. Kohl said of Senator Adam Kohl's race. The former governor spoke hours after "
        "Tomas Reyes, who leads in polls here, held a news conference nearby in which he called the harbour plan "
        "“a disgrace.”",
        "a disgrace",
        "Tomas Reyes",
    ),
    (
        # ... but not when a pronoun further up is the topic it continues
        "Ted Lomax, who won Ohio, is calling for his rivals to drop out. He asked them to “prayerfully consider” "
        "their campaigns. He declared that as long as the field remained divided, Dan Pruitt would have a path to "
        "the nomination, which he called “a total disaster” for the party.",
        "a total disaster",
        "Ted Lomax",
    ),
    (
        # a man who became the subject after the last speaker spoke, a paragraph before the pronoun
        "Governor Ben Ortiz visited London this week. “The ferries run late,” said Jake Sullivan, an aide to the "
        "governor.\n\nOrtiz departs for Lisbon today, where he will meet the fishing council. In a nod to his old "
        "slogan, dockers will hold banners at the quay.\n\nConceding that a deal was likely “down the line,” he "
        "warned: “It will not happen soon.”",
        "It will not happen soon",
        "Ben Ortiz",
    ),
    (
        # the one person the narrative turned to since the last quote, though not as a subject
        "Senator Ben Ortiz and Senator Adam Kohl met on Monday. “He was an honest man,” Mr. Kohl recalled last "
        "week.\n\nBut when it comes to Mr. Ortiz's proudest moments, it is the losses that stand out.\n\nHe was "
        "among 25 senators in 2008 to vote against the bailout. He argued that the levy was unfair.",
        "the levy was unfair",
        "Ben Ortiz",
    ),
    (
        # a surname the tagger took for a verb ('Stomp himself was') is still a subject
        "Dale Stomp met his aides in the tower. Karl Voss was in the office when a cousin suggested a photo. Voss "
        "suggested that this might be seen as rude. The photo went out. Stomp himself was delighted by the fuss. "
        "“The people who were upset were people we wanted to upset,” he later said.",
        "people we wanted to upset",
        "Dale Stomp",
    ),
    (
        # a first name alone is the one person of that first name
        "Senator Bernard Kowalski spoke in Toledo on Monday. The crowd cheered. “We will win,” Bernard said.",
        "We will win",
        "Bernard Kowalski",
    ),
    (
        # a name the NER took for an organisation, described as only a person can be
        "Lars Meyer, a former governor of the bank, said the rules were clear. “We tell other banks we are sorry,” "
        "Mr. Meyer said.\n\nOthers say a change is overdue. Eswar Prasad, a professor of economics at Cornell "
        "University, said integration had amplified the bank's role. “Many people have taken an ostrich "
        "approach,” he said.",
        "ostrich approach",
        "Eswar Prasad",
    ),
    (
        # ... or for a place, in apposition to 'wife'
        "Paul Gantry spoke on Monday. Gantry's wife, Melania, is scheduled to speak on Tuesday. She is often by "
        "her husband's side. “He will punch back,” she said.",
        "He will punch back",
        "Melania",
    ),
    (
        # a description as subject ('the admiral chuckled') mentions the person its rank was the title of,
        # and 'Harris' is 'Harry B. Harris Jr.' past the suffix
        "Adm. Harry B. Harris Jr. runs the Pacific fleet. Gen. Joseph F. Dunford Jr. recently asked Admiral Harris "
        "about the shoal. Asked later, the admiral chuckled.\n\n“It is good that my voice is low,” he said.",
        "my voice is low",
        "Harry B. Harris Jr.",
    ),
    (
        # a father and a son who share a name apart from the suffix stay two people
        "Rev. Charles Elliott III led the service. Elliott's father, the Rev. Charles Elliott Jr., knew the boxer "
        "for decades. He recalled the boxer's help for the food bank.",
        "the boxer's help",
        "Charles Elliott Jr.",
    ),
    (
        # a description with more than its head ('the Ohio governor') matches a title spelled short ('Gov.')
        "Tom Gantry picked Ohio Gov. Dan Pruitt as his running mate on Friday.\n\nGantry spoke in Iowa on Monday. "
        "Pruitt was at a rally in Utah.\n\nGantry praised the crowd. The Ohio governor said the ticket would win.",
        "the ticket would win",
        "Dan Pruitt",
    ),
    (
        # 'she' bound to a name of unknown gender makes it a woman's: the next 'he' is someone else
        "Senator Bernard Kowalski ended his campaign on Monday. My favourite description of him came from a "
        "student, Deja Stewart, who stopped me in the hall when she called him “a savage grandpa.”\n\n“Savage,” "
        "she said, meaning that he says what he believes.\n\nI met Kowalski in his office two days later. He plans "
        "to back 100 candidates.\n\n“We must keep the movement alive,” he told me.",
        "keep the movement alive",
        "Bernard Kowalski",
    ),
    (
        # a main clause that a speech verb set inside it reports: its subject is no new topic for 'he'
        "Senator Dan Lund, Democrat of Ohio, said on Sunday that Mr. Hale had gone too far. Like his remarks about "
        "the judge, Mr. Lund said, Mr. Hale's attacks on the nurses were unacceptable. “We have never been here "
        "before,” he said.",
        "We have never been here before",
        "Dan Lund",
    ),
    (
        # 'he' chained through the subject pronoun of the sentence before, not the man named after it
        "Oren Vasko, 52, a retired welder, said the council should answer questions about the budget. He came to "
        "the meeting, though he is still not sure whether he will vote for Mayor Tom Briggs or Dan Pruitt.\n\n"
        "“I ask my neighbors what they think,” he said.",
        "I ask my neighbors",
        "Oren Vasko",
    ),
    (
        # a subject earlier in the pronoun's own sentence, in a clause put before it, over the last speaker
        "“The plan is dead,” said Senator Tom Briggs.\n\nWhen Governor Peter Alder spoke to the farmers on Monday, "
        "he called the plan a waste.",
        "the plan a waste",
        "Peter Alder",
    ),
    (
        # ... not one of unknown gender when the last speaker is known to fit the pronoun
        "“The plan is dead,” said Senator Tom Briggs.\n\nWhen Oksana Tkachenko was arrested last week, "
        "he called the arrest a disgrace.",
        "the arrest a disgrace",
        "Tom Briggs",
    ),
    (
        # ... not one inside what the pronoun itself reports, nor one in a relative clause
        "“We will win,” said Senator Tom Briggs.\n\nIf Peter Alder wins, he said, the state will go bankrupt.",
        "If Peter Alder wins, he said, the state will go bankrupt",
        "Tom Briggs",
    ),
    (
        "“We will win,” said Senator Tom Briggs.\n\nMr. Alder is finished, he said.",
        "Mr. Alder is finished",
        "Tom Briggs",
    ),
    (
        "“We are ready,” said Mayor Tom Briggs.\n\nAt the rally, which Peter Alder skipped, he told supporters "
        "that the city was safe.",
        "that the city was safe",
        "Tom Briggs",
    ),
    (
        # ... but not one inside what someone said before it
        "Senator Tom Briggs spoke on Monday.\n\nMr. Briggs said that Governor Pete Alder had lied, and he called "
        "the plan a waste.",
        "the plan a waste",
        "Tom Briggs",
    ),
    (
        # ... nor one in an aside between two pieces of the quote
        "Mayor Ken Falk has not said whether he will run. Falk's pollster, Douglas Schoen, says his man has the "
        "money and the time. “I don't think the conventional wisdom” -- that Falk is a nanny-state liberal -- “is "
        "going to last,” he says.",
        "is going to last",
        "Douglas Schoen",
    ),
    (
        # the one person the narrative turned to may be of no known gender when named as a subject
        "The ministry says Ilkan Yavuz runs a network that tried to topple the cabinet. Interior Minister Selim "
        "Arda has repeatedly called on Greece to extradite the cleric.\n\nAfter the riot on May 3, the ministry "
        "declared Kemal Tosun was a leader of the plot. He was briefly held. He denounced the riot, telling "
        "reporters he had nothing to do with it.",
        "nothing to do with it",
        "Kemal Tosun",
    ),
]


@pytest.fixture(scope="module")
def extract(nlp: spacy.Language):  # type: ignore[no-untyped-def]
    from index.extract import extract_doc

    def run(text: str) -> list[Statement]:
        return extract_doc(nlp(text), Document("t", text), ())

    return run


def holding(extract, text: str, fragment: str) -> Statement:  # type: ignore[no-untyped-def]
    """The first statement whose words hold the fragment (failing the test when there is none)."""
    statements = [s for s in extract(text) if fragment in s.quote]
    assert statements, f"no statement holds {fragment!r}"
    return statements[0]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "mention"),
    [
        # the relative pronoun that is the cue's subject joins the written mention; the name stays the speaker
        (
            "The plan was praised by Ines Varga, who said the harbour would reopen in May.",
            "the harbour would reopen",
            "Ines Varga",
            "Ines Varga, who",
        ),
        # a verb the parse hangs off the name ("Varga, ..., wrote on Friday to say") still has her as subject
        (
            "Ines Varga, who is running for governor, wrote on Friday to say the harbour would reopen in May.",
            "the harbour would reopen",
            "Ines Varga",
            "Ines Varga",
        ),
        # an infinitive on the object ("held a briefing to brag"): who held it speaks, not the briefing
        (
            "Governor Ana Ruiz opened the Harbour Bridge on Monday. Ruiz on Friday held an impromptu press "
            "briefing to brag that the unemployment rate has fallen.",
            "the unemployment rate has fallen",
            "Ana Ruiz",
            "Ruiz",
        ),
        # a surname the tagger took for a common noun, never spelled out in full: the name as written
        (
            "“The harbour stays shut until spring,” O’Donnell said.",
            "The harbour stays shut",
            "O’Donnell",
            "O’Donnell",
        ),
        # "was quick to add": the cue hangs on an adjective of the subject's verb
        (
            "Governor Ana Ruiz was quick to add that the harbour would reopen in May.",
            "the harbour would reopen",
            "Ana Ruiz",
            "Governor Ana Ruiz",
        ),
        # a subject parsed as an appositive of the phrase before the verb, with or without a comma before it
        (
            "On Tuesday in Boston, on the campaign trail for his sister, state senator Ana Ruiz, former governor "
            "Tom Ruiz said the harbour would reopen in May.",
            "the harbour would reopen",
            "Tom Ruiz",
            "former governor Tom Ruiz",
        ),
        (
            "In a statement to the Tribune, her senior policy adviser, Pavel Dunn, said the harbour will reopen.",
            "the harbour will reopen",
            "Pavel Dunn",
            "Pavel Dunn",
        ),
        # the name after the verb that follows a quote speaks, though the parse makes it the object
        (
            "''I am better at fixing boats than at talking,'' said Rosa Calder, half joking.",
            "I am better at fixing boats",
            "Rosa Calder",
            "Rosa Calder",
        ),
        # a verb conjoined inside the reported clause whose subject cannot speak
        (
            "Mayor Tomas Reyes predicted that the local economy would rebound and praised efforts by the port "
            "to hire more dockers.",
            "efforts by the port",
            "Tomas Reyes",
            "Mayor Tomas Reyes",
        ),
        # a participle the parse hangs on the quote's own verb after it: the subject before speaks
        (
            "Governor Ana Ruiz spoke in Dover. Ruiz seemed to be ready to riff on the incident in Dover, "
            "telling the crowd, “Some people get a little carried away, have you noticed that?”",
            "Some people get",
            "Ana Ruiz",
            "Ruiz",
        ),
        # a description with the name as its appositive after a long modifier: the name speaks
        (
            "The director of the harbour fund backing Governor Ana Ruiz for re-election, Pavel Dunn, praised "
            "the plan to widen the quay.",
            "the plan to widen the quay",
            "Pavel Dunn",
            "The director of the harbour fund",
        ),
        # a share the parse hung on the verb as a modifier, and a subject it gave a participle taken for a
        # clausal subject, speak (unresolved: a share of no named group)
        ("About 4 in 10 say they want the next mayor to cut fees.", "cut fees", "", "About 4 in 10"),
        (
            "Less than a third agreed with the mayor that the port must wait.",
            "the port must wait",
            "",
            "Less than a third",
        ),
        (
            "Large majorities of voters in six towns going to the polls on Tuesday said they support the levy.",
            "they support the levy",
            "",
            "Large majorities of voters in six towns",
        ),
    ],
)
def test_relative_and_hanging_subjects(extract, text: str, fragment: str, speaker: str, mention: str) -> None:  # type: ignore[no-untyped-def]
    s = holding(extract, text, fragment)
    assert (s.speaker, s.speaker_mention) == (speaker, mention)
    assert text[s.speaker_start : s.speaker_end] == s.speaker_mention


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "mention"),
    [
        # a conjoined verb whose form matches the outer verb, not the reported clause the parse hangs it on
        (
            "Mayor Ana Ruiz escalated her criticism on Tuesday, telling reporters that Tomas Reyes is a fraud "
            "and questioning how he has avoided an audit.",
            "questioning",
            "Ana Ruiz",
            "Mayor Ana Ruiz",
        ),
        (
            "Mayor Tomas Reyes says he would sit the ministers down and tells the crowd he was the first to "
            "call for the audit.",
            "tells",
            "Tomas Reyes",
            "Mayor Tomas Reyes",
        ),
        # an infinitive after a verb and its object: the object does what it says ('led X to declare'); not after
        # a verb of advocacy, whose subject speaks through the object; an infinitive on a thing: the subject
        (
            "The landslide victory led party chairman Tom Hale to declare that the race was over.",
            "declare",
            "Tom Hale",
            "party chairman Tom Hale",
        ),
        (
            "Senator Ana Ruiz is pushing fellow Democrats to reject the port deal.",
            "reject",
            "Ana Ruiz",
            "Senator Ana Ruiz",
        ),
        (
            "Since Thursday, Ann Kerr has mounted a public campaign to condemn the levy.",
            "condemn",
            "Ann Kerr",
            "Ann Kerr",
        ),
        # a participle on a cue set off after a quote is the frame's, not the reported clause's subject's
        (
            "Tomas Reyes cannot say that “from his own desk,” Ana Ruiz added, saying it should be “up to the "
            "harbour board.”",
            "saying",
            "Ana Ruiz",
            "Ana Ruiz",
        ),
        # a participle on a people named by their nationality, and its conjunct: those people speak
        (
            "Governor Ann Kerr unveiled her first Spanish-language campaign ad, featuring Hispanics telling their "
            "family stories and criticizing Tom Hale's immigration plan.",
            "criticizing",
            "Hispanics",
            "Hispanics",
        ),
        # a participle on a speech noun in a phrase after a verb: whoever does that verb delivered it
        (
            "Mayor Ana Ruiz spoke on Monday. The row centers on remarks Ruiz made Tuesday during a speech "
            "attacking the port authority.",
            "attacking",
            "Ana Ruiz",
            "Ruiz",
        ),
        # ... and one hung on a noun's infinitive ('her ability to revive X and accused'): the finite verb outside
        (
            "In 2012, Governor Ann Kerr largely ran on her ability to revive the harbour economy and accused Tom "
            "Hale of wasting the port fund.",
            "accused",
            "Ann Kerr",
            "Governor Ann Kerr",
        ),
        # a conjoined cue hung on a verb that reports nothing, parallel to a cue of the same form outside
        (
            "Governor Ana Ruiz is noting the “kind of problems” Tomas Reyes had answering questions about cutting "
            "fees and saying he could not explain the audit.",
            "saying",
            "Ana Ruiz",
            "Governor Ana Ruiz",
        ),
    ],
)
def test_conjunct_hung_inside_the_reported_clause(extract, text: str, cue: str, speaker: str, mention: str) -> None:  # type: ignore[no-untyped-def]
    found = [s for s in extract(text) if s.cue.startswith(cue)]
    assert found, f"no statement for the cue {cue!r}"
    assert (found[0].speaker, found[0].speaker_mention) == (speaker, mention)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a verb the parse hangs on the one before with its catch-all label shares its subject
        ("Mayor Ana Ruiz paused, then revealed why the harbour was closed.", "why the harbour", "Ana Ruiz"),
        (
            "Mr. Reyes, channeling his respectful roots, responded by first saying “some good things” about the port.",
            "some good things",
            "Reyes",
        ),
        # an infinitive the parse hung on the noun of a phrase on the verb shares that verb's subject
        ("Mayor Ana Ruiz went out of her way to say that the harbour would reopen.", "the harbour", "Ana Ruiz"),
        # a gerund after a preposition, hung on a reported clause whose subject cannot speak: the outer subject
        (
            "Mayor Ana Ruiz said the levy has “kept us afloat” on Twitter before claiming that the ferries are "
            "“coming back.”",
            "the ferries are",
            "Ana Ruiz",
        ),
        # a participle opening a sentence of its own continues the previous sentence's speaker
        (
            "Tomas Reyes stated that the report “wasn’t good.” Adding, “Now, what they actually do is never that bad.”",
            "what they actually do",
            "Tomas Reyes",
        ),
    ],
)
def test_verbs_the_parse_left_without_a_subject(extract, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    assert holding(extract, text, fragment).speaker == speaker


def test_participle_hung_inside_the_reported_clause(extract) -> None:  # type: ignore[no-untyped-def]
    """'X argued that a levy would keep ..., saying “…”': the parse hangs 'saying' on the reported clause's
    verb; X speaks, not the levy."""
    text = (
        "Governor Ana Ruiz argued that a harbour levy would keep ferries from leaving the port early, "
        "saying it was “only fair.”"
    )
    saying = [s for s in extract(text) if s.cue == "saying"]
    assert saying, "no statement for the cue 'saying'"
    assert (saying[0].speaker, saying[0].speaker_mention) == ("Ana Ruiz", "Governor Ana Ruiz")


@pytest.mark.parametrize(("text", "fragment", "speaker"), PRONOUNS)
def test_pronouns_and_descriptions(extract, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    assert holding(extract, text, fragment).speaker == speaker


def test_an_object_pronoun_tells_nothing_of_the_gender(nlp: spacy.Language) -> None:
    """'Robin Sayer thanked him': 'him' is someone else; 'Robin Sayer said he ...' is a man."""
    text = (
        "Robin Sayer thanked him twice. Robin Sayer praised him again. Lee Varga said he would go. "
        "Varga said he was tired."
    )
    resolver = Resolver(nlp(text), find_quotes(text), text)
    assert (resolver.people["Robin Sayer"].gender, resolver.people["Lee Varga"].gender) == ("", "m")


def test_a_first_name_before_a_known_surname_is_another_person(nlp: spacy.Language) -> None:
    """'Ivanka Gantry' the NER missed is not 'Tom Gantry', though the surname is his."""
    text = "Tom Gantry spoke on Monday. Ivanka Gantry could be an effective bridge to voters."
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if "Ivanka" not in e.text]
    resolver = Resolver(doc, find_quotes(text), text)
    late = [m for m in resolver.person_mentions if m.offset >= text.index("Ivanka")]
    assert [(m.person.name, m.subject) for m in late] == [("Ivanka Gantry", True)]


@pytest.mark.parametrize(
    ("name", "surname", "suffix_"),
    [("Harry B. Harris Jr.", "harris", "jr"), ("Brent Bozell, III", "bozell", "iii"), ("Harris", "harris", "")],
)
def test_surname_past_a_suffix(name: str, surname: str, suffix_: str) -> None:
    assert (last_name(name), suffix(name)) == (surname, suffix_)


def test_pick_prefers_gender_then_full_mentions_then_first() -> None:
    carlos = Person("Carlos Ortiz", first=0, gender="m", named=3)
    lena = Person("Lena Ortiz", first=50, gender="f", named=1)
    rafael = Person("Rafael Ortiz", first=90, gender="m", named=3)
    assert pick([carlos, lena, rafael]) is carlos
    assert pick([carlos, lena, rafael], "f") is lena
    assert pick([lena], "m") is lena  # nobody fits: still the only one


def test_title_case(nlp: spacy.Language) -> None:
    doc = nlp("Trump May Not Have Suggested A Muslim Registry. The mayor said the vote was close.")
    first, second = list(doc.sents)[:2]
    assert title_case(first) and not title_case(second)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Lt. Gov. Dan Patrick said the vote was close.", "Dan Patrick", "Lt. Gov."),
        ("Mr. Tom Baker said the vote was close.", "Tom Baker", ""),  # an honorific is no role
        ("Meanwhile Tom Baker said the vote was close.", "Tom Baker", ""),
        ("Tom Baker, the party's former treasurer, said the vote was close.", "Tom Baker", "party's former treasurer"),
    ],
)
def test_roles(nlp: spacy.Language, text: str, name: str, role: str) -> None:
    resolver = Resolver(nlp(text), find_quotes(text), text)
    assert resolver.people[name].role == role


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # right after a minister's report, in the same paragraph, a capital speaks for that minister
        (
            "Russian Foreign Minister Ivo Marek said on Monday that the talks had stalled. "
            "Moscow sees the new sanctions as a deliberate provocation.",
            "deliberate provocation",
            "Ivo Marek",
        ),
        # paragraphs later, after another voice, the place is its own government, not the last person
        (
            "Russian Foreign Minister Ivo Marek said on Monday that the talks had stalled.\n"
            "The ministry's press office declined to comment on the sanctions.\n"
            "Washington has accused Moscow of meddling in the vote.",
            "meddling in the vote",
            "Washington",
        ),
    ],
)
def test_place_speaks_for_the_last_speaker_only_next_to_them(extract, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    assert holding(extract, text, fragment).speaker == speaker


def test_name_up_a_chain_of_descriptions_the_parse_hung_before_the_verb() -> None:
    """'At Palm Crest, Ivo Brandt, the club's president and manager, suggested …' parsed with the name as an
    appositive of the place and no subject on the verb: the name, not the last description, speaks."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from index.extract import subject_of

    words = ["At", "Palm", "Crest", ",", "Ivo", "Brandt", ",", "the", "club", "'s", "president", "and", "manager"]
    words += [",", "suggested", "that", "fees", "rose", "."]
    heads = [14, 2, 0, 2, 5, 2, 5, 8, 10, 8, 5, 10, 10, 14, 14, 17, 17, 14, 14]
    deps = ["prep", "compound", "pobj", "punct", "compound", "appos", "punct", "det", "poss", "case", "appos", "cc"]
    deps += ["conj", "punct", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    tags = ["IN", "NNP", "NNP", ",", "NNP", "NNP", ",", "DT", "NN", "POS", "NN", "CC", "NN", ",", "VBD", "IN"]
    tags += ["NNS", "VBD", "."]
    ents = ["O", "B-GPE", "I-GPE", "O", "B-PERSON", "I-PERSON"] + ["O"] * 13
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, ents=ents)
    subject = subject_of(doc[14])
    assert subject is not None and subject.text == "Brandt"


@pytest.mark.parametrize(
    ("words", "tags", "name"),
    [
        (["Ana", "Ruiz", ":", "Saying"], ["NNP", "NNP", ":", "VBG"], "Ana Ruiz"),  # a headline's colon
        (["Lena", "Ortiz", "Vows"], ["NNP", "NNP", "VBZ"], "Lena Ortiz"),  # the cue the NER ran into
        (["Sen.", "Tomas", "Bell"], ["NNP", "NNP", "NNP"], "Tomas Bell"),
        (["Ruiz", "Says"], ["NNP", "VBZ"], "Ruiz Says"),  # one word left: kept as the NER gave it
        (["Omar", "Haddad", "of"], ["NNP", "NNP", "IN"], "Omar Haddad"),  # the NER ran into 'of Tulsa'
        (["Ines", "Vega", "and"], ["NNP", "NNP", "CC"], "Ines Vega"),
    ],
)
def test_clean_name_stops_at_a_headline_cue(words: list[str], tags: list[str], name: str) -> None:
    import spacy
    from spacy.tokens import Doc

    from index.resolve import clean_name

    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags, ents=["B-PERSON"] + ["I-PERSON"] * (len(words) - 1))
    assert clean_name(doc[:], doc.text) == name


def test_a_surname_labelled_as_an_organisation_after_of_is_the_person(nlp: spacy.Language) -> None:
    from spacy.tokens import Span

    text = "Mayor Ortiz runs the ferry company. Nine months of Ortiz talking about fares changed the town."
    doc = nlp(text)
    start = text.rindex("Ortiz")
    tok = doc.char_span(start, start + len("Ortiz"))
    assert tok is not None
    doc.ents = [e for e in doc.ents if e.end <= tok.start or e.start >= tok.end] + [
        Span(doc, tok.start, tok.end, "ORG")
    ]
    mention = doc.char_span(text.index("Nine"), start + len("Ortiz"))
    assert mention is not None
    assert Resolver(doc, [], text).resolve(mention).speaker == "Ortiz"  # known by the surname alone


def test_before_anyone_is_named_a_pronoun_takes_up_the_title_person(nlp: spacy.Language) -> None:
    text = (
        "The Ruiz Bridge opens at last.\n\nHer critics were quiet, even after she said the tolls would rise. "
        "Governor Ana Ruiz cut the ribbon on Monday."
    )
    doc = nlp(text)
    bridge = doc.char_span(4, len("The Ruiz Bridge"), label="FAC")  # the title names her only inside a name
    assert bridge is not None
    doc.ents = [bridge, *(e for e in doc.ents if e.start_char > text.index("\n"))]
    start = text.index("she")
    mention = doc.char_span(start, start + 3)
    assert mention is not None
    assert Resolver(doc, [], text).resolve(mention).speaker == "Ana Ruiz"


def test_a_surname_that_is_a_title_word_completes_the_name(nlp: spacy.Language) -> None:
    text = "Senator Tom Baker will face former Lt. Gov. Patty Judge in November. Judge said she would win."
    doc = nlp(text)
    first = doc.char_span(text.index("Patty"), text.index("Patty") + len("Patty"), label="PERSON")  # the NER's cut
    assert first is not None
    doc.ents = [first, *(e for e in doc.ents if e.end <= first.start and e.label_ == "PERSON")]
    start = text.rindex("she")
    mention = doc.char_span(start, start + len("she"))
    assert mention is not None
    assert Resolver(doc, [], text).resolve(mention).speaker == "Patty Judge"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ('Marcia "Cia" Price', 'Marcia "Cia" Price said', "Marcia Price"),
        ("James ''Jimmy'' Walker", "James ''Jimmy'' Walker said", "James Walker"),
        ('Marcia "', 'Del. Marcia "Cia" Price (D) said', "Marcia Price"),  # the entity stopped at the nickname
        ("D'Angelo O'Rourke", "D'Angelo O'Rourke said", "D'Angelo O'Rourke"),  # apostrophes inside words
        ("Shaquille O’Neal", "Shaquille O’Neal said", "Shaquille O’Neal"),
        ("Ana Ruiz", 'Ana Ruiz said "Yes" often', "Ana Ruiz"),  # a quoted word after the name, no surname after it
    ],
)
def test_a_quoted_nickname_is_no_part_of_the_name(name: str, text: str, expected: str) -> None:
    end = text.index(name) + len(name)
    assert without_nickname(name, text, end) == expected
