"""The party gazetteer (data/gazetteer/parties.jsonl): abbreviations and short names it adds
are found as the party in a sentence, an abbreviation several countries' parties share goes
to the party of the country the text is about, and the data stays clean (no duplicate
labels, no country's name as a party's, no bare common word or common acronym as a name).

The sentences are our own, about invented people.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extracted import extractor_by_key

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer"


def _records(name: str) -> list[dict]:
    with (GAZETTEER / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


PARTIES = _records("parties.jsonl")
COUNTRIES = _records("countries.jsonl")
NAME_KINDS = ("aliases", "adjectives", "abbreviations")


# --- abbreviations and short names in a sentence ---------------------------------------

@pytest.mark.parametrize(
    ("text", "person", "relation", "party"),
    [
        pytest.param("In England, Harbourtown's BNP councillor, Ana Rojas, said the count was close.",
                     "person/ana-rojas", "memberOf", "party/british-national-party", id="bnp-britain"),
        pytest.param("In Bangladesh, BNP lawmaker Karim Haque said the strike would go on in Dhaka.",
                     "person/karim-haque", "memberOf", "party/bangladesh-nationalist-party", id="bnp-bangladesh"),
        pytest.param("The Palestinian leader of the PFLP, Samir Odeh, rejected the offer on Monday.",
                     "person/samir-odeh", "leaderOf", "party/popular-front-for-the-liberation-of-palestine",
                     id="pflp"),
        pytest.param("In Canada, Parti Québécois leader Luc Gagnon said Quebec would hold a vote.",
                     "person/luc-gagnon", "leaderOf", "party/parti-quebecois", id="parti-quebecois"),
        pytest.param("Malaysian PKR lawmaker Aminah Yusof spoke in Kuala Lumpur on Friday.",
                     "person/aminah-yusof", "memberOf", "party/peoples-justice-party-malaysia", id="pkr"),
        pytest.param("In Ghana, NPP candidate Kofi Mensah won the seat in Accra.",
                     "person/kofi-mensah", "memberOf", "party/new-patriotic-party", id="npp-ghana"),
        pytest.param("In Taiwan, NPP legislator Lin Mei-hua questioned the premier in Taipei.",
                     "person/lin-mei-hua", "memberOf", "party/new-power-party", id="npp-taiwan"),
        pytest.param("In Nigeria, APC senator Musa Bello said the budget would pass in Abuja.",
                     "person/musa-bello", "memberOf", "party/all-progressives-congress", id="apc-nigeria"),
        pytest.param("In Sierra Leone, APC candidate Fatmata Kamara won the vote in Freetown.",
                     "person/fatmata-kamara", "memberOf", "party/all-peoples-congress", id="apc-sierra-leone"),
        pytest.param("In South Africa, SACP leader Thabo Nkosi spoke to workers in Durban.",
                     "person/thabo-nkosi", "leaderOf", "party/south-african-communist-party", id="sacp"),
        pytest.param("In Germany, NPD councillor Uwe Brandt lost his seat in Saxony.",
                     "person/uwe-brandt", "memberOf", "party/national-democratic-party-of-germany", id="npd"),
    ],
)
def test_added_party_names_are_found(extract_text, text, person, relation, party):
    result = extract_text(text)
    assert (person, party) in result.key_pairs(relation)
    assert extractor_by_key(result, person, relation, party).startswith("rules/")


# --- the data ------------------------------------------------------------------------

#: The abbreviations of one or two characters the file had before issue 11, each reviewed
#: (a U.S. party tag, or a short form news uses beside the party's country). None may be
#: added: a two-letter abbreviation is too often a country code or another acronym.
REVIEWED_SHORT_ABBREVIATIONS = {"BQ", "Cs", "D", "DA", "DP", "DS", "FF", "FG", "FI", "FN", "KO", "LD", "LP", "LR", "MK",
                                "MR", "NP", "PD", "PF", "PJ", "PL", "PP", "PS", "R", "RN", "SF", "SP"}
#: Abbreviations that are also an ISO 3166 code, kept from before issue 11 (each is the
#: party's usual short name); no new one may be added.
REVIEWED_CODE_ABBREVIATIONS = {"CPV", "NLD", "PAN", "SGP", "TUV", "FI", "LR", "MK", "MR", "NP", "PL", "PS"}
#: Words that must never be a party's whole alias or abbreviation: they head many names.
BARE_WORDS = {"union", "front", "alliance", "national", "green", "movement", "league", "congress", "party", "bloc",
              "coalition", "forum", "rally", "platform", "council", "progress", "freedom", "justice", "unity",
              "liberty", "action", "hope", "harmony", "public affairs", "the party"}
#: Acronyms news uses for other things.
COMMON_ACRONYMS = {"UN", "EU", "US", "UK", "PM", "MP", "MPs", "CEO", "MEP", "MSP", "MLA", "MLC", "GDP", "CPI", "NGO",
                   "PAC", "RPG", "GPS", "SDF", "FCC", "CDC", "UNC", "LCD", "ABC", "CPR", "PRC", "NPA", "MMA", "PLC",
                   "LDS", "IDS", "CSV", "UDI", "APR", "GNP", "DUI", "NPC", "AIDS", "NATO"}


def _names(record: dict, kinds=NAME_KINDS):
    for kind in kinds:
        for name in record.get(kind) or ():
            yield kind, name


def test_no_label_is_repeated():
    labels = [p["label"] for p in PARTIES]
    assert sorted({label for label in labels if labels.count(label) > 1}) == []


def test_each_record_keeps_the_file_format():
    keys = ["type", "label", "aliases", "adjectives", "abbreviations", "country"]
    for record in PARTIES:
        assert list(record)[:6] == keys and set(record) <= {*keys, "wikidata"}, record["label"]
        assert all(isinstance(n, str) and n.strip() == n and n for _, n in _names(record)), record["label"]


def test_every_party_has_a_known_country():
    countries = {c["label"] for c in COUNTRIES}
    assert sorted({p["country"] for p in PARTIES} - countries - {"European Union"}) == []


def test_no_short_abbreviation_beyond_the_reviewed_ones():
    short = {name for p in PARTIES for _, name in _names(p, ("abbreviations",)) if len(name) <= 2}
    assert short <= REVIEWED_SHORT_ABBREVIATIONS


def test_no_new_abbreviation_is_a_country_code():
    codes = {c.get("iso2") for c in COUNTRIES} | {c.get("iso3") for c in COUNTRIES}
    found = {name for p in PARTIES for _, name in _names(p, ("abbreviations",)) if name in codes}
    assert found <= REVIEWED_CODE_ABBREVIATIONS


def test_no_name_is_a_country_name_or_demonym():
    country_names = {n.casefold() for c in COUNTRIES for n in [c["label"], *c.get("aliases", []), *c.get("demonyms", [])]}
    clashes = [(p["label"], name) for p in PARTIES for name in [p["label"], *(n for _, n in _names(p))]
               if name.casefold() in country_names]
    assert clashes == []


def test_no_alias_or_abbreviation_is_a_bare_common_word_or_acronym():
    clashes = [(p["label"], name) for p in PARTIES for _, name in _names(p, ("aliases", "abbreviations"))
               if name.casefold() in BARE_WORDS or name in COMMON_ACRONYMS]
    assert clashes == []
