"""The JSON API (FastAPI's test client) on the sample corpus stored in SQLite and in
PostgreSQL (skipped when no server is available), and schemathesis against its OpenAPI
description."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_support import copy_db, store_all

from sitrep.store.db import counts, open_db
from sitrep.web import create_app
from sitrep.web.security import new_token


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, sample_db: str,
       tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample corpus in a database of its own on each backend."""
    if request.param == "sqlite":
        yield copy_db(sample_db, tmp_path_factory.mktemp("webapi"))
        return
    from pg import fresh_database

    with fresh_database(request.getfixturevalue("pg_admin_url")) as url:
        yield store_all(url, request.getfixturevalue("sample_extractions"))


@pytest.fixture(scope="module")
def app(db: str):
    return create_app(db)


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


def test_home_counts_documents_groups_operations(client: TestClient, db: str) -> None:
    data = client.get("/api/home").json()
    assert data["counts"] == counts(open_db(db))
    assert len(data["latest"]) == 10
    published = [d["published"] for d in data["latest"]]
    assert published == sorted(published, reverse=True)
    assert "GCAD" in {g["code"] for g in data["groups"]}
    assert "Operation IMPACT" in {o["name"] for o in data["operations"]}


def test_search_finds_actor_and_documents(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Karrada"}).json()
    assert [d["id"] for d in data["documents"]] == ["sample-05-karrada-bombing-2016"]
    assert client.get("/api/search", params={"q": "Canada"}).json()["actor"]["id"] == "CAN"
    assert client.get("/api/search", params={"q": "%"}).json()["documents"] == []


def test_facts_filter_sort_and_page(client: TestClient) -> None:
    data = client.get("/api/facts", params={"kind": "deployments", "country": "can"}).json()
    assert data["total"] > 0
    assert {f["kind"] for f in data["facts"]} == {"deployments"}
    assert {f["country"] for f in data["facts"]} == {"CAN"}
    ranged = client.get("/api/facts", params={"date_from": "2016", "date_to": "2016-12"}).json()
    assert ranged["total"] > 0
    assert all("2016" <= f["date"] < "2017" for f in ranged["facts"])
    conf = client.get("/api/facts", params={"min_confidence": "0.8", "sort": "confidence",
                                            "order": "asc", "per_page": 500}).json()
    values = [f["confidence"] for f in conf["facts"]]
    assert values == sorted(values) and values[0] >= 0.8
    first = client.get("/api/facts", params={"per_page": 10, "page": 1}).json()
    second = client.get("/api/facts", params={"per_page": 10, "page": 2}).json()
    assert first["total"] == second["total"] and first["pages"] == -(-first["total"] // 10)
    assert not {f["pk"] for f in first["facts"]} & {f["pk"] for f in second["facts"]}
    for bad in ({"per_page": 0}, {"per_page": 501}, {"kind": "nonsense"},
                {"date_from": "2016-1"}, {"min_confidence": "2"}, {"page": 0}):
        assert client.get("/api/facts", params=bad).status_code == 422, bad


def test_facts_downloads(client: TestClient) -> None:
    total = client.get("/api/facts", params={"kind": "events"}).json()["total"]
    response = client.get("/api/facts.csv", params={"kind": "events"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and {r["kind"] for r in rows} == {"events"}
    as_json = client.get("/api/facts.json", params={"kind": "events"}).json()
    assert [f["pk"] for f in as_json] == [int(r["pk"]) for r in rows]


def test_document_with_mentions_and_facts(client: TestClient) -> None:
    doc = client.get("/api/documents/sample-01-impact-launch-2014").json()
    assert client.get(f"/api/documents/{doc['hash']}").json()["id"] == doc["id"]
    assert doc["facts"] and doc["mentions"]
    for f in doc["facts"]:
        assert doc["text"][f["start"]:f["end"]].strip() == f["evidence"].strip()
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert client.get("/api/documents/nope").status_code == 404


def test_actor_picture_and_timeline(client: TestClient) -> None:
    pic = client.get("/api/actors/Global Coalition against Daesh").json()
    assert pic["actor"]["id"] == "GCAD"
    sizes = [v["value"] for p in pic["group_sizes"][0]["points"] for v in p["values"]]
    assert 67 in sizes and 68 in sizes
    op = client.get("/api/actors/Operation IMPACT").json()
    assert op["deployments"] and op["actor"]["type"] == "operation"
    timeline = client.get("/api/actors/CAN/timeline").json()
    dates = [e["date"] for e in timeline["entries"]]
    assert dates == sorted(dates)
    assert client.get("/api/actors/no such actor").status_code == 404


def test_map_places_attacks_and_meetings(client: TestClient) -> None:
    data = client.get("/api/map").json()
    assert set(data["kinds"]) == {"attacks", "meetings"}
    by_name = {p["name"]: p for p in data["points"]}
    paris = by_name["Paris"]
    assert paris["kind"] == "attacks" and abs(paris["lat"] - 48.85) < 0.2
    assert abs(paris["lon"] - 2.35) < 0.2
    assert any(p["kind"] == "meetings" for p in data["points"])
    events = client.get("/api/map", params={"kind": "events"}).json()
    assert events["points"] and {p["kind"] for p in events["points"]} == {"events"}
    for p in data["points"] + events["points"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180


def test_review_least_certain_first(client: TestClient) -> None:
    data = client.get("/api/review").json()
    values = [i["confidence"] for i in data["items"]]
    assert values == sorted(values) and len(values) == 25
    only = client.get("/api/review", params={"kind": "quotes"}).json()
    assert {i["kind"] for i in only["items"]} == {"quotes"}


def test_writes_need_the_token_and_show_everywhere(client: TestClient, db: str) -> None:
    dep = client.get("/api/facts", params={"kind": "deployments", "country": "CAN",
                                           "sort": "confidence"}).json()["facts"][0]
    url = f"/api/facts/{dep['fact_id']}/edit"
    body = {"field": "count", "value": 4321, "note": "analyst check"}
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": "Bearer wrong"}
                       ).status_code == 401
    token = new_token(open_db(db))
    auth = {"Authorization": f"Bearer {token}"}
    done = client.post(url, json=body, headers=auth)
    assert done.status_code == 200 and done.json()["correction"] > 0
    row = next(f for f in client.get("/api/facts", params={"kind": "deployments",
                                                           "per_page": 500}).json()["facts"]
               if f["pk"] == dep["pk"])
    assert row["data"]["count"] == 4321 and row["status"] == "corrected"
    pic = client.get("/api/actors/CAN").json()
    figures = {v["value"] for s in pic["deployments"] for p in s["points"] for v in p["values"]}
    assert 4321 in figures
    # reject, by pk this time; the fact is flagged and leaves the picture
    quote = client.get("/api/facts", params={"kind": "quotes"}).json()["facts"][0]
    assert client.post(f"/api/facts/{quote['pk']}/reject", headers=auth).status_code == 200
    again = client.get("/api/documents/" + quote["doc_hash"]).json()
    assert next(f for f in again["facts"] if f["pk"] == quote["pk"])["status"] == "rejected"
    ids = {i["fact_id"] for i in client.get("/api/review", params={"kind": "quotes"}
                                            ).json()["items"] if i["status"] == "rejected"}
    assert quote["fact_id"] in ids
    # confirm drops it from the review queue
    first = client.get("/api/review").json()["items"][0]
    assert client.post(f"/api/facts/{first['fact_id']}/confirm", headers=auth).status_code == 200
    assert first["fact_id"] not in {i["fact_id"] for i in client.get("/api/review").json()[
        "items"]}
    assert client.post("/api/facts/000000000000/reject", headers=auth).status_code == 404


def test_nul_characters_get_422_and_store_nothing(client: TestClient, db: str) -> None:
    """A NUL in a path, query or correction (PostgreSQL refuses one) is the client's error."""
    for url in ("/api/search?q=%00", "/api/search?q=Canada%00", "/api/documents/%00abc",
                "/api/actors/CAN%00", "/api/actors/%00/timeline", "/search?q=%00",
                "/document/%00", "/api/facts?kind=quotes&country=%00"):
        assert client.get(url).status_code == 422, url
    detail = client.get("/api/search", params={"q": "Iraq\x00"}).json()["detail"]
    assert detail[0]["loc"] == ["query", "q"] and "NUL" in detail[0]["msg"]
    assert client.get("/api/search", params={"q": "Iraq"}).status_code == 200
    from sitrep.picture.corrections import list_corrections

    before = len(list_corrections(open_db(db)))
    auth = {"Authorization": f"Bearer {new_token(open_db(db))}"}
    fact = client.get("/api/facts", params={"kind": "quotes"}).json()["facts"][0]["pk"]
    for body in ({"note": "bad\x00note"}, {"field": "text", "value": "a\x00b"},
                 {"field": "speakers", "value": ["ok", {"x": "\x00"}]}):
        action = "edit" if "field" in body else "reject"
        done = client.post(f"/api/facts/{fact}/{action}", json=body, headers=auth)
        assert done.status_code == 422, body
    assert len(list_corrections(open_db(db))) == before


def test_openapi_describes_every_json_twin(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/home", "/api/search", "/api/facts", "/api/facts.csv", "/api/facts.json",
                 "/api/documents/{ref}", "/api/actors/{query}", "/api/actors/{query}/timeline",
                 "/api/map", "/api/review", "/api/facts/{fact}/{action}"):
        assert path in paths, path
    assert not any(p.startswith(("/facts", "/review", "/login")) for p in paths)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def _run_operation(operation) -> None:
    """Up to 8 generated requests against one operation, each response checked."""

    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


def test_schemathesis_get_endpoints(app) -> None:
    """Every GET endpoint with generated parameters: no server error; status codes, content
    types and bodies as the OpenAPI description says. (schemathesis's pytest plugin does not
    run under pytest 9, so the operations are driven through hypothesis here.)"""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        _run_operation(operation)
