"""Summit rules on constructions of news English: participant lists in apposition and
after "present at", speaking to a summit, passive "attended by", and how a summit phrase
is named ("a summit of Baltic nations", "a summit of the African Union", a year in the
summit's place and time). The sentences are our own; each test names the rule it expects.
"""
from __future__ import annotations

import pytest

from extracted import extractor_of, extractors

JUNE_2007 = "2007-06-06"


# --- who attends: lists ------------------------------------------------------------------

def test_a_list_in_apposition_to_the_summit_attends_it(extract_by_rules):
    result = extract_by_rules("The G8 summit, a gathering of the leaders of Germany, France and Japan, opened in "
                              "Bavaria on Wednesday.", date=JUNE_2007)
    assert result.pairs("attends") == {(c, "2007 G8 summit") for c in ("Germany", "France", "Japan")}
    assert extractors(result, "attends") == {"rules/summit.participant_apposition"}


def test_an_apposition_that_is_no_gathering_names_no_participants(extract_by_rules):
    result = extract_by_rules("The G8 summit, a disappointment for the governments of Germany and France, ended in "
                              "Bavaria on Wednesday.", date=JUNE_2007)
    assert result.pairs("attends") == set()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The G8 summit opened in Bavaria. The following leaders were present at the summit: Maria Lind, "
                     "Lars Becker and Peter Holm.", id="colon-list"),
        pytest.param("The G8 summit opened in Bavaria. Present at the summit were Maria Lind, Lars Becker and "
                     "Peter Holm.", id="inverted"),
    ],
)
def test_leaders_listed_as_present_at_the_summit_attended(extract_by_rules, text):
    result = extract_by_rules(text, date=JUNE_2007)
    assert {(p, s) for p, s in result.pairs("attends")} == {(p, "2007 G8 summit")
                                                             for p in ("Maria Lind", "Lars Becker", "Peter Holm")}
    assert {result.label(f.subject): f.status for f in result.facts if f.relation == "attends"}["Lars Becker"] == "attended"
    assert extractors(result, "attends") == {"rules/summit.participant_list"}


def test_leaders_listed_as_not_present_did_not_attend(extract_by_rules):
    result = extract_by_rules("The G8 summit opened in Bavaria. The following leaders were not present at the summit: "
                              "Maria Lind, Lars Becker and Peter Holm.", date=JUNE_2007)
    assert result.pairs("attends") == set()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param("The NATO summit, attended by Maria Lind and Lars Becker, ended in Riga on Friday.", "attended",
                     id="reduced-relative"),
        pytest.param("The NATO summit opened in Riga. It will be attended by Maria Lind and Lars Becker.", "planned",
                     id="future-passive"),
    ],
)
def test_a_summit_attended_by_people_has_them_there(extract_by_rules, text, status):
    result = extract_by_rules(text, date=JUNE_2007)
    assert {(result.label(f.subject), f.status) for f in result.facts if f.relation == "attends"} == \
        {("Maria Lind", status), ("Lars Becker", status)}
    assert extractors(result, "attends") == {"rules/summit.attended_by"}


# --- who attends: speaking to the summit -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param("The G8 summit opened in Bavaria. Lars Becker told the summit that aid to Africa must double.",
                     "attended", id="told"),
        pytest.param("The G8 summit opened in Bavaria. Lars Becker urged the summit to act on aid.", "attended", id="urged"),
        pytest.param("The G8 summit opened in Bavaria. Maria Lind, in her speech to the summit, asked for cuts in "
                     "emissions.", "attended", id="in-her-speech-to"),
        pytest.param("The G8 summit opened in Bavaria. Lars Becker gave a speech to the summit on Friday.", "attended",
                     id="gave-a-speech-to"),
        pytest.param("The G8 summit opened in Bavaria. Lars Becker will deliver an address to the summit on Friday.",
                     "planned", id="will-deliver-an-address-to"),
    ],
)
def test_speaking_to_a_summit_is_attending_it(extract_by_rules, text, status):
    result = extract_by_rules(text, date=JUNE_2007)
    assert [(result.label(f.subject), result.label(f.object), f.status) for f in result.facts
            if f.relation == "attends"] in ([("Lars Becker", "2007 G8 summit", status)],
                                             [("Maria Lind", "2007 G8 summit", status)])
    assert extractors(result, "attends") == {"rules/summit.speech_to"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The G8 summit opened in Bavaria. Lars Becker sent a message to the summit.", id="message-from-afar"),
        pytest.param("The G8 summit opened in Bavaria. Lars Becker criticised the summit.", id="spoke-about-it"),
        pytest.param("The G8 summit opened in Bavaria. Lars Becker did not tell the summit about the plan.", id="negated"),
    ],
)
def test_speaking_about_a_summit_or_writing_to_it_is_not_attending(extract_by_rules, text):
    assert extract_by_rules(text, date=JUNE_2007).pairs("attends") == set()


# --- which summit ------------------------------------------------------------------------

def test_a_summit_of_nations_is_named_after_them(extract_by_rules):
    result = extract_by_rules("Lars Becker held talks with Nursultan Nazarbayev at a summit of Barents Sea nations "
                              "in Tromsø.", date="2007-10-16")
    assert [e.label for e in result.of_type("Summit")] == ["2007 Barents Sea summit"]
    assert extractor_of(result, "Lars Becker", "attends", "2007 Barents Sea summit") == "rules/summit.present_at"


def test_a_capitalised_summit_name_is_kept_as_written(extract_by_rules):
    result = extract_by_rules("Peru will host the Summit of Andean and Nordic Nations in Lima next week.",
                              date="2007-10-16")
    assert [e.label for e in result.of_type("Summit")] == ["Summit of Andean and Nordic Nations"]


def test_a_summit_of_a_series_body_is_the_series_summit(extract_by_rules):
    result = extract_by_rules("Joseph Otieno spoke during a recent summit of the African Union in Accra.", date=JUNE_2007)
    assert [e.label for e in result.of_type("Summit")] == ["2007 African Union summit"]
    assert extractor_of(result, "Joseph Otieno", "attends", "2007 African Union summit") == "rules/summit.present_at"


@pytest.mark.parametrize(
    ("text", "summit"),
    [
        pytest.param("Ana Rojas fell ill in Egypt before an African Union summit.", ["2008 African Union summit"],
                     id="a-past-occasion"),
        pytest.param("Kim Il-sung and Kim Young-sam met for a rare inter-Korean summit in Pyongyang.",
                     ["2008 inter-Korean summit"], id="a-rare-one"),
        pytest.param("No Finnish leader has ever attended a NATO summit.", [], id="any-summit-at-all"),
    ],
)
def test_a_series_summit_with_an_indefinite_article_is_one_when_it_is_an_occasion(extract_by_rules, text, summit):
    assert [e.label for e in extract_by_rules(text, date="2008-07-01").of_type("Summit")] == summit


def test_the_year_in_a_summits_place_and_time_is_its_year(extract_by_rules):
    result = extract_by_rules("Lars Becker attended the G8 summit in Genoa in 2001.", date="2009-03-01")
    assert [e.label for e in result.of_type("Summit")] == ["2001 G8 summit"]


def test_the_north_american_leaders_summit_is_a_series(extract_by_rules):
    result = extract_by_rules("Lars Becker met Peter Holm at the North America summit in Montebello.",
                              date="2007-08-21")
    assert [e.label for e in result.of_type("Summit")] == ["2007 North American Leaders' Summit"]
    assert extractor_of(result, "Lars Becker", "attends", "2007 North American Leaders' Summit") == \
        "rules/summit.present_at"


# --- who attends: acts at the summit -------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The plan was announced by Joseph Otieno during a recent summit of the African Union.",
                     id="passive-agent"),
        pytest.param("Joseph Otieno said so while in Ghana for an African Union summit.", id="in-a-place-for"),
    ],
)
def test_acting_at_a_summit_in_other_words_is_taking_part(extract_by_rules, text):
    result = extract_by_rules(text, date=JUNE_2007)
    assert extractor_of(result, "Joseph Otieno", "attends", "2007 African Union summit") == "rules/summit.present_at"


def test_pressing_for_a_summit_from_elsewhere_is_not_taking_part(extract_by_rules):
    assert extract_by_rules("Joseph Otieno lobbied in Pretoria for an African Union summit.", date=JUNE_2007)\
        .pairs("attends") == set()


# --- who hosts ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "hosts"),
    [
        pytest.param("Canada will be the host of the G8 summit next year.", {"Canada"}, id="copular-host"),
        pytest.param("Canada was not the host of the G8 summit.", set(), id="negated"),
    ],
)
def test_the_country_a_sentence_calls_the_summits_host_organises_it(extract_by_rules, text, hosts):
    result = extract_by_rules(text, date=JUNE_2007)
    assert {o for _, o in result.pairs("organizedBy")} - {"G8"} == hosts
    assert extractors(result, "organizedBy") - {"rules/summit.series_organiser"} == \
        ({"rules/summit.host_verb"} if hosts else set())


# --- which year --------------------------------------------------------------------------

def test_a_summit_with_its_own_past_year_is_not_the_summit_named_before(extract_by_rules):
    result = extract_by_rules("Maria Lind attended the G8 summit in Bavaria. Lars Becker compared it with the 2001 "
                              "summit, which he also attended.", date=JUNE_2007)
    assert {(p, s) for p, s in result.pairs("attends")} >= {("Maria Lind", "2007 G8 summit"),
                                                             ("Lars Becker", "2001 G8 summit")}
    assert ("Lars Becker", "2007 G8 summit") not in result.pairs("attends")


def test_a_series_summit_given_a_past_year_after_its_place_is_that_years(extract_by_rules):
    result = extract_by_rules("Riot police clashed with marchers at the G8's summit in Genoa in 2001.", date="2009-07-01")
    assert [e.label for e in result.of_type("Summit")] == ["2001 G8 summit"]


# --- who attends: the sides of a summit ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "people"),
    [
        pytest.param("Kim Young-sam will travel to Pyongyang to see Kim Il-sung. The inter-Korean summit will be "
                     "the third summit between the pair.", {"Kim Young-sam", "Kim Il Sung"}, id="between-a-pair"),
        pytest.param("Kim Young-sam will hold the inter-Korean summit with Kim Il-sung in October.",
                     {"Kim Young-sam", "Kim Il Sung"}, id="hold-with"),
        pytest.param("Kim Young-sam will not hold the inter-Korean summit with Kim Il-sung this year.", set(),
                     id="negated"),
    ],
)
def test_the_sides_of_a_summit_take_part_in_it(extract_by_rules, text, people):
    result = extract_by_rules(text, date=JUNE_2007)
    assert {p for p, _ in result.pairs("attends")} == people
    assert extractors(result, "attends") == ({"rules/summit.between"} if people else set())


@pytest.mark.parametrize(
    ("text", "summit"),
    [
        pytest.param("Lars Becker hosted the G8 summit in Genoa in July 2001.", "2001 G8 summit", id="month-and-year"),
        pytest.param("Leaders at the G8 summit in Bavaria agreed on the 2050 emissions goals.", "2009 G8 summit",
                     id="a-year-the-leaders-talk-about"),
    ],
)
def test_only_the_summits_own_date_gives_its_year(extract_by_rules, text, summit):
    assert [e.label for e in extract_by_rules(text, date="2009-07-01").of_type("Summit")] == [summit]


def test_a_summit_phrase_ends_before_a_capitalised_word_that_is_not_its_of_phrase(extract_by_rules):
    result = extract_by_rules("Maria Lind attended the G8 summit. At the summit the President of France spoke "
                              "about trade.", date=JUNE_2007)
    assert [e.label for e in result.of_type("Summit")] == ["2007 G8 summit"]


# --- who organises -----------------------------------------------------------------------

def test_a_series_summit_is_organised_by_its_body_even_one_the_gazetteer_lacks(extract_by_rules):
    result = extract_by_rules("Fidel Castro said the Non-Aligned Movement summit would open on Friday.",
                              date="2006-09-16")
    assert extractor_of(result, "2006 Non-Aligned Movement summit", "organizedBy", "Non-Aligned Movement") == \
        "rules/summit.series_organiser"


def test_a_series_without_an_organising_body_names_no_organiser(extract_by_rules):
    result = extract_by_rules("Kim Young-sam attended the inter-Korean summit in Pyongyang.", date="2007-10-02")
    assert result.pairs("organizedBy") == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Leaders met in Lisbon for the Lusophone summit on Friday. President Ana Rojas of Brazil presided over "
         "the summit.", "summit.attend_verb"),
        ("Leaders met in Lisbon for the Lusophone summit on Friday. The summit was opened by President Ana Rojas "
         "of Brazil.", "summit.attended_by"),
    ],
)
def test_who_presides_over_or_opens_a_summit_attends_it(extract_by_rules, text, rule):
    result = extract_by_rules(text, date="2007-05-01")
    assert ("Ana Rojas", "2007 Lusophone summit") in result.pairs("attends")
    assert extractor_of(result, "Ana Rojas", "attends", "2007 Lusophone summit") == f"rules/{rule}"


def test_a_named_series_of_talks_is_a_meeting_its_sides_attend(extract_by_rules):
    result = extract_by_rules("Six-party talks between Canada, Peru and Kenya are set to resume next week. Ghana "
                              "agreed to rejoin the talks. Peru will host the talks.", date="2006-12-09")
    attending = {s for s, o in result.pairs("attends") if o == "Six-party talks"}
    assert attending == {"Canada", "Peru", "Kenya", "Ghana"}
    assert extractor_of(result, "Canada", "attends", "Six-party talks") == "rules/summit.between"
    assert extractor_of(result, "Ghana", "attends", "Six-party talks") == "rules/summit.attend_verb"
    assert ("Six-party talks", "Peru") in result.pairs("organizedBy")


def test_a_named_series_of_talks_is_found_however_it_is_capitalised(extract_by_rules):
    result = extract_by_rules("Six Party talks between Canada and Peru are set to resume next week.", date="2006-12-09")
    assert {s for s, o in result.pairs("attends") if o == "Six-party talks"} == {"Canada", "Peru"}


def test_talks_of_no_named_series_are_no_meeting(extract_by_rules):
    result = extract_by_rules("Talks between Canada and Peru are set to resume. Ghana agreed to rejoin the talks.",
                              date="2006-12-09")
    assert not result.pairs("attends")


def test_leaders_among_the_guests_of_the_summit_reported_attend_it(extract_by_rules):
    result = extract_by_rules("The G7 summit opened in the mountains on Sunday. Brazilian President Ana Rojas and "
                              "Kenyan President Tom Baker were among the other guests.", date="1890-06-28")
    assert {p for p, o in result.pairs("attends") if o == "1890 G7 summit"} == {"Ana Rojas", "Tom Baker"}
    assert extractor_of(result, "Tom Baker", "attends", "1890 G7 summit") == "rules/summit.reported_leader"


def test_a_section_label_before_the_lead_leaves_the_summit_in_the_lead(extract_by_rules):
    # (the parser also cuts "Ontario" off as a sentence of its own)
    result = extract_by_rules("Canadian news Ontario Provincial Police said on Friday that protesters had clashed with "
                              "officers at the G7 summit in the mountains. Brazilian President Ana Rojas and Kenyan "
                              "President Tom Baker met in the resort to discuss trade.", date="1890-06-28")
    assert {p for p, o in result.pairs("attends") if o == "1890 G7 summit"} == {"Ana Rojas", "Tom Baker"}
    assert extractor_of(result, "Ana Rojas", "attends", "1890 G7 summit") == "rules/summit.reported_leader"


@pytest.mark.parametrize("opening", ["Those present included", "Among those present were"])
def test_those_present_in_a_summit_report_attend_it(extract_by_rules, opening):
    result = extract_by_rules(f"The G8 summit opened in Bavaria on Wednesday. {opening} Peter Holm, Maria Lind and "
                              "Anna Berg.", date=JUNE_2007)
    assert {p for p, o in result.pairs("attends") if o == "2007 G8 summit"} == {"Peter Holm", "Maria Lind", "Anna Berg"}
    assert extractors(result, "attends") == {"rules/summit.participant_list"}


def test_those_present_at_an_event_that_is_no_summit_attend_nothing(extract_by_rules):
    result = extract_by_rules("The court opened its session on Wednesday. Those present included Peter Holm and "
                              "Maria Lind.", date=JUNE_2007)
    assert not result.pairs("attends")


@pytest.mark.parametrize(
    "text",
    [
        "Leaders from Chile, Peru and Brazil gathered in Lima for the APEC summit on Saturday.",
        "The APEC summit in Lima was attended by delegations from Chile, Peru and Brazil.",
    ],
)
def test_every_country_a_delegation_comes_from_attends(extract_by_rules, text):
    result = extract_by_rules(text, date="2004-11-20")
    assert {c for c, s in result.pairs("attends") if s == "2004 APEC summit"} == {"Chile", "Peru", "Brazil"}


def test_someone_in_a_place_for_a_summit_attends_it(extract_by_rules):
    result = extract_by_rules("Peter Holm, in Lima for the APEC summit, said trade must grow.", date="2004-11-20")
    assert result.pairs("attends") == {("Peter Holm", "2004 APEC summit")}
    assert extractors(result, "attends") == {"rules/summit.present_at"}


@pytest.mark.parametrize(
    ("text", "organisers"),
    [
        ("The APEC summit was organised by Chile.", {"Chile", "APEC"}),
        ("The APEC summit, which is sponsored by the Chilean government and the United Nations, opened on Monday.",
         {"Chile", "United Nations", "APEC"}),
        ("The APEC summit was convened by the United Nations.", {"United Nations", "APEC"}),
        ("Leaders convened in Lima for the APEC summit.", {"APEC"}),
    ],
)
def test_who_organises_sponsors_or_convenes_a_summit_organises_it(extract_by_rules, text, organisers):
    result = extract_by_rules(text, date="2004-11-20")
    assert {o for s, o in result.pairs("organizedBy")} == organisers


# --- who a gathering includes, and summits named without the word "summit" ------------------

@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param("The APEC summit opens in Lima next week. The meeting will include Maria Lind, Chile's "
                     "Lars Becker and Peter Holm.", "planned", id="the-meeting-will-include"),
        pytest.param("The APEC summit in Lima brought together Maria Lind, Lars Becker and Peter Holm.", "attended",
                     id="brought-together"),
    ],
)
def test_the_people_a_gathering_includes_attend_it(extract_by_rules, text, status):
    result = extract_by_rules(text, date="2004-11-20")
    assert result.pairs("attends") == {(p, "2004 APEC summit") for p in ("Maria Lind", "Lars Becker", "Peter Holm")}
    assert {f.status for f in result.facts if f.relation == "attends"} == {status}
    assert extractors(result, "attends") == {"rules/summit.gathering_guests"}


def test_a_meeting_that_includes_no_one_names_no_participants(extract_by_rules):
    result = extract_by_rules("The APEC summit opens in Lima next week. The agenda will include trade with Chile "
                              "and Peru.", date="2004-11-20")
    assert result.pairs("attends") == set()


def test_a_ministers_meeting_of_a_series_is_no_summit_of_its_leaders(extract_by_rules):
    result = extract_by_rules("Maria Lind attended the APEC trade ministers' meeting in Lima.", date="2004-11-20")
    assert result.pairs("attends") == set()


@pytest.mark.parametrize(
    ("text", "summit"),
    [
        # a series' meeting of leaders is the series summit
        pytest.param("Maria Lind attended the APEC meeting in Lima.", "2004 APEC summit", id="series-meeting"),
        pytest.param("Maria Lind attended the G8 leaders' gathering in Lima.", "2004 G8 summit", id="leaders-gathering"),
        pytest.param("Maria Lind flew to Baku for a summit of the Caspian states.", "2004 Caspian summit", id="caspian"),
        pytest.param("Maria Lind flew to Lisbon for the EU-Africa summit.", "2004 Africa–EU summit", id="africa-eu"),
        pytest.param("Maria Lind flew to Lisbon for the Africa–EU summit.", "2004 Africa–EU summit", id="eu-africa"),
        pytest.param("Maria Lind flew to Dhaka for the SAARC summit.", "2004 SAARC summit", id="saarc"),
        pytest.param("Maria Lind flew to Vientiane for the East Asian Summit.", "2004 East Asia Summit", id="demonym-form"),
    ],
)
def test_a_summit_of_a_known_series_takes_the_series_name(extract_by_rules, text, summit):
    result = extract_by_rules(text, date="2004-11-20")
    assert result.pairs("attends") == {("Maria Lind", summit)}


def test_a_summit_named_with_its_ordinal_keeps_its_name_beside_a_series(extract_by_rules):
    result = extract_by_rules("Peter Holm attended the Third South Pacific Summit in Lima. Lars Becker also attended "
                              "the summit. APEC officials were also there.", date="2004-11-20")
    assert result.pairs("attends") == {(p, "2004 South Pacific Summit") for p in ("Peter Holm", "Lars Becker")}


@pytest.mark.parametrize(
    "text",
    [
        "Deputies attended the APEC summit for Chile, Peru and Brazil.",
        "The APEC summit opened in Lima. Envoys attended for Chile, Peru and Brazil.",
    ],
)
def test_the_countries_someone_attends_for_attend(extract_by_rules, text):
    result = extract_by_rules(text, date="2004-11-20")
    assert result.pairs("attends") == {(c, "2004 APEC summit") for c in ("Chile", "Peru", "Brazil")}
    assert extractors(result, "attends") == {"rules/summit.attend_verb"}


def test_who_takes_part_with_the_subject_takes_part(extract_by_rules):
    result = extract_by_rules("Maria Lind participated in the APEC summit in Lima, with Lars Becker and Peter Holm.",
                              date="2004-11-20")
    assert result.pairs("attends") == {(p, "2004 APEC summit") for p in ("Maria Lind", "Lars Becker", "Peter Holm")}


def test_meeting_on_the_occasion_of_a_summit_is_taking_part(extract_by_rules):
    result = extract_by_rules("On the occasion of the APEC summit in Lima, Maria Lind met with Lars Becker.",
                              date="2004-11-20")
    assert result.pairs("attends") == {(p, "2004 APEC summit") for p in ("Maria Lind", "Lars Becker")}
    assert extractors(result, "attends") == {"rules/summit.present_at"}


# --- a summit named by its place: the series' calendar names its year ---------------------

@pytest.mark.parametrize(
    ("text", "date", "summit"),
    [
        # the place in the summit's name, or right after it, is that of one summit of the series
        pytest.param("Maria Lind attended the G7 Hiroshima Summit.", "2024-05-02", "2023 G7 summit", id="series-place"),
        pytest.param("Maria Lind attended the NATO summit in Vilnius.", "2024-05-02", "2023 NATO summit", id="place-after"),
        # a place one series alone held a summit at, that year or the next, is that summit
        pytest.param("Maria Lind attended the Heiligendamm summit.", "2007-06-09", "2007 G8 summit", id="place-only"),
        # a place the calendar does not put near the article's year names a summit of its own
        pytest.param("Maria Lind attended the Lisbon summit.", "2007-12-10", "2007 Lisbon summit", id="other-place"),
    ],
)
def test_a_summit_named_by_its_place_takes_its_year_from_the_series_calendar(extract_by_rules, text, date, summit):
    result = extract_by_rules(text, date=date)
    assert result.pairs("attends") == {("Maria Lind", summit)}


def test_a_summit_named_only_by_its_place_has_no_organiser_from_its_series(extract_by_rules):
    result = extract_by_rules("Maria Lind attended the Heiligendamm summit.", date="2007-06-09")
    assert result.pairs("organizedBy") == set()
