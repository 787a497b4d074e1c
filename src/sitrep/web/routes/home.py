"""Home (counts, latest documents, groups and operations) and search."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from sitrep.web import queries
from sitrep.web.pages import engine, page, picture_api

router = APIRouter()
SearchQuery = Annotated[str, Query(min_length=1, max_length=200, description="Name or words.")]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request) -> HTMLResponse:
    return page(request, "home.html", queries.home(engine(request)))


@router.get("/api/home", tags=["home"])
def home_api(request: Request) -> dict[str, Any]:
    """Counts of documents, mentions and facts per kind; latest documents; groups and
    operations the documents mention most."""
    return queries.home(engine(request))


def search(request: Request, q: str) -> dict[str, Any]:
    actor = None
    with contextlib.suppress(LookupError):
        actor = picture_api(request).actor(q).to_dict()
    return {"query": q, "actor": actor, "documents": queries.search_documents(engine(request), q)}


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: SearchQuery) -> HTMLResponse:
    return page(request, "search.html", search(request, q))


@router.get("/api/search", tags=["home"])
def search_api(request: Request, q: SearchQuery) -> dict[str, Any]:
    """The actor a name, code or id stands for (or null), and documents whose title or id
    contains the words."""
    return search(request, q)
