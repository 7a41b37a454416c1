"""Extraction on a Dask distributed cluster: the same Outcomes as a local build, from many machines.

Why Dask: it is an existing, widely deployed engine that already schedules work, ships data
and restarts dead workers, so a build that outgrows one machine needs no home-made cluster
code. `local:N` starts a cluster of N worker processes on this machine (handy for tests and
for comparing with `--jobs N`); `tcp://host:port` joins a scheduler someone already runs,
whose workers must have newsgraph and its spaCy model installed.

The driver submits batches and keeps only a bounded number in flight, so memory stays flat
however long the input is; it collects them in submission order, so the store receives the
same articles in the same order as a one-process build. Each worker builds its Extractor
once per Options and keeps it for every later batch. A batch that fails as a whole (the
pipeline cannot load, a worker dies twice) becomes one error Outcome per article in it: the
build reports them and goes on.
"""
from __future__ import annotations

import logging
from collections import deque
from contextlib import contextmanager
from typing import Iterable, Iterator

from graph.workers import Options, Outcome, extract_batch, make_extractor
from graph.extract import Extractor
from graph.model import Article

LOCAL = "local:"
#: Batches waiting per worker: one running and one queued keeps every worker busy.
IN_FLIGHT_PER_WORKER = 2

_EXTRACTORS: dict[Options, Extractor] = {}


def dask_outcomes(article_batches: Iterable[list[Article]], options: Options, address: str) -> Iterator[Outcome]:
    """Outcomes in input order, extracted on the Dask cluster at `address` (`local:N` or `tcp://…`)."""
    with connected_client(address) as client:
        limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending: deque = deque()
        for batch in article_batches:
            pending.append((batch, client.submit(extract_on_worker, options, batch, pure=False)))
            if len(pending) >= limit:
                yield from _collected(*pending.popleft())
        while pending:
            yield from _collected(*pending.popleft())


@contextmanager
def connected_client(address: str):
    """A client on a new local cluster (`local:N`) or on the scheduler at `address`; closed after."""
    from distributed import Client, LocalCluster

    if address.startswith(LOCAL):
        workers = _local_workers(address)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    with Client(address, timeout="30s") as client:
        yield client


def _local_workers(address: str) -> int:
    count = address[len(LOCAL):]
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"--dask {address}: expected local:N with N ≥ 1 workers, or tcp://host:port")
    return int(count)


def extract_on_worker(options: Options, articles: list[Article]) -> list[Outcome]:
    """Runs on a worker: reuse that worker's extractor for these options, loading it the first time."""
    extractor = _EXTRACTORS.get(options)
    if extractor is None:
        extractor = _EXTRACTORS[options] = make_extractor(options)
    return extract_batch(extractor, articles)


def _collected(batch: list[Article], future) -> list[Outcome]:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost batch is reported per article, the build goes on
        reason = f"{type(error).__name__}: {error}"
        return [Outcome(key=a.key, source=a.source or a.key, error=f"{a.source or a.key}: worker failed: {reason}")
                for a in batch]
