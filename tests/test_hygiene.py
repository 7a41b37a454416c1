"""Evaluation hygiene: no run of seven words from an evaluation-kit text may appear in the
project's code, patterns, gazetteer, docs or tests. Rules must describe news English, not
the wording of the articles they are measured on; copying kit text in hides overfitting.

Words are compared lower-cased with punctuation dropped, so light rewording around a
copied run does not hide it. Training annotations in data/training/ quote the Wikinews
corpus (not the kit), and the gazetteer lists official names of real bodies (facts, which
may be used; a seven-word name such as an international organisation's is no wording):
both are outside this check.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.evaluate import EVAL_DIR

ROOT = Path(__file__).resolve().parent.parent
RUN = 7
SCANNED = ("graph", "tests", "scripts", "ontology", "docs", "data/articles", "data/patterns",
           "README.md", "BENCHMARKS.md", "Makefile")
SUFFIXES = {".py", ".md", ".jsonl", ".json", ".ttl", ".rq", ".txt", ".html", ".js", ".css", ""}

pytestmark = pytest.mark.skipif(not (EVAL_DIR / "dev" / "corpus.jsonl").exists(),
                                reason=f"the evaluation kit is not present at {EVAL_DIR} (it lives beside the checkout)")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def kit_texts() -> list[str]:
    """Every article text and every gold evidence quote of the kit."""
    texts = []
    for corpus in sorted(EVAL_DIR.glob("**/corpus.jsonl")):
        texts += [json.loads(line)["text"] for line in corpus.open(encoding="utf-8") if line.strip()]
    for gold in sorted(EVAL_DIR.glob("**/gold*.jsonl")):
        for line in gold.open(encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                texts += [f.get("evidence", "") for f in record.get("facts", []) + record.get("optional_facts", [])]
    return texts


def project_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = ROOT / name
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        files += [p for p in found if p.suffix in SUFFIXES and "__pycache__" not in p.parts]
    return files


def test_runs_see_through_case_and_punctuation():
    assert ("a", "b", "c", "d", "e", "f", "g") in runs("A, b; C-d (e) f: G.")
    assert runs("six words are not a run") == set()


def test_no_seven_word_run_of_a_kit_text_in_the_project():
    kit = set().union(*(runs(t) for t in kit_texts()))
    copied = {}
    for path in project_files():
        shared = runs(path.read_text(encoding="utf-8", errors="replace")) & kit
        if shared:
            copied[str(path.relative_to(ROOT))] = sorted(" ".join(r) for r in shared)[:3]
    assert not copied, f"kit text copied into the project: {copied}"
