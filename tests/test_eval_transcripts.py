from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from index.eval_transcripts import read_utterances, rebuild, run_transcript_eval, same_person
from index.eval_whosaid import Question, build_questions, correct
from rag.records import Answer, Citation

TITLE = "Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan, May 2, 2022"


def row(i: int, label: str, speaker: str, text: str, status: str = "named", doc_id: str = "b1") -> dict[str, Any]:
    return {
        "id": f"{doc_id}#{i:04d}", "doc_id": doc_id, "doc_title": TITLE, "date": "2022-05-02", "url": "",
        "turn_index": i, "speaker_label": label, "speaker": speaker, "speaker_status": status, "text": text,
    }  # fmt: skip


ROWS = [
    row(0, "MS. PSAKI", "Jen Psaki", "Hi, everyone. Jake is here to talk about the summit."),
    row(1, "MR. SULLIVAN", "Jake Sullivan", "Thanks, Jen.\n\n(Laughter.)\n\nThe summit starts Friday."),
    row(2, "Q", "Q (unnamed reporter)", "Will the President meet the prime minister?", "reporter"),
    row(3, "THE PRESIDENT", "Joe Biden", "I will, and we will talk about trade."),
    row(4, "MODERATOR", "Moderator", "Last question.", "anonymous"),
    row(5, "MS. PSAKI", "Jen Psaki", "Thanks, everyone."),
]


def write(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_rebuild_prints_labels_and_places_each_gold_turn() -> None:
    doc, gold = rebuild(ROWS)
    assert doc.text.startswith(TITLE + "\n\nMS. PSAKI: Hi, everyone.")
    for g in gold:
        assert doc.text[g.start : g.end] == g.row["text"]
        assert doc.text[g.label_start : g.start] == g.row["speaker_label"] + ": "


def test_eval_scores_a_small_gold_file(tmp_path: Path) -> None:
    table, figures = run_transcript_eval(write(tmp_path, ROWS))
    assert figures["turn_speaker_acc"] == 1.0 and figures["turn_boundary_acc"] == 1.0
    assert (figures["transcripts"], figures["turns"], figures["named_turns"]) == (1, 6, 4)
    assert "(no speaker errors)" in table
    json.dumps(figures)  # the CLI prints it as one JSON line


def test_eval_reports_wrong_speakers_in_the_table(tmp_path: Path) -> None:
    rows = [*ROWS[:5], row(5, "MS. PSAKI", "Karine Jean-Pierre", "Thanks, everyone.")]
    table, figures = run_transcript_eval(write(tmp_path, rows))
    assert figures["turn_speaker_acc"] == 0.75
    assert "Karine Jean-Pierre" in table and "Jen Psaki (1)" in table


def test_limit_keeps_the_first_transcripts(tmp_path: Path) -> None:
    rows = ROWS + [{**r, "doc_id": "b2", "id": "b2#" + r["id"][-4:]} for r in ROWS]
    assert list(read_utterances(write(tmp_path, rows), limit=1)) == ["b1"]
    assert len(read_utterances(write(tmp_path, rows))) == 2


@pytest.mark.parametrize(
    ("a", "b", "same", "strict"),
    [
        ("Tony Fauci", "Anthony Fauci", True, False),
        ("Ms. O’Connell", "Ms. O'Connell", True, True),
        ("jen psaki", "Jen Psaki", True, True),
        ("Jen Psaki", "Karine Jean-Pierre", False, False),
    ],
)
def test_same_person(a: str, b: str, same: bool, strict: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(a, b, nicknames=False) is strict


@pytest.mark.shared
def test_dev_corpus_meets_the_targets_on_its_first_transcripts(shared_dir: Path) -> None:
    gold = shared_dir / "eval" / "speeches" / "speeches.jsonl"
    if not gold.exists():
        pytest.skip("speeches.jsonl is not in ../shared")
    _, figures = run_transcript_eval(gold, limit=8)
    assert figures["turn_boundary_acc"] >= 0.99
    assert figures["turn_speaker_acc"] >= 0.98
    assert figures["detected"] == 1.0


def test_who_said_questions_quote_a_unique_sentence_of_a_named_turn() -> None:
    long = "The summit will open with a session on supply chains and shipping costs. It runs two days."
    rows = [*ROWS, row(6, "MR. SULLIVAN", "Jake Sullivan", long)]
    rows = [{**r, "name_source": "doc_title"} for r in rows]
    doc, gold = rebuild(rows)
    questions = build_questions([(doc, gold)], n=5)
    assert [(q.speaker, q.surname, q.sentence) for q in questions] == [
        ("Jake Sullivan", "SULLIVAN", "The summit will open with a session on supply chains and shipping costs.")
    ]
    q = questions[0]
    assert doc.text[q.start : q.end] == long


def citation(doc_id: str, start: int, end: int, speaker: str = "") -> Citation:
    return Citation(n=1, doc_id=doc_id, quote="x", start=start, end=end, passage="x", passage_start=start,
                    speaker=speaker)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "abstained", "cite", "expected"),
    [
        ("Jake Sullivan said it [1].", False, (10, 20), (True, True)),
        ("Mr. Sullivan said it [1].", False, (10, 20), (True, True)),  # the label's surname is enough
        ("Jen Psaki said it [1].", False, (10, 20), (False, True)),
        ("Jake Sullivan said it [1].", False, (30, 40), (True, False)),  # cited outside the turn
        ("I could not find that. Jake Sullivan", True, (10, 20), (False, True)),
    ],
)
def test_who_said_scoring(text: str, abstained: bool, cite: tuple[int, int], expected: tuple[bool, bool]) -> None:
    q = Question("Who said “x”?", "x", "Jake Sullivan", "SULLIVAN", "b1", 5, 25)
    answer = Answer(question=q.question, text=text, abstained=abstained, citations=(citation("b1", *cite),))
    assert correct(q, answer) == expected
