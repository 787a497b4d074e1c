"""The facts tables: filter by kind, country, date range and confidence; sort; page; download."""

from __future__ import annotations

import csv
import io
import json
import math
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitrep.model import FACT_KINDS
from sitrep.web import queries
from sitrep.web.pages import engine, page

router = APIRouter()
DOWNLOAD_LIMIT = 10000
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
CONF = r"^((0(\.\d{1,6})?)|(1(\.0{1,6})?))?$"
Kind = StrEnum("Kind", {k: k for k in FACT_KINDS})  # type: ignore[misc]


class Sort(StrEnum):
    pk = "pk"
    date = "date"
    confidence = "confidence"
    country = "country"
    published = "published"


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


def fact_filter(
    kind: Annotated[Kind | None, Query(description="Fact kind.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{0,64}$",
                                         description="ISO3 or actor id.")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]]")] = None,
    min_confidence: Annotated[str | None, Query(pattern=CONF, description="0 to 1")] = None,
    max_confidence: Annotated[str | None, Query(pattern=CONF, description="0 to 1")] = None,
    document: Annotated[str | None, Query(pattern=r"^[0-9a-f]{0,64}$",
                                          description="Document hash.")] = None,
    sort: Sort = Sort.pk,
    order: Order = Order.desc,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> queries.FactFilter:
    """The query parameters of the facts table (empty values mean no filter)."""
    return queries.FactFilter(
        kind=kind.value if kind else None, country=country or None,
        date_from=date_from or None, date_to=date_to or None,
        min_confidence=float(min_confidence) if min_confidence else None,
        max_confidence=float(max_confidence) if max_confidence else None,
        document=document or None, sort=sort.value, order=order.value, page=page,
        per_page=per_page)


Filter = Annotated[queries.FactFilter, Depends(fact_filter)]


def _params(flt: queries.FactFilter, **change: Any) -> dict[str, Any]:
    values = {"kind": flt.kind, "country": flt.country, "date_from": flt.date_from,
              "date_to": flt.date_to, "min_confidence": flt.min_confidence,
              "max_confidence": flt.max_confidence, "document": flt.document, "sort": flt.sort,
              "order": flt.order, "page": flt.page, "per_page": flt.per_page, **change}
    return {k: v for k, v in values.items() if v not in (None, "")}


def _result(request: Request, flt: queries.FactFilter) -> dict[str, Any]:
    total, rows = queries.facts_page(engine(request), flt)
    return {"total": total, "page": flt.page, "per_page": flt.per_page,
            "pages": max(1, math.ceil(total / flt.per_page)), "facts": rows}


@router.get("/facts", response_class=HTMLResponse, include_in_schema=False)
def facts_page(request: Request, flt: Filter) -> HTMLResponse:
    result = _result(request, flt)
    return page(request, "facts.html", {
        **result, "flt": flt, "params": lambda **c: _params(flt, **c),
        "countries": queries.facts_countries(engine(request), flt.kind)})


@router.get("/api/facts", tags=["facts"])
def facts_api(request: Request, flt: Filter) -> dict[str, Any]:
    """One page of facts matching the filters, with document, evidence, offsets, confidence
    and the analyst corrections applied (`status`: extracted, corrected or rejected)."""
    return _result(request, flt)


def _all(request: Request, flt: queries.FactFilter) -> list[dict[str, Any]]:
    return queries.facts_page(engine(request), flt, limit=DOWNLOAD_LIMIT)[1]


@router.get("/api/facts.json", tags=["facts"])
def facts_json(request: Request, flt: Filter) -> Response:
    """Every matching fact (at most 10,000) as a JSON download."""
    body = json.dumps(_all(request, flt), ensure_ascii=False)
    return Response(body, media_type="application/json",
                    headers={"content-disposition": 'attachment; filename="facts.json"'})


CSV_COLUMNS = ("pk", "fact_id", "kind", "country", "date", "confidence", "status", "document",
               "published", "start", "end", "data", "evidence")


def _cell(value: Any) -> Any:
    """A CSV cell; text that a spreadsheet would read as a formula is quoted with '."""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get("/api/facts.csv", tags=["facts"],
            responses={200: {"content": {"text/csv": {}}, "description": "CSV of facts."}})
def facts_csv(request: Request, flt: Filter) -> Response:
    """Every matching fact (at most 10,000) as a CSV download, data as JSON in one column."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for row in _all(request, flt):
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="facts.csv"'})
