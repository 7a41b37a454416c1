"""Shared fixtures: one spaCy Extractor per test session, and a helper that runs it on a text.

Loading the pipeline is the slow part of extraction, so every extraction test shares one
`Extractor`; `extract_text` turns a few invented news sentences into an `Extracted`, which
keeps the `Extraction` and lists its facts by readable labels instead of IRIs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest

from graph.document import make_document
from graph.model import Article, Entity, Extraction, Fact

FactRow = tuple[str, str, str, str | None]  # (subject label, relation, object label, status)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (make test-all)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests are opt-in: without --run-slow they are deselected (not skipped), so a
    plain `pytest` stays quick and says how many it left out."""
    if config.getoption("--run-slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@dataclass(frozen=True)
class Extracted:
    """An Extraction seen through entity labels, so a test reads like the sentence it checks."""

    extraction: Extraction

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self.extraction.entities

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.extraction.facts

    def label(self, key: str) -> str:
        """The label of the entity with this key (the key itself when the entity is missing)."""
        return next((e.label for e in self.entities if e.key == key), key)

    def rows(self, relation: str | None = None) -> set[FactRow]:
        """Every fact as (subject label, relation, object label, status), optionally of one relation."""
        return {(self.label(f.subject), f.relation, self.label(f.object), f.status)
                for f in self.facts if relation is None or f.relation == relation}

    def pairs(self, relation: str) -> set[tuple[str, str]]:
        """(subject label, object label) of every fact of this relation, status left aside."""
        return {(s, o) for s, _, o, _ in self.rows(relation)}

    def key_pairs(self, relation: str) -> set[tuple[str, str]]:
        """(subject key, object key) of every fact of this relation: for entities whose label
        is ambiguous on its own (two parties both shown as "Democratic Party")."""
        return {(f.subject, f.object) for f in self.facts if f.relation == relation}

    def fact(self, subject: str, relation: str, obj: str) -> Fact | None:
        """The fact joining these two labels by this relation, if the extractor found it."""
        return next((f for f in self.facts if f.relation == relation
                     and self.label(f.subject) == subject and self.label(f.object) == obj), None)

    def key_of(self, label: str, type_: str | None = None) -> str | None:
        """The key of the entity with this label (and type), if there is one."""
        return next((e.key for e in self.entities if e.label == label and (type_ is None or e.type == type_)), None)

    def of_type(self, type_: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type_]


@pytest.fixture(scope="session")
def extractor():
    """The one spaCy pipeline of the session (loading it is what takes time)."""
    from graph.extract import Extractor

    return Extractor()


def _runner(extractor) -> Callable[..., Extracted]:
    def run(text: str, date: str | None = "2025-06-01", title: str | None = None, *, key: str = "test-article") -> Extracted:
        article = Article(key=key, text=text, title=title, date=date)
        return Extracted(extractor.extract(make_document(article)))

    return run


@pytest.fixture(scope="session")
def extract_text(extractor) -> Callable[..., Extracted]:
    """Run the whole extraction (document cleaning included) on a text, as an article of `date`."""
    return _runner(extractor)


@pytest.fixture(scope="session")
def extract_by_rules(extractor) -> Callable[..., Extracted]:
    """The same without the relation model: for tests of what a named rule states (or must
    not state) on its own, apart from the model's proposals."""
    return _runner(extractor.by_rules_alone())
