"""Corpus-wide speaker registry: resolved speakers of all statements, aliases merged conservatively.

Merges: the same full name written differently (titles, middle initials, accents, transliteration
variants such as Sergei/Sergey, Zelensky/Zelenskyy); a bare surname into the one full name that
carries it when the roles agree. Two different full names that share a surname never merge, nor do
two spellings whose middle initials differ (George W. Bush, George H. W. Bush).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rag.records import Speaker, Statement

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president", "prof", "rev",
    "gen", "lt", "col", "sgt", "capt", "hon", "sir", "dame", "lord", "lady", "the", "jr", "sr", "ii", "iii", "iv",
}  # fmt: skip
PRONOUNS = {
    "he", "she", "i", "we", "they", "him", "her", "it", "you", "them", "us", "me", "his", "hers", "its", "their",
}  # fmt: skip
WORD = re.compile(r"[^\W\d_][\w'’-]*")
MAX_ALIASES = 12
# roles that say who spoke for the person ("Clinton's campaign said"), not what the person is
VOICES = {
    "campaign", "camp", "team", "aide", "aides", "staff", "office", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "administration", "transition", "representatives", "adviser", "advisers", "advisor", "advisors",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: 'Zelenskyy' -> 'zelenskyy', 'Lévy' -> 'levy'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def translit(word: str) -> str:
    """A spelling key that transliteration variants share: sergey/sergei, zelenskyy/zelensky, aleksei/alexei."""
    w = word.replace("’", "'").strip("'-")
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters
    w = w.replace("ks", "x").replace("kh", "h").replace("ph", "f").replace("w", "v")
    w = re.sub(r"(?:iy|yi|y|ij)$", "i", w)
    return w.replace("ey", "ei").replace("ay", "ai")


def name_words(name: str) -> list[str]:
    """Folded words of a name without titles, suffixes, initials or a possessive."""
    words = [re.sub(r"['’]s$", "", w) for w in WORD.findall(fold(name))]
    return [w for w in words if w not in TITLES and len(w) > 1]


def name_key(name: str) -> tuple[str, ...]:
    """Key under which spellings of one name meet: ('sergei', 'lavrov') for 'Sergey V. Lavrov'."""
    return tuple(translit(w) for w in name_words(name))


def fold_role(role: str) -> set[str]:
    return {w for w in name_words(role) if len(w) > 2}


def initials(name: str) -> tuple[str, ...]:
    """The middle initials of a name: ('h', 'w') for 'George H.W. Bush', () for 'George Bush'."""
    return tuple(w for w in WORD.findall(fold(name)) if len(w) == 1)


@dataclass
class Group:
    """Statements gathered under one name key."""

    key: tuple[str, ...]
    names: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    count: int = 0
    latest: Statement | None = None

    def add(self, s: Statement) -> None:
        self.names[s.speaker] += 1
        if s.role and s.role.lower() not in VOICES:  # "campaign" is who spoke for them, not their role
            self.roles[s.role] += 1
        mention = " ".join(s.speaker_mention.split())
        if mention and mention.lower() not in PRONOUNS and len(mention) <= 80:
            self.mentions[mention] += 1
        self.count += 1
        if self.latest is None or (s.date, s.doc_id, s.start) >= (
            self.latest.date,
            self.latest.doc_id,
            self.latest.start,
        ):
            self.latest = s

    def merge(self, other: Group) -> None:
        self.names.update(other.names)
        self.roles.update(other.roles)
        self.mentions.update(other.mentions)
        self.count += other.count
        if other.latest is not None and (
            self.latest is None
            or (other.latest.date, other.latest.doc_id, other.latest.start)
            >= (self.latest.date, self.latest.doc_id, self.latest.start)
        ):
            self.latest = other.latest

    def role_words(self) -> set[str]:
        return set().union(*(fold_role(r) for r in self.roles)) if self.roles else set()

    def to_speaker(self) -> Speaker:
        # canonical: the most used of the longest spellings ("Sergei Lavrov" over "Lavrov")
        longest = max(len(name_words(n)) for n in self.names)
        name = max((n for n in self.names if len(name_words(n)) == longest), key=lambda n: (self.names[n], n))
        aliases = [n for n, _ in self.names.most_common() if n != name]
        seen = {a.lower() for a in aliases} | {name.lower()}
        for m, _ in self.mentions.most_common():
            if m.lower() not in seen:
                aliases.append(m)
                seen.add(m.lower())
        latest = self.latest
        return Speaker(
            name=name,
            role=self.roles.most_common(1)[0][0] if self.roles else "",
            aliases=tuple(aliases[:MAX_ALIASES]),
            statements=self.count,
            latest_date=latest.date if latest else "",
            latest_quote=latest.quote if latest else "",
            latest_doc_id=latest.doc_id if latest else "",
        )


def build_registry(statements: Iterable[Statement]) -> list[Speaker]:
    """Speakers with aliases, role, statement count and latest statement; most statements first."""
    groups: dict[tuple[str, ...], Group] = {}
    named = [s for s in statements if s.speaker.strip()]
    keys = [name_key(s.speaker) or (fold(s.speaker.strip()),) for s in named]
    variants: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for s, key in zip(named, keys, strict=True):
        variants[key].add(initials(s.speaker))
    for s, key in zip(named, keys, strict=True):
        if len(variants[key] - {()}) > 1:
            # 'George W. Bush' and 'George H. W. Bush' are two people; a bare 'George Bush' is neither for sure
            key = ("+" + "".join(initials(s.speaker)), *key)
        groups.setdefault(key, Group(key)).add(s)
    merge_surnames(groups)
    speakers = [g.to_speaker() for g in groups.values()]
    speakers.sort(key=lambda sp: (-sp.statements, sp.name))
    return speakers


def merge_surnames(groups: dict[tuple[str, ...], Group]) -> None:
    """Fold one-word names ('Lavrov') into the single full name with that surname, when roles allow."""
    full_by_surname: dict[str, list[Group]] = defaultdict(list)
    for g in groups.values():
        if len(g.key) >= 2:
            full_by_surname[g.key[-1]].append(g)
    for key in [k for k in groups if len(k) == 1]:
        short = groups[key]
        candidates = full_by_surname.get(key[0], [])
        if len(candidates) > 1 and short.roles:
            # several people share the surname: only a matching role tells which one is meant
            words = short.role_words()
            candidates = [g for g in candidates if words and words <= g.role_words()]
        if len(candidates) != 1:
            continue
        target = candidates[0]
        if short.roles and target.roles and not (short.role_words() & target.role_words()):
            continue  # 'Lavrov, the wrestler' is not 'Sergei Lavrov, foreign minister'
        target.merge(short)
        del groups[key]
