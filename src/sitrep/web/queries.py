"""The web pages' database reads: one query (or a fixed few) per page, paged with LIMIT/OFFSET.

Whole-store reads (home counts, map, filter choices, a filter's total) are kept in memory
while the store is unchanged (web/cache.py); callers must not modify what they return."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, func, literal_column, or_, select

from sitrep.picture.corrections import Correction, apply_fact_corrections
from sitrep.picture.facts import RawFact
from sitrep.store import schema
from sitrep.store.db import counts
from sitrep.web.cache import cached

D, F, M, C = schema.documents, schema.facts, schema.mentions, schema.corrections
SORTS = {"date": F.c.date, "confidence": F.c.confidence, "country": F.c.country,
         "published": D.c.published, "pk": F.c.pk}
SEARCH_FEW = 1000  # SQLite search: up to this many matches are read by rowid and sorted
FACT_COLUMNS = (F.c.pk, F.c.doc_hash, D.c.id, D.c.published, D.c.title, F.c.kind, F.c.data,
                F.c.evidence, F.c.start, F.c.end, F.c.confidence, F.c.country, F.c.date)


def home(engine: Engine, latest: int = 10) -> dict[str, Any]:
    """Counts, latest documents, and the groups and operations the documents mention."""
    return cached(engine, ("home", latest), lambda: _home(engine, latest))


def _home(engine: Engine, latest: int) -> dict[str, Any]:
    doc_count = func.count(func.distinct(M.c.doc_hash))
    with engine.connect() as conn:
        docs = conn.execute(
            select(D.c.hash, D.c.id, D.c.title, D.c.published, D.c.publisher)
            .order_by(D.c.published.desc().nulls_last(), D.c.id).limit(latest)).all()
        groups = conn.execute(
            select(M.c.code, func.min(M.c.canonical), M.c.kind, doc_count)
            .where(M.c.kind.in_(("coalition", "igo", "armed_group")), M.c.code.is_not(None))
            .group_by(M.c.code, M.c.kind).order_by(doc_count.desc(), M.c.code).limit(30)).all()
        ops = conn.execute(
            select(M.c.canonical, func.min(M.c.code), doc_count)
            .where(M.c.type == "OPERATION", M.c.canonical.is_not(None))
            .group_by(M.c.canonical).order_by(doc_count.desc(), M.c.canonical).limit(30)).all()
    return {
        "counts": counts(engine),
        "latest": [dict(r._mapping) for r in docs],
        "groups": [{"code": c, "name": n or c, "kind": k, "documents": n_docs}
                   for c, n, k, n_docs in groups],
        "operations": [{"name": n, "country": c, "documents": n_docs} for n, c, n_docs in ops],
    }


def search_documents(engine: Engine, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Documents whose id or title contains `q` (case-insensitive, wildcards taken literally),
    newest first.

    PostgreSQL answers ILIKE from the trigram index (migration 0004). On SQLite, where LIKE
    ignores ASCII case as lower() LIKE lower() does, the (title, id) index is scanned first
    for the matching rows: when there are few, only those are read and sorted; when there are
    many, the newest documents are read in order until `limit` match."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cols = (D.c.hash, D.c.id, D.c.title, D.c.published)
    newest = D.c.published.desc().nulls_last()
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            match = or_(D.c.title.ilike(pattern, escape="\\"), D.c.id.ilike(pattern, escape="\\"))
            rows = conn.execute(select(*cols).where(match).order_by(newest).limit(limit))
            return [dict(r._mapping) for r in rows]
        match = or_(D.c.title.like(pattern, escape="\\"), D.c.id.like(pattern, escape="\\"))
        rowid = literal_column("documents.rowid")
        found = conn.execute(select(rowid).where(match).limit(SEARCH_FEW + 1)).scalars().all()
        few = len(found) <= SEARCH_FEW
        query = select(*cols).where(rowid.in_(found) if few else match)
        return [dict(r._mapping) for r in conn.execute(query.order_by(newest).limit(limit))]


def _corrections(conn: Any, doc_hashes: set[str]) -> list[Correction]:
    if not doc_hashes:
        return []
    cols = [C.c.pk, C.c.action, C.c.doc_hash, C.c.kind, C.c.fact_key, C.c.target, C.c.field,
            C.c.value, C.c.note, C.c.created_at]
    rows = conn.execute(select(*cols).where(C.c.doc_hash.in_(sorted(doc_hashes)))
                        .order_by(C.c.pk))
    return [Correction(*r) for r in rows]


def _facts(conn: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """Fact rows as dicts with analyst corrections applied (edits shown, rejects flagged)."""
    raws = [RawFact(*r[:11]) for r in rows]
    extra = {r[0]: (r[11], r[12]) for r in rows}
    _kept, rejected = apply_fact_corrections(raws, _corrections(conn, {r.doc_hash for r in raws}))
    status = {id(r): "rejected" for r in rejected}
    out = []
    for raw in raws:
        country, date = extra[raw.pk]
        out.append({
            "pk": raw.pk, "fact_id": raw.id, "kind": raw.kind, "data": raw.data,
            "country": country, "date": date, "confidence": raw.confidence,
            "document": raw.document, "doc_hash": raw.doc_hash, "published": raw.published,
            "title": raw.title, "evidence": raw.evidence, "start": raw.start, "end": raw.end,
            "corrections": raw.corrections,
            "status": status.get(id(raw), "corrected" if raw.corrections else "extracted"),
        })
    return out


@dataclass
class FactFilter:
    """The facts table's filters, sort and page."""

    kind: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    document: str | None = None
    sort: str = "pk"
    order: str = "desc"
    page: int = 1
    per_page: int = 50

    def where(self) -> list[Any]:
        cond: list[Any] = []
        if self.kind:
            cond.append(F.c.kind == self.kind)
        if self.country:
            cond.append(F.c.country == self.country.upper())
        if self.date_from:
            cond.append(F.c.date >= self.date_from)
        if self.date_to:  # "2016" and "2016-10" include the whole period
            cond.append(F.c.date <= self.date_to + "\uffff")
        if self.min_confidence is not None:
            cond.append(F.c.confidence >= self.min_confidence)
        if self.max_confidence is not None:
            cond.append(F.c.confidence <= self.max_confidence)
        if self.document:
            cond.append(F.c.doc_hash == self.document)
        return cond


def facts_page(engine: Engine, flt: FactFilter, limit: int | None = None
               ) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of facts) for the filter; `limit` overrides the page size.

    The page's pks are found first (from indexes, without the documents join, except when
    sorting by published date), then only those rows are read whole. A page past the middle
    is read from the other end in reverse order, so the last pages cost what the first do."""
    cond = flt.where()
    total_q = select(func.count()).select_from(F).where(*cond)
    key = ("total", flt.kind, flt.country, flt.date_from, flt.date_to, flt.min_confidence,
           flt.max_confidence, flt.document)
    total = cached(engine, key, lambda: _scalar(engine, total_q))
    size = limit or flt.per_page
    offset = 0 if limit else (flt.page - 1) * flt.per_page
    desc = flt.order == "desc"
    if offset >= total:
        return total, []
    reverse = offset > total // 2
    if reverse:
        size = min(size, total - offset)
        offset = total - offset - size
    col = SORTS.get(flt.sort, F.c.pk)
    pks = select(F.c.pk).where(*cond).order_by(*_order(col, desc, reverse))
    if col is D.c.published:
        pks = pks.join(D, D.c.hash == F.c.doc_hash)
    pks = pks.limit(size).offset(offset)
    q = (select(*FACT_COLUMNS).join(D, D.c.hash == F.c.doc_hash)
         .where(F.c.pk.in_(pks.scalar_subquery())).order_by(*_order(col, desc, False)))
    with engine.connect() as conn:
        return total, _facts(conn, conn.execute(q).all())


def _order(col: Any, desc: bool, reverse: bool) -> tuple[Any, Any]:
    """ORDER BY the column (nulls last) then pk; `reverse` gives the exact opposite order.
    A column without nulls gets no NULLS clause, so PostgreSQL can read it off an index."""
    if not col.nullable:
        return ((col.desc(), F.c.pk.desc()) if desc != reverse else (col.asc(), F.c.pk.asc()))
    if desc != reverse:
        first = col.desc().nulls_first() if reverse else col.desc().nulls_last()
        return first, F.c.pk.desc()
    first = col.asc().nulls_first() if reverse else col.asc().nulls_last()
    return first, F.c.pk.asc()


def _scalar(engine: Engine, query: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def facts_countries(engine: Engine, kind: str | None) -> list[str]:
    """Country codes present among facts (of a kind), for the filter's choices."""
    q = select(F.c.country).where(F.c.country.is_not(None)).distinct().order_by(F.c.country)
    if kind:
        q = q.where(F.c.kind == kind)

    def build() -> list[str]:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(q.limit(500))]

    return cached(engine, ("countries", kind), build)


def document(engine: Engine, ref: str) -> dict[str, Any] | None:
    """A document (by hash, else by id) with its mentions and facts, in text order."""
    cols = (D.c.hash, D.c.id, D.c.title, D.c.url, D.c.published, D.c.publisher, D.c.source,
            D.c.text, D.c.ingested_at)
    with engine.connect() as conn:
        row = conn.execute(select(*cols).where(D.c.hash == ref)).first() or conn.execute(
            select(*cols).where(D.c.id == ref).limit(1)).first()
        if row is None:
            return None
        doc = dict(row._mapping)
        mentions = conn.execute(
            select(M.c.start, M.c.end, M.c.text, M.c.type, M.c.code, M.c.canonical)
            .where(M.c.doc_hash == doc["hash"]).order_by(M.c.start, M.c.end)).all()
        rows = conn.execute(select(*FACT_COLUMNS).join(D, D.c.hash == F.c.doc_hash)
                            .where(F.c.doc_hash == doc["hash"])
                            .order_by(F.c.start, F.c.kind, F.c.pk)).all()
        doc["mentions"] = [dict(m._mapping) for m in mentions]
        doc["facts"] = _facts(conn, rows)
    return doc


# ---- map --------------------------------------------------------------------------------

@lru_cache(maxsize=20000)
def _coords(city: str | None, country: str | None) -> tuple[float, float, str, str] | None:
    """(lat, lon, place name, precision) for a fact's city and country."""
    from sitrep.where import country_place, resolve_place

    if city:
        place = resolve_place(city.title() if city.isupper() else city,
                              [country] if country else [])
        if place and place.lat is not None and (not country or place.country == country):
            return place.lat, place.lon, place.name, "city"
    if country:
        place = country_place(country)
        if place and place.lat is not None:
            return place.lat, place.lon, place.name, "country"
    return None


def map_points(engine: Engine, kinds: tuple[str, ...] = ("attacks", "meetings"),
               limit: int = 20000) -> dict[str, Any]:
    """Places of the latest facts of `kinds`, one point per (kind, place), with their facts.

    Attacks and meetings are placed from their city and country; events from the stored
    coordinates of their event location."""
    return cached(engine, ("map", kinds, limit), lambda: _map_points(engine, kinds, limit))


def _map_points(engine: Engine, kinds: tuple[str, ...], limit: int) -> dict[str, Any]:
    q = (select(F.c.pk, F.c.kind, F.c.data, F.c.date, F.c.start, F.c.end, F.c.doc_hash, D.c.id)
         .join(D, D.c.hash == F.c.doc_hash).where(F.c.kind.in_(kinds))
         .order_by(F.c.pk.desc()).limit(limit))
    points: dict[tuple[str, float, float], dict[str, Any]] = {}
    unplaced = 0
    with engine.connect() as conn:
        for pk, kind, data, date, start, end, doc_hash, doc_id in conn.execute(q):
            where = _fact_place(kind, data)
            if where is None:
                unplaced += 1
                continue
            lat, lon, name, precision = where
            key = (kind, round(lat, 3), round(lon, 3))
            point = points.setdefault(key, {"kind": kind, "lat": lat, "lon": lon, "name": name,
                                            "precision": precision, "facts": []})
            point["facts"].append({"pk": pk, "date": date, "doc_hash": doc_hash,
                                   "document": doc_id, "start": start, "end": end,
                                   "data": data})
    out = sorted(points.values(), key=lambda p: (-len(p["facts"]), p["name"]))
    return {"points": out, "unplaced": unplaced}


def _fact_place(kind: str, data: dict[str, Any]) -> tuple[float, float, str, str] | None:
    if kind == "events":
        loc = data.get("event_loc") or {}
        if isinstance(loc.get("lat"), int | float) and isinstance(loc.get("lon"), int | float):
            return float(loc["lat"]), float(loc["lon"]), str(loc.get("name") or "?"), str(
                loc.get("kind") or "place")
        return None
    country = data.get("location_country") if kind == "attacks" else data.get("country")
    city = data.get("city")
    return _coords(city if isinstance(city, str) else None,
                   country if isinstance(country, str) else None)
