"""Time bounds per statement: when a fact began and ended, as far as its article tells.

A stage after extraction. Each `holdsOffice`, `memberOf` and `leaderOf` fact gets a
TAC-KBP style four-date interval (began on or after, began on or before, ended on or
after, ended on or before; see `model.Bounds`) from four sources of evidence:

* the reference date: the date the text says the fact held at, else the article's date;
* the status: a current (or acting) holder began by then and had not ended yet, a former
  one had ended by then, an elect one had not begun;
* the sentence's own time expressions: "since 2012", "from 2015 to 2017", "until last
  year", "took office in 2001", "was minister in 2001" (of a former holder), "will be
  sworn in on January 20" (a day without a year is the next one), "will step down within
  two weeks", "will end his term on January 20" (an announced departure);
* a death the sentence tells of the fact's subject ("the late X", "the death of X", "X, who
  died in 2031"): whatever the title's status, the fact had ended by then.
* a resignation the sentence tells as done ("X has resigned", "X resigned on Friday"): the
  fact had ended by the reference date (one announced without a date, "X is to resign",
  bounds nothing; see `departure_announced`).

Bounds the evidence does not give stay open (None). An expression that would contradict
the status (a start after the reference date for a current holder, say) is dropped
rather than trusted: it most likely belongs to another fact of the same sentence.
Dates are read with python-dateutil (month names, day-month orders), not by hand.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from graph.model import Bounds, Fact, slug, unaccented

#: The relations whose facts last from a date to a date.
TIMED_RELATIONS = frozenset({"holdsOffice", "memberOf", "leaderOf"})

_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
#: "2012", "March 2012", "5 March 2012", "March 5, 2012", "last year", "last month".
_DATE = (rf"(?:(?:\d{{1,2}}\s+)?{_MONTHS}\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b|\b(?:19|20)\d\d\b"
         r"|last\s+year|last\s+month|this\s+year)")
_RANGE = re.compile(rf"\b(?:from|between)\s+(?P<a>{_DATE})\s+(?:to|until|till|and)\s+(?P<b>{_DATE})", re.I)
_SINCE = re.compile(rf"\bsince\s+(?P<a>{_DATE})", re.I)
_UNTIL = re.compile(rf"\b(?:until|till)\s+(?P<b>{_DATE})", re.I)
_BEGAN = re.compile(rf"\b(?:took\s+office|was\s+(?:first\s+)?elected|was\s+appointed|was\s+sworn\s+in|became\s+[\w'’]+"
                    rf"(?:\s+[\w'’]+){{0,5}}?)\s+(?:on\s+|in\s+)(?P<a>{_DATE})", re.I)
_IN_YEAR = re.compile(rf"(?<!died )\bin\s+(?P<a>{_DATE})", re.I)
#: "January 20", "20 January": a day named without its year.
_MONTH_DAY = rf"(?:{_MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\b)(?!\.?,?\s+(?:19|20)\d\d)"
_TAKES = re.compile(rf"\b(?:will|would|to)\s+(?:take\s+office|be\s+sworn\s+in|be\s+inaugurated|assume\s+office)"
                    rf"\s+(?:on\s+|in\s+)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<a>{_DATE}|{_MONTH_DAY})",
                    re.I)
_COUNT = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month)s?\b"
#: "will end his term within 5 days", "is to step down on January 20", "will leave office in 2012":
#: a holder's announced departure bounds the end (no comma between, so another clause's date is not taken).
_ENDS = re.compile(rf"\b(?:will|would|to|is\s+due\s+to|is\s+set\s+to)\s+(?:end\s+(?:his|her|their)\s+(?:term|tenure|mandate)"
                   rf"|leave\s+office|step\s+down|stand\s+down|resign|hand\s+over\s+(?:power|office))\b[^.;,]{{0,60}}?"
                   rf"\b(?:(?:within|in)\s+{_COUNT}|(?:on|in)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                   rf"(?P<b>{_DATE}|{_MONTH_DAY}))", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,6}"
_LATE = re.compile(rf"\b(?:[Tt]he\s+late|death\s+of|funeral\s+of)\s+(?:[a-z-]+\s+){{0,3}}(?P<name>{_NAME})")
_DIED = rf",?\s+who\s+(?:had\s+)?died\b(?:\s+(?:on\s+|in\s+)?(?P<a>{_DATE}))?"
#: "X has resigned", "X, the minister, resigned on Friday", "X resigned his post": a resignation
#: told as done (after a comma only with "has": "the aide of X, resigned" is the aide's). Not
#: "resigned as Y" or "resigned from the Y" (another post), nor "is to resign".
_RESIGNED = (r"(?:(?:,[^,]{1,80})?,\s+ha[sd]\s+|(?:,[^,]{1,80},)?\s+(?:has\s+|had\s+)?)"
             r"(?:(?:officially|formally|suddenly|abruptly)\s+)?resigned"
             r"(?=\s*(?:[.,;:]|$)|\s+(?:(?:from\s+)?(?:his|her|their)\s+(?:post|position|office|job|seat)\b|on\b|in\b"
             r"|after\b|following\b|over\b|amid\b|effective\b|today\b|yesterday\b|earlier\b|last\b|this\b"
             r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b))")
#: "X is to resign", "X will step down", "X announced his intention to resign", "X announced his
#: resignation": a departure announced without its date (see `departure_announced`); not one from
#: another post ("will resign as party leader") nor one on a condition ("will resign if ...").
_ANNOUNCED = (r"(?:,[^,]{1,80})?,?\s+"
              r"(?:(?!(?:said|says|told|that|who)\b)(?-i:[a-z]+)\s+|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+){0,3}?"
              r"(?:(?:has\s+)?(?:said|announced)\s+(?:that\s+)?(?:he|she|they)\s+)?"
              r"(?:(?:is|was)\s+(?:to|set\s+to|expected\s+to|due\s+to)\s+(?:resign|step\s+down|stand\s+down|quit)"
              r"|will\s+(?:resign|step\s+down|stand\s+down|quit)"
              r"|(?:has\s+)?announced\s+(?:his|her|their)\s+(?:(?:intention|decision|plan)\s+to\s+(?:resign|step\s+down"
              r"|stand\s+down|quit)|resignation))\b(?!\s+(?:as|if|unless|from\s+the)\b)")


def span(expression: str, reference: date) -> tuple[date, date] | None:
    """The first and last day an expression of a date can mean: a day, a month or a year.

    Relative expressions ("last year") count from the reference date, and so does a day
    named without its year ("January 20"): the first such day on or after it, as the
    expressions that allow one speak of what will happen. None when dateutil cannot read it.
    """
    words = " ".join(expression.lower().split())
    if words in {"last year", "this year"}:
        year = reference.year - (words == "last year")
        return date(year, 1, 1), date(year, 12, 31)
    if words == "last month":
        first = (reference - relativedelta(months=1)).replace(day=1)
        return first, first + relativedelta(months=1, days=-1)
    try:
        parsed = date_parser.parse(expression, default=datetime(reference.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    if re.search(r"(?:19|20)\d\d", expression) is None and parsed < reference:
        parsed = parsed + relativedelta(years=1)
    if re.search(_MONTHS, expression, re.I) is None:
        return date(parsed.year, 1, 1), date(parsed.year, 12, 31)
    if re.search(r"\b\d{1,2}\b(?!\d)", expression) is None:
        first = parsed.replace(day=1)
        return first, first + relativedelta(months=1, days=-1)
    return parsed, parsed


def status_bounds(status: str | None, reference: date) -> Bounds:
    """What the status alone says about the fact at the reference date."""
    day = reference.isoformat()
    if status == "former":
        return Bounds(start_before=day, end_before=day)
    if status == "elect":
        return Bounds(start_after=day)
    return Bounds(start_before=day, end_after=day)  # current, acting, or a membership without a word


def expression_bounds(sentence: str, status: str | None, reference: date) -> Bounds:
    """What the sentence's own time expressions say; open where it says nothing."""
    found = Bounds()
    for pattern, start, end in ((_RANGE, "a", "b"), (_SINCE, "a", None), (_UNTIL, None, "b"), (_BEGAN, "a", None),
                                (_TAKES, "a", None)):
        for match in pattern.finditer(sentence):
            found = found.meet(_from_match(match, start, end, reference))
    for match in _ENDS.finditer(sentence):
        found = found.meet(_departure(match, reference))
    if status == "former" and found == Bounds():
        held = [span(m.group("a"), reference) for m in _IN_YEAR.finditer(sentence)]
        if len(held) == 1 and held[0] is not None:  # "was foreign minister in 2001": held during it
            found = Bounds(start_before=held[0][1].isoformat(), end_after=held[0][0].isoformat())
    return found


def death(sentence: str, subject: str, reference: date) -> date | None:
    """The last day the fact's subject can have lived, if the sentence tells of their death:
    "the late X", "the death of X", "the funeral of X" (by the reference date), "X, who died
    in 2031" or "X, the former minister, who died last month" (by the end of that time).

    `subject` is the subject's key ("person/ada-quill"), and the sentence must name the
    subject in full there (see `_same_person`) (after "the late", or before "who died" with at most one
    appositive between): "Justin Quill, son of the late Ada Quill" ends nothing of his.
    """
    name = subject.rsplit("/", 1)[-1]
    if any(_same_person(slug(m.group("name")), name) for m in _LATE.finditer(sentence)):
        return reference
    words = r"[\W_]+".join(re.escape(word) for word in name.split("-"))
    died = re.search(rf"\b{words}\b(?:,[^,]{{1,80}})?{_DIED}", unaccented(sentence), re.I)
    if died is None:
        return None
    known = span(died.group("a"), reference) if died.group("a") else None
    return min(known[1], reference) if known is not None else reference


def _named(subject: str) -> str:
    """A pattern of the subject's name as its key spells it ("person/ada-quill" → Ada Quill)."""
    return r"[\W_]+".join(re.escape(word) for word in subject.rsplit("/", 1)[-1].split("-"))


def resigned(sentence: str, subject: str, reference: date) -> date | None:
    """The reference date, if the sentence tells that the subject has resigned ("Ada Quill has
    resigned", "Ada Quill, the minister, resigned on Friday"): the fact had ended by then.
    A resignation from another post ("resigned as party leader", "resigned from the board")
    or one still to come ("is to resign") ends nothing here."""
    found = re.search(rf"\b{_named(subject)}\b{_RESIGNED}", unaccented(sentence), re.I)
    return reference if found is not None else None


def departure_announced(sentence: str, subject: str) -> bool:
    """Whether the sentence tells that the subject is to leave, without saying when: "Ada Quill
    is to resign", "Ada Quill on Monday announced her intention to resign", "will step down".
    No bound follows (the day is not given); `history.one_holder_on` reads it in a gap."""
    return (_ENDS.search(sentence) is None  # a dated departure bounds the end instead
            and re.search(rf"\b{_named(subject)}\b{_ANNOUNCED}", unaccented(sentence), re.I) is not None)


def _same_person(named: str, key: str) -> bool:
    """Whether a name read in the text (as a slug) names the person of this key's slug: the
    whole name, after a title or not ("prime-minister-ada-quill"), or the key's name but for
    a title word before it ("john-paul-ii" of "pope-john-paul-ii"); a lone surname does not."""
    return named == key or named.endswith("-" + key) or ("-" in named and key.endswith("-" + named))


def _departure(match: re.Match, reference: date) -> Bounds:
    """Bounds from an announced departure: "within 5 days" ends it by five days after the
    reference date; "on January 20" or "in 2012" ends it within that day or time."""
    if match.group("n") is not None:
        count = int(match.group("n")) if match.group("n").isdigit() else _NUMBERS[match.group("n").lower()]
        by = reference + relativedelta(**{match.group("unit").lower() + "s": count})
        return Bounds(end_before=by.isoformat())
    return _from_match(match, None, "b", reference)


def _from_match(match: re.Match, start: str | None, end: str | None, reference: date) -> Bounds:
    """Bounds from one matched expression: its start group bounds the start, its end group the end."""
    bounds = Bounds()
    if start is not None and (first := span(match.group(start), reference)) is not None:
        bounds = bounds.meet(Bounds(start_after=first[0].isoformat(), start_before=first[1].isoformat()))
    if end is not None and (last := span(match.group(end), reference)) is not None:
        bounds = bounds.meet(Bounds(end_after=last[0].isoformat(), end_before=last[1].isoformat()))
    return bounds


def statement_bounds(fact: Fact, article_date: str | None) -> Bounds | None:
    """The four bounds of a timed fact; None for untimed relations or when no date is known.

    The status's bounds always hold (a death the sentence tells of the subject ends the
    fact whatever the status: "the late X, the prime minister"); the expressions' are added
    only when they agree with them (a sentence naming several offices may date another one).
    """
    if fact.relation not in TIMED_RELATIONS or (fact.valid_at or article_date) is None:
        return None
    reference = date.fromisoformat(fact.valid_at or article_date)
    died = death(fact.sentence, fact.subject, reference)
    by_status = status_bounds(fact.status, reference) if died is None else status_bounds("former", died)
    if died is None and (left := resigned(fact.sentence, fact.subject, reference)) is not None:
        by_status = by_status.meet(Bounds(end_before=left.isoformat()))  # in office up to that day at most
    combined = by_status.meet(expression_bounds(fact.sentence, fact.status, reference))
    return combined if combined.consistent() else by_status
