"""Office rules: who holds which office, read from a title before a name ("Chilean
President Ana Rojas"), in apposition ("Tomas Alves, the President of Brazil"), as a
predicate ("X was elected President of Chile"), merely nearby (a candidate for the
relation model), and from administrations and predecessors ("the X administration",
"Rojas's predecessor, Tomas Alves").
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from graph.extract.facts.article import (
    ACTING,
    ELECT,
    FORMER,
    HEDGE_AUX,
    ArticleState,
    add_fact,
    antecedent_of,
    end_of_mention,
    entity_for_key,
    gave_up,
    is_future,
    leaves_post,
    negated,
    people_in_list,
    person_after,
    person_in_apposition,
    person_of_token,
    status_from_words,
    subjects_of,
    words_before,
)
from graph.extract.facts.office_entities import (
    country_of_region_named,
    mint_office,
    mint_regional_office,
    named_office,
    place_name,
    place_kind_end,
    regional_place,
    last_state_named_before,
)
from graph.extract.gazetteer import Known
from graph.extract.mentions import LEAD_VERBS
from graph.extract.rules import CUES, RULES
from graph.model import Entity, Fact


_TAKES_OFFICE = re.compile(r"\bwill (take office|be sworn in|be inaugurated|assume office)|\bis due to take office", re.I)
#: Bare titles a portfolio word can precede ("Tourism Minister").
PORTFOLIO_TITLES = {"minister", "secretary", "ministre", "vice minister", "vice-minister", "deputy minister"}
#: Titles that, right after a party's name, are posts in the party.
PARTY_POSTS = {"president", "chairman", "chairwoman", "chair", "secretary", "secretary-general", "secretary general",
               "general secretary", "vice president", "vice-president", "leader", "spokesman", "spokeswoman"}
#: Common nouns the gazetteer lists as titles that, after "his" or "her", name a relation to
#: a person ("his deputy") rather than an office.
PERSONAL_TITLE_WORDS = {"deputy", "lawmaker", "legislator"}


def _title_status(state: ArticleState, title: Span) -> str:
    """Status cues around a title: "former …", "then-…", "acting …", "…-elect", and
    "newly elected … will take office"."""
    doc = title.doc
    words = words_before(title[0], 5)
    if any(w.lower_ == "elected" for w in words) and _TAKES_OFFICE.search(title.sent.text):
        return "elect"
    if title.start >= 2 and doc[title.start - 1].lower_ == "as" and doc[title.start - 2].lower_ in {"predecessor", "predecessors"}:
        return "former"  # "her predecessor as President of Brazil, Tomas Alves"
    after = doc[title.end : min(title.end + 2, len(doc))]
    for t in after:
        if t.lower_ in {"-elect", "elect", "designate", "-designate"} or t.lower_.endswith(("-elect", "-designate")):
            return "elect"
    if any(t.lower_.endswith("-elect") for t in title):
        return "elect"
    if _ended_by_its_noun(title):
        return "former"
    start = min((w.i for w in words), default=title.start)
    if start >= 1 and doc[start].lower_ == "recently" and doc[start - 1].lower_ == "until":
        return "former"  # "X, until recently a Republican senator"
    if title.root.dep_ == "conj" and not words:  # "a former minister and governor of X": "former" says both
        return status_from_words([c for c in title.root.head.children if c.i < title.root.head.i])
    status = status_from_words(words)
    return "former" if status == "current" and _ended_by_its_verb(title) else status  # ("Interim PM X resigned": acting)


#: Nouns of an end of office: "the resignation of Prime Minister X", "President X's ouster".
_ENDING_NOUNS = {"resignation", "dismissal", "ouster", "removal", "overthrow", "impeachment", "retirement", "death",
                 "funeral", "assassination", "sacking", "firing", "killing", "murder", "burial", "downfall"}


#: Verbs that ask for an end rather than report one: "demanding the resignation of X".
_ASKING_VERBS = {"demand", "call", "urge", "seek", "want", "ask", "press", "push", "threaten", "propose", "request",
                 "reject", "refuse", "deny", "oppose", "plan", "expect", "fear", "rule"}


def _ended_by_its_noun(title: Span) -> bool:
    """Whether the titled name is the one whose end of office the sentence reports (not
    one it asks for: "protesters demanded the resignation of Prime Minister X")."""
    name = title.root.head if title.root.dep_ == "compound" else title.root
    if name.dep_ == "poss":
        noun = name.head
    elif name.dep_ == "pobj" and name.head.lower_ == "of":
        noun = name.head.head
    else:
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head  # "called for the resignation"
    return noun.lemma_.lower() in _ENDING_NOUNS and verb.lemma_ not in _ASKING_VERBS


#: Verbs whose passive subject died: "Foreign Minister X was assassinated".
_KILLING_VERBS = {"kill", "assassinate", "murder", "slay", "execute"}
#: Verbs whose passive subject lost the post: "Prime Minister X was dismissed".
_REMOVAL_VERBS = {"dismiss", "sack", "fire", "oust", "depose", "remove", "topple", "overthrow", "impeach", "unseat"}


def _ended_by_its_verb(title: Span) -> bool:
    """"Prime Minister X resigned on Friday", "President X was ousted", "Among those
    dismissed was Prime Minister X": the sentence reports the end of the titled person's
    tenure (not of another post: "X resigned as party leader")."""
    name = title.root
    while name.dep_ == "compound" and name.head != name:
        name = name.head  # "Prime Minister Ana Rojas": up to the name's last word
    verb = name.head
    if name.dep_ == "nsubj" and gave_up(verb):
        return not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if name.dep_ == "nsubjpass" and verb.tag_ == "VBN" and (verb.lemma_ in _REMOVAL_VERBS | _KILLING_VERBS
                                                            or any(c.lower_ == "fatally" for c in verb.children)):
        return not negated(verb) and not is_future(verb)  # ("was assassinated", "was fatally shot": died in office)
    if name.dep_ == "nsubj" and verb.lemma_ == "die" and verb.tag_ == "VBD":
        return not negated(verb)
    if name.dep_ == "dobj" and verb.lemma_ in _SUCCESSION_VERBS and verb.tag_ == "VBD":
        return not negated(verb)  # "Y succeeded King X": X's reign is over
    if name.dep_ in {"attr", "nsubj"} and verb.lemma_ == "be":  # "among those dismissed was X"
        return any(t.lemma_ in _REMOVAL_VERBS and t.tag_ == "VBN" for c in verb.children if c.dep_ == "prep"
                   for t in c.subtree)
    return False


def _country_near(state: ArticleState, tokens: list[Token]) -> Entity | None:
    """The country (or known international organisation) an office belongs to, from these words.

    Organisations the model found on its own ("German Federal Chancellor" tagged ORG)
    are not trusted as the owner of an office."""
    for t in tokens:
        entity = state.entity_at(t, {"Country"}) or state.entity_at(t, {"Organization"})  # "Lebanese" in "Lebanese Parliament"
        if entity is not None and (entity.type == "Country" or entity.key in state.gazetteer):
            return entity
    return None


def _title_and_portfolio(state: ArticleState, known: Known, title: Span) -> tuple[Known, str | None]:
    """The title and the portfolio an office is named by: a bare "Minister" with the words
    that name its portfolio, or a minister's title with more of the portfolio joined before
    it ("Foreign Affairs and Trade Minister": Minister of Foreign Affairs and Trade)."""
    portfolio = _portfolio(state, title)
    minister = state.gazetteer.by_key.get(_MINISTER)
    if portfolio is not None or minister is None or known.extra.get("kind") != "minister" \
            or not known.label.startswith("Minister of "):
        return known, portfolio
    joined = _portfolio_joined_before(state, title)
    return (minister, f"{joined} and {known.label[len('Minister of '):]}") if joined else (known, None)


_MINISTER = "title/minister"


def _portfolio_joined_before(state: ArticleState, title: Span) -> str | None:
    """"Health and" in "Health and Ageing Minister", "Communications, Information Technology
    and" before "Arts Minister": capitalised words joined to the title by "and"."""
    doc = title.doc
    index = title.start - 1
    if index <= title.sent.start or doc[index].lower_ not in {"and", "&"}:
        return None
    words: list[Token] = []
    for token in reversed(doc[max(title.sent.start, index - 8) : index]):
        if token.text == "," and words or _portfolio_word(state, token, title) and token.text[:1].isupper():
            words.insert(0, token)
        else:
            break
    while words and words[0].text == ",":
        words.pop(0)
    return doc[words[0].i : index].text if words else None


def _portfolio(state: ArticleState, title: Span) -> str | None:
    """The capitalised words before a bare "Minister" that name its portfolio
    ("Tourism" in "Indonesian Tourism Minister")."""
    if title.text.lower() not in PORTFOLIO_TITLES:
        return None
    words: list[Token] = []
    doc = title.doc
    for token in reversed(doc[max(title.sent.start, title.start - 6) : title.start]):
        if token.lower_ in {"and", "&"} and words or _portfolio_word(state, token, title):
            words.insert(0, token)
        else:
            break
    while words and words[0].lower_ in {"and", "&"}:
        words.pop(0)
    return " ".join(w.text if w.text[:1].isupper() or w.lower_ in {"and", "&"} else w.text.capitalize() for w in words) \
        or _portfolio_after(state, title)


#: Nouns before "minister" that name no portfolio ("a cabinet minister", "the government minister").
_NO_PORTFOLIO = {"cabinet", "government", "party", "coalition", "opposition", "shadow", "state", "country", "nation",
                 "regime", "junior", "senior", "prime", "chief", "deputy", "federal", "union", "top", "key"}


def _portfolio_word(state: ArticleState, token: Token, title: Span) -> bool:
    """A word of the portfolio before a bare "Minister": capitalised ("Social Security
    Minister") or a lower-case noun compounded with it ("immigration minister")."""
    if not token.is_alpha or state.at_token.get(token.i) or token.lower_ in FORMER | ACTING | ELECT | _NO_PORTFOLIO:
        return False
    return token.text[:1].isupper() or token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.i >= title.start


def _portfolio_after(state: ArticleState, title: Span) -> str | None:
    """"Minister of Public Works and Housing", "Minister for Education and Training": the
    capitalised words after "of" or "for", when they name no country or known body (a
    portfolio after "for" keeps it: "Minister for Education and Training")."""
    doc = title.doc
    if title.end + 1 >= title.sent.end or doc[title.end].lower_ not in {"of", "for"}:
        return None
    end = _portfolio_end(state, title.end + 1, title.sent)
    words = doc[title.end + 1 : end].text
    return (f"for {words}" if doc[title.end].lower_ == "for" else words) if words else None


def _portfolio_end(state: ArticleState, index: int, sent: Span) -> int:
    """Where the portfolio's capitalised words from `index` end ("Education and Training"):
    at a person, a country or known body, or any other word."""
    doc, end = state.doc, index
    while end < sent.end and (doc[end].text[:1].isupper() and doc[end].is_alpha or doc[end].lower_ in {"and", "&"}
                              or doc[end].lower_ == "the" and end > index) \
            and not any(state.mentions[i].label in {"PERSON", "NAME"} or state.mentions[i].key
                        and state.mentions[i].label not in {"PARTY", "PARTY_ADJ"}  # "Minister for Labour"
                        for i in state.at_token.get(end, ())):
        end += 1
    while end > index and doc[end - 1].lower_ in {"and", "&", "the"}:
        end -= 1
    return end


def _past_portfolio(state: ArticleState, title: Span, index: int, sent: Span) -> int:
    """Past a minister's portfolio after the title ("Minister for Education and Training"), or
    `index` itself when none follows."""
    doc = state.doc
    if title.text.lower() not in PORTFOLIO_TITLES or index + 1 >= sent.end or doc[index].lower_ not in {"for", "of"}:
        return index
    end = _portfolio_end(state, index + 1, sent)
    return end if end > index + 1 else index


_JUDGE = "title/judge"


def read_offices(state: ArticleState, sent: Span) -> None:
    """Who holds the office each title in the sentence names: the first title rule that finds
    a person wins, and the Office is minted for the country it belongs to. A judge's post
    is a seat on a court, which "Judge" and a place do not name ("Judge X of Texas"); a
    "Chief Justice of <country>" is named by the country."""
    for index, title in state.in_sentence(sent, {"TITLE"}):
        known = state.gazetteer.by_key.get(state.mentions[index].key)
        prefixed = _prefixed_portfolio(title) if known is not None else None
        if prefixed is not None:
            _read_prefixed_office(state, known, title, *prefixed, sent)
            continue
        region = regional_place(state, known, title) if known is not None else None
        state_country = country_of_region_named(state, title) \
            if known is not None and region is None and not known.extra.get("local") else None  # a mayor's is a city
        if known is None or known.key == _JUDGE \
                or _personal_title(title) or _party_post(state, title) or _figurative_royal(title, known) \
                or _modifies_another_noun(state, title) or _ranked_below(title, known) \
                or region is None and state_country is None \
                and (_title_of_unknown_body(state, title, known) or _post_of_a_common_noun(title)):
            continue
        succession = _succession(state, title)
        found = succession[0] if succession else _title_before_name(state, title, sent) \
            or _apposition(state, title, sent) or _predicative(state, title, sent) or _nearby_person(state, title, sent)
        if found is None:
            continue
        person, place, status, rule = found
        if region is None and place is None and _said_national(title):
            place = state_country or _country_of_home_region(state)  # "the Federal Opposition Leader X"
        elif region is None and place is None:
            region = _home_region(state, known, title)
            place = state_country if region is None else None
        if region is not None:
            _add_regional_office(state, person, known, region, title, status, rule, sent)
            continue
        home = state.home
        titled, portfolio = _title_and_portfolio(state, known, title)
        office = mint_office(state, titled, place, person, portfolio, title)
        if rule.candidate_only:
            state.home = home  # a mere candidate must not set the country bare titles default to
        if office is None:
            continue
        if status == "current" and state.gazetteer.tenure_ended(person.key, known, office[0].country, state.article.date):
            status = "former"  # a passing mention of a past holder ("President X" decades on)
        if status == "current" and rule.name == "office.predicative" \
                and state.gazetteer.takes_office_soon(person.key, known, office[0].country, state.article.date):
            status = "elect"  # "X was elected President" weeks before the inauguration
        if status == "current" and office[0].country and _contradicted(state, person, known, office[0].country):
            continue
        if (rule.candidate_only or office[1] < 1.0) and office[0].country \
                and state.gazetteer.head_title_unknown_there(known, office[0].country):
            continue  # a guessed title or country, and a country the tables know has no such office
        add_fact(state, person, "holdsOffice", office[0], status, rule.scaled(office[1]), sent, title[0])
        if succession and succession[1] != person:  # the one replaced holds it until the successor takes over
            add_fact(state, succession[1], "holdsOffice", office[0], "current" if status == "elect" else "former",
                     rule.scaled(office[1]), sent, title[0])
        if rule.candidate_only:
            continue
        if known.extra.get("kind") == "head" and office[0].country:
            state.head_offices.setdefault(office[0].country, office[0].key)
            state.head_titles.setdefault(office[0].country, known)
        if status in {"current", "acting"}:
            holders = state.holders.setdefault(known.key, {})
            holders.pop(person.key, None)  # the latest holder named comes last
            holders[person.key] = office[0].country or ""
    read_body_posts(state, sent)


#: Posts in a body of the state, named "<Post> of <the body>" ("Secretary of the Security
#: Council of Russia", "Member of the United States House of Representatives").
BODY_POSTS = {"secretary": "Secretary", "chairman": "Chairman", "chairwoman": "Chairwoman", "chair": "Chair",
              "member": "Member", "administrator": "Administrator", "commissioner": "Commissioner",
              "director": "Director", "president": "President", "commander": "Commander", "constable": "Constable"}
#: Words before a post that are part of its name ("Executive Secretary", "Vice President").
_POST_RANKS = {"executive": "Executive", "deputy": "Deputy", "vice": "Vice", "first": "First", "chief": "Chief",
               "supreme": "Supreme"}
#: Ranks that, a word or two before a post, make it a junior one the text names only in part.
_JUNIOR_RANKS = {"deputy", "vice", "assistant", "associate", "under"}
_CHAMBER_NAME = re.compile(r"\b(House|Senate|Assembly|Parliament|Congress|Chamber)\b")
#: Bodies every state has under the same name, which an office's name completes with the
#: country ("Executive Secretary of the Council of Ministers of Ruritania").
_GENERIC_BODIES = (("council", "of", "ministers"), ("council", "of", "state"))


def read_body_posts(state: ArticleState, sent: Span) -> None:
    """"X, Secretary of the Ruritanian Security Council", "the executive secretary of the
    Council of Ministers, X", "Security Council Secretary X", "X, a member of the
    Supreme National Security Council": an officer of a named body of a state holds the
    post "<Post> of <the body>" (with the country when the body's name is one every state
    has). Only bodies the gazetteer places in a country, or those generic ones, count:
    a company's or a club's secretary holds no public office."""
    doc = state.doc
    for token in sent:
        post = BODY_POSTS.get(token.lower_)
        if post is None or token.pos_ not in {"NOUN", "PROPN"} or token.i in state.in_quote:
            continue
        first = token
        if token.i - 1 >= sent.start and doc[token.i - 1].lower_.strip("-") in _POST_RANKS:
            first = doc[token.i - 1]
            post = f"{_POST_RANKS[first.lower_.strip('-')]} {post}"
        elif token.lower_ == "president":
            continue  # a bare president of a body is its head under many names
        if any(w.lower_ in _JUNIOR_RANKS for w in words_before(first, 2)):
            continue  # "the deputy finance director of the Agency": a junior post, not the director's
        body = _body_after_of(state, token, sent) or _body_before(state, first, token)
        if body is None:
            continue
        label, place, end = body
        person = _post_holder(state, token, end, sent)
        if person is None:
            continue
        office = named_office(state, f"{post} of {label}", place)
        status = status_from_words(words_before(first, 4))
        add_fact(state, person, "holdsOffice", office, status, RULES["office.body_post"], sent, token)


def _body_after_of(state: ArticleState, token: Token, sent: Span) -> tuple[str, Entity, int] | None:
    """The body named right after "<post> of (the)": a state's body the gazetteer knows, or
    a generic one completed with its country. Returns its name, owner and end."""
    doc = state.doc
    at = token.i + 1
    if at + 1 >= sent.end or doc[at].lower_ != "of":
        return None
    at += 2 if doc[at + 1].lower_ == "the" else 1
    if at >= sent.end:
        return None
    parliament = _national_parliament(state, at, sent) if token.lower_ == "member" else None
    if parliament is not None:
        return parliament
    force = _forces_named_at(state, at, sent) if token.lower_ != "member" else None  # (a soldier holds no office)
    if force is not None:  # "Commander of the Ruritanian Armed Forces"
        return force
    body = state.entity_at(doc[at], {"Organization"})
    if body is not None and body.key in state.gazetteer:
        if not body.country:
            return None
        end = end_of_mention(state, at)
        if not _phrase_ends(state, end, sent) or _another_countrys_namesake(state, body, doc[at:end].text):
            return None
        return place_name(state, body), body, end
    words = tuple(t.lower_ for t in doc[at : at + 3])
    if words not in _GENERIC_BODIES:
        return _unlisted_public_body(state, token, body, at, sent)
    end = at + 3
    country = None
    if end + 1 < sent.end and doc[end].lower_ == "of":
        country = state.entity_at(doc[end + 1], {"Country"})
        end = end_of_mention(state, end + 1) if country is not None else end
    country = country or _only_country(state, sent)
    if country is None and not any(state.entity_at(t, {"Country"}) for t in sent):
        country = entity_for_key(state, state.home)
    if country is None or not _phrase_ends(state, end, sent):
        return None
    name = " ".join(t.text[:1].upper() + t.text[1:] if t.lower_ != "of" else "of" for t in doc[at : at + 3])
    return f"the {name} of {place_name(state, country)}", country, end


def _unlisted_public_body(state: ArticleState, post: Token, body: Entity | None, at: int,
                          sent: Span) -> tuple[str, Entity, int] | None:
    """A public body the gazetteer does not know, by the words that name one ("chairman of
    the Commission for Racial Equality"): its officers hold public posts. Not its members,
    whose seat the text rarely makes a post, and not a company's or a party's officers."""
    if not _unlisted_public_post(body, post):
        return None
    end = end_of_mention(state, at)
    return (place_name(state, body), body, end) if _phrase_ends(state, end, sent) else None


def _unlisted_public_post(body: Entity | None, post: Token) -> bool:
    return body is not None and post.lower_ != "member" and _PUBLIC_BODY.search(body.label) is not None \
        and _NO_PUBLIC_BODY.search(body.label) is None \
        and body.label.split()[-1].lower() not in BODY_POSTS  # ("Electoral Commission Chair": the name ran on)


#: The words that name a state's armed or police forces.
_FORCES = re.compile(r"\b(Armed Forces|Military Forces|Defence Forces?|Defense Forces?|Army|Navy|Air Force|Police"
                     r"(?: Force| Service)?|Constabulary|National Guard)$")


def _forces_named_at(state: ArticleState, at: int, sent: Span) -> tuple[str, Entity, int] | None:
    """A state's armed or police forces named from token `at` by capitalised words that end
    in a word of forces and hold a country's name or demonym ("Royal Ruritanian Air Force",
    "Republic of Ruritania Military Forces"): the name, the country and where it ends."""
    doc, end = state.doc, at
    while end < sent.end and (doc[end].text[:1].isupper() and doc[end].is_alpha
                              or doc[end].lower_ == "of" and end + 1 < sent.end and doc[end + 1].text[:1].isupper()):
        end += 1
    name = doc[at:end].text
    if end == at or not _FORCES.search(name) or not _phrase_ends(state, end, sent):
        return None
    country = next((e for t in doc[at:end] if (e := state.entity_at(t, {"Country"})) is not None), None)
    return (f"the {name}", country, end) if country is not None else None


#: Names of public bodies the gazetteer need not know: an officer of one holds a public post.
#: (Not a committee: a legislature's committees have names of their own the text shortens,
#: and parties and campaigns have committees too.)
_PUBLIC_BODY = re.compile(r"\b(Commission|Council|Agency|Authority|Office|Bureau|Board|Administration|"
                          r"Directorate|Secretariat|Inspectorate|Tribunal)\b")
#: Words that make a body a company's, a party's or a club's.
_NO_PUBLIC_BODY = re.compile(r"\b(Party|Inc|Ltd|Limited|Corporation|Company|Group|Club|Bank|Foundation|University|"
                             r"Church|Union|Association|Federation)\b")


def _national_parliament(state: ArticleState, at: int, sent: Span) -> tuple[str, Entity, int] | None:
    """"a member of the Ruritanian parliament", "a member of Ruritania's parliament": the
    country's parliament, named as the gazetteer names it when it knows one of that name
    ("the Hellenic Parliament"), else "the Parliament of <country>"."""
    doc = state.doc
    country = state.entity_at(doc[at], {"Country"})
    if country is None:
        return None
    end = end_of_mention(state, at)
    end += end < sent.end and doc[end].text in {"'s", "’s"}
    if end >= sent.end or doc[end].lower_ != "parliament":
        return None
    known = next((k for k in state.gazetteer.entries("Organization")
                  if k.country == country.key and "Parliament" in k.label), None)
    body = entity_for_key(state, known.key) if known is not None else None
    return (place_name(state, body) if body is not None else f"the Parliament of {place_name(state, country)}",
            country, end + 1)


def _body_before(state: ArticleState, first: Token, post: Token) -> tuple[str, Entity, int] | None:
    """"the Russian Security Council Secretary X", "Fisheries Commission chairman X": a
    state's body the gazetteer knows, or a public body it does not, right before the post."""
    if first.i == first.sent.start:
        return None
    body = state.entity_at(state.doc[first.i - 1], {"Organization"})
    if body is None or (body.key not in state.gazetteer or not body.country) and not _unlisted_public_post(body, post):
        return None
    return place_name(state, body), body, first.i + 1 if first.i < len(state.doc) else first.i


def _another_countrys_namesake(state: ArticleState, body: Entity, written: str) -> bool:
    """"the House of Representatives" outside an article about the chamber's own country:
    many countries' chambers share the name, so only one that says its country ("the U.S.
    House") is sure."""
    if state.home == body.country or not _CHAMBER_NAME.search(body.label):
        return False
    country = state.gazetteer.by_key.get(body.country)
    names = (country.label, *country.aliases, *country.extra.get("demonyms", ())) if country is not None else ()
    return not any(re.search(rf"\b{re.escape(name)}", written) for name in names if name)


def _phrase_ends(state: ArticleState, end: int, sent: Span) -> bool:
    """Whether the body's name ends its noun phrase: not "the Senate Foreign Relations
    Committee", where the post is the committee's."""
    if end >= sent.end:
        return True
    nxt = state.doc[end]
    return not (nxt.pos_ in {"NOUN", "PROPN"} and state.entity_at(nxt, {"Person"}) is None) and nxt.text not in {"'s", "’s"}


def _only_country(state: ArticleState, sent: Span) -> Entity | None:
    countries = {e.key: e for t in sent if (e := state.entity_at(t, {"Country"})) is not None}
    return next(iter(countries.values())) if len(countries) == 1 else None


def _post_holder(state: ArticleState, token: Token, end: int, sent: Span) -> Entity | None:
    """Who holds the post: the name after it ("Security Council Secretary X", "Secretary of
    the Council X"), the name it stands in apposition to ("X, Secretary of …", "the
    Secretary of …, X,"), or the subject of "X is a member of …"."""
    doc = state.doc
    index = end + 1 if end < sent.end and doc[end].text == "," else end
    person = person_after(state, index, sent) if index < sent.end else None
    if person is not None:
        return person
    if token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children):
        return person_in_apposition(state, token)
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        return person_of_token(state, subject) if subject is not None else None
    return None


#: Titles a Westminster opposition shadows: its ministers, and the heads they would replace.
_SHADOWED_KINDS = {"minister", "head"}
#: Words before a minister's title that name a post of its own, with the rank as named in
#: the post's name: "Shadow Health Minister", "Deputy Defence Minister", "the vice minister
#: for labour".
_PREFIXES = {"shadow": "Shadow", "deputy": "Deputy", "vice": "Vice", "assistant": "Assistant"}


def _prefixed_portfolio(title: Span) -> tuple[str, str] | None:
    """The prefix word before the title, as the post's name says it, and the portfolio words
    between it and the title ("" when none); None when no such word comes first."""
    words = words_before(title[0], 4)  # nearest first
    for n, token in enumerate(words):
        if token.lower_ in _PREFIXES:
            return _PREFIXES[token.lower_], " ".join(w.text[:1].upper() + w.text[1:] for w in reversed(words[:n]))
        if not token.is_alpha or token.lower_ in {"the", "a", "an"} or token.ent_type_ in {"GPE", "NORP", "PERSON"}:
            return None
    return None


def _read_prefixed_office(state: ArticleState, known: Known, title: Span, prefix: str, portfolio: str,
                          sent: Span) -> None:
    """A post named by a prefix and a minister's title. A shadow minister holds no office of
    the state: "Shadow Health Minister X" holds the opposition's post "Shadow Minister of
    Health of <country>", and "the shadow chancellor" shadows the Chancellor of the
    Exchequer, never the head of government. A deputy is not the minister: "Deputy Defence
    Minister X" holds "Deputy Minister of Defence of <country>"."""
    if prefix == "Shadow" and known.extra.get("kind") not in _SHADOWED_KINDS \
            or prefix != "Shadow" and (known.extra.get("kind") != "minister" or not known.label.startswith("Minister")):
        return
    if known.key == "title/chancellor":
        known = state.gazetteer.by_key.get("title/chancelloroftheexchequer", known)
    found = _title_before_name(state, title, sent) or _apposition(state, title, sent)
    if found is None:
        return
    person, place, status, rule = found
    prefixed = replace(known, key=f"{known.key}/{prefix.lower()}", label=f"{prefix} {known.label}",
                       extra={**known.extra, "kind": "minister", "head": False, "national_labels": {}})
    office = mint_office(state, prefixed, place, person, portfolio or _portfolio_after(state, title), title)
    if office is not None:
        add_fact(state, person, "holdsOffice", office[0], status, rule.scaled(office[1]), sent, title[0])


def _add_regional_office(state: ArticleState, person: Entity, known: Known, region: Known, title: Span,
                         status: str, rule, sent: Span) -> None:
    """A state's, province's or city's office: the tenure tables know only national ones,
    and its holder is no holder of the country's bare title ("the premier" of a state is
    not "the Prime Minister")."""
    titled, portfolio = _title_and_portfolio(state, known, title)
    office = mint_regional_office(state, titled, region, title, portfolio)
    if office is not None:
        state.home_region = state.home_region or region.key
        add_fact(state, person, "holdsOffice", office, status, rule, sent, title[0])


def _home_region(state: ArticleState, known: Known, title: Span) -> Known | None:
    """In an article about a state's government ("Victorian Premier X" earlier), a bare
    "Premier", "Deputy Premier", governor or opposition leader is that state's, unless
    the state its sentence names last before it is another. A premier is a state's or a
    province's in a sentence that names one before the title, when no country is beside it."""
    region = state.gazetteer.by_key.get(state.home_region) if state.home_region else None
    nearer = last_state_named_before(state, title)
    premier = "premier" in title.text.lower() and known.extra.get("kind") in {"head", "minister"}
    if region is None and premier:  # "voters in the province of X defeated the government of Premier Y"
        return nearer or _only_state_named_before(state, title)
    if region is None or region.extra.get("kind") != "state" or nearer is not None and nearer.key != region.key:
        return None  # ("…, meeting his counterpart in Ulster, First Minister X": another state's)
    return region if premier or known.extra.get("local") and known.key != "title/mayor" else None


#: Words before a title that say it is the country's, not a state's.
_NATIONAL_WORDS = {"federal", "national", "commonwealth"}


def _said_national(title: Span) -> bool:
    return any(w.lower_ in _NATIONAL_WORDS for w in words_before(title[0], 2))


def _country_of_home_region(state: ArticleState) -> Entity | None:
    """The country of the state the article is about: whose "federal" posts it names."""
    region = state.gazetteer.by_key.get(state.home_region) if state.home_region else None
    return entity_for_key(state, region.country) if region is not None else None


def _only_state_named_before(state: ArticleState, title: Span) -> Known | None:
    """The state or province the article names before the title, if it names only one."""
    places = [state.mentions[index] for index in state.mentions_before(title.start)
              if state.mentions[index].label == "PLACE" and state.mentions[index].key]
    states = {m.key for m in places if m.key.startswith("region/state/")  # not "Wales" in "New South Wales"
              and not any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in places)}
    return state.gazetteer.by_key.get(next(iter(states))) if len(states) == 1 else None


def read_plural_titles(state: ArticleState, sent: Span) -> None:
    """"The Prime Ministers of A and B, X and Y", "the Ruritanian and Freedonian presidents,
    X and Y", "X and Y, the foreign ministers of A and B": a plural title shared out in
    order, when as many people as countries are named."""
    doc = state.doc
    for token in sent:
        title = _singular_title(state, token)
        if title is None:
            continue
        known, start = title
        after = token.i + 1
        countries, end = _countries_listed(state, after + 1, sent) if after < sent.end and doc[after].lower_ == "of" \
            else ([], after)
        countries = countries or _countries_before(state, start, sent)
        people = _people_listed_after(state, end, sent) or _people_listed_before(state, doc[start], sent)
        status = status_from_words(words_before(doc[start], 4))
        if len(countries) < 2:
            _read_shared_plural_title(state, known, doc[start : token.i + 1], countries, end, status, sent)
            continue
        if len(people) != len(countries):
            continue
        for person, country in zip(people, countries):
            if status == "current" and _contradicted(state, person, known, country.key):
                continue
            office = mint_office(state, known, country, person, None, doc[start : token.i + 1])
            if office is not None:
                add_fact(state, person, "holdsOffice", office[0], status, RULES["office.plural_title"], sent, token)


def _read_shared_plural_title(state: ArticleState, known: Known, title: Span, countries: list[Entity], end: int,
                              status: str, sent: Span) -> None:
    """"former U.S. presidents X and Y", "Prime Ministers X and Y", "three presidents of
    Ruritania, X, Y and Z": one title of one country (or of none named) shared by the two
    or more people listed right after it. With no country named, each holds the title
    where the tenure tables place them, and nowhere else: "foreign ministers X and Y" may
    serve two countries."""
    doc = state.doc
    direct = people_in_list(state, range(end, min(sent.end, end + 14))) if end < sent.end \
        and state.entity_at(doc[end], {"Person"}) is not None else []
    people = direct or (_people_listed_after(state, end, sent) if end < sent.end and doc[end].text == "," else [])
    if len(people) < 2:
        return
    for person in people:
        place = countries[0] if countries else None
        if place is None:
            held = state.gazetteer.office_place(person.key, known, state.article.date)
            place = entity_for_key(state, held.key) if held is not None else None
        if place is None:
            continue
        said = status
        if said == "current" and state.gazetteer.tenure_ended(person.key, known, place.key, state.article.date):
            said = "former"
        if said == "current" and _contradicted(state, person, known, place.key):
            continue
        office = mint_office(state, known, place, person, None, title)
        if office is not None:
            add_fact(state, person, "holdsOffice", office[0], said, RULES["office.shared_plural_title"], sent, title[-1])


def _singular_title(state: ArticleState, token: Token) -> tuple[Known, int] | None:
    """The title a plural noun names ("Prime Ministers", "foreign ministers"), with the index
    of its first word."""
    lower = token.lower_
    if not lower.endswith("s") or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    for width in (2, 1, 0):
        start = token.i - width
        if start < token.sent.start:
            continue
        words = [t.text for t in state.doc[start : token.i]] + [singular]
        known = next(iter(state.gazetteer.lookup("OfficeTitle", " ".join(words))), None)
        if known is not None:
            return known, start
    return None


def _countries_listed(state: ArticleState, index: int, sent: Span) -> tuple[list[Entity], int]:
    """The countries of "of A, B and C" from `index`, and where the list ends."""
    doc, out = state.doc, []
    while index < sent.end:
        token = doc[index]
        country = state.entity_at(token, {"Country"})
        if country is not None:
            if country not in out:
                out.append(country)
        elif token.text == "," and not (index + 1 < sent.end and state.entity_at(doc[index + 1], {"Country"})):
            break
        elif token.text != "," and token.lower_ not in {"and", "the"}:
            break
        index += 1
    return out, index


def _countries_before(state: ArticleState, start: int, sent: Span) -> list[Entity]:
    """"the Ruritanian and Freedonian presidents": the countries modifying the title."""
    doc, out = state.doc, []
    index = start - 1
    while index >= sent.start and (doc[index].lower_ in {"and", ","} or state.entity_at(doc[index], {"Country"})):
        country = state.entity_at(doc[index], {"Country"})
        if country is not None and country not in out:
            out.insert(0, country)
        index -= 1
    return out


def _people_listed_after(state: ArticleState, end: int, sent: Span) -> list[Entity]:
    """"…, X and Y": the people in apposition after the title's phrase (which ends at `end`)."""
    doc = state.doc
    while end < sent.end and doc[end].text != ",":
        end += 1
    return people_in_list(state, range(end + 1, min(sent.end, end + 14)))


def _people_listed_before(state: ArticleState, first: Token, sent: Span) -> list[Entity]:
    """"X and Y, the presidents of …": the people right before ", the"."""
    doc = state.doc
    comma = first.i - 2 if first.i - 2 >= sent.start and doc[first.i - 1].lower_ == "the" else first.i - 1
    if comma < sent.start or doc[comma].text != ",":
        return []
    start = comma
    while start - 1 >= sent.start and comma - start < 12 and doc[start - 1].pos_ not in {"VERB", "AUX", "ADP"} \
            and doc[start - 1].text != ",":
        start -= 1
    return people_in_list(state, range(start, comma))


_CABINET = "Member of the Cabinet of "


def without_vaguer_offices(facts: list[Fact], entities: dict[str, Entity]) -> list[Fact]:
    """"Cabinet minister X, the Minister of Agriculture": "Member of the Cabinet of Japan"
    says less than the portfolio the same article gives X, so it is dropped (as is any
    "<Title> of <place>" beside a longer "<Title> of … of <place>")."""
    offices = {(f.subject, entities[f.object].label) for f in facts
               if f.relation == "holdsOffice" and f.object in entities}
    def vaguer(fact: Fact) -> bool:
        office = entities.get(fact.object)
        if fact.relation != "holdsOffice" or office is None or " of " not in office.label:
            return False
        if office.label.startswith(_CABINET):  # "cabinet minister X, the Minister of Agriculture"
            place = office.label.removeprefix(_CABINET)
            return any(subject == fact.subject and label.startswith("Minister") and label.endswith(f" of {place}")
                       for subject, label in offices)
        title, place = office.label.split(" of ", 1)
        return any(subject == fact.subject and label != office.label and label.startswith(f"{title} of ")
                   and label.endswith(f" of {place}") for subject, label in offices)
    return [f for f in facts if not vaguer(f)]


#: Words news uses for a country's head of state or government without naming the office.
LEADER_NOUNS = {"leader", "ruler", "strongman"}


def read_country_leaders(state: ArticleState, sent: Span) -> None:
    """"The Chilean leader X", "Libya's leader, X", "X, the nation's leader": "leader" names
    no office, but the tenure tables say which head-of-state or head-of-government office
    X held (in that country, when one is named) on the article's date. Nothing is stated
    when they do not, so an opposition or rebel leader gets no office from this."""
    for token in sent:
        if token.lower_ not in LEADER_NOUNS or token.pos_ != "NOUN" or state.mention_at(token, {"TITLE"}):
            continue
        before = words_before(token, 3)
        if any(state.entity_at(t, {"PoliticalParty"}) for t in before):
            continue  # "the Labour leader": a party's leader
        country = next((c for t in before if (c := state.entity_at(t, {"Country"})) is not None), None)
        person = person_after(state, token.i + 1, sent) or (person_of_token(state, token.head) if token.dep_ == "appos" else None) \
            or next((p for c in token.children if c.dep_ == "appos" and (p := person_of_token(state, c)) is not None), None)
        held = state.gazetteer.head_office_at(person.key, country.key if country else None, state.article.date) \
            if person is not None else None
        if held is None:
            continue
        title, place = held
        office = mint_office(state, title, country or entity_for_key(state, place.key), person, None,
                             sent[token.i - sent.start : token.i - sent.start + 1])
        if office is not None:
            add_fact(state, person, "holdsOffice", office[0], "current", RULES["office.country_leader"], sent, token)


def _contradicted(state: ArticleState, person: Entity, title: Known, place_key: str) -> bool:
    """Whether the tenure tables rule out that this person held this office on the article's
    date: the tables name someone else as this head of state or government; the person's
    tenures of it all begin later (a candidate called "President X"); or the person was
    heading another country then (a title read onto the wrong name)."""
    gazetteer, day = state.gazetteer, state.article.date
    if title.extra.get("kind") == "head" and gazetteer.held_by_others(person.key, title, place_key, day):
        return True
    is_country = place_key in state.entities and state.entities[place_key].type == "Country"
    return gazetteer.not_yet_held(person.key, title, place_key, day) \
        or is_country and gazetteer.heads_elsewhere(person.key, place_key, day)


def _figurative_royal(title: Span, known: Known) -> bool:
    """"Russia's petroleum king", "a beauty queen": a royal title in lower case after a
    modifying noun is a figure of speech; a monarch is "King X" or "the king of X"."""
    after = title.doc[title.end] if title.end < len(title.doc) else None
    return known.extra.get("kind") == "royal" and title.text.islower() \
        and (after is None or after.lower_ != "of") and title.start > 0 and title.doc[title.start - 1].pos_ in {"NOUN", "PROPN"}


#: Words before a title that say which level of the state holds it ("Federal Minister for
#: Health", "Union Home Minister"), capitalised like a body's name but naming none.
_STATE_LEVELS = {"federal", "union", "national", "central"}


def _title_of_unknown_body(state: ArticleState, title: Span, known: Known) -> bool:
    """"Toyota President X", "Equity Bank chairman X", "treasurer of the Brewers' Guild": a
    name right before the title, or an organisation the model found right after "of" or "for", that
    is no country, party or body we know makes it that body's post, not the state's."""
    if not title.start or title.text.lower() in PORTFOLIO_TITLES:  # "Tourism Minister": a portfolio
        return False
    doc = title.doc
    after = title.end + 2 if title.end + 2 < len(doc) and doc[title.end + 1].lower_ == "the" else title.end + 1
    chamber_seat = known.extra.get("kind") == "legislator"  # "Speaker of the Riksdag" is the state's
    if title.end < len(doc) and doc[title.end].lower_ in {"of", "for"} and after < len(doc) and not chamber_seat:
        if doc[title.end + 1].lower_ in {"a", "an"} or doc[after].lower_ in _NON_STATE_BODIES:
            return True  # "president of a chain of bookshops", "the president of operator X"
        body = state.mention_at(doc[after], {"ORG"})
        if body is not None and body[1].key is None and state.mention_at(doc[after], {"COUNTRY"}) is None:
            return True
    before = doc[title.start - 1]
    if before.pos_ != "PROPN" or not before.text[:1].isupper() or before.lower_ in FORMER | ACTING | ELECT | _STATE_LEVELS:
        return False
    if state.mention_at(before, {"COUNTRY", "DEMONYM", "PARTY", "PARTY_ADJ", "TITLE"}) is not None:
        return False
    known_body = state.entity_at(before, {"Organization"})
    return known_body is None or known_body.key not in state.gazetteer


#: Nouns after "<title> of" that name a body outside the state.
_NON_STATE_BODIES = {"company", "firm", "corporation", "operator", "chain", "bank", "club", "university", "college",
                     "school", "airline", "carrier", "team", "business", "charity", "newspaper", "board", "foundation"}


def _party_post(state: ArticleState, title: Span) -> bool:
    """"the Congress party president", "SPD chairman", "the president of the Greens": a post
    in a party, not in the state (a party adjective before "Senator" or "Governor" only says
    which party)."""
    doc = title.doc
    after = title.end + 2 if title.end + 2 < len(doc) and doc[title.end + 1].lower_ == "the" else title.end + 1
    if title.end < len(doc) and doc[title.end].lower_ == "of" and after < len(doc) \
            and title.text.lower() in PARTY_POSTS and state.mention_at(doc[after], {"PARTY"}) is not None:
        return True  # "the President of the Liberal Democrats"
    if not title.start:
        return False
    before = doc[title.start - 1]
    in_party_name = state.mention_at(before, {"PARTY", "PARTY_ADJ"}) is not None
    return before.text == "party" and not in_party_name or title.text.lower() in PARTY_POSTS and in_party_name


#: Words before a title that make it another post: "Deputy Defense Secretary", "Assistant
#: Secretary of State", "executive vice president" (a company's).
RANK_WORDS = {"deputy", "vice", "assistant", "associate", "executive", "senior"}


def _post_of_a_common_noun(title: Span) -> bool:
    """"the central bank governor", "the WWF's chief executive", "a union president": a
    title right after a common noun or an organisation's possessive is that body's post.
    (A minister's portfolio word, "tourism minister", is the state's.)"""
    if not title.start or title.text.lower() in PORTFOLIO_TITLES:
        return False
    before = title.doc[title.start - 1]
    owner = title.doc[title.start - 2] if before.text in {"'s", "’s"} and title.start >= 2 else None
    noun = before.pos_ in {"NOUN", "PROPN"} and before.is_lower and len(before.text) > 3 \
        and before.lower_ not in _PERSON_NOUNS  # not debris ("Ecuador ian"), not "the first woman president"
    return noun and before.dep_ in {"compound", "nmod", "amod"} or owner is not None and owner.ent_type_ == "ORG"


#: Nouns before a title that describe its holder, not a body: "the first woman president".
_PERSON_NOUNS = {"woman", "women", "female", "lady"}


def _ranked_below(title: Span, known: Known) -> bool:
    """"Deputy Defense Secretary X" is not the Defense Secretary; the deputy's office has a
    name of its own, which the gazetteer lists when it matters ("Deputy Prime Minister").
    Nor is "a state senator" a member of the country's senate."""
    before = title.doc[title.start - 1] if title.start > 0 else None
    return before is not None and (before.lower_ in RANK_WORDS
                                   or before.lower_ == "state" and known.extra.get("kind") == "legislator")


#: What is named after a title in the possessive: "Queen's University", "President's Cup".
_NAMED_AFTER_A_TITLE = {"university", "college", "school", "hospital", "park", "cup", "prize", "award", "medal",
                        "guard", "regiment", "road", "street", "square", "bridge", "island", "hall", "theatre", "house"}


def _modifies_another_noun(state: ArticleState, title: Span) -> bool:
    """"the acting deputy budget director", "a minister's aide": a title word that only
    modifies a common noun after it names that noun's kind, not an office."""
    root = title.root
    head = root.head
    next_is_title = title.end < len(state.doc) and state.mention_at(state.doc[title.end], {"TITLE"}) is not None
    if root.lower_ in RANK_WORDS and next_is_title:
        return True  # "Deputy" in "Deputy Defense Secretary" ranks the next title
    doc = state.doc
    if title.end + 1 < len(doc) and doc[title.end].text in {"'s", "’s"} and doc[title.end + 1].text[:1].isupper() \
            and (doc[title.end + 1].ent_type_ in {"ORG", "FAC", "EVENT", "WORK_OF_ART"}
                 or doc[title.end + 1].lower_ in _NAMED_AFTER_A_TITLE):
        return True  # "Queen's University", "King's College": a name that starts with a title
    return root.dep_ in {"compound", "amod", "nmod"} and head.i > root.i and head.pos_ == "NOUN" \
        and state.mention_at(head, {"TITLE"}) is None and head.lower_ not in CUES["spokesperson"] \
        and head.lower_.strip("-") not in ELECT | ACTING | FORMER \
        and not any(state.mention_at(t, {"PERSON", "NAME"}) for t in state.doc[title.end : head.i])


def _personal_title(title: Span) -> bool:
    """"his deputy, X": the title word names X's relation to someone, not an office."""
    before = title.doc[title.start - 1] if title.start else None
    return title.text.lower() in PERSONAL_TITLE_WORDS and before is not None and before.lower_ in {"his", "her", "their"}


#: Verbs of taking an office from its holder: "X succeeded Y as President".
_SUCCESSION_VERBS = {"succeed", "replace"}


def _succession(state: ArticleState, title: Span):
    """"X succeeded Y as President of Chile", "Y was replaced by X as Chile's president",
    "the party named X to succeed Y as leader": X holds the office (or will: "elect"),
    with the rule's usual findings, and Y held it before; None for any other title."""
    preposition = title.root.head
    if title.root.dep_ != "pobj" or preposition.lower_ != "as":
        return None
    verb = preposition.head
    if verb.dep_ == "pobj" and verb.head.dep_ == "agent":  # "by X as …"
        verb = verb.head.head
    if verb.lemma_ not in _SUCCESSION_VERBS or verb.pos_ != "VERB" or negated(verb) or _guessed(verb):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        new = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        old = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    else:
        controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None) if verb.dep_ == "xcomp" else None
        new = controller or next(iter(subjects_of(verb)), None)  # "named X to succeed Y": X
        old = next((c for c in verb.children if c.dep_ == "dobj"), None)
    successor = person_of_token(state, new) if new is not None else None
    predecessor = person_of_token(state, old) if old is not None else None
    if successor is None or predecessor is None or successor == predecessor:
        return None
    status = "elect" if verb.tag_ in {"VB", "VBG"} or is_future(verb) else _title_status(state, title)
    place = _country_near(state, words_before(title[0], 5) + list(title)) or _of_place(state, title, title.sent)
    return (successor, place, status, RULES["office.succession"]), predecessor


def _title_before_name(state, title: Span, sent: Span):
    """"(former) Chilean President Ana Rojas", "Chancellor Jonas Berg of Austria",
    "Prime Minister of Australia Ana Rojas"."""
    index = title.end
    doc = state.doc
    while index < sent.end and (doc[index].lower_ in {"-elect", "elect", "-", "designate", "-designate"} or doc[index].text == "("):
        index += 1
    index = _past_portfolio(state, title, index, sent)  # "Minister for Trade and Industry Ana Rojas"
    owner = None
    if index + 1 < sent.end and doc[index].lower_ == "of":
        country_at = index + 2 if doc[index + 1].lower_ == "the" else index + 1
        owner = state.entity_at(doc[country_at], {"Country"}) if country_at < sent.end else None
        if owner is not None:
            index = end_of_mention(state, country_at)
    index = _past_destination(state, index, sent)
    person = person_after(state, index, sent)
    if person is None:
        return None
    before = words_before(title[0], 5)
    place = owner or _country_near(state, before + list(title))
    person_end = _end_of_person(state, index)
    if (place is None or _posted_to(state, title, place)) and person_end + 1 < sent.end and doc[person_end].lower_ == "of":
        # ("U.N. Ambassador X of Chile": the country whose envoy X is)
        place = _country_near(state, [doc[person_end + 1], doc[min(person_end + 2, sent.end - 1)]]) or place
    if place is None:
        place = _of_place(state, title, sent)
    return person, place, _title_status(state, title), RULES["office.title_before_name"]


def _posted_to(state: ArticleState, title: Span, body: Entity) -> bool:
    """Whether the title is a post to this body, not of it ("U.N. Ambassador": the post of a
    country to the United Nations)."""
    hit = state.mention_at(title[0], {"TITLE"})
    known = state.gazetteer.by_key.get(hit[1].key) if hit is not None else None
    return known is not None and body.type != "Country" and body.label in known.extra.get("suffix", "")


def _past_destination(state, index: int, sent: Span) -> int:
    """Past the country or body a post is to ("ambassador to (the) X"), or `index` itself
    when none follows: the name comes after it."""
    doc = state.doc
    if index + 1 >= sent.end or doc[index].lower_ != "to":
        return index
    at = index + 2 if doc[index + 1].lower_ == "the" else index + 1
    if at < sent.end and state.entity_at(doc[at], {"Country", "Organization"}) is not None:
        return end_of_mention(state, at)
    return index


def _nearby_person(state, title: Span, sent: Span):
    """A title with the nearest person named within a few words, in no construction the
    rules above know: only a candidate, which the relation model keeps or drops."""
    people = [(abs(span.start - title.end) if span.start >= title.end else abs(title.start - span.end), entity)
              for index, span in state.in_sentence(sent, {"PERSON", "NAME"})
              if (entity := state.resolution.entity_at(state.mentions, index)) is not None and entity.type == "Person"]
    titled = {entity.key for index, span in state.in_sentence(sent, {"PERSON", "NAME"})
              if span.start > 0 and span.start - 1 != title.end - 1 and state.mention_at(state.doc[span.start - 1], {"TITLE"})
              and (entity := state.resolution.entity_at(state.mentions, index)) is not None}
    possessors = {entity.key for index, span in state.in_sentence(sent, {"PERSON", "NAME"})
                  if span.end < title.start <= span.end + 4 and state.doc[span.end].text in {"'s", "’s"}
                  and (entity := state.resolution.entity_at(state.mentions, index)) is not None}
    near = [(gap, entity) for gap, entity in people if gap <= 8 and entity.key not in titled | possessors]
    # ("Prime Minister X" is no "President"; "X's chief of staff" is someone else)
    possessive = title.end < sent.end and state.doc[title.end].text in {"'s", "’s"}  # "the Prime Minister's envoy, X"
    if not near or possessive or _a_kind_of_person(state, title) or _guessed(title.root.head):
        return None
    person = min(near, key=lambda pair: pair[0])[1]
    place = _country_near(state, words_before(title[0], 5) + list(title)) or _of_place(state, title, sent)
    return person, place, _title_status(state, title), RULES["office.nearby"]


def _a_kind_of_person(state, title: Span) -> bool:
    """"a public speaker", "a good president": a lower-case title after "a" and a
    describing adjective says what kind of person someone is, not which office they hold."""
    doc = state.doc
    start = title.start
    adjectives = []
    while start > title.sent.start and doc[start - 1].pos_ == "ADJ":
        start -= 1
        adjectives.append(doc[start])
    return title.text.islower() and bool(adjectives) and start > title.sent.start \
        and doc[start - 1].lower_ in {"a", "an"} \
        and not any(state.mention_at(a, {"COUNTRY", "DEMONYM", "PARTY_ADJ"}) or a.lower_ in FORMER | ACTING | ELECT
                    for a in adjectives)


def _end_of_person(state, index: int) -> int:
    hit = state.mention_at(state.doc[index], {"PERSON", "NAME"})
    return state.spans[hit[0]].end if hit else index + 1


def _of_place(state, title: Span, sent: Span) -> Entity | None:
    """"President of France", "Secretary-General of the United Nations": the country or
    body right after "of (the)", not one inside another name ("of the Brewers' Union of
    South America")."""
    doc = state.doc
    if title.end < sent.end and doc[title.end].lower_ in {"of", "for"}:  # ("Press Secretary for the White House")
        first = title.end + 2 if title.end + 2 < sent.end and doc[title.end + 1].lower_ == "the" else title.end + 1
        return _country_near(state, [doc[first]]) if first < sent.end else None
    return None


def _apposition(state, title: Span, sent: Span):
    """"Tomas Alves, the President of Brazil,", "Tomas Alves – President of Brazil" and "The
    President of Chile, Ana Rojas,"."""
    doc = state.doc
    before = words_before(title[0], 5)
    place = _country_near(state, before + list(title)) or _of_place(state, title, sent)
    status = _title_status(state, title)
    # name, [the] [country's] title
    start = before[-1].i if before else title.start
    first = title.root.head
    if not before and title.root.dep_ == "conj" and first.dep_ == "appos" and first.i < title.start:
        start = first.left_edge.i  # "Ana Rojas, a former lawyer and governor of Maule,"
    if start - 1 > sent.start and doc[start - 1].text in {",", "-", "–", "—"}:  # "Ana Rojas – President of Chile"
        person = state.entity_at(doc[start - 2], {"Person"})
        if person is not None:
            return person, place, status, RULES["office.apposition"]
    # [the] title [for portfolio] [of X] [(...)] , name
    index = _past_portfolio(state, title, title.end, sent)
    if index < sent.end and doc[index].lower_ == "of":
        index += 1
        named = place_kind_end(doc, index, sent)  # "the Chief Minister of the Indian state of Karnataka, X"
        if named is not None:
            index = named
            while index < sent.end and doc[index].text[:1].isupper():
                index += 1
        while index < sent.end and (doc[index].lower_ == "the" or state.entity_at(doc[index], {"Country", "Organization"})):
            index += 1
    index = _past_destination(state, index, sent)
    if index < sent.end and doc[index].text == "(":
        while index < sent.end and doc[index].text != ")":
            index += 1
        index += 1
    if index + 1 < sent.end and doc[index].text == ",":
        person = person_after(state, index + 1, sent)
        if person is not None:
            return person, place, status, RULES["office.title_first_apposition"]
    return None


def _predicative(state, title: Span, sent: Span):
    """"X was elected the next President of Chile", "X became prime minister", "X resigned
    as foreign minister"."""
    head = title.root
    if head.dep_ not in {"attr", "oprd", "pobj"}:
        return None
    verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "as" else head.head
    if verb.lemma_ not in {"be", "become", "elect", "appoint", "name", "swear", "inaugurate", "serve", "remain", "nominate",
                           "install", "choose", "select", "stay", "continue"} and not leaves_post(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ in {"xcomp", "conj"}:  # "X is expected to be sworn in as …", "X won and became …"
        subject = next(iter(subjects_of(verb)), None)
    person = person_of_token(state, subject) if subject is not None else _person_before_auxiliaries(state, verb)
    chooser = verb.head if verb.lemma_ == "be" and verb.dep_ == "xcomp" and verb.head.lemma_ in _CHOOSING else verb
    if chooser.lemma_ in _CHOOSING:
        # the one elected or sworn in: "swore in X as vice president" parses X under "in";
        # "will nominate X to be Energy Secretary" makes X, not the one who nominates, the holder
        objects = [c for c in chooser.children if c.dep_ == "dobj" and c.i not in range(title.start, title.end)] + [
            g for c in chooser.children if c.dep_ in {"prep", "prt"} and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        chosen = next((p for p in (person_of_token(state, t) for t in objects) if p is not None), None)
        active = not any(c.dep_ in {"nsubjpass", "auxpass"} for c in chooser.children)
        # the subject of "X appointed Y as minister" chose, and holds nothing by it
        person = chosen if chosen is not None or objects and active else person
        verb = chooser
    if person is None or _guessed(verb):
        return None
    words = words_before(title[0], 4)
    status = status_from_words(words + [verb], default="current")
    if status == "current" and verb.lemma_ in {"serve", "be", "remain"} and verb.tag_ in {"VBD", "VBN"} \
            and (verb.lemma_ == "serve" or _closed_period(verb)):
        status = "former"
    if status == "current" and gave_up(verb):
        status = "former"  # "X resigned as foreign minister"
    if status == "current" and verb.lemma_ in _CHOOSING | {"become"} and is_future(verb):
        status = "elect"
    place = _country_near(state, words) or _of_place(state, title, sent)
    return person, place, status, RULES["office.predicative"]


#: Verbs that put someone in an office.
_CHOOSING = {"elect", "appoint", "name", "nominate", "choose", "select", "install", "swear", "inaugurate"}


def _guessed(verb: Token) -> bool:
    """"X might become prime minister", "whether X would become king": a guess, not a post."""
    clauses = [verb] + [a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}][:2]
    return any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX for c in verb.children) \
        or any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for clause in clauses for c in clause.children)


def _closed_period(verb: Token) -> bool:
    """"was … until 2019", "up to 2015 he was …", "was … from 2015 to 2017": the text gives
    the end."""
    tokens = sorted(verb.subtree, key=lambda t: t.i)
    for position, token in enumerate(tokens):
        if token.lower_ in {"until", "till"} or token.lower_ == "up" and position + 1 < len(tokens) \
                and tokens[position + 1].lower_ == "to":
            return True
        if token.lower_ == "from" and any(t.lower_ in {"to", "–", "-"} and t.i + 1 < len(t.doc) and
                                          (t.doc[t.i + 1].like_num or t.doc[t.i + 1].text[:1].isupper())
                                          for t in tokens[position + 1 :]):
            return True
    return False


def _person_before_auxiliaries(state: ArticleState, verb: Token) -> Entity | None:
    """The person right before a subjectless verb's auxiliaries ("Rojas being elected")."""
    first = min([c.i for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i] + [verb.i])
    return state.entity_at(state.doc[first - 1], {"Person"}) if first > verb.sent.start else None


ADMINISTRATION_NOUNS = {"administration", "government", "presidency", "cabinet"}


def read_administrations(state: ArticleState, sent: Span) -> None:
    """"South Korea's last administration, which was led by X" and "the X administration":
    X headed the country's government, so held the head's office the article names for it
    ("President of South Korea"); formerly when the text says so or someone else holds it now."""
    for noun in sent:
        if noun.lower_ not in ADMINISTRATION_NOUNS or noun.pos_ != "NOUN":
            continue
        leaders = [c for c in noun.children if c.dep_ in {"compound", "poss"}] + [
            g for v in noun.children if v.dep_ in {"relcl", "acl"} and v.lemma_ in LEAD_VERBS
            for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        people = [p for t in leaders if (p := state.entity_at(t, {"Person"})) is not None]
        country = next((c for t in noun.children if (c := state.entity_at(t, {"Country"})) is not None), None)
        past = any(t.lower_ in FORMER | {"last", "past"} for t in noun.children) or any(
            v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in v.children) for v in noun.children if v.dep_ in {"relcl", "acl"})
        for person in people:
            known = state.gazetteer.by_key.get(person.key)
            country_key = country.key if country is not None else (known.country if known is not None else state.home)
            office_key = state.head_offices.get(country_key or "")
            if office_key is None:
                continue
            others_now = any(f.object == office_key and f.status == "current" and f.subject != person.key for f in state.facts)
            status = "former" if past or others_now else "current"
            title, day = state.head_titles[country_key], state.article.date
            if state.gazetteer.not_yet_held(person.key, title, country_key, day):
                if not state.gazetteer.takes_office_soon(person.key, title, country_key, day):
                    continue  # "X's government" of a leader the tables have not yet seen in office
                status = "elect"  # "X's cabinet" the day after X won the election
            add_fact(state, person, "holdsOffice", state.entities[office_key], status, RULES["office.administration"], sent, noun)


#: A U.S. cabinet post, and the portfolios its secretaries' counterparts abroad hold.
_US_CABINET_POST = re.compile(r"^United States Secretary of (.+)$")
_US_PORTFOLIOS = {"State": "Foreign Affairs", "Defense": "Defence", "the Treasury": "Finance"}
#: Titles whose holder's counterpart abroad holds the same title there.
_COUNTERPART_TITLES = re.compile(r"^(Prime Minister|President|Chancellor|(Deputy |Vice )?Minister (of|for) .+|"
                                 r"Premier|Secretary of State)$")  # ("Minister" alone names no portfolio)


def read_counterparts(state: ArticleState, sent: Span) -> None:
    """"X and his Chinese counterpart, Y", "X's Japanese counterpart Y": Y holds in the
    country named the office X holds (a U.S. Secretary of State's counterparts are foreign
    ministers). Without a country beside "counterpart", nothing is said of Y."""
    for noun in sent:
        if noun.lower_ != "counterpart" or noun.pos_ != "NOUN":
            continue
        country = next((e for t in noun.lefts for e in [state.entity_at(t, {"Country"})] if e is not None), None)
        owner = next((t for t in noun.lefts if t.dep_ == "poss"), None)
        holder = None if owner is None else antecedent_of(state, owner) if owner.lower_ in {"his", "her"} \
            else person_of_token(state, owner)
        person = person_in_apposition(state, noun) or person_after(
            state, noun.i + 1 + (noun.i + 1 < sent.end and state.doc[noun.i + 1].text == ","), sent)
        if country is None or holder is None or person is None or person.key == holder.key:
            continue
        office = _counterpart_office(state, holder, country)
        if office is not None:
            add_fact(state, person, "holdsOffice", office, "current", RULES["office.counterpart"], sent, noun)


def _counterpart_office(state: ArticleState, holder: Entity, country: Entity) -> Entity | None:
    """The office in `country` matching the holder's current national office in this article."""
    for fact in reversed(state.facts):
        office = state.entities.get(fact.object)
        if fact.subject != holder.key or fact.relation != "holdsOffice" or fact.status not in {"current", "acting"} \
                or office is None or not office.country or office.country == country.key:
            continue
        own = state.entities.get(office.country)
        suffix = f" of {place_name(state, own)}" if own is not None else None
        title = office.label[: -len(suffix)] if suffix and office.label.endswith(suffix) else None
        us_post = _US_CABINET_POST.match(office.label)
        if us_post:  # "United States Secretary of State": abroad, the minister of that portfolio
            title = f"Minister of {_US_PORTFOLIOS.get(us_post.group(1), us_post.group(1))}"
        if title is not None and _COUNTERPART_TITLES.match(title):
            return named_office(state, f"{title} of {place_name(state, country)}", country)
    return None


def read_predecessors(state: ArticleState, sent: Span) -> None:
    """"Rojas's predecessor, Tomas Alves,": Alves formerly held the office Rojas holds now."""
    for noun in sent:
        if noun.lower_ != "predecessor" or any(c.lower_ == "as" for c in noun.children):
            continue  # "predecessor as President of Brazil" names the office itself
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        holder = person_of_token(state, owner) if owner is not None else None
        named = next((c for c in noun.children if c.dep_ == "appos"), None)
        person = person_of_token(state, named) if named is not None else None
        if holder is None or person is None or holder == person:
            continue
        offices = {f.object for f in state.facts if f.subject == holder.key and f.relation == "holdsOffice"
                   and f.status in {"current", "acting"}}
        for key in sorted(offices):
            add_fact(state, person, "holdsOffice", state.entities[key], "former", RULES["office.predecessor"], sent, noun)
