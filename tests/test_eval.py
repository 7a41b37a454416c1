"""Accuracy floors on the development kit (../shared/eval), and our metric against the kit's scorer."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.build import Options, build
from graph.evaluate import EVAL_DIR, read_jsonl, score
from graph.export import fact_rows, write_rows
from graph.store import Store

pytestmark = pytest.mark.skipif(not (EVAL_DIR / "dev" / "gold.jsonl").exists(),
                                reason=f"the evaluation kit is not present at {EVAL_DIR} (it lives beside the checkout)")

SEED = "japan-wary-of-south-korea-2025-06-04"


@pytest.fixture(scope="module")
def dev_rows(extractor):
    store = Store(None)
    build([str(EVAL_DIR / "dev" / "corpus.jsonl")], store, Options(), extractor=extractor)
    return list(fact_rows(store))


def test_eval_seed_article_f1_at_least_080(dev_rows):
    gold = [r for r in read_jsonl(EVAL_DIR / "dev" / "gold.jsonl") if r["article"] == SEED]
    scores = score(gold, [r for r in dev_rows if r["article"] == SEED])
    assert scores.overall()[2] >= 0.80


def test_eval_tune_floors(dev_rows):
    """Floors just under what the tune split (34 articles) measured with the tenure tables
    and the relation model; see the README's accuracy table."""
    scores = score(read_jsonl(EVAL_DIR / "dev" / "gold.jsonl"), dev_rows)
    assert scores.overall()[2] >= 0.84
    assert scores.overall()[0] >= 0.93
    assert scores.relation("holdsOffice")[2] >= 0.87
    assert scores.relation("attends")[2] >= 0.82
    assert scores.relation("meets")[2] >= 0.78
    assert scores.relation("leaderOf")[2] >= 0.80
    assert scores.relation("memberOf")[2] >= 0.74
    assert scores.relation("organizedBy")[2] >= 0.85
    assert scores.status_accuracy() >= 0.95


@pytest.mark.skipif(not (EVAL_DIR / "dev" / "check" / "gold.blind.jsonl").exists(), reason="the kit has no check split")
def test_eval_check_split_floor_and_gap(extractor, dev_rows):
    """The blind check split: a floor under what it measured, and the tune-check gap (the
    overfitting) must not grow past what it was when the floors were set."""
    store = Store(None)
    build([str(EVAL_DIR / "dev" / "check" / "corpus.jsonl")], store, Options(), extractor=extractor)
    check = score(read_jsonl(EVAL_DIR / "dev" / "check" / "gold.blind.jsonl"), fact_rows(store))
    tune = score(read_jsonl(EVAL_DIR / "dev" / "gold.jsonl"), dev_rows)
    assert check.overall()[2] >= 0.75
    assert check.overall()[0] >= 0.90
    assert tune.overall()[2] - check.overall()[2] <= 0.10


def test_eval_redocred_member_of_floor(extractor):
    """Measured 0.72 (P 0.85, R 0.63). Of its six false positives, four are right but named
    otherwise by this gold ("Democrat" for the Democratic Party, "Labor" for the Australian
    Labor Party)."""
    store = Store(None)
    build([str(EVAL_DIR / "redocred-dev" / "corpus.jsonl")], store, Options(), extractor=extractor)
    scores = score(read_jsonl(EVAL_DIR / "redocred-dev" / "gold.jsonl"), fact_rows(store), {"memberOf"})
    assert scores.relation("memberOf")[2] >= 0.70


def test_eval_metric_matches_the_kit_scorer(dev_rows, tmp_path):
    predictions = tmp_path / "facts.jsonl"
    with predictions.open("w", encoding="utf-8") as handle:
        write_rows(dev_rows, handle)
    kit = subprocess.run([sys.executable, str(EVAL_DIR / "score.py"), "--gold", str(EVAL_DIR / "dev" / "gold.jsonl"),
                          "--pred", str(predictions), "--json"], capture_output=True, text=True, check=True)
    expected = json.loads(kit.stdout)
    ours = score(read_jsonl(EVAL_DIR / "dev" / "gold.jsonl"), dev_rows)
    for relation, metrics in expected["relations"].items():
        assert round(ours.relation(relation)[2], 4) == metrics["f1"], relation
    assert round(ours.status_accuracy(), 4) == expected["status_accuracy"]
