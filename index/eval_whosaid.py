"""Who-said questions over rebuilt transcripts, asked through the product (ingest -> Assistant).

A question quotes one sentence of a named turn that occurs in no other utterance ("Who said “…”?");
it is right when the answer names the speaker (full name or the label's surname) and a citation lies
inside that turn.
"""

from __future__ import annotations

import logging
import random
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.labels import fold, label_parts
from rag.records import Answer, Document

if TYPE_CHECKING:
    from index.eval_transcripts import GoldTurn

log = logging.getLogger(__name__)

TRUSTED_SOURCES = {"doc_title", "date_rule", "corpus_registry"}  # the README's advice for who-said gold
_SENTENCE = re.compile(r"[^.!?\n]*[.!?]")
_GENERIC = re.compile(r"^(?:thank|thanks|go ahead|okay|sure|yeah|yes|no|all right|great|good)\b", re.I)


@dataclass(frozen=True)
class Question:
    """One who-said question and where its answer lives."""

    question: str
    sentence: str
    speaker: str
    surname: str
    doc_id: str
    start: int  # the gold turn's text span in the rebuilt document
    end: int


def _sentences(text: str) -> list[str]:
    out = []
    for m in _SENTENCE.finditer(text):
        s = m.group().strip()
        words = s.split()
        if 8 <= len(words) <= 35 and s[0].isupper() and not re.search(r"[“”\"()\[\]]", s) and not _GENERIC.match(s):
            out.append(s)
    return out


def build_questions(docs: Sequence[tuple[Document, list[GoldTurn]]], n: int, seed: int = 7) -> list[Question]:
    """Up to n questions, spread over speakers (round-robin) so press secretaries do not crowd out the rest."""
    corpus = "\n".join(g.row["text"] for _, gold in docs for g in gold)
    by_speaker: dict[str, list[tuple[Document, GoldTurn]]] = defaultdict(list)
    for doc, gold in docs:
        for g in gold:
            r = g.row
            if r["speaker_status"] == "named" and r.get("name_source") in TRUSTED_SOURCES and len(r["text"]) >= 80:
                by_speaker[r["speaker"]].append((doc, g))
    rng = random.Random(seed)
    pools = {k: rng.sample(v, len(v)) for k, v in sorted(by_speaker.items())}
    out: list[Question] = []
    while len(out) < n and any(pools.values()):
        for speaker in sorted(pools):
            if not pools[speaker] or len(out) >= n:
                continue
            doc, g = pools[speaker].pop()
            unique = [s for s in _sentences(g.row["text"]) if corpus.count(s) == 1]
            if not unique:
                continue
            sentence = rng.choice(unique)
            names = label_parts(g.row["speaker_label"])[1]
            surname = names[-1] if names else fold(speaker.split()[-1])
            out.append(Question(f"Who said “{sentence}”?", sentence, speaker, surname, doc.doc_id, g.start, g.end))
    return out


def correct(q: Question, answer: Answer) -> tuple[bool, bool]:
    """(speaker named, a citation inside the right turn)."""
    text = fold(answer.text + " " + " ".join(c.speaker for c in answer.citations))
    named = not answer.abstained and (fold(q.speaker) in text or re.search(rf"\b{re.escape(q.surname)}\b", text))
    cited = any(c.doc_id == q.doc_id and q.start <= c.start and c.end <= q.end for c in answer.citations)
    return bool(named), cited


def run_who_said(docs: Sequence[tuple[Document, list[GoldTurn]]], n: int) -> dict[str, Any]:
    """Ingest the rebuilt transcripts into a temporary data dir and ask n who-said questions."""
    from index.build import ingest_documents
    from rag.chain import Assistant
    from rag.settings import Settings
    from rag.store import Store

    questions = build_questions(docs, n)
    with tempfile.TemporaryDirectory(prefix="whosaid-eval-") as tmp:
        settings = Settings.model_validate({"data_dir": Path(tmp)})
        store = Store.open(settings)
        report = ingest_documents([d for d, _ in docs], settings, store)
        log.info("who-said eval: %s", report.summary())
        assistant = Assistant(settings, store=store)
        named = cited = both = 0
        misses: list[str] = []
        for q in questions:
            answer = assistant.ask(q.question)
            ok_name, ok_cite = correct(q, answer)
            named += ok_name
            cited += ok_cite
            both += ok_name and ok_cite
            if not (ok_name and ok_cite) and len(misses) < 5:
                misses.append(f"{q.speaker}: {q.sentence[:60]!r} -> {answer.text[:80]!r}")
    for m in misses:
        log.info("who-said miss: %s", m)
    k = max(1, len(questions))
    return {
        "who_said": round(both / k, 4),
        "who_said_speaker": round(named / k, 4),
        "who_said_citation": round(cited / k, 4),
        "who_said_questions": len(questions),
        "who_said_ingested": report.count("ingested"),
    }
