"""Assistant: the LCEL chain understand | retrieve | rerank | answer | verify, with ask() and stream()."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rag.answer import Draft, ExtractiveAnswerer, make_answerer
from rag.errors import EmptyIndexError
from rag.keyword import KeywordIndex
from rag.records import Answer, Document, Filters, Speaker, Statement
from rag.rerank import make_reranker
from rag.retrieve import Retrieved, retrieve
from rag.settings import Settings
from rag.store import release_memory
from rag.understand import Query, canonical_names, understand
from rag.verify import verify

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

    from rag.store import Store

log = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Note: the generated answer did not pass verification ({reason}); showing the verified quotes instead."
)


def registry_of(statements: Sequence[Statement]) -> list[Speaker]:
    """The corpus-wide speaker registry (rag.speakers)."""
    from rag.speakers import build_registry

    return build_registry(statements)


@dataclass(frozen=True)
class Derived:
    """What the read path derives from the store once per store version: no re-scan per question."""

    version: tuple[int, int, int]
    registry: tuple[Speaker, ...]
    keywords: KeywordIndex
    sources: tuple[str, ...]  # document sources, for "from Reuters" in questions
    copies: dict[str, tuple[str, ...]]  # doc_id -> ids of its near-duplicate copies
    names: dict[str, str]  # statement speaker value -> registry name
    today: date  # "since May" means the May before this: today, or the newest document of an older corpus


def anchor_date(latest_iso: str) -> date:
    """Today, or the newest document's date when the corpus ends earlier (news archives)."""
    today = date.today()
    try:
        return min(today, date.fromisoformat(latest_iso))
    except ValueError:
        return today


def derive(store: Store, version: tuple[int, int, int]) -> Derived:
    """Scan the store once: speaker registry, BM25 index, known sources, near-duplicate copies."""
    statements = store.statements()
    copies: dict[str, list[str]] = {}
    sources: set[str] = set()
    latest = ""
    for doc_id, meta in store.document_meta():
        if meta.get("duplicate_of"):
            copies.setdefault(str(meta["duplicate_of"]), []).append(doc_id)
        if meta.get("source"):
            sources.add(str(meta["source"]))
        latest = max(latest, str(meta.get("date") or "")[:10])
    registry = tuple(registry_of(statements))
    return Derived(
        version=version,
        registry=registry,
        names=canonical_names(registry),
        keywords=KeywordIndex.from_store(store, statements),
        sources=tuple(sorted(sources)),
        copies={k: tuple(v) for k, v in copies.items()},
        today=anchor_date(latest),
    )


class Assistant:
    """Answers who-said-what questions over a Store with verified, numbered citations."""

    def __init__(self, settings: Settings, store: Store | None = None, llm: BaseChatModel | None = None) -> None:
        if store is None:
            from rag.store import Store

            store = Store.open(settings)
        self.settings = settings
        self.store = store
        self.reranker = make_reranker(settings)
        self.answerer = make_answerer(settings, llm)
        self.extractive = ExtractiveAnswerer(settings)
        self._derived: Derived | None = None
        self._lock = threading.Lock()
        # A per-instance cache: lru_cache on the method would keep every Assistant (and its store) alive.
        self._embed_cached = lru_cache(maxsize=512)(self._embed_uncached)
        self.retrieval = self._retrieval_chain()
        self.chain: Runnable[dict[str, Any], Answer] = (
            self.retrieval | _lambda(self.answerer.answer) | _lambda(self.verify_draft)
        )

    # ------------------------------------------------------------------ derived state
    def derived(self) -> Derived:
        """The cached registry/BM25/metadata, rebuilt when Store.version() changes; raises on an empty store."""
        version = self.store.version()
        if version[0] == 0:
            raise EmptyIndexError(str(self.settings.data_dir))
        with self._lock:
            if self._derived is None or self._derived.version != version:
                log.info("indexing store version %s for keyword search and the speaker registry", version)
                self._derived = derive(self.store, version)
                release_memory()  # the scans' transient gigabyte at 100k statements
            return self._derived

    def speakers(self) -> list[Speaker]:
        """Speakers of the corpus, most statements first (none before anything is ingested)."""
        try:
            return list(self.derived().registry)
        except EmptyIndexError:
            return []

    def document(self, doc_id: str) -> Document | None:
        return self.store.get_document(doc_id)

    # ------------------------------------------------------------------ stages
    def _retrieval_chain(self) -> Runnable[dict[str, Any], Retrieved]:
        return _lambda(self.understand) | _lambda(self.retrieve) | _lambda(self.reranker.rerank)

    def current(self) -> Derived:
        """The derived state checked at the start of this question (later stages reuse it)."""
        return self._derived or self.derived()

    def understand(self, inputs: dict[str, Any]) -> Query:
        d = self.derived()  # the one store-version check per question
        return understand(inputs["question"], inputs.get("history", ()), d.registry, inputs.get("filters") or Filters(),
                          sources=d.sources, today=d.today)  # fmt: skip

    def retrieve(self, query: Query) -> Retrieved:
        d = self.current()
        return retrieve(query, self.store, d.keywords, self.settings.top_k, self.embed_query, d.names)

    def embed_query(self, text: str) -> list[float]:
        """The question's vector (cached per Assistant: example questions and retries are asked again and again)."""
        return self._embed_cached(text)

    def _embed_uncached(self, text: str) -> list[float]:
        with single_threaded_torch():
            return self.store.embed_query(text)

    def verify_draft(self, draft: Draft) -> Answer:
        """Verify; an LLM draft that fails falls back to the extractive answer with a visible notice."""
        d = self.current()
        docs = self.store.get_documents(s.hit.doc_id for s in draft.sources)
        answer, problems = verify(draft, docs, d.registry, d.copies)
        if draft.answerer != "llm" or not (problems or (answer.abstained and not draft.abstained)):
            return answer
        reason = problems[0].reason if problems else "nothing could be verified"
        log.warning("LLM answer failed verification (%s); falling back to extractive", reason)
        fallback = self.extractive.answer(draft.retrieved)
        fb_docs = self.store.get_documents(s.hit.doc_id for s in fallback.sources)
        verified, _ = verify(fallback, fb_docs, d.registry, d.copies)
        notice = FALLBACK_NOTICE.format(reason=reason)
        return replace(verified, text=f"{notice}\n\n{verified.text}", notes=(notice, *answer.notes, *verified.notes))

    # ------------------------------------------------------------------ public
    def ask(self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """The verified answer to a question (filters from the UI/CLI win over those read from the question)."""
        return self.chain.invoke({"question": question, "filters": filters, "history": tuple(history)})

    def stream(
        self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()
    ) -> Iterator[str | Answer]:
        """Text deltas as they are produced, then the final verified Answer (which may differ from the deltas)."""
        retrieved = self.retrieval.invoke({"question": question, "filters": filters, "history": tuple(history)})
        if self.settings.answerer != "llm":  # nothing to stream token by token: show only verified text
            answer = self.verify_draft(self.answerer.answer(retrieved))
            yield answer.text
            yield answer
            return
        for part in self.answerer.stream(retrieved):
            if isinstance(part, Draft):
                yield self.verify_draft(part)
            else:
                yield part


@contextmanager
def single_threaded_torch() -> Iterator[None]:
    """Embed one question on one thread: on a busy machine torch's thread pool makes it 30x slower (measured)."""
    torch = sys.modules.get("torch")  # only when the model is already loaded; never import torch here
    if torch is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _lambda(fn: Any) -> Runnable[Any, Any]:
    from langchain_core.runnables import RunnableLambda

    return RunnableLambda(fn)
