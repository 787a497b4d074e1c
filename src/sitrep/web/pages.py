"""Helpers shared by the page routes: the request's state, template rendering, write checks."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from sitrep.model import FACT_KINDS
from sitrep.picture.api import Sitrep
from sitrep.web import security
from sitrep.web.render import summarize

NAV = [("/", "Home"), ("/facts", "Facts"), ("/map", "Map"), ("/review", "Review")]


def state(request: Request) -> Any:
    return request.app.state.sitrep


def engine(request: Request) -> Engine:
    return state(request).engine


def picture_api(request: Request) -> Sitrep:
    return state(request).picture_api()


def signed_in(request: Request) -> bool:
    return security.check_session(engine(request), request.cookies.get(security.SESSION_COOKIE))


def page(request: Request, template: str, context: dict[str, Any],
         status: int = 200) -> HTMLResponse:
    """Render a page template (autoescaped) with the shared context."""
    env = state(request).templates
    shared = {
        "request": request, "nav": NAV, "csrf": request.state.csrf, "kinds": FACT_KINDS,
        "summarize": summarize, "signed_in": signed_in(request), "path": request.url.path,
        "full_path": request.url.path + (f"?{request.url.query}" if request.url.query else "")}
    body = env.get_template(template).render({**shared, **context})
    return HTMLResponse(body, status_code=status)


def require_form_write(request: Request, csrf_field: str | None) -> None:
    """A browser write: signed in with the token and a matching CSRF field."""
    if not security.csrf_ok(request.cookies.get(security.CSRF_COOKIE), csrf_field):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")
    if not signed_in(request):
        raise HTTPException(401, "sign in with the token from `sitrep token` first")


def require_token(request: Request) -> None:
    """An API write: `Authorization: Bearer TOKEN` with the token from `sitrep token`."""
    token = security.bearer(request.headers.get("authorization"))
    if not security.check_token(engine(request), token):
        raise HTTPException(401, "writes need `Authorization: Bearer TOKEN` "
                                 "(make one with `sitrep token`)",
                            headers={"WWW-Authenticate": "Bearer"})
