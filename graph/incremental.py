"""Which articles a build must extract: new ones and changed ones, not those already stored
as they are, and not a story already stored under another URL.

Why before extraction: extraction is what costs (spaCy, rules, the model); comparing a
digest with the store costs one small query per batch. An article is known by its key
(its IRI) and its content hash (graph/fingerprint.py). A page whose content matches an
article stored under another key, exactly or as a near duplicate, becomes a copy: its
URL is added to that article's sources and nothing is extracted. Only articles with a
URL take part in that matching, since two files of one text are the user's to keep.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph import read
from graph.fingerprint import PrintIndex, content_hash, text_print
from graph.model import Article
from graph.rdf import article_iri


@dataclass
class Counts:
    """What a build found, article by article."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    forced: int = 0  # unchanged, re-extracted because of --force
    copies: int = 0  # stored as a copy of an article at another URL

    @property
    def written(self) -> int:
        """Articles whose statements were (or are about to be) rewritten."""
        return self.new + self.changed + self.forced


@dataclass(frozen=True)
class Plan:
    """One batch's decisions: the articles to extract, and the copies with the keys they repeat."""

    extract: list[Article] = field(default_factory=list)
    copies: list[tuple[Article, str]] = field(default_factory=list)


class Planner:
    """Decides batch by batch; remembers the web articles of the store and of this run, so a
    story met twice in one run is extracted once too. `force` extracts unchanged articles again."""

    def __init__(self, store, *, force: bool = False) -> None:
        self.store, self.force = store, force
        self.counts = Counts()
        self._prints: PrintIndex | None = None  # of the web articles, read when the first one comes

    def plan(self, batch: list[Article]) -> Plan:
        stored = read.content_hashes(self.store, (str(article_iri(a.key)) for a in batch))
        plan = Plan()
        for article in batch:
            digest = content_hash(article)
            before = stored.get(str(article_iri(article.key)))
            if before == digest and not self.force:
                self.counts.unchanged += 1
                continue
            fingerprint = text_print(article) if article.url else None
            original = self._index().same_story(article.key, fingerprint) if fingerprint else None
            if original is not None:
                plan.copies.append((article, original))
                self.counts.copies += 1
                continue
            if before is None:
                self.counts.new += 1
            elif before == digest:
                self.counts.forced += 1
            else:
                self.counts.changed += 1
            plan.extract.append(article)
            if fingerprint:
                self._index().add(article.key, fingerprint)
        return plan

    def _index(self) -> PrintIndex:
        """The prints of the web articles known so far, read from the store the first time a
        web article comes (a build of files never asks)."""
        if self._prints is None:
            self._prints = PrintIndex()
            for key, fingerprint in read.web_prints(self.store):
                self._prints.add(key, fingerprint)
        return self._prints
