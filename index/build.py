"""Compose the write path: load -> dedupe -> statements -> passages -> store, idempotent and resumable.

Per batch of documents the store receives statements, then passages, then the document records last:
a run killed midway leaves no document record for unfinished work, so the next run redoes it, and
content-derived ids make the redo upsert nothing new.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from index.chunk import chunk_document, passage_spans
from index.dedupe import MIN_REPEAT_CHARS, NearDuplicateIndex, in_spans, repeated_spans, same_story, signature
from index.load import LoadFailure, load_paths
from rag.errors import unknown_choice
from rag.records import Chunk, DocKind, Document, FileResult, IngestReport, Statement
from rag.settings import Settings

if TYPE_CHECKING:
    from index.extract import StatementExtractor
    from rag.store import Store

log = logging.getLogger(__name__)

BATCH_DOCS = 32  # documents per batch: nlp.pipe and the embedding model batch across them
DOC_FORMATS = ("auto", "article", "transcript")
MIN_REPEAT_TRANSCRIPT = 300
OnFile = Callable[[FileResult], None]
T = TypeVar("T")
A = TypeVar("A")


@dataclass
class Pending:
    """A document accepted for indexing in the current batch."""

    doc: Document
    where: str
    signature: str
    skip: list[tuple[int, int]]
    note: str = ""  # a remark for the FileResult ("replaced an earlier version")


def attach_metadata(statements: Iterable[Statement], doc: Document) -> list[Statement]:
    """Statements carrying the document's title/date/source/url; ones whose offsets disagree with the text dropped."""
    out = []
    for s in statements:
        if doc.text[s.start : s.end] != s.quote:
            log.warning("%s: dropped a statement whose offsets %d-%d miss its quote", doc.doc_id, s.start, s.end)
            continue
        out.append(replace(s, doc_id=doc.doc_id, title=doc.title, date=doc.date, source=doc.source, url=doc.url))
    return out


def guarded(fn: Callable[[A], T], arg: A) -> T | str:
    """fn(arg), or a failure reason when it raises."""
    # Statement extraction runs on untrusted text: one document that trips it must not end a long
    # ingest, so its error becomes that document's failure reason (with the traceback in the log).
    try:
        return fn(arg)
    except Exception as e:
        log.exception("statement extraction failed")
        return f"statement extraction failed ({type(e).__name__}: {e})"


def is_transcript(doc: Document, doc_format: str) -> bool:
    """Whether to read `doc` as a speaker-labelled transcript under the doc_format setting."""
    if doc_format not in DOC_FORMATS:
        raise unknown_choice("document format", doc_format, DOC_FORMATS)
    if doc_format != "auto":
        return doc_format == "transcript"
    if doc.kind == "transcript":
        return True
    try:
        from index.transcript import detect_transcript
    except ImportError:  # the transcript stage (#7) may not be installed yet: everything is an article
        return False
    return detect_transcript(doc)


class Ingestor:
    """Dedupe state for one run (stored hashes and signatures) and the batch writer."""

    def __init__(self, settings: Settings, store: Store, extractor: StatementExtractor | None = None) -> None:
        if settings.doc_format not in DOC_FORMATS:
            raise unknown_choice("document format", settings.doc_format, DOC_FORMATS)
        self.settings = settings
        self.store = store
        self._extractor = extractor
        self.by_hash: dict[str, str] = {}  # content hash -> first doc_id holding it
        self.hash_of: dict[str, str] = {}  # doc_id -> content hash, for stored documents
        self.near = NearDuplicateIndex()
        self.run_ids: set[str] = set()
        self.pending: dict[str, Document] = {}  # accepted in this batch, not stored yet
        self.known: list[Statement] | None = None  # attributed statements, loaded when a transcript needs them
        for doc_id, meta in store.document_meta():
            h = str(meta.get("content_hash", ""))
            self.hash_of[doc_id] = h
            self.by_hash.setdefault(h, doc_id)
            if not meta.get("duplicate_of"):
                self.near.add(doc_id, str(meta.get("signature", "")))

    @property
    def extractor(self) -> StatementExtractor:
        """The given extractor, else the configured one (spaCy loads only when an article needs it)."""
        if self._extractor is None:
            from index.extract import make_extractor

            self._extractor = make_extractor(self.settings)
        return self._extractor

    def classify(self, doc: Document, where: str) -> FileResult | Pending:
        """A final FileResult for a duplicate or a copy (the copy's record is written here), else Pending."""
        h = doc.content_hash
        first = self.by_hash.get(h)
        if first is not None:
            reason = "already ingested, unchanged" if first == doc.doc_id else f"same text as {first}, already ingested"
            return FileResult(where, "duplicate", first, reason)
        if doc.doc_id in self.run_ids:
            return FileResult(where, "failed", doc.doc_id, f"id {doc.doc_id} appears twice with different text")
        replaced = doc.doc_id in self.hash_of
        if replaced:
            # The same id with new text: an updated document replaces the old one and its statements.
            self.store.delete_document(doc.doc_id)
            self.near.remove(doc.doc_id)
            self.by_hash.pop(self.hash_of.pop(doc.doc_id), None)
        sig = signature(doc.text)
        near = self.near.query(sig, self.settings.near_duplicate_threshold)
        self.by_hash[h] = doc.doc_id
        self.hash_of[doc.doc_id] = h
        note = "replaced an earlier version" if replaced else ""
        if near is not None:
            first, sim = near
            original = self.pending.get(first) or self.store.get_document(first)
            if original is not None and same_story(original.text, original.date, doc.text, doc.date):
                self.store.add_document(replace(doc, duplicate_of=first), signature=sig)
                reason = f"near-duplicate of {first} (similarity {sim:.2f}); not indexed"
                return FileResult(where, "copy", doc.doc_id, reason)
            note = f"similar to {first} ({sim:.2f}) but other names or date: indexed on its own"
        self.near.add(doc.doc_id, sig)
        self.run_ids.add(doc.doc_id)
        kind: DocKind = "transcript" if is_transcript(doc, self.settings.doc_format) else "article"
        doc = replace(doc, kind=kind)
        self.pending[doc.doc_id] = doc
        # Identical long turns do recur in a transcript ("Next question, please."); only long runs are copies there.
        skip = repeated_spans(doc.text, MIN_REPEAT_TRANSCRIPT if kind == "transcript" else MIN_REPEAT_CHARS)
        return Pending(doc, where, sig, skip, note)

    def forget(self, p: Pending) -> None:
        """Undo `classify` for a document that failed, so a later copy of it is not called a duplicate."""
        self.near.remove(p.doc.doc_id)
        self.by_hash.pop(p.doc.content_hash, None)
        self.hash_of.pop(p.doc.doc_id, None)

    def statements_for(self, batch: Sequence[Pending]) -> list[list[Statement] | str]:
        """Statements per pending document, or a failure reason for a document whose extraction raised."""
        out: list[list[Statement] | str] = [[] for _ in batch]
        articles = [i for i, p in enumerate(batch) if p.doc.kind == "article"]
        transcripts = [i for i, p in enumerate(batch) if p.doc.kind == "transcript"]
        if transcripts:
            turns = guarded(self._transcripts, [batch[i] for i in transcripts])
            for k, i in enumerate(transcripts):
                out[i] = turns if isinstance(turns, str) else turns[k]
        if articles:
            got = guarded(self._extract, [batch[i] for i in articles])
            if isinstance(got, str):  # find the document that breaks the extractor; the others go on
                for i in articles:
                    one = guarded(self._extract, [batch[i]])
                    out[i] = one if isinstance(one, str) else one[0]
            else:
                for i, sts in zip(articles, got, strict=True):
                    out[i] = sts
        return [o if isinstance(o, str) else self._kept(o, batch[i]) for i, o in enumerate(out)]

    @staticmethod
    def _kept(statements: list[Statement], p: Pending) -> list[Statement]:
        """Statements outside the repeated blocks (whatever the extractor did), with the doc's metadata."""
        return attach_metadata((s for s in statements if not in_spans(s.start, p.skip)), p.doc)

    def _extract(self, batch: Sequence[Pending]) -> list[list[Statement]]:
        got = self.extractor.extract([p.doc for p in batch], [p.skip for p in batch])
        if len(got) != len(batch):
            raise ValueError(f"the extractor returned {len(got)} lists for {len(batch)} documents")
        return got

    def _transcripts(self, batch: Sequence[Pending]) -> list[list[Statement]]:
        """Turns of a batch of transcripts; labels resolve against each other's headers and the registry of
        what is already stored ("MR. ZIENTS" in a briefing whose title names no one)."""
        from index.transcript import batch_transcript_statements
        from rag.speakers import build_registry

        if self.known is None:
            self.known = [s for s in self.store.statements() if s.speaker]
        return batch_transcript_statements([p.doc for p in batch], build_registry(self.known))

    def _prefetch_passages(self, batch: Sequence[Pending], spans: Sequence[Sequence[tuple[int, int]]]) -> None:
        """Start embedding the batch's passages while its statements are extracted (a second core's work).

        Passage boundaries do not depend on the statements (only their speaker lists do), so the texts are
        known before the parse; embeddings without `prefetch` (fakes, user objects) embed on write as before.
        """
        prefetch = getattr(self.store.embeddings, "prefetch", None)
        if prefetch is None:
            return
        prefetch([p.doc.text[s:e] for p, sp in zip(batch, spans, strict=True) for s, e in sp])

    def write(self, batch: Sequence[Pending]) -> list[FileResult]:
        """Extract, chunk and store a batch: statements, then passages, then document records."""
        if not batch:
            return []
        spans = [passage_spans(p.doc, self.settings, p.skip) for p in batch]
        self._prefetch_passages(batch, spans)
        per_doc = self.statements_for(batch)
        results: list[FileResult] = []
        statements: list[Statement] = []
        chunks: list[Chunk] = []
        done: list[Pending] = []
        for p, sts, sp in zip(batch, per_doc, spans, strict=True):
            if isinstance(sts, str):
                self.forget(p)
                results.append(FileResult(p.where, "failed", p.doc.doc_id, sts))
                continue
            cs = chunk_document(p.doc, sts, self.settings, p.skip, spans=sp)
            statements.extend(sts)
            chunks.extend(cs)
            done.append(p)
            results.append(FileResult(p.where, "ingested", p.doc.doc_id, p.note, len(sts), len(cs)))
        self.store.add_statements(statements)
        if self.known is not None:
            self.known.extend(s for s in statements if s.speaker)
        self.store.add_chunks(chunks)
        self.store.add_documents([p.doc for p in done], [{"signature": p.signature} for p in done])
        self.pending.clear()
        return results


def _run(
    items: Iterable[Document | LoadFailure], settings: Settings, store: Store,
    extractor: StatementExtractor | None, progress: bool, on_file: OnFile | None,
) -> IngestReport:  # fmt: skip
    from tqdm import tqdm

    started = time.perf_counter()
    ingestor = Ingestor(settings, store, extractor)
    results: list[tuple[int, FileResult]] = []
    pending: list[tuple[int, Pending]] = []
    bar = tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=not progress)

    def emit(index: int, result: FileResult) -> None:
        results.append((index, result))
        log.info("%s: %s %s", result.path, result.status, result.reason)
        bar.update(1)
        if on_file is not None:
            on_file(result)

    def flush() -> None:
        for (index, _), result in zip(pending, ingestor.write([p for _, p in pending]), strict=True):
            emit(index, result)
        pending.clear()

    for index, item in enumerate(items):
        if isinstance(item, LoadFailure):
            emit(index, FileResult(item.path, "failed", reason=item.reason))
            continue
        got = ingestor.classify(item, item.path or item.doc_id)
        if isinstance(got, FileResult):
            emit(index, got)
        else:
            pending.append((index, got))
            if len(pending) >= BATCH_DOCS:
                flush()
    flush()
    bar.close()
    report = IngestReport(tuple(r for _, r in sorted(results, key=lambda x: x[0])), time.perf_counter() - started)
    log.info(report.summary())
    return report


def ingest(
    paths: Sequence[str], settings: Settings, store: Store | None = None, extractor: StatementExtractor | None = None,
    progress: bool = False, on_file: OnFile | None = None,
) -> IngestReport:  # fmt: skip
    """Read files/folders/globs into the store; one FileResult per input (JSONL: one per line)."""
    if store is None:
        from rag.store import Store

        store = Store.open(settings)
    return _run(load_paths(paths, settings), settings, store, extractor, progress, on_file)


def ingest_documents(
    docs: Iterable[Document], settings: Settings, store: Store, extractor: StatementExtractor | None = None,
    progress: bool = False, on_file: OnFile | None = None,
) -> IngestReport:  # fmt: skip
    """Ingest ready-made Documents (API uploads, JSONL records) with the same dedupe and write order."""
    return _run(docs, settings, store, extractor, progress, on_file)
