"""The server's HTML pages, rendered from graph/templates/ with the Jinja environment the
views share (graph.templating); the CSS is graph/static/style.css.

Pages carry no scripts and no external assets; every value that comes from the store
(article text, names, IRIs) is escaped by Jinja's autoescaping, and a strict
Content-Security-Policy backs that up (graph.server.guard). The scripted graph view is
served on its own route into a sandboxed iframe.
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from markupsafe import Markup
from starlette.responses import HTMLResponse

from graph import read
from graph.rdf import article_iri
from graph.server.guard import ARTICLE_ID, ENTITY_ID, PAGE_CSP
from graph.store import QUERY_PREFIXES
from graph.templating import template
from graph.terms import RESOURCE

BASE = str(RESOURCE)
#: Most facts per relation, and most articles, an entity page lists (hubs have thousands).
PAGE_ROWS = 100
#: Most entities of one type the home page lists.
PER_TYPE = 300


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


def short(iri: str) -> str:
    """An IRI as a page shows it when it has no label: ours without the common base."""
    return iri[len(BASE):] if iri.startswith(BASE) else iri


def _render(name: str, **context) -> str:
    """A template with the helpers every page template may call."""
    return template(name).render(href=resource_href, short=short, local_name=read.local_name,
                                 entity_id=ENTITY_ID.fullmatch, article_iri=lambda key: str(article_iri(key)),
                                 base=BASE, page_rows=PAGE_ROWS, **context)


def page(name: str, *, title: str, status: int = 200, **context) -> HTMLResponse:
    """A full page from a template that extends base.html; `title` and every value are escaped."""
    return HTMLResponse(_render(name, title=title, **context), status_code=status,
                        headers={"Content-Security-Policy": PAGE_CSP})


def error_page(status: int, message: str, **headers: str) -> HTMLResponse:
    response = page("error.html", title="Error", status=status, code=status, message=message)
    response.headers.update(headers)
    return response


def answer_html(*, table: dict | None = None, error: str | None = None, max_rows: int = 0) -> Markup:
    """A query's answer on the home page (from `table_job`), or the error the endpoint would give."""
    return Markup(_render("answer.html", table=table, error=error, max_rows=max_rows))


def home_page(stats: dict, entities: dict[str, read.EntityInfo], examples: list, query: str, answer: Markup,
              status: int) -> HTMLResponse:
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri, entry in entities.items():
        grouped[entry.type].append((entry.label, iri))
    groups = [(kind, sorted(grouped[kind], key=lambda item: item[0].casefold())) for kind in sorted(grouped)]
    return page("home.html", title="Home", status=status, stats=stats, examples=examples, query=query, answer=answer,
                entity_groups=groups, per_type=PER_TYPE, prefixes=[f"{name}:" for name in QUERY_PREFIXES])


def entity_page(key: str, data: dict) -> HTMLResponse:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for fact in data["facts"]:
        grouped[read.local_name(fact["p"])].append(fact)
    return page("entity.html", title=data["label"], key=key, data=data, groups=sorted(grouped.items()))


def article_page(data: dict) -> HTMLResponse:
    pieces = body_pieces(data["body"], data["facts"])  # numbers the marks the fact rows link to
    return page("article.html", title=data["title"] or data["key"] or data["iri"], data=data, pieces=pieces,
                linkable=lambda url: bool(url) and urlsplit(url).scheme.lower() in {"http", "https"})


def paths_page(source: str, target: str, *, found: dict | None = None, error: str | None = None,
               status: int = 200) -> HTMLResponse:
    """The path form, and `kg path`'s JSON as HTML: each path as a chain, each step with its evidence."""
    return page("paths.html", title="Paths", status=status, source=source, target=target, found=found, error=error)


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


def body_pieces(body: str, facts: list[dict]) -> list[tuple[str, int | None, str]]:
    """The article text as (text, mark number or None, relations) pieces, one mark per stretch
    some fact's evidence covers; each fact learns its mark number (`fact["mark"]`)."""
    pieces: list[tuple[str, int | None, str]] = []
    cursor = 0
    for index, (start, end, numbers) in enumerate(evidence_spans(body, facts)):
        pieces.append((body[cursor:start], None, ""))
        pieces.append((body[start:end], index, ", ".join(sorted({read.local_name(facts[n]["p"]) for n in numbers}))))
        for number in numbers:
            facts[number]["mark"] = index
        cursor = end
    pieces.append((body[cursor:], None, ""))
    return pieces
