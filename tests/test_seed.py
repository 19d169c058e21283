"""Issue #2 acceptance on the real seed article (../shared/data/seed), through the library and the CLI.

The seed repeats its headline and its whole body; its text is read from ../shared, never copied here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rag.records import Answer, Statement
from tests.conftest import SEED

if TYPE_CHECKING:
    from rag.chain import Assistant

pytestmark = [pytest.mark.models, pytest.mark.shared]

QUESTION = "Who said there is no point in giving the enemy a pause to regroup?"
SPEAKER = "Sergei Lavrov"
FRAGMENT = "pause to regroup"
WHOSAID = Path(sys.executable).parent / "whosaid"


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@dataclass(frozen=True)
class LibraryRun:
    answer: Answer
    statements: list[Statement]
    stored_text: str


@dataclass(frozen=True)
class CliRun:
    ingest: subprocess.CompletedProcess[str]
    answer: dict[str, object]
    statements: list[dict[str, object]]


@pytest.fixture(scope="module")
def library_run(seed_assistant: Assistant) -> LibraryRun:
    store = seed_assistant.store
    [doc_id] = [doc_id for doc_id, _ in store.document_meta()]
    stored = store.get_document(doc_id)
    assert stored is not None
    answer = seed_assistant.ask(QUESTION)
    return LibraryRun(answer, store.statements(), stored.text)


def whosaid(args: list[str], data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"WHOSAID_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.run(
        [str(WHOSAID), *args], env=env, input=stdin, capture_output=True, text=True, check=False, timeout=900
    )
    assert proc.returncode == 0, f"whosaid {' '.join(args)} exited {proc.returncode}: {proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    if not SEED.is_file():
        pytest.skip("../shared/data/seed is not present (development data tier)")
    data = tmp_path_factory.mktemp("seed-cli") / "data"
    ingested = whosaid(["ingest", "--quiet", str(SEED)], data)
    answer = json.loads(whosaid(["ask", "--json", QUESTION], data).stdout)
    lines = whosaid(["statements", "--jsonl"], data).stdout.splitlines()
    return CliRun(ingested, answer, [json.loads(line) for line in lines if line.strip()])


# ---------------------------------------------------------------------------------------------- library
def test_stored_text_is_the_file_text(shared_dir: Path, library_run: LibraryRun) -> None:
    assert library_run.stored_text == seed_text()


def test_answer_names_lavrov(shared_dir: Path, library_run: LibraryRun) -> None:
    answer = library_run.answer
    assert not answer.abstained, answer.text
    assert SPEAKER in answer.text
    assert answer.citations
    assert answer.citations[0].speaker == SPEAKER
    assert FRAGMENT in answer.citations[0].quote


def test_every_citation_quotes_the_file(shared_dir: Path, library_run: LibraryRun) -> None:
    text = seed_text()
    for c in library_run.answer.citations:
        assert text[c.start : c.end] == c.quote, c
        assert text[c.passage_start : c.passage_start + len(c.passage)] == c.passage, c


def test_pause_to_regroup_is_stored_once_for_lavrov(shared_dir: Path, library_run: LibraryRun) -> None:
    text = seed_text()
    assert text.count(FRAGMENT) == 2, "the seed repeats its body: the fragment is in it twice"
    found = [s for s in library_run.statements if FRAGMENT in s.quote]
    assert len(found) == 1, found
    assert found[0].speaker == SPEAKER
    assert text[found[0].start : found[0].end] == found[0].quote


def test_no_statement_is_stored_twice(shared_dir: Path, library_run: LibraryRun) -> None:
    quotes = [" ".join(s.quote.split()) for s in library_run.statements]
    assert len(quotes) == len(set(quotes)), sorted(q for q in quotes if quotes.count(q) > 1)


@pytest.mark.parametrize(
    "fragment",
    [
        "There is no point in giving the enemy",  # "the foreign minister said"
        "As for China's idea",  # "the minister said"
        "We share the position",  # "said Sergei Lavrov"
        "They are trying to make it clear",  # "the Russian Foreign Minister said"
    ],
)
def test_direct_quotes_resolve_to_lavrov_once(shared_dir: Path, library_run: LibraryRun, fragment: str) -> None:
    found = [s for s in library_run.statements if fragment in s.quote]
    assert len(found) == 1, found
    assert found[0].speaker == SPEAKER, found[0]


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_ingest_summary(shared_dir: Path, cli_run: CliRun) -> None:
    assert "1 documents ingested" in cli_run.ingest.stdout, cli_run.ingest.stdout


def test_cli_ask_json(shared_dir: Path, cli_run: CliRun) -> None:
    answer = cli_run.answer
    assert answer["question"] == QUESTION
    assert answer["abstained"] is False
    assert SPEAKER in str(answer["answer"])
    citations = answer["citations"]
    assert isinstance(citations, list) and citations
    text = seed_text()
    for c in citations:
        assert text[c["start"] : c["end"]] == c["quote"], c
        assert {"n", "doc_id", "title", "source", "url", "date", "speaker", "quote", "start", "end", "passage"} <= set(
            c
        )
    assert citations[0]["speaker"] == SPEAKER


def test_cli_statements_jsonl(shared_dir: Path, cli_run: CliRun) -> None:
    text = seed_text()
    fields = {"doc_id", "quote", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end"}
    fields |= {"cue", "type", "date", "source"}
    for s in cli_run.statements:
        assert fields <= set(s), s
        assert text[int(str(s["start"])) : int(str(s["end"]))] == s["quote"], s
    found = [s for s in cli_run.statements if FRAGMENT in str(s["quote"])]
    assert len(found) == 1, found
    assert found[0]["speaker"] == SPEAKER
