"""The embedded Oxigraph store: one named graph per article, queried as their union.

Why Oxigraph: measured here on 1M triples it loads 7× faster than rdflib's in-memory
graph and answers SPARQL 40–200× faster. rdflib stays for parsing, serialising and SHACL.

Layout of a store folder: `oxigraph/` (the database) and `write.lock`. Writers hold an
exclusive lock for the whole build; readers take a shared one, so a query during a build
gets a clear message instead of reading a database mid-write (which Oxigraph calls
undefined behaviour). Replacing an article is one transaction: a crash leaves either the
old graph or the new one, never half of each and never duplicates.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import IO, Iterator

import pyoxigraph as ox

from graph.terms import DATA_PREFIXES, PREFIXES

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"nquads", "trig"}
#: Predefined in every query, so queries need no PREFIX lines.
QUERY_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items()}


class StoreBusy(RuntimeError):
    """Another process holds the store's lock."""


class Store:
    """A folder-backed (or in-memory, with `location=None`) Oxigraph dataset."""

    def __init__(self, location: str | Path | None, *, write: bool = False, wait: float = 0.0):
        self.location = Path(location) if location is not None else None
        self._lock_handle: IO | None = None
        self.writable = write or location is None
        if self.location is None:
            self.db = ox.Store()
            return
        if not write and not (self.location / "oxigraph").is_dir():
            raise FileNotFoundError(f"no store at {self.location}: build one first with `kg build PATH`")
        self.location.mkdir(parents=True, exist_ok=True)
        self._lock(exclusive=write, wait=wait)
        try:
            path = str(self.location / "oxigraph")
            self.db = ox.Store(path) if write else ox.Store.read_only(path)
        except OSError as error:
            self.close()
            raise StoreBusy(f"cannot open the store at {self.location}: {error}") from None

    def _lock(self, *, exclusive: bool, wait: float) -> None:
        handle = open(self.location / "write.lock", "a+")
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    if exclusive:
                        raise StoreBusy(f"the store at {self.location} is in use: another build is writing to it, or "
                                        "kg serve / kg query is reading it; wait for it to finish, or use --wait SECONDS") from None
                    raise StoreBusy(f"a build is writing to the store at {self.location}; try again when it finishes") from None
                time.sleep(0.2)
        self._lock_handle = handle

    def close(self) -> None:
        if getattr(self, "db", None) is not None and self.location is not None and self.writable:
            self.db.flush()
        self.db = None
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Put these triples in the named graph, replacing what it held, in one transaction."""
        self.db.update(f"DROP SILENT GRAPH <{graph_iri}> ; INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}")

    def bulk_replace(self, graphs: dict[str, str]) -> None:
        """Many articles at once: drop their old graphs, then bulk-load the new triples.

        Faster than `replace_graph` per article for large batches, but not one
        transaction: an interrupted batch is repaired by re-running the build, which
        replaces the same graphs.
        """
        for graph_iri in graphs:
            self.remove_graph(graph_iri)
        self.db.bulk_extend(quad for graph_iri, nt in graphs.items() for quad in _quads(graph_iri, nt))

    def add_to_graphs(self, graphs: dict[str, str]) -> None:
        """Add triples (N-Triples by graph IRI) to named graphs, all in one transaction."""
        body = " ".join(f"GRAPH <{graph_iri}> {{\n{ntriples}\n}}" for graph_iri, ntriples in graphs.items())
        self.db.update(f"INSERT DATA {{ {body} }}")

    def remove_graph(self, graph_iri: str) -> bool:
        graph = ox.NamedNode(graph_iri)
        if not self.db.contains_named_graph(graph):
            return False
        self.db.remove_graph(graph)
        return True

    def clear(self) -> None:
        self.db.clear()

    def optimize(self) -> None:
        self.db.optimize()

    # --- reading ----------------------------------------------------------------------

    def query(self, sparql: str, **kwargs):
        """Run SPARQL over the union of all article graphs."""
        return self.db.query(sparql, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES, **kwargs)

    def graph_iris(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs())

    def __len__(self) -> int:
        return len(self.db)

    def dump(self, output: IO[bytes] | str | os.PathLike, fmt: str = "turtle") -> None:
        """Write the store in one RDF format. Triple formats get the union of the graphs."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if fmt in QUAD_FORMATS:
            self.db.dump(output, format=FORMATS[fmt], prefixes=DATA_PREFIXES if fmt == "trig" else None)
            return
        triples = self._union_triples()
        ox.serialize(triples, output, format=FORMATS[fmt], prefixes=DATA_PREFIXES if fmt == "turtle" else None)

    def _union_triples(self) -> Iterator[ox.Triple]:
        seen: set = set()
        for quad in self.db.quads_for_pattern(None, None, None, None):
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple


def _quads(graph_iri: str, ntriples: str) -> Iterator[ox.Quad]:
    graph = ox.NamedNode(graph_iri)
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)
