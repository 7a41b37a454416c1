"""The values that flow between stages: article → document → mentions → entities → facts.

Stages hand each other these frozen dataclasses and nothing else (no spaCy or rdflib
objects), so any stage can be tested, pickled to a worker process, or replaced alone.
Standard library only.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, Mapping

EntityType = Literal["Person", "Office", "PoliticalParty", "Summit", "Country", "Organization"]
ENTITY_TYPES: tuple[str, ...] = ("Person", "Office", "PoliticalParty", "Summit", "Country", "Organization")

Relation = Literal["holdsOffice", "memberOf", "leaderOf", "attends", "invitedTo", "organizedBy", "meets"]
RELATIONS: tuple[str, ...] = ("holdsOffice", "memberOf", "leaderOf", "attends", "invitedTo", "organizedBy", "meets")

#: The statuses each relation may carry (None: the relation takes no status).
STATUSES: Mapping[str, tuple[str, ...]] = {
    "holdsOffice": ("current", "former", "elect", "acting"),
    "memberOf": ("current", "former"),
    "leaderOf": ("current", "former", "elect", "acting"),
    "attends": ("attended", "planned", "considering"),
    "invitedTo": (),
    "organizedBy": (),
    "meets": ("held", "planned"),
}


@dataclass(frozen=True)
class Retrieval:
    """How an article was fetched from the web: when, from which site, through which feed."""

    fetched: str  # ISO 8601 UTC timestamp of the response
    site: str | None = None  # the site's name (or host)
    feed: str | None = None  # URL of the feed or sitemap that listed the page
    etag: str | None = None  # the response's validators, for a conditional request next time
    last_modified: str | None = None


@dataclass(frozen=True)
class Article:
    """One input article, as read from a file, a JSONL record, standard input or the web.

    `key` is what the facts contract calls "article": the file's base name, the record
    id for JSONL input, or a web page's canonical URL. It is also the seed of the
    article's IRI.
    """

    key: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    source: str | None = None  # where it was read from: a path, "path:line", "-" or the URL fetched
    metadata: Mapping[str, str] = field(default_factory=dict)
    retrieval: Retrieval | None = None  # for pages fetched from the web


@dataclass(frozen=True)
class Mention:
    """A span of the article text that names (or refers back to) something."""

    start: int  # character offsets into Document.text
    end: int
    text: str
    label: str  # PERSON, COUNTRY, DEMONYM, ORG, PARTY, PARTY_ADJ, SERIES, TITLE, SUMMIT, SUMMIT_REF
    key: str | None = None  # gazetteer key when the span matched one
    year: int | None = None  # a summit mention's year, when the text gives one
    year_offset: int = 0  # "next year's summit" (+1), "last year's" (-1): relative to the article date


@dataclass(frozen=True)
class Entity:
    """A canonical thing in the graph. `key` is stable across articles and runs.

    The key is "<type-slug>/<name-slug>" (for example "person/sanae-takaichi"), so two
    articles that name the same person the same way share one IRI.
    """

    key: str
    type: str  # one of ENTITY_TYPES
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # "Q17"
    country: str | None = None  # key of the Country (or Organization) an Office/Party belongs to
    year: int | None = None  # a Summit's year


@dataclass(frozen=True)
class Fact:
    """One relation stated in one article, with the evidence that states it."""

    subject: str  # Entity.key
    relation: str  # one of RELATIONS
    object: str  # Entity.key
    status: str | None
    confidence: float
    sentence: str
    start: int  # offsets of the evidence sentence in Document.text
    end: int
    valid_at: str | None = None  # ISO date the text says the fact held at
    extractor: str = "rules"  # "rules/<rule name>" or "model/<model name>"


@dataclass(frozen=True)
class Bounds:
    """When a fact began and ended, as four ISO dates (TAC-KBP's temporal slots); None is open.

    The start lies in [start_after, start_before] and the end in [end_after, end_before],
    both ends inclusive. Bounds from separate pieces of evidence combine with `meet`.
    """

    start_after: str | None = None
    start_before: str | None = None
    end_after: str | None = None
    end_before: str | None = None

    def meet(self, other: "Bounds") -> "Bounds":
        """The tightest bounds both allow: the later of the lower bounds, the earlier of the upper."""
        return Bounds(_later(self.start_after, other.start_after), _earlier(self.start_before, other.start_before),
                      _later(self.end_after, other.end_after), _earlier(self.end_before, other.end_before))

    def consistent(self) -> bool:
        """Whether some start and some end not before it fit these bounds."""
        lowest_start = self.start_after or "0000-01-01"
        return all(low <= high for low, high in (
            (lowest_start, self.start_before or "9999-12-31"),
            (self.end_after or lowest_start, self.end_before or "9999-12-31"),
            (lowest_start, self.end_before or "9999-12-31")))

    def as_dict(self) -> dict[str, str | None]:
        return {"start_after": self.start_after, "start_before": self.start_before,
                "end_after": self.end_after, "end_before": self.end_before}


@dataclass(frozen=True)
class Tenure:
    """One spell of a person in an office or a party, merged from every article's statements.

    Derived, never extracted: recomputed from the store after each build or removal, so
    it does not depend on the order articles were built in. `person` and `holding` are
    IRIs; `first_evidence` and `last_evidence` are the dates of the earliest and latest
    supporting statements; `statements` are their IRIs.
    """

    person: str
    relation: str  # holdsOffice, memberOf or leaderOf
    holding: str  # the Office or PoliticalParty
    bounds: Bounds
    first_evidence: str
    last_evidence: str
    statements: tuple[str, ...]


def _later(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


@dataclass(frozen=True)
class Extraction:
    """Everything taken from one article: what goes into that article's named graph."""

    article: Article
    text: str  # the cleaned text the offsets refer to
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]


def unaccented(text: str) -> str:
    """Text with accents dropped ("Sánchez" → "Sanchez"), case and everything else kept:
    the spelling a name has when typed without accents."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bare(text: str) -> str:
    """Text with accents dropped and case folded: what both name forms below start from."""
    return unaccented(text).casefold()


def fold(text: str) -> str:
    """The form in which two names are the same name: case, accents, punctuation, spacing
    and a leading "the" ignored, "&" read as "and".

    Every comparison of names uses it (gazetteer lookups, coreference, name search in
    paths and views, headline matching, scoring against gold), so a name found by one
    stage is found by all. Text without ASCII letters or digits folds to "".
    """
    text = re.sub(r"^the\s+", "", _bare(text).replace("&", " and ").strip())
    return re.sub(r"[^0-9a-z]+", "", text)


#: The shortest name a one-letter slip is read past: below it, a letter makes another name.
MIN_SLIP_LENGTH = 6


def misspelt(form: str, name: str) -> bool:
    """Whether `form` is `name` with one letter changed, added or dropped ("Nazarbeyev" for
    "Nazarbayev"): news misspells long foreign names, and short ones differ by a letter
    ("Kim", "Kin") without being the same name. Both folded; the first letter must agree."""
    if form == name or min(len(form), len(name)) < MIN_SLIP_LENGTH or abs(len(form) - len(name)) > 1 \
            or form[0] != name[0]:
        return False
    if len(form) == len(name):
        return sum(a != b for a, b in zip(form, name)) == 1
    short, long_ = sorted((form, name), key=len)
    cut = next((i for i, (a, b) in enumerate(zip(short, long_)) if a != b), len(short))
    return short[cut:] == long_[cut + 1:]


def slug(text: str) -> str:
    """A lowercase ASCII slug: accents folded, every other run of characters a hyphen.

    "Park Min-ho" and "Park Min Ho" give the same slug, which is what lets name
    variants share an IRI. Text with no ASCII letters or digits falls back to a hash.
    """
    folded = _bare(text).replace("&", " and ").replace("'", "").replace("’", "")
    value = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not value:
        return "h" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(value) > 80:
        return value[:60].rstrip("-") + "-" + hashlib.sha1(value.encode()).hexdigest()[:12]
    return value


TYPE_SLUGS: Mapping[str, str] = {
    "Person": "person",
    "Office": "office",
    "PoliticalParty": "party",
    "Summit": "summit",
    "Country": "country",
    "Organization": "organization",
}


def entity_key(entity_type: str, name: str) -> str:
    """The canonical key of an entity of this type and canonical name."""
    if entity_type not in TYPE_SLUGS:
        raise ValueError(f"unknown entity type {entity_type!r}; expected one of {', '.join(ENTITY_TYPES)}")
    return f"{TYPE_SLUGS[entity_type]}/{slug(name)}"
