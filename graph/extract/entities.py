"""Stage 4: mentions become canonical entities, and each mention is linked to one.

Within an article: a surname ("Okafor") or a name the model tagged ORG joins the
nearest full name it shortens; "the summit" joins the summit named before it; an
ambiguous party name ("Democratic Party") takes the party of the article's countries.
Across articles: keys come from canonical names (gazetteer labels, or the full name as
written), so the same person shares one IRI. A bare surname never merges with anyone
outside its own article, unless the tenure tables know exactly one person of that name
in office at the article's date, in a country the article is about or under the title
written beside it ("President Okafor" in a 2006 article).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from graph.extract.gazetteer import Gazetteer, Known, fold
from graph.extract.mentions import GATHERED_PLURALS, is_party_name
from graph.model import Article, Entity, Mention, entity_key, misspelt, unaccented

_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|[XVI]+|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\s+(?=\S)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_ORG_NOISE = re.compile(r"^\W*$|^\d")


@dataclass
class _Draft:
    """An entity being assembled from its mentions."""

    key: str
    type: str
    label: str
    wikidata: str | None = None
    country: str | None = None
    year: int | None = None
    aliases: list[str] = field(default_factory=list)

    def entity(self) -> Entity:
        aliases = tuple(sorted({a for a in self.aliases if fold(a) != fold(self.label) and fold(a)}))
        return Entity(key=self.key, type=self.type, label=self.label, aliases=aliases,
                      wikidata=self.wikidata, country=self.country, year=self.year)


@dataclass(frozen=True)
class Resolution:
    """The entities of one article, and the entity each mention refers to (or None)."""

    entities: dict[str, Entity]
    links: tuple[str | None, ...]  # parallel to the mentions
    countries: tuple[str, ...]  # country keys, most mentioned first

    def entity_at(self, mentions: list[Mention], index: int) -> Entity | None:
        key = self.links[index]
        return self.entities.get(key) if key else None


def resolve_entities(mentions: list[Mention], article: Article, gazetteer: Gazetteer) -> Resolution:
    """Link every mention to a canonical entity; see the module docstring for the rules."""
    drafts: dict[str, _Draft] = {}
    links: list[str | None] = [None] * len(mentions)
    countries = _country_ranking(mentions, gazetteer, article.date, article.title)

    def add(index: int, draft: _Draft) -> None:
        existing = drafts.setdefault(draft.key, draft)
        existing.aliases.append(mentions[index].text)
        links[index] = draft.key

    for i, m in enumerate(mentions):
        if m.label in {"COUNTRY", "DEMONYM"} and m.key in gazetteer:
            add(i, _known_draft(gazetteer.by_key[m.key]))
        elif m.label == "ORG" and m.key in gazetteer:
            add(i, _known_draft(gazetteer.by_key[m.key]))
        elif m.label in {"PARTY", "PARTY_ADJ"}:
            name = re.sub(r"^(the|The)\s+", "", m.text) if m.label == "PARTY" else _name_of_adjective(m.text, gazetteer)
            party = _party_named_before(m.text, gazetteer, drafts) or _choose_party(m.text, gazetteer, countries) \
                or (_party_after_demonym(name, gazetteer) if m.label == "PARTY" else None)
            if party:
                add(i, _known_draft(party))
            elif name and (m.key is None or len(name.split()) > 1):
                # A party we do not know, or a name several countries' parties share with
                # none of this article's countries among them: keep the name as written
                # rather than guess, scoped to the article's country. A lone word or
                # acronym of a party abroad ("PS", "Labor") is not kept: here it is
                # more likely something else.
                add(i, _unlisted_party(name, countries, article))
    _link_persons(mentions, links, drafts, article, gazetteer, countries, add)
    _link_named_organisations(mentions, links, drafts, gazetteer, countries, article, add)
    _link_summits(mentions, links, drafts, article, gazetteer, add)
    entities = {key: draft.entity() for key, draft in drafts.items()}
    return Resolution(entities=entities, links=tuple(links), countries=tuple(countries))


def _known_draft(known: Known) -> _Draft:
    return _Draft(key=known.key, type=known.type, label=known.label, wikidata=known.wikidata, country=known.country)


def _country_ranking(mentions: list[Mention], gazetteer: Gazetteer, day: str | None,
                     headline: str | None = None) -> list[str]:
    """Countries by how much the article is about them: named or as a demonym in the text
    or its headline (weight 2), or as the country of a known organisation, party, leader or
    place it names (weight 1; a leader of the tenure tables by full name, as of the
    article's date)."""
    counts: Counter = Counter(headline_countries(headline or "", gazetteer))
    for m in mentions:
        known = gazetteer.by_key.get(m.key) if m.key else None
        if known is None and m.label == "PERSON" and len(m.text.split()) >= 2:
            known = gazetteer.person_named(m.text, day)
        if known is None:
            continue
        if m.label in {"COUNTRY", "DEMONYM"}:
            counts[known.key] += 2
        elif m.label in {"ORG", "PERSON", "PLACE"} and known.country \
                or m.label == "PARTY" and known.country and len(gazetteer.lookup("PoliticalParty", m.text)) == 1 \
                and len(m.text.split()) > 1:
            counts[known.country] += 1  # a party name several countries share, or one word ("MDC"), says nothing
    return [key for key, _ in counts.most_common()]


def headline_countries(headline: str, gazetteer: Gazetteer) -> Counter:
    """The countries a headline names or calls by their demonym ("Australian refugee
    activists plan protest"), weight 2 each: the text stage never reads the headline, yet
    it often says the one country a story is about."""
    words = re.findall(r"[A-Z][\w.'’-]*", headline)
    found: Counter = Counter()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            for known in gazetteer.lookup("Country", " ".join(words[start : start + size]))[:1]:
                found[known.key] = 2
    return found


def _party_named_before(name: str, gazetteer: Gazetteer, drafts: dict[str, _Draft]) -> Known | None:
    """Of the parties a shared name may mean ("the Labour Party"), the one the article
    already named in full ("the Scottish Green Party")."""
    return next((known for known in gazetteer.lookup("PoliticalParty", name) if known.key in drafts), None)


def _choose_party(name: str, gazetteer: Gazetteer, countries: list[str]) -> Known | None:
    """The party this name means here: the one of the most-mentioned country that has it.

    A one-word form ("Congress", "Labor") of a foreign party in an article about other
    countries is an ordinary word there, not that party."""
    candidates = gazetteer.lookup("PoliticalParty", name)
    if len(candidates) == 1 and len(name.split()) == 1 and countries and candidates[0].country \
            and candidates[0].country not in countries:
        return None
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    for country in countries:
        for candidate in candidates:
            if candidate.country == country:
                return candidate
    return None


def _party_after_demonym(name: str, gazetteer: Gazetteer) -> Known | None:
    """"the British Liberal Democrats party", "the Greek Communist Party": a country's word
    before the name of one of its parties, which may be named "<name> of <country>"."""
    first, _, rest = name.partition(" ")
    country = next(iter(gazetteer.lookup("Country", first)), None) if rest else None
    if country is None:
        return None
    bare = re.sub(r"\s+party$", "", rest, flags=re.IGNORECASE)
    for form in (rest, bare, f"{rest} of {country.label}"):
        party = next((k for k in gazetteer.lookup("PoliticalParty", form) if k.country == country.key), None)
        if party is not None:
            return party
    return None


def _name_of_adjective(adjective: str, gazetteer: Gazetteer) -> str | None:
    """The party name every party called by this adjective shares ("Conservative" →
    "Conservative Party"), or None when they share none. An adjective only one country's
    party uses ("Congress") is that party's, not a name to reuse elsewhere."""
    shared: set[str] | None = None
    candidates = gazetteer.lookup("PoliticalParty", adjective)
    if len({known.country for known in candidates}) < 2:
        return None
    for known in candidates:
        names = {n for n in (known.label, *known.aliases) if fold(adjective) in fold(n) and n.lower().endswith("party")}
        shared = names if shared is None else shared & names
    return min(shared, key=len) if shared else None


def _unlisted_party(name: str, countries: list[str], article: Article) -> _Draft:
    """A party the gazetteer does not list: one per name within a country (or, with no
    country in view, within the article), so namesakes abroad never merge."""
    scope = countries[0].rsplit("/", 1)[-1] if countries else article.key
    return _Draft(key=entity_key("PoliticalParty", f"{name} {scope}"), type="PoliticalParty", label=name)


@functools.lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The folded words of a name; cached, as every new person is compared with all before."""
    return tuple(fold(p) for p in re.split(r"[\s]+", name) if fold(p))


def _short_forms(name: str) -> set[str]:
    """Forms a full name is shortened to: the family name, which in news comes last for most
    names and first for East Asian ones ("Park" for "Park Min-ho"), and hyphen-free spellings."""
    parts = _name_parts(name)
    if len(parts) < 2:
        return set()
    return {parts[0], parts[-1], "".join(parts)}


def _link_persons(mentions, links, drafts, article, gazetteer, countries, add) -> None:
    """Full names first (with a name the model took for an organisation that the tables
    know as a person's), then short forms joined to the nearest full name before them."""
    full: list[tuple[int, str, set[str]]] = []  # (mention index, entity key, short forms)
    for i, m in enumerate(mentions):
        known_name = m.label == "ORG" and m.key is None and len(m.text.split()) >= 2 and gazetteer.lookup("Person", m.text)
        if m.label == "PERSON" and (m.key in gazetteer or len(m.text.split()) >= 2) or known_name:
            known = gazetteer.by_key.get(m.key) if m.key else None
            beside = _countries_beside(mentions, i, gazetteer)
            if known is None:
                known = gazetteer.person_named(m.text, article.date, beside) \
                    or _misspelt_holder(m.text, article.date, beside, _title_keys_before(mentions, i), gazetteer)
            elif beside and not gazetteer.served(known, beside):  # "Saudi King Abdullah" is not Jordan's
                known = gazetteer.holder_named(m.text, article.date, beside, _title_keys_before(mentions, i)) or known
            draft = _known_draft(known) if known else _person_draft(m.text, drafts)
            add(i, draft)
            forms = _short_forms(draft.label) | _short_forms(m.text)
            if known:
                forms |= {fold(a) for a in known.aliases}
            full.append((i, draft.key, forms))
    for i, m in enumerate(mentions):
        if links[i] is not None or m.label not in {"PERSON", "NAME"}:
            continue
        key = _nearest_full_name(i, fold(m.text), full)
        if key:
            links[i] = key
            drafts[key].aliases.append(m.text)
            continue
        known = gazetteer.lookup("Person", m.text)
        holder = gazetteer.holder_named(m.text, article.date, set(countries[:3]), _title_keys_before(mentions, i)) \
            if m.label == "PERSON" else None
        if len(known) == 1 and known[0].extra.get("match") is not False:
            add(i, _known_draft(known[0]))
        elif holder is not None:
            add(i, _known_draft(holder))
        elif m.label == "PERSON":
            # A lone surname nobody in the article carries: scoped to this article so it
            # can never merge with a namesake elsewhere.
            add(i, _Draft(key=entity_key("Person", f"{m.text} {article.key}"), type="Person", label=m.text))


def _misspelt_holder(name: str, day: str | None, places: set[str], title_keys: set[str],
                     gazetteer: Gazetteer) -> Known | None:
    """The known holder a full name misspells, when a title is written right before it: the
    one person who held that title (or an office of the country beside it) at the date and
    carries the name's surname, whose other names match the name's part for part, one of
    them off by a letter ("Prime Minister Harrold Wilson" for the holder named Harold Wilson). A name
    the tables do not know is otherwise a new person, so a slip would split one holder in two."""
    parts = _name_parts(name)
    if len(parts) < 2 or not title_keys:
        return None
    holder = gazetteer.holder_named(parts[-1], day, places, title_keys)
    if holder is None:
        return gazetteer.holder_sounding_like(name, day, places, title_keys)  # "al-Jafari" for "al-Jaafari"
    for label in (holder.label, *holder.aliases):
        known = _name_parts(label)
        if len(known) == len(parts) and known[-1] == parts[-1] and \
                sum(misspelt(a, b) for a, b in zip(parts, known)) == 1 and \
                all(a == b or misspelt(a, b) for a, b in zip(parts, known)):
            return holder
    return None


def _countries_beside(mentions: list[Mention], index: int, gazetteer: Gazetteer) -> set[str]:
    """The country written right before a name or right after it with "of": "Saudi King
    Abdullah", "Jordan's King Abdullah", "King Abdullah of Jordan"."""
    mention = mentions[index]
    start = next((m.start for m in mentions[max(0, index - 2) : index] if m.label == "TITLE"
                  and 0 <= mention.start - m.end <= 1), mention.start)  # before "King" in "Saudi King Abdullah"
    beside = [m for m in mentions[max(0, index - 3) : index] if m.label != "TITLE" and 0 <= start - m.end <= 3]
    beside += [m for m in mentions[index + 1 : index + 2] if 0 < m.start - mention.end <= 4]
    keys = {m.key for m in beside if m.label in {"COUNTRY", "DEMONYM"} and m.key}
    return {k for k in keys if k in gazetteer}


def _title_keys_before(mentions: list[Mention], index: int) -> set[str]:
    """The title written right before a mention ("President" in "President Okafor")."""
    start = mentions[index].start
    return {m.key for m in mentions[max(0, index - 3):index] if m.label == "TITLE" and m.key and 0 <= start - m.end <= 2}


def _person_draft(name: str, drafts: dict[str, _Draft]) -> _Draft:
    """A new person, unless an existing one has the same first and last name parts and
    middle names that agree ("Anna M. Lindqvist" and "Anna Lindqvist"). Father and son
    often differ only there ("John Q. Smith" and "John Q. R. Smith")."""
    parts = _name_parts(name)
    for draft in drafts.values():
        other = _name_parts(draft.label)
        if draft.type == "Person" and len(other) >= 2 and other[0] == parts[0] and other[-1] == parts[-1] \
                and _middles_agree(parts[1:-1], other[1:-1]):
            return draft
    return _Draft(key=entity_key("Person", name), type="Person", label=name.strip())


def _middles_agree(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Middle names are compatible when either is absent, or they match one by one, an
    initial standing for any name that starts with it."""
    if not one or not other:
        return True
    return len(one) == len(other) and all(a[0] == b[0] and (len(a) == 1 or len(b) == 1 or a == b)
                                          for a, b in zip(one, other))


def _nearest_full_name(index: int, form: str, full: list[tuple[int, str, set[str]]]) -> str | None:
    """The person named in full nearest before (else after) whose short forms include this
    one, or, failing that, one of them misspelt."""
    for matches in (lambda forms: form in forms, lambda forms: any(misspelt(form, f) for f in forms)):
        before = [key for j, key, forms in full if j < index and matches(forms)]
        if before:
            return before[-1]
        after = [key for j, key, forms in full if j > index and matches(forms)]
        if after:
            return after[0]
    return None


def _link_named_organisations(mentions, links, drafts, gazetteer, countries, article, add) -> None:
    """Model-found ORG names that no person claimed: the party whose initials an acronym
    spells, a party when the name says so, otherwise an organisation. Single-word names
    must look like acronyms."""
    parties = [d for d in drafts.values() if d.type == "PoliticalParty"]
    for i, m in enumerate(mentions):
        if links[i] is not None or m.label not in {"ORG", "NAME"} or _ORG_NOISE.match(m.text):
            continue
        name = re.sub(r"^(the|The)\s+", "", m.text).strip()
        if m.label == "NAME" and not _ACRONYM.match(name):
            continue
        spelled = next((d for d in parties if _ACRONYM.match(name) and name.replace(".", "") in _initials(d.label)), None)
        if spelled is not None:
            add(i, spelled)
        elif is_party_name(name, model_says_organisation=True):
            party = _choose_party(name, gazetteer, countries)
            add(i, _known_draft(party) if party else _unlisted_party(name, countries, article))
        else:
            known = next(iter(gazetteer.lookup("Organization", name)), None)
            add(i, _known_draft(known) if known else _Draft(key=entity_key("Organization", name), type="Organization", label=name))


_NAME_LINKS = {"of", "for", "the", "and", "in", "de", "la", "le", "du", "des", "del", "y", "et", "e", "di"}


def _initials(label: str) -> set[str]:
    """The acronyms a name abbreviates to: its capitalised words' initials, counting a
    hyphenated word once or per part ("Front for Multi-ethnic Unity": FMU, FMEU)."""
    words = [w for w in re.sub(r"\s*[-–]\s*", "-", label).split() if w.lower() not in _NAME_LINKS]
    whole = "".join(w[0] for w in words)
    parts = "".join(p[0] for w in words for p in w.split("-") if p)
    return {whole.upper(), parts.upper()}


def _link_summits(mentions, links, drafts, article, gazetteer, add) -> None:
    """Summits are identified by series and year ("2025 NATO summit"); a place-named or
    bare reference ("the Tromsø summit", "the summit") joins the summit named nearest."""
    default_year = int(article.date[:4]) if article.date and article.date[:4].isdigit() else None
    named: list[tuple[int, str]] = []
    placed: list[tuple[int, int | None]] = []  # "the Tromsø summit": a place or body we know no series of
    for i, m in enumerate(mentions):
        if m.label != "SUMMIT":
            continue
        series = gazetteer.by_key.get(m.key) if m.key else None
        year = m.year or (default_year + m.year_offset if default_year else None)
        if m.year is None and default_year and (series or not _is_proper_summit_name(m.text)):
            # "the G7 Hiroshima Summit", "the Heiligendamm summit" (not "the Summit of Andean Nations in Lima")
            series, year = _held_at_named_place(mentions, i, series, gazetteer, default_year) or (series, year)
        if series is None and not _is_proper_summit_name(m.text):
            placed.append((i, year))
            continue
        draft = _series_summit(series, year) if series else _named_summit(m.text, year)
        add(i, draft)
        named.append((i, draft.key))
    if not named and not any(m.label == "SERIES" for m in mentions):
        # No series summit to join: the place or body names the summit itself ("2008 Rio Group summit").
        for i, year in placed:
            draft = _named_summit(mentions[i].text, year)
            add(i, draft)
            named.append((i, draft.key))
        named.sort()
    for i, m in enumerate(mentions):
        if m.label == "SUMMIT" and links[i] is None or m.label == "SUMMIT_REF":
            if m.text.lower().endswith("summits"):
                continue  # "the three previous summits" are not one summit
            own_year = [key for _, key in named if m.year is None or drafts[key].year in {None, m.year}]
            before = [key for j, key in named if j < i and key in own_year]  # "the 2001 summit" is that year's
            after = [key for j, key in named if j > i and key in own_year]
            series = None if before else _series_nearby(mentions, i, gazetteer)
            if series is not None:  # "NATO leaders agreed … at a summit in The Hague"
                year = m.year or (default_year + m.year_offset if default_year else None)
                add(i, _series_summit(series, year))
                named.append((i, links[i]))
                continue
            key = before[-1] if before else (after[0] if after else None)
            if key:
                links[i] = key
                drafts[key].aliases.append(m.text)


_NEARBY_CHARS = 300
#: How far (in characters) after a summit's name the place it names may come: "the summit in Riga".
_PLACE_AFTER_CHARS = 10
#: How many years from the article's a summit named by its place may be: further than that,
#: the place names another summit than the one the tables know.
_HELD_YEARS_AWAY = 3


def _held_at_named_place(mentions: list[Mention], index: int, series: Known | None, gazetteer: Gazetteer,
                         year: int) -> tuple[Known, int] | None:
    """The series summit a place names, from the summit calendars of the series
    (`held` in data/gazetteer/summits.jsonl): "the G7 Hiroshima Summit" is the 2023 G7
    summit whatever the article's date, and "the Heiligendamm summit" the 2007 G8 summit.
    Of a series' summits at that place, the one nearest the article's year; with no series
    named, only a place in the summit's own name that one series' summit alone was held at,
    that year or the next ("the Pacific Leaders' Summit in Lima" is no APEC summit)."""
    mention = mentions[index]
    words = [_words(mention.text)] + [_words(m.text) for m in mentions if series is not None
                                      and m.label in {"NAME", "PLACE"} and 0 <= m.start - mention.end <= _PLACE_AFTER_CHARS]
    found = [(abs(held["year"] - year), held["year"], s) for s in ([series] if series else gazetteer.entries("SummitSeries"))
             for held in s.extra.get("held", ()) if any(_words(place) in w for place in held["places"] for w in words)]
    near = sorted(f for f in found if f[0] <= (_HELD_YEARS_AWAY if series else 1))
    if not near or series is None and len({(f[1], f[2].key) for f in near}) > 1:
        return None
    return near[0][2], near[0][1]


def _words(text: str) -> str:
    """Text as its folded words between spaces, so a place is found as whole words."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", unaccented(text).casefold())) + " "


def _series_nearby(mentions: list[Mention], index: int, gazetteer: Gazetteer) -> Known | None:
    """The summit series named closest to a bare "summit" (within a sentence's reach)."""
    here = mentions[index].start
    near = [(abs(m.start - here), m.key) for m in mentions
            if m.label == "SERIES" and m.key in gazetteer and abs(m.start - here) <= _NEARBY_CHARS]
    return gazetteer.by_key[min(near)[1]] if near else None


def series_summit_label(series: Known, year: int | None) -> str:
    """"2025 NATO summit": the name of a series' summit in a year."""
    template = series.extra.get("name") or "{year} " + series.label + " summit"
    return template.format(year=year).strip() if year else template.replace("{year}", "").strip()


def _series_summit(series: Known, year: int | None) -> _Draft:
    label = series_summit_label(series, year)
    return _Draft(key=entity_key("Summit", label), type="Summit", label=label, year=year)


def _is_proper_summit_name(text: str) -> bool:
    """"Summit of the Americas" or "EU-China summit" name a summit; "the Tromsø
    summit" only places one, so it joins the series summit of the article instead."""
    name = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    words = name.split()
    if _ORDINAL.match(name) and len(words) >= 3 and all(w[:1].isupper() for w in words[1:]):
        return True  # "the Third South American Summit": one of a series, named
    return len(words) >= 2 and (words[0].lower() == "summit" or "-" in words[0] or words[0].islower())


#: "summit of Caspian Sea nations": a summit named by who it gathers, named "Caspian Sea summit".
#: A capitalised plural ("the Summit of Andean Nations") is part of a proper name, kept as written.
_GATHERING_OF = re.compile(rf"^[Ss]ummit of (?:the )?(?P<who>.+?) (?:{'|'.join(sorted(GATHERED_PLURALS))})$")


def _named_summit(text: str, year: int | None) -> _Draft:
    """The summit a phrase names, in the "<year> <name> summit" form of series summits."""
    name = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()), flags=re.I)
    name = _GATHERING_OF.sub(r"\g<who> summit", name)
    name = re.sub(r"\s*['’]s$", "", name)
    name = _ORDINAL.sub("", name)  # "the 17th Ibero-American Summit" is that year's summit of the series
    if year and not re.search(r"\b(19|20)\d\d\b", name) and not name.lower().startswith("summit"):
        name = f"{year} {name}"
    return _Draft(key=entity_key("Summit", name), type="Summit", label=name, year=year)
