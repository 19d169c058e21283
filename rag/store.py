"""Store: the only code that knows Chroma collections, ids and metadata.

Three collections share one Chroma client (embedded `PersistentClient`, or `HttpClient` when
`WHOSAID_CHROMA_URL` is set): statements and passages are LangChain `Chroma` vector stores; documents
hold the verbatim text every offset points into (with a constant one-dimensional vector: they are
fetched by id, never searched). A document record is written last, after its statements and passages,
so an interrupted ingest leaves no document that looks complete.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

from rag.embeddings import VectorSpace
from rag.errors import ConfigError
from rag.records import Chunk, Document, Filters, Hit, Statement
from rag.settings import Settings

if TYPE_CHECKING:
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

_MEMORY_STORES = itertools.count(1)
BATCH = 1000  # below Chroma's max batch size on every backend
SCAN_PAGE = 20_000  # reads page by offset, and each page costs O(offset) in Chroma's SQLite: few, big pages
SHARED_FIELDS = frozenset({"doc_id", "title", "date", "source", "url", "speaker", "type", "role", "cue", "kind"})
T = TypeVar("T")
VERSION_TTL_S = 1.0  # Chroma's count() costs ~18 ms a collection at 100k records: version() reuses it this long
STATEMENT_FIELDS = (
    "doc_id", "quote", "start", "end", "type", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "role", "cue", "cue_start", "cue_end", "reported_by", "turn_index", "title", "date", "source", "url",
)  # fmt: skip
DOCUMENT_FIELDS = ("title", "date", "source", "url", "path", "kind", "duplicate_of")


def read_space(value: object, *, recorded: bool) -> VectorSpace | None:
    """A vector space as a store records it (a string) or embeddings name it (a VectorSpace or its string);
    None when absent. ConfigError, saying what to do, when it is malformed."""
    if value is None or isinstance(value, VectorSpace):
        return value
    try:
        return VectorSpace.parse(str(value))
    except ValueError as e:
        fix = (
            "This store's record of its embeddings is damaged: ingest into a new WHOSAID_DATA_DIR "
            "(or WHOSAID_COLLECTION_PREFIX)."
            if recorded
            else "The embeddings name an unknown vector space: give them a `vector_space` such as "
            "VectorSpace('my-model', 'fp32'), or none (their vectors are then not checked)."
        )
        raise ConfigError(f"{e}. {fix}") from e


def vector_space_to_record(stored: VectorSpace | None, ours: VectorSpace | None, empty: bool) -> VectorSpace | None:
    """The embedding space to record in the store (None: nothing to write); ConfigError when it holds another.

    `ours` is the embeddings' `vector_space` (None for embeddings that do not say: not checked). Stores
    written before spaces were recorded hold fp32 vectors."""
    if ours is None or stored == ours:
        return None
    held = stored or ("fp32 vectors" if not empty else None)
    if held is None or (stored is None and ours.precision == "fp32"):
        return ours
    raise ConfigError(
        f"This store holds {held} but the settings embed with {ours}: searching it would compare vectors of "
        "two models. Set WHOSAID_EMBED_MODEL / WHOSAID_EMBED_PRECISION back, or ingest into a new "
        "WHOSAID_DATA_DIR (or WHOSAID_COLLECTION_PREFIX)."
    )


def date_num(date: str) -> int:
    """'2023-06-01' -> 20230601; 0 when absent or malformed (Chroma compares numbers, not strings)."""
    digits = date[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def where_clause(filters: Filters | None, *, speaker_field: bool = True) -> dict[str, Any] | None:
    """Chroma `where` for the filters; None when they restrict nothing."""
    if filters is None:
        return None
    parts: list[dict[str, Any]] = []
    if filters.speaker and speaker_field:
        parts.append({"speaker": filters.speaker})
    if filters.source:
        parts.append({"source": filters.source})
    if filters.doc_id:
        parts.append({"doc_id": filters.doc_id})
    if filters.since:
        parts.append({"date_num": {"$gte": date_num(filters.since)}})
    if filters.until:
        parts.append({"date_num": {"$lte": date_num(filters.until) or 99991231}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def statement_metadata(s: Statement) -> dict[str, Any]:
    meta = {f: getattr(s, f) for f in STATEMENT_FIELDS}
    meta["date_num"] = date_num(s.date)
    return meta


def statement_from_metadata(meta: dict[str, Any]) -> Statement:
    return Statement(**{f: meta[f] for f in STATEMENT_FIELDS if f in meta})


def statement_embed_text(s: Statement) -> str:
    """What is embedded for a statement: who said it and what they said."""
    who = s.speaker or s.speaker_mention
    return f"{who}: {s.quote}" if who else s.quote


def chunk_metadata(c: Chunk) -> dict[str, Any]:
    return {
        "doc_id": c.doc_id, "start": c.start, "end": c.end, "title": c.title, "date": c.date,
        "date_num": date_num(c.date), "source": c.source, "url": c.url,
        "speakers": "|" + "|".join(c.speakers) + "|" if c.speakers else "",
    }  # fmt: skip


def chunk_from(text: str, meta: dict[str, Any]) -> Chunk:
    speakers = tuple(s for s in str(meta.get("speakers", "")).split("|") if s)
    return Chunk(
        doc_id=meta["doc_id"], text=text, start=meta["start"], end=meta["end"], title=meta.get("title", ""),
        date=meta.get("date", ""), source=meta.get("source", ""), url=meta.get("url", ""), speakers=speakers,
    )  # fmt: skip


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """Embedded PersistentClient under data_dir, or an HttpClient for WHOSAID_CHROMA_URL; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(f"WHOSAID_CHROMA_URL must look like http://host:8000, got '{settings.chroma_url}'")
        return chromadb.HttpClient(
            host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=chroma_settings
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class Store:
    """Documents, statements and passages in Chroma; `client=None` means a throwaway in-memory Chroma."""

    def __init__(
        self,
        embeddings: Embeddings,
        client: chromadb.ClientAPI | None = None,
        prefix: str = "whosaid",
        cache_dir: Path | None = None,
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.embeddings = embeddings
        if client is None:
            # In-process Chroma clients share one system, so each throwaway store gets its own collections.
            client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
            prefix = f"{prefix}-mem{next(_MEMORY_STORES)}"
        self.client = client
        self.prefix = prefix
        # Full scans (statements(), chunks()) are kept here between runs, keyed by content: see _cached.
        self.cache_dir = cache_dir
        self._version: tuple[float, tuple[int, int, int]] | None = None  # (when, version); own writes reset it
        self._content_key: tuple[tuple[int, int, int], str] | None = None  # (version, key); own writes reset it
        self.statements_vs = self._vector_store("statements")
        self.passages_vs = self._vector_store("passages")
        # embedding_function=None: Chroma's default ONNX function would try to download a model.
        self.documents = self.client.get_or_create_collection(f"{prefix}_documents", embedding_function=None)
        self._record_vector_space(read_space(getattr(embeddings, "vector_space", None), recorded=False))

    def _record_vector_space(self, ours: VectorSpace | None) -> None:
        stored = read_space((self.documents.metadata or {}).get("vector_space"), recorded=True)
        if ours is None or stored == ours:
            return
        empty = not any(c.count() for c in (self.statements_vs._collection, self.passages_vs._collection))
        settle = getattr(self.embeddings, "settle_space", None)
        if settle is not None:  # precision `auto`: embed in the space this store already holds
            ours = settle(stored, empty)
        record = vector_space_to_record(stored, ours, empty)
        if record is not None:
            self.documents.modify(metadata={**(self.documents.metadata or {}), "vector_space": str(record)})

    @classmethod
    def open(cls, settings: Settings, embeddings: Embeddings | None = None) -> Store:
        """The store the settings describe, with the configured embeddings unless given."""
        if embeddings is None:
            from rag.embeddings import make_embeddings

            embeddings = make_embeddings(settings)
        where = hashlib.sha1((settings.chroma_url or "embedded").encode()).hexdigest()[:12]
        return cls(embeddings, make_client(settings), settings.collection_prefix, settings.cache_dir / f"scan-{where}")

    def _vector_store(self, name: str) -> Chroma:
        from langchain_chroma import Chroma

        return Chroma(
            collection_name=f"{self.prefix}_{name}",
            embedding_function=self.embeddings,
            client=self.client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )

    # ------------------------------------------------------------------ write
    def add_statements(self, statements: Sequence[Statement]) -> None:
        """Upsert statements (embedding who + what); ids derive from content, so re-adding changes nothing."""
        self._forget_version()
        for i in range(0, len(statements), BATCH):
            batch = statements[i : i + BATCH]
            self.statements_vs.add_texts(
                [statement_embed_text(s) for s in batch],
                metadatas=[statement_metadata(s) for s in batch],
                ids=[s.statement_id for s in batch],
            )

    def add_chunks(self, chunks: Sequence[Chunk]) -> None:
        """Upsert passages."""
        self._forget_version()
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i : i + BATCH]
            self.passages_vs.add_texts(
                [c.text for c in batch], metadatas=[chunk_metadata(c) for c in batch], ids=[c.chunk_id for c in batch]
            )

    def add_document(self, doc: Document, **extra: str | int | float | bool) -> None:
        """Upsert the document record (its text verbatim); call after its statements and passages."""
        self.add_documents([doc], [extra])

    def add_documents(
        self, docs: Sequence[Document], extras: Sequence[Mapping[str, str | int | float | bool]] | None = None
    ) -> None:
        """Upsert document records, many per write (each write costs ~30 ms embedded, whatever its size)."""
        self._forget_version()
        metas: list[Mapping[str, Any]] = [
            {f: getattr(doc, f) for f in DOCUMENT_FIELDS}
            | {"content_hash": doc.content_hash, "date_num": date_num(doc.date)}
            | dict(extras[i] if extras else {})
            for i, doc in enumerate(docs)
        ]
        for i in range(0, len(docs), BATCH):
            batch = docs[i : i + BATCH]
            unit: list[Sequence[float]] = [[1.0]] * len(batch)
            self.documents.upsert(
                ids=[d.doc_id for d in batch], documents=[d.text for d in batch], metadatas=metas[i : i + BATCH],
                embeddings=unit,
            )  # fmt: skip

    def delete_document(self, doc_id: str) -> None:
        """Remove a document with its statements and passages."""
        self._forget_version()
        for vs in (self.statements_vs, self.passages_vs):
            ids = vs.get(where={"doc_id": doc_id}, include=[])["ids"]
            if ids:
                vs.delete(ids=ids)
        self.documents.delete(ids=[doc_id])

    # ------------------------------------------------------------------ documents
    def get_document(self, doc_id: str) -> Document | None:
        got = self.documents.get(ids=[doc_id], include=["documents", "metadatas"])
        if not got["ids"]:
            return None
        return self._document(got["ids"][0], (got["documents"] or [""])[0], (got["metadatas"] or [{}])[0])

    def get_documents(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Documents by id (missing ids are left out)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        got = self.documents.get(ids=ids, include=["documents", "metadatas"])
        docs, metas = got["documents"] or [], got["metadatas"] or []
        return {i: self._document(i, t, m) for i, t, m in zip(got["ids"], docs, metas, strict=True)}

    @staticmethod
    def _document(doc_id: str, text: str, meta: Any) -> Document:
        return Document(doc_id=doc_id, text=text, **{f: meta.get(f, "") for f in DOCUMENT_FIELDS})

    def document_meta(self, where: dict[str, Any] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc_id, metadata) of stored documents, without their text, in pages."""
        offset = 0
        while True:
            got = self.documents.get(where=where, limit=SCAN_PAGE, offset=offset, include=["metadatas"])
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                yield doc_id, dict(meta)
            if len(got["ids"]) < SCAN_PAGE:
                return
            offset += SCAN_PAGE

    def find_by_hash(self, content_hash: str) -> str | None:
        """doc_id of a stored document with this content hash, if any."""
        got = self.documents.get(where={"content_hash": content_hash}, limit=1, include=[])
        return got["ids"][0] if got["ids"] else None

    # ------------------------------------------------------------------ read
    def statements(self, filters: Filters | None = None, limit: int | None = None) -> list[Statement]:
        """Stored statements matching the filters, in document then offset order."""
        if limit is None and (filters is None or filters.is_empty()):
            return self._cached("statements", lambda: self._statements(None, None))
        return self._statements(filters, limit)

    def _statements(self, filters: Filters | None, limit: int | None) -> list[Statement]:
        out = [statement_from_metadata(m) for _, m in self._scan(self.statements_vs, where_clause(filters), limit)]
        return sorted(out, key=lambda s: (s.date, s.doc_id, s.start))

    def chunks(self, filters: Filters | None = None, limit: int | None = None) -> list[Chunk]:
        """Stored passages matching the filters (the speaker filter does not apply to passages)."""
        if limit is None and (filters is None or filters.is_empty()):
            return self._cached("passages", lambda: self._chunks(None, None))
        return self._chunks(filters, limit)

    def _chunks(self, filters: Filters | None, limit: int | None) -> list[Chunk]:
        where = where_clause(filters, speaker_field=False)
        return [chunk_from(t, m) for t, m in self._scan(self.passages_vs, where, limit)]

    def _scan(self, vs: Chroma, where: dict[str, Any] | None, limit: int | None) -> Iterator[tuple[str, Any]]:
        offset = 0
        shared: dict[str, str] = {}  # one str object per distinct title/url/doc_id/... across all records
        while limit is None or offset < limit:
            page = SCAN_PAGE if limit is None else min(SCAN_PAGE, limit - offset)
            got = vs.get(where=where, limit=page, offset=offset, include=["documents", "metadatas"])
            for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True):
                yield text, {k: shared.setdefault(v, v) if k in SHARED_FIELDS and isinstance(v, str) else v
                             for k, v in meta.items()}  # fmt: skip
            if len(got["ids"]) < page:
                return
            offset += page

    def content_key(self, fresh: bool = False) -> str:
        """A fingerprint of the stored content: counts plus every document's id and content hash.

        Reused while version() is unchanged (a full document scan costs seconds at 100k statements);
        fresh=True counts again now, to check that nothing was written during a scan.
        """
        if fresh:
            self._forget_version()
        version = self.version()
        if self._content_key is not None and self._content_key[0] == version:
            return self._content_key[1]
        h = hashlib.sha1(repr((self.prefix, version)).encode())
        for doc_id, meta in sorted(self.document_meta()):
            h.update(f"{doc_id}\0{meta.get('content_hash', '')}\0".encode())
        self._content_key = (version, h.hexdigest()[:20])
        return self._content_key[1]

    def _forget_version(self) -> None:
        self._version = None
        self._content_key = None

    def _cached(self, kind: str, scan: Callable[[], list[T]]) -> list[T]:
        """A full scan, read from cache_dir when the content is unchanged since it was written there."""
        if self.cache_dir is None:
            return scan()
        key = self.content_key()
        path = self.cache_dir / f"{self.prefix}-{kind}-{key}.pkl"
        if path.exists():
            try:
                with path.open("rb") as f:
                    cached: list[T] = pickle.load(f)
                return cached
            except Exception as exc:  # a truncated or foreign file: scan again and rewrite it
                log.warning("ignoring unreadable scan cache %s (%s)", path, exc)
        items = scan()
        if self.content_key(fresh=True) == key:  # nothing was written meanwhile: the scan is a consistent snapshot
            _write_atomically(path, items)
            for old in self.cache_dir.glob(f"{self.prefix}-{kind}-*.pkl"):
                if old != path:
                    old.unlink(missing_ok=True)
        return items

    def embed_query(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)

    def search_statements(self, vector: list[float], k: int, filters: Filters | None = None) -> list[Hit]:
        """Nearest statements, best first; score is cosine similarity."""
        pairs = self.statements_vs.similarity_search_by_vector_with_relevance_scores(
            vector, k=k, filter=where_clause(filters)
        )
        return [Hit("statement", statement_from_metadata(d.metadata), 1.0 - dist) for d, dist in pairs]

    def search_statements_among(self, vector: list[float], k: int, ids: Sequence[str]) -> list[Hit]:
        """Nearest statements among these ids, best first (what a filter allows, known by the caller).

        Same hits as the equivalent `where` filter, without Chroma's metadata query (~150 ms at 100k).
        """
        if not ids:
            return []
        pairs = self.statements_vs.similarity_search_by_vector_with_relevance_scores(
            vector, k=min(k, len(ids)), ids=list(ids)
        )
        return [Hit("statement", statement_from_metadata(d.metadata), 1.0 - dist) for d, dist in pairs]

    def search_statements_by(
        self, vector: list[float], k: int, filters: Filters | None, speakers: Sequence[str]
    ) -> list[Hit]:
        """Nearest statements whose speaker is any of `speakers` (a registry entry's merged names), best first."""
        rest = where_clause(Filters(source=filters.source, since=filters.since, until=filters.until,
                                    doc_id=filters.doc_id) if filters else None)  # fmt: skip
        cond: dict[str, Any] = {"speaker": {"$in": list(speakers)}}
        where: Any = cond if rest is None else {"$and": [cond, *rest.get("$and", [rest])]}
        pairs = self.statements_vs.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=where)
        return [Hit("statement", statement_from_metadata(d.metadata), 1.0 - dist) for d, dist in pairs]

    def search_passages(self, vector: list[float], k: int, filters: Filters | None = None) -> list[Hit]:
        """Nearest passages, best first; score is cosine similarity."""
        where = where_clause(filters, speaker_field=False)
        pairs = self.passages_vs.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=where)
        return [Hit("passage", chunk_from(d.page_content, d.metadata), 1.0 - dist) for d, dist in pairs]

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.documents.count(),
            "statements": self.statements_vs._collection.count(),
            "passages": self.passages_vs._collection.count(),
        }

    def version(self) -> tuple[int, int, int]:
        """Changes whenever content is added or removed: a cache key for derived indexes (BM25, registry).

        This store's own writes show at once; other processes' writes within VERSION_TTL_S.
        """
        now = time.monotonic()
        if self._version is not None and now - self._version[0] < VERSION_TTL_S:
            return self._version[1]
        c = self.counts()
        version = (c["documents"], c["statements"], c["passages"])
        self._version = (now, version)
        return version


def release_memory() -> None:
    """Hand freed heap back to the OS (glibc's malloc_trim) after a big scan; a no-op elsewhere.

    A full scan at 100k statements allocates ~1 GB transiently (Chroma's results, then our records);
    glibc keeps most of it mapped after it is freed, so the server's RSS stays that high without this.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        return
    if trim is not None:
        trim(0)


def _write_atomically(path: Path, value: object) -> None:
    """Pickle value to path via a temporary file and a rename, so readers never see half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only data dir only costs the next start a scan
        log.warning("could not write scan cache %s (%s)", path, exc)
