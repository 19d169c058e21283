"""Direct and mixed quotes with the real spaCy pipeline: one table row per construction news uses.

Every sentence here is written for this test (fictional people and places), one per pattern the
attribution engine must read: who speaks, which words are theirs, which word is the cue.
"""

from __future__ import annotations

import pytest

from index.extract import StatementExtractor
from tests.extraction import run

pytestmark = pytest.mark.models


# (text, speaker, content, cue) for the statement that holds the quote
CASES = [
    # a stray ‘ (an elided year) before the quotes must not hide them
    (
        "Back in ‘98 the mill closed. “We lost everything,” Mara Quint said.",
        "Mara Quint", "“We lost everything,”", "said",
    ),
    # "“A,” X said, [a long clause]. “B.”": one statement over both quotes
    (
        "“The levee held through the worst of the storm,” Mayor Oren Pike said on Sunday in Dunmore. "
        "“It held because we paid for it, every cent.”",
        "Oren Pike",
        "“The levee held through the worst of the storm,” Mayor Oren Pike said on Sunday in Dunmore. "
        "“It held because we paid for it, every cent.”",
        "said",
    ),
    # "A, X said. “B.”": a paraphrase closed by a tail frame goes on in the quote after it (the frame must not
    # undo the join)
    (
        "The levee may not hold through another storm, Mayor Oren Pike said. "
        "“We patched it twice this year, and the patches are already cracking.”",
        "Oren Pike",
        "The levee may not hold through another storm, Mayor Oren Pike said. "
        "“We patched it twice this year, and the patches are already cracking.”",
        "said",
    ),
    # "“A,” X said outside. But “B.”": a few words of the writer's lead the next sentence into the quote
    (
        "“I would not call it do or die,” Oren Pike said outside the hall. "
        "But “an endorsement from the governor helps, and it helps a lot.”",
        "Oren Pike",
        "“I would not call it do or die,” Oren Pike said outside the hall. "
        "But “an endorsement from the governor helps, and it helps a lot.”",
        "said",
    ),
    # ... not a sentence of narration of its own between the quotes
    (
        "“I am better with my hands than with my head,” said Mara Quint, half joking. "
        "She holds two degrees, runs a crew of fifteen and has worked at the mill for twenty years. "
        "“But I like working with my hands.”",
        "Mara Quint", "“I am better with my hands than with my head,”", "said",
    ),
    # a quoted show title inside the cue's sentence is skipped on the way to the second quote
    (
        "“I expect to be questioned,” Dana Holt said on “Morning Edition.” “That is the job and I knew it.”",
        "Dana Holt",
        "“I expect to be questioned,” Dana Holt said on “Morning Edition.” “That is the job and I knew it.”",
        "said",
    ),
    # the same with straight and NYT-style quotes around the title
    (
        '"I expect to be questioned," Dana Holt said by phone on "Morning Edition." "That is my job, I knew it."',
        "Dana Holt",
        '"I expect to be questioned," Dana Holt said by phone on "Morning Edition." "That is my job, I knew it."',
        "said",
    ),
    (
        "''The levee held all night long, and the town stayed dry,'' Mayor Oren Pike said by phone on WKRT's "
        "''Valley Week.'' ''It held because we paid for it, every cent of it.''",
        "Oren Pike",
        "''The levee held all night long, and the town stayed dry,'' Mayor Oren Pike said by phone on WKRT's "
        "''Valley Week.'' ''It held because we paid for it, every cent of it.''",
        "said",
    ),
    # a new subject coordinated after the cue talks next: the second quote is not the first speaker's
    (
        "“Tell her I said hello,” Mara Quint said, and her husband cut in. “Don’t forget the dog, he misses her.”",
        "Mara Quint", "“Tell her I said hello,”", "said",
    ),
    # a short first quote and a long second one around a long frame: one span is all a statement has, and
    # the second quote alone stands for both quotes better than a span over the frame too (or the first alone)
    (
        "''No,'' said Ivo Brandt, the county engineer who has run the dam since the flood of 1998. "
        "''We will not open the gates this week, whatever the mayor says about it on the radio.''",
        "Ivo Brandt",
        "''We will not open the gates this week, whatever the mayor says about it on the radio.''",
        "said",
    ),
    # ... but with a first quote as long as the frame, one span over both quotes is closer
    (
        "''We will not open the gates this week,'' said Ivo Brandt, the county engineer at the dam. "
        "''Not for the mayor, and not for anyone else.''",
        "Ivo Brandt",
        "''We will not open the gates this week,'' said Ivo Brandt, the county engineer at the dam. "
        "''Not for the mayor, and not for anyone else.''",
        "said",
    ),
    # ... yet a second quote going on with the sentence the first broke off is never cited alone: a fragment
    (
        "''The levee,'' said Ivo Brandt, the county engineer, "
        "''is going to hold through the weekend, whatever the radio says about the rain upstream.''",
        "Ivo Brandt",
        "''The levee,'' said Ivo Brandt, the county engineer, "
        "''is going to hold through the weekend, whatever the radio says about the rain upstream.''",
        "said",
    ),
    # words coordinated after the cue go on with what was said: one statement to the end of the sentence
    (
        "Tomas Brel “signed the lease in March,” Mara Quint said, and still “never paid a cent of the rent.”",
        "Mara Quint",
        "Tomas Brel “signed the lease in March,” Mara Quint said, and still “never paid a cent of the rent.”",
        "said",
    ),
    (
        "The mill had no debts, the county auditor Mara Quint said, and had paid every supplier on time.",
        "Mara Quint",
        "The mill had no debts, the county auditor Mara Quint said, and had paid every supplier on time",
        "said",
    ),
    # ... but not when the speaker acts next
    (
        "“We are done negotiating with the county,” Mara Quint said, and walked out of the hall.",
        "Mara Quint", "“We are done negotiating with the county,”", "said",
    ),
    # a relative clause after the cue is no reported clause of its own: the quote before is the content
    (
        "“We will rebuild the bridge by spring,” Mara Quint said in May of Dunmore Steel Corp., "
        "whose parent company moved 300 jobs to Ohio.",
        "Mara Quint", "“We will rebuild the bridge by spring,”", "said",
    ),
    # a 'that' clause the parse hangs on the noun after the cue ('says in a statement that …') is the content
    (
        "Nadia Ferrell says in a statement that the county’s “water plan has failed every family in the valley.”",
        "Nadia Ferrell", "that the county’s “water plan has failed every family in the valley.”", "says",
    ),
    # a colon frame with a noun phrase and no verb: the document quoted speaks
    (
        "The audit ran to forty pages. More from the county audit: "
        "“Fewer ballots were spoiled this year than in any year since 1998.”",
        "county audit", "“Fewer ballots were spoiled this year than in any year since 1998.”", ":",
    ),
    # 'U.S. Army' inside a colon frame is no sentence break: the frame's subject speaks
    (
        "Before the vote, the Dunmore pastor Ivo Brandt, who trained in a U.S. Army chaplain school, is shown "
        "preaching: “Go and vote, every one of you, and bring your neighbours along.”",
        "Ivo Brandt", "“Go and vote, every one of you, and bring your neighbours along.”", "preaching",
    ),
    # a cue interrupting a sentence whose predicate the quote opens: the statement is the whole sentence
    (
        "The county’s new pumping station, Mayor Oren Pike said, “is the best money we ever spent” on the valley.",
        "Oren Pike",
        "The county’s new pumping station, Mayor Oren Pike said, “is the best money we ever spent” on the valley",
        "said",
    ),
    # a fragment before a cue set off by commas opens what was said when the words after it go on in lower case
    (
        "If the levee holds through Friday, Mayor Oren Pike said, “the town will be dry by the weekend.”",
        "Oren Pike",
        "If the levee holds through Friday, Mayor Oren Pike said, “the town will be dry by the weekend.”",
        "said",
    ),
    # ... but a setting of the cue before a new sentence is not what was said
    (
        "Asked about the levee on Friday, Mayor Oren Pike said, “It will hold through the weekend.”",
        "Oren Pike", "“It will hold through the weekend.”", "said",
    ),
    # NYT-style '' marks close speech like curly ones
    (
        "''The river is rising faster than we planned for,'' said Ivo Brandt, the county engineer.",
        "Ivo Brandt", "''The river is rising faster than we planned for,''", "said",
    ),
    # an inner quote closing with a space before the outer marks still closes the speech on its comma
    (
        "''There was a backlash against the term 'levee plan,' '' Ms. Quint noted, referring to a memo by the mayor.",
        "Quint", "''There was a backlash against the term 'levee plan,' ''", "noted",
    ),
    # a colon lead no frame fits, closing its paragraph: the quote under it is still someone's words
    (
        "The pumps were never tested. Wait, it gets better:\n\n"
        "“Not one of the pumps was tested before the storm, and nobody signed the log.”",
        "", "“Not one of the pumps was tested before the storm, and nobody signed the log.”", ":",
    ),
    # ... a long lead whose last name speaks ('… faith in the mayor’s word:')
    (
        "The reason the council gave for closing the pool in the middle of the hottest summer anyone in "
        "Dunmore can remember comes down to a blind faith in Mayor Oren Pike’s word:\n\n"
        "“The pool will reopen as soon as the new filters arrive from the supplier in Ohio.”",
        "Oren Pike", "“The pool will reopen as soon as the new filters arrive from the supplier in Ohio.”", ":",
    ),
    # a full-sentence quote right after a sentence (or paragraph) reporting a written text: its author's words
    (
        "At the mayor’s request, the county board issued a statement on the flood.\n\n"
        "“We are sorry for the delay, and we will pay every family what it is owed.”",
        "county board", "“We are sorry for the delay, and we will pay every family what it is owed.”", "issued",
    ),
    (
        "Mayor Oren Pike wrote in an email to his staff on Friday. "
        "“The levee will hold, and nobody leaves this office until it does.”",
        "Oren Pike", "“The levee will hold, and nobody leaves this office until it does.”", "wrote",
    ),
    # a colon frame with no verb: a columnist's digest line
    (
        "TURNOUT FELL IN THE NORTH - Nadia Ferrell: “Fewer voters came out in every northern county this year.”",
        "Nadia Ferrell", "“Fewer voters came out in every northern county this year.”", ":",
    ),
    # the quote closes on an inner quote's mark before the cue: ',’”'
    (
        "“She told me, ‘Fix the roof first,’” Tomas Brel said.",
        "Tomas Brel", "“She told me, ‘Fix the roof first,’”", "said",
    ),
    # quoted words inside the clause before the cue are the clause's: the statement is the whole clause ...
    (
        "Residents should give proof for their claims and not wave around vague words like “maybe” and "
        "“perhaps”, Ivo Brandt told reporters.",
        "Ivo Brandt",
        "Residents should give proof for their claims and not wave around vague words like “maybe” and “perhaps”",
        "told",
    ),
    # ... but a quote with a cue of its own earlier in the sentence is a turn of its own: the last quote alone
    (
        '"His mood is grim," she said, but despite the tone, "I think he will sign it," said Mara Quint, a critic.',
        "Mara Quint", '"I think he will sign it,"', "said",
    ),
    # a headline 'Name: ‘quoted fragment’ Title-Case Words.': the statement runs to the end of the headline
    (
        "Oren Pike: ‘No Regrets’ If the Levee Fails Again.\n\nThe mayor of Dunmore spoke on Sunday.",
        "Oren Pike", "‘No Regrets’ If the Levee Fails Again", ":",
    ),
    # ... but a whole quoted sentence is the statement alone
    (
        "Oren Pike: ‘We Will Rebuild.’\n\nThe mayor of Dunmore spoke on Sunday.",
        "Oren Pike", "‘We Will Rebuild.’", ":",
    ),
    # a paragraph that is one quote continues the statement of the paragraph before (one statement)
    (
        "“We were not warned,” Tomas Brel told reporters when asked about the flood.\n\n"
        "“Nobody from the county called us, not once, in three days.”",
        "Tomas Brel",
        "“We were not warned,” Tomas Brel told reporters when asked about the flood.\n\n"
        "“Nobody from the county called us, not once, in three days.”",
        "told",
    ),
    # ... also after a long speaker description: the other choice is a second statement, so the span over both
    # need only still stand for the two quotes
    (
        "“The interim report sheds light on the lax security at the county office,” said Ivo Brandt, a "
        "Republican councillor from Dunmore who chairs the council committee on science and roads.\n\n"
        "“The office’s intent to evade oversight is serious.”",
        "Ivo Brandt",
        "“The interim report sheds light on the lax security at the county office,” said Ivo Brandt, a "
        "Republican councillor from Dunmore who chairs the council committee on science and roads.\n\n"
        "“The office’s intent to evade oversight is serious.”",
        "said",
    ),
    # ... also after words ending in a quote before a bare frame closing the paragraph
    (
        "Dunmore needs leaders “who understand that loud words in a flood only raise the water,” Mara Quint said."
        "\n\n“And that is why steady hands matter so much at times like these.”",
        "Mara Quint",
        "Dunmore needs leaders “who understand that loud words in a flood only raise the water,” Mara Quint said."
        "\n\n“And that is why steady hands matter so much at times like these.”",
        "said",
    ),
    # ... and a paragraph of paraphrase alone, its speaker the only one, goes on in the quote paragraph after it
    (
        "Mara Quint said that the county would not sell the ferry this year.\n\n"
        "“We need it more than ever, and the buyers know it.”",
        "Mara Quint",
        "that the county would not sell the ferry this year.\n\n“We need it more than ever, and the buyers know it.”",
        "said",
    ),
    # ... but not over a quoted heading in capitals
    (
        "Mara Quint said that the county would not sell the ferry this year.\n\n“NOT FOR SALE, NOT EVER”\n\nMore soon.",
        "Mara Quint", "that the county would not sell the ferry this year", "said",
    ),
    # ... nor a quote with a paraphrase in it before, which keeps the speaker
    (
        "Mara Quint said the levee would “hold for a century.”\n\n“We paid for every stone of it, and we know it.”",
        "Mara Quint", "“We paid for every stone of it, and we know it.”", "",
    ),
    # a full-sentence quote closing the paragraph right after a report's sentence goes on with that report
    (
        "Oren Pike said he would back the levee plan if the council asked. "
        "“I’m going to support it, and support it fully, because it keeps the town dry.”",
        "Oren Pike",
        "he would back the levee plan if the council asked. "
        "“I’m going to support it, and support it fully, because it keeps the town dry.”",
        "said",
    ),
    # ... also when the report's words end before its sentence does (the rest is the writer's, no cue in it)
    (
        "Oren Pike announced the suit against the county, the mayor and the school board. "
        "“We are asking the court to stop the sale of the ferry.” The hearing is in May.",
        "Oren Pike",
        "the suit against the county, the mayor and the school board. "
        "“We are asking the court to stop the sale of the ferry.”",
        "announced",
    ),
    # ... also when the rest names a place or paper whose name holds a cue word ('United States', 'The Post')
    (
        "Oren Pike said he got a worried call from his niece, who had lived in the United States for years. "
        "“She told me she was scared to come home, and I told her to come anyway.”",
        "Oren Pike",
        "he got a worried call from his niece, who had lived in the United States for years. "
        "“She told me she was scared to come home, and I told her to come anyway.”",
        "said",
    ),
    # a quote closing the sentence a report's words end early in goes on with them (the words between, no cue)
    (
        "Ivo Brandt said that the county server was open, and he had full access to the server that "
        "“was like an open door on the internet, as many such servers are.”",
        "Ivo Brandt",
        "that the county server was open, and he had full access to the server that "
        "“was like an open door on the internet, as many such servers are.”",
        "said",
    ),
    (
        "Mara Quint defended the budget, calling it “a fair deal” because “we cut every office by the same amount.”",
        "Mara Quint", "it “a fair deal” because “we cut every office by the same amount.”", "calling",
    ),
    # ... not over the writer's translation of a quoted foreign phrase
    (
        "The mayor ended his speech with “Si vis pacem, para bellum,” Latin for “if you want peace, prepare for war.”",
        "mayor", "his speech with “Si vis pacem, para bellum,”", "ended",
    ),
    # ... but not past a sentence of narration between
    (
        "Mara Quint told reporters that the ferry would run again by June. The council met on Friday. "
        "“We need it more than ever, and the buyers know it.”",
        "Mara Quint", "that the ferry would run again by June", "told",
    ),
    # ... also when the quote holds a report of its own ('our statements'): that one does not frame the quote
    (
        "The union will not take the case but will watch it closely, Ivo Brandt says. “If the county is allowed "
        "to cherry-pick our statements over months to label us a danger, everyone in the valley loses a voice.”",
        "Ivo Brandt",
        "The union will not take the case but will watch it closely, Ivo Brandt says. “If the county is allowed "
        "to cherry-pick our statements over months to label us a danger, everyone in the valley loses a voice.”",
        "says",
    ),
    # the parse splits the sentence after a quote broken off at a comma (a quote inside it): the cue's sentence,
    # only a setting after the verb, is as bare as 'Pike said.' and takes the quote before it
    (
        "The flood “was the moment I stopped believing the old line, ‘The levee always holds,’” Pike said in a "
        "phone interview. “Now I check the river every morning.”",
        "Pike",
        "“was the moment I stopped believing the old line, ‘The levee always holds,’” Pike said in a "
        "phone interview. “Now I check the river every morning.”",
        "said",
    ),
    # a quote sentence right after a tail frame's sentence goes on with what the frame reports
    (
        "Or maybe the old ferry, county engineer Ivo Brandt says. "
        "“Several councillors have asked about it again this week, and the boat is still sound.”",
        "Ivo Brandt",
        "“Several councillors have asked about it again this week, and the boat is still sound.”",
        "says",
    ),
    # a tail frame with a longer subject, its verb closing the frame
    (
        "“Welcome, travellers! The valley is open again!” a sign at the county line reads. "
        "“Drive slowly, and mind the children.”",
        "sign",
        "“Welcome, travellers! The valley is open again!” a sign at the county line reads. "
        "“Drive slowly, and mind the children.”",
        "reads",
    ),
    # a digest line quotes the outlet named in brackets
    (
        "Top stories.\n\nFLOODS HIT THE VALLEY “The river rose four feet overnight and kept rising.” [Courier.]",
        "Courier", "“The river rose four feet overnight and kept rising.”", "",
    ),
    # an epigraph-style credit after a dash closes the quote's line
    (
        "Overheard this week:\n\n“We will not close a single school while I am mayor.” ― Oren Pike\n\nMore soon.",
        "Oren Pike", "“We will not close a single school while I am mayor.”", "",
    ),
    (
        "“The count was clean and the count was fast.” — Nadia Ferrell, county clerk\n",
        "Nadia Ferrell", "“The count was clean and the count was fast.”", "",
    ),
    # a cue followed by its quote with no comma, the quote ending the sentence
    (
        "Mara Quint posted the photo online on Friday, writing “We rebuilt it with our own hands.”",
        "Mara Quint", "“We rebuilt it with our own hands.”", "writing",
    ),
    # a short exclamation is said, not a scare quote
    (
        "When the mayor thanked the crowd, a man yelled “Go home!”",
        "man", "“Go home!”", "yelled",
    ),
    # a quote after the cue, though a quote closes the clause before it
    (
        "When a reporter shouted, “Why now,” Mayor Oren Pike replied, “Because the money finally came through.”",
        "Oren Pike", "“Because the money finally came through.”", "replied",
    ),
    # a quote as the object of a verb the cue lexicon does not know
    (
        "For an hour the strikers chanted “no contract, no work, no peace.”",
        "strikers", "“no contract, no work, no peace.”", "chanted",
    ),
    # a participle cue reporting a clause after the first cue takes the next quote: two statements
    (
        "“We will have the votes, you know,” Oren Pike said, adding that no single number matters. "
        "“Whoever gets the most votes should win.”",
        "Oren Pike", "“We will have the votes, you know,”", "said",
    ),
    (
        "“We will have the votes, you know,” Oren Pike said, adding that no single number matters. "
        "“Whoever gets the most votes should win.”",
        "Oren Pike", "that no single number matters. “Whoever gets the most votes should win.”", "adding",
    ),
    # ', going on to V': the phrase after the first cue is a report of its own and takes the next quote
    (
        "“We will have the votes, you know,” Oren Pike said, "
        "going on to contrast his plan with the plan of the council. “Whoever gets the most votes should win.”",
        "Oren Pike", "“We will have the votes, you know,”", "said",
    ),
    (
        "“We will have the votes, you know,” Oren Pike said, "
        "going on to contrast his plan with the plan of the council. “Whoever gets the most votes should win.”",
        "Oren Pike", "his plan with the plan of the council. “Whoever gets the most votes should win.”", "contrast",
    ),
    # an as-clause before the quote frames it, though the parse makes the quote the main clause
    (
        "Back then, as the Dunmore Courier put it, “Nobody in the valley trusts the dam any more.”",
        "Dunmore Courier", "“Nobody in the valley trusts the dam any more.”", "put",
    ),
    (
        "As the Valley Boys sang in 1988, “The river takes what the river wants.”",
        "Valley Boys", "“The river takes what the river wants.”", "sang",
    ),
    # a sentence that is only 'Name cue.' takes the quote opening the next sentence when none comes before
    (
        "The count went on all night. Nadia Ferrell agreed. “Nobody here trusts the machines any more.”",
        "Nadia Ferrell", "“Nobody here trusts the machines any more.”", "agreed",
    ),
    # a sentence-opening quote closed with no comma, then only the speaker before the cue
    (
        'The paper stood firm. "Ms. Quint asked both of us to her house to talk about the levee" '
        "the editor Lena Vos responded.",
        "Lena Vos", '"Ms. Quint asked both of us to her house to talk about the levee"', "responded",
    ),
    # a quote and its frame inside parentheses: the clause starts at the parenthesis
    (
        "The plan drew anger from the mill workers (“I want my pension back,” wrote Tomas Brel on the union page).",
        "Tomas Brel", "“I want my pension back,”", "wrote",
    ),
    # a present-tense speech verb the tagger reads as a noun after the quote ('the two write')
    (
        "“You have picked a new standard out of thin air to describe the county’s actions,” the two write. "
        "“We do not understand why the law was set aside for this one case.”",
        "the two",
        "“You have picked a new standard out of thin air to describe the county’s actions,” the two write. "
        "“We do not understand why the law was set aside for this one case.”",
        "write",
    ),
    # no space between the cue's comma and the quote: the tokenizer glues them into one word
    (
        "The post was gone by noon. Mara Quint said,“Look, the levee is gone. We have to rebuild it now.”",
        "Mara Quint", "“Look, the levee is gone. We have to rebuild it now.”", "said",
    ),
    # a second verb of the same speaker after the cue takes the next quote; the first cue keeps its own
    (
        "“We know the work ahead,” Mara Quint told a cheering crowd, then mocked the mayor’s campaign slogan. "
        "“But the work is not to make Dunmore great again.”",
        "Mara Quint", "“We know the work ahead,”", "told",
    ),
    (
        "“We know the work ahead,” Mara Quint told a cheering crowd, then mocked the mayor’s campaign slogan. "
        "“But the work is not to make Dunmore great again.”",
        "Mara Quint",
        "the mayor’s campaign slogan. “But the work is not to make Dunmore great again.”",
        "mocked",
    ),
    (
        "Mara Quint praised the levee crews on Sunday and said the county has what the job needs: "
        "“Steadiness, and money for the pumps.”",
        "Mara Quint",
        "the county has what the job needs: “Steadiness, and money for the pumps.”",
        "said",
    ),
    # a people determiner as the subject of any verb with a quoted object: 'Some chanted “…”'
    (
        "Supporters waved signs in the rain. Some chanted “Pike for Senate! Pike for Senate!” as he spoke.",
        "Some", "“Pike for Senate! Pike for Senate!”", "chanted",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), CASES)
def test_direct_quote_constructions(
    extractor: StatementExtractor, text: str, speaker: str, content: str, cue: str
) -> None:
    found = [s for s in run(extractor, text) if s.quote == content]
    assert found, [s.quote for s in run(extractor, text)]
    (s,) = found
    written = s.speaker or s.speaker_mention
    assert (speaker in written if speaker else not written) and s.cue.startswith(cue)  # "" = nobody named
    assert text[s.start : s.end] == s.quote


def test_a_new_paragraph_is_no_tail_frame(extractor: StatementExtractor) -> None:
    """'“…?”' closing a paragraph, then 'Tomas Brel agreed that …' opening the next: his own statement only."""
    text = (
        "“The levee is old,” the host said. “Will it hold this year?”\nTomas Brel acknowledged that the levee was old."
    )
    mine = [s.quote for s in run(extractor, text) if "Brel" in (s.speaker or s.speaker_mention)]
    assert mine == ["that the levee was old"]


@pytest.mark.parametrize(
    "text",
    [
        "She hosts “The Evening Report” on weekdays.",  # a show title as an object
        "He called the plan “reckless” and left.",  # a one-word scare quote is left to the parse
        "Speaking Sunday on Channel 4’s “Morning Report with Lena Vos,” Oren Pike said the levee held.",  # a show
    ],
)
def test_titles_and_scare_quotes_are_no_direct_quote(extractor: StatementExtractor, text: str) -> None:
    assert [s for s in run(extractor, text) if s.type == "direct"] == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Oren Pike told reporters that the council “had a reckless plan for the levee,” adding, "
            "“We will not let it pass this year.”",
            "that the council “had a reckless plan for the levee,”",
            "“We will not let it pass this year.”",
        ),
        (
            "Mara Quint defended the vote against paying a contractor who said the county owed him money, saying, "
            "“Maybe he did not do the work, and I was not happy with it.”",
            "the vote against paying a contractor who said the county owed him money",
            "“Maybe he did not do the work, and I was not happy with it.”",
        ),
    ],
)
def test_a_closing_participle_quote_is_a_statement_of_its_own(
    extractor: StatementExtractor, text: str, first: str, second: str
) -> None:
    """'X told reporters that …, adding, “…”': the quote after a bare participle set off by commas is the
    speaker's next statement, the speaker's own (not the nearest noun's), and the first ends before it."""
    found = run(extractor, text)
    speaker = text.split()[0]
    assert [s.quote for s in found if speaker in s.speaker] == [first, second], [(s.quote, s.speaker) for s in found]


def test_a_participle_with_its_own_listener_stays_in_the_report(extractor: StatementExtractor) -> None:
    """'an aide said Pike calmed the room, telling his colleagues, “…”': the aide narrates Pike's words; the
    quote stays inside the aide's statement."""
    text = "One aide said Oren Pike calmed the room, telling his colleagues, “We have to remember who built the levee.”"
    assert [s.quote for s in run(extractor, text)] == [text[text.index("Oren") :]]


def test_a_nickname_in_the_speakers_name(extractor: StatementExtractor) -> None:
    """A speech-cue word used as a noun in the speaker's description ('state Del.') is no second cue, and a
    nickname quoted inside the speaker's name is no quote between the first quote and its cue: one
    statement over both quotes, the mention naming her (resolving it is the resolver's part)."""
    text = (
        'The hall was full.\n\n"This is a big year for our next governor, Tom Hale!" Hale\'s cousin, state Del. '
        'Martha "Mo" Reed (D-Norfolk), shouted to the crowd. "The state is watching us. We have his back."'
    )
    first = text.index('"This')
    (s,) = [s for s in run(extractor, text) if s.start == first]
    assert s.quote == text[first:] and s.cue == "shouted" and "Martha" in s.speaker_mention


def test_narration_after_a_quote_ends_the_turn(extractor: StatementExtractor) -> None:
    """'… interjecting, “A.” But Quint was relentless.' then a paragraph '“B?”': B is not the interjector's."""
    text = (
        "“We stay,” Mara Quint said.\n\nTomas Brel tried to laugh it off by interjecting, “Only on Sundays.” "
        "But Quint was relentless.\n\n“Does that sound like a plan to you, sir?”"
    )
    brel = [s.quote for s in run(extractor, text) if "Brel" in (s.speaker or s.speaker_mention)]
    assert brel == ["“Only on Sundays.”"]
