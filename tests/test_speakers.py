"""The corpus-wide speaker registry: conservative alias merging."""

from __future__ import annotations

import pytest

from rag.records import Statement
from rag.speakers import build_registry, name_key


def st(speaker: str, role: str = "", mention: str = "", date: str = "", doc: str = "d", start: int = 0) -> Statement:
    return Statement(
        doc_id=doc, quote=f"q{start}", start=start, end=start + 2, speaker=speaker, role=role,
        speaker_mention=mention or speaker, date=date,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sergei Lavrov", "Sergey Lavrov", True),  # transliteration
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Alexei Navalny", "Aleksei Navalny", True),
        ("Donald J. Trump", "Donald Trump", True),  # middle initial
        ("Mr. Lavrov", "Lavrov", True),  # title
        ("José Núñez", "Jose Nunez", True),  # accents
        ("Bill Clinton", "Hillary Clinton", False),
        ("Sergei Lavrov", "Sergei Ryabkov", False),
    ],
)
def test_name_key(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def names(registry: list) -> set[str]:  # type: ignore[type-arg]
    return {sp.name for sp in registry}


def test_spellings_of_one_person_merge_and_keep_aliases_and_role() -> None:
    reg = build_registry(
        [
            st("Sergei Lavrov", "Russian Foreign Minister", "the foreign minister", "2024-01-01", start=1),
            st("Sergey Lavrov", date="2024-03-01", start=2),
            st("Lavrov", start=3),
        ]
    )
    assert len(reg) == 1
    sp = reg[0]
    assert sp.statements == 3
    assert sp.role == "Russian Foreign Minister"
    assert {"Lavrov", "the foreign minister"} <= set(sp.aliases)
    assert (sp.latest_date, sp.latest_quote) == ("2024-03-01", "q2")


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_is_not_guessed() -> None:
    reg = build_registry([st("Bill Clinton"), st("Hillary Clinton"), st("Clinton")])
    assert names(reg) == {"Bill Clinton", "Hillary Clinton", "Clinton"}


def test_a_bare_surname_joins_the_one_whose_role_matches() -> None:
    reg = build_registry(
        [
            st("Bill Clinton", "former President"),
            st("Hillary Clinton", "Secretary of State"),
            st("Clinton", "the secretary of state"),
        ]
    )
    by_name = {sp.name: sp.statements for sp in reg}
    assert by_name == {"Bill Clinton": 1, "Hillary Clinton": 2}


def test_a_bare_surname_with_a_conflicting_role_stays_apart() -> None:
    reg = build_registry([st("Sergei Lavrov", "Foreign Minister"), st("Lavrov", "wrestling coach")])
    assert names(reg) == {"Sergei Lavrov", "Lavrov"}


def test_unattributed_statements_are_not_speakers_and_order_is_most_statements_first() -> None:
    reg = build_registry([st(""), st("Kremlin", start=1), st("Ana Ruiz", start=2), st("Ana Ruiz", start=3)])
    assert [sp.name for sp in reg] == ["Ana Ruiz", "Kremlin"]


def test_pronoun_mentions_are_not_aliases() -> None:
    (sp,) = build_registry(
        [st("Ana Ruiz", mention="she"), st("Ana Ruiz", mention="Ruiz", start=1), st("Ana Ruiz", mention="his", start=2)]
    )
    assert sp.aliases == ("Ruiz",)


def test_different_middle_initials_are_different_people() -> None:
    reg = build_registry([st("George W. Bush"), st("George H. W. Bush", start=1), st("George Bush", start=2)])
    assert names(reg) == {"George W. Bush", "George H. W. Bush", "George Bush"}


def test_one_middle_initial_variant_still_merges_with_the_plain_spelling() -> None:
    reg = build_registry([st("John F. Kerry"), st("John Kerry", start=1), st("Kerry", start=2)])
    (sp,) = reg
    assert sp.statements == 3
    assert {sp.name, *sp.aliases} >= {"John F. Kerry", "John Kerry", "Kerry"}


def test_who_spoke_for_a_person_is_not_their_role() -> None:
    reg = build_registry(
        [
            st("Ana Ruiz", "campaign", "Ruiz's campaign", start=1),
            st("Ana Ruiz", "campaign", "the Ruiz campaign", start=2),
            st("Ana Ruiz", "Governor", start=3),
        ]
    )
    (sp,) = reg
    assert sp.role == "Governor"
    assert "Ruiz's campaign" in sp.aliases


def test_a_campaign_statement_does_not_block_a_bare_surname_merge() -> None:
    reg = build_registry([st("Tom Baker", "Senator"), st("Baker", "campaign", "Baker's campaign", start=1)])
    assert [(sp.name, sp.statements) for sp in reg] == [("Tom Baker", 2)]
