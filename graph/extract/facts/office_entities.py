"""Office entities: `named_office` is the one place an Office's key is made, so
"President of Brazil" is one entity whichever rule, sentence or article names it, and
`mint_office` the one place a title becomes an office's label.

Most of the work is deciding whose office a title is: the country the text names, the
person's known country, a country free earlier in the sentence, the article's home
country, and for a seat or a speaker, the legislature's chamber.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph.extract.entities import headline_countries
from graph.extract.facts.article import US_PARTY_TAG, ArticleState, entity_for_key, words_before
from graph.extract.gazetteer import Known
from graph.model import Entity, entity_key


#: Kinds of title whose country can be the article's home country: a governor's or mayor's
#: place ("Georgia Governor X") says little about which country "President Y" leads.
NATIONAL_KINDS = {"head", "minister", "royal", "legislator"}
_CHAMBER = re.compile(r"\b(Assembly|Parliament|Bundestag|Bundesrat|Congress|House of|Diet|Duma|Knesset|Sejm|"
                      r"Majlis|Riksdag|Storting|Cortes|Lok Sabha|Rajya Sabha)\b")


def _chamber(state: ArticleState, place: Entity) -> Entity | None:
    """The legislature the article names for this country ("the National Assembly",
    "the Bundestag"): a legislator's or speaker's office belongs to it."""
    for entity in state.entities.values():
        if entity.type == "Organization" and _CHAMBER.search(entity.label) and entity.country in {None, place.key}:
            return entity
    return None


def _chamber_named_at_title(state: ArticleState, place: Entity, title_span: Span) -> Entity | None:
    """"House Speaker X", "Senate Majority Leader X", "the Senate's minority leader": the
    country's chamber the gazetteer knows by that word ("United States Senate")."""
    words = {t.lower_ for t in [*words_before(title_span[0], 4), *title_span]}
    for word, in_label in (("senate", "Senate"), ("house", "House")):
        if word in words:
            chamber = next((k for k in state.gazetteer.entries("Organization")
                            if k.country == place.key and in_label in k.label), None)
            return entity_for_key(state, chamber.key) if chamber is not None else None
    return None


def _house_of_representatives(state: ArticleState, place: Entity) -> Entity | None:
    house = next((k for k in state.gazetteer.entries("Organization")
                  if k.country == place.key and k.label.endswith("House of Representatives")), None)
    return entity_for_key(state, house.key) if house is not None else None


def _chamber_office(title: Known, chamber: Entity, place: Entity, place_adjectives: tuple[str, ...],
                    place_named: str) -> str:
    """"Speaker of the National Assembly of Kenya", "Member of the Bundestag"; `place_named`
    is the country as office names say it ("the Philippines")."""
    base = "Member" if title.label.startswith("Member of") or title.label == "Representative" else title.label
    name = chamber.label if chamber.label.startswith("the ") else "the " + chamber.label
    adjective = next((a for a in place_adjectives if chamber.label.startswith(a + " ")), None)
    if adjective is not None and chamber.country is None:  # "the Lebanese Parliament": the Parliament of Lebanon
        name = f"the {chamber.label[len(adjective) + 1:]} of {place_named}"
    elif chamber.country is None and not any(n in chamber.label for n in (place.label, *place_adjectives)):
        name += f" of {place.label}"  # a generic name ("National Assembly") needs its country
    return f"{base} of {name}"


def _titled(title: Known, portfolio: str | None, country: Known | None) -> str:
    """"Minister of Tourism"; a portfolio the text gives after "for" keeps it ("Minister for
    Health"), and so do a minister's portfolios in countries whose offices are all so
    named ("Minister for Health of Australia", "Minister for Foreign Affairs of Ireland")."""
    label = title.label if not portfolio else f"{title.label} {portfolio}" if portfolio.startswith("for ") \
        else f"{title.label} of {portfolio}"
    if country is not None and country.extra.get("minister_for") and title.extra.get("kind") == "minister":
        label = _MINISTER_OF.sub(r"\1 for ", label, count=1)
    return label


#: A minister's title with its portfolio after "of" ("Deputy Minister of Health").
_MINISTER_OF = re.compile(r"^((?:[A-Z][a-z]+ )*Minister) of ")


def _free_country_before(state: ArticleState, title_span: Span) -> Entity | None:
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


#: Nouns a demonym before them makes the country itself: "the Indian government has appointed
#: X as its envoy" (its = India).
_STATE_NOUNS = {"government", "administration", "authorities", "cabinet", "regime", "state", "leadership"}


def _describes_a_thing(state: ArticleState, token: Token) -> bool:
    """A demonym describing a common noun ("Indian affairs", "French wine") says nothing
    about which country a later title belongs to; one describing its government does."""
    head = token.head
    return state.mention_at(token, {"DEMONYM"}) is not None and token.dep_ in {"amod", "compound"} \
        and head.pos_ == "NOUN" and state.mention_at(head, {"TITLE"}) is None and head.lower_ not in _STATE_NOUNS


def _implied_place(state: ArticleState, person: Entity, title: Known, title_span: Span) -> tuple[Entity | None, float]:
    """The country of a bare title ("Foreign Minister X"): where the tenure tables say the
    person held that title nearest the article's date, the person's known country, a
    free country earlier in the sentence, the article's home country (that of the first
    office it placed) when the article is mostly about it, or the one country the article
    is about (for national titles: a governor or judge there serves a state or court).
    Otherwise nothing: a guess across a many-country article is wrong more often than right."""
    held = state.gazetteer.office_place(person.key, title, state.article.date)
    if held is not None:  # the tenure tables say where this person held this title
        return entity_for_key(state, held.key), 1.0
    known = state.gazetteer.by_key.get(person.key)
    if known is not None and known.country:
        return entity_for_key(state, known.country), 1.0
    sentence_country = _free_country_before(state, title_span)
    if sentence_country is not None:
        return sentence_country, 0.75
    countries = state.resolution.countries
    if state.home and (state.home in countries[:2] or not countries):  # (no country named at all: "President
        return entity_for_key(state, state.home), 0.8                     # Clinton … Senator X")
    if state.home is None and len(countries) == 1 and title.extra.get("kind") in NATIONAL_KINDS | {"legislator"} \
            and (_mention_count(state, countries[0]) >= 2
                 or countries[0] in headline_countries(state.article.title or "", state.gazetteer)):
        return entity_for_key(state, countries[0]), 0.7  # the only country the article is about
    return None, 0.0


def _mention_count(state: ArticleState, country_key: str) -> int:
    """How many mentions name this country or something of it (a party, a leader, a state
    or city of it)."""
    count = 0
    for index, mention in enumerate(state.mentions):
        entity = state.resolution.entity_at(state.mentions, index)
        if entity is None and mention.label == "PLACE" and mention.key:  # places are no entities of their own
            entity = state.gazetteer.by_key.get(mention.key)
        count += entity is not None and country_key in {entity.key, entity.country}
    return count


def _us_tagged(state: ArticleState, title_span: Span) -> Entity | None:
    """"Rep. X (R-Mo.)": a U.S. party-and-state tag after the titled name places the title."""
    doc = state.doc
    hit = state.mention_at(doc[title_span.end], {"PERSON", "NAME"}) if title_span.end < len(doc) else None
    span = state.spans[hit[0]] if hit else None
    if span is None or not US_PARTY_TAG.match(state.text[span.end_char : span.end_char + 12]):
        return None
    return entity_for_key(state, "country/united-states")


def _party_country_near(state: ArticleState, tokens: list[Token]) -> Entity | None:
    """The country of a party named before a title ("Republican Senator X" → United States)."""
    for t in tokens:
        party = state.entity_at(t, {"PoliticalParty"})
        if party is not None and party.country:
            return entity_for_key(state, party.country)
    return None


def mint_office(state: ArticleState, title: Known, place: Entity | None, person: Entity,
                portfolio: str | None, title_span: Span) -> tuple[Entity, float] | None:
    """The Office "<Title> of <Country>", with the country from the text, else from what
    we know of the person, else from the article's dominant country. An organisation's
    officer ("Managing Director", "Secretary-General") needs the organisation named: a
    party's secretary-general is no office of its country."""
    confidence = 1.0
    if title.extra.get("body"):  # a post whose name says its body ("UN High Commissioner for Refugees")
        body = entity_for_key(state, entity_key("Organization", title.extra["body"]))
        return (named_office(state, title.label, body), confidence) if body is not None else None
    if place is not None and place.type != "Country" and title.extra.get("kind") == "minister":
        place = None  # a minister serves a country: "foreign minister X at the Forum" is not the Forum's
    if place is not None and place.type != "Country" and place.label in title.extra.get("suffix", ""):
        place = None  # "U.N. Ambassador X": the body a country's envoy is posted to is not whose envoy
    if title.country:  # a title only one country has ("Pope")
        place = entity_for_key(state, title.country)
    held = state.gazetteer.office_place(person.key, title, state.article.date, at_date=True)
    if held is not None and (place is None or place.key != held.key):
        place = entity_for_key(state, held.key)  # the tables say whose this title was then
    if place is None and title.extra.get("body_only"):  # "Secretary-General X": the body X served
        held = state.gazetteer.office_place(person.key, title, state.article.date)
        place = entity_for_key(state, held.key) if held is not None else None
    if place is None and not title.extra.get("body_only"):
        place = _party_country_near(state, words_before(title_span[0], 4)) or _us_tagged(state, title_span)
        if place is None and not title.extra.get("local"):  # a mayor's or governor's place is a city or state
            place, confidence = _implied_place(state, person, title, title_span)
    if place is None or place.type == "Country" and title.extra.get("subnational"):
        return None  # a governor or mayor serves a state or city: "Governor of the United States" is no office
    if state.home is None and place.type == "Country" and title.extra.get("kind") in NATIONAL_KINDS and not title.country:
        # (a title only one country has, "Pope", says nothing of the country the article is about)
        state.home = place.key
    if title.label == "Minister" and not portfolio:
        # "Minister X said" names no ministry, and "Minister of <country>" is no office; "a
        # cabinet minister" is a member of the country's cabinet
        if not any(t.lower_ == "cabinet" for t in [*title_span, *words_before(title_span[0], 2)]):
            return None
        return named_office(state, f"Member of the Cabinet of {place_name(state, place)}", place), confidence
    known_place = state.gazetteer.by_key.get(place.key)
    name = place_name(state, place)
    chamber = None
    if title.extra.get("chamber"):  # a seat or a post in a legislature
        chamber = place if place.type == "Organization" and _CHAMBER.search(place.label) else (
            _chamber_named_at_title(state, place, title_span) or _chamber(state, place))
    elif title.label == "Representative":  # "Rep. X": a member of the country's House of Representatives
        chamber = _house_of_representatives(state, place)
        if chamber is None:
            return None  # a country without one: the title was read onto the wrong country
    demonyms = tuple(known_place.extra.get("demonyms", ())) if known_place is not None else ()
    national = title.extra.get("national_labels", {}).get(place.key)  # "United States Senator"
    until, dated = title.extra.get("dated_labels", {}).get(place.key, (None, None))
    if dated and state.article.date and str(state.article.date) < until:
        national = dated  # the office's name then: "President of the Palestinian National Authority" before 2013
    label = _chamber_office(title, chamber, place, demonyms, name) if chamber else national if national and not portfolio \
        else f"{_titled(title, portfolio, known_place)} of {name}{_suffix(state, title, title_span, place)}"
    if title.country and not national or " of the " in title.label and title.extra.get("kind") != "minister" \
            and not title.extra.get("of_country"):
        label = title.label  # "Pope", not "Pope of Vatican City"; the title names its body already
    elif place.key == "country/united-states" and (cabinet := _US_SECRETARY.match(label)):  # the posts by their names
        label = f"United States Secretary of {'State' if cabinet.group(2) == 'Foreign Affairs' else cabinet.group(2)}"
    elif place.key == "country/united-states" and title.key in _AMBASSADORS:  # "United States Ambassador to Iraq"
        label = f"United States Ambassador{_suffix(state, title, title_span, place)}"
    elif place.label == "White House" and not portfolio:
        label = f"White House {title.label}"  # the names of its posts: "White House Press Secretary"
    return named_office(state, label, place), confidence


#: An ambassador's titles: the United States names its ambassadors' posts "United States
#: Ambassador to <country>", its envoy to the United Nations among them.
_AMBASSADORS = {"title/ambassador", "title/permanentrepresentative"}
#: Titles whose post is to one country: one the text does not name is the one the article is
#: about ("U.S. Ambassador X" in a story from Kabul).
_POSTED_TO_A_COUNTRY = {"title/ambassador", "title/highcommissioner"}


#: A U.S. cabinet secretary's office as "<Title> of <Country>" names it.
_US_SECRETARY = re.compile(r"^(Secretary|Minister) of (.+) of the United States$")  # (its ministers are secretaries)


def _suffix(state: ArticleState, title: Known, title_span: Span, place: Entity) -> str:
    """What follows the country in a diplomat's office: the body or country the post is
    to, fixed by the title ("… to the United Nations") or read after it ("Kenya's
    ambassador to Ethiopia" → "Ambassador of Kenya to Ethiopia")."""
    if title.extra.get("suffix") or title.extra.get("kind") != "diplomat":
        return title.extra.get("suffix", "")
    doc = state.doc
    index = title_span.end
    if index + 1 >= title_span.sent.end or doc[index].lower_ != "to":
        return _host_of_the_story(state, title, place)
    index += doc[index + 1].lower_ == "the"
    host = state.entity_at(doc[index + 1], {"Country", "Organization"})
    return f" to {place_name(state, host)}" if host is not None and host.key != place.key else ""


def _host_of_the_story(state: ArticleState, title: Known, place: Entity) -> str:
    """" to <country>" for an ambassador whose post the text does not name: the country the
    article is most about, when that is not the ambassador's own ("" otherwise)."""
    if title.key not in _POSTED_TO_A_COUNTRY:
        return ""
    host = next((key for key in state.resolution.countries[:2] if key != place.key), None)
    entity = entity_for_key(state, host)
    return f" to {place_name(state, entity)}" if entity is not None and entity.type == "Country" else ""


def place_name(state: ArticleState, place: Entity) -> str:
    """How an office's label names its country or body: "Japan", "the United States", "the
    European Commission", "NATO"."""
    known = state.gazetteer.by_key.get(place.key)
    multiword_body = place.type == "Organization" and len(place.label.split()) > 1 and not place.label.isupper()
    return "the " + place.label if known is not None and known.extra.get("the") or multiword_body else place.label


def named_office(state: ArticleState, label: str, place: Entity) -> Entity:
    """The article's Office with this label, belonging to `place` (one entity per label)."""
    key = entity_key("Office", label)
    office = state.entities.get(key) or Entity(key=key, type="Office", label=label, country=place.key)
    state.entities[key] = office
    state.entities.setdefault(place.key, place)
    return office


#: Kinds of title a state, province or city has as well as a country: its head ("Victorian
#: Premier"), its ministers, its governor, mayor or opposition leader.
_REGIONAL_KINDS = {"head", "minister"}
_MAYORS = {"title/mayor"}


def regional_place(state: ArticleState, title: Known, title_span: Span) -> Known | None:
    """The state, province or city a title belongs to when the text names one beside it:
    "Victorian Premier X", "California's governor", "the Mayor of Lyon", "Governor X of
    Ohio". A name that is also a country's stays the country's for a national title
    ("Georgia's President"), a mayor's place is a city, and a head of government's or a
    minister's is a state or province."""
    if not (title.extra.get("local") or title.extra.get("regional") or title.extra.get("kind") in _REGIONAL_KINDS) \
            or title.country:
        return None
    for words in _place_word_runs(state, title_span):
        region = _region_named(state, title, " ".join(t.text for t in words))
        if region is not None:
            return region
    return None


def _place_word_runs(state: ArticleState, title_span: Span):
    """Runs of up to four words that may name a title's place, most likely first: just
    before the title (a possessive's "'s" dropped), after "of (the)", and after the holder's
    name ("Governor X of Ohio")."""
    doc, sent = state.doc, title_span.sent
    before = sorted(words_before(title_span[0], 4), key=lambda t: t.i)
    if before and before[-1].lower_ in {"'s", "’s"}:
        before = before[:-1]
    if before and before[0].i > sent.start + 1 and doc[before[0].i - 1].lower_ == "of" \
            and doc[before[0].i - 2].text[:1].isupper():
        before = []  # "the Bank of England Governor": the region names another body ("the son of Ohio's …" does not)
    yield from (before[start:] for start in range(len(before)) if before[start].text[:1].isupper())
    while before and before[-1].lower_ in {"state", "province", "provincial", "territory"}:
        before = before[:-1]  # "Wyoming state Governor"
        yield from (before[start:] for start in range(len(before)) if before[start].text[:1].isupper())
    after = title_span.end
    hit = state.mention_at(doc[after], {"PERSON", "NAME"}) if after < sent.end else None
    for index in (after, state.spans[hit[0]].end if hit and state.spans[hit[0]] is not None else None):
        if index is None or index + 1 >= sent.end or doc[index].lower_ != "of":
            continue
        first = index + 2 if doc[index + 1].lower_ == "the" else index + 1
        first = place_kind_end(doc, first, sent) or first  # "of the Indian state of Karnataka"
        if first < sent.end and doc[first].text[:1].isupper():
            yield from (doc[first:end] for end in range(min(first + 4, sent.end), first, -1))


#: Words for a kind of place below a country: "the Indian state of Karnataka".
PLACE_KINDS = {"state", "province", "territory", "region", "city", "municipality", "county", "prefecture", "district"}


def place_kind_end(doc, index: int, sent: Span) -> int | None:
    """Where the name starts after "[the] [Indian] state of" at `index`: an adjective or two
    may come before the kind of place; None when no such words are there."""
    for at in range(index, min(index + 3, sent.end - 2)):
        if doc[at].lower_ in PLACE_KINDS and doc[at + 1].lower_ == "of":
            return at + 2
        if not (doc[at].text[:1].isupper() or doc[at].lower_ == "the"):
            return None
    return None


def last_state_named_before(state: ArticleState, title_span: Span) -> Known | None:
    """The state or province named last before a title in its sentence (runs of up to
    three capitalised words), leaving out names that are also a city's ("Washington")."""
    doc, found = state.doc, None
    for start in range(title_span.sent.start, title_span.start):
        if not doc[start].text[:1].isupper():
            continue
        for end in range(start + 1, min(start + 4, title_span.start + 1)):
            regions = _regions_called(state, doc[start:end].text)
            if regions and all(r.extra.get("kind") == "state" for r in regions):
                found = regions[0]
    return found


def country_of_region_named(state: ArticleState, title_span: Span) -> Entity | None:
    """A national title beside a state's name ("New York Senator X", "Senator X of
    Wyoming") belongs to that state's country."""
    for words in _place_word_runs(state, title_span):
        name = " ".join(t.text for t in words)
        regions = [r for r in _regions_called(state, name) if r.extra.get("kind") == "state"]
        if regions and not state.gazetteer.lookup("Country", name):
            return entity_for_key(state, regions[0].country)
    return None


def _regions_called(state: ArticleState, name: str) -> list[Known]:
    """The regions with this name, unless a party has it too ("ACT MP X": a party that
    shares a territory's abbreviation)."""
    return [] if state.gazetteer.lookup("PoliticalParty", name) else state.gazetteer.lookup("Region", name)


def _region_named(state: ArticleState, title: Known, name: str) -> Known | None:
    regions = _regions_called(state, name)
    if not regions or not title.extra.get("local") and state.gazetteer.lookup("Country", name):
        return None
    wanted = "city" if title.key in _MAYORS else "state"
    preferred = [r for r in regions if r.extra.get("kind") == wanted]
    if preferred:
        return preferred[0]
    return regions[0] if title.extra.get("local") and title.key not in _MAYORS else None  # "Jakarta Governor"


def mint_regional_office(state: ArticleState, title: Known, region: Known, written: Span,
                         portfolio: str | None) -> Entity | None:
    """"Premier of Victoria", "Governor of California", "Minister of Health of Victoria":
    the office belongs to the region's country (regions are no entities of their own), and
    a head of government is named as written when it is a premier."""
    country = entity_for_key(state, region.country)
    if country is None:
        return None
    base = _titled(title, portfolio, state.gazetteer.by_key.get(region.country))
    if "premier" in written.text.lower() and title.extra.get("kind") in _REGIONAL_KINDS:
        base = base.replace("Prime Minister", "Premier")
    return named_office(state, f"{base} of {region.label}", country)
