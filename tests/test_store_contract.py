"""One contract for rag.store.Store, run against every backend: in-memory, embedded on disk, a live `chroma run`."""

from __future__ import annotations

import itertools
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from rag.records import Chunk, Document, Filters, Statement
from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings

ROOT = Path(__file__).resolve().parent.parent
CHROMA_CLI = ROOT / ".venv" / "bin" / "chroma"
_PREFIXES = itertools.count(1)


def free_port() -> int:
    """A port nobody listens on right now (127.0.0.1 only)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chroma_cli() -> str | None:
    return str(CHROMA_CLI) if CHROMA_CLI.exists() else shutil.which("chroma")


def wait_for_heartbeat(url: str, proc: subprocess.Popen[bytes], log: Path, timeout_s: float = 60.0) -> None:
    """Poll the server's heartbeat until it answers; fail with its log if it dies or never answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = log.read_text(errors="replace")[-2000:]
            pytest.fail(f"chroma run exited with {proc.returncode}: {out}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"chroma server at {url} did not answer its heartbeat within {timeout_s:.0f} s")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on a free 127.0.0.1 port for this module; killed afterwards."""
    cli = chroma_cli()
    if cli is None:
        pytest.skip("the chroma CLI (installed with chromadb) is missing")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    # The server logs every request: to a file, since an unread pipe fills up and blocks the server.
    with (path / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [cli, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_heartbeat(url, proc, path / "server.log")
            yield url
        finally:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(params=["memory", "embedded", pytest.param("server", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """The same Store API over each backend; every test gets fresh collections."""
    emb = BagOfWordsEmbeddings()
    if request.param == "memory":
        return Store(emb)
    prefix = f"contract{next(_PREFIXES)}"
    if request.param == "embedded":
        return Store.open(Settings(data_dir=tmp_path / "data", collection_prefix=prefix), embeddings=emb)
    url = request.getfixturevalue("chroma_server")
    return Store.open(Settings(data_dir=tmp_path / "data", chroma_url=url, collection_prefix=prefix), embeddings=emb)


# ---------------------------------------------------------------- a small corpus with known answers
TEXTS = {
    "d1": "“We will rebuild the harbour bridge,” Mayor Alma Reyes said on Monday. Reyes added more.",
    "d2": "Finance Minister Tomas Berg said that taxes on bread would fall. “Bread is cheap,” Berg said.",
    "d3": "“Ceasefire talks in Veldoria have stalled,” the envoy Ilse Varga told reporters.",
}
META = {
    "d1": {"date": "2023-01-10", "source": "Harbour Herald"},
    "d2": {"date": "2023-06-01", "source": "Daily Ledger"},
    "d3": {"date": "2024-02-29", "source": "Harbour Herald"},
}
BRIDGE, TAXES, CHEAP, TALKS = (
    "We will rebuild the harbour bridge", "taxes on bread would fall", "Bread is cheap",
    "Ceasefire talks in Veldoria have stalled",
)  # fmt: skip
QUOTES = {  # doc -> (quote, speaker)
    "d1": [(BRIDGE, "Alma Reyes")],
    "d2": [(TAXES, "Tomas Berg"), (CHEAP, "Tomas Berg")],
    "d3": [(TALKS, "Ilse Varga")],
}


def document(doc_id: str) -> Document:
    return Document(
        doc_id=doc_id, text=TEXTS[doc_id], title=f"Title {doc_id}", url=f"https://x/{doc_id}", **META[doc_id]
    )


def statements_of(doc_id: str) -> list[Statement]:
    text = TEXTS[doc_id]
    out = []
    for quote, speaker in QUOTES[doc_id]:
        start = text.index(quote)
        out.append(
            Statement(
                doc_id=doc_id, quote=quote, start=start, end=start + len(quote), speaker=speaker,
                speaker_mention=speaker.split()[-1], cue="said", title=f"Title {doc_id}", **META[doc_id],
            )
        )  # fmt: skip
    return out


def chunks_of(doc_id: str) -> list[Chunk]:
    text = TEXTS[doc_id]
    half = len(text) // 2
    speakers = tuple(sorted({s for _, s in QUOTES[doc_id]}))
    return [
        Chunk(doc_id=doc_id, text=text[a:b], start=a, end=b, title=f"Title {doc_id}", speakers=speakers, **META[doc_id])
        for a, b in ((0, half), (half, len(text)))
    ]


def ingest(store: Store, doc_ids: tuple[str, ...] = ("d1", "d2", "d3")) -> None:
    """The order build.py uses: statements, passages, then the document record last."""
    for d in doc_ids:
        store.add_statements(statements_of(d))
        store.add_chunks(chunks_of(d))
        store.add_document(document(d))


ALL_STATEMENTS = sorted((s for d in TEXTS for s in statements_of(d)), key=lambda s: (s.date, s.doc_id, s.start))


class TestStoreContract:
    def test_empty_store_counts_zero(self, store: Store) -> None:
        assert store.counts() == {"documents": 0, "statements": 0, "passages": 0}
        assert store.statements() == []
        assert store.chunks() == []
        assert store.get_document("d1") is None

    def test_add_then_get_round_trips_records(self, store: Store) -> None:
        ingest(store)
        assert store.statements() == ALL_STATEMENTS
        assert sorted(store.chunks(), key=lambda c: (c.doc_id, c.start)) == [c for d in TEXTS for c in chunks_of(d)]
        assert store.get_document("d2") == document("d2")
        assert store.get_documents(["d3", "d1", "missing"]) == {"d1": document("d1"), "d3": document("d3")}

    def test_upsert_is_idempotent(self, store: Store) -> None:
        ingest(store)
        before = store.counts()
        ingest(store)
        assert store.counts() == before == {"documents": 3, "statements": 4, "passages": 6}
        assert store.statements() == ALL_STATEMENTS

    @pytest.mark.parametrize(
        ("filters", "expected_quotes"),
        [
            (Filters(speaker="Tomas Berg"), [TAXES, CHEAP]),
            (Filters(source="Harbour Herald"), [BRIDGE, TALKS]),
            (Filters(since="2023-06-01"), [TAXES, CHEAP, TALKS]),
            (Filters(until="2023-06-01"), [BRIDGE, TAXES, CHEAP]),
            (Filters(since="2023-02-01", until="2024-01-01"), [TAXES, CHEAP]),
            (Filters(doc_id="d3"), [TALKS]),
            (Filters(speaker="Tomas Berg", source="Harbour Herald"), []),
            (Filters(speaker="Nobody"), []),
        ],
    )  # fmt: skip
    def test_statement_filters(self, store: Store, filters: Filters, expected_quotes: list[str]) -> None:
        ingest(store)
        assert [s.quote for s in store.statements(filters)] == expected_quotes

    @pytest.mark.parametrize(
        ("filters", "expected_docs"),
        [
            (Filters(source="Daily Ledger"), {"d2"}),
            (Filters(since="2024-01-01"), {"d3"}),
            (Filters(until="2023-01-10"), {"d1"}),
            (Filters(doc_id="d2"), {"d2"}),
            (Filters(speaker="Tomas Berg"), {"d1", "d2", "d3"}),  # passages ignore the speaker filter
        ],
    )
    def test_chunk_filters(self, store: Store, filters: Filters, expected_docs: set[str]) -> None:
        ingest(store)
        assert {c.doc_id for c in store.chunks(filters)} == expected_docs

    def test_limit(self, store: Store) -> None:
        ingest(store)
        assert len(store.statements(limit=2)) == 2

    def test_search_is_best_first(self, store: Store) -> None:
        ingest(store)
        hits = store.search_statements(store.embed_query(TALKS), k=4)
        assert hits[0].item.quote == TALKS
        assert hits[0].score > 0.5
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert len(hits) == 4 and all(h.kind == "statement" for h in hits)

    def test_search_respects_filters(self, store: Store) -> None:
        ingest(store)
        vector = store.embed_query("bread taxes harbour bridge")
        hits = store.search_statements(vector, k=4, filters=Filters(speaker="Alma Reyes"))
        assert [h.item.speaker for h in hits] == ["Alma Reyes"]
        passages = store.search_passages(vector, k=6, filters=Filters(source="Daily Ledger"))
        assert passages and {h.doc_id for h in passages} == {"d2"}
        assert [h.score for h in passages] == sorted((h.score for h in passages), reverse=True)

    @pytest.mark.parametrize(
        "filters", [Filters(speaker="Tomas Berg"), Filters(source="Harbour Herald"), Filters(until="2023-06-01")]
    )
    def test_search_among_ids_finds_what_the_filter_finds(self, store: Store, filters: Filters) -> None:
        ingest(store)
        vector = store.embed_query("bread taxes harbour bridge")
        allowed = [s.statement_id for s in store.statements(filters)]
        among = store.search_statements_among(vector, 3, allowed)
        assert among == store.search_statements(vector, 3, filters)
        assert len(among) == min(3, len(allowed)) > 0
        assert store.search_statements_among(vector, 3, []) == []

    def test_search_passages_returns_text_and_speakers(self, store: Store) -> None:
        ingest(store)
        best = store.search_passages(store.embed_query(TEXTS["d3"][:40]), k=1)[0]
        assert best.kind == "passage" and best.item == chunks_of("d3")[0]

    def test_delete_document_removes_everything_of_it(self, store: Store) -> None:
        ingest(store)
        store.delete_document("d2")
        assert store.counts() == {"documents": 2, "statements": 2, "passages": 4}
        assert store.get_document("d2") is None
        assert all(s.doc_id != "d2" for s in store.statements())
        assert store.find_by_hash(document("d2").content_hash) is None
        store.delete_document("never-stored")  # deleting what is not there is a no-op
        assert store.counts()["documents"] == 2

    def test_version_changes_on_add_and_delete(self, store: Store) -> None:
        v0 = store.version()
        ingest(store, ("d1",))
        v1 = store.version()
        ingest(store, ("d1",))
        assert store.version() == v1 != v0
        ingest(store, ("d2",))
        v2 = store.version()
        store.delete_document("d2")
        assert v2 != v1 and store.version() == v1

    @pytest.mark.parametrize(
        "text",
        [
            "Ünïcödé “curly” ‘quotes’ — em dash, emoji 🙂, CJK 中文, RTL עברית, combining e\u0301.",
            "  leading and trailing whitespace\r\n\tand\u00a0odd spaces  \n\n",
            "\u2028line separator\u2029and zero\u200bwidth",
            ("A long paragraph. “Quote,” she said. " * 30_000)[:1_000_000],
        ],
        ids=["unicode", "whitespace", "separators", "1M-chars"],
    )
    def test_document_text_round_trips_verbatim(self, store: Store, text: str) -> None:
        doc = Document(doc_id="long/ü path.txt", text=text, title="Tïtle", date="2020-02-02", path="a/b.txt")
        store.add_document(doc, statements=0)
        got = store.get_document(doc.doc_id)
        assert got == doc and got is not None and got.text == text

    def test_find_by_hash(self, store: Store) -> None:
        ingest(store)
        assert store.find_by_hash(document("d1").content_hash) == "d1"
        # the hash folds whitespace: the same article with other spacing is found too
        assert store.find_by_hash(Document("x", "  " + TEXTS["d1"].replace(" ", "\n ")).content_hash) == "d1"
        assert store.find_by_hash("0" * 64) is None

    def test_document_meta_pages_through_all(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("rag.store.BATCH", 4)  # write batches: 9 documents take three writes
        monkeypatch.setattr("rag.store.SCAN_PAGE", 4)  # read pages: 10 documents take three pages
        docs = [
            Document(doc_id=f"doc-{i:04d}", text=f"text number {i}", date="2024-05-0{i % 9 + 1}") for i in range(10)
        ]
        store.add_documents(docs[:9], [{"signature": f"sig{i}"} for i in range(9)])  # batched (in pages of 4)
        store.add_document(docs[9], signature="sig9")
        listed = dict(store.document_meta())
        assert sorted(listed) == [d.doc_id for d in docs]
        assert listed["doc-0007"]["content_hash"] == docs[7].content_hash
        assert [listed[d.doc_id]["signature"] for d in docs] == [f"sig{i}" for i in range(10)]
        assert store.get_documents(d.doc_id for d in docs) == {d.doc_id: d for d in docs}

    def test_writes_and_scans_go_in_batches(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("rag.store.BATCH", 7)  # Chroma caps one write; the store must split
        monkeypatch.setattr("rag.store.SCAN_PAGE", 7)  # and reads page through everything
        text = " ".join(f"w{i}x" for i in range(60))
        words = [(f"w{i}x", text.index(f"w{i}x")) for i in range(50)]
        many = [Statement(doc_id="big", quote=w, start=at, end=at + len(w)) for w, at in words]
        store.add_statements(many)
        store.add_chunks([Chunk("big", text[i : i + 5], i, i + 5) for i in range(0, 100, 5)])
        assert store.counts() == {"documents": 0, "statements": 50, "passages": 20}
        assert {s.quote for s in store.statements(Filters(doc_id="big"))} == {s.quote for s in many}
        assert len(store.statements(limit=10)) == 10
        assert len(store.chunks()) == 20


def test_full_scans_are_reused_until_the_content_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """statements()/chunks() of a reopened store come from cache_dir; an edit with equal counts is seen."""
    settings = Settings(data_dir=tmp_path / "data", collection_prefix="scancache")
    store = Store.open(settings, embeddings=BagOfWordsEmbeddings())
    ingest(store)
    assert store.statements() == ALL_STATEMENTS
    chunks = store.chunks()
    assert sorted(p.name.split("-")[1] for p in store.cache_dir.glob("*.pkl")) == ["passages", "statements"]  # type: ignore[union-attr]

    reopened = Store.open(settings, embeddings=BagOfWordsEmbeddings())
    with monkeypatch.context() as m:
        m.setattr(Store, "_scan", lambda *a: pytest.fail("scanned Chroma although the scan is cached"))
        assert reopened.statements() == ALL_STATEMENTS
        assert reopened.chunks() == chunks
    # Same counts, other content: d3 re-ingested with another speaker and a longer text.
    reopened.delete_document("d3")
    moved = [replace(s, speaker="Someone Else") for s in statements_of("d3")]
    reopened.add_statements(moved)
    reopened.add_chunks(chunks_of("d3"))
    reopened.add_document(replace(document("d3"), text=TEXTS["d3"] + " Updated."))
    assert reopened.version() == store.version()
    assert {s.speaker for s in reopened.statements() if s.doc_id == "d3"} == {"Someone Else"}
    assert len(list(store.cache_dir.glob("*statements*.pkl"))) == 1  # type: ignore[union-attr]


def test_version_sees_another_stores_writes_once_its_reading_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", collection_prefix="versions")
    reader = Store.open(settings, embeddings=BagOfWordsEmbeddings())
    writer = Store.open(settings, embeddings=BagOfWordsEmbeddings())
    assert reader.version() == (0, 0, 0)
    ingest(writer, ("d1",))
    monkeypatch.setattr("rag.store.VERSION_TTL_S", 0.0)
    assert reader.version() == writer.version() == (1, 1, 2)


def test_a_memory_store_caches_nothing() -> None:
    store = Store(BagOfWordsEmbeddings())
    ingest(store)
    assert store.cache_dir is None
    assert store.statements() == ALL_STATEMENTS


def test_store_for_settings_picks_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WHOSAID_CHROMA_URL switches to the HTTP client; a malformed URL is a clear ConfigError."""
    from rag.errors import ConfigError
    from rag.store import make_client

    monkeypatch.setenv("WHOSAID_CHROMA_URL", "localhost:8000")
    with pytest.raises(ConfigError, match="http://host:8000"):
        make_client(Settings(data_dir=tmp_path))
