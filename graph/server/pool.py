"""The query workers: a fixed pool of processes, each with the store opened read-only.

pyoxigraph cannot cancel a query mid-flight, and some queries overflow its parser's
stack and kill the process (a few thousand nested brackets or a long `1+1+…` chain;
measured here); a thread could do nothing about either. A process can be killed: a job
over its time limit raises QueryTimeout and its worker is replaced, so it burns no CPU
afterwards; a job that crashes its worker raises WorkerCrashed and the pool carries on.
Jobs run on a 1 GiB thread stack, which the measured crashes stay well inside for any
query under the body limit.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from typing import Any

from graph.remote import open_store
from graph.server.jobs import EXPECTED_ERRORS, JOBS

DEFAULT_WORKERS = min(4, os.cpu_count() or 1)
WORKER_STACK = 1 << 30  # bytes


class NotFound(LookupError):
    """A job found nothing by the name or IRI it was given (its ValueError): answered 404."""


def worker_main(conn, store_dir: str) -> None:
    """A worker process: open the store, then answer jobs until the pipe closes.

    The loop runs on a thread with a 1 GiB stack (virtual; only what is used is
    touched), so deeply nested queries do not overflow Oxigraph's recursive parser.
    """
    threading.stack_size(WORKER_STACK)
    thread = threading.Thread(target=_answer_jobs, args=(conn, store_dir), name="kg-query-jobs")
    thread.start()
    thread.join()


def _answer_jobs(conn, store_dir: str) -> None:
    try:
        store = open_store(store_dir)
    except Exception as error:  # noqa: BLE001 - reported to the parent, which gives up
        conn.send(("error", type(error).__name__, str(error)))
        return
    conn.send(("ok", "ready"))
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", JOBS[job](store, *args))
        except Exception as error:  # noqa: BLE001 - sent back; the worker lives on
            name = type(error).__name__
            kind = name if name in EXPECTED_ERRORS else ("ValueError" if isinstance(error, ValueError) else "Error")
            reply = ("error", kind, str(error))
        conn.send(reply)


class QueryTimeout(Exception):
    """The job did not finish within the time limit (its worker was killed): answered 503."""


class Overloaded(Exception):
    """No worker came free within the time limit: answered 503."""


class WorkerCrashed(Exception):
    """The job killed its worker (which has been replaced): answered 500."""


class Worker:
    """One query process and the pipe to it."""

    def __init__(self, store_dir: str):
        context = multiprocessing.get_context("spawn")  # fork is unsafe once the server runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, store_dir), daemon=True,
                                       name="kg-query-worker")
        self.process.start()
        child.close()

    @classmethod
    def started(cls, store_dir: str, *, timeout_s: float = 120.0) -> "Worker":
        """A worker that has opened the store and is waiting for jobs."""
        worker = cls(store_dir)
        try:
            if not worker.conn.poll(timeout_s):
                raise RuntimeError(f"query worker did not start within {timeout_s:g} s")
            status, *detail = worker.conn.recv()
        except (EOFError, OSError):
            status, detail = "error", ["Error", "query worker exited while starting"]
        if status != "ok":
            worker.kill()
            raise RuntimeError(f"query worker could not open the store: {detail[-1]}")
        return worker

    def call(self, job: str, args: tuple, timeout_s: float) -> tuple:
        """Send a job and wait for its reply; QueryTimeout or WorkerCrashed leave the worker unusable."""
        try:
            self.conn.send((job, args))
            if not self.conn.poll(timeout_s):
                raise QueryTimeout(f"query timed out after the server's limit of {timeout_s:.3g} s; "
                                   "narrow it down or add a LIMIT")
            return self.conn.recv()
        except (EOFError, OSError) as error:
            code = self.process.exitcode
            raise WorkerCrashed(f"the query crashed its worker process (exit code {code}); the server has "
                                "replaced it, but this query cannot be answered") from error

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of workers; a request borrows one for one job, within a deadline."""

    def __init__(self, store_dir: str, *, size: int, timeout_s: float):
        self.store_dir, self.size, self.timeout_s = store_dir, size, timeout_s
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self._replacing: set[asyncio.Task] = set()

    async def start(self) -> None:
        started = await asyncio.gather(*(asyncio.to_thread(Worker.started, self.store_dir) for _ in range(self.size)))
        for worker in started:
            self.workers.add(worker)
            self.idle.put_nowait(worker)

    async def run(self, job: str, *args, timeout_s: float | None = None) -> Any:
        """The job's result from a worker; QueryTimeout, Overloaded, WorkerCrashed or the job's own error."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        try:
            worker = await asyncio.wait_for(self.idle.get(), limit)
        except TimeoutError:
            raise Overloaded(f"server busy: no query worker came free within {limit:g} s; try again later") from None
        healthy = False
        try:
            reply = await asyncio.to_thread(worker.call, job, args, max(deadline - loop.time(), 0.0))
            healthy = True
        finally:
            if healthy:
                self.idle.put_nowait(worker)
            else:
                self.replace(worker)
        return unpack(reply)

    def replace(self, worker: Worker) -> None:
        """Kill a worker that timed out or died, and start another in the background."""
        self.workers.discard(worker)
        worker.kill()
        task = asyncio.get_running_loop().create_task(self._start_one())
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _start_one(self) -> None:
        try:
            worker = await asyncio.to_thread(Worker.started, self.store_dir)
        except RuntimeError as error:
            logging.getLogger("newsgraph.server").error("could not replace a query worker: %s", error)
            return
        self.workers.add(worker)
        self.idle.put_nowait(worker)

    def close(self) -> None:
        for task in self._replacing:
            task.cancel()
        for worker in list(self.workers):
            worker.kill()
        self.workers.clear()


def unpack(reply: tuple) -> Any:
    """A worker's reply as a value, or the job's error raised again here."""
    if reply[0] == "ok":
        return reply[1]
    _, kind, message = reply
    if kind in EXPECTED_ERRORS:
        raise EXPECTED_ERRORS[kind](message)
    if kind == "ValueError":
        raise NotFound(message)
    raise RuntimeError(f"query worker failed: {message}")
