"""RSS 1.0, RSS 2.0, Atom, XML sitemaps and sitemap indexes → the links they list.

Why one small reader over lxml rather than a feed library: the build needs only each
entry's link, title and date, and sitemaps (which feed libraries do not read) need the
same. Elements are matched by local name, so the namespaces feeds get wrong or leave
out do not matter. The parser never resolves entities or reaches the network, so a
hostile feed can neither read local files nor expand into gigabytes.
"""
from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.etree

#: Root elements (local names) of the XML documents read here.
FEED_ROOTS = frozenset({"rss", "RDF", "feed", "urlset", "sitemapindex"})
_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_LENIENT = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
#: Where each format keeps an entry's date, best first (RSS, RSS 1.0's Dublin Core, Atom,
#: Google News sitemaps, sitemaps).
_DATES = ("pubDate", "date", "published", "publication_date", "updated", "lastmod")
_TITLES = ("title",)


class FeedError(ValueError):
    """A document that is not a feed or sitemap that can be read."""


@dataclass(frozen=True)
class Entry:
    """One link a feed or sitemap lists; `date` as written there (graph.dates reads it)."""

    url: str
    title: str | None = None
    date: str | None = None
    feed: str | None = None  # the feed or sitemap that listed it


@dataclass(frozen=True)
class Listing:
    """What one feed or sitemap lists: entries, and (for a sitemap index) more sitemaps."""

    kind: str  # "rss", "rss1", "atom", "sitemap" or "sitemapindex"
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[Entry] = field(default_factory=list)
    skipped: int = 0  # entries without a link


def looks_like_feed(media_type: str, body: bytes) -> bool:
    """Whether a response is a feed or sitemap: by its type, else by its first element."""
    if media_type.endswith(("rss+xml", "atom+xml", "rdf+xml")):
        return True
    if media_type not in {"text/xml", "application/xml", "application/octet-stream", ""}:
        return False
    head = body[:2048].lstrip().lower()
    return any(f"<{root.lower()}".encode() in head for root in FEED_ROOTS)


def parse(body: bytes, url: str) -> Listing:
    """The entries (and child sitemaps) of the document at `url`; relative links are
    resolved against it."""
    root = _root(body)
    name = _local(root)
    if name == "sitemapindex":
        return _listing("sitemapindex", [_sitemap_entry(item, url) for item in _children(root, "sitemap")])
    if name == "urlset":
        return _listing("sitemap", [_sitemap_entry(item, url) for item in _children(root, "url")])
    if name == "feed":
        return _listing("atom", [_atom_entry(item, url) for item in _children(root, "entry")])
    if name == "rss":
        channel = next(iter(_children(root, "channel")), root)
        return _listing("rss", [_rss_entry(item, url) for item in _children(channel, "item")])
    if name == "RDF":
        return _listing("rss1", [_rss_entry(item, url) for item in _children(root, "item")])
    raise FeedError(f"an XML document whose root is <{name}>, not a feed or sitemap")


def _root(body: bytes):
    """The document's root element. Feeds in the wild break XML's rules, most often with an
    HTML entity (&nbsp;) or a bare "&" in a link; a document that is not well-formed is read
    again with those repaired, then by lxml's recovering parser, and refused only when that
    finds nothing either."""
    try:
        return lxml.etree.fromstring(body, parser=_PARSER)
    except lxml.etree.XMLSyntaxError as error:
        problem = error
    for text, parser in ((_repaired(body), _PARSER), (body, _LENIENT)):
        try:
            root = lxml.etree.fromstring(text, parser=parser)
        except lxml.etree.XMLSyntaxError:
            continue
        if root is not None:
            return root
    raise FeedError(f"not well-formed XML: {problem}")


def _repaired(body: bytes) -> bytes:
    """HTML's named entities as character references, and a bare "&" as "&amp;"."""
    def entity(match: re.Match) -> bytes:
        name = match[1].decode("ascii")
        if name in _XML_ENTITIES:
            return match[0]
        code = html.entities.name2codepoint.get(name)
        return f"&#{code};".encode() if code else b"&amp;" + match[0][1:]
    return _BARE_AMPERSAND.sub(b"&amp;", _NAMED_ENTITY.sub(entity, body))


def _listing(kind: str, found: list[Entry | None]) -> Listing:
    entries = [entry for entry in found if entry is not None]
    if kind == "sitemapindex":
        return Listing(kind, sitemaps=entries, skipped=len(found) - len(entries))
    return Listing(kind, entries=entries, skipped=len(found) - len(entries))


# --- formats -------------------------------------------------------------------------


def _rss_entry(item, feed: str) -> Entry | None:
    """RSS 2.0 `<item>` (link, else a permalink guid) or RSS 1.0 `<item rdf:about>`."""
    link = _text(item, "link")
    if not link:
        guid = next(iter(_children(item, "guid")), None)
        if guid is not None and guid.get("isPermaLink", "true") != "false":
            link = (guid.text or "").strip()
    link = link or next((value for key, value in item.attrib.items() if key.endswith("about")), None)
    return _entry(link, item, feed)


def _atom_entry(item, feed: str) -> Entry | None:
    """Atom `<entry>`: the alternate link (a link without rel is one)."""
    links = [link for link in _children(item, "link") if link.get("rel", "alternate") == "alternate"]
    return _entry(links[0].get("href") if links else None, item, feed)


def _sitemap_entry(item, feed: str) -> Entry | None:
    """A `<url>` or `<sitemap>`: `<loc>` and `<lastmod>`, or a Google News title and date."""
    return _entry(_text(item, "loc"), item, feed)


def _entry(link: str | None, item, feed: str) -> Entry | None:
    """The entry, or None when it has no link to follow."""
    if not link or not link.strip():
        return None
    return Entry(url=urljoin(feed, link.strip()), title=_first_text(item, _TITLES), date=_first_text(item, _DATES),
                 feed=feed)


# --- elements by local name -------------------------------------------------------------


def _local(element) -> str:
    return lxml.etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if isinstance(child.tag, str) and _local(child) == name]


def _text(element, name: str) -> str | None:
    """The text of the first child called `name`, or None."""
    for child in _children(element, name):
        text = "".join(child.itertext()).strip()
        if text:
            return text
    return None


def _first_text(element, names: tuple[str, ...]) -> str | None:
    """The first of these children (searched to any depth, for Google News sitemaps) with text."""
    for name in names:
        for child in element.iter():
            if isinstance(child.tag, str) and _local(child) == name and child is not element:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return None

