"""Query latency at size: N synthetic facts (default 1,000,000) in SQLite and PostgreSQL, and
the queries the CLI and the web pages issue, each timed `--repeat` times.

    .venv/bin/python bench/queries.py [--facts 1000000] [--backend sqlite|postgresql|both]

The SQLite file (`--db`) and the PostgreSQL data directory (`--pg-dir`, or `SITREP_BENCH_PG`)
are kept and reused while they hold N facts. Prints p50/p95/max in ms per query and backend,
and the one-off consolidation (read + merge every fact) separately."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import build_postgresql, build_sqlite  # noqa: E402

from sitrep.picture.api import Sitrep  # noqa: E402
from sitrep.store.db import counts, query_facts  # noqa: E402
from sitrep.web import queries as web  # noqa: E402
from sitrep.web.app import State  # noqa: E402
from sitrep.web.routes.review import review_items  # noqa: E402

try:
    from sitrep.picture.stored import HEAD, stored
except ImportError:  # a sitrep from before stored answers (migration 0005), for comparison
    stored = None

BUDGET_MS = 50.0
ACTORS = ["CAN", "USA", "IRQ", "Global Coalition against Daesh", "NATO", "Operation IMPACT",
          "ISIS"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


class Timer:
    """Runs each query `repeat` times (fewer once `cap_s` is spent) and keeps the figures."""

    only: re.Pattern[str] | None = None  # `--only`: time just the queries it finds

    def __init__(self, backend: str, repeat: int, cap_s: float = 15.0) -> None:
        self.backend, self.repeat, self.cap_s = backend, repeat, cap_s
        self.rows: list[tuple[str, str, float, float, float, float]] = []

    def run(self, name: str, fn: Callable[[int], Any]) -> None:
        if self.only is not None and not self.only.search(name):
            return
        t = time.perf_counter()
        fn(0)
        first = (time.perf_counter() - t) * 1000
        times: list[float] = []
        spent = time.perf_counter()
        for i in range(1, self.repeat + 1):
            t = time.perf_counter()
            fn(i)
            times.append((time.perf_counter() - t) * 1000)
            if time.perf_counter() - spent > self.cap_s and len(times) >= 3:
                break
        row = (name, self.backend, first, statistics.median(times),
               _percentile(times, 0.95), max(times))
        self.rows.append(row)
        print(_line(row), flush=True)


def _line(row: tuple[str, str, float, float, float, float]) -> str:
    name, backend, first, p50, p95, worst = row
    mark = "ok" if p95 <= BUDGET_MS else "SLOW"
    return f"{name:48} {backend:10} {first:9.1f} {p50:9.1f} {p95:9.1f} {worst:9.1f}  {mark}"


def _header() -> str:
    return (f"{'query':48} {'backend':10} {'first ms':>9} {'p50 ms':>9} {'p95 ms':>9} "
            f"{'max ms':>9}")


def bench(engine: Any, backend: str, n_facts: int, repeat: int) -> Timer:
    """Time every query against one database."""
    rng = random.Random(1)
    n_docs = n_facts // 10
    timer = Timer(backend, repeat)
    print(_header())

    def facts(**kw: Any) -> Callable[[int], Any]:
        return lambda i: web.facts_page(engine, web.FactFilter(**kw))

    # the command line
    timer.run("cli facts deployments --limit 50",
              lambda i: list(query_facts(engine, "deployments", limit=50)))
    timer.run("cli facts events --country CAN --limit 50",
              lambda i: list(query_facts(engine, "events", country="CAN", limit=50)))
    timer.run("cli facts attacks --country IRQ --limit 50",
              lambda i: list(query_facts(engine, "attacks", country="IRQ", limit=50)))
    timer.run("cli summary counts", lambda i: counts(engine))
    timer.run("cli summary key facts (latest 20 group sizes, deployments)",
              lambda i: [list(query_facts(engine, k, limit=20))
                         for k in ("group_sizes", "deployments")])
    # the web pages' queries
    timer.run("web home", lambda i: web.home(engine))
    timer.run("web facts (no filter, page 1)", facts())
    timer.run("web facts kind=deployments country=CAN sort=conf",
              facts(kind="deployments", country="CAN", sort="confidence"))
    timer.run("web facts kind=events date=2016", facts(kind="events", date_from="2016",
                                                       date_to="2016"))
    timer.run("web facts min_confidence=0.9 sort=date", facts(min_confidence=0.9, sort="date"))
    timer.run("web facts sort=published", facts(sort="published"))
    timer.run("web facts sort=date order=asc", facts(sort="date", order="asc"))
    timer.run("web facts sort=country", facts(sort="country"))
    timer.run("web facts sort=country order=asc", facts(sort="country", order="asc"))
    timer.run("web facts kind=events sort=date", facts(kind="events", sort="date"))
    timer.run("web facts country=CAN sort=date", facts(country="CAN", sort="date"))
    timer.run("web facts kind=deployments 2016..2018 sort=date",
              facts(kind="deployments", date_from="2016", date_to="2018", sort="date"))
    timer.run("web facts kind=attacks country=IRQ sort=conf asc",
              facts(kind="attacks", country="IRQ", sort="confidence", order="asc"))
    timer.run("web facts per_page=500", facts(per_page=500))
    timer.run("web facts document=<random>", lambda i: web.facts_page(engine, web.FactFilter(
        document=f"{rng.randrange(n_docs):064x}")))
    timer.run("web facts page=1500", facts(page=1500))
    deep = max(1, n_facts // 50 - 10)
    timer.run(f"web facts page={deep} (last pages)", facts(page=deep))
    timer.run("web facts kind=quotes page=1000", facts(kind="quotes", page=1000))
    timer.run("web facts countries (filter choices)", lambda i: web.facts_countries(engine, None))
    timer.run("web facts countries kind=events",
              lambda i: web.facts_countries(engine, "events"))
    timer.run("web document (random)",
              lambda i: web.document(engine, f"bench-{rng.randrange(n_docs)}"))
    timer.run("web map (attacks, meetings)", lambda i: web.map_points(engine))
    timer.run("web map (events)", lambda i: web.map_points(engine, ("events",)))
    timer.run("web search q=release 12345",
              lambda i: web.search_documents(engine, f"release {rng.randrange(n_docs)}"))
    timer.run("web search q=bench-4242 (document id)",
              lambda i: web.search_documents(engine, f"bench-{rng.randrange(n_docs)}"))
    timer.run("web search q=Operation Shader (1 in 6)",
              lambda i: web.search_documents(engine, "Operation Shader"))
    timer.run("web search q=re (short, everywhere)", lambda i: web.search_documents(engine, "re"))
    timer.run("web search q=no such words", lambda i: web.search_documents(engine, "no such words"))

    state = State(engine)
    started = time.perf_counter()
    api = state.picture_api()  # as `sitrep serve` starts: consolidate, index, review order
    total_s = time.perf_counter() - started
    c = api.consolidated()
    print(f"{'one-off: consolidation (all facts)':48} {backend:10} "
          f"{c.seconds * 1000:9.0f}  ({len(c.facts):,} facts, "
          f"{len(c.facts) / c.seconds:,.0f} facts/s)", flush=True)
    print(f"{'one-off: actor index + review order':48} {backend:10} "
          f"{(total_s - c.seconds) * 1000:9.0f}", flush=True)
    timer.run("web store-changed check (per request)", lambda i: state.picture_api())

    def search_page(q: str) -> Any:
        with contextlib.suppress(LookupError):
            state.picture_api().actor(q)
        return web.search_documents(engine, q)

    timer.run("web search page q=NATO (actor + documents)", lambda i: search_page("NATO"))
    timer.run("review queue page 1", lambda i: review_items(state.picture_api(), None, 0, 25))
    timer.run("review queue kind=quotes page 40",
              lambda i: review_items(state.picture_api(), "quotes", 975, 1000))
    timer.run("cli review --limit 20", lambda i: api.review(limit=20))
    person = max(c.actors.persons.values(), key=lambda p: len(p.docs)).id  # most cited
    actors = [*ACTORS, person]
    for actor in actors:
        timer.run(f"picture {actor}", lambda i, a=actor: api.picture(a))
    for actor in actors:
        timer.run(f"timeline {actor}", lambda i, a=actor: api.timeline(a))
    timer.run("timeline CAN --operation IMPACT",
              lambda i: api.timeline("CAN", operation="IMPACT"))
    for actor in ("CAN", "NATO"):
        timer.run(f"picture {actor} as dict (web API body)",
                  lambda i, a=actor: api.picture_dict(a))
        print(f"  ({len(json.dumps(api.picture_dict(actor))) / 1e6:.1f} MB of JSON)")

    # `sitrep picture` / `sitrep timeline` are new processes: each reads the answer stored by
    # the first process that asked (picture/stored.py), timed here as a new Sitrep reading
    # it (the consolidation above is frozen out of the garbage collector's sight, as in the
    # server, so it does not slow these down). Stored from that consolidation, as the first
    # process would have after consolidating. The size is the answer's JSON.
    if stored is None:
        print("cli picture / timeline (new process): each consolidates every fact (above)")
        return timer
    started = time.perf_counter()
    questions = [("picture", a, None) for a in actors] + [("timeline", a, None) for a in actors]
    questions.append(("timeline", "CAN", "IMPACT"))
    sizes = {}
    for what, actor, op in questions:
        if what == "picture":
            parts = ("picture", actor)
            build = lambda a=actor: api.picture(a).to_dict()  # noqa: E731
        else:
            parts = ("timeline", actor, op)
            build = lambda a=actor, o=op: api.timeline(a, o).to_dict()  # noqa: E731
        sizes[what, actor, op] = [len(json.dumps(stored(engine, parts, build, head=head))) / 1e6
                                  for head in (True, False)]
    print(f"{'one-off: store the CLI answers below':48} {backend:10} "
          f"{(time.perf_counter() - started) * 1000:9.0f}", flush=True)
    # as `sitrep picture X` / `sitrep timeline X` ask by default (each list's first HEAD items,
    # the stored short answer), then with --all (the whole answer). Each is a new process whose
    # heap holds little else, so what this one holds is moved out of the collector's sight
    # first: otherwise a collection walking this benchmark's own objects lands in a timing.
    gc.collect()
    gc.freeze()
    for every in (False, True):
        for what, actor, op in questions:
            size = sizes[what, actor, op][every]
            name = (f"cli {what} {actor}" + (f" --operation {op}" if op else "")
                    + (" --all" if every else "") + f" ({size:.2f} MB)")
            limit = None if every else HEAD
            if what == "picture":
                timer.run(name, lambda i, a=actor, n=limit: Sitrep(engine).stored_picture(a, n))
            else:
                timer.run(name, lambda i, a=actor, o=op, n=limit:
                          Sitrep(engine).stored_timeline(a, o, n))
    gc.unfreeze()
    return timer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db", type=Path, default=None,
                    help="SQLite file (default /tmp/sitrep-bench-N.db)")
    ap.add_argument("--pg-dir", type=Path, default=Path("/tmp/sitrep-bench-pg"))
    ap.add_argument("--only", help="time only the queries whose name this regex finds")
    args = ap.parse_args()
    Timer.only = re.compile(args.only) if args.only else None
    os.environ.setdefault("SITREP_BACKUP_DIR", "/tmp")  # pg_dump before a schema upgrade
    results: list[Timer] = []
    if args.backend in ("sqlite", "both"):
        path = args.db or Path(f"/tmp/sitrep-bench-{args.facts}.db")
        engine = build_sqlite(path, args.facts)
        print(f"\nSQLite {path} ({path.stat().st_size / 1e6:,.0f} MB), {args.facts:,} facts")
        results.append(bench(engine, "sqlite", args.facts, args.repeat))
        engine.dispose()
        gc.collect()
    if args.backend in ("postgresql", "both"):
        from pgserver import PostgresUnavailable, database, server

        try:
            with server(args.pg_dir) as admin:
                engine = build_postgresql(database(admin, f"bench_{args.facts}"), args.facts)
                print(f"\nPostgreSQL ({engine.dialect.server_version_info}), "
                      f"{args.facts:,} facts")
                results.append(bench(engine, "postgresql", args.facts, args.repeat))
                engine.dispose()
        except PostgresUnavailable as exc:
            print(f"PostgreSQL skipped: {exc}")
    rows = [r for t in results for r in t.rows]
    slow = [r for r in rows if r[4] > BUDGET_MS]
    print(f"\n{len(rows) - len(slow)} of {len(rows)} queries within p95 <= {BUDGET_MS:.0f} ms "
          "(repeats after the first call; the web's whole-store reads and pictures are then "
          "cached in memory, the CLI's pictures stored in the database)"
          + (":" if slow else ""))
    for r in slow:
        print("  over: " + _line(r))


if __name__ == "__main__":
    main()
