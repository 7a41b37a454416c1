"""Build time of the sample corpus with this checkout against an earlier commit, side by side.

Extraction rules grow over time; this says what they cost. Each round builds the sample
corpus (data/articles, repeated --copies times, as one JSONL file with the articles' dates)
once with the baseline commit's code and once with the working tree's, in fresh processes,
alternating so that machine load hits both alike. Times exclude loading spaCy (one warm-up
build first).

    .venv/bin/python scripts/bench_against.py 2f0e895        # the first complete spine
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run inside a fresh interpreter with the code tree to time first on sys.path.
_TIMER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from graph.build import Options, build
from graph.extract import Extractor
from graph.store import Store
extractor = Extractor()
build([sys.argv[2]], Store(None), Options(), extractor=extractor)
start = time.perf_counter()
build([sys.argv[2]], Store(None), Options(), extractor=extractor)
print(time.perf_counter() - start)
"""


def sample_corpus(path: Path, copies: int) -> Path:
    """The sample articles as JSON Lines (id, date, text), repeated `copies` times."""
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for article in sorted((ROOT / "data" / "articles").glob("*.txt")):
                header, _, body = article.read_text(encoding="utf-8").partition("\n\n")
                date = next(line[5:].strip() for line in header.splitlines() if line.startswith("Date:"))
                handle.write(json.dumps({"id": f"{article.stem}-{copy}", "date": date, "text": body}) + "\n")
    return path


def build_seconds(tree: Path, corpus: Path) -> float:
    done = subprocess.run([sys.executable, "-c", _TIMER, str(tree), str(corpus)], capture_output=True, text=True,
                          check=True, cwd=tree)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", help="commit to compare with (e.g. 2f0e895)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=5, help="times the sample corpus is repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        baseline = Path(scratch) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(baseline), args.baseline], cwd=ROOT, check=True)
        try:
            corpus = sample_corpus(Path(scratch) / "corpus.jsonl", args.copies)
            before, after = [], []
            for round_ in range(1, args.rounds + 1):
                before.append(build_seconds(baseline, corpus))
                after.append(build_seconds(ROOT, corpus))
                print(f"round {round_}: {args.baseline} {before[-1]:.2f} s, working tree {after[-1]:.2f} s")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False)
    ratio = statistics.median(after) / statistics.median(before)
    print(f"median: {args.baseline} {statistics.median(before):.2f} s, working tree {statistics.median(after):.2f} s, "
          f"ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
