"""`kg facts`, `kg export`, `kg query`, `kg validate` and `kg stats`: reading the store as files and tables."""
from __future__ import annotations

import sys

import click

from graph import export as exporting, read
from graph.cli.options import friendly_errors, iso_date, open_store, output, store_option


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--no-entities", is_flag=True, help="Fact rows only.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=iso_date,
              help="Add each office or party fact's status on this date, from the merged tenures "
                   "(status_as_of: current, former, not yet, possibly current or unknown; JSON Lines).")
@friendly_errors
def facts(store_dir, fmt, path, min_confidence, no_entities, as_of):
    """Export facts (and mentioned entities) as JSON Lines or CSV, one row per fact per article.

    \b
    Example:
        kg facts -o facts.jsonl
        kg facts --as-of 2025-09-01 --no-entities
    """
    with open_store(store_dir) as store:
        rows = exporting.fact_rows(store, min_confidence=min_confidence, entities=not no_entities)
        if as_of:
            from graph.history import fact_statuses, with_status_as_of

            rows = with_status_as_of(rows, fact_statuses(store, as_of), as_of)
        out = output(path)
        count = exporting.write_rows(rows, out, fmt)
        if out is not sys.stdout:
            out.close()
            click.echo(f"wrote {count} rows to {path}", err=True)


@click.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@click.option("--with-ontology", is_flag=True, help="Include the ontology's triples.")
@friendly_errors
def export_(store_dir, fmt, path, with_ontology):
    """Export the graph as Turtle (default), N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

    \b
    Example:
        kg export -o graph.ttl
        kg export --format nquads -o graph.nq
    """
    with open_store(store_dir) as store:
        out = output(path, binary=True)
        store.dump(out, fmt)
        if with_ontology:
            from graph.rdf import ontology_graph
            out.write(ontology_graph().serialize(format="nt" if fmt in {"ntriples", "nquads"} else "turtle").encode())
        if out is not sys.stdout.buffer:
            out.close()
            click.echo(f"wrote {path}", err=True)


@click.command()
@click.argument("sparql", required=False)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld"]),
              default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the competency questions.")
@friendly_errors
def query(sparql, store_dir, fmt, list_):
    """Run a read-only SPARQL query: text, a .rq file, or a competency question's name.

    Prefixes kg:, rdfs:, schema:, prov:, wd: ... are predefined.

    \b
    Example:
        kg query "SELECT ?who ?office WHERE { ?who kg:holdsOffice ?office }"
        kg query --list
        kg query current-office-holders
    """
    from graph import sparql as sp

    if list_:
        for competency in sp.competency_questions():
            click.echo(f"{competency.name:36} {competency.question}")
        return
    if not sparql:
        raise click.UsageError("give a query, a .rq file, or a name from --list")
    text = sp.resolve_query_text(sparql)
    with open_store(store_dir) as store:
        result = sp.run_query(store, text)
        kind = sp.result_kind(result)
        if fmt == "table" and kind == "select":
            click.echo(sp.format_table(*sp.rows(result)))
        elif fmt == "table" and kind == "ask":
            click.echo("true" if bool(result) else "false")
        else:
            sys.stdout.buffer.write(sp.serialize_result(result, "turtle" if fmt == "table" else fmt))


@click.command()
@store_option
@friendly_errors
def validate(store_dir):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl (exit 1 if it does not conform)."""
    from graph.validate import validate as run_validate

    with open_store(store_dir) as store:
        result = run_validate(exporting.store_graph(store))
    click.echo(result.text)
    if not result.conforms:
        sys.exit(1)


@click.command()
@store_option
@friendly_errors
def stats(store_dir):
    """Articles, entities by type, facts by relation, triples, and how many articles an
    older extractor built (code, data or spaCy pipeline since changed)."""
    from graph.fingerprint import is_current

    with open_store(store_dir) as store:
        click.echo(exporting.format_statistics(read.statistics(store)))
        versions = read.extractor_versions(store)
    stale = sum(count for version, count in versions.items() if not is_current(version))
    advice = "; kg build --force PATHS re-extracts them" if stale else ""
    click.echo(f"out of date: {stale} of {sum(versions.values())} article(s) built by another extractor version{advice}")
