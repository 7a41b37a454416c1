"""What the query workers compute: answers to queries, and the data each page shows.

Every job takes the store (opened read-only in the worker process) and returns plain,
picklable values, because it runs in another process (graph.server.pool). Query answers
are capped at `max_rows` rows or triples while pyoxigraph serialises them, so a huge
result stops being computed at the cap.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any, Callable

import pyoxigraph as ox
from rdflib import URIRef

from graph import history, read
from graph.model import ENTITY_TYPES
from graph.server.negotiation import CONTENT_TYPES, GRAPH_TYPES, SOLUTION_TYPES, negotiate
from graph.sparql import QueryError, Refused, result_kind, run_query, serialize_result
from graph.terms import KG, OWL, PROV, RDF, SDO, SKOS, WD
from graph.timelines import timeline_context


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


def collect_answer(store, sparql: str, *, max_rows: int) -> Answer:
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


def protocol_job(store, sparql: str, accept: str | None, max_rows: int) -> tuple[bytes, str, bool]:
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


def table_job(store, sparql: str, max_rows: int) -> dict:
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


def export_job(store, target: str) -> str:
    with open(target, "wb") as handle:
        store.dump(handle, "turtle")
    return target


def paths_job(store, source: str, target: str) -> dict:
    from graph import paths, projection

    projected = projection.project(store)
    return paths.paths_json(projected, paths.find_paths(projected, source, target))


def ego_view_job(store, key: str) -> str:
    """The entity's ego view (graph.views, pyvis) as a self-contained HTML page."""
    from graph import projection, views

    return views.ego_view(projection.project(store), key).html


def entities_job(store) -> dict[str, read.EntityInfo]:
    """IRI → EntityInfo of every entity, for the home page's lists (no Q-ids: the lists do not show them)."""
    return read.entity_index(store, wikidata=False)


# --- the data of the pages ------------------------------------------------------

#: The rdf:type IRIs of the ontology's entity classes.
ENTITY_CLASSES = frozenset(str(getattr(KG, name)) for name in ENTITY_TYPES)


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


def entity_data(store, iri: str) -> dict | None:
    """Everything the entity page shows, or None when no entity has this IRI."""
    props = read.properties(store, iri)
    types = [read.local_name(t) for t in _all(props, RDF.type) if t in ENTITY_CLASSES]
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
        "wikidata": [s[len(WD):] for s in _all(props, OWL.sameAs) if s.startswith(WD)],
        "links": sorted(links), "years": _all(props, KG.year),
        "facts": sorted(sorted(facts, key=lambda f: f["date"] or "", reverse=True), key=lambda f: f["p"]),
        "mentions": [{"article": a, "title": articles[a].title, "date": articles[a].date} for a in mentioned],
        "labels": labels,
        "timeline": _timeline(store, iri, labels.get(iri, iri)),
    }


def _timeline(store, iri: str, label: str) -> dict:
    """The entity's timeline: a person's tenures, else an office's or party's holders."""
    own = history.tenures(store, person=iri)
    return timeline_context(label, own or history.tenures(store, holding=iri), by_person=bool(own))


def article_data(store, iri: str) -> dict | None:
    """Everything the article page shows, or None when there is no such article."""
    props = read.properties(store, iri)
    if str(KG.Article) not in _all(props, RDF.type):
        return None
    facts = [_fact(s, None) for s in read.statements(store, article=iri)]
    mentioned = set(_all(props, KG.mentions))
    labels = read.labels_of(store, mentioned | {f[end] for f in facts for end in ("s", "o")})
    retrieval = read.properties(store, f"{iri}/retrieval") if _all(props, PROV.wasGeneratedBy) else {}
    return {
        "iri": iri, "key": _first(props, KG.key), "title": _first(props, SDO.headline),
        "date": _first(props, SDO.datePublished), "url": _first(props, SDO.url),
        "source": _first(props, KG.source), "body": _first(props, SDO.articleBody) or "",
        "sources": sorted(_all(props, PROV.hadPrimarySource)), "site": _first(props, KG.site),
        "fetched": _first(retrieval, PROV.endedAtTime), "feed": _first(retrieval, KG.feed),
        "facts": sorted(facts, key=lambda f: (-1 if f["start"] is None else f["start"], f["p"], f["s"], f["o"])),
        "mentions": sorted(mentioned, key=lambda m: labels.get(m, m).casefold()), "labels": labels,
    }


#: Exceptions a job may raise on purpose, sent back by name: the rest are bugs (500).
EXPECTED_ERRORS = {"QueryError": QueryError, "Refused": Refused, "NotAcceptable": NotAcceptable}


JOBS: dict[str, Callable[..., Any]] = {
    "protocol": protocol_job, "table": table_job, "export": export_job, "paths": paths_job, "view": ego_view_job,
    "statistics": read.statistics, "entities": entities_job, "entity": entity_data, "article": article_data,
}
