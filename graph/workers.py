"""Extracting batches of articles, in this process or in a pool of worker processes.

Each worker loads spaCy once (it takes a second) and returns, per article, its N-Triples
or the one-line reason it has none, so a bad article never takes its batch down. Results
come back in input order, so a parallel build writes exactly what a serial one does.
"""
from __future__ import annotations

import itertools
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator

from graph.document import make_document
from graph.extract import Extractor
from graph.model import Article
from graph.rdf import extraction_ntriples


@dataclass(frozen=True)
class Options:
    """What a build needs to rebuild its extractor anywhere (a worker, a Dask node)."""

    model: str | None = None
    gazetteer_files: tuple[str, ...] = ()
    min_confidence: float = 0.0
    rules_only: bool = False


@dataclass(frozen=True)
class Outcome:
    """One article's result: its N-Triples, or the reason it has none."""

    key: str
    source: str
    ntriples: str | None = None
    facts: int = 0
    error: str | None = None


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
                     min_confidence=options.min_confidence, rules_only=options.rules_only)


def local_outcomes(article_batches: Iterable[list[Article]], options: Options, *, jobs: int = 1,
                   extractor: Extractor | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, from this process or from `jobs` worker processes."""
    if jobs <= 1:
        for batch in article_batches:
            extractor = extractor or make_extractor(options)  # not before a batch comes: a build may have none
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


