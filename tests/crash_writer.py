"""Store pickled extractions, COPIES times each, with `store_extraction` (what `sitrep ingest`
calls). The crash test kills this process at random moments: it spends nearly all its time
inside the store, so kills land mid-transaction.

    python crash_writer.py EXTRACTIONS.pickle DB COPIES

Prints `ready` once the database is open, then `begin HASH` before and `done HASH` after each
document, so the test knows which one was in flight.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from dataclasses import replace

from sitrep.model import Extraction
from sitrep.store.db import open_db, store_extraction


def copy_of(extraction: Extraction, number: int) -> Extraction:
    """The extraction under a distinct document hash (the store's identity) and id."""
    doc = extraction.document
    digest = hashlib.sha256(f"{doc.hash}:{number}".encode()).hexdigest()
    return replace(extraction, document=replace(doc, hash=digest, id=f"{doc.id}#{number}"))


def main(pickled: str, db: str, copies: int) -> None:
    with open(pickled, "rb") as handle:
        extractions: list[Extraction] = pickle.load(handle)
    engine = open_db(db)
    print("ready", flush=True)
    for number in range(copies):
        for extraction in extractions:
            item = copy_of(extraction, number)
            print("begin", item.document.hash, flush=True)
            store_extraction(engine, item)
            print("done", item.document.hash, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
