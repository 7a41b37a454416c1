"""Scores `kg holders --at` on a built corpus store against the real holders of offices
that changed hands in 2004-2009: for each change, a date a month before and a month after.

    python scripts/eval_holders.py STORE [--markdown]

The changes below are public facts (who held which office from which date). A query is
right when `holders` returns exactly the real holder. Prints one row per query (with the
basis `holders` gives for its answer), the accuracy (overall, and by basis: reported,
inferred, or no answer), and the latency of `holders` (warm, in this process). A wrong
answer is put down to a cause (see `cause`): the store never reports the real holder in
that office, reports others on both sides of the date, leaves the change in a gap between
two holders' reports, or reports the real holder on both sides (the merging is wrong).
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import date, timedelta

from graph.history import UnknownName, holders, resolve, tenure_views
from graph.model import fold
from graph.store import Store

#: (office, date of the change, holder before, holder after).
CHANGES = [
    ("Prime Minister of the United Kingdom", "2007-06-27", "Tony Blair", "Gordon Brown"),
    ("Prime Minister of Japan", "2006-09-26", "Junichiro Koizumi", "Shinzo Abe"),
    ("Prime Minister of Japan", "2007-09-26", "Shinzo Abe", "Yasuo Fukuda"),
    ("Prime Minister of Japan", "2008-09-24", "Yasuo Fukuda", "Taro Aso"),
    ("Prime Minister of Japan", "2009-09-16", "Taro Aso", "Yukio Hatoyama"),
    ("Chancellor of Germany", "2005-11-22", "Gerhard Schröder", "Angela Merkel"),
    ("President of France", "2007-05-16", "Jacques Chirac", "Nicolas Sarkozy"),
    ("Prime Minister of France", "2005-05-31", "Jean-Pierre Raffarin", "Dominique de Villepin"),
    ("Prime Minister of France", "2007-05-17", "Dominique de Villepin", "François Fillon"),
    ("Prime Minister of Australia", "2007-12-03", "John Howard", "Kevin Rudd"),
    ("Prime Minister of Canada", "2006-02-06", "Paul Martin", "Stephen Harper"),
    ("Prime Minister of Italy", "2006-05-17", "Silvio Berlusconi", "Romano Prodi"),
    ("Prime Minister of Italy", "2008-05-08", "Romano Prodi", "Silvio Berlusconi"),
    ("Prime Minister of Israel", "2006-01-04", "Ariel Sharon", "Ehud Olmert"),
    ("Prime Minister of Israel", "2009-03-31", "Ehud Olmert", "Benjamin Netanyahu"),
    ("President of Russia", "2008-05-07", "Vladimir Putin", "Dmitry Medvedev"),
    ("Prime Minister of Russia", "2007-09-14", "Mikhail Fradkov", "Viktor Zubkov"),
    ("President of the United States", "2009-01-20", "George W. Bush", "Barack Obama"),
    ("President of South Korea", "2008-02-25", "Roh Moo-hyun", "Lee Myung-bak"),
    ("President of Taiwan", "2008-05-20", "Chen Shui-bian", "Ma Ying-jeou"),
    ("Prime Minister of Spain", "2004-04-17", "José María Aznar", "José Luis Rodríguez Zapatero"),
    ("Prime Minister of India", "2004-05-22", "Atal Bihari Vajpayee", "Manmohan Singh"),
    ("President of India", "2007-07-25", "A. P. J. Abdul Kalam", "Pratibha Patil"),
    ("President of Pakistan", "2008-08-18", "Pervez Musharraf", "Asif Ali Zardari"),
    ("Prime Minister of Pakistan", "2008-03-25", "Muhammad Mian Soomro", "Yusuf Raza Gilani"),
    ("President of Ukraine", "2005-01-23", "Leonid Kuchma", "Viktor Yushchenko"),
    ("Prime Minister of Ukraine", "2007-12-18", "Viktor Yanukovych", "Yulia Tymoshenko"),
    ("President of Poland", "2005-12-23", "Aleksander Kwaśniewski", "Lech Kaczyński"),
    ("Prime Minister of Poland", "2007-11-16", "Jarosław Kaczyński", "Donald Tusk"),
    ("Prime Minister of Thailand", "2008-01-29", "Surayud Chulanont", "Samak Sundaravej"),
    ("Prime Minister of Thailand", "2008-12-17", "Somchai Wongsawat", "Abhisit Vejjajiva"),
    ("Prime Minister of New Zealand", "2008-11-19", "Helen Clark", "John Key"),
    ("President of Iran", "2005-08-03", "Mohammad Khatami", "Mahmoud Ahmadinejad"),
    ("President of Mexico", "2006-12-01", "Vicente Fox", "Felipe Calderón"),
    ("President of Turkey", "2007-08-28", "Ahmet Necdet Sezer", "Abdullah Gül"),
    ("President of Nigeria", "2007-05-29", "Olusegun Obasanjo", "Umaru Musa Yar'Adua"),
    ("President of South Africa", "2008-09-25", "Thabo Mbeki", "Kgalema Motlanthe"),
    ("President of Indonesia", "2004-10-20", "Megawati Sukarnoputri", "Susilo Bambang Yudhoyono"),
    ("President of Chile", "2006-03-11", "Ricardo Lagos", "Michelle Bachelet"),
    ("President of Argentina", "2007-12-10", "Néstor Kirchner", "Cristina Fernández de Kirchner"),
    ("President of Peru", "2006-07-28", "Alejandro Toledo", "Alan García"),
    ("Secretary-General of the United Nations", "2007-01-01", "Kofi Annan", "Ban Ki-moon"),
]
MONTH = timedelta(days=30)


def queries() -> list[tuple[str, str, str]]:
    """(office, date, real holder): a month before and a month after each change."""
    found = []
    for office, changed, before, after in CHANGES:
        day = date.fromisoformat(changed)
        found += [(office, (day - MONTH).isoformat(), before), (office, (day + MONTH).isoformat(), after)]
    return found


def cause(store, office: str, day: str, real: str) -> str:
    """Why an answer is wrong, as far as the store's reports of people in office tell: the
    real holder is never reported in office; the reports nearest the date on either side are
    both of someone else; the date falls in a gap between the last report of one holder and
    the first of the next (which of the two held it the reports cannot tell); or the reports
    on both sides are of the real holder, so the merging is to blame."""
    try:
        spells = [t for t in tenure_views(store, holding=resolve(store, office)[0]) if t.bounds.end_after]
    except UnknownName:
        return "no: office not in the store"
    if not any(fold(t.person_label) == fold(real) for t in spells):
        return "no: no report of the real holder in office"
    before = max(((min(t.bounds.end_after, day), t.person_label) for t in spells if t.bounds.start_before <= day),
                 default=None)
    after = min(((max(t.bounds.start_before, day), t.person_label) for t in spells if t.bounds.end_after >= day),
                default=None)
    sides = [side for side in (before, after) if side is not None]
    right = [fold(name) == fold(real) for _, name in sides]
    if all(right):
        return "no: merging"
    if not any(right):
        return "no: reports around the date are of others"
    return "no: gap between reports of " + " and ".join(f"{name} ({d})" for d, name in sides)


def main(store_dir: str, markdown: bool) -> None:
    rows, right, latencies = [], 0, []
    by_basis: Counter = Counter()  # (basis kind, right) → queries
    with Store(store_dir) as store:
        for office, day, real in queries():
            started = time.perf_counter()
            try:
                found = holders(store, office, day)
            except UnknownName as error:
                found, answer = [], [f"(office not found: {error})"]
            else:
                answer = [t.person_label for t in found]
            latencies.append(time.perf_counter() - started)
            ok = [fold(name) for name in answer] == [fold(real)]
            right += ok
            basis = "; ".join(t.basis or "" for t in found) or "-"
            by_basis[basis.split(":")[0].split(" ")[0] if found else "none", ok] += 1
            rows.append((office, day, real, ", ".join(answer) or "(none)", basis,
                         "yes" if ok else cause(store, office, day, real)))
    if markdown:
        print("| office | date | real holder | `kg holders --at` | basis | right |\n|---|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in rows:
            print("\t".join(row))
    latencies.sort()
    print(f"\naccuracy: {right}/{len(rows)} = {right / len(rows):.3f}")
    print("right, by basis of the answer: " + ", ".join(
        f"{kind} {by_basis[kind, True]}/{by_basis[kind, True] + by_basis[kind, False]}"
        for kind in ("reported", "inferred", "none")))
    causes = Counter(row[5][4:].split(" of ")[0] if row[5].startswith("no: gap") else row[5][4:]
                     for row in rows if row[5] != "yes")
    print("wrong, by cause: " + ", ".join(f"{c} {n}" for c, n in sorted(causes.items())))
    print(f"latency: median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
          f"max {latencies[-1] * 1000:.1f} ms over {len(latencies)} queries")


if __name__ == "__main__":
    main(sys.argv[1], "--markdown" in sys.argv[2:])
