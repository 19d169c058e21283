"""Every /api route through FastAPI's TestClient: answers, streaming, listing, admin token, 429, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.web_corpus import DOCS, XSS_SCRIPT, FakeAssistant, RegexExtractor, populate

TOKEN = "t0p-secret-admin"
LAVROV_Q = "Who said there is no point in giving the enemy a pause to regroup?"
Factory = Callable[..., tuple[TestClient, FakeAssistant]]


@pytest.fixture
def make_client(isolated_data_dir: Path) -> Iterator[Factory]:
    """A client over a fresh app and store; keyword arguments override Settings; empty=True skips the corpus."""

    def make(empty: bool = False, **overrides: Any) -> tuple[TestClient, FakeAssistant]:
        import app

        store = Store(BagOfWordsEmbeddings())
        assistant = FakeAssistant(store if empty else populate(store))
        settings = Settings(data_dir=isolated_data_dir, **overrides)
        return TestClient(app.build_app(settings, assistant, extractor=RegexExtractor())), assistant

    yield make


@pytest.fixture
def client(make_client: Factory) -> TestClient:
    return make_client(admin_token=TOKEN)[0]


def sse_events(text: str) -> list[tuple[str, Any]]:
    """(event, decoded data) pairs of a server-sent-events body."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln and not ln.startswith(":")]
        event = next((ln[6:].strip() for ln in lines if ln.startswith("event:")), "message")
        data = "\n".join(ln[5:].lstrip() for ln in lines if ln.startswith("data:"))
        if data:
            out.append((event, json.loads(data)))
    return out


# ---------------------------------------------------------------------------------------------- ask
def test_ask_returns_the_answer_json_with_verbatim_citations(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": LAVROV_Q})
    assert r.status_code == 200
    body = r.json()
    assert body.keys() >= {"question", "answer", "abstained", "citations", "filters", "notes", "conversation_id"}
    c = body["citations"][0]
    doc = next(d for d in DOCS if d.doc_id == c["doc_id"])
    assert c["speaker"] == "Sergei Lavrov" and doc.text[c["start"] : c["end"]] == c["quote"]


def test_conversation_id_carries_history(make_client: Factory) -> None:
    client, assistant = make_client()
    cid = client.post("/api/ask", json={"question": LAVROV_Q}).json()["conversation_id"]
    again = client.post("/api/ask", json={"question": "And about the enemy pause?", "conversation_id": cid})
    assert again.json()["conversation_id"] == cid
    assert assistant.questions[-1][2][0][0] == LAVROV_Q
    assert client.post("/api/ask", json={"question": "fresh pause enemy"}).json()["conversation_id"] != cid


def test_filters_reach_the_assistant(make_client: Factory) -> None:
    client, assistant = make_client()
    body = {"question": LAVROV_Q, "speaker": "Marta Selin", "source": "Port Gazette", "since": "2024-01-01"}
    client.post("/api/ask", json=body)
    filters = assistant.questions[-1][1]
    assert filters is not None
    assert (filters.speaker, filters.source, filters.since, filters.until) == (
        "Marta Selin", "Port Gazette", "2024-01-01", ""
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "question: Field required"),
        ({"question": ""}, "question: String should have at least 1 character"),
        ({"question": "x" * 2001}, "question"),
        ({"question": "q", "since": "last week"}, "since"),
        ({"question": "q", "conversation_id": "../../etc"}, "conversation_id"),
        ({"question": ["not", "a", "string"]}, "question"),
    ],
)
def test_malformed_ask_is_a_clear_422(client: TestClient, body: dict[str, Any], fragment: str) -> None:
    for path in ("/api/ask", "/api/ask/stream"):
        r = client.post(path, json=body)
        assert r.status_code == 422 and fragment in r.json()["error"]


def test_non_json_body_is_a_422(client: TestClient) -> None:
    r = client.post("/api/ask", content=b"not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()


def test_empty_index_is_a_409_that_says_how_to_ingest(make_client: Factory) -> None:
    client, _ = make_client(empty=True)
    for path in ("/api/ask", "/api/ask/stream"):
        r = client.post(path, json={"question": "Who said anything?"})
        assert r.status_code == 409 and "whosaid ingest PATH" in r.json()["error"]
    assert client.get("/api/speakers").json() == []
    assert client.get("/api/statements").json()["total"] == 0


# ---------------------------------------------------------------------------------------------- stream
def test_stream_sends_tokens_then_a_final_event_with_citations(client: TestClient) -> None:
    r = client.post("/api/ask/stream", json={"question": LAVROV_Q})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    kinds = [e for e, _ in events]
    assert kinds[-1] == "answer" and set(kinds[:-1]) == {"token"} and len(kinds) > 2
    final = events[-1][1]
    assert "".join(d["text"] for _, d in events[:-1]).strip() == final["answer"]
    assert final["citations"][0]["speaker"] == "Sergei Lavrov" and final["conversation_id"]


def test_stream_keeps_hostile_text_as_json_data(client: TestClient) -> None:
    events = sse_events(client.post("/api/ask/stream", json={"question": "Who said harmless hearing words?"}).text)
    assert XSS_SCRIPT in events[-1][1]["citations"][0]["quote"]  # data, verbatim; the widget renders it as text


# ---------------------------------------------------------------------------------------------- read routes
def test_statements_filter_and_page(client: TestClient) -> None:
    everything = client.get("/api/statements").json()
    assert everything["total"] == 3 and len(everything["statements"]) == 3
    page = client.get("/api/statements", params={"limit": 1, "offset": 1}).json()
    assert page["statements"] == everything["statements"][1:2]
    one = client.get("/api/statements", params={"speaker": "Marta Selin"}).json()
    assert [s["speaker"] for s in one["statements"]] == ["Marta Selin"]
    dated = client.get("/api/statements", params={"since": "2024-04-01", "until": "2024-05-31"}).json()
    assert [s["doc_id"] for s in dated["statements"]] == ["news/harbour.txt"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"since": "May"}, {"limit": "x"}])
def test_statements_bad_params_are_422(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/api/statements", params=params)
    assert r.status_code == 422 and r.json()["error"].startswith("Invalid request")


def test_speakers(client: TestClient) -> None:
    names = [s["name"] for s in client.get("/api/speakers").json()]
    assert {"Sergei Lavrov", "Marta Selin"} <= set(names)


def test_document_by_id_with_slashes_and_404(client: TestClient) -> None:
    doc = client.get("/api/documents/news/harbour.txt").json()
    assert doc["doc_id"] == "news/harbour.txt" and doc["text"] == DOCS[1].text
    r = client.get("/api/documents/nope/missing.txt")
    assert r.status_code == 404 and "nope/missing.txt" in r.json()["error"]


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    r = client.get("/api/nothing/here")
    assert r.status_code == 404 and "/docs" in r.json()["error"]


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/statements", "/api/speakers", "/api/ingest"} <= paths.keys()
    assert {"get", "delete"} <= paths["/api/documents/{doc_id}"].keys()
    assert client.get("/docs").status_code == 200


# ---------------------------------------------------------------------------------------------- admin
ADMIN_CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("post", "/api/ingest", {"json": {"documents": [{"id": "a", "text": "“Hi there,” said Bo."}]}}),
    ("delete", "/api/documents/news/harbour.txt", {}),
]


@pytest.mark.parametrize(("method", "path", "kw"), ADMIN_CALLS)
def test_admin_routes_disabled_without_token(make_client: Factory, method: str, path: str, kw: dict[str, Any]) -> None:
    client, _ = make_client()
    r = getattr(client, method)(path, **kw)
    assert r.status_code == 403 and "WHOSAID_ADMIN_TOKEN" in r.json()["error"]


@pytest.mark.parametrize(("method", "path", "kw"), ADMIN_CALLS)
@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"])
def test_admin_routes_need_the_right_token(
    client: TestClient, method: str, path: str, kw: dict[str, Any], auth: str | None
) -> None:
    headers = {"Authorization": auth} if auth else {}
    r = getattr(client, method)(path, headers=headers, **kw)
    assert r.status_code == 401 and "Authorization: Bearer" in r.json()["error"]
    assert r.headers["www-authenticate"] == "Bearer"


def admin() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_ingest_json_documents_then_delete(client: TestClient) -> None:
    docs = [{"id": "api/one", "text": "The mayor spoke. “Bridges matter,” said Ann Lee.", "title": "One",
             "date": "2024-07-01", "source": "Gazette"}]  # fmt: skip
    r = client.post("/api/ingest", json={"documents": docs}, headers=admin())
    assert r.status_code == 200
    assert [f["status"] for f in r.json()["files"]] == ["ingested"] and "1 documents ingested" in r.json()["summary"]
    assert client.get("/api/documents/api/one").json()["title"] == "One"
    again = client.post("/api/ingest", json={"documents": docs}, headers=admin()).json()
    assert [f["status"] for f in again["files"]] == ["duplicate"]
    assert client.delete("/api/documents/api/one", headers=admin()).json() == {"deleted": "api/one"}
    assert client.get("/api/documents/api/one").status_code == 404
    assert client.delete("/api/documents/api/one", headers=admin()).status_code == 404


def test_ingest_uploaded_files_are_named_by_their_file_name(client: TestClient) -> None:
    files = [
        ("files", ("../../etc/new article.txt", "A. “Bridges matter,” said Ann Lee.".encode(), "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    r = client.post("/api/ingest", files=files, headers=admin())
    assert r.status_code == 200
    results = {f["path"]: f["status"] for f in r.json()["files"]}
    assert results == {"new article.txt": "ingested", "empty.txt": "failed"}
    assert "Bridges matter" in client.get("/api/documents/new article.txt").json()["text"]


@pytest.mark.parametrize(
    ("kw", "fragment"),
    [
        ({"json": {"docs": []}}, '{"documents"'),
        ({"json": {"documents": []}}, "at least one document"),
        ({"json": {"documents": [{"id": "x"}]}}, "non-empty 'id' and 'text'"),
        ({"json": [1, 2]}, '{"documents"'),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, "not valid JSON"),
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, "multipart/form-data"),
        ({"files": [("other", ("a.txt", b"x", "text/plain"))]}, "named 'files'"),
    ],
)
def test_malformed_ingest_is_a_clear_400(client: TestClient, kw: dict[str, Any], fragment: str) -> None:
    headers = admin() | kw.pop("headers", {})
    r = client.post("/api/ingest", headers=headers, **kw)
    assert r.status_code == 400 and fragment in r.json()["error"]


def test_upload_over_the_size_limit_is_refused(make_client: Factory) -> None:
    client, _ = make_client(admin_token=TOKEN, max_upload_mb=1)
    big = ("files", ("big.txt", b"a" * (1024 * 1024 + 1), "text/plain"))
    r = client.post("/api/ingest", files=[big], headers=admin())
    assert r.status_code == 400 and "larger than 1 MB" in r.json()["error"]


# ---------------------------------------------------------------------------------------------- rate limits
def ask_as(client: TestClient, visitor: str, origin: str = "https://site.example", path: str = "/api/ask") -> Any:
    headers = {"X-Whosaid-Visitor": visitor, "X-Whosaid-Embed-Origin": origin}
    return client.post(path, json={"question": LAVROV_Q}, headers=headers)


def test_visitor_limit_answers_429_with_a_friendly_message(make_client: Factory) -> None:
    client, _ = make_client(rate_limit_visitor="2/minute")
    assert [ask_as(client, "visitor-aaaa").status_code for _ in range(2)] == [200, 200]
    r = ask_as(client, "visitor-aaaa", path="/api/ask/stream")
    assert r.status_code == 429 and "Too many questions from this visitor" in r.json()["error"]
    assert int(r.headers["retry-after"]) >= 1
    assert ask_as(client, "visitor-bbbb").status_code == 200  # someone else is not affected


def from_address(client: TestClient, address: str) -> TestClient:
    """Another client of the same app, connecting from `address`."""
    return TestClient(client.app, client=(address, 50000))


def test_origin_limit_counts_every_visitor_of_a_site(make_client: Factory) -> None:
    client, _ = make_client(rate_limit_origin="3/minute")
    codes = [ask_as(from_address(client, f"10.0.0.{i}"), f"visitor-{i:04d}").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "this site" in ask_as(from_address(client, "10.0.1.1"), "visitor-9999").json()["error"]
    other = ask_as(from_address(client, "10.0.1.2"), "visitor-9999", origin="https://other.example")
    assert other.status_code == 200


def test_without_a_visitor_id_the_client_address_is_the_visitor(make_client: Factory) -> None:
    client, _ = make_client(rate_limit_visitor="1/minute")
    assert client.post("/api/ask", json={"question": LAVROV_Q}).status_code == 200
    assert client.post("/api/ask", json={"question": LAVROV_Q}).status_code == 429


def test_bad_rate_limit_setting_is_a_config_error(make_client: Factory) -> None:
    from rag.errors import ConfigError

    with pytest.raises(ConfigError, match="20/minute"):
        make_client(rate_limit_visitor="lots")


# ---------------------------------------------------------------------------------------------- real Assistant
@pytest.fixture
def real_client(isolated_data_dir: Path) -> TestClient:
    """The app over the real rag.chain.Assistant and a store of fake embeddings with the corpus added directly."""
    import app
    from rag.chain import Assistant

    settings = Settings(data_dir=isolated_data_dir, admin_token=TOKEN)
    assistant = Assistant(settings, populate(Store(BagOfWordsEmbeddings())))
    return TestClient(app.build_app(settings, assistant, extractor=RegexExtractor()))


def test_real_assistant_answers_with_verbatim_citations(real_client: TestClient) -> None:
    body = real_client.post("/api/ask", json={"question": LAVROV_Q}).json()
    assert not body["abstained"] and body["citations"]
    texts = {d.doc_id: d.text for d in DOCS}
    assert all(texts[c["doc_id"]][c["start"] : c["end"]] == c["quote"] for c in body["citations"])
    assert any(c["speaker"] == "Sergei Lavrov" and "pause to regroup" in c["quote"] for c in body["citations"])


def test_real_assistant_streams_a_final_event_with_citations(real_client: TestClient) -> None:
    events = sse_events(real_client.post("/api/ask/stream", json={"question": LAVROV_Q}).text)
    assert events[-1][0] == "answer" and events[-1][1]["citations"]
    assert {e for e, _ in events[:-1]} <= {"token"}


def test_real_assistant_speakers_and_documents(real_client: TestClient) -> None:
    names = {s["name"] for s in real_client.get("/api/speakers").json()}
    assert {"Sergei Lavrov", "Marta Selin"} <= names
    assert real_client.get("/api/documents/news/ceasefire.txt").json()["text"] == DOCS[0].text


def test_rotating_visitor_ids_and_sites_is_bounded_per_address(make_client: Factory) -> None:
    client, _ = make_client(rate_limit_origin="3/minute")
    codes = [ask_as(client, f"visitor-{i:04d}", origin=f"https://site{i}.example").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "this address" in ask_as(client, "visitor-9999", origin="https://new.example").json()["error"]


def test_a_browser_set_origin_wins_over_a_claimed_one(make_client: Factory) -> None:
    client, _ = make_client(rate_limit_origin="2/minute")
    headers = {"Origin": "https://real.example", "X-Whosaid-Embed-Origin": "https://claimed.example"}
    for i in range(2):
        visitor = {"X-Whosaid-Visitor": f"visitor-{i:04d}"}
        from_address(client, f"10.0.0.{i}").post("/api/ask", json={"question": LAVROV_Q}, headers=headers | visitor)
    r = from_address(client, "10.0.0.9").post("/api/ask", json={"question": LAVROV_Q}, headers=headers)
    assert r.status_code == 429 and "this site" in r.json()["error"]  # counted as real.example
    fine = ask_as(from_address(client, "10.0.0.8"), "visitor-0008", origin="https://claimed.example")
    assert fine.status_code == 200  # nothing was counted against the claimed site


def test_an_unexpected_failure_is_a_json_500_without_details(make_client: Factory) -> None:
    client, assistant = make_client()

    def broken() -> list[Any]:
        raise RuntimeError("secret internals")

    assistant.speakers = broken  # type: ignore[method-assign]
    r = TestClient(client.app, raise_server_exceptions=False).get("/api/speakers")
    assert r.status_code == 500 and "log" in r.json()["error"] and "secret" not in r.text
