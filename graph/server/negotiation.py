"""Content negotiation for the SPARQL endpoint: which result format an Accept header asks for."""
from __future__ import annotations

#: Media type → result format, in the server's order of preference (the first is the default).
SOLUTION_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld", "application/json": "jsonld",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
}


def accept_ranges(header: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; a malformed q counts as 0 (not acceptable)."""
    ranges = []
    for part in header.split(",")[:64]:
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _specificity(media_range: str, offer: str) -> int | None:
    """How closely a media range matches an offered type: 2 exact, 1 type/*, 0 */*, None no match."""
    if media_range == offer:
        return 2
    kind, _, sub = media_range.partition("/")
    if sub == "*" and offer.startswith(kind + "/"):
        return 1
    return 0 if media_range == "*/*" else None


def negotiate(kind: str, accept: str | None) -> str | None:
    """The result format to answer with, or None when the client accepts none we offer."""
    offers = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    ranges = accept_ranges(accept or "") or [("*/*", 1.0)]
    best, best_quality = None, 0.0
    for offer, fmt in offers.items():
        matches = [(spec, q) for media, q in ranges if (spec := _specificity(media, offer)) is not None]
        quality = max(matches)[1] if matches else 0.0
        if quality > best_quality:
            best, best_quality = fmt, quality
    return best
