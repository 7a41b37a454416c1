"""graph.read: the one read model the stages after the store share."""
from __future__ import annotations

import pytest

from graph import read
from graph.rdf import article_iri, entity_iri
from graph.store import Store
from test_paths import JAPAN, KAZAMA, NATO_KEY, PRIME_MINISTER, fill, sample_extractions

KAZAMA_IRI = str(entity_iri(KAZAMA.key))


@pytest.fixture(scope="module")
def store() -> Store:
    return fill(Store(None), sample_extractions())


def test_read_statements_of_an_entity_or_an_article_are_slices_of_all(store):
    every = list(read.statements(store))
    assert len(every) == len({s.iri for s in every}) > 3
    about = set(read.statements(store, entity=KAZAMA_IRI))
    assert about and about == {s for s in every if KAZAMA_IRI in (s.subject, s.object)}
    nato = str(article_iri(NATO_KEY))
    assert set(read.statements(store, article=nato)) == {s for s in every if s.article == nato} != set()
    assert list(read.statements(store, entity=str(entity_iri("person/nobody")))) == []
    with pytest.raises(ValueError):
        list(read.statements(store, entity=KAZAMA_IRI, article=nato))


def test_read_statement_carries_its_evidence(store):
    statement = next(s for s in read.statements(store, entity=KAZAMA_IRI)
                     if s.relation == "attends" and s.text.startswith("Kazama is considering"))
    assert statement.status == "considering" and statement.confidence == pytest.approx(0.8)
    assert statement.article == str(article_iri(NATO_KEY)) and statement.start is not None
    assert statement.end - statement.start == len(statement.text)


def test_read_entity_index_gives_type_label_and_wikidata(store):
    index = read.entity_index(store)
    japan = index[str(entity_iri(JAPAN.key))]
    assert (japan.type, japan.label, japan.wikidata) == ("Country", "Japan", "Q17")
    assert index[str(entity_iri(PRIME_MINISTER.key))].wikidata is None
    assert all(entry.wikidata is None for entry in read.entity_index(store, wikidata=False).values())


def test_read_articles_and_mentions_agree(store):
    articles = read.articles(store)
    nato = str(article_iri(NATO_KEY))
    assert articles[nato].key == NATO_KEY and articles[nato].date == "2025-06-20"
    assert read.articles(store, [nato]) == {nato: articles[nato]}
    assert (nato, KAZAMA_IRI) in set(read.mentions(store))
    assert {article for article, _ in read.mentions(store, entity=KAZAMA_IRI)} <= set(articles)


@pytest.mark.parametrize("name", ["statements", "entity-types", "labels", "articles", "mentions", "links"])
def test_read_queries_are_packaged_sparql(name, store):
    assert "SELECT" in read.query_text(name)
    store.query(read.query_text(name))  # parses and runs
