"""Stage 2: an Article's text becomes a Document, with page furniture blanked out.

News pages end in link lists ("POPULAR ARTICLE", rankings, related headlines) and carry
headlines and subheadings in title case. Those lines name real people and places but
state no facts, and the model mis-tags them, so they are blanked (replaced by spaces of
the same length) before any NLP runs. Offsets refer to `Document.text`, the tidied
text stored with the article and quoted as evidence.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from graph.model import Article, fold

#: Wire-copy spacing ("Okafor , said", "Chile 's") and runs of spaces confuse the
#: tokenizer and parser, so they are tidied; offsets refer to the tidied text.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[,;:.!?)](?:\s|$)|['’]s\b)")
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
#: A demonym split at the end of a linked country name ("Australia n", "Iraq i", "Japan ese",
#: "Europe an"), as text copied from wiki pages has it: joined again, or the country's word
#: is lost ("a leader of the Kenya n opposition").
_SPLIT_DEMONYM = re.compile(r"\b(?:[A-Z][a-z]{2,}a (?=ns?\b)|[A-Z][a-z]{2,}[qlnthd] (?=i\b(?![.'’]))"
                            r"|[A-Z][a-z]{2,} (?=(?:ese|ians?)\b)|(?:Europe|Zimbabwe|Chile|Singapore) (?=ans?\b))")
_SENTENCE_END = re.compile(r"[.!?…\"”’)\]:]\s*$")
_FURNITURE_MARKERS = re.compile(
    r"(popular|most read|most viewed|access ranking|related (articles|stories)|read more|"
    r"advertisement|share this|recommended|trending|sign up|newsletter|copyright|all rights reserved)",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"(©|\bcopyright\b|all rights reserved)", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*[-–—•*|=_#]*\s*$")
#: A section label run into the first sentence ("Canadian news Prime Minister X said …"):
#: the parser reads it as the sentence's subject and the title after it as a noun.
_SECTION_LABEL = re.compile(r"^\s*(?:[A-Z][\w.'’-]*\s){1,3}news(?=\s+[A-Z\"“'‘])")


@dataclass(frozen=True)
class Document:
    """The article with its cleaned text and the text that NLP may read."""

    article: Article
    text: str  # what offsets refer to; stored as the article body
    content: str  # `text` with furniture and headings blanked: same length


def make_document(article: Article) -> Document:
    """Clean the article text and blank out the lines that are not running prose."""
    text = _normalise(article.text)
    lines = text.split("\n")
    keep = _prose_mask(lines, article.title)
    content = "\n".join(line if kept else " " * len(line) for line, kept in zip(lines, keep))
    return Document(article=article, text=text, content=_with_section_label_apart(content))


def _with_section_label_apart(content: str) -> str:
    """The label on a line of its own (a line break starts a sentence), so that it
    still names the article's country."""
    label = _SECTION_LABEL.match(content)
    return content[:label.end()] + "\n" + content[label.end() + 1:] if label else content


def _normalise(text: str) -> str:
    text = html.unescape(text)  # "&mdash;" left by a page's markup is a dash, not part of a name
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    text = _SPACE_RUN.sub(" ", text)
    text = _SPLIT_DEMONYM.sub(lambda m: m.group(0)[:-1], text)
    return _SPACE_BEFORE_PUNCT.sub("", text)


def _is_headline(line: str) -> bool:
    """Title-case text without sentence punctuation: a headline, caption label or list item."""
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    if not words or _SENTENCE_END.search(line):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) <= 3 or capitalised / len(words) >= 0.6


def _prose_mask(lines: list[str], title: str | None) -> list[bool]:
    """True for each line that is running prose; False for headings and furniture.

    Everything from the first furniture marker or dash-separated link list to the end is
    furniture: that is where pages put their sidebars.
    """
    title_key = fold(title) if title else None
    keep = []
    tail = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if tail or _starts_furniture(lines, index):
            tail = True
            keep.append(False)
            continue
        if not stripped or _SEPARATOR.match(stripped):
            keep.append(False)
        elif title_key and fold(stripped) == title_key:
            keep.append(False)
        else:
            keep.append(not _is_headline(stripped))
    return keep


def _starts_furniture(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if not line:
        return False
    if _FURNITURE_MARKERS.search(line) and len(line) < 60 and not _SENTENCE_END.search(line):
        return True
    if _RIGHTS.search(line) and len(line) < 120:
        return True
    following = [l.strip() for l in lines[index : index + 6] if l.strip()]
    separators = sum(1 for l in following if _SEPARATOR.match(l))
    headlines = sum(1 for l in following if _is_headline(l))
    return len(following) >= 4 and separators >= 2 and separators + headlines == len(following)
