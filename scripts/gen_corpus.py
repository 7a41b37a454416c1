"""Generate a SYNTHETIC benchmark corpus (JSON Lines) from the sample articles in data/articles/.

Why: the benchmark needs thousands of news-shaped articles, and we may not ship real ones.
Each synthetic article is one sample article with its people renamed to made-up names
(full names and bare surnames alike, consistently within the article), its host cities
swapped for other cities, and a new publication date whose year also replaces the old
year in the text. The result keeps the samples' length, vocabulary and sentence shapes,
so spaCy's cost per article is realistic, while the set of people and places grows with
the corpus as it would in a real archive. It is not real news: every record says so in
its `source` field.

    python scripts/gen_corpus.py --count 10000 -o out/bench/corpus-10000.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract.gazetteer import load_gazetteer  # noqa: E402
from graph.ingest import IngestError, read_articles  # noqa: E402
from graph.model import Article  # noqa: E402

SAMPLES = ROOT / "data" / "articles"
SOURCE = "synthetic benchmark corpus (scripts/gen_corpus.py), derived from data/articles/{}"
FIRST_NAMES = ["Amara", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
               "Lars", "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomas", "Uma", "Viktor",
               "Wanjiru", "Xavier", "Yuki", "Zofia", "Aiko", "Bilal", "Camille", "Diego", "Esther", "Felix",
               "Hana", "Ivan", "Julia", "Kenji", "Leila", "Marco", "Noor", "Oskar"]
SURNAMES = ["Abara", "Bergstrom", "Castellanos", "Dimitrov", "Eriksen", "Fujimura", "Gallagher", "Haddad",
            "Ilunga", "Jankowski", "Kovacs", "Lindqvist", "Moreau", "Nakashima", "Okonkwo", "Petrenko",
            "Quintero", "Rasmussen", "Santoro", "Takeda", "Urquhart", "Varga", "Whitfield", "Yilmaz",
            "Zanetti", "Albrecht", "Brennan", "Costa", "Delacroix", "Esposito", "Falk", "Grimaldi", "Hollis",
            "Iversen", "Jaramillo", "Kuroda", "Lombardi", "Mercer", "Novak", "Ortega"]
#: Host cities named in the samples, and the cities they may become.
PLACES = ["The Hague", "Gyeongju", "Kananaskis", "Johannesburg", "Busan", "Shenzhen", "Madrid", "Alberta"]
NEW_PLACES = ["Lisbon", "Nairobi", "Hanoi", "Lima", "Oslo", "Porto", "Cebu", "Osaka", "Valencia", "Da Nang",
              "Cartagena", "Marrakesh", "Tallinn", "Hobart", "Quebec City", "Montevideo", "Krakow", "Accra"]
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2025, 12, 31)


def sample_articles(folder: Path = SAMPLES) -> list[Article]:
    return [a for a in read_articles([str(folder)]) if not isinstance(a, IngestError)]


def person_names() -> list[tuple[str, ...]]:
    """Each gazetteer person's names: the full label first, then its aliases."""
    return [(p.label, *p.aliases) for p in load_gazetteer().entries("Person")]


def synthetic_articles(count: int, *, seed: int = 0) -> Iterator[dict]:
    """`count` JSONL records, cycling through the samples; the same seed gives the same corpus."""
    rng = random.Random(seed)
    samples = sample_articles()
    people = person_names()
    for number in range(count):
        article = samples[number % len(samples)]
        renames = _renames(article.text, people, rng)
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        if article.date:
            renames[article.date[:4]] = str(published.year)
        yield {"id": f"synthetic-{number:06d}", "title": _replace(article.title or "", renames),
               "date": published.isoformat(), "url": f"https://example.org/synthetic/{number:06d}",
               "source": SOURCE.format(Path(article.source or article.key).name),
               "text": _replace(article.text, renames)}


def _renames(text: str, people: list[tuple[str, ...]], rng: random.Random) -> dict[str, str]:
    """Old → new for every person and host city this text names."""
    renames: dict[str, str] = {}
    for names in people:
        if not any(name in text for name in names):
            continue
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        for name in names:
            renames[name] = last if " " not in name else f"{first} {last}"
    for place in PLACES:
        if place in text:
            renames[place] = rng.choice(NEW_PLACES)
    return renames


def _replace(text: str, renames: dict[str, str]) -> str:
    if not renames:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: renames[m.group(0)], text)


def write_corpus(path: Path, count: int, *, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in synthetic_articles(count, seed=seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="articles to write (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args()
    write_corpus(args.output, args.count, seed=args.seed)
    print(f"wrote {args.count} synthetic articles to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
