"""Stable names for facts and small date helpers shared by the consolidation steps.

A fact's content key is (document hash, kind, identity): the identity is built from the fields
that say *which* fact it is (a deployment's country, unit and count; a quote's speaker and first
words), not from its pk, offsets or confidence, so it is the same after re-extraction.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import cache
from typing import Any

from sitrep.actors.people import name_key

_WORD = re.compile(r"\w+")


def _low(value: Any) -> str:
    return str(value).strip().lower() if value not in (None, "") else ""


def _words(text: Any, n: int) -> str:
    return " ".join(_WORD.findall(str(text or "").lower())[:n])


def _codes(items: Any) -> str:
    return ",".join(sorted(str(i.get("code") or i.get("entity_text") or "") if isinstance(i, dict)
                           else str(i) for i in (items or [])))


@cache
def surname(name: str | None) -> str:
    """The last word of a name, as `name_key` spells it ("al-Abadi" -> "abadi")."""
    words = name_key(name or "").split()
    return words[-1] if words else ""


def fact_identity(kind: str, data: dict[str, Any]) -> str:
    """The fields that name one fact of a kind, joined; stable across extractor versions."""
    d = data
    if kind == "persons":
        return surname(d.get("name")) + "|" + _low(d.get("country"))
    if kind == "organizations":
        return _low(d.get("code") or d.get("name"))
    if kind == "operations":
        return _low(d.get("name"))
    if kind == "meetings":
        return f"{_low(d.get('date'))}|{_low(d.get('city') or d.get('country'))}"
    if kind == "memberships":
        return _low(d.get("group"))
    if kind == "group_sizes":
        return f"{_low(d.get('group'))}|{d.get('count')}"
    if kind == "deployments":
        return f"{_low(d.get('country'))}|{_low(d.get('unit'))}|{d.get('count')}"
    if kind == "commitments":
        return f"{_low(d.get('actor'))}|{_words(d.get('what'), 4)}"
    if kind == "quotes":
        return f"{surname(d.get('speaker'))}|{_words(d.get('text') or d.get('starts_with'), 4)}"
    if kind == "attacks":
        return f"{_low(d.get('location_country'))}|{_low(d.get('city'))}|{_low(d.get('date'))}"
    if kind == "events":
        return (f"{_low(d.get('event'))}|{_codes(d.get('actor'))}|{_codes(d.get('recipient'))}"
                f"|{_low(d.get('date'))}")
    return json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)


def fact_id(doc_hash: str, kind: str, identity: str) -> str:
    """A short id for a fact's content key, shown to analysts (`sitrep review`)."""
    return hashlib.sha1(f"{doc_hash}\x1f{kind}\x1f{identity}".encode()).hexdigest()[:12]


# ---- dates: "YYYY", "YYYY-MM" or "YYYY-MM-DD" -----------------------------------------------

def to_date(value: str | None) -> date | None:
    """A full date, or None for partial or missing ones."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def dates_agree(a: str | None, b: str | None, days: int = 0) -> bool:
    """Both dates given and the less precise is a prefix of the other, or full dates at most
    `days` apart."""
    if not a or not b:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = to_date(a), to_date(b)
    return da is not None and db is not None and abs((da - db).days) <= days


def fact_date(as_of: str | None, published: str | None) -> str | None:
    """When a stated figure held: its own date unless that lies after the document (a plan,
    "until March 2019"); then the document's published date."""
    if as_of and (not published or as_of[: len(published)] <= published):
        return as_of
    return published or as_of


def noisy_or(confidences: list[float]) -> float:
    """Confidence of a fact several independent sources state: 1 - prod(1 - c)."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - max(0.0, min(1.0, c))
    return round(1.0 - miss, 3)
