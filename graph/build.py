"""Building: input paths and URLs → articles → extractions → one named graph per article in the store.

Articles stream through in bounded batches, so memory does not grow with the corpus.
Builds are incremental: each batch is first compared with the store (graph/incremental.py),
and only new and changed articles are extracted; each records the extractor version
that built it.
One bad article (unreadable, undecodable, or one the pipeline chokes on) is reported and
skipped; everything before and after it is stored. The extraction runs here, in a pool
of processes (`jobs`), or on a Dask cluster (`dask`), see graph/workers.py and
graph/distributed.py; this process only writes, in input order.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from graph import read
from graph.extract import Extractor
from graph.extract.pipeline import resolve_model
from graph.fingerprint import extractor_version
from graph.incremental import Counts, Planner
from graph.ingest import IngestError, read_articles
from graph.model import Article
from graph.rdf import article_iri, copy_ntriples, version_ntriples
from graph.sources.fetch import Fetcher
from graph.sources.web import NotModified, Selection
from graph.store import Store
from graph.tenures import refresh as refresh_tenures
from graph.workers import Options, Outcome, batches, local_outcomes

BATCH_SIZE = 64
#: Articles per bulk load: larger loads amortise the loader's set-up (measured 46% faster
#: at 1,000 than at 64 on 2.46M quads); an interrupted one is redone by the next build.
BULK_ARTICLES = 1000


@dataclass
class Report:
    """What a build did: stored articles, what it found new, changed or unchanged,
    failures (one line each), and time."""

    stored: int = 0
    facts: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tenures: int | None = None  # None when nothing changed, so the tenures were not re-derived
    tenure_seconds: float = 0.0  # of `seconds`, the time spent re-deriving the tenures
    counts: Counts = field(default_factory=Counts)

    @property
    def ok(self) -> bool:
        return not self.failures


def outcomes(article_batches: Iterable[list[Article]], options: Options, *, jobs: int = 1, dask: str | None = None,
             extractor: Extractor | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, from this process, from `jobs` worker processes, or from
    the Dask cluster at `dask` (`local:N` or `tcp://host:port`)."""
    if dask:
        from graph.distributed import dask_outcomes
        return dask_outcomes(article_batches, options, dask)
    return local_outcomes(article_batches, options, jobs=jobs, extractor=extractor)


# --- the build ------------------------------------------------------------------------

def build(paths: Iterable[str], store: Store, options: Options = Options(), *, jobs: int = 1, dask: str | None = None,
          batch_size: int = BATCH_SIZE, max_chars: int = 5_000_000, bulk: bool = False,
          extractor: Extractor | None = None, on_progress: Callable[[Outcome], None] | None = None,
          force: bool = False, fetcher: Fetcher | None = None, selection: Selection = Selection()) -> Report:
    """Build the articles under `paths` (files, folders, URLs of pages, feeds and sitemaps)
    into `store` and report what happened.

    Unchanged articles are skipped unless `force`. Ends, when anything was written, by
    re-deriving the tenures graph from all the store's statements (graph/tenures.py).
    """
    started = time.perf_counter()
    report = Report()
    planner = Planner(store, force=force)
    report.counts = planner.counts
    version = extractor_version(resolve_model(options.model), rules_only=options.rules_only,
                                min_confidence=options.min_confidence, gazetteer_files=options.gazetteer_files)
    known = None if force else (lambda key: read.validators(store, str(article_iri(key))))
    articles = _articles_reporting_errors(read_articles(paths, max_chars=max_chars, fetcher=fetcher, selection=selection,
                                                        known=known), report)
    planned = _to_extract(batches(articles, batch_size), planner, store)
    pending: dict[str, str] = {}
    for outcome in outcomes(planned, options, jobs=jobs, dask=dask, extractor=extractor):
        if outcome.error:
            report.failures.append(outcome.error)
        elif bulk:
            pending[outcome.key] = outcome.ntriples
            if len(pending) >= max(batch_size, BULK_ARTICLES):
                _bulk_write(store, pending, version)
                pending.clear()
        else:
            store.replace_graph(str(article_iri(outcome.key)), outcome.ntriples + version_ntriples(outcome.key, version))
        if not outcome.error:
            report.stored += 1
            report.facts += outcome.facts
        if on_progress:
            on_progress(outcome)
    if pending:
        _bulk_write(store, pending, version)
    if report.stored:
        merging = time.perf_counter()
        report.tenures = refresh_tenures(store)
        report.tenure_seconds = time.perf_counter() - merging
    report.seconds = time.perf_counter() - started
    return report


def _bulk_write(store: Store, pending: dict[str, str], version: str) -> None:
    """Bulk-load these articles' graphs (key → N-Triples), then record the extractor version
    of each in one transaction. A bulk load is not one transaction: a build killed during it
    can leave a graph part-written, and an article counts as stored (so unchanged) only with
    its version recorded, so the next build redoes such a graph instead of skipping it."""
    store.bulk_replace({str(article_iri(key)): ntriples for key, ntriples in pending.items()})
    store.add_to_graphs({str(article_iri(key)): version_ntriples(key, version) for key in pending})


def _to_extract(article_batches: Iterable[list[Article]], planner: Planner, store: Store) -> Iterator[list[Article]]:
    """The batches with unchanged articles left out; copies of stored stories are written
    here, as they need no extraction."""
    for batch in article_batches:
        plan = planner.plan(batch)
        for copy, original in plan.copies:
            store.replace_graph(str(article_iri(copy.key)), copy_ntriples(copy, original))
        if plan.extract:
            yield plan.extract


def _articles_reporting_errors(items: Iterable[Article | IngestError | NotModified], report: Report) -> Iterator[Article]:
    """The articles; failures are reported, pages the server says are unchanged counted."""
    for item in items:
        if isinstance(item, IngestError):
            report.failures.append(str(item))
        elif isinstance(item, NotModified):
            report.counts.unchanged += 1
        else:
            yield item


def remove_article(store: Store, key: str) -> bool:
    """Delete one article's named graph (its facts and mentions) and those of its copies at
    other URLs, and re-derive the tenures without it; True if it existed."""
    iri = str(article_iri(key))
    removed = store.remove_graph(iri)
    for copy in read.copies_of(store, iri):
        store.remove_graph(copy)
    if removed:
        refresh_tenures(store)
    return removed
