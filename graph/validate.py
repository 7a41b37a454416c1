"""SHACL validation of article graphs against ontology/shapes.ttl.

pyshacl is imported inside `validate` because it is slow to import and only the
validating commands need it. Inference is off: the shapes are written against the
triples graph.rdf asserts, so RDFS/OWL reasoning would only cost time.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Literal, Node

from graph.rdf import new_graph, ontology_graph, shapes_graph
from graph.terms import RDF, RESOURCE

_MAX_VALUE_CHARS = 60

# Prefixes for the report: the project's own, plus sh: for constraint component names.
_PREFIXED = new_graph()
_PREFIXED.bind("sh", SH)


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: whether it conforms, a short report, and how many problems."""

    conforms: bool
    text: str
    results: int


def validate(data: Graph, *, shapes: Graph | None = None, with_ontology: bool = False) -> ValidationResult:
    """Check `data` against the project's shapes (or `shapes`), without inference.

    `with_ontology` mixes the OWL ontology into the data first, which lets sh:class
    accept instances of subclasses declared there.
    """
    import pyshacl

    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        ont_graph=ontology_graph() if with_ontology else None,
        inference="none",
    )
    lines = result_lines(report)
    summary = "Conforms." if conforms else f"Does not conform: {len(lines)} result(s)."
    return ValidationResult(conforms=bool(conforms), text="\n".join([summary, *lines]), results=len(lines))


def result_lines(report: Graph) -> list[str]:
    """One sorted line per validation result: severity, focus node, path, message, value."""
    return sorted(_result_line(report, result) for result in report.subjects(RDF.type, SH.ValidationResult))


def _result_line(report: Graph, result: Node) -> str:
    """"Violation: <focus> <path>: <message> [value <v>]" with prefixed names."""
    severity = report.value(result, SH.resultSeverity)
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    messages = sorted(str(message) for message in report.objects(result, SH.resultMessage))
    component = report.value(result, SH.sourceConstraintComponent)
    where = " ".join(_short(node) for node in (focus, path) if node is not None)
    what = "; ".join(messages) or _short(component)
    line = f"{_local_name(severity)}: {where}: {what}"
    return line if value is None or value == focus else f"{line} [value {_short(value)}]"


def _short(node: Node) -> str:
    """A node as a reader wants it: resources by key, terms prefixed, long literals cut."""
    if isinstance(node, URIRef) and node.startswith(RESOURCE):
        return node[len(RESOURCE):]
    if isinstance(node, Literal) and len(node) > _MAX_VALUE_CHARS:
        node = Literal(str(node)[:_MAX_VALUE_CHARS] + "…", lang=node.language, datatype=node.datatype)
    return node.n3(_PREFIXED.namespace_manager)


def _local_name(node: Node) -> str:
    """The part of an IRI after its last "#", e.g. "Violation" for sh:Violation."""
    return str(node).rsplit("#", 1)[-1]

