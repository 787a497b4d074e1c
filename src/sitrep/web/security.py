"""Write tokens, browser sessions, CSRF, security headers and request-size limits.

`sitrep token` stores only the SHA-256 of a new random token (table `sitrep_meta`); a write
must present the token (API: `Authorization: Bearer`, browser: a login that sets a session
cookie derived from the stored hash). Browser forms also carry a double-submit CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from sitrep.store import schema

TOKEN_KEY = "web_token_sha256"
CSRF_COOKIE = "sitrep_csrf"
SESSION_COOKIE = "sitrep_session"
MAX_BODY = 64 * 1024  # bytes; larger request bodies are refused with 413

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def new_token(engine: Engine) -> str:
    """Make a new write token, store its hash (replacing any earlier one) and return it."""
    token = secrets.token_urlsafe(32)
    m = schema.meta
    with engine.begin() as conn:
        conn.execute(delete(m).where(m.c.key == TOKEN_KEY))
        conn.execute(insert(m).values(key=TOKEN_KEY, value=_sha256(token)))
    return token


def stored_hash(engine: Engine) -> str | None:
    m = schema.meta
    with engine.connect() as conn:
        return conn.execute(select(m.c.value).where(m.c.key == TOKEN_KEY)).scalar()


def check_token(engine: Engine, token: str | None) -> bool:
    """Whether `token` is the current write token (constant-time comparison of hashes)."""
    stored = stored_hash(engine)
    if not stored or not token:
        return False
    return hmac.compare_digest(_sha256(token), stored)


def _session_mac(stored: str, nonce: str) -> str:
    return hmac.new(stored.encode(), b"sitrep-session:" + nonce.encode(),
                    hashlib.sha256).hexdigest()


def new_session(engine: Engine) -> str:
    """A session cookie value bound to the current token: a new token ends every session."""
    stored = stored_hash(engine) or ""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_session_mac(stored, nonce)}"


def check_session(engine: Engine, value: str | None) -> bool:
    stored = stored_hash(engine)
    if not stored or not value or "." not in value:
        return False
    nonce, mac = value.split(".", 1)
    return hmac.compare_digest(_session_mac(stored, nonce), mac)


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header."""
    if authorization and authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, form_value: str | None) -> bool:
    """Double-submit check: the form's CSRF field equals the CSRF cookie."""
    return bool(cookie and form_value) and hmac.compare_digest(str(cookie), str(form_value))


def safe_next(target: str | None) -> str:
    """A local path to go back to after a form (never another site)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def is_loopback(host: str) -> bool:
    """Whether `host` names only this machine (localhost, 127.0.0.0/8, ::1)."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes (declared or streamed)."""

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _too_large(send)
                return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        # Read the whole (small) body first: a streamed body over the limit never reaches
        # the app; one within it is replayed.
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # disconnected: let the app see it
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _too_large(send)
                return
            if not message.get("more_body"):
                break
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Any) -> None:
    body = b'{"detail":"request body too large"}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            *[(k.encode(), v.encode()) for k, v in HEADERS.items()]]})
    await send({"type": "http.response.body", "body": body})
