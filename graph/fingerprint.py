"""Fingerprints that make builds incremental: of an article's content, of its text's
near-duplicates, and of the extractor that built it.

* `content_hash`: equal for an article that has not changed, so a rebuild skips it.
* `text_print`: a MinHash of the text's word trigrams; two texts whose prints estimate a
  Jaccard similarity of at least `NEAR` are the same story (re-published under another
  headline, or with a corrected typo), which is stored once.
* `extractor_version`: names the code, the knowledge data, the spaCy pipeline and the
  options that built an article; `is_current` tells whether this installation would
  build it the same way, which `kg stats` counts and `kg build --force` acts on.

Standard library and NumPy (which spaCy brings).
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

import numpy as np

from graph.model import Article
from graph.resources import resource

#: Two texts whose word trigrams overlap this much (Jaccard similarity, as MinHash estimates
#: it) are one story: a corrected typo or an added line in a few hundred words stays above it,
#: two reports of one event in other words fall far below.
NEAR = 0.9
#: MinHash functions per print; the estimate's error is about sqrt(J(1-J)/64), 0.04 at 0.9.
PERMUTATIONS = 64
_RANDOM = np.random.default_rng(20251203)  # fixed: prints must be comparable across runs
_MULTIPLIERS = _RANDOM.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_ADDENDS = _RANDOM.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
#: The parts of the package that decide what is extracted, and the data they read.
_CODE = Path(__file__).resolve().parent
_CODE_FILES = ("document.py", "model.py", "timebounds.py", "rdf.py", "extract")
_DATA_FOLDERS = ("gazetteer", "knowledge", "models", "patterns")
_SEPARATOR = " · "
_WORD = re.compile(r"\w+")


def content_hash(article: Article) -> str:
    """A digest of what extraction reads: the text, title and date (not where it came from)."""
    content = json.dumps([article.text, article.title, article.date], ensure_ascii=False)
    return "sha256:" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def text_print(article: Article) -> str | None:
    """The MinHash of the story's word trigrams: PERMUTATIONS 32-bit minima as hex, or None
    for a text without words. The headline line trafilatura keeps at the top of a page's
    text is left out, so one story under two headlines gives one print."""
    words = _WORD.findall(_story(article).casefold())
    if not words:
        return None
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    hashes = np.array([int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in set(grams)],
                      dtype=np.uint64)
    with np.errstate(over="ignore"):  # multiply-shift hashing wraps around by design
        mixed = (hashes[None, :] * _MULTIPLIERS[:, None] + _ADDENDS[:, None]) >> np.uint64(32)
    return "".join(f"{value:08x}" for value in mixed.min(axis=1))


def _story(article: Article) -> str:
    first, _, rest = article.text.partition("\n")
    return rest if article.title and rest and first.strip().casefold() == article.title.strip().casefold() else article.text


class PrintIndex:
    """Text prints by key, searched for the most similar one (a scan, vectorised: a few
    milliseconds against ten thousand articles)."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._rows = np.empty((0, PERMUTATIONS), dtype=np.uint32)

    def add(self, key: str, print_: str) -> None:
        if len(self._keys) == len(self._rows):
            self._rows = np.resize(self._rows, (max(16, 2 * len(self._rows)), PERMUTATIONS))
        self._rows[len(self._keys)] = _values(print_)
        self._keys.append(key)

    def same_story(self, key: str, print_: str) -> str | None:
        """The key of the most similar other text, if its estimated similarity reaches NEAR."""
        if not self._keys:
            return None
        shares = (self._rows[: len(self._keys)] == _values(print_)).mean(axis=1)
        for index in np.argsort(-shares, kind="stable")[:2]:
            if shares[index] >= NEAR and self._keys[index] != key:
                return self._keys[index]
        return None


def _values(print_: str) -> np.ndarray:
    return np.array([int(print_[i:i + 8], 16) for i in range(0, len(print_), 8)], dtype=np.uint32)


# --- the extractor's version ----------------------------------------------------------------


def extractor_version(model: str, *, rules_only: bool = False, min_confidence: float = 0.0,
                      gazetteer_files: Iterable[str] = ()) -> str:
    """What built an article: "newsgraph 0.1.0 · code … · data … · spacy NAME==VERSION · options"."""
    options = ["rules only" if rules_only else "rules+model"]
    if min_confidence:
        options.append(f"min confidence {min_confidence:g}")
    extra = [Path(name) for name in gazetteer_files]
    if extra:
        options.append(f"gazetteers {_digest(extra)}")
    return _SEPARATOR.join([*_installed_parts(), f"spacy {model}=={_version_of(model)}", ", ".join(options)])


def is_current(recorded: str) -> bool:
    """Whether an article built by `recorded` would be built the same way now: same code,
    data and version of its spaCy pipeline (its options are the user's choice, not age)."""
    parts = recorded.split(_SEPARATOR)
    if len(parts) < 4 or parts[:3] != _installed_parts() or not parts[3].startswith("spacy "):
        return False
    model, _, built_with = parts[3][len("spacy "):].partition("==")
    return built_with == _version_of(model)


@cache
def _installed_parts() -> list[str]:
    code = [path for name in _CODE_FILES for path in _files(_CODE / name, "*.py")]
    data = [path for name in _DATA_FOLDERS for path in _files(resource("data", name), "*")]
    return [f"newsgraph {_version_of('newsgraph')}", f"code {_digest(code)}", f"data {_digest(data)}"]


def _files(path: Path, pattern: str) -> list[Path]:
    return sorted(p for p in path.rglob(pattern) if p.is_file()) if path.is_dir() else [path]


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:12]


def _version_of(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"
