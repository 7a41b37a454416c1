"""What we know before reading any article: countries, organisations, parties, leaders,
summit series and office titles, kept as JSONL data in `data/gazetteer/`.

The gazetteer names things canonically and recognises them; it never states a fact.
Users extend it with `--gazetteer FILE` (JSONL or CSV with label, aliases, type,
wikidata, and optional country).
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from graph.model import entity_key

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "gazetteer"
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DISAMBIGUATOR = re.compile(r"\s+\([^()]*\)$")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for every name lookup."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[^0-9a-z]+", "", text.replace("&", "and"))


@dataclass(frozen=True)
class Known:
    """One gazetteer entry: a canonical name, the forms that point to it, and its Q-id."""

    key: str  # the Entity key it becomes ("country/japan"); for titles and series: "title/…"
    type: str  # Country, Organization, PoliticalParty, Person, SummitSeries, OfficeTitle
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


def load_gazetteer(extra_files: Iterable[str | Path] = (), *, data_dir: Path = DATA_DIR) -> Gazetteer:
    """The bundled gazetteer plus the user's own files (later files add, never replace)."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"gazetteer folder not found: {data_dir}")
    records: list[dict] = []
    for path in sorted(data_dir.glob("*.jsonl")):
        records.extend(_read_records(path))
    for path in extra_files:
        records.extend(_read_records(Path(path)))
    countries = {fold(r["label"]): r for r in records if r.get("type") == "Country"}
    country_names = {fold(n) for r in countries.values() for n in [r["label"], *(r.get("aliases") or ())]
                     if isinstance(n, str)}
    return Gazetteer(_to_known(r, countries, country_names) for r in records)


def _read_records(path: Path) -> list[dict]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: gazetteer file not found")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row["aliases"] = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        return [_checked(row, path, number) for number, row in enumerate(rows, 2)]
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON: {error.msg}") from None
            out.append(_checked(row, path, number))
    return out


_TYPES = {"Country", "Organization", "PoliticalParty", "Person", "SummitSeries", "OfficeTitle"}


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
