"""Score the event coder against PLOVER gold sentences (the PLOVER_GSR JSON format).

Each gold record is one sentence with one event type and its source and target actors. The
coder runs on the sentence alone. Figures:
- type hit rate: the gold type is among the types coded for the sentence;
- type accuracy: the same, but a sentence coded with k distinct types earns 1/k, so that
  over-generation costs what it should;
- events per sentence;
- actor and recipient code F1 over (sentence, code) items, taking the coded event of the gold
  type where there is one, else the first coded event;
- a confusion table of gold type against the coded event chosen that way.
Negated and hypothetical events are not counted as coded: they did not happen.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import Counts

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT", "CRIME": "ACCUSE"}
NOT_HAPPENED = frozenset({"negated", "hypothetical"})


@dataclass
class GoldEvent:
    id: str
    text: str
    event: str
    source: set[str]
    target: set[str]


@dataclass
class EventReport:
    n: int = 0
    hits: int = 0
    credit: float = 0.0
    events: int = 0
    actor: Counts = field(default_factory=Counts)
    recipient: Counts = field(default_factory=Counts)
    confusion: Counter = field(default_factory=Counter)  # (gold, coded) -> n

    @property
    def hit_rate(self) -> float:
        return self.hits / self.n if self.n else 0.0

    @property
    def accuracy(self) -> float:
        return self.credit / self.n if self.n else 0.0

    @property
    def per_sentence(self) -> float:
        return self.events / self.n if self.n else 0.0

    @property
    def codes(self) -> Counts:
        return self.actor + self.recipient

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.n, "type_accuracy": round(self.accuracy, 3),
            "type_hit_rate": round(self.hit_rate, 3),
            "events_per_sentence": round(self.per_sentence, 3),
            "actor_f1": round(self.actor.f1 or 0.0, 3),
            "recipient_f1": round(self.recipient.f1 or 0.0, 3),
            "code_f1": round(self.codes.f1 or 0.0, 3),
            "code_precision": round(self.codes.precision or 0.0, 3),
            "code_recall": round(self.codes.recall or 0.0, 3),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def _codes(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {a["code"] for a in value if isinstance(a, dict) and a.get("code")}


def load_gold(path: Path) -> list[GoldEvent]:
    """Gold sentences with their event type mapped onto the 16 PLOVER types."""
    out = []
    for rec in json.loads(Path(path).read_text(encoding="utf-8")):
        event = OLD_LABELS.get(rec.get("event"), rec.get("event"))
        if not rec.get("text") or event == "DOCUMENT":
            continue
        out.append(GoldEvent(rec["id"], rec["text"], event, _codes(rec.get("source")),
                             _codes(rec.get("target"))))
    return out


def _add(counts: Counts, gold: set[str], pred: set[str]) -> None:
    counts.tp += len(gold & pred)
    counts.fp += len(pred - gold)
    counts.fn += len(gold - pred)


def score(gold: list[GoldEvent], coded: list[list[dict[str, Any]]]) -> EventReport:
    """Compare coded events (one list per gold sentence) with the gold."""
    report = EventReport()
    for g, events in zip(gold, coded, strict=True):
        events = [e for e in events if e.get("modality") not in NOT_HAPPENED]
        report.n += 1
        report.events += len(events)
        types = {e["event"] for e in events}
        if g.event in types:
            report.hits += 1
            report.credit += 1 / len(types)
        best = next((e for e in events if e["event"] == g.event), events[0] if events else None)
        report.confusion[(g.event, best["event"] if best else "NONE")] += 1
        _add(report.actor, g.source, _codes(best["actor"]) if best else set())
        _add(report.recipient, g.target, _codes(best["recipient"]) if best else set())
    return report


def _code(gold: list[GoldEvent]) -> list[list[dict[str, Any]]]:
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import text_hash
    from sitrep.model import Document

    docs = [Document(id=g.id, text=g.text, hash=text_hash(g.text)) for g in gold]
    return [[f.data for f in r.facts if f.kind == "events"] for r in extract_documents(docs)]


def run(path: Path, classifier: bool = True
        ) -> tuple[EventReport, list[GoldEvent], list[list[dict[str, Any]]]]:
    """Code every gold sentence with the full pipeline and score it (`classifier` False: with
    the rules alone)."""
    from sitrep.events.classifier import active, using

    gold = load_gold(path)
    with using(active() if classifier else None):
        coded = _code(gold)
    return score(gold, coded), gold, coded


def run_folds(path: Path, folds: int, seed: int = 0,
              own: list[tuple[list[str], str]] | None = None
              ) -> tuple[EventReport, list[GoldEvent], list[list[dict[str, Any]]]]:
    """Cross-validation of the type classifier: gold sentence i falls in fold i mod `folds`;
    each fold is coded by the full coder with a classifier trained on our own sentences
    (`own`, by default all of them) and the other folds only; the figures are pooled."""
    from sitrep.events.classifier import train, using
    from sitrep.events.train import featurize, own_data

    gold = load_gold(path)
    own = own_data(seed) if own is None else own
    features = featurize([g.text for g in gold])
    coded: list[list[dict[str, Any]]] = [[] for _ in gold]
    for k in range(folds):
        held = [i for i in range(len(gold)) if i % folds == k]
        rest = [(features[i], gold[i].event) for i in range(len(gold)) if i % folds != k]
        with using(train(own + rest, seed=seed)):
            for i, events in zip(held, _code([gold[i] for i in held]), strict=True):
                coded[i] = events
    return score(gold, coded), gold, coded


def confusion_table(report: EventReport) -> str:
    """Gold types down, coded types across (only those that occur)."""
    golds = sorted({g for g, _ in report.confusion})
    preds = sorted({p for _, p in report.confusion})
    width = max(len(p) for p in preds) if preds else 4
    head = " " * 10 + " ".join(p[:width].rjust(width) for p in preds)
    lines = [head]
    for g in golds:
        cells = " ".join(str(report.confusion.get((g, p), "") or ".").rjust(width) for p in preds)
        lines.append(g[:10].ljust(10) + cells)
    return "\n".join(lines)
