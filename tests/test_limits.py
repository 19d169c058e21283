"""Upload size and document length limits: settings with sane defaults, enforced with messages that say how."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.build import ingest
from rag.errors import InputError
from rag.settings import Settings
from rag.store import Store
from tests.ingest_runner import QuoteExtractor

ARTICLE = "“The bridge opens in May,” Alma Reyes said. "
BIG, LONG = ARTICLE * 25_000, ARTICLE * 30  # 1.1 MB; 1,320 characters
UP, DC = "WHOSAID_MAX_UPLOAD_MB", "WHOSAID_MAX_DOC_CHARS"


def test_defaults_are_sane_and_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = Settings()
    assert 10 <= defaults.max_upload_mb <= 500
    assert 100_000 <= defaults.max_doc_chars <= 10_000_000
    monkeypatch.setenv("WHOSAID_MAX_UPLOAD_MB", "3")
    monkeypatch.setenv("WHOSAID_MAX_DOC_CHARS", "1234")
    assert (Settings().max_upload_mb, Settings().max_doc_chars) == (3, 1234)


@pytest.mark.parametrize(
    ("name", "content", "limits", "reason_parts"),
    [
        ("big.txt", BIG, {"max_upload_mb": 1}, ["1.1 MB", "over the limit of 1 MB", UP]),
        ("big.md", BIG, {"max_upload_mb": 1}, ["over the limit of 1 MB", UP]),
        ("big.jsonl", json.dumps({"id": "j", "text": BIG}), {"max_upload_mb": 1}, [UP]),
        ("long.txt", LONG, {"max_doc_chars": 1000}, ["1,320 characters", "limit of 1,000", DC]),
        ("long.md", LONG, {"max_doc_chars": 1000}, ["limit of 1,000", DC]),
        ("long.html", f"<html><body><p>{LONG}</p></body></html>", {"max_doc_chars": 1000}, ["limit of 1,000", DC]),
    ],
    ids=["upload-txt", "upload-md", "upload-jsonl", "chars-txt", "chars-md", "chars-html"],
)  # fmt: skip
def test_over_limit_file_fails_with_reason_and_the_rest_is_ingested(
    tmp_path: Path, memory_store: Store, name: str, content: str, limits: dict[str, int], reason_parts: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", **limits)  # type: ignore[arg-type]
    report = ingest([str(folder)], settings, store=memory_store, extractor=QuoteExtractor())
    by_name = {Path(f.path).name: f for f in report.files}
    bad = by_name[name]
    assert bad.status == "failed"
    for part in reason_parts:
        assert part in bad.reason
    assert by_name["ok.txt"].status == "ingested" and by_name["ok.txt"].statements == 1
    assert memory_store.counts()["documents"] == 1  # nothing of the oversized input was stored


def test_jsonl_line_over_doc_limit_fails_alone(tmp_path: Path, memory_store: Store) -> None:
    lines = [
        {"id": "short", "text": ARTICLE},
        {"id": "long", "text": ARTICLE * 30},
        {"id": "short2", "text": "Hi. " + ARTICLE},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    report = ingest([str(path)], Settings(data_dir=tmp_path / "d", max_doc_chars=1000), store=memory_store,
                    extractor=QuoteExtractor())  # fmt: skip
    assert [f.status for f in report.files] == ["ingested", "failed", "ingested"]
    assert "limit of 1,000" in report.files[1].reason and "WHOSAID_MAX_DOC_CHARS" in report.files[1].reason
    assert memory_store.get_document("long") is None


@pytest.mark.parametrize(("chars", "status"), [(999, "ingested"), (1000, "ingested"), (1001, "failed")])
def test_doc_limit_boundary(tmp_path: Path, memory_store: Store, chars: int, status: str) -> None:
    path = tmp_path / "edge.txt"
    path.write_text((ARTICLE * 30)[:chars], encoding="utf-8")
    report = ingest([str(path)], Settings(data_dir=tmp_path / "d", max_doc_chars=1000), store=memory_store,
                    extractor=QuoteExtractor())  # fmt: skip
    assert report.files[0].status == status


def test_upload_over_limit_is_refused_with_how_to_fix(tmp_path: Path, memory_store: Store) -> None:
    from web.uploads import documents_from_json, ingest_uploads

    settings = Settings(data_dir=tmp_path / "d", max_upload_mb=1, max_doc_chars=1000)
    with pytest.raises(InputError, match=r"larger than 1 MB.*WHOSAID_MAX_UPLOAD_MB"):
        ingest_uploads([("huge.txt", b"x" * (1024 * 1024 + 1))], settings, memory_store, extractor=QuoteExtractor())
    assert memory_store.counts()["documents"] == 0
    with pytest.raises(InputError, match="longer than 1000 characters"):
        documents_from_json([{"id": "a", "text": "y" * 1001}], settings)
    assert len(documents_from_json([{"id": "a", "text": "y" * 1000}], settings)) == 1


def test_json_documents_get_the_jsonl_record_checks(settings: Settings) -> None:
    from web.uploads import documents_from_json

    (doc,) = documents_from_json([{"id": "a", "text": "Some words.", "date": "June 1, 2025"}], settings)
    assert doc.date == "2025-06-01"  # normalised like a JSONL line, so date filters find it
    with pytest.raises(InputError, match="unknown kind 'memo'"):
        documents_from_json([{"id": "b", "text": "Some words.", "kind": "memo"}], settings)
