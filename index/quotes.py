"""Quoted spans in raw text, with exact offsets: curly, straight, guillemet and NYT-style quotes.

A quote left open at the end of a paragraph continues when the next paragraph opens a quote again
(the newspaper convention for quotes over several paragraphs); the span then covers them all.
Double marks are read first; single marks (‘…’) only count as quotes of their own when they pair up
on one line outside every double-quoted span, so a stray ‘08 or a headline ‘ cannot swallow the
double quotes that follow it.
"""

from __future__ import annotations

import re

OPENERS = {"“": "”", "«": "»", "``": "''"}
DOUBLE_OPENERS = ("“", '"', "«", "``")
SPACE = re.compile(r"\s*")
# NYT-style pairs come first so `` and '' are not read as single marks; ’’ is a typo'd ”.
# A ’ after closing punctuation, before a space, may be a typo'd ” (“Let’s go.’ Then …).
TOKEN = re.compile(r"\n|``|''|’’|[“”«»\"]|(?<=[.!?,])’(?=\s|$)")
# a ‘ opens only after a non-letter and a ’ closes only before a non-letter, so apostrophes
# (don’t, Clintons’) are not marks; the pair stays on one line
SINGLE = re.compile(r"(?<![A-Za-z0-9])‘[^‘’\n]*(?:’[A-Za-z][^‘’\n]*)*’(?![A-Za-z])")
WORDISH = re.compile(r"[\w(\[$#@…]")


def straight_role(text: str, pos: int) -> str:
    """'open', 'close' or '' (either) for a straight double quote, from the characters around it."""
    before = text[pos - 1 : pos]
    after = text[pos + 1 : pos + 2]
    if (not before or before.isspace() or before in "([{—–-") and after and not after.isspace():
        return "open"
    if before and not before.isspace() and (not after or after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return ""


def typo_closer(text: str, pos: int) -> bool:
    """A “ that can only close: after closing punctuation, or after a word and before a space."""
    before, after = text[pos - 1 : pos], text[pos + 1 : pos + 2]
    return before in {",", ".", "?", "!"} or (before.isalnum() and (not after or after.isspace() or after in ",.;"))


# the first closing mark of a paragraph-opening quote, closed by a comma and followed by a frame
FRAMED_REOPENING = re.compile(r"[^“”\"\n]{2,}?,(?:”|\"|'')[^\S\n]+(?P<frame>[A-Za-z][^.,;:!?\n“”\"]{0,80})")
PRONOUNS = {"he", "she", "they", "i", "we"}
ATTRIBUTED = re.compile(r",(?:”|\"|'')[^\S\n]+[A-Za-z]")  # '“A,” Sexton said.' earlier in the paragraph
NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
TITLES = {"Rep", "Sen", "Gov", "Mrs", "President", "Senator", "Governor", "Representative", "Secretary", "The"}


def framed_reopening(text: str, pos: int, running: tuple[str, int]) -> bool:
    """'“A,” Sexton said. “B.\n\n“C,” Sexton said.': a quote opened after an attributed quote of its paragraph
    ends with that paragraph when the next one reopens with the same marks, closed by a comma and a frame
    of the same speaker: C has a cue of its own. (A quote with no frame yet runs on to the frame that comes;
    a pasted block in straight marks keeps the curly quotes inside it.)"""
    closer, opened = running
    same = {"”": ("“",), '"': ('"',), "''": ("``", "''")}.get(closer, ())
    if not text.startswith(same, pos):
        return False
    if not ATTRIBUTED.search(text, text.rfind("\n", 0, opened) + 1, opened):
        return False
    m = FRAMED_REOPENING.match(text, pos + (2 if closer == "''" else 1))
    if m is None:
        return False
    # the same speaker goes on ('he continued', 'Sexton said' after Sexton's paragraph); another name
    # in the frame ('“C,” Rep. Jim Clyburn added') can close a quote that ran on from the paragraph before
    frame = m.group("frame")
    if frame.split()[0].lower() in PRONOUNS:
        return True
    para = text[text.rfind("\n", 0, len(text[:pos].rstrip())) + 1 : pos]
    return any(re.search(rf"\b{name}\b", para) for name in set(NAME.findall(frame)) - TITLES)


# the rest of a paragraph whose opening straight mark never closes, its first curly mark an opener
EXCERPT_REST = re.compile(r'[^"\n“”]+“[^"\n]*(?:\n|$)')


def excerpt_layout(text: str, pos: int) -> bool:
    """'"Trump tried to laugh it off by interjecting, “Only Rosie O’Donnell.” But Kelly was relentless.': a
    straight mark opening a paragraph of a pasted block, never closed in it, with the quotes inside in
    curly marks, is the block's layout, not a quote; the curly quotes are the quotes. Not the block's
    first paragraph after its introduction ('Dr. Ward stated:'), which opens the block as one quote."""
    line = text.rfind("\n", 0, pos) + 1
    if text[line:pos].strip() or not EXCERPT_REST.match(text, pos + 1):
        return False
    return not text[:line].rstrip().endswith(":")


def reopens(text: str, pos: int, running: tuple[str, int]) -> bool:
    """Does the paragraph at pos continue the quote left open (the newspaper convention for long quotes)?

    Not when a straight quote is followed by a curly one: a straight block pasted into a curly text
    ('"Kevin was snoring.\n\n“Here he is,” she said.') ends with its paragraph, and the curly quote is
    read on its own (with its own frame)."""
    if not text.startswith(DOUBLE_OPENERS, pos):
        return False
    if running[0] == '"' and text.startswith("“", pos):
        return False
    return not framed_reopening(text, pos, running)


def double_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost double-quoted spans (marks included); open quotes continue over paragraphs."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (expected closer, start offset)
    swallow = -1  # offset of a paragraph-opening mark that continues a running quote
    for m in TOKEN.finditer(text):
        mark, pos = m.group(), m.start()
        if mark == "\n":
            if stack:
                nxt = SPACE.match(text, pos).end()  # type: ignore[union-attr]
                before = text[:pos].rstrip()
                if reopens(text, nxt, stack[0]):
                    swallow = nxt
                elif text.count("\n", pos, nxt) > 1 or before.endswith((".", "!", "?", ":")):
                    # the paragraph ends with the quote open and the next one does not reopen it
                    if len(before) - stack[0][1] > 1:
                        spans.append((stack[0][1], len(before)))
                    stack = []
            continue
        if pos == swallow:
            continue
        if mark == '"' and (text[pos + 1 : pos + 2] == "“" or text[pos - 1 : pos] == "”"):
            continue  # '"“…”' / '“…”"': a straight mark wrapped round curly ones by a pasted block
        if mark == "’’":
            if not (stack and stack[-1][0] == "”"):
                continue
            mark = "”"
        if mark == "’":
            if not (stack and stack[-1][0] == "”") or "‘" in text[stack[-1][1] : pos]:
                continue  # an inner quote's closer ('“He said ‘no.’ Then …”') or an apostrophe
            mark = "”"  # '“Let’s go. We can win.’ Schumer was …': a typo'd closer
        if mark == "“" and stack and stack[-1][0] == "”" and typo_closer(text, pos):
            mark = "”"  # '“It's unusual,“ said ...', '“rapists“ and': a typo'd closer
        elif mark == "”" and stack and stack[-1][0] == '"':
            mark = '"'  # mixed marks: '"... ”'
        if mark == "''" and not (stack and stack[-1][0] == "''"):
            stack.append(("''", pos))  # NYT archives open with '' as well as ``
            continue
        if mark == '"':
            if not stack and excerpt_layout(text, pos):
                continue
            if stack and stack[-1][0] in {'"', "”"}:
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, pos + 1))
            elif straight_role(text, pos) != "close":
                stack.append(('"', pos))
            continue  # a closing-looking straight mark with nothing open is a stray
        if mark in OPENERS:
            stack.append((OPENERS[mark], pos))
            continue
        for depth in range(len(stack) - 1, -1, -1):  # a closer pops to its opener; stray closers are ignored
            if stack[depth][0] == mark:
                start = stack[depth][1]
                del stack[depth:]
                if not stack:
                    spans.append((start, m.end()))
                break
    if stack and len(text.rstrip()) - stack[0][1] > 1:
        spans.append((stack[0][1], len(text.rstrip())))
    return spans


# a pull quote: a paragraph in straight quotes whose last line names the speaker
# ('"We will not back down.\nJane Roe, Center for Policy."')
PULL_QUOTE = re.compile(r'(?m)^"([^"\n]{20,})\n([A-Z][^"\n,]{2,60})(?:,[^"\n]{0,80})?\."$')


def pull_quotes(text: str) -> list[tuple[int, int, int, int]]:
    """(quote start, quote end, speaker start, speaker end) of each pull quote; the speaker line is no quote."""
    out = []
    for m in PULL_QUOTE.finditer(text):
        qe = m.end(1) - 1 if text[m.end(1) - 1] == "." else m.end(1)
        out.append((m.start(), qe, m.start(2), m.end(2)))
    return out


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quoted spans (marks included), in text order; open quotes continue over paragraphs."""
    spans = double_quotes(text)
    for qs, qe, _, _ in pull_quotes(text):
        spans = [(qs, qe) if s == qs else (s, e) for s, e in spans]
    doubles = sorted(spans)
    for m in SINGLE.finditer(text):
        s, e = m.span()
        if e - s > 2 and not any(a < e and s < b for a, b in doubles):
            spans.append((s, e))
    return sorted(spans)
