"""Frozen records passed between the stages of both paths (stdlib only).

Offsets (`start`, `end`) are always character offsets into `Document.text`, the text exactly as read
(or, for HTML/PDF, exactly as extracted and stored), so `doc.text[s.start:s.end] == s.quote`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

StatementType = Literal["direct", "indirect", "mixed", "turn", "question"]
DocKind = Literal["article", "transcript"]
HitKind = Literal["statement", "passage"]


def stable_id(*parts: object) -> str:
    """A short id derived from content and position (never random), so re-ingests upsert nothing new."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def content_hash(text: str) -> str:
    """Hash of a document's text with whitespace folded: the same article read twice hashes the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One source document; `text` is what every offset points into."""

    doc_id: str
    text: str
    title: str = ""
    date: str = ""  # ISO 8601 date (YYYY-MM-DD) or ""
    source: str = ""
    url: str = ""
    path: str = ""  # where it was read from, "" for JSONL/API input
    kind: DocKind = "article"
    duplicate_of: str = ""  # doc_id of the first copy when this is a near-duplicate

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Statement:
    """A quote or report of speech: what was said (`quote` = text[start:end]) and who said it."""

    doc_id: str
    quote: str
    start: int
    end: int
    type: StatementType = "direct"
    speaker: str = ""  # resolved full name ("Sergei Lavrov"), "" when unknown
    speaker_mention: str = ""  # as written ("the foreign minister")
    speaker_start: int = -1  # offsets of the mention, -1 when there is none
    speaker_end: int = -1
    role: str = ""  # "Russian Foreign Minister"
    cue: str = ""  # "said", "according to", "told reporters"
    cue_start: int = -1
    cue_end: int = -1
    reported_by: str = ""  # nested attribution: who relays it ("Russian media reports")
    turn_index: int = -1  # transcripts: index of the speaker turn
    # document metadata, denormalised so the store can filter on it
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""

    @property
    def statement_id(self) -> str:
        return "s-" + stable_id(self.doc_id, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        """The public JSONL shape of `whosaid statements --jsonl`."""
        return asdict(self) | {"id": self.statement_id}


@dataclass(frozen=True)
class Chunk:
    """A passage of a document used for retrieval; `text` = document text[start:end]."""

    doc_id: str
    text: str
    start: int
    end: int
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    speakers: tuple[str, ...] = ()  # resolved speakers of statements inside this passage

    @property
    def chunk_id(self) -> str:
        return "p-" + stable_id(self.doc_id, self.start, self.end)


@dataclass(frozen=True)
class Filters:
    """Restrictions a question may carry; empty fields restrict nothing. Dates are ISO strings."""

    speaker: str = ""
    source: str = ""
    since: str = ""
    until: str = ""
    doc_id: str = ""

    def is_empty(self) -> bool:
        return not (self.speaker or self.source or self.since or self.until or self.doc_id)


@dataclass(frozen=True)
class Hit:
    """A retrieved statement or passage; `score` is higher-is-better, comparable only within one list."""

    kind: HitKind
    item: Statement | Chunk
    score: float

    @property
    def doc_id(self) -> str:
        return self.item.doc_id

    @property
    def id(self) -> str:
        return self.item.statement_id if isinstance(self.item, Statement) else self.item.chunk_id


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer; `quote` == document text[start:end], inside `passage`."""

    n: int
    doc_id: str
    quote: str
    start: int
    end: int
    passage: str
    passage_start: int
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    speaker: str = ""
    role: str = ""
    type: str = ""
    also_reported_by: tuple[str, ...] = ()  # doc ids / sources of syndicated copies

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["also_reported_by"] = list(self.also_reported_by)
        return d


@dataclass(frozen=True)
class Answer:
    """The final, verified answer: `text` carries `[n]` markers into `citations`."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    filters: Filters = field(default_factory=Filters)
    notes: tuple[str, ...] = ()  # what the verifier dropped, what the question understood

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "filters": asdict(self.filters),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FileResult:
    """What happened to one input: `status` is ingested | duplicate | copy | failed."""

    path: str
    status: Literal["ingested", "duplicate", "copy", "failed"]
    doc_id: str = ""
    reason: str = ""
    statements: int = 0
    passages: int = 0


@dataclass(frozen=True)
class IngestReport:
    """The closing summary of one ingest run."""

    files: tuple[FileResult, ...]
    elapsed_s: float

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def statements(self) -> int:
        return sum(f.statements for f in self.files)

    @property
    def passages(self) -> int:
        return sum(f.passages for f in self.files)

    def summary(self) -> str:
        """One human line, e.g. for the CLI and the upload panel."""
        return (
            f"{self.count('ingested')} documents ingested, {self.count('duplicate')} skipped as duplicates, "
            f"{self.count('copy')} recorded as copies, {self.count('failed')} failed; "
            f"{self.statements} statements, {self.passages} passages in {self.elapsed_s:.1f} s"
        )


@dataclass(frozen=True)
class Speaker:
    """One person or institution in the corpus-wide speaker registry."""

    name: str  # canonical full name
    role: str = ""
    aliases: tuple[str, ...] = ()  # other ways the corpus writes them ("Lavrov", "the foreign minister")
    statements: int = 0
    latest_date: str = ""
    latest_quote: str = ""
    latest_doc_id: str = ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d
