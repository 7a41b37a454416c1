"""The competency questions in ontology/queries/: each .rq answers its .yaml on the sample corpus.

The sample corpus (data/articles/) is built once for the module with the real
extractor (a few seconds); the expectations name facts the articles state plainly, so
they hold while the extractor improves. The query logic that the sample cannot exercise
yet (no article has an invitation without attendance) is checked on a hand-made graph.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.model import Article, Entity, Extraction, Fact
from graph.rdf import article_iri, extraction_ntriples
from graph.sparql import QUERY_DIR, competency_questions, rows, run_query
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = competency_questions()
EXPECTATION_KEYS = {"rows", "min_rows", "max_rows", "contains", "excludes"}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("competency") / "store"
    with Store(folder, write=True) as store:
        report = build([str(ROOT / "data" / "articles")], store)
    assert report.stored >= 14 and not report.failures, report.failures
    return folder


def answer(store: Store, sparql: str) -> list[dict[str, str]]:
    variables, table = rows(run_query(store, sparql))
    return [dict(zip(variables, row)) for row in table]


def matches(row: dict[str, str], wanted: dict) -> bool:
    return all(row.get(name) == str(value) for name, value in wanted.items())


def unmet(expect: dict, found: list[dict[str, str]]) -> list[str]:
    """What of an expectation the rows fail, in words (empty when all is met)."""
    problems = []
    if "rows" in expect and len(found) != expect["rows"]:
        problems.append(f"expected {expect['rows']} rows, got {len(found)}")
    if len(found) < expect.get("min_rows", 0):
        problems.append(f"expected at least {expect['min_rows']} rows, got {len(found)}")
    if "max_rows" in expect and len(found) > expect["max_rows"]:
        problems.append(f"expected at most {expect['max_rows']} rows, got {len(found)}")
    problems += [f"missing {wanted}" for wanted in expect.get("contains", []) if not any(matches(r, wanted) for r in found)]
    problems += [f"unexpected {unwanted}" for unwanted in expect.get("excludes", []) if any(matches(r, unwanted) for r in found)]
    return problems


def test_competency_questions_are_complete_pairs():
    assert len(QUESTIONS) >= 8
    assert sorted(p.stem for p in QUERY_DIR.glob("*.yaml")) == [c.name for c in QUESTIONS]
    for competency in QUESTIONS:
        assert competency.question.endswith("?"), competency.name
        assert competency.expect and set(competency.expect) <= EXPECTATION_KEYS, competency.name
        assert "rdfs:label" in competency.sparql or "headline" in competency.sparql, competency.name


@pytest.mark.parametrize("competency", QUESTIONS, ids=[c.name for c in QUESTIONS])
def test_competency_question_answers_on_the_sample_corpus(sample_store, competency):
    with Store(sample_store) as store:
        found = answer(store, competency.sparql)
    assert not unmet(competency.expect, found), (unmet(competency.expect, found), found)


def test_competency_expectation_checker_can_fail():
    found = [{"who": "Sanae Takaichi", "office": "Prime Minister of Japan"}]
    assert unmet({"min_rows": 1, "contains": [{"who": "Sanae Takaichi"}]}, found) == []
    assert unmet({"rows": 2, "contains": [{"who": "Tatsuo Kazama"}], "excludes": [{"office": "Prime Minister of Japan"}]},
                 found) == ["expected 2 rows, got 1", "missing {'who': 'Tatsuo Kazama'}",
                            "unexpected {'office': 'Prime Minister of Japan'}"]


def test_competency_kg_query_lists_and_runs_them(sample_store):
    runner = CliRunner()
    listed = runner.invoke(cli, ["query", "--list"])
    assert listed.exit_code == 0, listed.output
    for competency in QUESTIONS:
        assert competency.name in listed.output and competency.question in listed.output
    ran = runner.invoke(cli, ["query", "01-current-office-holders", "--store", str(sample_store)])
    assert ran.exit_code == 0, ran.output
    assert any("Sanae Takaichi" in line and "Prime Minister of Japan" in line for line in ran.output.splitlines())
    as_csv = runner.invoke(cli, ["query", "summit-attendees", "--store", str(sample_store), "--format", "csv"])
    assert as_csv.exit_code == 0 and as_csv.output.startswith("who,summit,status,")


# --- the logic of the questions, on a graph made by hand ----------------------------------

PERSONS = {name: Entity(f"person/{name.lower()}", "Person", name) for name in ("Ana", "Ben", "Cai", "Dee")}
PM = Entity("office/prime-minister-of-utopia", "Office", "Prime Minister of Utopia", country="country/utopia")
UTOPIA = Entity("country/utopia", "Country", "Utopia")
SUMMIT = Entity("summit/2030-g9-summit", "Summit", "2030 G9 summit", year=2030)


def article(key: str, date: str, *facts: tuple[str, str, str, str | None]) -> Extraction:
    sentences = [f"{s} {r} {o}." for s, r, o, _ in facts]
    text = " ".join(sentences)
    made, start = [], 0
    for (subject, relation, obj, status), sentence in zip(facts, sentences):
        key_of = {**{n: e.key for n, e in PERSONS.items()}, "PM": PM.key, "G9": SUMMIT.key}
        made.append(Fact(key_of[subject], relation, key_of[obj], status, 0.9, sentence, start, start + len(sentence)))
        start += len(sentence) + 1
    return Extraction(Article(key, text, title=key, date=date), text, (*PERSONS.values(), PM, UTOPIA, SUMMIT), tuple(made))


@pytest.fixture(scope="module")
def utopia() -> Store:
    store = Store(None)
    for extraction in (
        article("a1", "2030-01-01", ("Ana", "holdsOffice", "PM", "current"), ("Ben", "invitedTo", "G9", None),
                ("Cai", "invitedTo", "G9", None), ("Dee", "attends", "G9", "planned")),
        article("a2", "2030-03-01", ("Ben", "holdsOffice", "PM", "current"), ("Cai", "attends", "G9", "attended"),
                ("Ana", "meets", "Ben", "held")),
        article("a3", "2030-02-01", ("Ana", "holdsOffice", "PM", "current"), ("Ben", "meets", "Dee", "planned")),
    ):
        store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
    return store


def query_named(name: str) -> str:
    return next(c.sparql for c in QUESTIONS if c.name.endswith(name))


def test_competency_current_holder_is_the_latest(utopia):
    found = answer(utopia, query_named("current-office-holders"))
    assert [(r["who"], r["office"], r["asOf"]) for r in found] == [("Ben", "Prime Minister of Utopia", "2030-03-01")]


def test_competency_former_holder_is_the_one_succeeded(utopia):
    found = answer(utopia, query_named("former-office-holders"))
    assert [(r["who"], r["evidence"]) for r in found] == [("Ana", "succeeded")]


def test_competency_invited_but_not_attending(utopia):
    found = answer(utopia, query_named("invited-not-attending"))
    assert sorted((r["who"], r["recorded"]) for r in found) == [("Ben", "invited"), ("Dee", "planned")]


def test_competency_people_who_met_skips_planned_meetings(utopia):
    sparql, changed = re.subn(r"VALUES \?personIri \{ <[^>]+> \}",
                              "VALUES ?personIri { <https://w3id.org/newsgraph/id/person/ben> }", query_named("people-who-met"))
    assert changed == 1
    assert [(r["who"], r["articles"]) for r in answer(utopia, sparql)] == [("Ana", "1")]
