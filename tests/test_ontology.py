"""The ontology, the shapes and graph/terms.py agree with each other and with SHACL."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from graph.model import RELATIONS, STATUSES
from graph.rdf import ontology_graph, shapes_graph
from graph import terms
from graph.terms import DCTERMS, FOAF, KG, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SKOS, VANN

ONTOLOGY_IRI = URIRef("https://w3id.org/newsgraph/ontology")
WDT = "http://www.wikidata.org/prop/direct/"
# schema.org (terms.SDO) is reached through the module: pytest's collection probes every
# module-level name, and rdflib's SDO namespace warns about attributes it does not know.
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
KG_TERMS = frozenset(KG.__annotations__)
SH_NS = str(SH)

# Local names of the SHACL vocabulary (http://www.w3.org/ns/shacl#) defined by the W3C
# Recommendation for SHACL Core and SHACL-SPARQL, written out here because the tests run
# offline. Constraint-component parameter IRIs ("...ConstraintComponent-minCount") are
# left out: shapes never use them.
SHACL_TERMS = frozenset(
    {
        # classes and individuals
        "Shape", "NodeShape", "PropertyShape", "PropertyGroup",
        "ValidationReport", "ValidationResult", "AbstractResult",
        "Severity", "Info", "Warning", "Violation",
        "NodeKind", "BlankNode", "IRI", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral",
        "ConstraintComponent", "Parameter", "Parameterizable", "Validator",
        "SPARQLAskValidator", "SPARQLSelectValidator",
        "SPARQLExecutable", "SPARQLAskExecutable", "SPARQLSelectExecutable",
        "SPARQLConstructExecutable", "SPARQLUpdateExecutable",
        "SPARQLConstraint", "PrefixDeclaration",
        # constraint components
        "AndConstraintComponent", "ClassConstraintComponent", "ClosedConstraintComponent",
        "DatatypeConstraintComponent", "DisjointConstraintComponent", "EqualsConstraintComponent",
        "HasValueConstraintComponent", "InConstraintComponent", "LanguageInConstraintComponent",
        "LessThanConstraintComponent", "LessThanOrEqualsConstraintComponent",
        "MaxCountConstraintComponent", "MaxExclusiveConstraintComponent", "MaxInclusiveConstraintComponent",
        "MaxLengthConstraintComponent", "MinCountConstraintComponent", "MinExclusiveConstraintComponent",
        "MinInclusiveConstraintComponent", "MinLengthConstraintComponent", "NodeConstraintComponent",
        "NodeKindConstraintComponent", "NotConstraintComponent", "OrConstraintComponent",
        "PatternConstraintComponent", "PropertyConstraintComponent",
        "QualifiedMaxCountConstraintComponent", "QualifiedMinCountConstraintComponent",
        "UniqueLangConstraintComponent", "XoneConstraintComponent", "SPARQLConstraintComponent",
        # targets
        "targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf",
        # shape characteristics and non-validating properties
        "message", "severity", "deactivated", "name", "description", "order", "group", "defaultValue",
        # property paths
        "path", "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath",
        # constraint parameters
        "class", "datatype", "nodeKind", "minCount", "maxCount",
        "minExclusive", "minInclusive", "maxExclusive", "maxInclusive",
        "minLength", "maxLength", "pattern", "flags", "languageIn", "uniqueLang",
        "equals", "disjoint", "lessThan", "lessThanOrEquals",
        "not", "and", "or", "xone", "node", "property",
        "qualifiedValueShape", "qualifiedValueShapesDisjoint", "qualifiedMinCount", "qualifiedMaxCount",
        "closed", "ignoredProperties", "hasValue", "in",
        # validation reports
        "conforms", "result", "focusNode", "resultPath", "resultSeverity", "resultMessage",
        "sourceConstraint", "sourceConstraintComponent", "sourceShape", "value", "detail",
        "shapesGraph", "suggestedShapesGraph", "shapesGraphWellFormed", "entailment",
        # SHACL-SPARQL
        "sparql", "select", "ask", "construct", "update", "prefixes", "declare", "prefix", "namespace",
        "parameter", "optional", "labelTemplate", "validator", "nodeValidator", "propertyValidator",
        "this",
    }
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def declared_terms(ontology: Graph) -> set[str]:
    """Local names of the kg: IRIs the ontology declares as a class or property."""
    return {
        str(subject)[len(KG._NS):]
        for subject, kind in ontology.subject_objects(RDF.type)
        if isinstance(subject, URIRef) and subject.startswith(KG._NS) and kind in DECLARING_TYPES
    }


def used_iris(graph: Graph, namespace: str) -> set[URIRef]:
    """Every IRI in `namespace` that occurs anywhere in `graph`."""
    return {term for triple in graph for term in triple if isinstance(term, URIRef) and term.startswith(namespace)}


def union_members(graph: Graph, node: BNode) -> set[URIRef]:
    """The classes an anonymous owl:unionOf class lists."""
    return set(Collection(graph, graph.value(node, OWL.unionOf)))


# --- the ontology ---------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo):
        assert ontology.value(ONTOLOGY_IRI, predicate) is not None, predicate
    assert ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix) == Literal("kg")
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(KG._NS)


def test_every_term_in_terms_py_is_declared_with_english_label_and_comment(ontology: Graph) -> None:
    for name in sorted(KG_TERMS):
        term = KG[name]
        assert set(ontology.objects(term, RDF.type)) & DECLARING_TYPES, f"kg:{name} is not declared"
        for annotation in (RDFS.label, RDFS.comment):
            values = list(ontology.objects(term, annotation))
            assert len(values) == 1, f"kg:{name} needs exactly one {annotation}"
            assert values[0].language == "en" and values[0].strip(), f"kg:{name} {annotation} is not an @en text"
        assert len(ontology.value(term, RDFS.comment)) > 40, f"kg:{name} comment says too little"


def test_every_declared_or_used_term_is_in_terms_py(ontology: Graph) -> None:
    assert declared_terms(ontology) == KG_TERMS
    assert {str(iri)[len(KG._NS):] for iri in used_iris(ontology, str(KG._NS))} == KG_TERMS


def test_every_property_has_domain_and_range(ontology: Graph) -> None:
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(properties) == 37
    for prop in properties:
        assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no domain"
        assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no range"


@pytest.mark.parametrize(
    ("term", "superterms"),
    [
        (KG.Person, {terms.SDO.Person, FOAF.Person, PROV.Agent}),
        (KG.Office, {ORG.Post}),
        (KG.PoliticalParty, {ORG.FormalOrganization}),
        (KG.Summit, {terms.SDO.Event}),
        (KG.Country, {terms.SDO.Country}),
        (KG.Organization, {ORG.Organization, terms.SDO.Organization}),
        (KG.Article, {terms.SDO.NewsArticle, PROV.Entity}),
        (KG.Statement, {RDF.Statement, PROV.Entity}),
    ],
)
def test_class_alignment(ontology: Graph, term: URIRef, superterms: set[URIRef]) -> None:
    assert superterms <= set(ontology.objects(term, RDFS.subClassOf))


@pytest.mark.parametrize(
    ("term", "superproperty"),
    [(KG.holdsOffice, ORG.holds), (KG.memberOf, ORG.memberOf), (KG.leaderOf, ORG.headOf)],
)
def test_property_alignment(ontology: Graph, term: URIRef, superproperty: URIRef) -> None:
    assert (term, RDFS.subPropertyOf, superproperty) in ontology


@pytest.mark.parametrize(
    ("term", "wikidata"),
    [
        (KG.holdsOffice, "P39"),
        (KG.memberOf, "P102"),
        (KG.attends, "P1344"),
        (KG.officeOf, "P17"),
        (KG.country, "P17"),
        (KG.organizedBy, "P664"),
    ],
)
def test_wikidata_close_matches(ontology: Graph, term: URIRef, wikidata: str) -> None:
    assert (term, SKOS.closeMatch, URIRef(WDT + wikidata)) in ontology


def test_wikidata_properties_pointing_the_other_way_are_related_not_close(ontology: Graph) -> None:
    assert (KG.leaderOf, SKOS.relatedMatch, URIRef(WDT + "P488")) in ontology
    assert (KG.attends, SKOS.relatedMatch, URIRef(WDT + "P710")) in ontology
    assert not list(ontology.triples((None, OWL.equivalentProperty, None)))


def test_union_ranges_and_domains(ontology: Graph) -> None:
    assert union_members(ontology, ontology.value(KG.officeOf, RDFS.range)) == {KG.Country, KG.Organization}
    assert union_members(ontology, ontology.value(KG.organizedBy, RDFS.range)) == {KG.Country, KG.Organization}
    for relation in (KG.attends, KG.invitedTo):
        assert union_members(ontology, ontology.value(relation, RDFS.domain)) == {KG.Person, KG.Country}
    entity_classes = {KG.Person, KG.Office, KG.PoliticalParty, KG.Summit, KG.Country, KG.Organization}
    assert union_members(ontology, ontology.value(KG.mentions, RDFS.range)) == entity_classes


def test_meets_is_symmetric(ontology: Graph) -> None:
    assert (KG.meets, RDF.type, OWL.SymmetricProperty) in ontology


def test_statement_is_derived_from_an_article(ontology: Graph) -> None:
    restrictions = [node for node in ontology.objects(KG.Statement, RDFS.subClassOf) if isinstance(node, BNode)]
    assert any(
        ontology.value(node, OWL.onProperty) == PROV.wasDerivedFrom and ontology.value(node, OWL.someValuesFrom) == KG.Article
        for node in restrictions
    )


def test_status_comment_documents_every_relations_statuses(ontology: Graph) -> None:
    comment = str(ontology.value(KG.status, RDFS.comment))
    for relation, statuses in STATUSES.items():
        assert f"kg:{relation}" in comment
        for status in statuses:
            assert f'"{status}"' in comment


def test_relations_are_object_properties(ontology: Graph) -> None:
    for relation in RELATIONS:
        assert (KG[relation], RDF.type, OWL.ObjectProperty) in ontology


def test_prefixes_match_the_ontology() -> None:
    assert PREFIXES["kg"] == KG._NS
    assert len(set(PREFIXES.values())) == len(PREFIXES)


def test_unknown_term_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        KG.nonexistent  # noqa: B018


# --- the shapes -----------------------------------------------------------------------


def test_shapes_use_only_real_shacl_terms(shapes: Graph) -> None:
    unknown = {str(iri)[len(SH_NS):] for iri in used_iris(shapes, SH_NS)} - SHACL_TERMS
    assert not unknown, f"not SHACL vocabulary: {sorted(unknown)}"


def test_shapes_use_only_real_kg_terms(shapes: Graph) -> None:
    assert {str(iri)[len(KG._NS):] for iri in used_iris(shapes, str(KG._NS))} <= KG_TERMS


def test_shapes_are_well_formed_shacl(shapes: Graph) -> None:
    import pyshacl

    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_one_class_shape_per_ontology_class(ontology: Graph, shapes: Graph) -> None:
    classes = {node for node in ontology.subjects(RDF.type, OWL.Class) if isinstance(node, URIRef)}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert targeted == classes


def test_every_relation_has_a_shape_for_its_subjects(shapes: Graph) -> None:
    assert set(shapes.objects(None, SH.targetSubjectsOf)) == {KG[relation] for relation in RELATIONS}


def test_shape_status_list_is_every_allowed_status(shapes: Graph) -> None:
    status_shapes = [node for node in shapes.subjects(SH.path, KG.status) if shapes.value(node, SH["in"]) is not None]
    allowed = {status for statuses in STATUSES.values() for status in statuses}
    union_lists = [{str(value) for value in Collection(shapes, shapes.value(node, SH["in"]))} for node in status_shapes]
    assert allowed in union_lists
    assert all(values <= allowed for values in union_lists)
