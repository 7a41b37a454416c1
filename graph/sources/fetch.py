"""Polite HTTP: every page, feed and sitemap `kg build` reads from the web comes through here.

Why a fetcher of our own rather than trafilatura's: being a good guest on news sites is
the tool's job, not the user's. So, by default and for every request:

* a User-Agent that names the tool and where to read about it;
* robots.txt read once per host (urllib.robotparser) and obeyed, its Crawl-delay too; as
  RFC 9309 asks, a robots.txt that is missing (4xx) allows everything, one that is
  forbidden (401/403) or unreachable (5xx, network error) allows nothing;
* one request at a time, at least `delay` seconds apart on each host;
* a timeout on the whole response, not only between bytes, and a cap on its size;
* only http and https, redirects included (each hop checked again, robots.txt too);
* a page read before is asked for conditionally (its ETag and Last-Modified), so a server
  answers 304 and sends nothing when it has not changed.

A problem is raised as `FetchError` with a one-line reason; graph.ingest reports it
against the URL and goes on with the next one.
"""
from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Mapping
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

try:
    _VERSION = version("newsgraph")
except PackageNotFoundError:  # run from a checkout that was never installed
    _VERSION = "dev"

#: Names the tool to the sites it reads, so their operators know whom to ask.
USER_AGENT = f"newsgraph/{_VERSION} (news knowledge-graph builder; +https://w3id.org/newsgraph)"
#: The token robots.txt groups are matched against.
ROBOTS_AGENT = "newsgraph"
#: The longest Crawl-delay obeyed; a site asking for more is read at this pace.
MAX_CRAWL_DELAY = 60.0
ROBOTS_MAX_BYTES = 512 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Query parameters that track a click, not name a page: dropped from canonical URLs.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid")


class FetchError(Exception):
    """A URL that could not be read, and why (one line)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Politeness:
    """How the fetcher treats the sites it reads."""

    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for a whole response
    max_bytes: int = 10 * 1024 * 1024  # largest response body read
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    """A successful response, read whole."""

    url: str  # after redirects
    media_type: str  # "text/html", lowercased, without parameters
    charset: str | None  # from the Content-Type header
    body: bytes
    fetched: str  # when, as an ISO 8601 UTC timestamp
    etag: str | None = None  # the validators a later conditional request sends back
    last_modified: str | None = None
    not_modified: bool = False  # HTTP 304: the copy the validators came from is still current


def is_web(location: str) -> bool:
    """Whether a build argument is a URL to fetch rather than a path."""
    return location.lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """One spelling per page: scheme and host lowercased, default port, fragment and
    tracking parameters dropped, an empty path written "/". It is an article's key."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


class Fetcher:
    """Fetches URLs one at a time, politely; reuse one for a whole build so the per-host
    pacing and the robots.txt cache span every feed and page of it."""

    def __init__(self, politeness: Politeness = Politeness(), *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.politeness = politeness
        self._clock, self._sleep = clock, sleep
        self._http = httpx.Client(headers={"User-Agent": politeness.user_agent}, follow_redirects=False,
                                  timeout=httpx.Timeout(politeness.timeout))
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}  # origin → rules, or why none
        self._last: dict[str, float] = {}  # origin → when it was last asked

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, validators: Mapping[str, str] | None = None) -> Response:
        """The response at `url` after redirects, or FetchError. With the ETag and Last-Modified
        of a copy read before (`validators`), the request is conditional, and a server with
        nothing newer answers 304 without a body."""
        current = url
        headers = conditional_headers(validators or {})
        for _ in range(self.politeness.max_redirects + 1):
            self._check_allowed(current)
            response = self._request(current, headers)
            if response.status_code == 304 and headers:
                response.close()
                return Response(url=current, media_type="", charset=None, body=b"", fetched=_now(), not_modified=True)
            if response.status_code not in REDIRECTS:
                return self._read(current, response)
            location = response.headers.get("location")
            response.close()
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location")
            current = urljoin(current, location)
        raise FetchError(f"more than {self.politeness.max_redirects} redirects (last to {current})")

    # --- one request --------------------------------------------------------------------

    def _check_allowed(self, url: str) -> None:
        """Refuse what is not http(s), and what the site's robots.txt keeps us from."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as error:
            raise FetchError(f"not a valid URL: {error}") from None
        if parts.scheme.lower() not in {"http", "https"}:
            raise FetchError(f"only http(s) URLs are fetched, not {url}")
        if not host:
            raise FetchError(f"not a valid URL: no host in {url}")
        rules = self._rules(_origin(url))
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")

    def _request(self, url: str, headers: Mapping[str, str]) -> httpx.Response:
        origin = _origin(url)
        self._pace(origin)
        try:
            return self._http.send(self._http.build_request("GET", url, headers=headers), stream=True)
        except httpx.InvalidURL as error:
            raise FetchError(f"not a valid URL: {error}") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.politeness.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise FetchError(f"cannot connect: {error}") from None
        finally:
            self._last[origin] = self._clock()

    def _pace(self, origin: str) -> None:
        """Wait until this host's delay (or its robots.txt Crawl-delay) has passed."""
        rules = self._robots.get(origin)
        asked = rules.crawl_delay(ROBOTS_AGENT) if isinstance(rules, urllib.robotparser.RobotFileParser) else None
        delay = max(self.politeness.delay, min(float(asked or 0), MAX_CRAWL_DELAY))
        last = self._last.get(origin)
        if last is not None and (wait := last + delay - self._clock()) > 0:
            self._sleep(wait)

    def _read(self, url: str, response: httpx.Response) -> Response:
        """The whole body, within the size cap and the timeout; an error status is refused."""
        limit = self.politeness.max_bytes
        deadline = self._clock() + self.politeness.timeout
        try:
            if not response.is_success:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"response is {int(declared):,} bytes, over the limit of {limit:,}; not read")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"response is over the limit of {limit:,} bytes; not read further")
                if self._clock() > deadline:
                    raise FetchError(f"timed out after {self.politeness.timeout:g} s")
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.politeness.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise FetchError(f"connection broke off: {error}") from None
        finally:
            response.close()
        content_type = response.headers.get("content-type", "")
        return Response(url=url, media_type=content_type.split(";")[0].strip().lower(),
                        charset=response.charset_encoding, body=bytes(body), fetched=_now(),
                        etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))

    # --- robots.txt ---------------------------------------------------------------------

    def _rules(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        """The site's rules, or the reason nothing may be fetched from it (RFC 9309, 2.3.1)."""
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            self._pace(origin)
            response = self._http.get(f"{origin}/robots.txt", follow_redirects=True)
        except httpx.TimeoutException:
            return f"cannot read robots.txt of {urlsplit(origin).netloc}: timed out after {self.politeness.timeout:g} s"
        except httpx.HTTPError as error:
            return f"cannot read robots.txt of {urlsplit(origin).netloc}: {error or type(error).__name__}"
        finally:
            self._last[origin] = self._clock()
        if response.status_code in (401, 403):
            rules.disallow_all = True
        elif response.status_code >= 500:
            return f"robots.txt of {urlsplit(origin).netloc} answered HTTP {response.status_code}; not fetched"
        elif response.is_success:
            rules.parse(response.content[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
        else:
            rules.allow_all = True
        return rules


def conditional_headers(validators: Mapping[str, str]) -> dict[str, str]:
    """If-None-Match and If-Modified-Since from a stored copy's "etag" and "last_modified"."""
    names = {"etag": "If-None-Match", "last_modified": "If-Modified-Since"}
    return {names[name]: value for name, value in validators.items() if name in names and value}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
