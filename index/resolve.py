"""In-document speaker resolution: mentions ("he", "the minister", "Lavrov") -> the full name and role.

Works on a parsed spaCy Doc. People are the PERSON entities of the document; a person's role comes
from the title words before the name ("Russian Foreign Minister Sergei Lavrov") or an appositive
("David Bossie, president of Citizens United"). Resolution looks back from the mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "lt", "gen", "col", "sgt", "capt", "prof", "rev", "hon",
    "president", "senator", "governor", "congressman", "congresswoman", "judge", "justice", "secretary", "mayor",
    "minister", "chancellor", "premier", "speaker", "ambassador", "general", "sir", "lord", "lady", "dame",
}  # fmt: skip
PRONOUNS = {"he", "she", "him", "her", "i", "we", "they", "it", "you", "me", "us", "them", "himself", "herself"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "himself", "herself", "i", "me"}
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
INSTITUTION_LABELS = {"ORG", "GPE", "NORP", "FAC"}
# lower-case words that belong to a title before a name ("chief executive Dario Falk")
TITLE_MODIFIERS = {"chief", "deputy", "former", "senior", "vice", "acting", "executive", "assistant", "interim"}
ROLE_DEPS = {"compound", "amod", "nmod", "npadvmod"}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


PRONOUN_GENDER = {"he": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "congresswoman", "chairwoman", "spokeswoman", "lady", "dame", "queen"}
MALE_TITLES = {"mr", "congressman", "chairman", "spokesman", "sir", "lord", "king", "prince"}
# common first names, to tell "he" from "she" without a coreference model
FEMALE_NAMES = set(
    [
        "hillary",
        "chelsea",
        "melania",
        "ivanka",
        "kellyanne",
        "sarah",
        "nancy",
        "elizabeth",
        "michelle",
        "madeleine",
        "carly",
        "nikki",
        "huma",
        "debbie",
        "donna",
        "susan",
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "barbara",
        "margaret",
        "lisa",
        "karen",
        "betty",
        "helen",
        "sandra",
        "ashley",
        "kimberly",
        "emily",
        "amy",
        "anna",
        "angela",
        "marine",
        "theresa",
        "ursula",
        "kamala",
        "tulsi",
        "amy",
        "jill",
        "laura",
        "hope",
        "katrina",
        "megyn",
        "katy",
        "ana",
        "lena",
        "maria",
        "sonia",
        "ruth",
        "elena",
        "claire",
        "kirsten",
        "dianne",
        "tammy",
        "heidi",
        "joni",
        "susana",
        "jeanne",
        "loretta",
        "janet",
        "samantha",
        "valerie",
        "cheryl",
        "hope",
        "abby",
    ]
)
MALE_NAMES = set(
    [
        "donald",
        "bernie",
        "ted",
        "marco",
        "jeb",
        "john",
        "ben",
        "chris",
        "mike",
        "barack",
        "joe",
        "tim",
        "paul",
        "mitt",
        "rand",
        "scott",
        "rick",
        "bill",
        "george",
        "jim",
        "james",
        "robert",
        "michael",
        "david",
        "richard",
        "thomas",
        "charles",
        "steve",
        "stephen",
        "mark",
        "jeff",
        "reince",
        "corey",
        "newt",
        "rudy",
        "roger",
        "sean",
        "tom",
        "eric",
        "vladimir",
        "sergei",
        "sergey",
        "xi",
        "boris",
        "emmanuel",
        "justin",
        "harry",
        "bob",
        "frank",
        "peter",
        "andrew",
        "kevin",
        "jason",
        "ryan",
        "matt",
        "gary",
        "carl",
        "martin",
        "anthony",
        "brian",
        "dan",
        "daniel",
        "greg",
        "larry",
        "jerry",
        "al",
        "ron",
        "ken",
        "jack",
        "sam",
        "luke",
        "howard",
        "nigel",
        "tony",
        "paul",
        "ivan",
    ]
)  # not "lindsey": it names men and women alike


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

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()


@dataclass(frozen=True)
class Resolution:
    """Who a mention refers to: a resolved name ("" when unknown) and the role when the text gives one."""

    speaker: str
    role: str = ""


def clean_name(span: Span, text: str) -> str:
    """A PERSON entity's name as written, without leading titles or a trailing possessive."""
    i = 0
    while i < len(span) - 1 and span[i].text.lower().rstrip(".") in TITLES:
        i += 1
    name = text[span[i].idx : span.end_char] if len(span) else ""
    return POSSESSIVE.sub("", " ".join(name.split()))


def role_before(ent: Span) -> str:
    """Title words right before a name in the same noun phrase: 'Russian Foreign Minister'."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ in ROLE_DEPS | {"punct"} and doc[i].text not in {",", "(", "“", '"'}:
        if doc[i].head.i < ent.start - 1 and doc[i].head.i != ent.root.i and doc[i].head.i < i:
            break
        word = doc[i]
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
    return role.strip(" ,")


def role_appositive(ent: Span) -> str:
    """An appositive after the name: 'David Bossie, president of Citizens United,' -> the description."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1 and child.ent_type_ != "PERSON":
            sub = child.doc[child.left_edge.i : child.right_edge.i + 1]
            text = sub.text.strip(" ,")
            text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
            if 2 < len(text) <= 90:
                return text
    return ""


class Resolver:
    """Resolves speaker mentions within one parsed document, looking back from each mention."""

    def __init__(self, doc: Doc, quotes: Sequence[tuple[int, int]] = (), text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text rebuilds the string on every access
        self.quotes = list(quotes)
        self.people: dict[str, Person] = {}
        self.person_mentions: list[tuple[int, Person, bool]] = []  # (offset, person, is subject)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(ent, self.text)
            if not name or not name[0].isupper():
                continue
            person = self._person_for(name, ent.start_char)
            if person is None:
                continue
            if not person.role:
                person.role = role_before(ent) or role_appositive(ent)
            person.mentions.append(ent.start_char)
            self.person_mentions.append((ent.start_char, person, ent.root.dep_ in {"nsubj", "nsubjpass"}))
            person.gender = person.gender or gender_of(ent)
        self._add_surname_mentions()
        self.person_mentions.sort(key=lambda m: m[0])

    def _add_surname_mentions(self) -> None:
        """Surnames the NER labelled otherwise ('Christie slipped in') still mention their person."""
        by_surname: dict[str, Person] = {}
        for p in self.people.values():
            if len(p.name.split()) > 1:
                by_surname.setdefault(p.surname, p)
        seen = {off for off, _, _ in self.person_mentions}
        for tok in self.doc:
            if tok.tag_ != "NNP" or tok.ent_type_ == "PERSON" or tok.idx in seen:
                continue
            person = by_surname.get(tok.text.lower())
            if person is not None:
                self.person_mentions.append((tok.idx, person, tok.dep_ in {"nsubj", "nsubjpass"}))

    def _person_for(self, name: str, offset: int) -> Person | None:
        """The Person a written name refers to; full names introduce people, surnames find them."""
        words = name.split()
        if name in self.people:
            return self.people[name]
        last = words[-1].lower()
        same = [p for p in self.people.values() if p.surname == last]
        if len(words) == 1:
            if same:
                return max(same, key=lambda p: p.mentions[-1] if p.mentions else p.first)
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
            if p.name.split()[0].lower() == words[0].lower():
                return p
        person = Person(name=name, first=offset)
        self.people[name] = person
        return person

    def recent_person(
        self, before: int, since: int = 0, subjects_only: bool = False, gender: str = ""
    ) -> Person | None:
        """The person mentioned most recently in [since, before), outside quotes, of a compatible gender."""
        best = None
        for off, person, is_subj in self.person_mentions:
            if off >= before:
                break
            if off < since or (subjects_only and not is_subj) or self._quoted(off):
                continue
            if gender and person.gender and person.gender != gender:
                continue
            best = person
        return best

    def resolve(
        self, mention: Span, last_speaker: Resolution | None = None, window_start: int = 0, recent: bool = False
    ) -> Resolution:
        """Resolve a speaker mention span to a full name and role."""
        if len(mention) == 0:
            return Resolution("")
        ents = [e for e in mention.ents if e.label_ == "PERSON"]
        if ents:
            name = clean_name(ents[0], self.text)
            person = self._lookup(name)
            return Resolution(person.name, person.role) if person else Resolution(name)
        for tok in mention:
            if (tok.text[:1].isupper() and tok.i > mention.start) or tok.tag_ in {"NNP", "NNPS"}:
                person = self._by_surname(POSSESSIVE.sub("", tok.text))
                if person is not None:
                    return Resolution(person.name, person.role)
        root = mention.root
        low = root.text.lower()
        if low in PRONOUNS:
            if low not in PERSON_PRONOUNS:
                return Resolution("")
            # the subject of the last sentence or two, else whoever spoke last, else whoever was named last
            g = PRONOUN_GENDER.get(low, "")
            last = self.people.get(last_speaker.speaker) if last_speaker is not None else None
            if recent and last is not None and (not g or last.gender in {"", g}):
                return Resolution(last.name, last.role)  # "he added": whoever spoke a sentence ago
            person = self.recent_person(mention.start_char, since=window_start, subjects_only=True, gender=g)
            if person is None and last is not None and (not g or last.gender in {"", g}):
                return Resolution(last.name, last.role)
            person = person or self.recent_person(mention.start_char, gender=g)
            return Resolution(person.name, person.role) if person else Resolution("")
        if low in ROLE_HEADS or root.text.lower().rstrip("s") in ROLE_HEADS:
            person = self._by_role(mention, mention.start_char)
            definite = mention[0].text.lower() in {"the", "this"} and not root.text.lower().endswith("s")
            if person is None and definite:
                # "the Vermont senator": a description of someone just discussed
                person = self.recent_person(mention.start_char, since=window_start, subjects_only=True)
            if person is not None:
                return Resolution(person.name, person.role)
        proper = [t for t in mention if t.tag_ in {"NNP", "NNPS"}]
        if proper and root.tag_ in {"NNP", "NNPS"} and low not in ROLE_HEADS:
            # a surname the NER missed, or an institution ("the Kremlin", "Moscow", "The New York Post")
            person = self._lookup(POSSESSIVE.sub("", root.text))
            if person is not None and root.ent_type_ not in INSTITUTION_LABELS - {"NORP"}:
                return Resolution(person.name, person.role)
            words = [t for t in mention if t.dep_ not in {"det", "punct", "case"}]
            titles = [t for t in words if t.text.lower().rstrip(".") in TITLES]
            if titles and titles[-1].i + 1 < mention.end and words[-1].tag_ == "NNP" and len(words) > len(titles):
                # "Governor Ana Ruiz" that the NER missed: a person with a title
                name = self.text[titles[-1].idx + len(titles[-1].text) : mention.end_char].strip()
                role = self.text[titles[0].idx : titles[-1].idx + len(titles[-1].text)]
                person = self._person_for(POSSESSIVE.sub("", name), mention.start_char)
                if person is not None:
                    person.role = person.role or role
                    return Resolution(person.name, person.role)
            return Resolution(" ".join(t.text for t in words))
        return Resolution("")

    def _by_surname(self, word: str) -> Person | None:
        """The person with a full name whose surname this word is (the most mentioned when several)."""
        low = word.lower()
        same = [p for p in self.people.values() if p.surname == low and len(p.name.split()) > 1]
        if not same:
            return None
        return max(same, key=lambda p: len(p.mentions))

    def _lookup(self, name: str) -> Person | None:
        if name in self.people:
            return self.people[name]
        last = name.split()[-1].lower() if name else ""
        same = [p for p in self.people.values() if p.surname == last]
        if not same:
            return None
        return max(same, key=lambda p: len(p.name.split()))

    def _quoted(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quotes, (offset, 1 << 62)) - 1
        return i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]

    def _by_role(self, mention: Span, before: int) -> Person | None:
        """'the foreign minister' -> the most recent person whose role holds those words."""
        words = [t.text.lower() for t in mention if t.dep_ not in {"det", "punct", "poss"} and t.is_alpha]
        best = None
        for off, person, _ in self.person_mentions:
            if off >= before:
                break
            role = person.role.lower()
            if role and all(w in role.split() or w in role for w in words):
                best = person
        return best
