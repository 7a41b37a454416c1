"""Compressed files and archives (graph/sources/archives.py through graph/ingest.py): read as
streams, keyed as their uncompressed selves, a damaged one reported after what it held."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path

import pytest

from graph.ingest import IngestError, iter_input_files, read_articles
from graph.model import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-politics.jsonl.gz"
RECORDS = [{"id": f"story-{n}", "title": f"Story {n}", "date": "2025-05-0" + str(n), "text": f"Minister {n} spoke."}
           for n in range(1, 4)]
JSONL = "".join(json.dumps(record) + "\n" for record in RECORDS).encode()
TEXT = b"Title: Budget vote\nDate: 2025-05-02\n\nThe finance minister resigned.\n"
HTML = b"<html><head><title>Talks</title></head><body><article><p>The two leaders met in Paris for talks.</p></article></body></html>"


def read(*paths) -> list:
    return list(read_articles([str(p) for p in paths]))


def keys(items) -> list[str]:
    return [item.key for item in items if isinstance(item, Article)]


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress], ids=["gz", "bz2", "xz"])
def test_archives_compressed_files_read_as_their_contents(tmp_path, compress):
    suffix = {gzip.compress: ".gz", bz2.compress: ".bz2", lzma.compress: ".xz"}[compress]
    for name, data in (("records.jsonl", JSONL), ("vote.txt", TEXT), ("talks.html", HTML)):
        (tmp_path / (name + suffix)).write_bytes(compress(data))
    items = read(tmp_path / f"records.jsonl{suffix}", tmp_path / f"vote.txt{suffix}", tmp_path / f"talks.html{suffix}")
    assert keys(items) == ["story-1", "story-2", "story-3", "vote.txt", "talks.html"]
    vote = items[3]
    assert (vote.title, vote.date, vote.text) == ("Budget vote", "2025-05-02", "The finance minister resigned.")
    assert items[4].text == "The two leaders met in Paris for talks." and items[4].title == "Talks"
    assert items[0].source == f"{tmp_path}/records.jsonl{suffix}:1"


def test_archives_zip_and_tar_members_are_articles_named_by_their_path(tmp_path):
    with zipfile.ZipFile(tmp_path / "dump.zip", "w") as archive:
        archive.writestr("2025/vote.txt", TEXT)
        archive.writestr("2025/records.jsonl.gz", gzip.compress(JSONL))
        archive.writestr("README.pdf", b"%PDF")  # not an input format: passed over
        archive.writestr("inner.zip", b"PK")
    with tarfile.open(tmp_path / "dump.tar.xz", "w:xz") as archive:
        for name, data in (("a/talks.html", HTML), ("a/.hidden.txt", TEXT)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    items = read(tmp_path / "dump.zip", tmp_path / "dump.tar.xz")
    assert keys(items) == ["vote.txt", "story-1", "story-2", "story-3", "talks.html"]
    assert items[0].source == f"{tmp_path}/dump.zip/2025/vote.txt"
    assert [str(e) for e in items if isinstance(e, IngestError)] == [
        f"{tmp_path}/dump.zip/inner.zip: an archive inside an archive is not read; unpack the outer one"]


def test_archives_truncated_gzip_keeps_what_came_before_and_says_why(tmp_path):
    lines = b"".join(json.dumps({"id": f"n{n}", "text": "word " * 200}).encode() + b"\n" for n in range(200))
    data = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = read(tmp_path / "cut.jsonl.gz")
    assert 0 < len(keys(items)) < 200
    assert isinstance(items[-1], IngestError) and "truncated" in items[-1].message
    assert str(items[-1]).startswith(f"{tmp_path}/cut.jsonl.gz: compressed data ends early")


def test_archives_not_really_compressed_is_one_line(tmp_path):
    (tmp_path / "fake.txt.gz").write_bytes(b"plain text, not gzip")
    (tmp_path / "fake.zip").write_bytes(b"not a zip")
    errors = read(tmp_path / "fake.txt.gz", tmp_path / "fake.zip")
    assert [type(e) for e in errors] == [IngestError, IngestError]
    assert "damaged archive or compressed data" in errors[0].message and "damaged" in errors[1].message


def test_archives_decompressed_size_is_capped(tmp_path):
    """A small file that unpacks to far more than max_chars allows is refused, not read into memory."""
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 10_000_000))
    error = read_articles([str(tmp_path / "bomb.txt.gz")], max_chars=1000)
    assert "over the limit of 4,000 bytes" in next(error).message


def test_archives_found_in_folders(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(TEXT))
    (tmp_path / "b.tgz").write_bytes(b"")
    (tmp_path / "c.pdf.gz").write_bytes(b"")
    assert [p.name for p in iter_input_files([tmp_path])] == ["a.txt.gz", "b.tgz"]


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"the shared corpus is not here ({CORPUS})")
def test_archives_the_shared_corpus_reads_as_it_is():
    items = read(CORPUS)
    assert not [item for item in items if isinstance(item, IngestError)]
    assert len(items) == 3955 and items[0].key.startswith("wikinews-") and items[0].date
