"""Ingest from the web: uploaded files (UI and API) and JSON documents (API), through index.build.

An uploaded file is read by index.load like any other path, but its document id is the file's name as
the user gave it (not the temporary path it was saved under), as `whosaid ingest NAME` would give it.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import InputError
from rag.records import Document, FileResult, IngestReport
from rag.settings import Settings

if TYPE_CHECKING:
    from index.extract import StatementExtractor
    from rag.store import Store

UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(name: str) -> str:
    """The base name of an uploaded file with only harmless characters ('../../x.txt' -> 'x.txt')."""
    base = UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")[:120]
    return base or "upload.txt"


def ingest_paths_as(
    named: Sequence[tuple[Path, str]],
    settings: Settings,
    store: Store,
    on_file: Callable[[FileResult], None] | None = None,
    extractor: StatementExtractor | None = None,
) -> IngestReport:
    """Ingest files saved at `path`, each identified by its user-facing `name`."""
    from index.build import ingest_documents
    from index.load import LoadFailure, load_paths

    started = time.monotonic()
    names = {str(path): name for path, name in named}
    docs: list[Document] = []
    failures: list[FileResult] = []
    for item in load_paths(list(names), settings):
        if isinstance(item, LoadFailure):
            base, sep, rest = item.path.partition("#")  # JSONL failures are "path#lineN"
            failure = FileResult(path=names.get(base, "upload") + sep + rest, status="failed", reason=item.reason)
            failures.append(failure)
            if on_file:
                on_file(failure)
            continue
        name = names.get(item.path)
        if name is None:  # a JSONL record: it keeps its own id
            docs.append(item)
            continue
        docs.append(dataclasses.replace(item, doc_id=name if item.doc_id == item.path else item.doc_id, path=name))
    report = ingest_documents(docs, settings, store, extractor, on_file=on_file) if docs else None
    files = tuple(failures) + (report.files if report else ())
    return IngestReport(files=files, elapsed_s=time.monotonic() - started)


def ingest_uploads(
    uploads: Sequence[tuple[str, bytes]],
    settings: Settings,
    store: Store,
    on_file: Callable[[FileResult], None] | None = None,
    extractor: StatementExtractor | None = None,
) -> IngestReport:
    """Save (name, content) uploads to a temporary folder and ingest them under their names."""
    limit = settings.max_upload_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="whosaid-upload-") as tmp:
        named: list[tuple[Path, str]] = []
        for i, (name, content) in enumerate(uploads):
            if len(content) > limit:
                raise InputError(
                    f"{safe_name(name)} is larger than {settings.max_upload_mb} MB "
                    "(raise WHOSAID_MAX_UPLOAD_MB or split the file)."
                )
            path = Path(tmp) / str(i) / safe_name(name)
            path.parent.mkdir()
            path.write_bytes(content)
            named.append((path, safe_name(name)))
        return ingest_paths_as(named, settings, store, on_file, extractor)


def documents_from_json(records: Sequence[dict[str, object]], settings: Settings) -> list[Document]:
    """JSON documents of POST /api/ingest -> Document records (the JSONL shape: id, text, title, ...)."""
    from index.load import document_from_record

    docs = []
    for i, rec in enumerate(records):
        doc_id, text = str(rec.get("id") or "").strip(), rec.get("text")
        if not doc_id or not isinstance(text, str) or not text.strip():
            raise InputError(f"Document {i} needs a non-empty 'id' and 'text'.")
        if len(text) > settings.max_doc_chars:
            raise InputError(f"Document '{doc_id}' is longer than {settings.max_doc_chars} characters.")
        try:  # the JSONL record checks: date normalisation, known kinds
            docs.append(document_from_record({**rec, "id": doc_id}, doc_id, settings))
        except InputError as e:
            raise InputError(f"Document '{doc_id}': {e}") from e
    return docs
