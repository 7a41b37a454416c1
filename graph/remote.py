"""An external SPARQL 1.1 store over HTTP, with the same methods as the embedded `Store`.

Why: past one machine the graph belongs in a triple store that other people already run
(Apache Jena Fuseki, GraphDB, an Oxigraph server), not in a folder. Only the two standard
protocols are used, so any of them works:

- writes use the SPARQL 1.1 Graph Store HTTP Protocol: one `PUT` per article replaces its
  named graph (a rebuild never duplicates), one `DELETE` removes it;
- reads use the SPARQL 1.1 Protocol; results come back as pyoxigraph result objects, so
  `graph.sparql` and `graph.export` work on either store unchanged.

Servers differ only in where they put the two services, relative to the URL a user gives:

| layout   | URL given                        | query      | graph store            |
|----------|----------------------------------|------------|------------------------|
| oxigraph | http://host:7878                 | /query     | /store                 |
| fuseki   | http://host:3030/DATASET         | /query     | /data                  |
| graphdb  | http://host:7200/repositories/ID | (the URL)  | /rdf-graphs/service    |

Queries run over the union of the article graphs, as with the embedded store: Oxigraph is
asked for it per query (`union-default-graph`), GraphDB does it by default, and Fuseki needs
its `tdb:unionDefaultGraph` setting (see docs/scale.md).
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from typing import IO, Iterator
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from graph.sources.fetch import is_web
from graph.store import FORMATS, QUAD_FORMATS, QUERY_PREFIXES, Store
from graph.terms import DATA_PREFIXES, RESOURCE

#: Named graphs newsgraph writes; `clear` drops these and leaves a shared store's other data alone.
ARTICLE_GRAPHS = f"{RESOURCE}article/"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
#: Results larger than this are spooled to a temporary file instead of memory.
SPOOL_BYTES = 16 * 1024 * 1024
_DECLARED_PREFIX = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")


@dataclass(frozen=True)
class Layout:
    """Where one family of servers puts its services, as suffixes of the store URL."""

    query: str
    graphs: str
    query_params: dict[str, str] = field(default_factory=dict)


LAYOUTS = {
    "oxigraph": Layout("/query", "/store", {"union-default-graph": ""}),
    "fuseki": Layout("/query", "/data"),
    "graphdb": Layout("", "/rdf-graphs/service"),
}


class RemoteStoreError(OSError):
    """The server refused a request or could not be reached."""


def is_remote(location: str | os.PathLike | None) -> bool:
    return isinstance(location, str) and is_web(location)


def open_store(location: str, *, write: bool = False, wait: float = 0.0) -> Store | RemoteStore:
    """The store at a folder, or at an http(s):// URL: every command and the server open stores
    through this, so whatever reads one kind reads the other."""
    return RemoteStore(location) if is_remote(location) else Store(location, write=write, wait=wait)


def layout_for(url: str) -> str:
    """Guess the server family from the URL's shape: a bare host is Oxigraph, an
    RDF4J `/repositories/ID` path is GraphDB, any other path is a Fuseki dataset."""
    path = urlsplit(url).path.rstrip("/")
    if "/repositories/" in path:
        return "graphdb"
    return "fuseki" if path else "oxigraph"


class RemoteStore:
    """A SPARQL 1.1 store at `url`, holding one named graph per article."""

    def __init__(self, url: str, *, layout: str | None = None, timeout: float = 300.0):
        if not is_remote(url):
            raise ValueError(f"{url}: a remote store URL starts with http:// or https://")
        name = layout or layout_for(url)
        if name not in LAYOUTS:
            raise ValueError(f"unknown store layout {name!r}; choose one of {', '.join(LAYOUTS)}")
        self.url = url.rstrip("/")
        self.layout = LAYOUTS[name]
        self._http = httpx.Client(timeout=timeout, headers={"User-Agent": "newsgraph"})
        try:
            self.query("ASK {}")  # fail now, not after extracting a whole corpus
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # --- writing ----------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Put these triples in the named graph, replacing what it held (one Graph Store PUT)."""
        self._send("PUT", self.layout.graphs, params={"graph": graph_iri}, content=ntriples.encode("utf-8"),
                   headers={"Content-Type": "application/n-triples; charset=utf-8"})

    def bulk_replace(self, graphs: dict[str, str]) -> None:
        """One PUT per article over a kept-alive connection. Deliberately not one big POST:
        measured on Oxigraph, a 52 MB POST took 32 s and left a 674 MB write-ahead log that
        slowed every later open; per-article writes stay small and each replaces atomically."""
        for graph_iri, ntriples in graphs.items():
            self.replace_graph(graph_iri, ntriples)

    def add_to_graphs(self, graphs: dict[str, str]) -> None:
        """Add triples to named graphs: one Graph Store POST (which merges) per graph."""
        for graph_iri, ntriples in graphs.items():
            self._send("POST", self.layout.graphs, params={"graph": graph_iri}, content=ntriples.encode("utf-8"),
                       headers={"Content-Type": "application/n-triples; charset=utf-8"})

    def remove_graph(self, graph_iri: str) -> bool:
        response = self._send("DELETE", self.layout.graphs, params={"graph": graph_iri}, missing_ok=True)
        return response.status_code != 404

    def clear(self) -> None:
        """Drop every article graph newsgraph wrote (other graphs in a shared store stay)."""
        for graph_iri in self.graph_iris():
            if graph_iri.startswith(ARTICLE_GRAPHS):
                self.remove_graph(graph_iri)

    # --- reading ----------------------------------------------------------------------

    def query(self, sparql: str):
        """Run SPARQL over the union of the article graphs; QuerySolutions, QueryBoolean or triples."""
        response = self._send("POST", self.layout.query, params=self.layout.query_params,
                              data={"query": with_prefixes(sparql)}, headers={"Accept": ACCEPT}, stream=True)
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        body = _spooled(response)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is not None:
            return ox.parse(body, format=rdf_format)
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise RemoteStoreError(f"{self.url}: unexpected query answer of type {media_type or 'unknown'}")
        return ox.parse_query_results(body, format=results_format)

    def graph_iris(self) -> list[str]:
        return [row["g"].value for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")]

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def dump(self, output: IO[bytes] | str | os.PathLike, fmt: str = "turtle") -> None:
        """Write the store in one RDF format. Triple formats get the union of the graphs."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        prefixes = DATA_PREFIXES if fmt in {"turtle", "trig"} else None
        ox.serialize(self._quads() if fmt in QUAD_FORMATS else self._union_triples(), output,
                     format=FORMATS[fmt], prefixes=prefixes)

    def _quads(self) -> Iterator[ox.Quad]:
        for row in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def _union_triples(self) -> Iterator[ox.Triple]:
        for row in self.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Triple(row["s"], row["p"], row["o"])

    # --- HTTP -------------------------------------------------------------------------

    def _send(self, method: str, service: str, *, missing_ok: bool = False, stream: bool = False,
              **request) -> httpx.Response:
        url = self.url + service
        try:
            response = self._http.send(self._http.build_request(method, url, **request), stream=stream)
        except httpx.HTTPError as error:
            raise RemoteStoreError(f"cannot reach the store at {self.url}: {error}") from None
        if response.is_success or (missing_ok and response.status_code == 404):
            return response
        message = response.read().decode("utf-8", "replace").strip()[:500]
        response.close()
        if response.status_code == 400 and service == self.layout.query:
            raise SyntaxError(message)
        raise RemoteStoreError(f"{method} {url} failed with HTTP {response.status_code}: {message}")


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes declared, except those it declares itself,
    so queries written for the embedded store (which predefines them) run unchanged. The
    declarations share the query's first line, so a server's error line numbers stay right."""
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(sparql)}
    return "".join(f"PREFIX {name}: <{iri}> " for name, iri in QUERY_PREFIXES.items() if name not in declared) + sparql


def _spooled(response: httpx.Response) -> IO[bytes]:
    """The response body in a file (memory first, disk past SPOOL_BYTES), so a large result
    streams through the parser instead of sitting in memory twice."""
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    try:
        for chunk in response.iter_bytes():
            body.write(chunk)
    finally:
        response.close()
    body.seek(0)
    return body
