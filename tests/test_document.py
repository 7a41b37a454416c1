"""graph.document: page furniture, headlines and the title are blanked, wire spacing is tidied,
and the blanked text keeps every offset of the cleaned text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.document import make_document
from graph.model import Article

PROSE = ("Finnish President Aino Virtanen met Swedish Prime Minister Lars Holmqvist in Turku on Monday.\n"
         "The two leaders agreed to hold another round of talks before the end of the year.")


def _document(text: str, title: str | None = None):
    return make_document(Article(key="doc", text=text, title=title))


def _kept_lines(text: str, title: str | None = None) -> list[str]:
    """The lines NLP will read: the non-blank lines of `content`."""
    return [line for line in _document(text, title).content.split("\n") if line.strip()]


def test_document_prose_is_kept_whole():
    assert _kept_lines(PROSE) == PROSE.split("\n")


@pytest.mark.parametrize(
    "marker",
    ["MOST READ", "Popular articles", "Related stories", "Read more", "Advertisement", "Sign up for our newsletter",
     "Trending now"],
)
def test_document_furniture_marker_blanks_the_rest_of_the_page(marker):
    text = f"{PROSE}\n{marker}\nMinister resigns over budget row\nLeaders gather in Rome for summit\n"
    assert _kept_lines(text) == PROSE.split("\n")


def test_document_copyright_line_is_furniture():
    text = f"{PROSE}\nCopyright 2025 Nordic Wire. All rights reserved."
    assert _kept_lines(text) == PROSE.split("\n")


def test_document_dash_separated_link_list_is_blanked():
    links = "\n".join(["---", "Minister Resigns Over Budget Row", "---", "Leaders Gather In Rome", "---",
                       "Election Date Set For Autumn"])
    assert _kept_lines(f"{PROSE}\n{links}") == PROSE.split("\n")


def test_document_prose_sentence_with_a_marker_word_is_kept():
    sentence = "The proposal proved popular with voters in the north of the country, officials in Helsinki said."
    assert _kept_lines(f"{PROSE}\n{sentence}") == [*PROSE.split("\n"), sentence]


@pytest.mark.parametrize(
    "heading",
    ["Talks Resume In Geneva After Long Pause", "By Anna Lindgren", "Photo: Nordic Wire", "Background"],
)
def test_document_headings_and_bylines_are_blanked(heading):
    text = f"{heading}\n{PROSE}\n{heading}\nHe declined to comment."
    assert _kept_lines(text) == [*PROSE.split("\n"), "He declined to comment."]


@pytest.mark.parametrize(
    ("title", "line"),
    [
        pytest.param("Nordic leaders agree to meet again in spring.", "Nordic leaders agree to meet again in spring.",
                     id="same"),
        pytest.param("Nordic leaders agree to meet again in spring", "NORDIC LEADERS AGREE TO MEET AGAIN IN SPRING!",
                     id="case-and-punctuation"),
    ],
)
def test_document_title_line_is_blanked(title, line):
    assert _kept_lines(f"{line}\n{PROSE}", title=title) == PROSE.split("\n")


def test_document_line_longer_than_the_title_is_kept():
    title = "Nordic leaders agree to meet again."
    line = "Nordic leaders agree to meet again, the Finnish president said on Monday."
    assert _kept_lines(f"{line}\n{PROSE}", title=title) == [line, *PROSE.split("\n")]


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        pytest.param("Virtanen , who arrived late , said so .", "Virtanen, who arrived late, said so.", id="comma-stop"),
        pytest.param("Sweden 's prime minister and Finland ’s president", "Sweden's prime minister and Finland’s president",
                     id="possessive"),
        pytest.param("the  two   leaders\tmet", "the two leaders met", id="space-runs-and-tab"),
        pytest.param("Senator Dana Ruiz (Democrat ) spoke ; then left :", "Senator Dana Ruiz (Democrat) spoke; then left:",
                     id="bracket-semicolon-colon"),
        pytest.param("first line\r\nsecond line\rthird", "first line\nsecond line\nthird", id="line-endings"),
        pytest.param("Prime\u00a0Minister Lars Holmqvist", "Prime Minister Lars Holmqvist", id="no-break-space"),
        # a demonym split after a linked country name, as text copied from wiki pages has it
        pytest.param("the Australia n treasurer and the Iraq i envoy", "the Australian treasurer and the Iraqi envoy",
                     id="split-demonym"),
        pytest.param("the Japan ese and Iran ian delegations of the Europe an Union",
                     "the Japanese and Iranian delegations of the European Union", id="split-demonym-suffixes"),
    ],
)
def test_document_wire_spacing_is_tidied(raw, tidy):
    assert _document(raw).text == tidy


@pytest.mark.parametrize("text", ["It is late. In an hour the House an envoy", "Prawo i Sprawiedliwość won.",
                                  "Annex i. lists them."])
def test_document_words_that_only_look_like_a_split_demonym_are_kept(text):
    assert _document(text).text == text


def test_document_tidy_keeps_words_that_start_with_punctuation():
    text = "Virtanen said 'no' to the plan and left for Oslo ,Norway."
    assert _document(text).text == text


_LINE = st.text(alphabet=st.sampled_from("aB ,.'’-:\t\u00a0Zé?\r"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINE, st.sampled_from(["---", "MOST READ", PROSE])), max_size=8),
       st.one_of(st.none(), _LINE))
def test_document_content_is_text_with_some_lines_blanked(lines, title):
    document = _document("\n".join(lines), title)
    assert len(document.content) == len(document.text)
    for kept, original in zip(document.content.split("\n"), document.text.split("\n"), strict=True):
        assert kept == original or kept == " " * len(original)


def test_a_section_label_run_into_the_first_sentence_is_a_line_of_its_own():
    document = make_document(Article(key="a", text="Freedonian news Prime Minister Ana Rojas resigned today."))
    assert document.content.startswith("Freedonian news\n")
    assert len(document.content) == len(document.text)


def test_html_entities_left_in_a_text_are_decoded():
    document = make_document(Article(key="a", text="Former senator Ana Rojas &mdash; now a candidate &amp; author &mdash; spoke."))
    assert "&mdash;" not in document.text and "—" in document.text and "&" in document.text


def test_a_line_that_starts_with_a_place_is_one_sentence(extractor):
    document = make_document(Article(key="t", text="Canadian news Ontario Provincial Police said on Friday that "
                                     "protesters had clashed with officers.", date="2007-08-24"))
    sentences = [s.text.strip() for s in extractor.parse(document.content).sents]
    assert sentences[1].startswith("Ontario Provincial Police said")
