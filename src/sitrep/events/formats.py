"""Coded events out as PLOVER JSON Lines or as a CAMEO tab-separated file (Phoenix columns)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitrep.model import Extraction

# The column order of the Phoenix event data sets, one row per source-target dyad.
PHOENIX_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)
# A CAMEO file has no column for modality: only events that took place go there.
HAPPENED = frozenset({"asserted", "historical", "future"})


def plover_records(result: Extraction) -> Iterator[dict[str, Any]]:
    """Each event of a document as a PLOVER record with its source and evidence."""
    doc = result.document
    for fact in result.facts:
        if fact.kind != "events":
            continue
        yield {**fact.data, "document": doc.id, "url": doc.url, "publisher": doc.publisher,
               "evidence": fact.evidence, "start": fact.start, "end": fact.end,
               "confidence": fact.confidence}


def _clean(value: Any) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def cameo_rows(result: Extraction) -> Iterator[list[str]]:
    """Phoenix-ordered rows, one per (actor, recipient) pair of each event that took place.

    A "future" event here is already a promise (AGREE) or threat (THREATEN) that was made.
    """
    doc = result.document
    for rec in plover_records(result):
        if rec.get("modality") not in HAPPENED:
            continue
        date = rec.get("date") or ""
        ymd = (date + "--").split("-")[:3]
        loc = rec.get("event_loc") or {}
        targets = rec.get("recipient") or [None]
        for src in rec["actor"]:
            for tgt in targets:
                yield [_clean(x) for x in (
                    rec["id"], date.replace("-", ""), ymd[0], ymd[1], ymd[2],
                    (src["code"] or "") + (src.get("sector") or ""), src["code"],
                    src.get("sector"), "",
                    ((tgt["code"] or "") + (tgt.get("sector") or "")) if tgt else "",
                    tgt["code"] if tgt else "", tgt.get("sector") if tgt else "", "",
                    rec["cameo"], rec["cameo"][:2], rec["quad_class"], rec["goldstein"],
                    ";".join(rec.get("context") or []), loc.get("lat"), loc.get("lon"),
                    loc.get("name"), "", loc.get("country"), f"{doc.id}-{rec['start']}",
                    doc.url, doc.publisher)]
