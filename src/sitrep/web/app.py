"""The app factory: `create_app(db)` gives the FastAPI app behind `sitrep serve`."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep.ingest.normalize import has_nul
from sitrep.picture.api import Sitrep
from sitrep.picture.consolidate import gc_paused
from sitrep.web import security
from sitrep.web.cache import store_version

HERE = Path(__file__).resolve().parent
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
FREEZE_FACTS = 100_000  # consolidations this large are kept out of the garbage collector


class State:
    """What every request shares: the engine, the picture API (re-read when the store
    changes) and the template environment."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sitrep = Sitrep(engine)
        self._version: tuple[Any, ...] | None = None
        self._frozen = False
        self._lock = threading.Lock()
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(default=True))

    def picture_api(self) -> Sitrep:
        """The picture API, consolidated afresh when facts or corrections changed.

        A large consolidation stays in memory until the store changes, so it is built with
        the garbage collector paused and then moved out of its sight (gc.freeze): otherwise
        the next collections walk its tens of millions of objects, first once (about 10 s at
        1,000,000 facts) and then at every full collection, pausing requests for seconds."""
        version = store_version(self.engine)
        with self._lock:
            if version != self._version:
                if self._frozen:
                    gc.unfreeze()  # the consolidation being replaced can be collected
                    self._frozen = False
                self.sitrep.refresh()
                self._version = version
            with gc_paused():
                consolidation = self.sitrep.warm()
                if not self._frozen and len(consolidation.facts) >= FREEZE_FACTS:
                    gc.freeze()
                    self._frozen = True
        return self.sitrep

    def warm(self) -> None:
        """Build the consolidation and the whole-store reads the first pages need (run in
        the background when the server starts)."""
        from sitrep.web import queries

        self.picture_api()
        queries.home(self.engine)
        queries.map_points(self.engine)


def create_app(db: str | None = None, engine: Engine | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over a database (URL or SQLite path). `allowed_hosts` limits the Host
    header (against DNS rebinding when serving on localhost); None allows any."""
    from sitrep.store.db import open_db
    from sitrep.web.routes import actor, document, facts, home, map, review

    app = FastAPI(title="sitrep", version="1", docs_url=None, redoc_url=None,
                  dependencies=[Depends(no_nul_parameters)],
                  description="Sourced facts from defence and security news: the JSON twin "
                              "of every page of the sitrep web explorer.")
    app.state.sitrep = State(engine or open_db(db))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (home, document, facts, actor, map, review):
        app.include_router(module.router)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Any:
        csrf = request.cookies.get(security.CSRF_COOKIE)
        request.state.csrf = csrf or security.new_csrf()
        response = await call_next(request)
        for key, value in security.HEADERS.items():
            response.headers.setdefault(key, value)
        if not request.url.path.startswith("/static"):
            response.headers.setdefault("cache-control", "no-store")
        if not csrf:
            response.set_cookie(security.CSRF_COOKIE, request.state.csrf, httponly=True,
                                samesite="strict", path="/")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
        return _error(request, 422, "; ".join(
            f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()))

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(security.BodyLimit)
    return app


def no_nul_parameters(request: Request) -> None:
    """422 for a path or query parameter holding a NUL character: no stored text has one,
    and PostgreSQL refuses one in a query."""
    params = [("path", k, v) for k, v in request.path_params.items()]
    params += [("query", k, v) for k, v in request.query_params.multi_items()]
    errors = [{"type": "value_error", "loc": (where, name), "input": value,
               "msg": "Value error, must not contain a NUL character"}
              for where, name, value in params if has_nul(value)]
    if errors:
        raise RequestValidationError(errors)


def _plain(errors: Any) -> Any:
    """Validation errors without the raw exception objects pydantic may include."""
    return [{k: (v if k != "ctx" else {a: str(b) for a, b in v.items()}) for k, v in e.items()
             if k != "url"} for e in errors]


def _error(request: Request, status: int, detail: str) -> Any:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=status)
    from sitrep.web.pages import page

    return page(request, "error.html", {"status": status, "detail": detail}, status=status)

