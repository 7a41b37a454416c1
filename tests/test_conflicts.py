"""kg conflicts: reports that contradict each other, with both sides' evidence."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph import tenures
from graph.cli import cli
from graph.conflicts import conflicts, counts
from graph.model import Article, Entity, Extraction, Fact
from graph.rdf import article_iri, extraction_ntriples
from graph.store import Store

ARCADIA = Entity("country/arcadia", "Country", "Arcadia")
PRESIDENT = Entity("office/president-of-arcadia", "Office", "President of Arcadia", country=ARCADIA.key)
SENATOR = Entity("office/member-of-the-arcadian-senate", "Office", "Member of the Arcadian Senate", country=ARCADIA.key)
GREENS = Entity("party/arcadian-greens", "PoliticalParty", "Arcadian Greens", country=ARCADIA.key)
BLUES = Entity("party/arcadian-blues", "PoliticalParty", "Arcadian Blues", country=ARCADIA.key)


def person(name: str) -> Entity:
    return Entity(f"person/{name.lower().replace(' ', '-')}", "Person", name)


def article(key: str, day: str, *facts: tuple[str, str, Entity, str | None]) -> Extraction:
    """An article whose every fact has its own sentence."""
    sentences = [f"{who} {relation} {what.label} ({status})." for who, relation, what, status in facts]
    text = " ".join(sentences)
    found, offset = [], 0
    for (who, relation, what, status), sentence in zip(facts, sentences):
        found.append(Fact(person(who).key, relation, what.key, status, 0.9, sentence, offset, offset + len(sentence)))
        offset += len(sentence) + 1
    entities = {person(who) for who, *_ in facts} | {what for _, _, what, _ in facts} | {ARCADIA}
    return Extraction(Article(key, text, date=day), text, tuple(sorted(entities, key=lambda e: e.key)), tuple(found))


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store(None)
    for extraction in [
        article("a1", "2040-03-01", ("Bea Lund", "holdsOffice", PRESIDENT, "current")),
        article("a2", "2040-03-01", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current")),    # two at once
        article("a3", "2040-05-01", ("Bea Lund", "holdsOffice", PRESIDENT, "current"),
                ("Dan Roe", "holdsOffice", SENATOR, "current")),
        article("a4", "2040-05-01", ("Eve Park", "holdsOffice", SENATOR, "current"),       # a shared office: fine
                ("Dan Roe", "holdsOffice", SENATOR, "former")),                           # current and former
        article("a5", "2040-06-01", ("Fay Holt", "memberOf", GREENS, "current")),
        article("a6", "2040-06-20", ("Fay Holt", "memberOf", BLUES, "current")),           # rival parties
        article("a7", "2041-01-01", ("Gil Moss", "holdsOffice", PRESIDENT, "current")),    # a change, not a conflict
    ]:
        store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
    tenures.refresh(store)
    return store


def test_conflicts_one_of_each_kind_with_reasons_and_both_sides(store):
    found = conflicts(store)
    assert counts(found) == {"two-holders": 1, "current-and-former": 1, "rival-parties": 1}
    by_kind = {c.kind: c for c in found}
    assert "Bea Lund" in by_kind["two-holders"].reason and "Cal Ortiz" in by_kind["two-holders"].reason
    assert {side.article for side in by_kind["two-holders"].sides} == {"a1", "a2"}
    assert {side.status for side in by_kind["current-and-former"].sides} == {"current", "former"}
    assert {side.article for side in by_kind["rival-parties"].sides} == {"a5", "a6"}


def test_conflicts_a_report_between_two_of_another_holder_within_a_month():
    store = Store(None)
    for extraction in [article("b1", "2040-03-01", ("Bea Lund", "holdsOffice", PRESIDENT, "current")),
                       article("b2", "2040-03-10", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current")),
                       article("b3", "2040-03-20", ("Bea Lund", "holdsOffice", PRESIDENT, "current")),
                       article("b4", "2040-09-20", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current"))]:
        store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
    (found,) = conflicts(store)
    assert found.kind == "two-holders" and [s.date for s in found.sides] == ["2040-03-01", "2040-03-10"]


def test_conflicts_the_day_of_a_handover_is_no_conflict():
    """Bea is last seen in office the day Cal is first seen, and he goes on: a handover.
    Dan seen once, on a day Cal is seen too, with Cal on either side: a conflict."""
    store = Store(None)
    for extraction in [article("c1", "2040-01-10", ("Bea Lund", "holdsOffice", PRESIDENT, "current")),
                       article("c2", "2040-03-01", ("Bea Lund", "holdsOffice", PRESIDENT, "current")),
                       article("c3", "2040-03-01", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current")),
                       article("c4", "2040-06-01", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current")),
                       article("c5", "2040-06-01", ("Dan Roe", "holdsOffice", PRESIDENT, "current")),
                       article("c6", "2040-09-01", ("Cal Ortiz", "holdsOffice", PRESIDENT, "current"))]:
        store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
    (found,) = conflicts(store)
    assert found.kind == "two-holders" and {s.article for s in found.sides} == {"c4", "c5"}


def test_conflicts_command(store, tmp_path):
    store_dir = tmp_path / "store"
    with Store(store_dir, write=True) as written:
        for quad in store.db.quads_for_pattern(None, None, None, None):
            written.db.add(quad)
    runner = CliRunner()
    text = runner.invoke(cli, ["conflicts", "--store", str(store_dir)])
    assert text.exit_code == 0 and text.output.startswith("conflicts: two-holders 1, current-and-former 1, rival-parties 1")
    rows = json.loads(runner.invoke(cli, ["conflicts", "--store", str(store_dir), "--format", "json"]).output)
    assert {row["kind"] for row in rows} == {"two-holders", "current-and-former", "rival-parties"}
    assert all(len(row["sides"]) == 2 and row["reason"] for row in rows)
