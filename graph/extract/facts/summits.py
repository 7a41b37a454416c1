"""Summits: who attends ("X will attend the summit", lists of participants), who is
invited, who hosts, and the organisation behind a series summit ("NATO summit" → NATO).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.entities import series_summit_label
from graph.extract.facts.article import (
    HEDGE_AUX,
    PRONOUNS,
    ArticleState,
    add_fact,
    antecedent_of,
    end_of_mention,
    entity_for_key,
    is_future,
    last_entity_before,
    last_people,
    names_a_pair,
    negated,
    people_and_countries,
    sentences_back,
    subjects_of,
    verb_chain,
)
from graph.extract.gazetteer import Known
from graph.extract.rules import CUES, RULES
from graph.model import Entity, entity_key


ATTEND_VERBS = {"attend", "join", "rejoin", "participate", "travel", "fly", "head", "arrive", "go", "come", "gather", "convene", "meet",
                "return"}
#: Verbs whose object, when it is the summit, puts their subject there: "X opened the summit".
RUN_VERBS = {"open", "close", "inaugurate", "address", "chair", "preside"}
CONSIDER_WORDS = {"consider", "weigh", "mull", "ponder", "contemplate", "undecided", "explore", "eye"}


def _modality(verb: Token) -> str:
    chain = verb_chain(verb)
    if any(v.lemma_ in CONSIDER_WORDS or any(c.lower_ in HEDGE_AUX for c in v.children) for v in chain):
        return "considering"
    if is_future(verb) or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "planned"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in verb.children):
        return "attended"
    if verb.tag_ in {"VB", "VBP", "VBZ"}:
        return "planned"
    return "attended"


def _summits_in(state: ArticleState, sent: Span) -> list[tuple[Span, Entity]]:
    out = []
    for index, span in state.in_sentence(sent, {"SUMMIT", "SUMMIT_REF"}):
        entity = state.resolution.entity_at(state.mentions, index)
        if entity is not None:
            out.append((span, entity))
    return out


def _summit_for_verb(state: ArticleState, verb: Token, sent: Span) -> Entity | None:
    """The summit a verb is about: in its object, in the relative clause's antecedent
    ("the summit, which Okafor is considering attending"), or the sentence's only summit."""
    summits = _summits_in(state, sent)
    if not summits:
        return None
    subtree = {t.i for t in verb.subtree}
    for span, entity in summits:
        if span.root.i in subtree and span.root.i != verb.i:
            return entity
    for ancestor in verb.ancestors:
        if ancestor.dep_ == "relcl" or verb.dep_ == "relcl":
            antecedent = ancestor.head if ancestor.dep_ == "relcl" else verb.head
            for span, entity in summits:
                if span.start <= antecedent.i < span.end:
                    return entity
    if verb.dep_ == "relcl":
        for span, entity in summits:
            if span.start <= verb.head.i < span.end:
                return entity
    distinct = {entity.key: entity for _, entity in summits}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def read_attendance(state: ArticleState, sent: Span) -> None:
    """"X will attend the summit", "X and Y took part in it", "X opened the summit": each
    subject of an attendance verb attends the summit it is about, with the verb's modality
    as status."""
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in ATTEND_VERBS | RUN_VERBS | {"take"}:
            continue
        if verb.lemma_ in RUN_VERBS and not _runs_summit(state, verb):
            continue
        if verb.lemma_ == "take" and not any(c.lower_ == "part" for c in verb.children):
            continue
        if verb.lemma_ == "meet" and any(state.entity_at(c, {"Person"}) for c in verb.subtree if c.dep_ in {"dobj", "pobj"}):
            continue
        if negated(verb):
            continue
        summit = _summit_for_verb(state, verb, sent) or _summit_without_object(state, verb)
        if summit is None:
            continue
        if verb.lemma_ not in {"attend", "participate", "take", "join"} and not _summit_in_subtree(state, verb, summit, sent):
            continue
        subjects = [e for s in subjects_of(verb) + _as_did(verb) + _companions(verb) for e in people_and_countries(state, s)]
        status = _modality(verb)
        for subject in subjects:
            add_fact(state, subject, "attends", summit, status, RULES["summit.attend_verb"], sent, verb)
        for guest in (e for a in _agents(verb) for e in people_and_countries(state, a)):
            add_fact(state, guest, "attends", summit, status, RULES["summit.attended_by"], sent, verb)
        for country in _represented(state, verb):
            add_fact(state, country, "attends", summit, status, RULES["summit.attend_verb"], sent, verb)


def _companions(verb: Token) -> list[Token]:
    """"X took part in the summit with A and B": who takes part with the subject, named
    after "with" (not "together with" a text or a plan: only people and countries count)."""
    if verb.lemma_ not in {"attend", "participate", "take", "join"}:
        return []
    return [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"
            for t in _listed(g)]


def _represented(state: ArticleState, verb: Token) -> list[Entity]:
    """"Foreign ministers attended for A, B and C": the countries someone attends for."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # ("attended the summit for A")
    return [e for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children if g.dep_ == "pobj" for e in people_and_countries(state, g, frozenset({"Country"}))]


def _runs_summit(state: ArticleState, verb: Token) -> bool:
    """Whether the summit is what the verb opens, chairs or presides over, actively or
    passively ("X opened the summit", "the summit was opened by X")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "over" for g in c.children if g.dep_ == "pobj"]
    return any(state.entity_at(o, {"Summit"}) for o in objects)


def _agents(verb: Token) -> list[Token]:
    """Who a passive "attend" names: "the summit, attended by X and Y", "was attended by X",
    "the summit was opened by X"."""
    if verb.lemma_ not in {"attend", "join"} | RUN_VERBS:
        return []
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


#: Prepositions that place an act at a summit: "said at the summit", "during the summit".
PRESENT_AT = {"at", "during"}
#: Nouns whose "of" names the summit the act took place at: "on the sidelines of the summit".
PART_OF_SUMMIT = {"sideline", "sidelines", "margin", "margins", "opening", "close", "closing", "start", "end", "eve",
                  "occasion"}
#: Acts and events a summit participant takes part in: "talks with X at the summit".
SUMMIT_ACT_NOUNS = {"talk", "talks", "meeting", "speech", "address", "remark", "remarks", "statement", "comment",
                    "comments", "incident", "exchange", "dispute", "clash", "row", "session", "appearance", "conference",
                    "discussion", "discussions", "handshake", "news"}
#: Verbs of being somewhere for a summit: "X is in Hanoi for the summit", "arrived for".
THERE_FOR = {"be", "arrive", "stay", "travel", "go", "come", "fly", "head", "remain", "gather", "meet", "visit"}
#: Acts done face to face: at a summit, their object was there too ("X told Y at the summit").
FACE_TO_FACE = {"meet", "greet", "receive", "host", "welcome", "tell", "interrupt", "confront", "embrace", "thank",
                "accompany", "join", "brief", "rebuke", "hug"}


def read_presence(state: ArticleState, sent: Span) -> None:
    """Someone who acts at or during a summit took part in it: "X said at the summit",
    "X met Y on the sidelines of the summit", "talks between X and Y during the summit",
    "X is in Hanoi for the summit", "in attendance at the summit was X". The act's subject
    and the people it was with attend; what others decided at a summit ("the deal reached
    at the summit") names nobody."""
    for span, summit in _summits_in(state, sent):
        preposition = _placing_preposition(span.root)
        if preposition is None:
            continue
        head = preposition.head
        there_for = _while_in_a_place_for(preposition)
        if there_for:
            head = next((a for a in preposition.ancestors if a.pos_ in {"VERB", "AUX"}), head)
        verb = head if head.pos_ in {"VERB", "AUX"} else _in_attendance(head)
        if verb is None and head.lemma_.lower() in SUMMIT_ACT_NOUNS:
            verb = head.head if head.head.pos_ in {"VERB", "AUX"} and head.dep_ in {"dobj", "nsubj", "nsubjpass"} else None
            participants = [g for c in head.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                            for g in c.children if g.dep_ == "pobj"]
        else:
            participants = []
        if verb is None or negated(verb) or preposition.lower_ == "for" and verb.lemma_ not in THERE_FOR and not there_for:
            continue
        if verb.dep_ in {"acl", "relcl"} and not any(c.dep_.startswith("nsubj") for c in verb.children):
            continue  # "the deal reached at the summit"
        acts = [verb] + [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SUMMIT_ACT_NOUNS]
        participants += subjects_of(verb) + [g for act in acts for c in act.children  # "held a meeting with X"
                                            if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                                            for g in c.children if g.dep_ == "pobj"]
        participants += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]  # "was announced by X at"
        if verb.lemma_ in FACE_TO_FACE:
            participants += [c for c in verb.children if c.dep_ == "dobj"]
        if verb.lemma_ == "be" and head.dep_ == "pobj" and head.head.lower_ in {"in", "among"}:
            # "in attendance at the summit was X", "among the leaders at the summit were X and Y"
            participants += [c for c in verb.children if c.dep_ == "attr"]
        status = "attended" if verb.lemma_ == "be" and verb.tag_ in {"VBZ", "VBP"} else _modality(verb)  # "is in Hanoi for"
        pairs = [p for token in participants if names_a_pair(token) for p in last_people(state, token.i, 2)]
        for entity in dict.fromkeys([*(e for token in participants for e in people_and_countries(state, token)), *pairs]):
            add_fact(state, entity, "attends", summit, status, RULES["summit.present_at"], sent, verb)
    read_speeches_to(state, sent)  # speaking to the summit, not at it: a rule of its own
    read_summits_between(state, sent)


def read_summits_between(state: ArticleState, sent: Span) -> None:
    """The sides a summit is between take part in it: "the inter-Korean summit between X
    and Y", "the third summit between the pair", "X will hold the summit with Y"
    (X too). The status is that of the verb the summit hangs on."""
    for span, summit in _summits_in(state, sent):
        root = span.root
        sides = [g for p in root.children if p.dep_ == "prep" and p.lower_ in {"between", "with"} for g in p.children
                 if g.dep_ == "pobj"]
        if not sides:
            continue
        verb = next((a for a in root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is not None and (negated(verb) or verb.i in state.in_quote):
            continue
        if verb is not None and root.dep_ == "dobj" and any(p.lower_ == "with" for p in root.children):
            sides += subjects_of(verb)  # "X will hold the summit with Y"
        status = _modality(verb) if verb is not None else "attended"
        pairs = [p for token in sides if names_a_pair(token) for p in last_people(state, token.i, 2)]
        for entity in dict.fromkeys([*(e for token in sides for e in people_and_countries(state, token)), *pairs]):
            add_fact(state, entity, "attends", summit, status, RULES["summit.between"], sent, verb or root)


#: Verbs whose object is an audience: "X told the summit that …", "X urged the summit to act".
AUDIENCE_VERBS = {"tell", "brief", "urge", "warn", "assure", "remind", "implore", "lecture"}
#: What a speaker gives to a summit: "in her speech to the summit", "his address to the summit".
SPEECH_NOUNS = {"speech", "address", "remarks", "statement", "presentation", "keynote", "lecture"}


def read_speeches_to(state: ArticleState, sent: Span) -> None:
    """Whoever speaks to a summit is there: "X told the summit that …", "X, in her speech
    to the summit, called for …", "X gave an address to the summit". A message or letter
    to a summit is sent from afar, so it places nobody."""
    for span, summit in _summits_in(state, sent):
        root = span.root
        if root.dep_ == "dobj" and root.head.lemma_ in AUDIENCE_VERBS:
            verb, speakers = root.head, subjects_of(root.head)
        elif root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() in SPEECH_NOUNS:
            verb, speakers = _speaker_of(root.head.head)
        elif root.dep_ == "pobj" and root.head.lower_ == "to" and _gives_a_speech(root.head.head):
            verb, speakers = root.head.head, subjects_of(root.head.head)  # "X gave a speech to the summit"
        else:
            continue
        if verb is None or negated(verb) or verb.i in state.in_quote:
            continue
        status = "attended" if verb.pos_ not in {"VERB", "AUX"} else _modality(verb)
        for entity in (e for token in speakers for e in _people_or_antecedent(state, token)):
            add_fact(state, entity, "attends", summit, status, RULES["summit.speech_to"], sent, verb)


def _gives_a_speech(verb: Token) -> bool:
    """"gave a speech", "delivered an address": a verb whose object is a speech."""
    return verb.pos_ in {"VERB", "AUX"} and any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in verb.children)


def _speaker_of(speech: Token) -> tuple[Token | None, list[Token]]:
    """The verb a speech hangs on and who gave it: its owner ("her speech", "Lind's
    address"), the subject of "gave/delivered a speech", or the name "in her speech" sits
    beside ("X, in her speech to the summit, said")."""
    owners = [c for c in speech.children if c.dep_ == "poss"]
    head = speech.head
    if speech.dep_ == "dobj" and head.pos_ in {"VERB", "AUX"}:
        return head, owners or subjects_of(head)
    if speech.dep_ == "pobj" and head.lower_ in {"in", "during"}:
        holder = head.head
        if holder.pos_ in {"VERB", "AUX"}:
            return holder, owners or subjects_of(holder)
        if holder.pos_ == "PROPN" and holder.dep_.startswith("nsubj"):
            return holder.head, [holder]
    return (head, owners) if owners else (None, [])


def _people_or_antecedent(state: ArticleState, token: Token) -> list[Entity]:
    """The people a speaker token names, or, for "her" or "his", the person it stands for."""
    if token.lower_ in PRONOUNS:
        person = antecedent_of(state, token)
        return [person] if person is not None else []
    return people_and_countries(state, token)


def _while_in_a_place_for(preposition: Token) -> bool:
    """"X said while in Libya for the summit", "X, in Libya for the summit, said": the "for"
    of being somewhere for a summit."""
    doc, index = preposition.doc, preposition.i - 1
    while index > 0 and doc[index].pos_ == "PROPN":
        index -= 1
    return preposition.lower_ == "for" and index < preposition.i - 1 and doc[index].lower_ == "in" \
        and doc[index - 1].lower_ in {"while", "whilst", "when", ","}


def _in_attendance(noun: Token) -> Token | None:
    """The verb of "X was in attendance at the summit", "X was among the leaders at the
    summit" (and their inverted forms)."""
    if noun.dep_ != "pobj" or noun.head.head.pos_ not in {"VERB", "AUX"}:
        return None
    if noun.lower_ == "attendance" and noun.head.lower_ == "in" \
            or noun.lemma_.lower() in _PARTICIPANT_NOUNS and noun.head.lower_ == "among" and noun.head.head.lemma_ == "be":
        return noun.head.head
    return None


#: Who a summit gathers: "among the leaders (guests, delegates) at the summit".
_PARTICIPANT_NOUNS = {"leader", "participant", "delegate", "guest", "attendee", "dignitary", "head", "those",
                      "president", "minister", "speaker"}


def _placing_preposition(summit: Token) -> Token | None:
    """The "at", "during" or "for" that places something at this summit, through "on the
    sidelines of" and the like."""
    if summit.dep_ != "pobj":
        return None
    preposition = summit.head
    if preposition.lower_ == "of" and preposition.head.lower_ in PART_OF_SUMMIT and preposition.head.dep_ == "pobj":
        preposition = preposition.head.head
        return preposition if preposition.lower_ in PRESENT_AT | {"on"} else None
    return preposition if preposition.lower_ in PRESENT_AT | {"for"} else None


def _summit_without_object(state: ArticleState, verb: Token) -> Entity | None:
    """"X attended, as did Y", "Y, who was invited as a guest": with no object of their own,
    "attend" and "invite" are about the summit named last, in this sentence or the three
    before."""
    if verb.lemma_ not in {"attend", "participate", "invite"} \
            or any(c.dep_ in {"dobj", "xcomp"} or c.dep_ == "prep" and c.lower_ not in {"as", "for"} for c in verb.children):
        return None
    return last_entity_before(state, verb.i, {"Summit"}, since=sentences_back(verb, 3))


def _as_did(verb: Token) -> list[Token]:
    """The subject of "…, as did Y" after a verb: Y did the same."""
    return [s for c in verb.children if c.dep_ == "advcl" and c.lemma_ == "do" and any(m.lower_ == "as" for m in c.children)
            for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]


PARTICIPANT_NOUNS = {"country", "nation", "state", "leader", "participant", "member", "delegation", "government", "head", "attendee"}


def read_participant_list(state: ArticleState, sent: Span) -> None:
    """"The countries expected at next week's talks are: A, B, C ...", "Among those
    attending were A and B", "The leaders present at the summit were: A, B": every country
    or person listed after the colon (or the copula), continuing into following sentences
    that only list countries, attends the summit in view. Lists in apposition to the
    summit have a rule of their own."""
    read_apposed_participants(state, sent)
    verb = next((t for t in sent if (t.lemma_ in {"attend", "meet", "participate", "join"} and _about_participants(t)
                                     or _present_at_summit(state, t)) and not negated(t)), None)
    if verb is None:
        return
    marker = next((t for t in sent if t.i > verb.i and (t.text == ":" or t.lemma_ in {"be", "include"} and t.dep_ in {"ROOT", "conj"})), None)
    if marker is None:
        return
    summit = _summit_for_verb(state, verb, sent) or _summit_before(state, sent.start)
    if summit is None:
        return
    status = _being_status(verb) if verb.lower_ == "present" else _modality(verb)
    listed = _countries_after(state, sent, marker.i, frozenset({"Country", "Person"}))
    following = sent.end
    while following < len(state.doc):
        nxt = state.doc[following].sent
        countries = _countries_after(state, nxt, nxt.start)
        if len(countries) < 3 or any(t.pos_ == "VERB" for t in nxt):
            break
        listed += countries
        following = nxt.end
    if len(listed) >= 2:
        for country in listed:
            add_fact(state, country, "attends", summit, status, RULES["summit.participant_list"], sent, verb)


def _present_at_summit(state: ArticleState, token: Token) -> bool:
    """"present at the summit" (or "in attendance at it") said of the list that follows:
    "The following leaders were present at the summit: …", "Present at the summit were …";
    or "those present", in an article that reports on a summit: "Those present included …"."""
    if token.lower_ != "present":
        return False
    if (token.head.lower_ == "those" or any(c.lower_ == "those" for c in token.children)) \
            and _reported_summit(state) is not None:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "at" and any(state.entity_at(g, {"Summit"}) for g in c.children)
               for c in token.children)


def _being_status(adjective: Token) -> str:
    """"were present" took place; "will be present" is planned; "are present" is now."""
    copula = adjective.head if adjective.head.lemma_ == "be" else next((c for c in adjective.children if c.lemma_ == "be"), None)
    return "planned" if copula is not None and is_future(copula) else "attended"


#: Nouns that, in apposition to a summit, say who it gathers: "the summit, a gathering of …".
GATHERING_NOUNS = {"gathering", "meeting", "summit", "forum", "conference", "assembly", "get-together", "reunion"}


def read_apposed_participants(state: ArticleState, sent: Span) -> None:
    """"The G8 summit, a gathering of the leaders of A, B and C, began …": a list in
    apposition to the summit names who attends it (also "a meeting of A and B")."""
    for span, summit in _summits_in(state, sent):
        for noun in (c for c in span.root.children if c.dep_ == "appos" and c.lemma_.lower() in GATHERING_NOUNS):
            members = [g for p in noun.children if p.dep_ == "prep" and p.lower_ in {"of", "between"} for g in p.children
                       if g.dep_ == "pobj"]
            verb = span.root.head if span.root.head.pos_ in {"VERB", "AUX"} else None
            status = _modality(verb) if verb is not None and span.root.dep_.startswith("nsubj") else "attended"
            for entity in (e for g in members for e in people_and_countries(state, g)):
                add_fact(state, entity, "attends", summit, status, RULES["summit.participant_apposition"], sent, noun)


def read_participants_included(state: ArticleState, sent: Span) -> None:
    """"Leaders at the summit, including A and B, agreed …": A and B attended it."""
    for noun in sent:
        if noun.lemma_ not in PARTICIPANT_NOUNS or noun.pos_ != "NOUN":
            continue
        at = [g for p in noun.children if p.dep_ == "prep" and p.lower_ in {"at", "attending"} for g in p.children
              if g.dep_ == "pobj"]
        summit = next((e for g in at if (e := state.entity_at(g, {"Summit"})) is not None), None)
        if summit is None:
            continue
        included = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "including" for g in p.children
                    if g.dep_ == "pobj"]
        for entity in (e for g in included for e in people_and_countries(state, g)):
            add_fact(state, entity, "attends", summit, "attended", RULES["summit.participants_included"], sent, noun)


#: Verbs by which a gathering names who it brings: "the meeting will include A and B",
#: "the summit brings together A and B".
_GATHERING_VERBS = {"include", "feature", "bring"}


def read_gathering_guests(state: ArticleState, sent: Span) -> None:
    """"The meeting will include A, B and C", "The summit brought together A and B": the
    people and countries a summit includes take part in it. "The meeting" (or "the talks")
    is the summit named in this sentence or the three before."""
    for verb in sent:
        if verb.lemma_ not in _GATHERING_VERBS or verb.pos_ != "VERB" or negated(verb) \
                or verb.lemma_ == "bring" and not any(c.lower_ == "together" for c in verb.children):
            continue
        summit = next((_gathering(state, c) for c in verb.children if c.dep_ == "nsubj"), None)
        if summit is None:
            continue
        for guest in (e for c in verb.children if c.dep_ == "dobj" for t in _listed(c) for e in people_and_countries(state, t)):
            add_fact(state, guest, "attends", summit, _modality(verb), RULES["summit.gathering_guests"], sent, verb)


def _listed(token: Token) -> list[Token]:
    """A token and those listed beside it, which the parser often hangs on it as
    appositions ("A, Chile's B and C")."""
    return [token, *(t for c in token.children if c.dep_ in {"conj", "appos"} for t in _listed(c))]


def _gathering(state: ArticleState, subject: Token) -> Entity | None:
    """The summit a subject is: a summit's name, or "the meeting" after one."""
    summit = state.entity_at(subject, {"Summit"})
    if summit is not None or subject.lemma_.lower() not in GATHERING_NOUNS | {"talk", "talks"} \
            or not any(c.lower_ in {"the", "this"} for c in subject.children):
        return summit
    return last_entity_before(state, subject.i, {"Summit"}, since=sentences_back(subject, 3))


def _about_participants(verb: Token) -> bool:
    """The verb describes a group of participants: "the countries (scheduled) to meet",
    "leaders attending", "those attending", "Attending are ..."."""
    for v in verb_chain(verb):
        if v.dep_ in {"acl", "relcl"} and (v.head.lemma_ in PARTICIPANT_NOUNS or v.head.lower_ == "those") or v.dep_ == "csubj":
            return True
        if any(c.lemma_ in PARTICIPANT_NOUNS for c in v.children if c.dep_.startswith("nsubj")):
            return True
    return False


def _names_a_titles_country(state: ArticleState, token: Token) -> bool:
    """"U.S." in "U.S. President X": the country only says whose president X is."""
    after = end_of_mention(state, token.i)
    while after < len(state.doc) and state.doc[after].text in {"'s", "’s"}:
        after += 1
    return after < len(state.doc) and state.mention_at(state.doc[after], {"TITLE"}) is not None


def _countries_after(state: ArticleState, sent: Span, start: int, types: frozenset = frozenset({"Country"})) -> list[Entity]:
    """The countries (or people) listed after token `start`, up to the next verb."""
    seen: dict[str, Entity] = {}
    for token in sent:
        if token.i > start and token.pos_ in {"VERB", "AUX"}:
            break
        if token.i > start and not _names_a_titles_country(state, token):
            entity = state.entity_at(token, set(types))
            if entity is not None:
                seen.setdefault(entity.key, entity)
    return list(seen.values())


def _summit_before(state: ArticleState, position: int) -> Entity | None:
    """The summit mentioned last before this token: what "the meeting" is about."""
    return last_entity_before(state, position, {"Summit"})


def _summit_in_subtree(state, verb: Token, summit: Entity, sent: Span) -> bool:
    subtree = {t.i for t in verb.subtree}
    return any(entity.key == summit.key and span.root.i in subtree for span, entity in _summits_in(state, sent))


def read_invitations(state: ArticleState, sent: Span) -> None:
    """"X was invited to the summit", "Canada has invited X": X is invited to it."""
    for verb in sent:
        if verb.lemma_ != "invite" or negated(verb):
            continue
        summit = _summit_for_verb(state, verb, sent) or _summit_without_object(state, verb)
        if summit is None:
            continue
        guests = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
        if verb.dep_ == "relcl":  # "X, who was invited as a guest,": "who" stands for X
            guests = [verb.head if c.lower_ in {"who", "that"} and c.dep_ == "nsubjpass" else c for c in guests]
        if verb.dep_ == "acl":  # "leaders invited to the summit"
            guests.append(verb.head)
        for guest in guests:
            for entity in people_and_countries(state, guest):
                add_fact(state, entity, "invitedTo", summit, None, RULES["summit.invite_verb"], sent, verb)


def read_hosting(state: ArticleState, sent: Span) -> None:
    """"hosted by Canada", "Canada will host the summit", "Canada is the host of the
    summit", "host country Canada", "Prime Minister X will host the summit", "X welcomed
    leaders to the summit" (X's country), "organised (sponsored, convened) by the UN"."""
    for verb in sent:
        if verb.lemma_ not in {"host", "welcome"} | _ORGANISING_VERBS or verb.pos_ not in {"VERB", "NOUN"} or negated(verb):
            continue
        passive = any(c.dep_ == "agent" for c in verb.children)
        if verb.lemma_ == "convene" and not passive:
            continue  # "leaders convened for the summit" attend it; "convened by the UN": the UN organised it
        summit = _summit_for_verb(state, verb, sent)
        if summit is None or verb.lemma_ == "welcome" and not _welcomed_to(state, verb, summit):
            continue
        hosts: list[Token] = []
        if verb.lemma_ == "welcome":
            hosts = [c for c in verb.children if c.dep_ == "nsubj"]
        elif verb.dep_ == "attr" and verb.head.lemma_ == "be" and not negated(verb.head):  # "Canada is the host of it"
            hosts = [c for c in verb.head.children if c.dep_ == "nsubj"]
        elif verb.pos_ == "VERB":
            agent = [c for c in verb.children if c.dep_ == "agent"]
            hosts = [g for a in agent for g in a.children if g.dep_ == "pobj"] or [c for c in verb.children if c.dep_ == "nsubj"]
            hosts += [p for h in hosts for p in h.children if p.dep_ == "poss"]
        for host in hosts:
            entities = people_and_countries(state, host, frozenset({"Country", "Organization"}))
            entities += [c for p in people_and_countries(state, host, frozenset({"Person"})) if (c := _country_led_by(state, p))]
            for entity in entities:
                add_fact(state, summit, "organizedBy", entity, None, RULES["summit.host_verb"], sent, verb)


#: Verbs of putting a summit on: "organised by Chile", "sponsored by the UN", "X organised it".
_ORGANISING_VERBS = {"organise", "organize", "sponsor", "convene", "co-host", "cohost"}


def _welcomed_to(state: ArticleState, verb: Token, summit: Entity) -> bool:
    """"X welcomed leaders to the summit": X is the host only when the summit follows "to"."""
    return any(state.entity_at(g, {"Summit"}) == summit for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
               for g in c.subtree)


def _country_led_by(state: ArticleState, person: Entity) -> Entity | None:
    """The country a host speaks for: that of the current national office the article
    gives them ("British Prime Minister X will host the summit" → United Kingdom)."""
    for fact in reversed(state.facts):
        if fact.subject == person.key and fact.relation == "holdsOffice" and fact.status in {"current", "acting"}:
            office = state.entities.get(fact.object)
            country = entity_for_key(state, office.country) if office is not None else None
            if country is not None and country.type == "Country":
                return country
    return None


def read_series_organisers(state: ArticleState) -> None:
    """A series summit is organised by its series' organisation ("NATO summit" → NATO), also
    when the text only says "the summit" beside the series' name; not one the text names
    only by its place ("the Bucharest summit"), which says nothing of who organised it."""
    named = {m.key for m in state.mentions if m.label in {"SERIES", "SUMMIT"} and m.key}
    series_by_label = {series_summit_label(s, e.year): s for e in state.entities.values() if e.type == "Summit"
                       for s in state.gazetteer.entries("SummitSeries") if s.key in named}
    for index, mention in enumerate(state.mentions):
        if mention.label not in {"SUMMIT", "SUMMIT_REF"}:
            continue
        summit = state.resolution.entity_at(state.mentions, index)
        series = series_by_label.get(summit.label) if summit is not None else None
        span = state.spans[index]
        if summit is None or series is None or span is None or not series.extra.get("organizer"):
            continue
        entity = _series_organisation(state, series)
        if entity is not None:
            state.entities.setdefault(entity.key, entity)
            add_fact(state, summit, "organizedBy", entity, None, RULES["summit.series_organiser"], span.sent, span[0])


def _series_organisation(state: ArticleState, series: Known) -> Entity | None:
    """The organisation behind a series, as the gazetteer knows it, or else, when the summit
    carries its name ("the Non-Aligned Movement summit"), by that name (the key a
    model-found mention of it gets). A secretariat the summit's name does not name is
    left out: a reader of the article would not know it."""
    name = series.extra["organizer"]
    known = next(iter(state.gazetteer.lookup("Organization", name)), None)
    if known is not None:
        return entity_for_key(state, known.key)
    if name not in (series.label, *series.aliases):
        return None
    return Entity(key=entity_key("Organization", name), type="Organization", label=name)


#: Offices whose holders a summit report quotes because they are there.
SUMMIT_OFFICES = ("President", "Prime Minister", "Chancellor", "King", "Queen", "Emperor", "Premier", "Taoiseach",
                  "Secretary-General", "Minister of Foreign Affairs")


def read_reported_leaders(state: ArticleState) -> None:
    """A summit report quotes the leaders who are there: in an article about one summit, a
    head of state or government (or a foreign minister, or an organisation's head) the
    article gives a current office, who speaks or acts as the subject of a verb ("German
    Chancellor X said", "X urged the leaders to act", "X, Y and Z met in Quebec", "X and Y
    were among the guests"), took part. Not in quotes, not when negated or future, not when
    the summit is only planned, and not someone a sentence names beside the summit: there
    its own words decided."""
    summit = _reported_summit(state)
    if summit is None:
        return
    leaders = {f.subject for f in state.facts if f.relation == "holdsOffice" and f.status in {"current", "acting"}
               and _summit_office(state.entities.get(f.object))}
    present = {f.subject for f in state.facts if f.relation == "attends" and f.object == summit.key}
    decided = _named_beside(state, summit)  # where a sentence names both, its own words decided
    for index, span in enumerate(state.spans):
        person = state.resolution.entity_at(state.mentions, index)
        if span is None or person is None or person.key not in leaders - present - decided:
            continue
        verb = _verb_of_subject(span.root)
        if verb is None or verb.lemma_ not in CUES["speech_act"] | {"meet"} and not _among_the_guests(verb) \
                or verb.i in state.in_quote or negated(verb) or is_future(verb):
            continue
        add_fact(state, person, "attends", summit, "attended", RULES["summit.reported_leader"], verb.sent, verb)
        present.add(person.key)


#: Who is at a summit: "X and Y were among the (other) guests".
_PRESENT_GROUPS = {"guest", "leader", "participant", "attendee", "delegate", "invitee", "speaker", "dignitary"}


def _among_the_guests(verb: Token) -> bool:
    return verb.lemma_ == "be" and any(
        c.dep_ == "prep" and c.lower_ == "among" and any(g.dep_ == "pobj" and g.lemma_ in _PRESENT_GROUPS for g in c.children)
        for c in verb.children)


def _verb_of_subject(token: Token) -> Token | None:
    """The verb this token is a subject of, also as one of several ("X, Y and Z met")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token.head if token.dep_ == "nsubj" else None


def _named_beside(state: ArticleState, summit: Entity) -> set[str]:
    """The people a sentence naming the summit already placed or kept away: everyone in a
    negated one ("neither X nor Y attended the summit"), and the subject of a verb the
    summit hangs from ("X criticised the deal reached at the summit"). Someone it names in
    another clause ("at the summit, X charged that Y lied, which Y denied") may still be
    placed by what they say."""
    summit_tokens = {span.root.i for index, span in enumerate(state.spans)
                     if span is not None and state.resolution.entity_at(state.mentions, index) == summit}
    decided = set()
    for sent in {state.doc[i].sent for i in summit_tokens}:
        denied = any(negated(t) for t in sent if t.pos_ in {"VERB", "AUX"})
        for index in state.by_sentence.get(sent.start, ()):
            entity = state.resolution.entity_at(state.mentions, index)
            verb = _verb_of_subject(state.spans[index].root) if state.spans[index] is not None else None
            about_summit = verb is not None and any(t.i in summit_tokens for t in verb.subtree)
            if entity is not None and entity.type == "Person" and (denied or about_summit):
                decided.add(entity.key)
    return decided


def _summit_office(office: Entity | None) -> bool:
    return office is not None and office.type == "Office" and office.label.startswith(SUMMIT_OFFICES)


def _reported_summit(state: ArticleState) -> Entity | None:
    """The one summit the article reports on: named in the headline or in its first two
    sentences, held in the article's year, and not only planned."""
    year = int(state.article.date[:4]) if state.article.date and state.article.date[:4].isdigit() else None
    summits = {e.key: e for e in state.entities.values() if e.type == "Summit"}
    if len(summits) != 1:
        return None
    summit = next(iter(summits.values()))
    if year is not None and summit.year not in {None, year}:
        return None
    statuses = {f.status for f in state.facts if f.relation == "attends" and f.object == summit.key}
    if statuses and "attended" not in statuses:
        return None
    lead_end = _end_of_sentences(state.doc, 2)
    in_lead = any(state.spans[i] is not None and state.spans[i].start < lead_end
                  and state.resolution.entity_at(state.mentions, i) == summit for i in range(len(state.mentions)))
    in_headline = "summit" in (state.article.title or "").lower()
    return summit if in_lead or in_headline else None


def _end_of_sentences(doc, count: int) -> int:
    """The token index where the article's first `count` sentences with a verb end: a
    section label or dateline ("Canadian news", "LONDON") is no sentence of the lead, nor
    a place name the parser cut off from the sentence it starts."""
    seen = 0
    for sent in doc.sents:
        if any(t.pos_ in {"VERB", "AUX"} for t in sent):
            seen += 1
            if seen == count:
                return sent.end
    return len(doc)
