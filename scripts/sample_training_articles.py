"""Draw the corpus articles that helpers annotate for training (data/training/silver/).

A seeded random sample from ../shared/corpus, so the draw is reproducible: articles of
120 to 550 words that name an office, a party or a summit, none of the tune split, one
third of them about summits (the rarest relation in plain political news).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
POLITICAL = re.compile(r"\b(President|Prime Minister|Minister|Chancellor|Party|party|Senator|leader)\b")
SUMMIT = re.compile(r"\b[Ss]ummit\b")


def annotated_ids(folders: list[Path]) -> set[str]:
    """The ids already annotated in these folders' batch files, so a new draw skips them."""
    return {json.loads(line)["article"] for folder in folders for path in sorted(folder.glob("batch-*.jsonl"))
            for line in path.open(encoding="utf-8") if line.strip()}


def sample(count: int, seed: int, exclude: set[str] = frozenset(), max_words: int = 550,
           summits_only: bool = False) -> list[dict]:
    tune = set(json.loads((SHARED / "eval/dev/splits.json").read_text())["tune"]) | exclude
    with gzip.open(SHARED / "corpus/wikinews-politics.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    pool = [r for r in rows if r["id"] not in tune and r.get("date") and 120 <= len(r["text"].split()) <= max_words
            and (SUMMIT if summits_only else POLITICAL).search(r["text"])]
    rng = random.Random(seed)
    summits = [r for r in pool if SUMMIT.search(r["text"])]
    share = count if summits_only else count // 3
    chosen = rng.sample(summits, min(share, len(summits)))  # the pool has few summit articles left
    if summits_only:
        rng.shuffle(chosen)
        return chosen
    ids = {r["id"] for r in chosen}
    chosen += rng.sample([r for r in pool if r["id"] not in ids], count - len(chosen))
    rng.shuffle(chosen)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=91)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--first", type=int, default=1, help="number of the first batch file")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="folder of annotated batch files whose articles are not drawn again")
    parser.add_argument("--max-words", type=int, default=550, help="longest article drawn, in words")
    parser.add_argument("--summits-only", action="store_true",
                        help="draw only articles that name a summit (as many as are left, up to --count)")
    parser.add_argument("--out", type=Path, required=True, help="folder for batch-N.jsonl files of articles")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    articles = sample(args.count, args.seed, annotated_ids(args.exclude), args.max_words, args.summits_only)
    for batch in range(args.batches):
        part = articles[batch::args.batches]
        with (args.out / f"batch-{batch + args.first}.jsonl").open("w", encoding="utf-8") as handle:
            for row in part:
                handle.write(json.dumps({k: row[k] for k in ("id", "title", "date", "text")}, ensure_ascii=False) + "\n")
        print(f"batch-{batch + args.first}: {len(part)} articles, {sum(len(r['text'].split()) for r in part)} words")


if __name__ == "__main__":
    main()
