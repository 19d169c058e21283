"""`whosaid eval transcripts`: rebuild transcripts from gold utterances, parse them, score the turns.

Each transcript is printed the way briefings are published: the title as the header line, then one
paragraph per turn, `LABEL: text` (continuation paragraphs of a turn follow unlabelled). Figures:
turn speaker accuracy on named turns (resolved name vs gold `speaker`), turn boundary accuracy (label and
text span exactly as gold), detection rate, and optionally who-said questions asked through the product.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.labels import corpus_registry, fold
from index.transcript import detect_transcript, find_turns, transcript_statements, turn_people
from rag.records import Document, Statement

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GoldTurn:
    """A gold utterance placed in the rebuilt text: label and text offsets."""

    row: dict[str, Any]
    label_start: int
    start: int
    end: int


def read_utterances(path: Path, limit: int = 0) -> dict[str, list[dict[str, Any]]]:
    """Gold utterances grouped by doc_id in transcript order; `limit` keeps the first N transcripts."""
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if row["doc_id"] not in docs and limit and len(docs) >= limit:
                continue
            docs[row["doc_id"]].append(row)
    return {k: sorted(v, key=lambda r: r["turn_index"]) for k, v in docs.items()}


def rebuild(rows: Sequence[dict[str, Any]]) -> tuple[Document, list[GoldTurn]]:
    """The printed transcript of one doc's utterances, and where each gold turn sits in it."""
    first = rows[0]
    parts = [first.get("doc_title", "")]
    pos = len(parts[0])
    gold: list[GoldTurn] = []
    for row in rows:
        pos += 2  # the blank line between paragraphs
        label, body = row["speaker_label"], row["text"].strip()
        prefix = f"{label}: "
        gold.append(GoldTurn(row, pos, pos + len(prefix), pos + len(prefix) + len(body)))
        parts.append(prefix + body)
        pos += len(prefix) + len(body)
    text = "\n\n".join(parts)
    doc = Document(
        doc_id=first["doc_id"], text=text, title=first.get("doc_title", ""), date=first.get("date", ""),
        source="whitehouse.gov", url=first.get("url", ""),
    )  # fmt: skip
    return doc, gold


# First-name variants of one person (the gold file merges them to the most frequent written form).
NICKNAMES = {
    "TONY": "ANTHONY", "LIZ": "ELIZABETH", "BETH": "ELIZABETH", "BOB": "ROBERT", "BILL": "WILLIAM", "JIM": "JAMES",
    "MIKE": "MICHAEL", "TOM": "THOMAS", "ANDY": "ANDREW", "JEN": "JENNIFER", "JOE": "JOSEPH", "DAN": "DANIEL",
    "PETE": "PETER", "CHRIS": "CHRISTOPHER", "MARTY": "MARTIN", "KATE": "KATHERINE", "SUE": "SUSAN",
}  # fmt: skip


def _key(name: str, nicknames: bool) -> str:
    words = fold(name).split()
    if nicknames and len(words) >= 2:
        words[0] = NICKNAMES.get(words[0], words[0])
    return " ".join(words)


def same_person(predicted: str, gold: str, nicknames: bool = True) -> bool:
    """Names compared without case or typographic apostrophes; 'Tony Fauci' is 'Anthony Fauci' unless strict."""
    return _key(predicted, nicknames) == _key(gold, nicknames)


def turn_speakers(statements: Iterable[Statement]) -> dict[int, str]:
    """turn_index -> the resolved speaker of that turn's own statements (quotes inside it excluded)."""
    out: dict[int, str] = {}
    for s in statements:
        if s.type in ("turn", "question"):
            out.setdefault(s.turn_index, s.speaker)
    return out


def score(docs: Sequence[tuple[Document, list[GoldTurn]]]) -> tuple[dict[str, Any], dict[str, Counter[str]]]:
    """Parse every rebuilt transcript (with a registry built from all of them) and count hits."""
    labels_of = {doc.doc_id: [t.label for t in find_turns(doc.text)] for doc, _ in docs}
    registry = corpus_registry([d for d, _ in docs], labels_of)
    c: Counter[str] = Counter()
    per_speaker: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, gold in docs:
        c["transcripts"] += 1
        c["detected"] += detect_transcript(doc)
        turns = {t.label_start: t for t in find_turns(doc.text)}
        statements = transcript_statements(doc, registry)
        c["statements"] += len(statements)
        c["quotes_in_turns"] += sum(s.type == "direct" for s in statements)
        for s in statements:
            assert doc.text[s.start : s.end] == s.quote
        speakers = turn_speakers(statements)
        people = {t.index: p.name for t, p in turn_people(doc, registry)}
        c["statement_speaker_mismatch"] += sum(people.get(i, "") != name for i, name in speakers.items())
        for g in gold:
            c["turns"] += 1
            t = turns.get(g.label_start)
            c["boundary_ok"] += bool(t and t.start == g.start and t.end == g.end)
            if g.row["speaker_status"] != "named":
                continue
            c["named"] += 1
            predicted = people.get(t.index, "") if t else ""
            ok = same_person(predicted, g.row["speaker"])
            c["speaker_ok"] += ok
            c["speaker_ok_strict"] += same_person(predicted, g.row["speaker"], nicknames=False)
            row = per_speaker[g.row["speaker"]]
            row["turns"] += 1
            if not ok:
                row["errors"] += 1
                row["as " + (predicted or "(none)")] += 1
    figures = {
        "transcripts": c["transcripts"],
        "turns": c["turns"],
        "named_turns": c["named"],
        "turn_speaker_acc": round(c["speaker_ok"] / max(1, c["named"]), 4),
        "turn_speaker_acc_strict": round(c["speaker_ok_strict"] / max(1, c["named"]), 4),
        "statement_speaker_mismatch": c["statement_speaker_mismatch"],
        "turn_boundary_acc": round(c["boundary_ok"] / max(1, c["turns"]), 4),
        "detected": round(c["detected"] / max(1, c["transcripts"]), 4),
        "statements": c["statements"],
        "quotes_in_turns": c["quotes_in_turns"],
        "registry_speakers": len(registry),
    }
    return figures, per_speaker


def error_table(per_speaker: dict[str, Counter[str]], rows: int = 25) -> str:
    """Speakers with the most wrongly resolved turns, and what they were resolved to."""
    lines = [f"{'speaker':32} {'turns':>6} {'errors':>6}  resolved as"]
    worst = sorted(per_speaker.items(), key=lambda kv: (-kv[1]["errors"], -kv[1]["turns"]))
    for name, cnt in worst[:rows]:
        if not cnt["errors"]:
            break
        wrong = ", ".join(f"{k[3:]} ({v})" for k, v in cnt.most_common() if k.startswith("as "))
        lines.append(f"{name[:32]:32} {cnt['turns']:>6} {cnt['errors']:>6}  {wrong}")
    if len(lines) == 1:
        lines.append("(no speaker errors)")
    return "\n".join(lines)


def run_transcript_eval(gold_path: Path, limit: int = 0, who_said: int = 0) -> tuple[str, dict[str, Any]]:
    """Rebuild, parse and score the gold transcripts: (per-speaker error table, figures). `who_said` > 0
    also ingests them through the product and asks that many who-said questions (slow: embeds every turn)."""
    grouped = read_utterances(Path(gold_path), limit)
    docs = [rebuild(rows) for rows in grouped.values()]
    figures, per_speaker = score(docs)
    if who_said:
        from index.eval_whosaid import run_who_said

        figures |= run_who_said(docs, who_said)
    summary = (
        f"{figures['transcripts']} transcripts, {figures['turns']} turns ({figures['named_turns']} named): "
        f"speaker accuracy {figures['turn_speaker_acc']:.4f}, boundaries {figures['turn_boundary_acc']:.4f}, "
        f"detected {figures['detected']:.4f}"
    )
    if who_said:
        summary += (
            f"\nwho-said: {figures['who_said']:.4f} of {figures['who_said_questions']} questions "
            f"(speaker named {figures['who_said_speaker']:.4f}, "
            f"citation in the turn {figures['who_said_citation']:.4f})"
        )
    return error_table(per_speaker) + "\n\n" + summary, figures
