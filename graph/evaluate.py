"""Scoring extracted facts against hand-checked gold facts: per-relation P/R/F1 and status accuracy.

The metric is the evaluation kit's: a predicted name matches a gold entity when its
folded form (case, accents, punctuation, a leading "the") equals the entity's name or one
of its aliases, or when the Q-ids agree; `meets` is symmetric; optional gold facts are
neither rewarded nor penalised; status is scored over matched facts that have one.

Blind gold (the kit's check split) stores each name as a salted hash of its folded form:
it scores the same way, but the errors behind the numbers are never reported, so nobody
tunes rules to articles whose mistakes they were not meant to see.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from graph.build import Options, build
from graph.export import fact_rows
from graph.model import fold as fold_name
from graph.store import Store

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
#: The unlabelled Wikinews corpus beside the kit: our silver annotations name its articles by id.
CORPUS = EVAL_DIR.parent / "corpus" / "wikinews-politics.jsonl.gz"
_BLIND_SALT = "newsgraph-eval:"


@dataclass(frozen=True)
class DevelopmentSet:
    """One scored set of the kit: the corpus to build, its gold, and the relations it scores."""

    name: str
    corpus: Path
    gold: Path
    relations: str | None = None


#: The kit's sets, by the role they play: tune (errors readable), check (blind), redocred (memberOf only).
DEVELOPMENT_SETS = (("tune", "dev/corpus.jsonl", "dev/gold.jsonl", None),
                    ("check", "dev/check/corpus.jsonl", "dev/check/gold.blind.jsonl", None),
                    ("redocred", "redocred-dev/corpus.jsonl", "redocred-dev/gold.jsonl", "memberOf"))


def blind_key(name: str) -> str:
    """How blind gold stores a name (the kit's format): a salted hash of its folded form."""
    return hashlib.sha256((_BLIND_SALT + fold_name(name)).encode()).hexdigest()[:20]


def article_name(value: str) -> str:
    base = str(value).replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"\.(txt|md|html?|json|jsonl)$", "", base, flags=re.IGNORECASE)


@dataclass
class Scores:
    """Counts per relation and per extractor, status pairs, and (unless blind) the errors behind them."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_extractor: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    status_pairs: list[tuple[str, str | None]] = field(default_factory=list)
    missed: list[tuple] = field(default_factory=list)
    false_positives: list[tuple] = field(default_factory=list)
    blind: bool = False

    @staticmethod
    def prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def relation(self, name: str) -> tuple[float, float, float]:
        c = self.counts[name]
        return self.prf(c["tp"], c["fp"], c["gold"])

    def totals(self) -> Counter:
        total = Counter()
        for c in self.counts.values():
            total.update(c)
        return total

    def overall(self) -> tuple[float, float, float]:
        total = self.totals()
        return self.prf(total["tp"], total["fp"], total["gold"])

    def extractor(self, name: str) -> tuple[float, float, float]:
        """Precision of one extractor's facts, and the share of all gold facts it found."""
        c = self.by_extractor[name]
        return self.prf(c["tp"], c["fp"], self.totals()["gold"])

    def status_accuracy(self) -> float | None:
        if not self.status_pairs:
            return None
        return sum(g == p for g, p in self.status_pairs) / len(self.status_pairs)


class GoldArticle:
    """One article's gold facts, matched by folded name (or blind key) the way the kit does."""

    def __init__(self, record: dict):
        self.blind = bool(record.get("blind"))
        self.entities = {e["id"]: e for e in record.get("entities", [])}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.qids = {e["wikidata"]: i for i, e in self.entities.items() if e.get("wikidata")}
        for eid, entity in self.entities.items():
            keys = entity.get("keys", []) if self.blind else map(fold_name, [entity["name"], *entity.get("aliases", [])])
            for key in keys:
                self.names[key].add(eid)
        self.status = {self.key(f["s"], f["p"], f["o"]): f.get("status") for f in record.get("facts", [])}
        self.optional = {self.key(f["s"], f["p"], f["o"]) for f in record.get("optional_facts", [])}

    @staticmethod
    def key(s: str, p: str, o: str) -> tuple[str, str, str]:
        return (o, p, s) if p == "meets" and o < s else (s, p, o)

    def ids(self, name: str | None, qid: str | None) -> set[str]:
        if qid and qid in self.qids:
            return {self.qids[qid]}
        return set(self.names.get(blind_key(name or "") if self.blind else fold_name(name or ""), ()))

    def judge(self, subject: str | None, relation: str, obj: str | None,
              qids: tuple[str | None, str | None] = (None, None)) -> bool | None:
        """True when the gold states this fact, None when it is only optional, else False."""
        keys = [self.key(s, relation, o) for s in self.ids(subject, qids[0]) for o in self.ids(obj, qids[1])]
        if any(k in self.status for k in keys):
            return True
        return None if any(k in self.optional for k in keys) else False

    def label(self, eid: str) -> str:
        return self.entities[eid].get("name", eid)


def _only(rows: Iterable[dict], relations: set[str]) -> list[dict]:
    return [dict(r, facts=[f for f in r.get("facts", []) if f["p"] in relations],
                 optional_facts=[f for f in r.get("optional_facts", []) if f["p"] in relations]) for r in rows]


def score(gold_rows: Iterable[dict], predicted: Iterable[dict], relations: set[str] | None = None) -> Scores:
    """Score predicted contract rows (facts; entity rows are ignored) against gold records."""
    gold = {article_name(r["article"]): r for r in (_only(gold_rows, relations) if relations else gold_rows)}
    articles = {name: GoldArticle(record) for name, record in gold.items()}
    scores = Scores(blind=any(a.blind for a in articles.values()))
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
        extractor = row.get("extractor") or "unknown"
        if hit is not None:
            scores.by_extractor[extractor]["tp"] += 1
            if (name, hit) not in found:
                found.add((name, hit))
                if article.status[hit]:
                    scores.status_pairs.append((article.status[hit], row.get("status")))
        elif not any(k in article.optional for k in keys):
            fp = (name, row.get("subject"), row.get("relation"), row.get("object"))
            scores.by_extractor[extractor]["fp"] += fp not in false_positives
            false_positives.add(fp)
    for name, article in articles.items():
        for key in article.status:
            scores.counts[key[1]]["gold"] += 1
            if (name, key) in found:
                scores.counts[key[1]]["tp"] += 1
            elif not scores.blind:
                scores.missed.append((name, article.label(key[0]), key[1], article.label(key[2])))
    for fp in sorted(false_positives):
        scores.counts[fp[2]]["fp"] += 1
        if not scores.blind:
            scores.false_positives.append(fp)
    return scores


def corpus_records(ids: set[str], corpus: Path = CORPUS) -> list[dict]:
    """The corpus articles with these ids, in corpus order: silver annotations keep only ids,
    never the texts."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [row for row in map(json.loads, handle) if row["id"] in ids]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(corpus: Path, gold: Path, *, relations: str | None = None, model: str | None = None) -> Scores:
    """Build `corpus` into a temporary in-memory store and score its facts against `gold`."""
    store = Store(None)
    build([str(corpus)], store, Options(model=model))
    wanted = set(relations.split(",")) if relations else None
    return score(read_jsonl(gold), fact_rows(store, entities=False), wanted)


def development_sets(root: Path = EVAL_DIR) -> list[DevelopmentSet]:
    """The kit's sets that are present under `root`, tune first."""
    sets = [DevelopmentSet(name, root / c, root / g, r) for name, c, g, r in DEVELOPMENT_SETS]
    return [s for s in sets if s.corpus.exists() and s.gold.exists()]


def _relation_rows(scores: Scores) -> list[tuple[str, Counter, tuple[float, float, float]]]:
    rows = [(name, scores.counts[name], scores.relation(name)) for name in sorted(scores.counts)]
    return rows + [("overall", scores.totals(), scores.overall())]


def _status_line(scores: Scores) -> str:
    accuracy = scores.status_accuracy()
    return f"{'n/a' if accuracy is None else f'{accuracy:.3f}'} ({len(scores.status_pairs)} scored)"


def format_scores(scores: Scores, *, show_errors: bool = False, by_extractor: bool = False) -> str:
    lines = [f"{'relation':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'gold':>6}"]
    for name, c, (p, r, f) in _relation_rows(scores):
        lines.append(f"{name:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{c['tp']:>6}{c['fp']:>6}{c['gold']:>6}")
    lines.append(f"status accuracy: {_status_line(scores)}")
    if by_extractor:
        lines.append(format_extractors(scores))
    if show_errors and scores.blind:
        lines.append("(blind gold: errors are not shown)")
    elif show_errors:
        lines += ["missed: " + " | ".join(map(str, m)) for m in sorted(scores.missed)]
        lines += ["false positive: " + " | ".join(map(str, fp)) for fp in scores.false_positives]
    return "\n".join(lines)


def format_extractors(scores: Scores) -> str:
    """Precision of each rule or model, and the share of the gold facts it found (a fact two
    extractors state counts for both, so the recalls overlap)."""
    lines = [f"{'extractor':<40}{'P':>7}{'R':>7}{'tp':>6}{'fp':>6}"]
    for name in sorted(scores.by_extractor, key=lambda n: -sum(scores.by_extractor[n].values())):
        c = scores.by_extractor[name]
        p, r, _ = scores.extractor(name)
        lines.append(f"{name:<40}{p:>7.3f}{r:>7.3f}{c['tp']:>6}{c['fp']:>6}")
    return "\n".join(lines)


def format_side_by_side(named: list[tuple[str, Scores]]) -> str:
    """Per-relation F1 (and P/R overall) of several sets in columns, and the gap between the
    first two: tune against check is the measure of overfitting."""
    relations = sorted({r for _, s in named for r in s.counts}) + ["overall"]
    head = f"{'relation':<14}" + "".join(f"{name + ' P/R/F1':>24}{'gold':>6}" for name, _ in named)
    lines = [head + (f"{'gap F1':>9}" if len(named) > 1 else "")]
    for relation in relations:
        cells, f1s = "", []
        for _, scores in named:
            counts = scores.totals() if relation == "overall" else scores.counts.get(relation, Counter())
            p, r, f = scores.overall() if relation == "overall" else scores.relation(relation)
            cells += f"{p:>10.3f}{r:>7.3f}{f:>7.3f}{counts['gold']:>6}"
            f1s.append(f if counts["gold"] else None)
        gap = f"{f1s[0] - f1s[1]:>+9.3f}" if len(named) > 1 and None not in f1s[:2] else ""
        lines.append(f"{relation:<14}{cells}{gap}")
    lines.append(f"{'status':<14}" + "".join(f"{_status_line(s):>30}" for _, s in named))
    return "\n".join(lines)
