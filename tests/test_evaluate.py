"""Scoring: blind gold scores like open gold and never reveals its errors; tune and check side by side."""
from __future__ import annotations

from graph.evaluate import blind_key, format_scores, format_side_by_side, score

OPEN = {"article": "a1", "entities": [
    {"id": "p", "name": "Ana Rojas", "type": "Person", "aliases": ["Rojas"]},
    {"id": "o", "name": "President of Chile", "type": "Office", "aliases": ["Chilean President"]},
    {"id": "q", "name": "Tomas Alves", "type": "Person"}],
    "facts": [{"s": "p", "p": "holdsOffice", "o": "o", "status": "current"}, {"s": "q", "p": "meets", "o": "p"}]}


def _blind(record: dict) -> dict:
    entities = [{"id": e["id"], "type": e["type"], "keys": [blind_key(n) for n in [e["name"], *e.get("aliases", [])]]}
                for e in record["entities"]]
    return {"article": record["article"], "blind": True, "entities": entities, "facts": record["facts"]}


PREDICTED = [{"kind": "fact", "article": "a1", "subject": "Rojas", "relation": "holdsOffice", "object": "Chilean president",
              "status": "current", "extractor": "rules/office.title_before_name"},
             {"kind": "fact", "article": "a1", "subject": "Ana Rojas", "relation": "meets", "object": "Somebody Else",
              "extractor": "model/relations:meeting.same_sentence"}]


def test_blind_gold_scores_exactly_like_open_gold():
    open_scores, blind_scores = score([OPEN], PREDICTED), score([_blind(OPEN)], PREDICTED)
    assert open_scores.overall() == blind_scores.overall() == (0.5, 0.5, 0.5)
    assert open_scores.status_accuracy() == blind_scores.status_accuracy() == 1.0


def test_blind_gold_hides_its_errors():
    blind = score([_blind(OPEN)], PREDICTED)
    assert blind.missed == [] and blind.false_positives == []
    assert "errors are not shown" in format_scores(blind, show_errors=True)
    assert "Tomas Alves" in format_scores(score([OPEN], PREDICTED), show_errors=True)


def test_scores_per_extractor():
    scores = score([OPEN], PREDICTED)
    assert scores.extractor("rules/office.title_before_name") == (1.0, 0.5, 2 / 3)
    assert scores.extractor("model/relations:meeting.same_sentence")[0] == 0.0


def test_side_by_side_reports_the_gap():
    table = format_side_by_side([("tune", score([OPEN], PREDICTED)), ("check", score([OPEN], PREDICTED[:1]))])
    overall = next(line for line in table.splitlines() if line.startswith("overall"))
    assert overall.split()[-1] == "-0.167"
