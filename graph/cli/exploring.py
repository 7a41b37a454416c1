"""`kg path`, `kg neighbors`, `kg central` and `kg view`: thin layers over graph.paths and graph.views.

They read the store as networkx sees it (graph.projection), with the shared filters.
"""
from __future__ import annotations

import json

import click

from graph.cli.options import filter_options, friendly_errors, load_projection, names, store_option

DEFAULT_THROUGH = "Summit,Office,PoliticalParty"


def _through(text: str) -> frozenset[str]:
    return frozenset() if text.strip().lower() == "none" else names(text)


def _emit_json(data: dict) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("path")
@click.argument("source")
@click.argument("target")
@store_option
@click.option("--max-hops", type=click.IntRange(1, 12), default=4, show_default=True)
@click.option("-k", "k", type=click.IntRange(1, 50), default=3, show_default=True, help="How many paths.")
@click.option("--through", default=DEFAULT_THROUGH, show_default=True,
              help="Types a path may pass through (Summit, Office, PoliticalParty), or 'none'.")
@click.option("--max-degree", type=click.IntRange(1), help="Do not pass through entities with more neighbours (hubs).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@filter_options
@friendly_errors
def path(source, target, store_dir, max_hops, k, through, max_degree, fmt, **filters):
    """How are SOURCE and TARGET connected? The k shortest paths, with evidence.

    Names are labels, aliases, Wikidata ids (Q17) or keys (person/sanae-takaichi),
    matched ignoring case and accents. Edges are followed in either direction and
    shown in their true one. Exit code 1 when no path is found, 2 for an unknown
    or ambiguous name.

    \b
    Example:
        kg path "Friedrich Merz" "Sanae Takaichi"
        kg path Merz "Canada" --via attends,organizedBy --format json
    """
    from graph.paths import find_paths, format_paths, paths_json

    projection = load_projection(store_dir, **filters)
    result = find_paths(projection, source, target, k=k, max_hops=max_hops, through=_through(through),
                        max_degree=max_degree)
    if fmt == "json":
        _emit_json(paths_json(projection, result))
    else:
        click.echo(format_paths(projection, result))
    if not result.paths:
        raise SystemExit(1)


@click.command("neighbors")
@click.argument("entity")
@store_option
@click.option("--hops", type=click.IntRange(1, 6), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@filter_options
@friendly_errors
def neighbors(entity, store_dir, hops, fmt, **filters):
    """Entities within --hops of ENTITY, nearest first, with the facts that link them.

    \b
    Example:
        kg neighbors "Mark Carney"
        kg neighbors Q17 --hops 2
    """
    from graph.paths import format_neighbors, neighbors as find_neighbors, neighbors_json

    projection = load_projection(store_dir, **filters)
    hood = find_neighbors(projection, entity, hops=hops)
    if fmt == "json":
        _emit_json(neighbors_json(projection, hood))
    else:
        click.echo(format_neighbors(projection, hood))


@click.command("central")
@store_option
@click.option("--top", type=click.IntRange(1), default=10, show_default=True)
@click.option("--by", type=click.Choice(["degree", "pagerank", "betweenness"]), default="degree", show_default=True)
@click.option("--type", "types", help="Only these entity types, comma-separated (e.g. Person).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@filter_options
@friendly_errors
def central(store_dir, top, by, types, fmt, **filters):
    """The most central entities by degree, PageRank or betweenness (networkx).

    \b
    Example:
        kg central --top 5 --by pagerank --type Person
    """
    from graph.paths import central as rank, format_central, node_json

    projection = load_projection(store_dir, **filters)
    ranked = rank(projection, by=by, top=top, types=names(types))
    if fmt == "json":
        _emit_json({"by": by, "ranking": [{**node_json(projection, node), "score": score} for node, score in ranked]})
    else:
        click.echo(format_central(projection, ranked, by))


@click.command("view")
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="graph.html", show_default=True)
@click.option("--focus", metavar="ENTITY", help="Show this entity and its neighbourhood.")
@click.option("--hops", type=click.IntRange(1, 6), default=1, show_default=True, help="Neighbourhood size for --focus.")
@click.option("--path", "path_ends", nargs=2, metavar="A B", help="Show the paths between two entities.")
@click.option("-k", "k", type=click.IntRange(1, 20), default=1, show_default=True, help="Paths to show with --path.")
@click.option("--max-hops", type=click.IntRange(1, 12), default=4, show_default=True, help="Longest path for --path.")
@click.option("--article", metavar="ID", help="Show one article's entities and facts (its key, e.g. the file name).")
@click.option("--max-nodes", type=click.IntRange(1), default=200, show_default=True)
@click.option("--by", type=click.Choice(["degree", "pagerank"]), default="degree", show_default=True,
              help="Importance used to cap the overview.")
@click.option("--site", type=click.Path(file_okay=False), metavar="DIR",
              help="Write an index page plus one page per entity into DIR instead.")
@filter_options
@friendly_errors
def view(store_dir, output, focus, hops, path_ends, k, max_hops, article, max_nodes, by, site, **filters):
    """Write an interactive HTML view of the graph that works offline.

    Without --focus, --path or --article: an overview of the most connected
    entities, capped at --max-nodes.

    \b
    Example:
        kg view -o graph.html
        kg view --focus "Sanae Takaichi" --hops 2 -o takaichi.html
        kg view --path "Friedrich Merz" "Sanae Takaichi" -k 3 -o path.html
        kg view --site site/
    """
    from graph import views

    chosen = [name for name, value in (("--focus", focus), ("--path", path_ends), ("--article", article),
                                        ("--site", site)) if value]
    if len(chosen) > 1:
        raise click.UsageError(f"choose one of {', '.join(chosen)}")
    projection = load_projection(store_dir, **filters)
    if site:
        index = views.write_site(projection, site, hops=hops, max_nodes=max_nodes)
        click.echo(f"wrote {index} and {projection.graph.number_of_nodes()} entity page(s)", err=True)
        return
    if focus:
        page = views.ego_view(projection, focus, hops=hops, max_nodes=max_nodes)
    elif path_ends:
        page = views.path_view(projection, *path_ends, k=k, max_hops=max_hops, max_nodes=max_nodes)
    elif article:
        page = views.article_view(projection, article, max_nodes=max_nodes)
    else:
        page = views.overview_view(projection, max_nodes=max_nodes, by=by)
    page.save(output)
    click.echo(f"wrote {output}: {page.nodes} entities, {page.edges} facts", err=True)
    if page.note:
        click.echo(f"note: {page.note}", err=True)
