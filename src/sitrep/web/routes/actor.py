"""An actor, group or operation: the consolidated picture with charts over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitrep.web.cache import json_body
from sitrep.web.charts import evidence_url, series_chart
from sitrep.web.pages import page, picture_api

router = APIRouter()
ActorRef = Annotated[str, Path(min_length=1, max_length=200,
                               description="A name, code or id (CAN, Operation IMPACT).")]
NOT_FOUND = {404: {"description": "No actor matches."}}


def _picture(request: Request, query: str) -> dict[str, Any]:
    try:
        return picture_api(request).picture_dict(query)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None


def _timeline(request: Request, query: str, operation: str | None) -> dict[str, Any]:
    try:
        return picture_api(request).timeline_dict(query, operation=operation)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None


def charts(pic: dict[str, Any]) -> list[tuple[str, Any]]:
    """(title, SVG) for member counts and deployed counts (one chart per unit)."""
    out = []
    if pic["group_sizes"]:
        out.append(("Members over time", series_chart(pic["group_sizes"], "Members over time")))
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for s in pic["deployments"]:
        by_unit.setdefault(s["key"].get("unit") or "personnel", []).append(s)
    for unit in sorted(by_unit, key=lambda u: (u != "personnel", u)):
        title = f"Deployed {unit} over time"
        out.append((title, series_chart(by_unit[unit], title)))
    if pic["attacks"]:
        out.append(("Attacks per month", series_chart(pic["attacks"], "Attacks per month")))
    return out


def sources(pic: dict[str, Any]) -> list[dict[str, Any]]:
    """Every document the picture rests on, with how many of its items cite it."""
    found: dict[str, dict[str, Any]] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "doc_hash" in node and "evidence" in node:
                entry = found.setdefault(node["doc_hash"], {
                    "doc_hash": node["doc_hash"], "document": node["document"],
                    "title": node.get("title"), "published": node.get("published"), "cites": 0})
                entry["cites"] += 1
                return
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(pic)
    return sorted(found.values(), key=lambda s: (s["published"] or "", s["document"]))


@router.get("/actor/{query}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(request: Request, query: ActorRef) -> HTMLResponse:
    pic = _picture(request, query)
    timeline = _timeline(request, query, None)
    return page(request, "actor.html", {"pic": pic, "actor": pic["actor"], "charts": charts(pic),
                                        "sources": sources(pic), "timeline": timeline,
                                        "evidence_url": evidence_url})


def _json(request: Request, key: tuple[Any, ...], build: Any) -> Response:
    """The encoded answer, kept with the consolidation it comes from."""
    consolidation = picture_api(request).consolidated()
    body = consolidation.memo_get(key, lambda: json_body(build()))
    return Response(body, media_type="application/json")


@router.get("/api/actors/{query}", tags=["actors"], responses=NOT_FOUND)
def actor_api(request: Request, query: ActorRef) -> dict[str, Any]:
    """The consolidated picture of an actor: group sizes and deployments as time series,
    memberships, meetings, quotes, commitments, attacks and events, each with its sources."""
    return _json(request, ("picture-json", query),  # type: ignore[return-value]
                 lambda: _picture(request, query))


@router.get("/api/actors/{query}/timeline", tags=["actors"], responses=NOT_FOUND)
def timeline_api(request: Request, query: ActorRef,
                 operation: Annotated[str | None, Query(max_length=200)] = None
                 ) -> dict[str, Any]:
    """The actor's dated facts, oldest first, optionally only one operation's."""
    return _json(request, ("timeline-json", query, operation),  # type: ignore[return-value]
                 lambda: _timeline(request, query, operation))
