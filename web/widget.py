"""The embeddable widget: /widget.js (the one-line snippet), /embed (the chat inside the iframe), and the
security headers that lock framing to WHOSAID_WIDGET_ORIGINS.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse

from rag.settings import Settings
from web import STATIC_DIR
from web.render import esc, safe_color

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def frame_ancestors(origins: list[str]) -> str:
    """`frame-ancestors 'self' https://a.example ...`: who may put /embed in an iframe."""
    return " ".join(["frame-ancestors 'self'", *origins])


def embed_csp(origins: list[str]) -> str:
    """The embed page loads only its own script and style and talks only to this server."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        f"base-uri 'none'; form-action 'none'; {frame_ancestors(origins)}"
    )


class SecurityHeaders:
    """Pure ASGI middleware (keeps SSE streaming intact): /embed may be framed by the allowed origins,
    every other page only by this server."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.embed = embed_csp(origins).encode()
        self.default = frame_ancestors([]).encode()

    async def __call__(
        self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.embed if scope["path"] == "/embed" else self.default

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", csp), (b"x-content-type-options", b"nosniff")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def embed_page(title: str, greeting: str, color: str, collection: str, origin: str) -> str:
    """The /embed HTML; the attributes travel in escaped data-* attributes, read by embed.js."""
    template = (STATIC_DIR / "embed.html").read_text(encoding="utf-8")
    return (
        template.replace("{{title}}", esc(title))
        .replace("{{greeting}}", esc(greeting))
        .replace("{{color}}", esc(safe_color(color)))
        .replace("{{collection}}", esc(collection))
        .replace("{{origin}}", esc(origin))
    )


def widget_router(settings: Settings) -> APIRouter:
    """GET /widget.js and GET /embed."""
    router = APIRouter()

    @router.get("/widget.js", include_in_schema=False)
    def widget_js() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @router.get("/embed", response_class=HTMLResponse, include_in_schema=False)
    def embed(
        title: str = Query("Ask the archive", max_length=80),
        greeting: str = Query("Ask who said what. Every answer cites its sources.", max_length=300),
        color: str = Query("#1f6feb", max_length=30),
        collection: str = Query("", max_length=200),
        origin: str = Query("", max_length=200),
    ) -> HTMLResponse:
        return HTMLResponse(embed_page(title, greeting, color, collection, origin))

    return router
