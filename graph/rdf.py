"""Extraction → RDF: the only module that writes triples (see docs/CONTRACT.md).

Everything one article yields becomes one rdflib Graph, later stored as the article's
named graph. The writer is faithful rather than judgemental: it raises `ValueError` only
for values that cannot be written as the contract's RDF at all (an unknown entity type
or relation, an entity key that is not IRI-safe, a malformed date or Wikidata id, a
non-finite confidence). Anything expressible but wrong — a status the relation does not
allow, a confidence of 1.5, a fact pointing at an entity that is not in the extraction —
is written as given and left to the SHACL shapes (`graph.validate`) to report.

No blank nodes are written, so the same Extraction always gives the same triples, and
`extraction_ntriples` gives the same text.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef

from graph.fingerprint import content_hash, text_print
from graph.model import ENTITY_TYPES, RELATIONS, Article, Bounds, Entity, Extraction, Fact, Tenure, slug
from graph.resources import resource
from graph.sources.fetch import is_web
from graph.timebounds import statement_bounds
from graph.terms import KG, ORG, OWL, PREFIXES, PROV, RDF, RDFS, RESOURCE, SDO, SKOS, TIME, WD, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Where newsgraph.ttl and shapes.ttl live (the repository's ontology/ folder, packaged).
ONTOLOGY_DIR = resource("ontology")

# One or more path segments of IRI-unreserved characters; a segment may not start with
# "." so that "." and ".." (which IRI resolution would collapse) cannot occur.
_KEY = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*")
_QID = re.compile(r"Q[1-9][0-9]*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Characters escaped as \uXXXX in N-Triples output besides the ones rdflib escapes:
# controls and Unicode line/paragraph separators, so that the text splits into lines
# on "\n" alone and no line-oriented tool (str.splitlines included) cuts a literal.
_LINE_SAFE = {
    code: f"\\u{code:04X}"
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    if code != 0x0A
}


# --- IRIs -------------------------------------------------------------------------


def article_iri(key: str) -> URIRef:
    """The article's IRI, which also names its graph: …/id/article/<slug(key)>."""
    return RESOURCE[f"article/{slug(key)}"]


def entity_iri(key: str) -> URIRef:
    """The entity's IRI, …/id/<key>; the key must already be IRI-safe (a slug path).

    Keys are not escaped, because escaping would give two spellings of one key two
    IRIs; a key outside the slug alphabet means an earlier stage has a bug.
    """
    if not _KEY.fullmatch(key):
        raise ValueError(f"entity key {key!r} is not an IRI-safe slug path like 'person/sanae-takaichi'")
    return RESOURCE[key]


def fact_iri(article_key: str, fact: Fact) -> URIRef:
    """The statement node's IRI: a hash of article, subject, relation and object.

    So one article stating the same fact twice yields one statement node, and
    rebuilding an article reuses the same IRIs.
    """
    seed = f"{article_key}|{fact.subject}|{fact.relation}|{fact.object}"
    digest = hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()
    return RESOURCE[f"fact/{digest[:16]}"]


# --- literals -----------------------------------------------------------------------


def _date_literal(value: str, what: str) -> Literal:
    """An xsd:date literal; refuses anything but a real YYYY-MM-DD date."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)")
    date.fromisoformat(value)  # raises ValueError for 2025-02-30 and the like
    return Literal(value, datatype=XSD.date)


def _decimal_literal(value: float) -> Literal:
    """An xsd:decimal literal written in plain notation (xsd:decimal has no exponent)."""
    if not math.isfinite(value):
        raise ValueError(f"confidence {value!r} is not a finite number")
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def _year_literal(year: int) -> Literal:
    """An xsd:gYear literal: at least four digits, as the datatype requires."""
    sign = "-" if year < 0 else ""
    return Literal(f"{sign}{abs(year):04d}", datatype=XSD.gYear)


def _wikidata_iri(qid: str) -> URIRef:
    """The Wikidata entity IRI for a Q-id such as "Q17"."""
    if not _QID.fullmatch(qid):
        raise ValueError(f"Wikidata id {qid!r} is not of the form Q123")
    return WD[qid]


# --- triples ------------------------------------------------------------------------


def article_triples(article: Article, text: str, entities: Iterable[Entity]) -> Iterator[Triple]:
    """The article node: its metadata, cleaned text and a kg:mentions per entity."""
    iri = article_iri(article.key)
    yield iri, RDF.type, KG.Article
    yield iri, KG.key, Literal(article.key)
    if article.title is not None:
        yield iri, SDO.headline, Literal(article.title)
    if article.date is not None:
        yield iri, SDO.datePublished, _date_literal(article.date, "article date")
    if article.url is not None:
        yield iri, SDO.url, Literal(article.url, datatype=XSD.anyURI)
    if article.source is not None:
        yield iri, KG.source, Literal(article.source)
    yield iri, SDO.articleBody, Literal(text)
    for entity in entities:
        yield iri, KG.mentions, entity_iri(entity.key)
    yield iri, KG.contentHash, Literal(content_hash(article))
    text_fingerprint = text_print(article) if article.url is not None else None
    if text_fingerprint is not None:
        yield iri, KG.textPrint, Literal(text_fingerprint)
    yield from source_triples(iri, iri, article)


def web_iri(url: str | None) -> URIRef | None:
    """An http(s) URL as an IRI (characters IRIs forbid percent-encoded), else None."""
    if url is None or not is_web(url):
        return None
    return URIRef(quote(url, safe="/:?#[]@!$&'()*+,;=%~"))


def source_triples(node: URIRef, article: URIRef, found: Article) -> Iterator[Triple]:
    """Where `found` was read, in PROV-O: its URL is a primary source of `article` (the
    stored article, which a copy names), and `node` was generated by a kg:Retrieval that
    used the URL at a time, listed by a feed, on a site, and got the validators (ETag,
    Last-Modified) a later conditional request sends back."""
    source = web_iri(found.url)
    if source is not None:
        yield article, PROV.hadPrimarySource, source
    retrieval = found.retrieval
    if retrieval is None:
        return
    activity = URIRef(f"{node}/retrieval")
    yield node, PROV.wasGeneratedBy, activity
    yield activity, RDF.type, KG.Retrieval
    if source is not None:
        yield activity, PROV.used, source
    yield activity, PROV.endedAtTime, Literal(retrieval.fetched, datatype=XSD.dateTime)
    feed = web_iri(retrieval.feed)
    if feed is not None:
        yield activity, KG.feed, feed
    if retrieval.site:
        yield node, KG.site, Literal(retrieval.site)
    for prop, value in ((KG.etag, retrieval.etag), (KG.lastModified, retrieval.last_modified)):
        if value:
            yield activity, prop, Literal(value)


def copy_ntriples(copy: Article, original_key: str) -> str:
    """The graph of an article found again at another URL: a kg:Copy of the stored one,
    whose URL becomes one more source of it; nothing is extracted twice."""
    node, original = article_iri(copy.key), article_iri(original_key)
    triples = [(node, RDF.type, KG.Copy), (node, KG.key, Literal(copy.key)), (node, KG.copyOf, original),
               (node, KG.contentHash, Literal(content_hash(copy))), *source_triples(node, original, copy)]
    if copy.source is not None:
        triples.append((node, KG.source, Literal(copy.source)))
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    return _sorted_ntriples(graph)


def version_ntriples(article_key: str, version: str) -> str:
    """The line recording which extractor version built an article (graph/fingerprint.py)."""
    graph = new_graph()
    graph.add((article_iri(article_key), KG.extractorVersion, Literal(version)))
    return _sorted_ntriples(graph)


def entity_triples(entity: Entity) -> Iterator[Triple]:
    """An entity's type, labels, Wikidata link and the links its type carries.

    `country` is written only for Offices (kg:officeOf) and PoliticalParties
    (kg:country), and `year` only for Summits, as the contract lists them.
    """
    if entity.type not in ENTITY_TYPES:
        expected = ", ".join(ENTITY_TYPES)
        raise ValueError(f"entity {entity.key!r} has unknown type {entity.type!r}; expected one of {expected}")
    iri = entity_iri(entity.key)
    yield iri, RDF.type, KG[entity.type]
    yield iri, RDFS.label, Literal(entity.label)
    yield iri, SKOS.prefLabel, Literal(entity.label)
    for alias in entity.aliases:
        yield iri, SKOS.altLabel, Literal(alias)
    if entity.wikidata is not None:
        yield iri, OWL.sameAs, _wikidata_iri(entity.wikidata)
    if entity.country is not None and entity.type == "Office":
        yield iri, KG.officeOf, entity_iri(entity.country)
    if entity.country is not None and entity.type == "PoliticalParty":
        yield iri, KG.country, entity_iri(entity.country)
    if entity.year is not None and entity.type == "Summit":
        yield iri, KG.year, _year_literal(entity.year)


def fact_triples(article_key: str, fact: Fact, article_date: str | None = None) -> Iterator[Triple]:
    """The direct triple of one fact, then its kg:Statement node with the evidence and,
    for the relations that last a while, its time bounds (see graph/timebounds.py)."""
    if fact.relation not in RELATIONS:
        raise ValueError(f"fact has unknown relation {fact.relation!r}; expected one of {', '.join(RELATIONS)}")
    subject, predicate, obj = entity_iri(fact.subject), KG[fact.relation], entity_iri(fact.object)
    yield subject, predicate, obj
    node = fact_iri(article_key, fact)
    yield node, RDF.type, KG.Statement
    yield node, RDF.subject, subject
    yield node, RDF.predicate, predicate
    yield node, RDF.object, obj
    if fact.status is not None:
        yield node, KG.status, Literal(fact.status)
    yield node, KG.confidence, _decimal_literal(fact.confidence)
    if fact.valid_at is not None:
        yield node, KG.validAt, _date_literal(fact.valid_at, "fact valid_at")
    yield node, KG.evidenceText, Literal(fact.sentence)
    yield node, KG.startOffset, Literal(fact.start)
    yield node, KG.endOffset, Literal(fact.end)
    yield node, KG.extractor, Literal(fact.extractor)
    yield node, PROV.wasDerivedFrom, article_iri(article_key)
    yield from bounds_triples(node, statement_bounds(fact, article_date))


#: The four bounds' properties, in the order of `Bounds`' fields.
BOUND_PROPERTIES = {"start_after": KG.startAfter, "start_before": KG.startBefore, "end_after": KG.endAfter,
                    "end_before": KG.endBefore}


def bounds_triples(node: URIRef, bounds: Bounds | None) -> Iterator[Triple]:
    """One xsd:date triple per known bound of a statement or tenure."""
    for name, value in (bounds.as_dict().items() if bounds is not None else ()):
        if value is not None:
            yield node, BOUND_PROPERTIES[name], _date_literal(value, name.replace("_", " "))


def tenure_iri(tenure: Tenure) -> URIRef:
    """A tenure's IRI: a hash of person, relation, holding and first evidence (two spells of
    one person in one office begin on different dates)."""
    seed = f"{tenure.person}|{tenure.relation}|{tenure.holding}|{tenure.first_evidence}"
    return RESOURCE[f"tenure/{hashlib.sha1(seed.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"]


def tenure_triples(tenure: Tenure) -> Iterator[Triple]:
    """One tenure as a W3C ORG membership whose time is an OWL-Time interval.

    The interval's beginning and end are instants given a date (time:inXSDDate) only when
    the bounds pin it to one day; the four kg: bounds on the tenure carry the rest.
    """
    node = tenure_iri(tenure)
    person, holding = URIRef(tenure.person), URIRef(tenure.holding)
    yield node, RDF.type, KG.Tenure
    yield node, ORG.member, person
    yield node, KG.tenureOf, holding
    if tenure.relation != "holdsOffice":
        yield node, ORG.organization, holding
    yield node, KG.tenureRelation, KG[tenure.relation]
    yield node, KG.firstEvidence, _date_literal(tenure.first_evidence, "first evidence")
    yield node, KG.lastEvidence, _date_literal(tenure.last_evidence, "last evidence")
    for statement in tenure.statements:
        yield node, KG.supportedBy, URIRef(statement)
    yield from bounds_triples(node, tenure.bounds)
    during = URIRef(f"{node}/during")
    yield node, ORG.memberDuring, during
    yield during, RDF.type, TIME.ProperInterval
    for edge, low, high in ((TIME.hasBeginning, tenure.bounds.start_after, tenure.bounds.start_before),
                            (TIME.hasEnd, tenure.bounds.end_after, tenure.bounds.end_before)):
        instant = URIRef(f"{during}/{local_name_of(edge)}")
        yield during, edge, instant
        yield instant, RDF.type, TIME.Instant
        if low is not None and low == high:
            yield instant, TIME.inXSDDate, _date_literal(low, "instant")


def local_name_of(iri: URIRef) -> str:
    """The name after the vocabulary's namespace: "hasEnd" of time:hasEnd."""
    return str(iri).rsplit("#", 1)[-1]


def tenures_ntriples(tenures: Iterable[Tenure], labels: dict[str, str]) -> str:
    """The derived tenures graph as sorted N-Triples, with the labels of the people and holdings
    (so that name lookups need only this graph)."""
    graph = new_graph()
    for tenure in tenures:
        for triple in tenure_triples(tenure):
            graph.add(triple)
    for iri, label in labels.items():
        graph.add((URIRef(iri), RDFS.label, Literal(label)))
    return _sorted_ntriples(graph)


def distinct_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object): the best-supported of each group.

    The statement IRI depends only on those three and the article, so two facts that
    share them would merge into one node with two confidences and two evidence
    sentences. Keep the one with the highest confidence, then the earliest evidence,
    then the first given.
    """
    best: dict[tuple[str, str, str], Fact] = {}
    for fact in facts:
        group = (fact.subject, fact.relation, fact.object)
        kept = best.get(group)
        if kept is None or (fact.confidence, -fact.start) > (kept.confidence, -kept.start):
            best[group] = fact
    return list(best.values())


# --- graphs -------------------------------------------------------------------------


def new_graph() -> Graph:
    """An empty Graph with exactly the project's prefixes bound (and rdflib's none)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def extraction_graph(extraction: Extraction) -> Graph:
    """All triples for one article: the content of the article's named graph."""
    graph = new_graph()
    key = extraction.article.key
    triples = [
        *article_triples(extraction.article, extraction.text, extraction.entities),
        *(triple for entity in extraction.entities for triple in entity_triples(entity)),
        *(triple for fact in distinct_facts(extraction.facts) for triple in fact_triples(key, fact, extraction.article.date)),
    ]
    for triple in triples:
        graph.add(triple)
    return graph


def extraction_ntriples(extraction: Extraction) -> str:
    """The article's triples as N-Triples, one per line, lines sorted.

    Sorting makes the text a pure function of the Extraction, and the extra escaping
    (see `_LINE_SAFE`) makes "\\n" the only line break in it.
    """
    return _sorted_ntriples(extraction_graph(extraction))


def _sorted_ntriples(graph: Graph) -> str:
    text = graph.serialize(format="nt").translate(_LINE_SAFE)
    lines = sorted(line for line in text.split("\n") if line)
    return "\n".join(lines) + "\n"


def _ontology_file(name: str) -> Path:
    """The path of one of the project's Turtle files, or a FileNotFoundError that says where to look."""
    path = ONTOLOGY_DIR / name
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: newsgraph reads its ontology and shapes from the ontology/ folder "
            "next to the graph/ package, which a non-editable install does not copy; "
            "run from a checkout or install with `pip install -e .`"
        )
    return path


def ontology_graph() -> Graph:
    """The newsgraph OWL ontology (ontology/newsgraph.ttl), freshly parsed."""
    return Graph(bind_namespaces="none").parse(_ontology_file("newsgraph.ttl"), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes for article graphs (ontology/shapes.ttl), freshly parsed."""
    return Graph(bind_namespaces="none").parse(_ontology_file("shapes.ttl"), format="turtle")
