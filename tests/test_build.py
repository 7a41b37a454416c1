"""End to end: the sample corpus builds, validates, and gives the facts it states."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.build import Options, build, remove_article
from graph.export import fact_rows, store_graph
from graph.read import statistics
from graph.store import Store
from graph.validate import validate

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.fixture(scope="module")
def sample_store(extractor, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("sample") / "store", write=True)
    report = build([str(SAMPLE)], store, Options(), extractor=extractor)
    assert report.ok, report.failures
    yield store
    store.close()


def facts_of(store: Store) -> set[tuple]:
    return {(r["subject"], r["relation"], r["object"], r["status"]) for r in fact_rows(store, entities=False)}


def test_build_sample_corpus_stores_every_article(sample_store):
    stats = statistics(sample_store)
    assert stats["articles"] == len(list(SAMPLE.glob("*.txt")))
    assert stats["entities"]["Person"] >= 30
    assert set(stats["facts"]) >= {"holdsOffice", "attends", "meets", "organizedBy", "leaderOf", "memberOf"}


@pytest.mark.parametrize("fact", [
    ("Sanae Takaichi", "holdsOffice", "Prime Minister of Japan", "current"),
    ("Mark Carney", "holdsOffice", "Prime Minister of Canada", "current"),
    ("Keir Starmer", "holdsOffice", "Prime Minister of the United Kingdom", "current"),
    ("Friedrich Merz", "holdsOffice", "Chancellor of Germany", "current"),
    ("Joe Biden", "holdsOffice", "President of the United States", "former"),
    ("2025 NATO summit", "organizedBy", "NATO", None),
    ("2025 G7 summit", "organizedBy", "Canada", None),
])
def test_build_sample_corpus_states_known_facts(sample_store, fact):
    assert fact in facts_of(sample_store)


def test_build_sample_corpus_conforms_to_shapes(sample_store):
    result = validate(store_graph(sample_store))
    assert result.conforms, result.text


def test_build_export_reparses_to_same_triple_count(sample_store):
    buffer = io.BytesIO()
    sample_store.dump(buffer, "turtle")
    data = buffer.getvalue()
    parsed_rdflib = rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
    parsed_oxigraph = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(parsed_rdflib) == len(parsed_oxigraph) == len(set(store_graph(sample_store)))


def test_build_twice_leaves_triple_count_unchanged(extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        build([str(SAMPLE)], store, Options(), extractor=extractor)
        first = len(store)
        build([str(SAMPLE)], store, Options(), extractor=extractor)
        assert len(store) == first


def test_build_remove_article_deletes_its_facts(extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        build([str(SAMPLE)], store, Options(), extractor=extractor)
        key = sorted(p.name for p in SAMPLE.glob("*.txt"))[0]
        before = {r["article"] for r in fact_rows(store)}
        assert key in before
        assert remove_article(store, key)
        assert key not in {r["article"] for r in fact_rows(store)}
        assert not remove_article(store, key)


def test_build_bad_inputs_reported_rest_stored(extractor, tmp_path):
    (tmp_path / "good.txt").write_text("Title: Good\nDate: 2025-06-01\n\nPrime Minister Sanae Takaichi met Canadian Prime Minister Mark Carney in Tokyo.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "records.jsonl").write_text(json.dumps({"id": "ok-1", "text": "German Chancellor Friedrich Merz spoke."}) + "\n{not json\n")
    with Store(None) as store:
        report = build([str(tmp_path)], store, Options(), extractor=extractor)
        stored = {r["article"] for r in fact_rows(store)}
    assert {"good.txt", "ok-1"} <= stored
    assert len(report.failures) == 3
    assert any("empty.txt" in f for f in report.failures)
    assert any("binary.txt" in f for f in report.failures)
    assert any("records.jsonl:2" in f for f in report.failures)
    assert all("\n" not in f for f in report.failures)
