"""Compressed files and archives as streams of named members, for ingest.

Why streams: a news dump such as `wikinews-politics.jsonl.gz` should build as it is,
without unpacking it first or holding it in memory; gzip, bz2 and xz files are read
through their decompressors, and tar archives in streaming mode ("r|*"), one member
after another. A zip archive's directory sits at its end, so zip members are opened by
name, each again as a stream. Size limits are applied by the reader to the decompressed
bytes (see graph.ingest), so a small bomb cannot fill memory.

Standard library only: gzip, bz2, lzma, tarfile and zipfile cover every format asked for.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterator

#: Single-file compressions by suffix: "a.jsonl.gz" is the JSON Lines file "a.jsonl".
COMPRESSIONS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),
    ".bz2": lambda raw: bz2.BZ2File(raw, mode="rb"),
    ".xz": lambda raw: lzma.LZMAFile(raw, mode="rb"),
}
#: Archives of many articles, by the suffixes their names end with.
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
ZIP_SUFFIXES = (".zip",)

#: What a damaged or truncated compressed stream raises while it is read.
STREAM_ERRORS = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, tarfile.TarError, zipfile.BadZipFile)


def is_archive(name: str) -> bool:
    """Whether `name` is a tar or zip archive (many members), by its suffix."""
    return name.lower().endswith(TAR_SUFFIXES + ZIP_SUFFIXES)


def inner_name(name: str) -> str:
    """The name of what a single compressed file holds: "a.jsonl.gz" → "a.jsonl"."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and f".{suffix.lower()}" in COMPRESSIONS and stem else name


def decompressed(name: str, raw: BinaryIO) -> BinaryIO:
    """`raw` read through the decompressor its name calls for (unchanged when none), buffered
    so that readers can peek at the first bytes."""
    opener = COMPRESSIONS.get(PurePosixPath(name.lower()).suffix)
    stream = raw if opener is None else opener(raw)
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)


@contextmanager
def opened_file(path: Path) -> Iterator[BinaryIO]:
    """A file opened for reading, decompressed as its suffix says."""
    with path.open("rb") as raw, decompressed(path.name, raw) as stream:
        yield stream


def members(path: str) -> Iterator[tuple[str, BinaryIO]]:
    """(member path, open stream) of every regular file in a tar or zip archive, in archive
    order; links, devices and folders are passed over. Each stream is valid until the next
    member is asked for."""
    if path.lower().endswith(ZIP_SUFFIXES):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    with archive.open(info) as stream:
                        yield info.filename, stream
        return
    with tarfile.open(path, mode="r|*") as archive:
        for member in archive:
            if member.isfile():
                stream = archive.extractfile(member)
                if stream is not None:
                    yield member.name, stream


def problem(error: BaseException) -> str:
    """A one-line reason for a damaged stream, naming what was wrong with it."""
    detail = str(error) or type(error).__name__
    if isinstance(error, EOFError):
        return f"compressed data ends early (truncated file?): {detail}"
    return f"damaged archive or compressed data: {detail}"
