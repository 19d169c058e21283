"""The widget without a browser: the snippet script, the /embed page, framing (CSP) and CORS per origin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.web_corpus import FakeAssistant, populate
from web import STATIC_DIR
from web.widget import embed_csp, frame_ancestors

ALLOWED = "https://news.example"
SECRETS = {"admin_token": "adm1n-s3cret-value", "llm_api_key": "sk-llm-s3cret-value"}


def client_for(data_dir: Path, **overrides: Any) -> TestClient:
    import app

    settings = Settings(data_dir=data_dir, **overrides)
    return TestClient(app.build_app(settings, FakeAssistant(populate(Store(BagOfWordsEmbeddings())))))


@pytest.fixture
def client(isolated_data_dir: Path) -> TestClient:
    return client_for(isolated_data_dir, widget_origins=f"{ALLOWED}, https://blog.example/", **SECRETS)


def csp(response: Any) -> str:
    return str(response.headers.get("content-security-policy", ""))


def test_widget_js_is_served_as_javascript(client: TestClient) -> None:
    r = client.get("/widget.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    for attribute in ("data-title", "data-greeting", "data-color", "data-position", "data-collection"):
        assert attribute.removeprefix("data-") in r.text
    assert "/embed?" in r.text and "attachShadow" in r.text


@pytest.mark.parametrize(
    ("origins", "expected"),
    [("", "frame-ancestors 'self'"), (ALLOWED, f"frame-ancestors 'self' {ALLOWED}"),
     (f"{ALLOWED}, https://b.example/", f"frame-ancestors 'self' {ALLOWED} https://b.example")],
)  # fmt: skip
def test_embed_may_be_framed_only_by_the_listed_origins(isolated_data_dir: Path, origins: str, expected: str) -> None:
    r = client_for(isolated_data_dir, widget_origins=origins).get("/embed")
    assert r.status_code == 200
    assert csp(r).endswith(expected) and "script-src 'self'" in csp(r)


def test_every_other_page_may_only_be_framed_by_this_server(client: TestClient) -> None:
    for path in ("/", "/api/speakers", "/widget.js", "/docs"):
        assert csp(client.get(path)) == frame_ancestors([]), path
    assert ALLOWED not in csp(client.get("/"))


def test_embed_csp_forbids_inline_script_and_foreign_connections() -> None:
    policy = embed_csp([ALLOWED])
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"title": "<script>alert(1)</script>"}, "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;", "<script>alert"),
        ({"greeting": '"><img src=x onerror=alert(1)>'}, "&quot;&gt;&lt;img", "<img src=x"),
        ({"color": "red;x:url(javascript:1)"}, 'data-color="&#35;1f6feb"', "javascript"),
        ({"color": "#c0ffee"}, 'data-color="&#35;c0ffee"', "1f6feb"),
        ({"collection": "{{title}}"}, 'data-collection="&#123;&#123;title&#125;&#125;"', 'data-collection="Ask'),
    ],
)
def test_embed_attributes_are_escaped(client: TestClient, params: dict[str, str], present: str, absent: str) -> None:
    html = client.get("/embed", params=params).text
    assert present in html and absent not in html


def test_embed_rejects_oversized_attributes(client: TestClient) -> None:
    r = client.get("/embed", params={"title": "x" * 500})
    assert r.status_code == 422 and "title" in r.json()["error"]


def test_no_secret_reaches_the_browser(client: TestClient) -> None:
    pages = [client.get(p).text for p in ("/", "/embed", "/widget.js", "/web/embed.js", "/web/ui.js", "/config")]
    for secret in SECRETS.values():
        assert all(secret not in page for page in pages)


def test_embed_script_never_builds_html_from_strings() -> None:
    source = (STATIC_DIR / "embed.js").read_text()
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "eval(" not in source
    assert "textContent" in source


@pytest.mark.parametrize(
    ("origin", "allowed"), [(ALLOWED, True), ("https://blog.example", True), ("https://evil.example", False)]
)
def test_cors_follows_the_widget_origins(client: TestClient, origin: str, allowed: bool) -> None:
    preflight = client.options(
        "/api/ask",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type,x-whosaid-visitor"},
    )  # fmt: skip
    simple = client.get("/api/speakers", headers={"Origin": origin})
    if allowed:
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == origin
        assert simple.headers["access-control-allow-origin"] == origin
    else:
        assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers
        assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-credentials" not in simple.headers


def test_no_cors_at_all_without_widget_origins(isolated_data_dir: Path) -> None:
    r = client_for(isolated_data_dir).get("/api/speakers", headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in r.headers
