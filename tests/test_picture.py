"""The picture across documents, end to end: our test corpus (tests/data/picture) through the
real extractor into a real SQLite database, then consolidated, corrected and re-extracted."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app

CORPUS = Path(__file__).parent / "data" / "picture"
IMPACT = ("CAN", "Operation IMPACT", "personnel")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import read_inputs
    from sitrep.store.db import open_db, store_extraction

    path = tmp_path_factory.mktemp("picture") / "corpus.db"
    engine = open_db(str(path))
    for result in extract_documents(read_inputs([str(CORPUS)])):
        store_extraction(engine, result)
    engine.dispose()
    return str(path)


@pytest.fixture
def own_db(corpus_db: str, tmp_path: Path) -> str:
    """A private copy of the corpus database, for tests that write corrections."""
    path = tmp_path / "copy.db"
    with sqlite3.connect(corpus_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return str(path)


def figures(point):
    return sorted((v.value, v.source_count) for v in point.values)


def test_corpus_is_large_enough():
    assert len(list(CORPUS.glob("*.txt"))) >= 12


def test_coalition_size_over_time_with_the_contradiction_side_by_side(corpus_db):
    pic = sitrep.open(corpus_db).picture("Global Coalition")
    assert pic.actor.id == "GCAD"
    (series,) = pic.group_sizes
    assert [figures(p) for p in series.points] == [
        [(60, 1)], [(66, 1)], [(67, 1)], [(68, 1), (69, 1)], [(74, 1)], [(79, 1)], [(83, 1)]]
    conflicts = [p for p in series.points if p.conflict]
    assert [p.date[:7] for p in conflicts] == ["2017-03"]
    assert {s.document for v in conflicts[0].values for s in v.sources} == {
        "p08-washington-ministerial-2017", "p09-washington-other-outlet-2017"}


def test_deployments_merge_equal_figures_with_all_sources(corpus_db):
    c = sitrep.open(corpus_db).consolidated()
    points = c.deployments[IMPACT].points
    assert [(p.values[0].qualifier, p.values[0].value) for p in points] == [
        ("about", 830), ("up to", 850)]
    assert [(p.date, p.until) for p in points] == [("2016-02-09", "2016-10-26"),
                                                   ("2017-06-30", "2019-03-19")]
    assert {s.document for s in points[0].values[0].sources} == {
        "p04-new-approach-2016", "p07-paris-ministerial-2016"}
    advisers = c.deployments[("CAN", "Operation IMPACT", "advisers")].points
    assert figures(advisers[0]) == [(69, 1)]


def test_two_reports_of_one_meeting_are_one_meeting(corpus_db):
    pic = sitrep.open(corpus_db).picture("GCAD")
    brussels = [m for m in pic.meetings if m.date == "2016-02-11"]
    assert len(brussels) == 1
    assert brussels[0].source_count == 2 and brussels[0].data["chairs"] == ["USA"]
    assert "CAN" in brussels[0].data["participants"]
    assert pic.meetings_per_year == {"2014": 1, "2016": 2, "2017": 1, "2018": 1, "2019": 1,
                                     "2021": 1}


def test_person_names_resolve_to_one_person_with_roles_over_time(corpus_db):
    s = sitrep.open(corpus_db)
    ids = {s.actor(q).id for q in ("Sajjan", "Harjit S. Sajjan", "Harjit Sajjan", "S. Sajjan")}
    assert len(ids) == 1
    pic = s.picture("Sajjan")
    assert {"Harjit Sajjan", "S. Sajjan"} <= {pic.actor.name, *pic.actor.aliases}
    assert len(pic.quotes) == 4
    text_roles = [r for r in pic.actor.roles if r.origin == "text"]
    assert any(r.start == "2016-02-09" and "Defence" in r.role for r in text_roles)
    assert {r.origin for r in pic.actor.roles} == {"text", "dictionary"}


def test_role_references_resolve_by_country_role_and_date(corpus_db):
    s = sitrep.open(corpus_db)
    assert s.resolve("Canada's defence minister", "2016-02-13").name == "Harjit Sajjan"
    assert s.resolve("Canada's defence minister", "2014-10-08").name == "Rob Nicholson"
    assert s.resolve("the French defence minister", "2016-02-13") is None


def test_group_aliases_are_one_actor(corpus_db):
    s = sitrep.open(corpus_db)
    assert {s.actor(q).id for q in ("ISIL", "ISIS", "Daesh", "Islamic State")} == {"ISIL"}


def test_operation_picture_and_country_timeline(corpus_db):
    s = sitrep.open(corpus_db)
    pic = s.picture("Operation IMPACT")
    assert {tuple(x.key.values()) for x in pic.deployments} == {
        IMPACT, ("CAN", "Operation IMPACT", "advisers")}
    tl = s.timeline("CAN", operation="IMPACT")
    assert tl.operation == "Operation IMPACT"
    assert [e.date for e in tl.entries if e.kind == "deployment"] == [
        "2014-10-08", "2016-02-09", "2017-06-30"]
    json.dumps(tl.to_dict())
    json.dumps(pic.to_dict())


def _changed_extractor(document):
    """A 'newer sitrep': the real extraction with other confidences, offsets and order."""
    from sitrep.extract.pipeline import extract_document

    result = extract_document(document)
    result.facts = [dataclasses.replace(f, confidence=round(f.confidence * 0.8, 3),
                                        start=f.start + 1) for f in reversed(result.facts)]
    return result


def test_corrections_survive_reextraction(own_db):
    from sitrep.ingest import read_inputs
    from sitrep.store.db import open_db
    from sitrep.store.replace import replace_extraction

    s = sitrep.open(own_db)
    contradiction = next(r for r in s.review(kind="group_sizes", limit=None)
                         if r.data["count"] == 69)
    s.reject(contradiction.fact_id, note="the outlet miscounted")
    size_830 = next(r for r in s.review(kind="deployments", limit=None)
                    if r.data["count"] == 830 and r.document == "p07-paris-ministerial-2016")
    s.edit(size_830.fact_id, "qualifier", "nearly")
    s.split("Sajjan", "S. Sajjan")

    def check(s):
        c = s.consolidated()
        march = [p for p in c.group_sizes["GCAD"].points if p.date.startswith("2017-03")]
        assert [figures(p) for p in march] == [[(68, 1)]] and not march[0].conflict
        assert [r.id for r in c.rejected] == [contradiction.fact_id]
        qualifiers = {v.qualifier for p in c.deployments[IMPACT].points for v in p.values}
        assert "nearly" in qualifiers
        assert s.actor("S. Sajjan").id != s.actor("Harjit Sajjan").id

    check(s)
    engine = open_db(own_db)
    with engine.connect() as conn:
        before = {r[0] for r in conn.exec_driver_sql("select pk from facts")}
        n_before = conn.exec_driver_sql("select count(*) from facts").scalar()
    replaced = [replace_extraction(engine, _changed_extractor(d))
                for d in read_inputs([str(CORPUS)])]
    assert all(replaced)
    with engine.connect() as conn:
        after = {r[0] for r in conn.exec_driver_sql("select pk from facts")}
        assert conn.exec_driver_sql("select count(*) from facts").scalar() == n_before
    assert not before & after  # every fact row was written again
    s2 = sitrep.open(own_db)
    check(s2)
    assert max(r.confidence for r in s2.review(limit=None)) <= 0.8  # the new extractor's facts
    s2.undo(s2.corrections()[0].pk)
    assert s2.consolidated().group_sizes["GCAD"].points[3].conflict


def test_review_lists_least_certain_first(corpus_db):
    items = sitrep.open(corpus_db).review(limit=None)
    confidences = [i.confidence for i in items]
    assert confidences == sorted(confidences) and confidences[0] < confidences[-1]


def test_cli_picture_timeline_review_correct(own_db):
    run = CliRunner().invoke
    res = run(app, ["picture", "Global Coalition", "--json", "--db", own_db])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["actor"]["id"] == "GCAD"
    assert data["group_sizes"][0]["points"][3]["conflict"] is True
    res = run(app, ["timeline", "Sajjan", "--json", "--db", own_db])
    assert res.exit_code == 0 and json.loads(res.stdout)["actor"]["name"] == "Harjit Sajjan"
    res = run(app, ["review", "--json", "--limit", "3", "--db", own_db])
    worst = json.loads(res.stdout)[0]
    res = run(app, ["correct", "reject", worst["fact_id"], "--db", own_db])
    assert res.exit_code == 0, res.output
    res = run(app, ["correct", "list", "--json", "--db", own_db])
    assert json.loads(res.stdout)[0]["action"] == "reject"
    res = run(app, ["review", "--json", "--limit", "1", "--db", own_db])
    assert json.loads(res.stdout)[0]["corrected"]
    res = run(app, ["review", "--limit", "2", "--db", own_db])
    assert res.exit_code == 0 and "reject#" in res.stdout
    res = run(app, ["timeline", "CAN", "--operation", "IMPACT", "--db", own_db])
    assert res.exit_code == 0 and "830" in res.stdout
    assert run(app, ["picture", "Nobody At All", "--db", own_db]).exit_code == 2
    res = run(app, ["picture", "Global Coalition", "--db", own_db])
    assert res.exit_code == 0 and "CONFLICT" in res.stdout


def test_sample_corpus_picture(sample_db):
    s = sitrep.open(sample_db)
    sizes = s.picture("Global Coalition").group_sizes[0]
    assert [p.values[0].value for p in sizes.points] == [67, 68, 74, 79, 83]
    impact = s.picture("Operation IMPACT")
    personnel = next(x for x in impact.deployments if x.key["unit"] == "personnel")
    point = next(p for p in personnel.points if p.values[0].value == 830)
    assert point.values[0].source_count == 2


def test_cli_ingest_reextract_keeps_corrections(own_db):
    run = CliRunner().invoke
    s = sitrep.open(own_db)
    bad = next(r for r in s.review(kind="group_sizes", limit=None) if r.data["count"] == 69)
    s.reject(bad.fact_id)
    doc = str(CORPUS / "p09-washington-other-outlet-2017.txt")
    res = run(app, ["ingest", doc, "--reextract", "--db", own_db])
    assert res.exit_code == 0, res.output
    rejected = sitrep.open(own_db).consolidated().rejected
    assert [r.id for r in rejected] == [bad.fact_id]


def test_merge_two_actors_and_undo(own_db):
    s = sitrep.open(own_db)
    s.split("Sajjan", "S. Sajjan")
    assert s.actor("S. Sajjan").id != s.actor("Harjit Sajjan").id
    s.merge("Harjit Sajjan", "S. Sajjan", note="the same minister")
    assert s.actor("S. Sajjan").id == s.actor("Harjit Sajjan").id

    nato, coalition = s.actor("NATO").id, s.actor("Global Coalition").id
    assert nato != coalition
    n = s.merge("Global Coalition", "NATO")
    assert s.actor("NATO").id == coalition
    after = sitrep.open(own_db)  # stored, so a new reader sees it too
    assert after.actor("NATO").id == coalition
    assert after.undo(n)
    assert sitrep.open(own_db).actor("NATO").id == nato
