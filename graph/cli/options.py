"""What every `kg` command shares: the store it reads or writes, its error handling, the
projection filters, and where output goes. Command modules import this; it imports none of them.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from graph.sparql import QueryError

DEFAULT_STORE = "kg-store"


def store_option(fn: Callable) -> Callable:
    """--store on every command: a store folder, or the URL of a SPARQL 1.1 store (env KG_STORE, default ./kg-store)."""
    return click.option("--store", "store_dir", envvar="KG_STORE", default=DEFAULT_STORE, show_default=True,
                        metavar="DIR|URL", help="Store folder, or http(s):// URL of a SPARQL 1.1 store (env KG_STORE).")(fn)


class UsageProblem(click.ClickException):
    """A failure that is not about the input articles (missing model, busy store, bad
    query): exit code 2, so scripts can tell it from a partial build (exit code 1)."""

    exit_code = 2


def _known_failures() -> tuple[type[BaseException], ...]:
    """The failures `friendly_errors` reports in one line. ModelNotFound is among them only
    once the extraction pipeline, the one place that raises it, is loaded: so commands that
    never extract (`kg holders`, `kg query`, ...) do not pay half a second to import spaCy."""
    from graph.store import StoreBusy

    # OSError: files and remote stores; ValueError: bad options, unknown or ambiguous names
    failures: tuple[type[BaseException], ...] = (StoreBusy, OSError, QueryError, ValueError)
    pipeline = sys.modules.get("graph.extract.pipeline")
    return failures + ((pipeline.ModelNotFound,) if pipeline is not None else ())


def friendly_errors(fn: Callable) -> Callable:
    """Known failures become one-line messages and exit code 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            # The reader stopped early ("kg facts | head"): that is not a failure. Point stdout
            # at /dev/null so the interpreter's last flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:
            if not isinstance(error, _known_failures()):
                raise
            raise UsageProblem(str(error)) from None
    return wrapper


def open_store(store_dir: str, *, write: bool = False, wait: float = 0.0):
    """The store folder, or the SPARQL 1.1 store at an http(s):// URL (imported here, not at
    the top, so that `kg --help` does not load pyoxigraph and httpx)."""
    from graph.remote import open_store as open_any

    return open_any(store_dir, write=write, wait=wait)


def output(path: str | None, *, binary: bool = False) -> IO:
    """The file to write to (its folder made), or stdout for None or "-"."""
    if path in (None, "-"):
        return sys.stdout.buffer if binary else sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "wb" if binary else "w", encoding=None if binary else "utf-8")


def iso_date(ctx, param, value: str | None) -> str | None:
    """A YYYY-MM-DD option, checked here so a typo is a usage error rather than an empty answer."""
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date like 2007-06-27")
    return value


def names(text: str | None) -> frozenset[str]:
    """The comma-separated names of an option, blanks dropped."""
    return frozenset(part.strip() for part in (text or "").split(",") if part.strip())


def filter_options(fn: Callable) -> Callable:
    """The projection filters shared by the commands that read the graph as networkx sees it."""
    options = [
        click.option("--via", help="Only these relations, comma-separated (e.g. attends,holdsOffice,officeOf)."),
        click.option("--status", "statuses", help="Only facts with these statuses, comma-separated "
                                                  "(facts that take no status are kept)."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
                     help="Only evidence at least this confident."),
        click.option("--since", metavar="YYYY-MM-DD", help="Only evidence from articles dated on or after this."),
        click.option("--until", metavar="YYYY-MM-DD", help="Only evidence from articles dated on or before this."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def load_projection(store_dir: str, *, via: str | None, statuses: str | None, min_confidence: float,
               since: str | None, until: str | None):
    """The (cached) projection of the store, local or remote, with the command line's filters."""
    from graph.projection import Filters, project

    filters = Filters(relations=names(via), statuses=names(statuses), min_confidence=min_confidence,
                      since=since, until=until)
    with open_store(store_dir) as store:
        return project(store, filters=filters)
