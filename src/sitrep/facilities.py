"""Named facilities and features that no gazetteer lists, placed by the places around them.

A street, building, stadium, hospital, airport or natural feature ("Atlantic Avenue", "the
Rogers Centre", "Karl Bremer Hospital", "the Pilanesburg Mountains") is a place a reader can
locate although the gazetteer of towns and regions does not hold it: the text places it, by
naming the town or region it belongs to nearby. A name is a facility here when its last word
(or, for "Hotel X", its first) is a word for a built or natural feature. ``locate`` gives it
the reading of the nearest town or region the document names, in the same paragraph when
there is one, else anywhere before or after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

FACILITY_WORDS = frozenset((
    # built
    "street", "avenue", "road", "drive", "lane", "boulevard", "square", "plaza", "cathedral",
    "church", "mosque", "temple", "shrine", "centre", "center", "stadium", "arena", "park",
    "hall", "hospital", "clinic", "theatre", "theater", "airport", "airfield", "station",
    "bridge", "hotel", "museum", "complex", "courthouse", "prison", "jail", "barracks",
    "market", "mall", "palace", "racecourse", "circuit", "embassy", "consulate", "tower",
    "building", "cemetery", "harbour", "harbor", "port", "dam", "canal", "motorway",
    "highway", "roundabout", "junction", "pier", "quay", "base",
    # natural
    "river", "delta", "valley", "mountains", "mountain", "hills", "island", "islands", "point",
    "cape", "lake", "bay", "beach", "forest", "desert", "reservoir", "peninsula", "gorge"))
LEADING_FACILITY_WORDS = frozenset(("hotel", "mount", "lake", "cape", "fort", "camp"))
FACILITY_LABELS = frozenset(("FAC", "ORG", "PERSON", "LOC", "GPE"))
PLACE_KINDS = frozenset(("city", "region"))


@dataclass(frozen=True)
class Facility:
    """A facility's name and character offsets."""

    text: str
    start: int
    end: int


def is_facility_name(words: Sequence[str]) -> bool:
    """Whether a capitalised name's words end (or, "Hotel Kyjev", open) with a feature word."""
    if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    return words[-1].lower() in FACILITY_WORDS or words[0].lower() in LEADING_FACILITY_WORDS


def facilities(doc: Any) -> list[Facility]:
    """The facility names among a parse's entities (no gazetteer actor among them)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in FACILITY_LABELS or ent.ent_id_:
            continue
        toks = [t for t in ent if not (t.i == ent.start and t.pos_ == "DET")]
        while toks and not toks[-1].is_alpha:
            toks.pop()  # "the Rogers Centre's"
        if toks and is_facility_name([t.text for t in toks]):
            out.append(Facility(doc[toks[0].i:toks[-1].i + 1].text, toks[0].idx,
                                toks[-1].idx + len(toks[-1].text)))
    return out


def locate(found: Iterable[Facility], records: list[dict[str, Any]], text: str
           ) -> list[dict[str, Any]]:
    """Records for the facilities that overlap no record, each at the nearest town or region
    record of the document (the same paragraph first)."""
    places = [r for r in records if r.get("kind") in PLACE_KINDS and r.get("lat") is not None]
    out: list[dict[str, Any]] = []
    for fac in found:
        if any(r["start"] < fac.end and fac.start < r["end"] for r in (*records, *out)):
            continue
        para = (text.rfind("\n\n", 0, fac.start) + 1, _find(text, "\n\n", fac.end))
        near = [r for r in places if para[0] <= r["start"] < para[1]] or places
        if not near:
            continue
        best = min(near, key=lambda r: min(abs(r["start"] - fac.end), abs(fac.start - r["end"])))
        out.append({"name": fac.text, "text": fac.text, "start": fac.start, "end": fac.end,
                    "country": best["country"], "lat": best["lat"], "lon": best["lon"],
                    "geonameid": None, "kind": "facility", "score": 0.4,
                    "within": best["name"]})
    return out


def _find(text: str, sub: str, start: int) -> int:
    at = text.find(sub, start)
    return len(text) if at < 0 else at
