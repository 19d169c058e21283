"""`whosaid eval attribution`: ingest annotated articles into a temporary store and score the statements.

The figures are defined exactly as in the reference scorer `shared/eval/score_attribution.py`
(reimplemented here so the product runs without ../shared; a test checks both agree):
matching per document by character-overlap F1 of content spans (greedy, one-to-one, best first);
precision against all gold attributions, recall on gold whose cue is a speech verb, speaker
accuracy on matched pairs, and the same precision/recall/F1 at overlap >= 0.8 ("strict").
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.records import Document, Statement

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from index.extract import StatementExtractor
    from rag.settings import Settings

Record = dict[str, Any]
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "jr", "sr", "ii", "iii"}


def surname(name: str | None) -> str | None:
    """Last name word of a name, titles and possessives left out; None when there is none."""
    if not name:
        return None
    words = [w.lower().strip("'") for w in WORD.findall(name)]
    words = [w for w in words if w not in TITLES and not w.endswith("'s")]
    return words[-1] if words else None


def chars(spans: Iterable[Record]) -> set[int]:
    """The set of character offsets covered by {start, end} spans."""
    out: set[int] = set()
    for s in spans:
        out.update(range(s["start"], s["end"]))
    return out


def overlap_f1(a: set[int], b: set[int]) -> float:
    """Character-overlap F1 of two offset sets."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def gold_surnames(gold: Record) -> set[str]:
    """Surnames the gold speaker may carry: as written (when a name) and its auto-resolved name."""
    golds = set()
    if gold.get("speaker_mention_type_auto") == "name":
        golds.add(surname(gold.get("speaker_text")))
    golds.add(surname(gold.get("speaker_canonical_auto")))
    golds.discard(None)
    return golds  # type: ignore[return-value]


def speaker_ok(pred: Record, gold: Record) -> bool:
    """The predicted mention overlaps the gold speaker span, or a predicted surname matches."""
    ps, pe = pred.get("speaker_start"), pred.get("speaker_end")
    if (
        isinstance(ps, int)
        and isinstance(pe, int)
        and pe > ps
        and chars([{"start": ps, "end": pe}]) & chars(gold["speaker_spans"])
    ):
        return True
    cands = {surname(pred.get("speaker")), surname(pred.get("speaker_mention"))} - {None}
    return bool(cands & gold_surnames(gold))


def name_ok(pred: Record, gold: Record) -> bool | None:
    """None when gold has no usable name; else whether the resolved speaker carries its surname."""
    golds = gold_surnames(gold)
    if not golds:
        return None
    return surname(pred.get("speaker")) in golds


def match(gold_by_doc: dict[str, list[Record]], pred_by_doc: dict[str, list[Record]], threshold: float) -> list[
    tuple[Record, Record]
]:  # fmt: skip
    """Greedy one-to-one matching per document, best overlap first, pairs at or above the threshold."""
    matched = []
    for doc, golds in gold_by_doc.items():
        preds = pred_by_doc.get(doc, [])
        pairs = []
        for i, p in enumerate(preds):
            for j, g in enumerate(golds):
                sc = overlap_f1(p["_chars"], g["_chars"])
                if sc >= threshold:
                    pairs.append((sc, i, j))
        pairs.sort(reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            matched.append((preds[i], golds[j]))
    return matched


def ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def score(gold: Iterable[Record], preds: Iterable[Record], threshold: float = 0.5) -> tuple[str, dict[str, Any]]:
    """The reference scorer's per-type table and figures for gold records and predicted statements."""
    gold_by_doc: dict[str, list[Record]] = defaultdict(list)
    for g in gold:
        g = dict(g, _chars=chars(g["quote_spans"]))
        gold_by_doc[g["doc_id"]].append(g)
    pred_by_doc: dict[str, list[Record]] = defaultdict(list)
    bad = 0
    for p in preds:
        try:
            p = dict(p, _chars=set(range(int(p["start"]), int(p["end"]))))
        except (KeyError, TypeError, ValueError):
            bad += 1
            continue
        if p.get("doc_id") in gold_by_doc:
            pred_by_doc[p["doc_id"]].append(p)

    n_gold = sum(len(v) for v in gold_by_doc.values())
    n_pred = sum(len(v) for v in pred_by_doc.values())
    matched = match(gold_by_doc, pred_by_doc, threshold)
    matched_gold_ids = {id(g) for _, g in matched}
    all_gold = [g for v in gold_by_doc.values() for g in v]
    speech = [g for g in all_gold if g.get("speech_cue_auto")]
    with_spk = [(p, g) for p, g in matched if g.get("has_speaker")]
    spk_ok = sum(1 for p, g in with_spk if speaker_ok(p, g))
    precision = ratio(len(matched), n_pred)
    recall_speech = ratio(sum(1 for g in speech if id(g) in matched_gold_ids), len(speech))
    f1 = round(2 * precision * recall_speech / (precision + recall_speech), 4) if precision + recall_speech else 0.0

    named = [(p, g) for p, g in with_spk if name_ok(p, g) is not None]
    name_hits = sum(1 for p, g in named if name_ok(p, g))
    strict = match(gold_by_doc, pred_by_doc, 0.8)
    strict_ids = {id(g) for _, g in strict}
    s_p = ratio(len(strict), n_pred)
    s_r = ratio(sum(1 for g in speech if id(g) in strict_ids), len(speech))
    s_f = round(2 * s_p * s_r / (s_p + s_r), 4) if s_p + s_r else 0.0

    by_type: dict[str, dict[str, Any]] = {}
    lines = []
    for t in ("direct", "mixed", "indirect"):
        gs = [g for g in all_gold if g["quote_type"] == t]
        m = [(p, g) for p, g in with_spk if g["quote_type"] == t]
        by_type[t] = {
            "gold": len(gs),
            "recall": ratio(sum(1 for g in gs if id(g) in matched_gold_ids), len(gs)),
            "speaker_acc": ratio(sum(1 for p, g in m if speaker_ok(p, g)), len(m)),
        }
        lines.append(
            f"{t:9s} gold={len(gs):4d} recall={by_type[t]['recall']:.3f} speaker_acc={by_type[t]['speaker_acc']:.3f}"
        )
    figures = {
        "docs": len(gold_by_doc),
        "gold": n_gold,
        "gold_speech": len(speech),
        "pred": n_pred,
        "unparsable_pred_lines": bad,
        "precision": precision,
        "recall_all": ratio(len(matched), n_gold),
        "recall_speech": recall_speech,
        "f1_speech": f1,
        "speaker_acc": ratio(spk_ok, len(with_spk)),
        "speaker_name_acc": ratio(name_hits, len(named)),
        "strict": {"precision": s_p, "recall_speech": s_r, "f1_speech": s_f},
        "by_type": by_type,
    }
    return "\n".join(lines), figures


def read_jsonl(path: Path) -> list[Record]:
    """Records of a JSONL file (.gz allowed), blank lines skipped."""
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [json.loads(line) for line in f if line.strip()]


def article_documents(records: Iterable[Record]) -> list[Document]:
    """Articles JSONL records (id, text, title?, date?, source?, url?) as Documents."""
    return [
        Document(
            doc_id=str(r["id"]),
            text=r["text"],
            title=r.get("title") or "",
            date=r.get("date") or "",
            source=r.get("source") or "",
            url=r.get("url") or "",
        )
        for r in records
    ]


def statement_records(statements: Iterable[Statement]) -> list[Record]:
    """Statements in the public JSONL shape the scorer reads."""
    return [s.to_json() for s in statements]


def ingest_and_export(
    docs: Sequence[Document], settings: Settings, embeddings: Embeddings | None = None,
    extractor: StatementExtractor | None = None,
) -> list[Statement]:  # fmt: skip
    """Ingest documents through the product write path into a temporary data dir; return its statements."""
    from index.build import ingest_documents
    from rag.store import Store

    with tempfile.TemporaryDirectory(prefix="whosaid-eval-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": ""})
        store = Store.open(local, embeddings=embeddings)
        ingest_documents(docs, local, store, extractor=extractor)
        return store.statements()


def run_attribution_eval(
    gold_path: Path, articles_path: Path, threshold: float = 0.5, settings: Settings | None = None,
    embeddings: Embeddings | None = None,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """Ingest the articles into a temporary store, export statements, score them: (table, figures)."""
    from rag.settings import get_settings

    docs = article_documents(read_jsonl(Path(articles_path)))
    statements = ingest_and_export(docs, settings or get_settings(), embeddings=embeddings)
    return score(read_jsonl(Path(gold_path)), statement_records(statements), threshold)
