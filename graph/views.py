"""Interactive HTML views of the projection, drawn by pyvis/vis-network, that work offline.

pyvis builds the node, edge and option data; the page around it is ours, because
pyvis's own template links Bootstrap and tom-select from CDNs even with
`cdn_resources="in_line"` (pyvis#228, #229) and re-renders physics forever (pyvis#88).
Here vis-network's JavaScript and CSS are inlined (or, for a `--site`, copied next to
the pages), so nothing is fetched from anywhere.

Safety: entity labels, aliases, evidence sentences and article titles come from news
text. The graph data travels as JSON inside `<script type="application/json">` (Jinja's
`tojson` escapes `<`, `>`, `&` and `'`), node labels are drawn on a canvas, and the
details panel is built from DOM text nodes; no vis `title` (which vis renders as HTML)
is set. The page's own text is HTML-escaped by Jinja's autoescaping.

Physics: small views let vis-network settle the layout and then switch physics off;
larger ones get positions from networkx (ForceAtlas2) and never run physics, so a
500-node view draws at once instead of spinning (pyvis#204).
"""
from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from graph.paths import INTERMEDIATE_TYPES, central, fact_phrase, find_paths
from graph.projection import Filters, Projection
from graph.templating import static_text, template

TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Country": ("hexagon", "#59a14f"),
    "Office": ("triangle", "#f28e2b"),
    "PoliticalParty": ("diamond", "#e15759"),
    "Summit": ("star", "#b07aa1"),
    "Organization": ("square", "#76b7b2"),
    "Entity": ("dot", "#9c9c9c"),
}
#: CSS shapes for the legend, matching vis-network's node shapes.
LEGEND_CLIPS: dict[str, str] = {
    "dot": "circle(50%)",
    "square": "inset(8%)",
    "triangle": "polygon(50% 4%, 98% 96%, 2% 96%)",
    "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    "star": "polygon(50% 0%, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)",
    "hexagon": "polygon(25% 6%, 75% 6%, 100% 50%, 75% 94%, 25% 94%, 0 50%)",
}
#: Facts that do not (or do not yet) hold are drawn dashed: offices and parties when all
#: their merged tenures have ended (the edge's `ended`), other facts by their status.
DASHED_STATUSES = frozenset({"former", "planned", "elect", "considering"})
HIGHLIGHT = "#d62728"
EDGE_COLOR = "#8f969c"
#: Above this many nodes, networkx lays the view out and vis-network physics stays off.
PHYSICS_LIMIT = 120
DEFAULT_MAX_NODES = 200

#: vis-network as we ship it (graph/static/vis-network/, see its README for version and licence).
_VIS_DIR = "vis-network"
_VIS_FILES = ("vis-network.min.js", "vis-network.min.css")


@dataclass(frozen=True)
class View:
    """One rendered page: the HTML and what it shows. Displays inline in Jupyter."""

    html: str
    title: str
    nodes: int
    edges: int
    note: str | None = None

    def save(self, path: str | Path) -> Path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.html, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        """An iframe, so the page's styles and its global `network` stay out of the notebook."""
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:680px;border:1px solid #ddd"></iframe>')


@dataclass(frozen=True)
class _Page:
    """Where a page finds vis-network (inline when None) and the site it belongs to."""

    asset_prefix: str | None = None
    site_root: str | None = None


# --- choosing what to show ------------------------------------------------------------


def overview_view(projection: Projection, *, max_nodes: int = DEFAULT_MAX_NODES, by: str = "degree") -> View:
    """The most important entities (by degree or PageRank), at most `max_nodes` of them."""
    return _overview_view(projection, max_nodes=max_nodes, by=by, page=_Page())


def _overview_view(projection: Projection, *, max_nodes: int, by: str, page: _Page) -> View:
    total = projection.graph.number_of_nodes()
    chosen = [node for node, _ in central(projection, by=by, top=max_nodes)]
    note = (f"Showing the {len(chosen):,} most connected of {total:,} entities (ranked by {by}). "
            "Raise --max-nodes, or use --focus for one entity's neighbourhood.") if total > len(chosen) else None
    return render(projection, chosen, title=f"newsgraph: {total:,} entities", note=note, page=page)


def _ego_nodes(projection: Projection, center: str, hops: int, max_nodes: int) -> tuple[list[str], int]:
    """The centre's neighbourhood, nearest and best-connected first, capped; and its full size."""
    import networkx as nx

    distances = nx.single_source_shortest_path_length(projection.undirected, center, cutoff=hops)
    degree = projection.undirected.degree
    ordered = sorted(distances, key=lambda n: (distances[n], -degree[n], projection.label(n)))
    return ordered[:max_nodes], len(ordered)


def ego_view(projection: Projection, focus: str, *, hops: int = 1, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """One entity and everything within `hops` of it."""
    return _ego_view(projection, projection.resolve(focus), hops=hops, max_nodes=max_nodes, page=_Page())


def _ego_view(projection: Projection, center: str, *, hops: int, max_nodes: int, page: _Page) -> View:
    if hops < 1:
        raise ValueError("hops must be at least 1")
    chosen, total = _ego_nodes(projection, center, hops, max_nodes)
    label = projection.label(center)
    note = (f"Showing {len(chosen):,} of the {total:,} entities within {hops} hop(s) of {label}, "
            "nearest and best-connected first.") if total > len(chosen) else None
    return render(projection, chosen, title=f"{label} and its neighbourhood ({hops} hop{'s' if hops > 1 else ''})",
                  note=note, highlight=[center], focus=center, page=page)


def path_view(projection: Projection, source: str, target: str, *, k: int = 1, max_hops: int = 4,
              through: Collection[str] = INTERMEDIATE_TYPES, max_degree: int | None = None,
              max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """The k shortest paths, highlighted, among the direct neighbours of their nodes."""
    result = find_paths(projection, source, target, k=k, max_hops=max_hops, through=through, max_degree=max_degree)
    a, b = projection.label(result.source), projection.label(result.target)
    if not result.paths:
        raise ValueError(f"no path between {a} and {b} within {max_hops} hops")
    on_path = list(dict.fromkeys(node for path in result.paths for node in path.nodes))
    degree = projection.undirected.degree
    context = sorted({n for node in on_path for n in projection.undirected[node]} - set(on_path),
                     key=lambda n: (-degree[n], projection.label(n)))
    room = max(0, max_nodes - len(on_path))
    note = (f"Showing {room:,} of the {len(context):,} neighbours of the path, best-connected first."
            if len(context) > room else None)
    path_edges = {frozenset(pair) for path in result.paths for pair in zip(path.nodes, path.nodes[1:])}
    return render(projection, on_path + context[:room], title=f"{a} → {b}: {len(result.paths)} path(s)", note=note,
                  highlight=on_path, highlight_pairs=path_edges)


def article_view(projection: Projection, article: str, *, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """The entities one article mentions and the facts it states (with only its evidence)."""
    key = projection.resolve_article(article)
    own = projection.filtered(Filters(articles=frozenset({key})))
    with_facts = {n for edge in own.graph.edges() for n in edge}
    chosen = sorted((n for n, data in own.graph.nodes(data=True) if n in with_facts or key in data["articles"]),
                    key=lambda n: (n not in with_facts, own.label(n)))
    info = projection.articles[key]
    note = (f"Showing {max_nodes:,} of the {len(chosen):,} entities of this article."
            if len(chosen) > max_nodes else None)
    title = f"Article: {info.title or key}" + (f" ({info.date})" if info.date else "")
    return render(own, chosen[:max_nodes], title=title, note=note)


# --- rendering --------------------------------------------------------------------------


def _node_size(degree: int) -> float:
    return round(12 + 5 * math.log2(1 + degree), 1)


def _node_options(projection: Projection, node: str, *, highlighted: bool) -> dict:
    data = projection.graph.nodes[node]
    shape, color = TYPE_STYLES.get(data["type"], TYPE_STYLES["Entity"])
    border = HIGHLIGHT if highlighted else "#ffffff"
    return {
        "label": data["label"], "shape": shape, "size": _node_size(projection.undirected.degree[node]),
        "color": {"background": color, "border": border, "highlight": {"background": color, "border": "#222222"},
                  "hover": {"background": color, "border": "#222222"}},
        "borderWidth": 4 if highlighted else 1.5,
        "kgType": data["type"], "aliases": list(data["aliases"]), "wikidata": data["wikidata"],
        "articles": list(data["articles"]), "factCount": projection.graph.degree(node),
    }


def _edge_options(data: dict, *, highlighted: bool, parallel: int) -> dict:
    color = HIGHLIGHT if highlighted else EDGE_COLOR
    options = {
        "label": fact_phrase(data["relation"], data["status"]),
        "relation": data["relation"], "status": data["status"], "confidence": data["confidence"],
        "dashes": data["ended"] if data.get("ended") is not None else data["status"] in DASHED_STATUSES,
        "width": 4 if highlighted else 1.5, "color": {"color": color, "highlight": "#222222", "hover": "#222222"},
        "evidence": [{"article": e.article, "sentence": e.sentence, "confidence": e.confidence} for e in data["evidence"]],
    }
    if parallel:
        options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.18 * parallel}
    return options


def _layout_iterations(count: int) -> int:
    """ForceAtlas2 costs O(nodes²) per iteration: 200 iterations up to 250 nodes, fewer above (≥ 40)."""
    return max(40, min(200, int(200 * (250 / max(count, 1)) ** 2)))


def _positions(projection: Projection, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """A networkx ForceAtlas2 layout scaled to vis-network pixels (numpy only, seeded)."""
    import networkx as nx

    sub = projection.undirected.subgraph(nodes)
    raw = nx.forceatlas2_layout(sub, max_iter=_layout_iterations(len(nodes)), seed=7, scaling_ratio=2.0, gravity=1.0,
                                strong_gravity=True)
    raw = {n: (float(x), float(y)) for n, (x, y) in raw.items()}  # numpy floats are not JSON
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    spread = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 110 * math.sqrt(len(nodes)) / spread
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for n, (x, y) in raw.items()}


def _vis_options(*, physics: bool, small: bool) -> dict:
    return {
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -4500, "centralGravity": 0.6, "springLength": 150, "springConstant": 0.04,
                                  "damping": 0.3, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": physics, "iterations": 400, "updateInterval": 50, "fit": True}},
        "layout": {"improvedLayout": small, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
        "nodes": {"font": {"size": 15, "face": "system-ui, sans-serif", "color": "#1d1d1f",
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"font": {"size": 11, "face": "system-ui, sans-serif", "color": "#4a4a4a", "align": "middle",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.15}},
    }


def _network(projection: Projection, nodes: list[str], *, highlight: Collection[str],
             highlight_pairs: Collection[frozenset]):
    """The pyvis Network holding this view's nodes, edges and options."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    physics = len(nodes) <= PHYSICS_LIMIT
    positions = {} if physics else _positions(projection, nodes)
    marked = set(highlight)
    for node in nodes:
        extra = {"x": positions[node][0], "y": positions[node][1]} if node in positions else {}
        net.add_node(node, **_node_options(projection, node, highlighted=node in marked), **extra)
    seen: Counter = Counter()
    for u, v, data in projection.graph.subgraph(nodes).edges(data=True):
        pair = frozenset((u, v))
        net.add_edge(u, v, **_edge_options(data, highlighted=pair in highlight_pairs, parallel=seen[pair]))
        seen[pair] += 1
    net.options = _vis_options(physics=physics, small=len(nodes) <= 100)
    return net


def render(projection: Projection, nodes: list[str], *, title: str, note: str | None = None,
           highlight: Collection[str] = (), highlight_pairs: Collection[frozenset] = (),
           focus: str | None = None, page: _Page = _Page()) -> View:
    """A self-contained page showing these nodes and every edge among them."""
    net = _network(projection, nodes, highlight=highlight, highlight_pairs=highlight_pairs)
    data_nodes, data_edges, _, _, _, _ = net.get_network_data()
    referenced = {a for n in data_nodes for a in n["articles"]} | {e["article"] for edge in data_edges for e in edge["evidence"]}
    payload = {
        "nodes": data_nodes, "edges": data_edges, "options": net.options, "focus": focus,
        "articles": {k: {"title": projection.articles[k].title, "date": projection.articles[k].date,
                         "url": projection.articles[k].url}
                     for k in sorted(referenced) if k in projection.articles},
        "siteRoot": page.site_root,
    }
    legend = [{"type": t, **_swatch(t)} for t in sorted({n["kgType"] for n in data_nodes}, key=_type_rank)]
    page_html = template("view.html").render(
        title=title, note=note, view_style=static_text("view.css"), view_script=static_text("view.js"), payload=payload, legend=legend, highlighted=bool(highlight_pairs),
        node_count=len(data_nodes), edge_count=len(data_edges), assets=_inline_assets() if page.asset_prefix is None else None,
        asset_prefix=page.asset_prefix, site_root=page.site_root,
    )
    return View(page_html, title, len(data_nodes), len(data_edges), note)


def _type_rank(entity_type: str) -> int:
    """Where a type comes in legends and lists: in TYPE_STYLES' order, unknown types last."""
    return list(TYPE_STYLES).index(entity_type) if entity_type in TYPE_STYLES else len(TYPE_STYLES)


def _swatch(entity_type: str) -> dict[str, str]:
    """The colour and CSS clip shape that stand for a type in legends and lists."""
    shape, color = TYPE_STYLES.get(entity_type, TYPE_STYLES["Entity"])
    return {"color": color, "clip": LEGEND_CLIPS[shape]}


def _inline_assets() -> dict[str, str]:
    """vis-network's JS and CSS as text; refuses a copy that could close its own tag."""
    script, style = (static_text(f"{_VIS_DIR}/{name}") for name in _VIS_FILES)
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("the bundled vis-network cannot be inlined safely (it contains a closing tag)")
    return {"script": script, "style": style}


# --- sites ---------------------------------------------------------------------------------


def write_site(projection: Projection, directory: str | Path, *, hops: int = 1,
               max_nodes: int = 150, overview_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """An index of entities by type, an overview, and one ego page per entity; returns the index.

    vis-network is copied once into `assets/` and referenced by relative paths, so the
    folder works offline and from file:// without inlining 700 kB into every page.
    """
    root = Path(directory)
    (root / "assets").mkdir(parents=True, exist_ok=True)
    for name in _VIS_FILES:
        (root / "assets" / name).write_text(static_text(f"{_VIS_DIR}/{name}"), encoding="utf-8")
    overview = _overview_view(projection, max_nodes=overview_nodes, by="degree", page=_Page("assets/", ""))
    overview.save(root / "overview.html")
    for node in projection.graph:
        depth = "../" * (node.count("/") + 1)
        page = _ego_view(projection, node, hops=hops, max_nodes=max_nodes, page=_Page(f"{depth}assets/", depth))
        page.save(root / "entities" / f"{node}.html")
    index = root / "index.html"
    index.write_text(_site_index(projection), encoding="utf-8")
    return index


def _site_index(projection: Projection) -> str:
    by_type: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for node, data in projection.graph.nodes(data=True):
        by_type[data["type"]].append((data["label"], node, projection.graph.degree(node)))
    groups = [(t, sorted(by_type[t], key=lambda item: item[0].casefold()))
              for t in sorted(by_type, key=_type_rank)]
    styles = {t: _swatch(t) for t, _ in groups}
    return template("site-index.html").render(groups=groups, styles=styles,
                                                     total=projection.graph.number_of_nodes(),
                                                     articles=len(projection.articles))
