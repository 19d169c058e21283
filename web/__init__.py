"""The web surface behind app.py: HTML rendering, the HTTP API, the Gradio UI and the embeddable widget."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
