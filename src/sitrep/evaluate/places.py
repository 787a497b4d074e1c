"""Score the places of `sitrep extract` against geoparsing corpora in XML.

Two layouts are read:

- LGL / TR-News: ``<article docid=..><text>..</text><toponyms><toponym><start/><end/>
  <gaztag geonameid=".."><name/><lat/><lon/><country/></gaztag></toponym>..``; a toponym
  without a gaztag, or a gaztag without coordinates, is not scored.
- GeoWebNews: ``<toponym><extractedName/><type/><nonLocational/><start/><end/>
  <geonamesID/><latitude/><longitude/></toponym>``; only toponyms with coordinates and
  ``nonLocational`` No are scored.

Measures, per corpus: recall (gold toponyms overlapped by a predicted place span), precision
(predicted places that overlap a scored gold toponym; a prediction overlapping only an
unscored annotation counts neither way), and, of the matched gold toponyms, country
accuracy (the predicted ISO3 equals the gold country: the corpus's own, else the country of
the gold geonames id, else of the gazetteer place nearest the gold point; a continent's id,
or a gold point at a continent's centre or far from every town, matches a prediction of no
country), accuracy within 161 km (100 miles) and the mean and
median error in km (matches with predicted coordinates).

The held-out discipline holds here too: each corpus's articles fall into a development part and
a test part by a salted SHA-256 of the corpus file name and article id (`part_of_article`);
rules are tuned on the development part only, and each report carries both parts.
"""

from __future__ import annotations

import hashlib
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ACCURACY_KM = 161.0
CONTINENT_KM = 1.0  # a gold point this close to a continent's centre point is the continent


@dataclass(frozen=True)
class Toponym:
    """One gold toponym: its span, the point it stands for, its country (ISO3) if known."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None = None
    geonameid: int | None = None
    scored: bool = True


@dataclass
class Article:
    docid: str
    text: str
    toponyms: list[Toponym]


@dataclass
class PlacesReport:
    """Counts and errors of one corpus."""

    name: str
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold overlapped by a prediction
    correct: int = 0  # predictions overlapping a scored gold toponym
    country_right: int = 0
    within: int = 0
    errors: list[float] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (docid, gold name)
    parts: dict[str, PlacesReport] = field(default_factory=dict)  # "dev" / "test" reports

    def to_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "corpus": self.name, "articles": self.articles, "gold": self.gold,
            "predicted": self.predicted, "recall": ratio(self.found, self.gold),
            "precision": ratio(self.correct, self.predicted),
            "country_accuracy": ratio(self.country_right, self.found),
            "accuracy_161km": ratio(self.within, self.found),
            "mean_error_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "median_error_km": round(statistics.median(self.errors), 1) if self.errors else None,
        }


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def _child(el: ET.Element, tag: str) -> str | None:
    found = el.find(tag)
    return found.text.strip() if found is not None and found.text else None


def _toponym(el: ET.Element) -> Toponym | None:
    start, end = _int(_child(el, "start")), _int(_child(el, "end"))
    if start is None or end is None:
        return None
    gaz = el.find("gaztag")
    if gaz is not None or el.find("phrase") is not None:  # LGL / TR-News
        if gaz is None:
            return Toponym(start, end, _child(el, "phrase") or "", None, None, scored=False)
        lat, lon = _float(_child(gaz, "lat")), _float(_child(gaz, "lon"))
        return Toponym(start, end, _child(el, "phrase") or _child(gaz, "name") or "", lat, lon,
                       country=_child(gaz, "country"), geonameid=_int(gaz.get("geonameid")),
                       scored=lat is not None and lon is not None)
    lat, lon = _float(_child(el, "latitude")), _float(_child(el, "longitude"))
    locational = (_child(el, "nonLocational") or "No") == "No"
    return Toponym(start, end, _child(el, "extractedName") or "", lat, lon,
                   geonameid=_int(_child(el, "geonamesID")),
                   scored=locational and lat is not None and lon is not None)


def read_corpus(path: Path) -> list[Article]:
    """The articles of an LGL, TR-News or GeoWebNews XML file."""
    root = ET.parse(path).getroot()  # noqa: S314 - corpus files we are given to score
    out = []
    for i, art in enumerate(root.iter("article")):
        raw = art.find("text")
        text = raw.text if raw is not None and raw.text else ""
        tops = art.find("toponyms")
        found = [t for t in (_toponym(e) for e in (tops if tops is not None else ()))
                 if t is not None]
        out.append(Article(art.get("docid") or art.get("file") or str(i), text, found))
    return out


def gold_country(top: Toponym) -> str | None:
    """ISO3 of a gold toponym: its own country, else of its geonames id, else of the nearest
    place; "" for a continent (it matches a prediction of no country)."""
    from sitrep.place_index import country_of_id, load_index, nearest_country
    from sitrep.where import country_iso3

    if top.country:
        code = country_iso3(top.country)
        if code:
            return code
    if top.geonameid is not None:
        code = country_of_id(top.geonameid)
        if code is not None:
            return code
    if top.lat is not None and top.lon is not None:
        if any(c.lat is not None and _km((c.lat, c.lon), (top.lat, top.lon)) < CONTINENT_KM
               for c in load_index().continents.values()):
            return ""  # the continent's own centre point: a continent, of no country
        return nearest_country(top.lat, top.lon) or ""  # no town within 3°: the open sea
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from sitrep.place_index import distance_km

    return distance_km(a[0], a[1], b[0], b[1])


def score_article(report: PlacesReport, article: Article, places: list[dict[str, Any]]) -> None:
    """Add one article's gold toponyms and predicted place records to the report."""
    report.articles += 1
    scored = [t for t in article.toponyms if t.scored]
    unscored = [t for t in article.toponyms if not t.scored]

    def overlaps(p: dict[str, Any], t: Toponym) -> bool:
        return p["start"] < t.end and t.start < p["end"]

    for p in places:
        if any(overlaps(p, t) for t in scored):
            report.predicted += 1
            report.correct += 1
        elif not any(overlaps(p, t) for t in unscored):
            report.predicted += 1
    for t in scored:
        report.gold += 1
        hits = [p for p in places if overlaps(p, t)]
        if not hits:
            report.misses.append((article.docid, t.name))
            continue
        report.found += 1
        p = max(hits, key=lambda p: min(p["end"], t.end) - max(p["start"], t.start))
        gold = gold_country(t)
        if gold is not None and (p.get("country") or "") == gold:
            report.country_right += 1
        if p.get("lat") is not None and p.get("lon") is not None:
            err = _km((p["lat"], p["lon"]), (t.lat, t.lon))
            report.errors.append(err)
            if err <= ACCURACY_KM:
                report.within += 1


Predictor = Callable[[Iterable[Article]], Iterable[list[dict[str, Any]]]]


def sitrep_places(articles: Iterable[Article]) -> Iterable[list[dict[str, Any]]]:
    """The `places` of each article's text: parsed, its mentions found, `places_for`."""
    from sitrep.actors.gazetteer import load_gazetteer
    from sitrep.extract.context import Context
    from sitrep.extract.persons import resolve_persons
    from sitrep.model import Document
    from sitrep.nlp.mentions import doc_mentions
    from sitrep.nlp.pipeline import load_nlp
    from sitrep.where import places_for

    nlp, gaz = load_nlp(), load_gazetteer()
    pairs = ((a.text, a) for a in articles)
    for doc, art in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        document = Document(id=art.docid, text=art.text, hash=art.docid)
        ctx = Context(document=document, doc=doc, gaz=gaz, mentions=doc_mentions(doc, gaz))
        ctx.persons = resolve_persons(ctx)
        yield places_for(ctx)


def part_of_article(corpus: str, docid: str) -> str:
    """"test" for a held-out article of a geoparsing corpus (odd salted hash), else "dev"."""
    digest = hashlib.sha256(f"sitrep held-out places:{corpus}:{docid}".encode()).digest()
    return "test" if digest[-1] % 2 else "dev"


def run(paths: Iterable[Path], predict: Predictor = sitrep_places) -> list[PlacesReport]:
    """One report per corpus file, each with its development and test parts."""
    reports = []
    for path in paths:
        articles = read_corpus(path)
        report = PlacesReport(path.name)
        report.parts = {part: PlacesReport(f"{path.name} {part}") for part in ("dev", "test")}
        for article, places in zip(articles, predict(articles), strict=True):
            score_article(report, article, places)
            score_article(report.parts[part_of_article(path.name, article.docid)], article, places)
        reports.append(report)
    return reports
