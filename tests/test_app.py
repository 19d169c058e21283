"""The chat UI without a browser: rendering (escaping first), the handlers as plain functions, the built app."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from rag.errors import EmptyIndexError
from rag.records import Answer, Citation, FileResult, IngestReport, Speaker
from rag.settings import Settings
from rag.store import Store
from tests.web_corpus import XSS_IMG, XSS_SCRIPT, FakeAssistant, RegexExtractor, populate
from web import render
from web.state import Conversations, WebContext, make_filters
from web.ui import Handlers, example_questions

HOSTILE = [XSS_SCRIPT, XSS_IMG, '"><svg onload=alert(1)>', "[x](javascript:alert(1))", "${alert(1)}", "{{7*7}}"]


def citation(**kw: object) -> Citation:
    text = "Before. “Quoted words here,” she said. After."
    start = text.index("Quoted")
    base: dict[str, object] = dict(
        n=1, doc_id="d1", quote="Quoted words here,", start=start, end=start + len("Quoted words here,"),
        passage=text, passage_start=0, title="T", source="S", url="https://example.org/x", date="2024-01-02",
        speaker="Ann Lee", role="mayor",
    )  # fmt: skip
    return Citation(**(base | kw))  # type: ignore[arg-type]


class TagAudit(HTMLParser):
    """Collects what a browser would build from an HTML fragment: element names and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def no_live_markup(fragment: str) -> bool:
    """True when nothing in `fragment` can run: no script/img/svg/iframe element, no on* handler, no js: URL."""
    audit = TagAudit()
    audit.feed(fragment)
    audit.close()
    return (
        not {"script", "img", "svg", "iframe", "object", "embed"} & set(audit.tags)
        and not any(k.startswith("on") for k, _ in audit.attrs)
        and not any(v.strip().lower().startswith(("javascript:", "data:")) for _, v in audit.attrs)
    )


# ---------------------------------------------------------------------------------------------- escaping
@pytest.mark.parametrize("hostile", HOSTILE)
def test_esc_leaves_nothing_interpretable(hostile: str) -> None:
    out = render.esc(hostile)
    assert not set(out) & set("<>\"'[]()${}`")
    assert no_live_markup(out)


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("field", ["quote", "title", "source", "speaker", "role", "doc_id"])
def test_every_rendered_field_is_escaped(field: str, hostile: str) -> None:
    text = f"Lead {hostile} tail."
    quoted = {"quote": hostile, "passage": text, "start": 5, "end": 5 + len(hostile)}
    c = citation(**(quoted if field == "quote" else {field: hostile}))
    answer = Answer(f"Q {hostile}", f"{c.speaker} said {hostile} [1]", False, (c,))
    for html in (render.chat_message_html(answer, 0), render.panel_html(answer, 0)):
        assert hostile not in html
        assert render.esc(hostile) in html
        assert no_live_markup(html)


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://example.org/a", True), ("http://x.org", True), ("javascript:alert(1)", False),
     ("data:text/html,hi", False), ("//evil.example", False), ("", False)],
)  # fmt: skip
def test_only_http_urls_become_links(url: str, linked: bool) -> None:
    html = render.meta_html(citation(url=url))
    assert ("<a href=" in html) is linked
    assert render.safe_url(url) == (url if linked else "")


@pytest.mark.parametrize(
    ("text", "parts"),
    [("A said x [1].", ["A said x ", 1, "."]), ("[2][10]", [2, 10]), ("no markers", ["no markers"]), ("", [])],
)
def test_split_markers(text: str, parts: list[object]) -> None:
    assert render.split_markers(text) == parts


def test_markers_link_to_their_sources_and_unknown_markers_stay_text() -> None:
    answer = Answer("q", "Ann said it [1], and [7] is not a source.", False, (citation(),))
    html = render.answer_text_html(answer, turn=3)
    assert 'href="#ws-src-3-1"' in html
    assert "ws-src-3-7" not in html and "&#91;7&#93;" in html


@pytest.mark.parametrize(
    ("passage_start", "passage", "start"),
    [(0, "Before. Quoted words here, after.", 8), (100, "Before. Quoted words here, after.", 108),
     (0, "Quoted words here, only", 999)],  # wrong offsets: found by search
)  # fmt: skip
def test_passage_highlights_exactly_the_quote(passage_start: int, passage: str, start: int) -> None:
    c = citation(passage=passage, passage_start=passage_start, start=start, end=start + 18)
    assert "<mark>Quoted words here,</mark>" in render.passage_html(c)


def test_quote_missing_from_passage_is_still_shown_highlighted() -> None:
    c = citation(passage="Something else entirely.")
    assert "<mark>Quoted words here,</mark>" in render.passage_html(c)


def test_markdown_export_lists_every_citation() -> None:
    c2 = citation(n=2, speaker="", url="javascript:x")
    md = render.answer_markdown(Answer("Who?", "Ann said [1] and [2]", False, (citation(), c2)))
    assert md.startswith("**Question:** Who?")
    assert "1. Ann Lee (mayor): “Quoted words here,” — T, S, 2024-01-02 <https://example.org/x>" in md
    assert "2. unattributed:" in md and "javascript" not in md


def test_speaker_directory_and_file_results_are_escaped() -> None:
    sp = Speaker(name=XSS_IMG, role=XSS_SCRIPT, aliases=(XSS_SCRIPT,), statements=3, latest_quote=XSS_IMG)
    html = render.speakers_html([sp])
    assert no_live_markup(html) and ">3<" in html
    report = IngestReport((FileResult(XSS_IMG, "failed", reason=XSS_SCRIPT),), 0.1)
    assert no_live_markup(render.file_results_html(report.files, report))


# ---------------------------------------------------------------------------------------------- handlers
@pytest.fixture
def ctx(settings: Settings, memory_store: Store) -> WebContext:
    return WebContext.create(settings, FakeAssistant(populate(memory_store)), RegexExtractor())


def run(h: Handlers, question: str, answers: list[Answer] | None = None, **filters: str) -> list[tuple]:
    return list(h.respond(question, [], answers or [], **filters))


def test_respond_streams_then_renders_the_cited_answer(ctx: WebContext) -> None:
    steps = run(Handlers(ctx), "Who said there is no point in giving the enemy a pause to regroup?")
    assert len(steps) > 3  # the question, several deltas, the final answer
    streamed = [s[1][-1]["content"] for s in steps[1:-1]]
    assert all("ws-cite" not in s for s in streamed) and streamed[-1].startswith("Sergei Lavrov said")
    box, chat, answers, panel, markdown = steps[-1]
    assert box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    assert len(answers) == 1 and answers[0].citations[0].speaker == "Sergei Lavrov"
    assert 'href="#ws-src-0-1"' in chat[-1]["content"] and 'data-ws-src="0-1"' in chat[-1]["content"]
    assert "<mark>There is no point in giving the enemy a pause to regroup,</mark>" in panel
    assert "Sergei Lavrov (Russian Foreign Minister)" in markdown


def test_respond_passes_history_and_filters(ctx: WebContext) -> None:
    h = Handlers(ctx)
    first = run(h, "Who said there is no point in giving the enemy a pause?")[-1][2]
    run(h, "What else did he say about the enemy pause?", first, speaker="Sergei Lavrov", since="2024-01-01")
    _, filters, history = ctx.assistant.questions[-1]  # type: ignore[attr-defined]
    assert history == ((first[0].question, first[0].text),)
    assert filters == make_filters("Sergei Lavrov", "", "2024-01-01", "")


def test_hostile_document_renders_inert_in_chat_and_panel(ctx: WebContext) -> None:
    _, chat, answers, panel, _ = run(Handlers(ctx), "Who said harmless hearing words?")[-1]
    assert answers[-1].citations[0].doc_id == "evil/xss.txt"
    for html in (chat[-1]["content"], panel):
        assert no_live_markup(html)
        assert render.esc(XSS_SCRIPT) in html


@pytest.mark.parametrize(("field", "value"), [("since", "yesterday"), ("until", "2024/01/01")])
def test_bad_date_filter_answers_with_a_message(ctx: WebContext, field: str, value: str) -> None:
    _, chat, answers, _, _ = run(Handlers(ctx), "Who said pause?", **{field: value})[-1]
    assert answers == [] and "must be a date like 2024-05-31" in chat[-1]["content"]


def test_empty_index_says_how_to_ingest(settings: Settings, memory_store: Store) -> None:
    h = Handlers(WebContext.create(settings, FakeAssistant(memory_store)))
    _, chat, _, _, _ = run(h, "Who said anything?")[-1]
    assert "whosaid ingest PATH" in chat[-1]["content"]
    assert "whosaid ingest PATH" in h.status()
    assert h.speakers() == [] and "No speakers yet" in h.directory()


def test_blank_question_changes_nothing(ctx: WebContext) -> None:
    assert run(Handlers(ctx), "   ") == [("", [], [], render.panel_html(None), "")]


def test_select_shows_that_answers_sources(ctx: WebContext) -> None:
    h = Handlers(ctx)
    answers = run(h, "Who said there is no point in giving the enemy a pause?")[-1][2]
    answers = run(h, "Who said they will not be intimidated by the strike?", answers)[-1][2]
    panel, md = h.select_answer(answers, 1)  # the first assistant message
    assert "Sergei Lavrov" in panel and "Marta Selin" not in panel and "Sergei Lavrov" in md
    assert h.select_answer(answers, 99) == (render.panel_html(None), "")


def test_export_writes_markdown_file(ctx: WebContext) -> None:
    h = Handlers(ctx)
    path = h.export("**Question:** q\n")
    assert path and Path(path).read_text() == "**Question:** q\n"
    assert h.export("  ") is None


def test_directory_and_filter_choices(ctx: WebContext) -> None:
    h = Handlers(ctx)
    names, sources = h.filter_choices()
    assert "Sergei Lavrov" in names and sources == sorted(["Daily Wire", "Port Gazette", XSS_IMG])
    assert "Marta Selin" in h.directory() and h.status() == ""


def test_example_questions_come_from_the_corpus() -> None:
    speakers = [Speaker("Ann Lee", latest_quote="We will build the bridge next year, she said."), Speaker("Bo")]
    assert example_questions(speakers) == [
        "What did Ann Lee say?", "What did Bo say?", "Who said “We will build the bridge next year”?",
    ]  # fmt: skip
    cy = Speaker("Cy", latest_quote="There is no point in giving the enemy a pause to regroup")
    assert example_questions([cy]) == ["What did Cy say?", "Who said “There is no point in giving the enemy”?"]
    trimmed = example_questions([Speaker("Di", latest_quote="It was time for the people to decide")])
    assert trimmed[-1] == "Who said “It was time for the people to decide”?"
    assert (
        example_questions([Speaker("Di", latest_quote="Now is the time for the")])[-1] == "Who said “Now is the time”?"
    )
    assert example_questions([])  # falls back to generic examples


# ---------------------------------------------------------------------------------------------- upload
@pytest.mark.parametrize(
    ("host", "admin", "token", "allowed"),
    [("127.0.0.1", "", "", True), ("0.0.0.0", "", "", False), ("0.0.0.0", "s3", "s3", True),
     ("127.0.0.1", "s3", "", False), ("127.0.0.1", "s3", "wrong", False)],
)  # fmt: skip
def test_upload_permission(
    isolated_data_dir: Path, memory_store: Store, host: str, admin: str, token: str, allowed: bool
) -> None:
    s = Settings(data_dir=isolated_data_dir, host=host, admin_token=admin)
    h = Handlers(WebContext.create(s, FakeAssistant(memory_store)))
    assert (h.upload_allowed(token) == "") is allowed


def test_upload_ingests_each_file_under_its_name_with_progress(ctx: WebContext, tmp_path: Path) -> None:
    good = tmp_path / "up" / "new-article.txt"
    good.parent.mkdir()
    good.write_text("The mayor spoke. “Bridges matter,” said Ann Lee.", encoding="utf-8")
    empty = tmp_path / "up" / "empty.txt"
    empty.write_text("")
    seen: list[tuple[float, str]] = []
    html = Handlers(ctx).ingest([str(good), str(empty)], "", lambda f, desc="": seen.append((f, desc)))
    assert "new-article.txt" in html and "empty.txt" in html and "failed" in html
    assert str(tmp_path) not in html  # the temporary path never shows
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0 and len(seen) == 3
    doc = ctx.assistant.store.get_document("new-article.txt")
    assert doc is not None and "Bridges matter" in doc.text
    assert [s.quote for s in ctx.assistant.store.statements()].count("Bridges matter,") == 1


def test_upload_without_files_or_permission(ctx: WebContext, isolated_data_dir: Path, memory_store: Store) -> None:
    assert "Choose one or more files" in Handlers(ctx).ingest([], "")
    public = WebContext.create(Settings(data_dir=isolated_data_dir, host="0.0.0.0"), FakeAssistant(memory_store))
    assert "disabled on a public server" in Handlers(public).ingest(["x.txt"], "")


# ---------------------------------------------------------------------------------------------- state
def test_conversations_are_a_bounded_lru() -> None:
    conv = Conversations(max_conversations=2, max_turns=2)
    for i in range(3):
        conv.add("a" * 8, f"q{i}", f"a{i}")
    assert conv.history("a" * 8) == [("q1", "a1"), ("q2", "a2")]
    conv.add("b" * 8, "q", "a")
    conv.history("a" * 8)  # touch a: b is now the oldest
    conv.add("c" * 8, "q", "a")
    assert conv.history("b" * 8) == [] and conv.history("a" * 8) and len(conv) == 2
    assert Conversations.valid_id(Conversations.new_id()) and not Conversations.valid_id("../x")


def test_build_app_mounts_ui_api_and_widget(settings: Settings, memory_store: Store) -> None:
    from fastapi.testclient import TestClient

    import app

    client = TestClient(app.build_app(settings, FakeAssistant(populate(memory_store))))
    page = client.get("/")
    assert page.status_code == 200 and "gradio" in page.text.lower() and "/web/ui.js" in page.text
    assert client.get("/web/ui.js").status_code == 200
    assert client.get("/widget.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/api/ask", "/api/ask/stream", "/api/speakers"}


def test_empty_index_error_message_is_the_ui_notice() -> None:
    assert "whosaid ingest PATH" in str(EmptyIndexError())
