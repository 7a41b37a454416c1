"""The `kg` commands through click's CliRunner: thin layers over the library."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

ARTICLE = ("Title: Leaders meet\nDate: 2025-11-17\n\nCanadian Prime Minister Mark Carney met Prime Minister "
           "Sanae Takaichi of Japan on Tuesday. German Chancellor Friedrich Merz will attend the NATO summit.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    (folder / "in").mkdir()
    (folder / "in" / "meeting.txt").write_text(ARTICLE, encoding="utf-8")
    store = str(folder / "store")
    result = CliRunner().invoke(cli, ["build", "--store", store, str(folder / "in")])
    assert result.exit_code == 0, result.output
    return store, folder


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_build_prints_summary(built):
    store, _ = built
    result = run("stats", "--store", store)
    assert result.exit_code == 0
    assert re.search(r"articles: 1\b", result.output)
    assert "holdsOffice" in result.output and "triples:" in result.output


def test_cli_facts_jsonl_follows_contract(built):
    store, _ = built
    result = run("facts", "--store", store)
    rows = [json.loads(line) for line in result.output.splitlines()]
    facts = [r for r in rows if r["kind"] == "fact"]
    assert {"article", "subject", "subject_type", "relation", "object", "object_type", "status", "sentence",
            "start", "end", "confidence", "subject_id", "object_id"} <= set(facts[0])
    assert ("Friedrich Merz", "attends", "2025 NATO summit", "planned") in {
        (f["subject"], f["relation"], f["object"], f["status"]) for f in facts}
    assert all(r["article"] == "meeting.txt" for r in rows)
    assert any(r["kind"] == "entity" and r["label"] == "Japan" for r in rows)


def test_cli_facts_csv_has_header(built):
    store, _ = built
    result = run("facts", "--store", store, "--format", "csv", "--no-entities")
    assert result.output.splitlines()[0].startswith("kind,article,subject,subject_type,relation")


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld"])
def test_cli_export_formats(built, fmt):
    store, folder = built
    out = folder / f"graph.{fmt}"
    result = run("export", "--store", store, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Mark Carney" in out.read_text(encoding="utf-8")


def test_cli_query_table_and_json(built):
    store, _ = built
    sparql = "SELECT ?who WHERE { ?p kg:holdsOffice ?o ; rdfs:label ?who } ORDER BY ?who"
    table = run("query", "--store", store, sparql)
    assert "Mark Carney" in table.output and "row" in table.output
    as_json = json.loads(run("query", "--store", store, "--format", "json", sparql).output)
    assert {b["who"]["value"] for b in as_json["results"]["bindings"]} >= {"Mark Carney", "Sanae Takaichi"}
    assert run("query", "--store", store, "ASK { ?s kg:meets ?o }").output.strip() == "true"


@pytest.mark.parametrize("sparql", [
    "DELETE WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <x:a> <x:b> <x:c> }",
])
def test_cli_query_refuses_updates(built, sparql):
    store, _ = built
    result = run("query", "--store", store, sparql)
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_cli_query_refuses_service_as_the_endpoint_does(built):
    store, _ = built
    result = run("query", "--store", store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert result.exit_code == 2 and "SERVICE" in result.output


def test_cli_query_runs_inline_text_longer_than_a_file_name(built):
    store, _ = built
    sparql = "SELECT ?who WHERE { ?p kg:holdsOffice ?o ; rdfs:label ?who . " + " ".join(
        f"OPTIONAL {{ ?p rdfs:comment ?c{n} }}" for n in range(12)) + " }"
    assert len(sparql.encode()) > 255
    result = run("query", "--store", store, sparql)
    assert result.exit_code == 0, result.output
    assert "Mark Carney" in result.output


def test_cli_query_reports_syntax_errors(built):
    store, _ = built
    result = run("query", "--store", store, "SELECT ?x WHERE {")
    assert result.exit_code != 0 and "invalid SPARQL" in result.output


def test_cli_validate_conforms(built):
    store, _ = built
    result = run("validate", "--store", store)
    assert result.exit_code == 0 and "Conforms" in result.output


def test_cli_build_partial_failure_exit_code(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00" * 64)
    result = run("build", "--store", str(tmp_path / "store"), str(tmp_path))
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "bad.txt" in result.output
    assert "stored 1 article(s)" in result.output


def test_cli_remove(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = str(tmp_path / "store")
    run("build", "--store", store, str(tmp_path / "a.txt"))
    assert run("remove", "--store", store, "a.txt").exit_code == 0
    assert "articles: 0" in run("stats", "--store", store).output
    missing = run("remove", "--store", store, "a.txt")
    assert missing.exit_code != 0 and "not in the store" in missing.output


def test_cli_missing_model_is_one_line_with_fix(tmp_path):
    result = run("build", "--store", str(tmp_path / "s"), "--model", "no_such_pipeline_xyz", str(tmp_path))
    assert result.exit_code != 0
    message = result.output.strip()
    assert "no_such_pipeline_xyz" in message and "make setup" in message and len(message.splitlines()) == 1


def test_cli_store_from_environment(built):
    store, _ = built
    result = CliRunner(env={"KG_STORE": store}).invoke(cli, ["stats"])
    assert "articles: 1" in result.output


def test_cli_every_command_documented_in_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"kg {name} has no help text"
        assert f"kg {name}" in readme, f"README does not mention `kg {name}`"


def test_cli_reader_closing_the_pipe_early_is_not_an_error(built):
    """`kg facts | head -1`: the reader goes away before the writer is done."""
    import os
    import subprocess
    import sys

    store, _ = built
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, as after `head` exits
    try:
        result = subprocess.run([sys.executable, "-c", "from graph.cli import cli; cli()", "facts", "--store", store],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr.strip() == ""
