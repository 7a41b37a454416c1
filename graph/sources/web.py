"""A URL given to `kg build` → the pages to read: the page itself, or every entry of the
feed or sitemap (index) it turns out to be, picked by `--since` and `--limit`.

Why the choice is made after fetching: "https://site/news" may serve a page or a feed,
and only the response says which. Problems come back in line with the pages, as
`Problem` values, so one dead link never stops a feed.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping

from graph.dates import normalise_date
from graph.sources.feeds import Entry, FeedError, looks_like_feed, parse
from graph.sources.fetch import Fetcher, FetchError, Response, canonical_url

_GZIP_MAGIC = b"\x1f\x8b"
#: How deep sitemap indexes may nest (an index of indexes of sitemaps); deeper ones are not followed.
MAX_SITEMAP_DEPTH = 3


@dataclass(frozen=True)
class Fetched:
    """A page as fetched, with the feed entry that listed it (None for a URL given directly)."""

    response: Response
    entry: Entry | None = None


@dataclass(frozen=True)
class Problem:
    """A URL that gave nothing to read, and why (one line)."""

    url: str
    message: str


@dataclass(frozen=True)
class NotModified:
    """A page stored before, under `key`, that the server says has not changed since (HTTP 304)."""

    key: str
    url: str


#: The validators ("etag", "last_modified") of the stored page with this canonical URL, if any.
Validators = Callable[[str], Mapping[str, str] | None]


@dataclass(frozen=True)
class Selection:
    """Which entries of a feed to read: dated on or after `since` (ISO date), the `limit` newest."""

    since: str | None = None
    limit: int | None = None


def pages(url: str, fetcher: Fetcher, selection: Selection = Selection(), *, seen: set[str] | None = None,
          known: Validators | None = None) -> Iterator[Fetched | NotModified | Problem]:
    """The page at `url`, or the selected entries of the feed or sitemap there, each fetched.

    `seen` holds the canonical URLs of the entries already read in this run (two feeds
    often list one page); each is fetched once, and the set is updated. A page `known`
    gives validators for is asked for conditionally, and is NotModified when the server
    says so.
    """
    seen = set() if seen is None else seen
    try:
        first = _page(url, fetcher, known)
        if isinstance(first, NotModified):
            yield first
            return
        response = _unpacked(first, fetcher.politeness.max_bytes)
    except FetchError as error:
        yield Problem(url, error.message)
        return
    if not looks_like_feed(response.media_type, response.body):
        yield Fetched(response)
        return
    entries: list[Entry] = []
    yield from _collect(response, fetcher, selection, entries, seen={canonical_url(url)}, depth=0)
    for entry in select(entries, selection):
        if (key := canonical_url(entry.url)) in seen:
            continue
        seen.add(key)
        try:
            page = _page(entry.url, fetcher, known)
            yield page if isinstance(page, NotModified) else Fetched(page, entry)
        except FetchError as error:
            yield Problem(entry.url, error.message)


def _page(url: str, fetcher: Fetcher, known: Validators | None) -> Response | NotModified:
    """The response at `url`, conditional when a copy of it is stored."""
    key = canonical_url(url)
    response = fetcher.get(url, validators=known(key) if known else None)
    return NotModified(key, url) if response.not_modified else response


def _collect(response: Response, fetcher: Fetcher, selection: Selection, entries: list[Entry], *, seen: set[str],
             depth: int) -> Iterator[Problem]:
    """Add the feed's entries to `entries`, following a sitemap index's sitemaps (those
    changed since `since`, each once); yield what could not be read."""
    try:
        listing = parse(response.body, response.url)
    except FeedError as error:
        yield Problem(response.url, error.message)
        return
    if listing.skipped:
        yield Problem(response.url, f"{listing.skipped} entr{'y' if listing.skipped == 1 else 'ies'} without a link, left out")
    entries.extend(listing.entries)
    for sitemap in listing.sitemaps:
        key = canonical_url(sitemap.url)
        if key in seen or not _since(sitemap, selection.since):
            continue
        seen.add(key)
        if depth + 1 >= MAX_SITEMAP_DEPTH:
            yield Problem(sitemap.url, f"sitemap indexes nested more than {MAX_SITEMAP_DEPTH} deep; not followed")
            continue
        try:
            child = _unpacked(fetcher.get(sitemap.url), fetcher.politeness.max_bytes)
        except FetchError as error:
            yield Problem(sitemap.url, error.message)
            continue
        yield from _collect(child, fetcher, selection, entries, seen=seen, depth=depth + 1)


def _unpacked(response: Response, limit: int) -> Response:
    """A gzip file (sitemaps are often served as `sitemap.xml.gz`) decompressed, within the
    size cap; any other response as it is."""
    if not response.body.startswith(_GZIP_MAGIC):
        return response
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(response.body)) as stream:
            body = stream.read(limit + 1)
    except (OSError, EOFError) as error:
        raise FetchError(f"damaged gzip data: {error}") from None
    if len(body) > limit:
        raise FetchError(f"gzip data unpacks to over the limit of {limit:,} bytes; not read further")
    return replace(response, media_type="application/octet-stream", charset=None, body=body)


def select(entries: list[Entry], selection: Selection) -> list[Entry]:
    """Each page once (by canonical URL), dated on or after `since` when the feed dates it,
    newest first when a limit applies (undated ones after the dated, in feed order)."""
    unique: dict[str, Entry] = {}
    for entry in entries:
        unique.setdefault(canonical_url(entry.url), entry)
    chosen = [entry for entry in unique.values() if _since(entry, selection.since)]
    if selection.limit is None:
        return chosen
    dated = sorted((e for e in chosen if _day(e)), key=_day, reverse=True)
    return (dated + [e for e in chosen if not _day(e)])[: selection.limit]


def _day(entry: Entry) -> str:
    return (normalise_date(entry.date) if entry.date else None) or ""


def _since(entry: Entry, since: str | None) -> bool:
    """Whether the entry may be new enough: undated entries are kept (the page may date them)."""
    day = _day(entry)
    return since is None or not day or day >= since
