"""Checks of a corpus-scale build: `python scripts/corpus_report.py --store DIR [--sample 50]`.

1. One-holder offices (heads of state and government): how many people are called the
   "current" holder in the articles of one year. More than a few means titles given to the
   wrong person, or past holders read as current.
2. A seeded random sample of facts with their evidence sentences, as JSON Lines, for judging
   precision by hand.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.store import Store  # noqa: E402

HEAD_OFFICES = ("president-of-", "prime-minister-of-", "chancellor-of-", "taoiseach-of-", "king-of-", "queen-of-")
#: Offices whose label starts like a head's but that are posts of an organisation.
NOT_HEADS = ("president-of-the-european", "president-of-the-world")

CURRENT_HOLDERS = """
SELECT ?office ?who (SUBSTR(STR(?date), 1, 4) AS ?year) WHERE {
  ?statement a kg:Statement ; rdf:predicate kg:holdsOffice ; rdf:object ?office ; rdf:subject ?who ;
             kg:status "current" ; prov:wasDerivedFrom ?article .
  ?article schema:datePublished ?date .
}"""

STATEMENTS = """
SELECT ?statement WHERE { ?statement a kg:Statement }"""

#: One statement's parts, asked for the drawn ones only (joins over every statement are slow).
STATEMENT_PARTS = """
SELECT ?statement ?subject ?relation ?object ?status ?evidence ?extractor ?key ?date WHERE {{
  VALUES ?statement {{ {values} }}
  ?statement rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
             kg:evidenceText ?evidence ; kg:extractor ?extractor ; prov:wasDerivedFrom ?article .
  OPTIONAL {{ ?statement kg:status ?status }}
  ?article kg:key ?key .
  OPTIONAL {{ ?article schema:datePublished ?date }}
}}"""


def current_holders_per_year(store: Store) -> dict[tuple[str, str], set[str]]:
    """(head office, year) → the people called its current holder in that year's articles."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.query(CURRENT_HOLDERS):
        office = row["office"].value.rsplit("/", 1)[-1]
        if office.startswith(HEAD_OFFICES) and not office.startswith(NOT_HEADS):
            holders[(office, row["year"].value)].add(row["who"].value.rsplit("/", 1)[-1])
    return holders


def labels_of(store: Store, iris: set[str]) -> dict[str, str]:
    values = " ".join(f"<{iri}>" for iri in iris)
    query = f"SELECT ?x (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label ?l }} GROUP BY ?x"
    return {row["x"].value: row["label"].value for row in store.query(query)}


def fact_sample(store: Store, size: int, seed: int) -> list[dict]:
    """`size` statements drawn with `seed`, with labels, status and evidence."""
    statements = sorted(row["statement"].value for row in store.query(STATEMENTS))
    drawn = random.Random(seed).sample(statements, min(size, len(statements)))
    parts = {row["statement"].value: row for row in store.query(STATEMENT_PARTS.format(values=" ".join(f"<{s}>" for s in drawn)))}
    chosen = [parts[s] for s in drawn if s in parts]
    labels = labels_of(store, {r[v].value for r in chosen for v in ("subject", "object")})
    return [{"article": r["key"].value, "date": r["date"].value if r["date"] else None,
             "subject": labels.get(r["subject"].value, r["subject"].value),
             "relation": r["relation"].value.rsplit("#", 1)[-1],
             "object": labels.get(r["object"].value, r["object"].value),
             "status": r["status"].value if r["status"] else None,
             "extractor": r["extractor"].value, "evidence": r["evidence"].value} for r in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--sample", type=int, default=0, help="facts to draw for judging (0: none)")
    parser.add_argument("--seed", type=int, default=50)
    parser.add_argument("-o", "--out", type=Path, help="where to write the sample (default: stdout)")
    args = parser.parse_args()
    store = Store(args.store)
    holders = current_holders_per_year(store)
    crowded = {k: v for k, v in holders.items() if len(v) > 3}
    print(f"head offices × years: {len(holders)}; with more than 3 current holders: {len(crowded)}; "
          f"most in one year: {max(map(len, holders.values()), default=0)}")
    for (office, year), people in sorted(crowded.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(people)} {office} {year}: {', '.join(sorted(people))}")
    if args.sample:
        lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in fact_sample(store, args.sample, args.seed))
        if args.out:
            args.out.write_text(lines, encoding="utf-8")
        else:
            sys.stdout.write(lines)


if __name__ == "__main__":
    main()
