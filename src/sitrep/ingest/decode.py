"""Turning file bytes into text, refusing binary content."""

from __future__ import annotations

import codecs
import re

BINARY = "binary content, not text"
_MAX_NON_TEXT = 0.30

# Bytes that never occur in text: C0 controls except \t \n \v \f \r and ESC, plus DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_ASCII_BYTES = bytes(range(128))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Per the WHATWG encoding standard, pages labelled Latin-1 or ASCII are decoded as cp1252.
_AS_CP1252 = {"iso8859-1", "ascii", "cp1252"}


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 30% control bytes."""
    return b"\x00" in data or len(data.translate(None, _TEXT_BYTES)) > _MAX_NON_TEXT * len(data)


def decode_text(data: bytes) -> str | None:
    """Decode text bytes: UTF-8 (BOM allowed), UTF-16 with a BOM, else cp1252 / latin-1
    when the bytes look like text. Returns None for binary content."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if "\x00" in text else text
    if _looks_binary(data):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Legacy 8-bit text is mostly ASCII; count high bytes as suspect too.
    suspect = len(data.translate(None, _TEXT_BYTES)) + len(data.translate(None, _ASCII_BYTES))
    if suspect > _MAX_NON_TEXT * len(data):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_html(data: bytes) -> str | None:
    """Decode HTML bytes, honouring a `<meta charset>` declaration when present."""
    match = _META_CHARSET.search(data[:4096])
    if match and not _looks_binary(data):
        try:
            codec = codecs.lookup(match.group(1).decode("ascii")).name
            if codec in _AS_CP1252:
                return data.decode("cp1252", errors="replace")
            if not codec.startswith("utf"):
                return data.decode(codec, errors="replace")
        except LookupError:  # unknown label, or not a text encoding
            pass
    return decode_text(data)
