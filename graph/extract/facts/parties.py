"""Party membership and leadership: the rules of each sentence, the clauses around a party
that may name several people ("founded by X", "co-led by X and Y"), roles named without
the party's name ("its leader X", "the party's spokesman, X"), U.S. party tags
("(D-Ill.)"), and the membership every leadership implies.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from graph.extract.facts.article import (
    US_PARTY_TAG,
    ArticleState,
    add_fact,
    conjuncts,
    entity_for_key,
    is_future,
    last_entity_before,
    negated,
    people_in_list,
    person_after,
    person_of_token,
    sentences_back,
    status_from_words,
    subjects_of,
)
from graph.extract.facts.party_phrases import (
    LEADER_WORDS,
    ROLE_WORDS,
    leader_apposition,
    names_a_leader,
    party_noun_apposition,
    party_of_person,
    party_opener,
    party_predicate,
    party_role_before_name,
    possessive_leader,
    possessive_party,
)
from graph.extract.mentions import FOUND_VERBS, LEAD_VERBS
from graph.extract.rules import RULES
from graph.model import Entity, Fact


#: Marks facts that follow from another fact rather than from a rule reading the text.
_INFERRED = RULES["inferred.leader_is_member"]


def memberships_of_leaders(facts: list[Fact]) -> list[Fact]:
    """A party's leader is one of its members (kg:leaderOf is a sub-property of kg:memberOf),
    so each leaderOf fact also states memberOf, marked as inferred. Leaving the leadership
    does not say the person left the party, so only a current leader is a current member."""
    return [replace(fact, relation="memberOf", status="current" if fact.status == "current" else None,
                    confidence=round(fact.confidence * _INFERRED.confidence, 3), extractor=_INFERRED.extractor)
            for fact in facts if fact.relation == "leaderOf"]


def read_parties(state: ArticleState, sent: Span) -> None:
    """Around each party the sentence names, the first phrase rule that fires and every clause
    rule; then roles named without the party ("its leader") and U.S. party tags."""
    for index, span in state.in_sentence(sent, {"PARTY", "PARTY_ADJ", "ORG", "NAME"}):
        party = state.resolution.entity_at(state.mentions, index)
        if party is None or party.type != "PoliticalParty":
            continue
        for rule in (party_role_before_name, leader_apposition, party_of_person, party_predicate, party_opener,
                     party_noun_apposition):
            found = rule(state, span, sent)
            if found:
                person, relation, status, named_by = found
                add_fact(state, person, relation, party, status, named_by, sent, span[0])
                break
        found = possessive_leader(state, span, sent) or possessive_party(state, span, sent)  # X in "Y, of X's PARTY"
        if found:
            person, relation, status, named_by = found
            add_fact(state, person, relation, party, status, named_by, sent, span[0])
        for person, relation, status in _party_participles(state, span) + _running_mates(state, span) \
                + _chosen_by_party(state, span) + _leader_under(state, span) + _leadership_won(state, span):
            add_fact(state, person, relation, party, status, RULES["party.clause"], sent, span[0])
        for person in _members_listed(state, span, sent):
            add_fact(state, person, "memberOf", party, None, RULES["party.members_listed"], sent, span[0])
    for token in sent:
        if token.lower_ in _BARE_LEADERS and token.pos_ == "NOUN":
            _bare_leader(state, token, sent)
        if token.lower_ == "its":
            _its_role(state, token, sent)
        elif token.lower_ == "party" and token.dep_ in {"compound", "poss"} and token.head.lower_ in LEADER_WORDS | ROLE_WORDS:
            _party_role_without_name(state, token, sent)
        elif token.lower_ == "party" and token.dep_ == "dobj" and token.head.lemma_ in LEAD_VERBS:
            _leading_the_party(state, token, sent)
    for person_index, span in state.in_sentence(sent, {"PERSON", "NAME"}):
        match = US_PARTY_TAG.match(state.text[span.end_char : span.end_char + 12])
        person = state.resolution.entity_at(state.mentions, person_index)
        if match and person is not None and person.type == "Person":
            party = _us_party(state, match.group(1) or match.group(2))
            if party is not None:
                add_fact(state, person, "memberOf", party, None, RULES["party.us_tag"], sent, span[0])


def _party_role_without_name(state: ArticleState, party: Token, sent: Span) -> None:
    """"X, a loyal party member,", "party leader X" and "the party's spokesman, X": the
    party is the one the article named last."""
    if state.mention_at(party, {"PARTY", "PARTY_ADJ", "ORG"}) is not None:
        return
    noun = party.head
    person = person_of_token(state, noun.head) if noun.dep_ == "appos" else _person_named_after(state, noun, sent)
    owner = last_entity_before(state, party.i, {"PoliticalParty"})
    if person is None or owner is None:
        return
    leads = names_a_leader(noun, state.doc[max(sent.start, party.i - 2) : noun.i])
    add_fact(state, person, "leaderOf" if leads else "memberOf", owner, status_from_words([party, noun]) if leads else None,
             RULES["party.role_without_name"], sent, noun)


#: Leader nouns that, said of a person with no body named, mean the leader of the party
#: the article is talking about ("X was elected leader", "the co-leader, X").
_BARE_LEADERS = {"leader", "co-leader", "chairman", "chairwoman"}
#: Words before such a noun that keep it the party's leader.
_BARE_LEADER_WORDS = {"new", "acting", "interim", "former", "sole", "outgoing", "caretaker", "the", "a"}
#: Verbs of giving up a post: "X stood down as leader".
_QUIT_POST_VERBS = {"stand", "step", "resign", "quit", "retire"}


def _bare_leader(state: ArticleState, noun: Token, sent: Span) -> None:
    """"X was elected leader", "X will become acting leader", "X stood down as leader",
    "the co-leader, X": with no body named beside the noun, the leader is the party's
    when the sentence or the two before it name one party and no other."""
    if any(c.dep_ == "prep" and c.lower_ in {"of", "for", "in"} or c.lower_ not in _BARE_LEADER_WORDS
           and c.dep_ in {"amod", "compound", "poss", "nmod", "det"} for c in noun.children) \
            or state.at_token.get(noun.i) or noun.dep_ in {"compound", "poss"}:
        return
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head \
        if noun.dep_ in {"attr", "oprd"} else None
    if verb is not None and verb.pos_ in {"VERB", "AUX"} and not negated(verb):
        subjects = subjects_of(verb)
        person = person_of_token(state, subjects[0]) if subjects else None
    elif noun.dep_ == "appos":
        person, verb = person_of_token(state, noun.head), None
    else:
        person, verb = next((p for c in noun.children if c.dep_ == "appos" for p in [person_of_token(state, c)] if p), None), None
    party = _only_party_near(state, noun)
    if person is None or party is None:
        return
    status = status_from_words(list(noun.lefts))
    if verb is not None and status == "current":
        status = "former" if verb.lemma_ in _QUIT_POST_VERBS or verb.lemma_ == "be" and verb.tag_ == "VBD" \
            else "elect" if is_future(verb) else status
    add_fact(state, person, "leaderOf", party, status, RULES["party.bare_leader"], sent, noun)


def _only_party_near(state: ArticleState, token: Token) -> Entity | None:
    """The one party named in the token's sentence or the two before it, if only one is."""
    since, end = sentences_back(token, 2), token.sent.end
    parties = {e.key: e for i in state.mentions_before(end) for span in [state.spans[i]]
               if span is not None and span.start >= since
               for e in [state.resolution.entity_at(state.mentions, i)] if e is not None and e.type == "PoliticalParty"}
    return next(iter(parties.values())) if len(parties) == 1 else None


def _leading_the_party(state: ArticleState, party: Token, sent: Span) -> None:
    """"X will lead the party alongside Y": both lead the party the article named last."""
    verb = party.head
    owner = last_entity_before(state, party.i, {"PoliticalParty"})
    if owner is None or negated(verb) or state.mention_at(party, {"PARTY", "PARTY_ADJ", "ORG"}) is not None:
        return
    partners = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in {"alongside", "with"} for c in p.children
                if c.dep_ == "pobj"]
    partners += [c for p in partners for c in p.children if c.dep_ == "appos"]  # "his father, X"
    status = "elect" if is_future(verb) else "former" if verb.tag_ == "VBD" else "current"
    for token in subjects_of(verb) + partners:
        person = person_of_token(state, token)
        if person is not None:
            add_fact(state, person, "leaderOf", owner, status, RULES["party.leading_the_party"], sent, verb)


def _body_referred_to(state: ArticleState, its: Token) -> Entity | None:
    """What "its" stands for: the nearest subject noun in this sentence or the one before,
    when it is a party, organisation or country ("The Union is a party in Moldova. Its
    leader …"); with no subject noun there, the one named last."""
    bodies = {"PoliticalParty", "Organization", "Country"}
    for token in reversed(state.doc[sentences_back(its, 1) : its.i]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"PROPN", "NOUN"}:
            return state.entity_at(token, bodies)  # "Henley … its representative": a place we do not track
    return last_entity_before(state, its.i, bodies)


def _its_role(state: ArticleState, its: Token, sent: Span) -> None:
    """"… and its leader X", "its candidate, X": "its" is the party (or other body)
    named last, and only a party gives a fact."""
    doc = state.doc
    noun = next((t for t in doc[its.i + 1 : min(its.i + 4, sent.end)] if t.lower_ in LEADER_WORDS | ROLE_WORDS), None)
    if noun is None or any(t.pos_ not in {"ADJ", "NOUN", "PROPN"} for t in doc[its.i + 1 : noun.i]):
        return
    person = _person_named_after(state, noun, sent)
    owner = _body_referred_to(state, its)
    if person is None or owner is None or owner.type != "PoliticalParty":
        return
    leads = names_a_leader(noun, doc[its.i + 1 : noun.i])
    status = status_from_words(list(doc[its.i + 1 : noun.i + 1])) if leads else None
    add_fact(state, person, "leaderOf" if leads else "memberOf", owner, status, RULES["party.its_role"], sent, noun)


def _us_party(state: ArticleState, letter: str) -> Entity | None:
    united_states = next(iter(state.gazetteer.lookup("Country", "United States")), None)
    for known in state.gazetteer.lookup("PoliticalParty", letter):
        if united_states is None or known.country == united_states.key:
            state.entities.setdefault(known.key, entity_for_key(state, known.key))
            return state.entities[known.key]
    return None


CHOOSE_VERBS = {"choose", "elect", "name", "pick", "select", "nominate", "appoint", "endorse", "field"}
#: (person, relation, status) found around a party mention
PartyFinding = tuple[Entity, str, str | None]


def _person_named_after(state: ArticleState, noun: Token, sent: Span) -> Entity | None:
    """The person right after a role noun, past a comma ("its candidate, X")."""
    after = noun.i + 2 if noun.i + 1 < sent.end and state.doc[noun.i + 1].text == "," else noun.i + 1
    return person_after(state, after, sent)


def _party_participles(state, party: Span) -> list[PartyFinding]:
    """"the PARTY, founded by X in 1994" (founders are members), "the PARTY, led by X" and
    "the PARTY is led by X" ("was led by X": once)."""
    noun = party.root
    while noun.dep_ == "compound" and noun.head != noun:
        noun = noun.head
    nouns = [noun, *(c for c in noun.children if c.dep_ == "appos")]  # "Kadima, the party founded by X"
    verbs = [v for n in nouns for v in n.children if v.dep_ == "acl"]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)  # "the PARTY is (currently) led by X"
    people = []
    for verb in verbs:
        relation = "memberOf" if verb.lemma_ in FOUND_VERBS else "leaderOf" if verb.lemma_ in LEAD_VERBS else None
        if relation is None:
            continue
        over = verb.dep_ != "acl" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        for named in [by, *conjuncts(by)] if by is not None else []:  # "co-led by X and Y"
            for token in [*(c for c in named.children if c.dep_ == "appos"), named]:
                person = person_of_token(state, token)
                if person is not None:
                    people.append((person, relation, ("former" if over else "current") if relation == "leaderOf" else None))
                    break
    return people or _participle_after(state, party)


def _participle_after(state, party: Span) -> list[PartyFinding]:
    """The same read from the words when the parse loses it: "PARTY", led by X"."""
    doc = state.doc
    i = party.end
    while i < party.sent.end and doc[i].text in {'"', "”", "’", "'"}:
        i += 1
    if i + 3 >= party.sent.end or doc[i].text != "," or doc[i + 2].lower_ != "by" or doc[i + 1].tag_ != "VBN":
        return []
    relation = "memberOf" if doc[i + 1].lemma_ in FOUND_VERBS else "leaderOf" if doc[i + 1].lemma_ in LEAD_VERBS else None
    person = person_after(state, i + 3, party.sent)
    return [(person, relation, "current" if relation == "leaderOf" else None)] if relation and person else []


def _chosen_by_party(state, party: Span) -> list[PartyFinding]:
    """"the PARTY chose deputy leader X", "the PARTY nominated X as its candidate", "the
    PARTY elected X as its new leader": the party picks one of its own for a party role."""
    verb = party.root.head
    if party.root.dep_ != "nsubj" or verb.lemma_ not in CHOOSE_VERBS:
        return []
    people = []
    as_roles = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                if g.dep_ == "pobj" and g.lower_ in LEADER_WORDS | ROLE_WORDS]  # "elected X as its new leader"
    for chosen in (c for c in verb.children if c.dep_ == "dobj"):
        roles = [c for c in chosen.subtree if c.lower_ in LEADER_WORDS | ROLE_WORDS and c.i != chosen.i] + as_roles
        person = person_of_token(state, chosen)
        if person is None or not roles:
            continue
        leads = any(names_a_leader(r, [*chosen.subtree, *r.lefts]) for r in roles)
        people.append((person, "leaderOf", "current") if leads else (person, "memberOf", None))
    return people


#: Verbs that give their subject the leadership they take as object: "won the Labour
#: leadership (contest)", "took over the leadership of the PARTY", "assumed its leadership".
_LEADERSHIP_GAINED = {"win", "assume", "take", "inherit", "secure", "clinch"}
_LEADERSHIP_RACES = {"contest", "election", "race", "ballot", "vote", "bid"}


def _leadership_won(state, party: Span) -> list[PartyFinding]:
    """"X won the Labour leadership (contest)", "X took over the leadership of the PARTY":
    X leads the party now (or will: "X will take over …")."""
    root = party.root
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    if root.dep_ not in {"compound", "amod", "poss", "pobj"}:
        return []
    if head.lower_ == "leadership":  # "the Labour leadership (contest)", "the leadership of the PARTY"
        taken = head.head if head.dep_ == "compound" and head.head.lower_ in _LEADERSHIP_RACES else head
    elif head.lower_ in _LEADERSHIP_RACES and any(c.lower_ == "leadership" for c in head.children):
        taken = head  # "the Labour leadership contest": both words modify the contest
    else:
        return []
    verb = taken.head
    if taken.dep_ != "dobj" or verb.lemma_ not in _LEADERSHIP_GAINED or negated(verb) \
            or verb.lemma_ == "take" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return []
    status = "elect" if is_future(verb) else "current"
    people = [person_of_token(state, s) for s in subjects_of(verb)]
    return [(person, "leaderOf", status) for person in people if person is not None]


def _leader_under(state, party: Span) -> list[PartyFinding]:
    """"deputy leader of the PARTY under X" and "the PARTY, under X, won": X led the party
    then (when the party itself is under X, the text need not say whether X still does)."""
    of = party.root.head
    noun = of.head
    if party.root.dep_ == "pobj" and of.lower_ == "of" and noun.lower_ in LEADER_WORDS | ROLE_WORDS:
        status = "former" if noun.head.tag_ == "VBD" else "current"  # "she was deputy leader under X"
    elif party.root.dep_ in {"nsubj", "nsubjpass", "appos", "ROOT"}:
        noun, status = party.root, None
    else:
        return []
    leaders = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "under" for c in p.children if c.dep_ == "pobj"]
    people = [person_of_token(state, t) for t in leaders]
    return [(person, "leaderOf", status) for person in people if person is not None]


#: Words that open a list of examples after a group: "…, including A and B", "… such as A".
_EXAMPLE_OPENERS = {"including", "include", "includes", "among", "notably", "like"}


def _members_listed(state: ArticleState, party: Span, sent: Span) -> list[Entity]:
    """"Senate Republicans, including A and B", "Labour MPs such as A", "members of the
    PARTY (A, B and C)", "Democrats A and B": people given as examples of a group of the
    party's members, or a plural party name before a list of people."""
    doc = state.doc
    end = party.end
    candidates = _nomination_candidates(state, party, sent)
    if candidates:
        return candidates
    said_to_be = _subjects_said_to_be(party)
    if said_to_be:
        return [p for p in (person_of_token(state, t) for s in said_to_be for t in [s, *conjuncts(s)]) if p is not None]
    if end < sent.end and doc[end].lower_.endswith("s") and (doc[end].lemma_.lower() in ROLE_WORDS
                                                             or doc[end].lower_[:-1] in ROLE_WORDS):
        end += 1  # "Labour MPs", "Republican senators"
    elif not (party.root.tag_ in {"NNPS", "NNS"} or _members_of(party)):
        return []  # a group of members: "Republicans", "members of the PARTY"
    if end < sent.end and state.entity_at(doc[end], {"Person"}) is not None and len(conjuncts(doc[end].head)) > 0:
        start = end  # "Democrats A and B": the plural names the people right after it
    else:
        if end < sent.end and doc[end].text == ",":
            end += 1
        if end + 1 >= sent.end:
            return []
        if doc[end].lower_ in _EXAMPLE_OPENERS or doc[end].text == "(":
            start = end + 1
        elif doc[end].lower_ == "such" and doc[end + 1].lower_ == "as":
            start = end + 2
        else:
            return []
    return people_in_list(state, range(start, min(sent.end, start + 16)))


#: Plural nouns for the people who seek a nomination.
_CANDIDATE_NOUNS = {"candidates", "contenders", "hopefuls", "contestants"}


def _nomination_candidates(state: ArticleState, party: Span, sent: Span) -> list[Entity]:
    """"The candidates for the PARTY nomination are A, B and C", "… include A and B": each
    seeks the party's nomination, so each is a member."""
    nomination = party.root.head
    if nomination.lower_ != "nomination" or nomination.dep_ != "pobj" or nomination.head.lower_ != "for":
        return []
    candidates = nomination.head.head
    if candidates.dep_ == "acl" and candidates.head.lower_ in _CANDIDATE_NOUNS:
        candidates = candidates.head  # "candidates registered for the PARTY nomination"
    verb = candidates.head
    if candidates.lower_ not in _CANDIDATE_NOUNS or candidates.dep_ != "nsubj" or verb.lemma_ not in {"be", "include"} \
            or negated(verb):
        return []
    complement = next((c for c in verb.rights if c.dep_ in {"attr", "dobj", "nsubj"}), None)  # (parsers vary)
    if complement is None:
        return []
    start = complement.left_edge.i
    return people_in_list(state, range(start, min(sent.end, start + 30)))


def _subjects_said_to_be(party: Span) -> list[Token]:
    """"A, B and C were the Republicans who voted against it", "A and B are among the
    Democrats": the subjects a plural party name is said of."""
    root = party.root
    if root.tag_ not in {"NNPS", "NNS"}:
        return []
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "among" else root.head if root.dep_ == "attr" else None
    if verb is None or verb.lemma_ != "be" or negated(verb):
        return []
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _members_of(party: Span) -> bool:
    """"members of the PARTY", "lawmakers from the PARTY": a plural role before it."""
    preposition = party.root.head
    return party.root.dep_ == "pobj" and preposition.lower_ in {"of", "from"} \
        and preposition.head.tag_ == "NNS" and preposition.head.lemma_ in ROLE_WORDS


def _running_mates(state, party: Span) -> list[PartyFinding]:
    """"on the Labour slate with Mayor X": X ran for the party too."""
    ticket = party.root.head
    if ticket.lower_ not in {"ticket", "slate"}:
        return []
    mates = [c for w in ticket.children if w.dep_ == "prep" and w.lower_ == "with" for c in w.children if c.dep_ == "pobj"]
    people = [person_of_token(state, t) for m in mates for t in [m, *conjuncts(m)]]
    return [(person, "memberOf", None) for person in people if person is not None]
