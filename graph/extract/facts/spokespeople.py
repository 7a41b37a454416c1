"""Spokespeople: "the Ruritanian Foreign Ministry spokesman X", "X, a spokeswoman for the
European Commission,", "a government spokesman, X,". News quotes them constantly, and the
post is an office of the body they speak for: "Spokesperson of <the body>".

Only a body we can name counts: an organisation the gazetteer knows, a country's ministry
or department, or a country's government. A party's spokesman is a post in the party (the
party rules read it), and a spokesman for a company, a rebel group or a family holds no
public office.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.facts.article import (
    ArticleState,
    add_fact,
    entity_for_key,
    person_after,
    person_in_apposition,
    person_of_token,
    status_from_words,
    words_before,
)
from graph.extract.facts.office_entities import named_office, place_name
from graph.extract.rules import CUES, RULES
from graph.model import Entity

_REGION_LENGTH = 7  # words of a body's name read after "spokesman for (the)"
_NAMES = {"COUNTRY", "DEMONYM", "PERSON", "NAME", "TITLE", "PARTY", "PARTY_ADJ"}


def read_spokespeople(state: ArticleState, sent: Span) -> None:
    for token in sent:
        if token.lower_ not in CUES["spokesperson"] or token.i in state.in_quote:
            continue
        body = _body_spoken_for(state, token, sent)
        person = _spokesperson(state, token, sent) if body is not None else None
        if person is None:
            continue
        label, place = body
        office = named_office(state, f"Spokesperson {label}" if label.startswith("for ") else f"Spokesperson of {label}", place)
        status = status_from_words(words_before(token, 4))
        add_fact(state, person, "holdsOffice", office, status, RULES["office.spokesperson"], sent, token)


def _spokesperson(state: ArticleState, token: Token, sent: Span) -> Entity | None:
    """Who speaks: the name right after the word ("spokesman X"), the name it stands in
    apposition to ("X, a spokesman for …" / "a spokesman for …, X,"), or the subject of
    "X is a spokesman for …"."""
    person = person_after(state, token.i + 1, sent)
    if person is not None:
        return person
    if token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children):
        return person_in_apposition(state, token)
    body_words = _words_after_for(token, sent)
    after_body = body_words[-1].i + 1 if body_words else token.i + 1
    if after_body + 1 < sent.end and state.doc[after_body].text == ",":
        person = person_after(state, after_body + 1, sent)  # "a spokesman for the X, NAME,"
        if person is not None:
            return person
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        return person_of_token(state, subject) if subject is not None else None
    before = words_before(token, 6)
    first = before[-1] if before else token
    if first.i - 2 >= sent.start and state.doc[first.i - 1].text == ",":
        return state.entity_at(state.doc[first.i - 2], {"Person"})
    return None


def _body_spoken_for(state: ArticleState, token: Token, sent: Span) -> tuple[str, Entity] | None:
    """How the office names its body, and the entity it belongs to: from the words before
    ("Foreign Ministry spokesman") or after ("spokeswoman for the European Commission")."""
    before = list(reversed(words_before(token, 6)))
    for region in (before, _words_after_for(token, sent)):
        if any(state.mention_at(t, {"PARTY", "PARTY_ADJ"}) for t in region):
            return None  # a party's spokesman: a party post
        body = _known_body(state, region) or _ministry(state, region) or _government(state, region) \
            or _holder_spoken_for(state, region) or _presidential(state, region)
        if body is not None:
            return body
    return None


def _holder_spoken_for(state: ArticleState, region: list[Token]) -> tuple[str, Entity] | None:
    """"X, a spokesman for President Y", "Y's spokesman X": the spokesperson of a person
    speaks for the office the article gives that person now ("Spokesperson for the
    President of Ruritania"); a person with no such office has no public spokesperson."""
    doc = state.doc
    before_title = bool(region) and region[-1].i + 1 < len(doc) and doc[region[-1].i + 1].lower_ in CUES["spokesperson"]
    for token in region:
        person = state.entity_at(token, {"Person"})
        if person is None:
            continue
        if before_title and not (token.i + 1 < len(doc) and doc[token.i + 1].text in {"'s", "’s"}):
            continue  # before the title only "Y's spokesman" names whom it speaks for
        offices = [state.entities[f.object] for f in state.facts if f.subject == person.key
                   and f.relation == "holdsOffice" and f.status in {"current", "acting"} and f.object in state.entities]
        place = entity_for_key(state, offices[0].country) if len(offices) == 1 else None
        if place is None:
            return None
        return f"for the {offices[0].label}", place
    return None


def _presidential(state: ArticleState, region: list[Token]) -> tuple[str, Entity] | None:
    """"the Ruritanian presidential spokesman X": the President's spokesperson, of the
    country named with it, else of the article's home country, when the article names
    the President's office there."""
    if not any(t.lower_ == "presidential" for t in region):
        return None
    country = _country_in(state, region) or entity_for_key(state, state.home)
    office = state.entities.get(state.head_offices.get(country.key, "")) if country is not None else None
    if office is None or not office.label.startswith("President of "):
        return None
    return f"for the {office.label}", country


def _words_after_for(token: Token, sent: Span) -> list[Token]:
    """The words of "for (the) X" or "of (the) X" right after the title, up to a comma or
    another preposition."""
    doc = token.doc
    index = token.i + 1
    if index >= sent.end or doc[index].lower_ not in {"for", "of", "at"}:
        return []
    index += 1
    words = []
    while index < sent.end and len(words) < _REGION_LENGTH and doc[index].text not in {",", ";", ":", "(", ")"}:
        if doc[index].pos_ == "ADP" and doc[index].lower_ != "of":
            break  # "for the U.S. mission to the UN": the mission's, not the UN's
        words.append(doc[index])
        index += 1
    return words


def _known_body(state: ArticleState, region: list[Token]) -> tuple[str, Entity] | None:
    """A gazetteer organisation ("White House", "European Commission", "Chinese Foreign
    Ministry"): the body is named as the gazetteer names it."""
    for token in region:
        body = state.entity_at(token, {"Organization"})
        if body is not None and body.key in state.gazetteer:
            return place_name(state, body), body
    return None


def _ministry(state: ArticleState, region: list[Token]) -> tuple[str, Entity] | None:
    """"the Ruritanian Health Ministry", "Ruritania's Ministry of Health": the ministry of
    a country named in the same words, else the one country of the sentence, else (when
    the sentence names none) the article's home country, with the portfolio
    named as the gazetteer's minister title names it ("Foreign" → "Foreign Affairs")."""
    at = next((i for i, t in enumerate(region) if t.lower_ in CUES["ministry"]), None)
    if at is None:
        return None
    country = _country_in(state, region) or _only_country_in(state, region[0].sent)
    if country is None and not _countries_in(state, region[0].sent):
        country = entity_for_key(state, state.home)  # a sentence naming other countries leaves it open
    portfolio = _capitalised_run(state, reversed(region[:at])) or _capitalised_run(state, region[at + 2:]
                                                                                    if at + 1 < len(region) and region[at + 1].lower_ == "of" else [])
    if country is None or not portfolio:
        return None
    return f"the {_ministry_name(state, portfolio)} of {place_name(state, country)}", country


def _government(state: ArticleState, region: list[Token]) -> tuple[str, Entity] | None:
    """"a Ruritanian government spokesman": the Government of that country; "Government
    spokesman X" with no country beside it: the one country of the sentence, else (when
    the sentence names none) the article's home country."""
    if not any(t.lower_ == "government" for t in region):
        return None
    country = _country_in(state, region) or _only_country_in(state, region[0].sent)
    if country is None and not _countries_in(state, region[0].sent):
        country = entity_for_key(state, state.home)
    return (f"the Government of {place_name(state, country)}", country) if country is not None else None


def _only_country_in(state: ArticleState, sent: Span) -> Entity | None:
    """The one country a sentence names, quotes included ("'… offends China,' Foreign
    Ministry spokesman X said"): the ministry's, before the article's home country."""
    countries = _countries_in(state, sent)
    return next(iter(countries.values())) if len(countries) == 1 else None


def _countries_in(state: ArticleState, sent: Span) -> dict[str, Entity]:
    return {e.key: e for t in sent if (e := state.entity_at(t, {"Country"})) is not None}


def _country_in(state: ArticleState, region: list[Token]) -> Entity | None:
    return next((c for t in region if (c := state.entity_at(t, {"Country"})) is not None), None)


def _capitalised_run(state: ArticleState, tokens) -> str:
    """The capitalised words next to "Ministry" that name its portfolio, nearest first
    for the words before it, skipping nothing that is itself a name."""
    words: list[Token] = []
    for t in tokens:
        if not (t.is_alpha and t.text[:1].isupper()) or state.mention_at(t, _NAMES):
            break
        words.append(t)
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _ministry_name(state: ArticleState, portfolio: str) -> str:
    """"Ministry of Foreign Affairs" for "Foreign": the gazetteer's minister of that
    portfolio, else the portfolio as written."""
    for form in (f"{portfolio} Minister", f"Minister of {portfolio}", f"Minister for {portfolio}"):
        for title in state.gazetteer.lookup("OfficeTitle", form):
            if title.label.startswith("Minister of "):
                return "Ministry of " + title.label.removeprefix("Minister of ")
    return f"Ministry of {portfolio}"
