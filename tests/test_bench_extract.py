"""`whosaid bench extract` runs the real spaCy pipeline and prints figures, JSON last (never timed asserts)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main


def test_bench_is_a_group_that_still_runs_without_subcommand() -> None:
    result = CliRunner().invoke(main, ["bench", "--help"])
    assert result.exit_code == 0, result.output
    assert "extract" in result.output
    assert "--only" in result.output


@pytest.mark.models
def test_bench_extract_prints_throughput_json_last(tmp_path) -> None:
    args = ["--data-dir", str(tmp_path), "bench", "extract", "--articles", "3", "--rounds", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["articles"] == 3
    assert figures["statements"] == figures["rules_statements"]
    assert figures["articles_per_s"] > 0 and figures["parse_s"] > 0
    assert figures["cores"] >= 1
    assert "articles/s" in result.output
