"""Synthetic corpora for the query and load benchmarks: N facts over N/10 documents, in the
shape `sitrep ingest` stores (GOLD.md records, evidence offsets into the document text, the
`country`/`date` columns filled as `store.db` fills them), loaded in large batches.

    build_sqlite(Path("/tmp/q.db"), 1_000_000)      # reused when it already holds N facts
    build_postgresql(url, 1_000_000)                # COPY; reused likewise

Kinds, states, groups, operations, cities and dates are spread so that filters and pictures
select realistic fractions (a state ~1/40 of the facts, a kind 2-20%)."""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Engine, func, insert, select, text

from sitrep.store import schema
from sitrep.store.db import _fact_row, open_db

STATES = ["CAN", "USA", "GBR", "FRA", "DEU", "ITA", "AUS", "DNK", "NLD", "NOR", "ESP", "IRQ",
          "SYR", "TUR", "JOR", "SAU", "ARE", "QAT", "BEL", "POL", "EST", "LVA", "LTU", "UKR",
          "RUS", "ISR", "EGY", "LBY", "NGA", "MLI", "NER", "TCD", "SOM", "KEN", "AFG", "PAK",
          "IND", "JPN", "KOR", "NZL"]
GROUPS = ["Global Coalition against Daesh", "NATO", "coalition", "European Union",
          "African Union", "United Nations"]
OPS = ["Operation IMPACT", "Operation Inherent Resolve", "Operation Shader",
       "Operation REASSURANCE", "Operation UNIFIER", "Operation Chammal", None]
CITIES = {"Brussels": ("BEL", 50.85, 4.35), "Paris": ("FRA", 48.86, 2.35),
          "Washington": ("USA", 38.9, -77.04), "Rome": ("ITA", 41.9, 12.5),
          "Kuwait City": ("KWT", 29.37, 47.98), "Baghdad": ("IRQ", 33.31, 44.36),
          "Mosul": ("IRQ", 36.34, 43.13), "Raqqa": ("SYR", 35.95, 39.01),
          "Aleppo": ("SYR", 36.2, 37.16), "Kabul": ("AFG", 34.53, 69.17),
          "Mogadishu": ("SOM", 2.04, 45.34), "Kyiv": ("UKR", 50.45, 30.52)}
ATTACK_CITIES = ["Baghdad", "Mosul", "Raqqa", "Aleppo", "Kabul", "Mogadishu", "Kyiv"]
SURNAMES = ["Sajjan", "Carter", "Mattis", "Fallon", "Le Drian", "Pinotti", "Payne", "Hennis",
            "Austin", "Wallace", "Parly", "Lambrecht", "Marles", "Anand", "Kallas", "Reznikov"]
EVENTS = ["ASSAULT", "CONSULT", "AID", "COERCE", "AGREE", "THREATEN", "COOPERATE", "MOBILIZE"]
KINDS = ["events", "persons", "organizations", "quotes", "meetings", "deployments", "attacks",
         "commitments", "memberships", "group_sizes", "operations"]
WEIGHTS = [22, 14, 10, 10, 9, 9, 8, 6, 5, 4, 3]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def fact(rng: random.Random, kind: str, published: str) -> tuple[dict[str, Any], str]:
    """(GOLD.md record, evidence sentence) for one synthetic fact of `kind`."""
    state = rng.choice(STATES)
    name = rng.choice(SURNAMES)
    if kind == "persons":
        full = f"{name[0]}. {name}" if rng.random() < .3 else name
        return ({"name": full, "role": rng.choice(["Defence Minister", "Minister", None]),
                 "country": state}, f"{full} of {state} spoke.")
    if kind == "organizations":
        group = rng.choice(GROUPS[:2])
        return ({"name": group, "kind": "coalition", "code": "GCAD" if "Daesh" in group
                 else "NATO", "country": None, "aliases": []}, f"The {group} met.")
    if kind == "operations":
        op = rng.choice(OPS[:-1])
        return {"name": op, "country": state}, f"{op} continues."
    if kind == "meetings":
        city = rng.choice(list(CITIES))
        return ({"name": rng.choice(["meeting", "ministerial", "NATO Summit"]),
                 "date": published[:8] + f"{rng.randint(1, 28):02d}", "city": city,
                 "country": CITIES[city][0], "chairs": rng.sample(STATES[:12], 2),
                 "participants": rng.sample(STATES, 4), "groups": []},
                f"Ministers met in {city}.")
    if kind == "group_sizes":
        group = rng.choice(GROUPS)
        return ({"group": group, "count": rng.randint(60, 85), "unit": "members"},
                f"The {group} has members.")
    if kind == "deployments":
        count = rng.choice([69, 600, 830, 850, 250, 1200, 40])
        return ({"country": state, "operation": rng.choice(OPS), "count": count,
                 "qualifier": rng.choice(["about", "up to", None]),
                 "unit": rng.choice(["personnel", "aircraft", "troops"]),
                 "as_of": rng.choice([None, published[:7]]), "additional": False},
                f"{state} deployed {count} personnel.")
    if kind == "quotes":
        return ({"speaker": name, "country": state, "role": None,
                 "text": f"We will defeat Daesh in {rng.choice(list(CITIES))}, number "
                         f"{rng.randint(1, 5000)}"}, f"\"We will defeat Daesh,\" {name} said.")
    if kind == "attacks":
        city = rng.choice(ATTACK_CITIES)
        return ({"perpetrator": rng.choice(["Daesh", "ISIS", "al-Shabaab", None]),
                 "location_country": CITIES[city][0], "city": city, "date": published,
                 "killed": rng.randint(1, 50), "injured": rng.randint(0, 90)},
                f"An attack in {city} killed people.")
    if kind == "memberships":
        group = rng.choice(GROUPS)
        return {"group": group, "members": rng.sample(STATES, 4)}, f"{group} members."
    if kind == "commitments":
        return ({"actor": state, "date": published[:7],
                 "what": f"send {rng.randint(1, 40) * 25} trainers to Iraq"},
                f"{state} will send trainers.")
    city = rng.choice(list(CITIES))
    iso, lat, lon = CITIES[city]
    return ({"id": "", "date": published, "event": rng.choice(EVENTS), "mode": None,
             "context": ["military"], "modality": "asserted",
             "actor": [{"code": state, "sector": "GOV", "entity_text": state}],
             "recipient": [{"code": rng.choice(["ISIL", "IRQ", "SYR", "UKR"]), "sector": "REB"}],
             "event_loc": {"name": city, "country": iso, "lat": lat, "lon": lon,
                           "kind": "city"}, "cameo": "190", "quad_class": 4,
             "goldstein": -10.0}, f"{state} forces struck near {city}.")


def rows(n_facts: int, per_doc: int = 10, seed: int = 7
         ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    """(document, mentions, facts) rows, one document at a time."""
    rng = random.Random(seed)
    for i in range(n_facts // per_doc):
        h = f"{i:064x}"
        published = _date(rng)
        sentences, facts = [], []
        offset = 0
        for _ in range(per_doc):
            kind = rng.choices(KINDS, WEIGHTS)[0]
            data, sentence = fact(rng, kind, published)
            if kind == "events":
                data["id"] = f"bench-{i}-{len(facts)}"
            f = SimpleNamespace(kind=kind, data=data, start=offset, end=offset + len(sentence),
                                evidence=sentence, confidence=round(rng.random(), 3))
            facts.append(_fact_row(h, f))
            sentences.append(sentence)
            offset += len(sentence) + 1
        body = " ".join(sentences)
        op = rng.choice(OPS[:-1])
        doc = {"hash": h, "id": f"bench-{i}", "title": f"Synthetic release {i} on {op}",
               "url": f"https://example.org/{i}", "published": published,
               "publisher": rng.choice(["DND", "DoD", "MoD", "Reuters"]), "source": "bench",
               "text": f"{body} The Global Coalition against Daesh and {op} were named.",
               "ingested_at": "2025-01-01T00:00:00"}
        at = len(body) + 5
        mentions = [
            {"doc_hash": h, "text": "Global Coalition against Daesh", "start": at, "end": at + 30,
             "type": "ORG", "code": "GCAD", "sector": None,
             "canonical": "Global Coalition against Daesh", "kind": "coalition"},
            {"doc_hash": h, "text": op, "start": at + 35, "end": at + 35 + len(op),
             "type": "OPERATION", "code": "CAN", "sector": None, "canonical": op,
             "kind": "operation"}]
        yield doc, mentions, facts


def stored_facts(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.facts)).scalar_one()


def _batches(n_facts: int, size: int = 50_000) -> Iterator[tuple[list, list, list]]:
    docs: list = []
    mentions: list = []
    facts: list = []
    for d, m, f in rows(n_facts):
        docs.append(d)
        mentions += m
        facts += f
        if len(facts) >= size:
            yield docs, mentions, facts
            docs, mentions, facts = [], [], []
    if docs:
        yield docs, mentions, facts


def build_sqlite(path: Path, n_facts: int) -> Engine:
    """A SQLite file holding `n_facts` synthetic facts (kept and reused when it already does)."""
    if path.exists():
        engine = open_db(str(path))
        if stored_facts(engine) == n_facts:
            return engine
        engine.dispose()
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
    started = time.perf_counter()
    engine = open_db(str(path))
    for docs, mentions, facts in _batches(n_facts):
        with engine.begin() as conn:
            conn.execute(insert(schema.documents), docs)
            conn.execute(insert(schema.mentions), mentions)
            conn.execute(insert(schema.facts), facts)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(f"  built {path} ({n_facts:,} facts) in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return engine


def _copy(cur: Any, table: str, cols: list[str], items: list[dict[str, Any]]) -> None:
    quoted = ", ".join(f'"{c}"' for c in cols)
    with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for item in items:
            copy.write_row([json.dumps(item[c]) if c == "data" else item[c] for c in cols])


def build_postgresql(url: str, n_facts: int) -> Engine:
    """A PostgreSQL database holding `n_facts` synthetic facts, loaded with COPY (reused when
    it already holds them)."""
    engine = open_db(url)
    if stored_facts(engine) == n_facts:
        _settled(engine)
        return engine
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE documents, mentions, facts, corrections RESTART IDENTITY"))
    doc_cols = [c.name for c in schema.documents.columns]
    mention_cols = [c.name for c in schema.mentions.columns if c.name != "pk"]
    fact_cols = [c.name for c in schema.facts.columns if c.name != "pk"]
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:  # type: ignore[attr-defined]
            for docs, mentions, facts in _batches(n_facts):
                _copy(cur, "documents", doc_cols, docs)
                _copy(cur, "mentions", mention_cols, mentions)
                _copy(cur, "facts", fact_cols, facts)
        raw.commit()
    finally:
        raw.close()
    _settled(engine)
    print(f"  loaded {n_facts:,} facts into PostgreSQL in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return engine


def _settled(engine: Engine, tries: int = 5) -> None:
    """Vacuum and analyze each table whose pages are not nearly all marked all-visible, as
    autovacuum leaves a table some time after a bulk load: index-only scans (the facts
    table's pages) read the heap otherwise. A VACUUM right after a load can leave pages
    unmarked (seen: `facts` at 0 of 41,608 after a database-wide VACUUM, and a page of quotes
    at 92 ms instead of 8), so each table is checked again after it and vacuumed until it is
    settled (at most `tries` times, a second apart)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("documents", "mentions", "facts"):
            for attempt in range(tries + 1):
                # the table's size from its file: relpages stays 0 until the first VACUUM or
                # ANALYZE, so a table fresh from COPY would look settled
                pages, visible = conn.execute(text(
                    "SELECT pg_relation_size(oid) / current_setting('block_size')::int, "
                    "relallvisible FROM pg_class WHERE relname = :t"), {"t": table}).one()
                if visible >= 0.95 * pages or attempt == tries:
                    break
                if attempt:
                    time.sleep(1)
                conn.execute(text(f"VACUUM (ANALYZE) {table}"))
                print(f"  vacuumed {table} ({visible:,} of {pages:,} pages were all-visible)",
                      file=sys.stderr)
