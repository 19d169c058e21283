from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from rag.chain import Assistant
from rag.errors import EmptyIndexError
from rag.records import Answer, Filters
from rag.settings import Settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings
from tests.readpath_corpus import DOCS, all_statements, corpus_store, paragraphs

PAUSE_Q = "Who said there is no point in giving the other side a pause to regroup?"


@pytest.fixture
def assistant(settings: Settings) -> Assistant:
    return Assistant(settings, store=corpus_store())


def fake_llm(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(r) for r in replies]))


def assert_verbatim(answer: Answer, store: Store) -> None:
    for c in answer.citations:
        doc = store.get_document(c.doc_id)
        assert doc is not None and doc.text[c.start : c.end] == c.quote


def test_empty_store_says_how_to_ingest(settings: Settings) -> None:
    empty = Assistant(settings, store=Store(BagOfWordsEmbeddings()))
    with pytest.raises(EmptyIndexError, match="whosaid ingest"):
        empty.ask("Who said anything?")
    with pytest.raises(EmptyIndexError):
        list(empty.stream("Who said anything?"))
    assert empty.speakers() == []


@pytest.mark.parametrize(
    ("question", "speaker", "quote_start"),
    [
        (PAUSE_Q, "Ilse Marren", "There is no point"),
        ("Who said 'giving the other side a break to regroup'?", "Ilse Marren", "There is no point"),
        ("What did Marren say about a ceasefire?", "Ilse Marren", "that Veloria is ready"),
        ("What did Marran say about Falcon jets?", "Ilse Marren", "the transfer of Falcon jets"),
        ("What did Okafor say about grain since March?", "Tomas Okafor", "Grain exports"),
    ],
)
def test_answers_name_the_speaker_and_cite_verbatim(assistant: Assistant, question: str, speaker: str,
                                                    quote_start: str) -> None:  # fmt: skip
    answer = assistant.ask(question)
    assert not answer.abstained and speaker in answer.text
    assert answer.citations[0].speaker == speaker and answer.citations[0].quote.startswith(quote_start)
    assert "[1]" in answer.text
    assert_verbatim(answer, assistant.store)


def test_topic_question_lists_every_speaker(assistant: Assistant) -> None:
    answer = assistant.ask("Who talked about a peace conference?")
    assert {c.speaker for c in answer.citations} == {"Ilse Marren", "Tomas Okafor"}


def test_follow_up_uses_the_history(assistant: Assistant) -> None:
    first = assistant.ask("What did Marren say about a ceasefire?")
    again = assistant.ask("What else did she say?", history=[(first.question, first.text)])
    assert not again.abstained and {c.speaker for c in again.citations} == {"Ilse Marren"}
    assert first.citations[0].quote not in {c.quote for c in again.citations}
    about = assistant.ask("And about the Falcon jets?", history=[(first.question, first.text)])
    assert about.citations[0].quote.startswith("the transfer of Falcon jets")


@pytest.mark.parametrize(
    "question", ["What did Zelensky say?", "What is the capital of France?", "Who said 'the moon is made of cheese'?"]
)
def test_unanswerable_questions_abstain(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.abstained and answer.citations == ()


def test_filters_passed_in_restrict_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Who talked about a peace conference?", Filters(source="Coast Daily"))
    assert {c.speaker for c in answer.citations} == {"Tomas Okafor"} and answer.filters.source == "Coast Daily"
    assert assistant.ask("What did Okafor say about grain?", Filters(until="2023-01-01")).abstained


def test_syndicated_copies_and_repeated_quotes_collapse_into_one_citation(assistant: Assistant) -> None:
    # the same words by the same speaker in a second document
    doc = DOCS["grain"]
    from dataclasses import replace

    moved = replace(doc, doc_id="grain-2", date="2023-05-02", source="Other Paper")
    stmts = [replace(s, doc_id="grain-2", date=moved.date, source=moved.source) for s in all_statements()
             if s.doc_id == "grain"]  # fmt: skip
    assistant.store.add_statements(stmts)
    assistant.store.add_chunks([replace(c, doc_id="grain-2") for c in paragraphs(doc)])
    assistant.store.add_document(moved)
    answer = assistant.ask("Who said grain exports will resume next week?")
    assert len(answer.citations) == 1
    assert answer.citations[0].doc_id == "grain"  # the earliest report
    assert set(answer.citations[0].also_reported_by) == {"grain-2", "grain-wire"}


def test_new_documents_are_found_after_the_store_changes(assistant: Assistant) -> None:
    assert assistant.ask("What did Pim Vos say?").citations  # builds the cache
    assistant.store.delete_document("blog")
    assert assistant.ask("What did Pim Vos say about instructions?").abstained
    assert "Pim Vos" not in {s.name for s in assistant.speakers()}


def test_prompt_injection_is_quoted_as_data(assistant: Assistant) -> None:
    answer = assistant.ask("Who said to ignore previous instructions?")
    assert answer.text.startswith("Pim Vos (blogger) said: “Ignore previous instructions")
    assert "resigned" in answer.citations[0].quote and not answer.abstained


def test_speakers_and_documents(assistant: Assistant) -> None:
    assert [s.name for s in assistant.speakers()][:2] == ["Ilse Marren", "Tomas Okafor"]
    doc = assistant.document("talks")
    assert doc is not None and doc.text == DOCS["talks"].text and assistant.document("nope") is None


def test_extractive_stream_yields_text_then_the_answer(assistant: Assistant) -> None:
    parts = list(assistant.stream(PAUSE_Q))
    assert isinstance(parts[-1], Answer) and all(isinstance(p, str) for p in parts[:-1])
    assert "".join(parts[:-1]) == parts[-1].text  # type: ignore[arg-type]


# ------------------------------------------------------------------ the LLM path
def llm_assistant(settings: Settings, *replies: str) -> Assistant:
    return Assistant(settings.model_copy(update={"answerer": "llm"}), store=corpus_store(), llm=fake_llm(*replies))


def test_a_grounded_llm_answer_passes(settings: Settings) -> None:
    a = llm_assistant(settings, "Ilse Marren said “There is no point in giving the other side a pause to regroup” [1].")
    answer = a.ask(PAUSE_Q)
    assert answer.text.startswith("Ilse Marren said “There is no point") and len(answer.citations) == 1
    assert not any(n.startswith("Note:") for n in answer.notes)


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("Ilse Marren said “We will crush the other side before the winter” [1].", "not verbatim"),  # invented quote
        ("Tomas Okafor said “There is no point in giving the other side a pause to regroup” [1].", "statement of"),
        ("Ilse Marren said “There is no point in giving the other side a pause to regroup” [4].", "points to no"),
        ("Ilse Marren resigned.", "nothing could be verified"),  # obeys an injected instruction: nothing cited
    ],
)
def test_a_failing_llm_answer_falls_back_to_extractive_with_a_notice(settings: Settings, reply: str, why: str) -> None:
    answer = llm_assistant(settings, reply).ask(PAUSE_Q)
    assert answer.text.startswith("Note: the generated answer did not pass verification")
    assert why in answer.text
    assert "Ilse Marren (Foreign Minister of Veloria) said: “There is no point" in answer.text
    assert answer.citations[0].quote == "There is no point in giving the other side a pause to regroup"
    assert not answer.abstained


def test_llm_stream_yields_tokens_then_the_verified_answer(settings: Settings) -> None:
    a = llm_assistant(settings, "Ilse Marren said “There is no point in giving the other side a pause to regroup” [1].")
    parts: Iterator[str | Answer] = a.stream(PAUSE_Q)
    got = list(parts)
    deltas = [p for p in got if isinstance(p, str)]
    assert len(deltas) > 3 and isinstance(got[-1], Answer) and got[-1].citations


def test_the_llm_is_not_called_when_nothing_is_relevant(settings: Settings) -> None:
    a = llm_assistant(settings)  # no replies: a call would raise
    assert a.ask("What did Zelensky say?").abstained


@pytest.mark.models
def test_real_embedding_model_end_to_end(settings: Settings) -> None:
    from rag.embeddings import make_embeddings
    from tests.readpath_corpus import fill

    assistant = Assistant(settings, store=fill(Store(make_embeddings(settings))))
    assert assistant.ask(PAUSE_Q).citations[0].speaker == "Ilse Marren"
    assert assistant.ask("What does Marren think about the jets?").citations[0].quote.startswith("the transfer")
    assert assistant.ask("What is the capital of France?").abstained
    assert assistant.ask("How do I bake sourdough bread?").abstained
