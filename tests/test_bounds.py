"""Content boundaries with the real spaCy pipeline: where what was said starts and ends.

Each row is one construction whose content span the rules must cut exactly (the cue's own words, the writer's
asides and the scene of the saying stay out; the parts of what was said that the parse hangs elsewhere stay in).
Every sentence is written for this file (none comes from an evaluation corpus).
"""

from __future__ import annotations

import pytest

from index.extract import StatementExtractor, clause_opening
from tests.extraction import run

pytestmark = pytest.mark.models

# (text, cue, expected content)
BOUNDS = [
    (  # a clause the parse hung before the cue is an aside when the cue names a thing as its object
        "Only last month, can you believe it, the mayor defended her decision to raise the toll.",
        "defended",
        "her decision to raise the toll",
    ),
    (  # ... or takes it through the preposition that makes the cue
        "Only last month, can you believe it, the mayor pointed to the old bridge as the cause.",
        "pointed to",
        "the old bridge as the cause",
    ),
    (  # ... or when an infinitive follows the cue's object
        "Only last week, would you believe it, she urged the farmers to sell their land to the county.",
        "urged",
        "the farmers to sell their land to the county",
    ),
    (  # an addressee after the cue leaves the fronted clause as the content
        "The dam will not hold another spring, Ruiz warned the council.",
        "warned",
        "The dam will not hold another spring",
    ),
    (  # ... and so does any object when only a comma and the speaker stand between the clause and the cue
        "The ferry will run again by June, Ruiz wrote the committee.",
        "wrote",
        "The ferry will run again by June",
    ),
    (
        "The county has no plans to sell the ferry, Ruiz answered a question from a reporter.",
        "answered",
        "The county has no plans to sell the ferry",
    ),
    (  # a relative clause set off by a typed dash '--' is the writer's aside, as after an em dash
        "Ruiz praised the ferry crews -- who worked through the night to move the families out of the valley.",
        "praised",
        "the ferry crews",
    ),
    (  # an 'as' complement after the object, parsed as an adverbial clause
        "Several farmers described the new levy as unfair and badly timed.",
        "described",
        "the new levy as unfair and badly timed",
    ),
    (  # an 'as' complement with a participle of its own
        "The governor has described the festival as the town congratulating itself.",
        "described",
        "the festival as the town congratulating itself",
    ),
    (  # the preposition after an adverb still belongs to the cue
        "The coach boasted loudly about the new stadium.",
        "boasted",
        "the new stadium",
    ),
    (  # ... and after a particle
        "Two nurses spoke out about the staffing shortage.",
        "spoke out",
        "the staffing shortage",
    ),
    (  # ... and after the listener: 'about' opening the content names its topic
        "The coach talked to reporters about the new stadium.",
        "talked",
        "the new stadium",
    ),
    (  # ... but a pronoun alone keeps it
        "The coach talked to reporters about it.",
        "talked",
        "about it",
    ),
]

BOUNDS += [
    (  # a cue set off inside the reported clause, the rest of the clause hung on the cue
        "The repairs would be paid for, the treasurer said, by a new tax on hotel rooms.",
        "said",
        "The repairs would be paid for, the treasurer said, by a new tax on hotel rooms",
    ),
    (  # ... a reason after the frame
        "That is welcome news, the dean said, because fewer students are dropping out.",
        "said",
        "That is welcome news, the dean said, because fewer students are dropping out",
    ),
]

BOUNDS += [
    (  # a second 'that' clause the parse hung on the cue
        "Many growers think the rule helped the valley, but that there is still more to do.",
        "think",
        "the rule helped the valley, but that there is still more to do",
    ),
]

BOUNDS += [
    (  # where it was said, hung on the object: the cue's setting
        "The senator touted the endorsement on her Facebook page.",
        "touted",
        "the endorsement",
    ),
    (  # ... after an object complement
        "The rapper called the ruling “shameful” in a tweet.",
        "called",
        "the ruling “shameful”",
    ),
]

SIDE_BY_SIDE = (
    "Most members say they are paying attention to the race; 26 percent of members say they have not been paying"
    " much attention."
)
BOUNDS += [
    (  # a clause before a semicolon that the parse hung on the cue is not what was said
        "The report never ran; the editor argued the piece made the mayor look too good.",
        "argued",
        "the piece made the mayor look too good",
    ),
    # two reports side by side across a semicolon: each keeps its own clause
    (SIDE_BY_SIDE, "say", "they are paying attention to the race"),
    (SIDE_BY_SIDE, "say", "they have not been paying much attention"),
]

BOUNDS += [
    (  # ... or before a dash
        "The council was furious about the delay — its chairman insisted that the contract had expired.",
        "insisted",
        "that the contract had expired",
    ),
]

BOUNDS += [
    (  # a 'which' clause forecasting what the thing will do is still the speaker's claim
        "The treasurer said the town should raise its parking fees, which would pay for the new library.",
        "said",
        "the town should raise its parking fees, which would pay for the new library",
    ),
]

BOUNDS += [
    (  # a second 'that' clause whose verb is itself a cue ('polls show') is still part of what was pointed out
        "Aides are quick to point out that she won the county, no matter how slim the margin, and that polls show"
        " she remains the favourite.",
        "point out",
        "that she won the county, no matter how slim the margin, and that polls show she remains the favourite",
    ),
]

BOUNDS += [
    (  # a contrast set off by a comma at the end of the reported clause is still what was found
        "The survey found that Lopez would win 46 percent of the vote, while Smith would take 38 percent.",
        "found",
        "that Lopez would win 46 percent of the vote, while Smith would take 38 percent",
    ),
]

BOUNDS += [
    (  # a participle hung on the reported clause tells what followed from the claim
        "The campaign says it raised $2 million in January, bringing its total to almost $9 million.",
        "says",
        "it raised $2 million in January, bringing its total to almost $9 million",
    ),
]

BOUNDS += [
    (  # a clause before the cue that the parse also hung on it is not what was said when one follows the cue
        "The mayor jokingly offered the heckler a job at city hall, then says she will welcome advice from anyone.",
        "says",
        "she will welcome advice from anyone",
    ),
]

BOUNDS += [
    (  # the one asked to act is part of the request, as after 'urged'
        "The pastor asked the congregation to stand for a minute of silence.",
        "asked",
        "the congregation to stand for a minute of silence",
    ),
    (  # ... an agency called on to act is no venue ('said on CNN')
        "The union also called on the Federal Transit Administration to review the contract.",
        "called on",
        "the Federal Transit Administration to review the contract",
    ),
    (  # ... nor when the parse takes 'on' for a particle
        "The treaty includes a clause calling on countries to share their flood data.",
        "calling on",
        "countries to share their flood data",
    ),
]

BOUNDS += [
    (  # the occasion of the saying stays out when only its date follows
        "The governor promised to veto the budget at a rally Tuesday.",
        "promised",
        "to veto the budget",
    ),
    ("Officials urged residents to leave in a statement Friday.", "urged", "residents to leave"),
]

BOUNDS += [
    (  # a reason the parse hung on the cue, right after the object, is part of the mockery
        "The coach mocked the referee for having a terrible night because he missed two fouls.",
        "mocked",
        "the referee for having a terrible night because he missed two fouls",
    ),
    (  # ... and a condition part of the view
        "Most voters see Lopez as the stronger candidate if the economy slows.",
        "see",
        "Lopez as the stronger candidate if the economy slows",
    ),
]

BOUNDS += [
    (  # content the parse ends on 'and' runs on through the conjunct it hung elsewhere
        "The sheriff will come on the show to talk about the river crossing and how many migrants can easily slip"
        " through.",
        "talk about",
        "the river crossing and how many migrants can easily slip through",
    ),
    (  # a quoted word the noun-phrase content ends on, then the writer's 'which' clause about it
        "The mayor would never denounce “rationing,” which is mild next to what his own council proposed.",
        "denounce",
        "“rationing,”",
    ),
    (  # ... but a that-clause goes on through its 'which' clause: all of it is alleged
        "The suit alleges that the county “ignored the levee reports,” which led to the flooding of the mill.",
        "alleges",
        "that the county “ignored the levee reports,” which led to the flooding of the mill",
    ),
    (  # the writer's lead-in reports a saying of its own ('telling …,'): the quote before the frame is all
        "Mayor Oren Pike weighed in on Monday, telling a radio host in Dunmore, "
        "“The levee will hold through the spring,” he said.",
        "said",
        "“The levee will hold through the spring,”",
    ),
]

# look-alikes: an 'as' clause with a finite verb tells when, not what was said
LOOK_ALIKES = [
    # review cases: each rule that ends or grows content keeps to its own shape
    ("Lee pledged to cut fees, and then the council will vote on it.", "pledged", "to cut fees"),
    (
        "Lee mentioned the crowds at the rally, the heat, and the long lines.",
        "mentioned",
        "the crowds at the rally, the heat, and the long lines",
    ),
    (
        "Lee promised voters a tax cut, just under ten percent, and new roads.",
        "promised",
        "a tax cut, just under ten percent, and new roads",
    ),
    (  # the comma closes a relative clause, not a set-off 'with' phrase
        "Prosecutors charged the mayor, who ran the port for a decade, with fraud.",
        "charged",
        "the mayor, who ran the port for a decade, with fraud",
    ),
    (  # a quote ending on '?' in the middle of its sentence does not close the sentence
        "Lee said the plan was unfair, and the banner at the door bore the words “Who will pay for this?” in red "
        "letters next to the mayor.",
        "said",
        "the plan was unfair",
    ),
    (  # the second '--' closes a pair: the relative clause after it is on the noun before the pair
        "Ruiz urged the crowd to remember the families of the valley -- farmers, fishers and ferry crews -- who lost "
        "their homes in the flood.",
        "urged",
        "the crowd to remember the families of the valley -- farmers, fishers and ferry crews -- who lost their homes "
        "in the flood",
    ),
    (
        "The mayor praised the harbor plan as the council was voting on it.",
        "praised",
        "the harbor plan",
    ),
    (  # a 'which' clause describing the thing, with no forecast, is the writer's gloss
        "The treasurer praised the new library, which opened in May.",
        "praised",
        "the new library",
    ),
    (  # ... but a contrast with a report of its own is that report's
        "Lopez says the dam is safe, while Smith argues that it must be rebuilt.",
        "says",
        "the dam is safe",
    ),
    (  # ... but the writer's reading of the claim stays out
        "Members say they would back the mayor, putting them at odds with the council.",
        "say",
        "they would back the mayor",
    ),
    (  # ... and so does a participle right after the aside, though the parse hangs it on the reported clause
        "Several voters said they had not heard anything to pull them away from Mr. Ruiz, who also held a rally in"
        " Ames on Tuesday night, drawing 900 people.",
        "said",
        "they had not heard anything to pull them away from Mr. Ruiz",
    ),
    (  # ... and what the statement set off
        "The senator declared that he would build a registry of gun owners, drawing sharp criticism from his rivals.",
        "declared",
        "that he would build a registry of gun owners",
    ),
    (  # ... and what the words alluded to, though the participle is a cue word
        "Mr. Ruiz said Mr. Lopez should leave the race for the good of the party, echoing a memo from his campaign"
        " manager.",
        "said",
        "Mr. Lopez should leave the race for the good of the party",
    ),
    (
        "The chairman said things should be wrapped up by Cleveland, referring to the party's July convention.",
        "said",
        "things should be wrapped up by Cleveland",
    ),
    (
        "She said her father had hopped a freight train to find work, deploying the senator's favorite adverb.",
        "said",
        "her father had hopped a freight train to find work",
    ),
    (  # a comparison set off after a reported figure is the writer's reading of it
        "The company reported earnings of $3.12 a share, well above the $2.90 that analysts were looking for.",
        "reported",
        "earnings of $3.12 a share",
    ),
    (
        "The agency proposed a quota of 12 billion gallons, well below the 15 billion gallons that lawmakers had"
        " sought.",
        "proposed",
        "a quota of 12 billion gallons",
    ),
    (  # the setting of the saying ends the content, with the writer's gloss set off after it
        "The candidate often mentions her grandson in speeches, a reference point for talking about schools.",
        "mentions",
        "her grandson",
    ),
    (  # ... and after its date
        "The senator praised the nurses in remarks Tuesday, a gesture toward the striking unions.",
        "praised",
        "the nurses",
    ),
    (  # a 'with' phrase set off by a comma goes with the act, not with what was said
        "Ms. Lane attacked her rival as a liar and a fraud during the second debate, with jabs that drew cheers"
        " from the crowd.",
        "attacked",
        "her rival as a liar and a fraud",
    ),
    (  # ... also after a date
        "The senator condemned the missile test on Monday, with other lawmakers taking shots at the White House.",
        "condemned",
        "the missile test",
    ),
    (  # ... not the comma that closes an apposition
        "Regulators charged two builders, Ana Ruiz and Tom Lee, with defrauding investors.",
        "charged",
        "two builders, Ana Ruiz and Tom Lee, with defrauding investors",
    ),
    (  # ... but a list of 'with' phrases says whom with
        "The lawyer discussed the verdict with Mr. Ruiz, with others who were in the courtroom, and with friends.",
        "discussed",
        "the verdict with Mr. Ruiz, with others who were in the courtroom, and with friends",
    ),
    (  # ... the setting of a relative clause's own verb goes with that clause (here a writer's aside)
        "The mayor cited criticism of the director, who took heat for the delays during a hearing last week.",
        "cited",
        "criticism of the director",
    ),
    (  # why the source asked not to be named is not what was said
        "Two aides confirmed the meeting on the condition of anonymity because they were not authorized to discuss it.",
        "confirmed",
        "the meeting",
    ),
    (  # a reason with a report of its own is that report's
        "The senators called the hearing because they felt the agency was hiding the report.",
        "called",
        "the hearing",
    ),
    (  # a concession after the object is the writer's
        "The coach praised the team, even though it lost the final.",
        "praised",
        "the team",
    ),
    (  # a meeting inside the reported clause is what was said
        "The mayor said the budget was approved at a meeting Tuesday.",
        "said",
        "the budget was approved at a meeting Tuesday",
    ),
    (  # the listener of a 'that' clause stays out
        "The pastor told the congregation that the roof would be repaired.",
        "told",
        "that the roof would be repaired",
    ),
    (  # the scene after a frame inside the sentence stays out
        "The bridge is safe, the engineer said, at a packed meeting on Tuesday.",
        "said",
        "The bridge is safe",
    ),
]


BOUNDS += [
    (  # after the object, 'to' and an organisation's name is whom the object concerns, not where it was said
        "The council discussed new directives to the Pentagon.",
        "discussed",
        "new directives to the Pentagon",
    ),
    (  # a contrasting clause whose subject is the speaker again narrates the speaker's next act
        "Moreno said the deal had collapsed, but he pressed the board to try again.",
        "said",
        "the deal had collapsed",
    ),
    (  # a speech participle with a clause of its own is the next report, though hung on the reported clause
        "Diaz said he would release the report on Friday, insisting that the figures were sound.",
        "said",
        "he would release the report on Friday",
    ),
    (
        "The mayor said the bridge would reopen in May, calling the delays “a disgrace.”",
        "said",
        "the bridge would reopen in May",
    ),
    (  # an indefinite noun phrase naming the statement itself is the writer's gloss on it
        "Lee said the fair would be safe, a point the police chief also made.",
        "said",
        "the fair would be safe",
    ),
    (  # a list the parse took for an apposition, its last item hung deeper inside ('her ... and her ...')
        "Ruiz noted the 2010 floods, her support for the rescue crews and her work trying to bring in new jobs.",
        "noted",
        "the 2010 floods, her support for the rescue crews and her work trying to bring in new jobs",
    ),
    (  # 'at' an amount after the object is the value estimated, not the setting of the cue
        "The magazine estimates Ms. Ortega's fortune at about $3 billion from her stake in the chain.",
        "estimates",
        "Ms. Ortega's fortune at about $3 billion from her stake in the chain",
    ),
    (  # examples set off after the object are part of what it names, wherever the parse hung them
        "The union has answered the charge by pointing to the mayor's own record, including her vote to close two"
        " clinics.",
        "pointing to",
        "the mayor's own record, including her vote to close two clinics",
    ),
    (
        "Reports question his past claims about his career, ranging from tales of a bar fight to an offer from a"
        " major club.",
        "question",
        "his past claims about his career, ranging from tales of a bar fight to an offer from a major club",
    ),
    (  # ... but 'like' after a name is the writer's likeness, not an example
        "Ruiz talked about Mayor Ann Lee, like her father a child of the city.",
        "talked about",
        "Mayor Ann Lee",
    ),
    (  # after the object a colon opens what it names; the rest of the sentence spells it out, every item of it
        "The governor repeated the promises she has made all year: fixing the bridges, hiring teachers and cutting"
        " fees.",
        "repeated",
        "the promises she has made all year: fixing the bridges, hiring teachers and cutting fees",
    ),
    (  # ... not when the colon lists people (who they are, not what was said)
        "Three rivals criticized the press for ignoring them: former mayor Ann Lee, senator Bob Hart and governor"
        " Tim Cole.",
        "criticized",
        "the press for ignoring them",
    ),
    (  # bare verbs coordinated with the infinitive, which the parse hung on the cue, are still what was urged
        "She urged the board to scrap its proxy system, replace the league's current leadership, and make its"
        " meetings open to members.",
        "urged",
        "the board to scrap its proxy system, replace the league's current leadership, and make its meetings open"
        " to members",
    ),
    (  # ... but not a clause with a subject of its own after them
        "Ruiz pledged to cut fares, fix the buses and he, once again, pledged a new tram.",
        "pledged",
        "to cut fares, fix the buses",
    ),
    (  # ... over an adverbial opening the next bare verb, which the tagger may read as a present
        "The mayor issued a plan, vowing to reach and in some cases exceed the goals set by the board.",
        "vowing",
        "to reach and in some cases exceed the goals set by the board",
    ),
    (  # a noun item after the object of a cue describing a noun, hung on the verb that holds the noun
        "The chief gave a talk stressing dock safety, and a need to hire more guards and fix the gates.",
        "stressing",
        "dock safety, and a need to hire more guards and fix the gates",
    ),
    (  # content opening with a gerund goes on over a gerund conjunct the parse hung on the finite cue
        "The candidate mentioned expanding the port, and building a bridge to the island.",
        "mentioned",
        "expanding the port, and building a bridge to the island",
    ),
    (  # a country or state after its city is part of the place's name, not an aside
        "The mayor recalled the storm that hit the port in Lagos, Nigeria.",
        "recalled",
        "the storm that hit the port in Lagos, Nigeria",
    ),
    (  # a 'how' or 'why' clause after the object is its next item, a question named as a topic
        "She talked about the flood and why the levee failed.",
        "talked about",
        "the flood and why the levee failed",
    ),
    (  # ... wherever the parse hung it
        "The mayor will come on the show to talk about housing and how it is changing the city.",
        "talk about",
        "housing and how it is changing the city",
    ),
    (  # ... not a clause that is the subject of a verb of its own
        "Lee criticized the plan, and how the council reacted was strange.",
        "criticized",
        "the plan",
    ),
    (  # a bare gerund right after the object says what the object did, though hung on the cue
        "Democrats pointed to Obama endorsing Clinton at the convention.",
        "pointed to",
        "Obama endorsing Clinton at the convention",
    ),
    (  # the parse took the reported clause's subject for the cue's object: the clause's verb goes on with it
        "The aides appeared to insinuate Lopez was quitting the race after Ohio.",
        "insinuate",
        "Lopez was quitting the race after Ohio",
    ),
    (  # ... not the verb of a subject that holds the cue
        "Those who praised the plan were quiet after the vote.",
        "praised",
        "the plan",
    ),
    (  # ... but only at the end: a gloss set off inside the reported clause is part of it
        "Lee said the remark, a comment he made in 2015, was taken out of context.",
        "said",
        "the remark, a comment he made in 2015, was taken out of context",
    ),
    # the review's cases: what the rules above must not take in
    (  # a bare verb after the infinitive that opens a clause of its own is no second item
        "Lee promised to cut taxes, and let me tell you, voters noticed.",
        "promised",
        "to cut taxes",
    ),
    (  # a quoted predicate of the reported clause: the 'which' clause after it is still the speaker's
        "Ruiz said the plan “would fail,” which would hurt the town.",
        "said",
        "the plan “would fail,” which would hurt the town",
    ),
    (  # after a frame's semicolon, a report of its own is someone else's; the full stop of 'Mr.' ends nothing
        "The levee will hold, he said; Mr. Lee agreed with him on that.",
        "said",
        "The levee will hold",
    ),
    (  # 'especially' opening a clause of time is the writer's, not an example
        "The mayor praised the plan, especially after the council vote failed in March.",
        "praised",
        "the plan",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), BOUNDS + LOOK_ALIKES)
def test_content_boundaries(extractor: StatementExtractor, text: str, cue: str, content: str) -> None:
    found = [(s.cue, s.quote) for s in run(extractor, text)]
    assert (cue, content) in found, found


# idioms whose noun carries the report: (text, speaker mention, cue, content)
IDIOMS = [
    ("Weber made the case for a new bridge.", "Weber", "case for", "a new bridge"),
    (  # the listener between the noun and the clause stays out
        "Weber is making an impassioned case to voters that the bridge must be rebuilt.",
        "Weber",
        "case",
        "that the bridge must be rebuilt",
    ),
    (
        "The senator raised the question of whether the dam was safe.",
        "The senator",
        "question of",
        "whether the dam was safe",
    ),
    ("Lopez made the point that fees had doubled.", "Lopez", "point", "that fees had doubled"),
    ("Gorka also made the point that the plan would fail.", "Gorka", "point", "that the plan would fail"),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), IDIOMS)
def test_idiom_cues(extractor: StatementExtractor, text: str, speaker: str, cue: str, content: str) -> None:
    found = [(s.speaker_mention, s.cue, s.quote) for s in run(extractor, text)]
    assert (speaker, cue, content) in found, found


# 'case' names an argument only as the object of 'make'
@pytest.mark.parametrize("text", ["The county’s case for the merger was weak."])
def test_case_without_make_is_no_cue(extractor: StatementExtractor, text: str) -> None:
    assert not [s for s in run(extractor, text) if s.cue.startswith("case")]


# the left edge of content around a speaker-and-cue frame set off by commas in mid-sentence: (text, cue, content)
FRONTED = [
    (  # the sentence goes on in lower case after the frame: its opening clause was said too
        "If the levy passes, the mayor said, “the pier will close for good.”",
        "said",
        "If the levy passes, the mayor said, “the pier will close for good.”",
    ),
    (  # ... also when the words after the frame are a 'that' clause the parse hung on the cue
        "It is no accident, the planner said, that the bridge opened late.",
        "said",
        "It is no accident, the planner said, that the bridge opened late",
    ),
    (  # ... from the last clause joined by ', but': the one before it is the writer's
        "The council resisted for years, but the traffic got so bad, the mayor said, that the bridge was closed.",
        "said",
        "the traffic got so bad, the mayor said, that the bridge was closed",
    ),
    (  # a date alone before the frame tells when, as after the cue
        "In 2010, the clerk said, the fund was nearly empty.",
        "said",
        "the fund was nearly empty",
    ),
    (  # a concession opening the sentence before a closing frame is the writer's
        "Though the plant reopened in May, the town has lost hundreds of jobs, the mayor said.",
        "said",
        "the town has lost hundreds of jobs",
    ),
    (
        "Despite the heavy rain, turnout rose in every ward, according to the county clerk.",
        "according to",
        "turnout rose in every ward",
    ),
    (  # a quote set off by a dash from the writer's words before a closing cue is what was said, alone
        "Few owners liked the new levy - “It is a tax on the harbour,” one captain said - and many sold their boats.",
        "said",
        "“It is a tax on the harbour,”",
    ),
    (  # an opening 'Still' is the writer's link, not what was said
        "Still, the coach said, “we have to win on Sunday.”",
        "said",
        "“we have to win on Sunday.”",
    ),
    (  # a quote that opens a sentence of its own after the frame leaves the scene before it out
        "At the rally on Friday, the mayor said, “We will rebuild the pier.”",
        "said",
        "“We will rebuild the pier.”",
    ),
    (  # the ('') opening the next sentence's quote, hung by the parse on this one, takes no quote into it
        "The answer, the clerk told them, was simple. ''Pay the levy on time and nobody will bother you,'' she said.",
        "told",
        "The answer, the clerk told them, was simple",
    ),
    (  # a clause after a semicolon closing the frame goes on with what was said
        "It was never about the bridge alone, her aides argued in interviews this week; rather, it was about the town.",
        "argued",
        "It was never about the bridge alone, her aides argued in interviews this week; rather, it was about the town",
    ),
    (  # ... and after a colon: the list of what the speakers named
        "Three things make a tax rise unlikely, council members said: the surplus, the election and the veto.",
        "said",
        "Three things make a tax rise unlikely, council members said: the surplus, the election and the veto",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), FRONTED)
def test_content_before_a_frame(extractor: StatementExtractor, text: str, cue: str, content: str) -> None:
    found = [s.quote for s in run(extractor, text) if s.cue == cue]
    assert found == [content], found


@pytest.mark.parametrize(
    ("text", "opens_at"),
    [
        ("It rose; the fund ran dry, he said, that year.", "the fund"),
        ("The fund (set up in 2010; audited since) ran dry, he said, that year.", "The fund"),
        ("The plan (the fund ran dry, he said, that year.", "the fund"),
        ("So when the firm signaled a deal with Mr. Clarke, he said, it was over.", "So when"),
    ],
)
def test_clause_opening(text: str, opens_at: str) -> None:
    """Where the clause before a mid-sentence frame opens: after ';' or ':' or an open bracket, never inside
    closed brackets or after an abbreviation's full stop."""
    assert text[clause_opening(text, 0, text.index(", he said")) :].startswith(opens_at)


def test_a_colon_lead_names_a_person_or_body_not_a_place() -> None:
    """'Wait, it gets even better in Dunmore County:' names no speaker for the quote under it; a person does."""
    from index.extract import last_speaker_name
    from index.nlp import load_nlp
    from rag.settings import Settings

    nlp = load_nlp(Settings())
    for lead, expected in [
        ("Wait, it gets even better in Dunmore County:", None),
        ("Their whole case is a blind faith in Lena Ortiz’s word:", "Lena Ortiz"),
    ]:
        doc = nlp(lead)
        found = last_speaker_name(doc, [t.idx for t in doc], 0, len(lead) - 1)
        assert (found.text if found is not None else None) == expected
