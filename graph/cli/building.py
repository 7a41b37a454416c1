"""`kg build` and `kg remove`: the only commands that write to the store."""
from __future__ import annotations

import sys
import time

import click

from graph import export as exporting, read
from graph.cli.options import friendly_errors, iso_date, open_store, store_option


@click.command()
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
@click.option("--force", is_flag=True, help="Extract every article again, unchanged ones too (after a model or rules update).")
@click.option("--since", metavar="YYYY-MM-DD", callback=iso_date, help="Feeds and sitemaps: only entries dated on or after this day.")
@click.option("--limit", type=click.IntRange(1), help="Feeds and sitemaps: at most this many entries each, the newest.")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to one web site (its robots.txt Crawl-delay may ask for more).")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True, help="Seconds for one web response.")
@click.option("--max-bytes", type=click.IntRange(1024), default=10 * 1024 * 1024, show_default=True,
              help="Largest web response read.")
@friendly_errors
def build(paths, store_dir, model, gazetteers, min_confidence, rules_only, jobs, dask_address, batch_size, max_chars, bulk, fresh, wait,
          progress, force, since, limit, delay, timeout, max_bytes):
    """Build articles into the store: files, folders, JSONL, compressed files (.gz .bz2 .xz),
    archives (.zip .tar.*), - for stdin, and http(s) URLs of pages, RSS/Atom feeds and sitemaps.

    Incremental: articles already stored with the same content are skipped, changed ones
    replace their graph. Each failing file or URL is reported with its reason and the rest
    are stored. Exit code 0 when all succeed, 1 when some failed.

    \b
    Example:
        kg build data/articles
        kg build --jobs 2 archive.jsonl.gz
        kg build --since 2025-06-01 --limit 50 https://example.org/politics/rss.xml
        kg build --dask local:2 --store http://127.0.0.1:7878 archive.jsonl
    """
    from graph.build import Options, build as run_build
    from graph.extract.pipeline import resolve_model
    from graph.sources.fetch import Fetcher, Politeness
    from graph.sources.web import Selection

    resolve_model(model)  # fail fast, before reading anything
    started = time.perf_counter()
    options = Options(model=model, gazetteer_files=tuple(gazetteers), min_confidence=min_confidence,
                      rules_only=rules_only)
    show = sys.stderr.isatty() if progress is None else progress
    with open_store(store_dir, write=True, wait=wait) as store:
        if fresh:
            store.clear()
        bar = _progress_bar() if show else None
        with Fetcher(Politeness(delay=delay, timeout=timeout, max_bytes=max_bytes)) as fetcher:
            report = run_build(paths, store, options, jobs=jobs, dask=dask_address, batch_size=batch_size,
                               max_chars=max_chars, bulk=bulk, force=force, fetcher=fetcher,
                               selection=Selection(since=since, limit=limit),
                               on_progress=(lambda _: bar.update(1)) if bar is not None else None)
        if bar is not None:
            bar.close()
        for failure in report.failures:
            click.echo(f"error: {failure}", err=True)
        click.echo(exporting.format_statistics(read.statistics(store), time.perf_counter() - started))
    if report.tenures is None:
        click.echo("tenures:  unchanged (no article was extracted)")
    else:
        click.echo(f"tenures:  {report.tenures}, merged from all statements in {report.tenure_seconds:.1f} s")
    click.echo(_counts_line(report))
    click.echo(f"stored {report.stored} article(s), {report.facts} fact(s); {len(report.failures)} failed")
    if report.failures:
        sys.exit(1)


def _counts_line(report) -> str:
    """new / changed / unchanged / failed, and the copies and forced re-extractions when any."""
    counts = report.counts
    parts = [f"new {counts.new}", f"changed {counts.changed}", f"unchanged {counts.unchanged}"]
    if counts.forced:
        parts.append(f"re-extracted {counts.forced} (--force)")
    if counts.copies:
        parts.append(f"copies {counts.copies} (same story at another URL)")
    return ", ".join([*parts, f"failed {len(report.failures)}"])


def _progress_bar():
    from tqdm import tqdm
    return tqdm(unit="article", file=sys.stderr, leave=False)


@click.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
@friendly_errors
def remove(articles, store_dir):
    """Delete articles (by key: file base name, JSONL id or page URL) and the facts taken from them,
    with the copies of a page found at other URLs."""
    from graph.build import remove_article

    missing = []
    with open_store(store_dir, write=True) as store:
        for key in articles:
            if remove_article(store, key):
                click.echo(f"removed {key}")
            else:
                missing.append(key)
    if missing:
        raise click.ClickException(f"not in the store: {', '.join(missing)}")
