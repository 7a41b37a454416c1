"""Tenures merged across articles, and who held an office when (graph.tenures, graph.history).

The articles are ours, dated across several years after the tenure tables end (2031), so
the extractor takes the fictional prime ministers from the text as it is.
"""
from __future__ import annotations

import itertools
import json
import time

import pytest
from click.testing import CliRunner

from graph import history, tenures
from graph.build import build, remove_article
from graph.cli import cli
from graph.model import Article, Bounds, Entity, Extraction, Fact
from graph.rdf import article_iri, extraction_ntriples
from graph.store import Store
from graph.tenures import TENURES_GRAPH, TimedStatement, merge

FINLAND = "Prime Minister of Finland"

#: Virtanen, then Laine (succession), then Virtanen again (a return); Virtanen is called
#: former in between; a closing time expression ends a Norwegian tenure. Tamm is called
#: former between two spells in office with nobody else seen (a return all the same);
#: Holm's death ends her tenure; two elects take office later, one on a day the text gives.
ARTICLES = [
    ("fi-2032-03", "2032-03-10", "Finnish Prime Minister Aino Virtanen presented the budget to parliament in Helsinki "
                                 "on Wednesday."),
    ("fi-2033-05", "2033-05-02", "Finnish Prime Minister Aino Virtanen met trade unions on Tuesday to discuss wages."),
    ("fi-2034-02", "2034-02-20", "Finnish Prime Minister Mikko Laine named his cabinet on Monday."),
    ("fi-2034-09", "2034-09-01", "Former Finnish Prime Minister Aino Virtanen published her memoirs on Friday."),
    ("fi-2035-06", "2035-06-01", "Finnish Prime Minister Mikko Laine hosted Nordic leaders in Turku."),
    ("fi-2036-04", "2036-04-10", "Finnish Prime Minister Aino Virtanen, who took office in March 2036, visited "
                                 "Brussels on Thursday."),
    ("no-2032-04", "2032-04-20", "Norwegian Prime Minister Ola Berg opened the new opera house in Bergen on Friday."),
    ("no-2036-05", "2036-05-20", "Former Norwegian Prime Minister Ola Berg, who led the government until 2033, said "
                                 "he would not run again."),
    ("ee-2032-05", "2032-05-04", "Estonian Prime Minister Kadri Tamm opened a port in Tallinn on Tuesday."),
    ("ee-2034-03", "2034-03-02", "Former Estonian Prime Minister Kadri Tamm joined a university board on Thursday."),
    ("ee-2036-10", "2036-10-12", "Estonian Prime Minister Kadri Tamm met Baltic leaders in Riga on Sunday."),
    ("dk-2033-03", "2033-03-01", "Danish Prime Minister Freja Holm opened parliament in Copenhagen on Tuesday."),
    ("dk-2033-09", "2033-09-15", "Mourners gathered for the late Freja Holm, the Danish Prime Minister, in Copenhagen "
                                 "on Sunday."),
    ("is-2032-06", "2032-06-01", "Icelandic President Sigrun Olafsdottir opened a geothermal plant on Monday."),
    ("is-2032-11", "2032-11-10", "Icelandic President-elect Magnus Eriksson, who will be sworn in on February 1, thanked "
                                 "voters on Tuesday. Outgoing Icelandic President Sigrun Olafsdottir congratulated him."),
    ("is-2033-05", "2033-05-20", "Icelandic President Magnus Eriksson visited Oslo on Friday."),
    ("lv-2033-10", "2033-10-05", "Latvian Prime Minister Ilze Ozola met farmers in Riga on Wednesday."),
    ("lv-2034-01", "2034-01-10", "Janis Kalnins, the Latvian prime minister-elect, named his cabinet on Tuesday."),
    ("lv-2034-03", "2034-03-15", "Latvian Prime Minister Janis Kalnins visited Tallinn on Friday."),
]


def write_articles(path, articles) -> str:
    with open(path, "w", encoding="utf-8") as out:
        for key, day, text in articles:
            out.write(json.dumps({"id": key, "date": day, "title": key, "text": text}) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, extractor):
    folder = tmp_path_factory.mktemp("tenures")
    with Store(folder / "store", write=True) as store:
        report = build([write_articles(folder / "articles.jsonl", ARTICLES)], store, extractor=extractor)
    assert report.stored == len(ARTICLES) and report.tenures > 0
    return folder / "store"


@pytest.fixture
def store(store_dir):
    with Store(store_dir) as opened:
        yield opened


def holder_names(store, office: str, day: str) -> list[str]:
    return [t.person_label for t in history.holders(store, office, day)]


@pytest.mark.parametrize(("day", "expected"), [
    ("2032-06-01", ["Aino Virtanen"]),
    ("2033-07-01", ["Aino Virtanen"]),       # after her last report, nearer it than her successor's first
    ("2034-01-20", ["Mikko Laine"]),         # nearer his first report
    ("2034-06-01", ["Mikko Laine"]),         # succession
    ("2035-12-01", ["Mikko Laine"]),
    ("2036-03-25", ["Aino Virtanen"]),       # she came back ("took office in March 2036")
    ("2036-08-01", ["Aino Virtanen"]),
    ("2031-01-01", []),                      # nothing claimed before the evidence
])
def test_tenures_holders_of_a_one_holder_office(store, day, expected):
    assert holder_names(store, FINLAND, day) == expected


def test_tenures_a_return_is_a_second_spell_closed_by_succession(store):
    iri, _ = history.resolve(store, "Aino Virtanen")
    spells = [t for t in history.tenures(store, person=iri) if t.holding_label == FINLAND]
    assert [t.first_evidence for t in spells] == ["2032-03-10", "2036-04-10"]
    first, second = spells
    assert first.bounds.end_after == "2033-05-02" and first.bounds.end_before == "2034-02-20"
    assert "2034-09-01" in {e.date for e in first.evidence}  # the "former" report supports the first spell
    assert (second.bounds.start_after, second.bounds.start_before) == ("2036-03-01", "2036-03-31")
    assert second.end is None


def test_tenures_a_time_expression_closes_a_tenure(store):
    assert holder_names(store, "Prime Minister of Norway", "2032-12-01") == ["Ola Berg"]
    assert holder_names(store, "Prime Minister of Norway", "2034-06-01") == []  # "until 2033", not until 2036
    (berg,) = history.holders(store, "prime minister of norway", "2032-12-01")
    assert (berg.bounds.end_after, berg.bounds.end_before) == ("2033-01-01", "2033-12-31")


def spells_of(store, person: str, office: str) -> list[history.TenureView]:
    iri, _ = history.resolve(store, person)
    return [t for t in history.tenures(store, person=iri) if t.holding_label == office]


def test_tenures_called_former_between_two_reports_is_a_return(store):
    """Nobody else is seen in office, but "former" between two reports splits them."""
    first, second = spells_of(store, "Kadri Tamm", "Prime Minister of Estonia")
    assert (first.bounds.end_after, first.bounds.end_before) == ("2032-05-04", "2034-03-02")
    assert (second.bounds.start_after, second.bounds.start_before) == ("2034-03-02", "2036-10-12")
    assert holder_names(store, "Prime Minister of Estonia", "2032-09-01") == ["Kadri Tamm"]
    assert holder_names(store, "Prime Minister of Estonia", "2035-01-01") == []  # out of office, back by 2036-10
    assert holder_names(store, "Prime Minister of Estonia", "2036-11-01") == ["Kadri Tamm"]


def test_tenures_the_late_holder_holds_no_more(store):
    """"the late Freja Holm, the Danish Prime Minister": the title reads current, the death ends it."""
    (holm,) = spells_of(store, "Freja Holm", "Prime Minister of Denmark")
    assert holm.bounds.end_before == "2033-09-15" and holm.ended and len(holm.statements) == 2
    assert holder_names(store, "Prime Minister of Denmark", "2033-06-01") == ["Freja Holm"]
    assert holder_names(store, "Prime Minister of Denmark", "2033-10-01") == []


def test_tenures_an_elect_takes_office_on_the_day_the_text_gives(store, store_dir):
    rows = [json.loads(line) for line in CliRunner().invoke(cli, ["facts", "--store", str(store_dir), "--no-entities"]
                                                           ).output.splitlines()]
    assert {(r["article"], r["status"]) for r in rows if r["subject"] == "Magnus Eriksson"} == {
        ("is-2032-11", "elect"), ("is-2033-05", "current")}
    (eriksson,) = spells_of(store, "Magnus Eriksson", "President of Iceland")  # the elect report and the later one
    assert (eriksson.bounds.start_after, eriksson.bounds.start_before) == ("2033-02-01", "2033-02-01")
    assert eriksson.first_evidence == "2032-11-10" and len(eriksson.statements) == 2
    (olafsdottir,) = spells_of(store, "Sigrun Olafsdottir", "President of Iceland")
    assert olafsdottir.bounds.end_before == "2033-02-01"
    assert holder_names(store, "President of Iceland", "2033-01-25") == ["Sigrun Olafsdottir"]  # not displaced early
    assert holder_names(store, "President of Iceland", "2033-02-05") == ["Magnus Eriksson"]


def test_tenures_a_prime_minister_elect_continues_into_office(store):
    """"X, the Latvian prime minister-elect" begins a tenure after the article; the later
    report of him in office continues it."""
    (kalnins,) = spells_of(store, "Janis Kalnins", "Prime Minister of Latvia")
    assert (kalnins.bounds.start_after, kalnins.bounds.start_before) == ("2034-01-10", "2034-03-15")
    assert (kalnins.first_evidence, kalnins.last_evidence, kalnins.support) == ("2034-01-10", "2034-03-15", 2)
    assert [e.status for e in kalnins.evidence] == ["elect", "current"]


def test_tenures_graph_conforms_and_removal_recomputes(tmp_path, extractor):
    from graph.export import store_graph
    from graph.validate import validate

    with Store(tmp_path / "store", write=True) as store:
        build([write_articles(tmp_path / "a.jsonl", ARTICLES)], store, extractor=extractor)
        assert validate(store_graph(store)).conforms
        assert holder_names(store, FINLAND, "2036-08-01") == ["Aino Virtanen"]
        assert remove_article(store, "fi-2036-04")
        assert holder_names(store, FINLAND, "2036-03-01") == ["Mikko Laine"]  # no return without its evidence
        for key, _, _ in ARTICLES:
            remove_article(store, key)
        assert TENURES_GRAPH not in store.graph_iris() and len(store) == 0


# --- merging, on statements we write ------------------------------------------------------

PERSON, OFFICE = "https://w3id.org/newsgraph/id/person/", "https://w3id.org/newsgraph/id/office/"
LABELS = {OFFICE + "president-of-arcadia": "President of Arcadia",
          OFFICE + "member-of-the-arcadian-senate": "Member of the Arcadian Senate"}


def said(n: int, who: str, day: str, status: str | None = "current", office: str = "president-of-arcadia",
         bounds: Bounds | None = None) -> TimedStatement:
    if bounds is None:
        bounds = {"former": Bounds(start_before=day, end_before=day), "elect": Bounds(start_after=day)}.get(
            status, Bounds(start_before=day, end_after=day))
    return TimedStatement(f"s{n}", PERSON + who, "holdsOffice", OFFICE + office, status, day, bounds)


def spells(statements) -> list[tuple[str, Bounds]]:
    ordered = sorted(merge(statements, LABELS), key=lambda t: (t.person, t.first_evidence))
    return [(t.person.rsplit("/", 1)[-1], t.bounds) for t in ordered]


def test_tenures_elect_takes_office_later():
    found = spells([said(1, "bea", "2040-01-05"), said(2, "cal", "2040-11-10", "elect"),
                    said(3, "cal", "2041-02-01"), said(4, "bea", "2040-12-01")])
    assert found == [("bea", Bounds(None, "2040-01-05", "2040-12-01", "2041-02-01")),
                     ("cal", Bounds("2040-12-01", "2041-02-01", "2041-02-01", None))]


def test_tenures_an_elect_never_seen_in_office_gets_a_spell_that_has_not_begun():
    assert spells([said(1, "cal", "2040-11-10", "elect")]) == [("cal", Bounds(start_after="2040-11-10"))]


def test_tenures_do_not_depend_on_the_order_of_statements():
    """A former report built before the current ones gives the same tenures."""
    statements = [said(1, "bea", "2040-06-01", "former"), said(2, "bea", "2039-01-01"), said(3, "cal", "2040-03-01"),
                  said(4, "bea", "2038-02-01")]
    expected = spells(statements)
    assert all(spells(order) == expected for order in itertools.permutations(statements))
    assert expected[0] == ("bea", Bounds(None, "2038-02-01", "2039-01-01", "2040-03-01"))


def test_tenures_shared_offices_have_no_succession():
    found = spells([said(1, "bea", "2040-01-01", office="member-of-the-arcadian-senate"),
                    said(2, "cal", "2040-02-01", office="member-of-the-arcadian-senate"),
                    said(3, "bea", "2040-03-01", office="member-of-the-arcadian-senate")])
    assert found == [("bea", Bounds(None, "2040-01-01", "2040-03-01", None)),
                     ("cal", Bounds(None, "2040-02-01", "2040-02-01", None))]


def test_tenures_called_former_between_reports_splits_a_shared_office_too():
    senate = "member-of-the-arcadian-senate"
    found = spells([said(1, "bea", "2040-01-01", office=senate), said(2, "bea", "2041-01-01", "former", office=senate),
                    said(3, "bea", "2042-01-01", office=senate)])
    assert found == [("bea", Bounds(None, "2040-01-01", "2040-01-01", "2041-01-01")),
                     ("bea", Bounds("2041-01-01", "2042-01-01", "2042-01-01", None))]


def test_tenures_succession_ends_at_the_start_the_successor_gives():
    """Cal "will be sworn in on 20 January": Bea's tenure ended by then, not by his first report."""
    sworn = Bounds(start_after="2041-01-20", start_before="2041-01-20")
    found = spells([said(1, "bea", "2040-01-05"), said(2, "cal", "2040-11-10", "elect", bounds=sworn),
                    said(3, "cal", "2041-03-01")])
    assert found == [("bea", Bounds(None, "2040-01-05", "2040-01-05", "2041-01-20")),
                     ("cal", Bounds("2041-01-20", "2041-01-20", "2041-03-01", None))]


def test_tenures_a_death_ends_the_spell_and_is_no_report_in_office():
    """A current title in a sentence that tells of the death ("the late X, the president")."""
    late = TimedStatement("s2", PERSON + "bea", "holdsOffice", OFFICE + "president-of-arcadia", "current", "2040-06-01",
                          Bounds(start_before="2040-06-01", end_before="2040-06-01"))
    assert not late.in_office
    assert spells([said(1, "bea", "2040-01-01"), late]) == [("bea", Bounds(None, "2040-01-01", "2040-01-01",
                                                                           "2040-06-01"))]


def test_tenures_a_death_ends_every_other_tenure_and_membership_from_that_day():
    """"the late Bea, the former senator" ends her presidency and her party membership too."""
    late = TimedStatement("s9", PERSON + "bea", "holdsOffice", OFFICE + "member-of-the-arcadian-senate", "former",
                          "2040-06-01", Bounds(start_before="2040-06-01", end_before="2040-06-01"), died="2040-06-01")
    party = TimedStatement("s8", PERSON + "bea", "memberOf", "https://w3id.org/newsgraph/id/party/arcadian-greens",
                           None, "2039-05-01", Bounds(start_before="2039-05-01", end_after="2039-05-01"))
    merged = merge([said(1, "bea", "2040-01-01"), said(2, "cal", "2040-02-01", office="member-of-the-arcadian-senate"),
                    late, party], LABELS)
    ends = {(t.person.rsplit("/", 1)[-1], t.holding.rsplit("/", 1)[-1]): t.bounds.end_before for t in merged}
    assert ends == {("bea", "president-of-arcadia"): "2040-06-01", ("bea", "arcadian-greens"): "2040-06-01",
                    ("bea", "member-of-the-arcadian-senate"): "2040-06-01",
                    ("cal", "member-of-the-arcadian-senate"): None}  # another's death ends nothing of Cal's


def test_tenures_a_death_keeps_an_earlier_end_and_yields_to_later_reports_in_office():
    """The earliest death told counts; a tenure already over stays as it was; one reported in
    office after the death (a namesake, or a wrong date) is not cut short against its evidence."""
    told = [TimedStatement(f"d{n}", PERSON + "bea", "holdsOffice", OFFICE + "member-of-the-arcadian-senate", "former",
                           day, Bounds(start_before=day, end_before=day), died=day)
            for n, day in ((1, "2040-09-01"), (2, "2040-06-01"))]
    assert tenures.deaths(told) == {PERSON + "bea": "2040-06-01"}
    kept = merge([said(1, "bea", "2039-01-01"), said(2, "bea", "2039-03-01", "former"), said(3, "dan", "2041-01-01",
                                                                                           office="chancellor-of-arcadia"),
                  *told, TimedStatement("d3", PERSON + "dan", "holdsOffice", OFFICE + "member-of-the-arcadian-senate",
                                        "former", "2040-06-01", Bounds(start_before="2040-06-01",
                                                                       end_before="2040-06-01"), died="2040-06-01")],
                 LABELS)
    ends = {(t.person.rsplit("/", 1)[-1], t.holding.rsplit("/", 1)[-1]): t.bounds.end_before for t in kept}
    assert ends[("bea", "president-of-arcadia")] == "2039-03-01"
    assert ends[("dan", "chancellor-of-arcadia")] is None  # reported in office after: left as reported


def test_tenures_a_death_told_in_one_office_ends_the_others_from_text(tmp_path, extractor):
    articles = [("se-2032", "2032-03-01", "Swedish Finance Minister Lars Dahl presented the budget to parliament on "
                                          "Monday."),
                ("se-2033", "2033-04-12", "Mourners gathered in Uppsala for the late Lars Dahl, the former Swedish "
                                          "Foreign Minister, on Saturday.")]
    with Store(tmp_path / "store", write=True) as store:
        build([write_articles(tmp_path / "a.jsonl", articles)], store, extractor=extractor)
        finance = [t for t in history.tenures(store, person=history.resolve(store, "Lars Dahl")[0])
                   if t.holding_label == "Minister for Finance of Sweden"]
        assert [t.bounds.end_before for t in finance] == ["2033-04-12"]
        assert holder_names(store, "Minister for Finance of Sweden", "2032-06-01") == ["Lars Dahl"]
        assert holder_names(store, "Minister for Finance of Sweden", "2033-06-01") == []


def test_tenures_a_contradicting_statement_supports_but_does_not_bound():
    merged = merge([said(1, "bea", "2040-01-01"), said(2, "bea", "2040-01-01", "former"), said(3, "bea", "2040-05-01")],
                   LABELS)
    (tenure,) = merged
    assert tenure.bounds == Bounds(None, "2040-01-01", "2040-05-01", None) and len(tenure.statements) == 3


@pytest.mark.parametrize(("relation", "label", "expected"), [
    ("holdsOffice", "President of Arcadia", True), ("holdsOffice", "Minister of Finance of Arcadia", True),
    ("holdsOffice", "Member of the Arcadian Senate", False), ("holdsOffice", "Deputy Prime Minister of Arcadia", False),
    ("holdsOffice", "Minister of Arcadia", False), ("holdsOffice", "Secretary of Defense of Arcadia", True),
    ("leaderOf", "Arcadian Labour Party", True), ("memberOf", "Arcadian Labour Party", False),
])
def test_tenures_one_holder_offices(relation, label, expected):
    assert tenures.one_holder(relation, label) is expected


# --- the same tenures whatever the build order (through RDF) --------------------------------


def extraction(key: str, day: str, person: str, status: str) -> Extraction:
    people = Entity(f"person/{person.lower().replace(' ', '-')}", "Person", person)
    office = Entity("office/president-of-arcadia", "Office", "President of Arcadia")
    text = f"{status} President {person} spoke."
    fact = Fact(people.key, "holdsOffice", office.key, status, 0.9, text, 0, len(text))
    return Extraction(Article(key, text, date=day), text, (people, office), (fact,))


def test_tenures_graph_is_the_same_whatever_the_build_order():
    extractions = [extraction("a", "2040-01-05", "Bea Lund", "current"), extraction("b", "2041-03-01", "Bea Lund", "former"),
                   extraction("c", "2040-11-10", "Cal Ortiz", "elect"), extraction("d", "2041-02-01", "Cal Ortiz", "current")]
    dumps = set()
    for order in (extractions, extractions[::-1]):
        store = Store(None)
        for one in order:
            store.replace_graph(str(article_iri(one.article.key)), extraction_ntriples(one))
            tenures.refresh(store)
        dumps.add(frozenset(store.db.quads_for_pattern(None, None, None, None)))
        assert [t.person_label for t in history.holders(store, "President of Arcadia", "2041-06-01")] == ["Cal Ortiz"]
    assert len(dumps) == 1


def arcadia(*reports: tuple[str, str, str, str]) -> Store:
    """A store of (key, date, person, status) reports of the President of Arcadia, tenures derived."""
    store = Store(None)
    for report in reports:
        one = extraction(*report)
        store.replace_graph(str(article_iri(one.article.key)), extraction_ntriples(one))
    tenures.refresh(store)
    return store


def test_tenures_holders_bound_a_gap_by_the_rivals_reports_not_by_a_window():
    """More than a year from any report nobody is claimed, unless the date lies between two
    holders' reports: then the nearer holder, and the answer names the reports around it."""
    alone = arcadia(("a", "2040-01-05", "Bea Lund", "current"))
    assert history.holders(alone, "President of Arcadia", "2041-04-01") == []
    elected = arcadia(("a", "2040-01-05", "Bea Lund", "current"), ("b", "2041-06-01", "Cal Ortiz", "elect"))
    (bea,) = history.holders(elected, "President of Arcadia", "2041-04-01")
    assert (bea.person_label, bea.basis) == (
        "Bea Lund", "inferred: last reported in office on 2040-01-05; the next holder first reported on 2041-06-01")
    (cal,) = history.holders(elected, "President of Arcadia", "2041-07-01")
    assert (cal.person_label, cal.basis) == ("Cal Ortiz", "inferred: to take office after 2041-06-01, not yet "
                                                          "reported in office")
    seen = arcadia(("a", "2040-01-05", "Bea Lund", "current"), ("b", "2042-06-01", "Cal Ortiz", "current"))
    assert [t.person_label for t in history.holders(seen, "President of Arcadia", "2041-03-01")] == ["Bea Lund"]
    (cal,) = history.holders(seen, "President of Arcadia", "2041-04-01")  # 452 days after her, 426 before him
    assert (cal.person_label, cal.basis) == (
        "Cal Ortiz", "inferred: first reported in office on 2042-06-01; the previous holder last reported on 2040-01-05")


def test_tenures_holders_a_gap_after_an_announced_departure_goes_to_the_successor():
    """"will step down within 10 days": the nearer holder's tenure was over before the date,
    so the next one answers, and the basis says why the nearer one does not."""
    store = arcadia(("b", "2040-12-01", "Cal Ortiz", "current"))
    text = "President Bea Lund will step down within 10 days."
    bea = Entity("person/bea-lund", "Person", "Bea Lund")
    office = Entity("office/president-of-arcadia", "Office", "President of Arcadia")
    leaving = Extraction(Article("a", text, date="2040-01-05"), text, (bea, office),
                         (Fact(bea.key, "holdsOffice", office.key, "current", 0.9, text, 0, len(text)),))
    store.replace_graph(str(article_iri("a")), extraction_ntriples(leaving))
    tenures.refresh(store)
    assert [t.person_label for t in history.holders(store, "President of Arcadia", "2040-01-10")] == ["Bea Lund"]
    (cal,) = history.holders(store, "President of Arcadia", "2040-03-01")
    assert (cal.person_label, cal.basis) == (
        "Cal Ortiz", "inferred: first reported in office on 2040-12-01; the previous holder last reported on "
                     "2040-01-05, its tenure over by 2040-01-15")


def test_tenures_one_day_of_a_past_holder_inside_anothers_run_is_a_recollection():
    """Bea, then Cal; one article later names Bea by the title she held (telling of her years,
    say) between two reports of Cal: Cal's tenure goes on, Bea made no return, and the date
    of that article is Cal's. Two days of reports of Bea are a return all the same."""
    reports = [("a", "2040-01-05", "Bea Lund", "current"), ("b", "2041-01-10", "Cal Ortiz", "current"),
               ("c", "2042-03-01", "Bea Lund", "current"), ("d", "2042-06-01", "Cal Ortiz", "current")]
    store = arcadia(*reports)
    spells = history.tenure_views(store, holding=history.resolve(store, "President of Arcadia")[0])
    assert sorted((t.person_label, t.bounds.end_before) for t in spells) == [("Bea Lund", "2041-01-10"),
                                                                            ("Cal Ortiz", None)]
    (cal,) = history.holders(store, "President of Arcadia", "2042-03-01")
    assert (cal.person_label, cal.basis) == ("Cal Ortiz", "reported in office by 2041-01-10 and still on 2042-06-01")
    returned = arcadia(*reports, ("e", "2042-04-01", "Bea Lund", "current"))
    assert [t.person_label for t in history.holders(returned, "President of Arcadia", "2042-03-15")] == ["Bea Lund"]


def test_tenures_holders_a_gap_after_a_departure_announced_without_a_date_goes_to_the_successor():
    """"is to resign" gives no date to bound, but a holder who said so and is not reported
    again has left: the next holder answers in the gap, however near the last report."""
    def with_bea(text: str) -> Store:
        store = arcadia(("b", "2040-12-01", "Cal Ortiz", "current"))
        bea = Entity("person/bea-lund", "Person", "Bea Lund")
        office = Entity("office/president-of-arcadia", "Office", "President of Arcadia")
        one = Extraction(Article("a", text, date="2040-01-05"), text, (bea, office),
                         (Fact(bea.key, "holdsOffice", office.key, "current", 0.9, text, 0, len(text)),))
        store.replace_graph(str(article_iri("a")), extraction_ntriples(one))
        tenures.refresh(store)
        return store

    leaving = with_bea("Reports say President Bea Lund is to resign.")
    (cal,) = history.holders(leaving, "President of Arcadia", "2040-03-01")
    assert (cal.person_label, cal.basis) == (
        "Cal Ortiz", "inferred: first reported in office on 2040-12-01; the previous holder last reported on "
                     "2040-01-05, who had announced a departure on 2040-01-05")
    staying = with_bea("President Bea Lund opened a bridge.")
    assert [t.person_label for t in history.holders(staying, "President of Arcadia", "2040-03-01")] == ["Bea Lund"]


def test_tenures_a_title_ending_in_senator_is_held_by_many():
    assert not tenures.one_holder("holdsOffice", "Arcadian Senator")
    assert tenures.one_holder("holdsOffice", "Trade Representative of Arcadia")
    assert tenures.one_holder("holdsOffice", "President of Arcadia")


def test_tenures_holders_never_place_a_tenure_known_only_as_over():
    """"former President Dan Weir" says his tenure had ended, not that it held near that date."""
    store = arcadia(("a", "2040-01-05", "Bea Lund", "current"), ("b", "2040-03-01", "Dan Weir", "former"))
    assert [t.person_label for t in history.holders(store, "President of Arcadia", "2040-02-25")] == ["Bea Lund"]
    assert history.holders(store, "President of Arcadia", "2041-06-01") == []


# --- holders: the command and its speed -------------------------------------------------------


def test_tenures_holders_command_json(store_dir):
    result = CliRunner().invoke(cli, ["holders", "--store", str(store_dir), "prime minister of finland", "--at",
                                      "2034-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    (laine,) = json.loads(result.output)
    # ended by the time Virtanen came back: "took office in March 2036", before her first report of 10 April
    assert laine["person"] == "Mikko Laine" and laine["start"] == "2034-02-20" and laine["end"] == "2036-03-31"
    assert laine["basis"] == "reported in office by 2034-02-20 and still on 2035-06-01" and laine["coverage"] == "evidence"
    assert laine["evidence"] and all({"article", "date", "sentence", "status"} <= e.keys() for e in laine["evidence"])


def test_tenures_holders_command_text_and_unknown_names(store_dir):
    runner = CliRunner()
    text = runner.invoke(cli, ["holders", "--store", str(store_dir), FINLAND, "--at", "2032-06-01"])
    assert text.exit_code == 0 and "Aino Virtanen" in text.output and "presented the budget" in text.output
    unknown = runner.invoke(cli, ["holders", "--store", str(store_dir), "Prime Minister of Finlnd", "--at", "2032-06-01"])
    assert unknown.exit_code == 2 and "did you mean 'Prime Minister of Finland'" in unknown.output
    bad_date = runner.invoke(cli, ["holders", "--store", str(store_dir), FINLAND, "--at", "June 2032"])
    assert bad_date.exit_code == 2


def test_tenures_holders_is_fast(store):
    history.holders(store, FINLAND, "2034-06-01")
    started = time.perf_counter()
    history.holders(store, FINLAND, "2034-06-01")
    assert time.perf_counter() - started < 0.1


def test_tenures_conflicting_reports_from_text(tmp_path, extractor):
    from graph.conflicts import conflicts

    articles = [("se-a", "2033-03-03", "Swedish Prime Minister Lars Holmqvist opened a bridge in Malmo on Thursday."),
                ("se-b", "2033-03-03", "Swedish Prime Minister Erik Dahl spoke to farmers in Uppsala on Thursday.")]
    with Store(tmp_path / "store", write=True) as store:
        build([write_articles(tmp_path / "se.jsonl", articles)], store, extractor=extractor)
        (found,) = conflicts(store)
    assert found.kind == "two-holders" and {s.article for s in found.sides} == {"se-a", "se-b"}


# --- timeline, facts at a date, pages and views -------------------------------------------------


def test_tenures_timeline_command_text_json_html(store_dir, tmp_path):
    runner = CliRunner()
    text = runner.invoke(cli, ["timeline", "--store", str(store_dir), FINLAND])
    assert text.exit_code == 0, text.output
    holders_in_order = [line.split("  [")[0].strip() for line in text.output.splitlines() if line.startswith("  ") and
                        not line.startswith("      ")]
    assert holders_in_order == ["Aino Virtanen", "Mikko Laine", "Aino Virtanen"]
    person = json.loads(runner.invoke(cli, ["timeline", "--store", str(store_dir), "Aino Virtanen", "--format",
                                            "json"]).output)
    assert [(t["holding"], t["first_evidence"]) for t in person["tenures"]] == [(FINLAND, "2032-03-10"),
                                                                                 (FINLAND, "2036-04-10")]
    page = tmp_path / "fi.html"
    html = runner.invoke(cli, ["timeline", "--store", str(store_dir), FINLAND, "--format", "html", "-o", str(page)])
    assert html.exit_code == 0
    content = page.read_text(encoding="utf-8")
    assert "<svg" in content and "http://" not in content.replace("http://www.w3.org/", "") and "<script" not in content
    assert content.count('stroke-dasharray="4 3"') == 2  # two ended tenures; her return has not ended
    assert 'href="#tenure-1"' in content and 'id="tenure-1"' in content and "named his cabinet" in content


def test_tenures_facts_as_of_a_date(store_dir):
    result = CliRunner().invoke(cli, ["facts", "--store", str(store_dir), "--no-entities", "--as-of", "2034-06-01"])
    rows = {(r["article"], r["subject"]): r for r in map(json.loads, result.output.splitlines())}
    assert rows["fi-2032-03", "Aino Virtanen"]["status"] == "current"
    assert rows["fi-2032-03", "Aino Virtanen"]["status_as_of"] == "former"
    assert rows["fi-2035-06", "Mikko Laine"]["status_as_of"] == "current"
    assert all(r["as_of"] == "2034-06-01" for r in rows.values() if r["relation"] == "holdsOffice")


def test_tenures_views_dash_ended_tenures_not_one_articles_word(store):
    from graph import views
    from graph.projection import project

    view = views.ego_view(project(store), "Mikko Laine")
    data = json.loads(view.html.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    (edge,) = [e for e in data["edges"] if e["relation"] == "holdsOffice"]
    assert edge["status"] == "current" and edge["dashes"] is True  # every report says current; Virtanen came back


def test_tenures_entity_page_shows_the_timeline(store_dir):
    from starlette.testclient import TestClient

    from graph.server.app import create_app

    with TestClient(create_app(store_dir, workers=1)) as client:
        page = client.get("/entity/office/prime-minister-of-finland").text
    assert "<h2>Timeline</h2>" in page and page.count("<rect class=") == 3 and "Mikko Laine" in page
