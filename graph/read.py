"""The read model: what the stages after the store ask of it, each question one packaged query.

`export`, `paths`, the server and the views all read entities, articles and statements
through these functions, so a query is written once (in `graph/queries/*.rq`) and tuned
once. They take the embedded `Store` or a `RemoteStore` alike: both answer SPARQL over the
union of the article graphs with the project's prefixes predefined.

Why small queries joined in Python rather than one star-shaped join: every article graph
repeats an entity's label, type and sameAs, so joins over the union multiply rows by the
number of articles that name an entity; single patterns made distinct stay linear
(measured on the 1M-triple benchmark graph).
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox

from graph.terms import RESOURCE, WD

@dataclass(frozen=True)
class EntityInfo:
    """An entity as lists and tables show it."""

    iri: str
    type: str  # local name of its kg: class, e.g. "Person"
    label: str
    wikidata: str | None = None  # Q-id


@dataclass(frozen=True)
class ArticleInfo:
    iri: str
    key: str
    title: str | None
    date: str | None
    url: str | None = None  # where it was published, for links to the original


@dataclass(frozen=True)
class Statement:
    """One kg:Statement: a fact as one article states it, with its evidence."""

    iri: str
    article: str  # the article's IRI (which also names its graph)
    subject: str
    predicate: str
    object: str
    status: str | None
    confidence: float
    text: str
    start: int | None
    end: int | None
    extractor: str | None

    @property
    def relation(self) -> str:
        return local_name(self.predicate)


@functools.cache
def query_text(name: str) -> str:
    """The SPARQL of a packaged query, `graph/queries/<name>.rq`."""
    return files("graph").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def with_values(sparql: str, variable: str, iris: Iterable[str]) -> str:
    """The query with `variable` bound to these IRIs by a VALUES clause at the top of its WHERE.

    Not Oxigraph's `substitutions`, which it applies after matching (measured: 1.9 s
    against 1 ms for a VALUES clause on a million triples). Each IRI goes through
    ox.NamedNode, which refuses anything that is not an IRI, so none can break out.
    """
    return _with_terms(sparql, variable, [str(ox.NamedNode(iri)) for iri in iris])


def with_literals(sparql: str, variable: str, texts: Iterable[str]) -> str:
    """The query with `variable` bound to these plain literals, escaped by ox.Literal."""
    return _with_terms(sparql, variable, [str(ox.Literal(text)) for text in texts])


def _with_terms(sparql: str, variable: str, terms: list[str]) -> str:
    return sparql.replace("WHERE {", f"WHERE {{ VALUES ?{variable} {{ {' '.join(terms)} }}", 1)


def local_name(iri: str) -> str:
    """The name after the last `#` or `/`: a term's name in its vocabulary."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def key_of(iri: str) -> str:
    """An entity's key from its IRI (IRIs outside the project's namespace stay whole)."""
    return iri[len(str(RESOURCE)):] if iri.startswith(str(RESOURCE)) else iri


def _value(term) -> str | None:
    return None if term is None else term.value


def _int(term) -> int | None:
    return None if term is None else int(term.value)


# --- entities -------------------------------------------------------------------------


def wikidata_ids(store) -> dict[str, str]:
    """Entity IRI → its Wikidata Q-id, for the entities linked to one."""
    return {row["e"].value: row["same"].value[len(WD):] for row in store.query(query_text("same-as"))
            if row["same"].value.startswith(WD)}


def entity_index(store, *, wikidata: bool = True) -> dict[str, EntityInfo]:
    """IRI → EntityInfo of every labelled entity, in the order the store lists entities;
    `wikidata=False` skips the Q-ids' query."""
    labels = {row["e"].value: row["label"].value for row in store.query(query_text("labels"))}
    qids = wikidata_ids(store) if wikidata else {}
    index = {}
    for row in store.query(query_text("entity-types")):
        iri = row["e"].value
        if iri in labels:
            index[iri] = EntityInfo(iri, local_name(row["type"].value), labels[iri], qids.get(iri))
    return index


def names(store) -> dict[str, set[str]]:
    """IRI → every label and alternative label of the resource."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.query(query_text("names")):
        found[row["e"].value].add(row["name"].value)
    return found


def labels_of(store, iris: set[str]) -> dict[str, str]:
    """IRI → label (the alphabetically first, when graphs disagree) for the IRIs that have one."""
    if not iris:
        return {}
    rows = store.query(with_values(query_text("labels"), "e", sorted(iris)))
    return {row["e"].value: row["label"].value for row in rows if row["label"] is not None}


def properties(store, iri: str) -> dict[str, list]:
    """Predicate IRI → distinct objects (pyoxigraph terms) of one resource, across all graphs."""
    found: dict[str, list] = defaultdict(list)
    for row in store.query(with_values(query_text("properties"), "e", [iri])):
        found[row["p"].value].append(row["o"])
    return found


# --- articles -------------------------------------------------------------------------


def articles(store, iris: Iterable[str] | None = None) -> dict[str, ArticleInfo]:
    """Article IRI → its key, headline, date and URL; all articles, or only these."""
    sparql = query_text("articles") if iris is None else with_values(query_text("articles"), "article", sorted(iris))
    return {row["article"].value: ArticleInfo(row["article"].value, row["key"].value, _value(row["title"]),
                                              _value(row["date"]), _value(row["url"]))
            for row in store.query(sparql)}


def mentions(store, *, entity: str | None = None) -> Iterator[tuple[str, str]]:
    """(article IRI, entity IRI) for every mention, or for the mentions of one entity."""
    sparql = query_text("mentions") if entity is None else with_values(query_text("mentions"), "e", [entity])
    for row in store.query(sparql):
        yield row["article"].value, row["e"].value


# --- what incremental builds compare ------------------------------------------------------


def content_hashes(store, iris: Iterable[str]) -> dict[str, str]:
    """Article (or copy) IRI → its stored content hash, for those of these IRIs the store has."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    return {row["a"].value: row["hash"].value for row in store.query(with_values(query_text("content-hashes"), "a", wanted))}


def validators(store, article: str) -> dict[str, str]:
    """The ETag and Last-Modified ("etag", "last_modified") an article's page was fetched with;
    empty when there are none, or the article is not completely stored."""
    for row in store.query(with_values(query_text("validators"), "a", [article])):
        return {name: row[column].value for name, column in (("etag", "etag"), ("last_modified", "modified"))
                if row[column] is not None}
    return {}


def web_prints(store) -> Iterator[tuple[str, str]]:
    """(key, text print) of every stored article that has one (those with a URL)."""
    for row in store.query(query_text("text-prints")):
        yield row["key"].value, row["print"].value


def copies_of(store, article: str) -> list[str]:
    """The IRIs (graph names) of the copies of one article: the same story at other URLs."""
    return [row["c"].value for row in store.query(with_values(query_text("copies"), "article", [article]))]


def extractor_versions(store) -> dict[str, int]:
    """Extractor version → how many articles it built ("" for articles that record none)."""
    return {row["version"].value: int(row["n"].value) for row in store.query(query_text("extractor-versions"))}


# --- statements ----------------------------------------------------------------------


def statements(store, *, entity: str | None = None, article: str | None = None,
               iris: Iterable[str] | None = None) -> Iterator[Statement]:
    """Every statement, or those about one entity (as subject or object), or those of one
    article, or those with these IRIs; streamed."""
    if sum(given is not None for given in (entity, article, iris)) > 1:
        raise ValueError("give an entity, an article or statement IRIs, not several")
    sparql = query_text("statements")
    if article is not None:
        sparql = with_values(sparql, "article", [article])
    elif entity is not None or iris is not None:
        about = sorted(iris) if iris is not None else [
            row["f"].value for row in store.query(with_values(query_text("statements-about"), "e", [entity]))]
        if not about:
            return
        sparql = with_values(sparql, "f", about)
    for row in store.query(sparql):
        yield Statement(row["f"].value, row["article"].value, row["s"].value, row["p"].value, row["o"].value,
                        _value(row["status"]), float(row["confidence"].value), row["text"].value, _int(row["start"]),
                        _int(row["end"]), _value(row["extractor"]))


def links(store) -> Iterator[tuple[str, str, str, str]]:
    """(article IRI, subject, predicate, object) of every officeOf and country link."""
    for row in store.query(query_text("links")):
        yield row["article"].value, row["s"].value, row["p"].value, row["o"].value


# --- statistics ---------------------------------------------------------------------


def statistics(store) -> dict:
    """Articles, entities by type, facts by relation, and triples (quads) in the store."""
    types = {local_name(row["type"].value): int(row["n"].value) for row in store.query(query_text("entity-counts"))}
    relations = {local_name(row["p"].value): int(row["n"].value) for row in store.query(query_text("relation-counts"))}
    articles_n = next(iter(store.query(query_text("article-count"))))["n"].value
    return {"articles": int(articles_n), "entities": dict(sorted(types.items())),
            "facts": dict(sorted(relations.items())), "triples": len(store)}

