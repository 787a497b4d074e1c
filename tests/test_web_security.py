"""Web security: escaping of untrusted document text, tokens, CSRF, headers, body limits,
host checks and the loopback-only default of `sitrep serve`."""

from __future__ import annotations

import hashlib
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_support import HOSTILE_TITLE, hostile_copy

from sitrep.cli import app as cli
from sitrep.store import schema
from sitrep.store.db import open_db
from sitrep.web import create_app
from sitrep.web.security import CSRF_COOKIE, SESSION_COOKIE, is_loopback, new_token, safe_next


@pytest.fixture(scope="module")
def db(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return hostile_copy(sample_db, tmp_path_factory.mktemp("websec"))


@pytest.fixture()
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


PAGES = ("/", "/facts", "/facts?kind=quotes", "/map", "/review", "/login", "/search?q=hostile",
         "/actor/CAN", "/document/hostile", "/no-such-page")


def test_hostile_document_is_shown_escaped_everywhere(client: TestClient) -> None:
    for url in ("/", "/document/hostile", "/facts?per_page=500", "/search?q=Hostile",
                "/review?page=1"):
        body = client.get(url).text
        assert "<script>window.__pwned" not in body, url
        assert "<img src=x" not in body, url
    doc = client.get("/document/hostile").text
    assert "&lt;script&gt;window.__pwned" in doc
    assert "&lt;img src=x onerror=" in doc
    assert "&lt;b&gt;not&lt;/b&gt;" in doc
    assert client.get("/api/documents/hostile").json()["title"] == HOSTILE_TITLE


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for url in PAGES:
        body = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
        assert not re.search(r"\sstyle=", body), url
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", body), url


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in (*PAGES, "/api/home", "/api/facts?kind=nonsense", "/static/app.js"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_no_cdn_docs_pages(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    for url in PAGES:
        assert not re.search(r"(src|href)=\"(https?:)?//", client.get(url).text), url


def test_token_is_stored_only_as_a_hash(db: str) -> None:
    engine = open_db(db)
    token = new_token(engine)
    with engine.connect() as conn:
        values = [v for (v,) in conn.execute(schema.meta.select().with_only_columns(
            schema.meta.c.value))]
    assert token not in values
    assert hashlib.sha256(token.encode()).hexdigest() in values


def test_sitrep_token_command_prints_a_new_token(db: str) -> None:
    first = CliRunner().invoke(cli, ["token", "--db", db])
    second = CliRunner().invoke(cli, ["token", "--db", db])
    assert first.exit_code == 0 and second.exit_code == 0
    assert len(first.stdout.strip()) >= 40 and first.stdout != second.stdout


def _review_item(client: TestClient) -> str:
    return client.get("/api/review").json()["items"][0]["fact_id"]


def test_browser_writes_need_csrf_and_a_session(client: TestClient, db: str) -> None:
    fact = _review_item(client)
    client.get("/")
    csrf = client.cookies[CSRF_COOKIE]
    url = f"/review/{fact}/reject"
    assert client.post(url, data={"csrf": "forged"}, follow_redirects=False).status_code == 403
    assert client.post(url, data={"csrf": csrf}, follow_redirects=False).status_code == 401
    bad = client.post("/login", data={"csrf": csrf, "token": "wrong"}, follow_redirects=False)
    assert bad.status_code == 401
    token = new_token(open_db(db))
    assert client.post("/login", data={"token": token}, follow_redirects=False
                       ).status_code == 403  # login needs CSRF too
    ok = client.post("/login", data={"csrf": csrf, "token": token, "next": "//evil.example"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    assert SESSION_COOKIE in client.cookies
    done = client.post(url, data={"csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert fact in {i["fact_id"] for i in client.get("/api/review").json()["items"]
                    if i["status"] == "rejected"}
    # the cookie session does not authorise the JSON API (which needs the bearer token) ...
    assert client.post(f"/api/facts/{fact}/confirm").status_code == 401
    # ... and a new token ends the session
    new_token(open_db(db))
    assert client.post(f"/review/{fact}/confirm", data={"csrf": csrf},
                       follow_redirects=False).status_code == 401


def test_oversized_bodies_are_refused(client: TestClient) -> None:
    big = "x" * (70 * 1024)
    assert client.post("/login", data={"token": big}).status_code == 413
    chunks = (b"token=" + b"x" * 40000 for _ in range(2))
    assert client.post("/login", content=chunks,
                       headers={"content-type": "application/x-www-form-urlencoded"}
                       ).status_code == 413


def test_host_header_checked_when_serving_on_loopback(db: str) -> None:
    local = TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]),
                       base_url="http://127.0.0.1")
    assert local.get("/").status_code == 200
    assert local.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_serve_refuses_remote_binding_without_the_flag(db: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    assert not is_loopback("example.com")


def test_safe_next_stays_on_site() -> None:
    assert safe_next("/facts?kind=quotes") == "/facts?kind=quotes"
    for target in ("//evil.example", "https://evil.example", "/\\evil.example", None, ""):
        assert safe_next(target) == "/"
