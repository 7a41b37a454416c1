"""The Starlette app: routes over the worker pool, and one exception handler per error.

Why it is built this way:

- Store work runs in the worker pool (graph.server.pool); a route only checks the
  request (graph.server.guard), asks a worker, and renders the answer.
- The parent process also opens the store read-only, to fail fast and, for a folder
  store, to hold the shared lock that keeps builds out while the server runs. The data
  therefore cannot change under a page, and statistics, the entity lists and the
  Turtle export are computed once.
- Results are capped at `max_rows` rows or triples (flagged by `X-Result-Truncated`),
  which bounds what one answer can cost to serialise and send.
- Each error a request may meet has one status (`ERROR_STATUS`) and one handler: the
  endpoint and the export answer in plain text (what SPARQL clients show), pages with
  an error page. The home page and the path page show a query's error inside the page.
"""
from __future__ import annotations

import asyncio
import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from graph.remote import open_store
from graph.server.guard import (
    ARTICLE_ID,
    ENTITY_ID,
    VIEW_CSP,
    SecurityHeaders,
    post_params,
    protocol_query,
    query_params,
    single,
)
from graph.server.jobs import NotAcceptable
from graph.server.pages import answer_html, article_page, entity_page, error_page, home_page, paths_page
from graph.server.pool import DEFAULT_WORKERS, NotFound, Overloaded, QueryTimeout, WorkerCrashed, WorkerPool
from graph.sparql import QueryError, Refused, competency_questions, refuse_unsafe
from graph.templating import static_text
from graph.terms import RESOURCE

DEFAULT_MAX_ROWS = 10_000
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_BODY = 256 * 1024

#: The status each expected error answers with (the first class an error is an instance of).
ERROR_STATUS: dict[type[Exception], int] = {
    Refused: 403, QueryError: 400, NotAcceptable: 406, NotFound: 404,
    QueryTimeout: 503, Overloaded: 503, WorkerCrashed: 500,
}
EXPECTED = tuple(ERROR_STATUS)


def status_of(error: Exception) -> int:
    return next(status for kind, status in ERROR_STATUS.items() if isinstance(error, kind))


def _retry_after(status: int) -> dict[str, str]:
    """A busy or slow server says when to try again."""
    return {"Retry-After": "5"} if status == 503 else {}


def _answers_in_text(request: Request) -> bool:
    """The endpoint and the export answer errors in plain text; pages with an error page."""
    return request.url.path.startswith("/sparql") or request.url.path == "/export.ttl"


def plain(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def expected_error(request: Request, error: Exception) -> Response:
    status = status_of(error)
    if _answers_in_text(request):
        return plain(status, str(error), **_retry_after(status))
    return error_page(status, str(error), **_retry_after(status))


async def http_error(request: Request, error: HTTPException) -> Response:
    if _answers_in_text(request) or error.status_code >= 500:
        return plain(error.status_code, str(error.detail), **(error.headers or {}))
    return error_page(error.status_code, str(error.detail))


async def not_found(request: Request, error: Exception) -> Response:
    return error_page(404, "no such page")


@dataclass
class Settings:
    max_rows: int
    timeout_s: float
    max_body: int


class App:
    """The routes, sharing the worker pool and the cached whole-store results."""

    def __init__(self, store, settings: Settings, pool: WorkerPool):
        self.store, self.settings, self.pool = store, settings, pool
        self.examples = competency_questions()
        self._cache: dict[str, Any] = {}
        self._cache_lock = asyncio.Lock()
        self._export_dir = tempfile.TemporaryDirectory(prefix="kg-serve-")

    async def once(self, job: str, *args) -> Any:
        """Whole-store results (statistics, index, export), computed once: the store cannot change while we serve."""
        async with self._cache_lock:
            if job not in self._cache:
                self._cache[job] = await self.pool.run(job, *args, timeout_s=max(self.settings.timeout_s, 120))
        return self._cache[job]

    def screened(self, query: str, *, status: int) -> str:
        """The query, if it is within the size limit (else `status`) and the read-only policy allows it."""
        if len(query.encode("utf-8")) > self.settings.max_body:
            raise HTTPException(status, f"query over the limit of {self.settings.max_body} bytes")
        refuse_unsafe(query)
        return query

    async def sparql(self, request: Request) -> Response:
        if request.method == "GET":
            params, too_long = query_params(request.scope.get("query_string", b"")), 414
        else:
            params, too_long = await post_params(request, self.settings.max_body), 413
        query = self.screened(protocol_query(params), status=too_long)
        body, content_type, truncated = await self.pool.run("protocol", query, request.headers.get("accept"),
                                                            self.settings.max_rows)
        headers = {"Vary": "Accept"}
        if truncated:
            headers["X-Result-Truncated"] = f"max-rows={self.settings.max_rows}"
        return Response(body, media_type=content_type, headers=headers)

    async def home(self, request: Request) -> Response:
        params = query_params(request.scope.get("query_string", b""))
        example, query = single(params, "example"), single(params, "query") or ""
        if example is not None:
            chosen = [c for c in self.examples if c.name == example]
            if not chosen:
                return error_page(404, f"no example query named {example!r}")
            query = chosen[0].sparql
        answer, status = (await self.answer(query)) if query.strip() else (Markup(""), 200)
        stats, entities = await self.once("statistics"), await self.once("entities")
        return home_page(stats, entities, self.examples, query, answer, status)

    async def answer(self, query: str) -> tuple[Markup, int]:
        """The answer as HTML with status 200, or the error message with the status /sparql would give."""
        try:
            table = await self.pool.run("table", self.screened(query, status=414), self.settings.max_rows)
        except HTTPException as error:
            return answer_html(error=str(error.detail)), error.status_code
        except EXPECTED as error:
            return answer_html(error=str(error)), status_of(error)
        return answer_html(table=table, max_rows=self.settings.max_rows), 200

    async def entity(self, request: Request) -> Response:
        key = request.path_params["id"]
        if not ENTITY_ID.fullmatch(key):
            return error_page(404, "no such entity (ids look like person/sanae-takaichi)")
        if key.startswith("article/"):
            return RedirectResponse("/" + key, status_code=301)
        data = await self.pool.run("entity", str(RESOURCE[key]))
        if data is None:
            return error_page(404, f"no entity {key} in the graph")
        return entity_page(key, data)

    async def view(self, request: Request) -> Response:
        key = request.path_params["id"]
        if not ENTITY_ID.fullmatch(key):
            return error_page(404, "no such entity")
        html = await self.pool.run("view", key)
        return HTMLResponse(html, headers={"Content-Security-Policy": VIEW_CSP})

    async def article(self, request: Request) -> Response:
        article_id = request.path_params["id"]
        if not ARTICLE_ID.fullmatch(article_id):
            return error_page(404, "no such article (ids look like 2025-10-21-takaichi-becomes-prime-minister-txt)")
        data = await self.pool.run("article", str(RESOURCE[f"article/{article_id}"]))
        if data is None:
            return error_page(404, f"no article {article_id} in the graph")
        return article_page(data)

    async def path(self, request: Request) -> Response:
        params = query_params(request.scope.get("query_string", b""))
        source, target = (single(params, "from") or "").strip(), (single(params, "to") or "").strip()
        if not (source and target):
            return paths_page(source, target)
        if max(len(source), len(target)) > 300:
            return paths_page(source, target, error="names are limited to 300 characters", status=400)
        try:
            found = await self.pool.run("paths", source, target, timeout_s=max(self.settings.timeout_s, 60))
        except EXPECTED as error:  # unknown or ambiguous names come with suggestions
            return paths_page(source, target, error=str(error), status=status_of(error))
        return paths_page(source, target, found=found)

    async def export(self, request: Request) -> Response:
        path = await self.once("export", str(Path(self._export_dir.name) / "newsgraph.ttl"))
        return FileResponse(path, media_type="text/turtle; charset=utf-8", filename="newsgraph.ttl")

    async def style(self, request: Request) -> Response:
        return Response(static_text("style.css"), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    def close(self) -> None:
        self.pool.close()
        self._export_dir.cleanup()
        self.store.close()


def create_app(store_dir: str | Path, *, max_rows: int = DEFAULT_MAX_ROWS, timeout_s: float = DEFAULT_TIMEOUT_S,
               max_body: int = DEFAULT_MAX_BODY, workers: int = DEFAULT_WORKERS) -> Starlette:
    """The ASGI app over a store folder or a SPARQL store's URL. The store is opened now, so
    a missing, busy or unreachable store fails fast; the query workers start with the app (lifespan)."""
    if max_rows < 1 or timeout_s <= 0 or max_body < 1 or workers < 1:
        raise ValueError("max_rows, timeout_s, max_body and workers must be positive")
    store = open_store(str(store_dir))
    handlers = App(store, Settings(max_rows=max_rows, timeout_s=timeout_s, max_body=max_body),
                   WorkerPool(str(store_dir), size=workers, timeout_s=timeout_s))

    @asynccontextmanager
    async def lifespan(app):
        await handlers.pool.start()
        try:
            yield
        finally:
            handlers.close()

    routes = [
        Route("/", handlers.home, methods=["GET"]),
        Route("/sparql", handlers.sparql, methods=["GET", "POST"]),
        Route("/entity/{id:path}", handlers.entity, methods=["GET"]),
        Route("/view/{id:path}", handlers.view, methods=["GET"]),
        Route("/article/{id:path}", handlers.article, methods=["GET"]),
        Route("/path", handlers.path, methods=["GET"]),
        Route("/export.ttl", handlers.export, methods=["GET"]),
        Route("/style.css", handlers.style, methods=["GET"]),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                   allow_headers=["Accept", "Content-Type"], expose_headers=["X-Result-Truncated"], max_age=600),
    ]
    handlers_by_error = {kind: expected_error for kind in ERROR_STATUS} | {404: not_found, HTTPException: http_error}
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers=handlers_by_error)
    app.state.handlers = handlers
    return app


def serve(store_dir: str | Path, *, host: str = "127.0.0.1", port: int = 8000, max_rows: int = DEFAULT_MAX_ROWS,
          timeout_s: float = DEFAULT_TIMEOUT_S, max_body: int = DEFAULT_MAX_BODY, workers: int = DEFAULT_WORKERS,
          log_level: str = "info") -> None:
    """Serve until interrupted. Loopback only unless `host` says otherwise."""
    import uvicorn

    app = create_app(store_dir, max_rows=max_rows, timeout_s=timeout_s, max_body=max_body, workers=workers)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, timeout_keep_alive=5,
                limit_concurrency=128)
