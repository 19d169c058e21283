"""The web shell: one FastAPI app with the HTTP API (/api, docs at /docs), the embeddable widget
(/widget.js, /embed) and the Gradio chat UI mounted at "/". `python app.py` serves it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from rag.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from index.extract import StatementExtractor
    from web.state import AssistantLike

log = logging.getLogger(__name__)


def build_app(
    settings: Settings, assistant: AssistantLike | None = None, *, extractor: StatementExtractor | None = None
) -> FastAPI:
    """The whole web surface over one Assistant (the configured one unless given); nothing is launched."""
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.staticfiles import StaticFiles

    from rag.embeddings import offline_environment
    from web import STATIC_DIR
    from web.api import ORIGIN_HEADER, VISITOR_HEADER, api_router, install_error_handlers
    from web.state import WebContext
    from web.ui import build_ui
    from web.widget import SecurityHeaders, widget_router

    offline_environment()
    if assistant is None:
        from rag.chain import Assistant

        assistant = Assistant(settings)
    ctx = WebContext.create(settings, assistant, extractor)
    origins = settings.origins()

    app = FastAPI(
        title="whosaid",
        summary="Ask who said what; answers quote verbatim and cite their sources.",
        version="0.1.0",
    )
    install_error_handlers(app)
    app.include_router(api_router(ctx))
    app.include_router(widget_router(settings))
    app.mount("/web", StaticFiles(directory=STATIC_DIR), name="web-static")
    # Browsers on the listed origins may call the API directly; the widget itself needs no CORS (its
    # iframe is same-origin with the API). With our own CORSMiddleware, Gradio adds none of its own.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", VISITOR_HEADER, ORIGIN_HEADER],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(SecurityHeaders, origins=origins)
    gr.mount_gradio_app(
        app,
        build_ui(ctx),
        path="/",
        footer_links=["api"],
        css=(STATIC_DIR / "ui.css").read_text(encoding="utf-8"),
        head='<script src="/web/ui.js" defer></script>',
        max_file_size=f"{settings.max_upload_mb}mb",
        show_error=True,
    )
    return app


def serve(settings: Settings) -> None:
    """Serve the app with uvicorn on settings.host:settings.port until interrupted."""
    import uvicorn

    app = build_app(settings)
    log.info("serving on http://%s:%s (API docs at /docs, widget at /widget.js)", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    serve(get_settings())
