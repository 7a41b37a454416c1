"""Party rules that read the words around one party mention: "Labour MP X", "X, leader
of the PARTY", "X of the PARTY", "her party, the Greens", "X joined the PARTY". Each
returns at most one finding; `read_parties` tries them in turn and keeps the first, so
they live apart from the rules that may add several.
"""
from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Span, Token

from graph.extract.facts.article import (
    HEDGE_AUX,
    ArticleState,
    antecedent_of,
    gave_up,
    is_future,
    negated,
    person_after,
    person_of_token,
    status_from_words,
    subjects_of,
    words_before,
)
from graph.extract.mentions import FOUND_VERBS, LEAD_VERBS
from graph.extract.pipeline import REGIONS_KEY
from graph.extract.rules import RULES, Rule
from graph.model import Entity


LEADER_WORDS = {"leader", "chairman", "chairwoman", "chair", "co-leader", "coleader", "head", "chief", "president", "boss", "leadership"}
ROLE_WORDS = {"mp", "mps", "member", "members", "politician", "candidate", "lawmaker", "legislator", "deputy", "senator",
              "representative", "congressman", "congresswoman", "councillor", "councilor", "minister", "activist",
              "nominee", "mep", "assemblyman", "assemblywoman", "official", "governor", "mayor", "delegate", "stalwart",
              "veteran", "heavyweight", "figure", "rival", "colleague", "fellow", "spokesman", "spokeswoman",
              "spokesperson", "founder", "co-founder", "cofounder", "whip", "secretary", "treasurer", "loyalist",
              "hopeful", "contender", "challenger", "incumbent", "backbencher", "frontbencher", "strategist",
              "organiser", "organizer", "operative", "grandee", "campaigner", "councilman", "councilwoman"}
#: Words of a contest between a party's members: "Republican presidential hopeful X" is of
#: the party, and "Labour leadership contender X" does not lead it.
CONTEST_WORDS = {"presidential", "vice-presidential", "mayoral", "gubernatorial", "senatorial", "congressional",
                 "primary", "leadership", "hopeful", "contender", "challenger", "candidate", "nominee", "presumptive"}
LEADER_QUALIFIERS = {"parliamentary", "deputy", "regional", "state", "local", "youth", "provincial", "senate",
                     "house", "floor", "caucus", "vice", "branch", "district", "county", "city", "campaign",
                     "central", "senior", "top", "prominent", "key", "veteran", "local", "majority", "minority"}

#: A communist party's leader is its general secretary; elsewhere a secretary-general runs
#: the party's office under its leader (the LDP's, the SPD's).
_SECRETARY_GENERAL = ({"secretary", "general"}, {"secretary-general"})
_LED_BY_A_SECRETARY = re.compile(r"\bcommunist|\bworkers", re.I)


def leader_named(words: set[str], party: Span) -> bool:
    """Whether these words name the party's leader: a leader word, or the general secretary
    of a party led by one."""
    if words & CONTEST_WORDS - {"presidential", "leadership"}:
        return False  # "leadership candidate", "presidential nominee"
    return bool(words & LEADER_WORDS) or _LED_BY_A_SECRETARY.search(party.text) is not None \
        and any(pair <= words for pair in _SECRETARY_GENERAL)


def _noun_words(noun: Token) -> set[str]:
    """The noun with the two words before it: "secretary general", "secretary-general"."""
    doc = noun.doc
    return {t.lower_ for t in doc[max(noun.sent.start, noun.i - 3) : noun.i + 1] if t.text != "-"}


#: (person, relation, status, rule) read from the words around one party mention
PhraseFinding = tuple[Entity, str, str | None, Rule]


def party_role_before_name(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"Labour MP X", "Republican Senator X", "SPD leader X", "A Liberal deputy, X"."""
    return _role_before_name(state, party, sent) or _described_role_before_name(state, party, sent)


#: Role nouns whose "for …" names a portfolio ("Minister for Labour"), never a party.
PORTFOLIO_HOLDERS = {"minister", "secretary", "commissioner"}


#: Words between a party and a role that say which role ("Labor's foreign affairs spokesman
#: X", "the Labor Party opposition Foreign Affairs Spokesman, X").
_ROLE_DESCRIBERS = {"opposition", "shadow", "and", "for", "'s", "’s"}


def _described_role_before_name(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """A member's role after the party with the words that describe it between: a member
    (not a leader: "Labour's deputy leader X" leads nothing)."""
    doc = state.doc
    role = None
    for index in range(party.end, min(party.end + 6, sent.end)):
        token = doc[index]
        if token.lower_ in ROLE_WORDS - LEADER_WORDS and token.pos_ in {"NOUN", "PROPN"}:
            role = index
            break
        describes = token.lower_ in _ROLE_DESCRIBERS or token.is_alpha and token.pos_ in {"NOUN", "ADJ", "PROPN"} \
            and not any(state.mentions[m].label != "ORG" or state.mentions[m].key for m in state.at_token.get(index, ()))
        # (a portfolio the model calls an organisation, "Foreign Affairs", describes the role too)
        if not describes:
            return None
    if role is None or role == party.end:
        return None
    person = person_after(state, role + 1 + (role + 1 < sent.end and doc[role + 1].text == ","), sent)
    return (person, "memberOf", None, RULES["party.role_before_name"]) if person is not None else None


def _role_before_name(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    doc = state.doc
    index = party.end
    if index + 2 < sent.end and doc[index].text == "(" and doc[index + 2].text == ")":
        index += 3  # "the Harbour Party (HP) leader X": the party's abbreviation in brackets
    role_words = []
    while index < sent.end and index < party.end + 4:
        token = doc[index]
        if token.lower_ in LEADER_WORDS | ROLE_WORDS | LEADER_QUALIFIERS | CONTEST_WORDS or state.mention_at(token, {"TITLE"}) \
                or token.lower_ in {"party", "'s", "’s", "-", "co", "former", "general", "shadow"}:
            role_words.append(token)
            index += 1
            continue
        break
    if role_words and index < sent.end and doc[index].lower_ in {"there", "here"}:
        index += 1  # "the Green candidate there, X"
    det = party.start - 1
    while det > sent.start and (doc[det].pos_ in {"ADJ", "ADV"} or doc[det].tag_ == "VBN"):
        det -= 1  # "X, the defeated Socialist candidate"
    named_after = person_after(state, index + (index < sent.end and doc[index].text == ","), sent) if role_words else None
    if role_words and det - 1 >= sent.start and named_after is None and (
            doc[det].lower_ in {"the", "a", "an"} and doc[det - 1].text == "," or doc[det].text == ","):
        # "X, the Republican candidate", "X, a senior Labour figure", "X, Labour leader,"
        comma = det - 1 if doc[det].text != "," else det
        person = state.entity_at(doc[comma - 1], {"Person"}) if comma - 1 >= sent.start else None
        if person is not None:
            words = {t.lower_ for t in role_words}
            qualified = any(t.lower_ in LEADER_QUALIFIERS for t in doc[det:party.start])
            relation = "leaderOf" if leader_named(words, party) and not qualified else "memberOf"
            status = status_from_words(list(doc[det:party.start]) + role_words) if relation == "leaderOf" else None
            return person, relation, status, RULES["party.role_apposition"]
    if not role_words:
        before = _left_of(party, sent, lambda t: t.lower_ == "the")
        after_of = before >= sent.start and doc[before].lower_ in {"of", "for"}
        # ("leader of the PARTY X"; "Minister for Labour X" names a portfolio)
        if index < sent.end and party[0].lower_ not in {"the"} and not after_of:
            person = person_after(state, index, sent)
            if person is not None and state.mention_at(party[0], {"PARTY_ADJ"}) is not None:
                return person, "memberOf", None, RULES["party.role_of_party"]
        return None
    if index < sent.end and doc[index].text == ",":
        index += 1
    person = named_after
    if person is None:
        return None
    words = {t.lower_ for t in role_words}
    if leader_named(words, party) and not words & LEADER_QUALIFIERS and not _regional_branch(state, party):
        # ("Democratic Majority Leader X", "Labour deputy leader X": a post below the leader)
        return person, "leaderOf", status_from_words(words_before(party[0], 3) + role_words), RULES["party.role_before_name"]
    return person, "memberOf", None, RULES["party.role_before_name"]


def _regional_branch(state: ArticleState, party: Span) -> bool:
    """"Bavarian Greens leader X", "Ontario Liberal leader X": a place below the country
    right before the party means X leads a branch, not the party."""
    if party.start == 0:
        return False
    before = state.doc[party.start - 1]
    place = before.ent_type_ in {"GPE", "LOC"} or any(before.i in range(s.start, s.end) for s in state.doc.spans[REGIONS_KEY])
    return place and before.pos_ in {"PROPN", "ADJ"} \
        and state.mention_at(before, {"COUNTRY", "DEMONYM", "TITLE", "PARTY", "PARTY_ADJ", "PERSON"}) is None


def leader_apposition(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X, (the former) leader of the PARTY", "leader of the PARTY, X", "the leader of the
    PARTY X" and "X, leader of the country's main opposition party, the PARTY"."""
    doc = state.doc
    party = _with_the_name_before_brackets(party, sent)  # "the Ruritanian Communist Party (RCP), X"
    named = party
    before_name = party.start - 1 - (party.start - 1 > sent.start and doc[party.start - 1].lower_ == "the")
    if before_name - 1 > sent.start and doc[before_name].text == "," and doc[before_name - 1].lemma_ == "party" \
            and party.root.dep_ not in {"compound", "amod", "poss"}:  # not "…party, the PARTY government"
        described = doc[before_name - 1]  # "leader of the country's main opposition party, the PARTY": its name
        party = doc[described.left_edge.i : described.i + 1]
    i = _left_of(party, sent, lambda t: t.lower_ in {"the", "its", "party", "'s", "’s"}
                 or t.dep_ in {"amod", "compound", "advmod", "npadvmod", "poss"} or t.text == "-"
                 or state.entity_at(t, {"Country"}) is not None)  # "of the political party Tamarind Front",
    # "of the United Kingdom's Liberal Democrat party", "a member of X's PARTY"
    if i < sent.start + 1 or doc[i].lower_ not in {"of", "for"}:
        return None
    noun = doc[i - 1]
    if doc[i].lower_ == "for" and noun.lower_ in PORTFOLIO_HOLDERS:
        return None  # "Minister for Labour X": a portfolio, not a party
    leads = leader_named(_noun_words(noun), named)
    if not (leads or _role_noun(noun)) or any(c.lower_ in SHARED_WORDS for c in noun.children):
        return None
    qualified = noun.i > sent.start and doc[noun.i - 1].lower_ in LEADER_QUALIFIERS
    relation = "leaderOf" if leads and not qualified else "memberOf"
    words = words_before(noun, 4)
    status = status_from_words(words + [noun]) if relation == "leaderOf" else None
    comma = _comma_before_role(noun, sent)
    if comma is not None and noun.tag_ == "NNS" and not any(t.dep_ == "conj" for t in doc[sent.start : comma]):
        comma = None  # "According to X, members of the PARTY are …": a plural describes no one person
    if comma is not None and comma - 1 >= sent.start:
        person = person_of_token(state, doc[comma - 1])
        if person is not None:
            return person, relation, status, RULES["party.leader_apposition"]
    if noun.dep_ == "conj" and noun.head.dep_ == "appos":  # "X, a lawyer and the leader of the PARTY,"
        person = person_of_token(state, noun.head.head)
        if person is not None:
            return person, relation, status, RULES["party.leader_apposition"]
    # "X is/was/became (the) leader of the PARTY"
    if noun.dep_ in {"attr", "oprd", "appos"} or noun.dep_ == "pobj" and (
            noun.head.lower_ == "as" or noun.head.lower_ == "to" and noun.head.head.lemma_ in _RISING_VERBS):
        # ("X stole emails from the head of the PARTY, Y": the head is Y, not X)
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
            subject = verb.head  # "X, who stepped down as leader of …": X
        person = person_of_token(state, subject) if subject is not None else None
        if noun.dep_ == "appos":
            person = person_of_token(state, noun.head)
        elif negated(verb):
            return None  # "X was never a member of the PARTY"
        if person is not None:
            if gave_up(verb):
                status = "former" if relation == "leaderOf" else status  # "X resigned as leader of the PARTY"
            elif verb.lemma_ == "serve" or verb.tag_ == "VBD" and verb.lemma_ == "be":
                status = status if relation == "memberOf" else ("former" if status == "current" else status)
            elif relation == "leaderOf" and status == "current" and is_future(verb):
                status = "elect"  # "X will take over as leader of the PARTY"
            return person, relation, status, RULES["party.leader_predicative"]
    comma_after = named.end < sent.end and doc[named.end].text == ","
    if comma_after or named is party and named.end < sent.end and state.entity_at(doc[named.end], {"Person"}) is not None:
        person = person_after(state, named.end + comma_after, sent)  # "leader of the PARTY, X", "… the PARTY X"
        if person is not None:
            return person, relation, status, RULES["party.leader_title_first"]
    return None


#: Verbs of coming to a post: "X was elected (rose, returned) to the leadership of the PARTY".
_RISING_VERBS = {"elect", "reelect", "re-elect", "rise", "return", "appoint", "promote", "name", "restore", "come"}


def _with_the_name_before_brackets(party: Span, sent: Span) -> Span:
    """An abbreviation in brackets with the capitalised name it abbreviates before it ("the
    Greek Communist Party (KKE)"), as one phrase; any other party mention as it is."""
    doc = party.doc
    if not (party.start - 2 >= sent.start and doc[party.start - 1].text == "(" and party.end < sent.end
            and doc[party.end].text == ")" and doc[party.start - 2].text[:1].isupper()):
        return party
    start = party.start - 2
    while start - 1 >= sent.start and (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                                       or doc[start - 1].lower_ in {"of", "for", "and"} and doc[start - 2].text[:1].isupper()):
        start -= 1
    return doc[start : party.end + 1]


def _comma_before_role(noun: Token, sent: Span, reach: int = 6) -> int | None:
    """The comma that opens an apposition ending in this role noun: "X, (the former) leader
    of", "X, health and welfare spokesman for": only modifiers of the role lie between."""
    doc = noun.doc
    i = noun.i - 1
    while i > sent.start and noun.i - i <= reach and doc[i].text != "," \
            and doc[i].pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ", "DET", "ADV", "NUM"} and doc[i].ent_type_ != "PERSON":
        i -= 1
    return i if doc[i].text == "," else None


def _left_of(span: Span, sent: Span, skip) -> int:
    """Index of the first token left of `span` (within the sentence) that `skip` rejects."""
    i = span.start - 1
    while i >= sent.start and skip(span.doc[i]):
        i -= 1
    return i


#: Plural nouns that say the people listed after them lead their parties.
_LEADERS = {"leaders", "heads", "chiefs"}


def _listed_after_leaders(state: ArticleState, index: int, sent: Span) -> bool:
    """"the party leaders X (PARTY), Y (PARTY) and Z (PARTY)": whether the list of names and
    bracketed parties holding token `index` follows a plural leader noun."""
    doc = state.doc
    inside = False
    while index >= sent.start:
        token = doc[index]
        if token.text == ")":
            inside = True
        elif token.text == "(":
            inside = False
        elif not inside and token.text != "," and token.lower_ != "and" \
                and state.mention_at(token, {"PERSON", "NAME"}) is None:
            return token.lower_ in _LEADERS
        index -= 1
    return False


def _is_determiner(token: Token) -> bool:
    return token.lower_ == "the"


def party_of_person(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X of the PARTY", "X from the PARTY", "X (PARTY)", "X from the ruling party (PARTY)",
    "the PARTY's X", "the PARTY of X"."""
    doc = state.doc
    i = _left_of(party, sent, _is_determiner)
    if i - 1 > sent.start and doc[i].text == "(" and doc[i - 1].lower_ == "party":
        # "the former ruling party (PARTY)": read the phrase before the bracket as the party
        i = _left_of(doc[i - 1 : i], sent, lambda t: t.pos_ in {"ADJ", "VERB", "NOUN", "DET"} and t.lower_ not in {"of", "from"})
    i = _before_the_seat(doc, i, sent)  # "X (Jagajaga, Labor)": the seat, then the party
    if i >= sent.start + 1 and doc[i].lower_ in {"of", "(", "from"}:
        j = i - 1
        if doc[j].text == ",":
            j -= 1
        person = state.entity_at(doc[j], {"Person"})
        if person is None and doc[i].lower_ == "from" and doc[j].lower_ in ROLE_WORDS:
            person = _named_before_role(state, doc[j], sent)  # "X, a legislator from the PARTY"
        if person is not None and doc[i].text == "(" and _listed_after_leaders(state, j, sent):
            return person, "leaderOf", status_from_words(words_before(doc[j], 12)), RULES["party.leaders_listed"]
        if person is not None:
            return person, "memberOf", None, RULES["party.of_party"]
    if party.end + 1 < sent.end and _possessive_mark(doc[party.end]):
        person = person_after(state, party.end + 1, sent)
        if person is not None:
            return person, "memberOf", None, RULES["party.of_party"]
    if party.end + 1 < sent.end and doc[party.end].lower_ == "of":
        person = state.entity_at(doc[party.end + 1], {"Person"})
        if person is not None:  # "the Labor Party of Ana Rojas"
            return person, "leaderOf", "current", RULES["party.possessive_person"]
    return None


def _before_the_seat(doc, i: int, sent: Span) -> int:
    """In "X (Jagajaga, Labor)" the token before the party is the comma after a member's seat:
    the bracket that opens it instead; else `i` as it is."""
    if not (i - 2 >= sent.start and doc[i].text == ","):
        return i
    start = i - 1
    while start > sent.start and i - start <= 3 and doc[start].text[:1].isupper() and doc[start].is_alpha:
        start -= 1
    return start if doc[start].text == "(" and start < i - 1 else i


def _named_before_role(state: ArticleState, noun: Token, sent: Span) -> Entity | None:
    """The person a role noun stands in apposition to: X in "X, a legislator from …"."""
    comma = _comma_before_role(noun, sent)
    return state.entity_at(state.doc[comma - 1], {"Person"}) if comma is not None and comma > sent.start else None


def possessive_leader(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X's PARTY": read besides any other rule of the phrase, since the phrase may name a
    member too ("Y, a member of X's PARTY")."""
    doc = state.doc
    owner = _left_of(party, sent, lambda t: t.dep_ == "amod" or t.pos_ == "ADJ" or t.text in {"-", "–"})
    if owner - 1 >= sent.start and doc[owner].text in {"'s", "’s"} \
            and state.mention_at(party[0], {"PARTY"}) is not None and party.root.dep_ not in {"compound", "amod"}:
        # "Sharma's Harbour Party", "Sharma's centre-right Harbour Party": a party named in
        # full as a named person's is the one that person leads ("the president's party",
        # with no name, says only member).
        person = state.entity_at(doc[owner - 1], {"Person"})
        if person is not None:
            return person, "leaderOf", "current", RULES["party.possessive_person"]
    return None


def _possessive_mark(token: Token) -> bool:
    """"'s", or the bare apostrophe of a plural ("the Greens' Ana Rojas")."""
    return token.text in {"'s", "’s"} or token.tag_ == "POS" and token.text in {"'", "’"}


def party_opener(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"A Republican, she has served …": the sentence opens with the person's party."""
    doc = state.doc
    if party.start - 1 != sent.start or doc[sent.start].lower_ not in {"a", "an"}:
        return None
    comma = next((t.i for t in doc[party.end : min(party.end + 3, sent.end)] if t.text == ","), None)
    if comma is None or comma + 1 >= sent.end or doc[comma + 1].dep_ not in {"nsubj", "nsubjpass"}:
        return None
    person = person_of_token(state, doc[comma + 1])
    return (person, "memberOf", None, RULES["party.opener"]) if person is not None else None


def party_noun_apposition(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X, a Tennessee Republican, said …" and "X, a Democrat from Ohio,": the party word is
    the appositive's head."""
    if party.root.dep_ != "appos" or state.mention_at(party[0], {"PARTY_ADJ"}) is None:
        return None
    person = state.entity_at(party.root.head, {"Person"})
    return (person, "memberOf", None, RULES["party.noun_apposition"]) if person is not None else None


def possessive_party(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"her party, the Greens", "his opposition party, the Greens" → the person "his" or
    "her" refers to; "the Greens, X's ruling party" and "the Greens, of which X is a member"
    → X."""
    doc = state.doc
    after = _described_after(state, party, sent)
    if after is not None:
        return after
    i = _left_of(party, sent, _is_determiner)
    if i - 2 >= sent.start and doc[i].text == "," and doc[i - 1].lower_ == "party":
        j = i - 2
        while j > sent.start and i - 2 - j < 2 and doc[j].pos_ in {"ADJ", "NOUN"}:
            j -= 1  # "her opposition party, the PARTY", "his own ruling party"
        owner = doc[j]
        if owner.lower_ in {"his", "her"}:
            person = antecedent_of(state, owner)
        elif owner.text in {"'s", "’s"} and i - 3 >= sent.start:
            person = state.entity_at(doc[i - 3], {"Person"})
        else:
            person = None
        if person is not None:
            return person, "memberOf", None, RULES["party.possessive"]
    return _possessed_party(state, party, sent)


def _described_after(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"the PARTY, X's (ruling) party": X is a member; "the PARTY, of which X is a member
    (or the leader)": X is one."""
    doc, end = state.doc, party.end
    if end + 3 >= sent.end or doc[end].text != ",":
        return None
    if doc[end + 1].lower_ == "of" and doc[end + 2].lower_ in {"which", "whom"}:
        start = end + 3 + (doc[end + 3].lower_ == "the")
        person = person_after(state, start, sent)
        role = next((t for t in doc[start : min(start + 8, sent.end)] if t.lower_ in LEADER_WORDS | ROLE_WORDS), None)
        if person is None or role is None or negated(role.head):
            return None
        leads = names_a_leader(role, role.lefts)
        return (person, "leaderOf", "current", RULES["party.of_which"]) if leads \
            else (person, "memberOf", None, RULES["party.of_which"])
    person = state.entity_at(doc[end + 1], {"Person"}) or (
        state.entity_at(doc[end + 2], {"Person"}) if doc[end + 1].lower_ in {"mr", "mr.", "mrs", "mrs.", "ms", "ms."} else None)
    if person is None:
        return None
    owner_end = next((t.i for t in doc[end + 1 : min(end + 6, sent.end)] if t.text in {"'s", "’s"}), None)
    words = list(doc[owner_end + 1 : min(owner_end + 4, sent.end)]) if owner_end is not None else []
    party_word = next((i for i, t in enumerate(words) if t.lower_ == "party"), None)
    if party_word is None or any(t.pos_ not in {"ADJ", "NOUN", "VERB"} for t in words[:party_word]):
        return None  # ("ruling" in "X's ruling party" is a participle)
    return person, "memberOf", None, RULES["party.possessive"]


#: What a person's party word may describe and still say the person is of that party.
PARTY_LED_NOUNS = {"government", "administration", "cabinet", "party", "ministry", "colleagues", "colleague"}


def _possessed_party(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X's Conservative government", "X's Democratic administration", "X and his Green
    party", "X's Movement for Democratic Change": the party of a government, administration
    or party that is X's, or a party named in full as X's, is X's own."""
    doc = state.doc
    owner = doc[party.start - 1] if party.start - 1 >= sent.start else None
    described = party[-1] if party[-1].lower_ == "party" else (doc[party.end] if party.end < sent.end else None)
    named_in_full = state.mention_at(party[0], {"PARTY"}) is not None
    if owner is None or not named_in_full and (described is None or described.lemma_.lower() not in PARTY_LED_NOUNS):
        return None
    if owner.lower_ in {"his", "her"}:
        person = antecedent_of(state, owner)
    elif owner.text in {"'s", "’s"} and party.start - 2 >= sent.start:
        person = state.entity_at(doc[party.start - 2], {"Person"})
    else:
        person = None
    return (person, "memberOf", None, RULES["party.possessed"]) if person is not None else None


PARTY_NOUNS = {"nomination", "ticket", "primary", "primaries", "whip", "slate", "list", "caucus", "banner", "label"}
#: Prepositions through which a role is still the subject's ("elected as a Democrat", "a
#: member of", "on the Labour ticket"), unlike "until recently a Republican senator".
PREDICATING_PREPOSITIONS = {"as", "of", "for", "on", "in"}
#: "in the running for", "the race for": what a candidate is in for a party's nomination.
RACE_NOUNS = {"running", "race", "bid", "contest"}

SHARED_WORDS = {"joint", "common", "consensus", "unity", "coalition"}
STAND_VERBS = {"elect", "reelect", "re-elect", "run", "serve", "stand", "sit", "campaign", "win", "seek", "lose", "contest"}
#: Leaving a party: "X left (or quit) the PARTY", "X resigned from the PARTY", "X was expelled from it".
EXIT_VERBS = {"leave", "quit", "resign", "expel", "defect", "abandon", "desert", "split"}
#: Moving to a party: "X defected to the PARTY", "X crossed the floor to the PARTY".
MOVE_VERBS = {"defect", "switch", "cross", "move", "go", "jump"}


def party_predicate(state: ArticleState, party: Span, sent: Span) -> PhraseFinding | None:
    """"X is a member of / a politician for / a candidate of the PARTY", "X joined the
    PARTY", "X was elected as a Democrat", "X sought the Democratic nomination", "X
    founded the PARTY"; and "X, who leads the PARTY", for its leader."""
    token = party.root
    through_as = False
    for _ in range(4):
        head = token.head
        if head == token:
            break
        through_as = through_as or head.lower_ == "as"
        moved = _party_left_or_joined(state, token, head) if token == party.root else None
        if moved is not None:
            return moved
        if head.lemma_ in LEAD_VERBS and token.dep_ == "dobj" and head.pos_ == "VERB":
            subjects = subjects_of(head)
            person = person_of_token(state, subjects[0]) if subjects else None
            status = "former" if head.tag_ == "VBD" else "current"
            return (person, "leaderOf", status, RULES["party.predicate"]) if person is not None else None
        if through_as is False and token.dep_ in {"compound", "amod", "poss"} and head.dep_ == "pobj" \
                and head.head.lower_ == "as" and names_a_leader(head, (c for c in head.children if c.dep_ in {"amod", "compound"})):
            verb = head.head.head  # "step down as Liberal leader", "was elected as Green leader"
            subjects = subjects_of(verb) if verb.pos_ in {"VERB", "AUX"} else []
            person = person_of_token(state, subjects[0]) if subjects else None
            status = "former" if verb.tag_ == "VBD" else "current"  # "resigned as Labour leader"
            return (person, "leaderOf", status, RULES["party.predicate"]) if person is not None else None
        if head.lemma_ in FOUND_VERBS and token.dep_ in {"dobj", "appos"} or head.lemma_ in {"join", "represent"} \
                or _role_noun(head) or head.lower_ in PARTY_NOUNS or (through_as and head.lemma_ in STAND_VERBS) \
                or head.lemma_ in {"run", "stand"} and token.lower_ == "for" and token.dep_ == "prep":  # "runs for the PARTY"
            if any(c.lower_ in SHARED_WORDS for c in head.children):
                return None  # "the joint candidate of A, B and C" belongs to none of them for sure
            anchor = head
            while anchor.dep_ in {"prep", "pobj", "compound", "amod", "attr", "dobj", "appos"} and anchor.head != anchor \
                    and anchor.pos_ not in {"VERB", "AUX"}:
                if anchor.dep_ == "prep" and anchor.lower_ == "for" and anchor.head.lower_ in RACE_NOUNS \
                        and head.lower_ == "nomination":  # "X is in the running for the PARTY nomination"
                    anchor = anchor.head
                    continue
                if anchor.dep_ == "prep" and (anchor.lower_ not in PREDICATING_PREPOSITIONS
                                              or anchor.head.pos_ not in {"VERB", "AUX"}):
                    # "swore in X, until recently a Republican senator", "X fought the plans
                    # of the Republican candidate": not the subject's role
                    return None
                anchor = anchor.head
            if anchor.pos_ in {"VERB", "AUX"} and negated(anchor):
                return None  # "X was never a member of the PARTY"
            if anchor.dep_ == "appos" and anchor.pos_ not in {"VERB", "AUX"} or anchor.dep_ == "acl":
                subjects = [anchor.head]  # "X, a Labour candidate,", "X, elected on the Labour ticket,"
            else:
                subjects = subjects_of(anchor)
            person = person_of_token(state, subjects[0]) if subjects else None
            if person is not None and _role_noun(head) and token.dep_ in {"compound", "nmod", "poss"} \
                    and leader_named({t.lower_ for t in head.lefts} | {head.lower_}, party) \
                    and not any(t.lower_ in LEADER_QUALIFIERS for t in head.lefts):
                # "X was the PARTY general secretary", "X is the Labour leader"
                status = status_from_words([t for t in head.subtree if t.i <= head.i])
                if status == "current" and anchor.lemma_ == "be" and anchor.tag_ == "VBD":
                    status = "former"  # "X was Labour leader"
                return person, "leaderOf", status, RULES["party.predicate"]
            if person is None or head.lower_ in LEADER_WORDS - ROLE_WORDS:
                return None  # "under the party leadership": no membership said
            return person, "memberOf", None, RULES["party.predicate"]
        token = head
    return None


def _role_noun(noun: Token) -> bool:
    """A noun naming a post in a party: "member", "leader", "secretary general"."""
    return noun.lower_ in ROLE_WORDS | LEADER_WORDS or noun.lower_ == "general" and any(
        c.lower_ == "secretary" for c in noun.children)


def _party_left_or_joined(state: ArticleState, token: Token, head: Token) -> PhraseFinding | None:
    """"X left the PARTY", "X resigned from the PARTY" (a former member) and "X defected to
    the PARTY" (a member now); None when `token` hangs from no such verb."""
    verb, preposition = (head.head, head.lower_) if token.dep_ == "pobj" else (head, None)
    if verb.pos_ != "VERB" or negated(verb):
        return None
    if verb.lemma_ in EXIT_VERBS and (preposition == "from" or preposition is None and token.dep_ == "dobj"):
        status = "current" if _not_yet(verb) else "former"  # "X may quit the PARTY": a member still
    elif verb.lemma_ in MOVE_VERBS and preposition == "to":
        status = "current"
    else:
        return None
    subjects = subjects_of(verb)
    person = person_of_token(state, subjects[0]) if subjects else None
    return (person, "memberOf", status, RULES["party.predicate"]) if person is not None else None


def _not_yet(verb: Token) -> bool:
    """Whether the act is only possible, planned or threatened: "may quit", "will leave",
    "threatened to resign from"."""
    return is_future(verb) or verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX
                                                          for c in verb.children)


def names_a_leader(noun: Token, modifiers: Iterable[Token]) -> bool:
    """A leader word names the party's leader unless a word beside it qualifies it
    ("deputy leader", "parliamentary leader")."""
    return noun.lower_ in LEADER_WORDS and not any(t.lower_ in LEADER_QUALIFIERS for t in modifiers)
