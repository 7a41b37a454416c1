"""The extraction rules, one mechanism at a time, on short news sentences we wrote ourselves.

Most people here are invented; a few real leaders appear where the gazetteer's knowledge
of them is the point. Each test states what a careful reader would take from the text;
where the extractor does not yet do that, the test is marked xfail (strict) with what it
does instead, so that the fix shows up as an XPASS.
"""
from __future__ import annotations

import pytest

from extracted import extractor_by_key, extractor_of, extractors

JUNE_2025 = "2025-06-01"


#: A date after the tenure tables' last update: fictional heads of real countries are not
#: contradicted by the holder the tables know (tests/test_knowledge.py covers that).
AFTER_THE_TABLES = "2031-06-01"


# --- offices: which person, which title, which country --------------------------------

@pytest.mark.parametrize(
    ("text", "person", "office", "rule"),
    [
        pytest.param("South Korean President Han Seo-jun arrived in Tokyo on Monday for two days of talks.",
                     "Han Seo-jun", "President of South Korea", "office.title_before_name", id="demonym"),
        pytest.param("Japan's foreign minister Kenji Arakawa told reporters the visit would go ahead.",
                     "Kenji Arakawa", "Minister of Foreign Affairs of Japan", "office.title_before_name",
                     id="possessive"),
        pytest.param("Chancellor Hans Weber of Germany opened the trade fair in Hanover on Sunday.",
                     "Hans Weber", "Chancellor of Germany", "office.title_before_name", id="of-country-after-name"),
        pytest.param("Marie Dubois, the President of France, flew to Berlin on Tuesday.",
                     "Marie Dubois", "President of France", "office.apposition", id="apposition-after-name"),
        pytest.param("The talks were opened by Marie Dubois - the President of France - on Tuesday.",
                     "Marie Dubois", "President of France", "office.apposition", id="apposition-between-dashes"),
        pytest.param("The Prime Minister of Canada, Jean Tremblay, said the talks had gone well.",
                     "Jean Tremblay", "Prime Minister of Canada", "office.title_first_apposition",
                     id="apposition-before-name"),
        pytest.param("Jean Tremblay, Canada's prime minister, said the talks had gone well.",
                     "Jean Tremblay", "Prime Minister of Canada", "office.apposition", id="possessive-apposition"),
        pytest.param("Michael Harlow, the President of the United States, signed the bill on Friday.",
                     "Michael Harlow", "President of the United States", "office.apposition", id="the-country"),
        pytest.param("U.S. Senator Robert Keane voted against the bill on Thursday.",
                     "Robert Keane", "United States Senator", "office.title_before_name",
                     id="abbreviated-country"),
        pytest.param("U.S. Senate Majority Leader Robert Keane scheduled the vote for Thursday.",
                     "Robert Keane", "Majority Leader of the United States Senate", "office.title_before_name",
                     id="leader-of-a-chamber"),
        pytest.param("U.S. House Speaker Ann Dorsey scheduled the vote for Thursday.",
                     "Ann Dorsey", "Speaker of the United States House of Representatives", "office.title_before_name",
                     id="speaker-of-the-house"),
        pytest.param("Canada's Federal Minister for Health, Ada Brenn, released her report on Tuesday.",
                     "Ada Brenn", "Minister of Health of Canada", "office.title_first_apposition",
                     id="federal-minister"),
        pytest.param("Ada Brenn, the Auditor General of Canada, released her report on Tuesday.",
                     "Ada Brenn", "Auditor General of Canada", "office.apposition", id="auditor-general"),
        pytest.param("Malawian Foreign Minister Tomas wa Mbeya flew to Lusaka on Friday.",
                     "Tomas wa Mbeya", "Minister of Foreign Affairs of Malawi", "office.title_before_name",
                     id="name-with-particle"),
        pytest.param("Russian UN Ambassador Pavel Orlov vetoed the resolution on Friday.",
                     "Pavel Orlov", "Permanent Representative of Russia to the United Nations",
                     "office.title_before_name", id="ambassador-to-the-un"),
        pytest.param("UN Secretary-General Jonathan Mercer called for a ceasefire on Wednesday.",
                     "Jonathan Mercer", "Secretary-General of the United Nations", "office.title_before_name",
                     id="organisation-before"),
        pytest.param("Jonathan Mercer, the Secretary-General of the United Nations, called for a ceasefire.",
                     "Jonathan Mercer", "Secretary-General of the United Nations", "office.apposition",
                     id="organisation-apposition"),
    ],
)
def test_extract_office_is_title_of_country(extract_text, text, person, office, rule):
    result = extract_text(text)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Prime Ministers of Finland and Sweden, Aino Virtanen and Lars Holmqvist, met in Oslo.",
                     id="title-of-countries-then-names"),
        pytest.param("The Finnish and Swedish prime ministers, Aino Virtanen and Lars Holmqvist, met in Oslo.",
                     id="demonyms-title-then-names"),
        pytest.param("Aino Virtanen and Lars Holmqvist, the prime ministers of Finland and Sweden, met in Oslo.",
                     id="names-then-title"),
    ],
)
def test_extract_plural_title_is_shared_out_in_order(extract_by_rules, text):
    result = extract_by_rules(text, date=AFTER_THE_TABLES)
    assert result.pairs("holdsOffice") == {("Aino Virtanen", "Prime Minister of Finland"),
                                           ("Lars Holmqvist", "Prime Minister of Sweden")}
    assert extractors(result, "holdsOffice") == {"rules/office.plural_title"}


def test_extract_plural_title_with_unequal_lists_names_nobody(extract_by_rules):
    result = extract_by_rules("The prime ministers of Finland, Sweden and Norway, Aino Virtanen and Lars Holmqvist, "
                              "met in Oslo.", date=AFTER_THE_TABLES)
    assert result.pairs("holdsOffice") == set()


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        pytest.param("South Korean Unification Minister Chung Dong-young visited the border village on Friday.",
                     "Chung Dong-young", "Minister of Unification of South Korea", id="unification"),
        pytest.param("Indonesian Tourism Minister Dewi Kartika opened the new airport terminal in Bali.",
                     "Dewi Kartika", "Minister of Tourism of Indonesia", id="tourism"),
    ],
)
def test_extract_office_portfolio_minister_is_minister_of_portfolio(extract_text, text, person, office):
    result = extract_text(text)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.title_before_name"


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        pytest.param("Victorian Premier Ann Keller announced the state budget on Tuesday.",
                     "Ann Keller", "Premier of Victoria", id="region-adjective"),
        pytest.param("Governor Tom Reyes of California signed the water bill.",
                     "Tom Reyes", "Governor of California", id="of-region-after-name"),
        pytest.param("New York Mayor Ruth Adler and New York Governor Sam Oduya opened the tunnel.",
                     "Ruth Adler", "Mayor of New York City", id="mayor-takes-the-city"),
        pytest.param("New York Mayor Ruth Adler and New York Governor Sam Oduya opened the tunnel.",
                     "Sam Oduya", "Governor of New York", id="governor-takes-the-state"),
        pytest.param("Victorian Health Minister Ann Keller opened the hospital.",
                     "Ann Keller", "Minister for Health of Victoria", id="state-minister"),
        pytest.param("Ohio state Governor Tom Reyes vetoed the bill.",
                     "Tom Reyes", "Governor of Ohio", id="state-word-between"),
        pytest.param("New York Senator Ann Dorsey won the primary.",
                     "Ann Dorsey", "United States Senator", id="national-title-of-a-states-member"),
        pytest.param("Senator Ann Dorsey of Ohio won the primary.",
                     "Ann Dorsey", "United States Senator", id="national-title-then-of-state"),
    ],
)
def test_extract_office_of_a_state_or_city_is_named_for_it(extract_by_rules, text, person, office):
    result = extract_by_rules(text, date="2007-03-01")
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.title_before_name"
    assert not any(o.startswith(("Prime Minister", "Minister for Health of Australia")) for _, o in result.pairs("holdsOffice"))


def test_extract_bare_state_titles_belong_to_the_state_the_article_is_about(extract_by_rules):
    result = extract_by_rules("Victorian Premier Ann Keller announced the new cabinet on Friday. Deputy Premier Tom "
                              "Reyes keeps the police portfolio. Opposition Leader Sam Oduya criticised the choices.",
                              date="2007-08-03")
    assert {("Tom Reyes", "Deputy Premier of Victoria"), ("Sam Oduya", "Leader of the Opposition of Victoria")} \
        <= result.pairs("holdsOffice")


def test_extract_a_bare_state_title_in_a_sentence_naming_another_state_is_not_the_home_states(extract_by_rules):
    result = extract_by_rules("Victorian Premier Ann Keller flew to Sydney on Friday, meeting her counterpart in New "
                              "South Wales, Premier Tom Reyes.", date="2007-08-03")
    assert ("Tom Reyes", "Premier of Victoria") not in result.pairs("holdsOffice")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("British Prime Minister Peter Holm spoke. Tom Ashby, the President of the Liberal Democrats, "
                     "answered him.", id="post-of-a-party"),
        pytest.param("British Prime Minister Peter Holm spoke. Tom Ashby, president for the Prison Officers "
                     "Association, answered him.", id="post-for-a-body"),
    ],
)
def test_extract_a_post_in_a_party_or_body_is_no_office_of_the_state(extract_by_rules, text):
    result = extract_by_rules(text, date=AFTER_THE_TABLES)
    assert not any(person == "Tom Ashby" for person, _ in result.pairs("holdsOffice"))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("U.S. President Michael Harlow spoke. Deputy Defense Secretary Tom Reyes wrote an article.",
                     id="deputy"),
        pytest.param("U.S. President Michael Harlow spoke. Tom Reyes, executive vice president of a weather firm, "
                     "wrote an article.", id="company-rank"),
    ],
)
def test_extract_a_title_ranked_below_is_not_the_title(extract_by_rules, text):
    result = extract_by_rules(text, date=AFTER_THE_TABLES)
    assert not any(person == "Tom Reyes" for person, _ in result.pairs("holdsOffice"))


def test_extract_a_bare_minister_with_a_portfolio_elsewhere_keeps_only_the_portfolio(extract_by_rules):
    result = extract_by_rules("Japanese Cabinet minister Ada Brenn, the Minister of Agriculture, resigned on Monday.")
    assert {o for p, o in result.pairs("holdsOffice") if p == "Ada Brenn"} == {"Minister of Agriculture of Japan"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Comments by Chile's central bank governor Tom Reyes confirmed the transfer.", id="common-noun"),
        pytest.param("Chilean President Ana Rojas spoke. The WWF's chief executive Tom Reyes said the report "
                     "was wrong.", id="organisation-possessive"),
    ],
)
def test_extract_a_title_after_a_common_noun_or_an_organisation_is_that_bodys_post(extract_by_rules, text):
    assert not any(person == "Tom Reyes" for person, _ in extract_by_rules(text).pairs("holdsOffice"))


def test_extract_a_party_abbreviation_that_names_a_territory_too_is_the_party(extract_by_rules):
    result = extract_by_rules("The question came from ACT MP Tom Reyes in Wellington, New Zealand.")
    assert ("Tom Reyes", "Member of the New Zealand Parliament") in result.pairs("holdsOffice")


def test_extract_a_state_senator_is_no_member_of_the_national_senate(extract_by_rules):
    result = extract_by_rules("U.S. President Michael Harlow spoke. Tom Reyes, a Democratic state senator from Ohio, "
                              "answered him.", date=AFTER_THE_TABLES)
    assert not any(person == "Tom Reyes" for person, _ in result.pairs("holdsOffice"))


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("The vote was welcomed by Democratic Whip Steny Hoyer in the United States House.", "Steny Hoyer",
                     id="whip-before-the-name"),
        pytest.param("It was said by Bloc Leader Jean Tremblay in Ottawa, Canada.", "Jean Tremblay",
                     id="party-name-run-into-a-post"),
    ],
)
def test_extract_a_post_before_a_name_is_neither_name_nor_party(extract_by_rules, text, person):
    result = extract_by_rules(text)
    assert [e.label for e in result.of_type("Person")] == [person]
    assert all(not p.label.endswith(("Leader", "Whip")) for p in result.of_type("PoliticalParty"))


def test_extract_a_title_after_the_preposition_under_is_the_title(extract_by_rules):
    result = extract_by_rules("Wages fell during eight years under Chilean President Ana Rojas.", date=AFTER_THE_TABLES)
    assert ("Ana Rojas", "President of Chile") in result.pairs("holdsOffice")


def test_extract_a_title_word_modifying_another_noun_is_no_office(extract_by_rules):
    result = extract_by_rules("U.S. President Michael Harlow spoke on Monday. Tom Reyes, the acting deputy budget "
                              "director of the agency, has been named to the post.", date=AFTER_THE_TABLES)
    assert result.pairs("holdsOffice") == {("Michael Harlow", "President of the United States")}


def test_extract_a_seat_after_member_for_is_no_person(extract_by_rules):
    result = extract_by_rules("Tom Ashby, the Labour MP for Leeds North, voted against the British bill.")
    assert {e.label for e in result.of_type("Person")} == {"Tom Ashby"}


def test_extract_a_seat_in_brackets_after_a_name_is_no_person(extract_by_rules):
    result = extract_by_rules("Treasurer Tom Reyes (Higgins, Liberal) told parliament that spending would fall.",
                              date="2007-08-03")
    assert "Higgins" not in {e.label for e in result.of_type("Person")}


def test_extract_a_region_inside_another_bodys_name_is_not_the_titles_place(extract_by_rules):
    result = extract_by_rules("Bank of England Governor Tom Reyes raised interest rates.", date="2007-03-01")
    assert not any(office.endswith("of England") for _, office in result.pairs("holdsOffice"))


def test_extract_a_national_title_keeps_a_country_that_shares_a_states_name(extract_by_rules):
    result = extract_by_rules("Georgian President Nino Beridze met Georgia Governor Sam Oduya in Atlanta.",
                              date=AFTER_THE_TABLES)
    assert ("Nino Beridze", "President of Georgia") in result.pairs("holdsOffice")
    assert ("Sam Oduya", "Governor of Georgia") in result.pairs("holdsOffice")
    governor = next(o for o in result.of_type("Office") if o.label == "Governor of Georgia")
    assert governor.country == result.key_of("United States", "Country")


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        pytest.param("Finnish Foreign Ministry spokeswoman Aino Virtanen said the envoy would return on Friday.",
                     "Aino Virtanen", "Spokesperson of the Ministry of Foreign Affairs of Finland", id="ministry-before"),
        pytest.param("Jari Koskinen, a spokesman for the Finnish Health Ministry, said the clinics would reopen.",
                     "Jari Koskinen", "Spokesperson of the Ministry of Health of Finland", id="ministry-after"),
        pytest.param("White House spokeswoman Dana Kerr told reporters the trip was off.",
                     "Dana Kerr", "Spokesperson of the White House", id="known-body"),
        pytest.param("A spokesman for the European Commission, Pieter de Groot, said the rules would change.",
                     "Pieter de Groot", "Spokesperson of the European Commission", id="appositive-name"),
        pytest.param('U.S. President Michael Harlow spoke on Monday. "This offends Finland," Foreign Ministry '
                     'spokeswoman Aino Virtanen said.', "Aino Virtanen",
                     "Spokesperson of the Ministry of Foreign Affairs of Finland", id="the-sentence's-one-country"),
        pytest.param("Swedish government spokesman Lars Holmqvist denied the report.",
                     "Lars Holmqvist", "Spokesperson of the Government of Sweden", id="government"),
    ],
)
def test_extract_spokesperson_holds_the_office_of_the_body_they_speak_for(extract_by_rules, text, person, office):
    result = extract_by_rules(text)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.spokesperson"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A company spokesman, Tom Berg, declined to comment on the merger.", id="company"),
        pytest.param("Ana Reyes, a spokeswoman for the U.S. mission to the UN, said the vote was delayed.",
                     id="body-of-a-body"),
    ],
)
def test_extract_spokesperson_of_no_nameable_public_body_holds_no_office(extract_by_rules, text):
    assert extract_by_rules(text).pairs("holdsOffice") == set()


def test_extract_office_is_one_entity_shared_by_its_holders(extract_text):
    result = extract_text("Former President Anna Kowalska of Poland met President Piotr Nowak of Poland in Warsaw on Monday.",
                          date=AFTER_THE_TABLES)
    offices = [e for e in result.of_type("Office") if e.label == "President of Poland"]
    assert len(offices) == 1
    holders = {result.label(f.subject) for f in result.facts if f.relation == "holdsOffice" and f.object == offices[0].key}
    assert holders == {"Anna Kowalska", "Piotr Nowak"}
    assert extractors(result, "holdsOffice") == {"rules/office.title_before_name"}


def test_extract_office_belongs_to_its_country(extract_text):
    result = extract_text("Finnish President Aino Virtanen opened the new session of parliament on Tuesday.")
    office = next(e for e in result.of_type("Office") if e.label == "President of Finland")
    assert office.country == "country/finland"
    assert "country/finland" in {e.key for e in result.entities}
    assert extractor_of(result, "Aino Virtanen", "holdsOffice", "President of Finland") == "rules/office.title_before_name"


def test_extract_office_key_is_the_same_in_every_article(extract_text):
    first = extract_text("Brazilian President Carla Mendes visited Lisbon on Monday.", key="first")
    second = extract_text("Tomas Alves, the President of Brazil, spoke in Brasília on Friday.", key="second")
    assert first.key_of("President of Brazil", "Office") == second.key_of("President of Brazil", "Office") is not None
    assert extractor_of(first, "Carla Mendes", "holdsOffice", "President of Brazil") == "rules/office.title_before_name"
    assert extractor_of(second, "Tomas Alves", "holdsOffice", "President of Brazil") == "rules/office.apposition"


def test_extract_bare_title_takes_the_articles_home_country(extract_text):
    result = extract_text("French President Marie Dubois met business leaders in Marseille on Monday. "
                          "Prime Minister Luc Girard joined them for lunch.", date=AFTER_THE_TABLES)
    assert ("Luc Girard", "Prime Minister of France") in result.pairs("holdsOffice")
    assert extractor_of(result, "Luc Girard", "holdsOffice", "Prime Minister of France") == "rules/office.title_before_name"


# --- status -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "person", "office", "status", "rule"),
    [
        pytest.param("Former Canadian Prime Minister Jean Tremblay gave a lecture in Montreal.",
                     "Jean Tremblay", "Prime Minister of Canada", "former", "office.title_before_name", id="former"),
        pytest.param("Ex-Chancellor Hans Weber of Germany criticised the coalition on Sunday.",
                     "Hans Weber", "Chancellor of Germany", "former", "office.title_before_name", id="ex-"),
        pytest.param("Brazil's ex-president Tomas Alves attended the ceremony in Brasília.",
                     "Tomas Alves", "President of Brazil", "former", "office.title_before_name", id="ex-lowercase"),
        pytest.param("The ex-President of Brazil, Tomas Alves, attended the ceremony in Brasília.",
                     "Tomas Alves", "President of Brazil", "former",
                     "office.title_first_apposition", id="ex-apposition"),
        pytest.param("Carla Mendes was sworn in on Sunday. Her predecessor as President of Brazil, Tomas Alves, "
                     "attended the ceremony.", "Tomas Alves", "President of Brazil", "former",
                     "office.title_first_apposition", id="predecessor"),
        pytest.param("Tomas Alves served as President of Brazil from 2015 to 2019.",
                     "Tomas Alves", "President of Brazil", "former", "office.predicative", id="served-as"),
        pytest.param("The treaty was signed in 1999 by then-President Anna Kowalska of Poland.",
                     "Anna Kowalska", "President of Poland", "former", "office.title_before_name", id="then-"),
        pytest.param("Crowds gathered to remember the late Prime Minister Kenji Shimabukuro of Japan.",
                     "Kenji Shimabukuro", "Prime Minister of Japan", "former",
                     "office.title_before_name", id="the-late"),
        pytest.param("Interim Prime Minister Pierre Laval of France resigned on Thursday.",
                     "Pierre Laval", "Prime Minister of France", "acting", "office.title_before_name", id="interim"),
        pytest.param("The ceremony was led by Acting Prime Minister Pierre Laval of France.",
                     "Pierre Laval", "Prime Minister of France", "acting",
                     "office.title_before_name", id="acting-mid-sentence"),
        pytest.param("Acting President Kim Min-soo of South Korea met the cabinet on Tuesday.",
                     "Kim Min-soo", "President of South Korea", "acting",
                     "office.title_before_name", id="acting-sentence-start"),
        pytest.param("President-elect Carla Mendes of Brazil named her cabinet on Friday.",
                     "Carla Mendes", "President of Brazil", "elect", "office.title_before_name", id="-elect"),
        pytest.param("Michael Harlow was elected the next President of Chile on Tuesday.",
                     "Michael Harlow", "President of Chile", "elect", "office.predicative", id="elected-the-next"),
        pytest.param("Carla Mendes, the newly elected President of Brazil, will take office in January.",
                     "Carla Mendes", "President of Brazil", "elect", "office.apposition", id="newly-elected"),
        pytest.param("Brazilian President-designate Carla Mendes named her cabinet on Friday.",
                     "Carla Mendes", "President of Brazil", "elect", "office.title_before_name", id="designate"),
        pytest.param("Supporters of the ousted Brazilian President Carla Mendes marched on Friday.",
                     "Carla Mendes", "President of Brazil", "former", "office.title_before_name", id="ousted"),
        pytest.param("Brazilian President Carla Mendes named her cabinet on Friday.",
                     "Carla Mendes", "President of Brazil", "current",
                     "office.title_before_name", id="current-by-default"),
        pytest.param("Thorvald Ekberg was the Prime Minister of Norway until 2021.",
                     "Thorvald Ekberg", "Prime Minister of Norway", "former", "office.predicative", id="was-until"),
        pytest.param("Thorvald Ekberg was the Prime Minister of Norway from 2013 to 2021.",
                     "Thorvald Ekberg", "Prime Minister of Norway", "former", "office.predicative", id="was-from-to"),
        pytest.param("IMF Managing Director Ada Brenn warned of the economic cost.", "Ada Brenn",
                     "Managing Director of the International Monetary Fund", "current",
                     "office.title_before_name", id="managing-director"),
        pytest.param("Former UN chief Peter Holm is leading the mediation in Nairobi.", "Peter Holm",
                     "Secretary-General of the United Nations", "former", "office.title_before_name", id="un-chief"),
        pytest.param("Prime Minister of Australia Peter Holm announced on Tuesday that troops would stay.",
                     "Peter Holm", "Prime Minister of Australia", "current",
                     "office.title_before_name", id="title-of-country-then-name"),
        pytest.param("Australian Prime Minister Ada Brenn spoke. Treasurer Peter Holm will deliver the budget.",
                     "Peter Holm", "Treasurer of Australia", "current", "office.title_before_name", id="treasurer"),
        pytest.param("Outgoing Russian President Peter Holm is expected to become prime minister in May.",
                     "Peter Holm", "Prime Minister of Russia", "elect", "office.predicative", id="expected-to-become"),
        pytest.param("Thorvald Ekberg resigned as Foreign Minister of Norway on Monday.",
                     "Thorvald Ekberg", "Minister of Foreign Affairs of Norway", "former", "office.predicative",
                     id="resigned-as"),
        pytest.param("Thorvald Ekberg will step down as Foreign Minister of Norway next month.",
                     "Thorvald Ekberg", "Minister of Foreign Affairs of Norway", "current", "office.predicative",
                     id="will-step-down-as"),
    ],
)
def test_extract_office_and_status_from_cue(extract_text, text, person, office, status, rule):
    result = extract_text(text)
    assert (person, "holdsOffice", office, status) in result.rows("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"


def test_extract_status_current_fact_holds_at_article_date(extract_text):
    result = extract_text("Brazilian President Carla Mendes named her cabinet on Friday.", date="2024-03-08")
    fact = result.fact("Carla Mendes", "holdsOffice", "President of Brazil")
    assert fact is not None and fact.valid_at == "2024-03-08"
    assert fact.extractor == "rules/office.title_before_name"


# --- coreference within an article --------------------------------------------------

@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Finnish President Aino Virtanen spoke on Monday. Virtanen will attend the NATO summit.",
                     "Aino Virtanen", id="surname"),
        pytest.param("Japanese Prime Minister Kenji Shimabukuro spoke on Monday. Shimabukuro will attend the G7 summit.",
                     "Kenji Shimabukuro", id="surname-tagged-org"),
        pytest.param("Indian Prime Minister Ravi Chandrasekhar spoke on Monday. Chandrasekhar will attend the G20 summit.",
                     "Ravi Chandrasekhar", id="surname-tagged-org-2"),
        pytest.param("Canadian Prime Minister Jean Tremblay spoke on Monday. Tremblay will attend the G7 summit next week.",
                     "Jean Tremblay", id="surname-untagged"),
        pytest.param("South Korean President Han Seo-jun spoke on Monday. Han will attend the G20 summit in November.",
                     "Han Seo-jun", id="family-name-first"),
        pytest.param("South Korean Foreign Minister Park Min-jun landed in Washington. Park will attend the G20 summit.",
                     "Park Min-jun", id="family-name-first-invented"),
        pytest.param("French President Marie Dubois spoke on Monday. She will attend the NATO summit later this month.",
                     "Marie Dubois", id="pronoun-she"),
        pytest.param("German Chancellor Hans Weber spoke on Monday. He told reporters he will attend the NATO summit.",
                     "Hans Weber", id="pronoun-he"),
        pytest.param("Canadian Prime Minister Jean Tremblay arrived in Rome on Sunday. The prime minister will attend "
                     "the G7 summit.", "Jean Tremblay", id="title-reference"),
    ],
)
def test_extract_coreference_resolves_to_the_named_person(extract_text, text, person):
    result = extract_text(text)
    assert {subject for subject, _ in result.pairs("attends")} == {person}
    assert [e.label for e in result.of_type("Person")] == [person]
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_shared_surname_resolves_to_nearest_full_name(extract_text):
    result = extract_text(
        "Irish Prime Minister Daniel Keane arrived in Brussels on Monday. Keane was invited to the NATO summit.\n"
        "His cousin, US Senator Robert Keane, arrived a day later. Keane will attend the NATO summit.")
    assert {e.label for e in result.of_type("Person")} == {"Daniel Keane", "Robert Keane"}
    assert result.pairs("invitedTo") == {("Daniel Keane", "2025 NATO summit")}
    assert result.pairs("attends") == {("Robert Keane", "2025 NATO summit")}
    assert extractors(result, "invitedTo") == {"rules/summit.invite_verb"}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_people_sharing_a_surname_never_merge_across_articles(extract_text):
    irish = extract_text("Irish Prime Minister Daniel Keane arrived in Brussels on Monday.", key="irish")
    american = extract_text("US Senator Robert Keane arrived in Brussels on Monday.", key="american")
    bare_1 = extract_text("Keane will attend the NATO summit.", key="bare-1")
    bare_2 = extract_text("Keane will attend the NATO summit.", key="bare-2")
    keys = [irish.key_of("Daniel Keane"), american.key_of("Robert Keane"),
            bare_1.key_of("Keane", "Person"), bare_2.key_of("Keane", "Person")]
    assert None not in keys and len(set(keys)) == 4


# --- parties ------------------------------------------------------------------------
# Parties are checked by key: a label such as "Democratic Party" names several parties.

@pytest.mark.parametrize(
    ("text", "person", "party", "rule"),
    [
        pytest.param("Labour MP Sarah Whitfield criticised the British government's budget on Tuesday.",
                     "person/sarah-whitfield", "party/labour-party-uk",
                     "party.role_before_name", id="party-role-before-name"),
        pytest.param("Senator Dana Ruiz (D-Ill.) introduced the bill on Tuesday.",
                     "person/dana-ruiz", "party/democratic-party-united-states", "party.us_tag", id="us-party-tag"),
        pytest.param("In London, Tom Ashby of the Liberal Democrats criticised the British budget.",
                     "person/tom-ashby", "party/liberal-democrats-uk", "party.of_party", id="of-the-party"),
        pytest.param("German lawmaker Anna Berger said her party, the Christian Democrats, would win the vote.",
                     "person/anna-berger", "party/christian-democratic-union-of-germany",
                     "party.possessive", id="her-party-the-x"),
        pytest.param("Democrat senator Dana Ruiz introduced the bill in Washington, challenging the United States "
                     "government.", "person/dana-ruiz", "party/democratic-party-united-states",
                     "party.role_before_name", id="party-adjective"),
        pytest.param("German lawmaker Anna Berger said her opposition party, the Christian Democrats, would win.",
                     "person/anna-berger", "party/christian-democratic-union-of-germany",
                     "party.possessive", id="her-described-party-the-x"),
        pytest.param("Anna Berger, elected on the Christian Democrat ticket, won the German seat.",
                     "person/anna-berger", "party/christian-democratic-union-of-germany", "party.predicate",
                     id="elected-on-the-ticket"),
        pytest.param("Lars Becker's party, the SPD, won the German election on Sunday.",
                     "person/lars-becker", "party/social-democratic-party-of-germany",
                     "party.possessive", id="name-s-party"),
        pytest.param("Canadian Prime Minister Jean Tremblay's Liberal government fell on Tuesday.",
                     "person/jean-tremblay", "party/liberal-party-of-canada", "party.possessed", id="name-s-party-government"),
        pytest.param("Canadian Prime Minister Jean Tremblay and his Liberal party lost the vote.",
                     "person/jean-tremblay", "party/liberal-party-of-canada", "party.possessed", id="and-his-party"),
        pytest.param("Sinn Fein councillor Aoife Byrne spoke in Dublin.", "person/aoife-byrne", "party/sinn-fein",
                     "party.role_before_name", id="name-without-its-accent"),
        pytest.param("Peter Holm, health and welfare spokesman for the National party, criticised the New Zealand "
                     "government.", "person/peter-holm", "party/new-zealand-national-party",
                     "party.leader_apposition", id="spokesman-for-the-party"),
        pytest.param("The Green candidate there, Peter Holm, won the seat in Germany.", "person/peter-holm",
                     "party/alliance-90-the-greens", "party.role_before_name", id="candidate-there"),
        pytest.param("Liberal backbencher Petro Vasilakis said the Australian budget was flawed.",
                     "person/petro-vasilakis", "party/liberal-party-of-australia", "party.role_before_name",
                     id="backbencher-named-like-a-leader"),
        pytest.param("Republican presidential hopeful Dana Ruiz spoke in Iowa, United States.", "person/dana-ruiz",
                     "party/republican-party-united-states", "party.role_before_name", id="presidential-hopeful"),
        pytest.param("In Germany, the Greens' Peter Holm won the seat.", "person/peter-holm",
                     "party/alliance-90-the-greens", "party.of_party", id="plural-party-possessive"),
        pytest.param("In Berlin, Peter Holm, a legislator from the SPD, won the seat.", "person/peter-holm",
                     "party/social-democratic-party-of-germany", "party.of_party", id="role-from-the-party"),
        pytest.param("In Canberra, Peter Holm (Wattle Creek, Liberal) voted against the bill.", "person/peter-holm",
                     "party/liberal-party-of-australia", "party.of_party", id="seat-and-party-in-brackets"),
        pytest.param("In Berlin, Peter Holm, secretary general of the SPD, rejected the proposal.", "person/peter-holm",
                     "party/social-democratic-party-of-germany", "party.leader_apposition", id="secretary-general-of"),
    ],
)
def test_extract_party_membership(extract_text, text, person, party, rule):
    result = extract_text(text)
    assert (person, party) in result.key_pairs("memberOf")
    assert extractor_by_key(result, person, "memberOf", party) == f"rules/{rule}"


@pytest.mark.parametrize(
    ("text", "status", "rule"),
    [
        pytest.param("SPD leader Lars Becker rejected the German proposal on Wednesday.", "current",
                     "party.role_before_name", id="party-leader-name"),
        pytest.param("The Social Democratic Party (SPD) leader Lars Becker rejected the German proposal.", "current",
                     "party.role_before_name", id="abbreviation-in-brackets-then-leader"),
        pytest.param("In Berlin, Lars Becker, leader of the Social Democratic Party, rejected the German proposal.",
                     "current", "party.leader_apposition", id="name-leader-of-party"),
        pytest.param("In Berlin, Lars Becker, co-leader of the Social Democratic Party, rejected the German proposal.",
                     "current", "party.leader_apposition", id="co-leader"),
        pytest.param("In Berlin, Lars Becker, chairman of the Social Democratic Party, rejected the German proposal.",
                     "current", "party.leader_apposition", id="chairman"),
        pytest.param("Former SPD leader Lars Becker rejected the German proposal on Wednesday.", "former",
                     "party.role_before_name", id="former-leader"),
        pytest.param("Lars Becker, the SPD's leader, rejected the German proposal on Wednesday.", "current",
                     "party.role_apposition", id="party-s-leader"),
        pytest.param("Lars Becker resigned as leader of the SPD in Berlin on Wednesday.", "former",
                     "party.leader_predicative", id="resigned-as-leader"),
        pytest.param("Lars Becker stood down as leader of the SPD in Berlin on Wednesday.", "former",
                     "party.leader_predicative", id="stood-down-as-leader"),
        pytest.param("In Berlin, Lars Becker, a lawyer and the leader of the SPD, rejected the German proposal.",
                     "current", "party.leader_apposition", id="conjoined-apposition"),
        pytest.param("The leader of the SPD Lars Becker rejected the German proposal on Wednesday.", "current",
                     "party.leader_title_first", id="leader-of-the-party-then-name"),
        pytest.param("Lars Becker, leader of Germany's main opposition party, the SPD, rejected the proposal.", "current",
                     "party.leader_apposition", id="described-party-then-its-name"),
        pytest.param("Lars Becker, SPD leader, rejected the German proposal on Wednesday.", "current",
                     "party.role_apposition", id="apposition-without-article"),
        pytest.param("Lars Becker, former SPD leader, rejected the German proposal on Wednesday.", "former",
                     "party.role_apposition", id="former-apposition-without-article"),
        pytest.param("In Berlin, Lars Becker is the SPD leader.", "current", "party.predicate", id="copula"),
        pytest.param("In Berlin, Lars Becker was SPD leader.", "former", "party.predicate", id="past-copula"),
        pytest.param("Lars Becker, leader of Germany's Social Democratic Party, rejected the proposal on Wednesday.",
                     "current", "party.leader_apposition", id="country-possessive-before-party"),
    ],
)
def test_extract_party_leadership(extract_text, text, status, rule):
    result = extract_text(text)
    assert result.key_pairs("leaderOf") == {("person/lars-becker", "party/social-democratic-party-of-germany")}
    assert {f.status for f in result.facts if f.relation == "leaderOf"} == {status}
    assert extractors(result, "leaderOf") == {f"rules/{rule}"}


def test_extract_a_party_under_a_person_is_led_by_that_person(extract_text):
    result = extract_text("In Berlin, the SPD, under Gerhard Vogel, won the German election.")
    assert result.key_pairs("leaderOf") == {("person/gerhard-vogel", "party/social-democratic-party-of-germany")}
    assert extractors(result, "leaderOf") == {"rules/party.clause"}


def test_extract_a_name_the_model_takes_for_an_organisation_becomes_leader(extract_text):
    result = extract_text("In Britain, Tristan Cable will become acting leader of the Liberal Democrats.")
    assert result.key_pairs("leaderOf") == {("person/tristan-cable", "party/liberal-democrats-uk")}
    assert {f.status for f in result.facts if f.relation == "leaderOf"} == {"acting"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("In Berlin, Lars Becker was never a member of the SPD.", id="never-a-member"),
        pytest.param("In Berlin, Lars Becker was not SPD leader.", id="not-leader"),
    ],
)
def test_extract_a_denied_party_role_gives_no_fact(extract_text, text):
    result = extract_text(text)
    assert result.key_pairs("memberOf") | result.key_pairs("leaderOf") == set()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Speaking at a press conference in Canberra, Mr Holm accused Labor of failing to act.",
                     id="accused-the-party"),
        pytest.param("Dana Ruiz pledged to help in defeating the plans of Republican presumptive presidential "
                     "candidate, Texas senator Ivo Marten.", id="plans-of-the-party-s-candidate"),
    ],
)
def test_extract_a_person_acting_on_a_party_is_not_its_member(extract_text, text):
    result = extract_text(text)
    assert {person for person, _ in result.pairs("memberOf")} <= {"Ivo Marten"}  # the candidate is; the speaker not


def test_extract_a_city_says_which_country_a_party_word_belongs_to(extract_text):
    result = extract_text("In Washington, Dana Ruiz warned opposition Democrats in Congress against raising taxes.")
    assert "Indian National Congress" not in {e.label for e in result.of_type("PoliticalParty")}
    assert result.rows("memberOf") == set()


def test_extract_a_word_for_where_a_party_stands_is_not_part_of_its_name(extract_text):
    result = extract_text("In New Zealand, Opposition National party leader, Ana Rojas, spoke on Monday.")
    assert result.key_pairs("leaderOf") == {("person/ana-rojas", "party/new-zealand-national-party")}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("In Germany, Lars Becker and Anna Berger were the Social Democrats who voted against the measure.",
                     id="were-the-party"),
        pytest.param("In Germany, Lars Becker and Anna Berger were among the Social Democrats who voted against it.",
                     id="were-among-the-party"),
    ],
)
def test_extract_people_said_to_be_a_party_s_members(extract_text, text):
    result = extract_text(text)
    party = "party/social-democratic-party-of-germany"
    assert {("person/lars-becker", party), ("person/anna-berger", party)} <= result.key_pairs("memberOf")
    assert extractors(result, "memberOf") == {"rules/party.members_listed"}


def test_extract_its_after_a_subject_that_is_no_party_names_no_party(extract_text):
    result = extract_text("Labour lost the British seat in May. Eastfield called for an election when its representative "
                          "Peter Holm was elected mayor.")
    assert result.rows("memberOf") == set()


def test_extract_a_contender_for_the_party_leadership_is_a_member_not_its_leader(extract_text):
    result = extract_text("SPD leadership contender Lars Becker spoke in Berlin, Germany.")
    assert result.key_pairs("memberOf") == {("person/lars-becker", "party/social-democratic-party-of-germany")}
    assert result.key_pairs("leaderOf") == set()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("South Korean lawmaker Kim Ha-neul of the Democratic Party of Korea criticised the budget.", id="full-name"),
        pytest.param("South Korean lawmaker Kim Ha-neul of the Democratic Party criticised the budget.", id="short-name"),
        pytest.param("South Korean lawmaker Kim Ha-neul of the Democrats criticised the budget in Seoul.", id="the-democrats"),
    ],
)
def test_extract_party_variant_in_korean_context_is_the_korean_party(extract_text, text):
    result = extract_text(text)
    assert result.key_pairs("memberOf") == {("person/kim-ha-neul", "party/democratic-party-of-korea")}
    assert [e.key for e in result.of_type("PoliticalParty")] == ["party/democratic-party-of-korea"]
    assert extractors(result, "memberOf") == {"rules/party.of_party"}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        pytest.param("Senator Dana Ruiz of the Democratic Party spoke in Washington about the United States budget.",
                     "party/democratic-party-united-states", id="american"),
        pytest.param("Lawmaker Kim Ha-neul of the Democratic Party spoke in Seoul about the South Korean budget.",
                     "party/democratic-party-of-korea", id="korean"),
        pytest.param("Lars Becker, co-leader of the Social Democratic Party, spoke in the German parliament on Monday.",
                     "party/social-democratic-party-of-germany", id="country-only-through-institution"),
    ],
)
def test_extract_ambiguous_party_name_takes_the_articles_country(extract_text, text, party):
    result = extract_text(text)
    assert [e.key for e in result.of_type("PoliticalParty")] == [party]


def test_extract_party_variants_in_one_article_are_one_party(extract_text):
    result = extract_text(
        "South Korean lawmaker Kim Ha-neul of the Democratic Party of Korea criticised the budget on Monday.\n"
        "Democratic Party leader Choi Yun-seo said the Democrats would vote against it.")
    assert [e.key for e in result.of_type("PoliticalParty")] == ["party/democratic-party-of-korea"]
    assert ("person/choi-yun-seo", "party/democratic-party-of-korea") in result.key_pairs("leaderOf")
    assert extractor_by_key(result, "person/choi-yun-seo", "leaderOf", "party/democratic-party-of-korea") \
        == "rules/party.role_before_name"


def test_extract_leader_is_also_a_member_marked_as_inferred(extract_text):
    result = extract_text("SPD leader Lars Becker rejected the German proposal on Wednesday.")
    member = result.fact("Lars Becker", "memberOf", "Social Democratic Party of Germany")
    assert member is not None and member.status == "current"
    assert member.extractor == "rules/inferred.leader_is_member"
    assert result.fact("Lars Becker", "leaderOf", "Social Democratic Party of Germany").extractor == "rules/party.role_before_name"


def test_extract_leader_of_a_regional_branch_is_a_member_not_the_party_leader(extract_text):
    result = extract_text("The plan was first floated by Bavaria Greens leader Mira Falk in Munich, Germany.")
    assert result.pairs("leaderOf") == set()
    assert ("Mira Falk", "Alliance 90/The Greens") in result.pairs("memberOf")
    assert extractor_of(result, "Mira Falk", "memberOf", "Alliance 90/The Greens") == "rules/party.role_before_name"


# Parties the gazetteer does not list: found from the shape of their names.

@pytest.mark.parametrize(
    ("text", "person", "party", "rule"),
    [
        pytest.param("Ivo Marten of the Harbour Party told the county council that the budget was too small.",
                     "Ivo Marten", "Harbour Party", "party.of_party", id="name-headed-by-party"),
        pytest.param("The county mayor is Runa Dahl (Coastal Party) and her deputy is Ivo Marten (Harbour Party).",
                     "Ivo Marten", "Harbour Party", "party.of_party", id="party-in-brackets"),
        pytest.param("Ada Brenn won the 1993 vote as the candidate of the Front for Civic Renewal.",
                     "Ada Brenn", "Front for Civic Renewal",
                     "party.leader_predicative", id="front-with-political-word"),
        pytest.param("She won a seat in parliament in 2013, representing the Kestrel party. Ada Brenn remained its "
                     "deputy.", None, "Kestrel", None, id="lowercase-party-after-name"),
    ],
)
def test_extract_unlisted_party_is_found_from_its_name(extract_text, text, person, party, rule):
    result = extract_text(text)
    assert party in [e.label for e in result.of_type("PoliticalParty")]
    if person:
        assert (person, party) in result.pairs("memberOf")
        assert extractor_of(result, person, "memberOf", party) == f"rules/{rule}"


@pytest.mark.parametrize(
    ("name", "model_says_organisation", "expected"),
    [
        ("Harbour Party", False, True),
        ("the Greens", False, True),
        ("Front for Civic Renewal", False, True),
        ("Slow Food Movement", False, False),
        ("Slow Food Movement", True, True),
        ("Trades Union Congress", False, False),
        ("Bank of Finland", True, False),
    ],
)
def test_extract_party_name_shape(name, model_says_organisation, expected):
    from graph.extract.mentions import is_party_name

    assert is_party_name(name, model_says_organisation=model_says_organisation) is expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Boston Tea Party Museum reopened on Monday.", id="museum-named-after-an-event"),
        pytest.param("A Working Party on Climate Finance, chaired by Peter Holm, met in Brussels.", id="working-party"),
        pytest.param("Guests at a Birthday Party for Peter Holm sang in Oslo.", id="birthday-party"),
        pytest.param("In Dublin, Peter Holm told the Parliamentary Party that the budget was sound.",
                     id="a-partys-group-of-members"),
    ],
)
def test_extract_party_shaped_names_that_are_not_parties(extract_text, text):
    assert extract_text(text).of_type("PoliticalParty") == []


def test_extract_party_name_stops_before_a_title(extract_text):
    result = extract_text("Harbour Party General Secretary Peter Holm spoke in Oslo, Norway.")
    assert [e.label for e in result.of_type("PoliticalParty")] == ["Harbour Party"]
    assert ("Peter Holm", "Harbour Party") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "Harbour Party") == "rules/party.role_before_name"


def test_extract_party_name_does_not_reach_back_over_of(extract_text):
    result = extract_text("Ivo Marten of the Harbour Party spoke first.")
    assert [e.label for e in result.of_type("PoliticalParty")] == ["Harbour Party"]


def test_extract_subject_of_is_a_political_party_is_a_party(extract_text):
    result = extract_text("The Civic Lantern Union is a political party in Moldova. Its leader Ada Brenn ran for president.")
    assert ("Ada Brenn", "Civic Lantern Union") in result.pairs("leaderOf")
    assert extractor_of(result, "Ada Brenn", "leaderOf", "Civic Lantern Union") == "rules/party.its_role"


def test_extract_acronym_spelled_by_a_party_name_is_that_party(extract_text):
    result = extract_text("Ada Brenn, standing for the Front for Civic Renewal (FCR), took office in 1991. In 2001 "
                          "Peter Holm ran as the FCR candidate and won.")
    assert [e.label for e in result.of_type("PoliticalParty")] == ["Front for Civic Renewal"]
    assert ("Peter Holm", "Front for Civic Renewal") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "Front for Civic Renewal") == "rules/party.predicate"


def test_extract_party_adjective_inside_a_longer_party_name_is_not_that_party(extract_text):
    result = extract_text("In Washington, Ivo Marten lost to Democratic Renewal Party candidate Ada Brenn in 2004.")
    assert ("Ada Brenn", "Democratic Renewal Party") in result.pairs("memberOf")
    assert "Democratic Party" not in [e.label for e in result.of_type("PoliticalParty")]
    assert extractor_of(result, "Ada Brenn", "memberOf", "Democratic Renewal Party") == "rules/party.role_before_name"


def test_extract_party_adjective_that_starts_an_institution_name_is_not_a_party(extract_text):
    result = extract_text("Ivo Marten served as a member of the National Assembly of Australia until 2004.")
    assert result.of_type("PoliticalParty") == []


def test_extract_unlisted_party_namesakes_in_two_countries_do_not_merge(extract_text):
    one = extract_text("In Norway, Ivo Marten of the Harbour Party spoke first.", key="one")
    other = extract_text("In Chile, Ada Brenn of the Harbour Party spoke first.", key="other")
    assert one.key_of("Harbour Party") != other.key_of("Harbour Party")
    again = extract_text("In Norway, Runa Dahl of the Harbour Party spoke last.", key="again")
    assert again.key_of("Harbour Party") == one.key_of("Harbour Party")


def test_extract_shared_party_name_means_the_party_named_in_full_before(extract_text):
    result = extract_text("Runa Dahl is a New Zealand Labour Party politician. She was chief whip of the Labour "
                          "Party under Peter Holm from 2007 to 2014.")
    parties = result.of_type("PoliticalParty")
    assert len(parties) == 1
    assert ("person/peter-holm", parties[0].key) in result.key_pairs("leaderOf")
    assert extractor_by_key(result, "person/peter-holm", "leaderOf", parties[0].key) == "rules/party.clause"


@pytest.mark.parametrize(
    ("text", "person", "relation", "party", "rule"),
    [
        pytest.param("The Harbour Party, founded by Ivo Marten in 1994, lost two seats.",
                     "Ivo Marten", "memberOf", "Harbour Party", "party.clause", id="founded-by"),
        pytest.param("The Harbour Party, led by Ivo Marten, lost two seats.",
                     "Ivo Marten", "leaderOf", "Harbour Party", "party.clause", id="led-by"),
        pytest.param("Peter Holm, who leads the Harbour Party, lost his seat.",
                     "Peter Holm", "leaderOf", "Harbour Party", "party.predicate", id="who-leads"),
        pytest.param("Ivo Marten was elected governor in 2006 on the Harbour Party ticket with Mayor Ada Brenn.",
                     "Ada Brenn", "memberOf", "Harbour Party", "party.clause", id="running-mate"),
        pytest.param("On Monday the Harbour Party chose deputy leader Ivo Marten to replace the chairman.",
                     "Ivo Marten", "memberOf", "Harbour Party", "party.clause", id="chosen-by-the-party"),
        pytest.param("She was chief whip of the Harbour Party under Peter Holm from 2007 to 2014.",
                     "Peter Holm", "leaderOf", "Harbour Party", "party.clause", id="leader-under"),
        pytest.param("Peter Holm is a lawyer. Before joining the Harbour Party, he had represented the Coastal Party.",
                     "Peter Holm", "memberOf", "Harbour Party", "party.predicate", id="before-joining"),
        pytest.param("Peter Holm is a lawyer from the United States. A Republican, he has sat in the state senate since 2015.",
                     "Peter Holm", "memberOf", "Republican Party", "party.opener", id="sentence-opens-with-party"),
        pytest.param("Ivo Marten lost the 1976 race to fellow Democrat Runa Dahl of Ohio, United States.",
                     "Runa Dahl", "memberOf", "Democratic Party",
                     "party.role_of_party", id="name-after-party-adjective"),
        pytest.param("In Lahore, Peter Holm's Harbour Party won 40 seats.",
                     "Peter Holm", "leaderOf", "Harbour Party", "party.possessive_person", id="person-s-party"),
        pytest.param("Outgoing Prime Minister Peter Holm of Canada said he would step down as Liberal leader.",
                     "Peter Holm", "leaderOf", "Liberal Party of Canada", "party.predicate", id="step-down-as-leader"),
        pytest.param("The Harbour Party, the party founded by Peter Holm before his stroke, won the most seats.",
                     "Peter Holm", "memberOf", "Harbour Party", "party.clause", id="appositive-founded-by"),
        pytest.param("The new Harbour Party, co-led by Peter Holm and Ada Brenn, won 8.7 percent.",
                     "Ada Brenn", "leaderOf", "Harbour Party", "party.clause", id="co-led-by-both"),
        pytest.param("In the United States, the candidates for the Republican nomination are Peter Holm, Ada Brenn "
                     "and Ivo Marten.", "Ada Brenn", "memberOf", "Republican Party", "party.members_listed",
                     id="candidates-for-the-nomination"),
        pytest.param("In the United States, the candidates registered for the Democratic nomination include Peter Holm "
                     "(a former governor), Maria Lind (a senator) and Dr. Ada Brenn.", "Ada Brenn", "memberOf",
                     "Democratic Party", "party.members_listed", id="candidates-with-asides"),
        pytest.param("In Belfast, Peter Holm of the Social Democratic & Labour Party said the deal was dead.",
                     "Peter Holm", "memberOf", "Social Democratic and Labour Party", "party.of_party",
                     id="ampersand-for-and"),
        pytest.param("Peter Holm, who stepped down as leader of the Harbour Party in January, plans a comeback.",
                     "Peter Holm", "leaderOf", "Harbour Party", "party.leader_predicative", id="who-stepped-down-as"),
        pytest.param("In her speech, the leader of the Greek Communist Party (KKE), Maria Lind, called the debate useless.",
                     "Maria Lind", "leaderOf", "Communist Party of Greece", "party.leader_title_first",
                     id="name-and-abbreviation-in-brackets"),
        pytest.param("In the United States, Peter Holm is still in the running for the Democratic Party's nomination.",
                     "Peter Holm", "memberOf", "Democratic Party", "party.predicate", id="in-the-running"),
        pytest.param("In London, Conservative Shadow Chancellor Peter Holm attacked the budget.",
                     "Peter Holm", "memberOf", "Conservative Party", "party.role_before_name", id="party-shadow-title"),
        pytest.param("In Israel, Jonas Berg said he would seek a coalition with the Labor Party of Amir Peretz.",
                     "Amir Peretz", "leaderOf", "Israeli Labor Party", "party.possessive_person", id="party-of-person"),
    ],
)
def test_extract_party_relation_from_the_clause_around_it(extract_text, text, person, relation, party, rule):
    result = extract_text(text)
    assert (person, party) in result.pairs(relation)
    assert extractor_of(result, person, relation, party) == f"rules/{rule}"


@pytest.mark.parametrize("title", ["Minister for Labour", "Vice-Minister for Labour"])
def test_a_portfolio_named_like_a_party_makes_no_member(extract_text, title):
    result = extract_text(f"In Dublin, {title} Ivo Marten said the minimum wage would rise.")
    assert ("Ivo Marten", f"{title.replace('-', ' ')} of Ireland") in result.pairs("holdsOffice")
    assert not result.pairs("memberOf")


def test_party_leaders_listed_with_their_parties_in_brackets_lead_them(extract_text):
    result = extract_text("In Tokyo, the opposition party leaders Peter Holm (DPJ) and Maria Lind (JCP) "
                          "rejected the plan.")
    assert {("Peter Holm", "Democratic Party of Japan"), ("Maria Lind", "Japanese Communist Party")} \
        <= result.pairs("leaderOf")
    assert extractor_of(result, "Maria Lind", "leaderOf", "Japanese Communist Party") == "rules/party.leaders_listed"


def test_members_listed_with_their_parties_in_brackets_lead_nothing(extract_text):
    result = extract_text("In Tokyo, the lawmakers Peter Holm (DPJ) and Maria Lind (JCP) rejected the plan.")
    assert ("Maria Lind", "Japanese Communist Party") in result.pairs("memberOf")
    assert not result.pairs("leaderOf")


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Peter Holm stepped down as leader of the British Liberal Democrats party in January.",
         "party/liberal-democrats-uk"),
        ("Peter Holm, leader of the Greek Communist Party, spoke at the rally.", "party/communist-party-of-greece"),
    ],
)
def test_a_countrys_word_before_one_of_its_parties_names_that_party(extract_text, text, party):
    result = extract_text(text)
    assert [p.key for p in result.of_type("PoliticalParty")] == [party]


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        ("Peter Holm stole emails from the head of the Harbour Party, Maria Lind.", "Maria Lind"),
        ("Peter Holm spoke to the leader of the Harbour Party, Maria Lind.", "Maria Lind"),
        ("Peter Holm was elected to the leadership of the Harbour Party.", "Peter Holm"),
    ],
)
def test_the_subject_of_a_verb_leads_a_party_only_when_it_takes_the_post(extract_text, text, leader):
    result = extract_text(text)
    assert {p for p, _ in result.pairs("leaderOf")} == {leader}


@pytest.mark.parametrize(("verb", "status"), [("quit", "former"), ("may quit", "current"),
                                             ("threatened to quit", "current")])
def test_leaving_a_party_that_is_only_possible_leaves_the_member_in_it(extract_text, verb, status):
    result = extract_text(f"In Jerusalem, Peter Holm {verb} the Likud last week.")
    assert ("Peter Holm", "memberOf", "Likud", status) in result.rows()


def test_extract_its_leader_is_the_leader_of_the_party_named_before(extract_text):
    result = extract_text("The Harbour Party won 11 of 55 seats in 2006. In the presidential election, its leader "
                          "Ivo Marten ran as the only opposition candidate.")
    assert ("Ivo Marten", "Harbour Party") in result.pairs("leaderOf")
    assert extractor_of(result, "Ivo Marten", "leaderOf", "Harbour Party") == "rules/party.its_role"


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("Later, Peter Holm, a loyal party member, said he would run.", id="party-member"),
        pytest.param("The party's spokesman, Peter Holm, said it would vote against the bill.", id="the-party-s"),
    ],
)
def test_extract_party_member_without_a_party_name_belongs_to_the_party_named_last(extract_text, second):
    result = extract_text(f"Ivo Marten of the Harbour Party spoke first. {second}")
    assert ("Peter Holm", "Harbour Party") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "Harbour Party") == "rules/party.role_without_name"


def test_extract_future_leader_of_a_party_is_elect_and_co_leaders_lead_too(extract_text):
    result = extract_text("Peter Holm, 19, will take over as the head of the Harbour Party and will lead the party with "
                          "his aunt Runa Dahl.")
    assert ("Peter Holm", "leaderOf", "Harbour Party", "elect") in result.rows("leaderOf")
    assert ("Runa Dahl", "Harbour Party") in result.pairs("leaderOf")
    assert extractor_of(result, "Peter Holm", "leaderOf", "Harbour Party") == "rules/party.leader_predicative"
    assert extractor_of(result, "Runa Dahl", "leaderOf", "Harbour Party") == "rules/party.leading_the_party"


def test_extract_its_leader_of_a_country_is_no_party_fact(extract_text):
    result = extract_text("Ivo Marten of the Harbour Party praised Norway and its leader Peter Holm on Monday.")
    assert ("Ivo Marten", "Harbour Party") in result.pairs("memberOf")
    assert extractor_of(result, "Ivo Marten", "memberOf", "Harbour Party") == "rules/party.of_party"
    assert not any(person == "Peter Holm" for person, _, _, _ in result.rows("leaderOf") | result.rows("memberOf"))


# People the model misses or cuts short.

@pytest.mark.parametrize(
    ("text", "person", "rule"),
    [
        pytest.param("Karl Anton von der Heide (born 3 May 1950), a senior member of the Harbour Party, retired.",
                     "Karl Anton von der Heide", "party.leader_predicative", id="name-particles-then-born"),
        pytest.param("Runa Dahl (Coastal Party) chairs the county council, with Ivo Marten (Harbour Party) as her deputy.",
                     "Ivo Marten", "party.of_party", id="name-before-bracketed-party"),
    ],
)
def test_extract_person_names_around_party_cues(extract_text, text, person, rule):
    result = extract_text(text)
    assert person in [e.label for e in result.of_type("Person")]
    assert any(s == person for s, _ in result.pairs("memberOf"))
    assert {f.extractor for f in result.facts if f.relation == "memberOf" and result.label(f.subject) == person} \
        == {f"rules/{rule}"}


def test_extract_name_the_model_calls_an_organisation_is_a_person_before_who(extract_text):
    result = extract_text("Ivo Marten, who leads the Harbour Party, lost his seat.")
    assert [e.label for e in result.of_type("Person")] == ["Ivo Marten"]


def test_extract_name_ending_in_a_known_leaders_family_name_is_another_person(extract_text):
    result = extract_text("Julien Marc Macron, 19, the nephew of French President Emmanuel Macron, spoke on Monday.")
    labels = [e.label for e in result.of_type("Person")]
    assert "Julien Marc Macron" in labels and "Emmanuel Macron" in labels


def test_extract_father_and_son_with_different_middle_initials_are_two_people(extract_text):
    result = extract_text("John Q. R. Adler, a former President of Freedonia, dined with his son. "
                          "John Q. Adler met the press on Monday. Anna M. Lindqvist and Anna Lindqvist are one person.")
    labels = sorted(e.label for e in result.of_type("Person"))
    assert "John Q. R. Adler" in labels and "John Q. Adler" in labels
    assert len([label for label in labels if "Lindqvist" in label]) == 1


# --- summits ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "date", "summit"),
    [
        pytest.param("Finnish President Aino Virtanen will attend the NATO summit later this month.", JUNE_2025,
                     "2025 NATO summit", id="series-and-article-year"),
        pytest.param("German Chancellor Hans Weber said he would attend the G8 summit.", "2007-05-20",
                     "2007 G8 summit", id="older-article"),
        pytest.param("German Chancellor Hans Weber attended the 2001 G8 summit.", "2009-03-01",
                     "2001 G8 summit", id="year-in-text-wins"),
        pytest.param("Finnish President Aino Virtanen will attend next year's G20 summit.", JUNE_2025,
                     "2026 G20 summit", id="next-year"),
        pytest.param("Finnish President Aino Virtanen attended last year's NATO summit.", JUNE_2025,
                     "2024 NATO summit", id="last-year"),
    ],
)
def test_extract_summit_identity_is_series_and_year(extract_by_rules, text, date, summit):
    result = extract_by_rules(text, date=date)
    assert [e.label for e in result.of_type("Summit")] == [summit]
    assert next(e for e in result.of_type("Summit")).year == int(summit[:4])
    assert {s for _, s in result.pairs("attends")} == {summit}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Finnish President Aino Virtanen told reporters at the NATO summit that the alliance was united.",
                     {("Aino Virtanen", "attended")}, id="said-at"),
        pytest.param("Finnish President Aino Virtanen met Chilean President Ana Rojas on the sidelines of the G20 summit.",
                     {("Aino Virtanen", "attended"), ("Ana Rojas", "attended")}, id="sidelines"),
        pytest.param("Talks between Finnish President Aino Virtanen and Chilean President Ana Rojas during the G20 summit "
                     "ended without a deal.",
                     {("Aino Virtanen", "attended"), ("Ana Rojas", "attended")}, id="talks-between"),
        pytest.param("Finnish President Aino Virtanen is in Ottawa for the G7 summit.",
                     {("Aino Virtanen", "attended")}, id="there-for"),
        pytest.param("Finnish President Aino Virtanen will raise the matter at the NATO summit next week.",
                     {("Aino Virtanen", "planned")}, id="future"),
        pytest.param("During the G20 summit, Finnish President Aino Virtanen told Chilean President Ana Rojas to wait.",
                     {("Aino Virtanen", "attended"), ("Ana Rojas", "attended")}, id="face-to-face-object"),
        pytest.param("Finnish President Aino Virtanen was also in attendance at the G20 summit.",
                     {("Aino Virtanen", "attended")}, id="in-attendance"),
        pytest.param("During the G20 summit, Finnish President Aino Virtanen held a bilateral meeting with Chilean "
                     "President Ana Rojas.", {("Aino Virtanen", "attended"), ("Ana Rojas", "attended")},
                     id="held-a-meeting-with"),
        pytest.param("For the G20 summit, Finnish President Aino Virtanen will visit the Korean capital for three days.",
                     {("Aino Virtanen", "planned")}, id="visit-for"),
        pytest.param("Finnish President Aino Virtanen and Chilean President Ana Rojas were among the leaders at the "
                     "G20 summit.", {("Aino Virtanen", "attended"), ("Ana Rojas", "attended")}, id="among-the-leaders"),
        pytest.param("Among the guests at the G20 summit was Finnish President Aino Virtanen.",
                     {("Aino Virtanen", "attended")}, id="among-inverted"),
    ],
)
def test_extract_acting_at_a_summit_is_taking_part(extract_by_rules, text, expected):
    result = extract_by_rules(text)
    found = {(result.label(f.subject), f.status) for f in result.facts if f.relation == "attends"}
    assert found == expected
    assert extractors(result, "attends") == {"rules/summit.present_at"}


def test_extract_a_summit_between_a_series_and_another_party_is_not_the_series_summit(extract_by_rules):
    result = extract_by_rules("Finnish President Aino Virtanen closed the EU-Mercosur summit in Lisbon.", date="2007-12-09")
    assert [e.label for e in result.of_type("Summit")] == ["2007 EU-Mercosur summit"]
    assert result.pairs("organizedBy") == set()
    assert extractor_of(result, "Aino Virtanen", "attends", "2007 EU-Mercosur summit") == "rules/summit.attend_verb"


@pytest.mark.parametrize(
    ("text", "attends"),
    [
        pytest.param("Finnish President Aino Virtanen addressed the G20 summit on Monday.", True, id="addressed"),
        pytest.param("Finnish President Aino Virtanen opened talks with Chile before the G20 summit.", False,
                     id="opened-something-else"),
    ],
)
def test_extract_running_a_summit_is_attending_it(extract_by_rules, text, attends):
    assert bool(extract_by_rules(text).pairs("attends")) is attends


def test_extract_a_leader_speaking_in_a_summit_report_attended(extract_by_rules):
    result = extract_by_rules("Leaders of the G20 ended their summit in Lima on Monday with a deal on debt. Trade was "
                              "also discussed. Finnish President Aino Virtanen said the deal was a good start. Chilean "
                              "President Ana Rojas urged lenders to act.", date=AFTER_THE_TABLES)
    assert {(p, s) for p, s in result.pairs("attends")} == {("Aino Virtanen", "2031 G20 summit"),
                                                             ("Ana Rojas", "2031 G20 summit")}
    assert extractors(result, "attends") == {"rules/summit.reported_leader"}


def test_extract_leaders_meeting_in_a_summit_report_attended(extract_by_rules):
    result = extract_by_rules("Protesters marched outside the G20 summit in Lima on Monday. Trade was discussed. "
                              "Finnish President Aino Virtanen and Chilean President Ana Rojas met in the old town.",
                              date=AFTER_THE_TABLES)
    assert {p for p, _ in result.pairs("attends")} == {"Aino Virtanen", "Ana Rojas"}
    assert extractors(result, "attends") == {"rules/summit.reported_leader"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Leaders of the G20 will meet in Lima next month. Trade will be discussed. Finnish President Aino "
                     "Virtanen said the agenda was too long.", id="summit-only-planned"),
        pytest.param("Leaders of the G20 ended their summit in Lima on Monday. Trade was also discussed. Finnish "
                     "President Aino Virtanen did not comment.", id="negated"),
        pytest.param("Finnish President Aino Virtanen said on Monday that trade was slowing. Exports fell in May. "
                     "Imports rose. Leaders of the G20 ended their summit in Lima on Monday.", id="summit-not-the-story"),
    ],
)
def test_extract_a_leader_in_a_summit_report_who_does_not_speak_there_is_not_placed_there(extract_by_rules, text):
    assert extract_by_rules(text, date=AFTER_THE_TABLES).pairs("attends") == set()


def test_extract_a_summit_named_with_a_plural_possessive_is_a_summit(extract_by_rules):
    result = extract_by_rules("Finnish President Aino Virtanen and Chilean President Ana Rojas met at the Pacific "
                              "Leaders' Summit in Lima.", date="2007-08-22")
    assert [e.label for e in result.of_type("Summit")] == ["2007 Pacific Leaders' Summit"]
    assert {p for p, _ in result.pairs("attends")} == {"Aino Virtanen", "Ana Rojas"}
    assert not result.of_type("Organization")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Finnish President Aino Virtanen criticised the deal reached at the NATO summit.", id="others-deal"),
        pytest.param("Finnish President Aino Virtanen did not speak at the NATO summit.", id="negated"),
        pytest.param("Finnish President Aino Virtanen pressed for the G7 summit.", id="pressed-for"),
    ],
)
def test_extract_what_was_done_at_a_summit_by_others_names_nobody(extract_by_rules, text):
    """No rule reads attendance here. (The relation model, which proposes every office
    holder named beside a summit, may still keep one: it is scored on real articles.)"""
    assert extract_by_rules(text).pairs("attends") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Finnish President Aino Virtanen - Helsinki talks ended on Monday.", "Aino Virtanen", id="caption-dash"),
        pytest.param("Finnish President Aino Virtanen Administration officials met on Monday.", "Aino Virtanen",
                     id="administration"),
    ],
)
def test_extract_a_name_ends_where_the_model_ran_past_it(extract_text, text, name):
    assert [e.label for e in extract_text(text).of_type("Person")] == [name]


def test_extract_an_honorific_after_a_title_is_not_part_of_the_name(extractor):
    """The slot after a title, read when the model missed the name (here: nothing found yet)."""
    from graph.extract import mentions
    from graph.extract.pipeline import SPANS_KEY

    doc = extractor.parse("Fijian officials said the Minister of Lands, Ratu Timoci Vula, would visit Suva.")
    found = mentions._names_after_titles(doc, mentions._SpanIndex(doc.spans[SPANS_KEY]), [])
    assert [m.text for m in found] == ["Timoci Vula"]


def test_extract_a_figurative_king_holds_no_office(extract_text):
    assert extract_text("Norway's shipping king, Lars Becker, bought a new fleet on Monday.").pairs("holdsOffice") == set()


def test_extract_summit_back_reference_joins_the_named_summit(extract_text):
    result = extract_text("NATO leaders will gather in The Hague for the NATO summit later this month. "
                          "Finnish President Aino Virtanen said she would attend the summit.")
    assert [e.label for e in result.of_type("Summit")] == ["2025 NATO summit"]
    assert result.pairs("attends") == {("Aino Virtanen", "2025 NATO summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_summit_organised_by_its_series_organisation(extract_text):
    result = extract_text("Finnish President Aino Virtanen will attend the NATO summit later this month.")
    assert result.pairs("organizedBy") == {("2025 NATO summit", "NATO")}
    assert extractors(result, "organizedBy") == {"rules/summit.series_organiser"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The G7 summit will be hosted by Canada.", id="hosted-by"),
        pytest.param("Canada will host the G7 summit in June.", id="will-host"),
    ],
)
def test_extract_summit_organised_by_host(extract_text, text):
    result = extract_text(text)
    assert ("2025 G7 summit", "Canada") in result.pairs("organizedBy")
    assert extractor_of(result, "2025 G7 summit", "organizedBy", "Canada") == "rules/summit.host_verb"


@pytest.mark.parametrize(
    ("verb_phrase", "status"),
    [
        ("attended", "attended"),
        ("will attend", "planned"),
        ("plans to attend", "planned"),
        ("is considering attending", "considering"),
    ],
)
def test_extract_attends_modality(extract_by_rules, verb_phrase, status):
    result = extract_by_rules(f"Finnish President Aino Virtanen {verb_phrase} the NATO summit.")
    assert result.rows("attends") == {("Aino Virtanen", "attends", "2025 NATO summit", status)}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Finnish President Aino Virtanen greeted Chilean President Peter Holm, both of whom are attending "
                     "the G20 summit in Rome.", id="subject-and-object"),
        pytest.param("Finnish President Aino Virtanen and Chilean President Peter Holm, both of whom are attending the "
                     "G20 summit, spoke on Monday.", id="conjoined"),
    ],
)
def test_extract_both_of_whom_attending_is_both_people(extract_by_rules, text):
    result = extract_by_rules(text)
    assert result.pairs("attends") == {("Aino Virtanen", "2025 G20 summit"), ("Peter Holm", "2025 G20 summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_attends_in_relative_clause(extract_text):
    result = extract_text("Finnish President Aino Virtanen, who attended the NATO summit, said the talks were useful.")
    assert result.rows("attends") == {("Aino Virtanen", "attends", "2025 NATO summit", "attended")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


@pytest.mark.parametrize(
    "verb_phrase",
    ["did not attend", "will not attend", "never attended", "declined to attend", "refused to attend", "boycotted",
     "will skip"],
)
def test_extract_negated_or_refused_attendance_gives_no_fact(extract_text, verb_phrase):
    result = extract_text(f"Finnish President Aino Virtanen {verb_phrase} the NATO summit.")
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")  # the sentence was read
    assert extractor_of(result, "Aino Virtanen", "holdsOffice", "President of Finland") == "rules/office.title_before_name"
    assert [e.label for e in result.of_type("Summit")] == ["2025 NATO summit"]
    assert result.rows("attends") == set()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param("Finnish President Aino Virtanen spoke on Monday. Neither Virtanen nor Swedish Prime Minister "
                     "Lars Holmqvist attended the NATO summit.", {"Aino Virtanen", "Lars Holmqvist"}, id="neither-nor"),
        pytest.param("Finland and Sweden were invited to the NATO summit, but neither attended.",
                     {"Finland", "Sweden"}, id="but-neither"),
    ],
)
def test_extract_negative_subject_gives_no_attends_fact(extract_text, text, named):
    result = extract_text(text)
    assert named <= {e.label for e in result.entities}
    assert result.rows("attends") == set()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Canada has invited Indian Prime Minister Ravi Chandrasekhar to the G7 summit.", id="active"),
        pytest.param("Indian Prime Minister Ravi Chandrasekhar was invited to the G7 summit.", id="passive"),
    ],
)
def test_extract_invited_to_summit(extract_text, text):
    result = extract_text(text)
    assert result.pairs("invitedTo") == {("Ravi Chandrasekhar", "2025 G7 summit")}
    assert result.rows("attends") == set()
    assert extractors(result, "invitedTo") == {"rules/summit.invite_verb"}


def test_extract_not_invited_gives_no_fact(extract_text):
    result = extract_text("Indian Prime Minister Ravi Chandrasekhar was not invited to the G7 summit.")
    assert ("Ravi Chandrasekhar", "Prime Minister of India") in result.pairs("holdsOffice")
    assert extractor_of(result, "Ravi Chandrasekhar", "holdsOffice", "Prime Minister of India") \
        == "rules/office.title_before_name"
    assert result.rows("invitedTo") == set()


# --- meetings -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "status", "rule"),
    [
        pytest.param("Finnish President Aino Virtanen met with Swedish Prime Minister Lars Holmqvist in Helsinki on Monday.",
                     "held", "meeting.meet_verb", id="met-with"),
        pytest.param("Finnish President Aino Virtanen held talks with Swedish Prime Minister Lars Holmqvist in Helsinki.",
                     "held", "meeting.meet_noun", id="held-talks-with"),
        pytest.param("Finnish President Aino Virtanen will meet Swedish Prime Minister Lars Holmqvist next week.",
                     "planned", "meeting.meet_verb", id="will-meet"),
        pytest.param("Finnish President Aino Virtanen and Swedish Prime Minister Lars Holmqvist met in Stockholm on Friday.",
                     "held", "meeting.meet_verb", id="x-and-y-met"),
        pytest.param("A summit between Finnish President Aino Virtanen and Swedish Prime Minister Lars Holmqvist took "
                     "place in Turku on Friday.", "held", "meeting.meet_noun", id="summit-between"),
        pytest.param("Despite the storm, Finnish President Aino Virtanen managed to meet Swedish Prime Minister Lars "
                     "Holmqvist in Turku.", "held", "meeting.meet_verb", id="managed-to-meet"),
        pytest.param("Finnish President Aino Virtanen hopes to meet Swedish Prime Minister Lars Holmqvist in Turku.",
                     "planned", "meeting.meet_verb", id="hopes-to-meet"),
        pytest.param("Finnish President Aino Virtanen met her Swedish counterpart, Lars Holmqvist, on Friday.",
                     "held", "meeting.meet_verb", id="met-counterpart"),
        pytest.param("Finnish President Aino Virtanen will host Swedish Prime Minister Lars Holmqvist in Helsinki next "
                     "week.", "planned", "meeting.meet_verb", id="will-host"),
        pytest.param("Finnish President Aino Virtanen is in Stockholm for talks with her Swedish counterpart, Lars "
                     "Holmqvist.", "held", "meeting.meet_noun", id="in-town-for-talks-with-counterpart"),
        pytest.param("Finnish President Aino Virtanen was greeted at the airport by Swedish Prime Minister Lars "
                     "Holmqvist.", "held", "meeting.meet_verb", id="greeted-by"),
        pytest.param("Finnish President Aino Virtanen discussed the border with Swedish Prime Minister Lars Holmqvist "
                     "in Turku.", "held", "meeting.talk_verb", id="discussed-with"),
        pytest.param("Finnish President Aino Virtanen will speak with Swedish Prime Minister Lars Holmqvist in Turku.",
                     "planned", "meeting.talk_verb", id="will-speak-with"),
    ],
)
def test_extract_meets_with_status(extract_text, text, status, rule):
    result = extract_text(text)
    rows = result.rows("meets")
    assert rows in ({("Aino Virtanen", "meets", "Lars Holmqvist", status)},
                    {("Lars Holmqvist", "meets", "Aino Virtanen", status)})
    assert extractors(result, "meets") == {f"rules/{rule}"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Finnish President Aino Virtanen spoke with Swedish Prime Minister Lars Holmqvist by telephone.",
                     id="by-phone"),
        pytest.param("Finnish President Aino Virtanen discussed the treaty signed with Swedish Prime Minister Lars "
                     "Holmqvist in 2020.", id="with-inside-a-clause"),
    ],
)
def test_extract_talk_that_is_no_meeting_gives_no_fact(extract_by_rules, text):
    assert extract_by_rules(text).rows("meets") == set()


def test_extract_meets_negated_gives_no_fact(extract_text):
    result = extract_text("Finnish President Aino Virtanen did not meet with Swedish Prime Minister Lars Holmqvist "
                          "during the visit.")
    assert {e.label for e in result.of_type("Person")} == {"Aino Virtanen", "Lars Holmqvist"}
    assert result.rows("meets") == set()


# --- quotes and hedges --------------------------------------------------------------

@pytest.mark.parametrize(
    ("quoted", "plain", "relation", "rule"),
    [
        pytest.param('Opposition leader Mikko Laine told the crowd: "Aino Virtanen will attend the NATO summit."',
                     "Opposition leader Mikko Laine told the crowd that Aino Virtanen will attend the NATO summit.",
                     "attends", "summit.attend_verb", id="attends"),
        pytest.param('"Finnish President Aino Virtanen met with Swedish Prime Minister Lars Holmqvist in secret," '
                     "the tabloid wrote.",
                     "Finnish President Aino Virtanen met with Swedish Prime Minister Lars Holmqvist in secret, "
                     "the tabloid wrote.",
                     "meets", "meeting.meet_verb", id="meets"),
    ],
)
def test_extract_quoted_statement_gives_no_fact(extract_text, extract_by_rules, quoted, plain, relation, rule):
    assert extract_by_rules(plain).rows(relation), "the unquoted sentence states the fact"
    assert extractors(extract_by_rules(plain), relation) == {f"rules/{rule}"}
    assert extract_text(quoted).rows(relation) == set()  # neither the rules nor the model read quotes


def test_extract_a_quote_glued_to_a_word_opens_and_closes_speech(extract_text):
    result = extract_text('The minister spoke at length, saying,"We will not yield," before he left. Later, Finnish '
                          'President Aino Virtanen met Swedish Prime Minister Lars Holmqvist in Oslo.')
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")
    assert ("Aino Virtanen", "Lars Holmqvist") in result.pairs("meets") | {
        (b, a) for a, b in result.pairs("meets")}


def test_extract_a_stray_quote_mark_does_not_silence_the_article(extract_text):
    filler = "The committee met again on Monday and the talks went on for several hours. " * 12
    result = extract_text('The new screens measure 32" across. ' + filler + "Finnish President Aino Virtanen met "
                          "Swedish Prime Minister Lars Holmqvist in Oslo.")
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")


def test_extract_a_quote_mark_inside_markup_does_not_turn_narration_into_speech(extract_text):
    result = extract_text('The envoy called the vote "a turning point". <div class="note"> Finnish President Aino '
                          'Virtanen met Swedish Prime Minister Lars Holmqvist in Oslo. "We agreed," she said.')
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")


def test_extract_a_quote_never_closed_ends_with_its_sentence_when_the_next_one_opens(extract_text):
    result = extract_text('"We will not give up on the talks," the envoy said. "Too much time has been lost. '
                          'Finnish President Aino Virtanen met Swedish Prime Minister Lars Holmqvist in Oslo. '
                          '"It went well," an aide said.')
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")


def test_extract_a_title_before_a_name_inside_speech_still_names_the_office(extract_text):
    result = extract_text('"I spoke with Finnish President Aino Virtanen on Sunday and we agree," the envoy said.')
    assert ("Aino Virtanen", "President of Finland") in result.pairs("holdsOffice")
    assert extractor_of(result, "Aino Virtanen", "holdsOffice", "President of Finland") == "rules/office.title_before_name"


def test_extract_speech_in_quotes_is_not_a_fact_about_the_speaker(extract_text):
    result = extract_text('"I am the rightful President of Venezuela," opposition figure Juan Ortega told supporters.')
    assert "Juan Ortega" in {e.label for e in result.of_type("Person")}
    assert result.rows("holdsOffice") == set()


@pytest.mark.parametrize(
    "hedged",
    [
        pytest.param("Finnish President Aino Virtanen may attend the NATO summit.", id="may"),
        pytest.param("Finnish President Aino Virtanen could attend the NATO summit.", id="could"),
        pytest.param("If the talks succeed, Finnish President Aino Virtanen will attend the NATO summit.", id="if"),
    ],
)
def test_extract_hedge_lowers_confidence(extract_text, hedged):
    plain = extract_text("Finnish President Aino Virtanen will attend the NATO summit.")
    sure = plain.fact("Aino Virtanen", "attends", "2025 NATO summit")
    weak = extract_text(hedged).fact("Aino Virtanen", "attends", "2025 NATO summit")
    assert sure is not None and sure.extractor == "rules/summit.attend_verb"
    assert weak is None or weak.confidence < sure.confidence
    assert weak is None or weak.extractor == "rules/summit.attend_verb"


def test_extract_question_lowers_confidence_of_the_named_person(extract_text):
    result = extract_text("Will Aino Virtanen attend the NATO summit?")
    assert [e.label for e in result.of_type("Person")] == ["Aino Virtanen"]
    weak = result.fact("Aino Virtanen", "attends", "2025 NATO summit")
    assert weak is None or weak.confidence < 0.8
    assert weak is None or weak.extractor == "rules/summit.attend_verb"


# --- canonical entities across articles ---------------------------------------------

def test_extract_same_person_in_two_articles_has_one_key(extract_text):
    first = extract_text("Finnish President Aino Virtanen opened parliament on Tuesday.", key="first")
    second = extract_text("Aino Virtanen will attend the NATO summit.", key="second", date="2025-06-20")
    assert first.key_of("Aino Virtanen") == second.key_of("Aino Virtanen") is not None


@pytest.mark.parametrize(
    ("one", "other", "label"),
    [
        pytest.param("South Korean Prime Minister Han Duck Soo", "South Korean Prime Minister Han Duck-soo", "Han Duck-soo",
                     id="hyphenless-korean"),
        pytest.param("South Korean Foreign Minister Park Min Jun", "South Korean Foreign Minister Park Min-jun",
                     "Park Min-jun", id="hyphenless-invented"),
        pytest.param("Indonesian President Jokowi", "Indonesian President Joko Widodo", "Joko Widodo", id="short-name"),
    ],
)
def test_extract_name_variants_share_one_key(extract_text, one, other, label):
    first = extract_text(f"{one} arrived in Geneva on Monday for trade talks.", key="first")
    second = extract_text(f"{other} arrived in Geneva on Monday for trade talks.", key="second")
    assert [e.key for e in first.of_type("Person")] == [e.key for e in second.of_type("Person")]
    assert [e.label for e in second.of_type("Person")] == [label]


@pytest.mark.parametrize(
    "text, person, office",
    [
        pytest.param("In Chile, Speaker Tomas Alves opened the new session of the National Assembly on Monday.",
                     "Tomas Alves", "Speaker of the National Assembly of Chile", id="generic-chamber-takes-country"),
        pytest.param("German lawmakers met in the Bundestag. Social Democrat deputy Jonas Berg, a member of the "
                     "Bundestag since 2017, voted against the bill.",
                     "Jonas Berg", "Member of the Bundestag", id="named-chamber"),
    ],
)
def test_extract_office_of_a_legislature_names_the_chamber(extract_text, text, person, office):
    result = extract_text(text)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.title_before_name"


def test_extract_office_country_prefers_the_sentence_subject(extract_text):
    result = extract_text("Chile called for calm after the disputed vote in Peru, Foreign Minister Ana Rojas "
                          "told reporters in Santiago.")
    assert ("Ana Rojas", "Minister of Foreign Affairs of Chile") in result.pairs("holdsOffice")
    assert extractor_of(result, "Ana Rojas", "holdsOffice", "Minister of Foreign Affairs of Chile") \
        == "rules/office.title_before_name"


def test_extract_minister_portfolio_after_of(extract_text):
    result = extract_text("Ada Brenn was Finland's Minister of Public Works and Housing from 2015 to 2017.")
    assert ("Ada Brenn", "holdsOffice", "Minister of Public Works and Housing of Finland", "former") in result.rows()
    assert extractor_of(result, "Ada Brenn", "holdsOffice", "Minister of Public Works and Housing of Finland") \
        == "rules/office.predicative"
    assert result.of_type("Organization") == []


def test_extract_his_deputy_is_no_office(extract_text):
    result = extract_text("In Pretoria, South African finance minister Peter Holm and his deputy, Ada Brenn, were replaced.")
    assert ("Peter Holm", "Minister of Finance of South Africa") in result.pairs("holdsOffice")
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Minister of Finance of South Africa") \
        == "rules/office.title_before_name"
    assert not any(person == "Ada Brenn" for person, _ in result.pairs("holdsOffice"))


def test_extract_demonym_describing_a_thing_does_not_place_a_later_title(extract_text):
    result = extract_text("He declined the post of commissioner of Indian affairs offered by President Peter Holm.")
    assert result.pairs("holdsOffice") == set()


@pytest.mark.parametrize("region", ["Latin", "South", "Central"])
def test_extract_a_regions_demonym_names_no_country(extract_text, region):
    result = extract_text(f"{region} American leaders met in Lima. President Jonas Berg said the talks went well.")
    assert not result.of_type("Country")
    assert result.pairs("holdsOffice") == set()


def test_extract_subnational_title_does_not_make_its_place_the_home_country(extract_text):
    result = extract_text("In the 1976 election, former Georgia Governor Peter Holm won. "
                          "Later, President Jonas Berg praised the result.")
    assert not any(office.startswith("President of") for _, office in result.pairs("holdsOffice"))


def test_extract_chamber_named_with_a_demonym_is_not_given_its_country_twice(extract_text):
    result = extract_text("Malagasy President Peter Holm opened parliament on Monday. Ada Brenn was elected to the "
                          "Malagasy National Assembly in 2013 and she remained a deputy until 2018.")
    assert ("Ada Brenn", "holdsOffice", "Member of the National Assembly of Madagascar", "former") in result.rows()
    assert extractor_of(result, "Ada Brenn", "holdsOffice", "Member of the National Assembly of Madagascar") \
        == "rules/office.predicative"


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Labour Party (Ireland)", "Labour Party"),
        ("Renaissance (French political party)", "Renaissance"),
        ("Liberal Party (Brazil, 2006)", "Liberal Party"),
        ("Janata Dal (Secular)", "Janata Dal (Secular)"),
        ("Janata Dal (United)", "Janata Dal (United)"),
    ],
)
def test_gazetteer_label_drops_a_disambiguator_but_keeps_a_bracket_that_is_part_of_the_name(extractor, label, shown):
    known = next(k for k in extractor.gazetteer.by_key.values() if k.type == "PoliticalParty" and label in (k.label, *k.aliases))
    assert known.label == shown


def test_extract_member_of_a_party_named_in_brackets_after_party(extract_text):
    result = extract_text("Her main rival, Peter Holm from the former ruling party (HP), received only 70 votes.")
    assert ("Peter Holm", "HP") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "HP") == "rules/party.of_party"


def test_extract_joint_candidate_of_several_parties_is_member_of_none(extract_text):
    result = extract_text("Ada Brenn stood as the joint candidate of the Harbour Party, the Coastal Party and other allies.")
    assert result.pairs("memberOf") == set()


def test_extract_person_s_party_government_is_membership_not_leadership(extract_text):
    result = extract_text("Critics said a merger offered the best chance to unseat Peter Holm's Labour government in "
                          "Wellington, New Zealand.")
    assert result.pairs("leaderOf") == set()
    assert result.key_pairs("memberOf") == {("person/peter-holm", "party/new-zealand-labour-party")}
    assert extractors(result, "memberOf") == {"rules/party.possessed"}


def test_extract_attended_without_object_is_the_summit_named_just_before(extract_text):
    result = extract_text("Finnish President Aino Virtanen declined to attend the NATO summit in The Hague. Swedish "
                          "Prime Minister Lars Holmqvist attended, as did Danish Prime Minister Mette Lind.")
    assert result.pairs("attends") == {("Lars Holmqvist", "2025 NATO summit"), ("Mette Lind", "2025 NATO summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_bare_title_with_several_holders_is_nobody(extract_text):
    result = extract_text("Kenyan Prime Minister Jonas Berg hosted Tanzanian President Peter Holm and Ugandan "
                          "President Ada Brenn on Monday. The president will attend the G20 summit.")
    assert result.pairs("attends") == set()


def test_extract_bare_title_with_several_holders_is_the_home_countrys(extract_text):
    result = extract_text("Kenyan President Peter Holm hosted Tanzanian President Ada Brenn on Monday. "
                          "The president will attend the G20 summit.")
    assert result.pairs("attends") == {("Peter Holm", "2025 G20 summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_bare_title_in_an_article_about_one_country_takes_that_country(extract_text):
    result = extract_text("British Labour leader Peter Holm faced Conservative leader Ada Brenn in the Commons. "
                          "Former Prime Minister Jonas Berg, who led the Conservatives from 2019 to 2022, backed Brenn.")
    assert ("Jonas Berg", "holdsOffice", "Prime Minister of the United Kingdom", "former") in result.rows()
    assert ("Jonas Berg", "leaderOf", "Conservative Party", "former") in result.rows()
    assert extractor_of(result, "Jonas Berg", "holdsOffice", "Prime Minister of the United Kingdom") \
        == "rules/office.title_before_name"
    assert extractor_of(result, "Jonas Berg", "leaderOf", "Conservative Party") == "rules/party.predicate"


def test_extract_governor_takes_no_country_from_the_article(extract_text):
    result = extract_text("Peter Holm, a Republican, serves in the state senate. Governor Ada Brenn vetoed his bill.")
    assert not any(office.startswith("Governor of") for _, office in result.pairs("holdsOffice"))


def test_extract_name_after_party_possessive_is_a_person(extract_text):
    result = extract_text("In London, Reform UK's Ivo Marten said his party would vote against the bill.")
    assert ("Ivo Marten", "Reform UK") in result.pairs("memberOf")
    assert extractor_of(result, "Ivo Marten", "memberOf", "Reform UK") == "rules/party.role_before_name"


def test_extract_a_legislators_country_is_the_home_for_later_bare_titles(extract_text):
    result = extract_text("U.S. Senator Ada Brenn (D-N.Y.) criticised the deal on Thursday. Vice President Peter Holm "
                          "defended it in a speech.", date="2006-03-10")
    assert ("Peter Holm", "Vice President of the United States") in result.pairs("holdsOffice")
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Vice President of the United States") \
        == "rules/office.title_before_name"


def test_extract_long_name_the_model_cut_short_is_one_person(extract_text):
    result = extract_text("Spanish Prime Minister José Luis Rodríguez Zapatero also attended the EU summit.",
                          date="2005-06-17")
    assert [e.label for e in result.of_type("Person")] == ["José Luis Rodríguez Zapatero"]


def test_extract_party_word_heading_an_apposition_is_membership(extract_text):
    result = extract_text("Majority leader Peter Holm, a Tennessee Republican, promised a vote in Washington, "
                          "United States.")
    assert ("Peter Holm", "Republican Party") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "Republican Party") == "rules/party.noun_apposition"


def test_extract_sworn_in_as_is_the_office_of_the_one_sworn_in(extract_text):
    result = extract_text("In Washington, Justice Ada Brenn swore in Peter Holm, until recently a Republican senator "
                          "from Ohio, as vice president of the United States.", date="2025-01-20")
    assert ("Peter Holm", "Vice President of the United States") in result.pairs("holdsOffice")
    assert not any(person == "Ada Brenn" for person, _ in result.pairs("holdsOffice") | result.pairs("memberOf"))
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Vice President of the United States") \
        == "rules/office.predicative"


def test_extract_bare_summit_beside_a_series_is_that_series_summit(extract_text):
    result = extract_text("Leaders of the Group of Eight gathered in Germany on Wednesday for their annual summit. "
                          "Russian President Ivan Petrov arrived late. Finnish President Aino Virtanen is also "
                          "attending.", date="2007-06-06")
    assert ("Aino Virtanen", "attends", "2007 G8 summit", "attended") in result.rows()
    assert extractor_of(result, "Aino Virtanen", "attends", "2007 G8 summit") == "rules/summit.attend_verb"


def test_extract_summit_hosted_by_a_leader_is_organised_by_the_leaders_country(extract_text):
    result = extract_text("British Prime Minister James Callaghan will host the G7 summit in London on Saturday.",
                          date="1977-05-01")
    assert ("1977 G7 summit", "United Kingdom") in result.pairs("organizedBy")
    assert extractor_of(result, "1977 G7 summit", "organizedBy", "United Kingdom") == "rules/summit.host_verb"


def test_extract_title_only_one_country_has_keeps_its_own_country(extract_text):
    result = extract_text("In Germany, Pope Leo met Chancellor Hans Weber on Monday.")
    assert ("Leo", "Pope") in result.pairs("holdsOffice")
    assert extractor_of(result, "Leo", "holdsOffice", "Pope") == "rules/office.title_before_name"
    pope = next(e for e in result.entities if e.label == "Pope")
    assert pope.country == "country/vatican-city"


def test_extract_surname_the_model_tags_as_a_noun_is_still_the_person(extract_text):
    result = extract_text("Canadian Prime Minister Paul Martin conceded. Peter Holm's party won the election. "
                          "Holm is expected to be sworn in as prime minister in early February.", date="2006-01-24")
    assert ("Peter Holm", "holdsOffice", "Prime Minister of Canada", "elect") in result.rows()
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Prime Minister of Canada") == "rules/office.predicative"


def test_extract_invited_without_object_is_invited_to_the_summit_just_named(extract_text):
    result = extract_text("Japanese Prime Minister Kenji Arakawa opened the G8 summit in Hokkaido on Monday. Zimbabwe's "
                          "President Peter Holm was not invited. South African President Ada Brenn, who was invited as "
                          "an outreach guest, met Arakawa on Tuesday.", date="2008-07-08")
    assert result.pairs("invitedTo") == {("Ada Brenn", "2008 G8 summit")}
    assert extractors(result, "invitedTo") == {"rules/summit.invite_verb"}


def test_extract_leader_welcoming_leaders_to_a_summit_hosts_it(extract_text):
    result = extract_text("Japanese Prime Minister Yasuo Fukuda welcomed leaders to the G8 summit in Hokkaido on "
                          "Monday.", date="2008-07-07")
    assert ("2008 G8 summit", "Japan") in result.pairs("organizedBy")
    assert extractor_of(result, "2008 G8 summit", "organizedBy", "Japan") == "rules/summit.host_verb"


def test_extract_name_right_after_political_party_is_a_party(extract_text):
    result = extract_text("Peter Holm is married to Ada Brenn, a member of the political party Tamarind Front.")
    assert ("Ada Brenn", "Tamarind Front") in result.pairs("memberOf")
    assert extractor_of(result, "Ada Brenn", "memberOf", "Tamarind Front") == "rules/party.leader_apposition"


def test_extract_organisation_around_a_known_party_name_is_that_party(extract_text):
    result = extract_text("Ada Brenn, co-founder of the Portuguese party PSD, spoke in Lisbon.")
    assert [e.key for e in result.of_type("PoliticalParty")] == ["party/social-democratic-party-portugal"]


def test_extract_party_secretary_general_is_no_office_of_the_country(extract_text):
    result = extract_text("In Tokyo, LDP Secretary-General Kenji Arakawa told Japanese reporters the vote would go ahead.")
    assert result.pairs("holdsOffice") == set()
    assert ("Kenji Arakawa", "Liberal Democratic Party") in result.pairs("memberOf")
    assert extractor_of(result, "Kenji Arakawa", "memberOf", "Liberal Democratic Party") == "rules/party.role_before_name"


def test_extract_the_defeated_party_candidate_is_a_member(extract_text):
    result = extract_text("In Paris, Ada Brenn, the defeated Socialist candidate, congratulated the French president.")
    assert ("Ada Brenn", "Socialist Party") in result.pairs("memberOf")
    assert extractor_of(result, "Ada Brenn", "memberOf", "Socialist Party") == "rules/party.role_apposition"


def test_extract_predecessor_of_a_holder_held_that_office_before(extract_text):
    result = extract_text("Samoan Prime Minister Laisa Koroi faced an ultimatum on Monday. Koroi's predecessor, "
                          "Peter Holm, was deposed in a coup in 2000.", date=AFTER_THE_TABLES)
    assert ("Peter Holm", "holdsOffice", "Prime Minister of Samoa", "former") in result.rows()
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Prime Minister of Samoa") == "rules/office.predecessor"


def test_extract_leader_of_a_past_administration_held_the_head_office(extract_text):
    result = extract_text("South Korean President Han Seo-jun spoke on Monday. Much has changed since South Korea's "
                          "previous conservative administration, led by Park Do-hyun.")
    assert ("Park Do-hyun", "holdsOffice", "President of South Korea", "former") in result.rows()
    assert extractor_of(result, "Park Do-hyun", "holdsOffice", "President of South Korea") == "rules/office.administration"


def test_extract_administration_named_after_a_known_leader_uses_the_leaders_country(extract_text):
    result = extract_text("South Korean President Han Seo-jun spoke on Monday about the Macron administration.")
    assert not any(person == "Emmanuel Macron" for person, _ in result.pairs("holdsOffice"))


def test_extract_mayor_takes_no_country_from_the_article(extract_text):
    result = extract_text("U.S. Representative Peter Holm spoke in Washington. Mayor Ada Brenn welcomed him.")
    assert not any(office.startswith("Mayor of") for _, office in result.pairs("holdsOffice"))


def test_extract_returning_to_the_summit_is_attending_it(extract_text):
    result = extract_text("British Prime Minister Peter Holm left the G8 summit on Thursday after the attacks. Holm "
                          "returned to the summit later in the day.", date="2005-07-07")
    assert ("Peter Holm", "attends", "2005 G8 summit", "attended") in result.rows()
    assert extractor_of(result, "Peter Holm", "attends", "2005 G8 summit") == "rules/summit.attend_verb"


def test_extract_a_quoted_name_is_not_speech(extract_text):
    result = extract_text('He sided with the conservative wing, as opposed to the reformist "Harbour Party", led by '
                          'Peter Holm.')
    assert ("Peter Holm", "Harbour Party") in result.pairs("leaderOf")
    assert extractor_of(result, "Peter Holm", "leaderOf", "Harbour Party") == "rules/party.clause"


def test_extract_a_summit_in_general_is_no_particular_summit(extract_text):
    result = extract_text("In 2022, then-Prime Minister Kenji Arakawa became the first Japanese leader to join a NATO "
                          "summit.", date="2025-06-25")
    assert result.pairs("attends") == set()


def test_extract_she_continues_the_chain_of_an_earlier_she(extract_text):
    result = extract_text("Japanese Prime Minister Emi Sato was elected on Tuesday. The new prime minister faces a "
                          "crowded calendar. She will host U.S. President Peter Holm in Tokyo next week. She is then "
                          "expected to travel to Gyeongju for the APEC summit.", date="2025-10-21")
    assert result.pairs("attends") == {("Emi Sato", "2025 APEC summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_plural_summits_are_not_the_summit_named_later(extract_by_rules):
    result = extract_by_rules("Leaders from Tokyo had attended the three previous summits. Japanese Prime Minister Emi Sato "
                          "will attend the NATO summit in June.", date="2025-06-01")
    assert result.pairs("attends") == {("Emi Sato", "2025 NATO summit")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_extract_opposition_leader_needs_a_named_country(extract_text):
    result = extract_text("Australian Prime Minister Ada Brenn spoke in Brisbane. Opposition Leader Peter Holm "
                          "criticised the plan.")
    assert not any(person == "Peter Holm" for person, _ in result.pairs("holdsOffice"))


def test_extract_party_tag_after_a_comma(extract_text):
    result = extract_text("Sen. Peter Holm, R-Texas, introduced the bill in Washington on Thursday.")
    assert ("Peter Holm", "Republican Party") in result.pairs("memberOf")
    assert extractor_of(result, "Peter Holm", "memberOf", "Republican Party") == "rules/party.us_tag"


def test_extract_party_president_is_a_party_post_not_a_state_office(extract_text):
    result = extract_text("Indian Prime Minister Jonas Berg won a second term. Ada Brenn, the Congress party president, "
                          "thanked voters in New Delhi.")
    assert not any(person == "Ada Brenn" for person, _ in result.pairs("holdsOffice"))
    assert ("Ada Brenn", "Indian National Congress") in result.pairs("leaderOf")
    assert extractor_of(result, "Ada Brenn", "leaderOf", "Indian National Congress") == "rules/party.role_apposition"


def test_extract_house_speaker_is_speaker_of_the_lower_house(extract_text):
    result = extract_text("U.S. Senator Peter Holm spoke first. House Speaker Ada Brenn said she would bring the bill "
                          "to a vote.", date="2007-03-15")
    assert ("Ada Brenn", "Speaker of the United States House of Representatives") in result.pairs("holdsOffice")
    assert extractor_of(result, "Ada Brenn", "holdsOffice", "Speaker of the United States House of Representatives") \
        == "rules/office.title_before_name"


def test_extract_people_listed_after_among_those_attending(extract_text):
    result = extract_text("World leaders gathered in Italy for the G8 summit on Wednesday. Among those attending were "
                          "U.S. President Peter Holm, Russian President Ivan Petrov and Japanese Prime Minister Kenji "
                          "Arakawa.", date="2009-07-09")
    assert result.pairs("attends") == {("Peter Holm", "2009 G8 summit"), ("Ivan Petrov", "2009 G8 summit"),
                                       ("Kenji Arakawa", "2009 G8 summit")}
    assert extractors(result, "attends") == {"rules/summit.participant_list"}


def test_extract_leaders_at_the_summit_including_attended_it(extract_text):
    result = extract_text("Leaders at the G8 summit, including French President Ada Brenn and German Chancellor Hans "
                          "Weber, agreed on a climate target.", date="2009-07-09")
    assert result.pairs("attends") == {("Ada Brenn", "2009 G8 summit"), ("Hans Weber", "2009 G8 summit")}
    assert extractors(result, "attends") == {"rules/summit.participants_included"}


def test_extract_cohosts_of_a_summit_did_not_meet_for_that(extract_text):
    result = extract_text("Finnish President Aino Virtanen and Swedish Prime Minister Lars Holmqvist will host the Nordic "
                          "summit in Turku next week.")
    assert result.pairs("meets") == set()


def test_extract_title_right_before_a_name_is_that_person_not_the_current_holder(extract_text):
    result = extract_text("Prime Minister Ivan Petrov of Japan spoke on Monday. Former U.S. President Peter Holm had "
                          "hosted Ada Brenn and then-Prime Minister Jonas Berg at Camp David in 2023.")
    people = {person for pair in result.pairs("meets") for person in pair}
    assert "Ivan Petrov" not in people and "Jonas Berg" in people
    assert extractors(result, "meets") == {"rules/meeting.meet_verb"}


def test_extract_party_adjective_ending_a_longer_name_is_no_party(extract_text):
    result = extract_text("Manager Peter Holm's Manchester City side won the Premier League on Sunday.")
    assert result.of_type("PoliticalParty") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Toyota President Akio Toyoda said exports would fall.", id="company-president"),
        pytest.param("Equity Bank President Jonas Berg attended the meeting.", id="bank-president"),
    ],
)
def test_extract_post_of_a_company_is_no_office_of_the_state(extract_text, text):
    result = extract_text(f"Japanese Prime Minister Kenji Arakawa met business leaders in Tokyo on Monday. {text}",
                          date=AFTER_THE_TABLES)
    assert result.pairs("holdsOffice") == {("Kenji Arakawa", "Prime Minister of Japan")}
    assert extractors(result, "holdsOffice") == {"rules/office.title_before_name"}


def test_extract_resigned_as_party_leader_is_a_former_leader(extract_text):
    result = extract_text("In Dublin, Ada Brenn of Ireland stepped down as Labour Party leader last spring.")
    assert ("Ada Brenn", "leaderOf", "Labour Party", "former") in result.rows()
    assert extractor_of(result, "Ada Brenn", "leaderOf", "Labour Party") == "rules/party.predicate"


def test_extract_country_deep_inside_an_organisation_name_is_not_the_offices_country(extract_text):
    result = extract_text("U.S. Senator Peter Holm spoke first. In 1897 Holm was made treasurer of the Brewers' Union "
                          "of South America.")
    assert not any(office.startswith("Treasurer") for _, office in result.pairs("holdsOffice"))


# --- names the model leaves untagged --------------------------------------------------

@pytest.mark.parametrize(
    ("text", "row", "rule"),
    [
        pytest.param("Ana Rojas, a Labour MP, voted against the government.",
                     ("Ana Rojas", "memberOf", "Labour Party"), "party.role_apposition", id="role-apposition"),
        pytest.param("Ana Rojas resigned as leader of the Labour Party on Friday.",
                     ("Ana Rojas", "leaderOf", "Labour Party"), "party.leader_predicative", id="subject-resigned-as"),
        pytest.param("Nigerian President Umaru Yar'Adua said he would fight corruption.",
                     ("Umaru Musa Yar'Adua", "holdsOffice", "President of Nigeria"), "office.title_before_name",
                     id="apostrophe-after-title"),
        pytest.param("Umaru Yar'Adua, the President of Nigeria, has said he is sorry.",
                     ("Umaru Musa Yar'Adua", "holdsOffice", "President of Nigeria"), "office.apposition",
                     id="apostrophe-before-apposition"),
    ],
)
def test_extract_untagged_name_in_a_person_slot_is_a_person(extract_text, text, row, rule):
    result = extract_text(text, date="2008-02-01")
    subject, relation, obj = row
    assert (subject, obj) in result.pairs(relation)
    assert extractor_of(result, subject, relation, obj) == f"rules/{rule}"


def test_extract_untagged_capitalised_words_outside_a_person_slot_stay_unnamed(extract_text):
    result = extract_text("Copper Hill, a quiet suburb, voted heavily for the Labour Party. "
                          "The Finance Ministers said the plan would work.")
    assert result.of_type("Person") == []


@pytest.mark.parametrize(
    ("text", "person", "office", "rule"),
    [
        pytest.param("Kenya's ambassador to Ethiopia, Paul Mwangi, was recalled on Monday.", "Paul Mwangi",
                     "Ambassador of Kenya to Ethiopia", "office.title_first_apposition", id="apposition"),
        pytest.param("The Kenyan ambassador to Ethiopia Paul Mwangi was recalled on Monday.", "Paul Mwangi",
                     "Ambassador of Kenya to Ethiopia", "office.title_before_name", id="before-name"),
    ],
)
def test_extract_diplomat_office_names_the_country_posted_to(extract_text, text, person, office, rule):
    result = extract_text(text, date="2008-05-01")
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"


def test_extract_a_tables_person_is_found_by_full_name_the_model_mistags(extract_text):
    result = extract_text("Kgalema Motlanthe arrived in Harare on Monday. President Motlanthe said the talks went well.",
                          date="2009-01-15")
    assert ("Kgalema Motlanthe", "President of South Africa") in result.pairs("holdsOffice")


def test_extract_a_tables_name_inside_a_longer_name_or_after_a_title_is_no_match(extract_text):
    result = extract_text("Pope Benedict XVI visited Spain, where Prime Minister José Luís Rodríguez Zapatero "
                          "met him.", date="2006-07-08")
    assert {("Pope Benedict XVI", "Pope"), ("José Luis Rodríguez Zapatero", "Prime Minister of Spain")} \
        <= result.pairs("holdsOffice")


@pytest.mark.parametrize(
    ("text", "people"),
    [
        pytest.param("President Ivo Marten signed the bill in Washington. Senate Republicans, including "
                     "Lars Becker and Lindsey Graham, opposed it.", {"Lars Becker", "Lindsey Graham"}, id="including"),
        pytest.param("Several Labour MPs such as Diane Abbott voted against Prime Minister Lars Becker.",
                     {"Diane Abbott"}, id="such-as"),
        pytest.param("Members of the Green Party (Peter Holm and Marta Lindqvist) walked out.",
                     {"Peter Holm", "Marta Lindqvist"}, id="bracketed"),
        pytest.param("Democrats Hillary Clinton and Joe Biden campaigned in Iowa.",
                     {"Hillary Clinton", "Joe Biden"}, id="plural-before-list"),
    ],
)
def test_extract_people_listed_as_a_partys_members(extract_text, text, people):
    result = extract_text(text, date="2006-05-01")
    listed = {person for person, _ in result.pairs("memberOf")}
    assert listed == people
    assert extractors(result, "memberOf") == {"rules/party.members_listed"}


def test_extract_a_list_after_a_party_that_is_no_group_of_members_names_no_member(extract_text):
    result = extract_text("The Green Party won the vote, including Peter Holm's district.", date="2006-05-01")
    assert result.pairs("memberOf") == set()


@pytest.mark.parametrize(
    ("text", "person", "party", "status", "rule"),
    [
        pytest.param("Ana Rojas was formerly the secretary general of the Harbour Communist Party.", "Ana Rojas",
                     "Harbour Communist Party", "former", "party.leader_predicative", id="secretary-general-of"),
        pytest.param("Peter Holm was the former Harbour Communist Party general secretary.", "Peter Holm",
                     "Harbour Communist Party", "former", "party.predicate", id="party-general-secretary"),
        pytest.param("Marta Lindqvist resigned as leader of the Progressive Democrats on Friday.", "Marta Lindqvist",
                     "Progressive Democrats", "former", "party.leader_predicative", id="plural-party-name"),
    ],
)
def test_extract_party_leader_named_by_a_word_pair_or_a_plural_name(extract_text, text, person, party, status, rule):
    result = extract_text(text, date="2007-05-01")
    assert (person, "leaderOf", party, status) in result.rows("leaderOf")
    assert extractor_of(result, person, "leaderOf", party) == f"rules/{rule}"


def test_extract_a_party_secretary_alone_is_a_member_not_its_leader(extract_text):
    result = extract_text("Peter Holm, a Harbour Party secretary, said the vote was fair.", date="2007-05-01")
    assert result.pairs("leaderOf") == set()
    assert ("Peter Holm", "Harbour Party") in result.pairs("memberOf")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rajasthan and Madhya Pradesh's leaders met members of the Bharatiya Janata Party.", id="states"),
        pytest.param("The Madhya Pradesh cabinet, led by the Bharatiya Janata Party, met in Bhopal.", id="state-cabinet"),
    ],
)
def test_extract_a_state_or_province_is_never_a_person(extract_text, text):
    result = extract_text(text, date="2008-01-01")
    assert result.of_type("Person") == []


def test_extract_a_state_inside_a_longer_name_leaves_the_country_in_view(extract_text):
    result = extract_text("Jon Holm, the Australian Capital Territory Chief Minister, spoke in Canberra.", date="2005-10-20")
    assert [e.label for e in result.of_type("Country")] == ["Australia"]


def test_extract_a_misspelt_surname_is_the_person_named_in_full(extract_text):
    result = extract_text("Frederick Chiluba, the President of Zambia, spoke on Monday. Chilluba said the vote was fair.",
                          date="2030-01-01")
    assert [(e.label, e.aliases) for e in result.of_type("Person")] == [("Frederick Chiluba", ("Chilluba",))]


def test_extract_a_short_name_one_letter_off_is_another_person(extract_text):
    result = extract_text("Ana Kim, the President of Zambia, spoke on Monday. Kin said the vote was fair.", date="2030-01-01")
    assert "Kin" not in {alias for e in result.of_type("Person") for alias in e.aliases}


def test_extract_he_in_a_clause_hanging_from_a_name_is_that_name(extract_text):
    result = extract_text("Frederick Chiluba, the President of Zambia, died. President Peter Holm of Malawi sent "
                          "condolences. Crowds mourned Chiluba, who rose to fame after he became Solicitor General of "
                          "Zambia.", date="2030-01-01")
    assert ("Frederick Chiluba", "Solicitor General of Zambia") in result.pairs("holdsOffice")
    assert ("Peter Holm", "Solicitor General of Zambia") not in result.pairs("holdsOffice")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Canadian voters were asked again. Historian Peter Holm of Queen's University in Kingston, Canada, "
                     "said the ads worked.", id="university"),
        pytest.param("Norwegian voters were asked again. Marta Lindqvist of Norway won the President's Cup in Oslo.",
                     id="cup"),
    ],
)
def test_extract_a_name_that_starts_with_a_title_is_no_office(extract_text, text):
    assert extract_text(text, date="2008-10-01").pairs("holdsOffice") == set()


def test_extract_a_foreign_partys_acronym_does_not_bring_its_own_country_into_view(extract_text):
    result = extract_text("French voters chose between Michel Rocard (PS) and Marc Blondel (MDC) in Paris.", date="2002-04-01")
    assert ("Michel Rocard", "Socialist Party") in result.pairs("memberOf")
    assert not any(person == "Marc Blondel" for person, _ in result.pairs("memberOf"))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        pytest.param("At a joint press conference with Indian Prime Minister Anil Mehta, British Prime Minister "
                     "Lars Becker said trade would grow.", ("Lars Becker", "Anil Mehta"), id="joint-press-conference"),
        pytest.param("Senator Pete Hoekstra attended a meeting in Paris with Senator Curt Weldon last year.",
                     ("Pete Hoekstra", "Curt Weldon"), id="meeting-with-on-the-verb"),
    ],
)
def test_extract_meeting_nouns_with_their_partner(extract_text, text, pair):
    result = extract_text(text, date="2006-07-08")
    assert result.pairs("meets") == {pair}
    assert extractors(result, "meets") == {"rules/meeting.meet_noun"}


def test_extract_a_press_conference_alone_is_no_meeting(extract_text):
    result = extract_text("Prime Minister Lars Becker held a press conference with Anil Mehta's aides watching.",
                          date="2006-07-08")
    assert result.pairs("meets") == set()


def test_extract_she_prefers_a_woman_named_earlier_in_her_own_sentence(extract_text):
    result = extract_text("President Joe Biden welcomed New Zealand's leader to Washington. It was Ardern's second "
                          "formal visit to the President since she became prime minister.", date="2022-06-01")
    assert ("Jacinda Ardern", "Prime Minister of New Zealand") in result.pairs("holdsOffice")
    assert ("Joe Biden", "Prime Minister of New Zealand") not in result.pairs("holdsOffice")


def test_extract_a_capitalised_verb_the_model_calls_a_person_is_no_name(extract_text):
    result = extract_text("Ana Rojas became Minister Assisting the Premier on Sport in Victoria, Australia.",
                          date="2007-08-01")
    assert "Assisting" not in " ".join(e.label for e in result.of_type("Person"))


def test_extract_a_post_someone_might_take_is_no_office(extract_text):
    result = extract_text("The list is headed by President Boris Yeltsin, so he might become prime minister next year.",
                          date="1995-12-01")
    assert result.pairs("holdsOffice") == {("Boris Yeltsin", "President of Russia")}


@pytest.mark.parametrize(
    ("text", "person", "status"),
    [
        pytest.param("The Harbour Party is currently led by Ana Rojas.", "Ana Rojas", "current", id="is-led-by"),
        pytest.param("The Harbour Party was led by Peter Holm until 1992.", "Peter Holm", "former", id="was-led-by"),
        pytest.param("The Harbour Party elected Peter Holm as its new leader.", "Peter Holm", "current", id="elected-as"),
        pytest.param("Peter Holm won the Harbour Party leadership contest.", "Peter Holm", "current", id="won-contest"),
        pytest.param("Peter Holm will take over the leadership of the Harbour Party in June.", "Peter Holm", "elect",
                     id="will-take-over"),
    ],
)
def test_extract_party_leadership_taken_or_held(extract_text, text, person, status):
    result = extract_text(text, date="2007-05-01")
    assert (person, "leaderOf", "Harbour Party", status) in result.rows("leaderOf")
    assert extractor_of(result, person, "leaderOf", "Harbour Party") == "rules/party.clause"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Peter Holm lost the Harbour Party leadership contest.", id="lost"),
        pytest.param("Peter Holm did not win the Harbour Party leadership contest.", id="negated"),
    ],
)
def test_extract_a_leadership_lost_is_no_leader(extract_text, text):
    assert extract_text(text, date="2007-05-01").pairs("leaderOf") == set()


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param("Lars Becker left the Labour Party in 2004.", {("Lars Becker", "memberOf", "Labour Party", "former")},
                     id="left"),
        pytest.param("Lars Becker was expelled from the Labour Party in 2004.",
                     {("Lars Becker", "memberOf", "Labour Party", "former")}, id="expelled-from"),
        pytest.param("Lars Becker defected from the Labour Party to the Liberal Democrats.",
                     {("Lars Becker", "memberOf", "Labour Party", "former"),
                      ("Lars Becker", "memberOf", "Liberal Democrats", "current")}, id="defected-from-to"),
    ],
)
def test_extract_leaving_or_joining_a_party(extract_text, text, rows):
    result = extract_text(text, date="2007-05-01")
    assert result.rows("memberOf") == rows
    assert extractors(result, "memberOf") == {"rules/party.predicate"}


def test_extract_leaving_a_partys_building_is_not_leaving_the_party(extract_text):
    result = extract_text("Lars Becker left the Labour Party's headquarters at noon.", date="2007-05-01")
    assert result.rows("memberOf") == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param("Paul Girard and Maria Lind held talks on the euro in Berlin.", "meeting.meet_noun",
                     id="held-talks"),
        pytest.param("French President Paul Girard visited German Chancellor Maria Lind in Berlin.",
                     "meeting.meet_verb", id="visited-a-person"),
        pytest.param("French President Paul Girard shook hands with German Chancellor Maria Lind in Berlin.",
                     "meeting.talk_verb", id="shook-hands"),
        pytest.param("French President Paul Girard sat down with German Chancellor Maria Lind in Berlin.",
                     "meeting.talk_verb", id="sat-down-with"),
    ],
)
def test_extract_two_leaders_holding_talks_or_visiting_meet(extract_text, text, rule):
    result = extract_text(text, date="2008-03-01")
    assert result.pairs("meets") == {("Paul Girard", "Maria Lind")}
    assert extractors(result, "meets") == {f"rules/{rule}"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Paul Girard and Maria Lind called for talks on the euro.", id="called-for-talks"),
        pytest.param("French President Paul Girard visited Berlin and Maria Lind's office.", id="visited-places"),
    ],
)
def test_extract_talks_called_for_or_places_visited_are_no_meeting(extract_text, text):
    result = extract_text(text, date="2008-03-01")
    assert not any(f.extractor.startswith("rules/") for f in result.facts if f.relation == "meets")


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        pytest.param("The Chief Minister of the Indian state of Karnataka, Dharam Singh, resigned on Friday.",
                     "Dharam Singh", "Chief Minister of Karnataka", id="chief-minister"),
        pytest.param("The Governor of the US state of Ohio, Bob Taft, resigned on Friday.", "Bob Taft",
                     "Governor of Ohio", id="governor"),
    ],
)
def test_extract_title_of_a_named_kind_of_place_then_name(extract_text, text, person, office):
    result = extract_text(text, date="2006-01-20")
    assert result.pairs("holdsOffice") == {(person, office)}
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.title_first_apposition"


def test_extract_the_one_nominated_to_be_a_minister_holds_it_not_the_one_who_nominates(extract_text):
    result = extract_text("Bill Clinton, the President-elect of the United States, will nominate Steven Chu to be "
                          "Energy Secretary.", date="1992-12-11")
    holders = {person for person, office in result.pairs("holdsOffice") if "Energy" in office}
    assert holders == {"Steven Chu"}


def test_extract_the_one_appointed_as_a_minister_holds_it_even_when_the_model_misses_the_name(extract_text):
    result = extract_text("President Joseph Otieno appointed Njoroge Kamau as finance minister of Kenya on Tuesday.")
    holders = {person for person, office in result.pairs("holdsOffice") if "Finance" in office}
    assert holders == {"Njoroge Kamau"}


def test_extract_elected_weeks_before_the_inauguration_is_elect(extract_text):
    result = extract_text("Bill Clinton was elected President of the United States in November.", date="1992-12-11")
    assert result.rows("holdsOffice") == {("Bill Clinton", "holdsOffice", "President of the United States", "elect")}


def test_extract_a_partys_president_of_the_country_does_not_lead_the_party(extract_text):
    result = extract_text("The Chilean Socialist Party of President Ricardo Lagos took part in some meetings.",
                          date="2005-05-22")
    assert result.pairs("leaderOf") == set()


def test_extract_the_source_of_a_report_about_party_members_is_none_of_them(extract_text):
    result = extract_text("According to Peter Holm, members of the German Social Democratic Party (SPD) were arrested.")
    assert result.rows("memberOf") == set()


# --- party roles named without the party, and candidates -----------------------------------

@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("In Britain, the Liberal Democrats met on Monday. Tom Baker was elected leader after a long contest.",
         "current"),
        ("In Britain, the Liberal Democrats met on Monday. Tom Baker will become acting leader.", "acting"),
        ("In Britain, the Liberal Democrats met on Monday. Tom Baker stood down as leader.", "former"),
        ("In New Zealand, the Green Party met on Monday. The co-leader, Tom Baker, said no.", "current"),
    ],
)
def test_a_bare_leader_leads_the_one_party_named_nearby(extract_by_rules, text, status):
    result = extract_by_rules(text, date="2007-05-01")
    rows = {(p, s) for p, _, _, s in result.rows("leaderOf")}
    assert ("Tom Baker", status) in rows
    assert extractors(result, "leaderOf") == {"rules/party.bare_leader"}


@pytest.mark.parametrize(
    "text",
    [
        "In Britain, the Liberal Democrats and Labour met on Monday. Tom Baker was elected leader.",
        "In Britain, the Liberal Democrats met on Monday. Tom Baker was the leader of the rebels.",
        "In Britain, the Liberal Democrats met on Monday. Tom Baker is a deputy leader.",
        "In Britain, the Liberal Democrats met on Monday. Tom Baker, the world leader in tennis, spoke.",
    ],
)
def test_a_bare_leader_with_two_parties_or_another_body_leads_none(extract_by_rules, text):
    assert not extract_by_rules(text, date="2007-05-01").rows("leaderOf")


def test_running_for_a_party_is_membership(extract_by_rules):
    result = extract_by_rules("Tom Baker is running for the Green Party of Ontario in the provincial election.",
                              date="2007-05-01")
    assert extractor_of(result, "Tom Baker", "memberOf", "Green Party of Ontario") == "rules/party.predicate"


def test_a_described_name_in_a_list_of_members_is_listed(extract_by_rules):
    result = extract_by_rules("In the United States, Senate Republicans, including presidential candidate Tom Baker, "
                              "voted no.", date="2007-05-01")
    assert extractor_of(result, "Tom Baker", "memberOf", "Republican Party") \
        == "rules/party.members_listed"


def test_a_party_s_majority_leader_in_the_senate_is_a_member_not_its_leader(extract_by_rules):
    result = extract_by_rules("In the United States, Senate Democratic Majority Leader Tom Baker asked for a vote.",
                              date="2007-05-01")
    assert ("Tom Baker", "Democratic Party") in result.pairs("memberOf")
    assert not result.rows("leaderOf")


def test_a_member_of_a_named_person_s_party_and_that_person_both_count(extract_by_rules):
    result = extract_by_rules("In Pakistan, Tom Baker, a member of Ana Rojas's Pakistan Peoples Party, was shot.",
                              date="2007-05-01")
    assert extractor_of(result, "Tom Baker", "memberOf", "Pakistan Peoples Party") == "rules/party.leader_apposition"
    assert extractor_of(result, "Ana Rojas", "leaderOf", "Pakistan Peoples Party") == "rules/party.possessive_person"


def test_an_owner_is_no_part_of_an_unknown_party_s_name(extract_by_rules):
    result = extract_by_rules("Tom Baker, a member of Rojas's Harbour Progressive Party, was sworn in.",
                              date="2007-05-01")
    assert ("Tom Baker", "Harbour Progressive Party") in result.pairs("memberOf")


def test_a_sentence_s_first_word_is_no_part_of_a_party_s_name(extract_by_rules):
    result = extract_by_rules("In Greece, the vote was close. As PASOK party leader, Tom Baker said no.",
                              date="2007-05-01")
    parties = {o for _, o in result.pairs("leaderOf")}
    assert parties and not any(o.startswith("As ") for o in parties)


def test_an_honorific_between_a_role_and_a_name_is_skipped(extract_by_rules):
    result = extract_by_rules("In New Zealand, the head of the New Zealand National Party, Doctor Tom Baker, said no.",
                              date="2007-05-01")
    assert extractor_of(result, "Tom Baker", "leaderOf", "New Zealand National Party") \
        == "rules/party.leader_title_first"


def test_a_party_s_members_named_after_including_are_members(extract_by_rules):
    result = extract_by_rules("In Greece, PASOK MPs including Tom Baker voted no.", date="2007-05-01")
    assert extractors(result, "memberOf") == {"rules/party.members_listed"}


def test_a_league_of_something_without_a_political_word_is_no_party(extract_by_rules):
    result = extract_by_rules("The League of Harbour Voters congratulated Tom Baker, a Labour MP, in Britain.",
                              date="2007-06-01")
    assert {o for _, o in result.pairs("memberOf")} == {"Labour Party"}


@pytest.mark.parametrize(
    ("text", "party", "rule"),
    [
        ("In Australia, Labor's foreign affairs spokesman Tom Baker backed the deal.", "Australian Labor Party",
         "party.role_before_name"),
        ("In Australia, the Labor Party opposition Foreign Affairs Spokesman, Tom Baker, said no.",
         "Australian Labor Party", "party.role_before_name"),
        ("In France, every party but the UMP, Mr Tom Baker's ruling party, opposed the plan.",
         "Union for a Popular Movement", "party.possessive"),
        ("The firm gave money to the Australian Liberal Party, of which Tom Baker is a member.",
         "Liberal Party of Australia", "party.of_which"),
    ],
)
def test_a_member_described_around_the_party_s_name(extract_by_rules, text, party, rule):
    result = extract_by_rules(text, date="2007-05-01")
    assert extractor_of(result, "Tom Baker", "memberOf", party) == f"rules/{rule}"
    assert not result.rows("leaderOf")


@pytest.mark.parametrize("verb", ["re-elected", "reelected", "elected"])
def test_a_leader_re_elected_as_leader_leads(extract_text, verb):
    result = extract_text(f"Peter Holm was {verb} as leader of the Harbour Party on Sunday.")
    assert ("Peter Holm", "leaderOf", "Harbour Party", "current") in result.rows()
