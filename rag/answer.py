"""ANSWERERS registry: extractive (default, no LLM) | llm (any LangChain chat model) -> a Draft with [n] markers."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Protocol

from rag.errors import ConfigError, unknown_choice
from rag.keyword import tokenize
from rag.records import Chunk, Hit, Statement
from rag.retrieve import Retrieved, normalise
from rag.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

log = logging.getLogger(__name__)

THIN = 0.5  # best relevance below this (or a single source) is called thin evidence
PASSAGE_MARGIN = 0.1  # a passage is cited beside statements only when it matches clearly better
MAX_PASSAGES = 2
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+|\s*\n\s*")  # a line break ends a sentence too (bylines)
# "Mr. Obama said", "Donald J. Trump": a period after a title or an initial ends no sentence
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|No|vs)|\b[A-Z])\.$")
CONTEXT_CHARS = 300  # most characters of sentence shown on each side of words whose speaker is unknown


@dataclass(frozen=True)
class Source:
    """Numbered evidence offered to the answer: a statement, or a span of a passage (`quote` = text[start:end])."""

    n: int
    hit: Hit
    quote: str
    start: int
    end: int
    also: tuple[str, ...] = ()  # doc ids holding the same words from the same speaker

    @property
    def speaker(self) -> str:
        return self.hit.item.speaker if isinstance(self.hit.item, Statement) else ""


@dataclass(frozen=True)
class Draft:
    """An answer before verification: text with [n] markers into `sources`."""

    retrieved: Retrieved
    text: str
    sources: tuple[Source, ...]
    abstained: bool
    answerer: str = "extractive"
    notes: tuple[str, ...] = ()


class Answerer(Protocol):
    def answer(self, retrieved: Retrieved) -> Draft: ...

    def stream(self, retrieved: Retrieved) -> Iterator[str | Draft]: ...


# ---------------------------------------------------------------------------------------------- prompts
@cache
def _template(name: str) -> Template:
    return Template(resources.files("rag").joinpath("prompts", f"{name}.txt").read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Fill rag/prompts/<name>.txt strictly: a missing variable raises KeyError (values are never re-parsed)."""
    try:
        return _template(name).substitute({k: str(v) for k, v in values.items()})
    except KeyError as e:
        raise KeyError(f"prompt '{name}' needs the variable {e.args[0]!r}") from None


# ---------------------------------------------------------------------------------------------- evidence
def passage_span(chunk: Chunk, query_text: str, fragment: str, speaker: str = "") -> tuple[str, int, int]:
    """The part of a passage to cite: the fuzzy match of a quote fragment, else its best-covering sentence
    (topic words first, then the speaker's name)."""
    text = chunk.text
    if fragment:
        from rapidfuzz import fuzz

        al = fuzz.partial_ratio_alignment(normalise(fragment), text.lower())
        if al is not None and al.score > 0:
            s, e = al.dest_start, al.dest_end
            while s > 0 and text[s - 1].isalnum():
                s -= 1
            while e < len(text) and text[e].isalnum():
                e += 1
            return _span(chunk, s, e)
    bounds = [0, *sentence_starts(text), len(text)]
    words, names = set(tokenize(query_text)), set(tokenize(speaker))

    def coverage(b: tuple[int, int]) -> tuple[int, int]:
        tokens = set(tokenize(text[b[0] : b[1]]))
        return len(words & tokens), len(names & tokens)

    best = max(itertools.pairwise(bounds), key=coverage)
    return _span(chunk, *best)


def _span(chunk: Chunk, s: int, e: int) -> tuple[str, int, int]:
    piece = chunk.text[s:e]
    s += len(piece) - len(piece.lstrip())
    e -= len(piece) - len(piece.rstrip())
    return chunk.text[s:e], chunk.start + s, chunk.start + e


def sentence_starts(text: str) -> list[int]:
    """Where sentences start in a text (after . ! ? or a line break; not after a title or an initial)."""
    return [
        m.end() for m in SENTENCE_END.finditer(text) if not ABBREVIATION.search(text, max(0, m.start() - 5), m.start())
    ]


def quotation_around(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) to the quotation it stands in (curly marks, or an odd number of straight ones in its line)."""
    line_start = text.rfind("\n", 0, lo) + 1
    opening = text.rfind("“", line_start, lo)
    if opening != -1 and text.rfind("”", opening, lo) == -1:
        lo = opening
    elif text.count('"', line_start, lo) % 2:
        lo = text.rfind('"', line_start, lo)
    line_end = text.find("\n", hi) if "\n" in text[hi:] else len(text)
    closing = text.find("”", hi, line_end)
    if closing != -1 and text.find("“", hi, closing) == -1:
        hi = closing + 1
    elif text.count('"', lo, hi) % 2 and (mark := text.find('"', hi, line_end)) != -1:
        hi = mark + 1
    return lo, hi


def sentence_around(chunk: Chunk, start: int, end: int) -> tuple[str, int, int] | None:
    """The sentence(s) of a passage holding document offsets [start, end) and the quotation they stand in; the
    sentence before too when the quotation opens its sentence (where a speaker is often named). At most
    CONTEXT_CHARS more on each side (cut at a space); None when the passage does not hold the span."""
    text = chunk.text
    lo, hi = start - chunk.start, end - chunk.start
    if lo < 0 or hi > len(text) or lo >= hi:
        return None
    q_lo, q_hi = quotation_around(text, lo, hi)
    starts = sentence_starts(text)
    s = max((b for b in starts if b <= q_lo), default=0)
    e = min((b for b in starts if b >= q_hi), default=len(text))
    if s == q_lo and s > 0 and "\n" not in text[s - 2 : s]:  # the quotation opens a sentence of a paragraph
        s = max((b for b in starts if b < s), default=0)
    if lo - s > CONTEXT_CHARS:
        s = text.find(" ", lo - CONTEXT_CHARS, lo) + 1 or lo
    if e - hi > CONTEXT_CHARS:
        cut = text.rfind(" ", hi, hi + CONTEXT_CHARS)
        e = cut if cut != -1 else hi
    return _span(chunk, s, e)


def with_context(retrieved: Retrieved, sources: Sequence[Source]) -> tuple[list[Source], dict[int, int]]:
    """Quote lookup: words found without a known speaker get the sentence they stand in as a further source,
    so the reader sees who the text itself names (never guessed). -> (sources, source n -> its context's n)."""
    out, context = list(sources), {}
    numbers: dict[tuple[str, int, int], int] = {}  # one source per sentence, however many words stand in it
    for src in sources:
        if src.speaker:
            continue
        chunk = src.hit.item if isinstance(src.hit.item, Chunk) else _covering(retrieved, src)
        around = sentence_around(chunk, src.start, src.end) if chunk else None
        if not around or not chunk or len(_bare(around[0])) <= len(_bare(src.quote)):
            continue
        key = (chunk.doc_id, around[1], around[2])
        if key not in numbers:
            numbers[key] = len(out) + 1
            out.append(Source(len(out) + 1, Hit("passage", chunk, src.hit.score), *around))
        context[src.n] = numbers[key]
    return out, context


def _covering(retrieved: Retrieved, src: Source) -> Chunk | None:
    """A retrieved passage of the same document that holds the source's words."""
    for h in retrieved.passages():
        if h.doc_id == src.hit.doc_id and h.item.start <= src.start and src.end <= h.item.end:
            assert isinstance(h.item, Chunk)
            return h.item
    return None


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


ABOUT_QUESTIONS = re.compile(r"\b(ask|asks|asked|asking|question|questions|reporters?)\b", re.IGNORECASE)


def spread_speakers(chosen: Sequence[tuple[Hit, tuple[str, ...]]]) -> list[tuple[Hit, tuple[str, ...]]]:
    """ "Who talked about X?": each named speaker's best statement first, then the rest, order kept within."""
    firsts: list[tuple[Hit, tuple[str, ...]]] = []
    rest: list[tuple[Hit, tuple[str, ...]]] = []
    seen: set[str] = set()
    for c in chosen:
        speaker = c[0].item.speaker if isinstance(c[0].item, Statement) else ""
        if speaker and speaker not in seen:
            seen.add(speaker)
            firsts.append(c)
        else:
            rest.append(c)
    return firsts + rest


def select_sources(retrieved: Retrieved, settings: Settings) -> list[Source]:
    """Relevant statements (same speaker + same words collapse into one), else passages; numbered from 1."""
    q = retrieved.query
    threshold = settings.min_relevance
    stmts = [h for h in retrieved.statements() if h.score >= threshold]
    if not ABOUT_QUESTIONS.search(q.question):
        # Reporters' questions in transcripts are context, never anyone's statement (#7).
        stmts = [h for h in stmts if not (isinstance(h.item, Statement) and h.item.type == "question")]
    if q.shape == "quote" and stmts:
        top = max(h.score for h in stmts)
        stmts = [h for h in stmts if h.score >= top - 0.1]
    groups: dict[tuple[str, str], list[Hit]] = {}
    for h in stmts:
        assert isinstance(h.item, Statement)
        groups.setdefault((h.item.speaker, normalise(h.item.quote)), []).append(h)
    chosen: list[tuple[Hit, tuple[str, ...]]] = []
    for hits in groups.values():
        first = min(hits, key=lambda h: (h.item.date or "9999", h.doc_id, h.item.start))  # earliest report
        chosen.append((first, tuple(dict.fromkeys(h.doc_id for h in hits if h.doc_id != first.doc_id))))
    chosen.sort(key=lambda c: -c[0].score)  # stable: fused order among equals; the weakest are cut
    if q.shape == "topic_speakers":
        chosen = spread_speakers(chosen)
    chosen = chosen[: settings.max_citations]
    sources = []
    for hit, also in chosen:
        assert isinstance(hit.item, Statement)
        sources.append(Source(0, hit, hit.item.quote, hit.item.start, hit.item.end, also))
    best_statement = max((s.hit.score for s in sources), default=0.0)
    if q.shape == "quote" and sources:
        best_statement = 1.0  # the words were found as a statement: passages add nothing
    seen: dict[str, int] = {}
    dropped: set[int] = set()
    # the most relevant passages first: fused rank alone lets a passage that merely shares a word win the slots
    for h in sorted(retrieved.passages(), key=lambda h: -h.score):
        if h.score < threshold or h.score <= best_statement + PASSAGE_MARGIN:
            continue
        assert isinstance(h.item, Chunk)
        quote, s, e = passage_span(h.item, q.topic or q.search_text, q.quote_fragment, q.speaker)
        if not quote:
            continue
        overlap = {i for i, x in enumerate(sources) if x.hit.doc_id == h.doc_id and x.start < e and s < x.end}
        if any(sources[i].hit.score + PASSAGE_MARGIN >= h.score or i in seen.values() for i in overlap - dropped):
            continue
        dropped |= overlap  # a clearly better passage replaces the weaker statements inside it
        if normalise(quote) in seen:  # the same words in a syndicated copy
            i = seen[normalise(quote)]
            x = sources[i]
            sources[i] = Source(0, x.hit, x.quote, x.start, x.end, (*x.also, h.doc_id))
        elif len(seen) < MAX_PASSAGES:
            seen[normalise(quote)] = len(sources)
            sources.append(Source(0, h, quote, s, e))
    kept = [x for i, x in enumerate(sources) if i not in dropped]
    return [Source(i, s.hit, s.quote, s.start, s.end, s.also) for i, s in enumerate(kept, start=1)]


def abstain_text(retrieved: Retrieved) -> str:
    """An honest 'not found', naming what was looked for."""
    q = retrieved.query
    f = q.filters
    limits = [x for x in (f.source and f"from {f.source}", f.since and f"since {f.since}",
                          f.until and f"until {f.until}") if x]  # fmt: skip
    where = " in the indexed documents" + (f" ({', '.join(limits)})" if limits else "")
    if q.shape == "quote":
        return f"I could not find those words{where}, so I cannot say who said them."
    if q.speaker:
        about = f" about {q.topic}" if q.topic else ""
        return f"I found no statement by {q.speaker}{about}{where}."
    return f"I found nothing{where} that answers this question."


# ---------------------------------------------------------------------------------------------- extractive
def plain(text: str) -> str:
    """Metadata shown outside quotes (a role, a title): one line, double quote marks made single and brackets
    round, so the verifier never reads them as a quotation or a marker."""
    text = re.sub(r"[\"“”]", "'", " ".join(text.split()))
    return text.replace("[", "(").replace("]", ")")


def _who(name: str, group: Sequence[Source]) -> str:
    if not name:
        return "Not attributed to a named speaker"
    roles = [r for s in group if isinstance(s.hit.item, Statement) and len(r := s.hit.item.role) > 4]
    return f"{name} ({plain(roles[0])})" if roles else name


def shown(quote: str) -> str:
    """A quote as shown in the answer: one line, in curly quotes unless it already carries its own marks."""
    flat = " ".join(quote.split())
    straight = len(flat) > 2 and flat[0] == flat[-1] == '"' and flat.count('"') == 2
    return flat if straight or _one_quotation(flat) else f"“{flat}”"


def _one_quotation(text: str) -> bool:
    """Whether the text is one “…” quotation (inner quotes nested), not two quotes with words between."""
    if text[:1] != "“" or text[-1:] != "”":
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "“") - (ch == "”")
        if depth == 0 and i < len(text) - 1:
            return False
    return depth == 0


def _line(src: Source) -> str:
    reported = " (reported speech)" if isinstance(src.hit.item, Statement) and src.hit.item.type == "indirect" else ""
    return f"{shown(src.quote)} [{src.n}]{reported}"


def _where(src: Source) -> str:
    """' — Title, Source, date' of the document a source stands in (its quote marks made single)."""
    item = src.hit.item
    parts = [plain(x) for x in (item.title or f"document {item.doc_id}", item.source, item.date) if x]
    return " — " + ", ".join(parts)


def _unattributed(src: Source, context: Mapping[int, Source]) -> list[str]:
    """Words found without a known speaker: the words, where they stand, and the sentence around them."""
    lines = [f"- {_line(src)}{_where(src)}"]
    if src.n in context:
        lines.append(f"  the sentence reads: {_line(context[src.n])}")
    return lines


def compose_extractive(
    retrieved: Retrieved, sources: Sequence[Source], context: Mapping[int, Source] | None = None
) -> str:
    """Statements grouped by speaker, each group in date order, quoted verbatim with [n] markers.

    `context` maps a source's number to the sentence around it (quote lookup, speaker unknown)."""
    q = retrieved.query
    context = context or {}
    in_context = {c.n for c in context.values()}
    main = [s for s in sources if s.n not in in_context]
    stmt_sources = [s for s in main if isinstance(s.hit.item, Statement)]
    passage_sources = [s for s in main if not isinstance(s.hit.item, Statement)]
    unknown = [s for s in stmt_sources if not s.speaker] if q.shape == "quote" else []
    parts: list[str] = []
    groups: dict[str, list[Source]] = {}
    for s in stmt_sources:
        if s not in unknown:
            groups.setdefault(retrieved.canonical(s.speaker), []).append(s)
    if q.shape == "topic_speakers" and len(groups) > 1:
        parts.append(f"{len(groups)} speakers spoke about {q.topic or 'this'}:")
    for name, group in groups.items():
        group.sort(key=lambda s: (s.hit.item.date, s.hit.doc_id, s.start))
        verb = "said" if name else "(quoted)"
        if len(group) == 1:
            parts.append(f"{_who(name, group)} {verb}: {_line(group[0])}")
        else:
            parts.append(f"{_who(name, group)} {verb}:")
            parts.extend(f"- {_line(s)}" for s in group)
    if unknown:
        parts.append("I found these words, but could not identify who said them:")
        for s in unknown:
            parts.extend(_unattributed(s, context))
    if passage_sources:
        quoted = {retrieved.canonical(x) for s in passage_sources if isinstance(s.hit.item, Chunk)
                  for x in s.hit.item.speakers}  # fmt: skip
        if q.shape == "quote" and len(quoted) == 1:
            # honest about the inference: the words stand in a passage that quotes one known speaker
            intro = (f"These words appear in a passage that quotes {quoted.pop()}, though the text does not "
                     "attribute these exact words to a speaker:")  # fmt: skip
        elif q.shape == "quote":
            intro = "These words appear in the documents, but no speaker is attributed to them:"
        elif stmt_sources:
            intro = "The reporting also says:"
        else:
            intro = "I found no statement attributed to anyone on this; the closest passages say:"
        parts.append(intro)
        for s in passage_sources:
            parts.extend(_unattributed(s, context) if q.shape == "quote" else [f"- {_line(s)}"])
    if retrieved.best < THIN or (len(main) == 1 and q.shape != "quote"):
        parts.append("The evidence is thin: " + ("only one matching source was found." if len(main) == 1
                                                 else "the matches are weak."))  # fmt: skip
    return "\n".join(parts)


class ExtractiveAnswerer:
    """No LLM: quotes the retrieved statements verbatim; abstains when nothing reaches min_relevance."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def answer(self, retrieved: Retrieved) -> Draft:
        sources = select_sources(retrieved, self.settings)
        if not sources:
            return Draft(retrieved, abstain_text(retrieved), (), abstained=True)
        context: dict[int, Source] = {}
        if retrieved.query.shape == "quote":  # the sentence around words whose speaker is unknown
            sources, numbers = with_context(retrieved, sources)
            context = {n: sources[c - 1] for n, c in numbers.items()}
        return Draft(retrieved, compose_extractive(retrieved, sources, context), tuple(sources), abstained=False)

    def stream(self, retrieved: Retrieved) -> Iterator[str | Draft]:
        draft = self.answer(retrieved)
        yield draft.text
        yield draft


# ---------------------------------------------------------------------------------------------- llm
def make_llm(settings: Settings) -> BaseChatModel:
    """The configured LangChain chat model; its client library is imported only here (extra `llm`)."""
    provider, model = settings.llm_provider, settings.llm_model
    if not model:
        raise ConfigError("WHOSAID_ANSWERER=llm needs WHOSAID_LLM_MODEL (a model name, or a GGUF path for llamacpp).")
    hint = "Install the optional LLM backends with: pip install -e '.[llm]'"
    try:
        if provider == "openai":
            from langchain_openai import ChatOpenAI

            key = settings.llm_api_key.get_secret_value() or "not-needed"
            return ChatOpenAI(model=model, base_url=settings.llm_base_url or None, api_key=key, temperature=0)  # type: ignore[arg-type]
        if provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=model, base_url=settings.llm_base_url or None, temperature=0)
        if provider == "llamacpp":
            hint = "Install llama.cpp support with: pip install langchain-community llama-cpp-python (a long build)"
            from langchain_community.chat_models import ChatLlamaCpp

            return ChatLlamaCpp(model_path=model, temperature=0)
    except ImportError as e:
        raise ConfigError(f"The LLM provider '{provider}' is not installed. {hint}") from e
    raise unknown_choice("LLM provider", provider, ["llamacpp", "ollama", "openai"])


def _escape(text: str) -> str:
    """Document text must not close or open our source tags."""
    return re.sub(r"<(/?)source", r"‹\1source", text, flags=re.I)


def build_messages(retrieved: Retrieved, sources: Sequence[Source]) -> list[BaseMessage]:
    """System rules + the question with numbered, delimited sources (document text is data)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    blocks = "\n".join(
        render("source", n=s.n, speaker=_escape(s.speaker or "unattributed"), date=s.hit.item.date,
               title=_escape(s.hit.item.title).replace('"', "'"), text=_escape(s.quote))
        for s in sources
    )  # fmt: skip
    user = render("answer_user", question=_escape(retrieved.query.question), sources=blocks)
    return [SystemMessage(render("answer_system")), HumanMessage(user)]


class LLMAnswerer:
    """A LangChain chat model writes the answer from numbered sources; the verifier checks every quote."""

    def __init__(self, settings: Settings, llm: BaseChatModel | None = None) -> None:
        self.settings = settings
        self._llm = llm

    @property
    def llm(self) -> BaseChatModel:
        if self._llm is None:
            self._llm = make_llm(self.settings)
        return self._llm

    def answer(self, retrieved: Retrieved) -> Draft:
        draft: Draft | None = None
        for part in self.stream(retrieved):
            if isinstance(part, Draft):
                draft = part
        assert draft is not None
        return draft

    def stream(self, retrieved: Retrieved) -> Iterator[str | Draft]:
        sources = select_sources(retrieved, self.settings)
        if not sources:  # nothing relevant: no model call, an honest abstention
            draft = Draft(retrieved, abstain_text(retrieved), (), abstained=True, answerer="llm")
            yield draft.text
            yield draft
            return
        pieces: list[str] = []
        for chunk in self.llm.stream(build_messages(retrieved, sources)):
            delta = chunk.content if isinstance(chunk.content, str) else ""
            if delta:
                pieces.append(delta)
                yield delta
        yield Draft(retrieved, "".join(pieces).strip(), tuple(sources), abstained=False, answerer="llm")


ANSWERERS: dict[str, Callable[[Settings, BaseChatModel | None], Answerer]] = {
    "extractive": lambda settings, llm: ExtractiveAnswerer(settings),
    "llm": lambda settings, llm: LLMAnswerer(settings, llm),
}


def make_answerer(settings: Settings, llm: BaseChatModel | None = None) -> Answerer:
    """The answerer the settings name (an injected chat model is used by `llm`)."""
    try:
        factory = ANSWERERS[settings.answerer]
    except KeyError:
        raise unknown_choice("answerer", settings.answerer, list(ANSWERERS)) from None
    return factory(settings, llm)
