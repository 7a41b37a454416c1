"""Reading the graph back out: the facts contract (JSONL/CSV), RDF dumps and statistics.

The facts contract is what the evaluation kit and spreadsheets read: one row per fact
per article it came from, and one row per entity each article mentions.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import IO, Iterable, Iterator

from graph.store import Store

FACT_COLUMNS = ["kind", "article", "subject", "subject_type", "relation", "object", "object_type", "status",
                "sentence", "start", "end", "confidence", "extractor", "subject_id", "object_id", "subject_wikidata",
                "object_wikidata", "label", "type", "id", "wikidata"]

# Three small queries rather than one join: each article graph repeats an entity's label,
# type and sameAs, so joining them in the union multiplies rows by the number of articles cubed.
_LABELS = "SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label }"
_TYPES = """SELECT DISTINCT ?e ?type WHERE { ?e a ?type .
  FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Article, kg:Statement)) }"""
_SAME_AS = "SELECT DISTINCT ?e ?same WHERE { ?e owl:sameAs ?same }"

_STATEMENTS = """
SELECT ?article ?s ?p ?o ?status ?text ?start ?end ?confidence ?extractor WHERE {
  ?f a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a ;
     kg:evidenceText ?text ; kg:startOffset ?start ; kg:endOffset ?end ; kg:confidence ?confidence .
  OPTIONAL { ?f kg:extractor ?extractor }
  ?a kg:key ?article .
  OPTIONAL { ?f kg:status ?status }
}"""

_MENTIONS = "SELECT ?article ?e WHERE { ?a a kg:Article ; kg:key ?article ; kg:mentions ?e }"


def _value(term) -> str | None:
    return None if term is None else term.value


def entity_index(store: Store) -> dict[str, dict]:
    """IRI → {label, type, wikidata} for every entity in the store."""
    types = {row["e"].value: row["type"].value.rsplit("#", 1)[-1] for row in store.query(_TYPES)}
    index = {row["e"].value: {"label": row["label"].value, "type": types[row["e"].value], "wikidata": None}
             for row in store.query(_LABELS) if row["e"].value in types}
    for row in store.query(_SAME_AS):
        entry, same = index.get(row["e"].value), row["same"].value
        if entry is not None and "wikidata.org/entity/" in same:
            entry["wikidata"] = same.rsplit("/", 1)[-1]
    return index


def fact_rows(store: Store, *, min_confidence: float = 0.0, entities: bool = True) -> Iterator[dict]:
    """The facts contract rows, sorted by article and position."""
    index = entity_index(store)
    facts = []
    for row in store.query(_STATEMENTS):
        confidence = float(row["confidence"].value)
        if confidence < min_confidence:
            continue
        s, o = row["s"].value, row["o"].value
        subject, obj = index.get(s, {}), index.get(o, {})
        fact = {"kind": "fact", "article": row["article"].value, "subject": subject.get("label"),
                "subject_type": subject.get("type"), "relation": row["p"].value.rsplit("#", 1)[-1],
                "object": obj.get("label"), "object_type": obj.get("type"), "status": _value(row["status"]),
                "sentence": row["text"].value, "start": int(row["start"].value), "end": int(row["end"].value),
                "confidence": confidence, "extractor": _value(row["extractor"]), "subject_id": s, "object_id": o}
        for end, entry in (("subject", subject), ("object", obj)):
            if entry.get("wikidata"):
                fact[f"{end}_wikidata"] = entry["wikidata"]
        facts.append(fact)
    facts.sort(key=lambda f: (f["article"], f["start"], f["subject"] or "", f["relation"], f["object"] or ""))
    yield from facts
    if not entities:
        return
    rows = []
    for row in store.query(_MENTIONS):
        entry = index.get(row["e"].value)
        if entry is None:
            continue
        item = {"kind": "entity", "article": row["article"].value, "label": entry["label"], "type": entry["type"],
                "id": row["e"].value}
        if entry["wikidata"]:
            item["wikidata"] = entry["wikidata"]
        rows.append(item)
    rows.sort(key=lambda r: (r["article"], r["type"], r["label"]))
    yield from rows


def write_rows(rows: Iterable[dict], out: IO[str], fmt: str = "jsonl") -> int:
    """Write contract rows as JSON Lines or CSV; returns how many were written."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FACT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    else:
        raise ValueError(f"unknown facts format {fmt!r}; choose jsonl or csv")
    return count


def statistics(store: Store) -> dict:
    """Articles, entities by type, facts by relation, and triples (quads) in the store."""
    types = Counter()
    for row in store.query("SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type . "
                           "FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Article, kg:Statement)) } GROUP BY ?type"):
        types[row["type"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    relations = Counter()
    for row in store.query("SELECT ?p (COUNT(?f) AS ?n) WHERE { ?f a kg:Statement ; rdf:predicate ?p } GROUP BY ?p"):
        relations[row["p"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    articles = next(iter(store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")))["n"].value
    return {"articles": int(articles), "entities": dict(sorted(types.items())),
            "facts": dict(sorted(relations.items())), "triples": len(store)}


def format_statistics(stats: dict, seconds: float | None = None) -> str:
    lines = [f"articles: {stats['articles']}"]
    lines.append("entities: " + ", ".join(f"{k} {v}" for k, v in stats["entities"].items()) + f" (total {sum(stats['entities'].values())})")
    lines.append("facts:    " + ", ".join(f"{k} {v}" for k, v in stats["facts"].items()) + f" (total {sum(stats['facts'].values())})")
    lines.append(f"triples:  {stats['triples']}")
    if seconds is not None:
        lines.append(f"seconds:  {seconds:.1f}")
    return "\n".join(lines)


def store_graph(store: Store):
    """The union of all article graphs as an rdflib Graph (for SHACL and small exports)."""
    from graph.rdf import new_graph

    buffer = io.BytesIO()
    store.dump(buffer, "ntriples")
    graph = new_graph()
    graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph
