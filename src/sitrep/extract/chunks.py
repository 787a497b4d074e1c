"""Long documents in chunks: parse and extract a piece at a time, offsets kept document-wide.

A document longer than `CHUNK_CHARS` is cut at paragraph breaks (else line breaks, sentence
ends, spaces) into pieces of at most that size; each piece is parsed and extracted on its own and
its Doc dropped before the next, so memory stays that of one piece however long the document.
Mentions, facts, places and event ids are moved to document-wide offsets. What a chunk cannot
see is lost: a person named in one chunk and referred to by surname in the next.

`SITREP_CHUNK_CHARS` overrides the chunk size (tests use small chunks to exercise long-document
paths on short texts).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from sitrep.model import Document, Extraction

CHUNK_CHARS = 30_000  # parse memory grows with the piece: about +80 MiB at this size
_CUTS = ("\n\n", "\n", ". ", " ")


def chunk_chars() -> int:
    """The chunk size: `SITREP_CHUNK_CHARS` where set, else `CHUNK_CHARS`."""
    raw = os.environ.get("SITREP_CHUNK_CHARS", "").strip()
    if not raw:
        return CHUNK_CHARS
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 2:
        raise ValueError(f"SITREP_CHUNK_CHARS must be an integer of at least 2, got {raw!r}")
    return value


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering the text, each at most `size` characters."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            floor = start + size // 2
            for sep in _CUTS:
                cut = text.rfind(sep, floor, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        spans.append((start, end))
        start = end
    return spans


def _shift_place(place: Any, offset: int) -> Any:
    if isinstance(place, dict) and "start" in place:
        return {**place, "start": place["start"] + offset, "end": place["end"] + offset}
    return place


def shift(result: Extraction, offset: int, document: Document) -> Extraction:
    """The chunk's extraction, moved to offsets in the whole document."""
    for m in result.mentions:
        m.start += offset
        m.end += offset
    for fact in result.facts:
        fact.start += offset
        fact.end += offset
        if fact.kind == "events":
            data = fact.data
            data["event_loc"] = _shift_place(data.get("event_loc"), offset)
            data["id"] = f"{document.id}-{fact.start}-{str(data.get('id', '')).rsplit('-', 1)[-1]}"
    result.places = [_shift_place(p, offset) for p in result.places]
    return result


def extract_chunks(document: Document, parse: Callable[[str], Any],
                   extract: Callable[[Document, Any], Extraction],
                   size: int | None = None) -> Iterator[Extraction]:
    """Each piece's extraction in turn, at document-wide offsets, parsed with `parse(text)`
    and extracted with `extract(doc, parsed)`; nothing of a piece is kept once it is yielded."""
    for start, end in chunk_spans(document.text, size or chunk_chars()):
        piece = replace(document, text=document.text[start:end])
        part = shift(extract(piece, parse(piece.text)), start, document)
        part.document = document
        yield part
        del part  # not held while the next piece is parsed


def join_parts(document: Document, parts: Iterable[Extraction]) -> Extraction:
    """One `Extraction` holding every part's results (each already at document-wide offsets)."""
    out = Extraction(document=document)
    for part in parts:
        out.mentions.extend(part.mentions)
        out.facts.extend(part.facts)
        out.places.extend(part.places)
    return out


def extract_chunked(document: Document, parse: Callable[[str], Any],
                    extract: Callable[[Document, Any], Extraction],
                    size: int | None = None) -> Extraction:
    """Extract a long document piece by piece, every piece's results held in one `Extraction`
    (for a database, `sitrep.extract.spool` keeps only one piece's in memory)."""
    return join_parts(document, extract_chunks(document, parse, extract, size))
