"""In-document speaker resolution: mentions ("he", "the minister", "Lavrov") -> the full name and role.

Works on a parsed spaCy Doc. People are the PERSON entities of the document; a person's role comes
from the title words before the name ("Russian Foreign Minister Sergei Lavrov") or an appositive
("David Bossie, president of Citizens United"). Resolution looks back from the mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from index.cues import cue_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "lt", "gen", "col", "sgt", "capt", "prof", "rev", "hon",
    "president", "senator", "governor", "congressman", "congresswoman", "judge", "justice", "secretary", "mayor",
    "minister", "chancellor", "premier", "speaker", "ambassador", "general", "sir", "lord", "lady", "dame",
}  # fmt: skip
PRONOUNS = {
    "he",
    "she",
    "him",
    "his",
    "her",
    "hers",
    "i",
    "we",
    "they",
    "it",
    "you",
    "me",
    "us",
    "them",
    "himself",
    "herself",
}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself", "i", "me"}
# words that make a nominal mention a role ("the foreign minister", "the Republican nominee")
ROLE_HEADS = {
    "minister", "president", "senator", "governor", "candidate", "nominee", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "leader", "mayor", "congressman",
    "congresswoman", "representative", "ambassador", "chancellor", "premier", "director", "chief", "official",
    "adviser", "advisor", "aide", "businessman", "billionaire", "mogul", "lawmaker", "democrat", "republican",
    "manager", "judge", "justice", "general", "commander", "ceo", "founder", "host", "author", "professor",
    "diplomat", "envoy", "king", "queen", "prince", "pope", "speaker", "attorney", "prosecutor", "sheriff",
    "strategist", "pollster", "analyst", "economist", "writer", "columnist", "reporter", "editor",
}  # fmt: skip
# abbreviated titles, for matching a description ('the admiral') with the title a name had ('Adm. Harris')
RANKS = {
    "adm": "admiral", "gen": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "cmdr": "commander", "maj": "major", "sen": "senator", "rep": "representative", "gov": "governor",
    "prof": "professor", "rev": "reverend", "atty": "attorney", "supt": "superintendent", "sec": "secretary",
}  # fmt: skip
# heads of a definite description that names someone by a role or rank ('the admiral', 'the senator')
DESCRIPTION_HEADS = ROLE_HEADS | set(RANKS.values())
INSTITUTION_LABELS = {"ORG", "GPE", "NORP", "FAC"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}  # say nothing of what a person does
TRAILING = {"RB", "RBR", "WRB", "WDT", "WP", "IN", ",", ":", "CC", "DT", "HYPH"}
NAME_DEPS = {"compound", "flat", "amod"}  # "Islamic State", "Anthony Kiedis"
NAME_CHAIN = {
    "appos",
    "nmod",
    "compound",
    "flat",
}  # the words an apposition's name may hang from: "state Del. Martha Reed"
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# lower-case words that belong to a title before a name ("chief executive Dario Falk")
TITLE_MODIFIERS = {"chief", "deputy", "former", "senior", "vice", "acting", "executive", "assistant", "interim"}
ROLE_DEPS = {"compound", "amod", "nmod", "npadvmod"}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
GENDER_VOTERS = {"nsubj", "nsubjpass", "poss"}  # "Deja Stewart, who ... when she called him": not the object
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "congresswoman", "chairwoman", "spokeswoman", "lady", "dame", "queen"}
MALE_TITLES = {"mr", "congressman", "chairman", "spokesman", "sir", "lord", "king", "prince"}
# common first names, to tell "he" from "she" without a coreference model
FEMALE_NAMES = {
    "hillary", "chelsea", "melania", "ivanka", "kellyanne", "sarah", "nancy", "elizabeth", "michelle", "madeleine",
    "carly", "nikki", "huma", "debbie", "donna", "susan", "mary", "patricia", "jennifer", "linda", "barbara",
    "margaret", "lisa", "karen", "betty", "helen", "sandra", "ashley", "kimberly", "emily", "amy", "anna", "angela",
    "marine", "theresa", "ursula", "kamala", "tulsi", "jill", "laura", "hope", "katrina", "megyn", "katy", "ana",
    "lena", "maria", "sonia", "ruth", "elena", "claire", "kirsten", "dianne", "tammy", "heidi", "joni", "susana",
    "jeanne", "loretta", "janet", "samantha", "valerie", "cheryl", "abby", "melanie", "jessica", "stephanie",
    "rebecca", "sharon", "cynthia", "kathleen", "amanda", "shirley", "deborah", "rachel", "carolyn", "virginia",
    "julie", "joyce", "evelyn", "christine", "catherine", "frances", "ann", "anne", "judith", "judy", "gloria",
    "diane", "alice", "julia", "grace", "denise", "marilyn", "beverly", "charlotte", "marie", "kathryn", "teresa",
    "doris", "sara", "janice", "jean", "martha", "olivia", "emma", "sophia", "isabella", "ava", "mia", "abigail",
    "madison", "chloe", "natalie", "hannah", "victoria", "lauren", "brittany", "megan", "nicole", "christina",
    "heather", "melissa", "tiffany", "andrea", "diana", "erin", "katherine", "kate", "kathy", "carol", "peggy",
    "wendy", "rosa", "rose", "brenda", "pamela", "tina", "dolores", "irene", "eileen", "colleen", "bonnie", "gina",
    "monica", "vanessa", "veronica", "jacqueline", "jane", "joan", "joanne", "lorraine", "lucy", "marsha", "maxine",
    "michele", "nina", "norma", "paula", "rita", "sheila", "stacey", "sylvia", "tracy", "vicki", "yvonne", "yolanda",
    "liz", "beth", "meg", "nora", "penny", "roxanne", "sally", "tanya", "keisha", "latoya", "ayanna", "alexandria",
    "ilhan", "rashida", "nita", "sheryl", "condoleezza", "marta", "lucia", "sofia", "carmen", "isabel", "fatima",
    "aisha", "ingrid", "greta", "monika", "olga", "natasha", "svetlana", "yulia", "angelique", "francoise",
}  # fmt: skip
MALE_NAMES = {
    "paul", "scott", "ryan", "martin", "donald", "bernie", "ted", "marco", "jeb", "john", "ben", "chris", "mike",
    "barack", "joe", "tim", "mitt", "rand", "rick", "bill", "george", "jim", "james", "robert", "michael", "david",
    "richard", "thomas", "charles", "steve", "stephen", "mark", "jeff", "reince", "corey", "newt", "rudy", "roger",
    "sean", "tom", "eric", "vladimir", "sergei", "sergey", "xi", "boris", "emmanuel", "justin", "harry", "bob",
    "frank", "peter", "andrew", "kevin", "jason", "matt", "gary", "carl", "anthony", "brian", "dan", "daniel", "greg",
    "larry", "jerry", "al", "ron", "ken", "jack", "sam", "luke", "howard", "nigel", "tony", "ivan", "william",
    "joseph", "christopher", "matthew", "joshua", "kenneth", "edward", "donny", "timothy", "jeffrey", "jacob",
    "nicholas", "jonathan", "dennis", "walter", "patrick", "raymond", "gregory", "samuel", "benjamin", "alexander",
    "henry", "douglas", "adam", "nathan", "zachary", "kyle", "noah", "ethan", "jeremy", "keith", "roy", "ralph",
    "gerald", "lawrence", "albert", "arthur", "willie", "bruce", "billy", "dylan", "bryan", "alan", "juan", "louis",
    "wayne", "harold", "randy", "vincent", "russell", "bobby", "philip", "johnny", "craig", "todd", "phil", "mitch",
    "chuck", "orrin", "jared", "steven", "hugh", "bernard", "kurt", "rex", "mick", "vince", "lou", "marty", "ed",
    "eddie", "ernest", "jesse", "jimmy", "leon", "lloyd", "mario", "max", "melvin", "norman", "oscar", "pedro",
    "rodney", "ross", "seth", "shane", "stanley", "terry", "tyler", "victor", "wesley", "dick", "ari", "josh", "reid",
    "rahm", "rush", "glenn", "bret", "chad", "elijah", "carlos", "jose", "luis", "miguel", "ahmed", "mohammed",
    "muhammad", "ali", "omar", "hans", "pierre", "francois", "giuseppe", "antonio", "tomas", "diego", "javier",
    "alejandro", "dmitry", "alexei", "mikhail",
}  # fmt: skip  # not "lindsey", "jordan", "kelly": they name men and women alike
FIRST_NAMES = FEMALE_NAMES | MALE_NAMES


def gender_of(ent: Span) -> str:
    """'m', 'f' or '' from a title before or in the name, or a common first name."""
    doc = ent.doc
    words = [t.text.lower().rstrip(".") for t in ent]
    before = doc[ent.start - 1].text.lower().rstrip(".") if ent.start > 0 else ""
    for w in [before, *words]:
        if w in FEMALE_TITLES:
            return "f"
        if w in MALE_TITLES:
            return "m"
    first = next((w for w in words if w not in TITLES), "")
    if len(words) > 1 and first in FEMALE_NAMES:
        return "f"
    if len(words) > 1 and first in MALE_NAMES:
        return "m"
    return ""


@dataclass
class Person:
    """A person introduced in the document."""

    name: str
    role: str = ""
    first: int = 0  # character offset of the first mention
    gender: str = ""  # "m", "f" or "" (unknown), from titles and first names
    mentions: list[int] = field(default_factory=list)  # character offsets of mentions, in order
    named: int = 0  # mentions by the full name
    roles: list[str] = field(default_factory=list)  # every role the text gives them, first first

    @property
    def surname(self) -> str:
        return last_name(self.name)


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def suffix(name: str) -> str:
    """'jr', 'iii' ... at the end of a written name, else ''."""
    words = name.replace(",", " ").split()
    last = words[-1].lower().rstrip(".") if len(words) > 1 else ""
    return last if last in SUFFIXES else ""


def last_name(name: str) -> str:
    """The surname of a written name, lower-case, past a suffix ('Harry B. Harris Jr.' -> 'harris')."""
    words = [w.lower() for w in name.replace(",", " ").split()]
    while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
        words.pop()
    return words[-1] if words else ""


@dataclass(frozen=True)
class Resolution:
    """Who a mention refers to: a resolved name ("" when unknown) and the role when the text gives one."""

    speaker: str
    role: str = ""


NICKNAME = re.compile(r"""\s*(?<!\w)(?:``|''|["“”‘’'])[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)?(?:''|["“”‘’'])(?!\w)\s*""")
SURNAME_AFTER = re.compile(r"[A-Z][\w’'-]+")
OPEN_MARKS = " \"“‘'`"


def without_nickname(name: str, text: str, end: int) -> str:
    """'Marcia "Cia" Price' -> 'Marcia Price': a quoted nickname is no part of the name a reader looks up. When the
    entity stopped at the nickname ('Marcia "', written up to `end` in text), the surname after it completes it."""
    cut = NICKNAME.search(name)
    if cut is not None:
        return (name[: cut.start()] + " " + name[cut.end() :]).strip(OPEN_MARKS)
    stem = name.rstrip(OPEN_MARKS)
    nick = NICKNAME.match(text, end - (len(name) - len(stem)))
    surname = SURNAME_AFTER.match(text, nick.end()) if nick is not None else None
    return f"{stem} {surname.group()}" if surname is not None else name


def org_name(text: str) -> str:
    """An organisation's name as written, without a leading article or a trailing possessive."""
    return re.sub(r"^(?:the|The)\s+", "", POSSESSIVE.sub("", text))


def clean_name(span: Span, text: str) -> str:
    """A PERSON entity's name as written, without leading titles, a quoted nickname or a trailing possessive."""
    i = 0
    while i < len(span) - 1 and span[i].text.lower().rstrip(".") in TITLES:
        i += 1
    end = next((t.i - span.start for t in span[i + 1 :] if t.text in {":", "—", "–"}), len(span))
    while end - 1 > i + 1 and span[end - 1].tag_[:2] == "VB":
        end -= 1  # a headline's name run into its cue: "Lena Ortiz Vows To …", "Ana Ruiz: Saying …"
    while end - 1 > i + 1 and span[end - 1].tag_ in {"IN", "CC", "DT"}:
        end -= 1  # an entity run into the phrase after the name: 'Juan "Chico" Manriquez of' (Oakland)
    stop = span[end - 1].idx + len(span[end - 1].text) if len(span) else 0
    name = text[span[i].idx : stop] if len(span) else ""
    return POSSESSIVE.sub("", " ".join(without_nickname(name, text, stop).split()))


def role_before(ent: Span) -> str:
    """Title words right before a name in the same noun phrase: 'Russian Foreign Minister'."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ in ROLE_DEPS | {"punct"} and doc[i].text not in {",", "(", "“", '"', "‘", "’"}:
        if doc[i].head.i < ent.start - 1 and doc[i].head.i != ent.root.i and doc[i].head.i < i:
            break
        word = doc[i]
        titled = word.lower_.rstrip(".") in TITLES  # "Lt. Gov." may be tagged anything
        if not titled and (word.tag_ in {"RB", "UH", "DT"} or (word.is_punct and word.text not in {"-", "."})):
            break  # "Meanwhile Rihanna", "both Richards"
        if not (
            word.text[:1].isupper()
            or word.tag_ in {"NNP", "NNPS", "NN"}
            or word.ent_type_ == "NORP"
            or word.text.lower() in TITLE_MODIFIERS
        ):
            break
        i -= 1
    words = doc[i + 1 : ent.start]
    titles = [t.text for t in ent if t.text.lower().rstrip(".") in TITLES]
    role = " ".join([words.text] if len(words) else []) or " ".join(titles[:1])
    return clean_role(role)


def clean_role(role: str) -> str:
    """A role without edge punctuation; '' for honorifics ('Mr.') and scraps ('ceed', 'both')."""
    role = role.strip(" ,()“”\"‘’'-")
    words = re.findall(r"[A-Za-z]{2,}", role)
    if not words or role.lower().rstrip(".") in HONORIFICS or (len(words) == 1 and role.islower() and len(role) < 4):
        return ""
    return role


def role_appositive(ent: Span) -> str:
    """An appositive after the name: 'David Bossie, president of Citizens United,' -> the description."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1 and child.ent_type_ != "PERSON":
            sub = child.doc[child.left_edge.i : child.right_edge.i + 1]
            text = sub.text.strip(" ,")
            text = clean_role(re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I))
            named = any(t.lower_ == ent[-1].lower_ for t in sub)  # "chairwoman, Janet Yellen, seated ..."
            if 2 < len(text) <= 90 and child.tag_ != "PRP" and not named:  # not "himself"
                return text
    return ""


# heads that speak for the person who holds them: "Clinton's campaign", "the Trump campaign", "Sanders' aides"
SPEAKS_FOR = {
    "campaign", "camp", "team", "aides", "staff", "office", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "administration", "transition", "representatives", "aide", "adviser", "advisers",
    "advisor", "advisors", "unit", "desk", "officials", "lawyers", "attorneys", "editors", "leadership",
    "founders", "board",
}  # fmt: skip
# what carries a person's words: "Francis' message", "Sanders' fundraising email", "Trump's statement"
CARRIERS = {
    "statement", "message", "letter", "email", "e-mail", "tweet", "tweets", "post", "ad", "website", "memo",
    "speech", "remarks", "comments", "book", "essay", "column", "testimony", "interview", "video", "account",
    "poll", "survey", "study", "report", "analysis", "filing", "brief", "lawsuit", "complaint", "data", "records",
    "response", "reply", "answer", "filings", "platform", "review", "article", "editorial", "documents",
    "reporting", "tally", "findings", "estimate", "estimates", "figures", "count", "projections", "forecast",
}  # fmt: skip
# a possessor does not speak through these: "Trump's wife", "Clinton's critics", "Rubio's rival"
NOT_HELD = {
    "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "widow", "friend", "friends",
    "critic", "critics", "opponent", "opponents", "rival", "rivals", "challenger", "enemies", "detractors",
}  # fmt: skip
# institution heads a definite description takes up: "the ministry said" after "the Ministry of Environment"
ORG_HEADS = {
    "ministry", "department", "agency", "company", "committee", "commission", "council", "office", "court",
    "bank", "union", "party", "foundation", "institute", "group", "association", "board", "network", "firm",
    "fund", "university", "center", "centre", "coalition", "alliance", "service", "church", "journal",
}  # fmt: skip
# named surveys a definite description takes up: "the survey asks" after "the American Community Survey"
NAMED_WORKS = {"survey", "poll", "study"}
# collectives that speak as one ("Police said", "Mourners recalled", "the team said"): kept as written
GROUP_NOUNS = {
    "police", "authorities", "officials", "critics", "experts", "analysts", "economists", "mourners", "fans",
    "advocates", "delegates", "witnesses", "sources", "parents", "families", "residents", "protesters",
    "demonstrators", "investigators", "prosecutors", "lawmakers", "legislators", "leaders", "activists",
    "supporters", "opponents", "republicans", "democrats", "conservatives", "liberals", "progressives",
    "team", "government", "administration", "military", "army", "crowd", "audience", "jury", "panel",
}  # fmt: skip
SHARES = {"%", "percent", "majority", "most", "half", "third", "quarter", "plurality", "minority", "many", "some"}
PARTY_MEMBERS = {"democrat", "republican", "conservative", "liberal", "progressive", "libertarian", "independent"}
QUANTIFIERS = {"many", "several", "few", "most", "other", "some", "all", "both", "even", "only", "also"}
GROUP_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "ents")  # "Fact-checkers", "pollsters", "scientists"


@dataclass(frozen=True)
class Mention:
    """A person named (or surnamed) at a character offset; whether as a subject, of the main clause."""

    offset: int
    person: Person
    subject: bool = False
    main: bool = False
    speaks: bool = False  # the subject of a reporting verb ("Sexton said")


def subject_kind(tok: Token) -> tuple[bool, bool, bool]:
    """(is a subject, is the subject of the main verb or of a verb conjoined to it, of a reporting verb)."""
    while tok.dep_ == "appos" and tok.head.i < tok.i and tok.head.dep_ in {"nsubj", "nsubjpass"}:
        tok = tok.head  # "Elliott's father, the Rev. Charles Elliott Jr., knew Ali": the name is the subject
    if tok.dep_ == "poss" and tok.head.dep_ in {"nsubj", "nsubjpass"} and tok.head.ent_type_ != "PERSON":
        tok = tok.head  # "Mr. Sanders's proudest moments are losses. He voted ...": the possessor is the topic
    subject = tok.dep_ in {"nsubj", "nsubjpass"}
    head = tok.head
    main = subject and (head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"))
    main = main and not reported_inside(head if head.dep_ == "ROOT" else head.head)
    speaks = (main or head.dep_ == "parataxis") and cue_kind(head.text) == "speech"  # not "that Obama called for"
    return subject, main, subject and speaks


def reported_inside(verb: Token) -> bool:
    """'Mr. Trump's jabs, Mr. Graham said, were unacceptable': a main clause a speech verb set inside it reports;
    its subject is what someone said, not whom the narrative turns to."""
    return any(
        c.dep_ == "parataxis" and cue_kind(c.text) == "speech" and any(g.dep_ == "nsubj" for g in c.children)
        for c in verb.children
    )


def role_gender(word: str) -> str:
    low = word.lower()
    return "f" if low in FEMALE_TITLES else "m" if low in MALE_TITLES else ""


def core(mention: Span) -> Span:
    """The mention without trailing words a cue span drags along ('Anthony Kiedis recently', 'Dan Golvach when')."""
    end = mention.end
    while end - 1 > mention.start and mention.doc[end - 1].tag_ in TRAILING:
        end -= 1
    return mention.doc[mention.start : end]


def is_person(ent: Span) -> bool:
    """A PERSON entity, or a two-word name the NER labelled otherwise that opens with a common first name
    ('Daniel Mirek' tagged ORG), or a name the NER labelled otherwise that the text describes as a person."""
    if ent.label_ == "PERSON":
        return True
    words = [t.text for t in ent]
    return (
        (
            len(words) == 2  # not "Billy Casper Golf"
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and words[0].lower() in FIRST_NAMES
        )
        or described_as_person(ent)
    )


# what only a person is: 'Eswar Prasad, a professor of economics', 'Trump's wife, Melania,'
HUMAN_NOUNS = {
    "professor", "student", "resident", "voter", "supporter", "delegate", "lawyer", "activist", "teacher",
    "retiree", "scientist", "historian", "economist", "analyst", "strategist", "pollster", "spokesman",
    "spokeswoman", "senator", "congressman", "congresswoman", "governor", "mayor", "attorney", "adviser",
    "advisor", "aide", "pastor", "lawmaker", "businessman", "businesswoman", "veteran", "mother", "father",
    "actor", "actress", "singer", "rapper", "comedian", "journalist", "reporter", "columnist", "researcher",
}  # fmt: skip
RELATIVE_GENDER = {
    "wife": "f", "husband": "m", "son": "m", "daughter": "f", "brother": "m", "sister": "f", "father": "m",
    "mother": "f", "widow": "f", "widower": "m",
}  # fmt: skip
RELATIVES = {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow", "niece", "nephew"}


def described_as_person(ent: Span) -> bool:
    """A short capitalised name the NER took for an organisation or a place, with an appositive only a person
    fits ('Eswar Prasad, a professor of economics at Cornell', 'Trump's wife, Melania,')."""
    if (
        ent.label_ not in {"ORG", "GPE", "NORP"}
        or len(ent) > 3
        or not all(t.is_alpha and t.text[:1].isupper() for t in ent)
    ):
        return False
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in RELATIVES and root.head.i < ent.start:
        return True
    return any(
        c.dep_ == "appos" and c.i >= ent.end and c.tag_ == "NN" and c.lower_ in HUMAN_NOUNS
        and any(d.lower_ in {"a", "an", "the"} for d in c.children)
        for c in root.children
    )  # fmt: skip


def titled_names(doc: Doc) -> list[Span]:
    """Names after a title that the NER missed: 'Governor Ana Ruiz', 'Sen. Tom Baker' (outside headlines)."""
    out = []
    for tok in doc:
        if not tok.text[:1].isupper() or tok.lower_.rstrip(".") not in TITLES or tok.ent_type_ == "PERSON":
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3:
            nxt = doc[end]
            if nxt.tag_ != "NNP" or not nxt.text[:1].isupper() or nxt.lower_.rstrip(".") in TITLES:
                break
            if nxt.ent_type_ not in {"", "PERSON"} or (nxt.ent_type_ == "PERSON" and end == tok.i + 1):
                end = -1  # part of an organisation ("Governor Ruiz Bridge"), or a name the NER has
                break
            end += 1
        if end > tok.i + 1 and not title_case(tok.sent):
            out.append(doc[tok.i + 1 : end])
    return out


def with_title_surname(ent: Span) -> Span:
    """'Lt. Gov. Patty Judge': a surname that is also a title word, left out of the PERSON entity it ends
    (the name the parse compounds on it); the entity through it."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.end >= len(doc):
        return ent
    nxt = doc[ent.end]
    if (
        nxt.tag_ != "NNP"
        or nxt.ent_type_
        or nxt.lower_.rstrip(".") not in TITLES | ROLE_HEADS
        or ent.root.dep_ != "compound"
        or ent.root.head.i != nxt.i
        or (ent.end + 1 < len(doc) and doc[ent.end + 1].tag_ == "NNP")
    ):
        return ent
    return doc[ent.start : ent.end + 1]


def possessed_names(doc: Doc) -> list[Span]:
    """A person the NER swallowed into an organisation after its possessive ('Fox News’ Bret Baier' as one
    ORG): the words after the possessive when they are a common first name and a capitalised surname."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in INSTITUTION_LABELS or title_case(ent.sent):
            continue
        marks = [t.i for t in ent if t.tag_ == "POS" or t.text in {"’", "'"}]
        if not marks or not 2 <= ent.end - marks[-1] - 1 <= 3:
            continue
        words = doc[marks[-1] + 1 : ent.end]
        if words[0].lower_ in FIRST_NAMES and all(t.is_alpha and t.text[:1].isupper() for t in words):
            out.append(words)
    return out


def in_subject(tok: Token) -> bool:
    """A subject, or a name inside one ('Documents from the Democratic National Committee began ...')."""
    for _ in range(4):
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if tok.dep_ not in {"pobj", "prep", "appos", "compound", "poss", "conj"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def the_head(tok: Token) -> bool:
    """A possessor that is a bare definite head ('the foundation's'), taking up an institution named before; not
    one its own words name ('Nevada's Democratic party's')."""
    mods = [c for c in tok.children if c.dep_ != "case"]
    return tok.dep_ == "poss" and len(mods) == 1 and mods[0].lower_ == "the"


def title_case(sent: Span) -> bool:
    """A headline-style sentence ('Trump May Not Have Suggested A Muslim Registry'), where the NER over-reaches."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def pick(same: Sequence[Person], gender: str = "") -> Person:
    """Which of several people sharing a surname a bare 'Clinton' means: one of the right gender ('Mrs.'),
    else the one the text names in full most often, else the one introduced first (the article's Cruz,
    not his wife Heidi Cruz named once)."""
    fitting = [p for p in same if p.gender == gender] or [p for p in same if p.gender == ""] or list(same)
    if not gender:
        fitting = list(same)
    return max(fitting, key=lambda p: (p.named, -p.first))


def holds(person: Person, role: str) -> bool:
    """Whether a role written with a name ('Captain', 'Capt.') is one the text gave this person, ranks spelled
    out; False without a role."""
    words = [RANKS.get(w, w) for w in re.findall(r"[a-z]+", role.lower())]
    if not words or words[-1] in HONORIFICS:
        return False
    given = {RANKS.get(w, w) for r in [person.role, *person.roles] for w in re.findall(r"[a-z]+", r.lower())}
    return words[-1] in given


class Resolver:
    """Resolves speaker mentions within one parsed document, looking back from each mention."""

    def __init__(self, doc: Doc, quotes: Sequence[tuple[int, int]] = (), text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text rebuilds the string on every access
        self.quotes = list(quotes)
        self.people: dict[str, Person] = {}
        self.person_mentions: list[Mention] = []
        self.ent_at: dict[int, Span] = {t: ent for ent in doc.ents for t in range(ent.start, ent.end)}
        self.last_named = -1  # end offset of the last mention resolved to a known person
        self.aliases: dict[str, Person] = {}  # a first name alone -> the one person of that first name
        self.tok_at = {t.idx: t for t in doc}
        self.sents = list(doc.sents)
        self.sent_starts = [sent.start_char for sent in self.sents]
        self.guessed: dict[int, tuple[str, str]] = {}  # offset -> (gender, role) of a title that fit nobody known
        ents = [e for e in doc.ents if is_person(e)]
        headline = [e for e in ents if title_case(e.sent)]  # "Obama Says African-Americans ...": no names there
        owned = possessed_names(doc)
        self.ent_at.update({t: span for span in owned for t in range(span.start, span.end)})
        names = [with_title_surname(e) for e in ents if not title_case(e.sent)] + titled_names(doc) + owned
        for ent in sorted(names, key=lambda e: e.start):
            name = self._full_name(ent)
            if not name or not name[0].isupper():
                continue
            role = role_before(ent) or role_appositive(ent)
            gender = gender_of(ent)
            person = self._person_for(name, ent.start_char, gender, role)
            if person is None:
                continue
            person.named += len(name.split()) > 1
            sharing = self._sharing(name)
            if len(sharing) > 1 and not holds(person, role):
                role = ""  # "Captain Khan" of a family: not the role of whichever Khan was picked
            if role and role not in person.roles:
                person.roles.append(role)  # "Adm. Harry B. Harris Jr." ... "Admiral Harris"
            if not person.role:
                person.role = role
            person.mentions.append(ent.start_char)
            self.person_mentions.append(Mention(ent.start_char, person, *subject_kind(ent.root)))
            if len(sharing) > 1 and gender and all(p.gender != gender for p in sharing):
                self.guessed[ent.start_char] = (gender, role)  # "Mr. Khan" of a family none known a man
                continue
            person.gender = person.gender or gender
        for ent in headline:
            person = self._in_headline(ent)
            if person is not None:
                self.person_mentions.append(Mention(ent.start_char, person, *subject_kind(ent.root)))
        self._add_surname_mentions()
        self._merge_first_names()
        self.person_mentions.sort(key=lambda m: m.offset)
        self._add_description_mentions()
        surnames = {p.surname for p in self.people.values() if len(p.name.split()) > 1}
        for p in self.people.values():  # "Melanie said": a first name alone, unless it is someone's surname here
            if not p.gender and " " not in p.name and p.surname not in surnames:
                p.gender = "f" if p.surname in FEMALE_NAMES else "m" if p.surname in MALE_NAMES else ""
        self._infer_genders()
        self._settle_guesses()
        self.mention_at = {m.offset: m for m in self.person_mentions}

    def _settle_guesses(self) -> None:
        """'Mr. Khan' where several Khans were named and none was yet known to be a man: once the first names
        and pronouns told what they could, the mention goes to one of the title's gender (else the likeliest
        of unknown gender, who is then taken to be of it), holding the role written with it if any."""
        for i, m in enumerate(self.person_mentions):
            if m.offset not in self.guessed:
                continue
            gender, role = self.guessed[m.offset]
            sharing = self._sharing(m.person.surname.capitalize()) or [m.person]
            person = pick([p for p in sharing if holds(p, role)] or sharing, gender)
            person.gender = person.gender or gender
            if person is not m.person:
                m.person.mentions = [o for o in m.person.mentions if o != m.offset]
                person.mentions = sorted([*person.mentions, m.offset])
                self.person_mentions[i] = replace(m, person=person)

    def _add_surname_mentions(self) -> None:
        """Surnames the NER labelled otherwise ('Christie slipped in') still mention their person."""
        by_surname: dict[str, Person] = {}
        for p in self.people.values():
            if len(p.name.split()) > 1:
                by_surname.setdefault(p.surname, p)
        seen = {m.offset for m in self.person_mentions}
        for tok in self.doc:
            if not tok.text[:1].isupper() or tok.ent_type_ == "PERSON" or tok.idx in seen:
                continue
            subject = tok.dep_ in {"nsubj", "nsubjpass"} and tok.is_alpha  # "Trump himself was" tagged VB
            if (tok.tag_ not in {"NNP", "NNPS", "NNS"} and not subject) or len(self.ent_at.get(tok.i, ())) > 1:
                continue  # "Sanders" is often tagged NNS; "Trump Tower" is not Trump
            person = by_surname.get(POSSESSIVE.sub("", tok.text).lower())
            first = self.doc[tok.i - 1] if tok.i else tok
            other = person is not None and first.lower_ != person.name.split()[0].lower()
            if other and first.dep_ == "compound" and first.lower_ in FIRST_NAMES:
                # "Ivanka Trump" the NER missed: not Donald
                name = POSSESSIVE.sub("", self.text[first.idx : tok.idx + len(tok.text)])
                person = self._person_for(name, first.idx, gender_of(self.doc[first.i : tok.i + 1]))
                if person is not None:
                    self.person_mentions.append(Mention(first.idx, person, *subject_kind(tok)))
                continue
            if person is not None:
                self.person_mentions.append(Mention(tok.idx, person, *subject_kind(tok)))

    def _add_description_mentions(self) -> None:
        """A definite description as subject mentions the person whose role it names ('Admiral Harris ...
        the admiral chuckled. “…,” he said')."""
        found = []
        for tok in self.doc:
            if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.tag_ != "NN" or tok.lower_ not in DESCRIPTION_HEADS:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or self._quoted(tok.idx):
                continue
            span = self.doc[tok.left_edge.i : tok.i + 1]
            person = self._by_role(span, tok.idx, every=True)
            if person is not None:
                found.append(Mention(span.start_char, person, *subject_kind(tok)))
        self.person_mentions = sorted(self.person_mentions + found, key=lambda m: m.offset)

    def _merge_first_names(self) -> None:
        """'Bernie did what he said', 'the Donald': a first name alone is the one person the document names
        in full with that first name, unless it is also someone's surname or several people share it."""
        full = [p for p in self.people.values() if len(p.name.split()) > 1]
        surnames = {p.surname for p in full}
        for alone in [p for p in self.people.values() if " " not in p.name]:
            low = alone.name.lower()
            owners = [p for p in full if p.name.split()[0].lower() == low]
            if low in surnames or len(owners) != 1:
                continue
            (person,) = owners
            del self.people[alone.name]
            self.aliases[alone.name] = person
            person.gender = person.gender or alone.gender
            person.mentions = sorted(person.mentions + alone.mentions)
            person.roles += [r for r in alone.roles if r not in person.roles]
            self.person_mentions = [replace(m, person=person) if m.person is alone else m for m in self.person_mentions]

    def _infer_genders(self) -> None:
        """A person alone in a sentence followed by 'he'/'his' (never 'she'/'her') is a man, and so on."""
        votes: dict[str, list[int]] = {}
        offsets = [m.offset for m in self.person_mentions]
        for sent in self.doc.sents:
            lo = bisect.bisect_left(offsets, sent.start_char)
            hi = bisect.bisect_left(offsets, sent.end_char)
            people = {
                id(m.person): m
                for m in self.person_mentions[lo:hi]
                if not self._quoted(m.offset) and m.offset not in self.guessed  # to whom, not known yet
            }
            if len(people) != 1:
                continue
            (m,) = people.values()
            for tok in sent:
                g = PRONOUN_GENDER.get(tok.lower_, "") or ("m" if tok.lower_ == "his" else "")
                if g and tok.idx > m.offset and not self._quoted(tok.idx) and tok.dep_ in GENDER_VOTERS:
                    tally = votes.setdefault(m.person.name, [0, 0])
                    tally[g == "f"] += 1
        for name, (male, female) in votes.items():
            person = self.people.get(name)
            if person is not None and not person.gender and male + female >= 2 and not (male and female):
                person.gender = "m" if male else "f"

    def _colon_lead(self, mention: Span) -> Person | None:
        """The known person a line opens with before a colon: 'Rubio: I still believe ...'."""
        line = self.text.rfind("\n", 0, mention.start_char) + 1
        colon = self.text.find(":", line, mention.start_char)
        if colon < 0 or colon - line > 40:
            return None
        span = self.doc.char_span(line, colon, alignment_mode="contract")
        return self._in_headline(span) if span is not None and len(span) else None

    def _in_headline(self, span: Span) -> Person | None:
        """The known person a title-case span starts with ('Obama Says' -> Obama), if any."""
        for end in range(span.end, span.start, -1):
            name = POSSESSIVE.sub("", span.doc[span.start : end].text)
            person = self.people.get(name) or self._by_surname(name.split()[-1]) if name[:1].isupper() else None
            if person is not None:
                return person
        return None

    def _full_name(self, ent: Span) -> str:
        """A PERSON entity's name (see `clean_name`), a first name coordinated before a full name completed with
        the surname they share ('Khizr and Ghazala Khan' -> 'Khizr Khan')."""
        name = clean_name(ent, self.text)
        nxt = self.ent_at.get(ent.end + 1) if ent.end + 1 < len(self.doc) else None
        if len(name.split()) != 1 or self.doc[ent.end].lower_ not in {"and", "&"} or nxt is None:
            return name
        words = clean_name(nxt, self.text).split() if nxt.start == ent.end + 1 and is_person(nxt) else []
        while len(words) > 2 and words[-1].lower().rstrip(".") in SUFFIXES:
            words.pop()
        if len(words) < 2 or not words[-1][:1].isupper() or not name[:1].isupper():
            return name
        # a surname of its own ('Trump and Hillary Clinton') recurs alone; a first name shared so, nowhere else
        alone = re.compile(rf"\b{re.escape(name)}\b(?!\s+(?:[A-Z]\.\s+)?{re.escape(words[-1])})")
        if name.lower() not in FIRST_NAMES and len(alone.findall(self.text)) > 1:
            return name
        return f"{name} {words[-1]}"

    def _sharing(self, name: str) -> list[Person]:
        """The people named in full whose surname a bare surname is."""
        if len(name.split()) != 1:
            return []
        low = name.lower()
        return [p for p in self.people.values() if p.surname == low and len(p.name.split()) > 1]

    def _person_for(self, name: str, offset: int, gender: str = "", role: str = "") -> Person | None:
        """The Person a written name refers to; full names introduce people, surnames find them (of several
        sharing it, the one holding the role written with it: 'Capt. Khan' is the captain of the family)."""
        words = name.split()
        if name in self.people:
            return self.people[name]
        last = last_name(name)
        same = [p for p in self.people.values() if p.surname == last]
        if len(words) == 1:
            if same:
                return pick([p for p in same if holds(p, role)] or same, gender)
            # a bare surname before (or without) the full name: a provisional person
            person = Person(name=name, first=offset)
            self.people[name] = person
            return person
        for p in same:  # "Sergei Lavrov" upgrades an earlier bare "Lavrov"
            if len(p.name.split()) == 1:
                del self.people[p.name]
                p.name = name
                self.people[name] = p
                return p
            if p.name.split()[0].lower() == words[0].lower() and suffix(p.name) == suffix(name):
                return p  # not 'Donald Trump Jr.' for his father, nor 'Charles Elliott Jr.' for his son
        person = Person(name=name, first=offset)
        self.people[name] = person
        return person

    def _candidates(self, before: int, since: int, gender: str) -> list[Mention]:
        """Mentions of people in [since, before), outside quotes, of a compatible gender, latest last."""
        return [
            m
            for m in self.person_mentions
            if since <= m.offset < before
            and not self._quoted(m.offset)
            and not (gender and m.person.gender and m.person.gender != gender)
        ]

    def recent_person(
        self, before: int, since: int = 0, subjects_only: bool = False, gender: str = ""
    ) -> Person | None:
        """The person mentioned most recently in [since, before), outside quotes, of a compatible gender."""
        cands = [m for m in self._candidates(before, since, gender) if m.subject or not subjects_only]
        return cands[-1].person if cands else None

    def _paragraph_start(self, offset: int, back: int = 0) -> int:
        """Where the paragraph holding `offset` starts, or the one `back` paragraphs before it."""
        start = self.text.rfind("\n", 0, offset) + 1
        for _ in range(back):
            end = start - 1
            while end > 0 and self.text[end - 1].isspace():
                end -= 1
            start = self.text.rfind("\n", 0, max(end, 0)) + 1
        return start

    def _person_on(self, tok: Token) -> Mention | None:
        """The person mention a subject token names: itself, its possessor or its appositive
        ('Mr. Trump', 'Trump's campaign', 'the port's director, Pavel Dunn')."""
        for t in [tok, *(c for c in tok.children if c.dep_ in {"poss", "appos"})]:
            ent = self.ent_at.get(t.i)
            m = self.mention_at.get(ent.start_char if ent is not None else t.idx)
            if m is not None:
                return m
        return None

    def _quote_near(self, mention: Span) -> bool:
        """Whether the mention's sentence holds or touches a quotation."""
        start, end = mention.sent.start_char, mention.sent.end_char
        i = bisect.bisect_left(self.quotes, (start, -1))
        near = self.quotes[max(0, i - 1) : i + 1]
        return any(qs <= end + 1 and start <= qe for qs, qe in near)

    def _bound(self, tok: Token, gender: str) -> Person | Token | None:
        """The person whose clause a pronoun's clause hangs under: the subject of the nearest verb above it
        that has one ('Mr. Trump held a news conference in which he continued ...'); None when that subject
        is no person, is quoted or is of the other gender. A pronoun of the same gender as subject further up
        is the same person: that pronoun, to resolve instead ('He visited X in Israel, where he also met ...',
        'He declared that Trump would have a path, which he called a disaster')."""
        found: Person | None = None
        child, head = tok, tok.head
        while head.i != child.i:
            subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != child.i), None)
            if subj is not None and PRONOUN_GENDER.get(subj.lower_) == gender and subj.lower_ in {"he", "she"}:
                return subj if self._quoted(subj.idx) == self._quoted(tok.idx) else None
            if subj is not None and found is None:
                if subj.tag_ == "WP" and head.dep_ == "relcl":
                    subj = head.head  # "Mr. Stevens, who took aim ... when he ..."
                if subj.i > tok.i and child.dep_ not in {"advcl", "prep"}:
                    return None  # only what is put before the main clause names its subject later ("As he spoke, X")
                m = self._person_on(subj)
                if m is None or self._quoted(m.offset) or (gender and m.person.gender not in {"", gender}):
                    return None
                found = m.person
            child, head = head, head.head
        return found

    def _salient(
        self,
        mention: Span,
        last: Person | None,
        window_start: int,
        recent: bool,
        gender: str,
        pronoun: Token | None = None,
    ) -> Person | None:
        """Who 'he' or 'the senator' most likely is: the subject the pronoun's clause hangs under, a new main
        subject, the last speaker, a recent subject, a main subject named since the last speaker."""
        bound = self._bound(pronoun, gender) if pronoun is not None else None
        if isinstance(bound, Person):
            bound.gender = bound.gender or gender  # "Deja Stewart, who ... when she called him": a woman
            return bound
        if bound is not None:  # the same pronoun further up: whoever it is
            return self._salient(self.doc[bound.i : bound.i + 1], last, window_start, recent, gender, bound)
        ok = last is not None and (not gender or last.gender in {"", gender})
        cands = self._candidates(mention.start_char, window_start, gender)
        last_fits = last is not None and last.gender == gender  # the last speaker's gender is the mention's
        earlier = (
            self._subject_before(pronoun, cands, gender if gender and last_fits else "")
            if pronoun is not None
            else None
        )
        if earlier is not None:
            return earlier
        fresh = [m for m in cands if m.main and m.offset >= self.last_named]
        fresh = [m for m in cands if m.speaks and m.offset >= self.last_named] or fresh
        if fresh:
            return fresh[-1].person  # "Gorka also made the point ... , he noted": the new subject
        mains = [m for m in cands if m.main]
        if recent and ok:
            # "he added": whoever spoke a sentence ago, unless named only below another's main verb there
            # ("Trump was blunt, claiming that Obama wanted ... 'You'd have to be insane,' he said")
            own = [m for m in cands if m.person is last]
            above = [m for m in mains if own and not own[-1].main and self._same_sentence(m.offset, own[-1].offset)]
            return above[-1].person if above and above[-1].person is not last else last
        subjects = mains or [m for m in cands if m.subject]
        if subjects:
            return subjects[-1].person
        known = [m for m in cands if gender and m.person.gender == gender]
        chained = self._subject_pronoun(window_start, mention.start_char, gender) if known and pronoun else None
        if chained is not None and chained.idx < known[-1].offset:
            # "Lance Beebe, 49, said ... He attended the rally, though he may vote for Sanders. “…,” he said": not
            # the man named after the pronoun that was the subject since; whoever that pronoun is
            window = self.sent_starts[max(0, bisect.bisect_right(self.sent_starts, chained.idx) - 2)]
            return self._salient(self.doc[chained.i : chained.i + 1], last, window, False, gender, chained)
        if known and not last_fits:
            return known[-1].person  # "Brenda Johnson ... , she said": the one woman just named
        # "Obama departs the UK today. But he leaves behind a backlash ...": the last speaker spoke before
        # someone else became the subject, in this paragraph or the one before (a description names its own
        # kind of person: "the Indiana governor" is not whoever became the subject)
        since = max(self.last_named, self._paragraph_start(window_start, 1))
        later = self._candidates(window_start, since, gender) if pronoun is not None else []
        if any(m.main for m in later):
            return [m for m in later if m.main][-1].person
        spoke = [o for o in last.mentions if o < mention.start_char][-1:] if last is not None else []
        later = [m for m in later if not any(self._same_sentence(m.offset, o) for o in spoke)]  # "Lynch sued X"
        topic = {m.person.name: m.person for m in later}
        known_gender = len(topic) == 1 and later[0].person.gender == gender
        unknown = len(topic) == 1 and not later[0].person.gender and all(m.subject for m in later)
        fits = known_gender or (unknown and not last_fits)
        if fits and not self._quote_near(mention):
            # "But when it comes to Mr. Sanders's proudest moments, ... He said no to the Iraq war": the one
            # person the narrative turned to (a quote's "he said" still goes back to the last speaker); one of no
            # known gender only as a subject ('The government declared Oksuz was a leader of the plot. He was …')
            return next(iter(topic.values()))
        if ok:
            return last
        cands = self._candidates(mention.start_char, 0, gender)
        known = [m for m in cands if gender and m.person.gender == gender] or cands  # a woman before the unknown
        if known:
            return known[-1].person
        return self._title_person(gender) if pronoun is not None else None

    def _subject_before(self, pronoun: Token, cands: Sequence[Mention], gender: str = "") -> Person | None:
        """'Vice President Joe Biden weighed in as well, telling Mic, “…,” he said' / 'Rubio gave an interview …,
        and he condemned …': a subject pronoun takes up the person who is a subject earlier in its own sentence
        (the latest of a fitting gender; of this `gender` when the last speaker is known to have it), unless that
        subject is inside what someone said before it ('Trump said Cruz lied, and he added'), inside what the
        pronoun itself reports ('Mr. Alder is finished, he said', unless a quote stands between), or in a
        relative clause ('At the rally, which Pete Alder skipped, he told …')."""
        if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        verb = pronoun.head
        reports_before = cue_kind(verb.text) == "speech" and (
            verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < pronoun.i for c in verb.children)
        )
        found = None
        for m in cands:
            if not m.subject or not self._same_sentence(m.offset, pronoun.idx) or self._aside_in_quote(m.offset):
                continue
            if gender and m.person.gender != gender:
                continue  # 'When Oksana Tkachenko was arrested, he called …' after a man spoke: not her
            tok = self.tok_at.get(m.offset)
            ent = self.ent_at.get(tok.i) if tok is not None else None
            root = ent.root if ent is not None else tok
            if root is None or root.dep_ == "poss":
                continue  # "Bloomberg's pollster, Douglas Schoen, says …, he says": the pollster
            if any(cue_kind(a.text) == "speech" and a.i < root.i for a in root.ancestors):
                continue
            if any(a.dep_ in {"relcl", "acl"} for a in root.ancestors):
                continue
            if reports_before and not any(m.offset < qs and qe <= pronoun.idx for qs, qe in self.quotes):
                continue  # 'If Pete Alder wins, he said, the state will go bankrupt': Alder is in what was said
            found = m.person
        return found

    def _aside_in_quote(self, offset: int) -> bool:
        """Whether an offset lies between two pieces of one quotation in its sentence ('“I don't think the
        conventional wisdom” -- that Bloomberg is perceived as … -- “is going to last,” he says')."""
        i = bisect.bisect_right(self.quotes, (offset, 1 << 62))
        if i == 0 or i >= len(self.quotes):
            return False
        return self._same_sentence(self.quotes[i - 1][1] - 1, offset) and self._same_sentence(offset, self.quotes[i][0])

    def _subject_pronoun(self, since: int, before: int, gender: str) -> Token | None:
        """The latest 'he' or 'she' of this gender in [since, before) that is the subject of a main clause,
        outside quotes ('He attended the rally'), else None."""
        found = None
        first = max(0, bisect.bisect_right(self.sent_starts, since) - 1)
        for sent in self.sents[first:]:
            if sent.start_char >= before:
                break
            for tok in sent:
                if (
                    since <= tok.idx < before
                    and tok.lower_ in {"he", "she"}
                    and PRONOUN_GENDER[tok.lower_] == gender
                    and subject_kind(tok)[1]
                    and not self._quoted(tok.idx)
                ):
                    found = tok
        return found

    def _title_person(self, gender: str) -> Person | None:
        """'Trump fires up G.O.P. base. … His popularity, even after he criticized …': before anyone is named in
        the body, a pronoun takes up the known person the title (the first line) names, of a compatible gender."""
        end = self.text.find("\n")
        for tok in self.doc:
            if end >= 0 and tok.idx >= end:
                break
            word = POSSESSIVE.sub("", tok.text)
            person = self._known(word) if word[:1].isupper() else None
            if person is not None and (not gender or person.gender in {"", gender}):
                return person
        return None

    def resolve(
        self, mention: Span, last_speaker: Resolution | None = None, window_start: int = 0, recent: bool = False
    ) -> Resolution:
        """Resolve a speaker mention span to a full name and role."""
        res = self._resolve(mention, last_speaker, window_start, recent)
        if res.speaker in self.people and len(mention):
            self.last_named = max(self.last_named, mention.end_char)
        return res

    def _resolve(self, mention: Span, last_speaker: Resolution | None, window_start: int, recent: bool) -> Resolution:
        mention = core(mention)
        if len(mention) == 0:
            return Resolution("")
        root = mention.root
        low = root.text.lower()
        last = self.people.get(last_speaker.speaker) if last_speaker is not None else None
        owner = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}), None)
        named = self._named_head(mention, root) if owner is not None else None
        if named is not None:
            return named  # "Her chief policy aide, Jake Sullivan"
        if owner is not None and low in SPEAKS_FOR | CARRIERS:  # "His remarks", "her campaign"
            gender = "m" if owner.lower_ == "his" else "f"
            person = self._salient(mention, last, window_start, recent, gender, owner)
            role = low if low in SPEAKS_FOR else person.role if person else ""
            return Resolution(person.name, role) if person else Resolution("")
        if low in PRONOUNS:
            if low in {"i", "me"} and not self._quoted(root.idx):
                person = self._colon_lead(mention)  # "Rubio: I Still Believe Trump ..."
                return Resolution(person.name, person.role) if person else Resolution("")  # else the writer
            if low == "it" and root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ != "be":
                return Resolution(self._org_antecedent(mention))
            if low not in PERSON_PRONOUNS:
                return Resolution("")
            person = self._salient(mention, last, window_start, recent, PRONOUN_GENDER.get(low, ""), root)
            return Resolution(person.name, person.role) if person else Resolution("")
        if title_case(mention.sent):
            for tok in mention:
                person = self._in_headline(mention.doc[tok.i : tok.i + 1])
                if person is not None:
                    return Resolution(person.name, person.role)
        named = self._named_head(mention, root)
        if named is not None:
            return named
        relative = self._relative_of(mention, root)
        if relative is not None:
            return relative  # "the captain's mother": of the captain's family, not the captain
        held = self._held_by(mention, root)
        if held is not None:
            return held
        plural = root.tag_ in {"NNS", "NNPS"}
        ent = self.ent_at.get(root.i)
        named_org = ent is not None and len(ent) > 1 and ent.label_ in INSTITUTION_LABELS | {"WORK_OF_ART"}
        named_org = named_org or (
            root.text[:1].isupper() and any(c.dep_ == "compound" and c.ent_type_ == "ORG" for c in root.children)
        )  # "The New Hampshire Union Leader", not "the Independent Vermont senator"
        if not plural and not named_org and (low in ROLE_HEADS or low.rstrip("s") in ROLE_HEADS):
            person = self._by_role(mention, mention.start_char)
            definite = mention[0].text.lower() in {"the", "this"}
            if person is None and definite and sum(t.is_alpha and t.dep_ != "det" for t in mention) > 1:
                person = self._by_role(mention, mention.start_char, every=True)  # "the Indiana governor": "Ind. Gov."
            if person is None and definite:
                person = self._by_role(mention, len(self.text), unique=True)  # "The judge ..." before "Judge Berman"
            held_by_org = self._org_holder(mention, root) if person is None else None
            if held_by_org is not None:
                return held_by_org  # "A Freedom Partners official said", "NATO's secretary general"
            if person is None and definite:
                # "the Vermont senator": a description of someone just discussed
                person = self._salient(mention, last, window_start, recent, role_gender(root.text))
            if person is not None:
                return Resolution(person.name, person.role)
        if (
            low in ORG_HEADS | NAMED_WORKS
            and root.text.islower()
            and mention[0].lower_ in {"the", "this"}
            and not plural
        ):
            org = self._recent_org(low, mention.start_char)
            if org:
                return Resolution(org)  # "the ministry said": the Ministry of Environment named before
        appos = any(c.dep_ == "appos" for c in root.children)  # "Teck, the Canadian mining company"
        if (root.tag_ in {"NNP", "NNPS"} or (appos and root.text[:1].isupper())) and (
            low not in ROLE_HEADS or named_org
        ):
            return self._proper(mention, root)
        found = self._named_inside(mention) or self._unknown_name(mention) or self._group(mention, root)
        return found or self._named_appositive(mention, root) or self._share_of(mention, root) or Resolution("")

    def _share_of(self, mention: Span, root: Token) -> Resolution | None:
        """'85% of Democrats', 'Most of the vulnerable Senate Republicans': a share of a named group (a party's
        members, a nationality) speaks as written, its count kept; None for a share of a common noun ('voters')."""
        share = root.tag_ == "CD" or root.lower_ in SHARES or root.ent_type_ in {"PERCENT", "CARDINAL"}
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < mention.end), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if share and of is not None else None
        if group is None or group.tag_ not in {"NNS", "NNPS"}:
            return None
        if not group.text[:1].isupper() or title_case(mention.sent):
            return None
        words = [t for t in mention if t.i <= group.right_edge.i]  # "31% of Republicans and Republican leaners"
        while words and (words[0].dep_ in {"det", "punct"} or words[0].is_punct):
            words = words[1:]
        while words and (words[-1].dep_ in {"cc", "punct"} or words[-1].is_punct):
            words = words[:-1]
        if not words:
            return None
        return Resolution(" ".join(self.text[words[0].idx : words[-1].idx + len(words[-1].text)].split()))

    def _named_appositive(self, mention: Span, root: Token) -> Resolution | None:
        """'One of them, UnitedHealth Group, threatened' / 'one group, the Harbour Trust, said': an institution
        named in apposition to a common head."""
        if root.tag_ not in {"NN", "CD"}:
            return None
        mention_bounds = (mention.start, mention.end)
        for child in root.children:
            ent = self.ent_at.get(child.i)
            if child.dep_ == "appos" and ent is not None and ent.label_ == "ORG" and child.i in range(*mention_bounds):
                return Resolution(org_name(ent.text))
        return None

    def _unknown_name(self, mention: Span) -> Resolution | None:
        """A capitalised word the tagger took for a common noun, mid-sentence outside a headline
        ('“...,” O’Donnell said'): a name the document never spelled out in full, kept as written."""
        words = [t for t in mention if not t.is_punct]
        if (
            not words
            or mention[0].is_sent_start
            or title_case(mention.sent)
            or not all(t.text[:1].isupper() and t.tag_ in {"NN", "NNP"} for t in words)
            or any(t.lower_.rstrip(".") in ROLE_HEADS | ORG_HEADS | TITLES for t in words)
        ):
            return None
        return Resolution(POSSESSIVE.sub("", mention.text))

    def _named_inside(self, mention: Span) -> Resolution | None:
        """A person named inside a mention whose head is no person ('documents from Diane Blair'), not a
        possessor or modifier ('Mr. Rubio's supporters', 'Clinton critics' are not Rubio or Clinton)."""
        for ent in mention.ents:
            if ent.root.dep_ in {"poss", "compound"}:
                continue
            if is_person(ent):
                return self._named(ent)
            word = POSSESSIVE.sub("", ent.text)
            of_root = (
                ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of" and ent.root.head.head.i == mention.root.i
            )
            person = self._known(word) if of_root and len(ent) == 1 else None
            if person is not None:  # "Nine months of Trump" with "Trump" labelled ORG
                return Resolution(person.name, person.role)
        return None

    def _named(self, ent: Span) -> Resolution:
        """A PERSON entity -> the document's person it names (full name and role), else the name as written."""
        name = self._full_name(ent)
        person = self._lookup(name, gender_of(ent), role_before(ent))
        return Resolution(person.name, person.role) if person else Resolution(name)

    def _named_head(self, mention: Span, root: Token) -> Resolution | None:
        """The person a mention names at its head: 'Clinton spokesman Brian Fallon' is Fallon, not Clinton."""
        ent = self.ent_at.get(root.i)
        if ent is not None and is_person(ent):
            return self._named(ent)
        for child in root.children:  # "Carter's press secretary, Peter Cook"
            app = self.ent_at.get(child.i)
            if child.dep_ == "appos" and app is not None and is_person(app) and child.i > root.i:
                return self._named(app)  # and right after it: "The head of the PAC backing Bush, Mike Murphy,"
        named = self._appositive_person(mention, root)
        if named is not None:
            return named  # "Hale's cousin, state Del. Martha Reed": the cousin, not Hale
        if root.text[:1].isupper() and root.lower_ not in ROLE_HEADS:
            person = self._by_surname(POSSESSIVE.sub("", root.text))
            if person is not None:  # "Sanders" tagged NNS or labelled ORG is still Bernie Sanders
                return Resolution(person.name, person.role)
        return None

    def _appositive_person(self, mention: Span, root: Token) -> Resolution | None:
        """'Hale's cousin, state Del. Martha Reed': a person named inside an apposition after the head, which the
        parse hung under the description's words rather than on the head; not a name in a phrase of its own
        ('Carter's aide, a friend of Mr. Smith', 'Simmons, an Obama supporter')."""
        if root.tag_ not in {"NN", "NNS"} or not root.text.islower():
            return None
        for child in root.children:
            if child.dep_ != "appos" or child.i < root.i:
                continue
            for ent in mention.ents:
                if not is_person(ent) or not child.left_edge.i <= ent.root.i <= child.right_edge.i:
                    continue
                if ent.root.dep_ == "compound" and ent.root.head.tag_ in {"NN", "NNS"}:
                    continue  # "his brother, a Clinton backer": a modifier of a description
                path = [ent.root, *(a for a in ent.root.ancestors if a.i != child.i and child in a.ancestors)]
                if all(t.dep_ in NAME_CHAIN for t in path):
                    return self._named(ent)
        return None

    def _org_holder(self, mention: Span, root: Token) -> Resolution | None:
        """'A Freedom Partners official', 'NATO's secretary general', 'SEIU chief': a role held in a named
        organisation (or government) that no person of the document holds: the organisation speaks, with the
        role as written; None without such a holder, or when the holder is a person ('Clinton's adviser')."""
        if mention[0].lower_ in {"the", "this", "that"}:
            return None  # "the Vermont senator", "The GOP candidate": someone the text described, not the body
        for tok in mention:
            ent = self.ent_at.get(tok.i)
            if (
                ent is None
                or tok.i != ent.root.i
                or ent.label_ not in {"ORG", "GPE"}
                or (ent.label_ == "GPE" and tok.dep_ != "poss")  # "a Cairo airport official" is no voice of Cairo
                or is_person(ent)
                or tok.dep_ not in {"poss", "compound", "nmod"}
                or not mention.start <= tok.head.i <= root.i
                or self._by_surname(POSSESSIVE.sub("", ent.text)) is not None
            ):
                continue
            org = org_name(ent.text)
            role = [
                t.text
                for t in mention
                if t.i <= root.i and not ent.start <= t.i < ent.end and t.dep_ not in {"det", "punct", "case"}
            ]  # "a former State Department official" -> "former official"
            return Resolution(org, " ".join(role))
        return None

    def _relative_of(self, mention: Span, root: Token) -> Resolution | None:
        """'The captain's mother', 'Mr. Qureshi's wife': the one other person of the possessor's surname who can be
        that relative (named in full, of the relative's gender or of none known); None when none or several can."""
        gender = RELATIVE_GENDER.get(root.lower_, "")
        poss = next((c for c in root.children if c.dep_ == "poss" and mention.start <= c.i < root.i), None)
        if not gender or poss is None or poss.tag_ == "PRP$":
            return None
        ent = self.ent_at.get(poss.i)
        if ent is not None and is_person(ent):
            res = self._named(ent)
            owner = self.people.get(res.speaker) or self.aliases.get(res.speaker)
        elif poss.lower_ in DESCRIPTION_HEADS and any(c.lower_ == "the" for c in poss.children):
            owner = self._by_role(self.doc[poss.left_edge.i : poss.i + 1], mention.start_char, every=True)
        else:
            return None
        if owner is None:
            return None
        kin = [p for p in self._sharing(owner.surname) if p is not owner and p.gender in {"", gender}]
        known = [p for p in kin if p.gender == gender]
        found = known if len(known) == 1 else kin if len(kin) == 1 else []
        return Resolution(found[0].name, found[0].role) if found else None

    def _held_by(self, mention: Span, root: Token) -> Resolution | None:
        """'Clinton's campaign', 'the Trump campaign', 'Sanders' aides': the person they speak for."""
        if root.lower_ in NOT_HELD or not root.text.islower():
            return None
        if root.lower_ in SPEAKS_FOR | CARRIERS:
            holders = [c for c in root.children if c.dep_ in {"poss", "compound", "nmod"}]
        else:  # "Pagliano's lawyer", "Scott's family", "Mr. Rubio's advisers": they speak for the possessor
            holders = [c for c in root.children if c.dep_ == "poss"]
        preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in {"for", "of", "from", "by"}]
        holders += [g for c in preps for g in c.children]  # "a spokesman for Mr. Clinton", "a study by Pew"
        for child in holders:
            if not mention.start <= child.i < mention.end:
                continue
            ent = self.ent_at.get(child.i)
            res = None
            if ent is not None and is_person(ent):
                res = self._named(ent)
            elif ent is not None and ent.label_ in {"ORG", "GPE"} and root.lower_ in SPEAKS_FOR | CARRIERS:
                res = Resolution(org_name(ent.text))  # "A Bloomberg poll"
            elif ent is None and the_head(child) and child.lower_ in ORG_HEADS and root.lower_ in SPEAKS_FOR | CARRIERS:
                org = self._recent_org(child.lower_, mention.start_char)  # "the foundation's tally", "the bank's board"
                res = Resolution(org) if org else None
            elif ent is None and child.tag_ == "NNP" and child.dep_ == "compound" and root.lower_ in CARRIERS:
                # "The Reuters/Ipsos poll": the pollster, with the words before it in the compound
                res = Resolution(self.text[child.left_edge.idx : child.idx + len(child.text)])
            elif child.text[:1].isupper():
                person = self._by_surname(POSSESSIVE.sub("", child.text))
                res = Resolution(person.name, person.role) if person else None
            if res is not None and res.speaker:
                return Resolution(res.speaker, res.role if root.lower_ in CARRIERS else root.lower_)
        return None

    def _proper(self, mention: Span, root: Token) -> Resolution:
        """A proper-noun head that names no known person: an institution, or a person the NER missed."""
        ent = self.ent_at.get(root.i)
        if ent is not None and ent.label_ in INSTITUTION_LABELS:
            return Resolution(org_name(ent.text))
        if (ent is not None and ent.label_ in NOT_NAMES) or not root.text[:1].isupper():
            return self._named_inside(mention) or Resolution("")  # "Saturday at the convention Sen. Elizabeth Warren"
        for tok in mention:  # a headline's capitals: "Trump May Not Have Suggested ..."
            person = self._by_surname(POSSESSIVE.sub("", tok.text)) if tok.text[:1].isupper() else None
            if person is not None:
                return Resolution(person.name, person.role)
        # the name: the capitalised compounds right before the head ("frontman Anthony Kiedis")
        i = root.i
        while i > mention.start and self.doc[i - 1].dep_ in NAME_DEPS and self.doc[i - 1].text[:1].isupper():
            if self.doc[i - 1].text.lower().rstrip(".") in TITLES | ROLE_HEADS:
                break
            i -= 1
        while i - 2 >= mention.start and self.doc[i - 1].text == "-" and self.doc[i - 2].text[:1].isupper():
            if self.doc[i - 2].whitespace_ or self.doc[i - 1].whitespace_ or self.doc[i - 2].lower_ in TITLES:
                break
            i -= 2  # "KING-TV", not "TV"
        j = root.i  # a parse that split the name ('Nadia' | 'Ferrell: “…”') leaves its last words after the root
        while j + 1 < mention.end and self.doc[j + 1].tag_ in {"NNP", "NNPS"} and self.doc[j + 1].text[:1].isupper():
            j += 1
        last = self.doc[j]
        name = POSSESSIVE.sub("", self.text[self.doc[i].idx : last.idx + len(last.text)])
        words = [t for t in self.doc[mention.start : i] if t.dep_ not in {"det", "punct", "case", "poss"}]
        return Resolution(name, " ".join(t.text for t in words))

    def _group(self, mention: Span, root: Token) -> Resolution | None:
        """A collective that speaks as one ('Police said', 'Fact-checkers noted', 'the team said'): the
        institution named before that the description takes up, else the words as written up to the head,
        without an article; None for someone's group ('his critics') and counts ('72 percent of voters')."""
        low = root.lower_
        if low in PARTY_MEMBERS and mention[0].lower_ in {"a", "an", "another", "one"}:
            plural = True  # "another New Hampshire Republican": one of a party, kept as written
        else:
            plural = root.tag_ in {"NNS", "NNPS"} or low in {"police", "authorities"}
        if not (low in GROUP_NOUNS | PARTY_MEMBERS or (plural and low.endswith(GROUP_SUFFIXES))):
            return None
        if root.ent_type_ in NOT_NAMES:
            return None
        counted = any(c.dep_ == "poss" or (c.dep_ == "nummod" and c.lower_ != "one") for c in root.children)
        if counted or not (plural or low in GROUP_NOUNS):
            return None
        if not plural:
            org = self._recent_org(low, mention.start_char)
            if org:
                return Resolution(org)  # "the team" after "the Australian Olympic Team"
        words = [t for t in mention if root.left_edge.i <= t.i <= root.i]
        while words and (words[0].dep_ in {"det", "predet", "punct"} or words[0].lower_ in QUANTIFIERS | {"one"}):
            words = words[1:]
        if not words:
            return None
        return Resolution(self.text[words[0].idx : root.idx + len(root.text)])

    def _org_antecedent(self, mention: Span) -> str:
        """'Our Principles PAC launched an ad. It slams ...': the organisation a speaking 'it' takes up, the
        latest named in its sentence or the one before, outside quotes; '' when none is."""
        sent = mention.sent
        since = sent.start_char if sent.start == 0 else self.doc[sent.start - 1].sent.start_char
        best = ""
        for ent in self.doc.ents:
            if ent.start_char >= mention.start_char:
                break
            if (
                ent.start_char >= since
                and ent.label_ == "ORG"
                and ent.root.tag_ != "NNPS"  # "the Murdochs" are they
                and not self._quoted(ent.start_char)
                and in_subject(ent.root)
                and self._by_surname(POSSESSIVE.sub("", ent.text)) is None  # "Trump" labelled ORG
            ):
                best = org_name(ent.text)
        return best

    def _recent_org(self, head: str, before: int) -> str:
        """The latest organisation named before `before` whose head word is `head` ('ministry')."""
        best = ""
        for ent in self.doc.ents:
            if ent.start_char >= before:
                break
            if (
                ent.label_ == "ORG"
                and ent.root.lower_ == head
                and not self._quoted(ent.start_char)
                and ":" not in ent.text
            ):
                best = re.sub(r"^(?:the|The)\s+", "", ent.text)
        return best

    def _known(self, word: str) -> Person | None:
        """The person a single written word names: a surname of someone named in full, else a name as met."""
        return self._by_surname(word) or self.people.get(word)

    def _by_surname(self, word: str, gender: str = "") -> Person | None:
        """The person with a full name whose surname this word is (see `pick` when several)."""
        same = self._sharing(word)
        return pick(same, gender) if same else self.aliases.get(word)

    def _lookup(self, name: str, gender: str = "", role: str = "") -> Person | None:
        """The person a written name refers to; of several sharing a bare surname, the one holding the role
        written with it, else one of the gender a title gives (see `pick`)."""
        holders = [p for p in self._sharing(name) if holds(p, role)]
        if holders:
            return pick(holders, gender)
        if name in self.aliases:
            return self.aliases[name]
        if name in self.people and (len(name.split()) > 1 or not self._by_surname(name)):
            return self.people[name]
        last = last_name(name)
        same = [p for p in self.people.values() if p.surname == last]
        if not same:
            return None
        if len(name.split()) == 1:
            return self._by_surname(name, gender) or pick(same, gender)
        same = [p for p in same if suffix(p.name) == suffix(name)]  # 'Donald Trump Jr.' is not his father
        return max(same, key=lambda p: len(p.name.split())) if same else None

    def _same_sentence(self, a: int, b: int) -> bool:
        return bisect.bisect_right(self.sent_starts, a) == bisect.bisect_right(self.sent_starts, b)

    def _quoted(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quotes, (offset, 1 << 62)) - 1
        return i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]

    def _by_role(self, mention: Span, before: int, unique: bool = False, every: bool = False) -> Person | None:
        """'the foreign minister' -> the most recent person whose role holds those words (with `unique`,
        the only such person in the document; with `every`, any role the text gave them, titles spelled out)."""
        words = [t.text.lower() for t in mention if t.dep_ not in {"det", "punct", "poss"} and t.is_alpha]
        found: list[Person] = []
        for m in self.person_mentions:
            if m.offset >= before:
                break
            roles = [m.person.role, *m.person.roles] if every else [m.person.role]
            role = " ".join(RANKS.get(w.rstrip("."), w) if every else w for r in roles for w in r.lower().split())
            if role and all(w in role.split() or w in role for w in words):
                found.append(m.person)
        if unique:
            return found[0] if found and all(p is found[0] for p in found) else None
        return found[-1] if found else None
