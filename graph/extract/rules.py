"""The registry of named extraction rules, kept as data in `data/patterns/rules.jsonl`.

Every fact says which rule (or model) produced it, so precision and recall can be
measured per rule (`kg eval --by-extractor`) and a weak rule can be found and fixed
or dropped. A name used in code but missing from the registry is an error at import.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from graph.extract.records import jsonl_objects
from graph.resources import resource

PATTERNS_DIR = resource("data", "patterns")
RULES_FILE = PATTERNS_DIR / "rules.jsonl"
CUES_FILE = PATTERNS_DIR / "cues.jsonl"


@dataclass(frozen=True)
class Rule:
    """One named rule and the confidence its facts start from."""

    name: str
    relations: tuple[str, ...]
    confidence: float
    description: str
    candidate_only: bool = False  # proposes facts for the relation model; a rules-only build drops them
    reads_quotes: bool = False  # a speaker's "President X" names X's office as well as a writer's does

    @property
    def extractor(self) -> str:
        """What a fact records as its origin (`kg:extractor`)."""
        return f"rules/{self.name}"

    def scaled(self, factor: float) -> "Rule":
        """The same rule with its confidence weakened for this one finding."""
        return replace(self, confidence=self.confidence * factor)


class RuleRegistry(dict):
    """Rule name → Rule; an unknown name raises a KeyError that names the registry file."""

    def __missing__(self, name: str) -> Rule:
        raise KeyError(f"rule {name!r} is not in {RULES_FILE}")


def load_rules(path: Path = RULES_FILE) -> RuleRegistry:
    rules = RuleRegistry()
    for number, row in jsonl_objects(path):
        try:
            rule = Rule(row["name"], tuple(row["relations"]), float(row["confidence"]), row["description"],
                        bool(row.get("candidate_only", False)), bool(row.get("reads_quotes", False)))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a rule record ({error})") from error
        if rule.name in rules:
            raise ValueError(f"{path}:{number}: rule {rule.name!r} is defined twice")
        rules[rule.name] = rule
    return rules


RULES = load_rules()


def load_cues(path: Path = CUES_FILE) -> dict[str, frozenset[str]]:
    """Cue-word lists by name (lemmas), kept as data beside the rule registry."""
    return {row["name"]: frozenset(row["lemmas"]) for _, row in jsonl_objects(path)}


CUES = load_cues()


def stated_by_rules(extractor: str) -> bool:
    """Whether a fact from this extractor stands without the relation model: any rule's
    fact but a candidate-only rule's."""
    name = extractor.removeprefix("rules/")
    return extractor.startswith("rules/") and not (name in RULES and RULES[name].candidate_only)
