from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.eval_qa import make_questions, read_jsonl, score, surname

TEXT = "Intro.\n\n“We will open every harbour on the northern coast before the winter storms,” said Ilse Marren."


def gold(doc_id: str = "a", name: str = "Ilse Marren") -> dict:
    q = "“We will open every harbour on the northern coast before the winter storms,”"
    s = TEXT.index(q)
    return {
        "doc_id": doc_id, "has_speaker": True, "speech_cue_auto": True, "quote_type": "direct",
        "speaker_mention_type_auto": "name", "quote_text": q, "speaker_text": name, "speaker_canonical_auto": name,
        "paragraph_start": 8, "paragraph_end": len(TEXT), "quote_spans": [{"start": s, "end": s + len(q)}],
    }  # fmt: skip


ARTICLES = {i: {"id": i, "text": TEXT} for i in ("a", "b", "c")}


@pytest.mark.parametrize(("name", "expected"), [("Sen. Ilse Marren Jr.", "marren"), ("", None), ("Mr.", None)])
def test_surname(name: str, expected: str | None) -> None:
    assert surname(name) == expected


def test_questions_of_each_kind_and_withheld_articles() -> None:
    qs, withheld = make_questions([gold("a"), gold("b"), gold("c")], ARTICLES, seed=1, withheld_n=1)
    kinds = sorted(q["kind"] for q in qs)
    assert kinds == ["abstain", "what_said", "who_said", "who_said"]
    assert {q["doc_id"] for q in qs if q["kind"] == "abstain"} == withheld
    who = next(q for q in qs if q["kind"] == "who_said")
    assert who["question"].startswith('Who said "') and len(who["question"].split()) >= 10


def test_same_seed_same_questions() -> None:
    args = ([gold("a"), gold("b")], ARTICLES)
    assert make_questions(*args, seed=3) == make_questions(*args, seed=3)


def cite(doc: str, start: int, end: int, quote: str | None = None) -> dict:
    return {"doc_id": doc, "start": start, "end": end, "quote": TEXT[start:end] if quote is None else quote}


@pytest.mark.parametrize(
    ("answer", "figure", "value"),
    [
        ({"answer": "Ilse Marren said ...", "citations": [cite("a", 10, 20)]}, "who_said", 1.0),
        ({"answer": "Someone said ...", "citations": [cite("a", 10, 20)]}, "who_said", 0.0),  # no surname
        ({"answer": "Marren said ...", "citations": [cite("a", 0, 5)]}, "who_said", 0.0),  # wrong paragraph
        ({"answer": "Marren said ...", "citations": [cite("a", 10, 20, "forged")]}, "verbatim", 0.0),
        ({"answer": "Marren said ...", "citations": [cite("a", 10, 20)]}, "verbatim", 1.0),
        # attributed: the cited statement itself carries the speaker, not only the answer's text
        (
            {"answer": "Marren said ...", "citations": [cite("a", 10, 20) | {"speaker": "Ilse Marren"}]},
            "who_said_attributed",
            1.0,
        ),
        (
            {"answer": "Speaker not identified: '... Marren said ...'", "citations": [cite("a", 10, 20)]},
            "who_said_attributed",
            0.0,
        ),
        (
            {"answer": "Speaker not identified: '... Marren said ...'", "citations": [cite("a", 10, 20)]},
            "who_said",
            1.0,
        ),
        (
            {"answer": "Ilse Marren said", "citations": [cite("a", 10, 20) | {"speaker": "Marren"}]},
            "who_said_attributed",
            1.0,
        ),
        (
            {"answer": "Ilse Marren said", "citations": [cite("a", 10, 20) | {"speaker": "Ivo Brandt"}]},
            "who_said_attributed",
            0.0,
        ),
    ],
)
def test_score_who_said(answer: dict, figure: str, value: float) -> None:
    expected = [{"kind": "who_said", "speaker": "Ilse Marren", "doc_id": "a", "para": [8, len(TEXT)]}]
    assert score(expected, [answer], {"a": TEXT})[figure] == value


def test_attributed_speaker_ignores_apostrophe_style() -> None:
    from index.eval_qa import same_surname

    assert same_surname("O'Neill", "James O’Neill")
    assert not same_surname("O'Neill", "James Neill")
    assert not same_surname("", "James O’Neill")


def test_score_what_said_and_abstain() -> None:
    expected = [
        {"kind": "what_said", "targets": [[10, 30, "a"]]},
        {"kind": "abstain"},
        {"kind": "abstain"},
    ]
    answers = [
        {"citations": [cite("a", 25, 40)]},
        {"abstained": True},
        {"abstained": False, "citations": [cite("b", 0, 1)]},
    ]
    got = score(expected, answers, {"a": TEXT, "b": TEXT})
    assert (got["what_said"], got["abstain"]) == (1.0, 0.5)


@pytest.mark.shared
def test_questions_match_the_shared_generator(shared_dir: Path, tmp_path: Path) -> None:
    gold_path, art_path = shared_dir / "data/polnear/dev.jsonl", shared_dir / "data/polnear/dev_articles.jsonl"
    subprocess.run([sys.executable, str(shared_dir / "eval/qa_questions.py"), "make", str(gold_path), str(art_path),
                    str(tmp_path)], check=True, capture_output=True)  # fmt: skip
    theirs = [json.loads(line) for line in (tmp_path / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = {r["id"]: r for r in read_jsonl(art_path)}
    ours, _ = make_questions(read_jsonl(gold_path), articles)
    assert ours == theirs


def test_articles_are_read_like_an_ingested_jsonl_file() -> None:
    from index.eval_qa import to_documents
    from rag.settings import Settings

    records = [{"id": "a", "text": TEXT, "title": " Harbour ", "date": "2016-09-12T10:00:00Z"}, {"id": "b", "text": ""}]
    [doc] = to_documents(records, Settings())  # the empty article is rejected as `whosaid ingest` rejects it
    assert (doc.doc_id, doc.title, doc.date, doc.text) == ("a", "Harbour", "2016-09-12", TEXT)


@pytest.mark.shared
def test_scores_match_the_shared_scorer(shared_dir: Path, tmp_path: Path) -> None:
    gold_path, art_path = shared_dir / "data/polnear/dev.jsonl", shared_dir / "data/polnear/dev_articles.jsonl"
    script = str(shared_dir / "eval/qa_questions.py")
    subprocess.run([sys.executable, script, "make", str(gold_path), str(art_path), str(tmp_path)], check=True,
                   capture_output=True)  # fmt: skip
    expected = read_jsonl(tmp_path / "expected.jsonl")
    texts = {r["id"]: r["text"] for r in read_jsonl(art_path)}
    answers = []
    for i, e in enumerate(expected):  # right, wrong, forged and empty answers of every kind, in turn
        doc, (lo, hi) = (
            (e["targets"][0][2], e["targets"][0][:2]) if e.get("targets") else (e.get("doc_id"), e.get("para", [0, 1]))
        )
        quote = texts[doc][lo:hi] if doc in texts and i % 4 != 2 else "forged"
        cite = {"doc_id": doc, "start": lo, "end": hi, "quote": quote}
        name = e.get("speaker", "") if i % 4 != 1 else "Someone"
        answers.append({} if i % 4 == 3 else {"answer": f"{name} said", "abstained": False, "citations": [cite]})
    (tmp_path / "answers.jsonl").write_text("".join(json.dumps(a) + "\n" for a in answers), encoding="utf-8")
    ran = subprocess.run([sys.executable, script, "score", str(tmp_path), str(tmp_path / "answers.jsonl")],
                         check=True, capture_output=True, text=True)  # fmt: skip
    theirs = json.loads(ran.stdout.strip().splitlines()[-1])
    ours = score(expected, answers, texts)
    assert ours.pop("who_said_attributed") <= ours["who_said"]  # our stricter extra figure; the rest are theirs
    assert ours == theirs
    assert 0 < theirs["who_said"] < 1 and 0 < theirs["verbatim"] < 1
