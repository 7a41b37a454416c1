"""Scoring extracted facts against hand-checked gold facts: per-relation P/R/F1 and status accuracy.

The metric is the evaluation kit's: a predicted name matches a gold entity when its
folded form (case, accents, punctuation, a leading "the") equals the entity's name or one
of its aliases, or when the Q-ids agree; `meets` is symmetric; optional gold facts are
neither rewarded nor penalised; status is scored over matched facts that have one.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from graph.build import Options, build
from graph.export import fact_rows
from graph.store import Store

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
#: (corpus, gold, relations scored) for each development set, when present.
DEVELOPMENT_SETS = (("dev/corpus.jsonl", "dev/gold.jsonl", None),
                    ("redocred-dev/corpus.jsonl", "redocred-dev/gold.jsonl", "memberOf"))


def fold_name(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text.casefold().replace("&", " and ").strip())
    return re.sub(r"[^0-9a-z]+", "", text)


def article_name(value: str) -> str:
    base = str(value).replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"\.(txt|md|html?|json|jsonl)$", "", base, flags=re.IGNORECASE)


@dataclass
class Scores:
    """Counts per relation, status pairs, and the errors behind them."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    status_pairs: list[tuple[str, str | None]] = field(default_factory=list)
    missed: list[tuple] = field(default_factory=list)
    false_positives: list[tuple] = field(default_factory=list)

    @staticmethod
    def prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def relation(self, name: str) -> tuple[float, float, float]:
        c = self.counts[name]
        return self.prf(c["tp"], c["fp"], c["gold"])

    def overall(self) -> tuple[float, float, float]:
        total = Counter()
        for c in self.counts.values():
            total.update(c)
        return self.prf(total["tp"], total["fp"], total["gold"])

    def status_accuracy(self) -> float | None:
        if not self.status_pairs:
            return None
        return sum(g == p for g, p in self.status_pairs) / len(self.status_pairs)


class _GoldArticle:
    def __init__(self, record: dict):
        self.entities = {e["id"]: e for e in record.get("entities", [])}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.qids = {e["wikidata"]: i for i, e in self.entities.items() if e.get("wikidata")}
        for eid, entity in self.entities.items():
            for name in [entity["name"], *entity.get("aliases", [])]:
                self.names[fold_name(name)].add(eid)
        self.status = {self.key(f["s"], f["p"], f["o"]): f.get("status") for f in record.get("facts", [])}
        self.optional = {self.key(f["s"], f["p"], f["o"]) for f in record.get("optional_facts", [])}

    @staticmethod
    def key(s: str, p: str, o: str) -> tuple[str, str, str]:
        return (o, p, s) if p == "meets" and o < s else (s, p, o)

    def ids(self, name: str | None, qid: str | None) -> set[str]:
        if qid and qid in self.qids:
            return {self.qids[qid]}
        return set(self.names.get(fold_name(name or ""), ()))


def score(gold_rows: Iterable[dict], predicted: Iterable[dict], relations: set[str] | None = None) -> Scores:
    """Score predicted contract rows (facts; entity rows are ignored) against gold records."""
    gold = {article_name(r["article"]): r for r in gold_rows}
    if relations:
        gold = {k: dict(r, facts=[f for f in r.get("facts", []) if f["p"] in relations],
                        optional_facts=[f for f in r.get("optional_facts", []) if f["p"] in relations])
                for k, r in gold.items()}
    articles = {name: _GoldArticle(record) for name, record in gold.items()}
    scores = Scores()
    found: set[tuple] = set()
    false_positives: set[tuple] = set()
    for row in predicted:
        article = articles.get(article_name(row.get("article", "")))
        if article is None or row.get("kind", "fact") != "fact" or (relations and row.get("relation") not in relations):
            continue
        name = article_name(row["article"])
        subjects = article.ids(row.get("subject"), row.get("subject_wikidata"))
        objects = article.ids(row.get("object"), row.get("object_wikidata"))
        keys = [article.key(s, row.get("relation"), o) for s in subjects for o in objects]
        hit = next((k for k in keys if k in article.status), None)
        if hit is not None:
            if (name, hit) not in found:
                found.add((name, hit))
                if article.status[hit]:
                    scores.status_pairs.append((article.status[hit], row.get("status")))
        elif not any(k in article.optional for k in keys):
            false_positives.add((name, row.get("subject"), row.get("relation"), row.get("object")))
    for name, article in articles.items():
        for key in article.status:
            scores.counts[key[1]]["gold"] += 1
            if (name, key) in found:
                scores.counts[key[1]]["tp"] += 1
            else:
                scores.missed.append((name, article.entities[key[0]]["name"], key[1], article.entities[key[2]]["name"]))
    for fp in sorted(false_positives):
        scores.counts[fp[2]]["fp"] += 1
        scores.false_positives.append(fp)
    return scores


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(corpus: Path, gold: Path, *, relations: str | None = None, model: str | None = None) -> Scores:
    """Build `corpus` into a temporary in-memory store and score its facts against `gold`."""
    store = Store(None)
    build([str(corpus)], store, Options(model=model))
    wanted = set(relations.split(",")) if relations else None
    return score(read_jsonl(gold), fact_rows(store, entities=False), wanted)


def development_sets(root: Path = EVAL_DIR) -> list[tuple[Path, Path, str | None]]:
    return [(root / c, root / g, r) for c, g, r in DEVELOPMENT_SETS if (root / c).exists() and (root / g).exists()]


def format_scores(scores: Scores, *, show_errors: bool = False) -> str:
    lines = [f"{'relation':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'gold':>6}"]
    for name in sorted(scores.counts):
        c = scores.counts[name]
        p, r, f = scores.relation(name)
        lines.append(f"{name:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{c['tp']:>6}{c['fp']:>6}{c['gold']:>6}")
    p, r, f = scores.overall()
    total = Counter()
    for c in scores.counts.values():
        total.update(c)
    lines.append(f"{'overall':<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{total['tp']:>6}{total['fp']:>6}{total['gold']:>6}")
    accuracy = scores.status_accuracy()
    lines.append(f"status accuracy: {'n/a' if accuracy is None else f'{accuracy:.3f}'} ({len(scores.status_pairs)} scored)")
    if show_errors:
        lines += ["missed: " + " | ".join(map(str, m)) for m in sorted(scores.missed)]
        lines += ["false positive: " + " | ".join(map(str, fp)) for fp in scores.false_positives]
    return "\n".join(lines)
