"""A small news site served from this machine, for the tests of fetching, feeds and sitemaps.

Never the internet: a ThreadingHTTPServer on 127.0.0.1 with a port the system picks,
serving whatever routes a test puts in `NewsSite.routes` (and changes between builds).
Pages carry the furniture real ones do (navigation, cookie banner, footer) so the
tests see that only the article's own text is kept. Every text here is invented.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    with_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    etag: bool = True  # send an ETag (a digest of the body) and answer a matching If-None-Match with 304


def page(title: str, paragraphs: list[str], *, date: str | None = None, canonical: str | None = None,
         charset: str = "utf-8", site: str = "The Example Gazette") -> bytes:
    """An article page wrapped in site furniture, encoded in `charset`."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    html = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | {site}</title>'
            f'<meta property="og:site_name" content="{site}">{meta}{link}</head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> '
            '<a href="/subscribe">Subscribe now</a></nav>'
            '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>'
            f'<main><article><h1>{title}</h1>{body}</article></main>'
            '<aside class="related"><h2>Most read</h2><ul><li><a href="/x">Celebrity chef opens bakery</a></li>'
            '<li><a href="/y">Ten tips for a tidy garden</a></li></ul></aside>'
            f'<footer>Copyright 2025 {site}. All rights reserved. <a href="/privacy">Privacy policy</a></footer>'
            '</body></html>')
    return html.encode(charset)


def rss(items: list[tuple[str, str, str | None]], *, title: str = "Example Gazette: Politics") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 822 date or None) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link>" + (f"<pubDate>{d}</pubDate>" if d else "")
                      + "</item>" for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f'<link>http://example.invalid/</link><description>News</description>{entries}</channel></rss>').encode()


def atom(entries: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (link, title, ISO timestamp) entries."""
    body = "".join(f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated></entry>'
                   for link, t, d in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>'
            f'<id>urn:gazette</id><updated>2025-06-01T00:00:00Z</updated>{body}</feed>').encode()


def rss1(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 1.0 (RDF) feed of (link, title, ISO date) items."""
    body = "".join(f'<item rdf:about="{link}"><title>{t}</title><link>{link}</link><dc:date>{d}</dc:date></item>'
                   for link, t, d in items)
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="urn:c"><title>Gazette</title></channel>{body}</rdf:RDF>').encode()


def sitemap(urls: list[tuple[str, str | None]]) -> bytes:
    body = "".join(f"<url><loc>{u}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>" for u, d in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</urlset>").encode()


def sitemap_index(sitemaps: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<sitemap><loc>{u}</loc><lastmod>{d}</lastmod></sitemap>" for u, d in sitemaps)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</sitemapindex>").encode()


class NewsSite:
    """The server: `url(path)` names a route, `requests` lists (method, path, User-Agent) seen,
    `answers` (path, status) given.
    Port 0 lets the system pick a free one (the tests); a fixed port gives stable URLs (the demo)."""

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, str]] = []
        self.answers: list[tuple[str, int]] = []  # (path, status) of every answer
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
                site.requests.append(("GET", self.path, self.headers.get("User-Agent", "")))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"<html><body><p>Page not found.</p></body></html>", status=404)
                time.sleep(route.delay)
                tag = f'"{hashlib.sha1(route.body).hexdigest()[:16]}"' if route.etag and route.status == 200 else None
                if tag is not None and self.headers.get("If-None-Match") == tag:
                    site.answers.append((self.path, 304))
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                site.answers.append((self.path, route.status))
                try:
                    self.send_response(route.status)
                    if tag is not None:
                        self.send_header("ETag", tag)
                    self.send_header("Content-Type", route.content_type)
                    if route.with_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes, **options) -> str:
        self.routes[path] = Route(body, **options)
        return self.url(path)

    def fetched(self, path: str) -> int:
        """How many times `path` was asked for."""
        return sum(1 for _, seen, _ in self.requests if seen == path)

    def __enter__(self) -> "NewsSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
