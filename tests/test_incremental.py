"""Incremental builds (graph/incremental.py, graph/build.py) over a news site on 127.0.0.1:
a second run re-extracts nothing, a changed page replaces only its graph, one story at two
URLs is stored once with both as sources, and provenance is written in PROV-O."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from newssite import NewsSite, page, rss

from graph.build import Options, build, remove_article
from graph.cli import cli
from graph.export import store_graph
from graph.extract.pipeline import resolve_model
from graph.fingerprint import extractor_version
from graph.rdf import article_iri
from graph.read import articles, statistics
from graph.read import validators as read_validators
from graph.projection import build_projection
from graph.server.jobs import article_data
from graph.server.pages import article_page
from graph.sources.fetch import Fetcher, Politeness
from graph.store import Store
from graph.validate import validate
from graph.views import ego_view

STORIES = {
    "/politics/merz-macron": ("Merz and Macron meet in Berlin", "2025-05-06", [
        "German Chancellor Friedrich Merz met French President Emmanuel Macron in Berlin on Tuesday for talks on "
        "defence spending and the European budget.",
        "The two leaders said they would present a joint plan at the next European Council."]),
    "/politics/starmer-nato": ("Starmer heads to NATO summit", "2025-06-24", [
        "British Prime Minister Keir Starmer will attend the NATO summit in The Hague next week, Downing Street said.",
        "Starmer is expected to back the alliance's new spending goal."]),
    "/politics/carney-cabinet": ("Carney names cabinet", "2025-05-13", [
        "Canadian Prime Minister Mark Carney named a new cabinet on Tuesday, keeping Chrystia Freeland as a minister.",
        "The Liberal leader said the cabinet would be smaller than his predecessor's."]),
}


@pytest.fixture
def site():
    with NewsSite() as running:
        running.add("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
        for path, (title, day, text) in STORIES.items():
            running.add(path, page(title, text, date=day))
        running.add("/feed.xml", rss([(running.url(path), title, None) for path, (title, _, _) in STORIES.items()]
                                     + [(running.url("/politics/gone"), "Gone", None)]),
                    content_type="application/rss+xml")
        yield running


def run(store: Store, site: NewsSite, *paths: str, extractor, **options):
    with Fetcher(Politeness(delay=0, timeout=30)) as fetcher:
        return build([site.url(p) for p in paths], store, Options(), extractor=extractor, fetcher=fetcher, **options)


def graph_quads(store: Store, key: str) -> set:
    return set(store.db.quads_for_pattern(None, None, None, ox.NamedNode(str(article_iri(key)))))


def test_incremental_second_run_over_a_feed_extracts_nothing(site, extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        first = run(store, site, "/feed.xml", extractor=extractor)
        assert (first.counts.new, first.counts.changed, first.counts.unchanged, first.stored) == (3, 0, 0, 3)
        assert first.failures == [f"{site.url('/politics/gone')}: HTTP 404 Not Found"]
        assert first.tenures is not None and first.facts > 0
        triples = len(store)
        extracted = []
        second = run(store, site, "/feed.xml", extractor=extractor, on_progress=extracted.append)
        assert (second.counts.new, second.counts.changed, second.counts.unchanged, second.stored) == (0, 0, 3, 0)
        assert extracted == [] and second.tenures is None and len(store) == triples
        # asked for conditionally with the ETags stored, the pages were not sent again
        assert [status for path, status in site.answers if path in STORIES] == [200, 200, 200, 304, 304, 304]


def test_incremental_site_without_validators_is_compared_by_content(site, extractor, tmp_path):
    for path in STORIES:
        site.routes[path].etag = False
    with Store(tmp_path / "s", write=True) as store:
        run(store, site, "/feed.xml", extractor=extractor)
        again = run(store, site, "/feed.xml", extractor=extractor)
        forced = run(store, site, "/politics/merz-macron", extractor=extractor, force=True)
    assert (again.counts.unchanged, again.stored, forced.counts.forced) == (3, 0, 1)
    assert [status for path, status in site.answers if path in STORIES] == [200] * 7


def test_incremental_changed_page_replaces_only_its_graph(site, extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        run(store, site, "/feed.xml", extractor=extractor)
        keys = [site.url(path) for path in STORIES]
        before = {key: graph_quads(store, key) for key in keys}
        title, day, text = STORIES["/politics/starmer-nato"]
        site.add("/politics/starmer-nato", page(title, [*text, "Defence Secretary John Healey will join him."], date=day))
        report = run(store, site, "/feed.xml", extractor=extractor)
        assert (report.counts.new, report.counts.changed, report.counts.unchanged, report.stored) == (0, 1, 2, 1)
        assert report.tenures is not None
        after = {key: graph_quads(store, key) for key in keys}
        changed = site.url("/politics/starmer-nato")
        assert after[changed] != before[changed]
        assert "John Healey" in str(after[changed])
        assert all(after[key] == before[key] for key in keys if key != changed)


def test_incremental_force_extracts_unchanged_articles_again(site, extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        run(store, site, "/politics/merz-macron", extractor=extractor)
        report = run(store, site, "/politics/merz-macron", extractor=extractor, force=True)
        assert (report.counts.unchanged, report.counts.forced, report.stored) == (0, 1, 1)
        assert site.answers[-1] == ("/politics/merz-macron", 200)  # --force asks unconditionally


def test_incremental_files_are_skipped_when_unchanged_too(extractor, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Japanese Prime Minister Shigeru Ishiba met Lee Jae-myung in Tokyo.", encoding="utf-8")
    (folder / "b.txt").write_text("Mark Rutte, NATO's secretary general, opened the summit.", encoding="utf-8")
    with Store(tmp_path / "s", write=True) as store:
        build([str(folder)], store, Options(), extractor=extractor)
        (folder / "b.txt").write_text("Mark Rutte, NATO's secretary general, closed the summit.", encoding="utf-8")
        report = build([str(folder)], store, Options(), extractor=extractor)
    assert (report.counts.new, report.counts.changed, report.counts.unchanged) == (0, 1, 1)


def test_incremental_one_story_at_two_urls_is_stored_once_with_both_sources(site, extractor, tmp_path):
    title, day, text = STORIES["/politics/merz-macron"]
    site.add("/wire/merz-macron", page("Merz, Macron meet (wire copy)", text, date=day, site="Wire Service"))
    longer = [text[0] + " " + " ".join(f"Officials discussed item {n} of the agenda at length." for n in range(12)),
              text[1]]
    site.add("/a/long", page(title, longer, date=day))
    site.add("/b/long", page(title, [longer[0], longer[1] + " A statement followed."], date=day))  # a near duplicate
    with Store(tmp_path / "s", write=True) as store:
        report = run(store, site, "/politics/merz-macron", "/wire/merz-macron", "/a/long", "/b/long", extractor=extractor)
        assert (report.counts.new, report.counts.copies, report.stored) == (2, 2, 2)
        assert statistics(store)["articles"] == 2
        original = str(article_iri(site.url("/politics/merz-macron")))
        data = article_data(store, original)
        assert data["sources"] == [site.url("/politics/merz-macron"), site.url("/wire/merz-macron")]
        assert article_data(store, str(article_iri(site.url("/a/long"))))["sources"] == [site.url("/a/long"),
                                                                                          site.url("/b/long")]
        again = run(store, site, "/wire/merz-macron", "/b/long", extractor=extractor)
        assert (again.counts.unchanged, again.counts.copies, again.stored) == (2, 0, 0)
        assert remove_article(store, site.url("/politics/merz-macron"))
        assert str(article_iri(site.url("/wire/merz-macron"))) not in store.graph_iris()


def test_incremental_provenance_is_prov_o_and_conforms(site, extractor, tmp_path):
    with Store(tmp_path / "s", write=True) as store:
        run(store, site, "/feed.xml", extractor=extractor)
        iri = str(article_iri(site.url("/politics/carney-cabinet")))
        data = article_data(store, iri)
        assert (data["url"], data["site"], data["feed"]) == (site.url("/politics/carney-cabinet"), "The Example Gazette",
                                                             site.url("/feed.xml"))
        assert data["fetched"][:4].isdigit() and data["title"] == "Carney names cabinet" and data["date"] == "2025-05-13"
        rows = list(store.query(f"""SELECT ?used ?time ?feed WHERE {{
            <{iri}> prov:wasGeneratedBy ?r ; prov:hadPrimarySource ?used . ?r a kg:Retrieval ;
            prov:used ?used ; prov:endedAtTime ?time ; kg:feed ?feed }}"""))
        assert len(rows) == 1 and rows[0]["time"].datatype.value.endswith("#dateTime")
        assert read_validators(store, iri)["etag"].startswith('"')
        assert articles(store)[iri].url == site.url("/politics/carney-cabinet")
        assert not {"Retrieval", "Copy", "Article"} & set(statistics(store)["entities"])
        result = validate(store_graph(store))
        assert result.conforms, result.text


def test_incremental_records_the_extractor_version_and_stats_counts_old_ones(site, extractor, tmp_path):
    store_dir = tmp_path / "s"
    with Store(store_dir, write=True) as store:
        run(store, site, "/feed.xml", extractor=extractor)
        versions = {row["v"].value for row in store.query("SELECT ?v WHERE { ?a kg:extractorVersion ?v }")}
        assert versions == {extractor_version(resolve_model(None))}
        one = str(article_iri(site.url("/politics/merz-macron")))
        store.db.update(f"""DELETE {{ GRAPH <{one}> {{ <{one}> kg:extractorVersion ?v }} }}
                            INSERT {{ GRAPH <{one}> {{ <{one}> kg:extractorVersion "newsgraph 0.0.1 · code old" }} }}
                            WHERE {{ GRAPH <{one}> {{ <{one}> kg:extractorVersion ?v }} }}""",
                        prefixes={"kg": "https://w3id.org/newsgraph/ontology#"})
    result = CliRunner().invoke(cli, ["stats", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert "out of date: 1 of 3 article(s) built by another extractor version; kg build --force" in result.output


def test_incremental_cli_prints_the_counts(site, tmp_path):
    store = str(tmp_path / "s")
    arguments = ["build", "--store", store, "--delay", "0", "--rules-only", site.url("/feed.xml")]
    first = CliRunner().invoke(cli, arguments)
    assert first.exit_code == 1
    assert "new 3, changed 0, unchanged 0, failed 1" in first.output
    assert f"error: {site.url('/politics/gone')}: HTTP 404 Not Found" in first.output
    second = CliRunner().invoke(cli, [*arguments[:-1], "--limit", "2", site.url("/feed.xml")])
    assert "new 0, changed 0, unchanged 2, failed 0" in second.output and second.exit_code == 0
    assert "tenures:  unchanged" in second.output


def test_incremental_pages_and_views_link_to_the_original(site, extractor, tmp_path):
    site.add("/wire/merz-macron", page("Merz, Macron meet (wire copy)", STORIES["/politics/merz-macron"][2]))
    with Store(tmp_path / "s", write=True) as store:
        run(store, site, "/feed.xml", "/wire/merz-macron", extractor=extractor)
        original = site.url("/politics/merz-macron")
        html = article_page(article_data(store, str(article_iri(original)))).body.decode()
        view = ego_view(build_projection(store), "Friedrich Merz").html
    assert f'URL: <a href="{original}" rel="noopener noreferrer">' in html
    assert f'Also published at: <a href="{site.url("/wire/merz-macron")}"' in html
    assert "from The Example Gazette, listed by <a href=\"" + site.url("/feed.xml") in html
    assert f'"url": "{original}"' in view and "articleSource(ev.article)" in view


def test_incremental_bulk_graph_without_its_version_is_built_again(extractor, tmp_path):
    """A bulk load killed midway can leave a graph part-written: only the version, recorded
    last in a transaction of its own, makes an article count as stored and unchanged."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", "Japanese Prime Minister Shigeru Ishiba met Lee Jae-myung in Tokyo."),
                       ("b.txt", "Mark Rutte, NATO's secretary general, opened the summit.")):
        (folder / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "s", write=True) as store:
        build([str(folder)], store, Options(), extractor=extractor, bulk=True)
        complete = graph_quads(store, "a.txt")
        again = build([str(folder)], store, Options(), extractor=extractor, bulk=True)
        assert (again.counts.unchanged, again.stored) == (2, 0)
        part = str(article_iri("a.txt"))
        store.db.update(f"DELETE WHERE {{ GRAPH <{part}> {{ <{part}> kg:extractorVersion ?v . ?s kg:mentions ?e }} }}",
                        prefixes={"kg": "https://w3id.org/newsgraph/ontology#"})
        repaired = build([str(folder)], store, Options(), extractor=extractor, bulk=True)
        assert (repaired.counts.new, repaired.counts.unchanged, repaired.stored) == (1, 1, 1)
        assert graph_quads(store, "a.txt") == complete
