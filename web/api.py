"""The HTTP API under /api: ask (JSON and server-sent events), statements, speakers, documents, ingest.

Read routes are open (and rate-limited where they cost an answer); ingest and delete need
`Authorization: Bearer $WHOSAID_ADMIN_TOKEN` and are disabled while that token is unset.
Errors are JSON `{"error": message}`; WhosaidError keeps its status code.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sse_starlette.sse import EventSourceResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import EmptyIndexError, InputError, NotFoundError, WhosaidError
from rag.records import Answer, Filters, IngestReport
from web.state import RateLimited, WebContext, make_filters
from web.uploads import documents_from_json, ingest_uploads

log = logging.getLogger(__name__)

VISITOR_HEADER = "X-Whosaid-Visitor"
ORIGIN_HEADER = "X-Whosaid-Embed-Origin"
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"


class AdminDisabled(WhosaidError):
    status_code = 403

    def __init__(self) -> None:
        super().__init__(
            "Admin routes are disabled: set WHOSAID_ADMIN_TOKEN on the server, then send "
            "'Authorization: Bearer <token>'."
        )


class AdminRequired(WhosaidError):
    status_code = 401

    def __init__(self) -> None:
        super().__init__("This route needs the admin token: send 'Authorization: Bearer <WHOSAID_ADMIN_TOKEN>'.")


class AskRequest(BaseModel):
    """A question with optional filters; send back `conversation_id` to ask a follow-up."""

    question: str = Field(min_length=1, max_length=2000, description="The who-said-what question.")
    speaker: str = Field("", max_length=200, description="Only statements by this speaker.")
    source: str = Field("", max_length=200, description="Only documents from this source.")
    since: str = Field("", pattern=DATE_PATTERN, description="Only documents dated on or after (YYYY-MM-DD).")
    until: str = Field("", pattern=DATE_PATTERN, description="Only documents dated on or before (YYYY-MM-DD).")
    conversation_id: str | None = Field(
        None, pattern=r"^[A-Za-z0-9_-]{8,64}$", description="Continue this conversation (from a previous answer)."
    )


def client_keys(request: Request) -> tuple[str, str, str]:
    """(visitor, site, address) identities for rate limiting.

    visitor: the widget's per-visitor id, else the client address. site: the browser-set Origin of a
    cross-origin caller (a page cannot forge it); for the widget's own same-origin iframe, the host page's
    origin it reports; else "direct". address: the client address, which bounds a script that rotates
    visitor ids or claimed sites.
    """
    address = request.client.host if request.client else "unknown"
    visitor = request.headers.get(VISITOR_HEADER, "")
    if not (8 <= len(visitor) <= 64 and visitor.replace("-", "").replace("_", "").isalnum()):
        visitor = address
    own = f"{request.url.scheme}://{request.url.netloc}"
    browser_origin = request.headers.get("origin", "")
    if browser_origin and browser_origin != own:
        site = browser_origin
    else:
        site = request.headers.get(ORIGIN_HEADER) or "direct"
    return visitor, site[:200], address


def error_response(message: str, status: int, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """WhosaidError, HTTP errors and validation errors become JSON `{"error": ...}` (never a bare 500)."""

    async def whosaid_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, WhosaidError)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        resp = error_response(str(exc), exc.status_code)
        if headers:
            resp.headers.update(headers)
        if isinstance(exc, AdminRequired):
            resp.headers["WWW-Authenticate"] = "Bearer"
        return resp

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(str(exc.detail), exc.status_code)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in exc.errors()]
        return error_response("Invalid request: " + "; ".join(problems), 422)

    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response("Something went wrong on the server; the details are in its log.", 500)

    app.add_exception_handler(Exception, unexpected_error)
    app.add_exception_handler(WhosaidError, whosaid_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def api_router(ctx: WebContext) -> APIRouter:
    """All /api routes over one shared context."""
    router = APIRouter(prefix="/api")

    def require_admin(request: Request) -> None:
        token = ctx.settings.admin_token.get_secret_value()
        if not token:
            raise AdminDisabled()
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise AdminRequired()

    def start(req: AskRequest, request: Request) -> tuple[Filters, str, list[tuple[str, str]]]:
        ctx.limits.hit(*client_keys(request))
        filters = make_filters(req.speaker, req.source, req.since, req.until)
        cid = req.conversation_id or ctx.conversations.new_id()
        return filters, cid, ctx.conversations.history(cid)

    def answer_json(answer: Answer, cid: str) -> dict[str, Any]:
        ctx.conversations.add(cid, answer.question, answer.text)
        return answer.to_json() | {"conversation_id": cid}

    @router.post("/ask", summary="Answer a question with verified citations")
    def ask(req: AskRequest, request: Request) -> dict[str, Any]:
        filters, cid, history = start(req, request)
        return answer_json(ctx.assistant.ask(req.question, filters, history), cid)

    @router.post(
        "/ask/stream",
        response_class=EventSourceResponse,
        summary="Answer as server-sent events",
        description='`token` events carry text deltas `{"text": ...}`; the final `answer` event carries the '
        'whole answer with its citations and the conversation_id; an `error` event carries `{"error": ...}`.',
    )
    def ask_stream(req: AskRequest, request: Request) -> EventSourceResponse:
        filters, cid, history = start(req, request)
        items = iter(ctx.assistant.stream(req.question, filters, history))
        # Pull the first item here so an empty index or a bad filter is a proper HTTP error, not an event.
        first = next(items, None)

        def events() -> Iterator[dict[str, str]]:
            try:
                if first is not None:
                    yield event_for(first)
                for item in items:
                    yield event_for(item)
            except WhosaidError as e:
                yield {"event": "error", "data": json.dumps({"error": str(e)})}

        def event_for(item: str | Answer) -> dict[str, str]:
            if isinstance(item, Answer):
                return {"event": "answer", "data": json.dumps(answer_json(item, cid), ensure_ascii=False)}
            return {"event": "token", "data": json.dumps({"text": item}, ensure_ascii=False)}

        return EventSourceResponse(events(), ping=15)

    @router.get("/statements", summary="Stored statements, filtered and paged")
    def statements(
        speaker: str = "",
        source: str = "",
        since: Annotated[str, Query(pattern=DATE_PATTERN)] = "",
        until: Annotated[str, Query(pattern=DATE_PATTERN)] = "",
        doc_id: str = "",
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        filters = dataclasses.replace(make_filters(speaker, source, since, until), doc_id=doc_id)
        found = ctx.assistant.store.statements(filters)
        return {
            "total": len(found),
            "limit": limit,
            "offset": offset,
            "statements": [s.to_json() for s in found[offset : offset + limit]],
        }

    @router.get("/speakers", summary="The speaker registry, most statements first")
    def speakers() -> list[dict[str, Any]]:
        try:
            return [s.to_json() for s in ctx.assistant.speakers()]
        except EmptyIndexError:
            return []  # a listing of nothing, like /api/statements on an empty store

    @router.get("/documents/{doc_id:path}", summary="A stored document and its text")
    def document(doc_id: str) -> dict[str, Any]:
        doc = ctx.assistant.document(doc_id)
        if doc is None:
            raise NotFoundError(f"No document '{doc_id}'. GET /api/statements lists the stored doc_ids.")
        return dataclasses.asdict(doc)

    @router.delete(
        "/documents/{doc_id:path}", summary="Delete a document (admin)", dependencies=[Depends(require_admin)]
    )
    def delete_document(doc_id: str) -> dict[str, Any]:
        if ctx.assistant.store.get_document(doc_id) is None:
            raise NotFoundError(f"No document '{doc_id}' to delete.")
        ctx.assistant.store.delete_document(doc_id)
        return {"deleted": doc_id}

    @router.post(
        "/ingest",
        summary="Ingest uploaded files or JSON documents (admin)",
        description='multipart/form-data with one or more `files`, or JSON `{"documents": [{"id", "text", '
        '"title", "date", "source", "url"}]}`.',
        dependencies=[Depends(require_admin)],
    )
    async def ingest(request: Request) -> dict[str, Any]:
        kind = request.headers.get("content-type", "")
        if kind.startswith("multipart/form-data"):
            form = await request.form(max_files=200)
            uploads = [
                (str(f.filename or "upload.txt"), await f.read())
                for f in form.getlist("files")
                if not isinstance(f, str)
            ]
            if not uploads:
                raise InputError("No files: send them as multipart form fields named 'files'.")
            report = await run_in_threadpool(
                ingest_uploads, uploads, ctx.settings, ctx.assistant.store, None, ctx.extractor
            )
        elif kind.startswith("application/json"):
            try:
                body = await request.json()
            except ValueError as e:
                raise InputError(f"The body is not valid JSON: {e}") from e
            records = body.get("documents") if isinstance(body, dict) else None
            if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
                raise InputError('Send {"documents": [{"id": ..., "text": ...}, ...]} with at least one document.')
            docs = documents_from_json(records, ctx.settings)
            report = await run_in_threadpool(ingest_json, docs)
        else:
            raise InputError("Send multipart/form-data files or application/json documents.")
        return report_json(report)

    def ingest_json(docs: list[Any]) -> IngestReport:
        from index.build import ingest_documents

        return ingest_documents(docs, ctx.settings, ctx.assistant.store, ctx.extractor)

    @router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    def unknown(rest: str) -> None:
        raise NotFoundError(f"No API route /api/{rest}. The routes are listed at /docs.")

    return router


def report_json(report: IngestReport) -> dict[str, Any]:
    """An ingest report as JSON: the summary line and one result per file."""
    return {"summary": report.summary(), "files": [dataclasses.asdict(f) for f in report.files]}
