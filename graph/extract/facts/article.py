"""What every rule shares, so it comes first: the state of one article being read
(`ArticleState`), how a finding becomes a Fact (`add_fact`: quotes dropped, hedges
weakened, the date a current fact holds at), and the readings of the parse the rule
families have in common: the words before a title, a verb's subjects and conjuncts,
negation and tense, and which person a name, a pronoun or a bare title stands for.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graph.extract.entities import Resolution
from graph.extract.gazetteer import Gazetteer, Known
from graph.extract.rules import Rule
from graph.model import Article, Entity, Fact, Mention


FORMER = {"former", "formerly", "previously", "retired", "ex", "ex-", "then", "then-", "late", "erstwhile", "previous", "predecessor",
          "onetime", "one-time",
          "ousted", "deposed", "toppled", "overthrown", "assassinated", "slain"}
ACTING = {"acting", "interim", "caretaker"}
ELECT = {"elect", "-elect", "incoming", "next", "designate", "presumptive"}
HEDGE_AUX = {"may", "might", "could"}
PLAN_WORDS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "want", "prepare", "going", "agree",
              "aim", "seek", "vow", "pledge", "promise", "decide", "arrange", "slate", "poise", "likely"}
NEGATING_VERBS = {"skip", "boycott", "decline", "refuse", "miss", "snub", "shun", "cancel", "withdraw", "forgo", "forego", "abandon"}
PRONOUNS = {"he", "she", "him", "her", "his"}
_NP_MODIFIERS = {"amod", "advmod", "compound", "det", "poss", "nummod", "npadvmod", "case"}


@dataclass
class ArticleState:
    """Everything the rules share while reading one article."""

    doc: Doc
    article: Article
    gazetteer: Gazetteer
    resolution: Resolution
    mentions: list[Mention]
    spans: list[Span]  # token span of each mention
    at_token: dict[int, list[int]]  # token index → indexes of the mentions covering it
    entities: dict[str, Entity]
    facts: list[Fact] = field(default_factory=list)
    holders: dict[str, dict[str, str]] = field(default_factory=dict)  # title key → {person key: office's country key}
    home: str | None = None  # country key of the first office the article places: bare titles default to it
    home_region: str | None = None  # gazetteer key of the first state or city whose office the article names
    in_quote: set[int] = field(default_factory=set)
    text: str = ""  # doc.text, taken once: spaCy rebuilds it on every access
    by_sentence: dict[int, list[int]] = field(default_factory=dict)  # sentence start token → mention indexes
    starts: list[int] = field(default_factory=list)  # first token of each mention (non-decreasing), for bisect
    head_offices: dict[str, str] = field(default_factory=dict)  # country key → office key of its head ("President of …")
    head_titles: dict[str, Known] = field(default_factory=dict)  # country key → that head's title ("President")

    def mentions_before(self, position: int) -> range:
        """Indexes of the mentions that start before token `position`, nearest first."""
        return range(bisect.bisect_left(self.starts, position) - 1, -1, -1)

    def in_sentence(self, sent: Span, labels: set[str]) -> list[tuple[int, Span]]:
        """The mentions that start in this sentence, with these labels (per sentence, so
        the rules stay linear in the article's length)."""
        return [(i, self.spans[i]) for i in self.by_sentence.get(sent.start, ()) if self.mentions[i].label in labels]

    def entity_at(self, token: Token, types: set[str]) -> Entity | None:
        for index in self.at_token.get(token.i, ()):
            entity = self.resolution.entity_at(self.mentions, index)
            if entity is not None and entity.type in types:
                return entity
        return None

    def mention_at(self, token: Token, labels: set[str]) -> tuple[int, Mention] | None:
        for index in self.at_token.get(token.i, ()):
            if self.mentions[index].label in labels:
                return index, self.mentions[index]
        return None


#: The longest stretch a quotation runs before its closing mark: a straight quote with no
#: partner this close is a stray (wiki markup, an inch mark, a lost opening), not speech.
MAX_QUOTE_TOKENS = 100


def quoted_tokens(doc: Doc) -> set[int]:
    """Token indexes inside quoted speech. A quote never runs past a line break or past
    MAX_QUOTE_TOKENS without its closing mark: one stray mark must not silence the rest of
    an article. A few quoted words without a verb are a name or a label ("the 'New
    Whigs'"), not speech."""
    quoted: set[int] = set()
    i = 0
    while i < len(doc):
        if doc[i].text in _OPENING_QUOTES and not _closes_a_word(doc, i):
            found = _quote_from(doc, i)
            if found is not None:
                inside, i = found
                if len(inside) > 4 or any(doc[j].pos_ in {"VERB", "AUX"} for j in inside):
                    quoted.update(inside)
                continue
        i += 1
    return quoted


_OPENING_QUOTES = {'"', "“", "«"}
_CLOSING_QUOTES = {'"', "”", "»"}


def _closes_a_word(doc: Doc, index: int) -> bool:
    """A straight quote glued to the end of a word ('clear="left"', 'he said "no"') can
    only close a quote. Read as an opening, one such stray mark would turn the rest of the
    paragraph into speech and the speech after it into narration."""
    before = doc[index - 1] if index > 0 else None
    return doc[index].text == '"' and before is not None and not before.whitespace_ and before.text[-1].isalnum()


def _opens_before_a_word(doc: Doc, index: int) -> bool:
    """A straight quote with a space before it and a word glued after it ('said "We'):
    an opening mark, whatever the count of marks before it says."""
    before, after = doc[index - 1], doc[index + 1] if index + 1 < len(doc) else None
    spaced = bool(before.whitespace_) or before.is_space
    return spaced and after is not None and not doc[index].whitespace_ and after.text[:1].isalnum()


def _quote_from(doc: Doc, opening: int) -> tuple[range, int] | None:
    """The tokens a quote opened at `opening` covers, and where to look for the next one,
    if it ends soon enough: at its closing mark or a line break (a paragraph of quoted
    speech often ends with no closing mark). When another quote opens first, this one was
    never closed, and it covers no more than the rest of its own sentence."""
    for j in range(opening + 1, min(len(doc), opening + 1 + MAX_QUOTE_TOKENS)):
        token = doc[j]
        if token.text == '"' and _opens_before_a_word(doc, j):
            return range(opening + 1, min(j, doc[opening].sent.end)), j
        if token.text in _CLOSING_QUOTES or "\n" in token.text:
            return range(opening + 1, j), j + 1
        if "\n" in token.whitespace_:
            return range(opening + 1, j + 1), j + 1
        if token.text in {"“", "«"}:
            return None
    return None


def add_fact(state: ArticleState, subject: Entity, relation: str, obj: Entity, status: str | None,
             rule: Rule, sent: Span, anchor: Token) -> None:
    """Record what a rule found, unless it joins an entity to itself or sits in quoted
    speech that the rule does not read; a hedged sentence lowers the rule's confidence."""
    if subject.key == obj.key or anchor.i in state.in_quote and not rule.reads_quotes:
        return
    confidence = rule.confidence * _hedge_factor(sent, anchor)
    state.facts.append(Fact(subject=subject.key, relation=relation, object=obj.key, status=status,
                            confidence=round(confidence, 3), sentence=sent.text.strip(),
                            start=sent.start_char, end=sent.end_char, valid_at=_valid_at(state.article, status),
                            extractor=rule.extractor))


def _valid_at(article: Article, status: str | None) -> str | None:
    """Current facts held at the article's date; that is the one date we always know."""
    return article.date if status in {"current", "acting", "attended", "held"} else None


def _hedge_factor(sent: Span, anchor: Token) -> float:
    """Questions, conditionals and speculation weaken what a sentence states."""
    factor = 1.0
    if sent.text.rstrip().endswith("?"):
        factor *= 0.5
    if any(t.lower_ in {"if", "unless", "whether"} and t.i < anchor.i for t in sent):
        factor *= 0.7
    if any(t.lower_ in HEDGE_AUX and t.dep_ == "aux" and t.head == anchor.head for t in sent):
        factor *= 0.8
    return factor


def deduplicated(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object): the most confident statement of it;
    `meets` is symmetric, so its pair is ordered."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        s, o = (fact.subject, fact.object)
        if fact.relation == "meets" and o < s:
            s, o = o, s
        key = (s, fact.relation, o)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return list(best.values())


def words_before(token: Token, limit: int = 4) -> list[Token]:
    """The tokens of the same noun phrase before `token`, nearest first."""
    out = []
    for i in range(token.i - 1, max(token.sent.start, token.i - limit) - 1, -1):
        t = token.doc[i]
        if t.text in {",", ";", ":", "(", ")", "–", "—"} or t.is_space or t.text == "-" and t.whitespace_:
            break
        if t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"} and t.dep_ not in _NP_MODIFIERS:
            break
        out.append(t)
    return out


def status_from_words(words: list[Token], default: str = "current") -> str:
    """The status these words give a title or a role ("former", "acting", "elect"), else `default`."""
    lowered = {w.lower_.strip("-") for w in words} | {w.lower_ for w in words}
    if lowered & FORMER:
        return "former"
    if lowered & ACTING:
        return "acting"
    if lowered & ELECT:
        return "elect"
    return default


def entity_for_key(state: ArticleState, key: str | None) -> Entity | None:
    """The article's entity with this key, else one made from the gazetteer's entry."""
    if key is None:
        return None
    if key in state.entities:
        return state.entities[key]
    known = state.gazetteer.by_key.get(key)
    if known is None:
        return None
    return Entity(key=known.key, type=known.type, label=known.label, wikidata=known.wikidata, country=known.country)


#: Words of address before a name, military ranks among them ("army chief General X").
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "doctor", "professor", "prof", "prof.", "dame",
              "general", "gen.", "lieutenant", "lt.", "colonel", "col.", "admiral", "adm.", "brigadier", "marshal"}


def person_after(state: ArticleState, index: int, sent: Span) -> Entity | None:
    """The person named right at token `index` (skipping an honorific)."""
    while index < sent.end and state.doc[index].lower_ in HONORIFICS:
        index += 1
    if index >= sent.end:
        return None
    return state.entity_at(state.doc[index], {"Person"})


def end_of_mention(state: ArticleState, index: int) -> int:
    """The token after the longest mention that covers token `index`."""
    spans = [state.spans[i] for i in state.at_token.get(index, ()) if state.spans[i] is not None]
    return max((span.end for span in spans), default=index + 1)


def person_of_token(state: ArticleState, token: Token) -> Entity | None:
    """The person a token names, or refers to as a pronoun or a bare title."""
    person = state.entity_at(token, {"Person"})
    if person is not None:
        return person
    if token.lower_ in PRONOUNS:
        return antecedent_of(state, token)
    title = state.mention_at(token, {"TITLE"})
    if title is None:
        return None
    named = person_after(state, state.spans[title[0]].end, token.sent) if state.spans[title[0]] is not None else None
    return named or _holder(state, title[1].key)  # "Prime Minister Fumio Kishida" is Kishida, not the holder


def _holder(state: ArticleState, title_key: str) -> Entity | None:
    """Who "the president" is: the one current holder of that title the article named, or
    among several (a president of Kenya and one of Tanzania), the home country's, the one
    named last; with none of the home country, nobody."""
    holders = state.holders.get(title_key, {})
    if len(holders) > 1:
        holders = {person: place for person, place in holders.items() if place == state.home}
    return state.entities.get(list(holders)[-1]) if holders else None


_SAME_PERSON = ({"he", "him", "his"}, {"she", "her"})


def antecedent_of(state: ArticleState, pronoun: Token, depth: int = 0) -> Entity | None:
    """The last person before the pronoun, preferring subjects ("he" after "Alves said") but
    never over someone named earlier in the pronoun's own sentence.
    An earlier "she" as subject continues the chain ("She will attend …. She is then
    expected …" is one person), and so does a title as subject ("The new prime minister …")."""
    kind = next((k for k in _SAME_PERSON if pronoun.lower_ in k), set())
    fallback = None
    for index in range(pronoun.i - 1, max(0, pronoun.i - 80), -1):
        token = state.doc[index]
        if index == pronoun.sent.start - 1 and fallback is not None:
            return fallback  # a person earlier in the pronoun's own sentence ("X's talks with Y since she …")
        subject = token.dep_ in {"nsubj", "nsubjpass"}
        if subject and token.lower_ in kind and depth < 3:
            return antecedent_of(state, token, depth + 1) or fallback
        person = state.entity_at(token, {"Person"})
        if person is None and subject and (title := state.mention_at(token, {"TITLE"})) is not None:
            person = _holder(state, title[1].key)
        if person is None:
            continue
        if subject or token.head.dep_ in {"nsubj", "nsubjpass"} or token.is_ancestor(pronoun):
            return person  # a subject, or the name a clause around the pronoun hangs from ("X, whose …, when he")
        fallback = fallback or person
    return fallback


def person_in_apposition(state: ArticleState, token: Token) -> Entity | None:
    """The person a role noun stands in apposition to: "X, a spokesman for …" (the noun
    hangs from the name) or "the Secretary of …, X," (the name hangs from the noun)."""
    if token.dep_ == "appos":
        return person_of_token(state, token.head)
    appositive = next((c for c in token.children if c.dep_ == "appos"), None)
    return person_of_token(state, appositive) if appositive is not None else None


def people_and_countries(state: ArticleState, token: Token, types=frozenset({"Person", "Country"})) -> list[Entity]:
    """The entities a subject or object token stands for, following "X and Y", "leaders of
    X and Y" and "delegations from X and Y"."""
    out: list[Entity] = []
    for t in [token, *conjuncts(token)]:
        entity = state.entity_at(t, set(types)) or (person_of_token(state, t) if "Person" in types else None)
        if entity is not None:
            out.append(entity)
        elif t.lower_ in {"leaders", "leader", "delegation", "delegations", "heads", "representatives", "president",
                          "presidents", "officials", "government", "governments"}:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                    out.extend(people_and_countries(state, next(iter(child.children), child), types))
                elif child.dep_ in {"poss", "compound", "amod"}:
                    entity = state.entity_at(child, set(types))
                    if entity is not None:
                        out.append(entity)
    return out


def conjuncts(token: Token) -> list[Token]:
    """The tokens joined to this one by "and" or "or" ("X, Y and Z")."""
    return [t for t in token.subtree if t.dep_ == "conj" and t.head.i in {token.i, *[c.i for c in token.subtree]}]


def subjects_of(verb: Token) -> list[Token]:
    """The subject of a verb, climbing through "plans to attend" and "is considering
    attending", and from "who" to the name a relative clause hangs on."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and current.dep_ == "relcl" and subjects[0].lower_ in {"who", "which", "that"}:
            return [current.head]
        if subjects and current.dep_ == "relcl" and _both_of_whom(subjects[0]):
            return _the_two(current.head)
        if subjects:
            return subjects
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "Before joining the party, she …"
        elif current.dep_ in {"xcomp", "ccomp", "advcl", "conj", "pcomp"} and current.head != current:
            current = current.head
        else:
            break
    return []


def _both_of_whom(subject: Token) -> bool:
    return subject.lower_ == "both" and any(c.lower_ == "of" and any(g.lower_ in {"whom", "which"} for g in c.children)
                                            for c in subject.children)


def _the_two(antecedent: Token) -> list[Token]:
    """Whom "both of whom" means: the antecedent and its conjunct ("A and B, both of whom"),
    or, alone, the antecedent and the subject of the clause it is in ("A told B …, both of
    whom")."""
    if any(t.dep_ == "conj" for t in antecedent.children):
        return [antecedent]
    clause = next((a for a in antecedent.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if clause is not None else None
    return [antecedent] + ([subject] if subject is not None else [])


def verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it complements ("attend" ← "plans" ← "said")."""
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "ccomp", "pcomp", "acomp"} and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


NEGATIVE_SUBJECTS = {"neither", "none", "nobody", "noone", "nor"}


def negated(verb: Token) -> bool:
    """Negation, refusal, or a negative subject ("neither attended", "none of them")."""
    for subject in subjects_of(verb):
        if subject.lower_ in NEGATIVE_SUBJECTS or any(t.lower_ in NEGATIVE_SUBJECTS for t in subject.subtree):
            return True
    for v in verb_chain(verb):
        if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} | NEGATIVE_SUBJECTS for c in v.children):
            return True
        if v.lemma_ in NEGATING_VERBS:
            return True
    return False


def leaves_post(verb: Token) -> bool:
    """"resign", "quit", "retire", "step down", "stand down", "stand aside": a verb of
    leaving the post the sentence names, in any tense or mood."""
    return verb.lemma_ in {"resign", "quit", "retire"} \
        or verb.lemma_ in {"step", "stand"} and any(c.lower_ in {"down", "aside"} for c in verb.children)


def gave_up(verb: Token) -> bool:
    """"X resigned as …", "X has stepped down as …": the subject has left the post. Not
    "X will resign", "X refused to resign", "calls for X to step down"."""
    return leaves_post(verb) and verb.tag_ in {"VBD", "VBN"} and not is_future(verb) \
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_future(verb: Token) -> bool:
    """Future or planned, also when the auxiliary sits on the first of two joined verbs
    ("will travel to Rome and attend")."""
    chain = verb_chain(verb) + (verb_chain(verb.head) if verb.dep_ == "conj" else [])
    for v in chain:
        if any(c.lower_ in {"will", "'ll", "shall", "would"} and c.dep_ in {"aux", "auxpass"} for c in v.children):
            return True
        if v.lemma_ in PLAN_WORDS or v.lower_ in {"expected", "scheduled", "set", "due", "slated"}:
            return True
    return False


def sentences_back(token: Token, count: int) -> int:
    """The first token of the sentence `count` sentences before the token's own."""
    start = token.sent.start
    for _ in range(count):
        start = token.doc[start - 1].sent.start if start else 0
    return start


PAIR_WORDS = {"two", "both", "pair", "duo"}


def names_a_pair(token: Token) -> bool:
    """"the two", "both", "the two leaders": a subject that stands for two people named before."""
    return token.lower_ in PAIR_WORDS or any(c.lower_ in {"two", "both"} for c in token.children)


def last_people(state: ArticleState, before: int, count: int) -> list[Entity]:
    """The last `count` distinct people named before token `before`, in its sentence or
    the one before it."""
    people: list[Entity] = []
    for token in reversed(state.doc[sentences_back(state.doc[before], 1) : before]):
        person = state.entity_at(token, {"Person"})
        if person is not None and person not in people:
            people.append(person)
        if len(people) == count:
            return people
    return []


#: Lower-case words that describe the next name in a list without ending it ("A, former
#: senator B and presidential candidate C").
_DESCRIBERS = {"presidential", "vice-presidential", "candidate", "hopeful", "nominee", "former", "fellow"}


#: A U.S. party and state after a name: "(D-Ill.)", ", R-Texas,".
US_PARTY_TAG = re.compile(r"^\s*(?:\(\s*([DRI])\s*[-–,]|,\s*([DRI])\s*[-–])\s*[A-Z]")


def people_in_list(state: ArticleState, indexes: range) -> list[Entity]:
    """The people named one after another, joined by "and" or commas, in these tokens; a
    title before a name ("A, Senator B and C") or a bracketed aside after one ("A (a former
    governor), B and C") does not end the list."""
    out: list[Entity] = []
    closing = -1
    for index in indexes:
        token = state.doc[index]
        if index <= closing:
            continue  # inside a bracketed aside: "A (a former governor), B and C"
        person = state.entity_at(token, {"Person"})
        if person is not None:
            if person not in out:
                out.append(person)
        elif token.text == "(" and out:
            closing = next((t.i for t in state.doc[index : min(index + 15, indexes.stop)] if t.text == ")"), index)
            if closing == index:
                break
        elif token.text != "," and token.lower_ not in {"and"} | HONORIFICS | _DESCRIBERS \
                and state.mention_at(token, {"TITLE"}) is None:
            break
    return out


def last_entity_before(state: ArticleState, position: int, types: set[str], since: int = 0) -> Entity | None:
    """The entity of one of these types mentioned last before token `position` (and not
    before token `since`)."""
    for index in state.mentions_before(position):
        span = state.spans[index]
        if span is None:
            continue
        if span.start < since:
            return None
        entity = state.resolution.entity_at(state.mentions, index)
        if entity is not None and entity.type in types:
            return entity
    return None
