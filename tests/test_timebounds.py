"""Time bounds per statement: status, reference date and the sentence's own time expressions."""
from __future__ import annotations

from datetime import date

import pytest

from graph.model import Bounds, Fact
from graph.timebounds import departure_announced, span, statement_bounds

ARTICLE_DATE = "2010-06-15"


def fact(sentence: str, status: str | None, relation: str = "holdsOffice", valid_at: str | None = None) -> Fact:
    return Fact("person/ada-quill", relation, "office/minister-of-fisheries-of-norland", status, 0.9, sentence, 0,
                len(sentence), valid_at=valid_at)


@pytest.mark.parametrize(("sentence", "status", "expected"), [
    ("Ada Quill, the fisheries minister, opened the port.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Former fisheries minister Ada Quill opened the port.", "former",
     Bounds(start_before=ARTICLE_DATE, end_before=ARTICLE_DATE)),
    ("Fisheries minister-elect Ada Quill toured the port.", "elect", Bounds(start_after=ARTICLE_DATE)),
    ("Acting fisheries minister Ada Quill toured the port.", "acting",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Ada Quill, fisheries minister since 2008, opened the port.", "current",
     Bounds("2008-01-01", "2008-12-31", ARTICLE_DATE, None)),
    ("Ada Quill, who took office in March 2009, opened the port.", "current",
     Bounds("2009-03-01", "2009-03-31", ARTICLE_DATE, None)),
    ("Ada Quill, minister since March 5, 2009, opened the port.", "current",
     Bounds("2009-03-05", "2009-03-05", ARTICLE_DATE, None)),
    ("Ada Quill, who was fisheries minister from 2003 to 2005, spoke.", "former",
     Bounds("2003-01-01", "2003-12-31", "2005-01-01", "2005-12-31")),
    ("Ada Quill, fisheries minister until last year, spoke.", "former",
     Bounds(None, ARTICLE_DATE, "2009-01-01", "2009-12-31")),
    ("Ada Quill was fisheries minister in 2001, the records show.", "former",
     Bounds(None, "2001-12-31", "2001-01-01", ARTICLE_DATE)),
    # a start the text gives for an elect: the next such day when it names no year
    ("Ada Quill, the fisheries minister-elect, will be sworn in on July 1.", "elect",
     Bounds("2010-07-01", "2010-07-01", None, None)),
    ("Ada Quill, the fisheries minister-elect, is to take office on 1 February.", "elect",
     Bounds("2011-02-01", "2011-02-01", None, None)),
    ("Minister-elect Ada Quill, who will assume office on Sunday January 22, spoke.", "elect",
     Bounds("2011-01-22", "2011-01-22", None, None)),
    # a title after a country's possessive still dates the start ("became Norland's minister on ...")
    ("Ada Quill became Norland's fisheries minister on March 5, 2009, after the vote.", "current",
     Bounds("2009-03-05", "2009-03-05", ARTICLE_DATE, None)),
    # an announced departure bounds the end: a count of days or weeks, or the day or year named
    ("Ada Quill, the fisheries minister, will end her term within 10 days.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, "2010-06-25")),
    ("Fisheries minister Ada Quill is to step down in two weeks.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, "2010-06-29")),
    ("Fisheries minister Ada Quill will leave office on July 1.", "current",
     Bounds(None, ARTICLE_DATE, "2010-07-01", "2010-07-01")),
    ("Fisheries minister Ada Quill will step down in 2012.", "current",
     Bounds(None, ARTICLE_DATE, "2012-01-01", "2012-12-31")),
    # ... but not a date of another clause, nor one the status contradicts
    ("Fisheries minister Ada Quill will step down, and a vote will be held in March 2011.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Fisheries minister Ada Quill will step down in 2008.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    # a death the sentence tells of the subject ends the fact, whatever the title's status
    ("Mourners gathered for the late Ada Quill, the fisheries minister.", "current",
     Bounds(start_before=ARTICLE_DATE, end_before=ARTICLE_DATE)),
    ("The board met after the death of Fisheries Minister Ada Quill.", "current",
     Bounds(start_before=ARTICLE_DATE, end_before=ARTICLE_DATE)),
    ("Fishermen mourned the recent death of fisheries minister Ada Quill.", "current",
     Bounds(start_before=ARTICLE_DATE, end_before=ARTICLE_DATE)),
    ("Fishermen mourned the late Quill, minister of fisheries.", "current",  # a surname alone is not enough
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Fishermen mourned the late Dr Ada Quill.", "current",
     Bounds(start_before=ARTICLE_DATE, end_before=ARTICLE_DATE)),
    ("Ada Quill, the fisheries minister, spoke after the death of her husband Ben Quill.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Ada Quill, the former fisheries minister, who died in 2008, was remembered.", "former",
     Bounds(None, "2008-12-31", None, "2008-12-31")),
    ("Fisheries minister Ada Quill, who died last month, was buried on Sunday.", "current",
     Bounds(None, "2010-05-31", None, "2010-05-31")),
    # someone else's death says nothing of hers
    ("Ada Quill, the fisheries minister, spoke at the funeral of the late Ben Stone.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Ada Quill, the fisheries minister, praised Ben Stone, who died in 2009.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Ada Quill, daughter of the late Prime Minister Ben Quill, opened the port.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    # a resignation told as done ends the fact by the article's date; one to come, or from
    # another post, or someone else's, does not
    ("Fisheries minister Ada Quill has resigned.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, ARTICLE_DATE)),
    ("Norland's fisheries minister, Ada Quill, has resigned her post after the vote.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, ARTICLE_DATE)),
    ("Fisheries minister Ada Quill resigned on Friday over the quota scandal.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, ARTICLE_DATE)),
    ("Fisheries minister Ada Quill resigned as chair of the rowing club.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Fisheries minister Ada Quill resigned from the rowing club.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Fisheries minister Ada Quill is to resign.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    ("Ben Stone, an aide to fisheries minister Ada Quill, resigned on Friday.", "current",
     Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)),
    # "will resign" with a date is an announced departure like "will step down"
    ("Fisheries minister Ada Quill will resign within 10 days.", "current",
     Bounds(None, ARTICLE_DATE, ARTICLE_DATE, "2010-06-25")),
])
def test_timebounds_from_status_and_expressions(sentence, status, expected):
    assert statement_bounds(fact(sentence, status), ARTICLE_DATE) == expected


def test_timebounds_drop_an_expression_that_contradicts_the_status():
    """'since 2012' in a 2010 article cannot date a current holder's start: another fact's, most likely."""
    bounds = statement_bounds(fact("Ada Quill, a member since 2012, said", "current"), ARTICLE_DATE)
    assert bounds == Bounds(start_before=ARTICLE_DATE, end_after=ARTICLE_DATE)


def test_timebounds_prefer_the_date_the_text_gives():
    bounds = statement_bounds(fact("Ada Quill, then minister, said", "current", valid_at="2007-02-01"), ARTICLE_DATE)
    assert bounds == Bounds(start_before="2007-02-01", end_after="2007-02-01")


@pytest.mark.parametrize(("relation", "article_date"), [("meets", ARTICLE_DATE), ("holdsOffice", None)])
def test_timebounds_none_for_untimed_facts_or_undated_articles(relation, article_date):
    assert statement_bounds(fact("Ada Quill met the mayor.", "current", relation), article_date) is None


@pytest.mark.parametrize(("expression", "expected"), [
    ("2012", (date(2012, 1, 1), date(2012, 12, 31))),
    ("February 2012", (date(2012, 2, 1), date(2012, 2, 29))),
    ("5 March 2009", (date(2009, 3, 5), date(2009, 3, 5))),
    ("last year", (date(2009, 1, 1), date(2009, 12, 31))),
    ("last month", (date(2010, 5, 1), date(2010, 5, 31))),
    ("July 1", (date(2010, 7, 1), date(2010, 7, 1))),          # no year: the next one
    ("20 January", (date(2011, 1, 20), date(2011, 1, 20))),
])
def test_timebounds_span_of_an_expression(expression, expected):
    assert span(expression, date(2010, 6, 15)) == expected


@pytest.mark.parametrize(("bounds", "consistent"), [
    (Bounds("2001-01-01", "2002-01-01", "2003-01-01", "2004-01-01"), True),
    (Bounds(start_after="2005-01-01", end_before="2004-01-01"), False),
    (Bounds(end_after="2005-01-01", end_before="2004-01-01"), False),
    (Bounds(), True),
])
def test_timebounds_consistency(bounds, consistent):
    assert bounds.consistent() is consistent


def test_timebounds_meet_keeps_the_tightest():
    assert Bounds("2001-01-01", "2003-01-01").meet(Bounds("2002-01-01", "2004-01-01", None, "2009-01-01")) == \
        Bounds("2002-01-01", "2003-01-01", None, "2009-01-01")


@pytest.mark.parametrize(("sentence", "announced"), [
    ("Reports say Fisheries minister Ada Quill is to resign.", True),
    ("Fisheries minister Ada Quill on Monday announced her intention to resign.", True),
    ("Norland's fisheries minister, Ada Quill, announced her resignation in a broadcast.", True),
    ("Ada Quill, the fisheries minister, has said that she will step down.", True),
    ("Fisheries minister Ada Quill will step down within 10 days.", False),  # dated: a bound, not a mere announcement
    ("Fisheries minister Ada Quill said Ben Stone is to resign.", False),  # someone else's departure
    ("Fisheries minister Ada Quill opened the port.", False),
    ("Fisheries minister Ada Quill announced that she will resign as chair of the rowing club.", False),
    ("Fisheries minister Ada Quill has said she will resign if the quota bill fails.", False),
])
def test_timebounds_a_departure_announced_without_its_date(sentence, announced):
    assert departure_announced(sentence, "person/ada-quill") is announced
