"""graph/server/: the SPARQL 1.1 Protocol endpoint and the HTML pages.

The store is built here from hand-made Extractions (about 3,000 quads, some of whose
names, titles and texts are script-injection payloads). Answers and pages are checked
in this process through Starlette's TestClient (`client`, and `strict` for the limits).
What must prove a real server runs against `python -m graph serve` in a subprocess on
127.0.0.1 and a free port: real clients (SPARQLWrapper, http.client, raw sockets, so that
paths reach the server unnormalised), a worker crashed by a signal, and the browser.
"""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
from contextlib import contextmanager
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

import psutil
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from starlette.testclient import TestClient

from graph.model import Article, Entity, Extraction, Fact
from graph.rdf import article_iri, extraction_ntriples
from graph.server import create_app
from graph.server.negotiation import accept_ranges, negotiate
from graph.server.pages import evidence_spans
from graph.sparql import Refused, query_code, refuse_unsafe
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = '<script>window.__xss = "script"</script>'
IMG = '"><img src=x onerror="window.__xss = \'img\'">'
EVIL_LABEL = f"Evil {SCRIPT} {IMG}"
EVIL_TEXT = f"Evil {SCRIPT} met Tatsuo Kazama {IMG} in Tokyo."

KAZAMA = Entity("person/tatsuo-kazama", "Person", "Tatsuo Kazama", aliases=("Kazama",), wikidata="Q4115189")
TAKAICHI = Entity("person/sanae-takaichi", "Person", "Sanae Takaichi")
PARK = Entity("person/park-do-hyun", "Person", "Park Do-hyun")
EVIL = Entity("person/evil", "Person", EVIL_LABEL, aliases=(f"{IMG}alias",))
PM = Entity("office/prime-minister-of-japan", "Office", "Prime Minister of Japan", country="country/japan")
JAPAN = Entity("country/japan", "Country", "Japan", wikidata="Q17")
G7 = Entity("summit/2025-g7-summit", "Summit", "2025 G7 summit", year=2025)
FILLER_ARTICLES = 44


def fact(text: str, sentence: str, subject: str, relation: str, obj: str, status: str | None) -> Fact:
    start = text.index(sentence)
    return Fact(subject, relation, obj, status, 0.9, sentence, start, start + len(sentence))


def filler(number: int) -> Extraction:
    """An ordinary article: Kazama as prime minister, at the G7, meeting Park, plus a few minor people."""
    people = [Entity(f"person/minor-{number}-{k}", "Person", f"Minor Person {number}-{k}") for k in range(3)]
    sentences = [f"Prime Minister Tatsuo Kazama spoke on day {number}.",
                 f"Kazama attended the G7 summit, report {number}.",
                 f"Kazama met Park Do-hyun, report {number}."]
    sentences += [f"{p.label} met Park Do-hyun." for p in people]
    text = " ".join(sentences)
    facts = [fact(text, sentences[0], KAZAMA.key, "holdsOffice", PM.key, "current"),
             fact(text, sentences[1], KAZAMA.key, "attends", G7.key, "attended"),
             fact(text, sentences[2], KAZAMA.key, "meets", PARK.key, "held")]
    facts += [fact(text, s, p.key, "meets", PARK.key, "held") for p, s in zip(people, sentences[3:])]
    article = Article(f"filler-{number:03d}.txt", text, title=f"Filler {number}", date=f"2025-06-{1 + number % 28:02d}",
                      url=f"https://news.example.org/{number}", source=f"tests/filler-{number}")
    return Extraction(article, text, (KAZAMA, PARK, PM, JAPAN, G7, *people), tuple(facts))


def hostile() -> Extraction:
    """The planted article: payloads in its title, URL, text and in an entity's label and alias."""
    text = EVIL_TEXT + " Sanae Takaichi became prime minister."
    facts = (fact(text, EVIL_TEXT, EVIL.key, "meets", KAZAMA.key, "held"),
             fact(text, "Sanae Takaichi became prime minister.", TAKAICHI.key, "holdsOffice", PM.key, "current"))
    article = Article("evil <script>.txt", text, title=f"Title {SCRIPT}", date="2025-10-21",
                      url="javascript:window.__xss='url'", source=f"tests/{IMG}")
    return Extraction(article, text, (EVIL, KAZAMA, TAKAICHI, PM, JAPAN), facts)


def build_store(folder: Path) -> int:
    """Write the test store; returns its number of quads."""
    with Store(folder, write=True) as store:
        for extraction in [hostile(), *(filler(n) for n in range(FILLER_ARTICLES))]:
            store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
        return len(store)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `kg serve` subprocess: its base URL, port and process."""

    def __init__(self, store_dir: Path, log: Path, **options):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "graph", "serve", "--store", str(store_dir), "--port", str(self.port)]
        args += [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
        self.log = log
        with open(log, "wb") as sink:
            self.process = subprocess.Popen(args, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)

    def wait_ready(self, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()}")
            try:
                if request(self.port, "GET", "/style.css")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server not ready after {timeout_s} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def workers(self) -> list[psutil.Process]:
        return [child for child in psutil.Process(self.process.pid).children(recursive=True)
                if "spawn_main" in " ".join(child.cmdline())]


@contextmanager
def running(store_dir: Path, log: Path, **options):
    server = Server(store_dir, log, **options)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request on a fresh connection; the path is sent exactly as given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_status(port: int, data: bytes) -> int:
    """Send raw bytes (malformed requests, unnormalised paths) and return the status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        head = b""
        while b"\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1])


def sparql_get(port: int, query: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    return request(port, "GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": accept} if accept else {})


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch):
    """Loopback only: make sure no proxy from the environment sits between client and server."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("server") / "store"
    build_store(folder)
    return folder


@pytest.fixture(scope="module")
def server(store_dir, tmp_path_factory):
    with running(store_dir, tmp_path_factory.mktemp("log") / "server.log", timeout=20, max_rows=1000,
                 max_body=8192, workers=2) as running_server:
        yield running_server


@pytest.fixture(scope="module")
def client(store_dir):
    """The app in this process through Starlette's TestClient, set as `server` is: for the
    endpoint's and the pages' answers, which need no real HTTP server."""
    with TestClient(create_app(store_dir, timeout_s=20, max_rows=1000, max_body=8192, workers=2)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def strict(store_dir):
    """The app with a tiny time limit and row cap, for the limits."""
    with TestClient(create_app(store_dir, timeout_s=0.3, max_rows=5, workers=2)) as test_client:
        yield test_client


def fetch(client: TestClient, method: str, path: str, body: bytes | None = None,
          headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request through the TestClient, answered as `request` answers one over HTTP."""
    response = client.request(method, path, content=body, headers=headers or {})
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content


def ask(client: TestClient, query: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    return fetch(client, "GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": accept} if accept else {})


def worker_pids(client: TestClient) -> set[int]:
    return {worker.process.pid for worker in client.app.state.handlers.pool.workers}


def count_quads(port: int) -> int:
    status, _, body = sparql_get(port, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
    assert status == 200, body
    return int(body.decode().split()[1])


def wait_healthy(answer: Callable[[str], tuple[int, dict, bytes]], timeout_s: float = 30.0) -> None:
    """Until a plain query succeeds again (workers killed for timeouts are being replaced);
    `answer` sends a query to the server or client under test."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if answer("ASK { ?s ?p ?o }")[0] == 200:
            return
        time.sleep(0.2)
    raise AssertionError("server did not recover")


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~3,000² rows: about a second


# --- the protocol, through SPARQLWrapper ------------------------------------------------


def wrapper(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


def test_server_select_json_through_sparqlwrapper(server):
    query = "SELECT ?label WHERE { ?p kg:holdsOffice ?o . ?p rdfs:label ?label } GROUP BY ?label ORDER BY ?label"
    result = wrapper(server, query, JSON).query().convert()
    assert result["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == ["Sanae Takaichi", "Tatsuo Kazama"]


def test_server_select_csv_through_sparqlwrapper_post(server):
    query = "SELECT ?who WHERE { ?who kg:meets <https://w3id.org/newsgraph/id/person/park-do-hyun> } GROUP BY ?who"
    text = wrapper(server, query, CSV, POST).query().convert().decode()
    lines = text.strip().splitlines()
    assert lines[0] == "who" and len(lines) == 1 + 1 + 3 * FILLER_ARTICLES
    assert "https://w3id.org/newsgraph/id/person/tatsuo-kazama" in lines


def test_server_ask_through_sparqlwrapper(server):
    assert wrapper(server, "ASK { ?p kg:holdsOffice ?o }", JSON).query().convert()["boolean"] is True
    assert wrapper(server, "ASK { ?p kg:invitedTo ?o }", JSON).query().convert()["boolean"] is False


def test_server_construct_turtle_through_sparqlwrapper(server):
    query = "CONSTRUCT { ?p kg:holdsOffice ?o } WHERE { ?p kg:holdsOffice ?o }"
    data = wrapper(server, query, TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    holds = URIRef("https://w3id.org/newsgraph/ontology#holdsOffice")
    assert {str(s) for s, p, o in graph if p == holds} == {
        "https://w3id.org/newsgraph/id/person/tatsuo-kazama", "https://w3id.org/newsgraph/id/person/sanae-takaichi"}


def test_server_update_rejected_through_sparqlwrapper(server):
    before = count_quads(server.port)
    client = wrapper(server, 'INSERT DATA { <http://x.example/a> <http://x.example/b> "c" }', JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403 and b"read-only" in caught.value.read()
    assert count_quads(server.port) == before


def test_server_bad_query_is_400_with_parser_message(server):
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(server, "SELECT ?s WHERE { ?s ?p }", JSON).query()
    assert "invalid SPARQL" in str(caught.value) and "1:" in str(caught.value)


@pytest.mark.parametrize(("accept", "media", "start"), [
    ("application/sparql-results+json", "application/sparql-results+json", b'{"head"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ("text/csv", "text/csv", b"s\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?s\n"),
    ("image/png, */*;q=0.1", "application/sparql-results+json", b'{"head"'),
])
def test_server_negotiates_select_formats(client, accept, media, start):
    status, headers, body = ask(client, "SELECT ?s WHERE { ?s a kg:Country } LIMIT 1", accept)
    assert status == 200 and headers["content-type"].startswith(media) and body.startswith(start)


@pytest.mark.parametrize(("accept", "media"), [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json")])
def test_server_negotiates_graph_formats(client, accept, media):
    query = "DESCRIBE <https://w3id.org/newsgraph/id/country/japan>"
    status, headers, body = ask(client, query, accept)
    assert status == 200 and headers["content-type"].startswith(media)
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/ld+json": ox.RdfFormat.JSON_LD}[accept]
    subjects = {triple.subject.value for triple in ox.parse(body, format=fmt)}
    assert subjects == {"https://w3id.org/newsgraph/id/country/japan"}


def test_server_unacceptable_accept_is_406(client):
    assert ask(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")[0] == 406
    assert ask(client, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")[0] == 406


def test_server_cors_headers_and_preflight(client):
    status, headers, _ = fetch(client, "GET", "/sparql?" + urlencode({"query": "ASK {}"}),
                                 headers={"Origin": "https://yasgui.example"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = fetch(client, "OPTIONS", "/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and "POST" in headers["access-control-allow-methods"]


def test_server_post_forms_of_the_protocol(client):
    query = "SELECT ?c WHERE { ?c a kg:Country }"
    direct = fetch(client, "POST", "/sparql", query.encode(),
                     {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    form = fetch(client, "POST", "/sparql", urlencode({"query": query}).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert direct[0] == form[0] == 200 and direct[2] == form[2]
    assert b"https://w3id.org/newsgraph/id/country/japan" in direct[2]


# --- limits ---------------------------------------------------------------------------


def test_server_timeout_is_503_and_kills_the_query(strict):
    wait_healthy(lambda query: ask(strict, query))
    before = worker_pids(strict)
    started = time.monotonic()
    status, headers, body = ask(strict, SLOW)
    assert status == 503 and b"timed out" in body and headers["retry-after"]
    assert time.monotonic() - started < 5
    wait_healthy(lambda query: ask(strict, query))
    killed = before - worker_pids(strict)
    assert len(killed) == 1  # the query's worker is gone, so the query is not still running
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in killed)


def test_server_caps_rows_and_says_so(strict):
    status, headers, body = ask(strict, "SELECT ?s WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200 and headers["x-result-truncated"] == "max-rows=5"
    assert len(body.decode().strip().splitlines()) == 1 + 5
    status, headers, _ = ask(strict, "SELECT DISTINCT ?s WHERE { ?s a kg:Country }", "text/csv")
    assert status == 200 and "x-result-truncated" not in headers


def test_server_oversized_body_is_413(client):
    big = b"# " + b"x" * 20000 + b"\nASK {}"
    status, _, body = fetch(client, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"limit" in body
    status, _, _ = fetch(client, "POST", "/sparql", urlencode({"query": big.decode()}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413


def test_server_survives_a_crashed_worker(server):
    """A worker process that dies mid-query (as a stack overflow in Oxigraph would) costs
    that query a 500; the worker is replaced and the server keeps answering."""
    outcome: dict = {}
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    thread = threading.Thread(target=lambda: outcome.update(reply=sparql_get(server.port, query)))
    thread.start()
    deadline = time.monotonic() + 10
    victim = None
    while victim is None and time.monotonic() < deadline:
        victim = next((w for w in server.workers() if w.cpu_percent(interval=0.2) > 20), None)
    assert victim is not None, "no worker picked up the query"
    victim.send_signal(signal.SIGSEGV)
    thread.join(30)
    status, _, body = outcome["reply"]
    assert status == 500 and b"crashed its worker" in body
    wait_healthy(lambda query: sparql_get(server.port, query))


# --- the hostile-request run -----------------------------------------------------------

UPDATES = [
    'INSERT DATA { <http://x.example/a> <http://x.example/b> "c" }',
    'DELETE DATA { <https://w3id.org/newsgraph/id/country/japan> rdfs:label "Japan" }',
    "DELETE WHERE { ?s ?p ?o }",
    'DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }',
    'INSERT { ?s rdfs:label "x" } WHERE { ?s a kg:Person }',
    "WITH <https://w3id.org/newsgraph/id/article/filler-001-txt> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://x.example/g>",
    "CLEAR ALL", "CLEAR SILENT DEFAULT", "DROP ALL", "DROP GRAPH <https://w3id.org/newsgraph/id/article/filler-001-txt>",
    "CREATE GRAPH <http://x.example/g>", "ADD DEFAULT TO <http://x.example/g>", "MOVE DEFAULT TO <http://x.example/g>",
    "COPY <http://x.example/a> TO <http://x.example/b>",
]


def update_variants(update: str) -> list[str]:
    return [update, f"# sneaky\nPREFIX ex: <http://x.example/>\n{update.lower()}",
            f"BASE <http://x.example/> {update} ; CLEAR ALL"]


def service_queries(port: int) -> list[str]:
    target = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent {target} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z .SERVICE{target}{{?s ?p ?o}} }}",
        f"PREFIX ex: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE ex:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment\n SeRvIcE ?e {{ ?s ?p ?o }} VALUES ?e {{ {target} }} }}",
        f"ASK {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE {target} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {target} {{ ?s ?p ?o }} }} }}",
        f'SELECT * WHERE {{ ?s ?p "x" . SERVICE {target} {{ ?s ?p ?o }} }}',
        f"SELECT * WHERE {{ SERVICE <http://169.254.169.254/latest/meta-data/> {{ ?s ?p ?o }} }}",
    ]


TRAVERSALS = [
    "/entity/..%2f..%2fetc%2fpasswd", "/entity/..%2f..%2fetc/passwd", "/entity/%2e%2e/%2e%2e/etc/passwd",
    "/entity/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/entity/person/..%2f..%2f..%2fetc%2fpasswd",
    "/entity/%252e%252e%252fetc%252fpasswd", "/entity/....//....//etc/passwd", "/entity/..%5c..%5cetc%5cpasswd",
    "/entity/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/entity/person%00/tatsuo-kazama", "/entity/.hidden",
    "/entity/person/.%2e/.%2e/etc/passwd", "/entity/" + "a" * 5000, "/entity/a/b/c/d/e/f", "/entity/",
    "/entity/person/%3Cscript%3E", "/entity/file:%2f%2f%2fetc%2fpasswd", "/entity/person/tatsuo-kazama%0d%0aX:1",
    "/article/..%2f..%2fetc%2fpasswd", "/article/%2e%2e/%2e%2e/etc/passwd", "/article/..", "/article/%2e%2e",
    "/article/2025-x/../../etc/passwd", "/article/UPPER", "/article/" + "a" * 500, "/article/a%00b",
    "/view/..%2f..%2fetc%2fpasswd", "/view/%2e%2e/%2e%2e/etc/passwd", "/export.ttl/..%2f..%2fetc%2fpasswd",
    "/style.css/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd", "/etc/passwd",
    "/entity/../../etc/passwd", "/article/../../etc/passwd", "/view/../../../etc/passwd",
]


def hostile_requests(canary_port: int, big: int) -> list[tuple[str, int, object]]:
    """(description, expected status, how to send it) for every hostile request in the run."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    direct = {"Content-Type": "application/sparql-query"}
    cases: list[tuple[str, int, object]] = []
    for update in UPDATES:
        for text in update_variants(update):
            cases.append((f"GET update {text!r}", 403, ("GET", "/sparql?" + urlencode({"query": text}), None, {})))
        cases.append(("POST form query=update", 403, ("POST", "/sparql", urlencode({"query": update}).encode(), form)))
        cases.append(("POST sparql-query update", 403, ("POST", "/sparql", update.encode(), direct)))
        cases.append(("POST form update=", 403, ("POST", "/sparql", urlencode({"update": update}).encode(), form)))
        cases.append(("POST sparql-update", 403, ("POST", "/sparql", update.encode(),
                                                  {"Content-Type": "application/sparql-update"})))
        cases.append(("home page update", 403, ("GET", "/?" + urlencode({"query": update}), None, {})))
    for text in service_queries(canary_port):
        cases.append((f"GET SERVICE {text!r}", 403, ("GET", "/sparql?" + urlencode({"query": text}), None, {})))
        cases.append(("POST SERVICE", 403, ("POST", "/sparql", text.encode(), direct)))
        cases.append(("home SERVICE", 403, ("GET", "/?" + urlencode({"query": text}), None, {})))
    for path in TRAVERSALS:
        cases.append((f"traversal {path[:60]}", 404, ("RAW", f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())))
    garbage = ["SELECT", "}}}}", "SELECT * WHERE { ?s ?p }", "\x00\x01\x02", "SELECT * WHERE { FILTER(?x <) }",
               "ASK { " + "(" * 50, "PREFIX : <x SELECT", "SELECT * FROM <file:///etc/passwd> WHERE {",
               "\u202e SELECT * WHERE { ?s ?p ?o }", "SELECT ?x WHERE { ?x ?p ?o } LIMIT -1"]
    for text in garbage:
        cases.append((f"garbage {text[:20]!r}", 400, ("GET", "/sparql?" + urlencode({"query": text}), None, {})))
        cases.append(("garbage POST", 400, ("POST", "/sparql", text.encode(), direct)))
    cases += [
        ("declared huge body", 413, ("RAW", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                                            b"\r\nContent-Length: 99999999999999\r\n\r\nASK {}")),
        ("chunked huge body", 413, ("RAW", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                                           b"\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           + (b"1000\r\n" + b"#" * 0x1000 + b"\r\n") * 8 + b"0\r\n\r\n")),
        ("big direct body", 413, ("POST", "/sparql", b"#" * (big + 1), direct)),
        ("big form body", 413, ("POST", "/sparql", b"query=" + b"%23" * big, form)),
        ("long GET query", 414, ("GET", "/sparql?query=" + "a" * (big + 100), None, {})),
        ("long home query", 414, ("GET", "/?query=" + "a" * (big + 100), None, {})),
        ("PUT", 405, ("PUT", "/sparql", b"ASK {}", direct)), ("DELETE", 405, ("DELETE", "/sparql", None, {})),
        ("PATCH", 405, ("PATCH", "/sparql", b"x", direct)), ("POST home", 405, ("POST", "/", b"x", form)),
        ("POST entity", 405, ("POST", "/entity/person/tatsuo-kazama", b"x", form)),
        ("TRACE", 405, ("TRACE", "/", None, {})),
        ("text/plain body", 415, ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"})),
        ("multipart body", 415, ("POST", "/sparql", b"--b\r\n\r\nASK {}\r\n--b--", {"Content-Type": "multipart/form-data; boundary=b"})),
        ("no content type", 415, ("POST", "/sparql", b"ASK {}", {})),
        ("JSON body", 415, ("POST", "/sparql", b'{"query": "ASK {}"}', {"Content-Type": "application/json"})),
        ("missing query", 400, ("GET", "/sparql", None, {})),
        ("empty query", 400, ("GET", "/sparql?query=", None, {})),
        ("two queries", 400, ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {})),
        ("default-graph-uri", 400, ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=file:///etc/passwd", None, {})),
        ("named-graph-uri", 400, ("GET", "/sparql?query=ASK%7B%7D&named-graph-uri=http://x.example/", None, {})),
        ("invalid UTF-8 in GET", 400, ("GET", "/sparql?query=%FF%FE%FD", None, {})),
        ("invalid UTF-8 in body", 400, ("POST", "/sparql", b"ASK {} #\xff\xfe", direct)),
        ("invalid UTF-8 in form", 400, ("POST", "/sparql", b"query=%C0%AF", form)),
        ("unacceptable Accept", 406, ("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "image/png"})),
        ("malformed q in Accept", 406, ("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "*/*;q=banana"})),
        ("NUL in request line", 400, ("RAW", b"GET /entity/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n")),
        ("TLS hello on plain HTTP", 400, ("RAW", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 50 + b"\r\n\r\n")),
        ("bad Content-Length", 400, ("RAW", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")),
        ("CRLF in query", 400, ("RAW", b"GET /sparql?query=ASK%7B%7D%0D%0ASet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\n\r\n")),
        ("script in home query", 400, ("GET", "/?" + urlencode({"query": SCRIPT}), None, {})),
        ("script as example name", 404, ("GET", "/?" + urlencode({"example": SCRIPT}), None, {})),
        ("script as path name", 404, ("GET", "/path?" + urlencode({"from": SCRIPT, "to": IMG}), None, {})),
        ("overlong path name", 400, ("GET", "/path?" + urlencode({"from": "x" * 400, "to": "y"}), None, {})),
        ("unknown entity", 404, ("GET", "/entity/person/nobody-at-all", None, {})),
        ("unknown article", 404, ("GET", "/article/no-such-article-txt", None, {})),
        ("statement node as entity", 404, ("GET", "/entity/fact/0123456789abcdef", None, {})),
    ]
    return cases


def send(port: int, how) -> tuple[int, bytes]:
    if how[0] == "RAW":
        return raw_status(port, how[1]), b""
    method, path, body, headers = how
    status, _, text = request(port, method, path, body, headers)
    return status, text


@contextmanager
def canary():
    """A loopback listener that records any connection: SERVICE must never reach it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    hits: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                hits.append(connection.recv(200))
                connection.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], hits
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def test_server_answers_200_hostile_requests_and_stays_healthy(server, strict):
    before = count_quads(server.port)
    with canary() as (canary_port, hits):
        cases = hostile_requests(canary_port, big=8192)
        assert len(cases) >= 200
        wrong = []
        for description, expected, how in cases:  # bounded: one pass over a fixed list
            status, body = send(server.port, how)
            if status != expected:
                wrong.append((description, expected, status, body[:200]))
            assert b"root:x:0:0" not in body and SCRIPT.encode() not in body
        slow = [ask(strict, SLOW)[0] for _ in range(3)]
        time.sleep(0.5)
    assert not wrong, wrong
    assert hits == [], "a SERVICE clause made the server connect out"
    assert slow == [503, 503, 503]
    wait_healthy(lambda query: ask(strict, query))
    assert count_quads(server.port) == before
    assert request(server.port, "GET", "/")[0] == 200
    assert request(server.port, "GET", "/entity/person/tatsuo-kazama")[0] == 200
    assert server.process.poll() is None


def test_server_allows_keywords_inside_strings_iris_and_names(client):
    queries = ['SELECT ?service WHERE { ?service ?p "SERVICE <http://x/> { }" }',
               "PREFIX service: <http://x.example/> SELECT * WHERE { ?s service:p ?o }",
               'SELECT * WHERE { ?s ?p ?o FILTER(?o = "INSERT DATA { <a:b> <a:c> <a:d> }") }',
               "SELECT ?delete ?insert WHERE { ?delete <http://x.example/DROP> ?insert }",
               "SELECT * WHERE { ?s <http://x.example/load#CLEAR> ?o } # DROP ALL"]
    for query in queries:
        assert ask(client, query)[0] == 200, query


# --- pages ------------------------------------------------------------------------------


def test_server_pages_escape_planted_payloads(client):
    pages = ["/entity/person/evil", "/entity/person/tatsuo-kazama", "/?" + urlencode({"query": "SELECT ?l WHERE { ?e rdfs:label ?l }"}),
             f"/article/{article_iri(hostile().article.key).rsplit('/', 1)[-1]}", "/"]
    for path in pages:
        status, headers, body = fetch(client, "GET", path)
        text = body.decode()
        assert status == 200, path
        assert SCRIPT not in text and "<img src=x" not in text, path
        assert "script-src" not in headers["content-security-policy"]
    status, _, body = fetch(client, "GET", "/entity/person/evil")
    assert "Evil &lt;script&gt;window.__xss" in body.decode()
    status, _, body = fetch(client, "GET", f"/article/{article_iri(hostile().article.key).rsplit('/', 1)[-1]}")
    assert 'href="javascript:' not in body.decode() and "<mark" in body.decode()


def test_server_entity_page_shows_facts_and_links(client):
    status, _, body = fetch(client, "GET", "/entity/person/tatsuo-kazama")
    text = body.decode()
    assert status == 200
    for expected in ("Tatsuo Kazama", "Also called: Kazama", "https://www.wikidata.org/wiki/Q4115189",
                     '<h3 id="rel-holdsOffice">', '<h3 id="rel-attends">', '<h3 id="rel-meets">',
                     'href="/entity/office/prime-minister-of-japan"', "Prime Minister Tatsuo Kazama spoke on day 3.",
                     'href="/article/filler-003-txt"', "current", "0.9"):
        assert expected in text, expected


def test_server_article_page_highlights_evidence(client):
    status, _, body = fetch(client, "GET", "/article/filler-007-txt")
    text = body.decode()
    assert status == 200 and "Filler 7" in text
    assert '<mark id="ev-0" title="holdsOffice">Prime Minister Tatsuo Kazama spoke on day 7.</mark>' in text
    assert 'href="https://news.example.org/7"' in text


def test_server_path_page(client):
    status, _, body = fetch(client, "GET", "/path?" + urlencode({"from": "Sanae Takaichi", "to": "Park Do-hyun"}))
    assert status == 200
    text = body.decode()
    assert 'href="/entity/office/prime-minister-of-japan"' in text and "holdsOffice" in text
    status, _, body = fetch(client, "GET", "/path?" + urlencode({"from": "Nobody Known", "to": "Park Do-hyun"}))
    assert status == 404 and "no entity named" in body.decode()


def test_server_view_is_self_contained_and_sandboxed(client):
    status, headers, body = fetch(client, "GET", "/view/person/evil")
    text = body.decode()
    assert status == 200 and "script-src 'unsafe-inline'" in headers["content-security-policy"]
    assert "connect-src" not in headers["content-security-policy"]  # default-src 'none' covers it
    assert SCRIPT not in text and 'src="http' not in text and "href=\"http" not in text
    assert fetch(client, "GET", "/view/person/nobody-at-all")[0] == 404
    status, _, body = fetch(client, "GET", "/entity/person/evil")
    assert '<iframe id="ego-view" src="/view/person/evil" sandbox="allow-scripts"' in body.decode()


def test_server_export_is_turtle_of_the_store(client, store_dir):
    status, headers, body = fetch(client, "GET", "/export.ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert "attachment" in headers["content-disposition"]
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef("https://w3id.org/newsgraph/id/country/japan"), None, None) in graph


def test_server_home_runs_example_queries(client):
    status, _, body = fetch(client, "GET", "/")
    text = body.decode()
    assert status == 200 and 'class="example"' in text and "articles ·" in text
    status, _, body = fetch(client, "GET", "/?example=01-current-office-holders")
    text = body.decode()
    assert status == 200 and '<table id="results"' in text and "Sanae Takaichi" in text


# --- pieces, without a server ---------------------------------------------------------------


def test_server_refuse_unsafe_sees_keywords_only_in_code():
    assert query_code('SELECT "SERVICE" <http://x/SERVICE> # SERVICE\n ?s').split() == ["SELECT", '""', '""', "?s"]
    for text in ("SELECT * { SERVICE <x:y> {} }", "ask{service<x:y>{}}", 'SELECT * { ?s ?p "a" .SERVICE <x:y> {} }',
                 "DROP ALL", "PREFIX a: <x:> insert data {}"):
        with pytest.raises(Refused):
            refuse_unsafe(text)
    refuse_unsafe("SELECT ?service WHERE { ?service <x:SERVICE> 'INSERT' }")


def test_server_negotiate_follows_quality_and_specificity():
    assert accept_ranges("text/csv;q=0.5, application/json") == [("text/csv", 0.5), ("application/json", 1.0)]
    assert negotiate("select", "text/csv;q=0.5, application/sparql-results+xml") == "xml"
    assert negotiate("select", "text/*") == "csv"
    assert negotiate("select", None) == "json"
    assert negotiate("graph", "*/*") == "turtle"
    assert negotiate("graph", "application/json") == "jsonld"
    assert negotiate("select", "text/csv;q=0") is None


def test_server_evidence_spans_trust_offsets_only_when_they_match():
    body = "One sentence here. Another one."
    facts = [{"text": "Another one.", "start": "19", "end": "31"},
             {"text": "One sentence here.", "start": "5", "end": "9"},  # wrong offsets: found by text
             {"text": "Not in the body.", "start": "0", "end": "3"}]
    assert evidence_spans(body, facts) == [(0, 18, [1]), (19, 31, [0])]


# --- headless Chromium ------------------------------------------------------------------------

CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if os.access(p, os.X_OK)), None)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("headless Chromium not found at /usr/bin/chromium (run `make browser`)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in .venv")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


@pytest.mark.browser
def test_server_browser_runs_an_example_and_opens_an_entity(server, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server.base + "/")
    example = page.locator("a.example").first
    assert "office" in example.inner_text().lower()
    example.click()
    page.wait_for_selector("#results")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 1
    assert "Sanae Takaichi" in page.locator("#results").inner_text()
    page.locator("#results a", has_text="person/sanae-takaichi").first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Sanae Takaichi"
    assert page.locator("#rel-holdsOffice").count() == 1
    view = page.wait_for_selector("#ego-view").content_frame()
    view.wait_for_function("typeof network !== 'undefined' && network.body.data.nodes.length > 0", timeout=20000)
    assert view.evaluate("network.body.data.nodes.get().map(n => n.id)").count("person/sanae-takaichi") == 1
    assert dialogs == []
    page.close()


@pytest.mark.browser
def test_server_browser_runs_no_planted_script(server, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    slug = article_iri(hostile().article.key).rsplit("/", 1)[-1]
    for path in ("/entity/person/evil", f"/article/{slug}",
                 "/?" + urlencode({"query": "SELECT ?l WHERE { ?e rdfs:label ?l }"}), "/entity/person/tatsuo-kazama"):
        page.goto(server.base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
    page.goto(server.base + "/entity/person/evil")
    assert page.locator("h1").inner_text() == EVIL_LABEL
    view = page.wait_for_selector("#ego-view").content_frame()
    view.wait_for_function("typeof network !== 'undefined'", timeout=20000)
    assert view.evaluate("window.__xss") is None
    assert all(url.startswith(server.base) for url in requests), requests
    page.close()


@pytest.mark.slow
def test_server_bench_smoke_runs():
    """scripts/bench_sparql.py --smoke: the benchmark's whole path (synthetic store, endpoint, pyoxigraph, rdflib)."""
    done = subprocess.run([sys.executable, "scripts/bench_sparql.py", "--smoke"], cwd=ROOT, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "SYNTHETIC data" in done.stdout and "endpoint / bare pyoxigraph (p50)" in done.stdout
    table = [line for line in done.stdout.splitlines() if line[:2].isdigit() and line[2] == "-"]
    assert len(table) == len(list((ROOT / "ontology" / "queries").glob("*.rq")))
