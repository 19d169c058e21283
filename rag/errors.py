"""The WhosaidError family: every message tells the person at the keyboard what to do next."""

from __future__ import annotations


class WhosaidError(Exception):
    """Base class; the CLI prints it as one line and exits 1, the API answers it as JSON."""

    status_code = 400


class EmptyIndexError(WhosaidError):
    """Raised when a question arrives before anything was ingested."""

    status_code = 409

    def __init__(self, data_dir: str = "") -> None:
        where = f" in {data_dir}" if data_dir else ""
        super().__init__(
            f"Nothing has been ingested yet{where}. Build the index first with: whosaid ingest PATH "
            "(files, folders or globs of .txt, .md, .html, .pdf or .jsonl), or upload documents in the UI."
        )


class ConfigError(WhosaidError):
    """A setting has a value we cannot use; the message names the setting and the valid choices."""


class InputError(WhosaidError):
    """One input file or record cannot be read; ingest reports it and goes on with the rest."""


class ModelUnavailableError(WhosaidError):
    """A model package is missing or a model name cannot be loaded offline."""

    status_code = 503


class NotFoundError(WhosaidError):
    """A document, statement or speaker id that is not in the store."""

    status_code = 404


def unknown_choice(kind: str, name: str, choices: list[str] | tuple[str, ...]) -> ConfigError:
    """'Unknown reranker 'xenc'. Choose one of: cross-encoder, none'."""
    return ConfigError(f"Unknown {kind} '{name}'. Choose one of: {', '.join(sorted(choices))}")
