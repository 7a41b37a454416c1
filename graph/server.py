"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and server-rendered pages over the store.

Why it is built this way:

- Store work runs in a small pool of worker *processes*, each with the store opened
  read-only, at most one job each. pyoxigraph cannot cancel a query mid-flight, and
  some queries overflow its parser's stack and kill the process (a few thousand nested
  brackets or a long `1+1+…` chain; measured here); a thread could do nothing about
  either. A process can be killed: a query over `timeout_s` gets a 503 and its worker
  is replaced, so it burns no CPU afterwards; a query that crashes its worker gets a
  500 and the server carries on. Jobs run on a 1 GiB thread stack, which the measured
  crashes stay well inside for any query under the body limit.
- The parent process also opens the store read-only, to fail fast and to hold the
  shared lock that keeps builds out while the server runs. The data therefore cannot
  change under a page, and statistics and the Turtle export are computed once.
- Results are capped at `max_rows` rows or triples (flagged by `X-Result-Truncated`),
  which bounds what one answer can cost to serialise and send.
- Updates and SERVICE are refused before a query reaches Oxigraph (`graph.sparql`'s
  policy, the same as `kg query`'s): the store is opened read-only anyway, but pyoxigraph
  *would* make the HTTP request a SERVICE clause asks for, letting anyone who can reach
  the endpoint make the server call out.
- Pages carry no scripts and no external assets; every value that comes from the
  store (article text, names, IRIs) goes through markupsafe's escaping, and a strict
  Content-Security-Policy backs that up. The embedded graph view (pyvis, scripted) is
  served on its own route into a sandboxed iframe.
"""
from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
import os
import re
import tempfile
import threading
from collections import defaultdict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pyoxigraph as ox
from markupsafe import Markup
from rdflib import URIRef
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from graph import read
from graph.model import ENTITY_TYPES, slug
from graph.sparql import QueryError, Refused, competency_questions, refuse_unsafe, result_kind, run_query, serialize_result
from graph.store import Store
from graph.terms import KG, OWL, RDF, RESOURCE, SDO, SKOS

DEFAULT_MAX_ROWS = 10_000
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_BODY = 256 * 1024
DEFAULT_WORKERS = min(4, os.cpu_count() or 1)
WORKER_STACK = 1 << 30  # bytes

BASE = str(RESOURCE)

#: What an entity id in a URL may look like: the slug path after …/id/ (see graph.rdf._KEY).
#: No segment may start with "." so "." and ".." cannot occur, and nothing is percent-decoded twice.
ENTITY_ID = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}){0,3}")
ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,159}")
#: Most facts per relation, and most articles, an entity page lists (hubs have thousands).
PAGE_ROWS = 100

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
#: The pyvis view is scripted and inlines its own assets; it still may not load or send anything.
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; frame-ancestors 'self'; base-uri 'none'")


# --- content negotiation ----------------------------------------------------------------

#: Media type → result format, in the server's order of preference (the first is the default).
SOLUTION_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld", "application/json": "jsonld",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
}


def accept_ranges(header: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; a malformed q counts as 0 (not acceptable)."""
    ranges = []
    for part in header.split(",")[:64]:
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _specificity(media_range: str, offer: str) -> int | None:
    """How closely a media range matches an offered type: 2 exact, 1 type/*, 0 */*, None no match."""
    if media_range == offer:
        return 2
    kind, _, sub = media_range.partition("/")
    if sub == "*" and offer.startswith(kind + "/"):
        return 1
    return 0 if media_range == "*/*" else None


def negotiate(kind: str, accept: str | None) -> str | None:
    """The result format to answer with, or None when the client accepts none we offer."""
    offers = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    ranges = accept_ranges(accept or "") or [("*/*", 1.0)]
    best, best_quality = None, 0.0
    for offer, fmt in offers.items():
        matches = [(spec, q) for media, q in ranges if (spec := _specificity(media, offer)) is not None]
        quality = max(matches)[1] if matches else 0.0
        if quality > best_quality:
            best, best_quality = fmt, quality
    return best


# --- answers (computed in the workers) ------------------------------------------------

class NotAcceptable(Exception):
    """The client's Accept header allows no format this kind of result has: answered 406."""


class _Full(Exception):
    """Raised from inside a pyoxigraph serialiser once the output has enough lines."""


class _LineCappedBuffer(io.RawIOBase):
    """An in-memory sink that stops the serialiser writing into it after `max_lines` lines."""

    def __init__(self, max_lines: int):
        super().__init__()
        self.data, self.lines, self.max_lines = bytearray(), 0, max_lines

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        self.data += chunk
        self.lines += bytes(chunk).count(b"\n")
        if self.lines > self.max_lines:
            raise _Full()
        return len(chunk)


def first_lines(serialise: Callable[[IO[bytes]], None], max_lines: int) -> tuple[bytes, bool]:
    """What `serialise` writes, cut after `max_lines` lines, and whether it was cut.

    SPARQL TSV and N-Triples give one solution or triple per line (line breaks inside
    literals are escaped), so capping lines caps rows while pyoxigraph does all the
    per-row work in Rust, and a huge result stops being computed at the cap.
    """
    sink = _LineCappedBuffer(max_lines)
    try:
        serialise(sink)
    except _Full:
        kept = bytes(sink.data).split(b"\n", max_lines)[:max_lines]
        return b"\n".join(kept) + b"\n", True
    return bytes(sink.data), False


@dataclass(frozen=True)
class Answer:
    """A query's result, at most max_rows rows (SELECT, as SPARQL TSV) or triples (CONSTRUCT/DESCRIBE,
    as N-Triples), or the boolean of an ASK."""

    kind: str  # "select", "ask" or "graph"
    data: bytes = b""
    boolean: Any = None  # the QueryBoolean of an ASK
    truncated: bool = False


def collect_answer(store: Store, sparql: str, *, max_rows: int) -> Answer:
    """Run a screened query and keep at most max_rows of what it yields."""
    result = run_query(store, sparql)
    kind = result_kind(result)
    if kind == "ask":
        return Answer(kind, boolean=result)
    if kind == "select":
        data, truncated = first_lines(lambda sink: result.serialize(sink, ox.QueryResultsFormat.TSV), max_rows + 1)
    else:
        data, truncated = first_lines(lambda sink: ox.serialize(result, sink, format=ox.RdfFormat.N_TRIPLES), max_rows)
    return Answer(kind, data, truncated=truncated)


def answer_result(answer: Answer):
    """The answer as pyoxigraph objects again: solutions, (default-graph) quads, or the boolean."""
    if answer.kind == "ask":
        return answer.boolean
    if answer.kind == "select":
        return ox.parse_query_results(answer.data, ox.QueryResultsFormat.TSV)
    return list(ox.parse(answer.data, format=ox.RdfFormat.N_TRIPLES))


def answer_bytes(answer: Answer, fmt: str) -> bytes:
    if (answer.kind, fmt) in {("select", "tsv"), ("graph", "ntriples")}:
        return answer.data
    return serialize_result(answer_result(answer), fmt)


def protocol_job(store: Store, sparql: str, accept: str | None, max_rows: int) -> tuple[bytes, str, bool]:
    """A /sparql answer: (body, content type, truncated)."""
    answer = collect_answer(store, sparql, max_rows=max_rows)
    fmt = negotiate(answer.kind, accept)
    if fmt is None:
        offers = GRAPH_TYPES if answer.kind == "graph" else SOLUTION_TYPES
        raise NotAcceptable(f"cannot answer a {answer.kind.upper()} query as {accept}; acceptable: {', '.join(offers)}")
    return answer_bytes(answer, fmt), CONTENT_TYPES[fmt], answer.truncated


Cell = tuple[str, str] | None  # ("iri" | "bnode" | "literal", value), or None when unbound


def cell(term) -> Cell:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    return ("literal", term.value if isinstance(term, ox.Literal) else str(term))


def table_job(store: Store, sparql: str, max_rows: int) -> dict:
    """An answer for the home page's table, as plain picklable values."""
    answer = collect_answer(store, sparql, max_rows=max_rows)
    result = answer_result(answer)
    if answer.kind == "ask":
        return {"kind": "ask", "boolean": bool(result)}
    if answer.kind == "select":
        head = [v.value for v in result.variables]
        rows = [[cell(row[i]) for i in range(len(head))] for row in result]
    else:
        head = ["subject", "predicate", "object"]
        rows = [[cell(q.subject), cell(q.predicate), cell(q.object)] for q in result]
    return {"kind": answer.kind, "head": head, "rows": rows, "truncated": answer.truncated}


def export_job(store: Store, target: str) -> str:
    with open(target, "wb") as handle:
        store.dump(handle, "turtle")
    return target


def paths_job(store: Store, source: str, target: str) -> dict:
    from graph import paths, projection

    projected = projection.project(store)
    return paths.paths_json(projected, paths.find_paths(projected, source, target))


def ego_view_job(store: Store, key: str) -> str:
    """The entity's ego view (graph.views, pyvis) as a self-contained HTML page."""
    from graph import projection, views

    return views.ego_view(projection.project(store), key).html


def statistics_job(store: Store) -> dict:
    return read.statistics(store)


def entities_job(store: Store) -> dict[str, read.EntityInfo]:
    """IRI → EntityInfo of every entity, for the home page's lists."""
    return read.entity_index(store, wikidata=False)


def entity_job(store: Store, iri: str) -> dict | None:
    return entity_data(store, iri)


def article_job(store: Store, iri: str) -> dict | None:
    return article_data(store, iri)


JOBS = {"protocol": protocol_job, "table": table_job, "export": export_job, "paths": paths_job,
        "view": ego_view_job, "statistics": statistics_job, "entities": entities_job, "entity": entity_job,
        "article": article_job}

#: Exceptions a job may raise on purpose, sent back by name: the rest are bugs (500).
EXPECTED_ERRORS = {"QueryError": QueryError, "NotAcceptable": NotAcceptable}


# --- the worker processes ---------------------------------------------------------------

def worker_main(conn, store_dir: str) -> None:
    """A worker process: open the store, then answer jobs until the pipe closes.

    The loop runs on a thread with a 1 GiB stack (virtual; only what is used is
    touched), so deeply nested queries do not overflow Oxigraph's recursive parser.
    """
    threading.stack_size(WORKER_STACK)
    thread = threading.Thread(target=_answer_jobs, args=(conn, store_dir), name="kg-query-jobs")
    thread.start()
    thread.join()


def _answer_jobs(conn, store_dir: str) -> None:
    try:
        store = Store(store_dir)
    except Exception as error:  # noqa: BLE001 - reported to the parent, which gives up
        conn.send(("error", type(error).__name__, str(error)))
        return
    conn.send(("ok", "ready"))
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", JOBS[job](store, *args))
        except Exception as error:  # noqa: BLE001 - sent back; the worker lives on
            name = type(error).__name__
            kind = name if name in EXPECTED_ERRORS else ("ValueError" if isinstance(error, ValueError) else "Error")
            reply = ("error", kind, str(error))
        conn.send(reply)


class QueryTimeout(Exception):
    """The job did not finish within the time limit (its worker was killed): answered 503."""


class Overloaded(Exception):
    """No worker came free within the time limit: answered 503."""


class WorkerCrashed(Exception):
    """The job killed its worker (which has been replaced): answered 500."""


class Worker:
    """One query process and the pipe to it."""

    def __init__(self, store_dir: str):
        context = multiprocessing.get_context("spawn")  # fork is unsafe once the server runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, store_dir), daemon=True,
                                       name="kg-query-worker")
        self.process.start()
        child.close()

    @classmethod
    def started(cls, store_dir: str, *, timeout_s: float = 120.0) -> "Worker":
        """A worker that has opened the store and is waiting for jobs."""
        worker = cls(store_dir)
        try:
            if not worker.conn.poll(timeout_s):
                raise RuntimeError(f"query worker did not start within {timeout_s:g} s")
            status, *detail = worker.conn.recv()
        except (EOFError, OSError):
            status, detail = "error", ["Error", "query worker exited while starting"]
        if status != "ok":
            worker.kill()
            raise RuntimeError(f"query worker could not open the store: {detail[-1]}")
        return worker

    def call(self, job: str, args: tuple, timeout_s: float) -> tuple:
        """Send a job and wait for its reply; QueryTimeout or WorkerCrashed leave the worker unusable."""
        try:
            self.conn.send((job, args))
            if not self.conn.poll(timeout_s):
                raise QueryTimeout(f"query timed out after the server's limit of {timeout_s:.3g} s; "
                                   "narrow it down or add a LIMIT")
            return self.conn.recv()
        except (EOFError, OSError) as error:
            code = self.process.exitcode
            raise WorkerCrashed(f"the query crashed its worker process (exit code {code}); the server has "
                                "replaced it, but this query cannot be answered") from error

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of workers; a request borrows one for one job, within a deadline."""

    def __init__(self, store_dir: str, *, size: int, timeout_s: float):
        self.store_dir, self.size, self.timeout_s = store_dir, size, timeout_s
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self._replacing: set[asyncio.Task] = set()

    async def start(self) -> None:
        started = await asyncio.gather(*(asyncio.to_thread(Worker.started, self.store_dir) for _ in range(self.size)))
        for worker in started:
            self.workers.add(worker)
            self.idle.put_nowait(worker)

    async def run(self, job: str, *args, timeout_s: float | None = None) -> Any:
        """The job's result from a worker; QueryTimeout, Overloaded, WorkerCrashed or the job's own error."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        try:
            worker = await asyncio.wait_for(self.idle.get(), limit)
        except TimeoutError:
            raise Overloaded(f"server busy: no query worker came free within {limit:g} s; try again later") from None
        healthy = False
        try:
            reply = await asyncio.to_thread(worker.call, job, args, max(deadline - loop.time(), 0.0))
            healthy = True
        finally:
            if healthy:
                self.idle.put_nowait(worker)
            else:
                self.replace(worker)
        return unpack(reply)

    def replace(self, worker: Worker) -> None:
        """Kill a worker that timed out or died, and start another in the background."""
        self.workers.discard(worker)
        worker.kill()
        task = asyncio.get_running_loop().create_task(self._start_one())
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _start_one(self) -> None:
        try:
            worker = await asyncio.to_thread(Worker.started, self.store_dir)
        except RuntimeError as error:
            logging.getLogger("newsgraph.server").error("could not replace a query worker: %s", error)
            return
        self.workers.add(worker)
        self.idle.put_nowait(worker)

    def close(self) -> None:
        for task in self._replacing:
            task.cancel()
        for worker in list(self.workers):
            worker.kill()
        self.workers.clear()


def unpack(reply: tuple) -> Any:
    """A worker's reply as a value, or the job's error raised again here."""
    if reply[0] == "ok":
        return reply[1]
    _, kind, message = reply
    if kind in EXPECTED_ERRORS:
        raise EXPECTED_ERRORS[kind](message)
    if kind == "ValueError":
        raise ValueError(message)
    raise RuntimeError(f"query worker failed: {message}")


# --- reading pages' data from the store ------------------------------------------------


def _fact(statement: read.Statement, article: read.ArticleInfo | None) -> dict:
    """A statement as the pages show it, with its article's headline and date."""
    return {"f": statement.iri, "s": statement.subject, "p": statement.predicate, "o": statement.object,
            "status": statement.status, "confidence": statement.confidence, "text": statement.text,
            "start": statement.start, "end": statement.end, "article": statement.article,
            "title": article and article.title, "date": article and article.date}


def _first(props: dict[str, list], predicate: URIRef) -> str | None:
    values = sorted(o.value for o in props.get(str(predicate), []))
    return values[0] if values else None


def _all(props: dict[str, list], predicate: URIRef) -> list[str]:
    return sorted({o.value for o in props.get(str(predicate), [])})


def entity_data(store: Store, iri: str) -> dict | None:
    """Everything the entity page shows, or None when no entity has this IRI."""
    props = read.properties(store, iri)
    types = [read.local_name(t) for t in _all(props, RDF.type) if t.startswith(str(KG))]
    types = [t for t in types if t in ENTITY_TYPES]
    if not types:
        return None
    statements = list(read.statements(store, entity=iri))
    mentioning = {article for article, _ in read.mentions(store, entity=iri)}
    articles = read.articles(store, mentioning | {s.article for s in statements})
    facts = [_fact(s, articles.get(s.article)) for s in statements]
    mentioned = sorted(sorted(mentioning & articles.keys()), key=lambda a: articles[a].date or "", reverse=True)
    links = set(_all(props, KG.officeOf)) | set(_all(props, KG.country))
    labels = read.labels_of(store, links | {f[end] for f in facts for end in ("s", "o")} | {iri})
    return {
        "iri": iri, "label": labels.get(iri, iri), "types": sorted(set(types)), "aliases": _all(props, SKOS.altLabel),
        "wikidata": [s[len(read.WIKIDATA_ENTITY):] for s in _all(props, OWL.sameAs) if s.startswith(read.WIKIDATA_ENTITY)],
        "links": sorted(links), "years": _all(props, KG.year),
        "facts": sorted(sorted(facts, key=lambda f: f["date"] or "", reverse=True), key=lambda f: f["p"]),
        "mentions": [{"article": a, "title": articles[a].title, "date": articles[a].date} for a in mentioned],
        "labels": labels,
    }


def article_data(store: Store, iri: str) -> dict | None:
    """Everything the article page shows, or None when there is no such article."""
    props = read.properties(store, iri)
    if str(KG.Article) not in _all(props, RDF.type):
        return None
    facts = [_fact(s, None) for s in read.statements(store, article=iri)]
    mentioned = set(_all(props, KG.mentions))
    labels = read.labels_of(store, mentioned | {f[end] for f in facts for end in ("s", "o")})
    return {
        "iri": iri, "key": _first(props, KG.key), "title": _first(props, SDO.headline),
        "date": _first(props, SDO.datePublished), "url": _first(props, SDO.url),
        "source": _first(props, KG.source), "body": _first(props, SDO.articleBody) or "",
        "facts": sorted(facts, key=lambda f: (_int(f["start"]), f["p"], f["s"], f["o"])),
        "mentions": sorted(mentioned, key=lambda m: labels.get(m, m).casefold()), "labels": labels,
    }


def _int(value: int | str | None, default: int = -1) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def evidence_spans(body: str, facts: list[dict]) -> list[tuple[int, int, list[int]]]:
    """(start, end, fact numbers) for each stretch of the body some fact's evidence covers.

    Offsets are trusted only if they are in range and cut out the evidence sentence;
    otherwise the sentence is looked up in the body, and a fact whose sentence is not
    there is simply not highlighted. Overlapping evidence merges into one stretch.
    """
    spans = []
    for number, fact in enumerate(facts):
        text, start, end = fact.get("text") or "", _int(fact.get("start")), _int(fact.get("end"))
        if not (0 <= start < end <= len(body) and (not text or body[start:end] == text)):
            start = body.find(text) if text else -1
            end = start + len(text)
        if start >= 0 and end > start:
            spans.append((start, end, number))
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, number in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + [number])
        else:
            merged.append((start, end, [number]))
    return merged


# --- HTML -----------------------------------------------------------------------------

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{background:#1f3a5f;color:#fff;padding:.6em 1.2em}header a{color:#fff;margin-right:1.2em;text-decoration:none}
main{padding:1em 1.5em;max-width:72em}h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.2em;margin-top:1.4em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d6de;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eef1f5}textarea{width:100%;font:13px monospace}code{font-size:90%}
.error{background:#fde8e8;border:1px solid #e0a0a0;padding:.6em}.note{color:#5a6270}
.body{white-space:pre-wrap;background:#fff;border:1px solid #d0d6de;padding:1em;max-width:50em}
mark{background:#ffe58a}.status{font-size:85%;color:#5a6270}iframe{width:100%;height:520px;border:1px solid #d0d6de}
ul.examples li{margin:.2em 0}
"""


def page(title: str, body: Markup, *, status: int = 200) -> HTMLResponse:
    """A full HTML page; `title` is escaped, `body` must already be Markup."""
    html = Markup(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{} · newsgraph</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/style.css"></head><body><header>'
        '<a href="/"><b>newsgraph</b></a><a href="/path">Paths</a><a href="/sparql">SPARQL endpoint</a>'
        '<a href="/export.ttl">Turtle export</a></header><main>{}</main></body></html>'
    ).format(title, body)
    return HTMLResponse(str(html), status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def error_page(status: int, message: str) -> HTMLResponse:
    return page("Error", Markup('<h1>Error {}</h1><p class="error">{}</p>').format(status, message), status=status)


def resource_href(iri: str) -> str | None:
    """Where this server shows an IRI of ours: /article/… or /entity/…; None for anything else."""
    if not iri.startswith(BASE):
        return None
    local = iri[len(BASE):]
    if local.startswith("article/") and ARTICLE_ID.fullmatch(local[len("article/"):]):
        return "/" + local
    if local.startswith("fact/") or not ENTITY_ID.fullmatch(local):
        return None
    return "/entity/" + local


def iri_link(iri: str, labels: dict[str, str] | None = None) -> Markup:
    text = (labels or {}).get(iri) or (iri[len(BASE):] if iri.startswith(BASE) else iri)
    href = resource_href(iri)
    return Markup('<a href="{}">{}</a>').format(href, text) if href else Markup("<code>{}</code>").format(text)


def term_cell(value: Cell) -> Markup:
    if value is None:
        return Markup("")
    kind, text = value
    if kind == "iri":
        return iri_link(text)
    if kind == "bnode":
        return Markup("<code>_:{}</code>").format(text)
    return Markup("{}").format(text)


def answer_html(table: dict, max_rows: int) -> Markup:
    """A query's answer (from `table_job`) as a table or a yes/no, with a note when rows were cut off."""
    if table["kind"] == "ask":
        return Markup('<p id="results" class="boolean">ASK: <b>{}</b></p>').format("yes" if table["boolean"] else "no")
    body = Markup("").join(Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(term_cell(c))
                                                                          for c in row)) for row in table["rows"])
    head = Markup("").join(Markup("<th>{}</th>").format(name) for name in table["head"])
    count = len(table["rows"])
    note = Markup('<p class="note">{} row{}{}</p>').format(
        count, "" if count == 1 else "s", f" (cut off at the server's limit of {max_rows})" if table["truncated"] else "")
    return note + Markup('<table id="results" class="results"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
                         ).format(head, body)


def home_html(stats: dict, entities: dict[str, dict], examples: list, query: str, result: Markup) -> Markup:
    entity_total = sum(stats["entities"].values())
    fact_total = sum(stats["facts"].values())
    counts = Markup("<p>{} articles · {} entities · {} facts · {} triples</p>").format(
        stats["articles"], entity_total, fact_total, stats["triples"])
    by_type = Markup("").join(Markup("<tr><td>{}</td><td>{}</td></tr>").format(k, v) for k, v in stats["entities"].items())
    by_relation = Markup("").join(Markup("<tr><td>{}</td><td>{}</td></tr>").format(k, v) for k, v in stats["facts"].items())
    example_items = Markup("").join(
        Markup('<li><a class="example" href="/?{}">{}</a> <span class="note">{}</span></li>').format(
            urlencode({"example": c.name}), c.question or c.name, c.name) for c in examples)
    form = Markup(
        '<form method="get" action="/" id="query-form"><textarea name="query" rows="10" spellcheck="false">{}</textarea>'
        '<p><button type="submit">Run query</button> <span class="note">Prefixes kg:, rdf:, rdfs:, owl:, skos:, '
        'schema:, prov:, xsd:, wd:, res: are predefined. The same queries work at <code>/sparql</code>.</span></p>'
        '</form>').format(query)
    return Markup(
        "<h1>newsgraph</h1>{counts}<table><tr><th>Entities by type</th><th></th></tr>{by_type}</table>"
        "<table><tr><th>Facts by relation</th><th></th></tr>{by_relation}</table>"
        "<h2>Query</h2>{form}{result}<h2>Competency questions</h2><ul class=\"examples\">{examples}</ul>"
        "<h2>Entities</h2>{entities}"
    ).format(counts=counts, by_type=by_type, by_relation=by_relation, form=form, result=result,
             examples=example_items, entities=entity_lists(entities))


def entity_lists(entities: dict[str, read.EntityInfo], *, per_type: int = 300) -> Markup:
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri, entry in entities.items():
        grouped[entry.type].append((entry.label, iri))
    parts = []
    for kind in sorted(grouped):
        items = sorted(grouped[kind], key=lambda item: item[0].casefold())
        links = Markup(", ").join(iri_link(iri, {iri: label}) for label, iri in items[:per_type])
        more = Markup(" … and {} more").format(len(items) - per_type) if len(items) > per_type else Markup("")
        parts.append(Markup("<details><summary>{} ({})</summary><p>{}{}</p></details>").format(kind, len(items), links, more))
    return Markup("").join(parts)


def fact_row(fact: dict, labels: dict[str, str], *, with_article: bool) -> Markup:
    """One fact as a table row; on the article page the evidence links to its highlight in the text."""
    article = Markup("<td>{} <span class=\"status\">{}</span></td>").format(
        iri_link(fact["article"], {fact["article"]: fact.get("title") or fact["article"]}), fact.get("date") or "") \
        if with_article else Markup("")
    evidence = Markup("{}").format(fact.get("text") or "")
    if "mark" in fact:
        evidence = Markup('<a href="#ev-{}">{}</a>').format(fact["mark"], evidence)
    return Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>").format(
        iri_link(fact["s"], labels), read.local_name(fact["p"]), iri_link(fact["o"], labels), fact.get("status") or "",
        fact.get("confidence") or "", evidence, article)


def entity_html(data: dict, view: Markup) -> Markup:
    labels = data["labels"]
    details = [Markup("<p>Type: <b>{}</b> · <code>{}</code></p>").format(", ".join(data["types"]), data["iri"])]
    if data["aliases"]:
        details.append(Markup("<p>Also called: {}</p>").format(", ".join(data["aliases"])))
    for qid in data["wikidata"]:
        details.append(Markup('<p>Wikidata: <a href="https://www.wikidata.org/wiki/{}" rel="noopener noreferrer">{}</a></p>')
                       .format(quote(qid), qid))
    if data["links"]:
        details.append(Markup("<p>Of: {}</p>").format(Markup(", ").join(iri_link(i, labels) for i in data["links"])))
    if data["years"]:
        details.append(Markup("<p>Year: {}</p>").format(", ".join(data["years"])))
    grouped: dict[str, list[dict]] = defaultdict(list)
    for fact in data["facts"]:
        grouped[read.local_name(fact["p"])].append(fact)
    head = Markup("<tr><th>subject</th><th>relation</th><th>object</th><th>status</th><th>confidence</th>"
                  "<th>evidence</th><th>article</th></tr>")
    sections = [Markup('<h3 id="rel-{}">{} ({})</h3>{}<table class="facts">{}{}</table>').format(
        relation, relation, len(facts), shown_note(len(facts)), head,
        Markup("").join(fact_row(f, labels, with_article=True) for f in facts[:PAGE_ROWS]))
        for relation, facts in sorted(grouped.items())]
    mentions = Markup("").join(
        Markup("<li>{} <span class=\"status\">{}</span></li>").format(
            iri_link(m["article"], {m["article"]: m["title"] or m["article"]}), m["date"] or "")
        for m in data["mentions"][:PAGE_ROWS])
    return Markup("<h1>{}</h1>{}<h2>Facts</h2>{}<h2>Mentioned in {} article(s)</h2>{}<ul>{}</ul><h2>Graph view</h2>{}"
                  ).format(data["label"], Markup("").join(details),
                           Markup("").join(sections) or Markup('<p class="note">No facts recorded.</p>'),
                           len(data["mentions"]), shown_note(len(data["mentions"])), mentions, view)


def shown_note(total: int) -> Markup:
    """Says so when a list on a page shows only the newest PAGE_ROWS of its items."""
    if total <= PAGE_ROWS:
        return Markup("")
    return Markup('<p class="note">Showing the newest {} of {}; /sparql has them all.</p>').format(PAGE_ROWS, total)


def highlighted_body(body: str, facts: list[dict]) -> Markup:
    """The article text with each fact's evidence in a <mark id="ev-N">."""
    parts, cursor = [], 0
    for index, (start, end, numbers) in enumerate(evidence_spans(body, facts)):
        parts.append(Markup("{}").format(body[cursor:start]))
        relations = ", ".join(sorted({read.local_name(facts[n]["p"]) for n in numbers}))
        parts.append(Markup('<mark id="ev-{}" title="{}">{}</mark>').format(index, relations, body[start:end]))
        for number in numbers:
            facts[number]["mark"] = index
        cursor = end
    parts.append(Markup("{}").format(body[cursor:]))
    return Markup('<div class="body">{}</div>').format(Markup("").join(parts))


def safe_url(url: str | None) -> Markup:
    """A link only for http(s) URLs: an article's url field could say javascript:…"""
    if not url:
        return Markup("")
    if urlsplit(url).scheme.lower() in {"http", "https"}:
        return Markup('<p>URL: <a href="{}" rel="noopener noreferrer">{}</a></p>').format(url, url)
    return Markup("<p>URL: <code>{}</code></p>").format(url)


def article_html(data: dict) -> Markup:
    labels = data["labels"]
    body = highlighted_body(data["body"], data["facts"])  # numbers the marks the fact rows link to
    rows = Markup("").join(fact_row(f, labels, with_article=False) for f in data["facts"])
    meta = Markup("<p>Published: {} · key <code>{}</code> · source <code>{}</code></p>").format(
        data["date"] or "unknown", data["key"] or "", data["source"] or "")
    mentions = Markup(", ").join(iri_link(m, labels) for m in data["mentions"])
    return Markup(
        "<h1>{}</h1>{}{}<h2>Facts taken from this article ({})</h2>"
        "<table class=\"facts\"><tr><th>subject</th><th>relation</th><th>object</th><th>status</th><th>confidence</th>"
        "<th>evidence</th></tr>{}</table><h2>Entities mentioned</h2><p>{}</p><h2>Text</h2>{}"
    ).format(data["title"] or data["key"] or data["iri"], meta, safe_url(data["url"]), len(data["facts"]), rows,
             mentions, body)


def path_form(source: str, target: str) -> Markup:
    return Markup(
        '<form method="get" action="/path"><label>From <input name="from" value="{}"></label> '
        '<label>To <input name="to" value="{}"></label> <button type="submit">Find paths</button></form>'
    ).format(source, target)


def node_link(node: dict) -> Markup:
    return iri_link(BASE + node["id"], {BASE + node["id"]: node["label"]}) if ENTITY_ID.fullmatch(node["id"]) \
        else Markup("{}").format(node["label"])


def paths_html(found: dict) -> Markup:
    """`kg path`'s JSON as HTML: each path as a chain, each step with its evidence."""
    if not found["paths"]:
        return Markup("<p>No path within {} hops.</p>").format(found["max_hops"])
    blocks = []
    for number, path in enumerate(found["paths"], 1):
        nodes = {node["id"]: node for node in path["nodes"]}
        steps = []
        for step in path["steps"]:
            phrase = step["relation"] + (f" ({step['status']})" if step["status"] else "")
            arrow = f"—{phrase}→" if step["direction"] == "forward" else f"←{phrase}—"
            evidence = Markup("").join(
                Markup("<li>“{}” <span class=\"status\">— {} {}</span></li>").format(
                    e["sentence"] or "(entity link)",
                    iri_link(f"{BASE}article/{slug(e['article'])}", {f"{BASE}article/{slug(e['article'])}": e["title"] or e["article"]}),
                    e["date"] or "")
                for e in step["evidence"][:3])
            steps.append(Markup("<li>{} {} {}<ul>{}</ul></li>").format(
                node_link(nodes[step["from"]]), arrow, node_link(nodes[step["to"]]), evidence))
        blocks.append(Markup('<h3>{}. {} <span class="status">[{} hop(s)]</span></h3><ol class="steps">{}</ol>').format(
            number, path["text"], path["hops"], Markup("").join(steps)))
    return Markup("").join(blocks)


# --- requests -------------------------------------------------------------------------

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
        raise Refused("read-only endpoint: SPARQL Update is not allowed here")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise HTTPException(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "the default graph is the union of all article graphs; use GRAPH in the query")
    query = single(params, "query")
    if query is None or not query.strip():
        raise HTTPException(400, "missing 'query' parameter (SPARQL 1.1 Protocol: GET ?query=, "
                                 "POST form field 'query', or POST application/sparql-query)")
    return query


def plain(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


@dataclass
class Settings:
    max_rows: int
    timeout_s: float
    max_body: int


class App:
    """The routes, sharing the worker pool and the cached whole-store results."""

    def __init__(self, store: Store, settings: Settings, pool: WorkerPool):
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

    # --- /sparql

    async def sparql(self, request: Request) -> Response:
        max_rows = self.settings.max_rows
        try:
            if request.method == "GET":
                params = query_params(request.scope.get("query_string", b""))
            else:
                params = await self.post_params(request)
            query = protocol_query(params)
            if len(query.encode("utf-8")) > self.settings.max_body:
                return plain(414 if request.method == "GET" else 413,
                             f"query over the limit of {self.settings.max_body} bytes")
            refuse_unsafe(query)
            body, content_type, truncated = await self.pool.run("protocol", query, request.headers.get("accept"),
                                                                max_rows)
        except Refused as error:
            return plain(403, str(error))
        except QueryError as error:
            return plain(400, str(error))
        except NotAcceptable as error:
            return plain(406, str(error))
        except (QueryTimeout, Overloaded) as error:
            return plain(503, str(error), **{"Retry-After": "5"})
        except WorkerCrashed as error:
            return plain(500, str(error))
        headers = {"Vary": "Accept"}
        if truncated:
            headers["X-Result-Truncated"] = f"max-rows={max_rows}"
        return Response(body, media_type=content_type, headers=headers)

    async def post_params(self, request: Request) -> dict[str, list[str]]:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refused("read-only endpoint: SPARQL Update is not allowed here")
        if media not in {"application/sparql-query", "application/x-www-form-urlencoded"}:
            raise HTTPException(415, "POST application/sparql-query or application/x-www-form-urlencoded")
        body = await read_body(request, self.settings.max_body)
        if media == "application/x-www-form-urlencoded":
            return query_params(body)
        params = query_params(request.scope.get("query_string", b""))
        try:
            return {**params, "query": [body.decode("utf-8")]}
        except UnicodeDecodeError:
            raise HTTPException(400, "the query is not valid UTF-8") from None

    # --- pages

    async def home(self, request: Request) -> Response:
        params = query_params(request.scope.get("query_string", b""))
        example = single(params, "example")
        query = single(params, "query") or ""
        if example is not None:
            chosen = [c for c in self.examples if c.name == example]
            if not chosen:
                return error_page(404, f"no example query named {example!r}")
            query = chosen[0].sparql
        result, status = Markup(""), 200
        if query.strip():
            result, status = await self.result_html(query)
        try:
            stats, entities = await self.once("statistics"), await self.once("entities")
        except (QueryTimeout, Overloaded) as error:
            return error_page(503, str(error))
        return page("Home", home_html(stats, entities, self.examples, query, result), status=status)

    async def result_html(self, query: str) -> tuple[Markup, int]:
        """The answer as HTML with status 200, or the error message with the status /sparql would give."""
        if len(query.encode("utf-8")) > self.settings.max_body:
            message, status = f"query over the limit of {self.settings.max_body} bytes", 414
        else:
            try:
                refuse_unsafe(query)
                table = await self.pool.run("table", query, self.settings.max_rows)
                return answer_html(table, self.settings.max_rows), 200
            except Refused as error:
                message, status = str(error), 403
            except QueryError as error:
                message, status = str(error), 400
            except (QueryTimeout, Overloaded) as error:
                message, status = str(error), 503
            except WorkerCrashed as error:
                message, status = str(error), 500
        return Markup('<p id="error" class="error">{}</p>').format(message), status

    async def entity(self, request: Request) -> Response:
        key = request.path_params["id"]
        if not ENTITY_ID.fullmatch(key):
            return error_page(404, "no such entity (ids look like person/sanae-takaichi)")
        if key.startswith("article/"):
            return RedirectResponse("/" + key, status_code=301)
        try:
            data = await self.pool.run("entity", BASE + key)
        except (QueryTimeout, Overloaded) as error:
            return error_page(503, str(error))
        if data is None:
            return error_page(404, f"no entity {key} in the graph")
        view = Markup('<iframe id="ego-view" src="/view/{}" sandbox="allow-scripts" title="Graph view of {}">'
                      "</iframe>").format(key, data["label"])
        return page(data["label"], entity_html(data, view))

    async def view(self, request: Request) -> Response:
        key = request.path_params["id"]
        if not ENTITY_ID.fullmatch(key):
            return error_page(404, "no such entity")
        try:
            html = await self.pool.run("view", key)
        except (QueryTimeout, Overloaded) as error:
            return error_page(503, str(error))
        except ValueError as error:  # no such entity
            return error_page(404, str(error))
        return HTMLResponse(html, headers={"Content-Security-Policy": VIEW_CSP})

    async def article(self, request: Request) -> Response:
        article_id = request.path_params["id"]
        if not ARTICLE_ID.fullmatch(article_id):
            return error_page(404, "no such article (ids look like 2025-10-21-takaichi-becomes-prime-minister-txt)")
        try:
            data = await self.pool.run("article", f"{BASE}article/{article_id}")
        except (QueryTimeout, Overloaded) as error:
            return error_page(503, str(error))
        if data is None:
            return error_page(404, f"no article {article_id} in the graph")
        return page(data["title"] or article_id, article_html(data))

    async def path(self, request: Request) -> Response:
        params = query_params(request.scope.get("query_string", b""))
        source, target = (single(params, "from") or "").strip(), (single(params, "to") or "").strip()
        form = path_form(source, target)

        def answer(message: str, status: int) -> HTMLResponse:
            return page("Paths", Markup('<h1>Paths</h1>{}<p class="error">{}</p>').format(form, message), status=status)

        if not (source and target):
            return page("Paths", Markup("<h1>How are two entities connected?</h1>{}").format(form))
        if max(len(source), len(target)) > 300:
            return answer("names are limited to 300 characters", 400)
        try:
            found = await self.pool.run("paths", source, target, timeout_s=max(self.settings.timeout_s, 60))
        except (QueryTimeout, Overloaded) as error:
            return answer(str(error), 503)
        except ValueError as error:  # unknown or ambiguous names, with suggestions
            return answer(str(error), 404)
        title = Markup("<h1>{} → {}</h1>").format(found["source"]["label"], found["target"]["label"])
        return page("Paths", title + form + paths_html(found))

    async def export(self, request: Request) -> Response:
        try:
            path = await self.once("export", str(Path(self._export_dir.name) / "newsgraph.ttl"))
        except (QueryTimeout, Overloaded) as error:
            return plain(503, str(error))
        return FileResponse(path, media_type="text/turtle; charset=utf-8", filename="newsgraph.ttl")

    async def style(self, request: Request) -> Response:
        return Response(STYLE, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    def close(self) -> None:
        self.pool.close()
        self._export_dir.cleanup()
        self.store.close()


async def not_found(request: Request, exc: Exception) -> Response:
    return error_page(404, "no such page")


async def http_error(request: Request, exc: HTTPException) -> Response:
    """Errors as plain text on the endpoint (what SPARQL clients show) and as pages elsewhere."""
    if request.url.path.startswith("/sparql") or exc.status_code >= 500:
        return plain(exc.status_code, str(exc.detail), **(exc.headers or {}))
    return error_page(exc.status_code, str(exc.detail))


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


def create_app(store_dir: str | Path, *, max_rows: int = DEFAULT_MAX_ROWS, timeout_s: float = DEFAULT_TIMEOUT_S,
               max_body: int = DEFAULT_MAX_BODY, workers: int = DEFAULT_WORKERS) -> Starlette:
    """The ASGI app over the store folder. The store is opened read-only now, so a missing
    or busy store fails fast; the query workers start with the app (lifespan)."""
    if max_rows < 1 or timeout_s <= 0 or max_body < 1 or workers < 1:
        raise ValueError("max_rows, timeout_s, max_body and workers must be positive")
    store = Store(store_dir)
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
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: not_found, HTTPException: http_error})
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
