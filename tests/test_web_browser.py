"""The explorer in a real browser: Playwright driving Debian's Chromium against uvicorn on a
copy of the sample database. Screenshots of each page go to tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from web_support import hostile_copy, live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def db(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return hostile_copy(sample_db, tmp_path_factory.mktemp("webbrowser"))


@pytest.fixture(scope="module")
def base_url(db: str):
    from sitrep.web import create_app

    with live_server(create_app(db, allowed_hosts=["127.0.0.1"])) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, base_url: str):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors (a CSP violation is one) and script errors
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_every_page_opens(page, base_url: str) -> None:
    pages = {"home": "/", "facts": "/facts?kind=deployments",
             "document": "/document/sample-06-paris-ministerial-2016",
             "group": "/actor/Global%20Coalition%20against%20Daesh",
             "operation": "/actor/Operation%20IMPACT", "country": "/actor/CAN",
             "map": "/map", "review": "/review", "login": "/login"}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").first.is_visible()
        shot(page, name)
    assert page.problems == []
    page.goto("/")
    assert page.get_by_test_id("counts").inner_text().count("documents") == 1
    page.get_by_role("searchbox", name="Search actors and documents").fill("Operation IMPACT")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    page.get_by_role("link", name="Operation IMPACT").first.click()
    page.wait_for_url(re.compile(r"/actor/"))
    assert page.get_by_test_id("chart").count() >= 1


def test_map_draws_places_on_the_basemap(page) -> None:
    page.goto("/map")
    assert page.locator("svg.map circle.pt-attacks").count() >= 3
    assert page.locator("svg.map circle.pt-meetings").count() >= 1
    from sitrep.web.basemap import atlas_path

    assert (page.locator("svg.map path.land").count() == 1) == (atlas_path() is not None)
    page.locator("svg.map circle").last.click()  # drawn last: on top
    assert re.search(r"#place-\d+$", page.url)


def test_chart_point_leads_to_highlighted_evidence(page) -> None:
    page.goto("/actor/" + quote("Global Coalition against Daesh"))
    point = page.locator("svg.chart a.pointlink").first
    label = point.locator("title").text_content()
    evidence = label.split(": ", 2)[-1]  # "...; DOCUMENT: EVIDENCE"
    point.click()
    page.wait_for_url(re.compile(r"/document/.*span=\d+-\d+#evidence"))
    selected = page.locator("mark.fact.selected")
    assert selected.count() >= 1 and selected.first.is_visible()
    text = " ".join(selected.all_inner_texts())
    assert evidence[:40] in re.sub(r"\s+", " ", text)
    assert page.locator("#evidence").count() == 1
    assert page.problems == []
    shot(page, "evidence")


def test_filter_the_facts_table(page) -> None:
    page.goto("/facts")
    total = int(page.get_by_test_id("total").inner_text().split()[0])
    page.get_by_label("Kind").select_option("deployments")  # our script submits on change
    page.wait_for_url(re.compile(r"kind=deployments"))
    page.get_by_label("Country").fill("CAN")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"country=CAN"))
    rows = page.get_by_test_id("facts-table").locator("tbody tr")
    assert 0 < rows.count() < total
    assert set(rows.locator("td.country").all_inner_texts()) == {"CAN"}
    assert set(rows.locator("td:first-child").all_inner_texts()) == {"deployments"}
    page.get_by_role("link", name=re.compile("^conf")).click()
    page.wait_for_url(re.compile(r"sort=confidence"))
    values = [float(v) for v in rows.locator("td.num").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    shot(page, "facts-filtered")


def test_correct_a_fact_with_the_token(page, db: str) -> None:
    from sitrep.store.db import open_db
    from sitrep.web.security import new_token

    page.goto("/review?kind=deployments")
    assert page.get_by_role("button", name="Confirm").count() == 0  # reading needs no token
    token = new_token(open_db(db))
    page.get_by_role("link", name="sign in with the token").click()
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/review\?kind=deployments"))
    item = page.locator("li.item").first
    fact = item.get_attribute("data-fact")
    item.locator("summary").click()
    item.get_by_label("Field").select_option("count")
    item.get_by_label("Value").fill("777")
    item.get_by_role("button", name="Save correction").click()
    page.wait_for_url(re.compile(r"/review"))
    corrected = page.locator(f'li.item[data-fact="{fact}"]')
    assert "corrected" in corrected.inner_text() and "777" in corrected.inner_text()
    shot(page, "review-corrected")
    page.goto("/facts?kind=deployments&per_page=500")
    row = page.locator(f'tr[data-fact="{fact}"]')
    assert "777" in row.inner_text() and "corrected" in row.inner_text()
    country = row.locator("td.country").inner_text()
    page.goto(f"/actor/{country}")
    titles = " ".join(page.locator("svg.chart circle title").all_text_contents())
    assert "777" in titles
    # reject another: it is struck through on the review page
    page.goto("/review?kind=quotes")
    other = page.locator("li.item").first
    other_id = other.get_attribute("data-fact")
    other.get_by_role("button", name="Reject").click()
    page.wait_for_url(re.compile(r"/review"))
    assert "status-rejected" in page.locator(
        f'li.item[data-fact="{other_id}"]').get_attribute("class")
    assert page.problems == []


def test_hostile_document_runs_no_script(page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in ("/document/hostile", "/", "/facts?per_page=500", "/search?q=Hostile"):
        page.goto(url)
        assert page.evaluate("() => window.__pwned === undefined"), url
    page.goto("/document/hostile")
    text = page.get_by_test_id("doc-text").inner_text()
    assert "<script>window.__pwned = 'text'</script>" in text
    assert "<img src=x onerror=" in text
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator("article script, article img").count() == 0
    assert dialogs == []
    shot(page, "hostile-document")
