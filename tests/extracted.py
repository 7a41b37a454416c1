"""What the extraction tests ask of a result: which rule or model produced a fact. A test
names the rule it expects to fire, so the right fact found by another rule shows as a change."""
from __future__ import annotations


def extractor_of(result, subject: str, relation: str, obj: str) -> str | None:
    """The extractor (`rules/<name>`) of the fact joining these labels."""
    fact = result.fact(subject, relation, obj)
    return fact.extractor if fact is not None else None


def extractor_by_key(result, subject: str, relation: str, obj: str) -> str | None:
    """The same by entity keys, for parties whose label alone is ambiguous."""
    return next((f.extractor for f in result.facts if (f.subject, f.relation, f.object) == (subject, relation, obj)), None)


def extractors(result, relation: str) -> set[str]:
    """The extractors of every fact of this relation."""
    return {f.extractor for f in result.facts if f.relation == relation}
