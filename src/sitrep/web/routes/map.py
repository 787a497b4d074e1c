"""The map: places of attacks and meetings (and optionally events) on an offline basemap."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitrep.model import FACT_KINDS
from sitrep.web import basemap, queries
from sitrep.web.cache import cached, json_body
from sitrep.web.pages import engine, page

router = APIRouter()


class MapKind(StrEnum):
    attacks = "attacks"
    meetings = "meetings"
    events = "events"


Kinds = Annotated[list[MapKind] | None, Query(description="Fact kinds to place "
                                              "(default: attacks and meetings).")]


def _points(request: Request, kind: list[MapKind] | None) -> dict[str, Any]:
    kinds = tuple(dict.fromkeys(k.value for k in kind)) if kind else ("attacks", "meetings")
    return {"kinds": list(kinds), **queries.map_points(engine(request), kinds)}


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, kind: Kinds = None) -> HTMLResponse:
    data = _points(request, kind)
    data["points"] = [{**p, "r": min(6.0, 1.6 + len(p["facts"]) ** 0.5)}  # cached: copy
                      for p in data["points"]]
    for p in data["points"]:
        p["x"], p["y"] = basemap.project(p["lat"], p["lon"])
    return page(request, "map.html", {**data, "kinds": FACT_KINDS, "map_kinds": data["kinds"],
                                      "land": basemap.land_path()})


@router.get("/api/map", tags=["map"])
def map_api(request: Request, kind: Kinds = None) -> dict[str, Any]:
    """Points (lat, lon, place name, precision) of attacks and meetings, each with its facts;
    `unplaced` counts facts with no place that resolves."""
    kinds = tuple(k.value for k in kind or [])
    body = cached(engine(request), ("map-json", kinds),
                  lambda: json_body(_points(request, kind)))
    return Response(body, media_type="application/json")  # type: ignore[return-value]
