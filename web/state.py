"""Server-side state of the web surface: conversations by id (a bounded LRU) and rate limits."""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rag.errors import ConfigError, InputError, WhosaidError
from rag.records import Answer, Document, Filters, Speaker
from rag.settings import Settings

if TYPE_CHECKING:
    from index.extract import StatementExtractor
    from rag.store import Store

CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class RateLimited(WhosaidError):
    """Too many questions from one visitor or one embedding origin."""

    status_code = 429

    def __init__(self, who: str, limit: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"Too many questions from this {who} (limit {limit}). Please wait {retry_after} s and ask again."
        )


class Conversations:
    """Question/answer history per conversation id, least recently used dropped beyond `max_conversations`."""

    def __init__(self, max_conversations: int = 1000, max_turns: int = 10) -> None:
        self.max_conversations = max_conversations
        self.max_turns = max_turns
        self._items: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(12)

    @staticmethod
    def valid_id(conversation_id: str) -> bool:
        return bool(CONVERSATION_ID.match(conversation_id))

    def history(self, conversation_id: str) -> list[tuple[str, str]]:
        """The turns so far (oldest first); [] for an unknown id."""
        with self._lock:
            turns = self._items.get(conversation_id)
            if turns is None:
                return []
            self._items.move_to_end(conversation_id)
            return list(turns)

    def add(self, conversation_id: str, question: str, answer: str) -> None:
        """Append one turn, keeping the last `max_turns`."""
        with self._lock:
            turns = self._items.setdefault(conversation_id, [])
            turns.append((question, answer))
            del turns[: -self.max_turns]
            self._items.move_to_end(conversation_id)
            while len(self._items) > self.max_conversations:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class RateLimits:
    """Per-visitor and per-origin limits (the `limits` library, moving window, in memory)."""

    visitor: str
    origin: str

    def __post_init__(self) -> None:
        from limits import parse
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        try:
            self._visitor_item = parse(self.visitor)
            self._origin_item = parse(self.origin)
        except ValueError as e:
            raise ConfigError(
                f"Rate limits must look like '20/minute' (WHOSAID_RATE_LIMIT_VISITOR / _ORIGIN): {e}"
            ) from e
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, visitor: str, origin: str, address: str = "") -> None:
        """Count one question; raises RateLimited when the visitor's, the site's or the address's budget
        is spent (an address gets a site's budget: no stricter for people, a bound for scripts)."""
        checks = [
            ("visitor", self._visitor_item, visitor, self.visitor),
            ("site", self._origin_item, origin, self.origin),
        ]
        if address:
            checks.append(("address", self._origin_item, address, self.origin))
        for who, item, key, text in checks:
            if not self._limiter.hit(item, who, key):
                reset = self._limiter.get_window_stats(item, who, key).reset_time
                raise RateLimited(who, text, max(1, int(reset - time.time()) + 1))


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def checked_date(value: str, label: str) -> str:
    """'' or an ISO date; anything else is an InputError naming the field."""
    value = (value or "").strip()
    if value and not DATE.match(value):
        raise InputError(f"{label} must be a date like 2024-05-31, got '{value[:40]}'.")
    return value


def make_filters(speaker: str = "", source: str = "", since: str = "", until: str = "") -> Filters:
    """Filters from user input, dates checked."""
    return Filters(
        speaker=(speaker or "").strip(),
        source=(source or "").strip(),
        since=checked_date(since, "The start date"),
        until=checked_date(until, "The end date"),
    )


class AssistantLike(Protocol):
    """What the web surface uses of rag.chain.Assistant (tests pass a fake with the same methods)."""

    store: Store

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()) -> Answer: ...

    def stream(
        self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()
    ) -> Iterator[str | Answer]: ...

    def speakers(self) -> list[Speaker]: ...

    def document(self, doc_id: str) -> Document | None: ...


@dataclass
class WebContext:
    """Everything the routes and the UI share."""

    settings: Settings
    assistant: AssistantLike
    conversations: Conversations
    limits: RateLimits
    extractor: StatementExtractor | None = None  # None = the configured one (spaCy); tests pass a fake

    @classmethod
    def create(
        cls, settings: Settings, assistant: AssistantLike, extractor: StatementExtractor | None = None
    ) -> WebContext:
        limits = RateLimits(settings.rate_limit_visitor, settings.rate_limit_origin)
        return cls(settings, assistant, Conversations(), limits, extractor)

    def is_empty(self) -> bool:
        return self.assistant.store.counts()["documents"] == 0

    def sources(self) -> list[str]:
        """Distinct document sources, for the source filter."""
        return sorted({str(m.get("source") or "") for _, m in self.assistant.store.document_meta()} - {""})
