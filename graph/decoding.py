"""Text from bytes, for ingest: decoding, refusing binary files, and cleaning invisible noise.

Every input format (plain text, Markdown, HTML, JSON, standard input) goes through these,
so a file is decoded and cleaned the same way whatever its format. A problem is raised
as `Refused`, which graph.ingest turns into an `IngestError` before it leaves that stage.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

BINARY = "binary file, not text"

# Random bytes are about a quarter control characters, prose almost none; 5% separates them
# while tolerating the odd escape sequence or form feed in real text.
_MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
# ZWNJ/ZWJ are load-bearing between emoji (family sequences) and in Arabic, Persian and
# Indic scripts, and only noise next to ASCII, where they hide inside names ("Ishi\u200dba").
_STRAY_JOINER = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class Refused(Exception):
    """A problem found deep in a parser, on its way to becoming an IngestError."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text in `data` and the encoding it was read with.

    UTF-8 is tried first because a legacy single-byte encoding would accept any bytes and
    garble real UTF-8; the page's declared charset comes next; cp1252 then latin-1 last,
    because they cannot fail. Encoded surrogates (WTF-8) count as UTF-8 and are replaced
    later rather than garbling the whole file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif b"\x00" in data:
        raise Refused(BINARY)
    else:
        text, encoding = _decode_without_bom(data, declared)
    refuse_binary(text)
    return text, encoding


def refuse_binary(text: str) -> None:
    if "\x00" in text or len(_CONTROL.findall(text)) > len(text) * _MAX_CONTROL_SHARE:
        raise Refused(BINARY)


def _decode_without_bom(data: bytes, declared: str | None) -> tuple[str, str]:
    for encoding, errors in (("utf-8", "strict"), ("utf-8", "surrogatepass")):
        try:
            return data.decode("utf-8-sig", errors), encoding
        except UnicodeDecodeError:
            pass
    for encoding in filter(None, (declared, "cp1252")):
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1"), "latin-1"


def declared_charset(html: bytes) -> str | None:
    """The charset a page names for itself, which browsers honour before guessing."""
    match = _DECLARED_CHARSET.search(html[:4096])
    return match[1].decode("ascii") if match else None


def clean(text: str) -> str:
    """Text with the invisible noise removed and one spelling for each character.

    NFC makes "é" typed two ways match; lone surrogates (from JSON escapes or WTF-8) are
    replaced because they cannot be written as UTF-8 downstream.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = _STRAY_JOINER.sub("", _ZERO_WIDTH.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
