"""Stage 1: files, folders, JSON/JSONL records, HTML pages and standard input → `Article`.

Everything a user can point the tool at comes in here, so this stage absorbs the mess of
real input (encodings, byte-order marks, zero-width characters, page furniture, broken
records, symlink loops) and later stages only ever see clean `Article` values.

Problems are yielded as `IngestError` values in line with the articles, never raised:
one bad file must not stop a batch, and the CLI can list every problem of a run at once.
Inside the module a private exception (`Refused`) carries a problem out of the parser
that found it; it is always turned into an `IngestError` before it leaves.
"""
from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterable, Iterator, Mapping, TextIO
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
import yaml

from graph.dates import normalise_date
from graph.decoding import Refused, clean, declared_charset, decode, refuse_binary
from graph.model import Article, Retrieval, slug
from graph.sources import archives
from graph.sources.fetch import Fetcher, canonical_url, is_web
from graph.sources.web import Fetched, NotModified, Selection, Validators, pages

#: Input formats by file extension. A file named explicitly with any other extension is
#: read as "text"; inside folders such files are skipped.
FORMATS: Mapping[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

#: The most bytes one character takes in UTF-8 or UTF-16: a file larger than
#: max_chars × this cannot hold an acceptable text, so it is refused unread.
BYTES_PER_CHAR = 4
#: A JSON Lines record may spell each character as a six-byte "\\uXXXX" escape.
JSON_BYTES_PER_CHAR = 6

EMPTY = "empty article (no text)"

_OTHER_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HEADER_KEYS = frozenset({"title", "date", "source", "url", "id"})
_ARTICLE_FIELDS = frozenset({"text", "title", "date", "url"})
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_ -]{0,39}?)[ \t]*:[ \t]*(.*)")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_TITLE = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
# Only the page's own metadata: guessing a date from body text ("Copyright 2024") would
# give articles dates they do not state.
_HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class IngestError:
    """A file, record or stream that could not become an Article, and why."""

    source: str  # the file path, or "-" for standard input
    message: str
    line: int | None = None  # for JSON Lines (and JSON lists, YAML front matter)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return " ".join(f"{where}: {self.message}".splitlines())


class _KeyRegistry:
    """Remembers which article first claimed each article IRI.

    The IRI is built from slug(key), so two articles whose keys slug alike ("Report.txt",
    "report.txt") would share one named graph downstream and the second would silently
    replace the first; the second is reported instead.
    """

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, str | None]] = {}  # slug of the key → (key, source)

    def known(self, key: str) -> bool:
        return slug(key) in self._first

    def claim(self, article: Article) -> Article:
        iri_slug = slug(article.key)
        if iri_slug not in self._first:
            self._first[iri_slug] = (article.key, article.source)
            return article
        first_key, first_source = self._first[iri_slug]
        if first_key == article.key:
            problem = f"duplicate article key {article.key!r}"
        else:
            problem = f"article key {article.key!r} gives the same IRI as {first_key!r}"
        raise Refused(f"{problem} (first read from {first_source})")


# --- public entry points -------------------------------------------------------------


def read_articles(
    paths: Iterable[str | Path], *, max_chars: int = 5_000_000, stdin: TextIO | None = None,
    fetcher: Fetcher | None = None, selection: Selection = Selection(), known: Validators | None = None
) -> Iterator[Article | IngestError | NotModified]:
    """Every article (or the reason there is none) under `paths`, in a stable order.

    `-` stands for standard input (`stdin`, defaulting to `sys.stdin`); an http(s) URL is
    a page, feed or sitemap read by `fetcher` (a polite one with default settings when
    None), its entries picked by `selection`. A page `known` has validators for (a build
    looks them up in its store) is asked for conditionally, and comes back as NotModified,
    with nothing to read, when the server says it has not changed.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    keys = _KeyRegistry()
    own_fetcher = None
    seen_urls: set[str] = set()
    try:
        for path in paths:
            if str(path) == "-":
                yield from _stdin_articles(sys.stdin if stdin is None else stdin, max_chars, keys)
            elif is_web(str(path)):
                fetcher = fetcher or (own_fetcher := Fetcher())
                yield from _web_articles(str(path), fetcher, selection, seen_urls, known, max_chars, keys)
            elif _OTHER_SCHEME.match(str(path)):
                yield IngestError(str(path), "only http(s) URLs are fetched")
            else:
                yield from _path_articles(path, max_chars, keys)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _path_articles(path: str | Path, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    for item in iter_input_files([path]):
        if isinstance(item, IngestError):
            yield item
        else:
            yield from _file_articles(item, max_chars, keys)


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """The files to read for these arguments: files as given, folders walked.

    A path that cannot be used (missing, a broken link, a loop, unreadable) is reported
    where it is met, so the rest of the input is still read.
    """
    for path in map(Path, paths):
        try:
            status = path.stat()
        except OSError as error:
            yield IngestError(str(path), _stat_problem(path, error))
            continue
        if stat.S_ISDIR(status.st_mode):
            yield from _files_in_tree(path, status)
        elif stat.S_ISREG(status.st_mode):
            yield path
        else:
            yield IngestError(str(path), "not a regular file or folder")


# --- folders -------------------------------------------------------------------------

_FolderId = tuple[int, int]  # (device, inode): one real folder however it is reached


def _files_in_tree(root: Path, root_status: os.stat_result) -> Iterator[Path | IngestError]:
    """Input files under `root`, depth first in name order so every run reads the same order.

    Each real folder is entered once, so folder symlinks can neither loop nor multiply the
    work; a link back to an enclosing folder is reported as a loop. An explicit stack
    instead of recursion keeps very deep trees from exhausting Python's recursion limit.
    """
    entered: dict[_FolderId, Path] = {}
    stack: list[tuple[Iterator[os.DirEntry[str]], frozenset[_FolderId]]] = []

    def enter(folder: Path, status: os.stat_result, ancestors: frozenset[_FolderId]) -> IngestError | None:
        identity = (status.st_dev, status.st_ino)
        if identity in ancestors:
            return IngestError(str(folder), f"symbolic link loop: leads back to {entered[identity]}")
        if identity in entered:
            return None  # already read through another link
        entered[identity] = folder
        listing = _sorted_listing(folder)
        if isinstance(listing, IngestError):
            return listing
        stack.append((iter(listing), ancestors | {identity}))
        return None

    problem = enter(root, root_status, frozenset())
    if problem:
        yield problem
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
        elif not entry.name.startswith("."):
            path = Path(entry.path)
            try:
                status = path.stat()
            except OSError as error:
                if error.errno == errno.ELOOP or _is_input_name(entry.name):
                    yield IngestError(str(path), _stat_problem(path, error))
                continue
            if stat.S_ISDIR(status.st_mode):
                problem = enter(path, status, ancestors)
                if problem:
                    yield problem
            elif _is_input_name(entry.name):
                yield path if stat.S_ISREG(status.st_mode) else IngestError(str(path), "not a regular file")


def _sorted_listing(folder: Path) -> list[os.DirEntry[str]] | IngestError:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        return IngestError(str(folder), f"cannot read folder: {error.strerror or error}")


def _is_input_name(name: str) -> bool:
    """An input format's name, compressed or not, or an archive's."""
    return Path(archives.inner_name(name)).suffix.lower() in FORMATS or archives.is_archive(name)


def _stat_problem(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file or folder"
    return f"cannot read: {error.strerror or error}"


# --- files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Input:
    """One file's bytes as ingest reads them: a file, a decompressed file, or an archive member.

    `name` (the base name, compression suffix dropped) gives the format and the key, so an
    article keeps its key whether or not it is compressed; `source` names it in messages.
    """

    name: str
    source: str
    size: int | None = None  # known only for a plain file; decompressed sizes are learnt by reading


def _file_articles(path: Path, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """The articles of one file: plain, compressed (.gz .bz2 .xz) or an archive (.zip .tar.*)."""
    try:
        if archives.is_archive(path.name):
            yield from _archive_articles(path, max_chars, keys)
            return
        name = archives.inner_name(path.name)
        size = path.stat().st_size if name == path.name else None
        with archives.opened_file(path) as handle:
            yield from _stream_articles(handle, _Input(name, str(path), size), max_chars, keys)
    except archives.STREAM_ERRORS as error:
        yield IngestError(str(path), archives.problem(error))
    except OSError as error:
        yield IngestError(str(path), f"cannot read: {error.strerror or error}")


def _archive_articles(path: Path, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """Every input file inside a tar or zip archive, named `archive/member/path` in messages;
    members whose names are not input formats are passed over, as in folders."""
    for member, stream in archives.members(str(path)):
        base = PurePosixPath(member).name
        if base.startswith(".") or not _is_input_name(base):
            continue
        source = f"{path}/{member}"
        if archives.is_archive(base):
            yield IngestError(source, "an archive inside an archive is not read; unpack the outer one")
            continue
        try:
            with archives.decompressed(base, stream) as handle:
                yield from _stream_articles(handle, _Input(archives.inner_name(base), source), max_chars, keys)
        except archives.STREAM_ERRORS as error:
            yield IngestError(source, archives.problem(error))


def _stream_articles(handle: BinaryIO, item: _Input, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """The articles of one file's bytes, by the format its name gives."""
    kind = FORMATS.get(PurePosixPath(item.name).suffix.lower(), "text")
    try:
        if kind == "jsonl":
            yield from _jsonl_stream_articles(handle, item, max_chars, keys)
            return
        data = _read_limited(handle, max_chars * BYTES_PER_CHAR, item.size)
        if kind == "json":
            yield from _json_file_articles(item, data, max_chars, keys)
        elif kind == "html":
            text, encoding = decode(data, declared=declared_charset(data))
            yield keys.claim(_build_article(_html_fields(text), key=item.name, source=item.source, max_chars=max_chars, encoding=encoding))
        else:
            text, encoding = decode(data)
            fields = _text_fields(text, markdown=kind == "markdown")
            yield keys.claim(_build_article(fields, key=item.name, source=item.source, max_chars=max_chars, encoding=encoding))
    except Refused as refused:
        yield IngestError(item.source, refused.message, refused.line)


def _read_limited(handle: BinaryIO, limit: int, size: int | None = None) -> bytes:
    """The file's bytes, refusing oversize files from their size alone when it is known.

    Reading at most limit + 1 bytes also stops a file that grows while being read, and a
    compressed file whose contents are larger than it is.
    """
    if size is not None and size > limit:
        raise Refused(f"file is {size:,} bytes, over the limit of {limit:,} bytes ({BYTES_PER_CHAR} × max_chars); not read")
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"file is over the limit of {limit:,} bytes ({BYTES_PER_CHAR} × max_chars); not read further")
    return data


# --- building articles ---------------------------------------------------------------


def _build_article(fields: Mapping[str, str], *, key: str, source: str, max_chars: int, encoding: str | None = None,
                   retrieval: Retrieval | None = None) -> Article:
    """The one place every input shape becomes an Article, so all get the same cleaning and checks.

    `fields` holds text/title/date/url; anything else becomes metadata.
    """
    text = clean(fields.get("text", "")).strip()
    if not text:
        raise Refused(EMPTY)
    if len(text) > max_chars:
        raise Refused(f"text is {len(text):,} characters, over the limit of {max_chars:,} (max_chars)")
    metadata = {clean(name): clean(value) for name, value in fields.items() if name not in _ARTICLE_FIELDS}
    raw_date = _optional(fields.get("date"))
    iso_date = normalise_date(raw_date) if raw_date else None
    if raw_date and iso_date is None:
        metadata["date_raw"] = raw_date
    if encoding not in (None, "utf-8"):
        metadata["encoding"] = encoding
    return Article(
        key=clean(key),
        text=text,
        title=_optional(fields.get("title")),
        date=iso_date,
        url=_optional(fields.get("url")),
        source=clean(source),
        metadata=metadata,
        retrieval=retrieval,
    )


def _optional(value: str | None) -> str | None:
    """Blank values count as absent, so an empty "title" does not become a title."""
    cleaned = clean(value or "").strip()
    return cleaned or None


def _as_text(value: object) -> str:
    """Metadata is str → str: strings stay as they are, anything else is spelled as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --- plain text and Markdown ---------------------------------------------------------


def _text_fields(text: str, *, markdown: bool) -> dict[str, str]:
    """Header (or Markdown front matter) entries plus the body as "text"."""
    text = _LEADING_BLANK_LINES.sub("", clean(text))
    front = _front_matter(text) if markdown else None
    fields, body = front if front is not None else _header(text)
    if markdown and not fields.get("title"):
        heading = _MD_TITLE.search(body)
        if heading:
            fields["title"] = heading[1]
    fields["text"] = body
    return fields


def _header(text: str) -> tuple[dict[str, str], str]:
    """`Key: value` lines up to the first blank line, and the body after them.

    The block only counts as a header when every line is `Key: value` and one key is a
    known one, so an opening paragraph like "WASHINGTON: ..." stays in the body.
    """
    end = _BLANK_LINE.search(text)
    if end is None:
        return {}, text
    lines = [_HEADER_LINE.fullmatch(line) for line in text[: end.start()].split("\n")]
    if not all(lines):
        return {}, text
    fields = {match[1].strip().lower(): match[2].strip() for match in lines}
    if not fields.keys() & _HEADER_KEYS:
        return {}, text
    return fields, text[end.end() :]


def _front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """YAML front matter entries and the body, or None when the file has none.

    A leading `---` block that is not a YAML mapping is a horizontal rule, not front matter.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        value = yaml.safe_load(match[1] or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise Refused(f"front matter is not valid YAML: {problem}", mark.line + 2 if mark else None) from error
    except (ValueError, RecursionError) as error:  # e.g. "date: 2025-13-45" fails in the date constructor
        raise Refused(f"front matter is not valid YAML: {error}") from error
    if not isinstance(value, dict):
        return None
    fields = {str(name).strip().lower(): _as_text(item) for name, item in value.items() if item is not None}
    return fields, text[match.end() :]


# --- HTML ----------------------------------------------------------------------------


def _html_fields(html: str) -> dict[str, str]:
    """Main text and metadata of a page, without navigation, footers and other furniture.

    trafilatura is given the markup only (no URL), so nothing is fetched.
    """
    document = trafilatura.bare_extraction(
        _html_tree(html), with_metadata=True, include_comments=False, date_extraction_params=_HTML_DATE_PARAMS
    )
    fields: dict[str, str] = {}
    if document is not None:
        for name in ("title", "date", "url", "author", "sitename"):
            value = getattr(document, name, None)
            if value:
                fields[name] = str(value)
        fields["text"] = document.text or ""
    if "title" not in fields or "date" not in fields:
        for name, value in _html_head_fields(html).items():
            fields.setdefault(name, value)
    return fields


def _html_tree(html: str):
    """The page parsed without lxml's default depth limit, which silently empties pages
    nested deeper than about 250 levels; falls back to the raw markup if it cannot parse."""
    try:
        return lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", huge_tree=True))
    except (lxml.etree.ParserError, ValueError):
        return html


def _html_head_fields(html: str) -> dict[str, str]:
    """`<title>` and `article:published_time`, for pages trafilatura finds no metadata in."""
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return {}
    fields = {}
    title = tree.findtext(".//title")
    if title and title.strip():
        fields["title"] = title
    published = tree.xpath('string(.//meta[@property="article:published_time"]/@content)')
    if published:
        fields["date"] = str(published)
    return fields


# --- web pages -----------------------------------------------------------------------

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _web_articles(url: str, fetcher: Fetcher, selection: Selection, seen: set[str], known: Validators | None,
                  max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError | NotModified]:
    """The page at `url`, or the pages its feed lists; an undated feed entry is dated by its
    page and left out when that date is before `selection.since`. A page already read in
    this run (a redirect to it, a second feed listing it) is passed over quietly."""
    for item in pages(url, fetcher, selection, seen=seen, known=known):
        if isinstance(item, NotModified):
            yield item
            continue
        if not isinstance(item, Fetched):
            yield IngestError(item.url, item.message)
            continue
        try:
            article = _page_article(item, max_chars)
            if keys.known(article.key):
                continue
            if item.entry is None or not selection.since or not article.date or article.date >= selection.since:
                yield keys.claim(article)
        except Refused as refused:
            yield IngestError(item.response.url, refused.message)


def _page_article(item: Fetched, max_chars: int) -> Article:
    """A fetched page's Article, keyed by its canonical URL: the page's own canonical link
    when it stays on the same host (a link to another site is a syndication, kept apart),
    else the URL it was fetched from. The feed's title and date come first, being the
    publisher's own; the page's fill in what the feed leaves out."""
    response, entry = item.response, item.entry
    if response.media_type in _HTML_TYPES or (response.media_type in {"", "application/octet-stream"}
                                             and b"<html" in response.body[:4096].lower()):
        text, encoding = decode(response.body, declared=response.charset or declared_charset(response.body))
        fields = _html_fields(text)
    elif response.media_type == "text/plain":
        text, encoding = decode(response.body, declared=response.charset)
        fields = _text_fields(text, markdown=False)
    else:
        raise Refused(f"not an HTML page or a feed (Content-Type {response.media_type or 'missing'})")
    fetched_host = urlsplit(response.url).hostname
    own = fields.pop("url", None)
    key = canonical_url(own if own and is_web(own) and urlsplit(own).hostname == fetched_host else response.url)
    if entry is not None:
        fields.update({name: value for name, value in (("title", entry.title), ("date", entry.date)) if value})
    fields["url"] = key
    retrieval = Retrieval(fetched=response.fetched, site=fields.get("sitename") or fetched_host,
                          feed=entry.feed if entry is not None else None, etag=response.etag,
                          last_modified=response.last_modified)
    return _build_article(fields, key=key, source=response.url, max_chars=max_chars, encoding=encoding,
                          retrieval=retrieval)


# --- JSON and JSON Lines -------------------------------------------------------------


def _jsonl_stream_articles(handle: BinaryIO, item: _Input, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """Records of a JSON Lines file, read line by line so a corpus need not fit the size limit.

    Only UTF-16 files (recognised by their byte-order mark) are decoded whole, since their
    lines cannot be split as bytes.
    """
    start = handle.peek(4)[:4]
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = decode(_read_limited(handle, max_chars * BYTES_PER_CHAR, item.size))
        lines: Iterable[tuple[int, str | Refused, str | None]] = (
            (number, line, encoding) for number, line in enumerate(text.split("\n"), 1)
        )
    else:
        lines = _decoded_lines(handle, max_chars * JSON_BYTES_PER_CHAR)
    yield from _jsonl_articles(lines, source=item.source, base=item.name, max_chars=max_chars, keys=keys)


def _decoded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, str | Refused, str | None]]:
    """(line number, text or problem, encoding) for each line, each decoded on its own.

    Over-long lines are skipped without being held in memory.
    """
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
            yield number, Refused(f"line is over the limit of {limit:,} bytes ({JSON_BYTES_PER_CHAR} × max_chars); not read"), None
            continue
        try:
            text, encoding = decode(raw)
        except Refused as refused:
            yield number, refused, None
            continue
        yield number, text, encoding


def _jsonl_articles(
    lines: Iterable[tuple[int, str | Refused, str | None]], *, source: str, base: str, max_chars: int, keys: _KeyRegistry
) -> Iterator[Article | IngestError]:
    """One Article or IngestError per non-blank line; a bad line never hides the others.

    JSON Lines ends lines at "\\n" only: str.splitlines() would also split at U+2028 and
    other separators that may sit unescaped inside a JSON string.
    """
    records = 0
    for number, line, encoding in lines:
        if isinstance(line, str) and not line.strip():
            continue
        records += 1
        try:
            if isinstance(line, Refused):
                raise line
            article = _record_article(
                _json_object(line),
                default_key=f"{base}:{number}",
                source=f"{source}:{number}",
                max_chars=max_chars,
                encoding=encoding,
            )
            yield keys.claim(article)
        except Refused as refused:
            yield IngestError(source, refused.message, number)
    if records == 0:
        yield IngestError(source, "no records (no non-blank lines)")


def _json_file_articles(item: _Input, data: bytes, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """The article of a one-object file, or one per item of a list; items are named by line."""
    text, encoding = decode(data)
    value = _parse_json(text)
    if isinstance(value, dict):
        yield keys.claim(_record_article(value, default_key=item.name, source=item.source, max_chars=max_chars, encoding=encoding))
        return
    if not isinstance(value, list):
        raise Refused(f"expected a JSON object or a list of objects, got {_json_type(value)}")
    if not value:
        raise Refused("no records (an empty JSON list)")
    for number, record in zip(_item_lines(text), value):
        try:
            if not isinstance(record, dict):
                raise Refused(f"expected a JSON object, got {_json_type(record)}")
            article = _record_article(
                record, default_key=f"{item.name}:{number}", source=f"{item.source}:{number}", max_chars=max_chars,
                encoding=encoding
            )
            yield keys.claim(article)
        except Refused as refused:
            yield IngestError(item.source, refused.message, number)


def _item_lines(text: str) -> Iterator[int]:
    """The line each item of an already validated top-level JSON list starts on."""
    decoder = json.JSONDecoder()
    position = _JSON_SPACE.match(text, text.index("[") + 1).end()
    line, counted_to = 1, 0
    while text[position] != "]":
        line += text.count("\n", counted_to, position)
        counted_to = position
        yield line
        _, end = decoder.raw_decode(text, position)
        position = _JSON_SPACE.match(text, end).end()
        if text[position] == ",":
            position = _JSON_SPACE.match(text, position + 1).end()


def _record_article(record: Mapping[str, object], *, default_key: str, source: str, max_chars: int, encoding: str | None) -> Article:
    """A record's Article: `text` is required, `id` is the key, other fields are kept as metadata."""
    if "text" not in record:
        raise Refused('record has no "text" field')
    if not isinstance(record["text"], str):
        raise Refused(f'"text" must be a string, got {_json_type(record["text"])}')
    fields = {name: _as_text(value) for name, value in record.items() if value is not None}
    key = _optional(fields.pop("id", None)) or default_key
    return _build_article(fields, key=key, source=source, max_chars=max_chars, encoding=encoding)


def _json_object(line: str) -> dict[str, object]:
    value = _parse_json(line)
    if not isinstance(value, dict):
        raise Refused(f"expected a JSON object, got {_json_type(value)}")
    return value


def _parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise Refused(f"not valid JSON: {error.msg} at column {error.colno}", error.lineno) from error
    except RecursionError as error:
        raise Refused("not valid JSON: nested too deeply") from error


def _json_type(value: object) -> str:
    """How the JSON spec names a value's type, for messages about the wrong one."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


# --- standard input ------------------------------------------------------------------


def _stdin_articles(stdin: TextIO, max_chars: int, keys: _KeyRegistry) -> Iterator[Article | IngestError]:
    """Standard input as JSON Lines when every non-blank line is a JSON object, else as one text."""
    try:
        text, encoding = _stdin_text(stdin, max_chars * BYTES_PER_CHAR)
        if _is_jsonl(text):
            lines = ((number, line, encoding) for number, line in enumerate(text.split("\n"), 1))
            yield from _jsonl_articles(lines, source="-", base="stdin", max_chars=max_chars, keys=keys)
            return
        fields = _text_fields(text, markdown=False)
        key = _optional(fields.pop("id", None)) or "stdin"
        yield keys.claim(_build_article(fields, key=key, source="-", max_chars=max_chars, encoding=encoding))
    except Refused as refused:
        yield IngestError("-", refused.message, refused.line)
    except OSError as error:
        yield IngestError("-", f"cannot read: {error.strerror or error}")


def _stdin_text(stdin: TextIO, limit: int) -> tuple[str, str | None]:
    """The whole of standard input, decoded by the file rules when raw bytes are available.

    A text stream is already decoded by its owner, so its encoding is not reported.
    """
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return decode(_read_stream(buffer, limit))
    try:
        text = _read_stream(stdin, limit).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise Refused(f"standard input is not valid {error.encoding}: {error.reason}") from error
    refuse_binary(text)
    return text, None


def _read_stream(stream: TextIO | BinaryIO, limit: int) -> str | bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        raise Refused(f"standard input is over the limit of {limit:,} {unit} ({BYTES_PER_CHAR} × max_chars); not read further")
    return data


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_is_json_object(line) for line in lines)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False
