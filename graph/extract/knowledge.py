"""Who held which office, and who led which party, when: the tenure tables in `data/knowledge/`.

The extractor reads them to *attribute* what an article states: the country of a bare
title ("President X" in a 2005 article), a passing historical mention ("President X" long
after X left office), the person a surname stands for at the article's date, and the
party a shared name means for a known person. It never adds a fact the text does not
state: a tenure only answers "which one?" and "still?" about a title the text gives.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable

from graph.extract.records import jsonl_objects
from graph.resources import resource

KNOWLEDGE_DIR = resource("data", "knowledge")
#: The title of a party's leader in the tables (a party post, not an office of a country).
LEADER = "Leader"
#: How long after a tenure's end an article may still call its holder by the title
#: without "former": a report dated the week after a handover often does.
HANDOVER_GRACE = timedelta(days=45)


@dataclass(frozen=True)
class Tenure:
    """One person in one post from one date to another; `of` is the label of the country,
    organisation or party whose post it is. Dates are ISO, possibly only "YYYY" or
    "YYYY-MM"; `end` is None while the tenure goes on."""

    person: str
    title: str
    of: str
    start: str
    end: str | None = None

    def earliest_start(self) -> date:
        return _first_day(self.start)

    def latest_end(self) -> date | None:
        return _last_day(self.end) if self.end else None

    def covers(self, day: date) -> bool:
        """Whether the post was held on this day, reading partial dates generously."""
        end = self.latest_end()
        return self.earliest_start() <= day and (end is None or day <= end)

    def ended_before(self, day: date) -> bool:
        """Whether the tenure was over well before this day (past the handover grace)."""
        end = self.latest_end()
        return end is not None and end + HANDOVER_GRACE < day

    def distance(self, day: date) -> int:
        """Days between this day and the tenure (0 inside it): the nearest tenure of a
        person is the one a dated mention most likely means."""
        if self.covers(day):
            return 0
        if day < self.earliest_start():
            return (self.earliest_start() - day).days
        return (day - (self.latest_end() or day)).days


@dataclass(frozen=True)
class KnownPerson:
    """A person the tables know: the canonical name, the other forms, and every tenure."""

    label: str
    aliases: tuple[str, ...]
    tenures: tuple[Tenure, ...]
    wikidata: str | None = None


def parse_day(text: str | None) -> date | None:
    """An article's ISO date as a `date`, or None when it has none (or a malformed one)."""
    if not text:
        return None
    try:
        return _first_day(text[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=None)
def _first_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@functools.lru_cache(maxsize=None)
def _last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def load_people(paths: Iterable[Path] | None = None) -> list[KnownPerson]:
    """Every person of the tenure tables (by default all `data/knowledge/tenures-*.jsonl`),
    their lines merged by name. A malformed line is an error naming the file and line."""
    files = sorted(KNOWLEDGE_DIR.glob("tenures-*.jsonl")) if paths is None else [Path(p) for p in paths]
    merged: dict[str, dict] = {}
    for path in files:
        for number, row in jsonl_objects(path):
            try:
                tenure = Tenure(person=row["person"].strip(), title=row["title"].strip(), of=row["of"].strip(),
                                start=_checked_date(row["start"]), end=_checked_date(row["end"]) if row.get("end") else None)
            except (KeyError, AttributeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not a tenure record ({error})") from None
            person = merged.setdefault(tenure.person, {"aliases": [], "tenures": [], "wikidata": None})
            person["tenures"].append(tenure)
            person["aliases"].extend(a.strip() for a in row.get("aliases") or () if isinstance(a, str) and a.strip())
            person["wikidata"] = person["wikidata"] or row.get("wikidata")
    return [KnownPerson(label=name, aliases=tuple(dict.fromkeys(p["aliases"] + _without_initials(name)
                                                                + _regnal_short_forms(name, p["tenures"]))),
                        tenures=tuple(sorted(p["tenures"], key=lambda t: t.earliest_start())), wikidata=p["wikidata"])
            for name, p in merged.items()]


def _without_initials(name: str) -> list[str]:
    """"Lyndon B. Johnson" is also written "Lyndon Johnson": news drops middle initials, and
    a father and son who differ only there are told apart by date."""
    words = name.split()
    middle = words[1:-1]
    if middle and all(len(w.rstrip(".")) == 1 or re.fullmatch(r"([A-Z]\.)+", w) for w in middle):
        return [f"{words[0]} {words[-1]}"]
    return []


_ROYAL_TITLES = {"King", "Queen", "Emperor", "Empress", "Emir", "Sultan", "Grand Duke", "Prince"}
_REGNAL = re.compile(r"^(?P<name>.+?)(?: (?P<number>[IVXL]+))?(?: of (?P<realm>[A-Z].*))?$")


def _regnal_short_forms(name: str, tenures: list[Tenure]) -> list[str]:
    """"Harald V" and "Mohammed VI of Morocco" are written "King Harald" and "King Mohammed
    VI": a monarch's name without the regnal number or the realm. The surname rules
    still resolve the bare name only under the title or in the monarch's country."""
    match = _REGNAL.match(name)
    if not any(t.title in _ROYAL_TITLES for t in tenures) or match is None or not (match["number"] or match["realm"]):
        return []
    forms = [match["name"]]
    if match["number"] and match["realm"]:
        forms.append(f"{match['name']} {match['number']}")
    return forms


def _checked_date(text: str) -> str:
    """The date as written, after checking it reads as YYYY, YYYY-MM or YYYY-MM-DD."""
    text = str(text).strip()
    _first_day(text)
    _last_day(text)
    if len(text.split("-")) > 3:
        raise ValueError(f"not an ISO date: {text!r}")
    return text


def tenure_at(tenures: Iterable[Tenure], day: date | None, *, titles: set[str] | None = None) -> Tenure | None:
    """The tenure (with one of these titles) a mention dated `day` most likely means: the
    one covering the day, else the nearest in time; with no date, the latest."""
    chosen = [t for t in tenures if titles is None or t.title in titles]
    if not chosen:
        return None
    if day is None:
        return chosen[-1]
    return min(chosen, key=lambda t: (t.distance(day), -t.earliest_start().toordinal()))
