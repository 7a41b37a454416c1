"""Stage 3: a parsed Doc becomes a list of Mentions (spans that name or refer to something).

Sources, in order of trust: gazetteer spans (canonical keys), the model's PERSON and ORG
entities, and summit phrases built around the word "summit". Nothing here decides who a
mention refers to; that is the entities stage.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from graph.extract.pipeline import REGIONS_KEY, SPANS_KEY
from graph.extract.rules import CUES
from graph.model import MIN_SLIP_LENGTH, Mention, fold, misspelt

_YEAR = re.compile(r"^(19|20)\d\d$")
_REGNAL_NUMBER = re.compile(r"^(I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
#: Honorifics and ranks that news puts before a name but that are not part of it.
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "madam", "mr.", "mrs.", "ms.", "dr.", "ratu",
                "sheikh", "sheik", "datuk", "dato", "tun", "prof", "prof.", "rev", "rev.", "gen", "gen.", "general",
                "commodore", "admiral", "colonel", "col.", "captain", "capt.", "major", "lieutenant", "lt.", "sgt.",
                "sen.", "rep.", "gov.", "hon.", "spokesman", "spokeswoman", "spokesperson", "president", "premier",
                "chancellor", "minister", "senator", "king", "queen", "prince", "princess", "emperor", "pope", "judge",
                "justice", "ambassador", "mayor", "governor", "whip", "leader", "chairman", "chairwoman"}
_SUMMIT_WORDS = {"summit", "summits"}
#: Other words for a summit, which name one only after a series: "the APEC meeting".
_MEETING_WORDS = {"meeting", "gathering", "conference"}


def find_mentions(doc: Doc) -> list[Mention]:
    """All mentions in the doc, sorted by position, without exact duplicates."""
    known = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    known = [s for s in known if not _adjective_inside_name(s) and not _part_of_a_regions_demonym(s)
             and not _rank_of_another_post(s)]
    parties = _party_names(doc, _SpanIndex(known))
    gazetteer = _SpanIndex(_without_parts_of(known, parties) + parties)
    mentions = [_from_span(s, s.label_, s.id_ or None) for s in gazetteer]
    regions = _SpanIndex(doc.spans[REGIONS_KEY] if REGIONS_KEY in doc.spans else [])
    mentions += _persons(doc, gazetteer, regions)
    mentions += _untagged_surnames(doc, mentions)
    mentions += _names_after_titles(doc, gazetteer, mentions)
    mentions += _untagged_names_in_person_slots(doc, gazetteer, mentions)
    mentions += _organisations(doc, gazetteer)
    mentions += _summits(doc, gazetteer)
    mentions += _places(regions, mentions)
    unique = {(m.start, m.end, m.label, m.key): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (m.start, -m.end))


def _places(regions: "_SpanIndex", mentions: list[Mention]) -> list[Mention]:
    """States, provinces and cities ("in Canberra", "the Ohio senator"), as PLACE mentions
    keyed by the region: no entity of the graph, but a sign of which country the article is
    about. A place inside a person's or a country's name ("Georgia") is not one."""
    taken = {i for m in mentions if m.label in {"PERSON", "COUNTRY", "DEMONYM", "ORG", "PARTY"}
             for i in range(m.start, m.end)}
    return [_from_span(s, "PLACE", s.id_) for s in regions if s.start_char not in taken]


def _region_named(span: Span, regions: "_SpanIndex") -> bool:
    """Whether the span is a state's or province's name ("Madhya Pradesh", "Rajasthan"), a
    word for its people ("Madeiran"), or a city's name of two words or more: never a
    person. One-word city names ("Jackson", "Lincoln") are people's names too."""
    return any(s.start == span.start and s.end == span.end and (s.label_ != "CITY" or len(s) >= 2)
               for s in regions.at(span.start))


def _from_span(span: Span, label: str, key: str | None = None, year: int | None = None, year_offset: int = 0) -> Mention:
    return Mention(start=span.start_char, end=span.end_char, text=span.text, label=label, key=key, year=year,
                   year_offset=year_offset)


class _SpanIndex(list):
    """The gazetteer spans, with the spans covering each token at hand (so looking one
    up does not scan the whole article)."""

    def __init__(self, spans):
        super().__init__(spans)
        self._at: dict[int, list[Span]] = {}
        for span in self:
            for i in range(span.start, span.end):
                self._at.setdefault(i, []).append(span)

    def at(self, token_index: int) -> list[Span]:
        return self._at.get(token_index, [])


#: Words that head a party's name ("Harbour Party", "Partido Popular"), and words that head
#: one only together with a political word ("Front for Multi-ethnic Unity").
_PARTY_HEADS = {"party", "partei", "partido", "parti", "partij", "partia", "partito", "partiet"}
_MEMBER_PLURALS = {"democrats", "republicans", "conservatives", "liberals", "socialists", "greens", "communists"}
_MOVEMENT_HEADS = {"movement", "front", "league", "alliance", "coalition", "rally", "bloc"}
_POLITICAL_WORD = re.compile(r"^(democra|socialis|communis|liberal|conservativ|national|people|republic|labou?r|worker|"
                             r"freedom|progress|unity|justice|independen|revolution|patriot|popular|christian|green|"
                             r"social|civic|reform)", re.I)
_NAME_LINKS = {"of", "for", "the", "and", "-", "–", "'s", "’s", "/"}
#: Words that make "party" an ordinary English compound rather than a party's name.
_NOT_PARTY_COMPOUNDS = {"working", "search", "third", "birthday", "dinner", "tea", "garden", "hunting", "boarding",
                        "landing", "raiding", "wedding", "house", "block", "street", "pool", "farewell", "launch",
                        "christmas", "victory", "watch", "costume", "cocktail", "welcome", "warring", "injured",
                        "interested", "guilty", "contracting", "host", "state", "parliamentary", "ruling", "governing"}
_NOT_IN_PARTY_NAME = {"TITLE", "PERSON"}


def is_party_name(name: str, *, model_says_organisation: bool = False) -> bool:
    """Whether a name reads as a party's: headed by "Party" or a plural of members
    ("Greens"), or by "Movement", "Front", "Congress" and the like. Those last words also
    head clubs and campaigns, so a name only we found needs a political word beside them;
    one the model already tagged as an organisation does not (many parties' names are
    not English: "… Qaumi Movement")."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    if any(a in _NOT_PARTY_COMPOUNDS and b in _PARTY_HEADS for a, b in zip(words, words[1:])):
        return False  # "working party", "Tea Party"
    if any(w in _PARTY_HEADS | _MEMBER_PLURALS for w in words):
        return True
    political = any(_POLITICAL_WORD.match(w) for w in words)
    if words[:1] and words[0] in _MOVEMENT_HEADS and words[1:2] == ["of"] and not political:
        return False  # "League of Nations", "League of Women Voters": a body or a lobby
    return any(w in _MOVEMENT_HEADS | {"congress"} for w in words) and (
        model_says_organisation or political)


def _party_names(doc: Doc, gazetteer: _SpanIndex) -> list[Span]:
    """Names of parties the gazetteer does not know, read from their shape: a capitalised
    name headed by "Party" ("Harbour Party", "Party of Regions"), or by "Movement",
    "Front" and the like together with a political word, or by a plural of members after one
    ("Progressive Democrats"); a name followed by a lowercase
    "party" ("the Tamarind party"), in brackets after it ("the ruling party (TP)") or right
    after it ("the political party Tamarind Front"); and the subject of "… is a political
    party"."""
    spans = []
    for token in doc:
        lower = token.lower_
        if lower in _PARTY_HEADS | _MOVEMENT_HEADS and token.text[:1].isupper():
            span = _name_run(doc, token.i, gazetteer)
            if len([t for t in span if t.lower_ not in _NAME_LINKS]) >= 2 and is_party_name(span.text) \
                    and token.i < span.end:
                spans.append(span)
        elif lower in _MEMBER_PLURALS and token.text[:1].isupper() and token.i > token.sent.start \
                and _POLITICAL_WORD.match(doc[token.i - 1].text) and doc[token.i - 1].text[:1].isupper() \
                and not gazetteer.at(token.i - 1):
            spans.append(doc[token.i - 1 : token.i + 1])  # "the Progressive Democrats", "the Free Democrats"
        elif lower == "party" and token.i > token.sent.start:
            if token.dep_ == "attr" and token.head.lemma_ == "be":
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.text[:1].isupper() and subject.pos_ == "PROPN":
                    spans.append(_name_run(doc, subject.i, gazetteer))
            elif _is_proper_modifier(doc[token.i - 1]):
                spans.append(_name_run(doc, token.i - 1, gazetteer))
            elif token.i + 3 < token.sent.end and doc[token.i + 1].text == "(" and doc[token.i + 2].text[:1].isupper() \
                    and doc[token.i + 3].text == ")":
                spans.append(doc[token.i + 2 : token.i + 3])  # "the ruling party (HP)"
            elif token.i + 1 < token.sent.end and _is_name_start(doc[token.i + 1]) \
                    and (token.dep_ == "compound" or token in {doc[token.i + 1].head, doc[token.i + 1].head.head}):
                spans.append(_name_run(doc, token.i + 1, gazetteer))  # "the political party Vlaams Blok"
    spans = [_after_owner(span, gazetteer) for span in spans]
    fresh = [Span(doc, s.start, s.end, label="PARTY") for s in spans if len(s) and not _clashes_with_known(s, gazetteer)]
    return filter_spans(fresh)


def _after_owner(span: Span, gazetteer: _SpanIndex) -> Span:
    """"Okafor's Movement for Change" names the party after the owner's possessive when the
    gazetteer knows a party starting there, or when the owner is one person ("Okafor's
    Progressive National Party"); "Women's Equality Party" and "People's Party" stay whole."""
    for token in span:
        if token.text not in {"'s", "’s"} or token.i + 1 >= span.end or token.i == span.start:
            continue
        owner = span.doc[token.i - 1]
        one_person = owner.ent_type_ == "PERSON" or owner.tag_ == "NNP" and owner.lower_ not in _GROUPS_OWNING_PARTIES
        if one_person or any(s.label_ == "PARTY" and s.start == token.i + 1 for s in gazetteer.at(token.i + 1)):
            return span.doc[token.i + 1 : span.end]
    return span


#: Groups a party's name may be of ("People's Party", "Workers' Party").
_GROUPS_OWNING_PARTIES = {"people", "women", "workers", "farmers", "citizens", "peasants", "men", "nation", "country",
                          "voters", "youth", "pensioners", "taxpayers", "consumers", "veterans", "families"}
#: Parts of speech of a sentence's first word that is capitalised only for being first.
_FUNCTION_WORDS = {"ADP", "SCONJ", "CCONJ", "ADV", "DET", "PRON"}


def _is_name_start(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in {"PERSON", "GPE", "DATE"}


def _is_proper_modifier(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.dep_ == "compound"


def _clashes_with_known(span: Span, gazetteer: _SpanIndex) -> bool:
    """Whether a known party or organisation overlaps the span other than as a shorter
    part of it (a longer name the gazetteer knows wins; a shorter one inside loses)."""
    return any(o.label_ in {"PARTY", "ORG"} and not (span.start <= o.start and o.end <= span.end and len(o) < len(span))
               for t in span for o in gazetteer.at(t.i))


def _adjective_inside_name(span: Span) -> bool:
    """A party adjective inside a longer name the model found ("National" in "the National
    Assembly", "Labor" in "Labor Day", "League" in "the Premier League") is not about the
    party."""
    if span.label_ != "PARTY_ADJ":
        return False
    names = [e for e in span.doc.ents if e.start <= span.start and span.end <= e.end and len(e) > len(span)
             and e.label_ in {"ORG", "FAC", "GPE", "LOC", "EVENT", "LAW", "WORK_OF_ART"}]
    return any(not any(t.lower_ in _PERSON_SLOT_NOUNS for t in e) for e in names)


#: Words that make a demonym one of a region of several countries: "Latin American", "South African"
#: is a country's own, so only these (with "American", "Asian", "European" after them) count.
_REGION_WORDS = {"latin", "south", "north", "central", "pan", "meso", "east", "west", "southeast", "northeast"}


def _part_of_a_regions_demonym(span: Span) -> bool:
    """"American" in "Latin American leaders" or "South American nations" names no country
    (the United States), nor "Asian" in "East Asian" or "European" in "Central European"."""
    if span.label_ != "DEMONYM" or span.start == 0 or span.text not in {"American", "Americans", "Asian", "European"}:
        return False
    before = span.doc[span.start - 1]
    return before.lower_ in _REGION_WORDS and before.text[:1].isupper()


#: Posts a "deputy" before them is the rank of: "the Deputy Commissioner" is no member of parliament.
_POSTS_WITH_DEPUTIES = {"commissioner", "director", "chief", "head", "mayor", "governor", "editor", "manager",
                        "commander", "chairman", "chairwoman", "chair", "secretary", "registrar", "principal", "sheriff",
                        "inspector", "superintendent", "constable", "administrator", "coordinator", "ombudsman"}


def _rank_of_another_post(span: Span) -> bool:
    """"Deputy" as a legislator's title ("Deputy Ana Rojas" of a chamber of deputies) is
    not one when a post follows it ("the Deputy Commissioner, X")."""
    if span.label_ != "TITLE" or len(span) != 1 or span[0].lower_ != "deputy" or span.end >= len(span.doc):
        return False
    return span.doc[span.end].lower_ in _POSTS_WITH_DEPUTIES


def _without_parts_of(known: list[Span], parties: list[Span]) -> list[Span]:
    """The gazetteer spans, less the party names and adjectives inside a longer party name
    ("Democratic" in "Democratic Renewal Party" is not the Democrats)."""
    return [s for s in known if not (s.label_ in {"PARTY", "PARTY_ADJ"}
                                      and any(p.start <= s.start and s.end <= p.end for p in parties))]


#: Words that say where a party stands, written capitalised before its name ("the Opposition
#: National party", "the Ruling Labour party") but no part of it.
_STANDING_WORDS = {"opposition", "ruling", "governing", "rival", "former", "main", "minor"}


def _name_run(doc: Doc, index: int, gazetteer: _SpanIndex) -> Span:
    """The capitalised run of words around `index` in its sentence, joined by "and" and
    hyphens, and after `index` also by "of", "for" and "the" ("Front for Multi-ethnic
    Unity"), without a title or person name the gazetteer knows."""
    sent = doc[index].sent

    def in_name(i: int) -> bool:
        token = doc[i]
        if any(s.label_ in _NOT_IN_PARTY_NAME for s in gazetteer.at(i)) or token.lower_ in _PERSON_SLOT_NOUNS \
                or token.lower_ in _TITLE_WORDS or token.ent_type_ in {"PERSON", "DATE", "CARDINAL"}:
            return False
        if token.lower_ in _NAME_LINKS:
            return True
        return token.is_alpha and (token.text[:1].isupper()  # or the lowercase half of "Multi-ethnic"
                                   or i > 1 and doc[i - 1].text in {"-", "–"} and doc[i - 2].text[:1].isupper())

    start, end = index, index + 1
    while start > sent.start and in_name(start - 1) and doc[start - 1].lower_ not in {"of", "for", "the"}:
        start -= 1  # "of" and "for" follow a party's head word, never precede it
    # After the head word a name goes on only through "of", "for" or a hyphen ("Party of
    # Regions"), or when the head comes first ("Partido Popular"): "Tea Party Museum" ends at
    # "Party".
    if start == index or end < sent.end and doc[end].lower_ in {"of", "for", "-", "–", "/"}:
        while end < sent.end and in_name(end):
            end += 1
    while start < end and (doc[start].lower_ in _NAME_LINKS | _STANDING_WORDS | {"a", "an"} or not doc[start].text[:1].isupper()
                           or start == sent.start and doc[start].pos_ in _FUNCTION_WORDS):
        start += 1  # ("As Harbour party leader, X said": the sentence's first word is no part of it)
    while end > start and doc[end - 1].lower_ in _NAME_LINKS:
        end -= 1
    return doc[start:end]


def _covered(span: Span, others: _SpanIndex, labels: set[str]) -> bool:
    return any(o.label_ in labels and o.start <= span.start and span.end <= o.end for o in others.at(span.start))


def _persons(doc: Doc, gazetteer: _SpanIndex, regions: _SpanIndex) -> list[Mention]:
    """The model's PERSON entities, trimmed of titles, honorifics and possessives.

    A span the gazetteer already knows as a person, country, party or title is left to
    the gazetteer: the model sometimes calls "Japan" or "Labour" a person.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = _trim_person(ent, gazetteer)
        span = _without_place_of_title(span, gazetteer, regions) if span is not None else None
        if span is None or _covered(span, gazetteer, {"PERSON", "COUNTRY", "DEMONYM", "PARTY", "PARTY_ADJ", "ORG", "SERIES"}) \
                or _region_named(span, regions) or _seat_in_brackets(span) or _seat_after_member_for(span) \
                or _in_portfolio(span, gazetteer):
            continue
        out.append(_from_span(span, "PERSON"))
    return out


def _without_place_of_title(span: Span, gazetteer: _SpanIndex, regions: _SpanIndex) -> Span:
    """"the mayor of Springfield Ana Rojas": the place after a title's "of" is no part of
    the name the model ran it into."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of" or not any(s.label_ == "TITLE" for s in gazetteer.at(span.start - 2)):
        return span
    place = max((r.end for r in regions.at(span.start) if r.start == span.start and r.end <= span.end - 2), default=None)
    return doc[place:span.end] if place is not None else span


#: Titles whose portfolio follows them: "Minister for Education and Training".
_PORTFOLIO_HEADS = {"minister", "secretary", "commissioner"}


def _in_portfolio(span: Span, gazetteer: _SpanIndex) -> bool:
    """"Minister for Vocational Education and Training, X": a capitalised word the model
    calls a person after the "and" of a minister's portfolio is the portfolio's last part."""
    doc, index = span.doc, span.start - 1
    if index <= span.sent.start or doc[index].lower_ not in {"and", "&"}:
        return False  # the portfolio's last part: "… and Training"
    while index > span.sent.start and (doc[index].lower_ in {"and", "the", "&"} or doc[index].text[:1].isupper()
                                       and doc[index].ent_type_ != "PERSON"):
        index -= 1
    return index > span.sent.start and index < span.start - 1 and doc[index].lower_ in {"for", "of"} \
        and doc[index - 1].lower_ in _PORTFOLIO_HEADS \
        and any(s.label_ == "TITLE" for s in gazetteer.at(index - 1))


#: Words after which "for X" names the seat a member holds: "the Labour MP for X".
_SEAT_HOLDERS = {"mp", "mps", "member", "members", "mla", "mpp", "msp", "td", "mep", "representative", "senator"}


def _seat_after_member_for(span: Span) -> bool:
    """"the Labour MP for Harbourside North": a name after "MP for" is a constituency."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "for" and doc[span.start - 2].lower_ in _SEAT_HOLDERS


def _seat_in_brackets(span: Span) -> bool:
    """"Ana Rojas (Harbourside, Labour)": one word in brackets right after a name, before a
    comma, names the seat the person holds, not another person."""
    doc = span.doc
    return len(span) == 1 and span.start >= 2 and doc[span.start - 1].text == "(" and span.end < len(doc) \
        and doc[span.end].text == "," and doc[span.start - 2].ent_type_ == "PERSON"


def _untagged_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Capitalised tokens equal to the first or last part of a person named in full
    elsewhere in the article, or that part misspelt, which the model left untagged
    ("Okafor will attend")."""
    parts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and len(words) >= 2:
            parts.update({words[0], words[-1]})
    covered = {i for m in mentions for i in range(m.start, m.end)}
    folded = {fold(p) for p in parts if len(p) >= MIN_SLIP_LENGTH}
    out = []
    for token in doc:
        if token.pos_ not in {"PROPN", "NOUN"} or token.idx in covered or token.ent_type_ in {"GPE", "LOC", "NORP"} \
                or not token.text[:1].isupper():
            continue
        if token.text in parts or len(token.text) >= MIN_SLIP_LENGTH and _misspells_one_of(token.text, folded):
            out.append(Mention(start=token.idx, end=token.idx + len(token.text), text=token.text, label="NAME"))
    return out


@functools.lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return fold(text)


def _misspells_one_of(text: str, names: set[str]) -> bool:
    form = _folded(text)
    return any(misspelt(form, name) for name in names)


def _names_after_titles(doc: Doc, gazetteer: _SpanIndex, mentions: list[Mention]) -> list[Mention]:
    """Names the model missed in the slots right after a title or a party: "Foreign
    Minister Ada Okafor", "the Minister of Trade, Ada Okafor,", "fellow Democrat Ada
    Okafor" and "the Labour Party of Ada Okafor"."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for title in (s for s in gazetteer if s.label_ in {"TITLE", "PARTY_ADJ", "PARTY"}):
        index = title.end
        if title.label_ == "PARTY":
            if index + 1 >= len(doc) or doc[index].lower_ != "of":
                continue
            index += 1
        if title.label_ == "TITLE" and index < len(doc) and doc[index].lower_ == "of":
            index += 1
            while index < title.sent.end and (doc[index].text[:1].isupper() or doc[index].lower_ in {"the", "and"}):
                index += 1
        if title.label_ == "TITLE" and index < len(doc) and doc[index].text == ",":
            index += 1
        while index < title.sent.end and doc[index].lower_ in _TITLE_WORDS:
            index += 1  # an honorific ("Ratu", "Sheikh") is not part of the name
        end = index
        while end < title.sent.end and end - index < 4 and doc[end].pos_ == "PROPN" and _is_name_word(doc[end]) \
                and doc[end].idx not in covered and doc[end].lower_ not in _ORG_WORDS:
            end += 1
        if end - index >= 2 and (end >= title.sent.end or not doc[end].text[:1].isupper()):
            out.append(_from_span(doc[index:end], "PERSON"))
    return out


def _is_name_word(token: Token) -> bool:
    """A word shaped like part of a name: capitalised, letters with an inner apostrophe or
    hyphen at most ("Yar'Adua", "Al-Sherif"), or a regnal number ("II"); not an all-capitals
    acronym ("MP")."""
    text = token.text
    return _REGNAL_NUMBER.match(text) is not None or len(text) > 1 and text[:1].isupper() and not text.isupper() \
        and all(ch.isalpha() or ch in "'’-" for ch in text) and text[-1].isalpha()


def _untagged_names_in_person_slots(doc: Doc, gazetteer: _SpanIndex, mentions: list[Mention]) -> list[Mention]:
    """Names the model tagged as nothing at all, in a slot only people fill ("X, leader of
    the Y Party,", "X, a Labour MP,", "X said"): the small model misses many unfamiliar
    names, most often at the start of a sentence. A name takes no article: "the Finance
    Ministers said" is no one's name."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for sent in doc.sents:
        index = sent.start
        while index < sent.end:
            end = index
            while end < sent.end and end - index < 4 and _is_untagged_name_word(doc[end], gazetteer, covered):
                end += 1
            if end - index >= 2 and (index == 0 or doc[index - 1].lower_ != "the") \
                    and (_looks_like_person(doc[index:end], gazetteer) or _subject_of_a_person_verb(doc[index:end])):
                out.append(_from_span(doc[index:end], "PERSON"))
            index = max(end, index + 1)
    return out


def _subject_of_a_person_verb(span: Span) -> bool:
    """Only people say, tell or announce: "X said on Monday"; and only people take a post."""
    root = span[-1]
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in CUES["speech_act"] or _takes_a_post(span)


def _takes_a_post(span: Span) -> bool:
    """Only people resign as, become or serve as a leader or a minister: "X resigned as
    leader of the party", "X will become acting leader"."""
    root = span[-1]
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = root.head
    roles = [c for c in verb.children if c.dep_ in {"attr", "oprd"}] \
        + [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    return any(r.lower_ in _PERSON_SLOT_NOUNS or r.lower_ in _TITLE_WORDS for r in roles)


def _is_untagged_name_word(token: Token, gazetteer: _SpanIndex, covered: set[int]) -> bool:
    return token.ent_iob_ == "O" and token.pos_ in {"PROPN", "NUM"} and _is_name_word(token) and token.idx not in covered \
        and not gazetteer.at(token.i) and token.lower_ not in _ORG_WORDS | _TITLE_WORDS \
        and token.lemma_.lower() not in _TITLE_WORDS | _PERSON_SLOT_NOUNS


_NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "ten", "ter", "bin",
                   "al", "dos", "wa", "ibn"}
_QUESTION_AUX = {"will", "would", "can", "could", "should", "did", "does", "do", "is", "was", "has", "have", "may"}


#: Words the model runs a name on into: "the Okafor Administration", a caption's "Image".
_NOT_NAME_ENDS = {"administration", "government", "cabinet", "campaign", "image", "photo", "file", "obituaries"}


def _trim_person(ent: Span, gazetteer: _SpanIndex) -> Span | None:
    doc = ent.doc
    start, end = ent.start, ent.end
    if start == ent.sent.start and doc[start].lower_ in _QUESTION_AUX and end - start > 1:
        start += 1  # "Will Aino Virtanen attend?": the auxiliary opens a question, it is not a name
    prefixes = {"TITLE", "DEMONYM", "COUNTRY", "PARTY_ADJ"}
    while start < end and (doc[start].lower_ in _TITLE_WORDS or any(s.label_ in prefixes for s in gazetteer.at(start))
                           or not doc[start].text[:1].isupper()):
        start += 1
    dash = next((t.i for t in doc[start + 1 : end] if t.text in {"-", "–", "—"} and t.whitespace_), None)
    if dash is not None:
        end = dash  # "John Smith - Singapore": a caption's dash ends the name
    while end > start + 1 and (doc[end - 1].lower_ in _NOT_NAME_ENDS
                               or any(s.label_ in {"PARTY", "PARTY_ADJ", "COUNTRY"} for s in gazetteer.at(end - 1))):
        end -= 1  # "Ana Rojas Labor", "Ana Rojas Administration": the model ran on past the name
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’", "-", ","} or doc[end - 1].is_punct
                           or doc[end - 1].is_lower and doc[end - 1].lower_ not in _NAME_PARTICLES
                           and (end - 2 < start or doc[end - 2].whitespace_)):
        end -= 1  # "Assisting the": a name ends in no lower-case word but a particle or a hyphen's half
    while end < ent.sent.end and doc[end - 1].lower_ in _NAME_PARTICLES and doc[end].text[:1].isupper():
        end += 1  # the model stopped at "von der" in "Karl von der Heide": a particle is never a name's end
    while end + 1 < ent.sent.end and doc[end].lower_ in _NAME_PARTICLES and doc[end + 1].pos_ == "PROPN" \
            and doc[end + 1].text[:1].isupper() and not gazetteer.at(end + 1):
        end += 2  # the model stopped before the particle: "Bingu | wa Mutharika"
    while end < ent.sent.end and doc[end - 1].dep_ == "compound" and doc[end].pos_ == "PROPN" and doc[end].is_alpha \
            and doc[end].text[:1].isupper() and doc[end].ent_iob_ == "O" and not gazetteer.at(end):
        end += 1  # the model stopped early in a long name ("José Luis | Rodríguez Zapatero")
    if start >= end or not any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end]) \
            or not any(t.pos_ in {"PROPN", "NUM"} for t in doc[start:end]):
        return None  # a capitalised verb or noun alone ("Assisting") is no name
    return doc[start:end]


def _organisations(doc: Doc, gazetteer: _SpanIndex) -> list[Mention]:
    """The model's ORG entities the gazetteer does not know, as candidate names.

    They may turn out to be a person's surname (bare surnames are often tagged ORG), a party,
    or an organisation; the entities stage decides with the whole article in view.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "NORP", "GPE"}:
            continue
        span = ent
        opening = next((t.i for t in span if t.text == "("), None)
        if opening is not None and opening > span.start:  # "Ana Rojas (Green Party" is two names
            span = doc[span.start : opening]
        while len(span) > 1 and (span[0].lower_ == "the" or span[0].is_lower
                                 or span[0].pos_ in _FUNCTION_WORDS):
            span = span[1:]  # "As PASOK": a sentence's first word, capitalised only for that
        possessive = next((t.i for t in span[:-1] if t.text in {"'s", "’s"}), None)
        if possessive is not None:
            span = doc[possessive + 1 : span.end]  # "Okafor's Harbour Party": the owner is no part of the name
        while len(span) > 1 and (span[-1].text in {"'s", "’s"} or span[-1].lower_ in _POST_WORDS):
            span = span[:-1]  # "Bloc Leader": the model ran a party's name on into its leader's title
        if _covered(span, gazetteer, {"COUNTRY", "DEMONYM", "ORG", "PARTY", "PARTY_ADJ", "PERSON", "SERIES", "TITLE"}) \
                or any(s.label_ == "TITLE" and s.start == span.start for s in gazetteer.at(span.start)) \
                or any(s.label_ == "PARTY" and span.start <= s.start and s.end <= span.end for t in span for s in gazetteer.at(t.i)):
            continue  # known; a title with its portfolio ("Minister of Public Works"); or around a party's name
        if span[-1].lower_ in _SUMMIT_WORDS:
            continue  # "the North American Leaders' Summit": a summit, read by `_summits`
        if _portfolio_of_next_title(span, gazetteer):
            continue  # "the Indonesian Fisheries Minister": the model ran country and portfolio into one name
        if _looks_like_person(span, gazetteer):  # the model tags many unfamiliar names ORG or GPE
            person = _trim_person(span, gazetteer)
            if person is not None:
                out.append(_from_span(person, "PERSON"))
            continue
        label = "NAME" if ent.label_ != "ORG" or len(span) == 1 else "ORG"
        if label == "NAME" and (len(span) != 1 or not span[0].text[:1].isupper()):
            continue
        out.append(_from_span(span, label))
    return out


def _portfolio_of_next_title(span: Span, gazetteer: _SpanIndex) -> bool:
    """Capitalised words right before "Minister" or "Secretary" that name no body of their
    own ("Water Resources Minister") are the title's portfolio, not an organisation."""
    doc, after = span.doc, span.end
    while after < min(span.end + 4, span.sent.end) and (doc[after].lower_ in {"and", "&"} or doc[after].is_title
                                                         and doc[after].lower_ not in _PORTFOLIO_HEADS):
        after += 1  # "Fisheries and Livestock Minister"
    return after < span.sent.end and doc[after].lower_ in _PORTFOLIO_HEADS \
        and any(s.label_ == "TITLE" and s.start == after for s in gazetteer.at(after)) \
        and not any(t.lower_ in _ORG_WORDS for t in span)


#: Posts the model sometimes runs an organisation's name on into.
_POST_WORDS = {"leader", "chairman", "chairwoman", "spokesman", "spokeswoman", "whip", "boss"}


_ORG_WORDS = {"party", "movement", "league", "council", "committee", "ministry", "court", "bank", "group", "union",
              "association", "institute", "university", "company", "corporation", "corp", "inc", "ltd", "news", "times",
              "post", "agency", "forces", "army", "assembly", "parliament", "government", "office", "department",
              "commission", "organization", "organisation", "front", "alliance", "congress", "federation", "foundation",
              "society", "service", "club", "church", "centre", "center", "house", "states", "kingdom", "republic",
              "senate", "board", "authority", "fund", "trust", "network", "media", "press", "times", "journal"}
#: Verbs whose agent founded or leads the party they describe ("the X Party, founded by Y").
FOUND_VERBS = {"found", "co-found", "cofound", "form", "establish", "create", "launch", "start", "set"}
LEAD_VERBS = {"lead", "head", "chair"}
_PERSON_SLOT_NOUNS = {"leader", "member", "politician", "candidate", "lawmaker", "legislator", "deputy", "spokesman",
                      "spokeswoman", "chairman", "chairwoman", "head", "minister", "senator", "official", "founder",
                      "co-leader", "secretary", "president", "chair", "whip", "treasurer", "mp", "backbencher",
                      "frontbencher", "spokesperson", "councillor", "councilor", "hopeful", "nominee"}


def _looks_like_person(span: Span, gazetteer: _SpanIndex) -> bool:
    """An ORG the model found that is really a person: a name-shaped span (2–4 capitalised
    words, no organisation word) in a slot only people fill: "X, a senior Labour leader," or
    "X of the Y Party"."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or any(not _is_name_word(t) or t.lower_ in _ORG_WORDS for t in words):
        return False
    doc = span.doc
    if any(s.label_ == "PERSON" and s.end == span.end and s.start > span.start for s in gazetteer.at(span.end - 1)):
        return True  # ends with a known person's family name: a relative ("Ana Rojas Vidal" beside "Vidal")
    if span.start >= 2 and doc[span.start - 1].text == "," and any(
            s.label_ == "TITLE" and s.end == span.start - 1 for s in gazetteer.at(span.start - 2)):
        return True  # "The President, Ana Rojas,"
    if span.start >= 2 and doc[span.start - 1].text in {"'s", "’s"} and any(
            s.label_ == "PARTY" for s in gazetteer.at(span.start - 2)):
        return True  # "Reform UK's Ana Rojas"
    if _takes_a_post(span):
        return True  # an organisation speaks, but only a person becomes its leader
    by = doc[span.start - 1] if span.start > 0 else None
    if by is not None and by.lower_ in _PERSON_SLOT_NOUNS - {"head", "chair", "president", "secretary", "minister"}:
        return True  # "Liberal backbencher Ana Rojas"
    if by is not None and by.lower_ == "by" and by.head.dep_ == "acl" and by.head.lemma_ in FOUND_VERBS | LEAD_VERBS \
            and any(s.label_ == "PARTY" for s in gazetteer.at(by.head.head.i)):
        return True  # "the Harbour Party, founded by Ivo Linde"
    after = doc[span.end : min(span.end + 6, span.sent.end)]
    if len(after) >= 2 and after[0].text in {"'s", "’s"} and any(s.label_ == "PARTY" for s in gazetteer.at(after[1].i)):
        return True  # "Ana Rojas's Harbour Party"
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ == "who":
        return True  # "Ana Rojas, who leads the party": organisations take "which"
    if len(after) >= 2 and after[0].text == "(":  # "Ana Rojas (born 1950)", "Ana Rojas (Green Party)"
        return after[1].lower_ == "born" or any(s.label_ == "PARTY" for s in gazetteer.at(after[1].i))
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in {"a", "an", "the"}:
        return any(t.lower_ in _PERSON_SLOT_NOUNS for t in after[2:])
    if len(after) >= 2 and after[0].text == ",":  # "Ana Rojas, leader of the party," "Ana Rojas, Minister of Trade,"
        return after[1].lower_ in _PERSON_SLOT_NOUNS or any(s.label_ == "TITLE" and s.start == after[1].i
                                                             for s in gazetteer.at(after[1].i))
    if len(after) >= 2 and after[0].lower_ == "as":  # "appointed Ana Rojas as finance minister"
        return any(s.label_ == "TITLE" for t in after[1:4] for s in gazetteer.at(t.i))
    if len(after) >= 3 and after[0].lower_ == "of" and after[1].lower_ == "the":
        return any(s.label_ == "PARTY" for t in after for s in gazetteer.at(t.i)) or \
            any(t.lower_ in {"party", "movement", "league", "congress", "front"} for t in after[2:])
    return False


def _summits(doc: Doc, gazetteer: _SpanIndex) -> list[Mention]:
    """Phrases about a summit: "the G7 summit", "the 34th G8 summit in 2008",
    "the Shanghai Cooperation Organisation summit", "the Summit of the Americas", and
    bare back-references ("the summit") that the entities stage ties to a named one."""
    out = []
    series_of_talks = any(s.label_ == "TALKS_SERIES" or s.label_ == "SERIES" and s[-1].lower_ == "talks" for s in gazetteer)
    for token in doc:
        if token.lower_ == "talks" and series_of_talks:
            out.extend(_talks(doc, token, gazetteer))
        if token.lower_ in _MEETING_WORDS:
            out.extend(_series_meeting(doc, token, gazetteer))
        if token.lower_ not in _SUMMIT_WORDS:
            continue
        start = _modifier_start(token)
        end = _of_phrase_end(doc, token)
        span = doc[start:end]
        inside = [s for i in range(start, end) for s in gazetteer.at(i) if s.label_ == "SERIES" and not _paired(s)
                  and (s.start >= start and s.end <= token.i or _whole_of_object(s, token, end))]
        year, offset = _summit_year(span), _relative_year(doc, start)
        if inside and year is None and start > 0 and doc[start - 1].lower_ in {"a", "an", "any", "every", "each"} \
                and not _one_occasion(token):
            continue  # "the first leaders to join a NATO summit": no summit in particular
        if inside:
            out.append(_from_span(span, "SUMMIT", inside[-1].id_, year, offset))
        elif end > token.i + 1 or any(t.text[:1].isupper() for t in doc[start:token.i] if t.is_alpha):
            out.append(_from_span(span, "SUMMIT", None, year, offset))
        else:
            out.append(_from_span(span, "SUMMIT_REF", None, year, offset))
    return out


def _series_meeting(doc: Doc, token: Token, gazetteer: _SpanIndex) -> list[Mention]:
    """"the APEC meeting", "the G8 leaders' gathering": a series' meeting of leaders is
    that year's summit of the series. The series comes right before ("the APEC trade
    ministers' meeting" is no summit of its leaders)."""
    before = token.i
    while before > token.sent.start and doc[before - 1].lower_ in {"leaders", "leaders'", "'", "’", "'s"}:
        before -= 1
    series = [s for s in gazetteer.at(before - 1) if s.label_ == "SERIES" and s.end == before and not _paired(s)] \
        if before > token.sent.start else []
    if not series:
        return []
    span = doc[_modifier_start(token) : token.i + 1]
    return [_from_span(span, "SUMMIT", series[0].id_, _summit_year(span), _relative_year(doc, span.start))]


def _talks(doc: Doc, token: Token, gazetteer: _SpanIndex) -> list[Mention]:
    """"the six-party talks": a series of talks that news treats as one meeting; in an
    article that names one, "the talks" refers back to it."""
    series = [s for s in gazetteer.at(token.i) if s.label_ == "SERIES" and s.end == token.i + 1] \
        + ([s for s in gazetteer.at(token.i - 1) if s.label_ == "TALKS_SERIES" and s.end == token.i] if token.i else [])
    if series:
        start = _modifier_start(token)
        span = doc[min(start, series[0].start) : token.i + 1]
        return [_from_span(span, "SUMMIT", series[0].id_, None, 0)]
    if token.i and doc[token.i - 1].lower_ == "the":
        return [_from_span(doc[token.i - 1 : token.i + 1], "SUMMIT_REF", None, None, 0)]
    return []


#: Who a "summit of …" gathers: "a summit of Caspian Sea nations" is a Caspian Sea summit.
GATHERED_PLURALS = {"nations", "countries", "states", "leaders", "members", "governments", "neighbours", "neighbors"}


def _of_phrase_end(doc: Doc, summit: Token) -> int:
    """Where a summit phrase ends after its head word: past a proper "of" phrase ("the
    Summit of the Americas", "a summit of the African Union") and the plural that says who
    it gathers ("a summit of Caspian Sea nations")."""
    end = summit.i + 1
    if end >= len(doc) - 1 or doc[end].lower_ != "of":
        return end
    name = end + 2 if doc[end + 1].lower_ == "the" else end + 1  # "a summit of the Latin American nations"
    if name >= len(doc) or not doc[name].text[:1].isupper():
        return end
    end = _proper_run_end(doc, name)
    return end + 1 if end < len(doc) and doc[end].lower_ in GATHERED_PLURALS else end


def _whole_of_object(series: Span, summit: Token, end: int) -> bool:
    """Whether a series is all the summit's "of" phrase names: "a summit of the African
    Union", "a summit of ASEAN nations", but not "the Summit of Nordic and Baltic States",
    which only mentions the Nordic ones."""
    doc = summit.doc
    first = summit.i + 2 if summit.i + 2 < len(doc) and doc[summit.i + 2].lower_ != "the" else summit.i + 3
    last = end - 1 if doc[end - 1].lower_ in GATHERED_PLURALS else end
    return series.start == first and series.end == last or series.start == summit.i and series.end == end


#: Words that make "a NATO summit" one summit in particular: "a recent NATO summit".
_OCCASION_WORDS = {"recent", "rare", "special", "emergency", "extraordinary", "historic", "historical", "landmark",
                   "two-day", "three-day", "one-day", "first-ever"}


def _one_occasion(summit: Token) -> bool:
    """Whether "a … summit" is one summit in particular, not any: it is "recent" or
    "rare", or it is the place of a past event ("he fell ill before an EU summit", "they
    met at a G8 summit in Rome")."""
    if any(c.lower_ in _OCCASION_WORDS for c in summit.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in {"in", "on"} and any(g.pos_ == "PROPN" for g in c.children)
           for c in summit.children):
        return True
    verb = next((a for a in summit.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.tag_ == "VBD" and summit.dep_ == "pobj" \
        and not any(c.dep_ == "neg" or c.lower_ in {"never", "ever"} for c in verb.children)


def _paired(series: Span) -> bool:
    """"the EU-Africa summit", "an ASEAN–Japan summit": a series joined by a dash to another
    party names a summit between the two, not one of the series' own."""
    doc = series.doc
    return series.end < len(doc) and doc[series.end].text in _DASHES or series.start > 0 and doc[series.start - 1].text in _DASHES


_DASHES = {"-", "–", "—"}


def _modifier_start(token: Token) -> int:
    """Index of the first token of the summit's pre-modifiers ("27th G8" in "the 27th G8 summit")."""
    doc = token.doc
    start = token.i
    while start > token.sent.start:
        previous = doc[start - 1]
        plural_possessive = previous.text in {"'", "’"} and start - 2 >= token.sent.start and doc[start - 2].lower_.endswith("s")
        if previous.lower_ in {"the", "a", "an", "this", "that", "next", "last", "upcoming", "'s", "’s"} \
                or previous.is_punct and previous.text != "-" and not plural_possessive:  # "the Leaders' Summit"
            break
        if previous.pos_ in {"VERB", "ADP", "PRON", "CCONJ", "AUX", "SCONJ"}:
            break
        start -= 1
    return start


def _proper_run_end(doc: Doc, index: int) -> int:
    end = index
    while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in {"of", "the", "and", "-", "–"}):
        end += 1
    while end > index and doc[end - 1].lower_ in {"of", "the", "and", "-", "–"}:
        end -= 1
    return end


def _relative_year(doc: Doc, start: int) -> int:
    """+1 for "next year's summit", -1 for "last year's", else 0."""
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    if "year" in before or "year's" in before:
        if "next" in before:
            return 1
        if "last" in before or "previous" in before:
            return -1
    return 0


def _summit_year(span: Span) -> int | None:
    """A year written in the phrase, right after it ("the summit in 2001"), or in the
    phrase's own place and time ("the summit in Genoa in 2001")."""
    window = list(span) + _words_after(span, 4) + _place_and_time(span.root) + _place_and_time(_verb_taking(span.root))
    for token in window:
        if _YEAR.match(token.text):
            return int(token.text)
    return None


def _words_after(span: Span, count: int) -> list[Token]:
    """Up to `count` words right after a phrase ("in Genoa in 2001"), up to a punctuation
    mark or a verb; runs of spaces, where the parser may cut a sentence, are skipped."""
    out: list[Token] = []
    for token in span.doc[span.end : span.end + 2 * count]:
        if token.is_space:
            continue
        if token.is_punct or token.pos_ in {"VERB", "AUX"} or len(out) == count:
            break
        out.append(token)
    return out


def _verb_taking(noun: Token) -> Token | None:
    """The verb a summit is the object of, directly or through a preposition ("attended the
    summit in 2001", "met at the summit in 2001"): its time is the summit's."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    return head if head is not None and head.pos_ in {"VERB", "AUX"} else None


def _place_and_time(noun: Token | None) -> list[Token]:
    """The objects of the prepositions chained on a noun ("in Genoa in July 2001")."""
    out: list[Token] = []
    if noun is None:
        return out
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "of", "on"}):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            dated = [t for t in obj.children if t.dep_ in {"nummod", "npadvmod", "appos"}] if obj.ent_type_ == "DATE" else []
            out += [obj, *dated, *_place_and_time(obj)]  # "in July 2001", not "on the 2020 goals"
    return out
