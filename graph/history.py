"""Who held what when: holders of an office on a date, an entity's timeline, and a fact's
status at a date, all read from the derived tenures graph (see graph/tenures.py).

Each answer carries its evidence (the statements a tenure rests on, with their articles),
so a reader can check it. `kg holders`, `kg timeline`, `kg facts --as-of` and the entity
pages are thin layers over these functions.

A tenure covers a date by evidence when it had certainly begun by then and certainly
not ended (start_before <= date <= end_after), and by its bounds when its bounds allow
the date but no report pins it (between the last report and the successor's first, say),
within a year of what reports place (so an open start reaches back at most a year
before the first report, and an open end at most a year after the last). A tenure known
only from reports that it had ended ("former X") covers no date by its bounds: they say
when it was over, not when it held.

In an office one person holds at a time, a date no report pins goes to the holder
reported nearest it, and a gap between two holders' reports is theirs to share however
long it is (no fixed window: the reports of rivals bound it). Each answer says on what
basis it stands: the reports around the date, or the two the date lies between.
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, replace
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from graph import read
from graph.model import Bounds, fold
from graph.tenures import one_holder
from graph.timebounds import departure_announced

#: Pieces of evidence shown per tenure.
EVIDENCE_SHOWN = 3
#: How far from its reports a tenure's bounds alone may place it.
HORIZON_DAYS = 365


@dataclass(frozen=True)
class Evidence:
    """One statement a tenure rests on, and the article that makes it."""

    statement: str
    article: str  # the article's key
    title: str | None
    date: str | None
    status: str | None
    sentence: str

    def as_json(self) -> dict:
        return {"article": self.article, "title": self.title, "date": self.date, "status": self.status,
                "sentence": self.sentence}


@dataclass(frozen=True)
class TenureView:
    """A tenure as the commands show it: names, bounds, evidence dates and some evidence."""

    iri: str
    person: str
    person_label: str
    relation: str
    holding: str
    holding_label: str
    bounds: Bounds
    first_evidence: str
    last_evidence: str
    statements: tuple[str, ...]  # the IRIs of the statements it rests on
    evidence: tuple[Evidence, ...] = ()  # some of them, with their articles
    basis: str | None = None  # why `holders` places it on the date asked about

    @property
    def support(self) -> int:
        """How many statements it rests on."""
        return len(self.statements)

    @property
    def start(self) -> str | None:
        """The date by which it had certainly begun (its start's upper bound)."""
        return self.bounds.start_before

    @property
    def end(self) -> str | None:
        """The date by which it had certainly ended; None while it may still run."""
        return self.bounds.end_before

    @property
    def ended(self) -> bool:
        return self.bounds.end_before is not None

    @property
    def placed(self) -> bool:
        """Whether some report places it in office (or elected to it), not only out of it."""
        return self.bounds.end_after is not None or self.bounds.start_after is not None

    @property
    def last_reported(self) -> str:
        """The last day reports place it in office (or, never seen in office, its first evidence)."""
        return self.bounds.end_after or self.bounds.start_before or self.first_evidence

    def coverage(self, day: str, *, gap_closed: bool = False) -> str | None:
        """"evidence" if reports place it on this day, "bounds" if only its bounds allow it, else None.

        Bounds alone reach at most `HORIZON_DAYS` from its reports, unless `gap_closed`
        (someone else is reported in the office on the far side of the day)."""
        bounds = self.bounds
        if bounds.start_before and bounds.end_after and bounds.start_before <= day <= bounds.end_after:
            return "evidence"
        if (self.placed and (bounds.start_after is None or bounds.start_after <= day)
                and (bounds.end_before is None or day <= bounds.end_before) and (gap_closed or self._near(day))):
            return "bounds"
        return None

    def _near(self, day: str) -> bool:
        """Whether the date is within `HORIZON_DAYS` of what reports place: bounds alone do
        not carry a tenure years away from its evidence."""
        return _distance(self, day) <= HORIZON_DAYS

    def as_json(self) -> dict:
        return {"person": self.person_label, "person_id": self.person, "relation": self.relation,
                "holding": self.holding_label, "holding_id": self.holding, "start": self.start, "end": self.end,
                "bounds": self.bounds.as_dict(), "first_evidence": self.first_evidence,
                "last_evidence": self.last_evidence, "support": self.support,
                "evidence": [e.as_json() for e in self.evidence]} | ({"basis": self.basis} if self.basis else {})


class UnknownName(ValueError):
    """No person, office or party of the tenures has this name."""


# --- names ----------------------------------------------------------------------------


def resolve(store, name: str) -> tuple[str, str]:
    """(IRI, label) of the person, office or party of the tenures named so: by key, IRI,
    label or folded label. Ambiguous and unknown names raise UnknownName with the candidates."""
    exact_label = read.with_literals(read.query_text("tenure-names"), "label", [name.strip()])
    known = {row["e"].value: row["label"].value for row in store.query(exact_label)}
    if len(known) != 1:  # not one exact label: look among all names, folded
        known = {row["e"].value: row["label"].value for row in store.query(read.query_text("tenure-names"))}
    exact = [iri for iri in known if iri == name or read.key_of(iri) == name]
    matches = exact or sorted(iri for iri, label in known.items() if fold(label) == fold(name))
    if len(matches) == 1:
        return matches[0], known[matches[0]]
    if matches:
        raise UnknownName(f"{name!r} is ambiguous: " + "; ".join(f"{known[m]} ({read.key_of(m)})" for m in matches))
    close = difflib.get_close_matches(name, sorted(set(known.values())), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownName(f"no person, office or party with a tenure is named {name!r}{hint}")


# --- tenures ----------------------------------------------------------------------------


def tenures(store, *, holding: str | None = None, person: str | None = None, near: str | None = None,
            evidence: int = EVIDENCE_SHOWN) -> list[TenureView]:
    """The tenures of one office or party, or of one person, in order of start, each with
    up to `evidence` supporting statements (those nearest the date `near`, else the earliest
    and latest)."""
    return with_evidence(store, tenure_views(store, holding=holding, person=person), near=near, limit=evidence)


def tenure_views(store, *, holding: str | None = None, person: str | None = None) -> list[TenureView]:
    """The tenures of one office or party, or of one person, without their evidence (fast)."""
    variable, iri = ("o", holding) if holding is not None else ("p", person)
    rows = list(store.query(read.with_values(read.query_text("tenures"), variable, [iri])))
    labels = read.labels_of(store, {row[v].value for row in rows for v in ("p", "o")})
    support = _support(store, [row["t"].value for row in rows])
    found = [_view(row, labels, tuple(support.get(row["t"].value, ())), ()) for row in rows]
    return sorted(found, key=lambda t: (t.relation, t.bounds.start_before or t.first_evidence, t.person_label))


def with_evidence(store, found: list[TenureView], *, near: str | None = None,
                  limit: int = EVIDENCE_SHOWN) -> list[TenureView]:
    """The tenures with up to `limit` pieces of evidence each, read for these tenures only."""
    shown = evidence_of(store, {f for t in found for f in t.statements})
    return [replace(t, evidence=_choose([shown[f] for f in t.statements if f in shown], near, limit)) for t in found]


def _view(row, labels: dict[str, str], statements: tuple[str, ...], evidence: tuple[Evidence, ...]) -> TenureView:
    """A row of tenures.rq as a TenureView."""
    bounds = Bounds(*(row[v].value if row[v] is not None else None for v in ("sa", "sb", "ea", "eb")))
    person, holding = row["p"].value, row["o"].value
    return TenureView(row["t"].value, person, labels.get(person, person), read.local_name(row["rel"].value), holding,
                      labels.get(holding, holding), bounds, row["first"].value, row["last"].value, statements,
                      evidence)


def _support(store, tenure_iris: list[str]) -> dict[str, list[str]]:
    """Tenure IRI → the IRIs of the statements it rests on."""
    if not tenure_iris:
        return {}
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.query(read.with_values(read.query_text("tenure-support"), "t", tenure_iris)):
        found[row["t"].value].append(row["f"].value)
    return found


def _choose(statements: list[Evidence], near: str | None, limit: int) -> tuple[Evidence, ...]:
    """At most `limit` pieces of evidence, in date order: those nearest the date `near`, else
    the earliest, the latest and ones evenly between (the rest are counted, not shown)."""
    ordered = sorted(statements, key=lambda e: (e.date or "", e.article, e.statement))
    if len(ordered) <= limit:
        return tuple(ordered)
    if near is not None:
        target = date.fromisoformat(near)
        nearest = sorted(ordered, key=lambda e: abs((date.fromisoformat(e.date) - target).days) if e.date else 10**6)
        return tuple(e for e in ordered if e in nearest[:limit])
    step = (len(ordered) - 1) / (limit - 1)
    return tuple(ordered[round(i * step)] for i in range(limit))


def evidence_of(store, statements: set[str]) -> dict[str, Evidence]:
    """Statement IRI → its evidence, with its article's key, headline and date."""
    if not statements:
        return {}
    rows = store.query(read.with_values(read.query_text("evidence"), "f", sorted(statements)))
    return {row["f"].value: Evidence(row["f"].value, row["key"].value, _text(row["title"]), _text(row["date"]),
                                     _text(row["status"]), row["text"].value) for row in rows}


def _text(term) -> str | None:
    return None if term is None else term.value


# --- questions ------------------------------------------------------------------------


def holders(store, office: str, at: str) -> list[TenureView]:
    """Who held the office (or led the party) on the date `at` (YYYY-MM-DD), each with the
    basis of the answer and the evidence nearest the date.

    Of an office one person holds at a time, one answer (several only when reports
    contradict each other), see `one_holder_on`. Of other offices, every tenure reports
    place on that day, then those whose bounds allow it, nearest first.
    """
    iri, label = resolve(store, office)
    spells = [t for t in tenure_views(store, holding=iri) if t.relation != "memberOf"]
    if spells and one_holder(spells[0].relation, label):
        chosen = one_holder_on(spells, at, departing=lambda tenure: departure_of(store, tenure))
    else:
        covering = [(how, t) for t in spells if (how := t.coverage(at)) is not None]
        chosen = [replace(t, basis=_basis(t, at, None)) for _, t in
                  sorted(covering, key=lambda c: (c[0] != "evidence", _distance(c[1], at), c[1].person_label))]
    return with_evidence(store, chosen, near=at)


def departure_of(store, tenure: TenureView) -> str | None:
    """The first day a report of the tenure says its holder is to leave without saying when
    ("X is to resign", "X announced his intention to resign"), if any (`timebounds.departure_announced`)."""
    shown = evidence_of(store, set(tenure.statements))
    return min((e.date for e in shown.values() if e.date and e.status in {None, "current", "acting"}
                and departure_announced(e.sentence, tenure.person)), default=None)


def one_holder_on(spells: list[TenureView], day: str,
                  departing: Callable[[TenureView], str | None] | None = None) -> list[TenureView]:
    """The holder of a one-holder office on a date, from its tenures.

    The tenures reports place on that day (more than one is a conflict, and all are
    shown); else, of those whose bounds allow the day, the one reported nearest it. Bounds
    reach further than `HORIZON_DAYS` across a gap both of whose sides are reported: from a
    holder's last report up to the next holder's first (and back from a holder's first to
    the previous one's last), which of the two held the office is a question of distance,
    however long the gap. Each answer gets its `basis`.

    Except where the holder last reported before the gap had announced their departure
    without a date ("is to resign"; `departing` tells, reading the tenure's reports): news
    does not keep naming a holder who is leaving, so their silence and the next holder's
    first report place the change at the start of the gap, and the next holder answers.
    """
    reported = [t for t in spells if t.coverage(day) == "evidence"]
    if reported:
        return [replace(t, basis=_basis(t, day, None)) for t in reported]
    possible = []
    for tenure in spells:
        others = [t for t in spells if t.person != tenure.person and t.placed]
        if tenure.last_reported < day:  # the day is after its reports: who is seen next?
            neighbour = min((_begins(t) for t in others if _begins(t) > day), default=None)
        else:  # before them: who was seen last?
            previous = [t for t in others if t.bounds.end_after and t.bounds.end_after < day]
            neighbour = max((t.bounds.end_after for t in previous), default=None)
            ended = max((t.bounds.end_before for t in previous if t.bounds.end_after == neighbour
                         and t.bounds.end_before and t.bounds.end_before < day), default=None)
            if ended is not None:  # the text ended the previous holder's tenure before the day
                neighbour = f"{neighbour}, its tenure over by {ended}"
        if tenure.coverage(day, gap_closed=neighbour is not None) is not None:
            possible.append((tenure, neighbour))
    if not possible:
        return []
    chosen, neighbour = min(possible, key=lambda c: (_distance(c[0], day), c[0].person_label))
    if chosen.last_reported < day and neighbour is not None and departing is not None:
        later = [c for c in possible if c[0].person != chosen.person and _begins(c[0]) > day]
        announced = departing(chosen) if later else None
        if announced is not None:
            successor, previous = min(later, key=lambda c: (_begins(c[0]), c[0].person_label))
            basis = _basis(successor, day, previous) + f", who had announced a departure on {announced}"
            return [replace(successor, basis=basis)]
    return [replace(chosen, basis=_basis(chosen, day, neighbour))]


def _begins(tenure: TenureView) -> str:
    """When it is seen begun: the date it had begun by, else (elected, not yet seen in
    office) the date it began after."""
    return tenure.bounds.start_before or tenure.bounds.start_after or tenure.first_evidence


def _basis(tenure: TenureView, day: str, neighbour: str | None) -> str:
    """Why the tenure is an answer for the day: reports on both sides of it, or the reports
    the day lies between (its own last and the next holder's first, say)."""
    bounds = tenure.bounds
    if tenure.coverage(day) == "evidence":
        if bounds.start_before == bounds.end_after:
            return f"reported in office on {bounds.start_before}"
        return f"reported in office by {bounds.start_before} and still on {bounds.end_after}"
    if tenure.start is None:
        return f"inferred: to take office after {bounds.start_after}, not yet reported in office"
    if tenure.last_reported < day:
        later = f"the next holder first reported on {neighbour}" if neighbour else f"within {HORIZON_DAYS} days of it"
        return f"inferred: last reported in office on {tenure.last_reported}; {later}"
    earlier = f"the previous holder last reported on {neighbour}" if neighbour else f"within {HORIZON_DAYS} days of it"
    return f"inferred: first reported in office on {tenure.start}; {earlier}"


def _distance(tenure: TenureView, day: str) -> int:
    """Days from the date to the span reports place the tenure in (0 within it)."""
    target = date.fromisoformat(day)
    first = tenure.bounds.start_before or tenure.first_evidence
    ends = sorted(date.fromisoformat(d) for d in (first, tenure.bounds.end_after or first))
    return max((ends[0] - target).days, (target - ends[1]).days, 0)


def timeline(store, entity: str) -> tuple[str, str, list[TenureView]]:
    """(IRI, label, tenures) of a person (their offices and parties) or of an office or
    party (its holders or members), in order of start."""
    iri, label = resolve(store, entity)
    own = tenures(store, person=iri)
    return iri, label, own or tenures(store, holding=iri)


def status_at(spells: list[TenureView], day: str) -> str:
    """A fact's status on a date from its tenures: current (reports place it there), possibly
    current (only its bounds allow it), former (a tenure had ended by then), not yet (every
    tenure begins later), or unknown."""
    coverage = {t.coverage(day) for t in spells}
    if "evidence" in coverage:
        return "current"
    if "bounds" in coverage:
        return "possibly current"
    if any(t.end is not None and t.end <= day for t in spells):
        return "former"
    if spells and all((t.bounds.start_after or t.first_evidence) > day for t in spells):
        return "not yet"
    return "unknown"


# --- text ---------------------------------------------------------------------------------


def format_span(tenure: TenureView) -> str:
    """"≤2005-11-22 → 2009-10-28..2009-11-02": the start and end as known; a range where the
    bounds are loose, ≤ or ≥ where only one is known."""
    def side(low: str | None, high: str | None, open_text: str) -> str:
        if low is None and high is None:
            return open_text
        if low is None or high is None:
            return f"≥{low}" if high is None else f"≤{high}"
        return low if low == high else f"{low}..{high}"

    bounds = tenure.bounds
    end = side(bounds.end_after, bounds.end_before, "?") if tenure.ended else f"after {bounds.end_after or '?'}"
    return f"{side(bounds.start_after, bounds.start_before, '?')} → {end}"


def format_tenures(found: list[TenureView], *, title: str, show_person: bool = True) -> str:
    """The tenures as indented text: one line each, then its evidence."""
    lines = [title]
    for tenure in found:
        who = tenure.person_label if show_person else f"{tenure.relation} {tenure.holding_label}"
        lines.append(f"  {who}  [{format_span(tenure)}]  ({tenure.support} statement(s), "
                     f"{tenure.first_evidence}..{tenure.last_evidence})")
        if tenure.basis:
            lines.append(f"      basis: {tenure.basis}")
        lines += [f"      {e.date or '?'} {e.status or '-'}: “{_short(e.sentence)}” — {e.article}" for e in tenure.evidence]
    return "\n".join(lines)


def _short(sentence: str, width: int = 110) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --- facts at a date ------------------------------------------------------------------------


def fact_statuses(store, day: str) -> dict[tuple[str, str, str], str]:
    """(subject IRI, relation, object IRI) → the status of that fact on the date, from its tenures."""
    spells: dict[tuple[str, str, str], list[TenureView]] = defaultdict(list)
    for row in store.query(read.query_text("tenures")):
        view = _view(row, {}, (), ())
        spells[view.person, view.relation, view.holding].append(view)
    return {fact: status_at(views, day) for fact, views in spells.items()}


def with_status_as_of(rows: Iterable[dict], statuses: dict[tuple[str, str, str], str], day: str) -> Iterator[dict]:
    """Facts-contract rows with `as_of` and `status_as_of` added to every timed fact."""
    for row in rows:
        fact = (row.get("subject_id"), row.get("relation"), row.get("object_id"))
        if row.get("kind") == "fact" and fact in statuses:
            row = {**row, "as_of": day, "status_as_of": statuses[fact]}
        yield row
