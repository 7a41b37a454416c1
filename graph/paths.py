"""The graph as networkx sees it: entities as nodes, facts as edges, and what that answers.

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

Building the projection reads the whole store, so it is cached, keyed to the store's
state (see `store_fingerprint`): in memory for the process and, for a folder store, in
`<store>/cache/` for the next `kg path`. Any build or remove changes the fingerprint.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import networkx as nx

from graph.model import RELATIONS, STATUSES, slug
from graph.store import Store
from graph.terms import RESOURCE

#: Types that paths may pass through only when asked (`through=`): hubs of shared context
#: ("both attended the 2025 NATO summit", "both held the office of ...").
INTERMEDIATE_TYPES: frozenset[str] = frozenset({"Summit", "Office", "PoliticalParty"})
#: Entity links that are not facts but still connect things: Office → country, party → country.
STRUCTURAL_RELATIONS: tuple[str, ...] = ("officeOf", "country")
EDGE_RELATIONS: tuple[str, ...] = RELATIONS + STRUCTURAL_RELATIONS
ALL_STATUSES: frozenset[str] = frozenset(s for statuses in STATUSES.values() for s in statuses)
CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")

_CACHE_VERSION = 1
_MEMORY_CACHE_SIZE = 8
_ENTITY_TYPES_SPARQL = "kg:Person kg:Office kg:PoliticalParty kg:Summit kg:Country kg:Organization"

# Small single-pattern queries joined in Python: Oxigraph answers them several times
# faster than one star-shaped join (measured on the 1M-triple benchmark graph).
_TYPES = f"SELECT DISTINCT ?e ?type WHERE {{ ?e a ?type . VALUES ?type {{ {_ENTITY_TYPES_SPARQL} }} }}"
_LABELS = "SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label }"
_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_SAME_AS = "SELECT DISTINCT ?e ?same WHERE { ?e owl:sameAs ?same }"
_ARTICLES = """SELECT ?a ?key ?title ?date WHERE { ?a a kg:Article ; kg:key ?key .
  OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:datePublished ?date } }"""
_MENTIONS = "SELECT ?a ?e WHERE { ?a kg:mentions ?e }"
# A statement lives in its article's named graph, so GRAPH ?a names the article.
_STATEMENTS = """SELECT ?a ?s ?p ?o ?status ?confidence ?text WHERE { GRAPH ?a {
  ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?confidence ; kg:evidenceText ?text .
  OPTIONAL { ?f kg:status ?status } } }"""
_LINKS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o . VALUES ?p { kg:officeOf kg:country } } }"


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
class ArticleInfo:
    key: str
    title: str | None
    date: str | None


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


@dataclass(frozen=True)
class Step:
    """One hop of a path, walked from `source` to `target`; `facts[0]` is the best-supported."""

    source: str
    target: str
    facts: tuple[EdgeFact, ...]

    @property
    def forward(self) -> bool:
        return self.facts[0].subject == self.source


@dataclass(frozen=True)
class RelationPath:
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def hops(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class PathResult:
    source: str
    target: str
    max_hops: int
    paths: tuple[RelationPath, ...]


@dataclass(frozen=True)
class Neighbour:
    node: str
    distance: int
    via: tuple[str, ...]  # the nodes between the centre and this one


@dataclass(frozen=True)
class Neighbourhood:
    center: str
    hops: int
    neighbours: tuple[Neighbour, ...]


# --- the projection ------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to match names."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


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
            index[fold(data["label"])]["label"].add(node)
            for alias in data.get("aliases", ()):
                index[fold(alias)]["alias"].add(node)
        return {name: dict(tiers) for name, tiers in index.items()}

    def label(self, node: str) -> str:
        return self.graph.nodes[node]["label"]

    def describe(self, node: str) -> str:
        """"Label (Type, key)": enough to tell two same-named entities apart."""
        data = self.graph.nodes[node]
        return f"{data['label']} ({data['type']}, {node})"

    def resolve(self, name: str) -> str:
        """The node key for a label, alias, Q-id or key; NameNotFound or AmbiguousName otherwise."""
        tiers = self.names.get(name.strip().casefold()) or self.names.get(fold(name))
        if not tiers:
            raise NameNotFound(name, self.suggestions(name))
        best = next(tier for tier in ("id", "label", "alias") if tier in tiers)
        matches = sorted(tiers[best])
        if len(matches) > 1:
            raise AmbiguousName(name, matches, [self.describe(m) for m in matches])
        return matches[0]

    @cached_property
    def _display(self) -> dict[str, str]:
        """Folded label or alias → the label to suggest for it."""
        out: dict[str, str] = {}
        for node in sorted(self.graph):
            data = self.graph.nodes[node]
            for name in (data["label"], *data["aliases"]):
                out.setdefault(fold(name), data["label"])
        return out

    def suggestions(self, name: str, *, limit: int = 5) -> list[str]:
        """Labels containing every word of the name, then the closest spellings (difflib)."""
        folded = fold(name)
        words = set(folded.split())
        containing = [label for key, label in sorted(self._display.items()) if words and words <= set(key.split())]
        close = [self._display[c] for c in difflib.get_close_matches(folded, list(self._display), n=limit, cutoff=0.6)]
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


def _local(iri: str) -> str:
    """An entity's key from its IRI (IRIs outside the project's namespace stay whole)."""
    return iri[len(str(RESOURCE)):] if iri.startswith(str(RESOURCE)) else iri


def _term_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def build_projection(store: Store) -> Projection:
    """Read the store into a fresh Projection (no cache)."""
    articles = _read_articles(store)
    graph = nx.MultiDiGraph()
    _add_entities(store, graph, articles)
    _add_statements(store, graph, articles)
    _add_links(store, graph, articles)
    return Projection(graph, {info.key: info for info in articles.values()})


def _read_articles(store: Store) -> dict[str, ArticleInfo]:
    """Article IRI → its key, headline and date."""
    out = {}
    for row in store.query(_ARTICLES):
        title, day = row["title"], row["date"]
        out[row["a"].value] = ArticleInfo(row["key"].value, title.value if title else None, day.value if day else None)
    return out


def _add_entities(store: Store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    types = {_local(row["e"].value): _term_name(row["type"].value) for row in store.query(_TYPES)}
    labels: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_LABELS):
        labels[_local(row["e"].value)].append(row["label"].value)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_ALIASES):
        aliases[_local(row["e"].value)].append(row["alias"].value)
    wikidata = {_local(row["e"].value): row["same"].value.rsplit("/", 1)[-1]
                for row in store.query(_SAME_AS) if "wikidata.org/entity/" in row["same"].value}
    mentions: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_MENTIONS):
        article = articles.get(row["a"].value)
        if article is not None:
            mentions[_local(row["e"].value)].add(article.key)
    for node, entity_type in types.items():
        label, *others = sorted(set(labels[node])) or [node]
        graph.add_node(node, label=label, type=entity_type,
                       aliases=tuple(sorted(set(aliases[node] + others) - {label})),
                       wikidata=wikidata.get(node), articles=tuple(sorted(mentions[node])))


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


def _add_statements(store: Store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    for row in store.query(_STATEMENTS):
        article = articles.get(row["a"].value)
        if article is None:
            continue
        status = row["status"]
        evidence = Evidence(article.key, article.title, article.date, row["text"].value, float(row["confidence"].value))
        _add_edge_evidence(graph, _local(row["s"].value), _term_name(row["p"].value), _local(row["o"].value),
                           status.value if status else None, evidence)


def _add_links(store: Store, graph: nx.MultiDiGraph, articles: dict[str, ArticleInfo]) -> None:
    for row in store.query(_LINKS):
        article = articles.get(row["g"].value)
        if article is None:
            continue
        _add_edge_evidence(graph, _local(row["s"].value), _term_name(row["p"].value), _local(row["o"].value), None,
                           Evidence(article.key, article.title, article.date, None))


# --- cache ------------------------------------------------------------------------------

_memory: "OrderedDict[tuple, Projection]" = OrderedDict()


def store_fingerprint(store: Store) -> str:
    """A token that changes whenever the store's content can have changed.

    A folder store is fingerprinted by its triple count, graph names and the names,
    sizes and modification times of the database's files: every write appends to the
    write-ahead log or adds table files, while read-only opens touch nothing. An
    in-memory store has no files, so its quads are hashed (fine for the small graphs
    kept in memory).
    """
    digest = hashlib.sha1(f"v{_CACHE_VERSION}|{len(store)}".encode())
    for graph_iri in store.graph_iris():
        digest.update(graph_iri.encode() + b"\n")
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


def _cache_file(store: Store) -> Path | None:
    return None if store.location is None else store.location / "cache" / "projection.pickle"


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


def project(store: Store, *, filters: Filters = Filters()) -> Projection:
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


# --- paths ------------------------------------------------------------------------------


def _walkable(projection: Projection, ends: set[str], through: Collection[str], max_degree: int | None):
    """The node filter for path interiors: intermediate types only when allowed, no hubs."""
    nodes, degree = projection.graph.nodes, projection.undirected.degree
    blocked_types = INTERMEDIATE_TYPES - set(through)

    def allowed(node: str) -> bool:
        if node in ends:
            return True
        if nodes[node]["type"] in blocked_types:
            return False
        return max_degree is None or degree[node] <= max_degree
    return allowed


def find_paths(projection: Projection, source: str, target: str, *, k: int = 3, max_hops: int = 4,
               through: Collection[str] = INTERMEDIATE_TYPES, max_degree: int | None = None) -> PathResult:
    """The k shortest simple paths between two named entities, edges walked either way.

    Paths may pass through Summits, Offices and PoliticalParties of the types in
    `through`; nodes with more than `max_degree` neighbours (hubs such as a country
    every official belongs to) are not used as intermediate steps.
    """
    if k < 1 or max_hops < 1:
        raise ValueError("k and max_hops must be at least 1")
    unknown = set(through) - INTERMEDIATE_TYPES
    if unknown:
        raise ValueError(f"cannot route through {', '.join(sorted(unknown))}; choose from {', '.join(sorted(INTERMEDIATE_TYPES))}")
    start, end = projection.resolve(source), projection.resolve(target)
    if start == end:
        raise ValueError(f"{source!r} and {target!r} are the same entity ({start})")
    view = nx.subgraph_view(projection.undirected, filter_node=_walkable(projection, {start, end}, through, max_degree))
    found = []
    for nodes in _shortest_simple_paths(view, start, end):
        if len(nodes) - 1 > max_hops or len(found) == k:
            break
        found.append(_path(projection, nodes))
    return PathResult(start, end, max_hops, tuple(found))


def _shortest_simple_paths(graph: nx.Graph, start: str, end: str) -> Iterator[list[str]]:
    try:
        yield from nx.shortest_simple_paths(graph, start, end)
    except nx.NetworkXNoPath:
        return


def _path(projection: Projection, nodes: list[str]) -> RelationPath:
    steps = tuple(Step(u, v, tuple(projection.edge_facts(u, v))) for u, v in zip(nodes, nodes[1:]))
    return RelationPath(tuple(nodes), steps)


def neighbors(projection: Projection, name: str, *, hops: int = 1) -> Neighbourhood:
    """Everything within `hops` of an entity, nearest first, with the nodes in between."""
    if hops < 1:
        raise ValueError("hops must be at least 1")
    center = projection.resolve(name)
    routes = nx.single_source_shortest_path(projection.undirected, center, cutoff=hops)
    found = [Neighbour(node, len(route) - 1, tuple(route[1:-1])) for node, route in routes.items() if node != center]
    found.sort(key=lambda n: (n.distance, projection.graph.nodes[n.node]["type"], projection.label(n.node)))
    return Neighbourhood(center, hops, tuple(found))


def central(projection: Projection, *, by: str = "degree", top: int = 10,
            types: Collection[str] = ()) -> list[tuple[str, float]]:
    """The top entities by degree, PageRank or betweenness centrality (networkx's).

    All three are computed on the undirected view: being attended and attending both
    make an entity part of the story. Betweenness is exact up to 1,000 nodes and
    estimated from 500 seeded samples above that, since it costs O(nodes × edges).
    """
    graph = projection.undirected
    if by == "degree":
        scores = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    elif by == "pagerank":
        scores = nx.pagerank(graph) if len(graph) else {}
    elif by == "betweenness":
        sample = 500 if len(graph) > 1000 else None
        scores = nx.betweenness_centrality(graph, k=sample, seed=0 if sample else None)
    else:
        raise ValueError(f"unknown centrality {by!r}; choose from {', '.join(CENTRALITY_MEASURES)}")
    wanted = set(types)
    ranked = [(node, score) for node, score in scores.items()
              if not wanted or projection.graph.nodes[node]["type"] in wanted]
    ranked.sort(key=lambda item: (-item[1], projection.label(item[0])))
    return ranked[:top]


# --- presenting -----------------------------------------------------------------------


def shorten(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def fact_phrase(relation: str, status: str | None) -> str:
    """"attends (planned)": the relation, with the status when there is one."""
    return relation + (f" ({status})" if status else "")


def arrow(fact: EdgeFact, walked_from: str) -> str:
    """"—rel→" walking with the fact, "←rel—" walking against it."""
    phrase = fact_phrase(fact.relation, fact.status)
    return f"—{phrase}→" if fact.subject == walked_from else f"←{phrase}—"


def step_text(projection: Projection, step: Step) -> str:
    return f"{projection.label(step.source)} {arrow(step.facts[0], step.source)} {projection.label(step.target)}"


def path_text(projection: Projection, path: RelationPath) -> str:
    parts = [projection.label(path.nodes[0])]
    for step in path.steps:
        parts += [arrow(step.facts[0], step.source), projection.label(step.target)]
    return " ".join(parts)


def evidence_lines(evidence: Iterable[Evidence], *, limit: int = 2, indent: str = "      ") -> list[str]:
    items = list(evidence)
    lines = []
    for item in items[:limit]:
        source = ", ".join(part for part in (item.title or item.article, item.date) if part)
        if item.sentence:
            lines.append(f"{indent}“{shorten(item.sentence)}”")
            lines.append(f"{indent}  — {source}")
        else:
            lines.append(f"{indent}(entity link stated in {source})")
    if len(items) > limit:
        lines.append(f"{indent}(+{len(items) - limit} more article(s))")
    return lines


def format_paths(projection: Projection, result: PathResult) -> str:
    """The paths as text: the chain, then each step with its evidence beneath it."""
    head = f"{projection.label(result.source)} → {projection.label(result.target)}"
    if not result.paths:
        return f"{head}: no path within {result.max_hops} hops"
    lines = [f"{head}: {len(result.paths)} path(s) within {result.max_hops} hops"]
    for number, path in enumerate(result.paths, 1):
        lines += ["", f"{number}. {path_text(projection, path)}  [{path.hops} hop(s)]"]
        for step in path.steps:
            also = [arrow(f, step.source) for f in step.facts[1:]]
            lines.append(f"   {step_text(projection, step)}" + (f"   (also: {', '.join(also)})" if also else ""))
            lines += evidence_lines(step.facts[0].evidence)
    return "\n".join(lines)


def node_json(projection: Projection, node: str) -> dict:
    data = projection.graph.nodes[node]
    return {"id": node, "label": data["label"], "type": data["type"], "aliases": list(data["aliases"]),
            "wikidata": data["wikidata"]}


def fact_json(fact: EdgeFact) -> dict:
    return {"subject": fact.subject, "relation": fact.relation, "object": fact.object, "status": fact.status,
            "confidence": fact.confidence,
            "evidence": [{"article": e.article, "title": e.title, "date": e.date, "sentence": e.sentence,
                          "confidence": e.confidence} for e in fact.evidence]}


def paths_json(projection: Projection, result: PathResult) -> dict:
    """The same content as `format_paths`, as JSON-ready data."""
    return {
        "source": node_json(projection, result.source),
        "target": node_json(projection, result.target),
        "max_hops": result.max_hops,
        "paths": [{
            "hops": path.hops,
            "text": path_text(projection, path),
            "nodes": [node_json(projection, n) for n in path.nodes],
            "steps": [{"from": step.source, "to": step.target, "direction": "forward" if step.forward else "backward",
                       "text": step_text(projection, step), **fact_json(step.facts[0]),
                       "also": [fact_json(f) for f in step.facts[1:]]} for step in path.steps],
        } for path in result.paths],
    }


def format_neighbors(projection: Projection, hood: Neighbourhood) -> str:
    center = projection.graph.nodes[hood.center]
    lines = [f"{center['label']} ({center['type']}): {len(hood.neighbours)} neighbour(s) within {hood.hops} hop(s)"]
    for item in hood.neighbours:
        data = projection.graph.nodes[item.node]
        name = f"{data['label']} ({data['type']})"
        if item.distance == 1:
            facts = projection.edge_facts(hood.center, item.node)
            how = "; ".join(step_text(projection, Step(hood.center, item.node, (f,))) for f in facts)
        else:
            how = "via " + " → ".join(projection.label(n) for n in item.via)
        lines.append(f"  {item.distance}  {name:48} {how}")
    return "\n".join(lines)


def neighbors_json(projection: Projection, hood: Neighbourhood) -> dict:
    return {"center": node_json(projection, hood.center), "hops": hood.hops,
            "neighbours": [{**node_json(projection, n.node), "distance": n.distance, "via": list(n.via),
                            "facts": [fact_json(f) for f in projection.edge_facts(hood.center, n.node)]
                            if n.distance == 1 else []} for n in hood.neighbours]}


def format_central(projection: Projection, ranked: list[tuple[str, float]], by: str) -> str:
    lines = [f"{'rank':>4}  {by:>11}  entity"]
    for rank, (node, score) in enumerate(ranked, 1):
        data = projection.graph.nodes[node]
        lines.append(f"{rank:>4}  {score:>11.4f}  {data['label']} ({data['type']})")
    return "\n".join(lines)
