"""Quoted spans in raw text, with exact offsets: curly, straight, guillemet and NYT-style quotes.

A quote left open at the end of a paragraph continues when the next paragraph opens a quote again
(the newspaper convention for quotes over several paragraphs); the span then covers them all.
"""

from __future__ import annotations

import re

OPENERS = {"“": "”", "«": "»", "``": "''", "‘": "’"}
DOUBLE_OPENERS = ("“", '"', "«", "``")
SPACE = re.compile(r"\s*")
# NYT-style pairs come first so `` and '' are not read as single marks; a ‘ opens only after a
# non-letter and a ’ closes only before a non-letter, so apostrophes (don’t, Clintons’) are not marks.
TOKEN = re.compile(r"\n|``|''|[“”«»\"]|(?<![A-Za-z0-9])‘|’(?![A-Za-z])")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quoted spans (marks included), in text order; open quotes continue over paragraphs."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (expected closer, start offset)
    swallow = -1  # offset of a paragraph-opening mark that continues a running quote
    for m in TOKEN.finditer(text):
        mark, pos = m.group(), m.start()
        if mark == "\n":
            stack = [(c, s) for c, s in stack if c != "’"]  # single quotes never span lines
            if stack:
                nxt = SPACE.match(text, pos).end()  # type: ignore[union-attr]
                before = text[:pos].rstrip()
                if text.startswith(DOUBLE_OPENERS, nxt):
                    swallow = nxt
                elif text.count("\n", pos, nxt) > 1 or before.endswith((".", "!", "?", ":")):
                    # the paragraph ends with the quote open and the next one does not reopen it
                    spans.append((stack[0][1], len(before)))
                    stack = []
            continue
        if pos == swallow:
            continue
        if mark == "“" and stack and stack[-1][0] == "”" and text[pos - 1 : pos] in {",", ".", "?", "!"}:
            mark = "”"  # '“It's unusual,“ said ...': a typo'd closer
        elif mark == "”" and stack and stack[-1][0] == '"':
            mark = '"'  # mixed marks: '"... ”'
        if mark == "''" and not (stack and stack[-1][0] == "''"):
            stack.append(("''", pos))  # NYT archives open with '' as well as ``
            continue
        if mark == '"':
            if stack and stack[-1][0] in {'"', "”"}:
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, pos + 1))
            else:
                stack.append(('"', pos))
            continue
        if mark in OPENERS:
            stack.append((OPENERS[mark], pos))
            continue
        for depth in range(len(stack) - 1, -1, -1):  # a closer pops to its opener; stray closers are ignored
            if stack[depth][0] == mark:
                start = stack[depth][1]
                del stack[depth:]
                if not stack:
                    spans.append((start, pos + len(mark)))
                break
    if stack:
        spans.append((stack[0][1], len(text.rstrip())))
    return sorted(spans)
