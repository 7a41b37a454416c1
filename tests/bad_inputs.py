"""A generated corpus of bad input: every way a scraped folder can be wrong, one kind at a time.

Generated rather than checked in because most kinds cannot live in git (binary files,
20 MB files, symbolic link loops, a FIFO, a file name that is not UTF-8, files nobody may
read). Each `Kind` says what was written and what a build must do with it: store it
("stored", checked through the article's `kg:key` and its text) or refuse it with exactly
one `error: <file>[:<line>]: <reason>` line ("error"). `judge` compares a build's stderr
and stored articles with those expectations, so the test and the table in
docs/reliability.md come from the same rules.

`python tests/bad_inputs.py FOLDER` writes the corpus, builds it with `kg` and prints the table.
"""
from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal, Mapping

if TYPE_CHECKING:
    from graph.store import Store

Outcome = Literal["stored", "error", "not applicable"]

#: Well-formed articles written beside the bad ones: a bad neighbour must not cost them.
GOOD_ARTICLES: Mapping[str, str] = {
    "good-g7.txt": (
        "Title: Leaders gather in Kananaskis\nDate: 2025-06-16\n\n"
        "Prime Minister Mark Carney welcomed the leaders of the G7 to Kananaskis on Monday. "
        "Japanese Prime Minister Tatsuo Kazama attended the summit.\n"
    ),
    "good-nato.txt": (
        "Title: NATO allies meet in The Hague\nDate: 2025-06-25\n\n"
        "NATO Secretary General Mark Rutte hosted the NATO summit in The Hague. "
        "German Chancellor Friedrich Merz attended the summit.\n"
    ),
    "good-korea.md": (
        "# Park Do-hyun sworn in\n\n"
        "Park Do-hyun of the Democratic Party took office as President of South Korea on 4 June 2025.\n"
    ),
}

_PROSE = "President Park Do-hyun met Prime Minister Tatsuo Kazama in Tokyo on Monday."
_SCRIPT = '"><script>alert(document.domain)</script><img src=x onerror=alert(1)>'
_TURTLE_META = '""" \\" \\u0022 <http://evil/> @prefix x: <y> . } ; ^^xsd:string @en # \\'
_SPARQL_META = "} ; DROP ALL ; INSERT DATA { <a> <b> <c> } # ?x $y FILTER(true) SERVICE <http://evil/>"


@dataclass(frozen=True)
class Kind:
    """One kind of bad input and what a build must do with it."""

    name: str
    files: tuple[Path, ...]  # everything written for this kind (files, links, folders)
    outcome: Outcome
    where: str = ""  # for "error": the location the error line must start with ("path" or "path:line")
    keys: tuple[str, ...] = ()  # article keys that must be stored (for an error kind: its good neighbours)
    contains: tuple[str, ...] = ()  # text the stored article's title or body must hold: decoded right, not mangled
    reason: str = ""  # why the kind is "not applicable" here


@dataclass(frozen=True)
class Verdict:
    """Whether a build did what a kind requires, and what it said or did instead."""

    kind: Kind
    correct: bool
    detail: str = ""  # the error line, "stored", or what went wrong


def make_bad_corpus(folder: Path) -> list[Kind]:
    """Write the bad-input corpus (and GOOD_ARTICLES) into `folder`; return its kinds."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    writer = _Writer(folder)
    return [kind for make in _KIND_MAKERS for kind in make(writer)]


def judge(kinds: Iterable[Kind], stderr: str, stored: Mapping[str, str]) -> list[Verdict]:
    """Each kind's verdict, from a build's stderr and its stored articles (key → title + body)."""
    error_lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    return [_verdict(kind, error_lines, stored) for kind in kinds]


def unexpected_errors(kinds: Iterable[Kind], stderr: str) -> list[str]:
    """Error lines that name no kind's file: a good article was refused, or something else went wrong."""
    prefixes = tuple(f"error: {printed(path)}:" for kind in kinds for path in kind.files)
    return [line for line in stderr.splitlines() if line.startswith("error: ") and not line.startswith(prefixes)]


def printed(path: Path | str) -> str:
    """A path as an error line shows it: Python's stderr writes undecodable bytes as backslash escapes."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def expected_keys(kinds: Iterable[Kind]) -> set[str]:
    """Every article key the build must store: good articles, stored kinds, good neighbours."""
    return set(GOOD_ARTICLES) | {key for kind in kinds for key in kind.keys}


def _verdict(kind: Kind, error_lines: list[str], stored: Mapping[str, str]) -> Verdict:
    if kind.outcome == "not applicable":
        return Verdict(kind, True, kind.reason)
    missing = [key for key in kind.keys if key not in stored]
    if kind.outcome == "error":
        naming = [line for line in error_lines if line.startswith(f"error: {printed(kind.where)}: ")]
        if len(naming) != 1:
            return Verdict(kind, False, f"{len(naming)} error lines for {kind.where}, expected 1")
        if missing:
            return Verdict(kind, False, f"good records beside the bad one not stored: {', '.join(map(repr, missing))}")
        return Verdict(kind, True, naming[0].removeprefix(f"error: {printed(kind.where)}: "))
    naming = [line for line in error_lines for path in kind.files if line.startswith(f"error: {printed(path)}:")]
    if naming or missing:
        return Verdict(kind, False, naming[0] if naming else f"not stored: {', '.join(map(repr, missing))}")
    text = "\n".join(stored[key] for key in kind.keys)
    absent = [piece for piece in kind.contains if piece not in text]
    if absent:
        return Verdict(kind, False, f"stored text lacks {', '.join(map(repr, absent))}")
    return Verdict(kind, True, "stored")


# --- writing ------------------------------------------------------------------------


class _Writer:
    """Writes one kind's files into the corpus folder and builds its `Kind`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str | bytes) -> Path:
        if isinstance(name, bytes):
            return Path(os.fsdecode(os.path.join(os.fsencode(self.folder), name)))
        return self.folder / name

    def stored(self, name: str, file: str | bytes, content: str | bytes, *, key: str | None = None,
               contains: tuple[str, ...] = ()) -> Kind:
        path = self._write(file, content)
        return Kind(name, (path,), "stored", keys=(key or path.name,), contains=contains)

    def refused(self, name: str, file: str | bytes, content: str | bytes) -> Kind:
        path = self._write(file, content)
        return Kind(name, (path,), "error", where=str(path))

    def jsonl(self, name: str, file: str, lines: list[str], *, bad_line: int | None = None,
              contains: tuple[str, ...] = ()) -> Kind:
        """A JSON Lines file; good lines carry an "id" and are expected stored."""
        path = self._write(file, "\n".join(lines) + "\n")
        keys = tuple(_record_id(line) for number, line in enumerate(lines, 1) if number != bad_line and _record_id(line))
        if bad_line is None:
            return Kind(name, (path,), "stored", keys=keys, contains=contains)
        return Kind(name, (path,), "error", where=f"{path}:{bad_line}", keys=keys)

    def _write(self, file: str | bytes, content: str | bytes) -> Path:
        path = self.path(file)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(os.fsencode(path), "wb") as handle:
            handle.write(data)
        return path


def _record_id(line: str) -> str | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None


def _record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


# --- the kinds ----------------------------------------------------------------------


def _empty_files(w: _Writer) -> list[Kind]:
    return [
        w.refused("empty file", "empty.txt", b""),
        w.refused("whitespace-only file", "whitespace.txt", " \n\t\n\u3000\u00a0\n\r\n"),
        w.refused("only zero-width characters", "zero-width-only.txt", "\u200b\u200d\ufeff\u2060\n"),
    ]


def _binary_files(w: _Writer) -> list[Kind]:
    noise = random.Random(7).randbytes(4096)
    return [
        w.refused("binary file (PNG header and random bytes)", "image.txt", b"\x89PNG\r\n\x1a\n" + noise),
        w.refused("text with NUL bytes", "nul-bytes.txt", f"{_PROSE}\x00\x00{_PROSE}".encode()),
        w.refused("invalid UTF-8 that is no text in any encoding (C1 bytes)", "c1-bytes.txt",
                  bytes(range(0x80, 0xA0)) * 64),
    ]


def _encodings(w: _Writer) -> list[Kind]:
    europe = "Bundeskanzler Friedrich Merz traf Präsident Emmanuel Macron in Paris; café, Müller, Gödöllő."
    latin1 = "Bundeskanzler Friedrich Merz traf Präsident Emmanuel Macron in Paris; café, Müller."
    return [
        w.stored("Latin-1 file", "latin-1.txt", latin1.encode("latin-1"), contains=("Präsident", "café", "Müller")),
        w.stored("invalid UTF-8: a cp1252 file with smart quotes", "cp1252.txt",
                 "Kazama said \u201cwe will cooperate\u201d \u2013 Tokyo".encode("cp1252"),
                 contains=("\u201cwe will cooperate\u201d \u2013",)),
        w.stored("UTF-16 with a BOM", "utf-16.txt", "\ufeff".encode("utf-16-le") + europe.encode("utf-16-le"),
                 contains=("Gödöllő",)),
        w.stored("UTF-8 with a BOM", "utf-8-bom.txt", b"\xef\xbb\xbf" + europe.encode(), contains=("Bundeskanzler",)),
        w.stored("CR-only (classic Mac) line ends", "cr-only.txt", "Title: CR\r\r" + _PROSE.replace(" in ", "\rin "),
                 contains=("Kazama",)),
        w.stored("file name that is not UTF-8", b"name-\xff\xfe.txt", _PROSE, key="name-\ufffd\ufffd.txt"),
    ]


def _sizes(w: _Writer) -> list[Kind]:
    paragraph = (_PROSE + " ") * 9 + "\n\n"
    twenty_mb = paragraph.encode() * (20 * 2**20 // len(paragraph) + 1)
    # Inline data (a data: URI, minified code) is how real scraped text gets megabyte lines;
    # its long tokens also keep spaCy's share of the work to seconds once the line is accepted.
    blob = " ".join(random.Random(1).randbytes(100).hex() for _ in range(2**20 // 201 + 1))
    return [
        w.refused("20 MB article (over the 5 MB default limit)", "twenty-mb.txt", twenty_mb),
        w.stored("1 MB single line (prose around an inline hex blob)", "one-mb-line.txt", f"{_PROSE} {blob} {_PROSE}",
                 contains=(_PROSE,)),
        w.stored("100 KB title", "long-title.txt", "Title: " + "Summit " * 15_000 + "\n\n" + _PROSE),
    ]


def _nested_html(depth: int) -> str:
    return ("<html><body>" + "<div>" * depth + f"<p>{_PROSE} The talks covered trade and security.</p>"
            + "</div>" * depth + "</body></html>")


def _html(w: _Writer) -> list[Kind]:
    furniture = ("<html><head><title>Furniture</title><style>body{color:red}</style><script>var a=1;</script></head>"
                 "<body><script>document.write('x')</script><style>p{}</style>"
                 '<iframe src="https://example.invalid/"></iframe><noscript></noscript></body></html>')
    payload_html = (f"<html><head><title>{_html_escape(_SCRIPT)}</title></head><body><article>"
                    f"<p>{_PROSE} A reader wrote {_html_escape(_SCRIPT)} in the comments of the page.</p>"
                    "<p>The two leaders agreed to meet again at the APEC summit in Gyeongju.</p></article></body></html>")
    return [
        w.stored("deeply nested HTML (300 levels)", "nested-300.html", _nested_html(300), contains=("Kazama",)),
        # Beyond any parser's depth limit the page cannot be read; a one-line refusal is the right answer.
        w.refused("deeply nested HTML (100,000 levels)", "nested-100000.html", _nested_html(100_000)),
        w.refused("HTML of only scripts, styles and iframes", "furniture-only.html", furniture),
        w.stored("HTML with a script payload as text", "payload.html", payload_html, contains=(_SCRIPT,)),
    ]


def _jsonl(w: _Writer) -> list[Kind]:
    good = _record(id="jsonl-good-1", title="Good record", text=_PROSE)
    return [
        w.jsonl("JSONL malformed line", "malformed.jsonl",
                [_record(id="malformed-ok-1", text=_PROSE), '{"id": "broken", "text": "unterminated', good], bad_line=2),
        w.jsonl("JSONL record without text", "no-text.jsonl",
                [_record(id="no-text-ok", text=_PROSE), _record(id="no-text", title="Only a title")], bad_line=2),
        w.jsonl("JSONL text that is not a string", "text-not-string.jsonl",
                [_record(id="nonstring-text", text={"body": _PROSE}), _record(id="nonstring-ok", text=_PROSE)], bad_line=1),
        w.jsonl("JSONL line that is not an object", "not-object.jsonl",
                [_record(id="array-ok", text=_PROSE), json.dumps(["id", "text"])], bad_line=2),
        w.jsonl("JSONL nested 100,000 deep", "deep.jsonl",
                [_record(id="deep-ok", text=_PROSE), "[" * 100_000 + "]" * 100_000], bad_line=2),
        w.jsonl("JSONL duplicate ids", "duplicates.jsonl",
                [_record(id="dup-1", text=_PROSE), _record(id="dup-1", text="A different text about Kazama.")], bad_line=2),
        w.jsonl("JSONL non-string title, date and extra fields", "nonstring-fields.jsonl",
                [_record(id="nonstring-fields", title=["a", "list"], date=20250101, text=_PROSE, extra={"x": [1, None]},
                         score=1e308)],
                contains=('["a", "list"]',)),
        w.jsonl("JSONL 100 KB id", "long-id.jsonl", [_record(id="x" * 100_000, text=_PROSE)]),
        w.jsonl("JSONL lone surrogate escapes and U+2028 inside strings", "surrogates.jsonl",
                ['{"id": "surrogate", "title": "half \\ud800 pair", "text": "Kazama\\u2028met Park.\\udc00 End."}'],
                contains=("half \ufffd pair", "Kazama\u2028met Park.\ufffd End.")),
        w.refused("JSONL with only blank lines", "blank.jsonl", "\n   \n\t\n"),
    ]


def _names_and_scripts(w: _Writer) -> list[Kind]:
    rtl = "الرئيس محمود عباس التقى رئيس الوزراء. ראש הממשלה בנימין נתניהו נפגש עם הנשיא."
    emoji = "Prime Minister 🇯🇵 Tatsuo Kazama 🤝 met President Park Do-hyun 👨‍👩‍👧 in Tokyo."
    combining = "Zalgo: K\u0336a\u0335z\u0334a\u0337m\u0338a met Park; Mu\u0308ller met Jose\u0301 in Sa\u0303o Paulo."
    zero_width = "Prime Minister Kaza\u200bma met President P\u200dark Do-hyun\u2060 in Tokyo."
    quotes = "Prime Minister Tatsuo \"The Quiet\" Kazama met O'Neil, 'Park' and \u201cMerz\u201d <b>today</b>."
    return [
        w.stored("right-to-left text (Arabic and Hebrew)", "rtl.txt", f"Title: \u202e{rtl[:20]}\n\n{rtl}", contains=(rtl,)),
        w.stored("emoji in names", "emoji.txt", emoji, contains=("🇯🇵 Tatsuo Kazama 🤝", "👨‍👩‍👧")),
        w.stored("combining marks in names", "combining.txt", combining, contains=("Müller", "José", "São Paulo")),
        w.stored("zero-width characters inside names", "zero-width.txt", zero_width,
                 contains=("Kazama met President Park Do-hyun in Tokyo",)),
        w.stored("quotes and angle brackets in names", "quotes.txt", quotes, contains=(quotes,)),
        w.stored('"><script> payload in title and text', "script.txt", f"Title: {_SCRIPT}\n\n{_PROSE} {_SCRIPT}",
                 contains=(_SCRIPT,)),
        w.stored("Turtle metacharacters in title and text", "turtle.txt",
                 f"Title: {_TURTLE_META}\n\n{_PROSE} {_TURTLE_META}", contains=(_TURTLE_META,)),
        w.stored("SPARQL metacharacters in title and text", "sparql.txt",
                 f"Title: {_SPARQL_META}\n\n{_PROSE} {_SPARQL_META}", contains=(_SPARQL_META,)),
        w.stored("quotes, brackets and a newline in the file name (the key)", 'odd "name" <b>\n.txt', _PROSE),
        w.stored("article with no entities", "no-entities.txt", "It rained all afternoon, and the river rose a little.\n"),
        w.stored("a few control characters in prose", "controls.txt", f"{_PROSE}\x07\x0c {_PROSE}\x1b[0m",
                 contains=("Kazama",)),
    ]


def _folders(w: _Writer) -> list[Kind]:
    loop = w.path("loop")
    loop.symlink_to(".", target_is_directory=True)
    self_link = w.path("self-link.txt")
    self_link.symlink_to("self-link.txt")
    dangling = w.path("dangling.txt")
    dangling.symlink_to("does-not-exist.txt")
    fifo = w.path("fifo.txt")
    os.mkfifo(fifo)
    deep = w.folder
    for _ in range(200):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep-article.txt").write_text(_PROSE, encoding="utf-8")
    return [
        Kind("symbolic link loop to an enclosing folder", (loop,), "error", where=str(loop)),
        Kind("symbolic link to itself", (self_link,), "error", where=str(self_link)),
        Kind("dangling symbolic link", (dangling,), "error", where=str(dangling)),
        Kind("FIFO named like an article", (fifo,), "error", where=str(fifo)),
        Kind("folders nested 200 deep", (deep / "deep-article.txt",), "stored", keys=("deep-article.txt",)),
        _unreadable(w),
    ]


def _unreadable(w: _Writer) -> Kind:
    """chmod 000 blocks everyone but root; as root the kind cannot be produced by permissions."""
    name = "unreadable file (no read permission)"
    if os.geteuid() == 0:
        return Kind(name, (), "not applicable",
                    reason="running as root, which chmod 000 does not stop; test_reliability drops to uid nobody for it")
    path = w.path("unreadable.txt")
    path.write_text(_PROSE, encoding="utf-8")
    path.chmod(0)
    return Kind(name, (path,), "error", where=str(path))


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_KIND_MAKERS = (_empty_files, _binary_files, _encodings, _sizes, _html, _jsonl, _names_and_scripts, _folders)


def stored_articles(store: Store) -> dict[str, str]:
    """Article key → title and body, as the store holds them: what `judge` checks kinds against."""
    rows = store.query("SELECT ?key ?body ?title WHERE { ?a kg:key ?key ; schema:articleBody ?body . "
                       "OPTIONAL { ?a schema:headline ?title } }")
    return {row["key"].value: (row["title"].value if row["title"] else "") + "\n" + row["body"].value for row in rows}


def markdown_table(verdicts: list[Verdict]) -> str:
    """One row per kind: what was expected and what the build did."""
    rows = ["| kind | expected | handled correctly | what the build did |", "|---|---|---|---|"]
    for verdict in verdicts:
        said = verdict.detail.replace("|", "\\|").replace("\n", " ")
        said = said if len(said) <= 110 else said[:107] + "..."
        rows.append(f"| {verdict.kind.name} | {verdict.kind.outcome} | {'yes' if verdict.correct else '**no**'} | {said} |")
    return "\n".join(rows)


def _main(folder: Path) -> None:
    """Write the corpus under `folder`, build it with `kg`, and print the table and the totals."""
    import subprocess

    from graph.store import Store

    kinds = make_bad_corpus(folder / "in")
    kg = Path(sys.executable).with_name("kg")
    result = subprocess.run([kg, "build", "--store", folder / "store", folder / "in"], capture_output=True, text=True,
                            encoding="utf-8", errors="replace")
    with Store(folder / "store") as store:
        stored = stored_articles(store)
    verdicts = judge(kinds, result.stderr, stored)
    crashed = result.returncode not in (0, 1) or "Traceback" in result.stdout + result.stderr
    tried = [v for v in verdicts if v.kind.outcome != "not applicable"]
    print(markdown_table(verdicts))
    print(f"\nkinds tried {len(tried)}, handled correctly {sum(v.correct for v in tried)}, "
          f"crashes {int(crashed)} (exit code {result.returncode}), "
          f"articles lost {len(expected_keys(kinds) - set(stored))} of {len(expected_keys(kinds))}, "
          f"unexplained error lines {len(unexpected_errors(kinds, result.stderr))}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/bad_inputs.py FOLDER   (writes FOLDER/in, builds FOLDER/store, prints the table)")
    _main(Path(sys.argv[1]))
