"""Reading input paths (files, directories, stdin) into Documents or IngestErrors.

Each format reader takes the raw bytes of one input and yields results; `read_inputs`
dispatches on the file extension. Errors are yielded, never raised.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitrep.ingest.decode import BINARY, decode_html, decode_text
from sitrep.ingest.files import one_line, read_bytes, too_large, walk
from sitrep.ingest.html import HTMLError, extract_html
from sitrep.ingest.limits import DEFAULT_LIMITS, Limits
from sitrep.ingest.normalize import make_document, normalize_date
from sitrep.model import Document, IngestError

Result = Document | IngestError
META_KEYS = ("id", "url", "title", "published", "publisher")
EMPTY = "empty document"
TOO_DEEP = "invalid JSON: nested too deeply"


@dataclass(frozen=True)
class _Input:
    """One input being read: where from, its default id and the fallbacks that apply."""

    source: str
    limits: Limits
    published: str | None = None
    default_id: str | None = None
    meta: Mapping[str, str | None] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers


def _metadata(record: Mapping[str, object]) -> dict[str, str | None]:
    """The known metadata fields of a record, as strings (non-scalars dropped)."""
    out: dict[str, str | None] = {}
    for key in META_KEYS:
        value = record.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            out[key] = str(value)
    return out


def _document(text: str, fields: Mapping[str, str | None], src: _Input, source: str) -> Result:
    """Build the Document for extracted `text`, or the error that prevents it."""
    if len(text) > src.limits.max_chars:
        return IngestError(source, f"too long: {len(text)} chars > limit {src.limits.max_chars}")
    fields = {**fields, **{k: v for k, v in src.meta.items() if v is not None}}
    doc = make_document(
        text,
        id=fields.get("id") or src.default_id,
        title=fields.get("title"),
        url=fields.get("url"),
        published=fields.get("published"),
        publisher=fields.get("publisher"),
        source=source,
    )
    if not doc.text:
        return IngestError(source, EMPTY)
    if doc.published is None and src.published:
        doc = replace(doc, published=normalize_date(src.published))
    return doc


def _decoded(data: bytes, src: _Input) -> str | IngestError:
    """The decoded text of a record file, or the error for binary or blank content."""
    text = decode_text(data)
    if text is None:
        return IngestError(src.source, BINARY)
    return text if text.strip() else IngestError(src.source, EMPTY)


# ---------------------------------------------------------------- format readers


def read_text(data: bytes, src: _Input) -> Iterator[Result]:
    """A plain text or Markdown file: one document."""
    text = decode_text(data)
    yield IngestError(src.source, BINARY) if text is None else _document(text, {}, src, src.source)


def read_html(data: bytes, src: _Input) -> Iterator[Result]:
    """An HTML page: main text and title/url/date/site name via trafilatura."""
    html = decode_html(data)
    if html is None:
        yield IngestError(src.source, BINARY)
        return
    if not html.strip():
        yield IngestError(src.source, EMPTY)
        return
    try:
        text, meta = extract_html(html)
    except HTMLError as exc:
        yield IngestError(src.source, one_line(str(exc)))
        return
    yield _document(text, meta, src, src.source)


def _records(items: Iterable[tuple[str, object]], src: _Input) -> Iterator[Result]:
    """Documents from (source, JSON value) pairs; each value must be an object with `text`."""
    for source, record in items:
        if not isinstance(record, dict):
            yield IngestError(source, "record is not a JSON object")
        elif not isinstance(record.get("text"), str):
            yield IngestError(source, "missing or non-string 'text'")
        else:
            yield _document(record["text"], _metadata(record), src, source)


def read_jsonl(data: bytes, src: _Input) -> Iterator[Result]:
    """JSON Lines: one object per line; a bad line is an error for `path:LINE` only."""
    text = _decoded(data, src)
    if isinstance(text, IngestError):
        yield text
        return
    listed = replace(src, default_id=None)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{src.source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(source, one_line(f"invalid JSON: {exc}"))
            continue
        except RecursionError:
            yield IngestError(source, TOO_DEEP)
            continue
        yield from _records([(source, record)], listed)


def read_json(data: bytes, src: _Input) -> Iterator[Result]:
    """A JSON object (one document, id defaults to the file stem) or a list of objects
    (sources `path:N`, N counting from 1)."""
    text = _decoded(data, src)
    if isinstance(text, IngestError):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(src.source, one_line(f"invalid JSON: {exc}"))
        return
    except RecursionError:
        yield IngestError(src.source, TOO_DEEP)
        return
    if isinstance(value, list):
        listed = replace(src, default_id=None)
        yield from _records(((f"{src.source}:{i}", v) for i, v in enumerate(value, 1)), listed)
    else:
        yield from _records([(src.source, value)], src)


def read_csv(data: bytes, src: _Input) -> Iterator[Result]:
    """CSV with a header and a `text` column: one document per row, source `path:ROW`
    where ROW counts the header as row 1 (as a spreadsheet shows it)."""
    text = _decoded(data, src)
    if isinstance(text, IngestError):
        yield text
        return
    # Article text easily exceeds the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), min(src.limits.max_chars, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if "text" not in header:
            yield IngestError(src.source, "CSV has no 'text' column")
            return
        listed = replace(src, default_id=None)
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            record = {k: v for k, v in zip(header, row, strict=False) if v.strip() or k == "text"}
            yield from _records([(f"{src.source}:{row_number}", record)], listed)
    except csv.Error as exc:
        yield IngestError(src.source, one_line(f"invalid CSV: {exc}"))


Reader = Callable[[bytes, _Input], Iterator[Result]]
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}
_SINGLE_DOCUMENT = {read_text, read_html}


# ---------------------------------------------------------------- dispatch


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def _sibling_meta(path: str, limits: Limits) -> dict[str, str | None] | IngestError:
    """Metadata from `NAME.meta.json` next to `path`; empty if there is none."""
    meta_path = str(Path(path).with_suffix(".meta.json"))
    if not os.path.exists(meta_path):
        return {}
    data = read_bytes(meta_path, limits)
    if isinstance(data, IngestError):
        return data
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return IngestError(meta_path, one_line(f"invalid JSON: {exc}"))
    if not isinstance(value, dict):
        return IngestError(meta_path, "metadata is not a JSON object")
    return _metadata(value)


def _guarded(source: str, results: Iterator[Result]) -> Iterator[Result]:
    """Turn an unexpected exception while reading `source` into one IngestError."""
    try:
        yield from results
    except Exception as exc:  # a reader bug must not stop the other inputs
        yield IngestError(source, one_line(f"unexpected error: {type(exc).__name__}: {exc}"))


def _read_file(
    path: str, reader: Reader, published: str | None, limits: Limits
) -> Iterator[Result]:
    data = read_bytes(path, limits)
    if isinstance(data, IngestError):
        yield data
        return
    meta: Mapping[str, str | None] = {}
    if reader in _SINGLE_DOCUMENT:
        found = _sibling_meta(path, limits)
        if isinstance(found, IngestError):
            yield found  # report the bad metadata, still read the document
        else:
            meta = found
    yield from reader(data, _Input(path, limits, published, default_id=Path(path).stem, meta=meta))


def _read_stdin(published: str | None, limits: Limits) -> Iterator[Result]:
    """Standard input as text (or HTML when it starts like an HTML page); id is the hash."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limits.max_bytes + 1) if stream else sys.stdin.read().encode("utf-8")
    if len(data) > limits.max_bytes:
        yield too_large("-", limits.max_bytes)
        return
    head = data[:64].lstrip().lower()
    reader = read_html if head.startswith((b"<!doctype html", b"<html")) else read_text
    yield from reader(data, _Input("-", limits, published))


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Result]:
    """Documents and errors from files, directories (recursive) and `-` (stdin).

    `published` is the date given to documents that carry none of their own.
    Files named directly must have a known extension; in directories others are skipped.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield from _guarded(path, _read_stdin(published, limits))
        elif os.path.isdir(path):
            for item in walk(path, READERS):
                if isinstance(item, IngestError):
                    yield item
                else:
                    reader = READERS[_suffix(item)]
                    yield from _guarded(item, _read_file(item, reader, published, limits))
        elif not os.path.lexists(path):
            yield IngestError(path, "no such file or directory")
        elif _suffix(path) not in READERS:
            yield IngestError(path, "unsupported file type")
        else:
            reader = READERS[_suffix(path)]
            yield from _guarded(path, _read_file(path, reader, published, limits))
