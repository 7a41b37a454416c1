"""Benchmark the networkx projection and `find_paths` on a synthetic graph of ≥1M triples.

The data is SYNTHETIC: made-up articles with the same shape as a real build (one named
graph per article, written by graph.rdf's own triple functions: article metadata and
body, entities with labels, aliases, Wikidata ids, office/party links, and one
kg:Statement per fact), with a skewed popularity so that some people, offices and
countries become hubs, as in real news. It measures what a user waits for:

- the projection build from the store (time and resident-memory growth),
- reloading it from the on-disk cache in a later process,
- path query latency (k=3, max 4 hops) once the projection is built: p50 and p95.

Usage: python scripts/bench_paths.py [--triples 1000000] [--queries 200] [--seed 7] [--smoke]
(--smoke: 20,000 triples and 20 queries, to check that the script runs; its numbers mean nothing.)
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyoxigraph as ox
from rdflib import Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import paths, projection as projecting  # noqa: E402
from graph.model import Article, Entity, Fact, STATUSES, entity_key  # noqa: E402
from graph.rdf import article_iri, article_triples, distinct_facts, entity_triples, fact_triples  # noqa: E402
from graph.store import Store  # noqa: E402

WORDS = ("north", "south", "east", "west", "new", "great", "upper", "lower", "saint", "port", "lake", "grand")
SYLLABLES = ("ka", "to", "mi", "ra", "lo", "ne", "sa", "vi", "den", "mar", "kol", "bur", "zen", "tak", "ish", "lee")
ROLES = ("Prime Minister", "President", "Minister of Finance", "Minister for Foreign Affairs", "Minister of Defence",
         "Speaker", "Governor", "Chancellor", "Vice President", "Minister of Justice")


def name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(parts))


class World:
    """A fixed cast of entities that the synthetic articles draw on, popular ones more often."""

    def __init__(self, rng: random.Random, *, people: int, countries: int):
        self.rng = rng
        self.countries = [Entity(entity_key("Country", f"Country {i}"), "Country", f"{rng.choice(WORDS).title()} {name(rng, 1)} {i}",
                                 aliases=(f"C{i}",), wikidata=f"Q{100 + i}") for i in range(countries)]
        self.offices = [Entity(entity_key("Office", f"{role} of {c.label}"), "Office", f"{role} of {c.label}", country=c.key)
                        for c in self.countries for role in ROLES]
        self.parties = [Entity(entity_key("PoliticalParty", f"Party {i} of {c.label}"), "PoliticalParty",
                               f"{name(rng, 1)} Party of {c.label}", country=c.key)
                        for c in self.countries for i in range(3)]
        self.organizations = [Entity(entity_key("Organization", f"Org {i}"), "Organization", f"{name(rng, 1).upper()} {i}")
                              for i in range(60)]
        self.summits = [Entity(entity_key("Summit", f"{o.label} summit {year}"), "Summit", f"{year} {o.label} summit", year=year)
                        for o in self.organizations for year in range(2000, 2026)]
        self.people = [Entity(entity_key("Person", f"Person {i}"), "Person", f"{name(rng, 2)} {i}",
                              aliases=(f"P{i}",), wikidata=f"Q{10_000_000 + i}" if i % 3 == 0 else None)
                       for i in range(people)]
        self.weights = [1.0 / (1 + i) ** 0.8 for i in range(people)]

    def popular_people(self, count: int) -> list[Entity]:
        return list(dict.fromkeys(self.rng.choices(self.people, weights=self.weights, k=count)))


def synthetic_article(world: World, number: int) -> tuple[Article, str, list[Entity], list[Fact]]:
    rng = world.rng
    country = rng.choice(world.countries)
    people = world.popular_people(rng.randint(3, 6))
    offices = [world.offices[world.countries.index(country) * len(ROLES) + rng.randrange(len(ROLES))] for _ in people]
    party = world.parties[world.countries.index(country) * 3 + rng.randrange(3)]
    summit = rng.choice(world.summits)
    organizer = next(o for o in world.organizations if summit.label.endswith(f"{o.label} summit"))
    sentence = f"{people[0].label} met {people[-1].label} before the {summit.label}."
    body = " ".join([sentence] * 3)
    facts = [Fact(p.key, "holdsOffice", o.key, rng.choice(STATUSES["holdsOffice"]), 0.9, sentence, 0, len(sentence))
             for p, o in zip(people, offices)]
    facts += [Fact(people[0].key, "memberOf", party.key, "current", 0.8, sentence, 0, len(sentence)),
              Fact(people[0].key, "leaderOf", party.key, rng.choice(STATUSES["leaderOf"]), 0.7, sentence, 0, len(sentence)),
              Fact(people[0].key, "attends", summit.key, rng.choice(STATUSES["attends"]), 0.8, sentence, 0, len(sentence)),
              Fact(country.key, "invitedTo", summit.key, None, 0.7, sentence, 0, len(sentence)),
              Fact(summit.key, "organizedBy", organizer.key, None, 0.9, sentence, 0, len(sentence)),
              Fact(people[0].key, "meets", people[-1].key, rng.choice(STATUSES["meets"]), 0.8, sentence, 0, len(sentence))]
    article = Article(key=f"synthetic-{number:06d}", text=body, title=f"Synthetic article {number}",
                      date=f"{2000 + number % 26}-{1 + number % 12:02d}-{1 + number % 28:02d}", source="synthetic")
    entities = list(dict.fromkeys([country, *people, *offices, party, summit, organizer]))
    return article, body, entities, facts


def oxigraph_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def article_quads(world: World, number: int) -> list[ox.Quad]:
    """The quads graph.rdf would write for one synthetic article, in its named graph."""
    article, body, entities, facts = synthetic_article(world, number)
    graph = ox.NamedNode(str(article_iri(article.key)))
    triples = [*article_triples(article, body, entities),
               *(t for e in entities for t in entity_triples(e)),
               *(t for f in distinct_facts(facts) for t in fact_triples(article.key, f))]
    return [ox.Quad(*(oxigraph_term(x) for x in triple), graph) for triple in dict.fromkeys(triples)]


def load_synthetic(store: Store, world: World, triples: int) -> int:
    """Add synthetic articles in batches until the store holds at least `triples` quads."""
    number = 0
    while len(store) < triples:
        batch = [quad for n in range(number, number + 100) for quad in article_quads(world, n)]
        store.db.bulk_extend(batch)
        number += 100
    return number


def rss() -> int:
    gc.collect()
    return psutil.Process().memory_info().rss


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the script, measures nothing")
    args = parser.parse_args()
    if args.smoke:
        args.triples, args.queries = 20_000, 20
    rng = random.Random(args.seed)
    world = World(rng, people=2_000 if args.smoke else 30_000, countries=120)
    print("data: synthetic (generated articles with the shape of a real build, not news)"
          + (" [--smoke: tiny sizes, numbers are not meaningful]" if args.smoke else ""))
    with tempfile.TemporaryDirectory(prefix="bench-paths-") as folder:
        started = time.perf_counter()
        with Store(Path(folder) / "store", write=True) as store:
            articles = load_synthetic(store, world, args.triples)
            total = len(store)
        print(f"generated {articles:,} articles, {total:,} triples in {time.perf_counter() - started:.1f} s")

        with Store(Path(folder) / "store") as store:
            before = rss()
            started = time.perf_counter()
            projection = projecting.build_projection(store)
            built = time.perf_counter() - started
            started = time.perf_counter()
            _ = projection.undirected, projection.names
            indexed = time.perf_counter() - started
            grown = rss() - before
            print(f"projection: {projection.graph.number_of_nodes():,} nodes, {projection.graph.number_of_edges():,} edges")
            print(f"projection build: {built:.2f} s from the store, + {indexed:.2f} s for the path/name indexes")
            print(f"projection memory: {grown / 2**20:.0f} MiB RSS growth")

            started = time.perf_counter()
            fingerprint = projecting.store_fingerprint(store)
            print(f"store fingerprint: {(time.perf_counter() - started) * 1000:.1f} ms")
            projection.fingerprint = fingerprint
            projecting._save_cached(projecting._cache_file(store), projection)
            projecting.clear_memory_cache()
            started = time.perf_counter()
            projecting.project(store)
            print(f"cached reload (fingerprint + unpickle, as a later `kg path` does): {time.perf_counter() - started:.2f} s")

        people = [n for n, d in projection.graph.nodes(data=True) if d["type"] == "Person" and projection.graph.degree(n)]
        pairs = [(projection.label(a), projection.label(b)) for a, b in (rng.sample(people, 2) for _ in range(args.queries))]
        latencies, found = [], 0
        for source, target in pairs:
            started = time.perf_counter()
            result = paths.find_paths(projection, source, target, k=3, max_hops=4)
            latencies.append((time.perf_counter() - started) * 1000)
            found += bool(result.paths)
        print(f"path queries (k=3, max 4 hops, names resolved, {len(pairs)} random person pairs, {found} with a path): "
              f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms")


if __name__ == "__main__":
    main()
