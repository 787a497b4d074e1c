"""Review: the least certain facts, to confirm, correct or reject (writes need the token)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from sitrep.picture.api import Sitrep
from sitrep.picture.corrections import parse_value
from sitrep.web import security
from sitrep.web.pages import engine, page, picture_api, require_form_write, require_token
from sitrep.web.routes.facts import Kind

router = APIRouter()
FactRef = Annotated[str, Path(pattern=r"^[0-9a-f]{12}$|^\d{1,11}$",
                              description="Fact id (as review lists it) or pk.")]
FIELD = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"


class Action(StrEnum):
    confirm = "confirm"
    reject = "reject"
    edit = "edit"


class Correction(BaseModel):
    """A correction sent to the API: `field` and `value` for edit; `note` for any."""

    field: str | None = Field(default=None, pattern=FIELD)
    value: Any = None
    note: str | None = Field(default=None, max_length=2000)


def review_items(api: Sitrep, kind: str | None, start: int = 0, stop: int | None = None
                 ) -> tuple[int, list[dict[str, Any]]]:
    """(how many, facts[start:stop]): stored facts least certain first (as `Sitrep.review`),
    with the document hash and evidence offsets the page links to; facts an analyst
    confirmed are left out."""
    c = api.consolidated()
    rejected = c.memo_get("rejected-ids", lambda: {id(f) for f in c.rejected})
    facts = api.review_order(kind, unconfirmed=True)
    return len(facts), [_item(f, id(f) in rejected) for f in facts[start:stop]]


def _item(f: Any, rejected: bool) -> dict[str, Any]:
    return {"fact_id": f.id, "pk": f.pk, "kind": f.kind, "confidence": f.confidence,
            "document": f.document, "doc_hash": f.doc_hash, "published": f.published,
            "title": f.title, "data": f.data, "evidence": f.evidence, "start": f.start,
            "end": f.end, "corrections": f.corrections,
            "status": "rejected" if rejected else (
                "corrected" if f.corrections else "extracted")}


def apply(api: Sitrep, fact: str, action: Action, field: str | None, value: Any,
          note: str | None) -> int:
    """Store a correction through the picture API; returns its number."""
    try:
        if action is Action.reject:
            return api.reject(fact, note=note)
        if action is Action.confirm:
            return api.edit(fact, "confirmed", True, note=note or "confirmed by an analyst")
        if not field:
            raise HTTPException(422, "edit needs a field")
        return api.edit(fact, field, value, note=note)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


ReviewKind = Annotated[Kind | None, Query(description="Only facts of this kind.")]
Page = Annotated[int, Query(ge=1, le=100_000)]


def _review(request: Request, kind: Kind | None, page_no: int, per_page: int = 25
            ) -> dict[str, Any]:
    start = (page_no - 1) * per_page
    total, items = review_items(picture_api(request), kind.value if kind else None, start,
                                start + per_page)
    return {"kind": kind.value if kind else None, "total": total, "page": page_no,
            "per_page": per_page, "items": items}


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request, kind: ReviewKind = None, page_no: Annotated[
        int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    return page(request, "review.html", _review(request, kind, page_no))


@router.get("/api/review", tags=["review"])
def review_api(request: Request, kind: ReviewKind = None, page_no: Annotated[
        int, Query(alias="page", ge=1, le=100_000)] = 1) -> dict[str, Any]:
    """Facts least certain first (25 a page), with corrections applied; confirmed facts are
    left out."""
    return _review(request, kind, page_no)


@router.post("/review/{fact}/{action}", include_in_schema=False)
def review_form(request: Request, fact: FactRef, action: Action,
                csrf: Annotated[str, Form(max_length=200)] = "",
                field: Annotated[str | None, Form(pattern=FIELD)] = None,
                value: Annotated[str, Form(max_length=2000)] = "",
                note: Annotated[str | None, Form(max_length=2000)] = None,
                next: Annotated[str, Form(max_length=500)] = "/review") -> RedirectResponse:
    """A browser correction: token session and CSRF checked, then back to the page."""
    require_form_write(request, csrf)
    apply(picture_api(request), fact, action, field, parse_value(value), note or None)
    return RedirectResponse(security.safe_next(next), status_code=303)


@router.post("/api/facts/{fact}/{action}", tags=["review"],
             responses={401: {"description": "No or wrong token."},
                        404: {"description": "No such fact."}})
def review_write(request: Request, fact: FactRef, action: Action,
                 body: Annotated[Correction | None, Body()] = None) -> dict[str, Any]:
    """Confirm, reject or edit a fact (`Authorization: Bearer TOKEN`, from `sitrep token`).
    Corrections are kept apart from facts and applied on every read."""
    require_token(request)
    body = body or Correction()
    pk = apply(picture_api(request), fact, action, body.field, body.value, body.note)
    return {"correction": pk, "fact": fact, "action": action.value}


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: Annotated[str, Query(max_length=500)] = "/review"
               ) -> HTMLResponse:
    return page(request, "login.html", {"next": security.safe_next(next), "failed": False})


@router.post("/login", include_in_schema=False)
def login(request: Request, token: Annotated[str, Form(max_length=200)] = "",
          csrf: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=500)] = "/review") -> Any:
    """Exchange the token for a session cookie bound to it."""
    if not security.csrf_ok(request.cookies.get(security.CSRF_COOKIE), csrf):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")
    if not security.check_token(engine(request), token):
        return page(request, "login.html", {"next": security.safe_next(next), "failed": True},
                    status=401)
    response = RedirectResponse(security.safe_next(next), status_code=303)
    response.set_cookie(security.SESSION_COOKIE, security.new_session(engine(request)),
                        httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Any:
    if not security.csrf_ok(request.cookies.get(security.CSRF_COOKIE), csrf):
        raise HTTPException(403, "missing or wrong CSRF token")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response
