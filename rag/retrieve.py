"""Hybrid retrieval: dense Chroma search + BM25 keywords + a near-verbatim quote matcher, fused by RRF."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rag.keyword import KeywordIndex, tokenize
from rag.records import Chunk, Hit, Statement
from rag.understand import Query, speaker_variants

if TYPE_CHECKING:
    from rag.store import Store

log = logging.getLogger(__name__)

QUOTE_MARKS = str.maketrans("’‘“”«»", '\'\'""""')
RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al. 2009)
QUOTE_FLOOR = 70.0  # partial_ratio at or below this is no evidence that the words were said
DENSE_FLOOR, DENSE_SPAN = 0.25, 0.45  # cosine 0.25 -> relevance 0, cosine 0.70 -> relevance 1
IN_TITLE = 0.6  # relevance of a statement of the asked speaker whose article's title holds every topic word
SPEAKER_DOCS, OWN_CANDIDATES = 3, 500  # documents of the asked speaker whose passages count; BM25 pool for them
CANDIDATES = 60  # BM25 candidates handed to the quote matcher per side


@dataclass(frozen=True)
class Retrieved:
    """Hits in fused (RRF) order; each Hit.score is its absolute relevance to the question, 0..1."""

    query: Query
    hits: tuple[Hit, ...]
    names: Mapping[str, str] = field(default_factory=dict)  # statement speaker value -> registry name

    def canonical(self, speaker: str) -> str:
        return self.names.get(speaker, speaker)

    def statements(self) -> list[Hit]:
        return [h for h in self.hits if h.kind == "statement"]

    def passages(self) -> list[Hit]:
        return [h for h in self.hits if h.kind == "passage"]

    @property
    def best(self) -> float:
        return max((h.score for h in self.hits), default=0.0)


def normalise(text: str) -> str:
    """Lower case, one kind of quote mark, single spaces: what the quote matcher compares."""
    text = text.lower().translate(QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def item_text(item: Statement | Chunk) -> str:
    return item.quote if isinstance(item, Statement) else item.text


def quote_match(fragment: str, text: str) -> float:
    """0..100: how well the fragment appears in the text, tolerating truncation and small wording changes."""
    from rapidfuzz import fuzz

    frag, txt = normalise(fragment).strip("\"' .,;:"), normalise(text)
    if not frag or not txt:
        return 0.0
    score = fuzz.partial_ratio(frag, txt)
    if len(txt) < len(frag):  # a short text inside a long fragment is not a match of the fragment
        score *= len(txt) / len(frag)
    return float(score)


def relevance(query: Query, hit: Hit, dense: float | None, variants: Sequence[str] = ()) -> float:
    """Absolute relevance 0..1 of a hit: quote similarity for quote lookup, else topic coverage or cosine."""
    text = item_text(hit.item)
    if query.quote_fragment:
        return max(0.0, min(1.0, (quote_match(query.quote_fragment, text) - QUOTE_FLOOR) / (100 - QUOTE_FLOOR)))
    if query.speaker and not query.speaker_known and not mentions(hit.item, query.speaker):
        return 0.0
    words = set(tokenize(text + " " + (hit.item.speaker if isinstance(hit.item, Statement) else "")))
    topic = [t for t in tokenize(query.topic) if t not in set(tokenize(query.speaker))]
    coverage = sum(t in words for t in topic) / len(topic) if topic else 0.0
    cosine = max(0.0, min(1.0, (dense - DENSE_FLOOR) / DENSE_SPAN)) if dense is not None else 0.0
    if query.speaker_known and topic and coverage < 1 and isinstance(hit.item, Statement):
        # the speaker's other words in an article whose title names the topic are about it too
        title = set(tokenize(hit.item.title))
        if all(t in title for t in topic):
            coverage = max(coverage, IN_TITLE)
    if query.shape == "other" and coverage < 1:
        coverage *= 0.4  # not a who-said-what question: a stray shared word is no answer
    if not topic and query.speaker_known:
        # "What did Lavrov say?": every statement of the speaker answers it.
        coverage = 1.0 if isinstance(hit.item, Statement) else 0.5
    # Without a shared topic word, only a strong embedding match counts (unrelated questions must abstain).
    score = max(coverage, cosine * (0.5 + 0.5 * coverage))
    if hit.kind == "passage" and query.speaker_known and not about_speaker(hit.item, query.speaker, variants):
        score *= 0.3  # a passage that neither names nor quotes the speaker says little about what they said
    return score


SPEAKERS_WIDEN = 5  # statement candidates per k for topic -> speakers questions


# Last words of institutions' names: "Fund" or "Department" alone would match any text about funds.
GENERIC_HEADS = frozenset(
    [
        "fund",
        "bank",
        "department",
        "ministry",
        "office",
        "council",
        "committee",
        "party",
        "agency",
        "service",
        "commission",
        "house",
        "court",
        "union",
        "association",
        "organization",
        "organisation",
        "institute",
        "foundation",
        "board",
        "group",
        "campaign",
        "company",
    ]
)


def speaker_keys(variants: Sequence[str]) -> tuple[str, ...]:
    """What a text must contain to name the speaker: a person's surname, an institution's whole name."""
    keys = []
    for v in variants:
        words = v.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if not words or not all(w[0].isupper() or not w[0].isalpha() for w in words[-1:] + words[:1]):
            continue  # a pronoun or a description ("his", "the fund") left as a speaker value names nobody
        v = " ".join(words)
        keys.append(v if len(words) == 1 or words[-1].lower() in GENERIC_HEADS else words[-1])
    return tuple(dict.fromkeys(keys))


def about_speaker(item: Statement | Chunk, speaker: str, variants: Sequence[str] = ()) -> bool:
    """A passage that names the speaker (or a merged alias) or holds one of their statements."""
    keys = speaker_keys([speaker, *variants])
    # statements of theirs: the resolved name, a merged alias, or the bare surname an unresolved mention left
    held = isinstance(item, Chunk) and any(s in (speaker, *variants, *keys) for s in item.speakers)
    return held or any(mentions(item, k) for k in keys)


def mentions(item: Statement | Chunk, name: str) -> bool:
    """Whether a name the registry does not know appears in the item (its text or speaker mention)."""
    hay = item_text(item) + " " + (item.speaker_mention + " " + item.speaker if isinstance(item, Statement) else "")
    return all(t in set(tokenize(hay)) for t in tokenize(name))


def rrf(rankings: Sequence[tuple[Sequence[Hit], float]]) -> dict[str, float]:
    """Reciprocal rank fusion: id -> sum of weight / (RRF_K + rank) over the ranked lists (rank from 1)."""
    fused: dict[str, float] = {}
    for hits, weight in rankings:
        for rank, h in enumerate(hits, start=1):
            fused[h.id] = fused.get(h.id, 0.0) + weight / (RRF_K + rank)
    return fused


def retrieve(
    query: Query, store: Store, keywords: KeywordIndex, k: int, embed: Callable[[str], list[float]] | None = None,
    names: Mapping[str, str] | None = None,
) -> Retrieved:  # fmt: skip
    """Dense + BM25 (+ quote matcher) over statements and passages with the query's filters, RRF-fused."""
    text = query.search_text
    filters = query.filters
    names = names or {}
    vector = (embed or store.embed_query)(text)
    variants = speaker_variants(filters.speaker, dict(names)) if filters.speaker else ()
    allowed = keywords.statement_ids(filters, variants if len(variants) > 1 else ())
    if allowed is not None:  # the statements the filters allow, by id: faster than Chroma's metadata filter
        dense_s = store.search_statements_among(vector, k * 2, allowed)
    elif len(variants) > 1:  # the registry merged several written names into this speaker
        dense_s = store.search_statements_by(vector, k * 2, filters, variants)
    else:
        dense_s = store.search_statements(vector, k * 2, filters)
    dense_p = store.search_passages(vector, k, filters)
    n_kw = CANDIDATES if query.quote_fragment else k * 2
    # "Who talked about X?" wants every speaker on X, not the k best statements of the most talkative one.
    n_kw_s = k * SPEAKERS_WIDEN if query.shape == "topic_speakers" else n_kw
    kw_s = keywords.search_statements(text, n_kw_s, filters, variants)
    kw_p = keywords.search_passages(text, n_kw if query.quote_fragment else k, filters)
    own_p: list[Hit] = []
    if query.speaker_known and filters.speaker and not query.quote_fragment:
        # the passages around the speaker's own statements: words of theirs the extractor did not attribute
        own_docs = set(list(dict.fromkeys(h.doc_id for h in [*kw_s, *dense_s]))[:SPEAKER_DOCS])
        own_p = keywords.search_passages(text, k, filters, doc_ids=own_docs, pool=OWN_CANDIDATES)
    rankings: list[tuple[Sequence[Hit], float]] = [
        (dense_s, 1.0), (kw_s, 1.0), (dense_p, 0.5), (kw_p, 0.5), (own_p, 0.5)
    ]  # fmt: skip
    cosine = {h.id: h.score for h in [*dense_s, *dense_p]}
    pool = {h.id: h for h in [*dense_s, *kw_s, *dense_p, *kw_p, *own_p]}
    scored = {i: replace(h, score=relevance(query, h, cosine.get(i), variants)) for i, h in pool.items()}
    if query.quote_fragment:
        matched = sorted((h for h in scored.values() if h.score > 0), key=lambda h: -h.score)
        rankings.append((matched, 3.0))
    excluded = {normalise(q) for q in query.exclude_quotes}
    fused = rrf(rankings)
    hits = [
        h for h in scored.values()
        if not (h.kind == "statement" and excluded and normalise(item_text(h.item)) in excluded)
    ]  # fmt: skip
    hits.sort(key=lambda h: (-fused.get(h.id, 0.0) * (0.5 + h.score), h.id))
    log.debug(
        "retrieved %d hits for %r (best relevance %.2f)", len(hits), text, max((h.score for h in hits), default=0)
    )
    return Retrieved(query, tuple(hits), names)
