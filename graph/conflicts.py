"""Contradictions between reports, with both sides' evidence: what `kg conflicts` lists.

Three kinds, each found among the store's timed statements (graph/tenures.py):

* `two-holders`: two people reported holding an office one person holds at a time (or
  leading one party) on the same day (unless that is the day one handed over to the other:
  one is called outgoing, or one is reported in office only up to that day and the other
  only from it), or one of them reported in between two reports of the other less than
  `WINDOW_DAYS` apart;
* `current-and-former`: one person called current and former in the same office or party
  on the same day;
* `rival-parties`: one person reported a current member (or leader) of two parties of the
  same country within `WINDOW_DAYS`.

Each conflict is listed once per pair (the earliest evidence of it), so one bad
extraction repeated by many articles is one line, not a hundred.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from graph import read
from graph.history import Evidence, evidence_of
from graph.tenures import TimedStatement, one_holder, reports_in_office, timed_statements

#: How close two reports must be to contradict each other rather than tell a change.
WINDOW_DAYS = 30
KINDS = ("two-holders", "current-and-former", "rival-parties")
_OUTGOING = re.compile(r"\boutgoing\b", re.I)


@dataclass(frozen=True)
class Conflict:
    """Two reports that cannot both be true, and why."""

    kind: str
    reason: str
    holding: str  # the office or party's label (for rival parties, the person's)
    sides: tuple[Evidence, Evidence]

    def as_json(self) -> dict:
        return {"kind": self.kind, "reason": self.reason, "holding": self.holding,
                "sides": [side.as_json() for side in self.sides]}


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _two_holders(group: list[TimedStatement]) -> dict[frozenset, tuple[TimedStatement, TimedStatement]]:
    """Pairs of people reported in one one-holder office at once: the same day, or A's
    reports on both sides of B's less than the window apart."""
    current = reports_in_office(group)
    seen: dict[str, list[str]] = defaultdict(list)  # person → the days reported in office, in order
    for statement in current:
        seen[statement.person].append(statement.day)
    found: dict[frozenset, tuple[TimedStatement, TimedStatement]] = {}
    for first, second in zip(current, current[1:]):
        if first.person != second.person and first.day == second.day and not _handed_over(seen, first, second):
            found.setdefault(frozenset({first.person, second.person}), (first, second))
    runs: list[list[TimedStatement]] = []
    for statement in current:
        if runs and runs[-1][0].person == statement.person:
            runs[-1].append(statement)
        else:
            runs.append([statement])
    for before, middle, after in zip(runs, runs[1:], runs[2:]):
        if before[0].person == after[0].person and _days(before[-1].day, after[0].day) <= WINDOW_DAYS:
            found.setdefault(frozenset({before[0].person, middle[0].person}), (before[-1], middle[0]))
    return found


def _handed_over(seen: dict[str, list[str]], one: TimedStatement, other: TimedStatement) -> bool:
    """Whether the day both are reported is the day one handed over to the other: one is
    reported in office before it and never after, the other after it and never before."""
    day = one.day

    def hands(a: str, b: str) -> bool:
        return seen[a][0] < day == seen[a][-1] and seen[b][0] == day < seen[b][-1]

    return hands(one.person, other.person) or hands(other.person, one.person)


def _current_and_former(group: list[TimedStatement]) -> dict[frozenset, tuple[TimedStatement, TimedStatement]]:
    """One person called current and former on the same day."""
    seen: dict[tuple[str, str], dict[str, TimedStatement]] = defaultdict(dict)
    found: dict[frozenset, tuple[TimedStatement, TimedStatement]] = {}
    for statement in group:
        word = "current" if statement.in_office else "elect" if statement.status == "elect" else "former"
        seen[statement.person, statement.day].setdefault(word, statement)
    for (person, _), words in seen.items():
        if "current" in words and "former" in words:
            found.setdefault(frozenset({person}), (words["current"], words["former"]))
    return found


def _rival_parties(statements: list[TimedStatement], countries: dict[str, str]) -> dict[frozenset, tuple]:
    """One person a current member of two parties of one country within the window."""
    by_person: dict[str, list[TimedStatement]] = defaultdict(list)
    for s in statements:
        if s.relation in {"memberOf", "leaderOf"} and s.in_office and s.holding in countries:
            by_person[s.person].append(s)
    found: dict[frozenset, tuple] = {}
    for person, reports in by_person.items():
        for one, other in combinations(reports, 2):
            if (one.holding != other.holding and countries[one.holding] == countries[other.holding]
                    and _days(one.day, other.day) <= WINDOW_DAYS):
                found.setdefault(frozenset({person, one.holding, other.holding}), (one, other))
    return found


def conflicts(store) -> list[Conflict]:
    """Every conflict in the store, by kind, then by the date of its first side."""
    statements = timed_statements(store)
    groups: dict[tuple[str, str], list[TimedStatement]] = defaultdict(list)
    for statement in statements:
        groups[statement.relation, statement.holding].append(statement)
    labels = read.labels_of(store, {s.holding for s in statements} | {s.person for s in statements})
    pairs: list[tuple[str, tuple[TimedStatement, TimedStatement]]] = []
    for (relation, holding), group in groups.items():
        if one_holder(relation, labels.get(holding, "")):
            pairs += [("two-holders", pair) for pair in _two_holders(group).values()]
        pairs += [("current-and-former", pair) for pair in _current_and_former(group).values()]
    countries = {row["party"].value: row["country"].value for row in store.query(read.query_text("party-countries"))}
    pairs += [("rival-parties", pair) for pair in _rival_parties(statements, countries).values()]
    shown = evidence_of(store, {s.iri for _, pair in pairs for s in pair})
    found = [Conflict(kind, _reason(kind, pair, labels), labels.get(pair[0].holding, pair[0].holding),
                      (shown[pair[0].iri], shown[pair[1].iri]))
             for kind, pair in pairs if pair[0].iri in shown and pair[1].iri in shown]
    found = [c for c in found if not _handover(c)]
    return sorted(found, key=lambda c: (KINDS.index(c.kind), c.sides[0].date or "", c.holding, c.reason))


def _handover(conflict: Conflict) -> bool:
    """Two holders on one day, one of them called outgoing: the day power changed hands."""
    one, other = conflict.sides
    return (conflict.kind == "two-holders" and one.date == other.date
            and any(_OUTGOING.search(side.sentence) for side in conflict.sides))


def _reason(kind: str, pair: tuple[TimedStatement, TimedStatement], labels: dict[str, str]) -> str:
    one, other = pair
    name = labels.get
    if kind == "two-holders" and one.relation == "leaderOf":
        return (f"{name(one.person, one.person)} ({one.day}) and {name(other.person, other.person)} ({other.day}) "
                f"both reported leading {name(one.holding, one.holding)}, which one person leads at a time")
    if kind == "two-holders":
        return (f"{name(one.person, one.person)} ({one.day}) and {name(other.person, other.person)} ({other.day}) "
                f"both reported as {name(one.holding, one.holding)}, an office one person holds at a time")
    if kind == "current-and-former":
        return f"{name(one.person, one.person)} called current and former {name(one.holding, one.holding)} on {one.day}"
    return (f"{name(one.person, one.person)} reported a member of {name(one.holding, one.holding)} ({one.day}) and "
            f"of {name(other.holding, other.holding)} ({other.day}), parties of one country")


def counts(found: list[Conflict]) -> dict[str, int]:
    """How many conflicts of each kind (every kind listed, zeros included)."""
    return {kind: sum(c.kind == kind for c in found) for kind in KINDS}


def format_conflicts(found: list[Conflict]) -> str:
    """The conflicts as text: counts, then each with its reason and both sides' evidence."""
    lines = ["conflicts: " + ", ".join(f"{kind} {n}" for kind, n in counts(found).items())]
    for conflict in found:
        lines.append(f"[{conflict.kind}] {conflict.reason}")
        lines += [f"    {e.date or '?'} {e.status or '-'}: “{' '.join(e.sentence.split())}” — {e.article}"
                  for e in conflict.sides]
    return "\n".join(lines)
