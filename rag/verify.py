"""The verifier: quotes must be verbatim in the cited source, markers must point to sources, speakers must match."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.answer import Draft, Source
from rag.records import Answer, Chunk, Citation, Document, Speaker, Statement
from rag.understand import canonical_names, find_speakers, speaker_variants

log = logging.getLogger(__name__)

MARKERS = re.compile(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+")
NUMBER = re.compile(r"\d+")
# a curly quote may hold inner curly quotes: it ends at the closing mark that a marker follows, or the last one
CURLY = re.compile(r"“((?:(?!\[\d).)+?)”(?=\s*\[\d)|“([^“”]+)”")
STRAIGHT = re.compile(r'"([^"\n]+)"')
CONTEXT = 400  # most characters of passage shown on each side of a quote


@dataclass(frozen=True)
class Problem:
    """One rejected part of a draft: which line and why."""

    line: int
    reason: str


def _ws(text: str) -> str:
    return " ".join(text.split())


def quotes_in(text: str) -> list[str]:
    """Quoted strings of a piece of answer text (curly or straight double quotes)."""
    return [m.group(1) or m.group(2) for m in CURLY.finditer(text)] + [m.group(1) for m in STRAIGHT.finditer(text)]


def source_ok(src: Source, doc: Document | None) -> bool:
    """The source's words stand in the document at its offsets (and match the statement it came from)."""
    if doc is None or doc.text[src.start : src.end] != src.quote:
        return False
    item = src.hit.item
    return item.quote == src.quote if isinstance(item, Statement) else item.start <= src.start <= src.end <= item.end


def same_speaker(named: str, speaker: str, names: Mapping[str, str]) -> bool:
    """Whether a registry name in the answer and a statement's speaker are one person (merged names included)."""
    if not speaker:
        return False
    canonical = names.get(speaker, speaker)
    variants = dict(names)
    return (
        canonical == named
        or speaker in speaker_variants(named, variants)
        or named in speaker_variants(canonical, variants)
    )


def check_line(
    line: str, sources: Mapping[int, Source], registry: Sequence[Speaker], context_speakers: set[str],
    names: Mapping[str, str] | None = None,
) -> list[str]:  # fmt: skip
    """Why a line of answer text fails (empty = it passes). Each marker group checks the text before it."""
    names = canonical_names(registry) if names is None else names
    reasons: list[str] = []
    pos = 0
    for m in MARKERS.finditer(line):
        segment = line[pos : m.end()]  # with its marker: a quote ends at the closing mark that a marker follows
        pos = m.end()
        cited = [int(n) for n in NUMBER.findall(m.group())]
        missing = [n for n in cited if n not in sources]
        if missing:
            reasons.append(f"marker [{missing[0]}] points to no retrieved source")
            continue
        for q in quotes_in(segment):
            if not any(_ws(q) in _ws(sources[n].quote) for n in cited):
                reasons.append(f"quote “{q[:60]}” is not verbatim in source [{cited[0]}]")
        outside = STRAIGHT.sub(" ", CURLY.sub(" ", segment))  # names inside a quote attribute nothing
        named = {sp.name for sp, _, _ in find_speakers(outside, registry, fuzzy=False)} or context_speakers
        for n in cited:
            item = sources[n].hit.item
            if not named:
                continue
            if isinstance(item, Statement) and not any(same_speaker(x, item.speaker, names) for x in named):
                who = names.get(item.speaker, item.speaker) or "no named speaker"
                reasons.append(f"[{n}] is a statement of {who}, not {', '.join(sorted(named))}")
            if isinstance(item, Chunk) and not any(same_speaker(x, s, names) for x in named for s in item.speakers):
                reasons.append(f"[{n}] is not a statement of {', '.join(named)}")
    if quotes_in(line[pos:]):
        reasons.append("a quote without a [n] marker")
    return reasons


def verify(
    draft: Draft, docs: Mapping[str, Document], registry: Sequence[Speaker], copies: Mapping[str, Sequence[str]]
) -> tuple[Answer, list[Problem]]:
    """Drop what fails, renumber the markers that remain, and build the citations (quote == text[start:end])."""
    q = draft.retrieved.query
    problems: list[Problem] = []
    sources = {s.n: s for s in draft.sources if source_ok(s, docs.get(s.hit.doc_id))}
    for s in draft.sources:
        if s.n not in sources:
            problems.append(Problem(-1, f"source [{s.n}] does not match its document text"))
    kept: list[str] = []
    heading: set[str] = set()
    names = canonical_names(registry)
    for i, line in enumerate(draft.text.split("\n")):
        if line.rstrip().endswith(":"):  # "Sergei Lavrov said:" attributes the bullet lines under it
            said = line.rstrip().endswith(("said:", "(quoted):"))
            heading = {sp.name for sp, _, _ in find_speakers(line, registry, fuzzy=False)} if said else set()
        reasons = check_line(line, sources, registry, heading if line.lstrip().startswith("-") else set(), names)
        if reasons:
            problems.extend(Problem(i, r) for r in reasons)
        else:
            kept.append(line)
    if draft.abstained:
        return Answer(q.question, draft.text, True, filters=q.filters, notes=draft.notes), problems
    order: dict[int, int] = {}
    for line in kept:
        for m in MARKERS.finditer(line):
            for n in NUMBER.findall(m.group()):
                order.setdefault(int(n), len(order) + 1)
    if not order:
        note = "Nothing in the draft answer could be verified against the sources."
        return Answer(q.question, note, True, filters=q.filters, notes=(*draft.notes, note)), problems
    text = "\n".join(_drop_empty_headings(kept))
    text = MARKERS.sub(lambda m: _renumber(m.group(), order), text)
    citations = tuple(
        citation(order[n], sources[n], docs[sources[n].hit.doc_id], copies)
        for n in sorted(order, key=order.get)  # type: ignore[arg-type]
    )
    notes = (*draft.notes, *(f"removed: {p.reason}" for p in problems))
    return Answer(q.question, text, False, citations, q.filters, notes), problems


def _renumber(group: str, order: Mapping[int, int]) -> str:
    return NUMBER.sub(lambda m: str(order[int(m.group())]), group)


def _drop_empty_headings(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.rstrip().endswith(":") and not nxt.lstrip().startswith("-"):
            continue
        out.append(line)
    return out


def passage_around(doc: Document, start: int, end: int) -> tuple[str, int]:
    """The paragraph holding text[start:end] (at most CONTEXT characters each side) and where it starts."""
    lo = max(doc.text.rfind("\n\n", max(0, start - CONTEXT), start), max(0, start - CONTEXT))
    hi = doc.text.find("\n\n", end, end + CONTEXT)
    hi = hi if hi != -1 else min(len(doc.text), end + CONTEXT)
    while lo < start and doc.text[lo].isspace():
        lo += 1
    return doc.text[lo:hi], lo


def citation(n: int, src: Source, doc: Document, copies: Mapping[str, Sequence[str]]) -> Citation:
    """A numbered citation: the verified quote, the passage around it, the metadata and syndicated copies."""
    passage, passage_start = passage_around(doc, src.start, src.end)
    item = src.hit.item
    also = tuple(dict.fromkeys([*src.also, *copies.get(doc.doc_id, ())]))
    return Citation(
        n=n, doc_id=doc.doc_id, quote=doc.text[src.start : src.end], start=src.start, end=src.end,
        passage=passage, passage_start=passage_start, title=doc.title, source=doc.source, url=doc.url,
        date=doc.date, speaker=src.speaker, role=item.role if isinstance(item, Statement) else "",
        type=item.type if isinstance(item, Statement) else "passage", also_reported_by=also,
    )  # fmt: skip
