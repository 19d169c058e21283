"""Settings: every field documented in the README, env prefix WHOSAID_, sane defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    assert f"WHOSAID_{name.upper()}" in README.read_text(encoding="utf-8"), f"document WHOSAID_{name.upper()}"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_has_a_description(name: str) -> None:
    assert Settings.model_fields[name].description


def test_environment_variables_use_the_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "x"))
    monkeypatch.setenv("WHOSAID_TOP_K", "3")
    monkeypatch.setenv("WHOSAID_WIDGET_ORIGINS", "https://a.example/, https://b.example")
    s = Settings()
    assert s.data_dir == tmp_path / "x"
    assert s.top_k == 3
    assert s.origins() == ["https://a.example", "https://b.example"]
    assert s.chroma_path == tmp_path / "x" / "chroma"


def test_secrets_do_not_print(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHOSAID_ADMIN_TOKEN", "s3cret-token")
    monkeypatch.setenv("WHOSAID_LLM_API_KEY", "sk-abc")
    text = repr(Settings())
    assert "s3cret-token" not in text and "sk-abc" not in text
