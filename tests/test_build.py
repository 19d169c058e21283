from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from index.build import ingest, ingest_documents, is_transcript
from rag.errors import ConfigError
from rag.records import Chunk, Document, FileResult, Filters, Statement
from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings

QUOTE = re.compile(r"“([^”]+)”")
SPEAKER = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+) said|said ([A-Z][a-z]+ [A-Z][a-z]+)")


class FakeExtractor:
    """Every “curly quote” is a direct statement; its speaker is the first 'First Last said' in the text."""

    def __init__(self, fail_on: str = "") -> None:
        self.calls: list[list[str]] = []
        self.fail_on = fail_on

    def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
        self.calls.append([d.doc_id for d in docs])
        out = []
        for doc, spans in zip(docs, skip, strict=True):
            if self.fail_on and self.fail_on in doc.text:
                raise RuntimeError("extractor tripped")
            m = SPEAKER.search(doc.text)
            speaker = (m.group(1) or m.group(2)) if m else ""
            out.append(
                [
                    Statement(doc.doc_id, q.group(1), q.start(1), q.end(1), speaker=speaker)
                    for q in QUOTE.finditer(doc.text)
                    if not any(s <= q.start(1) < e for s, e in spans)
                ]
            )
        return out


class RecordingStore(Store):
    """The in-memory store, logging the order of writes; `crash_after_statements` simulates a kill."""

    def __init__(self) -> None:
        super().__init__(BagOfWordsEmbeddings())
        self.calls: list[tuple[str, str]] = []
        self.crash_after_statements = False

    def add_statements(self, statements: Sequence[Statement]) -> None:
        self.calls.extend(("statement", s.doc_id) for s in statements)
        super().add_statements(statements)

    def add_chunks(self, chunks: Sequence[Chunk]) -> None:
        if self.crash_after_statements:
            raise KeyboardInterrupt("killed mid-ingest")
        self.calls.extend(("chunk", c.doc_id) for c in chunks)
        super().add_chunks(chunks)

    def add_documents(
        self, docs: Sequence[Document], extras: Sequence[Mapping[str, str | int | float | bool]] | None = None
    ) -> None:
        self.calls.extend(("document", d.doc_id) for d in docs)
        super().add_documents(docs, extras)


BODY = (
    "Minister Talks\n\n"
    "Foreign Minister Anna Berg said Velor is ready for talks.\n\n"
    "“There is no point in giving the enemy a pause to regroup,” the minister said.\n\n"
    "She added that “peace needs patience” and left."
)
REPEATED = BODY + "\n\n\n" + BODY.split("\n\n", 1)[1]
OTHER = "Mayor Tom Reed said the bridge opens in May.\n\n“We built it on time,” said Tom Reed to reporters."


def write(folder: Path, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


@pytest.fixture
def store() -> RecordingStore:
    return RecordingStore()


def test_ingest_stores_statements_passages_document(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    [path] = write(tmp_path, {"a.txt": REPEATED})
    report = ingest([path], settings, store=store, extractor=FakeExtractor())
    assert [f.status for f in report.files] == ["ingested"]
    doc = store.get_document(path)
    assert doc is not None and doc.text == REPEATED
    quotes = [s.quote for s in store.statements()]
    # the repeated body is skipped: each quote is stored once
    assert sorted(quotes) == ["There is no point in giving the enemy a pause to regroup,", "peace needs patience"]
    for s in store.statements():
        assert doc.text[s.start : s.end] == s.quote
        assert s.speaker == "Anna Berg"
    chunks = store.chunks()
    assert chunks and all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert sum(c.text.count("pause to regroup") for c in chunks) == 1
    assert report.statements == 2 and report.passages == len(chunks)


def test_second_identical_ingest_adds_nothing(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    paths = write(tmp_path, {"a.txt": REPEATED, "b.md": OTHER})
    first = ingest(paths, settings, store=store, extractor=FakeExtractor())
    counts = store.counts()
    second = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert store.counts() == counts
    assert first.count("ingested") == 2
    assert [(f.status, f.doc_id) for f in second.files] == [("duplicate", p) for p in paths]


def test_write_order_statements_then_chunks_then_document(
    tmp_path: Path, settings: Settings, store: RecordingStore
) -> None:
    paths = write(tmp_path, {"a.txt": BODY, "b.txt": OTHER})
    ingest(paths, settings, store=store, extractor=FakeExtractor())
    kinds = [k for k, _ in store.calls]
    last_statement = max(i for i, k in enumerate(kinds) if k == "statement")
    last_chunk = max(i for i, k in enumerate(kinds) if k == "chunk")
    first_chunk = kinds.index("chunk")
    first_document = kinds.index("document")
    assert last_statement < first_chunk and last_chunk < first_document
    assert sorted(d for k, d in store.calls if k == "document") == sorted(paths)


def test_documents_are_batched_for_the_extractor(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    paths = write(tmp_path, {"a.txt": BODY, "b.txt": OTHER, "c.txt": "Plain text without quotes, long enough."})
    fake = FakeExtractor()
    ingest(paths, settings, store=store, extractor=fake)
    assert fake.calls == [paths]


def test_exact_duplicates_name_the_first(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    # same text up to whitespace: content_hash folds whitespace
    paths = write(tmp_path, {"a.txt": BODY, "b.txt": BODY.replace("\n\n", "\n \n") + "\n"})
    report = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert [(f.status, f.doc_id) for f in report.files] == [("ingested", paths[0]), ("duplicate", paths[0])]
    assert paths[0] in report.files[1].reason
    assert store.counts()["documents"] == 1


def test_near_duplicate_is_recorded_as_a_copy_not_indexed(
    tmp_path: Path, settings: Settings, store: RecordingStore
) -> None:
    long_body = "\n\n".join(
        f"Paragraph {i}: the council met again on Tuesday to discuss the budget plan." for i in range(30)
    )
    edited = long_body.replace("Paragraph 7:", "Paragraph seven:")
    paths = write(tmp_path, {"a.txt": long_body, "b.txt": edited})
    report = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert [f.status for f in report.files] == ["ingested", "copy"]
    copy = store.get_document(paths[1])
    assert copy is not None and copy.duplicate_of == paths[0]
    assert not store.chunks(Filters(doc_id=paths[1]))
    assert store.chunks(Filters(doc_id=paths[0]))
    # a re-run reports the copy as a duplicate and adds nothing
    counts = store.counts()
    again = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert [f.status for f in again.files] == ["duplicate", "duplicate"] and store.counts() == counts


def test_near_duplicate_across_runs_uses_stored_signatures(tmp_path: Path, settings: Settings) -> None:
    store = RecordingStore()
    long_body = "\n\n".join(f"Item {i}: a report on the harbour works and the new ferry timetable." for i in range(30))
    [a] = write(tmp_path, {"a.txt": long_body})
    ingest([a], settings, store=store, extractor=FakeExtractor())
    [b] = write(tmp_path, {"b.txt": long_body + "\n\nOne more closing line."})
    report = ingest([b], settings, store=store, extractor=FakeExtractor())
    assert report.files[0].status == "copy" and a in report.files[0].reason


def test_changed_document_replaces_the_old_version(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    [path] = write(tmp_path, {"a.txt": BODY})
    ingest([path], settings, store=store, extractor=FakeExtractor())
    Path(path).write_text(OTHER, encoding="utf-8")
    report = ingest([path], settings, store=store, extractor=FakeExtractor())
    assert report.files[0].status == "ingested" and "replaced" in report.files[0].reason
    assert [s.quote for s in store.statements()] == ["We built it on time,"]
    assert store.counts()["documents"] == 1


def test_statements_carry_document_metadata(settings: Settings, store: RecordingStore) -> None:
    doc = Document("d1", BODY, title="T", date="2024-05-01", source="Gazette", url="https://example.org/d1")
    ingest_documents([doc], settings, store, extractor=FakeExtractor())
    for s in store.statements():
        assert (s.title, s.date, s.source, s.url) == ("T", "2024-05-01", "Gazette", "https://example.org/d1")
    for c in store.chunks():
        assert (c.title, c.date, c.source, c.url) == ("T", "2024-05-01", "Gazette", "https://example.org/d1")
        assert "Anna Berg" in c.speakers or "pause" not in c.text


def test_extractor_failure_fails_only_that_document(settings: Settings, store: RecordingStore) -> None:
    docs = [Document("good", BODY), Document("bad", "TRIP “this breaks it” said Bad Guy")]
    report = ingest_documents(docs, settings, store, extractor=FakeExtractor(fail_on="TRIP"))
    assert [(f.doc_id, f.status) for f in report.files] == [("good", "ingested"), ("bad", "failed")]
    assert "extractor tripped" in report.files[1].reason
    assert store.get_document("bad") is None and store.get_document("good") is not None


def test_jsonl_results_one_per_line(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    lines = [json.dumps({"id": "j1", "text": BODY}), "{broken", json.dumps({"id": "j2", "text": OTHER})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[FileResult] = []
    report = ingest([str(path)], settings, store=store, extractor=FakeExtractor(), on_file=seen.append)
    assert [(f.path, f.status) for f in report.files] == [
        ("j1", "ingested"),
        (f"{path}#line2", "failed"),
        ("j2", "ingested"),
    ]
    assert sorted(f.path for f in seen) == sorted(f.path for f in report.files)


def test_same_id_twice_with_different_text_fails_the_second(settings: Settings, store: RecordingStore) -> None:
    report = ingest_documents([Document("x", BODY), Document("x", OTHER)], settings, store, extractor=FakeExtractor())
    assert [f.status for f in report.files] == ["ingested", "failed"]


@pytest.mark.parametrize(("fmt", "expected"), [("article", False), ("transcript", True)])
def test_doc_format_overrides_detection(fmt: str, expected: bool) -> None:
    assert is_transcript(Document("d", "ANNA: hello\nTOM: hi"), fmt) is expected


def test_unknown_doc_format_lists_choices(settings: Settings, store: RecordingStore) -> None:
    with pytest.raises(ConfigError, match="Choose one of: article, auto, transcript"):
        ingest_documents([], settings.model_copy(update={"doc_format": "poem"}), store)


def test_report_summary_counts(tmp_path: Path, settings: Settings, store: RecordingStore) -> None:
    paths = write(tmp_path, {"a.txt": BODY, "b.txt": BODY, "c.txt": "   \n"})
    report = ingest([*paths, str(tmp_path / "missing.txt")], settings, store=store, extractor=FakeExtractor())
    assert (report.count("ingested"), report.count("duplicate"), report.count("failed")) == (1, 1, 2)
    assert "1 documents ingested, 1 skipped as duplicates" in report.summary()


def test_interrupted_ingest_resumes_to_the_same_store(tmp_path: Path, settings: Settings) -> None:
    paths = write(tmp_path, {"a.txt": REPEATED, "b.txt": OTHER})
    clean = RecordingStore()
    ingest(paths, settings, store=clean, extractor=FakeExtractor())
    store = RecordingStore()
    store.crash_after_statements = True
    with pytest.raises(KeyboardInterrupt):
        ingest(paths, settings, store=store, extractor=FakeExtractor())
    # statements were written, but no document record looks complete
    assert store.counts()["statements"] > 0 and store.counts()["documents"] == 0
    store.crash_after_statements = False
    report = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert report.count("ingested") == 2
    assert store.counts() == clean.counts()
    assert sorted(s.statement_id for s in store.statements()) == sorted(s.statement_id for s in clean.statements())


def test_statements_inside_skipped_spans_are_dropped(settings: Settings, store: RecordingStore) -> None:
    class Careless(FakeExtractor):
        def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
            return super().extract(docs, [[] for _ in docs])  # ignores the skipped spans

    ingest_documents([Document("r", REPEATED)], settings, store, extractor=Careless())
    assert len(store.statements()) == 2


def test_templated_sibling_is_indexed_not_a_copy(settings: Settings, store: RecordingStore) -> None:
    template = "Governor {} said the emergency declaration for {} was approved. " + "\n\n".join(
        f"Paragraph {i}: federal funds cover repairs to roads, bridges and public buildings." for i in range(20)
    )
    docs = [
        Document("ok", template.format("Lena Ortiz", "Oklahoma"), date="2024-05-01"),
        Document("la", template.format("Lena Ortiz", "Louisiana"), date="2024-05-01"),
    ]
    report = ingest_documents(docs, settings, store, extractor=FakeExtractor())
    assert [f.status for f in report.files] == ["ingested", "ingested"]
    assert "similar to ok" in report.files[1].reason
    assert store.chunks(Filters(doc_id="la"))


def test_transcripts_keep_short_repeated_turns(
    settings: Settings, store: RecordingStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.transcript

    turn = "MODERATOR: Thank you very much. Next question, please, from the back."
    text = "\n\n".join([turn, "ANNA BERG: The quay opens on Monday.", turn, "TOM REED: Not before June."])

    def turns(doc: Document, registry: Sequence[object] = ()) -> list[Statement]:
        out, pos = [], 0
        for block in doc.text.split("\n\n"):
            start = doc.text.index(block, pos)
            label, _, said = block.partition(": ")
            s = start + len(label) + 2
            out.append(Statement(doc.doc_id, said, s, s + len(said), type="turn", speaker=label.title()))
            pos = start + len(block)
        return out

    monkeypatch.setattr(index.transcript, "transcript_statements", turns)
    transcript = settings.model_copy(update={"doc_format": "transcript"})
    report = ingest_documents([Document("t1", text)], transcript, store, extractor=FakeExtractor())
    assert report.files[0].statements == 4
    assert [s.speaker for s in store.statements()] == ["Moderator", "Anna Berg", "Moderator", "Tom Reed"]
    assert store.get_document("t1").kind == "transcript"  # type: ignore[union-attr]


KILL_CHILD = """
import sys, time
from pathlib import Path
import index.build
from rag.settings import Settings
from rag.store import Store, make_client
from tests.fakes import BagOfWordsEmbeddings
from tests.test_build import FakeExtractor

marker, data, *paths = sys.argv[1:]

class Stalling(Store):
    batches = 0

    def add_chunks(self, chunks):
        Stalling.batches += 1
        if Stalling.batches == 2:  # batch 1 is complete, batch 2 has its statements and no document yet
            Path(marker).write_text("ready")
            time.sleep(600)
        super().add_chunks(chunks)

index.build.BATCH_DOCS = 2
settings = Settings(data_dir=data)
store = Stalling(BagOfWordsEmbeddings(), make_client(settings), settings.collection_prefix)
index.build.ingest(paths, settings, store=store, extractor=FakeExtractor())
"""


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from rag.store import make_client

    texts = {f"d{i}.txt": f"Reporter {i} wrote this.\n\n“Quote number {i} is here,” said Anna Berg." for i in range(6)}
    paths = write(tmp_path, texts)
    marker = tmp_path / "marker"
    killed = Settings(data_dir=tmp_path / "killed")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_CHILD, str(marker), str(killed.data_dir), *paths], cwd=root, env=env
    )
    try:
        for _ in range(1200):  # wait for the child to reach the middle of batch 2 (or to die)
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the child ingest never reached batch 2"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()

    def open_store(s: Settings) -> Store:
        return Store(BagOfWordsEmbeddings(), make_client(s), s.collection_prefix)

    store = open_store(killed)
    mid = store.counts()
    assert mid["documents"] == 2 and mid["statements"] == 4  # batch 2's statements, without its documents
    rerun = ingest(paths, killed, store=store, extractor=FakeExtractor())
    assert [f.status for f in rerun.files] == ["duplicate"] * 2 + ["ingested"] * 4
    clean_settings = Settings(data_dir=tmp_path / "clean")
    clean = open_store(clean_settings)
    ingest(paths, clean_settings, store=clean, extractor=FakeExtractor())
    assert store.counts() == clean.counts()
    assert sorted(s.statement_id for s in store.statements()) == sorted(s.statement_id for s in clean.statements())
    assert sorted(c.chunk_id for c in store.chunks()) == sorted(c.chunk_id for c in clean.chunks())


def test_transcript_labels_resolve_against_what_is_already_stored(settings: Settings, store: RecordingStore) -> None:
    # Stored earlier: a statement by Jeff Zients, role known.
    earlier = Statement("a1", "We are on track.", 0, 16, type="direct", speaker="Jeff Zients", role="Coordinator")
    store.add_statements([earlier])
    store.add_document(Document("a1", "We are on track. More text follows here."))
    text = (
        "Press Briefing by the COVID-19 Response Team\n\n"
        "MR. ZIENTS: Good morning. We have shipped twelve million doses this week.\n\n"
        "Q Thank you. When will the next shipment arrive?\n\n"
        "MR. ZIENTS: Next Tuesday, as planned, to every state that ordered it."
    )
    transcript = settings.model_copy(update={"doc_format": "transcript"})
    report = ingest_documents([Document("t2", text, date="2021-03-01")], transcript, store, extractor=FakeExtractor())
    assert report.files[0].status == "ingested"
    turns = [s for s in store.statements(Filters(doc_id="t2")) if s.type == "turn"]
    assert turns and {s.speaker for s in turns} == {"Jeff Zients"}
