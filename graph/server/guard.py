"""What a request must pass before it reaches a worker: ids in URLs, parameters, body
size, the SPARQL Protocol's rules, and the security headers on every response.

Updates and SERVICE are refused by graph.sparql's read-only policy (the same as
`kg query`'s); here the protocol's own ways to ask for an update (an `update` parameter,
an application/sparql-update body) are refused too.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import Request

from graph.sparql import Refused

#: What an entity id in a URL may look like: the slug path after …/id/ (see graph.rdf._KEY).
#: No segment may start with "." so "." and ".." cannot occur, and nothing is percent-decoded twice.
ENTITY_ID = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}){0,3}")
ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,159}")
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
#: The pyvis view is scripted and inlines its own assets; it still may not load or send anything.
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; frame-ancestors 'self'; base-uri 'none'")


def query_params(raw: bytes | str) -> dict[str, list[str]]:
    """Form or URL parameters; invalid UTF-8 in them is a 400, not a silent U+FFFD."""
    text = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    try:
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as error:
        raise HTTPException(400, f"malformed parameters: {error}") from None


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over the limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body over the limit of {limit} bytes")
    return bytes(body)


def single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise HTTPException(400, f"give exactly one '{name}' parameter (got {len(values)})")
    return values[0] if values else None


def protocol_query(params: dict[str, list[str]]) -> str:
    """The query a SPARQL Protocol request carries, after the checks the protocol allows."""
    if "update" in params:
        raise Refused("read-only: SPARQL Update is not allowed here")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise HTTPException(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "the default graph is the union of all article graphs; use GRAPH in the query")
    query = single(params, "query")
    if query is None or not query.strip():
        raise HTTPException(400, "missing 'query' parameter (SPARQL 1.1 Protocol: GET ?query=, "
                                 "POST form field 'query', or POST application/sparql-query)")
    return query


async def post_params(request: Request, max_body: int) -> dict[str, list[str]]:
    """The parameters of a SPARQL Protocol POST: a form, or the query as the body."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        raise Refused("read-only: SPARQL Update is not allowed here")
    if media not in {"application/sparql-query", "application/x-www-form-urlencoded"}:
        raise HTTPException(415, "POST application/sparql-query or application/x-www-form-urlencoded")
    body = await read_body(request, max_body)
    if media == "application/x-www-form-urlencoded":
        return query_params(body)
    params = query_params(request.scope.get("query_string", b""))
    try:
        return {**params, "query": [body.decode("utf-8")]}
    except UnicodeDecodeError:
        raise HTTPException(400, "the query is not valid UTF-8") from None


class SecurityHeaders:
    """ASGI middleware: nosniff, no referrer, and the page CSP unless a route set its own."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": headers + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
