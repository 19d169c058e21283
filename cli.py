"""The `whosaid` command line: thin wrappers that parse flags, call the library and print.

Heavy libraries are imported inside the commands so `whosaid --help` answers instantly.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rag.errors import WhosaidError
from rag.records import Filters

if TYPE_CHECKING:
    from rag.chain import Assistant
    from rag.settings import Settings


def settings_from(ctx: click.Context) -> Settings:
    from rag.settings import Settings

    overrides: dict[str, Any] = ctx.obj or {}
    return Settings(**overrides)


def quoted(text: str) -> str:
    """Text in quotation marks, unless it already carries its own."""
    return text if text[:1] in "“\"‘'«" else f"“{text}”"


def echo_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


class WhosaidGroup(click.Group):
    """Turns WhosaidError into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WhosaidError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)


@click.group(cls=WhosaidGroup)
@click.option("--data-dir", type=click.Path(path_type=Path), help="Data directory (WHOSAID_DATA_DIR).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, verbose: bool) -> None:
    """whosaid: ask who said what in your documents, answered with verified verbatim citations."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = {"data_dir": data_dir} if data_dir else {}


def filter_options(f: Any) -> Any:
    for opt in reversed(
        [
            click.option("--speaker", default="", help="Only statements by this speaker."),
            click.option("--source", default="", help="Only documents from this source."),
            click.option("--since", default="", help="Only documents dated on or after (YYYY-MM-DD)."),
            click.option("--until", default="", help="Only documents dated on or before (YYYY-MM-DD)."),
        ]
    ):
        f = opt(f)
    return f


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--if-empty", is_flag=True, help="Only ingest when the store holds no documents yet.")
@click.option(
    "--format", "doc_format", type=click.Choice(["auto", "article", "transcript"]), default=None,
    help="How to read documents (default: detect transcripts).",
)  # fmt: skip
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], if_empty: bool, doc_format: str | None, quiet: bool) -> None:
    """Read files, folders or globs (.txt .md .html .pdf .jsonl) into the store."""
    from index.build import ingest as run_ingest
    from rag.store import Store

    settings = settings_from(ctx)
    if doc_format:
        settings = settings.model_copy(update={"doc_format": doc_format})
    store = Store.open(settings)
    if if_empty and store.counts()["documents"]:
        click.echo(f"{settings.data_dir} already holds documents; nothing ingested (drop --if-empty to add more).")
        return
    report = run_ingest(list(paths), settings, store=store, progress=not quiet)
    for f in report.files:
        if f.status == "failed":
            click.echo(f"failed: {f.path}: {f.reason}", err=True)
        elif f.status in ("duplicate", "copy"):
            click.echo(f"{f.status}: {f.path}: {f.reason}", err=True)
    click.echo(report.summary())


def make_assistant(settings: Settings) -> Assistant:
    from rag.chain import Assistant

    return Assistant(settings)


@main.command()
@click.argument("question", required=False)
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option("--jsonl", is_flag=True, help="Read one question per line from stdin, write one JSON answer per line.")
@click.option("--history", type=click.Path(exists=True, path_type=Path), help="JSON list of [question, answer] pairs.")
@click.pass_context
def ask(
    ctx: click.Context, question: str | None, speaker: str, source: str, since: str, until: str,
    as_json: bool, jsonl: bool, history: Path | None,
) -> None:  # fmt: skip
    """Answer a who-said-what QUESTION with numbered, verified sources."""
    filters = Filters(speaker=speaker, source=source, since=since, until=until)
    turns: list[tuple[str, str]] = [tuple(t) for t in json.loads(history.read_text())] if history else []  # type: ignore[misc]
    assistant = make_assistant(settings_from(ctx))
    if jsonl:
        for line in sys.stdin:
            if line.strip():
                echo_json(assistant.ask(line.strip(), filters).to_json())
        return
    if not question:
        raise click.UsageError("Give a QUESTION, or --jsonl to read questions from stdin.")
    answer = assistant.ask(question, filters, turns)
    if as_json:
        echo_json(answer.to_json())
        return
    click.echo(answer.text)
    if answer.citations:
        click.echo("\nSources:")
    for c in answer.citations:
        meta = ", ".join(x for x in (c.title, c.source, c.date) if x)
        where = f"{meta or c.doc_id} ({c.doc_id} {c.start}-{c.end})"
        click.echo(f"[{c.n}] {c.speaker or 'unattributed'}: {quoted(c.quote)} — {where}")


@main.command()
@click.option("--speaker", default="", help="Only statements by this speaker (resolved name).")
@click.option("--doc", "doc_id", default="", help="Only statements of this document.")
@click.option("--jsonl", is_flag=True, help="One JSON object per statement.")
@click.pass_context
def statements(ctx: click.Context, speaker: str, doc_id: str, jsonl: bool) -> None:
    """List stored statements."""
    from rag.store import Store

    for s in Store.open(settings_from(ctx)).statements(Filters(speaker=speaker, doc_id=doc_id)):
        if jsonl:
            echo_json(s.to_json())
        else:
            who = s.speaker or s.speaker_mention or "(unattributed)"
            click.echo(f"{who} [{s.type}, {s.cue}] {quoted(s.quote)} — {s.doc_id} {s.start}-{s.end}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per speaker.")
@click.pass_context
def speakers(ctx: click.Context, as_json: bool) -> None:
    """List speakers with their aliases, roles and statement counts."""
    from rag.speakers import build_registry
    from rag.store import Store

    for sp in build_registry(Store.open(settings_from(ctx)).statements()):
        if as_json:
            echo_json(sp.to_json())
        else:
            aliases = f" (also: {', '.join(sp.aliases)})" if sp.aliases else ""
            role = f", {sp.role}" if sp.role else ""
            click.echo(f"{sp.name}{role}: {sp.statements} statements{aliases}")


@main.command()
@click.argument("doc_id")
@click.pass_context
def doc(ctx: click.Context, doc_id: str) -> None:
    """Print a stored document's text (what every offset points into)."""
    from rag.errors import NotFoundError
    from rag.store import Store

    document = Store.open(settings_from(ctx)).get_document(doc_id)
    if document is None:
        raise NotFoundError(f"No document '{doc_id}'. List what is stored with: whosaid statements --jsonl")
    click.echo(document.text, nl=False)


@main.command()
@click.option("--host", default=None, help="Address to bind (WHOSAID_HOST, default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (WHOSAID_PORT, default 7860).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the chat UI, the widget and the HTTP API."""
    import app

    settings = settings_from(ctx)
    updates = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    app.serve(settings.model_copy(update=updates))


@main.group(name="eval")
def eval_group() -> None:
    """Measure extraction and answers against gold annotations."""


@eval_group.command(name="attribution")
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path), help="Gold attributions JSONL.")
@click.option("--articles", required=True, type=click.Path(exists=True, path_type=Path), help="Articles JSONL.")
@click.option("--threshold", type=float, default=0.5, help="Overlap-F1 needed for a match.")
def eval_attribution(gold: Path, articles: Path, threshold: float) -> None:
    """Score extracted statements against gold attributions: a per-type table, then one JSON line."""
    from index.eval_attribution import run_attribution_eval

    table, figures = run_attribution_eval(gold, articles, threshold=threshold)
    click.echo(table)
    echo_json(figures)


@eval_group.command(name="transcripts")
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path), help="Gold utterances JSONL.")
@click.option("--limit", type=int, default=0, help="Only the first N transcripts (0 = all).")
@click.option("--who-said", "who_said", type=int, default=0, help="Also ingest and ask N who-said questions (slow).")
def eval_transcripts(gold: Path, limit: int, who_said: int) -> None:
    """Score transcript turns: speaker accuracy, boundaries, who-said questions; table, then one JSON line."""
    from index.eval_transcripts import run_transcript_eval

    table, figures = run_transcript_eval(gold, limit=limit, who_said=who_said)
    click.echo(table)
    echo_json(figures)


@eval_group.command(name="qa")
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path), help="Gold attributions JSONL.")
@click.option("--articles", required=True, type=click.Path(exists=True, path_type=Path), help="Articles JSONL.")
@click.option("--seed", type=int, default=7, help="Seed of the question sampler.")
@click.option("--withheld", type=int, default=8, help="Articles left out of the index (abstain questions).")
@click.option("--limit", type=int, default=0, help="Only the first N questions (0 = all).")
@click.option("--show", is_flag=True, help="Print each question with its answer.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Keep the index here between runs (default: temp).")
@click.pass_context
def eval_qa(
    ctx: click.Context, gold: Path, articles: Path, seed: int, withheld: int, limit: int, show: bool,
    workdir: Path | None,
) -> None:  # fmt: skip
    """Ask who-said-what questions built from gold attributions; who_said/what_said/abstain/verbatim, JSON last."""
    from index.eval_qa import run_qa_eval

    def echo(q: dict[str, Any], a: Any) -> None:
        click.echo(f"[{q['kind']}] {q['question']}\n  {a.text.splitlines()[0] if a.text else ''}")

    table, figures = run_qa_eval(gold, articles, settings_from(ctx), seed=seed, withheld=withheld, limit=limit,
                                 on_answer=echo if show else None, workdir=workdir)  # fmt: skip
    click.echo(table)
    echo_json(figures)


@main.group(invoke_without_command=True)
@click.option("--quick", is_flag=True, help="Smaller corpus and scales, for a smoke run.")
@click.option(
    "--only", multiple=True, type=click.Choice(["ingest", "ask", "concurrency", "cold"]),
    help="Measure only these parts (repeatable; default all).",
)  # fmt: skip
@click.option("--articles", type=int, default=None, help="Articles in the ingest sample (default 100, quick 30).")
@click.option("--rounds", type=int, default=None, help="Ingest rounds; figures are medians (default 3, quick 1).")
@click.option("--scales", default=None, help="Statement counts for answer latency, e.g. 10000,100000.")
@click.pass_context
def bench(
    ctx: click.Context, quick: bool, only: tuple[str, ...], articles: int | None, rounds: int | None, scales: str | None
) -> None:
    """Print ingest, answer-latency, concurrency, memory and cold-start figures (JSON last).

    `whosaid bench extract` measures statement extraction alone.
    """
    if ctx.invoked_subcommand is not None:
        return
    from index.bench import PARTS, run_bench

    sizes = [int(x) for x in scales.split(",")] if scales else None
    for line in run_bench(quick, only or PARTS, articles, rounds, sizes, settings_from(ctx)):
        click.echo(line)


@bench.command("extract")
@click.option("--articles", type=int, default=100, show_default=True, help="Articles to extract from.")
@click.option("--rounds", type=int, default=3, show_default=True, help="Rounds; figures are medians.")
@click.option("--batch-size", type=int, default=16, show_default=True, help="Documents per nlp.pipe batch.")
@click.pass_context
def bench_extract(ctx: click.Context, articles: int, rounds: int, batch_size: int) -> None:
    """Extraction throughput: articles/s and statements/s, and the parse's share (JSON last)."""
    from index.bench_extract import run_extract_bench

    for line in run_extract_bench(articles, rounds, settings_from(ctx), batch_size):
        click.echo(line)


if __name__ == "__main__":
    main()
