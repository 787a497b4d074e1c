"""Text normalization, content hashing and `Document` construction."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from sitrep.model import Document

# C0 controls except \t and \n (\r is handled first), DEL, and BOM / zero-width no-break space.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")
_LINE_BREAKS = re.compile("\r\n?|[\u0085\u2028\u2029]")
_EXTRA_BLANK_LINES = re.compile(r"\n{4,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalize_text(text: str) -> str:
    """Canonical form of `text`: NFC, LF line ends, no control chars or trailing spaces,
    at most two consecutive blank lines, stripped."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _EXTRA_BLANK_LINES.sub("\n\n\n", text)
    return text.strip()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """SHA-256 hex digest of the normalized text."""
    return _sha256(normalize_text(text))


def normalize_date(value: object) -> str | None:
    """`YYYY-MM-DD` for a date, datetime or ISO date/datetime string; None if unparsable."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def has_nul(value: object) -> bool:
    """Whether a string, or any string inside a list or dict, holds a NUL character
    (PostgreSQL text and JSON cannot store one; sitrep's stored text never has one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    return False


def _clean(value: str | None, *, one_line: bool = False) -> str | None:
    """A metadata string trimmed, without control characters (one line if asked)."""
    if value is None:
        return None
    value = _CONTROL.sub("", value)
    value = " ".join(value.split()) if one_line else value.strip()
    return value or None


def make_document(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    source: str | None = None,
) -> Document:
    """Build a `Document` from raw text; `id` defaults to the hash, `published` is
    reduced to `YYYY-MM-DD` (None if unparsable). Metadata strings are trimmed."""
    normalized = normalize_text(text)
    digest = _sha256(normalized)
    return Document(
        id=_clean(id) or digest,
        text=normalized,
        hash=digest,
        title=_clean(title, one_line=True),
        url=_clean(url),
        published=normalize_date(published),
        publisher=_clean(publisher, one_line=True),
        source=source,
    )
