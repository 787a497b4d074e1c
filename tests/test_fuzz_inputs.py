"""Hostile and malformed files through every reader: each yields documents or a clear one-line
error per input, never an exception, a hang or unbounded memory."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from fuzzing import FUZZ, hostile_bytes, nested_html, zip_bomb
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest import Limits, normalize_text, read_inputs
from sitrep.ingest.readers import READERS
from sitrep.model import Document, IngestError

SUFFIXES = sorted(READERS) + [".zip", ".gz", ".txt.gz", ".tar", ".bin"]
SMALL = Limits(max_bytes=1_000_000, max_chars=200_000)
READERS_FUZZ = settings(FUZZ, max_examples=FUZZ.max_examples * 4)  # readers are fast


def check(results: list, limits: Limits = SMALL) -> None:
    """Documents are normalized, non-empty, within the limits and hashed by their text;
    errors name their input and give a reason on one line."""
    for item in results:
        if isinstance(item, IngestError):
            assert item.source and item.reason and "\n" not in item.reason
            assert len(item.reason) <= 300
        else:
            assert isinstance(item, Document)
            assert item.text and normalize_text(item.text) == item.text
            assert len(item.text) <= limits.max_chars
            assert item.hash == hashlib.sha256(item.text.encode()).hexdigest()


def read_as(data: bytes, suffix: str, limits: Limits = SMALL) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        named = list(read_inputs([str(path)], limits=limits))
        walked = list(read_inputs([folder], limits=limits))  # the directory walk too
    check(named, limits)
    check(walked, limits)
    assert len(named) >= 1  # every input named directly is a document or an error
    return named


@READERS_FUZZ
@given(data=hostile_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_extension(data: bytes, suffix: str) -> None:
    read_as(data, suffix)


@READERS_FUZZ
@given(data=st.binary(max_size=4_000))
def test_random_bytes_as_text_html_and_json(data: bytes) -> None:
    for suffix in (".txt", ".html", ".json", ".jsonl", ".csv"):
        read_as(data, suffix)


@pytest.mark.parametrize("name", ["bomb.zip", "bomb.gz", "bomb.txt.gz", "bomb.txt", "bomb.html",
                                  "bomb.json", "bomb.csv"])
def test_zip_bomb_by_extension_is_never_inflated(name: str) -> None:
    (error,) = read_as(zip_bomb(), Path(name).suffix if name != "bomb.txt.gz" else ".txt.gz")
    expected = "unsupported file type" if name.endswith((".zip", ".gz")) else "binary content"
    assert isinstance(error, IngestError) and error.reason.startswith(expected)


def test_ten_thousand_quotation_marks_in_every_format() -> None:
    marks = '"' * 10_000
    assert read_as(marks.encode(), ".txt")[0].text == marks
    assert read_as(f"<p>{marks}</p>".encode(), ".html")[0].text == marks
    assert read_as(json.dumps({"text": marks}).encode(), ".json")[0].text == marks
    assert read_as(("text\n" + '"' * 10_001).encode(), ".csv")  # a broken quoted cell


def test_deeply_nested_html_and_json_are_per_document_errors_or_text() -> None:
    for tag in ("div", "b", "table"):
        (item,) = read_as(nested_html(100_000, tag), ".html")
        assert isinstance(item, Document | IngestError)
    (error,) = read_as(b"[" * 100_000 + b"]" * 100_000, ".json")
    assert error.reason == "invalid JSON: nested too deeply"
    lines = read_as(b'{"text": "first"}\n' + b"[" * 100_000 + b'\n{"text": "last"}\n', ".jsonl")
    assert [getattr(r, "text", None) for r in lines] == ["first", None, "last"]  # one bad line


def test_invalid_utf8_control_characters_and_rtl_text() -> None:
    (doc,) = read_as(b"Canada \xff\xfe sent \xc3\x28 troops", ".txt")
    assert doc.text.startswith("Canada ") and doc.text.endswith(" troops")
    (doc,) = read_as(b"Canada\x07 sent\x08 troops\x0b.", ".txt")
    assert doc.text == "Canada sent troops."
    rtl = "\u202eكندا أرسلت 200 جندي\u202c שלום"
    (doc,) = read_as(rtl.encode(), ".txt")
    assert doc.text == rtl
    (error,) = read_as(bytes(range(32)) * 10, ".txt")
    assert error.reason == "binary content, not text"


def test_huge_line_and_file_hit_the_configured_limits() -> None:
    (error,) = read_as(b"a" * 300_000, ".txt")
    assert error.reason == f"too long: 300000 chars > limit {SMALL.max_chars}"
    (error,) = read_as(b"a" * 1_100_000, ".txt")
    assert error.reason.startswith("too large: 1100000 bytes > limit 1000000")


def test_batch_of_hostile_files_reports_each_and_keeps_the_good_one(tmp_path: Path) -> None:
    files = {"good.txt": b"Canada will deploy 200 troops to Iraq, the minister said.",
             "quotes.txt": b'"' * 10_000, "random.txt": bytes(range(256)) * 8,
             "bomb.txt": zip_bomb(), "deep.html": nested_html(50_000),
             "deep.json": b"[" * 50_000, "badutf.md": b"\xff\xfe\xfd" * 100}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "bomb.zip").write_bytes(zip_bomb())  # skipped in a directory walk
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert "good" in ids and "quotes" in ids
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert {Path(e.split()[1].rstrip(":")).name for e in errors} >= {"random.txt", "bomb.txt",
                                                                     "deep.json"}
