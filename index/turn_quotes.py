"""Quotations inside a transcript turn ("As the President said, “…”") -> the quoted person's statement,
with the turn's speaker kept as the one who reported it."""

from __future__ import annotations

import re

from index.labels import LabelResolver
from rag.records import Document, Statement

_TITLE = (
    r"(?:President|Vice President|Secretary|Senator|Sen\.|Governor|Gov\.|Leader|Speaker|Dr\.|Mr\.|Ms\.|Mrs\.|"
    r"Ambassador|Chairman|Chairwoman|Chair|Prime Minister|Chancellor|Mayor|Representative|Rep\.|General|Admiral)"
)
_MENTION = (
    r"(?P<mention>[Tt]he (?:Vice )?President|[Tt]he First Lady|" + _TITLE + r" [A-Z][\w’'\-]+|"
    r"[A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][\w’'\-]+)"
)
_TOLD = r"told(?: (?:reporters|us|me|them|him|her|lawmakers|Congress|the \w+))?"
_CUE = r"(?P<cue>said|says|stated|wrote|tweeted|declared|put it|" + _TOLD + r"|has said|has put it|once said)"
_BEFORE = re.compile(_MENTION + r"\s+(?:also |just |once |has |had )?" + _CUE + r"(?:\s+that)?\s*[,:]?\s*$")
_AFTER = re.compile(r"^\s*,?\s*(?:" + _CUE + r"\s+" + _MENTION + r"|" + _MENTION.replace("mention", "m2") + r"\s+"
                    + _CUE.replace("cue", "c2") + r")")  # fmt: skip
_QUOTED = re.compile(r"“(?P<q>[^“”]{15,800})”|\"(?P<q2>[^\"\n]{15,800})\"")
_NOT_NAMES = frozenset({"AS", "AND", "BUT", "SO", "THE", "WHAT", "THAT", "WHEN", "IF", "I", "WE", "HE", "SHE", "THEY"})


def _who(resolver: LabelResolver, mention: str) -> str:
    """The person a mention names: 'the President' by date, 'Secretary Blinken' like a label, or a full name."""
    words = mention.split()
    if words[0].lower() == "the" or re.match(_TITLE + r" ", mention):
        return resolver.resolve(mention.upper()).name
    if words[0].upper() in _NOT_NAMES:
        return ""
    return mention


def quotes_in_turn(
    doc: Document, start: int, end: int, turn_index: int, reporter: str, resolver: LabelResolver
) -> list[Statement]:
    """Direct quotations between start and end whose cue names who said them."""
    text = doc.text
    out: list[Statement] = []
    for m in _QUOTED.finditer(text, start, end):
        group = "q" if m.group("q") is not None else "q2"
        qs, qe = m.start(group), m.end(group)
        if len(text[qs:qe].split()) < 3:
            continue
        sentence_start = max(start, *(text.rfind(p, start, m.start()) + 1 for p in (". ", "? ", "! ", "\n")))
        before = _BEFORE.search(text, sentence_start, m.start())
        after = _AFTER.match(text[m.end() : min(end, m.end() + 80)])
        if before:
            mention, ms, me = before.group("mention"), before.start("mention"), before.end("mention")
            cue, cs, ce = before.group("cue"), before.start("cue"), before.end("cue")
        elif after:
            g_m, g_c = ("mention", "cue") if after.group("mention") else ("m2", "c2")
            mention, ms, me = after.group(g_m), m.end() + after.start(g_m), m.end() + after.end(g_m)
            cue, cs, ce = after.group(g_c), m.end() + after.start(g_c), m.end() + after.end(g_c)
        else:
            continue
        speaker = _who(resolver, mention)
        if not speaker or speaker == reporter:
            continue
        out.append(
            Statement(
                doc_id=doc.doc_id,
                quote=text[qs:qe],
                start=qs,
                end=qe,
                type="direct",
                speaker=speaker,
                speaker_mention=mention,
                speaker_start=ms,
                speaker_end=me,
                cue=cue.strip(),
                cue_start=cs,
                cue_end=ce,
                reported_by=reporter,
                turn_index=turn_index,
                title=doc.title,
                date=doc.date,
                source=doc.source,
                url=doc.url,
            )
        )
    return out
