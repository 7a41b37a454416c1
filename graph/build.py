"""Building: input paths → articles → extractions → one named graph per article in the store.

Articles stream through in bounded batches, so memory does not grow with the corpus.
One bad article (unreadable, undecodable, or one the pipeline chokes on) is reported and
skipped; everything before and after it is stored. With `jobs > 1` a process pool runs
the whole extraction, each worker loading spaCy once; the main process only writes,
in input order, so the output is the same as a one-process build.
"""
from __future__ import annotations

import itertools
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from graph.document import make_document
from graph.extract import Extractor
from graph.ingest import IngestError, read_articles
from graph.model import Article
from graph.rdf import article_iri, extraction_ntriples
from graph.store import Store

BATCH_SIZE = 64


@dataclass(frozen=True)
class Options:
    """What a build needs to rebuild its extractor anywhere (a worker, a Dask node)."""

    model: str | None = None
    gazetteer_files: tuple[str, ...] = ()
    min_confidence: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """One article's result: its N-Triples, or the reason it has none."""

    key: str
    source: str
    ntriples: str | None = None
    facts: int = 0
    error: str | None = None


@dataclass
class Report:
    """What a build did: stored articles, failures (one line each), and time."""

    stored: int = 0
    facts: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def extract_batch(extractor: Extractor, articles: list[Article]) -> list[Outcome]:
    """Extract a batch through `nlp.pipe`; if the batch fails, retry one by one so a
    single bad article cannot take its neighbours down with it."""
    try:
        extractions = list(extractor.extract_many(make_document(a) for a in articles))
        return [_outcome(x) for x in extractions]
    except Exception:  # noqa: BLE001 - isolate the failing article below
        return [_extract_one(extractor, a) for a in articles]


def _extract_one(extractor: Extractor, article: Article) -> Outcome:
    try:
        return _outcome(extractor.extract(make_document(article)))
    except Exception as error:  # noqa: BLE001 - reported per article, the build goes on
        return Outcome(key=article.key, source=article.source or article.key,
                       error=f"{article.source or article.key}: extraction failed: {type(error).__name__}: {error}")


def _outcome(extraction) -> Outcome:
    article = extraction.article
    return Outcome(key=article.key, source=article.source or article.key,
                   ntriples=extraction_ntriples(extraction), facts=len(extraction.facts))


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- worker processes -----------------------------------------------------------------

_WORKER: Extractor | None = None


def _init_worker(options: Options) -> None:
    global _WORKER
    _WORKER = make_extractor(options)


def _work(articles: list[Article]) -> list[Outcome]:
    return extract_batch(_WORKER, articles)


def make_extractor(options: Options) -> Extractor:
    return Extractor(model=options.model, gazetteer_files=options.gazetteer_files,
                     min_confidence=options.min_confidence)


def outcomes(article_batches: Iterable[list[Article]], options: Options, *, jobs: int = 1, dask: str | None = None,
             extractor: Extractor | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, from this process, from `jobs` worker processes, or from
    the Dask cluster at `dask` (`local:N` or `tcp://host:port`)."""
    if dask:
        from graph.distributed import dask_outcomes
        yield from dask_outcomes(article_batches, options, dask)
        return
    if jobs <= 1:
        extractor = extractor or make_extractor(options)
        for batch in article_batches:
            yield from extract_batch(extractor, batch)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,)) as pool:
        pending = []
        for batch in article_batches:
            pending.append(pool.submit(_work, batch))
            if len(pending) >= jobs * 2:  # bounded: never more than 2 batches per worker in flight
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


# --- the build ------------------------------------------------------------------------

def build(paths: Iterable[str], store: Store, options: Options = Options(), *, jobs: int = 1, dask: str | None = None,
          batch_size: int = BATCH_SIZE, max_chars: int = 5_000_000, bulk: bool = False,
          extractor: Extractor | None = None, on_progress: Callable[[Outcome], None] | None = None) -> Report:
    """Build the articles under `paths` into `store` and report what happened."""
    started = time.perf_counter()
    report = Report()
    articles = _articles_reporting_errors(read_articles(paths, max_chars=max_chars), report)
    pending: dict[str, str] = {}
    for outcome in outcomes(batches(articles, batch_size), options, jobs=jobs, dask=dask, extractor=extractor):
        if outcome.error:
            report.failures.append(outcome.error)
        elif bulk:
            pending[str(article_iri(outcome.key))] = outcome.ntriples
            if len(pending) >= batch_size:
                store.bulk_replace(pending)
                pending.clear()
        else:
            store.replace_graph(str(article_iri(outcome.key)), outcome.ntriples)
        if not outcome.error:
            report.stored += 1
            report.facts += outcome.facts
        if on_progress:
            on_progress(outcome)
    if pending:
        store.bulk_replace(pending)
    report.seconds = time.perf_counter() - started
    return report


def _articles_reporting_errors(items: Iterable[Article | IngestError], report: Report) -> Iterator[Article]:
    for item in items:
        if isinstance(item, IngestError):
            report.failures.append(str(item))
        else:
            yield item


def remove_article(store: Store, key: str) -> bool:
    """Delete one article's named graph (its facts and mentions); True if it existed."""
    return store.remove_graph(str(article_iri(key)))


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
