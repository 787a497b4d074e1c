"""A document: its text with mentions and facts highlighted, and what was extracted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from sitrep.web import queries
from sitrep.web.pages import engine, page
from sitrep.web.render import highlight

router = APIRouter()
DocRef = Annotated[str, Path(min_length=1, max_length=300, description="Hash or id.")]
SPAN = r"^\d{1,9}-\d{1,9}$"
NOT_FOUND = {404: {"description": "No such document."}}


def _load(request: Request, ref: str) -> dict[str, Any]:
    doc = queries.document(engine(request), ref)
    if doc is None:
        raise HTTPException(404, f"no document {ref!r}")
    return doc


@router.get("/document/{ref}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, ref: DocRef,
                  span: Annotated[str | None, Query(pattern=SPAN)] = None) -> HTMLResponse:
    doc = _load(request, ref)
    selected = tuple(int(x) for x in span.split("-")) if span else None
    body = highlight(doc["text"], doc["mentions"], doc["facts"], selected)  # type: ignore[arg-type]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for f in doc["facts"]:
        by_kind.setdefault(f["kind"], []).append(f)
    return page(request, "document.html", {"doc": doc, "body": body, "by_kind": by_kind,
                                           "selected": selected})


@router.get("/api/documents/{ref}", tags=["documents"], responses=NOT_FOUND)
def document_api(request: Request, ref: DocRef) -> dict[str, Any]:
    """A document's text, metadata, mentions and facts (corrections applied), by hash or id."""
    return _load(request, ref)
