"""The `kg` command line: small commands, each a thin layer over a library function."""
from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

import click

from graph import export as exporting
from graph.sparql import QueryError

DEFAULT_STORE = "kg-store"


def store_option(fn):
    """--store DIR on every command (env KG_STORE, default ./kg-store)."""
    return click.option("--store", "store_dir", envvar="KG_STORE", default=DEFAULT_STORE, show_default=True,
                        type=click.Path(file_okay=False), help="Store folder (env KG_STORE).")(fn)


class UsageProblem(click.ClickException):
    """A failure that is not about the input articles (missing model, busy store, bad
    query): exit code 2, so scripts can tell it from a partial build (exit code 1)."""

    exit_code = 2


def friendly_errors(fn):
    """Known failures become one-line messages and exit code 2, never a traceback."""
    from graph.extract.pipeline import ModelNotFound
    from graph.store import StoreBusy

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            # The reader stopped early ("kg facts | head"): that is not a failure. Point stdout
            # at /dev/null so the interpreter's last flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (ModelNotFound, StoreBusy, OSError, QueryError, ValueError) as error:  # OSError: files, remote stores
            raise UsageProblem(str(error)) from None
    return wrapper


def _store(store_dir: str, *, write: bool = False, wait: float = 0.0):
    """The store folder, or the SPARQL 1.1 store at an http(s):// URL."""
    from graph.remote import RemoteStore, is_remote
    from graph.store import Store
    return RemoteStore(store_dir) if is_remote(store_dir) else Store(store_dir, write=write, wait=wait)


def _output(path: str | None, binary: bool = False):
    if path in (None, "-"):
        return sys.stdout.buffer if binary else sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "wb" if binary else "w", encoding=None if binary else "utf-8")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli():
    """Build a knowledge graph of offices, parties, summits and meetings from political news.

    \b
    Example:
        kg build data/articles
        kg query "SELECT ?p ?o WHERE { ?p kg:holdsOffice ?o }"
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--model", help="spaCy pipeline to use (default en_core_web_sm, or its PyPI mirror).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra gazetteer (JSONL or CSV: label, aliases, type, wikidata, country). Repeatable.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop facts below this confidence.")
@click.option("--rules-only", is_flag=True, help="The named rules' facts alone, without the trained relation model.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask cluster: local:N (start N workers here) or tcp://host:port (join a scheduler).")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=64, show_default=True)
@click.option("--max-chars", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Refuse articles longer than this many characters.")
@click.option("--bulk", is_flag=True, help="Use the store's bulk loader (large builds).")
@click.option("--fresh", is_flag=True, help="Empty the store first.")
@click.option("--wait", type=float, default=0.0, help="Seconds to wait for another build's lock.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@friendly_errors
def build(paths, store_dir, model, gazetteers, min_confidence, rules_only, jobs, dask_address, batch_size, max_chars, bulk, fresh, wait,
          progress):
    """Build articles (files, folders, JSONL, or - for stdin) into the store.

    Each failing file is reported with its reason and the rest are stored.
    Exit code 0 when all succeed, 1 when some failed.

    \b
    Example:
        kg build data/articles
        kg build --jobs 2 archive.jsonl
        kg build --dask local:2 --store http://127.0.0.1:7878 archive.jsonl
    """
    from graph.build import Options, build as run_build
    from graph.extract.pipeline import resolve_model

    resolve_model(model)  # fail fast, before reading anything
    started = time.perf_counter()
    options = Options(model=model, gazetteer_files=tuple(gazetteers), min_confidence=min_confidence,
                      rules_only=rules_only)
    show = sys.stderr.isatty() if progress is None else progress
    with _store(store_dir, write=True, wait=wait) as store:
        if fresh:
            store.clear()
        bar = _progress_bar() if show else None
        report = run_build(paths, store, options, jobs=jobs, dask=dask_address, batch_size=batch_size,
                           max_chars=max_chars, bulk=bulk, on_progress=(lambda _: bar.update(1)) if bar is not None else None)
        if bar is not None:
            bar.close()
        for failure in report.failures:
            click.echo(f"error: {failure}", err=True)
        click.echo(exporting.format_statistics(exporting.statistics(store), time.perf_counter() - started))
    click.echo(f"stored {report.stored} article(s), {report.facts} fact(s); {len(report.failures)} failed")
    if report.failures:
        sys.exit(1)


def _progress_bar():
    from tqdm import tqdm
    return tqdm(unit="article", file=sys.stderr, leave=False)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--no-entities", is_flag=True, help="Fact rows only.")
@friendly_errors
def facts(store_dir, fmt, output, min_confidence, no_entities):
    """Export facts (and mentioned entities) as JSON Lines or CSV, one row per fact per article.

    \b
    Example:
        kg facts -o facts.jsonl
    """
    with _store(store_dir) as store:
        rows = exporting.fact_rows(store, min_confidence=min_confidence, entities=not no_entities)
        out = _output(output)
        count = exporting.write_rows(rows, out, fmt)
        if out is not sys.stdout:
            out.close()
            click.echo(f"wrote {count} rows to {output}", err=True)


@cli.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@click.option("--with-ontology", is_flag=True, help="Include the ontology's triples.")
@friendly_errors
def export_(store_dir, fmt, output, with_ontology):
    """Export the graph as Turtle (default), N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

    \b
    Example:
        kg export -o graph.ttl
        kg export --format nquads -o graph.nq
    """
    with _store(store_dir) as store:
        out = _output(output, binary=True)
        store.dump(out, fmt)
        if with_ontology:
            from graph.rdf import ontology_graph
            out.write(ontology_graph().serialize(format="nt" if fmt in {"ntriples", "nquads"} else "turtle").encode())
        if out is not sys.stdout.buffer:
            out.close()
            click.echo(f"wrote {output}", err=True)


@cli.command()
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
    with _store(store_dir) as store:
        result = sp.run_query(store, text)
        kind = sp.result_kind(result)
        if fmt == "table" and kind == "select":
            click.echo(sp.format_table(*sp.rows(result)))
        elif fmt == "table" and kind == "ask":
            click.echo("true" if bool(result) else "false")
        else:
            sys.stdout.buffer.write(sp.serialize_result(result, "turtle" if fmt == "table" else fmt))


@cli.command()
@store_option
@friendly_errors
def validate(store_dir):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl (exit 1 if it does not conform)."""
    from graph.validate import validate as run_validate

    with _store(store_dir) as store:
        result = run_validate(exporting.store_graph(store))
    click.echo(result.text)
    if not result.conforms:
        sys.exit(1)


@cli.command()
@store_option
@friendly_errors
def stats(store_dir):
    """Articles, entities by type, facts by relation, and triples."""
    with _store(store_dir) as store:
        click.echo(exporting.format_statistics(exporting.statistics(store)))


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
@friendly_errors
def remove(articles, store_dir):
    """Delete articles (by key: file base name or JSONL id) and the facts taken from them."""
    from graph.build import remove_article

    missing = []
    with _store(store_dir, write=True) as store:
        for key in articles:
            if remove_article(store, key):
                click.echo(f"removed {key}")
            else:
                missing.append(key)
    if missing:
        raise click.ClickException(f"not in the store: {', '.join(missing)}")


@cli.command("eval")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="Gold file (default: every development set found).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), help="Corpus to build for --gold.")
@click.option("--relations", help="Comma-separated relations to score.")
@click.option("--show-errors", is_flag=True, help="List misses and false positives (never for blind gold).")
@click.option("--by-extractor", is_flag=True, help="Precision and recall of each rule and of the model.")
@click.option("--model", help="spaCy pipeline to use.")
@friendly_errors
def eval_(gold, corpus, relations, show_errors, by_extractor, model):
    """Build the development sets in temporary stores and print per-relation P/R/F1:
    the tune and check splits side by side (the gap is overfitting), then Re-DocRED.

    \b
    Example:
        kg eval
        kg eval --by-extractor
        kg eval --gold ../shared/eval/redocred-dev/gold.jsonl --relations memberOf
    """
    from graph.evaluate import (DevelopmentSet, development_sets, evaluate, format_scores,
                                format_side_by_side)

    if gold:
        sets = [DevelopmentSet(Path(gold).stem, Path(corpus or Path(gold).with_name("corpus.jsonl")), Path(gold))]
    else:
        sets = development_sets()
    if not sets:
        raise UsageProblem("no development set found (looked for ../shared/eval); pass --gold FILE")
    scored = [(s, evaluate(s.corpus, s.gold, relations=relations or s.relations, model=model)) for s in sets]
    splits = [(s.name, scores) for s, scores in scored if s.name in {"tune", "check"}]
    if len(splits) == 2:
        click.echo("== tune and check splits (check gold is blind)")
        click.echo(format_side_by_side(splits))
    for dev_set, scores in scored:
        if len(splits) == 2 and dev_set.name in {"tune", "check"} and not (show_errors or by_extractor):
            continue
        rels = relations or dev_set.relations
        click.echo(f"== {dev_set.name}: {dev_set.gold}" + (f" (relations: {rels})" if rels else ""))
        click.echo(format_scores(scores, show_errors=show_errors, by_extractor=by_extractor))

from graph.cli_serve import register as _register_serve; _register_serve(cli)

from graph.cli_views import register as _register_views; _register_views(cli)  # noqa: E402,E702
