"""What makes queries fast at size gives the answers they gave before, on SQLite and PostgreSQL:
row counts kept by triggers (migration 0004), document search through its index, the facts
table sorted by nullable columns off the newest-first indexes, and pictures and timelines
stored for the next process (migration 0005)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from alembic import command
from sqlalchemy import delete, func, insert, inspect, or_, select, text, update

import sitrep
from sitrep.store import schema
from sitrep.store.db import _count_rows, _fact_row, counts, open_db
from sitrep.store.migrate import _config, current_revision, head_revision
from sitrep.web import queries

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import rows as synth_rows  # noqa: E402

D, F = schema.documents, schema.facts
TITLES = ["Zürich talks", "ZÜRICH TALKS", "100% sure", "a_b c", "back\\slash", None, "Ünïcode",
          "Operation IMPACT update", "release", "Re: Release"]


def fill(engine, n_docs: int = 60, seed: int = 3) -> None:
    """Synthetic documents (bench/synth.py) plus odd titles, undated documents and undated
    facts, written with plain INSERTs as an older sitrep or another tool might."""
    rng = random.Random(seed)
    docs, mentions, facts = [], [], []
    for i, (doc, ms, fs) in enumerate(synth_rows(n_docs * 10, seed=seed)):
        if i % 7 == 0:
            doc["published"] = None
        if i < len(TITLES) * 2:
            doc["title"] = TITLES[i % len(TITLES)]
        for f in fs:
            if rng.random() < 0.2:
                f["date"] = None
            if rng.random() < 0.1:
                f["country"] = None
        docs.append(doc)
        mentions += ms
        facts += fs
    extra = SimpleNamespace(kind="persons", data={"name": "X"}, start=0, end=1, evidence="X",
                            confidence=0.5)
    facts.append(_fact_row(docs[0]["hash"], extra))
    with engine.begin() as conn:
        conn.execute(insert(D), docs)
        conn.execute(insert(schema.mentions), mentions)
        conn.execute(insert(F), facts)


@pytest.fixture
def engine(db_url):
    engine = open_db(db_url)
    fill(engine)
    yield engine
    engine.dispose()


def _counted(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return _count_rows(conn)


def test_counts_follow_inserts_deletes_updates_and_reextraction(engine) -> None:
    assert counts(engine) == _counted(engine)
    assert counts(engine)["documents"] == 60 and counts(engine)["persons"] > 0
    first = engine.connect().execute(select(D.c.hash).order_by(D.c.hash).limit(3)).scalars().all()
    with engine.begin() as conn:
        conn.execute(delete(D).where(D.c.hash == first[0]))  # cascades to mentions and facts
        conn.execute(delete(F).where(F.c.doc_hash == first[1], F.c.kind == "events"))
        conn.execute(update(F).where(F.c.doc_hash == first[2]).values(kind="quotes"))
    assert counts(engine) == _counted(engine)
    with pytest.raises(RuntimeError), engine.begin() as conn:  # rolled back: counts too
        conn.execute(delete(F))
        raise RuntimeError
    assert counts(engine) == _counted(engine)
    with engine.begin() as conn:
        conn.execute(delete(F))
    assert counts(engine) == _counted(engine) == {"documents": 59, "mentions": 118}


def test_counts_after_store_and_reextract(engine) -> None:
    from sitrep.extract.pipeline import extract_document
    from sitrep.ingest import make_document
    from sitrep.store.db import store_extraction
    from sitrep.store.replace import replace_extraction

    doc = make_document("Canada deployed 200 soldiers to Latvia in 2017. Ministers met in "
                        "Brussels.", id="new", published="2017-06-19")
    assert store_extraction(engine, extract_document(doc))
    assert counts(engine) == _counted(engine)
    assert replace_extraction(engine, extract_document(doc))
    assert counts(engine) == _counted(engine)


def test_truncate_clears_the_counts(engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE documents, mentions, facts"))
    assert counts(engine) == _counted(engine) == {"documents": 0, "mentions": 0}
    fill(engine)
    assert counts(engine) == _counted(engine)


def test_migration_0004_on_a_filled_database(db_url, tmp_path, monkeypatch) -> None:
    """A database at 0003 with facts (written without triggers) is upgraded: counts taken
    from the tables, indexes made, and the search gives what the plain scan gives."""
    monkeypatch.setenv("SITREP_BACKUP_DIR", str(tmp_path))  # pg_dump before the upgrade
    engine = open_db(db_url)
    with engine.begin() as conn:
        command.downgrade(_config(conn), "0003")
    with engine.connect() as conn:
        assert current_revision(conn) == "0003"
    fill(engine)
    before = _counted(engine)
    engine.dispose()
    upgraded = open_db(db_url)
    with upgraded.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert counts(upgraded) == before
    names = {i["name"] for t in ("documents", "facts")
             for i in inspect(upgraded).get_indexes(t)}
    assert {"ix_facts_date_desc", "ix_documents_published_desc", "ix_documents_search"} <= names
    for q in ("zürich", "release", "IMPACT", "1"):
        got, want = queries.search_documents(upgraded, q, limit=500), _search_by_scan(upgraded, q)
        assert [r["published"] for r in got] == [r["published"] for r in want]
        assert sorted(r["hash"] for r in got) == sorted(r["hash"] for r in want)


def _search_by_scan(engine, q: str, limit: int = 500) -> list[dict]:
    """The search as it was before migration 0004: ILIKE over every document."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (select(D.c.hash, D.c.id, D.c.title, D.c.published)
             .where(or_(D.c.title.ilike(pattern, escape="\\"), D.c.id.ilike(pattern, escape="\\")))
             .order_by(D.c.published.desc().nulls_last()).limit(limit))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


@pytest.mark.parametrize("few", [1000, 3])
def test_search_gives_what_the_scan_gave(engine, monkeypatch, few: int) -> None:
    monkeypatch.setattr(queries, "SEARCH_FEW", few)  # both SQLite paths
    for q in ("zürich", "ZÜRICH", "Ü", "100%", "%", "a_b", "_", "back\\slash", "\\", "re",
              "Release", "release 1", "IMPACT", "bench-1", "bench-12", "nothing like it", "e"):
        got = queries.search_documents(engine, q, limit=20)
        want = _search_by_scan(engine, q, limit=20)
        assert [r["published"] for r in got] == [r["published"] for r in want], q
        full = {r["hash"] for r in _search_by_scan(engine, q)}
        assert {r["hash"] for r in got} <= full, q
        last = want[-1]["published"] if want else None  # ties at the cut may differ
        assert ({r["hash"] for r in got if r["published"] != last}
                == {r["hash"] for r in want if r["published"] != last}), q


def _reference(engine, flt: queries.FactFilter) -> list[int]:
    """The facts table's pks for the filter, sorted in Python: the column (undated last in
    both orders), then pk in the same direction."""
    with engine.connect() as conn:
        rows = conn.execute(select(F.c.pk, F.c.date, F.c.country, F.c.confidence,
                                   D.c.published).join(D, D.c.hash == F.c.doc_hash)
                            .where(*flt.where())).all()
    col = {"date": 1, "country": 2, "confidence": 3, "published": 4, "pk": 0}[flt.sort]
    desc = flt.order == "desc"
    present = sorted((r for r in rows if r[col] is not None), key=lambda r: (r[col], r[0]),
                     reverse=desc)
    missing = sorted((r for r in rows if r[col] is None), key=lambda r: r[0], reverse=desc)
    return [r[0] for r in present + missing]


@pytest.mark.parametrize("sort", ["date", "published", "country", "confidence", "pk"])
def test_sorted_pages_match_a_python_sort(engine, sort: str) -> None:
    for order in ("desc", "asc"):
        for extra in ({}, {"kind": "events"}, {"min_confidence": 0.5}):
            flt = queries.FactFilter(sort=sort, order=order, per_page=37, **extra)
            want = _reference(engine, flt)
            pages = -(-len(want) // flt.per_page)
            for page in {1, 2, pages // 2, pages // 2 + 1, pages - 1, pages} - {0}:
                flt.page = page
                total, got = queries.facts_page(engine, flt)
                assert total == len(want)
                assert [r["pk"] for r in got] == want[(page - 1) * 37:page * 37], (
                    sort, order, extra, page)


ACTORS = ("CAN", "NATO", "Operation IMPACT", "Global Coalition against Daesh", "IRQ")


def test_stored_pictures_answer_as_the_consolidation_does(engine, monkeypatch) -> None:
    url = engine.url.render_as_string(hide_password=False)
    fresh = sitrep.open(url)
    want = {a: (fresh.picture(a).to_dict(), fresh.timeline(a).to_dict(),
                fresh.timeline(a, operation="IMPACT").to_dict()) for a in ACTORS}
    for _ in range(2):  # built and stored, then read back
        for a in ACTORS:
            s = sitrep.open(url)
            assert s.stored_picture(a).to_dict() == want[a][0]
            assert s.stored_timeline(a).to_dict() == want[a][1]
            assert s.stored_timeline(a, "IMPACT").to_dict() == want[a][2]
        with pytest.raises(LookupError):
            sitrep.open(url).stored_picture("Nobody At All")

    import sitrep.picture.api as api

    def no_consolidation(*_a, **_k):
        raise AssertionError("consolidated although the store is unchanged")

    monkeypatch.setattr(api, "consolidate", no_consolidation)
    assert sitrep.open(url).stored_picture("CAN").to_dict() == want["CAN"][0]
    with pytest.raises(LookupError):
        sitrep.open(url).stored_picture("Nobody At All")
    monkeypatch.undo()

    # a correction changes the store: the next answer is consolidated afresh, with it
    s = sitrep.open(url)
    quote = s.picture("CAN").quotes[0].sources[0].fact_id
    s.reject(quote)
    now = sitrep.open(url).stored_picture("CAN").to_dict()
    assert now == sitrep.open(url).picture("CAN").to_dict() != want["CAN"][0]
    with engine.connect() as conn:  # answers of the earlier store were dropped
        versions = conn.execute(select(func.count(func.distinct(schema.stored_answers.c.version)))
                                ).scalar()
    assert versions == 1


def test_cli_picture_and_timeline_twice_print_the_same(engine) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    url = engine.url.render_as_string(hide_password=False)
    run = CliRunner().invoke
    for args in (["picture", "CAN", "--json"], ["picture", "NATO"],
                 ["timeline", "CAN", "--operation", "IMPACT"], ["timeline", "IRQ", "--json"]):
        first = run(app, [*args, "--db", url])
        again = run(app, [*args, "--db", url])
        assert first.exit_code == again.exit_code == 0, first.output
        assert first.stdout == again.stdout
    assert run(app, ["picture", "Nobody At All", "--db", url]).exit_code == 2
    assert run(app, ["picture", "Nobody At All", "--db", url]).exit_code == 2


def _without_sources(value):
    if isinstance(value, list):
        return [_without_sources(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_sources(v) for k, v in value.items() if k != "sources"}
    return value


def _most_sources(value) -> int:
    """The most sources any item in `value` holds."""
    if isinstance(value, list):
        return max((_most_sources(v) for v in value), default=0)
    if isinstance(value, dict):
        return max([len(value.get("sources") or [])]
                   + [_most_sources(v) for k, v in value.items() if k != "sources"])
    return 0


def _assert_first_sources(short, whole, n: int) -> None:
    """Every item of `short` holds the first `n` sources of its twin in `whole`."""
    if isinstance(short, list):
        for a, b in zip(short, whole, strict=True):
            _assert_first_sources(a, b, n)
    elif isinstance(short, dict):
        if "sources" in short:
            assert short["sources"] == whole["sources"][:n]
        for k, v in short.items():
            if k != "sources":
                _assert_first_sources(v, whole[k], n)


def test_short_answers_are_the_whole_ones_cut(engine, monkeypatch) -> None:
    """What `sitrep picture` and `timeline` show by default: each list's first items, read
    from a stored short answer, with counts of the rest; pages of a timeline are its slices."""
    from typer.testing import CliRunner

    import sitrep.cli as cli
    import sitrep.picture.stored as stored_answers

    assert cli.HEAD == stored_answers.HEAD
    url = engine.url.render_as_string(hide_password=False)
    whole = sitrep.open(url).picture("CAN").to_dict()
    lines = sitrep.open(url).timeline("CAN").to_dict()["entries"]
    assert len(lines) > 7 and len(whole["meetings"]) > 3
    assert _most_sources(whole) > 1
    monkeypatch.setattr(stored_answers, "HEAD", 3)
    monkeypatch.setattr(stored_answers, "HEAD_SOURCES", 1)
    for _ in range(2):  # built and stored, then read back
        short = sitrep.open(url).stored_picture("CAN", limit=3).to_dict()
        for name, items in whole.items():
            if isinstance(items, list):
                assert _without_sources(short[name]) == _without_sources(items[:3])
                _assert_first_sources(short[name], items[:3], 1)
                assert short.get("omitted", {}).get(name, 0) == max(0, len(items) - 3)
    with engine.connect() as conn:
        heads = conn.execute(select(func.count()).select_from(schema.stored_answers).where(
            schema.stored_answers.c.question == '["picture", "CAN"]')).scalar()
    assert heads == 2  # the whole answer and its head
    monkeypatch.setattr(stored_answers, "HEAD", 100_000)  # every item, one source each
    every = sitrep.open(url).stored_picture("CAN", limit=100_000)
    assert _without_sources(every.to_dict()) == _without_sources(whole) and _most_sources(
        every.to_dict()) == 1
    _assert_first_sources(every.to_dict(), whole, 1)
    page = sitrep.open(url).stored_timeline("CAN", limit=4, offset=5).to_dict()
    assert page["entries"] == lines[5:9] and page["omitted"] == {"entries": len(lines) - 4}
    assert sitrep.open(url).stored_timeline("CAN").to_dict()["entries"] == lines

    run = CliRunner().invoke
    res = run(cli.app, ["timeline", "CAN", "--limit", "2", "--offset", "1", "--db", url])
    assert res.exit_code == 0 and f"entries 2–3 of {len(lines):,}" in res.stdout
    res = run(cli.app, ["timeline", "CAN", "--all", "--json", "--db", url])
    assert res.exit_code == 0 and "omitted" not in res.stdout
    res = run(cli.app, ["picture", "CAN", "--limit", "1", "--db", url])
    assert res.exit_code == 0 and f"{len(whole['meetings']) - 1:,} more meetings" in res.stdout


def test_server_keeps_a_large_consolidation_out_of_the_collector(tmp_path, monkeypatch) -> None:
    """The web server freezes a large consolidation (gc.freeze) and unfreezes it when the
    store changes, so the replaced one can be collected; answers are unchanged."""
    import gc

    from sitrep.web import app as web_app

    engine = open_db(str(tmp_path / "gc.db"))
    fill(engine)
    monkeypatch.setattr(web_app, "FREEZE_FACTS", 1)
    state = web_app.State(engine)
    try:
        want = sitrep.open(str(tmp_path / "gc.db")).picture("CAN").to_dict()
        assert state.picture_api().picture("CAN").to_dict() == want
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        frozen = gc.get_freeze_count()
        assert state.picture_api() is state.sitrep and gc.get_freeze_count() == frozen
        s = sitrep.open(str(tmp_path / "gc.db"))
        s.reject(s.picture("CAN").quotes[0].sources[0].fact_id)  # the store changes
        assert state.picture_api().picture("CAN").to_dict() == s.picture("CAN").to_dict()
        assert state._frozen and gc.isenabled()
    finally:
        gc.unfreeze()
