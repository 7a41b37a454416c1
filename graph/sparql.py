"""SPARQL over the store: read-only queries, result formats, and the competency questions.

Competency questions live in `ontology/queries/` as `NN-name.rq` (the query) beside
`NN-name.yaml` (the question in words and the expected answer on the sample corpus), so
`kg query NAME`, the server's examples and the tests all read the same files.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import yaml

from graph.resources import resource
from graph.store import Store

QUERY_DIR = resource("ontology", "queries")
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
# Strings, IRIs and comments, matched left to right as SPARQL's grammar does, so that a
# keyword is only seen where the parser would see it. IRIREF admits \u escapes (UCHAR).
_NON_CODE = re.compile(
    r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
    r'|"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)
# A keyword, not part of a variable (?x, $x), prefixed name (ex:x, x:) or longer word.
_UPDATE_KEYWORD = re.compile(r"(?<![\w?$:])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)(?![\w:])", re.I)
_SERVICE_KEYWORD = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.I)


class QueryError(ValueError):
    """A query that is not valid SPARQL, or that asks to change the store."""


class Refused(QueryError):
    """A query the read-only policy will not run (an update, a SERVICE clause); the server answers 403."""


@dataclass(frozen=True)
class Competency:
    """One competency question: its name, the question in words, the query and what it expects."""

    name: str
    question: str
    sparql: str
    expect: dict


def competency_questions(directory: Path = QUERY_DIR) -> list[Competency]:
    out = []
    for rq in sorted(directory.glob("*.rq")):
        spec_path = rq.with_suffix(".yaml")
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8")) if spec_path.exists() else {}
        out.append(Competency(name=rq.stem, question=str(spec.get("question", "")), sparql=rq.read_text(encoding="utf-8"),
                              expect=spec.get("expect") or {}))
    return out


def resolve_query_text(text: str, directory: Path = QUERY_DIR) -> str:
    """A query given as SPARQL text, a file path, or a competency question's name (or number)."""
    by_name = {c.name: c for c in competency_questions(directory)}
    for name, competency in by_name.items():
        if text in {name, name.split("-", 1)[-1], name.split("-", 1)[0]}:
            return competency.sparql
    path = _query_file(text)
    if path is not None:
        return path.read_text(encoding="utf-8")
    if text.rstrip().endswith((".rq", ".sparql")) and "{" not in text:
        raise QueryError(f"{text}: no such query file")
    return text


def _query_file(text: str) -> Path | None:
    """The file this text names, if it names one. A query longer than a file name may be
    (255 bytes on Linux) makes the lookup fail with an OSError: then it is no file."""
    if "\n" in text:
        return None
    try:
        path = Path(text)
        return path if path.is_file() else None
    except OSError:
        return None


def query_code(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out: the part keywords live in."""
    return _NON_CODE.sub(lambda match: " " if match.group(0).startswith("#") else '""', sparql)


def refuse_unsafe(sparql: str) -> None:
    """Raise Refused for any SPARQL Update form or a SERVICE clause: the one read-only policy
    of `kg query` and the server.

    An update keyword anywhere in the code (not only at the start) is refused, since no
    query form uses one. SERVICE is refused because pyoxigraph would make the HTTP request
    it asks for: anyone who can send a query could make the machine call out.
    """
    code = query_code(sparql)
    if match := _UPDATE_KEYWORD.search(code):
        raise Refused(f"read-only: SPARQL Update ({match.group(1).upper()}) is not allowed here; "
                      "the store changes only through kg build and kg remove")
    if _SERVICE_KEYWORD.search(code):
        raise Refused("federated queries (SERVICE) are disabled: queries here never call other endpoints")


def run_query(store: Store, sparql: str):
    """Run a query the read-only policy allows; Refused or QueryError otherwise."""
    refuse_unsafe(sparql)
    try:
        return store.query(sparql)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {error}") from None


def result_kind(result) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "select"
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "graph"


def serialize_result(result, fmt: str) -> bytes:
    """SELECT/ASK as json, csv, tsv or xml; CONSTRUCT/DESCRIBE as turtle, ntriples or jsonld."""
    buffer = io.BytesIO()
    if result_kind(result) == "graph":
        rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                      "jsonld": ox.RdfFormat.JSON_LD}.get(fmt, ox.RdfFormat.TURTLE)
        ox.serialize(result, buffer, format=rdf_format)
    else:
        result.serialize(buffer, format=RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON))
    return buffer.getvalue()


def rows(result) -> tuple[list[str], list[list[str]]]:
    """A SELECT result as plain strings (for tables and tests)."""
    variables = [v.value for v in result.variables]
    return variables, [[_text(solution[v]) for v in variables] for solution in result]


def _text(term) -> str:
    return "" if term is None else term.value


def format_table(variables: list[str], table: list[list[str]], *, width: int = 60) -> str:
    """A fixed-width text table, cells shortened to `width` characters."""
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in table]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(variables, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    out.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(out)
