"""Normalise text for matching, keeping an offset map back to the original characters.

Stored text stays verbatim; these functions serve code that must *match* text (quote lookup, dedupe)
and then report offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Curly, low and angle quotes fold to their ASCII forms so '“peace”' matches '"peace"'.
QUOTE_MAP = {
    **dict.fromkeys("“”„‟″〝〞＂«»", '"'),
    **dict.fromkeys("‘’‚‛′`´", "'"),
}
DASH_MAP = dict.fromkeys("‐‑‒–—―−", "-")
BLOCK_BREAK = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")  # a blank line (any whitespace on it) ends a block


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus `origin[i]` = index in the original of normalised character i."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the original span covering the same characters."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str, *, quotes: bool = True, dashes: bool = True, lower: bool = False) -> Normalised:
    """Fold whitespace runs to one space (trimmed at both ends), quotes/dashes to ASCII, NFKC per character."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1  # original index of a whitespace run not yet emitted
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        if quotes and ch in QUOTE_MAP:
            folded = QUOTE_MAP[ch]
        elif dashes and ch in DASH_MAP:
            folded = DASH_MAP[ch]
        elif ch.isascii():
            folded = ch
        else:
            # NFKC may expand one character ("ﬁ" -> "fi", "…" -> "..."): every piece maps to its source.
            folded = unicodedata.normalize("NFKC", ch)
        if lower:
            folded = folded.lower()
        out.extend(folded)
        origin.extend([i] * len(folded))
    return Normalised("".join(out), tuple(origin), len(text))


_FOLD_TABLE = str.maketrans(QUOTE_MAP | DASH_MAP)


def fold(text: str) -> str:
    """A comparison key: quotes/dashes to ASCII, NFKC, lower-cased, whitespace runs to one space (no offset map)."""
    return " ".join(unicodedata.normalize("NFKC", text.translate(_FOLD_TABLE)).lower().split())


def locate(text: str, fragment: str) -> tuple[int, int] | None:
    """Original [start, end) of the first occurrence of `fragment` in `text`, ignoring whitespace and quote style."""
    needle = normalise(fragment, lower=True).text
    if not needle:
        return None
    hay = normalise(text, lower=True)
    pos = hay.text.find(needle)
    if pos < 0:
        return None
    return hay.to_original(pos, pos + len(needle))


def blocks(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph block (separated by blank lines), trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in BLOCK_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [t for t in (trim(text, s, e) for s, e in spans) if t[0] < t[1]]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
