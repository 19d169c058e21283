"""Developer loop for the attribution engine: parse once (cached DocBin), then extract + score in seconds.

    python tools/attrib_loop.py dev            # figures on the dev split (same scorer as `whosaid eval attribution`)
    python tools/attrib_loop.py train --limit 300 --errors /tmp/train_errors.jsonl
    python tools/attrib_loop.py train --limit 840 --offset 600   # docs 600-840 only (parse cached for 840)

Approximates the product path (no dedupe skip spans, no transcript routing); confirm with
`whosaid eval attribution` before quoting figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.eval_attribution import article_documents, read_jsonl, score, statement_records  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
CACHE = Path("/tmp/attrib_cache")


def parsed(split: str, limit: int | None):
    import spacy
    from spacy.tokens import DocBin

    from index.nlp import load_nlp
    from rag.settings import Settings

    docs = article_documents(read_jsonl(POLNEAR / f"{split}_articles.jsonl"))
    if limit:
        docs = docs[:limit]
    nlp = load_nlp(Settings())
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{split}-{len(docs)}.spacy"
    if path.exists():
        sdocs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        sdocs = list(nlp.pipe((d.text for d in docs), batch_size=16))
        db = DocBin(store_user_data=True)
        for d in sdocs:
            db.add(d)
        db.to_disk(path)
    assert all(s.text == d.text for s, d in zip(sdocs, docs, strict=True))
    _ = spacy
    return docs, sdocs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", choices=["dev", "train"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--offset", type=int, default=0, help="score only docs[offset:limit] (an unseen slice)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--errors", type=Path, help="write unmatched gold / predictions here (JSONL)")
    a = ap.parse_args()
    from index.extract import extract_doc

    docs, sdocs = parsed(a.split, a.limit)
    docs, sdocs = docs[a.offset :], sdocs[a.offset :]
    t = time.perf_counter()
    stmts = [s for sd, d in zip(sdocs, docs, strict=True) for s in extract_doc(sd, d, ())]
    took = time.perf_counter() - t
    gold_file = POLNEAR / (f"{a.split}.jsonl" if a.split == "dev" else "train.jsonl.gz")
    ids = {d.doc_id for d in docs}
    gold = [g for g in read_jsonl(gold_file) if g["doc_id"] in ids]
    preds = statement_records(stmts)
    table, figures = score(gold, preds, a.threshold)
    print(table)
    print(f"extract {took:.1f} s for {len(docs)} docs")
    print(json.dumps(figures))
    if a.errors:
        from collections import defaultdict

        from index.eval_attribution import chars, match

        gb: dict = defaultdict(list)
        for g in gold:
            gb[g["doc_id"]].append(dict(g, _chars=chars(g["quote_spans"])))
        pb: dict = defaultdict(list)
        for p in preds:
            pb[p["doc_id"]].append(dict(p, _chars=set(range(p["start"], p["end"]))))
        pairs = match(gb, pb, a.threshold)
        gold_hit = {id(g): p for p, g in pairs}
        pred_hit = {id(p) for p, _ in pairs}
        text = {d.doc_id: d.text for d in docs}

        def clean(r: dict) -> dict:
            return {k: v for k, v in r.items() if not k.startswith("_")}

        with a.errors.open("w") as f:
            for doc, golds in gb.items():
                for g in golds:
                    p = gold_hit.get(id(g))
                    row = {
                        "kind": "match" if p else "miss",
                        "gold": clean(g),
                        "gold_text": " | ".join(text[doc][s["start"] : s["end"]] for s in g["quote_spans"]),
                        "pred": clean(p) if p else None,
                    }
                    f.write(json.dumps(row) + "\n")
            for ps in pb.values():
                for p in ps:
                    if id(p) not in pred_hit:
                        f.write(json.dumps({"kind": "false_positive", "pred": clean(p)}) + "\n")


if __name__ == "__main__":
    main()
