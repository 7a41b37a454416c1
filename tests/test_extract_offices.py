"""Office rules (issue 11): constructions of news English that name an office, on sentences we
wrote ourselves with invented people. Each test names the rule it expects to fire."""
from __future__ import annotations

import pytest

from extracted import extractor_of, extractors

DATE = "2007-05-01"


# --- office names: what the title and its place call the office -------------------------

@pytest.mark.parametrize(
    ("text", "person", "office", "rule"),
    [
        # "Vice" and "Deputy" foreign ministers keep the rank the text gives them
        ("Chinese Vice Foreign Minister Lars Becker arrived in Seoul for the talks.",
         "Lars Becker", "Vice Minister of Foreign Affairs of China", "office.title_before_name"),
        ("Lars Becker, the deputy foreign minister of Japan, arrived in Seoul for the talks.",
         "Lars Becker", "Deputy Minister of Foreign Affairs of Japan", "office.apposition"),
        # the White House's posts are named as the White House names them
        ("White House Press Secretary Lars Becker told reporters the bill would be vetoed.",
         "Lars Becker", "White House Press Secretary", "office.title_before_name"),
        ("White House deputy press secretary Aino Virtanen told reporters the bill would be vetoed.",
         "Aino Virtanen", "White House Deputy Press Secretary", "office.title_before_name"),
        ("Lars Becker, the White House counsel, resigned on Friday.",
         "Lars Becker", "White House Counsel", "office.apposition"),
        ("Lars Becker, the press secretary for the White House, said the bill would be vetoed.",
         "Lars Becker", "White House Press Secretary", "office.apposition"),
        # a Commonwealth country's envoy to another is its high commissioner there
        ("Finland's high commissioner to Canada, Aino Virtanen, met officials on Monday.",
         "Aino Virtanen", "High Commissioner of Finland to Canada", "office.title_first_apposition"),
        # the UN's high commissioners are posts of the UN, whatever country is nearby
        ("In Geneva, UN High Commissioner for Human Rights Aino Virtanen criticised France.",
         "Aino Virtanen", "United Nations High Commissioner for Human Rights", "office.title_before_name"),
        # a state's attorney-general is the state's, not the country's
        ("Queensland Attorney-General Aino Virtanen announced an inquiry into the police.",
         "Aino Virtanen", "Attorney General of Queensland", "office.title_before_name"),
    ],
)
def test_office_names(extract_by_rules, text, person, office, rule):
    result = extract_by_rules(text, date=DATE)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"


@pytest.mark.parametrize(
    ("text", "office"),
    [
        # Australia (and its states: see test_extract.py) and Ireland name every portfolio "Minister for …"
        ("Australian Health Minister Lars Becker opened the hospital.", "Minister for Health of Australia"),
        ("Irish Foreign Minister Lars Becker arrived in Cairo.", "Minister for Foreign Affairs of Ireland"),
        # most countries "Minister of …"
        ("Canadian Health Minister Lars Becker opened the hospital.", "Minister of Health of Canada"),
        ("Indian Foreign Minister Lars Becker arrived in Cairo.", "Minister of Foreign Affairs of India"),
        # the United Kingdom's foreign minister is its Foreign Secretary, whatever the text calls him
        ("British Foreign Minister Lars Becker arrived in Cairo.", "Foreign Secretary of the United Kingdom"),
        # a member of parliament sits in the chamber the country's MPs sit in
        ("Canadian MP Lars Becker said the bill was flawed.", "Member of the House of Commons of Canada"),
        ("New Zealand MP Lars Becker said the bill was flawed.", "Member of the New Zealand Parliament"),
        ("British MP Lars Becker said the bill was flawed.", "Member of Parliament of the United Kingdom"),
        ("German MP Lars Becker said the bill was flawed.", "Member of the Bundestag"),
        ("Lars Becker, a Greek MP, said the bill was flawed.", "Member of the Hellenic Parliament"),
        # and a senator in the country's senate
        ("Australian Senator Lars Becker said the bill was flawed.", "Member of the Australian Senate"),
    ],
)
def test_an_office_is_named_the_way_its_country_names_it(extract_by_rules, text, office):
    result = extract_by_rules(text, date=DATE)
    assert ("Lars Becker", office) in result.pairs("holdsOffice")


def test_its_after_a_demonym_and_government_is_that_country(extract_by_rules):
    result = extract_by_rules("The Indian government has chosen Lars Becker as its next envoy to Nepal.", date=DATE)
    assert result.pairs("holdsOffice") == {("Lars Becker", "Envoy of India to Nepal")}


def test_a_minister_of_no_named_ministry_holds_no_office(extract_by_rules):
    result = extract_by_rules("Chilean Health Minister Ana Rojas praised the budget. Minister Lars Becker said it "
                              "was sound.", date=DATE)
    assert result.pairs("holdsOffice") == {("Ana Rojas", "Minister of Health of Chile")}


def test_deputy_before_another_post_is_no_legislators_title(extract_by_rules):
    result = extract_by_rules("In Ottawa, Canadian MP Lars Becker said Ana Rojas, the Deputy Commissioner, should "
                              "stay.", date=DATE)
    assert result.pairs("holdsOffice") == {("Lars Becker", "Member of the House of Commons of Canada")}


def test_a_member_of_a_legislature_named_in_one_word_holds_one_office(extract_by_rules):
    result = extract_by_rules("Lars Becker, a member of the Bundestag, said the bill was flawed.", date=DATE)
    assert result.pairs("holdsOffice") == {("Lars Becker", "Member of the Bundestag")}


# --- a rank before a minister's title names a post of its own ----------------------------

@pytest.mark.parametrize(
    ("text", "office", "rule"),
    [
        ("Chilean Deputy Defence Minister Peter Holm said the troops would stay.",
         "Deputy Minister of Defence of Chile", "office.title_before_name"),
        ("Peter Holm, the deputy defence minister of Chile, said the troops would stay.",
         "Deputy Minister of Defence of Chile", "office.apposition"),
        ("Peter Holm, Chile's deputy health minister, said the clinics would stay open.",
         "Deputy Minister of Health of Chile", "office.apposition"),
        ("Peruvian Vice Health Minister Peter Holm said the clinics would stay open.",
         "Vice Minister of Health of Peru", "office.title_before_name"),
    ],
)
def test_a_deputy_minister_holds_the_deputys_post_not_the_ministers(extract_by_rules, text, office, rule):
    result = extract_by_rules(text, date=DATE)
    assert result.pairs("holdsOffice") == {("Peter Holm", office)}
    assert extractor_of(result, "Peter Holm", "holdsOffice", office) == f"rules/{rule}"


@pytest.mark.parametrize(
    ("text", "office", "status"),
    [
        ("Peter Holm, a member of the Chilean parliament, was arrested on Monday.",
         "Member of the Parliament of Chile", "current"),
        ("Peter Holm, a former member of Peru's parliament, was arrested on Monday.",
         "Member of the Parliament of Peru", "former"),
    ],
)
def test_a_member_of_a_countrys_parliament_holds_a_seat_in_it(extract_by_rules, text, office, status):
    result = extract_by_rules(text, date=DATE)
    assert ("Peter Holm", "holdsOffice", office, status) in result.rows()
    assert extractor_of(result, "Peter Holm", "holdsOffice", office) == "rules/office.body_post"


# --- a plural title shared by the people listed after it ---------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The treaty was praised by three U.S. presidents, Jimmy Carter, Ronald Reagan and Gerald Ford.",
        "Presidents Jimmy Carter and Gerald Ford attended the funeral.",
        "Former presidents Jimmy Carter and Gerald Ford attended the funeral.",
    ],
)
def test_a_plural_title_is_held_by_each_person_listed_after_it(extract_by_rules, text):
    result = extract_by_rules(text, date=DATE)
    holders = {p for p, o in result.pairs("holdsOffice") if o == "President of the United States"}
    assert {"Jimmy Carter", "Gerald Ford"} <= holders
    assert {f.status for f in result.facts if f.relation == "holdsOffice"} == {"former"}
    assert extractor_of(result, "Gerald Ford", "holdsOffice", "President of the United States") \
        == "rules/office.shared_plural_title"


def test_a_plural_title_of_a_named_country_needs_no_tables(extract_by_rules):
    result = extract_by_rules("Former British prime ministers Peter Holm and Maria Lind attended the funeral.", date=DATE)
    assert {("Peter Holm", "Prime Minister of the United Kingdom"),
            ("Maria Lind", "Prime Minister of the United Kingdom")} <= result.pairs("holdsOffice")


def test_a_plural_title_of_no_country_is_placed_only_by_the_tables(extract_by_rules):
    result = extract_by_rules("In Vienna, the foreign ministers Peter Holm and Maria Lind signed the accord.", date=DATE)
    assert not result.pairs("holdsOffice")


def test_a_state_attorney_general_is_not_the_countrys(extract_by_rules):
    result = extract_by_rules("Queensland Attorney-General Aino Virtanen announced an inquiry into the police.",
                              date=DATE)
    assert not any(o.endswith("of Australia") for _, o in result.pairs("holdsOffice"))


def test_a_bare_attorney_general_is_not_the_home_states(extract_by_rules):
    """Only a state named beside the title makes it the state's: a federal minister named
    after a state's leader keeps the federal office."""
    result = extract_by_rules("The Australian Capital Territory Chief Minister, Lars Becker, published the draft. "
                              "Attorney-General Aino Virtanen said it had changed since.", date=DATE)
    assert not any(p == "Aino Virtanen" and "Territory" in o for p, o in result.pairs("holdsOffice"))


# --- a minister's portfolio after "for" or "of", however long ---------------------------

@pytest.mark.parametrize(
    ("text", "person", "office", "rule"),
    [
        ("The Australian Minister for Vocational Education and Training, Lars Becker, opened the college.",
         "Lars Becker", "Minister for Vocational Education and Training of Australia", "office.title_first_apposition"),
        ("The Australian Minister for Regional Development and Local Government, Aino Virtanen, said the plan "
         "would proceed.",
         "Aino Virtanen", "Minister for Regional Development and Local Government of Australia",
         "office.title_first_apposition"),
        ("Indian Minister for Women and Child Development Aino Virtanen launched the scheme.",
         "Aino Virtanen", "Minister for Women and Child Development of India", "office.title_before_name"),
        ("Cuban Vice-Minister for Labour Lars Becker said wages would rise.",
         "Lars Becker", "Vice Minister for Labour of Cuba", "office.title_before_name"),
    ],
)
def test_a_long_portfolio_is_part_of_the_office(extract_by_rules, text, person, office, rule):
    result = extract_by_rules(text, date=DATE)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("South Korean Foreign Affairs and Trade Minister Peter Holm arrived in Tokyo.",
         "Minister of Foreign Affairs and Trade of South Korea"),
        ("Chilean Mines and Energy Minister Peter Holm arrived in Tokyo.", "Minister of Mines and Energy of Chile"),
    ],
)
def test_more_of_a_portfolio_joined_before_a_ministers_title_is_part_of_it(extract_by_rules, text, office):
    result = extract_by_rules(text, date="1890-05-01")
    assert result.pairs("holdsOffice") == {("Peter Holm", office)}


def test_the_last_word_of_a_portfolio_is_no_person(extract_by_rules):
    result = extract_by_rules("The Australian Minister for Vocational Education and Training, Lars Becker, opened "
                              "the college.", date=DATE)
    assert {p for p, _ in result.pairs("holdsOffice")} == {"Lars Becker"}


# --- shadow ministers: the opposition's posts, never the state's -------------------------

@pytest.mark.parametrize(
    ("text", "person", "office", "rule"),
    [
        ("Australian Prime Minister Ivo Marten defended the hospital plan on Monday. Shadow Health Minister "
         "Aino Virtanen criticised it.",
         "Aino Virtanen", "Shadow Minister for Health of Australia", "office.title_before_name"),
        ("Australian Prime Minister Ivo Marten defended the hospital plan on Monday. Aino Virtanen, the Shadow "
         "Health Minister, criticised it.",
         "Aino Virtanen", "Shadow Minister for Health of Australia", "office.apposition"),
        ("Australian Prime Minister Ivo Marten defended the school plan on Monday. The shadow minister for "
         "education, Aino Virtanen, criticised it.",
         "Aino Virtanen", "Shadow Minister for Education of Australia", "office.title_first_apposition"),
        ("British Prime Minister Ivo Marten defended the budget on Wednesday. Lars Becker, the shadow chancellor, "
         "criticised it.",
         "Lars Becker", "Shadow Chancellor of the Exchequer", "office.apposition"),
    ],
)
def test_shadow_ministers_hold_the_oppositions_post(extract_by_rules, text, person, office, rule):
    result = extract_by_rules(text, date=DATE)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == f"rules/{rule}"
    assert not any(p == person and not o.startswith("Shadow ") for p, o in result.pairs("holdsOffice"))


# --- the Palestinian Authority's offices, by the name they had then ----------------------

@pytest.mark.parametrize(
    ("text", "date", "office", "rule"),
    [
        ("Palestinian President Lars Becker met the Israeli Prime Minister in Jerusalem.", "2007-05-01",
         "President of the Palestinian National Authority", "office.title_before_name"),
        ("On Monday Lars Becker, President of the Palestinian National Authority, told reporters that talks would resume.",
         "2007-05-01",
         "President of the Palestinian National Authority", "office.apposition"),
        ("Palestinian President Lars Becker met the Israeli Prime Minister in Jerusalem.", "2016-05-01",
         "President of Palestine", "office.title_before_name"),
    ],
)
def test_palestinian_offices_are_named_for_the_date(extract_by_rules, text, date, office, rule):
    result = extract_by_rules(text, date=date)
    assert ("Lars Becker", office) in result.pairs("holdsOffice")
    assert extractor_of(result, "Lars Becker", "holdsOffice", office) == f"rules/{rule}"


@pytest.mark.parametrize(("text", "person", "office"), [
    ("Critics called the mayor of Antwerp Patrick Verhoeven a coward.", "Patrick Verhoeven", "Mayor of Antwerp"),
    ("The mayor of Leeds Tom Harris resigned on Monday.", "Tom Harris", "Mayor of Leeds"),
])
def test_the_place_after_a_titles_of_is_no_part_of_the_name(extract_text, text, person, office):
    """"mayor of Springfield Ana Rojas": the model runs the place into the name (the fact is a
    nearby candidate that the relation model keeps)."""
    result = extract_text(text, date=DATE)
    assert extractor_of(result, person, "holdsOffice", office) == "model/relations:office.nearby"
    assert {p for p, _ in result.pairs("holdsOffice")} == {person}


# --- spokespeople of offices and of state bodies (issue 11) ------------------------------

@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        # a person's spokesperson speaks for the office the article gives that person
        ("Lars Becker, a spokesman for Indonesian President Susilo Bambang Yudhoyono, denied the report.",
         "Lars Becker", "Spokesperson for the President of Indonesia"),
        ("Indonesian President Susilo Bambang Yudhoyono flew home on Sunday. "
         "Yudhoyono's spokesman Lars Becker denied the report.",
         "Lars Becker", "Spokesperson for the President of Indonesia"),
        ("Indonesian President Susilo Bambang Yudhoyono flew home on Sunday. "
         "Presidential spokesman Lars Becker denied the report.",
         "Lars Becker", "Spokesperson for the President of Indonesia"),
        # a bare "Government spokesman" speaks for the government of the article's country
        ("Iranian President Ivo Marten flew home on Sunday. "
         "Government spokesman Lars Becker denied the report.",
         "Lars Becker", "Spokesperson of the Government of Iran"),
        # bodies of a state the gazetteer knows
        ("Aino Virtanen, a Secret Service spokeswoman, denied the report.",
         "Aino Virtanen", "Spokesperson of the United States Secret Service"),
        ("US National Security Council spokesman Lars Becker denied the report.",
         "Lars Becker", "Spokesperson of the United States National Security Council"),
        # the United States' ministries are its departments
        ("A spokesman for the U.S. Justice Department, Lars Becker, denied the report.",
         "Lars Becker", "Spokesperson of the United States Department of Justice"),
        ("US Homeland Security Department spokeswoman Aino Virtanen denied the report.",
         "Aino Virtanen", "Spokesperson of the United States Department of Homeland Security"),
    ],
)
def test_spokespeople(extract_by_rules, text, person, office):
    result = extract_by_rules(text, date=DATE)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.spokesperson"


def test_a_spokesperson_for_someone_with_no_office_holds_none(extract_by_rules):
    result = extract_by_rules("Aino Virtanen met Lars Becker on Monday. "
                              "Lars Becker, a spokesman for Aino Virtanen, denied the report.", date=DATE)
    assert not result.pairs("holdsOffice")


# --- posts in bodies of a state: "<Post> of <the body>" ----------------------------------

@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        ("Lars Becker, Secretary of the Russian Security Council, flew to Paris on Monday.",
         "Lars Becker", "Secretary of the Security Council of Russia"),
        ("Russian Security Council Secretary Lars Becker flew to Paris on Monday.",
         "Lars Becker", "Secretary of the Security Council of Russia"),
        ("Aino Virtanen is a member of the Supreme National Security Council.",
         "Aino Virtanen", "Member of the Supreme National Security Council of Iran"),
        # a body every state has is completed with the country
        ("Lars Becker, the executive secretary of the Council of Ministers, lost his post on Monday in Cuba.",
         "Lars Becker", "Executive Secretary of the Council of Ministers of Cuba"),
        ("Lars Becker, the vice president of the Council of State of Cuba, lost his post on Monday.",
         "Lars Becker", "Vice President of the Council of State of Cuba"),
        ("Lars Becker, a member of the US House of Representatives, voted against the bill.",
         "Lars Becker", "Member of the United States House of Representatives"),
        # a public body the gazetteer does not know, by the words that name public bodies
        ("Lars Becker, chairman of the Ruritanian Fisheries Commission, voted against the plan.",
         "Lars Becker", "Chairman of the Ruritanian Fisheries Commission"),
        ("The executive director of the Ruritanian Space Agency, Lars Becker, voted against the plan.",
         "Lars Becker", "Executive Director of the Ruritanian Space Agency"),
        ("Former Ruritanian Grain Board chairman Lars Becker voted against the plan.",
         "Lars Becker", "Chairman of the Ruritanian Grain Board"),
    ],
)
def test_body_posts(extract_by_rules, text, person, office):
    result = extract_by_rules(text, date=DATE)
    assert (person, office) in result.pairs("holdsOffice")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.body_post"


@pytest.mark.parametrize(
    "text",
    [
        # a committee's member, not the chamber's
        "Lars Becker, a member of the Senate Foreign Relations Committee, voted against the bill.",
        # a club's secretary holds no public office
        "Lars Becker, secretary of the village chess club, voted against the plan.",
        # nor a company's chairman, nor a member of a commission the gazetteer does not know
        "Lars Becker, chairman of the Ruritanian Trading Corporation, voted against the plan.",
        "Lars Becker, a member of the Ruritanian Fisheries Commission, voted against the plan.",
        # nor a committee's chairman: legislatures, parties and campaigns all have committees
        "Lars Becker, chairman of the Ruritanian Campaign Committee, voted against the plan.",
        # a junior post the text names only in part is not the director's
        "Lars Becker, the deputy finance director of the Ruritanian Space Agency, voted against the plan.",
        # another country's chamber of the same name
        "Australian Prime Minister Ivo Marten spoke on Monday. "
        "Lars Becker, a member of the House of Representatives, voted against the bill.",
    ],
)
def test_no_body_post(extract_by_rules, text):
    result = extract_by_rules(text, date=DATE)
    assert not any(p == "Lars Becker" for p, _ in result.pairs("holdsOffice"))


def test_a_person_with_a_title_of_their_own_takes_no_nearby_title(extract_text):
    result = extract_text("The President welcomed Prime Minister Narendra Modi of India to the palace for a state visit.",
                          date="2023-06-22")
    assert result.pairs("holdsOffice") == {("Narendra Modi", "Prime Minister of India")}


@pytest.mark.parametrize("verb", ["stay on", "continue"])
def test_staying_on_in_an_office_is_holding_it(extract_text, verb):
    result = extract_text(f"Ana Rojas will {verb} as prime minister of Chile.")
    assert result.rows("holdsOffice") == {("Ana Rojas", "holdsOffice", "Prime Minister of Chile", "current")}
    assert extractors(result, "holdsOffice") == {"rules/office.predicative"}


@pytest.mark.parametrize("word", ["formerly", "previously"])
def test_formerly_before_a_title_is_a_past_office(extract_text, word):
    result = extract_text(f"Ana Rojas, {word} the president of Chile, spoke in Lima on Monday.", date=DATE)
    assert result.rows("holdsOffice") == {("Ana Rojas", "holdsOffice", "President of Chile", "former")}


def test_until_recently_before_a_title_is_a_past_office(extract_text):
    result = extract_text("The oath was taken by Ana Rojas, until recently a Chilean senator, in Santiago.", date=DATE)
    assert result.rows("holdsOffice") == {("Ana Rojas", "holdsOffice", "Senator of Chile", "former")}


def test_the_second_of_two_verbs_keeps_the_subject_of_the_first(extract_text):
    result = extract_text("Peter Holm won the party vote, and became Chile's Prime Minister on Monday.", date=DATE)
    assert result.pairs("holdsOffice") == {("Peter Holm", "Prime Minister of Chile")}
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Prime Minister of Chile") == "rules/office.predicative"


def test_whether_someone_would_become_king_is_no_office(extract_text):
    result = extract_text("The prime minister refused to say whether he thought Prince Peter Holm would become King of "
                          "Norway.", date=DATE)
    assert result.rows("holdsOffice") == set()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("President Peter Holm of Norway accepted the resignation of Prime Minister Ana Rojas of Chile.",
                     id="resignation-of"),
        pytest.param("Thousands mourned at the funeral of Chilean Prime Minister Ana Rojas on Sunday.", id="funeral-of"),
    ],
)
def test_a_title_whose_end_the_sentence_reports_is_a_past_office(extract_text, text):
    result = extract_text(text, date=DATE)
    assert result.fact("Ana Rojas", "holdsOffice", "Prime Minister of Chile").status == "former"


def test_a_demanded_resignation_leaves_the_office_current(extract_text):
    result = extract_text("Protesters in Santiago demanded the resignation of Chilean Prime Minister Ana Rojas.", date=DATE)
    assert result.fact("Ana Rojas", "holdsOffice", "Prime Minister of Chile").status == "current"


def test_former_before_two_joined_roles_makes_both_past(extract_text):
    result = extract_text("Peter Holm, a former minister and governor of Arkansas, trailed in the primaries.", date=DATE)
    assert result.rows("holdsOffice") == {("Peter Holm", "holdsOffice", "Governor of Arkansas", "former")}
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Governor of Arkansas") == "rules/office.apposition"


@pytest.mark.parametrize("word", ["retired", "now-retired"])
def test_a_retired_holder_held_the_office_before(extract_text, word):
    result = extract_text(f"The law was initiated by {word} Chilean senator Ana Rojas.", date=DATE)
    assert {status for *_, status in result.rows("holdsOffice")} == {"former"}


def test_a_governor_is_never_a_country_s(extract_text):
    result = extract_text("The United States' newest governor, Ana Rojas, took office on Monday.", date=DATE)
    assert "Governor of the United States" not in {office for _, office in result.pairs("holdsOffice")}


@pytest.mark.parametrize(
    ("text", "office"),
    [
        pytest.param("Ana Rojas, the Chilean immigration minister, said the cases were being reviewed.",
                     "Minister of Immigration of Chile", id="lower-case-portfolio"),
        pytest.param("Ana Rojas, a Chilean cabinet minister, said the cases were being reviewed.",
                     "Member of the Cabinet of Chile", id="cabinet-is-no-portfolio"),
    ],
)
def test_a_lower_case_portfolio_before_minister_names_the_ministry(extract_text, text, office):
    result = extract_text(text, date=DATE)
    assert result.pairs("holdsOffice") == {("Ana Rojas", office)}


# --- names, places and portfolios the model runs together --------------------------------

def test_china_and_taiwan_name_their_head_of_government_premier(extract_by_rules):
    result = extract_by_rules("Chinese Premier Zhu Rongji opened the trade fair in Shanghai.", date="2000-05-01")
    assert ("Zhu Rongji", "Premier of China") in result.pairs("holdsOffice")


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("The Kenyan Fisheries and Livestock Minister Aino Virtanen toured the port.",
         "Minister of Fisheries and Livestock of Kenya"),
        ("The Indian Water Resources Minister Lars Becker said the dam was safe.",
         "Minister of Water Resources of India"),
    ],
)
def test_a_portfolio_the_model_calls_an_organisation_stays_the_portfolio(extract_by_rules, text, office):
    result = extract_by_rules(text, date=DATE)
    assert office in {o for _, o in result.pairs("holdsOffice")}
    assert extractors(result, "holdsOffice") == {"rules/office.title_before_name"}


def test_a_section_label_before_the_first_sentence_leaves_its_title_to_the_name(extract_text):
    result = extract_text("Canadian news Prime Minister Brian Mulroney has agreed to send the bill to a committee.",
                          date="1986-11-02")
    assert ("Brian Mulroney", "Prime Minister of Canada") in result.pairs("holdsOffice")


def test_a_premier_after_a_province_named_in_the_sentence_is_the_province_s(extract_by_rules):
    result = extract_by_rules("Manitoba voters threw out the Canadian province's government of Premier "
                              "Lars Becker on Tuesday.", date=DATE)
    assert ("Lars Becker", "Premier of Manitoba") in result.pairs("holdsOffice")
    assert extractor_of(result, "Lars Becker", "holdsOffice", "Premier of Manitoba") == "rules/office.title_before_name"


@pytest.mark.parametrize(
    "text",
    [
        "Iceland's parliament met on Monday. Lars Becker, president of a chain of bakeries, handed in the "
        "petition.",
        "Iceland's parliament met on Monday. \"The runway stays shut,\" said the president of operator "
        "Airports of Iceland, Lars Becker.",
        "Iran's parliament met on Monday. The expulsion notices were signed by university chancellor "
        "Lars Becker.",
    ],
)
def test_a_company_s_or_a_university_s_head_holds_no_office_of_the_state(extract_text, text):
    # (a date before the tenure tables begin, so that no known holder rules the name out)
    result = extract_text(text, date="1890-05-01")
    assert not result.pairs("holdsOffice")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("In Norway, Lars Becker's chief of staff quit on Monday, citing corruption.", "Chief"),
        ("Norway will send Lars Becker to Sweden as the Prime Minister's special envoy.", "Prime Minister"),
        ("In Norway, Lars Becker was known as a gifted speaker at rallies.", "Speaker"),
    ],
)
def test_a_title_near_a_name_that_is_not_its_holder_s_gives_no_office(extract_text, text, title):
    result = extract_text(text, date=DATE)
    assert not any(p == "Lars Becker" and o.startswith(title) for p, o in result.pairs("holdsOffice"))


def test_the_chancellor_of_the_exchequer_is_named_as_the_office_names_itself(extract_by_rules):
    result = extract_by_rules("In Britain, Chancellor of the Exchequer Lars Becker said no. Shadow Chancellor "
                              "Aino Virtanen disagreed.", date="1890-05-01")
    assert ("Lars Becker", "Chancellor of the Exchequer") in result.pairs("holdsOffice")
    assert ("Aino Virtanen", "Shadow Chancellor of the Exchequer") in result.pairs("holdsOffice")


def test_a_bare_title_takes_the_home_country_when_the_article_names_no_country(extract_by_rules):
    result = extract_by_rules("President Reagan gave a speech on the budget. Senator Lars Becker said he agreed.",
                              date="1986-01-11")
    assert extractor_of(result, "Lars Becker", "holdsOffice", "United States Senator") == "rules/office.title_before_name"


@pytest.mark.parametrize(
    ("text", "person", "office"),
    [
        ("Kenya's Foreign Minister Lars Becker and his Peruvian counterpart, Aino Virtanen, signed the treaty.",
         "Aino Virtanen", "Minister of Foreign Affairs of Peru"),
        ("Kenyan Defence Minister Lars Becker met his Peruvian counterpart Aino Virtanen in Lima.",
         "Aino Virtanen", "Minister of Defence of Peru"),
        ("U.S. Secretary of State Lars Becker met his Peruvian counterpart, Aino Virtanen, in Lima.",
         "Aino Virtanen", "Minister of Foreign Affairs of Peru"),
    ],
)
def test_a_counterpart_abroad_holds_the_same_office_there(extract_by_rules, text, person, office):
    result = extract_by_rules(text, date="1890-05-01")
    assert extractor_of(result, person, "holdsOffice", office) == "rules/office.counterpart"


@pytest.mark.parametrize(
    "text",
    [
        "Kenya's Foreign Minister Lars Becker said his counterpart, Aino Virtanen, had agreed.",
        "Lars Becker, a Kenyan minister, met his Peruvian counterpart Aino Virtanen in Lima.",
    ],
)
def test_a_counterpart_without_a_country_or_a_portfolio_holds_nothing_said(extract_by_rules, text):
    result = extract_by_rules(text, date="1890-05-01")
    assert not any(p == "Aino Virtanen" for p, _ in result.pairs("holdsOffice"))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Icelandic Prime Minister Lars Becker resigned on Thursday.", "former"),
        ("Icelandic Prime Minister Lars Becker was dismissed on Thursday.", "former"),
        ("The president dismissed the cabinet. Among those dismissed was Icelandic Prime Minister Lars Becker.",
         "former"),
        ("Icelandic Prime Minister Lars Becker resigned as party leader on Thursday.", "current"),
        ("Icelandic Prime Minister Lars Becker refused to resign.", "current"),
        ("Icelandic Prime Minister Lars Becker will resign on Thursday.", "current"),
    ],
)
def test_a_titled_holder_whose_end_the_sentence_reports_held_the_office(extract_by_rules, text, status):
    result = extract_by_rules(text, date="1890-05-01")
    assert ("Lars Becker", "holdsOffice", "Prime Minister of Iceland", status) in result.rows("holdsOffice")


def test_a_chamber_named_by_its_country_s_adjective_is_that_country_s(extract_by_rules):
    result = extract_by_rules("In Beirut, Lars Becker, Speaker of the Lebanese Parliament, called for talks.",
                              date="1890-05-01")
    assert extractor_of(result, "Lars Becker", "holdsOffice", "Speaker of the Parliament of Lebanon") \
        == "rules/office.apposition"


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("In Washington, Agriculture Secretary Lars Becker spoke.", "United States Secretary of Agriculture"),
        ("The U.S. Foreign Minister Lars Becker spoke in Ohio.", "United States Secretary of State"),
        ("Secretary of Defense Lars Becker said the troops would stay.", "United States Secretary of Defense"),
    ],
)
def test_the_us_cabinet_s_posts_are_named_as_it_names_them(extract_by_rules, text, office):
    result = extract_by_rules(text, date="1890-05-01")
    assert ("Lars Becker", office) in result.pairs("holdsOffice")


def test_states_named_count_for_the_one_country_a_bare_title_belongs_to(extract_by_rules):
    result = extract_by_rules("A lobby praised Senator Lars Becker for his plan. Becker has campaigned in Iowa and "
                              "New Hampshire.", date="2007-06-01")
    assert ("Lars Becker", "United States Senator") in result.pairs("holdsOffice")


def test_a_state_after_of_a_common_noun_still_names_the_title_s_place(extract_by_rules):
    result = extract_by_rules("The son of Florida Governor Lars Becker was arrested in Texas.", date="1890-05-01")
    assert ("Lars Becker", "Governor of Florida") in result.pairs("holdsOffice")


def test_a_us_party_tag_after_a_titled_name_places_the_title(extract_by_rules):
    result = extract_by_rules("The members named are Rep. Lars Becker (R-MO) and Sen. Aino Virtanen (D-FL).",
                              date="1890-05-01")
    assert ("Lars Becker", "Member of the United States House of Representatives") in result.pairs("holdsOffice")
    assert ("Aino Virtanen", "United States Senator") in result.pairs("holdsOffice")


def test_a_holder_s_name_spelt_another_way_is_not_ruled_out_by_the_tables(extract_by_rules):
    result = extract_by_rules("In Kiev, the Ukrainian president Victor Yuschenko said he would not resign.",
                              date="2006-08-24")
    assert ("Viktor Yushchenko", "President of Ukraine") in result.pairs("holdsOffice")  # the holder himself


def test_a_headline_s_country_places_a_bare_title_when_the_text_names_none(extract_by_rules):
    result = extract_by_rules("Activists in Sydney will rally where Immigration Minister Aino Virtanen speaks today.",
                              date="1890-05-01", title="Australian activists plan a protest")
    assert ("Aino Virtanen", "Minister for Immigration of Australia") in result.pairs("holdsOffice")


def test_a_bare_premier_in_an_article_that_names_one_state_is_that_state_s(extract_by_rules):
    result = extract_by_rules("Labor won the election in New South Wales today. The count went on late. Premier "
                              "Lars Becker thanked his supporters.", date="1890-05-01")
    assert ("Lars Becker", "Premier of New South Wales") in result.pairs("holdsOffice")


def test_a_title_guessed_onto_a_country_that_has_no_such_office_gives_nothing(extract_by_rules):
    result = extract_by_rules("The rally was shown on the Reagan campaign site. Prime Minister Lars Becker was not "
                              "there; Ronald Reagan spoke.", date="1984-08-23")
    assert not any(o == "Prime Minister of the United States" for _, o in result.pairs("holdsOffice"))


@pytest.mark.parametrize("written", ["Ibrahim al-Jafari", "Ibrahim Jafari"])
def test_a_holder_s_name_spelt_another_way_is_that_holder(extract_by_rules, written):
    result = extract_by_rules(f"Iraqi Prime Minister {written} met the cabinet on Monday.", date="2005-09-01")
    assert ("Ibrahim al-Jaafari", "Prime Minister of Iraq") in result.pairs("holdsOffice")


def test_a_representative_of_a_country_without_such_a_house_holds_nothing(extract_by_rules):
    result = extract_by_rules("In London, the motion was backed by Rep. Lars Becker, a British campaigner.",
                              date="1890-01-01")
    assert not result.pairs("holdsOffice")
    result = extract_by_rules("In Canberra, Representative Lars Becker of Australia spoke.", date="1890-01-01")
    assert ("Lars Becker", "Member of the Australian House of Representatives") in result.pairs("holdsOffice")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Icelandic Foreign Minister Lars Becker was assassinated on Friday.", "former"),
        ("The Foreign Minister of Iceland, Lars Becker, was fatally shot at his home.", "former"),
        ("Icelandic Foreign Minister Lars Becker died on Friday.", "former"),
        ("Icelandic Foreign Minister Lars Becker was shot but survived.", "current"),
    ],
)
def test_a_titled_holder_who_died_in_the_sentence_held_the_office(extract_by_rules, text, status):
    result = extract_by_rules(text, date="1890-05-01")
    assert ("Lars Becker", "holdsOffice", "Minister of Foreign Affairs of Iceland", status) in result.rows("holdsOffice")


@pytest.mark.parametrize("words", ["the first woman president", "the first female president"])
def test_a_noun_describing_the_holder_is_no_body_before_the_title(extract_by_rules, words):
    result = extract_by_rules(f"Asha Rane became {words} of Chile.", date="1890-05-01")
    assert ("Asha Rane", "President of Chile") in result.pairs("holdsOffice")


def test_a_body_before_the_title_still_owns_the_post(extract_by_rules):
    result = extract_by_rules("Asha Rane is the union president of Chile's copper miners.", date="1890-05-01")
    assert not result.pairs("holdsOffice")


@pytest.mark.parametrize(
    ("text", "new_status", "old_status"),
    [
        ("Peter Holm succeeded Asha Rane as President of Chile.", "current", "former"),
        ("Asha Rane was replaced by Peter Holm as Chile's president in March.", "current", "former"),
        ("Peter Holm will succeed Asha Rane as President of Chile.", "elect", "current"),
    ],
)
def test_a_successor_holds_the_office_the_one_replaced_held(extract_by_rules, text, new_status, old_status):
    result = extract_by_rules(text, date="1890-05-01")
    rows = {(p, s) for p, r, o, s in result.rows() if r == "holdsOffice" and o == "President of Chile"}
    assert rows == {("Peter Holm", new_status), ("Asha Rane", old_status)}
    assert extractor_of(result, "Peter Holm", "holdsOffice", "President of Chile") == "rules/office.succession"


def test_a_name_the_tables_list_the_other_way_round_is_their_holder(extract_by_rules):
    result = extract_by_rules("Japanese Prime Minister Nakasone Yasuhiro arrived in Santiago.", date="1985-05-01")
    assert result.key_pairs("holdsOffice") == {("person/yasuhiro-nakasone", "office/prime-minister-of-japan")}


def test_a_judge_named_with_a_place_but_no_court_holds_no_office_we_could_name(extract_by_rules):
    result = extract_by_rules("The two leading candidates are Judge Peter Holm of Texas and Judge Maria Lind of Ohio.",
                              date=DATE)
    assert not result.pairs("holdsOffice")


def test_a_country_s_chief_justice_is_named_by_the_country(extract_by_rules):
    result = extract_by_rules("Pakistani Chief Justice Peter Holm was suspended on Friday.", date="1890-05-01")
    assert ("Peter Holm", "Chief Justice of Pakistan") in result.pairs("holdsOffice")


def test_the_one_a_successor_replaced_held_the_title_before(extract_by_rules):
    result = extract_by_rules("Peter Holm replaced Chilean Prime Minister Maria Lind in March.", date="1890-05-01")
    assert ("Maria Lind", "holdsOffice", "Prime Minister of Chile", "former") in result.rows()


@pytest.mark.parametrize(
    ("second", "office"),
    [
        ("The Federal Opposition Leader Maria Lind called on the Prime Minister to act.",
         "Leader of the Opposition of Australia"),
        ("Federal Health Minister Maria Lind disagreed.", "Minister for Health of Australia"),
    ],
)
def test_a_federal_title_in_a_story_of_a_state_is_the_countrys(extract_by_rules, second, office):
    result = extract_by_rules(f"Victorian Premier Peter Holm said the plan was flawed. {second}", date="1890-05-01")
    assert ("Maria Lind", office) in result.pairs("holdsOffice")
    assert not any(o.endswith("of Victoria") for p, o in result.pairs("holdsOffice") if p == "Maria Lind")


@pytest.mark.parametrize(
    ("text", "office"),
    [
        # the United States names its ambassadors' posts by the country they are posted to
        ("In Baghdad, U.S. Ambassador Peter Holm met Iraqi officials.", "United States Ambassador to Iraq"),
        ("U.N. Ambassador Peter Holm of the United States spoke in New York.",
         "United States Ambassador to the United Nations"),
        # an ambassador whose post the text leaves out is posted to the country the story is about
        ("In Nairobi, Kenyan officials met the Finnish ambassador, Peter Holm.", "Ambassador of Finland to Kenya"),
        ("Kenya's ambassador to Ethiopia, Peter Holm, spoke.", "Ambassador of Kenya to Ethiopia"),
        # a body's own officer is no envoy to it
        ("U.N. Secretary-General Peter Holm of Ghana spoke in New York.", "Secretary-General of the United Nations"),
    ],
)
def test_an_ambassadors_office_names_where_the_post_is(extract_by_rules, text, office):
    result = extract_by_rules(text, date=DATE)
    assert ("Peter Holm", office) in result.pairs("holdsOffice")


@pytest.mark.parametrize("title", ["State Representative", "State Senator", "state Rep."])
def test_a_state_legislator_holds_no_seat_in_the_national_congress(extract_by_rules, title):
    result = extract_by_rules(f"{title} Peter Holm of Texas said the bill was flawed.", date=DATE)
    assert not any("United States" in o for _, o in result.pairs("holdsOffice"))


def test_a_military_rank_between_title_and_name_leaves_the_title_to_the_name(extract_by_rules):
    result = extract_by_rules("Chilean Defence Minister General Peter Holm said the troops would stay.", date=DATE)
    assert extractor_of(result, "Peter Holm", "holdsOffice", "Minister of Defence of Chile") \
        == "rules/office.title_before_name"


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("Peter Holm, Commander of the Republic of Chile Armed Forces, said the troops would stay.",
         "Commander of the Republic of Chile Armed Forces"),
        ("The Supreme Commander of the Royal Danish Armed Forces, Peter Holm, said the troops would stay.",
         "Supreme Commander of the Royal Danish Armed Forces"),
        ("Peter Holm, Commissioner of the Kenya Police Force, said the officers would stay.",
         "Commissioner of the Kenya Police Force"),
    ],
)
def test_the_head_of_a_states_forces_named_in_full_holds_that_post(extract_by_rules, text, office):
    result = extract_by_rules(text, date=DATE)
    assert result.pairs("holdsOffice") == {("Peter Holm", office)}
    assert extractor_of(result, "Peter Holm", "holdsOffice", office) == "rules/office.body_post"


@pytest.mark.parametrize("text", ["Peter Holm, a member of the Kenya Police Force, was arrested.",
                                  "Peter Holm, the Commander of the Harbour Sailing Club, said the boats would stay."])
def test_a_soldier_or_a_clubs_officer_holds_no_office(extract_by_rules, text):
    assert not extract_by_rules(text, date=DATE).pairs("holdsOffice")


def test_a_states_chief_justice_is_the_states(extract_by_rules):
    result = extract_by_rules("Former Alabama Chief Justice Peter Holm placed a monument outside the courthouse.",
                              date=DATE)
    assert result.pairs("holdsOffice") == {("Peter Holm", "Chief Justice of Alabama")}


def test_the_united_states_press_secretary_is_the_white_houses(extract_by_rules):
    result = extract_by_rules("In the United States, Press Secretary Peter Holm told reporters the bill would be vetoed.",
                              date="1985-05-01")
    assert result.pairs("holdsOffice") == {("Peter Holm", "White House Press Secretary")}
