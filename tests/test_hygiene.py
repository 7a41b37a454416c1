"""Evaluation hygiene: no run of seven words from an evaluation-kit text may appear in the
project's code, patterns, gazetteer, docs or tests. Rules must describe news English, not
the wording of the articles they are measured on; copying kit text in hides overfitting.

Words are compared lower-cased with punctuation dropped, so light rewording around a
copied run does not hide it. Training annotations in data/training/ quote the Wikinews
corpus (not the kit), and the gazetteer lists official names of real bodies (facts, which
may be used; a seven-word name such as an international organisation's is no wording):
both are outside this check.

People's names are kit text too: a test or an example that names a person a kit article
names tunes the rules to that article's people (its aliases, its spellings, its holders in
the tenure tables). So no full name (two words or more) of a person in a kit gold file may
appear in the tests, the code or the patterns. Tests that need some person use invented
names; tests that need the tenure tables use real holders no kit article names. The tune
gold gives names and aliases; the blind check gold gives only salted hashes of them, so
our capitalised runs of two to four words are hashed the same way and compared. The seed
article's people are the client's own example (our sample articles retell it): their
names, read from the seed's gold record, are allowed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.evaluate import EVAL_DIR, blind_key
from graph.model import fold

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


# --- people's names ----------------------------------------------------------------------

NAMES_SCANNED = ("tests", "graph", "data/patterns")
TUNE_GOLD = EVAL_DIR / "dev" / "gold.jsonl"
CHECK_GOLD = EVAL_DIR / "dev" / "check" / "gold.blind.jsonl"
SEED = "japan-wary-of-south-korea-2025-06-04"
#: Lower-case words inside a name ("Pérez de Cuéllar", "Ludwig van Beethoven").
_PARTICLES = r"(?:de|da|del|der|di|do|dos|du|la|le|van|von|bin|al|el|y)"
_WORD = r"[A-Z\u00C0-\u00DE][\w\u2019'.-]*+"
#: A run starts only where a word does (minified files hold long runs without a space).
_NAME_RUN = re.compile(rf"(?<![\w\u2019'.-]){_WORD}(?:[ \t]+(?:{_PARTICLES}[ \t]+)*{_WORD})+")


def name_runs(text: str, longest: int = 4) -> set[str]:
    """Every run of two to `longest` capitalised words (lower-case particles inside allowed),
    a possessive's "'s" dropped: where a person's full name can be."""
    found = set()
    for match in _NAME_RUN.finditer(text):
        tokens = [re.sub(r"['\u2019]s$", "", w).rstrip(",'\u2019-") for w in match.group().split()]
        tokens = [w if re.fullmatch(r"(?:\w\.)+", w) else w.rstrip(".") for w in tokens]  # "M." keeps its point
        for size in range(2, longest + 1):
            for i in range(len(tokens) - size + 1):
                window = tokens[i : i + size]
                if window[0][:1].isupper() and window[-1][:1].isupper():
                    found.add(" ".join(window))
    return found


def _gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _person_names(record: dict) -> list[str]:
    return [n for e in record["entities"] if e["type"] == "Person" for n in (e["name"], *e.get("aliases", []))]


def test_name_runs_find_full_names_with_initials_particles_and_possessives():
    runs_found = name_runs("Aide to Anna M. Lindqvist's office, Pérez de Ruiz and Kim Soo-ha met.")
    assert {"Anna M. Lindqvist", "Pérez de Ruiz", "Kim Soo-ha"} <= runs_found
    assert fold("Anna M. Lindqvist") in {fold(r) for r in runs_found}
    assert name_runs("the minister said so") == set()


@pytest.mark.skipif(not (TUNE_GOLD.exists() and CHECK_GOLD.exists()),
                    reason=f"the kit's gold files are not present under {EVAL_DIR} (it lives beside the checkout)")
def test_no_full_name_of_a_kit_person_in_tests_code_or_patterns():
    tune = _gold(TUNE_GOLD)
    seed = {fold(n) for r in tune if r["article"] == SEED for n in _person_names(r)}
    assert seed, f"no gold record for the seed article {SEED}"
    tune_names = {fold(n) for r in tune for n in _person_names(r) if len(n.split()) >= 2} - seed
    check_keys = {k for r in _gold(CHECK_GOLD) for e in r["entities"] if e["type"] == "Person"
                  for k in e.get("keys", [])} - {blind_key(n) for r in tune if r["article"] == SEED
                                                  for n in _person_names(r)}
    found: dict[str, list[str]] = {}
    for name in NAMES_SCANNED:
        path = ROOT / name
        for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                           and "__pycache__" not in p.parts):
            for run in sorted(name_runs(file.read_text(encoding="utf-8", errors="replace"))):
                folded = fold(run)
                if folded in seed:
                    continue
                if folded in tune_names:
                    found.setdefault(str(file.relative_to(ROOT)), []).append(f"{run} (tune)")
                elif blind_key(run) in check_keys:
                    found.setdefault(str(file.relative_to(ROOT)), []).append(f"{run} (check)")
    assert not found, f"people named in the kit's gold, named in the project: {found}"
