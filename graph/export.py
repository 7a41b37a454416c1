"""Reading the graph back out: the facts contract (JSONL/CSV), RDF dumps and statistics.

The facts contract is what the evaluation kit and spreadsheets read: one row per fact
per article it came from, and one row per entity each article mentions.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO, Iterable, Iterator

from graph import read

FACT_COLUMNS = ["kind", "article", "subject", "subject_type", "relation", "object", "object_type", "status",
                "sentence", "start", "end", "confidence", "extractor", "subject_id", "object_id", "subject_wikidata",
                "object_wikidata", "label", "type", "id", "wikidata"]


def fact_rows(store, *, min_confidence: float = 0.0, entities: bool = True) -> Iterator[dict]:
    """The facts contract rows, sorted by article and position."""
    index = read.entity_index(store)
    keys = {iri: info.key for iri, info in read.articles(store).items()}
    facts = sorted((_fact_row(statement, keys[statement.article], index) for statement in read.statements(store)
                    if statement.confidence >= min_confidence and statement.article in keys),
                   key=lambda f: (f["article"], f["start"], f["subject"] or "", f["relation"], f["object"] or ""))
    yield from facts
    if entities:
        yield from sorted((_entity_row(keys[article], index[entity]) for article, entity in read.mentions(store)
                           if entity in index and article in keys),
                          key=lambda r: (r["article"], r["type"], r["label"]))


def _fact_row(statement: read.Statement, article: str, index: dict[str, read.EntityInfo]) -> dict:
    """One fact of the contract; an end that is not an entity of the store has no label or type."""
    subject, obj = index.get(statement.subject), index.get(statement.object)
    row = {"kind": "fact", "article": article, "subject": subject and subject.label,
           "subject_type": subject and subject.type, "relation": statement.relation,
           "object": obj and obj.label, "object_type": obj and obj.type, "status": statement.status,
           "sentence": statement.text, "start": statement.start, "end": statement.end,
           "confidence": statement.confidence, "extractor": statement.extractor,
           "subject_id": statement.subject, "object_id": statement.object}
    for end, entry in (("subject", subject), ("object", obj)):
        if entry is not None and entry.wikidata:
            row[f"{end}_wikidata"] = entry.wikidata
    return row


def _entity_row(article: str, entity: read.EntityInfo) -> dict:
    row = {"kind": "entity", "article": article, "label": entity.label, "type": entity.type, "id": entity.iri}
    if entity.wikidata:
        row["wikidata"] = entity.wikidata
    return row


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


def format_statistics(stats: dict, seconds: float | None = None) -> str:
    lines = [f"articles: {stats['articles']}"]
    lines.append("entities: " + ", ".join(f"{k} {v}" for k, v in stats["entities"].items()) + f" (total {sum(stats['entities'].values())})")
    lines.append("facts:    " + ", ".join(f"{k} {v}" for k, v in stats["facts"].items()) + f" (total {sum(stats['facts'].values())})")
    lines.append(f"triples:  {stats['triples']}")
    if seconds is not None:
        lines.append(f"seconds:  {seconds:.1f}")
    return "\n".join(lines)


def store_graph(store):
    """The union of all article graphs as an rdflib Graph (for SHACL and small exports)."""
    from graph.rdf import new_graph

    buffer = io.BytesIO()
    store.dump(buffer, "ntriples")
    graph = new_graph()
    graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph
