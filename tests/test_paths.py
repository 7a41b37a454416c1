"""graph.paths: the networkx projection, its cache, name lookup, paths, neighbours, centrality, and their CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import paths, projection as projecting
from graph.cli import cli
from graph.model import Article, Entity, Extraction, Fact
from graph.paths import find_paths
from graph.projection import AmbiguousName, Filters, NameNotFound, project
from graph.rdf import article_iri, extraction_ntriples
from graph.store import Store

KAZAMA = Entity("person/tatsuo-kazama", "Person", "Tatsuo Kazama", aliases=("Kazama",), wikidata="Q4115189")
TAKAICHI = Entity("person/sanae-takaichi", "Person", "Sanae Takaichi")
PARK = Entity("person/park-do-hyun", "Person", "Park Do-hyun", aliases=("Park",))
PARK_TAE_JOON = Entity("person/park-tae-joon", "Person", "Park Tae-joon", aliases=("Park",))
SANCHEZ = Entity("person/pedro-sanchez", "Person", "Pedro Sánchez")
JAPAN = Entity("country/japan", "Country", "Japan", aliases=("Japanese",), wikidata="Q17")
KOREA = Entity("country/south-korea", "Country", "South Korea", wikidata="Q884")
PRIME_MINISTER = Entity("office/prime-minister-of-japan", "Office", "Prime Minister of Japan", country=JAPAN.key)
SUMMIT = Entity("summit/2025-nato-summit", "Summit", "2025 NATO summit", year=2025)
NATO = Entity("organization/nato", "Organization", "NATO")

NATO_KEY, TAKAICHI_KEY, ELECTION_KEY = "2025-06-20-nato.txt", "2025-10-21-takaichi.txt", "2024-10-28-election.txt"


def make_extraction(key: str, title: str, day: str, entities: list[Entity],
                    facts: list[tuple[Entity, str, Entity, str | None, float, str]]) -> Extraction:
    """An Extraction whose text is the facts' sentences, with offsets pointing at them."""
    text = " ".join(dict.fromkeys(sentence for *_, sentence in facts)) or title
    made = tuple(Fact(s.key, relation, o.key, status, confidence, sentence, text.index(sentence),
                      text.index(sentence) + len(sentence))
                 for s, relation, o, status, confidence, sentence in facts)
    return Extraction(Article(key, text, title=title, date=day), text, tuple(entities), made)


def sample_extractions() -> list[Extraction]:
    summit_sentence = "Kazama is considering attending the NATO summit, to which South Korea was invited."
    return [
        make_extraction(NATO_KEY, "NATO meets in The Hague", "2025-06-20",
                        [KAZAMA, KOREA, SUMMIT, NATO, SANCHEZ, PARK],
                        [(KAZAMA, "attends", SUMMIT, "considering", 0.8, summit_sentence),
                         (KOREA, "invitedTo", SUMMIT, None, 0.7, summit_sentence),
                         (SUMMIT, "organizedBy", NATO, None, 0.9, "The summit is organised by NATO."),
                         (SANCHEZ, "attends", SUMMIT, "planned", 0.6, "Pedro Sánchez plans to attend."),
                         (PARK, "attends", SUMMIT, "attended", 0.75, "Park Do-hyun attended the summit.")]),
        make_extraction(TAKAICHI_KEY, "Takaichi becomes prime minister", "2025-10-21",
                        [TAKAICHI, KAZAMA, PRIME_MINISTER, JAPAN, PARK],
                        [(TAKAICHI, "holdsOffice", PRIME_MINISTER, "current", 0.9, "Sanae Takaichi is Prime Minister of Japan."),
                         (KAZAMA, "holdsOffice", PRIME_MINISTER, "former", 0.9, "She succeeds Tatsuo Kazama."),
                         (PARK, "meets", TAKAICHI, "held", 0.8, "Park Do-hyun met Takaichi.")]),
        make_extraction(ELECTION_KEY, "Japan election", "2024-10-28",
                        [KAZAMA, PRIME_MINISTER, JAPAN, PARK_TAE_JOON, SUMMIT],
                        [(KAZAMA, "holdsOffice", PRIME_MINISTER, "current", 0.95, "Prime Minister Tatsuo Kazama lost his majority."),
                         (KAZAMA, "attends", SUMMIT, "considering", 0.9, "Kazama may go to the NATO summit next year.")]),
    ]


def fill(store: Store, extractions: list[Extraction]) -> Store:
    for extraction in extractions:
        store.replace_graph(str(article_iri(extraction.article.key)), extraction_ntriples(extraction))
    return store


@pytest.fixture
def projection() -> projecting.Projection:
    return project(fill(Store(None), sample_extractions()))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("paths") / "store"
    with Store(folder, write=True) as store:
        fill(store, sample_extractions())
    return folder


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


# --- projection -------------------------------------------------------------------------


def test_paths_projection_nodes_are_the_entities_with_their_attributes(projection):
    graph = projection.graph
    expected = {e.key for e in (KAZAMA, TAKAICHI, PARK, PARK_TAE_JOON, SANCHEZ, JAPAN, KOREA, PRIME_MINISTER, SUMMIT, NATO)}
    assert set(graph.nodes) == expected
    assert graph.nodes[KAZAMA.key] == {"label": "Tatsuo Kazama", "type": "Person", "aliases": ("Kazama",),
                                       "wikidata": "Q4115189",
                                       "articles": tuple(sorted([NATO_KEY, TAKAICHI_KEY, ELECTION_KEY]))}
    assert graph.nodes[JAPAN.key]["wikidata"] == "Q17"


def test_paths_projection_keeps_out_literals_types_articles_and_statements(projection):
    relations = {data["relation"] for *_, data in projection.graph.edges(data=True)}
    assert relations == {"attends", "invitedTo", "organizedBy", "holdsOffice", "meets", "officeOf"}
    assert not [n for n in projection.graph if n.startswith(("article/", "fact/", "http"))]


def test_paths_projection_merges_evidence_of_one_fact_across_articles(projection):
    data = projection.graph[KAZAMA.key][SUMMIT.key]["attends:considering"]
    assert data["status"] == "considering"
    assert data["confidence"] == 0.9
    assert sorted((e.article, e.title, e.date) for e in data["evidence"]) == [
        (ELECTION_KEY, "Japan election", "2024-10-28"), (NATO_KEY, "NATO meets in The Hague", "2025-06-20")]
    assert {e.sentence for e in data["evidence"]} >= {"Kazama may go to the NATO summit next year."}


def test_paths_projection_keeps_facts_with_different_statuses_apart(projection):
    edges = projection.graph[KAZAMA.key][PRIME_MINISTER.key]
    assert {(d["status"], tuple(e.article for e in d["evidence"])) for d in edges.values()} == {
        ("current", (ELECTION_KEY,)), ("former", (TAKAICHI_KEY,))}


def test_paths_projection_links_offices_to_their_country(projection):
    [data] = projection.graph[PRIME_MINISTER.key][JAPAN.key].values()
    assert data["relation"] == "officeOf" and data["status"] is None
    assert {e.article for e in data["evidence"]} == {TAKAICHI_KEY, ELECTION_KEY}


def test_paths_filters_by_relation_status_confidence_and_date(projection):
    only_attends = projection.filtered(Filters(relations=frozenset({"attends"})))
    assert {d["relation"] for *_, d in only_attends.graph.edges(data=True)} == {"attends"}
    assert only_attends.graph.number_of_nodes() == projection.graph.number_of_nodes()

    no_former = projection.filtered(Filters(statuses=frozenset({"current", "attended"})))
    statuses = {d["status"] for *_, d in no_former.graph.edges(data=True)}
    assert "former" not in statuses and "considering" not in statuses and None in statuses

    confident = projection.filtered(Filters(min_confidence=0.85))
    assert all(e.confidence is None or e.confidence >= 0.85
               for *_, d in confident.graph.edges(data=True) for e in d["evidence"])
    assert not confident.graph.has_edge(SANCHEZ.key, SUMMIT.key)
    assert confident.graph[KAZAMA.key][SUMMIT.key]["attends:considering"]["confidence"] == 0.9

    in_2025 = projection.filtered(Filters(since="2025-01-01", until="2025-12-31"))
    articles = {e.article for *_, d in in_2025.graph.edges(data=True) for e in d["evidence"]}
    assert articles == {NATO_KEY, TAKAICHI_KEY}
    assert in_2025.graph[KAZAMA.key][SUMMIT.key]["attends:considering"]["confidence"] == 0.8
    assert ELECTION_KEY not in in_2025.graph.nodes[KAZAMA.key]["articles"]


def test_paths_filters_reject_unknown_relations_statuses_and_dates():
    with pytest.raises(ValueError, match="unknown relation"):
        Filters(relations=frozenset({"likes"}))
    with pytest.raises(ValueError, match="unknown status"):
        Filters(statuses=frozenset({"maybe"}))
    with pytest.raises(ValueError):
        Filters(since="2025-02-30")


# --- cache -------------------------------------------------------------------------------


def test_paths_cache_reuses_projection_until_a_build_or_remove(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    extractions = sample_extractions()
    with Store(folder, write=True) as store:
        fill(store, extractions)
    with Store(folder) as store:
        first = project(store)
        assert project(store) is first
        projecting.clear_memory_cache()
        with monkeypatch.context() as patch:
            patch.setattr(projecting, "build_projection", lambda store: pytest.fail("rebuilt despite the disk cache"))
            from_disk = project(store)
        assert from_disk is not first
        assert set(from_disk.graph.edges(keys=True)) == set(first.graph.edges(keys=True))

    # A rebuild with the same number of triples and graphs: only a status changes.
    takaichi = extractions[1]
    changed = make_extraction(TAKAICHI_KEY, "Takaichi becomes prime minister", "2025-10-21", list(takaichi.entities),
                              [(TAKAICHI, "holdsOffice", PRIME_MINISTER, "current", 0.9, "Sanae Takaichi is Prime Minister of Japan."),
                               (KAZAMA, "holdsOffice", PRIME_MINISTER, "acting", 0.9, "She succeeds Tatsuo Kazama."),
                               (PARK, "meets", TAKAICHI, "held", 0.8, "Park Do-hyun met Takaichi.")])
    with Store(folder, write=True) as store:
        before = len(store)
        fill(store, [changed])
        assert len(store) == before
    with Store(folder) as store:
        rebuilt = project(store)
        assert set(rebuilt.graph[KAZAMA.key][PRIME_MINISTER.key]) == {"holdsOffice:current", "holdsOffice:acting"}

    with Store(folder, write=True) as store:
        assert store.remove_graph(str(article_iri(NATO_KEY)))
    with Store(folder) as store:
        assert not project(store).graph.has_edge(KOREA.key, SUMMIT.key)


def test_paths_cache_of_in_memory_store_follows_replacements():
    store = fill(Store(None), sample_extractions())
    first = project(store)
    assert project(store) is first
    store.remove_graph(str(article_iri(TAKAICHI_KEY)))
    assert not project(store).graph.has_edge(PARK.key, TAKAICHI.key)


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, key", [
    ("Tatsuo Kazama", KAZAMA.key), ("tatsuo kazama", KAZAMA.key), ("Kazama", KAZAMA.key),
    ("Q4115189", KAZAMA.key), ("q17", JAPAN.key), ("Japanese", JAPAN.key), ("person/sanae-takaichi", TAKAICHI.key),
    ("pedro sanchez", SANCHEZ.key), ("PEDRO SÁNCHEZ", SANCHEZ.key), ("Park Do Hyun", PARK.key),
])
def test_paths_resolve_finds_labels_aliases_qids_and_keys(projection, name, key):
    assert projection.resolve(name) == key


def test_paths_resolve_miss_suggests_close_names(projection):
    with pytest.raises(NameNotFound) as caught:
        projection.resolve("Tatsuo Kazmaa")
    assert caught.value.suggestions[0] == "Tatsuo Kazama"
    assert "did you mean 'Tatsuo Kazama'" in str(caught.value)
    with pytest.raises(NameNotFound) as caught:
        projection.resolve("Takaichi")
    assert caught.value.suggestions == ["Sanae Takaichi"]


def test_paths_resolve_ambiguous_name_lists_candidates(projection):
    with pytest.raises(AmbiguousName) as caught:
        projection.resolve("Park")
    assert caught.value.candidates == [PARK.key, PARK_TAE_JOON.key]
    assert "Park Do-hyun (Person, person/park-do-hyun)" in str(caught.value)


# --- paths, neighbours, centrality ------------------------------------------------------


def test_paths_find_path_through_a_summit_keeps_each_step_true_direction(projection):
    result = find_paths(projection, "Kazama", "South Korea", k=1)
    [path] = result.paths
    assert path.nodes == (KAZAMA.key, SUMMIT.key, KOREA.key)
    first, second = path.steps
    assert (first.forward, first.facts[0].relation, first.facts[0].status) == (True, "attends", "considering")
    assert (second.forward, second.facts[0].relation, second.facts[0].subject) == (False, "invitedTo", KOREA.key)
    assert {e.title for e in second.facts[0].evidence} == {"NATO meets in The Hague"}
    text = paths.format_paths(projection, result)
    assert "Tatsuo Kazama —attends (considering)→ 2025 NATO summit ←invitedTo— South Korea" in text
    assert "“Kazama is considering attending the NATO summit, to which South Korea was invited.”" in text
    assert "— NATO meets in The Hague, 2025-06-20" in text


def test_paths_k_shortest_paths_come_shortest_first_within_max_hops(projection):
    result = find_paths(projection, KAZAMA.key, TAKAICHI.key, k=3)
    assert [p.nodes for p in result.paths] == [
        (KAZAMA.key, PRIME_MINISTER.key, TAKAICHI.key),
        (KAZAMA.key, SUMMIT.key, PARK.key, TAKAICHI.key),
    ]
    two_facts = result.paths[0].steps[0].facts
    assert [(f.status, f.confidence) for f in two_facts] == [("current", 0.95), ("former", 0.9)]
    assert len(find_paths(projection, KAZAMA.key, TAKAICHI.key, k=3, max_hops=2).paths) == 1


def test_paths_through_limits_which_intermediate_types_are_used(projection):
    assert find_paths(projection, KAZAMA.key, KOREA.key, through=()).paths == ()
    only_offices = find_paths(projection, KAZAMA.key, TAKAICHI.key, k=3, through=("Office",))
    assert [p.nodes for p in only_offices.paths] == [(KAZAMA.key, PRIME_MINISTER.key, TAKAICHI.key)]
    assert find_paths(projection, SUMMIT.key, KOREA.key, through=()).paths[0].hops == 1  # ends are always allowed
    with pytest.raises(ValueError, match="cannot route through"):
        find_paths(projection, KAZAMA.key, KOREA.key, through=("Person",))


def test_paths_hub_filter_avoids_high_degree_intermediates(projection):
    assert projection.undirected.degree[SUMMIT.key] == 5
    assert projection.undirected.degree[PRIME_MINISTER.key] == 3
    kept = find_paths(projection, KAZAMA.key, TAKAICHI.key, k=3, max_degree=3)
    assert [p.nodes for p in kept.paths] == [(KAZAMA.key, PRIME_MINISTER.key, TAKAICHI.key)]
    assert find_paths(projection, KAZAMA.key, TAKAICHI.key, max_degree=2).paths == ()


def test_paths_same_entity_twice_is_an_error(projection):
    with pytest.raises(ValueError, match="same entity"):
        find_paths(projection, "Kazama", "Q4115189")


def test_paths_neighbors_lists_nearest_first_with_the_nodes_between(projection):
    hood = paths.neighbors(projection, "Sanae Takaichi", hops=2)
    by_node = {n.node: n for n in hood.neighbours}
    assert {n for n, item in by_node.items() if item.distance == 1} == {PRIME_MINISTER.key, PARK.key}
    assert by_node[JAPAN.key].distance == 2 and by_node[JAPAN.key].via == (PRIME_MINISTER.key,)
    assert by_node[SUMMIT.key].via == (PARK.key,)
    assert [n.distance for n in hood.neighbours] == sorted(n.distance for n in hood.neighbours)
    assert NATO.key not in by_node


def test_paths_central_ranks_by_each_measure(projection):
    assert paths.central(projection, by="degree", top=1)[0][0] == SUMMIT.key
    assert paths.central(projection, by="pagerank", top=1)[0][0] == SUMMIT.key
    assert paths.central(projection, by="betweenness", top=1)[0][0] == SUMMIT.key
    hubs = paths.central(projection, by="degree", top=2, types=("Office", "Summit"))
    assert [node for node, _ in hubs] == [SUMMIT.key, PRIME_MINISTER.key]
    tied = paths.central(projection, by="degree", top=3, types=("Person",))
    assert [node for node, _ in tied] == [PARK.key, TAKAICHI.key, KAZAMA.key]  # equal scores: by label
    with pytest.raises(ValueError, match="unknown centrality"):
        paths.central(projection, by="fame")


# --- command line ------------------------------------------------------------------------


def test_paths_cli_path_prints_each_step_with_evidence(store_dir):
    result = kg("path", "--store", str(store_dir), "tatsuo kazama", "South Korea")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "   Tatsuo Kazama —attends (considering)→ 2025 NATO summit" in lines
    assert "   2025 NATO summit ←invitedTo— South Korea" in lines
    assert "        — NATO meets in The Hague, 2025-06-20" in lines


def test_paths_cli_path_json_carries_the_same_data(store_dir):
    result = kg("path", "--store", str(store_dir), "Kazama", "Sanae Takaichi", "--format", "json", "-k", "2",
                "--via", "holdsOffice")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["id"] == KAZAMA.key and data["target"]["wikidata"] is None
    [path] = data["paths"]
    assert [n["label"] for n in path["nodes"]] == ["Tatsuo Kazama", "Prime Minister of Japan", "Sanae Takaichi"]
    assert [(s["relation"], s["status"], s["direction"]) for s in path["steps"]] == [
        ("holdsOffice", "current", "forward"), ("holdsOffice", "current", "backward")]
    assert path["steps"][0]["also"][0]["status"] == "former"
    assert path["steps"][0]["evidence"][0] == {"article": ELECTION_KEY, "title": "Japan election", "date": "2024-10-28",
                                               "sentence": "Prime Minister Tatsuo Kazama lost his majority.",
                                               "confidence": 0.95}


def test_paths_cli_unknown_name_exits_2_with_suggestions(store_dir):
    result = kg("path", "--store", str(store_dir), "Tatsuo Kazmaa", "Japan")
    assert result.exit_code == 2
    assert "did you mean 'Tatsuo Kazama'" in result.output


def test_paths_cli_ambiguous_name_exits_2_listing_candidates(store_dir):
    result = kg("path", "--store", str(store_dir), "Park", "Japan")
    assert result.exit_code == 2
    assert "person/park-do-hyun" in result.output and "person/park-tae-joon" in result.output


def test_paths_cli_no_path_exits_1(store_dir):
    result = kg("path", "--store", str(store_dir), "Kazama", "South Korea", "--through", "none")
    assert result.exit_code == 1
    assert "no path within 4 hops" in result.output


def test_paths_cli_neighbors_and_central(store_dir):
    result = kg("neighbors", "--store", str(store_dir), "Japan", "--hops", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {(n["id"], n["distance"]) for n in data["neighbours"]} == {
        (PRIME_MINISTER.key, 1), (KAZAMA.key, 2), (TAKAICHI.key, 2)}
    result = kg("central", "--store", str(store_dir), "--by", "betweenness", "--top", "2")
    assert result.exit_code == 0, result.output
    assert "2025 NATO summit (Summit)" in result.output.splitlines()[1]
