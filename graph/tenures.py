"""Tenures: every article's timed statements merged into spells of a person in an office or party.

Why a derived named graph (`TENURES_GRAPH`) rewritten after each build and removal, and
not a computation at read time: `kg holders` must answer in well under 100 ms on a
corpus of thousands of articles, which one small query over a derived graph does and
reading every statement does not. The graph is a pure function of the statements in the
store (they are sorted before merging), so the order articles were built in never shows.

How statements merge, per (relation, office or party):

* In a one-holder office (a head of state or government, a named minister's portfolio,
  a party's leader), the dated reports of a current holder, in date order, form runs of
  one person: each run is a spell. When B is reported current after A was, A's spell
  ended and B's began between A's last report and B's first (succession); a person who
  comes back after someone else gets a second spell. One day's reports of a past holder
  between two runs of the same other person recall the past ("the 2005 plan of Prime
  Minister X"): they neither end that run nor make a return (see `_recollections`).
* A person called former (or dead) between two of their current reports had left and came
  back: the later reports make a new spell, begun after that report (so in every office).
* Elsewhere (a member of parliament, a party member) a person has one spell per holding.
* A "former" report (or one whose sentence tells of the person's death) closes the latest
  spell that began before it; an "elect" report opens the first spell that began after
  it, or a spell of its own.
* A dead person holds nothing after: a sentence that tells of a person's death ("the late
  X", "X, who died in 2031", whatever office or party it names) ends every tenure and
  membership of theirs by that day, unless a report places the tenure in office later.

Each spell's bounds are the meet of its succession bounds and its statements' bounds, in
turn (current reports first); a statement whose bounds contradict what is already known
still supports the spell but does not bound it (`kg conflicts` reports it).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from graph.model import Bounds, Tenure
from graph.rdf import tenures_ntriples
from graph.read import labels_of, local_name, query_text
from graph.terms import RESOURCE
from graph.timebounds import death

#: The derived named graph that holds every tenure.
TENURES_GRAPH = str(RESOURCE["derived/tenures"])

#: Offices whose titles begin so are held by several people at once; so is a minister or
#: secretary without a portfolio ("Minister of France"); every other office (President of
#: X, Minister of Y of X, Mayor of Z) by one at a time.
_SHARED_OFFICE = re.compile(r"^(?:member|senator|deputy|ambassador|representative|envoy|special|adviser|advisor|"
                            r"judge|justice|associate|councillor|minister of state|minister without|spokes|"
                            r"delegate|commissioner|lawmaker|legislator|assemblyman|congressman)", re.I)
#: ... and so are offices whose title ends so ("United States Senator": one of a chamber's many).
_SHARED_TITLE = re.compile(r"\b(?:senator|congress(?:wo)?man|lawmaker|legislator|assemblyman|council(?:l?or|man))$",
                           re.I)
_NO_PORTFOLIO = re.compile(r"^(?:minister|secretary|mayor) of (?!.* of )", re.I)
#: Words without which a sentence tells of no death (a cheap test before `timebounds.death`).
_DEATH_WORDS = re.compile(r"\b(?:late|death|funeral|died)\b", re.I)
CURRENT = frozenset({"current", "acting", None})  # the statuses of a holder in office


@dataclass(frozen=True)
class TimedStatement:
    """A holdsOffice, memberOf or leaderOf statement with its date and bounds."""

    iri: str
    person: str
    relation: str
    holding: str
    status: str | None
    day: str  # the date the text says it held at, else the article's date
    bounds: Bounds
    died: str | None = None  # the last day the person can have lived, if the sentence tells of their death

    @property
    def in_office(self) -> bool:
        """Whether it reports the person holding it on its day: a current (or acting) report
        whose bounds had not ended by then ("the late X, the prime minister" has)."""
        return self.status in CURRENT and self.bounds.end_after is not None


def timed_statements(store) -> list[TimedStatement]:
    """Every dated statement of the three timed relations, sorted (so merging is order-free),
    each with the death its sentence tells of its subject, if any (see `timebounds.death`)."""
    found = []
    for row in store.query(query_text("timed-statements")):
        bounds = Bounds(*(row[name].value if row[name] is not None else None for name in ("sa", "sb", "ea", "eb")))
        day = row["day"].value
        text = row["text"].value if row["text"] is not None else ""
        died = death(text, row["s"].value, date.fromisoformat(day)) if _DEATH_WORDS.search(text) else None
        found.append(TimedStatement(row["f"].value, row["s"].value, local_name(row["p"].value), row["o"].value,
                                    row["status"].value if row["status"] is not None else None, day,
                                    bounds, died.isoformat() if died is not None else None))
    return sorted(found, key=lambda s: (s.relation, s.holding, s.day, s.person, s.iri))


def one_holder(relation: str, label: str) -> bool:
    """Whether one person at a time holds it: a party's leadership, or an office not shared by title."""
    return relation == "leaderOf" or (relation == "holdsOffice" and not _SHARED_OFFICE.match(label)
                                      and not _SHARED_TITLE.search(label) and not _NO_PORTFOLIO.match(label))


def merge(statements: Iterable[TimedStatement], labels: dict[str, str]) -> list[Tenure]:
    """The tenures these statements make, given the labels of the holdings (see the module's docstring)."""
    groups: dict[tuple[str, str], list[TimedStatement]] = defaultdict(list)
    for statement in sorted(statements, key=lambda s: (s.relation, s.holding, s.day, s.person, s.iri)):
        groups[statement.relation, statement.holding].append(statement)
    tenures = []
    for (relation, holding), group in groups.items():
        shared = not one_holder(relation, labels.get(holding, local_name(holding).replace("-", " ")))
        tenures.extend(_group_tenures(group, shared=shared))
    return _after_deaths(tenures, deaths(statements))


def deaths(statements: Iterable[TimedStatement]) -> dict[str, str]:
    """Person → the earliest day by which some sentence says they had died."""
    found: dict[str, str] = {}
    for statement in statements:
        if statement.died is not None and statement.died < found.get(statement.person, "9999-12-31"):
            found[statement.person] = statement.died
    return found


def _after_deaths(tenures: list[Tenure], died: dict[str, str]) -> list[Tenure]:
    """A dead person holds nothing after: every tenure and membership of someone whose death
    a sentence tells ended by that day, whichever office or party the sentence was about.
    A tenure reported in office after that day (a namesake, most likely) keeps its bounds."""
    ended = []
    for tenure in tenures:
        day = died.get(tenure.person)
        if day is not None and (met := tenure.bounds.meet(Bounds(end_before=day))).consistent():
            tenure = replace(tenure, bounds=met)
        ended.append(tenure)
    return ended


@dataclass
class _Spell:
    """A spell being assembled: its person, succession bounds and statements."""

    person: str
    first: str  # first and last current report (or the only report)
    last: str
    limits: Bounds
    statements: list[TimedStatement]


def reports_in_office(group: list[TimedStatement]) -> list[TimedStatement]:
    """The reports in office of one office's (date-ordered) statements, in date order; on a
    day two people are reported, the one never reported later goes first: the outgoing
    holder and the incoming one in one article, not a return."""
    current = [s for s in group if s.in_office]
    last_seen = {s.person: s.day for s in current}
    return sorted(current, key=lambda s: (s.day, last_seen[s.person], s.person, s.iri))


def _runs(group: list[TimedStatement], *, shared: bool) -> list[_Spell]:
    """Spells from the in-office reports: runs of one person in date order (one per person if
    shared), a run broken where the person is called former between two of its reports."""
    spells: list[_Spell] = []
    by_person: dict[str, _Spell] = {}
    left = defaultdict(list)  # person → the days they are reported out of office, in order
    for statement in group:
        if not statement.in_office and statement.status != "elect":
            left[statement.person].append(statement.day)
    for statement in reports_in_office(group):
        spell = by_person.get(statement.person) if shared else (spells[-1] if spells else None)
        gone = _between(left[statement.person], spell.last, statement.day) if spell is not None else None
        if spell is None or spell.person != statement.person or gone is not None:
            spell = _Spell(statement.person, statement.day, statement.day, Bounds(start_after=gone), [])
            spells.append(spell)
            by_person[statement.person] = spell
        spell.last = statement.day
        spell.statements.append(statement)
    return spells


def _recollections(runs: list[_Spell]) -> list[TimedStatement]:
    """Take out of the runs the reports that recall a past holder by the title of the time.

    News names a former holder by the title they held when it tells of what they did then
    ("the 2005 plan of Prime Minister X", written years later): a run of one day's reports of
    someone who held the office before, between two runs of the same other person, is such a
    recollection, not a return and a second handover back. The two runs around it are one
    spell; the reports taken out are returned (they support the earlier spell, not bound it).
    A return is told by more than one day's reports, or by nobody else reported after it.
    """
    recalled: list[TimedStatement] = []
    index = 1
    while index < len(runs) - 1:
        before, middle, after = runs[index - 1], runs[index], runs[index + 1]
        earlier = any(run.person == middle.person for run in runs[:index - 1])
        lone = before.last < middle.first == middle.last <= after.first  # a day of its own after the run before
        if before.person == after.person != middle.person and lone and earlier:
            recalled += middle.statements
            before.last = after.last
            before.statements += after.statements
            del runs[index:index + 2]
            index = max(index - 1, 1)
        else:
            index += 1
    return recalled


def _succession(runs: list[_Spell]) -> None:
    """Bound each run of a one-holder office by its neighbours: it ended by the time the next
    had begun (the next one's first report, or the date its statements say it began by,
    "was sworn in on 1 February"), and the next began after its last report."""
    for before, after in zip(runs, runs[1:]):
        begun = min((s.bounds.start_before for s in after.statements if s.bounds.start_before), default=after.first)
        before.limits = before.limits.meet(Bounds(end_before=max(before.last, min(after.first, begun))))
        after.limits = after.limits.meet(Bounds(start_after=before.last))


def _between(days: list[str], after: str, before: str) -> str | None:
    """The last of these (sorted) days strictly between two dates, if any."""
    index = bisect.bisect_left(days, before) - 1
    return days[index] if index >= 0 and days[index] > after else None


def _place(statement: TimedStatement, spells: list[_Spell]) -> None:
    """Attach a former or elect report to the spell it speaks of, or open a spell for it."""
    own = [spell for spell in spells if spell.person == statement.person]
    if statement.status == "elect":
        target = next((spell for spell in own if spell.first >= statement.day), None)
    else:
        target = next((spell for spell in reversed(own) if spell.first <= statement.day), None)
    if target is None:
        spells.append(_Spell(statement.person, statement.day, statement.day, Bounds(), [statement]))
    else:
        target.statements.append(statement)


def _group_tenures(group: list[TimedStatement], *, shared: bool) -> Iterator[Tenure]:
    """The tenures of one office or party."""
    spells = _runs(group, shared=shared)
    recalled = [] if shared else _recollections(spells)
    runs = list(spells)
    for statement in group:
        if not statement.in_office:
            _place(statement, spells)
    if not shared:
        _succession(runs)
    for statement in recalled:  # after the succession bounds, which such a report does not move
        _place(statement, spells)
    for spell in spells:
        yield _tenure(spell, group[0].relation, group[0].holding)


def _tenure(spell: _Spell, relation: str, holding: str) -> Tenure:
    """A finished spell: bounds met statement by statement, contradictions left out.

    Reports of a current holder are met first, in date order, then the former and elect
    ones: that someone was seen in office outweighs a word that they had left.
    """
    statements = sorted(spell.statements, key=lambda s: (s.day, s.iri))
    bounds = spell.limits
    for statement in sorted(statements, key=lambda s: (not s.in_office, s.day, s.iri)):
        met = bounds.meet(statement.bounds)
        if met.consistent():
            bounds = met
    return Tenure(spell.person, relation, holding, bounds, statements[0].day, statements[-1].day,
                  tuple(s.iri for s in statements))


def derive(store) -> list[Tenure]:
    """Every tenure the store's statements support."""
    statements = timed_statements(store)
    return merge(statements, labels_of(store, {s.holding for s in statements}))


def refresh(store) -> int:
    """Rewrite the derived tenures graph from the store's statements; the number of tenures.

    With no tenure at all the graph is removed, so an empty store stays empty.
    """
    tenures = derive(store)
    if tenures:
        store.replace_graph(TENURES_GRAPH, tenures_ntriples(tenures, labels_of(store, _entities(tenures))))
    else:
        store.remove_graph(TENURES_GRAPH)
    return len(tenures)


def _entities(tenures: list[Tenure]) -> set[str]:
    return {iri for tenure in tenures for iri in (tenure.person, tenure.holding)}
