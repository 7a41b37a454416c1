"""The tenure tables (data/knowledge/) and what the extractor reads from them."""
from __future__ import annotations

import json
import runpy
from collections import defaultdict
from pathlib import Path
from datetime import date

import pytest

from graph.extract.gazetteer import DATA_DIR, load_gazetteer, tenures_of
from graph.extract.knowledge import KNOWLEDGE_DIR, LEADER, Tenure, load_people, parse_day, tenure_at

TABLES = sorted(KNOWLEDGE_DIR.glob("tenures-*.jsonl"))
#: Offices several people hold at once by design (collective or rotating heads).
#: (Andorra's co-princes, one of them France's president ex officio, are left out of the
#: tables: that line would make every French president a head of state of Andorra.)
SHARED_HEADS = {("President", "Bosnia and Herzegovina"), ("Head of State", "San Marino"), ("President", "Switzerland")}
#: Tolerance for overlap between successive holders: tables round some handovers to the month.
OVERLAP_DAYS = 62


def _labels(name: str) -> set[str]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return {json.loads(line)["label"] for line in handle if line.strip()}


def _rows():
    for path in TABLES:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield f"{path.name}:{number}", json.loads(line)


def test_there_are_tables_with_many_people():
    assert TABLES, "no data/knowledge/tenures-*.jsonl"
    assert len(load_people()) >= 1000


def test_every_line_uses_gazetteer_labels_and_valid_dates():
    titles = _labels("offices.jsonl")
    places = _labels("countries.jsonl") | _labels("organizations.jsonl")
    parties = _labels("parties.jsonl")
    problems = []
    for where, row in _rows():
        if row["title"] == LEADER:
            if row["of"] not in parties:
                problems.append(f"{where}: unknown party {row['of']!r}")
        elif row["title"] not in titles:
            problems.append(f"{where}: unknown title {row['title']!r}")
        elif row["of"] not in places:
            problems.append(f"{where}: unknown country or organisation {row['of']!r}")
        tenure = Tenure(row["person"], row["title"], row["of"], row["start"], row.get("end"))
        try:
            end = tenure.latest_end()
            if end is not None and end < tenure.earliest_start():
                problems.append(f"{where}: ends before it starts")
        except ValueError as error:
            problems.append(f"{where}: bad date ({error})")
        if any(not a.strip() or a.lower() in {t.lower() for t in titles} for a in row.get("aliases", ())):
            problems.append(f"{where}: an alias is empty or a title")
    assert not problems, "\n".join(problems[:30])


def test_one_wikidata_id_per_person_and_one_person_per_id():
    ids: dict[str, set[str]] = defaultdict(set)
    people: dict[str, set[str]] = defaultdict(set)
    for _, row in _rows():
        if row.get("wikidata"):
            assert str(row["wikidata"]).startswith("Q") and str(row["wikidata"])[1:].isdigit(), row
            ids[row["person"]].add(row["wikidata"])
            people[row["wikidata"]].add(row["person"])
    assert not {p: q for p, q in ids.items() if len(q) > 1}
    assert not {q: p for q, p in people.items() if len(p) > 1}


def test_heads_of_state_and_government_do_not_overlap():
    heads = {json.loads(line)["label"] for line in (DATA_DIR / "offices.jsonl").open(encoding="utf-8")
             if line.strip() and json.loads(line).get("kind") == "head"}
    by_office: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for person in load_people():
        for tenure in person.tenures:
            if tenure.title in heads and (tenure.title, tenure.of) not in SHARED_HEADS:
                by_office[(tenure.title, tenure.of)].append(tenure)
    clashes = []
    for office, tenures in by_office.items():
        tenures.sort(key=lambda t: t.earliest_start())
        for one, other in zip(tenures, tenures[1:]):
            end = one.latest_end() or date.max
            if one.person != other.person and (end - other.earliest_start()).days > OVERLAP_DAYS:
                clashes.append(f"{office}: {one.person} ({one.start}–{one.end}) and {other.person} ({other.start}–)")
    assert not clashes, "\n".join(clashes[:30])


# --- reading the tables -------------------------------------------------------------------

def test_partial_dates_are_read_generously():
    tenure = Tenure("A", "President", "France", "2004", "2006-05")
    assert tenure.covers(date(2004, 1, 1)) and tenure.covers(date(2006, 5, 31))
    assert not tenure.covers(date(2006, 6, 1))
    assert not tenure.ended_before(date(2006, 7, 1))  # within the handover grace
    assert tenure.ended_before(date(2006, 9, 1))
    assert Tenure("B", "President", "France", "2010").covers(date(2030, 1, 1))


def test_the_nearest_tenure_is_the_one_a_dated_mention_means():
    first = Tenure("A", "Prime Minister", "Italy", "1994-05-10", "1995-01-17")
    second = Tenure("A", "Prime Minister", "Italy", "2001-06-11", "2006-05-17")
    minister = Tenure("A", "Minister of Foreign Affairs", "Italy", "2002-01-06", "2002-11-14")
    assert tenure_at([first, minister, second], date(1996, 1, 1), titles={"Prime Minister"}) == first
    assert tenure_at([first, minister, second], date(2008, 1, 1), titles={"Prime Minister"}) == second
    assert tenure_at([first, second], None) == second
    assert tenure_at([minister], date(2002, 3, 1), titles={"President"}) is None
    assert parse_day("2005-13-40") is None and parse_day(None) is None


def test_a_malformed_line_names_its_file_and_line(tmp_path):
    table = tmp_path / "tenures-bad.jsonl"
    table.write_text('{"person": "A B", "title": "President", "of": "France", "start": "2001"}\n'
                     '{"person": "C D", "title": "President", "of": "France", "start": "2001-02-30"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"tenures-bad.jsonl:2: not a tenure record"):
        load_people([table])


def _table(tmp_path, *rows: dict):
    table = tmp_path / "tenures-test.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return load_gazetteer(knowledge=[table])


def test_a_shared_name_means_the_person_in_office_at_the_date(tmp_path):
    gazetteer = _table(tmp_path,
                       {"person": "Ana Okafor", "aliases": ["Okafor", "A. Okafor"], "title": "President", "of": "Ghana", "start": "1990", "end": "1994"},
                       {"person": "Bea Okafor", "aliases": ["Okafor", "A. Okafor"], "title": "President", "of": "Ghana", "start": "2001", "end": "2005"})
    assert gazetteer.person_named("A. Okafor", "1992-03-01").label == "Ana Okafor"
    assert gazetteer.person_named("A. Okafor", "2009-03-01").label == "Bea Okafor"


def test_a_surname_alone_needs_the_country_or_the_title(tmp_path):
    gazetteer = _table(tmp_path, {"person": "Ana Okafor", "aliases": ["Okafor"], "title": "President", "of": "Ghana",
                                  "start": "2001", "end": "2005"})
    ghana, president = "country/ghana", "title/president"
    assert gazetteer.holder_named("Okafor", "2003-01-01", {ghana}, set()).label == "Ana Okafor"
    assert gazetteer.holder_named("Okafor", "2003-01-01", set(), {president}).label == "Ana Okafor"
    assert gazetteer.holder_named("Okafor", "2003-01-01", {"country/peru"}, set()) is None
    assert gazetteer.holder_named("Okafor", "2012-01-01", {ghana}, {president}) is None  # not in office then
    assert gazetteer.holder_named("Okafor", None, {ghana}, {president}) is None


def test_office_place_and_ended_tenures(tmp_path):
    gazetteer = _table(tmp_path, {"person": "Ana Okafor", "title": "President", "of": "Ghana", "start": "2001", "end": "2005-01"})
    president = gazetteer.lookup("OfficeTitle", "President")[0]
    prime_minister = gazetteer.lookup("OfficeTitle", "Prime Minister")[0]
    person = gazetteer.lookup("Person", "Ana Okafor")[0]
    assert [t.of for t in tenures_of(person)] == ["Ghana"] and person.country == "country/ghana"
    assert gazetteer.office_place(person.key, president, "2009-01-01").key == "country/ghana"
    assert gazetteer.office_place(person.key, prime_minister, "2003-01-01") is None
    assert gazetteer.tenure_ended(person.key, president, "country/ghana", "2009-01-01")
    assert not gazetteer.tenure_ended(person.key, president, "country/ghana", "2004-06-01")
    assert not gazetteer.tenure_ended(person.key, president, "country/peru", "2009-01-01")


# --- what extraction takes from the tables (real leaders: facts, not kit text) -----------

def test_a_bare_title_takes_the_country_the_holder_served(extract_text):
    result = extract_text("President Georges Pompidou spoke to farmers on Tuesday.", date="1972-03-01")
    fact = result.fact("Georges Pompidou", "holdsOffice", "President of France")
    assert fact is not None and fact.status == "current"


def test_a_title_long_after_the_tenure_is_a_past_holder(extract_text):
    result = extract_text("President Nelson Mandela spoke to students on Tuesday.", date="2008-03-01")
    assert result.fact("Nelson Mandela", "holdsOffice", "President of South Africa").status == "former"


def test_a_surname_under_a_title_is_the_holder_at_the_date(extract_text):
    result = extract_text("President Fox spoke to farmers in Puebla on Tuesday.", date="2003-05-01")
    assert result.pairs("holdsOffice") == {("Vicente Fox", "President of Mexico")}


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        pytest.param("Saudi King Abdullah opened the session on Monday.", "Abdullah of Saudi Arabia",
                     "King of Saudi Arabia", id="demonym"),
        pytest.param("Jordan's King Abdullah opened the session on Monday.", "Abdullah II of Jordan", "King of Jordan",
                     id="possessive"),
        pytest.param("King Abdullah of Saudi Arabia opened the session on Monday.", "Abdullah of Saudi Arabia",
                     "King of Saudi Arabia", id="of-country"),
    ],
)
def test_a_title_and_name_two_monarchs_share_is_the_one_of_the_country_beside_it(extract_text, text, person, office):
    result = extract_text(text, date="2008-05-01")
    assert result.pairs("holdsOffice") == {(person, office)}


def test_the_tables_never_add_a_fact_the_text_does_not_state(extract_text):
    result = extract_text("Georges Pompidou spoke to farmers on Tuesday.", date="1972-03-01")
    assert [e.label for e in result.of_type("Person")] == ["Georges Pompidou"]
    assert result.facts == ()


@pytest.mark.parametrize(
    ("text", "office"),
    [
        pytest.param("The Spanish leader José Luis Rodríguez Zapatero opened a rail line on Monday.",
                     "Prime Minister of Spain", id="demonym-leader"),
        pytest.param("Fidel Castro, the Cuban leader, spoke for hours.", "President of Cuba", id="apposition"),
        pytest.param("The nation's leader Yoweri Museveni opened the session.", "President of Uganda",
                     id="no-country-word"),
    ],
)
def test_leader_is_the_head_office_the_tables_give_at_the_date(extract_text, text, office):
    result = extract_text(text, date="2006-05-01")
    assert {o for _, o in result.pairs("holdsOffice")} == {office}
    assert {f.extractor for f in result.facts if f.relation == "holdsOffice"} == {"rules/office.country_leader"}


def test_a_leader_the_tables_do_not_list_as_a_head_gets_no_office(extract_text):
    assert extract_text("The opposition leader Gennady Zyuganov spoke in Moscow.", date="2006-05-01").pairs("holdsOffice") == set()


def test_a_head_office_the_tables_give_to_someone_else_is_not_stated(extract_text):
    """A state premier read as the country's prime minister: the tables know who was."""
    result = extract_text("Australian Premier Ana Rojas opened the new hospital on Tuesday.", date="2006-05-01")
    assert result.pairs("holdsOffice") == set()
    result = extract_text("Australian Prime Minister Paul Keating opened the new hospital on Tuesday.", date="1994-05-01")
    assert result.pairs("holdsOffice") == {("Paul Keating", "Prime Minister of Australia")}


def test_a_holder_after_the_tables_last_update_is_not_contradicted(extract_text):
    """The tables' current holder has no end yet: a new one they do not know may be news."""
    result = extract_text("Australian Prime Minister Ana Rojas opened the new hospital on Tuesday.", date="2031-05-01")
    assert result.pairs("holdsOffice") == {("Ana Rojas", "Prime Minister of Australia")}


def test_a_title_before_the_tenure_begins_is_not_stated(extract_text):
    """A candidate called by the office they will win, in a story dated before they took it."""
    result = extract_text("Voters cheered President Bill Clinton at a rally in Ohio.", date="1992-06-01")
    assert result.pairs("holdsOffice") == set()


def test_a_sitting_head_holds_no_office_of_another_country(extract_text):
    result = extract_text("Bill Clinton, the Vice President of Zambia, spoke in Lusaka on Monday.", date="1996-05-01")
    assert ("Bill Clinton", "Vice President of Zambia") not in result.pairs("holdsOffice")


def test_gazetteer_files_pass_their_checker():
    """The hand-written gazetteer (regions included, per kind) has no broken line, stray
    type or name claimed twice: what `scripts/check_gazetteer.py` reports."""
    checker = runpy.run_path(str(Path(__file__).resolve().parent.parent / "scripts" / "check_gazetteer.py"))
    assert checker["check"](DATA_DIR) == []


def test_the_checker_reports_a_broken_summit_calendar(tmp_path):
    checker = runpy.run_path(str(Path(__file__).resolve().parent.parent / "scripts" / "check_gazetteer.py"))
    (tmp_path / "summits.jsonl").write_text(
        '{"type": "SummitSeries", "label": "Ruritania Forum", "aliases": [], '
        '"held": [{"year": 2009, "places": ["Strelsau"]}, {"year": 2005, "places": []}]}\n', encoding="utf-8")
    problems = checker["check"](tmp_path)
    assert any("places must be a list" in p for p in problems)
    assert any("years out of order" in p for p in problems)


def test_a_monarch_is_known_without_the_regnal_number_or_realm():
    people = {p.label: p for p in load_people()}
    assert "Harald" in people["Harald V"].aliases
    assert {"Mohammed", "Mohammed VI"} <= set(people["Mohammed VI of Morocco"].aliases)


def test_a_monarch_named_without_the_number_takes_the_realm_from_the_tables(extract_by_rules):
    result = extract_by_rules("King Harald opened the new session of parliament on Monday.", date="2006-10-02")
    assert ("Harald V", "King of Norway") in result.pairs("holdsOffice")


def test_a_government_named_for_a_leader_not_yet_in_office_is_an_elect_s(extract_text):
    result = extract_text("Spanish Prime Minister José María Aznar conceded defeat, and reporters asked who would sit "
                          "in José Luis Rodríguez Zapatero's cabinet.", date="2004-03-16")
    assert result.fact("José Luis Rodríguez Zapatero", "holdsOffice", "Prime Minister of Spain").status == "elect"
