"""What we know before reading any article: countries, organisations, parties, leaders,
summit series and office titles, kept as JSONL data in `data/gazetteer/`.

The gazetteer names things canonically and recognises them; it never states a fact.
Users extend it with `--gazetteer FILE` (JSONL or CSV with label, aliases, type,
wikidata, and optional country).
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from graph.extract.knowledge import LEADER, KnownPerson, Tenure, load_people, parse_day, tenure_at
from graph.extract.records import jsonl_objects
from graph.model import entity_key, fold
from graph.resources import resource

DATA_DIR = resource("data", "gazetteer")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DISAMBIGUATOR = re.compile(r"\s+\([^()]*\)$")


@dataclass(frozen=True)
class Known:
    """One gazetteer entry: a canonical name, the forms that point to it, and its Q-id."""

    key: str  # the Entity key it becomes ("country/japan"); for titles and series: "title/…"
    type: str  # Country, Organization, PoliticalParty, Person, SummitSeries, OfficeTitle, Region
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None  # the key of the entry's country, when it has one
    extra: dict = field(default_factory=dict, hash=False, compare=False)


class Gazetteer:
    """Lookup tables over the entries, by folded name and by key."""

    def __init__(self, entries: Iterable[Known]):
        self.by_key: dict[str, Known] = {}
        self._names: dict[tuple[str, str], list[Known]] = {}
        self._office_index: dict[tuple[str, str], list[tuple[Tenure, str]]] | None = None
        self._sound_index: dict[tuple[str, str] | None, list[Known]] | None = None  # built on first use
        self._head_titles: dict[str, set[str]] | None = None  # built on first use
        self._places: dict[tuple[bool, str], Known | None] = {}
        for entry in entries:
            self.by_key.setdefault(entry.key, entry)
            for name in self.names_of(entry):
                bucket = self._names.setdefault((entry.type, fold(name)), [])
                if entry not in bucket:
                    bucket.append(entry)

    def __len__(self) -> int:
        return len(self.by_key)

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    @staticmethod
    def names_of(entry: Known) -> list[str]:
        """Every surface form of an entry: label, aliases, and for parties and countries
        their adjectives, demonyms and abbreviations."""
        names = [entry.label, *entry.aliases]
        for extra in ("demonyms", "adjectives", "abbreviations"):
            names.extend(entry.extra.get(extra, ()))
        return [n for n in names if n and n.strip()]

    def lookup(self, type_: str, name: str) -> list[Known]:
        """All entries of this type that have this name (several when it is ambiguous)."""
        return self._names.get((type_, fold(name)), [])

    def entries(self, type_: str) -> Iterator[Known]:
        return (e for e in self.by_key.values() if e.type == type_)

    def person_named(self, name: str, day: str | None, places: set[str] = frozenset()) -> Known | None:
        """The known person a full name means at this date: of several who share it, one
        who held a post of a country written beside the name ("Saudi King Abdullah"), then
        the one in office at the date, else the one whose tenure is nearest. A two-word
        name the tables list the other way round is theirs: news writes East Asian names
        in either order ("Koizumi Junichiro")."""
        people = self.lookup("Person", name)
        if not people and len(name.split()) == 2:
            people = self.lookup("Person", " ".join(reversed(name.split())))
        if len(people) <= 1:
            return people[0] if people else None
        when = parse_day(day)
        return min(people, key=lambda p: (not self.served(p, places), _distance(p, when)))

    def served(self, person: Known, places: set[str]) -> bool:
        """Whether the tables give this person a post of one of these places."""
        return any(place is not None and place.key in places for place in map(self.place_of, tenures_of(person)))

    def holder_named(self, name: str, day: str | None, places: set[str], title_keys: set[str]) -> Known | None:
        """The one known person a lone surname means: someone who, at the article's date,
        held an office of a country the article is about (`places`), or held the title
        written beside the surname (`title_keys`). A surname is common; anything less
        certain is left unresolved."""
        when = parse_day(day)
        if when is None:
            return None
        found = []
        for person in self.lookup("Person", name):
            for tenure in tenures_of(person):
                if tenure.title == LEADER or not tenure.covers(when):
                    continue
                place = self.place_of(tenure)
                if place is not None and (place.key in places or "title/" + fold(tenure.title) in title_keys):
                    found.append(person)
                    break
        return found[0] if len(found) == 1 else None

    def holder_sounding_like(self, name: str, day: str | None, places: set[str], title_keys: set[str]) -> Known | None:
        """The one holder, at the date, of the title written beside a full name (or of an
        office of a country beside it) whose first and last names sound like the name's
        ("Ibrahim al-Jafari" for the holder named Ibrahim al-Jaafari)."""
        when = parse_day(day)
        wanted = _name_sound(name)
        if when is None or wanted is None:
            return None
        if self._sound_index is None:
            self._sound_index = {}
            for person in self.entries("Person"):
                self._sound_index.setdefault(_name_sound(person.label), []).append(person)
        found = {person.key: person for person in self._sound_index.get(wanted, ())
                 for tenure in tenures_of(person) if tenure.title != LEADER and tenure.covers(when)
                 and (place := self.place_of(tenure)) is not None
                 and (place.key in places or "title/" + fold(tenure.title) in title_keys)}
        return next(iter(found.values())) if len(found) == 1 else None

    def place_of(self, tenure: Tenure) -> Known | None:
        """The country, organisation or party whose post a tenure is (remembered: every
        title in every article asks)."""
        key = (tenure.title == LEADER, tenure.of)
        if key not in self._places:
            types = ("PoliticalParty",) if tenure.title == LEADER else ("Country", "Organization")
            self._places[key] = next((k for t in types for k in self.lookup(t, tenure.of) if fold(k.label) == fold(tenure.of)
                                      or fold(tenure.of) in {fold(a) for a in k.aliases}), None)
        return self._places[key]

    def office_place(self, person_key: str, title: Known, day: str | None, *, at_date: bool = False) -> Known | None:
        """Where a known person held this title nearest the article's date ("President"
        → the country they were president of), or with `at_date` only a tenure covering
        the date; None when the tables do not say."""
        person = self.by_key.get(person_key)
        when = parse_day(day)
        tenure = tenure_at(tenures_of(person), when, titles={title.label}) if person else None
        if tenure is None or at_date and (when is None or not tenure.covers(when)):
            return None
        return self.place_of(tenure)

    def head_office_at(self, person_key: str, place_key: str | None, day: str | None) -> tuple[Known, Known] | None:
        """The head-of-state or head-of-government title this person held on this date, and
        the country (this one, when given), if the tables say so: what "the Chilean leader
        X" or "the nation's leader X" means by "leader"."""
        person = self.by_key.get(person_key)
        when = parse_day(day)
        if person is None or when is None:
            return None
        for tenure in tenures_of(person):
            title = next(iter(self.lookup("OfficeTitle", tenure.title)), None)
            place = self.place_of(tenure) if tenure.title != LEADER else None
            if title is not None and title.extra.get("kind") in {"head", "royal"} and place is not None \
                    and place.key == (place_key or place.key) and tenure.covers(when):
                return title, place
        return None

    def held_by_others(self, person_key: str, title: Known, place_key: str, day: str | None) -> bool:
        """Whether the tables list someone else in this office on this date and never this
        person: "Premier X" read as the country's prime minister when X is a state's. Only
        for a date the tables have closed (that holder's tenure has ended since): after
        their last update, a new holder they do not know may well be news."""
        when = parse_day(day)
        if when is None:
            return False
        tenures = self._offices().get((title.label, place_key), [])
        holders = [key for t, key in tenures if t.covers(when) and t.end is not None]
        return bool(holders) and all(key != person_key for _, key in tenures) \
            and not any(_sounds_alike(_surname(key), _surname(person_key)) for key in holders)  # "Vincente Fox"

    def head_title_unknown_there(self, title: Known, place_key: str) -> bool:
        """Whether the tables list the heads of this country but never under this title: a
        "Prime Minister of the United States" is a title read onto the wrong country."""
        if title.extra.get("kind") != "head":
            return False
        if self._head_titles is None:  # place key → the head titles the tables list there
            self._head_titles = {}
            for label, place in self._offices():
                if any(k.extra.get("kind") == "head" for k in self.lookup("OfficeTitle", label)):
                    self._head_titles.setdefault(place, set()).add(label)
        heads = self._head_titles.get(place_key, set())
        return bool(heads) and title.label not in heads

    def _offices(self) -> dict[tuple[str, str], list[tuple[Tenure, str]]]:
        """(title label, place key) → its tenures with the holder's key; built on first use."""
        if self._office_index is None:
            self._office_index = {}
            for person in self.entries("Person"):
                for tenure in tenures_of(person):
                    place = self.place_of(tenure) if tenure.title != LEADER else None
                    if place is not None:
                        self._office_index.setdefault((tenure.title, place.key), []).append((tenure, person.key))
        return self._office_index

    def not_yet_held(self, person_key: str, title: Known, place_key: str, day: str | None) -> bool:
        """Whether this person's every tenure of this office begins after the date: "President
        X" of a candidate, or of someone the text names by a later title."""
        held = self._tenures_in(person_key, title, place_key)
        when = parse_day(day)
        return bool(held) and when is not None and all(when < t.earliest_start() for t in held)

    def takes_office_soon(self, person_key: str, title: Known, place_key: str, day: str | None,
                          within_days: int = 120) -> bool:
        """Whether this person's first tenure of this office begins within a few months after
        the date: elected or named, not yet sworn in ("X was elected President" in December)."""
        held = self._tenures_in(person_key, title, place_key)
        when = parse_day(day)
        if not held or when is None:
            return False
        first = min(t.earliest_start() for t in held)
        return all(when < t.earliest_start() for t in held) and (first - when).days <= within_days

    def heads_elsewhere(self, person_key: str, place_key: str, day: str | None) -> bool:
        """Whether the tables have this person heading another country's state or government
        on this date: a sitting head holds no office of this country."""
        held = self.head_office_at(person_key, None, day)
        return held is not None and held[1].key != place_key

    def _tenures_in(self, person_key: str, title: Known, place_key: str) -> list[Tenure]:
        person = self.by_key.get(person_key)
        return [t for t in tenures_of(person) if t.title == title.label
                and (place := self.place_of(t)) is not None and place.key == place_key] if person else []

    def tenure_ended(self, person_key: str, title: Known, place_key: str, day: str | None) -> bool:
        """Whether every tenure of this person in this office ended well before the date:
        a title without "former" is then a passing historical mention."""
        held = self._tenures_in(person_key, title, place_key)
        when = parse_day(day)
        return bool(held) and when is not None and all(t.ended_before(when) for t in held)


def _sounds_alike(one: str, other: str) -> bool:
    """Two spellings of a surname that transliterations and typos make of one name
    ("Yushchenko" and "Yuschenko", "Khrushchev" and "Krushchev")."""
    return _sound_key(one) == _sound_key(other)


def _sound_key(name: str) -> str:
    name = re.sub(r"[^a-z]", "", name.lower()).replace("h", "")
    name = name.translate(str.maketrans("kqyw", "cciv"))
    return re.sub(r"(.)\1+", r"\1", name)


def _name_sound(name: str) -> tuple[str, str] | None:
    """First and last name as they sound, the Arabic article dropped ("al-Jaafari")."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", name) if fold(w)]
    if len(words) < 2:
        return None
    last = words[-1] if words[-1] not in {"al", "el"} else ""
    return (_sound_key(words[0]), _sound_key(last)) if last else None


def _surname(key: str) -> str:
    """The last word of an entity key's name part ("person/vicente-fox" → "fox")."""
    return key.rsplit("/", 1)[-1].rsplit("-", 1)[-1]


def tenures_of(person: Known) -> tuple[Tenure, ...]:
    return person.extra.get("tenures", ())


def _distance(person: Known, when) -> int:
    tenure = tenure_at(tenures_of(person), when)
    if tenure is None:
        return 10**6
    return tenure.distance(when) if when is not None else 0


def load_gazetteer(extra_files: Iterable[str | Path] = (), *, data_dir: Path = DATA_DIR,
                   knowledge: Iterable[Path] | None = None) -> Gazetteer:
    """The bundled gazetteer plus the user's own files (later files add, never replace),
    and the people of the tenure tables (`knowledge`: those files instead of the bundled ones)."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"gazetteer folder not found: {data_dir}")
    records: list[dict] = []
    for path in sorted(data_dir.glob("*.jsonl")):
        records.extend(_read_records(path))
    for path in extra_files:
        records.extend(_read_records(Path(path)))
    records.extend(_people_of_tenures(load_people(knowledge), records))
    countries = {fold(r["label"]): r for r in records if r.get("type") == "Country"}
    country_names = {fold(n) for r in countries.values() for n in [r["label"], *(r.get("aliases") or ())]
                     if isinstance(n, str)}
    return Gazetteer(_to_known(r, countries, country_names) for r in records)


def _people_of_tenures(people: list[KnownPerson], records: list[dict]) -> list[dict]:
    """Gazetteer records for the tables' people. A person the gazetteer lists already gets
    the tenures on that record; the others (`"match": False`) are matched in the text only
    by a full name no one else has (see the pipeline's matcher), so a surname alone never
    becomes a mention of them."""
    listed = {fold(r["label"]): r for r in records if r.get("type") == "Person"}
    countries = {fold(r["label"]) for r in records if r.get("type") == "Country"}
    new = []
    for person in people:
        record = listed.get(fold(person.label))
        if record is not None:
            record["tenures"] = person.tenures
            continue
        national = Counter(t.of for t in person.tenures if fold(t.of) in countries)
        new.append({"type": "Person", "label": person.label, "aliases": list(person.aliases), "wikidata": person.wikidata,
                    "country": max(national, key=lambda c: (national[c], list(national).index(c))) if national else None,
                    "tenures": person.tenures, "match": False})
    return new


def _read_records(path: Path) -> list[dict]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: gazetteer file not found")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row["aliases"] = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        return [_checked(row, path, number) for number, row in enumerate(rows, 2)]
    return [_checked(row, path, number) for number, row in jsonl_objects(path)]


_TYPES = {"Country", "Organization", "PoliticalParty", "Person", "SummitSeries", "OfficeTitle", "Region"}


def _checked(row: dict, path: Path, number: int) -> dict:
    if not isinstance(row, dict) or not str(row.get("label") or "").strip():
        raise ValueError(f"{path}:{number}: a gazetteer entry needs a non-empty 'label'")
    if row.get("type") not in _TYPES:
        raise ValueError(f"{path}:{number}: 'type' must be one of {', '.join(sorted(_TYPES))}, not {row.get('type')!r}")
    qid = row.get("wikidata")
    if qid and not _QID.match(str(qid)):
        raise ValueError(f"{path}:{number}: 'wikidata' must look like Q123, not {qid!r}")
    return row


def _display_label(label: str, country_names: set[str]) -> str:
    """The label without a Wikipedia-style disambiguator: "Labour Party (Ireland)" and
    "Renaissance (French political party)" show as the name alone, but a bracket that is
    part of the name stays ("Janata Dal (Secular)", "Janata Dal (United)")."""
    match = _DISAMBIGUATOR.search(label)
    if match is None:
        return label
    inside = match.group(0).strip()[1:-1]
    words = inside.replace(",", " ").split()
    if any(w[:1].islower() or w[:1].isdigit() for w in words) or fold(inside.split(",")[0]) in country_names:
        return label[: match.start()]
    return label


def _to_known(row: dict, countries: dict[str, dict], country_names: set[str]) -> Known:
    type_ = row["type"]
    label = row["label"].strip()
    if type_ == "OfficeTitle":
        key = "title/" + fold(label)
    elif type_ == "SummitSeries":
        key = "series/" + fold(label)
    elif type_ == "Region":  # a state and a city may share a name ("Berlin"): the kind tells them apart
        key = f"region/{row.get('kind', 'state')}/{fold(label)}"
    else:
        key = entity_key(type_, label)
    country_row = countries.get(fold(row["country"])) if row.get("country") else None
    extra = {k: v for k, v in row.items() if k not in {"type", "label", "aliases", "wikidata", "country"}}
    aliases = tuple(a for a in row.get("aliases") or () if isinstance(a, str))
    display = _display_label(label, country_names)
    if display != label:
        # "Labour Party (Ireland)": the bracket tells Wikipedia articles apart, it is not part
        # of the name. The key keeps it (two parties, two IRIs); the label shows the name.
        aliases += (label,)
    return Known(
        key=key,
        type=type_,
        label=display,
        aliases=aliases,
        wikidata=row.get("wikidata") or None,
        country=entity_key("Country", country_row["label"]) if country_row else None,
        extra=extra,
    )
