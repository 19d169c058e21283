"""Transcript speaker labels ("MS. PSAKI", "THE PRESIDENT", "Jen Psaki") -> people (name, role).

Sources, most trusted first: who holds an office on the document's date ("THE PRESIDENT" in 2022), the
document's title and header ("Press Briefing by Press Secretary Jen Psaki"), a label that is already a
full name, the corpus-wide speaker registry, full-name mentions in the document's own text; else the
label itself, title-cased ("Mr. Kirby").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.records import Document, Speaker


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = frozenset({"MR", "MS", "MRS", "MISS", "MX", "DR", "DOCTOR", "SIR", "DAME", "LORD", "LADY", "REV"})
# Words that print an office before a surname ("SECRETARY BUTTIGIEG", "ACTING ADMINISTRATOR SLAVITT").
OFFICES = _words(
    """THE ACTING DEPUTY ASSISTANT SENIOR PRINCIPAL SPECIAL VICE SECRETARY UNDERSECRETARY UNDER AMBASSADOR
    ADMINISTRATOR ADMINSITRATOR GOVERNOR LT LIEUTENANT MAYOR DIRECTOR CHAIR CHAIRMAN CHAIRWOMAN CHAIRPERSON
    ADMIRAL GENERAL SURGEON REPRESENTATIVE REP CONGRESSMAN CONGRESSWOMAN SENATOR SEN SPEAKER LEADER ADVISOR
    ADVISER CHIEF COLONEL COL MAJOR CAPTAIN CAPT COMMANDER COMMISSIONER JUDGE JUSTICE ATTORNEY PRIME
    MINISTER PRESIDENT PRIME FIRST SECOND LADY GENTLEMAN COORDINATOR ENVOY COUNSELOR PRESS ADMINISTRATION
    MEMBER KING QUEEN PRINCE PRINCESS CHANCELLOR PREMIER SHERIFF DETECTIVE OFFICER SERGEANT SGT COACH"""
)
ROLE_ONLY = {
    "MODERATOR", "MODERTOR", "OPERATOR", "AIDE", "INTERVIEWER", "HOST", "CO-HOST", "REPORTER", "AUDIENCE",
    "AUDIENCE MEMBER", "SENIOR ADMINISTRATION OFFICIAL", "ADMINISTRATION OFFICIAL", "NARRATOR", "ANNOUNCER",
    "PARTICIPANT", "QUESTION", "ANSWER", "CALLER", "GUEST", "PANELIST", "STAFF", "SPEAKER", "UNIDENTIFIED",
    "UNIDENTIFIED SPEAKER", "ANCHOR", "CORRESPONDENT", "JOURNALIST", "INTERPRETER", "TRANSLATOR", "VOICE",
    "AIR FORCE ONE CREW MEMBER", "AIR FORCE ONE FLIGHT CREW", "OFFICIAL",
}  # fmt: skip

# Offices whose holder depends on the date: (label, first day, last day exclusive, name, role).
TERMS: tuple[tuple[str, str, str, str, str], ...] = (
    ("THE PRESIDENT", "2009-01-20", "2017-01-20", "Barack Obama", "President of the United States"),
    ("THE PRESIDENT", "2017-01-20", "2021-01-20", "Donald Trump", "President of the United States"),
    ("THE PRESIDENT", "2021-01-20", "2025-01-20", "Joe Biden", "President of the United States"),
    ("THE PRESIDENT", "2025-01-20", "9999-12-31", "Donald Trump", "President of the United States"),
    ("THE VICE PRESIDENT", "2009-01-20", "2017-01-20", "Joe Biden", "Vice President of the United States"),
    ("THE VICE PRESIDENT", "2017-01-20", "2021-01-20", "Mike Pence", "Vice President of the United States"),
    ("THE VICE PRESIDENT", "2021-01-20", "2025-01-20", "Kamala Harris", "Vice President of the United States"),
    ("THE VICE PRESIDENT", "2025-01-20", "9999-12-31", "JD Vance", "Vice President of the United States"),
    ("THE FIRST LADY", "2009-01-20", "2017-01-20", "Michelle Obama", "First Lady"),
    ("THE FIRST LADY", "2017-01-20", "2021-01-20", "Melania Trump", "First Lady"),
    ("THE FIRST LADY", "2021-01-20", "2025-01-20", "Jill Biden", "First Lady"),
    ("THE FIRST LADY", "2025-01-20", "9999-12-31", "Melania Trump", "First Lady"),
    ("THE SECOND GENTLEMAN", "2021-01-20", "2025-01-20", "Doug Emhoff", "Second Gentleman"),
)
# Surnames so well known that "PRESIDENT BIDEN" needs no header.
KNOWN = {
    "BIDEN": "Joe Biden", "TRUMP": "Donald Trump", "OBAMA": "Barack Obama", "HARRIS": "Kamala Harris",
    "PENCE": "Mike Pence", "VANCE": "JD Vance", "ZELENSKYY": "Volodymyr Zelenskyy", "ZELENSKY": "Volodymyr Zelensky",
}  # fmt: skip
NAME_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV"})
# Nouns that end an office in a title ("Secretary of Energy Jennifer Granholm") and are never first names.
ROLE_NOUNS = _words(
    """INNOVATION POLICY SECURITY AFFAIRS COUNCIL DEVELOPMENT ENERGY ENGAGEMENT COMMUNICATIONS SERVICES AGENCY
    RESPONSE ECONOMICS COMPETITIVENESS HEALTH TECHNOLOGY CLIMATE BORDER INFRASTRUCTURE IMPLEMENTATION EDUCATION
    LABOR TRANSPORTATION COMMERCE TREASURY DEFENSE STATE AGRICULTURE INTERIOR VETERANS HOUSING TEAM OFFICIALS
    OFFICE OPERATIONS MANAGEMENT BUDGET STAFF ADVISERS ADVISORS STRATEGIC STRATEGY PLANNING COVID-19 COVID
    PROGRAM PROGRAMS INITIATIVE FORCE HEMISPHERE AMERICAS AFFAIRS ECONOMY ADMINISTRATION PROTECTION PREVENTION
    INTELLIGENCE CYBER EMERGING EMERGENCY RECOVERY RESILIENCE REGULATORY INFORMATION SCIENCE JUSTICE GUARD
    NAVY ARMY MARINES PENTAGON CONGRESS SENATE HOUSE TRADE FINANCE WORKERS WORKFORCE COMMISSION BOARD BUREAU
    DEPARTMENT MISSION UNITED STATES NATIONS NATION AMERICA AMERICAN TODAY YESTERDAY TOMORROW THANK THANKS
    CONGRATULATIONS WELCOME DEAR WELL NOW YES NO OKAY LOOK AGAIN ALSO THEN WHEN BUT SO SAID ASKED SPOKESPERSON
    SPOKESMAN SPOKESWOMAN EUROPE EURASIA ASIA AFRICA PACIFIC MIDDLE EAST WESTERN EASTERN BRIEFING GAGGLE CALL
    REMARKS PRESS ROOM MEDIA"""
)
_PLURAL_TITLES = frozenset({"DOCTORS", "SECRETARIES", "SENATORS", "GOVERNORS", "MAYORS", "PRESIDENTS", "THANKS"})
_STOP_FIRST = OFFICES | HONORIFICS | {"AND", "BY", "OF", "FOR", "ON", "WITH", "TO", "IN", "AT", "HOUSE", "WHITE"}


@dataclass(frozen=True)
class Person:
    """A label resolved to a person: `source` says how (date | header | name | registry | body | label | role)."""

    name: str
    role: str = ""
    source: str = "label"


def fold(s: str) -> str:
    """Upper case with typographic apostrophes and dashes folded, for comparing names."""
    return s.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-").upper()


def tidy(label: str) -> str:
    """'MS. O’CONNELL' -> "Ms. O'Connell" (the fallback when nothing better is known)."""
    words = " ".join(label.replace("’", "'").split()).title().split()
    return " ".join(w.replace("'S", "'s") if w.endswith("'S") else w for w in words)


def label_parts(label: str) -> tuple[list[str], list[str]]:
    """Leading title words and name words of a label: 'ACTING SECRETARY SU' -> (['ACTING', 'SECRETARY'], ['SU'])."""
    words = fold(label).replace(".", ". ").split()
    titles: list[str] = []
    i = 0
    while i < len(words) and words[i].rstrip(".") in OFFICES | HONORIFICS:
        titles.append(words[i].rstrip("."))
        i += 1
    names = [w.rstrip(".") for w in words[i:] if w.rstrip(".") not in NAME_SUFFIXES]
    return titles, [w for w in names if w]


def surname_of(name: str) -> str:
    """Folded surname of a full name ('Joe Biden Jr.' -> 'BIDEN')."""
    words = [w.rstrip(".,") for w in fold(name).split()]
    words = [w for w in words if w and w not in NAME_SUFFIXES]
    return words[-1] if words else ""


def term_holder(label: str, date: str) -> Person | None:
    """Who held a date-dependent office ('THE PRESIDENT') on an ISO date; None when unknown."""
    key = " ".join(fold(label).replace(".", "").split())
    if not key.startswith("THE "):
        key = "THE " + key
    from rapidfuzz import fuzz

    for office, first, last, name, role in TERMS:
        if (key == office or fuzz.ratio(key, office) >= 90) and date and first <= date[:10] < last:
            return Person(name, role, "date")
    return None


def _header_name(header: str, surname: str, text: str = "") -> tuple[str, int] | None:
    """The full name the header prints for a folded surname, and where it starts; None when absent.

    The word before the surname is the first name unless it is an office or a noun of one ("Clean Energy
    Innovation Podesta"); a two-word first name ("Keisha Lance Bottoms") is kept when the text prints it too."""
    pattern = re.compile(
        r"(?P<first>[A-Z][\w’'\-]+)(?:\s+[A-Z]\.)?\s+(?P<last>(?i:" + re.escape(surname) + r"))(?![\w\-’'])"
    )
    flat = header.replace("’", "'").replace("\\_", " ")
    for m in pattern.finditer(flat):
        first, last = m.group("first"), m.group("last")
        if not _first_name_like(first):
            continue
        last = tidy(last) if last.isupper() else last
        name, start = f"{first} {last}", m.start()
        prev = re.search(r"([A-Z][\w'\-]+)\s+$", flat[: m.start()])
        if prev and _first_name_like(prev.group(1)) and f"{prev.group(1)} {name}" in text.replace("’", "'"):
            name, start = f"{prev.group(1)} {name}", prev.start(1)
        return name, start
    return None


def _first_name_like(word: str) -> bool:
    """Could this capitalised word be a first name (not an office, a role noun or an acronym)?"""
    up = word.upper().rstrip(".")
    return word[0].isupper() and not word.isupper() and up not in _STOP_FIRST and up not in ROLE_NOUNS


def _header_role(header: str, name_start: int) -> str:
    """The office printed before a name in a title ('… and Domestic Policy Advisor Susan Rice' -> that office)."""
    before = header[:name_start]
    cut = max(before.rfind(" by "), before.rfind(", "), before.rfind("\n"))
    role = before[cut + 1 :] if cut >= 0 else before
    role = role.removeprefix("by ").strip(" ,").removeprefix("and ")
    # " and " separates two people only when a capitalised name precedes it ("Jen Psaki and …").
    for m in reversed(list(re.finditer(r"([A-Z][\w’'\-]+) ([A-Z][\w’'\-]+) and ", role))):
        if m.group(1).upper() not in OFFICES:
            role = role[m.end() :]
            break
    role = re.sub(r"\s+(Dr\.|Ambassador)$", "", role.strip())
    return role if len(role) <= 120 else ""


def _header_fuzzy(header: str, surname: str) -> tuple[str, int] | None:
    """A name in the header whose surname is one typo away from the label's ('MAYORAKAS' ~ 'Mayorkas')."""
    from rapidfuzz import fuzz

    if len(surname) < 5:
        return None
    words = list(re.finditer(r"[A-Z][\w’'\-]+", header))
    for prev, word in itertools.pairwise(words):
        adjacent = not header[prev.end() : word.start()].strip()
        if adjacent and _first_name_like(prev.group()) and fuzz.ratio(fold(word.group()), surname) >= 85:
            return f"{prev.group()} {word.group()}", prev.start()
    return None


def _registry_name(
    surname: str, titles: Sequence[str], registry: Sequence[Speaker], fuzzy: bool = False
) -> Person | None:
    """The registry's person with this surname when one clearly dominates (>= 60 % of its statements);
    `fuzzy` accepts a one-typo surname ('HAMMILL' ~ 'Hamill')."""
    from rapidfuzz import fuzz

    def same(f: str) -> bool:
        other = surname_of(f)
        return other == surname or (fuzzy and len(surname) >= 5 and fuzz.ratio(other, surname) >= 85)

    weights: Counter[str] = Counter()
    roles: dict[str, str] = {}
    for sp in registry:
        forms = (sp.name, *sp.aliases)
        if any(same(f) and len(f.split()) >= 2 for f in forms):
            weights[sp.name] += max(1, sp.statements)
            roles.setdefault(sp.name, sp.role)
    if not weights:
        return None
    office = [t for t in titles if t not in HONORIFICS and t not in {"THE", "ACTING"}]
    if office and len(weights) > 1:  # "GOVERNOR COOPER": prefer the Cooper whose role says governor
        fitting = {n: w for n, w in weights.items() if any(t.lower() in roles[n].lower() for t in office)}
        if fitting:
            weights = Counter(fitting)
    name, best = weights.most_common(1)[0]
    if best / sum(weights.values()) < 0.6:
        return None
    return Person(name, roles.get(name, ""), "registry")


def body_names(text: str, surname: str) -> Counter[str]:
    """Full-name mentions of a surname in running text ('Dr. Rochelle Walensky' -> 'Rochelle Walensky');
    a two-word first name ('John Bel Edwards') counts when printed at least twice."""
    found: Counter[str] = Counter()
    pattern = re.compile(
        r"\b(?:(?P<pre>[A-Z][a-z][\w'\-]*)\s+)?(?P<first>[A-Z][a-z][\w'\-]*)(?:\s+[A-Z]\.)?\s+"
        r"(?P<last>(?i:" + re.escape(surname) + r"))(?![\w\-'])"
    )
    long: Counter[str] = Counter()
    for m in pattern.finditer(text.replace("’", "'")):
        first, last, pre = m.group("first"), m.group("last"), m.group("pre")
        if not _first_name_like(first) or first.upper() in _PLURAL_TITLES or not last[0].isupper() or last.isupper():
            continue
        found[f"{first} {last}"] += 1
        if pre and _first_name_like(pre):
            long[f"{pre} {first} {last}"] += 1
    for name, n in long.items():
        short = name.split(" ", 1)[1]
        if n >= 2 and found[short] - n <= n:  # the longer form is how the text writes this person
            found[name] += n
            found[short] -= n
            if found[short] <= 0:
                del found[short]
    return found


class LabelResolver:
    """Resolves the labels of one document; a label→person table is built once per label."""

    def __init__(self, doc: Document, registry: Sequence[Speaker] = (), header: str = "") -> None:
        self.doc = doc
        self.registry = registry
        self.header = "\n".join(x for x in (doc.title, header) if x)
        self.table: dict[str, Person] = {}

    def resolve(self, label: str) -> Person:
        """The person behind a printed label (cached per label)."""
        key = " ".join(fold(label).split())
        if key not in self.table:
            self.table[key] = self._resolve(label)
        return self.table[key]

    def _resolve(self, label: str) -> Person:
        # "JAKE TAPPER, CNN ANCHOR" / "SEN. JANE DOE (D-ME)": the name, then a descriptor kept as the role
        m = re.match(r"([^,(]+?)\s*(?:,\s*([^()]+?))?\s*(?:\(([^()]*)\))?\s*$", label)
        if m and (m.group(2) or m.group(3)):
            person = self._resolve_core(m.group(1))
            return person if person.role else Person(person.name, (m.group(2) or m.group(3)).strip(), person.source)
        return self._resolve_core(label)

    def _resolve_core(self, label: str) -> Person:
        titles, names = label_parts(label)
        plain = " ".join(fold(label).replace(".", "").split())
        if not names:
            return term_holder(plain, self.doc.date) or self._office_in_header(plain) or Person("", tidy(label), "role")
        if plain in ROLE_ONLY:
            return Person("", tidy(label), "role")
        surname = names[-1]
        if len(names) >= 2 and not label.isupper():  # "Jen Psaki:" already names the person
            found = _header_name(self.header, surname)
            role = _header_role(self.header, found[1]) if found else ""
            return Person(" ".join(label.split()[len(titles) :]), role, "name")
        hit = _header_name(self.header, surname, self.doc.text) or _header_fuzzy(self.header, surname)
        if hit:
            return Person(hit[0], _header_role(self.header, hit[1]), "header")
        if surname in KNOWN:
            return Person(KNOWN[surname], "", "known")
        from_registry = _registry_name(surname, titles, self.registry)
        if from_registry:
            return from_registry
        mentions = body_names(self.doc.text, surname)
        if mentions:
            name, n = mentions.most_common(1)[0]
            if n / sum(mentions.values()) >= 0.8:
                return Person(name, "", "body")
        fallback = tidy(" ".join(names)) if len(names) >= 2 else tidy(label)  # "SEN. JANE DOE" -> "Jane Doe"
        return _registry_name(surname, titles, self.registry, fuzzy=True) or Person(fallback, "", "label")

    def _office_in_header(self, plain: str) -> Person | None:
        """'THE PRESIDENT' with no date: the president the header names ('Remarks by President Biden')."""
        office = plain.removeprefix("THE ").title()
        if office not in {"President", "Vice President", "First Lady"}:
            return None
        lead = r"(?<!Vice )" if office == "President" else ""
        m = re.search(lead + office + r" ((?:[A-Z][a-z]+ )?[A-Z][a-z]+)", self.header)
        if not m:
            return None
        name = m.group(1)
        return Person(KNOWN.get(surname_of(name), name), office, "header")


def corpus_registry(docs: Iterable[Document], labels_of: dict[str, list[str]]) -> list[Speaker]:
    """Speakers named by transcript headers across a corpus, plus body-text names for surnames no header
    gives (the corpus-wide registry a batch of transcripts can resolve each other's labels with).

    `labels_of` maps doc_id -> the labels printed in that document (one entry per turn)."""
    docs = list(docs)
    counts: Counter[tuple[str, str]] = Counter()
    unresolved: set[str] = set()
    for doc in docs:
        resolver = LabelResolver(doc)
        for label in labels_of.get(doc.doc_id, []):
            person = resolver.resolve(label)
            if person.source in {"header", "date", "name", "known"} and person.name:
                counts[(person.name, person.role)] += 1
            elif person.source in {"label", "body"}:
                unresolved.add(label_parts(label)[1][-1])
    by_name: dict[str, Speaker] = {}
    for (name, role), n in counts.most_common():
        old = by_name.get(name)
        by_name[name] = Speaker(name, old.role if old else role, statements=(old.statements if old else 0) + n)
    known_surnames = {surname_of(n) for n in by_name}
    mentions: dict[str, Counter[str]] = defaultdict(Counter)
    for surname in unresolved - known_surnames:
        for doc in docs:
            mentions[surname].update(body_names(doc.text, surname))
    for found in mentions.values():
        if not found:
            continue
        name, n = found.most_common(1)[0]
        if n / sum(found.values()) >= 0.8:
            by_name.setdefault(name, Speaker(name, statements=n))
    return sorted(by_name.values(), key=lambda s: -s.statements)
