"""The store as networkx sees it: entities as nodes, facts as edges, built once and cached.

SPARQL is the right tool for "who holds which office", but not for "how is X connected
to Y?" or "who is central?": those are graph algorithms, and networkx already has them.
So the store is projected once into a `networkx.MultiDiGraph`:

- nodes are entities (keyed by `Entity.key`) with label, type, aliases, Wikidata id and
  the articles that mention them;
- edges are facts, one per (subject, relation, object, status), carrying the highest
  confidence and the evidence (article, title, date, sentence) of every article that
  states it; an Office's `kg:officeOf` and a party's `kg:country` are edges too, so
  offices and parties connect to their countries;
- literals, articles, statement nodes and `rdf:type` stay out.

Building the projection reads the whole store (through `graph.read`), so it is cached,
keyed to the store's state (see `store_fingerprint`): in memory for the process and, for
a folder store, in `<store>/cache/` for the next `kg path`. Any build or remove changes
the fingerprint.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import re
import tempfile
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import networkx as nx

from graph import read
from graph.model import RELATIONS, STATUSES, fold, slug
from graph.read import ArticleInfo, key_of, local_name
from graph.remote import RemoteStore
from graph.store import Store

#: Entity links that are not facts but still connect things: Office → country, party → country.
STRUCTURAL_RELATIONS: tuple[str, ...] = ("officeOf", "country")
EDGE_RELATIONS: tuple[str, ...] = RELATIONS + STRUCTURAL_RELATIONS
ALL_STATUSES: frozenset[str] = frozenset(s for statuses in STATUSES.values() for s in statuses)

_CACHE_VERSION = 4
_MEMORY_CACHE_SIZE = 8


class NameNotFound(ValueError):
    """No entity has this name; `suggestions` holds the closest labels."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


class AmbiguousName(ValueError):
    """Several entities share this name; `candidates` lists their keys."""

    def __init__(self, name: str, candidates: list[str], described: list[str]):
        self.name, self.candidates = name, candidates
        listing = "; ".join(described)
        super().__init__(f"{name!r} is ambiguous: {listing}. Use the key (e.g. {candidates[0]!r}) instead")


# --- values -------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Where one fact is stated: the article and the sentence (None for entity links)."""

    article: str
    title: str | None
    date: str | None
    sentence: str | None
    confidence: float | None = None


@dataclass(frozen=True)
class Filters:
    """Which facts a projection keeps. Empty collections and None mean "no restriction".

    Status filtering keeps facts that carry no status (invitedTo, organizedBy, entity
    links), because "--status current" asks to drop former offices, not countries.
    Date and article filters apply to the evidence: a fact stays while at least one
    article in range states it.
    """

    relations: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    since: str | None = None
    until: str | None = None
    articles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = set(self.relations) - set(EDGE_RELATIONS)
        if unknown:
            raise ValueError(f"unknown relation(s) {', '.join(sorted(unknown))}; choose from {', '.join(EDGE_RELATIONS)}")
        unknown = set(self.statuses) - ALL_STATUSES
        if unknown:
            raise ValueError(f"unknown status(es) {', '.join(sorted(unknown))}; choose from {', '.join(sorted(ALL_STATUSES))}")
        for bound in (self.since, self.until):
            if bound is not None:
                date.fromisoformat(bound)  # ValueError names the bad date
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence {self.min_confidence} is not between 0 and 1")

    @property
    def restricts(self) -> bool:
        return self != Filters()

    def keeps_fact(self, relation: str, status: str | None) -> bool:
        if self.relations and relation not in self.relations:
            return False
        return not self.statuses or status is None or status in self.statuses

    def keeps_evidence(self, evidence: Evidence) -> bool:
        if self.articles and evidence.article not in self.articles:
            return False
        if evidence.confidence is not None and evidence.confidence < self.min_confidence:
            return False
        if self.since is None and self.until is None:
            return True
        if evidence.date is None:
            return False
        return (self.since is None or evidence.date >= self.since) and (self.until is None or evidence.date <= self.until)


@dataclass(frozen=True)
class EdgeFact:
    """One edge of the projection, in its true direction."""

    subject: str
    relation: str
    object: str
    status: str | None
    confidence: float
    evidence: tuple[Evidence, ...]


# --- the projection ------------------------------------------------------------------


@dataclass
class Projection:
    """The store as a networkx MultiDiGraph, plus the indexes queries need."""

    graph: nx.MultiDiGraph
    articles: dict[str, ArticleInfo]
    fingerprint: str = ""

    def __getstate__(self) -> dict:
        """Pickle only the data; the derived indexes are cheaper to rebuild than to load."""
        return {name: self.__dict__[name] for name in ("graph", "articles", "fingerprint")}

    @cached_property
    def undirected(self) -> nx.Graph:
        """One undirected edge per connected pair: what path search and centrality walk."""
        simple = nx.Graph()
        simple.add_nodes_from(self.graph)
        simple.add_edges_from((u, v) for u, v in self.graph.edges() if u != v)
        return simple

    @cached_property
    def names(self) -> dict[str, dict[str, set[str]]]:
        """Folded name → {tier → node keys}; tiers rank exact ids above labels above aliases."""
        index: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for node, data in self.graph.nodes(data=True):
            index[node.casefold()]["id"].add(node)
            if data.get("wikidata"):
                index[data["wikidata"].casefold()]["id"].add(node)
            index[_lookup_key(data["label"])]["label"].add(node)
            for alias in data.get("aliases", ()):
                index[_lookup_key(alias)]["alias"].add(node)
        return {name: dict(tiers) for name, tiers in index.items()}

    def label(self, node: str) -> str:
        return self.graph.nodes[node]["label"]

    def describe(self, node: str) -> str:
        """"Label (Type, key)": enough to tell two same-named entities apart."""
        data = self.graph.nodes[node]
        return f"{data['label']} ({data['type']}, {node})"

    def resolve(self, name: str) -> str:
        """The node key for a label, alias, Q-id or key; NameNotFound or AmbiguousName otherwise."""
        tiers = self.names.get(name.strip().casefold()) or self.names.get(_lookup_key(name))
        if not tiers:
            raise NameNotFound(name, self.suggestions(name))
        best = next(tier for tier in ("id", "label", "alias") if tier in tiers)
        matches = sorted(tiers[best])
        if len(matches) > 1:
            raise AmbiguousName(name, matches, [self.describe(m) for m in matches])
        return matches[0]

    @cached_property
    def _display(self) -> dict[str, tuple[str, frozenset[str]]]:
        """Lookup key of each label or alias → the label to suggest for it, and the name's words."""
        out: dict[str, tuple[str, frozenset[str]]] = {}
        for node in sorted(self.graph):
            data = self.graph.nodes[node]
            for name in (data["label"], *data["aliases"]):
                out.setdefault(_lookup_key(name), (data["label"], _words(name)))
        return out

    def suggestions(self, name: str, *, limit: int = 5) -> list[str]:
        """Labels containing every word of the name, then the closest spellings (difflib)."""
        words = _words(name)
        containing = [label for _, (label, known) in sorted(self._display.items()) if words and words <= known]
        close = [self._display[c][0] for c in difflib.get_close_matches(_lookup_key(name), list(self._display), n=limit,
                                                                        cutoff=0.6)]
        return list(dict.fromkeys(containing + close))[:limit]

    def resolve_article(self, article: str) -> str:
        """An article key from its key, slug or IRI; NameNotFound with suggestions otherwise."""
        if article in self.articles:
            return article
        wanted = slug(article.rsplit("/", 1)[-1])
        matches = [key for key in self.articles if slug(key) == wanted]
        if len(matches) == 1:
            return matches[0]
        raise NameNotFound(article, difflib.get_close_matches(article, list(self.articles), n=5, cutoff=0.4))

    def edge_facts(self, u: str, v: str) -> list[EdgeFact]:
        """Every fact between two nodes, either direction, best-supported first."""
        facts = [_edge_fact(a, b, data) for a, b in ((u, v), (v, u)) if self.graph.has_edge(a, b)
                 for data in self.graph[a][b].values()]
        return sorted(facts, key=lambda f: (-f.confidence, -len(f.evidence), f.relation, f.subject))

    def filtered(self, filters: Filters) -> "Projection":
        """A projection with only the facts and evidence the filters keep (all nodes stay)."""
        if not filters.restricts:
            return self
        graph = nx.MultiDiGraph()
        for node, data in self.graph.nodes(data=True):
            mentioned = tuple(a for a in data["articles"] if _article_in_range(self.articles.get(a), filters))
            graph.add_node(node, **{**data, "articles": mentioned})
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if not filters.keeps_fact(data["relation"], data["status"]):
                continue
            evidence = tuple(e for e in data["evidence"] if filters.keeps_evidence(e))
            if evidence:
                graph.add_edge(u, v, key=key, **{**data, "evidence": evidence,
                                                  "confidence": _best_confidence(evidence)})
        return Projection(graph, self.articles, self.fingerprint)


def _article_in_range(article: ArticleInfo | None, filters: Filters) -> bool:
    if article is None:
        return False
    return filters.keeps_evidence(Evidence(article.key, article.title, article.date, None))


def _best_confidence(evidence: Iterable[Evidence]) -> float:
    return max((e.confidence for e in evidence if e.confidence is not None), default=1.0)


def _edge_fact(u: str, v: str, data: dict) -> EdgeFact:
    return EdgeFact(u, data["relation"], v, data["status"], data["confidence"], data["evidence"])


def _lookup_key(name: str) -> str:
    """The key a name is looked up by: its folded form, or for a name without Latin letters
    or digits (which folds to nothing) the name itself, case folded."""
    return fold(name) or " ".join(name.casefold().split())


def _words(name: str) -> frozenset[str]:
    """The lookup keys of a name's words, for "contains every word" suggestions."""
    return frozenset(key for word in re.split(r"\W+", name) if word and (key := _lookup_key(word)))


def build_projection(store) -> Projection:
    """Read the store (embedded or remote) into a fresh Projection (no cache)."""
    articles = read.articles(store)
    graph = nx.MultiDiGraph()
    _add_entities(store, graph, articles)
    _add_statements(store, graph, articles)
    _add_links(store, graph, articles)
    _mark_ended(store, graph)
    return Projection(graph, {info.key: info for info in articles.values()})


def _add_entities(store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    """Every entity as a node; a label beyond the one the index chose becomes an alias."""
    names = read.names(store)
    mentions: dict[str, set[str]] = defaultdict(set)
    for article, entity in read.mentions(store):
        if article in articles:
            mentions[entity].add(articles[article].key)
    for iri, entity in read.entity_index(store).items():
        graph.add_node(key_of(iri), label=entity.label, type=entity.type,
                       aliases=tuple(sorted(names[iri] - {entity.label})), wikidata=entity.wikidata,
                       articles=tuple(sorted(mentions[iri])))


def _ensure_node(graph: nx.MultiDiGraph, node: str) -> None:
    """A fact may point at an entity no article describes; give it a readable stand-in."""
    if node not in graph:
        graph.add_node(node, label=node, type="Entity", aliases=(), wikidata=None, articles=())


def _add_edge_evidence(graph: nx.MultiDiGraph, subject: str, relation: str, obj: str, status: str | None,
                       evidence: Evidence) -> None:
    _ensure_node(graph, subject)
    _ensure_node(graph, obj)
    key = f"{relation}:{status}" if status else relation
    if graph.has_edge(subject, obj, key):
        data = graph[subject][obj][key]
        data["evidence"] = data["evidence"] + (evidence,)
        data["confidence"] = _best_confidence(data["evidence"])
    else:
        graph.add_edge(subject, obj, key=key, relation=relation, status=status, evidence=(evidence,),
                       confidence=_best_confidence((evidence,)))


def _add_statements(store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    for statement in read.statements(store):
        article = articles.get(statement.article)
        if article is None:
            continue
        evidence = Evidence(article.key, article.title, article.date, statement.text, statement.confidence)
        _add_edge_evidence(graph, key_of(statement.subject), statement.relation, key_of(statement.object),
                           statement.status, evidence)


def _mark_ended(store, graph: nx.MultiDiGraph) -> None:
    """Give each timed fact's edges `ended`: True when every tenure of the fact has ended
    (from the merged tenures, not one article's word); other edges get None."""
    ended: dict[tuple[str, str, str], bool] = {}
    for row in store.query(read.query_text("tenure-ends")):
        fact = (key_of(row["p"].value), local_name(row["rel"].value), key_of(row["o"].value))
        ended[fact] = ended.get(fact, True) and row["eb"] is not None
    for u, v, data in graph.edges(data=True):
        data["ended"] = ended.get((u, data["relation"], v))


def _add_links(store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    for article_iri, subject, predicate, obj in read.links(store):
        article = articles.get(article_iri)
        if article is None:
            continue
        _add_edge_evidence(graph, key_of(subject), local_name(predicate), key_of(obj), None,
                           Evidence(article.key, article.title, article.date, None))


# --- cache ------------------------------------------------------------------------------

_memory: "OrderedDict[tuple, Projection]" = OrderedDict()


def store_fingerprint(store: Store | RemoteStore) -> str:
    """A token that changes whenever the store's content can have changed.

    A folder store is fingerprinted by its triple count, graph names and the names,
    sizes and modification times of the database's files: every write appends to the
    write-ahead log or adds table files, while read-only opens touch nothing. An
    in-memory store has no files, so its quads are hashed (fine for the small graphs
    kept in memory). A remote store is known by its URL, triple count and graph names
    only, which is why its projection is cached in memory, never on disk.
    """
    digest = hashlib.sha1(f"v{_CACHE_VERSION}|{len(store)}".encode())
    for graph_iri in store.graph_iris():
        digest.update(graph_iri.encode() + b"\n")
    if isinstance(store, RemoteStore):
        digest.update(f"remote:{store.url}".encode())
        return digest.hexdigest()
    if store.location is None:
        digest.update(f"memory:{id(store.db)}".encode())
        for quad in store.db.quads_for_pattern(None, None, None, None):
            digest.update(str(quad).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    database = store.location / "oxigraph"
    digest.update(str(database.resolve()).encode())
    for entry in sorted(os.scandir(database), key=lambda e: e.name):
        if entry.is_file():
            stat = entry.stat()
            digest.update(f"{entry.name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _cache_file(store: Store | RemoteStore) -> Path | None:
    if isinstance(store, RemoteStore) or store.location is None:
        return None
    return store.location / "cache" / "projection.pickle"


def _load_cached(path: Path | None, fingerprint: str) -> Projection | None:
    """The pickled projection if it was made from this exact store state.

    The file lives inside the store folder, so it is trusted like the store itself.
    """
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            version, saved_fingerprint, projection = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if version != _CACHE_VERSION or saved_fingerprint != fingerprint:
        return None
    return projection


def _save_cached(path: Path | None, projection: Projection) -> None:
    """Write atomically; a store folder we cannot write to just goes uncached."""
    if path is None:
        return
    try:
        path.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".projection-", delete=False) as handle:
            pickle.dump((_CACHE_VERSION, projection.fingerprint, projection), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        return


def _remember(key: tuple, projection: Projection) -> Projection:
    _memory[key] = projection
    _memory.move_to_end(key)
    while len(_memory) > _MEMORY_CACHE_SIZE:
        _memory.popitem(last=False)
    return projection


def clear_memory_cache() -> None:
    _memory.clear()


def project(store: Store | RemoteStore, *, filters: Filters = Filters()) -> Projection:
    """The store's projection with these filters, from the cache when the store is unchanged."""
    fingerprint = store_fingerprint(store)
    if (fingerprint, filters) in _memory:
        return _remember((fingerprint, filters), _memory[(fingerprint, filters)])
    base = _memory.get((fingerprint, Filters()))
    if base is None:
        base = _load_cached(_cache_file(store), fingerprint)
        if base is None:
            base = build_projection(store)
            base.fingerprint = fingerprint
            _save_cached(_cache_file(store), base)
        _remember((fingerprint, Filters()), base)
    return _remember((fingerprint, filters), base.filtered(filters))

