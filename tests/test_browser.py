"""Headless Chromium against the real server: the chat UI, the widget on a host page from another origin,
framing refused to origins that are not listed, hostile documents inert. Skips without /usr/bin/chromium.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.web_corpus import XSS_IMG, XSS_SCRIPT, RegexExtractor, populate

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LAVROV_Q = "Who said there is no point in giving the enemy a pause to regroup?"
LAVROV_QUOTE = "There is no point in giving the enemy a pause to regroup,"
WAIT_MS = 60_000  # generous: the machine is shared; this bounds a hang, it measures nothing
# A host page whose CSS tries to break everything it can reach: the widget lives in a shadow root and an iframe.
HOSTILE_CSS = (
    "<style>* { color: red !important; font-size: 40px !important; } iframe { display: none !important; }</style>"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """uvicorn in a thread on 127.0.0.1:port."""

    def __init__(self, app: Any, port: int) -> None:
        import uvicorn

        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> AppServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the whosaid server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


class HostSite:
    """A static site on another port (another origin) serving the given pages."""

    def __init__(self, pages: dict[str, str], port: int) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((body or "not found").encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.url = f"http://127.0.0.1:{port}"
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> HostSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def host_pages(app_url: str) -> dict[str, str]:
    snippet = (
        f'<script src="{app_url}/widget.js" data-title="Ask the archive" data-color="#0b7a5a" '
        'data-greeting="Hello! Ask who said what." data-position="bottom-right" async></script>'
    )
    return {
        "/widget.html": f"<!doctype html><title>Host</title>{HOSTILE_CSS}<h1>Gazette</h1>{snippet}",
        "/frame.html": f'<!doctype html><title>Frame</title><iframe id="f" src="{app_url}/embed"></iframe>',
    }


def assistant_for(settings: Settings, store: Store) -> Any:
    """The real rag.chain.Assistant over the store (fake embeddings, records added directly)."""
    from rag.chain import Assistant

    return Assistant(settings, store)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The whosaid server, an allowed host site and a host site whose origin is not listed."""
    import app

    app_port, allowed_port, other_port = free_port(), free_port(), free_port()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"), widget_origins=f"http://127.0.0.1:{allowed_port}", port=app_port
    )
    store = populate(Store(BagOfWordsEmbeddings()))
    web = app.build_app(settings, assistant_for(settings, store), extractor=RegexExtractor())
    with AppServer(web, app_port) as server:
        pages = host_pages(server.url)
        with HostSite(pages, allowed_port) as allowed, HostSite(pages, other_port) as other:
            yield {"app": server.url, "allowed": allowed.url, "other": other.url}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.dialogs = []  # every alert() a hostile document might manage to run
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def ask_in_ui(page: Any, question: str) -> None:
    box = page.locator("#ws-question textarea")
    box.wait_for()
    box.fill(question)
    box.press("Enter")


def test_ask_in_the_ui_and_open_the_highlighted_passage(site: dict[str, str], page: Any, tmp_path: Path) -> None:
    page.goto(site["app"], wait_until="load")
    ask_in_ui(page, LAVROV_Q)
    marker = page.locator("#ws-chat a.ws-cite[href='#ws-src-0-1']")
    marker.wait_for()
    assert not page.locator("#ws-panel-0-1").evaluate("d => d.open")
    marker.click()
    for source in ("#ws-panel-0-1", "#ws-src-0-1"):  # the side panel and the source under the answer
        assert page.locator(source).evaluate("d => d.open")
        assert page.locator(f"{source} mark").inner_text() == LAVROV_QUOTE
    panel = page.locator("#ws-panel").inner_text()
    assert "Sergei Lavrov" in panel and "Daily Wire" in panel and "2024-03-01" in panel
    assert page.locator("#ws-panel-0-1 a[href='https://example.org/ceasefire']").count() == 1
    page.screenshot(path=str(tmp_path / "ui.png"), full_page=True)


def test_keyboard_opens_a_citation(site: dict[str, str], page: Any) -> None:
    page.goto(site["app"], wait_until="load")
    ask_in_ui(page, LAVROV_Q)
    marker = page.locator("#ws-chat a.ws-cite").first
    marker.wait_for()
    marker.focus()
    page.keyboard.press("Enter")
    assert page.locator("#ws-panel-0-1").evaluate("d => d.open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_hostile_document_is_inert_in_the_ui(site: dict[str, str], page: Any) -> None:
    page.goto(site["app"], wait_until="load")
    ask_in_ui(page, "Who said harmless hearing words?")
    marker = page.locator("#ws-chat a.ws-cite[href='#ws-src-0-1']")
    marker.wait_for()
    marker.click()
    assert XSS_SCRIPT in page.locator("#ws-panel-0-1 mark").inner_text()
    assert XSS_IMG in page.locator("#ws-chat").inner_text()
    assert page.locator("#ws-chat img, #ws-panel img, #ws-chat script, #ws-panel script").count() == 0
    assert page.dialogs == []


def test_phone_width_has_no_sideways_scrolling(site: dict[str, str], browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.goto(site["app"], wait_until="load")
    ask_in_ui(pg, LAVROV_Q)
    pg.locator("#ws-chat a.ws-cite").first.wait_for()
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def open_widget(page: Any, url: str) -> Any:
    page.goto(url, wait_until="load")
    page.locator("[data-whosaid-widget] button.launcher").click()
    frame = page.frame_locator("[data-whosaid-widget] iframe")
    frame.locator("#q").wait_for()
    return frame


def ask_in_widget(frame: Any, question: str) -> None:
    frame.locator("#q").fill(question)
    frame.locator("#q").press("Enter")


def test_widget_on_another_origin_asks_and_expands_a_citation(site: dict[str, str], page: Any, tmp_path: Path) -> None:
    frame = open_widget(page, site["allowed"] + "/widget.html")
    assert frame.locator(".msg.bot").first.inner_text() == "Hello! Ask who said what."
    ask_in_widget(frame, LAVROV_Q)
    chip = frame.locator(".chip").first
    chip.wait_for()
    assert chip.inner_text() == "[1] Sergei Lavrov" and chip.get_attribute("aria-expanded") == "false"
    chip.click()
    detail = frame.locator(".detail").first
    assert chip.get_attribute("aria-expanded") == "true"
    assert detail.locator("mark").inner_text() == LAVROV_QUOTE
    assert "Sergei Lavrov (Russian Foreign Minister)" in detail.inner_text()
    assert detail.locator("a").get_attribute("href") == "https://example.org/ceasefire"
    page.screenshot(path=str(tmp_path / "widget.png"))
    # the visitor's conversation survives a reload (localStorage inside the iframe)
    frame = open_widget(page, site["allowed"] + "/widget.html")
    frame.locator(".chip").first.wait_for()
    assert LAVROV_Q in frame.locator("#log").inner_text()


def test_hostile_document_is_inert_in_the_widget(site: dict[str, str], page: Any) -> None:
    frame = open_widget(page, site["allowed"] + "/widget.html")
    frame.locator("#new").click()
    ask_in_widget(frame, "Who said harmless hearing words?")
    chip = frame.locator(".chip").last
    chip.wait_for()
    chip.click()
    assert XSS_SCRIPT in frame.locator(".detail mark").last.inner_text()
    assert frame.locator("#log img, #log script").count() == 0
    assert page.dialogs == []


def test_a_page_from_an_unlisted_origin_cannot_frame_embed(site: dict[str, str], page: Any) -> None:
    page.goto(site["allowed"] + "/frame.html", wait_until="load")
    page.frame_locator("#f").locator("#q").wait_for()  # the listed origin can
    page.goto(site["other"] + "/frame.html", wait_until="load")
    child = page.frames[1]
    assert child.url.startswith("chrome-error://")  # Chromium refused to render the framed page
    assert child.locator("#q").count() == 0


def test_upload_shows_a_result_per_file(site: dict[str, str], page: Any, tmp_path: Path) -> None:
    good = tmp_path / "browser-upload.txt"
    good.write_text("The council met. “Bridges matter to every village,” said Ann Lee.", encoding="utf-8")
    empty = tmp_path / "blank.md"
    empty.write_text("")
    page.goto(site["app"], wait_until="load")
    page.get_by_role("tab", name="Add documents").click()
    page.get_by_role("button", name="Ingest").wait_for()  # the tab's components are mounted
    # A file input set while Gradio is still mounting the tab can be replaced and lose its files:
    # give it the files again if their names have not appeared (this bounds a race, it measures nothing).
    for attempt in range(3):
        page.locator("#ws-files input[type=file]").set_input_files([str(good), str(empty)])
        try:
            page.get_by_text("browser-upload.txt").first.wait_for(timeout=WAIT_MS // 3)
            break
        except Exception:
            if attempt == 2:
                raise
    page.get_by_role("button", name="Ingest").click()
    table = page.locator("#ws-results table")
    table.wait_for()
    rows = table.locator("tbody tr").all_inner_texts()
    assert any("browser-upload.txt" in r and "ingested" in r for r in rows)
    assert any("blank.md" in r and "failed" in r for r in rows)


def test_copy_message_copies_text_and_sources_not_markup(site: dict[str, str], browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site["app"])
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.goto(site["app"], wait_until="load")
    ask_in_ui(pg, LAVROV_Q)
    pg.locator("#ws-chat a.ws-cite").first.wait_for()
    pg.locator('#ws-chat button[aria-label="Copy message"]').last.click()
    pg.wait_for_function("() => document.querySelector('#ws-chat button[title=\"Copied\"]') !== null")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and "Sources:" in copied
    assert f"“{LAVROV_QUOTE}” https://example.org/ceasefire" in copied
    context.close()


def test_widget_closes_with_escape_and_gives_focus_back(site: dict[str, str], page: Any) -> None:
    frame = open_widget(page, site["allowed"] + "/widget.html")
    launcher = page.locator("[data-whosaid-widget] button.launcher")
    assert launcher.get_attribute("aria-expanded") == "true"
    frame.locator("#q").press("Escape")
    page.wait_for_function(
        "() => document.querySelector('[data-whosaid-widget]').shadowRoot.querySelector('.panel').hidden"
    )
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    frame.locator("#close").click()
    page.wait_for_function(
        "() => document.querySelector('[data-whosaid-widget]').shadowRoot.querySelector('.panel').hidden"
    )
