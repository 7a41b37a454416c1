"""Stage 5: relations between the article's entities, read from the parse.

Each rule looks for one way news states a relation ("Foreign Minister Ada Okafor",
"Tomas Alves, the President of Brazil", "leader of the Greens", "X will
attend the summit", "X met Y"), resolves both ends to entities, and qualifies the fact
with a status read from the words around it and a confidence for the rule that fired.
Negated, refused and quoted statements give no fact; hedged ones lose confidence.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from graph.extract.entities import Resolution, series_summit_label
from graph.extract.gazetteer import Gazetteer, Known
from graph.extract.mentions import FOUND_VERBS, LEAD_VERBS
from graph.extract.rules import RULES, Rule
from graph.model import Article, Entity, Fact, Mention, entity_key

# --- words that carry meaning for the rules -------------------------------------------
FORMER = {"former", "ex", "ex-", "then", "then-", "late", "erstwhile", "previous", "predecessor", "onetime", "one-time"}
ACTING = {"acting", "interim", "caretaker"}
ELECT = {"elect", "-elect", "incoming", "next", "designate", "presumptive"}
LEADER_WORDS = {"leader", "chairman", "chairwoman", "chair", "co-leader", "coleader", "head", "chief", "president", "boss", "leadership"}
ROLE_WORDS = {"mp", "mps", "member", "members", "politician", "candidate", "lawmaker", "legislator", "deputy", "senator",
              "representative", "congressman", "congresswoman", "councillor", "councilor", "minister", "activist",
              "nominee", "mep", "assemblyman", "assemblywoman", "official", "governor", "mayor", "delegate", "stalwart",
              "veteran", "heavyweight", "figure", "rival", "colleague", "fellow", "spokesman", "spokeswoman",
              "spokesperson", "founder", "co-founder", "cofounder", "whip", "secretary", "treasurer", "loyalist"}
ATTEND_VERBS = {"attend", "join", "participate", "travel", "fly", "head", "arrive", "go", "come", "gather", "convene", "meet",
                "return"}
NEGATING_VERBS = {"skip", "boycott", "decline", "refuse", "miss", "snub", "shun", "cancel", "withdraw", "forgo", "forego", "abandon"}
CONSIDER_WORDS = {"consider", "weigh", "mull", "ponder", "contemplate", "undecided", "explore", "eye"}
HEDGE_AUX = {"may", "might", "could"}
PLAN_WORDS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "want", "prepare", "going", "agree",
              "aim", "seek", "vow", "pledge", "promise", "decide", "arrange", "slate", "poise", "likely"}
MEET_NOUNS = {"talks", "meeting", "summit", "meetings", "summits", "discussions", "negotiations", "dinner", "lunch",
              "breakfast", "banquet", "audience"}
DONE_VERBS = {"manage", "go", "get", "succeed", "proceed", "continue"}
PAIR_WORDS = {"two", "both", "pair", "duo"}
PRONOUNS = {"he", "she", "him", "her", "his"}
_TAKES_OFFICE = re.compile(r"\bwill (take office|be sworn in|be inaugurated|assume office)|\bis due to take office", re.I)
_NP_MODIFIERS = {"amod", "advmod", "compound", "det", "poss", "nummod", "npadvmod", "case"}
LEADER_QUALIFIERS = {"parliamentary", "deputy", "regional", "state", "local", "youth", "provincial", "senate",
                     "house", "floor", "caucus", "vice", "branch", "district", "county", "city", "campaign",
                     "central", "senior", "top", "prominent", "key", "veteran", "local"}
_US_PARTY_TAG = re.compile(r"^\s*(?:\(\s*([DRI])\s*[-–,]|,\s*([DRI])\s*[-–])\s*[A-Z]")  # "(D-Ill.)", ", R-Texas,"

#: Marks facts that follow from another fact rather than from a rule reading the text.

#: Kinds of title whose country can be the article's home country: a governor's or mayor's
#: place ("Georgia Governor X") says little about which country "President Y" leads.
NATIONAL_KINDS = {"head", "minister", "royal", "legislator"}
#: Common nouns the gazetteer lists as titles that, after "his" or "her", name a relation to
#: a person ("his deputy") rather than an office.
#: Bare titles a portfolio word can precede ("Tourism Minister").
PORTFOLIO_TITLES = {"minister", "secretary", "ministre"}
#: Titles that, right after a party's name, are posts in the party.
PARTY_POSTS = {"president", "chairman", "chairwoman", "chair", "secretary", "secretary-general", "secretary general",
               "general secretary", "vice president", "vice-president", "leader", "spokesman", "spokeswoman"}
PERSONAL_TITLE_WORDS = {"deputy", "lawmaker", "legislator"}
_INFERRED = RULES["inferred.leader_is_member"]

@dataclass
class _Article:
    """Everything the rules share while reading one article."""

    doc: Doc
    article: Article
    gazetteer: Gazetteer
    resolution: Resolution
    mentions: list[Mention]
    spans: list[Span]  # token span of each mention
    at_token: dict[int, list[int]]  # token index → indexes of the mentions covering it
    entities: dict[str, Entity]
    facts: list[Fact] = field(default_factory=list)
    holders: dict[str, dict[str, str]] = field(default_factory=dict)  # title key → {person key: office's country key}
    home: str | None = None  # country key of the first office the article places: bare titles default to it
    in_quote: set[int] = field(default_factory=set)
    text: str = ""  # doc.text, taken once: spaCy rebuilds it on every access
    by_sentence: dict[int, list[int]] = field(default_factory=dict)  # sentence start token → mention indexes
    starts: list[int] = field(default_factory=list)  # first token of each mention (non-decreasing), for bisect
    head_offices: dict[str, str] = field(default_factory=dict)  # country key → office key of its head ("President of …")

    def mentions_before(self, position: int) -> range:
        """Indexes of the mentions that start before token `position`, nearest first."""
        return range(bisect.bisect_left(self.starts, position) - 1, -1, -1)

    def in_sentence(self, sent: Span, labels: set[str]) -> list[tuple[int, Span]]:
        """The mentions that start in this sentence, with these labels (per sentence, so
        the rules stay linear in the article's length)."""
        return [(i, self.spans[i]) for i in self.by_sentence.get(sent.start, ()) if self.mentions[i].label in labels]

    def entity_at(self, token: Token, types: set[str]) -> Entity | None:
        for index in self.at_token.get(token.i, ()):
            entity = self.resolution.entity_at(self.mentions, index)
            if entity is not None and entity.type in types:
                return entity
        return None

    def mention_at(self, token: Token, labels: set[str]) -> tuple[int, Mention] | None:
        for index in self.at_token.get(token.i, ()):
            if self.mentions[index].label in labels:
                return index, self.mentions[index]
        return None


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
    state = _Article(doc=doc, article=article, gazetteer=gazetteer, resolution=resolution, mentions=mentions,
                     spans=spans, at_token=at_token, entities=dict(resolution.entities), in_quote=quoted_tokens(doc),
                     text=doc.text, by_sentence=by_sentence, starts=starts)
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        _offices(state, sent)
        _predecessors(state, sent)
        _administrations(state, sent)
        _parties(state, sent)
        _attendance(state, sent)
        _participant_list(state, sent)
        _participants_included(state, sent)
        _invitations(state, sent)
        _hosting(state, sent)
        _meetings(state, sent)
    _series_organisers(state)
    return state.entities, _deduplicated(state.facts + _memberships_of_leaders(state.facts))


def _memberships_of_leaders(facts: list[Fact]) -> list[Fact]:
    """A party's leader is one of its members (kg:leaderOf is a sub-property of kg:memberOf),
    so each leaderOf fact also states memberOf, marked as inferred. Leaving the leadership
    does not say the person left the party, so only a current leader is a current member."""
    return [replace(fact, relation="memberOf", status="current" if fact.status == "current" else None,
                    confidence=round(fact.confidence * _INFERRED.confidence, 3), extractor=_INFERRED.extractor)
            for fact in facts if fact.relation == "leaderOf"]


# --- shared helpers -------------------------------------------------------------------

def quoted_tokens(doc: Doc) -> set[int]:
    """Token indexes inside quoted speech; a quote never runs past a line break. A few
    quoted words without a verb are a name or a label ("the 'New Whigs'"), not speech."""
    inside, quoted, current = False, set(), []

    def close() -> None:
        if len(current) > 4 or any(doc[i].pos_ in {"VERB", "AUX"} for i in current):
            quoted.update(current)
        current.clear()

    for token in doc:
        if token.text in {"“", "«"}:
            close()
            inside = True
        elif token.text in {"”", "»"} or token.text == '"' and inside:
            close()
            inside = False
        elif token.text == '"':
            inside = True
        elif "\n" in token.text or "\n" in token.whitespace_:
            close()
            inside = False
        elif inside:
            current.append(token.i)
    close()
    return quoted


def _add(state: _Article, subject: Entity, relation: str, obj: Entity, status: str | None,
         rule: Rule, sent: Span, anchor: Token) -> None:
    if subject.key == obj.key or anchor.i in state.in_quote:
        return
    confidence = rule.confidence * _hedge_factor(sent, anchor)
    state.facts.append(Fact(subject=subject.key, relation=relation, object=obj.key, status=status,
                            confidence=round(confidence, 3), sentence=sent.text.strip(),
                            start=sent.start_char, end=sent.end_char, valid_at=_valid_at(state.article, status),
                            extractor=rule.extractor))


def _valid_at(article: Article, status: str | None) -> str | None:
    """Current facts held at the article's date; that is the one date we always know."""
    return article.date if status in {"current", "acting", "attended", "held"} else None


def _hedge_factor(sent: Span, anchor: Token) -> float:
    """Questions, conditionals and speculation weaken what a sentence states."""
    factor = 1.0
    if sent.text.rstrip().endswith("?"):
        factor *= 0.5
    if any(t.lower_ in {"if", "unless", "whether"} and t.i < anchor.i for t in sent):
        factor *= 0.7
    if any(t.lower_ in HEDGE_AUX and t.dep_ == "aux" and t.head == anchor.head for t in sent):
        factor *= 0.8
    return factor


def _deduplicated(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object): the most confident statement of it;
    `meets` is symmetric, so its pair is ordered."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        s, o = (fact.subject, fact.object)
        if fact.relation == "meets" and o < s:
            s, o = o, s
        key = (s, fact.relation, o)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return list(best.values())


def _words_before(token: Token, limit: int = 4) -> list[Token]:
    """The tokens of the same noun phrase before `token`, nearest first."""
    out = []
    for i in range(token.i - 1, max(token.sent.start, token.i - limit) - 1, -1):
        t = token.doc[i]
        if t.text in {",", ";", ":", "(", ")"} or t.is_space:
            break
        if t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"} and t.dep_ not in _NP_MODIFIERS:
            break
        out.append(t)
    return out


def _status_from_words(words: list[Token], default: str = "current") -> str:
    lowered = {w.lower_.strip("-") for w in words} | {w.lower_ for w in words}
    if lowered & FORMER:
        return "former"
    if lowered & ACTING:
        return "acting"
    if lowered & ELECT:
        return "elect"
    return default


def _title_status(state: _Article, title: Span) -> str:
    """Status cues around a title: "former …", "then-…", "acting …", "…-elect", and
    "newly elected … will take office"."""
    doc = title.doc
    words = _words_before(title[0], 5)
    if any(w.lower_ == "elected" for w in words) and _TAKES_OFFICE.search(title.sent.text):
        return "elect"
    if title.start >= 2 and doc[title.start - 1].lower_ == "as" and doc[title.start - 2].lower_ in {"predecessor", "predecessors"}:
        return "former"  # "her predecessor as President of Brazil, Tomas Alves"
    after = doc[title.end : min(title.end + 2, len(doc))]
    for t in after:
        if t.lower_ in {"-elect", "elect"} or t.lower_.endswith("-elect"):
            return "elect"
    if any(t.lower_.endswith("-elect") for t in title):
        return "elect"
    return _status_from_words(words)


def _country_near(state: _Article, tokens: list[Token]) -> Entity | None:
    """The country (or known international organisation) an office belongs to, from these words.

    Organisations the model found on its own ("German Federal Chancellor" tagged ORG)
    are not trusted as the owner of an office."""
    for t in tokens:
        entity = state.entity_at(t, {"Country", "Organization"})
        if entity is not None and (entity.type == "Country" or entity.key in state.gazetteer):
            return entity
    return None


_CHAMBER = re.compile(r"\b(Assembly|Parliament|Bundestag|Bundesrat|Congress|House of|Diet|Duma|Knesset|Sejm|"
                      r"Majlis|Riksdag|Storting|Cortes|Lok Sabha|Rajya Sabha)\b")


def _chamber(state: _Article, place: Entity) -> Entity | None:
    """The legislature the article names for this country ("the National Assembly",
    "the Bundestag"): a legislator's or speaker's office belongs to it."""
    for entity in state.entities.values():
        if entity.type == "Organization" and _CHAMBER.search(entity.label) and entity.country in {None, place.key}:
            return entity
    return None


def _house_named_in_title(state: _Article, place: Entity, title_span: Span) -> Entity | None:
    """"House Speaker X" in an article that names no chamber: the country's lower house the
    gazetteer knows ("United States House of Representatives")."""
    if "house" not in title_span.text.lower():
        return None
    house = next((k for k in state.gazetteer.entries("Organization") if k.country == place.key and "House" in k.label), None)
    return _entity_for_key(state, house.key) if house is not None else None


def _chamber_office(title: Known, chamber: Entity, place: Entity, place_adjectives: tuple[str, ...]) -> str:
    """"Speaker of the National Assembly of Kenya", "Member of the Bundestag"."""
    base = "Member" if title.label.startswith("Member of") else title.label
    name = chamber.label if chamber.label.startswith("the ") else "the " + chamber.label
    if chamber.country is None and not any(n in chamber.label for n in (place.label, *place_adjectives)):
        name += f" of {place.label}"  # a generic name ("National Assembly") needs its country
    return f"{base} of {name}"


def _titled(title: Known, portfolio: str | None) -> str:
    return f"{title.label} of {portfolio}" if portfolio else title.label


def _portfolio(state: _Article, title: Span) -> str | None:
    """The capitalised words before a bare "Minister" that name its portfolio
    ("Tourism" in "Indonesian Tourism Minister")."""
    if title.text.lower() not in PORTFOLIO_TITLES:
        return None
    words = []
    for token in reversed(_words_before(title[0], 3)):
        if token.text[:1].isupper() and token.is_alpha and not state.at_token.get(token.i) and token.lower_ not in FORMER | ACTING | ELECT:
            words.append(token.text)
        else:
            words.clear()
    return " ".join(words) or _portfolio_after(state, title)


def _portfolio_after(state: _Article, title: Span) -> str | None:
    """"Minister of Public Works and Housing": the capitalised words after "of",
    when they name no country or known body."""
    doc = title.doc
    if title.end + 1 >= title.sent.end or doc[title.end].lower_ != "of":
        return None
    end = title.end + 1
    while end < title.sent.end and (doc[end].text[:1].isupper() and doc[end].is_alpha or doc[end].lower_ == "and") \
            and not any(state.mentions[i].key or state.mentions[i].label in {"PERSON", "NAME"} for i in state.at_token.get(end, ())):
        end += 1
    while end > title.end + 1 and doc[end - 1].lower_ == "and":
        end -= 1
    return doc[title.end + 1 : end].text or None


def _free_country_before(state: _Article, title_span: Span) -> Entity | None:
    """A country named earlier in the sentence ("Australia said ..., Foreign Minister X
    said") that is not already the country of another title ("U.S. President ...") and
    not inside a quotation; a country that is a subject wins over a nearer one."""
    doc = state.doc
    free: list[tuple[Token, Entity]] = []
    for token in doc[title_span.sent.start : title_span.start]:
        entity = None if token.i in state.in_quote else state.entity_at(token, {"Country"})
        if entity is None or _describes_a_thing(state, token):
            continue
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].text in {"'s", "’s"}:
            nxt += 1
        if nxt < len(doc) and (state.mention_at(doc[nxt], {"TITLE"}) or state.entity_at(doc[nxt], {"Person"})):
            continue  # "U.S. President X", "France's Foreign Minister": that country is taken
        free.append((token, entity))
    subjects = [entity for token, entity in free if token.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        return subjects[0]
    return free[-1][1] if free else None


def _describes_a_thing(state: _Article, token: Token) -> bool:
    """A demonym describing a common noun ("Indian affairs", "French wine") says nothing
    about which country a later title belongs to."""
    head = token.head
    return state.mention_at(token, {"DEMONYM"}) is not None and token.dep_ in {"amod", "compound"} \
        and head.pos_ == "NOUN" and state.mention_at(head, {"TITLE"}) is None


def _implied_place(state: _Article, person: Entity, title: Known, title_span: Span) -> tuple[Entity | None, float]:
    """The country of a bare title ("Foreign Minister X"): the person's known country, a
    free country earlier in the sentence, the article's home country (that of the first
    office it placed) when the article is mostly about it, or the one country the article
    is about (for national titles: a governor or judge there serves a state or court).
    Otherwise nothing: a guess across a many-country article is wrong more often than right."""
    known = state.gazetteer.by_key.get(person.key)
    if known is not None and known.country:
        return _entity_for_key(state, known.country), 1.0
    sentence_country = _free_country_before(state, title_span)
    if sentence_country is not None:
        return sentence_country, 0.75
    countries = state.resolution.countries
    if state.home and state.home in countries[:2]:
        return _entity_for_key(state, state.home), 0.8
    if state.home is None and len(countries) == 1 and title.extra.get("kind") in NATIONAL_KINDS | {"legislator"} \
            and _mention_count(state, countries[0]) >= 2:
        return _entity_for_key(state, countries[0]), 0.7  # the only country the article is about
    return None, 0.0


def _mention_count(state: _Article, country_key: str) -> int:
    """How many mentions name this country or something of it (a party, a leader)."""
    count = 0
    for index in range(len(state.mentions)):
        entity = state.resolution.entity_at(state.mentions, index)
        count += entity is not None and country_key in {entity.key, entity.country}
    return count


def _party_country_near(state: _Article, tokens: list[Token]) -> Entity | None:
    """The country of a party named before a title ("Republican Senator X" → United States)."""
    for t in tokens:
        party = state.entity_at(t, {"PoliticalParty"})
        if party is not None and party.country:
            return _entity_for_key(state, party.country)
    return None


def _office(state: _Article, title: Known, place: Entity | None, person: Entity,
            portfolio: str | None, title_span: Span) -> tuple[Entity, float] | None:
    """The Office "<Title> of <Country>", with the country from the text, else from what
    we know of the person, else from the article's dominant country. An organisation's
    officer ("Managing Director", "Secretary-General") needs the organisation named: a
    party's secretary-general is no office of its country."""
    confidence = 1.0
    if title.country:  # a title only one country has ("Pope")
        place = _entity_for_key(state, title.country)
    if place is None and not title.extra.get("body_only"):
        place = _party_country_near(state, _words_before(title_span[0], 4))
        if place is None and not title.extra.get("local"):  # a mayor's or governor's place is a city or state
            place, confidence = _implied_place(state, person, title, title_span)
    if place is None:
        return None
    if state.home is None and place.type == "Country" and title.extra.get("kind") in NATIONAL_KINDS:
        state.home = place.key
    known_place = state.gazetteer.by_key.get(place.key)
    name = place.label
    if known_place is not None and known_place.extra.get("the") or (place.type == "Organization" and len(name.split()) > 1 and not name.isupper()):
        name = "the " + name
    chamber = None
    if title.label in {"Member of Parliament", "Speaker", "Deputy Speaker"}:
        chamber = place if place.type == "Organization" and _CHAMBER.search(place.label) else (
            _chamber(state, place) or _house_named_in_title(state, place, title_span))
    demonyms = tuple(known_place.extra.get("demonyms", ())) if known_place is not None else ()
    label = _chamber_office(title, chamber, place, demonyms) if chamber else f"{_titled(title, portfolio)} of {name}"
    if title.country:
        label = title.label  # "Pope", not "Pope of Vatican City"
    key = entity_key("Office", label)
    office = state.entities.get(key) or Entity(key=key, type="Office", label=label, country=place.key)
    state.entities[key] = office
    state.entities.setdefault(place.key, place)
    return office, confidence


def _entity_for_key(state: _Article, key: str | None) -> Entity | None:
    if key is None:
        return None
    if key in state.entities:
        return state.entities[key]
    known = state.gazetteer.by_key.get(key)
    if known is None:
        return None
    return Entity(key=known.key, type=known.type, label=known.label, wikidata=known.wikidata, country=known.country)


def _person_after(state: _Article, index: int, sent: Span) -> Entity | None:
    """The person named right at token `index` (skipping an honorific)."""
    while index < sent.end and state.doc[index].lower_ in {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"}:
        index += 1
    if index >= sent.end:
        return None
    return state.entity_at(state.doc[index], {"Person"})


# --- offices --------------------------------------------------------------------------

def _offices(state: _Article, sent: Span) -> None:
    for index, title in state.in_sentence(sent, {"TITLE"}):
        known = state.gazetteer.by_key.get(state.mentions[index].key)
        if known is None or _personal_title(title) or _party_post(state, title) \
                or _title_of_unknown_body(state, title, known):
            continue
        found = _title_before_name(state, title, sent) or _apposition(state, title, sent) \
            or _predicative(state, title, sent) or _nearby_person(state, title, sent)
        if found is None:
            continue
        person, place, status, rule = found
        home = state.home
        office = _office(state, known, place, person, _portfolio(state, title), title)
        if rule.candidate_only:
            state.home = home  # a mere candidate must not set the country bare titles default to
        if office is None:
            continue
        _add(state, person, "holdsOffice", office[0], status, rule.scaled(office[1]), sent, title[0])
        if rule.candidate_only:
            continue
        if known.extra.get("kind") == "head" and office[0].country:
            state.head_offices.setdefault(office[0].country, office[0].key)
        if status in {"current", "acting"}:
            holders = state.holders.setdefault(known.key, {})
            holders.pop(person.key, None)  # the latest holder named comes last
            holders[person.key] = office[0].country or ""


def _title_of_unknown_body(state: _Article, title: Span, known: Known) -> bool:
    """"Toyota President X", "Equity Bank chairman X", "treasurer of the Brewers' Guild": a
    name right before the title, or an organisation the model found right after "of", that
    is no country, party or body we know makes it that body's post, not the state's."""
    if not title.start or title.text.lower() in PORTFOLIO_TITLES:  # "Tourism Minister": a portfolio
        return False
    doc = title.doc
    after = title.end + 2 if title.end + 2 < len(doc) and doc[title.end + 1].lower_ == "the" else title.end + 1
    chamber_seat = known.extra.get("kind") == "legislator"  # "Speaker of the Riksdag" is the state's
    if title.end < len(doc) and doc[title.end].lower_ == "of" and after < len(doc) and not chamber_seat:
        body = state.mention_at(doc[after], {"ORG"})
        if body is not None and body[1].key is None and state.mention_at(doc[after], {"COUNTRY"}) is None:
            return True
    before = doc[title.start - 1]
    if before.pos_ != "PROPN" or not before.text[:1].isupper() or before.lower_ in FORMER | ACTING | ELECT:
        return False
    if state.mention_at(before, {"COUNTRY", "DEMONYM", "PARTY", "PARTY_ADJ", "TITLE"}) is not None:
        return False
    known_body = state.entity_at(before, {"Organization"})
    return known_body is None or known_body.key not in state.gazetteer


def _party_post(state: _Article, title: Span) -> bool:
    """"the Congress party president", "SPD chairman": a post in a party, not in the state
    (a party adjective before "Senator" or "Governor" only says which party)."""
    if not title.start:
        return False
    before = title.doc[title.start - 1]
    in_party_name = state.mention_at(before, {"PARTY", "PARTY_ADJ"}) is not None
    return before.text == "party" and not in_party_name or title.text.lower() in PARTY_POSTS and in_party_name


def _personal_title(title: Span) -> bool:
    """"his deputy, X": the title word names X's relation to someone, not an office."""
    before = title.doc[title.start - 1] if title.start else None
    return title.text.lower() in PERSONAL_TITLE_WORDS and before is not None and before.lower_ in {"his", "her", "their"}


def _title_before_name(state, title: Span, sent: Span):
    """"(former) Chilean President Ana Rojas", "Chancellor Jonas Berg of Austria",
    "Prime Minister of Australia Ana Rojas"."""
    index = title.end
    doc = state.doc
    while index < sent.end and (doc[index].lower_ in {"-elect", "elect", "-"} or doc[index].text == "("):
        index += 1
    owner = None
    if index + 1 < sent.end and doc[index].lower_ == "of":
        country_at = index + 2 if doc[index + 1].lower_ == "the" else index + 1
        owner = state.entity_at(doc[country_at], {"Country"}) if country_at < sent.end else None
        if owner is not None:
            index = _end_of_mention(state, country_at)
    person = _person_after(state, index, sent)
    if person is None:
        return None
    before = _words_before(title[0], 5)
    place = owner or _country_near(state, before + list(title))
    person_end = _end_of_person(state, index)
    if place is None and person_end + 1 < sent.end and doc[person_end].lower_ == "of":
        place = _country_near(state, [doc[person_end + 1], doc[min(person_end + 2, sent.end - 1)]])
    if place is None:
        place = _of_place(state, title, sent)
    return person, place, _title_status(state, title), RULES["office.title_before_name"]


def _nearby_person(state, title: Span, sent: Span):
    """A title with the nearest person named within a few words, in no construction the
    rules above know: only a candidate, which the relation model keeps or drops."""
    people = [(abs(span.start - title.end) if span.start >= title.end else abs(title.start - span.end), entity)
              for index, span in state.in_sentence(sent, {"PERSON", "NAME"})
              if (entity := state.resolution.entity_at(state.mentions, index)) is not None and entity.type == "Person"]
    near = [(gap, entity) for gap, entity in people if gap <= 8]
    if not near:
        return None
    person = min(near, key=lambda pair: pair[0])[1]
    place = _country_near(state, _words_before(title[0], 5) + list(title)) or _of_place(state, title, sent)
    return person, place, _title_status(state, title), RULES["office.nearby"]


def _end_of_mention(state, index: int) -> int:
    """The token after the longest mention that covers token `index`."""
    spans = [state.spans[i] for i in state.at_token.get(index, ()) if state.spans[i] is not None]
    return max((span.end for span in spans), default=index + 1)


def _end_of_person(state, index: int) -> int:
    hit = state.mention_at(state.doc[index], {"PERSON", "NAME"})
    return state.spans[hit[0]].end if hit else index + 1


def _of_place(state, title: Span, sent: Span) -> Entity | None:
    """"President of France", "Secretary-General of the United Nations": the country or
    body right after "of (the)", not one inside another name ("of the Brewers' Union of
    South America")."""
    doc = state.doc
    if title.end < sent.end and doc[title.end].lower_ == "of":
        first = title.end + 2 if title.end + 2 < sent.end and doc[title.end + 1].lower_ == "the" else title.end + 1
        return _country_near(state, [doc[first]]) if first < sent.end else None
    return None


def _apposition(state, title: Span, sent: Span):
    """"Tomas Alves, the President of Brazil," and "The President of Chile, Ana Rojas,"."""
    doc = state.doc
    before = _words_before(title[0], 5)
    place = _country_near(state, before + list(title)) or _of_place(state, title, sent)
    status = _title_status(state, title)
    # name, [the] [country's] title
    start = before[-1].i if before else title.start
    if start - 1 > sent.start and doc[start - 1].text == ",":
        person = state.entity_at(doc[start - 2], {"Person"})
        if person is not None:
            return person, place, status, RULES["office.apposition"]
    # [the] title [of X] [(...)] , name
    index = title.end
    if index < sent.end and doc[index].lower_ == "of":
        index += 1
        while index < sent.end and (doc[index].lower_ == "the" or state.entity_at(doc[index], {"Country", "Organization"})):
            index += 1
    if index < sent.end and doc[index].text == "(":
        while index < sent.end and doc[index].text != ")":
            index += 1
        index += 1
    if index + 1 < sent.end and doc[index].text == ",":
        person = _person_after(state, index + 1, sent)
        if person is not None:
            return person, place, status, RULES["office.title_first_apposition"]
    return None


def _predicative(state, title: Span, sent: Span):
    """"X was elected the next President of Chile", "X became prime minister"."""
    head = title.root
    if head.dep_ not in {"attr", "oprd", "pobj"}:
        return None
    verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "as" else head.head
    if verb.lemma_ not in {"be", "become", "elect", "appoint", "name", "swear", "inaugurate", "serve", "remain", "nominate", "install", "choose", "select"}:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "xcomp":  # "X is expected to be sworn in as …"
        subject = next(iter(_subjects(verb)), None)
    person = _person_of_token(state, subject) if subject is not None else _person_before_auxiliaries(state, verb)
    if verb.lemma_ in {"elect", "appoint", "name", "nominate", "choose", "select", "install", "swear", "inaugurate"}:
        # the one elected or sworn in: "swore in X as vice president" parses X under "in"
        objects = [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        person = next((p for p in (_person_of_token(state, t) for t in objects) if p is not None), person)
    if person is None:
        return None
    words = _words_before(title[0], 4)
    status = _status_from_words(words + [verb], default="current")
    if status == "current" and verb.lemma_ in {"serve", "be", "remain"} and verb.tag_ in {"VBD", "VBN"} \
            and (verb.lemma_ == "serve" or _closed_period(verb)):
        status = "former"
    if status == "current" and verb.lemma_ in {"elect", "appoint", "nominate", "choose", "select", "swear", "inaugurate",
                                               "become"} and _is_future(verb):
        status = "elect"
    place = _country_near(state, words) or _of_place(state, title, sent)
    return person, place, status, RULES["office.predicative"]


def _closed_period(verb: Token) -> bool:
    """"was … until 2019", "up to 2015 he was …", "was … from 2015 to 2017": the text gives
    the end."""
    tokens = sorted(verb.subtree, key=lambda t: t.i)
    for position, token in enumerate(tokens):
        if token.lower_ in {"until", "till"} or token.lower_ == "up" and position + 1 < len(tokens) \
                and tokens[position + 1].lower_ == "to":
            return True
        if token.lower_ == "from" and any(t.lower_ in {"to", "–", "-"} and t.i + 1 < len(t.doc) and
                                          (t.doc[t.i + 1].like_num or t.doc[t.i + 1].text[:1].isupper())
                                          for t in tokens[position + 1 :]):
            return True
    return False


def _person_before_auxiliaries(state: _Article, verb: Token) -> Entity | None:
    """The person right before a subjectless verb's auxiliaries ("Rojas being elected")."""
    first = min([c.i for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i] + [verb.i])
    return state.entity_at(state.doc[first - 1], {"Person"}) if first > verb.sent.start else None


ADMINISTRATION_NOUNS = {"administration", "government", "presidency", "cabinet"}


def _administrations(state: _Article, sent: Span) -> None:
    """"South Korea's last administration, which was led by X" and "the X administration":
    X headed the country's government, so held the head's office the article names for it
    ("President of South Korea"); formerly when the text says so or someone else holds it now."""
    for noun in sent:
        if noun.lower_ not in ADMINISTRATION_NOUNS or noun.pos_ != "NOUN":
            continue
        leaders = [c for c in noun.children if c.dep_ in {"compound", "poss"}] + [
            g for v in noun.children if v.dep_ in {"relcl", "acl"} and v.lemma_ in LEAD_VERBS
            for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        people = [p for t in leaders if (p := state.entity_at(t, {"Person"})) is not None]
        country = next((c for t in noun.children if (c := state.entity_at(t, {"Country"})) is not None), None)
        past = any(t.lower_ in FORMER | {"last", "past"} for t in noun.children) or any(
            v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in v.children) for v in noun.children if v.dep_ in {"relcl", "acl"})
        for person in people:
            known = state.gazetteer.by_key.get(person.key)
            country_key = country.key if country is not None else (known.country if known is not None else state.home)
            office_key = state.head_offices.get(country_key or "")
            if office_key is None:
                continue
            others_now = any(f.object == office_key and f.status == "current" and f.subject != person.key for f in state.facts)
            status = "former" if past or others_now else "current"
            _add(state, person, "holdsOffice", state.entities[office_key], status, RULES["office.administration"], sent, noun)


def _predecessors(state: _Article, sent: Span) -> None:
    """"Rojas's predecessor, Tomas Alves,": Alves formerly held the office Rojas holds now."""
    for noun in sent:
        if noun.lower_ != "predecessor" or any(c.lower_ == "as" for c in noun.children):
            continue  # "predecessor as President of Brazil" names the office itself
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        holder = _person_of_token(state, owner) if owner is not None else None
        named = next((c for c in noun.children if c.dep_ == "appos"), None)
        person = _person_of_token(state, named) if named is not None else None
        if holder is None or person is None or holder == person:
            continue
        offices = {f.object for f in state.facts if f.subject == holder.key and f.relation == "holdsOffice"
                   and f.status in {"current", "acting"}}
        for key in sorted(offices):
            _add(state, person, "holdsOffice", state.entities[key], "former", RULES["office.predecessor"], sent, noun)


# --- people and pronouns --------------------------------------------------------------

def _person_of_token(state: _Article, token: Token) -> Entity | None:
    """The person a token names, or refers to as a pronoun or a bare title."""
    person = state.entity_at(token, {"Person"})
    if person is not None:
        return person
    if token.lower_ in PRONOUNS:
        return _antecedent(state, token)
    title = state.mention_at(token, {"TITLE"})
    if title is None:
        return None
    named = _person_after(state, state.spans[title[0]].end, token.sent) if state.spans[title[0]] is not None else None
    return named or _holder(state, title[1].key)  # "Prime Minister Fumio Kishida" is Kishida, not the holder


def _holder(state: _Article, title_key: str) -> Entity | None:
    """Who "the president" is: the one current holder of that title the article named, or
    among several (a president of Kenya and one of Tanzania), the home country's, the one
    named last; with none of the home country, nobody."""
    holders = state.holders.get(title_key, {})
    if len(holders) > 1:
        holders = {person: place for person, place in holders.items() if place == state.home}
    return state.entities.get(list(holders)[-1]) if holders else None


_SAME_PERSON = ({"he", "him", "his"}, {"she", "her"})


def _antecedent(state: _Article, pronoun: Token, depth: int = 0) -> Entity | None:
    """The last person before the pronoun, preferring subjects ("he" after "Alves said").
    An earlier "she" as subject continues the chain ("She will attend …. She is then
    expected …" is one person), and so does a title as subject ("The new prime minister …")."""
    kind = next((k for k in _SAME_PERSON if pronoun.lower_ in k), set())
    fallback = None
    for index in range(pronoun.i - 1, max(0, pronoun.i - 80), -1):
        token = state.doc[index]
        subject = token.dep_ in {"nsubj", "nsubjpass"}
        if subject and token.lower_ in kind and depth < 3:
            return _antecedent(state, token, depth + 1) or fallback
        person = state.entity_at(token, {"Person"})
        if person is None and subject and (title := state.mention_at(token, {"TITLE"})) is not None:
            person = _holder(state, title[1].key)
        if person is None:
            continue
        if subject or token.head.dep_ in {"nsubj", "nsubjpass"}:
            return person
        fallback = fallback or person
    return fallback


def _people_and_countries(state: _Article, token: Token, types=frozenset({"Person", "Country"})) -> list[Entity]:
    """The entities a subject or object token stands for, following "X and Y" and
    "leaders of X and Y"."""
    out: list[Entity] = []
    for t in [token, *_conjuncts(token)]:
        entity = state.entity_at(t, set(types)) or (_person_of_token(state, t) if "Person" in types else None)
        if entity is not None:
            out.append(entity)
        elif t.lower_ in {"leaders", "leader", "delegation", "delegations", "heads", "representatives", "president", "presidents", "officials"}:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    out.extend(_people_and_countries(state, next(iter(child.children), child), types))
                elif child.dep_ in {"poss", "compound", "amod"}:
                    entity = state.entity_at(child, set(types))
                    if entity is not None:
                        out.append(entity)
    return out


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.subtree if t.dep_ == "conj" and t.head.i in {token.i, *[c.i for c in token.subtree]}]


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, climbing through "plans to attend" and "is considering
    attending", and from "who" to the name a relative clause hangs on."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and current.dep_ == "relcl" and subjects[0].lower_ in {"who", "which", "that"}:
            return [current.head]
        if subjects:
            return subjects
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "Before joining the party, she …"
        elif current.dep_ in {"xcomp", "ccomp", "advcl", "conj", "pcomp"} and current.head != current:
            current = current.head
        else:
            break
    return []


def _verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it complements ("attend" ← "plans" ← "said")."""
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "ccomp", "pcomp", "acomp"} and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


NEGATIVE_SUBJECTS = {"neither", "none", "nobody", "noone", "nor"}


def _negated(verb: Token) -> bool:
    """Negation, refusal, or a negative subject ("neither attended", "none of them")."""
    for subject in _subjects(verb):
        if subject.lower_ in NEGATIVE_SUBJECTS or any(t.lower_ in NEGATIVE_SUBJECTS for t in subject.subtree):
            return True
    for v in _verb_chain(verb):
        if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} | NEGATIVE_SUBJECTS for c in v.children):
            return True
        if v.lemma_ in NEGATING_VERBS:
            return True
    return False


def _is_future(verb: Token) -> bool:
    """Future or planned, also when the auxiliary sits on the first of two joined verbs
    ("will travel to Rome and attend")."""
    chain = _verb_chain(verb) + (_verb_chain(verb.head) if verb.dep_ == "conj" else [])
    for v in chain:
        if any(c.lower_ in {"will", "'ll", "shall", "would"} and c.dep_ in {"aux", "auxpass"} for c in v.children):
            return True
        if v.lemma_ in PLAN_WORDS or v.lower_ in {"expected", "scheduled", "set", "due", "slated"}:
            return True
    return False


def _modality(verb: Token) -> str:
    chain = _verb_chain(verb)
    if any(v.lemma_ in CONSIDER_WORDS or any(c.lower_ in HEDGE_AUX for c in v.children) for v in chain):
        return "considering"
    if _is_future(verb) or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "planned"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in verb.children):
        return "attended"
    if verb.tag_ in {"VB", "VBP", "VBZ"}:
        return "planned"
    return "attended"


# --- parties --------------------------------------------------------------------------

def _parties(state: _Article, sent: Span) -> None:
    for index, span in state.in_sentence(sent, {"PARTY", "PARTY_ADJ", "ORG", "NAME"}):
        party = state.resolution.entity_at(state.mentions, index)
        if party is None or party.type != "PoliticalParty":
            continue
        for rule in (_party_role_before_name, _leader_apposition, _party_of_person, _possessive_party, _party_predicate,
                     _party_opener, _party_noun_apposition):
            found = rule(state, span, sent)
            if found:
                person, relation, status, rule = found
                _add(state, person, relation, party, status, rule, sent, span[0])
                break
        for person, relation, status in _party_participles(state, span) + _running_mates(state, span) \
                + _chosen_by_party(state, span) + _leader_under(state, span):
            _add(state, person, relation, party, status, RULES["party.clause"], sent, span[0])
    for token in sent:
        if token.lower_ == "its":
            _its_role(state, token, sent)
        elif token.lower_ == "party" and token.dep_ in {"compound", "poss"} and token.head.lower_ in LEADER_WORDS | ROLE_WORDS:
            _party_role_without_name(state, token, sent)
        elif token.lower_ == "party" and token.dep_ == "dobj" and token.head.lemma_ in LEAD_VERBS:
            _leading_the_party(state, token, sent)
    for person_index, span in state.in_sentence(sent, {"PERSON", "NAME"}):
        match = _US_PARTY_TAG.match(state.text[span.end_char : span.end_char + 12])
        person = state.resolution.entity_at(state.mentions, person_index)
        if match and person is not None and person.type == "Person":
            party = _us_party(state, match.group(1) or match.group(2))
            if party is not None:
                _add(state, person, "memberOf", party, None, RULES["party.us_tag"], sent, span[0])


def _party_role_without_name(state: _Article, party: Token, sent: Span) -> None:
    """"X, a loyal party member,", "party leader X" and "the party's spokesman, X": the
    party is the one the article named last."""
    if state.mention_at(party, {"PARTY", "PARTY_ADJ", "ORG"}) is not None:
        return
    noun = party.head
    person = _person_of_token(state, noun.head) if noun.dep_ == "appos" else _person_named_after(state, noun, sent)
    owner = _last_entity_before(state, party.i, {"PoliticalParty"})
    if person is None or owner is None:
        return
    leads = _leads(noun, state.doc[max(sent.start, party.i - 2) : noun.i])
    _add(state, person, "leaderOf" if leads else "memberOf", owner, _status_from_words([party, noun]) if leads else None,
         RULES["party.role_without_name"], sent, noun)


def _leading_the_party(state: _Article, party: Token, sent: Span) -> None:
    """"X will lead the party alongside Y": both lead the party the article named last."""
    verb = party.head
    owner = _last_entity_before(state, party.i, {"PoliticalParty"})
    if owner is None or _negated(verb) or state.mention_at(party, {"PARTY", "PARTY_ADJ", "ORG"}) is not None:
        return
    partners = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in {"alongside", "with"} for c in p.children
                if c.dep_ == "pobj"]
    partners += [c for p in partners for c in p.children if c.dep_ == "appos"]  # "his father, X"
    status = "elect" if _is_future(verb) else "former" if verb.tag_ == "VBD" else "current"
    for token in _subjects(verb) + partners:
        person = _person_of_token(state, token)
        if person is not None:
            _add(state, person, "leaderOf", owner, status, RULES["party.leading_the_party"], sent, verb)


def _body_referred_to(state: _Article, its: Token) -> Entity | None:
    """What "its" stands for: the party, organisation or country last named as a subject
    in this sentence or the one before ("The Union is a party in Moldova. Its leader …"),
    else the one named last."""
    bodies = {"PoliticalParty", "Organization", "Country"}
    for token in reversed(state.doc[_sentences_back(its, 1) : its.i]):
        if token.dep_ in {"nsubj", "nsubjpass"}:
            entity = state.entity_at(token, bodies)
            if entity is not None:
                return entity
    return _last_entity_before(state, its.i, bodies)


def _its_role(state: _Article, its: Token, sent: Span) -> None:
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
    leads = _leads(noun, doc[its.i + 1 : noun.i])
    status = _status_from_words(list(doc[its.i + 1 : noun.i + 1])) if leads else None
    _add(state, person, "leaderOf" if leads else "memberOf", owner, status, RULES["party.its_role"], sent, noun)


def _us_party(state: _Article, letter: str) -> Entity | None:
    united_states = next(iter(state.gazetteer.lookup("Country", "United States")), None)
    for known in state.gazetteer.lookup("PoliticalParty", letter):
        if united_states is None or known.country == united_states.key:
            state.entities.setdefault(known.key, _entity_for_key(state, known.key))
            return state.entities[known.key]
    return None


def _party_role_before_name(state, party: Span, sent: Span):
    """"Labour MP X", "Republican Senator X", "SPD leader X", "A Liberal deputy, X"."""
    doc = state.doc
    index = party.end
    role_words = []
    while index < sent.end and index < party.end + 4:
        token = doc[index]
        if token.lower_ in LEADER_WORDS | ROLE_WORDS | LEADER_QUALIFIERS or state.mention_at(token, {"TITLE"}) \
                or token.lower_ in {"party", "'s", "’s", "-", "co", "former", "general"}:
            role_words.append(token)
            index += 1
            continue
        break
    det = party.start - 1
    while det > sent.start and (doc[det].pos_ in {"ADJ", "ADV"} or doc[det].tag_ == "VBN"):
        det -= 1  # "X, the defeated Socialist candidate"
    if role_words and det - 1 >= sent.start and doc[det].lower_ in {"the", "a", "an"} and doc[det - 1].text == ",":
        # "X, the Republican candidate", "X, a senior Labour figure"
        person = state.entity_at(doc[det - 2], {"Person"}) if det - 2 >= sent.start else None
        if person is not None:
            words = {t.lower_ for t in role_words}
            qualified = any(t.lower_ in LEADER_QUALIFIERS for t in doc[det:party.start])
            relation = "leaderOf" if words & LEADER_WORDS and not qualified else "memberOf"
            return person, relation, "current" if relation == "leaderOf" else None, RULES["party.role_apposition"]
    if not role_words:
        if index < sent.end and party[0].lower_ not in {"the"}:
            person = _person_after(state, index, sent)
            if person is not None and state.mention_at(party[0], {"PARTY_ADJ"}) is not None:
                return person, "memberOf", None, RULES["party.role_of_party"]
        return None
    if index < sent.end and doc[index].text == ",":
        index += 1
    person = _person_after(state, index, sent)
    if person is None:
        return None
    words = {t.lower_ for t in role_words}
    if words & LEADER_WORDS and not _regional_branch(state, party):
        return person, "leaderOf", _status_from_words(_words_before(party[0], 3) + role_words), RULES["party.role_before_name"]
    return person, "memberOf", None, RULES["party.role_before_name"]


def _regional_branch(state: _Article, party: Span) -> bool:
    """"Bavarian Greens leader X", "Ontario Liberal leader X": a place below the country
    right before the party means X leads a branch, not the party."""
    if party.start == 0:
        return False
    before = state.doc[party.start - 1]
    return before.pos_ == "PROPN" and before.ent_type_ in {"GPE", "LOC", "NORP", "ORG"} \
        and state.mention_at(before, {"COUNTRY", "DEMONYM", "TITLE", "PARTY", "PARTY_ADJ", "PERSON"}) is None


def _leader_apposition(state, party: Span, sent: Span):
    """"X, (the former) leader of the PARTY" and "leader of the PARTY, X"."""
    doc = state.doc
    i = _left_of(party, sent, lambda t: t.lower_ in {"the", "its", "party"} or t.dep_ in {"amod", "compound", "advmod", "npadvmod"}
                 or t.text == "-")  # "party" as in "a member of the political party Tamarind Front"
    if i < sent.start + 1 or doc[i].lower_ != "of":
        return None
    noun = doc[i - 1]
    if noun.lower_ not in LEADER_WORDS | ROLE_WORDS or any(c.lower_ in SHARED_WORDS for c in noun.children):
        return None
    qualified = noun.i > sent.start and doc[noun.i - 1].lower_ in LEADER_QUALIFIERS
    relation = "leaderOf" if noun.lower_ in LEADER_WORDS and not qualified else "memberOf"
    words = _words_before(noun, 4)
    status = _status_from_words(words + [noun]) if relation == "leaderOf" else None
    start = words[-1].i if words else noun.i
    if start - 1 > sent.start and doc[start - 1].text == ",":
        person = _person_of_token(state, doc[start - 2])
        if person is not None:
            return person, relation, status, RULES["party.leader_apposition"]
    # "X is/was/became (the) leader of the PARTY"
    if noun.dep_ in {"attr", "oprd", "pobj", "appos"}:
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        person = _person_of_token(state, subject) if subject is not None else None
        if noun.dep_ == "appos":
            person = _person_of_token(state, noun.head)
        if person is not None:
            if verb.lemma_ == "serve" or verb.tag_ == "VBD" and verb.lemma_ == "be":
                status = status if relation == "memberOf" else ("former" if status == "current" else status)
            elif relation == "leaderOf" and status == "current" and _is_future(verb):
                status = "elect"  # "X will take over as leader of the PARTY"
            return person, relation, status, RULES["party.leader_predicative"]
    if party.end + 1 < sent.end and doc[party.end].text == ",":
        person = _person_after(state, party.end + 1, sent)
        if person is not None:
            return person, relation, status, RULES["party.leader_title_first"]
    return None


def _left_of(span: Span, sent: Span, skip) -> int:
    """Index of the first token left of `span` (within the sentence) that `skip` rejects."""
    i = span.start - 1
    while i >= sent.start and skip(span.doc[i]):
        i -= 1
    return i


def _is_determiner(token: Token) -> bool:
    return token.lower_ == "the"


def _party_of_person(state, party: Span, sent: Span):
    """"X of the PARTY", "X from the PARTY", "X (PARTY)", "X from the ruling party (PARTY)",
    "the PARTY's X", "X's PARTY", "the PARTY of X"."""
    doc = state.doc
    i = _left_of(party, sent, _is_determiner)
    if i - 1 > sent.start and doc[i].text == "(" and doc[i - 1].lower_ == "party":
        # "the former ruling party (PARTY)": read the phrase before the bracket as the party
        i = _left_of(doc[i - 1 : i], sent, lambda t: t.pos_ in {"ADJ", "VERB", "NOUN", "DET"} and t.lower_ not in {"of", "from"})
    if i >= sent.start + 1 and doc[i].lower_ in {"of", "(", "from"}:
        j = i - 1
        if doc[j].text == ",":
            j -= 1
        person = state.entity_at(doc[j], {"Person"})
        if person is not None:
            return person, "memberOf", None, RULES["party.of_party"]
    if party.end + 1 < sent.end and doc[party.end].text in {"'s", "’s"}:
        person = _person_after(state, party.end + 1, sent)
        if person is not None:
            return person, "memberOf", None, RULES["party.of_party"]
    if party.end + 1 < sent.end and doc[party.end].lower_ == "of":
        person = state.entity_at(doc[party.end + 1], {"Person"})
        if person is not None:  # "the Labor Party of Ana Rojas"
            return person, "memberOf", "current", RULES["party.possessive_person"]
    if party.start - 2 >= sent.start and doc[party.start - 1].text in {"'s", "’s"} \
            and state.mention_at(party[0], {"PARTY"}) is not None and party.root.dep_ not in {"compound", "amod"}:
        # "Sharma's Harbour Party": the person's party. Often its leader, but a president's
        # party ("the president's party") need not be led by the president: say member.
        person = state.entity_at(doc[party.start - 2], {"Person"})
        if person is not None:
            return person, "memberOf", "current", RULES["party.possessive_person"]
    return None


def _party_opener(state, party: Span, sent: Span):
    """"A Republican, she has served …": the sentence opens with the person's party."""
    doc = state.doc
    if party.start - 1 != sent.start or doc[sent.start].lower_ not in {"a", "an"}:
        return None
    comma = next((t.i for t in doc[party.end : min(party.end + 3, sent.end)] if t.text == ","), None)
    if comma is None or comma + 1 >= sent.end or doc[comma + 1].dep_ not in {"nsubj", "nsubjpass"}:
        return None
    person = _person_of_token(state, doc[comma + 1])
    return (person, "memberOf", None, RULES["party.opener"]) if person is not None else None


def _party_noun_apposition(state, party: Span, sent: Span):
    """"X, a Tennessee Republican, said …" and "X, a Democrat from Ohio,": the party word is
    the appositive's head."""
    if party.root.dep_ != "appos" or state.mention_at(party[0], {"PARTY_ADJ"}) is None:
        return None
    person = state.entity_at(party.root.head, {"Person"})
    return (person, "memberOf", None, RULES["party.noun_apposition"]) if person is not None else None


def _possessive_party(state, party: Span, sent: Span):
    """"her party, the Greens" → the person "her" refers to."""
    doc = state.doc
    i = _left_of(party, sent, _is_determiner)
    if i - 2 >= sent.start and doc[i].text == "," and doc[i - 1].lower_ == "party":
        owner = doc[i - 2]
        if owner.lower_ in {"his", "her"}:
            person = _antecedent(state, owner)
        elif owner.text in {"'s", "’s"} and i - 3 >= sent.start:
            person = state.entity_at(doc[i - 3], {"Person"})
        else:
            person = None
        if person is not None:
            return person, "memberOf", None, RULES["party.possessive"]
    return None


PARTY_NOUNS = {"nomination", "ticket", "primary", "primaries", "whip", "slate", "list", "caucus", "banner", "label"}
#: Prepositions through which a role is still the subject's ("elected as a Democrat", "a
#: member of", "on the Labour ticket"), unlike "until recently a Republican senator".
PREDICATING_PREPOSITIONS = {"as", "of", "for", "on", "in"}
SHARED_WORDS = {"joint", "common", "consensus", "unity", "coalition"}
CHOOSE_VERBS = {"choose", "elect", "name", "pick", "select", "nominate", "appoint", "endorse", "field"}
STAND_VERBS = {"elect", "reelect", "re-elect", "run", "serve", "stand", "sit", "campaign", "win", "seek", "lose", "contest"}


def _party_predicate(state, party: Span, sent: Span):
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
        if head.lemma_ in LEAD_VERBS and token.dep_ == "dobj" and head.pos_ == "VERB":
            subjects = _subjects(head)
            person = _person_of_token(state, subjects[0]) if subjects else None
            status = "former" if head.tag_ == "VBD" else "current"
            return (person, "leaderOf", status, RULES["party.predicate"]) if person is not None else None
        if through_as is False and token.dep_ in {"compound", "amod", "poss"} and head.dep_ == "pobj" \
                and head.head.lower_ == "as" and _leads(head, (c for c in head.children if c.dep_ in {"amod", "compound"})):
            verb = head.head.head  # "step down as Liberal leader", "was elected as Green leader"
            subjects = _subjects(verb) if verb.pos_ in {"VERB", "AUX"} else []
            person = _person_of_token(state, subjects[0]) if subjects else None
            status = "former" if verb.tag_ == "VBD" else "current"  # "resigned as Labour leader"
            return (person, "leaderOf", status, RULES["party.predicate"]) if person is not None else None
        if head.lemma_ in FOUND_VERBS and token.dep_ in {"dobj", "appos"} or head.lemma_ in {"join", "represent"} \
                or head.lower_ in ROLE_WORDS | PARTY_NOUNS or (through_as and head.lemma_ in STAND_VERBS):
            if any(c.lower_ in SHARED_WORDS for c in head.children):
                return None  # "the joint candidate of A, B and C" belongs to none of them for sure
            anchor = head
            while anchor.dep_ in {"prep", "pobj", "compound", "amod", "attr", "dobj", "appos"} and anchor.head != anchor \
                    and anchor.pos_ not in {"VERB", "AUX"}:
                if anchor.dep_ == "prep" and anchor.lower_ not in PREDICATING_PREPOSITIONS:
                    return None  # "swore in X, until recently a Republican senator": not the subject's role
                anchor = anchor.head
            subjects = [anchor.head] if anchor.dep_ == "appos" and anchor.pos_ not in {"VERB", "AUX"} else _subjects(anchor)
            person = _person_of_token(state, subjects[0]) if subjects else None
            return (person, "memberOf", None, RULES["party.predicate"]) if person is not None else None
        token = head
    return None


#: (person, relation, status) found around a party mention
PartyFinding = tuple[Entity, str, str | None]


def _leads(noun: Token, modifiers: Iterable[Token]) -> bool:
    """A leader word names the party's leader unless a word beside it qualifies it
    ("deputy leader", "parliamentary leader")."""
    return noun.lower_ in LEADER_WORDS and not any(t.lower_ in LEADER_QUALIFIERS for t in modifiers)


def _person_named_after(state: _Article, noun: Token, sent: Span) -> Entity | None:
    """The person right after a role noun, past a comma ("its candidate, X")."""
    after = noun.i + 2 if noun.i + 1 < sent.end and state.doc[noun.i + 1].text == "," else noun.i + 1
    return _person_after(state, after, sent)


def _party_participles(state, party: Span) -> list[PartyFinding]:
    """"the PARTY, founded by X in 1994" (founders are members) and "the PARTY, led by X"."""
    noun = party.root
    while noun.dep_ == "compound" and noun.head != noun:
        noun = noun.head
    nouns = [noun, *(c for c in noun.children if c.dep_ == "appos")]  # "Kadima, the party founded by X"
    people = []
    for verb in (v for n in nouns for v in n.children):
        relation = "memberOf" if verb.lemma_ in FOUND_VERBS else "leaderOf" if verb.lemma_ in LEAD_VERBS else None
        if verb.dep_ != "acl" or relation is None:
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        for named in [by, *_conjuncts(by)] if by is not None else []:  # "co-led by X and Y"
            for token in [*(c for c in named.children if c.dep_ == "appos"), named]:
                person = _person_of_token(state, token)
                if person is not None:
                    people.append((person, relation, "current" if relation == "leaderOf" else None))
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
    person = _person_after(state, i + 3, party.sent)
    return [(person, relation, "current" if relation == "leaderOf" else None)] if relation and person else []


def _chosen_by_party(state, party: Span) -> list[PartyFinding]:
    """"the PARTY chose deputy leader X", "the PARTY nominated X as its candidate": the
    party picks one of its own for a party role."""
    verb = party.root.head
    if party.root.dep_ != "nsubj" or verb.lemma_ not in CHOOSE_VERBS:
        return []
    people = []
    for chosen in (c for c in verb.children if c.dep_ == "dobj"):
        roles = [c for c in chosen.subtree if c.lower_ in LEADER_WORDS | ROLE_WORDS and c.i != chosen.i]
        person = _person_of_token(state, chosen)
        if person is None or not roles:
            continue
        leads = any(_leads(r, chosen.subtree) for r in roles)
        people.append((person, "leaderOf", "current") if leads else (person, "memberOf", None))
    return people


def _leader_under(state, party: Span) -> list[PartyFinding]:
    """"deputy leader of the PARTY under X": X led the party then."""
    of = party.root.head
    noun = of.head
    if party.root.dep_ != "pobj" or of.lower_ != "of" or noun.lower_ not in LEADER_WORDS | ROLE_WORDS:
        return []
    leaders = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "under" for c in p.children if c.dep_ == "pobj"]
    people = [_person_of_token(state, t) for t in leaders]
    status = "former" if noun.head.tag_ == "VBD" else "current"  # "she was deputy leader under X"
    return [(person, "leaderOf", status) for person in people if person is not None]


def _running_mates(state, party: Span) -> list[PartyFinding]:
    """"on the Labour slate with Mayor X": X ran for the party too."""
    ticket = party.root.head
    if ticket.lower_ not in {"ticket", "slate"}:
        return []
    mates = [c for w in ticket.children if w.dep_ == "prep" and w.lower_ == "with" for c in w.children if c.dep_ == "pobj"]
    people = [_person_of_token(state, t) for m in mates for t in [m, *_conjuncts(m)]]
    return [(person, "memberOf", None) for person in people if person is not None]


# --- summits --------------------------------------------------------------------------

def _summits_in(state: _Article, sent: Span) -> list[tuple[Span, Entity]]:
    out = []
    for index, span in state.in_sentence(sent, {"SUMMIT", "SUMMIT_REF"}):
        entity = state.resolution.entity_at(state.mentions, index)
        if entity is not None:
            out.append((span, entity))
    return out


def _summit_for_verb(state: _Article, verb: Token, sent: Span) -> Entity | None:
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


def _attendance(state: _Article, sent: Span) -> None:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in ATTEND_VERBS | {"take"}:
            continue
        if verb.lemma_ == "take" and not any(c.lower_ == "part" for c in verb.children):
            continue
        if verb.lemma_ == "meet" and any(state.entity_at(c, {"Person"}) for c in verb.subtree if c.dep_ in {"dobj", "pobj"}):
            continue
        if _negated(verb):
            continue
        summit = _summit_for_verb(state, verb, sent) or _summit_without_object(state, verb)
        if summit is None:
            continue
        if verb.lemma_ not in {"attend", "participate", "take", "join"} and not _summit_in_subtree(state, verb, summit, sent):
            continue
        subjects = [e for s in _subjects(verb) + _as_did(verb) for e in _people_and_countries(state, s)]
        status = _modality(verb)
        for subject in subjects:
            _add(state, subject, "attends", summit, status, RULES["summit.attend_verb"], sent, verb)


def _summit_without_object(state: _Article, verb: Token) -> Entity | None:
    """"X attended, as did Y", "Y, who was invited as a guest": with no object of their own,
    "attend" and "invite" are about the summit named last, in this sentence or the three
    before."""
    if verb.lemma_ not in {"attend", "participate", "invite"} \
            or any(c.dep_ in {"dobj", "xcomp"} or c.dep_ == "prep" and c.lower_ != "as" for c in verb.children):
        return None
    return _last_entity_before(state, verb.i, {"Summit"}, since=_sentences_back(verb, 3))


def _as_did(verb: Token) -> list[Token]:
    """The subject of "…, as did Y" after a verb: Y did the same."""
    return [s for c in verb.children if c.dep_ == "advcl" and c.lemma_ == "do" and any(m.lower_ == "as" for m in c.children)
            for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]


PARTICIPANT_NOUNS = {"country", "nation", "state", "leader", "participant", "member", "delegation", "government", "head", "attendee"}


def _participant_list(state: _Article, sent: Span) -> None:
    """"The countries expected at next week's talks are: A, B, C ..." and "Among those
    attending were A and B": every country or person listed after the colon (or the
    copula), continuing into following sentences that only list countries, attends the
    summit in view."""
    verb = next((t for t in sent if t.lemma_ in {"attend", "meet", "participate", "join"} and not _negated(t)
                 and _about_participants(t)), None)
    if verb is None:
        return
    marker = next((t for t in sent if t.i > verb.i and (t.text == ":" or t.lemma_ in {"be", "include"} and t.dep_ in {"ROOT", "conj"})), None)
    if marker is None:
        return
    summit = _summit_for_verb(state, verb, sent) or _summit_before(state, sent.start)
    if summit is None:
        return
    status = _modality(verb)
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
            _add(state, country, "attends", summit, status, RULES["summit.participant_list"], sent, verb)


def _participants_included(state: _Article, sent: Span) -> None:
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
        for entity in (e for g in included for e in _people_and_countries(state, g)):
            _add(state, entity, "attends", summit, "attended", RULES["summit.participants_included"], sent, noun)


def _about_participants(verb: Token) -> bool:
    """The verb describes a group of participants: "the countries (scheduled) to meet",
    "leaders attending", "those attending", "Attending are ..."."""
    for v in _verb_chain(verb):
        if v.dep_ in {"acl", "relcl"} and (v.head.lemma_ in PARTICIPANT_NOUNS or v.head.lower_ == "those") or v.dep_ == "csubj":
            return True
        if any(c.lemma_ in PARTICIPANT_NOUNS for c in v.children if c.dep_.startswith("nsubj")):
            return True
    return False


def _names_a_titles_country(state: _Article, token: Token) -> bool:
    """"U.S." in "U.S. President X": the country only says whose president X is."""
    after = _end_of_mention(state, token.i)
    while after < len(state.doc) and state.doc[after].text in {"'s", "’s"}:
        after += 1
    return after < len(state.doc) and state.mention_at(state.doc[after], {"TITLE"}) is not None


def _countries_after(state: _Article, sent: Span, start: int, types: frozenset = frozenset({"Country"})) -> list[Entity]:
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


def _sentences_back(token: Token, count: int) -> int:
    """The first token of the sentence `count` sentences before the token's own."""
    start = token.sent.start
    for _ in range(count):
        start = token.doc[start - 1].sent.start if start else 0
    return start


def _summit_before(state: _Article, position: int) -> Entity | None:
    """The summit mentioned last before this token: what "the meeting" is about."""
    return _last_entity_before(state, position, {"Summit"})


def _last_entity_before(state: _Article, position: int, types: set[str], since: int = 0) -> Entity | None:
    """The entity of one of these types mentioned last before token `position` (and not
    before token `since`)."""
    for index in state.mentions_before(position):
        span = state.spans[index]
        if span is None:
            continue
        if span.start < since:
            return None
        entity = state.resolution.entity_at(state.mentions, index)
        if entity is not None and entity.type in types:
            return entity
    return None


def _summit_in_subtree(state, verb: Token, summit: Entity, sent: Span) -> bool:
    subtree = {t.i for t in verb.subtree}
    return any(entity.key == summit.key and span.root.i in subtree for span, entity in _summits_in(state, sent))


def _invitations(state: _Article, sent: Span) -> None:
    for verb in sent:
        if verb.lemma_ != "invite" or _negated(verb):
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
            for entity in _people_and_countries(state, guest):
                _add(state, entity, "invitedTo", summit, None, RULES["summit.invite_verb"], sent, verb)


def _hosting(state: _Article, sent: Span) -> None:
    """"hosted by Canada", "Canada will host the summit", "host country Canada", "Prime
    Minister X will host the summit" and "X welcomed leaders to the summit" (X's country)."""
    for verb in sent:
        if verb.lemma_ not in {"host", "welcome"} or verb.pos_ not in {"VERB", "NOUN"} or _negated(verb):
            continue
        summit = _summit_for_verb(state, verb, sent)
        if summit is None or verb.lemma_ == "welcome" and not _welcomed_to(state, verb, summit):
            continue
        hosts: list[Token] = []
        if verb.lemma_ == "welcome":
            hosts = [c for c in verb.children if c.dep_ == "nsubj"]
        elif verb.pos_ == "VERB":
            agent = [c for c in verb.children if c.dep_ == "agent"]
            hosts = [g for a in agent for g in a.children if g.dep_ == "pobj"] or [c for c in verb.children if c.dep_ == "nsubj"]
            hosts += [p for h in hosts for p in h.children if p.dep_ == "poss"]
        for host in hosts:
            entities = _people_and_countries(state, host, frozenset({"Country", "Organization"}))
            entities += [c for p in _people_and_countries(state, host, frozenset({"Person"})) if (c := _country_led_by(state, p))]
            for entity in entities:
                _add(state, summit, "organizedBy", entity, None, RULES["summit.host_verb"], sent, verb)


def _welcomed_to(state: _Article, verb: Token, summit: Entity) -> bool:
    """"X welcomed leaders to the summit": X is the host only when the summit follows "to"."""
    return any(state.entity_at(g, {"Summit"}) == summit for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
               for g in c.subtree)


def _country_led_by(state: _Article, person: Entity) -> Entity | None:
    """The country a host speaks for: that of the current national office the article
    gives them ("British Prime Minister X will host the summit" → United Kingdom)."""
    for fact in reversed(state.facts):
        if fact.subject == person.key and fact.relation == "holdsOffice" and fact.status in {"current", "acting"}:
            office = state.entities.get(fact.object)
            country = _entity_for_key(state, office.country) if office is not None else None
            if country is not None and country.type == "Country":
                return country
    return None


def _series_organisers(state: _Article) -> None:
    """A series summit is organised by its series' organisation ("NATO summit" → NATO), also
    when the text only says "the summit" beside the series' name."""
    series_by_label = {series_summit_label(s, e.year): s for e in state.entities.values() if e.type == "Summit"
                       for s in state.gazetteer.entries("SummitSeries")}
    for index, mention in enumerate(state.mentions):
        if mention.label not in {"SUMMIT", "SUMMIT_REF"}:
            continue
        summit = state.resolution.entity_at(state.mentions, index)
        series = series_by_label.get(summit.label) if summit is not None else None
        span = state.spans[index]
        if summit is None or series is None or span is None or not series.extra.get("organizer"):
            continue
        organiser = next(iter(state.gazetteer.lookup("Organization", series.extra["organizer"])), None)
        entity = _entity_for_key(state, organiser.key) if organiser else None
        if entity is not None:
            state.entities.setdefault(entity.key, entity)
            _add(state, summit, "organizedBy", entity, None, RULES["summit.series_organiser"], span.sent, span[0])


# --- meetings -------------------------------------------------------------------------

def _meetings(state: _Article, sent: Span) -> None:
    for token in sent:
        if token.lemma_ in {"meet", "host", "receive"} and token.pos_ == "VERB":
            _meet_verb(state, token, sent)
        elif token.lower_ in MEET_NOUNS and token.pos_ == "NOUN":
            _meet_noun(state, token, sent)


def _meet_verb(state: _Article, verb: Token, sent: Span) -> None:
    """"X met (with) Y", "X and Y met", "X will meet Y", "X met his counterpart, Y", and
    "X will host (or received) Y" for a visiting leader."""
    if _negated(verb):
        return
    subject_tokens = _subjects(verb)
    subjects = [e for s in subject_tokens for e in _people_and_countries(state, s, frozenset({"Person"}))]
    pair = next((s for s in subject_tokens if s.lower_ in PAIR_WORDS), None)
    if not subjects and pair is not None:
        subjects = _last_people(state, pair.i, 2)  # "the two agreed to meet"
    direct = [c for c in verb.children if c.dep_ == "dobj"]
    direct += [a for c in direct for a in c.children if a.dep_ == "appos"]  # "his counterpart, Y"
    if verb.lemma_ != "meet":  # one hosts a person or an event: only a person named as the object counts
        direct = [c for c in direct if state.entity_at(c, {"Person"}) is not None]
    objects = [e for c in direct for e in _people_and_countries(state, c, frozenset({"Person"}))]
    if verb.lemma_ == "meet":
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
            objects += [e for p in prep.children if p.dep_ == "pobj"
                        for e in _people_and_countries(state, p, frozenset({"Person"}))]
    pairs = [(s, o) for s in subjects for o in objects]
    if not pairs and verb.lemma_ == "meet":  # "X and Y met"; co-hosts of a summit did not meet for that
        pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    status = "planned" if _is_future(verb) or verb.tag_ in {"VB", "VBP", "VBZ"} and not _done_through(verb) else "held"
    for a, b in pairs:
        _add(state, a, "meets", b, status, RULES["meeting.meet_verb"], sent, verb)


def _done_through(verb: Token) -> bool:
    """"managed to meet", "went on to meet": a past verb that says the infinitive happened."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.tag_ in {"VBD", "VBN"} and head.lemma_ in DONE_VERBS


def _last_people(state: _Article, before: int, count: int) -> list[Entity]:
    """The last `count` distinct people named before token `before`, in its sentence or
    the one before it."""
    people: list[Entity] = []
    for token in reversed(state.doc[_sentences_back(state.doc[before], 1) : before]):
        person = state.entity_at(token, {"Person"})
        if person is not None and person not in people:
            people.append(person)
        if len(people) == count:
            return people
    return []


def _meet_noun(state: _Article, noun: Token, sent: Span) -> None:
    """"held talks with Y", "a meeting between X and Y", "a summit with Y"."""
    others: list[Entity] = []
    between = False
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}):
        between = between or prep.lower_ == "between"
        others += [e for p in prep.children if p.dep_ == "pobj" for e in _people_and_countries(state, p, frozenset({"Person"}))]
    if not others:
        return
    verb = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"} else noun
    if verb.pos_ == "ADP":  # "collapsed during a dinner with X"
        verb = verb.head
    if _negated(verb):
        return
    status = "planned" if _is_future(verb) or verb.tag_ in {"VB", "VBP", "VBZ"} and verb.lemma_ != "be" else "held"
    if between:
        pairs = [(a, b) for i, a in enumerate(others) for b in others[i + 1:]]
    else:
        subjects = [e for s in _subjects(verb) for e in _people_and_countries(state, s, frozenset({"Person"}))] if verb.pos_ in {"VERB", "AUX"} else []
        pairs = [(s, o) for s in subjects for o in others]
    for a, b in pairs:
        _add(state, a, "meets", b, status, RULES["meeting.meet_noun"], sent, noun)
