"""Bad input (#6): every bad file is reported with a reason while the rest of the batch ingests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import index.load
from index.build import ingest
from rag.records import FileResult
from rag.settings import Settings
from rag.store import Store
from tests.test_build import FakeExtractor
from tests.test_load import make_pdf

GOOD = "“The harbour reopens on Monday,” Mayor Tom Reed said at the quay.\n\nWork took two years."

BAD_FILES: list[tuple[str, bytes, str]] = [
    # (file name, content, expected words in the reason)
    ("corrupt.pdf", b"%PDF-1.4\n1 0 obj garbage without end", "corrupt or unreadable PDF"),
    ("truncated.pdf", make_pdf("Some text on a page.")[:180], "corrupt or unreadable PDF"),
    ("no-text.pdf", make_pdf(""), "no extractable text"),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary content"),
    ("controls.md", bytes(range(1, 9)) * 200, "binary content"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\t\n \r\n", "empty"),
    ("front-only.md", b"---\ntitle: Nothing else\n---\n\n", "empty"),
    ("big.txt", b"word " * 260_000, "over the limit of 1 MB"),
    ("long.txt", ("x" * 99 + "\n").encode() * 60, "over the limit of 5,000"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", "unsupported file type '.png'; supported: .txt, .md, .html"),
    ("locked.txt", b"Readable only by someone else.", "permission denied"),
    ("not-gzip.jsonl.gz", b"this was never gzipped", "cannot read the file (BadGzipFile"),
    ("cut.jsonl.gz", gzip.compress(b'{"id": "z", "text": "Cut short."}\n' * 50)[:40], "cannot read the file (EOFError"),
    ("script-only.html", b"<html><body><script>alert('x')</script></body></html>", "empty"),
]


@pytest.fixture
def limited(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_upload_mb": 1, "max_doc_chars": 5000})


def run(paths: list[str], settings: Settings, store: Store) -> dict[str, FileResult]:
    report = ingest(paths, settings, store=store, extractor=FakeExtractor())
    assert len(report.files) == len({f.path for f in report.files})
    return {f.path: f for f in report.files}


def test_bad_files_are_reported_and_the_rest_ingests(
    tmp_path: Path, limited: Settings, memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    real_read = index.load.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "locked.txt":  # tests may run as root, where chmod 000 does not stop reading
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(index.load, "read_bytes", read_bytes)
    results = run([paths[0], str(good), *paths[1:]], limited, memory_store)
    for (name, _, reason), path in zip(BAD_FILES, paths, strict=True):
        assert results[path].status == "failed", name
        assert reason in results[path].reason, (name, results[path].reason)
    assert results[str(good)].status == "ingested"
    assert memory_store.counts()["documents"] == 1
    assert [s.quote for s in memory_store.statements()] == ["The harbour reopens on Monday,"]


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("latin1.txt", "Le maire a dit: «café à l'aube».".encode("latin-1"), "Le maire a dit: «café à l'aube»."),
        ("utf16.txt", "\ufeffThe minister said “yes”.".encode("utf-16-le"), "The minister said “yes”."),
        ("utf16-nobom.md", "The mayor said nothing new.".encode("utf-16-le"), "The mayor said nothing new."),
    ],
)
def test_other_encodings_ingest(
    tmp_path: Path, settings: Settings, memory_store: Store, name: str, data: bytes, text: str
) -> None:
    (tmp_path / name).write_bytes(data)
    results = run([str(tmp_path / name)], settings, memory_store)
    assert results[str(tmp_path / name)].status == "ingested"
    doc = memory_store.get_document(str(tmp_path / name))
    assert doc is not None and doc.text == text


def test_html_scripts_never_reach_the_text(tmp_path: Path, settings: Settings, memory_store: Store) -> None:
    html = """<html><head><title>Quay</title><script>var stolen = 'SCRIPT-IN-HEAD';</script></head><body>
    <article><h1>Quay reopens</h1><p>“The harbour reopens on Monday,” Mayor Tom Reed said at the quay.</p>
    <img src="x" onerror="alert('IMG-ONERROR')"><script>document.write('SCRIPT-IN-BODY')</script>
    <p>Work on the quay took two years and cost more than planned, officials said.</p>
    <style>.x { content: 'STYLE-TEXT' }</style><noscript>NOSCRIPT-TEXT</noscript></article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    results = run([str(path)], settings, memory_store)
    assert results[str(path)].status == "ingested"
    doc = memory_store.get_document(str(path))
    assert doc is not None and "The harbour reopens on Monday" in doc.text
    for marker in ("SCRIPT-IN-HEAD", "IMG-ONERROR", "SCRIPT-IN-BODY", "STYLE-TEXT", "onerror", "<"):
        assert marker not in doc.text


def test_jsonl_broken_lines_fail_alone(tmp_path: Path, limited: Settings, memory_store: Store) -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": GOOD}),
        '{"id": "cut", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "huge", "text": "y" * 6000}),
        json.dumps({"id": "odd-kind", "text": "Words.", "kind": "poem"}),
        json.dumps({"id": "ok-2", "text": "Another fine document about the ferry timetable."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe not utf-8\n")
    results = run([str(path)], limited, memory_store)
    failed = {p: f.reason for p, f in results.items() if f.status == "failed"}
    assert set(failed) == {f"{path}#line{n}" for n in (2, 3, 4, 5, 6, 7, 9)}
    assert "broken JSON" in failed[f"{path}#line2"]
    assert "JSON object" in failed[f"{path}#line3"]
    assert "missing 'text'" in failed[f"{path}#line4"]
    assert "empty" in failed[f"{path}#line5"]
    assert "over the limit" in failed[f"{path}#line6"]
    assert "Choose one of: article, transcript" in failed[f"{path}#line7"]
    assert "UTF-8" in failed[f"{path}#line9"]
    assert results["ok-1"].status == results["ok-2"].status == "ingested"


def test_names_with_dotdot_are_read_as_given_and_written_nowhere(
    tmp_path: Path, settings: Settings, memory_store: Store
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a..b.txt").write_text(GOOD, encoding="utf-8")
    given = str(tmp_path / "sub" / ".." / "a..b.txt")
    jsonl = tmp_path / "ids.jsonl"
    jsonl.write_text(json.dumps({"id": "../../etc/evil", "text": "A document with a hostile id."}), encoding="utf-8")
    before = sorted(p for p in tmp_path.rglob("*") if "data" not in p.parts)
    results = run([given, str(jsonl)], settings, memory_store)
    assert results[given].status == "ingested" and results[given].doc_id == given
    assert results["../../etc/evil"].status == "ingested"
    assert sorted(p for p in tmp_path.rglob("*") if "data" not in p.parts) == before
    assert not (tmp_path.parent / "etc").exists()


def test_missing_path_does_not_stop_the_batch(tmp_path: Path, settings: Settings, memory_store: Store) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    results = run([str(tmp_path / "missing.txt"), str(tmp_path / "*.pdf"), str(good)], settings, memory_store)
    assert results[str(tmp_path / "missing.txt")].reason == "no such file or folder"
    assert results[str(tmp_path / "*.pdf")].reason == "the pattern matches no files"
    assert results[str(good)].status == "ingested"
