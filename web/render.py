"""Pure HTML and Markdown rendering of answers, sources, speakers and ingest results.

Every piece of document text, title, source and speaker name goes through `esc` before it is placed in
markup: document text is untrusted. Beyond `html.escape`, `esc` turns the characters that Markdown
(Gradio's chatbot renders it) and Gradio's HTML templates (`${...}`, `{{...}}`) would interpret into
numeric entities, so a document can neither inject markup nor forge links or citation markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from rag.records import Answer, Citation, FileResult, IngestReport, Speaker

MARKER = re.compile(r"\[(\d{1,3})\]")
_NEUTRALISE: dict[str, str | int | None] = {c: f"&#{ord(c)};" for c in "[]()*_`~|\\${}#!<>"}
_NEUTRALISE["<"] = "&lt;"
_NEUTRALISE[">"] = "&gt;"
_ESC_TABLE = str.maketrans(_NEUTRALISE | {"&": "&amp;", '"': "&quot;", "'": "&#x27;"})
COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")


def esc(text: object) -> str:
    """Text safe to place inside HTML elements, attributes and Markdown: nothing in it is interpreted."""
    return str(text).translate(_ESC_TABLE)


def safe_url(url: str) -> str:
    """The URL when it is http(s), else "" (a document's `javascript:` link must never become a link)."""
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return ""
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else ""


def safe_color(value: str, default: str = "#1f6feb") -> str:
    """A CSS colour from a widget attribute: #hex or a plain colour name, else the default."""
    return value if COLOR.match(value or "") else default


def split_markers(text: str) -> list[str | int]:
    """'A said x [1].' -> ['A said x ', 1, '.']: text pieces and citation numbers, in order."""
    parts: list[str | int] = []
    pos = 0
    for m in MARKER.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        parts.append(int(m.group(1)))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def marker_html(turn: int, n: int) -> str:
    """A focusable [n] link that opens source n of answer `turn` (ui.js handles the click)."""
    return (
        f'<a class="ws-cite" href="#ws-src-{turn}-{n}" data-ws-turn="{turn}" data-ws-n="{n}" '
        f'title="Open source {n}">&#91;{n}&#93;</a>'
    )


def text_html(text: str) -> str:
    """Escaped text with line breaks kept."""
    return "<br>".join(esc(line) for line in text.split("\n"))


def answer_text_html(answer: Answer, turn: int) -> str:
    """The answer text, escaped, with each [n] that points at a citation turned into a marker link."""
    known = {c.n for c in answer.citations}
    out = []
    for part in split_markers(answer.text):
        if isinstance(part, int):
            out.append(marker_html(turn, part) if part in known else f"&#91;{part}&#93;")
        else:
            out.append(text_html(part))
    return "".join(out)


def quote_span(c: Citation) -> tuple[int, int] | None:
    """Where the quote stands inside the citation's passage (relative offsets), if it is there."""
    qs, qe = c.start - c.passage_start, c.end - c.passage_start
    if 0 <= qs <= qe <= len(c.passage) and c.passage[qs:qe] == c.quote:
        return qs, qe
    i = c.passage.find(c.quote) if c.quote else -1
    return (i, i + len(c.quote)) if i >= 0 else None


def passage_html(c: Citation) -> str:
    """The cited passage with the quoted words highlighted in <mark>."""
    span = quote_span(c)
    if span is None:
        return f'<blockquote class="ws-quote"><mark>{text_html(c.quote)}</mark></blockquote>'
    qs, qe = span
    return (
        f'<div class="ws-passage">{text_html(c.passage[:qs])}<mark>{text_html(c.passage[qs:qe])}</mark>'
        f"{text_html(c.passage[qe:])}</div>"
    )


def meta_html(c: Citation) -> str:
    """Title, source, date, speaker and link of a citation (a link only for http(s) URLs)."""
    rows = [
        ("Speaker", c.speaker + (f" ({c.role})" if c.role else "") if c.speaker else "unattributed"),
        ("Title", c.title),
        ("Source", c.source),
        ("Date", c.date),
        ("Document", f"{c.doc_id} · characters {c.start}–{c.end}"),
    ]
    if c.also_reported_by:
        rows.append(("Also reported by", ", ".join(c.also_reported_by)))
    items = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in rows if v)
    url = safe_url(c.url)
    if url:
        items += f'<dt>Link</dt><dd><a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(url)}</a></dd>'
    elif c.url:
        items += f"<dt>Link</dt><dd>{esc(c.url)}</dd>"
    return f'<dl class="ws-meta">{items}</dl>'


def citation_html(c: Citation, turn: int, prefix: str = "ws-src", open_: bool = False) -> str:
    """One numbered source, expandable to its highlighted passage."""
    who = esc(c.speaker) if c.speaker else "unattributed"
    label = esc(c.title or c.source or c.doc_id)
    return (
        f'<details class="ws-source" id="{prefix}-{turn}-{c.n}" data-ws-src="{turn}-{c.n}"{" open" if open_ else ""}>'
        f'<summary><span class="ws-n">&#91;{c.n}&#93;</span> <strong>{who}</strong> — {label}</summary>'
        f"{passage_html(c)}{meta_html(c)}</details>"
    )


def sources_list_html(answer: Answer, turn: int, prefix: str = "ws-src") -> str:
    """The numbered sources of one answer, each collapsed."""
    if not answer.citations:
        return ""
    items = "".join(citation_html(c, turn, prefix) for c in answer.citations)
    return f'<div class="ws-sources" data-ws-turn="{turn}">{items}</div>'


def chat_message_html(answer: Answer, turn: int) -> str:
    """What the chatbot shows for a finished answer: the text with markers, then its numbered sources."""
    body = f'<div class="ws-answer">{answer_text_html(answer, turn)}</div>'
    return body + sources_list_html(answer, turn)


def panel_html(answer: Answer | None, turn: int = 0) -> str:
    """The side panel: the sources of the current answer (ids prefixed so they differ from the chat's)."""
    if answer is None:
        return '<div class="ws-panel ws-empty">Sources of the current answer appear here.</div>'
    if not answer.citations:
        return '<div class="ws-panel ws-empty">This answer has no sources.</div>'
    head = f'<p class="ws-panel-q">Sources for: <em>{esc(answer.question)}</em></p>'
    return f'<div class="ws-panel">{head}{sources_list_html(answer, turn, prefix="ws-panel")}</div>'


def answer_markdown(answer: Answer) -> str:
    """The answer with its citations as Markdown, for copy and export (plain text, not HTML)."""
    lines = [f"**Question:** {answer.question}", "", answer.text, ""]
    if answer.citations:
        lines.append("**Sources**")
        lines.append("")
    for c in answer.citations:
        who = c.speaker + (f" ({c.role})" if c.role else "") if c.speaker else "unattributed"
        meta = ", ".join(x for x in (c.title, c.source, c.date) if x) or c.doc_id
        url = f" <{safe_url(c.url)}>" if safe_url(c.url) else ""
        lines.append(f"{c.n}. {who}: “{c.quote}” — {meta}{url} ({c.doc_id}, characters {c.start}–{c.end})")
    return "\n".join(lines).rstrip() + "\n"


def speakers_html(speakers: Sequence[Speaker]) -> str:
    """The speaker directory as an escaped HTML table."""
    if not speakers:
        return '<p class="ws-empty">No speakers yet: ingest some documents first.</p>'
    rows = "".join(
        "<tr>"
        f"<td>{esc(s.name)}</td><td>{esc(s.role)}</td><td>{esc(', '.join(s.aliases))}</td>"
        f'<td class="ws-num">{s.statements}</td>'
        f"<td>{'“' + esc(s.latest_quote) + '”' if s.latest_quote else ''}"
        f"{' <span class=ws-date>' + esc(s.latest_date) + '</span>' if s.latest_date else ''}</td>"
        "</tr>"
        for s in speakers
    )
    return (
        '<table class="ws-speakers"><thead><tr><th>Name</th><th>Role</th><th>Aliases</th>'
        f"<th>Statements</th><th>Latest statement</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def file_results_html(files: Iterable[FileResult], report: IngestReport | None = None) -> str:
    """Per-file ingest results as an escaped table, with the run's summary line."""
    rows = "".join(
        f'<tr class="ws-{esc(f.status)}"><td>{esc(f.path or f.doc_id)}</td><td>{esc(f.status)}</td>'
        f'<td class="ws-num">{f.statements}</td><td class="ws-num">{f.passages}</td><td>{esc(f.reason)}</td></tr>'
        for f in files
    )
    summary = f"<p>{esc(report.summary())}</p>" if report else ""
    return (
        f'{summary}<table class="ws-files"><thead><tr><th>File</th><th>Result</th><th>Statements</th>'
        f"<th>Passages</th><th>Note</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def notice_html(message: str, kind: str = "info") -> str:
    """A boxed message (empty index, errors) with escaped text."""
    return f'<div class="ws-notice ws-{esc(kind)}">{text_html(message)}</div>'
