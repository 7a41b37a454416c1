"""Check the hand-written gazetteer files in data/gazetteer/*.jsonl.

Why this exists: the gazetteer is edited by hand (and by several people at once), and
the extractor trusts it. A broken line, a malformed Wikidata id or one alias claimed
by two entries of the same type would silently mis-link mentions, so this script
catches those mistakes before they reach the graph. Standard library only.

Checks, per line:
  * the line is a JSON object with a string `type` (one of the model's entity types)
    and a non-empty string `label`;
  * `aliases` / `demonyms`, when present, are lists of non-empty strings;
  * `wikidata`, when present, matches ^Q[1-9][0-9]*$ (no nulls: omit unknown keys);
  * Country: `iso2` / `iso3` look like ISO 3166-1 codes and `the` is a boolean, and so is
    `minister_for`, when present (the country names its ministers "Minister for X");
  * Organization: `country`, when present, is the label of a Country entry, and `the`,
    when present, is a boolean (a one-word name taking "the": "Member of the Knesset");
  * Region: `kind` is "state" or "city" and `country` is the label of a Country entry;
  * SummitSeries: `held`, when present, is the series' calendar: {"year", "places"} objects
    in year order (the places its summits were held at, which name a summit's year).
Across lines:
  * no name (label, alias or demonym, case-folded) belongs to two entries of one type
    (for regions, of one type and kind);
  * no Wikidata id is given to two entries of one type;
  * no label is repeated within a type.

Usage: python scripts/check_gazetteer.py [DIR]   (exit status 1 on any problem)
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ENTITY_TYPES = ("Person", "Office", "PoliticalParty", "Summit", "Country", "Organization", "SummitSeries", "OfficeTitle",
                "Region")
#: A state and a city may share a name ("Berlin", "New York"): regions are checked per kind.
REGION_KINDS = {"state", "city"}
#: Short party names ("Labour Party", "Democratic Party") are shared across countries on purpose:
#: the extractor picks the party of the article's country.
SHARED_NAMES_ALLOWED = {"PoliticalParty"}
QID = re.compile(r"^Q[1-9][0-9]*$")
ISO2 = re.compile(r"^[A-Z]{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
STRICT_TYPES = {
    "Country": {"type", "label", "aliases", "demonyms", "iso2", "iso3", "wikidata", "the", "minister_for"},
    "Organization": {"type", "label", "aliases", "wikidata", "country", "the"},
}


def _string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _calendar_problems(held: object) -> list[str]:
    """A series' `held` calendar: a list of {"year": int, "places": [names]}, in year order."""
    if not isinstance(held, list) or not all(isinstance(h, dict) and set(h) == {"year", "places"} for h in held):
        return ["held must be a list of {year, places} objects"]
    problems = [f"held {h['year']!r}: year must be an integer from 1945 to 2100" for h in held
                if not isinstance(h["year"], int) or not 1945 <= h["year"] <= 2100]
    problems += [f"held {h['year']}: places must be a list of non-empty strings" for h in held if not (_string_list(h["places"]) and h["places"])]
    years = [h["year"] for h in held if isinstance(h["year"], int)]
    if years != sorted(years):
        problems.append("held: years out of order")
    return problems


def check(directory: Path) -> list[str]:
    problems: list[str] = []
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        return [f"{directory}: no *.jsonl files"]

    # (type, casefolded name) -> list of (where, label)
    names: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    qids: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    org_countries: list[tuple[str, str]] = []
    country_labels: set[str] = set()

    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, 1):
                where = f"{path.name}:{number}"
                if not raw.strip():
                    problems.append(f"{where}: blank line")
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as error:
                    problems.append(f"{where}: invalid JSON ({error})")
                    continue
                if not isinstance(record, dict):
                    problems.append(f"{where}: not a JSON object")
                    continue
                kind, label = record.get("type"), record.get("label")
                if kind not in ENTITY_TYPES:
                    problems.append(f"{where}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
                    continue
                if not isinstance(label, str) or not label.strip():
                    problems.append(f"{where}: missing or empty label")
                    continue
                for key, value in record.items():
                    if value is None:
                        problems.append(f"{where}: {key} is null (omit the key instead)")
                if "wikidata" in record and not (isinstance(record["wikidata"], str) and QID.match(record["wikidata"])):
                    problems.append(f"{where}: wikidata {record['wikidata']!r} does not match Q<digits>")
                for key in ("aliases", "demonyms"):
                    if key in record and not _string_list(record[key]):
                        problems.append(f"{where}: {key} must be a list of non-empty strings")

                if kind in STRICT_TYPES:
                    unknown = set(record) - STRICT_TYPES[kind]
                    if unknown:
                        problems.append(f"{where}: unexpected keys {sorted(unknown)}")
                if kind == "Country":
                    country_labels.add(label)
                    if not ISO2.match(str(record.get("iso2", ""))):
                        problems.append(f"{where}: iso2 {record.get('iso2')!r} is not two capital letters")
                    if not ISO3.match(str(record.get("iso3", ""))):
                        problems.append(f"{where}: iso3 {record.get('iso3')!r} is not three capital letters")
                    if not isinstance(record.get("the"), bool):
                        problems.append(f"{where}: 'the' must be true or false")
                    if not isinstance(record.get("minister_for", False), bool):
                        problems.append(f"{where}: 'minister_for' must be true or false")
                if kind == "Organization" and not isinstance(record.get("the", False), bool):
                    problems.append(f"{where}: 'the' must be true or false")
                if kind == "SummitSeries":
                    problems.extend(f"{where}: {problem}" for problem in _calendar_problems(record.get("held", [])))
                if kind == "Organization" and "country" in record or kind == "Region":
                    org_countries.append((where, record.get("country")))
                if kind == "Region":
                    if record.get("kind") not in REGION_KINDS:
                        problems.append(f"{where}: kind {record.get('kind')!r} is not one of {', '.join(sorted(REGION_KINDS))}")
                    kind = f"Region/{record.get('kind')}"

                labels[(kind, label.casefold())].append(where)
                if isinstance(record.get("wikidata"), str):
                    qids[(kind, record["wikidata"])].append((where, label))
                entry_names = {label.casefold()}
                for key in ("aliases", "demonyms"):
                    if _string_list(record.get(key)):
                        entry_names.update(v.casefold() for v in record[key])
                for name in entry_names:
                    names[(kind, name)].append((where, label))

    for (kind, label), wheres in sorted(labels.items()):
        if len(wheres) > 1:
            problems.append(f"duplicate {kind} label {label!r}: {', '.join(wheres)}")
    for (kind, name), claims in sorted(names.items()):
        if len({where for where, _ in claims}) > 1 and kind not in SHARED_NAMES_ALLOWED:
            owners = "; ".join(f"{lab} ({where})" for where, lab in claims)
            problems.append(f"alias collision [{kind}] {name!r}: {owners}")
    for (kind, qid), claims in sorted(qids.items()):
        if len(claims) > 1:
            owners = "; ".join(f"{lab} ({where})" for where, lab in claims)
            problems.append(f"wikidata id {qid} used by several {kind} entries: {owners}")
    if country_labels:
        for where, country in org_countries:
            if country not in country_labels:
                problems.append(f"{where}: country {country!r} is not a Country label")
    return problems


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data" / "gazetteer"
    problems = check(directory)
    counts = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            counts.append(f"{path.name}: {sum(1 for line in handle if line.strip())}")
    print("; ".join(counts) if counts else "no files")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
