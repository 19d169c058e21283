"""Question understanding: shape, speaker, quote fragment, topic and filters, with follow-ups from history."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from rag.records import Filters, Speaker
from rag.speakers import name_words

Shape = Literal["quote", "speaker_topic", "topic_speakers", "followup", "other"]

QUOTE_CHARS = "\"“”‘’«»'"
QUOTED = re.compile(r"[\"“«‘]([^\"“”«»]{3,})[\"”»’]|(?:^|\s)'([^']{6,})'(?=[\s?.!,]|$)")
SPEECH = r"(?:said|says|say|stated|states|told|tells|declared|declares|remarked|wrote|claimed|claims|argued|"
SPEECH += r"insisted|warned|added|noted|announced|is quoted as saying|was quoted as saying)"
WHO_SAID = re.compile(rf"^\s*(?:who|which \w+(?: \w+)?)\s+(?:\w+\s+)?{SPEECH}\b[\s,:]*(?:that\s+)?(?P<rest>.*)$", re.I)
TOPIC_SPEAKERS = re.compile(
    r"^\s*(?:who|which (?:\w+ ){0,2}?(?:officials?|people|politicians|leaders|speakers|ministers|countries|"
    r"experts|analysts|\w+s))\s+(?:has |have |had |did )?(?:talked|talk|spoke|speak|commented|comment|"
    r"mentioned|mention|discussed|discuss|criticized|criticised|praised|addressed|weighed in|said anything|"
    r"said something|spoke out|raised|\w+ed)\b(?:\s+(?:about|on|of|regarding|concerning))?\s+(?P<topic>.+)$",
    re.I,
)
TOPIC_AFTER = re.compile(r"\b(?:about|on|regarding|concerning|of|over|towards?|re)\s+(?P<topic>.+)$", re.I)
FOLLOWUP_ELSE = re.compile(
    r"^\s*(?:what|anything|and what|did \w+ say anything)\s*else\b|^\s*(?:more|go on|tell me more)\b", re.I
)
FOLLOWUP_AND = re.compile(
    r"^\s*(?:and|what about|how about|and what about)\s+(?:about\s+|on\s+|regarding\s+)?(?P<topic>.+)$", re.I
)
PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|their)\b", re.I)
SOURCE_PAT = re.compile(r"\b(?:from|in|by|according to)\s+(?:the\s+)?(?P<src>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_EXPR = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:{MONTH_RE})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?|\d{{4}})"
SINCE = re.compile(rf"\b(?:since|after|from)\s+(?P<d>{DATE_EXPR})\b", re.I)
UNTIL = re.compile(rf"\b(?:until|till|before|by)\s+(?P<d>{DATE_EXPR})\b", re.I)
IN_PERIOD = re.compile(rf"\b(?:in|during)\s+(?P<d>{DATE_EXPR})\b", re.I)
TITLES = {"mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime", "foreign", "senator", "sen", "rep", "gov",
          "governor", "secretary", "general", "chancellor", "mayor", "judge", "the", "jr", "sr"}  # fmt: skip
_STOP_TEXT = """
a an the and or but if of to in on at by for with from as is are was were be been being this that these those
it its he she they them his her their we our you your i me my not no so than then there here what which who
whom whose when where why how all any both each few more most other some such only own same too very can will
just should now would could said says say told tell talk talked speak spoke about into over after before also
think thinks thought did does do has have had anything something else comment commented mention mentioned
discuss discussed regarding concerning view views position stance opinion since until
"""
STOP = set(_STOP_TEXT.split())
POINTERS = {"a", "an", "the", "it", "this", "that", "these", "those", "them", "him", "her", "he", "she", "they",
            "his", "their", "its", "so", "anything", "something", "everything", "else"}  # fmt: skip
FUZZY_MIN = 80  # rapidfuzz ratio for a misspelt name ("Lavrow" -> "Lavrov")


@dataclass(frozen=True)
class Query:
    """What the question asks: its shape, the resolved speaker, a quote fragment, the topic and the filters."""

    question: str
    shape: Shape
    speaker: str = ""  # resolved registry name, or the name as written when it is not in the registry
    quote_fragment: str = ""
    topic: str = ""
    filters: Filters = field(default_factory=Filters)
    speaker_known: bool = False  # the speaker was found in the registry
    exclude_quotes: tuple[str, ...] = ()  # follow-ups: quotes already given in the previous answer

    @property
    def search_text(self) -> str:
        """The text to embed and match: the fragment for quote lookup, else topic (and speaker)."""
        if self.quote_fragment:
            return self.quote_fragment
        if self.speaker_known and self.topic:  # the speaker is a filter; their name would match all they said
            return self.topic
        return " ".join(x for x in (self.speaker, self.topic) if x) or self.question


# ---------------------------------------------------------------------------------------------- speakers
def _norm(text: str) -> str:
    """Lower case, one apostrophe (as _norm_keep_len), no possessive 's, no dots."""
    low = text.lower().replace("’", "'").replace(".", "")
    return re.sub(r"\s+", " ", re.sub(r"'s\b", "", low)).strip()


def speaker_keys(sp: Speaker) -> list[str]:
    """Lower-case ways a question may name the speaker: full name, aliases, surname, name without titles."""
    keys = {_norm(sp.name), *(_norm(a) for a in sp.aliases if a)}
    words = [w for w in _norm(sp.name).split() if w not in TITLES]
    if len(words) >= 2:
        keys.add(words[-1])
    return [k for k in keys if k and k not in STOP]


class SpeakerMatcher:
    """All registry keys compiled into one pattern (longest first), built once per registry."""

    def __init__(self, registry: Sequence[Speaker]) -> None:
        self.registry = registry
        self.by_key: dict[str, Speaker] = {}
        for sp in registry:  # most statements first, so a shared key goes to the more prominent speaker
            for k in speaker_keys(sp):
                self.by_key.setdefault(k, sp)
        keys = sorted(self.by_key, key=len, reverse=True)
        body = "|".join(re.escape(k) for k in keys)
        self.pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])") if keys else None
        self.single = [k for k in keys if " " not in k and len(k) >= 4]
        self.multi = [k for k in keys if " " in k]

    def find(self, text: str, fuzzy: bool = True) -> list[tuple[Speaker, int, int]]:
        if self.pattern is None:
            return []
        found = [
            (self.by_key[m.group()], m.start(), m.end())
            for m in self.pattern.finditer(_norm_keep_len(text))
            if not _other_first_name(text, m.start(), m.group(), self.by_key[m.group()])
        ]
        return found or (self._fuzzy(text) if fuzzy else [])

    def _fuzzy(self, text: str) -> list[tuple[Speaker, int, int]]:
        from rapidfuzz import fuzz, process

        out: list[tuple[Speaker, int, int]] = []
        # A run of capitalised words is one name: "Lavrow" may be Lavrov, but "Jorge Falcon" is not Brian Fallon.
        for m in re.finditer(r"\b[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?)*", text):
            words = [w for w in _norm(m.group()).split() if w not in STOP and w not in TITLES]
            if not words:
                continue
            name = " ".join(words)
            keys = self.single if len(words) == 1 else self.multi
            if len(name) < 4 or not keys:
                continue
            best = process.extractOne(name, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if best:
                out.append((self.by_key[best[0]], m.start(), m.end()))
        return out


def _other_first_name(text: str, start: int, key: str, sp: Speaker) -> bool:
    """'Veronica Cruz' is not Ted Cruz: a bare surname after a first name that none of the speaker's names has."""
    words = sp.name.split()
    if " " in key or len(words) < 2 or not all(w[:1].isupper() for w in words):  # only a person's full name
        return False
    m = re.search(r"(?:^|\s)([A-Z][\w'’-]{2,})\s+$", text[:start])
    first = m.group(1).lower().replace("’", "'") if m else ""
    if not m or first in STOP or first in TITLES:
        return False
    before = text[: m.start(1)].split()[-1:]
    if before and before[0][:1].isupper() and before[0].lower() not in STOP:  # 'Washington Post Trump': no first name
        return False
    return first not in {w for n in (sp.name, *sp.aliases) for w in _norm(n).split()}


_MATCHERS: dict[int, SpeakerMatcher] = {}


def matcher(registry: Sequence[Speaker]) -> SpeakerMatcher:
    """The compiled matcher of this registry object (cached while the same object is passed)."""
    m = _MATCHERS.get(id(registry))
    if m is None or m.registry is not registry:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        m = _MATCHERS[id(registry)] = SpeakerMatcher(registry)
    return m


def find_speakers(text: str, registry: Sequence[Speaker], fuzzy: bool = True) -> list[tuple[Speaker, int, int]]:
    """Registry speakers named in `text` (exact alias/surname, else a close misspelling), with their spans."""
    return matcher(registry).find(text, fuzzy)


def _norm_keep_len(text: str) -> str:
    """Lower-case with possessives/dots blanked, keeping offsets aligned with `text`."""
    low = text.lower().replace("’", "'")
    low = re.sub(r"'s\b", "  ", low)
    return low.replace(".", " ")


def canonical_names(registry: Sequence[Speaker]) -> dict[str, str]:
    """Statement speaker value -> registry name: names first, then aliases (the most prominent speaker wins)."""
    names = {sp.name: sp.name for sp in registry}
    for sp in registry:
        for alias in sp.aliases:
            if names_them(alias, sp.name):
                names.setdefault(alias, sp.name)
    return names


def names_them(alias: str, name: str) -> bool:
    """An alias that carries a word of the name ("Lavrov", "the Clinton campaign"), not a description ("the
    minister") or pronoun: those are kept for display, but one document's "the senator" is nobody's elsewhere."""

    def words(n: str) -> set[str]:
        return set(name_words(n.replace("’", "'")))

    return bool(words(alias) & words(name))


def speaker_variants(name: str, names: dict[str, str]) -> tuple[str, ...]:
    """Every speaker value that means `name`: its merged aliases and a bare-surname entry ('Trump')."""
    words = name.split()
    bare = words[-1] if len(words) >= 2 else ""
    return tuple(sorted({name, *(v for v, n in names.items() if n == name or (bare and n == bare))}))


def resolve_speaker(name: str, registry: Sequence[Speaker]) -> Speaker | None:
    """The registry speaker a name refers to (exact key or close misspelling), if any."""
    hits = find_speakers(name, registry)
    return hits[0][0] if hits else None


# ---------------------------------------------------------------------------------------------- filters
def parse_date(expr: str, today: date, *, end: bool = False) -> str:
    """'May' -> the latest May 1 not after today; 'May 2023' -> 2023-05-01; '2023' -> 2023-01-01 (end: last day)."""
    expr = expr.strip().lower().rstrip(".")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expr):
        return expr
    if re.fullmatch(r"\d{4}", expr):
        return f"{expr}-12-31" if end else f"{expr}-01-01"
    m = re.match(rf"({MONTH_RE})\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(\d{{4}}))?$", expr)
    if not m:
        return ""
    month = MONTHS[m.group(1)]
    year = int(m.group(3)) if m.group(3) else (today.year if month <= today.month else today.year - 1)
    if m.group(2):
        return f"{year:04d}-{month:02d}-{int(m.group(2)):02d}"
    day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_filters(question: str, sources: Sequence[str], today: date) -> tuple[Filters, str]:
    """Filters written in the question (dates, a known source) and the question with those phrases removed."""
    since = until = source = ""
    rest = question
    if m := SINCE.search(rest):
        since = parse_date(m.group("d"), today)
        rest = rest[: m.start()] + rest[m.end() :]
    if m := UNTIL.search(rest):
        until = parse_date(m.group("d"), today, end=True)
        rest = rest[: m.start()] + rest[m.end() :]
    if not since and not until and (m := IN_PERIOD.search(rest)):
        since, until = parse_date(m.group("d"), today), parse_date(m.group("d"), today, end=True)
        rest = rest[: m.start()] + rest[m.end() :]
    by_lower = {s.lower(): s for s in sources if s}
    for m in SOURCE_PAT.finditer(rest):
        words = m.group("src").split()
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).lower()
            if cand in by_lower:
                source = by_lower[cand]
                rest = rest[: m.start()] + rest[m.start() + len(m.group(0)) - len(m.group("src")) + len(cand) :]
                break
        if source:
            break
    return Filters(source=source, since=since, until=until), re.sub(r"\s+", " ", rest).strip()


def read_filters_outside_quotes(question: str, sources: Sequence[str], today: date) -> tuple[Filters, str]:
    """read_filters on the words outside quotation marks ('in 2011' inside a quoted fragment is not a filter)."""
    quoted: list[str] = []

    def hide(m: re.Match[str]) -> str:
        quoted.append(m.group())
        return f"\ue000{len(quoted) - 1}\ue001"

    masked = QUOTED.sub(hide, question)
    if not quoted and WHO_SAID.match(question):  # an unquoted fragment: "Who said we will win in 2024?"
        return Filters(), question
    filters, rest = read_filters(masked, sources, today)
    return filters, re.sub("\ue000(\\d+)\ue001", lambda m: quoted[int(m.group(1))], rest)


def merge_filters(asked: Filters, given: Filters) -> Filters:
    """Filters passed by the UI/CLI/API win; the question fills what they leave empty."""
    return Filters(
        speaker=given.speaker or asked.speaker,
        source=given.source or asked.source,
        since=given.since or asked.since,
        until=given.until or asked.until,
        doc_id=given.doc_id or asked.doc_id,
    )


# ---------------------------------------------------------------------------------------------- shapes
def content_words(text: str) -> list[str]:
    """Topic words of a text: no stop words, no speech verbs, no question words."""
    return [w for w in WORD.findall(text) if w.lower().strip("'’") not in STOP]


def _named_topic(text: str) -> str:
    """'about views' / 'about thinks': a topic made only of stop words is still the topic, pronouns aside."""
    words = WORD.findall(re.sub(r"[?!.]+$", "", text))
    return " ".join(w for w in words if w.lower() not in POINTERS)


def _clean_topic(text: str) -> str:
    text = re.sub(r"[?!.]+$", "", text.strip()).strip(" ,;:" + QUOTE_CHARS)
    return " ".join(content_words(text))


def _quote_fragment(rest: str, question: str) -> str:
    if m := QUOTED.search(question):
        return (m.group(1) or m.group(2)).strip(" ,.;:")
    frag = re.sub(r"[?]+\s*$", "", rest).strip().strip(QUOTE_CHARS + " ,.;:")
    return frag if len(frag.split()) >= 4 else ""


def _strip_speaker(text: str, spans: list[tuple[int, int]]) -> str:
    for s, e in sorted(spans, reverse=True):
        if text[e : e + 2] in ("'s", "’s"):
            e += 2
        text = text[:s] + " " + text[e:]
    return text


def understand(
    question: str,
    history: Sequence[tuple[str, str]],
    registry: Sequence[Speaker],
    filters: Filters,
    *,
    sources: Sequence[str] = (),
    today: date | None = None,
) -> Query:
    """Read the question's shape, speaker, quote fragment, topic and filters; follow-ups borrow from history."""
    today = today or date.today()
    asked, rest = read_filters_outside_quotes(question.strip(), sources, today)
    merged = merge_filters(asked, filters)
    given_speaker = resolve_speaker(filters.speaker, registry) if filters.speaker else None
    if given_speaker:
        merged = replace(merged, speaker=given_speaker.name)

    # quote lookup: "Who said '...'?" / "Who said there is no point ...?"
    m = WHO_SAID.match(rest)
    if m and not re.match(r"^(?:anything|something|about|on)\b", m.group("rest"), re.I):
        frag = _quote_fragment(m.group("rest"), rest)
        if frag:
            return Query(question, "quote", quote_fragment=frag, filters=merged)
    if (
        (qm := QUOTED.search(rest))
        and len((qm.group(1) or qm.group(2)).split()) >= 4
        and re.match(r"^\s*who\b", rest, re.I)
    ):
        return Query(question, "quote", quote_fragment=(qm.group(1) or qm.group(2)).strip(" ,.;:"), filters=merged)

    found = find_speakers(rest, registry)
    if history and (followup := _followup(question, rest, history, registry, merged, found, sources, today)):
        return followup

    if (m := TOPIC_SPEAKERS.match(rest)) and not found:
        return Query(question, "topic_speakers", topic=_clean_topic(m.group("topic")), filters=merged)

    speaker: Speaker | None = given_speaker or (_named(rest, found) if found else None)
    if speaker:
        text = _strip_speaker(rest, [(s, e) for sp, s, e in found if sp is speaker])
        tm = TOPIC_AFTER.search(text)
        topic = _clean_topic(tm.group("topic") if tm else text) or (_named_topic(tm.group("topic")) if tm else "")
        return Query(
            question, "speaker_topic", speaker=speaker.name, topic=topic, filters=replace(merged, speaker=speaker.name),
            speaker_known=True,
        )  # fmt: skip
    if name := _unknown_name(rest):
        # "What did Zelensky say?" / "What does Moscow think of ...": a name the registry does not know. It is not
        # a filter (no statement carries it as speaker); retrieval keeps only evidence that mentions it.
        text = rest.replace(name, " ")
        tm = TOPIC_AFTER.search(text)
        topic = _clean_topic(tm.group("topic")) or _named_topic(tm.group("topic")) if tm else ""
        return Query(question, "speaker_topic", speaker=name, topic=topic, filters=merged)
    return Query(question, "other", topic=_clean_topic(rest), filters=merged)


def _named(text: str, found: list[tuple[Speaker, int, int]]) -> Speaker:
    """The speaker a question names: in 'Joseph R. Biden' both 'Joseph' and 'Biden' match; the surname wins."""
    first = found[0]
    for nxt in found[1:]:
        if re.fullmatch(r"(?:\s+[A-Z][\w'’-]*\.?)*\s+", text[first[2] : nxt[1]] or "x"):
            first = nxt
        else:
            break
    return first[0]


ASKS_PERSON = re.compile(
    r"^\s*(?i:what|how|why|when|did|does|has|have|had|is|was)\s+(?i:did|does|has|have|had|do|is|was)?\s*"
    r"(?P<name>(?:[A-Z][\w'’-]*\.?\s+){0,4}[A-Z][\w'’-]+?)(?:['’]s)?\s+(?i:say|said|think|thinks|claim|claimed|"
    r"tell|told|comment|commented|mean|meant|argue|argued|state|stated|support|oppose|want|believe|"
    r"say anything|talk|talked)\b"
)


def _unknown_name(text: str) -> str:
    m = ASKS_PERSON.match(text)
    if not m:
        return ""
    name = m.group("name").strip()
    return "" if name.lower() in STOP else name


def _followup(
    question: str,
    rest: str,
    history: Sequence[tuple[str, str]],
    registry: Sequence[Speaker],
    merged: Filters,
    found: list[tuple[Speaker, int, int]],
    sources: Sequence[str],
    today: date,
) -> Query | None:
    """'What else did he say?', 'And about China?': speaker and topic come from the previous question."""
    is_else = bool(FOLLOWUP_ELSE.match(rest))
    and_m = FOLLOWUP_AND.match(rest)
    pronoun_only = bool(PRONOUN.search(rest)) and not found
    if not (is_else or and_m or pronoun_only):
        return None
    prev_q, prev_a = history[-1]
    prev = understand(prev_q, history[:-1], registry, Filters(), sources=sources, today=today)
    speaker = found[0][0].name if found else prev.speaker
    if is_else:
        topic = (
            "" if re.search(r"\belse\b\s*(?:did|does|has)?\s*\w*\s*(?:say|said)?\s*\??$", rest, re.I) else prev.topic
        )
        tm = TOPIC_AFTER.search(rest)
        if tm:
            topic = _clean_topic(tm.group("topic"))
    elif and_m:
        topic = _clean_topic(and_m.group("topic"))
    else:
        tm = TOPIC_AFTER.search(rest)
        topic = _clean_topic(tm.group("topic")) if tm else prev.topic
    given = replace(merged, speaker=merged.speaker or speaker) if speaker else merged
    filters = merge_filters(prev.filters, given)
    return Query(
        question, "followup", speaker=speaker, topic=topic, filters=filters,
        speaker_known=prev.speaker_known or bool(found), exclude_quotes=quoted_strings(prev_a) if is_else else (),
    )  # fmt: skip


def quoted_strings(text: str) -> tuple[str, ...]:
    """Strings between curly or straight double quotes in an answer text."""
    return tuple(m.group(1) for m in re.finditer(r"“((?:(?!\[\d+\]).)+?)”(?=\s*\[\d+\])", text)) + tuple(
        m.group(1) for m in re.finditer(r'"([^"]{3,})"', text)
    )
