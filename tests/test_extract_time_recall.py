"""Recall for time: who holds an office at a date depends on every report of a holder being
read as that holder. Sentences we wrote ourselves; the people are real holders only where
the tenure tables must know them."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def run(extractor):
    from tests.conftest import _runner

    return _runner(extractor)


def holders(result, office: str) -> set[str]:
    return {f.subject for f in result.facts if f.relation == "holdsOffice" and f.object == office}


@pytest.mark.parametrize(("text", "day"), [
    ("British Prime Minister Harrold Wilson met union leaders in London on Friday.", "1968-03-08"),
    ("Prime Minister Harrold Wilson told the Commons that the bill would pass.", "1968-03-08"),
])
def test_a_titled_name_one_letter_off_a_holder_is_that_holder(run, text, day):
    """A title right before a full name the tables do not know, whose surname is the title's
    holder's at the date and whose other names match it but for one letter: the holder."""
    found = holders(run(text, date=day), "office/prime-minister-of-the-united-kingdom")
    assert found == {"person/harold-wilson"}


@pytest.mark.parametrize(("text", "day"), [
    # no title before the name: a stranger who happens to be spelt nearly so
    ("Harrold Wilson, a plumber from Leeds, won the lottery on Friday.", "1968-03-08"),
    # a different given name, not a slip of the holder's
    ("British Prime Minister Henry Wilson met union leaders in London on Friday.", "1968-03-08"),
    # the right title, but the holder of that surname had left office (held nothing then)
    ("British Prime Minister Harrold Wilson met union leaders in London on Friday.", "1972-03-10"),
])
def test_a_near_name_is_not_taken_for_a_holder_without_title_surname_and_date(run, text, day):
    result = run(text, date=day)
    assert "person/harold-wilson" not in {f.subject for f in result.facts}
    assert "person/harold-wilson" not in {e.key for e in result.entities}
