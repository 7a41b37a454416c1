"""Meetings between people: "X met (with) Y", "X and Y met", "X will host Y", "X was
greeted by Y", "talks with Y", "a meeting between X and Y", "X and Y held talks", "X discussed trade with Y", "X visited Y",
"a joint press conference with Y", "X shook hands with Y".
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.facts.article import (
    ArticleState,
    add_fact,
    is_future,
    last_people,
    names_a_pair,
    negated,
    people_and_countries,
    subjects_of,
)
from graph.extract.rules import CUES, RULES
from graph.model import Entity


MEET_NOUNS = {"talks", "meeting", "summit", "meetings", "summits", "discussions", "negotiations", "dinner", "lunch",
              "breakfast", "banquet", "audience"}
DONE_VERBS = {"manage", "go", "get", "succeed", "proceed", "continue"}
#: Verbs whose subjects take part in the talks they hold: "X and Y held (or began) talks".
HOLD_VERBS = {"hold", "have", "begin", "start", "open", "conclude", "resume", "continue"}


def read_meetings(state: ArticleState, sent: Span) -> None:
    """Meetings the sentence states with a verb ("met", "will host") or a noun ("talks with")."""
    for token in sent:
        if token.lemma_ in {"meet", "host", "receive", "greet", "welcome", "visit"} and token.pos_ == "VERB":
            _meet_verb(state, token, sent)
        elif (token.lemma_ in CUES["talk"] or _face_to_face(token)) and token.pos_ == "VERB":
            _talk_verb(state, token, sent)
        elif (token.lower_ in MEET_NOUNS or _joint_appearance(token)) and token.pos_ == "NOUN":
            _meet_noun(state, token, sent)


def _meet_verb(state: ArticleState, verb: Token, sent: Span) -> None:
    """"X met (with) Y", "X and Y met", "X will meet Y", "X met his counterpart, Y", and
    "X will host (or received) Y" for a visiting leader."""
    if negated(verb):
        return
    subject_tokens = subjects_of(verb)
    subjects = [e for s in subject_tokens for e in people_and_countries(state, s, frozenset({"Person"}))]
    pair = next((s for s in subject_tokens if names_a_pair(s)), None)
    if not subjects and pair is not None:
        subjects = last_people(state, pair.i, 2)  # "the two agreed to meet"
    direct = [c for c in verb.children if c.dep_ == "dobj"]
    direct += [a for c in direct for a in c.children if a.dep_ == "appos"]  # "his counterpart, Y"
    if verb.lemma_ != "meet":  # one hosts a person or an event: only a person named as the object counts
        direct = [c for c in direct if state.entity_at(c, {"Person"}) is not None]
    direct += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]  # "X was met by Y"
    objects = [e for c in direct for e in people_and_countries(state, c, frozenset({"Person"}))]
    if verb.lemma_ == "meet":
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
            objects += [e for p in prep.children if p.dep_ == "pobj"
                        for e in people_and_countries(state, p, frozenset({"Person"}))]
    pairs = [(s, o) for s in subjects for o in objects]
    if not pairs and verb.lemma_ == "meet":  # "X and Y met"; co-hosts of a summit did not meet for that
        pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    status = "planned" if is_future(verb) or verb.tag_ in {"VB", "VBP", "VBZ"} and not _done_through(verb) else "held"
    for a, b in pairs:
        add_fact(state, a, "meets", b, status, RULES["meeting.meet_verb"], sent, verb)


def _talk_verb(state: ArticleState, verb: Token, sent: Span) -> None:
    """"X discussed the border with Y", "X spoke with (or to) Y": talking face to face. A
    call, a letter or a video link is no meeting."""
    if negated(verb) or any(t.lemma_.lower() in CUES["remote"] for t in sent):
        return
    partners = {"with", "to"} if verb.lemma_ in {"speak", "talk"} else {"with"}
    # the parser often hangs "with Y" on the object: "discussed the border with Y"
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in _noun_phrase(c)]
    preps = [c for t in [verb, *objects] for c in t.children if c.dep_ == "prep" and c.lower_ in partners]
    others = [e for c in preps for p in c.children if p.dep_ == "pobj"
              for e in people_and_countries(state, p, frozenset({"Person"}))]
    subjects = [e for s in subjects_of(verb) for e in people_and_countries(state, s, frozenset({"Person"}))]
    status = "planned" if is_future(verb) or verb.tag_ in {"VB", "VBP", "VBZ"} and not _done_through(verb) else "held"
    for a in subjects:
        for b in others:
            add_fact(state, a, "meets", b, status, RULES["meeting.talk_verb"], sent, verb)


def _face_to_face(verb: Token) -> bool:
    """"X shook hands with Y", "X sat down with Y": only people in one room do that."""
    return verb.lemma_ == "shake" and any(c.dep_ == "dobj" and c.lower_ == "hands" for c in verb.children) \
        or verb.lemma_ == "sit" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)


def _noun_phrase(head: Token) -> list[Token]:
    """The noun phrase under `head`, without the clauses inside it ("the deal signed with
    Y" stops before "signed")."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.pos_ not in {"VERB", "AUX"})
    return out


def _done_through(verb: Token) -> bool:
    """"managed to meet", "went on to meet": a past verb that says the infinitive happened."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.tag_ in {"VBD", "VBN"} and head.lemma_ in DONE_VERBS


def _joint_appearance(noun: Token) -> bool:
    """"a joint press conference with Y": two leaders side by side, which a joint news
    conference or statement to the press only is when they share the room."""
    return noun.lower_ == "conference" and any(t.lower_ == "joint" for t in noun.lefts)


def _meet_noun(state: ArticleState, noun: Token, sent: Span) -> None:
    """"held talks with Y", "a meeting between X and Y", "a summit with Y", "attended a
    meeting in Paris with Y" (where the parser hangs "with Y" on the verb)."""
    others: list[Entity] = []
    between = False
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}]
    if not preps and noun.dep_ == "dobj":
        preps = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "with"]
    for prep in preps:
        between = between or prep.lower_ == "between"
        objects = [p for p in prep.children if p.dep_ == "pobj"]
        objects += [a for p in objects for a in p.children if a.dep_ == "appos"]  # "with his counterpart, Y"
        others += [e for p in objects for e in people_and_countries(state, p, frozenset({"Person"}))]
    verb = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"} else noun
    if not others and noun.dep_ == "dobj" and noun.lower_ in MEET_NOUNS:  # "X and Y held talks"
        between = True
        others = [e for s in subjects_of(verb) for e in people_and_countries(state, s, frozenset({"Person"}))]
        if len(others) < 2 or verb.lemma_ not in HOLD_VERBS:
            return
    if not others:
        return
    for _ in range(4):  # "collapsed during a dinner with X", "is on a visit for talks with X"
        if verb.pos_ in {"VERB", "AUX"} or verb.dep_ not in {"prep", "pobj"}:
            break
        verb = verb.head
    if negated(verb):
        return
    status = "planned" if is_future(verb) or verb.tag_ in {"VB", "VBP", "VBZ"} and verb.lemma_ != "be" else "held"
    if between:
        pairs = [(a, b) for i, a in enumerate(others) for b in others[i + 1:]]
    else:
        subjects = [e for s in subjects_of(verb) for e in people_and_countries(state, s, frozenset({"Person"}))] if verb.pos_ in {"VERB", "AUX"} else []
        pairs = [(s, o) for s in subjects for o in others]
    for a, b in pairs:
        add_fact(state, a, "meets", b, status, RULES["meeting.meet_noun"], sent, noun)
