"""Resolve date expressions against a document's published date.

Returns `YYYY-MM-DD`, `YYYY-MM` or `YYYY` at the precision the text gives, or None when the
expression cannot be resolved (relative dates without a published date are never guessed).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b"), "iso"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), "dmy"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), "mdy"),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"), "my"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"), "dm"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d{{4}})"), "md"),
    (re.compile(r"\b(?:in|since|during|of|by|from|until)\s+(?:early\s+|late\s+|mid-?)?(\d{4})\b"),
     "y"),
    (re.compile(r"^(\d{4})$"), "y"),
]


def parse_published(value: str | None) -> date | None:
    """The published date as a `date`, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1000 <= y <= 2999:  # "0830 GMT" is a time of day, not a year
        return None
    try:
        if d is not None and m is not None:
            return date(y, m, d).isoformat()
    except ValueError:
        return None
    if m is not None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    return f"{y:04d}"


def _absolute(text: str, pub: date | None) -> str | None:
    low = text.lower()
    for pattern, form in _PATTERNS:
        m = pattern.search(low)
        if not m:
            continue
        g = m.groups()
        if form == "iso":
            return _fmt(int(g[0]), int(g[1]), int(g[2]))
        if form == "dmy":
            return _fmt(int(g[2]), MONTHS[g[1]], int(g[0]))
        if form == "mdy":
            return _fmt(int(g[2]), MONTHS[g[0]], int(g[1]))
        if form == "my":
            return _fmt(int(g[1]), MONTHS[g[0]])
        if form in ("dm", "md"):
            if pub is None:
                return None
            day, month = (int(g[0]), MONTHS[g[1]]) if form == "dm" else (int(g[1]), MONTHS[g[0]])
            return _fmt(pub.year, month, day)
        if form == "y":
            return _fmt(int(g[0]))
    return None


def _relative(low: str, pub: date) -> str | None:
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight)\b", low):
        return pub.isoformat()
    if re.search(r"\byesterday\b", low):
        return (pub - timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", low):
        return (pub + timedelta(days=1)).isoformat()
    for i, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", low):
            back = (pub.weekday() - i) % 7
            forward = re.search(rf"\b(next|this coming|coming)\s+{day}\b", low)
            if forward:
                return (pub + timedelta(days=(i - pub.weekday()) % 7 or 7)).isoformat()
            return (pub - timedelta(days=back)).isoformat()
    m = re.search(rf"\b{_MONTH}\s+(last|this|next) year\b", low)
    if m:  # "in July last year"
        shift = {"last": -1, "this": 0, "next": 1}[m.group(2)]
        return _fmt(pub.year + shift, MONTHS[m.group(1)])
    if re.search(r"\b(earlier|later) this year\b|\bthis year\b", low):
        return f"{pub.year:04d}"
    if re.search(r"\blast year\b", low):
        return f"{pub.year - 1:04d}"
    if re.search(r"\bnext year\b", low):
        return f"{pub.year + 1:04d}"
    if re.search(r"\b(earlier |later )?this month\b", low):
        return f"{pub.year:04d}-{pub.month:02d}"
    if re.search(r"\blast month\b", low):
        prev = pub.replace(day=1) - timedelta(days=1)
        return f"{prev.year:04d}-{prev.month:02d}"
    if re.search(r"\b(last|this) week\b", low):
        start = pub - timedelta(days=pub.weekday() + (7 if "last" in low else 0))
        end = start + timedelta(days=6)
        if start.month == end.month:
            return f"{start.year:04d}-{start.month:02d}"
        return None
    m = re.search(rf"\b(?:in|last|this|next)\s+{_MONTH}\b", low)
    if m:
        month = MONTHS[m.group(1)]
        year = pub.year - 1 if "last" in m.group(0) and month >= pub.month else pub.year
        return _fmt(year, month)
    m = re.fullmatch(rf"(?:(?:early|mid|late|the (?:start|beginning|middle|end) of)[\s-]+)?"
                     rf"{_MONTH}", low.strip())
    if m:  # a month named alone ("March", "mid-March"): as "in March"
        return _fmt(pub.year, MONTHS[m.group(1)])
    return None


def resolve_date(text: str, published: str | None) -> str | None:
    """Resolve one date expression ("today", "In February 2016", "last week") or None."""
    pub = parse_published(published)
    found = _absolute(text, pub)
    if found:
        return found
    return _relative(text.lower(), pub) if pub else None
