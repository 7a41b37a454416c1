"""Fingerprints that make builds incremental: of an article's content, of its text's
near-duplicates, and of the extractor that built it.

* `content_hash`: equal for an article that has not changed, so a rebuild skips it.
* `text_print`: a 64-bit SimHash of the text's word trigrams; two texts whose prints
  differ in at most `NEAR_BITS` bits are the same story (re-published with a changed
  byline or a corrected typo), which is stored once.
* `extractor_version`: names the code, the knowledge data, the spaCy pipeline and the
  options that built an article; `is_current` tells whether this installation would
  build it the same way, which `kg stats` counts and `kg build --force` acts on.

Standard library only (hashlib, importlib.metadata).
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

from graph.model import Article
from graph.resources import resource

#: Largest number of differing SimHash bits between two texts of one story. Three of 64
#: keeps texts that differ by a sentence or two in a few hundred words and nothing looser.
NEAR_BITS = 3
#: Fewer words than this and a SimHash says too little: only identical texts are duplicates.
NEAR_MIN_WORDS = 50
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


def text_print(text: str) -> str | None:
    """The text's SimHash as 16 hex digits, or None when it is too short to compare by one."""
    words = _WORD.findall(text.casefold())
    if len(words) < NEAR_MIN_WORDS:
        return None
    weights = [0] * 64
    for gram in zip(words, words[1:], words[2:]):
        bits = int.from_bytes(hashlib.blake2b(" ".join(gram).encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if bits >> bit & 1 else -1
    return f"{sum(1 << bit for bit in range(64) if weights[bit] > 0):016x}"


def near(one: str, other: str) -> bool:
    """Whether two prints are of the same story."""
    return bin(int(one, 16) ^ int(other, 16)).count("1") <= NEAR_BITS


def print_bands(print_: str) -> list[str]:
    """Four 16-bit bands of a print: two prints within NEAR_BITS (< 4) bits share at least
    one band, so an index by band finds every near duplicate without comparing all pairs."""
    return [f"{band}:{print_[4 * band:4 * band + 4]}" for band in range(4)]


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
