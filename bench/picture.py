"""Benchmark: consolidate N synthetic facts (default 100,000) stored in a SQLite database.

    .venv/bin/python bench/picture.py [--facts 100000] [--db /tmp/bench_picture.db]

Prints the time to read, correct, resolve, merge and build series for every fact, and facts/s.
The facts are generated in GOLD.md shape over many documents, groups, states and operations."""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from sqlalchemy import insert

from sitrep.picture import Sitrep
from sitrep.picture.consolidate import consolidate
from sitrep.store import schema
from sitrep.store.db import open_db

STATES = ["CAN", "USA", "GBR", "FRA", "DEU", "ITA", "AUS", "DNK", "NLD", "NOR", "ESP", "IRQ"]
GROUPS = ["Global Coalition against Daesh", "NATO", "coalition", "European Union"]
OPS = ["Operation IMPACT", "Operation Inherent Resolve", "Operation Shader", None]
CITIES = ["Brussels", "Paris", "Washington", "Rome", "Kuwait City", "Baghdad", "Mosul"]
SURNAMES = ["Sajjan", "Carter", "Mattis", "Fallon", "Le Drian", "Pinotti", "Payne", "Hennis"]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _fact(rng: random.Random, published: str) -> tuple[str, dict, str | None]:
    kind = rng.choice(["persons", "meetings", "group_sizes", "deployments", "quotes",
                       "attacks", "memberships", "commitments", "organizations", "events"])
    state = rng.choice(STATES)
    name = rng.choice(SURNAMES)
    if kind == "persons":
        return kind, {"name": f"{name[0]}. {name}" if rng.random() < .3 else name,
                      "role": rng.choice(["Defence Minister", "Minister", None]),
                      "country": state}, state
    if kind == "meetings":
        return kind, {"name": "meeting", "date": published[:8] + f"{rng.randint(1, 28):02d}",
                      "city": rng.choice(CITIES), "country": state,
                      "chairs": rng.sample(STATES, 2), "participants": rng.sample(STATES, 3)}, state
    if kind == "group_sizes":
        return kind, {"group": rng.choice(GROUPS), "count": rng.randint(60, 85),
                      "unit": "members"}, None
    if kind == "deployments":
        return kind, {"country": state, "operation": rng.choice(OPS),
                      "count": rng.choice([69, 600, 830, 850, 250]),
                      "qualifier": rng.choice(["about", "up to", None]),
                      "unit": rng.choice(["personnel", "aircraft"]), "as_of": None}, state
    if kind == "quotes":
        return kind, {"speaker": name, "country": state,
                      "text": f"We will defeat Daesh number {rng.randint(1, 500)}"}, state
    if kind == "attacks":
        return kind, {"perpetrator": rng.choice(["Daesh", "ISIS", None]),
                      "location_country": "IRQ", "city": rng.choice(CITIES[-2:]),
                      "date": published, "killed": rng.randint(1, 50)}, "IRQ"
    if kind == "memberships":
        return kind, {"group": rng.choice(GROUPS), "members": rng.sample(STATES, 4)}, None
    if kind == "commitments":
        return kind, {"actor": state, "date": published[:7],
                      "what": f"send {rng.randint(1, 9) * 50} trainers"}, state
    if kind == "events":
        return kind, {"event": rng.choice(["ASSAULT", "CONSULT", "AID"]), "date": published,
                      "actor": [{"code": state}], "recipient": [{"code": "ISIL"}]}, state
    return kind, {"name": "Global Coalition against Daesh", "kind": "coalition",
                  "code": "GCAD", "aliases": []}, None


def build(path: Path, n_facts: int, per_doc: int = 10, seed: int = 7) -> None:
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    engine = open_db(str(path))
    docs, facts, mentions = [], [], []
    for i in range(n_facts // per_doc):
        h = f"{i:064x}"
        published = _date(rng)
        docs.append({"hash": h, "id": f"bench-{i}", "published": published, "text": "x",
                     "ingested_at": "2025-01-01T00:00:00"})
        mentions.append({"doc_hash": h, "text": "Global Coalition against Daesh", "start": 0,
                         "end": 30, "type": "ORG", "code": "GCAD", "kind": "coalition"})
        for j in range(per_doc):
            kind, data, country = _fact(rng, published)
            facts.append({"doc_hash": h, "kind": kind, "country": country, "date": None,
                          "data": data, "start": j * 100, "end": j * 100 + 90,
                          "evidence": "synthetic sentence", "confidence": rng.random()})
    with engine.begin() as conn:
        conn.execute(insert(schema.documents), docs)
        conn.execute(insert(schema.mentions), mentions)
        conn.execute(insert(schema.facts), facts)
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench_picture.db"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    build(args.db, args.facts)
    print(f"generated {args.facts} facts in {time.perf_counter() - t0:.1f} s")
    engine = open_db(str(args.db))
    result = consolidate(engine)
    n = len(result.facts) + len(result.rejected)
    print(f"consolidated {n} facts in {result.seconds:.2f} s ({n / result.seconds:,.0f} facts/s)")
    print(f"  series: {len(result.group_sizes)} group sizes, {len(result.deployments)} "
          f"deployments; {len(result.meetings)} merged meetings, {len(result.quotes)} quotes, "
          f"{len(result.attacks)} attacks, {len(result.actors.persons)} persons")
    s = Sitrep(engine)
    s._cache = result
    t1 = time.perf_counter()
    for q in ("CAN", "Global Coalition", "Operation IMPACT", "ISIS"):
        s.picture(q)
    print(f"4 pictures from the consolidation in {time.perf_counter() - t1:.2f} s")


if __name__ == "__main__":
    main()
