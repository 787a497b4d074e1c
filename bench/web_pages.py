"""Web page latency on a large database: the sample corpus's facts copied until the store holds
`--facts` facts (default 100,000), then each page and API twin fetched through the ASGI app.

    .venv/bin/python bench/web_pages.py --facts 100000 [--db /tmp/web-bench.db]

Prints the database size and, per URL, the first (cold) and the median of 3 warm timings."""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select


def build(path: Path, target: int) -> None:
    """Sample corpus once (extracted), then copies of its rows under new hashes."""
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import read_inputs
    from sitrep.sample import sample_dir
    from sitrep.store import schema
    from sitrep.store.db import open_db, store_extraction

    engine = open_db(str(path))
    docs = list(read_inputs(sorted(str(p) for p in sample_dir().glob("*.txt"))))
    for result in extract_documents(docs):
        store_extraction(engine, result)
    d, m, f = schema.documents, schema.mentions, schema.facts
    with engine.begin() as conn:
        base_docs = [dict(r._mapping) for r in conn.execute(select(d))]
        base_m = [dict(r._mapping) for r in conn.execute(select(m))]
        base_f = [dict(r._mapping) for r in conn.execute(select(f))]
        per_copy = len(base_f)
        copy = 0
        while conn.execute(select(func.count()).select_from(f)).scalar_one() < target:
            copy += 1
            new = {}
            rows = []
            for doc in base_docs:
                h = hashlib.sha256(f"{doc['hash']}:{copy}".encode()).hexdigest()
                new[doc["hash"]] = h
                rows.append({**doc, "hash": h, "id": f"{doc['id']}-copy{copy}"})
            conn.execute(insert(d), rows)
            conn.execute(insert(m), [{**{k: v for k, v in r.items() if k != "pk"},
                                      "doc_hash": new[r["doc_hash"]]} for r in base_m])
            conn.execute(insert(f), [{**{k: v for k, v in r.items() if k != "pk"},
                                      "doc_hash": new[r["doc_hash"]]} for r in base_f])
            if copy % 100 == 0:
                print(f"  {copy} copies ({copy * per_copy} facts)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/sitrep-web-bench.db"))
    args = ap.parse_args()
    if not args.db.exists():
        t = time.perf_counter()
        build(args.db, args.facts)
        print(f"built {args.db} in {time.perf_counter() - t:.0f} s")
    from fastapi.testclient import TestClient

    from sitrep.store.db import counts, open_db
    from sitrep.web import create_app

    n = counts(open_db(str(args.db)))
    print(f"documents {n['documents']}, mentions {n['mentions']}, "
          f"facts {sum(v for k, v in n.items() if k not in ('documents', 'mentions'))}")
    client = TestClient(create_app(str(args.db)))
    urls = ["/", "/api/home", "/facts", "/facts?kind=deployments&country=CAN&sort=confidence",
            "/facts?page=1500", "/api/facts?kind=events&date_from=2016&date_to=2016",
            "/api/facts.csv?kind=attacks", "/document/sample-06-paris-ministerial-2016",
            "/map", "/api/map?kind=events", "/search?q=Karrada",
            "/actor/Global%20Coalition%20against%20Daesh", "/actor/CAN", "/review",
            "/api/review?kind=quotes"]
    print(f"{'url':60} {'cold ms':>9} {'warm ms':>9}")
    for url in urls:
        times = []
        for _ in range(4):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{url[:60]:60} {times[0]:9.0f} {statistics.median(times[1:]):9.0f}")


if __name__ == "__main__":
    main()
