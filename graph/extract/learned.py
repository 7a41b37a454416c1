"""The trained relation extractor: candidate facts, their features, and a linear model that keeps or drops each.

The rules are precise but cover the wordings they were written for; news says the same
things in many more ways. So the rules' facts become candidates beside facts proposed by
broad generators (a leader named in a report about a summit, a person and a party in one
sentence, two people in a sentence about talks), and a logistic model trained on annotated
articles (`make train`) scores every candidate from features of its sentence and of the
whole article: which rule fired, the words between the two names, whether the article is
about a summit, whether the person is quoted or holds an office. The weights are a small
JSON file (`data/models/relations.json`), so running needs no learning library.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from graph.extract.entities import Resolution
from graph.extract.facts import quoted_tokens
from graph.extract.rules import CUES, PATTERNS_DIR, stated_by_rules
from graph.model import Article, Entity, Fact, Mention

MODEL_FILE = PATTERNS_DIR.parent / "models" / "relations.json"

#: The relations the model decides; the others stay with the rules alone.
SCORED = ("holdsOffice", "memberOf", "leaderOf", "attends", "meets")
PARTY_TIES = {"memberOf", "leaderOf"}


@dataclass(frozen=True)
class Candidate:
    """A fact that may be stated, where it came from, and the features the model reads."""

    fact: Fact
    source: str  # "rules/<name>" or "model/<generator>"
    subject: Entity | None = None
    object: Entity | None = None
    features: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class _View:
    """One parsed article, indexed for the generators and the features."""

    doc: Doc
    article: Article
    entities: dict[str, Entity]
    mentions_of: dict[str, list[Span]]  # entity key → its mention spans, in order
    sentence_entities: dict[int, list[tuple[Span, Entity]]]  # sentence start → mentions linked to an entity
    titles: dict[int, list[Span]]  # sentence start → TITLE mention spans
    quoted: set[int]
    title_keys: frozenset[str]  # entity keys named in the headline
    office_holders: dict[str, list[str]]  # person key → labels of the offices the rules gave them
    party_people: dict[tuple[int, str], set[str]]  # (sentence start char, party key) → people the rules tied to it

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention], resolution: Resolution, article: Article,
           entities: dict[str, Entity], rule_facts: list[Fact]) -> "_View":
        mentions_of: dict[str, list[Span]] = {}
        sentence_entities: dict[int, list[tuple[Span, Entity]]] = {}
        titles: dict[int, list[Span]] = {}
        for index, mention in enumerate(mentions):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if mention.label == "TITLE":
                titles.setdefault(span[0].sent.start, []).append(span)
            entity = resolution.entity_at(mentions, index)
            if entity is not None:
                mentions_of.setdefault(entity.key, []).append(span)
                sentence_entities.setdefault(span[0].sent.start, []).append((span, entity))
        headline = _headline_end(doc, article)
        title_keys = frozenset(key for key, spans in mentions_of.items() if spans[0].end_char <= headline)
        holders: dict[str, list[str]] = {}
        party_people: dict[tuple[int, str], set[str]] = {}
        for fact in rule_facts:
            if fact.relation == "holdsOffice" and fact.object in entities:
                holders.setdefault(fact.subject, []).append(entities[fact.object].label)
            elif fact.relation in PARTY_TIES:
                party_people.setdefault((fact.start, fact.object), set()).add(fact.subject)
        return cls(doc, article, entities, mentions_of, sentence_entities, titles, quoted_tokens(doc), title_keys, holders,
                   party_people)


def _headline_end(doc: Doc, article: Article) -> int:
    """Where the headline ends in the text: the first line when the text starts with the title."""
    first = next(iter(doc.sents), None)
    if article.title and doc.text.lstrip().startswith(article.title.strip()[:40]):
        return doc.text.find(article.title.strip()[:40]) + len(article.title.strip())
    return first.end_char if first is not None and len(first) <= 20 else 0


# --- candidates ------------------------------------------------------------------------

def candidates(doc: Doc, mentions: list[Mention], resolution: Resolution, article: Article,
               entities: dict[str, Entity], rule_facts: list[Fact]) -> list[Candidate]:
    """The rules' facts and the generators' proposals, one candidate per (subject, relation,
    object): a rule's finding wins over a generator's for the same fact, and a person's tie
    to a party that a rule has read ("Bavaria Greens leader X": a member, not the leader) is
    not proposed again as the other tie."""
    view = _View.of(doc, mentions, resolution, article, entities, rule_facts)
    party_ties = {(f.subject, f.object) for f in rule_facts if f.relation in PARTY_TIES}
    chosen: dict[tuple[str, str, str], Candidate] = {}
    for fact, source in [(f, f.extractor) for f in rule_facts] + list(_generated(view)):
        key = _fact_key(fact)
        if source.startswith("model/") and fact.relation in PARTY_TIES and (fact.subject, fact.object) in party_ties:
            continue
        if key not in chosen or (chosen[key].source.startswith("model/") and source.startswith("rules/")):
            chosen[key] = Candidate(fact, source, view.entities.get(fact.subject), view.entities.get(fact.object))
    return [replace(c, features=features(view, c.fact, c.source)) for c in chosen.values()]


def _fact_key(fact: Fact) -> tuple[str, str, str]:
    s, o = fact.subject, fact.object
    return (o, fact.relation, s) if fact.relation == "meets" and o < s else (s, fact.relation, o)


def _generated(view: _View) -> Iterator[tuple[Fact, str]]:
    yield from _summit_participants(view)
    yield from _party_neighbours(view)
    yield from _meeting_pairs(view)


def _fact(view: _View, subject: Entity, relation: str, obj: Entity, status: str | None, sent: Span) -> Fact:
    return Fact(subject=subject.key, relation=relation, object=obj.key, status=status, confidence=0.0,
                sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char,
                valid_at=view.article.date if status in {"attended", "held", "current"} else None)


def _future(sent: Span) -> bool:
    return any(t.lower_ in {"will", "shall"} or (t.lower_ == "to" and t.head.pos_ == "VERB" and t.head.tag_ == "VB"
                                                and t.head.lemma_ in CUES["attend"]) for t in sent) \
        or any(t.lemma_ in CUES["plan"] for t in sent)


def _negated(sent: Span) -> bool:
    """Non-attendance and refusals are traps, never facts: no proposal from such a sentence."""
    return any(t.lemma_.lower() in CUES["negation"] or t.dep_ == "neg" for t in sent)


def _spoken(view: _View, span: Span) -> bool:
    return span.start in view.quoted


def _summit_participants(view: _View) -> Iterator[tuple[Fact, str]]:
    """People and countries named in a sentence that names a summit, and office holders
    anywhere in an article about one (named in the headline or more than once), outside
    sentences about another summit: they may have taken part in it."""
    summits = [e for e in view.entities.values() if e.type == "Summit" and e.key in view.mentions_of]
    if not summits:
        return
    for linked in view.sentence_entities.values():
        sent = linked[0][0].sent
        if _negated(sent):
            continue
        for summit in dict.fromkeys(e.key for s, e in linked if e.type == "Summit" and not _spoken(view, s)):
            for span, entity in linked:
                if entity.type in {"Person", "Country"} and not _spoken(view, span):
                    status = "planned" if _future(sent) else "attended"
                    yield _fact(view, entity, "attends", view.entities[summit], status, sent), "model/summit.same_sentence"
    main = max(summits, key=lambda s: len(view.mentions_of[s.key]))
    if main.key not in view.title_keys and len(view.mentions_of[main.key]) < 2:
        return
    for person in view.office_holders:
        spans = [s for s in view.mentions_of.get(person, ()) if not _spoken(view, s) and not _negated(s.sent)
                 and not _names_another_summit(view, s.sent, main.key)]
        if person in view.entities and spans:
            status = "planned" if _future(spans[0].sent) else "attended"
            yield _fact(view, view.entities[person], "attends", main, status, spans[0].sent), "model/summit.office_holder"


def _names_another_summit(view: _View, sent: Span, summit_key: str) -> bool:
    """Whether the sentence is about another summit ("they had met at the G7 summit a week
    earlier" in a report on a NATO summit): it places people there, not at this one."""
    return any(e.type == "Summit" and e.key != summit_key for _, e in view.sentence_entities.get(sent.start, ()))


def _denied_of(person: Span, party: Span) -> bool:
    """"X was never a member of the PARTY": the party sits in a negated clause said of the
    person (not in words about the person: "X, a PARTY MP, did not vote" keeps it)."""
    verb = next((t for t in person.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or not any(c.dep_ == "neg" for c in verb.children):
        return False
    inside = {t.i for t in verb.subtree} - {t.i for t in person.root.subtree}
    return party.root.i in inside


#: Verbs whose subject and party object say the subject belongs to the party.
_MEMBERSHIP_VERBS = {"join", "rejoin", "lead", "head", "chair", "found", "represent", "be", "become", "remain", "serve"}


def _acts_on(person: Span, party: Span) -> bool:
    """"X warned the Democrats", "X accused Labor of …": the person does something to the
    party, which says nothing of whose party it is."""
    verb = next((t for t in party.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.lemma_ not in _MEMBERSHIP_VERBS and person.root.head == verb \
        and person.root.dep_ in {"nsubj", "nsubjpass"} and party.root.dep_ in {"dobj", "pobj", "dative"}


def _a_source(person: Span) -> bool:
    """"According to X, members of the PARTY …": X reports; X's party is not said."""
    preposition = person.root.head
    return person.root.dep_ == "pobj" and preposition.lower_ == "to" and preposition.head.lower_ == "according"


def _party_neighbours(view: _View) -> Iterator[tuple[Fact, str]]:
    """A person and the one party named within a few words of them in a sentence, when no
    other person is nearer to that party; a party word that describes some other thing
    ("her Labour government") says nothing of them."""
    for linked in view.sentence_entities.values():
        parties = [(s, e) for s, e in linked if e.type == "PoliticalParty" and not _describes_a_thing(s)]
        people = [(s, e) for s, e in linked if e.type == "Person"]
        for person_span, person in ((s, e) for s, e in people if not _spoken(view, s)):
            near = [(s, e) for s, e in parties if _gap(person_span, s) <= 12]
            if len({e.key for _, e in near}) != 1:
                continue  # none, or a joint candidacy of several parties
            party_span, party = near[0]
            if _denied_of(person_span, party_span) or _acts_on(person_span, party_span) or _a_source(person_span):
                continue
            if any(_gap(s, party_span) < _gap(person_span, party_span) for s, e in people if e.key != person.key):
                continue  # "X swore in Y, a Republican senator": the party is Y's
            if view.party_people.get((person_span.sent.start_char, party.key), set()) - {person.key}:
                continue  # "X, leader of the PARTY, told Y": a rule read whose party it is
            leader_word = _leader_word_at(view, party_span)
            if leader_word is not None and not _names(leader_word, person_span):
                continue  # "X congratulated the new Labour leader": someone else leads it
            leads = leader_word is not None
            yield (_fact(view, person, "leaderOf" if leads else "memberOf", party, "current" if leads else None,
                         person_span.sent), "model/party.nearby")


def _leader_word_at(view: _View, party: Span) -> Token | None:
    """"Labour leader", "leader of the Greens": a leader noun right beside the party's name.
    One further off ("Conservative-led", "President X's … the Liberals") leads nothing, and
    neither does a country's title ("the Socialist Party of President X")."""
    doc = party.doc
    near = doc[max(party.start - 3, party.sent.start): min(party.end + 2, party.sent.end)]
    titles = view.titles.get(party.sent.start, [])
    return next((t for t in near if t.lemma_.lower() in CUES["leader"] and t.pos_ in {"NOUN", "PROPN"}
                 and not party.start <= t.i < party.end and not any(s.start <= t.i < s.end for s in titles)), None)


def _names(noun: Token, person: Span) -> bool:
    """Whether a role noun is said of this person: right before the name, or joined to it
    in apposition ("Labour leader X", "X, the Labour leader")."""
    root = person.root
    return 0 < person.start - noun.i <= 3 or noun.head == root or root.head == noun


def _describes_a_thing(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ in {"amod", "compound", "poss"} and head.pos_ == "NOUN" \
        and head.lemma_.lower() not in CUES["member"] | CUES["leader"]


def _meeting_pairs(view: _View) -> Iterator[tuple[Fact, str]]:
    """Two people named in a sentence that speaks of meeting or talks."""
    for linked in view.sentence_entities.values():
        sent = linked[0][0].sent
        if _negated(sent) or not any(t.lemma_.lower() in CUES["meet"] for t in sent):
            continue
        people = list({e.key: e for s, e in linked if e.type == "Person" and not _spoken(view, s)}.values())
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                yield _fact(view, a, "meets", b, "planned" if _future(sent) else "held", sent), "model/meeting.same_sentence"


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


# --- features --------------------------------------------------------------------------

def _bucket(value: int, edges: tuple[int, ...] = (0, 1, 3, 6, 10, 16)) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _spans_in(view: _View, key: str, fact: Fact) -> list[Span]:
    return [s for s in view.mentions_of.get(key, ()) if fact.start <= s.start_char < fact.end]


def _object_spans(view: _View, fact: Fact) -> list[Span]:
    spans = _spans_in(view, fact.object, fact)
    if spans or view.entities.get(fact.object) is None or view.entities[fact.object].type != "Office":
        return spans
    return [t for sent_titles in view.titles.values() for t in sent_titles if fact.start <= t.start_char < fact.end]


def features(view: _View, fact: Fact, source: str) -> dict[str, float]:
    """What the model reads about one candidate; every name starts with the relation, so
    one weight vector serves all relations without mixing their evidence."""
    r = fact.relation
    subject, obj = view.entities.get(fact.subject), view.entities.get(fact.object)
    out = {r: 1.0, f"{r}|src={source}": 1.0, f"{r}|status={fact.status}": 1.0,
           f"{r}|subj={subject.type if subject else None}": 1.0, f"{r}|obj={obj.type if obj else None}": 1.0}
    subject_spans, object_spans = _spans_in(view, fact.subject, fact), _object_spans(view, fact)
    mentions = len(view.mentions_of.get(fact.subject, ()))
    out[f"{r}|subj_mentions{_bucket(mentions, (1, 2, 4))}"] = 1.0
    if fact.subject in view.title_keys:
        out[f"{r}|subj_in_headline"] = 1.0
    if fact.object in view.title_keys:
        out[f"{r}|obj_in_headline"] = 1.0
    if fact.subject in view.office_holders:
        out[f"{r}|subj_holds_office"] = 1.0
        heads = [o for o in view.office_holders[fact.subject] if o.split(" of ")[0] in CUES["head_titles"]]
        if heads:
            out[f"{r}|subj_head"] = 1.0
    if subject_spans and all(s.start in view.quoted for s in subject_spans):
        out[f"{r}|subj_quoted"] = 1.0
    if subject_spans and object_spans:
        a, b = min(((x, y) for x in subject_spans for y in object_spans), key=lambda p: _gap(*p))
        gap = _gap(a, b)
        out[f"{r}|gap{_bucket(gap)}"] = 1.0
        out[f"{r}|order={'so' if a.start < b.start else 'os'}"] = 1.0
        if gap <= 10:
            between = a.doc[min(a.end, b.end): max(a.start, b.start)]
            for token in between:
                if token.is_alpha:
                    out[f"{r}|btw={token.lemma_.lower()}"] = 1.0
                elif token.text in {",", "(", ")", ":"}:
                    out[f"{r}|btw={token.text}"] = 1.0
        out[f"{r}|dep={a.root.dep_}>{b.root.dep_}"] = 1.0
        if a.root.head.i == b.root.i or b.root.head.i == a.root.i:
            out[f"{r}|linked"] = 1.0
        elif a.root.head.i == b.root.head.i:
            out[f"{r}|siblings"] = 1.0
    else:
        out[f"{r}|apart"] = 1.0
    sent_tokens = view.doc.char_span(fact.start, fact.end, alignment_mode="expand") or ()
    for cue, lemmas in CUES.items():
        if cue != "head_titles" and any(t.lemma_.lower() in lemmas for t in sent_tokens):
            out[f"{r}|cue={cue}"] = 1.0
    roots = [t for t in sent_tokens if t.dep_ == "ROOT"]
    if roots:
        out[f"{r}|root={roots[0].lemma_.lower()}"] = 1.0
    people = {e.key for start in {t.sent.start for t in sent_tokens[:1]}
              for _, e in view.sentence_entities.get(start, ()) if e.type == "Person"}
    out[f"{r}|people{_bucket(len(people), (1, 2, 4))}"] = 1.0
    if sent_tokens and sent_tokens[0].i < 40:
        out[f"{r}|lead_paragraph"] = 1.0
    return out


# --- the model -------------------------------------------------------------------------

@dataclass(frozen=True)
class RelationModel:
    """Logistic weights over candidate features, and two cut-offs: the probability a
    proposed fact must reach to be kept, and the one below which a rule's fact is dropped."""

    weights: dict[str, float]
    bias: float
    threshold: float
    veto: float
    name: str = "relations"
    thresholds: dict[str, float] = field(default_factory=dict)  # per relation, where it differs from `threshold`

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "RelationModel":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]), float(data["veto"]),
                       data.get("name", "relations"), {r: float(t) for r, t in data.get("thresholds", {}).items()})
        except (OSError, ValueError, KeyError) as error:
            raise ValueError(f"{path}: not a relation model ({error}); rebuild it with: make train") from error

    def probability(self, feats: dict[str, float]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def keeps(self, candidate: Candidate, probability: float) -> bool:
        if stated_by_rules(candidate.source):
            return probability >= self.veto
        return probability >= self.thresholds.get(candidate.fact.relation, self.threshold)

    def decide(self, found: Iterable[Candidate]) -> list[Fact]:
        """The candidates the model keeps (and every fact of a relation it does not score).
        A kept proposal takes the model's probability as its confidence; a kept rule's fact
        keeps its own, since the rule's confidence is what users have learned to read."""
        kept = []
        for candidate in found:
            fact = candidate.fact
            if fact.relation not in SCORED:
                if stated_by_rules(candidate.source):
                    kept.append(fact)
                continue
            p = self.probability(candidate.features)
            if not self.keeps(candidate, p):
                continue
            if stated_by_rules(candidate.source):
                kept.append(fact)
            else:
                kept.append(replace(fact, confidence=round(p, 3), extractor=f"model/{self.name}:{candidate.source.split('/', 1)[1]}"))
        return kept
