"""Score the extractor on our silver annotations of corpus articles: `make eval-silver`.

`data/training/silver/` is training data (the relation model learns from it), so its score
is optimistic. `data/training/silver-test/` is held out: never trained on and never read for
rules, so only its numbers are printed, never its errors. Texts come from ../shared/corpus.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.evaluate import CORPUS, corpus_records, evaluate, format_side_by_side, read_jsonl  # noqa: E402

FOLDERS = (("silver", ROOT / "data" / "training" / "silver"),  # trained on
           ("silver-test", ROOT / "data" / "training" / "silver-test"))  # held out


def scored(folder: Path, work: Path):
    """Build the folder's articles into a temporary store and score them against its gold."""
    gold = [record for path in sorted(folder.glob("batch-*.jsonl")) for record in read_jsonl(path)]
    corpus, gold_file = work / f"{folder.name}-corpus.jsonl", work / f"{folder.name}-gold.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                              for r in corpus_records({g["article"] for g in gold})), encoding="utf-8")
    gold_file.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    return evaluate(corpus, gold_file)


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the silver sets need the shared corpus")
    with tempfile.TemporaryDirectory() as work:
        named = [(name, scored(folder, Path(work))) for name, folder in FOLDERS]
    print(format_side_by_side(named))


if __name__ == "__main__":
    main()
