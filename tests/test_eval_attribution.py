"""`whosaid eval attribution`: the same figures as the reference scorer, end to end through ingest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.eval_attribution import run_attribution_eval, score

TEXT_A = "“We will not retreat,” Governor Ana Ruiz said. Ruiz told reporters that the bridge would reopen in May."
TEXT_B = "According to Paul Weber, the budget is balanced. Critics think it is not. “Never,” he said."


def span(text: str, piece: str) -> dict[str, Any]:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def gold(doc: str, text: str, content: list[str], speaker: str | None, cue: str, qtype: str, **extra: Any) -> dict:  # type: ignore[type-arg]
    return {
        "doc_id": doc, "quote_spans": [span(text, c) for c in content], "quote_text": " … ".join(content),
        "speaker_text": speaker, "speaker_spans": [span(text, speaker)] if speaker else [],
        "has_speaker": speaker is not None, "cue_text": cue, "quote_type": qtype, "speech_cue_auto": True, **extra,
    }  # fmt: skip


GOLD = [
    gold("a", TEXT_A, ["“We will not retreat,”"], "Governor Ana Ruiz", "said", "direct",
         speaker_mention_type_auto="name", speaker_canonical_auto="Ana Ruiz"),
    gold("a", TEXT_A, ["that the bridge would reopen in May"], "Ruiz", "told", "indirect",
         speaker_mention_type_auto="name", speaker_canonical_auto="Ana Ruiz"),
    gold("b", TEXT_B, ["the budget is balanced"], "Paul Weber", "According to", "indirect",
         speaker_mention_type_auto="name", speaker_canonical_auto=None),
    gold("b", TEXT_B, ["it is not"], "Critics", "think", "indirect", speech_cue_auto=False,
         speaker_mention_type_auto="nominal", speaker_canonical_auto=None),
    gold("b", TEXT_B, ["“Never,”"], "he", "said", "direct", speaker_mention_type_auto="pronoun",
         speaker_canonical_auto="Paul Weber"),
    gold("b", TEXT_B, ["Critics think", "it is not"], None, "think", "mixed", speech_cue_auto=None),
]  # fmt: skip


def pred(doc: str, text: str, content: str, speaker: str = "", mention: str = "", **extra: Any) -> dict:  # type: ignore[type-arg]
    s = span(text, content)
    m = span(text, mention) if mention else {"start": -1, "end": -1}
    return {"doc_id": doc, "start": s["start"], "end": s["end"], "quote": content, "speaker": speaker,
            "speaker_mention": mention, "speaker_start": m["start"], "speaker_end": m["end"], **extra}  # fmt: skip


PREDS = [
    pred("a", TEXT_A, "“We will not retreat,”", "Ana Ruiz", "Governor Ana Ruiz"),
    pred("a", TEXT_A, "the bridge would reopen", "Ana Ruiz", "Ruiz"),  # a boundary off by a word
    pred("a", TEXT_A, "Ruiz told reporters", "", ""),  # a false positive
    pred("b", TEXT_B, "the budget is balanced", "", "Paul Weber"),  # right span, no resolved name
    pred("b", TEXT_B, "“Never,” he said", "Paul Weber", "he"),
    pred("b", TEXT_B, "it is not", "Critics", "Critics"),
    pred("zz", TEXT_B, "Critics"),  # a document the gold does not know
    {"doc_id": "b", "start": "x"},  # unparsable
]


def test_score_figures_by_hand() -> None:
    table, fig = score(GOLD, PREDS)
    assert fig["gold"] == 6 and fig["pred"] == 6 and fig["unparsable_pred_lines"] == 1
    assert fig["precision"] == round(5 / 6, 4)
    assert fig["gold_speech"] == 4 and fig["recall_speech"] == 1.0
    assert fig["speaker_name_acc"] == 0.75  # "Paul Weber" by mention only: no resolved name
    assert fig["speaker_acc"] == 1.0
    assert table.splitlines()[0].startswith("direct    gold=   2 recall=1.000")


@pytest.mark.shared
def test_same_figures_as_the_reference_scorer(shared_dir: Path, tmp_path: Path) -> None:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in PREDS), encoding="utf-8")
    for threshold in ("0.5", "0.8"):
        ref = subprocess.run(
            [sys.executable, str(shared_dir / "eval" / "score_attribution.py"), str(gold_path), str(pred_path),
             "--threshold", threshold],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        table, ours = score(GOLD, PREDS, float(threshold))
        assert ours == json.loads(ref.stdout.strip().splitlines()[-1])
        assert table == ref.stderr.strip()


@pytest.mark.models
def test_eval_runs_through_ingest_on_a_temporary_store(tmp_path: Path, settings, fake_embeddings) -> None:  # type: ignore[no-untyped-def]
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "".join(json.dumps({"id": d, "text": t, "title": d}) + "\n" for d, t in (("a", TEXT_A), ("b", TEXT_B))),
        encoding="utf-8",
    )
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    table, fig = run_attribution_eval(gold_path, articles, settings=settings, embeddings=fake_embeddings)
    assert fig["docs"] == 2 and fig["pred"] >= 3
    assert fig["by_type"]["direct"]["recall"] == 1.0
    assert fig["speaker_acc"] >= 0.75
    assert "indirect" in table
    assert not (settings.data_dir / "chroma").exists()  # the user's data dir is untouched
