"""graph.rdf writes exactly the contract's triples, SHACL accepts them, and any text survives."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph import rdf
from graph.model import Article, Entity, Extraction, Fact
from graph.rdf import (
    article_iri,
    entity_iri,
    extraction_graph,
    extraction_ntriples,
    fact_iri,
    ontology_graph,
    shapes_graph,
)
from graph import terms
from graph.terms import KG, OWL, PREFIXES, PROV, RDF, RDFS, SKOS, WD
from graph.validate import validate

SCHEMA = PREFIXES["schema"]
# rdflib's XSD namespace is reached through the module (terms.XSD): pytest's collection
# probes every module-level name, and XSD warns about attributes it does not know.
TEXT = (
    "Tatsuo Kazama, the Prime Minister of Japan, will attend the G7 summit in Kananaskis. "
    "He met Emmanuel Macron on Sunday."
)
FIRST_SENTENCE = TEXT[: TEXT.index(".") + 1]
SECOND_SENTENCE = TEXT[len(FIRST_SENTENCE) + 1 :]

KAZAMA = Entity("person/tatsuo-kazama", "Person", "Tatsuo Kazama", aliases=("Kazama",), wikidata="Q4115189")
MACRON = Entity("person/emmanuel-macron", "Person", "Emmanuel Macron")
PRIME_MINISTER = Entity("office/prime-minister-of-japan", "Office", "Prime Minister of Japan", country="country/japan")
JAPAN = Entity("country/japan", "Country", "Japan", wikidata="Q17")
G7 = Entity("summit/g7-summit-2025", "Summit", "G7 summit", year=2025)

HOLDS = Fact(KAZAMA.key, "holdsOffice", PRIME_MINISTER.key, "current", 0.9, FIRST_SENTENCE, 0, len(FIRST_SENTENCE))
ATTENDS = Fact(
    KAZAMA.key, "attends", G7.key, "planned", 0.75, FIRST_SENTENCE, 0, len(FIRST_SENTENCE), valid_at="2025-06-15"
)
MEETS = Fact(
    KAZAMA.key, "meets", MACRON.key, None, 0.6, SECOND_SENTENCE, len(FIRST_SENTENCE) + 1, len(TEXT),
    extractor="test-rules",
)

HOSTILE = [
    'He said "no" \\ and \'yes\'',
    '"""triple quoted""" and \'\'\'too\'\'\'',
    "<script>alert('x')</script>",
    "line one\nline two\r\nline three\ttabbed",
    "} { ?x . SELECT * WHERE { ?s ?p ?o } # not a comment",
    "trailing backslash \\",
    "controls \x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f",
    "separators \u2028 and \u2029",
    "RTL \u202e\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u200f",
    "emoji 🇯🇵👩\u200d👩\u200d👧 \U0001f600",
    "<http://example.org/not-an-iri> .",
    "_:b0 <http://x> \"y\" .",
    'ends with a quote"',
    "",
]


def sample(**article_fields: str | None) -> Extraction:
    """The hand-built extraction the tests share; keyword arguments replace Article fields."""
    article = Article(
        key="2025-06-kazama-g7",
        text=TEXT,
        title="Kazama heads to the G7",
        date="2025-06-14",
        url="https://news.example.org/2025/06/kazama-g7?ref=rss&x=1",
        source="data/articles/2025-06-kazama-g7.txt",
    )
    return Extraction(
        article=replace(article, **article_fields),
        text=TEXT,
        entities=(KAZAMA, MACRON, PRIME_MINISTER, JAPAN, G7),
        facts=(HOLDS, ATTENDS, MEETS),
    )


def hostile(text: str) -> Extraction:
    """The sample with `text` as every free-text value: labels, title, url, evidence."""
    extraction = sample(title=text, url=text, source=text)
    return replace(
        extraction,
        entities=tuple(replace(entity, label=text, aliases=(text,)) for entity in extraction.entities),
        facts=tuple(replace(fact, sentence=text) for fact in extraction.facts),
    )


def oxigraph_triples(data: str, fmt: pyoxigraph.RdfFormat) -> set[tuple[str, str, str, str]]:
    """The triples pyoxigraph reads, as (subject, predicate, object value, object datatype)."""
    return {
        (t.subject.value, t.predicate.value, t.object.value, _oxigraph_datatype(t.object))
        for t in pyoxigraph.parse(data, fmt)
    }


def _oxigraph_datatype(term: object) -> str:
    return term.datatype.value if isinstance(term, pyoxigraph.Literal) else ""


def rdflib_triples(data: str, fmt: str) -> set[tuple[str, str, str, str]]:
    """The triples rdflib reads, in the same shape as `oxigraph_triples`."""
    graph = Graph().parse(data=data, format=fmt)
    return {
        (str(s), str(p), str(o), str(o.datatype or terms.XSD.string) if isinstance(o, Literal) else "")
        for s, p, o in graph
    }


@pytest.fixture(scope="module")
def graph() -> Graph:
    return extraction_graph(sample())


# --- IRIs ---------------------------------------------------------------------------


def test_iris_follow_the_contract() -> None:
    assert article_iri("2025-06 Kazama/G7") == URIRef("https://w3id.org/newsgraph/id/article/2025-06-kazama-g7")
    assert entity_iri("country/japan") == URIRef("https://w3id.org/newsgraph/id/country/japan")
    digest = hashlib.sha1(b"a1|person/tatsuo-kazama|holdsOffice|office/prime-minister-of-japan").hexdigest()
    assert fact_iri("a1", HOLDS) == URIRef(f"https://w3id.org/newsgraph/id/fact/{digest[:16]}")


@pytest.mark.parametrize("key", ["person/a b", "person/<x>", "../person/x", "person/./x", "", "person/", 'p/"x"'])
def test_entity_keys_that_are_not_iri_safe_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match="IRI-safe"):
        entity_iri(key)


# --- the triples --------------------------------------------------------------------


def test_article_triples(graph: Graph) -> None:
    article = article_iri("2025-06-kazama-g7")
    assert (article, RDF.type, KG.Article) in graph
    assert graph.value(article, KG.key) == Literal("2025-06-kazama-g7")
    assert graph.value(article, SCHEMA.headline) == Literal("Kazama heads to the G7")
    assert graph.value(article, SCHEMA.datePublished) == Literal("2025-06-14", datatype=terms.XSD.date)
    url = graph.value(article, SCHEMA.url)
    assert isinstance(url, Literal) and url.datatype == terms.XSD.anyURI
    assert str(url) == "https://news.example.org/2025/06/kazama-g7?ref=rss&x=1"
    assert graph.value(article, KG.source) == Literal("data/articles/2025-06-kazama-g7.txt")
    assert graph.value(article, SCHEMA.articleBody) == Literal(TEXT)
    mentioned = set(graph.objects(article, KG.mentions))
    assert mentioned == {entity_iri(e.key) for e in (KAZAMA, MACRON, PRIME_MINISTER, JAPAN, G7)}


def test_missing_article_metadata_writes_nothing() -> None:
    graph = extraction_graph(sample(title=None, date=None, url=None, source=None))
    article = article_iri("2025-06-kazama-g7")
    for predicate in (SCHEMA.headline, SCHEMA.datePublished, SCHEMA.url, KG.source):
        assert graph.value(article, predicate) is None
    assert validate(graph).conforms


def test_entity_triples(graph: Graph) -> None:
    kazama, office, japan, g7 = (entity_iri(e.key) for e in (KAZAMA, PRIME_MINISTER, JAPAN, G7))
    assert (kazama, RDF.type, KG.Person) in graph
    assert graph.value(kazama, RDFS.label) == Literal("Tatsuo Kazama")
    assert graph.value(kazama, SKOS.prefLabel) == Literal("Tatsuo Kazama")
    assert graph.value(kazama, SKOS.altLabel) == Literal("Kazama")
    assert graph.value(kazama, OWL.sameAs) == WD.Q4115189
    assert (office, RDF.type, KG.Office) in graph
    assert graph.value(office, KG.officeOf) == japan
    assert (japan, RDF.type, KG.Country) in graph and graph.value(japan, OWL.sameAs) == WD.Q17
    assert (g7, RDF.type, KG.Summit) in graph
    assert graph.value(g7, KG.year) == Literal("2025", datatype=terms.XSD.gYear)


def test_party_country_is_written_and_only_for_its_type() -> None:
    party = Entity("party/liberal-democratic-party", "PoliticalParty", "Liberal Democratic Party", country=JAPAN.key)
    stray = Entity("person/someone", "Person", "Someone", country=JAPAN.key, year=1999)
    graph = extraction_graph(replace(sample(), entities=(*sample().entities, party, stray)))
    assert graph.value(entity_iri(party.key), KG.country) == entity_iri(JAPAN.key)
    assert {p for p, _ in graph.predicate_objects(entity_iri(stray.key))} == {RDF.type, RDFS.label, SKOS.prefLabel}


def test_direct_fact_triples(graph: Graph) -> None:
    kazama = entity_iri(KAZAMA.key)
    assert (kazama, KG.holdsOffice, entity_iri(PRIME_MINISTER.key)) in graph
    assert (kazama, KG.attends, entity_iri(G7.key)) in graph
    assert (kazama, KG.meets, entity_iri(MACRON.key)) in graph


def test_statement_nodes(graph: Graph) -> None:
    article = article_iri("2025-06-kazama-g7")
    assert set(graph.subjects(RDF.type, KG.Statement)) == {fact_iri("2025-06-kazama-g7", f) for f in (HOLDS, ATTENDS, MEETS)}
    attends = fact_iri("2025-06-kazama-g7", ATTENDS)
    assert graph.value(attends, RDF.subject) == entity_iri(KAZAMA.key)
    assert graph.value(attends, RDF.predicate) == KG.attends
    assert graph.value(attends, RDF.object) == entity_iri(G7.key)
    assert graph.value(attends, KG.status) == Literal("planned")
    assert graph.value(attends, KG.confidence) == Literal(Decimal("0.75"))
    assert graph.value(attends, KG.confidence).datatype == terms.XSD.decimal
    assert graph.value(attends, KG.validAt) == Literal("2025-06-15", datatype=terms.XSD.date)
    assert graph.value(attends, KG.evidenceText) == Literal(FIRST_SENTENCE)
    assert graph.value(attends, KG.startOffset) == Literal(0, datatype=terms.XSD.integer)
    assert graph.value(attends, KG.endOffset) == Literal(len(FIRST_SENTENCE), datatype=terms.XSD.integer)
    assert graph.value(attends, KG.extractor) == Literal("rules")
    assert graph.value(attends, PROV.wasDerivedFrom) == article
    meets = fact_iri("2025-06-kazama-g7", MEETS)
    assert graph.value(meets, KG.status) is None and graph.value(meets, KG.validAt) is None
    assert graph.value(meets, KG.extractor) == Literal("test-rules")
    start, end = (graph.value(meets, p).toPython() for p in (KG.startOffset, KG.endOffset))
    assert TEXT[start:end] == str(graph.value(meets, KG.evidenceText))


def test_triple_count_is_exactly_the_contracts(graph: Graph) -> None:
    article = 7 + 5 + 3  # type, key, headline, date, url, source, body; a mention per entity; content hash, source URL, text print
    entities = 3 * 5 + 2 + 1 + 1 + 1  # type, label and prefLabel each; Kazama alias + sameAs, officeOf, Japan sameAs, year
    facts = 12 + 13 + 11  # direct triple + 10 per statement; status on HOLDS/ATTENDS, validAt on ATTENDS
    facts += 2  # HOLDS is current at the article's date: it had begun by then and not ended
    assert len(graph) == article + entities + facts


def test_statement_bounds_of_a_current_holder(graph: Graph) -> None:
    holds = fact_iri("2025-06-kazama-g7", HOLDS)
    day = graph.value(article_iri("2025-06-kazama-g7"), SCHEMA.datePublished)
    assert (graph.value(holds, KG.startBefore), graph.value(holds, KG.endAfter)) == (day, day)
    assert graph.value(holds, KG.startAfter) is None and graph.value(holds, KG.endBefore) is None
    assert graph.value(fact_iri("2025-06-kazama-g7", ATTENDS), KG.startBefore) is None  # attending is not timed


def test_same_fact_twice_keeps_the_best_supported_one() -> None:
    weaker = replace(HOLDS, confidence=0.5, sentence="again", start=5, end=10)
    graph = extraction_graph(replace(sample(), facts=(weaker, HOLDS, MEETS, replace(HOLDS, start=40, end=50))))
    node = fact_iri("2025-06-kazama-g7", HOLDS)
    assert list(graph.objects(node, KG.confidence)) == [Literal(Decimal("0.9"))]
    assert list(graph.objects(node, KG.startOffset)) == [Literal(0)]
    assert validate(graph).conforms


def test_no_blank_nodes_and_no_invented_prefixes(graph: Graph) -> None:
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    turtle = graph.serialize(format="turtle")
    assert "ns1:" not in turtle and "@prefix kg: <https://w3id.org/newsgraph/ontology#>" in turtle
    assert dict(graph.namespaces())["schema"] == URIRef("https://schema.org/")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: replace(e, entities=(*e.entities, replace(JAPAN, key="country/x", type="Planet"))), "unknown type"),
        (lambda e: replace(e, facts=(replace(HOLDS, relation="mentions"),)), "unknown relation"),
        (lambda e: replace(e, facts=(replace(HOLDS, object="office/prime minister"),)), "IRI-safe"),
        (lambda e: replace(e, article=replace(e.article, date="14 June 2025")), "ISO date"),
        (lambda e: replace(e, article=replace(e.article, date="2025-02-30")), "day is out of range"),
        (lambda e: replace(e, facts=(replace(HOLDS, valid_at="2025-06"),)), "ISO date"),
        (lambda e: replace(e, entities=(replace(JAPAN, wikidata="Q17> <x"),)), "Q123"),
        (lambda e: replace(e, facts=(replace(HOLDS, confidence=float("nan")),)), "finite"),
    ],
)
def test_values_that_cannot_be_written_are_refused(change, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        extraction_graph(change(sample()))


# --- SHACL --------------------------------------------------------------------------


def test_the_sample_conforms(graph: Graph) -> None:
    result = validate(graph)
    assert result.conforms and result.results == 0, result.text
    assert validate(graph, with_ontology=True).conforms


def broken(graph: Graph, *edits: tuple[str, tuple]) -> Graph:
    """A copy of `graph` with triples added ("+") or removed ("-"; None matches anything)."""
    copy = Graph()
    copy += graph
    for action, triple in edits:
        (copy.add if action == "+" else copy.remove)(triple)
    return copy


HOLDS_NODE = fact_iri("2025-06-kazama-g7", HOLDS)
MEETS_NODE = fact_iri("2025-06-kazama-g7", MEETS)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ([("+", (entity_iri(MACRON.key), KG.holdsOffice, entity_iri(JAPAN.key)))], "person/emmanuel-macron kg:holdsOffice"),
        (
            [("-", (HOLDS_NODE, KG.confidence, None)), ("+", (HOLDS_NODE, KG.confidence, Literal(Decimal("1.5"))))],
            "kg:confidence",
        ),
        ([("+", (MEETS_NODE, KG.status, Literal("elect")))], "not one the statement's rdf:predicate allows"),
        ([("+", (MEETS_NODE, KG.status, Literal("rumoured")))], "kg:status"),
        ([("-", (HOLDS_NODE, KG.endOffset, None)), ("+", (HOLDS_NODE, KG.endOffset, Literal(-1)))], "kg:startOffset"),
        ([("-", (HOLDS_NODE, PROV.wasDerivedFrom, None))], "prov:wasDerivedFrom"),
        ([("-", (entity_iri(KAZAMA.key), KG.holdsOffice, None))], "direct triple"),
        ([("+", (entity_iri(PRIME_MINISTER.key), KG.officeOf, entity_iri(G7.key)))], "kg:officeOf"),
        ([("+", (entity_iri(JAPAN.key), RDFS.label, Literal("Nippon")))], "rdfs:label"),
        ([("+", (entity_iri(G7.key), KG.organizedBy, entity_iri(MACRON.key)))], "kg:organizedBy"),
        ([("+", (entity_iri(PRIME_MINISTER.key), KG.attends, entity_iri(G7.key)))], "office/prime-minister-of-japan"),
        ([("+", (entity_iri(KAZAMA.key), KG.meets, entity_iri(JAPAN.key)))], "kg:meets"),
    ],
)
def test_broken_graphs_do_not_conform(graph: Graph, edits, expected: str) -> None:
    result = validate(broken(graph, *edits))
    assert not result.conforms and result.results >= 1
    assert expected in result.text, result.text


def test_the_writer_leaves_rule_breaking_values_to_shacl() -> None:
    dangling = replace(HOLDS, object="office/unknown")
    too_sure = replace(MEETS, confidence=1.5, status="elect")
    result = validate(extraction_graph(replace(sample(), facts=(dangling, too_sure))))
    assert not result.conforms
    assert "office/unknown" in result.text and "kg:confidence" in result.text


def test_report_is_short_and_readable() -> None:
    text = validate(broken(extraction_graph(sample()), ("+", (entity_iri(JAPAN.key), RDFS.label, Literal("x" * 500))))).text
    assert "x" * 61 not in text and len(text.splitlines()) == 2
    assert text.splitlines()[1].startswith("Violation: country/japan rdfs:label: ")


# --- determinism and serialisation ---------------------------------------------------


def test_deterministic() -> None:
    permuted = replace(sample(), entities=sample().entities[::-1], facts=sample().facts[::-1])
    assert isomorphic(extraction_graph(sample()), extraction_graph(permuted))
    assert extraction_ntriples(sample()) == extraction_ntriples(sample()) == extraction_ntriples(permuted)


def test_ntriples_are_sorted_lines_of_the_same_triples(graph: Graph) -> None:
    text = extraction_ntriples(sample())
    lines = text.split("\n")
    assert text.endswith(" .\n") and lines[-1] == ""
    assert lines[:-1] == sorted(lines[:-1]) and len(lines) - 1 == len(graph)
    assert isomorphic(Graph().parse(data=text, format="nt"), graph)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_round_trip(text: str) -> None:
    extraction = hostile(text)
    graph = extraction_graph(extraction)
    ntriples = extraction_ntriples(extraction)
    turtle = graph.serialize(format="turtle")
    assert len(ntriples.splitlines()) == len(graph), "a literal was split across lines"
    expected = rdflib_triples(ntriples, "nt")
    assert len(expected) == len(graph)
    assert oxigraph_triples(ntriples, pyoxigraph.RdfFormat.N_TRIPLES) == expected
    assert rdflib_triples(turtle, "turtle") == expected
    assert oxigraph_triples(turtle, pyoxigraph.RdfFormat.TURTLE) == expected
    labels = {o for _, p, o, _ in expected if p == str(RDFS.label)}
    assert labels == {text}


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_round_trips(text: str) -> None:
    extraction = hostile(text)
    ntriples = extraction_ntriples(extraction)
    turtle = extraction_graph(extraction).serialize(format="turtle")
    count = ntriples.count("\n")
    assert len(rdflib_triples(ntriples, "nt")) == count
    assert len(oxigraph_triples(ntriples, pyoxigraph.RdfFormat.N_TRIPLES)) == count
    assert len(rdflib_triples(turtle, "turtle")) == count
    assert len(oxigraph_triples(turtle, pyoxigraph.RdfFormat.TURTLE)) == count


# --- the Turtle files ---------------------------------------------------------------


def test_ontology_and_shapes_load() -> None:
    assert len(ontology_graph()) > 100 and len(shapes_graph()) > 100


def test_missing_ontology_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(rdf, "ONTOLOGY_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="ontology"):
        shapes_graph()
