"""Re-extraction: replace one stored document's mentions and facts in one transaction.

Analyst corrections are not touched: they name facts by content (see sitrep.picture.keys),
so they apply to the new facts as they did to the old ones."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, update

from sitrep.extract.spool import Spooled
from sitrep.model import Extraction
from sitrep.store import schema
from sitrep.store.db import discard, has_document, insert_results


def replace_extraction(engine: Engine, extraction: Extraction | Spooled) -> bool:
    """Store the extraction, replacing the document's earlier mentions and facts if it is
    already stored. Returns True when an earlier extraction was replaced. A spooled
    extraction's file is removed afterwards."""
    try:
        return _replace(engine, extraction)
    finally:
        discard(extraction)


def _replace(engine: Engine, extraction: Extraction | Spooled) -> bool:
    d = extraction.document
    existed = has_document(engine, d.hash)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with engine.begin() as conn:
        if existed:
            conn.execute(delete(schema.facts).where(schema.facts.c.doc_hash == d.hash))
            conn.execute(delete(schema.mentions).where(schema.mentions.c.doc_hash == d.hash))
            conn.execute(update(schema.documents).where(schema.documents.c.hash == d.hash)
                         .values(id=d.id, title=d.title, url=d.url, published=d.published,
                                 publisher=d.publisher, source=d.source, ingested_at=now))
        else:
            conn.execute(insert(schema.documents).values(
                hash=d.hash, id=d.id, title=d.title, url=d.url, published=d.published,
                publisher=d.publisher, source=d.source, text=d.text, ingested_at=now))
        insert_results(conn, extraction)
    return existed
