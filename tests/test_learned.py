"""The relation model and the rule registry: named rules, candidates, and the keep-or-drop decision."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.extract.learned import MODEL_FILE, Candidate, RelationModel
from graph.extract.rules import RULES, RULES_FILE, load_rules, stated_by_rules
from graph.model import Fact

ROOT = Path(__file__).resolve().parent.parent


def _fact(relation: str = "memberOf", extractor: str = "rules") -> Fact:
    return Fact("person/ana-rojas", relation, "party/green-party", None, 0.8, "Ana Rojas of the Green Party spoke.", 0, 34,
                extractor=extractor)


def test_every_rule_named_in_code_is_registered_and_every_registered_rule_is_used():
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "graph" / "extract").rglob("*.py"))
    named = set(re.findall(r'RULES\["([a-z_.]+)"\]', code))
    assert named and named <= set(RULES)
    assert set(RULES) == named


def test_a_rule_records_its_name_as_the_extractor():
    assert RULES["office.apposition"].extractor == "rules/office.apposition"
    assert RULES["office.apposition"].scaled(0.5).confidence == pytest.approx(RULES["office.apposition"].confidence / 2)


def test_candidate_only_rules_do_not_stand_without_the_model():
    assert stated_by_rules("rules/office.apposition")
    assert not stated_by_rules("rules/office.nearby")
    assert not stated_by_rules("model/relations:party.nearby")


def test_registry_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "rules.jsonl"
    bad.write_text('{"name": "a.b", "relations": ["meets"], "confidence": 0.5, "description": "x"}\n{"name": "a.b"}\n')
    with pytest.raises(ValueError, match=r"rules.jsonl:2"):
        load_rules(bad)
    with pytest.raises(KeyError, match="not in"):
        RULES["no.such_rule"]


def test_model_file_loads_and_is_small():
    model = RelationModel.load()
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.veto < 1.0 and model.weights
    assert MODEL_FILE.stat().st_size < 256 * 1024
    assert json.loads(MODEL_FILE.read_text())["trained_on"]["articles"] > 100


def test_a_broken_model_file_says_how_to_rebuild_it(tmp_path):
    broken = tmp_path / "relations.json"
    broken.write_text("{}")
    with pytest.raises(ValueError, match="make train"):
        RelationModel.load(broken)


def test_decide_keeps_rule_facts_above_the_veto_and_proposals_above_the_threshold():
    model = RelationModel({"memberOf|good": 4.0, "memberOf|bad": -4.0}, 0.0, threshold=0.7, veto=0.2)
    rule, proposal = _fact(extractor="rules/party.of_party"), _fact(extractor="model")
    found = [Candidate(rule, "rules/party.of_party", features={"memberOf|bad": 1.0}),
             Candidate(proposal, "model/party.nearby", features={"memberOf|good": 1.0}),
             Candidate(_fact("meets"), "model/meeting.same_sentence", features={"meets|x": 1.0}),
             Candidate(_fact("organizedBy", "rules/summit.host_verb"), "rules/summit.host_verb", features={})]
    kept = model.decide(found)
    assert [f.extractor for f in kept] == ["model/relations:party.nearby", "rules/summit.host_verb"]
    assert kept[0].confidence == pytest.approx(0.982, abs=1e-3)
    lenient = RelationModel(model.weights, 0.0, threshold=0.7, veto=0.0)
    assert "rules/party.of_party" in {f.extractor for f in lenient.decide(found)}


def test_a_rules_only_extractor_drops_candidate_only_facts(extractor):
    from graph.document import make_document
    from graph.model import Article

    rules_only = extractor.by_rules_alone()
    # dated after the tenure tables, which would otherwise know Chile's president then
    article = Article(key="t", text="The Chilean President was seen with Ana Rojas on Monday.", date="2031-06-01")
    assert not any(f.extractor == "rules/office.nearby" for f in rules_only.extract(make_document(article)).facts)
    proposed = {c.source for c in extractor.candidates(make_document(article))}
    assert "rules/office.nearby" in proposed


def test_a_party_a_rule_gave_to_one_person_is_not_proposed_for_another_in_the_sentence(extractor):
    from graph.document import make_document
    from graph.model import Article

    article = Article(key="t", text="Peter Holm, parliamentary leader of the pro-government Harbour Party, told Marta Lindqvist "
                      "that the vote would fail.", date="2031-06-01")
    found = {(c.fact.subject, c.fact.relation, c.source) for c in extractor.candidates(make_document(article))}
    assert ("person/peter-holm", "memberOf", "rules/party.leader_apposition") in found
    assert not any(subject == "person/marta-lindqvist" for subject, _, _ in found)


def test_an_office_holder_named_only_beside_another_summit_is_not_proposed_for_this_one(extractor):
    from graph.document import make_document
    from graph.model import Article

    article = Article(key="t", title="NATO summit opens in The Hague", date="2025-06-25", text=(
        "NATO leaders opened their summit in The Hague on Tuesday. The NATO summit agreed a new spending goal. "
        "Japanese Prime Minister Shigeru Ishiba had met South Korean President Lee Jae-myung at the G7 summit "
        "a week earlier."))
    proposed = {(c.fact.subject, c.fact.object, c.source) for c in extractor.candidates(make_document(article))}
    assert not any(subject == "person/shigeru-ishiba" and source == "model/summit.office_holder"
                   for subject, _, source in proposed)
