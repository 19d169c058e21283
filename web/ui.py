"""The Gradio chat UI. `Handlers` holds the event functions as plain methods (tested without a browser);
`build_ui` wires them into Blocks without launching anything. Gradio is imported inside the functions.
"""

from __future__ import annotations

import hmac
import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.errors import EmptyIndexError, WhosaidError
from rag.records import Answer, FileResult, Speaker
from web.render import (
    answer_markdown,
    chat_message_html,
    file_results_html,
    notice_html,
    panel_html,
    speakers_html,
    text_html,
)
from web.state import WebContext, make_filters
from web.uploads import ingest_paths_as, safe_name

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger(__name__)

Message = dict[str, str]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
STRIP = ".,;:“”\"' "
FALLBACK_EXAMPLES = ["Who said there is no point in giving the enemy a pause?", "What did the minister say?"]


FUNCTION_WORDS = {"a", "an", "the", "of", "to", "in", "on", "by", "for", "with", "and", "or", "but", "that", "at"}


def trim_words(words: Sequence[str]) -> list[str]:
    """Words up to the first clause end, minus trailing function words ('... giving the' -> '... giving')."""
    out: list[str] = []
    for w in words:
        out.append(w)
        if w.endswith((",", ";", ":", ".", "!", "?", "”")):  # a clause ends: the fragment is complete
            break
    while len(out) > 3 and out[-1].lower().strip(STRIP) in FUNCTION_WORDS:
        out.pop()
    return out


def example_questions(speakers: Sequence[Speaker], limit: int = 4) -> list[str]:
    """Questions this corpus can answer: about its most quoted speakers and one of their words."""
    out: list[str] = []
    for sp in speakers[:2]:
        out.append(f"What did {sp.name} say?")
    for sp in speakers[:2]:
        words = sp.latest_quote.split()
        if len(words) >= 4:
            fragment = " ".join(trim_words(words[:8])).strip(STRIP)
            out.append(f"Who said “{fragment}”?")
    return out[:limit] or FALLBACK_EXAMPLES


class Handlers:
    """UI event handlers over a WebContext; each returns the new values of its outputs."""

    def __init__(self, ctx: WebContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ chat
    def respond(
        self,
        question: str,
        chat: list[Message],
        answers: list[Answer],
        speaker: str = "",
        source: str = "",
        since: str = "",
        until: str = "",
    ) -> Iterator[tuple[str, list[Message], list[Answer], str, str]]:
        """Stream one answer: yields (question box, chat, answers, side panel, markdown export)."""
        question = (question or "").strip()
        chat = list(chat or [])
        answers = list(answers or [])
        current_panel = panel_html(answers[-1], len(answers) - 1) if answers else panel_html(None)
        current_md = answer_markdown(answers[-1]) if answers else ""
        if not question:
            yield "", list(chat), list(answers), current_panel, current_md
            return
        chat.append({"role": "user", "content": text_html(question)})
        chat.append({"role": "assistant", "content": "…"})
        yield "", list(chat), list(answers), current_panel, current_md
        turn = len(answers)
        try:
            filters = make_filters(speaker, source, since, until)
            history = [(a.question, a.text) for a in answers]
            streamed = ""
            for item in self.ctx.assistant.stream(question, filters, history):
                if isinstance(item, Answer):
                    answers.append(item)
                    chat[-1] = {"role": "assistant", "content": chat_message_html(item, turn)}
                    yield "", list(chat), list(answers), panel_html(item, turn), answer_markdown(item)
                    return
                streamed += item
                chat[-1] = {"role": "assistant", "content": text_html(streamed)}
                yield "", list(chat), list(answers), current_panel, current_md
        except WhosaidError as e:
            kind = "info" if isinstance(e, EmptyIndexError) else "error"
            chat[-1] = {"role": "assistant", "content": notice_html(str(e), kind)}
            yield "", list(chat), list(answers), current_panel, current_md

    def select_answer(self, answers: list[Answer], index: int) -> tuple[str, str]:
        """Show the sources of the answer in chat message `index` (user and assistant messages alternate)."""
        turn = index // 2
        if not answers or not 0 <= turn < len(answers):
            return panel_html(None), ""
        return panel_html(answers[turn], turn), answer_markdown(answers[turn])

    def export(self, markdown: str) -> str | None:
        """Write the Markdown export to a file for the download button."""
        if not markdown.strip():
            return None
        fd, path = tempfile.mkstemp(prefix="whosaid-answer-", suffix=".md")
        with open(fd, "w", encoding="utf-8") as f:
            f.write(markdown)
        return path

    # ------------------------------------------------------------------ directory, filters, status
    def speakers(self) -> list[Speaker]:
        try:
            return self.ctx.assistant.speakers()
        except EmptyIndexError:
            return []

    def directory(self) -> str:
        return speakers_html(self.speakers())

    def status(self) -> str:
        """The empty-index notice (how to ingest), or "" once something is stored."""
        return notice_html(str(EmptyIndexError()), "info") if self.ctx.is_empty() else ""

    def filter_choices(self) -> tuple[list[str], list[str]]:
        """(speaker names, sources) for the filter autocompletes."""
        return [s.name for s in self.speakers()], self.ctx.sources()

    # ------------------------------------------------------------------ upload
    def upload_allowed(self, token: str) -> str:
        """'' when this upload may proceed, else why not. With no admin token, only a loopback server accepts."""
        admin = self.ctx.settings.admin_token.get_secret_value()
        if admin:
            if hmac.compare_digest((token or "").encode(), admin.encode()):
                return ""
            return "Enter the admin token (WHOSAID_ADMIN_TOKEN) to upload documents."
        if self.ctx.settings.host in LOOPBACK:
            return ""
        return "Uploads are disabled on a public server until WHOSAID_ADMIN_TOKEN is set."

    def ingest(self, files: Sequence[str] | None, token: str = "", progress: Callable[..., Any] | None = None) -> str:
        """Ingest uploaded files; returns the per-file result table (or why nothing happened)."""
        refusal = self.upload_allowed(token)
        if refusal:
            return notice_html(refusal, "error")
        paths = [Path(p) for p in files or []]
        if not paths:
            return notice_html("Choose one or more files first (.txt .md .html .pdf .jsonl).", "info")
        done: list[FileResult] = []

        def on_file(result: FileResult) -> None:
            done.append(result)
            if progress is not None:
                progress(min(len(done) / len(paths), 1.0), desc=f"{result.path}: {result.status}")

        if progress is not None:
            progress(0.0, desc=f"Reading {len(paths)} file(s)")
        try:
            report = ingest_paths_as(
                [(p, safe_name(p.name)) for p in paths],
                self.ctx.settings,
                self.ctx.assistant.store,
                on_file,
                self.ctx.extractor,
            )
        except WhosaidError as e:
            return notice_html(str(e), "error")
        return file_results_html(report.files, report)


def build_ui(ctx: WebContext) -> gr.Blocks:
    """The chat UI as Blocks (not launched): chat + sources panel, filters, export, speakers, upload."""
    import gradio as gr

    h = Handlers(ctx)
    speakers = h.speakers()
    names, sources = [s.name for s in speakers], ctx.sources()
    needs_token = bool(ctx.settings.admin_token.get_secret_value()) or ctx.settings.host not in LOOPBACK

    with gr.Blocks(title="whosaid — who said what", analytics_enabled=False) as demo:
        answers = gr.State([])
        gr.Markdown("# whosaid\nAsk **who said what**. Every quote is checked against its source; click [n] to see it.")
        status = gr.HTML(h.status(), elem_id="ws-status")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"), gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=300):
                    chat = gr.Chatbot(
                        label="Conversation",
                        elem_id="ws-chat",
                        height=520,
                        sanitize_html=True,
                        latex_delimiters=[],
                        feedback_options=None,
                        buttons=["copy"],
                        placeholder="Ask who said what, e.g. “What did the minister say about the ceasefire?”",
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            show_label=False,
                            placeholder="Your question (Enter to ask, / to focus)",
                            elem_id="ws-question",
                            scale=5,
                            max_lines=4,
                            autofocus=True,
                        )
                        ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ws-ask")
                    gr.Examples(example_questions(speakers), inputs=question, label="Examples")
                    with gr.Accordion("Filters", open=False):
                        with gr.Row():
                            speaker = gr.Dropdown(
                                names, value=None, label="Speaker", allow_custom_value=True, filterable=True
                            )
                            source = gr.Dropdown(
                                sources, value=None, label="Source", allow_custom_value=True, filterable=True
                            )
                        with gr.Row():
                            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", max_lines=1)
                            until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", max_lines=1)
                    with gr.Accordion("Copy or export this answer", open=False):
                        markdown = gr.Textbox(
                            label="Answer with citations (Markdown)", lines=8, interactive=False, buttons=["copy"]
                        )
                        download = gr.DownloadButton("Download .md", value=None)
                with gr.Column(scale=2, min_width=280):
                    gr.Markdown("### Sources")
                    panel = gr.HTML(panel_html(None), elem_id="ws-panel")
            with gr.Tab("Speakers", id="speakers"):
                refresh = gr.Button("Refresh", size="sm")
                directory = gr.HTML(speakers_html(speakers), elem_id="ws-directory")
            with gr.Tab("Add documents", id="upload"):
                gr.Markdown("Upload .txt, .md, .html, .pdf or .jsonl files; each file's result is listed below.")
                files = gr.File(
                    file_count="multiple",
                    file_types=[".txt", ".md", ".html", ".htm", ".pdf", ".jsonl"],
                    type="filepath",
                    label="Documents",
                    elem_id="ws-files",
                )
                token = gr.Textbox(label="Admin token", type="password", visible=needs_token)
                ingest = gr.Button("Ingest", variant="primary")
                results = gr.HTML(elem_id="ws-results")

        def refresh_all() -> tuple[Any, Any, str, str]:
            names, sources = h.filter_choices()
            return gr.update(choices=names), gr.update(choices=sources), h.status(), h.directory()

        def run_ingest(paths: list[str] | None, tok: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
            return h.ingest(paths, tok, progress)

        def on_select(state: list[Answer], evt: gr.SelectData) -> tuple[str, str]:
            index = evt.index[0] if isinstance(evt.index, list | tuple) else int(evt.index)
            return h.select_answer(state, int(index))

        # Gradio finds the event-data parameter by its annotation, which is a string under
        # `from __future__ import annotations` and names a module-local import it cannot resolve.
        on_select.__annotations__["evt"] = gr.SelectData

        outputs = [question, chat, answers, panel, markdown]
        inputs = [question, chat, answers, speaker, source, since, until]
        question.submit(h.respond, inputs, outputs)
        ask.click(h.respond, inputs, outputs)
        chat.select(on_select, [answers], [panel, markdown])
        markdown.change(h.export, markdown, download)
        refresh.click(h.directory, None, directory)
        ingest.click(run_ingest, [files, token], results).then(refresh_all, None, [speaker, source, status, directory])
        demo.load(refresh_all, None, [speaker, source, status, directory])
    return demo
