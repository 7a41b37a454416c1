"""Extraction: a Document becomes an Extraction (entities and facts), through spaCy.

`Extractor` loads the pipeline once and is the only thing later stages call.
"""
from __future__ import annotations

import copy
import itertools
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graph.document import Document
from graph.extract.entities import resolve_entities
from graph.extract.facts import extract_facts
from graph.extract.gazetteer import Gazetteer
from graph.extract.learned import Candidate, RelationModel, candidates
from graph.extract.mentions import find_mentions
from graph.extract.pipeline import load_nlp
from graph.extract.rules import stated_by_rules
from graph.model import Entity, Extraction

__all__ = ["Extractor"]


class Extractor:
    """spaCy, our rules and the trained relation model. Build one per process: loading
    the pipeline takes a second. `rules_only` skips the model (the rules' facts as they are)."""

    def __init__(self, *, model: str | None = None, gazetteer_files: Iterable[str] = (), min_confidence: float = 0.0,
                 rules_only: bool = False):
        self.nlp: Language = load_nlp(model, gazetteer_files=list(gazetteer_files))
        self.gazetteer: Gazetteer = self.nlp.get_pipe("newsgraph_gazetteer").gazetteer
        self.min_confidence = min_confidence
        self.relations: RelationModel | None = None if rules_only else RelationModel.load()

    def by_rules_alone(self) -> "Extractor":
        """The same pipeline without the relation model: the named rules' facts as they are
        (what `kg build --rules-only` writes), without loading spaCy again."""
        rules = copy.copy(self)
        rules.relations = None
        return rules

    def extract(self, document: Document) -> Extraction:
        return self.from_doc(document, self.parse(document.content))

    def extract_many(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extraction]:
        """Stream documents through `nlp.pipe`, which batches them for speed; the rare
        document over the model's length limit is parsed on its own, in slices."""
        for too_long, group in itertools.groupby(documents, key=lambda d: len(d.content) > self.nlp.max_length):
            if too_long:
                yield from (self.extract(d) for d in group)
                continue
            pairs = ((d.content, d) for d in group)
            for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
                yield self.from_doc(document, doc)

    def parse(self, text: str) -> Doc:
        """One Doc for the text, even past `nlp.max_length` (spaCy's guard against the
        parser's memory use): longer texts are parsed in slices cut at line breaks or
        spaces, and the slices joined, so offsets still refer to the whole text."""
        if len(text) <= self.nlp.max_length:
            return self.nlp(text)
        return Doc.from_docs([self.nlp(piece) for piece in _slices(text, self.nlp.max_length)], ensure_whitespace=False)

    def candidates(self, document: Document) -> list[Candidate]:
        """Every fact the rules and the generators propose, with its features: what the
        relation model is trained on and decides between."""
        doc = self.parse(document.content)
        _, _, found = self._read(document.article, doc, with_candidates=True)
        return found

    def from_doc(self, document: Document, doc: Doc) -> Extraction:
        article = document.article
        entities, resolution, found = self._read(article, doc, with_candidates=self.relations is not None)
        if self.relations is not None:
            facts = self.relations.decide(found)
        else:
            facts = [f for f in found if stated_by_rules(f.extractor)]
        facts = [f for f in facts if f.confidence >= self.min_confidence]
        return Extraction(article=article, text=document.text, entities=_referenced(entities, facts, resolution.links),
                          facts=tuple(sorted(facts, key=lambda f: (f.start, f.subject, f.relation, f.object))))

    def _read(self, article, doc: Doc, *, with_candidates: bool):
        """Mentions → entities → the rules' facts, and (for the model) the candidates built on them."""
        mentions = find_mentions(doc)
        resolution = resolve_entities(mentions, article, self.gazetteer)
        entities, facts = extract_facts(doc, mentions, resolution, article, self.gazetteer)
        if with_candidates:
            return entities, resolution, candidates(doc, mentions, resolution, article, entities, facts)
        return entities, resolution, facts


def _slices(text: str, limit: int) -> Iterator[str]:
    """Consecutive pieces of at most `limit` characters, cut after a line break when there
    is one in the second half of the piece, else after a space, else anywhere."""
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start + limit // 2, end), text.rfind(" ", start + limit // 2, end))
            end = cut + 1 if cut > 0 else end
        yield text[start:end]
        start = end


def _referenced(entities: dict[str, Entity], facts, links) -> tuple[Entity, ...]:
    """The entities the article mentions or a fact uses, in key order (stable output)."""
    keys = {k for k in links if k} | {f.subject for f in facts} | {f.object for f in facts}
    keys |= {entities[k].country for k in list(keys) if k in entities and entities[k].country}
    return tuple(entities[k] for k in sorted(keys) if k in entities)
