"""Stage 1 (graph/ingest.py): every input shape becomes an Article or an IngestError, never an exception."""
from __future__ import annotations

import io
import json
import os
import socket
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.ingest import IngestError, iter_input_files, normalise_date, read_articles
from graph.model import Article


def read(*paths, **options) -> list[Article | IngestError]:
    return list(read_articles([str(path) for path in paths], **options))


def articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def only_article(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_error(items) -> IngestError:
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records) -> str:
    return "".join((record if isinstance(record, str) else json.dumps(record)) + "\n" for record in records)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to resolve or connect fails the test loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- plain text and the header convention ---------------------------------------------


def test_ingest_txt_without_header_is_all_body_keyed_by_base_name(tmp_path):
    path = write(tmp_path / "2025-06-04-foo.txt", "Kazama met Park in Tokyo.\n\nThey talked trade.\n")
    article = only_article(read(path))
    assert article.key == "2025-06-04-foo.txt"
    assert article.source == str(path)
    assert article.text == "Kazama met Park in Tokyo.\n\nThey talked trade."
    assert (article.title, article.date, article.url, dict(article.metadata)) == (None, None, None, {})


def test_ingest_txt_header_gives_title_date_url_and_metadata(tmp_path):
    text = (
        "title: Leaders meet\r\nDATE: June 4, 2025\r\nSource: Reuters\r\nUrl: https://example.com/a\r\n"
        "Id: abc-1\r\nAuthor: Jane Doe\r\n\r\nBody line one.\r\nBody: not a header line.\r\n"
    )
    article = only_article(read(write(tmp_path / "a.txt", text)))
    assert article.key == "a.txt"  # a file's key is its base name even when the header names an id
    assert article.title == "Leaders meet"
    assert article.date == "2025-06-04"
    assert article.url == "https://example.com/a"
    assert article.text == "Body line one.\nBody: not a header line."
    assert dict(article.metadata) == {"source": "Reuters", "id": "abc-1", "author": "Jane Doe"}


def test_ingest_header_needs_a_known_key_and_a_blank_line(tmp_path):
    dateline = "WASHINGTON: The president spoke.\n\nMore text."
    no_blank_line = "Title: Not a header\nbecause the body follows at once."
    assert only_article(read(write(tmp_path / "a.txt", dateline))).text == dateline
    assert only_article(read(write(tmp_path / "b.txt", no_blank_line))).text == no_blank_line


def test_ingest_header_without_body_is_empty_article(tmp_path):
    error = only_error(read(write(tmp_path / "a.txt", "Title: Only a header\n\n   \n")))
    assert error.message == "empty article (no text)"


# --- Markdown ---------------------------------------------------------------------------


def test_ingest_md_first_heading_is_title(tmp_path):
    article = only_article(read(write(tmp_path / "a.md", "Intro line.\n\n# Summit in Kananaskis #\n\n## Sub\n\nText.\n")))
    assert article.title == "Summit in Kananaskis"
    assert article.text.startswith("Intro line.")


def test_ingest_md_header_convention_also_works(tmp_path):
    article = only_article(read(write(tmp_path / "a.markdown", "Title: From header\nDate: 2025-06-04\n\n# Heading\n\nBody.")))
    assert (article.title, article.date) == ("From header", "2025-06-04")
    assert article.text == "# Heading\n\nBody."


def test_ingest_md_front_matter(tmp_path):
    text = "---\nTitle: G7 summit\ndate: 2025-06-16T09:00:00Z\nurl: https://example.com/g7\ntags: [g7, canada]\ndraft: false\n---\n# Heading\n\nBody.\n"
    article = only_article(read(write(tmp_path / "g7.md", text)))
    assert article.title == "G7 summit"
    assert article.date == "2025-06-16"
    assert article.url == "https://example.com/g7"
    assert article.text == "# Heading\n\nBody."
    assert dict(article.metadata) == {"tags": '["g7", "canada"]', "draft": "false"}


def test_ingest_md_invalid_front_matter_is_error_with_line(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: ok\ndate: [unclosed\n---\nBody.\n")
    error = only_error(read(path))
    assert error.source == str(path)
    assert error.message.startswith("front matter is not valid YAML")
    assert error.line is not None and error.line >= 3


def test_ingest_md_horizontal_rule_is_not_front_matter(tmp_path):
    text = "---\n\nJust a rule above.\n\n---\n\nMore.\n"
    assert only_article(read(write(tmp_path / "a.md", text))).text == text.strip()


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Kazama and Park agree to deepen ties | Example News</title>
<meta property="article:published_time" content="2025-06-04T16:57:00Z">
<link rel="canonical" href="https://news.example.com/world/kazama-park">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World NAVLINK</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/login">Sign in</a></li></ul></nav></header>
<main><article>
<h1>Kazama and Park agree to deepen ties</h1>
<p>Japanese Prime Minister Tatsuo Kazama met South Korean President Park Do-hyun in Tokyo on Wednesday,
and the two leaders agreed to deepen economic and security cooperation, officials said.</p>
<p>The meeting, which lasted about two hours, was the first between the two since Park took office,
and both sides described the talks as frank and constructive.</p>
<p>They also agreed to meet again on the sidelines of the G7 summit in Kananaskis later this month.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/x">SIDEBAR celebrity story</a></li></ul></aside>
</main>
<footer><p>Copyright 2025 Example News FOOTERTEXT. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_ingest_html_removes_boilerplate_and_takes_title_and_date(tmp_path, no_network):
    article = only_article(read(write(tmp_path / "page.html", PAGE)))
    assert article.key == "page.html"
    assert "Tatsuo Kazama met South Korean President Park Do-hyun" in article.text
    assert "G7 summit in Kananaskis" in article.text
    for furniture in ("NAVLINK", "FOOTERTEXT", "Privacy policy", "Sign in"):
        assert furniture not in article.text
    assert article.title.startswith("Kazama and Park agree to deepen ties")
    assert article.date == "2025-06-04"
    assert article.url == "https://news.example.com/world/kazama-park"


def test_ingest_html_date_falls_back_to_published_time_meta(tmp_path, no_network):
    # trafilatura's date search ignores dates before 1995; the page's own meta still counts.
    page = PAGE.replace("2025-06-04T16:57:00Z", "1990-10-03T08:00:00Z")
    article = only_article(read(write(tmp_path / "old.htm", page)))
    assert article.date == "1990-10-03"


def test_ingest_html_uses_declared_charset(tmp_path, no_network):
    body = "<p>" + "Президент встретился с премьер-министром в Москве. " * 5 + "</p>"
    page = f'<html><head><meta charset="windows-1251"><title>Встреча</title></head><body><article>{body}</article></body></html>'
    article = only_article(read(write(tmp_path / "ru.html", page.encode("cp1251"))))
    assert "Президент встретился" in article.text
    assert article.metadata["encoding"] == "cp1251"


def test_ingest_html_without_text_is_empty_article(tmp_path, no_network):
    error = only_error(read(write(tmp_path / "blank.html", "<html><head><title>x</title></head><body></body></html>")))
    assert error.message == "empty article (no text)"


# --- JSON Lines -------------------------------------------------------------------------


def test_ingest_jsonl_fields_and_metadata(tmp_path):
    path = write(
        tmp_path / "batch.jsonl",
        jsonl(
            {"id": 7, "title": "T", "date": "2025-06-04T16:57:00Z", "url": "https://e.com/7", "text": "Seven.",
             "lang": "en", "score": 0.5, "tags": ["a", "b"], "ok": True, "gone": None},
            {"text": "No id."},
        ),
    )
    first, second = read(path)
    assert first == Article(
        key="7", text="Seven.", title="T", date="2025-06-04", url="https://e.com/7", source=f"{path}:1",
        metadata={"lang": "en", "score": "0.5", "tags": '["a", "b"]', "ok": "true"},
    )
    assert (second.key, second.source) == ("batch.jsonl:2", f"{path}:2")


def test_ingest_jsonl_bad_lines_are_errors_with_line_numbers_and_others_still_yield(tmp_path):
    path = write(
        tmp_path / "mixed.ndjson",
        jsonl(
            {"id": "a", "text": "Good one."},
            '{"id": "b", "text": ',
            "[1, 2]",
            {"id": "c", "title": "no text"},
            {"id": "d", "text": ""},
            {"id": "e", "text": 42},
            {"id": "f", "text": "   "},
            {"id": "g", "text": "Good two."},
        ),
    )
    items = read(path)
    assert [article.key for article in articles(items)] == ["a", "g"]
    found = {error.line: error.message for error in errors(items)}
    assert set(found) == {2, 3, 4, 5, 6, 7}
    assert found[2].startswith("not valid JSON")
    assert found[3] == "expected a JSON object, got a list"
    assert found[4] == 'record has no "text" field'
    assert found[5] == found[7] == "empty article (no text)"
    assert found[6] == '"text" must be a string, got a number'
    assert all(error.source == str(path) for error in errors(items))
    assert str(errors(items)[0]) == f"{path}:2: {found[2]}"


def test_ingest_jsonl_duplicate_ids_reported_at_the_later_line(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl({"id": 1, "text": "one"}, {"id": "1", "text": "again"}, {"id": 2, "text": "two"}))
    items = read(path)
    assert [article.key for article in articles(items)] == ["1", "2"]
    error = only_error(errors(items))
    assert error.line == 2 and "duplicate" in error.message and f"{path}:1" in error.message


def test_ingest_jsonl_blank_lines_skipped_line_numbers_kept(tmp_path):
    path = write(tmp_path / "b.jsonl", "\n" + jsonl({"text": "x"}) + "   \n" + jsonl({"text": "y"}))
    assert [article.key for article in read(path)] == ["b.jsonl:2", "b.jsonl:4"]


def test_ingest_jsonl_without_records_is_reported(tmp_path):
    error = only_error(read(write(tmp_path / "empty.jsonl", "\n  \n")))
    assert "no records" in error.message


def test_ingest_jsonl_splits_only_at_newline(tmp_path):
    # U+2028 may sit raw inside a JSON string; str.splitlines() would cut the record in two.
    path = write(tmp_path / "sep.jsonl", '{"text": "before\u2028after"}\n')
    assert only_article(read(path)).text == "before\u2028after"


def test_ingest_jsonl_utf16_with_bom(tmp_path):
    path = write(tmp_path / "w.jsonl", jsonl({"id": "k", "text": "Zürich"}).encode("utf-16"))
    article = only_article(read(path))
    assert (article.key, article.text, article.metadata["encoding"]) == ("k", "Zürich", "utf-16")


def test_ingest_jsonl_invalid_utf8_line_falls_back_alone(tmp_path):
    path = write(tmp_path / "l.jsonl", b'{"text": "caf\xe9"}\n{"text": "caf\xc3\xa9"}\n')
    first, second = read(path)
    assert (first.text, first.metadata["encoding"]) == ("café", "cp1252")
    assert (second.text, dict(second.metadata)) == ("café", {})


# --- JSON -------------------------------------------------------------------------------


def test_ingest_json_single_object_keyed_by_id_or_base_name(tmp_path):
    with_id = only_article(read(write(tmp_path / "a.json", json.dumps({"id": "x1", "text": "Body", "title": "T"}))))
    without = only_article(read(write(tmp_path / "b.json", json.dumps({"text": "Body", "desk": "world"}))))
    assert (with_id.key, with_id.title, with_id.source) == ("x1", "T", str(tmp_path / "a.json"))
    assert (without.key, dict(without.metadata)) == ("b.json", {"desk": "world"})


def test_ingest_json_list_items_named_by_line(tmp_path):
    path = write(tmp_path / "list.json", '[\n  {"text": "one"},\n  {"id": "two", "text": "two"},\n  "three",\n  {"text": ""}\n]\n')
    items = read(path)
    assert [(article.key, article.source) for article in articles(items)] == [("list.json:2", f"{path}:2"), ("two", f"{path}:3")]
    assert [(error.line, error.message) for error in errors(items)] == [
        (4, "expected a JSON object, got a string"),
        (5, "empty article (no text)"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "x",\n "title": }', "not valid JSON"),
        ("42", "expected a JSON object or a list of objects, got a number"),
        ("[]", "no records"),
        ('{"title": "x"}', 'record has no "text" field'),
    ],
)
def test_ingest_json_bad_files_are_errors(tmp_path, content, expected):
    assert expected in only_error(read(write(tmp_path / "bad.json", content))).message


def test_ingest_json_invalid_reports_the_line(tmp_path):
    assert only_error(read(write(tmp_path / "bad.json", '{"text": "x",\n "title": }'))).line == 2


# --- keys across the whole input --------------------------------------------------------


def test_ingest_duplicate_keys_across_files_reported(tmp_path):
    write(tmp_path / "2025" / "a.txt", "First.")
    write(tmp_path / "2026" / "a.txt", "Second.")
    items = read(tmp_path)
    assert only_article(articles(items)).text == "First."
    error = only_error(errors(items))
    assert error.source == str(tmp_path / "2026" / "a.txt") and "duplicate" in error.message


def test_ingest_keys_that_share_an_iri_reported(tmp_path):
    # Article IRIs use slug(key): "Report.txt" and "report.txt" would share one named graph.
    write(tmp_path / "a" / "Report.txt", "First.")
    write(tmp_path / "b" / "report.txt", "Second.")
    items = read(tmp_path)
    assert only_article(articles(items)).key == "Report.txt"
    assert "same IRI" in only_error(errors(items)).message


# --- bytes, encodings and characters ----------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff\u200b\n".encode("utf-8")])
def test_ingest_empty_or_whitespace_only_is_empty_article(tmp_path, content):
    assert only_error(read(write(tmp_path / "e.txt", content))).message == "empty article (no text)"


def test_ingest_nul_bytes_are_binary(tmp_path):
    assert only_error(read(write(tmp_path / "n.txt", b"text\x00with a NUL"))).message == "binary file, not text"


def test_ingest_mostly_non_text_bytes_are_binary(tmp_path):
    noise = bytes((index * 37) % 255 + 1 for index in range(4096))  # every byte but NUL, not UTF-8
    assert only_error(read(write(tmp_path / "b.txt", noise))).message == "binary file, not text"


def test_ingest_invalid_utf8_falls_back_to_cp1252_then_latin1(tmp_path):
    cp1252 = only_article(read(write(tmp_path / "c.txt", b"Caf\xe9 \x93quoted\x94 \x80")))
    latin1 = only_article(read(write(tmp_path / "l.txt", b"Caf\xe9 \x81 and a r\xe9sum\xe9 of the talks")))
    assert (cp1252.text, cp1252.metadata["encoding"]) == ("Café “quoted” €", "cp1252")
    assert (latin1.text, latin1.metadata["encoding"]) == ("Café \x81 and a résumé of the talks", "latin-1")


def test_ingest_utf8_with_bom_is_utf8(tmp_path):
    article = only_article(read(write(tmp_path / "bom.txt", "\ufeffTitle: Köln\n\nBody ü.".encode("utf-8"))))
    assert (article.title, article.text, dict(article.metadata)) == ("Köln", "Body ü.", {})


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_ingest_utf16_with_bom(tmp_path, codec):
    text = "Title: 東京\n\nİtsuki Kazama 😀 مرحبا"
    data = text.encode(codec) if codec == "utf-16" else "\ufeff".encode(codec) + text.encode(codec)
    article = only_article(read(write(tmp_path / "w.txt", data)))
    assert (article.title, article.text, article.metadata["encoding"]) == ("東京", "İtsuki Kazama 😀 مرحبا", "utf-16")


def test_ingest_zero_width_stripped_and_nfc_applied(tmp_path):
    text = "\ufeffKaza\u200bma\u2060 met Pa\u200drk and Caf\u0065\u0301 \u200c"
    article = only_article(read(write(tmp_path / "z.txt", text)))
    assert article.text == "Kazama met Park and Café"


def test_ingest_rtl_emoji_and_combining_marks_kept(tmp_path):
    text = "مرحبا بالعالم שלום 👨\u200d👩\u200d👧 می\u200cخواهم क\u094d\u200dष q\u0323\u0307"  # already NFC
    assert only_article(read(write(tmp_path / "u.txt", text))).text == text


def test_ingest_lone_surrogates_replaced(tmp_path):
    from_json = only_article(read(write(tmp_path / "s.jsonl", '{"text": "a\\ud800b", "title": "t\\udfff"}\n')))
    from_wtf8 = only_article(read(write(tmp_path / "w.txt", b"x\xed\xa0\x80y caf\xc3\xa9")))
    assert (from_json.text, from_json.title) == ("a\ufffdb", "t\ufffd")
    assert (from_wtf8.text, dict(from_wtf8.metadata)) == ("x\ufffdy café", {})


def test_ingest_oversize_file_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(41)  # sparse: one byte over 4 × max_chars
    error = only_error(read(path, max_chars=10))
    assert "41 bytes" in error.message and "limit of 40 bytes" in error.message and "not read" in error.message


def test_ingest_oversize_text_refused(tmp_path):
    error = only_error(read(write(tmp_path / "long.txt", "x" * 11), max_chars=10))
    assert "11 characters" in error.message and "limit of 10" in error.message
    assert only_article(read(write(tmp_path / "fits.txt", "x" * 10), max_chars=10)).text == "x" * 10


def test_ingest_oversize_jsonl_line_skipped_others_read(tmp_path):
    path = write(tmp_path / "big.jsonl", jsonl({"text": "y" * 100}, {"text": "ok"}))
    items = read(path, max_chars=10)
    assert only_article(articles(items)).text == "ok"
    assert only_error(errors(items)).line == 1


def test_ingest_max_chars_must_be_positive():
    with pytest.raises(ValueError):
        read("-", max_chars=0, stdin=io.StringIO("x"))


# --- folders, links and unreadable paths -----------------------------------------------


def test_ingest_folder_recursive_sorted_skipping_hidden_and_unknown(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "z.json", "notes.docx", ".hidden.txt",
                 ".git/e.txt", "README", "U.TXT"):
        write(tmp_path / name, "Plain." if not name.endswith(("jsonl", "json")) else '{"text": "Plain."}')
    files = [str(path.relative_to(tmp_path)) for path in iter_input_files([tmp_path])]
    assert files == ["U.TXT", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl", "z.json"]


def test_ingest_explicit_files_read_whatever_their_name(tmp_path):
    notes = write(tmp_path / "notes.log", "Title: Log\n\nSome text.")
    hidden = write(tmp_path / ".hidden.txt", "Hidden text.")
    first, second = read(notes, hidden)
    assert (first.key, first.title, first.text) == ("notes.log", "Log", "Some text.")
    assert second.text == "Hidden text."


def test_ingest_symlink_loop_in_folder_does_not_hang(tmp_path):
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "sub" / "b.txt", "B.")
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink(".", tmp_path / "self")
    os.symlink(tmp_path / "sub", tmp_path / "sub-again")  # a second way in: read once, not reported
    os.symlink("tight", tmp_path / "tight")  # a link to itself
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(read(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "walking a folder with symlink loops did not finish"
    assert [article.key for article in articles(result)] == ["a.txt", "b.txt"]
    reported = {Path(error.source).name: error.message for error in errors(result)}
    assert set(reported) == {"self", "tight", "up"}
    assert all("loop" in message for message in reported.values())


def test_ingest_broken_symlink_reported_only_for_input_names(tmp_path):
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "missing.bin", tmp_path / "dangling.bin")
    error = only_error(read(tmp_path))
    assert error.source == str(tmp_path / "dangling.txt") and "broken symbolic link" in error.message


def test_ingest_missing_path_reported_and_rest_still_read(tmp_path):
    good = write(tmp_path / "a.txt", "Text.")
    missing, article = read(tmp_path / "nope.txt", good)
    assert missing == IngestError(str(tmp_path / "nope.txt"), "no such file or folder")
    assert article.key == "a.txt"


def test_ingest_fifo_named_explicitly_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_error(read(fifo)).message == "not a regular file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode, so chmod 000 cannot make one unreadable")
def test_ingest_unreadable_file_reported(tmp_path):
    path = write(tmp_path / "secret.txt", "Text.")
    path.chmod(0)
    try:
        error = only_error(read(path))
    finally:
        path.chmod(0o644)
    assert error.source == str(path) and "Permission denied" in error.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode, so chmod 000 cannot make one unreadable")
def test_ingest_unreadable_folder_reported(tmp_path):
    write(tmp_path / "a.txt", "A.")
    locked = tmp_path / "locked"
    write(locked / "b.txt", "B.")
    locked.chmod(0)
    try:
        items = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [article.key for article in articles(items)] == ["a.txt"]
    assert only_error(errors(items)).source == str(locked)


def test_ingest_permission_error_on_open_is_reported(tmp_path, monkeypatch):
    """The same path as the chmod test, reachable when the tests run as root."""
    path = write(tmp_path / "secret.txt", "Text.")
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    assert only_error(read(path)) == IngestError(str(path), "cannot read: Permission denied")


def test_ingest_permission_error_on_folder_is_reported(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "A.")
    locked = tmp_path / "locked"
    write(locked / "b.txt", "B.")
    real_scandir = os.scandir

    def guarded_scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    items = read(tmp_path)
    assert [article.key for article in articles(items)] == ["a.txt"]
    assert only_error(errors(items)) == IngestError(str(locked), "cannot read folder: Permission denied")


# --- standard input ---------------------------------------------------------------------


def test_ingest_stdin_plain_text_keyed_stdin():
    article = only_article(read("-", stdin=io.StringIO("Title: Piped\nDate: 4 June 2025\n\nBody from a pipe.\n")))
    assert (article.key, article.source, article.title, article.date, article.text) == (
        "stdin", "-", "Piped", "2025-06-04", "Body from a pipe.")


def test_ingest_stdin_header_id_is_the_key():
    assert only_article(read("-", stdin=io.StringIO("Id: wire-42\n\nBody."))).key == "wire-42"


def test_ingest_stdin_jsonl_when_every_line_is_an_object():
    items = read("-", stdin=io.StringIO('\ufeff{"id": "a", "text": "One."}\n\n{"text": "Two."}\n{"id": "a", "text": "Dup."}\n'))
    assert [(article.key, article.source) for article in articles(items)] == [("a", "-:1"), ("stdin:3", "-:3")]
    assert only_error(errors(items)).line == 4


def test_ingest_stdin_with_a_non_object_line_is_plain_text():
    text = '{"text": "looks like a record"}\nbut this line is prose.'
    assert only_article(read("-", stdin=io.StringIO(text))).text == text


def test_ingest_stdin_bytes_decoded_like_files():
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait"), encoding="utf-8")
    article = only_article(read("-", stdin=stream))
    assert (article.text, article.metadata["encoding"]) == ("café au lait", "cp1252")


def test_ingest_stdin_empty_and_oversize():
    assert only_error(read("-", stdin=io.StringIO("  \n"))) == IngestError("-", "empty article (no text)")
    assert "over the limit of 40 characters" in only_error(read("-", max_chars=10, stdin=io.StringIO("x" * 41))).message


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-06-04", "2025-06-04"),
        ("2025-06-04T16:57:00Z", "2025-06-04"),
        ("2025-06-04T23:30:00-08:00", "2025-06-04"),  # the date as written, not shifted to UTC
        ("June 4, 2025", "2025-06-04"),
        ("4 June 2025", "2025-06-04"),
        ("Wednesday, June 4, 2025 4:57 PM EDT", "2025-06-04"),
        ("  2025-06-04  ", "2025-06-04"),
        ("2025-02-30", None),
        ("June 2025", None),  # no day: not completed from today's date
        ("2025", None),
        ("sometime last week", None),
        ("", None),
    ],
)
def test_ingest_date_normalisation(raw, expected):
    assert normalise_date(raw) == expected


def test_ingest_unparseable_date_kept_raw(tmp_path):
    article = only_article(read(write(tmp_path / "a.txt", "Date: the day after tomorrow\n\nText.")))
    assert article.date is None and article.metadata["date_raw"] == "the day after tomorrow"


# --- the shape of results ---------------------------------------------------------------


def test_ingest_error_str_is_one_line():
    assert str(IngestError("a.jsonl", "bad\nvalue", 3)) == "a.jsonl:3: bad value"
    assert str(IngestError("a.txt", "binary file, not text")) == "a.txt: binary file, not text"


def test_ingest_is_stable(tmp_path):
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "x.jsonl", jsonl({"text": "one"}, "oops", {"text": "two"}))
    write(tmp_path / "c.html", PAGE)
    assert read(tmp_path) == read(tmp_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".bin"]),
    content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass"))),
)
def test_ingest_any_bytes_give_values_never_exceptions(suffix, content):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / f"f{suffix}", content)
        items = read(path, max_chars=200)
    assert items and all(isinstance(item, (Article, IngestError)) for item in items)
    for item in items:
        if isinstance(item, IngestError):
            assert "\n" not in str(item)
        else:
            assert item.text.strip() and len(item.text) <= 200
            item.text.encode("utf-8")  # no lone surrogates survive
