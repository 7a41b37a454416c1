"""Scale: process-pool and Dask builds match a one-process build, a worker's failure stays one
article's failure, an external SPARQL store round-trips through the standard protocols, and
the benchmark's smoke run prints every section."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from graph.build import Options, build
from graph.cli import cli
from graph.distributed import connected_client
from graph.export import fact_rows
from graph.read import statistics
from graph.model import Article, Entity, Extraction, Fact
from graph.rdf import article_iri, entity_iri, extraction_ntriples, version_ntriples
from graph.remote import RemoteStore, layout_for, with_prefixes
from graph.sparql import QueryError, rows, run_query
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
PYTHON = sys.executable
OXIGRAPH = Path(sys.executable).with_name("oxigraph")

TEXT = "Prime Minister Tatsuo Kazama of Japan met President Park Do-hyun in Kananaskis."
KAZAMA = Entity("person/tatsuo-kazama", "Person", "Tatsuo Kazama", wikidata="Q4115189")
PARK = Entity("person/park-do-hyun", "Person", "Park Do-hyun")
PRIME_MINISTER = Entity("office/prime-minister-of-japan", "Office", "Prime Minister of Japan", country="country/japan")
JAPAN = Entity("country/japan", "Country", "Japan", wikidata="Q17")
HOLDS = Fact(KAZAMA.key, "holdsOffice", PRIME_MINISTER.key, "current", 0.9, TEXT, 0, len(TEXT))
MEETS = Fact(KAZAMA.key, "meets", PARK.key, "held", 0.7, TEXT, 0, len(TEXT))

#: Loaded by every Dask worker (through `distributed.worker.preload`) in the failure test:
#: extraction raises for one article, inside the worker process, as a real bug would.
#: Dask may run a preload more than once in one process, so it patches only once.
POISON_PRELOAD = '''
import functools
import graph.extract

def poisoned(from_doc):
    @functools.wraps(from_doc)
    def wrapper(self, document, doc):
        if document.article.key == "poison":
            raise RuntimeError("deliberate test failure")
        return from_doc(self, document, doc)
    wrapper.poisoned = True
    return wrapper

if not getattr(graph.extract.Extractor.from_doc, "poisoned", False):
    graph.extract.Extractor.from_doc = poisoned(graph.extract.Extractor.from_doc)
'''


def extraction(key: str, facts: tuple[Fact, ...]) -> Extraction:
    article = Article(key=key, text=TEXT, title=f"Talks {key}", date="2025-06-17", source=f"{key}.txt")
    return Extraction(article=article, text=TEXT, entities=(KAZAMA, JAPAN, PARK, PRIME_MINISTER), facts=facts)


def put(store, item: Extraction) -> None:
    store.replace_graph(str(article_iri(item.article.key)), extraction_ntriples(item))


def nquad_lines(store) -> list[str]:
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return sorted(line for line in buffer.getvalue().decode("utf-8").splitlines() if line)


def sample_build(**how) -> Store:
    store = Store(None)
    report = build([str(SAMPLE)], store, Options(), batch_size=3, **how)
    assert report.ok, report.failures
    return store


# --- identical output across --jobs 1, --jobs 2 and --dask local:2 ----------------------

@pytest.fixture(scope="module")
def one_process() -> Store:
    return sample_build(jobs=1)


@pytest.mark.parametrize("how", [{"jobs": 2}, pytest.param({"dask": "local:2"}, marks=pytest.mark.slow)],
                         ids=["jobs-2", "dask-local-2"])
def test_scale_parallel_builds_match_one_process(one_process, how):
    expected_rows = list(fact_rows(one_process))
    assert any(row["kind"] == "fact" for row in expected_rows)
    store = sample_build(**how)
    assert list(fact_rows(store)) == expected_rows
    assert nquad_lines(store) == nquad_lines(one_process)


# --- failures on Dask workers --------------------------------------------------------------

def write_corpus(path: Path, keys: list[str]) -> Path:
    texts = sorted(SAMPLE.glob("*.txt"))
    with path.open("w", encoding="utf-8") as out:
        for key, text in zip(keys, texts):
            out.write(json.dumps({"id": key, "title": key, "text": text.read_text(encoding="utf-8")}) + "\n")
    return path


@pytest.mark.slow  # starts a local Dask cluster
def test_scale_dask_worker_failure_is_one_articles_error(tmp_path):
    import dask

    preload = tmp_path / "poison_preload.py"
    preload.write_text(POISON_PRELOAD, encoding="utf-8")
    corpus = write_corpus(tmp_path / "corpus.jsonl", ["first", "poison", "third", "fourth"])
    store = Store(None)
    with dask.config.set({"distributed.worker.preload": [str(preload)]}):
        report = build([str(corpus)], store, Options(), dask="local:2", batch_size=2)
    assert len(report.failures) == 1
    assert "deliberate test failure" in report.failures[0] and "corpus.jsonl" in report.failures[0]
    assert report.stored == 3
    assert store.graph_iris() == sorted(str(article_iri(k)) for k in ["first", "third", "fourth"])


@pytest.mark.slow  # starts a local Dask cluster
def test_scale_dask_batch_that_cannot_run_is_reported_per_article(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", ["first", "second", "third"])
    broken = Options(gazetteer_files=(str(tmp_path / "missing-gazetteer.jsonl"),))
    store = Store(None)
    report = build([str(corpus)], store, broken, dask="local:1", batch_size=2)
    assert report.stored == 0 and len(store) == 0
    assert len(report.failures) == 3
    assert all("worker failed" in f and "missing-gazetteer.jsonl" in f for f in report.failures)


@pytest.mark.parametrize("address", ["local:0", "local:two", "local:"])
def test_scale_dask_rejects_bad_local_address(address):
    with pytest.raises(ValueError, match="local:N"):
        with connected_client(address):
            pass


# --- an external store over HTTP ------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"oxigraph server exited with code {server.returncode}")
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph server at {url} did not answer within {timeout} s")


@pytest.fixture
def oxigraph_url(tmp_path):
    """A real Oxigraph server on a free loopback port, stopped after the test."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path / "oxigraph"),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_answering(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_scale_remote_store_round_trip_matches_embedded_store(oxigraph_url):
    local = Store(None)
    with RemoteStore(oxigraph_url) as remote:
        for store in (local, remote):
            put(store, extraction("one", (HOLDS,)))
            put(store, extraction("two", (HOLDS, MEETS)))
            put(store, extraction("two", (MEETS,)))  # a rebuild replaces, never duplicates
        assert remote.graph_iris() == local.graph_iris() == [str(article_iri("one")), str(article_iri("two"))]
        assert len(remote) == len(local) > 0
        assert list(fact_rows(remote)) == list(fact_rows(local))
        assert statistics(remote) == statistics(local)
        assert nquad_lines(remote) == nquad_lines(local)
        assert remote.remove_graph(str(article_iri("one"))) is True
        assert remote.remove_graph(str(article_iri("one"))) is False
        assert [row["relation"] for row in fact_rows(remote, entities=False)] == ["meets"]


def test_scale_remote_store_adds_to_graphs_as_the_embedded_store_does(oxigraph_url):
    """What bulk builds write last, the extractor version of each article, merges into its graph."""
    local = Store(None)
    with RemoteStore(oxigraph_url) as remote:
        for store in (local, remote):
            put(store, extraction("one", (HOLDS,)))
            store.add_to_graphs({str(article_iri("one")): version_ntriples("one", "test version")})
        assert nquad_lines(remote) == nquad_lines(local)
        assert any("test version" in line for line in nquad_lines(remote))


def test_scale_remote_store_answers_every_query_form(oxigraph_url):
    with RemoteStore(oxigraph_url) as remote:
        put(remote, extraction("one", (HOLDS,)))
        variables, table = rows(run_query(remote, "SELECT ?who ?office WHERE { ?who kg:holdsOffice ?office }"))
        assert (variables, table) == (["who", "office"], [[str(entity_iri(KAZAMA.key)), str(entity_iri(PRIME_MINISTER.key))]])
        assert bool(run_query(remote, "ASK { ?p kg:meets ?q }")) is False
        triples = list(run_query(remote, "CONSTRUCT { ?p kg:holdsOffice ?o } WHERE { ?p kg:holdsOffice ?o }"))
        assert len(triples) == 1
        turtle = io.BytesIO()
        remote.dump(turtle, "turtle")
        assert b"kg:holdsOffice" in turtle.getvalue()
        with pytest.raises(QueryError, match="invalid SPARQL"):
            run_query(remote, "SELEC ?x WHERE { ?x ?y ?z }")


def test_scale_cli_build_query_remove_export_against_server(oxigraph_url, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(SAMPLE.glob("*.txt"))[:2]:
        shutil.copy(path, articles / path.name)
    keys = sorted(p.name for p in articles.iterdir())
    runner = CliRunner()
    local = str(tmp_path / "local-store")
    for store in (oxigraph_url, local):
        result = runner.invoke(cli, ["build", "--store", store, "--no-progress", str(articles)])
        assert result.exit_code == 0, result.output
    exports = [runner.invoke(cli, ["export", "--store", s, "--format", "nquads"]).stdout_bytes for s in (oxigraph_url, local)]
    assert sorted(exports[0].splitlines()) == sorted(exports[1].splitlines()) != []
    facts = [runner.invoke(cli, ["facts", "--store", s]).output for s in (oxigraph_url, local)]
    assert facts[0] == facts[1] and '"kind": "fact"' in facts[0]
    assert runner.invoke(cli, ["remove", "--store", oxigraph_url, keys[0]]).exit_code == 0
    answer = runner.invoke(cli, ["query", "--store", oxigraph_url, "SELECT ?k WHERE { ?a kg:key ?k }"])
    assert keys[1] in answer.output and keys[0] not in answer.output
    assert runner.invoke(cli, ["remove", "--store", oxigraph_url, keys[0]]).exit_code == 1


@pytest.mark.parametrize("url, layout", [
    ("http://127.0.0.1:7878", "oxigraph"),
    ("http://127.0.0.1:7878/", "oxigraph"),
    ("https://kg.example.org:3030/news", "fuseki"),
    ("http://localhost:7200/repositories/news", "graphdb"),
])
def test_scale_remote_layout_follows_url_shape(url, layout):
    assert layout_for(url) == layout


def test_scale_remote_prefixes_keep_the_querys_own_and_its_line_numbers():
    query = "PREFIX kg: <urn:mine#>\nSELECT * WHERE { ?s kg:p ?o }"
    text = with_prefixes(query)
    assert "<urn:mine#>" in text and "newsgraph/ontology#" not in text
    assert "PREFIX schema: <https://schema.org/>" in text
    assert text.count("\n") == query.count("\n")


# --- the benchmark ----------------------------------------------------------------------------

BENCH_SECTIONS = ["SYNTHETIC", "build vs bare nlp.pipe", "2 processes vs 1", "dask local:2 vs --jobs 2",
                  "load vs pyoxigraph bulk_load", "peak RSS", "time by corpus size"]


def run_to_end(command: list[str], *, timeout: float) -> subprocess.CompletedProcess:
    """Run a command in its own process group, and on timeout stop the whole group, so the
    benchmark's child processes never outlive the test."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


@pytest.mark.slow
def test_scale_bench_smoke_prints_every_section():
    result = run_to_end([PYTHON, str(ROOT / "scripts" / "bench.py"), "--smoke", "--no-extra"], timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    for section in BENCH_SECTIONS:
        assert section in result.stdout, f"missing section {section!r} in:\n{result.stdout}"


def test_scale_cli_paths_and_views_read_a_server_like_a_folder(oxigraph_url, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(SAMPLE.glob("*.txt"))[:3]:
        shutil.copy(path, articles / path.name)
    runner, local = CliRunner(), str(tmp_path / "local-store")
    for store in (oxigraph_url, local):
        assert runner.invoke(cli, ["build", "--store", store, "--no-progress", str(articles)]).exit_code == 0

    def answer(*args: str) -> list:
        results = [runner.invoke(cli, [*args, "--store", store]) for store in (oxigraph_url, local)]
        assert [r.exit_code for r in results] == [0, 0], [r.output for r in results]
        return [r.output for r in results]

    ranked = [json.loads(out) for out in answer("central", "--top", "2", "--type", "Person", "--format", "json")]
    assert ranked[0] == ranked[1] and len(ranked[0]["ranking"]) == 2
    first = ranked[0]["ranking"][0]["id"]
    hoods = [json.loads(out) for out in answer("neighbors", first, "--hops", "2", "--format", "json")]
    assert sorted(n["id"] for n in hoods[0]["neighbours"]) == sorted(n["id"] for n in hoods[1]["neighbours"]) != []
    farthest = hoods[1]["neighbours"][-1]["id"]
    found = [json.loads(out) for out in answer("path", first, farthest, "-k", "1", "--format", "json")]
    assert [p["hops"] for p in found[0]["paths"]] == [p["hops"] for p in found[1]["paths"]] != []
    views = answer("view", "--focus", first, "-o", str(tmp_path / "view.html"))
    assert views[0] == views[1] and "entities" in views[0]


def test_scale_serve_answers_from_a_server_store(oxigraph_url, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(sorted(SAMPLE.glob("*.txt"))[0], articles)
    assert CliRunner().invoke(cli, ["build", "--store", oxigraph_url, "--no-progress", str(articles)]).exit_code == 0
    port = free_port()
    served = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as sink:
        server = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", oxigraph_url, "--port", str(port),
                                   "--workers", "1"], stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            try:
                if httpx.get(f"{served}/style.css", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Person }"
        answer = httpx.get(f"{served}/sparql", params={"query": count}, headers={"Accept": "text/csv"}, timeout=30)
        with RemoteStore(oxigraph_url) as remote:
            expected = next(iter(remote.query(count)))["n"].value
        assert answer.status_code == 200 and answer.text.split() == ["n", expected] and int(expected) > 0
        home = httpx.get(served + "/", timeout=30)
        assert home.status_code == 200 and "articles ·" in home.text
        person = re.search(r'href="/entity/(person/[^"]+)"', home.text).group(1)
        assert httpx.get(f"{served}/entity/{person}", timeout=30).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=15)
