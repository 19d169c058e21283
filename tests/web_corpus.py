"""A tiny corpus added straight to a Store (no spaCy), a hostile document among it, and a fake Assistant
with the real one's methods, for the web tests."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rag.errors import EmptyIndexError
from rag.records import Answer, Chunk, Citation, Document, Filters, Speaker, Statement
from rag.store import Store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

DOCS = (
    Document(
        doc_id="news/ceasefire.txt",
        title="Minister rejects a pause",
        source="Daily Wire",
        date="2024-03-01",
        url="https://example.org/ceasefire",
        text=(
            "The talks stalled on Monday.\n"
            "“There is no point in giving the enemy a pause to regroup,” the foreign minister Sergei Lavrov said. "
            "He added that the fishing quotas were unfair."
        ),
    ),
    Document(
        doc_id="news/harbour.txt",
        title="Harbour strike ends",
        source="Port Gazette",
        date="2024-05-10",
        url="https://example.org/harbour",
        text=(
            "Marta Selin said the harbour would reopen on Friday. “We will not be intimidated by the strike,” she said."
        ),
    ),
    Document(
        doc_id="evil/xss.txt",
        title=f"{XSS_SCRIPT} Hearing notes",
        source=XSS_IMG,
        date="2024-06-01",
        url="javascript:alert(1)",
        text=f"At the hearing Mallory Hacker said “{XSS_SCRIPT} and {XSS_IMG} are harmless hearing words” loudly.",
    ),
)

# (doc index, quote, speaker, role)
QUOTES = (
    (0, "There is no point in giving the enemy a pause to regroup,", "Sergei Lavrov", "Russian Foreign Minister"),
    (1, "We will not be intimidated by the strike,", "Marta Selin", "Harbour Authority director"),
    (2, f"{XSS_SCRIPT} and {XSS_IMG} are harmless hearing words", f"Mallory {XSS_IMG} Hacker", ""),
)


def statements() -> list[Statement]:
    out = []
    for i, quote, speaker, role in QUOTES:
        doc = DOCS[i]
        start = doc.text.index(quote)
        out.append(
            Statement(
                doc_id=doc.doc_id,
                quote=quote,
                start=start,
                end=start + len(quote),
                speaker=speaker,
                speaker_mention=speaker,
                role=role,
                cue="said",
                title=doc.title,
                date=doc.date,
                source=doc.source,
                url=doc.url,
            )
        )
    return out


def chunks() -> list[Chunk]:
    return [
        Chunk(
            doc_id=d.doc_id,
            text=d.text,
            start=0,
            end=len(d.text),
            title=d.title,
            date=d.date,
            source=d.source,
            url=d.url,
            speakers=(QUOTES[i][2],),
        )
        for i, d in enumerate(DOCS)
    ]


def populate(store: Store) -> Store:
    """Add the corpus straight to the store, documents last (as ingest does)."""
    store.add_statements(statements())
    store.add_chunks(chunks())
    for doc in DOCS:
        store.add_document(doc)
    return store


WORD = re.compile(r"[a-z]+")


class FakeAssistant:
    """Answers with the stored statement sharing most words with the question, like an extractive answer."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.questions: list[tuple[str, Filters | None, tuple[tuple[str, str], ...]]] = []

    def _best(self, question: str, filters: Filters | None) -> Statement | None:
        words = set(WORD.findall(question.lower()))
        scored = [(len(words & set(WORD.findall(s.quote.lower()))), s) for s in self.store.statements(filters)]
        scored = [x for x in scored if x[0] >= 2]
        return max(scored, key=lambda x: x[0])[1] if scored else None

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()) -> Answer:
        self.questions.append((question, filters, tuple(history)))
        if self.store.counts()["documents"] == 0:
            raise EmptyIndexError()
        s = self._best(question, filters)
        if s is None:
            return Answer(
                question, "I found nothing in the documents that answers this.", True, filters=filters or Filters()
            )
        doc = self.store.get_document(s.doc_id)
        assert doc is not None
        c = Citation(
            n=1,
            doc_id=s.doc_id,
            quote=s.quote,
            start=s.start,
            end=s.end,
            passage=doc.text,
            passage_start=0,
            title=doc.title,
            source=doc.source,
            url=doc.url,
            date=doc.date,
            speaker=s.speaker,
            role=s.role,
            type=s.type,
        )
        return Answer(question, f"{s.speaker} said: “{s.quote}” [1]", False, (c,), filters or Filters())

    def stream(
        self, question: str, filters: Filters | None = None, history: Sequence[tuple[str, str]] = ()
    ) -> Iterator[str | Answer]:
        answer = self.ask(question, filters, history)
        for word in answer.text.split(" "):
            yield word + " "
        yield answer

    def speakers(self) -> list[Speaker]:
        if self.store.counts()["documents"] == 0:
            raise EmptyIndexError()
        out: dict[str, Speaker] = {}
        for s in self.store.statements():
            prev = out.get(s.speaker)
            out[s.speaker] = Speaker(
                s.speaker, s.role, (), (prev.statements if prev else 0) + 1, s.date, s.quote, s.doc_id
            )
        return sorted(out.values(), key=lambda sp: -sp.statements)

    def document(self, doc_id: str) -> Document | None:
        return self.store.get_document(doc_id)


class RegexExtractor:
    """A StatementExtractor without spaCy: every “curly-quoted” span, attributed to nobody."""

    def extract(self, docs: Sequence[Document], skip: Sequence[Sequence[tuple[int, int]]]) -> list[list[Statement]]:
        return [
            [
                Statement(doc_id=d.doc_id, quote=m.group(1), start=m.start(1), end=m.end(1), cue="")
                for m in re.finditer(r"“([^”]+)”", d.text)
            ]
            for d in docs
        ]
