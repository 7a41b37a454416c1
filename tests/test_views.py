"""graph.views: offline, escaped pyvis pages; checked as HTML and in real headless Chromium."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import views
from graph.cli import cli
from graph.model import Entity
from graph.projection import Projection, project
from graph.store import Store
from test_paths import JAPAN, KAZAMA, KOREA, PRIME_MINISTER, SUMMIT, fill, make_extraction, sample_extractions

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"

# Each payload sets a global if it ever runs as HTML or script.
EVIL_LABEL = "<script>window.__pwned = 1</script>"
EVIL_ALIAS = '"><img src=x onerror="window.__pwned = 2">'
EVIL_SENTENCE = "</script><script>window.__pwned = 3</script> met Kazama."
EVIL_TITLE = "<img src=x onerror=window.__pwned=4> headline"
EVIL = Entity("person/evil", "Person", EVIL_LABEL, aliases=(EVIL_ALIAS,))
EVIL_KEY = "2025-07-01-evil.txt"


def evil_extraction():
    return make_extraction(EVIL_KEY, EVIL_TITLE, "2025-07-01", [EVIL, KAZAMA], [(EVIL, "meets", KAZAMA, "held", 0.8, EVIL_SENTENCE)])


@pytest.fixture(scope="module")
def projection() -> Projection:
    return project(fill(Store(None), [*sample_extractions(), evil_extraction()]))


@pytest.fixture(scope="module")
def crowd() -> Projection:
    return crowd_projection()


def crowd_projection(people: int = 420, offices: int = 60, countries: int = 20) -> Projection:
    """500 entities: people holding offices of countries, met in a chain, over 20 articles."""
    nations = [Entity(f"country/c{i}", "Country", f"Country {i}") for i in range(countries)]
    posts = [Entity(f"office/o{i}", "Office", f"Office {i}", country=nations[i % countries].key) for i in range(offices)]
    persons = [Entity(f"person/p{i}", "Person", f"Person {i}") for i in range(people)]
    extractions = []
    for article in range(20):
        cast = persons[article * 21:(article + 1) * 21]
        facts = [(p, "holdsOffice", posts[int(p.key[8:]) % offices], "current", 0.9, f"{p.label} holds office.") for p in cast]
        facts += [(a, "meets", b, "held", 0.8, f"{a.label} met {b.label}.") for a, b in zip(cast, cast[1:])]
        entities = list(dict.fromkeys([*cast, *(f[2] for f in facts[:len(cast)]), *nations]))
        extractions.append(make_extraction(f"crowd-{article}", f"Crowd {article}", "2025-01-01", entities, facts))
    return project(fill(Store(None), extractions))


def payload(view: views.View) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', view.html, re.S)
    return json.loads(match.group(1))


def vis_script() -> str:
    return views._inline_assets()["script"]


def external_references(page: str) -> list[str]:
    """Script, stylesheet, image, font and import URLs that would leave the machine."""
    pattern = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)\s*((?:https?:)?//[^"')\s>]*)""", re.I)
    return pattern.findall(page) + re.findall(r"@font-face", page)


# --- the HTML itself ----------------------------------------------------------------------


def all_views(projection: Projection) -> dict[str, views.View]:
    return {
        "overview": views.overview_view(projection, max_nodes=10),  # all but the one unconnected entity
        "ego": views.ego_view(projection, "Tatsuo Kazama"),
        "path": views.path_view(projection, "Kazama", "South Korea"),
        "article": views.article_view(projection, EVIL_KEY),
    }


def test_views_pages_reference_nothing_online(projection):
    script = vis_script()
    for name, view in all_views(projection).items():
        assert external_references(view.html) == [], name
        assert '<link rel="stylesheet" href' not in view.html and "<script src" not in view.html, name
        # The only URLs left are string constants inside the inlined vis-network bundle.
        assert script in view.html
        assert not re.search(r"https?://", view.html.replace(script, "")), name


def test_views_hostile_text_appears_only_as_escaped_json(projection):
    for name, view in all_views(projection).items():
        page = view.html
        for raw in (EVIL_LABEL, EVIL_ALIAS, EVIL_SENTENCE, EVIL_TITLE, "<img", "window.__pwned = 1</script>"):
            assert raw not in page, (name, raw)
        # Three script elements: vis-network, the JSON data and the page's code.
        assert len(re.findall(r"<script\b", page.replace(vis_script(), ""))) == 3, name
    article = all_views(projection)["article"]
    data = payload(article)
    assert {n["label"] for n in data["nodes"]} == {EVIL_LABEL, "Tatsuo Kazama"}
    assert data["articles"][EVIL_KEY]["title"] == EVIL_TITLE
    assert "<title>Article: &lt;img src=x onerror=window.__pwned=4&gt; headline (2025-07-01)</title>" in article.html


def test_views_overview_is_capped_by_importance_with_a_visible_note(projection):
    view = views.overview_view(projection, max_nodes=3)
    assert view.nodes == 3
    assert {n["id"] for n in payload(view)["nodes"]} == {SUMMIT.key, KAZAMA.key, PRIME_MINISTER.key}
    assert view.note.startswith("Showing the 3 most connected of 11 entities")
    assert '<p id="note">Showing the 3 most connected of 11 entities' in view.html
    assert views.overview_view(projection, max_nodes=50).note is None


def test_views_ego_path_and_article_views_choose_their_nodes(projection):
    ego = payload(views.ego_view(projection, "Tatsuo Kazama"))
    assert {n["id"] for n in ego["nodes"]} == {KAZAMA.key, SUMMIT.key, PRIME_MINISTER.key, EVIL.key}
    assert len(ego["edges"]) == 4 and ego["focus"] == KAZAMA.key

    path_view = views.path_view(projection, "Kazama", "South Korea")
    path = payload(path_view)
    highlighted = {(e["from"], e["to"]) for e in path["edges"] if e["width"] == 4}
    assert highlighted == {(KAZAMA.key, SUMMIT.key), (KOREA.key, SUMMIT.key)}
    assert {n["id"] for n in path["nodes"] if n["borderWidth"] == 4} == {KAZAMA.key, SUMMIT.key, KOREA.key}
    assert path_view.nodes == 8  # the path plus every neighbour of its nodes

    article = payload(views.article_view(projection, "2025-10-21-takaichi.txt"))
    assert {e["relation"] for e in article["edges"]} == {"holdsOffice", "meets", "officeOf"}
    assert all(ev["article"] == "2025-10-21-takaichi.txt" for e in article["edges"] for ev in e["evidence"])
    assert JAPAN.key in {n["id"] for n in article["nodes"]}


def test_views_style_dashes_unsettled_facts_and_shapes_types(projection):
    data = payload(views.ego_view(projection, "Tatsuo Kazama"))
    dashes = {(e["relation"], e["status"]): e["dashes"] for e in data["edges"]}
    assert dashes == {("attends", "considering"): True, ("holdsOffice", "current"): False,
                      ("holdsOffice", "former"): True, ("meets", "held"): False}
    assert {e["label"] for e in data["edges"]} == {"attends (considering)", "holdsOffice (current)",
                                                   "holdsOffice (former)", "meets (held)"}
    shapes = {n["kgType"]: (n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert shapes == {t: views.TYPE_STYLES[t] for t in ("Person", "Summit", "Office")}
    view = views.ego_view(projection, "Tatsuo Kazama")
    legend = re.search(r'<section id="legend">(.*?)</section>', view.html, re.S).group(1)
    assert [t for t in views.TYPE_STYLES if f"</span>{t}</div>" in legend] == ["Person", "Office", "Summit"]


def test_views_large_views_get_networkx_positions_and_no_physics(crowd):
    view = views.overview_view(crowd, max_nodes=500)
    data = payload(view)
    assert view.nodes == 500 and view.note is None
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    small = payload(views.overview_view(crowd, max_nodes=50))
    assert small["options"]["physics"]["enabled"] is True and "x" not in small["nodes"][0]


def test_views_notebook_display_is_a_sandboxed_iframe(projection):
    view = views.ego_view(projection, "Kazama")
    shown = view._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in shown
    assert "<script" not in shown


def test_views_site_has_an_index_by_type_and_a_page_per_entity(projection, tmp_path):
    index = views.write_site(projection, tmp_path / "site")
    page = index.read_text(encoding="utf-8")
    links = re.findall(r'<a href="entities/([^"]+)\.html">', page)
    assert sorted(links) == sorted(projection.graph.nodes)
    assert all((tmp_path / "site" / "entities" / f"{key}.html").is_file() for key in links)
    assert re.findall(r"<h2>.*?</span>(\w+) <span", page) == ["Person", "Country", "Office", "Summit", "Organization"]
    assert EVIL_LABEL not in page and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    kazama = (tmp_path / "site" / "entities" / "person" / "tatsuo-kazama.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/vis-network.min.js"></script>' in kazama
    assert external_references(kazama) == [] and not re.search(r"https?://", kazama)
    assert (tmp_path / "site" / "assets" / "vis-network.min.js").read_text(encoding="utf-8") == vis_script()


def test_views_cli_writes_a_view_and_refuses_two_kinds(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    with Store(folder, write=True) as store:
        fill(store, [*sample_extractions(), evil_extraction()])
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["view", "--store", str(folder), "--focus", "Kazama"])
    assert result.exit_code == 0, result.output
    assert "wrote graph.html: 4 entities, 4 facts" in result.output
    assert (tmp_path / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["view", "--store", str(folder), "--focus", "Kazmaa", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "did you mean 'Tatsuo Kazama'" in result.output
    result = runner.invoke(cli, ["view", "--store", str(folder), "--focus", "Kazama", "--article", EVIL_KEY])
    assert result.exit_code == 2 and "choose one of --focus, --article" in result.output
    result = runner.invoke(cli, ["view", "--store", str(folder), "--site", str(tmp_path / "site")])
    assert result.exit_code == 0 and (tmp_path / "site" / "index.html").is_file()


# --- in headless Chromium -------------------------------------------------------------------


def browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return "headless Chromium is not installed at /usr/bin/chromium (`make browser` installs Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package (which drives /usr/bin/chromium) is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Loaded:
    """A page opened from disk with every non-file request blocked and recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.viewReady === true", timeout=10_000)
        self.seconds = time.perf_counter() - started

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def counts(self) -> list[int]:
        return self.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def close(self) -> None:
        self.context.close()


def exercise_hostile_text(loaded: Loaded) -> str:
    """Show every hostile string through the page's own UI; return the panel's text."""
    page = loaded.page
    page.fill("#search", "window pwned")
    page.press("#search", "Enter")
    page.evaluate("() => { edges.get().forEach(e => showEdge(e.id)); }")
    page.evaluate(f"showNode({json.dumps(EVIL.key)})")
    return page.text_content("#details")


@pytest.mark.browser
@pytest.mark.parametrize("name, expected", [("overview", (10, 11)), ("ego", (4, 4)), ("path", (8, 8)), ("article", (2, 1))])
def test_views_render_offline_in_chromium_without_running_injected_text(browser, projection, tmp_path, name, expected):
    view = all_views(projection)[name]
    assert (view.nodes, view.edges) == expected
    loaded = Loaded(browser, view.save(tmp_path / f"{name}.html"))
    try:
        assert loaded.counts() == list(expected)
        panel = exercise_hostile_text(loaded)
        assert EVIL_LABEL in panel and EVIL_ALIAS in panel
        assert EVIL_SENTENCE in panel and EVIL_TITLE in panel
        assert loaded.page.evaluate("typeof window.__pwned") == "undefined"
        assert loaded.page.evaluate("network.physics.physicsEnabled") is False
        assert loaded.outside_requests() == [] and loaded.errors == []
        loaded.screenshot(f"view-{name}")
    finally:
        loaded.close()


@pytest.mark.browser
def test_views_search_box_finds_and_focuses_a_node(browser, projection, tmp_path):
    loaded = Loaded(browser, views.path_view(projection, "Kazama", "South Korea").save(tmp_path / "path.html"))
    try:
        loaded.page.fill("#search", "pedro sanchez")
        loaded.page.press("#search", "Enter")
        assert loaded.page.evaluate("network.getSelectedNodes()") == ["person/pedro-sanchez"]
        assert loaded.page.text_content("#details h2") == "Pedro Sánchez"
        assert loaded.page.evaluate("focusNode('nobody at all')") is None
        assert loaded.page.text_content("#search-status") == "no entity matches"
    finally:
        loaded.close()


@pytest.mark.browser
def test_views_site_pages_work_from_disk(browser, projection, tmp_path):
    index = views.write_site(projection, tmp_path / "site")
    loaded = Loaded(browser, tmp_path / "site" / "entities" / "person" / "tatsuo-kazama.html")
    try:
        assert loaded.counts() == [4, 4]
        assert loaded.page.text_content("#details h2") == "Tatsuo Kazama"  # the focus is shown
        assert loaded.page.get_attribute("#details a[href$='.html']", "href") == "../../entities/person/tatsuo-kazama.html"
        assert loaded.outside_requests() == [] and loaded.errors == []
        assert all(url.startswith(index.parent.as_uri()) for url in loaded.requests)
        loaded.screenshot("site-entity")
    finally:
        loaded.close()


@pytest.mark.browser
def test_views_500_nodes_render_in_under_3_seconds(browser, crowd, tmp_path):
    view = views.overview_view(crowd, max_nodes=500)
    loaded = Loaded(browser, view.save(tmp_path / "crowd.html"))
    try:
        assert loaded.counts() == [500, view.edges]
        assert loaded.seconds < 3.0, f"took {loaded.seconds:.2f} s"
        assert loaded.page.evaluate("network.physics.physicsEnabled") is False
        loaded.screenshot("view-500-nodes")
    finally:
        loaded.close()
