"""Speaker-labelled transcripts (briefings, hearings, interviews) -> turns -> statements.

A turn starts at a printed label: capitals with a colon ("MS. PSAKI:", "THE PRESIDENT:"), a `Name:` line
("Interviewer:", "Jen Psaki:"), or a reporter's "Q". It runs to the next label (or an "END" line) and may
span paragraphs. Bracketed stage directions ("(Laughter.)", "[crosstalk]") belong to no one and are left
out of every quote. Each turn becomes one or more statements (type "turn", or "question" for Q), each an
exact slice of `Document.text`; a quotation inside a turn goes to the quoted person, reported by the turn's
speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from index.labels import LabelResolver, Person, corpus_registry, fold, label_parts
from rag.records import Document, Speaker, Statement

MAX_STATEMENT_CHARS = 1200  # longer turns are cut at paragraph, then sentence, boundaries

TurnKind = Literal["speaker", "question", "answer"]
Style = Literal["caps", "name", "q", "a"]

_CAPS_LABEL = re.compile(
    r"[ \t]*(?:\*\*|__)?(?P<label>[A-Z][A-Z.’'\-]*(?:[ \t]+[A-Z][A-Z.’'\-]*){0,5}"
    r"(?:,[ \t]+[A-Z][A-Z.’'\-&]*(?:[ \t]+[A-Z][A-Z.’'\-&]*){0,5})?(?:[ \t]*\([^()\n]{1,40}\))?)"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*"
)  # "MS. PSAKI:", "JAKE TAPPER, CNN ANCHOR:", "SEN. JANE DOE (D-ME):"
_NAME_LABEL = re.compile(
    r"[ \t]*(?:\*\*|__)?(?P<label>[A-Z][\w.’'\-]*(?:[ \t]+(?:[A-Z][\w.’'\-]*|de|van|von|al|bin)){0,3})(?:\*\*|__)?"
    r"[ \t]*:(?:\*\*|__)?[ \t]+(?=\S)"
)
_Q_LABEL = re.compile(r"[ \t]*(?:\*\*|__)?(?P<label>Q)(?:\*\*|__)?(?:[ \t]*[:.](?:\*\*|__)?[ \t]*|[ \t]+)(?=\S)")
_A_LABEL = re.compile(r"[ \t]*(?:\*\*|__)?(?P<label>A)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?=\S)")
_END_LINE = re.compile(r"[ \t]*END(?:[ \t]+\d{1,2}:\d{2}.*)?[ \t]*$")
# Capitalised words that start article lines with a colon but never label a speaker.
_NOT_LABELS = frozenset(
    """NOTE UPDATE UPDATED CORRECTION EDITOR'S EDITORS SOURCE SOURCES PHOTO PHOTOS CREDIT WATCH READ ALSO MORE
    RELATED LISTEN SUBSCRIBE TOPICS TAGS SHARE ADVERTISEMENT BREAKING WARNING DISCLAIMER TRANSCRIPT SUMMARY
    CONTEXT BACKGROUND WHAT WHY HOW WHEN WHERE WHO KEY POINTS DATE TIME LOCATION TITLE URL BY FILED
    EXCLUSIVE ANALYSIS OPINION VIDEO AUDIO CLICK HERE SEE EMAIL CONTACT WASHINGTON LONDON PARIS BEIJING
    MOSCOW KYIV KIEV BERLIN TOKYO NEW YORK GENEVA BRUSSELS JERUSALEM REUTERS AP AFP UPI LIVE TL DR PS P.S.""".split()  # noqa: SIM905
)
# Alternating labels of documents that are not conversations (myth/fact sheets, clemency lists).
_NOT_SPEAKERS = frozenset(
    {"FACT", "FACTS", "MYTH", "FALSEHOOD", "CLAIM", "REALITY", "TRUTH", "FICTION", "PROMISE MADE", "PROMISE KEPT",
     "OFFENSE", "SENTENCE", "COMMUTATION GRANT", "PARDON", "TEAM MEMBERS", "TEAM MEMBER", "TO", "FROM", "SUBJECT"}
)  # fmt: skip
_NOT_LABEL_PHRASES = frozenset({"EDITOR'S NOTE", "READ MORE", "ALSO READ", "KEY POINTS", "NEW YORK", "SEE ALSO"})
# Label words of interviews and hearings that are speakers even when printed once.
_ROLE_WORDS = frozenset(
    {"INTERVIEWER", "HOST", "MODERATOR", "REPORTER", "QUESTION", "ANSWER", "NARRATOR", "ANNOUNCER", "CALLER",
     "AUDIENCE", "AUDIENCE MEMBER", "ANCHOR", "GUEST", "PANELIST", "OPERATOR", "CHAIRMAN", "CHAIRWOMAN", "CHAIR"}
)  # fmt: skip
_STAGE_WORDS = (
    r"laughter|laughs|laughing|chuckles|applause|inaudible|cross-?talk|cross talk|unintelligible|indiscernible|"
    r"pause|pauses|sighs|coughs|music|silence|interruption|interrupted|speaks in|in progress|break|recess|"
    r"technical difficulties|off[ -]mic|audio|video|phone rings|cellphone|beep|no response|mic|overlapping"
)
_STAGE = re.compile(
    r"[\(\[](?:\s*(?:" + _STAGE_WORDS + r")\b[^\(\)\[\]\n]{0,100}|\s*\d{1,2}:\d{2}(?::\d{2})?\s*|\s*…\s*)[\)\]]",
    re.IGNORECASE,
)
_STAGE_PARAGRAPH = re.compile(r"[ \t]*[\(\[][^\(\)\[\]\n]{1,300}[\)\]][ \t]*(?=\n|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Turn:
    """One speaker turn: the label as printed and the turn's text span (stage directions included)."""

    index: int
    label: str
    label_start: int
    label_end: int
    start: int
    end: int
    kind: TurnKind = "speaker"


@dataclass(frozen=True)
class _Candidate:
    style: Style
    label: str
    label_start: int
    label_end: int
    text_start: int
    paragraph_start: bool


def _lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, line without newline, starts a paragraph) for every line."""
    pos = 0
    blank_before = True
    for line in text.split("\n"):
        yield pos, line, blank_before
        blank_before = not line.strip()
        pos += len(line) + 1


def _is_caps_label(label: str) -> bool:
    words = fold(label).replace(".", " ").split()
    plain = " ".join(fold(label).rstrip(".").split())
    if plain in _NOT_LABEL_PHRASES or (len(words) == 1 and words[0] in _NOT_LABELS):
        return False
    return sum(c.isalpha() for c in label) >= 2 and not (len(words) == 1 and len(words[0]) <= 1)


def _candidate(line: str, offset: int, paragraph_start: bool) -> _Candidate | None:
    """The label a line starts with, if any (styles are sorted out per document later)."""
    styles: tuple[tuple[Style, re.Pattern[str]], ...] = (
        ("q", _Q_LABEL), ("a", _A_LABEL), ("caps", _CAPS_LABEL), ("name", _NAME_LABEL),
    )  # fmt: skip
    for style, pattern in styles:
        m = pattern.match(line)
        if not m:
            continue
        label = m.group("label")
        if style == "q" and not paragraph_start and not re.match(r"[ \t]*Q(?:[ \t]*:|[ \t]{2,}|\t)", line):
            continue  # a wrapped line that happens to start with "Q " is no question
        if style == "q" and re.match(r"[ \t]*Q [a-z]", line):
            continue  # "Q and A sessions …": a sentence, not a question label
        if style == "caps" and not (label.upper() == label and _is_caps_label(label)):
            continue
        if style == "name" and (label.upper() == label or not paragraph_start):
            continue
        return _Candidate(
            style, label, offset + m.start("label"), offset + m.end("label"), offset + m.end(), paragraph_start
        )
    return None


def _accepted(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the candidates that are labels in this document's style: capitals win over `Name:` lines, which
    count only when they repeat or name a role ("Interviewer:"), so "Note:" or a headline colon never does."""
    caps = [c for c in cands if c.style == "caps"]
    names = Counter(" ".join(c.label.split()) for c in cands if c.style == "name")
    out: list[_Candidate] = []
    for c in cands:
        if c.style != "name":
            out.append(c)
        elif len(caps) < 2:
            key = " ".join(c.label.split())
            words = fold(key).replace(".", " ").split()
            if fold(key) in _ROLE_WORDS or (names[key] >= 2 and words[0] not in _NOT_LABELS and len(names) >= 2):
                out.append(c)
    return out


def find_turns(text: str) -> list[Turn]:
    """The speaker turns of a transcript, in order; text before the first label (the header) is no turn."""
    cands: list[_Candidate] = []
    ends: list[int] = []
    for offset, line, paragraph_start in _lines(text):
        if _END_LINE.match(line):
            ends.append(offset)
            continue
        cand = _candidate(line, offset, paragraph_start)
        if cand:
            cands.append(cand)
    labels = _accepted(cands)
    # A turn ends where the next label line (or an END line) begins.
    starts = sorted([(c.label_start, c) for c in labels] + [(e, None) for e in ends], key=lambda x: x[0])
    turns: list[Turn] = []
    for i, (_, c) in enumerate(starts):
        if c is None:
            continue
        limit = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        # the label line's own start: back up over leading whitespace/markup on that line
        limit = text.rfind("\n", 0, limit) + 1 if i + 1 < len(starts) else limit
        start = c.text_start
        end = len(text[:limit].rstrip())
        end = max(end, start)
        kind: TurnKind = "question" if c.style == "q" else "answer" if c.style == "a" else "speaker"
        turns.append(Turn(len(turns), c.label, c.label_start, c.label_end, start, end, kind))
    return turns


def detect_transcript(doc: Document) -> bool:
    """True when the text reads as speaker turns (labels cover most of it), not an article with a colon."""
    if doc.kind == "transcript":
        return True
    turns = find_turns(doc.text)
    if len(turns) == 1:  # a speech: one person-like label ("THE VICE PRESIDENT:") carrying the whole text
        t = turns[0]
        share = (t.end - t.label_start) / (len(doc.text.strip()) or 1)
        return _person_like(t) and share >= 0.8
    if len(turns) < 2:
        return False
    counts = Counter(" ".join(fold(t.label).split()) for t in turns)
    if len(counts) < 2 or any(label in _NOT_SPEAKERS for label in counts):
        return False
    covered = sum(t.end - t.label_start for t in turns)
    if covered / (len(doc.text.strip()) or 1) < 0.5:
        return False
    # Speakers come back; the capitalised headings of a fact sheet ("PUTTING AMERICA FIRST:") each appear once.
    repeated = sum(n for n in counts.values() if n >= 2) / len(turns)
    # Labels that name people by office or honorific ("PRIME MINISTER KISHIDA", "MS. PSAKI") need no repeats.
    people = sum(t.kind != "speaker" or _person_like(t) for t in turns) / len(turns)
    return (len(turns) >= 3 and repeated >= 0.5) or (len(turns) >= 2 and (_titled(doc) or people >= 0.8))


def _person_like(turn: Turn) -> bool:
    """A label that names someone by office or honorific ("THE VICE PRESIDENT", "MS. PSAKI")."""
    return bool(set(label_parts(turn.label)[0]) - {"THE"})


def _titled(doc: Document) -> bool:
    return bool(re.search(r"transcript|interview|briefing|gaggle|press call|hearing|remarks|q ?& ?a", doc.title, re.I))


def stage_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stage directions between start and end: whole bracketed lines, and known inline ones."""
    spans = [(m.start(), m.end()) for m in _STAGE.finditer(text, start, end)]
    pos = start
    while True:
        m = _STAGE_PARAGRAPH.search(text, pos, end)
        if not m:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[max(line_start, start) : m.start()].strip():
            spans.append((m.start(), m.end()))
        pos = m.end()
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _pieces(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The turn's text without its stage directions, as (start, end) runs."""
    runs: list[tuple[int, int]] = []
    pos = start
    for s, e in [*spans, (end, end)]:
        if s > pos:
            runs.append(_trim(text, pos, s))
        pos = max(pos, e)
    return [(s, e) for s, e in runs if any(ch.isalnum() for ch in text[s:e])]


def _split(text: str, s: int, e: int, limit: int = MAX_STATEMENT_CHARS) -> list[tuple[int, int]]:
    """Cut a run into statements of at most `limit` characters at paragraph, then sentence, boundaries."""
    if e - s <= limit:
        return [(s, e)]
    for boundary in (_PARAGRAPH_BREAK, _SENTENCE_END):
        cuts = [m for m in boundary.finditer(text, s, e)]
        if not cuts:
            continue
        parts: list[tuple[int, int]] = []
        pos = s
        for m in cuts:
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, e))
        out: list[tuple[int, int]] = []
        for ps, pe in parts:  # pack neighbours while they fit
            if out and pe - out[-1][0] <= limit:
                out[-1] = (out[-1][0], pe)
            else:
                out.append((ps, pe))
        return [p for o in out for p in _split(text, *_trim(text, *o), limit)]
    # one endless sentence: cut at the last space before the limit
    cut = text.rfind(" ", s, s + limit)
    cut = cut if cut > s else s + limit
    return [_trim(text, s, cut), *_split(text, *_trim(text, cut, e), limit)]


def _header(text: str, turns: Sequence[Turn]) -> str:
    return text[: turns[0].label_start][:1500] if turns else text[:1500]


def transcript_statements(doc: Document, registry: Sequence[Speaker] = ()) -> list[Statement]:
    """One statement per turn (long turns: several, same speaker and turn_index); questions are kept as
    type "question" with no speaker; quotations inside a turn go to the quoted person."""
    from index.turn_quotes import quotes_in_turn

    text = doc.text
    resolver, people = _turn_people(doc, registry)
    out: list[Statement] = []
    for turn, person in people:
        is_q = turn.kind == "question"
        for rs, re_ in _pieces(text, turn.start, turn.end, stage_spans(text, turn.start, turn.end)):
            for s, e in _split(text, rs, re_):
                out.append(
                    Statement(
                        doc_id=doc.doc_id,
                        quote=text[s:e],
                        start=s,
                        end=e,
                        type="question" if is_q else "turn",
                        speaker="" if is_q else person.name,
                        speaker_mention=turn.label,
                        speaker_start=turn.label_start,
                        speaker_end=turn.label_end,
                        role="" if is_q else person.role,
                        turn_index=turn.index,
                        title=doc.title,
                        date=doc.date,
                        source=doc.source,
                        url=doc.url,
                    )
                )
                if not is_q:
                    out.extend(quotes_in_turn(doc, s, e, turn.index, person.name or turn.label, resolver))
    return out


def batch_transcript_statements(docs: Sequence[Document], registry: Sequence[Speaker] = ()) -> list[list[Statement]]:
    """transcript_statements for a batch, whose headers also resolve each other's labels ("MR. ZIENTS" in a
    briefing whose title names no one, by the title of another); one list per doc."""
    labels = {d.doc_id: [t.label for t in find_turns(d.text)] for d in docs}
    shared = [*registry, *corpus_registry(docs, labels)]
    return [transcript_statements(d, shared) for d in docs]


def turn_people(doc: Document, registry: Sequence[Speaker] = ()) -> list[tuple[Turn, Person]]:
    """Every turn with the person its label resolves to (questions: no one)."""
    return _turn_people(doc, registry)[1]


def _turn_people(doc: Document, registry: Sequence[Speaker]) -> tuple[LabelResolver, list[tuple[Turn, Person]]]:
    turns = find_turns(doc.text)
    resolver = LabelResolver(doc, registry, _header(doc.text, turns))
    answerer = _answerer(resolver, turns)
    return resolver, [(t, _person(resolver, t, answerer)) for t in turns]


def _person(resolver: LabelResolver, turn: Turn, answerer: Person | None) -> Person:
    if turn.kind == "question":
        return Person("", "Reporter", "role")
    if turn.kind == "answer":
        return answerer or Person("", "", "role")
    return resolver.resolve(turn.label)


def _answerer(resolver: LabelResolver, turns: Sequence[Turn]) -> Person | None:
    """In a Q/A interview, "A" is the one person the header names, when it names exactly one."""
    if not any(t.kind == "answer" for t in turns):
        return None
    names = re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", resolver.header)
    people = {n for n in names if n.split()[0].upper() not in {"THE", "PRESS", "WHITE", "AN", "INTERVIEW"}}
    if len(people) == 1:
        return Person(people.pop(), "", "header")
    return None
