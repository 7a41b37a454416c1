"""Names of the newsgraph ontology terms and of the vocabularies the graph reuses.

Every module refers to ontology terms through `KG` rather than building IRIs from
strings, so a misspelt term fails loudly (`_fail = True`) instead of silently minting a
new predicate. `tests/test_ontology.py` keeps this list and `ontology/newsgraph.ttl` in
step. Only rdflib's namespace and term modules are imported, so this stays importable
from any stage without pulling in parsers or stores.
"""
from __future__ import annotations

from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    VANN,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "FOAF",
    "KG",
    "ORG",
    "OWL",
    "DATA_PREFIXES",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RESOURCE",
    "SDO",
    "SKOS",
    "TIME",
    "VANN",
    "WD",
    "XSD",
]


class KG(DefinedNamespace):
    """The newsgraph ontology: `https://w3id.org/newsgraph/ontology#`."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ontology#")

    # Classes
    Person: URIRef  # a human being named in the news
    Office: URIRef  # a public post such as "Prime Minister of Japan"
    PoliticalParty: URIRef  # a party that contests elections
    Summit: URIRef  # a meeting of heads of state or government, one per edition
    Country: URIRef  # a sovereign state
    Organization: URIRef  # an international or other organisation (not a party)
    Article: URIRef  # one news article; also names its named graph
    Statement: URIRef  # the qualified, provenance-carrying record of one fact
    Tenure: URIRef  # a spell of a person in an office or party, merged across articles (derived)
    Retrieval: URIRef  # the fetching of a web page (a prov:Activity)
    Copy: URIRef  # a page repeating a stored article's story at another URL

    # Object properties (the fact relations, plus structural links)
    holdsOffice: URIRef  # Person → Office
    officeOf: URIRef  # Office → Country or Organization it belongs to
    memberOf: URIRef  # Person → PoliticalParty
    leaderOf: URIRef  # Person → PoliticalParty they lead
    attends: URIRef  # Person or Country → Summit
    invitedTo: URIRef  # Person or Country → Summit
    organizedBy: URIRef  # Summit → Organization or Country hosting it
    meets: URIRef  # Person ↔ Person (symmetric)
    mentions: URIRef  # Article → any entity it names
    country: URIRef  # PoliticalParty → its Country
    copyOf: URIRef  # Copy → the stored Article it repeats
    feed: URIRef  # Retrieval → the feed or sitemap that listed the page

    # Datatype properties
    key: URIRef  # Article's key, the "article" field of the facts contract
    source: URIRef  # where the Article was read from
    status: URIRef  # Statement's status word, e.g. "former" or "planned"
    confidence: URIRef  # Statement's confidence, xsd:decimal in [0, 1]
    validAt: URIRef  # date the article says the fact held at
    evidenceText: URIRef  # the sentence that states the fact
    startOffset: URIRef  # start of the evidence in the article body
    endOffset: URIRef  # end (exclusive) of the evidence in the article body
    extractor: URIRef  # name of the rule set or model that found the fact
    year: URIRef  # a Summit's year, xsd:gYear
    startAfter: URIRef  # the fact began on or after this date
    startBefore: URIRef  # the fact began on or before this date
    endAfter: URIRef  # the fact ended on or after this date (it still held then)
    endBefore: URIRef  # the fact ended on or before this date
    tenureOf: URIRef  # Tenure → the Office or PoliticalParty held
    tenureRelation: URIRef  # Tenure → the relation it spans: kg:holdsOffice, kg:memberOf or kg:leaderOf
    supportedBy: URIRef  # Tenure → a Statement it is merged from
    firstEvidence: URIRef  # Tenure's earliest supporting statement's date
    lastEvidence: URIRef  # Tenure's latest supporting statement's date
    site: URIRef  # name of the web site an Article or Copy was fetched from
    contentHash: URIRef  # digest of an Article's text, title and date (incremental builds)
    textPrint: URIRef  # MinHash of the text of an Article with a URL (near duplicates)
    extractorVersion: URIRef  # what built an Article: code, data, spaCy pipeline and options
    etag: URIRef  # a Retrieval's HTTP ETag (conditional requests)
    lastModified: URIRef  # a Retrieval's HTTP Last-Modified (conditional requests)


#: Base of every resource IRI (entities, articles, statements).
RESOURCE = Namespace("https://w3id.org/newsgraph/id/")

#: Wikidata entities, the targets of owl:sameAs.
WD = Namespace("http://www.wikidata.org/entity/")

#: The one prefix table: bound on every graph the project writes (so serialisers never
#: invent ns1:), predefined in every query, and the names the pages and docs use.
PREFIXES: dict[str, Namespace] = {
    "kg": KG._NS,
    "res": RESOURCE,
    "rdf": RDF._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
    "skos": SKOS._NS,
    "schema": SDO._NS,
    "prov": PROV._NS,
    "wd": WD,
    "org": ORG._NS,
    "dcterms": DCTERMS._NS,
    "foaf": FOAF._NS,
    "vann": VANN._NS,
    "time": TIME._NS,
}

#: The prefixes article graphs use, declared in Turtle and TriG dumps of the store (the
#: ontology's own vocabularies, org: to vann:, appear only in the ontology).
DATA_PREFIXES: dict[str, str] = {name: str(PREFIXES[name]) for name in list(PREFIXES)[:10]}
