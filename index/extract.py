"""Statements from documents: direct, indirect and mixed speech with cue, speaker mention and speaker.

The default extractor ("rules") parses documents with spaCy (`nlp.pipe`, batched) and reads the
dependency parse: a reporting verb's subject is the speaker mention, its clausal or nominal
complement the content; quoted spans (index/quotes.py) snap content to whole quotes; index/resolve.py
turns mentions into full names with roles. Offsets always index `Document.text`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from index.cues import CLAUSE_NOUNS, CLAUSE_ONLY, LISTENER_VERBS, CueKind, base_form, cue_kind, inflect
from index.quotes import find_quotes, pull_quotes
from index.resolve import GROUP_NOUNS, ORG_HEADS, ROLE_HEADS, SPEAKS_FOR, Resolution, Resolver
from rag.errors import unknown_choice
from rag.records import Document, Statement, StatementType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from rag.settings import Settings

log = logging.getLogger(__name__)

SUBJ = {"nsubj", "nsubjpass"}
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}  # entities that can speak
CLIMB = {"xcomp", "advcl", "pcomp", "prep", "conj", "acl", "acomp"}  # acomp: "was quick to add"
NOMINAL_CONTENT = {"dobj", "xcomp", "attr", "oprd", "acomp", "dative"}
OBJECT_PREPS = {"as", "of", "for", "against", "over", "that", "on", "about"}  # "accused X of Y", "described it as Y"
PHRASAL_PREPS = {"for", "about", "on", "against", "of", "over"}  # right after the verb: "called for Y"
# a preposition that is part of the cue for some verbs only: "pointed to Y", "agreed with Y"
PHRASAL_PAIRS = {("to", "point"), ("with", "agree"), ("with", "disagree"), ("with", "side")}
TIME_LABELS = {"DATE", "TIME"}
EDGE_PUNCT = " \t\n,;:—–-.(["
QUOTE_MARKS = "“”\"«»‘’`'"
# ", Russian media reports." / ", a new poll shows." — a reporting frame at the end of a sentence
NOUN_BEFORE = re.compile(r"(?:[’']s|\b(?:the|a|an|his|her|their|its|our|my|your|these|those))\s+$", re.IGNORECASE)
TAIL_FRAME = re.compile(r",\s+((?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s+([a-z]+)\s*[.!]?\s*$")


@dataclass
class Candidate:
    """A statement before resolution: character spans into the document text."""

    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    kind: CueKind
    speaker: Span | None = None
    speaker_text: str = ""  # set when the mention is not a parse span (tail frames)
    speaker_start: int = -1
    speaker_end: int = -1
    reported_by: str = ""
    clausal: bool = True  # False when the content is a noun phrase ("called for a ban")


class StatementExtractor(Protocol):
    """Finds the statements of a batch of documents."""

    def extract(
        self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]
    ) -> list[list[Statement]]: ...  # one list per doc; none starts inside a skipped span


# --- span helpers (pure) -------------------------------------------------------------------------


def is_quote(t: Token) -> bool:
    """A quotation mark token, the NYT's doubled marks (one token: ``, '') included."""
    return t.text in QUOTE_MARKS or t.text in {"``", "''"}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past edge whitespace and punctuation (quote marks stay)."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def snap_to_quotes(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """Grow a content span so every quote it touches is whole (marks and inner punctuation included)."""
    for qs, qe in quotes:
        if qs < end and start < qe:
            start, end = min(start, qs), max(end, qe)
    return start, end


def in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a character offset lies inside one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def overlaps_any(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a span shares a character with any of the spans (a quote or content is claimed only if free)."""
    start, end = span
    return any(a < end and start < b for a, b in spans)


def statement_type(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> StatementType:
    """direct when the content is quotes (and the cue between them), mixed when it holds a quote."""
    inside = [(qs, qe) for qs, qe in quotes if start <= qs and qe <= end]
    if not inside:
        return "indirect"
    outside = (
        text[start : inside[0][0]]
        + "".join(text[a[1] : b[0]] for a, b in itertools.pairwise(inside))
        + text[inside[-1][1] : end]
    )
    if len(inside) == 1 and not outside.strip():
        return "direct"
    if len(inside) > 1 and len(outside) < 60 and not text[start : inside[0][0]].strip():
        return "direct"
    return "mixed"


# --- parse readers -------------------------------------------------------------------------------


def token_span(tokens: Sequence[Token]) -> tuple[int, int]:
    """Character span from the first to the last token."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def passive_agent(verb: Token) -> Token | None:
    """The object of a passive verb's 'by' phrase ('reported by Politico' -> Politico)."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a cue verb, climbing through 'quoted as saying', 'and added', relative clauses."""
    found = climbed_subject(verb)
    if found is not None:
        return found
    tok = verb
    while tok.dep_ == "xcomp" and tok.head.i < tok.i:
        tok = tok.head  # "…, not even needing to mention": the participle the infinitive completes
    return trailing_participle_subject(tok)


NON_SPEAKER_TAGS = frozenset({"WP", "WDT", "EX", "DT"})  # 'who', 'which', 'there', 'that' as a subject


def first_subject(verb: Token) -> Token | None:
    """The verb's first subject that can name a speaker."""
    return next((c for c in verb.children if c.dep_ in SUBJ and c.tag_ not in NON_SPEAKER_TAGS), None)


def trailing_participle_subject(verb: Token) -> Token | None:
    """'…, Ruiz said Tuesday in Dover, noting the fees …': a participle set off after the main clause,
    which the parse hung on a later verb; the subject of the sentence's main verb before it speaks."""
    if verb.tag_ != "VBG" or any(c.dep_ in SUBJ | {"csubj"} for c in verb.children):
        return None
    doc, i = verb.doc, verb.i - 1
    while i > verb.sent.start and (doc[i].is_space or doc[i].tag_ == "RB"):
        i -= 1  # "…,” he said, not even suggesting"
    if doc[i].text != ",":
        return None
    main = verb.sent.root
    if main.i == verb.i:  # "“…,” he said, not even suggesting …": the parse made the participle the root
        main = max((c for c in verb.children if c.dep_ == "parataxis" and c.i < i), key=lambda c: c.i, default=verb)
    if main.i >= verb.i or not main.tag_.startswith("VB"):
        return None
    return first_subject(main)


def climbed_subject(verb: Token) -> Token | None:
    """subject_of without the trailing-participle fallback."""
    outer = conjunct_outside_clause(verb) or parallel_cue(verb)
    if outer is not None:
        return subject_of(outer)
    tok, path = verb, list[str]()  # the labels climbed through
    for _ in range(6):
        agent = passive_agent(tok) if path[-1:] != ["xcomp"] and not active_conjunct(verb, tok, path) else None
        if agent is not None:
            return agent  # "was first reported by Politico": the agent speaks, the subject is what was said
        subjects = sorted((c for c in tok.children if c.dep_ in SUBJ), key=lambda c: abs(c.i - tok.i))
        controller = object_controller(tok) if not subjects else None
        if controller is not None:
            return controller  # "The victory led Priebus to declare ...": Priebus declares, not the victory
        if tok is verb and not subjects:
            adjacent = set_off_subject(verb) or adjacent_subject(verb)
            if adjacent is not None:
                return adjacent  # "… and NBC News will accuse you": a name the parse hung elsewhere
            hung = share_subject(verb)
            if hung is not None:
                return hung  # "About 4 in 10 say", "Large majorities of voters going to the polls said"
        climb = subjects and not set_off_frame(tok, subjects[0])
        if climb and (reported_clause_subject(verb, tok, subjects[0]) or gerund_in_clause(verb, tok, subjects[0])):
            path.append(tok.dep_)
            tok = tok.head  # "Trump argued that a database would help, saying ...": Trump says, not the database
            continue
        for child in subjects[:1]:  # the nearest: 'The harbour, Mayor Ortiz said, ...' parses with two
            if child.tag_ in {"WP", "WDT"} and tok.dep_ == "relcl":
                return tok.head
            return child
        on_object = tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.dep_ == "dobj" and inanimate(tok.head))
        if on_object and tok.head.dep_ in {"dobj", "attr"} and any(c.lower_ == "to" for c in tok.children):
            path += [tok.dep_, tok.head.dep_]
            tok = tok.head.head  # "Obama held a briefing to brag that ...": an infinitive on the object
            continue
        phrase_verb = infinitive_on_phrase(tok)
        if phrase_verb is not None:
            path += [tok.dep_, "pobj"]
            tok = phrase_verb  # "He went out of his way to say that ...": an infinitive on a phrase's noun
            continue
        sender = sending_verb(tok) or making_verb(tok)
        if sender is not None:
            path += [tok.dep_, tok.head.dep_]
            tok = sender  # "The senator emailed supporters saying …": the sender speaks, not the addressees
            continue
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.i < tok.i and people_named(tok.head)):
            return tok.head  # "Donald Trump, who ..., tweeted on Friday to say": a parse that hangs the verb off him
        if loose_verb(tok):
            path.append(tok.dep_)
            tok = tok.head  # "Clinton paused, then revealed why ...": a verb the parse could not label
            continue
        if tok.dep_ == "pobj" and "pcomp" in path and tok.head.dep_ == "prep":
            path.append(tok.dep_)
            tok = tok.head  # "In addition to stating that …, Clinton has vowed": the gerund's phrase, up
            continue
        if path[-2:] == ["pcomp", "prep"] and tok.dep_ in {"dobj", "advmod"} and tok.head.tag_[:2] == "VB":
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner  # "Ruiz abandoned her strategy of attacking him": the strategy's owner
            path.append(tok.dep_)
            tok = tok.head  # "Ruiz has a long history of blaming others": the gerund on the object, up
            continue
        if tok.dep_ not in CLIMB or tok.head.i == tok.i:
            if tok.dep_ != "ROOT":
                return None
            return (
                stray_subject(tok)
                or appositive_name(tok)
                or set_off_subject(tok)
                or adjacent_subject(tok)
                or sibling_subject(tok, verb)
                or leading_clause_subject(tok)
            )
        path.append(tok.dep_)
        tok = across_quote(tok) or tok.head
    return None


def active_conjunct(verb: Token, passive: Token, path: list[str]) -> bool:
    """'Ortiz was joined on stage by Abara and joked …': an active verb joined to a passive one with a subject shares
    that subject, not the 'by' agent."""
    return path[-1:] == ["conj"] and verb.tag_ != "VBN" and any(c.dep_ == "nsubjpass" for c in passive.children)


def set_off_frame(clause: Token, subject: Token) -> bool:
    """'Comey cannot say that “…,” Lewandowski added, saying …': a cue with its own subject set off after a quote or
    a comma is the frame of the words before it, not a clause they report; a participle on it is the frame's."""
    first = subject.left_edge.i
    before = clause.doc[first - 1] if first > 0 else None
    marks = before is not None and (before.text == "," or before.text in QUOTE_CLOSERS)
    return marks and cue_kind(clause.text) == "speech" and first < clause.i


def gerund_in_clause(verb: Token, clause: Token, subject: Token) -> bool:
    """'Trump said the deadlock has kept us safe before claiming that ...': a gerund after a preposition that the
    parse hung on the verb of a reported clause whose subject could not speak; the outer verb's subject does."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.dep_ != "prep" or verb.head.head.i != clause.i:
        return False
    if clause.i >= verb.i or clause.dep_ != "ccomp" or clause.head.i > clause.i:
        return False
    return inanimate(subject) and any(c.dep_ in SUBJ and c.i < clause.i for c in clause.head.children)


SHARE_WORDS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "majorities", "most"}


def share_subject(verb: Token) -> Token | None:
    """'About 4 in 10 say', 'Less than a third agreed': a share opening the clause that the parse hung on the verb
    as a modifier; 'Large majorities of voters going to the polls said': a subject the parse gave to a participle
    it took for a clausal subject. The share (or that subject) speaks."""
    if verb_form(verb) not in {"VBD", "VBZ", "VBP", "MD", "VBN"} or verb.tag_ == "VBG":
        return None
    for c in verb.children:
        if c.i > verb.i:
            break
        if c.dep_ == "csubj" and c.tag_ == "VBG":
            subjects = [s for s in c.children if s.dep_ == "nsubj" and s.i < c.i and s.tag_ in {"NNS", "NNPS", "NN"}]
            return subjects[0] if subjects else None
        share = c.ent_type_ in {"CARDINAL", "PERCENT"} or c.lower_ in SHARE_WORDS
        if c.dep_ in {"nummod", "npadvmod", "advmod"} and share and c.left_edge.i == c.sent.start:
            return c
    return None


def people_named(noun: Token) -> bool:
    """A person ('Donald Trump, who ...') or a people named by nationality or group ('featuring Hispanics telling
    their stories'), as a participle's head: they do what the participle says."""
    return noun.ent_type_ == "PERSON" or (noun.ent_type_ == "NORP" and noun.tag_ in {"NNS", "NNPS"})


# verbs whose subject keeps the deed ('used the comments to urge'), or whose subject speaks through the object
# ('pushed Democrats to reject the deal', 'encouraged his supporters to ask')
SUBJECT_CONTROL = {
    "promise", "vow", "pledge", "threaten", "offer", "use", "join", "spend", "take", "need", "push", "urge", "press",
    "encourage", "ask", "call", "lobby", "implore", "tell", "invite", "challenge", "dare", "pressure", "beg",
}  # fmt: skip
SUBJECT_CONTROL_FORMS = frozenset(f for v in SUBJECT_CONTROL for f in inflect(v))


def object_controller(verb: Token) -> Token | None:
    """'led Priebus to declare', 'prompted Anderson Cooper to accuse', 'will force Sanders to acknowledge': an
    infinitive completing a verb with an object; the object does what the infinitive says (not a thing: 'took
    turns rebutting'; not after a verb whose subject keeps the deed: 'used the comments to urge'; not after a
    cue: 'pushed Democrats to reject the deal' is the pusher's advocacy)."""
    if verb.dep_ != "xcomp" or not infinitive(verb):
        return None
    head = verb.head
    if head.lower_ in SUBJECT_CONTROL_FORMS or cue_kind(head.text) is not None:
        return None
    objs = [c for c in head.children if c.dep_ == "dobj" and head.i < c.i < verb.i]
    if not objs or inanimate(objs[0]) or objs[0].ent_type_ in NOT_SPEAKERS or objs[0].lower_ in {"it", "them"}:
        return None
    return objs[0]


def infinitive_on_phrase(tok: Token) -> Token | None:
    """'went out of his way to say', 'took to the floor of the Senate to warn': an infinitive with no subject
    that the parse hung on the noun of a phrase on a verb; that verb (whose subject speaks). Not on a person
    ('turned to Smith to explain': Smith may be the one who explains)."""
    noun = tok.head
    if tok.dep_ != "relcl" or noun.dep_ != "pobj" or noun.ent_type_ == "PERSON" or noun.tag_ == "PRP":
        return None
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) or any(c.dep_ in SUBJ for c in tok.children):
        return None
    up = noun.head
    while up.dep_ in {"prep", "pobj"} and up.head.i != up.i:
        up = up.head
    return up if up.tag_.startswith("VB") and up.i < tok.i else None


SENDING = {
    "email", "e-mail", "send", "write", "post", "tweet", "issue", "release", "publish", "deliver", "mail", "text",
    "pen", "sign", "circulate", "distribute", "air", "run", "launch", "unveil", "file", "submit", "put",
}  # fmt: skip
SENDING_FORMS = frozenset(f for v in SENDING for f in inflect(v))


# what a speaker delivers: in a phrase on a verb, whoever does that verb delivered it ("in a speech attacking")
DELIVERED = {
    "speech", "speeches", "statement", "op-ed", "interview", "address", "letter", "tweet", "post", "video", "ad",
    "email", "memo", "column", "essay", "editorial", "remarks", "appearance", "sermon", "rally",
}  # fmt: skip


def delivered_after(noun: Token) -> bool:
    """'made comments Tuesday during a speech attacking X': a speech noun in a phrase after a verb, with no owner
    of its own ('in her statement condemning' is hers; a phrase opening the sentence, 'In a statement announcing
    the pick, the union called ...', is left to the statement noun, as annotators mark it)."""
    verb = noun.head.head
    owned = any(c.dep_ == "poss" for c in noun.children)
    return noun.head.dep_ == "prep" and verb.tag_.startswith("VB") and verb.i < noun.i and not owned


def sending_verb(tok: Token) -> Token | None:
    """'emailed supporters saying …', 'issued a statement saying …', 'sent a letter to donors warning …': a
    participle on what a verb of sending sends, or on whom it goes to; that verb (whose subject speaks)."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.i > tok.i:
        return None
    noun = tok.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.tag_.startswith("VB"):
        verb = noun.head.head
    elif noun.dep_ == "pobj" and noun.lower_ in DELIVERED and delivered_after(noun):
        return noun.head.head  # "made comments during a speech attacking X"
    elif noun.dep_ in {"dobj", "dative"} and noun.head.tag_.startswith("VB"):
        verb = noun.head
    else:
        return None
    if noun.ent_type_ == "PERSON" or verb.lower_ not in SENDING_FORMS:
        return None
    return verb


RECEIVING = {"receive", "get", "obtain", "find", "see", "hear", "read", "review", "discover", "uncover"}
RECEIVING_FORMS = frozenset(f for v in RECEIVING for f in inflect(v))
SPEAKING_BODIES = frozenset(SPEAKS_FOR | ORG_HEADS | GROUP_NOUNS)  # "the council", "Her campaign", "Police"


def animate_subject(subject: Token) -> bool:
    """A subject that can speak: a name, a pronoun for people, a person or group ('the council', 'Her campaign');
    not 'it', a date or a place, nor a thing ('The move could avoid …')."""
    if subject.tag_ == "PRP" or subject.ent_type_ in SPEAKER_LABELS or subject.tag_ in {"NNP", "NNPS"}:
        return subject.lower_ not in {"it", "this", "that"} and subject.ent_type_ not in NOT_SPEAKERS
    return subject.tag_ in {"NN", "NNS"} and (not inanimate(subject) or subject.lower_ in SPEAKING_BODIES)


def making_verb(tok: Token) -> Token | None:
    """'The council approved a resolution condemning …', 'Her campaign held a conference call highlighting …': a
    participle on a thing a speaker makes or holds up (the verb's object); that verb, whose subject speaks."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.i > tok.i:
        return None
    noun, verb = tok.head, tok.head.head
    if noun.dep_ != "dobj" or not inanimate(noun) or not verb.tag_.startswith("VB") or verb.i > noun.i:
        return None
    if verb.lower_ in RECEIVING_FORMS:
        return None  # "Police received calls saying …": whoever sent the calls speaks, not who received them
    subject = first_subject(verb)
    return verb if subject is not None and subject.dep_ == "nsubj" and animate_subject(subject) else None


NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC", "FAC"}
VERB_LEFT = {"aux", "auxpass", "neg", "advmod"}


def before_verb_group(verb: Token, start: int = -1) -> int:
    """The index of the token before the verb group (the verb, its auxiliaries, negation and adverbs), or start."""
    doc, i = verb.doc, verb.i - 1
    while i > start and (doc[i].is_space or (doc[i].head.i == verb.i and doc[i].dep_ in VERB_LEFT)):
        i -= 1
    return i


def adjacent_subject(verb: Token) -> Token | None:
    """'… and NBC News will accuse you' / '“Cruz,” Beck joked': a name right before a verb with no subject,
    which the parse hung elsewhere (a conjunct of the object before, a compound of the verb)."""
    if not verb.tag_.startswith("VB"):
        return None
    doc, i = verb.doc, before_verb_group(verb)
    if i > 0 and doc[i].text == ")":  # "Sen. Lindsey Graham (R-SC) called out"
        opening = next((j for j in range(i - 1, max(-1, i - 8), -1) if doc[j].text == "("), None)
        i = opening - 1 if opening is not None else i
    elif i > 0 and doc[i].text == "," and doc[i].head.i == verb.i:
        i -= 1  # "the campaign chief, Paul Manafort, bluntly suggested"
        if doc[i].dep_ != "appos":
            return None
    if i < 0 or doc[i].tag_ not in {"NNP", "NNPS"}:
        return None
    tok = doc[i]
    if tok.head.i == verb.i and tok.dep_ == "compound" and tok.ent_type_ not in NOT_SPEAKERS:
        return tok  # '“…,” Conway notes': a name the parse compounded on the verb
    if tok.ent_type_ not in SPEAKER_LABELS:
        return None
    if tok.head.i == verb.i and tok.dep_ in {"compound", "npadvmod", "nmod", "dep"}:
        return tok
    if tok.dep_ == "conj" and tok.head.i < tok.i and verb.dep_ == "conj" and tok.head.i > verb.head.i:
        return tok  # the conjunct of the first verb's object, not of its subject
    last = i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I"
    if tok.ent_type_ == "PERSON" and last and verb_form(verb) in {"VBD", "VBZ", "VBP", "MD"}:
        return tok  # "At the event in Ohio, 62-year-old Brenda Johnson also railed": a name hung on the place
    return None


SET_OFF_MARKS = {",": {","}, "-": {"-", "—", "–"}, "—": {"-", "—", "–"}, "–": {"-", "—", "–"}}


def set_off_subject(verb: Token) -> Token | None:
    """'Mr. Trump, asked about the deaths, had said' / 'Mr. Bush - in a line aimed at Trump - declared': a
    name before a set-off phrase that the parse took into that phrase, leaving the verb without subject."""
    if verb_form(verb) not in {"VBD", "VBZ", "VBP", "MD"}:
        return None  # "In Paris, Hollande said Monday, noting …": a participle has the main verb's subject
    doc, start = verb.doc, verb.sent.start
    i = before_verb_group(verb, start)
    marks = SET_OFF_MARKS.get(doc[i].text)
    if marks is None:
        return None
    j = i - 1
    while j > max(start, i - 40) and doc[j].text not in marks and doc[j].text not in QUOTE_MARKS:
        j -= 1
    k = j - 1
    while k >= start and doc[k].is_space:
        k -= 1
    if j <= start or k < start or doc[j].text not in marks or i - j < 3:
        return None  # "…, retired in Cambridge, Mass., said": a place's state is no set-off phrase
    tok = doc[k]
    named = tok.ent_type_ in SPEAKER_LABELS - {"GPE"} or (not tok.ent_type_ and tok.text[:1].isupper())
    named = named or (tok.ent_type_ == "GPE" and described_place(tok, doc[j + 1]))
    if (tok.tag_ in {"NNP", "NNPS"} and named) or tok.lower_ in {"he", "she"}:
        return tok
    return None


def described_place(tok: Token, first: Token) -> bool:
    """'Texas, leading a coalition of states, asked' / 'Tanden, head of the center, recounted': a place name (or
    a name the NER took for one) set off by a participle or a description, not by another place ('Ohio, USA')."""
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if before is not None and before.text not in {",", "And", "and"} and not before.is_space:
        return False
    return first.tag_ in {"VBG", "VBN", "DT", "NN"} and not first.ent_type_


def sibling_subject(root: Token, verb: Token) -> Token | None:
    """'Hastily politicizing the tragedy, Trump cast the blame …, and emphasized': a verb conjoined to a root
    with no subject shares the subject of the conjunct before it."""
    if verb.dep_ != "conj" or verb.head.i != root.i:
        return None
    for conj in sorted((c for c in root.children if c.dep_ == "conj" and c.i < verb.i), key=lambda c: -c.i):
        subject = first_subject(conj)
        if subject is not None:
            return subject
    return None


INVERTING = {
    "say", "add", "write", "tell", "ask", "note", "explain", "continue", "recall", "warn", "reply", "respond",
    "insist", "argue", "declare", "announce", "claim", "joke", "quip", "concede", "admit", "complain", "observe",
    "remark", "suggest", "report", "state", "conclude", "predict", "acknowledge", "agree", "counter",
}  # fmt: skip
INVERTING_FORMS = frozenset(f for v in INVERTING for f in inflect(v))


def leading_clause_subject(root: Token) -> Token | None:
    """'Kasich offered the man a job, then says he’ll welcome advice' / 'Pastor Cranston stood at his pulpit
    and … endorsed Cruz': a root with no subject after a clause the parse took for its complement; the
    subject of that clause speaks. Not for an inverted frame ('Rates will rise, said the bank')."""
    after = any(c.dep_ in {"ccomp", "xcomp"} and c.i > root.i for c in root.children)
    if root.lower_ in INVERTING_FORMS and not after:
        return None
    doc = root.doc
    for clause in (c for c in root.children if c.dep_ == "ccomp" and c.i < root.i):
        if any(t.text in QUOTE_MARKS for t in doc[clause.left_edge.i : root.i]):
            return None
        subjects = [c for c in clause.children if c.dep_ in SUBJ and c.i < clause.i]
        if subjects and subjects[0].tag_ not in NON_SPEAKER_TAGS and subjects[0].lower_ != "it":
            return subjects[0]
    return None


def appositive_name(verb: Token) -> Token | None:
    """'At Boca West, …, Jay DiPietro, the club's president and general manager, suggested': a parse that hangs
    the subject on the phrase before it, with a long description; the name up the chain of descriptions speaks."""
    i = verb.i - 1
    while i > 0 and verb.doc[i].text == ",":
        i -= 1
    tok = prev = verb.doc[i]
    for _ in range(4):
        if tok.dep_ not in {"appos", "conj"} or tok.head.i >= tok.i or tok.tag_ not in {"NN", "NNP", "NNS", "NNPS"}:
            return None
        if tok.dep_ == "appos" and tok.ent_type_ == "PERSON" and tok is not prev:
            return tok
        tok = tok.head
    return None


def loose_verb(tok: Token) -> bool:
    """A verb hung on an earlier verb with the parser's catch-all label ('Mr. Bush, channeling his roots,
    responded by saying'): it shares that verb's subject."""
    return tok.dep_ == "dep" and tok.tag_.startswith("VB") and tok.head.tag_.startswith("VB") and tok.head.i < tok.i


QUOTE_OPENERS = {"“", '"', "``", "''", "‘"}


def across_quote(tok: Token) -> Token | None:
    """'Ruiz seemed ready, telling the crowd, “Some people get carried away”': a parse that hangs the participle
    on a verb inside the quote after it; the sentence's main verb before it instead (None when no slip)."""
    root = tok.sent.root
    if tok.head.i <= tok.i or root.i >= tok.i or not any(t.text in QUOTE_OPENERS for t in tok.doc[tok.i : tok.head.i]):
        return None
    return root


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ers", "ors", "ists", "ians", "ants", "ents", "people")


def inanimate(tok: Token) -> bool:
    """A common noun naming no one ('the slumping economy', 'a database'), not 'voters', 'the president'."""
    low = tok.lower_
    return (
        tok.tag_ in {"NN", "NNS"}
        and not tok.ent_type_
        and low not in ROLE_HEADS
        and low.rstrip("s") not in ROLE_HEADS
        and not low.endswith(PERSON_SUFFIXES)
    )


def reported_clause_subject(verb: Token, clause: Token, subject: Token) -> bool:
    """Whether a subject found by climbing from a cue belongs to a clause that is itself reported content
    (a `ccomp` of an outer verb with its own subject), and the cue hangs there by a parse slip: a participle
    ('Trump argued that a database would keep people out, saying ...') or a verb whose subject could not
    speak ('Mr. Putin forecast that the economy would rebound and praised ...')."""
    if clause.i >= verb.i or clause.dep_ != "ccomp" or clause.head.i > clause.i:
        return False  # the outer verb comes first: "X argued that ... , saying", not "telling them, “A said ...”"
    if not any(c.dep_ in SUBJ and c.i < clause.i for c in clause.head.children):
        return False
    first = verb
    while first.head.i not in {clause.i, first.i}:
        first = first.head
    participle = verb.tag_ == "VBG" and verb.dep_ == "advcl" and first.i == verb.i
    return participle or (first.dep_ in {"conj", "advcl"} and inanimate(subject))


def verb_form(verb: Token) -> str:
    """The finite form of a verb group: its own tag when finite, else its first auxiliary's ('did suggest' ->
    VBD, 'would offer' -> MD), else its own tag ('questioning' -> VBG)."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return verb.tag_
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    if aux:
        return "TO" if aux[0].lower_ == "to" else aux[0].tag_
    return verb.tag_


def conjunct_outside_clause(verb: Token) -> Token | None:
    """A conjoined verb the parse hangs on a verb inside a reported clause although its form matches a verb
    outside it ('Farage said the President did not know ..., and accused', 'telling CNN that Trump is a
    faker and questioning'): that outer verb, whose subject speaks; None when the forms agree."""
    if verb.dep_ != "conj" or verb_form(verb) == verb_form(verb.head):
        return None
    form, tok, crossed = verb_form(verb), verb.head, False
    finite = form in {"VBD", "VBZ"}  # 'ran on his ability to jolt the recovery and accused': past a noun's infinitive
    for _ in range(4):
        crossed = crossed or tok.dep_ == "ccomp" or (finite and tok.dep_ == "acl" and verb_form(tok) == "TO")
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if crossed and tok.tag_.startswith("VB") and verb_form(tok) == form and tok.i < verb.i:
            return tok
    return None


def parallel_cue(verb: Token) -> Token | None:
    """'She is noting the problems Sanders had answering questions and saying he could not answer', 'Farage said
    the President did not know ..., and accused': a conjoined cue the parse hangs on a verb that reports nothing
    inside a reported clause, where a cue of the same form stands outside it; that cue, whose subject speaks."""
    if verb.dep_ != "conj" or cue_kind(verb.text) != "speech" or cue_kind(verb.head.text) is not None:
        return None
    tok, crossed = verb.head, False
    for _ in range(6):
        crossed = crossed or tok.dep_ == "ccomp"
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if crossed and tok.tag_ == verb.tag_ and tok.i < verb.i and cue_kind(tok.text) == "speech":
            return tok
    return None


def stray_subject(verb: Token) -> Token | None:
    """'In a statement to the Observer, her adviser, Jake Sullivan, said': a parse that hangs the subject
    as an appositive on the phrase before it; the noun right before the verb speaks."""
    i = verb.i - 1
    while i > 0 and verb.doc[i].text == ",":
        i -= 1
    prev = verb.doc[i]
    if prev.dep_ == "appos" and prev.tag_ in {"NN", "NNP", "NNS", "NNPS"} and prev.head.i < i:
        return prev
    return inverted_subject(verb) or opening_participle_subject(verb)


def opening_participle_subject(verb: Token) -> Token | None:
    """'Reyes stated that the report was bad. Adding, “…”': a participle that opens a sentence of its own
    continues the previous sentence; that sentence's main subject speaks."""
    start = verb.sent.start
    if verb.tag_ != "VBG" or start == 0 or any(not (t.is_punct or t.is_space) for t in verb.doc[start : verb.i]):
        return None
    prev = verb.doc[start - 1].sent.root
    subjects = [c for c in prev.children if c.dep_ in SUBJ and c.tag_ not in {"WP", "WDT", "EX"}]
    return subjects[0] if subjects and prev.tag_.startswith("VB") else None


QUOTE_CLOSERS = {"”", '"', "''", "’", "'"}
NOUN_RUN = {"DT", "NNP", "NNPS", "NN", "NNS", "JJ", "HYPH", "NFP", "CD", "POS", "PRP$"}
NOUN_RUN_OR_PRONOUN = NOUN_RUN | {"PRP"}
SUBJECT_RUN = NOUN_RUN_OR_PRONOUN | {"IN"}  # a subject's words: "the head of the union"


def inverted_subject(verb: Token) -> Token | None:
    """'“We tried,” recalled Mr. Rhodes' / 'said Robin Maynard, half joking': a verb right after a closing
    quote with no subject of its own; the noun phrase after it speaks (the parse calls it an object)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    if i < 0 or doc[i].text not in QUOTE_CLOSERS or any(c.dep_ in SUBJ for c in verb.children):
        return None
    head: Token | None = None
    for tok in doc[verb.i + 1 : verb.i + 8]:
        if tok.i == verb.i + 1 and tok.tag_ == "RB" and tok.text[:1].isupper() and tok.is_alpha:
            head = tok  # '“…,” said Skelly, explaining': a surname tagged as an adverb
            continue
        if tok.tag_ not in NOUN_RUN and not (tok.text == "." and tok.i > verb.i + 1 and doc[tok.i - 1].tag_ == "NNP"):
            break
        if tok.tag_ in {"NN", "NNS", "NNP", "NNPS"}:
            head = tok
    if head is None or head.ent_type_ in {"DATE", "TIME"} or head.lower_ in {"today", "yesterday", "tonight"}:
        return None
    return head


PLACE_LABELS = {"GPE", "LOC", "FAC", "DATE", "TIME"}


def mention_span(head: Token) -> Span:
    """The speaker mention as written: the subject's subtree up to a relative clause or a comma."""
    doc = head.doc
    left = head.left_edge.i
    if head.ent_type_ == "PERSON":  # "in St. Clairsville, Ohio, 62-year-old Brenda Lane": places hung on a name
        name_start = head.i
        while name_start > left and doc[name_start].ent_iob_ == "I":
            name_start -= 1
        places = [t.i + 1 for t in doc[left:name_start] if t.text == "," and doc[t.i - 1].ent_type_ in PLACE_LABELS]
        left = max([left, *places])
    right = head.i
    own = {t.i for t in head.subtree}
    for t in doc[head.i + 1 : head.right_edge.i + 1]:
        if t.i not in own:
            break  # a crossing parse ('The mayor criticised the delays, the costs': 'costs' hung on 'mayor')
        dash = t.text == "-" and bool(t.whitespace_) and t.i > 0 and bool(doc[t.i - 1].whitespace_)  # "Mr. Bush - in"
        if t.dep_ in {"relcl", "acl"} or t.text in {"(", "—", "–"} or dash or t.tag_ in {"WP", "WDT", "WP$"}:
            break
        right = t.i
    span = doc[left : right + 1]
    while len(span) > 1 and (span[-1].is_punct or (span[-1].dep_ in {"cc", "case"} and span[-1].text in {",", "and"})):
        span = doc[span.start : span.end - 1]
    while len(span) > 1 and span[0].is_punct:
        span = doc[span.start + 1 : span.end]
    return span


TIME_MARKS = {"as", "while", "when", "after", "before", "until", "once"}  # adverbial-clause openers of time
SETTING_MARKS = TIME_MARKS | {"whenever"}


def is_setting_clause(verb: Token, clause: Token) -> bool:
    """'“...,” Spencer said, as the fighters worked out': a clause after the cue, set off by a comma and
    opened by 'as', 'while', 'when' ..., tells the scene of the saying; the parse may still call it a ccomp."""
    first = clause.left_edge
    if clause.i < verb.i or first.i == 0 or clause.doc[first.i - 1].text != ",":
        return False
    return first.dep_ == "mark" and first.head.i == clause.i and first.text.lower() in SETTING_MARKS


CONCESSIVE = {"though", "although", "whereas", "while"}


def has_cue_verb(toks: Iterable[Token]) -> bool:
    """Whether words (a clause's subtree) hold a cue verb of their own ('while Jones argues that ...' is its
    own report)."""
    return any(t.tag_.startswith("VB") and cue_kind(t.text) is not None for t in toks)


def drop_concession(clause: Token, toks: list[Token]) -> list[Token]:
    """'that the pier would reopen – even though the board voted against it': the writer's aside, set off
    by a dash at the end of the reported clause (after a comma only when it holds a report of its own)."""
    for c in clause.children:
        if c.dep_ != "advcl" or c.i < clause.i or c.right_edge.i < max(t.i for t in toks):
            continue
        marks = [m for m in c.children if m.dep_ == "mark" and m.text.lower() in CONCESSIVE]
        first = c.left_edge
        prev = clause.doc[first.i - 1] if first.i > 0 else None
        if marks and prev is not None and prev.text in SET_OFF and prev.i > min(t.i for t in toks):
            if prev.text == "," and not has_cue_verb(c.subtree):
                continue  # 'that Smith won 46 percent, while Jones won 38' / ', although ...': still what was said
            return [t for t in toks if t.i < prev.i]
    return toks


SET_OFF = {",", "—", "–"}
LEAD_DISCOURSE = {"but", "and", "still", "yet", "so", "however", "now", "also", "indeed"}


AS_FRAMES = {
    "say", "note", "report", "write", "point", "explain", "predict", "warn", "argue", "observe", "suggest",
    "claim", "mention", "recall", "add", "reveal", "acknowledge", "insist", "declare", "remark", "tweet",
}  # fmt: skip


def as_frame_content(verb: Token, kind: CueKind) -> list[Token]:
    """'As the mayor noted, the pier is closed' / 'the pier is closed, as the mayor noted': the clause the
    'as' frame is set off from is what was said."""
    if kind != "speech" or verb.dep_ != "advcl" or verb.head.i == verb.i:
        return []
    if not any(c.dep_ == "mark" and c.text.lower() == "as" and c.i < verb.i for c in verb.children):
        return []
    if base_form(verb.text) not in AS_FRAMES or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
        return []  # 'as she spoke, ...' tells when; 'as he told reporters that ...' has its own content
    frame = {t.i for t in verb.subtree if not t.is_punct}  # the parse may hang the frame's comma on the cue
    lo, hi = min(frame), max(frame)
    doc = verb.doc
    if verb.i < verb.head.i:
        if hi + 1 >= len(doc) or doc[hi + 1].text != ",":
            return []
        toks = [t for t in verb.head.subtree if t.i > hi + 1]
    else:
        if lo == 0 or doc[lo - 1].text != ",":
            return []
        toks = [t for t in verb.head.subtree if t.i < lo - 1]
        while toks and (toks[0].is_punct or toks[0].text.lower() in LEAD_DISCOURSE):
            toks = toks[1:]
    toks = [t for t in toks if not t.is_space]
    return toks if len([t for t in toks if not t.is_punct]) >= 3 else []


def parenthetical_content(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """'The golf industry, she said, is doing better': a cue set off by commas inside the clause it reports.

    The content is the host clause without the frame; a leading 'But' or 'Still' stays outside.
    """
    if kind != "speech" or verb.dep_ not in {"parataxis", "ccomp"} or subject is None or subject.head.i != verb.i:
        return []
    doc, head = verb.doc, verb.head
    left = min(subject.left_edge.i, verb.i)
    right = max(t.i for t in verb.subtree if not t.is_punct and t.i >= verb.i)
    if left == 0 or right + 1 >= len(doc) or doc[left - 1].text not in SET_OFF or doc[right + 1].text not in SET_OFF:
        return []
    frame = set(range(left - 1, right + 2))  # words the parse hung on the cue before the frame stay content
    host = [t for t in head.subtree if t.i not in frame]
    after = [t for t in host if t.i > right + 1 and not t.is_punct and not t.is_space]
    before = [t for t in host if t.i < left - 1]
    last = max((t.i for t in verb.sent if not (t.is_punct or t.is_space)), default=-1)
    if not before and after and after[-1].i == last:
        # '… - all of whom, she explained, needed a loan': the host's subject the parse hung elsewhere
        before = stray_host_subject(doc, left - 1)
        host = before + [t for t in host if t.i > right + 1]
    if len(after) < 2 or not before:
        return []
    while before and (before[0].is_punct or before[0].text.lower() in LEAD_DISCOURSE):
        before = before[1:]
    if not before:
        return after
    return [t for t in host if t.i >= before[0].i]


HOST_BREAKS = {"-", "—", "–", "--", ";", ":"}


def stray_host_subject(doc: Doc, comma: int) -> list[Token]:
    """'… in the markets of Lagos - all of whom, she explained, needed a loan': the words before a set-off
    frame that the parse hung outside the host clause, back to a dash, colon or semicolon opening that
    clause (or the sentence start); a few words and no verb of their own, else none."""
    sent = doc[comma].sent
    i = comma - 1
    while i >= sent.start and doc[i].text not in HOST_BREAKS and comma - i <= 6:
        i -= 1
    words = [t for t in doc[i + 1 : comma] if not t.is_space]
    if not words or comma - i > 6 or (i >= sent.start and doc[i].text not in HOST_BREAKS):
        return []
    if any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in words):
        return []
    return words


def clause_after_listener(verb: Token) -> list[Token]:
    """'Trump told The Post he was not there yet': a clause right after 'told X' that the parse hung elsewhere."""
    doc = verb.doc
    nxt = verb.right_edge.i + 1
    if nxt >= len(doc) or doc[nxt].dep_ not in SUBJ or not any(c.dep_ == "dobj" for c in verb.children):
        return []
    clause = doc[nxt].head
    ancestors = {a.i for a in verb.ancestors}
    if clause.i <= nxt or not (clause.i in ancestors or clause.head.i in ancestors | {verb.head.i}):
        return []
    return [t for t in clause.subtree if t.i >= nxt]


TOLD_THINGS = {"question", "questions", "story", "stories", "truth", "lie", "lies", "joke", "jokes"}


def is_bare_question(verb: Token, obj: Token) -> bool:
    """'asked a question' with nothing said about what: the act, not its content."""
    about = any(c.dep_ in {"prep", "acl", "relcl"} for c in obj.children)
    bare = obj.text.lower() in {"question", "questions"} and not about
    return bare and base_form(verb.text) == "ask"


def is_listener(obj: Token) -> bool:
    """'told reporters', 'asked the students' name who heard; 'asked whether ...', 'asked a question about' do not."""
    return not obj.tag_.startswith("VB") and obj.text.lower() not in TOLD_THINGS


VENUE_ENTS = {"ORG", "WORK_OF_ART", "FAC"}
VENUES = {"television", "tv", "radio", "show", "network", "program", "programme", "podcast", "air", "camera",
          "twitter", "facebook", "instagram", "stage", "floor", "interview", "statement", "phone", "call"}  # fmt: skip


def names_a_venue(obj: Token) -> bool:
    """'spoke on CNN’s “State of the Union”', 'said in a statement': where it was said, not what."""
    if obj.text.lower() in VENUES or obj.ent_type_ in VENUE_ENTS:
        return True
    return any(t.text in QUOTE_MARKS for t in obj.subtree)


# where or when something was said, hung on the cue: "endorsed him at a rally", "thanked them after the vote"
OCCASION_PREPS = {"at", "during", "after", "before", "amid", "throughout", "since", "until", "following", "while"}
OCCASIONS = {
    "rally", "rallies", "conference", "interview", "trail", "speech", "debate", "event", "meeting", "hearing",
    "visit", "stop", "tour", "appearance", "dinner", "breakfast", "luncheon", "forum", "summit", "briefing",
}  # fmt: skip


def names_an_occasion(prep: Token, obj: Token) -> bool:
    """'at a news conference', 'on the campaign trail', 'on Fox': the setting of the cue, not its object's."""
    if names_a_venue(obj) or prep.text.lower() in OCCASION_PREPS:
        return True
    return obj.text.lower() in OCCASIONS or obj.ent_type_ == "EVENT"


ADDRESSED_PREPS = {"to", "for", "by", "against", "toward", "towards"}
AMOUNTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
TALLIES = {"count", "tally", "estimate", "estimates", "account", "accounts", "measure", "calculation", "calculations"}


def sets_the_scene(prep: Token, obj: Token) -> bool:
    """'endorsed him at a rally', 'said on CNN': a phrase after the object naming where it was said; not
    'tweeted congratulations to Sanders', 'discuss directives to the Pentagon': after 'to', 'for' or 'by' an
    organisation's name (or a name the parse took for one) is whom the object concerns ('by the AP's count'
    still tells whose tally it is)."""
    if prep.lower_ in ADDRESSED_PREPS and obj.lower_ in TALLIES:
        return True
    if prep.lower_ == "at" and obj.ent_type_ in AMOUNTS:
        return False  # 'estimates his fortune at about $4 billion': the amount is what was estimated, not where
    if prep.lower_ in ADDRESSED_PREPS and obj.lower_ not in VENUES | OCCASIONS:
        return False
    return names_an_occasion(prep, obj)


def before_participle(toks: list[Token]) -> list[Token]:
    """'reaffirmed their opposition to Trump, underscoring party divisions': a participle after a comma that the
    parse hung on the phrase's last noun is the writer's reading of the act, not part of the phrase."""
    for k, t in enumerate(toks[1:], start=1):
        if toks[k - 1].text == "," and t.tag_ == "VBG" and t.dep_ in {"conj", "acl", "advcl"}:
            return toks[: k - 1]
    return toks


def content_tokens(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """The tokens of what a cue verb reports, within the cue's own clause of the sentence."""
    return with_more_infinitives(
        verb, through_last_conjunct(after_semicolon(verb, clause_content(verb, kind, subject)))
    )


def with_more_infinitives(verb: Token, toks: list[Token]) -> list[Token]:
    """'pledged to cut fees, fix the roads and raise pay' / 'urged the board to act, replace its chair, and
    open its books': content ending on an infinitive goes on over the bare verbs coordinated with it, which the
    parse hung on the cue (not after a bare cue, 'to urge them to act and hold ...', where they may be its own)."""
    if not toks or (verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in verb.children)):
        return toks  # 'do want the platform to ...' is finite
    doc = verb.doc
    end = max(t.i for t in toks)
    keep = {t.i for t in toks}
    infinitive = any(
        t.lower_ == "to" and t.dep_ == "aux" and t.head.i in keep and t.head.right_edge.i == end for t in toks
    )
    if not infinitive:
        return toks
    out = list(toks)
    k, stop = end + 1, verb.sent.end
    while k < stop:
        j = k
        while j < stop and (doc[j].text == "," or doc[j].dep_ == "cc"):
            j += 1
        joined = j > k or doc[k - 1].text == "," or doc[k - 1].dep_ == "cc"  # the parse may keep the comma
        if not joined or j >= stop:
            break
        j = verb_after_adverbial(doc[j]).i
        if not bare_verb(doc[j]):
            break
        last = min(doc[j].right_edge.i, stop - 1)
        for c in doc[j].children:  # '..., fix the roads and he pledged ...': a clause with a subject is not
            if c.i > j and any(x.dep_ in SUBJ for x in c.children):
                last = min(last, c.left_edge.i - 1)
        while last > j and (doc[last].is_punct or doc[last].dep_ == "cc"):
            last -= 1
        if last <= j:
            break  # a bare verb whose words are a clause of their own ('let | me tell you'): no list goes on
        out.extend(doc[k : last + 1])
        if last < doc[j].right_edge.i:
            break
        k = last + 1
    return out


def verb_after_adverbial(tok: Token) -> Token:
    """'vowed to reach and in some cases exceed the goals', 'to reach and possibly pass': an adverbial
    opening the next conjunct belongs to the verb it leads to, which is where that conjunct's words start."""
    head = tok.head
    if tok.dep_ in {"advmod", "prep"} and head.i > tok.i and head.left_edge.i == tok.i:
        return head
    return tok


def bare_verb(tok: Token) -> bool:
    """A verb in its bare form with no subject of its own ('exceed', which the tagger may read as a present), not
    a clause of its own ('and then the council will vote': a subject of its own; 'and then would continue' shares
    the speaker's)."""
    if any(c.dep_ in SUBJ for c in tok.children):
        return False
    return tok.tag_ in {"VB", "VBP"}


def through_last_conjunct(toks: list[Token]) -> list[Token]:
    """'discussed the violence at the rallies and | protesters have clashed with ...': content ending on a
    conjunction runs on to the end of the conjunct the parse hung elsewhere (its clause, or the cue's)."""
    if not toks:
        return toks
    last = max(toks, key=lambda t: t.i)
    if last.dep_ != "cc":
        return toks
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].is_punct or doc[last.i + 1].is_space:
        return [t for t in toks if t.i != last.i]
    node = doc[last.i + 1]  # the largest phrase that starts right after the conjunction
    while node.head.i != node.i and node.head.left_edge.i > last.i:
        node = node.head
    more = list(doc[last.i + 1 : node.right_edge.i + 1])
    more = more[: next((k for k, t in enumerate(more) if t.text == ","), len(more))]  # not a caption after it
    if has_cue_verb(more):
        return [t for t in toks if t.i != last.i]  # '..., and suggesting that ...': the next report
    return [*toks, *more]


CLAUSE_BREAKS = {";", "—", "–"}


def after_semicolon(verb: Token, toks: list[Token]) -> list[Token]:
    """'The story never ran; my editor argued it was too kind' / '... since she won — the actress also noted
    that ...': the parse may hang a clause before a semicolon or a dash on the cue, but the mark closes what came
    before; what was said starts after it."""
    if not toks:
        return toks
    semis = [t.i for t in verb.doc[min(t.i for t in toks) : verb.i] if t.text in CLAUSE_BREAKS]
    rest = [t for t in toks if t.i > max(semis)] if semis else toks
    return rest or toks


def closed_before(clause: Token, verb: Token) -> bool:
    """'Even its backers sounded unsure: Ana Ruiz called it “the least bad option.”': a clause before the cue that a
    colon or a semicolon closes is the writer's lead-in, not what the cue reports."""
    return clause.i < verb.i and any(t.text in {":", ";"} for t in verb.doc[clause.right_edge.i + 1 : verb.i])


# verbs whose bare object is who was addressed: '“The dam will fail,” Ruiz warned the council'
ADDRESSEES = LISTENER_VERBS | {f for v in ["warn", "caution", "urge", "advise", "promise"] for f in inflect(v)}


OWN_PHRASES = PHRASAL_PAIRS | {("for", "call")}  # a preposition that makes the cue: 'pointed to', 'called for'


def next_to_cue(verb: Token, comp: Token) -> bool:
    """'defended her plan', 'urged the board to act': nothing but adverbs and the cue's object stand between the cue
    and the complement; not '…, Lee said during his speech to be a delegate' (the infinitive is the noun's) nor
    '…, members said: the surplus, the vote' (a list after the frame's colon)."""
    objects = {t.i for c in verb.children if c.dep_ in {"dobj", "advmod", "neg"} for t in c.subtree}
    return all(i in objects for i in range(verb.i + 1, comp.left_edge.i))


def inverted(clause: Token) -> bool:
    """'can you believe it': an auxiliary before the clause's own subject, a question set off as an aside."""
    aux = [c.i for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    subj = [c.i for c in clause.children if c.dep_ in SUBJ]
    return bool(aux and subj) and min(aux) < min(subj)


def comma_frame(clause: Token, verb: Token) -> bool:
    """'The ferry will run by June, Ruiz wrote the committee.': a sentence-opening clause (no 'as/while' of its
    own, no question set off as an aside) with only a comma and the cue's subject between it and the cue is what
    the cue reports, whatever the cue's object."""
    subject = first_subject(verb)
    if subject is None or any(c.dep_ == "mark" for c in clause.children) or inverted(clause):
        return False
    doc = verb.doc
    gap = doc[clause.right_edge.i + 1 : subject.left_edge.i]
    opens = all(t.is_punct or t.is_space for t in doc[clause.sent.start : clause.left_edge.i])
    first = clause.left_edge
    if not opens or first.tag_ in {"IN", "WRB"} or any(t.text in {";", ":"} for t in clause.subtree):
        return False  # 'While populists blame …, Lee points to …' (the parse left the 'while' off the clause)
    return [t.text for t in gap] == [","] and subject.right_edge.i + 1 == verb.i


def own_complement_after(verb: Token) -> bool:
    """'Only last month, can you believe it, the mayor defended her decision' / 'We have been here before: bin
    Laden declared war on …': a thing named as the cue's object, or an infinitive after it, is what it reports,
    so a clause the parse hung before the cue is not; an addressee of a listener verb ('…, she told reporters',
    '…, he warned the council') or a time ('…, he said Monday') is no such object, and a plain clause right
    before a comma frame is reported whatever the object (comma_frame, checked by the caller)."""
    return any(
        c.i > verb.i
        and (
            (c.dep_ == "xcomp" and cue_kind(c.lower_) is None)  # not '“Why?” he wanted to know'
            or (c.dep_ == "dobj" and inanimate(c) and c.ent_type_ not in TIME_LABELS and verb.lower_ not in ADDRESSEES)
            or (c.dep_ == "prep" and (c.lower_, base_form(verb.text)) in OWN_PHRASES)  # 'pointed to the port'
        )
        and next_to_cue(verb, c)  # not 'X, members said: the surplus, …', a list after the frame's colon
        for c in verb.children
    )


def clause_content(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """The tokens of what a cue verb reports: its clause, else (speech) its nominal complements."""
    # a relative clause's antecedent is the subject, and its subtree holds the cue itself ("an anchor
    # who questioned his respect"): only the words outside the cue's own subtree are the speaker's
    avoid = set(subject.subtree) - set(verb.subtree) if subject is not None else set()
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c not in avoid and not is_setting_clause(verb, c)]
    if any(c.i > verb.i for c in clauses):
        clauses = [c for c in clauses if c.i > verb.i]  # 'Kasich offered him a job, then says he will ...'
    clauses = [c for c in clauses if not (kind == "speech" and closed_before(c, verb))]
    if clauses and all(c.i < verb.i and not comma_frame(c, verb) for c in clauses) and own_complement_after(verb):
        clauses = []  # 'can you believe it, the mayor defended her decision': an aside
    if clauses:
        toks = drop_concession(clauses[-1], [t for c in clauses for t in c.subtree])
        toks = with_object_subject(verb, clauses[-1], toks)
        return across_frame(verb, drop_next_report(with_contrast(verb, with_trailing_reason(verb, toks))))
    inset = parenthetical_content(verb, kind, subject) or as_frame_content(verb, kind)
    if inset:
        return inset
    if verb.dep_ in {"parataxis", "ccomp"} and verb.i > verb.head.i and subject is not None:
        # "Russia is ready, Lavrov said": the parse hangs the cue under the reported clause, set off by
        # a comma and closing the sentence
        first = verb.left_edge  # the parse may hang the frame's opening comma on the cue
        before = first if first.text in SET_OFF and first.i < verb.i else verb.doc[first.i - 1] if first.i else None
        after = verb.doc[verb.right_edge.i + 1] if verb.right_edge.i + 1 < len(verb.doc) else None
        closes = after is None or (after.is_punct and after.text in {".", "!", "?", ";"}) or after.is_space
        if kind == "speech" and before is not None and before.text in {",", "—", "–"} and closes:
            return across_frame(verb, [t for t in verb.head.subtree if t.i < before.i])
        return []
    answer = short_answer(verb, kind)
    if answer:
        return answer
    if verb.text.lower() in CLAUSE_ONLY:
        # "pledged to oppose ...": an infinitive is what was promised, an object is not ("posted a video")
        if base_form(verb.text) in INFINITIVE_CONTENT:
            promised = [t for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i for t in c.subtree]
            return with_trailing_reason(verb, promised) if promised else []
        return []
    wanted = NOMINAL_CONTENT if kind == "speech" else set()  # an attitude is a statement only with a clause
    if (
        kind == "belief"
        and any(c.dep_ == "prep" and c.text.lower() == "as" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)  # not the passive "is viewed as honest" (a poll figure)
    ):
        wanted = {"dobj", "prep"}  # "Moscow sees the supply of aircraft as a signal"
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    verb_base = base_form(verb.text)
    out: list[Token] = []
    for c in verb.children:
        if c.i < verb.i or c in avoid:
            continue
        if c.dep_ in {"dobj", "npadvmod"} and (c.ent_type_ in TIME_LABELS or is_bare_question(verb, c)):
            continue  # "promised Sunday", "asked a question": when, or the act itself, not what was said
        if c.dep_ in wanted and not (c.dep_ == "dative" and any(x.dep_ in NOMINAL_CONTENT for x in verb.children)):
            listener = c.dep_ in {"dobj", "dative"} and verb.text.lower() in LISTENER_VERBS and is_listener(c)
            if listener and not asked_to_act(verb, c):
                continue  # "told Smith", "assured donors": the listener, not the content ("asked X to act" is)
            out.extend(c.subtree)
        elif c.dep_ == "prt" and (objs := [x for x in c.children if x.dep_ == "pobj"]) and asked_to_act(verb, objs[0]):
            out.extend(objs[0].subtree)  # "calling on countries to help": the parse took 'on' for a particle
        elif c.dep_ == "prep" and (kind == "speech" or "prep" in wanted):
            prep = c.text.lower()
            objs = [x for x in c.children if x.dep_ in {"pobj", "pcomp"}]
            if not objs or objs[0].ent_type_ in TIME_LABELS:
                continue
            if prep in {"on", "in"} and names_a_venue(objs[0]) and not asked_to_act(verb, objs[0]):
                continue  # "said on CNN"; not "called on FEMA to review the pipes"
            if verb_base == "speak" and prep in {"on", "over", "against"}:
                continue  # "spoke on Fox", "speaking on his behalf", "spoke over boos": where or how, not what
            phrasal = prep in PHRASAL_PREPS or (prep, verb_base) in PHRASAL_PAIRS
            if cue_adjacent(verb, c) and not has_object and phrasal:
                out.extend(t for x in objs for t in x.subtree)  # "called for | a ban": the preposition is cue
            elif set_off_with(c):
                continue
            elif prep in OBJECT_PREPS or (prep == "with" and has_object) or (prep == "about" and not has_object):
                out.extend(topic_phrase(c, objs, out))  # "accused Trump of lying", "spoke at length about the deal"
            elif out and c.left_edge.i == max(t.i for t in out) + 1 and not sets_the_scene(c, objs[0]):
                # "touted his wins in Florida": the parse hangs the object's modifier on the verb
                out.extend(before_participle(list(c.subtree)))
    if out:
        out = with_examples(with_colon_list(verb, with_misread_clause(verb, out)))
        out = with_crossing_list(with_as_complement(verb, with_infinitive(verb, out)), subject)
        out = with_object_participle(verb, with_noun_conjunct(verb, out))
        out = with_trailing_reason(verb, drop_trailing_venue(drop_figure_comparison(out)), AFTER_OBJECT_ASIDES)
    elif kind == "speech" and (asked := for_clause(verb)) is not None:
        out = [t for t in asked.subtree if t.i > verb.i + 1]  # "called for | the board to resign"
    if not out and verb.text.lower() in LISTENER_VERBS:
        out = clause_after_listener(verb)
    if not out and kind == "speech":
        out = question_clause(verb) or that_clause_after_setting(verb)
    if not out and kind == "speech" and subject is not None and subject.head.dep_ == "agent":
        # "The meeting was first reported by Politico": what was reported is the passive subject
        said = [c for c in verb.children if c.dep_ == "nsubjpass" and c.tag_ not in {"WDT", "WP"}]
        if said:
            return list(said[0].subtree)
    return out


SUBJECT_DEPS = SUBJ | {"expl", "csubj"}


def with_object_subject(verb: Token, clause: Token, toks: list[Token]) -> list[Token]:
    """'The friends admitted the dynamic between them most likely does not reflect most supporters': the parse
    took the reported clause's subject for the cue's object and left the clause without one; right before the
    clause, that object is where what was said starts (not a listener: 'told reporters the vote was fair')."""
    first = clause.left_edge
    objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and verb.i < c.i < first.i]
    if not objs or clause.i < verb.i or any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return toks
    obj = objs[-1]
    if obj.dep_ != "dobj" or obj.right_edge.i + 1 != first.i or first.dep_ == "mark" or first.is_punct:
        return toks
    if verb.lower_ in LISTENER_VERBS and is_listener(obj) and len(objs) == 1:
        return toks  # 'told reporters the vote was fair'; not 'told Politico the state's standards are not perfect'
    return [*obj.subtree, *toks]


def closes_aside(phrase: Token, last: Token) -> bool:
    """Whether the comma after `last` closes `phrase`, an apposition or a relative clause set off by a comma
    before it (', Ana Ruiz and Tom Lee,' / ', who ran the port for a decade,')."""
    if phrase.right_edge.i != last.i:
        return False
    set_off = phrase.doc[phrase.left_edge.i - 1].text == ","
    return phrase.dep_ == "appos" or (phrase.dep_ in {"relcl", "acl"} and set_off)


def set_off_with(prep: Token) -> bool:
    """'attacked him as a fraud during the debate, with jabs that drew cheers': a 'with' phrase set off by a comma
    tells what went with the act, not what was said ('charged him with fraud' has no comma; 'discussed it with
    Ana, with her staff and with friends' lists whom with)."""
    if prep.lower_ != "with" or prep.i < 2 or prep.doc[prep.i - 1].text != ",":
        return False
    before = prep.doc[prep.i - 2]
    if any(closes_aside(a, before) for a in [before, *before.ancestors]):
        return False  # 'charged two developers, Ana Ruiz and Tom Lee, with fraud', 'charged the mayor, who ran the
        # port, with fraud': the comma closes an apposition or a relative clause
    return not any(c.lower_ == "with" and c.i < prep.i for c in prep.head.subtree if c.dep_ == "prep")


def topic_phrase(prep: Token, objs: list[Token], before: list[Token]) -> list[Token]:
    """'talked to reporters about the new stadium', 'complained for an hour about the budget': opening what was
    said, 'about' names the topic and belongs to the cue, as right after it ('boasted about'); inside the
    content ('the story of the pier') a preposition stays."""
    topic = [t for x in objs for t in x.subtree]
    if before or prep.lower_ != "about" or all(t.tag_ == "PRP" for t in topic):
        return list(prep.subtree)  # 'talked about it': a pronoun alone is no statement
    return topic


EXAMPLE_MARKS = {"including", "such", "especially", "particularly", "like", "ranging"}


def with_examples(toks: list[Token]) -> list[Token]:
    """'pointed to her record, including her work on the bill' / 'cited several reforms, such as ...': examples
    set off after the object are part of what it names, wherever the parse hung them."""
    doc = toks[0].doc
    end = max(t.i for t in toks)
    if end + 2 >= len(doc) or doc[end + 1].text != "," or doc[end + 2].lower_ not in EXAMPLE_MARKS:
        return toks
    mark = doc[end + 2]
    if mark.lower_ == "like" and doc[end].tag_ in {"NNP", "NNPS"}:
        return toks  # 'talked about Ann Lee, like her father a child of the city': a likeness, the writer's
    after = doc[end + 3] if end + 3 < len(doc) else None
    if mark.lower_ in {"especially", "particularly"} and (
        after is None or after.dep_ == "mark" or after.tag_[:2] in {"WR", "VB"}
    ):
        return toks  # 'praised the plan, especially after the vote failed': when, the writer's, not an example
    node = mark
    while node.head.i != node.i and node.head.left_edge.i >= mark.i:
        node = node.head
    if node.right_edge.i <= mark.i:
        return toks
    return [*toks, *doc[end + 1 : node.right_edge.i + 1]]


def with_colon_list(verb: Token, toks: list[Token]) -> list[Token]:
    """'repeated the pledges he has made for months: cutting fees, fixing roads and hiring nurses' / 'I'd add a
    reason: voters have no memory of it': after the object a colon opens what the object names, and the rest of
    the sentence spells it out (not a quotation, which is its own candidate)."""
    doc = verb.doc
    end = max(t.i for t in toks)
    if end + 2 >= verb.sent.end or doc[end + 1].text != ":":
        return toks
    rest = list(doc[end + 2 : verb.sent.end])
    while rest and (rest[-1].is_punct or rest[-1].is_space):
        rest = rest[:-1]
    if words(rest) < 2 or any(is_quote(t) for t in rest):
        return toks
    if any(t.ent_type_ == "PERSON" for t in rest[:8]):
        return toks  # 'criticized the media: former governor Ann Lee, ...': who they are, not what was said
    if rest[0].is_title and not rest[0].tag_.startswith("NN"):
        return toks  # 'talked about it: Even the keenest ...': a sentence of its own, the writer's
    return [*toks, *doc[end + 1 : rest[-1].i + 1]]


def with_misread_clause(verb: Token, toks: list[Token]) -> list[Token]:
    """'The ministry claims Ortega runs the network from abroad' / 'voters who concluded Lee would fix the
    roads': the parse took the reported clause's subject for the cue's object and hung its verb elsewhere;
    a finite verb right after the object, with no subject of its own, goes on with what was said (not the verb
    of a subject that holds the cue: 'those who praised Lee were ...')."""
    doc = verb.doc
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    end = max(t.i for t in toks)
    if len(objs) != 1 or objs[0].right_edge.i != end or end + 1 >= len(doc):
        return toks
    nxt = doc[end + 1]
    if nxt.tag_ not in FINITE_TAGS or is_quote(nxt) or not doc[end].whitespace_ or doc[end].tag_ == "POS":
        return toks  # 'denied the charges and counter-accused her', 'defended the host's remarks'
    if doc[end].is_punct or doc[end].dep_ == "cc" or cue_kind(nxt.text) == "speech":
        return toks  # 'noting the size of his following, said ...', '... and said ...': the speaker's next act
    pred = nxt.head if nxt.dep_ in VERB_LEFT | {"auxpass"} and nxt.head.i > nxt.i else nxt
    if pred.i <= end or verb in pred.subtree or any(c.dep_ in SUBJ for c in pred.children):
        return toks  # the verb of a subject holding the cue, or one with a subject of its own ('should China push')
    right = [c for c in pred.children if c.i > pred.i and c.dep_ not in {"conj", "cc", "punct"}]
    last = max([pred.i, *(c.right_edge.i for c in right)])
    return [*toks, *doc[end + 1 : last + 1]]


def asked_to_act(verb: Token, obj: Token) -> bool:
    """'asked the council to delay the vote', 'called on FEMA to review the pipes': the one asked is followed
    by the infinitive of what they should do, and is part of the request (as with 'urged residents to ...')."""
    end = obj.right_edge.i
    return any(
        c.dep_ == "xcomp" and c.left_edge.i == end + 1 and c.left_edge.lower_ == "to" and c.left_edge.dep_ == "aux"
        for c in verb.children
    )


def cue_adjacent(verb: Token, prep: Token) -> bool:
    """'called for', 'bragged prematurely about', 'spoke out about': the preposition follows the cue with at
    most adverbs and particles between, so it belongs to the cue."""
    between = verb.doc[verb.i + 1 : prep.i]
    return prep.i > verb.i and all(t.dep_ in {"advmod", "prt"} and t.head.i == verb.i for t in between)


# verbs that take an object and an 'as' complement telling what it was called: 'described the plan as a farce'
AS_COMPLEMENT = {
    "describe", "characterize", "characterise", "portray", "depict", "dismiss", "denounce", "label", "brand",
    "cast", "paint", "present", "slam", "criticize", "criticise", "tout", "hail", "praise", "blast", "condemn",
    "reject", "frame", "define", "mock", "ridicule", "deride", "defend", "attack", "see", "view", "regard",
}  # fmt: skip
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
NOT_AS_COMPLEMENT = {"well", "part", "soon", "long", "much", "if", "though", "many", "far", "of"}


def with_as_complement(verb: Token, toks: list[Token]) -> list[Token]:
    """'described her as likable', 'denounced the remarks as “hurtful”': right after the object, an 'as'
    phrase the parse hung elsewhere (an adverbial clause, an adverb) is part of what was said."""
    if not toks or base_form(verb.text) not in AS_COMPLEMENT:
        return toks
    doc = verb.doc
    end = max(t.i for t in toks)
    if end + 2 >= len(doc) or doc[end + 1].lower_ != "as" or doc[end + 2].lower_ in NOT_AS_COMPLEMENT:
        return toks
    node = doc[end + 1]
    while node.head.i not in {node.i, verb.i} and node.head.left_edge.i > end:
        node = node.head
    added = [t for t in node.subtree if t.i > end]
    if any(t.i <= verb.i for t in node.subtree) or any(t.tag_ in FINITE_TAGS for t in added):
        return toks  # 'praised the bill as it was passing': a clause of its own tells when
    return [*toks, *added]


SETTING_PREPS = {"in", "on", "at", "during"}


def drop_trailing_venue(toks: list[Token]) -> list[Token]:
    """'touted his endorsement on its Facebook page', 'called the KKK “abhorrent” in a tweet': a phrase ending
    the content that names where it was said (a medium, a programme, an occasion) is the setting of the cue,
    which the parse hung on the content's last words."""
    if len(toks) < 3:
        return toks
    doc = toks[0].doc
    keep = sorted(t.i for t in toks)
    for i in keep[1:]:
        t = doc[i]
        if t.dep_ != "prep" or t.lower_ not in SETTING_PREPS or t.i - 1 not in keep:
            continue
        if not setting_ends_content(t, keep):
            continue
        if any(a.dep_ in {"relcl", "acl"} and a.i in keep for a in t.ancestors):
            continue  # 'Lauer, who took heat during a forum': the setting of the relative clause's own verb
        objs = [c for c in t.children if c.dep_ == "pobj"]
        if not objs or not (objs[0].lower_ in VENUES or objs[0].lower_ in OCCASIONS or objs[0].lower_ in MEDIA):
            continue
        owned = [c for c in objs[0].children if c.dep_ in {"acl", "relcl"} or (c.dep_ == "poss" and c.tag_ == "NNP")]
        if owned:
            continue  # 'in the event that ...', 'in Exxon's letter': what was talked about, not where
        return [x for x in toks if x.i < t.i]
    return toks


DEGREES = {"well", "far", "just", "slightly", "sharply", "comfortably"}
COMPARED = {"above", "below", "short", "ahead", "behind", "under", "over"}


def drop_figure_comparison(toks: list[Token]) -> list[Token]:
    """'reported earnings of $3.12 a share, well above the $2.90 analysts expected': a comparison set off after the
    reported figure is the writer's reading of it, not what was reported."""
    ordered = sorted(toks, key=lambda t: t.i)
    for k in range(1, len(ordered) - 2):
        mark, degree, side = ordered[k], ordered[k + 1], ordered[k + 2]
        if mark.text == "," and degree.lower_ in DEGREES and side.lower_ in COMPARED and side.i == degree.i + 1:
            rest = ordered[k + 3 :]
            if any(t.text == "," or t.lower_ in {"and", "or"} for t in rest):
                return toks  # 'promised a tax cut, just under ten percent, and new roads': a list goes on
            return ordered[:k]
    return toks


def setting_ends_content(prep: Token, keep: Sequence[int]) -> bool:
    """'at a press conference Tuesday': only the date may follow the setting; or a set-off tail, which is the
    writer's too ('mentions her grandson in speeches, a reference point for ...')."""
    doc = prep.doc
    j = prep.right_edge.i + 1
    while j < len(doc) and doc[j].ent_type_ in TIME_LABELS:
        j += 1
    after = [doc[i] for i in keep if i >= j]
    if not any(not x.is_punct for x in after):
        return True
    if j >= len(doc) or doc[j].text not in SET_OFF:
        return False
    # a set-off tail or more settings ('at every diner stop, every rally'), not the next item of the object's
    # list ('the crowds at the rally, the heat, and the long lines')
    return not any(x.dep_ == "conj" and x.i > j and x.head.i < prep.i for x in after)


MEDIA = {"tweet", "tweets", "post", "page", "blog", "op-ed", "column", "letter", "speeches", "remarks", "appearance",
         "appearances", "release", "video", "ad", "email", "memo", "news"}  # fmt: skip


ASKING = {"ask", "wonder", "question", "inquire", "enquire"}
QUESTION_MARKS = {"if", "whether"}


def question_clause(verb: Token) -> list[Token]:
    """'was asked if she had been treated unfairly': the parse hangs the asked question on the cue as an
    adverbial clause; after a verb of asking, 'if' and 'whether' open what was asked, not a condition."""
    if base_form(verb.text) not in ASKING:
        return []
    for c in verb.children:
        marks = [m for m in c.children if m.dep_ == "mark" and m.text.lower() in QUESTION_MARKS]
        if c.dep_ == "advcl" and c.i > verb.i and marks and marks[0].i == c.left_edge.i:
            return list(c.subtree)
    return []


def that_clause_after_setting(verb: Token) -> list[Token]:
    """'said following a vote in 2001 that he had concerns': a 'that' clause after the cue's time or place
    phrase, which the parse hung on that phrase's noun as a relative clause, is what was said."""
    doc = verb.doc
    setting = [c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1]
    if not setting:
        return []
    marks = [t for t in setting[0].subtree if t.text.lower() == "that" and t.dep_ == "mark"]
    if not marks:
        return []
    clause = marks[0].head
    if clause.dep_ not in {"relcl", "acl"} or clause.left_edge.i != marks[0].i:
        return []
    if clause.right_edge.i != setting[0].right_edge.i or not any(c.dep_ in SUBJ for c in clause.children):
        return []
    return [t for t in doc[marks[0].i : clause.right_edge.i + 1]]


ANSWERS = {"yes", "no", "so"}
ANSWER_VERBS = {"say", "answer", "reply", "respond", "think"}


def short_answer(verb: Token, kind: CueKind) -> list[Token]:
    """'75 percent said yes', 'he said no to the war', 'half said so': the answer word is what was said."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.text.lower() not in ANSWERS or nxt.head.i != verb.i:
        return []
    if base_form(verb.text) not in ANSWER_VERBS:
        return []
    if kind != "speech" and nxt.text.lower() != "so":
        return []
    if nxt.dep_ not in {"intj", "advmod", "dobj", "ccomp", "acomp"}:
        return []
    after = verb.doc[nxt.i + 1] if nxt.i + 1 < len(verb.doc) else None
    if after is not None and after.text.lower() == "to" and after.dep_ == "prep" and after.head.i in {verb.i, nxt.i}:
        return [nxt, *after.subtree]  # "said no to the war"
    ends = after is None or after.is_punct or after.tag_ in {"IN", "CC"} or after.like_num or after.ent_type_
    if not ends:
        return []  # "said so many times" would not be an answer; a clause follows ("said no one came")
    return [nxt]


def with_crossing_list(toks: list[Token], subject: Token | None) -> list[Token]:
    """'The mayor criticised the delays, the costs and the noise': a crossing parse hangs the rest of the
    object's list on the subject; right after the object it is still the object."""
    if subject is None:
        return toks
    doc = subject.doc
    end = max(t.i for t in toks)
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return toks
    nxt = doc[end + 2]
    item = next((t for t in doc[end + 2 : min(len(doc), end + 6)] if t.head.i == subject.i), None)
    if item is None or item.dep_ not in {"appos", "conj"} or item.left_edge.i != nxt.i:
        return toks
    return [*toks, doc[end + 1], *item.subtree]


LIST_JOINS = {"and", "or"}
LIST_GAP = {",", "“", '"', "''", "”", "‘", "’"}


def with_noun_conjunct(verb: Token, toks: list[Token]) -> list[Token]:
    """'questioned Trump's “New York values” and his readiness to lead': the parse hung the object's second
    conjunct on the cue as if it were a second verb; a noun (not a cue word, as a headline's 'praises' is)
    joined by 'and' or 'or' right after the object is still what was said."""
    if not toks:
        return toks
    doc = verb.doc
    end = max(t.i for t in toks)
    wh = [c for a in verb.ancestors for c in a.children if wh_clause(c)]  # 'came on to talk about X and how ...'
    for c in [*verb.children, *host_conjuncts(verb), *wh]:
        if c.dep_ != "conj" or c.i <= end or cue_kind(c.text) is not None:
            continue
        if not (c.tag_.startswith("NN") or listed_gerund(verb, min(toks, key=lambda t: t.i), c) or wh_clause(c)):
            continue
        gap = doc[end + 1 : c.left_edge.i]
        if any(t.lower_ in LIST_JOINS for t in gap) and all(t.lower_ in LIST_JOINS | LIST_GAP for t in gap):
            return [*toks, *doc[end + 1 : c.right_edge.i + 1]]
    return toks


def host_conjuncts(verb: Token) -> list[Token]:
    """'gave a talk stressing dock safety, and a need to hire guards': a cue that describes a noun ('a talk
    stressing ...') may see the parse hang its object's next item on the verb that holds the noun; only a common
    noun can be such an item there ('..., and Sanders' opens the next clause)."""
    if verb.dep_ != "acl" or verb.head.dep_ not in NOMINAL_CONTENT:
        return []
    return [c for c in verb.head.head.children if c.dep_ == "conj" and c.tag_ in {"NN", "NNS"}]


WH_OPENERS = {"how", "why", "what", "whether", "where"}


def wh_clause(conj: Token) -> bool:
    """'talked about housing and how it is changing the city': a clause opened by 'how' or 'why' is no second act of
    the speaker but the object's next item, a question named as a topic."""
    opener = conj.left_edge
    if not conj.tag_.startswith("VB") or opener.lower_ not in WH_OPENERS or opener.tag_ not in {"WRB", "WP"}:
        return False
    return opener.head.i == conj.i  # not '..., and how the council reacted was strange': a subject clause


def listed_gerund(verb: Token, first: Token, conj: Token) -> bool:
    """'has mentioned cutting fees and forcing banks to ...': a finite cue does not go on as a gerund, so a bare
    gerund conjunct the parse hung on it, after content that opens with a gerund too, is the content's next item
    (not after a gerund cue, 'stressing X and calling for Y', where it may be the speaker's next act)."""
    if conj.tag_ != "VBG" or verb.tag_ == "VBG" or first.tag_ != "VBG":
        return False
    return not any(c.dep_ in SUBJ | {"aux", "auxpass"} for c in conj.children)


def with_object_participle(verb: Token, toks: list[Token]) -> list[Token]:
    """'pointed to the mayor backing the levy in May', 'decried a wave of layoffs sweeping the state': a bare
    gerund right after the object, with no comma, that the parse hung on the cue says what the object does, and is
    part of what was said (not one that reports a clause or a quotation: 'praised the plan saying it ...' is the
    speaker's next act)."""
    doc = verb.doc
    end = max(t.i for t in toks)
    if end + 1 >= len(doc) or not (doc[end].tag_.startswith("NN") or doc[end].tag_ == "PRP"):
        return toks
    for c in verb.children:
        if c.dep_ != "advcl" or c.tag_ != "VBG" or c.left_edge.i != c.i or c.i != end + 1:
            continue  # not 'told the story to me while driving home': a clause opened by its own word tells when
        if not any(x.dep_ in {"ccomp", "xcomp"} or is_quote(x) for x in c.subtree):
            return [*toks, *doc[end + 1 : c.right_edge.i + 1]]
    return toks


def for_clause(verb: Token) -> Token | None:
    """'called for the board to resign' parsed as a 'for'-clause: its verb, when 'for' follows the cue."""
    if verb.i + 1 >= len(verb.doc):
        return None
    mark = verb.doc[verb.i + 1]
    clause = mark.head
    if mark.text.lower() != "for" or mark.dep_ != "mark" or clause.head.i != verb.i or clause.dep_ != "advcl":
        return None
    return clause if (mark.text.lower(), base_form(verb.text)) in FOR_CUES else None


FOR_CUES = {("for", "call"), ("for", "push"), ("for", "press"), ("for", "appeal"), ("for", "lobby")}


def with_infinitive(verb: Token, toks: list[Token]) -> list[Token]:
    """'called for Smith to resign': the parse hangs the infinitive on the cue; right after the object it
    is the rest of what was asked for."""
    out = list(toks)
    for c in verb.children:
        if c.dep_ not in {"advcl", "xcomp"} or c.i < verb.i or c.left_edge.i != max(t.i for t in out) + 1:
            continue
        if c.left_edge.text.lower() == "to" and c.left_edge.dep_ == "aux":
            out.extend(c.subtree)
    return out


ANONYMITY = {"anonymity", "condition"}


def drop_anonymity(toks: list[Token]) -> list[Token]:
    """'confirmed the meeting on the condition of anonymity (because they were not authorized to speak)': how
    the source spoke, and why, not what was said."""
    for t in sorted(toks, key=lambda t: t.i):
        if t.dep_ != "prep" or t.text.lower() != "on" or t.i == min(x.i for x in toks):
            continue
        objs = [c for c in t.children if c.dep_ == "pobj"]
        if objs and objs[0].text.lower() in ANONYMITY:
            drop = {x.i for x in t.subtree}
            rest = [x for x in toks if x.i < t.i]
            why = {x.i for c in toks if c.left_edge.i > max(drop) and reason_clause(c) for x in c.subtree}
            tail = [x for x in toks if x.i > max(drop) and not x.is_punct and x.i not in why]
            if rest and not tail:
                return rest
    return toks


REASON_MARKS = {"because", "if", "unless", "although", "though", "since", "so"}
SCENE_PREPS = OCCASION_PREPS | {"in", "on", "with", "according", "to", "outside", "inside", "from", "as"}


def reason_clause(clause: Token) -> bool:
    """'because they were not authorized to speak': an adverbial clause opened by a reason or condition."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in REASON_MARKS for m in clause.children)


def across_frame(verb: Token, toks: list[Token]) -> list[Token]:
    """'The cost would be covered, the mayor said, by a new hotel tax' / 'It is good news, he said, because
    people live longer': the reported clause goes on after a cue set off inside it, and the parse hung the
    rest on the cue; the span runs over the frame to the end of what was said."""
    if not toks or max(t.i for t in toks) > verb.i:
        return toks
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].dep_ == "prt":
        nxt += 1
    if nxt + 1 >= len(doc) or doc[nxt].text != "," or doc[nxt].head.i not in {verb.i, verb.head.i}:
        return toks
    rest = doc[nxt + 1]
    part = next((c for c in verb.children if c.i > nxt and c.left_edge.i == rest.i), None)
    if part is None:
        return toks
    if part.dep_ == "prep":
        objs = [c for c in part.children if c.dep_ in {"pobj", "pcomp"}]
        scene = not objs or names_an_occasion(part, objs[0]) or objs[0].ent_type_ in TIME_LABELS
        if part.lower_ in SCENE_PREPS or scene:
            return toks  # ', he said, in an interview' / ', he said, at a rally': the scene, not the words
    elif part.dep_ == "advcl":
        if not any(m.dep_ == "mark" and m.lower_ in REASON_MARKS and m.i == rest.i for m in part.children):
            return toks  # ', he said, adding that ...' / ', he said, as ...': a next statement or the scene
    else:
        return toks
    return [*toks, *doc[verb.i : part.right_edge.i + 1]]


# after an object, a concession is the writer's aside and 'so' tells the purpose of the act, not what was said
AFTER_OBJECT_ASIDES = frozenset(CONCESSIVE | {"so"})


def with_trailing_reason(verb: Token, toks: list[Token], unless: frozenset[str] = frozenset()) -> list[Token]:
    """'said the age is cause for celebration because people live longer': the parse hangs the 'because'
    clause on the cue; right after the reported clause it is part of what was said. After an object
    ('mocked Rubio for ... because he did not win any states'), pass `unless` the marks that open the
    writer's words there; a clause with a cue of its own is then its own report."""
    out = list(toks)
    for c in verb.children:
        gap = verb.doc[max(t.i for t in out) + 1 : c.left_edge.i]
        if c.dep_ != "advcl" or c.i < verb.i or len(gap) > 1 or any(t.text != "," for t in gap):
            continue
        marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
        if not any(m in REASON_MARKS for m in marks) or any(m in unless for m in marks):
            continue
        # after an object, 'called the hearing because they felt ...' is their own report
        if not unless or not has_cue_verb(c.subtree):
            out.extend(c.subtree)
    return out


CONTRAST_JOIN = {"but"}


def with_contrast(verb: Token, toks: list[Token]) -> list[Token]:
    """'said he would meet the pope but no meeting has been arranged': a contrasting clause with a subject
    of its own that the parse hangs on the cue, right after the reported clause, is still what was said; so is
    a second 'that' clause ('said that the plant would close and that jobs would move')."""
    out = list(toks)
    above = [x for a in verb.ancestors for x in a.children]  # 'went out of his way to say that A, and that B'
    for c in [*verb.children, *above]:
        if c.dep_ != "conj" or c.i < verb.i:
            continue
        that_clause = opens_with_that(c)
        if cue_kind(c.text) is not None and not that_clause:
            continue
        ccs = [x for x in c.head.children if x.dep_ == "cc" and max(t.i for t in out) < x.i < c.i]
        gap = verb.doc[max(t.i for t in out) + 1 : c.left_edge.i]
        if not ccs or any(t.text not in {",", ccs[0].text} for t in gap):
            continue
        if not that_clause and (ccs[0].text.lower() not in CONTRAST_JOIN or c.head.i != verb.i):
            continue
        if not that_clause and speaker_again(verb, c):
            continue  # '..., but he pressed Clinton to do more': the speaker's next act
        if that_clause or any(x.dep_ in SUBJ for x in c.children):
            out.extend(drop_concession(c, list(verb.doc[max(t.i for t in out) + 1 : c.right_edge.i + 1])))
    return out


RESTATED = {"he", "she"}


def speaker_again(verb: Token, clause: Token) -> bool:
    """'said Bush had not won him over, but he sounded a nostalgic note': a contrasting clause whose subject is
    the speaker again ('he', 'she') narrates the speaker's next act, not what was said."""
    subj = next((x for x in clause.children if x.dep_ in SUBJ), None)
    return subj is not None and subj.lower_ in RESTATED and first_subject(verb) is not None


def opens_with_that(clause: Token) -> bool:
    """'... and that polls show ...': a clause opened by its own 'that' is reported, whatever its verb."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark" and first.head.i == clause.i


def shares_modal(conj: Token) -> bool:
    """'would sit the unions down and tell them ...', 'to fix the roads and to repair ...': a bare verb joined to a
    bare verb shares its modal or its 'to' (not 'would offer help but did not suggest a date', which has its own)."""
    own = [c for c in conj.children if c.dep_ in {"aux", "auxpass", "neg"} and c.lower_ != "to"]
    return conj.tag_ == "VB" and conj.head.tag_ == "VB" and not own


def drop_next_report(toks: list[Token]) -> list[Token]:
    """'said the economy would rebound and praised Kerry': a reporting verb conjoined at the end of the
    clause is the speaker's next statement (its own candidate), not part of this one."""
    keep = {t.i for t in toks}
    for t in sorted(toks, key=lambda t: t.i):
        if t.dep_ != "conj" or not t.tag_.startswith("VB") or cue_kind(t.text) != "speech" or t.i == min(keep):
            continue
        if t.right_edge.i < max(keep) or any(c.dep_ == "mark" for c in t.children):
            continue  # "... but that he should have insisted": still what was said
        if shares_modal(t):
            continue  # "said he would sit the unions down and tell them ...": it shares the modal, still what was said
        left = t.left_edge.i
        ccs = [c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i and c.i > t.head.i]
        cut = min([left, *ccs])
        rest = [x for x in toks if x.i < cut]
        if rest:
            return rest
    return toks


ASIDE_DEPS = {"relcl", "appos", "acl", "advcl"}
ASIDE_DASHES = SET_OFF | {"--"}  # "--": the em dash as typed in many newspaper texts


def drop_trailing_aside(toks: list[Token]) -> list[Token]:
    """'... praised Franklin Graham, who has vowed ...': an aside on the content's last noun, set off by a
    comma, is the writer's gloss, not what was said (a non-restrictive relative clause or apposition)."""
    if not toks:
        return toks
    toks = drop_summing_gloss(toks)
    keep = {t.i for t in toks}
    last = max(keep)
    for t in sorted(toks, key=lambda t: t.i):
        if t.dep_ not in ASIDE_DEPS or t.head.i not in keep or t.head.i > t.i:
            continue
        first = t.left_edge.i
        comma = t.doc[first - 1] if first > 0 else None
        if comma is None or comma.text not in ASIDE_DASHES or comma.i not in keep or comma.i <= min(keep):
            continue
        if comma.text == "--" and any(t.doc[i].text == "--" for i in keep if i < comma.i):
            continue  # 'minorities -- black and brown people -- who have been killed': the dash closes a pair
        if t.dep_ == "relcl" and t.doc[first].tag_ not in {"WP", "WDT", "WP$"}:
            continue
        if t.dep_ == "relcl" and predicted_by_speaker(t):
            continue  # '..., which would strengthen the dollar': a prediction about the thing, still what was said
        said = cue_kind(t.text) == "speech" and not next_report(t) and t.lower_ not in ALLUDING
        if t.dep_ == "advcl" and (t.tag_ != "VBG" or t.left_edge.i != t.i or said):
            continue  # only a bare participle ', putting them at odds with ...' or a next report ', insisting that ...'
        if t.dep_ == "advcl" and any(t.doc[i].text == ":" for i in keep if i < first):
            continue  # 'repeated her promises: fixing the bridges, hiring teachers ...': the next item of the list
        if t.dep_ == "advcl" and consequence_of_claim(t):
            continue  # 'said it raised $21 million, bringing its total to $95 million': still what was said
        if t.dep_ == "appos" and any(x.dep_ == "cc" and x.head.i == t.i for x in t.subtree):
            continue  # "the malaise, the lack of jobs and the violence": a list the parse took for an apposition
        if t.dep_ == "appos" and (listed_after(t) or names_the_place(t)):
            continue
        tail = [i for i in keep if i > t.right_edge.i and not t.doc[i].is_punct]
        if (tail and not participle_after_aside(t, tail)) or t.right_edge.i > last:
            continue
        return [x for x in toks if x.i < comma.i]
    return toks


def participle_after_aside(aside: Token, tail: list[int]) -> bool:
    """'... away from Mr. Ruiz, who held a rally in Ames on Tuesday, drawing 900 people': a bare participle right
    after a set-off relative clause or apposition goes on with that aside (the parse hung it on the reported
    clause), so the aside still ends the content; not a participle that reports ('..., saying that ...')."""
    doc = aside.doc
    comma = aside.right_edge.i + 1
    if aside.dep_ not in {"relcl", "appos"} or comma + 1 >= len(doc) or doc[comma].text != ",":
        return False
    part = doc[comma + 1]
    if part.dep_ != "advcl" or part.tag_ != "VBG" or part.left_edge.i != part.i or has_cue_verb(part.subtree):
        return False
    return min(tail) == part.i and max(tail) <= part.right_edge.i


PLACE_PARTS = {"GPE", "LOC"}


def names_the_place(appos: Token) -> bool:
    """'recalled the storm that hit the port in Mobile, Ala.': a state or country after its city is part of the
    place's name, not the writer's aside."""
    return appos.ent_type_ in PLACE_PARTS and appos.head.ent_type_ in PLACE_PARTS


def listed_after(appos: Token) -> bool:
    """'noted the attacks, her support for first responders and her work on jobs': the list's last item opens
    like the apposition ('her ... and her ...'), though the parse hung it deeper inside."""
    if appos.head.tag_ in {"NNP", "NNPS"} or appos.tag_ in {"NNP", "NNPS"}:
        return False  # 'Ms. Lee, the head of the union and a lawyer': who she is
    first = appos.left_edge
    if first.dep_ not in {"poss", "det"}:
        return False
    return any(
        x.dep_ == "conj" and x.tag_.startswith("NN") and x.left_edge.lower_ == first.lower_ and x.head.i != appos.i
        for x in appos.subtree
    )


# nouns the writer sums a statement up with: '..., a swipe at his rivals', '— a claim he has denied'
STATEMENT_NOUNS = {
    "swipe", "jab", "dig", "nod", "reference", "point", "sentiment", "charge", "message", "claim", "remark",
    "comment", "allusion", "rebuke", "accusation", "allegation", "assertion", "signal",
}  # fmt: skip


def drop_summing_gloss(toks: list[Token]) -> list[Token]:
    """'said no one would get hurt at his rally, a swipe at his rivals' / '..., a charge she has always denied':
    an indefinite noun phrase after a comma or dash that names the statement itself is the writer's gloss on it."""
    ordered = sorted(toks, key=lambda t: t.i)
    for k in range(1, len(ordered) - 2):
        mark, det = ordered[k], ordered[k + 1]
        if mark.text not in SET_OFF | {"--"} or det.lower_ not in {"a", "an"}:
            continue
        head = next((t for t in ordered[k + 2 : k + 5] if t.tag_.startswith("NN")), None)
        last = max(t.i for t in ordered if not t.is_punct)
        if head is not None and head.lower_ in STATEMENT_NOUNS and det.head.i == head.i and head.right_edge.i >= last:
            return ordered[:k]  # not 'said the remark, a comment made in 2015, was taken out of context'
    return toks


def next_report(participle: Token) -> bool:
    """'said he would release the returns Friday, insisting that ...' / ', calling them “boring”': a speech
    participle with a clause of its own, which the parse hung on the reported clause, is the speaker's next
    report (its own candidate), not part of this one."""
    return any(c.dep_ in {"ccomp", "xcomp", "oprd", "parataxis"} for c in participle.children)


def predicted_by_speaker(clause: Token) -> bool:
    """', which would strengthen the dollar': a 'which' clause with a modal of its own and no cue in it is
    the speaker's forecast about the thing named (a 'which he said ...' clause is its own report)."""
    if clause.doc[clause.left_edge.i].lower_ != "which":
        return False
    words = list(clause.subtree)
    return any(t.tag_ == "MD" for t in words) and not has_cue_verb(clause.subtree)


# participles of the writer's reading of a statement: ', putting them at odds with ...', ', reflecting ...', and
# of what the statement set off: 'declared he could not back the nominee, throwing a wrench in ...', ', drawing ...'
WRITER_GLOSS = {"putting", "reflecting", "contrasting", "underscoring", "highlighting", "signaling", "signalling",
                "marking", "echoing", "prompting", "sparking", "drawing", "triggering", "fueling", "fuelling",
                "throwing", "stoking", "provoking"}  # fmt: skip


# participles naming what a statement alluded to: 'said he should quit, echoing a memo from ...', ', referring to
# the convention': cue words, yet the writer's note on the words, not the speaker's next report
ALLUDING = {"echoing", "referring", "alluding", "deploying", "invoking", "paraphrasing"}


def consequence_of_claim(participle: Token) -> bool:
    """'said it raised $21 million in January, bringing its total to $95 million': a bare participle hung on
    the reported clause's own verb tells what followed from the claim, and is part of it; not when it is a
    cue ('believing that ...' is its own report) or the writer's reading ('putting them at odds with ...')."""
    if participle.head.dep_ != "ccomp" or participle.lower_ in WRITER_GLOSS | ALLUDING:
        return False
    return not has_cue_verb(participle.subtree)


def drop_leading_time(toks: list[Token]) -> list[Token]:
    """'said on Friday it would not comment': the date the parse hung on the clause belongs to the cue."""
    if not toks:
        return toks
    first = min(toks, key=lambda t: t.i)
    objs = [c for c in first.children if c.dep_ == "pobj"]
    if first.dep_ == "prep" and objs and objs[0].ent_type_ in TIME_LABELS:
        drop = {t.i for t in first.subtree}
        rest = [t for t in toks if t.i not in drop]
        if rest and min(t.i for t in rest) > max(drop):
            return rest
    return toks


OPENING_CONCESSIONS = {"though", "although", "despite"}


def drop_leading_concession(toks: list[Token], cue: int) -> list[Token]:
    """'Though Republicans boast of stronger turnout, there is no such link, political scientists say': a
    concession opening a sentence whose cue comes after it is the writer's setting of what was said."""
    body = [t for t in toks if not t.is_space]
    while body and (body[0].is_punct or body[0].lower_ in LEAD_DISCOURSE):
        body = body[1:]
    if not body or body[0].i > cue or body[0].lower_ not in OPENING_CONCESSIONS:
        return toks
    phrase = body[0].head if body[0].dep_ == "mark" else body[0]
    doc = body[0].doc
    end = phrase.right_edge.i if doc[phrase.right_edge.i].text == "," else phrase.right_edge.i + 1  # the comma
    if phrase.left_edge.i != body[0].i or end >= cue or doc[end].text != ",":
        return toks
    rest = [t for t in toks if t.i > end]
    return rest if words(rest) >= 3 and any(t.tag_ in FINITE_TAGS for t in rest) else toks


def cue_text_span(verb: Token) -> tuple[int, int]:
    """The cue: the verb with its particle or its phrasal preposition ('pointed out', 'called for')."""
    toks = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    if verb.i + 1 < len(verb.doc) and not any(c.dep_ == "dobj" for c in verb.children):
        nxt = verb.doc[verb.i + 1]
        word = nxt.text.lower()
        phrasal = word in PHRASAL_PREPS or (word, base_form(verb.text)) in PHRASAL_PAIRS
        timely = any(c.ent_type_ in TIME_LABELS for c in nxt.children)  # "said on Tuesday"
        prep = phrasal and not timely and nxt.head.i == verb.i and nxt.dep_ == "prep"
        if prep or for_clause(verb) is not None:  # "called for | the board to resign" parsed as a clause
            toks.append(nxt)
    return token_span(toks)


# nouns that report speech, with the prepositions that introduce what was said ("his attacks on Cruz",
# "a call for a ban", "remarks about Muslims")
NOUN_CUES: dict[str, frozenset[str]] = {
    **dict.fromkeys(CLAUSE_NOUNS, frozenset()),  # their clause is what was said: "his call to ban X"
    **dict.fromkeys(["attack", "attacks"], frozenset({"on", "against"})),
    **dict.fromkeys(["comment", "comments", "remark", "remarks"], frozenset({"on", "about"})),
    **dict.fromkeys(["question", "questions"], frozenset({"about"})),
    **dict.fromkeys(["call", "calls", "demand", "demands"], frozenset({"for"})),
    **dict.fromkeys(["criticism", "mention", "denunciation"], frozenset({"of"})),
    "praise": frozenset({"of", "on"}),  # "heaped praise on X"
    "case": frozenset({"for"}),  # "made the case for X" (only as the object of "make": see made_noun)
    "point": frozenset(),  # "made the point that X"
}
# nouns that report speech only as the object of "make": "made the case that X", "made the point that X"
MADE_NOUNS = frozenset({"case", "point"})
MAKING = frozenset(inflect("make"))
# "raised the question of whether X": a question noun's "of" phrase is what was asked only when it is a question
QUESTION_NOUNS = {"question", "questions"}
# verbs that only carry a speech noun: "made comments about", "launched attacks on", "renewed his call for"
# (every form of the first; only the listed forms of the rest: 'voters pose questions about X' asks them)
LIGHT_VERBS = {form for verb in (
    "make", "launch", "renew", "repeat", "raise", "issue", "offer", "heap", "deliver", "give", "send", "voice"
) for form in inflect(verb)} | {
    "posed", "poses", "unleashed", "levelled", "leveled", "directed", "turned",
    "turns", "turning", "lodged", "lodge", "filed",
}  # fmt: skip
COPULA_FORMS = {"is", "was", "are", "were", "'s", "’s"}


def noun_clause(noun: Token) -> Token | None:
    """'his call | to ban X', 'her claim | that X': the infinitive or that-clause a speech noun governs
    (not a relative clause: 'the claim that he made')."""
    made = made_noun(noun)
    if noun.text.lower() not in CLAUSE_NOUNS and not made:
        return None
    kids = list(noun.children)
    if made:  # 'is making a case | to voters | that X': the clause hangs on the verb past its listener
        kids += [c for c in noun.head.children if c.i > noun.i and c.dep_ == "ccomp"]
    if noun.dep_ == "dobj":  # 'renewed her call | to close X': the parse hung the clause on the verb
        gap = noun.right_edge.i + 1  # past adverbs on the verb: 'offered her firmest promise yet | that X'
        while gap < len(noun.doc) and noun.doc[gap].dep_ == "advmod" and noun.doc[gap].head.i == noun.head.i:
            gap += 1
        kids += [c for c in noun.head.children if c.left_edge.i in {noun.right_edge.i + 1, gap}]
    if noun.dep_ == "nsubj" and noun.head.lower_ in COPULA_FORMS:  # 'his argument was | that X'
        kids += [c for c in noun.head.children if c.i > noun.head.i and c.dep_ == "ccomp"]
    for c in kids:
        if c.i < noun.i or c.dep_ not in {"acl", "relcl", "ccomp", "advcl"} or not c.tag_.startswith("VB"):
            continue
        lead = [a for a in c.children if a.i < c.i]
        if c.tag_ == "VB" and any(a.dep_ == "aux" and a.text.lower() == "to" for a in lead):
            return c
        if any(a.dep_ == "mark" and a.text.lower() == "that" for a in lead):
            return c
        if made and c.dep_ == "relcl" and lead and lead[0].i == noun.i + 1 and lead[0].tag_ == "IN":
            return c  # 'made the point that/IN fees had doubled' parsed as a relative clause ('that/WDT' is one)
    return None


def made_noun(noun: Token) -> bool:
    """'made the case that X', 'is making a case for X': 'case' names an argument only as the object of 'make'
    (not 'the court case', 'in case of')."""
    return noun.lower_ in MADE_NOUNS and noun.dep_ == "dobj" and noun.head.lower_ in MAKING


def question_of(prep: Token) -> bool:
    """'the question of | whether X': an 'of' phrase that is itself a question."""
    objs = [o for o in prep.children if o.dep_ in {"pobj", "pcomp"}]
    return bool(objs) and objs[0].left_edge.lower_ in QUESTION_MARKS


def noun_owner(noun: Token) -> Token | None:
    """Who a speech noun belongs to: 'Trump’s call', 'a demand by Pelosi', 'calls from rivals', 'the DOJ demand'."""
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if owner:
        return owner[0]
    for p in noun.children:
        if p.dep_ == "prep" and p.text.lower() in {"by", "from"} and p.i > noun.i:
            objs = [o for o in p.children if o.dep_ == "pobj"]
            if objs and objs[0].ent_type_ not in TIME_LABELS:
                return objs[0]
    # a name written before a speech noun speaks: "the DOJ demand that", "a Sanders pledge to"
    names = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in SPEAKER_LABELS]
    if names:
        return names[-1]
    # 'the promise she has made', 'the argument Weber offered': the subject of a light verb on the noun
    made = [c for c in noun.children if c.dep_ == "relcl" and c.lower_ in LIGHT_VERBS]
    return subject_of(made[0]) if made else None


def noun_cue(noun: Token, text: str) -> Candidate | None:
    """'Trump’s attacks on Cruz', 'she made comments about X', 'his call to ban X': a speech noun, its
    speaker and what was said."""
    clause = noun_clause(noun)
    allowed = NOUN_CUES[noun.text.lower()]
    if noun.lower_ in MADE_NOUNS and not made_noun(noun):
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.text.lower() in allowed]
    if not preps and noun.lower_ in QUESTION_NOUNS:  # 'raised the question of whether X'
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and question_of(c)]
    if not preps and noun.dep_ == "dobj" and noun.head.lower_ in LIGHT_VERBS:  # 'heaped praise | on Kennedy'
        preps = [
            c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1 and c.lower_ in allowed
        ]
    objs = [o for p in preps[:1] for o in p.children if o.dep_ in {"pobj", "pcomp"}]
    if clause is None and (not objs or objs[0].ent_type_ in TIME_LABELS):
        return None
    owner = [c for c in noun.children if c.dep_ == "poss"]
    speaker: Token | None = owner[0] if owner else None
    if clause is not None:
        speaker = noun_owner(noun)
    light = noun.dep_ == "dobj" and noun.head.text.lower() in LIGHT_VERBS
    if (speaker is None and light) or (speaker is not None and speaker.tag_ == "PRP$" and noun.dep_ == "dobj"):
        speaker = subject_of(noun.head) or speaker  # "Ruiz renewed her attacks on ...": the subject names her
    headline = headline_speaker(noun) if speaker is None and noun.lower_.endswith("s") else None  # 'X Vows To'
    if speaker is None and headline is None:
        return None
    if speaker is not None and (speaker.tag_ in {"DT", "WDT", "EX"} or speaker.text.lower() == "it"):
        return None
    if clause is not None:
        # to the end of the noun phrase: a clause the parse split ('his warning that Britain would go | have to')
        start, end = token_span(list(noun.doc[clause.left_edge.i : max(clause.right_edge.i, noun.right_edge.i) + 1]))
        cs, ce = noun.idx, noun.idx + len(noun.text)
    else:
        start, end = token_span(list(objs[0].subtree))
        cs, ce = noun.idx, preps[0].idx + len(preps[0].text)
    if speaker is None and headline is not None and noun.ent_iob_ == "I":  # the name ran on into the cue
        return Candidate(start, end, text[cs:ce], cs, ce, "speech", speaker_text=headline.text, clausal=False)
    mention = mention_span(speaker) if speaker is not None else headline
    return Candidate(start, end, text[cs:ce], cs, ce, "speech", speaker=mention, clausal=False)


# "Ask yourself", "Call it ...", "Declared 2016 Candidates": a speech cue that opens its sentence with no subject
# is an instruction to the reader or a heading, not a report of someone's words (a belief cue there is the
# writer's own elided "I": "Expect prices to rise")
HEADLESS_TAGS = {"VB", "VBD", "VBN"}


def addresses_reader(verb: Token, subject: Token | None) -> bool:
    """'Call it viral fundraising.': a subjectless, capitalised cue opening its sentence."""
    if subject is not None or verb.dep_ != "ROOT" or verb.tag_ not in HEADLESS_TAGS or not verb.text[0].isupper():
        return False
    lead = [t for t in verb.sent if t.i < verb.i]
    return all(t.is_punct or t.is_space for t in lead)


TOPIC_PREPS = {"of", "about", "on"}
REFLEXIVES = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself", "yourselves"}
# verbs whose reflexive object is a state, not a report: "found himself embroiled", "declared himself a candidate"
REFLEXIVE_STATES = {"find", "reveal", "repeat", "consider", "declare"}


def named_thing(verb: Token) -> bool:
    """'a firm called ...': the participle right after the common noun it names (not 'De Blasio, ..., called')."""
    return verb.head.i == verb.i - 1 and verb.head.tag_ in {"NN", "NNS"}


# nouns whose infinitive is a purpose or a chance, not words: "in order to show", "efforts to admit refugees"
PURPOSE_NOUNS = {"order", "effort", "efforts", "opportunity", "opportunities", "bid", "chance"}
LIST_DEPS = {"cc", "conj"}
# what a price is charged in: "charged a $100 fee", "charged more than that" (not "charged him with fraud")
PRICE_WORDS = {"fee", "fees", "price", "prices", "rate", "rates", "rent", "interest", "more", "less", "premium"}


def infinitive(verb: Token) -> bool:
    """'to say', 'to admit': the verb has its own infinitival 'to'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def impersonal_say(verb: Token) -> bool:
    """'suffice it to say', 'it is safe to say', 'it is too soon to say': the writer's aside, no one's words
    (not 'she was quick to say', whose subject speaks)."""
    if not infinitive(verb):
        return False
    frame = verb.head
    if frame.tag_.startswith(("JJ", "RB")) and frame.dep_ in {"acomp", "advmod", "attr", "oprd"}:
        frame = frame.head  # 'safe' -> 'is', 'soon' -> 'is'
    subjects = [c for c in frame.children if c.dep_ in {"nsubj", "expl"}]
    return frame.lower_ == "suffice" or (
        frame.i != verb.i and bool(subjects) and all(c.lower_ == "it" for c in subjects)
    )


def charges_a_price(verb: Token) -> bool:
    """'the club charged a $100,000 fee': charging money, not an accusation ('charged Ruiz with fraud')."""
    deps = {c.dep_ for c in verb.children}
    if "ccomp" in deps or any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.lower_ in PRICE_WORDS or any(t.ent_type_ == "MONEY" or t.text == "$" for t in o.subtree) for o in objs)


def places_a_call(verb: Token) -> bool:
    """'Obama called Naghmeh Abedini.', 'volunteers to call voters', 'called attention to', 'the so-called
    “X”': a telephone call, a phrase or a label, not a name given to someone ('called him a liar')."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and prev.lower_ in {"so", "so-"}:
        return True
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lower_ == "attention" for o in objs):
        return True
    named = [c for c in verb.children if c.dep_ == "oprd" and c.tag_ == "NNP"]  # 'called Dana Pruitt.' misread
    if verb.tag_ == "VBN" or len(objs or named) != 1:
        return False
    obj = (objs or named)[0]
    rest = [c for c in verb.children if c.i > verb.i and c.i != obj.i and not c.is_punct and c.dep_ not in LIST_DEPS]
    person = obj.ent_type_ == "PERSON" or bool(named) or (obj.tag_ == "NNS" and not inanimate(obj))
    plain = all(c.dep_ in {"compound", "det", "amod", "poss", "nummod"} for c in obj.children)  # no "X, a Y"
    if not person or not plain or rest or obj.right_edge.i + 1 >= len(verb.doc):
        return False
    after = verb.doc[obj.right_edge.i + 1].text  # "called Abedini." / "to call voters, knock on doors"
    return after in {".", ";"} or (after == "," and any(c.dep_ == "conj" and c.i > obj.i for c in verb.children))


PERMITTED = {"authorized", "authorised", "allowed", "permitted", "cleared"}


def not_permitted(verb: Token) -> bool:
    """'spoke on condition of anonymity because they were not authorized to discuss the talks': the words the
    source may not say (the anonymity formula), not a report ('was allowed to speak about it' still is)."""
    head = verb.head
    return infinitive(verb) and head.lower_ in PERMITTED and any(c.dep_ == "neg" for c in head.children)


def same_can_be_said(verb: Token) -> bool:
    """'The same could not be said for Jones': a comparison, nobody's words."""
    return any(c.dep_ == "nsubjpass" and c.lower_ == "same" for c in verb.children)


def passes_on(verb: Token) -> bool:
    """'reported it to the F.B.I.', 'flag it and report it to the moderators', 'has reported from every debate':
    handing something on or a reporter's beat, not a report of what someone said."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"ccomp", "xcomp", "parataxis"}:
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if "from" in preps and not objs:
        return True
    return "to" in preps and any(o.tag_ == "PRP" for o in objs)


def holds_a_view(verb: Token) -> bool:
    """'The court held that the tolls were lawful': 'hold' reports a view only with a that-clause; 'hold him
    accountable', 'hold caucuses', 'holding the party together' hold something else."""
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children
    )


PROPER_TAGS = frozenset({"NNP", "NNPS"})


def goes_by_name(verb: Token) -> bool:
    """'a group that calls itself Harbour Watch', 'a man calling himself Paul Paul': a reflexive 'call' before a
    proper name gives the name someone goes by, not words said (unlike 'calls himself a fiscal conservative')."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ not in REFLEXIVES or doc[verb.i + 2].tag_ not in PROPER_TAGS:
        return False
    i = verb.i + 2
    while i < len(doc) and doc[i].tag_ in PROPER_TAGS:
        i += 1
    # not 'calls himself President Trump's strongest ally': the name goes on into a description
    return i == len(doc) or doc[i].tag_ not in {"POS", "NN", "NNS", "JJ", "JJS"}


def other_sense(verb: Token) -> bool:
    """A cue verb in a sense that reports no words: 'added a title to his resume', 'speaks Spanish', 'found
    itself playing host', 'a firm called Cambridge Analytica' (a name, unless the name is quoted as words),
    'hold him accountable'."""
    base = base_form(verb.text)
    deps = {c.dep_ for c in verb.children}
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if base == "hold" and not holds_a_view(verb):
        return True
    if cue_kind(verb.lower_) != "speech" and addresses_reader(verb, subject_of(verb)):
        return True  # 'Remember: ...', 'See the full timeline below.': the reader is told to think or look
    if base in REFLEXIVE_STATES and nxt is not None and nxt.text.lower() in REFLEXIVES:
        return True
    if verb.dep_ == "acl" and verb.head.lower_ in PURPOSE_NOUNS and infinitive(verb):
        return True
    if not_permitted(verb):
        return True
    if base == "say":
        return impersonal_say(verb) or same_can_be_said(verb)
    if base == "report" and passes_on(verb):
        return True
    if base == "charge":
        return charges_a_price(verb)
    if base == "call" and places_a_call(verb):
        return True
    if base == "call" and goes_by_name(verb):
        return True
    if base == "call" and verb.tag_ == "VBN" and verb.dep_ == "acl" and named_thing(verb):
        lead = verb.doc[verb.i + 1 : verb.i + 3]  # 'called “X”', 'called the “X”': quoted words stay a statement
        return nxt is not None and nxt.dep_ != "prep" and not any(t.text[0] in QUOTE_MARKS for t in lead)
    if base == "add":
        return "dobj" in deps and any(c.dep_ in {"prep", "dative"} and c.text.lower() == "to" for c in verb.children)
    if base == "advise":  # "advising Pfizer on its sale", "advised on three deals": consulting, unless there is
        on = any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children)  # advice ("advised him to wait")
        return ("dobj" in deps or (on and "dative" not in deps)) and not deps & {"ccomp", "xcomp"}
    if base == "speak":
        topic = any(c.dep_ == "prep" and c.text.lower() in TOPIC_PREPS for c in verb.children)
        return "dobj" in deps and "ccomp" not in deps and not topic  # not "speak affectionately of ..."
    return False


def words(toks: Sequence[Token]) -> int:
    """How many tokens are words (not punctuation or whitespace)."""
    return sum(1 for t in toks if not (t.is_punct or t.is_space))


OPEN_END_TAGS = {"IN", "CC", "TO", "DT", "WDT"}  # a preposition, conjunction or determiner the words stop on


def open_ended(toks: Sequence[Token]) -> bool:
    """'He left after, | according to X, | Y': words that stop on a preposition or conjunction are no content."""
    last = [t for t in toks if not (t.is_punct or t.is_space)][-1:]
    return bool(last) and last[0].tag_ in OPEN_END_TAGS


def copula_dropped(toks: list[Token]) -> list[Token]:
    """'That’s | according to X': the content before the cue without the copula that links them."""
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    return toks[:-1] if len(toks) > 1 and toks[-1].lower_ in COPULA_FORMS else toks


def another_cue_between(verb: Token, quote_start: int) -> bool:
    """Whether a second speech verb stands between a cue and the quote after it."""
    return any(
        t.tag_.startswith("VB") and cue_kind(t.lower_) == "speech"
        for t in verb.sent
        if verb.i < t.i and t.idx < quote_start
    )


FRAME_BOUNDS = {"(", ")", ";", ":", "[", "]"}
FRAME_STOPS = {"that", "whether", "if", "how", "why", "what", "when", "where", "who"}  # the cue's own clause


def bare_frame(verb: Token, right: int) -> bool:
    """Whether the words after a cue up to the mark that closes its frame only say when, where or to whom
    ('told me on Friday', 'explained earlier in the hearing'), not what ('continued to question X', 'spoke
    out against X'); a passive or relative cue is no frame ('as the bill is called', 'who has maintained')."""
    if verb.dep_ == "relcl" or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    for c in verb.children:
        if not verb.i < c.i < right:
            continue
        if c.dep_ in {"xcomp", "ccomp", "attr", "oprd", "acomp"} or (c.dep_ == "dobj" and c.tag_ != "PRP"):
            return False
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if c.dep_ == "prep" and c.lower_ in PHRASAL_PREPS and not any(o.ent_type_ in TIME_LABELS for o in objs):
            return False
    return True


def set_in_frame(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """'The source of it, union members say, is manifold', 'Hawaii, as an adviser pointed out, rarely gets
    two storms': a subject and cue set off by marks inside the clause they report, whatever the parse made of
    it. The content is the host sentence around the frame (one span, the frame inside), a leading 'But' out."""
    if kind != "speech" or subject is None or subject.i > verb.i or subject.tag_ in {"WP", "WDT"}:
        return []
    doc, sent = verb.doc, verb.sent
    left = subject.left_edge.i
    if left - 1 >= sent.start and doc[left - 1].lower_ == "as":
        left -= 1  # 'as one of his advisers pointed out'
    # 'Yet, as Mr. Bown observed, in the early days …': an opening 'as' frame reports the clause after it
    opening = (
        doc[left].lower_ == "as"
        and base_form(verb.text) in AS_FRAMES  # not 'as he spoke, …': when
        and all(t.is_punct or t.lower_ in LEAD_DISCOURSE for t in doc[sent.start : left])
    )
    if not opening and (left - 1 <= sent.start or doc[left - 1].text not in SET_OFF):
        return []
    inside = {t.i for t in subject.subtree}
    if any(t.i not in inside and t.dep_ not in VERB_LEFT for t in doc[left + 1 : verb.i] if doc[left].lower_ == "as"):
        return []
    if any(t.i not in inside and t.dep_ not in VERB_LEFT for t in doc[left : verb.i] if doc[left].lower_ != "as"):
        return []
    right = verb.i + 1
    while right < sent.end and doc[right].text not in SET_OFF:
        t = doc[right]
        if t.tag_ in FINITE_TAGS or is_quote(t) or t.lower_ in FRAME_STOPS:
            return []  # the cue goes on into a clause of its own: not set in
        right += 1
    if right >= sent.end or right - verb.i > 9 or not bare_frame(verb, right):
        return []
    opens = [t.i for t in doc[sent.start : left - 1] if t.text in FRAME_BOUNDS]
    before = [t for t in doc[max(opens, default=sent.start - 1) + 1 : left - 1] if not t.is_space]
    closes = [t.i for t in doc[right + 1 : sent.end] if t.text in FRAME_BOUNDS]
    after = [t for t in doc[right + 1 : min(closes, default=sent.end)] if not (t.is_space or t.is_punct)]
    while before and (before[0].is_punct or before[0].lower_ in LEAD_DISCOURSE):
        before = before[1:]
    if opening and words(after) >= 3 and any(t.tag_ in FINITE_TAGS for t in after):
        return [t for t in doc[after[0].i : after[-1].i + 1] if not t.is_space]
    if not before or words(after) < 3:
        return []
    # the host clause runs through the frame: its subject (or a fronted adverbial clause) before and its verb
    # after ('The pier, she said, will reopen'), or a clause before and its next part after ('…, she said, and')
    leading = before[0].lower_ in CLAUSE_OPENERS  # 'Though it held, he said, the next one …'
    finite = any(t.tag_ in FINITE_TAGS for t in after)
    fronted = finite and (leading or not any(t.tag_ in FINITE_TAGS for t in before))
    if not fronted and after[0].lower_ not in {"and", "but", "that", "which", "who"}:
        return []
    return [t for t in doc[before[0].i : after[-1].i + 1] if not t.is_space]


# what may follow a closing cue in its frame: 'police said.', 'Carter told a Senate panel Wednesday.',
# 'the church posted on Facebook.', 'said the company’s chief executive, John Ferriola.'
TAIL_FRAME_DEPS = {"npadvmod", "advmod", "prep", "prt", "punct", "nsubj", "dative", "agent"}
FRAME_JOINS = {"and", "but", "or", "so", "yet", "while", "as", "because", "when", "after", "before", "if"}


def closing_frame_content(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """'A girl was pepper-sprayed outside the venue, police said.' / '…, his top aide, Tad Devine, told The
    Huffington Post.': a speech cue and its speaker set off by a comma at the end of the sentence, whatever the
    parse hung them on (a conjunct, a root with no clause): the clause before the comma is what was said."""
    if kind != "speech" or subject is None or verb.dep_ not in {"ROOT", "conj", "ccomp", "parataxis", "advcl"}:
        return []
    if verb.tag_ not in FINITE_TAGS or base_form(verb.text) == "continue":
        return []  # 'Republicans crying foul', 'the borrowing continued'
    doc, sent = verb.doc, verb.sent
    left = min(subject.left_edge.i, verb.i)
    if left - 1 <= sent.start or doc[left - 1].text not in {",", "—", "–"}:
        return []
    for c in verb.children:
        if c.i < verb.i:
            continue
        listener = c.dep_ == "dobj" and verb.lower_ in LISTENER_VERBS and is_listener(c)
        if not (listener or c.dep_ in TAIL_FRAME_DEPS) or (c.dep_ == "prep" and c.lower_ not in SETTING_PREPS | {"to"}):
            return []
    rest = [t for t in doc[verb.right_edge.i + 1 : sent.end] if not (t.is_space or t.is_punct)]
    inside = {x.i for x in subject.subtree}
    frame = [t for t in doc[left : verb.i] if t.i not in inside]
    if rest or any(t.dep_ not in VERB_LEFT for t in frame) or any(t.lower_ in FRAME_JOINS for t in frame):
        return []
    body = [t for t in doc[sent.start : left - 1] if not t.is_space]
    while body and (body[0].is_punct or body[0].lower_ in LEAD_DISCOURSE):
        body = body[1:]
    if words(body) < 4 or not any(t.tag_ in FINITE_TAGS for t in body):
        return []
    if is_quote(body[0]) or any(t.text in {":", ";"} for t in body):
        return []  # a quote or a colon before the frame: not one plain clause (a quoted phrase inside may be)
    if body[0].lower_ in CLAUSE_OPENERS and not any(t.text == "," for t in body):
        return []  # 'If it doesn't, we'll be talking': the cue's own adverbial clause, no report before it
    return body


def that_read_as_adverb(that: Token, verb: Token) -> bool:
    """'tweeted in the early hours that X was …', 'reported at the time that X had …': the parse read the
    complement's 'that' as a relative adverb, of a clause hung on the cue or on the noun of its setting."""
    clause = that.head
    if that.dep_ != "advmod" or clause.i < that.i:
        return False
    if clause.dep_ == "advcl":
        return clause.head.i == verb.i
    noun = clause.head
    return clause.dep_ == "relcl" and noun.dep_ == "pobj" and noun.head.head.i == verb.i


def that_clause_past_setting(verb: Token) -> list[Token]:
    """'is telling customers at a popular Manchester breakfast spot that “I need you tomorrow.”', 'is right to
    note, however, that X': a 'that' clause after the cue's listener, setting or aside, which the parse hung on
    a noun of those words (or elsewhere), is what was said."""
    doc, inside = verb.doc, {t.i for t in verb.subtree}
    for t in doc[verb.i + 1 : min(verb.i + 16, verb.sent.end)]:
        if t.lower_ == "that" and (t.dep_ == "mark" or that_read_as_adverb(t, verb)):
            clause = t.head
            if clause.i <= t.i or t.i == verb.i + 1 or not any(c.dep_ in SUBJ for c in clause.children):
                return []
            return [x for x in doc[t.i : clause.right_edge.i + 1] if not x.is_space]
        if t.i not in inside or t.tag_.startswith("VB") or t.tag_ in {"WDT", "WP"} or is_quote(t):
            return []
    return []


FRAME_SETTING_DEPS = {"npadvmod", "advmod", "prep", "prt", "punct", "dative"}  # 'said on Saturday', 'told CNN'


def that_clause_read_as_relative(verb: Token) -> list[Token]:
    """'predicted at the last debate that Republicans will take “every state”': a 'that' clause after the cue's
    setting, which the parse read as a relative clause on the setting's noun although the clause already has
    its subject and object of its own; it is what was said."""
    doc, inside = verb.doc, {t.i for t in verb.subtree}
    for t in doc[verb.i + 1 : min(verb.i + 16, verb.sent.end)]:
        if t.i not in inside or is_quote(t) or t.text in FRAME_BOUNDS:
            return []
        if t.lower_ == "that" and t.tag_ == "WDT" and t.head.dep_ == "relcl" and t.head.head.i < t.i:
            clause = t.head
            filled = "dobj" if t.dep_ == "dobj" else "nsubj" if t.dep_ in SUBJ else ""
            if not filled or not any(c.dep_ in SUBJ and c.i != t.i for c in clause.children):
                return []
            if not any(c.dep_ in {filled, "nsubjpass"} and c.i != t.i and c.i > t.i for c in clause.children):
                return []
            return [x for x in doc[t.i : clause.right_edge.i + 1] if not x.is_space]
        if t.tag_.startswith("VB") or t.tag_ in {"WDT", "WP"}:
            return []
    return []


# prepositions of a cue's time or place setting that the parse may read as opening an adverbial clause
LEADING_SETTINGS = SETTING_PREPS | {"after", "before", "since", "following"}


def clause_read_as_setting(verb: Token) -> list[Token]:
    """'Pike said after the hearing he would not run again': a clause right after the cue's setting, which the
    parse read as an adverbial clause opened by the setting's preposition ('after the hearing he would …');
    the clause after the setting, with a subject of its own, is what was said."""
    doc = verb.doc
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.i < verb.i or any(c.dep_ == "mark" for c in clause.children):
            continue
        lead = clause.left_edge
        if lead.dep_ != "prep" or lead.lower_ not in LEADING_SETTINGS or lead.head.i != clause.i:
            continue
        if any(t.dep_ not in {"advmod", "neg"} for t in doc[verb.i + 1 : lead.i]):
            continue
        subject = next((c for c in clause.children if c.dep_ in SUBJ and c.i > lead.i), None)
        objects = [c for c in lead.children if c.dep_ == "pobj"]
        if subject is None or not objects or subject.left_edge.i != lead.right_edge.i + 1:
            continue
        return [x for x in doc[subject.left_edge.i : clause.right_edge.i + 1] if not x.is_space]
    return []


def frame_hung_on_host(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """'Ferry fares will rise this year, sooner than expected, the harbour board reported on Tuesday -- a turn
    that …': a cue and its speaker set off by a comma after the clause they report, which the parse hung on that
    clause (an adverbial clause or a conjunct of its verb), the frame closed by the sentence's end or a dash.
    The clause before the comma is what was said."""
    if kind != "speech" or subject is None or verb.tag_ not in FINITE_TAGS or subject.i > verb.i:
        return []
    if verb.dep_ not in {"advcl", "conj"} or verb.head.i > verb.i or any(c.dep_ == "mark" for c in verb.children):
        return []  # 'when he said', 'as he said': the writer's time or aside
    doc, sent = verb.doc, verb.sent
    left = subject.left_edge.i
    if left - 1 <= sent.start or doc[left - 1].text not in SET_OFF or verb.head.i >= left:
        return []
    inside = {t.i for t in subject.subtree}
    if any(t.i not in inside and t.dep_ not in VERB_LEFT for t in doc[left : verb.i]):
        return []
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ not in FRAME_SETTING_DEPS or (c.dep_ == "prep" and c.lower_ not in SETTING_PREPS | {"to"}):
            return []
    body = [t for t in doc[sent.start : left - 1] if not t.is_space]
    opens = [k for k, t in enumerate(body) if t.text in FRAME_BOUNDS]
    body = body[max(opens, default=-1) + 1 :]
    while body and (body[0].is_punct or body[0].lower_ in LEAD_DISCOURSE):
        body = body[1:]
    if words(body) < 4 or not any(t.tag_ in FINITE_TAGS for t in body) or is_quote(body[0]):
        return []
    if body[0].lower_ in CLAUSE_OPENERS and not any(t.text == "," for t in body):
        return []
    return body


def clause_after_comma(verb: Token, kind: CueKind, subject: Token | None) -> list[Token]:
    """'Harbour News’ Ana Ruiz previously reported, The board refused to publish the list.' / 'but I said, hey,
    you have to change it': a cue whose comma opens the clause it reports, which the parse made the sentence's
    main clause with the cue hung on it. What was said runs from the comma to the end of that clause."""
    if kind != "speech" or subject is None or subject.i > verb.i or verb.tag_ not in FINITE_TAGS:
        return []
    doc = verb.doc
    host = verb.head
    if host.i <= verb.i + 1 or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return []
    if any(c.dep_ == "mark" for c in verb.children) or not host.tag_.startswith("VB"):
        return []  # 'as he said, …', 'when she added, …': the writer's aside or time
    left = subject.left_edge.i
    before = doc[left - 1] if left > verb.sent.start else None
    if before is not None and before.text in SET_OFF:
        return []  # 'The pier, she said, …': a frame set in the clause (set_in_frame)
    if before is not None and not (before.is_punct or before.dep_ == "cc" or before.lower_ in LEAD_DISCOURSE):
        return []  # 'To see the real port, Mayor Ruiz said, …': the parse took words before the frame for its subject
    if not any(c.dep_ in SUBJ and c.i > verb.i + 1 for c in host.children):
        return []
    body = [t for t in doc[verb.i + 2 : host.right_edge.i + 1] if not t.is_space]
    while body and (body[-1].is_punct or body[-1].is_space):
        body = body[:-1]
    return body if words(body) >= 3 else []


AFTER_CLAIM_JOINS = {"but", "and", "while", "yet", "whereas", "though", "although"}


def according_source(obj: Token) -> Token:
    """Who speaks in 'according to X': X, or the one who made the thing X names ('according to a court document
    filed by the state attorney', 'according to an interview her brother gave to the Gazette')."""
    for child in obj.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i > obj.i:
            agent = passive_agent(child)
            if agent is not None:
                return agent
        if child.dep_ == "relcl" and child.i > obj.i and obj.lower_ in DELIVERED:
            subject = first_subject(child)
            if subject is not None and animate_subject(subject):
                return subject
    return obj


def according_body(sent: Span, according: Token, to: Token) -> list[Token]:
    """What an 'according to X' frame reports: the words on the longer side of it within its brackets
    ('Iowa (93 percent were white, according to exit polls), Ohio ...'), but the words before it when the
    words after only go on past it: 'Clinton leads by 271 delegates, according to a count, | but Sanders has
    vowed ...', 'Some 59 percent view her unfavorably, according to a poll last week | - about the same as ...'."""
    doc = according.doc
    phrase = {t.i for t in according.subtree} | {t.i for t in to.subtree}
    first, last = min(phrase), max(phrase)
    lo, hi = sent.start, sent.end
    opened = [t.i for t in doc[sent.start : first] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : first]):
        closed = [t.i for t in doc[last + 1 : sent.end] if t.text == ")"]
        if closed:
            lo, hi = opened[-1] + 1, closed[0]
    before = list(doc[lo:first])
    after = list(doc[last + 1 : hi])
    if words(after) >= words(before) and not open_ended(before) and any(t.tag_ in FINITE_TAGS for t in before):
        lead = [t for t in after if not (t.is_punct or t.is_space)][:1]
        if (lead and lead[0].lower_ in AFTER_CLAIM_JOINS) or not any(t.tag_ in FINITE_TAGS for t in after):
            return copula_dropped(before)
    return after if words(after) >= words(before) or open_ended(before) else copula_dropped(before)


# what may open a sentence before a mid-sentence frame without being what was said: 'Still, he said, “…”'
FRAME_LEAD_MORE = ["meanwhile", "moreover", "instead", "of course", "in addition", "at the same time", "in other words"]
FRAME_LEAD = re.compile(rf"(?:(?:{'|'.join(sorted(LEAD_DISCOURSE) + FRAME_LEAD_MORE)})\b[\s,]*)+", re.IGNORECASE)
FRAME_GAP = re.compile(r"[^“”\"'‘’\n;:.!?()]{0,40},[^\S\n]*(?:''|[“\"‘])?")  # ' in an interview afterward, “'
CLAUSE_JOIN = re.compile(r",[^\S\n]+(?:but|and|yet|so)[^\S\n]+")
OPEN_ENDS = OPEN_END_TAGS | {"WP"}  # 'including, he said, "…"': the words before run on into the frame


CLAUSE_BREAK = re.compile(r"[;:][\"”’']*\s+|\(")


def clause_opening(text: str, lo: int, end: int) -> int:
    """Where the clause before `end` opens inside a parsed sentence starting at lo: after its last ';' or ':', or
    inside a parenthesis still open. Not after a full stop, which inside one sentence closes an abbreviation
    ('So when the firm signaled a deal with Mr. Clarke, Mr. Barrett said, …')."""
    for m in reversed(list(CLAUSE_BREAK.finditer(text, lo, end))):
        before = text[lo : m.start()]
        if m.group() != "(" and before.count("(") > before.count(")") and ")" in text[m.end() : end]:
            continue  # 'The fund (set up in 2010; audited since) ran dry': a break inside closed brackets
        if m.group() != "(" or ")" not in text[m.end() : end]:
            lo = m.end()
            break
    return lo + len(text[lo:end]) - len(text[lo:end].lstrip())


def only_a_date(words: Sequence[Token]) -> bool:
    """'In 2008,' / 'During his years in office,': a phrase before a mid-sentence frame that says when, led by a
    preposition with a date or time in it and no verb; gold leaves these out of what was said."""
    return (
        bool(words)
        and words[0].tag_ == "IN"
        and any(t.ent_type_ in TIME_LABELS for t in words)
        and not any(t.tag_.startswith("VB") for t in words)
    )


def with_fronted_part(sent: Span, text: str, start: int, frame: tuple[int, int]) -> int:
    """'If Clinton is elected, he said, “she might be going back …”' / 'It is no surprise, Mr. Garin said, that
    …': when what was said starts right after a speaker-and-cue frame set off by commas in mid-sentence, and goes
    on in lower case (it continues the sentence), the sentence's words before the frame are said too; an
    opening 'But' or 'Still' stays out. Returns the content's new start (the old one when no such frame)."""
    fs, fe = frame
    inside = [t for t in sent if fs <= t.idx < fe and not t.is_space]
    if any(t.dep_ not in VERB_LEFT and t.text in SET_OFF | {"and", "or"} for t in inside):
        return start  # 'Axelrod emailed her, addressing her as …, and telling her, “…”': no bare frame
    gap = FRAME_GAP.fullmatch(text, fe, start)
    if gap is None or fs <= sent.start_char or not text[start:].lstrip(QUOTE_MARKS)[:1].islower():
        return start
    if any(t.tag_.startswith("VB") or t.lower_ in FRAME_STOPS for t in sent if fe <= t.idx < start):
        return start  # 'Abbott told the President that if he wants our guns, “come and take it.”': no bare frame
    lead = clause_opening(text, sent.start_char, fs)
    before = text[lead:fs].rstrip()
    if not before.endswith(","):
        return start
    joins = list(CLAUSE_JOIN.finditer(before, 0, len(before) - 1))
    lead = lead + joins[-1].end() if joins else lead  # 'X resisted, but the smog got so bad, he noted, that …'
    rest = FRAME_LEAD.match(text, lead, fs)
    first = rest.end() if rest else lead
    front_words = [t for t in sent if first <= t.idx < fs and not t.is_punct and not t.is_space]
    if (
        not front_words
        or front_words[-1].tag_ in OPEN_ENDS
        or front_words[-1].lower_ in {"including", "also"}
        or has_cue_verb(front_words)
    ):
        return start  # '… acknowledged the race was close, which is an outcome, he said, “…”': a report of its own
    if front_words[0].lower_ in OPENING_CONCESSIONS:
        return start  # 'Despite the expansion, he noted, spending is …': the writer's concession
    if only_a_date(front_words):
        return start  # 'In 2008, he said, the fund …': when it was so (or said), as with drop_leading_time
    if any(m in text[first:fs] for m in QUOTE_MARKS[:4]) or "''" in text[first:fs]:
        return start  # '“…,” he said, “…”': two quotes around the cue are joined elsewhere
    return front_words[0].idx


DASH_BEFORE_QUOTE = re.compile(r"[^\S\n]+(?:-|--|—|–)[^\S\n]*$")


def quote_after_dash(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], cue_start: int) -> int:
    """'Neither man was impressed by her - ''Born with a silver spoon,'' Mr. Elkins said - but …': before a
    closing cue, a quote set off by a dash from the writer's words before it is what was said, alone.
    Returns the content's new start (the quote's opening mark), else the old one."""
    if cue_start < end:
        return start
    last = next((q for q in quotes if start < q[0] < end <= q[1]), None)
    if last is None or text[end : last[1]].strip(QUOTE_MARKS + ",.!? "):
        return start  # the content ends with the quote (its closing marks aside)
    if not DASH_BEFORE_QUOTE.search(text, start, last[0]) or any(start < q[1] and q[0] < last[0] for q in quotes):
        return start
    return last[0]


def sentence_candidates(sent: Span, quotes: Sequence[tuple[int, int]], text: str) -> list[Candidate]:
    """Cue-driven candidates of one sentence; `text` is the document text (Doc.text rebuilds it per call)."""
    out: list[Candidate] = []
    for tok in sent:
        low = tok.text.lower()
        if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text.lower() == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            body = according_body(sent, tok, to)
            while body and (body[0].dep_ in {"cc", "punct"} or body[0].is_space):
                body = body[1:]
            body = drop_leading_concession(body, tok.i)
            if not body or not objs:
                continue
            start, end = token_span(body)
            source = according_source(objs[0])
            out.append(
                Candidate(start, end, "according to", tok.idx, to.idx + 2, "speech", speaker=mention_span(source))
            )
            continue
        if tok.tag_ in {"NN", "NNS"} and low in NOUN_CUES:
            found = noun_cue(tok, text)
            if found is not None:
                out.append(found)
                continue
        if (tok.tag_ in NAME_TAGS or misread_aux(tok)) and not in_spans(tok.idx, quotes):
            found = headline_cue(tok, text)
            if found is not None:
                out.append(found)
            continue
        kind = cue_kind(low) or ("speech" if goes_on_to(tok) else None)
        if kind is None or not tok.tag_.startswith("VB") or tok.dep_ in {"amod", "aux", "auxpass"}:
            continue
        if in_spans(tok.idx, quotes):
            continue  # a verb inside someone's quote is their wording, not the article's cue
        if text[tok.idx - 1 : tok.idx] in {"<", "/", "#", "@"}:
            continue  # markup and handles ('<tweet author=...>', '#Say'), not a verb
        subject = subject_of(tok)
        if subject is not None and (
            (subject.tag_ in {"DT", "WDT", "EX"} and not speaking_determiner(subject))
            or (subject.text.lower() == "it" and kind == "belief")
        ):
            continue  # "That said, ...", "it seems": no one speaks
        if (kind == "speech" and addresses_reader(tok, subject)) or other_sense(tok):
            continue
        cs, ce = cue_text_span(tok)
        speaker = mention_span(subject) if subject is not None else None
        near = adjacent_quote(text, quotes, cs, ce, sent) if kind == "speech" else None
        if near is not None and names_a_title(text, *near):
            near = None  # 'told Fox News’ “Sunday Morning Futures,”': a programme, not speech
        if near is not None and another_cue_between(tok, near[0]):
            near = None  # 'urged women to vote for her, saying, “…”': the quote is the next cue's
        if near is not None and own_clause_after(tok, quotes):
            near = None  # 'on “Hannity,” Smith said that ...': the quote before is a name, the clause is what was said
        frame = (min(cs, speaker.start_char), max(ce, speaker.end_char)) if speaker is not None else (cs, ce)
        if near is not None:
            near = (with_fronted_part(sent, text, near[0], frame), near[1])
            out.append(Candidate(*near, text[cs:ce], cs, ce, kind, speaker=speaker))
            continue
        toks = drop_anonymity(drop_trailing_aside(drop_leading_time(content_tokens(tok, kind, subject))))
        toks = toks or set_in_frame(tok, kind, subject) or closing_frame_content(tok, kind, subject)
        toks = toks or frame_hung_on_host(tok, kind, subject) or clause_after_comma(tok, kind, subject)
        toks = toks or (that_clause_past_setting(tok) or that_clause_read_as_relative(tok) if kind == "speech" else [])
        toks = toks or (clause_read_as_setting(tok) if kind == "speech" else [])
        toks = drop_leading_concession(toks, tok.i)
        if toks:
            start, end = token_span(toks)
            fronted = with_fronted_part(sent, text, start, frame)
            clausal = fronted < start or any(t.dep_ in {"ccomp", "parataxis"} or t.i == tok.head.i for t in toks)
            start = quote_after_dash(text, fronted, end, quotes, cs)
            out.append(Candidate(start, end, text[cs:ce], cs, ce, kind, speaker=speaker, clausal=clausal))
        elif kind == "speech" and not any(c.dep_ in NOMINAL_CONTENT | {"ccomp"} and c.i > tok.i for c in tok.children):
            out.append(Candidate(-1, -1, text[cs:ce], cs, ce, kind, speaker=speaker))  # content elsewhere
    return out


GO_FORMS = frozenset(inflect("go")) | {"went", "gone"}
# what a speaker 'went on to' do that reports words though the verb alone is no cue ('went on to list reasons')
GOING_ON_VERBS = frozenset({"contrast", "compare", "name", "list", "jab", "detail", "outline", "enumerate"})


def going_on(verb: Token) -> Token | None:
    """The 'go' of 'went on to V' / 'going on to V' that the verb completes, else None."""
    head = verb.head
    if verb.dep_ not in {"xcomp", "advcl"} or not head.i < verb.i or head.lower_ not in GO_FORMS:
        return None
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return None
    return head if any(c.lower_ == "on" and c.dep_ in {"prt", "advmod", "prep"} for c in head.children) else None


def goes_on_to(verb: Token) -> bool:
    """'…, Sanders said, going on to contrast her plans with his' and 'He went on to name cities that …': the
    next thing a speaker did in words; news reads the phrase as a cue of its own."""
    return verb.lower_ in GOING_ON_VERBS and going_on(verb) is not None


TITLE_SMALL = {"with", "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "or", "from"}
TITLE_LEAD = re.compile(r"(?:[’']s|\bon|\bof|\bfor|\bwith|\bin)\s*$")


def names_a_title(text: str, start: int, end: int) -> bool:
    """'on CNN’s “State of the Union,”': a short title-case quote after a possessive or preposition names a show."""
    words = re.findall(r"[A-Za-z][\w’'.-]*", text[start:end])
    if not 2 <= len(words) <= 6 or not all(w[0].isupper() or w.lower() in TITLE_SMALL for w in words):
        return False
    return TITLE_LEAD.search(text, max(0, start - 12), start) is not None


# quantifiers that stand for people ("Some have suggested", "Many say", "those who know him argue")
PEOPLE_DETERMINERS = {"some", "many", "others", "both", "all", "few", "most", "several", "none", "each", "another"}
INFINITIVE_CONTENT = {"pledge", "vow", "promise", "threaten", "urge"}


PEOPLE_MODIFIERS = {"relcl", "acl", "amod", "prep", "advmod"}  # 'those who ...', 'those surveyed', 'those close to him'


def speaking_determiner(subject: Token) -> bool:
    """'Some', 'Many', 'Another', 'those who ...', 'those surveyed' as a subject are people; 'That said',
    'This shows' are not."""
    low = subject.text.lower()
    return low in PEOPLE_DETERMINERS or (
        low == "those" and any(c.dep_ in PEOPLE_MODIFIERS and c.i > subject.i for c in subject.children)
    )


CAUSE_MARKS = {"because", "since", "although", "though"}  # adverbial-clause openers of cause and concession
ADVERBIAL_MARKS = TIME_MARKS | CAUSE_MARKS
CLAUSE_OPENERS = ADVERBIAL_MARKS | {"if", "unless"}  # what opens a clause before or after its cue


def reported_clause(clause: Token) -> bool:
    """A clause with a subject of its own, no adverbial mark and no relative pronoun: 'said [that] the
    levee held', not a misparsed 'said, as fighters worked out' or 'said of Corp., whose unit moved'."""
    marks = {c.text.lower() for c in clause.children if c.dep_ == "mark"}
    subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in clause.children)
    first = clause.left_edge
    relative = first.tag_ == "WP$" or (first.tag_ in {"WDT", "WP"} and first.i > 0 and first.nbor(-1).text == ",")
    return subject and not relative and not marks & ADVERBIAL_MARKS


def own_clause_after(verb: Token, quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether the cue verb has a reported clause of its own after it that does not open with a quote."""
    return any(
        c.dep_ == "ccomp"
        and c.i > verb.i
        and c.left_edge.i > verb.i
        and not in_spans(c.left_edge.idx, quotes)
        and reported_clause(c)
        for c in verb.children
    )


NESTED_DROP: set[str] = {"belief"}
GAP_BEFORE_CUE = re.compile(r"[^!?;“”\"\n]{0,220}")  # no sentence break either (NEW_SENTENCE)
# a sentence break: . ! ? then a capital, but not after an initial or a short capitalised
# abbreviation ('Mr. Sanders', 'U.S. officials', 'Cambridge, Mass., said')
NOT_AN_ABBREVIATION = r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3})"
NEW_SENTENCE = re.compile(NOT_AN_ABBREVIATION + r"[.!?][\"”’']*\s+[A-Z]")
GAP_AFTER_CUE = re.compile(r"(?:[^.!?;“”\"\n]{0,60}[,:])?\s*")  # "said: “…”", "writing “…”"
ENDS_CLAUSE = re.compile(r"[.!?]?[^\S\n]*(?:\n|$)")


def before_closer(text: str, qe: int) -> str:
    """The character just inside a quote's closing mark ('“Go,”' and "''Go,''" both give ',')."""
    mark = 2 if text[qe - 2 : qe] in {"''", "’’"} else 1
    # '“… he said, ‘I hope so,’”': past the inner quote's closer, and the space the NYT sets between the two
    # ("''… the term 'levee plan,' ''")
    inner = text[: qe - mark].rstrip().rstrip("’'")
    return inner[-1:]


SENTENCE_END = re.compile(r"[.!?;:][\"”’']*\s+")


def clause_start(text: str, qs: int) -> int:
    """Where the sentence holding offset qs starts: after the last . ! ? ; : in its paragraph, or inside
    a parenthesis still open before qs ('… blowback ("I want my dues back," wrote one member)')."""
    lo = text.rfind("\n", 0, qs) + 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, qs)]
    lo = ends[-1] if ends else lo
    paren = text.rfind("(", lo, qs)
    if paren >= 0 and ")" not in text[paren:qs]:
        lo = paren + 1
    return lo + len(text[lo:qs]) - len(text[lo:qs].lstrip())


def unpunctuated_close(sent: Span, text: str, qs: int, qe: int, cue_start: int) -> bool:
    """'"We won the state tonight" the campaign manager said.': a sentence-opening quote of five words or
    more closed with no comma, then nothing but a subject (a noun phrase or a pronoun) before the cue."""
    if len(text[qs:qe].split()) < 5 or not before_closer(text, qe).isalnum() or clause_start(text, qs) != qs:
        return False
    gap = [t for t in sent if qe <= t.idx < cue_start]
    return 0 < len(gap) <= 8 and all(t.tag_ in NOUN_RUN_OR_PRONOUN for t in gap)


NOUN_USE = {"NN", "NNS", "NNP", "NNPS", "JJ"}
NAME_MARKS = {'"', "“", "”", "‘", "’", "'"}
NAME_BEFORE = re.compile(r"\b[A-Z][\w.’']*[^\S\n]$")
NAME_AFTER = re.compile(r"[^\S\n][A-Z][a-z’']")


def nickname(text: str, qs: int, qe: int) -> bool:
    """'Marcia "Cia" Price', 'Thomas P. “Tip” O’Neill': one or two capitalised words quoted between a first
    name and a surname are part of a name, not words anyone said."""
    inner = text[qs + 1 : qe - 1]
    words = inner.split()
    return (
        0 < len(words) <= 2
        and len(inner) <= 25
        and all(w[:1].isupper() for w in words)
        and inner[-1:].isalpha()
        and NAME_BEFORE.search(text, max(0, qs - 30), qs) is not None
        and NAME_AFTER.match(text, qe) is not None
    )


def speech_verb_between(doc: Doc, gap_words: Sequence[str], start: int, end: int) -> bool:
    """A speech cue in the words between a quote and a later cue ('“A,” she said, and Lee added'): the
    quote is the first cue's. A cue word the parser reads as a noun or an adjective is no cue ('“A!” the
    niece, state Del. Lena Roe, shouted')."""
    if not any(cue_kind(w.strip(",")) == "speech" for w in gap_words):
        return False
    gap = doc.char_span(start, end, alignment_mode="expand")
    toks = [t for t in gap or () if start <= t.idx < end and cue_kind(t.lower_) == "speech"]
    return not toks or any(t.tag_ not in NOUN_USE for t in toks)


def framed_before(text: str, quotes: Sequence[tuple[int, int]], lead: int, qs: int) -> bool:
    """'“A,” she said, but despite the tone, “B,” Kunin said': a quote of the same sentence before `qs` with a
    speech cue after it, a turn of its own; quoted words inside the clause ('… words like “maybe” and
    “perhaps,” he said') are the clause's, and the parse finds the mixed content."""
    before = [b for a, b in quotes if lead <= a < qs]
    return bool(before) and any(cue_kind(w.strip(",.;:—")) == "speech" for w in text[before[-1] : qs].split())


def adjacent_quote(
    text: str, quotes: Sequence[tuple[int, int]], cue_start: int, cue_end: int, sent: Span
) -> tuple[int, int] | None:
    """A quote right before the cue ('“…,” the minister said') or right after it ('he said: “…”')."""
    i = bisect.bisect_right(quotes, (cue_start, 1 << 62))
    j = i
    while j > 0 and nickname(text, *quotes[j - 1]):
        j -= 1  # 'Del. Marcia "Cia" Price': the marks round a nickname in the speaker's name
    if j > 0:
        qs, qe = quotes[j - 1]
        names = quotes[j:i]
        gap = "".join(" " if text[k] in NAME_MARKS and in_spans(k, names) else text[k] for k in range(qe, cue_start))
        gap_words = gap.split()
        closes_speech = (
            before_closer(text, qe) in {",", "?", "!", "—", "-"}
            or text[qe - 1] in ",?!"
            or text[qe : qe + 1] == ","
            or unpunctuated_close(sent, text, qs, qe, cue_start)
        )
        if (
            qe <= cue_start
            and closes_speech
            and GAP_BEFORE_CUE.fullmatch(gap)
            and not NEW_SENTENCE.search(gap + text[cue_start])
            and not speech_verb_between(sent.doc, gap_words, qe, cue_start)
        ):
            lead = clause_start(text, qs)
            if len(text[lead:qs].split()) < 2 or framed_before(text, quotes, lead, qs):
                return qs, qe
            # else 'the minister “looked ashen,” Arad said': the parse finds the mixed content, unless
            # a quote follows the cue ('When a man shouted, “Go,” Beck joked, “…”')
    if i < len(quotes):
        qs, qe = quotes[i]
        framed = text[cue_end:qs].strip().endswith((",", ":"))
        if qs >= cue_end and GAP_AFTER_CUE.fullmatch(text, cue_end, qs) and (framed or ENDS_CLAUSE.match(text, qe)):
            # 'writing “…”' with no comma only when the quote ends the sentence
            return interrupted_sentence(text, sent, cue_start, qs, qe) or (qs, qe)
    return None


CLAUSE_REST = re.compile(r"[^.!?\n]*")
SUBJECT_TAGS = {"DT", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "CD", "PDT"}
NP_VERB_DEPS = {"amod", "compound", "case"}  # 'pumping station', a possessive 's the tagger read as a verb


def is_noun_phrase(tokens: Sequence[Token]) -> bool:
    """'the county’s new pumping station', not a clause ('the first incident came during a speech')."""
    return (
        len(tokens) >= 2
        and tokens[0].tag_ in SUBJECT_TAGS
        and not any(
            t.tag_ == "MD" or (t.tag_.startswith("VB") and t.dep_ not in NP_VERB_DEPS and t.lower_ not in {"’s", "'s"})
            for t in tokens
        )
    )


def interrupted_sentence(text: str, sent: Span, cue_start: int, qs: int, qe: int) -> tuple[int, int] | None:
    """'The club’s investment, Ms. Tanzer said, “is a perfect example” of adapting.': the cue interrupts
    a sentence whose subject comes before it and whose predicate the quote opens (in lower case); the
    statement is the whole sentence."""
    words = text[qs:qe].lstrip(QUOTE_MARKS + " ")
    lead = max(sent.start_char, text.rfind("\n", 0, cue_start) + 1)
    head = text[lead:cue_start]
    if not words[:1].islower() or "," not in head or any(m in head for m in QUOTE_MARKS[:3]):
        return None
    comma = lead + head.index(",")
    subject = [t for t in sent.doc[sent.start : sent.end] if lead <= t.idx < comma and not t.is_space]
    between = text[comma + 1 : cue_start]
    if not is_noun_phrase(subject) or len(between.split()) > 6 or "," in between:
        return None
    end = qe if before_closer(text, qe) in {".", "!", "?"} else CLAUSE_REST.match(text, qe).end()  # type: ignore[union-attr]
    return trim(text, lead, end)


CONTINUED = re.compile(r"[^.!?\n“”\"]{1,100}[.!?,]\s*")


def continues_attributed(q: tuple[int, int], text: str, claimed: Sequence[tuple[int, int]]) -> bool:
    """'“A,” he said. “B.”': B belongs to the statement that A opens."""
    return any(b <= q[0] and CONTINUED.fullmatch(text, b, q[0]) for _, b in claimed)


def attach_adjacent(cands: list[Candidate], sents: list[Span], quotes: Sequence[tuple[int, int]], text: str) -> None:
    """Cues without content ('he said.', 'Smith said:') take the quote of the sentence before or after."""
    starts = [s.start_char for s in sents]
    claimed = [(c.start, c.end) for c in cands if c.start >= 0]
    for c in cands:
        if c.start >= 0 or c.kind != "speech":
            continue
        si = bisect.bisect_right(starts, c.cue_start) - 1
        sent = sents[si]
        after = text[c.cue_end : sent.end_char].strip()
        options: list[tuple[int, int]] = []
        if after.endswith(":") or (after == "" and text[sent.start_char : c.cue_start].strip() == ""):
            options = [q for q in quotes if sent.end_char <= q[0] < sent.end_char + 400]
        lead = text[sent.start_char : c.cue_start]
        bare = (after in {"", ".", "!"} or setting_after_cue(text, sent, c.cue_end)) and (
            not lead.strip() or (c.speaker is not None and c.speaker.start_char >= sent.start_char)
        )
        if not options and si > 0 and bare:
            # "He said." after a quote: that quote, unless it already continues an attributed one
            prev = sents[si - 1]
            options = [q for q in quotes if prev.start_char <= q[0] and q[1] <= sent.start_char + 2]
            options = options[-1:]
        else:
            options = options[:1]
        for q in options:
            if not overlaps_any(q, claimed) and not continues_attributed(q, text, claimed):
                c.start, c.end = q
                claimed.append(q)
        if (
            c.start < 0
            and after == "."
            and c.speaker is not None
            and not text[sent.start_char : c.speaker.start_char].strip()
        ):
            nxt = quote_after_sentence(text, quotes, sent.end_char)
            if nxt is not None and not overlaps_any(nxt, claimed):
                c.start, c.end = nxt  # 'Oren Pike agreed. “…”': the quote that follows, when none comes before
                claimed.append(nxt)
        if c.start < 0:
            found = clause_on_a_noun(sent, c.cue_end)
            if found is not None and not overlaps_any(found, claimed):
                c.start, c.end = found
                claimed.append(found)
    if sents:
        participles_take_next_quote(cands, sents[0].doc, quotes, text)


def setting_after_cue(text: str, sent: Span, cue_end: int) -> bool:
    """'“A,” | Sexton said in a phone interview.' (the parse split the sentence after a quote broken off at a
    comma): the cue's sentence goes on only with a few words of setting or listener ('in a phone interview',
    'on Friday', 'told reporters'), no verb, no quote of its own, so the cue is as bare as 'Sexton said.'"""
    before = text[: sent.start_char].rstrip()
    if not before.endswith(tuple(QUOTE_CLOSERS)) or not before.rstrip(QUOTE_MARKS).endswith(","):
        return False  # the sentence before is not a quote broken off at a comma ('“A,”')
    rest = [t for t in sent if t.idx >= cue_end and not t.is_space]
    if not 2 <= len(rest) <= 8 or rest[-1].text not in {".", "!"}:
        return False
    return not any(t.tag_.startswith("VB") or t.tag_ == "MD" or t.text in QUOTE_MARKS + "''``" for t in rest)


def quote_after_sentence(text: str, quotes: Sequence[tuple[int, int]], end: int) -> tuple[int, int] | None:
    """The quote opening the next sentence of the same paragraph, unless a frame of its own follows it ('“B,”
    Lee added')."""
    i = bisect.bisect_left(quotes, (end, -1))
    if i >= len(quotes) or text[end : quotes[i][0]].strip(" \t\xa0"):
        return None
    qs, qe = quotes[i]
    return None if before_closer(text, qe) == "," else (qs, qe)


# the end of a participle's paraphrase and the opening of the next quote in the same paragraph
TO_NEXT_QUOTE = re.compile(r"[^\S\n]*[.;:][^\S\n]*")


def second_report(sdoc: Doc, c: Candidate) -> bool:
    """'…, Pike said, adding that P': a participle cue hanging on another speech cue, reporting a clause
    (not 'mocking concerns about …', 'asking for anonymity', nor a relative clause's 'criticizing')."""
    if c.kind != "speech" or c.start < c.cue_end:
        return False
    verb = cue_verb(sdoc, c)
    go = going_on(verb) if verb is not None else None
    if go is not None and go.tag_ == "VBG":
        verb = go  # ', going on to contrast her plans with his': the participle phrase reports what came next
    elif not c.clausal or not c.cue.split()[0].lower().endswith("ing"):
        return False
    return verb is not None and verb.dep_ in {"advcl", "xcomp", "conj"} and after_speech_verb(verb)


def cue_verb(sdoc: Doc, c: Candidate) -> Token | None:
    """The first token of a candidate's cue."""
    cue = sdoc.char_span(c.cue_start, c.cue_end, alignment_mode="expand")
    return cue[0] if cue is not None and len(cue) else None


def after_speech_verb(verb: Token) -> bool:
    """Whether the verb hangs on an earlier speech verb."""
    return verb.head.i < verb.i and cue_kind(verb.head.lower_) == "speech"


def coordinated_report(sdoc: Doc, c: Candidate) -> bool:
    """'“A,” she told the crowd, then referred to his slogan. “B.”': a second speech verb of the same
    speaker, coordinated after the first cue, with content of its own after it."""
    if c.kind != "speech" or c.start < c.cue_end or c.cue_start < 0:
        return False
    verb = cue_verb(sdoc, c)
    return (
        verb is not None
        and verb.dep_ in {"conj", "dep"}  # ', then mocked his slogan' is read as a loose dependent
        and verb.tag_ in {"VBD", "VBZ"}
        and after_speech_verb(verb)
    )


def participles_take_next_quote(
    cands: list[Candidate], sdoc: Doc, quotes: Sequence[tuple[int, int]], text: str
) -> None:
    """'“A,” Pike said, adding that P. “B.”': the quote after a participle cue's paraphrase goes on that
    statement ('adding' P then B), not on the first cue's ('said' A); the reader sees two statements."""
    claimed = [(c.start, c.end) for c in cands if c.start >= 0]
    starts = [q[0] for q in quotes]
    for c in cands:
        if not (second_report(sdoc, c) or coordinated_report(sdoc, c)):
            continue
        if overlaps_any((c.start, c.end), quotes):
            continue  # the participle's content already holds quoted words
        i = bisect.bisect_left(starts, c.end)
        if i >= len(quotes) or not TO_NEXT_QUOTE.fullmatch(text, c.end, quotes[i][0]):
            continue
        qs, qe = quotes[i]
        if overlaps_any((qs, qe), claimed) or before_closer(text, qe) == ",":
            continue  # the quote has a cue of its own ('“B,” she said')
        c.end = qe
        claimed.append((qs, qe))


def clause_on_a_noun(sent: Span, cue_end: int) -> tuple[int, int] | None:
    """'says in a statement that Trump’s “rhetoric has crossed the line.”': the parse hung the 'that'
    clause of a cue with no content of its own on the noun before it; that clause is what was said."""
    for tok in sent:
        if tok.idx < cue_end or tok.dep_ != "mark" or tok.text.lower() != "that":
            continue
        clause = tok.head
        if clause.dep_ not in {"relcl", "acl"} or clause.head.i > tok.i:
            return None
        end = clause.right_edge.idx + len(clause.right_edge.text)
        return tok.idx, end
    return None


def tail_frame(sent: Span, text: str) -> Candidate | None:
    """', Russian media reports.' ending a sentence: an outer reporter of what the sentence says."""
    m = TAIL_FRAME.search(text, sent.start_char, sent.end_char)
    if m is None or (m.end() < sent.end_char - 1 and text[m.end() : sent.end_char].strip()):
        return None
    if not m.group(0).rstrip().endswith((".", "!")) and not ENDS_CLAUSE.match(text, sent.end_char):
        return None  # 'Clinton mentioned disparaging remarks | Trump had made …': the parse split a sentence
    verb = m.group(2)
    if cue_kind(verb) != "speech" or (not verb.endswith(("s", "ed")) and verb not in {"said", "says"}):
        return None
    if NOUN_BEFORE.search(text, sent.start_char, m.start(2)):
        return None  # ', applauded Clinton’s remarks.': a noun, not the frame's verb
    who = m.group(1)
    named = any(w[:1].isupper() for w in who.split()) and who.split()[-1].lower() not in {"he", "she", "they"}
    if not named and not re.search(r"\b(?:poll|survey|report|study|media|data|analysis|officials?)\b", who):
        return None
    start, end = trim(text, sent.start_char, m.start())
    return Candidate(
        start, end, verb, m.start(2), m.end(2), "speech",
        speaker_text=who, speaker_start=m.start(1), speaker_end=m.end(1),
    )  # fmt: skip


# the rest of the cue's sentence up to the next quote, in the same paragraph (a quote opening the
# next paragraph is a statement of its own): any clause, short quoted titles included ('he said on
# “Meet the Press.”'), but no second sentence
CUE_SENTENCE_REST = re.compile(
    r"(?:[^\n“”\"]|“[^“”\n]{1,60}”|\"[^\"\n]{1,60}\"){0,250}?"
    r"(?:[.!?,](?:[\"”]|'')?|“[^“”\n]{0,59}[.!?,]”|\"[^\"\n]{0,59}[.!?,]\")[^\S\n]*|[^\S\n]*"
)  # a straight-quoted or ''…'' title as well ('on "Shark Tank."', "on ''Meet the Press.''"), ending the sentence too

# a clause with a new subject coordinated after the cue ('…, and her husband cut in.'): someone else talks next
SECOND_SPEAKER = re.compile(r",\s+(?:and|but|then)\s+(?:his|her|their|the|a|an|another)\s")


# a second verb of the same speaker coordinated after the cue ('…, then referred to his slogan.')
SECOND_VERB = re.compile(r"(?:,[^\S\n]*|[^\S\n]+)(?:and[^\S\n]+then|then|and)[^\S\n]+(?:also[^\S\n]+)?[a-z]+ed\b")


SENTENCE_BEFORE_QUOTE = re.compile(r"[.!?][\"”’']*\s+$")


def stray_opening_mark(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> int:
    """'The solution, the partner told them, was simple. ''Just put your money in Vanguard,'' he said.': words
    that end on the opening marks of a quote opening the next sentence (the parse hung the '' on the sentence
    before) stop before them; grown over that quote, they would take the next statement's words as theirs."""
    for qs, _ in quotes:
        if start < qs < end <= qs + 2 and SENTENCE_BEFORE_QUOTE.search(text, start, qs):
            return qs
    return end


def join_around_cue(
    c: Candidate, quotes: Sequence[tuple[int, int]], text: str, speaker: tuple[int, int], owned: set[int]
) -> None:
    """'“A,” he said, “B.”' and '“A,” he said on Fox, [a clause]. “B.”': one statement over both quotes, or
    over the one quote that stands for both better than a span over the words between ('“No,” said Ivo
    Brandt, the county engineer who has run the dam since 1998. “We will not open the gates …”')."""
    opening = opening_fragment(c.speaker.doc, text, c, speaker) if c.speaker is not None else None
    if opening is not None:
        c.start = opening
    if c.end > c.cue_start:
        return
    tail = max(c.cue_end, speaker[1])
    rest_of_sentence = coordinated_rest(c.speaker.doc, text, tail) if c.speaker is not None else None
    rest_of_sentence = rest_of_sentence or clause_after_frame_break(text, tail)
    if rest_of_sentence is not None:
        c.end = trim(text, c.start, rest_of_sentence)[1]
        tail = rest_of_sentence
    for qs, qe in quotes:
        if qs < c.cue_end or qe <= tail:
            continue
        if qs in owned:
            return  # the next quote has a cue of its own
        rest = text[tail:qs]
        beyond = qs < tail or NEW_SENTENCE.search(rest) or not CUE_SENTENCE_REST.fullmatch(rest)
        if beyond and not (qs >= tail and lead_in_sentence(rest)):  # 'he said outside. But “B.”' goes on
            if qe - qs <= 62 and "\n" not in text[tail:qe] and not NEW_SENTENCE.search(rest):
                continue  # a title inside the cue's sentence ('told NBC’s “Today” on Monday.')
            return
        if SECOND_VERB.search(rest):
            return  # '“A,” she told the crowd, then referred to his slogan. “B.”': B is the second verb's
        if SECOND_SPEAKER.search(rest):
            return  # '“A,” Ebeling said, and her husband cut in. “B.”': the next quote is the other person's
        end = run_on_end(text, quotes, qe)
        choice = "both" if goes_on(text, c.end, qs) else cover_choice(c.end - c.start, qs - c.end, end - qs)
        if choice == "both":
            c.end = end
        elif choice == "second":
            c.start, c.end = qs, end
        return


# the few words of the writer's that open the next sentence and lead into its quote ('But ', 'Now, ', 'That makes her ')
LEAD_IN = re.compile(r"[^\S\n]*[A-Z][^.!?:;\n“”\"]{0,60}")


def lead_in_sentence(rest: str) -> bool:
    """'“I won’t call it do or die,” Pike said outside the hall. But “an endorsement like this helps.”': the cue's
    sentence ends, and the next one opens on a few words of the writer's (at most seven, no cue of their own)
    that lead into a quote going on with what was said; not a sentence of narration of its own ('He holds
    two degrees and has worked there 24 years. “But I like …”')."""
    breaks = list(NEW_SENTENCE.finditer(rest))
    if len(breaks) != 1 or "\n" in rest:
        return False
    cut = breaks[0].end() - 1
    lead = rest[cut:]
    return (
        bool(CUE_SENTENCE_REST.fullmatch(rest, 0, cut))
        and bool(LEAD_IN.fullmatch(lead))
        and 1 <= len(lead.split()) <= 7
        and not any(cue_kind(w.strip(",").lower()) == "speech" for w in lead.split())
    )


# ', and' or ', or' right after the cue and its speaker, on to the end of the sentence ('“A,” she said, and “B.”')
COORDINATED_REST = re.compile(r"[^\S\n]*,[^\S\n]+(and|or)[^\S\n]+[^\n]*?[.!?][\"”’']*(?=\s|$)")


def coordinated_rest(doc: Doc, text: str, tail: int) -> int | None:
    """'Mills “got an immunity agreement,” Jordan said, and still “got to sit in on” the interview.' and
    'He had no known ties, the airline added, and had passed all checks.': a verb phrase or a quote coordinated
    after the cue goes on with what was said; a clause with a subject of its own is narration (', and soon the
    crowd was cheering') and a verb ending in -ed is the speaker's next act (', and walked out')."""
    m = COORDINATED_REST.match(text, tail)
    if m is None or SECOND_VERB.match(text, tail):
        return None
    span = doc.char_span(m.end(1), m.end(), alignment_mode="expand")
    first = next((t for t in span or () if not t.is_space and t.tag_ != "RB"), None)  # 'and still “got …”'
    if first is None or not (first.tag_.startswith("VB") or first.tag_ == "MD" or first.text in QUOTE_OPENERS):
        return None
    return m.end()


# a semicolon or colon right after the cue and its speaker (a few words of setting between at most), then the
# rest of the sentence in the writer's words, no quote: '…, he said; his agents found them.' / '…, insiders said: …'
FRAME_BREAK_REST = re.compile(
    r"[^\S\n]*(?:[^\S\n][^,;:.!?\n“”\"']{1,40})?[;:][^\S\n]+(?=[^\s“”\"'‘`])([^\n“”\"]*?"
    + NOT_AN_ABBREVIATION
    + r"[.!?])(?=\s|$)"
)  # the sentence ends at a full stop that is not an initial or 'Mr.' ('…, he said; Mr. Lee agreed.')


def clause_after_frame_break(text: str, tail: int) -> int | None:
    """'She did receive some emails with classified markings, he said; his agents found them during their
    investigation.' and 'A number of factors make a surge unlikely, insiders said: the lead in the polls, …':
    a clause after a semicolon or colon that ends the cue's frame goes on with what was said (a quote there is
    a statement of its own: '…,” Trump said before adding: “…”'); where it ends, else None."""
    m = FRAME_BREAK_REST.match(text, tail)
    if m is None or any(cue_kind(w.lower()) == "speech" for w in re.findall(r"[A-Za-z]+", m.group(1))):
        return None  # '…, he said; Mr. Lee agreed with him.': a report of its own, someone else's
    return m.end()


def opening_fragment(doc: Doc, text: str, c: Candidate, speaker: tuple[int, int]) -> int | None:
    """'If the levee holds, Mayor Pike said, “the town will be dry by Friday.”': a cue set off by commas inside a
    sentence whose words go on in lower case after it; the words before the cue open what was said. Not
    'Asked about the levee, Pike said: “It will hold.”' (a new sentence after the cue), nor a fragment with a
    comma of its own ('In Dunmore, where the river rose, Pike said, …')."""
    if c.start < c.cue_end or c.kind != "speech" or not c.clausal:
        return None
    head = min(c.cue_start, speaker[0]) if speaker[0] >= 0 else c.cue_start
    if text_between(text, max(c.cue_end, speaker[1]), c.start) != ",":
        return None
    if not text[c.start : c.end].lstrip(QUOTE_MARKS + " ")[:1].islower():
        return None
    cue = doc.char_span(c.cue_start, c.cue_end, alignment_mode="expand")
    if cue is None or len(cue) != 1 or cue[0].tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # a finite verb set off on its own, not 'according to' or 'written by'
    start = cue.sent.start_char
    front = text[start:head].rstrip()
    if not front.endswith(",") or "," in front[:-1] or len(front.split()) < 2 or "\n" in front:
        return None
    lead = doc.char_span(start, start + len(front) - 1, alignment_mode="expand")
    return (
        None if lead is None or only_a_date(list(lead)) else start
    )  # 'In 2010, the clerk said, …' (with_fronted_part)


def text_between(text: str, start: int, end: int) -> str:
    """The marks between two spans, spaces and quote marks aside."""
    return text[start:end].strip(QUOTE_MARKS + " ") if start <= end else "?"


def run_on_end(text: str, quotes: Sequence[tuple[int, int]], end: int) -> int:
    """The end of a quote run on by the next ones, with nothing between ('“B.” “C.”')."""
    for qs, qe in quotes:
        if qs >= end and not text[end:qs].strip(" \t\xa0"):
            end = qe
    return end


def goes_on(text: str, first_end: int, qs: int) -> bool:
    """'“The bill,” said Senator Baker, “is dead on arrival.”': the second quote goes on with the sentence the
    first broke off at a comma; either alone is a fragment no reader could cite, so the statement is both."""
    return (
        text[:first_end].rstrip(QUOTE_MARKS + " ").endswith(",") and text[qs:].lstrip(QUOTE_MARKS + " ")[:1].islower()
    )


def quote_after_frame(
    frame: Candidate, sent_end: int, text: str, quotes: Sequence[tuple[int, int]], cands: Sequence[Candidate]
) -> tuple[int, int]:
    """'Or maybe the governor, consultant Ivo Brandt says. “Several polls suggest a second look …”': a quote
    sentence right after a tail frame's sentence (no frame of its own, no other statement's) goes on with what
    was said, as after '“A,” he said.'; the span that stands best for both (cover_choice)."""
    q = quote_after_sentence(text, quotes, sent_end)
    if q is None or overlaps_any(q, [(c.start, c.end) for c in cands]) or not quote_sentence(text, quotes, q):
        return frame.start, frame.end
    end = run_on_end(text, quotes, q[1])
    choice = cover_choice(frame.end - frame.start, q[0] - frame.end, end - q[0])
    return {"both": (frame.start, end), "second": (q[0], end)}.get(choice, (frame.start, frame.end))


def cover_choice(first: int, gap: int, second: int) -> str:
    """Which span stands best for a statement of two quotes around its cue, one span being all a
    statement has: both quotes (the words between included), the first alone or the second alone."""
    scores = {
        "both": join_overlap(first, gap, second),
        "first": 2 * first / (2 * first + second),
        "second": 2 * second / (2 * second + first),
    }
    return max(scores, key=lambda k: scores[k])


def covers_both(first: int, gap: int, second: int) -> bool:
    """Whether one span over two quotes of a statement (the words between included) still stands for
    both: its overlap with the two quotes reaches the match threshold."""
    return join_overlap(first, gap, second) >= 0.5


def join_overlap(first: int, gap: int, second: int) -> float:
    """The overlap F1 of one span over two quotes (the words between included) with the two quotes."""
    return 2 * (first + second) / (2 * (first + second) + gap)


def cue_inside(c: Candidate, other: Candidate) -> bool:
    """Whether c's cue sits inside the other statement's content. The nested-report rules (nested_drop,
    quote_inside, embedded_report, chain_tail, nested_report) each ask this with conditions of their own and,
    when it holds, drop c as part of what the outer statement reports (according_claims merges it into an
    'according to' frame instead); in nested_report the pair decides: when each cue sits inside the other's
    content, neither is dropped."""
    return other.start <= c.cue_start < other.end


# 'more important than defending the nation', 'was like saying the team “…”', 'scolded Lee for suggesting that …'
DEED_PREPS = {"than", "like", "for"}


def gerund_of_a_deed(c: Candidate, doc: Doc) -> bool:
    """A gerund cue after 'than', 'like' or 'for' names a deed compared with or blamed in what the sentence says
    ('He thinks cutting the deficit matters more than defending the nation'), not a report of its own."""
    verb = cue_verb(doc, c) if c.cue_start >= 0 else None
    return verb is not None and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in DEED_PREPS


def nested_drop(c: Candidate, cands: Sequence[Candidate], doc: Doc) -> bool:
    """'Crawford said she still doesn't know ...': a thought or a noun-phrase report ('called for a ban') whose
    cue sits inside a speech statement is part of that statement, not a second one. c itself counts among the
    statements on purpose: content holding its own cue ('which Beijing has vowed to ignore') is not what was
    said (keeping those: 7 more statements on train-600, 5 overlapping gold, none right as a quote). A gerund of a
    deed ('than defending the nation') is part of any statement its cue sits in; a thought, of any thought its cue
    sits in (view_in_a_view)."""
    if gerund_of_a_deed(c, doc):
        return any(cue_inside(c, o) for o in cands if o is not c)
    return (c.kind in NESTED_DROP or not c.clausal) and any(
        (o.kind == "speech" and cue_inside(c, o)) or view_in_a_view(c, o) for o in cands
    )


def view_in_a_view(c: Candidate, o: Candidate) -> bool:
    """'The mayor believes most residents think the pier is “unsafe.”', 'given that polls show most voters think
    …': a thought whose cue sits inside another thought's content is part of it (the annotators mark the outer
    view only), quoted words and all; a view in an adverbial aside ('…, even as he understands …') stays."""
    return o is not c and o.kind == "belief" == c.kind and cue_inside(c, o) and not aside_clause(c)


def quote_inside(c: Candidate, cands: Sequence[Candidate], quotes: Sequence[tuple[int, int]]) -> bool:
    """A quote whose cue and words lie inside another statement ('… adding, “Democracy is messy.”')."""
    if (c.start, c.end) not in quotes or c.cue_start < 0:
        return False
    return any(k is not c and cue_inside(c, k) and k.start < c.start and c.end <= k.end for k in cands)


# ', adding, “…”' / '“…,” explaining, “…”': a comma (a quote may close on it), the participle alone, a comma
PARTICIPLE_LEAD = re.compile(r",[”\"’']*[^\S\n]+$")
PARTICIPLE_GAP = re.compile(r"[^\S\n]*,[^\S\n]*")


def closing_participle(c: Candidate, k: Candidate, text: str, quotes: Sequence[tuple[int, int]]) -> int:
    """'Trump told reporters that Romney “had a crazy policy,” adding, “He lost the Latino vote.”': a quote
    brought in by a bare participle set off by commas ('adding,', 'saying,', 'explaining,') that closes the other
    statement is the speaker's next statement, not part of the first; where the first then ends (the comma
    before the participle, or the quote closing on it), else -1. The other statement's cue comes first (with
    its frame after, the participle is in its words), and the participle takes no words of its own: 'an aide
    said Reid quieted the room, telling his colleagues, “…”' narrates Reid's words in the aide's statement."""
    if c is k or (c.start, c.end) not in quotes or c.cue_start < 0 or not 0 <= k.cue_start < k.start:
        return -1
    if c.end != k.end and not (k.start < k.end <= c.cue_start and not text[k.end : c.cue_start].strip(" ,”\"’'")):
        return -1  # neither running on over the quote nor already ended before its participle (drop_trailing_aside)
    if not (k.start < c.cue_start < c.start and c.cue.split()[0].lower().endswith("ing")):
        return -1
    lead = PARTICIPLE_LEAD.search(text, k.start, c.cue_start)
    if lead is None or not PARTICIPLE_GAP.fullmatch(text, c.cue_end, c.start):
        return -1
    return lead.end()


def participle_turns(cands: list[Candidate], text: str, quotes: Sequence[tuple[int, int]]) -> None:
    """End each statement before a closing participle's quote (closing_participle), which then stands on its
    own: the quote keeps its participle cue and takes the statement's speaker (the parse often gives the
    participle the nearest noun: '… not paying an architect, saying, “…”' is not the architect's)."""
    found = []
    for c in cands:
        turns = [(k, end) for k in cands if (end := closing_participle(c, k, text, quotes)) >= 0]
        if turns:
            found.append((c, *min(turns, key=lambda turn: turn[0].start)))  # the outer report, not a 'who said …'
    for c, k, end in found:  # all found before any report is cut, so the order of the candidates does not matter
        k.end = min(k.end, trim(text, k.start, end)[1])
        c.speaker, c.speaker_text = k.speaker, k.speaker_text
        c.speaker_start, c.speaker_end = k.speaker_start, k.speaker_end


def overlap_f1(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character-overlap F1 of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    total = (a[1] - a[0]) + (b[1] - b[0])
    return 2 * inter / total if total else 0.0


SPLIT_GOES_ON = re.compile(r"[^\S\n]+[A-Za-z]")  # the next words follow on the same line


NEGATION_AFTER = re.compile(r"n[’']t\b")


def with_negation(text: str, end: int) -> int:
    """'… saying they don’t like her': the parse may read a curly 'n’t' as punctuation hung elsewhere, and content
    ending before it would say the opposite ('they do'); the negation always stays with its verb."""
    m = NEGATION_AFTER.match(text, end) if end and text[end - 1].isalpha() else None
    return m.end() if m else end


def across_split_sentence(text: str, end: int, sents: list[Span], ends: list[int]) -> int:
    """'Clinton mentioned disparaging remarks | Trump had made about Machado as examples of …': content that ends
    where the parse ended a sentence with no mark to end it, the words going on in the same line, runs on to the
    end of the next sentence."""
    if end == 0 or not text[end - 1].isalpha() or not SPLIT_GOES_ON.match(text, end):
        return end
    i = bisect.bisect_left(ends, end)  # ends[k] == sents[k].end_char, computed once per document
    if i + 1 >= len(sents) or text[end : sents[i].end_char].strip():
        return end
    return trim(text, sents[i + 1].start_char, sents[i + 1].end_char)[1]


QUOTE_GOES_ON = re.compile(r"[^\S\n]*[,:]?[^\S\n]*")


def into_next_quote(text: str, end: int, quotes: Sequence[tuple[int, int]], owned: set[int]) -> int:
    """'calling Indiana Gov. Mike Pence “my partner in this campaign”': content the parse ends right before
    a quote that goes on with its sentence, which no other statement holds, runs to that quote's end."""
    i = bisect.bisect_left(quotes, (end, -1))
    if i >= len(quotes) or quotes[i][0] in owned or not QUOTE_GOES_ON.fullmatch(text, end, quotes[i][0]):
        return end
    if text[:end].rstrip(QUOTE_MARKS + " ")[-1:] in {".", "!", "?"}:
        return end  # 'took the stage to “Eye of the Tiger.” “And we will …”': that sentence has ended
    return quotes[i][1]


def normalise(
    cands: list[Candidate], text: str, quotes: Sequence[tuple[int, int]], sents: list[Span]
) -> list[Candidate]:
    """Trim, snap to quotes, join quotes around cues, apply tail frames, drop duplicates."""
    out: list[Candidate] = []
    # a quote is owned by a statement over it whose cue is outside it, not by a report nested in its own words
    # ('“If the county may cherry-pick our statements to label us …”' after '…, Brandt says.')
    owned = {
        qs
        for c in cands
        for qs, qe in quotes
        if c.start >= 0 and qs < c.end and c.start < qe and not qs < c.cue_start < qe
    }
    ends = [s.end_char for s in sents]
    for c in cands:
        if c.start < 0:
            continue
        c.start, c.end = trim(text, c.start, stray_opening_mark(text, c.start, c.end, quotes))
        c.end = with_negation(text, across_split_sentence(text, c.end, sents, ends))
        c.start, c.end = snap_to_quotes(c.start, c.end, quotes)
        if c.start > c.cue_start >= 0:
            c.end = into_next_quote(text, c.end, quotes, owned)
        spk = (c.speaker.start_char, c.speaker.end_char) if c.speaker else (-1, -1)
        join_around_cue(c, quotes, text, spk, owned - {qs for qs, qe in quotes if qs < c.end and c.start < qe})
        if c.end - c.start >= 3 or text[c.start : c.end].lower() in ANSWERS:
            out.append(c)
    for sent in sents:
        frame = tail_frame(sent, text)
        if frame is None or in_spans(frame.cue_start, quotes):
            continue  # '“The ferries are late, just like I said.”': the quoted speaker's words, no frame
        inner = [c for c in out if sent.start_char <= c.start < frame.speaker_start and c.cue_start != frame.cue_start]
        same = [c.end for c in out if c.cue_start == frame.cue_start and c.start <= frame.start < c.end]
        if same and max(same) > frame.cue_end:
            frame.end = max(same)  # 'X, Schiff said. “B.”': the quote the cue's statement was joined over goes on
        out = [c for c in out if c.cue_start != frame.cue_start]
        label = text[frame.speaker_start : frame.cue_end]
        for c in inner:
            if c.end > frame.speaker_start - 2:
                c.end = min(c.end, trim(text, c.start, frame.speaker_start)[1])
            c.reported_by = label
        if not inner:
            frame.start, frame.end = quote_after_frame(frame, sent.end_char, text, quotes, out)
            out.append(frame)
    out = according_claims([c for c in out if c.end > c.start and not reports_nothing(c, text, quotes)])
    participle_turns(out, text, quotes)
    out = [c for c in out if not nested_drop(c, out, sents[0].doc)]
    out = [c for c in out if not (embedded_report(c, out, text, quotes) or quote_inside(c, out, quotes))]
    out.sort(key=lambda c: (c.start, c.end))
    kept: list[Candidate] = []
    for c in out:
        dup = next((k for k in kept if overlap_f1((k.start, k.end), (c.start, c.end)) > 0.9), None)
        if dup is None:
            kept.append(c)
        elif dup.speaker is None and not dup.speaker_text and (c.speaker is not None or c.speaker_text):
            kept[kept.index(dup)] = c
    return kept


TWEET_OPEN = re.compile(r"<tweet\b[^>]*>")
TWEET_CLOSE = re.compile(r"</tweet>|\n")
HANDLE_ONLY = re.compile(r"\s*(?:@\w+|https?://\S+|www\.\S+)\s*")  # 'He tweets @jdoe.': an address, no words
SO_CALLED = re.compile(r"\bso[-‐–\s]*$", re.IGNORECASE)
# a quoted title after the work it names: 'his 2012 book, “An American Son.”', 'the podcast “So, That Happened.”'
WORK_NOUNS = (
    "book|memoir|autobiography|novel|biography|film|movie|documentary|show|program|programme|podcast|series|"
    "episode|album|song|play|musical|column|essay|sitcom|poem|newsletter|blog"
)
WORK_BEFORE = re.compile(
    rf"(?:\b(?:{WORK_NOUNS})s?,?|(?:^|\n|[.!?])\s*in|\bstarred in|[”'’\"],?\s+and)\s*$", re.IGNORECASE
)


@functools.lru_cache(maxsize=4)
def tweet_spans(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The embedded posts of one document, scanned once: each opening tag's start and end, and where the
    post closes (its '</tweet>' or the end of its line; the text's end when neither follows)."""
    starts: list[int] = []
    ends: list[int] = []
    closes: list[int] = []
    for m in TWEET_OPEN.finditer(text):
        close = TWEET_CLOSE.search(text, m.end())
        starts.append(m.start())
        ends.append(m.end())
        closes.append(len(text) + 1 if close is None else close.start())
    return tuple(starts), tuple(ends), tuple(closes)


def in_tweet(text: str, pos: int) -> bool:
    """Whether `pos` lies inside an embedded post ('<tweet author=...>I'm thrilled to announce ...</tweet>'):
    its words are the post's, and its verbs report nothing in the article. The post must open at most 600
    characters before `pos` (a lookup in the document's posts, scanned once by `tweet_spans`)."""
    starts, ends, closes = tweet_spans(text)
    i = bisect.bisect_right(ends, pos) - 1  # the last opening tag that ends by `pos`
    if i < 0 or starts[i] < pos - 600:
        return False
    return pos < closes[i]


def names_a_work(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> bool:
    """'his 2012 book, “An American Son.”', 'In “Hail, Caesar!,” Brolin ...': the content is one quoted title
    in title case right after the work it names (or after 'in'), not words anyone said."""
    if (start, end) not in quotes:
        return False
    words = WORD.findall(text[start:end])
    if not 1 <= len(words) <= 8 or not is_title(text[start:end]):
        return False
    return WORK_BEFORE.search(text, max(0, start - 40), start) is not None


def reports_nothing(c: Candidate, text: str, quotes: Sequence[tuple[int, int]]) -> bool:
    """A candidate whose cue or content reports no one's words: a verb inside an embedded post's markup,
    'the so-called “X”', a handle or a link alone, a quoted title of a book or a show."""
    if c.cue_start >= 0 and c.cue[:1].isalpha() and in_tweet(text, c.cue_start):
        return True
    if c.cue.lower() == "called" and SO_CALLED.search(text, max(0, c.cue_start - 6), c.cue_start):
        return True
    if HANDLE_ONLY.fullmatch(text, c.start, c.end):
        return True
    return names_a_work(text, c.start, c.end, quotes)


def according_claims(cands: list[Candidate]) -> list[Candidate]:
    """'“…,” Weber said at a rally, according to the Star': the report framed by 'according to' is the Star's
    statement, quote and frame together (the annotators give it to the outer source)."""
    gone: set[int] = set()
    for a in cands:
        if a.cue.lower() != "according to" or a.start < 0:
            continue
        for c in cands:
            if c is a or c.kind != "speech" or not cue_inside(c, a) or c.start >= a.start:
                continue
            a.start, a.end = c.start, max(a.end, c.end)
            gone.add(id(c))
    return [c for c in cands if id(c) not in gone]


def reporting_clause(c: Candidate) -> bool:
    """'told reporters that he agrees Lee is a “total opportunist”', '… a retired general who suggested that the
    town should “segregate” …': a finite cue heading a clause of the sentence ('agrees' heads what was told) or a
    relative clause on a noun ('who suggested'), not a participle ('…, saying “…”') nor an adverbial clause
    ('after a woman told him …')."""
    verb = cue_verb(c.speaker.doc, c) if c.speaker is not None else None
    return verb is not None and verb.dep_ in {"ccomp", "relcl"} and verb.tag_ != "VBG"


def embedded_report(c: Candidate, cands: Sequence[Candidate], text: str, quotes: Sequence[tuple[int, int]]) -> bool:
    """'... said that experts say ISIS has used his words', 'remembered her father claiming that …': a report whose
    speaker and cue both sit inside another statement's content, said or thought, is part of what that statement
    reports, not a statement of its own.
    Quoted words keep their own statement, unless a clause mixing them into the writer's words is itself what
    the outer statement reports (reporting_clause)."""
    if c.speaker is None or c.cue_start < 0 or c.kind != "speech":
        return False
    if overlaps_any((c.start, c.end), quotes) and (
        statement_type(text, c.start, c.end, quotes) == "direct" or not reporting_clause(c)
    ):
        return False  # quoted words keep their own statement
    aside = aside_clause(c)  # 'hopes the council will approve it, even as she admits …': the aside is no thought
    outer = [
        k for k in cands if k is not c and (k.kind == "speech" or not aside) and cue_inside(c, k) and c.cue_end <= k.end
    ]
    return any(k.start <= c.speaker.start_char and k.start < c.start for k in outer)


FRAME_VERB_TAGS = {"VBD", "VBZ", "VBP", "VBG"}
COPULAS = {"is", "was", "are", "were", "be", "been", "has", "have", "had", "does", "did", "do", "'s", "’s"}
LEAD_FRAME = re.compile(r"[^.!?\n“”\"]{2,90}:\s*$")  # "Trump leaned in and boomed:" / "Stated Stone:"


def frame_verb_subject(tokens: Sequence[Token]) -> tuple[Token, Span] | None:
    """The last verb of a short frame that has a subject, with its speaker mention."""
    for tok in reversed(tokens):
        if tok.tag_ not in FRAME_VERB_TAGS or tok.dep_ in {"aux", "auxpass", "amod"} or tok.text in COPULAS:
            continue
        subject = subject_of(tok)
        if subject is None or subject.tag_ in {"DT", "WDT", "EX"} or subject.text.lower() == "it":
            continue
        return tok, mention_span(subject)
    return None


def tail_pattern(frame: Sequence[Token]) -> tuple[Token, Span] | None:
    """'Trump barked' / 'she snapped' / 'beamed Donald Hartley' right after a quote, whatever the parse."""
    names = [t for t in itertools.takewhile(lambda t: t.tag_ in {"NNP", "NNPS"}, frame)]
    if names and len(names) <= 3 and len(frame) > len(names):
        verb = frame[len(names)]
        if verb.tag_.startswith("VB") and verb.text.islower() and verb.text not in COPULAS:
            return verb, verb.doc[names[0].i : names[-1].i + 1]
    if frame and frame[0].text.lower() in {"he", "she", "they", "i", "we"} and len(frame) > 1:
        verb = frame[1]
        if verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.text not in COPULAS:
            return verb, verb.doc[frame[0].i : frame[0].i + 1]
    if frame and frame[0].tag_ in {"VBD", "VBN", "VBZ"} and frame[0].text.islower() and frame[0].text not in COPULAS:
        after = [t for t in itertools.takewhile(lambda t: t.tag_ in {"NNP", "NNPS"}, frame[1:])]
        if after:
            return frame[0], frame[0].doc[after[0].i : after[-1].i + 1]
    return None


def closing_frame(frame: Sequence[Token], end: int) -> tuple[Token, Span] | None:
    """'“…!” a welcome message on the website reads.': a longer subject, the verb closing the frame."""
    if not 4 < end <= 9 or end >= len(frame) or frame[end].text not in {".", ",", "!", "?", ";"}:
        return None
    hit = frame_verb_subject(frame[end - 1 : end])
    return hit if hit is not None and hit[1].start_char >= frame[0].idx else None


SUBJECT_LEAD = {"DT", "NNP", "NNPS", "PRP", "PRP$", "CD"}


def lexicon_frame(frame: Sequence[Token]) -> tuple[Token, Span] | None:
    """'“…,” the two write.' / 'the Saudis state in the paper': a speech verb the tagger read as a noun after
    a quote, behind a short subject (a determiner, name or pronoun, then nouns)."""
    for k, tok in enumerate(frame[:9]):
        if tok.text in {",", ".", ";", ":", "!", "?", "—", "(", "“", '"'}:
            return None
        if cue_kind(tok.lower_) == "speech" and not tok.tag_.startswith("VB") and k > 0:
            subject = frame[:k]
            if subject[0].tag_ in SUBJECT_LEAD and all(t.tag_ in SUBJECT_RUN for t in subject):
                return tok, tok.doc[subject[0].i : tok.i]
            return None
        if tok.tag_.startswith("VB") or tok.tag_ == "MD":
            return None
    return None


def framed_quotes(
    sdoc: Doc, text: str, quotes: Sequence[tuple[int, int]], cands: Sequence[Candidate]
) -> list[Candidate]:
    """Quotes no cue claimed, framed the way news frames speech with any verb.

    '“Go back,” Trump barked', '“Great!” beamed Hartley' (a quote closed by , ! ? then a short
    subject-verb frame) and 'Trump leaned in and boomed: “…”' (a short frame ending in a colon).
    """
    claimed = [(c.start, c.end) for c in cands if c.start >= 0]
    idx = [t.idx for t in sdoc]
    out: list[Candidate] = []
    for qs, qe in quotes:
        if overlaps_any((qs, qe), claimed) or qe - qs < 8 or DASH_CREDIT.match(text, qe):
            continue  # a '“…” ― Name' credit names its own speaker (orphan_quotes)
        found: tuple[Token, Span] | None = None
        if before_closer(text, qe) in {",", "?", "!"} and len(text[clause_start(text, qs) : qs].split()) < 2:
            i = bisect.bisect_left(idx, qe)
            frame = [t for t in sdoc[i : i + 12] if not t.is_space]
            end = next((k for k, t in enumerate(frame) if t.is_punct), len(frame))
            if frame and "\n" in text[qe : frame[0].idx]:
                end = 0  # the next paragraph is a sentence of its own, not the quote's frame
            hit = (
                tail_pattern(frame[:end])
                or frame_verb_subject(frame[:end][:4])
                or closing_frame(frame, end)
                or lexicon_frame(frame if end else [])
            )
            if hit is not None and hit[1].start_char >= qe and hit[1].end_char - hit[1].start_char > 1:
                found = hit
        if found is None:
            found = as_frame(sdoc, idx, text, qs)
        if found is None:
            m = LEAD_FRAME.search(text, max(0, qs - 92), qs)
            if m is not None and m.end() == qs:
                # 'HEADLINE - Name: “…”': the frame starts after the dash
                fs = max([m.start()] + [b.end() for b in FRAME_BREAK.finditer(text, m.start(), qs)])
                i, j = bisect.bisect_left(idx, fs), bisect.bisect_left(idx, qs)
                hit = frame_verb_subject(list(sdoc[i:j]))
                if hit is not None and hit[1].start_char >= fs:
                    found = hit
        if found is not None:
            verb, speaker = found
            cs, ce = cue_text_span(verb)
            out.append(Candidate(qs, qe, text[cs:ce], cs, ce, "speech", speaker=speaker))
            claimed.append((qs, qe))
            continue
        glued = GLUED_FRAME.search(text, max(0, qs - 80), qs)
        if glued is not None and cue_kind(glued.group(2)) == "speech":
            # 'Ryan said,“Look, …”': no space before the quote, so the tokenizer made one word of cue and quote
            (ss, se), (cs, ce) = glued.span(1), glued.span(2)
            out.append(
                Candidate(
                    qs, qe, text[cs:ce], cs, ce, "speech", speaker_text=text[ss:se], speaker_start=ss, speaker_end=se
                )
            )
            claimed.append((qs, qe))
    return out


GLUED_FRAME = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*)\s([a-z]+)[,:]$")


# 'as the paper put it, “…”', 'As the band sang back then, “…”': an as-clause framing the quote after it
AS_LEAD = re.compile(r"(?:^|(?<=\n)|(?<=[^\w\s]\s)|(?<=\())[Aa]s\s(?:(?!'')[^.!?;:“”\"\n]){2,100},\s*$")
AS_VERBS = {"put", "puts", "sang", "sings", "sung", "chanted", "chants", "quipped", "quips"}  # beside the speech cues


def as_frame(sdoc: Doc, idx: Sequence[int], text: str, qs: int) -> tuple[Token, Span] | None:
    """The verb and speaker of an as-clause right before a quote ('as Vulture put it, “…”'), whatever the
    parse made of the quote (it often makes the quote the main clause the as-clause modifies)."""
    m = AS_LEAD.search(text, max(0, qs - 104), qs)
    if m is None:
        return None
    i, j = bisect.bisect_left(idx, m.start()), bisect.bisect_left(idx, qs)
    hit = frame_verb_subject(list(sdoc[i + 1 : j]))
    if hit is None or hit[1].start_char < m.start():
        return None
    verb = hit[0]
    if verb.lower_ not in AS_VERBS and cue_kind(verb.lower_) != "speech":
        return None
    if verb.lower_ in {"put", "puts"} and not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None  # 'as he put the phone down'
    return hit


def name_after_quote(sdoc: Doc, quote_end: int, cue_start: int) -> Span | None:
    """'“Yes,” Brent Bozell III, founder of the center, said': the name right after the quote speaks."""
    i = next((t.i for t in sdoc if t.idx >= quote_end and not t.is_space), None)
    if i is None or sdoc[i].idx >= cue_start:
        return None
    run = list(itertools.takewhile(lambda t: t.tag_ in {"NNP", "NNPS"} and t.idx < cue_start, sdoc[i : i + 5]))
    if run:
        return sdoc[run[0].i : run[-1].i + 1]
    if sdoc[i].text.lower() in {"he", "she"}:
        return sdoc[i : i + 1]
    return None


OBJECT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "oprd", "npadvmod", "pobj", "appos", "advcl", "dep", "parataxis"}
# a break before a frame: a dash, a sentence end (not an initial's or 'U.S.' 's period), a new line
FRAME_BREAK = re.compile(r"\s[-–—]\s|(?<!\b[A-Z])[.!?;][\"”’']*\s+|\n")


def quote_root(sdoc: Doc, idx: Sequence[int], qs: int, qe: int) -> Token | None:
    """The token of a quoted span that hangs from outside it (the quote's place in the sentence)."""
    i, j = bisect.bisect_left(idx, qs), bisect.bisect_left(idx, qe)
    for tok in sdoc[i:j]:
        if tok.is_punct or tok.is_space:
            continue
        if not qs <= tok.head.idx < qe or tok.head.i == tok.i:
            return tok
    return None


def verb_of_quote(root: Token) -> Token | None:
    """The verb a quote is the object or complement of ('chanted “…”', 'was met with chants of “…”')."""
    if root.dep_ not in OBJECT_DEPS or root.head.i == root.i:
        return None
    head = root.head
    for _ in range(3):
        if head.tag_.startswith("VB") and head.dep_ not in {"aux", "auxpass", "amod"}:
            return None if head.text.lower() in COPULAS else head
        if head.dep_ not in {"prep", "pobj", "dobj"} or head.head.i == head.i:
            return None
        head = head.head
    return None


def verb_before(sdoc: Doc, idx: Sequence[int], qs: int) -> Token | None:
    """The verb right before a quote ('a man yelled “Go home!”'), whatever the parse made of the quote."""
    i = bisect.bisect_left(idx, qs) - 1
    while i >= 0 and (sdoc[i].is_space or sdoc[i].text in {",", ":"}):
        i -= 1
    tok = sdoc[i] if i >= 0 else None
    if tok is None or tok.tag_ not in {"VBD", "VBZ", "VBP", "VBG"} or tok.text.lower() in COPULAS:
        return None
    return tok


PLACE_OR_TIME = PLACE_LABELS | {"EVENT", "WORK_OF_ART"}


def last_speaker_name(sdoc: Doc, idx: Sequence[int], start: int, end: int) -> Span | None:
    """The last name in a colon lead no frame fits ('… is a blind faith in Obama’s word:'), else None: the
    quote under it is still someone's words ('Wait, it gets better:')."""
    i, j = bisect.bisect_left(idx, start), bisect.bisect_left(idx, end)
    proper = [
        t.i for t in sdoc[i:j]
        if t.tag_ in {"NNP", "NNPS"} and t.text[:1].isupper() and t.ent_type_ not in PLACE_OR_TIME
    ]  # a person or a body, not 'in Dunmore County' or 'on Friday'  # fmt: skip
    if not proper:
        return None
    first = proper[-1]
    while first - 1 in proper:
        first -= 1
    return sdoc[first : proper[-1] + 1]


def frame_speaker(sdoc: Doc, idx: Sequence[int], start: int, end: int) -> tuple[Token | None, Span] | None:
    """The speaker of a frame ending in a colon: a verb's subject, else the last name or noun phrase."""
    i, j = bisect.bisect_left(idx, start), bisect.bisect_left(idx, end)
    tokens = list(sdoc[i:j])
    if not tokens or len(tokens) > 30:
        return None
    hit = frame_verb_subject(tokens)
    if hit is not None and hit[1].start_char >= start:
        return hit
    span = sdoc[i:j]
    names = [e for e in span.ents if e.label_ in SPEAKER_LABELS and e.start_char >= start]
    if names:
        return None, names[-1]
    proper = [t.i for t in tokens if t.tag_ in {"NNP", "NNPS"} and t.text[:1].isupper()]
    if proper:  # the last run of names
        first = proper[-1]
        while first - 1 in proper:
            first -= 1
        return None, sdoc[first : proper[-1] + 1]
    nouns = [t for t in tokens if t.tag_ in {"NN", "NNS"} and t.ent_type_ not in TIME_LABELS]
    nouns = [t for t in nouns if not verb_tagged_noun(t)]
    if not nouns:
        return None
    # the frame's head noun, not one inside its relative clause ('the cleric, who died in a strike:')
    inside = {t.i for t in tokens}
    depth = {t.i: sum(1 for a in t.ancestors if a.i in inside) for t in nouns}
    top = min(depth.values())
    return None, base_noun_phrase([t for t in nouns if depth[t.i] == top][-1], start)


def verb_tagged_noun(tok: Token) -> bool:
    """'Article 33 affirms:' tagged as a noun: a cue word with a subject of its own is the verb."""
    return cue_kind(tok.lower_) is not None and any(c.dep_ in SUBJ for c in tok.children)


# a headline's verb the tagger read as a noun: "Putin Praises Trump", "Merkel talks about a deal"
NAME_TAGS = {"NNP", "NNPS", "NN", "NNS"}
HEADLINE_ADVERBS = {"just", "now", "also", "again", "still", "finally", "is", "are", "has", "have"}
# cue words that are nouns in headlines far more often than verbs ('State Department', 'Washington Post')
HEADLINE_NOUNS = {"state", "states", "post", "posts", "point", "points", "report", "reports", "thanks", "quote"}
HEADLINE_NON_CUES = frozenset(LISTENER_VERBS | HEADLINE_NOUNS | (NOUN_CUES.keys() - MADE_NOUNS))
HEADLINE_STOPS = {".", ",", ";", ":", "!", "?", "—", "–"}


def headline_speaker(tok: Token) -> Span | None:
    """'Jeb Bush Super PAC Chief | Praises X': the run of names right before a cue word tagged as a noun."""
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].lower_ in HEADLINE_ADVERBS:
        i -= 1
    last = i
    while i >= tok.sent.start and tok.doc[i].tag_ in NAME_TAGS and not tok.doc[i].is_space:
        i -= 1
    if last < tok.sent.start or i == last:
        return None
    if tok.ent_iob_ == "I" and base_form(tok.text) == tok.lower_:
        return None  # inside a name ('Islamic State'), unless inflected as a verb ('Glenn Beck Blasts Drudge')
    if i >= tok.sent.start and not (tok.doc[i].is_punct or tok.doc[i].is_space or tok.doc[i].like_num):
        return None  # the names open the headline: not 'the Iowa State Fair'
    span = tok.doc[i + 1 : last + 1]
    named = any(t.ent_type_ in SPEAKER_LABELS or t.tag_ in {"NNP", "NNPS"} for t in span)
    return span if named and span[0].tag_ in {"NNP", "NNPS"} else None


def misread_aux(tok: Token) -> bool:
    """'Clinton blasts Trump over X' parsed with 'blasts' as an auxiliary of 'Trump': no cue word is one."""
    return tok.dep_ == "aux" and tok.tag_ == "VBZ" and cue_kind(tok.lower_) == "speech"


def headline_cue(tok: Token, text: str) -> Candidate | None:
    """'Zoe Saldana Responds To Anti-Immigrant Hate.': a speech cue the tagger read as a noun, right after a
    name and with no determiner or owner of its own; what follows it, to the end of the clause, was said."""
    if cue_kind(tok.lower_) != "speech" or tok.lower_ in HEADLINE_NON_CUES:
        return None  # 'Trump Tells X' is a tail frame; 'Paris Terror Attacks', 'Washington Post' are nouns
    if tok.dep_ in SUBJ:
        return None
    if any(c.dep_ in {"det", "poss"} for c in tok.children):
        return None
    speaker = headline_speaker(tok)
    if speaker is None:
        return None
    body: list[Token] = []
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.text in HEADLINE_STOPS or t.lower_ in OCCASION_PREPS or t.is_space or (body and t.lower_ == "over"):
            break
        body.append(t)
    while body and (body[-1].is_punct or body[-1].lower_ in {"and", "but"}):
        body.pop()
    if words(body) == 0 or (body[0].tag_.startswith("VB") and not body[0].ent_type_):  # 'Trump' read as a verb
        return None
    start, end = token_span(body)
    cs, ce = tok.idx, tok.idx + len(tok.text)
    if tok.ent_iob_ != "I":
        return Candidate(start, end, text[cs:ce], cs, ce, "speech", speaker=speaker)
    # the entity the tagger read runs on into the cue ('Ana Ruiz Praises'): resolve the name as written
    return Candidate(start, end, text[cs:ce], cs, ce, "speech", speaker_text=speaker.text)


NP_LEFT = {"det", "amod", "compound", "poss", "nummod", "case"}


def base_noun_phrase(noun: Token, start: int) -> Span:
    """'From the report:' -> 'the report': a noun with its determiner and modifiers, read from the tags
    (the pipeline has no attribute ruler, so Doc.noun_chunks is empty)."""
    first = noun
    while first.i > 0 and first.nbor(-1).dep_ in NP_LEFT and first.nbor(-1).head.i in {noun.i, first.i}:
        if first.nbor(-1).idx < start:
            break
        first = first.nbor(-1)
    return noun.doc[first.i : noun.i + 1]


WORD = re.compile(r"[\w’'-]+")


TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "from", "by"}


def is_title(quote: str) -> bool:
    """Every word capitalised but the small ones: '“Meet the Press”', '“America with Jorge Ramos”'."""
    words = [w.strip("’'") for w in WORD.findall(quote)]  # "''An American Son.''": NYT marks are no letters
    return all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words if w)


def is_phrase(quote: str) -> bool:
    """A name, a title or a scare-quoted term rather than words someone said: under three words, or a
    short quote in title case ('“Meet the Press”', '“free college”')."""
    words = WORD.findall(quote)
    if before_closer(quote, len(quote)) in {"!", "?"}:
        return False  # '“Stay there!”': an exclamation or a question is said
    return len(words) < 3 or (is_title(quote) and len(words) < 5)


def root_child(verb: Token, tok: Token) -> Token:
    """The child of `verb` whose subtree holds `tok` (tok itself when it hangs elsewhere)."""
    child = tok
    while child.head.i != verb.i and child.head.i != child.i:
        child = child.head
    return child if child.head.i == verb.i else tok


def object_span(verb: Token, root: Token, qs: int, qe: int) -> tuple[int, int]:
    """The verb's complement that holds the quote ('wanted to “go further” to win them over'), quote included."""
    child = root_child(verb, root)
    if child.head.i != verb.i or child.i < verb.i:
        return qs, qe
    start, end = token_span([t for t in child.subtree if not t.is_space])
    return min(start, qs), max(end, qe)


NO_SPEAKER_TAGS = {"EX", "WDT", "DT"}


def named_quote(text: str, qs: int, qe: int, ss: int, se: int) -> Candidate:
    """A quote whose speaker is a written name with no cue (pull quotes, digest source tags)."""
    return Candidate(qs, qe, "", -1, -1, "speech", speaker_text=text[ss:se], speaker_start=ss, speaker_end=se)


SOURCE_TAG = re.compile(r"[^\S\n]*\[([A-Z][^\]\n]{1,40}?)\.?\][^\S\n]*(?:\n|$)")
# an epigraph-style credit: '“…” ― Name' / '"…" — Name, Affiliation' closing its line
DASH_CREDIT = re.compile(
    r"[^\S\n]*(?:―|—|–|--|-)[^\S\n]*((?:[A-Z][\w.’'-]*[^\S\n]+){0,4}[A-Z][\w.’'-]*)(?:,[^\n]{0,80})?[^\S\n]*(?:\n|$)"
)


def headline_rest(text: str, qe: int) -> int:
    """'Ann Lee: ‘No Idea’ If I Would Have Told Him.': a colon frame's quoted fragment that a headline's
    title-case words go on after, to the end of its line, is that headline's statement; else `qe`."""
    nl = text.find("\n", qe)
    line_end = nl if nl >= 0 else len(text)
    rest = text[qe:line_end]
    words = re.findall(r"[A-Za-z][\w’'-]*", rest)
    if (
        not words
        or before_closer(text, qe) in {".", "!", "?"}
        or any(m in rest for m in QUOTE_MARKS[:3])
        or not all(w[0].isupper() or w.lower() in TITLE_SMALL for w in words)
    ):
        return qe
    return trim(text, qe, line_end)[1]


# 'the DNC issued a statement apologizing to Sanders.' / 'Mayor Pike wrote in an email to staff.' then the text
WRITING_FORMS = frozenset(f for v in ("write", "post", "tweet", "type", "email", "text") for f in inflect(v))
ISSUING_FORMS = frozenset(f for v in ("issue", "release", "send", "publish", "post") for f in inflect(v))
WRITTEN_THINGS = {"statement", "letter", "tweet", "email", "message", "post", "memo", "note"}


def full_sentence_quote(text: str, qs: int, qe: int) -> bool:
    """'“We want to offer a deep and sincere apology …”': a capitalised quote of three words or more closing on
    . ! or ? inside its marks, a sentence of its own."""
    inner = text[qs:qe].strip(QUOTE_MARKS + " ")
    return len(inner.split()) >= 3 and inner[:1].isupper() and inner[-1:] in {".", "!", "?"}


def written_before(sdoc: Doc, idx: Sequence[int], text: str, qs: int, qe: int) -> tuple[Token, Span] | None:
    """The act of writing and its author when the sentence right before a full-sentence quote (or the paragraph
    before it) reports one and quotes nothing itself: 'At Brazile’s direction, the DNC issued a statement
    apologizing to Sanders.' then '“On behalf of everyone at the DNC, we want to offer …”'."""
    i = bisect.bisect_left(idx, qs) - 1
    while i >= 0 and sdoc[i].is_space:
        i -= 1
    if i < 0 or sdoc[i].text not in {".", "!", "?"} or text.count("\n", sdoc[i].idx, qs) > 2:
        return None
    if not full_sentence_quote(text, qs, qe):
        return None
    sent = sdoc[i].sent
    para = text.rfind("\n", 0, sent.start_char) + 1
    if re.search(r"[“”\"]|''", text[para:qs]):
        return None  # '“…,” he tweeted during the half.' frames the quote before ('Sanders’' is no quote)
    for tok in sent:
        issued = tok.lower_ in ISSUING_FORMS and any(
            c.dep_ == "dobj" and c.lower_.removesuffix("s") in WRITTEN_THINGS for c in tok.children
        )
        if tok.tag_.startswith("VB") and (tok.lower_ in WRITING_FORMS or issued):
            subject = subject_of(tok)
            if subject is not None and subject.tag_ not in NON_SPEAKER_TAGS and subject.lower_ != "it":
                return tok, mention_span(subject)
    return None


def orphan_quotes(
    sdoc: Doc, text: str, quotes: Sequence[tuple[int, int]], cands: Sequence[Candidate]
) -> list[Candidate]:
    """Quotes no cue claimed that news still frames as someone's words.

    'Pollster Ann Lee: “…”' and 'From the report: “…”' (a colon frame with a name or a noun phrase),
    and a quote that is the object of any verb with a subject ('the crowd chanted “…”', 'the sign
    read “…”', 'she was met with chants of “…”'), and a full-sentence quote right after a sentence that reports
    a written text ('The DNC issued a statement. “We apologize …”').
    """
    claimed = [(c.start, c.end) for c in cands if c.start >= 0]
    cued = {c.cue_start for c in cands if c.start >= 0}
    idx = [t.idx for t in sdoc]
    out: list[Candidate] = []
    for qs, qe, ss, se in pull_quotes(text):
        if (qs, qe) in quotes and not overlaps_any((qs, qe), claimed):
            out.append(named_quote(text, qs, qe, ss, se))
            claimed.append((qs, qe))
    for qs, qe in quotes:
        if overlaps_any((qs, qe), claimed) or qe - qs < 4:
            continue
        source = SOURCE_TAG.match(text, qe) or DASH_CREDIT.match(text, qe)
        if source is not None and not is_phrase(text[qs:qe]):
            # a digest line: 'HEADLINE “…” [WaPo.]' quotes the outlet in brackets; '“…” ― Name' credits a person
            ss, se = source.span(1)
            out.append(named_quote(text, qs, qe, ss, se))
            claimed.append((qs, qe))
            continue
        found: tuple[str, int, int, Span | None] | None = None
        lead = text[:qs].rstrip()
        if lead.endswith(":") and text.count("\n", len(lead), qs) <= 2:
            colon = len(lead) - 1
            para = text.rfind("\n", 0, colon) + 1
            breaks = [m.end() for m in FRAME_BREAK.finditer(text, para, colon)]
            start = breaks[-1] if breaks else para
            hit = frame_speaker(sdoc, idx, start, colon)
            if hit is not None:
                cs, ce = cue_text_span(hit[0]) if hit[0] is not None else (colon, colon + 1)
                found = (text[cs:ce], cs, ce, hit[1])
            elif not is_phrase(text[qs:qe]):
                found = (":", colon, colon + 1, last_speaker_name(sdoc, idx, para, colon))
        start, end = qs, qe
        if found is not None:
            end = headline_rest(text, qe)
        written = written_before(sdoc, idx, text, qs, qe) if found is None else None
        if written is not None:
            cs, ce = cue_text_span(written[0])
            found = (text[cs:ce], cs, ce, written[1])
        if found is None:
            root = quote_root(sdoc, idx, qs, qe)
            verb = verb_of_quote(root) if root is not None else None
            if verb is None:
                verb = verb_before(sdoc, idx, qs)
            subject = subject_of(verb) if verb is not None else None
            if subject is None and verb is not None and verb.dep_ == "acl" and verb.head.i < verb.i:
                subject = verb.head  # 'a man yelled “…”' read as a reduced relative, 'a sign reading “…”'
            if verb is not None and verb.idx in cued:
                verb = None  # that cue has its statement; joining quotes around it is normalise's job
            if (
                verb is not None
                and root is not None
                and subject is not None
                and (subject.tag_ not in {"EX", "WDT", "DT"} or speaking_determiner(subject))  # 'Some chanted “…”'
            ):
                start, end = object_span(verb, root, qs, qe)
                # a scare-quoted word inside the verb's object or clause: the whole complement is the content
                core = root_child(verb, root).dep_ in {"dobj", "xcomp", "ccomp", "oprd"} and not is_title(text[qs:qe])
                if not is_phrase(text[qs:qe]) or (core and (start, end) != (qs, qe)):
                    cs, ce = cue_text_span(verb)
                    found = (text[cs:ce], cs, ce, mention_span(subject))
        if found is not None:
            out.append(Candidate(start, end, found[0], found[1], found[2], "speech", speaker=found[3]))
            claimed.append((start, end))
    return out


def names_more(written: str, resolved: str) -> bool:
    """Whether a written capitalised name ('Oren Pike') has more words than, and contains, a resolved fragment."""
    words = written.split()
    return (
        1 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and len(resolved.split()) < len(words)
        and resolved in written
    )


def reduced_relative_subject(sdoc: Doc, cue_start: int) -> Span | None:
    """'a man yelled “Go home!”' parsed as a reduced relative ('a man [who] yelled'): the man speaks."""
    tok = next((t for t in sdoc if t.idx == cue_start), None)
    if tok is None or tok.dep_ != "acl" or tok.head.i > tok.i or tok.head.tag_ not in {"NN", "NNS", "NNP", "NNPS"}:
        return None
    return mention_span(tok.head)


def with_relative(span: Span, cue_start: int) -> Span:
    """'Mr. Ekovich, who said ...': the mention through the relative pronoun that is the cue's subject."""
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].text in {",", "—", "–", "("})
    if i >= len(doc) or doc[i].tag_ not in {"WP", "WDT"} or doc[i].dep_ not in {"nsubj", "nsubjpass"}:
        return span
    verb = doc[i].head
    if verb.dep_ != "relcl" or not span.start <= verb.head.i < span.end:
        return span
    if not verb.idx <= cue_start < doc[verb.right_edge.i].idx + len(doc[verb.right_edge.i]):
        return span
    return doc[span.start : i + 1]


def speaker_missing(c: Candidate) -> bool:
    """No speaker, or one the parse found inside the statement's own quoted words."""
    return c.speaker is None or c.start <= c.speaker.start_char < c.end


def narrated_after(text: str, end: int, para_start: int) -> bool:
    """'“Only Rosie,” he cut in. But Kelly was relentless.': a sentence of narration after the statement
    ends its speaker's turn; the quote of the next paragraph is someone else's."""
    return NEW_SENTENCE.search(text[max(0, end - 2) : para_start].rstrip()) is not None


def quote_before_frame(c: Candidate, text: str, quotes: Sequence[tuple[int, int]]) -> bool:
    """'Voters need leaders “who can keep it dry,” Quint said.': words ending in a quote before a bare frame
    that closes the paragraph (the cue and speaker only) go on in a next paragraph that is one quote."""
    if not 0 <= c.end <= c.cue_start or not any(b == c.end for _, b in quotes):
        return False
    nl = text.find("\n", c.end)
    return len(text[c.end : nl if nl >= 0 else len(text)].split()) <= 6


def continued_paragraphs(cands: Sequence[Candidate], text: str, quotes: Sequence[tuple[int, int]]) -> list[Candidate]:
    """A paragraph that is one uncued quote, right after a paragraph whose quote has a speaker: theirs.

    News convention: '“A,” Ruiz said.' then a new paragraph '“B.”' continues Ruiz's words: a statement
    that opens with a quote grows over it (in place); after a paraphrase holding a quote the quote is a new
    statement; a paragraph of paraphrase alone grows over it too (paraphrase_goes_on).
    """
    out: list[Candidate] = []
    spans = sorted((c.start, c.end, c) for c in cands if c.speaker is not None and c.kind == "speech")
    claimed = [(c.start, c.end) for c in cands]
    for qs, qe in quotes:
        if overlaps_any((qs, qe), claimed):
            continue
        para_start = text.rfind("\n", 0, qs) + 1
        nl = text.find("\n", qe)
        para_end = nl if nl >= 0 else len(text)
        said = [c for s, e, c in spans if para_start <= s and e <= qs] if text[para_start:qs].strip() else []
        if said and quote_sentence(text, quotes, (qs, qe)):
            framed = any(para_start <= c.start and c.end <= c.cue_start < qs for c in cands)
            if not framed and quote_after_report(said[-1], text, qs):
                claimed.append((qs, qe))
                said[-1].end = run_on_end(text, quotes, qe)
                continue
        ended_early = bool(said) and said[-1].cue_start < said[-1].end and closes_sentence(text, qe)
        if ended_early and not is_phrase(text[qs:qe]) and rest_of_sentence(text, said[-1].end, qs):
            claimed.append((qs, qe))
            said[-1].end = qe
            continue
        if text[para_start:qs].strip() or text[qe:para_end].strip():
            continue  # the quote is not the whole paragraph
        prev_para = text.rfind("\n", 0, len(text[:para_start].rstrip())) + 1
        prev = [c for s, e, c in spans if prev_para <= e <= para_start]
        # the last statement of that paragraph holding a quote, when no one else speaks after it
        quoted = [k for k, c in enumerate(prev) if overlaps_any((c.start, c.end), quotes)]
        who = {c.speaker.text for c in prev[quoted[-1] :] if c.speaker is not None} if quoted else set()
        if quoted and len(who) == 1 and not narrated_after(text, prev[quoted[-1]].end, para_start):
            p = prev[quoted[-1]]
            claimed.append((qs, qe))
            opens = any(a == p.start for a, _ in quotes)  # the statement is quoted words, not a paraphrase
            opens = opens or quote_before_frame(p, text, quotes)
            if opens and p.end <= qs and covers_both(p.end - p.start, qs - p.end, qe - qs):
                # one statement over the paragraphs, as '“A,” he said. “B.”' is one; the other choice is a
                # second statement of the same speaker, so the span need only still stand for both quotes
                p.end = qe
                continue
            out.append(Candidate(qs, qe, "", -1, -1, "speech", speaker=p.speaker))
            spans.append((qs, qe, out[-1]))
            spans.sort(key=lambda x: (x[0], x[1]))
        elif not quoted and paraphrase_goes_on(prev, text, para_start, (qs, qe)):
            p = prev[-1]
            claimed.append((qs, qe))
            p.end = qe
    return out


# the end of a sentence and the space before the next one: '… if asked. “', '… “could come.” “'
SENTENCE_GAP = re.compile(r"[.!?\"”’')\]]*[^\S\n]+")
SENTENCE_CLOSED = re.compile(r"[.!?][\"”’')\]]*$")
# the rest of a report's sentence after its words, up to the space before the next sentence
REPORT_REST = re.compile(r"[^“”\"\n]{0,200}?[.!?][\"”’')\]]*[^\S\n]+")
FRAME_NEXT = re.compile(r"[^\S\n]*[A-Za-z]")  # '“Will it hold?” Lee asked': a frame of the quote's own


def quote_sentence(text: str, quotes: Sequence[tuple[int, int]], quote: tuple[int, int]) -> bool:
    """A full-sentence quote (or a run of them) that no frame of its own follows ('“B?” Lee asked')."""
    qs, qe = quote
    end = run_on_end(text, quotes, qe)
    return full_sentence_quote(text, qs, qe) and (before_closer(text, qe) == "." or not FRAME_NEXT.match(text, end))


def no_cue_word(words: str) -> bool:
    """Whether words are the writer's alone: none of them is a cue of any kind. A capitalised word inside the
    words is part of a name, not a verb ('who had grown up in the United States', 'a reporter for The Post')."""
    return not any(cue_kind(w.strip(",.;:—–").lower()) for w in words.split() if not w.lstrip("(“\"‘'")[:1].isupper())


def rest_of_report(text: str, end: int, qs: int) -> bool:
    """'Lee announced the suit against the county, the mayor and the school board. “We …”': what follows a
    report's words up to the next sentence is the rest of its sentence, in the writer's words (no quote, no
    cue, no sentence of its own)."""
    rest = text[end:qs]
    if not REPORT_REST.fullmatch(rest) or "''" in rest or len(NEW_SENTENCE.findall(rest + "X")) != 1:
        return False
    return no_cue_word(rest)


def quote_after_report(c: Candidate, text: str, qs: int) -> bool:
    """'Oren Pike said he would back the levee plan if asked. “I’m going to support it, and support it fully.”':
    a quote sentence right after the sentence of a report whose words follow its cue goes on with that report
    (annotators join the two); after a quote framed before its cue in the paragraph ('“A,” said Pike, who noted
    that …. “B.”') the quote is that statement's, which join_around_cue decided on."""
    if c.cue_start < 0 or c.cue_start >= c.end:
        return False
    if SENTENCE_GAP.fullmatch(text, c.end, qs):
        return SENTENCE_CLOSED.search(text[c.start : qs].rstrip()) is not None
    return rest_of_report(text, c.end, qs)


SENTENCE_BREAK = re.compile(NOT_AN_ABBREVIATION + r"[.!?][\"”’')\]]*\s")  # not 'Jupiter, Fla. — “…”'
GLOSS = re.compile(r"\b(?:[A-Z][a-z]+|slang|code|shorthand)[^\S\n]+for[^\S\n]*$")  # 'Latin for', 'slang for'
SENTENCE_ENDS = re.compile(r"[^\S\n]*[.!?]?[^\S\n]*(?:\n|$)|[.!?]")  # after a quote closing on its own mark


NEXT_SENTENCE = re.compile(r"[^\S\n]*(?:\n|$|[“\"‘A-Z]|-|—|–)")  # a new sentence, or a dash closing the aside


def closes_sentence(text: str, qe: int) -> bool:
    """A quote that closes its sentence: on . ! ? inside its marks or right after them, or at the paragraph's end."""
    if SENTENCE_ENDS.match(text, qe) is not None:
        return True
    # '?' or '!' inside the marks ends the sentence only when a new one (or the paragraph end) follows, not in
    # 'the banner bore the words “Who will pay?” in red letters'
    closed = before_closer(text, qe) in {".", "!", "?"}
    return closed and NEXT_SENTENCE.match(text, qe) is not None


def rest_of_sentence(text: str, end: int, qs: int) -> bool:
    """'said that Lee’s server was unprotected, and he had total access to the server that “was like an open
    door.”': the words between a report's end and a quote closing its sentence, in the writer's words (no quote,
    no cue, no sentence break), lead into the quote that goes on with what was said."""
    rest = text[end:qs]
    if len(rest) > 200 or any(ch in rest for ch in '“”"\n') or "''" in rest:
        return False
    if SENTENCE_BREAK.search(text[max(0, end - 4) : qs]):
        return False  # '… of adversaries.” Her use of “…”' and '… was Jewish. (He was not.) “…”': a new sentence
    if GLOSS.search(rest):
        return False  # '… with “Si vis pacem,” Latin for “if you want peace …”': the writer's translation
    return no_cue_word(rest)


OWN_SPEAKER = re.compile(r"[“\"'‘`]*(?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w.’'-]*:")  # '"Chris Matthews: …"'


def paraphrase_goes_on(prev: Sequence[Candidate], text: str, para_start: int, quote: tuple[int, int]) -> bool:
    """'Carter said that the U.S. would not withdraw from the region.' then a paragraph that is one quote,
    '“That’s because this region remains the most consequential for America’s own security.”': the quote
    goes on with the paraphrase closing the paragraph before (no quote in that paragraph, one speaker, no
    narration after it), and one span over both stands for them. Not a quote in capitals (a section heading:
    '“DIVISIVE, STUPID AND WRONG”') nor one naming its own speaker ('"Chris Matthews: Seriously, …"')."""
    if not prev or len({c.speaker.text for c in prev if c.speaker is not None}) != 1:
        return False
    p = prev[-1]
    qs, qe = quote
    words = text[qs:qe]
    if p.end > qs or narrated_after(text, p.end, para_start) or not any(ch.islower() for ch in words):
        return False
    if OWN_SPEAKER.match(words):
        return False
    return covers_both(p.end - p.start, qs - p.end, qe - qs)


def is_place(span: Span | None) -> bool:
    """A place standing for its government ('Moscow sees ...')."""
    return span is not None and len(span.ents) == 1 and span.ents[0].label_ == "GPE" and len(span) <= 2


def same_paragraph(text: str, end: int, start: int) -> bool:
    """Whether a statement starting at `start` follows one ending at `end` in the same paragraph: a place
    speaks for the last speaker's government only right after that speaker ('he said that the Russian
    Federation … Moscow sees …'), not paragraphs later where it is the place's own government."""
    return 0 <= end <= start and "\n" not in text[end:start]


# "Editor’s note: Donald Trump is a serial liar ... who has repeatedly pledged to ...": a publisher's standing
# note repeated under many articles, the paper's voice rather than a report of anyone's words
EDITOR_NOTE = re.compile(
    r"^[^\S\n]*editor[’']?s[’']?[^\S\n]+note[^\S\n]*[:—–-].*?(?=\n[^\S\n]*\n|\Z)", re.I | re.S | re.M
)


def editor_notes(text: str) -> list[tuple[int, int]]:
    """The spans of one-sentence 'Editor’s note:' paragraphs (a standing tag line), sorted; a longer note is
    a correction that reports what sources said and keeps its statements."""
    out = []
    for m in EDITOR_NOTE.finditer(text):
        body = m.group().rstrip()
        first = body.split("\n", 1)[0].rstrip()
        if not NEW_SENTENCE.search(body):
            out.append(m.span())
        elif first != body and first[-1:] in '.!?”"' and not NEW_SENTENCE.search(first):
            out.append((m.start(), m.start() + len(first)))  # one sentence ending its line; a bio line follows
    return out


def chain_tail(c: Candidate, cands: Sequence[Candidate], text: str, quotes: Sequence[tuple[int, int]]) -> bool:
    """'She said that aides told her the deal was dead': an indirect report whose cue sits inside another speech
    statement and whose content ends where that statement ends is the tail of the reported chain, already
    inside the outer statement (readers and annotators mark the outer report only)."""
    if c.kind != "speech" or c.cue_start < 0 or statement_type(text, c.start, c.end, quotes) != "indirect":
        return False
    return any(o is not c and o.kind == "speech" and cue_inside(c, o) and abs(o.end - c.end) <= 2 for o in cands)


ASIDE_MARKS = CAUSE_MARKS | {"as", "while", "whereas"}


def cue_quoted(c: Candidate, quotes: Sequence[tuple[int, int]]) -> bool:
    """'“Syrians are now being caught at the border, just like I said,” he wrote': a cue inside quotation marks is
    the quoted speaker's wording, not the article's report (sentence_candidates skips such verbs; this holds the
    other routes to it). 'According to' keeps its statement: inside a quote it still names the source the quoted
    speaker cites ('“Of its voters, according to data from the county office, …”')."""
    if c.cue_start < 0 or c.cue.lower() == "according to":
        return False
    # not a scare-quoted cue, the quote holding the cue word alone: 'The mayor’s “promise” to reopen the pier'
    return any(qs < c.cue_start < qe and (qe - qs) - (c.cue_end - c.cue_start) > 4 for qs, qe in quotes)


def aside_clause(c: Candidate) -> bool:
    """'..., even as he understands how hard it is': a report in an adverbial clause is the writer's aside
    next to the outer statement, not part of what the outer speaker said."""
    if c.speaker is None:
        return False
    cue = c.speaker.doc.char_span(c.cue_start, c.cue_end, alignment_mode="expand")
    if cue is None:
        return False
    verb = cue.root
    return verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ASIDE_MARKS for m in verb.children)


def nested_report(c: Candidate, cands: Sequence[Candidate], quotes: Sequence[tuple[int, int]]) -> bool:
    """'Mr. Ross said Mr. Obama had told donors that ...': a report whose cue and words both sit inside another
    statement's content is part of what that statement reports (the annotators mark the outermost report only).
    A participle cue ('..., saying it was over') is the same speaker's next statement and stays its own; quoted
    words keep their own statement (see embedded_report) unless an 'according to' claims them."""
    if c.cue_start < 0 or c.cue.split()[0].lower().endswith("ing"):
        return False
    if aside_clause(c):
        return False
    quoted = overlaps_any((c.start, c.end), quotes)
    return any(
        o is not c
        and (not quoted or o.cue.lower() == "according to")
        and cue_inside(c, o)
        and c.start < o.end
        and o.start < c.end
        and not cue_inside(o, c)
        for o in cands
    )


def opens_with_speaker(c: Candidate) -> bool:
    """'“The levee,” said Ivo Brandt, the county engineer, “is going to hold.”': the parse made the speaker of an
    inverted cue the subject of the quote after it, so the content it gives opens with the speaker's own name;
    the quotes around the cue make the statement (join_around_cue)."""
    return c.speaker is not None and c.speaker.start_char == c.start and c.cue_end <= c.start


CLAUSAL_CONTENT = re.compile(r"(?:that|whether|if|how|what|why|to)\b", re.IGNORECASE)
WHICH_AFTER = re.compile(r"\s*,?\s*which\b")


def end_before_which(c: Candidate, text: str, quotes: Sequence[tuple[int, int]], sdoc: Doc) -> int:
    """Where a noun-phrase statement ends when a quote in it is followed by the writer's 'which' clause:
    'Trump would denounce “self-deportation,” which is like a sundae next to his own plans' says
    “self-deportation,” and the sundae is the writer's. A that-clause goes on ('alleged that the DNC “failed
    …,” which led to …' is all alleged)."""
    if CLAUSAL_CONTENT.match(text, c.start):
        return c.end
    for qs, qe in quotes:
        if c.start <= qs and qe < c.end and qe > c.cue_end and WHICH_AFTER.match(text, qe):
            said = sdoc.char_span(c.start, qe, alignment_mode="expand")
            if said is not None and any(t.tag_ in FINITE_TAGS for t in said):
                return c.end  # 'said the plan “would fail,” which would hurt the town': a clause goes on
            return qe
    return c.end


def start_after_own_report(c: Candidate, text: str, quotes: Sequence[tuple[int, int]]) -> int:
    """Where a statement framed after its quote starts when the writer's words before the quote report a saying
    of their own: 'Biden weighed in, telling Mic in an interview on Monday, “But they’re both qualified,” he
    said' says the quote alone (a lower-case quote goes on with the sentence: 'Ms. Lee, with her record,
    “is seen as …,” he said')."""
    if c.cue_start < c.end or c.start >= c.end or text[c.start] in QUOTE_MARKS:
        return c.start
    for qs, qe in quotes:
        lead = text[c.start : qs]
        if c.start < qs and qe == c.end and lead.rstrip().endswith(","):
            opens = text[qs:qe].lstrip(QUOTE_MARKS + " ")[:1]
            if opens.isupper() and any(cue_kind(w.strip(",.;:")) == "speech" for w in lead.split()):
                return qs
    return c.start


def extract_doc(sdoc: Doc, document: Document, skip: Sequence[tuple[int, int]]) -> list[Statement]:
    """All statements of one parsed document, resolved, in text order."""
    text = document.text
    quotes = find_quotes(text)
    sents = list(sdoc.sents)
    cands = [c for s in sents for c in sentence_candidates(s, quotes, text) if not opens_with_speaker(c)]
    attach_adjacent(cands, sents, quotes, text)
    cands += framed_quotes(sdoc, text, quotes, cands)
    cands += orphan_quotes(sdoc, text, quotes, cands)
    cands = normalise(cands, text, quotes, sents)
    for c in cands:
        c.end = end_before_which(c, text, quotes, sdoc)
        c.start = start_after_own_report(c, text, quotes)
    cands = sorted(cands + continued_paragraphs(cands, text, quotes), key=lambda c: (c.start, c.end))
    notes = editor_notes(text)
    cands = [
        c
        for c in cands
        if not in_spans(c.start, notes)
        and not chain_tail(c, cands, text, quotes)
        and not nested_report(c, cands, quotes)
        and not cue_quoted(c, quotes)
    ]
    for c in cands:
        if speaker_missing(c) and not c.speaker_text and c.end <= c.cue_start:
            c.speaker = name_after_quote(sdoc, c.end, c.cue_start) or c.speaker
        if c.speaker is None and not c.speaker_text and c.cue_start >= 0:
            c.speaker = reduced_relative_subject(sdoc, c.cue_start)
    resolver = Resolver(sdoc, quotes, text)
    starts = [s.start_char for s in sents]
    skip_sorted = sorted(skip)
    last: Resolution | None = None
    last_end = -1
    chains: dict[str, str] = {}
    out: list[Statement] = []
    for c in cands:
        si = max(0, bisect.bisect_right(starts, min(c.start, c.cue_start)) - 1)
        window = sents[max(0, si - 1)].start_char
        if c.speaker is not None:
            res = resolver.resolve(c.speaker, last, window, recent=last_end >= window)
            beside = same_paragraph(text, last_end, c.start)  # "he said that … Moscow sees …"
            if is_place(c.speaker) and last is not None and last.speaker in resolver.people and beside:
                res = last if res.speaker not in resolver.people else res  # "Moscow sees ..." (not "Rep. Israel")
            written = with_relative(c.speaker, c.cue_start)  # the gold convention marks "who"; resolve the name
            mention, ms, me = written.text, written.start_char, written.end_char
        else:
            span = sdoc.char_span(c.speaker_start, c.speaker_end, alignment_mode="expand") if c.speaker_text else None
            res = Resolution("") if span is None else resolver.resolve(span, last, window, last_end >= window)
            res = res if res.speaker else Resolution(c.speaker_text)  # "His remarks indicated" -> his name
            if res.speaker not in resolver.people and names_more(c.speaker_text, res.speaker):
                res = Resolution(c.speaker_text, res.role)  # '― Oren Pike' (a mis-tagged surname): the written name
            mention, ms, me = c.speaker_text, c.speaker_start, c.speaker_end
        if res.speaker and res.speaker in resolver.people:
            last = res
            last_end = c.end
        reported_by = c.reported_by or chains.get(res.speaker, "")
        if c.reported_by and res.speaker:
            chains.setdefault(res.speaker, c.reported_by)
        if in_spans(c.start, skip_sorted):
            continue
        out.append(
            Statement(
                doc_id=document.doc_id,
                quote=text[c.start : c.end],
                start=c.start,
                end=c.end,
                type=statement_type(text, c.start, c.end, quotes),
                speaker=res.speaker,
                speaker_mention=mention,
                speaker_start=ms,
                speaker_end=me,
                role=res.role,
                cue=c.cue,
                cue_start=c.cue_start,
                cue_end=c.cue_end,
                reported_by=reported_by,
                title=document.title,
                date=document.date,
                source=document.source,
                url=document.url,
            )
        )
    return out


class RulesExtractor:
    """spaCy parse + cue lexicon + quote spans + in-document resolution (the default)."""

    def __init__(self, settings: Settings, batch_size: int = 16) -> None:
        self.settings = settings
        self.batch_size = batch_size

    def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
        """One list of statements per document, none starting inside that document's skipped spans."""
        from index.nlp import load_nlp

        if not docs:
            return []
        nlp = load_nlp(self.settings)
        skips = list(skip) + [()] * (len(docs) - len(skip))
        parsed = nlp.pipe((d.text for d in docs), batch_size=self.batch_size)
        return [extract_doc(sdoc, d, s) for sdoc, d, s in zip(parsed, docs, skips, strict=True)]


EXTRACTORS: dict[str, Callable[[Settings], StatementExtractor]] = {"rules": RulesExtractor}


def make_extractor(settings: Settings) -> StatementExtractor:
    """The extractor named by settings.extractor (default "rules")."""
    name = getattr(settings, "extractor", "rules") or "rules"
    if name not in EXTRACTORS:
        raise unknown_choice("statement extractor", name, list(EXTRACTORS))
    return EXTRACTORS[name](settings)
