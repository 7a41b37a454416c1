"""How entities are connected, and who is central: networkx over the store's projection.

`graph.projection` turns the store into a graph of entities and facts; this module
answers questions of graph shape on it (k shortest paths, neighbourhoods, centrality)
and says the answers as text or JSON, each step with the evidence that states it.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from graph.projection import EdgeFact, Evidence, Projection

#: Types that paths may pass through only when asked (`through=`): hubs of shared context
#: ("both attended the 2025 NATO summit", "both held the office of ...").
INTERMEDIATE_TYPES: frozenset[str] = frozenset({"Summit", "Office", "PoliticalParty"})
CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")


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
