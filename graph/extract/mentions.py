"""Stage 3: a parsed Doc becomes a list of Mentions (spans that name or refer to something).

Sources, in order of trust: gazetteer spans (canonical keys), the model's PERSON and ORG
entities, and summit phrases built around the word "summit". Nothing here decides who a
mention refers to; that is the entities stage.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.extract.pipeline import SPANS_KEY
from graph.model import Mention

_YEAR = re.compile(r"^(19|20)\d\d$")
#: Honorifics and ranks that news puts before a name but that are not part of it.
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "madam", "mr.", "mrs.", "ms.", "dr.", "ratu",
                "sheikh", "sheik", "datuk", "dato", "tun", "prof", "prof.", "rev", "rev.", "gen", "gen.", "general",
                "commodore", "admiral", "colonel", "col.", "captain", "capt.", "major", "lieutenant", "lt.", "sgt.",
                "sen.", "rep.", "gov.", "hon.", "president", "premier", "chancellor", "minister", "senator", "king",
                "queen", "prince", "princess", "emperor", "pope", "judge", "justice", "ambassador", "mayor", "governor"}
_SUMMIT_WORDS = {"summit", "summits"}
_SUMMIT_REFS = {"summit", "meeting", "conference", "gathering", "talks"}


def find_mentions(doc: Doc) -> list[Mention]:
    """All mentions in the doc, sorted by position, without exact duplicates."""
    gazetteer = _SpanIndex(doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else ())
    mentions = [_from_span(s, s.label_, s.id_ or None) for s in gazetteer]
    mentions += _persons(doc, gazetteer)
    mentions += _untagged_surnames(doc, mentions)
    mentions += _names_after_titles(doc, gazetteer, mentions)
    mentions += _organisations(doc, gazetteer)
    mentions += _summits(doc, gazetteer)
    unique = {(m.start, m.end, m.label, m.key): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (m.start, -m.end))


def _from_span(span: Span, label: str, key: str | None = None, year: int | None = None, year_offset: int = 0) -> Mention:
    return Mention(start=span.start_char, end=span.end_char, text=span.text, label=label, key=key, year=year,
                   year_offset=year_offset)


class _SpanIndex(list):
    """The gazetteer spans, with the spans covering each token at hand (so looking one
    up does not scan the whole article)."""

    def __init__(self, spans):
        super().__init__(spans)
        self._at: dict[int, list[Span]] = {}
        for span in self:
            for i in range(span.start, span.end):
                self._at.setdefault(i, []).append(span)

    def at(self, token_index: int) -> list[Span]:
        return self._at.get(token_index, [])


def _covered(span: Span, others: _SpanIndex, labels: set[str]) -> bool:
    return any(o.label_ in labels and o.start <= span.start and span.end <= o.end for o in others.at(span.start))


def _persons(doc: Doc, gazetteer: _SpanIndex) -> list[Mention]:
    """The model's PERSON entities, trimmed of titles, honorifics and possessives.

    A span the gazetteer already knows as a person, country, party or title is left to
    the gazetteer: the model sometimes calls "Japan" or "Labour" a person.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = _trim_person(ent, gazetteer)
        if span is None or _covered(span, gazetteer, {"PERSON", "COUNTRY", "DEMONYM", "PARTY", "PARTY_ADJ", "ORG", "SERIES"}):
            continue
        out.append(_from_span(span, "PERSON"))
    return out


def _untagged_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Capitalised tokens equal to the first or last part of a person named in full
    elsewhere in the article, which the model left untagged ("Okafor will attend")."""
    parts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and len(words) >= 2:
            parts.update({words[0], words[-1]})
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for token in doc:
        if token.text in parts and token.pos_ == "PROPN" and token.idx not in covered and token.ent_type_ not in {"GPE", "LOC", "NORP"}:
            out.append(Mention(start=token.idx, end=token.idx + len(token.text), text=token.text, label="NAME"))
    return out


def _names_after_titles(doc: Doc, gazetteer: _SpanIndex, mentions: list[Mention]) -> list[Mention]:
    """Names the model missed in the two slots right after a title: "Foreign Minister
    Ada Okafor" and "the Minister of Trade, Ada Okafor,"."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for title in (s for s in gazetteer if s.label_ == "TITLE"):
        index = title.end
        if index < len(doc) and doc[index].lower_ == "of":
            index += 1
            while index < title.sent.end and (doc[index].text[:1].isupper() or doc[index].lower_ in {"the", "and"}):
                index += 1
        if index < len(doc) and doc[index].text == ",":
            index += 1
        end = index
        while end < title.sent.end and end - index < 4 and doc[end].pos_ == "PROPN" and doc[end].is_alpha \
                and doc[end].text[:1].isupper() and doc[end].idx not in covered:
            end += 1
        if end - index >= 2 and (end >= title.sent.end or not doc[end].text[:1].isupper()):
            out.append(_from_span(doc[index:end], "PERSON"))
    return out


_QUESTION_AUX = {"will", "would", "can", "could", "should", "did", "does", "do", "is", "was", "has", "have", "may"}


def _trim_person(ent: Span, gazetteer: _SpanIndex) -> Span | None:
    doc = ent.doc
    start, end = ent.start, ent.end
    if start == ent.sent.start and doc[start].lower_ in _QUESTION_AUX and end - start > 1:
        start += 1  # "Will Aino Virtanen attend?": the auxiliary opens a question, it is not a name
    prefixes = {"TITLE", "DEMONYM", "COUNTRY", "PARTY_ADJ"}
    while start < end and (doc[start].lower_ in _TITLE_WORDS or any(s.label_ in prefixes for s in gazetteer.at(start))
                           or not doc[start].text[:1].isupper()):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’", "-", ","} or doc[end - 1].is_punct):
        end -= 1
    if start >= end or not any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end]):
        return None
    return doc[start:end]


def _organisations(doc: Doc, gazetteer: _SpanIndex) -> list[Mention]:
    """The model's ORG entities the gazetteer does not know, as candidate names.

    They may turn out to be a person's surname (bare surnames are often tagged ORG), a party,
    or an organisation; the entities stage decides with the whole article in view.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "NORP", "GPE"}:
            continue
        span = ent
        while len(span) > 1 and (span[0].lower_ == "the" or span[0].is_lower):
            span = span[1:]
        while len(span) > 1 and span[-1].text in {"'s", "’s"}:
            span = span[:-1]
        if _covered(span, gazetteer, {"COUNTRY", "DEMONYM", "ORG", "PARTY", "PARTY_ADJ", "PERSON", "SERIES", "TITLE"}):
            continue
        if ent.label_ == "ORG" and _looks_like_person(span, gazetteer):
            person = _trim_person(span, gazetteer)
            if person is not None:
                out.append(_from_span(person, "PERSON"))
            continue
        label = "NAME" if ent.label_ != "ORG" or len(span) == 1 else "ORG"
        if label == "NAME" and (len(span) != 1 or not span[0].text[:1].isupper()):
            continue
        out.append(_from_span(span, label))
    return out


_ORG_WORDS = {"party", "movement", "league", "council", "committee", "ministry", "court", "bank", "group", "union",
              "association", "institute", "university", "company", "corporation", "corp", "inc", "ltd", "news", "times",
              "post", "agency", "forces", "army", "assembly", "parliament", "government", "office", "department",
              "commission", "organization", "organisation", "front", "alliance", "congress", "federation", "foundation",
              "society", "service", "club", "church", "centre", "center", "house", "states", "kingdom", "republic",
              "senate", "board", "authority", "fund", "trust", "network", "media", "press", "times", "journal"}
_PERSON_SLOT_NOUNS = {"leader", "member", "politician", "candidate", "lawmaker", "legislator", "deputy", "spokesman",
                      "spokeswoman", "chairman", "chairwoman", "head", "minister", "senator", "official", "founder"}


def _looks_like_person(span: Span, gazetteer: _SpanIndex) -> bool:
    """An ORG the model found that is really a person: a name-shaped span (2–4 capitalised
    words, no organisation word) in a slot only people fill: "X, a senior Labour leader," or
    "X of the Y Party"."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or any(not t.is_alpha or not t.text[:1].isupper() or t.lower_ in _ORG_WORDS for t in words):
        return False
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "," and any(
            s.label_ == "TITLE" and s.end == span.start - 1 for s in gazetteer.at(span.start - 2)):
        return True  # "The President, Ana Rojas,"
    after = doc[span.end : min(span.end + 6, span.sent.end)]
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in {"a", "an", "the"}:
        return any(t.lower_ in _PERSON_SLOT_NOUNS for t in after[2:])
    if len(after) >= 3 and after[0].lower_ == "of" and after[1].lower_ == "the":
        return any(s.label_ == "PARTY" for t in after for s in gazetteer.at(t.i)) or \
            any(t.lower_ in {"party", "movement", "league", "congress", "front"} for t in after[2:])
    return False


def _summits(doc: Doc, gazetteer: _SpanIndex) -> list[Mention]:
    """Phrases about a summit: "the G7 summit", "the 27th G8 summit in 2001",
    "the North Atlantic Treaty Organization summit", "the Summit of the Americas", and
    bare back-references ("the summit") that the entities stage ties to a named one."""
    out = []
    for token in doc:
        if token.lower_ not in _SUMMIT_WORDS:
            continue
        start = _modifier_start(token)
        end = token.i + 1
        if end < len(doc) - 1 and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
            end = _proper_run_end(doc, end + 1)
        span = doc[start:end]
        inside = [s for i in range(start, token.i) for s in gazetteer.at(i)
                  if s.label_ == "SERIES" and s.start >= start and s.end <= token.i]
        year, offset = _summit_year(span), _relative_year(doc, start)
        if inside:
            out.append(_from_span(span, "SUMMIT", inside[-1].id_, year, offset))
        elif end > token.i + 1 or any(t.text[:1].isupper() for t in doc[start:token.i] if t.is_alpha):
            out.append(_from_span(span, "SUMMIT", None, year, offset))
        else:
            out.append(_from_span(span, "SUMMIT_REF", None, year, offset))
    return out


def _modifier_start(token: Token) -> int:
    """Index of the first token of the summit's pre-modifiers ("27th G8" in "the 27th G8 summit")."""
    doc = token.doc
    start = token.i
    while start > token.sent.start:
        previous = doc[start - 1]
        if previous.lower_ in {"the", "a", "an", "this", "that", "next", "last", "upcoming", "'s", "’s"} or previous.is_punct and previous.text != "-":
            break
        if previous.pos_ in {"VERB", "ADP", "PRON", "CCONJ", "AUX", "SCONJ"}:
            break
        start -= 1
    return start


def _proper_run_end(doc: Doc, index: int) -> int:
    end = index
    while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in {"of", "the", "and", "-", "–"}):
        end += 1
    while end > index and doc[end - 1].lower_ in {"of", "the", "and", "-", "–"}:
        end -= 1
    return end


def _relative_year(doc: Doc, start: int) -> int:
    """+1 for "next year's summit", -1 for "last year's", else 0."""
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    if "year" in before or "year's" in before:
        if "next" in before:
            return 1
        if "last" in before or "previous" in before:
            return -1
    return 0


def _summit_year(span: Span) -> int | None:
    """A year written in the phrase, or right after it ("the summit in 2001")."""
    doc = span.doc
    window = list(span) + list(doc[span.end : min(span.end + 3, span.sent.end)])
    for token in window:
        if _YEAR.match(token.text):
            return int(token.text)
    return None
