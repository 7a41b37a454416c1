"""Reliability of the build (issue 7): bad input, arbitrary strings, kill -9, two builds at once, size limits.

Crashes, exit codes, signals and file locks only show in a real process, so those tests run
the installed `kg` console script; the rest call the library with the session's Extractor.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bad_inputs import (GOOD_ARTICLES, Kind, Verdict, expected_keys, judge, make_bad_corpus, stored_articles,
                        unexpected_errors)
from graph.build import build
from graph.cli import cli
from graph.ingest import IngestError, read_articles
from graph.model import Article, Entity, Extraction, Fact, entity_key
from graph.rdf import extraction_ntriples
from graph.store import Store

KG = str(Path(sys.executable).with_name("kg"))
# rdflib's own N-Quads parser uses its deprecated Dataset.default_context.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
NOBODY = 65534

#: Bad-input kinds that graph/ mishandles today: kind name → the defect and its proposed fix.


# --- helpers ------------------------------------------------------------------------


def run_kg(*args: str | Path, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *map(str, args)], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)


def start_kg(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([KG, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")


def assert_no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output, output


def graphs(store: Store) -> dict[str, frozenset[ox.Quad]]:
    """Every named graph's quads: what a rebuilt or half-written article is compared by."""
    found: dict[str, set[ox.Quad]] = defaultdict(set)
    for quad in store.db.quads_for_pattern(None, None, None, None):
        found[quad.graph_name.value].add(quad)
    return {name: frozenset(quads) for name, quads in found.items()}


def dumped(store: Store, fmt: str) -> str:
    """What `kg export --format fmt` writes, as text."""
    with tempfile.TemporaryFile() as output:
        store.dump(output, fmt)
        output.seek(0)
        return output.read().decode("utf-8")


def string_literals(values) -> set[str]:
    """The plain string literals among rdflib terms: the text an export must carry unchanged."""
    return {str(value) for value in values if isinstance(value, rdflib.Literal) and value.datatype is None and not value.language}


def assert_exports_reparse(store: Store) -> None:
    """The store's Turtle and N-Quads re-parse, in rdflib and in pyoxigraph, to exactly what it holds."""
    quads = set(store.db.quads_for_pattern(None, None, None, None))
    triples = {quad.triple for quad in quads}
    turtle, nquads = dumped(store, "turtle"), dumped(store, "nquads")
    assert {quad.triple for quad in ox.parse(turtle, format=ox.RdfFormat.TURTLE)} == triples
    assert set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) == quads
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    assert len(graph) == len(triples)
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(quads)
    texts = {t.object.value for t in triples if isinstance(t.object, ox.Literal) and t.object.datatype.value.endswith("#string")}
    assert string_literals(graph.objects()) == texts


def write_small_articles(folder: Path, count: int) -> Path:
    """`count` short articles, different enough that each has its own entities and facts."""
    people = ["Tatsuo Kazama", "Park Do-hyun", "Mark Carney", "Friedrich Merz", "Keir Starmer", "Emmanuel Macron"]
    places = ["Tokyo", "Seoul", "Ottawa", "Berlin", "London", "Paris", "Rome"]
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        host, guest = people[number % 6], people[(number + 1 + number // 6) % 6]
        place = places[number % 7]
        (folder / f"article-{number:02d}.txt").write_text(
            f"Title: Talks number {number}\nDate: 2025-06-{1 + number % 28:02d}\n\n"
            f"Prime Minister {host} met {guest} in {place} on Monday. "
            f"The two leaders agreed to meet again at the G7 summit in Kananaskis.\n", encoding="utf-8")
    return folder


# --- 1. the bad-input corpus through `kg build` ---------------------------------------


@dataclass(frozen=True)
class CorpusRun:
    """One `kg build` of the whole bad-input corpus, shared by the tests that judge it."""

    kinds: list[Kind]
    result: subprocess.CompletedProcess
    stored: dict[str, str]
    verdicts: dict[str, Verdict]
    store_dir: Path


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> CorpusRun:
    folder = tmp_path_factory.mktemp("bad-corpus")
    kinds = make_bad_corpus(folder / "in")
    store_dir = folder / "store"
    result = run_kg("build", "--store", store_dir, folder / "in")
    with Store(store_dir) as store:
        stored = stored_articles(store)
    verdicts = {verdict.kind.name: verdict for verdict in judge(kinds, result.stderr, stored)}
    return CorpusRun(kinds, result, stored, verdicts, store_dir)


def test_build_bad_corpus_has_at_least_25_distinct_kinds(corpus_run):
    names = [kind.name for kind in corpus_run.kinds]
    assert len(set(names)) == len(names) >= 25


def test_build_bad_corpus_each_kind_stored_or_refused_in_one_line(corpus_run):
    wrong = [f"{v.kind.name}: {v.detail}" for v in corpus_run.verdicts.values() if not v.correct]
    assert not wrong, "\n".join(wrong)


def test_build_bad_corpus_exits_1_without_traceback(corpus_run):
    assert corpus_run.result.returncode == 1, corpus_run.result.stderr
    assert_no_traceback(corpus_run.result.stdout, corpus_run.result.stderr)
    assert all(line.startswith("error: ") for line in corpus_run.result.stderr.splitlines()), corpus_run.result.stderr


def test_build_bad_corpus_loses_no_good_article(corpus_run):
    lost = expected_keys(corpus_run.kinds) - set(corpus_run.stored)
    assert not lost
    assert set(GOOD_ARTICLES) <= set(corpus_run.stored)


def test_build_bad_corpus_refuses_nothing_else(corpus_run):
    extra = unexpected_errors(corpus_run.kinds, corpus_run.result.stderr)
    assert not extra, "\n".join(extra)


def test_build_bad_corpus_store_exports_reparse(corpus_run):
    with Store(corpus_run.store_dir) as store:
        assert_exports_reparse(store)


def test_ingest_unreadable_file_is_one_error_and_the_rest_is_read():
    """chmod 000 stops everyone but root, so as root the folder is read by a child that drops to nobody."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)
        (folder / "readable.txt").write_text("President Park Do-hyun met Prime Minister Tatsuo Kazama.", encoding="utf-8")
        secret = folder / "secret.txt"
        secret.write_text("Prime Minister Keir Starmer spoke.", encoding="utf-8")
        assert len(list(read_articles([folder]))) == 2  # also loads the codecs the child may no longer import
        secret.chmod(0)
        lines = read_without_privileges(folder)
    assert lines == ["article readable.txt", f"{secret}: cannot read: Permission denied"]


def read_without_privileges(folder: Path) -> list[str]:
    """What read_articles(folder) yields, one line each, in a child process without root's privileges."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            items = read_articles([folder])
            text = "\n".join(str(item) if isinstance(item, IngestError) else f"article {item.key}" for item in items)
            os.write(write_end, text.encode("utf-8"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read().decode("utf-8")
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged reader failed"
    return output.splitlines()


def test_cli_build_with_progress_bar_does_not_crash(tmp_path):
    """--progress is the default whenever stderr is a terminal."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(GOOD_ARTICLES["good-g7.txt"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--progress", "--store", str(tmp_path / "store"), str(tmp_path / "in")])
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0, result.output


# --- 2. arbitrary strings ---------------------------------------------------------------

_HOSTILE = st.sampled_from([
    '"><script>alert(1)</script>', '""" \\" <x> @prefix : <y> . } ;', "} ; DROP ALL ; INSERT DATA { <a> <b> <c> }",
    "\u202eevil\u202c", "Kaza\u200bma", "e\u0301\u0308", "👨‍👩‍👧", "\u2028\u2029\x85", "\r\n\t\x0b\x0c", "\\u0000 \\U0001F600",
])
_TEXT = st.one_of(_HOSTILE, st.text(st.characters(exclude_categories=("Cs",)), max_size=120))
_PROSE = st.builds("Prime Minister {} met President Park Do-hyun of {} in Tokyo on Monday. {}".format, _TEXT, _TEXT, _TEXT)


@settings(max_examples=30, deadline=None)
@given(key=_TEXT, title=_TEXT, text=st.one_of(_TEXT, _PROSE))
def test_build_any_strings_give_a_store_whose_exports_reparse(extractor, key, title, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text(json.dumps({"id": key, "title": title, "text": text}) + "\n", encoding="utf-8")
        store = Store(None)
        report = build([str(path)], store, extractor=extractor)
    assert report.stored + len(report.failures) == 1
    for failure in report.failures:  # only ingest may refuse, naming the file and line, in one line
        assert failure.startswith(f"{path}:1: ") and "\n" not in failure and "extraction failed" not in failure, failure
    assert_exports_reparse(store)


@settings(max_examples=60, deadline=None)
@given(key=_TEXT, name=_TEXT, alias=_TEXT, sentence=_TEXT)
def test_store_any_names_give_valid_iris_and_literals(key, name, alias, sentence):
    person = Entity(entity_key("Person", name), "Person", name, aliases=(alias,))
    party = Entity(entity_key("PoliticalParty", alias), "PoliticalParty", alias)
    fact = Fact(person.key, "memberOf", party.key, "current", 0.9, sentence, 0, len(sentence))
    extraction = Extraction(Article(key=key, text=sentence, title=name), sentence, (person, party), (fact,))
    ntriples = extraction_ntriples(extraction)
    store = Store(None)
    store.replace_graph("https://w3id.org/newsgraph/id/article/x", ntriples)
    assert {quad.triple for quad in store.db} == {quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}
    assert_exports_reparse(store)


# --- 3. kill -9 in the middle of a build ------------------------------------------------

ARTICLES_FOR_KILL = 40


def wait_for_commits(database: Path, process: subprocess.Popen, *, min_bytes: int, timeout: float = 90) -> None:
    """Return once the store's write-ahead log and tables have grown by `min_bytes`.

    The writer holds the store's lock, so the store cannot be opened to look; RocksDB
    appends every committed transaction to its log, so the log's size shows commits.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the build ended before it could be killed: {process.stderr.read()}"
        if logged_bytes(database) >= min_bytes:
            return
        time.sleep(0.01)
    raise AssertionError("the build committed nothing in time")


def logged_bytes(database: Path) -> int:
    """Bytes in RocksDB's logs and tables; a file compacted away while we look counts as empty."""
    if not database.is_dir():
        return 0
    total = 0
    for path in (p for p in database.iterdir() if p.suffix in {".log", ".sst"}):
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            pass
    return total


@pytest.mark.slow  # a kg build process killed with -9 mid-build, then run again
def test_store_survives_kill_9_mid_build_and_rerun_leaves_no_duplicates(extractor, tmp_path):
    corpus = write_small_articles(tmp_path / "in", ARTICLES_FOR_KILL)
    reference = Store(None)
    assert build([str(corpus)], reference, batch_size=1, extractor=extractor).stored == ARTICLES_FOR_KILL
    expected = graphs(reference)

    store_dir = tmp_path / "store"
    process = start_kg("build", "--store", store_dir, "--batch-size", "1", corpus)
    # Each quad goes into several indexes, so the log outgrows the corpus's N-Quads text
    # (about 5 times here): this kills after roughly the first fifth of the articles.
    wait_for_commits(store_dir / "oxigraph", process, min_bytes=len(dumped(reference, "nquads")))
    process.kill()
    process.communicate(timeout=30)
    assert process.returncode == -9

    with Store(store_dir) as store:
        survived = graphs(store)
    assert 0 < len(survived) < ARTICLES_FOR_KILL, "the kill did not land mid-build"
    assert all(survived[name] == expected[name] for name in survived), "a committed article is incomplete"

    with Store(store_dir, write=True) as store:
        report = build([str(corpus)], store, batch_size=1, extractor=extractor)
        # the committed articles are complete, so the rerun skips them and builds the rest
        assert report.ok and report.counts.unchanged == len(survived)
        assert report.stored == report.counts.new == ARTICLES_FOR_KILL - len(survived)
        assert graphs(store) == expected
        assert len(store) == len(reference)


# --- 4. two builds at once ------------------------------------------------------------


def lock_is_held(store_dir: Path) -> bool:
    """True when a writer holds the store's lock (probing with a shared lock, released at once)."""
    lock = store_dir / "write.lock"
    if not lock.exists():
        return False
    with open(lock) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@pytest.mark.slow  # three kg processes contending for the store's lock
def test_store_second_build_is_refused_or_waits_and_store_stays_intact(extractor, tmp_path):
    first_batch = write_small_articles(tmp_path / "first", 3)
    later_batch = tmp_path / "later"
    later_batch.mkdir()
    (later_batch / "later.txt").write_text(GOOD_ARTICLES["good-nato.txt"], encoding="utf-8")
    record = json.dumps({"id": "from-stdin", "title": "Piped", "text": "Chancellor Friedrich Merz met Prime Minister Keir Starmer."})
    store_dir = tmp_path / "store"
    with Store(store_dir, write=True) as store:
        build([str(first_batch)], store, extractor=extractor)

    # The first build holds the lock until its standard input closes (--wait covers our lock probes).
    holder = start_kg("build", "--store", store_dir, "--wait", "60", "-")
    deadline = time.monotonic() + 60
    while not lock_is_held(store_dir):
        assert holder.poll() is None and time.monotonic() < deadline, holder.stderr.read() if holder.poll() is not None else "no lock"
        time.sleep(0.05)
    waiter = start_kg("build", "--store", store_dir, "--wait", "120", later_batch)

    refused = run_kg("build", "--store", store_dir, later_batch)
    query = run_kg("query", "--store", store_dir, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    still_waiting = waiter.poll() is None
    holder_out, holder_err = holder.communicate(record + "\n", timeout=120)
    waiter_out, waiter_err = waiter.communicate(timeout=120)

    assert refused.returncode != 0 and refused.stderr.count("\n") == 1, refused.stderr
    assert "another build is writing" in refused.stderr and str(store_dir) in refused.stderr
    assert query.returncode == 0 or ("a build is writing" in query.stderr and query.stderr.count("\n") == 1), query.stderr
    assert still_waiting, "the --wait build did not wait for the lock"
    assert holder.returncode == 0, holder_err
    assert waiter.returncode == 0, waiter_err
    assert_no_traceback(refused.stderr, query.stderr, holder_err, waiter_err, holder_out, waiter_out)

    reference = Store(None)
    build([str(first_batch), str(later_batch)], reference, extractor=extractor)
    with Store(store_dir) as store:
        keys = set(stored_articles(store))
        assert keys == set(stored_articles(reference)) | {"from-stdin"}
        sizes = {name: len(quads) for name, quads in graphs(store).items()}
    assert len(sizes) == len(graphs(reference)) + 1  # and the article from standard input
    assert all(sizes[name] == len(quads) for name, quads in graphs(reference).items())


# --- 5. size limits -------------------------------------------------------------------


def traced_peak(function) -> tuple[object, int]:
    """The function's result and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ingest_oversize_file_is_refused_unread(tmp_path):
    """A 64 GiB (sparse) file: reading it whole would be impossible, so a quick, small refusal proves it was not."""
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(64 * 2**30)
    items, peak = traced_peak(lambda: list(read_articles([huge], max_chars=1000)))
    assert [str(item) for item in items] == [
        f"{huge}: file is {64 * 2**30:,} bytes, over the limit of 4,000 bytes (4 × max_chars); not read"]
    assert peak < 1_000_000


def test_ingest_oversize_jsonl_line_is_skipped_without_holding_it(tmp_path):
    records = tmp_path / "records.jsonl"
    with open(records, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "huge", "text": "word " * 2_000_000}) + "\n")
        handle.write(json.dumps({"id": "small", "text": "Prime Minister Keir Starmer spoke."}) + "\n")
    items, peak = traced_peak(lambda: list(read_articles([records], max_chars=1000)))
    assert [str(item) if isinstance(item, IngestError) else item.key for item in items] == [
        f"{records}:1: line is over the limit of 6,000 bytes (6 × max_chars); not read", "small"]
    assert peak < 1_000_000  # the line is 10 MB


def test_ingest_text_over_max_chars_is_refused_with_the_limit(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("é" * 1500, encoding="utf-8")  # 3,000 bytes: under the byte limit, over the character limit
    assert [str(item) for item in read_articles([long], max_chars=1000)] == [
        f"{long}: text is 1,500 characters, over the limit of 1,000 (max_chars)"]


def test_cli_build_max_chars_refuses_the_long_article_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("Prime Minister Keir Starmer spoke. " * 200, encoding="utf-8")
    (folder / "short.txt").write_text(GOOD_ARTICLES["good-g7.txt"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--store", str(tmp_path / "store"), "--max-chars", "1000", str(folder)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"error: {folder / 'long.txt'}: file is 7,000 bytes, over the limit of 4,000 bytes (4 × max_chars); not read"]
    with Store(tmp_path / "store") as store:
        assert set(stored_articles(store)) == {"short.txt"}
