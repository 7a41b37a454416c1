"""Extraction: a Document becomes an Extraction (entities and facts), through spaCy.

`Extractor` loads the pipeline once and is the only thing later stages call.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graph.document import Document
from graph.extract.entities import resolve_entities
from graph.extract.facts import extract_facts
from graph.extract.gazetteer import Gazetteer
from graph.extract.mentions import find_mentions
from graph.extract.pipeline import load_nlp
from graph.model import Entity, Extraction

__all__ = ["Extractor"]


class Extractor:
    """spaCy plus our rules. Build one per process: loading the model takes a second."""

    def __init__(self, *, model: str | None = None, gazetteer_files: Iterable[str] = (), min_confidence: float = 0.0):
        self.nlp: Language = load_nlp(model, gazetteer_files=list(gazetteer_files))
        self.gazetteer: Gazetteer = self.nlp.get_pipe("newsgraph_gazetteer").gazetteer
        self.min_confidence = min_confidence

    def extract(self, document: Document) -> Extraction:
        return self.from_doc(document, self.nlp(document.content))

    def extract_many(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extraction]:
        """Stream documents through `nlp.pipe`, which batches them for speed."""
        pairs = ((d.content, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.from_doc(document, doc)

    def from_doc(self, document: Document, doc: Doc) -> Extraction:
        article = document.article
        mentions = find_mentions(doc)
        resolution = resolve_entities(mentions, article, self.gazetteer)
        entities, facts = extract_facts(doc, mentions, resolution, article, self.gazetteer)
        facts = [f for f in facts if f.confidence >= self.min_confidence]
        return Extraction(article=article, text=document.text, entities=_referenced(entities, facts, resolution.links),
                          facts=tuple(sorted(facts, key=lambda f: (f.start, f.subject, f.relation, f.object))))


def _referenced(entities: dict[str, Entity], facts, links) -> tuple[Entity, ...]:
    """The entities the article mentions or a fact uses, in key order (stable output)."""
    keys = {k for k in links if k} | {f.subject for f in facts} | {f.object for f in facts}
    keys |= {entities[k].country for k in list(keys) if k in entities and entities[k].country}
    return tuple(entities[k] for k in sorted(keys) if k in entities)
