"""Score mention spans against the re3d entity annotations (shared/data/re3d).

re3d (Dstl) holds one folder per source, each with mongoexport JSON-lines files
`documents.json` ({_id, title, text, sourceName, ...}) and `entities.json`
({documentId, begin, end, type, value, confidence}), `confidence` being a number in [0, 1].
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import Counts, Report
from sitrep.model import Mention

Span = tuple[int, int, str]
Predictor = Callable[[str], list[Span]]

# The re3d entity types that are scored. The others are ignored: DocumentReference, Vehicle,
# Money, Coordinate, Frequency, CommsIdentifier, Url.
RE3D_TYPES: tuple[str, ...] = (
    "Person",
    "Organisation",
    "Location",
    "Nationality",
    "Temporal",
    "Quantity",
    "Weapon",
    "MilitaryPlatform",
)

# sitrep mention types -> re3d types; None: not scored. re3d annotates titles ("the Foreign
# Secretary", "Minister for the Middle East") as Person, so TITLE counts as Person.
OUR_TO_RE3D: dict[str, str | None] = {
    "PERSON": "Person",
    "TITLE": "Person",
    "ORG": "Organisation",
    "COUNTRY": "Location",
    "PLACE": "Location",
    "NORP": "Nationality",
    "DATE": "Temporal",
    "QUANTITY": "Quantity",
    "WEAPON": "Weapon",
    "PLATFORM": "MilitaryPlatform",
    "OPERATION": None,
}

# spaCy NER labels -> re3d types, for a bare-spaCy baseline. re3d files languages ("Arabic",
# "Kurmanji") under Nationality and percentages under Quantity; money has its own ignored type.
SPACY_TO_RE3D: dict[str, str | None] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Nationality",
    "LANGUAGE": "Nationality",
    "DATE": "Temporal",
    "TIME": "Temporal",
    "QUANTITY": "Quantity",
    "CARDINAL": "Quantity",
    "PERCENT": "Quantity",
    "MONEY": None,
    "ORDINAL": None,
}

MIN_CONFIDENCE = 0.5


@dataclass
class Re3dDoc:
    """One re3d document with its gold (start, end, re3d type) spans, sorted."""

    id: str
    text: str
    gold: list[Span] = field(default_factory=list)
    title: str = ""
    source: str = ""


def _read_lines(path: Path) -> list[dict[str, Any]]:
    """Records of a mongoexport file: JSON lines, or one JSON array."""
    raw = path.read_text(encoding="utf-8-sig").strip()
    if raw.startswith("["):
        return list(json.loads(raw))
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def _number(value: Any) -> float:
    """A plain or mongo-extended ({"$numberDouble": "0.9"}) number; 0.0 if unreadable."""
    if isinstance(value, dict):
        value = next(iter(value.values()), 0)
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _gold_span(entity: dict[str, Any], text: str, min_confidence: float) -> Span | None:
    if entity.get("type") not in RE3D_TYPES or _number(entity.get("confidence")) < min_confidence:
        return None
    start, end = int(_number(entity.get("begin"))), int(_number(entity.get("end")))
    if not 0 <= start < end <= len(text):
        return None
    piece = text[start:end]
    start, end = start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
    return (start, end, entity["type"]) if start < end else None


def _doc(record: dict[str, Any], folder: Path) -> Re3dDoc:
    return Re3dDoc(id=str(record["_id"]), text=record.get("text") or "",
                   title=record.get("title") or "", source=record.get("sourceName") or folder.name)


def _load_source(folder: Path, min_confidence: float) -> list[Re3dDoc]:
    docs = {str(d["_id"]): _doc(d, folder) for d in _read_lines(folder / "documents.json")}
    spans: dict[str, set[Span]] = defaultdict(set)
    entities = folder / "entities.json"
    for e in _read_lines(entities) if entities.exists() else []:
        doc = docs.get(str(e.get("documentId")))
        span = _gold_span(e, doc.text, min_confidence) if doc else None
        if span:
            spans[doc.id].add(span)
    for doc_id, found in spans.items():
        docs[doc_id].gold = sorted(found)
    return list(docs.values())


def load_re3d(root: str | Path, min_confidence: float = MIN_CONFIDENCE) -> list[Re3dDoc]:
    """Every document under `root/<source>/documents.json`, with the gold spans of the eight
    scored types whose confidence is at least `min_confidence`.

    Spans are trimmed of surrounding whitespace; blank or out-of-range spans are dropped (one
    re3d Person annotation covers a lone space) and identical spans merged.
    """
    folders = sorted(p.parent for p in Path(root).glob("*/documents.json"))
    return [doc for folder in folders for doc in _load_source(folder, min_confidence)]


def mentions_to_spans(
    mentions: Iterable[Mention], mapping: dict[str, str | None] = OUR_TO_RE3D
) -> list[Span]:
    """sitrep mentions as (start, end, re3d type), dropping types mapped to None or unknown."""
    return [(m.start, m.end, t) for m in mentions if (t := mapping.get(m.type))]


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _best_gold(pred: Span, gold: list[Span], used: set[int]) -> int | None:
    """The unmatched gold span of the same type overlapping `pred` most (ties: the first)."""
    best, best_len = None, 0
    for i, g in enumerate(gold):
        size = _overlap(pred, g)
        if i not in used and g[2] == pred[2] and size > best_len:
            best, best_len = i, size
    return best


def score_spans(gold: list[Span], pred: Iterable[Span]) -> dict[str, Counts]:
    """Counts per re3d type for one document.

    Predictions are taken in text order, exact duplicates once, types outside RE3D_TYPES
    ignored. A prediction is a TP when it overlaps (shares at least one character with) a
    not-yet-matched gold span of its type, the largest overlap winning; else an FP. Each gold
    span is matched at most once; the unmatched ones are FNs.
    """
    counts = {t: Counts() for t in RE3D_TYPES}
    used: set[int] = set()
    for p in sorted({p for p in pred if p[2] in counts}):
        hit = _best_gold(p, gold, used)
        if hit is None:
            counts[p[2]].fp += 1
        else:
            used.add(hit)
            counts[p[2]].tp += 1
    for i, g in enumerate(gold):
        if i not in used:
            counts[g[2]].fn += 1
    return counts


def score_mentions(docs: Iterable[Re3dDoc], predict: Predictor) -> Report:
    """Per-type and micro-averaged ("all") counts of `predict(text)` spans against the gold."""
    report = Report(counts={t: Counts() for t in RE3D_TYPES}, label="type")
    for doc in docs:
        pred = [(int(s), int(e), str(t)) for s, e, t in predict(doc.text)]
        report.add(score_spans(doc.gold, pred))
    return report


def run(root: str | Path, predict: Predictor) -> dict[str, Report]:
    """Load re3d from `root` and score `predict`: on every document ("all") and on each part of
    the held-out split ("dev", "test")."""
    from sitrep.evaluate.split import by_part

    docs = load_re3d(root)
    reports = {"all": score_mentions(docs, predict)}
    for part, members in by_part((d.id, d) for d in docs).items():
        reports[part] = score_mentions(members, predict)
    return reports
