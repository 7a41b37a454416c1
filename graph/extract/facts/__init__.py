"""Stage 5: relations between the article's entities, read from the parse.

Each rule looks for one way news states a relation ("Foreign Minister Ada Okafor",
"Tomas Alves, the President of Brazil", "leader of the Greens", "X will
attend the summit", "X met Y"), resolves both ends to entities, and qualifies the fact
with a status read from the words around it and a confidence for the rule that fired.
Negated, refused and quoted statements give no fact; hedged ones lose confidence.

One module per relation family, each importing only those before it: `article` (the
state of one article and what every rule shares), `office_entities` (the one place an
Office is made), `offices`, `spokespeople`, `party_phrases`, `parties`, `summits` and `meetings`. This
module runs them over each sentence in a fixed order: later rules read what earlier
ones found (the offices a host holds, the holders a bare title refers to).
"""
from __future__ import annotations

import itertools

from spacy.tokens import Doc

from graph.extract.entities import Resolution
from graph.extract.facts.article import ArticleState, deduplicated, quoted_tokens
from graph.extract.facts.meetings import read_meetings
from graph.extract.facts.offices import (
    read_administrations,
    read_counterparts,
    read_country_leaders,
    read_offices,
    read_plural_titles,
    read_predecessors,
    without_vaguer_offices,
)
from graph.extract.facts.parties import memberships_of_leaders, read_parties
from graph.extract.facts.spokespeople import read_spokespeople
from graph.extract.facts.summits import (
    read_attendance,
    read_gathering_guests,
    read_hosting,
    read_invitations,
    read_participant_list,
    read_participants_included,
    read_presence,
    read_reported_leaders,
    read_series_organisers,
)
from graph.extract.gazetteer import Gazetteer
from graph.model import Article, Entity, Fact, Mention


__all__ = ["extract_facts", "quoted_tokens"]


def extract_facts(doc: Doc, mentions: list[Mention], resolution: Resolution, article: Article,
                  gazetteer: Gazetteer) -> tuple[dict[str, Entity], list[Fact]]:
    """All facts of one article (deduplicated), and its entities including the offices they created."""
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
    at_token: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        for token in span or ():
            at_token.setdefault(token.i, []).append(index)
    by_sentence: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        if span is not None:
            by_sentence.setdefault(span[0].sent.start, []).append(index)
    starts = list(itertools.accumulate((span.start if span is not None else 0 for span in spans), max))
    state = ArticleState(doc=doc, article=article, gazetteer=gazetteer, resolution=resolution, mentions=mentions,
                         spans=spans, at_token=at_token, entities=dict(resolution.entities), in_quote=quoted_tokens(doc),
                         text=doc.text, by_sentence=by_sentence, starts=starts)
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        read_offices(state, sent)
        read_plural_titles(state, sent)
        read_counterparts(state, sent)
        read_spokespeople(state, sent)
        read_country_leaders(state, sent)
        read_predecessors(state, sent)
        read_administrations(state, sent)
        read_parties(state, sent)
        read_attendance(state, sent)
        read_presence(state, sent)
        read_participant_list(state, sent)
        read_participants_included(state, sent)
        read_gathering_guests(state, sent)
        read_invitations(state, sent)
        read_hosting(state, sent)
        read_meetings(state, sent)
    read_series_organisers(state)
    read_reported_leaders(state)
    facts = without_vaguer_offices(state.facts, state.entities)
    return state.entities, deduplicated(facts + memberships_of_leaders(facts))
